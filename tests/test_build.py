"""The collector and a build (ssg/build.py): it is turned off only where the process ends with
the build."""

from __future__ import annotations

import builtins
import dataclasses
import datetime as dt
import gc
import os
from pathlib import Path

import pytest

from ssg.build import build
from ssg.build_types import BuildOptions
from tests.sitekit import COLUMNS, make_site, run


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


def test_a_file_that_cannot_be_copied_is_file_03_and_blocks_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Discovery cannot tell an unreadable file without opening it: the copy finds it.
    make_site(tmp_path, {"content/dt/huiyi/index.md": COLUMNS["content/dt/huiyi.md"]})
    (tmp_path / "content/dt/huiyi.md").unlink()
    (tmp_path / "content/dt/huiyi/photo.png").write_bytes(b"png")
    denied = {str(tmp_path / "static/emblem.png"), str(tmp_path / "content/dt/huiyi/photo.png")}
    real_open = builtins.open

    def guarded_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not isinstance(path, int) and os.fspath(path) in denied:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    result = run(tmp_path, command="build")
    assert result.code == 1
    # (the compliance rules are not run on an output that lacks the files)
    assert result.lines == [
        "content/dt/huiyi/photo.png:0: error [FILE-03] 无法读取 content/dt/huiyi/photo.png："
        "没有读取权限，请检查文件权限 (cannot read: permission denied)",
        "static/emblem.png:0: error [FILE-03] 无法读取 static/emblem.png："
        "没有读取权限，请检查文件权限 (cannot read: permission denied)",
    ]
    assert not (tmp_path / "public").exists()
