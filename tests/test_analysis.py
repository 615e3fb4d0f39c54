"""One text through the recognizers: the same findings in every process."""

from __future__ import annotations

from presidio_analyzer import RecognizerResult

from pipeline.core.analysis import remove_duplicates


def _result(name: str, start: int, end: int, score: float) -> RecognizerResult:
    return RecognizerResult("PERSON", start, end, score, recognition_metadata={"recognizer_name": name})


def test_equal_results_collapse_to_the_first_recognizers():
    # Presidio kept one of them through a set, so the name (and the filter) varied
    first, second, inside = _result("A", 0, 4, 0.6), _result("B", 0, 4, 0.6), _result("C", 1, 3, 0.5)
    kept = remove_duplicates([first, second, inside])
    assert [r.recognition_metadata["recognizer_name"] for r in kept] == ["A"]
    assert [r.recognition_metadata["recognizer_name"] for r in remove_duplicates([second, first])] == ["B"]


def test_a_result_inside_a_weaker_one_stays():
    outer, inner = _result("A", 0, 10, 0.4), _result("B", 2, 5, 0.9)
    assert {(r.start, r.end) for r in remove_duplicates([outer, inner])} == {(0, 10), (2, 5)}
