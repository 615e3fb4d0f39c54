import pytest

from recognizers.medical import SensitiveHealthRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("I'm pregnant and due in May", ["pregnant"], (0.6, 0.6)),
    ("dealing with PTSD and panic attacks", ["PTSD", "panic attacks"], (0.6, 0.6)),
    ("my therapy session ran late", ["therapy session"], (0.6, 0.6)),
    ("the button is disabled", [], (0, 1)),
    ("project due date moved", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_sensitive_health(text, expected, scores):
    assert_spans(SensitiveHealthRecognizer(), text, expected, scores)
