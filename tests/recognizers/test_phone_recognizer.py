import pytest

from recognizers.phone_recognizer import InternationalPhoneRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("call me on +44 20 7946 0321 tomorrow", ["+44 20 7946 0321"]),
    ("Mobil: +49 151 2345 6789", ["+49 151 2345 6789"]),
    ("ring 0049 30 901820 after six", ["0049 30 901820"]),
    ("the shop is 22 415 67 80", ["22 415 67 80"]),
    ("desk 415.555.0199 x204", ["415.555.0199 x204"]),
    ("(02) 9876 5432 is the Sydney line", ["(02) 9876 5432"]),
    ("fax 06-12 34 56 78", ["06-12 34 56 78"]),
    ("bel me op (020)-1234567", ["(020)-1234567"]),
    # a US number after a ZIP code, and one glued to the word before it
    ("Corner Deli, Fairview, OR 97024 503-555-0147", ["503-555-0147"]),
    ("home line was703-555-0112 until May", ["703-555-0112"]),
    # a bare run with its label glued on after a dash (a signature block)
    ("Office: 0161 496 0734, 01614960999-Fax", ["0161 496 0734", "01614960999"]),
    # dates, versions, IPs, ports and short ids are not phones
    ("released on 2025-03-14 as 10.4.2.1", []),
    ("deadline 14.03.2025", []),
    ("host 192.168.10.20 port 8443", []),
    ("ticket INC-4417 and PR 2291", []),
    ("build 3 of 12 took 45 s", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_phone(text, expected):
    assert_spans(InternationalPhoneRecognizer(), text, expected)


def test_literal_backslash_n_counts_as_a_line_break():
    text = r"Ana Lopes\n612 345 678 mobile"
    assert_spans(InternationalPhoneRecognizer(), text, ["612 345 678"])


def test_ssn_shaped_numbers_are_left_to_the_identifier_recognizers():
    assert_spans(InternationalPhoneRecognizer(), "ref 912-71-4455 today", [])


CUE_CASES = [
    ("call me at 4155550132 after lunch", ["4155550132"]),
    ("text me 07700900123", ["07700900123"]),
    ("Call us on 02079460958 today", ["02079460958"]),
    ("whatsapp 9876543210", ["9876543210"]),
    # no cue: a bare run stays weak (a context word may lift it in the pipeline)
    ("the invoice 4155550132 is overdue", []),
    ("call count was 4155550132123 in the log", []),
]


@pytest.mark.parametrize("text,expected", CUE_CASES)
def test_a_bare_number_after_a_cue_to_call(text, expected):
    found = InternationalPhoneRecognizer().analyze(text, ["PHONE_NUMBER"], None)
    assert sorted(text[r.start : r.end] for r in found if r.score >= 0.35) == expected


IBAN_SHAPED = [
    # account numbers in IBAN form whose checksum fails are not phone numbers
    ("paid to NL27 ZXYB 0123 4567 89 yesterday", []),
    ("GB00 QWER 1234 5612 3456 78", []),
    ("FR76 9999 0000 1111 2222 3333 444", []),
    ("EE38 2200 2210  014 5686", []),  # a doubled space inside
    # a phone number beside one is still a phone number
    ("IBAN NL27 ZXYB 0123 4567 89, tel 020 794 6032", ["020 794 6032"]),
    ("call 0612 345 678 about the transfer", ["0612 345 678"]),
]


@pytest.mark.parametrize("text,expected", IBAN_SHAPED)
def test_digit_groups_of_an_account_number_are_not_a_phone(text, expected):
    assert_spans(InternationalPhoneRecognizer(), text, expected)
