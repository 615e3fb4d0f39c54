"""The benchmark's corpus and the three things timed on it: plain Presidio, pii-stream's
scan path, and the spaCy-NER-only bound. All in one process, same texts."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass

import spacy

from bench.corpus import CorpusBuilder
from pipeline.core.events import Event
from pipeline.core.nlp import _NOT_NEEDED, model_location
from pipeline.core.processor import Pipeline
from pipeline.eval.labelled import assembled_fields, item_raws, leak_and_unchanged, route_items, routing_metrics

KINDS = ("keystroke", "prompt", "screen_text", "click")


@dataclass
class Workload:
    """Corpus items of one kind, with the texts detection sees."""

    kind: str
    items: list[dict]
    fields: list[dict[str, str]]  # per item, as the labels read it: a keystroke item's typed text
    # per item, every record's free-text fields as the scan path analyses them: a typed
    # segment's window title and URL too. Plain Presidio, detection alone and the NER
    # bound get these, so all four are timed on the same texts.
    analysed: list[list[dict[str, str]]]

    @property
    def events(self) -> int:
        return sum(len(i["events"]) for i in self.items)

    @property
    def text_bytes(self) -> int:
        return sum(len(t.encode("utf-8")) for t in self.texts())

    def records(self) -> list[dict[str, str]]:
        return [r for records in self.analysed for r in records]

    def texts(self) -> list[str]:
        return [t for r in self.records() for t in r.values()]


def build_workloads(pipeline: Pipeline, seed: int, per_kind: dict[str, int], scale: int = 1) -> dict[str, Workload]:
    """A seeded mixed corpus split by kind (typed segments count as keystroke items)."""
    builder = CorpusBuilder(seed)
    wanted = dict(per_kind)
    items: dict[str, list[dict]] = {k: [] for k in KINDS}
    while any(len(items[k]) < n for k, n in wanted.items()):
        for item in builder.build(50):
            kind = item.events[0]["kind"]
            if len(items[kind]) < wanted.get(kind, 0):
                items[kind].append({"events": item.events, "labels": item.labels})
    if scale > 1:
        items = {k: [_scaled(i, scale) for i in v] for k, v in items.items()}
    return {
        k: Workload(k, v, [assembled_fields(pipeline, i) for i in v], [analysed_fields(pipeline, i) for i in v])
        for k, v in items.items()
        if v
    }


def analysed_fields(pipeline: Pipeline, item: dict) -> list[dict[str, str]]:
    """The free-text fields of each record the scan path analyses for an item: one per
    event, or per typed segment (its text, window title and URL)."""
    events = [e for e in (pipeline.parse(json.dumps(e)) for e in item["events"]) if isinstance(e, Event)]
    if events and events[0].kind == "keystroke":
        reassembler = pipeline.new_reassembler()
        closed = [r for e in events for r in reassembler.feed(e)] + reassembler.close_all()
        events = [r for r in closed if isinstance(r, Event)]
    return [e.free_text() for e in events]


def _scaled(item: dict, times: int) -> dict:
    """The item with its text repeated (1x, 10x, 100x length); labels keep their first copy."""
    events = [dict(e) for e in item["events"]]
    for event in events:
        for name in ("text", "target_text"):
            if event.get(name):
                event[name] = " ".join([event[name]] * times)
    return {"events": events, "labels": item["labels"]}


def run_plain(plain, workload: Workload) -> tuple[float, list[list[dict]]]:
    """Plain Presidio as users run it: analyze + anonymize each text field of each record the scan path analyses."""
    started = time.perf_counter()
    redacted = [[{f: plain.redact(t) for f, t in fields.items()} for fields in records] for records in workload.analysed]
    return time.perf_counter() - started, redacted


def run_ours(pipeline: Pipeline, workload: Workload) -> tuple[float, list[list[dict]]]:
    """pii-stream's scan path over the raw events (parse, reassemble, detect, score, route),
    starting cold: nothing analysed in an earlier repetition is reused."""
    pipeline.detector.clear_cache()
    raws = item_raws(workload.items)  # a scan reads bytes: serializing the corpus is not its work
    started = time.perf_counter()
    clean = route_items(pipeline, workload.items, raws)
    return time.perf_counter() - started, clean


def run_detection(pipeline: Pipeline, workload: Workload) -> float:
    """Detection alone (`Detector.detect`) over the same texts, cold: the scan path without
    parsing, reassembly, scoring and records (where the scan path's time goes)."""
    pipeline.detector.clear_cache()
    started = time.perf_counter()
    pipeline.detector.detect(workload.records())
    return time.perf_counter() - started


def run_ner_bound(nlp, workload: Workload) -> float:
    """spaCy's NER component alone over the same texts, batched: the NLP floor."""
    started = time.perf_counter()
    for _ in nlp.pipe(workload.texts(), batch_size=256):
        pass
    return time.perf_counter() - started


def load_ner_only():
    return spacy.load(model_location(), exclude=_NOT_NEEDED)


def plain_leaks(workload: Workload, redacted: list[list[dict]]) -> dict:
    return leak_and_unchanged(
        workload.items, lambda i: [t for r in redacted[i] for t in r.values()], lambda i: redacted[i] == workload.analysed[i]
    )


def our_leaks(workload: Workload, clean: list[list[dict]]) -> dict:
    return routing_metrics(workload.items, workload.fields, clean)


@dataclass
class Rate:
    events: int
    items: int
    mb: float
    seconds: float

    @property
    def items_per_s(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.mb / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        return {**asdict(self), "items_per_s": round(self.items_per_s, 2), "mb_per_s": round(self.mb_per_s, 4)}


def dumps(obj) -> str:
    return json.dumps(obj, indent=2, sort_keys=True)
