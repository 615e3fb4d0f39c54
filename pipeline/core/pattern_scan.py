"""One pass over a text for every pattern: which pattern recognizers could match it.

All patterns of the gated recognizers are compiled into one Hyperscan database in
*prefilter* mode: Hyperscan approximates what it cannot run exactly (look-arounds,
back-references) by broader constructs, so its matches are a superset of the exact
ones. One scan per text names the recognizers with a possible match; only those run
their patterns (with the `regex` module, Presidio's semantics and the regex timeout).
A recognizer the scan rules out could not have matched, so findings are unchanged
(`tests/test_pattern_scan.py` checks gated and ungated findings are equal).

Hyperscan has no look-behind: in prefilter mode it drops one, so a context-anchored
pattern (`(?<=password is )\\S+`) would be possible wherever its value part is, on
nearly every text. A leading look-behind is therefore scanned as consumed text
(`(?:password is )\\S+`): wherever the original matches, the look-behind's text sits
right before the match, so the rewritten pattern matches there too (a superset still).

Compiling takes several seconds, so the database is cached on disk under a key made
of every pattern, its flags and the Hyperscan version; a changed pattern gets a new
key. If Hyperscan cannot compile a pattern, its recognizer is not gated (it runs on
every text), and if the scan itself fails every recognizer runs.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

import hyperscan
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer

from pipeline.config import DEFAULT_CACHE_DIR
from recognizers.word_cache import cache_dir, write_atomically

log = logging.getLogger(__name__)

_BASE_FLAGS = hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_UCP | hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_SINGLEMATCH
_FLAG_MAP = (
    (re.IGNORECASE, hyperscan.HS_FLAG_CASELESS),
    (re.DOTALL, hyperscan.HS_FLAG_DOTALL),
    (re.MULTILINE, hyperscan.HS_FLAG_MULTILINE),
)


def gated(recognizer: EntityRecognizer) -> bool:
    """Pattern recognizers whose every result is a match of one of their patterns on the
    text as given: Presidio's own unless a subclass changes `analyze`, and ours unless
    one sets GATED False (it rewrites the text before matching). One that rewrites only
    texts holding some string names it in UNGATED_ON: on those texts it runs in full."""
    if not isinstance(recognizer, PatternRecognizer):
        return False
    marked = getattr(recognizer, "GATED", None)
    return marked if marked is not None else type(recognizer).analyze is PatternRecognizer.analyze


class PatternScan:
    """Which of `recognizers` (by index) could match a text, in one Hyperscan pass (two
    when plugins add patterns: theirs get a database of their own, so adding one does
    not recompile the built-in patterns)."""

    def __init__(self, recognizers: list[EntityRecognizer], cache_dir: Path | None = DEFAULT_CACHE_DIR) -> None:
        # built-in?: (recognizer index, pattern, flags, the pattern's place in its recognizer's list)
        groups: dict[bool, list[tuple[int, str, int, int]]] = {True: [], False: []}
        for index, recognizer in enumerate(recognizers):
            if gated(recognizer):
                pattern_recognizer: Any = recognizer  # gated: a PatternRecognizer
                patterns: list[Pattern] = pattern_recognizer.patterns
                flags = _hs_flags(pattern_recognizer.global_regex_flags or 0)
                groups[_builtin(recognizer)] += [(index, consumed_lookbehind(p.regex), flags, n) for n, p in enumerate(patterns)]
        self._scans = []
        for group in groups.values():
            db = _database(group, cache_dir) if group else None
            if db is None and group:  # a pattern Hyperscan rejects: leave its recognizer ungated
                rejected = {index for index, pattern, flags, _ in group if not _compiles(pattern, flags)}
                group = [e for e in group if e[0] not in rejected]
                db = _database(group, cache_dir) if group else None
            if db is not None:
                self._scans.append(([(index, n) for index, _, _, n in group], db))
        self.gated = frozenset(index for owner, _ in self._scans for index, _ in owner)
        markers = {i: getattr(recognizers[i], "UNGATED_ON", None) for i in self.gated}
        self._ungated_on: dict[int, str] = {i: marker for i, marker in markers.items() if marker}

    def possible(self, text: str) -> frozenset[int]:
        """Indexes of the gated recognizers that could match `text` (all of them if the
        scan fails)."""
        return frozenset(self.possible_patterns(text))

    def possible_patterns(self, text: str) -> dict[int, frozenset[int] | None]:
        """For each gated recognizer that could match `text`, the places of its patterns
        that could (None: all of them; every gated recognizer, with None, if the scan fails)."""
        if not self._scans:
            return {}
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: not UTF-8, which the scan requires
            return dict.fromkeys(self.gated)
        hits: dict[int, set[int]] = {}
        for owner, db in self._scans:
            found: list[int] = []
            try:
                db.scan(data, match_event_handler=_collect, context=found)
            except Exception as exc:  # noqa: BLE001 - never skip a recognizer on a failed scan
                log.warning("pattern scan failed (%s); running every recognizer", type(exc).__name__)
                return dict.fromkeys(self.gated)
            for expression in found:
                index, place = owner[expression]
                hits.setdefault(index, set()).add(place)
        possible: dict[int, frozenset[int] | None] = {index: frozenset(places) for index, places in hits.items()}
        for index, marker in self._ungated_on.items():
            if marker in text:
                possible[index] = None  # the recognizer rewrites this text: all its patterns run
        return possible


_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def consumed_lookbehind(pattern: str) -> str:
    """The pattern with a leading look-behind `(?<=X)` (after inline flags) turned into
    consumed text `(?:X)`; any other pattern as it is."""
    flags = _INLINE_FLAGS.match(pattern)
    start = flags.end() if flags else 0
    if not pattern.startswith("(?<=", start):
        return pattern
    end = _group_end(pattern, start)
    if end is None:
        return pattern
    return f"{pattern[:start]}(?:{pattern[start + 4 : end]}){pattern[end + 1 :]}"


def _group_end(pattern: str, start: int) -> int | None:
    """Where the group opened at `start` closes (escapes and character classes skipped)."""
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1
            i += pattern.startswith("^", i)
            i += pattern.startswith("]", i)  # a "]" first in a class is literal
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def _collect(expression: int, start: int, end: int, flags: int, found: list[int]) -> None:
    found.append(expression)  # each expression once per scan (HS_FLAG_SINGLEMATCH)


def _builtin(recognizer: EntityRecognizer) -> bool:
    return type(recognizer).__module__.startswith(("recognizers.", "presidio_analyzer."))


def _hs_flags(python_flags: int) -> int:
    flags = _BASE_FLAGS
    for python_flag, hs_flag in _FLAG_MAP:
        if python_flags & python_flag:
            flags |= hs_flag
    return flags


def _compiles(pattern: str, flags: int) -> bool:
    try:
        hyperscan.Database().compile(expressions=[pattern.encode("utf-8")], ids=[0], elements=1, flags=[flags])
    except hyperscan.error:
        return False
    return True


def _database(expressions: list[tuple[int, str, int, int]], cache_dir: Path | None) -> Any:
    """The compiled database of `expressions`, from the cache when there; None when
    Hyperscan rejects one of them."""
    key = hashlib.sha256(json.dumps([version("hyperscan"), [(p, f) for _, p, f, _ in expressions]]).encode()).hexdigest()[:32]
    cached = cache_dir / f"patterns-{key}.hsdb" if cache_dir is not None else None
    if cached is not None and cached.exists():
        try:
            db = hyperscan.loadb(cached.read_bytes(), hyperscan.HS_MODE_BLOCK)
            db.scratch = hyperscan.Scratch(db)  # a loaded database has none; scans fail without
            return db
        except Exception as exc:  # noqa: BLE001 - a bad cache file is rebuilt
            log.warning("pattern scan cache %s unreadable (%s); recompiling", cached.name, type(exc).__name__)
    log.info("compiling the pattern scan (%d patterns; cached for the next start)", len(expressions))
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    try:
        db.compile(
            expressions=[p.encode("utf-8") for _, p, _, _ in expressions],
            ids=list(range(len(expressions))),
            elements=len(expressions),
            flags=[f for _, _, f, _ in expressions],
        )
    except hyperscan.error:
        return None
    if cached is not None:
        write_atomically(cached, hyperscan.dumpb(db), "the pattern scan")
    return db


if __name__ == "__main__":  # build the caches ahead of time (the worker image does)
    from recognizers import builtin_recognizers
    from recognizers.name_lists import dictionary_words
    from recognizers.word_frequency import frequencies

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)
    PatternScan(builtin_recognizers(), cache_dir())  # loading the recognizers caches their word lists
    dictionary_words()  # these two are read on the first text, not at loading
    frequencies()
