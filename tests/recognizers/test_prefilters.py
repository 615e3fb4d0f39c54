"""A recognizer's PREFILTER only skips texts its patterns cannot match: over every text
of the recognizer tables (and their upper- and title-case forms), wherever a pattern
matches, the prefilter matches too."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import tests.recognizers as tables
from recognizers import builtin_recognizers
from recognizers.base import Prefiltered


def table_texts() -> list[str]:
    texts: set[str] = set()
    for module in pkgutil.iter_modules(tables.__path__):
        if module.name.startswith("test_"):
            cases = getattr(importlib.import_module(f"tests.recognizers.{module.name}"), "CASES", [])
            texts.update(case[0] for case in cases if isinstance(case, tuple) and isinstance(case[0], str))
    return sorted(texts | {t.upper() for t in texts} | {t.title() for t in texts})


PREFILTERED = [r for r in builtin_recognizers() if isinstance(r, Prefiltered) and r.PREFILTER is not None]


def test_the_tables_give_enough_texts():
    assert len(table_texts()) > 300 and len(PREFILTERED) >= 8


@pytest.mark.parametrize("recognizer", PREFILTERED, ids=lambda r: r.name)
def test_a_prefilter_never_hides_a_match(recognizer):
    _, patterns = recognizer.compiled_patterns()
    hidden = [
        (pattern.name, text)
        for text in table_texts()
        if not recognizer.PREFILTER.search(text)
        for pattern, compiled in patterns
        if any(m.end() > m.start() for m in compiled.finditer(text))
    ]
    assert hidden == []
