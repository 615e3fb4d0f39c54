"""Word lists cached on disk between starts: the same lists, built once, rebuilt when
the cache is damaged, and never code read back from the cache directory."""

from __future__ import annotations

import json

import pytest

from recognizers import location_gazetteer_recognizer, name_lists, word_frequency
from recognizers.word_cache import on_disk


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PII_PATTERN_CACHE_DIR", str(tmp_path))
    return tmp_path


def counted_build(calls: list):
    @on_disk(packages=("regex",))
    def city_words():
        calls.append(1)
        return frozenset({"lisbon", "porto"}), frozenset({"faro"})

    return city_words


def test_lists_are_built_once_and_read_back_equal(cache):
    calls: list = []
    build = counted_build(calls)
    first, again = build(), build()
    assert first == again == (frozenset({"lisbon", "porto"}), frozenset({"faro"}))
    assert len(calls) == 1 and len(list(cache.glob("words-city_words-*.json"))) == 1


def test_a_damaged_cache_file_is_built_again(cache):
    calls: list = []
    build = counted_build(calls)
    build()
    [path] = cache.glob("words-city_words-*.json")
    path.write_text('{"tuple": true, "sets": [[')
    assert build() == (frozenset({"lisbon", "porto"}), frozenset({"faro"})) and len(calls) == 2
    assert json.loads(path.read_text())["sets"] == [["lisbon", "porto"], ["faro"]]


def test_an_unwritable_cache_still_gives_the_lists(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("PII_PATTERN_CACHE_DIR", str(blocker / "cache"))
    assert counted_build([])() == (frozenset({"lisbon", "porto"}), frozenset({"faro"}))


def test_numbers_are_read_back_exactly(cache):
    @on_disk(packages=("regex",))
    def shares():
        return {"alpha": 0.1, "beta": 1 / 3, "gamma": 0.1, "delta": 2.5e-07}

    assert shares() == shares() == {"alpha": 0.1, "beta": 1 / 3, "gamma": 0.1, "delta": 2.5e-07}
    [path] = cache.glob("words-shares-*.json")
    for damaged in ('{"numbers": [1, 2]}', '{"numbers": {"x": ["alpha"]}}'):
        path.write_text(damaged)
        assert shares()["beta"] == 1 / 3  # built again


@pytest.mark.parametrize(
    "lists", [name_lists.faker_names, name_lists.dictionary_words, location_gazetteer_recognizer.places, word_frequency.frequencies]
)
def test_the_real_lists_are_the_same_from_the_cache(cache, lists):
    built = lists.__wrapped__.__wrapped__()  # under lru_cache and the disk cache: the build itself
    assert lists.__wrapped__() == built  # written
    assert lists.__wrapped__() == built  # and read back
