"""US Individual Taxpayer Identification Numbers, checked with python-stdnum."""

from presidio_analyzer import Pattern
from stdnum.us import itin

# The IRS's ITIN group ranges (fourth and fifth digits) since 2011; stdnum's list lacks 50-65.
_GROUPS = set(range(50, 66)) | set(range(70, 89)) | {90, 91, 92} | set(range(94, 100))

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
        digits = "".join(c for c in pattern_text if c.isdigit())
        if not (itin.is_valid(pattern_text.replace(" ", "-")) or (digits[0] == "9" and int(digits[3:5]) in _GROUPS)):
            return False
        # Nine bare digits are only an ITIN next to context: keep the weak score.
        return True if not pattern_text.isdigit() else None
