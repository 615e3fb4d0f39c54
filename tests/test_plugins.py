"""Recognizer plugins: a real installed entry-point package, YAML files, and broken ones."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.errors import PluginError
from pipeline.plugins import load_yaml_recognizers, validate_recognizers

PLUGINS = Path(__file__).parent / "plugins"
BIN = Path(sys.executable).parent


def install(package: str, target: Path) -> None:
    """pip-install a plugin package kept under tests/plugins into its own directory."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(target),
            str(PLUGINS / package),
        ],
        check=True,
        capture_output=True,
    )


def scan(tmp_path: Path, events: list[dict], pythonpath: Path | None = None, **env: str):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(e) + "\n" for e in events))
    full_env = {**os.environ, **env}
    if pythonpath:
        full_env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [str(BIN / "pii-stream"), "scan", str(source), "--out", str(tmp_path / "out"), "-v"],
        capture_output=True,
        text=True,
        env=full_env,
    )


def prompt(text: str) -> dict:
    return {"event_id": "p1", "kind": "prompt", "ts": "2026-06-18T14:03:07Z", "user_id": "u1", "text": text}


def clean_records(tmp_path: Path) -> list[dict]:
    return [json.loads(line) for line in (tmp_path / "out" / "clean.jsonl").read_text().splitlines()]


def test_installed_entry_point_plugin_is_loaded_logged_and_used(tmp_path):
    install("good", tmp_path / "site")
    result = scan(tmp_path, [prompt("visitor BADGE-1234-ZZ used LOCKER#042")], tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "plugin badge 1.2.3" in result.stderr and "BadgeRecognizer[VISITOR_BADGE]" in result.stderr
    assert "plugin codes 1.2.3" in result.stderr
    [record] = clean_records(tmp_path)
    assert record["text"] == "visitor <VISITOR_BADGE> used <LOCKER_CODE>"


def test_broken_plugin_stops_start_up_naming_it(tmp_path):
    install("broken", tmp_path / "site")
    result = scan(tmp_path, [prompt("hello")], tmp_path / "site")
    assert result.returncode == 2
    assert "plugin 'broken' (broken_plugin:Missing) failed to import" in result.stderr
    assert not (tmp_path / "out").exists()


def test_yaml_recognizer_from_configuration(tmp_path):
    result = scan(tmp_path, [prompt("launch PROJECT-ORCA next week")], PII_RECOGNIZER_YAML=str(PLUGINS / "recognizers.yaml"))
    assert result.returncode == 0, result.stderr
    assert clean_records(tmp_path)[0]["text"] == "launch <PROJECT_CODENAME> next week"


def test_invalid_yaml_recognizer_is_rejected_with_its_path():
    with pytest.raises(PluginError, match="bad_recognizers.yaml is invalid"):
        load_yaml_recognizers(PLUGINS / "bad_recognizers.yaml")


@pytest.mark.parametrize(
    "produced,match",
    [
        ([], "non-empty list"),
        (["not a recognizer"], "not an EntityRecognizer"),
        ("nothing", "non-empty list"),
    ],
)
def test_plugin_output_is_validated(produced, match):
    with pytest.raises(PluginError, match=match):
        validate_recognizers(produced, "plugin 'x'")


def test_every_builtin_entity_is_named_in_the_default_policy():
    """An entity the policy does not name would silently weigh as `other`."""
    from pathlib import Path

    from pipeline.core.policy import load_policy
    from recognizers import builtin_recognizers

    policy = load_policy(Path("pipeline/data/policy.yaml"))
    named = {e for c in policy.categories.values() for e in c.entities}
    entities = {e for r in builtin_recognizers() for e in r.supported_entities}
    assert entities - named == set()
