"""`pii-stream worker`: check the topics, build the pipeline, run the faust worker.

SIGTERM finishes the batch in flight (its outputs acknowledged and its offsets
acked), then lets faust commit and stop.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import time
from collections.abc import Callable

from pipeline.config import Settings
from pipeline.core.processor import Pipeline
from pipeline.errors import ConfigError, KafkaUnreachable
from pipeline.stream import faust_compat
from pipeline.stream.app import create_app
from pipeline.stream.delivery import RESTARTED_ENV
from pipeline.stream.topics import changelog_topic, listed_topics
from pipeline.vault.crypto import sealer_for

log = logging.getLogger("pipeline.stream.worker")


def required_topics(settings: Settings) -> list[str]:
    return [
        settings.topic_keystrokes,
        settings.topic_prompts,
        settings.topic_screen,
        settings.topic_clicks,
        settings.topic_clean,
        settings.topic_quarantine,
        settings.topic_drop,
        settings.topic_quarantine_keys,
        changelog_topic(settings.group_id),
    ]


async def missing_topics(settings: Settings) -> list[str]:
    """Topics the worker needs that the cluster does not have (it never creates them);
    KafkaUnreachable when no broker answers."""
    existing = await listed_topics(settings)
    return [t for t in required_topics(settings) if t not in existing]


def missing_topics_once_kafka_answers(settings: Settings, sleep: Callable[[float], None] = time.sleep) -> list[str]:
    """`missing_topics`, waiting for as long as the broker does not answer (with a log line
    each try): a worker that restarted itself (OffsetGuard) may do so during an outage."""
    delay = 1.0
    while True:
        try:
            return asyncio.run(missing_topics(settings))
        except KafkaUnreachable:
            log.warning("restarted worker: Kafka at %s does not answer; trying again in %.0fs", settings.kafka_bootstrap, delay)
            sleep(delay)
            delay = min(delay * 2, 10.0)


def run_worker(settings: Settings) -> None:
    """Run until stopped. Bad configuration or missing topics raise ConfigError first; an
    unreachable broker too, except in a worker that restarted itself, which waits for it."""
    if settings.reviewer_private_key is not None or settings.reviewer_passphrase is not None:
        raise ConfigError(
            "a worker must not hold the reviewers' private key or passphrase: unset "
            "PII_REVIEWER_PRIVATE_KEY and PII_REVIEWER_PASSPHRASE (workers need PII_VAULT_PUBLIC_KEY only)"
        )
    faust_compat.check_versions()
    if os.environ.get(RESTARTED_ENV):
        missing = missing_topics_once_kafka_answers(settings)
    else:
        missing = asyncio.run(missing_topics(settings))
    if missing:
        raise ConfigError(
            f"topics missing on {settings.kafka_bootstrap}: {', '.join(missing)} "
            "(create them with `make kafka-up` or `python -m pipeline.stream.topics`)"
        )
    pipeline = Pipeline.from_settings(settings, sealer_for(settings))
    app, publisher = create_app(settings, pipeline)
    gc.freeze()  # the app's objects too live as long as the process (see Pipeline.from_settings)
    log.info(
        "worker %s: policy %s, %d recognizers, metrics on http://%s:%d/metrics",
        settings.group_id,
        pipeline.policy.version,
        len(pipeline.detector.recognizers),
        settings.web_host,
        settings.web_port,
    )
    worker = faust_compat.DrainingWorker(app, loglevel="INFO", quiet=True, override_logging=False, idle=publisher.idle)
    worker.execute_from_commandline()
