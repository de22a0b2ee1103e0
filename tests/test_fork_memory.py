"""What the build's forked processes copy of its heap (issue 9: the preview's memory at 1k
items). A forked process shares the parent's pages until it writes to them; the garbage
collector, run in it, writes to every object it walks, and so copied the whole heap into
each render worker and into the search index process. `parallel.frozen_heap` leaves the
objects there are at the fork out of the child's collections."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from ssg import parallel, search
from ssg.check.scan_cache import ScanCache
from ssg.parallel import frozen_heap, render_pages
from ssg.write import Staging
from tests.sitekit import in_a_forked_process

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/smaps_rollup").is_file(), reason="Linux: /proc/<pid>/smaps_rollup"
)


def private_dirty_mib() -> float:
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        if line.startswith("Private_Dirty:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no Private_Dirty")


def collected_in_a_child(frozen: bool) -> float:
    """MiB the child of this process made its own by one full collection (of a heap of
    about 60 MiB of small containers, as a linked site is)."""
    heap = [(i, [i]) for i in range(400_000)]
    read_end, write_end = os.pipe()
    if frozen:
        with frozen_heap():
            pid = os.fork()
    else:
        pid = os.fork()
    if pid == 0:
        before = private_dirty_mib()
        gc.collect()
        os.write(write_end, f"{private_dirty_mib() - before:.1f}".encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        copied = float(pipe.read())
    os.waitpid(pid, 0)
    assert len(heap) == 400_000
    return copied


def test_a_child_forked_with_the_heap_frozen_does_not_copy_it_to_collect() -> None:
    assert collected_in_a_child(frozen=False) > 20  # (what the collector wrote to)
    assert collected_in_a_child(frozen=True) < 5


def test_the_parent_collects_its_objects_again_after_the_fork() -> None:
    def case() -> None:
        gc.unfreeze()  # (a process that froze nothing of its own)
        with frozen_heap():
            assert gc.get_freeze_count() > 0
        assert gc.get_freeze_count() == 0

    in_a_forked_process(case)


def test_the_render_workers_are_forked_with_the_heap_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_PAGES", 0)

    def render(task: parallel.Task) -> tuple[str, str, str]:
        return f"{task[1]}.html", str(gc.get_freeze_count()), ""

    def case() -> None:
        gc.unfreeze()
        staging = Staging(tmp_path / "public")
        assert render_pages(staging, render, 2, [("item", f"p{i}", i) for i in range(40)]) == 40
        counts = {p.read_text() for p in Path(staging.path).glob("*.html")}
        assert "0" not in counts, counts
        assert gc.get_freeze_count() == 0  # (this process collects them again)

    in_a_forked_process(case)


def test_the_search_index_process_is_forked_with_the_heap_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def index(*args: object) -> int:
        (tmp_path / "frozen").write_text(str(gc.get_freeze_count()))
        return 0

    monkeypatch.setattr(search, "write_search_index", index)

    def case() -> None:
        gc.unfreeze()
        staging = Staging(tmp_path / "public")
        job = search.start_search_index(None, staging, 2)  # type: ignore[arg-type]
        assert job.forked and job() == 0
        assert gc.get_freeze_count() == 0

    in_a_forked_process(case)
    assert int((tmp_path / "frozen").read_text()) > 0


def test_the_scan_cache_writer_is_forked_with_the_heap_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child that pickles the checker's facts while the build swaps its output: its
    collector, back on after the pickling where the build left it on, is to walk none of the
    parent's objects."""
    write = ScanCache._write

    def writing(cache: ScanCache) -> Path:
        (tmp_path / "frozen").write_text(f"{os.getpid()} {gc.get_freeze_count()}")
        return write(cache)

    monkeypatch.setattr(ScanCache, "_write", writing)

    def case() -> None:
        gc.unfreeze()
        gc.enable()  # (as in a build that does not end its process: a repository's sites)
        cache = ScanCache(tmp_path, tmp_path / "public")
        cache.put("index.html", (1, 2, 3, 4), "links", ("/a.html",))
        finish = cache.save_beside()
        assert gc.get_freeze_count() == 0  # (this process collects them again)
        finish(True)
        assert ScanCache(tmp_path, tmp_path / "public").get("index.html", (1, 2, 3, 4), "links")
        pid, frozen = (tmp_path / "frozen").read_text().split()
        assert int(pid) != os.getpid(), "written in this process, not a forked one"
        assert int(frozen) > 0

    in_a_forked_process(case)
