"""The hash-chained audit log of review actions (`pii.audit`).

Each entry names who did what to which record, when, why and with what outcome, and
carries the hash of the entry before it; its own hash covers all of that. Altering an
entry breaks its hash, removing one breaks the sequence and the chain, and removing
the first entries leaves a chain that does not start at the genesis.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

GENESIS = "0" * 64
ACTIONS = ("show", "release", "purge", "export", "expire", "decrypt_failed")


def entry_hash(entry: dict) -> str:
    body = {k: v for k, v in entry.items() if k != "hash"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def next_entry(
    previous: dict | None, actor: str, action: str, target: str, reason: str | None, outcome: str, now: datetime | None = None
) -> dict:
    """The entry that follows `previous` (None for the first entry of a log)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = {
        "seq": 0 if previous is None else previous["seq"] + 1,
        "ts": (now or datetime.now(timezone.utc)).isoformat(timespec="milliseconds"),
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

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(entries: list[tuple[str, dict | None]]) -> Verdict:
    """Check a log given as (position, entry or None if unparsable) in log order."""
    problems: list[str] = []
    previous: dict | None = None
    for position, entry in entries:
        if not isinstance(entry, dict) or not {"seq", "prev", "hash"} <= entry.keys():
            problems.append(f"{position}: not an audit entry")
            continue
        if entry_hash(entry) != entry["hash"]:
            problems.append(f"{position}: entry seq {entry['seq']} was altered (its hash does not match)")
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
    return Verdict(len(entries), problems)
