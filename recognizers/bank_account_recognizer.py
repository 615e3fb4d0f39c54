"""Bank account numbers: digits are only an account number next to account context."""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer


class BankAccountRecognizer(ConstantPatternRecognizer):
    """6-17 digits (optionally grouped) after 'account', 'acct', 'checking', 'savings'."""

    MIN_DIGITS = 1

    ENTITY = "US_BANK_NUMBER"
    PATTERNS = [
        Pattern(
            "account_with_context",
            r"(?i)(?<=\b(?:account|acct|a/c|checking|savings|iban|deposit to)\b[^\d\n]{0,25})"
            r"(?<![\d-])\d(?:[ -]?\d){5,16}(?![\d-])",
            0.65,
        ),
    ]
    CONTEXT = ["account", "acct", "checking", "savings", "bank", "deposit"]
