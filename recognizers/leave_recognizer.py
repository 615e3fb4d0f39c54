"""Leave of absence: medical, parental, FMLA, disability and bereavement leave."""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer


class LeaveRecognizer(ConstantPatternRecognizer):
    """Named leave types that reveal health or family circumstances."""

    ENTITY = "LEAVE"
    PATTERNS = [
        Pattern(
            "leave",
            r"(?i)\b(?:fmla(?:\s+leave)?|(?:medical|sick|parental|maternity|paternity|family|"
            r"disability|bereavement|caregiver|stress)\s+leave|short[\s-]term\s+disability|"
            r"long[\s-]term\s+disability|leave\s+of\s+absence|std\s+claim|ltd\s+claim)\b",
            0.6,
        )
    ]
    CONTEXT = ["leave", "hr", "absence", "benefits"]
