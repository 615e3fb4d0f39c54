"""Recognizer plugins: entry points (group `pii_stream.recognizers`) and Presidio YAML files.

Plugins are validated when loaded. A plugin that fails to load or validate raises
PluginError naming it, which stops start-up: a bad plugin never fails mid-stream.
"""

from __future__ import annotations

import logging
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from presidio_analyzer import EntityRecognizer, RecognizerRegistry

from pipeline.config import Settings
from pipeline.errors import PluginError
from recognizers import builtin_recognizers

ENTRY_POINT_GROUP = "pii_stream.recognizers"
log = logging.getLogger(__name__)


def load_all_recognizers(settings: Settings) -> list[EntityRecognizer]:
    """Built-ins, then entry-point plugins, then YAML recognizers; logs what was loaded."""
    return [r for _, group in recognizer_sources(settings) for r in group]


def recognizer_sources(settings: Settings) -> list[tuple[str, list[EntityRecognizer]]]:
    """Where each loaded recognizer comes from, in load order: "built-in", "plugin NAME
    VERSION (module:attr)" or "YAML PATH"."""
    sources = [("built-in", builtin_recognizers())]
    if settings.enable_plugins:
        for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            loaded = load_entry_point(ep)
            version = ep.dist.version if ep.dist else "unknown"
            log.info("plugin %s %s (%s): %s", ep.name, version, ep.value, _entities(loaded))
            sources.append((f"plugin {ep.name} {version} ({ep.value})", loaded))
    for path in settings.recognizer_yaml:
        loaded = load_yaml_recognizers(path)
        log.info("recognizer YAML %s: %s", path, _entities(loaded))
        sources.append((f"YAML {path}", loaded))
    return sources


def load_entry_point(ep: EntryPoint) -> list[EntityRecognizer]:
    """Instances from one entry point: an EntityRecognizer subclass or a factory of a list."""
    label = f"plugin '{ep.name}' ({ep.value})"
    try:
        target = ep.load()
    except Exception as exc:  # noqa: BLE001 - any import failure stops start-up, named
        raise PluginError(f"{label} failed to import: {type(exc).__name__}: {exc}. Fix or uninstall the plugin package.") from None
    try:
        if isinstance(target, type) and issubclass(target, EntityRecognizer):
            produced = [target()]  # type: ignore[call-arg]  # plugin classes take no arguments
        elif callable(target):
            produced = target()
        else:
            raise TypeError("is neither an EntityRecognizer subclass nor a factory")
    except Exception as exc:  # noqa: BLE001
        raise PluginError(f"{label} could not be created: {type(exc).__name__}: {exc}") from None
    return validate_recognizers(produced, label)


def load_yaml_recognizers(path: Path) -> list[EntityRecognizer]:
    """Recognizers from a YAML file in Presidio's recognizer-registry format."""
    label = f"recognizer YAML {path}"
    registry = RecognizerRegistry(supported_languages=["en"])
    try:
        registry.add_recognizers_from_yaml(path)
    except Exception as exc:  # noqa: BLE001
        raise PluginError(f"{label} is invalid: {type(exc).__name__}: {exc}") from None
    return validate_recognizers(registry.recognizers, label)


def validate_recognizers(produced: object, label: str) -> list[EntityRecognizer]:
    """Check a plugin's output: a non-empty list of English EntityRecognizers that can analyze."""
    if not isinstance(produced, (list, tuple)) or not produced:
        raise PluginError(f"{label} must give a non-empty list of recognizers")
    for recognizer in produced:
        if not isinstance(recognizer, EntityRecognizer):
            raise PluginError(f"{label} gave {type(recognizer).__name__}, not an EntityRecognizer")
        name: str = recognizer.name  # type: ignore[has-type]
        if recognizer.supported_language != "en":
            raise PluginError(f"{label}: {name} is for '{recognizer.supported_language}', not 'en'")
        if not recognizer.supported_entities:
            raise PluginError(f"{label}: {name} names no entity")
        try:
            recognizer.analyze("pii-stream plugin self-test 123", recognizer.supported_entities, None)  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001
            raise PluginError(f"{label}: {name} fails its self-test: {type(exc).__name__}") from None
    return list(produced)


def _entities(recognizers: list[EntityRecognizer]) -> str:
    return ", ".join(f"{r.name}[{'/'.join(r.supported_entities)}]" for r in recognizers)  # type: ignore[has-type]
