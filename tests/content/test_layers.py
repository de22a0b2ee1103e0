"""The content layer stands below the checker: reading and validating what editors wrote
imports nothing of ssg/check/, which imports the content layer (ARCHITECTURE §3)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ssg.content

REPO = Path(__file__).parents[2]


def test_no_content_module_imports_the_checker() -> None:
    # (a fresh interpreter: this one has long imported ssg.check for other tests)
    modules = sorted(p.stem for p in Path(ssg.content.__file__).parent.glob("*.py"))
    assert "rule_code" in modules and "validate" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module('ssg.content.' + name if name != '__init__' else 'ssg.content')\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('ssg.check'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == []


def test_rule_codes_are_still_told_apart_from_typos() -> None:
    """The catalogue the content layer reads is RULES.md's, as before the move."""
    from ssg.check.catalogue import CATALOGUE
    from ssg.content import rule_code

    assert "SEC-06" in CATALOGUE
    assert rule_code.closest("sec-6") == "SEC-06"
    assert "是不是 SEC-06" in rule_code.shape_problem("SEC06")
