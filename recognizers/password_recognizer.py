"""Passwords, passcodes and PINs stated in context ('password: X', 'my pw is X')."""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer


class PasswordRecognizer(ConstantPatternRecognizer):
    """The token after password vocabulary; the vocabulary alone finds nothing."""

    ENTITY = "PASSWORD"
    PATTERNS = [
        Pattern(
            "password_in_context",
            r"(?i)(?<=\b(?:password|passwd|pwd|pw|passcode|passphrase|pin|login|wifi\s+key)\b"
            r"(?:\s+(?:is|was|=|:|to|for(?:\s+\S+){1,3}\s+is))?\s*[:=]?\s*[\"']?)"
            r"(?![:=])(?=\S*[\d!@#$%^&*_\-+=?])(?!(?:is|was|to|for|reset|manager|policy|expired?|field|"
            r"change|changed|required|protected)\b)[^\s\"']{3,63}[^\s\"',.;:)]",
            0.8,
        )
    ]
    CONTEXT = ["password", "pw", "passcode", "login", "credentials"]
