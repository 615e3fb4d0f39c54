import pytest

from recognizers.tax import UsItinChecksumRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("ITIN 912-78-1234 for the return", ["912-78-1234"], (1.0, 1.0)),
    ("itin 900 94 5555", ["900 94 5555"], (1.0, 1.0)),
    # groups 50-65 are issued since 2011 (stdnum lacks them); a dashed ITIN needs no context
    ("the value 931-57-2468 appears", ["931-57-2468"], (1.0, 1.0)),
    ("bare 912781234 is weak", ["912781234"], (0.0, 0.1)),
    ("group 93 is invalid: 912-93-1234", [], (0, 1)),
    ("an ssn 123-45-6789 is not an itin", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_us_itin(text, expected, scores):
    assert_spans(UsItinChecksumRecognizer(), text, expected, scores)
