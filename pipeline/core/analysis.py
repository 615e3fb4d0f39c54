"""One text through every recognizer: what `AnalyzerEngine.analyze` does, without its
per-text overhead and with a deterministic outcome.

Presidio stays the recognizer and result model (plugins are ordinary Presidio
recognizers). What differs from `AnalyzerEngine.analyze`:

- one Hyperscan pass per text rules out the pattern recognizers that cannot match it
  (`pattern_scan.py`); the others run only the patterns the pass found possible;
- the recognizer list is fixed at start-up (no registry lookup per text), and the
  recognizer-level `enhance_using_context` hook runs only for recognizers that
  override it (the base hook returns its input);
- `plausible` (recognizers/filters.py) judges each result with its own recognizer's
  name *before* duplicates collapse. Presidio keeps one of two equal results through
  a `set`, so which recognizer a kept result named, and therefore how the filter
  judged it, changed from one process to the next;
- duplicates collapse in recognizer order, so the same text gives the same findings
  in every process.
"""

from __future__ import annotations

import time
from itertools import groupby
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

from pipeline.core.pattern_scan import PatternScan
from recognizers.base import ONLY_PATTERNS
from recognizers.filters import plausible

_ID = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
_NAME = RecognizerResult.RECOGNIZER_NAME_KEY


MAX_FINDINGS_PER_TEXT = 2500


class RecognizerFailed(Exception):
    """A recognizer raised: which one and the exception's type (never its message, which
    may quote the text). `timed_out` when it was a pattern over its time budget."""

    def __init__(self, recognizer: str, error: BaseException, over_budget: bool = False) -> None:
        super().__init__(f"{recognizer} raised {type(error).__name__}")
        self.recognizer = recognizer
        self.error_type = type(error).__name__
        self.timed_out = isinstance(error, TimeoutError)
        self.over_budget = over_budget  # the text's own budget (time, findings), not one pattern's


class RecognizerRun:
    """Runs a fixed list of loaded recognizers over texts."""

    def __init__(
        self,
        recognizers: list[EntityRecognizer],
        entities: list[str],
        enhancer: ContextAwareEnhancer,
        min_score: float,
        scan: PatternScan | None = None,
    ):
        for recognizer in recognizers:
            if not recognizer.is_loaded:
                recognizer.load()
                recognizer.is_loaded = True
        self.recognizers = recognizers
        self.entities = entities
        self.enhancer = enhancer
        self.min_score = min_score
        self.scan = scan
        base_hook = EntityRecognizer.enhance_using_context
        self._own_context_hook = [r for r in recognizers if type(r).enhance_using_context is not base_hook]

    def analyze(self, text: str, nlp_artifacts: NlpArtifacts, deadline: float | None = None) -> list[RecognizerResult]:
        """Findings on `text` above the minimum score, duplicates collapsed, filtered.
        Past `deadline` (time.perf_counter) it raises RecognizerFailed, timed out: a text
        built to make thousands of findings cannot hold a worker for minutes."""
        results: list[RecognizerResult] = []
        gated = self.scan.gated if self.scan is not None else frozenset()
        possible = self.scan.possible_patterns(text) if self.scan is not None else {}
        recognizer: Any
        for index, recognizer in enumerate(self.recognizers):
            if index in gated and index not in possible:
                continue
            token = ONLY_PATTERNS.set(possible.get(index))  # a gated recognizer runs only these patterns
            try:
                found = recognizer.analyze(text=text, entities=self.entities, nlp_artifacts=nlp_artifacts)
            except Exception as exc:  # noqa: BLE001 - named for the operator, then the record is held
                raise RecognizerFailed(recognizer.name, exc) from None
            finally:
                ONLY_PATTERNS.reset(token)
            for n, result in enumerate(found or ()):
                if deadline is not None and n % 64 == 63 and time.perf_counter() > deadline:
                    raise RecognizerFailed("deadline", TimeoutError(), over_budget=True)
                metadata = result.recognition_metadata or {}
                metadata.setdefault(_ID, recognizer.id)
                metadata.setdefault(_NAME, recognizer.name)
                result.recognition_metadata = metadata
                if plausible(text, result.start, result.end, result.entity_type, metadata[_NAME]):
                    results.append(result)
        if len(results) > MAX_FINDINGS_PER_TEXT:
            # Presidio's context step costs time per finding times tokens: a text made to
            # hold thousands of findings is held for review rather than scanned for minutes
            raise RecognizerFailed("findings", OverflowError(), over_budget=True)
        results = self._enhance(text, results, nlp_artifacts)
        return remove_duplicates([r for r in results if r.score >= self.min_score])

    def _enhance(self, text: str, results: list[RecognizerResult], nlp_artifacts: NlpArtifacts) -> list[RecognizerResult]:
        for recognizer in self._own_context_hook:
            own = [r for r in results if r.recognition_metadata[_ID] == recognizer.id]
            others = [r for r in results if r.recognition_metadata[_ID] != recognizer.id]
            results = others + recognizer.enhance_using_context(text, own, others, nlp_artifacts, None)
        return self.enhancer.enhance_using_context(text, results, nlp_artifacts, self.recognizers, None)


def remove_duplicates(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Presidio's rule (drop zero scores and a result inside another of its type that
    scores at least as high), keeping the first of equal results."""
    unique: dict[tuple, RecognizerResult] = {}
    for r in results:
        unique.setdefault((r.entity_type, r.start, r.end, r.score), r)
    ordered = sorted(unique.values(), key=lambda x: (x.entity_type, x.start, -(x.end - x.start), -x.score))
    kept: list[RecognizerResult] = []
    for _, of_type in groupby(ordered, key=lambda r: r.entity_type):
        active: list[RecognizerResult] = []
        for r in of_type:
            if r.score == 0:
                continue
            active = [a for a in active if a.end >= r.start]
            if not any(r.contained_in(a) and r.score <= a.score for a in active):
                kept.append(r)
                active.append(r)
    return sorted(kept, key=lambda x: (-x.score, x.start, -(x.end - x.start)))
