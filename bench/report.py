"""The benchmark results as a markdown table (for the terminal and docs/benchmarks.md)."""

from __future__ import annotations


def markdown(r: dict) -> str:
    t = r["throughput"]
    lines = [
        f"Corpus: seed {r['seed']}, medians of {t.get('reps', r['reps'])} alternating repetitions, one process. "
        "items/s counts events, except keystrokes: one item is a typed segment (all its key events).",
        "",
        "| kind | items | avg text bytes | plain Presidio items/s | pii-stream items/s | ratio | "
        "spaCy NER-only items/s | pii-stream / NER bound | its detection alone / NER bound | leak plain | leak pii-stream |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    rows = [(k, v) for k, v in t["kinds"].items()] + [("**all**", t["overall"])]
    for kind, v in rows:
        p, o, n = v["plain"], v["ours"], v["ner"]
        avg = round(p["mb"] * 1e6 / max(1, p["items"]))
        lines.append(
            f"| {kind} | {p['items']} | {avg} | {p['items_per_s']:.1f} | {o['items_per_s']:.1f} | "
            f"**{_ratio(o['items_per_s'], p['items_per_s'])}** | {n['items_per_s']:.1f} | "
            f"{_ratio(o['items_per_s'], n['items_per_s'])} | {_detection(v)} | {_pct(v['leaks']['plain'])} | "
            f"{_pct(v['leaks']['ours'])} |"
        )
    o, p = t["overall"]["ours"], t["overall"]["plain"]
    lines += ["", f"MB/s of text overall: plain Presidio {p['mb_per_s']:.4f}, pii-stream {o['mb_per_s']:.4f}.", ""]
    s = r["startup"]
    lines += [
        f"Start-up (fresh process, to ready): plain Presidio {s['plain']['seconds']} s, "
        f"{s['plain']['peak_rss_mb']} MB peak RSS; pii-stream {s['ours']['seconds']} s, "
        f"{s['ours']['peak_rss_mb']} MB.",
        "",
    ]
    lines += ["| prompt length | avg bytes | pii-stream MB/s | NER bound MB/s | pii-stream / bound |", "|---|---|---|---|---|"]
    for scale, v in r["length"].items():
        lines.append(
            f"| {scale} | {v['avg_bytes']} | {v['ours']['mb_per_s']:.4f} | {v['ner']['mb_per_s']:.4f} | "
            f"{_ratio(v['ours']['mb_per_s'], v['ner']['mb_per_s'])} |"
        )
    pr = r["processes"]
    lines += [
        "",
        f"Scan with processes: 1 -> {pr['one_items_per_s']} items/s, 2 -> {pr['two_items_per_s']} items/s "
        f"(**{pr['ratio']}x**); two-process scan vs one-process plain Presidio: "
        f"**{_ratio(pr['two_items_per_s'], p['items_per_s'])}**.",
        "",
    ]
    if "whole_process" in r:
        wp = r["whole_process"]
        lines += [
            f"Whole processes, start-up included ({wp['events']}): plain Presidio {wp['plain_seconds']} s, "
            f"`pii-stream scan -j 1` {wp['ours_seconds']} s: **{wp['ratio']}x**; `pii-stream scan` with its default "
            f"(every core from 500 records, forked) {wp['ours_default_seconds']} s: **{wp['default_ratio']}x**.",
            "",
        ]
    if "replay" in r:
        rp = r["replay"]
        lines += [
            f"Replay, whole processes ({rp['events']}): `pii-stream scan -j 1` {rp['scan_seconds']} s, "
            f"`pii-stream replay --policy` (two configurations, one read of the input) {rp['replay_seconds']} s: "
            f"**{rp['ratio']}x** the speed of one scan.",
            "",
        ]
    if "stream" in r:
        lines += stream_lines(r["stream"])
    return "\n".join(lines) + "\n"


def stream_lines(st: dict) -> list[str]:
    """The streaming part: the medians of its repetitions, then each repetition."""
    lines: list[str] = []
    reps = st.get("reps", 1)
    one_vs_scan = _ratio(st["one_worker_events_per_s"], st["scan_events_per_s"])
    one_vs_scan = f"{st['one_vs_scan']}x" if "one_vs_scan" in st else one_vs_scan  # results from before the medians
    lines += [
        f"Through Kafka, medians of {reps} alternating repetition(s) (a cold scan pass, one worker, two workers):",
        "",
        "| through Kafka | events/s | vs scan mode (same events, same run) | worker CPU-ms per event |",
        "|---|---|---|---|",
        f"| scan mode | {st['scan_events_per_s']:.0f} | 1x | |",
        f"| one worker | {st['one_worker_events_per_s']:.0f} | **{one_vs_scan}** | {st['one_worker_cpu_ms_per_event']:.2f} |",
        f"| two workers | {st['two_workers_events_per_s']:.0f} | "
        f"{_ratio(st['two_workers_events_per_s'], st['scan_events_per_s'])} "
        f"({_ratio(st['two_workers_events_per_s'], st['one_worker_events_per_s'])} one worker) "
        f"| {st['two_workers_cpu_ms_per_event']:.2f} (**{st['two_vs_one_cpu_per_event']}x** one worker's) |",
        "",
    ]
    for n, run in enumerate(st.get("runs", []), 1):
        lines.append(
            f"- repetition {n}: scan {run['scan']:.0f} events/s; one worker {run['one']:.0f} events/s "
            f"({_ratio(run['one'], run['scan'])}), {run['one_cpu']:.2f} CPU-ms per event; two workers "
            f"{run['two_cpu']:.2f} CPU-ms per event ({_ratio(run['two_cpu'], run['one_cpu'])})"
        )
    pf = st["prefilled"]
    pairs = "; ".join(f"{w} s / {s_} s" for w, s_ in pf.get("pairs", []))
    lines += [
        "",
        f"Topics filled beforehand ({pf['events']} events), whole processes: one worker "
        f"{pf['worker_seconds']} s from its start to its last output, `pii-stream scan -j 1` "
        f"{pf['scan_seconds']} s (medians): **{pf['ratio']}x** (median of the pairs' ratios"
        + (f"; worker / scan per pair: {pairs}" if pairs else "")
        + ").",
        "",
        f"Latency produce -> output at {st['offered_events_per_s']:.0f} events/s offered "
        f"(half of one worker's median maximum) for {st['load_seconds']} s: p50 {st['latency_p50_ms']:.0f} ms, "
        f"p99 {st['latency_p99_ms']:.0f} ms, max {st['latency_max_ms']:.0f} ms"
        + (f"; worker CPU {cpu:.2f} ms per event" if (cpu := st.get("latency_worker_cpu_ms_per_event")) else "")
        + ".",
    ]
    return lines


def _detection(v: dict) -> str:
    """Detection alone against the NER bound (results of runs before it was measured: -)."""
    return _ratio(v["detect"]["items_per_s"], v["ner"]["items_per_s"]) if "detect" in v else "-"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"
