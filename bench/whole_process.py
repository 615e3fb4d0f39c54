"""Whole processes, start-up included: `pii-stream scan` on a file of prompt and screen
events against a process that runs plain Presidio (analyze + anonymize per text field,
same spaCy model) over the same file. Medians of alternating repetitions.

The events are the shared corpora's presidio-evaluator and WNUT-17 texts when
`../shared/corpora` exists (text nobody here wrote), else the seeded bench corpus.

    python -m bench.whole_process plain EVENTS.jsonl   -> the plain-Presidio process
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
TEXT_KINDS = ("prompt", "screen_text")


def events_file(directory: Path, seed: int) -> tuple[Path, str]:
    """A JSONL file of prompt/screen events and where they came from."""
    events: list[dict] = []
    source = "seeded bench corpus"
    corpora = [SHARED / "presidio-evaluator-dev", SHARED / "wnut17-dev"]
    if all((c / "events.jsonl").exists() for c in corpora):
        for corpus in corpora:
            for line in (corpus / "events.jsonl").read_text(encoding="utf-8").splitlines():
                event = json.loads(line)
                if event.get("kind") in TEXT_KINDS:
                    events.append(event)
        source = "presidio-evaluator-dev + wnut17-dev"
    else:
        from bench.corpus import CorpusBuilder

        for item in CorpusBuilder(seed).build(1500):
            events += [e for e in item.events if e["kind"] in TEXT_KINDS]
    return write_events(directory, events), f"{len(events)} events from the {source}"


def write_events(directory: Path, events: list[dict]) -> Path:
    """`events` as DIRECTORY/events.jsonl, the input of a scan."""
    path = directory / "events.jsonl"
    path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    return path


def scan_command(path: Path, out: Path, processes: int = 1) -> list[str]:
    """`pii-stream scan` as a whole process: on one process, or (0) with its default
    (every core for 500+ records)."""
    return [str(Path(sys.executable).parent / "pii-stream"), "scan", str(path), "--out", str(out), "-j", str(processes)]


def timed(command: list[str]) -> float:
    """Seconds a command takes, start-up included."""
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=os.environ)
    return time.perf_counter() - started


def run(seed: int, reps: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="pii-bench-") as tmp:
        path, described = events_file(Path(tmp), seed)
        commands = {
            "plain": [sys.executable, "-m", "bench.whole_process", "plain", str(path)],
            "ours": scan_command(path, Path(tmp) / "out"),
            "ours_default": scan_command(path, Path(tmp) / "out-default", processes=0),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(reps):
            for name, command in commands.items():
                times[name].append(timed(command))
    plain_s, ours_s, default_s = (statistics.median(times[n]) for n in commands)
    return {
        "events": described,
        "plain_seconds": round(plain_s, 2),
        "ours_seconds": round(ours_s, 2),
        "ratio": round(plain_s / ours_s, 2),
        "ours_default_seconds": round(default_s, 2),
        "default_ratio": round(plain_s / default_s, 2),
    }


def _plain(path: Path) -> None:
    from pipeline.eval.baseline import PlainPresidio

    engine = PlainPresidio()
    for line in path.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        for field in ("text", "window_title"):
            if isinstance(event.get(field), str):
                engine.redact(event[field])


if __name__ == "__main__":
    _plain(Path(sys.argv[2]))
