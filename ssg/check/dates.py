"""Calendar arithmetic the rules share: calendar months and Chinese working days.

Public holidays and their make-up working days come from the `chinese-calendar` package
(maintained, built from the State Council's yearly notices; it covers 2004 to the year of its
release). A site may add or override days in data/holidays.yaml; beyond the years either
covers, weekends alone decide, and the rule says so in an advice line.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Mapping
from pathlib import Path

import chinese_calendar

from ssg.config import UNREADABLE, read_input
from ssg.content.frontmatter import parse_data_file
from ssg.content.validate import day_problem, parse_day
from ssg.diagnostics import Diagnostics

HOLIDAYS_FILE = "data/holidays.yaml"


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months: 2026-08-31 + 1 month → 2026-09-30. Past either end of the calendar
    the result stays at that end (9999-12-31 + 3 months → 9999-12-31): a date an editor typed
    far out is still compared, as "later than anything", instead of failing the check."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def load_holidays(root: Path, diags: Diagnostics) -> dict[dt.date, bool]:
    """data/holidays.yaml: `holidays: [YYYY-MM-DD …]`, `workdays: [YYYY-MM-DD …]`, checked
    like any other data file: a day it cannot read would silently count as an ordinary one
    in every deadline that the rules work out."""
    raw, unreadable = read_input(root / HOLIDAYS_FILE)
    if unreadable:
        diags.error(UNREADABLE, HOLIDAYS_FILE, 0, "", unreadable)
        return {}
    if raw is None:
        return {}
    data, lines = parse_data_file(raw, HOLIDAYS_FILE, diags)
    if data == {}:  # (empty, or a problem reported already)
        return {}
    if not isinstance(data, dict):
        diags.error(
            "YAML-06", HOLIDAYS_FILE, 1, "",
            "holidays.yaml 应为映射：holidays: [放假日期…]，workdays: [调休上班日期…] "
            "(expected a mapping with holidays and workdays)",
        )  # fmt: skip
        return {}
    days: dict[dt.date, bool] = {}
    listed: dict[dt.date, str] = {}  # day -> where it was listed first: "holidays[2]"
    for key in data:
        if key not in ("holidays", "workdays"):
            diags.error(
                "SCHEMA-05", HOLIDAYS_FILE, lines.get(key, 1), key,
                f"未知的键 “{key}”；只有 holidays（放假日期）和 workdays（调休上班日期） "
                "(unknown key)",
            )  # fmt: skip
    for key, is_workday, label in (
        ("holidays", False, "放假日期"),
        ("workdays", True, "调休上班日期"),
    ):
        values = data.get(key, [])
        if not isinstance(values, list):
            diags.error(
                "SCHEMA-02", HOLIDAYS_FILE, lines.get(key, 1), key,
                f"{key} 应为日期列表，如 [2026-10-01, 2026-10-02] (expected a list of dates)",
            )  # fmt: skip
            continue
        for index, value in enumerate(values, start=1):
            where = f"{key}[{index}]"
            # A day as front matter reads one (parse_day): fromisoformat also took 20261201
            # and the week date 2026-W49-2, which front matter and --date refuse. Full-width
            # digits read as there too; a time of day is no day. Said in front matter's words,
            # as lifecycle.yaml and messages.csv say it (day_problem).
            day = parse_day(str(value))
            if day is None:
                diags.error(
                    "SCHEMA-04", HOLIDAYS_FILE, lines.get(where, lines.get(key, 1)), where,
                    day_problem(label, str(value)),
                )  # fmt: skip
                continue
            first = listed.setdefault(day, where)
            if is_workday and first.startswith("holidays"):
                # (both a day off and a working day: the file said nothing that could be
                # relied on, and the later list silently won in every working-day deadline)
                diags.error(
                    "SCHEMA-02", HOLIDAYS_FILE, lines.get(where, lines.get(key, 1)), where,
                    f"{day} 已列在放假日期 {first} 中，一天不能既放假又上班；请删除写错的一处 "
                    f"(listed as a holiday too, at {first})",
                )  # fmt: skip
                continue
            days[day] = is_workday
    return days


def site_days(root: Path) -> Mapping[dt.date, bool]:
    """The days data/holidays.yaml adds (its problems are the build's to report), read once
    per version of the file: `ssg serve` rebuilds in one process as it changes."""
    try:
        info = (root / HOLIDAYS_FILE).stat()
        stamp: tuple[int, ...] = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    except OSError:
        stamp = ()
    return _site_days(root, stamp)


@functools.lru_cache(maxsize=8)
def _site_days(root: Path, _stamp: tuple[int, ...]) -> Mapping[dt.date, bool]:
    return load_holidays(root, Diagnostics())


def is_workday(day: dt.date, extra: Mapping[dt.date, bool]) -> tuple[bool, bool]:
    """(is a working day, known from a calendar rather than guessed from the weekday)."""
    if day in extra:
        return extra[day], True
    try:
        return bool(chinese_calendar.is_workday(day)), True
    except NotImplementedError:
        return day.weekday() < 5, False


def working_days_between(
    start: dt.date, end: dt.date, extra: Mapping[dt.date, bool]
) -> tuple[int, bool]:
    """Working days after `start` up to and including `end`, and whether all were known."""
    count, known = 0, True
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        working, certain = is_workday(day, extra)
        known = known and certain
        count += working
    return count, known
