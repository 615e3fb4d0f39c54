"""Credentials: passwords in context, private keys, API keys and tokens."""

from __future__ import annotations

import importlib
import pkgutil
import re

import detect_secrets.plugins
from detect_secrets.plugins.base import RegexBasedDetector
from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer


# --- Passwords, passcodes and PINs stated in context ('password: X', 'my pw is X').
class PasswordRecognizer(ConstantPatternRecognizer):
    """The token after password vocabulary; the vocabulary alone finds nothing."""

    # the pattern's look-behind needs one of these words: texts without them are skipped
    PREFILTER = re.compile(r"(?i)\b(?:password|passwd|pwd|pw|passcode|passphrase|pin|login|wifi\s+key)\b")

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


# --- PEM private key blocks, header to footer (or to the end when truncated).
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


# --- API keys and tokens, using detect-secrets' regex plugins for the formats they know.
# Plugins that are not credentials, or whose patterns flag ordinary text.
_SKIPPED_PLUGINS = {"IPPublicDetector", "BasicAuthDetector"}


def detect_secrets_patterns() -> list[Pattern]:
    """One Presidio pattern per denylist regex of every detect-secrets regex plugin."""
    patterns = []
    for module_info in pkgutil.iter_modules(detect_secrets.plugins.__path__):
        module = importlib.import_module(f"detect_secrets.plugins.{module_info.name}")
        for name, obj in vars(module).items():
            if (
                isinstance(obj, type)
                and issubclass(obj, RegexBasedDetector)
                and obj is not RegexBasedDetector
                and obj.__module__ == module.__name__
                and name not in _SKIPPED_PLUGINS
            ):
                for i, regex in enumerate(obj.denylist):  # type: ignore[arg-type,var-annotated]
                    patterns.append(Pattern(f"{name}_{i}", regex.pattern, 0.9))
    return patterns


class SecretTokenRecognizer(ConstantPatternRecognizer):
    """Cloud, SaaS and CI tokens (AWS, GitHub, Slack, Stripe, OpenAI, JWT, ...) plus bearer tokens."""

    ENTITY = "API_KEY"
    PATTERNS = [
        Pattern("bearer_token", r"(?i)(?<=\bbearer\s)[A-Za-z0-9\-._~+/]{20,}=*", 0.85),
        Pattern(
            "assigned_secret",
            r"(?i)(?<=\b(?:api[_-]?key|secret(?:[_-]?key)?|access[_-]?token|auth[_-]?token|client[_-]?secret)"
            r"[\"']?\s*[:=]\s*[\"']?)[A-Za-z0-9\-_.+/]{16,}",
            0.85,
        ),
        # Google OAuth refresh tokens: '1//' and a long url-safe tail.
        Pattern("google_refresh_token", r"(?<![\w/])1//0[A-Za-z0-9_-]{30,}", 0.9),
        Pattern("basic_auth_url", r"(?<=://)[^:/?#\s@]+:[^:/?#\s@]+(?=@)", 0.9),
    ]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("patterns", self.PATTERNS + detect_secrets_patterns())
        super().__init__(**kwargs)


CREDENTIALS = (
    PasswordRecognizer,
    PrivateKeyRecognizer,
    SecretTokenRecognizer,
)
