"""spaCy's names, with the small model's mistakes filtered; our own sentences."""

import pytest

from pipeline.core.nlp import NerOnlySpacyNlpEngine
from recognizers.names import SpacyNerRecognizer, _english_form


@pytest.fixture(scope="module")
def engine():
    engine = NerOnlySpacyNlpEngine()
    engine.load()
    return engine


# (text, a name the small model labels ORG, whether it is taken as a person)
ORG_CASES = [
    ("did you see what Varnell posted", "Varnell", True),
    ("wow Okonkwo ' s goal last night was unreal", "Okonkwo", True),
    # a nickname that is an English word before a listed surname
    ("the new single by Rocket Braun , out now", "Rocket Braun", True),
    ("loved the show from Scooter Lindqvist , great job", "Scooter Lindqvist", True),
    # an English word, a software term, or a technical sentence: left alone
    ("iris-indexer\tExited (137) 5 minutes ago", "Exited", False),
    ("Varnell cluster nodes restart when the Kubernetes deployment rolls", "Varnell", False),
]


@pytest.mark.parametrize("text,name,person", ORG_CASES)
def test_names_the_model_labels_org(engine, text, name, person):
    artifacts = engine.artifacts([text])[0]
    labels = {e.text: e.label_ for e in artifacts.entities}
    recognizer = SpacyNerRecognizer()
    found = [text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON", "LOCATION"], artifacts) if r.entity_type == "PERSON"]
    if person:
        assert labels.get(name) == "ORGANIZATION", "the case no longer exercises the ORG path"
    assert (name in found) is person


def test_org_names_are_not_taken_without_person_wanted(engine):
    text = "did you see what Varnell posted"
    artifacts = engine.artifacts([text])[0]
    assert SpacyNerRecognizer().analyze(text, ["LOCATION"], artifacts) == []


def test_named_buildings_and_bridges_are_places(engine):
    text = "we met at the Golden Gate Bridge"
    artifacts = engine.artifacts([text])[0]
    found = [(text[r.start : r.end], r.entity_type) for r in SpacyNerRecognizer().analyze(text, ["PERSON", "LOCATION"], artifacts)]
    assert ("the Golden Gate Bridge", "LOCATION") in found


@pytest.mark.parametrize(
    "word,english", [("exited", True), ("prettier", True), ("slowest", True), ("okonkwo", False), ("varnell", False)]
)
def test_inflections_of_english_words_are_english(word, english):
    assert _english_form(word) is english
