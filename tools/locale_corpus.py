"""Writes span corpora of presidio-evaluator's sentence templates filled from non-US
locales (national ids, phones, addresses of each country) for `pii-stream eval-external`.

Run with a separate environment that has `presidio-evaluator==0.3.2` (its templates are
used as they are: their independence from our recognizers is the point):

    python tools/locale_corpus.py OUT_DIR [--per-locale 250] [--seed 1000]

Each locale gets OUT_DIR/locale-<locale>/events.jsonl and spans.jsonl, ids prefixed with
the locale. The output is generated data for measuring, never committed."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

LOCALES = ("fr_FR", "it_IT", "es_ES", "de_DE", "nl_NL", "pl_PL", "sv_SE", "en_GB", "en_IN", "pt_BR")


def main() -> None:
    from presidio_evaluator.data_generator import PresidioSentenceFaker

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--per-locale", type=int, default=250)
    parser.add_argument("--seed", type=int, default=1000, help="first seed; each locale adds its index (>= 1000)")
    args = parser.parse_args()
    for n, locale in enumerate(LOCALES):
        faker = PresidioSentenceFaker(locale=locale, lower_case_ratio=0.0, random_seed=args.seed + n)
        records = faker.generate_new_fake_sentences(num_samples=args.per_locale)
        directory = args.out / f"locale-{locale}"
        directory.mkdir(parents=True, exist_ok=True)
        with (directory / "events.jsonl").open("w") as events, (directory / "spans.jsonl").open("w") as spans:
            for i, record in enumerate(records):
                event_id = f"{locale}-{i:05d}"
                event = {"event_id": event_id, "kind": "prompt", "ts": "2026-06-18T15:00:00Z", "user_id": "u-eval"}
                events.write(json.dumps({**event, "app": "Chat Assistant", "text": record.full_text}) + "\n")
                for span in record.spans:
                    row = {"event_id": event_id, "entity_type": span.entity_type, "value": span.entity_value}
                    spans.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
