import pytest

from recognizers.hr import ProtectedAttributeRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("between us, I'm gay and not out at work", ["I'm gay"], (0.6, 0.6)),
    ("she is Muslim and fasting", ["she is Muslim"], (0.6, 0.6)),
    ("asked about my immigration status", ["immigration status"], (0.55, 0.55)),
    ("the build is green", [], (0, 1)),
    ("a union of two sets", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_protected_attribute(text, expected, scores):
    assert_spans(ProtectedAttributeRecognizer(), text, expected, scores)
