"""The check reports (ssg/check/report.py): JSON, SARIF and HTML for the web team."""

from __future__ import annotations

import html
import json
from collections import Counter

from ssg.check.registry import all_rules
from ssg.check.report import html_report, json_report, sarif_report
from ssg.diagnostics import Diagnostic, Diagnostics, Severity


def test_a_finding_is_reported_with_the_title_and_fix_of_the_check_that_made_it() -> None:
    """A code may have several checks (CONTENT-02: a column's own period, the veto count, …):
    each finding carries its check, and the reports use that check's words."""
    rules = all_rules()
    shared = next(code for code, n in Counter(r.code for r in rules).items() if n > 1)
    first, second = [r for r in rules if r.code == shared][:2]
    assert (first.title, first.fix) != (second.title, second.fix)
    diags = Diagnostics(
        [
            Diagnostic(Severity.DEDUCT, shared, "content/a.md", 3, "", "甲", rule=first.key),
            Diagnostic(Severity.DEDUCT, shared, "content/b.md", 4, "", "乙", rule=second.key),
        ]
    )
    reported = json.loads(json_report(diags))["diagnostics"]
    assert [d["rule"]["title"] for d in reported] == [first.title, second.title]
    assert [d["rule"]["fix"] for d in reported] == [first.fix, second.fix]
    results = json.loads(sarif_report(diags))["runs"][0]["results"]
    assert [r["properties"]["fix"] for r in results] == [first.fix, second.fix]
    page = html_report(diags, "测试市人民政府", "2026-11-20")
    assert html.escape(first.fix) in page and html.escape(second.fix) in page
