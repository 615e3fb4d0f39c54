"""`pii-stream try` and `pii-stream recognizers`: what detection does with a sentence, and
what it is made of. For people tuning it; nothing here logs or keeps the text."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pipeline.cli.common import fail, settings_or_exit, setup_logging
from pipeline.errors import PiiStreamError

out = Console()
ConfigOpt = typer.Option(None, "--config", help="YAML config file (also PII_CONFIG_FILE).")


def try_text(
    text: str = typer.Argument(..., help="The text to try; - reads it from stdin."),
    kind: str = typer.Option("prompt", "--kind", help="prompt, screen_text or click (its label)."),
    app_name: str = typer.Option("Chat Assistant", "--app", help="The app the text came from."),
    window_title: str | None = typer.Option(None, "--title", help="A window title, scanned too."),
    url: str | None = typer.Option(None, "--url", help="A URL, scanned too."),
    config: Path | None = ConfigOpt,
) -> None:
    """Route one text as an event: the redacted text, the findings, the score, the route
    and its reasons. Your own input is printed back redacted; nothing is logged."""
    from pipeline.core.detection import DetectionFailure
    from pipeline.core.events import Event
    from pipeline.core.processor import Pipeline

    setup_logging(False)
    if kind not in ("prompt", "screen_text", "click"):
        fail("--kind must be prompt, screen_text or click")
    if text == "-":
        text = sys.stdin.read()
    settings = settings_or_exit(config)
    try:
        pipeline = Pipeline.from_settings(settings, sealer=None)
    except PiiStreamError as exc:
        fail(str(exc))
    field = "target_text" if kind == "click" else "text"
    raw = {
        "event_id": "try-1",
        "kind": kind,
        "ts": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "user_id": "try",
        "app": app_name,
        field: text,
        **({"window_title": window_title} if window_title else {}),
        **({"url": url} if url else {}),
        **({"x": 0, "y": 0, "button": "left"} if kind == "click" else {}),
    }
    event = pipeline.parse(json.dumps(raw))
    if not isinstance(event, Event):
        fail(f"not a valid event: {event.problem}")
    [routed] = pipeline.route([event])
    redacted = pipeline.release(event)  # every finding replaced, whatever the route
    if isinstance(redacted, DetectionFailure):
        fail(f"detection failed ({redacted.reason}: {redacted.detail})")
    record = routed.record
    sensitivity = record.get("sensitivity") or redacted["sensitivity"]
    out.print(f"[bold]route[/]: {routed.route} {escape(', '.join(record.get('reasons') or []))}")
    out.print(
        f"[bold]score[/]: {sensitivity['score']} {sensitivity['level']} "
        f"{escape('[' + ', '.join(sensitivity['categories']) + ']')}  (policy {pipeline.policy.version})"
    )
    fields: dict = dict(redacted)
    for name in ("window_title", "url", field):
        if name in fields:
            out.print(f"[bold]{name}[/]: {escape(str(fields[name]))}", highlight=False)
    table = Table("field", "entity", "start", "end", "score", "recognizer", "category", title="findings (placeholder positions)")
    for f in redacted["findings"]:
        category = pipeline.policy.category_of(f["entity_type"])
        table.add_row(f["field"], f["entity_type"], str(f["start"]), str(f["end"]), f"{f['score']:.2f}", f["recognizer"], category)
    out.print(table if redacted["findings"] else "no findings")


def list_recognizers(config: Path | None = ConfigOpt) -> None:
    """Every recognizer detection loads — built-in, plugins, YAML — with its entities,
    languages and the policy category each entity counts in."""
    from pipeline.core.policy import load_policy
    from pipeline.plugins import recognizer_sources

    setup_logging(False)
    settings = settings_or_exit(config)
    try:
        policy = load_policy(settings.policy_file)
        sources = recognizer_sources(settings)
    except PiiStreamError as exc:
        fail(str(exc))
    table = Table("recognizer", "entities (category)", "languages", "source")
    table.columns[1].overflow = "fold"
    for source, recognizers in sources:
        for r in recognizers:
            entities = ", ".join(f"{e} ({policy.category_of(e)})" for e in r.supported_entities)
            table.add_row(escape(r.name), escape(entities), r.supported_language, escape(source))  # type: ignore[has-type]
    table.caption = f"{sum(len(g) for _, g in sources)} recognizers; policy {policy.version}"
    out.print(table)
