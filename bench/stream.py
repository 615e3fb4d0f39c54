"""The streaming benchmark: events/s through the local Kafka and one (then two) worker
processes, against scan mode on the same events in the same run; then latency
percentiles from produce to output at half of one worker's maximum."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient

from bench import whole_process
from bench.corpus import CorpusBuilder
from pipeline.stream.topics import DEFAULTS, KIND_TOPIC, ensure_topics

BOOTSTRAP = os.environ.get("PII_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
PARTITIONS = 6


def run(quick: bool = False) -> dict:
    """Medians of alternating repetitions (this machine's speed drifts by a quarter
    between minutes): each repetition times a cold scan pass, one worker and two workers
    on the same events, so every ratio compares runs made a minute apart."""
    # ~8,000 events: long enough that start-up and the first fetches do not dominate
    # the per-event CPU figures
    items = 120 if quick else 1500
    reps = 1 if quick else 3
    events = bench_events(seed=21, items=items)
    scan = _ScanPasses(events)
    runs: list[dict] = []
    latencies: list[float] = []
    latency_cpu = None
    offered = 0.0
    load_seconds = 8 if quick else 20
    for rep in range(reps):
        scan_rate = scan.cold_rate()
        one, one_deployment, one_cpu = _backlog_rate(events, workers=1)
        if rep == reps - 1:  # at half of one worker's maximum (the median so far)
            offered = statistics.median([r["one"] for r in runs] + [one]) / 2
            latencies, latency_cpu = _latency(one_deployment, offered, load_seconds)
        one_deployment.stop()
        two, two_deployment, two_cpu = _backlog_rate(events, workers=2)
        two_deployment.stop()
        runs.append({"scan": scan_rate, "one": one, "two": two, "one_cpu": one_cpu, "two_cpu": two_cpu})
        _say(
            f"stream {rep + 1}/{reps}: scan {scan_rate:.0f} events/s; one worker {one:.0f} events/s, "
            f"{one_cpu * 1000:.2f} CPU-ms per event; two workers {two:.0f} events/s, {two_cpu * 1000:.2f} CPU-ms per event"
        )
    backlog = prefilled(600 if quick else 4700, reps)
    _say(f"stream: prefilled topics, whole processes: {backlog}")
    return {
        **summarize(runs),
        "prefilled": backlog,
        "events": len(events),
        "offered_events_per_s": round(offered, 1),
        "load_seconds": load_seconds,
        "latency_p50_ms": _pct(latencies, 50),
        "latency_p99_ms": _pct(latencies, 99),
        "latency_max_ms": max(latencies) if latencies else None,
        "latency_samples": len(latencies),
        # at half load batches are small: what a worker costs per event when not saturated
        "latency_worker_cpu_ms_per_event": round(latency_cpu * 1000, 3) if latency_cpu is not None else None,
    }


def summarize(runs: list[dict]) -> dict:
    """The repetitions' medians; each headline ratio the median of the repetitions' own
    ratios (a scan pass and the workers it is compared with ran a minute apart)."""

    def median(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    return {
        "reps": len(runs),
        "runs": [{k: round(v * 1000, 3) if k.endswith("cpu") else round(v, 1) for k, v in r.items()} for r in runs],
        "scan_events_per_s": round(median("scan"), 1),
        "one_worker_events_per_s": round(median("one"), 1),
        "two_workers_events_per_s": round(median("two"), 1),
        "one_vs_scan": round(statistics.median(r["one"] / r["scan"] for r in runs), 2),
        # CPU-seconds all workers spent per event while working through the backlog:
        # scaling judged where cores are few (two workers on two cores share them with
        # the broker and the producer, so events/s cannot double here)
        "one_worker_cpu_ms_per_event": round(median("one_cpu") * 1000, 3),
        "two_workers_cpu_ms_per_event": round(median("two_cpu") * 1000, 3),
        "two_vs_one_cpu_per_event": round(statistics.median(r["two_cpu"] / r["one_cpu"] for r in runs), 2),
    }


def bench_events(seed: int, items: int) -> list[dict]:
    tag = uuid.uuid4().hex[:6]  # ids unique per run: outputs are matched by source id
    out = []
    for item in CorpusBuilder(seed).build(items):
        for event in item.events:
            event = dict(event, event_id=f"{event['event_id']}-{tag}")
            if event.get("session_id"):
                event["session_id"] = f"{event['session_id']}-{tag}"
            out.append(event)
    return out


class _ScanPasses:
    """Scan mode in this process on the events: one pipeline, each pass cold (its
    findings cache emptied)."""

    def __init__(self, events: list[dict]) -> None:
        from pipeline.config import load_settings
        from pipeline.core.processor import Pipeline, route_stream

        self.pipeline = Pipeline.from_settings(load_settings(), sealer=None)
        self.route_stream = route_stream
        self.raws = [json.dumps(e) for e in events]
        list(route_stream(self.pipeline, self.raws[:200], 64))  # warm-up

    def cold_rate(self) -> float:
        self.pipeline.detector.clear_cache()
        started = time.perf_counter()
        list(self.route_stream(self.pipeline, self.raws, self.pipeline.settings.batch_size))
        return len(self.raws) / (time.perf_counter() - started)


class Deployment:
    def __init__(self, workers: int, start: bool = True) -> None:
        tag = f"bench{uuid.uuid4().hex[:6]}"
        self.tag, self.workers = tag, workers
        self.names = {k: f"{tag}.{v}" for k, v in DEFAULTS.items()}
        self.group = f"pii-{tag}"
        asyncio.run(ensure_topics(BOOTSTRAP, self.names, self.group, PARTITIONS, PARTITIONS))
        self.procs: list[subprocess.Popen] = []
        self.ports: list[int] = []
        if start:
            self.start()
            self._wait_assigned()

    def start(self) -> None:
        """Start the worker processes (they join the group on their own)."""
        tag, workers = self.tag, self.workers
        log_dir = Path("out/bench")
        log_dir.mkdir(parents=True, exist_ok=True)
        for i in range(workers):
            port = 6200 + i + int(uuid.uuid4().int % 500) * 2
            env = {
                **os.environ,
                "PII_KAFKA_BOOTSTRAP": BOOTSTRAP,
                "PII_GROUP_ID": self.group,
                "PII_RAW_PARTITIONS": str(PARTITIONS),
                "PII_WEB_PORT": str(port),
                **{f"PII_{k.upper()}": v for k, v in self.names.items()},
            }
            log = (log_dir / f"{tag}-worker-{i}.log").open("w")
            self.procs.append(
                subprocess.Popen(
                    [str(Path(sys.executable).parent / "pii-stream"), "worker", "--quiet"],
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
            self.ports.append(port)

    def _wait_assigned(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            held = []
            for port in self.ports:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                        held.append([p for p in json.loads(r.read())["assigned"] if ".raw." in p])
                except OSError:
                    held.append([])
            if all(held) and sum(len(h) for h in held) == 4 * PARTITIONS:
                time.sleep(2)
                return
            time.sleep(1)
        raise RuntimeError("bench workers did not get their partitions in time")

    def cpu_seconds(self) -> float:
        """User + system CPU time of the worker processes so far (Linux /proc)."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for proc in self.procs:
            fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks

    def stop(self) -> None:
        for proc in self.procs:
            proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        asyncio.run(self._delete_topics())

    async def _delete_topics(self) -> None:
        """Leave the broker as it was: every run's topics slow the next ones down."""
        admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
        await admin.start()
        try:
            existing = set(await admin.list_topics())
            await admin.delete_topics([t for t in existing if t.startswith(f"{self.tag}.") or t.startswith(self.group)])
        finally:
            await admin.close()


def _backlog_rate(events: list[dict], workers: int) -> tuple[float, Deployment, float]:
    """Events/s while the workers work through everything produced at once, and the
    workers' CPU-seconds per event over the same span (idle polling included)."""
    deployment = Deployment(workers)
    cpu_before = deployment.cpu_seconds()
    started = time.time()
    sent = asyncio.run(produce_events(deployment.names, events, rate=None))
    outputs = asyncio.run(_collect(deployment.names, set(sent), timeout=600))
    cpu = deployment.cpu_seconds() - cpu_before
    last = max(ts for ts, _ in outputs.values()) / 1000
    return len(events) / (last - started), deployment, cpu / len(events)


def prefilled(items: int, reps: int = 1) -> dict:
    """Whole processes on topics filled beforehand: one worker started on a full backlog
    until its last output, against `pii-stream scan -j 1` on the same events in a file;
    alternating, the median of each pair's ratio."""
    events = bench_events(seed=23, items=items)
    pairs = []
    with tempfile.TemporaryDirectory(prefix="pii-bench-") as tmp:
        path = whole_process.write_events(Path(tmp), events)
        for rep in range(reps):
            deployment = Deployment(1, start=False)
            sent = asyncio.run(produce_events(deployment.names, events, rate=None))
            started = time.time()
            deployment.start()
            outputs = asyncio.run(_collect(deployment.names, set(sent), timeout=900))
            worker_s = max(ts for ts, _ in outputs.values()) / 1000 - started
            deployment.stop()
            scan_s = whole_process.timed(whole_process.scan_command(path, Path(tmp) / f"out-{rep}"))
            pairs.append((worker_s, scan_s))
    return {
        "events": len(events),
        "pairs": [[round(w, 2), round(s, 2)] for w, s in pairs],
        "worker_seconds": round(statistics.median(w for w, _ in pairs), 2),
        "scan_seconds": round(statistics.median(s for _, s in pairs), 2),
        "ratio": round(statistics.median(s / w for w, s in pairs), 2),
    }


def _latency(deployment: Deployment, rate: float, seconds: int) -> tuple[list[float], float]:
    """Produce at `rate` events/s; latency of an output = its timestamp minus the latest
    produce timestamp of its source events (a typed segment waits for its last key).
    Also the worker's CPU-seconds per event over the same span."""
    events = bench_events(seed=33, items=2000)[: int(rate * seconds)]
    cpu_before = deployment.cpu_seconds()
    sent = asyncio.run(produce_events(deployment.names, events, rate=rate))
    outputs = asyncio.run(_collect(deployment.names, set(sent), timeout=300))
    cpu = (deployment.cpu_seconds() - cpu_before) / len(events)
    latencies = [
        out_ts - max(sent[s] for s in sources if s in sent)
        for out_ts, sources in {(ts, tuple(src)) for ts, src in outputs.values()}
        if any(s in sent for s in sources)
    ]
    return latencies, cpu


async def produce_events(names: dict, events: list[dict], rate: float | None) -> dict[str, float]:
    """Send events to their raw topics (paced at `rate`/s if given); returns id -> produce time (ms)."""
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all", linger_ms=5)
    await producer.start()
    sent: dict[str, float] = {}
    try:
        started = time.monotonic()
        futures = []
        for i, event in enumerate(events):
            if rate:
                delay = started + i / rate - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            key_field = "session_id" if event["kind"] == "keystroke" else "user_id"
            now_ms = time.time() * 1000
            futures.append(
                await producer.send(
                    names[KIND_TOPIC[event["kind"]]],
                    json.dumps(event).encode(),
                    key=str(event[key_field]).encode(),
                    timestamp_ms=int(now_ms),
                )
            )
            sent[event["event_id"]] = now_ms
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return sent


async def _collect(names: dict, expected: set[str], timeout: float) -> dict[str, tuple[float, list[str]]]:
    """source id -> (output timestamp ms, the output's source ids), first output only."""
    consumer = AIOKafkaConsumer(
        names["topic_clean"],
        names["topic_quarantine"],
        names["topic_drop"],
        bootstrap_servers=BOOTSTRAP,
        group_id=None,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    seen: dict[str, tuple[float, list[str]]] = {}
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and not expected <= seen.keys():
            batch = await consumer.getmany(timeout_ms=500, max_records=5000)
            for messages in batch.values():
                for message in messages:
                    sources = json.loads(message.value).get("source_event_ids") or []
                    for source in sources:
                        seen.setdefault(source, (message.timestamp, sources))
    finally:
        await consumer.stop()
    missing = len(expected - seen.keys())
    if missing:
        raise RuntimeError(f"{missing} events had no output within {timeout}s")
    return seen


def _pct(values: list[float], q: int) -> float | None:
    if not values:
        return None
    return round(statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0], 1)


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
