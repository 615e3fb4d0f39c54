"""National Drug Codes in their three dashed forms (4-4-2, 5-3-2, 5-4-1) or 5-4-2."""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer


class NdcRecognizer(ConstantPatternRecognizer):
    """Dashed NDCs; stronger next to drug context."""

    MIN_DIGITS = 10

    ENTITY = "NDC_CODE"
    PATTERNS = [
        Pattern(
            "ndc_dashed",
            r"(?<![\w-])(?:\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2}|\d{5}-\d{4}-\d{1,2})(?![\w-])",
            0.5,
        )
    ]
    CONTEXT = ["ndc", "drug", "medication", "rx", "prescription", "pharmacy"]
