"""The accuracy ratchet: figures of `make eval-external` may improve, never fall back.

The file records, per figure, the last value reached and which way is better. CI
compares a fresh run against it; `--update-ratchet` writes the new figures when they
are at least as good (a worse figure is never written back).
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.eval.external import PERSONAL_SPAN_TYPES

LOWER, HIGHER = "lower", "higher"
# Deterministic runs give the same figures; the slack only absorbs float rounding.
SLACK = 1e-4


def figures(reports: dict[str, dict]) -> dict[str, tuple[float, str]]:
    """Named figures (value, better-direction) from the reports of `eval-external`: each
    corpus whole (`name.…`) and its check half (`name.check.…`)."""
    out: dict[str, tuple[float, str]] = {}
    for name, report in reports.items():
        out.update(_figures(name, report))
        check = report.get("halves", {}).get("check")
        if check:
            out.update(_figures(f"{name}.check", check))
    return out


def _figures(name: str, report: dict) -> dict[str, tuple[float, str]]:
    out: dict[str, tuple[float, str]] = {}
    if "pii_stream" in report:
        ours = report["pii_stream"]
        out[f"{name}.personal_leak_rate"] = (ours["personal_leak_rate"], LOWER)
        out[f"{name}.entity_free_unchanged"] = (ours["entity_free_unchanged"], HIGHER)
        for entity, row in ours["by_type"].items():
            if entity in PERSONAL_SPAN_TYPES:
                out[f"{name}.{entity}.leak_rate"] = (row["leak_rate"], LOWER)
    elif "passed" in report:
        out[f"{name}.passed"] = (report["passed"], HIGHER)
        out[f"{name}.traps_unchanged"] = (report["traps_unchanged"], HIGHER)
        out[f"{name}.drop_dropped"] = (report["drop_dropped"], HIGHER)
        out[f"{name}.not_clean_reaching_clean"] = (report["not_clean_reaching_clean"], LOWER)
        out[f"{name}.special_values_left"] = (report["special_values_left"], LOWER)
        out[f"{name}.strict_values_left"] = (report["strict_values_left"], LOWER)
        out[f"{name}.name_contact_leak_cases"] = (report["name_contact_leak_cases"], LOWER)
    return out


def regressions(current: dict[str, tuple[float, str]], recorded: dict[str, dict]) -> list[str]:
    """Each recorded figure the current run is worse on, as a readable line."""
    worse = []
    for name, entry in sorted(recorded.items()):
        if name not in current:
            continue  # a corpus not present in this run (e.g. one not shared here)
        value, direction = current[name]
        limit = entry["value"]
        if (direction == LOWER and value > limit + SLACK) or (direction == HIGHER and value < limit - SLACK):
            worse.append(f"{name}: {value} is worse than the recorded {limit} ({direction} is better)")
    return worse


def load(path: Path) -> dict[str, dict]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def raised(current: dict[str, tuple[float, str]], recorded: dict[str, dict]) -> dict[str, dict]:
    """The recorded figures, each moved to the current value where that is at least as good."""
    out = dict(recorded)
    for name, (value, direction) in current.items():
        old = recorded.get(name)
        if old is None or (value <= old["value"] if direction == LOWER else value >= old["value"]):
            out[name] = {"value": value, "better": direction}
    return dict(sorted(out.items()))


def save(path: Path, recorded: dict[str, dict]) -> None:
    path.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")
