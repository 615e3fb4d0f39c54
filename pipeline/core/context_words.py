"""Context words that match whole words and phrases.

Presidio's default enhancer matches a context word as a substring of any nearby token
(`ss` fires inside `business`, `tin` inside `meeting`) and cannot match a phrase
(`ip pin`, `tax id`, `medical record`). Ours matches a recognizer's context word when it
equals a nearby token (or that token's plural), and a multi-word context phrase when
its words appear in order among the nearby tokens.
"""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

_PIECES = regex.compile(r"[\p{L}\p{N}#]+")


class WholeWordContextEnhancer(LemmaContextAwareEnhancer):
    """LemmaContextAwareEnhancer with whole-word and phrase matching (same scoring)."""

    def __init__(self, prefix_words: int = 6, suffix_words: int = 1) -> None:
        super().__init__(context_prefix_count=prefix_words, context_suffix_count=suffix_words, context_matching_mode="whole_word")

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        # Only results of recognizers with context words can change; most texts have none,
        # and Presidio deep-copies every result before looking (a tenth of detection time).
        with_context = {r.id for r in recognizers if r.context}
        if not context and not any(
            (res.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY) in with_context for res in raw_results
        ):
            return raw_results
        return super().enhance_using_context(text, raw_results, nlp_artifacts, recognizers, context)

    @staticmethod
    def _find_supportive_word_in_context(context_list, recognizer_context_list, matching_mode="whole_word") -> str:
        if not context_list or not recognizer_context_list:
            return ""
        return supportive_word([w.lower() for w in context_list if w], recognizer_context_list)


def supportive_word(nearby: list[str], context_words: list[str]) -> str:
    """The first context word or phrase found among the nearby tokens, or ''.
    Tokens are split at punctuation first (`fax:` and `\\nfax` hold the word `fax`)."""
    nearby = [piece for token in nearby for piece in _PIECES.findall(token.replace("\\n", " "))]
    tokens = set(nearby)
    joined = " " + " ".join(nearby) + " "
    for word in context_words:
        wanted = word.lower().strip()
        if " " in wanted:
            if f" {wanted} " in joined or f" {wanted}s " in joined:
                return word
        elif wanted in tokens or f"{wanted}s" in tokens:
            return word
    return ""
