"""`pii-stream replay` against one `pii-stream scan` of the same 10,000 events, whole
processes with start-up, alternating repetitions, medians: replay routes every event
under two configurations (here the default policy and one with other thresholds), scan
under one.

    python -m bench.replay
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

from bench.whole_process import events_file, scan_command, timed, write_events

EVENTS = 10_000


def replay_command(path: Path, policy: Path) -> list[str]:
    return [str(Path(sys.executable).parent / "pii-stream"), "replay", str(path), "--policy", str(policy)]


def proposed_policy(directory: Path) -> Path:
    from pipeline.config import DEFAULT_POLICY

    policy = yaml.safe_load(DEFAULT_POLICY.read_text(encoding="utf-8"))
    policy.update(thresholds={"quarantine": 60, "drop": 100}, version="bench-proposed")
    path = directory / "proposed.yaml"
    path.write_text(yaml.safe_dump(policy), encoding="utf-8")
    return path


def run(seed: int = 11, reps: int = 3) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        source, described = events_file(directory, seed)
        base = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
        events = [{**base[i % len(base)], "event_id": f"r{i}"} for i in range(EVENTS)]
        path = write_events(directory, events)
        policy = proposed_policy(directory)
        scan_s, replay_s = [], []
        for rep in range(reps):
            order = ("scan", "replay") if rep % 2 == 0 else ("replay", "scan")
            for which in order:
                if which == "scan":
                    scan_s.append(timed(scan_command(path, directory / f"out{rep}")))
                else:
                    replay_s.append(timed(replay_command(path, policy)))
        scan, replay = statistics.median(scan_s), statistics.median(replay_s)
        return {
            "events": f"{EVENTS} events ({described}, repeated)",
            "scan_seconds": round(scan, 2),
            "replay_seconds": round(replay, 2),
            "ratio": round(scan / replay, 2),
            "scan_runs": [round(s, 2) for s in scan_s],
            "replay_runs": [round(s, 2) for s in replay_s],
        }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
