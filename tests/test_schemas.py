"""The output records match their types and the JSON Schema published in docs/schemas."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from pipeline.core import schemas
from pipeline.core.processor import route_stream
from pipeline.vault.audit import next_entry
from tests.factories import event, raw

SSN = "321-54-9876"


def test_published_schemas_are_current(tmp_path):
    for path in schemas.write_schemas(tmp_path):
        published = schemas.SCHEMA_DIR / path.name
        assert published.is_file(), f"missing {published}: run python -m pipeline.core.schemas"
        assert json.loads(published.read_text()) == json.loads(path.read_text()), (
            f"{published} is stale: run python -m pipeline.core.schemas"
        )


def test_records_of_every_route_validate(pipeline):
    events = [
        event(text="Lunch with Maria at noon?"),
        event(text=f"my SSN is {SSN}"),
        event(text="password: hunter2-Secret!"),
        event(kind="click", target_text="Submit", x=1, y=2, button="left"),
    ]
    routed = list(route_stream(pipeline, [raw(e) for e in events] + [b"{not json"], 16))
    assert {r.route for r in routed} == {"clean", "quarantine", "drop"}
    for r in routed:
        schemas.validate(str(r.route), json.loads(schemas.encode(r.record)))
    schemas.validate("audit", next_entry(None, "alice", "show", "ev-1", "ticket 12", "ok"))


def test_a_record_with_an_unknown_field_or_a_raw_user_id_fails(pipeline):
    [routed] = list(route_stream(pipeline, [raw(event(text="Lunch at noon?"))], 16))
    record = json.loads(schemas.encode(routed.record))
    with pytest.raises(ValidationError):
        schemas.validate("clean", {**record, "user_id": "user-001"})
    with pytest.raises(ValidationError):
        schemas.validate("clean", {k: v for k, v in record.items() if k != "policy_version"})


def test_encoding_is_canonical():
    assert schemas.encode({"b": 1, "a": "Zoë"}) == '{"a": "Zoë", "b": 1}'.encode()


def test_the_schema_names_every_audit_action_and_field_name():
    from typing import get_args, get_type_hints

    from pipeline.core.events import FREE_TEXT_FIELDS
    from pipeline.vault.audit import ACTIONS

    assert get_args(get_type_hints(schemas.AuditEntry)["action"]) == ACTIONS
    assert get_args(schemas.FieldName) == FREE_TEXT_FIELDS
