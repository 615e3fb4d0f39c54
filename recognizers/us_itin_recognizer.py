"""US Individual Taxpayer Identification Numbers, checked with python-stdnum."""

from presidio_analyzer import Pattern
from stdnum.us import itin

from recognizers.base import ConstantPatternRecognizer


class UsItinChecksumRecognizer(ConstantPatternRecognizer):
    """ITINs: 9XX-[5-9]X-XXXX (group ranges validated by stdnum)."""

    MIN_DIGITS = 9

    ENTITY = "US_ITIN"
    PATTERNS = [
        Pattern("itin_separated", r"(?<![\w-])9\d{2}([- ])[5-9]\d\1\d{4}(?![\w-])", 0.5),
        Pattern("itin_bare", r"(?<![\w-])9\d{2}[5-9]\d{5}(?![\w-])", 0.05),
    ]
    CONTEXT = ["itin", "taxpayer", "tin", "tax id", "individual taxpayer"]

    def validate_result(self, pattern_text: str) -> bool | None:
        if not itin.is_valid(pattern_text.replace(" ", "-")):
            return False
        # Nine bare digits are only an ITIN next to context: keep the weak score.
        return True if not pattern_text.isdigit() else None
