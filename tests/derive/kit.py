"""Fixtures on disk for the issue-7 tests: the sitekit baseline plus a folder of files."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

from ssg.build import BuildOptions, build
from ssg.link import Site
from tests.sitekit import BUILD_DATE, SITE_YAML, make_site

FIXTURES = Path(__file__).parent / "fixtures"
LIFECYCLE = Path(__file__).parents[1] / "fixtures" / "lifecycle"

# The baseline has no 通知公告 column; lifecycle notices need one.
NOTICE_COLUMN = {"content/tz/_index.md": "---\ntitle: 通知公告\ntype: notice\n---\n"}


def overlay(root: Path, fixture: Path) -> Path:
    """Copy a fixture folder over a site (its files win)."""
    for path in sorted(fixture.rglob("*")):
        if path.is_file():
            target = root / path.relative_to(fixture)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return root


def fixture_site(root: Path, fixture: Path, files: dict[str, str] | None = None,
                 site_yaml: str = SITE_YAML) -> Path:  # fmt: skip
    make_site(root, files or {}, site_yaml=site_yaml)
    return overlay(root, fixture)


def report_json(public: Path, year: int) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (public / f"ndbb/{year}/ndbb-{year}.json").read_text(encoding="utf-8")
    )
    return data


def figures(public: Path, year: int) -> dict[str, Any]:
    """Field path → value, from the report's JSON download."""
    return {
        f["path"]: f["value"]
        for section in report_json(public, year)["sections"]
        for f in section["fields"]
    }


def differences(lines: list[str]) -> list[str]:
    """The REPORT-02 findings of a difference between two figures: not the advice to freeze a
    published report (which every report-2025 build at the test date gets: it is signed)."""
    return [line for line in lines if "[REPORT-02]" in line and " advice [REPORT-02]" not in line]


# A news item and a site name with every character XML text escapes, and both quotes
# (tests/derive/test_sitemap.py and test_feeds.py: escaped as xml.sax.saxutils did).
ESCAPED_TITLE = "会议 & “通报” <第1号> \"甲\" '乙'"
ESCAPED_NAME = "测试市人民政府 & <办公室>"


def escaped_site(root: Path) -> Site:
    """The kit's site with ESCAPED_TITLE's item at content/dt/a&b.md and ESCAPED_NAME, linked
    (not written)."""
    title = ESCAPED_TITLE.replace("'", "''")
    make_site(
        root,
        {
            "content/dt/a&b.md": f"---\ntitle: '{title}'\ndate: 2026-11-18\nsource: 办公室\n"
            "summary: 'x < y & z > w'\nreviewed_by: 审核人\n---\n正文。\n",
        },
        site_yaml=SITE_YAML.replace("name: 测试市人民政府", f"name: {ESCAPED_NAME}"),
    )
    date = dt.date.fromisoformat(BUILD_DATE)
    result = build(BuildOptions(source=root, out=root / "public", build_date=date, write=False))
    assert result.site is not None
    return result.site
