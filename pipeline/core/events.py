"""Input schema and validation: bytes in, an Event or a Malformed out (never raises)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache, partial
from typing import Annotated, Any

import msgspec

from pipeline.core.codes import Reason
from pipeline.core.log_ids import PERSONAL_SHAPE

KINDS = ("keystroke", "prompt", "screen_text", "click")
FREE_TEXT_FIELDS = ("text", "window_title", "url", "target_text")

_SURROGATE = re.compile("[\ud800-\udfff]")
# Whitespace between a key and its colon: the one-pass path's duplicate-key count needs none.
_SPACE_BEFORE_COLON = re.compile(rb'"\s+:')
# a mouse button's name or number ("left", "2", "aux_1"): it reaches clean as it came
_BUTTON = re.compile(r"[A-Za-z0-9_-]{1,16}")
MAX_NESTING = 32  # levels of arrays and objects; no field of the schema nests at all
_STRING_FIELDS = (
    "event_id",
    "kind",
    "ts",
    "user_id",
    "device_id",
    "session_id",
    "app",
    "window_title",
    "url",
    "text",
    "button",
    "target_text",
    "key",
    "field_id",
)
_STRING_FIELD_SET = frozenset(_STRING_FIELDS)
_REQUIRED = ("event_id", "kind", "ts", "user_id")
_REQUIRED_BY_KIND = {
    "keystroke": ("session_id", "key", "field_id"),
    "prompt": ("text",),
    "screen_text": ("text",),
    "click": (),
}


@dataclass(frozen=True)
class Event:
    """A validated input event. Unknown input fields are not kept; free text is not in repr()."""

    event_id: str
    kind: str
    ts: str
    user_id: str
    timestamp: float
    device_id: str | None = None
    session_id: str | None = None
    app: str | None = None
    window_title: str | None = field(default=None, repr=False)
    url: str | None = field(default=None, repr=False)
    text: str | None = field(default=None, repr=False)
    x: float | None = None
    y: float | None = None
    button: str | None = None
    target_text: str | None = field(default=None, repr=False)
    key: str | None = field(default=None, repr=False)
    field_id: str | None = None
    secure_field: bool = False
    source_event_ids: tuple[str, ...] = field(default=())

    def free_text(self) -> dict[str, str]:
        """The free-text fields present on this event, by name."""
        return {n: getattr(self, n) for n in FREE_TEXT_FIELDS if getattr(self, n)}


@dataclass(frozen=True)
class Malformed:
    """Input that failed validation. `problem` names the field, never its value."""

    problem: str
    raw: bytes = field(repr=False)  # the payload never appears in logs or tracebacks
    event_id: str | None = None
    kind: str | None = None
    ts: str | None = None
    user_id: str | None = None
    reason: str = Reason.MALFORMED


# Ids and the app name reach clean records as they came: they must not hold personal data
# (an e-mail, an SSN, a long number) or what hides it (spaces, control characters).
# PII_ID_PATTERN replaces ID_PATTERN; a canonical UUID is always an id.
ID_PATTERN = r"(?!.*\d{9})(?!.*\d{3}[- ]\d{2}[- ]\d{4})[^\s@\x00-\x1f\x7f-\x9f]{1,256}"
ID_FORM = re.compile(ID_PATTERN)
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_ID_FIELDS = ("event_id", "device_id", "session_id")
_APP_PROBLEM = re.compile(rf"{PERSONAL_SHAPE}|[\x00-\x1f\x7f-\x9f]")


def parse_event(raw: bytes | str, max_bytes: int, max_field_chars: int, id_form: re.Pattern = ID_FORM) -> Event | Malformed:
    """Decode and validate one message value. Never raises; bad input becomes Malformed.
    `id_form` is what an event, device or session id must fully match (ID_PATTERN)."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", errors="surrogatepass")
    if len(raw) > max_bytes:
        return Malformed(f"oversized: {len(raw)} bytes > {max_bytes}", raw)
    fast = _parse_valid(raw, max_field_chars)
    event = fast if fast is not None else _parse_checked(raw, max_field_chars)
    if isinstance(event, Event):
        problem = _metadata_problem(event, id_form)
        if problem:
            return Malformed(problem, raw, *_safe_identity(event))
    return event


def _metadata_problem(event: Event, id_form: re.Pattern) -> str | None:
    """The first id or app name that may hold personal data, named (never shown)."""
    for name in _ID_FIELDS:
        value = getattr(event, name)
        if value is not None and not _is_id(value, id_form):
            return f"{name}: not an id (PII_ID_PATTERN)"
    if event.app is not None and _APP_PROBLEM.search(event.app):
        return "app: not an app name (an e-mail, a long number or a control character)"
    return None


def _safe_identity(event: Event) -> tuple[str | None, str, str, str]:
    """The identity a held record keeps: an event id only when it has the default id form."""
    return (event.event_id if _is_id(event.event_id) else None), event.kind, event.ts, event.user_id


def _is_id(value: str, id_form: re.Pattern = ID_FORM) -> bool:
    return bool(id_form.fullmatch(value) or _UUID.fullmatch(value))


def _parse_checked(raw: bytes, max_field_chars: int) -> Event | Malformed:
    """Decode and validate step by step, naming the first problem."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Malformed("not valid UTF-8", raw)
    try:
        obj = _strict_json(text)
    except _Ambiguous as exc:
        return Malformed(str(exc), raw, **_unambiguous_identity(text, exc.keys))
    except RecursionError:
        return Malformed(f"nested deeper than {MAX_NESTING} levels", raw)
    except ValueError:
        return Malformed("not valid JSON", raw)
    if _nesting_depth(obj) > MAX_NESTING:
        return Malformed(f"nested deeper than {MAX_NESTING} levels", raw)
    if not isinstance(obj, dict):
        return Malformed("not a JSON object", raw)
    event = validate_event(obj, raw, max_field_chars)
    if isinstance(event, Event) and not _encodes(obj):
        return Malformed("unknown field: lone surrogate", raw, **_identity(obj))
    return event


def _nesting_depth(obj: Any) -> int:
    """How deep arrays and objects nest in a decoded message (walked without recursion).
    Deep nesting exhausts recursive parsers and encoders downstream."""
    deepest, stack = 0, [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            deepest = max(deepest, depth)
            if depth <= MAX_NESTING:
                stack.extend((v, depth + 1) for v in (value.values() if isinstance(value, dict) else value))
    return deepest


class _Ambiguous(ValueError):
    """JSON that parsers read differently: a collector and pii-stream could disagree on it.
    The message names the problem, never a value; `keys` are the repeated keys."""

    def __init__(self, problem: str, keys: frozenset[str] = frozenset()) -> None:
        super().__init__(problem)
        self.keys = keys


def _unambiguous_identity(text: str, repeated: frozenset[str]) -> dict[str, Any]:
    """The identity fields of an ambiguous message that it states once (a repeated
    `event_id` is no identity), so the held record can still be traced."""
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(obj, dict):
        return {}
    return {name: (None if name in repeated else value) for name, value in _identity(obj).items()}


def _strict_json(text: str) -> Any:
    """The standard library's reading of `text`, refusing what it would read permissively:
    repeated keys (the last one would win silently: a second `secure_field` or `app`),
    NaN and Infinity, and numbers too large for a float. Lone surrogate escapes are
    judged after (`_find_problem` names the field; `_encodes` covers the rest)."""
    return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant, parse_float=_finite_float)


def _encodes(obj: dict[str, Any]) -> bool:
    """Every string in the message, keys and unknown fields included, is Unicode that
    encodes (a lone surrogate does not, and would stop whatever writes the record)."""
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, RecursionError, ValueError):
        return False
    return True


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        names = [k for k, _ in pairs]
        raise _Ambiguous("duplicate key", frozenset(k for k in obj if names.count(k) > 1))
    return obj


def _no_constant(name: str) -> float:
    raise _Ambiguous("non-finite number")


def _finite_float(literal: str) -> float:
    number = float(literal)
    if not math.isfinite(number):
        raise _Ambiguous("non-finite number")
    return number


def validate_event(obj: dict[str, Any], raw: bytes, max_field_chars: int) -> Event | Malformed:
    """Validate a decoded JSON object against the input schema of docs/contract.md."""
    problem = _find_problem(obj, max_field_chars)
    if problem:
        return Malformed(problem, raw, **_identity(obj))
    timestamp = _parse_ts(obj["ts"])
    if timestamp is None:
        return Malformed("ts: not RFC 3339", raw, **_identity(obj))
    values: dict[str, Any] = {name: obj.get(name) for name in _STRING_FIELDS}
    values.update(
        timestamp=timestamp,
        x=obj.get("x"),
        y=obj.get("y"),
        secure_field=bool(obj.get("secure_field", False)),
        source_event_ids=(obj["event_id"],),
    )
    return _event_of(values)


_EVENT_FIELDS = frozenset(Event.__dataclass_fields__)


def _parse_valid(raw: bytes, max_field_chars: int) -> Event | None:
    """The Event of a message that passes every check, decoded and type-checked by
    msgspec in one pass (a keystroke parses in ~5 µs, against 8-13 µs step by step, here); None for
    anything else, which `_parse_checked` then judges and names. It accepts nothing the
    step-by-step path refuses and builds the same Event (tests/test_events.py compares
    the two on valid and broken messages)."""
    try:
        if not raw.isascii():
            raw.decode("utf-8")  # msgspec skips unknown fields' keys without checking them
        wire = _wire_decoder(max_field_chars).decode(raw)
    except Exception:  # noqa: BLE001 - whatever msgspec refuses is judged step by step
        return None
    # the step-by-step path's own requirement rules, so the two cannot drift apart
    if _missing(partial(getattr, wire)) is not None or (wire.kind == "keystroke" and wire.key == ""):
        return None
    if wire.button is not None and not _BUTTON.fullmatch(wire.button):
        return None
    if not _keys_certainly_unique(raw):
        return None
    if (wire.x is not None or wire.y is not None) and not (_in_64_bits(wire.x) and _in_64_bits(wire.y)):
        return None
    timestamp = _parse_ts(wire.ts)
    if timestamp is None:
        return None
    event = object.__new__(Event)
    values = event.__dict__
    values.update(msgspec.structs.asdict(wire))
    values["timestamp"] = timestamp
    values["secure_field"] = wire.secure_field is True
    values["source_event_ids"] = (wire.event_id,)
    return event


def _keys_certainly_unique(raw: bytes) -> bool:
    """True only when the message (a JSON object msgspec accepted) repeats no key. With no
    whitespace before any colon, every key is followed by `":` and a string can hold the
    pair only escaped (`\\":`), so the count of `":` is at least the number of keys; it
    equals the number of distinct top-level keys only when none repeats and nothing is
    nested. Anything else goes the step-by-step way, which checks every object and the
    depth of nesting."""
    if _SPACE_BEFORE_COLON.search(raw) or raw.count(b"{") != 1 or b"[" in raw:
        return False  # nesting (or brackets in a text) is judged step by step, depth included
    return raw.count(b'":') == len(msgspec.json.decode(raw))


def _in_64_bits(number: float | None) -> bool:
    """Beyond 64 bits msgspec keeps an integer whole and orjson makes it a float."""
    return not isinstance(number, int) or -(2**63) <= number < 2**64


@lru_cache(maxsize=4)
def _wire_decoder(max_field_chars: int) -> msgspec.json.Decoder:
    """A decoder for the input schema's fields, every one optional, strings no longer
    than `max_field_chars` characters; numbers stay int or float as sent."""
    text = Annotated[str, msgspec.Meta(max_length=max_field_chars)] | None
    number = int | float | None
    fields: list[tuple[str, Any, None]] = [(name, text, None) for name in _STRING_FIELDS]
    fields += [("x", number, None), ("y", number, None), ("secure_field", bool | None, None)]
    return msgspec.json.Decoder(msgspec.defstruct("WireEvent", fields))


def _event_of(values: dict[str, Any]) -> Event:
    """`Event(**values)` for validated values of every field, without the frozen
    dataclass's object.__setattr__ per field (a third of parsing a keystroke)."""
    if values.keys() != _EVENT_FIELDS:
        raise ValueError("validate_event sets every field")
    event = object.__new__(Event)
    event.__dict__.update(values)
    return event


def _find_problem(obj: dict[str, Any], max_field_chars: int) -> str | None:
    for name, value in obj.items():  # the fields present, not every known one
        if value is None or name not in _STRING_FIELD_SET:
            continue
        if not isinstance(value, str):
            return f"{name}: expected a string"
        if len(value) > max_field_chars:
            return f"{name}: longer than {max_field_chars} characters"
        if not value.isascii() and _SURROGATE.search(value):
            return f"{name}: lone surrogate"
    missing = _missing(obj.get)
    if missing:
        return missing
    kind = obj["kind"]
    for name in ("x", "y"):
        value = obj.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            return f"{name}: expected a number"
    secure = obj.get("secure_field")
    if secure is not None and not isinstance(secure, bool):
        return "secure_field: expected a boolean"
    if kind == "keystroke" and obj.get("key") == "":
        return "key: empty"
    button = obj.get("button")
    if button is not None and not _BUTTON.fullmatch(button):
        return "button: not a button name"
    return None


def _missing(get: Callable[[str], Any]) -> str | None:
    """The first required field absent or empty (a keystroke's key may be empty here:
    it is judged last), or an unknown kind; `get` reads a field (None when absent)."""
    for name in _REQUIRED:
        if not get(name):
            return f"{name}: required"
    kind = get("kind")
    if kind not in KINDS:
        return "kind: unknown"
    for name in _REQUIRED_BY_KIND[kind]:
        value = get(name)
        if value is None or (name != "key" and value == ""):
            return f"{name}: required for {kind}"
    return None


def _parse_ts(value: str) -> float | None:
    if "T" not in value.upper() or len(value) < 20:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed.timestamp()


def _identity(obj: dict[str, Any]) -> dict[str, Any]:
    """Identity fields kept on a Malformed record, only when they are well-typed."""
    out: dict[str, str | None] = {}
    for name in ("event_id", "kind", "ts", "user_id"):
        value = obj.get(name)
        ok = isinstance(value, str) and 0 < len(value) <= 256 and not _SURROGATE.search(value)
        if ok and name == "event_id" and isinstance(value, str):
            ok = _is_id(value)  # it stays readable in held records
        out[name] = value if ok else None
    if out["ts"] is not None and _parse_ts(out["ts"]) is None:
        out["ts"] = None
    if out["kind"] not in KINDS:
        out["kind"] = None
    return out
