"""Create every topic of SPEC.md explicitly (never rely on broker auto-creation).

    python -m pipeline.stream.topics      # uses PII_KAFKA_BOOTSTRAP and the PII_TOPIC_* names
"""

from __future__ import annotations

import asyncio
import os
import sys
import time

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, TopicAlreadyExistsError

from pipeline.stream.kafka_security import KafkaSecurity

RAW_TOPICS = ("topic_keystrokes", "topic_prompts", "topic_screen", "topic_clicks")
OUTPUT_TOPICS = ("topic_clean", "topic_drop")
DAY_MS = 86_400_000
DEFAULTS = {
    "topic_keystrokes": "raw.keystrokes", "topic_prompts": "raw.prompts", "topic_screen": "raw.screen",
    "topic_clicks": "raw.clicks", "topic_clean": "pii.clean", "topic_quarantine": "pii.quarantine",
    "topic_drop": "pii.drop", "topic_audit": "pii.audit", "topic_quarantine_keys": "pii.quarantine.keys",
}


def topic_names(env: dict[str, str] | None = None) -> dict[str, str]:
    """Topic names from PII_TOPIC_* (no pseudonym key needed just to create topics)."""
    env = os.environ if env is None else env
    return {k: env.get(f"PII_{k.upper()}", v) for k, v in DEFAULTS.items()}


def key_store_configs(retention_days: float, segment_ms: int) -> dict[str, str]:
    """The wrapped-key store: compacted so a purge tombstone deletes a key for good, and
    time-limited so the broker itself expires keys past retention. Small dirty ratio,
    no compaction lag and a short tombstone life make deleted keys leave disk soon
    after their segment rolls (every `segment_ms`)."""
    return {"cleanup.policy": "compact,delete", "retention.ms": str(int(retention_days * DAY_MS)),
            "segment.ms": str(segment_ms), "min.cleanable.dirty.ratio": "0.01", "min.compaction.lag.ms": "0",
            "delete.retention.ms": "1000", "max.compaction.lag.ms": str(segment_ms)}


def wanted_topics(names: dict[str, str], group_id: str, raw_partitions: int, output_partitions: int,
                  retention_days: float = 30.0, key_segment_ms: int = 3_600_000) -> list[NewTopic]:
    """Every topic of SPEC.md plus the worker's session changelog, as NewTopic specs."""
    topics = [NewTopic(names[k], raw_partitions, 1) for k in RAW_TOPICS]
    topics += [NewTopic(names[k], output_partitions, 1) for k in OUTPUT_TOPICS]
    # Held records are unreadable once their keys go; the ciphertext expires with them.
    topics.append(NewTopic(names["topic_quarantine"], output_partitions, 1,
                           topic_configs={"retention.ms": str(int(retention_days * DAY_MS))}))
    topics.append(NewTopic(names["topic_quarantine_keys"], output_partitions, 1,
                           topic_configs=key_store_configs(retention_days, key_segment_ms)))
    # The audit log is one ordered, append-only partition kept forever.
    topics.append(NewTopic(names["topic_audit"], 1, 1, topic_configs={"retention.ms": "-1"}))
    # The worker's keystroke-session table: co-partitioned with raw.keystrokes, compacted.
    topics.append(NewTopic(f"{group_id}-keystroke_sessions-changelog", raw_partitions, 1,
                           topic_configs={"cleanup.policy": "compact"}))
    return topics


async def ensure_topics(
    bootstrap: str, names: dict[str, str] | None = None, group_id: str = "pii-stream",
    raw_partitions: int = 6, output_partitions: int = 6, retention_days: float = 30.0,
    key_segment_ms: int = 3_600_000,
) -> list[str]:
    """Create missing topics; return the names created. Existing topics are left as they are."""
    names = names or topic_names()
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=20000,
                                **KafkaSecurity.from_env().aiokafka())
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


def main() -> None:
    bootstrap = os.environ.get("PII_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
    partitions = int(os.environ.get("PII_RAW_PARTITIONS", "6"))
    for attempt in range(30):  # a broker that just opened its port may not serve metadata yet
        try:
            created = asyncio.run(ensure_topics(
                bootstrap, topic_names(), os.environ.get("PII_GROUP_ID", "pii-stream"), partitions, partitions,
                float(os.environ.get("PII_QUARANTINE_RETENTION_DAYS", "30")),
                int(os.environ.get("PII_KEY_SEGMENT_MS", "3600000"))))
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
