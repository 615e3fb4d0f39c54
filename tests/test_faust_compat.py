"""The faust offset guards: gaps are not acks, and nothing is committed past an unacked
head; and eager delivery gives the outcomes mode's wait_first gives."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from types import SimpleNamespace

import faust
import pytest
from aiokafka.consumer.fetcher import Fetcher
from faust.tables.manager import TableManager
from faust.transport.consumer import Consumer
from intervaltree import IntervalTree
from mode import Service
from mode.services import WaitResults
from mode.utils.locks import Event

from pipeline.stream import faust_compat

TP = ("raw.prompts", 0)


def consumer(acked: list[int], committed: int | None):
    return SimpleNamespace(
        _acked={TP: list(acked)},
        _committed_offset={TP: committed},
        _gap=defaultdict(IntervalTree),
        _acked_index={TP: set(acked)},
    )


def test_head_offset_unacked_means_no_commit():
    # faust-streaming#606: committed=10 with 10 still in flight and 11, 12 acked.
    assert faust_compat._new_offset_without_skipping(consumer([11, 12], 10), TP) is None


def test_contiguous_acks_commit_after_the_last():
    assert faust_compat._new_offset_without_skipping(consumer([10, 11, 12], 10), TP) == 13


def test_commit_stops_at_the_first_hole():
    assert faust_compat._new_offset_without_skipping(consumer([10, 11, 13], 10), TP) == 12


def test_gaps_are_not_recorded_as_acked():
    c = consumer([], 10)
    asyncio.run(faust_compat._no_gap(c, TP, 11, 20))
    assert not c._gap[TP]


def test_apply_installs_the_guards():
    faust_compat.apply()
    assert Consumer._new_offset is faust_compat._new_offset_without_skipping
    assert Consumer._add_gap is faust_compat._no_gap
    assert Consumer.ack is faust_compat._ack_current_generation


def test_first_commit_of_a_partition_waits_for_its_earliest_offset():
    faust_compat.START_OFFSETS[TP] = 0
    try:
        assert faust_compat._new_offset_without_skipping(consumer([1, 2, 3], None), TP) is None
        assert faust_compat._new_offset_without_skipping(consumer([0, 1, 2], None), TP) == 3
    finally:
        faust_compat.START_OFFSETS.pop(TP)


def test_no_ack_during_a_rebalance_or_for_messages_fetched_before_it():
    faust_compat.apply()
    calls = []

    class Message(SimpleNamespace):
        __hash__ = object.__hash__

    stale, current = Message(generation_id=3), Message(generation_id=4)
    flow = SimpleNamespace(active=True)
    app = SimpleNamespace(consumer_generation_id=4, flow_control=SimpleNamespace(is_active=lambda: flow.active))
    c = SimpleNamespace(app=app, _unacked_messages={stale, current})
    original, faust_compat._original_ack = faust_compat._original_ack, lambda self, m: calls.append(m) or True
    try:
        assert Consumer.ack(c, stale) is False and calls == []
        assert stale not in c._unacked_messages
        flow.active = False  # a rebalance suspended the flow: faust skips fetched events
        assert Consumer.ack(c, current) is False and calls == []
        flow.active = True
        assert Consumer.ack(c, current) is True and calls == [current]
    finally:
        faust_compat._original_ack = original


def test_an_untested_faust_release_is_refused(monkeypatch):
    from pipeline.errors import ConfigError

    faust_compat.check_versions()  # the pinned releases pass
    monkeypatch.setattr("pipeline.versions.version", lambda package: "0.16.0" if package == "faust-streaming" else "0.14.0")
    with pytest.raises(ConfigError, match="faust-streaming 0.16.0"):
        faust_compat.apply()


class _Consumer(Service):
    """What `_deliver_eagerly` reads of a faust consumer: its flow event and a service's
    stop and crash events."""

    def __init__(self) -> None:
        super().__init__()
        self.suspend_flow = Event()


async def _drain_one(consumer: _Consumer, deliver) -> WaitResults:
    # as faust's Consumer._drain_messages calls it for each fetched message
    return await faust_compat._deliver_eagerly(consumer, deliver, consumer.suspend_flow.wait())


def test_a_delivery_that_does_not_wait_completes_without_a_task():
    async def main():
        consumer = _Consumer()
        delivered = []

        async def deliver():
            delivered.append(asyncio.current_task())
            return "done"

        flow_wait = consumer.suspend_flow.wait()
        result = await faust_compat._deliver_eagerly(consumer, deliver(), flow_wait)
        return result, delivered, asyncio.current_task(), flow_wait

    result, delivered, main_task, flow_wait = asyncio.run(main())
    assert result.results == ["done"] and not result.stopped
    assert delivered == [main_task]  # ran in the fetcher's own task: none was created
    assert flow_wait.cr_frame is None  # closed, not left to warn that it was never awaited


def test_a_delivery_that_waits_finishes_in_a_task_with_its_result():
    async def main():
        consumer = _Consumer()
        room = asyncio.get_running_loop().create_future()

        async def deliver():
            value = await room  # a full stream buffer
            return value * 2

        asyncio.get_running_loop().call_later(0.01, room.set_result, 21)
        return await _drain_one(consumer, deliver())

    assert asyncio.run(main()).results == [42]


def test_a_waiting_delivery_is_cancelled_when_the_flow_is_suspended_as_mode_does():
    async def main():
        consumer = _Consumer()
        cancelled = asyncio.Event()

        async def deliver():
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                cancelled.set()
                raise

        asyncio.get_running_loop().call_later(0.01, consumer.suspend_flow.set)
        result = await _drain_one(consumer, deliver())
        await asyncio.wait_for(cancelled.wait(), 1)
        return result

    result = asyncio.run(main())
    assert result.results == [True]  # the flow's wait won; the delivery was cancelled


def test_an_error_in_a_delivery_is_raised_either_way():
    async def main(wait_first: bool):
        consumer = _Consumer()

        async def deliver():
            if wait_first:
                await asyncio.sleep(0)
            raise ValueError("broken")

        await _drain_one(consumer, deliver())

    for wait_first in (False, True):
        with pytest.raises(ValueError):
            asyncio.run(main(wait_first))


def test_the_worker_installs_eager_delivery_and_starts_tables_without_waiting():
    faust_compat.apply()
    assert Consumer.wait_first is faust_compat._deliver_eagerly
    assert TableManager.on_start is faust_compat._start_tables_now


def test_fetches_are_held_while_records_come_and_not_after_an_empty_one(monkeypatch):
    answers = iter([True, True, False, True])

    async def fetch(self, assignment, node_id, request):
        return next(answers)

    monkeypatch.setattr(faust_compat, "_original_proc_fetch_request", fetch)
    fetcher = SimpleNamespace(_held_fetch=(65536, 40), _quiet_fetch=(1, 1500), _fetch_min_bytes=1, _fetch_max_wait_ms=1500)
    terms = []
    for _ in range(4):
        got = asyncio.run(faust_compat._fetch_holding_while_busy(fetcher, None, 0, None))
        terms.append((got, fetcher._fetch_min_bytes, fetcher._fetch_max_wait_ms))
    assert terms == [(True, 65536, 40), (True, 65536, 40), (False, 1, 1500), (True, 65536, 40)]


def test_a_fetcher_without_held_terms_keeps_faust_s(monkeypatch):
    async def fetch(self, assignment, node_id, request):
        return True

    monkeypatch.setattr(faust_compat, "_original_proc_fetch_request", fetch)
    fetcher = SimpleNamespace(_fetch_min_bytes=1, _fetch_max_wait_ms=1500)  # a consumer other than the worker's
    assert asyncio.run(faust_compat._fetch_holding_while_busy(fetcher, None, 0, None)) is True
    assert (fetcher._fetch_min_bytes, fetcher._fetch_max_wait_ms) == (1, 1500)


def test_the_worker_consumer_learns_its_held_terms_when_it_starts(monkeypatch):
    class FakeConsumer:
        _fetcher = None

        async def start(self):
            self._fetcher = SimpleNamespace(_fetch_min_bytes=1, _fetch_max_wait_ms=1500)  # faust's terms

    monkeypatch.setattr(faust_compat, "_original_create_worker_consumer", lambda thread, transport: FakeConsumer())
    app = faust.App("hold-test", broker="kafka://127.0.0.1:9")
    faust_compat.hold_fetches(app, 4096, 0.03)
    consumer = faust_compat._create_worker_consumer_holding_fetches(SimpleNamespace(app=app), None)
    asyncio.run(consumer.start())
    assert consumer._fetcher._held_fetch == (4096, 30) and consumer._fetcher._quiet_fetch == (1, 1500)
    unheld_app = faust.App("x", broker="kafka://127.0.0.1:9")
    other = faust_compat._create_worker_consumer_holding_fetches(SimpleNamespace(app=unheld_app), None)
    asyncio.run(other.start())
    assert not hasattr(other._fetcher, "_held_fetch")


def test_the_worker_app_holds_fetches_unless_told_not_to(pipeline, tmp_path):
    from pipeline.stream.app import create_app

    settings = pipeline.settings.model_copy(update={"data_dir": tmp_path})
    app, _ = create_app(settings, pipeline)
    assert faust_compat._HELD_FETCHES[app] == (settings.fetch_min_bytes, round(settings.fetch_wait_s * 1000))
    app, _ = create_app(settings.model_copy(update={"fetch_wait_s": 0.0}), pipeline)
    assert app not in faust_compat._HELD_FETCHES
    assert Fetcher._proc_fetch_request is faust_compat._fetch_holding_while_busy


def test_the_worker_producer_is_idempotent():
    """Guard 4: aiokafka expires a plain producer's batches after the request timeout
    (tests/integration/test_producer_outage.py shows what that does in an outage)."""

    async def build():
        faust_compat.apply()
        app = faust.App("pii-test-idempotent", broker="kafka://127.0.0.1:9", producer_acks=-1)
        return app.producer._new_producer()

    producer = asyncio.run(build())
    assert producer._txn_manager is not None  # aiokafka's idempotence state
    assert producer._sender._txn_manager is producer._txn_manager  # so batches are never expired
