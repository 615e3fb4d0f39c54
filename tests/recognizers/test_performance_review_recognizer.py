import pytest

from recognizers.hr import PerformanceReviewRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("placing her on a performance improvement plan", ["performance improvement plan"], (0.6, 0.6)),
    ("he is on a PIP until March", ["PIP"], (0.6, 0.6)),
    ("rated 2/5 this cycle", ["2/5"], (0.6, 0.6)),
    ("Overall: does not meet expectations", ["does not meet expectations"], (0.6, 0.6)),
    ("pip install requests", [], (0, 1)),
    ("the build meets the spec", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_performance_review(text, expected, scores):
    assert_spans(PerformanceReviewRecognizer(), text, expected, scores)
