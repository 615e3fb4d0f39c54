"""Output records for the three routes (docs/contract.md): clean, quarantine, drop. Their types
and JSON Schema are in `schemas.py`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from pipeline.core.codes import Route
from pipeline.core.detection import Finding
from pipeline.core.events import FREE_TEXT_FIELDS, Event, Malformed
from pipeline.core.redaction import pseudonymize, redact
from pipeline.core.schemas import CleanRecord, DropRecord, QuarantineRecord
from pipeline.core.scoring import Sensitivity


def clean_record(event: Event, findings: list[Finding], sensitivity: Sensitivity, policy_version: str, key: bytes) -> CleanRecord:
    """The redacted record: placeholders in every free-text field, a pseudonymous user."""
    record: dict = {
        "event_id": event.event_id,
        "source_event_ids": list(event.source_event_ids),
        "kind": event.kind,
        "ts": event.ts,
        "user": pseudonymize(event.user_id, key),
        "app": event.app,
    }
    texts, placed = _redacted(event, findings)
    record.update(texts)
    if event.kind == "click":
        record.update({"x": event.x, "y": event.y, "button": event.button})
    record.update(
        {
            "sensitivity": sensitivity.to_dict(),
            # Positions of the placeholders in the redacted text, never of the values.
            "findings": [f.to_dict() for f in sorted(placed, key=_order)],
            "policy_version": policy_version,
            "route": Route.CLEAN,
        }
    )
    return cast(CleanRecord, record)


def quarantine_record(
    event: Event | Malformed,
    reasons: list[str],
    sensitivity: Sensitivity | None,
    policy_version: str,
    key: bytes,
    content: dict | None,
    findings: Sequence[Finding] = (),
) -> QuarantineRecord:
    """Clear metadata (no content) plus the original, encrypted for the reviewers
    (`content`; None where originals are not kept: evaluation)."""
    record = _metadata(event, reasons, sensitivity, policy_version)
    record["user"] = pseudonymize(event.user_id, key) if event.user_id else None
    # As in clean records: positions of the placeholders, which tell no value's length.
    record["findings"] = [f.to_dict() for f in sorted(_redacted(event, findings)[1], key=_order)]
    record["content"] = content
    record["route"] = Route.QUARANTINE
    return cast(QuarantineRecord, record)


def drop_record(event: Event, reasons: list[str], sensitivity: Sensitivity | None, policy_version: str) -> DropRecord:
    """A content-free tombstone: ids, reason codes, score, categories, policy version."""
    record = _metadata(event, reasons, sensitivity, policy_version)
    record["route"] = Route.DROP
    return cast(DropRecord, record)


def _metadata(event: Event | Malformed, reasons: list[str], sensitivity: Sensitivity | None, version: str) -> dict:
    sources = list(event.source_event_ids) if isinstance(event, Event) else [event.event_id] if event.event_id else []
    return {
        "event_id": event.event_id,
        "source_event_ids": sources,
        "kind": event.kind,
        "ts": event.ts,
        "reasons": list(reasons),
        "sensitivity": sensitivity.to_dict() if sensitivity else {"score": None, "level": "unknown", "categories": []},
        "policy_version": version,
    }


def _redacted(event: Event | Malformed, findings: Sequence[Finding]) -> tuple[dict[str, str], list[Finding]]:
    """Each free-text field with its findings replaced, and the findings on their placeholders."""
    texts: dict[str, str] = {}
    placed: list[Finding] = []
    for name in FREE_TEXT_FIELDS:
        value = getattr(event, name, None)
        if value is not None:
            texts[name], on_placeholders = redact(value, [f for f in findings if f.field == name])
            placed += on_placeholders
    return texts, placed


def _order(finding: Finding) -> tuple:
    return (FREE_TEXT_FIELDS.index(finding.field), finding.start, finding.end, finding.entity_type)
