import pytest

from recognizers.credit_card_recognizer import PaymentCardRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("card 4111 1111 1111 1111 declined", ["4111 1111 1111 1111"], (1.0, 1.0)),
    ("mastercard 2221000000000009", ["2221000000000009"], (1.0, 1.0)),
    ("4111 1111 1111 1112 fails Luhn", [], (0, 1)),
    ("2221000000000008 fails Luhn", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_credit_card(text, expected, scores):
    assert_spans(PaymentCardRecognizer(), text, expected, scores)
