"""pii-stream: detect, score, redact and route workplace telemetry."""

__version__ = "0.1.0"
