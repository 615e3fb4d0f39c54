"""The local secured broker (`kafka.sh up-secure`): where it is and its principals' passwords."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.integration.harness import broker_available

SECURE_BOOTSTRAP = os.environ.get("PII_KAFKA_SECURE_BOOTSTRAP", "127.0.0.1:9192")
STATE = Path(os.environ.get("PII_KAFKA_SECURE_STATE") or Path.home() / ".cache" / "pii-stream" / "kafka-secure-state")


def require_secure_broker() -> dict[str, str]:
    """Passwords by principal; fail (in CI) or skip when the secured broker is not up."""
    creds = STATE / "credentials.env"
    if broker_available(SECURE_BOOTSTRAP) and creds.is_file():
        pairs = (line.split("=", 1) for line in creds.read_text().splitlines() if "=" in line)
        return {k[: -len("_PASSWORD")].lower().replace("_", "-"): v for k, v in pairs}
    message = f"no secured Kafka broker at {SECURE_BOOTSTRAP}: run `make kafka-secure-up`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def sasl(user: str, password: str) -> dict:
    return {
        "security_protocol": "SASL_PLAINTEXT",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": user,
        "sasl_plain_password": password,
    }


def sasl_env(user: str, password: str) -> dict[str, str]:
    return {
        "PII_KAFKA_BOOTSTRAP": SECURE_BOOTSTRAP,
        "PII_KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
        "PII_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
        "PII_KAFKA_SASL_USERNAME": user,
        "PII_KAFKA_SASL_PASSWORD": password,
    }
