"""An item's 更新日期 (`updated`) or 有效期至 (`expires`) a day before its 发布日期: the
editor's dates contradict each other, an error at the field. Real sites, the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import make_site, run

NOTICE = "content/dt/tingshui.md"


def notice(extra: str) -> str:
    return (
        f"---\ntitle: 停水通知\ndate: 2026-11-10 09:00\n{extra}source: 市水务局\n"
        "reviewed_by: 审核人\ntype: notice\n---\n正文。\n"
    )


@pytest.mark.parametrize(("key", "label"), [("updated", "更新日期"), ("expires", "有效期至")])
def test_a_date_before_the_date_published_is_an_error_at_its_line(
    tmp_path: Path, key: str, label: str
) -> None:
    make_site(tmp_path, {NOTICE: notice(f"{key}: 2026-11-01\n")})
    result = run(tmp_path)
    assert result.code == 1
    assert [line.split(" (")[0] for line in result.lines if NOTICE in line] == [
        f"{NOTICE}:4: error [SCHEMA-02] {key}: {label} 2026-11-01 早于发布日期 2026-11-10；"
        "请核对并改正"
    ]


@pytest.mark.parametrize("day", ["2026-11-10", "2026-11-12 08:00"])
def test_the_same_day_or_later_is_fine(tmp_path: Path, day: str) -> None:
    make_site(tmp_path, {NOTICE: notice(f"updated: {day}\nexpires: {day}\n")})
    result = run(tmp_path)
    assert [line for line in result.lines if NOTICE in line and " error " in line] == []
