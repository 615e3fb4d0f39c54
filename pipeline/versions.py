"""The one table of library releases whose internals pii-stream's compatibility hooks were
tested with, and the start-up check that refuses any other.

`presidio_compat` and `faust_compat` refuse to start on an untested release (their hooks
guard detection and delivery); `lean_imports` (a start-up speed-up only) steps aside and
lets an untested release import as usual.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from pipeline.errors import ConfigError

TESTED: dict[str, tuple[str, ...]] = {
    "presidio_analyzer": ("2.2.366",),
    "spacy": ("3.8.18",),
    "faust-streaming": ("0.15.3",),
    "aiokafka": ("0.14.0",),
}


def is_tested(package: str) -> bool:
    """Whether the installed release of `package` is one in TESTED."""
    try:
        return version(package) in TESTED[package]
    except PackageNotFoundError:
        return False


def require_tested(packages: tuple[str, ...], hooks: str, module: str, tests: str) -> None:
    """ConfigError naming the package when an installed release is not in TESTED."""
    for package in packages:
        if not is_tested(package):
            raise ConfigError(
                f"{package} {version(package)} is installed, but {hooks} were tested with {', '.join(TESTED[package])} only "
                f"({module}); re-run {tests} on it and add it to TESTED in pipeline/versions.py"
            )
