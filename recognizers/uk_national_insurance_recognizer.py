"""UK National Insurance numbers: two letters, six digits, a suffix letter A-D.

The prefix letters follow HMRC's rules (D, F, I, Q, U, V never; O never second; BG, GB,
KN, NK, NT, TN, ZZ never issued); an identifier of a person like an SSN.
"""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer

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
