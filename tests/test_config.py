"""Settings: bad or missing configuration stops start-up with a clear message."""

from __future__ import annotations

import pytest

from pipeline.config import load_settings
from pipeline.errors import ConfigError


def test_missing_pseudonym_key_is_an_error(monkeypatch):
    monkeypatch.delenv("PII_PSEUDONYM_KEY")
    with pytest.raises(ConfigError, match="PII_PSEUDONYM_KEY"):
        load_settings()


def test_short_key_is_rejected_without_echoing_it(monkeypatch):
    monkeypatch.setenv("PII_PSEUDONYM_KEY", "short-secret")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert "at least 16" in str(err.value) and "short-secret" not in str(err.value)


def test_env_overrides_and_config_file(tmp_path, monkeypatch):
    config = tmp_path / "pii.yaml"
    config.write_text("topic_clean: from.file\nbatch_size: 8\n")
    monkeypatch.setenv("PII_BATCH_SIZE", "16")
    settings = load_settings(config)
    assert settings.topic_clean == "from.file" and settings.batch_size == 16


@pytest.mark.parametrize(
    "name,value,match",
    [
        ("PII_POLICY_FILE", "/nonexistent/policy.yaml", "policy file not found"),
        ("PII_RECOGNIZER_YAML", "/nonexistent/r.yaml", "recognizer YAML not found"),
        ("PII_BATCH_SIZE", "zero", "PII_BATCH_SIZE"),
    ],
)
def test_bad_values_name_the_option(monkeypatch, name, value, match):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=match):
        load_settings()


def test_unknown_option_in_config_file_is_rejected(tmp_path):
    config = tmp_path / "pii.yaml"
    config.write_text("kafka_bootstrapp: typo:9092\n")
    with pytest.raises(ConfigError, match="KAFKA_BOOTSTRAPP"):
        load_settings(config)


def test_json_log_lines_carry_no_traceback_text():
    import json
    import logging

    from pipeline.cli.common import JsonFormatter

    try:
        raise ValueError("payload 321-54-9876")
    except ValueError:
        import sys

        record = logging.LogRecord("pipeline", logging.ERROR, __file__, 1, "event %s failed", ("ev-1",), sys.exc_info())
    line = json.loads(JsonFormatter().format(record))
    assert line["msg"] == "event ev-1 failed" and line["exc"] == "ValueError"
    assert "321-54-9876" not in json.dumps(line)


def test_kafka_security_settings_are_checked_and_turned_into_client_options():
    from pipeline.errors import ConfigError
    from pipeline.stream.kafka_security import KafkaSecurity

    assert KafkaSecurity().aiokafka() == {} and KafkaSecurity().faust_credentials() is None
    sasl = KafkaSecurity("SASL_SSL", "SCRAM-SHA-512", "pii-worker", "s3cret-synthetic")
    options = sasl.aiokafka()
    assert options["security_protocol"] == "SASL_SSL" and options["sasl_plain_username"] == "pii-worker"
    assert options["ssl_context"] is not None and sasl.faust_credentials().mechanism.value == "SCRAM-SHA-512"
    for bad in (
        dict(protocol="SASL_PLAINTEXT"),
        dict(protocol="TLS"),
        dict(protocol="SASL_PLAINTEXT", mechanism="GSSAPI", username="u", password="p"),
    ):
        with pytest.raises(ConfigError):
            KafkaSecurity(**bad)
    with pytest.raises(ConfigError, match="PII_KAFKA_SASL_USERNAME"):
        load_settings(kafka_security_protocol="SASL_PLAINTEXT")


def test_secrets_come_from_files_in_the_secrets_dir(tmp_path, monkeypatch):
    (tmp_path / "pseudonym_key").write_text("from-a-mounted-secret-0123456789\n")
    (tmp_path / "kafka_sasl_password").write_text("synthetic-sasl-password")
    monkeypatch.delenv("PII_PSEUDONYM_KEY", raising=False)
    monkeypatch.setenv("PII_SECRETS_DIR", str(tmp_path))
    settings = load_settings()
    assert settings.pseudonym_key.get_secret_value() == "from-a-mounted-secret-0123456789"
    assert settings.kafka_sasl_password.get_secret_value() == "synthetic-sasl-password"
    monkeypatch.setenv("PII_PSEUDONYM_KEY", "the-environment-wins-0123456789")
    assert load_settings().pseudonym_key.get_secret_value() == "the-environment-wins-0123456789"
    monkeypatch.setenv("PII_SECRETS_DIR", str(tmp_path / "missing"))
    with pytest.raises(ConfigError, match="PII_SECRETS_DIR"):
        load_settings()


def test_kafka_settings_need_no_secret_and_name_every_topic(monkeypatch):
    from pipeline.config import load_kafka_settings
    from pipeline.stream.topics import KIND_TOPIC, kind_by_topic

    monkeypatch.delenv("PII_PSEUDONYM_KEY", raising=False)
    monkeypatch.setenv("PII_TOPIC_PROMPTS", "acme.raw.prompts")
    kafka = load_kafka_settings()
    assert kafka.topic_names()["topic_prompts"] == "acme.raw.prompts"
    assert kind_by_topic(kafka)["acme.raw.prompts"] == "prompt"
    assert set(KIND_TOPIC.values()) < set(kafka.topic_names())


def test_kafka_settings_reject_an_incomplete_sasl_setup(monkeypatch):
    from pipeline.config import load_kafka_settings

    monkeypatch.setenv("PII_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    monkeypatch.delenv("PII_KAFKA_SASL_PASSWORD", raising=False)
    with pytest.raises(ConfigError, match="SASL needs"):
        load_kafka_settings()


SECRET = "Sup3r-Secret-Value-7731"


@pytest.mark.parametrize("setting", ["pseudonym_key", "kafka_sasl_password", "reviewer_passphrase"])
@pytest.mark.parametrize(
    "broken",
    [
        '{setting}: "{secret}"\nbatch_size: [unclosed\n',  # a flow sequence never closed
        '{setting}: "{secret}\nbatch_size: 8\n',  # a quote never closed
        "topic_clean: a\n\t{setting}: {secret}\n",  # a tab where YAML wants spaces
    ],
)
def test_a_broken_config_file_is_reported_without_its_lines(tmp_path, monkeypatch, setting, broken):
    monkeypatch.delenv("PII_PSEUDONYM_KEY")
    config = tmp_path / "pii.yaml"
    config.write_text(broken.format(setting=setting, secret=SECRET))
    with pytest.raises(ConfigError) as err:
        load_settings(config)
    message = str(err.value)
    assert "is not valid YAML: line " in message and ", column " in message
    assert SECRET not in message and SECRET[:8] not in message


@pytest.mark.parametrize("setting", ["pseudonym_key", "kafka_sasl_password", "reviewer_passphrase"])
def test_a_secret_of_the_wrong_type_is_named_not_echoed(tmp_path, monkeypatch, setting):
    monkeypatch.delenv("PII_PSEUDONYM_KEY")
    config = tmp_path / "pii.yaml"
    config.write_text(f"{setting}: [{SECRET}]\n")
    with pytest.raises(ConfigError) as err:
        load_settings(config)
    assert setting.upper() in str(err.value) and SECRET not in str(err.value)


def test_the_sasl_password_is_never_in_a_repr():
    from pipeline.stream.kafka_security import KafkaSecurity

    security = KafkaSecurity(protocol="SASL_PLAINTEXT", username="pii-worker", password="Sasl-Secret-4471")
    assert "Sasl-Secret-4471" not in repr(security) and "pii-worker" in repr(security)
