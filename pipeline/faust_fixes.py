"""Two guards around faust-streaming's offset bookkeeping (0.15.x), applied by the worker.

1. Gaps are not acks. faust records a jump in the offsets it reads as a "gap" and
   commits over it, which is right for compacted topics but wrong when the jump comes
   from messages dropped while flow was suspended in a rebalance: those were never
   processed. Raw topics are never compacted, so gaps are not recorded.
2. Never commit past the head. faust-streaming#606: with the next uncommitted offset
   still unacked (in flight or dropped), an off-by-one lets faust commit past it.
   The committable offset is withheld until the head offset itself is acked. For a
   partition the group never committed, the head is its earliest offset, which the
   worker records in `START_OFFSETS` when partitions are assigned.

Both only make faust commit less; what they hold back is consumed again after a
restart or re-read by the worker's offset guard (pipeline.app.OffsetGuard).
"""

from __future__ import annotations

from faust.transport.consumer import Consumer

_original_new_offset = Consumer._new_offset
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


def apply() -> None:
    """Install both guards (idempotent)."""
    Consumer._add_gap = _no_gap
    Consumer._new_offset = _new_offset_without_skipping
