"""Word lists derived at start-up, kept on disk between starts.

Deriving the name and place lists from Faker's locales, GeoNames and Webster's word
list took ~1.2 s of every start (a worker restarting after a crash, each `scan`). They
are written as JSON — data, never code: nothing read from a cache directory can run —
under `PII_PATTERN_CACHE_DIR` (beside the pattern scan), keyed by the versions of the
packages they are read from and the files of the code deriving them, so a new package
release or a changed rule builds them again. An unreadable or unwritable cache costs
only the time.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import logging
import os
import tempfile
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

Words = TypeVar("Words", frozenset, tuple, dict)


DEFAULT_CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pii-stream"


def cache_dir() -> Path:
    """`PII_PATTERN_CACHE_DIR`, else the default (read from the environment, not a config
    file: the lists load with the recognizers, before settings reach the detector)."""
    configured = os.environ.get("PII_PATTERN_CACHE_DIR")
    return Path(configured) if configured else DEFAULT_CACHE_DIR


def on_disk(packages: tuple[str, ...], files: tuple[Path, ...] = ()) -> Callable[[Callable[[], Words]], Callable[[], Words]]:
    """Cache a function returning a frozenset of strings, a tuple of them, or a dict of
    strings to floats, on disk."""

    def decorate(build: Callable[[], Words]) -> Callable[[], Words]:
        @functools.wraps(build)
        def cached() -> Words:
            path = cache_dir() / f"words-{build.__name__}-{_key(build, packages, files)}.json"
            found = _read(path)
            if found is not None:
                return found  # type: ignore[return-value]
            value = build()
            _write(path, value)
            return value

        return cached

    return decorate


def _key(build: Callable, packages: tuple[str, ...], files: tuple[Path, ...]) -> str:
    digest = hashlib.sha256(json.dumps([build.__qualname__, [version(p) for p in packages]]).encode())
    for path in (Path(inspect.getfile(build)), *files):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def _read(path: Path) -> frozenset | tuple | dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if "numbers" in data:  # {number: [words]}: words repeat few values, strings parse fastest
            numbers: dict[str, float] = {}
            for number, words in data["numbers"].items():
                numbers.update(dict.fromkeys(words, float(number)))
            return numbers
        sets = tuple(frozenset(s) for s in data["sets"])
        return sets if data["tuple"] else sets[0]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        log.warning("word list cache %s unreadable (%s); building it again", path.name, type(exc).__name__)
        return None


def _write(path: Path, value: frozenset | tuple | dict) -> None:
    if isinstance(value, dict):
        grouped: dict[str, list[str]] = {}
        for word, number in sorted(value.items()):
            grouped.setdefault(repr(float(number)), []).append(word)
        data = json.dumps({"numbers": grouped})
    else:
        sets = value if isinstance(value, tuple) else (value,)
        data = json.dumps({"tuple": isinstance(value, tuple), "sets": [sorted(s) for s in sets]})
    write_atomically(path, data.encode("utf-8"), "word lists")


def write_atomically(path: Path, data: bytes, what: str) -> None:
    """Replace `path` with `data` in one step (concurrent starts may write it too); a
    cache that cannot be written is only logged: the next start builds `what` again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            tmp.write(data)
        os.chmod(tmp.name, 0o644)  # an image builds it as root; the worker user reads it
        os.replace(tmp.name, path)
    except OSError as exc:  # a read-only home still works
        log.warning("cannot cache %s in %s (%s)", what, path.parent, type(exc).__name__)
