"""Presidio imported without compiling ~170 patterns we never run (~0.1-0.3 s of every
`scan` and worker start on this project's 2-core machine).

Importing `presidio_analyzer` builds every predefined recognizer class, and each
`Pattern` compiles its regex only to validate it (a recognizer compiles its patterns
again, with its flags, when it runs; we run a few of them). The `regex` module's compiler
is pure Python. Patterns defined by Presidio's predefined recognizers are no longer
validated when built (Presidio's own tests validate them); every other Pattern, ours and
plugins', still is.

Installed by `pipeline/__init__.py`, before anything imports Presidio (if something did,
nothing changes), and only for the release it was tested with (`TESTED`): any other
imports as usual. (spaCy's import of its own command-line package, ~0.1 s, is left: a
lazy stand-in changed what `spacy.cli.download` is.)
"""

from __future__ import annotations

import importlib.machinery
import sys
from types import ModuleType
from typing import Any

TESTED = {"presidio_analyzer": "2.2.366"}
_PRESIDIOS_OWN = "presidio_analyzer.predefined_recognizers."


def _tested(package: str) -> bool:
    from importlib.metadata import PackageNotFoundError, version  # ~50 ms to import: only when used

    try:
        return version(package) == TESTED[package]
    except PackageNotFoundError:
        return False


class _PresidioPatterns:  # a meta path finder (importlib.abc costs ~20 ms to import)
    """Wraps `presidio_analyzer.pattern` as it loads: Presidio's predefined recognizers'
    patterns are not compiled for validation."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name != "presidio_analyzer.pattern":
            return None
        sys.meta_path.remove(self)
        if not _tested("presidio_analyzer"):
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
    """Add the import hook (it removes itself after its one import)."""
    if "presidio_analyzer" not in sys.modules:
        sys.meta_path.insert(0, _PresidioPatterns())
