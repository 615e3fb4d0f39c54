"""Envelope encryption of quarantined originals.

Each original gets a fresh AES-256-GCM data key; the data key is wrapped with the
reviewers' RSA public key (OAEP, SHA-256) and stored apart from the ciphertext, in a
key record that can be deleted. Workers hold the public key only: they can seal, not
open. Deleting the key record (purge, retention) makes the ciphertext unrecoverable.
"""

from __future__ import annotations

import base64
import os
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from pipeline.core.sealing import Sealed
from pipeline.errors import ConfigError, PiiStreamError

if TYPE_CHECKING:
    from pipeline.config import Settings

FORMAT = "envelope-v1"
ALGORITHM = "AES-256-GCM+RSA-OAEP-SHA256"
RSA_BITS = 3072
_OAEP = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


class DecryptError(PiiStreamError):
    """A held record cannot be opened (wrong key, purged, expired or altered)."""


def generate_key_pair(passphrase: str) -> tuple[bytes, bytes]:
    """A reviewer key pair: (private PEM encrypted with the passphrase, public PEM)."""
    if len(passphrase) < 12:
        raise ConfigError("the reviewer passphrase must be at least 12 characters")
    private = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    public_pem = private.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return private_pem, public_pem


def load_public_key(path: Path) -> rsa.RSAPublicKey:
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except FileNotFoundError:
        raise ConfigError(f"vault public key not found: {path} (PII_VAULT_PUBLIC_KEY)") from None
    except ValueError:
        raise ConfigError(f"{path} is not a PEM public key (PII_VAULT_PUBLIC_KEY)") from None
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < RSA_BITS:
        raise ConfigError(f"{path}: the vault key must be RSA of at least {RSA_BITS} bits")
    return key


def load_private_key(path: Path, passphrase: str | None) -> rsa.RSAPrivateKey:
    """The reviewer's private key; every failure is a clear error, never a traceback."""
    if not path.is_file():
        raise DecryptError(f"reviewer private key not found: {path} (PII_REVIEWER_PRIVATE_KEY)")
    if not passphrase:
        raise DecryptError("no passphrase for the reviewer private key (PII_REVIEWER_PASSPHRASE)")
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=passphrase.encode("utf-8"))
    except (ValueError, TypeError):
        raise DecryptError(f"cannot open the reviewer private key {path}: wrong passphrase or not a key") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise DecryptError(f"{path} is not an RSA private key")
    return key


def sealer_for(settings: Settings) -> Sealer:
    """The sealer of a worker or `scan`: the reviewers' public key is required."""
    if settings.vault_public_key is None:
        raise ConfigError(
            "PII_VAULT_PUBLIC_KEY is required: quarantined originals are encrypted for the "
            "reviewers (create a key pair with `pii-stream keys init`)"
        )
    return Sealer(load_public_key(settings.vault_public_key))


class Sealer:
    """What a worker holds: seals originals with fresh data keys for the reviewers."""

    def __init__(self, public_key: rsa.RSAPublicKey) -> None:
        self.public_key = public_key

    def seal(self, original: bytes, event_id: str | None) -> Sealed:
        key_id = uuid.uuid4().hex
        data_key = AESGCM.generate_key(bit_length=256)
        nonce = os.urandom(12)
        ciphertext = AESGCM(data_key).encrypt(nonce, original, _aad(key_id, event_id))
        content = {"format": FORMAT, "alg": ALGORITHM, "key_id": key_id, "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)}
        key_record = {
            "key_id": key_id,
            "event_id": event_id,
            "created_at": time.time(),
            "wrapped_key": _b64(self.public_key.encrypt(data_key, _OAEP)),
        }
        return Sealed(content, key_record)


def open_sealed(content: dict, key_record: dict, private_key: rsa.RSAPrivateKey, event_id: str | None, purpose: str = "") -> bytes:
    """Decrypt a held original (or, with `purpose`, what was sealed beside it under its
    key); raises DecryptError (no detail that could leak content)."""
    if content.get("format") != FORMAT:
        raise DecryptError(f"unsupported content format {content.get('format')!r}")
    key_id = content.get("key_id")
    if key_record.get("key_id") != key_id:
        raise DecryptError("the key record belongs to another held record")
    data_key = _data_key(key_record, private_key)
    try:
        return AESGCM(data_key).decrypt(
            base64.b64decode(content["nonce"]), base64.b64decode(content["ciphertext"]), _aad(key_id, event_id, purpose)
        )
    except (InvalidTag, ValueError, KeyError):
        raise DecryptError("decryption failed: wrong reviewer key or altered record") from None


def seal_beside(data: bytes, key_record: dict, private_key: rsa.RSAPrivateKey, event_id: str | None, purpose: str) -> dict:
    """Encrypt `data` under a held record's own data key (a reviewer's verdict on it): it
    is readable while the record is, and purging or erasing the record shreds it too."""
    key_id = key_record.get("key_id")
    nonce = os.urandom(12)
    ciphertext = AESGCM(_data_key(key_record, private_key)).encrypt(nonce, data, _aad(key_id, event_id, purpose))
    return {"format": FORMAT, "alg": ALGORITHM, "key_id": key_id, "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)}


def _data_key(key_record: dict, private_key: rsa.RSAPrivateKey) -> bytes:
    """A held record's data key, unwrapped with the reviewers' private key."""
    try:
        return private_key.decrypt(base64.b64decode(key_record["wrapped_key"]), _OAEP)
    except (ValueError, KeyError):
        raise DecryptError("decryption failed: wrong reviewer key or altered record") from None


def _aad(key_id: str | None, event_id: str | None, purpose: str = "") -> bytes:
    # Binds the ciphertext to its record (moving it under another id fails to decrypt) and
    # to what it is (a verdict cannot be passed off as the original).
    return f"pii-stream/{FORMAT}/{key_id}/{event_id or ''}".encode() + (f"/{purpose}".encode() if purpose else b"")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
