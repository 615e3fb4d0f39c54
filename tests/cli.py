"""The console scripts run in-process with typer's CliRunner: what a user sees (exit
code, stdout, stderr) without starting an interpreter per call. Each script also runs
once as a real process elsewhere (tests/test_deploy.py, the smoke tests in
test_cli_scan.py and test_cli_review.py)."""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass

from typer.testing import CliRunner


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stdout: str
    stderr: str


def run(script: str, *args: str, env: dict[str, str | None] | None = None, input: str | None = None) -> Outcome:
    """`script args...` as a user would type it; env values of None unset a variable."""
    from pipeline.cli import main, review

    app = {"pii-stream": main.app, "quarantine-review": review.app}[script]
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        result = CliRunner().invoke(app, list(args), env={"COLUMNS": "250", **(env or {})}, input=input)
    finally:  # the command set up logging on the runner's streams, which are now closed
        root.handlers[:] = handlers
        root.setLevel(level)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        # an uncaught exception: a real process would print its traceback and exit 1
        stderr += "".join(traceback.format_exception(result.exception))
    return Outcome(result.exit_code, result.stdout, stderr)
