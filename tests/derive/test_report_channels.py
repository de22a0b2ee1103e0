"""留言办理 and the 知识库 count the 政务咨询类 messages only: not the rows of the channels
RULES INTERACT-02 leaves out (网上信访、纪检举报、在线访谈、调查征集), which the interaction
platform's export (data/messages.csv) holds too. Real sites on disk, the real CLI; the
figures are read off the rendered pages."""

from __future__ import annotations

import re
from pathlib import Path

from tests.derive.kit import FIXTURES, differences, figures, fixture_site
from tests.derive.test_annual_report import HAND_COUNTED_2025, TOPICS_YAML
from tests.derive.test_report_freeze import FROZEN, freeze, line_of
from tests.sitekit import make_site, run

# Rows of 2025 of every excluded channel, each spelled as the platform may write it, answered
# slowly or not at all: counted, they changed every 留言办理 figure of the fixture.
OTHER_CHANNELS = (
    "X1,2025-02-01,2025-02-01,2025-05-01,市信访局,网上信访,否\n"
    "X2,2025-04-01,2025-04-01,,市信访局,信访,否\n"
    "X3,2025-05-01,2025-05-01,2025-08-30,市纪委监委,纪检举报,否\n"
    "X4,2025-06-10,2025-06-10,2025-06-10,市政府办公室,在线访谈,是\n"
    "X5,2025-07-01,2025-07-01,2025-07-31,市发展改革委,意见征集,是\n"
    "X6,2025-08-01,2025-08-01,2025-09-01,市发展改革委, 调查 征集 ,是\n"
)


def report_rows(html: str) -> dict[str, str]:
    """指标 → 数值 as the report page shows them (the inline unit and source left out)."""
    html = re.sub(r'<span class="report-(?:source|unit)-inline">.*?</span>', "", html)
    rows = {}
    for row in re.findall(r"<tr>\s*(<th scope=\"row\">.*?)</tr>", html, re.S):
        cells = [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        rows[cells[0]] = cells[1]
    return rows


def test_the_report_counts_the_consultation_messages_only(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    with (root / "data/messages.csv").open("a", encoding="utf-8") as handle:
        handle.write(OTHER_CHANNELS)
    result = run(root, command="build")
    assert result.code == 0, result.lines
    shown = report_rows((root / "public/ndbb/2025/index.html").read_text(encoding="utf-8"))
    # The fixture's own M1..M5 only, as counted by hand before these rows were added.
    assert shown["留言办理：收到留言数量"] == "5"
    assert shown["留言办理：办结留言数量"] == "4"
    assert shown["留言办理：平均办理时间"] == "4.0"
    found = figures(root / "public", 2025)
    assert {k: found[k] for k in HAND_COUNTED_2025} == HAND_COUNTED_2025
    # (X2, a 信访 row unanswered for ten months, is no INTERACT-02 veto either)
    assert not differences(result.lines) and not result.with_code("INTERACT-02"), result.lines
    page = (root / "public/ndbb/2025/index.html").read_text(encoding="utf-8")
    assert "不含网上信访、纪检举报、在线访谈、调查征集" in page


def test_a_row_of_an_unknown_category_is_counted_as_interact_02_judges_it(tmp_path: Path) -> None:
    """A 类别 that names no channel (其他) may be a consultation: counted, as INTERACT-02
    judges it, and MESSAGES-06 asks for its category."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    with (root / "data/messages.csv").open("a", encoding="utf-8") as handle:
        handle.write("U1,2025-09-01,2025-09-01,2025-09-05,市教育局,其他,是\n")
    result = run(root, command="build")
    assert result.code == 0, result.lines
    found = figures(root / "public", 2025)
    assert found["互动交流.留言办理.收到留言数量"] == 6
    assert found["互动交流.留言办理.办结留言数量"] == 5
    assert found["互动交流.留言办理.平均办理时间"] == 4.0  # (2 + 3 + 5 + 6 + 4) / 5
    assert [line.split(":", 2)[:2] for line in result.with_code("MESSAGES-06")] == [
        ["data/messages.csv", "9"]
    ]


HEADER = "id,asked,received,replied,department,category,public\n"


def test_the_knowledge_base_counts_the_consultation_messages_only(tmp_path: Path) -> None:
    rows = (
        "M1,2026-10-01,2026-10-01,2026-10-04,市住建局,咨询,是\n"
        "M2,2026-10-02,2026-10-02,2026-10-04,市住建局,投诉,否\n"
        "X1,2026-03-01,2026-03-01,2026-06-01,市信访局,网上信访,否\n"
        "X2,2026-04-01,2026-04-01,,市纪委监委,纪检举报,否\n"
        "X3,2026-11-18,2026-11-18,2026-11-18,市政府办公室,在线访谈,是\n"
    )
    make_site(tmp_path, {"data/messages.csv": HEADER + rows})
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    html = (tmp_path / "public/zsk/index.html").read_text(encoding="utf-8")
    assert "<dt>收到留言</dt><dd>2 条</dd>" in html
    assert "<dt>已办结</dt><dd>2 条</dd>" in html
    assert "<dd>2.5 天（受理至答复）</dd>" in html
    shown = re.sub(r"<[^>]+>", "", html)
    # The period is that of the rows counted: the 信访 row of March is not in it.
    assert (
        "留言数据中的政务咨询类留言（不含网上信访、纪检举报、在线访谈、调查征集），"
        "受理日期 2026-10-01 至 2026-10-02"
    ) in shown


def test_a_year_frozen_before_the_fix_keeps_its_figures_and_names_the_new_ones(
    tmp_path: Path,
) -> None:
    """A report frozen while 留言办理 still counted every channel was submitted so: the build
    shows it as frozen, and REPORT-02 names each figure the rows now give (a deduct, at the
    frozen file's line): correcting a submitted report is the editor's call."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    with (root / "data/messages.csv").open("a", encoding="utf-8") as handle:
        handle.write(OTHER_CHANNELS)
    code, _out, err = freeze(root)
    assert code == 0, err
    frozen = root / FROZEN
    # The figures the old counting froze: M1..M5 and X1..X6 received, M1..M4 and the five
    # answered X rows 办结, (2 + 3 + 5 + 6 + 89 + 121 + 0 + 30 + 31) / 9 days.
    text = frozen.read_text(encoding="utf-8")
    for key, new, old in (("收到留言数量", "5", "11"), ("办结留言数量", "4", "9"),
                          ("平均办理时间", "4.0", "31.9")):  # fmt: skip
        assert f"    {key}: {new}    #" in text
        text = text.replace(f"    {key}: {new}    #", f"    {key}: {old}    #")
    frozen.write_text(text, encoding="utf-8")
    result = run(root, command="build")
    assert result.code == 0, result.lines  # (a difference is a deduct: it blocks only --strict)
    shown = report_rows((root / "public/ndbb/2025/index.html").read_text(encoding="utf-8"))
    assert [shown[f"留言办理：{k}"] for k in ("收到留言数量", "办结留言数量", "平均办理时间")] == [
        "11", "9", "31.9"
    ]  # fmt: skip
    drift = differences(result.lines)
    assert [": ".join(line.split(": ", 2)[:2]) for line in drift] == [
        f"{FROZEN}:{line_of(root, FROZEN, '互动交流.留言办理.' + k)}: deduct [REPORT-02] "
        f"互动交流.留言办理.{k}"
        for k in ("收到留言数量", "办结留言数量", "平均办理时间")
    ]
    assert "冻结为 11条，按现在的留言数据为 5条" in drift[0]


def _reply(title: str, day: str, received: str, dept: str = "市住建局") -> str:
    return (
        f"---\ntitle: {title}\ndate: {day}\nasked: {received}\nreceived: {received}\n"
        f"replied: {day}\ndepartment: {dept}\nquestion: 关于{title}的问题？\n"
        "reviewed_by: 审核人\n---\n答复。\n"
    )


# An 在线访谈 column whose questions and answers are published as reply items: the answers of
# an interview, counted under 在线访谈, not 留言办理 — nor a 咨询答复 of the 知识库.
INTERVIEW = {
    "content/ft/_index.md": "---\ntitle: 在线访谈\ntype: reply\ncolumn_type: 在线访谈\n"
    "description: 市政府负责人在线访谈\nkeywords: [访谈]\n---\n",
    "content/ft/q1.md": _reply("访谈中关于供热的提问", "2025-06-10", "2025-06-10", "市政府办公室"),
    "content/hd/a2025.md": _reply("关于公交线路的答复", "2025-05-08", "2025-05-02"),
    "data/annual-report/2025.yaml": "签署:\n  填报日期: 2026-01-20\n",
}


def test_a_reply_in_an_interview_column_is_no_public_answer_of_the_year(tmp_path: Path) -> None:
    make_site(tmp_path, INTERVIEW)
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    shown = report_rows((tmp_path / "public/ndbb/2025/index.html").read_text(encoding="utf-8"))
    assert shown["在线访谈：访谈期数"] == "1"
    assert shown["留言办理：公开答复数量"] == "1"  # hd/a2025 only
    # (no messages.csv: the average is that of the published answers, hd/a2025's 6 days)
    assert shown["留言办理：平均办理时间"] == "6.0"
    html = (tmp_path / "public/zsk/index.html").read_text(encoding="utf-8")
    assert 'href="/hd/a2025.html"' in html and 'href="/ft/q1.html"' not in html
    assert "<dt>公开答复</dt><dd>2 条</dd>" in html  # hd/a2025 and the kit's hd/gongnuan
    assert not result.with_code("INTERACT-06"), result.lines
