"""The annual report during a migration (data/lifecycle.yaml `migration` in force): every page
becomes the migration page, but the report due stays readable where it was and the migration
page (the home page now) links it — 吉林办法 第三十三条 (年度报表 1 月 31 日前向社会公开) and
年报通知 二 (首页显著位置) hold until the site is gone; 第十五条 asks for the migration notice on
the home page, not for the report to vanish. Real files, the real CLI, the built HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from tests.derive.kit import FIXTURES, LIFECYCLE, fixture_site, overlay
from tests.derive.test_annual_report import TOPICS_YAML
from tests.sitekit import run

MAPPED_REPORT = "https://www.jl.gov.cn/ceshi/ndbb/2025/"


class _Page(HTMLParser):
    """The page kind (body's data-page) and every link's href."""

    def __init__(self) -> None:
        super().__init__()
        self.kind = ""
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "body":
            self.kind = found.get("data-page") or ""
        elif tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")


def page(public: Path, rel: str) -> _Page:
    parsed = _Page()
    parsed.feed((public / rel).read_text(encoding="utf-8"))
    return parsed


def migrated_site(tmp_path: Path, mapping_extra: str = "") -> Path:
    """The report-2025 site (its 2025 report published), moved away on 2026-11-19."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    overlay(root, LIFECYCLE / "migration")
    if mapping_extra:
        with (root / "data/migration.csv").open("a", encoding="utf-8") as handle:
            handle.write(mapping_extra)
    result = run(root, command="build")
    assert result.code == 0, result.lines
    return root / "public"


def test_the_report_due_stays_readable_and_the_migration_page_links_it(tmp_path: Path) -> None:
    public = migrated_site(tmp_path)
    home = page(public, "index.html")
    assert home.kind == "migration"
    assert "/ndbb/2025/" in home.links
    report = page(public, "ndbb/2025/index.html")
    assert report.kind == "annual_report"
    html = (public / "ndbb/2025/index.html").read_text(encoding="utf-8")
    assert html.count('<th scope="rowgroup"') == 10  # the whole table, not a notice
    assert "/ndbb/2025/ndbb-2025.json" in report.links
    assert page(public, "ndbb/index.html").kind == "annual_report"
    # every other page is still the migration page
    assert page(public, "dt/n1.html").kind == "migration"
    assert "/ndbb/2025/" in page(public, "dt/n1.html").links


def test_a_report_the_mapping_moves_is_a_migration_page_there(tmp_path: Path) -> None:
    """Moved to the new site by the mapping: the old address says where it went."""
    public = migrated_site(tmp_path, f"/ndbb/2025/,{MAPPED_REPORT}\n")
    moved = page(public, "ndbb/2025/index.html")
    assert moved.kind == "migration"
    assert MAPPED_REPORT in moved.links
    assert page(public, "ndbb/index.html").kind == "annual_report"  # (not mapped: kept)


def test_maintenance_still_replaces_the_report(tmp_path: Path) -> None:
    """A temporary offline period (at most 30 days, NOTICE-03) replaces every page, the
    report's too: only a migration keeps it."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    overlay(root, LIFECYCLE / "temporary_offline")
    result = run(root, "--maintenance", command="build", date="2026-12-05")
    assert result.code == 0, result.lines
    assert page(root / "public", "ndbb/2025/index.html").kind == "maintenance"
