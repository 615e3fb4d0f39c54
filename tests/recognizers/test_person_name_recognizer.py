import pytest

from recognizers.names import PersonNameRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("Dear Mr. Okafor, thanks", ["Okafor"], (0.75, 0.75)),
    ("my name is Zyra Quellbrook", ["Zyra Quellbrook"], (0.5, 0.5)),
    ("Jennifer Walsh called", ["Jennifer Walsh"], (0.7, 0.7)),
    ("Patient: Autumn Weaver", ["Autumn Weaver"], (0.5, 0.5)),
    ("Please Review the Grant Application", [], (0, 1)),
    ("Hi team, the build is green", [], (0, 1)),
    ("Hi Monday people", [], (0, 1)),
    # a performer's stage name after its prefix
    ("the new track from DJ Vantablu is out", ["DJ Vantablu"], (0.6, 0.6)),
    ("saw Lil Quarro live last night", ["Lil Quarro"], (0.6, 0.6)),
    ("the DJ booth is by the door", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_person_name(text, expected, scores):
    assert_spans(PersonNameRecognizer(), text, expected, scores)


@pytest.mark.parametrize(
    "text,possessor",
    [("Tamsin ' s flat is bigger", ["Tamsin"]), ("Tamsin's flat", ["Tamsin"]), ("Orbit Labs", ["Orbit", "Labs"])],
)
def test_the_possessor_of_an_org_span_is_the_name_candidate(text, possessor):
    import spacy

    from recognizers.names import _before_possessive

    assert [t.text for t in _before_possessive(list(spacy.blank("en")(text)))] == possessor
