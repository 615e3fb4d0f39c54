"""`quarantine-review` over a `pii-stream scan` output directory: metadata without a key,
content only with the reviewer's key and a reason, purge and retention final, every
access in a hash-chained audit log. (The same commands over Kafka: tests/integration.)"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests import cli

BIN = Path(sys.executable).parent
SSN = "321-54-9876"
DIAGNOSIS = "type 2 diabetes"


def run(*args: str, env: dict | None = None) -> cli.Outcome:
    return cli.run(args[0], *args[1:], env=env)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> Path:
    """One scan: a prompt with an SSN and a diagnosis (quarantined), a malformed line."""
    base = tmp_path_factory.mktemp("scan")
    source = base / "in.jsonl"
    source.write_text(
        json.dumps(
            {
                "event_id": "q1",
                "kind": "prompt",
                "ts": "2026-06-18T14:00:00Z",
                "user_id": "u1",
                "app": "ChatGPT",
                "text": f"my SSN is {SSN} and I have {DIAGNOSIS}",
            }
        )
        + "\n{bad json\n"
    )
    result = run("pii-stream", "scan", str(source), "--out", str(base / "out"))
    assert result.returncode == 0, result.stderr
    return base / "out"


@pytest.fixture
def vault(scanned, tmp_path) -> Path:
    """A private copy of the scan output per test (purge and release change it)."""
    return Path(shutil.copytree(scanned, tmp_path / "vault"))


def test_scan_writes_no_plaintext_and_keys_apart(vault):
    for path in vault.iterdir():
        assert SSN not in path.read_text(encoding="utf-8", errors="replace"), path.name
        assert "bad json" not in path.read_text(encoding="utf-8", errors="replace"), path.name
    held = [json.loads(line) for line in (vault / "quarantine.jsonl").read_text().splitlines()]
    assert {h["content"]["format"] for h in held} == {"envelope-v1"}
    keys = [json.loads(line) for line in (vault / "quarantine.keys.jsonl").read_text().splitlines()]
    assert {k["key_id"] for k in keys} == {h["content"]["key_id"] for h in held}
    assert stat.S_IMODE((vault / "quarantine.keys.jsonl").stat().st_mode) == 0o600


def test_list_and_stats_show_metadata_only(vault):
    listing = run("quarantine-review", "list", "--dir", str(vault))
    assert listing.returncode == 0, listing.stderr
    assert "q1" in listing.stdout and "score_above_quarantine_threshold" in listing.stdout
    assert SSN not in listing.stdout and "held" in listing.stdout
    only = run("quarantine-review", "list", "--dir", str(vault), "--reason", "malformed")
    assert "q1" not in only.stdout and "1 of 2 held records" in only.stdout
    by_category = run("quarantine-review", "list", "--dir", str(vault), "--category", "medical", "--min-score", "50")
    assert "q1" in by_category.stdout and "1 of 2" in by_category.stdout
    counts = run("quarantine-review", "stats", "--dir", str(vault))
    assert "identifier" in counts.stdout and "malformed" in counts.stdout and "< 1 day" in counts.stdout
    # a disclosure about the user is counted under its own reason, the malformed detail is not
    assert "special_category:medical" in counts.stdout and "malformed:" not in counts.stdout


def test_show_needs_a_reason_and_the_private_key(vault, vault_keys):
    no_reason = run("quarantine-review", "show", "q1", "--dir", str(vault), env=vault_keys.reviewer_env())
    assert no_reason.returncode == 1 and "reason is required" in no_reason.stderr
    # A worker's configuration: the public key only.
    as_worker = run("quarantine-review", "show", "q1", "--reason", "checking", "--dir", str(vault))
    assert as_worker.returncode == 1 and "cannot decrypt" in as_worker.stderr
    assert SSN not in as_worker.stdout + as_worker.stderr
    wrong = run(
        "quarantine-review",
        "show",
        "q1",
        "--reason",
        "checking",
        "--dir",
        str(vault),
        env={**vault_keys.reviewer_env(), "PII_REVIEWER_PASSPHRASE": "not-the-passphrase"},
    )
    assert wrong.returncode == 1 and "wrong passphrase" in wrong.stderr and SSN not in wrong.stdout
    shown = run(
        "quarantine-review", "show", "q1", "--reason", "ticket PRIV-12", "--dir", str(vault), env=vault_keys.reviewer_env("alice")
    )
    assert shown.returncode == 0, shown.stderr
    assert SSN in shown.stdout and DIAGNOSIS in shown.stdout and "US_SSN" in shown.stdout
    entries = [json.loads(line) for line in (vault / "audit.jsonl").read_text().splitlines()]
    # attempts without the key cannot sign an entry: refused, and nothing unverifiable written
    assert [(e["action"], e["outcome"].split(":")[0]) for e in entries] == [("show", "ok")]
    assert entries[-1]["actor"] == "alice" and entries[-1]["reason"] == "ticket PRIV-12"
    assert SSN not in (vault / "audit.jsonl").read_text()


def test_malformed_original_is_shown_but_cannot_be_released(vault, vault_keys):
    held = [json.loads(line) for line in (vault / "quarantine.jsonl").read_text().splitlines()]
    hold_id = next(h["content"]["key_id"] for h in held if h["event_id"] is None)
    shown = run("quarantine-review", "show", hold_id, "--reason", "triage", "--dir", str(vault), env=vault_keys.reviewer_env())
    assert shown.returncode == 0 and "{bad json" in shown.stdout
    released = run("quarantine-review", "release", hold_id, "--reason", "triage", "--dir", str(vault), env=vault_keys.reviewer_env())
    assert released.returncode == 1 and "cannot be released" in released.stderr


def test_release_publishes_only_the_redacted_record(vault, vault_keys):
    before = (vault / "clean.jsonl").read_text()
    released = run(
        "quarantine-review", "release", "q1", "--reason", "false positive", "--dir", str(vault), env=vault_keys.reviewer_env()
    )
    assert released.returncode == 0, released.stderr
    added = (vault / "clean.jsonl").read_text()[len(before) :]
    [record] = [json.loads(line) for line in added.splitlines()]
    assert record["event_id"] == "q1" and record["released"] is True and record["route"] == "clean"
    assert SSN not in added and DIAGNOSIS not in added
    assert "<US_SSN>" in record["text"]
    assert json.loads((vault / "audit.jsonl").read_text().splitlines()[-1])["action"] == "release"


def test_purge_is_final(vault, vault_keys):
    purged = run("quarantine-review", "purge", "q1", "--reason", "user request", "--dir", str(vault), env=vault_keys.reviewer_env())
    assert purged.returncode == 0 and "1 key(s) deleted" in purged.stdout
    held = [json.loads(line) for line in (vault / "quarantine.jsonl").read_text().splitlines()]
    key_id = next(h["content"]["key_id"] for h in held if h["event_id"] == "q1")
    keys = {k["key_id"]: k for k in map(json.loads, (vault / "quarantine.keys.jsonl").read_text().splitlines())}
    assert keys[key_id] == {"key_id": key_id, "purged": True}
    shown = run("quarantine-review", "show", "q1", "--reason", "again", "--dir", str(vault), env=vault_keys.reviewer_env())
    assert shown.returncode == 1 and "unrecoverable" in shown.stderr and SSN not in shown.stdout
    assert "1 of 2" in run("quarantine-review", "list", "--dir", str(vault), "--status", "purged").stdout


def test_retention_expires_held_records(vault, vault_keys):
    aged = {**vault_keys.reviewer_env(), "PII_QUARANTINE_RETENTION_DAYS": "0.000001"}  # ~0.1 s
    shown = run("quarantine-review", "show", "q1", "--reason", "late look", "--dir", str(vault), env=aged)
    assert shown.returncode == 1 and "expired" in shown.stderr and SSN not in shown.stdout
    expired = run("quarantine-review", "expire", "--dir", str(vault), env=aged)
    assert expired.returncode == 0 and "expired 2" in expired.stdout
    assert "wrapped_key" not in (vault / "quarantine.keys.jsonl").read_text()
    # Even with a longer retention configured again, the content is gone.
    again = run("quarantine-review", "show", "q1", "--reason", "late look", "--dir", str(vault), env=vault_keys.reviewer_env())
    assert again.returncode == 1 and "unrecoverable" in again.stderr


def test_audit_verify_catches_altered_and_deleted_entries(vault, vault_keys):
    env = vault_keys.reviewer_env()
    for reason in ("one", "two", "three"):
        assert run("quarantine-review", "show", "q1", "--reason", reason, "--dir", str(vault), env=env).returncode == 0
    assert run("quarantine-review", "export", "--out", str(vault.parent / "m.parquet"), "--dir", str(vault), env=env).returncode == 0
    ok = run("quarantine-review", "audit", "verify", "--dir", str(vault))
    assert ok.returncode == 0 and "intact: 4 entries" in ok.stdout
    log = vault / "audit.jsonl"
    lines = log.read_text().splitlines()
    altered = json.loads(lines[1])
    altered["reason"] = "nothing to see"
    log.write_text("\n".join([lines[0], json.dumps(altered), *lines[2:]]) + "\n")
    report = run("quarantine-review", "audit", "verify", "--dir", str(vault))
    assert report.returncode == 1 and "line 2: entry seq 1 was altered" in report.stdout
    log.write_text("\n".join([lines[0], *lines[2:]]) + "\n")
    report = run("quarantine-review", "audit", "verify", "--dir", str(vault))
    assert report.returncode == 1 and "entries seq 1..1 are missing" in report.stdout
    log.write_text("\n".join(lines[1:]) + "\n")
    report = run("quarantine-review", "audit", "verify", "--dir", str(vault))
    assert report.returncode == 1 and "entries 0..0 are missing" in report.stdout


def test_audit_verify_catches_a_rewritten_or_truncated_log(vault, vault_keys):
    from pipeline.vault import audit

    env = vault_keys.reviewer_env()
    for reason in ("one", "two", "three"):
        assert run("quarantine-review", "show", "q1", "--reason", reason, "--dir", str(vault), env=env).returncode == 0
    log = vault / "audit.jsonl"
    lines = log.read_text().splitlines()
    ok = run("quarantine-review", "audit", "verify", "--dir", str(vault))
    assert ok.returncode == 0 and f"intact: {len(lines)} entries" in ok.stdout
    # whoever can write the directory rewrites the whole chain, hashes and links recomputed
    rewritten, previous = [], None
    for line in lines:
        e = json.loads(line)
        previous = audit.next_entry(previous, e["actor"], e["action"], e["target"], "routine", e["outcome"])
        rewritten.append(json.dumps(previous))
    log.write_text("\n".join(rewritten) + "\n")
    report = run("quarantine-review", "audit", "verify", "--dir", str(vault))
    assert report.returncode == 1 and "not signed with the reviewers' key" in report.stdout
    # ...or cuts the last entries off
    log.write_text("\n".join(lines[:-2]) + "\n")
    report = run("quarantine-review", "audit", "verify", "--dir", str(vault))
    assert report.returncode == 1 and "entries were cut from its end" in report.stdout
    (vault / "audit.head.json").unlink()
    report = run("quarantine-review", "audit", "verify", "--dir", str(vault))
    assert report.returncode == 1 and "no signed head" in report.stdout
    log.write_text("\n".join(lines) + "\n")


def test_an_audited_action_without_the_reviewer_key_is_refused(vault):
    before = (vault / "audit.jsonl").read_text() if (vault / "audit.jsonl").exists() else ""
    purged = run("quarantine-review", "purge", "q1", "--reason", "no key", "--dir", str(vault))
    assert purged.returncode == 1 and "signed with the reviewer key" in purged.stderr
    after = (vault / "audit.jsonl").read_text() if (vault / "audit.jsonl").exists() else ""
    assert after == before


def test_export_is_metadata_only_unless_asked_with_a_reason(vault, vault_keys, tmp_path):
    env = vault_keys.reviewer_env()
    plain = tmp_path / "meta.parquet"
    assert run("quarantine-review", "export", "--out", str(plain), "--dir", str(vault), env=env).returncode == 0
    table = pq.read_table(plain)
    assert table.num_rows == 2 and "content" not in table.column_names
    assert SSN.encode() not in plain.read_bytes()
    full = tmp_path / "full.parquet"
    refused = run("quarantine-review", "export", "--out", str(full), "--include-content", "--dir", str(vault), env=env)
    assert refused.returncode == 1 and "reason is required" in refused.stderr and not full.exists()
    made = run(
        "quarantine-review", "export", "--out", str(full), "--include-content", "--reason", "DSAR 7", "--dir", str(vault), env=env
    )
    assert made.returncode == 0, made.stderr
    rows = pq.read_table(full).to_pylist()
    assert any(SSN in (r["content"] or "") for r in rows)
    actions = [json.loads(line)["outcome"] for line in (vault / "audit.jsonl").read_text().splitlines()]
    assert actions == ["2 rows, metadata only", "2 rows with content"]


def test_keys_init_writes_a_protected_key_pair(tmp_path):
    env = {"PII_REVIEWER_PASSPHRASE": "a-long-test-passphrase"}
    made = run("pii-stream", "keys", "init", "--out", str(tmp_path / "k"), env=env)
    assert made.returncode == 0, made.stderr
    private = tmp_path / "k" / "reviewer.key"
    assert b"ENCRYPTED PRIVATE KEY" in private.read_bytes()
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert b"PUBLIC KEY" in (tmp_path / "k" / "reviewer.pub").read_bytes()
    again = run("pii-stream", "keys", "init", "--out", str(tmp_path / "k"), env=env)
    assert again.returncode == 2 and "refusing to overwrite" in again.stderr
    short = run("pii-stream", "keys", "init", "--out", str(tmp_path / "k2"), env={"PII_REVIEWER_PASSPHRASE": "short"})
    assert short.returncode == 2 and "at least 12" in short.stderr


def test_scan_without_a_vault_key_refuses_to_start(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("{}\n")
    env = {k: v for k, v in os.environ.items() if k != "PII_VAULT_PUBLIC_KEY"}
    result = subprocess.run(
        [str(BIN / "pii-stream"), "scan", str(source), "--out", str(tmp_path / "o")], capture_output=True, text=True, env=env
    )
    assert result.returncode == 2 and "PII_VAULT_PUBLIC_KEY is required" in result.stderr


def test_ids_that_look_like_markup_are_shown_not_interpreted(tmp_path, vault_keys):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps(
            {"event_id": "[/]odd[bold]", "kind": "prompt", "ts": "2026-06-18T14:00:00Z", "user_id": "u1", "text": f"my SSN is {SSN}"}
        )
        + "\n"
    )
    assert run("pii-stream", "scan", str(source), "--out", str(tmp_path / "out")).returncode == 0
    listing = run("quarantine-review", "list", "--dir", str(tmp_path / "out"))
    assert listing.returncode == 0 and "[/]odd[bold]" in listing.stdout
    shown = run(
        "quarantine-review",
        "show",
        "[/]odd[bold]",
        "--reason",
        "triage",
        "--dir",
        str(tmp_path / "out"),
        env=vault_keys.reviewer_env(),
    )
    assert shown.returncode == 0 and "[/]odd[bold]" in shown.stdout and SSN in shown.stdout


def test_list_stays_readable_at_80_columns_and_show_takes_the_short_hold_id(vault, vault_keys):
    listing = run("quarantine-review", "list", "--dir", str(vault), env={"COLUMNS": "80"})
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    held = [json.loads(line) for line in (vault / "quarantine.jsonl").read_text().splitlines()]
    for record in held:
        assert (record["event_id"] or "-") in listing.stdout  # whole, not cut to a few characters
    row = next(line for line in lines if "q1" in line)
    short = row.split("│")[1].strip()
    key_id = next(h["content"]["key_id"] for h in held if h["event_id"] == "q1")
    assert 8 <= len(short) < len(key_id) and key_id.startswith(short)
    shown = run("quarantine-review", "show", short, "--reason", "from the list", "--dir", str(vault), env=vault_keys.reviewer_env())
    assert shown.returncode == 0 and SSN in shown.stdout, shown.stderr


def _people(tmp_path: Path) -> Path:
    """Six held records of three people (each an SSN), scanned into a vault directory."""
    lines = [
        json.dumps(
            {
                "event_id": f"{who[:2]}-{n}",
                "kind": "prompt",
                "ts": f"2026-06-1{n}T10:00:00Z",
                "user_id": who,
                "app": "ChatGPT",
                "text": f"my SSN is 321-54-98{n}{len(who)} for the form",
            }
        )
        for who in ("ana.lima", "bo.berg", "cy.chan")
        for n in (1, 2)
    ]
    source = tmp_path / "people.jsonl"
    source.write_text("\n".join(lines) + "\n")
    done = run("pii-stream", "scan", str(source), "--out", str(tmp_path / "people"))
    assert done.returncode == 0, done.stderr
    return tmp_path / "people"


def test_erase_one_person_leaves_everyone_else_readable_and_survives_a_cut(tmp_path, vault_keys):
    vault, reviewer = _people(tmp_path), vault_keys.reviewer_env("erin")
    refused = run("quarantine-review", "erase", "--user", "bo.berg", "--dir", str(vault), env=reviewer)
    assert refused.returncode == 1 and "reason is required" in refused.stderr
    # the first run is cut short after shredding, before the notice is out
    (vault / "erasure.jsonl").mkdir()
    cut = run("quarantine-review", "erase", "--user", "bo.berg", "--reason", "erasure request ER-4", "--dir", str(vault), env=reviewer)
    assert cut.returncode != 0
    (vault / "erasure.jsonl").rmdir()
    again = run(
        "quarantine-review", "erase", "--user", "bo.berg", "--reason", "erasure request ER-4", "--dir", str(vault), env=reviewer
    )
    assert again.returncode == 0, again.stderr
    assert "erased 2 held record(s)" in again.stdout and "bo.berg" not in again.stdout
    [notice] = [json.loads(line) for line in (vault / "erasure.jsonl").read_text().splitlines()]
    assert (
        notice["count"] == 2
        and notice["user"].startswith("u_")
        and (notice["from_ts"], notice["to_ts"])
        == (
            "2026-06-11T10:00:00Z",
            "2026-06-12T10:00:00Z",
        )
    )
    for event_id, readable in (("bo-1", False), ("bo-2", False), ("an-1", True), ("cy-2", True)):
        shown = run("quarantine-review", "show", event_id, "--reason", "check", "--dir", str(vault), env=reviewer)
        assert (shown.returncode == 0) is readable, (event_id, shown.stderr)
    entries = [json.loads(line) for line in (vault / "audit.jsonl").read_text().splitlines()]
    erases = [e for e in entries if e["action"] == "erase"]
    assert len(erases) == 2 and all(e["outcome"].startswith("started") for e in erases)  # both runs
    assert all(e["target"] == notice["user"] for e in erases) and "bo.berg" not in (vault / "audit.jsonl").read_text()
    assert run("quarantine-review", "audit", "verify", "--dir", str(vault)).returncode == 0


def test_export_of_one_persons_records_for_a_subject_access_request(tmp_path, vault_keys):
    vault, out = _people(tmp_path), tmp_path / "sar.parquet"
    done = run(
        "quarantine-review", "export", "--user", "ana.lima", "--out", str(out), "--reason", "SAR-31", "--dir", str(vault),
        env=vault_keys.reviewer_env(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = pq.read_table(out).to_pylist()
    assert sorted(r["event_id"] for r in rows) == ["an-1", "an-2"]
    assert all("321-54-98" in r["content"] for r in rows)
    [entry] = [json.loads(line) for line in (vault / "audit.jsonl").read_text().splitlines()]
    assert entry["action"] == "export" and entry["reason"] == "SAR-31" and "ana.lima" not in json.dumps(entry)


def test_verdicts_become_labels_that_eval_external_reads_back(vault, vault_keys, tmp_path):
    reviewer = vault_keys.reviewer_env("rhea")
    [record] = [json.loads(line) for line in (vault / "quarantine.jsonl").read_text().splitlines() if '"q1"' in line]
    findings = record["findings"]
    ssn = [i for i, f in enumerate(findings) if f["entity_type"] == "US_SSN"]
    others = [i for i in range(len(findings)) if i not in ssn]
    assert ssn, findings
    shown = run("quarantine-review", "show", "q1", "--reason", "triage", "--dir", str(vault), env=reviewer)
    assert "findings (numbers for `verdict`)" in shown.stdout and "US_SSN" in shown.stdout
    text = f"my SSN is {SSN} and I have {DIAGNOSIS}"
    start = text.index("and I")  # a value the reviewer says was missed (our own choice of span)
    args = ["--correct", ",".join(map(str, ssn)), "--missed", f"EMPLOYEE_ID:text:{start}:{start + 5}"]
    if others:
        args += ["--false-positive", ",".join(map(str, others))]
    partial = run(
        "quarantine-review", "verdict", "q1", "--correct", str(ssn[0]), "--reason", "labels", "--dir", str(vault), env=reviewer
    )
    assert partial.returncode == 1 and "judge each of the" in partial.stderr or len(findings) == 1
    judged = run("quarantine-review", "verdict", "q1", *args, "--reason", "labelling run 3", "--dir", str(vault), env=reviewer)
    assert judged.returncode == 0, judged.stderr
    assert SSN not in (vault / "verdicts.jsonl").read_text()  # sealed under the record's key
    # labels are decrypted content: a directory others can read is refused
    open_dir = tmp_path / "shared"
    open_dir.mkdir(mode=0o755)
    open_dir.chmod(0o755)
    refused = run("quarantine-review", "export-labels", "--out", str(open_dir), "--reason", "eval", "--dir", str(vault), env=reviewer)
    assert refused.returncode == 1 and "can be read by others" in refused.stderr
    labels = tmp_path / "labels" / "reviewed"
    exported = run("quarantine-review", "export-labels", "--out", str(labels), "--reason", "eval", "--dir", str(vault), env=reviewer)
    assert exported.returncode == 0, exported.stderr
    assert stat.S_IMODE(labels.stat().st_mode) == 0o700
    spans = [json.loads(line) for line in (labels / "spans.jsonl").read_text().splitlines()]
    assert sorted(s["entity_type"] for s in spans) == sorted(["EMPLOYEE_ID"] + ["US_SSN"] * len(ssn))
    report = tmp_path / "report.json"
    evaluated = run("pii-stream", "eval-external", str(labels.parent), "--no-baseline", "--json", str(report))
    assert evaluated.returncode == 0, evaluated.stderr
    by_type = json.loads(report.read_text())["reviewed"]["pii_stream"]["by_type"]
    assert {t: row["labelled"] for t, row in by_type.items()} == {"EMPLOYEE_ID": 1, "US_SSN": len(ssn)}
    rates = run("quarantine-review", "stats", "--verdicts", "--reason", "tuning", "--dir", str(vault), env=reviewer)
    assert rates.returncode == 0, rates.stderr
    assert "UsSsnChecksumRecognizer" in rates.stdout or "US_SSN" in rates.stdout
    entries = [json.loads(line) for line in (vault / "audit.jsonl").read_text().splitlines()]
    assert [e["action"] for e in entries if e["action"] in ("verdict", "export_labels")] == [
        "verdict",
        "export_labels",
        "export_labels",
    ]
    # purging the record takes its verdict with it
    assert run("quarantine-review", "purge", "q1", "--reason", "done", "--dir", str(vault), env=reviewer).returncode == 0
    again = tmp_path / "labels" / "after-purge"
    assert (
        run(
            "quarantine-review", "export-labels", "--out", str(again), "--reason", "eval", "--dir", str(vault), env=reviewer
        ).returncode
        == 0
    )
    assert (again / "spans.jsonl").read_text() == ""
