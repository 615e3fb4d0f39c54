"""US Employer Identification Numbers (XX-XXXXXXX), prefix checked with python-stdnum."""

from presidio_analyzer import Pattern
from stdnum.us import ein

from recognizers.base import ConstantPatternRecognizer


class UsEinRecognizer(ConstantPatternRecognizer):
    """EINs in their printed form; a valid IRS campus prefix scores high."""

    MIN_DIGITS = 9

    ENTITY = "US_EIN"
    PATTERNS = [Pattern("ein", r"(?<![\w-])\d{2}-\d{7}(?![\w-])", 0.5)]
    CONTEXT = ["ein", "employer identification", "fein", "tax id", "employer id", "w-2", "1099"]

    def validate_result(self, pattern_text: str) -> bool | None:
        return True if ein.is_valid(pattern_text) else False
