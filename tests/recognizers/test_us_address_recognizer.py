import pytest

from recognizers.contact import UsAddressRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    (
        "I live at 4821 Smith Ports Apt. 123, Lake Jennifer, OK 73301 now",
        ["4821 Smith Ports Apt. 123, Lake Jennifer, OK 73301"],
        (0.7, 0.7),
    ),
    ("ship to 12 N Main St Suite 4", ["12 N Main St Suite 4"], (0.7, 0.7)),
    ("PO Box 123, Austin, TX 78701", ["PO Box 123, Austin, TX 78701"], (0.7, 0.7)),
    ("USNS Miller, FPO AE 09123", ["USNS Miller, FPO AE 09123"], (0.7, 0.7)),
    # a flat before the street and a British or Canadian postcode after the town
    ("Flat 4B, 22 Elm Road, Leeds LS6 2AB", ["Flat 4B, 22 Elm Road, Leeds LS6 2AB"], (0.7, 0.7)),
    ("send it to 9 Birch Avenue, Halifax B3H 4R2 please", ["9 Birch Avenue, Halifax B3H 4R2"], (0.7, 0.7)),
    ("the 3 Ways to do it", [], (0, 1)),
    ("We have 10 Open Issues", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_us_address(text, expected, scores):
    assert_spans(UsAddressRecognizer(), text, expected, scores)
