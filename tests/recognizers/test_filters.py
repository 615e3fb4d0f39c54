"""Findings that are plainly not people or places are dropped, whoever made them."""

import pytest

from recognizers.filters import plausible

CASES = [
    ("Our tests run under Karma", "Karma", "PERSON", False),
    ("Why is Crystal Reports slow", "Crystal Reports", "PERSON", False),
    ("throws MaxAttemptsExceededException", "MaxAttemptsExceededException", "PERSON", False),
    ("func Process(a Alert)", "Process", "PERSON", False),
    ("$ git log", "git", "PERSON", False),
    ("a US bank routing number", "US", "LOCATION", False),
    ("I met Fatima Haddad", "Fatima Haddad", "PERSON", True),
    # in a sentence about software, only words a name list knows stay names
    ("Why do Uvicorn workers leak file descriptors?", "Uvicorn", "PERSON", False),
    ("the failing commit on that branch is from Kofi Mensah", "Kofi Mensah", "PERSON", True),
    ("she moved to Lisbon", "Lisbon", "LOCATION", True),
    # a day or month alone is never a name from NER; a link does not make a sentence technical
    ("Sunday was fun", "Sunday", "PERSON", False),
    # a cloud region named after a city is not where anyone is
    ("pin the bucket to the Osaka region (ap-northeast-3)", "Osaka", "LOCATION", False),
    ("we flew to Osaka in May", "Osaka", "LOCATION", True),
    ("use the Paris region for the bucket", "Paris", "PERSON", False),
    # an inner capital after a surname prefix is a name, not code
    ("we finally met McTavish at the game", "McTavish", "PERSON", True),
    ("call GetTavish() first", "GetTavish", "PERSON", False),
    ("Zorvath posted the photos http://example.com/album", "Zorvath", "PERSON", True),
    # a rarer English word capitalised inside a sentence may be a name; at the start it is only capitalised
    ("we all think Jinx carried the match", "Jinx", "PERSON", True),
    ("Jinx. That is what happens when you brag", "Jinx", "PERSON", False),
    ("that Video was great", "Video", "PERSON", False),
    # an acronym in talk about software is not a name; in shouted text it may be
    ("route the TCP and UDP traffic through the proxy", "UDP", "PERSON", False),
    ("THANK YOU SO MUCH KAI", "KAI", "PERSON", True),
    # NER read across code punctuation
    ('df[df.city == "Lyon"].groupby(', 'Lyon"].groupby(', "PERSON", False),
    # a place in a technical sentence is a data value, even when it is also a surname
    ("deploy the cache cluster to London first", "London", "LOCATION", False),
    # a four-part version number after a version word is not an IP address
    ("the minimum agent version is now 6.3.0.12", "6.3.0.12", "IP_ADDRESS", False),
    ("rolled out build 3.14.2.907 today", "3.14.2.907", "IP_ADDRESS", False),
    ("installer v5.1.0.2 fails", "5.1.0.2", "IP_ADDRESS", False),
    ("blocked requests from 5.1.0.2 overnight", "5.1.0.2", "IP_ADDRESS", True),
    ("ssh admin@10.20.30.40", "10.20.30.40", "IP_ADDRESS", True),
]


@pytest.mark.parametrize("text,span,entity,kept", CASES)
def test_plausible(text, span, entity, kept):
    start = text.index(span)
    assert plausible(text, start, start + len(span), entity, "SpacyNerRecognizer") is kept
