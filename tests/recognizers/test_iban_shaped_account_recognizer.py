import pytest

from recognizers.financial import IbanShapedAccountRecognizer
from tests.recognizers.helpers import assert_spans

# The form alone scores low: banking words nearby raise it (detection's context step).
CASES = [
    ("wire it from XK07RQTZ5512093884711 today", ["XK07RQTZ5512093884711"], (0.1, 0.1)),
    ("IBAN DE00 1234 5678 9012 3456 78", [], (0, 1)),  # grouped: Presidio's recognizer, if valid
    ("build AB12CDEF34GHIJKL is green", [], (0, 1)),  # too few digits
    ("see ab12345678901234 lower case", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_iban_shaped_account(text, expected, scores):
    assert_spans(IbanShapedAccountRecognizer(), text, expected, scores)


def test_banking_words_make_it_a_finding(pipeline):
    from pipeline.core.processor import route_stream
    from tests.factories import event, raw

    text = "please transfer the refund to account XK07RQTZ5512093884711 by friday"
    [routed] = list(route_stream(pipeline, [raw(event(text=text))], 16))
    assert "XK07RQTZ5512093884711" not in str(routed.record)
    [plain] = list(route_stream(pipeline, [raw(event(text="the build XK07RQTZ5512093884711 passed"))], 16))
    assert plain.route == "clean" and "XK07RQTZ5512093884711" in plain.record["text"]


ANY_CASE = [
    ("IBAN de89370400440532013000 please", ["de89370400440532013000"]),
    ("iban: gb82 west 1234 5698 7654 32", ["gb82 west 1234 5698 7654 32"]),
    ("de89370400440532013001 has a wrong check digit", []),
]


@pytest.mark.parametrize("text,expected", ANY_CASE)
def test_valid_ibans_in_any_case(text, expected):
    from recognizers.financial import AnyCaseIbanRecognizer

    assert_spans(AnyCaseIbanRecognizer(), text, expected, (1.0, 1.0))
