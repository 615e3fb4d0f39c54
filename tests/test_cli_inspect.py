"""`pii-stream try` and `pii-stream recognizers list`: what a person tuning detection sees."""

from __future__ import annotations

from tests import cli

SSN = "321-54-9876"


def test_try_shows_the_redacted_text_findings_score_and_route():
    done = cli.run("pii-stream", "try", f"my dad Tomas Berg had his knee surgery; his SSN is {SSN}")
    assert done.returncode == 0, done.stderr
    assert SSN not in done.stdout and "Tomas" not in done.stdout
    assert "<US_SSN>" in done.stdout and "<PERSON>" in done.stdout
    assert "route: quarantine" in done.stdout and "special_category:medical" in done.stdout
    assert "US_SSN" in done.stdout and "identifier" in done.stdout


def test_try_reads_stdin_and_scans_the_window_title_too():
    done = cli.run("pii-stream", "try", "-", "--kind", "screen_text", "--title", "Inbox - jo.mars@example.org", input="nothing here")
    assert done.returncode == 0, done.stderr
    assert "window_title: Inbox - <EMAIL_ADDRESS>" in done.stdout and "route: clean" in done.stdout


def test_try_refuses_an_unknown_kind():
    done = cli.run("pii-stream", "try", "hello", "--kind", "keystroke")
    assert done.returncode != 0 and "--kind" in done.stderr


def test_recognizers_lists_every_loaded_recognizer_with_its_category_and_source():
    done = cli.run("pii-stream", "recognizers", "list")
    assert done.returncode == 0, done.stderr
    assert "US_SSN (identifier)" in done.stdout and "built-in" in done.stdout
    assert "PASSWORD (credential)" in done.stdout
