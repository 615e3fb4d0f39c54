"""ABA routing transit numbers, checked with python-stdnum's checksum."""

from presidio_analyzer import Pattern
from stdnum.us import rtn

from recognizers.base import ConstantPatternRecognizer


class AbaRoutingChecksumRecognizer(ConstantPatternRecognizer):
    """Nine digits with a valid ABA checksum, strongest next to routing context."""

    MIN_DIGITS = 9

    ENTITY = "ABA_ROUTING_NUMBER"
    PATTERNS = [
        Pattern(
            "aba_with_context",
            r"(?i)(?<=\b(?:routing|aba|rtn|transit)\b[^\d\n]{0,25})(?<!\d)[0-3]\d{8}(?!\d)",
            0.7,
        ),
    ]
    CONTEXT = ["routing", "aba", "rtn", "transit", "direct deposit", "bank"]

    def validate_result(self, pattern_text: str) -> bool | None:
        return True if rtn.is_valid(pattern_text) else False
