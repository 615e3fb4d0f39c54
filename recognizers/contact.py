"""Contact data: e-mail addresses and US street addresses."""

import re

import tldextract
from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from recognizers.base import ConstantPatternRecognizer, load_terms

# --- Email addresses, validated offline (Presidio's own checks fetch a suffix list).
# No network at run time: use the public-suffix snapshot bundled with tldextract.
_OFFLINE_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's EmailRecognizer whose TLD check never touches the network."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("name", "EmailRecognizer")
        super().__init__(**kwargs)

    def validate_result(self, pattern_text: str) -> bool | None:
        if _OFFLINE_EXTRACT(pattern_text).fqdn != "":
            return True
        # Internal domains (corp.local, acme.internal) are no public suffix but still
        # someone's address: kept at the pattern's own score.
        return None if _INTERNAL_DOMAIN.search(pattern_text) else False


_INTERNAL_DOMAIN = re.compile(r"@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}$")


# --- US street addresses and PO boxes, with optional unit, city, state and ZIP.
_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|"
    "NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|AA|AE|AP|PR|GU|VI|AS|MP"
)


def _suffix_regex() -> str:
    suffixes = sorted(load_terms("street_suffixes.txt"), key=len, reverse=True)
    return "(?:" + "|".join(suffixes) + r")\.?"


class UsAddressRecognizer(ConstantPatternRecognizer):
    """A house number, street words and a USPS street suffix; the unit and
    'City, ST 12345' tail are included when present. Military and PO box forms too."""

    ENTITY = "STREET_ADDRESS"
    MIN_DIGITS = 1  # house numbers, box numbers, ZIP codes
    CONTEXT = ["address", "live", "lives", "ship", "mail", "street", "apt", "home"]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("patterns", self.default_patterns())
        super().__init__(**kwargs)

    @staticmethod
    def default_patterns() -> list[Pattern]:
        suffix = _suffix_regex()
        unit = r"(?:,?\s+(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|#|Fl\.?|Floor|Rm\.?)\s*[A-Za-z0-9-]+)?"
        town = r",?\s+[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,2},?\s+"
        # a US state and ZIP code, or a British or Canadian postcode ("Leeds LS6 2AB")
        postcode = r"(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)\b"
        tail = rf"(?:{town}(?:(?:{_STATES})(?:\s+\d{{5}}(?:-\d{{4}})?)?|{postcode}))?"
        # a flat or unit written before the street ("Flat 4B, 22 Elm Road")
        unit_before = r"(?:\b(?:Flat|Apt\.?|Apartment|Unit|Suite)\s+[A-Za-z0-9-]{1,5},?\s+)?"
        street = rf"\b\d{{1,6}}[A-Z]?\s+(?:[NSEW]\.?\s+|North\s+|South\s+|East\s+|West\s+)?(?:[A-Z][a-z]+\s+|\d{{1,3}}(?:st|nd|rd|th)\s+){{1,3}}{suffix}"
        return [
            Pattern("street_address", rf"{unit_before}{street}(?![a-z]){unit}{tail}", 0.7),
            Pattern("po_box", rf"(?i)\bP\.?\s?O\.?\s+Box\s+\d{{1,6}}{tail}", 0.7),
            Pattern(
                "military",
                r"\b(?:USNS|USNV|USS|USCGC|PSC|Unit)\s+[A-Za-z0-9]+(?:,\s+Box\s+\d+)?,?\s+(?:FPO|APO|DPO)\s+(?:AA|AE|AP)\s+\d{5}",
                0.7,
            ),
            Pattern("city_state_zip", rf"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}},\s+(?:{_STATES})\s+\d{{5}}(?:-\d{{4}})?\b", 0.6),
        ]


# --- E-mail addresses written out to dodge scrapers: "jane.doe at example dot com",
# "jdoe [at] example [dot] org". The top-level domain must be a common one, so prose
# ("meet at noon") never matches.
_AT = r"(?:\s*[\[(]\s*at\s*[\])]\s*|\s*＠\s*)"
# a plain " at " only after a local part that reads as one (a dot, digit, _ or +): "jane.doe at"
# or with its own dots spelled out: "jane dot doe at"
_LOCAL_WITH_PLAIN_AT = (
    r"[a-z0-9]+[._+-][a-z0-9._+-]*\s+at\s+|[a-z][a-z._+-]*\d[a-z0-9._+-]*\s+at\s+|[a-z0-9]+(?:\s+dot\s+[a-z0-9]+)+\s+at\s+"
)
_DOT = r"(?:\s+dot\s+|\s*[\[(]\s*dot\s*[\])]\s*)"
_TLDS = r"(?:com|org|net|edu|gov|io|co|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|br|in|au|ca|jp|info|biz|me|us|eu)"


class SpelledOutEmailRecognizer(ConstantPatternRecognizer):
    """An e-mail address with `at` and `dot` written as words or in brackets."""

    ENTITY = "EMAIL_ADDRESS"
    PREFILTER = re.compile(r"(?i)\bdot\b|[\[(]\s*dot\s*[\])]")
    PATTERNS = [
        Pattern(
            "email_spelled_out",
            rf"(?i)(?<![\w.+-])(?:[a-z0-9][a-z0-9._+-]{{0,63}}{_AT}|{_LOCAL_WITH_PLAIN_AT})"
            rf"[a-z0-9][a-z0-9-]{{0,62}}(?:{_DOT}[a-z0-9][a-z0-9-]{{0,62}})*{_DOT}{_TLDS}\b",
            0.75,
        )
    ]
    CONTEXT = ["email", "e-mail", "mail", "write", "contact", "reach"]


CONTACT = (
    OfflineEmailRecognizer,
    SpelledOutEmailRecognizer,
    UsAddressRecognizer,
)
