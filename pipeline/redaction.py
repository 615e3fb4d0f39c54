"""Typed placeholders (presidio-anonymizer) and keyed user pseudonyms."""

from __future__ import annotations

import hashlib
import hmac

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import ConflictResolutionStrategy, RecognizerResult

from pipeline.detection import Finding

_ENGINE = AnonymizerEngine()


def redact_text(text: str, findings: list[Finding]) -> str:
    """Replace every finding's span by `<ENTITY_TYPE>`; overlapping spans are all covered."""
    if not findings:
        return text
    results = [RecognizerResult(f.entity_type, f.start, f.end, f.score) for f in findings]
    # REMOVE_INTERSECTIONS trims overlaps instead of dropping one: the union stays redacted.
    return _ENGINE.anonymize(
        text=text,
        analyzer_results=results,
        conflict_resolution=ConflictResolutionStrategy.REMOVE_INTERSECTIONS,
    ).text


def pseudonymize(user_id: str, key: bytes) -> str:
    """A keyed HMAC-SHA256 pseudonym: stable per key, not reversible without it."""
    digest = hmac.new(key, user_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"u_{digest[:32]}"
