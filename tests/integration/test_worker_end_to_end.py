"""The worker on a real broker routes exactly as `pii-stream scan` does, for all four kinds."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

from pipeline.processor import route_stream

SAMPLES = Path("samples/events.jsonl")


def sample_events() -> list[dict]:
    return [json.loads(l) for l in SAMPLES.open() if l.startswith("{")]


def test_worker_routes_like_scan(deployment, pipeline, tmp_path):
    events = sample_events()
    expected = {}
    for routed in route_stream(pipeline, [json.dumps(e) for e in events], 64):
        for source in routed.source_event_ids:
            expected[source] = routed.route
    d = deployment()
    d.start_worker(tmp_path)
    d.produce(events)
    outputs = d.collect(set(expected), timeout=120)
    assert outputs.final_route() == expected
    assert {"keystroke", "prompt", "screen_text", "click"} <= {e["kind"] for e in events}
    clean = [r for route, r in outputs.records if route == "clean"]
    assert any(r["kind"] == "typed_text" for r in clean)
    assert all("user_id" not in r and r["user"].startswith("u_") for r in clean)


def test_health_and_metrics_endpoints(deployment, tmp_path):
    d = deployment()
    worker = d.start_worker(tmp_path)
    d.produce(sample_events()[:20])
    deadline = time.monotonic() + 90
    body = ""
    while time.monotonic() < deadline:
        try:
            body = urllib.request.urlopen(f"http://127.0.0.1:{worker.web_port}/metrics", timeout=2).read().decode()
            if "pii_records_out_total{" in body:
                break
        except OSError:
            pass
        time.sleep(1)
    assert "pii_records_out_total{" in body and "pii_batch_processing_seconds" in body
    assert "pii_consumer_lag" in body
    health = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{worker.web_port}/health", timeout=2).read())
    assert health["status"] == "ok" and health["assigned"]


def test_poison_batch_is_quarantined_and_the_worker_keeps_going(deployment, tmp_path):
    d = deployment()
    worker = d.start_worker(tmp_path)
    good = {"event_id": "after-poison", "kind": "prompt", "ts": "2026-06-18T14:00:00Z", "user_id": "u1",
            "text": "Summarize the release notes."}
    wrong_topic = dict(good, event_id="wrong-topic", kind="click", target_text="OK")
    huge = json.dumps({"event_id": "huge", "kind": "prompt", "ts": "2026-06-18T14:00:00Z", "user_id": "u1",
                       "text": "x" * 300_000}).encode()
    poison = [b"\xff\xfe not utf-8", b"{truncated", b"[]", huge]
    d.produce(poison)
    d.produce([wrong_topic], topic_override=d.names["topic_prompts"])
    d.produce([good])
    outputs = d.collect({"after-poison", "wrong-topic"}, timeout=120, extra_records=4)
    assert worker.poll() is None, "worker stopped on poison input"
    routes = outputs.final_route()
    assert routes["after-poison"] == "clean"
    assert routes["wrong-topic"] == "quarantine"
    held = [r for route, r in outputs.records if route == "quarantine"]
    assert len(held) == 5 and outputs.route_counts()["clean"] == 1
    reasons = sorted(r["reasons"][1] for r in held)
    assert reasons == ["malformed:not a JSON object", "malformed:not valid JSON", "malformed:not valid UTF-8",
                       f"malformed:oversized: {len(huge)} bytes > 262144", "wrong_topic:click on " + d.names["topic_prompts"]]
