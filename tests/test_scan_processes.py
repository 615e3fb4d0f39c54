"""Scan's process pool: forked from a built pipeline when that is safe, spawned
otherwise, the same routes either way, and a dead process is an error, never a gap."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from pipeline import parallel
from pipeline.core.processor import route_stream
from pipeline.parallel import ShardPool, can_fork

SAMPLES = Path("samples/events.jsonl")


def routes(routed) -> dict[str, str]:
    return {s: r.route.value for r in routed for s in r.source_event_ids}


def test_forking_is_refused_while_another_thread_runs():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        other.join()


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "spawned"])
def test_a_pool_routes_every_event_as_one_process_does(pipeline, fork):
    raws = SAMPLES.read_bytes().splitlines()
    expected = routes(route_stream(pipeline, raws, 64))
    if fork and not can_fork():
        pytest.skip("another thread runs in this test process")  # the CLI test covers the forked scan
    with ShardPool(pipeline, 2, fork=fork) as pool:
        assert pool.forked is fork
        done: list[int] = []
        assert routes(pool.route(raws, done.append)) == expected
    assert sum(done) == len(raws)


def _die(*_: object) -> None:
    os._exit(3)


def test_a_process_that_dies_fails_the_scan(pipeline, monkeypatch):
    if not can_fork():
        pytest.skip("another thread runs in this test process")
    monkeypatch.setattr(parallel, "route_stream", _die)  # inherited by the forked children
    raws = SAMPLES.read_bytes().splitlines()
    with ShardPool(pipeline, 2, fork=True) as pool, pytest.raises(BrokenProcessPool):
        list(pool.route(raws))


def test_a_scan_whose_process_is_killed_exits_with_an_error(tmp_path):
    big = tmp_path / "events.jsonl"
    big.write_bytes(SAMPLES.read_bytes() * 20)
    scan = subprocess.Popen(
        [str(Path(sys.executable).parent / "pii-stream"), "scan", str(big), "--out", str(tmp_path / "out"), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    children = Path(f"/proc/{scan.pid}/task/{scan.pid}/children")
    deadline = time.monotonic() + 60
    while len(children.read_text().split()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(int(children.read_text().split()[0]), signal.SIGKILL)
    stdout, stderr = scan.communicate(timeout=120)
    assert scan.returncode == 2
    assert "a scan process was killed" in " ".join(stderr.split()) and "Traceback" not in stderr
    assert "outputs:" not in stdout  # no summary that reads like a finished scan


def test_chunks_keep_sessions_together_and_shrink_towards_the_end():
    keystrokes = [f'{{"kind": "keystroke", "session_id": "s{n % 7}", "seq": {n}}}'.encode() for n in range(70)]
    prompts = [f'{{"kind": "prompt", "n": {n}}}'.encode() for n in range(5000)]
    work = parallel.chunks(keystrokes + prompts, 2)
    flat = [raw for chunk in work for raw in chunk]
    assert sorted(flat) == sorted(keystrokes + prompts)  # every event once
    for session in {parallel.shard_key(k) for k in keystrokes}:
        holding = [c for c in work if any(parallel.shard_key(r) == session for r in c)]
        assert len(holding) == 1  # a session's keystrokes reach one process
    sizes = [len(c) for c in work if parallel.shard_key(c[0]) is None]
    assert sizes[0] == parallel.CHUNK and sizes == sorted(sizes, reverse=True)
    # the processes finish at most a small chunk apart, not a whole large one
    assert sizes[-1] <= parallel.MIN_CHUNK and sizes[-2] == parallel.MIN_CHUNK
