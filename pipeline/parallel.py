"""`pii-stream scan` on several processes: the same route_stream per shard.

Events are split so that routing cannot change: every keystroke of a session goes to
the same shard (reassembly needs them together), other events are cut into chunks.
Each process builds its own pipeline once (spawned, not forked: spaCy and Presidio hold
threads and locks). Records come back per finished chunk, so output order differs from
a single process; the route of every event does not.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import zlib
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable, Iterable, Iterator

from pipeline.config import Settings
from pipeline.core.processor import Pipeline, Routed, route_stream
from pipeline.vault.crypto import sealer_for

CHUNK = 400
AUTO_MIN_RECORDS = 3000  # below this, starting processes costs more than it saves

_pipeline: Pipeline | None = None


def choose_processes(requested: int, records: int, cores: int) -> int:
    """`requested` if given (>0); otherwise every core for large inputs, else one."""
    if requested > 0:
        return requested
    return max(1, min(cores, 8)) if records >= AUTO_MIN_RECORDS else 1


def shard_key(raw: bytes | str) -> str | None:
    """The session of a keystroke event (which must stay with its session), else None."""
    try:
        obj = json.loads(raw)
    except ValueError:
        return None
    if isinstance(obj, dict) and obj.get("kind") == "keystroke" and isinstance(obj.get("session_id"), str):
        return obj["session_id"]
    return None


def chunks(raws: Iterable[bytes | str], processes: int) -> list[list[bytes | str]]:
    """Keystrokes grouped by session hash into a few groups per process; the rest in chunks."""
    groups: list[list] = [[] for _ in range(processes * 4)]
    rest: list[list] = [[]]
    for raw in raws:
        session = shard_key(raw)
        if session is not None:
            groups[zlib.crc32(session.encode("utf-8")) % len(groups)].append(raw)
        else:
            if len(rest[-1]) >= CHUNK:
                rest.append([])
            rest[-1].append(raw)
    return [c for c in groups + rest if c]


def route_parallel(
    settings: Settings, raws: Iterable[bytes | str], processes: int, on_chunk_done: Callable[[int], None] = lambda n: None
) -> Iterator[Routed]:
    """Route `raws` on `processes` processes; yields records as chunks finish."""
    work = chunks(raws, processes)
    context = mp.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_start, initargs=(settings,)) as pool:
        pending = {pool.submit(_route_chunk, chunk): len(chunk) for chunk in work}
        for done in as_completed(pending):
            yield from done.result()
            on_chunk_done(pending[done])


def _start(settings: Settings) -> None:
    global _pipeline
    _pipeline = Pipeline.from_settings(settings, sealer_for(settings))


def _route_chunk(chunk: list[bytes | str]) -> list[Routed]:
    assert _pipeline is not None
    return list(route_stream(_pipeline, chunk, _pipeline.settings.batch_size))
