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


def test_a_small_site_on_two_cores_renders_beside_the_index_in_the_build_process() -> None:
    assert parallel.render_jobs(2, 1000, index_beside=True) == 1
    assert parallel.render_jobs(4, 1000, index_beside=True) == 3
    # (a large site, no index process beside the render, or one core: every core renders)
    assert parallel.render_jobs(2, parallel.SMALL_SITE_ITEMS, index_beside=True) == 2
    assert parallel.render_jobs(2, 1000, index_beside=False) == 2
    assert parallel.render_jobs(1, 10, index_beside=True) == 1


def test_a_small_sites_pages_are_those_every_core_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """By default (no --jobs) on two cores, a small site whose search index is made in a
    process of its own is rendered in the build's process; the output is byte for byte the
    one two render workers make (--jobs 2)."""
    import datetime as dt

    from ssg import build as build_module
    from ssg.build import build
    from ssg.build_types import BuildOptions
    from tests.sitekit import make_site

    monkeypatch.setattr(parallel, "MIN_PARALLEL_PAGES", 0)
    monkeypatch.setattr(build_module, "default_jobs", lambda: 2)
    asked: list[int] = []
    forked: list[bool] = []
    render, start_index = build_module.render_pages, build_module.start_search_index

    def render_spy(staging: Staging, task: object, jobs: int, *rest: object, **kw: object) -> int:
        asked.append(jobs)
        return render(staging, task, jobs, *rest, **kw)  # type: ignore[arg-type]

    def index_spy(*args: object, **kw: object) -> object:
        job = start_index(*args, **kw)  # type: ignore[arg-type]
        forked.append(job.forked)
        return job

    monkeypatch.setattr(build_module, "render_pages", render_spy)
    monkeypatch.setattr(build_module, "start_search_index", index_spy)
    files = {
        f"content/dt/n{i}.md": f"---\ntitle: 消息{i}\ndate: 2026-11-{1 + i:02d}\n"
        "source: 测试市人民政府办公室\nreviewed_by: 审核人\n---\n正文。\n"
        for i in range(12)
    }
    root = make_site(tmp_path / "site", files)
    date = dt.date(2026, 11, 20)
    assert build(BuildOptions(root, tmp_path / "a", date, cache=False)).written
    assert build(BuildOptions(root, tmp_path / "b", date, jobs=2, cache=False)).written
    # (the index is made in this process where it cannot fork: threads left by another test)
    assert asked == [1 if forked[0] else 2, 2]
    made = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*"))
    assert made == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*"))
    for rel in made:
        if (tmp_path / "a" / rel).is_file():
            assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
