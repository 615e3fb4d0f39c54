import pytest

from recognizers.identity import UkNationalInsuranceRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("my NI number is AB 12 34 56 C", ["AB 12 34 56 C"], (1.0, 1.0)),
    ("nino: CE123456D on the form", ["CE123456D"], (1.0, 1.0)),
    ("GB 12 34 56 A is never issued", [], (0, 1)),
    ("QQ 12 34 56 C uses a letter never issued", [], (0, 1)),
    ("suffix E is not a NINO: AB 12 34 56 E", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_uk_nino(text, expected, scores):
    assert_spans(UkNationalInsuranceRecognizer(), text, expected, scores)
