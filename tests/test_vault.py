"""Envelope encryption and the audit chain, below the CLI."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from pipeline.errors import ConfigError
from pipeline.vault import audit
from pipeline.vault.crypto import (
    DecryptError,
    Sealer,
    generate_key_pair,
    load_private_key,
    load_public_key,
    open_sealed,
)

ORIGINAL = b'{"text": "synthetic SSN 321-54-9876"}'


@pytest.fixture(scope="module")
def keys(vault_keys):
    return load_public_key(vault_keys.public), load_private_key(vault_keys.private, vault_keys.passphrase)


def test_sealed_content_opens_only_with_its_key_record_and_id(keys):
    public, private = keys
    sealed = Sealer(public).seal(ORIGINAL, "ev-1")
    assert b"321-54-9876" not in repr(sealed).encode()
    assert open_sealed(sealed.content, sealed.key_record, private, "ev-1") == ORIGINAL
    with pytest.raises(DecryptError):  # moved under another event id
        open_sealed(sealed.content, sealed.key_record, private, "ev-2")
    other = Sealer(public).seal(ORIGINAL, "ev-1")
    with pytest.raises(DecryptError):  # another record's key
        open_sealed(sealed.content, other.key_record, private, "ev-1")
    flipped = bytearray(base64.b64decode(sealed.content["ciphertext"]))
    flipped[0] ^= 1
    with pytest.raises(DecryptError):  # altered ciphertext
        open_sealed({**sealed.content, "ciphertext": base64.b64encode(bytes(flipped)).decode()}, sealed.key_record, private, "ev-1")


def test_a_different_reviewer_key_cannot_open(keys, tmp_path):
    public, _ = keys
    sealed = Sealer(public).seal(ORIGINAL, "ev-1")
    private_pem, _ = generate_key_pair("another-reviewer-passphrase")
    (tmp_path / "other.key").write_bytes(private_pem)
    stranger = load_private_key(tmp_path / "other.key", "another-reviewer-passphrase")
    with pytest.raises(DecryptError, match="wrong reviewer key"):
        open_sealed(sealed.content, sealed.key_record, stranger, "ev-1")


def test_key_loading_errors_are_clear(vault_keys, tmp_path):
    with pytest.raises(DecryptError, match="wrong passphrase"):
        load_private_key(vault_keys.private, "not-the-passphrase")
    with pytest.raises(DecryptError, match="not found"):
        load_private_key(tmp_path / "missing.key", "whatever-passphrase")
    (tmp_path / "junk.pub").write_text("not a key")
    with pytest.raises(ConfigError, match="not a PEM public key"):
        load_public_key(tmp_path / "junk.pub")
    with pytest.raises(ConfigError, match="not found"):
        load_public_key(tmp_path / "missing.pub")


def _chain(n: int) -> list[dict]:
    entries, previous = [], None
    for i in range(n):
        previous = audit.next_entry(previous, "alice", "show", f"ev-{i}", "why", "ok", now=datetime(2026, 11, 27, tzinfo=UTC))
        entries.append(previous)
    return entries


def test_audit_chain_detects_alteration_deletion_reordering_and_forks():
    entries = _chain(5)
    positions = lambda es: [(f"#{i}", e) for i, e in enumerate(es)]  # noqa: E731
    assert audit.verify(positions(entries)).ok
    altered = [dict(e) for e in entries]
    altered[2]["actor"] = "mallory"
    assert audit.verify(positions(altered)).problems == ["#2: entry seq 2 was altered (its hash does not match)"]
    rehashed = [dict(e) for e in altered]
    rehashed[2]["hash"] = audit.entry_hash(rehashed[2])  # a forger who recomputes the hash breaks the next link
    assert audit.verify(positions(rehashed)).problems == ["#3: entry seq 3 does not chain to the entry before it"]
    assert audit.verify(positions(entries[:2] + entries[3:])).problems == ["#2: entries seq 2..2 are missing"]
    assert "are missing" in audit.verify(positions(entries[2:])).problems[0]
    fork = audit.next_entry(entries[1], "bob", "purge", "ev-x", "why", "ok")
    assert "repeats" in audit.verify(positions(entries + [fork])).problems[0]
    assert audit.verify([("#0", None)]).problems == ["#0: not an audit entry"]


@pytest.fixture(scope="module")
def reviewer_key(vault_keys):
    return load_private_key(vault_keys.private, vault_keys.passphrase)


def _signed_chain(n: int, key) -> tuple[list[dict], dict]:
    entries, previous = [], None
    for i in range(n):
        previous = audit.sign(audit.next_entry(previous, "alice", "show", f"ev-{i}", "why", "ok"), key)
        entries.append(previous)
    return entries, audit.head_of(previous, key)


def test_a_signed_audit_log_catches_rewriting_truncating_reordering_and_dropping(reviewer_key, vault_keys):
    public = load_public_key(vault_keys.public)
    entries, head = _signed_chain(5, reviewer_key)
    positions = lambda es: [(f"#{i}", e) for i, e in enumerate(es)]  # noqa: E731
    assert audit.verify(positions(entries), public, head, head_expected=True).ok
    # rewriting: a forger without the private key recomputes every hash and link
    rewritten, previous = [], None
    for e in entries:
        previous = audit.next_entry(previous, e["actor"], e["action"], e["target"], "nothing to see", e["outcome"])
        rewritten.append(previous)
    problems = audit.verify(positions(rewritten), public).problems
    assert len(problems) == 5 and all("not signed with the reviewers' key" in p for p in problems)
    # a signature moved onto a rewritten entry does not fit it
    moved = [dict(e, sig=entries[i]["sig"]) for i, e in enumerate(rewritten)]
    assert len(audit.verify(positions(moved), public).problems) == 5
    # truncating the end: the chain is intact, the signed head is not reached
    truncated = audit.verify(positions(entries[:3]), public, head, head_expected=True).problems
    assert truncated == ["head: the log ends at seq 2 but its signed head names seq 4: entries were cut from its end"]
    headless = audit.verify(positions(entries[:3]), public, None, head_expected=True).problems
    assert headless[0].startswith("head: the log has no signed head")
    # reordering and dropping
    swapped = entries[:1] + [entries[2], entries[1]] + entries[3:]
    assert any("missing" in p or "repeats" in p for p in audit.verify(positions(swapped), public, head).problems)
    assert "entries seq 2..2 are missing" in audit.verify(positions(entries[:2] + entries[3:]), public, head).problems[0]
    # a head forged without the key
    forged = {**head, "seq": 2, "hash": entries[2]["hash"]}
    forged_head = audit.verify(positions(entries[:3]), public, forged).problems
    assert forged_head == ["head: the log's head is not signed with the reviewers' key"]


def test_session_state_is_sealed_and_bound_to_its_session():
    from cryptography.exceptions import InvalidTag

    from pipeline.stream.state import StateCipher

    cipher = StateCipher(b"test-only-pseudonym-key-0123456789")
    state = {"segments": [{"window_title": "Wobbleton HR case", "chars": list("ssn 512")}]}
    sealed = cipher.seal("s-1", state)
    assert "Wobbleton" not in str(sealed) and cipher.open("s-1", sealed) == state
    with pytest.raises(InvalidTag):
        cipher.open("s-2", sealed)
    with pytest.raises(InvalidTag):
        StateCipher(b"another-worker-secret-0123456789").open("s-1", sealed)
    assert cipher.open("s-1", state) == state and cipher.open("s-1", None) is None  # older clear state
