"""Names as people write them: many countries' names, single first names, lowercase
names in chat, speakers of chat lines, chat and profile window titles, @handles and
`initial.surname` user names.

Word lists decide *whether* a word can be a name (`name_lists`); context decides
whether it *is* one here. A first name that is also a common English word ("Will",
"Miles") needs a cue (a surname, a greeting, a speaker colon, a verb after it); a
software or UI word (`data/tech_terms.txt`) is never a name on its own.
"""

from __future__ import annotations

import re

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from recognizers.base import after_line_break, unescape_newlines
from recognizers.name_lists import (
    calendar_words,
    dictionary_words,
    english_first_names,
    faker_names,
    is_common_word,
    tech_context_words,
    tech_terms,
    technical_sentence,
    zipf,
)

# a word, not letters glued to digits (LU28, AB150: codes, not names)
_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}_])(?>\p{L}[\p{L}\p{M}'’-]*\p{L}|\p{L})(?![\p{N}_])")
# Both end at the token (`$`): searched backwards from there (REVERSE), which is ~2x
# faster over a window than trying every start; only whether they match is used.
_GREETING = regex.compile(
    r"(?r)(?i:\b(?:hi|hey|hello|dear|thanks|thank you|thx|cheers|bye|morning|ask|tell|ping|cc|with|loop in|"
    r"check with|talk to|speak to|reach out to|meet|met|from|by|for|and|c/o|contact|regards|best|love|"
    r"name is|name\?|name:|named|called|call me|said|says|starring|user:|kid|son|daughter|"
    r"mr\.?|mrs\.?|ms\.?|dr\.?)[,:]?\s+)$"
)
_SALUTATION = regex.compile(r"(?r)(?i:\b(?:hi|hey|hello|dear|thanks|thank you|thx|cheers|bye|morning)[,:]?\s+)$")
_MODAL_WORDS = (
    r"^\s+(?:will|would|can|could|should|shall|may|might|must|is|was|has|had|says|said|wants|needs|thinks|"
    r"owns|sends|joined|joins|left|asked|told|wrote|called)\b"
)
_S_VERB = r"[a-z]{2,}[^s\W]s\b"  # a verb in -s of four letters or more, not in -ss: "holds", "continues"
_MODAL_AFTER = regex.compile(_MODAL_WORDS + rf"|^\s+{_S_VERB}")
_NAMED_VERB_AFTER = regex.compile(_MODAL_WORDS)
# a word no list knows opening a sentence before a verb in -s ("Pyrion continues his streak")
_S_VERB_AFTER = regex.compile(rf"^[ \t]+{_S_VERB}")
_PRONOUN_AFTER = regex.compile(r"^[ \t]+(?:I|you|u|ur|your|you're|youre)\b")
# a window title: one line closed by its site's or app's name ("… - Markets", "… | Reuters")
_PAGE_TITLE = regex.compile(r"\A[^\n]{8,200} [-–|] \p{Lu}[\p{L}&.' ]{1,30}\Z")
_CHAT_TITLE = regex.compile(
    r"^(?:(?P<dm>[^()\n]{2,40}?) \(DM\)|(?:WhatsApp|Messages|Signal|Telegram|iMessage|Messenger) - "
    r"(?P<chat>[\p{Lu}][\p{L}'’-]*(?: [\p{Lu}][\p{L}'’-]*){0,2})(?=\s*(?:[^\p{L}\s]|$))"
    r"|(?P<profile>[\p{Lu}][\p{L}'’-]*(?: [\p{Lu}][\p{L}'’-]*){1,3}) - .{2,80}\| LinkedIn$)"
)
_ORG_AFTER = regex.compile(
    r"^\s+(?:Corp|Corporation|Inc|Ltd|LLC|GmbH|AG|SA|plc|PLC|Group|Labs|Systems|Technologies|Foods|Bank|"
    r"University|Hospital|Clinic|Street|Road|Avenue|City|County|Region|Project|Platform|Cloud|API|SDK)\b"
)
_SUBJECT_VERB = regex.compile(
    r"^(?:'s)?\s+(?:is|was|has|had|began|begins|spent|lives|lived|shouted|said|says|told|wrote|moved|went|"
    r"called|named|joined|left|works|worked|will|would|can|could)\b"
)
_ROMANIZED_GIVEN = regex.compile(r"\p{Lu}\p{Ll}{1,5}-\p{Ll}{2,5}")
_NEXT_WORD = regex.compile(r"[ \t]([a-z][a-z0-9]*)\b")
_SAYS = regex.compile(r"[^\n]*?\p{L}|\s*$")  # a letter on the rest of the line, or nothing yet
# at a line's start, a handle is a mention when words follow ("@mlindqvist and @k.osei
# please review"), not a decorator or an annotation ("@dataclass", "@Override public")
_MENTION_AFTER = regex.compile(
    r"[,:]?[ \t]+(?!(?:public|private|protected|static|final|void|def|class|async|fun|val|var|override|abstract)\b)[a-z@]"
)
_HANDLE = regex.compile(r"(?<![\w.@/])@[A-Za-z][\w.-]{1,38}\b(?!\()")
# ASCII letters only: the standard library's engine runs it ~1.6x faster than `regex`
_DOTTED_USER = re.compile(r"(?<![\w.@-])([a-z]{1,20})[._-]([a-z]{1,20})(?![\w@(]|\.\w)")


class PersonGazetteerRecognizer(EntityRecognizer):
    """PERSON from name lists and cues (see the module docstring for the rules)."""

    name: str

    ENTITY = "PERSON"
    FULL, SINGLE, CUED, LOWER, HANDLE, UNKNOWN = 0.75, 0.6, 0.55, 0.5, 0.6, 0.45

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language, name=type(self).__name__)

    def load(self) -> None:
        self.first, self.last = faker_names()
        self.anglo = english_first_names()
        self.tech = tech_terms()

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        text = unescape_newlines(text)
        spans: list[tuple[int, int, float]] = []
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        spans += self._capitalised_runs(text, tokens)
        view = _unshouted(text)  # shouted words: listed names are judged as if capitalised
        if view is not text:
            shouted = self._capitalised_runs(view, [(a, b, view[a:b]) for a, b, _ in tokens])
            spans += [span for span in shouted if span[2] in (self.FULL, self.SINGLE)]
        spans += self._lowercase_names(text, tokens)
        spans += self._titles(text)
        spans += self._handles(text)
        best: dict[tuple[int, int], float] = {}
        for a, b, score in spans:
            best[(a, b)] = max(score, best.get((a, b), 0.0))
        return [RecognizerResult(self.ENTITY, a, b, s, AnalysisExplanation(self.name, s)) for (a, b), s in sorted(best.items())]

    # -- capitalised names ------------------------------------------------------------

    def _capitalised_runs(self, text: str, tokens) -> list[tuple[int, int, float]]:
        out, i = [], 0
        while i < len(tokens):
            if not _is_cap(tokens[i][2]):
                i += 1
                continue
            j = i + 1
            while j < len(tokens) and j - i < 4 and _is_cap(tokens[j][2]) and _joined(text, tokens[j - 1], tokens[j]):
                j += 1
            run = tokens[i:j]
            out += self._judge_run(text, run)
            i = j
        return out

    def _judge_run(self, text: str, run) -> list[tuple[int, int, float]]:
        words = [w for _, _, w in run]
        lowered = [w.lower().rstrip(".") for w in words]
        if any(w in self.tech for w in lowered) or " ".join(lowered) in self.tech:
            return []
        known = [w in self.first or w in self.last for w in lowered]
        if len(run) >= 2 and sum(known) >= 2 and (lowered[0] in self.first or lowered[0] in self.last):
            if not all(is_common_word(w) for w in lowered if len(w) > 1):
                return [(run[0][0], run[-1][1], self.FULL)]
        if (
            len(run) >= 2
            and lowered[0] in self.first
            and not is_common_word(lowered[0])
            and all(len(w) == 1 or zipf(w) < 3.0 for w in lowered[1:])
        ):
            return [(run[0][0], run[-1][1], self.FULL)]
        if len(run) == 2 and lowered[1] in self.last and not is_common_word(lowered[1]) and self._rare_given(words[0]):
            return [(run[0][0], run[-1][1], self.FULL)]  # a rare given name before a listed surname: Ji-ho Choi
        if (
            2 <= len(run) <= 3
            and all(self._unknown(w) for w in words if len(w) > 1)
            and len(words[-1]) > 1
            and not _ORG_AFTER.match(text[run[-1][1] : run[-1][1] + 40])
            and not technical_sentence(text, run[0][0])
        ):
            return [(run[0][0], run[-1][1], self.UNKNOWN)]  # two rare capitalised words: Lazarka Kurbus
        if len(run) > 1:  # not one full name: each word may still be a name alone ("Hi Tomasz")
            return [span for token in run for span in self._judge_run(text, [token])]
        start, end, word = run[0]
        low = lowered[0]
        before, after = _window(text, start, end)
        if _modifies_tech_noun(after):
            return []  # "Fix Joi schema", "the Hermes queue": a library or service, not a person
        spoken_to = (
            _is_speaker(before, after)
            or _is_vocative(before, after)
            # a listed given name, and a rarer word only: "Hope you're well", "Will you…"
            # open sentences, not greetings
            or (low in self.first and zipf(low) < 5.0 and _names_whom_it_speaks_to(before, after))
        )
        cue = bool(_GREETING.search(before[-24:])) or spoken_to
        if zipf(low) >= 5.5:
            return []  # The, This, And: never a name
        if low in self.first or low in self.last:
            common = is_common_word(low)
            calendar = low in calendar_words()  # "Sunday", "Jan": a name only when addressed ("Hi Thu,")
            if not common and not calendar and (low in self.first or zipf(low) < 3.0) and not (word.isupper() and len(word) > 3):
                return [(start, end, self.SINGLE)]
            addressed = _SALUTATION.search(before[-24:]) or spoken_to
            if calendar and not (addressed or (cue and _MODAL_AFTER.match(after))):
                return []
            # a page's headline opens on a common word and any verb ("Fed holds rates - Markets"):
            # there only the verbs people are named with count
            verb = _NAMED_VERB_AFTER if _sentence_start(before) and _PAGE_TITLE.search(text) else _MODAL_AFTER
            if cue or verb.match(after):
                return [(start, end, self.CUED)]
            return []
        if cue and zipf(low) < 3.5 and len(low) > 2 and (_is_speaker(before, after) or not technical_sentence(text, start)):
            return [(start, end, self.CUED)]
        if (
            self._unknown(word)
            and not _ORG_AFTER.match(after)
            and not after[:1].isdigit()
            and (_SUBJECT_VERB.match(after) or _S_VERB_AFTER.match(after) or not _sentence_start(before))
            and not technical_sentence(text, start)
        ):
            return [(start, end, self.UNKNOWN)]  # a rare proper noun where names stand
        return []

    def _rare_given(self, word: str) -> bool:
        """No list's word, or a romanized two-syllable given name (Ji-ho, Seo-yeon)."""
        if _ROMANIZED_GIVEN.fullmatch(word):
            return not all(is_common_word(part) for part in word.lower().split("-"))  # not Follow-up
        return self._unknown(word)

    def _unknown(self, word: str) -> bool:
        """A capitalised word no list knows: not English, not software, rare on the web."""
        low = word.lower()
        return (
            word[0].isupper()
            and not word.isupper()
            and word.isalpha()
            and len(word) > 2
            and low not in self.tech
            and low not in dictionary_words()
            and zipf(low) < 2.0
        )

    # -- lowercase names in chat -------------------------------------------------------

    def _lowercase_names(self, text: str, tokens) -> list[tuple[int, int, float]]:
        out = []
        for k, (start, end, word) in enumerate(tokens):
            if not word.islower() or len(word) < 3 or word in self.tech:
                continue
            before, after = _window(text, start, end)
            if word not in self.first:
                if _is_speaker(before, after) and zipf(word) < 2.5:
                    out.append((start, end, self.LOWER))  # lindiwe: ...
                elif (
                    self._unknown(word.capitalize())
                    and (_SALUTATION.search(before[-24:]) or _SUBJECT_VERB.match(after))
                    and not technical_sentence(text, start)
                ):
                    out.append((start, end, self.LOWER))  # "hey zorvik will you", "zorvik is the best"
                continue
            if is_common_word(word):
                # "hey tanner": a listed first name that is also a rarer word, addressed by name
                if zipf(word) < 4.5 and _SALUTATION.search(before[-24:]) and not technical_sentence(text, start):
                    out.append((start, end, self.LOWER))
                continue
            if word in calendar_words() and not (_SALUTATION.search(before[-24:]) or _is_speaker(before, after)):
                continue
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            pair = (
                nxt is not None
                and nxt[2].islower()
                and _joined(text, tokens[k], nxt)
                and ((nxt[2] in self.last and zipf(nxt[2]) < 3.0) or zipf(nxt[2]) < 2.0)
            )
            if pair and nxt is not None:
                out.append((start, nxt[1], self.LOWER))
            elif (
                _GREETING.search(before[-24:])
                or _is_speaker(before, after)
                or (
                    (not before.strip() or (word not in dictionary_words() and len(word) > 3 and word in self.anglo))
                    and not technical_sentence(text, start)
                )
            ):  # a first name that is no English word
                out.append((start, end, self.LOWER))
        return out

    # -- window titles and user names --------------------------------------------------

    def _titles(self, text: str) -> list[tuple[int, int, float]]:
        m = _CHAT_TITLE.match(text)
        if not m:
            return []
        group = next(g for g in ("dm", "chat", "profile") if m.group(g))
        value = m.group(group)
        if any(w.lower() in self.tech for w in value.split()) or value.lower() in ("group", "general"):
            return []
        return [(m.start(group), m.end(group), self.SINGLE)]

    def _handles(self, text: str) -> list[tuple[int, int, float]]:
        out = [
            (m.start(), m.end(), self.HANDLE)
            for m in _HANDLE.finditer(text)
            if not after_line_break(text, m.start()) or _MENTION_AFTER.match(text, m.end())
        ]
        for m in _DOTTED_USER.finditer(text):
            a, b = m.group(1), m.group(2)
            named = (
                (len(a) == 1 and (b in self.last or (len(b) > 3 and zipf(b) < 2.5)))
                or (len(b) == 1 and (a in self.first or (len(a) > 3 and zipf(a) < 2.5)))
                or (a in self.first and b in self.last and not is_common_word(a) and not is_common_word(b))
            )
            if named:
                out.append((m.start(), m.end(), self.HANDLE))
        return out


def _window(text: str, start: int, end: int, width: int = 64) -> tuple[str, str]:
    """The text just before and after a token (bounded, so long texts stay linear); a cut
    prefix starts with NUL so that it never reads as the start of the text."""
    before = text[max(0, start - width) : start]
    return ("\0" + before if start > width else before), text[end : end + width]


def _unshouted(text: str) -> str:
    """The text with its shouted words capitalised instead (same length): every all-caps
    word in a text mostly in capitals, else words of four or more capitals ("met SCOTT
    WEILAND"); `text` itself when nothing is shouted."""
    if text.isascii():  # counted in C: every ASCII capital is a letter
        letters, capitals = sum(map(str.isalpha, text)), sum(map(str.isupper, text))
    else:
        alphabetic = [c for c in text if c.isalpha()]
        letters, capitals = len(alphabetic), sum(c.isupper() for c in alphabetic)
    if capitals < 2:
        return text  # nothing can be shouted (most typed and chat text)
    mostly_caps = letters >= 12 and capitals >= 0.7 * letters
    shouted = _CAPITALS if mostly_caps else _SHOUTED_WORD
    view = shouted.sub(lambda m: m.group().capitalize(), text)
    return view if len(view) == len(text) and view != text else text


_CAPITALS = regex.compile(r"\p{Lu}{2,}")
_SHOUTED_WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}{4,}(?![\p{L}\p{N}])")


def _is_cap(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or not word.isupper() or len(word) <= 3)


def _joined(text: str, left, right) -> bool:
    """Two tokens of one name: separated by blanks or an initial's dot, not a line break."""
    gap = text[left[1] : right[0]]
    return gap in (" ", "\t", ". ", "  ") or (gap == " " * len(gap) and len(gap) <= 2)


def _is_speaker(before: str, after: str) -> bool:
    """`Name:` at the start of a line, then words: the speaker of a chat line (not a
    dashboard's `WAU: 48,210`)."""
    if not after.startswith(":") or not _SAYS.match(after, 1):
        return False
    return not before.strip(" \t}>") or before.rstrip(" \t}>").endswith(("\n", "\\n"))


def _is_vocative(before: str, after: str) -> bool:
    """`Name,` opening a text, a line or a quote."""
    return after.startswith(",") and (not before.strip() or before.rstrip().endswith(("\n", "'", '"', ":")))


def _names_whom_it_speaks_to(before: str, after: str) -> bool:
    """`Name I …` / `Name you …` opening a text or a line."""
    return (not before.strip() or before.rstrip(" \t").endswith("\n")) and _PRONOUN_AFTER.match(after) is not None


def _sentence_start(before: str) -> bool:
    """Nothing, or the end of a sentence, line or quote, before this point."""
    stripped = before.rstrip(" \t}>|\"'(“")
    return not stripped or stripped.endswith((".", "!", "?", "\n", ":", "\\n"))


def _modifies_tech_noun(after: str) -> bool:
    """The next word is a lower-case software noun (schema, config, queue...)."""
    m = _NEXT_WORD.match(after)
    return bool(m) and m.group(1) in tech_context_words()
