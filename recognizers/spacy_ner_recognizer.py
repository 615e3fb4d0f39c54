"""Names and places from spaCy's NER, without the small model's commonest mistakes."""

from __future__ import annotations

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from recognizers.base import load_terms


class SpacyNerRecognizer(SpacyRecognizer):
    """PERSON and LOCATION from the NLP artifacts, filtered.

    The small model tags capitalised imperatives at the start of a line ("Convert",
    "Format") and form codes ("W-4") as names; a single-token entity at the start of a
    line is kept only when it is a known first name, and spans with digits or URL
    characters are dropped. Pattern recognizers cover numbers and URLs.
    """

    ENTITIES = ["PERSON", "LOCATION"]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("supported_entities", self.ENTITIES)
        super().__init__(**kwargs)
        self.first_names = {n.lower() for n in load_terms("first_names.txt")}

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        return [r for r in results if self._plausible(text, r)]

    def _plausible(self, text: str, result: RecognizerResult) -> bool:
        span = text[result.start:result.end]
        if any(c.isdigit() or c in "/@:=_" for c in span):
            return False
        at_line_start = result.start == 0 or text[:result.start].rstrip(" \t").endswith(("\n", ":"))
        single_token = " " not in span.strip()
        if at_line_start and single_token and span.lower() not in self.first_names:
            return False
        return True
