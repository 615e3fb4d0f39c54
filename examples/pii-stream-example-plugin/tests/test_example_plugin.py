"""Positives and negatives for each recognizer, with pii-stream's public test helper."""

from __future__ import annotations

import pytest
import yaml
from example_plugin import YAML, EmployeeBadgeRecognizer, ProjectCodenameRecognizer
from stdnum import luhn

from pipeline.plugins import load_yaml_recognizers, validate_recognizers
from pipeline.testing import assert_finds

GOOD_BADGE = "EB-" + "482915" + luhn.calc_check_digit("482915")
BAD_BADGE = GOOD_BADGE[:-1] + str((int(GOOD_BADGE[-1]) + 1) % 10)


@pytest.mark.parametrize(
    "text,expected",
    [
        (f"employee badge {GOOD_BADGE} was reissued", [GOOD_BADGE]),
        (f"{GOOD_BADGE}", [GOOD_BADGE]),
        (f"badge {BAD_BADGE} fails its check digit", []),
        ("EB-12345 is too short", []),
        (f"XEB-{GOOD_BADGE[3:]} is part of a longer code", []),
    ],
)
def test_employee_badge(text, expected):
    assert_finds(EmployeeBadgeRecognizer(), text, expected)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("status of Project Falcon next week", ["Falcon"]),
        ("codename juniper ships in May", ["juniper"]),
        ("a falcon nested on the roof", []),
        ("project Apollo is public", []),
    ],
)
def test_project_codename_needs_its_cue(text, expected):
    assert_finds(ProjectCodenameRecognizer(), text, expected)


@pytest.mark.parametrize("text,expected", [("book it to CC-4410-OPS", ["CC-4410-OPS"]), ("CC-44-OPS", [])])
def test_cost_centre_yaml(text, expected):
    [recognizer] = load_yaml_recognizers(YAML)
    assert_finds(recognizer, text, expected)


def test_the_recognizers_pass_pii_streams_plugin_checks():
    validate_recognizers([EmployeeBadgeRecognizer(), ProjectCodenameRecognizer()], "example plugin")


def test_the_policy_entry_merges_into_a_valid_policy(tmp_path):
    from pipeline.config import DEFAULT_POLICY
    from pipeline.core.policy import load_policy

    policy = yaml.safe_load(DEFAULT_POLICY.read_text(encoding="utf-8"))
    entry = yaml.safe_load((YAML.parent / "policy_entry.yaml").read_text(encoding="utf-8"))
    policy["categories"].update(entry["categories"])
    policy["version"] += "+example-plugin"
    merged = tmp_path / "policy.yaml"
    merged.write_text(yaml.safe_dump(policy), encoding="utf-8")
    loaded = load_policy(merged)
    assert loaded.category_of("EMPLOYEE_BADGE") == "employee_identifier"
    assert loaded.category_of("COST_CENTRE") == "internal_project"
