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
    # a unit line of its own, with what follows it
    ("Attn: Priya\nApt. 31\nMarlow Heath", ["Apt. 31\nMarlow Heath"]),
    # dates, versions, plain numbers and prose are not addresses
    ("Expected close: 15 Nov 2024", []),
    ("Drop support for Node 16", []),
    ("running on Python 3.", []),
    ("we shipped 3 builds on 4 days", []),
    ("the test suite 2 failed", []),
    ("Final: Hawks 98  Bulls 101", []),
    ("Rovers 3 Athletic 1 after extra time", []),
    ("ship to 85290 Favoritenstrasse 49 please", ["85290 Favoritenstrasse 49"]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_address_block(text, expected):
    assert_spans(AddressBlockRecognizer(), text, expected)


@pytest.mark.parametrize(
    "text,found,number",
    [
        ("she lives at 4821 Quellenhof", "Quellenhof", "4821"),
        ("Attn: Priya\n733 Vindelvägen", "Vindelvägen", "733"),
        ("Billing: 61 Akerbeek", "Akerbeek", None),  # two digits after a colon: too short to tell
        ("meet at 10 Alice", "Alice", None),  # a time, not a house number
        ("I have 3 Johns on the team", "Johns", None),
    ],
)
def test_house_number_before_a_street_found_as_a_name(text, found, number):
    from recognizers.address_block_recognizer import house_number_before

    start = text.index(found)
    at = house_number_before(text, start)
    assert (text[at:start].strip() if at is not None else None) == number


def test_the_house_number_is_redacted_with_the_street(pipeline):
    [findings] = pipeline.detector.detect([{"text": "Dear Ines,\n4821 Quellenhof\nKind regards"}])
    assert any(f.start == len("Dear Ines,\n") for f in findings)
