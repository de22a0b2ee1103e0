"""The annual report: derived figures against a hand-counted fixture, the data file, the
page, its downloads and `ssg new annual-report`. Real files, the real CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from ssg.build import build
from ssg.build_types import BuildOptions
from ssg.derive.annual_report import (
    CONDITIONAL,
    FIELDS,
    SOURCE_LABELS,
    derive,
    scaffold_text,
    site_messages,
)
from tests.derive.kit import FIXTURES, differences, figures, fixture_site, report_json
from tests.sitekit import SITE_YAML, cli, make_site, run

TOPICS_YAML = SITE_YAML + "column_types: [专题专栏]\n"

# Counted by hand from tests/derive/fixtures/report-2025 (see the comments in the files'
# generator: each item's date decides its year; the build date is 2026-11-20).
HAND_COUNTED_2025 = {
    # gk/lishi (updated 2025-03-01) + ld/fushizhang (updated 2025-06-01); gk/renkou is 2024
    "信息发布.概况类信息更新量": 2,
    # dt/n1, n2, n3 (2025-12-31 23:59; n4 is 2026-01-01 00:00) + tz/t1, t2
    "信息发布.政务动态信息更新量": 5,
    # zcwj/p2025-1, -2 + zcjd/j1..j6 + hygq/h1, h2 (专题 and 征集调查 are not counted)
    "信息发布.信息公开目录信息更新量": 10,
    "信息发布.总数": 17,
    # zt1 (2024 and 2025 items) and zt2 (2025 only) updated in 2025; zt3 only in 2024
    "专栏专题.维护数量": 2,
    "专栏专题.新开设数量": 1,  # zt2: its first item is in 2025
    "解读回应.解读信息发布.总数": 6,
    "解读回应.解读信息发布.解读材料数量": 3,  # j1, j2 文字解读 + j3 答记者问
    "解读回应.解读信息发布.解读产品数量": 2,  # j4 图解 + j5 视频
    "解读回应.解读信息发布.媒体评论文章数量": 1,  # j6
    "解读回应.回应公众关注热点或重大舆情数量": 2,  # hygq/h1, h2
    "办事服务.是否发布服务事项目录": "是",
    "办事服务.政务服务事项数量": 3,  # s1 (2024), s2, s3; s4 is 2026
    "办事服务.可全程在线办理政务服务事项数量": 2,  # s1, s2
    "互动交流.是否使用统一平台": "否",
    "互动交流.留言办理.收到留言数量": 5,  # messages.csv M1..M5 (M0 is 2024, M6 2026)
    "互动交流.留言办理.办结留言数量": 4,  # M5 answered only in 2026
    "互动交流.留言办理.平均办理时间": 4.0,  # (2 + 3 + 5 + 6) / 4
    "互动交流.留言办理.公开答复数量": 2,  # hd/r1, r2
    "互动交流.征集调查.征集调查期数": 1,  # zjdc/z1
    "基本信息.网站名称": "测试市人民政府",
    "基本信息.网站类型": "政府门户网站",
    "基本信息.政府网站标识码": "2298000001",
    "基本信息.首页网址": "https://www.ceshi.gov.cn/",
}


# A site with one item of 2025 and its report's signing date: what the report tests of the
# JSON download build on.
REPORT_2025 = {
    "content/dt/old.md": (
        "---\ntitle: 旧消息\ndate: 2025-06-01\nsource: 办公室\nreviewed_by: 审核人\n---\n正文。\n"
    ),
    "data/annual-report/2025.yaml": "签署:\n  填报日期: 2026-01-20\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = fixture_site(tmp_path_factory.mktemp("report"), FIXTURES / "report-2025",
                        site_yaml=TOPICS_YAML)  # fmt: skip
    result = run(root, command="build")
    assert result.code == 0, result.lines
    return root / "public", result.lines


def test_derived_figures_match_the_hand_count(built: tuple[Path, list[str]]) -> None:
    public, _lines = built
    found = figures(public, 2025)
    assert {k: found[k] for k in HAND_COUNTED_2025} == HAND_COUNTED_2025


def test_every_template_field_is_in_the_report(built: tuple[Path, list[str]]) -> None:
    public, _lines = built
    data = report_json(public, 2025)
    paths = [f["path"] for s in data["sections"] for f in s["fields"]]
    assert paths == [f.path for f in FIELDS]
    assert [s["section"] for s in data["sections"]] == [
        "基本信息", "信息发布", "专栏专题", "解读回应", "办事服务",
        "互动交流", "安全防护", "移动新媒体", "创新发展", "签署",
    ]  # fmt: skip


def test_data_file_fills_the_rest_and_nothing_is_reported(built: tuple[Path, list[str]]) -> None:
    public, lines = built
    found = figures(public, 2025)
    assert found["基本信息.独立用户访问总量"] == 120000
    assert found["互动交流.在线访谈.访谈期数"] == "不适用"
    assert found["签署.填报日期"] == "2026-01-20"
    assert not differences(lines) and not [line for line in lines if "[REPORT-03]" in line], lines
    statuses = {f["status"] for s in report_json(public, 2025)["sections"] for f in s["fields"]}
    assert statuses == {"ok", "not_applicable"}


def test_page_shows_the_table_by_section(built: tuple[Path, list[str]]) -> None:
    public, _lines = built
    html = (public / "ndbb/2025/index.html").read_text(encoding="utf-8")
    assert html.count('<th scope="rowgroup"') == 10
    assert html.count("<tbody>") == 10
    # (the 来源 follows in a span the theme shows under the 指标 on a phone; a label may break
    # between its words only)
    assert (
        '<th scope="row">留言办理：<wbr>平均<wbr>办理<wbr>时间<span class="report-source-inline">'
        in html
    )
    assert "<caption" in html and "政府网站工作年度报表（2025年度）" in html
    assert 'href="/ndbb/2025/ndbb-2025.json"' in html and 'href="/ndbb/2025/ndbb-2025.csv"' in html
    assert "@media print" in html
    assert "按受理日期归入年度；年底前答复的计为办结" in html  # as counted (see below)
    assert "未填报" not in html.split("<tbody>", 1)[1].split("</table>")[0]
    index = (public / "ndbb/index.html").read_text(encoding="utf-8")
    assert 'href="/ndbb/2025/"' in index


def test_csv_has_the_same_figures(built: tuple[Path, list[str]]) -> None:
    public, _lines = built
    raw = (public / "ndbb/2025/ndbb-2025.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["部分", "指标", "数值", "单位", "来源"]
    assert len(rows) == len(FIELDS) + 1
    assert ["信息发布", "总数", "17", "条", "内容推导"] in rows
    assert ["互动交流", "留言办理：平均办理时间", "4.0", "天", "留言数据"] in rows
    assert ["创新发展", "搜索即服务", "☑ 是", "勾选", "数据文件"] in rows


def test_average_days_from_replies_without_messages_csv(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    (root / "data/messages.csv").unlink()
    result = run(root, command="build")
    found = figures(root / "public", 2025)
    assert found["互动交流.留言办理.平均办理时间"] == 5.5  # hd/r1 4 days, r2 7 days
    # Without the export the message counts come from the data file: not given, so reported.
    assert found["互动交流.留言办理.收到留言数量"] is None
    assert any("[REPORT-03] 互动交流.留言办理.收到留言数量" in line for line in result.lines)


def test_average_days_from_replies_counts_those_answered_in_the_year(tmp_path: Path) -> None:
    """Without messages.csv, a reply published in 2025 but answered in 2026 is not answered in
    2025, as a row of messages.csv answered after 31 December is not: it gave its 12 days."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    (root / "data/messages.csv").unlink()
    (root / "content/hd/r3.md").write_text(
        "---\ntitle: 答复r3\ndate: 2025-12-30\nasked: 2025-12-29\nreceived: 2025-12-29\n"
        "replied: 2026-01-10\ndepartment: 市教育局\nquestion: 问题\nreviewed_by: 审核人\n---\n"
        "答复。\n",
        encoding="utf-8",
    )
    result = run(root, command="build")
    assert result.code == 0, result.lines
    found = figures(root / "public", 2025)
    assert found["互动交流.留言办理.公开答复数量"] == 3
    assert found["互动交流.留言办理.平均办理时间"] == 5.5  # hd/r1 4 days, r2 7 days


def _reply(received: str, replied: str, published: str) -> str:
    return (
        f"---\ntitle: 答复\ndate: {published}\nasked: {received}\nreceived: {received}\n"
        f"replied: {replied}\ndepartment: 市教育局\nquestion: 问题\nreviewed_by: 审核人\n---\n"
        "答复。\n"
    )


def test_average_days_from_replies_counts_the_messages_received_in_the_year(
    tmp_path: Path,
) -> None:
    """Without messages.csv, 平均办理时间 is of the messages received in the year (RULES
    REPORT-03: 其中, of 收到留言数量), by the replies' own 受理日期, not by the year they were
    published in: last December's message answered and published in January is the year
    before's (it gave its 9 days to 2025), this December's answer published in January is
    this year's (its 6 days were left out)."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    (root / "data/messages.csv").unlink()
    (root / "content/hd/r3.md").write_text(
        _reply("2024-12-28", "2025-01-06", "2025-01-06"), "utf-8"
    )
    (root / "content/hd/r4.md").write_text(
        _reply("2025-12-20", "2025-12-26", "2026-01-05"), "utf-8"
    )
    result = run(root, command="build")
    assert result.code == 0, result.lines
    found = figures(root / "public", 2025)
    assert found["互动交流.留言办理.公开答复数量"] == 3  # r1, r2, r3: published in 2025
    assert found["互动交流.留言办理.平均办理时间"] == 5.7  # r1 4, r2 7, r4 6 days: 17 / 3


def test_home_page_gets_the_newest_report(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    (root / "data/annual-report/2023.yaml").write_text("基本信息:\n", encoding="utf-8")
    (root / "themes/default/templates").mkdir(parents=True)
    (root / "themes/default/templates/home.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>首页</h1>'
        '<a href="{{ newest_report.url }}">{{ newest_report.title }}</a>{% endblock %}\n',
        encoding="utf-8",
    )
    result = run(root, command="build")
    assert result.code == 0
    home = (root / "public/index.html").read_text(encoding="utf-8")
    assert '<a href="/ndbb/2025/">政府网站工作年度报表（2025年度）</a>' in home
    assert (root / "public/ndbb/2023/index.html").is_file()
    assert not (root / "public/ndbb/2024").exists()


def test_no_report_for_a_year_before_the_site_existed(tmp_path: Path) -> None:
    make_site(tmp_path, {})  # everything in the baseline is dated 2026
    result = run(tmp_path, command="build")
    assert not (tmp_path / "public/ndbb").exists()
    assert not [line for line in result.lines if "[REPORT-" in line]


def test_scaffold_has_every_key_with_its_unit(tmp_path: Path) -> None:
    text = scaffold_text(2025)
    for fld in FIELDS:
        key = fld.path.rsplit(".", 1)[-1]
        lines = [
            line for line in text.splitlines() if re.match(rf"^\s*(# )?{re.escape(key)}:", line)
        ]
        assert lines, fld.path
        if fld.unit and fld.unit != "勾选":
            assert any(f"单位：{fld.unit}" in line for line in lines), fld.path
    # What is left active parses, and every active key is empty: nothing is made up.
    data = yaml.load(text, Loader=yaml.BaseLoader)
    assert list(data) == [
        "基本信息", "信息发布", "专栏专题", "解读回应", "办事服务",
        "互动交流", "安全防护", "移动新媒体", "创新发展", "签署",
    ]  # fmt: skip


def test_ssg_new_annual_report_writes_once(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    first = run(tmp_path, "annual-report", "2025", command="new")
    target = tmp_path / "data/annual-report/2025.yaml"
    assert first.code == 0 and target.is_file()
    before = target.read_bytes()
    second = run(tmp_path, "annual-report", "2025", command="new")
    assert second.code == 2
    assert target.read_bytes() == before
    assert run(tmp_path, "annual-report", "25", command="new").code == 2


@pytest.mark.parametrize(("year", "date", "refused"), [
    ("2099", "", "2099 年度还没有开始"),  # (today, whatever day the test runs)
    ("2027", "2026-11-20", "2027 年度还没有开始（日期 2026-11-20）"),
    ("2026", "2026-11-20", ""),  # the year under way: its figures are filled in as they come
    ("2025", "2026-01-20", ""),
    ("2026", "2025-12-31", "2026 年度还没有开始（日期 2025-12-31）"),
    ("2017", "2026-11-20", ""),  # the first report, published by 31 January 2018
    ("2016", "2026-11-20", "2016 年度没有政府网站工作年度报表：报表由年报通知（国办函〔2018〕12号"),
    ("1999", "2026-11-20", "首期为 2017 年度；请写 2017 至 2026 之间的年份"),
])  # fmt: skip
def test_ssg_new_annual_report_refuses_a_year_without_a_report(
    tmp_path: Path, year: str, date: str, refused: str
) -> None:
    """`ssg new annual-report 2099` wrote data/annual-report/2099.yaml, a report for a year
    that has not begun; 1999 one for a year long before the 年度报表 existed."""
    make_site(tmp_path, {})
    code, out, err = cli(
        "new", "annual-report", year, "--source", str(tmp_path), *(["--date", date] if date else [])
    )
    target = tmp_path / f"data/annual-report/{year}.yaml"
    if not refused:
        assert (code, err) == (0, "") and target.is_file()
        return
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and refused in err, err
    assert "Traceback" not in err and not target.parent.exists()


def test_docs_list_every_field_and_its_source() -> None:
    docs = (Path(__file__).parents[2] / "docs/annual-report.md").read_text(encoding="utf-8")
    for fld in FIELDS:
        source = SOURCE_LABELS[fld.source]
        if fld.path in CONDITIONAL:
            source += "（推导不了时：数据文件）"
        row = (
            f"| {fld.section} | `{fld.path.split('.', 1)[1]}` | {fld.unit or '—'} | {source} | "
            f"{fld.how or '—'} |"
        )
        assert row in docs, fld.path


def test_a_data_file_named_for_year_0000_is_a_misnamed_file(tmp_path: Path) -> None:
    """0000 is four digits but no year: it was taken for one, and the report crashed."""
    make_site(tmp_path, {"data/annual-report/0000.yaml": "基本信息:\n"})
    result = run(tmp_path, command="build")
    assert result.code == 0
    assert [line.split(" 年度")[0] for line in result.with_code("REPORT-03")] == [
        "data/annual-report/0000.yaml:0: advice [REPORT-03]"
    ]


def test_an_unreadable_data_file_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    data = root / "data/annual-report/2025.yaml"
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:  # (chmod 000 does not stop root)
        if self == data:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = run(root, command="build")
    assert result.code == 1
    assert [line.split(" (")[0] for line in result.lines if " error " in line] == [
        "data/annual-report/2025.yaml:0: error [FILE-03] 无法读取 2025.yaml：Permission denied；"
        "请检查文件权限"
    ]


def test_an_unreadable_data_folder_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    folder = root / "data/annual-report"
    real = Path.iterdir

    def iterdir(self: Path) -> Iterator[Path]:
        if self == folder:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    result = run(root)
    assert result.code == 1
    assert [line.split("：")[0] for line in result.lines if " error " in line] == [
        "data/annual-report:0: error [FILE-03] 无法读取文件夹 data/annual-report"
    ]


def test_a_yaml_error_in_a_data_file_keeps_its_own_code(tmp_path: Path) -> None:
    """As in every other file: YAML-04 for a tab, not REPORT-03 with the code in brackets."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    data = root / "data/annual-report/2025.yaml"
    lines = data.read_text(encoding="utf-8").splitlines()
    indented = next(i for i, line in enumerate(lines) if line.startswith("  "))
    lines[indented] = "\t" + lines[indented].lstrip()
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(root, command="build")
    assert result.code == 1
    errors = [line for line in result.lines if " error " in line]
    assert [
        line.split(" [")[0] + " [" + line.split("[")[1].split("]")[0] + "]" for line in errors
    ] == [f"data/annual-report/2025.yaml:{indented + 1}: error [YAML-04]"]
    assert "（YAML-04）" not in errors[0]


def test_a_draft_column_does_not_make_a_figure_derivable(tmp_path: Path) -> None:
    """`ssg init` makes every column a draft until it has content: a draft 回应关切 or 征集调查
    column publishes nothing, so the figure is the data file's, not a derived 0 that
    overrode the 28 the site filled in (and was reported as a difference)."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    for column in ("hygq", "zjdc"):
        index = root / f"content/{column}/_index.md"
        index.write_text(
            index.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1),
            encoding="utf-8",
        )
    data = root / "data/annual-report/2025.yaml"
    # (hygq's two 2025 items leave 信息发布 too: its 总数 gives way to the 回应关切 figure, on
    # as many lines, so that the lines below stay where they were)
    text = data.read_text(encoding="utf-8")
    assert "信息发布:\n  总数: 17\n" in text
    data.write_text(
        text.replace(
            "信息发布:\n  总数: 17\n", "解读回应:\n  回应公众关注热点或重大舆情数量: 28\n"
        ),
        encoding="utf-8",
    )
    result = run(root, command="build")
    assert result.code == 0, result.lines
    found = figures(root / "public", 2025)
    assert found["解读回应.回应公众关注热点或重大舆情数量"] == 28
    assert found["互动交流.征集调查.征集调查期数"] is None
    sources = {
        f["path"]: f["source"]
        for s in report_json(root / "public", 2025)["sections"]
        for f in s["fields"]
    }
    assert sources["解读回应.回应公众关注热点或重大舆情数量"] == "数据文件"
    assert not differences(result.lines), result.lines
    assert [line.split(" 年度")[0] for line in result.with_code("REPORT-03")] == [
        "data/annual-report/2025.yaml:14: deduct [REPORT-03] 互动交流.征集调查.征集调查期数: 2025"
    ]


def test_a_message_answered_after_the_year_is_not_answered_in_it(tmp_path: Path) -> None:
    """The report of 2025 counts what was answered in 2025: a message received on 28 December
    and answered on 6 January was open at the end of the year. Counted, the published figures
    changed with every later build (4 answered on 5 January, 5 after the answer came in)."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    messages = root / "data/messages.csv"
    with messages.open("a", encoding="utf-8") as handle:
        handle.write("M7,2025-12-28,2025-12-28,2026-01-06,市教育局,咨询,是\n")
    result = run(root, command="build")
    assert result.code == 0, result.lines
    found = figures(root / "public", 2025)
    assert found["互动交流.留言办理.收到留言数量"] == 6  # M1..M5 and M7
    assert found["互动交流.留言办理.办结留言数量"] == 4  # M1..M4, as before M7 was answered
    assert found["互动交流.留言办理.平均办理时间"] == 4.0  # (2 + 3 + 5 + 6) / 4
    assert not differences(result.lines) and not result.with_code("REPORT-03")


WEIBO = "  微博:\n    名称: 不适用\n    信息发布量: 不适用\n    关注量: 不适用\n"
NEW_MEDIA = "  是否有移动新媒体: 是\n" + WEIBO


@pytest.mark.parametrize(
    ("old", "new", "not_applicable"),
    [
        # a whole part written once
        (
            WEIBO,
            "  微博: 不适用\n",
            [f"移动新媒体.微博.{k}" for k in ("名称", "信息发布量", "关注量")],
        ),
        # no new media at all: none of its accounts applies, nothing more to write
        (
            NEW_MEDIA + "  微信:\n    名称: 测试发布\n    信息发布量: 365\n    订阅数: 12000\n"
            "  其他: 不适用\n",
            "  是否有移动新媒体: 否\n",
            [f.path for f in FIELDS if f.path.startswith("移动新媒体.") and "是否" not in f.path],
        ),
        # the same, in the file `ssg new annual-report` writes: every account's key left empty
        (
            NEW_MEDIA + "  微信:\n    名称: 测试发布\n    信息发布量: 365\n    订阅数: 12000\n"
            "  其他: 不适用\n",
            "  是否有移动新媒体: 否\n  微博:\n    名称:\n    信息发布量:\n    关注量:\n"
            "  微信:\n    名称:\n    信息发布量:\n    订阅数:\n  其他:\n",
            [f.path for f in FIELDS if f.path.startswith("移动新媒体.") and "是否" not in f.path],
        ),
    ],
)
def test_a_part_that_does_not_apply_is_written_once(
    tmp_path: Path, old: str, new: str, not_applicable: list[str]
) -> None:
    """`微博: 不适用` was an error that blocked the build (“应分项填写”), and 是否有移动新媒体: 否
    still asked for every account's figures, each a deduct."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    data = root / "data/annual-report/2025.yaml"
    text = data.read_text(encoding="utf-8")
    assert old in text
    data.write_text(text.replace(old, new), encoding="utf-8")
    result = run(root, command="build")
    assert result.code == 0, result.lines
    assert not result.with_code("REPORT-03"), result.with_code("REPORT-03")
    found = figures(root / "public", 2025)
    assert {path: found[path] for path in not_applicable} == dict.fromkeys(not_applicable, "不适用")


def test_topics_in_a_topic_channel_are_counted_one_by_one(tmp_path: Path) -> None:
    """The usual portal keeps its topics in one channel, 专题专栏/冰雪旅游专题 …: the channel
    is not one topic that holds the rest (2 maintained and 1 new, not 1 and 0)."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    channel = root / "content/ztzl"
    channel.mkdir()
    (channel / "_index.md").write_text("---\ntitle: 专题专栏\n---\n", encoding="utf-8")
    for topic in ("zt1", "zt2", "zt3"):
        (root / "content" / topic).rename(channel / topic)
    result = run(root, command="build")
    assert result.code == 0, result.lines
    found = figures(root / "public", 2025)
    assert found["专栏专题.维护数量"] == HAND_COUNTED_2025["专栏专题.维护数量"]
    assert found["专栏专题.新开设数量"] == HAND_COUNTED_2025["专栏专题.新开设数量"]
    assert not differences(result.lines) and not result.with_code("REPORT-03")


def test_a_topic_keeps_its_own_sub_columns(tmp_path: Path) -> None:
    """A topic whose sub-columns are its parts (动态, 政策) is one topic; so is a topic with
    items of its own and a sub-topic in it."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    zt2 = root / "content/zt2"
    (zt2 / "dt").mkdir()
    (zt2 / "dt/_index.md").write_text("---\ntitle: 专题动态\n---\n", encoding="utf-8")
    (zt2 / "a1.md").rename(zt2 / "dt/a1.md")  # zt2 now only holds its 动态 sub-column
    zt1 = root / "content/zt1"
    (zt1 / "tp").mkdir()
    (zt1 / "tp/_index.md").write_text("---\ntitle: 图片专栏\n---\n", encoding="utf-8")
    (zt1 / "a2.md").rename(zt1 / "tp/a2.md")  # zt1 keeps its 2024 item, its 2025 one moves
    result = run(root, command="build")
    assert result.code == 0, result.lines
    found = figures(root / "public", 2025)
    assert found["专栏专题.维护数量"] == 2
    assert found["专栏专题.新开设数量"] == 1
    # (a topic's 专题动态 is part of the topic: its news are not 政务动态, docs §1.2)
    for key in ("信息发布.政务动态信息更新量", "信息发布.总数"):
        assert found[key] == HAND_COUNTED_2025[key], key


def test_a_topic_known_by_its_name_is_not_counted_as_news(tmp_path: Path) -> None:
    """A column named …专题 or …专栏 is a topic whatever its type (here `news`, with no
    column_type): its items, its sub-columns' too, count under 专栏专题, not in 信息发布."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    topic = root / "content/bx"
    (topic / "dt").mkdir(parents=True)
    (topic / "_index.md").write_text("---\ntitle: 冰雪节专题\ntype: news\n---\n", "utf-8")
    (topic / "dt/_index.md").write_text("---\ntitle: 专题动态\n---\n", encoding="utf-8")
    for path, title in ((topic / "a.md", "冰雪节开幕"), (topic / "dt/b.md", "冰雪节动态")):
        path.write_text(
            f"---\ntitle: {title}\ndate: 2025-12-20\nsource: 测试市文化和旅游局\n"
            "reviewed_by: 审核人\n---\n正文。\n",
            encoding="utf-8",
        )
    result = run(root, command="build")
    assert result.code == 0, result.lines
    found = figures(root / "public", 2025)
    for key in ("信息发布.政务动态信息更新量", "信息发布.总数"):
        assert found[key] == HAND_COUNTED_2025[key], key
    assert found["专栏专题.维护数量"] == HAND_COUNTED_2025["专栏专题.维护数量"] + 1


def test_a_reply_item_answered_before_it_was_received_blocks_as_the_csv_row_does(
    tmp_path: Path,
) -> None:
    """Without messages.csv the average comes from the reply items. One whose dates are in
    the wrong order was a deduct finding and was left out of the average; the same dates in
    a row of messages.csv are an error at the row. Both are invalid input now: an error at
    the field's line, the build blocked, no report published from them."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    (root / "data/messages.csv").unlink()
    (root / "content/hd/r3.md").write_text(
        "---\ntitle: 答复r3\ndate: 2025-09-10\nasked: 2025-09-08\nreceived: 2025-09-08\n"
        "replied: 2025-09-05\ndepartment: 市教育局\nquestion: 问题\nreviewed_by: 审核人\n---\n"
        "答复。\n",
        encoding="utf-8",
    )
    result = run(root, command="build")
    assert [line.split(" 答复日期")[0] for line in result.with_code("INTERACT-03")] == [
        "content/hd/r3.md:6: error [INTERACT-03] replied:"
    ]
    assert result.code == 1
    assert not (root / "public").exists()


def _figures_meanwhile(root: Path, year: int) -> dict[str, object]:
    """The derived figures of a site whose build is blocked: what `ssg check` computes."""
    site = build(
        BuildOptions(root, root / "public", dt.date(2026, 11, 20), write=False, jobs=1)
    ).site
    assert site is not None
    return {
        path: value for path, (value, _source) in derive(site, year, site_messages(root)).items()
    }


def test_a_message_with_an_unreadable_reply_date_is_answered_without_days(
    tmp_path: Path,
) -> None:
    """A row whose 答复日期 cannot be read is an error at the row; until it is fixed the
    message is not counted as unanswered (the platform recorded an answer): received, 办结,
    and left out of the average as it has no days, as a row answered before it was received."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    with (root / "data/messages.csv").open("a", encoding="utf-8") as handle:
        handle.write("M7,2025-07-01,2025-07-01,2025年7月3日,市教育局,咨询,是\n")
        handle.write("M8,2025-07-02,2025-07-09,2025-07-03,市教育局,咨询,是\n")
    result = run(root)
    assert [line.split(": ")[:2] for line in result.lines if "messages.csv" in line] == [
        ["data/messages.csv:9", "error [MESSAGES-03] replied"],
        ["data/messages.csv:10", "error [MESSAGES-04] replied"],
    ]
    found = _figures_meanwhile(root, 2025)
    assert found["互动交流.留言办理.收到留言数量"] == 7  # M1..M5, M7, M8
    assert found["互动交流.留言办理.办结留言数量"] == 6  # M5 answered only in 2026
    assert found["互动交流.留言办理.平均办理时间"] == 4.0  # (2 + 3 + 5 + 6) / 4, as before


def test_a_data_file_that_cannot_be_read_is_not_also_all_missing(tmp_path: Path) -> None:
    """A data file with a YAML error is one error at its line: not that error and a 未填报
    finding for each of its 35 fields, which are all there."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    data = root / "data/annual-report/2025.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            "  网站总访问量: 560000", "\t网站总访问量: 560000"
        ),
        encoding="utf-8",
    )
    result = run(root, command="build")
    assert result.code == 1
    assert [line.split(" [")[0] + " [" + line.split("[")[1].split("]")[0] + "]"
            for line in result.lines if "2025.yaml" in line] == [
        "data/annual-report/2025.yaml:4: error [YAML-04]"
    ]  # fmt: skip


# (not 2026-01-01: the fixture's messages.csv has a row received on 2026-01-02, an input
# error in a build dated before it, MESSAGES-04)
@pytest.mark.parametrize("date", ["2026-01-02", "2026-01-14"])
def test_the_year_boundary_with_a_build_date_in_january(tmp_path: Path, date: str) -> None:
    """Built in January, when the 2025 report is first out: what is dated 12-31 (23:59 too) is
    2025's, what is dated 01-01 (00:00 too) is not — items, undated pages by `updated`, and
    messages by the day received; one received on 12-31 and answered on 01-01 was still open
    at the end of 2025. The fixture's own boundary items are dt/n3 (2025-12-31 23:59) and
    dt/n4 (2026-01-01 00:00)."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    for name, day in (("nian-mo", "2025-12-31"), ("nian-chu", "2026-01-01")):
        (root / f"content/gk/{name}.md").write_text(
            f"---\ntitle: 概况{name}\nupdated: {day}\nreviewed_by: 审核人\n---\n正文。\n",
            encoding="utf-8",
        )
    with (root / "data/messages.csv").open("a", encoding="utf-8") as handle:
        handle.write("M8,2025-12-31,2025-12-31,2026-01-01,市教育局,咨询,是\n")
        handle.write("M9,2026-01-01,2026-01-01,2026-01-01,市教育局,咨询,是\n")
    expected = dict(HAND_COUNTED_2025)
    expected["信息发布.概况类信息更新量"] += 1  # nian-mo
    expected["信息发布.总数"] += 1
    expected["互动交流.留言办理.收到留言数量"] += 1  # M8 (answered in 2026: not 办结)
    data = root / "data/annual-report/2025.yaml"  # (it gives 信息发布.总数 too: compared)
    text = data.read_text(encoding="utf-8").replace("  总数: 17\n", "  总数: 18\n", 1)
    data.write_text(text, encoding="utf-8")
    result = run(root, command="build", date=date)
    assert result.code == 0, result.lines
    found = figures(root / "public", 2025)
    assert {k: found[k] for k in expected} == expected
    assert not differences(result.lines) and not result.with_code("REPORT-01"), result.lines


@pytest.mark.parametrize(("change", "signed", "home"), [
    # the change comes after the report was published: it names the old domain, as filed
    ("2026-11-10", "2026-01-20", "https://ceshi.jl.gov.cn/"),
    ("2026-11-10", "", "https://ceshi.jl.gov.cn/"),  # unsigned: as due by 31 January
    ("2026-01-10", "2026-01-20", "https://www.ceshi.gov.cn/"),  # published on the new one
    ("2026-01-25", "", "https://www.ceshi.gov.cn/"),  # unsigned, due after the change
])  # fmt: skip
def test_the_home_address_is_the_sites_on_the_day_the_report_is_published(
    tmp_path: Path, change: str, signed: str, home: str
) -> None:
    """基本信息.首页网址 of the 2025 report, built on 2026-11-20, after every change above: the
    address filed when the report was published, not today's (a later domain change would
    rewrite a published report, and set it apart from its frozen figures)."""
    lifecycle = f"- event: domain_change\n  date: {change}\n  old_domain: ceshi.jl.gov.cn\n"
    data = f"签署:\n  填报日期: {signed}\n" if signed else "基本信息:\n  网站总访问量: 1\n"
    news = (
        "---\ntitle: 旧消息\ndate: 2025-06-01\nsource: 办公室\nreviewed_by: 审核人\n---\n正文。\n"
    )
    files = {
        "content/dt/old.md": news,
        "data/lifecycle.yaml": lifecycle,
        "data/annual-report/2025.yaml": data,
    }
    make_site(tmp_path, files)
    run(tmp_path, command="build")
    assert figures(tmp_path / "public", 2025)["基本信息.首页网址"] == home


def test_dates_in_full_width_digits_are_read_as_front_matter_reads_them(tmp_path: Path) -> None:
    """A Chinese input method types ２０２６-０１-１０: a date in front matter, so in
    data/lifecycle.yaml and the report's data file too (not LIFECYCLE-03 nor REPORT-03). Read,
    not just let through: the change before the report's signing gives the new domain."""
    files = {
        **REPORT_2025,
        "data/lifecycle.yaml": (
            "- event: domain_change\n  date: ２０２６-０１-１０\n  old_domain: ceshi.jl.gov.cn\n"
        ),
        "data/annual-report/2025.yaml": "签署:\n  填报日期: ２０２６-０１-２０\n",
    }
    make_site(tmp_path, files)
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    found = figures(tmp_path / "public", 2025)
    assert found["签署.填报日期"] == "2026-01-20"
    assert found["基本信息.首页网址"] == "https://www.ceshi.gov.cn/"


@pytest.mark.parametrize(("change", "frozen", "domain"), [
    # the domain changed after the report was published: the report and its JSON name the old
    ("2026-11-10", "", "ceshi.jl.gov.cn"),
    # published on the new domain: the JSON names it too
    ("2026-01-10", "", "www.ceshi.gov.cn"),
    # frozen (as filed, written by hand without the scheme): the frozen address's domain
    ("2026-11-10", "基本信息:\n  首页网址: WWW.Shili.gov.cn\n", "www.shili.gov.cn"),
])  # fmt: skip
def test_the_json_download_names_the_domain_the_report_does(
    tmp_path: Path, change: str, frozen: str, domain: str
) -> None:
    """site.domain of ndbb-2025.json was site.yaml's domain of the build date, while the
    report's 首页网址 (page, CSV and the JSON's own field) is the domain on the day it was
    published: after a later domain change the download named another site than its page."""
    files = {
        **REPORT_2025,
        "data/lifecycle.yaml": (
            f"- event: domain_change\n  date: {change}\n  old_domain: ceshi.jl.gov.cn\n"
        ),
    }
    if frozen:
        files["data/annual-report/2025.frozen.yaml"] = frozen
    make_site(tmp_path, files)
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    public = tmp_path / "public"
    home = figures(public, 2025)["基本信息.首页网址"]
    assert report_json(public, 2025)["site"]["domain"] == domain
    assert home.lower().removeprefix("https://").rstrip("/") == domain
    html = (public / "ndbb/2025/index.html").read_text(encoding="utf-8")
    shown = re.search(
        r'<th scope="row">首页网址<span[^>]*>[^<]*</span></th>\s*<td class="report-value">(.*?)</td>',
        html,
    )
    # (<wbr> lets the address break before its dots only)
    assert shown is not None and shown.group(1).replace("<wbr>", "") == home


@pytest.mark.parametrize("frozen", [
    "不适用",
    "见附件",
    "https://",  # (a scheme and no host)
    "http://10.0.0.1/",  # (an address, no domain)
])  # fmt: skip
@pytest.mark.parametrize(("change", "domain"), [
    ("2026-11-10", "ceshi.jl.gov.cn"),  # changed after the report: the old one, not today's
    ("2026-01-10", "www.ceshi.gov.cn"),  # published on the new one
])  # fmt: skip
def test_a_frozen_home_address_that_names_no_domain_gives_the_domain_in_effect(
    tmp_path: Path, frozen: str, change: str, domain: str
) -> None:
    """site.domain of ndbb-2025.json was the frozen 首页网址's text (不适用) when it named no
    host: the JSON names the domain the report derives for its year, and the row keeps
    what was frozen."""
    files = {
        **REPORT_2025,
        "data/lifecycle.yaml": (
            f"- event: domain_change\n  date: {change}\n  old_domain: ceshi.jl.gov.cn\n"
        ),
        "data/annual-report/2025.frozen.yaml": f"基本信息:\n  首页网址: '{frozen}'\n",
    }
    make_site(tmp_path, files)
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    public = tmp_path / "public"
    document = report_json(public, 2025)
    assert document["site"]["domain"] == domain
    assert figures(public, 2025)["基本信息.首页网址"] == frozen


@pytest.mark.parametrize(("frozen", "domain"), [
    ("https://www.shili.gov.cn:443/", "www.shili.gov.cn"),  # (a port is no part of it)
    ("http://示例市政府.政务/", "示例市政府.政务"),  # (a Chinese domain is one)
    ("https://xn--fsq956ahnal6sw20a.xn--zfr164b/", "xn--fsq956ahnal6sw20a.xn--zfr164b"),
])  # fmt: skip
def test_a_frozen_home_address_gives_its_domain_only(
    tmp_path: Path, frozen: str, domain: str
) -> None:
    files = {
        **REPORT_2025,
        "data/annual-report/2025.frozen.yaml": f"基本信息:\n  首页网址: '{frozen}'\n",
    }
    make_site(tmp_path, files)
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    assert report_json(tmp_path / "public", 2025)["site"]["domain"] == domain


def test_the_json_download_names_the_site_as_its_rows_do(tmp_path: Path) -> None:
    """site.name and site.site_code of ndbb-2025.json were site.yaml's of the build date while
    its rows, the page and the CSV showed the frozen ones (the session's review): a site
    renamed or given a new 标识码 after submitting its report."""
    files = {
        **REPORT_2025,
        "data/annual-report/2025.frozen.yaml": (
            "基本信息:\n  网站名称: 测试县人民政府\n  政府网站标识码: '2298000009'\n"
        ),
    }
    make_site(tmp_path, files)
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    public = tmp_path / "public"
    document = report_json(public, 2025)
    shown = figures(public, 2025)
    assert shown["基本信息.网站名称"] == "测试县人民政府"
    assert document["site"]["name"] == "测试县人民政府"
    assert document["site"]["site_code"] == shown["基本信息.政府网站标识码"] == "2298000009"
    assert document["title"].startswith("测试县人民政府网站工作年度报表")
