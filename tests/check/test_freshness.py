"""CONTENT rules against the build date: triggers and near misses at the thresholds."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ssg.check.freshness import frequency_line
from ssg.content.model import Column, Location
from tests.sitekit import SITE_YAML, make_site, run

COVERS = {
    "CONTENT-01:home_updated": ("test_home_page", "test_home_page"),
    "CONTENT-02:column_updated": ("test_news_column_two_weeks", "test_news_column_two_weeks"),
    "CONTENT-02:column_veto": ("test_stale_veto_at_five", "test_stale_veto_at_five"),
    "CONTENT-03:column_default_year": ("test_default_one_year", "test_default_one_year"),
    "CONTENT-04:empty_column": ("test_empty_veto_at_five", "test_empty_veto_at_five"),
    "CONTENT-05:required_categories": ("test_required_categories", "test_required_categories"),
    "CONTENT-06:jilin_reprints": ("test_jilin_reprint_column", "test_jilin_reprint_column"),
    "CONTENT-07:reprint_source": ("test_reprint_source", "test_reprint_source"),
    "CONTENT-08:updated_in_future": ("test_updated_in_the_future", "test_updated_in_the_future"),
}


# (after every other key, so that the lines tests point at stay: the generated description
# and keywords are COLUMN-05's, tests/test_link.py)
META = "description: 本栏目的说明\nkeywords: [栏目]\n"


def news_column(name: str, date: str, update: str = "") -> dict[str, str]:
    rule = f"update: {update}\n" if update else ""
    return {
        f"content/{name}/_index.md": f"---\ntitle: 动态{name}\ntype: news\n{rule}{META}---\n",
        f"content/{name}/a.md": f"---\ntitle: 动态{name}的消息\ndate: {date}\n"
        "source: 测试市人民政府办公室\nreviewed_by: 审核人\n---\n正文。\n",
    }


def reply_column(name: str, date: str, update: str = "") -> dict[str, str]:
    rule = f"update: {update}\n" if update else ""
    return {
        f"content/{name}/_index.md": f"---\ntitle: 信箱{name}\ntype: reply\n{rule}{META}---\n",
        f"content/{name}/a.md": f"---\ntitle: 信箱{name}的答复\ndate: {date}\nasked: {date}\n"
        f"received: {date}\nreplied: {date}\ndepartment: 市政府办公室\nquestion: 问题\n"
        "reviewed_by: 审核人\n---\n答复。\n",
    }


def codes(lines: list[str], code: str) -> list[str]:
    return [" ".join(line.split(" ")[:2]) for line in lines if f"[{code}]" in line]


@pytest.mark.parametrize(
    ("date", "expected"), [("2026-12-02", []), ("2026-12-03", ["content/_index.md:0: veto"])]
)
def test_home_page(tmp_path: Path, date: str, expected: list[str]) -> None:
    # The newest item is dated 2026-11-18: 14 days later is fine, 15 is a veto.
    make_site(tmp_path, {})
    assert codes(run(tmp_path, date=date).lines, "CONTENT-01") == expected


@pytest.mark.parametrize(
    ("lifecycle", "args"),
    [
        (  # every page is the migration notice, kept 30 days (NOTICE-02)
            "- event: migration\n  date: 2026-11-20\n  destination: https://www.jl.gov.cn/\n",
            (),
        ),
        (  # every page is the temporary offline page (NOTICE-03)
            "- event: temporary_offline\n  from: 2026-11-20\n  to: 2026-12-19\n"
            "  reason: 等级保护整改\n",
            ("--maintenance",),
        ),
    ],
)
def test_no_freshness_veto_while_every_page_is_a_notice(
    tmp_path: Path, lifecycle: str, args: tuple[str, ...]
) -> None:
    """A rebuild from day 15 of the notice period (to correct a mapping, the notice) was
    blocked by CONTENT-01, though the home page must show only the notice until day 30."""
    make_site(tmp_path, {"data/lifecycle.yaml": lifecycle})
    result = run(tmp_path, *args, date="2026-12-05", command="build")
    assert not codes(result.lines, "CONTENT-01") and not codes(result.lines, "CONTENT-02")
    assert result.code == 0, result.lines


@pytest.mark.parametrize(("date", "stale"), [("2026-11-06", False), ("2026-11-05", True)])
def test_news_column_two_weeks(tmp_path: Path, date: str, stale: bool) -> None:
    make_site(tmp_path, news_column("n1", date))
    lines = run(tmp_path).lines
    # (at its title line: the column has no `update` line to point at)
    assert codes(lines, "CONTENT-02") == (["content/n1/_index.md:2: deduct"] if stale else [])


@pytest.mark.parametrize(("date", "stale"), [("2026-11-13", False), ("2026-11-12", True)])
def test_own_stricter_update_rule(tmp_path: Path, date: str, stale: bool) -> None:
    make_site(tmp_path, news_column("n1", date, update="1w"))
    lines = [line for line in run(tmp_path).lines if "[CONTENT-02]" in line]
    assert [line.split(": ")[0:2] for line in lines] == (
        [["content/n1/_index.md:4", "deduct [CONTENT-02] update"]] if stale else []
    )


def test_national_staleness_points_at_a_looser_update_line(tmp_path: Path) -> None:
    """A news column whose `update: 1m` is looser than the national 2 weeks is stale by the
    national limit: told at its `update` line, the rule the editor wrote and reads there."""
    make_site(tmp_path, news_column("n1", "2026-11-05", update="1m"))
    found = [line.split(" ")[0:4] for line in run(tmp_path).with_code("CONTENT-02")]
    assert found == [["content/n1/_index.md:4:", "deduct", "[CONTENT-02]", "栏目“动态n1”（工作动态）超过国家要求的"]]  # fmt: skip


def test_a_folder_without_index_is_the_error_not_a_line_of_it(tmp_path: Path) -> None:
    """A notice section whose folder lacks _index.md: COLUMN-01 stops the check, so no
    freshness finding points into the file that is not there."""
    make_site(tmp_path, notice_column("gg/c0", "2026-05-01", update="6m"))
    result = run(tmp_path)
    assert [line.split(" ")[0:3] for line in result.lines] == [
        ["content/gg:0:", "error", "[COLUMN-01]"]
    ]


def test_frequency_line_of_each_kind_of_column() -> None:
    """The `update` line, else the `title` line; 0 for a stand-in column without front matter
    (a folder without _index.md, the whole file to write)."""
    written = Location("content/n/_index.md", {"title": 2, "type": 3, "update": 4})
    untimed = Location("content/n/_index.md", {"title": 2, "type": 3})
    stand_in = Location("content/gg/_index.md")
    assert frequency_line(Column(id="n", location=written, title="动态")) == 4
    assert frequency_line(Column(id="n", location=untimed, title="动态")) == 2
    assert frequency_line(Column(id="gg", location=stand_in, title="gg")) == 0


@pytest.mark.parametrize(("count", "veto"), [(4, False), (5, True)])
def test_stale_veto_at_five(tmp_path: Path, count: int, veto: bool) -> None:
    files: dict[str, str] = {}
    for index in range(count):
        files.update(news_column(f"n{index}", "2026-11-05"))
    make_site(tmp_path, files)
    result = run(tmp_path)
    assert len(codes(result.lines, "CONTENT-02")) == count + veto
    assert (result.code == 1) is veto
    # (the veto at the first stale column's line, where its own deduct is too: no `content:0`)
    assert codes(result.lines, "CONTENT-02")[0] == ("content/n0/_index.md:2: veto" if veto else
                                                    "content/n0/_index.md:2: deduct")  # fmt: skip


def data_column(name: str, date: str, update: str = "") -> dict[str, str]:
    """A 数据发布 column (a ColumnType without a national threshold) with one item."""
    rule = f"update: {update}\n" if update else ""
    return {
        f"content/{name}/_index.md": f"---\ntitle: 数据{name}\ntype: notice\n"
        f"column_type: 数据发布\n{rule}---\n",
        f"content/{name}/a.md": f"---\ntitle: 数据{name}的发布\ndate: {date}\n"
        "source: 测试市统计局\nreviewed_by: 审核人\n---\n正文。\n",
    }


def long_stale_veto(lines: list[str]) -> list[str]:
    return [line for line in lines if " veto [CONTENT-02]" in line and "长期未更新" in line]


@pytest.mark.parametrize(
    ("count", "date", "veto"),
    [
        (10, "2024-11-19", True),  # twice the 1y fallback and a day
        (9, "2024-11-19", False),
        (10, "2024-11-20", False),  # exactly twice 1y
    ],
)
def test_long_stale_veto_at_ten(tmp_path: Path, count: int, date: str, veto: bool) -> None:
    """Columns without `update` and without a national threshold are allowed 1y
    (ARCHITECTURE §1.1), so more than 2y makes them 长期未更新. They were left out of the
    count: ten columns 2.5 years stale gave only CONTENT-03 advice, a missed veto."""
    files: dict[str, str] = {}
    for index in range(count):
        files.update(data_column(f"s{index}", date))
    make_site(tmp_path, files)
    result = run(tmp_path)
    vetoes = long_stale_veto(result.lines)
    assert [line.split(" ")[0] for line in vetoes] == (["content/s0/_index.md:2:"] if veto else [])
    if veto:
        assert "共 10 个，达到单项否决阈值 10" in vetoes[0]
    # (each is still told at its title as CONTENT-03's advice: none is another finding)
    assert len(codes(result.lines, "CONTENT-03")) == count
    assert len(codes(result.lines, "CONTENT-02")) == veto
    assert (result.code == 1) is veto


def test_a_stricter_own_update_without_national_threshold_is_no_long_stale_veto(
    tmp_path: Path,
) -> None:
    """Ten 数据发布 columns promising `update: 1m`, last item five months old: each breaks
    its own rule (a deduct at its `update` line), none is 长期未更新, for the allowed gap
    that counts is 1y, not the editor's stricter promise. This was a false veto."""
    files: dict[str, str] = {}
    for index in range(10):
        files.update(data_column(f"s{index}", "2026-06-01", update="1m"))
    make_site(tmp_path, files)
    result = run(tmp_path)
    found = [line.split(": ")[0:2] for line in result.with_code("CONTENT-02")]
    assert found == [[f"content/s{i}/_index.md:5", "deduct [CONTENT-02] update"] for i in range(10)]
    assert result.code == 0


@pytest.mark.parametrize(("date", "veto"), [("2022-11-20", False), ("2022-11-19", True)])
def test_a_looser_own_update_counts_double_itself(tmp_path: Path, date: str, veto: bool) -> None:
    """An own `update` looser than 1y (2y) is the allowed gap: 长期未更新 after 4 years."""
    files: dict[str, str] = {}
    for index in range(10):
        files.update(data_column(f"s{index}", date, update="2y"))
    make_site(tmp_path, files)
    result = run(tmp_path)
    assert len(long_stale_veto(result.lines)) == veto
    assert len(result.with_code("CONTENT-02")) == 10 + veto  # (each its own-rule deduct)


def notice_column(name: str, date: str, update: str) -> dict[str, str]:
    return {
        f"content/{name}/_index.md": f"---\ntitle: 公告{name}\ntype: notice\nupdate: {update}\n{META}---\n",
        f"content/{name}/a.md": f"---\ntitle: 公告{name}的通知\ndate: {date}\n"
        "source: 测试市人民政府办公室\nreviewed_by: 审核人\n---\n正文。\n",
    }


@pytest.mark.parametrize(
    ("maker", "date", "update"),
    [(notice_column, "2026-09-01", "1m"), (news_column, "2026-11-12", "3d")],
)
def test_own_stricter_rule_does_not_count_toward_long_stale_veto(
    tmp_path: Path, maker: Callable[..., dict[str, str]], date: str, update: str
) -> None:
    # Ten columns break only their own stricter `update` (inside the national 6m / 2w):
    # each is a deduct on its `update` line, none counts toward the ≥10 veto (ARCHITECTURE §1.1).
    files: dict[str, str] = {}
    for index in range(10):
        files.update(maker(f"c{index}", date, update=update))
    make_site(tmp_path, files)
    result = run(tmp_path)
    found = [line.split(": ")[0:2] for line in result.with_code("CONTENT-02")]
    assert found == [[f"content/c{i}/_index.md:4", "deduct [CONTENT-02] update"] for i in range(10)]
    assert result.code == 0


@pytest.mark.parametrize(("count", "veto"), [(4, False), (5, True)])
def test_empty_veto_at_five(tmp_path: Path, count: int, veto: bool) -> None:
    files = {f"content/e{i}/_index.md": f"---\ntitle: 空栏目{i}\n---\n" for i in range(count)}
    make_site(tmp_path, files)
    result = run(tmp_path)
    assert len(codes(result.lines, "CONTENT-04")) == count
    assert codes(result.lines, "CONTENT-02") == (["content/e0/_index.md:2: veto"] if veto else [])


def test_a_column_of_text_is_not_empty(tmp_path: Path) -> None:
    """A static column's content may be its _index.md's text alone (机构概况): its page shows
    it, so it is neither empty (CONTENT-04) nor missing from the categories (CONTENT-05)."""
    files = {
        f"content/e{i}/_index.md": f"---\ntitle: 概况{i}\nupdate: none\n---\n本市概况。\n"
        for i in range(5)
    }
    files["content/blank/_index.md"] = "---\ntitle: 空栏目\n---\n\n　\n"
    make_site(tmp_path, files)
    result = run(tmp_path)
    # (at its title line: the column the editor is to fill or remove)
    assert codes(result.lines, "CONTENT-04") == ["content/blank/_index.md:2: deduct"]
    assert codes(result.lines, "CONTENT-02") == []


def test_a_required_category_of_text_is_present(tmp_path: Path) -> None:
    root = make_site(
        tmp_path,
        {
            "content/gk/_index.md": "---\ntitle: 概况信息\ntype: page\nupdate: none\n---\n本市概况。\n"
        },
    )
    (root / "content/gk/gaikuang.md").unlink()
    assert codes(run(root).lines, "CONTENT-05") == []
    (root / "content/gk/_index.md").write_text(
        "---\ntitle: 概况信息\ntype: page\nupdate: none\n---\n", "utf-8"
    )
    # (at the title of the column of that type, which has no content: not at the content folder)
    assert codes(run(root).lines, "CONTENT-05") == ["content/gk/_index.md:2: deduct"]


@pytest.mark.parametrize(
    ("emptied", "column", "words"),
    [
        (
            "content/jg/zhineng.md",
            "content/jg/_index.md",
            "“机构职能”类栏目：栏目“机构职能”没有内容",
        ),
        (
            "content/dt/huiyi.md",
            "content/dt/_index.md",
            "政务动态类栏目（工作动态或通知公告）：栏目“工作动态”",
        ),
    ],
)
def test_an_empty_column_of_a_required_category_is_one_finding(
    tmp_path: Path, emptied: str, column: str, words: str
) -> None:
    """The empty column a required category has is one fault: CONTENT-05 reports it, whose
    fix (give it content) holds, and CONTENT-04 (whose fix may be to delete it) does not
    report it again. It still counts toward CONTENT-02's empty-column veto."""
    root = make_site(tmp_path, {})
    (root / emptied).unlink()
    result = run(root)
    found = [x for x in result.lines if "[CONTENT-04]" in x or "[CONTENT-05]" in x]
    assert [" ".join(x.split(" ")[:3]) for x in found] == [f"{column}:2: deduct [CONTENT-05]"]
    assert words in found[0]


def test_a_second_empty_column_of_a_required_category_is_still_empty(tmp_path: Path) -> None:
    """Only the column CONTENT-05 names is left to it: another empty column of the same
    category, or an empty one beside a column of content, is CONTENT-04's."""
    extra = "---\ntitle: 机构设置{n}\ntype: page\ncolumn_type: 机构职能\nupdate: none\n---\n"
    root = make_site(
        tmp_path,
        {"content/jg2/_index.md": extra.format(n=2), "content/jg3/_index.md": extra.format(n=3)},
    )
    result = run(root)
    assert codes(result.lines, "CONTENT-05") == []
    assert codes(result.lines, "CONTENT-04") == [
        "content/jg2/_index.md:2: deduct",
        "content/jg3/_index.md:2: deduct",
    ]
    (root / "content/jg/zhineng.md").unlink()
    result = run(root)
    assert codes(result.lines, "CONTENT-05") == ["content/jg/_index.md:2: deduct"]
    assert codes(result.lines, "CONTENT-04") == [
        "content/jg2/_index.md:2: deduct",
        "content/jg3/_index.md:2: deduct",
    ]


def test_a_missing_category_of_a_draft_column_is_reported_at_its_draft_line(
    tmp_path: Path,
) -> None:
    """`ssg init` makes its columns drafts until they have content: a new site's missing
    categories were four lines at `content:0`, naming no file. Each is at the draft line of
    the column of that type, which is what the editor has to change."""
    root = make_site(tmp_path, {})
    (root / "content/ld/_index.md").write_text(
        "---\ntitle: 领导信息\ntype: leader\ndraft: true\n---\n", "utf-8"
    )
    lines = run(root).with_code("CONTENT-05")
    assert [" ".join(x.split(" ")[:4]) for x in lines] == [
        "content/ld/_index.md:4: deduct [CONTENT-05] draft:"
    ]
    assert "栏目“领导信息”是草稿" in lines[0]


def _policy_column(title: str, draft: bool) -> str:
    flag = "draft: true\n" if draft else ""
    return f"---\ntitle: {title}\ntype: policy\n{flag}---\n"


_REPRINT = "省政府重要政策转载"


@pytest.mark.parametrize(
    ("columns", "named"),
    [
        # a draft 转载 column sorting first, and the site's own 政策文件 column published empty
        (
            {"aa": (_REPRINT, True), "zcwj": ("政策文件", False)},
            "content/zcwj/_index.md:2: deduct [CONTENT-05] title:",
        ),
        # the 转载 column published, the 政策文件 column still a draft: the latter to fill
        (
            {"aa": (_REPRINT, False), "zcwj": ("政策文件", True)},
            "content/zcwj/_index.md:4: deduct [CONTENT-05] draft:",
        ),
        # two columns of the site's own, a draft sorting first: the published one
        (
            {"aa": ("规范性文件", True), "zcwj": ("政策文件", False)},
            "content/zcwj/_index.md:2: deduct [CONTENT-05] title:",
        ),
        # the 转载 column as the only 政策文件 column: named all the same
        ({"aa": (_REPRINT, True)}, "content/aa/_index.md:4: deduct [CONTENT-05] draft:"),
    ],
)
def test_the_policy_column_named_is_the_one_to_fill(
    tmp_path: Path, columns: dict[str, tuple[str, bool]], named: str
) -> None:
    """CONTENT-05 names the 政策文件 column the site is to fill: one already published before
    a draft, and a 转载 column (省政府重要政策转载, a 政策文件 column of reprints) only when
    there is no other. It named the first draft in path order (zwgk/szfzczz)."""
    root = make_site(tmp_path, {})
    for folder in ("content/zcwj", "content/zcjd"):  # (the interpretation cites the policy)
        shutil.rmtree(root / folder)
    for column, (title, draft) in columns.items():
        (root / "content" / column).mkdir()
        (root / f"content/{column}/_index.md").write_text(_policy_column(title, draft), "utf-8")
    lines = run(root).with_code("CONTENT-05")
    assert [" ".join(x.split(" ")[:4]) for x in lines] == [named]
    assert f"栏目“{columns[named.split('/')[1]][0]}”" in lines[0]


def test_section_is_not_empty(tmp_path: Path) -> None:
    files = {
        "content/s/_index.md": f"---\ntitle: 频道\n{META}---\n",
        **news_column("s/n", "2026-11-18"),
    }
    make_site(tmp_path, files)
    assert run(tmp_path).lines == []


@pytest.mark.parametrize(("date", "found"), [("2025-11-21", False), ("2025-11-19", True)])
def test_default_one_year(tmp_path: Path, date: str, found: bool) -> None:
    make_site(tmp_path, reply_column("r", date))
    expected = ["content/r/_index.md:2: advice"] if found else []  # (its title: no `update`)
    assert codes(run(tmp_path).lines, "CONTENT-03") == expected


@pytest.mark.parametrize("remove", [None, "content/ld/shizhang.md"])
def test_required_categories(tmp_path: Path, remove: str | None) -> None:
    make_site(tmp_path, {})
    if remove:
        (tmp_path / remove).unlink()
        (tmp_path / "content/ld/_index.md").unlink()
    lines = codes(run(tmp_path).lines, "CONTENT-05")
    assert lines == (["content:0: deduct"] if remove else [])


@pytest.mark.parametrize("with_column", [True, False])
def test_jilin_reprint_column(tmp_path: Path, with_column: bool) -> None:
    files = news_column("zz", "2026-11-18") if with_column else {}
    if with_column:
        files["content/zz/_index.md"] = "---\ntitle: 省政府重要政策转载\ntype: news\n---\n"
    make_site(tmp_path, files, site_yaml=SITE_YAML + "province: 吉林\n")
    province_line = SITE_YAML.count("\n") + 1
    expected = [] if with_column else [f"data/site.yaml:{province_line}: deduct"]
    found = run(tmp_path).lines
    assert codes(found, "CONTENT-06") == expected
    if not with_column:  # (who the article asks, not every site of 吉林)
        assert "吉林省的市、县级政府门户须设“省政府重要政策转载”专栏" in found[0]


def test_the_provincial_portal_is_not_asked_to_reprint_itself(tmp_path: Path) -> None:
    """吉林办法 第三十七条: reprinted by 省直部门 and city and county portals."""
    site_yaml = SITE_YAML.replace("level: city", "level: province") + "province: 吉林\n"
    make_site(tmp_path, {}, site_yaml=site_yaml)
    assert codes(run(tmp_path).lines, "CONTENT-06") == []


@pytest.mark.parametrize(
    ("site_code", "region_code", "asked"),
    [
        ("2200000123", "", True),  # 省直部门: 吉林省's region code
        ("2200000123", "220000", True),
        ("2298000002", "229800", False),  # a city's department (市级部门网站)
        ("2298000002", "", False),
        ("0000000000", "", False),  # ssg init's stand-in: ID-15 asks for the real code first
        ("bm07000001", "", False),  # a national department's code
    ],
)
def test_jilin_reprint_column_on_a_department_site(
    tmp_path: Path, site_code: str, region_code: str, asked: bool
) -> None:
    """吉林办法 第三十七条: reprinted on the sites of the 省直部门 and the city and county
    portals; a city's or county's department site is not named."""
    site_yaml = (
        SITE_YAML.replace("level: city", "level: department")
        .replace("domain: www.ceshi.gov.cn", "domain: fgw.ceshi.gov.cn")
        .replace('site_code: "2298000001"', f'site_code: "{site_code}"')
        .replace(
            'region_code: "229800"\n', f'region_code: "{region_code}"\n' if region_code else ""
        )
        + "province: 吉林\n"
    )
    assert f'"{site_code}"' in site_yaml
    make_site(tmp_path, {}, site_yaml=site_yaml)
    province_line = site_yaml.splitlines().index("province: 吉林") + 1
    expected = [f"data/site.yaml:{province_line}: deduct"] if asked else []
    found = [line for line in run(tmp_path).lines if "[CONTENT-06]" in line]
    assert codes(found, "CONTENT-06") == expected
    assert all("吉林省的省直部门网站须设" in line for line in found)


@pytest.mark.parametrize("source", ["", "吉林省人民政府办公厅"])
def test_reprint_source(tmp_path: Path, source: str) -> None:
    line = f"source: {source}\n" if source else ""
    make_site(
        tmp_path,
        {
            "content/zz/_index.md": "---\ntitle: 重要政策转载\ntype: page\nupdate: none\n---\n",
            "content/zz/a.md": f"---\ntitle: 转载的文件\n{line}reviewed_by: 审核人\n---\n正文\n",
        },
    )
    expected = [] if source else ["content/zz/a.md:1: deduct"]
    assert codes(run(tmp_path).lines, "CONTENT-07") == expected


@pytest.mark.parametrize(("updated", "found"), [("2026-11-21", True), ("2026-11-20 18:00", False)])
def test_updated_in_the_future(tmp_path: Path, updated: str, found: bool) -> None:
    """A page's `updated` is its PubDate: one later than the build is a date it cannot have
    (a future `date` only schedules the item)."""
    page = "---\ntitle: 市情概况\nupdated: {}\nreviewed_by: 审核人\n---\n正文。\n"
    make_site(tmp_path, {"content/jg/gaikuang.md": page.format(updated)})
    lines = [line for line in run(tmp_path).lines if "CONTENT-08" in line]
    assert [line.split(" 更新日期")[0] for line in lines] == (
        ["content/jg/gaikuang.md:3: deduct [CONTENT-08] updated:"] if found else []
    )


@pytest.mark.parametrize(("count", "veto"), [(4, False), (5, True)])
def test_update_none_does_not_lift_the_national_limit(
    tmp_path: Path, count: int, veto: bool
) -> None:
    """`none` exempts static columns only (ARCHITECTURE §1.1): a 工作动态 column that says
    `update: none` is still held to 2 weeks and counts toward the ≥5 veto."""
    files: dict[str, str] = {}
    for index in range(count):
        files.update(news_column(f"n{index}", "2026-11-05", update="none"))
    make_site(tmp_path, files)
    result = run(tmp_path)
    # The national finding names no field (the column breaks the national limit, whatever its
    # `update` says); the advice is on the `update` line.
    found = [line.split(" ")[0:4] for line in result.with_code("CONTENT-02")]
    expected = [[f"content/n{i}/_index.md:4:", "deduct", "[CONTENT-02]", f"栏目“动态n{i}”（工作动态）超过国家要求的"]
                for i in range(count)]  # fmt: skip
    if veto:
        assert found[0][:3] == ["content/n0/_index.md:4:", "veto", "[CONTENT-02]"]
    assert found[veto:] == expected
    warned = [line.split(" ")[0:4] for line in result.with_code("COLUMN-04")]
    assert warned == [[f"content/n{i}/_index.md:4:", "advice", "[COLUMN-04]", "update:"]
                      for i in range(count)]  # fmt: skip
    assert (result.code == 1) is veto


@pytest.mark.parametrize(("count", "veto"), [(4, False), (5, True)])
def test_news_sub_columns_count_toward_the_veto(tmp_path: Path, count: int, veto: bool) -> None:
    """RULES CONTENT-02 (1) counts every 动态、要闻 column (一级 qualifies only 通知公告 and
    政策文件): 部门动态 under the section 政务动态 is a stale news column of its own."""
    files = {"content/zw/_index.md": "---\ntitle: 政务动态\ntype: news\n---\n"}
    for index in range(count):
        files.update(news_column(f"zw/n{index}", "2026-11-05"))
    make_site(tmp_path, files)
    result = run(tmp_path)
    found = [line.split(" ")[0:3] for line in result.with_code("CONTENT-02")]
    expected = [[f"content/zw/n{i}/_index.md:2:", "deduct", "[CONTENT-02]"] for i in range(count)]
    veto_line = [["content/zw/n0/_index.md:2:", "veto", "[CONTENT-02]"]] if veto else []
    assert found == veto_line + expected
    assert all("超过国家要求的 2周未更新" in line for line in result.with_code("CONTENT-02")[veto:])
    assert (result.code == 1) is veto


def test_notice_section_is_the_first_level_column(tmp_path: Path) -> None:
    """A 通知公告 section is the 一级 column (ARCHITECTURE §1.1): measured over its
    sub-columns, it counts once; its sub-columns are not 一级."""
    files = {"content/gg/_index.md": "---\ntitle: 公告公示\ntype: notice\n---\n"}
    for index in range(2):
        files.update(notice_column(f"gg/c{index}", "2026-05-01", update="6m"))
    make_site(tmp_path, files)
    found = [line.split(" ")[0:4] for line in run(tmp_path).with_code("CONTENT-02")]
    assert found == [
        [
            "content/gg/_index.md:2:",
            "deduct",
            "[CONTENT-02]",
            "栏目“公告公示”（通知公告）超过国家要求的",
        ],
        ["content/gg/c0/_index.md:4:", "deduct", "[CONTENT-02]", "update:"],
        ["content/gg/c1/_index.md:4:", "deduct", "[CONTENT-02]", "update:"],
    ]


def page_column(name: str, column_type: str, pages: int = 1) -> dict[str, str]:
    """A column of that ColumnType holding only `type: page` items (one updated 2025-01-01)."""
    files = {
        f"content/{name}/_index.md": f"---\ntitle: 栏目{name}\ntype: page\n"
        f"column_type: {column_type}\n---\n"
    }
    for index in range(pages):
        files[f"content/{name}/p{index}.md"] = (
            f"---\ntitle: 栏目{name}的单页{index}\nupdated: 2025-01-01\nreviewed_by: 审核人\n---\n正文。\n"
        )
    return files


@pytest.mark.parametrize("count", [1, 5])
def test_a_news_column_of_pages_only_is_a_deduct_not_a_veto(tmp_path: Path, count: int) -> None:
    """A 工作动态 column whose items are all pages was never stale (audit 12, c02-pages: five
    such columns, no finding). Pages are exempt from staleness (ARCHITECTURE §1.2), so it is
    neither stale toward the veto nor empty; but nothing in it shows a 发布时间, and
    "未注明发布时间的信息视为未更新" (RULES DESIGN-05): a deduct at its title line, each."""
    files: dict[str, str] = {}
    for index in range(count):
        files.update(page_column(f"p{index}", "工作动态", pages=2))
    make_site(tmp_path, files)
    result = run(tmp_path)
    found = result.with_code("CONTENT-02")
    assert [line.split(" ")[0:3] for line in found] == [
        [f"content/p{i}/_index.md:2:", "deduct", "[CONTENT-02]"] for i in range(count)
    ]
    assert "（工作动态）按国家要求须 2周内有更新，但其中只有不计更新的单页" in found[0]
    assert "type: news" in found[0]
    assert result.code == 0


@pytest.mark.parametrize(("column_type", "found"), [("通知公告", True), ("概况信息", False)])
def test_only_a_column_of_a_national_threshold_is_told_it_holds_only_pages(
    tmp_path: Path, column_type: str, found: bool
) -> None:
    make_site(tmp_path, page_column("p", column_type))
    lines = run(tmp_path).with_code("CONTENT-02")
    assert [line.split(" ")[0:2] for line in lines] == (
        [["content/p/_index.md:2:", "deduct"]] if found else []
    )
    if found:
        assert "须 6个月内有更新" in lines[0] and "type: notice" in lines[0]


def test_a_column_of_pages_is_measured_over_its_sub_columns(tmp_path: Path) -> None:
    """Its pages are exempt, its sub-columns' dated items are what it publishes: a news
    column of pages with a fresh news sub-column is not reported; a 通知公告 column of pages
    is the 一级 column its stale sub-column is measured under, as a section is."""
    files = {
        **page_column("dt2", "工作动态"),
        **news_column("dt2/bm", "2026-11-18"),
        **page_column("gg", "通知公告"),
        **notice_column("gg/c0", "2026-05-01", update="6m"),
    }
    make_site(tmp_path, files)
    found = [line.split(" ")[0:4] for line in run(tmp_path).with_code("CONTENT-02")]
    assert found == [
        ["content/gg/_index.md:2:", "deduct", "[CONTENT-02]", "栏目“栏目gg”（通知公告）超过国家要求的"],
        ["content/gg/c0/_index.md:4:", "deduct", "[CONTENT-02]", "update:"],
    ]  # fmt: skip


def _section(name: str, title: str, front: str) -> dict[str, str]:
    return {f"content/{name}/_index.md": f"---\ntitle: {title}\n{front}{META}---\n"}


@pytest.mark.parametrize(
    "files",
    [
        # a section that writes its own `update`, over nine 数据发布 columns 3 years old
        {
            **_section("sj", "统计数据", "type: notice\ncolumn_type: 数据发布\nupdate: 1y\n"),
            **{k: v for i in range(9) for k, v in data_column(f"sj/s{i}", "2023-11-01").items()},
        },
        # a 通知公告 section (the 一级 column) over nine notice columns 18 months old
        {
            **_section("gg", "公告公示", "type: notice\n"),
            **{
                k: v
                for i in range(9)
                for k, v in notice_column(f"gg/c{i}", "2025-05-01", update="6m").items()
            },
        },
    ],
    ids=["own-update", "notice-section"],
)
def test_a_stale_section_over_nine_stale_columns_is_no_tenth(
    tmp_path: Path, files: dict[str, str]
) -> None:
    """RULES CONTENT-02 (2) counts 栏目 not updated. A section has no item of its own: it is
    stale because its sub-columns are, and counted beside them one stale subtree made ten
    columns of nine, a false veto. (Each is still told on its own, the section too.)"""
    make_site(tmp_path, files)
    result = run(tmp_path)
    assert long_stale_veto(result.lines) == []
    assert len(result.with_code("CONTENT-02")) + len(result.with_code("CONTENT-03")) == 10
    assert result.code == 0


def test_a_column_with_stale_items_of_its_own_counts_beside_its_sub_columns(
    tmp_path: Path,
) -> None:
    """The near miss: a column that publishes items of its own, three years old, over nine
    long-stale sub-columns is a tenth 栏目 not updated."""
    files = data_column("sj", "2023-11-01")
    for index in range(9):
        files.update(data_column(f"sj/s{index}", "2023-11-01"))
    make_site(tmp_path, files)
    result = run(tmp_path)
    [veto] = long_stale_veto(result.lines)
    assert "共 10 个，达到单项否决阈值 10" in veto and "数据sj、" in veto
    assert result.code == 1


@pytest.mark.parametrize(("notices", "veto"), [(4, False), (5, True)])
def test_a_policy_section_over_notice_columns_is_no_fifth(
    tmp_path: Path, notices: int, veto: bool
) -> None:
    """RULES CONTENT-02 (1): a 通知公告 column under a 政策文件 section is 一级 (no ancestor of
    its ColumnType, ARCHITECTURE §1.1), and so is the section, measured over them: four
    stale notice columns were counted as five. A section counts for columns under it that
    nothing else counts, as the policy columns in it would be."""
    files = _section("zc", "政策法规", "type: policy\ncolumn_type: 政策文件\n")
    for index in range(notices):
        files.update(notice_column(f"zc/c{index}", "2026-05-01", update="6m"))
    make_site(tmp_path, files)
    result = run(tmp_path)
    vetoes = [line for line in result.with_code("CONTENT-02") if " veto " in line]
    assert len(vetoes) == veto
    if veto:
        assert "共 5 个，达到单项否决阈值 5" in vetoes[0] and "政策法规" not in vetoes[0]
    assert (result.code == 1) is veto
