"""spaCy's names, with the small model's mistakes filtered; our own sentences."""

import pytest

from pipeline.core.nlp import NerOnlySpacyNlpEngine
from recognizers.names import SpacyNerRecognizer, _english_form


@pytest.fixture(scope="module")
def engine():
    engine = NerOnlySpacyNlpEngine()
    engine.load()
    return engine


# (text, a name a model may label ORG, whether it is taken as a person: the ORG path is
# for the small model's habit; the medium model labels most of these PERSON itself)
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
        assert labels.get(name) in ("ORGANIZATION", "PERSON")
    assert (name in found) is person


def test_a_name_labelled_org_is_taken_as_a_person(engine):
    # whichever model is loaded, at least one case goes the ORG way
    cases = [(t, n) for t, n, person in ORG_CASES if person]
    labelled_org = [(t, n) for t, n in cases if {e.text: e.label_ for e in engine.artifacts([t])[0].entities}.get(n) == "ORGANIZATION"]
    assert labelled_org, "no case exercises the ORG path any more"
    for text, name in labelled_org:
        artifacts = engine.artifacts([text])[0]
        found = [text[r.start : r.end] for r in SpacyNerRecognizer().analyze(text, ["PERSON"], artifacts)]
        assert name in found


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


@pytest.mark.parametrize("run", ["!" * 65_536, "::" * 25_000, "😀" * 20_000, "a" * 70_000])
def test_a_long_unbroken_run_reaches_the_tokenizer_in_short_pieces(engine, run):
    # spaCy's tokenizer is quadratic in the length of such a run: minutes for 64 KB
    text = f"{run} then ask Margarethe Oyelaran"
    [artifacts] = engine.artifacts([text])
    assert max(len(t.text) for t in artifacts.tokens) <= 64
    # offsets are those of the text as it came
    assert all(text[e.start_char : e.end_char] == e.text for e in artifacts.entities)
    after = [t for t in artifacts.tokens if t.text == "Oyelaran"]
    assert after and text[after[0].idx : after[0].idx + 8] == "Oyelaran"


def test_bounded_runs_keep_the_length_and_short_texts_as_they_are():
    from pipeline.core.nlp import RUN_LIMIT, bounded_runs

    assert bounded_runs("a normal sentence, nothing long") == "a normal sentence, nothing long"
    for n in (RUN_LIMIT, RUN_LIMIT + 1, 3 * RUN_LIMIT + 7):
        text = "x " + "!" * n + " y"
        bounded = bounded_runs(text)
        assert len(bounded) == len(text) and max(len(w) for w in bounded.split()) <= RUN_LIMIT


# (a one-word finding at the start of a line, whether it stays a name)
LINE_START = [
    ("Convert the file first", "Convert", False),  # an imperative
    ("Format\nthe disk", "Format", False),  # a heading
    ("Hahaha that was close", "Hahaha", False),
    # a rarer English word opening a line, taken for a name by the model, stays one
    ("Wren said she would be late", "Wren", True),
    ("Thistle scored again tonight", "Thistle", True),
    # ...but not a code in capitals at the head of a table row
    ("BRAMBLE\t1,204\t+3.1%", "BRAMBLE", False),
]


@pytest.mark.parametrize("text,word,kept", LINE_START)
def test_a_word_opening_a_line(text, word, kept):
    from presidio_analyzer import RecognizerResult

    result = RecognizerResult("PERSON", 0, len(word), 0.85)
    assert SpacyNerRecognizer()._plausible(text, result) is kept  # noqa: SLF001  # the filter alone


@pytest.mark.parametrize(
    "words,handle",
    [
        (["kaite"], True),  # a lowercase name or handle the model read as an organisation
        (["zorvikx"], True),
        (["elbow"], False),  # an English word
        (["tfw"], False),  # short slang
        (["yhoooo"], False),  # a drawn-out sound
        (["Kaite"], False),  # capitalised words take the other path
    ],
)
def test_a_lowercase_word_taken_for_an_organisation_in_chat(words, handle):
    from recognizers.names import _chat_handle

    assert _chat_handle(words) is handle
