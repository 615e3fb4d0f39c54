"""The quarantine vault on a real broker: a worker seals held records, a reviewer lists,
shows, releases and purges them, retention expires them, the audit chain catches
tampering, and planted canary values are nowhere in plaintext but the raw input."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from aiokafka import AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, RecordsToDelete

from tests.factories import event
from tests.integration.harness import BIN, BOOTSTRAP

SSN = "512-48-7733"
NAME = "Quackenbush"
PASSWORD = "Xyzzy-Canary-9931"
TITLE = "Wobbleton HR case file"
CANARIES = (SSN, NAME, PASSWORD, "Wobbleton")


def canary_events() -> list[dict | bytes]:
    typed = [
        event("keystroke", event_id=f"kc{i}", session_id="s-canary", key=k, window_title=TITLE, ts=f"2026-06-18T14:00:{i:02d}Z")
        for i, k in enumerate(f"my ssn is {SSN}")
    ]
    return [
        event(event_id="held-1", text=f"Patient Zebulon {NAME}, SSN {SSN}, was diagnosed with type 2 diabetes"),
        event(event_id="held-2", kind="screen_text", text=f"Performance review for Zebulon {NAME}: SSN {SSN}"),
        event(event_id="dropped-1", text=f"my password: {PASSWORD} for the VPN"),
        event(event_id="fine-1", text="Refactor this function to use async/await."),
        f'{{"event_id": "bad-1", "text": "{NAME} {SSN}"'.encode(),  # malformed: unterminated
        *typed,  # no Enter: the segment stays open in the session table until the idle timer closes it
    ]


def broker_data_dir() -> Path:
    state = os.environ.get("PII_KAFKA_STATE") or str(Path.home() / ".cache" / "pii-stream" / "kafka-state")
    return Path(state) / "data"


def partition_dirs(prefixes: list[str]) -> list[Path]:
    return [p for p in broker_data_dir().iterdir() if p.is_dir() and any(p.name.startswith(x) for x in prefixes)]


def files_containing(paths: list[Path], needles: tuple[str, ...]) -> list[str]:
    hits = []
    for path in paths:
        for file in [path] if path.is_file() else [f for f in path.rglob("*") if f.is_file()]:
            try:
                data = file.read_bytes()
            except FileNotFoundError:  # the log cleaner swapped it out while we looked
                continue
            hits += [f"{file.name}: {n}" for n in needles if n.encode() in data]
    return hits


async def _produce(topic: str, key: bytes, value: bytes | None) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(topic, value, key=key)
    finally:
        await producer.stop()


async def _delete_before(topic: str, offset: int) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    try:
        await admin.delete_records({TopicPartition(topic, 0): RecordsToDelete(before_offset=offset)})
    finally:
        await admin.close()


@pytest.fixture
def vault_run(deployment, tmp_path):
    """A worker that has routed the canary events; segments of the key store roll every 2 s."""
    d = deployment(partitions=2, key_segment_ms=2000, PII_KEYSTROKE_IDLE_GAP_S="2", PII_IDLE_CHECK_S="1")
    d.start_worker(tmp_path)
    d.produce(canary_events())
    outputs = d.collect({"held-1", "held-2", "dropped-1", "fine-1", "kc0"}, timeout=120, extra_records=1)
    assert outputs.final_route()["held-1"] == "quarantine" and outputs.final_route()["dropped-1"] == "drop"
    return d


def test_review_walkthrough_on_kafka(vault_run, vault_keys):
    d, reviewer = vault_run, vault_keys.reviewer_env("alice")
    listing = d.run_cli("quarantine-review", "list", "--status", "held")
    assert listing.returncode == 0, listing.stderr
    assert "held-1" in listing.stdout and "held-2" in listing.stdout and "typed:kc0" in listing.stdout, listing.stdout
    assert not [c for c in CANARIES if c in listing.stdout]

    as_worker = d.run_cli("quarantine-review", "show", "held-1", "--reason", "triage")
    assert as_worker.returncode == 1 and "cannot decrypt" in as_worker.stderr and SSN not in as_worker.stdout

    shown = d.run_cli("quarantine-review", "show", "held-1", "--reason", "ticket PRIV-7", **reviewer)
    assert shown.returncode == 0, shown.stderr
    assert SSN in shown.stdout and NAME in shown.stdout

    released = d.run_cli("quarantine-review", "release", "held-1", "--reason", "consented research", **reviewer)
    assert released.returncode == 0, released.stderr
    clean = d.collect({"held-1"}, timeout=30)
    [record] = [r for route, r in clean.records if route == "clean" and r.get("released")]
    assert record["event_id"] == "held-1" and "<US_SSN>" in record["text"]
    assert SSN not in json.dumps(record) and NAME not in json.dumps(record)

    purged = d.run_cli("quarantine-review", "purge", "held-2", "--reason", "erasure request", **reviewer)
    assert purged.returncode == 0 and "1 key(s) deleted" in purged.stdout
    after = d.run_cli("quarantine-review", "show", "held-2", "--reason", "check", **reviewer)
    assert after.returncode == 1 and "purged" in after.stderr and SSN not in after.stdout

    aged = {**reviewer, "PII_QUARANTINE_RETENTION_DAYS": "0.000001"}
    expired = d.run_cli("quarantine-review", "show", "typed:kc0", "--reason", "late", **aged)
    assert expired.returncode == 1 and "expired" in expired.stderr
    swept = d.run_cli("quarantine-review", "expire", **aged)
    assert swept.returncode == 0 and "expired" in swept.stdout
    gone = d.run_cli("quarantine-review", "show", "typed:kc0", "--reason", "late", **reviewer)
    assert gone.returncode == 1 and "unrecoverable" in gone.stderr

    stats = d.run_cli("quarantine-review", "stats")
    assert "purged" in stats.stdout and "malformed" in stats.stdout

    verified = d.run_cli("quarantine-review", "audit", "verify")
    assert verified.returncode == 0 and "intact" in verified.stdout, verified.stdout
    entries = [json.loads(line) for line in (d.run_cli("python", "-c", _DUMP_AUDIT).stdout.splitlines())]
    # the worker's attempt could not sign an entry: refused, not written
    assert [e["action"] for e in entries] == [
        "show",
        "release",
        "purge",
        "decrypt_failed",
        "decrypt_failed",
        "expire",
        "decrypt_failed",
    ]
    assert {e["actor"] for e in entries} == {"alice"} and all(e.get("sig") for e in entries)

    forged = {**entries[2], "reason": "routine", "seq": len(entries)}  # an altered copy appended
    asyncio.run(_produce(d.names["topic_audit"], b"forged", json.dumps(forged).encode()))
    report = d.run_cli("quarantine-review", "audit", "verify")
    assert report.returncode == 1 and f"offset {len(entries)}: entry seq {len(entries)} was altered" in report.stdout
    # a well-formed next entry written with the topic's write access but without the key
    from pipeline.vault import audit

    unsigned = audit.next_entry(entries[-1], "mallory", "show", "held-1", "routine", "ok")
    asyncio.run(_produce(d.names["topic_audit"], b"unsigned", json.dumps(unsigned).encode()))
    report = d.run_cli("quarantine-review", "audit", "verify")
    assert report.returncode == 1 and "not signed with the reviewers' key" in report.stdout
    asyncio.run(_delete_before(d.names["topic_audit"], 2))  # the first two entries removed
    report = d.run_cli("quarantine-review", "audit", "verify")
    assert report.returncode == 1 and "entries 0..1 are missing" in report.stdout


_DUMP_AUDIT = """
import os
from pipeline.config import load_settings
from pipeline.vault.store import KafkaVault
for _, e in KafkaVault(load_settings()).audit_log():
    print(__import__("json").dumps(e))
"""


def test_canaries_reach_no_output_topic_file_or_log_and_purged_keys_leave_disk(vault_run, vault_keys):
    d = vault_run
    if not broker_data_dir().is_dir():
        pytest.fail(f"the local broker's data directory {broker_data_dir()} is needed for the disk search")
    reviewer = vault_keys.reviewer_env()
    listed = d.run_cli("quarantine-review", "list")
    held = [json.loads(line) for line in d.run_cli("python", "-c", _DUMP_KEYS).stdout.splitlines()]
    target = next(k for k in held if k["event_id"] == "held-1")
    assert d.run_cli("quarantine-review", "purge", "held-1", "--reason", "erasure", **reviewer).returncode == 0

    # Every topic of this deployment except the raw input, the session changelog included.
    tag = d.names["topic_clean"].split(".")[0]
    outputs = [p for p in partition_dirs([f"{tag}.pii.", f"{d.group}-"])]
    assert {p.name.rsplit("-", 1)[0] for p in outputs} >= {
        d.names["topic_quarantine"],
        d.names["topic_drop"],
        d.names["topic_quarantine_keys"],
        f"{d.group}-keystroke_sessions-changelog",
    }
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        # Compaction runs on rolled segments: a repeated tombstone rolls the purged key's one.
        asyncio.run(_produce(d.names["topic_quarantine_keys"], target["key_id"].encode(), None))
        if not files_containing(outputs, (target["wrapped_key"][:40],)):
            break
        time.sleep(3)
    assert not files_containing(outputs, (target["wrapped_key"][:40],)), "the purged key is still on disk"

    d.stop_all()
    assert not files_containing(outputs, CANARIES)
    assert not files_containing(d.logs, CANARIES)
    assert not [c for c in CANARIES if c in listed.stdout + listed.stderr]
    # The check would see plaintext: the raw input topics hold the canaries.
    assert files_containing(partition_dirs([f"{tag}.raw."]), (SSN,))


_DUMP_KEYS = """
from pipeline.config import load_settings
from pipeline.vault.store import KafkaVault
for key in KafkaVault(load_settings()).keys().values():
    print(__import__("json").dumps(key))
"""


def test_replay_of_the_held_originals_on_kafka_is_audited(vault_run, vault_keys, tmp_path):
    import yaml

    from pipeline.config import DEFAULT_POLICY

    d = vault_run
    policy = yaml.safe_load(DEFAULT_POLICY.read_text(encoding="utf-8"))
    allow = dict.fromkeys(("medical", "hr", "protected_attribute", "personal_finance"), "allow")
    policy.update(thresholds={"quarantine": 100, "drop": 100}, special_categories=allow, version="proposed")
    proposed = tmp_path / "proposed.yaml"
    proposed.write_text(yaml.safe_dump(policy), encoding="utf-8")
    args = ("pii-stream", "replay", "--from-quarantine", "--policy", str(proposed), "--reason", "threshold review PRIV-9")
    as_worker = d.run_cli(*args)
    assert as_worker.returncode != 0 and not [c for c in CANARIES if c in as_worker.stdout + as_worker.stderr]
    moves = tmp_path / "moves.jsonl"
    replayed = d.run_cli(*args, "--moves-out", str(moves), **vault_keys.reviewer_env("ana"))
    assert replayed.returncode == 0, replayed.stderr
    assert not [c for c in CANARIES if c in replayed.stdout + replayed.stderr]
    moved = {m["event_id"]: m for m in map(json.loads, moves.read_text().splitlines())}
    assert moved["held-1"]["from"] == "quarantine" and moved["held-1"]["to"] != "quarantine"
    entries = [json.loads(line) for line in d.run_cli("python", "-c", _DUMP_AUDIT).stdout.splitlines()]
    assert [(e["action"], e["actor"], e["reason"]) for e in entries][-1:] == [("replay", "ana", "threshold review PRIV-9")]


_DUMP_HELD = """
from pipeline.config import load_settings
from pipeline.vault.store import KafkaVault
for r in KafkaVault(load_settings()).held():
    print(__import__("json").dumps(r))
"""

_DUMP_ERASURE = """
import asyncio, json
from pipeline.config import load_settings
from pipeline.vault.store import KafkaVault, _read_topic
s = load_settings()
v = KafkaVault(s)
for _, key, value in asyncio.run(_read_topic(v.bootstrap, s.topic_erasure, v.security)):
    print(value.decode())
"""


def test_erase_one_person_on_kafka_leaves_the_others_readable(deployment, vault_keys, tmp_path):
    d = deployment(partitions=2)
    d.start_worker(tmp_path)
    people = ("ana.lima", "bo.berg", "cy.chan")
    events = [
        event(event_id=f"{who[:2]}-{n}", user_id=who, ts=f"2026-06-1{n}T10:00:00Z", text=f"my SSN is 321-54-98{n}{i} for the form")
        for i, who in enumerate(people)
        for n in (1, 2, 3)
    ]
    d.produce(events)
    outputs = d.collect({e["event_id"] for e in events}, timeout=120)
    assert set(outputs.final_route().values()) == {"quarantine"}
    reviewer = vault_keys.reviewer_env("erin")
    # verdicts on a record of each of two people become labels
    held = {r["event_id"]: r for r in map(json.loads, d.run_cli("python", "-c", _DUMP_HELD).stdout.splitlines())}
    for event_id in ("an-1", "bo-1"):
        numbers = ",".join(str(i) for i in range(len(held[event_id]["findings"])))
        judged = d.run_cli("quarantine-review", "verdict", event_id, "--correct", numbers, "--reason", "labels", **reviewer)
        assert judged.returncode == 0, judged.stderr
    before = d.run_cli("quarantine-review", "export-labels", "--out", str(tmp_path / "l1"), "--reason", "eval", **reviewer)
    assert before.returncode == 0 and "wrote 2 reviewed records" in before.stdout, before.stderr
    sar = tmp_path / "sar.parquet"
    exported = d.run_cli("quarantine-review", "export", "--user", "ana.lima", "--out", str(sar), "--reason", "SAR-2", **reviewer)
    assert exported.returncode == 0, exported.stderr
    rows = pq.read_table(sar).to_pylist()
    assert sorted(r["event_id"] for r in rows) == ["an-1", "an-2", "an-3"] and all("321-54-98" in r["content"] for r in rows)
    erased = d.run_cli("quarantine-review", "erase", "--user", "bo.berg", "--reason", "erasure ER-5", **reviewer)
    assert erased.returncode == 0, erased.stderr
    assert "erased 3 held record(s)" in erased.stdout and "bo.berg" not in erased.stdout
    for event_id, readable in (("bo-1", False), ("bo-3", False), ("an-2", True), ("cy-1", True)):
        shown = d.run_cli("quarantine-review", "show", event_id, "--reason", "check", **reviewer)
        assert (shown.returncode == 0) is readable, (event_id, shown.stderr)
    [notice] = [json.loads(line) for line in d.run_cli("python", "-c", _DUMP_ERASURE).stdout.splitlines()]
    assert notice["count"] == 3 and notice["user"].startswith("u_") and notice["to_ts"] == "2026-06-13T10:00:00Z"
    after = d.run_cli("quarantine-review", "export-labels", "--out", str(tmp_path / "l2"), "--reason", "eval", **reviewer)
    assert after.returncode == 0 and "wrote 1 reviewed records" in after.stdout, after.stderr  # the erased one's verdict is gone
    entries = [json.loads(line) for line in d.run_cli("python", "-c", _DUMP_AUDIT).stdout.splitlines()]
    assert [e["action"] for e in entries if e["action"] == "erase"] == ["erase"]
    assert "bo.berg" not in json.dumps(entries)


def test_erase_among_ten_thousand_held_records_survives_a_kill(deployment, vault_keys, tmp_path):
    """One person among 10,000 held records of 200 people: a first run killed with SIGKILL
    wherever it is, a second run finishing the work; every other record still opens."""
    d = deployment(partitions=2)
    d.start_worker(tmp_path)
    events = [
        event(event_id=f"p{u:03d}-{n:02d}", user_id=f"person-{u:03d}", text=f"my SSN is 321-54-{1000 + u * 50 + n:04d} for the form")
        for u in range(200)
        for n in range(50)
    ]
    d.produce(events)
    outputs = d.collect({e["event_id"] for e in events}, timeout=600)
    assert list(outputs.final_route().values()).count("quarantine") == 10_000
    reviewer = vault_keys.reviewer_env("erin")
    command = [str(BIN / "quarantine-review"), "erase", "--user", "person-007", "--reason", "ER-9"]
    first = subprocess.Popen(command, env={**d.env, **reviewer}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline and '"erase"' not in d.run_cli("python", "-c", _DUMP_AUDIT).stdout:
        time.sleep(0.1)
    first.send_signal(signal.SIGKILL)  # its entry is out; it is reading the held records
    first.wait()
    again = d.run_cli("quarantine-review", "erase", "--user", "person-007", "--reason", "ER-9", **reviewer)
    assert again.returncode == 0 and "erased 50 held record(s)" in again.stdout, again.stderr
    everything = tmp_path / "all.parquet"
    exported = d.run_cli("quarantine-review", "export", "--include-content", "--out", str(everything), "--reason", "check", **reviewer)
    assert exported.returncode == 0, exported.stderr
    rows = pq.read_table(everything).to_pylist()
    opened = {r["event_id"] for r in rows if r["content"]}
    assert len(rows) == 10_000 and not {e for e in opened if e.startswith("p007-")} and len(opened) == 9_950
    entries = [json.loads(line) for line in d.run_cli("python", "-c", _DUMP_AUDIT).stdout.splitlines()]
    assert [e["action"] for e in entries if e["action"] == "erase"] == ["erase", "erase"]  # both runs
