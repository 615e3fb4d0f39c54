import pytest

from recognizers.address_block_recognizer import AddressBlockRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("send it to Lindenstraße 14, 10969 Berlin please", ["Lindenstraße 14, 10969 Berlin"]),
    ("meet at Via Garibaldi 12, 16124 Genova", ["Via Garibaldi 12, 16124 Genova"]),
    ("our flat is at Storgatan 8, 114 51 Stockholm", ["Storgatan 8, 114 51 Stockholm"]),
    ("office: 14 Rue des Lilas", ["14 Rue des Lilas"]),
    ("he lives at 27 Orchard Lane now", ["27 Orchard Lane"]),
    (
        "ship to 812 Tallinna Kivi 5\nSuite 12\nHaapsalu\nEstonia 90502\nthanks!",
        ["812 Tallinna Kivi 5\nSuite 12\nHaapsalu\nEstonia 90502"],
    ),
    ("USNS Comfort\nFPO AE 09876", ["USNS Comfort\nFPO AE 09876"]),
    ("Riverton, QX 40412 is the branch", ["Riverton, QX 40412"]),
    # dates, versions, plain numbers and prose are not addresses
    ("Expected close: 15 Nov 2024", []),
    ("Drop support for Node 16", []),
    ("running on Python 3.", []),
    ("we shipped 3 builds on 4 days", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_address_block(text, expected):
    assert_spans(AddressBlockRecognizer(), text, expected)
