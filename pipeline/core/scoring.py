"""Findings + context -> sensitivity. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.core.detection import Finding
from pipeline.core.policy import Policy


@dataclass(frozen=True)
class Sensitivity:
    """An integer 0-100, its level, and the categories that drove it."""

    score: int
    level: str
    categories: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"score": self.score, "level": self.level, "categories": list(self.categories)}


def score_record(policy: Policy, findings: list[Finding], context: dict[str, str | None]) -> Sensitivity:
    """Score a record from its findings (type, confidence, count) and its context.

    The strongest finding sets the base; each further category adds a share of its
    weight; more findings add a little; a matching context rule (tax site, patient
    portal, HR system, private messaging) adds its boost and its category.
    """
    best_by_category: dict[str, float] = {}
    for finding in findings:
        category = policy.category_of(finding.entity_type)
        value = policy.weight_of(finding.entity_type) * min(1.0, finding.score)
        best_by_category[category] = max(best_by_category.get(category, 0.0), value)
    ranked = sorted(best_by_category.values(), reverse=True)
    base = ranked[0] if ranked else 0.0
    breadth = policy.combine.breadth * sum(ranked[1:])
    volume = min(policy.combine.max_volume, policy.combine.per_extra_finding * max(0, len(findings) - 1))
    boost, context_categories = _context_boost(policy, context)
    score = max(0, min(100, round(base + breadth + volume + boost)))
    categories = sorted(set(best_by_category) | set(context_categories))
    return Sensitivity(score, policy.level_of(score), tuple(categories))


def _context_boost(policy: Policy, context: dict[str, str | None]) -> tuple[float, list[str]]:
    matched = _matched_rules(policy, context)
    return max((r.boost for r in matched), default=0.0), [r.category for r in matched]


def matched_context_rules(policy: Policy, context: dict[str, str | None]) -> list[str]:
    """Names of the context rules that app, window title or URL match."""
    return [r.name for r in _matched_rules(policy, context)]


def _matched_rules(policy: Policy, context: dict[str, str | None]) -> tuple:
    # Apps, titles and URLs repeat across events, and each record asks twice (its
    # disclosure and its score): the rules matched are remembered per context.
    rules, known = policy.__dict__.get("_rules_by_context", (None, {}))
    if rules is not policy.context_rules:  # first use, or a copy with other rules
        rules, known = policy.context_rules, {}
        policy.__dict__["_rules_by_context"] = (rules, known)
    key = tuple(context.values())
    matched = known.get(key)
    if matched is None:
        if len(known) >= _KNOWN_CONTEXTS:
            known.clear()
        haystack = " ".join(v.lower() for v in context.values() if v)
        matched = known[key] = tuple(r for r in rules if r.pattern.search(haystack))
    return matched


_KNOWN_CONTEXTS = 4096
