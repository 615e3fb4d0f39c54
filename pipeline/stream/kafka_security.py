"""How every Kafka client of ours authenticates: PLAINTEXT on loopback for local runs;
SASL (SCRAM) and TLS in production. One place turns configuration into client options
for aiokafka (scan-free paths: worker admin checks, review CLI, topic set-up, demo) and
for faust (the worker)."""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline.errors import ConfigError

if TYPE_CHECKING:
    from pipeline.config import KafkaSettings

PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
MECHANISMS = ("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN")


@dataclass(frozen=True)
class KafkaSecurity:
    protocol: str = "PLAINTEXT"
    mechanism: str = "SCRAM-SHA-512"
    username: str | None = None
    password: str | None = field(default=None, repr=False)  # never in a traceback or log line
    cafile: str | None = None

    def __post_init__(self) -> None:
        if self.protocol not in PROTOCOLS:
            raise ConfigError(f"PII_KAFKA_SECURITY_PROTOCOL must be one of {', '.join(PROTOCOLS)}")
        if self.protocol.startswith("SASL"):
            if self.mechanism not in MECHANISMS:
                raise ConfigError(f"PII_KAFKA_SASL_MECHANISM must be one of {', '.join(MECHANISMS)}")
            if not self.username or not self.password:
                raise ConfigError("SASL needs PII_KAFKA_SASL_USERNAME and PII_KAFKA_SASL_PASSWORD")

    def ssl_context(self) -> ssl.SSLContext | None:
        if not self.protocol.endswith("SSL"):
            return None
        return ssl.create_default_context(cafile=self.cafile)

    def aiokafka(self) -> dict:
        """Keyword arguments for AIOKafkaProducer/Consumer/AdminClient."""
        if self.protocol == "PLAINTEXT":
            return {}
        options: dict = {"security_protocol": self.protocol, "ssl_context": self.ssl_context()}
        if self.protocol.startswith("SASL"):
            options.update(sasl_mechanism=self.mechanism, sasl_plain_username=self.username, sasl_plain_password=self.password)
        return options

    def faust_credentials(self) -> Any:
        """faust's `broker_credentials` (None for PLAINTEXT)."""
        import faust

        if self.protocol == "PLAINTEXT":
            return None
        if self.protocol == "SSL":
            return faust.SSLCredentials(self.ssl_context())
        return faust.SASLCredentials(
            username=self.username, password=self.password, mechanism=self.mechanism, ssl_context=self.ssl_context()
        )


def security_of(settings: KafkaSettings) -> KafkaSecurity:
    """The security options held in KafkaSettings or Settings (the PII_KAFKA_* variables)."""
    password = settings.kafka_sasl_password.get_secret_value() if settings.kafka_sasl_password else None
    return KafkaSecurity(
        settings.kafka_security_protocol,
        settings.kafka_sasl_mechanism,
        settings.kafka_sasl_username,
        password,
        str(settings.kafka_ssl_cafile) if settings.kafka_ssl_cafile else None,
    )
