"""`pii-stream eval-external`: accuracy on the shared external corpora, with the ratchet."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from pipeline.cli.common import fail, settings_or_exit, setup_logging
from pipeline.errors import PiiStreamError

out = Console()


def eval_external(
    corpora: list[Path] = typer.Argument(
        ...,
        help="Directories of corpora (../shared/corpora, bench/peer): "
        "each sub-directory holds events.jsonl + spans.jsonl or cases.jsonl.",
    ),
    baseline: bool = typer.Option(True, "--baseline/--no-baseline", help="Measure plain Presidio beside."),
    ratchet: Path | None = typer.Option(None, "--ratchet", help="Fail when a figure is worse than recorded here."),
    update_ratchet: bool = typer.Option(False, "--update-ratchet", help="Record the figures that improved."),
    json_out: Path | None = typer.Option(None, "--json", help="Write every figure as JSON here."),
    only: str | None = typer.Option(None, "--only", help="Comma-separated corpus names to run."),
    config: Path | None = typer.Option(None, "--config", help="YAML config file (also PII_CONFIG_FILE)."),
) -> None:
    """Leak rate per entity type, over-redaction and held records on external corpora."""
    from pipeline.core.processor import Pipeline
    from pipeline.eval.external import corpus_kind, evaluate_cases, evaluate_spans

    setup_logging(False)
    settings = settings_or_exit(config)
    for directory in corpora:
        if not directory.is_dir():
            fail(f"corpora directory not found: {directory}")
    wanted = set(only.split(",")) if only else None
    found = sorted(
        (
            p
            for directory in corpora
            for p in directory.iterdir()
            if p.is_dir() and corpus_kind(p) != "labelled" and (wanted is None or p.name in wanted)
        ),
        key=lambda p: p.name,
    )
    if not found:
        fail(f"no corpus (events.jsonl + spans.jsonl, or cases.jsonl) under {', '.join(map(str, corpora))}")
    try:
        pipeline = Pipeline.from_settings(settings, sealer=None)
    except PiiStreamError as exc:
        fail(str(exc))
    plain = None
    if baseline:
        from pipeline.eval.baseline import PlainPresidio

        plain = PlainPresidio(settings.spacy_model)
    reports: dict[str, dict] = {}
    for path in found:
        out.print(f"[bold]{path.name}[/] ...", highlight=False)
        if corpus_kind(path) == "spans":
            reports[path.name] = evaluate_spans(pipeline, path, plain)
            render_spans(reports[path.name])
        else:
            reports[path.name] = evaluate_cases(pipeline, path / "cases.jsonl")
            render_cases(path.name, reports[path.name])
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(reports, indent=1, sort_keys=True), encoding="utf-8")
    if ratchet:
        _check_ratchet(ratchet, reports, update_ratchet)


def _check_ratchet(path: Path, reports: dict, update: bool) -> None:
    from pipeline.eval import ratchet as accuracy_ratchet

    current = accuracy_ratchet.figures(reports)
    recorded = accuracy_ratchet.load(path)
    worse = accuracy_ratchet.regressions(current, recorded)
    if update:
        accuracy_ratchet.save(path, accuracy_ratchet.raised(current, recorded))
        out.print(f"ratchet {path}: improved figures recorded")
    if worse:
        for line in worse:
            out.print(f"[red]ratchet:[/] {line}", highlight=False)
        raise SystemExit(1)
    out.print(f"ratchet {path}: no figure is worse than recorded ({len(recorded)} figures)")


def render_spans(report: dict) -> None:
    ours, plain = report["pii_stream"], report.get("plain_presidio")
    halves = report.get("halves", {})
    table = Table(title=f"{report['corpus']}: labelled values left readable in clean ({report['events']} events)")
    columns = ("entity type", "labelled", "pii-stream", "tune half", "check half", "held", "plain Presidio", "plain, check")
    for col in columns:
        table.add_column(col, justify="left" if col == "entity type" else "right")

    def rate(figures: dict | None, entity: str | None) -> str:
        if not figures:
            return "-"
        if entity is None:
            return f"{figures['personal_leak_rate']:.1%}"
        row = figures["by_type"].get(entity)
        return f"{row['leak_rate']:.1%}" if row else "-"

    def half(name: str, who: str) -> dict | None:
        return halves.get(name, {}).get(who)

    for entity, row in ours["by_type"].items():
        table.add_row(
            entity,
            str(row["labelled"]),
            rate(ours, entity),
            rate(half("tune", "pii_stream"), entity),
            rate(half("check", "pii_stream"), entity),
            str(row["held"]),
            rate(plain, entity),
            rate(half("check", "plain_presidio"), entity),
        )
    table.add_row(
        "[bold]personal spans",
        str(ours["personal_spans"]),
        f"[bold]{rate(ours, None)}",
        rate(half("tune", "pii_stream"), None),
        f"[bold]{rate(half('check', 'pii_stream'), None)}",
        "",
        rate(plain, None),
        rate(half("check", "plain_presidio"), None),
    )
    out.print(table)
    for key, label in (
        ("entity_free", "entity-free events reaching clean unchanged"),
        ("nonpersonal_only", "events labelled only with non-personal types left unchanged"),
    ):
        if ours[f"{key}_events"]:
            line = f"{label}: {ours[f'{key}_unchanged']:.1%} of {ours[f'{key}_events']}"
            check = half("check", "pii_stream")
            if check:
                line += f" (tune {half('tune', 'pii_stream')[f'{key}_unchanged']:.1%}, check {check[f'{key}_unchanged']:.1%})"  # type: ignore[index]
            if plain:
                line += f"; plain Presidio {plain[f'{key}_unchanged']:.1%}"
            out.print(line, highlight=False)
    out.print(f"routes: {report['routes']}", highlight=False)


def render_cases(name: str, report: dict) -> None:
    table = Table(title=f"{name}: {report['passed']} of {report['cases']} cases pass")
    for col in ("expect", "passed", "cases"):
        table.add_column(col, justify="left" if col == "expect" else "right")
    for expect, row in report["by_expect"].items():
        table.add_row(expect, str(row["passed"]), str(row["cases"]))
    out.print(table)
    categories = Table(title=f"{name}: labelled values by category")
    for col in ("category", "values", "left in clean", "in held cases"):
        categories.add_column(col, justify="left" if col == "category" else "right")
    for category, row in report.get("by_category", {}).items():
        categories.add_row(category, str(row["values"]), str(row["left_in_clean"]), str(row["held"]))
    out.print(categories)
    out.print(
        f"traps unchanged: {report['traps_unchanged']} of {report['traps']}; not_clean reaching clean: "
        f"{report['not_clean_reaching_clean']}; drop cases dropped: {report['drop_dropped']} of "
        f"{report['drop_cases']}",
        highlight=False,
    )
    out.print(
        f"values left in clean by category: {report['values_left_by_category'] or 'none'}; "
        f"clean_redacted cases leaking a name or contact value: {report['name_contact_leak_cases']}",
        highlight=False,
    )
    for half, figures in report.get("halves", {}).items():
        out.print(
            f"{half} half: {figures['passed']} of {figures['cases']} pass; traps unchanged {figures['traps_unchanged']} "
            f"of {figures['traps']}; not_clean reaching clean {figures['not_clean_reaching_clean']}; drop cases dropped "
            f"{figures['drop_dropped']} of {figures['drop_cases']}; identifier/financial/credential values in clean "
            f"{figures['strict_values_left']}; traps altered by placeholder type {figures['traps_altered_by_type'] or 'none'}",
            highlight=False,
        )
    if report["failures"]:
        out.print("failed cases: " + ", ".join(f"{f['id']}({f['expect']}->{f['route']})" for f in report["failures"]), highlight=False)
