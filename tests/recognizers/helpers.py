"""One shared assertion for the recognizer tables."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer


def assert_spans(
    recognizer: EntityRecognizer,
    text: str,
    expected: list[str],
    score_range: tuple[float, float] = (0.0, 1.0),
) -> None:
    """The recognizer finds exactly the `expected` substrings of `text`, each scored in range."""
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    found = sorted((r.start, r.end) for r in results)
    want = sorted((text.index(s), text.index(s) + len(s)) for s in expected)
    assert found == want, f"found {[text[a:b] for a, b in found]}, expected {expected}"
    low, high = score_range
    for r in results:
        assert low <= r.score <= high, f"{text[r.start : r.end]!r} scored {r.score}"
