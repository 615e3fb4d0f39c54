import pytest

from recognizers.tax import UsEinRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("Employer EIN 12-3456789", ["12-3456789"], (1.0, 1.0)),
    ("FEIN: 94-1234567.", ["94-1234567"], (1.0, 1.0)),
    ("prefix 07 is not assigned: 07-1234567", [], (0, 1)),
    ("a date 2026-06-18 is not an EIN", [], (0, 1)),
    ("version 12-34567 is too short", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_us_ein(text, expected, scores):
    assert_spans(UsEinRecognizer(), text, expected, scores)
