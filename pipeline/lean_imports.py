"""spaCy and Presidio imported without work pii-stream never uses (~0.5-0.9 s of every
`scan` and worker start on this project's 2-core machine).

- `spacy/__init__.py` imports its command-line package (every `spacy` command, with
  requests, jinja2 and weasel) to re-export `spacy.info`. It now runs with a stand-in
  for that one module; `spacy.info()` and the first read of `spacy.cli` (Presidio's
  `spacy.cli.download`) import the real package, which is then what it always was.
- Importing `presidio_analyzer` builds every predefined recognizer class, and each
  `Pattern` compiles its regex only to validate it (a recognizer compiles its patterns
  again, with its flags, when it runs; we run a few). The `regex` module's compiler is
  pure Python. Patterns of Presidio's predefined recognizers are no longer validated when
  built (Presidio's own tests do); every other Pattern, ours and plugins', still is.

Installed by `pipeline/__init__.py`, before anything imports spaCy or Presidio (if
something did, nothing changes), and only for the releases they were tested with
(`TESTED` in `pipeline/versions.py`): any other imports as usual.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
from types import ModuleType
from typing import Any

from pipeline.versions import is_tested

_PRESIDIOS_OWN = "presidio_analyzer.predefined_recognizers."


def _deferred_info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, importing spaCy's command-line package when called."""
    return importlib.import_module("spacy.cli.info").info(*args, **kwargs)


def _spacy_cli(name: str) -> Any:
    """`spacy.cli` on first use (a module `__getattr__` of spaCy's package)."""
    if name == "cli":
        return importlib.import_module("spacy.cli")
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")


class _SpacyWithoutCli:  # a meta path finder (importlib.abc costs ~20 ms to import)
    """Runs spaCy's `__init__` with a stand-in for `spacy.cli.info`, whose one name it
    re-exports; afterwards `spacy.cli` imports as usual on first use."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name != "spacy":
            return None
        sys.meta_path.remove(self)
        if not is_tested("spacy"):
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        load = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            stand_in = ModuleType("spacy.cli.info")
            stand_in.info = _deferred_info  # type: ignore[attr-defined]
            sys.modules["spacy.cli.info"] = stand_in
            try:
                load(module)
            finally:
                if sys.modules.get("spacy.cli.info") is stand_in:
                    del sys.modules["spacy.cli.info"]
            module.__dict__.setdefault("__getattr__", _spacy_cli)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


class _PresidioPatterns:  # a meta path finder (importlib.abc costs ~20 ms to import)
    """Wraps `presidio_analyzer.pattern` as it loads: Presidio's predefined recognizers'
    patterns are not compiled for validation."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name != "presidio_analyzer.pattern":
            return None
        sys.meta_path.remove(self)
        if not is_tested("presidio_analyzer"):
            return None  # found as usual
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        load = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            load(module)
            validate = module.Pattern._Pattern__validate_regex

            def validate_unless_presidios_own(pattern: str) -> None:
                # frames: this, Pattern.__init__, the code building the Pattern
                if not sys._getframe(2).f_globals.get("__name__", "").startswith(_PRESIDIOS_OWN):
                    validate(pattern)

            module.Pattern._Pattern__validate_regex = staticmethod(validate_unless_presidios_own)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def install() -> None:
    """Add the import hooks."""
    if "spacy" not in sys.modules:
        sys.meta_path.insert(0, _SpacyWithoutCli())
    if "presidio_analyzer" not in sys.modules:
        sys.meta_path.insert(0, _PresidioPatterns())
