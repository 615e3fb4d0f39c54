"""Shared fixtures. The test environment (a pseudonym key and a synthetic reviewer key
pair, PII_VAULT_PUBLIC_KEY pointing at its public half) is set once per session before
any test runs; the detector loads spaCy once per session (about 2 s). Test data come
from `tests/factories.py`."""

from __future__ import annotations

import pytest

from pipeline.config import load_settings
from pipeline.core.processor import Pipeline
from pipeline.vault.crypto import sealer_for
from tests.factories import PSEUDONYM_KEY, VaultKeys, make_vault_keys


@pytest.fixture(scope="session", autouse=True)
def vault_keys(tmp_path_factory) -> VaultKeys:
    """Workers and scans get the public key through the environment; reviewers' commands
    add the private key explicitly."""
    keys = make_vault_keys(tmp_path_factory.mktemp("vault-keys"))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PII_PSEUDONYM_KEY", PSEUDONYM_KEY)
        env.setenv("PII_VAULT_PUBLIC_KEY", str(keys.public))
        yield keys


@pytest.fixture(scope="session")
def settings(vault_keys):
    return load_settings()


@pytest.fixture(scope="session")
def reviewer_settings(vault_keys):
    return load_settings(reviewer="test-reviewer", reviewer_private_key=vault_keys.private, reviewer_passphrase=vault_keys.passphrase)


@pytest.fixture(scope="session")
def pipeline(settings):
    return Pipeline.from_settings(settings, sealer_for(settings))
