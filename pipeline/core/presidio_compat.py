"""Every Presidio internal detection relies on, in one place, for the release it was
tested with (`TESTED`); `check_version()` (called when a Detector is built) refuses any
other, so an upgrade cannot silently undo a guarantee:

- the regex timeout is a module constant read at match time (its default is 60 s);
- Presidio swallows a regex timeout and only logs it, so a timeout is seen by counting
  that log message, and the record is then held instead of passing half-analysed;
- our batched NER engine builds NlpArtifacts itself with the engine's private entity
  mapping (`_get_updated_entities`);
- the registry's recognizer lookup, which the analyzer repeats for every text, is
  memoized (the registry does not change after start-up).
"""

from __future__ import annotations

import logging
import threading

import presidio_analyzer.pattern_recognizer as presidio_patterns
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc

from pipeline.versions import require_tested

TESTED = {"presidio_analyzer": ("2.2.366",)}
TIMEOUT_MESSAGE = "timed out"  # in Presidio's warning when a pattern exceeds the timeout


def check_version() -> None:
    """Refuse to run on a Presidio release these hooks were not tested with."""
    require_tested(TESTED, "detection's hooks", "pipeline/core/presidio_compat.py", "the detection tests")


def set_regex_timeout(seconds: float) -> None:
    presidio_patterns.REGEX_TIMEOUT_SECONDS = seconds  # type: ignore[assignment]  # annotated int, read as float


class RegexTimeoutWatch(logging.Filter):
    """Counts Presidio's 'regex timed out' warnings per thread; install with `watch()`."""

    def __init__(self) -> None:
        super().__init__()
        self.local = threading.local()

    def watch(self) -> RegexTimeoutWatch:
        logging.getLogger("presidio-analyzer").addFilter(self)
        return self

    def filter(self, record: logging.LogRecord) -> bool:
        if TIMEOUT_MESSAGE in str(record.msg):
            self.local.count = getattr(self.local, "count", 0) + 1
        return True

    def count(self) -> int:
        return getattr(self.local, "count", 0)


def artifacts_from_doc(engine: SpacyNlpEngine, doc: Doc, language: str, lemmas: list[str]) -> NlpArtifacts:
    """NlpArtifacts for a spaCy doc, entities mapped and scored as the engine would."""
    default = engine.ner_model_configuration.default_score
    entities, scores = engine._get_updated_entities(list(doc.ents), [0.85 if default is None else default] * len(doc.ents))
    return NlpArtifacts(
        entities=entities,
        tokens=doc,
        tokens_indices=[token.idx for token in doc],
        lemmas=lemmas,
        nlp_engine=engine,
        language=language,
        scores=scores,
    )


def memoize_recognizer_lookup(registry) -> None:
    """Answer `registry.get_recognizers` from a cache keyed by its arguments (no ad-hoc
    recognizers); call once every recognizer is added."""
    lookup = registry.get_recognizers
    cache: dict = {}

    def get_recognizers(language, entities=None, all_fields=False, ad_hoc_recognizers=None):
        if ad_hoc_recognizers:
            return lookup(language, entities, all_fields, ad_hoc_recognizers)
        key = (language, tuple(entities or ()), all_fields)
        if key not in cache:
            cache[key] = lookup(language, entities, all_fields)
        return list(cache[key])

    registry.get_recognizers = get_recognizers
