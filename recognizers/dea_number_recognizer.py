"""DEA registration numbers: two letters, seven digits, a weighted check digit."""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer


class DeaNumberRecognizer(ConstantPatternRecognizer):
    """e.g. AB1234563: (d1+d3+d5) + 2*(d2+d4+d6) ends in d7."""

    MIN_DIGITS = 7

    ENTITY = "DEA_NUMBER"
    PATTERNS = [Pattern("dea", r"(?<![\w-])[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}(?![\w-])", 0.4)]
    CONTEXT = ["dea", "prescriber", "controlled substance", "registration"]

    def validate_result(self, pattern_text: str) -> bool | None:
        return dea_checksum_ok(pattern_text)


def dea_checksum_ok(value: str) -> bool:
    """True when the DEA number's check digit matches (no library implements it)."""
    d = [int(c) for c in value[2:]]
    total = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])
    return total % 10 == d[6]
