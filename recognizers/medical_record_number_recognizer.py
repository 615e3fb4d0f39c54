"""Medical record numbers: an identifier right after MRN / medical record / chart context."""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer


class MedicalRecordNumberRecognizer(ConstantPatternRecognizer):
    """Alphanumeric ids of 5-15 characters (with a digit) after MRN context."""

    MIN_DIGITS = 1

    ENTITY = "MEDICAL_RECORD_NUMBER"
    PATTERNS = [
        Pattern(
            "mrn_with_context",
            r"(?i)(?<=\b(?:mrn\b|medical\s+record(?:\s+(?:number\b|no\.?|#))?|chart\s*(?:#|no\.?|number\b)|"
            r"patient\s+(?:id\b|number\b|#))[\s:#.]{0,5})(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,14}(?![\w-])",
            0.85,
        )
    ]
    CONTEXT = ["mrn", "medical record", "chart", "patient"]
