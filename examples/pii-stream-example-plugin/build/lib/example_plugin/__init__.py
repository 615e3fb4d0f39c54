"""Recognizers for one company's own identifiers, the way a deployment adds them to
pii-stream without touching its code:

- `EmployeeBadgeRecognizer`: a pattern with a checksum. Badge numbers are `EB-` and seven
  digits whose last is a Luhn check digit; a number that fails the check is not a badge.
- `ProjectCodenameRecognizer`: context decides. Code names are ordinary words ("Falcon",
  "Juniper"), so one counts only right after "project" or "codename".
- `cost_centres.yaml` (next to this file): a recognizer in Presidio's YAML format, for
  `PII_RECOGNIZER_YAML`.
"""

from __future__ import annotations

import re
from pathlib import Path

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from stdnum import luhn

CODENAMES = ("falcon", "juniper", "tamarack", "osprey", "bluebell")
YAML = Path(__file__).with_name("cost_centres.yaml")


class EmployeeBadgeRecognizer(PatternRecognizer):
    """EB-1234567: seven digits, the last a Luhn check digit."""

    def __init__(self) -> None:
        super().__init__(
            supported_entity="EMPLOYEE_BADGE",
            name="EmployeeBadgeRecognizer",
            patterns=[Pattern("employee_badge", r"\bEB-\d{7}\b", 0.6)],
            context=["badge", "employee", "staff"],
        )

    def validate_result(self, pattern_text: str) -> bool:
        return luhn.is_valid(pattern_text[3:])


class ProjectCodenameRecognizer(EntityRecognizer):
    """A listed code name right after "project" or "codename" (any case)."""

    _CUE = re.compile(r"\b(?:project|codename|code name)\s+(" + "|".join(CODENAMES) + r")\b", re.IGNORECASE)

    def __init__(self) -> None:
        super().__init__(supported_entities=["PROJECT_CODENAME"], name="ProjectCodenameRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "PROJECT_CODENAME" not in entities:
            return []
        return [RecognizerResult("PROJECT_CODENAME", m.start(1), m.end(1), 0.85) for m in self._CUE.finditer(text)]


def make_recognizers() -> list[EntityRecognizer]:
    """A factory: an entry point may name one returning several recognizers."""
    return [ProjectCodenameRecognizer()]
