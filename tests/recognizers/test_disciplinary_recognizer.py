import pytest

from recognizers.hr import DisciplinaryRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("issue a final written warning", ["final written warning"], (0.65, 0.65)),
    ("she was fired for lateness", ["was fired"], (0.65, 0.65)),
    ("open HR investigation into the team lead", ["HR investigation"], (0.65, 0.65)),
    ("harassment complaint filed Monday", ["harassment complaint"], (0.65, 0.65)),
    ("the process was terminated by the OS", [], (0, 1)),
    ("fire up the build", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_disciplinary(text, expected, scores):
    assert_spans(DisciplinaryRecognizer(), text, expected, scores)
