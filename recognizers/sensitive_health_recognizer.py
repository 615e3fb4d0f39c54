"""Pregnancy, disability and mental-health language (data/sensitive_health.txt)."""

from recognizers.base import TermListRecognizer


class SensitiveHealthRecognizer(TermListRecognizer):
    """Special-category health terms that need protection even without a diagnosis."""

    ENTITY = "SENSITIVE_HEALTH"
    TERMS_FILE = "sensitive_health.txt"
    SCORE = 0.6
