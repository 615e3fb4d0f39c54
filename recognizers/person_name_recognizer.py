"""Person names the small spaCy model misses: titles, cue phrases and known first names."""

import re

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer, load_terms

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
            Pattern("known_first_name", rf"\b{first}(?:[ \t]+[A-Z]\.)?[ \t]+{_NOT_SURNAME}{_SURNAME}(?:[ \t]+{_NOT_SURNAME}{_SURNAME})?\b", 0.7),
            Pattern("surname_comma_first", rf"\b{_SURNAME},\s+{first}\b", 0.6),
        ]
