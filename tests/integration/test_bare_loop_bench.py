"""`python -m bench.bare_loop` (issue 13's measurement of a worker outside faust) keeps
working: on a small corpus it routes every event through the broker and reports."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.integration.harness import require_broker


def test_the_bare_loop_measurement_routes_every_event_and_reports():
    require_broker()
    env = {**os.environ, "PII_PSEUDONYM_KEY": "test-only-pseudonym-key"}
    done = subprocess.run(
        [sys.executable, "-m", "bench.bare_loop", "--items", "40", "--batch", "64"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = done.stdout.strip().splitlines()[-1]
    assert "events, batches of up to 64: bare loop" in report and "`pii-stream scan -j 1`" in report
