"""CoNLL named-entity files (one `token<TAB>BIO-tag` per line, blank line between texts,
as WNUT-17 ships them) converted to the span corpus format `eval-external` reads.

Used to measure on a labelled set we did not tune on (WNUT-17's training split) without
keeping its text in the repository: the text is real people's posts.
"""

from __future__ import annotations

import json
from pathlib import Path

# WNUT-17's tag names, as the shared corpora name them
ENTITY_TYPES = {
    "person": "PERSON",
    "location": "LOCATION",
    "group": "GROUP",
    "corporation": "CORPORATION",
    "product": "PRODUCT",
    "creative-work": "CREATIVE_WORK",
}


class ConllError(ValueError):
    """The input is not a token/tag file; the message names the line, never its token."""


def read_sentences(path: Path) -> list[list[tuple[str, str]]]:
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not (parts[-1] == "O" or parts[-1][:2] in ("B-", "I-")):
            raise ConllError(f"line {number}: expected a token, a tab and a BIO tag")
        current.append((parts[0], parts[-1]))
    if current:
        sentences.append(current)
    return sentences


def spans_of(sentence: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(entity type, value) per entity; tokens joined by single spaces, as in the text."""
    out, i = [], 0
    while i < len(sentence):
        tag = sentence[i][1]
        if not tag.startswith("B-"):
            i += 1
            continue
        kind, j = tag[2:], i + 1
        while j < len(sentence) and sentence[j][1] == f"I-{kind}":
            j += 1
        out.append((ENTITY_TYPES.get(kind, kind.upper()), " ".join(t for t, _ in sentence[i:j])))
        i = j
    return out


def convert(source: Path, target: Path, prefix: str) -> tuple[int, int]:
    """Write target/events.jsonl and target/spans.jsonl; returns (texts, spans). Texts
    alternate between a chat prompt and a browser page, like the shared WNUT-17 set."""
    sentences = read_sentences(source)
    target.mkdir(parents=True, exist_ok=True)
    n_spans = 0
    with open(target / "events.jsonl", "w", encoding="utf-8") as events, open(target / "spans.jsonl", "w", encoding="utf-8") as spans:
        for i, sentence in enumerate(sentences):
            event_id = f"{prefix}-{i:05d}"
            event = {"event_id": event_id, "kind": "prompt", "ts": "2026-06-18T15:00:00Z", "user_id": f"u{i}", "app": "Chat Assistant"}
            if i % 2:
                event.update(kind="screen_text", app="Chrome", window_title="Post - Chrome")
            event["text"] = " ".join(token for token, _ in sentence)
            events.write(json.dumps(event, ensure_ascii=False) + "\n")
            for kind, value in spans_of(sentence):
                spans.write(json.dumps({"event_id": event_id, "entity_type": kind, "value": value}, ensure_ascii=False) + "\n")
                n_spans += 1
    return len(sentences), n_spans
