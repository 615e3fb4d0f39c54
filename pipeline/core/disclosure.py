"""Special categories and the personal link (docs/contract.md): is this record a disclosure about
a person? Pure functions over the event's text, its context and its findings.

A disclosure is a special-category term (health, HR, protected attribute, personal
finance) in a sentence that is about an identifiable person: the user (I, my, me), their
family, a named person, the other side of a private conversation, or the user's own
account on a health, HR, tax or banking site. The same words with no such link are
general knowledge.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import get_args

import regex

from pipeline.core.detection import Finding
from pipeline.core.policy import SpecialCategory
from recognizers.base import load_terms
from recognizers.name_lists import technical_sentence

CATEGORIES: tuple[str, ...] = get_args(SpecialCategory)
_EXTRA_TERMS = {
    "medical": (
        "conditions.txt",
        "medications.txt",
        "sensitive_health.txt",
        "disclosures/icd10cm_terms.txt",
        "disclosures/drug_names.txt",
    )
}
# Entity types that name a topic rather than identify anyone: without a personal link
# they are general knowledge, neither replaced nor scored.
TOPIC_ENTITIES = frozenset(
    {
        "MEDICAL_CONDITION",
        "MEDICATION",
        "SENSITIVE_HEALTH",
        "IRS_FORM",
        "ICD10_CODE",
        "LEAVE",
        "PERFORMANCE_REVIEW",
        "DISCIPLINARY",
        "PROTECTED_ATTRIBUTE",
    }
)
# Findings that tie a record to one person or case: a term beside them is about someone.
_RECORD_IDENTIFIERS = frozenset(
    {
        "US_SSN",
        "US_ITIN",
        "US_EIN",
        "MEDICAL_RECORD_NUMBER",
        "HEALTH_PLAN_ID",
        "NDC_CODE",
        "EMPLOYEE_ID",
        "TAX_AMOUNT",
        "US_PASSPORT",
        "US_DRIVER_LICENSE",
        "IRS_IP_PIN",
        "COMPENSATION",
    }
)
_TOPIC_CATEGORY = {
    "MEDICAL_CONDITION": "medical",
    "MEDICATION": "medical",
    "SENSITIVE_HEALTH": "medical",
    "ICD10_CODE": "medical",
    "LEAVE": "hr",
    "PERFORMANCE_REVIEW": "hr",
    "DISCIPLINARY": "hr",
    "COMPENSATION": "hr",
    "PROTECTED_ATTRIBUTE": "protected_attribute",
    "IRS_FORM": "personal_finance",
    "TAX_AMOUNT": "personal_finance",
}

_SELF = regex.compile(r"(?i)\b(?:i|i'm|im|i've|ive|i'll|ill|i'd|me|my|mine|myself|we're|we've|we'd)\b")
_FAMILY = regex.compile(
    r"(?i)\b(?:my|our|his|her|their)\s+(?:wife|husband|partner|spouse|son|daughter|kid|kids|child|children|baby|"
    r"mom|mum|mother|dad|father|parents?|sister|brother|grandma|grandmother|grandpa|grandfather|aunt|uncle|"
    r"cousin|fianc[eé]e?|boyfriend|girlfriend|teammate|colleague|coworker|co-worker|manager|report)\b"
    r"|^(?:mom|mum|dad|mother|father)\b"
)
_OTHER_PERSON = regex.compile(r"(?i)\b(?:she|he|her|his|him|they\s+(?:laid|fired|cut))\b")
_GENERAL = regex.compile(
    r"(?i)\b(?:generally|in general|in plain terms|at a high level|what is|what are|what does|how does|how do(?!\s+(?:i|we)\b)|"
    r"how are|explain(?!\s+(?:to\s+)?(?:my|me))|explanation|definition|glossary|for a (?:lecture|training|slide|newsletter|course)|"
    r"for our (?:docs|documentation|help center)|hypothetically|template|sample|boilerplate)\b"
)
# A sentence that drops its subject ("started 150mg last month", "can't make it, having a
# panic attack") speaks of the writer; a chart note's "dx J45.909" of a patient.
_SUBJECTLESS = regex.compile(
    r"(?i)^\s*(?:just\s+|finally\s+|recently\s+|still\s+)?(?:started|stopped|got|had|went|been|feeling|having|taking|switched"
    r"|diagnosed|dx|can't|cant|cannot|won't|couldn't|gotta|gonna)\b"
)
# Pages of one's own bookings and accounts; an account number shown masked ("••6621",
# "****6621", "ending in 6621") is the account of whoever is signed in.
_OWN_PAGES = regex.compile(
    r"(?i)\b(?:bookings?|appointments?|check-in|echeck-in|my account|your account|your \w+ account|intake|patient"
    r"|(?:meeting|clinic|provider|therapist|counsel+or|doctor|support group) finder"
    r"|find an? (?:meeting|clinic|provider|therapist|counsel+or|doctor|support group))\b"
    r"|(?<![a-z])[•*●·x]{2,}\s?\d{4}\b|\bending in \d{4}\b"
)
# A private conversation: a messenger, or personal mail (an address at a consumer mail
# service in the window title or URL).
_PRIVATE_APPS = regex.compile(
    r"(?i)\b(?:whatsapp|signal|telegram|imessage|messages|messenger|\(dm\))"
    r"|@(?:gmail|googlemail|yahoo|hotmail|outlook|live|icloud|me|proton|protonmail|aol|gmx|web|mail|yandex)\.[a-z.]{2,6}\b"
)
# Health services whose pages are someone's own care: a patient portal, a booking or
# telehealth service, a clinic network, a lab
_HEALTH_SERVICES = regex.compile(
    r"(?i)\b(?:mychart|zocdoc|betterhelp|talkspace|teladoc|planned parenthood|one medical|patient portal|followmyhealth"
    r"|labcorp|quest diagnostics|goodrx|doctolib|healthelife|nhs app)\b"
)
# Sites a visit to which is a health disclosure in itself (addiction recovery, therapy,
# reproductive health), and their meeting finders ("Find A.A. Near You"); a page about
# them elsewhere (an encyclopedia, the news) is not a visit
_SENSITIVE_SERVICES = regex.compile(
    r"(?i)\b(?:aa\.org|na\.org|smartrecovery\.org|plannedparenthood\.org|betterhelp\.com|talkspace\.com)\b"
    r"|\bfind (?:an? )?(?:a\.a\.|aa|na) (?:meeting|near)"
    # therapy, psychiatry, sexual and reproductive health, addiction and genetic testing services, whose
    # own pages (the service's name closing a window title) say what the visitor is treated for
    r"|\bfind an? (?:therapist|psychiatrist|psychologist|counsel+or)\b|\btherapists?\b[^\n]{0,40}psychology today"
    # (not the brands that are also given names or words: Flo, Clue, Alma, Done, Hers)
    r"|[-|–] (?:cerebral|hims|nurx|sondermind|brightside|23andme|sober grid|i am sober)$"
    r"|\b(?:cerebral|hims|nurx|sondermind|brightside|23andme) [-|–] "
)
# Services whose use says a protected attribute: dating apps for gay men and women or
# for one faith
_ATTRIBUTE_SERVICES = regex.compile(r"(?i)(?:^|[-|–] )(?:grindr|scruff|muzmatch|christian mingle|jdate|salams)(?:$| [-|–] )")
# "your" right before a term, in anything but a prompt to an assistant, is the reader's own
# matter: a bank or court screen addressing the signed-in user, a message to a colleague
_YOUR_TERM = regex.compile(r"(?i)\byour\s+(?:[\p{L}\d'-]+\s+){0,2}$")
_ASSISTANT_APPS = regex.compile(r"(?i)assistant|chatgpt|claude|copilot|gemini|\bai\b")
_BYLINE = regex.compile(
    r"(?i)(?:\b(?:reviewed|written|authored|edited|updated|fact[- ]checked|illustrated|photographed)\s+by|\bauthor:)"
    r"\s+(?:(?:dr|prof|professor)\.?\s+)?$"
)


def _before(fields: dict[str, str], finding: Finding) -> str:
    text = fields.get(finding.field, "")
    return text[max(0, finding.start - 40) : finding.start]


# Published pages (news, an encyclopedia): a named person there is public, not one whose
# health or job the user discloses
_PUBLISHED = regex.compile(
    r"(?i)\b(?:wikipedia|reuters|bbc|cnn|bloomberg|the verge|nytimes|new york times|guardian|ap news|apnews"
    r"|financial times|wsj|wall street journal|techcrunch|news)\b"
)
_PERSONAL_SEARCH = regex.compile(r"(?i)(?:near me\b|- google search|- bing|search\?q=|duckduckgo)")
# a stop inside a token ("Z34.00", "v2.1", "e.g") does not end a sentence
_SENTENCE = regex.compile(r"(?:[^.!?\n]|[.!?](?=[^\s.!?]))+[.!?]*")


# Phrases with a person in the middle, which a word list cannot hold: "letting Marcus go",
# "putting her on a PIP".
_SOMEONE = r"[\p{L}'’]+(?:\s+[\p{L}'’]+)?"
_SLOT_TERMS = (
    ("hr", regex.compile(rf"(?i)\blet(?:ting|s)?\s+(?!it\b|this\b|that\b|me\b){_SOMEONE}\s+go\b(?!\s+(?:of|ahead|through|back|to))")),
    (
        "hr",
        regex.compile(
            rf"(?i)\bput(?:ting|s)?\s+{_SOMEONE}\s+on\s+(?:a\s+)?"
            r"(?:pip|performance\s+(?:improvement\s+)?plan|final\s+warning|garden\s+leave)\b"
        ),
    ),
    # "had her gallbladder out", "getting my tonsils removed"
    (
        "medical",
        regex.compile(
            r"(?i)\b(?:had|having|have|get|getting|got)\s+(?:my|his|her|their|your|our)\s+"
            r"(?:appendix|gall\s?bladder|tonsils|adenoids|wisdom\s+teeth|thyroid|uterus|ovar(?:y|ies)|spleen|kidney|prostate"
            r"|cataracts?|stitches|cast)\s+(?:out|removed|taken\s+out)\b"
        ),
    ),
    # an injury in everyday words: "broke her hip", "tore my ACL"
    (
        "medical",
        regex.compile(
            r"(?i)\b(?:broke|broken|fractured|sprained|twisted|tore|torn|dislocated|pulled)\s+(?:my|his|her|their|your|our)\s+"
            r"(?:hip|arm|leg|wrist|ankle|knee|shoulder|elbow|collarbone|rib|ribs|back|neck|foot|hand|finger|toe|nose|jaw|acl|meniscus"
            r"|achilles|hamstring|rotator cuff)\b"
        ),
    ),
    # an age given as the reason: "because I'm 58", "because she is over 60"
    (
        "protected_attribute",
        regex.compile(
            r"(?i)\bbecause\s+(?:i'?m|i\s+am|she'?s|he'?s|they'?re|she\s+is|he\s+is)\s+(?:over\s+|nearly\s+|almost\s+)?[1-9]\d"
            r"(?=\s*(?:$|[,.;!?)]|and\b|but\b|so\b|now\b|years?\s+old\b))"
        ),
    ),
)
_TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*")
_MAX_WORDS = 5


def _words(text: str) -> list[str]:
    return [t.replace("’", "'") for t in _TOKEN.findall(text.lower())]


@cache
def _vocabulary() -> dict[str, str]:
    """Every term (its words joined by one space) -> its category; thousands of terms,
    looked up by word n-grams rather than one huge alternation (which costs ms per text)."""
    out: dict[str, str] = {}
    for category in reversed(CATEGORIES):  # the first category listed wins a shared term
        terms = list(load_terms(f"disclosures/{category}.txt"))
        for extra in _EXTRA_TERMS.get(category, ()):
            terms += load_terms(extra)
        for term in terms:
            words = _words(term)
            if 0 < len(words) <= _MAX_WORDS:
                out[" ".join(words)] = category
    return out


@cache
def _first_words() -> frozenset[str]:
    return frozenset(term.split(" ", 1)[0] for term in _vocabulary())


@dataclass(frozen=True)
class Disclosure:
    """Special categories found in a record and whether the record is about a person."""

    categories: tuple[str, ...]  # special categories linked to a person in this record
    links: tuple[str, ...]  # why: self, family, named_person, private_conversation, ...


@lru_cache(maxsize=4096)  # window titles and button labels repeat on every event of a window
def special_terms(text: str) -> tuple[tuple[str, int, int], ...]:
    """(category, start, end) of every special-category term in `text` (whole words,
    case-insensitive, the longest term at each position)."""
    vocabulary, first_words = _vocabulary(), _first_words()
    spans = [(m.start(), m.end(), m.group().lower().replace("’", "'")) for m in _TOKEN.finditer(text)]
    found, i = [], 0
    while i < len(spans):
        if spans[i][2] not in first_words:  # no term starts with this word
            i += 1
            continue
        for n in range(min(_MAX_WORDS, len(spans) - i), 0, -1):
            key = " ".join(w for _, _, w in spans[i : i + n])
            if key in vocabulary:
                start, end = spans[i][0], spans[i + n - 1][1]
                if not _in_identifier(text, start, end):
                    found.append((vocabulary[key], start, end))
                i += n - 1
                break
        i += 1
    found += [(category, m.start(), m.end()) for category, pattern in _SLOT_TERMS for m in pattern.finditer(text)]
    return tuple(sorted(found, key=lambda t: t[1]))


def assess(fields: dict[str, str], context: dict[str, str | None], findings: list[Finding], personal_sites: bool) -> Disclosure:
    """The disclosure of one record: fields are its free text, context its app, title and
    URL; `personal_sites` is True when a policy context rule names the user's own account
    (patient portal, HR system, tax preparation, bank)."""
    chrome = " ".join(v for v in context.values() if v)
    record_links = set(_chrome_links(chrome))
    if personal_sites:
        record_links.add("personal_account")
    titles = [v.strip() for v in (context.get("window_title"), context.get("url"), context.get("app")) if v]
    sensitive_visit = bool(_SENSITIVE_SERVICES.search(chrome)) or any(_SENSITIVE_SERVICES.search(t) for t in titles)
    attribute_visit = any(_ATTRIBUTE_SERVICES.search(t) for t in titles)
    readers_own = not _ASSISTANT_APPS.search(context.get("app") or "")  # "your" is the reader's
    if any(f.entity_type in _RECORD_IDENTIFIERS for f in findings):
        record_links.add("identified_record")
    published = bool(_PUBLISHED.search(chrome))
    # an author's or reviewer's byline ("Medically reviewed by Dr. <name>") names no one the page is about
    findings = [f for f in findings if not (f.entity_type == "PERSON" and _BYLINE.search(_before(fields, f)))]
    named_anywhere = not published and any(f.entity_type == "PERSON" for f in findings)
    linked_categories: set[str] = set()
    links = set(record_links)
    for name, text in fields.items():
        names = [f for f in findings if f.field == name and f.entity_type == "PERSON"]
        for sentence in _SENTENCE.finditer(text):
            body = sentence.group()
            terms = [(c, sentence.start() + a, sentence.start() + b) for c, a, b in special_terms(body)]
            terms += [
                (_TOPIC_CATEGORY[f.entity_type], f.start, f.end)
                for f in findings
                if f.field == name and f.entity_type in _TOPIC_CATEGORY and sentence.start() <= f.start < sentence.end()
            ]
            if terms and technical_sentence(body, 0):
                # "my build is sick", "a union type": in talk about software only
                # specific terms count, not everyday words with a technical sense
                terms = [t for t in terms if _specific(text[t[1] : t[2]])]
            if not terms:
                continue
            found = _sentence_links(body, sentence.start(), sentence.end(), names)
            if published:
                found.discard("named_person")
            if readers_own and any(_YOUR_TERM.search(text[sentence.start() : start]) for _, start, _ in terms):
                found.add("addressed_reader")
            if _GENERAL.search(body) and not found:
                continue  # general knowledge, whatever the page around it
            if name == "target_text":
                found.add("own_action")  # what a user clicks is what they did: "Request parental leave"
            if named_anywhere:
                found.add("named_person")  # a case note: "Subject: <name>" a line above
            found |= record_links
            if found:
                links |= found
                linked_categories.update(c for c, _, _ in terms)
    if attribute_visit:
        linked_categories.add("protected_attribute")
        links.add("sensitive_visit")
    if sensitive_visit:
        linked_categories.add("medical")
        links.add("sensitive_visit")
    return Disclosure(tuple(sorted(linked_categories)), tuple(sorted(links)))


@lru_cache(maxsize=4096)
def _chrome_links(chrome: str) -> frozenset[str]:
    """The personal links an app, window title and URL make (they repeat across events)."""
    links = set()
    if _PRIVATE_APPS.search(chrome):
        links.add("private_conversation")
    if _PERSONAL_SEARCH.search(chrome):
        links.add("personal_search")
    if _OWN_PAGES.search(chrome) or _HEALTH_SERVICES.search(chrome):
        links.add("personal_account")
    return frozenset(links)


def _in_identifier(text: str, start: int, end: int) -> bool:
    """Part of a code identifier: `salary_band`, `leave.py`, `db.patients`, an argument or a
    call (`garnishment=0`, `diagnosis(`)."""
    before, after = text[start - 1 : start], text[end : end + 2]
    return (
        before in ("_", ".")
        or after[:1] in ("_", "(")
        or (after[:1] == "=" and after[1:2] != "=")
        or (after[:1] == "." and after[1:2].isalnum())
    )


def _specific(term: str) -> bool:
    """A term that means its special category even in talk about software: not one of
    the words with a technical or everyday sense (data/technical_senses.txt)."""
    return " ".join(_words(term)) not in _technical_senses()


@cache
def _technical_senses() -> frozenset[str]:
    return frozenset(" ".join(_words(t)) for t in load_terms("technical_senses.txt"))


def _sentence_links(body: str, start: int, end: int, names: list[Finding]) -> set[str]:
    found = set()
    if _SELF.search(body) or _SUBJECTLESS.match(body):
        found.add("self")
    if _FAMILY.search(body.strip()):
        found.add("family")
    if any(start <= f.start < end for f in names) or _OTHER_PERSON.search(body):
        found.add("named_person")
    return found
