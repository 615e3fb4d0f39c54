"""`pii-stream`: scan files, evaluate on a labelled corpus, run the stream worker."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from pipeline.cli.common import add_version_option, fail, settings_or_exit, setup_logging
from pipeline.cli.external import eval_external
from pipeline.cli.inspect import list_recognizers, try_text
from pipeline.cli.replay import replay
from pipeline.core.codes import Route
from pipeline.errors import PiiStreamError
from pipeline.files import RouteWriter, count_records, read_records

if TYPE_CHECKING:
    from pipeline.core.processor import Routed

# Tracebacks with locals could print payloads: keep them plain.
app = typer.Typer(
    add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help="Streaming PII redaction and routing."
)
out = Console()

ConfigOpt = typer.Option(None, "--config", help="YAML config file (also PII_CONFIG_FILE).")
keys_app = typer.Typer(no_args_is_help=True, help="Reviewer keys for the quarantine vault.")
app.add_typer(keys_app, name="keys")
add_version_option(app)

T = TypeVar("T")


@keys_app.command("init")
def keys_init(
    out_dir: Path = typer.Option(..., "--out", help="Directory for reviewer.key (private) and reviewer.pub."),
) -> None:
    """Create the reviewers' key pair. The private key is encrypted with a passphrase
    (PII_REVIEWER_PASSPHRASE, or asked for); give workers reviewer.pub only."""
    import os

    from pipeline.vault.crypto import generate_key_pair

    private_path, public_path = out_dir / "reviewer.key", out_dir / "reviewer.pub"
    if private_path.exists() or public_path.exists():
        fail(f"{out_dir} already holds a reviewer key; refusing to overwrite it")
    passphrase = os.environ.get("PII_REVIEWER_PASSPHRASE") or typer.prompt(
        "passphrase for the private key", hide_input=True, confirmation_prompt=True
    )
    try:
        private_pem, public_pem = generate_key_pair(passphrase)
    except PiiStreamError as exc:
        fail(str(exc))
    out_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(private_pem)
    public_path.write_bytes(public_pem)
    out.print(f"reviewer key pair written: {private_path} (private, 0600, passphrase-protected) and {public_path}")
    out.print(f"workers: PII_VAULT_PUBLIC_KEY={public_path}")
    out.print(f"reviewers: PII_REVIEWER_PRIVATE_KEY={private_path}, PII_REVIEWER_PASSPHRASE, PII_REVIEWER")


@app.command()
def scan(
    inputs: list[Path] = typer.Argument(..., help="JSONL or Parquet files of input events."),
    out_dir: Path = typer.Option(..., "--out", help="Directory for clean/quarantine/drop outputs."),
    fmt: str = typer.Option("jsonl", "--format", help="Output format: jsonl or parquet."),
    show: int = typer.Option(0, "--show", help="Print this many redacted clean records."),
    processes: int = typer.Option(
        0, "--processes", "-j", help="Processes to use; 0: every core for inputs of 500+ records, else one."
    ),
    config: Path | None = ConfigOpt,
    verbose: bool = typer.Option(False, "--verbose", "-v"),
) -> None:
    """Run the pipeline over files, without Kafka; identical input routes as the worker does."""
    import os
    from concurrent.futures.process import BrokenProcessPool
    from contextlib import nullcontext

    from pipeline.core.processor import Pipeline, route_stream
    from pipeline.parallel import ShardPool, can_fork, choose_processes
    from pipeline.vault.crypto import sealer_for

    setup_logging(verbose)
    if fmt not in ("jsonl", "parquet"):
        fail("--format must be jsonl or parquet")
    settings = settings_or_exit(config)
    missing = [str(p) for p in inputs if not p.is_file()]
    if missing:
        fail(f"input not found: {', '.join(missing)}")
    try:
        pipeline = Pipeline.from_settings(settings, sealer_for(settings))
    except PiiStreamError as exc:
        fail(str(exc))
    try:
        total = sum(count_records(p) for p in inputs)
    except PiiStreamError as exc:
        fail(str(exc))
    writer = RouteWriter(out_dir, fmt)
    tally = _Tally()
    started = time.perf_counter()
    shown: list[Mapping[str, Any]] = []
    workers = choose_processes(processes, total, os.cpu_count() or 1, can_fork())
    # the pool starts before the progress bar's thread, so its processes can be forked
    try:
        with (
            ShardPool(pipeline, workers) if workers > 1 else nullcontext() as pool,
            Progress(
                TextColumn("scanning"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
                disable=total < 500,
            ) as progress,
        ):
            task = progress.add_task("scan", total=total)
            if pool is not None:
                records = (r for path in inputs for r in read_records(path))
                stream = pool.route(records, lambda n: progress.advance(task, n))
            else:
                stream = (
                    routed
                    for path in inputs
                    for routed in route_stream(pipeline, _counted(read_records(path), progress, task), settings.batch_size)
                )
            for routed in stream:
                writer.write(routed.route, routed.record, routed.key_record)
                tally.add(routed)
                if routed.route == Route.CLEAN and len(shown) < show and routed.record.get("findings"):
                    shown.append(routed.record)
    except BrokenProcessPool:
        writer.close()
        fail(f"a scan process was killed before its events were routed: the outputs in {out_dir} are incomplete")
    writer.close()
    elapsed = time.perf_counter() - started
    out.print(tally.table(total, elapsed, workers))
    for record in shown:
        out.print_json(json.dumps({k: record[k] for k in ("event_id", "kind", "text", "window_title", "sensitivity") if k in record}))
    out.print(
        f"outputs: {', '.join(str(p) for p in writer.paths.values())}; held-record keys: {writer.keys_path} "
        f"(policy {pipeline.policy.version})"
    )


@app.command("eval")
def evaluate(
    labelled: Path = typer.Argument(..., help="Labelled JSONL corpus (see bench/corpus.py)."),
    baseline: bool = typer.Option(False, "--baseline", help="Also measure plain Presidio on the same corpus."),
    json_out: Path | None = typer.Option(None, "--json", help="Write the figures as JSON here."),
    config: Path | None = ConfigOpt,
) -> None:
    """Precision, recall and F1 per entity type and category; leak rate; clean-unchanged rate."""
    from pipeline.eval.labelled import evaluate_corpus, render_report

    setup_logging(False)
    settings = settings_or_exit(config)
    if not labelled.is_file():
        fail(f"labelled corpus not found: {labelled}")
    try:
        report = evaluate_corpus(settings, labelled, baseline=baseline)
    except PiiStreamError as exc:
        fail(str(exc))
    render_report(out, report)
    if json_out:
        json_out.write_text(json.dumps(report, indent=2, sort_keys=True))


app.command("eval-external")(eval_external)
app.command("try")(try_text)
app.command("replay")(replay)
recognizers_app = typer.Typer(no_args_is_help=True, help="The recognizers detection loads.")
recognizers_app.command("list")(list_recognizers)
app.add_typer(recognizers_app, name="recognizers")


@app.command("corpus-from-conll")
def corpus_from_conll(
    source: Path = typer.Argument(..., help="CoNLL file: token<TAB>BIO tag per line (WNUT-17's format)."),
    target: Path = typer.Argument(..., help="Directory to write events.jsonl and spans.jsonl to."),
    prefix: str = typer.Option("conll", "--prefix", help="Event id prefix."),
) -> None:
    """Convert a CoNLL NER file into a span corpus for `eval-external` (e.g. WNUT-17's training split)."""
    from pipeline.eval.conll import ConllError, convert

    if not source.is_file():
        fail(f"CoNLL file not found: {source}")
    try:
        texts, spans = convert(source, target, prefix)
    except (ConllError, UnicodeDecodeError) as exc:
        fail(f"{source}: {exc}")
    out.print(f"{texts} texts, {spans} labelled spans -> {target}", highlight=False)


@app.command()
def worker(
    config: Path | None = ConfigOpt,
    verbose: bool = typer.Option(True, "--verbose/--quiet"),
    log_json: bool = typer.Option(False, "--log-json", help="JSON log lines, for log collectors."),
) -> None:
    """Run the stream worker against the configured Kafka (PII_KAFKA_BOOTSTRAP)."""
    from pipeline.stream.worker import run_worker

    setup_logging(verbose, json_lines=log_json)
    settings = settings_or_exit(config)
    try:
        run_worker(settings)
    except PiiStreamError as exc:
        fail(str(exc))


class _Tally:
    def __init__(self) -> None:
        self.routes: Counter = Counter()
        self.kinds: Counter = Counter()
        self.categories: Counter = Counter()

    def add(self, routed: Routed) -> None:
        record = routed.record
        self.routes[routed.route] += 1
        self.kinds[(record.get("kind") or "unknown", routed.route)] += 1
        for category in (record.get("sensitivity") or {}).get("categories", []):
            self.categories[category] += 1

    def table(self, total: int, elapsed: float, processes: int = 1) -> Table:
        on = f" on {processes} processes" if processes > 1 else ""
        table = Table(title=f"{total} input events -> {sum(self.routes.values())} records in {elapsed:.1f}s{on}")
        table.add_column("kind")
        for route in Route:
            table.add_column(route, justify="right")
        for kind in sorted({k for k, _ in self.kinds}):
            table.add_row(kind, *(str(self.kinds[(kind, r)]) for r in Route))
        table.add_row("[bold]all", *(f"[bold]{self.routes[r]}" for r in Route))
        if self.categories:
            table.caption = "categories: " + ", ".join(f"{c} {n}" for c, n in self.categories.most_common())
        return table


def _counted(records: Iterable[T], progress: Any, task: Any) -> Iterator[T]:
    for record in records:
        yield record
        progress.advance(task)
