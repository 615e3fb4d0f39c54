"""Helpers for testing recognizers, ours and plugins': what a recognizer finds in a text,
and an assertion over it. Public: plugin packages use them in their own tests."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

__all__ = ["assert_finds", "finds"]


def finds(recognizer: EntityRecognizer, text: str) -> list[str]:
    """The substrings of `text` the recognizer reports, in order of position."""
    results = recognizer.analyze(text, recognizer.supported_entities, None)  # type: ignore[arg-type]
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: (r.start, r.end))]


def assert_finds(recognizer: EntityRecognizer, text: str, expected: list[str], score_range: tuple[float, float] = (0.0, 1.0)) -> None:
    """The recognizer finds exactly the `expected` substrings of `text` (an empty list for a
    negative case), each scored within `score_range`."""
    results = recognizer.analyze(text, recognizer.supported_entities, None)  # type: ignore[arg-type]
    found = sorted((r.start, r.end) for r in results)
    want = sorted((text.index(s), text.index(s) + len(s)) for s in expected)
    assert found == want, f"found {[text[a:b] for a, b in found]}, expected {expected}"  # noqa: S101 - a test helper
    low, high = score_range
    for r in results:
        assert low <= r.score <= high, f"{text[r.start : r.end]!r} scored {r.score}"  # noqa: S101
