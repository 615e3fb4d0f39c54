"""Placeholders, merged overlaps and the positions output records carry."""

from __future__ import annotations

from pipeline.core.detection import Finding
from pipeline.core.redaction import merge_overlaps, redact


def finding(entity: str, start: int, end: int, score: float = 0.8, recognizer: str = "R") -> Finding:
    return Finding("text", entity, start, end, score, recognizer)


def test_findings_point_at_their_placeholders_not_at_the_values():
    text = "mail ana.lopes@example.org or call +44 20 7946 0321 today"
    email, phone = finding("EMAIL_ADDRESS", 5, 26), finding("PHONE_NUMBER", 35, 51)
    redacted, placed = redact(text, [phone, email])
    assert redacted == "mail <EMAIL_ADDRESS> or call <PHONE_NUMBER> today"
    assert [(f.entity_type, redacted[f.start : f.end]) for f in placed] == [
        ("EMAIL_ADDRESS", "<EMAIL_ADDRESS>"),
        ("PHONE_NUMBER", "<PHONE_NUMBER>"),
    ]


def test_two_values_of_different_lengths_give_the_same_positions():
    a = redact("call Jo now", [finding("PERSON", 5, 7)])
    b = redact("call Bartholomew now", [finding("PERSON", 5, 16)])
    assert a[0] == b[0] and [(f.start, f.end) for f in a[1]] == [(f.start, f.end) for f in b[1]]


def test_overlapping_findings_become_one_placeholder_for_their_union():
    text = "account 12345678 9012 closed"
    merged = merge_overlaps([finding("US_BANK_NUMBER", 8, 16, 0.6), finding("PHONE_NUMBER", 8, 21, 0.5)])
    assert [(f.entity_type, f.start, f.end) for f in merged] == [("US_BANK_NUMBER", 8, 21)]
    assert redact(text, merged)[0] == "account <US_BANK_NUMBER> closed"


def test_no_findings_leave_the_text_alone():
    assert redact("nothing here", []) == ("nothing here", [])
