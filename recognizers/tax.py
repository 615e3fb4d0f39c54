"""Tax identifiers, forms and amounts."""

from presidio_analyzer import Pattern
from stdnum.gb import utr
from stdnum.us import ein, itin

from recognizers.base import ConstantPatternRecognizer

# --- US Individual Taxpayer Identification Numbers, checked with python-stdnum.
# The IRS's ITIN group ranges (fourth and fifth digits) since 2011; stdnum's list lacks 50-65.
_GROUPS = set(range(50, 66)) | set(range(70, 89)) | {90, 91, 92} | set(range(94, 100))


class UsItinChecksumRecognizer(ConstantPatternRecognizer):
    """ITINs: 9XX-[5-9]X-XXXX (group ranges validated by stdnum)."""

    MIN_DIGITS = 9

    ENTITY = "US_ITIN"
    PATTERNS = [
        Pattern("itin_separated", r"(?<![\w-])9\d{2}([- ])[5-9]\d\1\d{4}(?![\w-])", 0.5),
        Pattern("itin_bare", r"(?<![\w-])9\d{2}[5-9]\d{5}(?![\w-])", 0.05),
    ]
    CONTEXT = ["itin", "taxpayer", "tin", "tax id", "individual taxpayer"]

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = "".join(c for c in pattern_text if c.isdigit())
        if not (itin.is_valid(pattern_text.replace(" ", "-")) or (digits[0] == "9" and int(digits[3:5]) in _GROUPS)):
            return False
        # Nine bare digits are only an ITIN next to context: keep the weak score.
        return True if not pattern_text.isdigit() else None


# --- US Employer Identification Numbers (XX-XXXXXXX), prefix checked with python-stdnum.
class UsEinRecognizer(ConstantPatternRecognizer):
    """EINs in their printed form; a valid IRS campus prefix scores high."""

    MIN_DIGITS = 9

    ENTITY = "US_EIN"
    PATTERNS = [Pattern("ein", r"(?<![\w-])\d{2}-\d{7}(?![\w-])", 0.5)]
    CONTEXT = ["ein", "employer identification", "fein", "tax id", "employer id", "w-2", "1099"]

    def validate_result(self, pattern_text: str) -> bool | None:
        return True if ein.is_valid(pattern_text) else False


# --- IRS Identity Protection PINs: six digits named as an IP PIN.
class IrsIpPinRecognizer(ConstantPatternRecognizer):
    """Six digits shortly after 'IP PIN' / 'identity protection PIN'."""

    MIN_DIGITS = 6

    ENTITY = "IRS_IP_PIN"
    PATTERNS = [
        Pattern(
            "ip_pin",
            r"(?i)(?<=\b(?:ip\s?pin|identity\s+protection\s+pin)\b[^\d\n]{0,20})(?<!\d)\d{6}(?!\d)",
            0.85,
        )
    ]
    CONTEXT = ["ip pin", "identity protection"]


# --- References to IRS forms and schedules: a strong signal that text is about taxes.
class IrsFormRecognizer(ConstantPatternRecognizer):
    """W-2, W-4, W-9, 1040(-SR/-X/-ES), 1099-x, 1098, Schedule A-SE, 8888, 8862, 4868 ..."""

    ENTITY = "IRS_FORM"
    PATTERNS = [
        Pattern(
            "irs_form",
            r"(?i)(?<![\w-])(?:form\s+)?(?:W-?[2349]|W-?4P|1040(?:-?(?:SR|NR|X|ES))?"
            r"|1099-?(?:NEC|MISC|INT|DIV|B|R|K|G|SA|S|Q|C)|1098(?:-?[ET])?|8888|8862|8863|8812|4868|"
            r"8949|2441|5695|8962|1095-?[ABC])(?![\w-])",
            0.5,
        ),
        Pattern("irs_schedule", r"(?<![\w-])Schedule\s+(?:[ABCDEFHJRS]|SE|EIC|K-1|8812)(?![\w-])", 0.5),
    ]
    CONTEXT = ["form", "irs", "tax", "return", "filing", "refund", "schedule"]


# --- Money amounts in a tax context (refund, owed, AGI, withholding, income).
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


# --- UK Unique Taxpayer References: ten digits with a check digit (python-stdnum), which
class UkUtrRecognizer(ConstantPatternRecognizer):
    """`12345 67890` or `1234567890` (weak until a context word lifts it)."""

    ENTITY = "UK_UTR"
    MIN_DIGITS = 10
    PATTERNS = [Pattern("utr", r"(?<![\w-])\d{5} ?\d{5}(?![\w-])", 0.2)]
    CONTEXT = ["utr", "unique taxpayer", "taxpayer reference", "self assessment", "hmrc"]

    def validate_result(self, pattern_text: str) -> bool | None:
        return None if utr.is_valid(pattern_text.replace(" ", "")) else False


TAX = (
    UsItinChecksumRecognizer,
    UsEinRecognizer,
    IrsIpPinRecognizer,
    IrsFormRecognizer,
    TaxAmountRecognizer,
    UkUtrRecognizer,
)
