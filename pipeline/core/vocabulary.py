"""A deployment's own vocabulary, in the policy file: `allow` terms that are never redacted
or held on their own (product and tool names that look like people or places), `deny`
terms that are always redacted as a given entity type (customer names, secret code
names). Each is a word or phrase (whole words, any case) or a regular expression, and may
be scoped to events whose app, window title or URL contains a given text.

An allow term never opens a hole for an identifier: where a finding of a strict category
(identifier, financial, credential, tax) overlaps the allowed text, nothing there is
allowed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

import regex
from pydantic import BaseModel, ConfigDict, Field, model_validator

if TYPE_CHECKING:
    from pipeline.core.detection import Finding

STRICT_CATEGORIES = frozenset({"identifier", "financial", "credential", "tax"})
REGEX_TIMEOUT_S = 0.05  # per term and text: a deployment's pattern cannot stall a worker
RECOGNIZER = "PolicyVocabulary"


class Scope(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    app: str | None = None
    window_title: str | None = None
    url: str | None = None

    def matches(self, context: dict[str, str | None]) -> bool:
        for name in ("app", "window_title", "url"):
            wanted = getattr(self, name)
            if wanted is not None and wanted.lower() not in (context.get(name) or "").lower():
                return False
        return True


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    term: str | None = Field(None, min_length=1, description="a word or phrase, matched as whole words in any case")
    regex: str | None = Field(None, min_length=1, description="a regular expression (Python `regex` syntax)")
    entity: str | None = Field(None, pattern=r"^[A-Z][A-Z0-9_]*$", description="deny only: the entity type to redact as")
    scope: Scope | None = None

    def applies(self, context: dict[str, str | None]) -> bool:
        return self.scope is None or self.scope.matches(context)

    @model_validator(mode="after")
    def _one_form(self) -> Term:
        if (self.term is None) == (self.regex is None):
            raise ValueError("give exactly one of `term` or `regex`")
        try:
            self.pattern  # noqa: B018 - compiled once, here, so a bad pattern stops start-up
        except regex.error as exc:
            raise ValueError(f"not a regular expression ({exc})") from None
        return self

    @cached_property
    def pattern(self) -> Any:  # a compiled `regex` pattern
        if self.regex is not None:
            return regex.compile(self.regex)
        words = r"\s+".join(regex.escape(w) for w in self.term.split())  # type: ignore[union-attr]
        return regex.compile(rf"(?<![\w]){words}(?![\w])", regex.IGNORECASE)

    def spans(self, text: str, fail: bool = False) -> list[tuple[int, int]]:
        """Where the term matches. A time-out allows nothing for an allow term; for a deny
        term (`fail`) it raises TimeoutError, so the record is held, not left unredacted."""
        try:
            return [m.span() for m in self.pattern.finditer(text, timeout=REGEX_TIMEOUT_S) if m.end() > m.start()]
        except TimeoutError:
            if fail:
                raise
            return []


class Vocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    allow: tuple[Term, ...] = ()
    deny: tuple[Term, ...] = ()

    @model_validator(mode="after")
    def _entities(self) -> Vocabulary:
        for i, term in enumerate(self.deny):
            if term.entity is None:
                raise ValueError(f"deny[{i}] needs `entity`: the type its matches are redacted as")
        for i, term in enumerate(self.allow):
            if term.entity is not None:
                raise ValueError(f"allow[{i}] takes no `entity`")
        return self

    def apply(
        self, fields: dict[str, str], context: dict[str, str | None], findings: list[Finding], category_of: Callable[[str], str]
    ) -> tuple[list[Finding], dict[str, list[tuple[int, int]]]]:
        """The findings with the deny terms' matches added and the allowed ones removed, and
        the allowed spans per field (for `masked`); TimeoutError when a deny term's pattern
        ran out of time."""
        if not self.allow and not self.deny:
            return findings, {}
        from pipeline.core.detection import Finding

        out = list(findings)
        for term in self.deny:
            if term.applies(context):
                for name, text in fields.items():
                    out += [Finding(name, term.entity or "", a, b, 1.0, RECOGNIZER) for a, b in term.spans(text, fail=True)]
        allowed = self._allowed_spans(fields, context, out, category_of)

        def allowed_away(f: Finding) -> bool:
            if f.recognizer == RECOGNIZER or category_of(f.entity_type) in STRICT_CATEGORIES:
                return False
            return any(a <= f.start and f.end <= b for a, b in allowed.get(f.field, ()))

        return [f for f in out if not allowed_away(f)], allowed

    def _allowed_spans(
        self, fields: dict[str, str], context: dict[str, str | None], findings: list[Finding], category_of: Callable[[str], str]
    ) -> dict[str, list[tuple[int, int]]]:
        """Where allow terms match, per field, except where a strict finding overlaps."""
        strict = [f for f in findings if category_of(f.entity_type) in STRICT_CATEGORIES]
        spans: dict[str, list[tuple[int, int]]] = {}
        for term in self.allow:
            if term.applies(context):
                for name, text in fields.items():
                    spans.setdefault(name, []).extend(
                        (a, b) for a, b in term.spans(text) if not any(s.field == name and s.start < b and a < s.end for s in strict)
                    )
        return spans

    @staticmethod
    def masked(fields: dict[str, str], allowed: dict[str, list[tuple[int, int]]]) -> dict[str, str]:
        """The fields with allowed text blanked (same length): special-category words in a
        product name ("Lupus Analytics") do not make a disclosure."""
        out = dict(fields)
        for name, spans in allowed.items():
            text = out[name]
            for a, b in spans:
                text = text[:a] + " " * (b - a) + text[b:]
            out[name] = text
        return out
