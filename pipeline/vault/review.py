"""Review operations on held records: list, show, release, purge, expire, export, stats.

Every action that touches content (show, release, export with content), every purge
and every failed decrypt is appended to the audit log before its result is returned;
if the audit write fails, the content is not returned.
"""

from __future__ import annotations

import dataclasses
import getpass
import json
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

from pipeline.config import Settings
from pipeline.core.detection import DetectionFailure
from pipeline.core.events import Event
from pipeline.errors import PiiStreamError
from pipeline.vault import audit
from pipeline.vault.crypto import DecryptError, load_private_key, load_public_key, open_sealed, seal_beside
from pipeline.vault.labels import text_fields
from pipeline.vault.store import VaultError, VaultStore

if TYPE_CHECKING:
    from pipeline.core.processor import Pipeline
    from pipeline.core.schemas import CleanRecord

DAY_S = 86_400.0
MIN_PREFIX = 8  # shortest hold-id prefix `find` accepts


def short_ids(ids: list[str]) -> dict[str, str]:
    """Each id's shortest prefix (at least MIN_PREFIX characters) that no other id starts
    with: one more character than it shares with its neighbours in sorted order."""
    ordered = sorted(set(ids))
    shared = [len(os.path.commonprefix([a, b])) for a, b in zip(ordered, ordered[1:])]
    out = {}
    for n, i in enumerate(ordered):
        needed = max(shared[n - 1] if n else 0, shared[n] if n < len(shared) else 0) + 1
        out[i] = i[: max(MIN_PREFIX, needed)]
    return out


EVENT_FIELDS = {f.name for f in dataclasses.fields(Event)}


@dataclass(frozen=True)
class Missed:
    """A value detection missed: its type and where it is in the original's field."""

    entity_type: str
    field: str
    start: int
    end: int


class ReviewError(PiiStreamError):
    """A review action was refused (no reason given, no such record, nothing to release)."""


@dataclass(frozen=True)
class Hold:
    record: dict
    key_id: str | None
    status: str  # held | purged | expired
    age_days: float | None

    @property
    def event_id(self) -> str:
        return self.record.get("event_id") or "-"


class Review:
    def __init__(self, settings: Settings, store: VaultStore, now: Callable[[], float] = time.time) -> None:
        self.settings = settings
        self.store = store
        self.now = now
        self.retention_s = settings.quarantine_retention_days * DAY_S
        self.actor = settings.reviewer or f"unidentified:{getpass.getuser()}"
        self._private_key: RSAPrivateKey | None = None
        self._keys: dict[str, dict | None] | None = None  # one read of the key store per command

    # -- metadata only -------------------------------------------------------
    def holds(self) -> list[Hold]:
        keys = self._keys = self.store.keys()
        out = []
        for record in self.store.held():
            key_id = (record.get("content") or {}).get("key_id")
            key = keys.get(key_id) if key_id else None
            created = key.get("created_at") if key else None
            age = (self.now() - created) / DAY_S if created else None
            if key is None:
                status = "purged" if key_id in keys else "expired"
            elif created is None or self.now() - created > self.retention_s:
                status = "expired"
            else:
                status = "held"
            out.append(Hold(record, key_id, status, age))
        return out

    def find(self, hold_id: str) -> list[Hold]:
        """The held copies of an event id or hold id, or of a hold id's unique prefix
        (`list` shows hold ids shortened to one)."""
        holds = self.holds()
        found = [h for h in holds if hold_id in (h.record.get("event_id"), h.key_id)]
        if not found and len(hold_id) >= MIN_PREFIX:
            found = [h for h in holds if h.key_id and h.key_id.startswith(hold_id)]
            if len({h.key_id for h in found}) > 1:
                raise ReviewError(f"{hold_id} is the start of {len(found)} hold ids: give more of it")
        if not found:
            raise ReviewError(f"no held record with id {hold_id}")
        return found

    def stats(self) -> dict[str, Counter]:
        holds = self.holds()
        return {
            "reason": Counter(r for h in holds for r in headline_reasons(h.record.get("reasons") or [])),
            "category": Counter(c for h in holds for c in (h.record.get("sensitivity") or {}).get("categories", [])),
            "kind": Counter(h.record.get("kind") or "unknown" for h in holds),
            "status": Counter(h.status for h in holds),
            "age": Counter(_age_band(h.age_days) for h in holds),
        }

    # -- content: audited ----------------------------------------------------
    def show(self, hold_id: str, reason: str | None) -> tuple[Hold, bytes]:
        _require_reason(reason)
        hold, original = self._open(hold_id, "show", reason)
        self._audit("show", hold.event_id, reason, "ok")
        return hold, original

    def release(self, hold_id: str, reason: str | None, pipeline: Pipeline) -> CleanRecord:
        """Re-run detection on the original and publish the redacted record to clean."""
        _require_reason(reason)
        self._signing_key()
        hold, original = self._open(hold_id, "release", reason)
        event = _event_from_original(original, pipeline)
        if event is None or event.kind == "keystroke":
            self._audit("release", hold.event_id, reason, "refused: not a releasable event")
            raise ReviewError(
                f"{hold.event_id} is not a complete event (malformed input or a lone keystroke): "
                "it cannot be released; purge it instead"
            )
        record = pipeline.release(event)
        if isinstance(record, DetectionFailure):
            self._audit("release", hold.event_id, reason, f"refused: detection failed ({record.reason})")
            raise ReviewError(f"detection failed again on {hold.event_id} ({record.reason}); not released")
        record["released"] = True
        self.store.publish_clean(dict(record))
        self._audit("release", hold.event_id, reason, f"published redacted ({len(record['findings'])} findings)")
        return record

    def purge(self, hold_id: str, reason: str | None) -> int:
        """Delete the data keys of every copy of the record; returns how many were deleted."""
        _require_reason(reason)
        self._signing_key()  # before anything is shredded: the action must be auditable
        live = [h.key_id for h in self.find(hold_id) if h.key_id and h.status != "purged"]
        if live:
            self.store.shred(live)
        self._audit("purge", hold_id, reason, f"shredded {len(live)} key(s)")
        return len(live)

    def erase(self, user_id: str, reason: str | None) -> dict:
        """Crypto-shred every held record of one person and publish an erasure notice
        (pseudonym, time range, count; no content) for the consumers of clean. The audit
        entry is written before anything is read, so a run cut short anywhere shows in the
        log, and running it again finishes the work (shredding is idempotent, the notice is
        keyed by pseudonym; it carries the count)."""
        _require_reason(reason)
        self._signing_key()
        pseudonym = self.pseudonym(user_id)
        self._audit("erase", pseudonym, reason, "started: shred every held record of this pseudonym, then publish its erasure notice")
        holds = [h for h in self.holds() if h.record.get("user") == pseudonym]
        live = sorted({h.key_id for h in holds if h.key_id and h.status != "purged"})
        if live:
            self.store.shred(live)
        times = sorted(str(h.record["ts"]) for h in holds if h.record.get("ts"))
        notice = {
            "user": pseudonym,
            "from_ts": times[0] if times else None,
            "to_ts": times[-1] if times else None,
            "count": len(holds),
            "erased_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.now())),
        }
        self.store.publish_erasure(notice)
        return notice

    def pseudonym(self, user_id: str) -> str:
        """The person's pseudonym under this deployment's key, as records carry it."""
        from pipeline.core.redaction import pseudonymize

        return pseudonymize(user_id, self.settings.pseudonym_key.get_secret_value().encode("utf-8"))

    def expire(self) -> int:
        """Delete the keys of records held longer than the retention period."""
        self._signing_key()
        keys = self.store.keys()
        old = [k for k, rec in keys.items() if rec is not None and self.now() - rec.get("created_at", 0) > self.retention_s]
        if old:
            self.store.shred(old)
            self._audit(
                "expire", "retention", f"older than {self.settings.quarantine_retention_days:g} days", f"shredded {len(old)} key(s)"
            )
        return len(old)

    def export_rows(self, include_content: bool, reason: str | None, target: str, user_id: str | None = None) -> list[dict]:
        """One row per held record: metadata, plus the decrypted original if asked (audited);
        with `user_id`, only that person's records (a subject-access request)."""
        if include_content:
            _require_reason(reason)
        holds = self.holds()
        if user_id is not None:
            pseudonym = self.pseudonym(user_id)
            holds = [h for h in holds if h.record.get("user") == pseudonym]
            target = f"{target} (user {pseudonym})"
        rows = []
        for hold in holds:
            r = hold.record
            row = {
                "event_id": r.get("event_id"),
                "hold_id": hold.key_id,
                "kind": r.get("kind"),
                "ts": r.get("ts"),
                "user": r.get("user"),
                "reasons": r.get("reasons") or [],
                "status": hold.status,
                "score": (r.get("sensitivity") or {}).get("score"),
                "categories": (r.get("sensitivity") or {}).get("categories", []),
                "policy_version": r.get("policy_version"),
                "age_days": hold.age_days,
            }
            if include_content:
                row["content"] = self._decrypt(hold).decode("utf-8", "replace") if hold.status == "held" else None
            rows.append(row)
        outcome = f"{len(rows)} rows" + (" with content" if include_content else ", metadata only")
        self._audit("export", target, reason, outcome)
        return rows

    def originals(self, reason: str | None, purpose: str) -> list[bytes]:
        """The decrypted originals of every live held record, for `purpose` (one audit entry
        with their count, written before any is returned)."""
        _require_reason(reason)
        self._signing_key()
        live = [h for h in self.holds() if h.status == "held"]
        originals = [self._decrypt(h, purpose, reason) for h in live]
        self._audit(purpose, "quarantine", reason, f"{len(originals)} held originals decrypted")
        return originals

    # -- verdicts: reviewers' judgements, sealed under each record's own key ---------
    def verdict(self, hold_id: str, reason: str | None, correct: list[int], false_positive: list[int], missed: list[Missed]) -> dict:
        """Record a judgement of every finding of a held record (by its index in `show`)
        and the values detection missed (type, field, start, end in the original)."""
        _require_reason(reason)
        self._signing_key()
        hold, original = self._open(hold_id, "verdict", reason)
        findings = hold.record.get("findings") or []
        judged = {i: "correct" for i in correct} | {i: "false-positive" for i in false_positive}
        if set(correct) & set(false_positive) or set(judged) != set(range(len(findings))):
            raise ReviewError(
                f"judge each of the {len(findings)} findings (0-{len(findings) - 1}) once: --correct or --false-positive"
            )
        fields = text_fields(original)
        for m in missed:
            text = fields.get(m.field)
            if text is None or not 0 <= m.start < m.end <= len(text):
                raise ReviewError(f"a missed value {m.entity_type} at {m.field}[{m.start}:{m.end}] is outside the record's text")
        body = {
            "event_id": hold.event_id,
            "findings": [
                {k: f.get(k) for k in ("field", "entity_type", "start", "end", "recognizer")} | {"verdict": judged[i]}
                for i, f in enumerate(findings)
            ],
            "missed": [dataclasses.asdict(m) for m in missed],
            "reviewer": self.actor,
        }
        sealed = seal_beside(json.dumps(body).encode(), self._key_record(hold), self._reviewer_key(), hold.event_id, "verdict")
        self._audit("verdict", hold.event_id, reason, verdict_summary(body))
        self.store.put_verdict(hold.event_id, sealed)
        return body

    def reviewed(self, reason: str | None, action: str, target: str) -> list[tuple[Hold, bytes, dict]]:
        """Every live held record with a verdict: (hold, original, verdict), decrypted (one
        audit entry with the count)."""
        _require_reason(reason)
        self._signing_key()
        sealed = self.store.verdicts()
        out = []
        for hold in self.holds():
            if hold.status != "held" or hold.event_id not in sealed:
                continue
            original = self._decrypt(hold, action, reason)
            body = json.loads(
                open_sealed(sealed[hold.event_id], self._key_record(hold), self._reviewer_key(), hold.event_id, "verdict")
            )
            out.append((hold, original, body))
        self._audit(action, target, reason, f"{len(out)} reviewed records decrypted")
        return out

    def verify_audit(self) -> audit.Verdict:
        """The chain, every entry's signature and (in a directory) the signed head, checked
        with the reviewers' public key (PII_VAULT_PUBLIC_KEY)."""
        if self.settings.vault_public_key is None:
            raise ReviewError("audit verify needs the reviewers' public key (PII_VAULT_PUBLIC_KEY) to check signatures")
        key = load_public_key(self.settings.vault_public_key)
        return audit.verify(self.store.audit_log(), key, self.store.audit_head(), head_expected=self.store.keeps_audit_head)

    # -- internals -----------------------------------------------------------
    def _open(self, hold_id: str, action: str, reason: str | None) -> tuple[Hold, bytes]:
        holds = self.find(hold_id)
        live = [h for h in holds if h.status == "held"]
        if not live:
            status = holds[0].status
            self._audit("decrypt_failed", hold_id, reason, f"{action}: record {status}")
            raise DecryptError(f"{hold_id} was {status}: its key is deleted and the content is unrecoverable")
        return live[0], self._decrypt(live[0], action, reason)

    def _decrypt(self, hold: Hold, action: str = "export", reason: str | None = None) -> bytes:
        try:
            return open_sealed(
                hold.record.get("content") or {}, self._key_record(hold), self._reviewer_key(), hold.record.get("event_id")
            )
        except DecryptError as exc:
            self._audit("decrypt_failed", hold.event_id, reason, f"{action}: {exc}")
            raise

    def _key_record(self, hold: Hold) -> dict:
        """The wrapped-key record of a held record ({} when it is gone)."""
        keys = self._keys if self._keys is not None else self.store.keys()
        return (keys.get(hold.key_id) if hold.key_id else None) or {}

    def _reviewer_key(self) -> RSAPrivateKey:
        if self._private_key is None:
            passphrase = self.settings.reviewer_passphrase
            if self.settings.reviewer_private_key is None:
                raise DecryptError(
                    "no reviewer private key configured (PII_REVIEWER_PRIVATE_KEY): this configuration cannot decrypt held records"
                )
            secret = passphrase.get_secret_value() if passphrase else None
            self._private_key = load_private_key(self.settings.reviewer_private_key, secret)
        return self._private_key

    def _signing_key(self) -> RSAPrivateKey:
        try:
            return self._reviewer_key()
        except DecryptError as exc:
            # an entry nobody could verify would be as good as none: no key, no action
            raise VaultError(f"audit entries are signed with the reviewer key: {exc}; the action was not completed") from None

    def _audit(self, action: str, target: str, reason: str | None, outcome: str) -> None:
        key = self._signing_key()
        log = self.store.audit_log()
        previous = next((e for _, e in reversed(log) if e is not None), None)
        entry = audit.sign(audit.next_entry(previous, self.actor, action, target, reason, outcome), key)
        try:
            self.store.append_audit(entry, audit.head_of(entry, key))
        except VaultError as exc:
            raise VaultError(f"the audit log could not be written ({exc}); the action was not completed") from None


def _require_reason(reason: str | None) -> None:
    if not reason or not reason.strip():
        raise ReviewError('a reason is required (--reason "..."); it is written to the audit log')


def _age_band(days: float | None) -> str:
    if days is None:
        return "unknown"
    for limit, label in ((1, "< 1 day"), (7, "1-7 days"), (30, "7-30 days")):
        if days < limit:
            return label
    return ">= 30 days"


def verdict_summary(body: dict) -> str:
    """A verdict in counts: "2 correct, 1 false-positive, 0 missed" (no content)."""
    counts = Counter(f["verdict"] for f in body["findings"])
    return f"{counts['correct']} correct, {counts['false-positive']} false-positive, {len(body['missed'])} missed"


def _event_from_original(original: bytes, pipeline: Pipeline) -> Event | None:
    """The held event: the worker's canonical form, or a raw input event (wrong topic)."""
    try:
        data = json.loads(original)
    except ValueError:
        return None
    if isinstance(data, dict) and set(data) <= EVENT_FIELDS and {"event_id", "kind", "ts", "user_id"} <= set(data):
        try:
            return Event(**{**data, "timestamp": 0.0, "source_event_ids": tuple(data.get("source_event_ids", ()))})
        except TypeError:
            return None
    item = pipeline.parse(original)
    return item if isinstance(item, Event) else None


def headline_reasons(reasons: list[str]) -> list[str]:
    """Reason codes to count: `malformed:<problem>` details of a counted `malformed` are
    left out; codes that stand alone (`special_category:medical`) are kept."""
    return [r for r in reasons if ":" not in r or r.split(":", 1)[0] not in reasons]
