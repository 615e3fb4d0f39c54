"""Cheap checks that drop a PERSON or LOCATION finding which is plainly not one:
software and UI words, code identifiers, shell commands, country codes in general text.

Applied to the findings of every recognizer (spaCy's NER makes most of these
mistakes), after detection and before redaction.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

import regex

from recognizers.base import occurs
from recognizers.cjk_names import in_cjk_script
from recognizers.lent_names import THE_BEFORE, lent_name
from recognizers.location_gazetteer_recognizer import country_not_region, places
from recognizers.name_lists import calendar_words, faker_names, is_common_word, tech_terms, technical_sentence, zipf

_CAMEL = regex.compile(r"\p{Ll}\p{Lu}|\p{Lu}{2}\p{Ll}")
# surnames and given names with an inner capital: McDowell, MacLeod, DeShawn, LeBron, DiMaggio
_NAME_PREFIX = regex.compile(r"(?:Mc|Mac|De|Di|Da|Du|Le|La)\p{Lu}\p{Ll}{2,}")
_TITLE_BEFORE = regex.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sir|Dame)\.?\s+$")
# "the Paris region (eu-west-3)": a cloud region or zone, not a person or where one is
_CLOUD_REGION_AFTER = regex.compile(r"^\s+(?:region|zone|availability zone|data ?cent(?:er|re)s?)\b", regex.IGNORECASE)
# a cloud provider's region code ("us-east-1", "europe-west4"): the places on its line name
# the region ("US East (N. Virginia)"), not where anyone is
_REGION_CODE = regex.compile(
    r"\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn|europe|asia|australia|northamerica|southamerica|africa)"
    r"-(?:(?:north|south)?(?:east|west)|north|south|central)-?\d\b"
)
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
# "version 7.2.0.15", "build 2.10.4.118": a four-part version number, not an address
_VERSION_BEFORE = regex.compile(
    r"(?:\b(?:version|ver|release|build|firmware|patch|rev|revision|sdk|api|agent)"
    r"(?:\s+(?:is|was|now|to|of|at|from)){0,2}\s*[:#=]?\s*|\bv\.?|\(v)$",
    regex.IGNORECASE,
)
# chat's laughter, kisses and hesitation sounds, which the model reads as names when
# capitalised: "Hahahaha", "jajaja", "LOLOLOL", "xx", "Ammm", "Hmmm"
INTERJECTION = regex.compile(
    r"a*(?:h+[aeiou]+){2,}h*|(?:[jk]+[aeiou]+){3,}[jk]*|(?:lo){2,}l+|x{2,}|(?:a+|u+|h+|e+)m{2,}|e+r{2,}m*",
    regex.IGNORECASE,
)
# internet abbreviations that chat capitalises at will ("Idk", "Funny AF", "TBH")
_CHAT_ABBREVIATIONS = frozenset(
    "idk idc af tbh tbf smh imo imho lmao lmfao lol rofl omg omfg wtf tfw mfw ngl irl fyi btw jk ily ikr nvm brb "
    "gtg ttyl afaik iirc tldr fomo yolo".split()
)
SENTENCE_START = regex.compile(r"(?:^|[.!?:;\n\"“(]\s*|^\s+)$")
RARE_ZIPF = 4.0
# quotes, parentheses, braces and backslashes stand around names in text copied out of
# templates and JSON ("Robert (Bob) Smith", "}}Ria Ojima\\n"); these do not
_CODE_PUNCTUATION = frozenset("[]=;|")


def _acronym(word: str, text: str, start: int) -> bool:
    """An all-capital word of 2-5 letters in text that is not itself written in capitals."""
    if not (2 <= len(word) <= 5 and word.isupper()):
        return False
    around = text[max(0, start - 60) : start + 60]
    letters = [c for c in around if c.isalpha()]
    return sum(c.isupper() for c in letters) < 0.5 * len(letters)


# "Bump Jackson to 2.17", "Jackson 2.17.1 has a CVE": a name with a version number is a package
_VERSION_AFTER = regex.compile(r"^\s+(?:(?:to|from)\s+)?v?\d+\.\d+(?:\.\d+)*\b")
# code or a query on the line: brackets, an assignment, SQL's keywords
_CODE_ON_LINE = regex.compile(r"[\[\]{}=()]|\b(?:SELECT|WHERE|FROM|IN|VALUES|INSERT|UPDATE|WHEN|select|where|values)\b")
_DOTTED_QUAD = regex.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.])")
_HOST_BEFORE = regex.compile(
    r"(?i)\b(?:ip|ips|host|hosts|server|address|addr|gateway|dns|subnet|route|ping|ssh|curl|connect(?:ed|ion)?|proxy"
    r"|client|peer|source|src|dst|destination|blocked|allow(?:ed)?|whitelist(?:ed)?|firewall|listen(?:ing)?|bind|@"
    r"|(?:requests?|traffic|connections?|packets?|calls?|logins?|attempts?)\s+(?:from|to))\W{0,3}$"
)


def _among_versions(text: str, start: int, end: int) -> bool:
    """A four-part number in text that writes its other four-part numbers as versions
    (release notes: "Release 4.12.0.3 … regression from 4.11.8.2"), with no network word
    before it: a version too."""
    if _HOST_BEFORE.search(text[max(0, start - 24) : start]):
        return False
    return any(_VERSION_BEFORE.search(text[max(0, s - 24) : s]) for s in _dotted_quads(text) if s != start)


# Whole-text facts are computed once per text: `plausible` runs once per finding, and a
# text can hold thousands of findings (each check over the whole text would be quadratic).
@lru_cache(maxsize=64)
def _dotted_quads(text: str) -> tuple[int, ...]:
    return tuple(m.start() for m in _DOTTED_QUAD.finditer(text))


@lru_cache(maxsize=64)
def _newlines(text: str) -> tuple[int, ...]:
    return tuple(m.start() for m in regex.finditer("\n", text))


@lru_cache(maxsize=64)
def _lines_with(text: str, separator: str) -> int:
    return sum(1 for line in text.split("\n") if separator in line)


_HOLIDAY_AFTER = regex.compile(r"^(?:\s+Jr)?\.?\s+Day\b")
_FACILITY_AFTER = regex.compile(
    r"^\s+(?:auditorium|room|building|hall|wing|lab|library|theatre|theater|stadium|arena|boardroom|lounge|campus"
    r"|office|datacenter|data\s+center|site|plant|warehouse|depot|branch|store|factory)\b"
)
# a sentence about what a country's or state's law or tax says ("Is it legal in the UK to
# ask…", "how are bonuses taxed in Germany"), from nobody in particular
_JURISDICTION_CUE = regex.compile(
    r"(?i)\b(?:legal|illegal|legally|law|laws|lawful|rules|regulations?|regulated|compliant|compliance|statutory"
    r"|taxed|taxes|taxation|jurisdictions?|minimum\s+wage|in\s+general|generally|overview|typical|typically"
    r"|explain|what\s+(?:is|are|does|do)|how\s+(?:does|do|is|are))\b"
)
_SELF_OR_FAMILY = regex.compile(
    r"(?i)\b(?:i|i'm|im|i've|i'd|i'll|my|mine|myself|we're|we've|we'll|wife|husband|partner|son|daughter|mom|mum"
    r"|dad|mother|father|sister|brother)\b"
)
_SENTENCE_BREAK = regex.compile(r"[.!?\n]")


def _jurisdiction(text: str, start: int, end: int) -> bool:
    """A well-known place named as whose law, rules or taxes a sentence asks about, with
    no one (I, my, family) in that sentence."""
    if not (_known_place(text[start:end]) or text[start:end] in ("UK", "US", "USA", "U.S.", "EU", "UAE")):
        return False
    before = [m.end() for m in _SENTENCE_BREAK.finditer(text, max(0, start - 300), start)]
    after = _SENTENCE_BREAK.search(text, end, end + 300)
    sentence = text[before[-1] if before else max(0, start - 300) : after.start() if after else min(len(text), end + 300)]
    return bool(_JURISDICTION_CUE.search(sentence)) and not _SELF_OR_FAMILY.search(sentence)


_CAPITALISED = regex.compile(r"\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){0,2}")
_LIST_SEPARATOR = regex.compile(r"\s*(?:,|/|&|,?\s+(?:and|or)\b)\s*")


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the line holding text[start:end] begins and ends."""
    newlines = _newlines(text)
    before, after = bisect_left(newlines, start), bisect_left(newlines, end)
    return (newlines[before - 1] + 1 if before else 0), (newlines[after] if after < len(newlines) else len(text))


def _known_place(value: str) -> bool:
    """A country, US state or large city (names that count even written lower-case)."""
    return " ".join(value.lower().split()) in places()[1]


def place_as_data(text: str, start: int, end: int) -> bool:
    """A well-known place used as a data value, not where anyone is: a quoted literal in
    code or a query, a cell of a table, or one of a list of places in a technical
    sentence ("edge nodes in Madrid, Paris and Berlin")."""
    if not _known_place(text[start:end]):
        return False
    quote = text[start - 1 : start]
    if quote in ("'", '"') and text[end : end + 1] == quote and occurs(_CODE_ON_LINE, text, *_line_bounds(text, start, end)):
        return True
    if _table_cell(text, start, end):
        return True
    if not technical_sentence(text, start):
        return False
    window_start = max(0, start - 60)
    neighbours = [m for m in _CAPITALISED.finditer(text, window_start, min(len(text), end + 60)) if m.start() != start]
    for m in neighbours:
        between = text[m.end() : start] if m.end() <= start else text[end : m.start()]
        if _known_place(m.group()) and _LIST_SEPARATOR.fullmatch(between):
            return True
    return False


def _table_cell(text: str, start: int, end: int) -> bool:
    """The whole of a cell in a table of three or more rows (tab- or comma-separated)."""
    line_start, line_end = _line_bounds(text, start, end)
    # only the characters either side matter: no copy of a long line
    before = text[start - 1 : start] if start > line_start else ""
    after = text[end : end + 1] if end < line_end else ""
    for separator in ("\t", ","):
        if (before and before != separator) or (after and after != separator):
            continue
        if _lines_with(text, separator) >= 3:
            return True
    return False


# Recognizers whose findings already weighed context (common words, technical sentences).
CONTEXT_AWARE = {"PersonGazetteerRecognizer", "LocationGazetteerRecognizer", "CjkNameRecognizer"}


def plausible(text: str, start: int, end: int, entity_type: str, recognizer: str) -> bool:
    """False for a PERSON/LOCATION span that is a tech word, code or a common word, and
    for an IP address written as a version number."""
    if entity_type == "IP_ADDRESS":
        return not _VERSION_BEFORE.search(text[max(0, start - 24) : start]) and not _among_versions(text, start, end)
    if entity_type not in ("PERSON", "LOCATION"):
        return True
    span = text[start:end]
    if recognizer == "SpacyNerRecognizer" and in_cjk_script(span):
        return False  # the English model cannot read these scripts (CjkNameRecognizer can)
    words = _WORD.findall(span)
    if not words:
        return False
    lowered = [w.lower() for w in words]
    tech = tech_terms()
    first, last = faker_names()
    if " ".join(lowered) in tech or all(w in tech for w in lowered):
        return False
    if any(w in tech for w in lowered) and not any(w in first or w in last for w in lowered if w not in tech):
        return False  # Akka Typed, Triage(a Alert
    if _CLOUD_REGION_AFTER.match(text[end : end + 40]):
        return False
    if occurs(_REGION_CODE, text, *_line_bounds(text, start, end)):
        return False
    if text[max(0, start - 2) : start] == "$ ":
        return False  # a shell command
    if (
        recognizer not in CONTEXT_AWARE
        and (entity_type == "LOCATION" or not any(w in first or w in last for w in lowered))
        and technical_sentence(text, start)
        and not (entity_type == "LOCATION" and country_not_region(text, start, end))
    ):
        return False  # spaCy's Uvicorn, Parquet, Avro in a sentence about software
    if _VERSION_AFTER.match(text[end : end + 30]):
        return False
    if _HOLIDAY_AFTER.match(text[end : end + 8]) or (entity_type == "PERSON" and span.rstrip().endswith(" Day")):
        return False  # "Martin Luther King Jr. Day": a holiday
    if THE_BEFORE.search(text[max(0, start - 5) : start]) and _FACILITY_AFTER.match(text[end : end + 24]):
        return False  # "the Shackleton auditorium", "the Paris office": a room or a site, not where anyone is
    if place_as_data(text, start, end):
        return False
    if entity_type == "LOCATION" and _jurisdiction(text, start, end):
        return False
    if entity_type == "PERSON" and _known_place(span) and not any(w in first or w in last for w in lowered):
        return False  # "compared with Sweden": a place that is nobody's name
    if lent_name(text, start, end, entity_type, words):
        return False
    if any(c in _CODE_PUNCTUATION for c in span.strip()):
        return False  # 'Germany"].groupby(': NER read across code; no name holds these
    if len(words) == 1 and _acronym(words[0], text, start) and technical_sentence(text, start):
        return False  # "TCP and UDP", "escalate to the NOC": an acronym in talk about software
    if len(words) == 1:
        word = words[0]
        if entity_type == "PERSON" and word.lower() in calendar_words() and recognizer not in CONTEXT_AWARE:
            return False
        if INTERJECTION.fullmatch(word) or word.lower() in _CHAT_ABBREVIATIONS:
            return False
        if entity_type == "PERSON" and word.isupper() and len(word) <= 2:
            return False  # "AF", "TI": an initialism alone is not a name
        after, before = text[end : end + 2], text[max(0, start - 2) : start]
        code_after = after[:1] in ("(", "_") or (after[:1] == "." and after[1:2].isalpha())
        camel = _CAMEL.search(word[1:]) and not _NAME_PREFIX.fullmatch(word)
        if camel or code_after or before.endswith(("$ ", ".", "_")):
            return False
        if entity_type == "LOCATION" and word.isupper() and len(word) <= 3 and recognizer not in CONTEXT_AWARE:
            return False  # US, EU, UK in general text
    titled = _TITLE_BEFORE.search(text[max(0, start - 12) : start])
    if recognizer not in CONTEXT_AWARE and entity_type == "PERSON" and not titled:
        # a rarer word capitalised inside a sentence is more likely a name than the word
        initial = SENTENCE_START.search(text[max(0, start - 4) : start]) is not None
        if all(
            zipf(w) >= 5.5 or (is_common_word(w) and w not in first and w not in last and (initial or zipf(w) >= RARE_ZIPF))
            for w in lowered
        ):
            return False
    return True
