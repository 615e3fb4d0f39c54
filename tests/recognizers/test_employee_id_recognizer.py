import pytest

from recognizers.hr import EmployeeIdRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("Employee ID: E483920", ["E483920"], (0.8, 0.8)),
    ("badge #55120", ["55120"], (0.8, 0.8)),
    ("emp no. EMP-004521", ["EMP-004521"], (0.8, 0.8)),
    ("employee handbook 2026", [], (0, 1)),
    ("ticket 483920 without context", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_employee_id(text, expected, scores):
    assert_spans(EmployeeIdRecognizer(), text, expected, scores)
