import pytest

from recognizers.identity import UsSsnChecksumRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("my ssn is 123-45-6789", ["123-45-6789"], (1.0, 1.0)),
    ("SSN 321 54 9876 on file", ["321 54 9876"], (1.0, 1.0)),
    ("bare 123456789 is weak", ["123456789"], (0.0, 0.1)),
    ("area 000-12-3456 is impossible", [], (0, 1)),
    ("area 666-12-3456 is never issued", [], (0, 1)),
    ("mixed separators 123-45 6789", [], (0, 1)),
    ("order 1234-567-89 is not an ssn", [], (0, 1)),
    ("a phone 212-555-0143", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_us_ssn(text, expected, scores):
    assert_spans(UsSsnChecksumRecognizer(), text, expected, scores)
