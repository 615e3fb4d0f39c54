"""Rebuild `presidio-recognizer-tables/` from a checkout of microsoft/presidio (MIT).

Reads the parametrized tables of Presidio's own recognizer tests and writes them in the
shared corpora's events + spans format: every table row is one prompt event; each
expected result is a span (its value is the text at the expected position, the whole
text when the table gives no position); rows that expect nothing are entity-free
events. Rows built by a function call (IBAN checksums computed at test time) are
skipped. Development tool, not installed:

    python bench/peer/build_presidio_tables.py PATH/TO/presidio
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

# test file stem -> entity type of its rows (the peer suite)
TABLES = {
    "credit_card": "CREDIT_CARD",
    "us_ssn": "US_SSN",
    "us_itin": "US_ITIN",
    "email": "EMAIL_ADDRESS",
    "phone": "PHONE_NUMBER",
    "aba_routing": "ABA_ROUTING_NUMBER",
    "iban": "IBAN_CODE",
    "ip": "IP_ADDRESS",
    "crypto": "CRYPTO",
    "us_passport": "US_PASSPORT",
    "us_driver_license": "US_DRIVER_LICENSE",
    "us_bank": "US_BANK_NUMBER",
}
POSITION_ARGS = ("expected_positions", "expected_res")
OUT = Path(__file__).parent / "presidio-recognizer-tables"


def rows(path: Path):
    """(text, expected_len, positions) of every literal row of every parametrize table."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "parametrize" and len(node.args) == 2):
            continue
        names = [n.strip() for n in ast.literal_eval(node.args[0]).split(",")]
        if names[0] not in ("text", "iban") or "expected_len" not in names:
            continue
        where = next((names.index(a) for a in POSITION_ARGS if a in names), None)
        for element in getattr(node.args[1], "elts", []):
            try:
                row = ast.literal_eval(element)
            except ValueError:
                continue  # computed at test time
            yield row[0], row[names.index("expected_len")], (row[where] if where is not None else ())


def main(presidio: Path) -> None:
    OUT.mkdir(exist_ok=True)
    events, spans = [], []
    for stem, entity in TABLES.items():
        test = presidio / "presidio-analyzer" / "tests" / f"test_{stem}_recognizer.py"
        seen = set()
        for text, expected, positions in rows(test):
            if text in seen or not text.strip():
                continue
            seen.add(text)
            event_id = f"{stem}-{len(seen):03d}"
            events.append(
                {
                    "event_id": event_id,
                    "ts": "2026-06-18T15:00:00Z",
                    "user_id": "u-peer",
                    "session_id": f"s-{stem}",
                    "app": "Chrome",
                    "kind": "prompt",
                    "text": text,
                }
            )
            values = [text[a:b] for a, b in positions] if positions else ([text.strip()] if expected else [])
            spans += [{"event_id": event_id, "entity_type": entity, "value": v} for v in values]
    for name, items in (("events", events), ("spans", spans)):
        with open(OUT / f"{name}.jsonl", "w", encoding="utf-8") as out:
            out.writelines(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    print(f"{len(events)} events, {len(spans)} spans -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
