"""National ids of many countries: by form and checksum alone, and after a label."""

import pytest
from stdnum.br import cpf
from stdnum.es import dni, nie
from stdnum.fi import hetu
from stdnum.fr import nir
from stdnum.in_ import aadhaar, pan
from stdnum.it import codicefiscale
from stdnum.nl import bsn
from stdnum.se import personnummer

from recognizers.identity import NationalIdNumberRecognizer, SocialSecurityNumberAnyCountryRecognizer
from recognizers.national_id_recognizer import NationalIdChecksumRecognizer
from tests.recognizers.helpers import assert_spans

# Synthetic numbers whose check digits were computed with python-stdnum (checked below).
NIR = "284057512345672"
CODICE_FISCALE = "RSSMRA85T10A562S"
DNI, NIE = "12345678Z", "X1234567L"
PAN = "AFZPK7190K"
CPF = "529.982.247-25"
PERSONNUMMER, HETU = "850709-9805", "131052-308T"
AADHAAR = "4973 1285 6042"
BSN = "377748109"


def test_the_synthetic_numbers_are_valid():
    assert nir.is_valid(NIR) and codicefiscale.is_valid(CODICE_FISCALE) and dni.is_valid(DNI) and nie.is_valid(NIE)
    assert pan.is_valid(PAN) and cpf.is_valid(CPF) and personnummer.is_valid(PERSONNUMMER) and hetu.is_valid(HETU)
    assert aadhaar.is_valid(AADHAAR) and bsn.is_valid(BSN)


def _one_off(number: str) -> str:
    """The same number with its last digit changed (its checksum fails)."""
    i = max(n for n, c in enumerate(number) if c.isdigit())
    return number[:i] + str((int(number[i]) + 1) % 10) + number[i + 1 :]


CHECKSUM_CASES = [
    (f"please file it under {NIR} today", [NIR], (1.0, 1.0)),
    (f"il codice {CODICE_FISCALE} va nel modulo", [CODICE_FISCALE], (1.0, 1.0)),
    (f"docs: {DNI} and {NIE}", [DNI, NIE], (1.0, 1.0)),
    (f"card holder {PAN} (India)", [PAN], (1.0, 1.0)),
    (f"cadastro {CPF}", [CPF], (1.0, 1.0)),
    (f"born {PERSONNUMMER}; hetu {HETU}", [PERSONNUMMER, HETU], (1.0, 1.0)),
    (f"uid {AADHAAR}", [AADHAAR], (1.0, 1.0)),
    # a bare run of digits passing a weak checksum waits for a context word
    (f"reference {BSN} attached", [BSN], (0.0, 0.1)),
    # check digits that fail
    (f"please file it under {_one_off(NIR)} today", [], (0, 1)),
    (f"docs: {_one_off(DNI)}", [], (0, 1)),
    (f"cadastro {_one_off(CPF)}", [], (0, 1)),
    (f"born {_one_off(PERSONNUMMER)}", [], (0, 1)),
    # three groups of a longer grouped number (an IBAN) are no Aadhaar
    (f"IBAN XX00 BANK {AADHAAR} 00", [], (0, 1)),
    # versions, paths and longer numbers are not ids
    (f"see /srv/{BSN}/log and v{BSN}.2", [], (0, 1)),
    (f"order {BSN}1234 shipped", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CHECKSUM_CASES)
def test_national_ids_by_form_and_checksum(text, expected, scores):
    assert_spans(NationalIdChecksumRecognizer(), text, expected, scores)


LABEL_CASES = [
    (NationalIdNumberRecognizer, "Steuer-ID: 56 340 339 185", ["56 340 339 185"]),
    (NationalIdNumberRecognizer, "numéro de sécurité sociale : 2 84 05 75 123 456 72", ["2 84 05 75 123 456 72"]),
    (NationalIdNumberRecognizer, "Unique Taxpayer Reference (UTR): 55214 90337", ["55214 90337"]),
    (NationalIdNumberRecognizer, "mi número de identificación es 00-4471-3302", ["00-4471-3302"]),
    (NationalIdNumberRecognizer, "the tax id field needs 10 characters", []),
    (SocialSecurityNumberAnyCountryRecognizer, "Here's my SSN: QQ 123456 T", ["QQ 123456 T"]),
    (SocialSecurityNumberAnyCountryRecognizer, f"her social security number is {NIR}", [NIR]),
    (SocialSecurityNumberAnyCountryRecognizer, "national insurance number 7741-0395-27", ["7741-0395-27"]),
    # a valid US SSN in its own form is the US recognizer's
    (SocialSecurityNumberAnyCountryRecognizer, "my SSN is 321-54-9876", []),
    (SocialSecurityNumberAnyCountryRecognizer, "social security changes in 2026", []),
]


@pytest.mark.parametrize("recognizer,text,expected", LABEL_CASES)
def test_national_ids_after_their_label(recognizer, text, expected):
    assert_spans(recognizer(), text, expected, (0.6, 1.0))


@pytest.mark.parametrize(
    "text,value",
    [
        (f"BSN {BSN} voor de salarisadministratie", BSN),
        (f"numéro de sécurité sociale : {NIR}", NIR),
        ("TFN 123 456 782 for the super fund", "123 456 782"),
    ],
)
def test_a_labelled_number_whose_check_digits_hold_is_certain(text, value):
    found = NationalIdNumberRecognizer().analyze(text, ["NATIONAL_ID"], None)
    assert [(text[r.start : r.end], r.score) for r in found] == [(value, 1.0)]


def test_a_labelled_number_whose_check_digits_fail_keeps_the_label_score():
    text = f"BSN {_one_off(BSN)} voor de salarisadministratie"
    [found] = NationalIdNumberRecognizer().analyze(text, ["NATIONAL_ID"], None)
    assert found.score < 1.0


def test_a_labelled_national_id_whose_check_digits_hold_is_held_like_an_ssn(pipeline):
    from pipeline.core.processor import route_stream
    from tests.factories import event, raw

    texts = [f"BSN {BSN} voor de salarisadministratie", "my SSN is 527-41-8893 for the form"]
    routed = list(route_stream(pipeline, [raw(event(text=t)) for t in texts], 8))
    assert [r.route for r in routed] == ["quarantine", "quarantine"]
    assert BSN not in str(routed[0].record)


def test_a_labelled_national_id_is_held_whatever_its_check_digits(pipeline):
    """A number after its document's label is an identifier even when no checksum holds:
    people and forms write numbers no checksum was made for."""
    from pipeline.core.processor import route_stream
    from tests.factories import event, raw

    texts = [
        f"Numéro de sécurité sociale : {_one_off(NIR)}",
        "my NI number is QQ 12 34 56 C for the payroll form",
        f"BSN {_one_off(BSN)} voor de salarisadministratie",
    ]
    routed = list(route_stream(pipeline, [raw(event(text=t)) for t in texts], 8))
    assert [r.route for r in routed] == ["quarantine"] * 3


@pytest.mark.parametrize(
    "text,found",
    [
        # a tax number on a line that names a company with its legal form is the company's
        ("Supplier: Lindqvist Freight AB, Tax ID: 556-703-7485", False),
        ("Kestrel Analytics GmbH · USt-IdNr. DE298471136", False),
        # a person's tax number is an identifier
        ("Tax ID: 556-703-7485 (mine, for the freelance invoice)", True),
    ],
)
def test_a_company_tax_number_is_no_personal_identifier(text, found):
    results = NationalIdNumberRecognizer().analyze(text, ["NATIONAL_ID"], None)
    assert bool(results) is found
