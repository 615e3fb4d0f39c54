"""`pii-stream scan` on several processes: the same route_stream per shard.

Events are split so that routing cannot change: every keystroke of a session goes to
the same shard (reassembly needs them together), other events are cut into chunks.
The processes are forked from the scanning process after its pipeline is built, so
start-up (~2 s: spaCy, Presidio, the pattern scan) is paid once and the loaded pages
are shared copy-on-write. Forking is safe only while this is the process's one thread
(nothing in a built pipeline starts one; rich's progress bar does, so the pool starts
first); otherwise, or off Linux, each process is spawned and builds its own
pipeline. Records come back per finished chunk, so output order differs from a
single process; the route of every event does not.
"""

from __future__ import annotations

import json
import logging
import multiprocessing as mp
import sys
import threading
import warnings
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed

from pipeline.config import Settings
from pipeline.core.processor import Pipeline, Routed, route_stream
from pipeline.vault.crypto import sealer_for

CHUNK = 400  # records per task at most: detection batches stay large
MIN_CHUNK = 64
# Below these, starting processes costs more than it saves: a spawned process builds its
# own pipeline (~2 s), a forked one starts in milliseconds.
AUTO_MIN_RECORDS = {"fork": 500, "spawn": 3000}

_pipeline: Pipeline | None = None
log = logging.getLogger(__name__)


def choose_processes(requested: int, records: int, cores: int, forked: bool = True) -> int:
    """`requested` if given (>0); otherwise every core for large inputs, else one."""
    if requested > 0:
        return requested
    return max(1, min(cores, 8)) if records >= AUTO_MIN_RECORDS["fork" if forked else "spawn"] else 1


def shard_key(raw: bytes | str) -> str | None:
    """The session of a keystroke event (which must stay with its session), else None."""
    try:
        obj = json.loads(raw)
    except (ValueError, RecursionError):  # deep nesting; the line is judged (held) where it is routed
        return None
    if isinstance(obj, dict) and obj.get("kind") == "keystroke" and isinstance(obj.get("session_id"), str):
        return obj["session_id"]
    return None


def chunks(raws: Iterable[bytes | str], processes: int) -> list[list[bytes | str]]:
    """Keystrokes grouped by session hash into a few groups per process, first; then the
    rest in chunks that shrink as the work left does (each a quarter of an even share of
    what remains, between MIN_CHUNK and CHUNK). With equal chunks the processes finished
    up to one whole chunk apart (~0.7 s of one idle core per scan on this machine's
    prompts); the small last chunks end them together."""
    groups: list[list] = [[] for _ in range(processes * 4)]
    rest: list[bytes | str] = []
    for raw in raws:
        session = shard_key(raw)
        if session is not None:
            groups[zlib.crc32(session.encode("utf-8", "surrogatepass")) % len(groups)].append(raw)
        else:
            rest.append(raw)
    tail: list[list[bytes | str]] = []
    start = 0
    while start < len(rest):
        size = max(MIN_CHUNK, min(CHUNK, -(-(len(rest) - start) // (processes * 4))))
        tail.append(rest[start : start + size])
        start += size
    return [c for c in groups + tail if c]


def can_fork() -> bool:
    """Whether processes can be forked safely now: on Linux (macOS's system libraries,
    numpy's Accelerate among them, are not safe to fork) while no other thread runs."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


class ShardPool:
    """`processes` processes routing chunks with `pipeline` (or, spawned, a copy of it)."""

    def __init__(self, pipeline: Pipeline, processes: int, fork: bool | None = None) -> None:
        global _pipeline
        self.processes = processes
        self.forked = can_fork() if fork is None else fork
        if self.forked:
            _pipeline = pipeline  # inherited by the children
            self._pool = ProcessPoolExecutor(processes, mp_context=mp.get_context("fork"))
        else:
            self._pool = ProcessPoolExecutor(
                processes, mp_context=mp.get_context("spawn"), initializer=_start, initargs=(pipeline.settings,)
            )
        # A fork pool starts every process at its first task, before its own thread.
        try:
            with warnings.catch_warnings():
                # Python 3.12 warns of any native thread; the one numpy's OpenBLAS starts
                # is idle here (no Python thread runs: `can_fork`).
                warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)
                self._pool.submit(_ready).result()
        except BaseException:
            # A process killed while starting: wait for the pool's own thread while the
            # pool is still referenced. Collected under that thread, the pool's callback
            # waits for a lock the thread holds (seen on CPython 3.12.1): the scan hung.
            self.close()
            raise
        how = "forked from the loaded pipeline" if self.forked else "spawned, each loading its own pipeline"
        log.info("scan: %d processes %s", processes, how)

    def route(self, raws: Iterable[bytes | str], on_chunk_done: Callable[[int], None] = lambda n: None) -> Iterator[Routed]:
        """Route `raws`; yields records as chunks finish."""
        work = chunks(raws, self.processes)
        pending = {self._pool.submit(_route_chunk, chunk): len(chunk) for chunk in work}
        for done in as_completed(pending):
            yield from done.result()
            on_chunk_done(pending[done])

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> ShardPool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _start(settings: Settings) -> None:
    global _pipeline
    _pipeline = Pipeline.from_settings(settings, sealer_for(settings))


def _ready() -> bool:
    return _pipeline is not None


def _route_chunk(chunk: list[bytes | str]) -> list[Routed]:
    if _pipeline is None:
        raise RuntimeError("the worker process was started without its pipeline")
    return list(route_stream(_pipeline, chunk, _pipeline.settings.batch_size))
