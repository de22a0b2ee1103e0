"""reports_of: a build makes each annual report once, and a new Site never gets a stale one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from ssg.config import load_site_config
from ssg.content.loader import load_content
from ssg.derive import annual_report
from ssg.derive.annual_report import build_reports, reports_of, years_of
from ssg.diagnostics import Diagnostics
from ssg.link import Site, link
from tests.derive.kit import FIXTURES, fixture_site
from tests.sitekit import BUILD_DATE, make_site, run

DAILY = "信息发布.政务动态信息更新量"
NEWS_2025 = {
    "content/dt/old.md": (
        "---\ntitle: 旧消息\ndate: 2025-06-01\nsource: 办公室\nreviewed_by: 审核人\n---\n正文。\n"
    ),
    "data/annual-report/2025.yaml": "签署:\n  填报日期: 2026-01-20\n",
}


def _site(root: Path) -> Site:
    diags = Diagnostics()
    config = load_site_config(root, diags)
    assert config is not None
    day = dt.date.fromisoformat(BUILD_DATE)
    return link(load_content(root, config.column_types, diags), config, day, diags)


def _figure(site: Site, root: Path, path: str) -> object:
    (report,) = reports_of(site, root)
    return report.row(path).value


def test_a_build_makes_each_report_once_and_reports_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The render (the report's page, the home page's link) and the six REPORT rules used to
    make the same report each: seven passes over every item for one report."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025")
    made: list[int] = []
    real = annual_report.build_report

    def counted(site: Site, where: Path, year: int) -> annual_report.Report:
        made.append(year)
        return real(site, where, year)

    monkeypatch.setattr(annual_report, "build_report", counted)
    result = run(root, command="build")
    assert result.code == 0, result.lines
    assert made == [2025]
    # (what the rules say of that one report: it is signed, so published, and not frozen)
    assert any(" advice [REPORT-02]" in line and "ssg report freeze 2025" in line
               for line in result.lines)  # fmt: skip


def test_the_memo_gives_what_build_reports_gives(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, FIXTURES / "report-2025")
    site = _site(root)
    memo = reports_of(site, root)
    assert memo == build_reports(site, root)
    assert years_of(site, root) == [r.year for r in memo] == [2025]
    memo.clear()  # (a caller's list is its own)
    assert [r.year for r in reports_of(site, root)] == [2025]


def test_the_site_of_a_hot_rebuild_gets_its_own_report(tmp_path: Path) -> None:
    """ssg/hot.py makes the edited site with `with_items`: a report of the site before would
    count the item where it was."""
    make_site(tmp_path, NEWS_2025)
    site = _site(tmp_path)
    assert _figure(site, tmp_path, DAILY) == 1
    old = site.items["dt/old"]
    moved = dataclasses.replace(old, date=dt.datetime(2024, 6, 1, tzinfo=old.date.tzinfo))
    hot = site.with_items({"dt/old": moved})
    assert _figure(hot, tmp_path, DAILY) == 0
    assert _figure(site, tmp_path, DAILY) == 1


def test_another_source_folder_gets_its_own_report(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    make_site(first, NEWS_2025)
    make_site(
        second, {**NEWS_2025, "data/annual-report/2025.yaml": "签署:\n  填报日期: 2026-01-21\n"}
    )
    site = _site(first)
    (one,) = reports_of(site, first)
    (other,) = reports_of(site, second)
    assert one.row("签署.填报日期").value == dt.date(2026, 1, 20)
    assert other.row("签署.填报日期").value == dt.date(2026, 1, 21)
