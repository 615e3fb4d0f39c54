"""Hostile input by size: a text built to make thousands of findings, or to make a
pattern try every position, is held or scanned in bounded time; never sent to clean
unscanned, never lost. Our own synthetic texts."""

from __future__ import annotations

import pytest

import pipeline.core.analysis as analysis
from pipeline.core.processor import route_stream
from recognizers.location_gazetteer_recognizer import _CITY_STATE, _FACILITY
from tests.factories import event, raw

EMAILS = " ".join(f"user{n}@example.org" for n in range(120))


def _route(pipeline, text):
    pipeline.detector.clear_cache()
    [routed] = list(route_stream(pipeline, [raw(event(text=text))], 8))
    return routed


def test_a_text_with_more_findings_than_the_budget_is_held(pipeline, monkeypatch):
    monkeypatch.setattr(analysis, "MAX_FINDINGS_PER_TEXT", 50)
    routed = _route(pipeline, EMAILS)
    assert routed.route == "quarantine"
    assert routed.record["reasons"] == ["detection_timeout", "detection_timeout:findings:OverflowError"]
    assert "example.org" not in str({k: v for k, v in routed.record.items() if k != "original"})


def test_a_text_past_its_time_budget_is_held_mid_scan(pipeline, monkeypatch):
    monkeypatch.setattr(pipeline.detector, "record_timeout_s", 0.0)
    routed = _route(pipeline, EMAILS)
    # stopped inside the scan, not only judged over budget once the field was done
    assert routed.route == "quarantine"
    assert routed.record["reasons"] == ["detection_timeout", "detection_timeout:deadline:TimeoutError"]


def test_within_the_budget_the_same_text_is_redacted(pipeline):
    routed = _route(pipeline, EMAILS)
    assert routed.route in ("clean", "quarantine") and "user7@example.org" not in str(routed.record.get("text"))


@pytest.mark.parametrize("pattern", [_FACILITY, _CITY_STATE], ids=["facility", "city_state"])
@pytest.mark.parametrize("unit", ["Aa'", "Ab-", "A'b ", "Aa, "])
def test_place_patterns_take_one_attempt_per_word(pattern, unit):
    # a 60 KB run that used to cost one full rescan per capital (minutes); a second is ample
    pattern.findall(unit * 20_000, timeout=1.0)
