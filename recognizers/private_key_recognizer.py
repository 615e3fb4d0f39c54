"""PEM private key blocks, header to footer (or to the end when truncated)."""

import re

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer


class PrivateKeyRecognizer(ConstantPatternRecognizer):
    """-----BEGIN ... PRIVATE KEY----- through its END line, or the rest of the text."""

    PREFILTER = re.compile("PRIVATE KEY|PuTTY-User-Key-File")

    ENTITY = "PRIVATE_KEY"
    PATTERNS = [
        Pattern(
            "pem_private_key",
            r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----(?:.*?-----END (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----|.*\Z)",
            1.0,
        ),
        Pattern("putty_key", r"PuTTY-User-Key-File-\d:.*?(?:Private-MAC: \S+|\Z)", 1.0),
    ]
