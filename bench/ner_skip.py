"""What skipping NER would cost: for candidate rules ("no NER on texts like these"), how
many texts of the shared corpora each would skip, how much of the NER work that is, and
on how many of them NER changes the findings (a name or place found only with it).
A rule is safe only where that last count is zero on every corpus.

    python -m bench.ner_skip [CORPORA_DIR]     (default ../shared/corpora)

Prints counts only, never a text.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from bench.whole_process import SHARED
from pipeline.core.normalise import normalised_view

RULES: dict[str, Callable[[str], bool]] = {
    "one word": lambda t: len(t.split()) <= 1,
    "two words or fewer": lambda t: len(t.split()) <= 2,
    "12 characters or fewer": lambda t: len(t) <= 12,
    "no capital letter": lambda t: not any(c.isupper() for c in t),
    "no capital after a sentence start": lambda t: not re.search(r"(?<![.!?]\s)(?<!^)\b[A-Z]", t.strip()),
}


def corpus_texts(directory: Path) -> dict[str, list[str]]:
    """Distinct free texts per corpus (events.jsonl or cases.jsonl)."""
    out: dict[str, list[str]] = {}
    for corpus in sorted(p for p in directory.iterdir() if p.is_dir()):
        source = corpus / "events.jsonl" if (corpus / "events.jsonl").exists() else corpus / "cases.jsonl"
        if not source.exists():
            continue
        texts: dict[str, None] = {}
        for line in source.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for field in ("text", "window_title", "target_text"):
                if isinstance(record.get(field), str) and record[field]:
                    texts[record[field]] = None
        out[corpus.name] = list(texts)
    return out


def measure(detector, texts: list[str]) -> dict:
    """Per rule: texts skipped, their share of characters, texts whose findings NER changes."""
    with_ner = detector.nlp_engine.artifacts(texts, [True] * len(texts))
    without = detector.nlp_engine.artifacts(texts, [False] * len(texts))
    changed = []
    for text, a, b in zip(texts, with_ner, without):
        found = {(f.entity_type, f.start, f.end) for f in detector.analyze_field("text", normalised_view(text), a)}
        found_without = {(f.entity_type, f.start, f.end) for f in detector.analyze_field("text", normalised_view(text), b)}
        changed.append(found != found_without)
    chars = sum(len(t) for t in texts) or 1
    report = {"texts": len(texts), "ner_changes_findings": sum(changed)}
    for name, rule in RULES.items():
        skipped = [i for i, t in enumerate(texts) if rule(t)]
        report[name] = {
            "skipped": len(skipped),
            "share_of_characters": round(sum(len(texts[i]) for i in skipped) / chars, 3),
            "changed_findings": sum(changed[i] for i in skipped),
        }
    return report


def main() -> None:
    from pipeline.config import load_settings
    from pipeline.core.processor import Pipeline

    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED
    detector = Pipeline.from_settings(load_settings(), sealer=None).detector
    results = {name: measure(detector, texts) for name, texts in corpus_texts(directory).items()}
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
