import pytest

from recognizers.medical import MedicalConditionRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("I was diagnosed with Type 2 Diabetes", ["Type 2 Diabetes"], (0.6, 0.6)),
    ("her asthma and migraines", ["asthma", "migraines"], (0.6, 0.6)),
    ("Crohn's disease flare", ["Crohn's disease"], (0.6, 0.6)),
    ("hearing aids and visual aids", [], (0, 1)),
    ("the diabetic-friendly menu", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_medical_condition(text, expected, scores):
    assert_spans(MedicalConditionRecognizer(), text, expected, scores)


def test_vocabulary_has_a_few_hundred_terms():
    assert len(MedicalConditionRecognizer().patterns[0].regex.split("|")) >= 200
