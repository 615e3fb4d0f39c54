"""Phone numbers in the formats of many countries, found by their form.

A candidate is a run of digit groups with one kind of separator (space, dash, dot), an
optional `+`/`00` country prefix, an optional `(area)` and extension. Dates, times,
versions and IP addresses have other forms and are excluded; a `+` number must also be
possible for its country code (`phonenumbers`).
"""

from __future__ import annotations

import phonenumbers
import regex
from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer, unescape_newlines

_DATE = regex.compile(r"^(?:\d{4}([-./])\d{1,2}\1\d{1,2}|\d{1,2}([-./])\d{1,2}\2(?:\d{4}|\d{2}))$")
_SSN_SHAPE = regex.compile(r"^\d{3}([- ])\d{2}\1\d{4}$")  # SSN/ITIN form, not a phone
_IPV4 = regex.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_EXTENSION = regex.compile(r"\s?(?:x|ext\.?)\s?(?=\d+$)")
_DIGIT_GROUP = regex.compile(r"\d+")
_SEPARATOR = regex.compile(r"[ .-]")
_SEPARATORS = regex.compile(r"[ .-]+")
_AREA_CODE = regex.compile(r"^\(\d+\)\s?")
# an account number in IBAN form (country, check digits, groups of four): its digit groups
# are not a phone number even when its checksum fails (the IBAN recognizer judges those)
_IBAN_SHAPED = regex.compile(r"\b[A-Z]{2}\d{2}(?: {0,2}[A-Za-z0-9]{1,4}){2,9}\b")


class InternationalPhoneRecognizer(ConstantPatternRecognizer):
    """Grouped digits shaped like a phone number: 7-15 digits, 6+ with a `+` prefix."""

    # it matches the text with literal "\\n" turned into line breaks: such texts are not gated
    UNGATED_ON = "\\n"

    ENTITY = "PHONE_NUMBER"
    MIN_DIGITS = 6
    CONTEXT = [
        "phone",
        "tel",
        "mobile",
        "cell",
        "call",
        "ring",
        "fax",
        "office",
        "whatsapp",
        "number",
        "reach",
        "desk",
        "direct",
        "contact",
    ]
    _GROUP_SEP = r"(?:[ .-]|\s?-\s?)"
    PATTERNS = [
        Pattern(
            "phone_international",
            r"(?<![\w+])(?:\+|00)\d{1,3}[ .-]?(?:\(0?\d{1,4}\)[ .-]?)?\d{1,5}(?:[ .-]?\d{1,5}){0,5}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w]|\.\d)",
            0.7,
        ),
        Pattern(
            "phone_grouped",
            r"(?<![\w.:/+#-])(?:\(\d{1,5}\)[\s-]?|\d{1,5}[ .-])(?:\d{2,5}[ .-]){0,4}\d{2,8}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w]|[.,:/-]\d)",
            0.55,
        ),
        # the North American 3-3-4 form on its own: also after a longer digit run (a ZIP code)
        # that made the grouped candidate too long, or glued to a word ("is415-555-0132")
        Pattern(
            "phone_nanp", r"(?<![\d.+/:#-])(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w-]|\.\d)", 0.6
        ),
        # a bare run of 10-11 digits is only a phone next to a phone word (context lifts it)
        Pattern("phone_bare_digits", r"(?<![\w.+-])\(?0?\d{3,5}\)?\d{6,8}(?![\w]|-\d|\.\d)", 0.15),
        # ...or right after a cue to call or message someone: "call me at 4155550132", "text
        # me 07700900123" ("call" is a stop word to spaCy, so context words never see it)
        Pattern(
            "phone_after_cue",
            r"(?i)(?<=\b(?:call|text|ring|phone|sms|dial|reach|whatsapp|message)(?:\s+(?:me|us|him|her|them))?"
            r"(?:\s+(?:at|on))?\s+)\(?0?\d{3,5}\)?\d{6,8}(?![\w]|-\d|\.\d)",
            0.6,
        ),
    ]

    def analyze(self, text: str, entities, *args, **kwargs):
        text = unescape_newlines(text)
        results = super().analyze(text, entities, *args, **kwargs)
        accounts = [m.span() for m in _IBAN_SHAPED.finditer(text)] if results else []
        if not accounts:
            return results
        return [r for r in results if not any(s <= r.start and r.end <= e for s, e in accounts)]

    def validate_result(self, pattern_text: str) -> bool | None:
        text = pattern_text.strip()
        main = _EXTENSION.split(text)[0]
        digits = "".join(c for c in main if c.isdigit())
        if _DATE.match(main) or _IPV4.match(main) or _SSN_SHAPE.match(main):
            return False
        if text.startswith(("+", "00")):
            if not 6 <= len(digits) <= 15:
                return False
            try:
                parsed = phonenumbers.parse("+" + digits.removeprefix("00") if text.startswith("00") else main, None)
            except phonenumbers.NumberParseException:
                return False
            return None if phonenumbers.is_possible_number(parsed) or len(digits) >= 8 else False
        groups = _DIGIT_GROUP.findall(main)
        if len(groups) == 1 or (main.startswith("(") and len(groups) == 2 and not _SEPARATOR.search(main)):
            return None if 10 <= len(digits) <= 11 else False
        seps = set(_SEPARATORS.findall(_AREA_CODE.sub("", main)))
        if not 7 <= len(digits) <= 13 and not (len(digits) == 6 and len(groups) == 3):
            return False
        if len(groups) < 2 or len(seps) > 2:
            return False
        if "." in "".join(seps) and min(len(g) for g in groups) < 2:
            return False  # versions: 4.11.2.6
        return None
