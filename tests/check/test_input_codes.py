"""ssg's own input codes (ssg/check/input_codes.py): every code a diagnostic is made with is
registered, so the reports and `ssg rules` have words for it."""

from __future__ import annotations

import ast
import contextlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from ssg.check.catalogue import CATALOGUE
from ssg.check.input_codes import INPUT_CODES, TABLE
from ssg.check.interact import COLUMNS
from ssg.check.registry import all_rules
from ssg.cli import main
from ssg.diagnostics import Severity
from tests.sitekit import BUILD_DATE, SITE_YAML, make_site

PACKAGE = Path(__file__).resolve().parents[2] / "ssg"
_CODE = re.compile(r"^[A-Z][A-Z0-9]*-\d{2}$")
# Codes that are a word, not PREFIX-NN (the walk cannot tell them from other constants).
_WORD_CODES = frozenset({"SCHEDULED"})
_LEVEL_CALLS = {"error": Severity.ERROR, "advice": Severity.ADVICE}


def _code_literals() -> dict[str, list[str]]:
    """Every string of ssg/ that is a whole code ("YAML-01"), with where it is written: a
    diagnostic's code is written so, in the call or in a constant it is passed by."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and (
                _CODE.match(str(node.value)) or node.value in _WORD_CODES
            ):
                where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
                found.setdefault(str(node.value), []).append(where)
    return found


def test_the_source_is_walked() -> None:
    """(the walk finds what it must: codes of each kind, in calls and in constants)"""
    found = _code_literals()
    assert {"YAML-01", "LIFECYCLE-03", "MESSAGES-04", "SEC-06", "SSG-01"} <= set(found)


def test_every_code_the_source_emits_is_registered() -> None:
    """A code neither in RULES.md's catalogue, nor a registered check's, nor an input code's was
    reported with `"rule": null` and no title in the reports, and `ssg rules` left it out
    (LIFECYCLE-03, YAML-01 … all were). A new code fails here until it has its entry."""
    known = set(CATALOGUE) | {r.code for r in all_rules()} | set(INPUT_CODES)
    missing = {code: where for code, where in _code_literals().items() if code not in known}
    assert missing == {}


def test_every_registered_input_code_is_emitted_and_is_no_rule_code() -> None:
    emitted = set(_code_literals())
    assert [e.code for e in TABLE if e.code not in emitted] == []
    assert len(INPUT_CODES) == len(TABLE)  # (no code twice)
    rules = set(CATALOGUE) | {r.code for r in all_rules()}
    assert sorted(set(INPUT_CODES) & rules) == []
    for entry in TABLE:
        assert entry.title and entry.file and entry.source and entry.fix, entry.code
        assert entry.severities, entry.code
    # (the export's header, as messages.csv is read: the fix of MESSAGES-01 names it)
    assert ",".join(COLUMNS) in INPUT_CODES["MESSAGES-01"].fix


def test_each_code_is_registered_at_the_levels_it_is_reported_at() -> None:
    """Where a call names its code and level together (diags.error("YAML-01", …),
    diags.advice(…), Diagnostic(Severity.ADVICE, "ALLOW-03", …)), the level is the table's."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            level, code = None, None
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in _LEVEL_CALLS:
                level, code = _LEVEL_CALLS[func.attr], node.args[0]
            elif isinstance(func, ast.Name) and func.id == "Diagnostic" and len(node.args) > 1:
                first = node.args[0]
                if isinstance(first, ast.Attribute) and first.attr in Severity.__members__:
                    level, code = Severity[first.attr], node.args[1]
            if not (isinstance(code, ast.Constant) and code.value in INPUT_CODES):
                continue
            if level not in INPUT_CODES[code.value].severities:
                wrong.append(f"{path.name}:{node.lineno} {code.value} {level}")
    assert wrong == []


def _check_json(root: Path) -> dict[str, Any]:
    out = io.StringIO()
    argv = ["check", "--source", str(root), "--date", BUILD_DATE, "--format", "json"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(argv)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(
    ("files", "code", "place"),
    [
        ({"content/dt/x.md": "---\ntitle: 甲\nkeywords:\n\t- 乙\n---\n"}, "YAML-04", 4),
        (
            {"content/dt/x.md": "---\ntitle: 甲\ndate: 2026年3月5日\nsource: 办公室\n---\n"},
            "SCHEMA-04",
            3,
        ),
        ({"data/lifecycle.yaml": "- event: opening\n  date: 2026-13-01\n"}, "LIFECYCLE-03", 2),
        ({"data/site.yaml": SITE_YAML + "domian: www.ceshi.gov.cn\n"}, "CONFIG-03", 16),
        (
            {"content/dt/x.md": "---\ntitle: 甲\ndate: 2026-12-01\nsource: 办公室\n---\n"},
            "SCHEDULED",
            3,
        ),
    ],
)
def test_an_input_problem_is_reported_with_its_title_source_and_fix(
    tmp_path: Path, files: dict[str, str], code: str, place: int
) -> None:
    """(it was `"rule": null`: no title, no source, no fix in the JSON, SARIF and HTML)"""
    make_site(tmp_path, files)
    found = [d for d in _check_json(tmp_path)["diagnostics"] if d["code"] == code]
    assert [d["line"] for d in found] == [place]
    entry = INPUT_CODES[code]
    assert found[0]["rule"] == {"title": entry.title, "source": entry.source, "fix": entry.fix}


def test_ssg_rules_lists_every_input_code_in_text_and_markdown() -> None:
    for form in ("text", "markdown"):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["rules", "--format", form]) == 0
        listed = {line.strip("| ").split(" ")[0] for line in out.getvalue().splitlines()}
        assert sorted(set(INPUT_CODES) - listed) == []
