"""Routing end to end through the shared pipeline (no Kafka), including failing closed."""

from __future__ import annotations

import json

import pytest
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer

from pipeline.core.detection import Detector
from pipeline.core.processor import Pipeline, route_stream
from pipeline.vault.crypto import load_private_key, open_sealed
from recognizers import builtin_recognizers
from recognizers.base import ConstantPatternRecognizer
from tests.factories import event, raw

SSN = "321-54-9876"


@pytest.fixture(scope="module")
def reviewer_key(vault_keys):
    return load_private_key(vault_keys.private, vault_keys.passphrase)


def route_one(pipeline, obj):
    [routed] = list(route_stream(pipeline, [raw(obj)], 16))
    return routed


def test_quarantine_findings_tell_no_value_length(pipeline):
    short = route_one(pipeline, event(text=f"Ask Jo Li for SSN {SSN} today"))
    long = route_one(pipeline, event(text=f"Ask Bartholomew Featherstonehaugh for SSN {SSN} today"))
    assert short.route == long.route == "quarantine"
    spans = [[(f["entity_type"], f["start"], f["end"]) for f in r.record["findings"]] for r in (short, long)]
    assert spans[0] == spans[1] and {"PERSON", "US_SSN"} <= {t for t, _, _ in spans[0]}


def test_release_redacts_every_finding(pipeline):
    from pipeline.core.events import parse_event

    held = parse_event(json.dumps(event(text=f"my SSN is {SSN}, call Dariusz")).encode(), 65536, 4096)
    record = pipeline.release(held)
    assert SSN not in record["text"] and "Dariusz" not in record["text"] and record["route"] == "clean"


def test_clean_record_is_redacted_and_pseudonymous(pipeline):
    obj = event(text="Email jane.roe@example.com about the Q3 roadmap.", unknown_field="x")
    routed = route_one(pipeline, obj)
    record = routed.record
    assert routed.route == "clean"
    assert record["text"] == "Email <EMAIL_ADDRESS> about the Q3 roadmap."
    # the placeholder's position in the redacted text, not the value's (which tells its length)
    assert record["findings"] == [
        {"field": "text", "entity_type": "EMAIL_ADDRESS", "start": 6, "end": 21, "score": 1.0, "recognizer": "EmailRecognizer"}
    ]
    assert record["text"][6:21] == "<EMAIL_ADDRESS>"
    assert record["user"].startswith("u_") and "user-001" not in json.dumps(record)
    assert "unknown_field" not in record and "user_id" not in record
    assert record["sensitivity"]["categories"] == ["contact"]
    assert record["policy_version"] == pipeline.policy.version


def test_pseudonym_depends_on_the_key(pipeline, settings):
    other = Pipeline(
        settings.model_copy(update={"pseudonym_key": type(settings.pseudonym_key)("another-key-0123456789")}),
        pipeline.policy,
        pipeline.detector,
        pipeline.sealer,
    )
    a, b = route_one(pipeline, event()), route_one(other, event())
    assert a.record["user"] != b.record["user"]
    assert route_one(pipeline, event()).record["user"] == a.record["user"]


def test_every_free_text_field_is_redacted(pipeline):
    obj = event(
        "click",
        window_title="Chat with Jennifer Walsh",
        url="https://mail.example.com/?to=jw@example.com",
        target_text="Call 212-555-0143",
    )
    record = route_one(pipeline, obj).record
    assert record["window_title"] == "Chat with <PERSON>"
    assert "jw@example.com" not in record["url"] and "<EMAIL_ADDRESS>" in record["url"]
    assert record["target_text"] == "Call <PHONE_NUMBER>"


def test_identifier_goes_to_quarantine_encrypted_and_with_no_clear_content(pipeline, reviewer_key):
    routed = route_one(pipeline, event(text=f"my SSN is {SSN}"))
    record = routed.record
    assert routed.route == "quarantine"
    assert record["reasons"] == ["score_above_quarantine_threshold"]
    assert "identifier" in record["sensitivity"]["categories"]
    assert SSN not in json.dumps(record) and "text" not in record
    assert SSN not in json.dumps(routed.key_record)
    assert record["content"]["key_id"] == routed.key_record["key_id"]
    original = open_sealed(record["content"], routed.key_record, reviewer_key, record["event_id"])
    assert json.loads(original)["text"] == f"my SSN is {SSN}"


def test_credentials_are_dropped_to_a_content_free_tombstone(pipeline):
    token = "AKIA" + "ABCDEFGHIJKLMNOP"
    routed = route_one(pipeline, event(text=f"why does aws_access_key_id = {token} fail"))
    assert routed.route == "drop"
    assert routed.record["reasons"] == ["category:credential"]
    assert token not in json.dumps(routed.record)
    assert set(routed.record) == {"event_id", "source_event_ids", "kind", "ts", "reasons", "sensitivity", "policy_version", "route"}


def test_excluded_app_is_dropped_unread(pipeline):
    routed = route_one(pipeline, event("screen_text", app="1Password 8", text="Vault items"))
    assert routed.route == "drop" and routed.record["reasons"] == ["excluded_app"]


@pytest.mark.parametrize(
    "app,title,url,reason",
    [
        ("Google Authenticator", "Google Authenticator", None, "excluded_app"),
        ("Google Chrome", "Password Manager - Google Chrome", None, "excluded_page"),
        ("Firefox", "Logins", "about:logins", "excluded_page"),
    ],
)
def test_an_authenticator_or_a_password_managers_page_is_dropped_unread(pipeline, app, title, url, reason):
    routed = route_one(pipeline, event("screen_text", app=app, window_title=title, url=url, text="Contoso 418 220"))
    assert routed.route == "drop" and routed.record["reasons"] == [reason]


def test_a_page_about_password_managers_is_read(pipeline):
    text = "How do I export from one to another?"
    routed = route_one(pipeline, event(text=text, app="Chrome", window_title="Migrating vaults - Help Center"))
    assert routed.route == "clean"


def test_context_raises_the_score(pipeline):
    text = "Diagnosed with asthma last year."
    plain = route_one(pipeline, event(text=text, app="Notes", window_title="Notes"))
    portal = route_one(pipeline, event(text=text, app="Chrome", window_title="MyChart - Messages"))
    assert portal.record["sensitivity"]["score"] > plain.record["sensitivity"]["score"]
    assert "medical" in portal.record["sensitivity"]["categories"]


def test_private_messaging_context_adds_its_category(pipeline):
    routed = route_one(pipeline, event(text="see you at dinner", app="WhatsApp", window_title="WhatsApp"))
    assert "private_communication" in routed.record["sensitivity"]["categories"]


def test_neutral_text_reaches_clean_unchanged(pipeline):
    text = "Write a SQL query that counts orders per month."
    record = route_one(pipeline, event(text=text)).record
    assert record["route"] == "clean" and record["text"] == text and record["findings"] == []


def test_malformed_input_is_quarantined_with_a_reason(pipeline, reviewer_key):
    routed = list(route_stream(pipeline, [b"{oops", raw(event(kind="nope"))], 16))
    assert [r.route for r in routed] == ["quarantine", "quarantine"]
    assert routed[0].record["reasons"] == ["malformed", "malformed:not valid JSON"]
    assert routed[1].record["reasons"] == ["malformed", "malformed:kind: unknown"]
    assert b"oops" not in json.dumps(routed[0].record).encode()
    assert open_sealed(routed[0].record["content"], routed[0].key_record, reviewer_key, None) == b"{oops"


def test_keystrokes_are_reassembled_and_never_reach_clean_raw(pipeline):
    typed = list("my ssn is 321-54-98") + ["7", "Backspace", "7", "6", "Enter"]
    events = [event("keystroke", event_id=f"k{i}", key=k, ts=f"2026-06-18T14:00:{i:02d}Z") for i, k in enumerate(typed)]
    routed = list(route_stream(pipeline, [raw(e) for e in events], 16))
    assert len(routed) == 1
    assert routed[0].route == "quarantine"
    assert routed[0].record["kind"] == "typed_text"
    assert routed[0].record["source_event_ids"] == [f"k{i}" for i in range(len(typed))]


def test_secure_field_keystrokes_are_dropped_one_tombstone_each(pipeline):
    events = [event("keystroke", event_id=f"p{i}", key=k, secure_field=True) for i, k in enumerate("abc")]
    routed = list(route_stream(pipeline, [raw(e) for e in events], 16))
    assert [(r.route, r.record["reasons"]) for r in routed] == [("drop", ["secure_field"])] * 3


def test_same_input_same_routing(pipeline):
    lines = [line for line in open("samples/events.jsonl", "rb")]
    first = [(r.route, r.record["event_id"]) for r in route_stream(pipeline, lines, 16)]
    second = [(r.route, r.record["event_id"]) for r in route_stream(pipeline, lines, 5)]
    assert first == second


# ------------------------------------------------------------------ failing closed


class ExplodingRecognizer(EntityRecognizer):
    def __init__(self):
        super().__init__(supported_entities=["BOOM"], name="ExplodingRecognizer")

    def load(self):
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        if "explode" in text:
            raise RuntimeError("recognizer bug")
        return []


@pytest.fixture(scope="module")
def fragile_pipeline(settings, pipeline):
    # look-aheads, which the one-pass pattern scan cannot rule out, so the patterns run
    catastrophic = PatternRecognizer(
        supported_entity="SLOW",
        name="SlowRecognizer",
        patterns=[Pattern("backtracking", r"(?:a|aa)+(?=c)", 0.5)],
    )
    ours = ConstantPatternRecognizer(patterns=[Pattern("backtracking", r"(?:x|xx)+(?=c)", 0.5)], supported_entity="SLOW")
    detector = Detector(
        builtin_recognizers() + [ExplodingRecognizer(), catastrophic, ours],
        min_score=pipeline.policy.min_finding_score,
        regex_timeout_s=0.05,
    )
    return Pipeline(settings, pipeline.policy, detector, pipeline.sealer)


def test_recognizer_exception_quarantines_the_record(fragile_pipeline):
    routed = route_one(fragile_pipeline, event(text="please explode"))
    # which recognizer failed and how, never the exception's message (it may quote the text)
    assert routed.route == "quarantine"
    assert routed.record["reasons"] == ["detection_error", "detection_error:ExplodingRecognizer:RuntimeError"]


@pytest.mark.parametrize("letter", ["a", "x"])  # Presidio's pattern loop, and ours
@pytest.mark.parametrize("level", ["WARNING", "CRITICAL"])  # an operator may silence Presidio's logger
def test_regex_timeout_is_detected_and_quarantines(fragile_pipeline, letter, level, monkeypatch):
    import logging

    presidio_logger = logging.getLogger("presidio-analyzer")
    monkeypatch.setattr(presidio_logger, "level", logging.getLevelName(level))
    monkeypatch.setattr(presidio_logger, "disabled", level == "CRITICAL")
    routed = route_one(fragile_pipeline, event(text=letter * 60 + "b"))
    assert routed.route == "quarantine" and routed.record["reasons"][0] == "regex_timeout"
    assert routed.record["reasons"][1] in (
        "regex_timeout:presidio:TimeoutError",
        "regex_timeout:ConstantPatternRecognizer:TimeoutError",
    )


def test_other_records_in_the_batch_are_unaffected(fragile_pipeline):
    routed = list(route_stream(fragile_pipeline, [raw(event(text="explode")), raw(event(text="fine text"))], 16))
    assert [r.route for r in routed] == ["quarantine", "clean"]


def test_a_failing_text_repeated_in_a_batch_quarantines_every_record_holding_it(fragile_pipeline):
    raws = [raw(event(event_id=f"ev-{n}", text=t)) for n, t in enumerate(["explode now", "fine text", "explode now"])]
    routed = list(route_stream(fragile_pipeline, raws, 16))
    assert [r.route for r in routed] == ["quarantine", "clean", "quarantine"]
    assert routed[2].record["reasons"][0] == "detection_error"


def test_a_text_repeated_within_a_batch_is_analysed_once(pipeline, monkeypatch):
    analysed = []
    original = pipeline.detector.run.analyze

    def spy(text, artifacts, **kwargs):
        analysed.append(text)
        return original(text, artifacts, **kwargs)

    monkeypatch.setattr(pipeline.detector.run, "analyze", spy)
    pipeline.detector.clear_cache()
    title = "Notes for Jennifer Walsh"
    found = pipeline.detector.detect([{"window_title": title}, {"text": "no names", "window_title": title}, {"text": title}])
    assert analysed.count(title) == 1
    assert [{(f.field, f.entity_type) for f in r} for r in found] == [
        {("window_title", "PERSON")},
        {("window_title", "PERSON")},
        {("text", "PERSON")},
    ]


def test_nlp_failure_quarantines_the_batch(pipeline, monkeypatch):
    def broken(*_a, **_k):
        raise MemoryError

    monkeypatch.setattr(pipeline.detector.nlp_engine, "artifacts", broken)
    routed = route_one(pipeline, event(text="ordinary text"))
    assert routed.route == "quarantine" and routed.record["reasons"] == ["detection_error", "detection_error:nlp:MemoryError"]


def test_crash_while_building_the_output_quarantines(pipeline, monkeypatch):
    def broken(*_a, **_k):
        raise ValueError("bug")

    monkeypatch.setattr("pipeline.core.processor.clean_record", broken)
    routed = list(route_stream(pipeline, [raw(event()), raw(event(event_id="ev-2"))], 16))
    assert [r.route for r in routed] == ["quarantine", "quarantine"]
    assert all(r.record["reasons"] == ["processing_error"] for r in routed)


def test_detection_over_budget_quarantines(settings, pipeline, monkeypatch):
    detector = pipeline.detector
    monkeypatch.setattr(detector, "record_timeout_s", 0.0)
    routed = route_one(pipeline, event(text="ordinary text"))
    assert routed.route == "quarantine" and routed.record["reasons"] == ["detection_timeout", "detection_timeout:record:over budget"]


def test_fuzzed_batch_of_1000_malformed_events_is_all_quarantined(pipeline):
    import random

    from pipeline.core.events import Malformed
    from tests.test_events import _mutations

    rng = random.Random(99)
    kinds = ["prompt", "screen_text", "click", "keystroke"]
    values = [_mutations(rng, raw(event(rng.choice(kinds), event_id=f"f{i}"))) for i in range(1400)]
    malformed = [v for v in values if isinstance(pipeline.parse(v), Malformed)][:1000]
    assert len(malformed) == 1000
    routed = list(route_stream(pipeline, malformed, 64))
    assert len(routed) == 1000
    assert all(r.route == "quarantine" and r.record["reasons"][0] == "malformed" for r in routed)


def test_repeated_texts_get_the_same_findings_from_the_cache(pipeline):
    title = "Chat with Jennifer Walsh"
    first = route_one(pipeline, event("click", event_id="c1", window_title=title, target_text="Send"))
    again = route_one(pipeline, event("click", event_id="c2", window_title=title, target_text=title))
    assert first.record["window_title"] == again.record["window_title"] == "Chat with <PERSON>"
    assert again.record["target_text"] == "Chat with <PERSON>"
    assert [f for f in again.record["findings"] if f["field"] == "target_text"] == [
        {**f, "field": "target_text"} for f in first.record["findings"] if f["field"] == "window_title"
    ]


@pytest.mark.parametrize(
    "fields,reason",
    [
        ({"text": "my dad's biopsy is on tuesday, can you cover my shift"}, "special_category:medical"),
        ({"text": "they put me on a PIP today", "app": "Slack", "window_title": "Karim (DM) - Slack"}, "special_category:hr"),
        ({"text": "i'm behind on my car loan, 3 payments past due"}, "special_category:personal_finance"),
    ],
)
def test_disclosure_about_a_person_is_held_even_when_redacted(pipeline, fields, reason):
    routed = route_one(pipeline, event(**fields))
    assert routed.route == "quarantine" and reason in routed.record["reasons"]


@pytest.mark.parametrize(
    "text",
    [
        "In general, how is severance pay taxed?",
        "Write a function that flags past due invoices.",
        "What does the ICD-10 chapter for diabetes cover?",
    ],
)
def test_general_knowledge_reaches_clean_unchanged(pipeline, text):
    routed = route_one(pipeline, event(text=text))
    assert routed.route == "clean" and routed.record["text"] == text


def test_password_typed_on_a_sign_in_page_is_dropped(pipeline):
    keys = [
        event(
            "keystroke", event_id=f"k{i}", key=c, session_id="s-1", field_id="pw", app="Chrome", window_title="Sign in - Example SSO"
        )
        for i, c in enumerate("Tulip!9042")
    ]
    keys.append(
        event(
            "keystroke",
            event_id="k-enter",
            key="Enter",
            session_id="s-1",
            field_id="pw",
            app="Chrome",
            window_title="Sign in - Example SSO",
        )
    )
    [routed] = list(route_stream(pipeline, [raw(k) for k in keys], 16))
    assert routed.route == "drop" and "typed_at_sign_in" in routed.record["reasons"]


def test_an_untested_presidio_release_is_refused(monkeypatch):
    from pipeline.core import presidio_compat
    from pipeline.errors import ConfigError

    presidio_compat.check_version()  # the pinned release passes
    monkeypatch.setattr("pipeline.versions.version", lambda package: "2.3.0")
    with pytest.raises(ConfigError, match="presidio_analyzer 2.3.0"):
        Detector(builtin_recognizers(), min_score=0.35)


def test_ner_is_not_run_on_a_text_without_letters(pipeline, monkeypatch):
    seen = []
    original = pipeline.detector.nlp_engine.artifacts

    def spy(texts, wanted=None):
        seen.extend(zip(texts, wanted or [True] * len(texts)))
        return original(texts, wanted)

    monkeypatch.setattr(pipeline.detector.nlp_engine, "artifacts", spy)
    pipeline.detector.clear_cache()  # texts found in the cache are not analysed again
    pipeline.detector.detect([{"text": "4111 1111 1111 1111 / 09-29"}, {"text": "call Lena at 6"}])
    assert seen == [("4111 1111 1111 1111 / 09-29", False), ("call Lena at 6", True)]


def test_a_record_that_cannot_be_held_as_parsed_is_held_as_bytes_and_its_batch_goes_on(pipeline, reviewer_key):
    # an identity no encoder accepts (what a lone surrogate escape once let through):
    # sealing it raises, and only that record may be affected
    from pipeline.core.events import Malformed, parse_event

    good = [parse_event(raw(event(event_id=f"ok-{n}", text="Summarize the notes.")), 65536, 4096) for n in range(2)]
    broken = Malformed("not valid JSON", b'{"event_id": "\\ud800"', event_id="\ud800", user_id="u-1")
    routed = pipeline.route([good[0], broken, good[1]])
    assert [r.route for r in routed] == ["clean", "quarantine", "clean"]
    held = routed[1]
    assert held.record["reasons"] == ["processing_error"] and held.record["event_id"] is None
    json.dumps(held.record, ensure_ascii=False).encode("utf-8")  # publishable
    assert open_sealed(held.record["content"], held.key_record, reviewer_key, None) == broken.raw


def test_a_poison_identity_in_a_scan_file_is_held_and_every_other_line_routed(pipeline):
    lines = [raw(event(event_id=f"ok-{n}")) for n in range(3)]
    lines.insert(1, raw(event(event_id="\ud800")))  # json.dumps writes the escape
    routed = list(route_stream(pipeline, lines, 16))
    assert len(routed) == 4
    held = [r for r in routed if r.route == "quarantine"]
    assert len(held) == 1 and held[0].record["reasons"][1] == "malformed:event_id: lone surrogate"
    assert held[0].record["event_id"] is None
    assert sorted(s for r in routed for s in r.source_event_ids) == ["ok-0", "ok-1", "ok-2"]


@pytest.mark.parametrize(
    "text",
    [
        "my remote is https://Zr81kQmWv3x0YbPn7TcA2sLd@git.example.org/a.git, why 403?",  # reads as an e-mail too
        "Your Contoso Bank verification code is 482913. Do not share it.",
        "vpn: jdoe / Maple2025!Tree",
        "mein Passwort ist Kiefer77!wald",
    ],
)
def test_credentials_as_people_share_them_are_dropped(pipeline, text):
    routed = route_one(pipeline, event(text=text, app="Slack"))
    assert routed.route == "drop" and "category:credential" in routed.record["reasons"]


@pytest.mark.parametrize(
    "hostile_id",
    ["\x1b]0;pwned\x07\x1b[2J", "321-54-9876", "jane.doe@example.com", "4111111111111111", "x" * 300],
)
def test_a_failing_record_logs_its_id_escaped(fragile_pipeline, caplog, monkeypatch, hostile_id):
    import re

    # such ids are malformed by default (PII_ID_PATTERN); a deployment may allow any id
    monkeypatch.setattr(fragile_pipeline, "_id_form", re.compile(r"(?s).+"))
    with caplog.at_level("WARNING"):
        routed = route_one(fragile_pipeline, event(event_id=hostile_id, text="please explode"))
    assert routed.route == "quarantine"
    lines = [r.getMessage() for r in caplog.records if "detection failed" in r.getMessage()]
    assert lines and all(hostile_id not in line and "\x1b" not in line and len(line) < 200 for line in lines)


def test_log_ids_keep_plain_ids_and_hash_the_rest():
    from pipeline.core.log_ids import log_id

    assert log_id("ev-000123") == "ev-000123" and log_id(None) == "-"
    hashed = log_id("jane.doe@example.com")
    assert hashed.startswith("#") and len(hashed) == 13 and hashed == log_id("jane.doe@example.com")
    assert log_id("a b") != "a b" and log_id("\ud800").startswith("#")


def test_a_reused_keystroke_id_with_other_content_is_held_not_lost(pipeline):
    def key(n, key, second):
        return event("keystroke", event_id=f"k{n}", key=key, ts=f"2026-06-18T14:03:{second:02d}Z", session_id="s-r", field_id="f")

    typed = [key(0, "h", 1), key(1, "i", 2), key(2, "Enter", 3)]
    reused = [key(0, "X", 9), key(1, "Y", 10)]  # known ids, other keys
    routed = list(route_stream(pipeline, [raw(e) for e in typed + reused + typed[:1]], 16))
    held = [r for r in routed if r.record.get("reasons") == ["duplicate_event_id"]]
    assert len(held) == 2 and all(r.route == "quarantine" for r in held)
    assert sorted(s for r in held for s in r.source_event_ids) == ["k0", "k1"]
    [segment] = [r for r in routed if r.record.get("kind") == "typed_text"]
    assert segment.record.get("text") == "hi"


@pytest.mark.parametrize("hostile_id", ["jane.doe@example.com", "321-54-9876", "\x1b]0;pwned\x07"])
def test_an_id_shaped_like_personal_data_is_held_without_it(pipeline, hostile_id):
    routed = route_one(pipeline, event(event_id=hostile_id))
    assert routed.route == "quarantine" and routed.record["reasons"][1] == "malformed:event_id: not an id (PII_ID_PATTERN)"
    assert hostile_id not in json.dumps(routed.record, ensure_ascii=False)
