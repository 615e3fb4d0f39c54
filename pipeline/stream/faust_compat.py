"""Every faust-streaming internal the worker relies on, in one place, for the version the
guards were tested with (`TESTED` in `pipeline/versions.py`): `apply()` refuses any other, so an upgrade cannot
silently undo a delivery guarantee. Besides the four guards below: the producer's
metadata fetch for the session table, the consumer's committed offsets, and the SIGTERM
hook of `DrainingWorker`.

Three guards around faust-streaming's offset bookkeeping and one on its producer,
applied by the worker.

1. Gaps are not acks. faust records a jump in the offsets it reads as a "gap" and
   commits over it, which is right for compacted topics but wrong when the jump comes
   from messages dropped while flow was suspended in a rebalance: those were never
   processed. Raw topics are never compacted, so gaps are not recorded.
2. Never commit past the head. faust-streaming#606: with the next uncommitted offset
   still unacked (in flight or dropped), an off-by-one lets faust commit past it.
   The committable offset is withheld until the head offset itself is acked. For a
   partition the group never committed, the head is its earliest offset, which the
   worker records in `START_OFFSETS` when partitions are assigned.

3. Only what was processed in a settled generation is acked. While a rebalance
   suspends the flow, and after it for events fetched before it, faust skips fetched
   events (faust-streaming#221, #223) — and acks them, although nothing processed
   them; the next commit then moves past events that never got an outcome. So no ack
   is taken while the flow is suspended or for a message of an earlier consumer
   generation: faust seeks back to the committed offset after every rebalance, so
   those are fetched again. A batch whose processing straddled a rebalance is
   consumed again too (duplicates, never a loss).

The first three only make faust commit less; what they hold back is consumed again after a
restart or re-read by the worker's offset guard (pipeline.stream.delivery.OffsetGuard).

4. The producer is idempotent. Otherwise aiokafka gives up on a batch the broker has
   not taken within the request timeout (faust: 20 minutes) — an outage — and faust
   only logs it; for a session-table write (no one awaits its future) the batch is
   then committed without its state. An idempotent producer retries until the broker
   takes it, and its retries add no duplicates.

And three shortcuts, which change no outcome: a fetched message handed to its stream
without waiting needs no tasks (`_deliver_eagerly`), the table manager starts without
its fixed one-second wait for tables defined late (`_start_tables_now`), and while
messages keep coming the broker holds the worker's fetches until some have gathered
(`hold_fetches`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Generator
from typing import Any
from weakref import WeakKeyDictionary

import faust
from aiokafka.consumer.fetcher import Fetcher
from faust.tables.manager import TableManager
from faust.transport.consumer import Consumer
from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread, Producer
from faust.types import TP
from mode import Service
from mode.services import WaitResults

from pipeline.versions import require_tested

# The releases these hooks were written and tested against (requirements.lock).
log = logging.getLogger(__name__)

_original_new_offset = Consumer._new_offset
_original_ack = Consumer.ack
_original_create_worker_consumer = AIOKafkaConsumerThread._create_worker_consumer
_original_proc_fetch_request = Fetcher._proc_fetch_request
_original_producer_settings_extra = Producer._settings_extra
# app -> (fetch_min_bytes, fetch_max_wait_ms) of its worker consumer while busy (`hold_fetches`)
_HELD_FETCHES: WeakKeyDictionary = WeakKeyDictionary()
# tp -> earliest offset, for partitions without a committed offset (set by the worker).
START_OFFSETS: dict = {}


async def _no_gap(self: Any, tp: Any, offset_from: int, offset_to: int) -> None:
    return None


def _new_offset_without_skipping(self: Any, tp: Any) -> int | None:
    acked = self._acked[tp]
    committed = self._committed_offset[tp]
    head = committed if committed is not None else START_OFFSETS.get(tp)
    if acked and head is not None and min(acked) > head:
        return None
    return _original_new_offset(self, tp)


def _ack_current_generation(self: Any, message: Any) -> bool:
    generation = getattr(message, "generation_id", None)
    stale = generation is not None and generation != self.app.consumer_generation_id
    if stale or not self.app.flow_control.is_active():
        self._unacked_messages.discard(message)  # fetched again after the rebalance
        return False
    return _original_ack(self, message)


class _Resumed:
    """The rest of a coroutine already stepped once, which yielded `pending`: what
    `yield from coro` does, one step late, so that a task can finish it."""

    def __init__(self, coro: Any, pending: Any) -> None:
        self.coro, self.pending = coro, pending

    def __await__(self) -> Generator[Any, Any, Any]:
        coro, pending = self.coro, self.pending
        while True:
            try:
                sent = yield pending
            except BaseException as exc:  # thrown in by the task (cancellation): pass it on
                try:
                    pending = coro.throw(exc)
                except StopIteration as stop:
                    return stop.value
            else:
                try:
                    pending = coro.send(sent)
                except StopIteration as stop:
                    return stop.value


async def _deliver_eagerly(self: Any, *coros: Any, timeout: Any = None) -> WaitResults:
    """`Consumer.wait_first` as `_drain_messages` calls it for every fetched message:
    (deliver the message, wait for the flow to be suspended). mode runs both, and the
    consumer's stop and crash events, as four tasks and cancels three after each message
    (a sixth of a worker's CPU with detection switched off). A delivery that completes
    without waiting (its stream's buffer has room) while the flow runs gives the same
    result with no task; one that must wait, or anything else, goes mode's way."""
    waiter = coros[1] if len(coros) == 2 else None
    if (
        timeout is None
        and getattr(waiter, "__qualname__", "") == "Event.wait"
        and waiter.cr_frame.f_locals.get("self") is self.suspend_flow  # type: ignore[union-attr]
        and not (self.suspend_flow.is_set() or self._stopped.is_set() or self._crashed.is_set())
    ):
        deliver = coros[0]
        try:
            pending = deliver.send(None)
        except StopIteration as done:
            waiter.close()  # type: ignore[union-attr]
            return WaitResults([deliver], [done.value], False)
        except BaseException:
            waiter.close()  # type: ignore[union-attr]
            raise
        coros = (_Resumed(deliver, pending), waiter)
    return await Service.wait_first(self, *coros, timeout=timeout)


async def _start_tables_now(self: Any) -> None:
    """`TableManager.on_start` without `await self.sleep(1.0)`, which gives tables defined
    after the app starts time to register; the worker defines its one table before."""
    if not self.should_stop:
        await self._update_channels()
        await self.recovery.start()


def hold_fetches(app: faust.App, min_bytes: int, max_wait_s: float) -> None:
    """While messages keep coming, have the broker answer the worker's fetches once
    `min_bytes` have gathered or `max_wait_s` has passed; after a fetch that came back
    empty, faust's terms again (answer at the first byte, or after 1.5 s) until messages
    come. With faust's terms alone, under a steady trickle the consumer thread fetches a
    few messages at a time over and over (at half of a worker's maximum that thread took
    a third of the worker's samples); holding always would wake an idle worker every
    `max_wait_s` (1.5% of a core idle became 5% at 40 ms)."""
    _HELD_FETCHES[app] = (min_bytes, max(1, round(max_wait_s * 1000)))


def _create_worker_consumer_holding_fetches(self: Any, transport: Any) -> Any:
    consumer = _original_create_worker_consumer(self, transport)
    held = _HELD_FETCHES.get(self.app)
    if held is None:
        return consumer
    start = consumer.start

    async def start_holding_fetches() -> None:
        await start()  # creates the Fetcher, which begins with faust's terms
        fetcher = consumer._fetcher
        fetcher._quiet_fetch = (fetcher._fetch_min_bytes, fetcher._fetch_max_wait_ms)
        fetcher._held_fetch = held

    consumer.start = start_holding_fetches
    return consumer


async def _fetch_holding_while_busy(self: Any, assignment: Any, node_id: Any, request: Any) -> bool:
    """`Fetcher._proc_fetch_request` (true when it buffered records), then the terms of
    the next fetch: held while records come back, faust's when none did. The terms are
    the fetcher's, not a broker's: with several brokers the last answer sets them, so a
    fetch may go out on the other's terms (answered early, or held up to `max_wait_s`);
    either way only how often it fetches changes, never what."""
    got_records = await _original_proc_fetch_request(self, assignment, node_id, request)
    held = getattr(self, "_held_fetch", None)
    if held is not None:
        self._fetch_min_bytes, self._fetch_max_wait_ms = held if got_records else self._quiet_fetch
    return got_records


def _idempotent_producer_settings(self: Any) -> dict[str, Any]:
    """Guard 4: what faust asks of aiokafka only inside transactions, always."""
    return {**_original_producer_settings_extra(self), "acks": "all", "enable_idempotence": True}


def check_versions() -> None:
    """Refuse to run on a faust-streaming or aiokafka release the guards were not tested with."""
    require_tested(
        ("faust-streaming", "aiokafka"), "the worker's delivery guards", "pipeline/stream/faust_compat.py", "the delivery tests"
    )


def apply() -> None:
    """Check the versions, then install the guards (idempotent)."""
    check_versions()
    # Patching faust's methods is the point of this module.
    Consumer._add_gap = _no_gap  # type: ignore[method-assign]
    Consumer._new_offset = _new_offset_without_skipping  # type: ignore[method-assign]
    Consumer.ack = _ack_current_generation  # type: ignore[method-assign]
    Consumer.wait_first = _deliver_eagerly  # type: ignore[method-assign]
    TableManager.on_start = _start_tables_now  # type: ignore[method-assign]
    AIOKafkaConsumerThread._create_worker_consumer = _create_worker_consumer_holding_fetches  # type: ignore[method-assign]
    Fetcher._proc_fetch_request = _fetch_holding_while_busy
    Producer._settings_extra = _idempotent_producer_settings  # type: ignore[method-assign]


async def fetch_topic_metadata(app: faust.App, topic: str) -> None:
    """Make the producer fetch a topic's partitions: a table hashes keys to changelog
    partitions with the producer's metadata, which only knows topics it has written to."""
    await app.producer._ensure_producer().partitions_for(topic)  # type: ignore[attr-defined]


def committed_offset(app: faust.App, topic: str) -> Callable[[int], int | None]:
    """The group's committed offset of a partition of `topic`, as this consumer knows it."""
    return lambda partition: app.consumer._committed_offset.get(TP(topic, partition))  # type: ignore[attr-defined]


class DrainingWorker(faust.Worker):
    """On SIGTERM, wait for the batch in flight to be published (`idle` set) before faust stops."""

    def __init__(self, app: faust.App, *args: Any, idle: asyncio.Event, **kwargs: Any) -> None:
        super().__init__(app, *args, **kwargs)
        self.idle = idle

    def _on_sigterm(self) -> None:
        if self.idle.is_set():
            super()._on_sigterm()
            return
        log.info("SIGTERM: finishing the batch in flight before stopping")

        async def drain() -> None:
            await self.idle.wait()
            super(DrainingWorker, self)._on_sigterm()

        asyncio.ensure_future(drain())
