"""US Individual Taxpayer Identification Numbers, checked with python-stdnum."""

from presidio_analyzer import Pattern
from stdnum.us import itin

from recognizers.base import ConstantPatternRecognizer


class UsItinRecognizer(ConstantPatternRecognizer):
    """ITINs: 9XX-[5-9]X-XXXX (group ranges validated by stdnum)."""

    ENTITY = "US_ITIN"
    PATTERNS = [Pattern("itin", r"(?<![\w-])9\d{2}([- ]?)[5-9]\d\1\d{4}(?![\w-])", 0.5)]
    CONTEXT = ["itin", "taxpayer", "tin", "tax id", "individual taxpayer"]

    def validate_result(self, pattern_text: str) -> bool | None:
        return True if itin.is_valid(pattern_text.replace(" ", "-")) else False
