import pytest

from recognizers.hr import CompensationRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("base salary of $145,000 plus", ["$145,000"], (0.6, 0.6)),
    ("they offered $120k", ["$120k"], (0.6, 0.6)),
    ("Approve $196,000 offer", ["$196,000"], (0.6, 0.6)),
    ("a 4% raise this year", ["4%"], (0.6, 0.6)),
    ("granted 5,000 RSUs", ["5,000 RSUs"], (0.6, 0.6)),
    ("lunch was $14", [], (0, 1)),
    ("CPU at 95% for an hour", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_compensation(text, expected, scores):
    assert_spans(CompensationRecognizer(), text, expected, scores)
