"""Context words that match whole words and phrases.

Presidio's default enhancer matches a context word as a substring of any nearby token
(`ss` fires inside `business`, `tin` inside `meeting`) and cannot match a phrase
(`ip pin`, `tax id`, `medical record`). Ours matches a recognizer's context word when it
equals a nearby token (or that token's plural), and a multi-word context phrase when
its words appear in order among the nearby tokens. Presidio also gathers the nearby
words through a `set`, so a phrase's words came out in an order that changed from one
process to the next; ours keeps them in text order.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

if TYPE_CHECKING:
    from presidio_analyzer import EntityRecognizer
    from presidio_analyzer.nlp_engine import NlpArtifacts

_PIECES = regex.compile(r"[\p{L}\p{N}#]+")


class WholeWordContextEnhancer(LemmaContextAwareEnhancer):
    """LemmaContextAwareEnhancer's scoring with whole-word and phrase matching, words in
    text order, on the results it is given (no copy: the caller owns them)."""

    def __init__(self, prefix_words: int = 6, suffix_words: int = 1) -> None:
        super().__init__(context_prefix_count=prefix_words, context_suffix_count=suffix_words, context_matching_mode="whole_word")

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        if not raw_results:
            return raw_results
        by_id = self._with_context(recognizers)
        extra = [w.lower() for w in context or []]
        keyword_lemmas = None  # built once per text, when a result needs it
        for result in raw_results:
            metadata = result.recognition_metadata or {}
            recognizer = by_id.get(metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            if recognizer is None or metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY) or nlp_artifacts is None:
                continue
            if keyword_lemmas is None:
                keyword_lemmas = _keyword_lemmas(nlp_artifacts)
            nearby = self.nearby_words(nlp_artifacts, result.start, keyword_lemmas) + extra
            word = supportive_word(nearby, recognizer.context)
            if word:
                result.score = min(
                    max(result.score + self.context_similarity_factor, self.min_score_with_context_similarity), self.MAX_SCORE
                )
                if result.analysis_explanation is not None:
                    result.analysis_explanation.set_supportive_context_word(word)
                    result.analysis_explanation.set_improved_score(result.score)
        return raw_results

    def _with_context(self, recognizers: list[EntityRecognizer]) -> dict:
        """The recognizers that have context words, by id (detection passes the same
        fixed list for every text: built once, not per text)."""
        built_for = getattr(self, "_built_for", None)
        if built_for is None or built_for[0] is not recognizers or built_for[1] != len(recognizers):
            self._by_id = {r.id: r for r in recognizers if r.context}
            self._built_for = (recognizers, len(recognizers))  # the list itself: its id is not reused
        return self._by_id

    def nearby_words(self, nlp_artifacts: NlpArtifacts, start: int, keyword_lemmas: list[str | None] | None = None) -> list[str]:
        """Up to `prefix_words` keywords before the token at `start`, that token, and up to
        `suffix_words` after it, in text order (Presidio's choice of words)."""
        tokens = nlp_artifacts.tokens
        if not tokens:
            return []
        index = self._find_index_of_match_token("", start, tokens, nlp_artifacts.tokens_indices)
        lemmas = _keyword_lemmas(nlp_artifacts) if keyword_lemmas is None else keyword_lemmas
        before = _collect(lemmas, index, self.context_prefix_count + 1, -1)
        after = _collect(lemmas, index, self.context_suffix_count + 1, 1)
        if before and after and before[0] == after[0]:
            after = after[1:]  # the match's own token, collected both ways
        return before[::-1] + after


def _keyword_lemmas(nlp_artifacts: NlpArtifacts) -> list[str | None]:
    """Each token's lower-cased lemma where it is a keyword, else None."""
    keywords = set(nlp_artifacts.keywords)
    lowered = (lemma.lower() for lemma in nlp_artifacts.lemmas)
    return [lemma if lemma in keywords else None for lemma in lowered]


def _collect(keyword_lemmas: list[str | None], index: int, count: int, step: int) -> list[str]:
    """Up to `count` keyword lemmas from `index` on, walking by `step` (Presidio's _add_n_words)."""
    out: list[str] = []
    i = index
    while 0 <= i < len(keyword_lemmas) and len(out) < count:
        lemma = keyword_lemmas[i]
        if lemma is not None:
            out.append(lemma)
        i += step
    return out


def supportive_word(nearby: list[str], context_words: list[str]) -> str:
    """The first context word or phrase found among the nearby tokens, or ''.
    Tokens are split at punctuation first (`fax:` and `\\nfax` hold the word `fax`)."""
    nearby = [piece for token in nearby for piece in _pieces(token)]
    tokens = set(nearby)
    joined = " " + " ".join(nearby) + " "
    for word, wanted in _wanted(tuple(context_words)):
        if " " in wanted:
            if f" {wanted} " in joined or f" {wanted}s " in joined:
                return word
        elif wanted in tokens or f"{wanted}s" in tokens:
            return word
    return ""


@lru_cache(maxsize=8192)
def _pieces(token: str) -> tuple[str, ...]:
    return tuple(_PIECES.findall(token.replace("\\n", " ")))


@lru_cache(maxsize=1024)
def _wanted(context_words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((word, word.lower().strip()) for word in context_words)
