"""The collector and a build (ssg/build.py): the linked site is frozen only where the process
ends with the build."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import threading
from contextlib import nullcontext
from pathlib import Path

import pytest

from ssg.build import build
from ssg.build_types import BuildOptions
from ssg.cache import CACHE_DIR
from ssg.check.scan_cache import ScanCache
from tests.sitekit import make_site, run


def test_a_build_run_in_process_freezes_nothing(tmp_path: Path) -> None:
    """Tests and `ssg serve` build many times in one process: frozen objects are never freed."""
    site = make_site(tmp_path / "site", {})
    before = gc.get_freeze_count()
    assert run(site, command="build").code == 0
    assert gc.get_freeze_count() == before


def test_a_build_that_ends_its_process_freezes_the_linked_site(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {})
    options = BuildOptions(site, tmp_path / "public", dt.date(2026, 11, 20))
    before = gc.get_freeze_count()
    try:
        result = build(dataclasses.replace(options, ends_process=True, replay=False))
        assert result.written
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()


def test_the_scan_cache_is_written_beside_the_swap_and_put_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checker's facts are pickled by a forked process while the build swaps (ScanCache
    .prepare); a build that swaps puts them in place, one that does not leaves nothing."""
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # (other tests' idle threads)
    started: list[int] = []
    real = ScanCache.prepare

    def spy(self: ScanCache) -> None:
        real(self)
        started.append(self._writing[0] if self._writing else 0)

    monkeypatch.setattr(ScanCache, "prepare", spy)
    site = make_site(tmp_path / "site", {})
    options = BuildOptions(site, tmp_path / "public", dt.date(2026, 11, 20), replay=False)
    assert build(options).written
    assert started and started[0] > 0, "written by a forked process"
    cache = site / CACHE_DIR
    assert [p.name for p in cache.glob("scan-*.pickle")], "in place"
    assert not list(cache.glob(".scan-*")), "no file left over"

    for path in cache.glob("scan-*.pickle"):
        path.unlink()
    refused = dataclasses.replace(options, swap_guard=lambda: nullcontext(False))
    assert not build(refused).written
    assert len(started) == 2
    assert not list(cache.glob("scan-*")) and not list(cache.glob(".scan-*"))
