"""One frozen settings object, built once at start-up (env prefix PII_)."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

from pipeline.core.events import ID_PATTERN
from pipeline.errors import ConfigError

# The same default as recognizers/word_cache.py (not imported: that loads every recognizer)
DEFAULT_CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pii-stream"

DEFAULT_POLICY = Path(__file__).parent / "data" / "policy.yaml"
# faust's working directory: /tmp is writable where the root filesystem is not (k8s)
DEFAULT_DATA_DIR = Path(tempfile.gettempdir()) / "pii-stream-worker"


class KafkaSettings(BaseSettings):
    """Where the cluster is, how to reach it and the topic names: what every Kafka client
    needs (topic set-up, the demo, producers), with no secret required."""

    model_config = SettingsConfigDict(env_prefix="PII_", frozen=True, extra="ignore")

    kafka_bootstrap: str = Field("127.0.0.1:9092", description="Kafka bootstrap servers (host:port, comma-separated)")
    kafka_security_protocol: str = Field("PLAINTEXT", description="PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL")
    kafka_sasl_mechanism: str = Field("SCRAM-SHA-512", description="SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN")
    kafka_sasl_username: str | None = Field(None, description="SASL user name (with a SASL_* protocol)")
    kafka_sasl_password: SecretStr | None = Field(None, description="SASL password (a secret: environment or mounted file)")
    kafka_ssl_cafile: Path | None = Field(None, description="CA bundle for TLS (default: system CAs)")
    # The topic table: every topic name is a setting (PII_TOPIC_*); roles in stream/topics.py.
    topic_keystrokes: str = Field("raw.keystrokes", description="input: key events (keyed by session)")
    topic_prompts: str = Field("raw.prompts", description="input: AI-assistant prompts")
    topic_screen: str = Field("raw.screen", description="input: screen text")
    topic_clicks: str = Field("raw.clicks", description="input: clicks")
    topic_clean: str = Field("pii.clean", description="output: redacted records for every consumer")
    topic_quarantine: str = Field("pii.quarantine", description="output: held records, originals sealed for reviewers")
    topic_drop: str = Field("pii.drop", description="output: content-free tombstones of discarded records")
    topic_audit: str = Field("pii.audit", description="the reviewers' signed audit log")
    topic_quarantine_keys: str = Field("pii.quarantine.keys", description="compacted store of wrapped data keys")
    topic_verdicts: str = Field(
        "pii.quarantine.verdicts", description="compacted reviewers' verdicts on held records, sealed under each record's key"
    )
    topic_erasure: str = Field(
        "pii.erasure", description="compacted erasure notices: a person's pseudonym, time range and count, for consumers of clean"
    )
    raw_partitions: int = Field(6, ge=1, description="partitions of each input topic (topic set-up)")
    group_id: str = Field("pii-stream", description="consumer group (and faust app id)")
    quarantine_retention_days: float = Field(30.0, gt=0, description="held records expire after this")
    key_segment_ms: int = Field(3_600_000, ge=1000, description="segment roll of the wrapped-key store")

    def topic_names(self) -> dict[str, str]:
        """Every topic setting and its name: {"topic_clean": "pii.clean", ...}."""
        return {name: getattr(self, name) for name in TOPIC_SETTINGS}


TOPIC_SETTINGS = tuple(name for name in KafkaSettings.model_fields if name.startswith("topic_"))


class Settings(KafkaSettings):
    """Every option, its default, and its environment variable (PII_<NAME>)."""

    model_config = SettingsConfigDict(env_prefix="PII_", frozen=True, extra="forbid")

    web_host: str = Field("127.0.0.1", description="bind address of /health and /metrics")
    web_port: int = Field(6066, ge=1, le=65535, description="port of /health and /metrics")
    batch_wait_s: float = Field(0.02, gt=0, description="longest wait to fill a worker batch")
    fetch_wait_s: float = Field(
        0.04, ge=0, le=1.0, description="while messages keep coming, longest time the broker holds a worker's fetch (0: never)"
    )
    fetch_min_bytes: int = Field(64 * 1024, ge=1, description="bytes that end a held fetch early")
    idle_check_s: float = Field(2.0, gt=0, description="how often idle keystroke segments are closed")
    stall_restart_s: float = Field(30.0, gt=0, description="restart a worker whose partitions stop moving")

    policy_file: Path = Field(DEFAULT_POLICY, description="versioned routing policy (YAML)")
    pseudonym_key: SecretStr = Field(..., description="HMAC key for user pseudonyms; required")
    recognizer_yaml: Annotated[tuple[Path, ...], NoDecode] = Field(
        (), description="Presidio-format recognizer YAML files, comma-separated in the environment"
    )
    enable_plugins: bool = Field(True, description="load entry-point plugins")

    vault_public_key: Path | None = Field(None, description="reviewers' public key (PEM): workers seal with it")
    reviewer: str | None = Field(None, description="reviewer identity written to the audit log")
    reviewer_private_key: Path | None = Field(None, description="reviewer private key (PEM, passphrase-protected)")
    reviewer_passphrase: SecretStr | None = Field(None, description="passphrase of the reviewer private key")

    id_pattern: str = Field(
        ID_PATTERN,
        description="what an event, device or session id must fully match (a regular expression); "
        "by default no space, control character or @, no run of 9 digits, nothing shaped like an SSN",
    )
    max_event_bytes: int = Field(256 * 1024, ge=1024, description="larger messages are held as malformed")
    max_field_chars: int = Field(64 * 1024, ge=256, description="longer text fields are held as malformed")
    spacy_model: Literal["en_core_web_md", "en_core_web_sm"] = Field(
        "en_core_web_md",
        description="spaCy model of the NER step: en_core_web_md (default; Python 3.12+) "
        "or en_core_web_sm (~210 MB less per process, fewer names found)",
    )
    detection_timeout_s: float = Field(20.0, gt=0, description="per-record detection budget")
    regex_timeout_s: float = Field(1.0, gt=0, description="per-pattern regex budget")
    pattern_cache_dir: Path = Field(DEFAULT_CACHE_DIR, description="cache of the compiled one-pass pattern scan")
    data_dir: Path = Field(DEFAULT_DATA_DIR, description="the worker's faust data directory (nothing durable: state is in Kafka)")
    keystroke_idle_gap_s: float = Field(30.0, gt=0, description="a pause this long closes a typed segment")
    keystroke_max_chars: int = Field(2000, ge=16, description="a typed segment is closed at this many characters")
    batch_size: int = Field(256, ge=1, description="records per detection batch in scan (texts repeated in one are analysed once)")
    worker_batch_size: int = Field(256, ge=1, description="most messages a worker routes per batch (fills only while a backlog waits)")

    @field_validator("id_pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a regular expression ({exc.msg})") from None
        return value

    @field_validator("pseudonym_key")
    @classmethod
    def _strong_key(cls, value: SecretStr) -> SecretStr:
        if len(value.get_secret_value()) < 16:
            raise ValueError("must be at least 16 characters")
        return value

    @field_validator("recognizer_yaml", mode="before")
    @classmethod
    def _split_paths(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(p for p in value.split(",") if p.strip())
        return value


def load_kafka_settings() -> KafkaSettings:
    """The Kafka settings from PII_* variables (no secret needed); ConfigError when invalid."""
    from pipeline.stream.kafka_security import security_of

    try:
        settings = KafkaSettings()
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from None
    security_of(settings)
    return settings


def load_settings(config_file: Path | None = None, **overrides: object) -> Settings:
    """Build the settings from PII_* variables, an optional YAML file and overrides.

    Precedence: overrides > environment > secret files > config file > defaults. Secret
    files (PII_SECRETS_DIR, e.g. a mounted Kubernetes Secret) hold one value each, named
    after the option: pseudonym_key, kafka_sasl_password, reviewer_passphrase. Any
    problem raises ConfigError naming the option — never a silent fallback to a weaker
    default.
    """
    config_file = config_file or _env_path("PII_CONFIG_FILE")
    file_values: dict[str, object] = {}
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError(f"config file not found: {config_file}")
        try:
            loaded = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"config file {config_file} is not valid YAML: {_yaml_problem(exc)}") from None
        if not isinstance(loaded, dict):
            raise ConfigError(f"config file {config_file} must hold a mapping")
        env_set = {k[4:].lower() for k in os.environ if k.startswith("PII_")}
        file_values = {k: v for k, v in loaded.items() if k not in env_set}
    file_values.update(_secret_files(overrides))
    try:
        values: dict[str, Any] = {**file_values, **overrides}
        settings = Settings(**values)
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from None
    except SettingsError as exc:
        raise ConfigError(f"invalid configuration: {exc}") from None
    from pipeline.stream.kafka_security import security_of

    security_of(settings)  # raises ConfigError on an incomplete SASL/TLS setting
    if not settings.policy_file.is_file():
        raise ConfigError(f"policy file not found: {settings.policy_file} (PII_POLICY_FILE)")
    for path in settings.recognizer_yaml:
        if not path.is_file():
            raise ConfigError(f"recognizer YAML not found: {path} (PII_RECOGNIZER_YAML)")
    return settings


SECRET_FILES = ("pseudonym_key", "kafka_sasl_password", "reviewer_passphrase")


def _secret_files(overrides: dict) -> dict[str, str]:
    directory = _env_path("PII_SECRETS_DIR")
    if directory is None:
        return {}
    if not directory.is_dir():
        raise ConfigError(f"PII_SECRETS_DIR is not a directory: {directory}")
    found = {}
    for name in SECRET_FILES:
        path = directory / name
        if name not in overrides and f"PII_{name.upper()}" not in os.environ and path.is_file():
            found[name] = path.read_text(encoding="utf-8").strip()
    return found


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """Where and what, without the parser's excerpt of the file (which quotes its lines,
    secrets included)."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or type(exc).__name__
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
    return where + str(problem).split("\n")[0]


def _describe(exc: ValidationError) -> str:
    problems = []
    for err in exc.errors():
        name = ".".join(str(p) for p in err["loc"]) or "settings"
        problems.append(f"PII_{name.upper()}: {err['msg']}")
    return "invalid configuration: " + "; ".join(problems)
