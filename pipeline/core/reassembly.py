"""Keystrokes -> text segments, per (session_id, field_id). Pure: no I/O, no clock.

Printable keys insert at the cursor; Backspace/Delete/arrows/Home/End edit and move
it. A segment closes on Enter, Tab, a change of field in the session, an idle gap
(event time) or the size limit. Secure-field keystrokes are never assembled.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from pipeline.core.events import Event

CLOSING_KEYS = frozenset({"Enter", "Tab"})
# Ids of keystrokes in closed segments remembered per session, so a keystroke
# redelivered after a crash is not typed twice.
RECENT_IDS_KEPT = 512


@dataclass
class Segment:
    """An open segment: the text typed so far, the cursor, and where it came from."""

    session_id: str
    field_id: str
    user_id: str
    first_ts: str
    last_time: float
    chars: list[str] = field(default_factory=list, repr=False)
    cursor: int = 0
    source_event_ids: list[str] = field(default_factory=list)
    app: str | None = None
    window_title: str | None = None
    url: str | None = None
    device_id: str | None = None
    touched_at: float = 0.0  # wall clock of the last keystroke (worker only)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def to_dict(self) -> dict:
        """A JSON-able form, for a changelog-backed table."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, data: dict) -> Segment:
        return cls(**data)


@dataclass(frozen=True)
class SecureKeystroke:
    """A keystroke into a password field: its outcome is a drop tombstone."""

    event: Event


@dataclass(frozen=True)
class ReusedEventId:
    """A keystroke whose id was applied before with other content: not a redelivery but a
    second message under a known id. It is held (`duplicate_event_id`), not applied."""

    event: Event


def fingerprint(event: Event) -> str:
    """What a redelivery of the same keystroke repeats: its key, field, time and flag."""
    data = "\x1f".join((event.key or "", event.field_id or "", event.ts, "1" if event.secure_field else "0"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def apply_key(segment: Segment, key: str) -> None:
    """Apply one W3C KeyboardEvent.key value to the segment's text and cursor."""
    if len(key) == 1:
        segment.chars.insert(segment.cursor, key)
        segment.cursor += 1
    elif key == "Backspace" and segment.cursor > 0:
        segment.cursor -= 1
        del segment.chars[segment.cursor]
    elif key == "Delete" and segment.cursor < len(segment.chars):
        del segment.chars[segment.cursor]
    elif key == "ArrowLeft":
        segment.cursor = max(0, segment.cursor - 1)
    elif key == "ArrowRight":
        segment.cursor = min(len(segment.chars), segment.cursor + 1)
    elif key == "Home":
        segment.cursor = 0
    elif key == "End":
        segment.cursor = len(segment.chars)
    # Named keys without text (Shift, Control, F5, ...) only join the source ids.


def segment_to_event(segment: Segment) -> Event:
    """The closed segment as one `typed_text` event that lists its source events."""
    return Event(
        event_id=f"typed:{segment.source_event_ids[0]}",
        kind="typed_text",
        ts=segment.first_ts,
        user_id=segment.user_id,
        timestamp=segment.last_time,
        device_id=segment.device_id,
        session_id=segment.session_id,
        app=segment.app,
        window_title=segment.window_title,
        url=segment.url,
        text=segment.text,
        field_id=segment.field_id,
        source_event_ids=tuple(segment.source_event_ids),
    )


class Reassembler:
    """Holds open segments and turns keystrokes into closed `typed_text` events.

    `feed` returns what the keystroke closed (typed_text events and secure-field
    keystrokes) — including a segment of the same field idle past the gap in event time;
    `close_all()` flushes every segment (end of a file), `close_stale(wall_now)` those
    whose last keystroke arrived more than the gap ago by the wall clock (the worker).
    A keystroke already applied (same event id) is ignored.
    """

    def __init__(self, idle_gap_s: float, max_chars: int) -> None:
        self.idle_gap_s = idle_gap_s
        self.max_chars = max_chars
        self.segments: dict[tuple[str, str], Segment] = {}
        # session -> the fields with an open segment, in opening order: a keystroke looks
        # at its own session's segments only (a scan holds every session's last segment)
        self.open_fields: dict[str, dict[str, None]] = {}
        self.active_field: dict[str, str] = {}
        self.recent_ids: dict[str, list[str]] = {}
        self.last_arrival: dict[str, float] = {}
        # session -> the ids in recent_ids and in its open segments, for the duplicate
        # check: looking through those lists cost a keystroke time in the segment's length
        self._applied: dict[str, set[str]] = {}
        # session -> {event id: fingerprint} of the ids it remembers: a redelivery repeats
        # the fingerprint, a different message under a known id does not
        self.fingerprints: dict[str, dict[str, str]] = {}
        self.redeliveries_ignored = 0  # for the worker's metric

    def feed(self, event: Event, arrived_at: float = 0.0) -> list[Event | SecureKeystroke | ReusedEventId]:
        """Apply one keystroke; return the records it closed, in order. A redelivered
        keystroke is ignored (and counted); another keystroke under a known id is returned
        as a ReusedEventId, to be held."""
        closed: list[Event | SecureKeystroke | ReusedEventId] = []
        session, field_id = event.session_id or "", event.field_id or ""
        mark = fingerprint(event)
        if self._already_applied(session, event.event_id):
            known = self.fingerprints.get(session, {}).get(event.event_id)
            if known is not None and known != mark:
                return [ReusedEventId(event)]
            self.redeliveries_ignored += 1
            return closed
        self.fingerprints.setdefault(session, {})[event.event_id] = mark
        self.last_arrival[session] = max(arrived_at, self.last_arrival.get(session, 0.0))
        previous_field = self.active_field.get(session)
        if previous_field is not None and previous_field != field_id:
            closed += self._close((session, previous_field))
        self.active_field[session] = field_id
        if event.secure_field:
            closed += self._close((session, field_id))
            closed.append(SecureKeystroke(event))
            return closed
        key = (session, field_id)
        segment = self.segments.get(key)
        if segment is not None and event.timestamp - segment.last_time > self.idle_gap_s:
            closed += self._close(key)
            segment = None
        if segment is None:
            segment = self._open(event)
        segment.source_event_ids.append(event.event_id)
        applied = self._applied.get(session)
        if applied is not None:  # else built from the lists on the next keystroke
            applied.add(event.event_id)
        segment.last_time = max(segment.last_time, event.timestamp)
        segment.touched_at = arrived_at
        if event.key in CLOSING_KEYS:
            return closed + self._close(key)
        apply_key(segment, event.key or "")
        if len(segment.chars) >= self.max_chars:
            closed += self._close(key)
        return closed

    def close_stale(self, wall_now: float) -> list[Event]:
        """Close segments whose last keystroke arrived more than the gap ago (wall clock)."""
        stale = [k for k, s in self.segments.items() if wall_now - s.touched_at > self.idle_gap_s]
        return [e for k in stale for e in self._close(k)]

    def close_all(self) -> list[Event]:
        """Close every open segment (end of input)."""
        return [e for k in list(self.segments) for e in self._close(k)]

    def _open(self, event: Event) -> Segment:
        segment = Segment(
            session_id=event.session_id or "",
            field_id=event.field_id or "",
            user_id=event.user_id,
            first_ts=event.ts,
            last_time=event.timestamp,
            app=event.app,
            window_title=event.window_title,
            url=event.url,
            device_id=event.device_id,
        )
        self._add(segment)
        return segment

    def _add(self, segment: Segment) -> None:
        self.segments[(segment.session_id, segment.field_id)] = segment
        self.open_fields.setdefault(segment.session_id, {})[segment.field_id] = None

    def _close(self, key: tuple[str, str]) -> list[Event]:
        segment = self.segments.pop(key, None)
        fields = self.open_fields.get(key[0], {})
        fields.pop(key[1], None)
        if not fields:
            self.open_fields.pop(key[0], None)
        if segment is None or not segment.source_event_ids:
            return []
        recent = self.recent_ids.setdefault(key[0], [])
        recent.extend(segment.source_event_ids)
        if len(recent) > RECENT_IDS_KEPT:
            del recent[:-RECENT_IDS_KEPT]
            self._applied.pop(key[0], None)  # rebuilt from what is kept, on the next keystroke
            self._keep_fingerprints(key[0])
        return [segment_to_event(segment)]

    def _keep_fingerprints(self, session: str) -> None:
        """Forget the fingerprints of ids the session no longer remembers."""
        kept = self._remembered_ids(session)
        marks = self.fingerprints.get(session, {})
        self.fingerprints[session] = {i: m for i, m in marks.items() if i in kept}

    def forget_if_idle(self, session: str, wall_now: float) -> bool:
        """Drop a session with no open segment once idle for the gap; True if dropped."""
        if session in self.open_fields:
            return False
        if wall_now - self.last_arrival.get(session, 0.0) <= self.idle_gap_s:
            return False
        for table in (self.active_field, self.recent_ids, self.last_arrival, self._applied, self.fingerprints):
            table.pop(session, None)
        return True

    def _already_applied(self, session: str, event_id: str) -> bool:
        applied = self._applied.get(session)
        if applied is None:
            applied = self._applied[session] = self._remembered_ids(session)
        return event_id in applied

    def _remembered_ids(self, session: str) -> set[str]:
        """The ids of the session's recent segments and of its open ones."""
        ids = set(self.recent_ids.get(session, ()))
        for f in self.open_fields.get(session, ()):
            ids.update(self.segments[(session, f)].source_event_ids)
        return ids

    def export_session(self, session: str) -> dict | None:
        """One session's state as JSON-able data (None when it holds nothing)."""
        segments = [self.segments[(session, f)].to_dict() for f in self.open_fields.get(session, ())]
        if not segments and session not in self.active_field and not self.recent_ids.get(session):
            return None
        return {
            "segments": segments,
            "active_field": self.active_field.get(session),
            "recent_ids": self.recent_ids.get(session, []),
            "last_arrival": self.last_arrival.get(session, 0.0),
            "fingerprints": self.fingerprints.get(session, {}),
        }

    def import_session(self, session: str, data: dict) -> None:
        """Restore one session's state from `export_session` data."""
        for raw in data.get("segments", []):
            self._add(Segment.from_dict(raw))
        if data.get("active_field") is not None:
            self.active_field[session] = data["active_field"]
        self.recent_ids[session] = list(data.get("recent_ids", []))
        self.last_arrival[session] = float(data.get("last_arrival", 0.0))
        self.fingerprints[session] = dict(data.get("fingerprints", {}))  # states written before: none
        self._applied.pop(session, None)
