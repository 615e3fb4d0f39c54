import pytest

from recognizers.financial import BankAccountRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("checking account number 123456789012", ["123456789012"], (0.6, 0.7)),
    ("acct: 4455 6677 88", ["4455 6677 88"], (0.6, 0.7)),
    ("savings 00012345", ["00012345"], (0.6, 0.7)),
    ("ticket 123456789012 without context", [], (0, 1)),
    ("account 12345 is too short", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_bank_account(text, expected, scores):
    assert_spans(BankAccountRecognizer(), text, expected, scores)
