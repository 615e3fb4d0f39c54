"""Synthetic test data: input events and a reviewer key pair (no real personal data)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.vault.crypto import generate_key_pair

PSEUDONYM_KEY = "test-only-pseudonym-key-0123456789"


@dataclass(frozen=True)
class VaultKeys:
    private: Path
    public: Path
    passphrase: str = "test-only-reviewer-passphrase"

    def reviewer_env(self, name: str = "test-reviewer") -> dict[str, str]:
        """What a reviewer's shell has on top of a worker's (public key) environment."""
        return {"PII_REVIEWER": name, "PII_REVIEWER_PRIVATE_KEY": str(self.private), "PII_REVIEWER_PASSPHRASE": self.passphrase}


def make_vault_keys(directory: Path) -> VaultKeys:
    """A synthetic reviewer key pair in `directory`."""
    keys = VaultKeys(directory / "reviewer.key", directory / "reviewer.pub")
    private_pem, public_pem = generate_key_pair(keys.passphrase)
    keys.private.write_bytes(private_pem)
    keys.public.write_bytes(public_pem)
    return keys


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
