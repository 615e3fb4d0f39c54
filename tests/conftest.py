"""Shared fixtures. The detector loads spaCy once per session (about 2 s)."""

from __future__ import annotations

import json
import os

import pytest

os.environ.setdefault("PII_PSEUDONYM_KEY", "test-only-pseudonym-key-0123456789")

from pipeline.config import load_settings  # noqa: E402
from pipeline.processor import Pipeline  # noqa: E402


@pytest.fixture(scope="session")
def settings():
    return load_settings()


@pytest.fixture(scope="session")
def pipeline(settings):
    return Pipeline.from_settings(settings)


def event(kind: str = "prompt", **fields) -> dict:
    """A valid input event of `kind` with overridable fields (synthetic values only)."""
    base = {"event_id": fields.pop("event_id", "ev-1"), "kind": kind, "ts": "2026-06-18T14:03:07Z",
            "user_id": "user-001", "app": "ChatGPT", "window_title": "ChatGPT"}
    if kind in ("prompt", "screen_text"):
        base["text"] = "Refactor this function to use async/await."
    if kind == "click":
        base.update({"x": 10, "y": 20, "button": "left", "target_text": "Submit"})
    if kind == "keystroke":
        base.update({"session_id": "s-1", "field_id": "f-1", "key": "a"})
    base.update(fields)
    return base


def raw(obj: dict) -> bytes:
    return json.dumps(obj).encode("utf-8")
