"""The worker's Prometheus counters count what a batch published and consumed."""

from __future__ import annotations

import time
from types import SimpleNamespace

from faust.types import TP
from prometheus_client import REGISTRY

from pipeline.core.codes import FAILURES
from pipeline.stream import metrics


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def routed(route: str, kind: str | None, reasons: tuple = ()) -> SimpleNamespace:
    return SimpleNamespace(route=route, record={"kind": kind, "reasons": list(reasons)})


def test_outputs_are_counted_per_route_and_kind_and_failures_per_reason():
    failure = sorted(FAILURES)[0]
    before = {
        "clean": value("pii_records_out_total", route="clean", kind="prompt"),
        "held": value("pii_records_out_total", route="quarantine", kind="unknown"),
        "failure": value("pii_detection_failures_total", reason=failure),
    }
    metrics.count_outputs(
        [routed("clean", "prompt"), routed("clean", "prompt"), routed("quarantine", None, (failure, "not-a-failure-code"))]
    )
    assert value("pii_records_out_total", route="clean", kind="prompt") == before["clean"] + 2
    assert value("pii_records_out_total", route="quarantine", kind="unknown") == before["held"] + 1
    assert value("pii_detection_failures_total", reason=failure) == before["failure"] + 1
    assert value("pii_detection_failures_total", reason="not-a-failure-code") == 0


def test_a_batch_counts_its_messages_per_topic_and_sets_the_lag_of_its_last_offsets():
    topic = "metrics-test.raw.prompts"
    events = [
        SimpleNamespace(message=SimpleNamespace(topic=topic, tp=TP(topic, p), offset=o, timestamp=time.time()))
        for p, o in ((0, 5), (0, 6), (1, 9))
    ]
    consumer = SimpleNamespace(highwater=lambda tp: {0: 10, 1: 10}[tp.partition])
    before = value("pii_events_in_total", topic=topic)
    latencies = value("pii_event_latency_seconds_count")
    metrics.observe_batch(consumer, events, time.perf_counter())
    assert value("pii_events_in_total", topic=topic) == before + 3
    assert value("pii_event_latency_seconds_count") == latencies + 3
    assert value("pii_consumer_lag", topic=topic, partition="0") == 3  # offsets 7, 8, 9 still to read
    assert value("pii_consumer_lag", topic=topic, partition="1") == 0


def test_detection_failures_are_counted_by_what_failed():
    labels = {"source": "AcmePluginRecognizer", "error": "KeyError"}
    before = value("pii_detection_failure_sources_total", **labels)
    held = routed("quarantine", "prompt", ("detection_error", "detection_error:AcmePluginRecognizer:KeyError"))
    metrics.count_outputs([held, routed("quarantine", "prompt", ("malformed", "malformed:not valid JSON"))])
    assert value("pii_detection_failure_sources_total", **labels) == before + 1
    assert value("pii_detection_failure_sources_total", source="not valid JSON", error="") == 0
