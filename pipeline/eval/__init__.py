"""Accuracy evaluation: our own labelled corpus, external corpora, the ratchet, plain Presidio."""
