"""The facts of a cold build's pages, derived on every core before the output rules run
(issue 9).

The output rules read what they need of each page once, through the scan cache
(ssg/check/scan_cache.py): `PageFacts`, derived from the page's
text alone. When most pages are new (a cold build, a new theme), reading them is the largest
part of the checks, and it ran on one core while the other had nothing left to do. Here a
forked process reads every other page while this one reads the rest; the facts go into the
scan cache under each file's stamp, where the rules find them as if they had read the pages
themselves. Facts depend on the text only, so which process read a page changes nothing.

Most pages need not even be read: the process that renders a page derives its facts from the
text it has just written (`RenderedFacts`, an observer of ssg/parallel.py). `prescan` reads the
rest (pages the build made otherwise, or a build whose render cache linked them).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence
from typing import cast

from ssg.check.output import FACTS, PageFacts, PageReader
from ssg.check.registry import CheckContext, RenderedPage
from ssg.check.scan_cache import Entry, ScanCache, Stamp, data_digest, stamp, text_digest

# Below this, forking costs more than it saves (a page takes ~0.2 ms).
MIN_PAGES = 2000

_TODO: Sequence[RenderedPage] = ()  # set in the parent just before forking
_CACHE: ScanCache | None = None


def prescan(ctx: CheckContext, jobs: int) -> int:
    """Derive the facts of the pages the scan cache does not know, on two processes; returns
    how many pages were read. Nothing happens without a scan cache (a disabled one keeps this
    run's facts all the same), with one process, below MIN_PAGES, or where forking is not safe
    (other threads: `ssg serve`)."""
    global _TODO, _CACHE
    cache = ctx.scan_cache
    if (
        cache is None
        or jobs == 1
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return 0
    todo = [
        page
        for page in ctx.pages
        if page.stamp is not None and ctx.cached_fact(page, FACTS, PageFacts) is None
    ]
    if len(todo) < MIN_PAGES:
        return 0
    _TODO, _CACHE = todo, cache
    try:
        with multiprocessing.get_context("fork").Pool(1) as pool:
            theirs = pool.apply_async(_read, (1,))
            mine = _read(0)
            read = theirs.get()
    finally:
        _TODO, _CACHE = (), None
    for pages in (mine, read):
        for path, entry, matched in pages:
            cache.seed(path, entry, matched)
    return len(todo)


def _read(start: int) -> list[tuple[str, Entry, bool]]:
    """Every other page of _TODO from `start`: its stamp, digest and facts, and whether the
    facts are those of a page of the last build with the same text (ScanCache.match). The
    text is not kept on the page: a rule that needs it reads it again."""
    assert _CACHE is not None
    reader = PageReader()
    out: list[tuple[str, Entry, bool]] = []
    for page in _TODO[start::2]:
        assert page.stamp is not None and page.file is not None
        with open(page.file, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        out.append(_derive(_CACHE, reader, page.path, page.stamp, text))
    return out


def _derive(
    cache: ScanCache,
    reader: PageReader,
    path: str,
    page_stamp: Stamp,
    text: str,
    data: bytes | None = None,
) -> tuple[str, Entry, bool]:
    """`data`, when given, is `text` in UTF-8 (as written): its digest is the text's."""
    digest = text_digest(text) if data is None else data_digest(data)
    known = cache.known_text(digest)
    if known:
        return path, (page_stamp, digest, dict(known)), True
    facts: dict[str, object] = {FACTS: reader.facts(text)}
    return path, (page_stamp, digest, facts), False


class RenderedFacts:
    """The facts of each page rendered into `folder`, derived where it was rendered, from its
    text, under the stamp of the file just written (ssg/parallel.py's PageObserver); kept in
    `cache` as `prescan` keeps those it reads. A page written again later (the maintenance
    pages) has another stamp: its facts are then derived again."""

    def __init__(self, cache: ScanCache, folder: str) -> None:
        self.cache = cache
        self.folder = folder
        self._reader: PageReader | None = None  # (one a process: made where first used)

    def see(
        self,
        path: str,
        text: str,
        data: bytes | None = None,
        written: os.stat_result | None = None,
    ) -> tuple[str, Entry, bool] | None:
        """`data` and `written`: the bytes written and the file's status after, when the
        writer has them (ssg/parallel.py); else the file is looked at."""
        if not path.endswith(".html"):
            return None
        if written is None:
            try:
                written = os.stat(f"{self.folder}/{path}")
            except OSError:
                return None
        if self._reader is None:
            self._reader = PageReader()
        return _derive(self.cache, self._reader, path, stamp(written), text, data)

    def keep(self, seen: list[object]) -> None:
        for found in seen:
            path, entry, matched = cast(tuple[str, Entry, bool], found)
            self.cache.seed(path, entry, matched)
