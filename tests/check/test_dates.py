"""Calendar arithmetic (ssg/check/dates.py): months at the ends of the calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ssg.check.dates import add_months
from tests.sitekit import make_site, run


def test_months_saturate_at_the_ends_of_the_calendar() -> None:
    assert add_months(dt.date(2026, 8, 31), 1) == dt.date(2026, 9, 30)
    assert add_months(dt.date(9999, 12, 31), 3) == dt.date.max
    assert add_months(dt.date(9999, 11, 30), 1) == dt.date(9999, 12, 30)
    assert add_months(dt.date(1, 1, 31), -12) == dt.date.min


def test_a_reply_dated_9999_is_checked_not_a_crash(tmp_path: Path) -> None:
    """INTERACT-04 adds two months to the newest reply: past year 9999 once, a crash."""
    reply = (
        "---\ntitle: 另一个答复\ndate: 2026-11-10\nasked: 2026-11-01\nreceived: 2026-11-02\n"
        "replied: 9999-12-31\ndepartment: 市住建局\nquestion: 问？\nreviewed_by: 审核人\n---\n答复。\n"
    )
    make_site(tmp_path, {"content/hd/x.md": reply})
    result = run(tmp_path)
    assert result.code == 0, result.lines
    assert not result.with_code("INTERACT-04")


def test_a_message_received_in_9999_is_checked_not_a_crash(tmp_path: Path) -> None:
    header = "id,asked,received,replied,department,category,public\n"
    row = "M1,9999-12-31,9999-12-31,,市住建局,咨询,是\n"
    make_site(tmp_path, {"data/messages.csv": header + row})
    result = run(tmp_path)
    # (a received date no day has reached is the editor's typo: said at its row, no crash)
    assert [line.split(" received:")[0] for line in result.lines] == [
        "data/messages.csv:2: error [MESSAGES-04]"
    ]
    assert not result.with_code("INTERACT-02")


def _holiday_errors(tmp_path: Path, text: str) -> list[str]:
    make_site(tmp_path, {"data/holidays.yaml": text})
    result = run(tmp_path, command="build")
    return [line.split(" (")[0] for line in result.lines if "holidays.yaml" in line]


def test_holidays_file_problems_are_reported_where_they_are(tmp_path: Path) -> None:
    assert _holiday_errors(
        tmp_path, "holidays:\n  - 2026-10-01\n  - 2026-13-01\nworkday: [2026-10-11]\n"
    ) == [
        "data/holidays.yaml:3: error [SCHEMA-04] holidays[2]: 放假日期 “2026-13-01” 不是有效日期；"
        "应写作 YYYY-MM-DD，例如 2024-03-05",
        "data/holidays.yaml:4: error [SCHEMA-05] workday: 未知的键 “workday”；只有 holidays（放假日期）"
        "和 workdays（调休上班日期）",
    ]


def test_holidays_in_full_width_digits_are_read_as_front_matter_reads_them(
    tmp_path: Path,
) -> None:
    """２０２６-１２-０１, typed with a Chinese input method, is a date in front matter: here
    too, not SCHEMA-04 (and the day counts as the holiday it was written as)."""
    from ssg.check.dates import site_days

    assert (
        _holiday_errors(
            tmp_path, "holidays: [２０２６-１２-０１]\nworkdays:\n  - ２０２６-１２-０５\n"
        )
        == []
    )
    assert site_days(tmp_path) == {dt.date(2026, 12, 1): False, dt.date(2026, 12, 5): True}


def test_holidays_are_refused_in_the_shapes_front_matter_refuses(tmp_path: Path) -> None:
    """dt.date.fromisoformat also took 20261201 and the ISO week date 2026-W49-2 (both
    2026-12-01), which a front-matter date and --date refuse: SCHEMA-04 at their line, as
    for any date that is not YYYY-MM-DD; and none of them counts as a day off."""
    from ssg.check.dates import site_days

    text = (
        "holidays:\n  - 2026-10-01\n  - 20261201\n  - 2026-W49-2\n  - 0999-12-01\n"
        "workdays: [２０２６W４９２, 2026-12-05 09:00]\n"
    )
    assert _holiday_errors(tmp_path, text) == [
        f"data/holidays.yaml:{line}: error [SCHEMA-04] {where}: {label} “{value}” 不是有效日期；"
        "应写作 YYYY-MM-DD，例如 2024-03-05"
        for line, where, label, value in [
            (3, "holidays[2]", "放假日期", "20261201"),
            (4, "holidays[3]", "放假日期", "2026-W49-2"),
            (5, "holidays[4]", "放假日期", "0999-12-01"),
            (6, "workdays[1]", "调休上班日期", "２０２６W４９２"),
            (6, "workdays[2]", "调休上班日期", "2026-12-05 09:00"),
        ]
    ]
    assert site_days(tmp_path) == {dt.date(2026, 10, 1): False}


def test_a_day_both_off_and_a_working_day_is_an_error_at_the_workday(tmp_path: Path) -> None:
    """Read in order, the workdays list silently won: 国庆 counted as a working day."""
    text = "holidays: [2026-10-01, 2026-10-02]\nworkdays:\n  - 2026-10-10\n  - 2026-10-02\n"
    assert _holiday_errors(tmp_path, text) == [
        "data/holidays.yaml:4: error [SCHEMA-02] workdays[2]: 2026-10-02 已列在放假日期 holidays[2] "
        "中，一天不能既放假又上班；请删除写错的一处"
    ]
    assert not (tmp_path / "public").exists()


def test_a_broken_holidays_file_is_an_error_not_ignored(tmp_path: Path) -> None:
    errors = _holiday_errors(tmp_path, "holidays:\n\t- 2026-10-01\n")
    assert [line.split(":")[0] + ":" + line.split(":")[1] for line in errors] == [
        "data/holidays.yaml:2"
    ]
    assert "[YAML-04]" in errors[0]


def test_the_days_follow_the_file_as_it_changes(tmp_path: Path) -> None:
    """`ssg serve` builds again in one process: an edit to the file is seen."""
    from ssg.check.dates import site_days

    make_site(tmp_path, {"data/holidays.yaml": "holidays: [2026-10-01]\n"})
    assert site_days(tmp_path) == {dt.date(2026, 10, 1): False}
    (tmp_path / "data/holidays.yaml").write_text("workdays: [2026-10-11]\n", encoding="utf-8")
    assert site_days(tmp_path) == {dt.date(2026, 10, 11): True}


def test_an_answer_dated_after_the_build_date_is_late_only_once_3_months_have_passed(
    tmp_path: Path,
) -> None:
    """An answer dated after the build date has not been given: INTERACT-02 counts the
    months to the build date, not to that date."""
    header = "id,asked,received,replied,department,category,public\n"
    rows = "M1,2026-11-01,2026-11-02,2027-06-01,市住建局,咨询,是\nM2,2026-07-01,2026-07-02,2027-01-05,市住建局,咨询,是\n"
    make_site(tmp_path, {"data/messages.csv": header + rows})
    result = run(tmp_path)
    found = result.with_code("INTERACT-02")
    assert [line.split(" ")[0:3] for line in found] == [
        ["data/messages.csv:3:", "veto", "[INTERACT-02]"]
    ], result.lines
    assert "晚于构建日期" in found[0]
