"""Company names with a legal form are not people or places; the words around them are."""

from __future__ import annotations

import pytest

from recognizers.company_names import company_words, names_a_company


@pytest.mark.parametrize(
    "text,span,company",
    [
        ("Payee: Garland & Finch Ltd", "Garland", True),
        ("Payee: Garland & Finch Ltd", "Garland & Finch", True),
        ("supplier Brandt Weber GmbH invoiced twice", "Brandt Weber", True),
        ("Rossi Costruzioni S.p.A. signed", "Rossi", True),
        ("Nordlys AS shipped the order", "Nordlys", True),
        ("Quill and Harrow LLP, counsel", "Harrow", True),
        ("Acme Widgets, Inc. reported", "Acme", True),
        # a suffix that is an English word counts only with a capital
        ("Dana Whitfield as lead reviewer", "Dana Whitfield", False),
        ("ask Tomas Berg et al. about it", "Tomas Berg", False),
        ("Marta Olsen is on leave", "Marta Olsen", False),
        # the person beside a company is still a person
        ("Ingrid Finch of Garland & Finch Ltd called", "Ingrid Finch", False),
        # a name on another line is not part of the company name
        ("Signed\nPriya Raman\nKestrel Ltd", "Priya Raman", False),
    ],
)
def test_company_name_words(text, span, company):
    assert names_a_company(span, company_words([text])) is company


def test_a_company_named_in_one_field_covers_the_window_title(pipeline):
    fields = {"text": "Vendor\tAmount\nHarper & Lowe Ltd\t£1,200.00", "window_title": "Harper & Lowe - Q4 payables.xlsx - Excel"}
    [findings] = pipeline.detector.detect([fields])
    assert not [f for f in findings if f.entity_type in ("PERSON", "LOCATION")]


@pytest.mark.parametrize("text", ["Lindqvist AB paid the invoice", "Müller Weber GmbH sent the contract"])
def test_a_company_found_as_a_name_with_its_legal_form_is_kept(pipeline, text):
    [findings] = pipeline.detector.detect([{"text": text}])
    assert not [f for f in findings if f.entity_type in ("PERSON", "LOCATION")]


def test_a_person_beside_a_company_is_still_redacted(pipeline):
    fields = {"text": "Call Ingrid Halvorsen about the Garland & Finch Ltd renewal"}
    [findings] = pipeline.detector.detect([fields])
    people = [fields["text"][f.start : f.end] for f in findings if f.entity_type == "PERSON"]
    assert "Ingrid Halvorsen" in people


@pytest.mark.parametrize(
    "text,span,company",
    [
        # a listed company's whole name, without its legal form
        ("Morgan Stanley upgraded the stock", "Morgan Stanley", True),
        ("the Wells Fargo outage hit deposits", "Wells", True),
        ("Johnson & Johnson shares fell", "Johnson", True),
        # part of one is not the company; a person of the same name elsewhere is a person
        ("Morgan from sales asked about the deck", "Morgan", False),
        ("Stanley Morgan joined the call", "Stanley Morgan", False),
        # a one-word listed name counts when it is nobody's name, no place, no English word
        ("the pilot runs on Snowflake and Datadog dashboards", "Datadog", True),
        ("compare the loyalty app with Starbucks.", "Starbucks", True),
        ("Ford from legal reviewed the clause", "Ford", False),
        ("Orange is the colour of the new brand", "Orange", False),
    ],
)
def test_listed_company_names(text, span, company):
    assert names_a_company(span, company_words([text])) is company


def test_the_listed_names_are_generated_from_a_maintained_source():
    from recognizers.base import load_terms

    names = load_terms("listed_companies.txt")
    assert len(names) > 1000 and sum(len(n.split()) >= 2 for n in names) > 500


def test_a_run_of_capitals_cannot_stall_the_scan_and_keeps_every_finding():
    import time

    started = time.perf_counter()
    words = company_words(["A" * 400, "Payee: Garland & Finch Ltd"])
    assert time.perf_counter() - started < 5
    assert words == {"garland", "finch"}  # the stalled text gives none; the other is still read
