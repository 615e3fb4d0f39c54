"""The one-pass pattern scan only skips recognizers that could not have matched."""

from __future__ import annotations

import pytest
from presidio_analyzer import Pattern, PatternRecognizer

from pipeline.core import pattern_scan
from pipeline.core.analysis import RecognizerRun
from pipeline.core.pattern_scan import PatternScan, gated
from recognizers.base import ConstantPatternRecognizer
from recognizers.phone_recognizer import InternationalPhoneRecognizer

# Our own texts, one or more per kind of pattern recognizer, and some with nothing.
TEXTS = [
    "ssn 536-90-4399 and itin 912-71-4455 on the w-9",
    "card 4111 1111 1111 1111 exp 09/29, routing 021000021 account 12345678901",
    "IBAN DE89 3704 0044 0532 0130 00 for the transfer",
    "wire it to gb82 west 1234 5698 7654 32 (iban), or NL91ABNA0417164300 2 days later",
    "mail dana.okafor@example.org or call +44 20 7946 0958",
    "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE and api_key = 'q8Zr2LmT7vXw4YpN0sKd'",
    "my wifi password is Tr0ub4dor&3, pin 4821",
    "diagnosed with type 2 diabetes, taking metformin 500 mg; MRN 00482913",
    "npi 1234567893, dea AB1234563, icd E11.9",
    "salary bumped to $142,000; placed on a performance improvement plan",
    "ship it to 1600 Amphitheatre Parkway, Mountain View, CA 94043",
    "passport number X49201833, driver licence D1234-56789-01234",
    "member id: XKZ448120931, employee id 48213, rated 4 out of 5; Dr. Adaeze Okafor signed, ip pin 482913",
    "server at 10.20.30.40, firmware 4.11.2.6",
    "the quick brown fox jumps over the lazy dog",
    "kubectl get pods -n payments | grep Running",
    "Zürich, São Paulo and Dakar are on the list \u2014 naïve café",
    "reach me:\\n+44 20 7946 0958\\nor 0207 946 0959 (office)",
]


@pytest.fixture(scope="module")
def detector(pipeline):
    return pipeline.detector


def test_gated_and_ungated_findings_are_equal(detector):
    ungated = RecognizerRun(detector.recognizers, detector.entities, detector.run.enhancer, detector.run.min_score, scan=None)
    artifacts = detector.nlp_engine.artifacts(TEXTS)
    skipped = 0
    for text, nlp_artifacts in zip(TEXTS, artifacts):
        with_scan = [(r.entity_type, r.start, r.end, r.score) for r in detector.run.analyze(text, nlp_artifacts)]
        without = [(r.entity_type, r.start, r.end, r.score) for r in ungated.analyze(text, nlp_artifacts)]
        assert with_scan == without, text
        skipped += len(detector.run.scan.gated - detector.run.scan.possible(text))
    assert skipped > len(TEXTS) * 10, "the scan should rule most pattern recognizers out"


def test_the_scan_names_the_recognizers_that_match(detector):
    names = {i: r.name for i, r in enumerate(detector.recognizers)}
    possible = {names[i] for i in detector.run.scan.possible("ssn 536-90-4399 and mail dana.okafor@example.org")}
    assert {"UsSsnChecksumRecognizer", "EmailRecognizer"} <= possible
    assert "SecretTokenRecognizer" not in possible


def test_only_the_patterns_the_scan_found_possible_run(detector):
    [index] = [i for i, r in enumerate(detector.recognizers) if r.name == "SecretTokenRecognizer"]
    places = detector.run.scan.possible_patterns("export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE")[index]
    assert places and len(places) < len(detector.recognizers[index].patterns) / 4


@pytest.mark.parametrize(
    "pattern,scanned",
    [
        (r"(?i)(?<=\bpass(?:word)?\s*[:=)]\s*)\S+", r"(?i)(?:\bpass(?:word)?\s*[:=)]\s*)\S+"),
        (r"(?<=[]a)])b", r"(?:[]a)])b"),  # a "]" first in a class, a ")" inside one
        (r"(?<=[^]a)])b", r"(?:[^]a)])b"),
        (r"(?<=\(x\))y", r"(?:\(x\))y"),
        (r"(?<=a)b|c", r"(?:a)b|c"),
        (r"\d{3}(?<=x)", r"\d{3}(?<=x)"),  # not leading: left to Hyperscan
        (r"(?<=(unclosed)", r"(?<=(unclosed)"),
    ],
)
def test_a_leading_lookbehind_is_scanned_as_consumed_text(pattern, scanned):
    assert pattern_scan.consumed_lookbehind(pattern) == scanned


def test_a_context_anchored_recognizer_is_ruled_out_without_its_context(detector):
    [index] = [i for i, r in enumerate(detector.recognizers) if r.name == "PasswordRecognizer"]
    assert index not in detector.run.scan.possible("the nightly build 4821 passed in 12 minutes")
    text = "the wifi password is Tr0ub4dor&3"
    assert index in detector.run.scan.possible(text)
    [artifacts] = detector.nlp_engine.artifacts([text])
    assert any(r.entity_type == "PASSWORD" for r in detector.run.analyze(text, artifacts))


def test_which_recognizers_are_gated():
    assert gated(ConstantPatternRecognizer(patterns=[Pattern("p", r"\d{4}", 0.5)], supported_entity="X"))
    assert gated(PatternRecognizer(supported_entity="X", patterns=[Pattern("p", r"\d{4}", 0.5)]))
    assert gated(InternationalPhoneRecognizer())  # except on texts with a literal "\\n" (below)


def test_a_recognizer_that_rewrites_some_texts_runs_in_full_on_them(detector):
    [index] = [i for i, r in enumerate(detector.recognizers) if r.name == "InternationalPhoneRecognizer"]
    assert index not in detector.run.scan.possible("no digits here, none at all")
    # it reads a literal "\\n" as a line break: on such a text every pattern runs
    text = "reach me:\\n+44 20 7946 0958\\nthanks"
    assert detector.run.scan.possible_patterns(text)[index] is None
    [artifacts] = detector.nlp_engine.artifacts([text])
    assert any(r.entity_type == "PHONE_NUMBER" for r in detector.run.analyze(text, artifacts))


def test_the_iban_recognizer_is_gated_and_still_finds_ibans(detector):
    [index] = [i for i, r in enumerate(detector.recognizers) if r.name == "IbanRecognizer"]
    assert index in detector.run.scan.gated
    assert index not in detector.run.scan.possible("the quick brown fox, 42 times")
    text = "wire it to GB82 WEST 1234 5698 7654 32 today"
    [artifacts] = detector.nlp_engine.artifacts([text])
    assert any(r.entity_type == "IBAN_CODE" for r in detector.run.analyze(text, artifacts))


def _recognizer(pattern: str) -> PatternRecognizer:
    return PatternRecognizer(supported_entity="X", name="Plugin", patterns=[Pattern("p", pattern, 0.5)])


def test_a_pattern_hyperscan_rejects_leaves_its_recognizer_ungated(tmp_path):
    # \K: the regex module runs it, Hyperscan cannot compile it
    scan = PatternScan([_recognizer(r"ab\Kc"), _recognizer(r"\bzq\d{3}\b")], cache_dir=tmp_path)
    assert scan.gated == frozenset({1})
    assert scan.possible("zq123") == frozenset({1}) and scan.possible("nothing") == frozenset()


def test_a_failed_scan_runs_every_recognizer(tmp_path, monkeypatch):
    scan = PatternScan([_recognizer(r"\bzq\d{3}\b")], cache_dir=tmp_path)

    class Broken:
        def scan(self, *args, **kwargs):
            raise RuntimeError("scratch")

    monkeypatch.setattr(scan, "_scans", [([0], Broken())])
    assert scan.possible("nothing here") == frozenset({0})
    assert scan.possible("lone \ud800 surrogate") == scan.gated


def test_the_database_is_cached_and_reused(tmp_path, monkeypatch):
    PatternScan([_recognizer(r"\bzq\d{3}\b")], cache_dir=tmp_path)
    assert len(list(tmp_path.glob("patterns-*.hsdb"))) == 1

    class NoCompiling:
        def __init__(self, *args, **kwargs):
            raise AssertionError("compiled again")

    monkeypatch.setattr(pattern_scan.hyperscan, "Database", NoCompiling)
    scan = PatternScan([_recognizer(r"\bzq\d{3}\b")], cache_dir=tmp_path)
    warnings = []
    monkeypatch.setattr(pattern_scan.log, "warning", lambda *args: warnings.append(args))
    assert scan.possible("id zq123") == frozenset({0}) and scan.possible("nothing") == frozenset()
    assert not warnings  # the loaded database scans (it needs scratch space of its own)


def test_every_built_in_pattern_compiles_for_the_one_pass_scan():
    # one rejected pattern leaves its recognizer ungated and makes every start compile each
    # pattern alone to find it (~20 s a process)
    from pipeline.core.pattern_scan import _compiles, _hs_flags, consumed_lookbehind
    from recognizers import builtin_recognizers

    rejected = [
        (type(r).__name__, p.name)
        for r in builtin_recognizers()
        if gated(r)
        for p in getattr(r, "patterns", [])
        if not _compiles(consumed_lookbehind(p.regex), _hs_flags(r.global_regex_flags or 0))
    ]
    assert rejected == []
