"""The compat modules' start-up check: refuse a library release their hooks were not tested with."""

from __future__ import annotations

from collections.abc import Mapping
from importlib.metadata import version

from pipeline.errors import ConfigError


def require_tested(tested: Mapping[str, tuple[str, ...]], hooks: str, module: str, tests: str) -> None:
    """ConfigError naming the package when an installed release is not in `tested`."""
    for package, versions in tested.items():
        installed = version(package)
        if installed not in versions:
            raise ConfigError(
                f"{package} {installed} is installed, but {hooks} were tested with {', '.join(versions)} only "
                f"({module}); re-run {tests} on it and add it to TESTED there"
            )
