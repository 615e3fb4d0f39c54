"""The faust app: topics, agents, table, timer and web pages — wiring only. How a batch
is delivered (publishing, retries, the offset guard, exiting without commit) is in
`delivery.py`; the faust internals it relies on in `faust_compat.py`."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import faust
from prometheus_client import generate_latest

from pipeline.config import Settings
from pipeline.core.codes import Route
from pipeline.core.processor import Pipeline
from pipeline.stream import faust_compat, metrics
from pipeline.stream.batch import BatchHandler, IdleSessions
from pipeline.stream.delivery import OffsetGuard, Publisher, StallWatch, exit_on_error
from pipeline.stream.kafka_security import security_of
from pipeline.stream.state import StateCipher
from pipeline.stream.topics import TABLE_NAME, kafka_answers

log = logging.getLogger("pipeline.stream.worker")


def create_app(settings: Settings, pipeline: Pipeline) -> tuple[faust.App, Publisher]:
    """The app and its publisher (whose `idle` the SIGTERM drain waits for)."""
    faust_compat.apply()
    settings.data_dir.mkdir(parents=True, exist_ok=True)  # faust creates only the last level
    app = faust.App(
        settings.group_id,
        broker=f"kafka://{settings.kafka_bootstrap}",
        broker_credentials=security_of(settings).faust_credentials(),
        store="memory://",
        # not the current directory: it may be read-only, and tests ran workers in the repo
        datadir=str(settings.data_dir / "{conf.name}-data"),
        processing_guarantee="at_least_once",
        topic_allow_declare=False,  # every topic is created explicitly by kafka_topics
        topic_disable_leader=True,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        web_host=settings.web_host,
        web_port=settings.web_port,
        web_in_thread=False,
        table_standby_replicas=0,
        broker_max_poll_records=max(500, settings.worker_batch_size * 4),
        # A killed or restarted worker's partitions move on after 15 s, not faust's 60 s.
        broker_session_timeout=15.0,
    )
    if settings.fetch_wait_s > 0:
        faust_compat.hold_fetches(app, settings.fetch_min_bytes, settings.fetch_wait_s)
    handler = BatchHandler(pipeline)
    outputs = {
        Route.CLEAN: app.topic(settings.topic_clean, value_serializer="raw", key_serializer="raw"),
        Route.QUARANTINE: app.topic(settings.topic_quarantine, value_serializer="raw", key_serializer="raw"),
        Route.DROP: app.topic(settings.topic_drop, value_serializer="raw", key_serializer="raw"),
        "keys": app.topic(settings.topic_quarantine_keys, value_serializer="raw", key_serializer="raw"),
    }
    text_topics = app.topic(
        settings.topic_prompts, settings.topic_screen, settings.topic_clicks, value_serializer="raw", key_serializer="raw", acks=True
    )
    keystrokes = app.topic(settings.topic_keystrokes, value_serializer="raw", key_serializer="raw")
    # Keys are the raw session-id bytes: hashed like the collectors' message keys, each
    # session's state lands in the changelog partition numbered like its raw.keystrokes
    # partition, which is the one a worker restores with it. (A str key would be
    # JSON-quoted and hash elsewhere: state on one worker, keystrokes on another.)
    sessions = app.Table(TABLE_NAME, partitions=settings.raw_partitions, key_type=bytes, use_partitioner=True)
    state_lock = asyncio.Lock()
    cipher = StateCipher(pipeline.key)
    idle_sessions = IdleSessions(settings.keystroke_idle_gap_s)
    publisher = Publisher(app, outputs)
    metadata_ready = asyncio.Event()

    async def ensure_table_metadata() -> None:
        if not metadata_ready.is_set():
            await faust_compat.fetch_topic_metadata(app, sessions.changelog_topic.get_topic_name())
            metadata_ready.set()

    guard = OffsetGuard(app)

    async def publish_and_store(outcome: Any, events: list) -> None:
        await publisher.publish_or_exit(outcome.routed, events)
        _store(sessions, outcome.session_states, cipher)
        # Session state must be durable before this batch's offsets can be committed.
        await app.producer.flush()

    @app.agent(text_topics, concurrency=1)
    async def route_text(stream: Any) -> None:
        async for events in stream.take_events(settings.worker_batch_size, within=settings.batch_wait_s):
            with exit_on_error("route_text", events):
                guard.check(events)
                started = time.perf_counter()
                routed = handler.route_messages([(e.message.topic, e.value) for e in events])
                await publisher.publish_or_exit(routed, events)
                metrics.observe_batch(app.consumer, events, started)

    @app.agent(keystrokes, concurrency=1)
    async def route_keystrokes(stream: Any) -> None:
        async for events in stream.take_events(settings.worker_batch_size, within=settings.batch_wait_s):
            with exit_on_error("route_keystrokes", events):
                guard.check(events)
                started = time.perf_counter()
                await ensure_table_metadata()
                async with state_lock:
                    outcome = handler.route_keystrokes(
                        [(e.message.topic, e.value) for e in events],
                        lambda session: cipher.open(session, sessions.get(session.encode("utf-8"))),
                        time.time(),
                        [(e.message.partition, e.message.offset) for e in events],
                    )
                    await publish_and_store(outcome, events)
                metrics.observe_batch(app.consumer, events, started)

    @app.timer(interval=settings.idle_check_s)
    async def close_idle_segments() -> None:
        # Idle by the wall clock means nothing more is coming, which only holds when the
        # keystroke partitions are fully consumed: during a backlog or a broker outage the
        # rest of a segment may still be waiting in Kafka.
        if not guard.caught_up(settings.topic_keystrokes):
            return
        with exit_on_error("close_idle_segments", []):
            await ensure_table_metadata()
            async with state_lock:
                now = time.time()
                sealed = {key.decode("utf-8"): state for key, state in sessions.items()}
                due, open_segments = idle_sessions.due(sealed, now, cipher.open)
                metrics.OPEN_SEGMENTS.set(open_segments)
                outcome = handler.close_stale(due, now, faust_compat.committed_offset(app, settings.topic_keystrokes))
                if outcome.session_states:
                    await publish_and_store(outcome, [])

    stall_watch = StallWatch(guard, publisher, settings.stall_restart_s, lambda: kafka_answers(settings))

    @app.timer(interval=5.0)
    async def watch_for_stalls() -> None:
        await stall_watch.tick(time.monotonic())

    @app.page("/metrics")
    async def metrics_page(web: Any, request: Any) -> Any:
        return web.bytes(generate_latest(), content_type="text/plain")

    @app.page("/health")
    async def health_page(web: Any, request: Any) -> Any:
        assigned = sorted(f"{tp.topic}/{tp.partition}" for tp in app.consumer.assignment())
        return web.json({"status": "ok", "policy_version": pipeline.policy.version, "assigned": assigned})

    return app, publisher


def _store(sessions: Any, states: dict, cipher: StateCipher) -> None:
    for session, state in states.items():
        if state is None:
            sessions.pop(session.encode("utf-8"), None)
        else:
            sessions[session.encode("utf-8")] = cipher.seal(session, state)
