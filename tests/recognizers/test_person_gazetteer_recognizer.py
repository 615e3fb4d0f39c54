"""Names as people write them; our own sentences (not from any evaluation corpus)."""

import pytest

from recognizers.person_gazetteer_recognizer import PersonGazetteerRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("please forward the deck to Magdalena Wróblewska today", ["Magdalena Wróblewska"]),
    ("Nguyễn Thị Lan reviewed it", ["Nguyễn Thị Lan"]),
    ("Dariusz signed off on the budget", ["Dariusz"]),
    ("thanks, can you sync with priya before lunch", ["priya"]),
    ("Hi Tomasz, the build is green", ["Tomasz"]),
    ("Grace: lunch at noon?\nOmar: sure", ["Grace", "Omar"]),
    ("Jack will run the retro and Rose sends the notes", ["Jack", "Rose"]),
    # a headline opens on a common word and a verb; a name opens a sentence with "said"
    ("Fed holds rates steady, signals two cuts - Markets", []),
    ("Bill said he would send the notes", ["Bill"]),
    # a message that opens by naming whom it speaks to; not a sentence's common opener
    ("Lily I loved the demo yesterday", ["Lily"]),
    ("Hope you are well after the trip", []),
    # a word no list knows opening a sentence before a verb in -s; a known word does not
    ("Zeltrin continues his streak as the worst goalie", ["Zeltrin"]),
    ("Traffic continues to grow", []),
    # workplace words newer than the dictionary, title-cased in a window title
    ("Harvest - Timesheet", []),
    ("View Payslip", []),
    ("Kenji (DM) - Slack", ["Kenji"]),
    ("WhatsApp - Ines", ["Ines"]),
    ("ping @dkowalczyk about the flaky test", ["@dkowalczyk"]),
    ("assigned to j.okonkwo and m.rossi", ["j.okonkwo", "m.rossi"]),
    # a rare or romanized given name before a listed surname
    ("Seo-yeon Choi - Book a meeting", ["Seo-yeon Choi"]),
    ("notes from Zorvath Kowalczyk attached", ["Zorvath Kowalczyk"]),
    ("Follow-up Park visit", []),
    # a speaker line is a name before words, not a dashboard's label before a number
    ("WAU: 48,210 (+3.1%)\nChurned: 1,022", []),
    ("Dariusz: 10 mins late, start without me", ["Dariusz"]),
    # a capitalised word before a software noun names a library or service
    ("3fa9c21 Fix Joi schema for optional inputs", []),
    ("Dariusz fixed the schema yesterday", ["Dariusz"]),
    # words that only look like names
    ("Will update the ticket tomorrow", []),
    ("Our Jasmine suite runs under Karma in CI", []),
    ("Max retries reached; Mark complete when done", []),
    ("@pytest.fixture\ndef client():", []),
    ("@dataclass\nclass Row:", []),
    ("@Override public void run() {}", []),
    ("@tkowalczyk and @r.adeyemi please review before EOD", ["@tkowalczyk", "@r.adeyemi"]),
    ("The queue drains slowly", []),
    # in an all-caps text, listed names count as if capitalised; other capitals do not
    ("WE MISS YOU DARIUSZ, COME BACK SOON", ["DARIUSZ"]),
    ("WARNING: DISK QUOTA EXCEEDED ON VOLUME HOME", []),
    ("omg I met MAGDALENA WRÓBLEWSKA at the show", ["MAGDALENA WRÓBLEWSKA"]),
    ("the EXPORT FAILED again, check the LOGS", []),
    # days and months are names only after a cue, though lists carry Sunday, Jan, Thu
    ("Sunday brunch was great", []),
    ("see you Jan 12 for the offsite", []),
    ("Hi Thu, the room is booked", ["Thu"]),
    ("the release is planned for Sunday", []),
    ("a Libra, so she hates choosing", []),
    # letters glued to digits are codes, not names
    ("order LU28 and part AB150 shipped", []),
    # lowercase in chat: a name addressed by a greeting, or an unknown word doing what people do
    ("hey tanner are you on tonight", ["tanner"]),
    ("hey zorvik will you stream later", ["zorvik"]),
    ("zorvik is the best at this game", ["zorvik"]),
    ("hey guys the build is green", []),
    ("thanks again for the help", []),
    ("hey tanner the pipeline config is broken", []),  # a technical sentence
]


@pytest.mark.parametrize("text,expected", CASES)
def test_person_gazetteer(text, expected):
    recognizer = PersonGazetteerRecognizer()
    recognizer.load()
    assert_spans(recognizer, text, expected)


def test_rare_words_are_names_in_conversation_but_not_in_technical_sentences():
    recognizer = PersonGazetteerRecognizer()
    recognizer.load()
    assert_spans(recognizer, "Yesterday Ostrowicz said the offsite is cancelled", ["Ostrowicz"])
    assert_spans(recognizer, "Should we deploy Ostrowicz as the queue worker?", [])
