"""TLS exercised: a broker with an SSL and a SASL_SSL listener (certificates made here), a
worker routing over SASL_SSL, topic set-up and `quarantine-review` over SSL, and clients
with the wrong CA or without TLS refused."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from pipeline.config import load_kafka_settings
from pipeline.stream.topics import DEFAULTS, KafkaUnreachable, listed_topics
from tests.integration import tls_broker
from tests.integration.harness import broker_available, free_port
from tools.kafka_io import collect, produce

pytestmark = pytest.mark.kafka
BIN = Path(sys.executable).parent
SSN = "321-54-9876"


@pytest.fixture(scope="module")
def broker(tmp_path_factory):
    if not (tls_broker.JARS / ".complete").is_file() or not broker_available():
        message = "the TLS test starts its own broker from the jars `make kafka-up` fetches: run `make kafka-up`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    started = tls_broker.start(tmp_path_factory.mktemp("tls-broker"))
    yield started
    started.stop()


@pytest.fixture
def topics(broker):
    tag = uuid.uuid4().hex[:8]
    names = {f"PII_{k.upper()}": f"t{tag}.{v}" for k, v in DEFAULTS.items()}
    env = {**os.environ, **names, "PII_GROUP_ID": f"tls-{tag}", "PII_RAW_PARTITIONS": "1", **broker.env("SSL")}
    made = subprocess.run([sys.executable, "-m", "pipeline.stream.topics"], env=env, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    assert "topics created" in made.stdout
    return {**names, "PII_GROUP_ID": f"tls-{tag}", "PII_RAW_PARTITIONS": "1"}


def _events(tag: str) -> list[dict]:
    base = {"ts": "2026-06-18T14:03:07Z", "user_id": "u-tls", "app": "Chat Assistant", "kind": "prompt"}
    return [
        {**base, "event_id": f"{tag}-clean", "text": "summarise the release notes for the team"},
        {**base, "event_id": f"{tag}-held", "text": f"my SSN is {SSN}, fill in the form"},
    ]


def test_a_worker_routes_over_sasl_ssl_and_review_reads_over_ssl(broker, topics, tmp_path, monkeypatch, vault_keys):
    worker_env = {**os.environ, **topics, **broker.env("SASL_SSL"), "PII_WEB_PORT": str(free_port())}
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen([str(BIN / "pii-stream"), "worker"], env=worker_env, stdout=log, stderr=subprocess.STDOUT)
    try:
        for key, value in {**topics, **broker.env("SSL")}.items():
            monkeypatch.setenv(key, value)
        names = load_kafka_settings().topic_names()
        tag = uuid.uuid4().hex[:6]
        asyncio.run(produce(broker.ssl_bootstrap, names, _events(tag)))
        outputs = asyncio.run(collect(broker.ssl_bootstrap, names, {f"{tag}-clean", f"{tag}-held"}, timeout=120))
        assert outputs.final_route() == {f"{tag}-clean": "clean", f"{tag}-held": "quarantine"}, (tmp_path / "worker.log").read_text()
        assert SSN not in outputs.clean_text()
        review_env = {**os.environ, **topics, **broker.env("SSL"), "COLUMNS": "250"}
        listed = subprocess.run([str(BIN / "quarantine-review"), "list"], env=review_env, capture_output=True, text=True, timeout=120)
        assert listed.returncode == 0, listed.stderr
        assert f"{tag}-held" in listed.stdout and SSN not in listed.stdout
        shown = subprocess.run(
            [str(BIN / "quarantine-review"), "show", f"{tag}-held", "--reason", "TLS check"],
            env={**review_env, **vault_keys.reviewer_env()}, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert shown.returncode == 0 and SSN in shown.stdout, shown.stderr
    finally:
        worker.terminate()
        worker.wait(timeout=60)


@pytest.mark.parametrize("client", ["wrong CA", "no TLS", "no password"])
def test_clients_without_the_right_ca_or_tls_are_refused(broker, monkeypatch, client):
    env = {
        "wrong CA": broker.env("SSL", cafile=broker.wrong_cafile),
        "no TLS": {"PII_KAFKA_BOOTSTRAP": broker.ssl_bootstrap, "PII_KAFKA_SECURITY_PROTOCOL": "PLAINTEXT"},
        "no password": {**broker.env("SASL_SSL"), "PII_KAFKA_SASL_PASSWORD": "not-the-password"},
    }[client]
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(KafkaUnreachable):
        asyncio.run(asyncio.wait_for(listed_topics(load_kafka_settings(), request_timeout_ms=5000), timeout=60))
    # the same broker answers a client with the right CA
    for key, value in broker.env("SSL").items():
        monkeypatch.setenv(key, value)
    assert asyncio.run(listed_topics(load_kafka_settings(), request_timeout_ms=10000)) is not None
