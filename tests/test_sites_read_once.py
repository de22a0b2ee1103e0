"""集约化: a build reads its repository once (sites.yaml, each site's data/site.yaml, what the
sites announce for each other): the portal notices a site publishes and its links to the
other sites come from that one reading, handed down by the command (ssg/sites.py
Membership). Each site's build read it again for its links; a site built on its own, twice.
A real repository of two sites, the real CLI."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

import ssg.sites
from ssg.diagnostics import Diagnostics
from ssg.sites import Platform, SiteEntry
from tests.sitekit import BUILD_DATE
from tests.test_sites import cli, platform


@pytest.fixture
def readings(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The repositories read whole (ssg.sites.load_platform) while a test runs."""
    read: list[Path] = []
    load = ssg.sites.load_platform

    def counted(
        repo: Path, diags: Diagnostics, entries: Sequence[SiteEntry] | None = None
    ) -> Platform:
        read.append(repo)
        return load(repo, diags, entries)

    monkeypatch.setattr(ssg.sites, "load_platform", counted)
    return read


@pytest.mark.parametrize(
    ("command", "source"),
    [("build", ""), ("build", "www"), ("check", ""), ("check", "www")],
)
def test_a_build_reads_the_repository_once(
    tmp_path: Path, readings: list[Path], command: str, source: str
) -> None:
    repo = platform(tmp_path)
    code, _, err = cli(command, "--source", str(repo / source), "--date", BUILD_DATE)
    assert code == 0, err
    assert len(readings) == 1, readings
    if command == "build":  # (what the one reading gave: the department's opening notice)
        out = repo / "www/public" if source else repo / "public/www"
        assert (out / "tz/fgw-ceshi-wangzhan-kaitong-20261102.html").is_file()
