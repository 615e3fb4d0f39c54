"""Accuracy on text nobody on this project wrote (`../shared/corpora`, README there).

Two corpus formats:
- a directory with `events.jsonl` (pipeline input events) and `spans.jsonl`
  (`event_id`, `entity_type`, `value`): a span *leaks* when its value is still readable
  in the clean record of its event (case-insensitive, whole words; values with digits
  compared on letters and digits only, so separators do not hide a number);
- `cases.jsonl` of workplace cases, each with an `expect`ed route and `sensitive` values.

Every figure is read from what a downstream consumer sees: the clean records that
`route_stream` (the worker's own path) produces. Plain Presidio (analyze + anonymize
with its defaults, same spaCy model) is measured beside where asked.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.core.codes import Route
from pipeline.core.events import FREE_TEXT_FIELDS
from pipeline.core.processor import Pipeline, route_stream
from pipeline.eval.labelled import load_corpus

if TYPE_CHECKING:
    from pipeline.eval.baseline import PlainPresidio

# Span types of presidio-evaluator that are personal data; the rest (GPE, ORGANIZATION,
# DATE_TIME, TITLE, NRP, AGE, ZIP_CODE, DOMAIN_NAME) are context, reported apart.
# The peer suite (bench/peer) adds identifier types; ABA routing numbers name a bank, not a person.
PERSONAL_SPAN_TYPES = {
    "PERSON",
    "STREET_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "IBAN_CODE",
    "EMAIL_ADDRESS",
    "IP_ADDRESS",
    "US_SSN",
    "US_DRIVER_LICENSE",
    "LOCATION",
    "US_ITIN",
    "US_PASSPORT",
    "US_BANK_NUMBER",
    "CRYPTO",
}
# Case values whose presence in clean is a leak of a name or contact datum (issue 10's group).
NAME_CONTACT = {"name", "contact"}


HALVES = ("tune", "check")


def half_of(identifier: str) -> str:
    """The half of a corpus an event or case belongs to, by a stable hash of its id: the
    first byte of its SHA-256, even for the *tune* half (rules are written and tuned on
    it), odd for the *check* half (a gain counts only when it holds here; the figure to
    report)."""
    return HALVES[hashlib.sha256(identifier.encode("utf-8")).digest()[0] % 2]


def corpus_kind(path: Path) -> str:
    """'spans', 'cases' or 'labelled' (our own format, `pipeline.eval.labelled`)."""
    if path.is_dir() and (path / "events.jsonl").is_file() and (path / "spans.jsonl").is_file():
        return "spans"
    if path.is_dir() and (path / "cases.jsonl").is_file():
        return "cases"
    if path.is_file() and path.name == "cases.jsonl":
        return "cases"
    return "labelled"


# --- reading what leaked ---------------------------------------------------------------


def _alnum(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def still_readable(value: str, texts: list[str]) -> bool:
    """True when `value` can still be read in one of `texts` (see module docstring)."""
    if not value.strip():
        return False
    if any(c.isdigit() for c in value):
        needle = _alnum(value)
        return bool(needle) and any(needle in _alnum(t) for t in texts)
    pattern = re.compile(r"(?<!\w)" + re.escape(value.strip()) + r"(?!\w)", re.IGNORECASE)
    return any(pattern.search(t) for t in texts)


def _fields(record: dict) -> list[str]:
    """The free-text fields of an input event or an output record, in field order."""
    return [record[f] for f in FREE_TEXT_FIELDS if isinstance(record.get(f), str)]


def route_events(pipeline: Pipeline, events: list[dict]) -> dict[str, list]:
    """Routed records by source event id (a typed segment is listed under each keystroke)."""
    by_source: dict[str, list] = defaultdict(list)
    raws = [json.dumps(e) for e in events]
    for routed in route_stream(pipeline, raws, pipeline.settings.batch_size):
        for source in routed.source_event_ids or [str(routed.record.get("event_id"))]:
            by_source[source].append(routed)
    return by_source


# --- events + spans --------------------------------------------------------------------


def evaluate_spans(pipeline: Pipeline, directory: Path, plain: PlainPresidio | None = None) -> dict:
    """Leak rate per entity type, entity-free texts unchanged, routes; plain Presidio beside."""
    events = load_corpus(directory / "events.jsonl")
    spans = load_corpus(directory / "spans.jsonl")
    routed = route_events(pipeline, events)
    ours = {e["event_id"]: _clean_fields(routed.get(e["event_id"], [])) for e in events}
    report = {
        "corpus": directory.name,
        "events": len(events),
        "routes": dict(Counter(str(r.route) for rs in routed.values() for r in rs)),
        "pii_stream": span_figures(events, spans, ours),
    }
    theirs: dict[str, list[str] | None] | None = None
    if plain is not None:
        theirs = {e["event_id"]: [plain.redact(text) for text in _fields(e)] for e in events}
        report["plain_presidio"] = span_figures(events, spans, theirs)
    halves: dict[str, dict] = {}
    for half in HALVES:
        part = [e for e in events if half_of(e["event_id"]) == half]
        ids = {e["event_id"] for e in part}
        part_spans = [s for s in spans if s["event_id"] in ids]
        halves[half] = {"events": len(part), "pii_stream": span_figures(part, part_spans, ours)}
        if theirs is not None:
            halves[half]["plain_presidio"] = span_figures(part, part_spans, theirs)
    report["halves"] = halves
    return report


def _clean_fields(routed: list) -> list[str] | None:
    """Text fields of the clean record(s), or None when nothing reached clean."""
    clean = [r.record for r in routed if r.route == Route.CLEAN]
    return [t for rec in clean for t in _fields(rec)] if clean else None


def span_figures(events: list[dict], spans: list[dict], clean: dict[str, list[str] | None]) -> dict:
    """Figures from clean texts per event id (None: held, nothing in clean)."""
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # leaked, held, labelled
    for span in spans:
        texts = clean.get(span["event_id"])
        row = by_type[span["entity_type"]]
        row[2] += 1
        if texts is None:
            row[1] += 1
        elif still_readable(span["value"], texts):
            row[0] += 1
    labelled_events = {s["event_id"] for s in spans}
    personal_events = {s["event_id"] for s in spans if s["entity_type"] in PERSONAL_SPAN_TYPES}
    free = [e for e in events if e["event_id"] not in labelled_events]
    unchanged = sum(1 for e in free if clean.get(e["event_id"]) == _fields(e))
    # Events whose only labels are non-personal (products, companies): were they left alone?
    nonpersonal = [e for e in events if e["event_id"] in labelled_events - personal_events]
    nonpersonal_unchanged = sum(1 for e in nonpersonal if clean.get(e["event_id"]) == _fields(e))
    personal = [s for s in spans if s["entity_type"] in PERSONAL_SPAN_TYPES]
    leaked_personal = sum(by_type[t][0] for t in {s["entity_type"] for s in personal})
    return {
        "by_type": {t: {"leaked": a, "held": h, "labelled": n, "leak_rate": _r(a / n)} for t, (a, h, n) in sorted(by_type.items())},
        "personal_spans": len(personal),
        "personal_leak_rate": _r(leaked_personal / max(1, len(personal))),
        "entity_free_events": len(free),
        "entity_free_unchanged": _r(unchanged / max(1, len(free))),
        "nonpersonal_only_events": len(nonpersonal),
        "nonpersonal_only_unchanged": _r(nonpersonal_unchanged / max(1, len(nonpersonal))),
        "held_events": sum(1 for e in events if clean.get(e["event_id"]) is None),
    }


# --- cases -----------------------------------------------------------------------------


def case_events(case: dict) -> list[dict]:
    """A case as pipeline input: one event, or for `typed` one keystroke per character then Enter."""
    base = {"ts": "2026-06-18T15:00:00Z", "user_id": f"u-{case['id']}", "session_id": f"s-{case['id']}", "app": case.get("app")}
    for name in ("window_title", "url"):
        if case.get(name):
            base[name] = case[name]
    kind = case["kind"]
    if kind == "click":
        return [{**base, "event_id": case["id"], "kind": "click", "target_text": case["text"], "x": 10, "y": 10, "button": "left"}]
    if kind in ("prompt", "screen_text"):
        return [{**base, "event_id": case["id"], "kind": kind, "text": case["text"]}]
    keys = list(case["text"]) + ["Enter"]
    return [
        {
            **base,
            "event_id": f"{case['id']}#k{n}",
            "kind": "keystroke",
            "key": key,
            "field_id": "input",
            "ts": f"2026-06-18T15:{n // 600:02d}:{(n // 10) % 60:02d}.{n % 10}Z",
        }
        for n, key in enumerate(keys)
    ]


def evaluate_cases(pipeline: Pipeline, path: Path) -> dict:
    """Pass/fail per case against its `expect`, values left in clean by category."""
    cases = load_corpus(path)
    events = [e for case in cases for e in case_events(case)]
    routed = route_events(pipeline, events)
    outcomes = [judge_case(case, _case_routes(case, routed)) for case in cases]
    figures = case_figures(outcomes)
    figures["by_category"] = category_table(cases, outcomes)
    figures["halves"] = {half: case_figures([o for o in outcomes if half_of(o["id"]) == half]) for half in HALVES}
    return figures


def category_table(cases: list[dict], outcomes: list[dict]) -> dict[str, dict]:
    """Per category of the labelled values: how many, how many left readable in clean,
    and how many sit in cases that were held (quarantine or drop)."""
    table: dict[str, dict] = {}
    for case, outcome in zip(cases, outcomes):
        leaked = {v["value"] for v in outcome["leaked"]}
        for value in case["sensitive"]:
            row = table.setdefault(value["category"], {"values": 0, "left_in_clean": 0, "held": 0})
            row["values"] += 1
            row["left_in_clean"] += value["value"] in leaked
            row["held"] += "clean" not in outcome["route"]
    return dict(sorted(table.items()))


def _case_routes(case: dict, routed: dict[str, list]) -> list:
    seen, out = set(), []
    for event in case_events(case):
        for r in routed.get(event["event_id"], []):
            if id(r) not in seen:
                seen.add(id(r))
                out.append(r)
    return out


def judge_case(case: dict, routed: list) -> dict:
    """One case's outcome: where it went, whether that meets `expect`, what leaked."""
    routes = {r.route for r in routed}
    clean_texts = [t for r in routed if r.route == Route.CLEAN for t in _fields(r.record)]
    leaked = [v for v in case["sensitive"] if clean_texts and still_readable(v["value"], clean_texts)]
    expect = case["expect"]
    # A typed case's text is split over segments; compare what clean shows with the case as typed.
    original = [case[f] for f in ("text", "window_title", "url") if case.get(f)]
    unchanged = routes == {Route.CLEAN} and sorted(clean_texts) == sorted(original)
    if expect == "clean":
        passed = unchanged
    elif expect == "clean_redacted":
        passed = Route.DROP not in routes and not leaked
    elif expect == "not_clean":
        passed = Route.CLEAN not in routes
    else:
        passed = routes == {Route.DROP}
    route = (
        "clean"
        if routes == {Route.CLEAN}
        else "drop"
        if routes == {Route.DROP}
        else ("quarantine" if routes == {Route.QUARANTINE} else "+".join(sorted(routes)) or "none")
    )
    reasons = sorted({c for r in routed for c in r.record.get("reasons", [])})
    # what a trap lost: the types of the placeholders put into its clean text
    altered = sorted({f["entity_type"] for r in routed if r.route == Route.CLEAN for f in r.record.get("findings", [])})
    return {
        "id": case["id"],
        "expect": expect,
        "route": route,
        "passed": passed,
        "leaked": leaked,
        "reasons": reasons,
        "trap_altered_types": altered if expect == "clean" and not passed else [],
    }


def case_figures(outcomes: list[dict]) -> dict:
    by_expect: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for o in outcomes:
        by_expect[o["expect"]][0] += o["passed"]
        by_expect[o["expect"]][1] += 1
    leaked_by_category = Counter(v["category"] for o in outcomes for v in o["leaked"])
    name_contact_cases = sum(
        1 for o in outcomes if o["expect"] == "clean_redacted" and any(v["category"] in NAME_CONTACT for v in o["leaked"])
    )
    return {
        "cases": len(outcomes),
        "passed": sum(o["passed"] for o in outcomes),
        "by_expect": {k: {"passed": p, "cases": n} for k, (p, n) in sorted(by_expect.items())},
        "traps_unchanged": by_expect["clean"][0],
        "traps": by_expect["clean"][1],
        "not_clean_reaching_clean": sum(1 for o in outcomes if o["expect"] == "not_clean" and "clean" in o["route"]),
        "drop_dropped": by_expect["drop"][0],
        "drop_cases": by_expect["drop"][1],
        "values_left_by_category": dict(sorted(leaked_by_category.items())),
        "special_values_left": sum(n for c, n in leaked_by_category.items() if c not in NAME_CONTACT),
        "strict_values_left": sum(n for c, n in leaked_by_category.items() if c in ("identifier", "financial", "credential")),
        "name_contact_leak_cases": name_contact_cases,
        "traps_altered_by_type": dict(sorted(Counter(t for o in outcomes for t in o["trap_altered_types"]).items())),
        "failures": [
            {k: o[k] for k in ("id", "expect", "route", "reasons")}
            | {"leaked_categories": sorted({v["category"] for v in o["leaked"]})}
            for o in outcomes
            if not o["passed"]
        ],
    }


def _r(value: float) -> float:
    return round(value, 4)
