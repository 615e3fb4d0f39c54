"""What the core path needs of the vault: something that seals an original for the
reviewers. The vault (`pipeline/vault/crypto.py`) implements it; the core never
imports the vault."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Sealed:
    content: dict  # goes into the quarantine record: ciphertext, never the data key
    key_record: dict  # goes to the key store: the wrapped data key, deletable


class Sealer(Protocol):
    def seal(self, original: bytes, event_id: str | None) -> Sealed: ...
