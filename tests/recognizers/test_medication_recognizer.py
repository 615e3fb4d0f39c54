import pytest

from recognizers.medical import MedicationRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("taking Metformin 500 mg", ["Metformin"], (0.6, 0.6)),
    ("switched from zoloft to lexapro", ["zoloft", "lexapro"], (0.6, 0.6)),
    ("refill my Z-Pak", ["Z-Pak"], (0.6, 0.6)),
    ("prep the meeting notes", [], (0, 1)),
    ("metformins is not a word", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_medication(text, expected, scores):
    assert_spans(MedicationRecognizer(), text, expected, scores)
