"""Full-site search (issue 8, RULES SEARCH-01..03): one tokenisation (tokenize.py), one engine
(engine.py), two stores — the static client index that `ssg build` writes under /search/
(client_index.py, read in the browser by search.js) and the whoosh index that
`ssg search index` builds for `ssg search serve` (whoosh_index.py, server.py)."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ssg.link import Site
    from ssg.render import Renderer
    from ssg.write import Staging


class _StagingWriter:
    def __init__(self, staging: Staging) -> None:
        self.staging = staging

    def write_bytes(self, rel: str, data: bytes) -> None:
        self.staging.target(rel).write_bytes(data)  # (called from several threads)


def write_search_index(
    site: Site, renderer: Renderer | None, staging: Staging, jobs: int = 0
) -> int:
    """The build's index stage: the client index of every published item under /search/.
    Bodies are read from their Markdown (the renderer renders them in worker processes, or
    reuses pages from the last build), so the renderer is not needed. Returns files written."""
    from ssg.parallel import default_jobs
    from ssg.search.client_index import write_client_index
    from ssg.search.documents import documents

    # Millions of small allocations and no reference cycles: the cyclic garbage collector,
    # run again and again over the whole build's heap, would double the stage's time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        docs = documents(site)
        written = write_client_index(docs, _StagingWriter(staging), jobs=jobs or default_jobs())
    finally:
        if collecting:
            gc.enable()
    staging.written += written
    return written
