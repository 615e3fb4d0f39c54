"""`quarantine-review`: list, show, release, purge, expire, export and audit held records.

Records come from the worker's Kafka topics (PII_KAFKA_BOOTSTRAP), or from a
`pii-stream scan` output directory with `--dir`. `list`, `stats` and a plain
`export` show metadata only; `show`, `release` and `export --include-content` need
the reviewer's private key and a reason, and every one is written to the audit log.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pipeline.cli.common import add_version_option, fail, settings_or_exit, setup_logging
from pipeline.core.log_ids import log_id
from pipeline.errors import PiiStreamError

if TYPE_CHECKING:
    from pipeline.core.schemas import CleanRecord
    from pipeline.vault.review import Review

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Review quarantined records. Content only with a key and a reason; every access audited.",
)
audit_app = typer.Typer(no_args_is_help=True, help="The hash-chained, signed audit log.")
app.add_typer(audit_app, name="audit")
add_version_option(app)
out = Console()

DirOpt = typer.Option(None, "--dir", help="A `pii-stream scan --out` directory instead of Kafka.")
ConfigOpt = typer.Option(None, "--config", help="YAML config file (also PII_CONFIG_FILE).")
ReasonOpt = typer.Option(None, "--reason", help="Why you need this; written to the audit log (required).")

T = TypeVar("T")


def _review(directory: Path | None, config: Path | None) -> Review:
    from pipeline.vault.review import Review
    from pipeline.vault.store import open_store

    setup_logging(False)
    settings = settings_or_exit(config)
    try:
        return Review(settings, open_store(settings, directory))
    except PiiStreamError as exc:
        fail(str(exc))


def _run(action: Callable[[], T]) -> T:
    """Run a review action; refusals and vault errors are clear messages, exit 1."""
    try:
        return action()
    except PiiStreamError as exc:
        fail(str(exc), code=1)


@app.command("list")
def list_records(
    reason: str | None = typer.Option(None, help="only records with this reason code"),
    category: str | None = typer.Option(None, help="only records with this category"),
    kind: str | None = typer.Option(None, help="only records of this kind"),
    min_score: int | None = typer.Option(None, help="only records scoring at least this"),
    max_score: int | None = typer.Option(None, help="only records scoring at most this"),
    older_than: float | None = typer.Option(None, help="only records held longer than this many days"),
    newer_than: float | None = typer.Option(None, help="only records held less than this many days"),
    status: str | None = typer.Option(None, help="held, purged or expired"),
    directory: Path | None = DirOpt,
    config: Path | None = ConfigOpt,
) -> None:
    """Held records: ids, kind, reasons, score, age, status — never content."""
    from pipeline.vault.review import headline_reasons, short_ids

    review = _review(directory, config)
    holds = _run(review.holds)
    short = short_ids([h.key_id for h in holds if h.key_id])
    # At 80 columns: the hold id (a prefix `show` accepts) and the event id whole, the rest
    # folded into one column; wide terminals get a column each.
    narrow = out.width < 120
    if narrow:
        table = Table("hold id", "event id", "kind", "score", escape("reasons [categories] (status)"))
        table.columns[0].no_wrap = True
        table.columns[1].overflow = table.columns[4].overflow = "fold"
        table.columns[1].max_width = 16
    else:
        table = Table("hold_id", "event_id", "kind", "reasons", "score", "categories", "age (days)", "status")
    shown = 0
    for h in holds:
        r, sens = h.record, h.record.get("sensitivity") or {}
        score = sens.get("score")
        if (
            (reason and reason not in (r.get("reasons") or []))
            or (category and category not in sens.get("categories", []))
            or (kind and kind != r.get("kind"))
            or (status and status != h.status)
            or (min_score is not None and (score is None or score < min_score))
            or (max_score is not None and (score is None or score > max_score))
            or (older_than is not None and (h.age_days is None or h.age_days <= older_than))
            or (newer_than is not None and (h.age_days is None or h.age_days >= newer_than))
        ):
            continue
        shown += 1
        # Ids and codes come from input records: escaped, so they are shown, never read as markup.
        hold_id = short.get(h.key_id or "", "-")
        reasons = ", ".join(headline_reasons(r.get("reasons") or []))
        categories = ", ".join(sens.get("categories", []))
        score_cell = "-" if score is None else str(score)
        if narrow:
            why = f"{reasons} [{categories}]" if categories else reasons
            why += f" ({h.status})" if h.status != "held" else ""
            cells: tuple[str, ...] = (hold_id, log_id(h.event_id), str(r.get("kind")), score_cell, why)
        else:
            age = "-" if h.age_days is None else f"{h.age_days:.1f}"
            cells = (hold_id, log_id(h.event_id), str(r.get("kind")), reasons, score_cell, categories, age, h.status)
        table.add_row(*(escape(c) for c in cells))
    table.caption = f"{shown} of {len(holds)} held records ({review.store.where})"
    out.print(table)


@app.command()
def stats(
    verdicts: bool = typer.Option(
        False, "--verdicts", help="False-positive rates from reviewers' verdicts, and allow terms to consider (needs --reason)."
    ),
    reason: str | None = ReasonOpt,
    directory: Path | None = DirOpt,
    config: Path | None = ConfigOpt,
) -> None:
    """Counts of held records by reason, category, kind, status and age; with --verdicts,
    false positives per recognizer and entity type (decrypts: audited)."""
    review = _review(directory, config)
    if verdicts:
        from pipeline.vault.labels import false_positive_rates

        rates = _run(lambda: false_positive_rates(review.reviewed(reason, "export_labels", "stats --verdicts")))
        for by in ("recognizer", "entity_type"):
            table = Table(by, "judged", "false positive", "rate", title=f"verdicts by {by.replace('_', ' ')}")
            for name, row in rates[by].items():
                table.add_row(escape(name), str(row["judged"]), str(row["false_positive"]), f"{row['rate']:.0%}")
            out.print(table)
        if rates["suggested_allow"]:
            table = Table("term (reviewer's eyes only)", "marked as", "times", title="most often false positive: `allow` candidates")
            for row in rates["suggested_allow"]:
                table.add_row(escape(row["term"]), escape(row["entity_type"]), str(row["times"]))
            out.print(table)
        return
    for title, counter in _run(review.stats).items():
        table = Table(title, "count")
        for key, n in counter.most_common():
            table.add_row(escape(str(key)), str(n))
        out.print(table)


@app.command()
def show(
    hold_id: str = typer.Argument(..., help="event_id or hold_id from `list`"),
    reason: str | None = ReasonOpt,
    directory: Path | None = DirOpt,
    config: Path | None = ConfigOpt,
) -> None:
    """Decrypt one held record and show it with its findings highlighted (audited)."""
    review = _review(directory, config)
    hold, original = _run(lambda: review.show(hold_id, reason))
    r = hold.record
    out.print(
        Text.assemble(
            (log_id(hold.event_id), "bold"),
            f"  kind {r.get('kind')}  reasons {', '.join(r.get('reasons') or [])}  "
            f"score {(r.get('sensitivity') or {}).get('score')}  policy {r.get('policy_version')}",
        )
    )
    try:
        data = json.loads(original)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        out.print(Panel(Text(original.decode("utf-8", "replace")), title="original (not a JSON object)"))
        return
    findings = r.get("findings") or []
    for name, value in data.items():
        if not isinstance(value, str) or not any(f["field"] == name for f in findings):
            out.print(Text.assemble((f"{name}: ", "dim"), str(value)), highlight=False)
            continue
        text = Text(value)
        for f in findings:
            if f["field"] == name and 0 <= f["start"] < f["end"] <= len(value):
                text.stylize("bold black on yellow", f["start"], f["end"])
        labels = ", ".join(sorted({f["entity_type"] for f in findings if f["field"] == name}))
        out.print(Panel(text, title=Text(f"{name} — {labels}"), title_align="left"))
    if findings:
        table = Table("#", "field", "entity type", "recognizer", "start-end", title="findings (numbers for `verdict`)")
        for i, f in enumerate(findings):
            table.add_row(
                str(i),
                escape(str(f["field"])),
                escape(str(f["entity_type"])),
                escape(str(f.get("recognizer") or "-")),
                f"{f['start']}-{f['end']}",
            )
        out.print(table)


@app.command()
def release(
    hold_id: str = typer.Argument(..., help="event_id or hold_id from `list`"),
    reason: str | None = ReasonOpt,
    directory: Path | None = DirOpt,
    config: Path | None = ConfigOpt,
) -> None:
    """Re-run detection on the original and publish the redacted record to clean (audited)."""
    from pipeline.core.processor import Pipeline

    review = _review(directory, config)
    if not reason:
        fail('a reason is required (--reason "..."); it is written to the audit log', code=1)

    def run() -> CleanRecord:
        review.find(hold_id)  # a wrong id fails before spaCy is loaded
        pipeline = Pipeline.from_settings(review.settings, sealer=None)
        return review.release(hold_id, reason, pipeline)

    record = _run(run)
    out.print(f"released {hold_id} to clean ({len(record['findings'])} findings redacted)")


@app.command()
def purge(
    hold_id: str = typer.Argument(..., help="event_id or hold_id from `list`"),
    reason: str | None = ReasonOpt,
    directory: Path | None = DirOpt,
    config: Path | None = ConfigOpt,
) -> None:
    """Delete the record's data keys: its content becomes unrecoverable (audited)."""
    review = _review(directory, config)
    n = _run(lambda: review.purge(hold_id, reason))
    out.print(f"purged {hold_id}: {n} key(s) deleted; the held content can no longer be decrypted")


def _indices(value: str | None) -> list[int]:
    try:
        return [int(v) for v in (value or "").split(",") if v.strip()]
    except ValueError:
        fail(f"finding numbers are integers separated by commas, not {value!r}")


def _missed(values: list[str]) -> list:
    from pipeline.vault.review import Missed

    out = []
    for value in values:
        parts = value.split(":")
        if len(parts) != 4 or not parts[2].isdigit() or not parts[3].isdigit():
            fail(f"--missed takes TYPE:FIELD:START:END (e.g. US_SSN:text:10:21), not {value!r}")
        out.append(Missed(parts[0], parts[1], int(parts[2]), int(parts[3])))
    return out


@app.command()
def verdict(
    hold_id: str = typer.Argument(..., help="event_id or hold_id from `list`"),
    correct: str | None = typer.Option(None, "--correct", help="finding numbers (from `show`) that are right, e.g. 0,2"),
    false_positive: str | None = typer.Option(None, "--false-positive", help="finding numbers that are not what they say"),
    missed: list[str] = typer.Option([], "--missed", help="a value detection missed: TYPE:FIELD:START:END (repeatable)"),
    reason: str | None = ReasonOpt,
    directory: Path | None = DirOpt,
    config: Path | None = ConfigOpt,
) -> None:
    """Judge every finding of a held record and add the values it missed (audited; stored
    sealed under the record's own key, so purge and erase take it too)."""
    review = _review(directory, config)
    from pipeline.vault.review import verdict_summary

    body = _run(lambda: review.verdict(hold_id, reason, _indices(correct), _indices(false_positive), _missed(missed)))
    out.print(f"verdict on {log_id(body['event_id'])}: {verdict_summary(body)}")


@app.command("export-labels")
def export_labels(
    out_dir: Path = typer.Option(..., "--out", help="A new directory (or one only you can read) for events.jsonl and spans.jsonl."),
    reason: str | None = ReasonOpt,
    directory: Path | None = DirOpt,
    config: Path | None = ConfigOpt,
) -> None:
    """The reviewed records with their corrected spans, as `pii-stream eval-external` reads
    them (decrypted: audited, written only where others cannot read)."""
    from pipeline.vault.labels import events_and_spans, private_directory, write_labels

    review = _review(directory, config)

    def run() -> tuple[list[dict], list[dict]]:
        private_directory(out_dir)  # a directory others can read is refused before anything is decrypted
        events, spans = events_and_spans(review.reviewed(reason, "export_labels", str(out_dir)))
        write_labels(out_dir, events, spans)
        return events, spans

    events, spans = _run(run)
    out.print(f"wrote {len(events)} reviewed records and {len(spans)} labelled values to {out_dir}")


@app.command()
def erase(
    user: str = typer.Option(..., "--user", help="The person's user id, as the collectors send it."),
    reason: str | None = ReasonOpt,
    directory: Path | None = DirOpt,
    config: Path | None = ConfigOpt,
) -> None:
    """Crypto-shred every held record of one person and publish an erasure notice (pseudonym,
    time range, count) for the consumers of clean (audited; safe to run again)."""
    review = _review(directory, config)
    notice = _run(lambda: review.erase(user, reason))
    span = f" from {notice['from_ts']} to {notice['to_ts']}" if notice["count"] else ""
    out.print(f"erased {notice['count']} held record(s) of {notice['user']}{span}; erasure notice published")


@app.command()
def expire(directory: Path | None = DirOpt, config: Path | None = ConfigOpt) -> None:
    """Delete the keys of records held longer than PII_QUARANTINE_RETENTION_DAYS (audited)."""
    review = _review(directory, config)
    n = _run(review.expire)
    out.print(f"expired {n} held record key(s) older than {review.settings.quarantine_retention_days:g} days")


@app.command()
def export(
    out_file: Path = typer.Option(..., "--out", help="Parquet file to write."),
    include_content: bool = typer.Option(False, "--include-content", help="Also decrypt the originals (needs --reason)."),
    user: str | None = typer.Option(
        None, "--user", help="Only this person's records (their user id), with content: a subject-access request."
    ),
    reason: str | None = ReasonOpt,
    directory: Path | None = DirOpt,
    config: Path | None = ConfigOpt,
) -> None:
    """Held records to Parquet: metadata only unless --include-content or --user (audited)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    review = _review(directory, config)
    include_content = include_content or user is not None
    rows = _run(lambda: review.export_rows(include_content, reason, str(out_file), user))
    pq.write_table(pa.Table.from_pylist(rows) if rows else pa.table({"event_id": pa.array([], pa.string())}), out_file)
    out.print(f"exported {len(rows)} held records to {out_file}" + (" with content" if include_content else ""))


@audit_app.command("verify")
def audit_verify(directory: Path | None = DirOpt, config: Path | None = ConfigOpt) -> None:
    """Check the audit log with the reviewers' public key: altered, missing, out-of-order,
    unsigned or rewritten entries, and a log cut short at its end."""
    review = _review(directory, config)
    verdict = _run(review.verify_audit)
    if verdict.ok:
        last = f"; last entry seq {verdict.last_seq} {verdict.last_hash[:16]}" if verdict.last_hash else ""
        out.print(f"audit log intact: {verdict.entries} entries, chain and signatures verified{last}")
        return
    for problem in verdict.problems:
        out.print(f"[bold red]{problem}[/]", highlight=False)
    out.print(f"audit log NOT intact: {len(verdict.problems)} problem(s) in {verdict.entries} entries")
    raise typer.Exit(1)
