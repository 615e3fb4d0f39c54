"""Small bases shared by our recognizers: class-constant patterns, term lists from data files.

Class names must differ from Presidio's predefined recognizers: its registry loader
looks classes up by name among every EntityRecognizer subclass (tests/recognizers/test_registry.py).
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import presidio_analyzer.pattern_recognizer as presidio_patterns
import regex
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult

DATA_DIR = Path(__file__).parent / "data"


@cache
def _digits_gate(n: int) -> re.Pattern:
    # Anchored and made of disjoint classes, so it runs in linear time on any text.
    return re.compile(rf"(?:\D*\d){{{n}}}")


def unescape_newlines(text: str) -> str:
    """Literal `\\n` as a line break followed by a space: same length, so offsets hold."""
    return text.replace("\\n", "\n ") if "\\n" in text else text


def after_line_break(text: str, index: int, also: str = "") -> bool:
    """Only spaces and tabs stand between `index` and the start of its line (or of the
    text), or, with `also`, one of those characters; read backwards from `index` so a
    long line costs no copy of what came before."""
    i = index
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] == "\n" or (bool(also) and text[i - 1] in also)


@lru_cache(maxsize=256)
def occurs(pattern: regex.Pattern, text: str, start: int = 0, end: int | None = None) -> bool:
    """`pattern` occurs in text[start:end]; cached, as filters ask the same of a long text
    once per finding."""
    return pattern.search(text, start, len(text) if end is None else end) is not None


def has_digits(text: str, n: int) -> bool:
    """True when `text` holds at least `n` digits."""
    return n <= 0 or _digits_gate(n).match(text) is not None


class Prefiltered:
    """Cheap prefilters, so a recognizer's patterns (and Presidio's per-recognizer
    overhead) run only on texts they could match: at least MIN_DIGITS digits (numbers
    and codes), and a match of PREFILTER (a literal or a character class) if set."""

    MIN_DIGITS: int = 0
    PREFILTER: re.Pattern | None = None

    def analyze(self, text: str, entities, *args, **kwargs):
        # a mixin: the recognizer class after it in the MRO does the analysis
        if not has_digits(text, self.MIN_DIGITS) or (self.PREFILTER is not None and not self.PREFILTER.search(text)):
            return []
        return super().analyze(text, entities, *args, **kwargs)  # type: ignore[misc]


def digit_gated(recognizer, min_digits: int):
    """The same gate on an instance of a recognizer we do not subclass (Presidio's)."""
    ungated = recognizer.analyze

    def analyze(text: str, entities, *args, **kwargs):
        return ungated(text, entities, *args, **kwargs) if has_digits(text, min_digits) else []

    recognizer.analyze = analyze
    return recognizer


# The places of a recognizer's patterns that detection's one-pass scan found possible
# in the text being analysed (None: run all); the others cannot match, so are not run.
ONLY_PATTERNS: ContextVar[frozenset[int] | None] = ContextVar("ONLY_PATTERNS", default=None)


class LeanPatterns:
    """PatternRecognizer's matching (same scores, validation and invalidation) without
    its per-pattern overhead: Presidio times every pattern with two clock reads and a
    debug log call, which cost four times the matching itself for a recognizer with
    many patterns (detect-secrets' 48). A pattern that exceeds Presidio's regex timeout
    raises TimeoutError, which detection reports as a regex timeout (fail closed).

    GATED: every result is a match of a pattern on the text as given, so detection may
    skip the recognizer when its one-pass pattern scan rules all patterns out; a
    subclass that rewrites the text before matching sets it False."""

    GATED = True

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None):
        recognizer: Any = self  # a mixin of PatternRecognizer (whose attributes are unannotated)
        flags = regex_flags or recognizer.global_regex_flags
        compiled = self.compiled_patterns(flags)
        only = ONLY_PATTERNS.get()
        patterns = compiled[1] if only is None else [compiled[1][n] for n in sorted(only)]
        timeout = presidio_patterns.REGEX_TIMEOUT_SECONDS
        metadata = {RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id}
        results = []
        for pattern, pattern_regex in patterns:
            for match in pattern_regex.finditer(text, timeout=timeout):
                start, end = match.span()
                if start == end:
                    continue
                value = text[start:end]
                score = pattern.score
                validation = recognizer.validate_result(value)
                if validation is not None:
                    score = EntityRecognizer.MAX_SCORE if validation else EntityRecognizer.MIN_SCORE
                if recognizer.invalidate_result(value):
                    score = EntityRecognizer.MIN_SCORE
                if score > EntityRecognizer.MIN_SCORE:
                    explanation = recognizer.build_regex_explanation(
                        recognizer.name,
                        pattern.name,
                        pattern.regex,
                        pattern.score,
                        validation,
                        flags,
                    )
                    explanation.score = score
                    results.append(RecognizerResult(recognizer.supported_entities[0], start, end, score, explanation, dict(metadata)))
        return EntityRecognizer.remove_duplicates(results) if len(results) > 1 else results

    def compiled_patterns(self, flags: int | None = None) -> tuple[int, list]:
        """(flags, [(pattern, compiled)]), compiled once; detection calls it at start-up so
        that the first batch does not pay for it."""
        recognizer: Any = self
        flags = flags or recognizer.global_regex_flags
        compiled = self.__dict__.get("_lean_compiled")
        if compiled is None or compiled[0] != flags:
            compiled = (flags, [(p, regex.compile(p.regex, flags=flags)) for p in recognizer.patterns])
            self.__dict__["_lean_compiled"] = compiled
        return compiled


class ConstantPatternRecognizer(Prefiltered, LeanPatterns, PatternRecognizer):
    """A PatternRecognizer whose entity, patterns and context are class constants.

    Subclasses set ENTITY, PATTERNS and CONTEXT; the constructor can override each.
    Checksums go in `validate_result` (True -> score 1.0, False -> dropped).
    Matching is case-sensitive (names and codes depend on case); patterns opt in with (?i).
    MIN_DIGITS: the fewest digits any match contains (0: no prefilter); PREFILTER: a
    pattern every match's text contains (see Prefiltered).
    """

    ENTITY: str = ""
    FLAGS: int = re.DOTALL | re.MULTILINE
    PATTERNS: list[Pattern] = []
    CONTEXT: list[str] = []

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_entity: str | None = None,
        supported_language: str = "en",
    ) -> None:
        super().__init__(
            supported_entity=supported_entity or self.ENTITY,
            patterns=patterns if patterns is not None else self.PATTERNS,
            context=context if context is not None else self.CONTEXT,
            supported_language=supported_language,
            name=type(self).__name__,
            global_regex_flags=self.FLAGS,
        )


class TermListRecognizer(LeanPatterns, PatternRecognizer):
    """Finds whole-word, case-insensitive terms listed one per line in a data file."""

    ENTITY: str = ""
    TERMS_FILE: str = ""
    SCORE: float = 0.6
    CONTEXT: list[str] = []

    def __init__(self, terms: list[str] | None = None, supported_language: str = "en") -> None:
        terms = list(terms) if terms is not None else list(load_terms(self.TERMS_FILE))
        super().__init__(
            supported_entity=self.ENTITY,
            patterns=[Pattern(self.ENTITY.lower(), terms_regex(tuple(terms)), self.SCORE)],
            context=self.CONTEXT,
            supported_language=supported_language,
            name=type(self).__name__,
        )
        # a term can only match where its first word stands as a word of the text
        self.first_words = frozenset(_WORD.findall(t.lower())[0] for t in terms if _WORD.search(t))

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None):
        if text.isascii() and self.first_words.isdisjoint(words_of(text)):
            return []  # exact for ASCII text; other text runs the full pattern
        return super().analyze(text, entities, nlp_artifacts, regex_flags)


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=256)
def words_of(text: str) -> frozenset[str]:
    """The lower-cased words of a text (shared by every term list that looks at it)."""
    return frozenset(_WORD.findall(text.lower()))


@cache
def load_terms(filename: str) -> tuple[str, ...]:
    """Terms of a data file: one per line, `#` comments and blank lines ignored."""
    lines = (DATA_DIR / filename).read_text(encoding="utf-8").splitlines()
    return tuple(t.strip() for t in lines if t.strip() and not t.lstrip().startswith("#"))


def terms_regex(terms: tuple[str, ...]) -> str:
    """One alternation, longest first, matching whole words; spaces match any blank run."""
    import regex

    # longest first; ties alphabetical, so the pattern (and the pattern-scan cache key) is
    # the same in every process
    escaped = sorted({regex.escape(t).replace(r"\ ", r"\s+") for t in terms}, key=lambda t: (-len(t), t))
    return r"(?<![\w-])(?:" + "|".join(escaped) + r")(?![\w-])"
