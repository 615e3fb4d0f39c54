import pytest

from recognizers.medical import MedicalRecordNumberRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("MRN: 4829301", ["4829301"], (0.85, 0.85)),
    ("medical record number MR-77812", ["MR-77812"], (0.85, 0.85)),
    ("chart # A1234567 reviewed", ["A1234567"], (0.85, 0.85)),
    ("MRN pending", [], (0, 1)),
    ("ticket 4829301 without context", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_medical_record_number(text, expected, scores):
    assert_spans(MedicalRecordNumberRecognizer(), text, expected, scores)
