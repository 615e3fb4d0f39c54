"""Money amounts in a tax context (refund, owed, AGI, withholding, income)."""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer

_TAX_WORDS = (
    r"refund|owe|owed|tax(?:es)?|agi|adjusted gross|withh[eo]ld(?:ing)?|taxable|income|"
    r"deduction|wages|estimated payment|balance due|irs"
)


class TaxAmountRecognizer(ConstantPatternRecognizer):
    """A dollar amount within a few words after tax vocabulary."""

    MIN_DIGITS = 1

    ENTITY = "TAX_AMOUNT"
    PATTERNS = [
        Pattern(
            "amount_after_tax_word",
            rf"(?i)(?<=\b(?:{_TAX_WORDS})\b[^\n$]{{0,40}})\$\s?\d{{1,3}}(?:,\d{{3}})*(?:\.\d{{2}})?(?![\d,])",
            0.6,
        ),
    ]
    CONTEXT = ["refund", "tax", "irs", "agi", "withholding", "owe"]
