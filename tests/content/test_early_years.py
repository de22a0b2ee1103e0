"""Years below 1000 in every date an editor writes, refused as front matter refuses them.

Front matter has refused 0999-01-01 (parse_date): strftime writes its year without the zeros
and every page showed 999-01-01. The other readers took it as a day — data/lifecycle.yaml
published a notice dated so, data/messages.csv counted its days, the annual report's
填报日期 dated the report — and now read a day as front matter does (validate.parse_day),
each with its own file's code, at the file, line and field.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import make_site, run

REPO = Path(__file__).resolve().parents[2]
REPORT = (REPO / "data/annual-report/2025.yaml").read_text("utf-8")
HEADER = "id,asked,received,replied,department,category,public\n"
NEWS = "---\ntitle: 测试\ndate: {day}\nsource: 青岚日报\nreviewed_by: 于某某\n---\n正文。\n"
SAID = "不是有效日期；应写作 YYYY-MM-DD"
SIGNED = "填报日期: 2026-01-20"

# reader → (file, its text with the day in it, the start of the line said, what it says)
READERS = {
    "front matter": (
        "content/dt/a.md",
        NEWS,
        "content/dt/a.md:3: error [SCHEMA-04] date: 发布日期 “{day}” ",
        SAID,
    ),
    "lifecycle.yaml": (
        "data/lifecycle.yaml",
        "- event: opening\n  date: {day}\n",
        "data/lifecycle.yaml:2: error [LIFECYCLE-03] [1].date: 开通日期 “{day}” ",
        SAID,
    ),
    "messages.csv": (
        "data/messages.csv",
        HEADER + "M1,{day},2026-01-02,,市住建局,咨询,是\n",
        "data/messages.csv:2: error [MESSAGES-03] asked: 留言日期 “{day}” ",
        SAID,
    ),
    "holidays.yaml": (
        "data/holidays.yaml",
        "holidays: [2026-10-01, {day}]\n",
        "data/holidays.yaml:1: error [SCHEMA-04] holidays[2]: 放假日期 “{day}” ",
        SAID,
    ),
    "annual report": (
        "data/annual-report/2025.yaml",
        REPORT.replace(SIGNED, "填报日期: {day}"),
        "",  # (_expected_start: its line is found in the sample portal's file)
        "应为日期 YYYY-MM-DD",
    ),
}


def _signed_line() -> int:
    return next(n for n, line in enumerate(REPORT.split("\n"), 1) if SIGNED in line)


def _expected_start(name: str, day: str) -> str:
    if name == "annual report":
        return (
            f"data/annual-report/2025.yaml:{_signed_line()}: error [REPORT-03] 签署.填报日期: "
            f"“签署.填报日期”的值 “{day}” 不可用："
        )
    return READERS[name][2].format(day=day)


@pytest.mark.parametrize("name", READERS)
@pytest.mark.parametrize("day", ["0999-01-20", "０９９９-01-20", "0001-01-01"])
def test_a_year_below_1000_is_refused_at_its_line(tmp_path: Path, name: str, day: str) -> None:
    rel, text, _start, says = READERS[name]
    make_site(tmp_path, {rel: text.replace("{day}", day)})
    result = run(tmp_path)
    found = [line for line in result.lines if day in line]
    assert len(found) == 1, result.lines
    assert found[0].startswith(_expected_start(name, day)), found[0]
    assert says in found[0]
    assert result.code == 1


@pytest.mark.parametrize("name", READERS)
def test_the_year_1000_is_a_year(tmp_path: Path, name: str) -> None:
    """Near miss: the first four-digit year is read (and said nothing of as a date)."""
    rel, text, _start, _says = READERS[name]
    day = "1000-01-20"
    make_site(tmp_path, {rel: text.replace("{day}", day)})
    assert [line for line in run(tmp_path).lines if "日期" in line and "YYYY-MM-DD" in line] == []
