"""A deployment's vocabulary in the policy, applied by a worker on the local broker: a deny
term is redacted as its entity, an allow term is left alone, an SSN allowed by mistake is
still protected."""

from __future__ import annotations

import yaml

from pipeline.config import DEFAULT_POLICY
from tests.factories import event

SSN = "321-54-9876"


def test_a_worker_applies_the_policy_vocabulary(deployment, tmp_path):
    policy = yaml.safe_load(DEFAULT_POLICY.read_text(encoding="utf-8"))
    policy["vocabulary"] = {
        "allow": [{"term": "Grace Hopper"}, {"term": SSN}],
        "deny": [{"term": "Project Nightjar", "entity": "PROJECT_CODENAME"}],
    }
    policy["version"] += "+vocabulary"
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(policy), encoding="utf-8")
    d = deployment(partitions=1, PII_POLICY_FILE=str(path))
    d.start_worker(tmp_path)
    d.produce(
        [
            event(event_id="v-deny", text="status of project nightjar for the board"),
            event(event_id="v-allow", text="ask Grace Hopper about the release"),
            event(event_id="v-ssn", text=f"my ssn is {SSN}"),
        ]
    )
    outputs = d.collect({"v-deny", "v-allow", "v-ssn"}, timeout=120)
    clean = {r["event_id"]: r for route, r in outputs.records if route == "clean"}
    assert clean["v-deny"]["text"] == "status of <PROJECT_CODENAME> for the board"
    assert clean["v-allow"]["text"] == "ask Grace Hopper about the release"
    assert SSN not in outputs.clean_text() and "v-ssn" in outputs.final_route()
