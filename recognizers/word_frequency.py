"""How common a word is in English: wordfreq's Zipf scale, read without importing wordfreq.

Importing wordfreq (its tokenizer, ftfy, langcodes) and loading its English list took
~0.3 s of every start (`scan`, a worker restart). Its frequencies of the words common
enough to matter are kept on disk instead (`word_cache`, keyed by wordfreq's version),
and the few lines of wordfreq that turn frequencies into a Zipf value are applied to
them here, for words that wordfreq reads as plain words: Latin, Greek or Cyrillic
letters in any case, inner apostrophes, hyphens (wordfreq splits there and combines the
parts' frequencies). Any other word (digits, other scripts) is passed to wordfreq itself.

Words rarer than `FLOOR` read 0.0: every rule compares with 2.0 or more, so they need
not be told apart. tests/recognizers/test_word_frequency.py checks the values against
wordfreq's own.
"""

from __future__ import annotations

import math
import unicodedata
from functools import cache

import regex

from recognizers.word_cache import on_disk

FLOOR = 1.9  # below this Zipf value a word reads 0.0 (the rules' lowest threshold is 2.0)
_LATIN = "a-z\u00e0-\u00f6\u00f8-\u00ff\u0100-\u017f"  # lower case (ß folds to "ss" first)
# One token to wordfreq: letters of one script, apostrophes only between Latin letters
# (it strips the others). Greek and Cyrillic place names and names occur in our text.
_TOKEN = regex.compile(rf"[{_LATIN}]+(?:'[{_LATIN}]+)*|[\u03ac-\u03ce]+|[\u0430-\u045f]+")


@cache
@on_disk(packages=("wordfreq",))
def frequencies() -> dict[str, float]:
    """wordfreq's frequency of each English word at or above FLOOR (~108,000 words)."""
    from wordfreq import get_frequency_dict

    lowest = 10 ** (FLOOR - 9)
    return {word: float(freq) for word, freq in get_frequency_dict("en").items() if freq >= lowest}


def zipf(word: str) -> float:
    """wordfreq's `zipf_frequency(word, "en")` where that is at least FLOOR, else 0.0 or
    (for words it does not read as plain letters) its own value."""
    # wordfreq's steps for English: NFC, case folding, tokens (hyphens split words), ’ as '
    parts = [p for p in word.casefold().replace("\u2019", "'").split("-") if p]
    if not (parts and unicodedata.is_normalized("NFC", word) and all(_TOKEN.fullmatch(p) for p in parts)):
        from wordfreq import zipf_frequency

        return zipf_frequency(word, "en")
    listed = frequencies()
    inverse = 0.0
    for part in parts:
        freq = listed.get(part)
        if freq is None:
            return 0.0  # rarer than FLOOR; a combination is rarer than each of its parts
        inverse += 1.0 / freq
    # wordfreq's combination and rounding: 1/f = 1/f1 + 1/f2 ..., three significant
    # digits, then log10 + 9 to two decimals
    combined = 1.0 / inverse
    combined = round(combined, math.floor(-math.log(combined, 10)) + 3)
    value = round(math.log(combined, 10) + 9, 2)
    return value if value >= FLOOR else 0.0
