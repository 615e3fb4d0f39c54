"""Encryption of the worker's keystroke-session state.

Half-typed segments live in a faust table whose changelog is a Kafka topic; in clear
they would put typed text on the broker's disk. Workers encrypt each session's state
with AES-256-GCM under a key derived from their pseudonym secret (HKDF), bound to the
session id. Only workers, which read the raw topics anyway, can read it back.
"""

from __future__ import annotations

import base64
import json
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MARK = "sealed-state-v1"


class StateCipher:
    def __init__(self, secret: bytes) -> None:
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"pii-stream/session-state/v1").derive(secret)
        self._aead = AESGCM(key)

    def seal(self, session: str, state: dict) -> dict:
        nonce = os.urandom(12)
        data = self._aead.encrypt(nonce, json.dumps(state, sort_keys=True).encode("utf-8"), session.encode("utf-8"))
        return {"format": MARK, "nonce": base64.b64encode(nonce).decode(), "data": base64.b64encode(data).decode()}

    def open(self, session: str, stored: dict | None) -> dict | None:
        """The session's state; a state stored in clear by an older worker is read as is
        (it is rewritten sealed). A wrong key raises: the worker stops, nothing is lost."""
        if stored is None or stored.get("format") != MARK:
            return stored
        nonce, data = base64.b64decode(stored["nonce"]), base64.b64decode(stored["data"])
        return json.loads(self._aead.decrypt(nonce, data, session.encode("utf-8")))
