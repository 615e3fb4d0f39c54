import pytest

from recognizers.medical import NpiRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("Provider NPI 1234567893", ["1234567893"], (0.3, 0.3)),
    ("npi 1245319599 on the claim", ["1245319599"], (0.3, 0.3)),
    ("1234567890 fails the check digit", [], (0, 1)),
    ("3234567893 starts with 3", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_npi(text, expected, scores):
    assert_spans(NpiRecognizer(), text, expected, scores)
