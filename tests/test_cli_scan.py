"""`pii-stream scan` as a user runs it: files in, three route files and a summary out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests import cli

BIN = Path(sys.executable).parent
SAMPLES = Path("samples/events.jsonl")
CANARIES = ["321-54-9876", "canary.person@example.com", "Hunter2!canary"]


def run(*args: str, env: dict | None = None) -> cli.Outcome:
    return cli.run("pii-stream", *args, env=env)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def canary_events() -> list[dict]:
    base = {"ts": "2026-06-18T14:03:07Z", "user_id": "u-canary", "app": "ChatGPT"}
    return [
        {**base, "event_id": "c1", "kind": "prompt", "text": f"my SSN is {CANARIES[0]}"},
        {**base, "event_id": "c2", "kind": "prompt", "text": f"write to {CANARIES[1]}"},
        {**base, "event_id": "c3", "kind": "prompt", "text": f"my password is {CANARIES[2]}"},
    ]


def test_scan_routes_the_samples_and_prints_a_summary(tmp_path):
    result = run("scan", str(SAMPLES), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    outputs = {r: read_jsonl(tmp_path / f"{r}.jsonl") for r in ("clean", "quarantine", "drop")}
    assert all(outputs.values())
    assert all(rec["route"] == route for route, recs in outputs.items() for rec in recs)
    assert f"{sum(1 for _ in SAMPLES.open())} input events" in result.stdout
    for records in outputs.values():
        assert str(len(records)) in result.stdout
    assert "categories:" in result.stdout
    # every input event has exactly one outcome
    ids = {json.loads(line)["event_id"] for line in SAMPLES.open() if line.startswith("{")}
    seen = [s for recs in outputs.values() for rec in recs for s in rec["source_event_ids"]]
    assert ids == set(seen) and len(seen) == len(set(seen))


def test_no_raw_value_in_clean_output_or_terminal(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(e) + "\n" for e in canary_events()))
    result = run("scan", str(source), "--out", str(tmp_path / "out"), "-v", "--show", "5")
    assert result.returncode == 0
    clean = (tmp_path / "out" / "clean.jsonl").read_text()
    drop = (tmp_path / "out" / "drop.jsonl").read_text()
    for canary in CANARIES:
        assert canary not in clean and canary not in drop
        assert canary not in result.stdout and canary not in result.stderr


def test_parquet_in_and_out_route_like_jsonl(tmp_path):
    import pyarrow as pa

    events = [json.loads(line) for line in SAMPLES.open() if line.startswith("{")]
    columns = sorted({k for e in events for k in e})
    pq.write_table(pa.Table.from_pylist([{c: e.get(c) for c in columns} for e in events]), tmp_path / "in.parquet")
    assert run("scan", str(tmp_path / "in.parquet"), "--out", str(tmp_path / "pq"), "--format", "parquet").returncode == 0
    assert run("scan", str(SAMPLES), "--out", str(tmp_path / "js")).returncode == 0
    for route in ("clean", "quarantine", "drop"):
        from_parquet = sorted(pq.read_table(tmp_path / "pq" / f"{route}.parquet").column("event_id").to_pylist())
        from_jsonl = sorted(r["event_id"] for r in read_jsonl(tmp_path / "js" / f"{route}.jsonl") if r["event_id"] is not None)
        assert [e for e in from_parquet if e is not None] == from_jsonl


def test_missing_input_and_bad_config_exit_with_a_clear_message(tmp_path):
    result = run("scan", str(tmp_path / "absent.jsonl"), "--out", str(tmp_path))
    assert result.returncode == 2 and "input not found" in result.stderr
    env = {k: v for k, v in os.environ.items() if k != "PII_PSEUDONYM_KEY"}
    result = subprocess.run(
        [str(BIN / "pii-stream"), "scan", str(SAMPLES), "--out", str(tmp_path)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 2 and "PII_PSEUDONYM_KEY" in result.stderr and "Traceback" not in result.stderr
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    result = run("scan", str(broken), "--out", str(tmp_path / "o"))
    assert result.returncode == 2 and "not a readable Parquet file" in result.stderr
    assert "Traceback" not in result.stderr


def routes_by_source(out_dir: Path) -> dict[str, str]:
    return {
        s: route
        for route in ("clean", "quarantine", "drop")
        for rec in read_jsonl(out_dir / f"{route}.jsonl")
        for s in rec["source_event_ids"]
    }


def test_scan_on_two_processes_routes_every_event_as_one_process_does(tmp_path):
    wide = {"COLUMNS": "200"}  # rich wraps the title on narrow terminals
    one = run("scan", str(SAMPLES), "--out", str(tmp_path / "one"), "--processes", "1", env=wide)
    # a process of its own, as users run it: this test process may hold threads, which
    # would make scan spawn its processes instead of forking them
    two = subprocess.run(
        [str(BIN / "pii-stream"), "scan", str(SAMPLES), "--out", str(tmp_path / "two"), "--processes", "2", "-v"],
        capture_output=True,
        text=True,
        env={**os.environ, **wide},
    )
    assert one.returncode == 0 and two.returncode == 0, two.stderr
    assert "on 2 processes" in " ".join(two.stdout.split())  # the title wraps
    assert "scan: 2 processes forked from the loaded pipeline" in two.stderr
    assert routes_by_source(tmp_path / "two") == routes_by_source(tmp_path / "one")

    # keystroke sessions stayed whole: the same typed segments, not fragments
    def typed(d):
        return sorted(
            r["event_id"] for route in ("clean", "quarantine") for r in read_jsonl(d / f"{route}.jsonl") if r["kind"] == "typed_text"
        )

    assert typed(tmp_path / "two") == typed(tmp_path / "one")
    keys = read_jsonl(tmp_path / "two" / "quarantine.keys.jsonl")
    held = read_jsonl(tmp_path / "two" / "quarantine.jsonl")
    assert {k["key_id"] for k in keys} == {r["content"]["key_id"] for r in held}
    # forked processes share no randomness: every held original has its own key and nonce
    assert len({r["content"]["key_id"] for r in held}) == len({r["content"]["nonce"] for r in held}) == len(held) > 1


def test_process_count_defaults_to_cores_only_for_large_inputs():
    from pipeline.parallel import choose_processes

    assert choose_processes(0, 100, 2) == 1 and choose_processes(0, 50_000, 2) == 2
    assert choose_processes(0, 1_000, 2) == 2  # forked processes start in milliseconds
    assert choose_processes(0, 1_000, 2, forked=False) == 1  # spawned ones each build a pipeline
    assert choose_processes(3, 100, 2) == 3


def _hostile_lines() -> list[bytes]:
    """One line of each class that once stopped a scan or was read the permissive way."""
    base = {"kind": "prompt", "ts": "2026-06-18T14:03:07Z", "user_id": "u-hostile", "text": "hostile-marker-text"}
    keystroke = {**base, "kind": "keystroke", "session_id": "s-dup", "field_id": "pw", "key": "x", "secure_field": True}
    return [
        json.dumps({**base, "event_id": "\ud800"}).encode(),  # the escape \ud800
        (json.dumps({**keystroke, "event_id": "dup-secure"})[:-1] + ', "secure_field": false}').encode(),
        (json.dumps({**base, "event_id": "dup-app", "app": "1Password"})[:-1] + ', "app": "Notes"}').encode(),
        json.dumps({**base, "event_id": "deep", "extra": 0}).encode().replace(b"0}", b"[" * 1000 + b"]" * 1000 + b"}"),
        json.dumps({**base, "kind": "click", "event_id": "nan", "x": 1, "y": 2}).encode().replace(b'"x": 1', b'"x": NaN'),
        json.dumps({**base, "event_id": "long-run", "text": "!" * 60_000}).encode(),
        json.dumps({**base, "event_id": "\x1b]0;pwned\x07", "text": "fine"}).encode(),
        json.dumps({**base, "event_id": "321-54-9876", "text": "fine"}).encode(),
        # a keystroke id used again with other content (the first use is a few lines on)
        json.dumps({**keystroke, "event_id": "reused", "secure_field": False, "ts": "2026-06-18T14:03:09Z"}).encode(),
        json.dumps({**keystroke, "event_id": "reused", "secure_field": False, "key": "y"}).encode(),
    ]


def test_hostile_lines_mixed_with_valid_events_stop_no_scan_and_reach_no_clean(tmp_path):
    source = tmp_path / "in.jsonl"
    lines = SAMPLES.read_bytes().splitlines()
    hostile = _hostile_lines()
    for n, line in enumerate(hostile):
        lines.insert(20 + 40 * n, line)
    source.write_bytes(b"\n".join(lines) + b"\n")
    routes = {}
    assert run("scan", str(SAMPLES), "--out", str(tmp_path / "samples")).returncode == 0
    samples_held = read_jsonl(tmp_path / "samples" / "quarantine.jsonl")
    samples_problems = Counter(r["reasons"][1] for r in samples_held if r["reasons"][0] == "malformed")
    for processes in ("1", "2"):
        out = tmp_path / f"out{processes}"
        result = subprocess.run(
            [str(BIN / "pii-stream"), "scan", str(source), "--out", str(out), "--processes", processes, "-v"],
            capture_output=True,
            text=True,
            env={**os.environ, "COLUMNS": "200"},
        )
        assert result.returncode == 0, result.stderr[-2000:]
        assert "hostile-marker-text" not in result.stdout + result.stderr
        assert "pwned" not in result.stdout + result.stderr and "321-54-9876" not in result.stdout + result.stderr
        assert "hostile-marker-text" not in (out / "clean.jsonl").read_text()
        held = read_jsonl(out / "quarantine.jsonl")
        problems = Counter(r["reasons"][1] for r in held if r["reasons"][0] == "malformed")
        expected = Counter(
            [
                "malformed:event_id: lone surrogate",
                "malformed:duplicate key",
                "malformed:duplicate key",
                "malformed:nested deeper than 32 levels",
                "malformed:non-finite number",
                "malformed:event_id: not an id (PII_ID_PATTERN)",  # the escape sequence
                "malformed:event_id: not an id (PII_ID_PATTERN)",  # the SSN
            ]
        )
        assert problems - samples_problems == expected
        assert sum(r["reasons"] == ["duplicate_event_id"] for r in held) == 1
        routes[processes] = routes_by_source(out)
        assert "long-run" in routes[processes]
    assert routes["1"] == routes["2"]
    for event_id in ("dup-secure", "dup-app", "nan"):
        assert routes["1"][event_id] == "quarantine"


@pytest.mark.parametrize("command", ["pii-stream", "quarantine-review"])
def test_both_commands_tell_their_version(command):
    from importlib.metadata import version

    done = subprocess.run([str(BIN / command), "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == f"pii-stream {version('pii-stream')}"
