"""Dashboards and alerts: well-formed, every alert with a runbook that exists, and every
metric they use one that pii-stream defines (the integration test checks a running
worker exports them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
MONITORING = ROOT / "deploy" / "monitoring"
PROCESS_METRICS = {"process_start_time_seconds"}  # prometheus_client's process collector


def alert_rules() -> list[dict]:
    groups = yaml.safe_load((MONITORING / "alerts.yaml").read_text(encoding="utf-8"))["groups"]
    return [rule for group in groups for rule in group["rules"]]


def dashboard_exprs() -> list[str]:
    dashboard = json.loads((MONITORING / "grafana-dashboard.json").read_text(encoding="utf-8"))
    return [t["expr"] for panel in dashboard["panels"] for t in panel["targets"]]


def metric_families(exprs: list[str]) -> set[str]:
    """Metric family names in PromQL expressions (histogram series map to their family)."""
    names = set(re.findall(r"\b((?:pii|process)_[a-z_]+)\b", " ".join(exprs)))
    return {re.sub(r"_(bucket|sum|count)$", "", n) for n in names}


def used_metrics() -> set[str]:
    return metric_families([r["expr"] for r in alert_rules()] + dashboard_exprs())


def _slug(heading: str) -> str:
    return re.sub(r"[^\w\s-]", "", heading.lower()).strip().replace(" ", "-")


def test_every_alert_has_a_severity_a_summary_and_a_runbook_that_exists():
    operations = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    anchors = {_slug(h) for h in re.findall(r"^#+ (.+)$", operations, re.MULTILINE)}
    rules = alert_rules()
    assert len(rules) >= 5
    for rule in rules:
        assert rule["alert"].startswith("PiiStream") and rule["expr"].strip() and rule["for"]
        assert rule["labels"]["severity"] in ("info", "warning", "critical")
        page, anchor = rule["annotations"]["runbook_url"].split("#")
        assert page == "docs/operations.md" and anchor in anchors, rule["alert"]


def test_the_dashboard_covers_what_an_operator_watches():
    dashboard = json.loads((MONITORING / "grafana-dashboard.json").read_text(encoding="utf-8"))
    titles = " ".join(p["title"].lower() for p in dashboard["panels"])
    for topic in ("records in", "records out", "hold", "detection failures", "latency", "lag", "restarts"):
        assert topic in titles, topic
    assert len({p["id"] for p in dashboard["panels"]}) == len(dashboard["panels"])


def test_every_metric_used_is_one_pii_stream_defines():
    from prometheus_client import REGISTRY

    import pipeline.stream.metrics  # noqa: F401 - registers the worker's metrics

    defined = {m.name for m in REGISTRY.collect()} | PROCESS_METRICS
    # counters are collected under their name without _total
    defined |= {f"{n}_total" for n in defined}
    assert used_metrics() <= defined, used_metrics() - defined


def test_compose_provisions_the_rules_and_the_dashboard():
    compose = yaml.safe_load((ROOT / "deploy" / "compose" / "compose.yaml").read_text(encoding="utf-8"))
    prometheus = yaml.safe_load((ROOT / "deploy" / "compose" / "prometheus.yml").read_text(encoding="utf-8"))
    assert "/etc/prometheus/alerts.yaml" in prometheus["rule_files"]
    assert any("monitoring/alerts.yaml:/etc/prometheus/alerts.yaml" in v for v in compose["services"]["prometheus"]["volumes"])
    assert any("grafana-dashboard.json" in v for v in compose["services"]["grafana"]["volumes"])
