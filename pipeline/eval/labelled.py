"""`pii-stream eval`: detection quality and routing safety on a labelled corpus.

Detection is scored at span level (a label counts as found when a finding of the same
entity type, or for the category figures the same category, overlaps it). Routing
is scored on what a downstream consumer would see: the leak rate is the share of
labelled values still present verbatim in clean output; the unchanged rate is the
share of events with no sensitive content that reach clean with their text intact.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from pipeline.config import Settings
from pipeline.core.codes import Route
from pipeline.core.events import FREE_TEXT_FIELDS, Event
from pipeline.core.processor import Pipeline, route_stream

if TYPE_CHECKING:
    from pipeline.core.detection import Finding

# Leak groups of the targets: values that must never leak, and the 3% group.
STRICT_GROUPS = {"identifier", "financial", "credential", "tax_id", "medical_record"}
_GROUP_OF_ENTITY = {
    "US_SSN": "identifier",
    "US_ITIN": "tax_id",
    "US_EIN": "tax_id",
    "IRS_IP_PIN": "tax_id",
    "ABA_ROUTING_NUMBER": "financial",
    "US_BANK_NUMBER": "financial",
    "CREDIT_CARD": "financial",
    "API_KEY": "credential",
    "PASSWORD": "credential",
    "ONE_TIME_CODE": "credential",
    "PRIVATE_KEY": "credential",
    "MEDICAL_RECORD_NUMBER": "medical_record",
    "HEALTH_PLAN_ID": "medical_record",
    "NPI": "medical_record",
    "DEA_NUMBER": "medical_record",
    "PERSON": "name",
    "STREET_ADDRESS": "address",
    "EMAIL_ADDRESS": "contact",
    "PHONE_NUMBER": "contact",
}


def leak_group(entity_type: str, category: str) -> str:
    return _GROUP_OF_ENTITY.get(entity_type, category)


def load_corpus(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate_corpus(settings: Settings, path: Path, baseline: bool = False) -> dict:
    """All figures for one corpus; with `baseline`, plain Presidio's beside ours."""
    items = load_corpus(path)
    pipeline = Pipeline.from_settings(settings, sealer=None)
    started = time.perf_counter()
    clean_by_item = route_items(pipeline, items)
    elapsed = time.perf_counter() - started
    assembled = [assembled_fields(pipeline, item) for item in items]
    findings = pipeline.detector.detect(assembled)
    report = {
        "corpus": str(path),
        "items": len(items),
        "events": sum(len(i["events"]) for i in items),
        "policy_version": pipeline.policy.version,
        "seconds": round(elapsed, 2),
        "detection": _span_metrics(pipeline, items, findings),
        "routing": routing_metrics(items, assembled, clean_by_item),
    }
    if baseline:
        report["baseline"] = _baseline_metrics(items, assembled)
    return report


def route_items(pipeline: Pipeline, items: list[dict], raws: list[str] | None = None) -> list[list[Mapping[str, Any]]]:
    """Clean records per corpus item (matched through source_event_ids); `raws`, the
    items' events as JSON (`item_raws`), when the caller serialized them already."""
    item_of = {e["event_id"]: i for i, item in enumerate(items) for e in item["events"]}
    raws = item_raws(items) if raws is None else raws
    clean: list[list[Mapping[str, Any]]] = [[] for _ in items]
    for routed in route_stream(pipeline, raws, pipeline.settings.batch_size):
        if routed.route != Route.CLEAN:
            continue
        owners = {item_of[s] for s in routed.source_event_ids if s in item_of}
        for owner in owners:
            clean[owner].append(routed.record)
    return clean


def item_raws(items: list[dict]) -> list[str]:
    """The items' events as the JSON messages a scan reads, in order."""
    return [json.dumps(e) for item in items for e in item["events"]]


def assembled_fields(pipeline: Pipeline, item: dict) -> dict[str, str]:
    """The free-text fields of an item as detection sees them (keystrokes reassembled)."""
    events = [pipeline.parse(json.dumps(e)) for e in item["events"]]
    if events and isinstance(events[0], Event) and events[0].kind == "keystroke":
        reassembler = pipeline.new_reassembler()
        texts = [r.text for e in events if isinstance(e, Event) for r in reassembler.feed(e) if isinstance(r, Event)]
        texts += [r.text for r in reassembler.close_all()]
        return {"text": "".join(t or "" for t in texts)}
    event = events[0]
    return event.free_text() if isinstance(event, Event) else {}


def _span_metrics(pipeline: Pipeline, items: list[dict], findings: list) -> dict:
    counts: dict[str, defaultdict[str, list[int]]] = {
        "entity": defaultdict(lambda: [0, 0, 0]),
        "category": defaultdict(lambda: [0, 0, 0]),
    }
    for item, found in zip(items, findings):
        found = found if isinstance(found, list) else []
        for level, key_of_label, key_of_finding in (
            ("entity", lambda label: label["entity_type"], lambda f: f.entity_type),
            ("category", lambda label: label["category"], lambda f: pipeline.policy.category_of(f.entity_type)),
        ):
            for label in item["labels"]:
                hit = any(_overlaps(label, f) and key_of_finding(f) == key_of_label(label) for f in found)
                counts[level][key_of_label(label)][0 if hit else 2] += 1
            for f in found:
                if not any(_overlaps(label, f) and key_of_finding(f) == key_of_label(label) for label in item["labels"]):
                    counts[level][key_of_finding(f)][1] += 1
    return {level: {k: _prf(*v) for k, v in sorted(table.items())} for level, table in counts.items()}


def _overlaps(label: dict, finding: Finding) -> bool:
    return label["field"] == finding.field and finding.start < label["end"] and label["start"] < finding.end


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
    return {"tp": tp, "fp": fp, "fn": fn, "precision": _r(precision), "recall": _r(recall), "f1": _r(f1)}


def routing_metrics(items: list[dict], assembled: list[dict], clean_by_item: list[list[Mapping[str, Any]]]) -> dict:
    def clean_texts(i: int) -> list[str]:
        return [r.get(f) or "" for r in clean_by_item[i] for f in FREE_TEXT_FIELDS]

    def unchanged(i: int) -> bool:
        if not clean_by_item[i]:
            return False
        if len(clean_by_item[i]) == 1:
            return all(clean_by_item[i][0].get(f) == v for f, v in assembled[i].items())
        return "".join(r.get("text") or "" for r in clean_by_item[i]) == assembled[i].get("text", "")

    return leak_and_unchanged(items, clean_texts, unchanged)


def leak_and_unchanged(items: list[dict], clean_texts: Any, unchanged: Any) -> dict:
    leaks: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for i, item in enumerate(items):
        texts = clean_texts(i)
        for label in item["labels"]:
            group = leak_group(label["entity_type"], label["category"])
            leaks[group][1] += 1
            leaks[group][0] += any(label["value"] in t for t in texts)
    neutral = [i for i, item in enumerate(items) if not item["labels"]]
    return {
        "leak_rate": {g: {"leaked": a, "labelled": b, "rate": _r(a / b)} for g, (a, b) in sorted(leaks.items())},
        "leak_rate_all": _r(sum(a for a, _ in leaks.values()) / max(1, sum(b for _, b in leaks.values()))),
        "neutral_items": len(neutral),
        "neutral_clean_unchanged": _r(sum(unchanged(i) for i in neutral) / max(1, len(neutral))),
    }


def _baseline_metrics(items: list[dict], assembled: list[dict]) -> dict:
    from pipeline.eval.baseline import PlainPresidio

    plain = PlainPresidio()
    started = time.perf_counter()
    redacted = [{f: plain.redact(t) for f, t in fields.items()} for fields in assembled]
    elapsed = time.perf_counter() - started
    metrics = leak_and_unchanged(
        items,
        lambda i: list(redacted[i].values()),
        lambda i: redacted[i] == assembled[i],
    )
    metrics["seconds"] = round(elapsed, 2)
    return metrics


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def render_report(console: Console, report: dict) -> None:
    """Tables for a terminal: per entity type, per category, leak rates (ours vs plain Presidio)."""
    for level in ("entity", "category"):
        table = Table(title=f"detection by {level} (span overlap)")
        for col in (level, "tp", "fp", "fn", "precision", "recall", "f1"):
            table.add_column(col, justify="left" if col == level else "right")
        for key, m in report["detection"][level].items():
            table.add_row(key, *(str(m[c]) if m[c] is not None else "-" for c in ("tp", "fp", "fn", "precision", "recall", "f1")))
        console.print(table)
    routing, base = report["routing"], report.get("baseline")
    table = Table(title="leak rate: labelled values still verbatim in clean output")
    table.add_column("group")
    table.add_column("labelled", justify="right")
    table.add_column("pii-stream", justify="right")
    if base:
        table.add_column("plain Presidio", justify="right")
    for group, m in routing["leak_rate"].items():
        row = [group, str(m["labelled"]), f"{m['rate']:.1%}"]
        if base:
            row.append(f"{base['leak_rate'][group]['rate']:.1%}")
        table.add_row(*row)
    row = ["[bold]all", "", f"[bold]{routing['leak_rate_all']:.1%}"]
    if base:
        row.append(f"[bold]{base['leak_rate_all']:.1%}")
    table.add_row(*row)
    console.print(table)
    line = f"events with no sensitive content reaching clean unchanged: {routing['neutral_clean_unchanged']:.1%}"
    if base:
        line += f" (plain Presidio: {base['neutral_clean_unchanged']:.1%})"
    console.print(line + f" of {routing['neutral_items']}")
