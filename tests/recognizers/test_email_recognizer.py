import pytest

from recognizers.contact import OfflineEmailRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("mail jane.doe@example.com now", ["jane.doe@example.com"], (1.0, 1.0)),
    ("cc a.b+tag@sub.example.org", ["a.b+tag@sub.example.org"], (1.0, 1.0)),
    # internal domains are no public suffix but still someone's address
    ("ping r.okoye@corp.local about it", ["r.okoye@corp.local"], (0.5, 0.5)),
    ("user@localhost is not a domain", [], (0, 1)),
    ("npm i lodash@4.17.21", [], (0, 1)),
    ("decorator @property", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_email(text, expected, scores):
    assert_spans(OfflineEmailRecognizer(), text, expected, scores)
