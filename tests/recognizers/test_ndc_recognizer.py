import pytest

from recognizers.medical import NdcRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("NDC 0002-7510-01", ["0002-7510-01"], (0.5, 0.5)),
    ("rx 12345-678-90 filled", ["12345-678-90"], (0.5, 0.5)),
    ("code 50090-1234-5", ["50090-1234-5"], (0.5, 0.5)),
    ("phone 212-555-0143 is not a drug code", [], (0, 1)),
    ("date 2026-06-18", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_ndc(text, expected, scores):
    assert_spans(NdcRecognizer(), text, expected, scores)
