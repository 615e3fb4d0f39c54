"""Losing nothing, leaking nothing: kill -9 during a run, two workers in one group, and a
broker outage. Each run reports its duplicates (at-least-once delivery)."""

from __future__ import annotations

import re
import signal
import time
from datetime import datetime
from pathlib import Path

from bench.corpus import CorpusBuilder
from pipeline.eval.labelled import STRICT_GROUPS, leak_group
from tests.integration.harness import kafka_sh

STAMP = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}")


def corpus(min_events: int, seed: int = 21):
    builder = CorpusBuilder(seed)  # one builder: its event ids keep counting across builds
    items = builder.build(max(10, min_events // 5))
    while sum(len(i.events) for i in items) < min_events:
        items += builder.build(200)
    events = [e for item in items for e in item.events]
    ids = {e["event_id"] for e in events}
    assert len(ids) == len(events), "corpus event ids must be unique"
    return items, events, ids


def strict_values(items) -> list[str]:
    return [
        label["value"] for i in items for label in i.labels if leak_group(label["entity_type"], label["category"]) in STRICT_GROUPS
    ]


def report(name: str, outputs, inputs: int) -> None:
    print(
        f"\n[{name}] inputs={inputs} outcomes={len(outputs.seen_ids)} records={len(outputs.records)} "
        f"duplicates={outputs.duplicates()} routes={dict(outputs.route_counts())}"
    )


def test_kill_9_three_times_loses_nothing(deployment, tmp_path):
    items, events, ids = corpus(20_000)
    d = deployment()
    worker = d.start_with_backlog(tmp_path, events)
    kills = 0
    while kills < 3:
        time.sleep(2)  # the worker is busy with the backlog: kill it mid-batch
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        kills += 1
        worker = d.start_worker(tmp_path)
        d.wait_until_assigned([worker], timeout=180)
    outputs = d.collect(ids, timeout=600)
    report("kill -9 x3", outputs, len(ids))
    assert kills == 3
    assert ids - outputs.seen_ids == set(), f"{len(ids - outputs.seen_ids)} events lost"
    clean = outputs.clean_text()
    assert [v for v in strict_values(items) if v in clean] == []
    assert not any(r["kind"] == "keystroke" for route, r in outputs.records if route == "clean")


def test_two_workers_share_partitions_and_agree_with_one(deployment, tmp_path):
    items, events, ids = corpus(3_000, seed=33)
    single = deployment()
    single.start_worker(tmp_path)
    single.produce(events)
    one = single.collect(ids, timeout=300)
    pair = deployment()
    workers = [pair.start_worker(tmp_path), pair.start_worker(tmp_path)]
    pair.wait_until_assigned(workers)
    pair.produce(events)
    two = pair.collect(ids, timeout=300)
    report("one worker", one, len(ids))
    report("two workers", two, len(ids))
    assert one.seen_ids == ids and two.seen_ids == ids
    assert one.final_route() == two.final_route()
    assert all(pair.assigned(w) for w in workers), "both workers hold partitions"


def test_worker_joining_mid_stream_loses_nothing(deployment, tmp_path):
    """A rebalance under load: faust drops fetched events there (see pipeline.stream.faust_compat
    and OffsetGuard), and session state moves between workers; none may go missing."""
    # A backlog the first worker needs well over half a minute for, so the second one
    # joins while it is busy (the rebalance under load is the point).
    items, events, ids = corpus(40_000, seed=66)
    d = deployment()
    d.start_with_backlog(tmp_path, events)
    time.sleep(1)
    joining = d.start_worker(tmp_path)
    outputs = d.collect(ids, timeout=400)
    report("worker joins mid-stream", outputs, len(ids))
    assert d.assigned(joining), "the second worker took partitions"
    assert ids - outputs.seen_ids == set()


def test_broker_outage_of_30_seconds_loses_nothing(deployment, tmp_path):
    """The worker outlives the outage: its stall watch (10 s here) sees partitions stand
    still but must not restart while the broker is away. A second worker that restarted
    itself during the outage waits for the broker and then takes partitions."""
    items, events, ids = corpus(30_000, seed=44)
    d = deployment(PII_STALL_RESTART_S="10")
    worker = d.start_with_backlog(tmp_path, events)
    time.sleep(1)
    kafka_sh("down")
    down = datetime.now()
    try:
        restarted = d.start_worker(tmp_path, PII_STREAM_RESTARTED="1")
        time.sleep(30)
    finally:
        back = datetime.now()
        kafka_sh("up")
    outputs = d.collect(ids, timeout=400)
    report("broker down 30 s", outputs, len(ids))
    assert worker.poll() is None, "worker exited during the outage"
    assert restarted.poll() is None, "the restarted worker gave up waiting for the broker"
    assert ids - outputs.seen_ids == set()
    assert [v for v in strict_values(items) if v in outputs.clean_text()] == []
    d.wait_until_assigned([worker, restarted], timeout=180)
    # Restarts once the broker is back are the guard's to make (a rebalance drops events).
    assert [t for t in restarts_logged(d.logs[0]) if down <= t <= back] == [], "restarted while the broker was down"


def restarts_logged(log: Path) -> list[datetime]:
    """When the worker writing `log` restarted itself (its log lines start with local time)."""
    stamps = (STAMP.search(line) for line in log.read_text().splitlines() if "restarting the worker without" in line)
    return [datetime.strptime(m.group(), "%Y-%m-%d %H:%M:%S,%f") for m in stamps if m]


def test_sigterm_finishes_in_flight_work_and_a_restart_loses_nothing(deployment, tmp_path):
    items, events, ids = corpus(4_000, seed=55)
    d = deployment()
    worker = d.start_with_backlog(tmp_path, events)
    time.sleep(2)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=90) == 0
    assert "exiting without commit" not in d.logs[0].read_text()
    d.start_worker(tmp_path)
    outputs = d.collect(ids, timeout=300)
    report("SIGTERM + restart", outputs, len(ids))
    assert ids - outputs.seen_ids == set()
