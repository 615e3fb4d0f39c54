"""Create every topic of docs/contract.md explicitly (never rely on broker auto-creation).

    python -m pipeline.stream.topics      # uses PII_KAFKA_* and the PII_TOPIC_* names

The names are settings (`KafkaSettings`); this module gives each its role.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import (
    KafkaConnectionError,
    KafkaTimeoutError,
    NodeNotReadyError,
    RequestTimedOutError,
    TopicAlreadyExistsError,
)

from pipeline.config import TOPIC_SETTINGS, KafkaSettings, load_kafka_settings
from pipeline.errors import ConfigError, KafkaUnreachable
from pipeline.stream.kafka_security import security_of

# The raw topic each event kind arrives on.
KIND_TOPIC = {"keystroke": "topic_keystrokes", "prompt": "topic_prompts", "screen_text": "topic_screen", "click": "topic_clicks"}
RAW_TOPICS = tuple(KIND_TOPIC.values())
OUTPUT_TOPICS = ("topic_clean", "topic_drop")
DEFAULTS = {name: KafkaSettings.model_fields[name].default for name in TOPIC_SETTINGS}
TABLE_NAME = "keystroke_sessions"  # the worker's faust table of open keystroke segments
DAY_MS = 86_400_000


def changelog_topic(group_id: str) -> str:
    """The name faust gives the session table's changelog."""
    return f"{group_id}-{TABLE_NAME}-changelog"


def kind_by_topic(settings: KafkaSettings) -> dict[str, str]:
    """The event kind each raw topic carries."""
    return {getattr(settings, name): kind for kind, name in KIND_TOPIC.items()}


def key_store_configs(retention_days: float, segment_ms: int) -> dict[str, str]:
    """The wrapped-key store: compacted so a purge tombstone deletes a key for good, and
    time-limited so the broker itself expires keys past retention. Small dirty ratio,
    no compaction lag and a short tombstone life make deleted keys leave disk soon
    after their segment rolls (every `segment_ms`)."""
    return {
        "cleanup.policy": "compact,delete",
        "retention.ms": str(int(retention_days * DAY_MS)),
        "segment.ms": str(segment_ms),
        "min.cleanable.dirty.ratio": "0.01",
        "min.compaction.lag.ms": "0",
        "delete.retention.ms": "1000",
        "max.compaction.lag.ms": str(segment_ms),
    }


def wanted_topics(
    names: dict[str, str],
    group_id: str,
    raw_partitions: int,
    output_partitions: int,
    retention_days: float = 30.0,
    key_segment_ms: int = 3_600_000,
) -> list[NewTopic]:
    """Every topic of docs/contract.md plus the worker's session changelog, as NewTopic specs."""
    topics = [NewTopic(names[k], raw_partitions, 1) for k in RAW_TOPICS]
    topics += [NewTopic(names[k], output_partitions, 1) for k in OUTPUT_TOPICS]
    # Held records are unreadable once their keys go; the ciphertext expires with them.
    topics.append(
        NewTopic(names["topic_quarantine"], output_partitions, 1, topic_configs={"retention.ms": str(int(retention_days * DAY_MS))})
    )
    topics.append(
        NewTopic(names["topic_quarantine_keys"], output_partitions, 1, topic_configs=key_store_configs(retention_days, key_segment_ms))
    )
    # The audit log is one ordered, append-only partition kept forever.
    topics.append(NewTopic(names["topic_audit"], 1, 1, topic_configs={"retention.ms": "-1"}))
    # Reviewers' verdicts, one per held record (keyed by event id), sealed under its key:
    # compacted, and no older than the records they judge.
    topics.append(
        NewTopic(
            names["topic_verdicts"],
            output_partitions,
            1,
            topic_configs={"cleanup.policy": "compact,delete", "retention.ms": str(int(retention_days * DAY_MS))},
        )
    )
    # Erasure notices, one per person (keyed by pseudonym): compacted, so the latest stays.
    topics.append(NewTopic(names["topic_erasure"], 1, 1, topic_configs={"cleanup.policy": "compact"}))
    # The worker's keystroke-session table: co-partitioned with raw.keystrokes, compacted.
    topics.append(NewTopic(changelog_topic(group_id), raw_partitions, 1, topic_configs={"cleanup.policy": "compact"}))
    return topics


async def ensure_topics(
    bootstrap: str,
    names: dict[str, str] | None = None,
    group_id: str = "pii-stream",
    raw_partitions: int = 6,
    output_partitions: int = 6,
    retention_days: float = 30.0,
    key_segment_ms: int = 3_600_000,
    kafka: KafkaSettings | None = None,
) -> list[str]:
    """Create missing topics; return the names created. Existing topics are left as they are."""
    kafka = kafka or load_kafka_settings()
    names = names or kafka.topic_names()
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=20000, **security_of(kafka).aiokafka())
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = wanted_topics(names, group_id, raw_partitions, output_partitions, retention_days, key_segment_ms)
        missing = [t for t in wanted if t.name not in existing]
        if missing:
            try:
                await admin.create_topics(missing)
            except TopicAlreadyExistsError:
                pass
        return [t.name for t in missing]
    finally:
        await admin.close()


# A broker that went away, or has opened its port but serves no metadata yet.
_BROKER_GONE = (KafkaConnectionError, KafkaTimeoutError, NodeNotReadyError, RequestTimedOutError, asyncio.TimeoutError)


async def listed_topics(kafka: KafkaSettings, request_timeout_ms: int = 15000) -> set[str]:
    """The cluster's topic names; KafkaUnreachable when no broker of PII_KAFKA_BOOTSTRAP answers."""
    admin = AIOKafkaAdminClient(
        bootstrap_servers=kafka.kafka_bootstrap, request_timeout_ms=request_timeout_ms, **security_of(kafka).aiokafka()
    )
    try:
        try:
            await admin.start()
        except Exception as exc:  # noqa: BLE001
            where = f"{kafka.kafka_bootstrap} (PII_KAFKA_BOOTSTRAP)"
            raise KafkaUnreachable(f"cannot reach Kafka at {where}: {type(exc).__name__}") from None
        try:
            return set(await admin.list_topics())
        except _BROKER_GONE as exc:
            raise KafkaUnreachable(f"Kafka at {kafka.kafka_bootstrap} did not list its topics: {type(exc).__name__}") from None
    finally:
        with contextlib.suppress(Exception):  # a client that never started has little to close
            await admin.close()


async def kafka_answers(kafka: KafkaSettings, timeout_s: float = 10.0) -> bool:
    """Whether a broker of PII_KAFKA_BOOTSTRAP answers a metadata request (connecting and
    listing within `timeout_s` each); any failure counts as not answering."""
    try:
        await asyncio.wait_for(listed_topics(kafka, int(timeout_s * 1000)), 2 * timeout_s)
        return True
    except Exception:  # noqa: BLE001
        return False


def main() -> None:
    try:
        kafka = load_kafka_settings()
    except ConfigError as exc:
        print(f"kafka: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    bootstrap = kafka.kafka_bootstrap
    for attempt in range(30):  # a broker that just opened its port may not serve metadata yet
        try:
            created = asyncio.run(
                ensure_topics(
                    bootstrap,
                    kafka.topic_names(),
                    kafka.group_id,
                    kafka.raw_partitions,
                    kafka.raw_partitions,
                    kafka.quarantine_retention_days,
                    kafka.key_segment_ms,
                    kafka,
                )
            )
            break
        except KafkaConnectionError as exc:
            if attempt == 29:
                print(f"kafka: cannot reach {bootstrap}: {exc}", file=sys.stderr)
                raise SystemExit(1) from None
            time.sleep(1)
    names = ", ".join(created) if created else "none (all exist)"
    print(f"kafka: topics created on {bootstrap}: {names}")


if __name__ == "__main__":
    main()
