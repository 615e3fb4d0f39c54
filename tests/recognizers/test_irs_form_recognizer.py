import pytest

from recognizers.tax import IrsFormRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("attach your W-2 here", ["W-2"], (0.5, 0.5)),
    ("file Form 1040-SR by April", ["Form 1040-SR"], (0.5, 0.5)),
    ("got a 1099-NEC and a 1099-INT", ["1099-NEC", "1099-INT"], (0.5, 0.5)),
    ("Schedule C and Schedule SE", ["Schedule C", "Schedule SE"], (0.5, 0.5)),
    ("refund split on 8888", ["8888"], (0.5, 0.5)),
    ("port 10400 and W-22 are not forms", [], (0, 1)),
    ("schedule a meeting", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_irs_form(text, expected, scores):
    assert_spans(IrsFormRecognizer(), text, expected, scores)
