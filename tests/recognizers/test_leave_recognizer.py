import pytest

from recognizers.hr import LeaveRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("starting FMLA leave next week", ["FMLA leave"], (0.6, 0.6)),
    ("on maternity leave until June", ["maternity leave"], (0.6, 0.6)),
    ("filed for short-term disability", ["short-term disability"], (0.6, 0.6)),
    ("please leave a comment", [], (0, 1)),
    ("leave the meeting early", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_leave(text, expected, scores):
    assert_spans(LeaveRecognizer(), text, expected, scores)
