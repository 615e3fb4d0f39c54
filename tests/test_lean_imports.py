"""spaCy is imported without its command-line package and Presidio without validating
its predefined recognizers' patterns, and only that changes: spaCy's package is whole
when used, other patterns are still validated, Presidio's still match, and an untested
release imports as usual."""

from __future__ import annotations

import subprocess
import sys

COUNT_COMPILES = """
import regex, sys
compiled = []
real = regex.compile
regex.compile = lambda pattern, *a, **k: compiled.append(pattern) or real(pattern, *a, **k)
{before}
import presidio_analyzer
print(len(compiled))
"""


def run(code: str) -> list[str]:
    """What a fresh interpreter running `code` prints, split into words."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


def compiles_while_importing(before: str) -> int:
    return int(run(COUNT_COMPILES.format(before=before))[-1])


def test_presidios_own_patterns_are_not_compiled_at_import():
    plain = compiles_while_importing("")
    ours = compiles_while_importing("import pipeline")
    assert plain > 150 and ours == 0


def test_an_untested_presidio_release_imports_as_usual():
    before = "import pipeline, pipeline.versions as v; v.TESTED['presidio_analyzer'] = ('0.0',)"
    assert compiles_while_importing(before) > 150


def test_other_patterns_are_still_validated_and_presidios_still_match():
    code = """
import pipeline
from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import UrlRecognizer
try:
    Pattern("unbalanced", "(ab", 0.5)
    print("accepted")
except ValueError:
    print("refused")
print(len(UrlRecognizer().analyze("docs at www.example.org today", ["URL"])))
"""
    assert run(code) == ["refused", "1"]


def test_spacys_command_line_package_is_not_imported_with_spacy():
    loaded = "import sys; print(any(m.startswith(('spacy.cli.download', 'spacy.cli.init_config')) for m in sys.modules))"
    assert run(f"import spacy; {loaded}") == ["True"]
    assert run(f"import pipeline, spacy; {loaded}") == ["False"]
    untested = "import pipeline, pipeline.versions as v; v.TESTED['spacy'] = ('0.0',); import spacy"
    assert run(f"{untested}; {loaded}") == ["True"]


def test_spacys_command_line_package_is_whole_when_used():
    code = """
import {first}spacy
print(spacy.cli.download.__module__, spacy.cli.info.__module__)
print(sorted(spacy.info(silent=True))[:2])
"""
    ours, plain = run(code.format(first="pipeline, ")), run(code.format(first=""))
    assert ours == plain and ours[:2] == ["spacy.cli.download", "spacy.cli.info"]


def test_a_module_of_spacys_command_line_package_imports_as_usual():
    code = "import pipeline, spacy, spacy.cli.evaluate as e, spacy.cli as c; print(callable(c.evaluate), c.download.__module__)"
    assert run(code) == ["True", "spacy.cli.download"]
