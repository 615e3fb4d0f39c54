"""`pii-stream eval` on the shipped labelled corpus meets the product's targets."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from bench.corpus import CorpusBuilder, write_corpus
from pipeline.eval.labelled import STRICT_GROUPS
from tests import cli

pytestmark = pytest.mark.slow

CORPUS = Path("samples/labelled.jsonl")
BIN = Path(sys.executable).parent


def test_shipped_corpus_is_reproducible_from_its_seed(tmp_path):
    write_corpus(CorpusBuilder(seed=7).build(1200), tmp_path / "c.jsonl")
    assert (tmp_path / "c.jsonl").read_bytes() == CORPUS.read_bytes()


def test_corpus_covers_every_kind_and_category():
    items = [json.loads(line) for line in CORPUS.open()]
    kinds = {e["kind"] for item in items for e in item["events"]}
    categories = {label["category"] for item in items for label in item["labels"]}
    assert len(items) >= 1000
    assert kinds == {"prompt", "screen_text", "click", "keystroke"}
    assert {"identifier", "financial", "contact", "name", "tax", "medical", "hr", "credential"} <= categories


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("eval") / "report.json"
    result = cli.run("pii-stream", "eval", str(CORPUS), "--json", str(out))
    assert result.returncode == 0, result.stderr
    assert "leak rate" in result.stdout
    return json.loads(out.read_text())


def test_no_leaks_of_identifiers_financial_credentials_or_record_numbers(report):
    leaks = report["routing"]["leak_rate"]
    checked = STRICT_GROUPS & set(leaks)
    assert checked, "the corpus has none of the strict groups: the test would check nothing"
    for group in checked:
        assert leaks[group]["leaked"] == 0, group


def test_names_addresses_and_contact_leak_at_most_3_percent(report):
    leaks = report["routing"]["leak_rate"]
    for group in ("name", "address", "contact"):
        assert leaks[group]["rate"] <= 0.03, group


def test_neutral_events_reach_clean_unchanged(report):
    assert report["routing"]["neutral_clean_unchanged"] >= 0.95


def test_detection_recall_per_category(report):
    for category, m in report["detection"]["category"].items():
        if m["tp"] + m["fn"]:
            assert m["recall"] >= 0.9, category
