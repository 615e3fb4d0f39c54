"""Word frequencies read from our cache give wordfreq's own Zipf values, without
importing wordfreq on the way (its import was a tenth of every start)."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
from wordfreq import get_frequency_dict, zipf_frequency

from recognizers.word_frequency import FLOOR, zipf

OWN_WORDS = [
    "the", "Meeting", "don't", "it’s", "follow-up", "re-org", "-flag", "word-", "a--b",
    "josé", "Müller", "straße", "STRASSE", "naïve", "œuvre", "smörgåsbord", "ji-ho",
    "λευκωσία", "ΑΘΗΝΑ", "москва", "Київ", "x2", "h2o", "3rd", "東京", "'tis", "ŉ",
    "qzxvbnk", "zzyzx-road", "o'neil", "kavya's",
]  # fmt: skip


def agrees(word: str) -> bool:
    real, ours = zipf_frequency(word, "en"), zipf(word)
    return ours == real if real >= 2.0 else ours < 2.0


@pytest.mark.parametrize("word", OWN_WORDS)
def test_our_value_is_wordfreqs(word):
    assert agrees(word)


def test_a_sample_of_wordfreqs_own_list_and_hyphenated_pairs_agree():
    words = sorted(get_frequency_dict("en"))
    pick = random.Random(7)
    sample = pick.sample(words, 4000) + [f"{a}-{b}" for a, b in zip(pick.sample(words, 1000), pick.sample(words, 1000))]
    sample += [w.title() for w in pick.sample(words, 500)]
    assert [w for w in sample if not agrees(w)] == []


def test_rare_words_read_zero_and_common_ones_keep_their_value():
    assert zipf("qzxvbnk") == 0.0
    assert zipf("the") > 7.0 and zipf("the") == zipf_frequency("the", "en")
    assert 0.0 < FLOOR <= 2.0


def test_looking_up_plain_words_does_not_import_wordfreq(tmp_path):
    code = (
        "import sys; from recognizers.word_frequency import zipf; "
        "[zipf(w) for w in ('hello', 'Follow-up', 'josé', 'λευκωσία', 'don’t')]; "
        "print('wordfreq' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
