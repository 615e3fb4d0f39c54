"""ICD-10-CM diagnosis codes (e.g. F32.1, E11.9, O09.891)."""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer


class Icd10Recognizer(ConstantPatternRecognizer):
    """Dotted codes score medium; undotted three-character codes need context."""

    MIN_DIGITS = 1

    ENTITY = "ICD10_CODE"
    PATTERNS = [
        Pattern("icd10_dotted", r"(?<![\w.-])[A-TV-Z]\d[0-9AB]\.[0-9A-TV-Z]{1,4}(?![\w-])", 0.5),
        Pattern(
            "icd10_with_context",
            r"(?i)(?<=\b(?:icd(?:-?10)?(?:-cm)?|diagnosis|dx|diagnosis\s+code)\b[\s:#]{0,5})"
            r"(?-i:[A-TV-Z]\d[0-9AB](?:\.?[0-9A-TV-Z]{1,4})?)(?![\w-])",
            0.85,
        ),
    ]
    CONTEXT = ["icd", "icd-10", "diagnosis", "dx", "code", "diagnosed"]
