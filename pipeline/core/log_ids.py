"""Ids as they may appear in a log line or on a terminal.

An id comes from the input: a collector may put anything in it, an e-mail address, an
SSN or terminal escape sequences. Log lines carry an id as it came only when it is
short printable ASCII without the shape of personal data; any other id is shown as a
short hash of itself (the same id always gives the same hash, so lines still correlate).
"""

from __future__ import annotations

import hashlib
import re

MAX_CHARS = 64
_PRINTABLE = re.compile(rf"[\x21-\x7e]{{1,{MAX_CHARS}}}")  # no space, no control character
# an e-mail, a long number, an SSN: searched for, never shown (input ids and app names too)
PERSONAL_SHAPE = r"@|\d{9}|\d{3}[- ]\d{2}[- ]\d{4}"
_PERSONAL_SHAPE = re.compile(PERSONAL_SHAPE)


def log_id(value: object) -> str:
    """`value` (an event, session or device id) fit for a log line or a terminal."""
    if value is None:
        return "-"
    if isinstance(value, str) and _PRINTABLE.fullmatch(value) and not _PERSONAL_SHAPE.search(value):
        return value
    text = value if isinstance(value, str) else repr(value)
    return "#" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
