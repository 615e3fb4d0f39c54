"""`make bench` keeps working: a quick run writes its table and JSON (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def test_quick_bench_writes_results_with_both_detectors_leak_rates(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick", "--no-stream", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads((tmp_path / "results.json").read_text())
    overall = results["throughput"]["overall"]
    assert overall["ours"]["items"] == overall["plain"]["items"] == overall["detect"]["items"] > 0
    # Topic words with no personal link are general knowledge (docs/contract.md) and stay readable;
    # identifiers, financial numbers, credentials and record numbers never leak.
    assert overall["strict_leaked"]["ours"] == 0 and overall["strict_leaked"]["plain"] > 0
    assert overall["leaks"]["ours"] < overall["leaks"]["plain"]
    assert set(results["length"]) == {"1x", "10x", "100x"}
    assert results["processes"]["two_items_per_s"] > 0
    table = (tmp_path / "results.md").read_text()
    assert "| **all** |" in table and "pii-stream / NER bound" in table and "detection alone / NER bound" in table


def test_ner_skip_rules_are_measured_on_each_corpus(tmp_path, pipeline):
    from bench.ner_skip import corpus_texts, measure

    (tmp_path / "chat").mkdir()
    events = [{"text": "Hi"}, {"text": "Hi"}, {"text": "Marguerite Okonkwo lands in Lisbon tomorrow", "window_title": "Inbox"}]
    (tmp_path / "chat" / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in events))
    texts = corpus_texts(tmp_path)
    assert texts == {"chat": ["Hi", "Marguerite Okonkwo lands in Lisbon tomorrow", "Inbox"]}  # distinct texts
    report = measure(pipeline.detector, texts["chat"])
    assert report["texts"] == 3 and report["one word"]["skipped"] == 2
    assert report["one word"]["changed_findings"] <= report["ner_changes_findings"] <= 3


def test_plain_presidio_and_the_ner_bound_are_timed_on_the_texts_the_scan_path_analyses(pipeline, monkeypatch):
    from collections import Counter

    from bench.workload import build_workloads, run_ours

    workloads = build_workloads(pipeline, 5, {"keystroke": 6, "prompt": 3, "click": 3})
    for kind, workload in workloads.items():
        seen: list[str] = []
        detect = pipeline.detector.detect

        def recording(records, _detect=detect, seen=seen):
            seen.extend(t for fields in records for t in fields.values())
            return _detect(records)

        monkeypatch.setattr(pipeline.detector, "detect", recording)
        run_ours(pipeline, workload)
        monkeypatch.undo()
        assert Counter(seen) == Counter(workload.texts()), kind
    # a typed segment is analysed with its window title (the labels read its text alone)
    typed = workloads["keystroke"]
    assert any("window_title" in r for r in typed.records())
    assert all(set(f) == {"text"} for f in typed.fields)


def test_the_obfuscation_probe_writes_each_value_into_its_sentence():
    from bench.obfuscation_probe import CLASSES, probe, readable

    items = probe(3, 5)
    assert {name for name, _, _ in items} == set(CLASSES) and len(items) == 3 * len(CLASSES)
    assert all(value in text for _, value, text in items)
    assert readable("１２３-４５", "id 12345 here") and not readable("１２３-４５", "id <US_SSN> here")
