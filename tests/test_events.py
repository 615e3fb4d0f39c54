"""Input validation: every kind parses; every malformed input becomes Malformed, never raises."""

from __future__ import annotations

import dataclasses
import json
import random

import pytest

from pipeline.core.events import Event, Malformed, parse_event
from tests.factories import event, raw

MAX_BYTES, MAX_CHARS = 4096, 1024


def parse(value):
    return parse_event(value, MAX_BYTES, MAX_CHARS)


@pytest.mark.parametrize("kind", ["prompt", "screen_text", "click", "keystroke"])
def test_valid_events_of_every_kind_parse(kind):
    parsed = parse(raw(event(kind, secret_extra_field="dropped")))
    assert isinstance(parsed, Event)
    assert parsed.kind == kind
    assert parsed.source_event_ids == ("ev-1",)
    assert not hasattr(parsed, "secret_extra_field")


@pytest.mark.parametrize(
    "value,problem",
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe{}", "not valid UTF-8"),
        (b"[1, 2]", "not a JSON object"),
        (raw(event(event_id=None)), "event_id: required"),
        (raw(event(kind="telepathy")), "kind: unknown"),
        (raw(event(ts="yesterday")), "ts: not RFC 3339"),
        (raw(event(ts="2026-06-18T14:03:07")), "ts: not RFC 3339"),
        (raw(event(user_id=42)), "user_id: expected a string"),
        (raw(event(text=None)), "text: required for prompt"),
        (raw(event("keystroke", session_id=None)), "session_id: required for keystroke"),
        (raw(event("keystroke", key="")), "key: empty"),
        (raw(event("click", x="left")), "x: expected a number"),
        (raw(event("keystroke", secure_field="yes")), "secure_field: expected a boolean"),
        (raw(event(text="x" * (MAX_CHARS + 1))), "text: longer than"),
        (b"{" + b" " * MAX_BYTES + b"}", "oversized"),
    ],
)
def test_malformed_inputs_name_the_problem(value, problem):
    parsed = parse(value)
    assert isinstance(parsed, Malformed)
    assert parsed.problem.startswith(problem)


def test_malformed_keeps_only_well_typed_identity_fields():
    parsed = parse(raw(event(ts="not a time", text=7)))
    assert isinstance(parsed, Malformed)
    assert (parsed.event_id, parsed.kind, parsed.ts, parsed.user_id) == ("ev-1", "prompt", None, "user-001")


def test_problem_never_contains_the_value():
    parsed = parse(raw(event(user_id=["123-45-6789"])))
    assert "123-45-6789" not in parsed.problem


def _mutations(rng: random.Random, valid: bytes) -> bytes:
    choice = rng.randrange(8)
    if choice == 0:
        cut = rng.randrange(len(valid))
        return valid[:cut]
    if choice == 1:
        data = bytearray(valid)
        data[rng.randrange(len(data))] = rng.choice([0xFF, 0xC3, 0x80, 0x00])
        return bytes(data)
    obj = json.loads(valid)
    if choice == 2:
        obj.pop(rng.choice(["event_id", "kind", "ts", "user_id"]))
    elif choice == 3:
        obj[rng.choice(list(obj))] = rng.choice([None, 1, 2.5, [], {}, True, ""])
    elif choice == 4:
        obj["kind"] = rng.choice(["", "KEYSTROKE", "mouse", 3])
    elif choice == 5:
        obj["ts"] = rng.choice(["", "2026-13-45T99:00:00Z", "1718719387", "2026-06-18"])
    elif choice == 6:
        return b"{" * rng.randrange(1, 50000)
    else:
        obj["text"] = "\ud800" + "x"
        return json.dumps(obj).encode("utf-8", "surrogatepass")
    return json.dumps(obj).encode("utf-8")


def test_fuzzed_batch_of_malformed_events_never_raises():
    rng = random.Random(1234)
    kinds = ["prompt", "screen_text", "click", "keystroke"]
    outcomes = [parse(_mutations(rng, raw(event(rng.choice(kinds))))) for _ in range(1500)]
    malformed = [o for o in outcomes if isinstance(o, Malformed)]
    assert len(malformed) >= 1000
    assert all(o.problem for o in malformed)


def _edge_cases(rng: random.Random, valid: bytes) -> bytes:
    """Where a one-pass decoder and the step-by-step checks could part: numbers, repeated
    keys, lengths at the limit, escapes, nesting, types of every field."""
    obj = json.loads(valid)
    choice = rng.randrange(9)
    if choice == 0:
        obj[rng.choice(["x", "y"])] = rng.choice([1, 1.0, -0.0, 0, 2**70, 1e300, True, "3", None, -7])
    elif choice == 1:
        name = rng.choice(["text", "window_title", "key", "user_id", "app"])
        obj[name] = rng.choice("aé😀") * rng.choice([MAX_CHARS - 1, MAX_CHARS, MAX_CHARS + 1])
    elif choice == 2:
        obj["secure_field"] = rng.choice([True, False, None, 0, 1, "true"])
    elif choice == 3:
        text = json.dumps(obj)[:-1]
        return (text + ', "kind": ' + json.dumps(rng.choice(["click", "prompt", "nope", ""])) + "}").encode()
    elif choice == 4:
        obj["extra"] = json.loads("[" * 40 + "]" * 40)
    elif choice == 5:
        obj[rng.choice(list(obj))] = rng.choice(["", " ", "\u0000", "\ud83d\ude00", "a\nb", 0, [], {}, False])
    elif choice == 6:
        obj["key"] = rng.choice(["", "Backspace", "a", None, 1])
    elif choice == 7:
        obj["ts"] = rng.choice(
            ["2026-06-18T14:03:07+02:00", "2026-06-18t14:03:07z", "2026-06-18T14:03:07.123456Z", "2026-06-18 14:03:07Z"]
        )
    else:
        for name in rng.sample(sorted(obj), 2):
            obj.pop(name)
    return json.dumps(obj).encode("utf-8")


def _outcome(parsed):
    if isinstance(parsed, Malformed):
        return parsed
    return sorted((name, type(value).__name__, value) for name, value in vars(parsed).items())


def test_the_one_pass_decoder_accepts_and_builds_exactly_what_the_checks_do(monkeypatch):
    from pipeline.core import events

    rng = random.Random(77)
    kinds = ["prompt", "screen_text", "click", "keystroke"]
    messages = [_mutations(rng, raw(event(rng.choice(kinds)))) for _ in range(1500)]
    messages += [_edge_cases(rng, raw(event(rng.choice(kinds)))) for _ in range(3000)]
    messages += [raw(event(kind, device_id="d-1", session_id="s-2", url="https://example.org/a")) for kind in kinds]
    fast = [parse(message) for message in messages]
    monkeypatch.setattr(events, "_parse_valid", lambda raw, max_field_chars: None)
    checked = [parse(message) for message in messages]
    for message, one_pass, step_by_step in zip(messages, fast, checked):
        assert _outcome(one_pass) == _outcome(step_by_step), message[:200]
    accepted = sum(isinstance(o, Event) for o in fast)
    assert 1000 < accepted < len(messages) - 1000  # both sides of the line were tried


def test_a_parsed_event_equals_one_built_by_its_constructor():
    # parsing builds events without the frozen dataclass's __init__ (speed): same result
    fields = {
        "event_id": "ev-9",
        "kind": "click",
        "ts": "2026-06-18T14:03:07Z",
        "user_id": "user-009",
        "device_id": "dev-1",
        "session_id": "s-9",
        "app": "Chrome",
        "window_title": "Orders",
        "url": "https://example.org/orders",
        "button": "left",
        "target_text": "Save",
        "field_id": "f-1",
        "x": 10,
        "y": 20.5,
        "secure_field": False,
    }
    parsed = parse_event(json.dumps(fields), 65536, 4096)
    built = Event(**{**fields, "timestamp": parsed.timestamp, "source_event_ids": ("ev-9",)})
    assert parsed == built and hash(parsed) == hash(built)
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    "value,problem",
    [
        ('"\\ud800x"', "text: lone surrogate"),  # valid JSON the fast parser refuses
        ("NaN", "non-finite number"),
        ("1" * 40, "text: expected a string"),
    ],
)
def test_json_the_fast_parser_refuses_is_judged_as_the_standard_library_reads_it(value, problem):
    body = raw(event(text="placeholder")).decode().replace('"placeholder"', value)
    parsed = parse_event(body.encode(), 65536, 4096)
    assert isinstance(parsed, Malformed) and parsed.problem == problem


def _with_repeated(obj: dict, name: str, value) -> bytes:
    """`obj` as JSON with `name` written a second time, last (where a lax parser reads it)."""
    return (json.dumps(obj)[:-1] + f", {json.dumps(name)}: {json.dumps(value)}}}").encode()


@pytest.mark.parametrize(
    "message",
    [
        _with_repeated(event("keystroke", secure_field=True), "secure_field", False),
        _with_repeated(event(app="1Password"), "app", "Notes"),
        _with_repeated(event(), "text", "hello"),
        _with_repeated(event(extra={"a": 1}), "extra", 2),
        raw(event(extra={"a": 1})).replace(b'"a": 1', b'"a": 1, "a": 2'),
    ],
    ids=["secure_field", "app", "text", "unknown", "nested"],
)
def test_a_repeated_key_makes_the_message_malformed_on_both_paths(message, monkeypatch):
    from pipeline.core import events

    identity = {"event_id": "ev-1", "kind": json.loads(message)["kind"], "ts": "2026-06-18T14:03:07Z", "user_id": "user-001"}
    assert parse(message) == Malformed("duplicate key", message, **identity)
    monkeypatch.setattr(events, "_parse_valid", lambda raw, max_field_chars: None)
    assert parse(message) == Malformed("duplicate key", message, **identity)


def test_a_repeated_identity_field_is_no_identity():
    parsed = parse(_with_repeated(event(), "event_id", "ev-2"))
    assert isinstance(parsed, Malformed) and parsed.problem == "duplicate key"
    assert (parsed.event_id, parsed.user_id) == (None, "user-001")


def test_a_message_without_repeats_still_parses_however_it_is_spaced():
    spaced = raw(event(extra={"app": 1, "nested": {"text": "x"}})).replace(b'":', b'" :')
    assert isinstance(parse(spaced), Event)


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999", "-1e400"])
def test_non_finite_numbers_make_a_message_malformed(literal):
    body = raw(event("click", x=1, y=2)).replace(b'"x": 1', f'"x": {literal}'.encode())
    parsed = parse(body)
    assert isinstance(parsed, Malformed) and parsed.problem == "non-finite number"


@pytest.mark.parametrize("name", ["event_id", "user_id", "kind", "ts", "app", "text", "session_id"])
def test_a_lone_surrogate_in_any_field_is_malformed_and_kept_out_of_the_identity(name):
    message = raw(event(**{name: "a\ud800b"}))  # json.dumps writes the escape \ud800
    assert b"\\ud800" in message
    parsed = parse(message)
    assert isinstance(parsed, Malformed)
    for identity in (parsed.event_id, parsed.kind, parsed.ts, parsed.user_id):
        assert identity is None or identity.encode("utf-8")


@pytest.mark.parametrize("extra", [{"extra": "\udc00"}, {"\ud800": 1}, {"extra": ["ok", {"deep": "\udfff"}]}])
def test_a_lone_surrogate_outside_the_schema_is_malformed_too(extra):
    parsed = parse(raw(event(**extra)))
    assert isinstance(parsed, Malformed) and parsed.problem == "unknown field: lone surrogate"
    assert parsed.event_id == "ev-1"


@pytest.mark.parametrize("button", ["left", "right", "2", "aux_1"])
def test_button_names_parse(button):
    assert isinstance(parse(raw(event("click", button=button))), Event)


@pytest.mark.parametrize("button", ["321-54-9876 ", "a.person@example.com", "\x1b[2J", "x" * 17, ""])
def test_a_button_that_is_no_button_name_is_malformed_on_both_paths(button, monkeypatch):
    from pipeline.core import events

    message = raw(event("click", button=button))
    assert parse(message).problem == "button: not a button name"
    monkeypatch.setattr(events, "_parse_valid", lambda raw, max_field_chars: None)
    assert parse(message).problem == "button: not a button name"


@pytest.mark.parametrize(
    "field,value",
    [
        ("event_id", "jane.doe@example.com"),
        ("event_id", "321-54-9876"),
        ("event_id", "ev 1"),
        ("event_id", "\x1b]0;x\x07"),
        ("session_id", "4111111111111111"),
        ("device_id", "laptop of jane"),
        ("app", "mail jane.doe@example.com"),
        ("app", "Notes\x1b[2J"),
    ],
)
def test_metadata_that_may_hold_personal_data_makes_the_event_malformed(field, value):
    parsed = parse(raw(event("keystroke", **{field: value})))
    assert isinstance(parsed, Malformed) and parsed.problem.startswith(f"{field}: not ")
    assert value not in parsed.problem and parsed.event_id in (None, "ev-1")


@pytest.mark.parametrize(
    "value",
    [
        "ev-000123",
        "a-0001#k3",
        "550e8400-e29b-41d4-a716-446655440000",
        "123456789012-e29b-41d4-a716-446655440000"[:0] + "0e8400e2-9b41-d4a7-1644-665544000012",
    ],
)
def test_ordinary_ids_and_uuids_pass(value):
    assert isinstance(parse(raw(event(event_id=value, session_id=value, device_id=value))), Event)


def test_a_held_record_never_keeps_an_id_shaped_like_personal_data():
    parsed = parse(raw(event(event_id="jane.doe@example.com", ts="not a time")))
    assert isinstance(parsed, Malformed) and parsed.event_id is None


def test_the_id_form_is_configurable():
    import re

    numeric = raw(event(event_id="1789235567123456789"))  # a 64-bit numeric id
    assert isinstance(parse(numeric), Malformed)
    assert isinstance(parse_event(numeric, MAX_BYTES, MAX_CHARS, re.compile(r"\d{1,20}")), Event)
