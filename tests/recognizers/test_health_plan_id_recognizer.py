import pytest

from recognizers.medical import HealthPlanIdRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("Member ID: XJH123456789", ["XJH123456789"], (0.85, 0.85)),
    ("subscriber number W998877665", ["W998877665"], (0.85, 0.85)),
    ("group # 0042-ABC", ["0042-ABC"], (0.85, 0.85)),
    ("member id pending", [], (0, 1)),
    ("XJH123456789 without context", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_health_plan_id(text, expected, scores):
    assert_spans(HealthPlanIdRecognizer(), text, expected, scores)
