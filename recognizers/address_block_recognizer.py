"""Street addresses outside the US form: street + house number in many languages,
postal code + city, unit and military lines, and the multi-line blocks they sit in.

A line that holds a street (an anchor) starts a block; the short lines that follow it
(unit, city, region, postal code, country) belong to the block and are redacted with
it. Literal `\\n` sequences (text copied out of JSON or logs) count as line breaks.
"""

from __future__ import annotations

from functools import cache

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult

from recognizers.base import has_digits, load_terms, unescape_newlines

_W = r"\p{Lu}[\p{L}'’.-]*"  # a capitalised word, any script with case
_LINK = r"(?:de|del|de la|da|do|dos|das|di|della|van|von|der|den|la|le|du|des|am|an der|y|e|i)"
_NAME = rf"{_W}(?:\s+(?:{_LINK}\s+)?{_W}){{0,3}}"
_HOUSE = r"\d{1,5}(?:\s?[A-Za-z](?![\p{L}]))?(?:[/-]\d{1,4})?"
_POSTAL = (
    r"(?:\d{3}\s\d{2}|\d{4}\s?[A-Z]{2}|\d{2}-\d{3}|\d{4,6}|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}|"
    r"[A-Z]\d[A-Z]\s\d[A-Z]\d)"
)
_UNIT_TAIL = r"(?:,?\s+(?:Apt\.?|Suite|Ste\.?|Unit|Flat|#)\s*#?\d{1,5}[A-Za-z]?)?"
_NOT_STREET = (
    "Python",
    "Node",
    "Java",
    "Windows",
    "Ubuntu",
    "Debian",
    "Android",
    "Level",
    "Page",
    "Step",
    "Version",
    "Chapter",
    "Room",
    "Floor",
    "Day",
    "Week",
    "Phase",
    "Stage",
    "Tier",
    "Gen",
    "Series",
    "Season",
    "Episode",
)
_MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)"
_LINE_BREAK = regex.compile(r"\n|\r")


@cache
def _anchors() -> regex.Pattern:
    words = load_terms("street_words.txt")
    prefixes = sorted((w.split(":", 1)[1] for w in words if w.startswith("prefix:")), key=len, reverse=True)
    suffixes = sorted((w.split(":", 1)[1] for w in words if w.startswith("suffix:")), key=len, reverse=True)
    separate = sorted((w.split(":", 1)[1] for w in words if w.startswith("word:")), key=len, reverse=True)
    pre = "|".join(regex.escape(p) for p in prefixes)
    sep = "|".join(regex.escape(s) for s in separate)
    suf = "|".join(regex.escape(s) for s in suffixes)
    forms = [
        # 85290 Favoritenstrasse 49 | 457 Aqqusinersuaq 23: building, street, number; not
        # a score line (Lakers 112  Celtics 108), where a capitalised word comes first
        rf"(?<![\w.,:/-])(?<!\p{{Lu}}\p{{L}}*\s{{1,3}})\d{{1,6}}\s+(?!{_MONTH}\b){_NAME}\s+{_HOUSE}(?![\w.,/-]\d|\w){_UNIT_TAIL}",
        rf"(?<![\w.,:/-])\d{{1,5}}\s+(?i:{pre})\s+(?:{_LINK}\s+)?{_NAME}{_UNIT_TAIL}",
        # on Kuusiku 7 | side of Zeppelinstr 14: one word and a number after a place preposition
        rf"(?<=\b(?:on|side of|corner of|at)\s)(?!(?:{'|'.join(_NOT_STREET)})\b)\p{{Lu}}\p{{L}}{{2,}}\s+\d{{1,4}}(?=\s*(?:[.,;]|$|\s+(?i:{sep})))",
        # Via dell'Industria 47 | ul. Floriańska 28 | Rue de Rivoli 5
        rf"(?i:\b(?:{pre}))\s+(?:{_LINK}\s+|d['’]\s?)?{_NAME}\s*,?\s+{_HOUSE}(?!\w)",
        # Keizersgracht 536 | Drottninggatan 53 | Teheran-ro 152 ; 152 Teheran-ro
        rf"\b\p{{Lu}}[\p{{L}}'’]*?(?i:{suf})\s+{_HOUSE}(?!\w){_UNIT_TAIL}",
        rf"\b{_NAME}\s+(?i:{sep})\s+{_HOUSE}(?!\w)",
        rf"(?<![\w.,:/-])\d{{1,5}}\s+(?:{_W}\s+){{0,2}}\p{{Lu}}[\p{{L}}'’]*?(?i:{suf})(?!\w)",
        rf"(?<![\w.,:/-])\d{{1,5}}\s+(?:{_W}\s+){{1,3}}(?i:{sep})(?!\w)",
        rf"\b{_W}\s+{_HOUSE}\s+(?i:{sep})(?!\w)",
        # military and box forms: USS Hervieux FPO AP 42769 | Unit 3907 Box 4982 DPO AE 47876
        r"\b(?:USNS|USNV|USS|USCGC)\s+\p{Lu}\p{L}+|\b(?:PSC|Unit|CMR)\s+\d{3,5},?\s+Box\s+\d{2,5}",
        r"\b(?:FPO|APO|DPO)\s+(?:AA|AE|AP)\s+\d{5}\b",
        # a unit on a line of its own: Suite 883 | Apt. 878 (a line of an address block)
        r"(?m)(?<=^[^\w\n]{0,4})(?:Suite|Apt\.?|Apartment|Unit|Ste\.?)\s+#?\d{1,5}[A-Za-z]?(?=[ \t]*$)",
        # Pilistvere, VD 93480 | Casal Paivas, LI 97062
        rf"\b{_NAME},\s+(?:[A-Z]{{2}}|nan)\s+\d{{5}}(?:-\d{{4}})?\b",
        # , 40138 Bologna | , 111 21 Stockholm | , 1017 EK Amsterdam | , 31-021 Kraków
        rf"(?<=,\s?)(?:{_POSTAL})\s+{_W}(?:\s+{_W})?",
    ]
    return regex.compile("|".join(f"(?:{f})" for f in forms))


_UNIT = regex.compile(
    r"^(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Floor|Fl\.?|Room|Box|PO Box|P\.O\. Box)\s*#?\s*\w{1,6}\b", regex.IGNORECASE
)
_LOWER_OK = {"nan", "de", "del", "la", "da", "do", "di", "van", "von", "der", "den", "am", "an", "c/o"}
_SHORT_LINE = regex.compile(r"^[\p{L}\d\s,.'’#/-]{1,48}$")


class AddressBlockRecognizer(EntityRecognizer):
    """STREET_ADDRESS: an anchor (street line, postal+city, military form) and its block."""

    name: str

    ENTITY = "STREET_ADDRESS"
    SCORE = 0.65
    FOLLOWING_LINES = 4

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language, name=type(self).__name__)

    def load(self) -> None:
        _anchors()

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        if not has_digits(text, 1):
            return []
        text = unescape_newlines(text)
        spans = [(m.start(), m.end()) for m in _anchors().finditer(text)]
        if not spans:
            return []
        lines = _lines(text)
        spans += self._block_lines(text, lines, spans)
        return [RecognizerResult(self.ENTITY, a, b, self.SCORE, self._explanation()) for a, b in _merge(spans)]

    def _block_lines(self, text: str, lines: list[tuple[int, int]], spans) -> list[tuple[int, int]]:
        """The short lines after an anchor's line: unit, city, region, postal code, country."""
        out = []
        anchored = {i for i, (a, b) in enumerate(lines) for s, e in spans if a <= s < b or s <= a < e}
        for i in sorted(anchored):
            for j in range(i + 1, min(len(lines), i + 1 + self.FOLLOWING_LINES)):
                a, b = lines[j]
                content = text[a:b].strip(" \t}>|?")
                if not content:
                    continue
                if not _SHORT_LINE.match(content) or len(content.split()) > 5:
                    break
                if any(not (w[0].isupper() or w[0].isdigit() or w in _LOWER_OK) for w in content.split()):
                    break
                if content.endswith(".") and not _UNIT.match(content) and not content[-2:-1].isdigit():
                    break
                start = a + text[a:b].index(content)
                out.append((start, start + len(content)))
            # the line before: a house number or unit printed above the street ("Apt. 4\n12 Main St")
        return out

    def _explanation(self):
        from presidio_analyzer import AnalysisExplanation

        return AnalysisExplanation(recognizer=self.name, original_score=self.SCORE)


def _lines(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _LINE_BREAK.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1] + 2:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


# A house number left before a street the other recognizers found as a name or place:
# "lives at 3486 <found>", a line "21877 <found>". At the start of a line or after "at",
# ":" or ","; three to five digits after "at" (a time "at 10" is not one).
_HOUSE_NUMBER_BEFORE = regex.compile(r"(?:(?:^|\n|\\n)[^\w\n\\]{0,4}(\d{1,5}[A-Za-z]?)|(?:\bat|[:,])\s+(\d{3,5}[A-Za-z]?))[ \t]+$")


def house_number_before(text: str, start: int) -> int | None:
    """Where a house number right before `start` begins, or None."""
    m = _HOUSE_NUMBER_BEFORE.search(text, max(0, start - 24), start)
    if not m:
        return None
    return m.start(1) if m.group(1) else m.start(2)
