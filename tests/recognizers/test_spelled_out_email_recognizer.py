import pytest

from recognizers.contact import SpelledOutEmailRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("write to jane.doe at example dot com please", ["jane.doe at example dot com"]),
    ("jdoe [at] example [dot] org", ["jdoe [at] example [dot] org"]),
    ("reach me: priya.s (at) mailbox (dot) co (dot) uk", ["priya.s (at) mailbox (dot) co (dot) uk"]),
    ("mail k.osei＠example dot net", ["k.osei＠example dot net"]),
    ("email me at jane dot doe at example dot com", ["jane dot doe at example dot com"]),
    ("meet at noon dot com launch party", []),
    ("look at this dot com bubble", []),
    ("the dot product at scale", []),
    ("we stay at hotel dot com rates", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_spelled_out_email(text, expected):
    assert_spans(SpelledOutEmailRecognizer(), text, expected, (0.75, 0.75))
