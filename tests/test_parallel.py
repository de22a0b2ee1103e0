"""Rendering on every core (ssg/parallel.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssg import parallel
from ssg.parallel import Task, render_pages
from ssg.write import Staging


class PageFailed(Exception):
    pass


def _failing_from(first_bad: int):  # type: ignore[no-untyped-def]
    def render(task: Task) -> tuple[str, str, str]:
        _kind, name, number = task
        if number >= first_bad:
            raise PageFailed(name)
        return f"{name}.html", "<p>页面</p>", ""

    return render


def test_a_worker_failure_is_raised_once_every_chunk_is_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pool terminated with chunks in flight could hang in its task handler (a template
    error in a worker hung the build): every chunk reports back, failures as values, and the
    one a serial render meets first is raised."""
    monkeypatch.setattr(parallel, "MIN_PARALLEL_PAGES", 0)
    tasks = [("item", f"p{i}", i) for i in range(400)]
    for _ in range(5):  # (the hang came about one time in a few)
        staging = Staging(tmp_path / "public")
        with pytest.raises(PageFailed) as raised:
            render_pages(staging, _failing_from(0), 2, tasks)
        assert str(raised.value) == "p0"  # chunk 0's first task: the serial order's first
        staging.discard()


def test_pages_before_a_failure_are_written_as_in_a_serial_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_PAGES", 0)
    tasks = [("item", f"p{i}", i) for i in range(40)]
    staging = Staging(tmp_path / "public")
    with pytest.raises(PageFailed) as raised:
        render_pages(staging, _failing_from(30), 2, tasks)
    assert str(raised.value) == "p30"  # (chunks hold pages in a row: chunk 6 is p30 … p34)
    serial = Staging(tmp_path / "serial")
    with pytest.raises(PageFailed) as raised_serially:
        render_pages(serial, _failing_from(30), 1, tasks)
    assert str(raised_serially.value) == str(raised.value)


def test_chunks_are_handed_out_from_far_apart() -> None:
    """Two workers start at either end of the list's halves, so that they create files in
    different folders at a time; every chunk is handed out once."""
    assert parallel._spread(6, 2) == [0, 3, 1, 4, 2, 5]
    assert parallel._spread(7, 2) == [0, 4, 1, 5, 2, 6, 3]
    assert parallel._spread(5, 3) == [0, 2, 4, 1, 3]
    for count in range(0, 30):
        for jobs in (1, 2, 3, 4):
            assert sorted(parallel._spread(count, jobs)) == list(range(count))
