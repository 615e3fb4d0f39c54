"""Least privilege, enforced by a real broker: SASL/SCRAM, the KRaft StandardAuthorizer,
no access without an ACL, and deploy/kafka/acls.yaml applied. Every principal is tried
on every topic for read and for write; the expected table below is the policy of the
deploy issue written out independently of the ACL file."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, RecordsToDelete
from aiokafka.errors import KafkaError, TopicAuthorizationFailedError

from pipeline.stream.topics import DEFAULTS
from tests.factories import event
from tests.integration.harness import free_port
from tests.integration.secure_broker import SECURE_BOOTSTRAP, STATE, require_secure_broker, sasl, sasl_env

BIN = Path(sys.executable).parent
RAW = ["raw.keystrokes", "raw.prompts", "raw.screen", "raw.clicks"]
TOPICS = RAW + ["pii.clean", "pii.quarantine", "pii.drop", "pii.quarantine.keys", "pii.audit"]
CAN_READ = {
    "collector": set(),
    "pii-worker": set(RAW),
    "trainer": {"pii.clean"},
    "reviewer": {"pii.quarantine", "pii.quarantine.keys", "pii.audit"},
    "auditor": {"pii.audit"},
    "outsider": set(),
}
CAN_WRITE = {
    "collector": set(RAW),
    "pii-worker": {"pii.clean", "pii.quarantine", "pii.drop", "pii.quarantine.keys"},
    "trainer": set(),
    "reviewer": {"pii.audit", "pii.clean", "pii.quarantine.keys"},
    "auditor": set(),
    "outsider": set(),
}


async def can_write(user: str, password: str, topic: str) -> bool:
    producer = AIOKafkaProducer(bootstrap_servers=SECURE_BOOTSTRAP, request_timeout_ms=10000, **sasl(user, password))
    await producer.start()
    try:
        await producer.send_and_wait(topic, b'{"acl_probe": true}', key=b"acl-probe")
        return True
    except TopicAuthorizationFailedError:
        return False
    finally:
        await producer.stop()


async def can_read(user: str, password: str, topic: str) -> bool:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=SECURE_BOOTSTRAP, group_id=None, enable_auto_commit=False, request_timeout_ms=10000, **sasl(user, password)
    )
    await consumer.start()
    try:
        if topic not in await consumer.topics():  # without Describe the topic is invisible: no Read either
            return False
        partition = TopicPartition(topic, 0)
        consumer.assign([partition])
        consumer.seek(partition, 0)  # an explicit offset: a denied fetch fails instead of retrying offset look-ups
        await consumer.getmany(partition, timeout_ms=1500)
        return True
    except TopicAuthorizationFailedError:
        return False
    finally:
        await consumer.stop()


async def matrix(passwords: dict[str, str]) -> dict[tuple[str, str, str], bool]:
    checks = [(user, topic, op) for user in CAN_READ for topic in TOPICS for op in ("read", "write")]
    outcomes = await asyncio.gather(
        *[(can_read if op == "read" else can_write)(user, passwords[user], topic) for user, topic, op in checks]
    )
    return dict(zip(checks, outcomes))


def test_every_principal_gets_exactly_its_access_on_every_topic():
    passwords = require_secure_broker()
    # The table holds the deploy issue's invariants before it is checked against the broker.
    assert all(not (CAN_READ[u] & set(RAW)) for u in CAN_READ if u != "pii-worker")
    assert [u for u in CAN_WRITE if "pii.audit" in CAN_WRITE[u]] == ["reviewer"]
    assert CAN_READ["trainer"] == {"pii.clean"} and CAN_READ["auditor"] == {"pii.audit"}
    got = asyncio.run(matrix(passwords))
    expected = {(u, t, op): t in (CAN_READ if op == "read" else CAN_WRITE)[u] for u, t, op in got}
    wrong = sorted(
        f"{u} {op} {t}: {'allowed' if got[(u, t, op)] else 'denied'}" for u, t, op in got if got[(u, t, op)] != expected[(u, t, op)]
    )
    assert not wrong, wrong
    assert sum(got.values()) == sum(len(v) for v in CAN_READ.values()) + sum(len(v) for v in CAN_WRITE.values())
    # The broker's own record of the denials, for shipping into the audit trail.
    denials = (STATE / "kafka-authorizer.log").read_text()
    assert re.search(r"Principal = User:outsider is Denied [Oo]peration = (READ|DESCRIBE) .*raw\.prompts", denials)


def test_the_audit_trail_cannot_be_deleted_even_by_its_writer():
    passwords = require_secure_broker()
    for user in ("reviewer", "auditor"):  # they see the topic, and are refused
        with pytest.raises(TopicAuthorizationFailedError):
            asyncio.run(_delete_audit_head(user, passwords[user]))
    with pytest.raises(KafkaError):  # the worker cannot even see it
        asyncio.run(_delete_audit_head("pii-worker", passwords["pii-worker"]))


async def _delete_audit_head(user: str, password: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=SECURE_BOOTSTRAP, request_timeout_ms=10000, **sasl(user, password))
    await admin.start()
    try:
        result = await admin.delete_records({TopicPartition("pii.audit", 0): RecordsToDelete(before_offset=1)})
        raise AssertionError(f"{user} deleted audit records: {result}")
    finally:
        await admin.close()


async def _start(**options) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=SECURE_BOOTSTRAP, request_timeout_ms=5000, metadata_max_age_ms=5000, **options)
    try:
        await asyncio.wait_for(producer.start(), timeout=15)
        await asyncio.wait_for(producer.send_and_wait("pii.clean", b"x"), timeout=15)
    finally:
        await producer.stop()


def test_unauthenticated_and_wrong_password_clients_are_refused():
    passwords = require_secure_broker()
    with pytest.raises((KafkaError, asyncio.TimeoutError)):
        asyncio.run(_start())  # PLAINTEXT against the SASL listener
    with pytest.raises(KafkaError):
        asyncio.run(_start(**sasl("trainer", passwords["trainer"] + "x")))
    with pytest.raises(KafkaError):
        asyncio.run(_start(**sasl("nobody", "whatever-password")))


def test_worker_and_reviewer_run_with_their_own_principals(tmp_path, vault_keys):
    """The worker as pii-worker routes collector-written events; the review CLI as
    reviewer lists them; the trainer sees only redacted output."""
    passwords = require_secure_broker()
    from tools.kafka_io import produce

    tag = tmp_path.name[-12:]
    events = [
        event(event_id=f"acl-held-{tag}", text="my SSN is 321-54-9876 and I take metformin"),
        event(event_id=f"acl-fine-{tag}", text="Refactor this function to use async/await."),
    ]
    names = dict(DEFAULTS)
    worker_env = {**sasl_env("pii-worker", passwords["pii-worker"]), "PII_WEB_PORT": str(free_port())}
    log = (tmp_path / "worker.log").open("w")
    env = {**os.environ, **worker_env}
    worker = subprocess.Popen([str(BIN / "pii-stream"), "worker"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        collector = sasl_env("collector", passwords["collector"])
        asyncio.run(_produce_as(collector, names, events, produce))
        trainer_clean = asyncio.run(_read_clean_as("trainer", passwords["trainer"], f"acl-fine-{tag}"))
        assert trainer_clean["text"] == "Refactor this function to use async/await."
        reviewer = {**env, **sasl_env("reviewer", passwords["reviewer"]), "COLUMNS": "250"}
        listing = subprocess.run([str(BIN / "quarantine-review"), "list"], capture_output=True, text=True, env=reviewer)
        assert listing.returncode == 0, listing.stderr
        assert f"acl-held-{tag}" in listing.stdout and "321-54-9876" not in listing.stdout
        as_trainer = {**env, **sasl_env("trainer", passwords["trainer"])}
        refused = subprocess.run([str(BIN / "quarantine-review"), "list"], capture_output=True, text=True, env=as_trainer)
        message = " ".join(refused.stderr.split())
        assert refused.returncode == 1 and "may not describe it (check its ACLs" in message
    finally:
        worker.terminate()
        worker.wait(timeout=60)


async def _produce_as(env: dict, names: dict, events: list, produce) -> None:
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        await produce(SECURE_BOOTSTRAP, names, events)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


async def _read_clean_as(user: str, password: str, event_id: str, timeout: float = 120) -> dict:
    consumer = AIOKafkaConsumer(
        "pii.clean", bootstrap_servers=SECURE_BOOTSTRAP, group_id="trainer", auto_offset_reset="earliest", **sasl(user, password)
    )
    await consumer.start()
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            for messages in (await consumer.getmany(timeout_ms=1000)).values():
                for message in messages:
                    try:
                        record = json.loads(message.value)
                    except ValueError:
                        continue
                    if record.get("event_id") == event_id:
                        return record
        raise AssertionError(f"{event_id} did not reach pii.clean within {timeout}s")
    finally:
        await consumer.stop()
