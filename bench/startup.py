"""Start-up time and peak memory of one detector, in a fresh process:

python -m bench.startup ours|plain     -> prints {"seconds": s, "peak_rss_mb": m}
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main(which: str) -> None:
    started = time.perf_counter()
    if which == "plain":
        from pipeline.eval.baseline import PlainPresidio

        engine = PlainPresidio()
        ready = time.perf_counter() - started
        for _ in range(20):
            engine.redact("Call Jane Roe at 212-555-0143 about the Q3 review of Bob Smith.")
    else:
        from pipeline.config import load_settings
        from pipeline.core.processor import Pipeline, route_stream

        pipeline = Pipeline.from_settings(load_settings(), sealer=None)
        ready = time.perf_counter() - started
        event = {
            "event_id": "e",
            "kind": "prompt",
            "ts": "2026-06-18T14:00:00Z",
            "user_id": "u",
            "app": "X",
            "text": "Call Jane Roe at 212-555-0143 about the Q3 review of Bob Smith.",
        }
        list(route_stream(pipeline, [json.dumps({**event, "event_id": f"e{i}"}) for i in range(20)], 64))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(ready, 2), "peak_rss_mb": round(peak_mb, 1)}))


if __name__ == "__main__":
    main(sys.argv[1])
