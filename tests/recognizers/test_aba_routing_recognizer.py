import pytest

from recognizers.financial import AbaRoutingChecksumRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("routing number: 021000021", ["021000021"], (1.0, 1.0)),
    ("ABA 011000015 for the wire", ["011000015"], (1.0, 1.0)),
    ("routing 0210-0002-1 (check printing form)", ["0210-0002-1"], (1.0, 1.0)),
    ("routing 021000022 has a bad checksum", [], (0, 1)),
    ("order 021000021 without context", [], (0, 1)),
    ("routing number 12345 is too short", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_aba_routing(text, expected, scores):
    assert_spans(AbaRoutingChecksumRecognizer(), text, expected, scores)
