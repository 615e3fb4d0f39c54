"""National identification numbers of many countries, by their form and their check digits.

Each form is validated with python-stdnum. Where the form and the checksum together are
rare in ordinary text (a codice fiscale, a French NIR, a Spanish DNI, a Swedish
personnummer with its dash) a valid number counts alone; a bare run of 9-12 digits that
passes one of the weak checksums (a Dutch BSN, a German tax id, a PESEL) counts only
next to a context word, as the US SSN recognizer treats nine bare digits. Numbers after
a label of their document are found by `identity.NationalIdNumberRecognizer` whatever
their checksum.
"""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import Pattern
from stdnum.au import tfn
from stdnum.br import cpf
from stdnum.ca import sin
from stdnum.de import idnr
from stdnum.dk import cpr
from stdnum.es import dni, nie
from stdnum.fi import hetu
from stdnum.fr import nir
from stdnum.gb import nhs
from stdnum.in_ import aadhaar, pan
from stdnum.it import codicefiscale
from stdnum.nl import bsn
from stdnum.no import fodselsnummer
from stdnum.pl import pesel
from stdnum.se import personnummer

from recognizers.base import ConstantPatternRecognizer

_B, _E = r"(?<![\w./-])", r"(?![\w-]|[./]\w)"  # not inside a longer number, word, path or version

# pattern name -> (validators, strong): a strong form is valid alone, a weak one needs context
_FORMS: dict[str, tuple[tuple[Callable[[str], bool], ...], bool]] = {
    "codice_fiscale": ((codicefiscale.is_valid,), True),
    "fr_nir": ((nir.is_valid,), True),
    "es_dni_nie": ((dni.is_valid, nie.is_valid), True),
    "in_pan": ((pan.is_valid,), True),
    "br_cpf_formatted": ((cpf.is_valid,), True),
    "nordic_birth_number": ((personnummer.is_valid, hetu.is_valid), True),
    "in_aadhaar_grouped": ((aadhaar.is_valid,), True),
    "bare_digits": (
        (bsn.is_valid, idnr.is_valid, pesel.is_valid, fodselsnummer.is_valid, cpf.is_valid, nhs.is_valid, cpr.is_valid),
        False,
    ),
}

# after a label any of these check digits confirms the number (identity.py)
LABELLED_VALIDATORS: tuple[Callable[[str], bool], ...] = (
    *dict.fromkeys(check for validators, _ in _FORMS.values() for check in validators),
    sin.is_valid,
    tfn.is_valid,
)


class NationalIdChecksumRecognizer(ConstantPatternRecognizer):
    """National ids of the EU, UK, the Nordics, India and Brazil by form and checksum."""

    ENTITY = "NATIONAL_ID"
    MIN_DIGITS = 4
    PATTERNS = [
        Pattern("codice_fiscale", rf"{_B}[A-Z]{{6}}\d{{2}}[A-EHLMPR-T]\d{{2}}[A-Z]\d{{3}}[A-Z]{_E}", 0.75),
        Pattern("fr_nir", rf"{_B}[12] ?\d{{2}} ?\d{{2}} ?(?:\d{{2}}|2[AB]) ?\d{{3}} ?\d{{3}} ?\d{{2}}{_E}", 0.75),
        Pattern("es_dni_nie", rf"{_B}[XYZ]?\d{{7,8}}-?[A-Z]{_E}", 0.75),
        Pattern("in_pan", rf"{_B}[A-Z]{{3}}[ABCFGHJLPT][A-Z]\d{{4}}[A-Z]{_E}", 0.75),
        Pattern("br_cpf_formatted", rf"{_B}\d{{3}}\.\d{{3}}\.\d{{3}}-\d{{2}}{_E}", 0.75),
        Pattern("nordic_birth_number", rf"{_B}(?:\d{{2}})?\d{{6}}[-+A]\d{{3}}[0-9A-Y]{_E}", 0.75),
        # not three groups out of a longer grouped number (an IBAN, a card)
        Pattern("in_aadhaar_grouped", rf"{_B}(?<![A-Z0-9]{{4}} )[2-9]\d{{3}} \d{{4}} \d{{4}}(?! ?\d){_E}", 0.75),
        Pattern("bare_digits", rf"{_B}\d{{9,12}}{_E}", 0.05),
    ]
    CONTEXT = [
        "national",
        "identity",
        "citizen",
        "social",
        "security",
        "insurance",
        "tax id",
        "steuer",
        "idnr",
        "steuernummer",
        "bsn",
        "burgerservicenummer",
        "sofinummer",
        "pesel",
        "fødselsnummer",
        "personnummer",
        "cpr",
        "cpf",
        "nhs",
        "aadhaar",
        "hetu",
        "henkilötunnus",
        "identificación",
        "identifikationsnummer",
        "personal number",
    ]

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if self._valid(text[r.start : r.end], r)]

    def _valid(self, value: str, result) -> bool:
        pattern = (result.analysis_explanation.pattern_name or "") if result.analysis_explanation else ""
        validators, strong = _FORMS.get(pattern, ((), False))
        if not any(check(value) for check in validators):
            return False
        if strong:
            result.score = 1.0  # validated, as an SSN's checksum makes it
        return True
