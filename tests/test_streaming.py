"""The worker's batch handling without Kafka: keystroke sessions across batches, and
when their memory may be forgotten."""

from __future__ import annotations

from pipeline.stream.batch import BatchHandler
from tests.factories import event, raw

TOPIC = "raw.keystrokes"


def typed(text: str, session: str = "s-pin") -> list[tuple[str, bytes]]:
    keys = list(text) + ["Enter"]
    return [
        (TOPIC, raw(event("keystroke", event_id=f"{session}-{i}", session_id=session, key=k, ts=f"2026-06-18T14:00:{i:02d}Z")))
        for i, k in enumerate(keys)
    ]


def test_a_redelivered_tail_is_not_a_new_segment_until_the_commit_has_passed_it(pipeline):
    handler = BatchHandler(pipeline)
    messages = typed("ip pin 649263")
    positions = [(3, 100 + i) for i in range(len(messages))]
    stored: dict[str, dict] = {}
    first = handler.route_keystrokes(messages, stored.get, arrived_at=1000.0, positions=positions)
    assert [r.route for r in first.routed] == ["clean"] and "649263" not in first.routed[0].record["text"]
    stored.update(first.session_states)
    assert stored["s-pin"]["position"] == [3, 100 + len(messages) - 1]

    # Long idle, but the group's commit is still before the keystrokes: keep the memory.
    kept = handler.close_stale(stored, wall_now=5000.0, committed=lambda partition: 105)
    assert kept.session_states == {} and kept.routed == []
    # A restart redelivers the tail ("649263", Enter): recognised, nothing new routed.
    tail = messages[7:]
    again = handler.route_keystrokes(tail, stored.get, arrived_at=5001.0, positions=positions[7:])
    assert again.routed == []

    # Once the commit is past the last keystroke, the session may be forgotten.
    gone = handler.close_stale(stored, wall_now=9000.0, committed=lambda partition: 100 + len(messages))
    assert gone.session_states == {"s-pin": None}


def test_without_that_memory_the_tail_would_be_a_fragment(pipeline):
    # Why the rule exists: the digits alone carry no context and would route clean.
    handler = BatchHandler(pipeline)
    fragment = handler.route_keystrokes(typed("ip pin 649263")[7:], {}.get, arrived_at=1.0)
    assert [r.record.get("text") for r in fragment.routed] == ["649263"]


def test_the_worker_keeps_its_faust_data_out_of_the_working_directory(pipeline, tmp_path):
    # a read-only root filesystem (the k8s Deployment) must not stop a worker starting
    from pipeline.stream.app import create_app

    settings = pipeline.settings.model_copy(update={"data_dir": tmp_path / "not-yet"})
    app, _ = create_app(settings, pipeline)
    assert app.conf.datadir == tmp_path / "not-yet" / f"{settings.group_id}-data"
    assert (tmp_path / "not-yet").is_dir()  # faust itself only creates the last level


def test_the_idle_timer_opens_a_session_again_only_when_it_changed_or_its_quiet_period_ended(pipeline):
    from pipeline.stream.batch import IdleSessions
    from pipeline.stream.state import StateCipher

    handler, cipher = BatchHandler(pipeline), StateCipher(b"test-only-state-secret")
    gap = pipeline.settings.keystroke_idle_gap_s
    half_typed = typed("meet at 5")[:-1]  # no Enter: the segment stays open
    state = handler.route_keystrokes(half_typed, {}.get, arrived_at=1000.0).session_states["s-pin"]
    sealed = {"s-pin": cipher.seal("s-pin", state)}
    opened: list[str] = []

    def open_state(session, stored):
        opened.append(session)
        return cipher.open(session, stored)

    idle = IdleSessions(gap)
    due, segments = idle.due(sealed, 1001.0, open_state)
    assert list(due) == ["s-pin"] and segments == 1 and handler.close_stale(due, 1001.0).routed == []
    due, segments = idle.due(sealed, 1002.0, open_state)  # unchanged and still typing-fresh
    assert due == {} and segments == 1 and opened == ["s-pin"]
    resealed = {"s-pin": cipher.seal("s-pin", state)}  # new keystrokes: a new nonce
    assert list(idle.due(resealed, 1003.0, open_state)[0]) == ["s-pin"]
    due, _ = idle.due(resealed, 1000.0 + gap + 1, open_state)  # idle for the gap: close it
    assert [r.route for r in handler.close_stale(due, 1000.0 + gap + 1).routed] == ["clean"]
