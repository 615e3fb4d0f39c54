import pytest

from recognizers.credentials import SecretTokenRecognizer
from tests.recognizers.helpers import assert_spans

GH = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
CASES = [
    ("aws_access_key_id = AKIAIOSFODNN7EXAMPLE", ["AKIAIOSFODNN7EXAMPLE"], (0.85, 0.9)),
    (f"export GITHUB_TOKEN={GH}", [GH], (0.85, 0.9)),
    ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9abcdefghijk", ["eyJhbGciOiJIUzI1NiJ9abcdefghijk"], (0.85, 0.9)),
    ("clone https://deploy:Sup3rSecret@git.example.com/r.git", ["deploy:Sup3rSecret"], (0.9, 0.9)),
    ("the api key goes in the vault", [], (0, 1)),
    ("commit 9fceb02d0ae598e95dc970b74767f19372d61af8", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_secret_token(text, expected, scores):
    assert_spans(SecretTokenRecognizer(), text, expected, scores)


def test_uses_detect_secrets_plugins():
    names = {p.name for p in SecretTokenRecognizer().patterns}
    assert any(n.startswith("AWSKeyDetector") for n in names)
    assert any(n.startswith("SlackDetector") for n in names)
