"""The peer suite (bench/peer): Presidio's own recognizer test tables through the worker's
path. Distinctive forms must be gone from clean on their own; the forms that are bare
digit or letter-digit runs (docs/accuracy.md, "Forms that need a context word") must be caught
once their context word stands before them."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from pipeline.eval.external import evaluate_spans, route_events, still_readable
from pipeline.eval.labelled import load_corpus

pytestmark = pytest.mark.slow

PEER = Path("bench/peer/presidio-recognizer-tables")
ALONE = ("CREDIT_CARD", "EMAIL_ADDRESS", "IBAN_CODE", "PHONE_NUMBER", "CRYPTO")
CONTEXT_WORD = {
    "US_SSN": "my ssn is",
    "US_ITIN": "ITIN:",
    "US_PASSPORT": "passport number",
    "US_DRIVER_LICENSE": "driver license",
    "US_BANK_NUMBER": "bank account",
    "ABA_ROUTING_NUMBER": "routing number",
}


@pytest.fixture(scope="module")
def peer(pipeline):
    events = load_corpus(PEER / "events.jsonl")
    spans = load_corpus(PEER / "spans.jsonl")
    routed = route_events(pipeline, events)
    clean = {e["event_id"]: [r.record["text"] for r in routed.get(e["event_id"], []) if r.route == "clean"] for e in events}
    leaked = [s for s in spans if clean[s["event_id"]] and still_readable(s["value"], clean[s["event_id"]])]
    return spans, leaked


def test_the_suite_is_complete():
    spans = load_corpus(PEER / "spans.jsonl")
    assert {s["entity_type"] for s in spans} == set(ALONE) | set(CONTEXT_WORD) | {"IP_ADDRESS"}
    assert len(load_corpus(PEER / "events.jsonl")) > len({s["event_id"] for s in spans})  # negatives too


def test_distinctive_forms_never_reach_clean(peer):
    spans, leaked = peer
    assert sum(s["entity_type"] in ALONE for s in spans) > 200
    assert [s["entity_type"] for s in leaked if s["entity_type"] in ALONE] == []


def test_only_unspecified_and_loopback_ip_addresses_stay(peer):
    _, leaked = peer
    for span in (s for s in leaked if s["entity_type"] == "IP_ADDRESS"):
        for word in span["value"].replace("=", " ").split():
            if ":" in word or "." in word:
                net = ipaddress.ip_network(word.split("=")[-1], strict=False)
                assert net.network_address.is_unspecified or net.network_address.is_loopback, span["event_id"]


def test_bare_forms_are_caught_after_their_context_word(pipeline, peer):
    _, leaked = peer
    bare = [s for s in leaked if s["entity_type"] in CONTEXT_WORD and " " not in s["value"].strip()]
    assert bare, "the suite has bare forms that need context"
    events = [
        {
            "event_id": f"ctx-{n}",
            "ts": "2026-06-18T15:00:00Z",
            "user_id": "u1",
            "app": "Chrome",
            "kind": "prompt",
            "text": f"{CONTEXT_WORD[s['entity_type']]} {s['value']}",
        }
        for n, s in enumerate(bare)
    ]
    routed = route_events(pipeline, events)
    for n, span in enumerate(bare):
        clean = [r.record["text"] for r in routed[f"ctx-{n}"] if r.route == "clean"]
        assert not (clean and still_readable(span["value"], clean)), span["entity_type"]


def test_the_peer_suite_reports_beside_plain_presidio(pipeline):
    report = evaluate_spans(pipeline, PEER)
    ours = report["pii_stream"]
    assert ours["by_type"]["IBAN_CODE"]["leak_rate"] == 0.0
    assert ours["entity_free_events"] > 200
