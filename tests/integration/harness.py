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
from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient

from pipeline.stream.topics import DEFAULTS, ensure_topics
from tools.kafka_io import Outputs, collect, produce

BOOTSTRAP = os.environ.get("PII_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[2]


def broker_available(bootstrap: str = BOOTSTRAP) -> bool:
    host, port = bootstrap.split(",")[0].rsplit(":", 1)
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


def kafka_sh(action: str) -> None:
    """Stop (`down`) or start (`up`) the local plain broker, as the delivery tests' outages do."""
    env = {**os.environ, "PYTHON": os.environ.get("PYTHON", sys.executable)}
    subprocess.run([str(REPO / "deploy/kafka/kafka.sh"), action], check=True, env=env)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Deployment:
    """Topics with a unique prefix, a consumer group, and the env a worker needs."""

    def __init__(self, partitions: int = 6, key_segment_ms: int = 3_600_000, **env: str) -> None:
        tag = uuid.uuid4().hex[:8]
        self.names = {k: f"t{tag}.{v}" for k, v in DEFAULTS.items()}
        self.group = f"pii-test-{tag}"
        self.partitions = partitions
        self.env = {
            **os.environ,
            "PII_KAFKA_BOOTSTRAP": BOOTSTRAP,
            "PII_GROUP_ID": self.group,
            "PII_RAW_PARTITIONS": str(partitions),
            **{f"PII_{k.upper()}": v for k, v in self.names.items()},
            **env,
        }
        self.workers: list[subprocess.Popen] = []
        self.logs: list[Path] = []
        asyncio.run(ensure_topics(BOOTSTRAP, self.names, self.group, partitions, partitions, key_segment_ms=key_segment_ms))

    def run_cli(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        """A command (pii-stream, quarantine-review) against this deployment's topics."""
        return subprocess.run(
            [str(BIN / args[0]), *args[1:]], capture_output=True, text=True, env={**self.env, "COLUMNS": "250", **env}
        )

    def start_worker(self, log_dir: Path, **env: str) -> subprocess.Popen:
        log_path = log_dir / f"{self.group}-worker-{len(self.logs)}.log"
        env = {**self.env, "PII_WEB_PORT": str(free_port()), **env}
        handle = log_path.open("w")
        proc = subprocess.Popen(
            [str(BIN / "pii-stream"), "worker"], env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
        proc.web_port = int(env["PII_WEB_PORT"])  # type: ignore[attr-defined]
        self.workers.append(proc)
        self.logs.append(log_path)
        return proc

    def start_with_backlog(self, log_dir: Path, events: list[dict]) -> subprocess.Popen:
        """One worker holding every partition, then `events` produced for it to work through."""
        worker = self.start_worker(log_dir)
        self.wait_until_assigned([worker])
        self.produce(events)
        return worker

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
            if (
                all(held)
                and len({p for h in held for p in h}) == 4 * self.partitions
                and sum(len(h) for h in held) == 4 * self.partitions
            ):
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
        except Exception as exc:  # noqa: BLE001 - cleanup only; a broker restart test may race it
            print(f"topic cleanup skipped ({type(exc).__name__})")
        finally:
            await admin.close()

    def produce(self, events: list[dict | bytes], topic_override: str | None = None) -> None:
        asyncio.run(produce(BOOTSTRAP, self.names, events, topic_override))

    def collect(self, expected_ids: set[str], timeout: float, extra_records: int = 0) -> Outputs:
        """Read the output topics until every expected source id has an outcome."""
        return asyncio.run(collect(BOOTSTRAP, self.names, expected_ids, timeout, extra_records))
