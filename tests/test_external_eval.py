"""`pii-stream eval-external`: reading the external corpus formats, judging leaks and
cases, and the ratchet that CI applies. The corpora here are our own few lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from pipeline.eval import ratchet as accuracy_ratchet
from pipeline.eval.external import case_events, corpus_kind, evaluate_cases, evaluate_spans, half_of, still_readable
from tests import cli

BIN = Path(sys.executable).parent


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def event(event_id: str, text: str, **extra) -> dict:
    return {
        "event_id": event_id,
        "kind": "prompt",
        "ts": "2026-06-18T15:00:00Z",
        "user_id": "u1",
        "app": "Chat Assistant",
        "text": text,
        **extra,
    }


@pytest.fixture
def spans_corpus(tmp_path) -> Path:
    corpus = tmp_path / "mini-spans"
    corpus.mkdir()
    write_jsonl(
        corpus / "events.jsonl",
        [
            event("e1", "Please ask Magdalena Wróblewska to ring +48 601 234 567 tomorrow"),
            event("e2", "Restart the build agent after the upgrade"),
            event("e3", "Ship it to Lindenstraße 14, 10969 Berlin"),
        ],
    )
    write_jsonl(
        corpus / "spans.jsonl",
        [
            {"event_id": "e1", "entity_type": "PERSON", "value": "Magdalena Wróblewska"},
            {"event_id": "e1", "entity_type": "PHONE_NUMBER", "value": "+48 601 234 567"},
            {"event_id": "e3", "entity_type": "STREET_ADDRESS", "value": "Lindenstraße 14, 10969 Berlin"},
        ],
    )
    return corpus


def test_still_readable_compares_words_and_digits():
    assert still_readable("Ana Lopes", ["hi ana lopes!"])
    assert not still_readable("Ana", ["Banana bread"])  # whole words only
    assert still_readable("+48 601 234 567", ["call 48-601-234-567"])  # separators do not hide digits
    assert not still_readable("+48 601 234 567", ["call <PHONE_NUMBER>"])


def test_corpus_formats_are_recognised(spans_corpus, tmp_path):
    assert corpus_kind(spans_corpus) == "spans"
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "cases.jsonl").write_text("")
    assert corpus_kind(tmp_path / "cases") == "cases"
    assert corpus_kind(Path("samples/labelled.jsonl")) == "labelled"


def test_typed_cases_become_keystrokes_and_clicks_carry_their_label():
    typed = case_events({"id": "c1", "kind": "typed", "app": "Slack", "text": "ok"})
    assert [e["key"] for e in typed] == ["o", "k", "Enter"] and {e["kind"] for e in typed} == {"keystroke"}
    [click] = case_events({"id": "c2", "kind": "click", "app": "Jira", "window_title": "Board", "text": "Save"})
    assert click["target_text"] == "Save" and click["window_title"] == "Board"


def test_span_corpus_figures(pipeline, spans_corpus):
    report = evaluate_spans(pipeline, spans_corpus)
    ours = report["pii_stream"]
    assert {t: r["leaked"] for t, r in ours["by_type"].items()} == {"PERSON": 0, "PHONE_NUMBER": 0, "STREET_ADDRESS": 0}
    assert ours["entity_free_events"] == 1 and ours["entity_free_unchanged"] == 1.0
    assert ours["personal_spans"] == 3 and ours["personal_leak_rate"] == 0.0


def test_halves_split_by_a_stable_hash_of_the_id_and_add_up_to_the_whole(pipeline, spans_corpus):
    import hashlib

    for identifier in ("e1", "e2", "a-0001", "wnut-00042"):
        expected = "tune" if hashlib.sha256(identifier.encode()).digest()[0] % 2 == 0 else "check"
        assert half_of(identifier) == expected
    assert {half_of(f"id-{n}") for n in range(20)} == {"tune", "check"}
    report = evaluate_spans(pipeline, spans_corpus)
    halves = report["halves"]
    assert halves["tune"]["events"] + halves["check"]["events"] == report["events"]
    for entity, row in report["pii_stream"]["by_type"].items():
        parts = [h["pii_stream"]["by_type"].get(entity, {"labelled": 0})["labelled"] for h in halves.values()]
        assert sum(parts) == row["labelled"]


def test_the_ratchet_keeps_the_check_half_apart():
    report = {"passed": 3, "traps_unchanged": 1, "drop_dropped": 1, "not_clean_reaching_clean": 0}
    report |= {"special_values_left": 0, "strict_values_left": 0, "name_contact_leak_cases": 0}
    reports = {"c": {**report, "halves": {"tune": {**report, "passed": 1}, "check": {**report, "passed": 2}}}}
    figures = accuracy_ratchet.figures(reports)
    assert figures["c.passed"] == (3, "higher") and figures["c.check.passed"] == (2, "higher")
    assert not any(name.startswith("c.tune") for name in figures)


def test_case_corpus_judges_each_expectation(pipeline, tmp_path):
    cases = [
        {
            "id": "t1",
            "kind": "prompt",
            "app": "Code Assistant",
            "text": "How do I rotate Kafka client certificates?",
            "expect": "clean",
            "sensitive": [],
        },
        {
            "id": "t2",
            "kind": "prompt",
            "app": "Chat Assistant",
            "text": "my wife starts chemo on monday",
            "expect": "not_clean",
            "sensitive": [{"value": "chemo", "category": "medical"}],
        },
        {
            "id": "t3",
            "kind": "screen_text",
            "app": "Slack",
            "window_title": "#ops - Slack",
            "text": "vpn password is Quartz!Ferry42",
            "expect": "drop",
            "sensitive": [{"value": "Quartz!Ferry42", "category": "credential"}],
        },
        {
            "id": "t4",
            "kind": "prompt",
            "app": "Chat Assistant",
            "text": "Remind Tomasz Kowalczyk about the demo",
            "expect": "clean_redacted",
            "sensitive": [{"value": "Tomasz Kowalczyk", "category": "name"}],
        },
    ]
    write_jsonl(tmp_path / "cases.jsonl", cases)
    report = evaluate_cases(pipeline, tmp_path / "cases.jsonl")
    assert report["passed"] == 4 and report["failures"] == []
    assert report["by_category"]["medical"] == {"values": 1, "left_in_clean": 0, "held": 1}
    assert report["traps_unchanged"] == 1 and report["drop_dropped"] == 1
    halves = report["halves"]
    assert halves["tune"]["cases"] + halves["check"]["cases"] == 4
    assert halves["tune"]["passed"] + halves["check"]["passed"] == 4


def test_ratchet_catches_a_worse_figure_and_never_records_one():
    recorded = {"c.PERSON.leak_rate": {"value": 0.10, "better": "lower"}, "c.passed": {"value": 150, "better": "higher"}}
    current = {"c.PERSON.leak_rate": (0.12, "lower"), "c.passed": (151, "higher")}
    assert accuracy_ratchet.regressions(current, recorded) == [
        "c.PERSON.leak_rate: 0.12 is worse than the recorded 0.1 (lower is better)"
    ]
    raised = accuracy_ratchet.raised(current, recorded)
    assert raised["c.PERSON.leak_rate"]["value"] == 0.10 and raised["c.passed"]["value"] == 151


@pytest.mark.slow
def test_cli_fails_when_a_figure_falls_below_the_ratchet(spans_corpus, tmp_path):
    corpora = spans_corpus.parent
    ratchet = tmp_path / "ratchet.json"
    run = [
        "eval-external",
        str(corpora),
        "--no-baseline",
        "--ratchet",
        str(ratchet),
        "--only",
        spans_corpus.name,
    ]
    first = cli.run("pii-stream", *run, "--update-ratchet")
    assert first.returncode == 0, first.stderr
    assert "labelled values left readable in clean" in first.stdout
    recorded = json.loads(ratchet.read_text())
    recorded["mini-spans.entity_free_unchanged"]["value"] = 1.5  # a figure no run can reach
    ratchet.write_text(json.dumps(recorded))
    second = cli.run("pii-stream", *run)
    assert second.returncode == 1 and "mini-spans.entity_free_unchanged" in second.stdout


CONLL = """Ask\tO
Zorvath\tB-person
Quillane\tI-person
about\tO
Vellacourt\tB-location

Restart\tO
the\tO
agent\tO
"""


def test_conll_files_become_span_corpora_that_eval_external_reads(tmp_path):
    source = tmp_path / "mini.conll"
    source.write_text(CONLL, encoding="utf-8")
    target = tmp_path / "corpora" / "mini-conll"
    result = cli.run("pii-stream", "corpus-from-conll", str(source), str(target), "--prefix", "mc")
    assert result.returncode == 0, result.stdout
    assert "2 texts, 2 labelled spans" in result.stdout
    events = [json.loads(line) for line in (target / "events.jsonl").read_text().splitlines()]
    spans = [json.loads(line) for line in (target / "spans.jsonl").read_text().splitlines()]
    assert [e["text"] for e in events] == ["Ask Zorvath Quillane about Vellacourt", "Restart the agent"]
    assert spans == [
        {"event_id": "mc-00000", "entity_type": "PERSON", "value": "Zorvath Quillane"},
        {"event_id": "mc-00000", "entity_type": "LOCATION", "value": "Vellacourt"},
    ]
    assert corpus_kind(target) == "spans"


def test_a_file_that_is_not_conll_is_refused_without_echoing_it(tmp_path):
    source = tmp_path / "bad.conll"
    source.write_text("Zorvath Quillane went home\n", encoding="utf-8")
    result = cli.run("pii-stream", "corpus-from-conll", str(source), str(tmp_path / "out"))
    assert result.returncode == 2
    assert "line 1" in result.stderr and "Zorvath" not in result.stderr + result.stdout
