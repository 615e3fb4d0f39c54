"""References to IRS forms and schedules: a strong signal that text is about taxes."""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer


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
