"""Every Presidio internal detection relies on, in one place, for the release it was
tested with (`TESTED` in `pipeline/versions.py`); `check_version()` (called when a Detector is built) refuses any
other, so an upgrade cannot silently undo a guarantee:

- the regex timeout is a module constant read at match time (its default is 60 s);
- Presidio swallows a regex timeout and only logs it (`pattern_recognizer.logger.warning`),
  so a timeout is seen by counting that call, and the record is then held instead of
  passing half-analysed; the count sits in front of the logger, so no log level or
  handler an operator sets can switch it off;
- our batched NER engine builds NlpArtifacts itself with the engine's private entity
  mapping (`_get_updated_entities`), lemmas and keywords computed only when read;
- `analysis.py` replaces `AnalyzerEngine.analyze` and reads RecognizerResult's
  metadata keys, `EntityRecognizer.enhance_using_context` and `contained_in`; the
  context enhancer reuses LemmaContextAwareEnhancer's token lookup.
"""

from __future__ import annotations

import logging
import threading
from functools import cached_property

import presidio_analyzer.pattern_recognizer as presidio_patterns
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc

from pipeline.versions import require_tested

TIMEOUT_MESSAGE = "timed out"  # in Presidio's warning when a pattern exceeds the timeout


def check_version() -> None:
    """Refuse to run on a Presidio release these hooks were not tested with."""
    require_tested(("presidio_analyzer",), "detection's hooks", "pipeline/core/presidio_compat.py", "the detection tests")


def set_regex_timeout(seconds: float) -> None:
    presidio_patterns.REGEX_TIMEOUT_SECONDS = seconds  # type: ignore[assignment]  # annotated int, read as float


class RegexTimeoutWatch:
    """Counts Presidio's regex time-outs per thread; install with `watch()`.

    Presidio's pattern loop catches the TimeoutError and calls its module logger's
    `warning`; the watch replaces that module logger with a proxy that counts the call
    before the logger (and its level, filters and handlers) sees it. A logging filter
    would see nothing once an operator raised the logger's level to ERROR."""

    def watch(self) -> RegexTimeoutWatch:
        if not isinstance(presidio_patterns.logger, _CountingLogger):
            presidio_patterns.logger = _CountingLogger(presidio_patterns.logger)  # type: ignore[assignment]
        return self

    def count(self) -> int:
        return getattr(_TIMEOUTS, "count", 0)


_TIMEOUTS = threading.local()


class _CountingLogger:
    """The pattern module's logger, with its `warning` calls about time-outs counted."""

    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger

    def warning(self, msg: object, *args: object, **kwargs: object) -> None:
        if TIMEOUT_MESSAGE in str(msg):
            _TIMEOUTS.count = getattr(_TIMEOUTS, "count", 0) + 1
        self._logger.warning(msg, *args, **kwargs)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> object:
        return getattr(self._logger, name)


class LazyNlpArtifacts(NlpArtifacts):
    """NlpArtifacts whose lemmas, token offsets and keywords are computed on first use.
    Only context enhancement reads them, and it runs for few texts: building them for
    every text cost a tenth of detection."""

    def __init__(self, engine: SpacyNlpEngine, doc: Doc, language: str, entities: list, scores: list[float]) -> None:
        # NlpArtifacts.__init__ would compute the keywords at once; set its fields instead.
        self.entities = entities
        self.tokens = doc
        self.nlp_engine = engine
        self.language = language
        self.scores = scores

    @cached_property
    def lemmas(self) -> list[str]:  # type: ignore[override]  # an attribute in NlpArtifacts
        return [token.lower_ for token in self.tokens]  # lower-cased tokens stand in (nlp.py)

    @cached_property
    def tokens_indices(self) -> list[int]:  # type: ignore[override]
        return [token.idx for token in self.tokens]

    @cached_property
    def keywords(self) -> list[str]:  # type: ignore[override]
        return NlpArtifacts.set_keywords(self.nlp_engine, self.lemmas, self.language)


def artifacts_from_doc(engine: SpacyNlpEngine, doc: Doc, language: str) -> NlpArtifacts:
    """NlpArtifacts for a spaCy doc, entities mapped and scored as the engine would."""
    default = engine.ner_model_configuration.default_score
    entities, scores = engine._get_updated_entities(list(doc.ents), [0.85 if default is None else default] * len(doc.ents))
    return LazyNlpArtifacts(engine, doc, language, entities, scores)
