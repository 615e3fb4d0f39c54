"""Plain Presidio, as a user would run it: analyze + anonymize each text with the defaults.

Used as the comparison in `pii-stream eval` and `make bench`. Only the model is
swapped for the installed small one, and the TLD list is kept offline.
"""

from __future__ import annotations

import logging

import tldextract.tldextract
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
from presidio_anonymizer import AnonymizerEngine

from pipeline.core.nlp import DEFAULT_MODEL, model_location


def _not_unmapped_label_notice(record: logging.LogRecord) -> bool:
    return "is not mapped to a Presidio entity" not in record.getMessage()


class PlainPresidio:
    """Presidio's default AnalyzerEngine and AnonymizerEngine, one text at a time, on the
    same spaCy model as the pipeline (`model`, a PII_SPACY_MODEL value)."""

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        # Presidio's email check fetches the public-suffix list; no network here.
        tldextract.tldextract.TLD_EXTRACTOR.suffix_list_urls = ()
        provider = NlpEngineProvider(
            nlp_configuration={
                "nlp_engine_name": "spacy",
                "models": [{"lang_code": "en", "model_name": model_location(model)}],
            }
        )
        # Its registry warns once per non-English recognizer it skips: noise, not news.
        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        try:
            self.analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
        finally:
            logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)
        self.anonymizer = AnonymizerEngine()
        # ...and once per text for each spaCy label it keeps unmapped (CARDINAL, MONEY).
        logging.getLogger("presidio-analyzer").addFilter(_not_unmapped_label_notice)

    def redact(self, text: str) -> str:
        """The anonymized text, with Presidio's default `<ENTITY_TYPE>` placeholders."""
        results = self.analyzer.analyze(text=text, language="en")
        return self.anonymizer.anonymize(text=text, analyzer_results=results).text  # type: ignore[arg-type]  # same fields, two classes
