"""The raw input topics over a time range, read without a consumer group: nothing is
committed and no group's position moves (for `pii-stream replay --from-kafka`)."""

from __future__ import annotations

import asyncio
import re
import time

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from pipeline.config import KafkaSettings
from pipeline.errors import ConfigError
from pipeline.stream.kafka_security import security_of
from pipeline.stream.topics import RAW_TOPICS

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)([smhd])$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """Seconds in `30m`, `2h`, `1d`, `45s`; ConfigError otherwise."""
    match = _DURATION.match(text.strip())
    if not match:
        raise ConfigError(f"--since takes a duration such as 30m, 2h or 1d, not {text!r}")
    return float(match.group(1)) * _SECONDS[match.group(2)]


def read_raw(kafka: KafkaSettings, since_s: float) -> list[bytes]:
    """Every raw message value from `since_s` seconds ago to the partitions' ends now."""
    return asyncio.run(_read(kafka, since_s))


async def _read(kafka: KafkaSettings, since_s: float) -> list[bytes]:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=kafka.kafka_bootstrap, group_id=None, enable_auto_commit=False, **security_of(kafka).aiokafka()
    )
    await consumer.start()
    try:
        partitions = await _raw_partitions(kafka)
        consumer.assign(partitions)
        ends = await consumer.end_offsets(partitions)
        starts = await consumer.offsets_for_times({tp: int((time.time() - since_s) * 1000) for tp in partitions})
        values: list[bytes] = []
        todo = {}
        for tp in partitions:
            start = starts.get(tp)
            if start is not None and start.offset < ends[tp]:
                consumer.seek(tp, start.offset)
                todo[tp] = ends[tp]
        while todo:
            batch = await consumer.getmany(*todo, timeout_ms=1000)
            for tp, messages in batch.items():
                for m in messages:
                    if m.offset < todo.get(tp, -1) and m.value is not None:
                        values.append(m.value)
                if messages and messages[-1].offset >= todo[tp] - 1:
                    del todo[tp]
        return values
    finally:
        await consumer.stop()


async def _raw_partitions(kafka: KafkaSettings) -> list[TopicPartition]:
    topics = [getattr(kafka, name) for name in RAW_TOPICS]
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka.kafka_bootstrap, **security_of(kafka).aiokafka())
    await admin.start()
    try:
        described = await admin.describe_topics(topics)
    finally:
        await admin.close()
    partitions = []
    for topic in described:
        if topic.get("error_code"):
            raise ConfigError(f"topic {topic['topic']} cannot be read on {kafka.kafka_bootstrap} (error {topic['error_code']})")
        partitions += [TopicPartition(topic["topic"], p["partition"]) for p in topic["partitions"]]
    return sorted(partitions)
