"""Fixtures on disk for the issue-7 tests: the sitekit baseline plus a folder of files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.sitekit import SITE_YAML, make_site

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
