"""Compensation: salary, bonus, equity and raise amounts next to pay vocabulary."""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer

_PAY_WORDS = (
    r"salary|salaries|base pay|pay|compensation|comp|bonus|raise|merit increase|offer(?:ed)?|"
    r"equity|rsus?|stock options?|options|signing bonus|annual|per year|hourly rate|wage"
)
_AMOUNT = r"\$\s?\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\$\s?\d+(?:\.\d+)?\s?[kKmM]\b|\$\s?\d+(?:\.\d{2})?|\d{1,3}(?:,\d{3})+\s?(?:USD|dollars)|\d+(?:\.\d+)?%"


class CompensationRecognizer(ConstantPatternRecognizer):
    """An amount (dollars, k, or a percentage raise) within a few words of pay vocabulary."""

    MIN_DIGITS = 1

    ENTITY = "COMPENSATION"
    PATTERNS = [
        Pattern("amount_after_pay_word", rf"(?i)(?<=\b(?:{_PAY_WORDS})\b[^\n$]{{0,30}})(?:{_AMOUNT})", 0.6),
        Pattern(
            "amount_before_pay_word",
            rf"(?i)(?:{_AMOUNT})(?=[^\n]{{0,20}}\b(?:salary|base|bonus|raise|offer|in rsus|in equity|per year|a year|annually)\b)",
            0.6,
        ),
        Pattern("equity_grant", r"(?i)\b\d{1,3}(?:,\d{3})*\s+(?:rsus|shares|stock options)\b", 0.6),
    ]
    CONTEXT = ["salary", "bonus", "compensation", "raise", "equity", "offer", "pay"]
