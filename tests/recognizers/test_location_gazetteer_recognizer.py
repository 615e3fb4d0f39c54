"""Places from GeoNames; our own sentences."""

import pytest

from recognizers.location_gazetteer_recognizer import LocationGazetteerRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("we moved from portugal to rotterdam in may", ["portugal", "rotterdam"]),
    ("Flying to Accra on Friday", ["Accra"]),
    ("she grew up in new mexico", ["new mexico"]),
    # words that are places only sometimes, and places in technical text
    ("nice weather for reading outside", []),
    ("the china cabinet is full", []),
    ("Pin the Frankfurt region in the cluster config", []),
    ("a US bank routing number", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_location_gazetteer(text, expected):
    recognizer = LocationGazetteerRecognizer()
    recognizer.load()
    assert_spans(recognizer, text, expected)
