import pytest

from recognizers.medical import DeaNumberRecognizer, dea_checksum_ok
from tests.recognizers.helpers import assert_spans

CASES = [
    ("DEA AB1234563 on the script", ["AB1234563"], (1.0, 1.0)),
    ("prescriber FM3719828", ["FM3719828"], (1.0, 1.0)),
    ("AB1234564 has a bad check digit", [], (0, 1)),
    ("ZZ1234563 has an unused first letter", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_dea_number(text, expected, scores):
    assert_spans(DeaNumberRecognizer(), text, expected, scores)


def test_checksum_weights_odd_and_even_digits():
    assert dea_checksum_ok("AB1234563")
    assert not dea_checksum_ok("AB1234536")
