"""The one diagnostic line (ARCHITECTURE §3.1), its ordering, and what blocks a build."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssg.diagnostics import (
    Diagnostic,
    Diagnostics,
    Severity,
    folded_lines,
    format_diagnostic,
    summary_line,
)

# path:line: severity [CODE] field: message   (the field part only when there is a field)
ONE_LINE = re.compile(
    r"^(?P<file>[^\n]+):(?P<line>\d+): (?P<severity>error|veto|deduct|advice) "
    r"\[(?P<code>[A-Z][A-Z0-9]*(?:-[0-9A-Z]+)*)\] (?:(?P<field>[^\s:][^:\n]*): )?(?P<message>[^\n]+)$"
)


def diag(
    severity: Severity = Severity.ERROR,
    code: str = "YAML-01",
    file: str = "content/a.md",
    line: int = 3,
    field: str = "title",
    message: str = "标题不能为空 (must not be empty)",
) -> Diagnostic:
    return Diagnostic(severity, code, file, line, field, message)


# --- the format --------------------------------------------------------------------------


def test_format_with_field() -> None:
    d = diag(Severity.ERROR, "SCHEMA-03", "content/news/a.md", 4, "title", "标题不能为空 (empty)")
    assert str(d) == "content/news/a.md:4: error [SCHEMA-03] title: 标题不能为空 (empty)"
    assert format_diagnostic(d) == str(d)


def test_format_without_field_has_no_empty_colon() -> None:
    d = diag(Severity.ERROR, "FILE-02", "content/news/b.md", 0, "", "这是二进制文件 (binary)")
    assert str(d) == "content/news/b.md:0: error [FILE-02] 这是二进制文件 (binary)"


def test_format_nested_field_path() -> None:
    d = diag(Severity.ERROR, "SCHEMA-01", "content/bsfw/x.md", 9, "materials[2].name", "缺少 (m)")
    assert str(d) == "content/bsfw/x.md:9: error [SCHEMA-01] materials[2].name: 缺少 (m)"


def test_format_site_level_diagnostic_without_file() -> None:
    d = diag(Severity.ADVICE, "CONFIG-03", "", 0, "", "未知的配置项 (unknown setting)")
    assert str(d) == "<site>:0: advice [CONFIG-03] 未知的配置项 (unknown setting)"


@pytest.mark.parametrize("severity", list(Severity))
def test_every_severity_prints_its_lowercase_name(severity: Severity) -> None:
    text = str(diag(severity, "SEC-06", "content/a.md", 12, "", "死链 (dead link)"))
    match = ONE_LINE.match(text)
    assert match is not None, text
    assert match["severity"] == severity.value
    assert match["line"] == "12"
    assert match["code"] == "SEC-06"
    assert match["field"] is None


@given(
    file=st.from_regex(r"content/[a-z0-9\u4e00-\u9fff/_-]{1,30}\.md", fullmatch=True),
    line=st.integers(min_value=0, max_value=10**6),
    severity=st.sampled_from(list(Severity)),
    code=st.from_regex(r"[A-Z]{2,10}-[0-9]{2}", fullmatch=True),
    field=st.one_of(
        st.just(""),
        st.from_regex(r"[a-z_]{1,12}(\[[1-9][0-9]?\])?(\.[a-z_]{1,8})?", fullmatch=True),
    ),
    message=st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1
    ).filter(lambda m: m.strip() == m and m),
)
@settings(max_examples=200, deadline=None)
def test_format_is_always_one_parseable_line(
    file: str, line: int, severity: Severity, code: str, field: str, message: str
) -> None:
    text = str(Diagnostic(severity, code, file, line, field, message))
    assert "\n" not in text
    match = ONE_LINE.match(text)
    assert match is not None, text
    assert (match["file"], int(match["line"]), match["severity"], match["code"]) == (
        file,
        line,
        severity.value,
        code,
    )
    if field:
        assert text.endswith(f"] {field}: {message}")
    else:
        assert text.endswith(f"] {message}")


# --- ordering ----------------------------------------------------------------------------


def test_sorted_by_file_then_line_then_severity_then_code() -> None:
    diags = Diagnostics()
    diags.advice("SCHEMA-05", "content/b.md", 2, "titel", "未知字段 (unknown key)")
    diags.error("YAML-01", "content/b.md", 2, "", "语法 (syntax)")
    diags.add(Severity.DEDUCT, "SEC-06", "content/a.md", 10, "", "死链 (dead link)")
    diags.add(Severity.VETO, "CONTENT-02", "content/a.md", 10, "", "长期未更新 (stale)")
    diags.error("FILE-02", "content/a.md", 0, "", "二进制 (binary)")
    diags.error("REF-01", "content/a.md", 10, "policy", "找不到 (missing)")
    diags.error("POLICY-01", "content/a.md", 10, "issuer", "缺少 (missing)")
    order = [(d.file, d.line, d.severity, d.code) for d in diags.sorted()]
    assert order == [
        ("content/a.md", 0, Severity.ERROR, "FILE-02"),
        ("content/a.md", 10, Severity.ERROR, "POLICY-01"),
        ("content/a.md", 10, Severity.ERROR, "REF-01"),
        ("content/a.md", 10, Severity.VETO, "CONTENT-02"),
        ("content/a.md", 10, Severity.DEDUCT, "SEC-06"),
        ("content/b.md", 2, Severity.ERROR, "YAML-01"),
        ("content/b.md", 2, Severity.ADVICE, "SCHEMA-05"),
    ]


def test_sorted_drops_exact_duplicates_and_keeps_near_ones() -> None:
    diags = Diagnostics()
    for _ in range(3):
        diags.error("URL-01", "content/a.md", 5, "slug", "重复 (duplicate)")
    diags.error("URL-01", "content/a.md", 5, "slug", "重复 (duplicate, other)")
    assert len(diags) == 4
    assert [d.message for d in diags.sorted()] == ["重复 (duplicate)", "重复 (duplicate, other)"]
    # Counted as listed: the same diagnostic three times is one error.
    assert diags.count(Severity.ERROR) == 2
    assert summary_line(diags).startswith("错误 2，")


def test_severity_rank_orders_error_veto_deduct_advice() -> None:
    assert [s.rank for s in (Severity.ERROR, Severity.VETO, Severity.DEDUCT, Severity.ADVICE)] == [
        0,
        1,
        2,
        3,
    ]


# --- blocking ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("severity", "blocks", "blocks_strict"),
    [
        (Severity.ERROR, True, True),
        (Severity.VETO, True, True),
        (Severity.DEDUCT, False, True),
        (Severity.ADVICE, False, False),
    ],
)
def test_what_blocks(severity: Severity, blocks: bool, blocks_strict: bool) -> None:
    diags = Diagnostics()
    diags.add(severity, "X-01", "content/a.md", 1, "", "说明 (explanation)")
    assert diags.blocks() is blocks
    assert diags.blocks(strict=True) is blocks_strict


def test_nothing_blocks_when_empty_or_only_advice() -> None:
    assert Diagnostics().blocks(strict=True) is False
    diags = Diagnostics()
    for index in range(5):
        diags.advice("SCHEDULED", f"content/{index}.md", 3, "date", "定时发布 (scheduled)")
    assert not diags.blocks() and not diags.blocks(strict=True)


def test_collector_counts_iterates_and_extends() -> None:
    diags = Diagnostics()
    diags.error("YAML-01", "content/a.md", 2, "", "a (a)")
    diags.advice("SCHEMA-05", "content/a.md", 3, "x", "b (b)")
    other = Diagnostics()
    other.add(Severity.DEDUCT, "SEC-06", "content/c.md", 1, "", "c (c)")
    other.add(Severity.VETO, "ID-01", "data/site.yaml", 1, "name", "d (d)")
    diags.extend(other)
    assert len(diags) == 4
    assert [d.code for d in diags] == ["YAML-01", "SCHEMA-05", "SEC-06", "ID-01"]
    assert {s: diags.count(s) for s in Severity} == {
        Severity.ERROR: 1,
        Severity.VETO: 1,
        Severity.DEDUCT: 1,
        Severity.ADVICE: 1,
    }
    assert summary_line(diags) == (
        "错误 1，否决 1，扣分 1，建议 1 (errors 1, veto 1, deduct 1, advice 1)"
    )


def test_diagnostic_is_immutable_and_hashable() -> None:
    d = diag()
    with pytest.raises(AttributeError):
        d.line = 5  # type: ignore[misc]
    assert len({d, diag()}) == 1


# --- accepted findings (ARCHITECTURE §2.6) -----------------------------------------------


def accepted_deduct(reason: str = "外链已停用，已报备") -> Diagnostic:
    return Diagnostic(
        Severity.DEDUCT, "SEC-06", "content/a.md", 7, "", "死链 (dead link)", accepted=reason
    )


def test_accepted_finding_is_still_one_line_with_its_reason() -> None:
    assert str(accepted_deduct()) == (
        "content/a.md:7: deduct [SEC-06] 死链 (dead link) [已接受 accepted: 外链已停用，已报备]"
    )
    assert ONE_LINE.match(str(accepted_deduct()))


def test_accepted_finding_neither_counts_nor_blocks_but_is_listed() -> None:
    diags = Diagnostics()
    diags.extend([accepted_deduct()])
    diags.add(Severity.DEDUCT, "SEC-06", "content/b.md", 3, "", "死链 (dead link)")
    assert diags.count(Severity.DEDUCT) == 1
    assert diags.accepted() == [accepted_deduct()]
    assert len(diags.sorted()) == 2
    assert summary_line(diags).endswith("，已接受 1 (accepted 1)")
    only_accepted = Diagnostics()
    only_accepted.extend([accepted_deduct()])
    assert not only_accepted.blocks(strict=True)


def page_fault(n: int, code: str = "ID-10", severity: Severity = Severity.DEDUCT) -> Diagnostic:
    path = f"xw/{n:03}.html"
    return Diagnostic(
        severity,
        code,
        f"content/xw/{n:03}.md",
        0,
        "",
        f"页面 {path} 的页脚没有链接到公安备案系统 (police record not linked on {path})",
    )


def test_a_fault_on_many_pages_is_folded_after_three_examples() -> None:
    faults = sorted([page_fault(n) for n in range(40)], key=Diagnostic.sort_key)
    other = diag(Severity.DEDUCT, "SEC-06", "content/xw/005.md", 9)
    lines = folded_lines(sorted([*faults, other], key=Diagnostic.sort_key))
    assert lines == [
        str(faults[0]),
        str(faults[1]),
        str(faults[2]),
        "  …… 同样的 [ID-10] 问题另有 37 个页面，多半出自主题模板，改一处即可；加 --all 逐页列出 "
        "(… and 37 more pages with the same [ID-10] finding)",
        str(other),  # a finding of its own stays where it sorts
    ]


def test_faults_on_a_few_pages_are_all_listed() -> None:
    # Up to FOLD_OVER (5) pages nothing is folded; nor are same-code faults that differ
    # in more than their page, nor findings that name no page.
    few = [page_fault(n) for n in range(5)]
    assert folded_lines(few) == [str(d) for d in few]
    varied = [
        Diagnostic(
            Severity.DEDUCT,
            "SEC-06",
            f"content/{n}.md",
            1,
            "",
            f"页面 {n}.html 的链接 x{n}.html 坏了",
        )
        for n in range(8)
    ]
    assert folded_lines(varied) == [str(d) for d in varied]
    same_text = [diag(Severity.ERROR, "YAML-01", f"content/{n}.md") for n in range(8)]
    assert folded_lines(same_text) == [str(d) for d in same_text]


def test_folding_keeps_severities_apart() -> None:
    mixed = [page_fault(n) for n in range(6)] + [
        page_fault(n, severity=Severity.ADVICE) for n in range(6, 12)
    ]
    lines = folded_lines(mixed)
    assert len(lines) == 8  # 3 + summary for each severity
    assert sum("另有 3 个页面" in line for line in lines) == 2
