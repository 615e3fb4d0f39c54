"""Where held records, their keys and the audit log live: Kafka topics (the worker's
outputs) or a `pii-stream scan` output directory. Same operations on both."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Protocol

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from pipeline.config import Settings
from pipeline.core.schemas import encode, json_line
from pipeline.errors import PiiStreamError
from pipeline.files import KEYS_FILE
from pipeline.stream.kafka_security import security_of

AUDIT_FILE = "audit.jsonl"
AUDIT_HEAD_FILE = "audit.head.json"
ERASURE_FILE = "erasure.jsonl"
VERDICTS_FILE = "verdicts.jsonl"


class VaultError(PiiStreamError):
    """The vault cannot be read or written (missing topic or file, broker unreachable)."""


class VaultStore(Protocol):
    where: str

    def held(self) -> list[dict]: ...  # quarantine records, oldest first
    def keys(self) -> dict[str, dict | None]: ...  # key_id -> key record (None: purged)
    def shred(self, key_ids: list[str]) -> None: ...  # delete keys for good
    def publish_clean(self, record: dict) -> None: ...
    def audit_log(self) -> list[tuple[str, dict | None]]: ...  # (position, entry)
    def append_audit(self, entry: dict, head: dict) -> None: ...  # head: the log's new signed head
    def audit_head(self) -> dict | None: ...  # the signed head, where the store keeps one
    def publish_erasure(self, notice: dict) -> None: ...  # keyed by the person's pseudonym
    def verdicts(self) -> dict[str, dict]: ...  # event id -> sealed verdict (the latest)
    def put_verdict(self, event_id: str, sealed: dict) -> None: ...

    keeps_audit_head: bool


class KafkaVault:
    """The worker's topics: pii.quarantine, pii.quarantine.keys (compacted), pii.audit.
    The audit topic keeps no head: its ACLs let nobody delete from it."""

    keeps_audit_head = False

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.bootstrap = settings.kafka_bootstrap
        self.security = security_of(settings).aiokafka()
        self.where = f"kafka {self.bootstrap}"

    def held(self) -> list[dict]:
        return [json.loads(v) for _, _, v in self._read(self.settings.topic_quarantine) if v is not None]

    def keys(self) -> dict[str, dict | None]:
        latest: dict[str, dict | None] = {}
        for _, key, value in self._read(self.settings.topic_quarantine_keys):
            latest[(key or b"").decode("ascii")] = json.loads(value) if value is not None else None
        return latest

    def shred(self, key_ids: list[str]) -> None:
        # A tombstone per key: compaction then removes every earlier copy from the broker.
        self._send([(self.settings.topic_quarantine_keys, k.encode("ascii"), None) for k in key_ids])

    def publish_clean(self, record: dict) -> None:
        self._send([(self.settings.topic_clean, (record.get("event_id") or "").encode(), encode(record))])

    def publish_erasure(self, notice: dict) -> None:
        self._send([(self.settings.topic_erasure, notice["user"].encode(), encode(notice))])

    def verdicts(self) -> dict[str, dict]:
        found = {}
        for _, key, value in self._read(self.settings.topic_verdicts):
            if key is not None and value is not None and (parsed := _parse(value)) is not None:
                found[key.decode()] = parsed
        return found

    def put_verdict(self, event_id: str, sealed: dict) -> None:
        self._send([(self.settings.topic_verdicts, event_id.encode(), encode(sealed))])

    def audit_log(self) -> list[tuple[str, dict | None]]:
        return [(f"offset {position}", _parse(v)) for position, _, v in self._read(self.settings.topic_audit)]

    def append_audit(self, entry: dict, head: dict) -> None:
        self._send([(self.settings.topic_audit, entry["target"].encode(), encode(entry))])

    def audit_head(self) -> dict | None:
        return None

    def _read(self, topic: str) -> list[tuple[int, bytes | None, bytes | None]]:
        try:
            return asyncio.run(_read_topic(self.bootstrap, topic, self.security))
        except VaultError:
            raise
        except Exception as exc:  # noqa: BLE001 - the broker, never the content
            raise VaultError(f"cannot read {topic} from {self.bootstrap}: {type(exc).__name__}") from None

    def _send(self, messages: list[tuple[str, bytes, bytes | None]]) -> None:
        try:
            asyncio.run(_send_all(self.bootstrap, messages, self.security))
        except Exception as exc:  # noqa: BLE001
            raise VaultError(f"cannot write to {self.bootstrap}: {type(exc).__name__}") from None


async def _read_topic(bootstrap: str, topic: str, security: dict) -> list[tuple[int, bytes | None, bytes | None]]:
    """Every message of a topic from the beginning to its current end (offset order within
    a partition; single-partition topics such as the audit log keep their order)."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        request_timeout_ms=20000,
        **security,
    )
    await consumer.start()
    try:
        if topic not in await consumer.topics():
            raise VaultError(
                f"topic {topic} does not exist on {bootstrap}, or this principal may not "
                "describe it (check its ACLs; locally, run `make kafka-up`)"
            )
        consumer.subscribe([topic])  # no group: the consumer takes every partition itself
        deadline = asyncio.get_running_loop().time() + 20
        while not consumer.assignment():
            if asyncio.get_running_loop().time() > deadline:
                raise VaultError(f"no partitions of {topic} were assigned within 20 s")
            await consumer.getmany(timeout_ms=100)
        partitions = sorted(consumer.assignment())
        await consumer.seek_to_beginning(*partitions)
        end = await consumer.end_offsets(partitions)
        out: list[tuple[int, bytes | None, bytes | None]] = []
        pending = {tp for tp in partitions if end[tp] > await consumer.position(tp)}
        while pending:
            batch = await consumer.getmany(*pending, timeout_ms=1000)
            for tp, messages in batch.items():
                out += [(m.offset, m.key, m.value) for m in messages if m.offset < end[tp]]
            pending = {tp for tp in pending if await consumer.position(tp) < end[tp]}
        return out
    finally:
        await consumer.stop()


async def _send_all(bootstrap: str, messages: list[tuple[str, bytes, bytes | None]], security: dict) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, **security)
    await producer.start()
    try:
        for topic, key, value in messages:
            await producer.send_and_wait(topic, value, key=key)
    finally:
        await producer.stop()


class DirVault:
    """A `pii-stream scan --out DIR` directory: quarantine.jsonl (or .parquet), the key file,
    audit.jsonl and its signed head; released records are appended to clean.jsonl, erasure
    notices to erasure.jsonl, sealed verdicts to verdicts.jsonl."""

    keeps_audit_head = True

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.where = str(directory)
        if not directory.is_dir():
            raise VaultError(f"not a directory: {directory}")
        self.keys_path = directory / KEYS_FILE

    def held(self) -> list[dict]:
        jsonl, parquet = self.dir / "quarantine.jsonl", self.dir / "quarantine.parquet"
        if jsonl.is_file():
            return [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
        if parquet.is_file():
            import pyarrow.parquet as pq

            return [{k: _unflatten(v) for k, v in row.items()} for row in pq.read_table(parquet).to_pylist()]
        raise VaultError(f"no quarantine.jsonl or quarantine.parquet in {self.dir}")

    def keys(self) -> dict[str, dict | None]:
        if not self.keys_path.is_file():
            raise VaultError(f"no {KEYS_FILE} in {self.dir}")
        lines = self.keys_path.read_text(encoding="utf-8").splitlines()
        records = (json.loads(line) for line in lines if line.strip())
        return {r["key_id"]: None if r.get("purged") else r for r in records}

    def shred(self, key_ids: list[str]) -> None:
        # Rewrite with the wrapped keys replaced by tombstones and replace the file
        # atomically; the file system may keep old blocks, so keep scan output on
        # encrypted storage (docs/reviewing.md).
        drop = set(key_ids)
        records = [json.loads(line) for line in self.keys_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        kept = [{"key_id": r["key_id"], "purged": True} if r["key_id"] in drop else r for r in records]
        tmp = self.keys_path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("".join(json_line(r) + "\n" for r in kept))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.keys_path)

    def publish_clean(self, record: dict) -> None:
        with (self.dir / "clean.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(json_line(record) + "\n")

    def publish_erasure(self, notice: dict) -> None:
        with (self.dir / ERASURE_FILE).open("a", encoding="utf-8") as handle:
            handle.write(json_line(notice) + "\n")

    def verdicts(self) -> dict[str, dict]:
        path = self.dir / VERDICTS_FILE
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        return {r["event_id"]: r["sealed"] for r in map(json.loads, filter(str.strip, lines))}

    def put_verdict(self, event_id: str, sealed: dict) -> None:
        fd = os.open(self.dir / VERDICTS_FILE, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(json_line({"event_id": event_id, "sealed": sealed}) + "\n")

    def audit_log(self) -> list[tuple[str, dict | None]]:
        path = self.dir / AUDIT_FILE
        if not path.is_file():
            return []
        lines = path.read_text(encoding="utf-8").splitlines()
        return [(f"line {n}", _parse(line.encode())) for n, line in enumerate(lines, 1) if line.strip()]

    def append_audit(self, entry: dict, head: dict) -> None:
        with (self.dir / AUDIT_FILE).open("a", encoding="utf-8") as handle:
            handle.write(json_line(entry) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        tmp = self.dir / (AUDIT_HEAD_FILE + ".tmp")
        tmp.write_text(json_line(head) + "\n", encoding="utf-8")
        os.replace(tmp, self.dir / AUDIT_HEAD_FILE)

    def audit_head(self) -> dict | None:
        path = self.dir / AUDIT_HEAD_FILE
        return _parse(path.read_bytes()) if path.is_file() else None


def open_store(settings: Settings, directory: Path | None) -> VaultStore:
    return DirVault(directory) if directory is not None else KafkaVault(settings)


def _parse(value: bytes | None) -> dict | None:
    try:
        parsed = json.loads(value) if value is not None else None
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def _unflatten(value: object) -> object:
    """Parquet rows hold nested values as JSON text (files._flat_row)."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
