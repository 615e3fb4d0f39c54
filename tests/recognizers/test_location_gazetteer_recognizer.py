"""Places from GeoNames; our own sentences."""

import pytest

from recognizers.location_gazetteer_recognizer import LocationGazetteerRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("we moved from portugal to rotterdam in may", ["portugal", "rotterdam"]),
    ("Flying to Accra on Friday", ["Accra"]),
    ("she grew up in new mexico", ["new mexico"]),
    # a US state code where a place stands; a country in a sentence about a release
    ("we moved to TX last spring and he lives in NJ", ["TX", "NJ"]),
    ("ship the mobile release in Portugal first", ["Portugal"]),
    # as typed without diacritics
    ("back home in Skelleftea next week", ["Skelleftea"]),
    # words that are places only sometimes, and places in technical text
    ("nice weather for reading outside", []),
    ("the china cabinet is full", []),
    ("Pin the Frankfurt region in the cluster config", []),
    ("a US bank routing number", []),
    ("filter rows in OR mode, or log in ME later", []),
    ("deploy the release to the Ireland region", []),
    # named buildings, venues and sites by their head noun
    ("we got engaged at the Kestrel Tower last year", ["Kestrel Tower"]),
    ("my kid goes to Brambleton Academy now", ["Brambleton Academy"]),
    ("lunch at the Zanetti restaurant again?", ["Zanetti restaurant"]),
    ("The restaurant was closed", []),
    ("The Vantrell Hotel is booked", ["Vantrell Hotel"]),
    ("a quiet river and a small park", []),
    ("SO PROUD OF MY GREAT SCHOOL TODAY", []),
    ("MEET ME AT VELLMORE ACADEMY", ["VELLMORE ACADEMY"]),
    ("Query the Delta Lake table from the notebook", []),
    # a country's abbreviation where a place stands, not as an adjective
    ("my cousin just moved to the U.S. for work", ["U.S."]),
    ("prices are lower in the UK", ["UK"]),
    ("a US bank routing number, a UK sort code", []),
    # a town and its state or province code, spaced as typed or as tokenized
    ("Gig tonight in Lakeport, OR at 9 - tickets at https://tix.example.com/a1", ["Lakeport, OR"]),
    ("raising money for a family of Brackley Falls , MD after the fire", ["Brackley Falls , MD"]),
    ("our new office in Vellacourt, ON opens in spring", ["Vellacourt, ON"]),
    ("Thanks, OK I will send it", []),
    ("Deal: Platform renewal - Initech Corp, CA - Stage: proposal", []),
    # how big US cities are written short, where a place stands
    ("back in NYC next week, then flying to SF", ["NYC", "SF"]),
    ("the NYC office wiki", []),
    ("the motor runs in DC mode only", []),
    ("landed in DC tonight!", ["DC"]),
    # a link in the sentence does not make it technical
    ("Loved our week in Lisbon http://example.com/photos/1", ["Lisbon"]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_location_gazetteer(text, expected):
    recognizer = LocationGazetteerRecognizer()
    recognizer.load()
    assert_spans(recognizer, text, expected)


def test_countries_in_technical_sentences_survive_the_filter(pipeline):
    [found] = pipeline.detector.detect([{"text": "can you release the build in Indonesia next week"}])
    assert [f.entity_type for f in found] == ["LOCATION"]
