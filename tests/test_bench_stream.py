"""The streaming benchmark's figures: each ratio is taken within a repetition (a scan
pass and the workers it is compared with ran a minute apart), then the median of those
ratios is the headline; the report shows it and every repetition. No broker needed."""

from __future__ import annotations

from bench.report import stream_lines
from bench.stream import summarize

# Three repetitions on a machine whose speed drifts: scan and the workers speed up and
# slow down together within a repetition.
RUNS = [
    {"scan": 4000.0, "one": 2000.0, "two": 3000.0, "one_cpu": 0.00040, "two_cpu": 0.00044},
    {"scan": 6000.0, "one": 1800.0, "two": 3300.0, "one_cpu": 0.00050, "two_cpu": 0.00045},
    {"scan": 5000.0, "one": 1000.0, "two": 1900.0, "one_cpu": 0.00030, "two_cpu": 0.00036},
]


def test_headline_ratios_are_medians_of_each_repetitions_own_ratio():
    summary = summarize(RUNS)
    # one/scan per repetition: 0.5, 0.3, 0.2 -> 0.3 (the ratio of the medians, 1800/5000,
    # would be 0.36: a fast scan pass set against a slow worker run)
    assert summary["one_vs_scan"] == 0.3
    # two/one CPU per repetition: 1.1, 0.9, 1.2 -> 1.1
    assert summary["two_vs_one_cpu_per_event"] == 1.1
    assert summary["scan_events_per_s"] == 5000.0 and summary["one_worker_events_per_s"] == 1800.0
    assert summary["one_worker_cpu_ms_per_event"] == 0.4 and summary["reps"] == 3
    assert [r["one_cpu"] for r in summary["runs"]] == [0.4, 0.5, 0.3]  # milliseconds in the report


def test_report_shows_the_median_ratio_and_every_repetition():
    results = {
        **summarize(RUNS),
        "prefilled": {"events": 100, "pairs": [[12.0, 7.5], [14.0, 6.6]], "worker_seconds": 13.0, "scan_seconds": 7.05, "ratio": 0.54},
        "offered_events_per_s": 900.0,
        "load_seconds": 20,
        "latency_p50_ms": 90.0,
        "latency_p99_ms": 180.0,
        "latency_max_ms": 200.0,
        "latency_worker_cpu_ms_per_event": 0.65,
    }
    text = "\n".join(stream_lines(results))
    assert "medians of 3 alternating repetition(s)" in text
    assert "| one worker | 1800 | **0.3x** |" in text
    assert "(**1.1x** one worker's)" in text
    assert text.count("- repetition ") == 3 and "one worker 1000 events/s (0.20x)" in text
    assert "**0.54x** (median of the pairs' ratios; worker / scan per pair: 12.0 s / 7.5 s; 14.0 s / 6.6 s)" in text
    assert "p99 180 ms, max 200 ms; worker CPU 0.65 ms per event." in text


def test_report_reads_results_written_before_the_medians():
    old = {k: v for k, v in summarize(RUNS[:1]).items() if k not in ("one_vs_scan", "runs", "reps")}
    old.update(
        prefilled={"events": 1, "worker_seconds": 2.0, "scan_seconds": 1.0, "ratio": 0.5},
        offered_events_per_s=1.0,
        load_seconds=1,
        latency_p50_ms=1.0,
        latency_p99_ms=1.0,
        latency_max_ms=1.0,
    )
    text = "\n".join(stream_lines(old))
    assert "| one worker | 2000 | **0.50x** |" in text and "- repetition" not in text
    assert "max 1 ms." in text  # no CPU at half load measured then
