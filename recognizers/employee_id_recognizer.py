"""Employee ids: an identifier right after employee/badge/personnel context."""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer


class EmployeeIdRecognizer(ConstantPatternRecognizer):
    """Alphanumeric ids (with a digit) after 'employee id', 'emp #', 'badge', 'personnel no.'."""

    MIN_DIGITS = 1

    ENTITY = "EMPLOYEE_ID"
    PATTERNS = [
        Pattern(
            "employee_id_with_context",
            r"(?i)(?<=\b(?:employee|emp|staff|badge|personnel|worker|associate)\s*"
            r"(?:id\b|number\b|no\.?|#|\b)[\s:#.]{0,5})(?=[A-Z0-9-]*\d)[A-Z]{0,4}-?\d{4,10}(?![\w-])",
            0.8,
        )
    ]
    CONTEXT = ["employee", "badge", "personnel", "staff", "hr"]
