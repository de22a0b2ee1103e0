"""The search index made in a forked process beside the checks (start_search_index): the
same files as made in-process, the cache kept the same way, failures raised in the build."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
import time
from pathlib import Path

import pytest

import ssg.build as build_module
import ssg.search as search
from ssg.build import BuildOptions, build
from ssg.write import Staging
from tests.sitekit import make_site

DATE = dt.date(2026, 11, 20)


@pytest.fixture()
def alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Earlier tests in the run may leave idle daemon threads (servers, watchers), which make
    the build index in-process; these tests are about the forked path."""
    monkeypatch.setattr(search.threading, "active_count", lambda: 1)


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.usefixtures("alone")
def test_forked_and_in_process_indexes_are_the_same_files(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    one = build(BuildOptions(tmp_path, tmp_path / "one", DATE, jobs=1, replay=False))
    two = build(BuildOptions(tmp_path, tmp_path / "two", DATE, jobs=2, replay=False))
    assert one.written and two.written
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert one.files == two.files
    assert [str(d) for d in one.diagnostics.sorted()] == [str(d) for d in two.diagnostics.sorted()]
    cache = tmp_path / ".ssg-cache"
    assert len(list(cache.glob("search-*.*"))) == 6, "both outputs keep their three files"
    assert not list(cache.glob(".search-*")), "no temporary file left"


@pytest.mark.usefixtures("alone")
def test_the_child_process_builds_and_the_parent_adopts_its_cache(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    options = BuildOptions(tmp_path, tmp_path / "public", DATE, jobs=2, replay=False)
    assert build(options).written
    real = search.write_search_index

    def spy(*args: object, **kwargs: object) -> int:
        marker = tmp_path / f"pid-{os.getpid()}"
        marker.touch()
        return real(*args, **kwargs)  # type: ignore[arg-type]

    search.write_search_index = spy  # type: ignore[assignment]
    try:
        again = build(options)
    finally:
        search.write_search_index = real
    pids = [int(p.name.removeprefix("pid-")) for p in tmp_path.glob("pid-*")]
    assert pids and os.getpid() not in pids, "made in another process"
    assert again.written
    assert (tmp_path / "public/search/index.bin").is_file()


@pytest.mark.usefixtures("alone")
@pytest.mark.parametrize("search_alone", [False, True])
def test_a_failure_in_the_child_fails_the_build_and_keeps_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, search_alone: bool
) -> None:
    make_site(tmp_path, {})
    options = BuildOptions(tmp_path, tmp_path / "public", DATE, jobs=2, replay=False,
                           search_alone=search_alone)  # fmt: skip
    assert build(options).written
    before = tree(tmp_path / "public")

    def broken(*_args: object, **_kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(search, "write_search_index", broken)
    with pytest.raises(OSError, match="No space left"):
        build(options)
    assert tree(tmp_path / "public") == before
    assert not list(tmp_path.glob(".public*")), "the staging folder is gone"


def test_with_other_threads_running_the_index_is_made_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_site(tmp_path, {})

    def no_fork() -> int:
        raise AssertionError("forked beside running threads")

    monkeypatch.setattr(os, "fork", no_fork)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        result = build(BuildOptions(tmp_path, tmp_path / "public", DATE, jobs=2, replay=False))
    finally:
        stop.set()
        other.join()
    assert result.written and (tmp_path / "public/search/index.bin").is_file()


@pytest.mark.usefixtures("alone")
def test_alone_the_index_is_made_before_any_page_and_tokenised_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """BuildOptions.search_alone (ssg serve's first build): the forked process has written the
    whole index before the pages are rendered, and it tokenises by itself (jobs 1), so that
    no render worker or tokeniser holds memory beside it. The files are those of a build
    that runs it beside the rendering."""
    make_site(tmp_path, {})
    beside = build(BuildOptions(tmp_path, tmp_path / "beside", DATE, jobs=2, replay=False))
    real_index = search.write_search_index
    real_render = build_module.render_site

    def index_spy(
        site: object, staging: object, jobs: int = 0, cache: object = None, synonyms: object = (),
        docs: object = None,
    ) -> int:  # fmt: skip
        (tmp_path / f"index-{os.getpid()}-jobs-{jobs}").touch()
        time.sleep(0.3)  # (a rendering that did not wait would begin before it is done)
        return real_index(site, staging, jobs, cache, synonyms, docs)  # type: ignore[arg-type]

    seen: list[tuple[bool, list[str]]] = []

    def render_spy(site: object, renderer: object, staging: Staging, *rest: object) -> int:
        made = (staging.path / "search/index.bin").is_file()
        seen.append((made, sorted(p.name for p in tmp_path.glob("index-*"))))
        return real_render(site, renderer, staging, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(search, "write_search_index", index_spy)
    monkeypatch.setattr(build_module, "render_site", render_spy)
    options = BuildOptions(tmp_path, tmp_path / "alone", DATE, jobs=2, replay=False,
                           search_alone=True)  # fmt: skip
    result = build(options)
    assert result.written
    [(made, markers)] = seen
    assert made, "the index was whole when the rendering began"
    [marker] = markers
    pid, jobs = marker.removeprefix("index-").split("-jobs-")
    assert int(pid) != os.getpid() and jobs == "1"
    assert tree(tmp_path / "alone") == tree(tmp_path / "beside")
    assert result.files == beside.files
