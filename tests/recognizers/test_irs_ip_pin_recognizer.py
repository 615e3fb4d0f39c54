import pytest

from recognizers.tax import IrsIpPinRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("The IRS sent my IP PIN 123456, where", ["123456"], (0.85, 0.85)),
    ("identity protection PIN: 654321", ["654321"], (0.85, 0.85)),
    ("IP PIN 1234567 has seven digits", [], (0, 1)),
    ("code 123456 without context", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_irs_ip_pin(text, expected, scores):
    assert_spans(IrsIpPinRecognizer(), text, expected, scores)
