"""One base error; messages never contain payloads or matched values."""


class PiiStreamError(Exception):
    """Base of every error pii-stream raises on purpose."""


class ConfigError(PiiStreamError):
    """Configuration is missing or invalid: the process must not start."""


class KafkaUnreachable(ConfigError):
    """No broker of PII_KAFKA_BOOTSTRAP answered."""


class PolicyError(ConfigError):
    """The policy file is missing or invalid."""


class PluginError(ConfigError):
    """A recognizer plugin failed to load or validate."""


class InputFileError(PiiStreamError):
    """An input file cannot be read at all (not a per-record problem)."""
