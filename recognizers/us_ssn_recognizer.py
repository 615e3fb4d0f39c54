"""US Social Security numbers, checked with python-stdnum."""

from presidio_analyzer import Pattern
from stdnum.us import ssn

from recognizers.base import ConstantPatternRecognizer


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
