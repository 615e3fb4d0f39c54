"""The worker on a real broker routes exactly as `pii-stream scan` does, for all four kinds."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from pathlib import Path

from pipeline.config import KafkaSettings
from pipeline.core.processor import route_stream
from pipeline.stream.topics import kafka_answers
from tests.integration.harness import free_port

SAMPLES = Path("samples/events.jsonl")


def sample_events() -> list[dict]:
    return [json.loads(line) for line in SAMPLES.open() if line.startswith("{")]


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
    good = {
        "event_id": "after-poison",
        "kind": "prompt",
        "ts": "2026-06-18T14:00:00Z",
        "user_id": "u1",
        "text": "Summarize the release notes.",
    }
    wrong_topic = dict(good, event_id="wrong-topic", kind="click", target_text="OK")
    huge = json.dumps(
        {"event_id": "huge", "kind": "prompt", "ts": "2026-06-18T14:00:00Z", "user_id": "u1", "text": "x" * 300_000}
    ).encode()
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
    assert reasons == [
        "malformed:not a JSON object",
        "malformed:not valid JSON",
        "malformed:not valid UTF-8",
        f"malformed:oversized: {len(huge)} bytes > 262144",
        "wrong_topic:click on " + d.names["topic_prompts"],
    ]


def test_session_state_lives_in_the_changelog_partition_of_its_keystrokes(deployment, tmp_path):
    """A worker restores the changelog partitions numbered like the raw partitions it
    holds; a session's state written anywhere else is invisible to the worker that gets
    its keystrokes (two workers: typed characters without an outcome)."""
    import asyncio

    from aiokafka import AIOKafkaConsumer

    from tests.integration.harness import BOOTSTRAP

    d = deployment()
    d.start_worker(tmp_path)
    typed = [
        dict(
            event_id=f"cp-{s}-{i}",
            kind="keystroke",
            ts=f"2026-06-18T14:00:{i:02d}Z",
            user_id="u1",
            session_id=f"cp-session-{s}",
            field_id="f",
            key=k,
        )
        for s in range(12)
        for i, k in enumerate("half typed")
    ]  # no Enter: state stays open
    d.produce(typed)

    async def partitions_by_key(topic: str, want: int) -> dict[bytes, set[int]]:
        consumer = AIOKafkaConsumer(topic, bootstrap_servers=BOOTSTRAP, group_id=None, auto_offset_reset="earliest")
        await consumer.start()
        found: dict[bytes, set[int]] = {}
        try:
            for _ in range(90):
                for tp, messages in (await consumer.getmany(timeout_ms=1000)).items():
                    for m in messages:
                        found.setdefault(m.key, set()).add(tp.partition)
                if len(found) >= want:
                    break
        finally:
            await consumer.stop()
        return found

    raw = asyncio.run(partitions_by_key(d.names["topic_keystrokes"], 12))
    state = asyncio.run(partitions_by_key(f"{d.group}-keystroke_sessions-changelog", 12))
    assert set(state) == set(raw) and len(raw) == 12, "changelog keys are the raw session ids"
    assert {k: state[k] for k in raw} == raw


def test_the_stall_watch_probe_tells_a_broker_from_a_closed_port(deployment):
    """What keeps a worker from restarting itself during an outage (pipeline.stream.delivery.StallWatch)."""
    d = deployment()
    broker = KafkaSettings(kafka_bootstrap=d.env["PII_KAFKA_BOOTSTRAP"])
    closed = KafkaSettings(kafka_bootstrap=f"127.0.0.1:{free_port()}")
    assert asyncio.run(kafka_answers(broker)) is True
    assert asyncio.run(kafka_answers(closed, timeout_s=3)) is False


def _keystrokes_with_a_repeated_secure_field(session: str, password: str) -> list[bytes]:
    """A password typed into a secure field, each keystroke saying `secure_field` twice,
    the second time `false` (a lax parser keeps the last)."""
    out = []
    for n, key in enumerate([*password, "Enter"]):
        fields = {
            "event_id": f"{session}-{n}",
            "kind": "keystroke",
            "ts": f"2026-06-18T14:00:{n:02d}Z",
            "user_id": "u1",
            "session_id": session,
            "field_id": "password",
            "app": "Okta",
            "key": key,
            "secure_field": True,
        }
        out.append((json.dumps(fields)[:-1] + ', "secure_field": false}').encode())
    return out


def test_hostile_messages_are_held_one_by_one_and_nothing_around_them_is_lost(deployment, tmp_path):
    d = deployment()
    worker = d.start_worker(tmp_path)
    good = {"kind": "prompt", "ts": "2026-06-18T14:00:00Z", "user_id": "u1", "text": "Summarize the release notes."}
    before = [dict(good, event_id=f"before-{n}") for n in range(20)]
    after = [dict(good, event_id=f"after-{n}") for n in range(20)]
    # A lone surrogate escape in the id once stopped the worker (sealing could not encode it).
    surrogate = json.dumps(dict(good, event_id="poison-\ud800")).encode()
    repeated_app = (json.dumps(dict(good, event_id="repeated-app", app="1Password"))[:-1] + ', "app": "Notes"}').encode()
    password = "Tr0ub4dor&3x"
    d.produce([*before, surrogate, repeated_app, *after])
    d.produce(_keystrokes_with_a_repeated_secure_field("sess-dup", password), topic_override=d.names["topic_keystrokes"])
    keystroke_ids = {f"sess-dup-{n}" for n in range(len(password) + 1)}
    expected = {e["event_id"] for e in before + after} | {"repeated-app"} | keystroke_ids
    outputs = d.collect(expected, timeout=120, extra_records=1)
    assert worker.poll() is None, "worker stopped on hostile input"
    routes = outputs.final_route()
    assert all(routes[e["event_id"]] == "clean" for e in before + after)
    assert routes["repeated-app"] == "quarantine"
    assert all(routes[i] == "quarantine" for i in keystroke_ids)
    held = [r for route, r in outputs.records if route == "quarantine"]
    reasons = sorted(r["reasons"][1] for r in held)
    assert reasons.count("malformed:duplicate key") == len(keystroke_ids) + 1
    assert "malformed:event_id: lone surrogate" in reasons and outputs.unidentified == 1
    assert password not in outputs.clean_text() and outputs.route_counts()["clean"] == 40


def test_every_hostile_class_through_a_worker_is_accounted_for_and_kept_out_of_its_log(deployment, tmp_path):
    d = deployment()
    worker = d.start_worker(tmp_path)
    marker = "zqxv-worker-marker"
    good = {"kind": "prompt", "ts": "2026-06-18T14:00:00Z", "user_id": "u1", "text": f"Summarize the notes {marker}."}
    click = {"kind": "click", "ts": "2026-06-18T14:00:00Z", "user_id": "u1", "target_text": "OK", "x": 1, "y": 2}
    lines = {
        "non-finite": json.dumps(dict(click, event_id="non-finite")).encode().replace(b'"x": 1', b'"x": NaN'),
        "nesting": json.dumps(dict(good, event_id="nesting", extra=0)).encode().replace(b"0}", b"[" * 2000 + b"]" * 2000 + b"}"),
        "long-run": json.dumps(dict(good, event_id="long-run", text=f"{marker} " + "!" * 60_000)).encode(),
        "escape-id": json.dumps(dict(good, event_id="\x1b]0;pwned\x07")).encode(),
        "ssn-id": json.dumps(dict(good, event_id="321-54-9876")).encode(),
    }
    d.produce(list(lines.values()))
    d.produce([json.dumps(dict(click, event_id="clicked")).encode()], topic_override=d.names["topic_clicks"])
    key = {"kind": "keystroke", "user_id": "u1", "session_id": "s-reuse", "field_id": "f", "event_id": "reused"}
    typed = [dict(key, key="a", ts="2026-06-18T14:00:01Z"), dict(key, key="b", ts="2026-06-18T14:00:02Z", event_id="k2")]
    typed += [dict(key, key="Z", ts="2026-06-18T14:00:03Z"), dict(key, key="Enter", ts="2026-06-18T14:00:04Z", event_id="k4")]
    d.produce(typed)
    expected = {"non-finite", "long-run", "clicked", "reused", "k2", "k4"}
    # the nested line's id is not read, and ids shaped like personal data are left out
    outputs = d.collect(expected, timeout=180, extra_records=3)
    assert worker.poll() is None, "worker stopped on hostile input"
    routes = outputs.final_route()
    assert routes["non-finite"] == "quarantine" and outputs.unidentified == 3
    held = [r["reasons"][1] for route, r in outputs.records if route == "quarantine" and len(r["reasons"]) > 1]
    assert held.count("malformed:event_id: not an id (PII_ID_PATTERN)") == 2
    assert routes["long-run"] in ("clean", "quarantine") and routes["clicked"] == "clean"
    # one outcome each: the typed segment "ab" (reused, k2, k4) and the reused id held apart
    assert sum(outputs.route_counts().values()) == len(lines) + 1 + 2
    assert [r["reasons"] for _, r in outputs.records if r.get("reasons") == ["duplicate_event_id"]] == [["duplicate_event_id"]]
    log = d.logs[-1].read_text(errors="replace")
    # (faust's own start-up writes terminal codes; the input's escape sequence never appears)
    assert marker not in log and "pwned" not in log and "321-54-9876" not in log
