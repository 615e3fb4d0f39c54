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


@pytest.mark.parametrize(
    "text,expected",
    [
        # what a role pays, in a posting or a band table, is no one's pay
        ("Job posting: Staff Engineer, salary range $160,000–$190,000 plus equity", []),
        ("L4 band: $120k to $150k base", []),
        # someone's own offer, even as a range, is theirs
        ("my offer came in at $140,000–$150,000 base salary", ["$140,000", "$150,000"]),
    ],
)
def test_a_pay_range_in_a_posting_is_no_ones_pay(text, expected):
    assert_spans(CompensationRecognizer(), text, expected)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("my offer includes 12,000 RSUs over four years", ["12,000 RSUs"]),
        ("she was granted 4,000 stock options in March", ["4,000 stock options"]),
        # a cap table's or a filing's shares are the company's
        ("Series A preferred 2,000,000 shares", []),
        ("The company repurchased 150,000 shares in Q2", []),
    ],
)
def test_an_equity_grant_is_someones(text, expected):
    assert_spans(CompensationRecognizer(), text, expected)
