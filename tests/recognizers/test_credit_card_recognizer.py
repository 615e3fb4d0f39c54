import pytest

from recognizers.financial import PaymentCardRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("card 4111 1111 1111 1111 declined", ["4111 1111 1111 1111"], (1.0, 1.0)),
    ("mastercard 2221000000000009", ["2221000000000009"], (1.0, 1.0)),
    # 19-digit UnionPay-style number in groups of four and a tail of three
    ("paid with 6250 9410 0652 8599 990", ["6250 9410 0652 8599 990"], (1.0, 1.0)),
    ("maestro 501800000009", ["501800000009"], (1.0, 1.0)),
    # UATP (airline) cards: 15 digits starting with 1
    ("uatp 100572948361529", ["100572948361529"], (1.0, 1.0)),
    ("4111 1111 1111 1112 fails Luhn", [], (0, 1)),
    ("2221000000000008 fails Luhn", [], (0, 1)),
    # no issuer starts with 1: only a weak candidate, which context words must lift
    ("order 1234567812345670 shipped", ["1234567812345670"], (0.1, 0.2)),
    ("mixed separators 4111-1111 1111-1111", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_credit_card(text, expected, scores):
    assert_spans(PaymentCardRecognizer(), text, expected, scores)


def test_unknown_issuer_numbers_need_card_words(pipeline):
    [with_words, without] = pipeline.detector.detect(
        [{"text": "my credit card number is 1234567812345670"}, {"text": "order 1234567812345670 shipped"}]
    )
    assert [f.entity_type for f in with_words] == ["CREDIT_CARD"]
    assert without == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("card 4111.1111.1111.1111 exp 09/29", ["4111.1111.1111.1111"]),
        ("card 4111.1111.1111.1112 fails Luhn", []),
        ("release 2024.1111.1111.1111.3 tag", []),
    ],
)
def test_cards_written_in_dots(text, expected):
    from recognizers.financial import PaymentCardRecognizer

    assert_spans(PaymentCardRecognizer(), text, expected)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("card ending 4242 exp 09/28 cvv 123", ["123"]),
        ("CVC: 0421", ["0421"]),
        ("the security code on the back is 907", ["907"]),
        ("the cvv field takes 3 or 4 digits", []),
    ],
)
def test_card_security_code_after_its_label(text, expected):
    from recognizers.financial import CardSecurityCodeRecognizer

    assert_spans(CardSecurityCodeRecognizer(), text, expected)


@pytest.mark.parametrize(
    "text,expected",
    [
        # a provider's published test number in text about testing is no one's card
        ("For the sandbox use 4242 4242 4242 4242 with any future expiry", []),
        ("test fixture: card=5555555555554444", []),
        # the same number without a word of testing is a card; a real-looking one always is
        ("card 4242 4242 4242 4242 was declined at checkout", ["4242 4242 4242 4242"]),
        ("test refund to card 4556 7375 8689 9855", ["4556 7375 8689 9855"]),
    ],
)
def test_published_test_cards(text, expected):
    assert_spans(PaymentCardRecognizer(), text, expected)
