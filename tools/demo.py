"""`make demo`: the bundled sample events through a real worker on the local Kafka.

Starts `pii-stream worker` on topics of its own (a fresh prefix per run), replays
samples/events.jsonl into the raw topics, reads back what went where, prints the
counts and a few redacted clean records, shows the metrics, and stops the worker.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from pipeline.config import Settings, load_kafka_settings
from pipeline.stream.topics import DEFAULTS, ensure_topics
from tools.kafka_io import collect, produce

console = Console()


def main(samples: Path = Path("samples/events.jsonl")) -> int:
    bootstrap = load_kafka_settings().kafka_bootstrap
    tag = f"demo{uuid.uuid4().hex[:6]}"
    names = {k: f"{tag}.{v}" for k, v in DEFAULTS.items()}
    group, port = f"pii-{tag}", Settings.model_fields["web_port"].default
    lines = [line for line in samples.read_bytes().splitlines() if line.strip()]
    events = [json.loads(line) if line.startswith(b"{") else line for line in lines]
    ids = {e["event_id"] for e in events if isinstance(e, dict) and e.get("event_id")}

    asyncio.run(ensure_topics(bootstrap, names, group, 6, 6))
    env = {**os.environ, "PII_GROUP_ID": group, "PII_WEB_PORT": str(port), **{f"PII_{k.upper()}": v for k, v in names.items()}}
    log_path = Path("out") / f"{tag}-worker.log"
    log_path.parent.mkdir(exist_ok=True)
    console.print(f"starting a worker on {bootstrap} (topics {tag}.*, log {log_path})")
    worker = subprocess.Popen(
        [str(Path(sys.executable).parent / "pii-stream"), "worker"], env=env, stdout=log_path.open("w"), stderr=subprocess.STDOUT
    )
    try:
        asyncio.run(produce(bootstrap, names, events))
        console.print(f"replayed {len(events)} sample events into {tag}.raw.*; waiting for every outcome")
        outputs = asyncio.run(
            collect(bootstrap, names, ids, timeout=180, extra_records=sum(1 for e in events if not isinstance(e, dict)))
        )
        show(outputs, len(events), ids)
        show_metrics(port)
        console.print(
            f"held records on Kafka, as a reviewer sees them without a key "
            f"(`quarantine-review stats` with the {tag}.* topic names; content needs the key):"
        )
        subprocess.run([str(Path(sys.executable).parent / "quarantine-review"), "stats"], env=env, check=False)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
    return 0 if ids <= outputs.seen_ids else 1


def show(outputs, sent: int, ids: set[str]) -> None:
    kinds = Counter((r.get("kind") or "unknown", route) for route, r in outputs.records)
    table = Table(title=f"{sent} events in -> {len(outputs.records)} records out ({len(ids - outputs.seen_ids)} without an outcome)")
    table.add_column("kind")
    for route in ("clean", "quarantine", "drop"):
        table.add_column(route, justify="right")
    for kind in sorted({k for k, _ in kinds}):
        table.add_row(kind, *(str(kinds[(kind, r)]) for r in ("clean", "quarantine", "drop")))
    console.print(table)
    shown = [r for route, r in outputs.records if route == "clean" and r.get("findings")][:3]
    for record in shown:
        console.print_json(json.dumps({k: record.get(k) for k in ("event_id", "kind", "text", "sensitivity")}))


def show_metrics(port: int) -> None:
    url = f"http://127.0.0.1:{port}/metrics"
    try:
        body = urllib.request.urlopen(url, timeout=5).read().decode()
    except OSError:
        console.print(f"metrics: {url} did not answer")
        return
    lines = [line for line in body.splitlines() if line.startswith("pii_records_out_total{")]
    console.print(f"metrics while the worker runs: {url} (health: http://127.0.0.1:{port}/health)")
    for line in lines:
        console.print(f"  {line}")


if __name__ == "__main__":
    raise SystemExit(main())
