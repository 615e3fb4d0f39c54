"""The plugin kit in examples/: it installs, its own tests pass, and pii-stream loads it
(listed with its version, found by `try`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KIT = ROOT / "examples" / "pii-stream-example-plugin"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, str]:
    target = tmp_path_factory.mktemp("example-plugin")
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index"]
    subprocess.run([*pip, "--target", str(target), str(KIT)], check=True, capture_output=True)
    return {**os.environ, "PYTHONPATH": str(target)}


def test_the_kit_passes_its_own_tests(installed):
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(KIT / "tests")],
        cwd=KIT, env=installed, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout


def test_pii_stream_lists_and_uses_the_installed_plugin(installed):
    listed = subprocess.run(
        [str(BIN / "pii-stream"), "recognizers", "list"], env={**installed, "COLUMNS": "250"}, capture_output=True, text=True
    )
    assert listed.returncode == 0, listed.stderr
    assert "EmployeeBadgeRecognizer" in listed.stdout and "plugin employee_badge 0.1.0" in listed.stdout
    assert "ProjectCodenameRecognizer" in listed.stdout
    tried = subprocess.run(
        [str(BIN / "pii-stream"), "try", "employee badge EB-4829156 was reissued"],
        env={**installed, "COLUMNS": "250"}, capture_output=True, text=True,
    )  # fmt: skip
    assert tried.returncode == 0, tried.stderr
    assert "<EMPLOYEE_BADGE>" in tried.stdout and "EB-4829156" not in tried.stdout
