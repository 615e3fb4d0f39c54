"""Our recognizers live beside Presidio's own without shadowing them."""

import presidio_analyzer.predefined_recognizers as predefined

from pipeline.eval.baseline import PlainPresidio
from recognizers import builtin_recognizers


def test_no_class_name_shadows_a_presidio_recognizer():
    # Presidio's registry loader finds predefined recognizers by class name among all
    # EntityRecognizer subclasses: a same-named class of ours breaks plain Presidio.
    theirs = {n for n in dir(predefined) if n.endswith("Recognizer")}
    ours = {type(r).__name__ for r in builtin_recognizers() if type(r).__module__.startswith("recognizers.")}
    assert len(ours) > 20 and not ours & theirs


def test_plain_presidio_still_builds_after_ours_are_loaded():
    builtin_recognizers()
    assert PlainPresidio().redact("My SSN is 321-54-9876") != "My SSN is 321-54-9876"


def test_digit_gate_counts_digits():
    from recognizers.base import has_digits

    assert has_digits("SSN 321-54-9876", 9) and not has_digits("SSN 321-54-987", 9)
    assert has_digits("no digits", 0) and not has_digits("no digits", 1)
    assert not has_digits("x" * 200_000, 1)  # linear: anchored, disjoint classes


def test_every_builtin_entity_is_named_in_the_default_policy():
    # An entity the policy does not name weighs as `other`: a new recognizer must say
    # what it is worth.
    from pathlib import Path

    from pipeline.core.policy import load_policy

    policy = load_policy(Path("pipeline/data/policy.yaml"))
    named = {e for c in policy.categories.values() for e in c.entities} | set(policy.entity_weights)
    entities = {e for r in builtin_recognizers() for e in r.supported_entities}
    assert entities - named == set()
