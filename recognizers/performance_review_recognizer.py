"""Performance ratings, reviews and improvement plans."""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer


class PerformanceReviewRecognizer(ConstantPatternRecognizer):
    """PIPs, ratings ('rated 2/5', 'does not meet expectations'), calibration outcomes."""

    ENTITY = "PERFORMANCE_REVIEW"
    PATTERNS = [
        Pattern(
            "improvement_plan",
            r"(?i)\b(?:performance\s+improvement\s+plan|(?-i:(?<![\w-])PIP(?![\w-]))|"
            r"performance\s+warning|underperform(?:ing|er|ance)?|low\s+performer|"
            r"(?:does\s+not|doesn't|did\s+not|didn't)\s+meet\s+expectations|"
            r"(?:meets|exceeds|below)\s+expectations|needs\s+improvement|"
            r"calibrat(?:ed|ion)\s+(?:to|at|as)\s+\w+|bottom\s+\d+\s*%|stack[\s-]rank(?:ed|ing)?)",
            0.6,
        ),
        Pattern(
            "rating",
            r"(?i)(?<=\b(?:rated|rating|rating of|performance\s+score|review\s+score|scored)\b[\s:]{0,3})"
            r"(?:\d(?:\.\d)?\s?(?:/|out\s+of)\s?\d|[1-5](?!\d))",
            0.6,
        ),
    ]
    CONTEXT = ["performance", "review", "rating", "manager", "calibration"]
