"""Health-plan member and group ids: an id right after member/subscriber/policy context."""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer


class HealthPlanIdRecognizer(ConstantPatternRecognizer):
    """Alphanumeric ids (with a digit) after 'member id', 'subscriber id', 'group number' ..."""

    MIN_DIGITS = 1

    ENTITY = "HEALTH_PLAN_ID"
    PATTERNS = [
        Pattern(
            "member_id_with_context",
            r"(?i)(?<=\b(?:member|subscriber|policy|group|insurance|medicare|medicaid|plan)\s*"
            r"(?:id\b|number\b|no\.?|#)[\s:#.]{0,5})(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{5,19}(?![\w-])",
            0.85,
        )
    ]
    CONTEXT = ["member", "subscriber", "insurance", "plan", "policy", "medicare", "medicaid"]
