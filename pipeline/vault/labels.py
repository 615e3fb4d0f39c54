"""Reviewers' verdicts as labels: the reviewed held records in the events + spans form that
`pii-stream eval-external` reads, and false-positive rates per recognizer and entity type.
Everything here is decrypted content: the callers audit it and keep it to the reviewer."""

from __future__ import annotations

import json
import os
import stat
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import PiiStreamError

if TYPE_CHECKING:
    from pipeline.vault.review import Hold


class LabelsError(PiiStreamError):
    """Labels cannot be written where asked (a directory others can read)."""


def events_and_spans(reviewed: list[tuple[Hold, bytes, dict]]) -> tuple[list[dict], list[dict]]:
    """The original events, and one span per value the reviewer confirmed: findings marked
    correct and values marked missed (false positives are left out)."""
    events, spans = [], []
    for hold, original, verdict in reviewed:
        try:
            event = json.loads(original)
        except ValueError:
            continue
        if not isinstance(event, dict):
            continue
        events.append(event)
        marked = [f for f in verdict["findings"] if f["verdict"] == "correct"] + verdict["missed"]
        for span in marked:
            text = event.get(span["field"])
            if isinstance(text, str) and 0 <= span["start"] < span["end"] <= len(text):
                value = text[span["start"] : span["end"]]
                spans.append({"event_id": hold.event_id, "entity_type": span["entity_type"], "value": value})
    return events, spans


def text_fields(original: bytes) -> dict[str, str]:
    """The text fields of a held original (none when it is not a JSON object)."""
    try:
        data = json.loads(original)
    except ValueError:
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def private_directory(directory: Path) -> None:
    """`directory` created private (0700); an existing one that others can read or enter,
    or a file, is refused (labels are decrypted content)."""
    if directory.exists():
        mode = directory.stat().st_mode
        if not directory.is_dir() or mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise LabelsError(f"{directory} can be read by others (mode {stat.filemode(mode)}): labels are decrypted content")
    else:
        directory.mkdir(parents=True, mode=0o700)
        directory.chmod(0o700)  # whatever the umask


def write_labels(directory: Path, events: list[dict], spans: list[dict]) -> None:
    """events.jsonl and spans.jsonl (0600) in `directory`, made private first."""
    private_directory(directory)
    for name, rows in (("events.jsonl", events), ("spans.jsonl", spans)):
        fd = os.open(directory / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


def false_positive_rates(reviewed: list[tuple[Hold, bytes, dict]], suggestions: int = 5) -> dict:
    """Per recognizer and per entity type: findings judged and false positives; and the
    values most often marked false positive (candidates for the policy's `allow` terms)."""
    judged: dict[str, dict[str, list[int]]] = {"recognizer": defaultdict(lambda: [0, 0]), "entity_type": defaultdict(lambda: [0, 0])}
    values: Counter = Counter()
    for _, original, verdict in reviewed:
        fields = text_fields(original)
        for f in verdict["findings"]:
            wrong = f["verdict"] == "false-positive"
            for by in ("recognizer", "entity_type"):
                row = judged[by][str(f.get(by) or "-")]
                row[0] += 1
                row[1] += wrong
            text = fields.get(f["field"])
            if wrong and text is not None:
                values[(text[f["start"] : f["end"]], f["entity_type"])] += 1
    return {
        by: {name: {"judged": n, "false_positive": fp, "rate": round(fp / n, 3)} for name, (n, fp) in sorted(rows.items())}
        for by, rows in judged.items()
    } | {"suggested_allow": [{"term": v, "entity_type": t, "times": n} for (v, t), n in values.most_common(suggestions)]}
