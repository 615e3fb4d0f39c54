"""US National Provider Identifiers: 10 digits with the Luhn check over prefix 80840."""

from presidio_analyzer import Pattern
from stdnum import luhn

from recognizers.base import ConstantPatternRecognizer


class NpiRecognizer(ConstantPatternRecognizer):
    """Ten digits starting 1 or 2 whose NPI check digit is right."""

    MIN_DIGITS = 10

    ENTITY = "NPI"
    PATTERNS = [Pattern("npi", r"(?<![\w-])[12]\d{9}(?![\w-])", 0.3)]
    CONTEXT = ["npi", "provider", "prescriber", "physician", "national provider"]

    def validate_result(self, pattern_text: str) -> bool | None:
        # The NPI check digit is Luhn over the card-issuer prefix 80840 + the number.
        return None if luhn.is_valid("80840" + pattern_text) else False
