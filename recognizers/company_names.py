"""Company names with a legal-form suffix (Hudson & Reed Ltd, Weber GmbH, Rossi S.p.A.):
the words in them name a company, not a person or a place, in every field of the event
("Hudson & Reed - Q3.xlsx" in the window title of a sheet that lists "Hudson & Reed Ltd").

The suffixes come from cleanco's table of legal entity types by type and country (MIT).
A suffix that is also an English word counts only when written with a capital ("Smith
as lead" is a person; "Nordlys AS" a company); two-letter ones only in capitals.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex

from recognizers.name_lists import is_common_word

_NAME_WORD = r"\p{Lu}[\p{L}\p{M}'’.-]*"
_GAP = r"[^\S\n\r\t]"  # a space within one line or cell


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


def company_words(texts: Iterable[str]) -> frozenset[str]:
    """Lower-cased words of the company names with a legal-form suffix in these texts."""
    words: set[str] = set()
    for text in texts:
        for match in _pattern().finditer(text, overlapped=True):
            if _counts(match["form"]):
                words.update(w.lower() for w in regex.findall(r"\p{L}[\p{L}\p{M}'’-]*", match["name"]) if w != "and")
    return frozenset(words)


def names_a_company(span: str, words: frozenset[str]) -> bool:
    """Whether every word of a PERSON/LOCATION span belongs to a company name found."""
    found = [w.lower() for w in regex.findall(r"\p{L}[\p{L}\p{M}'’.-]*", span)]
    found = [w for w in found if w != "and" and w not in legal_forms() and w.rstrip(".") not in legal_forms()]
    return bool(words) and bool(found) and all(w in words for w in found)
