"""The versioned policy file: category rules, thresholds, and sensitivity -> route."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal, cast

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipeline.core import codes
from pipeline.core.codes import Reason, Route
from pipeline.core.vocabulary import Vocabulary
from pipeline.errors import PolicyError

# The special categories of docs/contract.md, "Special categories and the personal link".
SpecialCategory = Literal["medical", "hr", "protected_attribute", "personal_finance"]


CLEAN, QUARANTINE, DROP = Route.CLEAN, Route.QUARANTINE, Route.DROP


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Category(_Strict):
    weight: float = Field(ge=0, le=100)
    entities: tuple[str, ...] = ()


class DefaultCategory(_Strict):
    name: str
    weight: float = Field(ge=0, le=100)


class ContextRule(_Strict):
    name: str
    category: str
    boost: float = Field(ge=0, le=100)
    match: tuple[str, ...]  # whole words or phrases, case-insensitive: kept lower-cased

    @field_validator("match")
    @classmethod
    def _lower(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(m.lower() for m in value)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        # Bounded by non-alphanumerics: "signal" names the messenger, not "signals two cuts".
        terms = "|".join(re.escape(m) for m in sorted(self.match, key=len, reverse=True))
        return re.compile(rf"(?<![a-z0-9])(?:{terms})(?![a-z0-9])")


class Combine(_Strict):
    breadth: float = Field(ge=0, le=1)
    per_extra_finding: float = Field(ge=0)
    max_volume: float = Field(ge=0)


class Levels(_Strict):
    medium: int
    high: int
    critical: int


class Thresholds(_Strict):
    quarantine: int = Field(ge=1, le=100)
    drop: int = Field(ge=1, le=101)


class Policy(_Strict):
    """A validated policy file. `version` is stamped on every output record."""

    version: str = Field(min_length=1)
    min_finding_score: float = Field(ge=0, le=1)
    levels: Levels
    thresholds: Thresholds
    drop_categories: tuple[str, ...] = ()
    excluded_apps: tuple[str, ...] = ()
    excluded_pages: tuple[str, ...] = ()
    default_category: DefaultCategory
    categories: dict[str, Category]
    entity_weights: dict[str, float] = {}
    combine: Combine
    context_rules: tuple[ContextRule, ...] = ()
    # docs/contract.md, "Special categories and the personal link": per category, `hold` sends a
    # disclosure about a person to quarantine (even fully redacted); `allow` lets it
    # through redacted. A category the policy does not name is held (fail closed); an
    # unknown name is an error, so a typo cannot silently let a category through.
    special_categories: dict[SpecialCategory, Literal["hold", "allow"]] = {}
    # Context rules whose match means the user's own account (a personal link).
    personal_account_rules: tuple[str, ...] = ()
    # The deployment's own words: `allow` (never redacted or held on their own), `deny`
    # (always redacted as a given entity type); see pipeline/core/vocabulary.py.
    vocabulary: Vocabulary = Vocabulary()

    @model_validator(mode="after")
    def _consistent(self) -> Policy:
        if not self.levels.medium < self.levels.high < self.levels.critical:
            raise ValueError("levels must increase: medium < high < critical")
        if self.thresholds.quarantine > self.thresholds.drop:
            raise ValueError("thresholds.quarantine must not exceed thresholds.drop")
        seen: dict[str, str] = {}
        for name, category in self.categories.items():
            for entity in category.entities:
                if entity in seen:
                    raise ValueError(f"entity {entity} is in both {seen[entity]} and {name}")
                seen[entity] = name
        return self

    def category_of(self, entity_type: str) -> str:
        """The category an entity type counts toward (the default one when unnamed)."""
        return self._entity_category().get(entity_type, self.default_category.name)

    def weight_of(self, entity_type: str) -> float:
        """The score one fully confident finding of this entity type gives."""
        if entity_type in self.entity_weights:
            return self.entity_weights[entity_type]
        category = self.categories.get(self.category_of(entity_type))
        return category.weight if category else self.default_category.weight

    def _entity_category(self) -> dict[str, str]:
        cached = self.__dict__.get("_entity_map")
        if cached is None:
            cached = {e: n for n, c in self.categories.items() for e in c.entities}
            object.__setattr__(self, "_entity_map", cached)
        return cached

    def level_of(self, score: int) -> str:
        if score >= self.levels.critical:
            return "critical"
        if score >= self.levels.high:
            return "high"
        if score >= self.levels.medium:
            return "medium"
        return "low"

    def is_excluded_app(self, app: str | None) -> bool:
        lowered = (app or "").lower()
        return bool(lowered) and any(name in lowered for name in self.excluded_apps)

    def is_excluded_page(self, window_title: str | None, url: str | None) -> bool:
        """A password manager's or an authenticator's page in a browser (title or URL)."""
        lowered = f"{window_title or ''}\n{url or ''}".lower()
        return any(name in lowered for name in self.excluded_pages)


@dataclass(frozen=True)
class Decision:
    """Where a record goes and why (reason codes, never values)."""

    route: Route
    reasons: tuple[str, ...]


def _hold(policy: Policy, category: str) -> bool:
    settings = cast(Mapping[str, str], policy.special_categories)  # keys are validated category names
    return settings.get(category, "hold") == "hold"


def decide_route(policy: Policy, score: int, categories: list[str], disclosed: tuple[str, ...] = ()) -> Decision:
    """Route by score, categories and the special categories disclosed about a person.
    Pure; detection failures are decided by the caller."""
    dropped = [c for c in categories if c in policy.drop_categories]
    if dropped:
        return Decision(DROP, tuple(codes.category(c) for c in dropped))
    if score >= policy.thresholds.drop:
        return Decision(DROP, (Reason.SCORE_ABOVE_DROP,))
    held = tuple(codes.special_category(c) for c in disclosed if _hold(policy, c))
    if score >= policy.thresholds.quarantine:
        return Decision(QUARANTINE, (Reason.SCORE_ABOVE_QUARANTINE,) + held)
    if held:
        return Decision(QUARANTINE, held)
    return Decision(CLEAN, ())


def load_policy(path: Path) -> Policy:
    """Read and validate a policy file; any problem raises PolicyError naming the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PolicyError(f"policy file {path}: cannot read: {exc}") from None
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'policy'}: {e['msg']}" for e in exc.errors())
        raise PolicyError(f"policy file {path} is invalid: {problems}") from None
