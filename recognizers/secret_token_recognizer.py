"""API keys and tokens, using detect-secrets' regex plugins for the formats they know."""

from __future__ import annotations

import importlib
import pkgutil

import detect_secrets.plugins
from detect_secrets.plugins.base import RegexBasedDetector
from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer

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
                for i, regex in enumerate(obj.denylist):
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
