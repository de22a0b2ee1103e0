"""The check reports (ssg/check/report.py): JSON, SARIF and HTML for the web team."""

from __future__ import annotations

import contextlib
import html
import io
import json
from collections import Counter
from pathlib import Path

from ssg.check.catalogue import CATALOGUE
from ssg.check.registry import all_rules
from ssg.check.report import html_report, json_report, sarif_report
from ssg.cli import main
from ssg.diagnostics import Diagnostic, Diagnostics, Severity
from tests.sitekit import BUILD_DATE, front, make_site


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


def _check(root: Path, form: str) -> str:
    """`ssg check` in a format: the text report goes to stderr, the others to stdout."""
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--source", str(root), "--date", BUILD_DATE, "--format", form]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert main(argv) == 0  # a deduct finding does not block
    return (err if form == "text" else out).getvalue()


def test_counts_are_those_of_the_findings_listed(tmp_path: Path) -> None:
    """Two same images without alt on one line make one finding, the same line twice: every
    report lists it once, and counts it once."""
    body = '正文。\n\n<img src="pic.png"> <img src="pic.png" width="10">\n'
    fields = {"title": "消息", "date": "2026-11-18", "source": "办公室", "reviewed_by": "审核人"}
    make_site(tmp_path, {"content/dt/a.md": front(fields, body), "content/dt/pic.png": "png"})
    finding = (
        "content/dt/a.md:9: deduct [A11Y-02] 页面 dt/a.html 的图片 pic.png 没有 alt 属性；"
        "请写上说明图片内容的替代文本 (image with no alt on dt/a.html)"
    )
    assert _check(tmp_path, "text").splitlines()[:3] == [
        "== 扣分项 (deduct): 1",
        finding,
        "错误 0，否决 0，扣分 1，建议 0 (errors 0, veto 0, deduct 1, advice 0)",
    ]
    data = json.loads(_check(tmp_path, "json"))
    assert data["summary"]["deduct"] == 1
    assert [(d["code"], d["file"], d["line"], d["field"]) for d in data["diagnostics"]] == [
        ("A11Y-02", "content/dt/a.md", 9, "")
    ]
    page = _check(tmp_path, "html")
    assert page.count("<td>content/dt/a.md:9</td>") == 1
    assert "扣分项（1）" in page and "扣分 1，" in page


def test_an_input_error_under_a_code_of_several_checks_borrows_none_of_their_fixes() -> None:
    """INTERACT-03 has several checks (a reply's department, the placeholders, …); an error
    found when messages.csv is read carries the code but none of them: the report gives the
    code's catalogue title and no fix, not another check's advice."""
    rules = all_rules()
    code = next(c for c, n in Counter(r.code for r in rules).items() if n > 1)
    diags = Diagnostics([Diagnostic(Severity.ERROR, code, "data/x.csv", 2, "", "日期顺序不对")])
    (found,) = json.loads(json_report(diags))["diagnostics"]
    assert found["rule"]["title"] == CATALOGUE[code][0]
    assert found["rule"]["fix"] == ""
    (result,) = json.loads(sarif_report(diags))["runs"][0]["results"]
    assert result["properties"]["title"] == CATALOGUE[code][0]


def _report(root: Path, form: str) -> str:
    """`ssg check` in a format, whatever its exit code (input errors block)."""
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--source", str(root), "--date", BUILD_DATE, "--format", form]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        main(argv)
    return out.getvalue()


_MESSAGES = (
    "id,asked,received,replied,department,category,public\n"
    "M1,2026-11-01,2026年11月2日,,市住建局,咨询,是\n"  # MESSAGES-03: no date
    "M2,2026-11-01,,,市住建局,咨询,是\n"  # MESSAGES-02: no 受理日期
    "M3,2026-11-01,2026-11-02,2026-11-01,市教育局,咨询,是\n"  # MESSAGES-04: answered before
)


def test_messages_csv_errors_are_reported_with_their_own_title_not_the_veto_rules(
    tmp_path: Path,
) -> None:
    """An editor's typing error in data/messages.csv carried INTERACT-02 (a veto rule), and the
    JSON, SARIF and HTML reports gave it that rule's title (“互动回应差…”), source and fix. It has
    an input code of its own, whose words the reports give; file, line, field and text are
    those it had."""
    make_site(tmp_path, {"data/messages.csv": _MESSAGES})
    data = json.loads(_report(tmp_path, "json"))
    found = [(d["code"], d["line"], d["field"], d["rule"]) for d in data["diagnostics"]]
    codes = {code: rule for code, _line, _field, rule in found}
    assert [(code, line, field) for code, line, field, _rule in found] == [
        ("MESSAGES-03", 2, "received"),
        ("MESSAGES-02", 3, "received"),
        ("MESSAGES-04", 4, "replied"),
    ]
    veto_title = next(r.title for r in all_rules() if r.code == "INTERACT-02")
    assert codes["MESSAGES-03"]["title"] == "留言数据的日期不是 YYYY-MM-DD"
    assert codes["MESSAGES-02"]["title"] == "留言数据缺少受理日期"
    assert codes["MESSAGES-04"]["title"].startswith("留言数据的日期顺序不对")
    assert all(rule["source"].startswith("ARCHITECTURE §2.4") for rule in codes.values())
    assert all(rule["fix"] for rule in codes.values())
    sarif = json.loads(_report(tmp_path, "sarif"))["runs"][0]
    titles = {r["id"]: r["shortDescription"]["text"] for r in sarif["tool"]["driver"]["rules"]}
    assert titles["MESSAGES-03"] == codes["MESSAGES-03"]["title"]
    page = _report(tmp_path, "html")
    assert html.escape(codes["MESSAGES-03"]["fix"]) in page
    assert veto_title not in page and "INTERACT-02" not in page


def test_a_schema_error_under_a_code_of_one_check_borrows_none_of_its_words(
    tmp_path: Path,
) -> None:
    """A reply item dated out of order is error [INTERACT-03] (ARCHITECTURE §3.1: a schema
    requirement that is a rule carries the rule's code). INTERACT-03 has one check, the stand-in
    department and question: the reports gave that check's title and fix (“写答复部门和网民的
    留言内容”) to the error. It gets the catalogue's title for the code and no fix."""
    reply = front(
        {
            "title": "答复",
            "date": "2026-11-10",
            "asked": "2026-11-01",
            "received": "2026-11-03",
            "replied": "2026-11-02",
            "department": "市住建局",
            "question": "问题",
            "source": "办公室",
            "reviewed_by": "审核人",
        }
    )
    make_site(tmp_path, {"content/hd/x.md": reply})
    (found,) = json.loads(_report(tmp_path, "json"))["diagnostics"]
    assert (found["code"], found["field"]) == ("INTERACT-03", "replied")
    assert found["rule"] == {"title": CATALOGUE["INTERACT-03"][0], "source": "", "fix": ""}
    checks = [r for r in all_rules() if r.code == "INTERACT-03"]
    assert len(checks) == 1  # (the case: a code with one check, whose words it borrowed)
    assert checks[0].fix not in _report(tmp_path, "html")


def test_ssg_rules_lists_the_input_codes_after_the_rules() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["rules", "--format", "markdown"]) == 0
    lines = out.getvalue().splitlines()
    table = lines.index("## ssg 自有的输入问题代码（不是合规规则）")
    row = "| MESSAGES-04 | 留言数据的日期顺序不对：应为留言日期 ≤ 受理日期 ≤ 答复日期，受理日期不晚于今天 | `data/messages.csv` | error |"
    assert any(line.startswith(row) for line in lines[table:])
    assert not any(line.startswith("| MESSAGES-") for line in lines[:table])
