"""`make bench`: pii-stream's scan path against plain Presidio on one seeded corpus, in one
run, alternating, medians of repetitions; leak rates of both; the spaCy-NER-only bound;
start-up and memory; text length and process scaling; then (with a broker) the
streaming benchmark. Writes out/bench/results.json and results.md.

    python -m bench.run [--quick] [--reps 3] [--no-stream]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import processes, replay, report, whole_process
from bench.workload import (
    Rate,
    build_workloads,
    load_ner_only,
    our_leaks,
    plain_leaks,
    run_detection,
    run_ner_bound,
    run_ours,
    run_plain,
)
from pipeline.eval.labelled import STRICT_GROUPS

FULL = {"keystroke": 200, "prompt": 150, "screen_text": 40, "click": 150}
QUICK = {"keystroke": 40, "prompt": 30, "screen_text": 8, "click": 30}
THROUGHPUT_REPS = 5
METHODS = ("plain", "ours", "detect", "ner")  # timed in this order, reversed every other repetition


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small corpus and one repetition (smoke run)")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--no-stream", action="store_true", help="skip the Kafka streaming benchmark")
    parser.add_argument("--out", type=Path, default=Path("out/bench"))
    args = parser.parse_args()
    reps = 1 if args.quick else args.reps
    per_kind = QUICK if args.quick else FULL

    from pipeline.config import load_settings
    from pipeline.core.processor import Pipeline
    from pipeline.eval.baseline import PlainPresidio

    results: dict = {"reps": reps, "seed": args.seed, "per_kind": per_kind}
    results["startup"] = {which: _startup(which) for which in ("plain", "ours")}
    _say(f"start-up: {results['startup']}")
    pipeline = Pipeline.from_settings(load_settings(), sealer=None)
    plain, nlp = PlainPresidio(), load_ner_only()
    workloads = build_workloads(pipeline, args.seed, per_kind)
    # The in-process rows take well under a second a method: five repetitions cost little
    # and steady the medians against this machine's drift.
    results["throughput"] = _throughput(workloads, pipeline, plain, nlp, 1 if args.quick else max(reps, THROUGHPUT_REPS))
    results["length"] = _length_scaling(pipeline, nlp, args.seed, reps, quick=args.quick)
    all_items = [i for w in workloads.values() for i in w.items]
    one = processes.items_per_second(all_items, 1)
    two = processes.items_per_second(all_items, 2)
    results["processes"] = {"one_items_per_s": round(one, 2), "two_items_per_s": round(two, 2), "ratio": round(two / one, 2)}
    _say(f"processes: 1 -> {one:.1f} items/s, 2 -> {two:.1f} items/s ({two / one:.2f}x)")
    if not args.quick:
        results["whole_process"] = whole_process.run(args.seed, reps)
        _say(f"whole process: {results['whole_process']}")
        results["replay"] = replay.run(args.seed, reps)
        _say(f"replay: {results['replay']}")
    if not args.no_stream:
        from bench import stream

        results["stream"] = stream.run(quick=args.quick)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2, sort_keys=True))
    table = report.markdown(results)
    (args.out / "results.md").write_text(table)
    print(table)
    print(f"written: {args.out / 'results.json'}, {args.out / 'results.md'}")


def _throughput(workloads, pipeline, plain, nlp, reps: int) -> dict:
    times: dict[str, dict[str, list[float]]] = {k: {m: [] for m in METHODS} for k in workloads}
    leaks: dict = {}
    for rep in range(reps):
        for kind, workload in workloads.items():
            for method in METHODS if rep % 2 == 0 else METHODS[::-1]:
                if method == "plain":
                    seconds, redacted = run_plain(plain, workload)
                    leaks.setdefault(kind, {})["plain"] = plain_leaks(workload, redacted)
                elif method == "ours":
                    seconds, clean = run_ours(pipeline, workload)
                    leaks.setdefault(kind, {})["ours"] = our_leaks(workload, clean)
                elif method == "detect":
                    seconds = run_detection(pipeline, workload)
                else:
                    seconds = run_ner_bound(nlp, workload)
                times[kind][method].append(seconds)
            _say(f"rep {rep + 1}/{reps} {kind}: " + ", ".join(f"{m} {times[kind][m][-1]:.2f}s" for m in ("plain", "ours", "ner")))
    out: dict = {"kinds": {}, "reps": reps}
    for kind, workload in workloads.items():
        out["kinds"][kind] = {
            m: Rate(workload.events, len(workload.items), workload.text_bytes / 1e6, statistics.median(times[kind][m])).to_dict()
            for m in METHODS
        }
        out["kinds"][kind]["leaks"] = {m: leaks[kind][m]["leak_rate_all"] for m in ("plain", "ours")}
        out["kinds"][kind]["labelled"] = sum(len(i["labels"]) for i in workload.items)
        # Identifiers, financial numbers, credentials, tax ids, record numbers: never leaked.
        out["kinds"][kind]["strict_leaked"] = {
            m: sum(v["leaked"] for g, v in leaks[kind][m]["leak_rate"].items() if g in STRICT_GROUPS) for m in ("plain", "ours")
        }
    total = {
        m: Rate(
            sum(w.events for w in workloads.values()),
            sum(len(w.items) for w in workloads.values()),
            sum(w.text_bytes for w in workloads.values()) / 1e6,
            sum(statistics.median(times[k][m]) for k in workloads),
        ).to_dict()
        for m in METHODS
    }
    labelled = {k: out["kinds"][k]["labelled"] for k in workloads}
    total["leaks"] = {
        m: round(sum(out["kinds"][k]["leaks"][m] * labelled[k] for k in workloads) / max(1, sum(labelled.values())), 4)
        for m in ("plain", "ours")
    }
    total["strict_leaked"] = {m: sum(out["kinds"][k]["strict_leaked"][m] for k in workloads) for m in ("plain", "ours")}
    out["overall"] = total
    return out


def _length_scaling(pipeline, nlp, seed: int, reps: int, quick: bool) -> dict:
    out = {}
    for scale, n in ((1, 40), (10, 20), (100, 4)):
        n = max(2, n // 4) if quick else n
        workload = build_workloads(pipeline, seed + scale, {"prompt": n}, scale=scale)["prompt"]
        ours = statistics.median(run_ours(pipeline, workload)[0] for _ in range(reps))
        ner = statistics.median(run_ner_bound(nlp, workload) for _ in range(reps))
        out[f"{scale}x"] = {
            "avg_bytes": round(workload.text_bytes / len(workload.items)),
            "ours": Rate(workload.events, len(workload.items), workload.text_bytes / 1e6, ours).to_dict(),
            "ner": Rate(workload.events, len(workload.items), workload.text_bytes / 1e6, ner).to_dict(),
        }
        _say(
            f"length {scale}x: ours {out[f'{scale}x']['ours']['mb_per_s']:.3f} MB/s, "
            f"NER bound {out[f'{scale}x']['ner']['mb_per_s']:.3f} MB/s"
        )
    return out


def _startup(which: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "bench.startup", which], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
