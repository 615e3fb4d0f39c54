"""Shared CLI plumbing: settings, logging, clean error exits."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

from pipeline.config import Settings, load_settings
from pipeline.errors import PiiStreamError

console = Console(stderr=True)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message (ids and offsets, never payloads)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, str | None] = {
            "ts": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info:
            entry["exc"] = record.exc_info[0].__name__ if record.exc_info[0] else None
        return json.dumps(entry)


def setup_logging(verbose: bool, json_lines: bool = False) -> None:
    """Log lines carry ids, offsets and entity types only (never payloads)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    # force: the command owns the process (and, under a test runner, its current stderr)
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler], force=True)
    # Presidio logs every regex timeout with a traceback at WARNING; we count them instead.
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)


def settings_or_exit(config: Path | None, **overrides: object) -> Settings:
    """Load settings; on a problem print it and exit 2 (never fall back to defaults)."""
    try:
        return load_settings(config, **{k: v for k, v in overrides.items() if v is not None})
    except PiiStreamError as exc:
        fail(str(exc))


def fail(message: str, code: int = 2) -> NoReturn:
    console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise SystemExit(code)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        print(f"pii-stream {version('pii-stream')}")
        raise typer.Exit()


def add_version_option(app: typer.Typer) -> None:
    """`--version` on a command group: the installed release, then exit."""

    @app.callback()
    def _main(
        version: bool = typer.Option(
            False, "--version", callback=_print_version, is_eager=True, help="Show the installed version and exit."
        ),
    ) -> None:
        pass
