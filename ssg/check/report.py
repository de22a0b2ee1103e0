"""Reports of a check: grouped text, JSON, SARIF (for CI annotations) and an HTML page.

All are generated from the same diagnostics and the rule registry; none is written into
the published site.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from ssg import __version__
from ssg.check.catalogue import (
    CATALOGUE,
    DEPLOY_TOOLS,
    ENFORCED_ELSEWHERE,
    NOT_IMPLEMENTED,
    PENDING,
)
from ssg.check.input_codes import InputCode
from ssg.check.registry import Rule, all_input_codes, all_rules
from ssg.diagnostics import Diagnostic, Diagnostics, Severity, folded_lines, summary_line

GROUPS = (
    (Severity.ERROR, "错误（输入不合法，阻止发布）", "errors"),
    (Severity.VETO, "单项否决（阻止发布）", "veto"),
    (Severity.DEDUCT, "扣分项", "deduct"),
    (Severity.ADVICE, "建议", "advice"),
)


def concluded(diags: Diagnostics, checked: bool = True) -> bool:
    """Whether the check reached a verdict on vetoes: the rules ran (`checked`), and on input
    without errors. An input error a rule reads (a frozen annual-report file's YAML-05,
    REPORT-03; a previous_urls line that is no URL, DEPLOY-04) means the rules judged input
    that is wrong, so "no veto found" would mislead (README). Every report says the same."""
    return checked and not diags.count(Severity.ERROR)


def verdict(diags: Diagnostics, checked: bool = True) -> str:
    """The spot check's conclusion; none when input errors kept the rules from running."""
    if not checked:
        return "抽查结论：输入有错误，合规规则未运行，未作结论 (no verdict: the rules were not run)"
    if not concluded(diags, checked):
        return "抽查结论：输入有错误，未作结论；请先改正错误 (no verdict: the input has errors)"
    if diags.count(Severity.VETO):
        return "抽查结论：存在单项否决项，按检查指标网站将被判为不合格 (a spot check would veto the site)"
    return "抽查结论：未发现可机器检查的单项否决项 (no single-veto finding)"


def text_report(diags: Diagnostics, every: bool = False, checked: bool = True) -> str:
    """The findings by severity; `every`: each on its own line, none folded (folded_lines).
    `checked`: whether the compliance rules ran (input errors stop them)."""
    lines: list[str] = []
    fold = (lambda group: [str(d) for d in group]) if every else folded_lines
    ordered = diags.sorted()
    for severity, label, english in GROUPS:
        group = [d for d in ordered if d.severity is severity and not d.accepted]
        if group:
            lines.append(f"== {label} ({english}): {len(group)}")
            lines.extend(fold(group))
    accepted = diags.accepted()
    if accepted:
        lines.append(f"== 已接受（附理由）(accepted): {len(accepted)}")
        lines.extend(fold(accepted))
    lines.append(summary_line(diags))
    lines.append(verdict(diags, checked))
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class _CodeOnly:
    """What a report says of a code with several checks, for a finding none of them made."""

    title: str
    source: str = ""
    fix: str = ""


def _rules_by_code() -> dict[str, Rule | _CodeOnly]:
    """Each rule by its key ("CONTENT-02:column_veto"), and each code by itself for what no
    check found (Diagnostic.rule empty): a finding is reported with the title and fix of the
    check that made it. What no check made is reported with its code's own words: an input
    error of ssg's own code (MESSAGES-03) with that code's title and fix, one carrying a rule's
    code (a reply's dates out of order, INTERACT-03, ARCHITECTURE §3.1) with the catalogue's
    title for it and no fix — never a check's, even the code's only one (INTERACT-03's only
    check told the editor to replace a reply's stand-in department)."""
    rules = all_rules()
    by_code: dict[str, Rule | _CodeOnly] = {
        code: _CodeOnly(title) for code, (title, _kinds) in CATALOGUE.items()
    }
    for r in rules:  # (ssg's own checks, SSG-01: a code outside the catalogue)
        by_code.setdefault(r.code, _CodeOnly(r.title, r.source))
    for entry in all_input_codes():
        by_code[entry.code] = _CodeOnly(entry.title, entry.source, entry.fix)
    return by_code | {r.key: r for r in rules}


def _rule_of(d: Diagnostic, rules: dict[str, Rule | _CodeOnly]) -> Rule | _CodeOnly | None:
    return rules.get(d.rule) if d.rule else rules.get(d.code)


def _as_dict(d: Diagnostic, rules: dict[str, Rule | _CodeOnly]) -> dict[str, object]:
    rule = _rule_of(d, rules)
    return {
        "severity": d.severity.value,
        "code": d.code,
        "file": d.file,
        "line": d.line,
        "field": d.field,
        "message": d.message,
        "accepted": d.accepted or None,
        "rule": {"title": rule.title, "source": rule.source, "fix": rule.fix} if rule else None,
    }


def json_report(diags: Diagnostics, checked: bool = True) -> str:
    """`veto` is null when no verdict was reached (`concluded`): the rules did not run
    (`checked` false), or ran beside input errors. The text and HTML reports say 未作结论."""
    rules = _rules_by_code()
    data = {
        "tool": f"ssg {__version__}",
        "summary": {s.value: diags.count(s) for s in Severity}
        | {"accepted": len(diags.accepted())},
        "checked": checked,
        "veto": bool(diags.count(Severity.VETO)) if concluded(diags, checked) else None,
        "diagnostics": [_as_dict(d, rules) for d in diags.sorted()],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_SARIF_LEVEL = {
    Severity.ERROR: "error",
    Severity.VETO: "error",
    Severity.DEDUCT: "warning",
    Severity.ADVICE: "note",
}


def sarif_report(diags: Diagnostics) -> str:
    rules = _rules_by_code()
    # (ruleId stays the code, which tools group by; a code's several checks each have their
    # title and fix on the results they made)
    codes = sorted({d.code for d in diags})
    driver_rules = [
        {
            "id": code,
            "shortDescription": {"text": rules[code].title if code in rules else code},
            "help": {"text": rules[code].fix if code in rules else ""},
            "properties": {"source": rules[code].source if code in rules else "ssg"},
        }
        for code in codes
    ]
    results = []
    for d in diags.sorted():
        result: dict[str, object] = {
            "ruleId": d.code,
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": f"{d.field}: {d.message}" if d.field else d.message},
            "locations": [
                {
                    "physicalLocation": {
                        # (a URI reference: Chinese names and spaces percent-encoded)
                        "artifactLocation": {"uri": quote(d.file, safe="/")},
                        "region": {"startLine": max(d.line, 1)},
                    }
                }
            ],
            "properties": {"severity": d.severity.value},
        }
        rule = _rule_of(d, rules)
        if rule is not None:
            result["properties"] = {
                "severity": d.severity.value,
                "title": rule.title,
                "fix": rule.fix,
                "source": rule.source,
            }
        if d.accepted:
            result["suppressions"] = [{"kind": "external", "justification": d.accepted}]
        results.append(result)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "ssg", "version": __version__, "rules": driver_rules}},
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def html_report(diags: Diagnostics, site_name: str, build_date: str, checked: bool = True) -> str:
    """A self-contained page for the web team (never part of the published site)."""
    rules = _rules_by_code()
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>合规检查报告 - {e(site_name)}</title>",
        "<style>body{font:16px/1.6 sans-serif;margin:1.5em;color:#1a1a1a}"
        "table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3em .5em;"
        "text-align:left;vertical-align:top}.veto,.error{color:#a50f15}.deduct{color:#8a4b00}"
        "caption{text-align:left;font-weight:bold;padding:.5em 0}</style></head><body>",
        f"<h1>合规检查报告：{e(site_name)}</h1>",
        f"<p>检查日期（构建日期）：{e(build_date)}；ssg {__version__}</p>",
        f"<p><strong>{e(verdict(diags, checked))}</strong></p>",
        f"<p>{e(summary_line(diags))}</p>",
    ]
    for severity, label, _english in GROUPS:
        group = [d for d in diags.sorted() if d.severity is severity and not d.accepted]
        parts.append(_html_table(group, f"{label}（{len(group)}）", severity.value, rules))
    accepted = diags.accepted()
    parts.append(_html_table(accepted, f"已接受的检查结果（{len(accepted)}）", "accepted", rules))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _html_table(
    group: Iterable[Diagnostic], caption: str, css: str, rules: dict[str, Rule | _CodeOnly]
) -> str:
    e = html.escape
    rows = []
    for d in group:
        rule = _rule_of(d, rules)
        fix = e(rule.fix) if rule else ""
        source = e(rule.source) if rule else ""
        reason = f"<br>接受理由：{e(d.accepted)}" if d.accepted else ""
        rows.append(
            f'<tr class="{css}"><td>{e(d.code)}</td><td>{e(d.file)}:{d.line}</td>'
            f"<td>{e(d.field)}</td><td>{e(d.message)}{reason}</td><td>{fix}</td><td>{source}</td></tr>"
        )
    if not rows:
        return f"<h2>{e(caption)}</h2><p>无。</p>"
    return (
        f'<table><caption>{e(caption)}</caption><thead><tr><th scope="col">编号</th>'
        '<th scope="col">位置</th><th scope="col">字段</th><th scope="col">说明</th>'
        '<th scope="col">整改方法</th><th scope="col">出处</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


def _levels(entry: InputCode) -> str:
    return " / ".join(s.value for s in entry.severities)


def rules_listing(markdown: bool = False) -> str:
    """`ssg rules`: the registry against the RULES.md catalogue, with the coverage counts."""
    registered: dict[str, list[Rule]] = {}
    for r in all_rules():
        registered.setdefault(r.code, []).append(r)
    rows = []
    build_codes = [c for c, (_t, tags) in CATALOGUE.items() if "build" in tags]
    for code, (title, tags) in CATALOGUE.items():
        if code in registered:
            levels = "/".join(sorted({r.severity.value for r in registered[code]}))
            status = f"已实现（{len(registered[code])} 条检查，{levels}）"
            if code in ENFORCED_ELSEWHERE:  # (a schema requirement with checks of its own too)
                status += f"；另：{ENFORCED_ELSEWHERE[code]}"
        elif code in ENFORCED_ELSEWHERE:
            status = f"已实现：{ENFORCED_ELSEWHERE[code]}"
        elif code in PENDING:
            status = f"待实现：{PENDING[code]}"
        elif code in NOT_IMPLEMENTED:
            status = f"未实现：{NOT_IMPLEMENTED[code]}"
        elif "build" in tags:
            status = "未实现"
        else:
            status = "非构建期检查（" + "、".join(t for t in tags) + "）"
        if code in DEPLOY_TOOLS:
            status += "；" + DEPLOY_TOOLS[code]
        rows.append((code, title, ",".join(tags), status))
    own = sorted(c for c in registered if c not in CATALOGUE)
    for code in own:
        r = registered[code][0]
        rows.append((code, r.title, "build", f"ssg 自有检查（{r.severity.value}）"))
    # Input codes with words of their own (ssg/check/input_codes.py): listed after the rules,
    # as README lists LIFECYCLE-0x beside the rules they feed.
    input_codes = all_input_codes()
    inputs = [
        (entry.code, entry.title, "input", f"ssg 输入问题（{_levels(entry)}）：{entry.file}")
        for entry in input_codes
    ]
    implemented = sum(1 for c in build_codes if c in registered or c in ENFORCED_ELSEWHERE)
    summary = (
        f"[build] 规则 {len(build_codes)} 条：已实现 {implemented}，"
        f"待后续一期 {sum(1 for c in build_codes if c in PENDING)}，"
        f"未实现（附理由）{sum(1 for c in build_codes if c in NOT_IMPLEMENTED)}"
    )
    if markdown:
        out = [
            "# ssg 合规规则覆盖表（由 `ssg rules --format markdown` 生成）",
            "",
            summary,
            "",
            "| 编号 | 规则 | 可检查性 | 状态 |",
            "| --- | --- | --- | --- |",
        ]
        out += [f"| {c} | {t} | {g} | {s} |" for c, t, g, s in rows]
        out += [
            "",
            "## ssg 自有的输入问题代码（不是合规规则）",
            "",
            "输入不合法（语法、字段、无法解析的引用、配置）是 error，阻止发布；"
            "标为 advice 的是已忽略或已按默认处理的输入，不阻止发布。",
            "",
            "| 编号 | 问题 | 文件 | 级别 | 出处 | 整改方法 |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        # (the file in code: content/**/*.md is no emphasis)
        out += [
            f"| {e.code} | {e.title} | `{e.file}` | {_levels(e)} | {e.source} | {e.fix} |"
            for e in input_codes
        ]
        return "\n".join(out) + "\n"
    width = max(len(c) for c, *_ in rows + inputs)
    out = [f"{c:<{width}}  {s}  —  {t}" for c, t, _g, s in rows + inputs]
    return "\n".join([*out, "", summary]) + "\n"
