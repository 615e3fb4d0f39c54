"""A deployment's own vocabulary in the policy: allow terms, deny terms, scopes, and the
rule that an allow term never opens a hole for an identifier."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.config import DEFAULT_POLICY
from pipeline.core.codes import Route
from pipeline.core.policy import load_policy
from pipeline.core.processor import Pipeline
from pipeline.errors import PolicyError
from tests.factories import event, raw

SSN = "321-54-9876"


def _policy(tmp_path: Path, vocabulary: dict) -> Path:
    data = yaml.safe_load(DEFAULT_POLICY.read_text(encoding="utf-8"))
    data["vocabulary"] = vocabulary
    data["version"] += "+vocabulary-test"
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.fixture
def with_vocabulary(pipeline, tmp_path):
    def make(vocabulary: dict) -> Pipeline:
        return Pipeline(pipeline.settings, load_policy(_policy(tmp_path, vocabulary)), pipeline.detector, pipeline.sealer)

    return make


def route(p: Pipeline, text: str, **context: str):
    [routed] = p.route([p.parse(raw(event("prompt", text=text, **context)))])
    return routed


def test_a_deny_term_is_always_redacted_as_its_entity(with_vocabulary, pipeline):
    text = "status update for project nightjar before Friday"
    assert route(pipeline, text).record["text"] == text  # not found without the term
    routed = route(with_vocabulary({"deny": [{"term": "Project Nightjar", "entity": "PROJECT_CODENAME"}]}), text)
    assert routed.route == Route.CLEAN and routed.record["text"] == "status update for <PROJECT_CODENAME> before Friday"


def test_a_scoped_deny_term_applies_only_in_its_scope(with_vocabulary):
    p = with_vocabulary({"deny": [{"regex": r"\bACME-\d{4}\b", "entity": "CUSTOMER_ID", "scope": {"app": "crm"}}]})
    assert "<CUSTOMER_ID>" in route(p, "ticket ACME-2291 escalated", app="Northwind CRM").record["text"]
    assert "ACME-2291" in route(p, "ticket ACME-2291 escalated", app="Notepad").record["text"]


def test_an_allow_term_keeps_a_product_name_that_looks_like_a_person(with_vocabulary, pipeline):
    text = "ask Grace Hopper about the release"
    assert "<PERSON>" in route(pipeline, text).record["text"]
    allowed = with_vocabulary({"allow": [{"term": "grace hopper"}]})
    assert route(allowed, text).record["text"] == text


def test_an_allow_term_never_opens_a_hole_for_an_identifier(with_vocabulary):
    p = with_vocabulary({"allow": [{"regex": r"\d{3}-\d{2}-\d{4}"}, {"term": "ssn"}]})
    routed = route(p, f"my ssn is {SSN}")
    assert routed.route != Route.CLEAN or SSN not in str(routed.record)


@pytest.mark.parametrize(
    "value,text",
    [
        (SSN, f"my ssn is {SSN}"),
        ("4111 1111 1111 1111", "card 4111 1111 1111 1111 exp 09/28"),
        ("GB82 WEST 1234 5698 7654 32", "pay GB82 WEST 1234 5698 7654 32 today"),
        ("Hx7!kLm29q", "the wifi password is Hx7!kLm29q"),
        ("RSSMRA85T10A562S", "codice fiscale RSSMRA85T10A562S per il contratto"),
    ],
)
def test_an_identifier_card_iban_credential_or_national_id_written_as_an_allow_term_stays_protected(with_vocabulary, value, text):
    p = with_vocabulary({"allow": [{"term": value}]})
    routed = route(p, text)
    assert value not in str(routed.record), routed.route


def test_an_allowed_product_name_is_no_disclosure(with_vocabulary, pipeline):
    text = "my team moved the Lupus Analytics dashboard to the new cluster"
    assert route(pipeline, text).route == Route.QUARANTINE  # "lupus" with "my": a disclosure
    allowed = route(with_vocabulary({"allow": [{"term": "Lupus Analytics"}]}), text)
    assert allowed.route == Route.CLEAN and allowed.record["text"] == text


def test_a_deny_pattern_that_times_out_holds_the_record(with_vocabulary):
    p = with_vocabulary({"deny": [{"regex": r"(a|aa)+b", "entity": "CUSTOMER_ID"}]})  # exponential on a run of a
    routed = route(p, "a" * 60)
    assert routed.route == Route.QUARANTINE and "regex_timeout" in routed.record["reasons"]


@pytest.mark.parametrize(
    "vocabulary,message",
    [
        ({"deny": [{"term": "Nightjar"}]}, "needs `entity`"),
        ({"allow": [{"term": "x", "regex": "y"}]}, "exactly one of"),
        ({"deny": [{"regex": "(unclosed", "entity": "X_ID"}]}, "not a regular expression"),
        ({"allow": [{"term": "Falcon", "entity": "PERSON"}]}, "takes no `entity`"),
        ({"deny": [{"term": "Falcon", "entity": "lower case"}]}, "vocabulary.deny.0.entity"),
    ],
)
def test_a_bad_vocabulary_stops_start_up_with_a_message(tmp_path, vocabulary, message):
    with pytest.raises(PolicyError, match=message):
        load_policy(_policy(tmp_path, vocabulary))
