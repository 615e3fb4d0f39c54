"""Scan-mode scaling with processes: each process builds its own pipeline, waits for the
others, then routes its share of the items; throughput is all items over the slowest."""

from __future__ import annotations

import multiprocessing as mp
import time


def _child(items: list[dict], barrier, results) -> None:
    from pipeline.config import load_settings
    from pipeline.core.processor import Pipeline
    from pipeline.eval.labelled import item_raws, route_items

    pipeline = Pipeline.from_settings(load_settings(), sealer=None)
    raws = item_raws(items)
    barrier.wait()
    started = time.perf_counter()
    route_items(pipeline, items, raws)
    results.put(time.perf_counter() - started)


def items_per_second(items: list[dict], processes: int) -> float:
    """Split `items` round-robin over `processes` fresh processes (spawned: no forked threads)."""
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(processes), ctx.Queue()
    shares = [items[i::processes] for i in range(processes)]
    procs = [ctx.Process(target=_child, args=(share, barrier, results)) for share in shares]
    for proc in procs:
        proc.start()
    seconds = [results.get(timeout=900) for _ in procs]
    for proc in procs:
        proc.join()
    return len(items) / max(seconds)
