"""Sensitivity scoring and route decisions from the policy (pure)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.config import DEFAULT_POLICY
from pipeline.core.detection import Finding
from pipeline.core.policy import decide_route, load_policy
from pipeline.core.scoring import matched_context_rules, score_record
from pipeline.errors import PolicyError

POLICY = load_policy(DEFAULT_POLICY)
NO_CONTEXT = {"app": "Notes", "window_title": "Notes", "url": None}


def finding(entity, score=1.0, start=0):
    return Finding("text", entity, start, start + 5, score, "test")


def test_no_findings_scores_zero_and_low():
    s = score_record(POLICY, [], NO_CONTEXT)
    assert (s.score, s.level, s.categories) == (0, "low", ())


@pytest.mark.parametrize(
    "entity,category",
    [
        ("US_SSN", "identifier"),
        ("CREDIT_CARD", "financial"),
        ("US_ITIN", "tax"),
        ("NPI", "medical"),
        ("COMPENSATION", "hr"),
        ("API_KEY", "credential"),
        ("EMAIL_ADDRESS", "contact"),
        ("PERSON", "name"),
    ],
)
def test_each_entity_counts_toward_its_category(entity, category):
    assert score_record(POLICY, [finding(entity)], NO_CONTEXT).categories == (category,)


def test_confidence_scales_the_score():
    high = score_record(POLICY, [finding("US_SSN", 1.0)], NO_CONTEXT).score
    low = score_record(POLICY, [finding("US_SSN", 0.4)], NO_CONTEXT).score
    assert high > low


def test_more_findings_and_more_categories_raise_the_score():
    one = score_record(POLICY, [finding("PERSON")], NO_CONTEXT).score
    three = score_record(POLICY, [finding("PERSON", start=i * 10) for i in range(3)], NO_CONTEXT).score
    mixed = score_record(POLICY, [finding("PERSON"), finding("EMAIL_ADDRESS", start=20)], NO_CONTEXT).score
    assert one < three and one < mixed


def test_tax_site_context_raises_the_score_and_adds_tax():
    findings = [finding("PERSON")]
    plain = score_record(POLICY, findings, NO_CONTEXT)
    taxed = score_record(POLICY, findings, {"app": "Chrome", "window_title": "TurboTax", "url": None})
    assert taxed.score == plain.score + 20
    assert "tax" in taxed.categories


def test_score_is_capped_at_100():
    many = [finding(e, start=i * 10) for i, e in enumerate(["US_SSN", "CREDIT_CARD", "NPI", "US_ITIN", "PERSON"] * 5)]
    assert score_record(POLICY, many, {"app": "TurboTax", "window_title": "MyChart", "url": None}).score == 100


@pytest.mark.parametrize("score,level", [(0, "low"), (24, "low"), (25, "medium"), (50, "high"), (75, "critical")])
def test_levels_follow_the_policy_bands(score, level):
    assert POLICY.level_of(score) == level


@pytest.mark.parametrize(
    "score,categories,route",
    [
        (10, ["contact"], "clean"),
        (49, ["hr"], "clean"),
        (50, ["identifier"], "quarantine"),
        (99, ["identifier"], "quarantine"),
        (100, ["identifier"], "drop"),
        (5, ["credential"], "drop"),
    ],
)
def test_route_by_threshold_and_drop_category(score, categories, route):
    assert decide_route(POLICY, score, categories).route == route


def test_a_form_of_several_identifiers_is_held_not_dropped():
    findings = [finding("US_SSN"), finding("US_DRIVER_LICENSE"), finding("PERSON"), finding("STREET_ADDRESS"), finding("LOCATION")]
    sensitivity = score_record(POLICY, findings, NO_CONTEXT)
    assert decide_route(POLICY, sensitivity.score, list(sensitivity.categories)).route == "quarantine"


@pytest.mark.parametrize(
    "title,held_as_private",
    [
        ("Signal", True),
        ("Chat - Signal", True),
        ("Fed signals two cuts - Markets", False),
        ("WhatsApp", True),
        ("whatsappening blog", False),
    ],
)
def test_context_rules_match_whole_words(title, held_as_private):
    matched = matched_context_rules(POLICY, {"app": "Browser", "window_title": title, "url": None})
    assert ("private_messaging" in matched) is held_as_private


def test_unknown_entity_uses_the_default_category():
    assert score_record(POLICY, [finding("PLUGIN_THING")], NO_CONTEXT).categories == ("other",)


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_invalid_policy_stops_with_a_message_naming_the_field(tmp_path):
    data = yaml.safe_load(DEFAULT_POLICY.read_text())
    data["thresholds"] = {"quarantine": 90, "drop": 50}
    with pytest.raises(PolicyError, match="thresholds.quarantine must not exceed"):
        load_policy(_write(tmp_path, data))
    data = yaml.safe_load(DEFAULT_POLICY.read_text())
    del data["version"]
    with pytest.raises(PolicyError, match="version"):
        load_policy(_write(tmp_path, data))


def test_entity_in_two_categories_is_rejected(tmp_path):
    data = yaml.safe_load(DEFAULT_POLICY.read_text())
    data["categories"]["name"]["entities"].append("US_SSN")
    with pytest.raises(PolicyError, match="US_SSN is in both"):
        load_policy(_write(tmp_path, data))


def test_missing_policy_file_is_an_error(tmp_path):
    with pytest.raises(PolicyError, match="cannot read"):
        load_policy(tmp_path / "absent.yaml")


def test_context_rules_match_each_record_by_its_own_policy():
    from pipeline.core.scoring import matched_context_rules

    portal = {"app": "Chrome", "window_title": "MyChart - Test Results", "url": "https://mychart.example.org/results"}
    rules = matched_context_rules(POLICY, portal)
    assert rules and matched_context_rules(POLICY, portal) == rules  # asked again: the same
    without = POLICY.model_copy(update={"context_rules": ()})
    assert matched_context_rules(without, portal) == []
    assert score_record(without, [], portal).score < score_record(POLICY, [], portal).score
    assert matched_context_rules(POLICY, NO_CONTEXT) == []
