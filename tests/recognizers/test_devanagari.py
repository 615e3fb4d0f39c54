"""Hindi names as their owners write them in English; our own table of common names."""

import pytest

from recognizers.devanagari import romanize
from recognizers.name_lists import english_first_names, faker_names
from recognizers.person_gazetteer_recognizer import PersonGazetteerRecognizer
from tests.recognizers.helpers import assert_spans

SPELLINGS = [
    ("राहुल", "rahul"),  # the final a is not spoken
    ("किशन", "kishan"),
    ("भटनागर", "bhatnagar"),  # nor a medial one between vowel-consonant and consonant-vowel
    ("वेंकटेश", "venkatesh"),
    ("नरेंद्र", "narendra"),  # after a cluster ending in r, y or v it is
    ("आदित्य", "aditya"),
    ("आनन्द", "anand"),
    ("सिंह", "singh"),
    ("प्रियंका", "priyanka"),
    ("सुनीता", "sunita"),  # long and short vowels alike
    ("ज़ोया", "zoya"),  # nukta
    ("Rahul", None),  # not Devanagari
]


@pytest.mark.parametrize("devanagari,latin", SPELLINGS)
def test_romanize(devanagari, latin):
    assert romanize(devanagari) == latin


def test_faker_hindi_lists_are_read_romanized():
    first, last = faker_names()
    assert {"kapil", "dinesh", "sunita"} <= first and {"sharma", "gupta", "malhotra"} <= last
    assert {"kapil", "dinesh"} <= english_first_names()


def test_a_hindi_name_typed_in_lowercase_chat_is_found():
    recognizer = PersonGazetteerRecognizer()
    recognizer.load()
    assert_spans(recognizer, "can you sync with dinesh before lunch", ["dinesh"])
