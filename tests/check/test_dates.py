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
    assert result.code == 0, result.lines
    assert not result.with_code("INTERACT-02")
