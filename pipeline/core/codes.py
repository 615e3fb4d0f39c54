"""Route and reason codes: the vocabulary of every output record. Reasons are codes,
never values (docs/contract.md); two families carry a name after a colon: `category:<name>` and
`special_category:<name>`, and a malformed record adds `malformed:<problem>`."""

from __future__ import annotations

from enum import StrEnum


class Route(StrEnum):
    CLEAN = "clean"
    QUARANTINE = "quarantine"
    DROP = "drop"


class Reason(StrEnum):
    # failures: the record is held because it could not be judged
    DETECTION_ERROR = "detection_error"
    REGEX_TIMEOUT = "regex_timeout"
    DETECTION_TIMEOUT = "detection_timeout"
    PROCESSING_ERROR = "processing_error"
    MALFORMED = "malformed"
    WRONG_TOPIC = "wrong_topic"
    DUPLICATE_EVENT_ID = "duplicate_event_id"
    # decisions
    SCORE_ABOVE_DROP = "score_above_drop_threshold"
    SCORE_ABOVE_QUARANTINE = "score_above_quarantine_threshold"
    SECURE_FIELD = "secure_field"
    EXCLUDED_APP = "excluded_app"
    EXCLUDED_PAGE = "excluded_page"
    TYPED_AT_SIGN_IN = "typed_at_sign_in"


FAILURES = frozenset(
    {
        Reason.DETECTION_ERROR,
        Reason.REGEX_TIMEOUT,
        Reason.DETECTION_TIMEOUT,
        Reason.PROCESSING_ERROR,
        Reason.MALFORMED,
        Reason.WRONG_TOPIC,
        Reason.DUPLICATE_EVENT_ID,
    }
)


def category(name: str) -> str:
    """The reason for a category the policy drops: `category:credential`."""
    return f"category:{name}"


def special_category(name: str) -> str:
    """The reason for a special category held with a personal link: `special_category:medical`."""
    return f"special_category:{name}"
