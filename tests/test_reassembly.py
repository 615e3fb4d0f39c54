"""Keystroke reassembly: cursor editing, segment closing, secure fields."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pipeline.core.events import Event
from pipeline.core.reassembly import Reassembler, SecureKeystroke

T0 = datetime(2026, 6, 18, 14, 0, 0, tzinfo=UTC)


def keys(seq, session="s1", field="f1", start=0.0, step=0.2, secure=False, prefix="k"):
    out = []
    for i, key in enumerate(seq):
        t = T0 + timedelta(seconds=start + i * step)
        out.append(
            Event(
                event_id=f"{prefix}{i}",
                kind="keystroke",
                ts=t.isoformat().replace("+00:00", "Z"),
                user_id="u1",
                timestamp=t.timestamp(),
                session_id=session,
                field_id=field,
                key=key,
                secure_field=secure,
                app="Editor",
                source_event_ids=(f"{prefix}{i}",),
            )
        )
    return out


def run(events, idle=30.0, max_chars=100):
    r = Reassembler(idle, max_chars)
    closed = [c for e in events for c in r.feed(e)]
    return closed + r.close_all(), r


@pytest.mark.parametrize(
    "typed,expected",
    [
        (list("hello"), "hello"),
        (list("helo") + ["ArrowLeft", "l"], "hello"),
        (list("123-45-6789x") + ["Backspace"], "123-45-6789"),
        (list("abc") + ["Home", "Delete"], "bc"),
        (list("abc") + ["Home", "x", "End", "y"], "xabcy"),
        (["Backspace", "Delete", "ArrowLeft", "a"], "a"),
        (list("ab") + ["ArrowRight", "ArrowRight", "c"], "abc"),
        (list("a") + ["Shift", "B", "Control", "c"], "aBc"),
        (list("1 2") + ["ArrowLeft", "ArrowLeft", "Backspace", "9"], "9 2"),
    ],
)
def test_editing_keys_build_the_typed_text(typed, expected):
    closed, _ = run(keys(typed))
    assert [c.text for c in closed] == [expected]


def test_ssn_typed_digit_by_digit_with_a_correction_is_one_segment():
    typed = list("123-45-67") + ["8", "Backspace"] + list("89") + ["Enter"]
    closed, _ = run(keys(typed))
    assert len(closed) == 1
    assert closed[0].text == "123-45-6789"
    assert closed[0].kind == "typed_text"
    assert list(closed[0].source_event_ids) == [f"k{i}" for i in range(len(typed))]


@pytest.mark.parametrize("closer", ["Enter", "Tab"])
def test_enter_and_tab_close_the_segment(closer):
    events = keys(list("ab") + [closer] + list("cd"))
    r = Reassembler(30, 100)
    first = [c for e in events[:3] for c in r.feed(e)]
    assert [c.text for c in first] == ["ab"]
    rest = [c for e in events[3:] for c in r.feed(e)]
    assert rest == []
    assert [c.text for c in r.close_all()] == ["cd"]


def test_field_change_closes_the_other_field_of_the_session():
    events = keys(list("ab"), field="name") + keys(list("cd"), field="email", start=1, prefix="m")
    r = Reassembler(30, 100)
    closed = [c for e in events for c in r.feed(e)]
    assert [(c.field_id, c.text) for c in closed] == [("name", "ab")]
    assert [(c.field_id, c.text) for c in r.close_all()] == [("email", "cd")]


def test_idle_gap_in_event_time_splits_segments():
    events = keys(list("ab")) + keys(list("cd"), start=100, prefix="m")
    closed, _ = run(events, idle=30)
    assert [c.text for c in closed] == ["ab", "cd"]


def test_size_limit_closes_the_segment():
    closed, _ = run(keys(list("abcdefgh")), max_chars=5)
    assert [c.text for c in closed] == ["abcde", "fgh"]


def test_sessions_do_not_mix():
    a, b = keys(list("aaa"), session="A"), keys(list("bbb"), session="B", prefix="m")
    interleaved = [e for pair in zip(a, b) for e in pair]
    closed, _ = run(interleaved)
    assert sorted(c.text for c in closed) == ["aaa", "bbb"]


def test_secure_field_keystrokes_are_never_assembled():
    events = keys(list("hunter2"), field="password", secure=True)
    closed, r = run(events)
    assert all(isinstance(c, SecureKeystroke) for c in closed)
    assert len(closed) == 7
    assert not r.segments
    assert all(not isinstance(c, Event) for c in closed)


def test_switch_to_secure_field_closes_the_open_segment_first():
    events = keys(list("bob"), field="user") + keys(["x"], field="pw", secure=True, start=1, prefix="p")
    closed, _ = run(events)
    assert isinstance(closed[0], Event) and closed[0].text == "bob"
    assert isinstance(closed[1], SecureKeystroke)


def test_segment_state_round_trips_through_dict():
    r = Reassembler(30, 100)
    for e in keys(list("abc") + ["ArrowLeft"]):
        r.feed(e)
    segment = r.segments[("s1", "f1")]
    restored = type(segment).from_dict(segment.to_dict())
    assert restored == segment and restored.cursor == 2


def test_redelivered_keystrokes_are_not_typed_twice():
    events = keys(list("12") + ["Enter"] + list("34"))
    r = Reassembler(30, 100)
    first = [c for e in events for c in r.feed(e)]
    again = [c for e in events for c in r.feed(e)]
    assert [c.text for c in first] == ["12"] and again == []
    assert [c.text for c in r.close_all()] == ["34"]


def test_redelivery_is_ignored_after_the_remembered_ids_were_trimmed():
    from pipeline.core.reassembly import RECENT_IDS_KEPT

    r = Reassembler(30, 10_000)
    first = keys(["x"] * 300, field="f1", prefix="a")
    second = keys(["y"] * 300, field="f2", start=100, prefix="b")  # its first key closes f1
    third = keys(["z"] * 5, field="f3", start=200, prefix="c")  # closes f2: past the limit
    for e in first + second + third:
        r.feed(e)
    assert len(r.recent_ids["s1"]) == RECENT_IDS_KEPT
    # the tail of f2 and the open f3 come again, as after a restart: nothing is typed twice
    assert [c for e in second[-200:] + third for c in r.feed(e)] == []
    assert [c.text for c in r.close_all()] == ["zzzzz"]


def test_session_state_survives_export_and_import():
    events = keys(list("my ssn 12"))
    r = Reassembler(30, 100)
    for e in events[:5]:
        r.feed(e)
    restored = Reassembler(30, 100)
    restored.import_session("s1", r.export_session("s1"))
    for e in events:  # the first five are redelivered and ignored
        restored.feed(e)
    assert [c.text for c in restored.close_all()] == ["my ssn 12"]


def test_close_stale_uses_arrival_time():
    r = Reassembler(30, 100)
    for e in keys(list("ab")):
        r.feed(e, arrived_at=1000.0)
    assert r.close_stale(1020.0) == []
    assert [c.text for c in r.close_stale(1031.0)] == ["ab"]


def test_a_keystroke_id_counts_as_applied_only_in_its_own_session():
    # many sessions with a segment still open (a scan holds each one's last segment)
    r = Reassembler(30, 100)
    for n in range(50):
        for e in keys(list("ab"), session=f"s{n}", prefix=f"s{n}-"):
            r.feed(e)
    again = keys(list("ab"), session="s7", prefix="s7-")[1]
    assert r.feed(again) == [] and r.segments[("s7", "f1")].text == "ab"  # redelivered: ignored
    lookalike = keys(["c"], session="s8", prefix="s7-")[0]  # same id, another session
    r.feed(lookalike)
    assert r.segments[("s8", "f1")].text == "abc"
    state = r.export_session("s8")
    restored = Reassembler(30, 100)
    restored.import_session("s8", state)
    assert restored.feed(keys(["c"], session="s8", prefix="s7-")[0]) == []  # still known after restore
    closed = r.close_all()
    assert len(closed) == 50 and not r.segments and not r.open_fields


def test_a_different_keystroke_under_a_known_id_is_returned_to_be_held():
    from pipeline.core.reassembly import ReusedEventId

    first = keys(list("ab"))
    reused = keys(list("Z"), start=5.0)  # id "k0" again, other key and time
    r = Reassembler(30, 100)
    for e in first:
        r.feed(e)
    [out] = r.feed(reused[0])
    assert isinstance(out, ReusedEventId) and out.event is reused[0]
    assert [c.text for c in r.close_all()] == ["ab"]  # it was not typed into the segment
    assert r.redeliveries_ignored == 0


def test_redeliveries_are_counted_and_survive_a_restart_with_their_fingerprints():
    from pipeline.core.reassembly import ReusedEventId

    events = keys(list("abc"))
    r = Reassembler(30, 100)
    for e in events:
        r.feed(e)
    restored = Reassembler(30, 100)
    restored.import_session("s1", r.export_session("s1"))
    assert [restored.feed(e) for e in events] == [[], [], []] and restored.redeliveries_ignored == 3
    [out] = restored.feed(keys(["q"], start=9.0)[0])
    assert isinstance(out, ReusedEventId)
