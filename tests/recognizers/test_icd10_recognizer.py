import pytest

from recognizers.medical import Icd10Recognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("coded as F32.9 today", ["F32.9"], (0.5, 0.5)),
    ("O09.891 on the claim", ["O09.891"], (0.5, 0.5)),
    ("diagnosis code: E119", ["E119"], (0.85, 0.85)),
    ("ICD-10 I10", ["I10"], (0.85, 0.85)),
    ("version U12.3 uses the reserved letter U", [], (0, 1)),
    ("room B12 without context", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_icd10(text, expected, scores):
    assert_spans(Icd10Recognizer(), text, expected, scores)
