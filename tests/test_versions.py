"""One table of tested library releases: the lock pins them, and an untested release is
refused by name before any hook is installed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline import versions
from pipeline.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]


def _pins() -> dict[str, str]:
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    pins = dict(m.groups() for line in lines if (m := re.match(r"^([A-Za-z0-9_.-]+)(?:\[[\w,-]+\])?==([^\s;]+)", line)))
    return {re.sub(r"[-_.]+", "-", k.lower()): v for k, v in pins.items()}


@pytest.mark.parametrize("package", sorted(versions.TESTED))
def test_the_lock_pins_a_tested_release(package):
    assert _pins()[re.sub(r"[-_.]+", "-", package.lower())] in versions.TESTED[package]
    assert versions.is_tested(package)


def test_an_untested_release_is_refused_by_name(monkeypatch):
    monkeypatch.setitem(versions.TESTED, "aiokafka", ("0.0.1",))
    with pytest.raises(ConfigError, match=r"aiokafka .* tested with 0\.0\.1 only .*pipeline/versions\.py"):
        versions.require_tested(("aiokafka",), "the hooks", "somewhere.py", "the tests")
    versions.require_tested(("spacy",), "the hooks", "somewhere.py", "the tests")
