"""Shared CLI plumbing: settings, logging, clean error exits."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from rich.console import Console

from pipeline.config import Settings, load_settings
from pipeline.errors import PiiStreamError

console = Console(stderr=True)


def setup_logging(verbose: bool) -> None:
    """Log lines carry ids, offsets and entity types only (never payloads)."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # Presidio logs every regex timeout with a traceback at WARNING; we count them instead.
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)


def settings_or_exit(config: Path | None, **overrides: object) -> Settings:
    """Load settings; on a problem print it and exit 2 (never fall back to defaults)."""
    try:
        return load_settings(config, **{k: v for k, v in overrides.items() if v is not None})
    except PiiStreamError as exc:
        fail(str(exc))


def fail(message: str, code: int = 2) -> None:
    console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise SystemExit(code)
