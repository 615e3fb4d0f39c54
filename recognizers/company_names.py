"""Company names with a legal-form suffix (Hudson & Reed Ltd, Weber GmbH, Rossi S.p.A.),
and the listed companies' names of two or more words (Morgan Stanley, Wells Fargo): the
words in them name a company, not a person or a place, in every field of the event
("Hudson & Reed - Q3.xlsx" in the window title of a sheet that lists "Hudson & Reed Ltd").

The suffixes come from cleanco's table of legal entity types by type and country (MIT).
A suffix that is also an English word counts only when written with a capital ("Smith
as lead" is a person; "Nordlys AS" a company); two-letter ones only in capitals. The
listed names (`data/listed_companies.txt`, generated from pytickersymbols) count only as
the whole name, as written, and a one-word name only when it is nobody's name, no place
and no English word (Netflix, not Ford).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex

from recognizers.base import load_terms
from recognizers.name_lists import is_common_word

_NAME_WORD = r"\p{Lu}[\p{L}\p{M}'’.-]*"
_GAP = r"[^\S\n\r\t]"  # a space within one line or cell
# a run of capitals ("AAAA…") can be split into name words in very many ways: the scan of
# one text is bounded, as the pattern recognizers are
_BUDGET_S = 0.05


@lru_cache(maxsize=1)
def legal_forms() -> frozenset[str]:
    """Lower-cased legal-form suffixes, as written (dots kept): ltd, plc, gmbh, s.p.a., …"""
    from cleanco.termdata import terms_by_country, terms_by_type

    terms = {t.strip().lower() for group in (terms_by_type, terms_by_country) for ts in group.values() for t in ts}
    # "& co" and "gmbh & co. kg" are joined by the name pattern's own "&"
    return frozenset(t for t in terms if t and not t.startswith("&") and len(regex.sub(r"\W", "", t)) >= 2)


@lru_cache(maxsize=1)
def _pattern() -> regex.Pattern:
    forms = sorted(legal_forms(), key=len, reverse=True)
    alternatives = "|".join(regex.escape(f) for f in forms)
    return regex.compile(
        rf"(?P<name>{_NAME_WORD}(?:{_GAP}*(?:&|\band\b|,)?{_GAP}*{_NAME_WORD}){{0,4}}?),?{_GAP}+"
        rf"(?P<form>(?i:{alternatives}))(?![\p{{L}}\p{{N}}])"
    )


def _counts(form: str) -> bool:
    letters = regex.sub(r"\W", "", form)
    if len(letters) <= 2 and "." not in form:
        return form.isupper()
    return form[0].isupper() or not is_common_word(form.lower().rstrip("."))


def _distinctive(name: str) -> bool:
    """A listed name that says 'company' alone: two or more words, or one word that is no
    one's given name or surname, no well-known place and no ordinary English word
    (Netflix, Starbucks; not Ford, Orange, Block)."""
    if " " in name:
        return True
    from recognizers.location_gazetteer_recognizer import places
    from recognizers.name_lists import faker_names

    word = name.lower()
    first, last = faker_names()
    return len(word) >= 4 and word not in first and word not in last and word not in places()[1] and not is_common_word(word)


@lru_cache(maxsize=1)
def _listed_by_first_word() -> dict[str, tuple[str, ...]]:
    """The listed companies' distinctive names by their first word, longest first."""
    by_first: dict[str, list[str]] = {}
    for name in sorted(filter(_distinctive, load_terms("listed_companies.txt")), key=len, reverse=True):
        by_first.setdefault(name.split()[0], []).append(name)
    return {k: tuple(v) for k, v in by_first.items()}


def _listed_names(text: str) -> list[str]:
    """The listed companies' names written in `text` (whole names, as written)."""
    listed, found = _listed_by_first_word(), []
    for token in regex.finditer(r"(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}.&'’-]*", text):
        for name in listed.get(token.group(), ()) or listed.get(token.group().rstrip("."), ()):
            end = token.start() + len(name)
            if text.startswith(name, token.start()) and not text[end : end + 1].isalnum():
                found.append(name)
                break
    return found


def company_words(texts: Iterable[str]) -> frozenset[str]:
    """Lower-cased words of the company names in these texts: with a legal-form suffix, or
    a listed company's whole name."""
    words: set[str] = set()
    for text in texts:
        try:
            names = [m["name"] for m in _pattern().finditer(text, overlapped=True, timeout=_BUDGET_S) if _counts(m["form"])]
        except TimeoutError:
            names = []  # fail closed: no company found takes no name or place away

        for name in names + _listed_names(text):
            words.update(w.lower() for w in regex.findall(r"\p{L}[\p{L}\p{M}'’-]*", name) if w != "and")
    return frozenset(words)


def names_a_company(span: str, words: frozenset[str]) -> bool:
    """Whether every word of a PERSON/LOCATION span belongs to a company name found."""
    found = [w.lower() for w in regex.findall(r"\p{L}[\p{L}\p{M}'’.-]*", span)]
    found = [w for w in found if w != "and" and w not in legal_forms() and w.rstrip(".") not in legal_forms()]
    return bool(words) and bool(found) and all(w in words for w in found)
