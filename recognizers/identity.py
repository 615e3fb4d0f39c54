"""Identifiers of a person: national numbers and network addresses."""

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

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not _VERSION_CUE.search(text[max(0, r.start - 24) : r.start])]


IDENTITY = (
    UsSsnChecksumRecognizer,
    UkNationalInsuranceRecognizer,
    VersionAwareIpRecognizer,
)
