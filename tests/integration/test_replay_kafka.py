"""`pii-stream replay --from-kafka`: a time range of the raw topics, read without a
consumer group, under the current and a proposed policy."""

from __future__ import annotations

import json

import yaml

from pipeline.config import DEFAULT_POLICY
from tests.factories import event
from tests.integration.harness import Deployment, require_broker

SSN = "321-54-9876"


def test_replay_reads_the_raw_topics_and_shows_the_moves(tmp_path):
    require_broker()
    deployment = Deployment(partitions=1)
    try:
        deployment.produce(
            [
                event("prompt", event_id="k-ssn", text=f"my SSN is {SSN} for the benefits form"),
                event("prompt", event_id="k-plain", text="summarise the release notes for the team"),
            ]
        )
        policy = yaml.safe_load(DEFAULT_POLICY.read_text(encoding="utf-8"))
        policy.update(thresholds={"quarantine": 90, "drop": 100}, version="proposed")
        proposed = tmp_path / "proposed.yaml"
        proposed.write_text(yaml.safe_dump(policy), encoding="utf-8")
        moves = tmp_path / "moves.jsonl"
        done = deployment.run_cli(
            "pii-stream", "replay", "--from-kafka", "--since", "1h", "--policy", str(proposed), "--moves-out", str(moves)
        )
        assert done.returncode == 0, done.stderr
        assert SSN not in done.stdout + done.stderr
        [moved] = [json.loads(line) for line in moves.read_text().splitlines()]
        assert moved["event_id"] == "k-ssn" and (moved["from"], moved["to"]) == ("quarantine", "clean")
        gated = deployment.run_cli(
            "pii-stream", "replay", "--from-kafka", "--since", "1h", "--policy", str(proposed), "--fail-on", "any-release"
        )
        assert gated.returncode == 1
    finally:
        deployment.delete_topics()
