"""Shared fixtures. The detector loads spaCy once per session (about 2 s)."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("PII_PSEUDONYM_KEY", "test-only-pseudonym-key-0123456789")

from pipeline.config import load_settings  # noqa: E402
from pipeline.core.processor import Pipeline  # noqa: E402
from pipeline.vault.crypto import generate_key_pair, sealer_for  # noqa: E402


@dataclass(frozen=True)
class VaultKeys:
    private: Path
    public: Path
    passphrase: str = "test-only-reviewer-passphrase"

    def reviewer_env(self, name: str = "test-reviewer") -> dict[str, str]:
        """What a reviewer's shell has on top of a worker's (public key) environment."""
        return {"PII_REVIEWER": name, "PII_REVIEWER_PRIVATE_KEY": str(self.private), "PII_REVIEWER_PASSPHRASE": self.passphrase}


def _make_vault_keys() -> VaultKeys:
    """One synthetic reviewer key pair per test run; workers and scans get the public key
    through the environment, reviewers' commands add the private key explicitly."""
    directory = Path(tempfile.mkdtemp(prefix="pii-vault-keys-"))
    keys = VaultKeys(directory / "reviewer.key", directory / "reviewer.pub")
    private_pem, public_pem = generate_key_pair(keys.passphrase)
    keys.private.write_bytes(private_pem)
    keys.public.write_bytes(public_pem)
    return keys


VAULT_KEYS = _make_vault_keys()
os.environ["PII_VAULT_PUBLIC_KEY"] = str(VAULT_KEYS.public)


@pytest.fixture(scope="session")
def vault_keys() -> VaultKeys:
    return VAULT_KEYS


@pytest.fixture(scope="session")
def settings():
    return load_settings()


@pytest.fixture(scope="session")
def reviewer_settings(vault_keys):
    return load_settings(reviewer="test-reviewer", reviewer_private_key=vault_keys.private, reviewer_passphrase=vault_keys.passphrase)


@pytest.fixture(scope="session")
def pipeline(settings):
    return Pipeline.from_settings(settings, sealer_for(settings))


def event(kind: str = "prompt", **fields) -> dict:
    """A valid input event of `kind` with overridable fields (synthetic values only)."""
    base = {
        "event_id": fields.pop("event_id", "ev-1"),
        "kind": kind,
        "ts": "2026-06-18T14:03:07Z",
        "user_id": "user-001",
        "app": "ChatGPT",
        "window_title": "ChatGPT",
    }
    if kind in ("prompt", "screen_text"):
        base["text"] = "Refactor this function to use async/await."
    if kind == "click":
        base.update({"x": 10, "y": 20, "button": "left", "target_text": "Submit"})
    if kind == "keystroke":
        base.update({"session_id": "s-1", "field_id": "f-1", "key": "a"})
    base.update(fields)
    return base


def raw(obj: dict) -> bytes:
    return json.dumps(obj).encode("utf-8")
