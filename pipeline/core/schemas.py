"""The records pii-stream writes (docs/contract.md), as types, and their JSON Schema.

`python -m pipeline.core.schemas` rewrites `docs/schemas/*.schema.json`; a test checks
the files are current and that records the pipeline makes validate against the types.
Every record is encoded by `encode` (canonical JSON: sorted keys, UTF-8), in Kafka and
in files alike.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, NotRequired

from pydantic import ConfigDict, TypeAdapter, with_config
from typing_extensions import TypedDict

FieldName = Literal["text", "window_title", "url", "target_text"]
Level = Literal["low", "medium", "high", "critical", "unknown"]
_STRICT = ConfigDict(extra="forbid")


@with_config(_STRICT)
class FindingOut(TypedDict):
    field: FieldName
    entity_type: str
    start: int  # of the placeholder in the redacted text, never of the value
    end: int
    score: float
    recognizer: str


@with_config(_STRICT)
class SensitivityOut(TypedDict):
    score: int | None
    level: Level
    categories: list[str]


@with_config(_STRICT)
class SealedContent(TypedDict):
    format: Literal["envelope-v1"]
    alg: str
    key_id: str
    nonce: str
    ciphertext: str


@with_config(_STRICT)
class CleanRecord(TypedDict):
    event_id: str
    source_event_ids: list[str]
    kind: str
    ts: str
    user: str  # a keyed pseudonym, never the user id
    app: str | None
    text: NotRequired[str]
    window_title: NotRequired[str]
    url: NotRequired[str]
    target_text: NotRequired[str]
    x: NotRequired[float | None]
    y: NotRequired[float | None]
    button: NotRequired[str | None]
    sensitivity: SensitivityOut
    findings: list[FindingOut]
    policy_version: str
    route: Literal["clean"]
    released: NotRequired[bool]  # published by a reviewer from quarantine


@with_config(_STRICT)
class QuarantineRecord(TypedDict):
    event_id: str | None
    source_event_ids: list[str]
    kind: str | None
    ts: str | None
    user: str | None
    reasons: list[str]
    sensitivity: SensitivityOut
    findings: list[FindingOut]
    content: SealedContent | None  # None only where originals are not kept (evaluation)
    policy_version: str
    route: Literal["quarantine"]


@with_config(_STRICT)
class DropRecord(TypedDict):
    event_id: str | None
    source_event_ids: list[str]
    kind: str | None
    ts: str | None
    reasons: list[str]
    sensitivity: SensitivityOut
    policy_version: str
    route: Literal["drop"]


@with_config(_STRICT)
class AuditEntry(TypedDict):
    seq: int
    ts: str
    actor: str
    action: Literal["show", "release", "purge", "export", "expire", "replay", "erase", "verdict", "export_labels", "decrypt_failed"]
    target: str
    reason: str | None
    outcome: str
    prev: str
    hash: str
    sig: NotRequired[str]  # the reviewers' RSA-PSS signature of `hash` (base64)


RECORDS: dict[str, type] = {"clean": CleanRecord, "quarantine": QuarantineRecord, "drop": DropRecord, "audit": AuditEntry}
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "docs" / "schemas"


def encode(record: Mapping) -> bytes:
    """Canonical JSON of a record: sorted keys, UTF-8, non-ASCII kept as is."""
    return json_line(record).encode("utf-8")


def json_line(record: Mapping) -> str:
    """`encode` as text, for JSON Lines files."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def schema_of(name: str) -> dict:
    schema = TypeAdapter(RECORDS[name]).json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"pii-stream/{name}.schema.json", **schema}


def validate(name: str, record: Mapping) -> None:
    """Raise pydantic.ValidationError when `record` is not a valid record of its kind."""
    TypeAdapter(RECORDS[name]).validate_python(dict(record), strict=False)


def write_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in RECORDS:
        path = directory / f"{name}.schema.json"
        path.write_text(json.dumps(schema_of(name), indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_schemas(Path(sys.argv[1]) if len(sys.argv) > 1 else SCHEMA_DIR):
        print(path)
