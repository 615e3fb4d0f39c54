"""The hash-chained, signed audit log of review actions (`pii.audit`).

Each entry names who did what to which record, when, why and with what outcome, and
carries the hash of the entry before it; its own hash covers all of that, and its `sig`
is the reviewers' RSA-PSS signature of that hash. Altering an entry breaks its hash,
removing one breaks the sequence and the chain, removing the first entries leaves a
chain that does not start at the genesis, and rewriting the whole chain needs the
reviewers' private key: whoever can only write the file (or the topic) cannot make
entries that verify. Anyone with the public key can verify.

A log kept in a directory also has a signed head (the last entry's seq and hash): a log
cut short at its end no longer reaches its head. Rolling the head back together with the
log needs an older head; an auditor who notes the head they saw (`audit verify` prints
it) can check later logs against it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

GENESIS = "0" * 64
ACTIONS = ("show", "release", "purge", "export", "expire", "replay", "erase", "verdict", "export_labels", "decrypt_failed")
_PSS = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.MAX_LENGTH)


def entry_hash(entry: dict) -> str:
    body = {k: v for k, v in entry.items() if k not in ("hash", "sig")}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _sign(message: str, key: rsa.RSAPrivateKey) -> str:
    return base64.b64encode(key.sign(message.encode("ascii"), _PSS, hashes.SHA256())).decode("ascii")


def _signed_by(message: str, signature: object, key: rsa.RSAPublicKey) -> bool:
    if not isinstance(signature, str):
        return False
    try:
        key.verify(base64.b64decode(signature, validate=True), message.encode("ascii"), _PSS, hashes.SHA256())
    except (InvalidSignature, ValueError):
        return False
    return True


def sign(entry: dict, key: rsa.RSAPrivateKey) -> dict:
    """The entry with the reviewers' signature of its hash."""
    return {**entry, "sig": _sign(entry["hash"], key)}


def _head_message(seq: object, digest: object) -> str:
    return f"head:{seq}:{digest}"


def head_of(entry: dict, key: rsa.RSAPrivateKey) -> dict:
    """The signed head of a log whose last entry is `entry`."""
    return {"seq": entry["seq"], "hash": entry["hash"], "sig": _sign(_head_message(entry["seq"], entry["hash"]), key)}


def next_entry(
    previous: dict | None, actor: str, action: str, target: str, reason: str | None, outcome: str, now: datetime | None = None
) -> dict:
    """The entry that follows `previous` (None for the first entry of a log)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = {
        "seq": 0 if previous is None else previous["seq"] + 1,
        "ts": (now or datetime.now(UTC)).isoformat(timespec="milliseconds"),
        "actor": actor,
        "action": action,
        "target": target,
        "reason": reason,
        "outcome": outcome,
        "prev": GENESIS if previous is None else previous["hash"],
    }
    entry["hash"] = entry_hash(entry)
    return entry


@dataclass(frozen=True)
class Verdict:
    entries: int
    problems: list[str]
    last_seq: int | None = None  # what an auditor notes to check later logs against
    last_hash: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(
    entries: list[tuple[str, dict | None]],
    key: rsa.RSAPublicKey | None = None,
    head: dict | None = None,
    head_expected: bool = False,
) -> Verdict:
    """Check a log given as (position, entry or None if unparsable) in log order; with the
    reviewers' public key, every entry's signature and the log's signed head too."""
    problems: list[str] = []
    previous: dict | None = None
    by_seq: dict[int, dict] = {}
    for position, entry in entries:
        if not isinstance(entry, dict) or not {"seq", "prev", "hash"} <= entry.keys():
            problems.append(f"{position}: not an audit entry")
            continue
        if entry_hash(entry) != entry["hash"]:
            problems.append(f"{position}: entry seq {entry['seq']} was altered (its hash does not match)")
        elif key is not None and not _signed_by(entry["hash"], entry.get("sig"), key):
            problems.append(
                f"{position}: entry seq {entry['seq']} is not signed with the reviewers' key (written or rewritten without it)"
            )
        by_seq.setdefault(entry["seq"], entry)
        expected_seq = 0 if previous is None else previous["seq"] + 1
        if entry["seq"] != expected_seq:
            if previous is None:
                problems.append(f"{position}: the log starts at seq {entry['seq']}: entries 0..{entry['seq'] - 1} are missing")
            elif entry["seq"] > expected_seq:
                problems.append(f"{position}: entries seq {expected_seq}..{entry['seq'] - 1} are missing")
            else:
                problems.append(f"{position}: seq {entry['seq']} repeats or goes back (expected {expected_seq})")
        elif entry["prev"] != (GENESIS if previous is None else previous["hash"]):
            problems.append(f"{position}: entry seq {entry['seq']} does not chain to the entry before it")
        previous = entry
    if key is not None and head is not None:
        problems += _head_problems(head, by_seq, previous, key)
    elif key is not None and head is None and previous is not None and head_expected:
        problems.append("head: the log has no signed head (removed?): whether entries were cut from its end cannot be told")
    last = (previous["seq"], previous["hash"]) if previous is not None else (None, None)
    return Verdict(len(entries), problems, *last)


def _head_problems(head: dict, by_seq: dict[int, dict], last: dict | None, key: rsa.RSAPublicKey) -> list[str]:
    seq, digest = head.get("seq"), head.get("hash")
    if not _signed_by(_head_message(seq, digest), head.get("sig"), key):
        return ["head: the log's head is not signed with the reviewers' key"]
    if not isinstance(seq, int) or last is None or seq > last["seq"]:
        end = "is empty" if last is None else f"ends at seq {last['seq']}"
        return [f"head: the log {end} but its signed head names seq {seq}: entries were cut from its end"]
    if by_seq.get(seq, {}).get("hash") != digest:
        return [f"head: entry seq {seq} is not the entry the signed head names"]
    return []
