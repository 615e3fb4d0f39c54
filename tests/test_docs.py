"""The documentation says what is: the configuration page is generated from Settings, every
setting has a description, and code points only at pages that exist."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from pipeline.config import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_described():
    assert [n for n, f in Settings.model_fields.items() if not (f.description or "").strip()] == []


def test_the_configuration_page_is_current():
    done = subprocess.run([sys.executable, "-m", "tools.config_reference", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    page = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert all(f"`PII_{name.upper()}`" in page for name in Settings.model_fields)


def test_code_and_docs_refer_to_files_that_exist():
    cited = set()
    sources = [*ROOT.glob("pipeline/**/*.py"), *ROOT.glob("recognizers/**/*.py"), *ROOT.glob("deploy/**/*.yaml"), ROOT / "README.md"]
    for path in sources:
        cited |= set(re.findall(r"\bdocs/[\w/-]+\.(?:md|json)", path.read_text(encoding="utf-8")))
    assert cited, "nothing cites docs/: the check would check nothing"
    assert sorted(c for c in cited if not (ROOT / c).is_file()) == []
    assert not [p for p in ROOT.glob("pipeline/**/*.py") if "SPEC.md" in p.read_text(encoding="utf-8")]
