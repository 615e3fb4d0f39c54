"""Adds the sha256 of every file PyPI serves for each pinned release to a lock file, so
`pip install -r` checks what it downloads (pip's hash-checking mode; every platform's
wheels and the sdist are listed, so the lock installs wherever the pins do).

    python -m tools.lock_hashes requirements.lock requirements-dev.lock

Reads PyPI's simple index (PEP 503); comments, `-r` lines and existing hashes are kept.
"""

from __future__ import annotations

import re
import sys
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename
from packaging.version import Version

INDEX = "https://pypi.org/simple"
_PIN = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[\w,-]+\])?==([^\s;\\]+)\s*$")  # name[extras]==version


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.files: list[tuple[str, str]] = []  # (file name, sha256)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") or ""
        if tag == "a" and "#sha256=" in href:
            url, digest = href.split("#sha256=", 1)
            self.files.append((url.rsplit("/", 1)[-1], digest))


def _release_of(filename: str) -> tuple[str, Version] | None:
    try:
        if filename.endswith(".whl"):
            name, version, _, _ = parse_wheel_filename(filename)
        else:
            name, version = parse_sdist_filename(filename)
    except ValueError:
        return None
    return canonicalize_name(name), version


def hashes_of(name: str, version: str) -> list[str]:
    """sha256 digests of every file of `name==version` on PyPI, sorted."""
    with urllib.request.urlopen(f"{INDEX}/{canonicalize_name(name)}/", timeout=60) as response:  # noqa: S310 - a fixed https URL
        parser = _Links()
        parser.feed(response.read().decode("utf-8"))
    wanted = (canonicalize_name(name), Version(version))
    digests = sorted({digest for filename, digest in parser.files if _release_of(filename) == wanted})
    if not digests:
        raise SystemExit(f"no files of {name}=={version} on {INDEX}")
    return digests


def with_hashes(text: str) -> str:
    out = []
    for line in text.splitlines():
        bare = line.rstrip(" \\")
        pin = _PIN.match(bare)
        if pin is None:
            if not line.startswith("    --hash="):
                out.append(line)
            continue
        out.append(bare + " \\")
        digests = hashes_of(*pin.groups())
        out += [f"    --hash=sha256:{d}" + (" \\" if i < len(digests) - 1 else "") for i, d in enumerate(digests)]
    return "\n".join(out) + "\n"


def main(paths: list[str]) -> int:
    for path in map(Path, paths):
        path.write_text(with_hashes(path.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"hashed {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
