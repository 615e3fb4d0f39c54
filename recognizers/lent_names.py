"""Words that look like names and name something else: a name lent to an idea, a
condition or a law (the Kalman filter, Crohn's disease, the Dodd-Frank Act), a storm, a
team, a brand, a product or service by the words around it, an institution's first word,
the placeholder names that stand for anyone. `filters.plausible` drops a PERSON or
LOCATION finding for which `lent_name` holds.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from recognizers.base import occurs
from recognizers.name_lists import faker_names

THE_BEFORE = regex.compile(r"(?i)\bthe\s+$")
_IRA_AFTER = regex.compile(r"\s+(?:IRA|401\(?k\)?)")

# "the Kalman filter", "Dijkstra's algorithm", "Crohn's disease", "the Dodd-Frank Act": a
# name lent to an idea, a condition or a law, not a person in the text. A possessive counts
# only before the nouns a person rarely owns, and before a condition only when the name is
# no given name ("Maria's disease" is Maria's).
_EPONYM_NOUNS = (
    r"law|laws|razor|principle|theorem|lemma|conjecture|paradox|algorithm|constant|equations?|inequality"
    r"|hypothesis|dilemma|fallacy|triangle|hierarchy|pyramid|maneuver|manoeuvre"
)
_EPONYM_CONDITIONS = (
    r"disease|syndrome|palsy|thyroiditis|lymphoma|phenomenon|sign|anomaly|ataxia|chorea|dystrophy|theory|theories|comma|commas"
)
_EPONYM_AFTER = regex.compile(
    rf"^(?:['’]s?\s+(?:{_EPONYM_NOUNS})|\s+(?:{_EPONYM_NOUNS}|{_EPONYM_CONDITIONS}|filter|ratio|index|coefficient"
    r"|criterion|curve|diagram|chart|distribution|transform|transformation|series|sequence|matrix|integral|operator"
    r"|process|chain|effect|scale|rule|machine|cipher|sort|tree|heap|coding|encoding|bound|estimator|sampling|kernel"
    r"|oath|notation|test|method|model|number|numbers|space|function|graph|plot|network|wave|cycle|problem|check"
    r"|checksum|digit|formula|approximation|polynomials?|interpolation|decomposition|factor|rating|score|board"
    r"|technique))\b"
)
# "the Lilly Ledbetter Fair Pay Act", "Dodd-Frank Act", "the Volcker Rule": a law or a prize
_LAW_AFTER = regex.compile(r"^(?:-\p{Lu}\p{L}*)?(?:\s+\p{Lu}[\p{L}-]*){0,4}\s+(?:Act|Rule|Scale|Prize|Award|Medal)\b")
_LAW_LAST = regex.compile(r"\s(?:Act|Rule|Prize|Award|Medal)$")
_EPONYM_CONDITION_AFTER = regex.compile(rf"^['’]s?\s+(?:{_EPONYM_CONDITIONS})\b")
# The names that stand for anyone: in forms, samples and textbooks, nobody in particular
PLACEHOLDER_NAMES = frozenset(
    {
        "john doe",
        "jane doe",
        "richard roe",
        "jane roe",
        "joe bloggs",
        "jane bloggs",
        "joe public",
        "john q. public",
        "john q public",
        "max mustermann",
        "erika mustermann",
        "otto normalverbraucher",
        "jan modaal",
        "tommy atkins",
        "fred nurk",
        "joe schmoe",
        "john citizen",
        "jane citizen",
    }
)
_PLACEHOLDER = regex.compile(
    r"(?i)\b(?:" + "|".join(regex.escape(n).replace(r"\ ", r"\s+") for n in sorted(PLACEHOLDER_NAMES)) + r")\b"
)


def _placeholder(text: str, start: int, end: int) -> bool:
    """The span lies within a placeholder name written in the text ("Jane Doe", "Joe Bloggs")."""
    window = max(0, start - 24)
    return any(m.start() <= start and end <= m.end() + 1 for m in _PLACEHOLDER.finditer(text, window, min(len(text), end + 24)))


# Alice and Bob, with their cast, in the same text: the parties of a protocol or a puzzle
_PROTOCOL_CAST = frozenset({"alice", "bob", "carol", "dave", "eve", "mallory", "trent", "peggy", "victor"})
_ALICE_AND_BOB = regex.compile(r"\bAlice\b[^\n]{0,200}\bBob\b|\bBob\b[^\n]{0,200}\bAlice\b")
# "Pay with Klarna", "Sign in with Okta", "Powered by Zendesk": a service, not a person
_SERVICE_BEFORE = regex.compile(
    r"(?i)\b(?:pay|paid|sign(?:ed)?\s+(?:in|up)|log(?:ged)?\s+in|login|continue|checkout|check\s+out"
    r"|integrate|install|export|import)\s+(?:with|via|using|through)\s+$|\b(?:powered|built|made|sponsored)\s+(?:by|with)\s+$"
)
# "the integration with Zapier", "Open Calendly", "the Gusto account": a product by the
# words around it (only for words no name list knows)
_PRODUCT_BEFORE = regex.compile(
    # (people are connected and synced with, never integrated with)
    r"(?i)(?:\bintegrat(?:e|ed|es|ion|ions)\s+(?:with|to|into|in)|\b(?:connect(?:ed|s|ion|or)?|sync(?:ed|s)?|plug-?in"
    r"|export(?:ed)?|import(?:ed)?|migrat(?:e|ed|ion))\s+(?:to|from|into|in)|\b(?:open|launch|install|uninstall|enable|disable|configure"
    r"|log\s+into|sign\s+into|(?:log|sign)\s+in\s+to))\s+$"
)
_PRODUCT_AFTER = regex.compile(
    r"^\s+(?:integration|integrations|app|workspace|instance|tenant|plugin|add-on|extension|API|webhook|bot|subscription"
    r"|license|seats?|admin|dashboard|workflow|sync|connector|SDK|CLI|account|accounts)\b"
)
# "Hurricane Milton", "Storm Ciara": a storm's name
_STORM_BEFORE = regex.compile(r"(?i)\b(?:hurricane|typhoon|cyclone|storm)\s+$")

# "Mayo Clinic", "Roth IRA": a name that is the first word of an institution's or a product's
_INSTITUTION_WORD = (
    r"Clinic|Hospital|Foundation|Institute|University|College|School|Academy|Center|Centre|Pharmacy|Museum|Library"
    r"|Stadium|Arena|Airport|Station|Labs?|Laboratories|Hotel|Bank|Insurance|Capital|Ventures|Partners|Holdings"
    r"|Industries|Motors|Airlines|Studios|Health|Healthcare|IRA"
)
_INSTITUTION_AFTER = regex.compile(rf"^[ \t]+(?:{_INSTITUTION_WORD})\b")
_INSTITUTION_LAST = regex.compile(rf"\s(?:{_INSTITUTION_WORD})$")
_SPORTS = regex.compile(
    r"(?i)\b(?:vs|box\s+score|scores?|game|match|season|playoffs?|innings?|halftime|overtime|league|nba|nfl|mlb|nhl"
    r"|mls|fc|goals?|standings|fixtures?|roster|bullpen|touchdown|espn|final/ot)\b"
)
_SCORE_AFTER = regex.compile(r"^[ \t]+\d{1,3}\b(?![.,:/-]?\d)")
_TEAM_JOIN = regex.compile(r"^\s+(?:vs\.?|v\.?|at|@)\s+\p{Lu}\p{Ll}+s\b")
_TEAM_JOIN_BEFORE = regex.compile(r"\b\p{Lu}\p{Ll}+s\s+(?:vs\.?|v\.?|at|@)\s+$")
# "the Dr. Martens collab", "Ford shares": a brand, by what follows it
_BRAND_AFTER = regex.compile(
    r"^\s+(?:collab|collaboration|boots|shoes|sneakers|trainers|stores?|brand|launch|campaign|partnership|shares"
    r"|stock|earnings|franchise|dealership|outlets?|products?)\b"
)


@lru_cache(maxsize=1)
def _all_names() -> frozenset[str]:
    first, last = faker_names()
    return first | last


def _team_like(word: str, names: frozenset[str]) -> bool:
    """A capitalised plural that is no name in the plural ("Smiths"): a team's or a band's name."""
    lowered = word.lower()
    if not regex.fullmatch(r"\p{Lu}\p{Ll}+s", word) or lowered in names:
        return False
    return lowered[:-1] not in names and not (lowered.endswith("es") and lowered[:-2] in names)


def _eponym(span: str, after: str, first_names: frozenset[str]) -> bool:
    possessive = regex.search(r"['’]s?$", span)
    after = possessive.group() + after if possessive else after
    if _EPONYM_AFTER.match(after) or _LAW_AFTER.match(after) or _LAW_LAST.search(span):
        return True
    last_word = regex.findall(r"\p{L}+", span)[-1:] or [""]
    return bool(_EPONYM_CONDITION_AFTER.match(after)) and last_word[0].lower() not in first_names


def lent_name(text: str, start: int, end: int, entity_type: str, words: list[str]) -> bool:
    """Whether the PERSON/LOCATION span text[start:end] (its words given) names something
    other than a person or a place where someone is."""
    span = text[start:end]
    lowered = [w.lower() for w in words]
    first, last = faker_names()
    if _IRA_AFTER.match(text[end : end + 8]) or (
        entity_type == "PERSON" and (_INSTITUTION_AFTER.match(text[end : end + 16]) or _INSTITUTION_LAST.search(span))
    ):
        return True  # "Mayo Clinic", "Roth IRA": an institution or a product, not a person
    if entity_type == "PERSON" and _BRAND_AFTER.match(text[end : end + 24]):
        return True
    if _placeholder(text, start, end) or (all(w in _PROTOCOL_CAST for w in lowered) and occurs(_ALICE_AND_BOB, text)):
        return True
    if _STORM_BEFORE.search(text[max(0, start - 20) : start]):
        return True
    if len(words) == 1 and lowered[0] not in first and _SERVICE_BEFORE.search(text[max(0, start - 24) : start]):
        return True
    if (
        len(words) == 1
        and lowered[0] not in first
        and lowered[0] not in last
        and (_PRODUCT_BEFORE.search(text[max(0, start - 32) : start]) or _PRODUCT_AFTER.match(text[end : end + 16]))
    ):
        return True  # "the integration with Zapier", "Open Calendly", "the Gusto account"
    if (len(words) <= 3 and _eponym(span, text[end : end + 48], first)) or _LAW_AFTER.match(text[end : end + 48]):
        return True
    return (
        len(words) == 1
        and _team_like(words[0], _all_names())
        and bool(
            THE_BEFORE.search(text[max(0, start - 5) : start])
            or occurs(_SPORTS, text)
            or _SCORE_AFTER.match(text[end : end + 6])
            or _TEAM_JOIN.match(text[end : end + 24])
            or _TEAM_JOIN_BEFORE.search(text[max(0, start - 24) : start])
        )
    )  # "the Yankees", "the Celtics": a team or a band, not a person or a place
