"""Names from cue phrases and titles, and from spaCy NER (filtered)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from recognizers.base import ConstantPatternRecognizer, after_line_break, load_terms
from recognizers.filters import INTERJECTION, RARE_ZIPF
from recognizers.name_lists import dictionary_words, faker_names, is_common_word, tech_terms, technical_sentence, zipf

# --- Person names the small spaCy model misses: titles, cue phrases and known first names.
_CAP = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
_SURNAME = rf"(?:(?:Mc|Mac|O'|De|Van|Von|St\. ?)?{_CAP})"
_FULL = rf"{_CAP}(?:[ \t]+[A-Z]\.)?(?:[ \t]+{_SURNAME}){{0,2}}"
# Title-case words of user interfaces that follow a first name without being a surname.
_NOT_SURNAME = (
    r"(?!(?:Application|Access|Request|Review|Report|Details|Settings|Account|Issues?|Team|"
    r"Project|Page|Button|Form|Number|Date|Time|Status|Street|Avenue|Road|Drive|Lane|Way)\b)"
)


def _first_names_regex() -> str:
    names = sorted(load_terms("first_names.txt"), key=len, reverse=True)
    return "(?:" + "|".join(names) + ")"


class PersonNameRecognizer(ConstantPatternRecognizer):
    """Capitalised names after a title (Dr., Ms.) or a cue ('my name is', 'Dear', 'Hi'),
    and a known first name followed by a capitalised surname."""

    PREFILTER = re.compile("[A-Z]")  # every pattern starts a name with a capital

    ENTITY = "PERSON"
    CONTEXT = ["name", "mr", "ms", "dr", "dear", "manager", "employee", "patient"]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("patterns", self.default_patterns())
        super().__init__(**kwargs)

    @staticmethod
    def default_patterns() -> list[Pattern]:
        first = _first_names_regex()
        return [
            Pattern(
                "titled_name",
                rf"(?<=\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Madam|Nurse|Coach|Rev)\.?\s)"
                rf"{_CAP}(?:[ \t]+{_SURNAME}){{0,2}}",
                0.75,
            ),
            Pattern(
                "cue_name",
                rf"(?<=\b(?:[Mm]y name is|[Nn]ame:|I'm|I am|[Tt]his is|[Dd]ear|[Hh]i|[Hh]ello|[Hh]ey|"
                rf"[Tt]hanks|[Rr]egards,|[Ss]incerely,|[Cc]c:?|[Ff]rom:|[Tt]o:|[Ww]ith|[Aa]sk|[Tt]ell|"
                rf"[Pp]atient|[Ee]mployee|[Cc]andidate|[Mm]anager|[Cc]ontact|[Ss]ubscriber|[Ss]ubject|[Nn]ame|[Tt]axpayer|[Ss]pouse|[Dd]ependent)(?::\s*|\s+))"
                rf"(?!(?:The|This|That|Team|All|Everyone|There|Here|Thanks|Monday|Tuesday|Wednesday|"
                rf"Thursday|Friday|Saturday|Sunday|Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\b){_FULL}",
                0.5,
            ),
            Pattern(
                "weak_cue_full_name",
                rf"(?<=\b(?:for|about|from|by|to|with)\s){_NOT_SURNAME}{_CAP}[ \t]+{_NOT_SURNAME}{_SURNAME}(?![\w-])",
                0.4,
            ),
            Pattern(
                "known_first_name",
                rf"\b{first}(?:[ \t]+[A-Z]\.)?[ \t]+{_NOT_SURNAME}{_SURNAME}(?:[ \t]+{_NOT_SURNAME}{_SURNAME})?\b",
                0.7,
            ),
            Pattern("surname_comma_first", rf"\b{_SURNAME},\s+{first}\b", 0.6),
            # a performer's stage name after its prefix: "DJ Khaled", "Lil Nas X", "MC Lyte"
            Pattern("stage_name", r"\b(?:DJ|MC|Lil|Yung)\s+[A-Z][A-Za-z'’.-]+(?:\s+[A-Z]\b)?", 0.6),
        ]


# --- Names and places from spaCy's NER, without the small model's commonest mistakes.
class SpacyNerRecognizer(SpacyRecognizer):
    """PERSON and LOCATION from the NLP artifacts, filtered.

    The small model tags capitalised imperatives at the start of a line ("Convert",
    "Format") and form codes ("W-4") as names; a single-token entity at the start of a
    line is kept only when it is a known first name, and spans with digits or URL
    characters are dropped. Pattern recognizers cover numbers and URLs.
    """

    ENTITIES = ["PERSON", "LOCATION"]
    ORG_NAME_SCORE = 0.5

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("supported_entities", self.ENTITIES)
        super().__init__(**kwargs)
        self.first_names = {n.lower() for n in load_terms("first_names.txt")}

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        if nlp_artifacts is not None and "PERSON" in entities:
            results += self._person_like_orgs(text, nlp_artifacts)
        return [r for r in results if self._plausible(text, r)]

    def _person_like_orgs(self, text: str, nlp_artifacts) -> list[RecognizerResult]:
        """Names the small model labels ORG in chat ("Shaq", "Cowell ' s show"): one or two
        title-case words that are no English word, software term or inflection, in a
        sentence that is not about software. Brands pass too; that costs a product name,
        never a person."""
        out = []
        for ent in nlp_artifacts.entities:
            if ent.label_ != "ORGANIZATION":
                continue
            tokens = _before_possessive(list(ent))
            if len(tokens) > 2:
                continue
            words = [t.text for t in tokens]
            if not words or not (all(w.isalpha() and w[0].isupper() and w[1:].islower() for w in words) or _chat_handle(words)):
                continue
            lowered = [w.lower() for w in words]
            if any(w in tech_terms() for w in lowered):
                continue
            # a frequent word that is a listed first name and no dictionary word is a name ("Paul")
            english = [_english_form(w) or (is_common_word(w) and w not in self.first_names) for w in lowered]
            # "Scooter Braun": a common first word may stand before a listed surname
            nickname_and_surname = len(words) == 2 and not english[1] and lowered[1] in faker_names()[1]
            if any(english) and not nickname_and_surname:
                continue
            if not technical_sentence(text, ent.start_char):
                start, end = tokens[0].idx, tokens[-1].idx + len(words[-1])
                out.append(
                    RecognizerResult(
                        "PERSON", start, end, self.ORG_NAME_SCORE, self.build_explanation(self.ORG_NAME_SCORE, "name tagged ORG")
                    )
                )
        return out

    def _plausible(self, text: str, result: RecognizerResult) -> bool:
        span = text[result.start : result.end]
        if any(c.isdigit() or c in "/@:=_" for c in span):
            return False
        at_line_start = result.start == 0 or after_line_break(text, result.start, also=":")
        single_token = " " not in span.strip()
        if at_line_start and single_token and span.lower() not in self.first_names:
            # "Convert", "Format": an English word or software term opening a line is an
            # imperative or a heading; "Kimmel", "LeBron" are names, and so are rarer words
            # written as one that the model took for one ("Wren"; not a code like "AMER")
            word = span.strip().lower()
            english = _english_form(word) and (zipf(word) >= RARE_ZIPF or not span.strip().istitle())
            return not (english or word in tech_terms() or INTERJECTION.fullmatch(word))
        return True


_DRAWN_OUT = re.compile(r"(.)\1\1")  # a letter three times running: "yhoooo", "noooo"


def _chat_handle(words: list[str]) -> bool:
    """One lowercase word the model took for an organisation in chat ("kaite", "momo"): a
    name or a handle when it is no English word, not short slang and not a drawn-out
    sound ("yhoooo")."""
    if len(words) != 1 or not words[0].isalpha() or not words[0].islower() or len(words[0]) < 4:
        return False
    word = words[0]
    return zipf(word) < 3.5 and not _english_form(word) and not _DRAWN_OUT.search(word)


def _before_possessive(tokens: list) -> list:
    """The possessor of "Paul ' s house" / "Paul's house" (chat text spaces the
    possessive apart): the tokens before it; otherwise every token but apostrophes."""
    for i, token in enumerate(tokens):
        spaced = token.text in ("'", "’") and i + 1 < len(tokens) and tokens[i + 1].text == "s"
        if i and (spaced or token.text in ("'s", "’s")):
            return tokens[:i]
    return [t for t in tokens if t.text not in ("'", "’")]


def _english_form(word: str) -> bool:
    """A dictionary word or a regular inflection of one (exited, running, builds, prettier)."""
    words = dictionary_words()
    stems = [word]
    if word.endswith("ed"):
        stems += [word[:-2], word[:-1]]
    if word.endswith("ing"):
        stems += [word[:-3], word[:-3] + "e"]
    if word.endswith("s"):
        stems += [word[:-1], word[:-2]]
    if word.endswith(("ier", "iest")):  # prettier, happiest
        stems += [word[: -3 if word.endswith("ier") else -4] + "y"]
    elif word.endswith(("er", "est")):  # faster, slowest
        stems += [word[: -2 if word.endswith("er") else -3]]
    return any(stem in words for stem in stems)


NAMES = (
    PersonNameRecognizer,
    SpacyNerRecognizer,
)
