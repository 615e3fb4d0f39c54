"""Detection: Presidio's recognizers (ours, its own, plugins) over every free-text field,
NER batched across fields and events (`analysis.py` runs one text through them).

Detection fails closed: a recognizer exception, a regex that timed out (Presidio logs
and swallows those) or a record over its time budget is reported as a failure, which
routes the record to quarantine.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from presidio_analyzer import EntityRecognizer

from pipeline.core import presidio_compat
from pipeline.core.analysis import RecognizerFailed, RecognizerRun
from pipeline.core.codes import Reason
from pipeline.core.context_words import WholeWordContextEnhancer
from pipeline.core.nlp import DEFAULT_MODEL, NerOnlySpacyNlpEngine
from pipeline.core.normalise import View, normalised_view
from pipeline.core.pattern_scan import DEFAULT_CACHE_DIR, PatternScan
from recognizers.address_block_recognizer import house_number_before
from recognizers.base import LeanPatterns
from recognizers.company_names import company_words, names_a_company

if TYPE_CHECKING:
    from presidio_analyzer import RecognizerResult
    from presidio_analyzer.nlp_engine import NlpArtifacts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Finding:
    """One detected entity: position and type, never the matched value."""

    field: str
    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str

    # dataclasses.replace, without its field-by-field introspection (~4x the cost)
    def moved(self, start: int, end: int) -> Finding:
        return Finding(self.field, self.entity_type, start, end, self.score, self.recognizer)

    def in_field(self, field: str) -> Finding:
        return Finding(field, self.entity_type, self.start, self.end, self.score, self.recognizer)

    def to_dict(self) -> dict:
        return {
            "field": self.field,
            "entity_type": self.entity_type,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 2),
            "recognizer": self.recognizer,
        }


@dataclass(frozen=True)
class DetectionFailure:
    """Detection did not complete for a record; `reason` is a code, `detail` says what
    failed as `<recognizer or step>:<exception type>` and names no value."""

    reason: str
    detail: str


class Detector:
    """Runs every recognizer over the free-text fields of records, in batches."""

    def __init__(
        self,
        recognizers: list[EntityRecognizer],
        min_score: float,
        regex_timeout_s: float = 1.0,
        record_timeout_s: float = 20.0,
        batch_size: int = 256,
        pattern_cache: Path | None = DEFAULT_CACHE_DIR,
        spacy_model: str = DEFAULT_MODEL,
    ) -> None:
        presidio_compat.check_version()
        self.record_timeout_s = record_timeout_s
        self.regex_timeout_s = regex_timeout_s
        self.nlp_engine = NerOnlySpacyNlpEngine(spacy_model, batch_size=batch_size)
        self.nlp_engine.load()
        self.recognizers = [r for r in recognizers if r.supported_language == "en"]
        self.entities = sorted({e for r in self.recognizers for e in r.supported_entities})
        scan = PatternScan(self.recognizers, pattern_cache)
        self.run = RecognizerRun(self.recognizers, self.entities, WholeWordContextEnhancer(), min_score, scan)
        self._timeouts = presidio_compat.RegexTimeoutWatch().watch()
        self._cache = FindingsCache()
        self._warm_up()

    def _warm_up(self) -> None:
        """Compile every pattern and load the word lists now, not in the first batch."""
        for recognizer in self.recognizers:
            if isinstance(recognizer, LeanPatterns):
                recognizer.compiled_patterns()
        self.detect([{"text": _WARM_UP_TEXT}])
        self._cache = FindingsCache()

    def detect(self, records: list[dict[str, str]]) -> list[list[Finding] | DetectionFailure]:
        """Findings for each record's fields ({field: text}), in order, or a failure."""
        presidio_compat.set_regex_timeout(self.regex_timeout_s)
        flat = [(i, name, text) for i, fields in enumerate(records) for name, text in fields.items()]
        results: list[list[Finding] | DetectionFailure] = [[] for _ in records]
        # Window titles, URLs and short texts repeat across events: analyse each once.
        known = [self._cache.get(name, text) for _, name, text in flat]
        # ...and within the batch: a text met twice is analysed once, at its first place.
        first: dict[tuple[bool, str], int] = {}
        same_as = [first.setdefault(text_key(name, text), k) for k, (_, name, text) in enumerate(flat)]
        todo = [k for k, hit in enumerate(known) if hit is None and same_as[k] == k]
        # what detection reads: fullwidth digits, Unicode dashes and spaces, zero-width and
        # look-alike characters folded (findings are mapped back to the original)
        views = {k: normalised_view(flat[k][2]) for k in todo}
        try:
            # spaCy reads URLs as names; the pattern recognizers cover what URLs hold. A text
            # without letters holds no name or place (a span with digits is dropped anyway).
            wanted = [flat[k][1] != "url" and _has_letter(flat[k][2]) for k in todo]
            computed = self.nlp_engine.artifacts([views[k].text for k in todo], wanted)
        except Exception as exc:  # noqa: BLE001 - any NLP failure must quarantine, not crash
            log.error("NLP failed on a batch of %d fields: %s", len(todo), type(exc).__name__)
            return [DetectionFailure(Reason.DETECTION_ERROR, f"nlp:{type(exc).__name__}") for _ in records]
        artifacts = dict(zip(todo, computed))
        spent = [0.0] * len(records)
        done: dict[int, list[Finding]] = {}
        failed: dict[int, DetectionFailure] = {}
        for k, (i, name, text) in enumerate(flat):
            if isinstance(results[i], DetectionFailure):
                continue
            j = same_as[k]  # where this text first appears in the batch
            hit = known[k]
            if hit is None and j in done:
                hit = [f.in_field(name) for f in done[j]]
            if hit is not None:
                _findings(results[i]).extend(hit)
                continue
            if j in failed:
                results[i] = failed[j]
                continue
            started = time.perf_counter()
            outcome = self.analyze_field(name, views[j], artifacts[j])
            spent[i] += time.perf_counter() - started
            if isinstance(outcome, DetectionFailure):
                results[i] = failed[j] = outcome
                continue
            done[j] = outcome
            if spent[i] > self.record_timeout_s:
                results[i] = DetectionFailure(Reason.DETECTION_TIMEOUT, "record:over budget")
            else:
                self._cache.put(name, text, outcome)
                _findings(results[i]).extend(outcome)
        return [_without_company_names(fields, r) for fields, r in zip(records, results)]

    def clear_cache(self) -> None:
        """Forget analysed texts (benchmarks start each repetition cold)."""
        self._cache = FindingsCache()

    def analyze_field(self, name: str, view: View, nlp_artifacts: NlpArtifacts) -> list[Finding] | DetectionFailure:
        """Findings on the view of a field's text, at the original characters' positions."""
        text = view.text
        timeouts_before = self._timeouts.count()
        try:
            found = self.run.analyze(text, nlp_artifacts, deadline=time.perf_counter() + self.record_timeout_s)
        except RecognizerFailed as failed:
            # timed out: our pattern loop (recognizers/base.py) exceeded the regex timeout
            if failed.over_budget:
                return DetectionFailure(Reason.DETECTION_TIMEOUT, f"{failed.recognizer}:{failed.error_type}")
            reason = Reason.REGEX_TIMEOUT if failed.timed_out else Reason.DETECTION_ERROR
            return DetectionFailure(reason, f"{failed.recognizer}:{failed.error_type}")
        except Exception as exc:  # noqa: BLE001 - a broken recognizer must quarantine the record
            return DetectionFailure(Reason.DETECTION_ERROR, f"detection:{type(exc).__name__}")
        if self._timeouts.count() != timeouts_before:  # Presidio's own patterns: which one is not told
            return DetectionFailure(Reason.REGEX_TIMEOUT, "presidio:TimeoutError")
        findings = []
        for r in drop_shadowed(found):
            recognizer = (r.recognition_metadata or {}).get("recognizer_name", "")
            start, end = view.to_original(_with_house_number(text, r), r.end)
            findings.append(Finding(name, r.entity_type, start, end, r.score, recognizer or "unknown"))
        return findings


# Synthetic; reaches the word lists of the name, place and disclosure rules, NER, and the
# e-mail check's public-suffix table (built on first use: ~0.15 s in the first batch)
_WARM_UP_TEXT = "Hi Maren, meet Oskar Lindqvist (oskar.l@example.org) in lisbon tomorrow; my back pain is worse."


def _without_company_names(fields: dict[str, str], result: list[Finding] | DetectionFailure) -> list[Finding] | DetectionFailure:
    """Drop the names and places that are words of a company name with a legal form
    (Ltd, GmbH, …) anywhere in the event: its window title names the company too."""
    if isinstance(result, DetectionFailure) or not any(f.entity_type in ("PERSON", "LOCATION") for f in result):
        return result
    words = company_words(fields.values())
    if not words:
        return result
    return [
        f
        for f in result
        if f.entity_type not in ("PERSON", "LOCATION") or not names_a_company(fields[f.field][f.start : f.end], words)
    ]


def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _with_house_number(text: str, result: RecognizerResult) -> int:
    """A street found as a name or place keeps no readable house number before it."""
    if result.entity_type in _STREET_LIKE:
        number = house_number_before(text, result.start)
        if number is not None:
            return number
    return result.start


_STREET_LIKE = frozenset({"STREET_ADDRESS", "PERSON", "LOCATION"})


def _findings(result: list[Finding] | DetectionFailure) -> list[Finding]:
    if not isinstance(result, list):
        raise TypeError("a failed record is skipped before its findings are extended")
    return result


def text_key(name: str, text: str) -> tuple[bool, str]:
    """Texts with the same key get the same findings (a URL is analysed without NER)."""
    return name == "url", text


class FindingsCache:
    """Findings of short texts already analysed (LRU). Only completed detections are
    kept, so a failure is retried; long texts are not kept (memory, and rarely repeat)."""

    def __init__(self, max_entries: int = 4096, max_chars: int = 256) -> None:
        self.max_entries, self.max_chars = max_entries, max_chars
        self._entries: OrderedDict[tuple[bool, str], list[Finding]] = OrderedDict()

    def get(self, name: str, text: str) -> list[Finding] | None:
        key = text_key(name, text)
        found = self._entries.get(key)
        if found is None:
            return None
        self._entries.move_to_end(key)
        return [f.in_field(name) for f in found]

    def put(self, name: str, text: str, findings: list[Finding]) -> None:
        if len(text) <= self.max_chars:
            self._entries[text_key(name, text)] = findings
            if len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)


# A credential inside a longer finding is still a credential (a token as the user part of
# a URL that reads as an e-mail address): it decides the route, so a longer span never
# shadows it. On the very same span the usual rule names the value (an IRS IP PIN).
CREDENTIALS = frozenset({"API_KEY", "PASSWORD", "PRIVATE_KEY", "ONE_TIME_CODE"})


def drop_shadowed(results: list) -> list:
    """Drop a result lying inside another of a different type that scores at least as high
    (a phone pattern inside a routing number). Redaction is unaffected: the outer span
    covers it; findings and scores then name what the value really is."""
    # a sweep by start: only results that began at or before one and have not ended can
    # hold it, so thousands of findings side by side cost linear time, not quadratic
    order = sorted(range(len(results)), key=lambda k: results[k].start)
    shadowed: set[int] = set()
    active: list[int] = []
    i = 0
    while i < len(order):
        start = results[order[i]].start
        j = i
        while j < len(order) and results[order[j]].start == start:
            j += 1
        group = order[i:j]
        active = [a for a in active if results[a].end >= start] + group
        for k in group:
            if any(o != k and _shadows(results[o], results[k]) for o in active):
                shadowed.add(k)
        i = j
    return [r for k, r in enumerate(results) if k not in shadowed]


def _shadows(o: RecognizerResult, r: RecognizerResult) -> bool:
    return (
        o.entity_type != r.entity_type
        and o.start <= r.start
        and r.end <= o.end
        and o.score >= r.score
        and (o.end - o.start, o.score) != (r.end - r.start, r.score)
        and not (r.entity_type in CREDENTIALS and o.end - o.start > r.end - r.start)
    )
