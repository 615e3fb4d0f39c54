import pytest

from recognizers.credentials import PasswordRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("my password is Hunter2!x", ["Hunter2!x"], (0.8, 0.8)),
    ("password: s3cr3t-99", ["s3cr3t-99"], (0.8, 0.8)),
    ("pw=abc123xyz", ["abc123xyz"], (0.8, 0.8)),
    ("wifi key is Maple1036@, thanks", ["Maple1036@"], (0.8, 0.8)),
    ("the password policy requires 12 characters", [], (0, 1)),
    ("reset password for everyone", [], (0, 1)),
    ("Your password is expired", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_password(text, expected, scores):
    assert_spans(PasswordRecognizer(), text, expected, scores)
