"""pii-stream: detect, score, redact and route workplace telemetry."""

from pipeline import lean_imports

__version__ = "0.1.0"

lean_imports.install()  # before anything imports spaCy or Presidio
