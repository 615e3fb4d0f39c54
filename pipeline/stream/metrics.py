"""Prometheus metrics of the stream worker (served on /metrics)."""

from __future__ import annotations

import time
from collections import Counter as Tally
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from prometheus_client import Counter, Gauge, Histogram

from pipeline.core.codes import FAILURES, Reason

if TYPE_CHECKING:
    from pipeline.core.processor import Routed

EVENTS_IN = Counter("pii_events_in_total", "Input messages consumed", ["topic"])
RECORDS_OUT = Counter("pii_records_out_total", "Records published", ["route", "kind"])
DETECTION_FAILURES = Counter("pii_detection_failures_total", "Records quarantined by a failure", ["reason"])
FAILURE_SOURCES = Counter(
    "pii_detection_failure_sources_total",
    "Detection failures by what failed (recognizer or step) and exception type",
    ["source", "error"],
)
REDELIVERIES_IGNORED = Counter(
    "pii_keystroke_redeliveries_ignored_total", "Keystrokes ignored as redeliveries of one already applied (same id, same content)"
)
PUBLISH_RETRIES = Counter("pii_publish_retries_total", "Output batches re-sent after a broker error")
BATCH_SECONDS = Histogram(
    "pii_batch_processing_seconds",
    "Time to detect, route and publish one batch",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
LATENCY_SECONDS = Histogram(
    "pii_event_latency_seconds",
    "From the input message timestamp to its output being acknowledged",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30),
)
CONSUMER_LAG = Gauge("pii_consumer_lag", "Messages behind the partition end", ["topic", "partition"])
OPEN_SEGMENTS = Gauge("pii_open_keystroke_segments", "Keystroke segments being assembled on this worker")

FAILURE_REASONS = FAILURES
# "detection_error:<recognizer or step>:<exception type>" (and the same for regex timeouts)
_DETAILED = tuple(f"{r}:" for r in (Reason.DETECTION_ERROR, Reason.REGEX_TIMEOUT, Reason.DETECTION_TIMEOUT))


def count_outputs(routed_records: Iterable[Routed]) -> None:
    """Count published records by route and kind, and failures by reason code (summed
    per batch first: a labelled increment takes a lock and a lookup)."""
    outputs: Tally = Tally()
    failures: Tally = Tally()
    sources: Tally = Tally()
    for routed in routed_records:
        outputs[(routed.route, routed.record.get("kind") or "unknown")] += 1
        reasons = routed.record.get("reasons", ())
        failures.update(r for r in reasons if r in FAILURE_REASONS)
        sources.update(tuple(r.split(":")[1:3]) for r in reasons if r.startswith(_DETAILED) and r.count(":") == 2)
    for labels, n in outputs.items():
        RECORDS_OUT.labels(*labels).inc(n)
    for reason, n in failures.items():
        DETECTION_FAILURES.labels(reason).inc(n)
    for (source, error), n in sources.items():
        FAILURE_SOURCES.labels(source, error).inc(n)


def observe_batch(consumer: Any, events: list, started: float) -> None:
    """Batch time, per-message latency and consumer lag after a batch was published."""
    now = time.time()
    BATCH_SECONDS.observe(time.perf_counter() - started)
    last = {}
    for event in events:
        message = event.message
        last[message.tp] = message.offset
        if message.timestamp:
            LATENCY_SECONDS.observe(max(0.0, now - message.timestamp))
    for topic, n in Tally(e.message.topic for e in events).items():
        EVENTS_IN.labels(topic).inc(n)
    for tp, offset in last.items():
        highwater = consumer.highwater(tp)
        if highwater is not None:
            CONSUMER_LAG.labels(tp.topic, str(tp.partition)).set(max(0, highwater - offset - 1))
