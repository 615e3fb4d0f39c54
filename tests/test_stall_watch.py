"""A worker restarts itself when a partition stops moving, but not during a broker outage,
and a worker that restarted itself waits for the broker instead of exiting."""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import NodeNotReadyError
from faust.types import TP

from pipeline.config import Settings
from pipeline.errors import KafkaUnreachable
from pipeline.stream import worker as worker_module
from pipeline.stream.delivery import OffsetGuard, Publisher, StallWatch

RAW = TP("raw.prompts", 0)


class Consumer:
    """The two things OffsetGuard.stalled asks of faust's consumer."""

    def __init__(self, highwater: int) -> None:
        self.highwaters = {RAW: highwater}

    def assignment(self):
        return set(self.highwaters)

    def highwater(self, tp):
        return self.highwaters[tp]


def watch(broker: list[bool], restarts: list[str], after_s: float = 30.0):
    app = SimpleNamespace(consumer=Consumer(highwater=500), on_partitions_assigned=SimpleNamespace(connect=lambda f: None))
    guard = OffsetGuard(app)  # type: ignore[arg-type]
    guard.next_offset[RAW] = 120  # 380 messages wait at offset 120
    probes: list[float] = []

    async def broker_answers() -> bool:
        probes.append(1)
        return broker[0]

    publisher = Publisher(app, {})  # type: ignore[arg-type]
    return StallWatch(guard, publisher, after_s, broker_answers, restart=restarts.append), guard, probes


def ticks(stall: StallWatch, times) -> None:
    for now in times:
        asyncio.run(stall.tick(now))


def test_a_partition_that_stops_moving_while_the_broker_answers_restarts_the_worker():
    restarts: list[str] = []
    stall, guard, _ = watch([True], restarts)
    ticks(stall, [0, 10, 20, 30])
    assert restarts == []  # not yet: 30 s is the limit, not more than it
    ticks(stall, [31])
    assert len(restarts) == 1 and "raw.prompts/0 has 380 messages waiting at 120" in restarts[0]


def test_moving_partitions_never_restart():
    restarts: list[str] = []
    stall, guard, probes = watch([True], restarts)
    for now in range(0, 200, 5):
        guard.next_offset[RAW] = 120 + now  # processing, behind the high-water mark
        ticks(stall, [now])
    assert restarts == [] and probes == []


def test_no_restart_while_the_broker_does_not_answer_and_the_outage_does_not_count(caplog):
    broker = [False]
    restarts: list[str] = []
    stall, guard, probes = watch(broker, restarts)
    failed_probe_at = []
    with caplog.at_level(logging.WARNING, logger="pipeline.stream.worker"):
        for now in range(0, 300, 5):  # five minutes of outage
            before = len(probes)
            ticks(stall, [now])
            failed_probe_at += [now] * (len(probes) - before)
    assert restarts == [] and failed_probe_at  # it asked the broker, and stayed
    assert "not restarting" in caplog.text and "raw.prompts" not in caplog.text
    broker[0] = True  # back, and the partition still does not move
    restarted_at = next(now for now in range(300, 400, 5) if (ticks(stall, [now]), restarts)[1])
    # a whole `after_s` of standing still with the broker there, not a moment after it is back
    assert restarted_at > failed_probe_at[-1] + 30


def test_no_restart_while_a_batch_is_being_published():
    restarts: list[str] = []
    stall, guard, probes = watch([True], restarts)
    stall.publisher.idle.clear()
    ticks(stall, range(0, 100, 5))
    assert restarts == [] and probes == []
    stall.publisher.idle.set()
    ticks(stall, [100])
    assert len(restarts) == 1


def test_a_restarted_worker_waits_for_the_broker_and_says_so(monkeypatch, caplog):
    answers = iter([False, False, False, True])

    async def missing_topics(settings):
        if not next(answers):
            raise KafkaUnreachable("cannot reach Kafka at 127.0.0.1:9 (PII_KAFKA_BOOTSTRAP): KafkaConnectionError")
        return ["raw.clicks"]

    monkeypatch.setattr(worker_module, "missing_topics", missing_topics)
    waits: list[float] = []
    settings = SimpleNamespace(kafka_bootstrap="127.0.0.1:9")
    with caplog.at_level(logging.WARNING, logger="pipeline.stream.worker"):
        missing = worker_module.missing_topics_once_kafka_answers(settings, sleep=waits.append)  # type: ignore[arg-type]
    assert missing == ["raw.clicks"]
    assert waits == [1.0, 2.0, 4.0]
    assert caplog.text.count("does not answer") == 3


def test_only_a_restarted_worker_waits(monkeypatch):
    """A first start against a broker that does not answer is an error at once (exit 2)."""
    calls: list[str] = []

    async def missing_topics(settings):
        calls.append("asked")
        raise KafkaUnreachable("cannot reach Kafka")

    monkeypatch.setattr(worker_module, "missing_topics", missing_topics)
    monkeypatch.setattr(worker_module.faust_compat, "check_versions", lambda: None)
    monkeypatch.delenv("PII_STREAM_RESTARTED", raising=False)
    settings = SimpleNamespace(reviewer_private_key=None, reviewer_passphrase=None, kafka_bootstrap="127.0.0.1:9")
    with pytest.raises(KafkaUnreachable):
        worker_module.run_worker(settings)  # type: ignore[arg-type]
    assert calls == ["asked"]


def test_the_restart_marks_the_new_process_which_then_waits(monkeypatch):
    from pipeline.stream import delivery

    monkeypatch.setenv("PII_STREAM_RESTARTED", "")  # so that the one the restart sets is undone
    monkeypatch.delenv("PII_STREAM_RESTARTED")
    execs: list[list[str]] = []
    monkeypatch.setattr(delivery.os, "execv", lambda path, argv: execs.append(argv))
    delivery.restart_without_commit("offsets 3..4 of raw.clicks/1 were skipped by the consumer")
    assert len(execs) == 1 and delivery.os.environ.get("PII_STREAM_RESTARTED") == "1"

    waited: list[str] = []

    def wait(settings):
        waited.append("waited")
        raise KafkaUnreachable("stop here")  # the test ends at the check of the topics

    monkeypatch.setattr(worker_module, "missing_topics_once_kafka_answers", wait)
    monkeypatch.setattr(worker_module.faust_compat, "check_versions", lambda: None)
    settings = SimpleNamespace(reviewer_private_key=None, reviewer_passphrase=None, kafka_bootstrap="127.0.0.1:9")
    with pytest.raises(KafkaUnreachable):
        worker_module.run_worker(settings)  # type: ignore[arg-type]
    assert waited == ["waited"]


def test_a_broker_that_drops_the_topic_listing_counts_as_not_answering(monkeypatch):
    """Right after a broker opens its port it may not serve metadata yet: a restarted
    worker must go on waiting then, not stop with a traceback."""

    async def started(self):
        return None

    async def no_listing(self):
        raise NodeNotReadyError("node 1 not ready")

    async def closed(self):
        return None

    monkeypatch.setattr(AIOKafkaAdminClient, "start", started)
    monkeypatch.setattr(AIOKafkaAdminClient, "list_topics", no_listing)
    monkeypatch.setattr(AIOKafkaAdminClient, "close", closed)
    settings = Settings(kafka_bootstrap="127.0.0.1:9", pseudonym_key="k" * 32)
    with pytest.raises(KafkaUnreachable, match="did not list its topics: NodeNotReadyError"):
        asyncio.run(worker_module.missing_topics(settings))
