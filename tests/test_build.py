"""The collector and a build (ssg/build.py): it is turned off only where the process ends with
the build."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
from pathlib import Path

from ssg.build import build
from ssg.build_types import BuildOptions
from tests.sitekit import make_site, run


def test_a_build_run_in_process_leaves_the_collector_alone(tmp_path: Path) -> None:
    """Tests and `ssg serve` build many times in one process: their garbage must be collected."""
    site = make_site(tmp_path / "site", {})
    before = gc.get_freeze_count()
    assert gc.isenabled()
    assert run(site, command="build").code == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == before


def test_a_build_that_ends_its_process_turns_the_collector_off(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {})
    options = BuildOptions(site, tmp_path / "public", dt.date(2026, 11, 20))
    try:
        result = build(dataclasses.replace(options, ends_process=True, replay=False))
        assert result.written
        assert not gc.isenabled()
    finally:
        gc.enable()
