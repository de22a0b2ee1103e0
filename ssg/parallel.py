"""Rendering item pages on every core.

Workers are forked after linking, so they share the linked site and the Jinja environment
copy-on-write and receive only lists of item ids; each writes its pages straight into the
staging folder and reports what it wrote. Output is the same bytes as a serial render.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ssg.content.model import Item
from ssg.derive.listings import output_path
from ssg.link import Site
from ssg.render import Renderer
from ssg.write import Staging

# Below this, starting processes costs more than it saves.
MIN_PARALLEL_ITEMS = 400

Relations = Callable[[Item], dict[str, object]]


@dataclass(frozen=True, slots=True)
class _Work:
    site: Site
    renderer: Renderer
    staging: Staging
    relations: Relations


_WORK: _Work | None = None  # set in the parent just before forking; read by the workers


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def render_items(
    site: Site,
    renderer: Renderer,
    staging: Staging,
    relations: Relations,
    jobs: int,
    ids: Sequence[str],
) -> int:
    """The pages of the items `ids`; returns how many were written."""
    work = _Work(site, renderer, staging, relations)
    if (
        jobs <= 1
        or len(ids) < MIN_PARALLEL_ITEMS
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        count, _sources = _render(work, ids)
        return count
    global _WORK
    _WORK = work
    try:
        # Interleaved chunks balance long and short pages between the workers.
        chunks = [ids[start :: jobs * 4] for start in range(jobs * 4)]
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_render_chunk, chunks)
    finally:
        _WORK = None
    total = 0
    for count, sources in results:
        total += count
        staging.written += count
        staging.sources.update(sources)
    return total


def _render_chunk(ids: Sequence[str]) -> tuple[int, dict[str, str]]:
    assert _WORK is not None
    return _render(_WORK, ids)


def _render(work: _Work, ids: Sequence[str]) -> tuple[int, dict[str, str]]:
    sources: dict[str, str] = {}
    for item_id in ids:
        item = work.site.items[item_id]
        html = work.renderer.item_page(item, work.relations(item))
        path = output_path(work.site.urls[item_id])
        work.staging.write_text(path, html, item.location.file)
        sources[path] = item.location.file
    return len(ids), sources
