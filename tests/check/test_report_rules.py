"""REPORT, NOTICE and INTERACT-06 rules: each triggers on the right date, with its near miss.

Real files on disk, the real CLI; the lifecycle fixtures are tests/fixtures/lifecycle/*.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from ssg.cli import main
from ssg.derive.annual_report import CONDITIONAL, DATA, FIELDS, parse_value
from tests.derive.kit import LIFECYCLE, NOTICE_COLUMN, differences, fixture_site, overlay
from tests.sitekit import cli, make_site, run

COVERS = {
    "REPORT-01:report_published": ("test_report_published", "test_report_published"),
    "REPORT-01:home_links_report": ("test_home_links_report", "test_home_links_report"),
    "REPORT-02:figures_match": ("test_figures_match", "test_figures_match"),
    "REPORT-02:frozen_figures_drift": ("test_frozen_figures_drift", "test_frozen_figures_drift"),
    "REPORT-02:frozen_figures_missing": (
        "test_frozen_figures_missing",
        "test_frozen_figures_missing",
    ),
    "REPORT-02:freeze_published_report": (
        "test_freeze_published_report",
        "test_freeze_published_report",
    ),
    "REPORT-03:fields_filled": ("test_fields_filled", "test_fields_filled"),
    "NOTICE-01:opening_notice": ("test_opening_notice", "test_opening_notice"),
    "NOTICE-02:migration_notice": ("test_migration_notice_kept", "test_migration_notice_kept"),
    "NOTICE-02:migration_reminder": ("test_migration_reminder", "test_migration_reminder"),
    "NOTICE-02:migration_mapping": ("test_migration_mapping", "test_migration_mapping"),
    "NOTICE-03:offline_notice": ("test_offline_notice", "test_offline_notice"),
    "NOTICE-03:offline_once_a_year": ("test_offline_once_a_year", "test_offline_once_a_year"),
    "NOTICE-03:offline_days": ("test_offline_days", "test_offline_days"),
    "NOTICE-03:reonline_application": ("test_reonline_application", "test_reonline_application"),
    "NOTICE-04:domain_notice": (
        "test_a_domain_change_notice_is_published_before_the_old_domain_redirects",
        "test_a_domain_change_notice_is_published_before_the_old_domain_redirects",
    ),
    "INTERACT-06:knowledge_base": ("test_knowledge_base", "test_knowledge_base"),
}

_FIELD = re.compile(r"^([^\s：，。（]+): ")


def found(lines: list[str], code: str) -> list[str]:
    """`file:line: severity [CODE] field` of each finding of `code`."""
    out = []
    for line in lines:
        if f"[{code}] " not in line:
            continue
        head, rest = line.split(f"[{code}] ", 1)
        match = _FIELD.match(rest)
        out.append(f"{head}[{code}]" + (f" {match.group(1)}" if match else ""))
    return out


# A news item of 2025: the site existed then, so its 2025 report is due.
OLD_NEWS = {
    "content/dt/old.md": "---\ntitle: 旧消息\ndate: 2025-06-01\nsource: 办公室\n"
    "reviewed_by: 审核人\n---\n正文。\n"
}


OLD_NEWS_2024 = {"content/dt/old.md": OLD_NEWS["content/dt/old.md"].replace("2025-", "2024-")}
MIGRATED = "- event: migration\n  date: {}\n  destination: https://www.jl.gov.cn/ceshi/\n"


def nest(values: dict[str, str]) -> str:
    """Field paths → the data file's nested YAML."""
    lines: list[str] = []
    written: set[str] = set()
    for path, value in values.items():
        parts = path.split(".")
        for depth in range(len(parts) - 1):
            prefix = ".".join(parts[: depth + 1])
            if prefix not in written:
                written.add(prefix)
                lines.append("  " * depth + f"{parts[depth]}:")
        lines.append("  " * (len(parts) - 1) + f"{parts[-1]}: {value}")
    return "\n".join(lines) + "\n"


def _sample(kind: str) -> str:
    return {"count": "1", "days": "2.5", "yesno": "是", "tick": "否", "date": "2026-01-20"}.get(
        kind, "某某"
    )


# Every field the baseline site plus OLD_NEWS cannot derive for 2025, filled in.
FULL = {f.path: _sample(f.kind) for f in FIELDS if f.source == DATA or f.path in CONDITIONAL}
for _derived in ("办事服务.政务服务事项数量", "办事服务.可全程在线办理政务服务事项数量"):
    del FULL[_derived]  # no guides and no platform: derived as 0


@pytest.mark.parametrize(
    ("date", "files", "expected"),
    [
        ("2026-01-31", OLD_NEWS, ["data/annual-report/2025.yaml:0: advice [REPORT-01]"]),
        ("2026-02-01", OLD_NEWS, ["data/annual-report/2025.yaml:0: deduct [REPORT-01]"]),
        ("2026-02-01", {**OLD_NEWS, "data/annual-report/2025.yaml": nest(FULL)}, []),
        ("2026-02-01", {}, []),  # nothing before 2026: the site did not exist in 2025
        # moved away for good on 1 January 2025: all that year it was its migration notice
        ("2026-02-01", {**OLD_NEWS_2024, "data/lifecycle.yaml": MIGRATED.format("2025-01-01")},
         []),
        ("2026-02-01", {**OLD_NEWS_2024, "data/lifecycle.yaml": MIGRATED.format("2025-01-02")},
         ["data/annual-report/2025.yaml:0: deduct [REPORT-01]"]),  # it was a site on 1 January
    ],
)  # fmt: skip
def test_report_published(
    tmp_path: Path, date: str, files: dict[str, str], expected: list[str]
) -> None:
    make_site(tmp_path, files)
    lines = [x for x in found(run(tmp_path, date=date).lines, "REPORT-01") if "2025.yaml" in x]
    assert lines == expected


HOME = (
    '{% extends "base.html" %}{% block main %}<h1>首页</h1>'
    '{% if newest_report %}<a href="{{ newest_report.url }}">年度报表</a>{% endif %}'
    "{% endblock %}\n"
)


@pytest.mark.parametrize(("owed", "links", "expected"), [
    (True, True, []),
    (True, False, ["content/_index.md:0: deduct [REPORT-01]"]),
    (False, False, []),  # the baseline site owes no report: there is nothing to link
])  # fmt: skip
def test_home_links_report(tmp_path: Path, owed: bool, links: bool, expected: list[str]) -> None:
    home = HOME if links else HOME.replace("newest_report.url", "'/'")
    report = {**OLD_NEWS, "data/annual-report/2025.yaml": nest(FULL)} if owed else {}
    make_site(tmp_path, {**report, "themes/default/templates/home.html": home})
    lines = [x for x in found(run(tmp_path).lines, "REPORT-01") if "_index.md" in x]
    assert lines == expected


MIGRATION_PAGE = (  # a theme's migration page that says nothing of the annual report
    '{% extends "base.html" %}{% block main %}<h1>本网站已迁移</h1>'
    '<a href="{{ target }}">{{ target }}</a>{% endblock %}\n'
)


@pytest.mark.parametrize(("override", "expected"), [
    (False, []),  # the default migration page links the report due
    # at the event that made the home page the migration page, not at themes/default:0
    (True, ["data/lifecycle.yaml:3: deduct [REPORT-01] [1].date"]),
])  # fmt: skip
def test_home_links_report_during_migration(
    tmp_path: Path, override: bool, expected: list[str]
) -> None:
    """From a migration's date every page, the home page too, is the migration page; the
    report due (吉林办法 第三十三条) must still be linked from it (it was not judged at all)."""
    root = _migration(tmp_path)
    theme = {"themes/default/templates/migration.html": MIGRATION_PAGE} if override else {}
    make_site(root, {**OLD_NEWS, "data/annual-report/2025.yaml": nest(FULL), **theme})
    overlay(root, LIFECYCLE / "migration")
    assert found(run(root).lines, "REPORT-01") == expected


@pytest.mark.parametrize(("given", "differs"), [
    ("https://www.ceshi.gov.cn/", False),
    ("https://www.ceshi.gov.cn", False),  # without the last slash
    ("http://WWW.ceshi.gov.cn/", False),  # as a form filled in by hand may say it
    ("www.ceshi.gov.cn", False),
    ("https://www.other.gov.cn/", True),
])  # fmt: skip
def test_home_address_is_compared_as_an_address(tmp_path: Path, given: str, differs: bool) -> None:
    fields = list(FULL.items())
    at = next((i for i, (path, _) in enumerate(fields) if path.startswith("基本信息.")), 0)
    fields.insert(at, ("基本信息.首页网址", f'"{given}"'))  # (beside its section's others)
    data = nest(dict(fields))
    make_site(tmp_path, {**OLD_NEWS, "data/annual-report/2025.yaml": data})
    lines = found(differences(run(tmp_path).lines), "REPORT-02")
    assert [x.split(" ")[-1] for x in lines] == (["基本信息.首页网址"] if differs else [])


@pytest.mark.parametrize(("given", "expected"), [
    ("1", []),  # OLD_NEWS is the one item of 2025
    ("2", ["data/annual-report/2025.yaml:2: deduct [REPORT-02] 信息发布.总数"]),
])  # fmt: skip
def test_figures_match(tmp_path: Path, given: str, expected: list[str]) -> None:
    data = "信息发布:\n  总数: " + given + "\n" + nest(FULL)
    make_site(tmp_path, {**OLD_NEWS, "data/annual-report/2025.yaml": data})
    assert found(differences(run(tmp_path).lines), "REPORT-02") == expected


FROZEN = "data/annual-report/2025.frozen.yaml"


@pytest.mark.parametrize(("frozen", "expected"), [
    ("1", []),  # as frozen: OLD_NEWS is still the one item of 2025
    ("2", [f"{FROZEN}:3: deduct [REPORT-02] 信息发布.总数"]),  # one of 2025's two items gone
])  # fmt: skip
def test_frozen_figures_drift(tmp_path: Path, frozen: str, expected: list[str]) -> None:
    files = {
        **OLD_NEWS,
        "data/annual-report/2025.yaml": nest(FULL),
        FROZEN: f"冻结日期: 2026-01-20\n信息发布:\n  总数: {frozen}\n",
    }
    make_site(tmp_path, files)
    lines = [x for x in run(tmp_path).lines if " deduct " in x]  # (not the figures it lacks)
    assert found(lines, "REPORT-02") == expected
    for line in differences(lines):  # (both numbers named, and which one the report shows)
        assert "于 2026-01-20 冻结为 2条，按现在的内容推导为 1条；报表仍显示冻结的 2条" in line


SIGNED = "2026-01-25"


@pytest.mark.parametrize(("date", "signed", "frozen", "expected"), [
    ("2026-01-24", SIGNED, False, []),  # not yet signed, and before the deadline
    ("2026-01-25", SIGNED, False, ["data/annual-report/2025.yaml:{line}: advice [REPORT-02]"]),
    ("2026-02-01", "", False, ["data/annual-report/2025.yaml:{line}: advice [REPORT-02]"]),
    ("2026-01-31", "", False, []),  # unsigned: due, not yet published
    ("2026-11-20", SIGNED, True, []),  # frozen already
])  # fmt: skip
def test_freeze_published_report(
    tmp_path: Path, date: str, signed: str, frozen: bool, expected: list[str]
) -> None:
    text = nest({**FULL, "签署.填报日期": signed})
    files = {**OLD_NEWS, "data/annual-report/2025.yaml": text}
    if frozen:
        files[FROZEN] = "冻结日期: 2026-01-25\n信息发布:\n  总数: 1\n"
    make_site(tmp_path, files)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "填报日期:" in row)
    lines = [x for x in found(run(tmp_path, date=date).lines, "REPORT-02") if " advice " in x]
    lines = [x for x in lines if x.startswith("data/annual-report/2025.yaml:")]  # (not FROZEN)
    assert lines == [e.format(line=line) for e in expected]


@pytest.mark.parametrize(("cut", "expected"), [
    ("", []),  # as `ssg report freeze` wrote it: every derived figure
    ("  概况类信息更新量: ", [f"{FROZEN}:{{section}}: advice [REPORT-02] 信息发布.概况类信息更新量"]),
])  # fmt: skip
def test_frozen_figures_missing(tmp_path: Path, cut: str, expected: list[str]) -> None:
    """A frozen file without a figure ssg derives: that one figure follows the content while
    the others stay as submitted; said at the part of the file it belongs in."""
    make_site(tmp_path, {**OLD_NEWS, "data/annual-report/2025.yaml": nest(FULL)})
    freeze = ["report", "freeze", "2025", "--source", str(tmp_path), "--date", "2026-01-25"]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(freeze) == 0
    frozen = tmp_path / FROZEN
    rows = frozen.read_text(encoding="utf-8").splitlines(keepends=True)
    if cut:
        rows = [r for r in rows if not r.startswith(cut)]
        frozen.write_text("".join(rows), encoding="utf-8")
    section = next(i for i, r in enumerate(rows, 1) if r.startswith("信息发布:"))
    lines = run(tmp_path).lines
    assert found(lines, "REPORT-02") == [e.format(section=section) for e in expected]
    for line in lines:  # (how to add it: the key and, if so submitted, today's figure)
        if "[REPORT-02]" in line:
            assert "请在“信息发布”下加一行 概况类信息更新量: <报送时的数字>" in line
            assert "概况类信息更新量: 0）" in line and "ssg report freeze 2025" in line


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, []),
        ({"安全防护.发现问题数量": ""},  # key left empty: reported on its own line
         ["data/annual-report/2025.yaml:{line}: deduct [REPORT-03] 安全防护.发现问题数量"]),
        ({"基本信息.网站总访问量": "56万"},
         ["data/annual-report/2025.yaml:{line}: error [REPORT-03] 基本信息.网站总访问量"]),
        ({"签署.填报日期": "2026年1月20日"},
         ["data/annual-report/2025.yaml:{line}: error [REPORT-03] 签署.填报日期"]),
        ({"移动新媒体.微博.关注量": "不适用"}, []),
        ({"安全防护.发现问题数量": None},  # key removed: reported on its section's line
         ["data/annual-report/2025.yaml:{section}: deduct [REPORT-03] 安全防护.发现问题数量"]),
    ],
)  # fmt: skip
def test_fields_filled(tmp_path: Path, change: dict[str, str | None], expected: list[str]) -> None:
    values: dict[str, str] = {}
    for path, value in {**FULL, **change}.items():
        if value is not None:
            values[path] = value
    text = nest(values)
    make_site(tmp_path, {**OLD_NEWS, "data/annual-report/2025.yaml": text})
    rows = text.splitlines()
    key = next(iter(change), "")
    leaf = key.rsplit(".", 1)[-1]
    line = next((i for i, r in enumerate(rows, 1) if r.strip().startswith(f"{leaf}:")), 0)
    section = next((i for i, r in enumerate(rows, 1) if r == f"{key.split('.')[0]}:"), 0)
    expected = [e.format(line=line, section=section) for e in expected]
    assert found(run(tmp_path).lines, "REPORT-03") == expected


# A figure with a leading zero, or in another base: ssg read 0012 as 12 and 0019 as 19, where
# YAML 1.1 (PyYAML) reads 0012 as the octal 10 and 0019 as text: which was meant is unknown.
@pytest.mark.parametrize(("written", "meant"), [
    ("0012", "请写作 12"),
    ("0019", "请写作 19"),
    ("012", "请写作 12"),
    ("00", "请写作 0"),
    ("0x12", "请写作 18"),
    ("0", ""),
    ("12", ""),
    ("10", ""),
])  # fmt: skip
def test_a_figure_with_a_leading_zero_is_an_error_at_its_line(
    tmp_path: Path, written: str, meant: str
) -> None:
    text = nest({**FULL, "安全防护.发现问题数量": written})
    make_site(tmp_path, {**OLD_NEWS, "data/annual-report/2025.yaml": text})
    line = next(i for i, r in enumerate(text.splitlines(), 1) if "发现问题数量:" in r)
    lines = [x for x in run(tmp_path).lines if "[REPORT-03]" in x]
    if not meant:
        assert lines == []
        return
    assert found(lines, "REPORT-03") == [
        f"data/annual-report/2025.yaml:{line}: error [REPORT-03] 安全防护.发现问题数量"
    ]
    assert f"“安全防护.发现问题数量”的值 “{written}” 不可用：{written} " in lines[0]
    assert meant in lines[0]


def test_an_average_of_days_with_a_leading_zero_is_an_error_but_a_fraction_is_not(
    tmp_path: Path,
) -> None:
    days = "互动交流.留言办理.平均办理时间"
    for written, expected in (("0.5", []), ("05.5", ["error"])):
        text = nest({**FULL, days: written})
        make_site(tmp_path, {**OLD_NEWS, "data/annual-report/2025.yaml": text})
        lines = [x for x in run(tmp_path).lines if f"[REPORT-03] {days}" in x]
        assert [x.split(": ")[1].split(" ")[0] for x in lines] == expected, written
        assert all("请写作 5.5" in x for x in lines)


@pytest.mark.parametrize(("kind", "written", "said"), [
    ("count", "0012abc", "应为非负整数"),  # no number at all: not "write 12abc"
    ("count", "05.5", "应为非负整数"),  # no count: not "write 5.5"
    ("days", "05.5", "请写作 5.5"),
    ("count", "０１２", "请写作 １２"),  # (full-width, as typed: YAML 1.1 reads it as text)
])  # fmt: skip
def test_what_a_leading_zero_is_said_to_be(kind: str, written: str, said: str) -> None:
    fld = next(f for f in FIELDS if f.kind == kind)
    value, error = parse_value(fld, written)
    assert value is None and said in error


def test_a_frozen_figure_with_a_leading_zero_is_an_error(tmp_path: Path) -> None:
    """A frozen file is the report as submitted: 012 there froze 12, or (to YAML 1.1) 10."""
    files = {
        **OLD_NEWS,
        "data/annual-report/2025.yaml": nest(FULL),
        FROZEN: "冻结日期: 2026-01-20\n信息发布:\n  总数: 01\n",
    }
    make_site(tmp_path, files)
    lines = [x for x in run(tmp_path).lines if x.startswith(FROZEN)]
    assert [x.split(" [")[0] for x in lines if " error " in x] == [f"{FROZEN}:3: error"]
    assert any("“01” 不可用：01 以 0 开头" in x and "请写作 1" in x for x in lines)


def test_fields_filled_reports_unknown_keys_and_future_years(tmp_path: Path) -> None:
    text = nest(FULL) + "安全防护x:\n  a: 1\n"
    files = {**OLD_NEWS, "data/annual-report/2025.yaml": text,
             "data/annual-report/2026.yaml": "基本信息:\n"}  # fmt: skip
    make_site(tmp_path, files)
    lines = found(run(tmp_path).lines, "REPORT-03")
    row = len(text.splitlines()) - 1
    assert lines == [
        f"data/annual-report/2025.yaml:{row}: advice [REPORT-03] 安全防护x",
        "data/annual-report/2026.yaml:0: advice [REPORT-03]",
    ]


# --- NOTICE ---------------------------------------------------------------------------------

OPENING = "- event: opening\n  date: 2026-11-02\n  reviewed_by: 审核人\n"


@pytest.mark.parametrize(("column", "expected"), [
    (True, []),
    (False, ["data/lifecycle.yaml:1: deduct [NOTICE-01] [1]"]),
])  # fmt: skip
def test_opening_notice(tmp_path: Path, column: bool, expected: list[str]) -> None:
    make_site(tmp_path, {"data/lifecycle.yaml": OPENING, **(NOTICE_COLUMN if column else {})})
    assert found(run(tmp_path).lines, "NOTICE-01") == expected


def test_opening_notice_names_the_notice_column_that_is_a_draft(tmp_path: Path) -> None:
    """ssg init makes zwgk/tzgg a draft until it has content: "open a 通知公告 column" sent the
    editor to make one beside it."""
    draft = {k: v.replace("---\n", "---\ndraft: true\n", 1) for k, v in NOTICE_COLUMN.items()
             if k.endswith("_index.md")}  # fmt: skip
    make_site(tmp_path, {"data/lifecycle.yaml": OPENING, **NOTICE_COLUMN, **draft})
    [line] = run(tmp_path).with_code("NOTICE-01")
    [folder] = [k.split("/")[1] for k in draft]
    assert f"通知公告栏目 {folder} 是草稿；请删除其 _index.md" in line
    assert "请开设通知公告栏目" not in line


def _migration(tmp_path: Path, until: str = "2026-12-18", csv: str = "") -> Path:
    root = fixture_site(tmp_path, LIFECYCLE / "migration")
    text = (root / "data/lifecycle.yaml").read_text(encoding="utf-8")
    (root / "data/lifecycle.yaml").write_text(
        text.replace("until: 2026-12-18", f"until: {until}"), encoding="utf-8"
    )
    if csv:
        (root / "data/migration.csv").write_text(csv, encoding="utf-8")
    return root


@pytest.mark.parametrize(("until", "expected"), [
    ("2026-12-18", []),  # the 30th day, 2026-11-19 counted as the first
    ("2026-12-17", ["data/lifecycle.yaml:6: deduct [NOTICE-02] [1].until"]),  # the 29th
])  # fmt: skip
def test_migration_notice_kept(tmp_path: Path, until: str, expected: list[str]) -> None:
    root = _migration(tmp_path, until)
    lines = [x for x in found(run(root).lines, "NOTICE-02") if " advice " not in x]
    assert lines == expected


@pytest.mark.parametrize(("until", "expected"), [
    ("2026-12-24", []),  # the 30th day from its publication on 11-25
    ("2026-12-23", [  # the 29th: 35 days after the migration's date, but 29 after publication
        "data/lifecycle.yaml:6: deduct [NOTICE-02] [1].until: 迁移公告只保留到 2026年12月23日"
        "（共 29 天），须至少保留 30 天，即到 2026年12月24日"
    ]),
])  # fmt: skip
def test_migration_notice_kept_from_its_publication(
    tmp_path: Path, until: str, expected: list[str]
) -> None:
    """A notice announced after the migration's date stays 30 days from its publication
    (RULES NOTICE-02: expires 不得早于发布后 30 天), not from the date."""
    root = _migration(tmp_path, until)
    path = root / "data/lifecycle.yaml"
    path.write_text(
        path.read_text("utf-8").replace(
            "reviewed_by: 审核人", "reviewed_by: 审核人\n  announced: 2026-11-25"
        ),
        "utf-8",
    )
    lines = run(root, date="2026-11-26").with_code("NOTICE-02")
    assert [x.split(" (")[0] for x in lines if " deduct " in x] == expected


def test_migration_notice_destination_is_a_government_site(tmp_path: Path) -> None:
    root = _migration(tmp_path)
    path = root / "data/lifecycle.yaml"
    path.write_text(path.read_text("utf-8").replace("www.jl.gov.cn", "example.com"), "utf-8")
    lines = [x for x in found(run(root).lines, "NOTICE-02") if " deduct " in x]
    assert lines == ["data/lifecycle.yaml:4: deduct [NOTICE-02] [1].destination"]


@pytest.mark.parametrize(("date", "expected"), [
    ("2026-11-18", []),  # the day before
    ("2026-11-19", ["data/lifecycle.yaml:3: advice [NOTICE-02] [1].date"]),  # day 1
    ("2026-12-18", ["data/lifecycle.yaml:3: advice [NOTICE-02] [1].date"]),  # day 30
    ("2026-12-19", []),  # day 31: the notice has stayed long enough
])  # fmt: skip
def test_migration_reminder(tmp_path: Path, date: str, expected: list[str]) -> None:
    root = _migration(tmp_path)
    lines = [x for x in found(run(root, date=date).lines, "NOTICE-02") if " advice " in x]
    assert lines == expected


@pytest.mark.parametrize(("old", "expected"), [
    ("/dt/huiyi.html", []),
    ("/dt/huiyi", ["data/migration.csv:2: advice [NOTICE-02]"]),
    # as copied from the browser's address bar: it is the page /dt/会议.html
    ("/dt/%E4%BC%9A%E8%AE%AE.html", []),
    ("/dt/%E4%BC%9A%E8%AE%AE", ["data/migration.csv:2: advice [NOTICE-02]"]),
])  # fmt: skip
def test_migration_mapping(tmp_path: Path, old: str, expected: list[str]) -> None:
    root = _migration(tmp_path, csv=f"old,new\n{old},https://www.jl.gov.cn/ceshi/a.html\n")
    (root / "content/dt/会议.md").write_text(
        "---\ntitle: 会议\ndate: 2026-10-01\nsource: 办公室\nreviewed_by: 审核人\n---\n正文。\n",
        encoding="utf-8",
    )
    lines = [x for x in found(run(root).lines, "NOTICE-02") if "migration.csv" in x]
    assert lines == expected


def _offline(tmp_path: Path, text: str, column: bool = True) -> Path:
    root = fixture_site(tmp_path, LIFECYCLE / "temporary_offline")
    if not column:
        (root / "content/tz/_index.md").unlink()
    if text:
        (root / "data/lifecycle.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(("column", "expected"), [
    (True, []),
    (False, ["data/lifecycle.yaml:2: deduct [NOTICE-03] [1]"]),
])  # fmt: skip
def test_offline_notice(tmp_path: Path, column: bool, expected: list[str]) -> None:
    root = _offline(tmp_path, "", column)
    lines = [x for x in found(run(root).lines, "NOTICE-03") if x.endswith(" [1]")]
    assert lines == expected


OFFLINE = "- {{event: temporary_offline, from: {start}, to: {end}, reason: 整改{extra}}}\n"


@pytest.mark.parametrize(("second", "expected"), [
    ("2027-03-01", []),  # another year
    ("2026-12-31", ["data/lifecycle.yaml:2: deduct [NOTICE-03] [2].from"]),  # same year
    ("2026-12-31, emergency: true", []),  # 不可抗力: not counted
])  # fmt: skip
def test_offline_once_a_year(tmp_path: Path, second: str, expected: list[str]) -> None:
    day, _, extra = second.partition(", ")
    text = OFFLINE.format(start="2026-01-05", end="2026-01-10", extra="")
    text += OFFLINE.format(start=day, end=day, extra=f", {extra}" if extra else "")
    root = _offline(tmp_path, text)
    lines = [x for x in found(run(root).lines, "NOTICE-03") if x.endswith(".from")]
    assert lines == expected


def test_offline_once_a_year_finds_the_later_period(tmp_path: Path) -> None:
    """Listed out of order, the period that came second in the year is the one too many: it
    was the one listed second, and the finding said March came after August."""
    text = OFFLINE.format(start="2026-08-03", end="2026-08-05", extra="")
    text += OFFLINE.format(start="2026-03-02", end="2026-03-04", extra="")
    root = _offline(tmp_path, text)
    lines = [x.split(" (")[0] for x in run(root).with_code("NOTICE-03") if ".from" in x]
    assert lines == [
        "data/lifecycle.yaml:1: deduct [NOTICE-03] [1].from: 2026 年已有一次临时下线（第 2 项，"
        "2026年3月2日起），每年不得超过 1 次"
    ]


@pytest.mark.parametrize(("end", "expected"), [
    ("2026-12-30", []),  # 30 days, both ends counted
    ("2026-12-31", ["data/lifecycle.yaml:4: deduct [NOTICE-03] [1].to"]),  # 31 days
])  # fmt: skip
def test_offline_days(tmp_path: Path, end: str, expected: list[str]) -> None:
    root = fixture_site(tmp_path, LIFECYCLE / "temporary_offline")
    path = root / "data/lifecycle.yaml"
    path.write_text(path.read_text("utf-8").replace("to: 2026-12-30", f"to: {end}"), "utf-8")
    lines = [x for x in found(run(root).lines, "NOTICE-03") if " deduct " in x]
    assert lines == expected


@pytest.mark.parametrize(("date", "expected"), [
    ("2026-12-23", []),  # 8 days before the site is back on 2026-12-31
    ("2026-12-24", ["data/lifecycle.yaml:4: advice [NOTICE-03] [1].to"]),  # 7 days before
    ("2026-12-30", ["data/lifecycle.yaml:4: advice [NOTICE-03] [1].to"]),  # the last day off
    ("2026-12-31", []),  # back online
])  # fmt: skip
def test_reonline_application(tmp_path: Path, date: str, expected: list[str]) -> None:
    root = fixture_site(tmp_path, LIFECYCLE / "temporary_offline")
    lines = [x for x in found(run(root, date=date).lines, "NOTICE-03") if " advice " in x]
    assert lines == expected


@pytest.mark.parametrize(("old", "expected"), [
    ("ceshi.jl.gov.cn", []),
    # (the site's own domain: an input error at its line since session 19, no NOTICE-04)
    ("www.ceshi.gov.cn", ["data/lifecycle.yaml:4: error [LIFECYCLE-03] [1].old_domain"]),
])  # fmt: skip
def test_domain_notice(tmp_path: Path, old: str, expected: list[str]) -> None:
    root = fixture_site(tmp_path, LIFECYCLE / "domain_change")
    path = root / "data/lifecycle.yaml"
    path.write_text(path.read_text("utf-8").replace("old_domain: ceshi.jl.gov.cn",
                                                     f"old_domain: {old}"), "utf-8")  # fmt: skip
    lines = run(root).lines
    assert found(lines, "NOTICE-04") + found(lines, "LIFECYCLE-03") == expected


@pytest.mark.parametrize(("announced", "expected"), [
    ("  announced: 2026-11-09\n", []),  # the day before: read on the old domain for a day
    ("  announced: 2026-11-10\n", ["data/lifecycle.yaml:7: deduct [NOTICE-04] [1].announced"]),
    ("", ["data/lifecycle.yaml:3: deduct [NOTICE-04] [1].date"]),  # (it defaults to `date`)
])  # fmt: skip
def test_a_domain_change_notice_is_published_before_the_old_domain_redirects(
    tmp_path: Path, announced: str, expected: list[str]
) -> None:
    """吉林办法 第十六条: the notice is published on the 原网站. From the change's date the old
    domain redirects every path (nginx.conf): a notice published that day is never read there."""
    root = fixture_site(tmp_path, LIFECYCLE / "domain_change")
    path = root / "data/lifecycle.yaml"
    text = path.read_text("utf-8")
    path.write_text(text[: text.index("  announced:")] + announced, "utf-8")
    lines = run(root).lines
    assert found(lines, "NOTICE-04") == expected
    if expected:
        assert "请提前发布，如 announced: 2026-11-03" in "".join(lines)


def test_domain_notice_needs_a_notice_column(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, LIFECYCLE / "domain_change")
    (root / "content/tz/_index.md").unlink()
    assert found(run(root).lines, "NOTICE-04") == ["data/lifecycle.yaml:2: deduct [NOTICE-04] [1]"]


# --- INTERACT-06 ----------------------------------------------------------------------------

EMPTY_KB = '{% extends "base.html" %}{% block main %}<h1>知识库</h1>{% endblock %}\n'


@pytest.mark.parametrize(("override", "expected"), [
    (False, []),
    (True, ["themes/default:0: deduct [INTERACT-06]"]),
])  # fmt: skip
def test_knowledge_base(tmp_path: Path, override: bool, expected: list[str]) -> None:
    files = {"themes/default/templates/knowledge_base.html": EMPTY_KB} if override else {}
    make_site(tmp_path, files)
    assert found(run(tmp_path).lines, "INTERACT-06") == expected


def test_a_frozen_file_that_cannot_be_read_is_its_error_alone_and_no_verdict(
    tmp_path: Path,
) -> None:
    """A duplicate key in the frozen file (YAML-05) was followed by an advice per figure to
    delete the file and freeze again — which would replace the submitted figures — and by
    the verdict “未发现…单项否决项”, as if the input were valid (README: no verdict on bad
    input)."""
    make_site(tmp_path, {**OLD_NEWS, "data/annual-report/2025.yaml": nest(FULL)})
    freeze = ["report", "freeze", "2025", "--source", str(tmp_path), "--date", "2026-01-25"]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(freeze) == 0
    frozen = tmp_path / FROZEN
    rows = frozen.read_text(encoding="utf-8").splitlines(keepends=True)
    dated = next(i for i, r in enumerate(rows) if r.startswith("冻结日期:"))
    frozen.write_text("".join([*rows[: dated + 1], *rows[dated:]]), encoding="utf-8")
    result = run(tmp_path)
    assert [x for x in result.lines if " error " in x] == [
        f"{FROZEN}:{dated + 2}: error [YAML-05] 冻结日期: 重复的键，第 {dated + 1} 行已经写过；"
        f"请删除其中一个 (duplicate key, first given on line {dated + 1})"
    ]
    assert found(result.lines, "REPORT-02") == []
    _, _, err = cli("check", "--source", str(tmp_path), "--date", "2026-11-20")
    assert err.splitlines()[-1] == (
        "抽查结论：输入有错误，未作结论；请先改正错误 (no verdict: the input has errors)"
    )
