"""`quarantine-review list/stats` show metadata of held records and never their content."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
WIDE = {**os.environ, "COLUMNS": "200"}  # rich wraps table cells on narrow terminals


def test_list_and_stats_show_metadata_only(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"event_id": "q1", "kind": "prompt", "ts": "2026-06-18T14:00:00Z",
                                  "user_id": "u1", "text": "my SSN is 321-54-9876"}) + "\n{bad json\n")
    subprocess.run([str(BIN / "pii-stream"), "scan", str(source), "--out", str(tmp_path / "out")], check=True,
                   capture_output=True)
    held = tmp_path / "out" / "quarantine.jsonl"
    listing = subprocess.run([str(BIN / "quarantine-review"), "list", str(held)], capture_output=True, text=True, env=WIDE)
    assert listing.returncode == 0
    assert "q1" in listing.stdout and "score_above_quarantine_threshold" in listing.stdout
    assert "321-54-9876" not in listing.stdout
    only = subprocess.run([str(BIN / "quarantine-review"), "list", str(held), "--reason", "malformed"],
                          capture_output=True, text=True, env=WIDE)
    assert "q1" not in only.stdout and "malformed" in only.stdout
    counts = subprocess.run([str(BIN / "quarantine-review"), "stats", str(held)], capture_output=True, text=True, env=WIDE)
    assert "identifier" in counts.stdout and "malformed" in counts.stdout
