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

from ssg.content.frontmatter import parse_data_file
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


@functools.lru_cache(maxsize=8)
def site_days(root: Path) -> Mapping[dt.date, bool]:
    """data/holidays.yaml: `holidays: [YYYY-MM-DD …]`, `workdays: [YYYY-MM-DD …]`."""
    path = root / HOLIDAYS_FILE
    if not path.is_file():
        return {}
    data, _lines = parse_data_file(path.read_bytes(), HOLIDAYS_FILE, Diagnostics())
    days: dict[dt.date, bool] = {}
    if isinstance(data, dict):
        for key, is_workday in (("holidays", False), ("workdays", True)):
            values = data.get(key, [])
            for value in values if isinstance(values, list) else []:
                try:
                    days[dt.date.fromisoformat(str(value))] = is_workday
                except ValueError:
                    continue
    return days


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
