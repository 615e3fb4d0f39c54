"""Typed placeholders and keyed user pseudonyms.

Overlapping findings are merged into one span (the union) under the type of the most
confident of them, so a value is never left half-visible between two placeholders.
Findings returned for output records carry the placeholder's position in the redacted
text (docs/contract.md): the original positions would tell each redacted value's length.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from pipeline.core.detection import Finding


def merge_overlaps(findings: list[Finding]) -> list[Finding]:
    """One finding per run of overlapping findings (of one field): their union, with the
    type, score and recognizer of the most confident (then longest) of them."""
    merged: list[tuple[int, int, list[Finding]]] = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if merged and f.start < merged[-1][1]:
            start, end, group = merged[-1]
            merged[-1] = (start, max(end, f.end), group + [f])
        else:
            merged.append((f.start, f.end, [f]))
    out = []
    for start, end, group in merged:
        best = max(group, key=lambda f: (f.score, f.end - f.start))
        out.append(best.moved(start, end))
    return out


def redact(text: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """The text with every finding replaced by `<ENTITY_TYPE>`, and one finding per
    placeholder, positioned on the placeholder in the returned text."""
    parts: list[str] = []
    placed: list[Finding] = []
    cursor = length = 0
    for f in merge_overlaps(findings):
        kept = text[cursor : f.start]
        placeholder = f"<{f.entity_type}>"
        parts += [kept, placeholder]
        length += len(kept)
        placed.append(f.moved(length, length + len(placeholder)))
        length += len(placeholder)
        cursor = f.end
    parts.append(text[cursor:])
    return "".join(parts), placed


@lru_cache(maxsize=4096)  # users recur across events
def pseudonymize(user_id: str, key: bytes) -> str:
    """A keyed HMAC-SHA256 pseudonym: stable per key, not reversible without it."""
    digest = hmac.new(key, user_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"u_{digest[:32]}"
