"""Payment card numbers by their form: 12-19 digits, an issuer prefix and the Luhn check.

Presidio's card pattern stops at 17 digits and misses newer ranges (Mastercard 2-series,
19-digit Visa and UnionPay, 12-digit Maestro); the form here covers every length an
issuer uses, and `stdnum.luhn` decides.
"""

import regex
from presidio_analyzer import Pattern
from stdnum import luhn

from recognizers.base import ConstantPatternRecognizer

# Leading digits of the issuers that use 12-19 digit numbers (IIN ranges, ISO/IEC 7812).
_ISSUER = regex.compile(r"^(?:4|5[0-9]|2[2-7]|3[0-9]|6[0-9]|1800|2131|81|82|9792)")


class PaymentCardRecognizer(ConstantPatternRecognizer):
    """A run of 12-19 digits, bare or in groups split by one kind of separator."""

    ENTITY = "CREDIT_CARD"
    MIN_DIGITS = 12
    CONTEXT = ["card", "credit", "debit", "visa", "mastercard", "amex", "cc", "payment", "expiry", "cvv"]
    PATTERNS = [
        Pattern("card_grouped", r"(?<![\w.+-])(?=[2-6])\d{2,6}(?:([ -])\d{2,6})(?:\1\d{2,6}){1,5}(?![\w-]|\.\d)", 0.6),
        Pattern("card_bare", r"(?<![\w.+-])(?=[2-6])\d{12,19}(?![\w-]|\.\d)", 0.5),
        Pattern("card_any_issuer", r"(?<![\w.+-])[01789]\d{11,18}(?![\w-]|\.\d)", 0.15),
    ]

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = "".join(c for c in pattern_text if c.isdigit())
        if not 12 <= len(digits) <= 19 or len(set(digits)) < 2:
            return False
        if not _ISSUER.match(digits):
            # an unknown issuer: only the weak pattern keeps it, for context words to lift
            return None if digits[0] in "01789" and luhn.is_valid(digits) else False
            return False
        return True if luhn.is_valid(digits) else False
