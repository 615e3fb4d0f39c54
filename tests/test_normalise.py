"""Detection reads a normalised view of each text; findings land on the original characters."""

from __future__ import annotations

import pytest

from pipeline.core.normalise import normalised_view
from pipeline.core.processor import route_stream
from tests.factories import event, raw


@pytest.mark.parametrize(
    "text,view",
    [
        ("１２３-４５-６７８９", "123-45-6789"),  # fullwidth digits
        ("٣٢١-٥٤-٩٨٧٦", "321-54-9876"),  # Arabic-Indic digits
        ("415\u2011555\u20110132", "415-555-0132"),  # non-breaking hyphens
        ("321\u00a054\u00a09876", "321 54 9876"),  # non-breaking spaces
        ("jane\u200b.doe\uff20example.com", "jane.doe@example.com"),  # zero-width, fullwidth @
        ("\u0440\u0430ypal", "paypal"),  # Cyrillic look-alikes inside a Latin word
        ("Сергей Иванов", "Сергей Иванов"),  # a Russian name stays Russian
        ("plain ascii", "plain ascii"),
        ("Step 3 \u2014 Debts", "Step 3 \u2014 Debts"),  # a dash in prose stays
    ],
)
def test_the_view(text, view):
    assert normalised_view(text).text == view


def test_spans_of_the_view_map_back_to_the_original_characters():
    text = "ssn: \uff13\uff12\uff11\u200b-54-9876 end"
    view = normalised_view(text)
    start = view.text.index("321")
    a, b = view.to_original(start, start + len("321-54-9876"))
    assert text[a:b] == "\uff13\uff12\uff11\u200b-54-9876"


@pytest.mark.parametrize(
    "text,value",
    [
        (
            "my SSN is \uff13\uff12\uff11-\uff15\uff14-\uff19\uff18\uff17\uff16 thanks",
            "\uff13\uff12\uff11-\uff15\uff14-\uff19\uff18\uff17\uff16",
        ),
        ("write to jane\u200b.doe\uff20example.com today", "jane\u200b.doe\uff20example.com"),
        # zero-width characters and a Unicode hyphen inside numbers: only the view sees these
        ("card 4111\u200b1111\u200b1111\u200b1111 please", "4111\u200b1111\u200b1111\u200b1111"),
        ("my SSN is 321\u201154\u20119876, ok", "321\u201154\u20119876"),
        (
            "call \uff14\uff11\uff15-\uff15\uff15\uff15-\uff10\uff11\uff13\uff12 now",
            "\uff14\uff11\uff15-\uff15\uff15\uff15-\uff10\uff11\uff13\uff12",
        ),
    ],
)
def test_obfuscated_values_are_caught_and_replaced_where_they_stand(pipeline, text, value):
    [routed] = list(route_stream(pipeline, [raw(event(text=text))], 16))
    if routed.route == "clean":
        clean = routed.record["text"]
        assert value not in clean and clean.startswith(text[: text.index(value)]) and "<" in clean
    else:
        assert routed.route == "quarantine" and value not in str(routed.record)
