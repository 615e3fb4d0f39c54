"""Identifiers of a person: national numbers, identity documents of any country (after
their label) and network addresses."""

import regex
from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import IpRecognizer
from stdnum.us import ssn

from recognizers.base import ConstantPatternRecognizer


# --- US Social Security numbers, checked with python-stdnum.
class UsSsnChecksumRecognizer(ConstantPatternRecognizer):
    """SSNs with dashes or spaces (strong) or as 9 bare digits next to context (weak)."""

    MIN_DIGITS = 9

    ENTITY = "US_SSN"
    PATTERNS = [
        Pattern("ssn_separated", r"(?<![\w-])\d{3}([- ])\d{2}\1\d{4}(?![\w-])", 0.6),
        Pattern("ssn_bare", r"(?<![\w-])\d{9}(?![\w-])", 0.05),
    ]
    CONTEXT = ["ssn", "social", "security", "ss#", "ssns", "ss"]

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = "".join(c for c in pattern_text if c.isdigit())
        # stdnum rejects impossible areas (000, 666, 9xx) and known advertising numbers.
        if not ssn.is_valid(digits):
            return False
        # Nine bare digits are only an SSN next to context: keep the weak score.
        return True if len(digits) != len(pattern_text) else None


# --- UK National Insurance numbers: two letters, six digits, a suffix letter A-D.
_NEVER = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


class UkNationalInsuranceRecognizer(ConstantPatternRecognizer):
    # Presidio has a UkNinoRecognizer; its registry looks classes up by name, so ours differs.
    """`AB 12 34 56 C` with or without spaces."""

    ENTITY = "UK_NINO"
    MIN_DIGITS = 6
    PATTERNS = [
        Pattern("nino", r"(?<![\w-])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w-])", 0.6),
    ]
    CONTEXT = ["ni", "nino", "national insurance", "insurance number"]

    def validate_result(self, pattern_text: str) -> bool | None:
        return False if pattern_text[:2] in _NEVER else True


# --- IP addresses (Presidio's patterns), without the version numbers that share their form.
_VERSION_CUE = regex.compile(r"(?i:\b(?:version|firmware|release|build|ver|v|rev|revision|update|patch)\.?\s*:?\s*v?)$")


class VersionAwareIpRecognizer(IpRecognizer):
    """`Firmware 4.11.2.6` or `v1.2.3.4` is a version: dropped when a version word precedes it."""

    GATED = True  # its results are pattern matches, versions filtered out

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not _VERSION_CUE.search(text[max(0, r.start - 24) : r.start])]


# --- Identity documents of any country, after their label: the label names the document,
# the form only has to look like a document number (6-24 characters, 4+ digits, not a date).
# groups of letters and digits, each holding a digit: "C4829171", "943 476 5919", "B072-RRE2"
_GROUP = r"[A-Za-z0-9]*\d[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"
_DOCUMENT_NUMBER = rf"(?<![\w-]){_GROUP}(?: {_GROUP}){{0,6}}(?![\w-])"
_DATE_SHAPE = regex.compile(r"^\d{1,4}([-./ ])\d{1,2}\1\d{1,4}$")
_FILLER = r"[^\d\n]{0,20}"  # "number", "no.", "is", ":" between the label and the number


def _after(labels: str, form: str = _DOCUMENT_NUMBER) -> str:
    return rf"(?<=(?:{labels}){_FILLER}){form}"


class _LabelledDocumentRecognizer(ConstantPatternRecognizer):
    """A document number after one of LABELS; the labels are also the prefilter."""

    MIN_DIGITS = 4
    LABELS = ""
    FORM = _DOCUMENT_NUMBER  # what a number after the label looks like
    SCORE = 0.7

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls.PREFILTER = regex.compile(cls.LABELS)
        cls.PATTERNS = [Pattern(f"{cls.ENTITY.lower()}_after_label", _after(cls.LABELS, cls.FORM), cls.SCORE)]

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = sum(c.isdigit() for c in pattern_text)
        compact = pattern_text.replace(" ", "").replace("-", "")
        if digits < 4 or not 6 <= len(compact) <= 20 or _DATE_SHAPE.match(pattern_text) or len(set(compact)) < 3:
            return False
        return None


class PassportNumberRecognizer(_LabelledDocumentRecognizer):
    """A passport number of any country after its label (passport no., Reisepass, passeport...)."""

    ENTITY = "PASSPORT"
    LABELS = r"(?i:\bpass(?:port|eport|aporte|aporto|zport)s?|\breisepass(?:nummer)?|\bpaspoort)\b"
    CONTEXT = ["passport"]


class DriverLicenceNumberRecognizer(_LabelledDocumentRecognizer):
    """A driving licence number of any country after its label."""

    ENTITY = "DRIVER_LICENSE"
    LABELS = (
        r"(?i:\bdriv(?:er'?s?|ing)\s+licen[cs]es?|\bf(?:ü|ue)hrerschein(?:nummer)?|\bpermis\s+de\s+conduire"
        r"|\blicencia\s+de\s+conducir|\brijbewijs|\bpatente\s+di\s+guida)\b|\bDL\b"
    )
    CONTEXT = ["license", "licence"]


def _valid_national_id(value: str) -> bool:
    """The value passes the check digits of one of the national ids python-stdnum knows."""
    from recognizers.national_id_recognizer import LABELLED_VALIDATORS

    return any(check(value) for check in LABELLED_VALIDATORS)


class _LabelledNationalIdRecognizer(_LabelledDocumentRecognizer):
    """After its label, a number whose check digits hold is as certain as a valid SSN
    (identifiers weigh the same whatever their issuer); others score just under that: the
    label says what the number is, and people write numbers no checksum was made for."""

    SCORE = 0.92

    def validate_result(self, pattern_text: str) -> bool | None:
        verdict = super().validate_result(pattern_text)
        if verdict is None and _valid_national_id(pattern_text):
            return True
        return verdict


class NationalIdNumberRecognizer(_LabelledNationalIdRecognizer):
    """A national identity, citizen, personal or tax identification number of any country
    after its label, in the languages of the countries that issue them."""

    ENTITY = "NATIONAL_ID"
    LABELS = (
        r"(?i:\bnational\s+id(?:entity)?(?:\s+card)?|\bid(?:entity)?\s+card|\bcitizen(?:ship)?\s+id"
        r"|\bpersonal\s+(?:id(?:entity|entification)?|identification)\s+(?:number|code|no)"
        r"|\btax(?:payer)?\s+id(?:entification)?(?:\s+(?:number|no))?|\bunique\s+taxpayer\s+reference"
        r"|\bpersonalausweis(?:nummer)?|\bsteuer-?id(?:entifikationsnummer)?|\bsteuer(?:identifikations)?nummer"
        r"|\bidentifikationsnummer|\bsozialversicherungsnummer|\brentenversicherungsnummer"
        r"|\bcarte\s+d['’]identit[ée]|\bnum[ée]ro\s+(?:de\s+s[ée]curit[ée]\s+sociale|fiscal|d['’]identification)"
        r"|\bs[ée]curit[ée]\s+sociale|\bcodice\s+fiscale|\btessera\s+sanitaria"
        r"|\bn[úu]mero\s+de\s+(?:la\s+)?(?:seguridad\s+social|identificaci[óo]n|identidade)"
        r"|\bburgerservicenummer|\bsofinummer|\bpersonnummer|\bf[øo]dselsnummer|\bhenkil[öo]tunnus"
        r"|\bcpr-?nummer|\bnumer\s+pesel|\bsocial\s+insurance\s+number|\btax\s+file\s+number|\bnhs\s+(?:number|no))\b"
        r"|\b(?:DNI|NIE|NIF|NIR|PESEL|BSN|CPF|CURP|RUT|NRIC|HKID|Aadhaar|AADHAAR|PAN|SIN|TFN|CNP|EGN|OIB|JMBG|UTR|TIN|(?<!USt-)IdNr|AHV)\b"
    )
    CONTEXT = ["id", "identity", "national"]

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not _company_tax_number(text, r.start)]


# "Northwind Traders LLC, Tax ID: 12-3456789": a tax number on a line that names a company
# with its legal form is the company's, not a person's identifier
_TAX_LABEL_BEFORE = regex.compile(
    r"(?i)\b(?:tax(?:payer)?\s+id\w*|tax\s+(?:number|no)|steuernummer|tin|nif|num[ée]ro\s+fiscal)[^\d\n]{0,20}$"
)


def _company_tax_number(text: str, start: int) -> bool:
    from recognizers.company_names import company_words

    line_start = text.rfind("\n", 0, start) + 1
    if not _TAX_LABEL_BEFORE.search(text[max(line_start, start - 48) : start]):
        return False
    line_end = text.find("\n", start)
    return bool(company_words([text[line_start : len(text) if line_end < 0 else line_end]]))


# Social-security labels name an identifier whatever its country: a French NIR, a
# codice fiscale or a NINO after "social security number" is as much one as a US SSN.
_US_SSN_FORM = regex.compile(r"\d{3}-\d{2}-\d{4}|\d{9}")


class SocialSecurityNumberAnyCountryRecognizer(_LabelledNationalIdRecognizer):
    """Any country's number after a social-security or national-insurance label (letter
    groups such as a NINO's included); a valid US SSN in its own form is left to
    `UsSsnChecksumRecognizer`."""

    ENTITY = "NATIONAL_ID"
    LABELS = (
        r"(?i:\bssns?|\bss\#|\bsocial\s+security(?:\s+(?:number|no|num|\#))?"
        r"|\bnational\s+insurance(?:\s+(?:number|no))?|\bni\s+number|\binsurance\s+number)(?!\w)"
    )
    FORM = rf"(?<![\w-])(?:[A-Z]{{2}} )?{_GROUP}(?: {_GROUP}){{0,3}}(?: [A-Z](?![\w-]))?"
    CONTEXT = ["ssn", "social", "security", "insurance"]

    def validate_result(self, pattern_text: str) -> bool | None:
        if _US_SSN_FORM.fullmatch(pattern_text) and ssn.is_valid(pattern_text.replace("-", "")):
            return False
        return super().validate_result(pattern_text)


IDENTITY = (
    UsSsnChecksumRecognizer,
    UkNationalInsuranceRecognizer,
    VersionAwareIpRecognizer,
    PassportNumberRecognizer,
    DriverLicenceNumberRecognizer,
    NationalIdNumberRecognizer,
    SocialSecurityNumberAnyCountryRecognizer,
)
