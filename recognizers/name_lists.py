"""First and last names of many countries, from Faker's locale data (MIT licence).

Faker ships curated name lists for 80+ locales (romanized where a script has no case;
its Hindi lists we romanize ourselves, `devanagari.py`); we read them from the installed
package at start-up rather than copying them. Names
that are also software or UI words (`data/tech_terms.txt`) are kept in the lists: the
recognizers decide by context whether such a word is a name.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache, lru_cache
from pathlib import Path

import regex

from recognizers import devanagari, word_frequency
from recognizers.base import DATA_DIR, load_terms
from recognizers.devanagari import romanize
from recognizers.word_cache import on_disk

_FIRST_ATTRS = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_names_unisex",
    "first_romanized_names",
    "first_romanized_names_male",
    "first_romanized_names_female",
)
_LAST_ATTRS = ("last_names", "last_romanized_names")
# Scripts without letter case: a capital-letter rule cannot use them.
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_UNCASED = re.compile(r"[\u0600-\u06ff\u0900-\u0dff\u0e00-\u0e7f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def _values(provider, attr: str) -> list[str]:
    value = getattr(provider, attr, None)
    if value is None or isinstance(value, property):
        return []
    try:
        items = value.keys() if isinstance(value, dict) else value
        return [v for v in items if isinstance(v, str)]
    except TypeError:
        return []


def _romanized(name: str) -> str:
    """A Devanagari name as typed in English (Faker's Hindi lists); other names as they are."""
    if not _DEVANAGARI.search(name):
        return name
    words = [romanize(w) for w in name.split()]
    return " ".join(w for w in words if w) if all(words) else name


@cache
@on_disk(packages=("faker",), files=(Path(devanagari.__file__), DATA_DIR / "first_names.txt"))
def faker_names() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, last names), lower-cased, one entry per word of each name."""
    import faker.providers.person as person

    first: set[str] = set()
    last: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attrs, out in ((_FIRST_ATTRS, first), (_LAST_ATTRS, last)):
            for attr in attrs:
                for name in map(_romanized, _values(provider, attr)):
                    if not _UNCASED.search(name):
                        out.update(w.lower() for w in name.replace("-", " ").split() if len(w) > 1)
    first.update(n.lower() for n in load_terms("first_names.txt"))
    return frozenset(first), frozenset(last)


# Locales whose users write in English: their first names appear lower-cased in chat.
_ENGLISH_LOCALES = (
    "en_US",
    "en_GB",
    "en_CA",
    "en_AU",
    "en_NZ",
    "en_IE",
    "en_IN",
    "en_PH",
    "en_PK",
    "en_TH",
    "en",
    "hi_IN",
    "yo_NG",
    "zu_ZA",
    "sw",
)


@cache
@on_disk(packages=("faker",), files=(Path(devanagari.__file__),))
def english_first_names() -> frozenset[str]:
    """Lower-cased first names of the English-writing locales of Faker."""
    import faker.providers.person as person

    out: set[str] = set()
    for locale in _ENGLISH_LOCALES:
        try:
            provider = importlib.import_module(f"{person.__name__}.{locale}").Provider
        except (ImportError, AttributeError):
            continue
        for attr in _FIRST_ATTRS:
            out.update(n.lower() for n in map(_romanized, _values(provider, attr)) if not _UNCASED.search(n) and " " not in n)
    return frozenset(out)


@cache
def calendar_words() -> frozenset[str]:
    """Days, months, their abbreviations and the zodiac's signs, lower-cased: never a name
    alone, though Sunday, June, Jan and Libra are first names in some countries' lists."""
    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    months = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
    short = {w[:3] for w in days + months} | {"tues", "thur", "thurs", "sept"}
    zodiac = {
        "aries",
        "taurus",
        "gemini",
        "cancer",
        "leo",
        "virgo",
        "libra",
        "scorpio",
        "sagittarius",
        "capricorn",
        "aquarius",
        "pisces",
    }
    return frozenset(days + months) | short | zodiac


@cache
def tech_terms() -> frozenset[str]:
    """Software, product and UI words (lower-cased) that are not people."""
    return frozenset(t.lower() for t in load_terms("tech_terms.txt"))


@cache
def tech_context_words() -> frozenset[str]:
    """Words that make a sentence technical (lower-cased)."""
    return frozenset(load_terms("tech_context_words.txt"))


@cache
@on_disk(packages=("english-words",))
def dictionary_words() -> frozenset[str]:
    """Lower-case entries of Webster's Second (web2, public domain) from `english-words`:
    a name that is also a dictionary word ("will", "rose") needs context to be a name."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"], alpha=True, lower=False) if w.islower())


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common `word` is in English (wordfreq's Zipf scale, 0-8; 0.0 below 1.9)."""
    return word_frequency.zipf(word)


def is_common_word(word: str) -> bool:
    """A lower-cased word that English text uses as an ordinary word, not only as a name."""
    frequency = zipf(word)
    return frequency >= 5.0 or (frequency >= 3.0 and word in dictionary_words())


_SENTENCE_END = regex.compile(r"[.!?\n](?:\s|$)|\n")
_WORDS = regex.compile(r"[a-z0-9]+")
# a link in a post says nothing about the sentence around it being about software
_URL = regex.compile(r"\b(?:https?://|www\.)\S+")


def technical_sentence(text: str, index: int) -> bool:
    """The sentence around `index` uses technical vocabulary (data/tech_context_words.txt)."""
    lower = max(0, index - 400)  # sentences are short; keep long texts linear
    starts = [m.end() for m in _SENTENCE_END.finditer(text, lower, index)]
    end = _SENTENCE_END.search(text, index, index + 400)
    sentence = text[starts[-1] if starts else lower : end.end() if end else min(len(text), index + 400)].lower()
    return not tech_context_words().isdisjoint(_WORDS.findall(_URL.sub(" ", sentence)))
