"""`pii-stream replay`: what a policy or recognizer change would move, before it ships.
The current and the proposed configuration route the same events (files, a time range of
the raw topics, or the held records' originals, decrypted with the reviewer key and
audited); only counts, types, reason codes and event ids are printed, never content."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from pipeline.cli.common import fail, settings_or_exit, setup_logging
from pipeline.errors import PiiStreamError

if TYPE_CHECKING:
    from pipeline.core.processor import Pipeline

out = Console()
FAIL_ON = ("clean-gains-findings", "any-release")


def _outcomes(pipeline: Pipeline, sources: list[tuple[str, list[bytes]]]) -> dict[str, dict]:
    """Per output record id: route, kind, reasons and the entity types redacted in clean."""
    from pipeline.core.processor import route_stream

    found: dict[str, dict] = {}
    for label, raws in sources:
        for n, routed in enumerate(route_stream(pipeline, raws, pipeline.settings.batch_size)):
            record = routed.record
            key = str(record.get("event_id") or f"{label}#{n}")
            redacted = Counter(f["entity_type"] for f in record.get("findings") or []) if routed.route == "clean" else Counter()
            found[key] = {
                "route": str(routed.route),
                "kind": record.get("kind") or "malformed",
                "reasons": sorted(record.get("reasons") or []),
                "redacted": redacted,
            }
    return found


def replay(
    inputs: list[Path] = typer.Argument(None, help="JSONL or Parquet files of input events."),
    from_kafka: bool = typer.Option(
        False, "--from-kafka", help="Read the raw topics instead of files (no consumer group, nothing committed)."
    ),
    since: str = typer.Option("1h", "--since", help="With --from-kafka: how far back, e.g. 30m, 2h, 1d."),
    from_quarantine: bool = typer.Option(
        False,
        "--from-quarantine",
        help="Replay the held records' originals (needs the reviewer key and --reason; audited).",
    ),
    directory: Path | None = typer.Option(None, "--dir", help="With --from-quarantine: a `scan --out` directory, not Kafka."),
    reason: str | None = typer.Option(None, "--reason", help="With --from-quarantine: why; written to the audit log."),
    policy: Path | None = typer.Option(None, "--policy", help="The proposed policy file."),
    recognizers: list[Path] = typer.Option([], "--recognizers", help="Presidio recognizer YAML files to add (repeatable)."),
    moves_out: Path | None = typer.Option(None, "--moves-out", help="Write each moved record's id and routes here (JSONL)."),
    fail_on: list[str] = typer.Option(
        [],
        "--fail-on",
        help="Exit 1 when: clean-gains-findings (a value the current configuration redacts is left "
        "readable in clean) or any-release (a held or dropped record would reach clean). Repeatable.",
    ),
    config: Path | None = typer.Option(None, "--config", help="YAML config file (also PII_CONFIG_FILE)."),
) -> None:
    """Route the same events under the current and a proposed configuration; print what moves."""
    from pipeline.core.policy import load_policy
    from pipeline.core.processor import Pipeline  # noqa: F811 - the class itself, at run time

    setup_logging(False)
    unknown = [f for f in fail_on if f not in FAIL_ON]
    if unknown:
        fail(f"--fail-on takes {' or '.join(FAIL_ON)}, not {', '.join(unknown)}")
    if policy is None and not recognizers:
        fail("nothing proposed: give --policy and/or --recognizers")
    inputs = inputs or []
    if [bool(inputs), from_kafka, from_quarantine].count(True) != 1:
        fail("give input files, --from-kafka or --from-quarantine (one of them)")
    if from_quarantine and not (reason or "").strip():
        fail('--from-quarantine decrypts held records: a reason is required (--reason "..."); it is written to the audit log')
    missing = [str(p) for p in [*inputs, *([policy] if policy else []), *recognizers] if not p.is_file()]
    if missing:
        fail(f"not found: {', '.join(missing)}")
    settings = settings_or_exit(config)
    try:
        current = Pipeline.from_settings(settings, sealer=None)
        new_policy = load_policy(policy) if policy is not None else current.policy
        if recognizers or new_policy.min_finding_score != current.policy.min_finding_score:
            update = {"recognizer_yaml": (*settings.recognizer_yaml, *recognizers), "policy_file": policy or settings.policy_file}
            proposed = Pipeline.from_settings(settings.model_copy(update=update), sealer=None)
        else:  # the same detection: shared, only the policy differs
            proposed = Pipeline(settings, new_policy, current.detector, None)
        if from_kafka:
            from pipeline.stream.raw_reader import parse_duration, read_raw

            sources = [("kafka", read_raw(settings, parse_duration(since)))]
        elif from_quarantine:
            from pipeline.vault.review import Review
            from pipeline.vault.store import open_store

            sources = [("quarantine", Review(settings, open_store(settings, directory)).originals(reason, "replay"))]
        else:
            from pipeline.files import read_records

            sources = [(p.name, list(read_records(p))) for p in inputs]
        before, after = _outcomes(current, sources), _outcomes(proposed, sources)
    except PiiStreamError as exc:
        fail(str(exc))
    moves: Counter = Counter()
    newly_redacted: Counter = Counter()
    newly_left: Counter = Counter()
    moved_records = []
    for key, old in before.items():
        new = after.get(key)
        if new is None:
            continue
        if old["route"] != new["route"] or old["reasons"] != new["reasons"]:
            moves[(old["kind"], old["route"], new["route"], ", ".join(new["reasons"]) or "-")] += 1
            moved_records.append({"event_id": key, "kind": old["kind"], "from": old["route"], "to": new["route"],
                                  "reasons_before": old["reasons"], "reasons_after": new["reasons"]})  # fmt: skip
        if old["route"] == new["route"] == "clean":
            newly_redacted.update(new["redacted"] - old["redacted"])
            newly_left.update(old["redacted"] - new["redacted"])
    table = Table("kind", "from", "to", "reasons after", "records", title=f"moves ({len(before)} records)")
    for (kind, old_route, new_route, reasons), n in sorted(moves.items()):
        table.add_row(kind, old_route, new_route, reasons, str(n))
    out.print(table if moves else f"no record moves ({len(before)} records)")
    for title, counter in (("newly redacted in clean", newly_redacted), ("newly left readable in clean", newly_left)):
        if counter:
            out.print(f"{title}: " + ", ".join(f"{t} {n}" for t, n in counter.most_common()))
    if moves_out is not None:
        moves_out.parent.mkdir(parents=True, exist_ok=True)
        moves_out.write_text("".join(json.dumps(m) + "\n" for m in moved_records), encoding="utf-8")
        out.print(f"moved record ids: {moves_out}")
    released = sum(1 for m in moved_records if m["to"] == "clean" and m["from"] != "clean")
    failed = [
        reason
        for reason, hit in (("clean-gains-findings", bool(newly_left)), ("any-release", released > 0))
        if reason in fail_on and hit
    ]
    if failed:
        fail(f"the proposed configuration fails {', '.join(failed)}", code=1)
