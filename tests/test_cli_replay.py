"""`pii-stream replay`: what a proposed policy would move, counts and ids only, and a gate
for CI."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from pipeline.config import DEFAULT_POLICY
from tests import cli
from tests.factories import event

SSN = "321-54-9876"
NAME = "Ingrid Halvorsen"


def _events(tmp_path: Path) -> Path:
    events = [
        event("prompt", event_id="r-ssn", text=f"my SSN is {SSN} for the benefits form"),
        event("prompt", event_id="r-name", text=f"send the deck to {NAME} before noon"),
        event("prompt", event_id="r-plain", text="summarise the release notes for the team"),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    return path


def _policy(tmp_path: Path, **changes) -> Path:
    data = yaml.safe_load(DEFAULT_POLICY.read_text(encoding="utf-8"))
    data.update(changes)
    data["version"] = "proposed"
    path = tmp_path / "proposed.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_replay_shows_what_moves_and_writes_the_ids_without_content(tmp_path):
    lenient = _policy(tmp_path, thresholds={"quarantine": 90, "drop": 100})
    moves = tmp_path / "moves.jsonl"
    done = cli.run("pii-stream", "replay", str(_events(tmp_path)), "--policy", str(lenient), "--moves-out", str(moves))
    assert done.returncode == 0, done.stderr
    assert "quarantine" in done.stdout and "clean" in done.stdout
    assert SSN not in done.stdout and NAME not in done.stdout and "benefits" not in done.stdout
    [moved] = [json.loads(line) for line in moves.read_text().splitlines()]
    assert moved["event_id"] == "r-ssn" and (moved["from"], moved["to"]) == ("quarantine", "clean")


def test_replay_gates_a_release_and_a_value_left_readable(tmp_path):
    source = _events(tmp_path)
    lenient = _policy(tmp_path, thresholds={"quarantine": 90, "drop": 100})
    gated = cli.run("pii-stream", "replay", str(source), "--policy", str(lenient), "--fail-on", "any-release")
    assert gated.returncode == 1 and "any-release" in gated.stderr
    allowing = _policy(tmp_path, vocabulary={"allow": [{"term": NAME}]})
    left = cli.run("pii-stream", "replay", str(source), "--policy", str(allowing), "--fail-on", "clean-gains-findings")
    assert left.returncode == 1 and "clean-gains-findings" in left.stderr
    assert "newly left readable in clean: PERSON 1" in left.stdout and NAME not in left.stdout
    same = cli.run("pii-stream", "replay", str(source), "--policy", str(DEFAULT_POLICY), "--fail-on", "any-release")
    assert same.returncode == 0 and "no record moves" in same.stdout


def test_replay_refuses_nothing_to_compare_and_unknown_gates(tmp_path):
    source = _events(tmp_path)
    assert cli.run("pii-stream", "replay", str(source)).returncode != 0
    done = cli.run("pii-stream", "replay", str(source), "--policy", str(DEFAULT_POLICY), "--fail-on", "sometimes")
    assert done.returncode != 0 and "--fail-on" in done.stderr


def test_replay_of_held_originals_needs_the_reviewer_key_and_is_audited(tmp_path, vault_keys):
    scanned = tmp_path / "scan"
    done = cli.run("pii-stream", "scan", str(_events(tmp_path)), "--out", str(scanned))
    assert done.returncode == 0, done.stderr
    lenient = _policy(tmp_path, thresholds={"quarantine": 90, "drop": 100})
    args = ("pii-stream", "replay", "--from-quarantine", "--dir", str(scanned), "--policy", str(lenient))
    no_reason = cli.run(*args)
    assert no_reason.returncode != 0 and "reason is required" in no_reason.stderr
    as_worker = cli.run(*args, "--reason", "policy change PRIV-7")  # the public key only
    assert as_worker.returncode != 0 and SSN not in as_worker.stdout + as_worker.stderr
    replayed = cli.run(
        *args, "--reason", "policy change PRIV-7", "--moves-out", str(tmp_path / "m.jsonl"), env=vault_keys.reviewer_env("ana")
    )
    assert replayed.returncode == 0, replayed.stderr
    assert "quarantine" in replayed.stdout and "clean" in replayed.stdout and SSN not in replayed.stdout
    [moved] = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text().splitlines()]
    assert moved["event_id"] == "r-ssn" and moved["to"] == "clean"
    entries = [json.loads(line) for line in (scanned / "audit.jsonl").read_text().splitlines()]
    assert [(e["action"], e["actor"], e["outcome"]) for e in entries] == [("replay", "ana", "1 held originals decrypted")]
    assert cli.run("quarantine-review", "audit", "verify", "--dir", str(scanned)).returncode == 0
