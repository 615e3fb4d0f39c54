"""The normalised view of a text that detection reads, with its way back to the original.

People and evaders write values that every recognizer would know in another dress:
fullwidth or other-script digits (`１２３`, `١٢٣`), non-breaking spaces, Unicode
hyphens inside a number (a dash in prose stays as it is), zero-width characters inside a number or an e-mail address, a
fullwidth `＠`, Cyrillic look-alike letters inside a Latin word (`раypal`). Detection
reads a view of the text with these folded to plain ASCII forms (NFKC, dashes, spaces,
decimal digits, zero-width characters removed, look-alikes folded inside mixed-script
words), and every finding is mapped back, so placeholders land on the original
characters. An ASCII text is its own view.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
_SPACES = frozenset("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000")
# Cyrillic and Greek letters that look like Latin ones (Unicode's confusables, the common part)
_LOOK_ALIKES = str.maketrans(
    "аеорсухіјѕԁԛԝАВЕКМНОРСТХІЈЅаοΑΒΕΖΗΙΚΜΝΟΡΤΥΧνκ",
    "aeopcyxijsdqwABEKMHOPCTXIJSaoABEZHIKMNOPTYXvk",
)
_MIXED_WORD = regex.compile(r"(?=\w*\p{Latin})(?=\w*[\p{Cyrillic}\p{Greek}])\w+")


@dataclass(frozen=True)
class View:
    """`text` as detection reads it; `origin[i]` is the index in the original text of the
    view's character i (None: the view is the original)."""

    text: str
    origin: tuple[int, ...] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """A span of the view as the span of the original characters it came from."""
        if self.origin is None:
            return start, end
        if start >= end:
            return self.origin[start] if start < len(self.origin) else self.origin[-1] + 1, self.origin[start - 1] + 1
        return self.origin[start], self.origin[end - 1] + 1


def normalised_view(text: str) -> View:
    """The view of `text` detection reads (see the module docstring)."""
    if text.isascii():
        return View(text)
    out: list[str] = []
    origin: list[int] = []
    folded = _fold_look_alikes(text)
    for index, char in enumerate(folded):
        if char in _DASHES and not _between_digits(folded, index):
            piece = char  # a dash in prose ("Step 3 — Debts") reads as it is
        else:
            piece = _plain(char)
        for part in piece:
            out.append(part)
            origin.append(index)
    view = "".join(out)
    return View(text) if view == text else View(view, tuple(origin))


def _between_digits(text: str, index: int) -> bool:
    """A dash inside a number (`415‑555`), where it stands for an ASCII hyphen."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return before.isdigit() and after.isdigit()


def _plain(char: str) -> str:
    if char.isascii():
        return char
    if char in _ZERO_WIDTH:
        return ""
    if char in _DASHES:
        return "-"
    if char in _SPACES:
        return " "
    if unicodedata.category(char) == "Nd":
        return str(unicodedata.digit(char))
    folded = unicodedata.normalize("NFKC", char)
    # NFKC widens some characters into several (a ligature, "½"): keep those as they were
    return folded if len(folded) == 1 else char


def _fold_look_alikes(text: str) -> str:
    """Look-alike letters folded only inside words that mix Latin with Cyrillic or Greek:
    a Russian or Greek word stays as it is. Same length as `text`."""
    if not _MIXED_WORD.search(text):
        return text
    return _MIXED_WORD.sub(lambda m: m.group().translate(_LOOK_ALIKES), text)
