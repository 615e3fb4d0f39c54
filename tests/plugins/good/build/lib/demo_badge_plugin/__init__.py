"""Example third-party recognizers: an EntityRecognizer subclass and a factory."""

from presidio_analyzer import Pattern, PatternRecognizer


class BadgeRecognizer(PatternRecognizer):
    """Visitor badge numbers like BADGE-1234-ZZ."""

    def __init__(self):
        super().__init__(
            supported_entity="VISITOR_BADGE",
            name="BadgeRecognizer",
            patterns=[Pattern("badge", r"\bBADGE-\d{4}-[A-Z]{2}\b", 0.9)],
        )


def make_recognizers():
    """A factory may return several recognizers."""
    return [
        PatternRecognizer(
            supported_entity="LOCKER_CODE",
            name="LockerCodeRecognizer",
            patterns=[Pattern("locker", r"\bLOCKER#\d{3}\b", 0.9)],
        )
    ]
