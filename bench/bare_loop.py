"""What a worker outside faust's per-message machinery could reach: a bare aiokafka loop
with the worker's own routing (`BatchHandler`), on the prefilled events of `make bench`'s
streaming part, against `pii-stream scan -j 1` on the same events.

A measurement for issue 13, not a worker: `getmany`, route, publish with acks=all,
await every output, commit, repeat; keystroke sessions kept in memory (their state
sealed as the worker seals it, not written to a changelog); no rebalance handling, no
idle segment closing, no metrics. Its module imports happen before the clock starts, so
add a worker's imports (~1.5 s) before comparing whole processes.

    python -m bench.bare_loop [--items 4700] [--batch 256]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import tempfile
import time
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from bench import stream, whole_process
from pipeline.config import load_settings
from pipeline.core.codes import Route
from pipeline.core.processor import Pipeline, Routed
from pipeline.stream.batch import BatchHandler
from pipeline.stream.delivery import outgoing
from pipeline.stream.state import StateCipher
from pipeline.stream.topics import KIND_TOPIC


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _run(names: dict, events: int, batch: int) -> dict:
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    pipeline = Pipeline.from_settings(load_settings().model_copy(update=names), sealer=None)
    handler, cipher = BatchHandler(pipeline), StateCipher(pipeline.key)
    ready = time.perf_counter() - started
    keystrokes = names[KIND_TOPIC["keystroke"]]
    consumer = AIOKafkaConsumer(
        *(names[t] for t in KIND_TOPIC.values()),
        bootstrap_servers=stream.BOOTSTRAP,
        group_id=f"bare-{keystrokes}",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    producer = AIOKafkaProducer(bootstrap_servers=stream.BOOTSTRAP, acks="all", enable_idempotence=True, linger_ms=2)
    await consumer.start()
    await producer.start()
    sessions: dict[str, dict] = {}
    done, routing = 0, 0.0
    try:
        while done < events:
            for tp, messages in (await consumer.getmany(timeout_ms=500, max_records=batch)).items():
                routed_at = time.perf_counter()
                values = [(m.topic, m.value) for m in messages]
                if tp.topic == keystrokes:
                    outcome = handler.route_keystrokes(values, sessions.get, time.time(), [(m.partition, m.offset) for m in messages])
                    for session, state in outcome.session_states.items():
                        if state is None:
                            sessions.pop(session, None)
                        else:
                            sessions[session] = state
                            cipher.seal(session, state)
                    routed = outcome.routed
                else:
                    routed = handler.route_messages(values)
                routing += time.perf_counter() - routed_at
                await asyncio.gather(*[await f for f in _sends(producer, names, routed)])
                await consumer.commit({tp: messages[-1].offset + 1})
                done += len(messages)
    finally:
        await consumer.stop()
        await producer.stop()
    return {
        "ready_s": ready,
        "seconds": time.perf_counter() - started,
        "cpu_ms_per_event": (_cpu_seconds() - cpu_started) / events * 1000,
        "routing_ms_per_event": routing / events * 1000,
    }


def _sends(producer: AIOKafkaProducer, names: dict, routed: list[Routed]):
    """The worker's messages (`delivery.outgoing`) on the deployment's topics."""
    topics = {
        Route.CLEAN: names["topic_clean"],
        Route.QUARANTINE: names["topic_quarantine"],
        Route.DROP: names["topic_drop"],
        "keys": names["topic_quarantine_keys"],
    }
    for r in routed:
        for output, key, value in outgoing(r):
            yield producer.send(topics[output], value, key=key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=4700, help="corpus items (4,700: the 26,274 events of make bench)")
    parser.add_argument("--batch", type=int, default=256, help="most records per getmany")
    args = parser.parse_args()
    events = stream.bench_events(seed=23, items=args.items)
    deployment = stream.Deployment(1, start=False)
    try:
        asyncio.run(stream.produce_events(deployment.names, events, rate=None))
        loop = asyncio.run(_run(deployment.names, len(events), args.batch))
    finally:
        deployment.stop()
    with tempfile.TemporaryDirectory(prefix="pii-bench-") as tmp:
        scan_s = whole_process.timed(whole_process.scan_command(whole_process.write_events(Path(tmp), events), Path(tmp) / "out"))
    print(
        f"{len(events)} events, batches of up to {args.batch}: bare loop {loop['seconds']:.2f} s from its pipeline's start "
        f"(ready after {loop['ready_s']:.2f} s), {loop['cpu_ms_per_event']:.3f} CPU-ms per event, of which routing "
        f"{loop['routing_ms_per_event']:.3f}; `pii-stream scan -j 1` {scan_s:.2f} s (whole process): "
        f"{scan_s / loop['seconds']:.2f}x"
    )


if __name__ == "__main__":
    main()
