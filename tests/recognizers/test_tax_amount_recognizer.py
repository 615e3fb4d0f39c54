import pytest

from recognizers.tax import TaxAmountRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("my refund was $1,234.56 this year", ["$1,234.56"], (0.6, 0.6)),
    ("AGI of $84,000", ["$84,000"], (0.6, 0.6)),
    ("federal income tax withheld $9,120.00", ["$9,120.00"], (0.6, 0.6)),
    ("the lunch cost $12.50", [], (0, 1)),
    ("refund policy: no money back", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_tax_amount(text, expected, scores):
    assert_spans(TaxAmountRecognizer(), text, expected, scores)
