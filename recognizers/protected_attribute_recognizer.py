"""Protected attributes disclosed about a person (religion, orientation, ethnicity, age, union, visa)."""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer


class ProtectedAttributeRecognizer(ConstantPatternRecognizer):
    """First-person or about-someone statements of protected characteristics."""

    ENTITY = "PROTECTED_ATTRIBUTE"
    PATTERNS = [
        Pattern(
            "self_or_other_disclosure",
            r"(?i)\b(?:i\s+am|i'm|he\s+is|she\s+is|they\s+are|he's|she's|they're|is\s+a|as\s+a)\s+(?:an?\s+)?"
            r"(?:gay|lesbian|bisexual|transgender|trans|queer|nonbinary|non-binary|muslim|jewish|"
            r"catholic|christian|hindu|sikh|buddhist|mormon|atheist|undocumented|"
            r"(?:\d{2})\s+years\s+old|over\s+(?:40|50|60)|pregnant|veteran|immigrant|union\s+member)\b",
            0.6,
        ),
        Pattern(
            "protected_status",
            r"(?i)\b(?:sexual\s+orientation|gender\s+identity|religious\s+beliefs?|immigration\s+status|"
            r"visa\s+status|h-1b\s+(?:status|holder|transfer)|green\s+card\s+(?:application|status)|"
            r"union\s+(?:organizing|membership)|national\s+origin|racial\s+discrimination|age\s+discrimination)\b",
            0.55,
        ),
    ]
    CONTEXT = ["hr", "discrimination", "protected", "status"]
