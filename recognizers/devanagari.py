"""Devanagari names written the way their owners type them in English ("राहुल" -> rahul,
"प्रियंका" -> priyanka), so Faker's Hindi name lists can be used on romanized text.

Plain letter-by-letter romanization with the two rules of Hindi pronunciation that
spelling follows: a consonant's inherent "a" is dropped at the end of a word (unless
a cluster precedes it: narendra) and between a vowel-consonant and a consonant-vowel
(bhatnagar, not bhatanagar). Long and short vowels are written alike (sunita).
"""

from __future__ import annotations

_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j", "झ": "jh", "ञ": "n",
    "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n",
    "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m", "य": "y", "र": "r", "ल": "l", "व": "v", "श": "sh",
    "ष": "sh", "स": "s", "ह": "h", "ळ": "l", "क़": "q", "ख़": "kh", "ग़": "gh", "ज़": "z", "ड़": "r", "ढ़": "rh", "फ़": "f",
}  # fmt: skip
_VOWELS = {
    "अ": "a", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "u", "ऋ": "ri", "ए": "e", "ऐ": "ai", "ओ": "o", "औ": "au", "ऑ": "o",
}  # fmt: skip
_SIGNS = {"ा": "a", "ि": "i", "ी": "i", "ु": "u", "ू": "u", "ृ": "ri", "े": "e", "ै": "ai", "ो": "o", "ौ": "au", "ॉ": "o"}
_NASAL = {"ं": "n", "ँ": "n", "ः": "h"}
_VIRAMA, _NUKTA = "्", "़"


def romanize(word: str) -> str | None:
    """The usual Latin spelling of a Devanagari name; None if it has other letters."""
    # (sound, kind): kind "C" consonant with its inherent a, "c" consonant without, "V" vowel
    units: list[list[str]] = []
    chars = [c for c in word if c not in ("\u200c", "\u200d")]
    i = 0
    while i < len(chars):
        c = chars[i]
        if i + 1 < len(chars) and chars[i + 1] == _NUKTA and c + _NUKTA in _CONSONANTS:
            c, i = c + _NUKTA, i + 1
        if c in _CONSONANTS:
            units.append([_CONSONANTS[c], "C"])
        elif c in _VOWELS:
            units.append([_VOWELS[c], "V"])
        elif c in _SIGNS and units and units[-1][1] == "C":
            units[-1] = [units[-1][0], "c"]
            units.append([_SIGNS[c], "V"])
        elif c == _VIRAMA and units and units[-1][1] == "C":
            units[-1][1] = "c"
        elif c in _NASAL:
            if units and units[-1][1] == "C":
                units[-1][1] = "c"
                units.append(["a", "V"])
            units.append(["ng" if c == "ं" and chars[i + 1 : i + 2] == ["ह"] else _NASAL[c], "n"])
        elif c == _NUKTA:
            pass
        else:
            return None
        i += 1
    return "".join(_with_spoken_vowels(units))


def _with_spoken_vowels(units: list[list[str]]) -> list[str]:
    """Sounds with each consonant's inherent a where Hindi speaks it, decided from the
    end of the word: a deleted a leaves the consonant before it its own."""
    keep = [True] * len(units)
    last = len(units) - 1
    for k in range(last, 0, -1):
        sound, kind = units[k]
        if kind != "C":
            continue
        if k == last:
            keep[k] = units[k - 1][1] == "c" and sound in ("y", "r", "v")  # aditya, chandra; anand
            continue
        nxt = units[k + 1]
        consonant_vowel_after = (nxt[1] == "C" and keep[k + 1]) or (nxt[1] == "c" and k + 2 <= last and units[k + 2][1] == "V")
        vowel_before = units[k - 1][1] in ("V", "C")
        keep[k] = not (vowel_before and consonant_vowel_after)
    out = []
    for k, (sound, kind) in enumerate(units):
        out.append(sound)
        if kind == "C" and keep[k]:
            out.append("a")
    return out
