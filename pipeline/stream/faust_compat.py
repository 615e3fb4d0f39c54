"""Three guards around faust-streaming's offset bookkeeping (0.15.x), applied by the worker.

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

All three only make faust commit less; what they hold back is consumed again after a
restart or re-read by the worker's offset guard (pipeline.stream.app.OffsetGuard).
"""

from __future__ import annotations

from faust.transport.consumer import Consumer

_original_new_offset = Consumer._new_offset
_original_ack = Consumer.ack
# tp -> earliest offset, for partitions without a committed offset (set by the worker).
START_OFFSETS: dict = {}


async def _no_gap(self, tp, offset_from: int, offset_to: int) -> None:
    return None


def _new_offset_without_skipping(self, tp):
    acked = self._acked[tp]
    committed = self._committed_offset[tp]
    head = committed if committed is not None else START_OFFSETS.get(tp)
    if acked and head is not None and min(acked) > head:
        return None
    return _original_new_offset(self, tp)


def _ack_current_generation(self, message) -> bool:
    generation = getattr(message, "generation_id", None)
    stale = generation is not None and generation != self.app.consumer_generation_id
    if stale or not self.app.flow_control.is_active():
        self._unacked_messages.discard(message)  # fetched again after the rebalance
        return False
    return _original_ack(self, message)


def apply() -> None:
    """Install the guards (idempotent)."""
    Consumer._add_gap = _no_gap
    Consumer._new_offset = _new_offset_without_skipping
    Consumer.ack = _ack_current_generation
