"""UK Unique Taxpayer References: ten digits with a check digit (python-stdnum), which
only count next to tax words: ten digits alone are too common."""

from presidio_analyzer import Pattern
from stdnum.gb import utr

from recognizers.base import ConstantPatternRecognizer


class UkUtrRecognizer(ConstantPatternRecognizer):
    """`12345 67890` or `1234567890` (weak until a context word lifts it)."""

    ENTITY = "UK_UTR"
    MIN_DIGITS = 10
    PATTERNS = [Pattern("utr", r"(?<![\w-])\d{5} ?\d{5}(?![\w-])", 0.2)]
    CONTEXT = ["utr", "unique taxpayer", "taxpayer reference", "self assessment", "hmrc"]

    def validate_result(self, pattern_text: str) -> bool | None:
        return None if utr.is_valid(pattern_text.replace(" ", "")) else False
