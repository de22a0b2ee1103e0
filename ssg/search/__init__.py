"""Full-site search (issue 8, RULES SEARCH-01..03): one tokenisation (tokenize.py), one engine
(engine.py), two stores — the static client index that `ssg build` writes under /search/
(client_index.py, read in the browser by search.js) and the whoosh index that
`ssg search index` builds for `ssg search serve` (whoosh_index.py, server.py). Builds reuse
what the last one computed (cache.py, issue 9)."""

from __future__ import annotations

import gc
import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ssg.write import write_file

if TYPE_CHECKING:
    from ssg.link import Site
    from ssg.search.cache import SearchIndexCache
    from ssg.search.documents import SearchDoc
    from ssg.write import Staging

INDEX_FOLDER = "search"
# The client index's entry file (client_index.py): named here, so that what only looks for an
# index (a build that reuses the last one whole) does not import numpy with the writer.
INDEX_ENTRY = "index.bin"
# What sizes the thread pool of numpy's BLAS library: OpenBLAS (numpy's wheels), its OpenMP
# builds, MKL.
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def import_numpy() -> None:
    """Import numpy with its BLAS library kept to this thread. The index never multiplies a
    matrix, but OpenBLAS starts a thread per other core as numpy is imported, and each spins,
    waiting for work, for about a tenth of a second before it sleeps: 0.1-0.14 CPU-s of the
    index process at 10k items on two cores, which both run the build (bench/RESULTS.md,
    2026-11-28). The library reads the variables only as it loads: they are taken out again
    after, so that no process started later sees them. One already set stands."""
    if "numpy" in sys.modules:
        return
    added = [name for name in BLAS_THREADS if name not in os.environ]
    for name in added:
        os.environ[name] = "1"
    try:
        import numpy  # noqa: F401
    finally:
        for name in added:
            os.environ.pop(name, None)


class _StagingWriter:
    def __init__(self, staging: Staging, cache: SearchIndexCache | None = None) -> None:
        self.staging = staging
        self.cache = cache  # links files whose bytes the last build wrote (`place`)
        self.files: list[str] = []  # what the cache records as this build's index

    def write_bytes(self, rel: str, data: bytes) -> None:
        target = self.staging.target(rel)  # (called from several threads)
        if self.cache is None:
            write_file(target, data)
        else:
            self.cache.place(rel, data, target)
        self.files.append(rel)


def write_search_index(
    site: Site,
    staging: Staging,
    jobs: int = 0,
    cache: SearchIndexCache | None = None,
    synonyms: Sequence[tuple[str, ...]] = (),
    docs: Sequence[SearchDoc] | None = None,
) -> int:
    """The build's index stage: the client index of every published item under /search/.
    Bodies are read from their Markdown, not from the rendered pages: the index needs only
    the linked site, and can be made while the pages are rendered. With a `cache`, what
    the last build computed is used again where its inputs are unchanged: the files are the
    same as without. Returns files written (or linked from the last output). `docs`: the
    documents of `site` (`_documents`), when they were made already."""
    from ssg.parallel import default_jobs

    import_numpy()  # (before client_index, tokenize or the cache's store import it)
    if cache is not None and not cache.enabled:
        cache = None  # no cache: nothing read, nothing kept (its counts stay at zero)
    # Millions of small allocations and no reference cycles: the cyclic garbage collector,
    # run again and again over the whole build's heap, would double the stage's time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if docs is None:
            docs = _documents(site, cache)
        if cache is None:
            from ssg.search.client_index import write_client_index

            written = write_client_index(
                docs,
                _StagingWriter(staging),
                INDEX_FOLDER,
                jobs or default_jobs(),
                synonyms=synonyms,
            )
        else:
            key = cache.index_key(docs, synonyms)
            reused = cache.reuse_index(key, staging, INDEX_FOLDER)
            if reused is not None:
                return reused  # (reuse_index counts them in staging.written)
            from ssg.search.client_index import write_client_index

            writer = _StagingWriter(staging, cache)
            written = write_client_index(
                docs, writer, INDEX_FOLDER, jobs or default_jobs(), store=cache, synonyms=synonyms
            )
            cache.record_index(key, writer.files, staging.path / INDEX_FOLDER / INDEX_ENTRY)
    finally:
        if collecting:
            gc.enable()
    staging.written += written
    return written


def _documents(site: Site, cache: SearchIndexCache | None) -> list[SearchDoc]:
    from ssg.search.documents import documents, markdown_text

    collecting = gc.isenabled()
    gc.disable()  # (as write_search_index: many small objects, no cycles)
    try:
        if cache is not None and cache.enabled:
            return documents(site, cache.body_text)
        return documents(site, markdown_text)
    finally:
        if collecting:
            gc.enable()


class IndexJob:
    """The index stage under way (start_search_index): calling it waits for the files written;
    `forked` says whether it runs in a process of its own, or ran in this one."""

    def __init__(self, wait: Callable[[], int], forked: bool) -> None:
        self._wait = wait
        self.forked = forked

    def __call__(self) -> int:
        return self._wait()


def start_search_index(
    site: Site,
    staging: Staging,
    jobs: int = 0,
    cache: SearchIndexCache | None = None,
    alone: bool = False,
    synonyms: Sequence[tuple[str, ...]] = (),
) -> IndexJob:
    """write_search_index (and the cache's prepare) in a forked process, beside the stages
    that follow it (rendering, checks): much of the index's work, like the checks' and the
    build's serial parts, is one process's, and beside each other they keep both cores busy.
    Returns what waits for it and gives the files written; it raises what the stage raised.
    In this process when forking is not possible or not safe: `jobs` 1, or other threads
    running (`ssg serve`).

    The forked process tokenises with half as many workers as the build renders with: on two
    cores, by itself. Beside the two render workers, which keep both cores busy, two more
    processes only took turns on the same cores and cost more CPU than they saved: the
    postings pickled back and merged, the forked heap's pages copied (10k items, paired
    rounds: the whole build 0.85-0.95 x the time, 1-2 CPU-s less; bench/RESULTS.md). On
    more cores the rendering ends sooner, and one tokenising process alone would make the
    build wait for the index.

    `alone` (BuildOptions.search_alone): the forked process runs by itself, and this returns
    when it is done (workers forked from it would each hold a share of the postings beside
    its own), and this process's heap never holds the stage's millions of small objects,
    whose arenas would stay half-used for as long as it lives."""
    if jobs == 1 or not hasattr(os, "fork") or threading.active_count() > 1:
        written = write_search_index(site, staging, jobs, cache, synonyms)
        if cache is not None:
            cache.prepare()
        return IndexJob(lambda: written, forked=False)
    from ssg.parallel import frozen_heap

    # Alone, the documents are made here, before the fork, while this process would only
    # wait: made there, reading every item of the site wrote to the objects' pages (their
    # reference counts), which the child then copied (1k items: 6 MiB less in it). Beside the
    # render they are made there, on the other core.
    docs = _documents(site, cache) if alone else None
    read_end, write_end = os.pipe()
    with frozen_heap():
        pid = os.fork()
    if pid == 0:  # the child: build, report, and leave without running the parent's exits
        os.close(read_end)
        code = 0
        try:
            from ssg.parallel import default_jobs

            tokenisers = 1 if alone else max(1, (jobs or default_jobs()) // 2)
            written = write_search_index(site, staging, tokenisers, cache, synonyms, docs)
            if cache is not None:
                cache.prepare()
            report = pickle.dumps((written, cache.handoff() if cache is not None else None))
        except BaseException as exc:  # sent to the parent, which raises it
            code = 1
            try:
                report = pickle.dumps(exc)
            except Exception:
                report = pickle.dumps(RuntimeError(repr(exc)))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(report)
        os._exit(code)
    os.close(write_end)
    del docs
    if cache is not None:
        cache.texts = {}  # (made or read for the child, which keeps what is to be kept)

    def join() -> int:
        with os.fdopen(read_end, "rb") as pipe:
            report = pipe.read()
        _, status = os.waitpid(pid, 0)
        if not report:
            raise RuntimeError(f"搜索索引进程异常退出 (the search index process died: {status})")
        result = pickle.loads(report)
        if isinstance(result, BaseException):
            raise result
        written, handoff = result
        staging.written += written
        if cache is not None and handoff is not None:
            cache.adopt(handoff)
        return int(written)

    if alone:
        written = join()
        return IndexJob(lambda: written, forked=True)
    return IndexJob(join, forked=True)
