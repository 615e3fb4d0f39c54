"""Payment cards, bank accounts and routing numbers."""

import regex
from presidio_analyzer import Pattern
from stdnum import iban, luhn
from stdnum.us import rtn

from recognizers.base import ConstantPatternRecognizer

# --- Payment card numbers by their form: 12-19 digits, an issuer prefix and the Luhn check.
# Leading digits of the issuers that use 12-19 digit numbers (IIN ranges, ISO/IEC 7812).
_ISSUER = regex.compile(r"^(?:4|5[0-9]|2[2-7]|3[0-9]|6[0-9]|1800|2131|81|82|9792|1(?=\d{14}$))")  # 1: UATP, 15 digits


# The card numbers payment providers publish for testing (Stripe, Braintree, Adyen, PayPal
# sandbox docs): in text that speaks of testing they are no one's card
PUBLIC_TEST_CARDS = frozenset(
    {
        "4242424242424242",
        "4000056655665556",
        "4111111111111111",
        "4012888888881881",
        "4000000000000002",
        "4000000000009995",
        "4000002500003155",
        "5555555555554444",
        "5200828282828210",
        "5105105105105100",
        "2223003122003222",
        "378282246310005",
        "371449635398431",
        "6011111111111117",
        "6011000990139424",
        "3056930009020004",
        "36227206271667",
        "3566002020360505",
        "6200000000000005",
    }
)
_TESTING = regex.compile(r"(?i)\b(?:test(?:s|ing|ed)?|sandbox|staging|dummy|stripe|braintree|adyen|fixtures?|qa)\b")


class PaymentCardRecognizer(ConstantPatternRecognizer):
    """A run of 12-19 digits, bare or in groups split by one kind of separator."""

    ENTITY = "CREDIT_CARD"
    MIN_DIGITS = 12
    CONTEXT = ["card", "credit", "debit", "visa", "mastercard", "amex", "cc", "payment", "expiry", "cvv"]
    PATTERNS = [
        Pattern("card_grouped", r"(?<![\w.+-])(?=[2-6])\d{2,6}(?:([ -])\d{2,6})(?:\1\d{2,6}){1,5}(?![\w-]|\.\d)", 0.6),
        Pattern("card_bare", r"(?<![\w.+-])(?=[2-6])\d{12,19}(?![\w-]|\.\d)", 0.5),
        # four groups of four in dots ("4111.1111.1111.1111"): no version or address has them
        Pattern("card_dotted", r"(?<![\w.+-])(?=[2-6])\d{4}(?:\.\d{4}){3}(?![\w-]|\.\d)", 0.6),
        Pattern("card_any_issuer", r"(?<![\w.+-])[01789]\d{11,18}(?![\w-]|\.\d)", 0.15),
    ]

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        if not results or not _TESTING.search(text):
            return results
        return [r for r in results if "".join(c for c in text[r.start : r.end] if c.isdigit()) not in PUBLIC_TEST_CARDS]

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = "".join(c for c in pattern_text if c.isdigit())
        if not 12 <= len(digits) <= 19 or len(set(digits)) < 2:
            return False
        if not _ISSUER.match(digits):
            # an unknown issuer: only the weak pattern keeps it, for context words to lift
            return None if digits[0] in "01789" and luhn.is_valid(digits) else False
        return True if luhn.is_valid(digits) else False


# --- Bank account numbers: digits are only an account number next to account context.
class BankAccountRecognizer(ConstantPatternRecognizer):
    """6-17 digits (optionally grouped) after 'account', 'acct', 'checking', 'savings'."""

    MIN_DIGITS = 6
    PREFILTER = regex.compile(r"(?i)\b(?:account|acct|a/c|checking|savings|iban|deposit to)\b")

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


# --- ABA routing transit numbers, checked with python-stdnum's checksum.
class AbaRoutingChecksumRecognizer(ConstantPatternRecognizer):
    """Nine digits with a valid ABA checksum, strongest next to routing context."""

    MIN_DIGITS = 9
    PREFILTER = regex.compile(r"(?i)\b(?:routing|aba|rtn|transit)\b")

    ENTITY = "ABA_ROUTING_NUMBER"
    PATTERNS = [
        Pattern(
            "aba_with_context",
            r"(?i)(?<=\b(?:routing|aba|rtn|transit)\b[^\d\n]{0,25})(?<![\d-])[0-3]\d{3}-?\d{4}-?\d(?![\d-])",
            0.7,
        ),
    ]
    CONTEXT = ["routing", "aba", "rtn", "transit", "direct deposit", "bank"]

    def validate_result(self, pattern_text: str) -> bool | None:
        return True if rtn.is_valid(pattern_text.replace("-", "")) else False  # also 0711-0130-7


# --- An account number in the IBAN form whose check digits fail (a typo, a made-up or
# truncated number): still someone's account, so it counts next to banking words.
# Presidio's IBAN recognizer takes only valid ones.
class IbanShapedAccountRecognizer(ConstantPatternRecognizer):
    """Two capital letters, two digits and 11-30 letters and digits, next to context."""

    ENTITY = "IBAN_CODE"
    MIN_DIGITS = 8
    PATTERNS = [Pattern("iban_shape", r"(?<![\w-])[A-Z]{2}\d{2}[A-Z0-9]{11,30}(?![\w-])", 0.1)]
    CONTEXT = ["iban", "account", "transfer", "bank", "wire", "sepa", "payment", "beneficiary"]

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = sum(c.isdigit() for c in pattern_text)
        return None if digits >= 8 else False


class AnyCaseIbanRecognizer(ConstantPatternRecognizer):
    """A valid IBAN in lower or mixed case, grouped or not (Presidio's takes capitals)."""

    ENTITY = "IBAN_CODE"
    MIN_DIGITS = 8
    PATTERNS = [Pattern("iban_any_case", r"(?i)(?<![\w-])[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,4})?(?![\w-])", 0.5)]

    def validate_result(self, pattern_text: str) -> bool | None:
        return iban.is_valid(pattern_text.upper())


# --- A card's security code after its label ("cvv 123", "CVC: 0421"): with a card's last
# digits and expiry beside it, enough to pay with.
class CardSecurityCodeRecognizer(ConstantPatternRecognizer):
    """The 3-4 digits after a card security code label."""

    ENTITY = "CARD_SECURITY_CODE"
    MIN_DIGITS = 3
    PATTERNS = [
        Pattern(
            "card_security_code",
            r"(?i)(?<=\b(?:cvv2?|cvc2?|cid|csc|card\s+security\s+code|security\s+code\s+on\s+the\s+back)"
            r"(?:\s+(?:is|was|code))?\s*[:#=]?\s*)\d{3,4}(?![\w-])",
            0.85,
        )
    ]


FINANCIAL = (
    CardSecurityCodeRecognizer,
    PaymentCardRecognizer,
    IbanShapedAccountRecognizer,
    AnyCaseIbanRecognizer,
    BankAccountRecognizer,
    AbaRoutingChecksumRecognizer,
)
