"""Rendering pages on every core.

Workers are forked after linking, so they share the linked site, the Jinja environment and
whatever the build prepared (listings, libraries) copy-on-write, and receive only lists of small
page tasks; each writes its pages straight into the staging folder and reports what it wrote.
Output is the same bytes as a serial render.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from ssg.write import Staging

# Below this, starting processes costs more than it saves.
MIN_PARALLEL_PAGES = 400

# A page to render, as the build names it: (kind, id, number), e.g. ("item", "dt/a", 0) or
# ("listing", "dt", 2); the build's renderer gives its output path, HTML and content file.
Task = tuple[str, str, int]
RenderTask = Callable[[Task], tuple[str, str, str]]


class PageObserver(Protocol):
    """What derives something from each page while its text is in hand, in whichever process
    rendered it (`see`, once the page is written: its text, the bytes written and the file's
    status after), and gets it back in the parent (`keep`)."""

    def see(self, path: str, text: str, data: bytes, written: os.stat_result) -> object | None: ...

    def keep(self, seen: list[object]) -> None: ...


@dataclass(frozen=True, slots=True)
class _Work:
    staging: Staging
    render: RenderTask
    observer: PageObserver | None = None


_WORK: _Work | None = None  # set in the parent just before forking; read by the workers


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Around a fork: every object there is then is left out of the garbage collector's
    passes in the forked process, which would otherwise write to each one's header and so
    copy every page of the parent's heap into the child. At 1,000 items the preview's first
    build held 6-10 MiB less in its search index process and 14 MiB less in its two render
    workers (bench/RESULTS.md, 2026-11-28 · 预览在 1k 的内存). The parent collects them again
    after (unless it had frozen objects of its own: they stay so)."""
    frozen_before = gc.get_freeze_count()
    parent = os.getpid()
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before and os.getpid() == parent:  # (the child leaves it too)
            gc.unfreeze()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# Below this many items, a search index process beside the render (ssg/search) is the cold
# build's longest path: it has more to do than the render workers, with which it takes turns
# on the cores, and the build waits for it after the pages are done. One core fewer for the
# render leaves it one of its own; on two cores the pages are then rendered in the build's own
# process, with no pool to start and no page facts pickled back. Paired cold builds on two
# cores, this against every core rendering: 0.95 of the wall time and 0.93 of the CPU at 1,000
# items, even at 1,700, 1.05 of the wall time at 2,500 (bench/RESULTS.md, 2026-11-29).
SMALL_SITE_ITEMS = 1500


def render_jobs(cores: int, items: int, index_beside: bool) -> int:
    """The processes to render a site of `items` with on `cores` (see SMALL_SITE_ITEMS)."""
    if index_beside and items < SMALL_SITE_ITEMS and cores > 1:
        return cores - 1
    return cores


CHUNK = 250  # pages a worker renders before it reports (the progress display's step)


def render_pages(
    staging: Staging,
    render: RenderTask,
    jobs: int,
    tasks: Sequence[Task],
    report: Callable[[int], None] | None = None,
    before_fork: Callable[[], None] | None = None,
    observer: PageObserver | None = None,
) -> int:
    """Render and write the pages of `tasks`; returns how many were written. `report` hears
    the number done so far, now and then; `before_fork` prepares, once, what every worker
    would otherwise prepare for itself; `observer` sees every page written."""
    # Pages in a row, in chunks handed out from far apart in the list: workers write into
    # different folders at a time (files created side by side in one folder contend for
    # its locks in the kernel); many small chunks keep the workers' shares even.
    count = max(jobs * 4, -(-len(tasks) // CHUNK))
    size = -(-len(tasks) // count) if tasks else 1
    chunks = [tasks[start : start + size] for start in range(0, len(tasks), size)]
    work = _Work(staging, render, observer)
    total = 0
    if (
        jobs <= 1
        or len(tasks) < MIN_PARALLEL_PAGES
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        for chunk in chunks:
            done, _sources, seen = _render(work, chunk)
            total += done
            if observer is not None:
                observer.keep(seen)
            if report is not None:
                report(total)
        return total
    if before_fork is not None:
        before_fork()
    global _WORK
    _WORK = work
    failure: tuple[int, BaseException] | None = None
    try:
        with frozen_heap():  # (the workers are forked as the pool starts)
            started = multiprocessing.get_context("fork").Pool(jobs)
        with started as pool:
            # Every chunk is waited for, even after one failed: a Pool terminated while tasks
            # are in flight can deadlock in its task handler (seen here with a template error
            # in a worker: the build hung instead of reporting it). A failing chunk stops at
            # its first failure, so a theme broken on every page costs little.
            for number, done, sources, seen, error in pool.imap_unordered(
                _render_chunk, [(n, chunks[n]) for n in _spread(len(chunks), jobs)]
            ):
                total += done
                staging.written += done
                staging.sources.update(sources)
                if observer is not None:
                    observer.keep(seen)
                if error is not None and (failure is None or number < failure[0]):
                    failure = (number, error)
                if report is not None:
                    report(total)
    finally:
        _WORK = None
    if failure is not None:
        raise failure[1]  # (the one a serial render would meet first)
    return total


def _spread(count: int, jobs: int) -> list[int]:
    """0..count-1 in the order that takes one from each of `jobs` stretches in turn:
    (6, 2) -> 0 3 1 4 2 5."""
    stretch = -(-count // max(1, jobs))
    return [s + i for i in range(stretch) for s in range(0, count, stretch) if s + i < count]


def _render_chunk(
    numbered: tuple[int, Sequence[Task]],
) -> tuple[int, int, dict[str, str], list[object], BaseException | None]:
    assert _WORK is not None
    number, tasks = numbered
    try:
        done, sources, seen = _render(_WORK, tasks)
    except Exception as exc:  # (sent back as a value: see render_pages)
        try:
            pickle.dumps(exc)
        except Exception:  # (one the pool could not send back would fail it all the same)
            return number, 0, {}, [], RuntimeError(f"{type(exc).__name__}: {exc}")
        return number, 0, {}, [], exc
    return number, done, sources, seen, None


def _render(work: _Work, tasks: Sequence[Task]) -> tuple[int, dict[str, str], list[object]]:
    sources: dict[str, str] = {}
    seen: list[object] = []
    observer = work.observer
    for task in tasks:
        path, html, source = work.render(task)
        data = html.encode("utf-8")  # (once, for the file and the observer)
        written = work.staging.write_bytes(path, data, source)
        if source:
            sources[path] = source
        if observer is not None:
            found = observer.see(path, html, data, written)
            if found is not None:
                seen.append(found)
    return len(tasks), sources, seen
