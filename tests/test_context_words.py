"""Context words match whole words and phrases, and they reach the scores users see."""

from __future__ import annotations

import pytest

from pipeline.core.context_words import supportive_word


@pytest.mark.parametrize(
    "nearby,words,found",
    [
        (["my", "business", "number"], ["ss", "ssn"], ""),  # 'ss' is not inside 'business'
        (["the", "meeting", "id"], ["tin"], ""),  # nor 'tin' inside 'meeting'
        (["my", "ip", "pin", "is"], ["ip pin"], "ip pin"),  # phrases match in order
        (["pin", "my", "ip"], ["ip pin"], ""),
        (["our", "tax", "ids"], ["tax id"], "tax id"),  # and their plural
        (["fax:"], ["fax"], "fax"),  # punctuation is not part of a word
        (["\\nfax"], ["fax"], "fax"),
        (["ssn"], ["ss", "ssn"], "ssn"),
    ],
)
def test_supportive_word(nearby, words, found):
    assert supportive_word(nearby, words) == found


def test_context_lifts_a_bare_number_to_a_finding_only_next_to_its_word(pipeline):
    detector = pipeline.detector
    [with_word, without] = detector.detect([{"text": "fax: 4155550199 for the forms"}, {"text": "order 4155550199 shipped"}])
    assert any(f.entity_type == "PHONE_NUMBER" for f in with_word)
    assert not any(f.entity_type == "PHONE_NUMBER" for f in without)


def test_nearby_words_keep_text_order_so_phrases_match(pipeline):
    # Presidio gathered them through a set: "ip pin" matched in some processes only
    from pipeline.core.context_words import WholeWordContextEnhancer

    text = "my ip pin for the return is 482913"
    [artifacts] = pipeline.detector.nlp_engine.artifacts([text])
    nearby = WholeWordContextEnhancer().nearby_words(artifacts, text.index("482913"))
    assert nearby[nearby.index("ip") + 1] == "pin"
    assert supportive_word(nearby, ["ip pin"]) == "ip pin"
