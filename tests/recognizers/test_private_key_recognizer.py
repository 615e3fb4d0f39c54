import pytest

from recognizers.credentials import PrivateKeyRecognizer
from tests.recognizers.helpers import assert_spans

BLOCK = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n-----END RSA PRIVATE KEY-----"
TRUNCATED = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA"
CASES = [
    (f"is this right?\n{BLOCK}\nthanks", [BLOCK], (1.0, 1.0)),
    (f"cut off: {TRUNCATED}", [TRUNCATED], (1.0, 1.0)),
    ("-----BEGIN PUBLIC KEY-----\nMFwwDQYJ\n-----END PUBLIC KEY-----", [], (0, 1)),
    ("where is the private key stored?", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_private_key(text, expected, scores):
    assert_spans(PrivateKeyRecognizer(), text, expected, scores)
