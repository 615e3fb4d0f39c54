"""`quarantine-review`: inspect held records from `pii-stream scan` output — metadata only.

Decrypting, releasing and purging need the quarantine vault (not built yet); this
command never prints the held content.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Review quarantined records (metadata only).")
out = Console()
METADATA = ("event_id", "kind", "ts", "user", "reasons", "sensitivity", "policy_version")


def _load(path: Path) -> list[dict]:
    if not path.is_file():
        Console(stderr=True).print(f"[bold red]error:[/] not found: {path}")
        raise typer.Exit(2)
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            records.append({k: record.get(k) for k in METADATA})
    return records


@app.command("list")
def list_records(
    path: Path = typer.Argument(..., help="quarantine.jsonl written by `pii-stream scan`"),
    reason: str = typer.Option(None, help="only records with this reason code"),
    min_score: int = typer.Option(None, help="only records scoring at least this"),
) -> None:
    """List held records: ids, kind, reasons, score — never content."""
    table = Table("event_id", "kind", "ts", "reasons", "score", "categories")
    for r in _load(path):
        score = (r["sensitivity"] or {}).get("score")
        if reason and reason not in (r["reasons"] or []):
            continue
        if min_score is not None and (score is None or score < min_score):
            continue
        table.add_row(str(r["event_id"]), str(r["kind"]), str(r["ts"]), ", ".join(r["reasons"] or []),
                      "-" if score is None else str(score), ", ".join((r["sensitivity"] or {}).get("categories", [])))
    out.print(table)


@app.command()
def stats(path: Path = typer.Argument(..., help="quarantine.jsonl written by `pii-stream scan`")) -> None:
    """Counts of held records by reason, category and kind."""
    records = _load(path)
    for title, counter in (
        ("reason", Counter(r for rec in records for r in rec["reasons"] or [] if ":" not in r)),
        ("category", Counter(c for rec in records for c in (rec["sensitivity"] or {}).get("categories", []))),
        ("kind", Counter(rec["kind"] or "unknown" for rec in records)),
    ):
        table = Table(title, "count")
        for key, n in counter.most_common():
            table.add_row(key, str(n))
        out.print(table)
