"""A real Kafka for the integration tests: isolated topics per test, worker processes,
producing input and collecting every output. No mocks."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient

from pipeline.events import FREE_TEXT_FIELDS
from pipeline.kafka_topics import DEFAULTS, ensure_topics

BOOTSTRAP = os.environ.get("PII_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
BIN = Path(sys.executable).parent
KIND_TOPIC = {"keystroke": "topic_keystrokes", "prompt": "topic_prompts", "screen_text": "topic_screen",
              "click": "topic_clicks"}


def broker_available() -> bool:
    host, port = BOOTSTRAP.split(",")[0].rsplit(":", 1)
    try:
        with socket.create_connection((host, int(port)), timeout=2):
            return True
    except OSError:
        return False


def require_broker() -> None:
    """Fail (in CI) or skip (elsewhere) when no broker answers."""
    if broker_available():
        return
    message = f"no Kafka broker at {BOOTSTRAP}: run `make kafka-up`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Deployment:
    """Topics with a unique prefix, a consumer group, and the env a worker needs."""

    def __init__(self, partitions: int = 6, **env: str) -> None:
        tag = uuid.uuid4().hex[:8]
        self.names = {k: f"t{tag}.{v}" for k, v in DEFAULTS.items()}
        self.group = f"pii-test-{tag}"
        self.partitions = partitions
        self.env = {**os.environ, "PII_KAFKA_BOOTSTRAP": BOOTSTRAP, "PII_GROUP_ID": self.group,
                    "PII_RAW_PARTITIONS": str(partitions), **{f"PII_{k.upper()}": v for k, v in self.names.items()},
                    **env}
        self.workers: list[subprocess.Popen] = []
        self.logs: list[Path] = []
        asyncio.run(ensure_topics(BOOTSTRAP, self.names, self.group, partitions, partitions))

    def start_worker(self, log_dir: Path) -> subprocess.Popen:
        log_path = log_dir / f"{self.group}-worker-{len(self.logs)}.log"
        env = {**self.env, "PII_WEB_PORT": str(free_port())}
        handle = log_path.open("w")
        proc = subprocess.Popen([str(BIN / "pii-stream"), "worker"], env=env, stdout=handle, stderr=subprocess.STDOUT,
                                start_new_session=True)
        proc.web_port = int(env["PII_WEB_PORT"])  # type: ignore[attr-defined]
        self.workers.append(proc)
        self.logs.append(log_path)
        return proc

    def assigned(self, worker) -> list[str]:
        """The raw partitions a worker reports on /health (empty when it does not answer)."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{worker.web_port}/health", timeout=2) as r:
                return [p for p in json.loads(r.read())["assigned"] if ".raw." in p]
        except OSError:
            return []

    def wait_until_assigned(self, workers, timeout: float = 120) -> None:
        """Wait until every worker holds raw partitions and together they hold all of them."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            held = [self.assigned(w) for w in workers]
            if all(held) and len({p for h in held for p in h}) == 4 * self.partitions \
                    and sum(len(h) for h in held) == 4 * self.partitions:
                time.sleep(2)  # let the group settle after the last rebalance
                return
            time.sleep(1)
        raise AssertionError(f"workers did not share the partitions within {timeout}s")

    def stop_all(self) -> None:
        for proc in self.workers:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.workers:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()

    def delete_topics(self) -> None:
        """Remove this deployment's topics so repeated runs do not pile up partitions."""
        asyncio.run(self._delete_topics())

    async def _delete_topics(self) -> None:
        admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP, request_timeout_ms=20000)
        await admin.start()
        try:
            names = list(self.names.values()) + [f"{self.group}-keystroke_sessions-changelog"]
            await admin.delete_topics(names)
        except Exception:  # noqa: BLE001 - cleanup only; a broker restart test may race it
            pass
        finally:
            await admin.close()

    def produce(self, events: list[dict | bytes], topic_override: str | None = None) -> None:
        asyncio.run(self._produce(events, topic_override))

    async def _produce(self, events, topic_override) -> None:
        producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all", linger_ms=5)
        await producer.start()
        try:
            futures = []
            for event in events:
                if isinstance(event, bytes):
                    topic, key, value = topic_override or self.names["topic_prompts"], b"poison", event
                else:
                    topic = topic_override or self.names[KIND_TOPIC.get(event.get("kind"), "topic_prompts")]
                    key_field = "session_id" if event.get("kind") == "keystroke" else "user_id"
                    key, value = str(event.get(key_field) or "none").encode(), json.dumps(event).encode()
                futures.append(await producer.send(topic, value, key=key))
            await asyncio.gather(*futures)
        finally:
            await producer.stop()

    def collect(self, expected_ids: set[str], timeout: float, extra_records: int = 0) -> "Outputs":
        """Read the three output topics until every expected source id has an outcome."""
        return asyncio.run(self._collect(expected_ids, timeout, extra_records))

    async def _collect(self, expected_ids, timeout, extra_records) -> "Outputs":
        topics = {self.names["topic_clean"]: "clean", self.names["topic_quarantine"]: "quarantine",
                  self.names["topic_drop"]: "drop"}
        consumer = AIOKafkaConsumer(*topics, bootstrap_servers=BOOTSTRAP, auto_offset_reset="earliest",
                                    group_id=None, enable_auto_commit=False)
        await consumer.start()
        outputs = Outputs()
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                batch = await consumer.getmany(timeout_ms=500, max_records=5000)
                for tp, messages in batch.items():
                    for message in messages:
                        outputs.add(topics[tp.topic], json.loads(message.value))
                if expected_ids <= outputs.seen_ids and outputs.unidentified >= extra_records:
                    break
        finally:
            await consumer.stop()
        return outputs


class Outputs:
    def __init__(self) -> None:
        self.records: list[tuple[str, dict]] = []
        self.routes_by_id: dict[str, list[str]] = defaultdict(list)
        self.unidentified = 0

    def add(self, route: str, record: dict) -> None:
        self.records.append((route, record))
        ids = record.get("source_event_ids") or []
        if not ids:
            self.unidentified += 1
        for event_id in ids:
            self.routes_by_id[event_id].append(route)

    @property
    def seen_ids(self) -> set[str]:
        return set(self.routes_by_id)

    def duplicates(self) -> int:
        return sum(len(r) - 1 for r in self.routes_by_id.values())

    def final_route(self) -> dict[str, str]:
        """One route per input id (the first seen; duplicates route the same way)."""
        return {i: r[0] for i, r in self.routes_by_id.items()}

    def route_counts(self) -> Counter:
        return Counter(route for route, _ in self.records)

    def clean_text(self) -> str:
        """Every free-text field of every clean record (ids are not searched: they are digits too)."""
        return "\n".join(r.get(f) or "" for route, r in self.records if route == "clean" for f in FREE_TEXT_FIELDS)
