"""What the stream worker does with a batch of messages, without faust: parse, check the
topic, reassemble keystrokes against stored session state, and route. The faust app
(`pipeline.stream.app`) only fetches, calls this, publishes and stores state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline.core.codes import Reason
from pipeline.core.events import Event, Malformed
from pipeline.core.processor import Item, Pipeline, Routed
from pipeline.stream import metrics
from pipeline.stream.topics import kind_by_topic


@dataclass(frozen=True)
class KeystrokeOutcome:
    routed: list[Routed]
    session_states: dict[str, dict | None]  # None: delete the session's state


class BatchHandler:
    """Turns message batches into routed records with the same Pipeline as `scan`."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.expected_kind = kind_by_topic(pipeline.settings)

    def parse(self, topic: str, value: bytes | None) -> Item:
        """Parse one message; an event on the wrong raw topic is malformed."""
        item = self.pipeline.parse(value or b"")
        expected = self.expected_kind.get(topic)
        if isinstance(item, Event) and item.kind != expected:
            return Malformed(
                f"{item.kind} on {topic}", value or b"", item.event_id, item.kind, item.ts, item.user_id, reason=Reason.WRONG_TOPIC
            )
        return item

    def route_messages(self, messages: list[tuple[str, bytes | None]]) -> list[Routed]:
        """Route prompt, screen and click messages: one record per message."""
        return self.pipeline.route([self.parse(topic, value) for topic, value in messages])

    def route_keystrokes(
        self,
        messages: list[tuple[str, bytes | None]],
        load_state: Callable[[str], dict | None],
        arrived_at: float,
        positions: list[tuple[int, int]] | None = None,
    ) -> KeystrokeOutcome:
        """Feed keystrokes into their sessions (restored with `load_state`) and route what closed.

        `positions` are the (partition, offset) of each message: a session's state records
        the last one, so it is not forgotten while its keystrokes can still be redelivered.
        Returns the records and each touched session's new state (None to delete it).
        """
        reassembler = self.pipeline.new_reassembler()
        items: list[Item] = []
        touched: set[str] = set()
        last_position: dict[str, tuple[int, int]] = {}
        for n, (topic, value) in enumerate(messages):
            item = self.parse(topic, value)
            if not isinstance(item, Event):
                items.append(item)
                continue
            session = item.session_id or ""
            if session not in touched:
                state = load_state(session)
                if state:
                    reassembler.import_session(session, state)
            touched.add(session)
            if positions is not None:
                last_position[session] = positions[n]
            items.extend(reassembler.feed(item, arrived_at))
        states = {s: _with_position(reassembler.export_session(s), last_position.get(s)) for s in touched}
        if reassembler.redeliveries_ignored:
            metrics.REDELIVERIES_IGNORED.inc(reassembler.redeliveries_ignored)
        return KeystrokeOutcome(self.pipeline.route(items), states)

    def close_stale(
        self, stored: dict[str, dict], wall_now: float, committed: Callable[[int], int | None] = lambda partition: None
    ) -> KeystrokeOutcome:
        """Close segments nobody typed into for the idle gap (the worker's timer), and forget
        idle sessions — only once the group's committed offset (`committed(partition)`) is
        past their last keystroke. Forgotten earlier, a restart would redeliver the tail of
        a segment with no memory of its start: a fragment without the context that made
        its value detectable (an "ip pin" typed before the digits)."""
        routed: list[Routed] = []
        states: dict[str, dict | None] = {}
        for session, state in stored.items():
            reassembler = self.pipeline.new_reassembler()
            reassembler.import_session(session, state)
            closed = reassembler.close_stale(wall_now)
            if closed:
                routed += self.pipeline.route(closed)
            position = state.get("position")
            settled = position is not None and (committed(position[0]) or 0) > position[1]
            if (settled and reassembler.forget_if_idle(session, wall_now)) or closed:
                states[session] = _with_position(reassembler.export_session(session), position)
        return KeystrokeOutcome(routed, states)


class IdleSessions:
    """Which stored session states the idle timer must open.

    The timer runs every few seconds; opening (decrypting) every session each time cost
    a busy worker ~3% of its CPU. A session whose sealed state is the one opened before
    (same nonce) and whose quiet period has not ended has nothing to close or forget.
    """

    def __init__(self, idle_gap_s: float) -> None:
        self.idle_gap_s = idle_gap_s
        self._known: dict[str, tuple[str, float, int]] = {}  # session -> (nonce, quiet until, segments)

    def due(
        self, stored: dict[str, dict], wall_now: float, open_state: Callable[[str, dict], dict | None]
    ) -> tuple[dict[str, dict], int]:
        """(the opened states of the sessions due, open segments across all sessions)."""
        due: dict[str, dict] = {}
        known: dict[str, tuple[str, float, int]] = {}
        segments = 0
        for session, sealed in stored.items():
            nonce = sealed.get("nonce") if isinstance(sealed, dict) else None
            seen = self._known.get(session)
            if nonce is not None and seen is not None and seen[0] == nonce and wall_now <= seen[1]:
                known[session] = seen
                segments += seen[2]
                continue
            state = open_state(session, sealed)
            if state is None:
                continue
            due[session] = state
            segments += len(state.get("segments", []))
            if isinstance(nonce, str):
                known[session] = (nonce, self.quiet_until(state), len(state.get("segments", [])))
        self._known = known
        return due, segments

    def quiet_until(self, state: dict) -> float:
        """Until then `close_stale` leaves the state as it is: no segment has been idle for
        the gap (it closes after), and neither has the session (it is forgotten after)."""
        touched = [float(s.get("touched_at", 0.0)) for s in state.get("segments", [])]
        return min([*touched, float(state.get("last_arrival", 0.0))]) + self.idle_gap_s


def _with_position(state: dict | None, position: Any) -> dict | None:
    if state is not None and position is not None:
        state["position"] = list(position)
    return state
