"""A password typed into a sign-in page: one token, no spaces, letters with digits or symbols.

Keystrokes into a field the collector did not mark `secure_field` still carry passwords
when the page is a login; the reassembled segment is dropped as a credential.
"""

from __future__ import annotations

import regex

_SIGN_IN = regex.compile(r"(?i)\b(?:sign[ -]?in|log[ -]?in|signin|login|password|passcode|unlock|authenticate)\b")
_SECRET_SHAPE = regex.compile(r"^(?=.*\p{L})(?=.*[\d\W_])\S{6,128}$")


def typed_password(kind: str, text: str | None, context: dict[str, str | None]) -> bool:
    """True when typed text on a sign-in page is shaped like a password."""
    if kind != "typed_text" or not text:
        return False
    chrome = " ".join(v for v in context.values() if v)
    return bool(_SIGN_IN.search(chrome)) and bool(_SECRET_SHAPE.match(text.strip()))
