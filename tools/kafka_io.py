"""Producing events to the raw topics and collecting routed records — for `make demo`,
the integration tests and operators replaying files into a cluster."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter, defaultdict

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from pipeline.config import load_kafka_settings
from pipeline.core.events import FREE_TEXT_FIELDS
from pipeline.stream.kafka_security import security_of
from pipeline.stream.topics import KIND_TOPIC


async def produce(bootstrap: str, names: dict[str, str], events: list[dict | bytes], topic_override: str | None = None) -> None:
    """Send events to the raw topic of their kind, keyed as docs/contract.md says (session_id for
    keystrokes, user_id otherwise); raw bytes go to the prompts topic as they are."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5, **security_of(load_kafka_settings()).aiokafka())
    await producer.start()
    try:
        await _leaders_elected(producer, bootstrap, set(names.values()) if topic_override is None else {topic_override})
        futures = []
        for event in events:
            if isinstance(event, bytes):
                topic, key, value = topic_override or names["topic_prompts"], b"raw", event
            else:
                topic = topic_override or names[KIND_TOPIC.get(event.get("kind"), "topic_prompts")]
                key_field = "session_id" if event.get("kind") == "keystroke" else "user_id"
                key, value = str(event.get(key_field) or "none").encode(), json.dumps(event).encode()
            futures.append(await producer.send(topic, value, key=key))
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


async def _leaders_elected(producer: AIOKafkaProducer, bootstrap: str, topics: set[str], timeout: float = 30.0) -> None:
    """Wait until every partition of `topics` answers on its leader: topics created a
    moment ago have none yet, and a send to them logs NotLeaderForPartitionError retries.
    A ListOffsets request goes to each partition's leader and is retried until it answers."""
    cluster = producer.client.cluster
    await producer.client.force_metadata_update()
    partitions = [TopicPartition(t, p) for t in topics for p in cluster.partitions_for_topic(t) or ()]
    if not partitions:
        return
    probe = AIOKafkaConsumer(bootstrap_servers=bootstrap, **security_of(load_kafka_settings()).aiokafka())
    await probe.start()
    try:
        await asyncio.wait_for(probe.end_offsets(partitions), timeout)
    except TimeoutError:
        pass  # the sends retry on their own
    finally:
        await probe.stop()


class Outputs:
    """Routed records read back from the output topics, indexed by source event id."""

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


async def collect(bootstrap: str, names: dict[str, str], expected_ids: set[str], timeout: float, extra_records: int = 0) -> Outputs:
    """Read the three output topics until every expected source id has an outcome (and at
    least `extra_records` records without ids arrived), or until `timeout` seconds."""
    topics = {names["topic_clean"]: "clean", names["topic_quarantine"]: "quarantine", names["topic_drop"]: "drop"}
    consumer = AIOKafkaConsumer(
        *topics,
        bootstrap_servers=bootstrap,
        auto_offset_reset="earliest",
        **security_of(load_kafka_settings()).aiokafka(),
        group_id=None,
        enable_auto_commit=False,
    )
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
