"""What a build is asked to do and what it did: importable without the engine (Jinja2, the
checker, pinyin), so that a build with nothing to do starts in milliseconds (ssg/unchanged.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ssg.diagnostics import Diagnostics

if TYPE_CHECKING:
    from ssg.cache import ParseCache
    from ssg.incremental import RenderCache
    from ssg.link import Site
    from ssg.render import Renderer
    from ssg.sites import Membership, PortalNotice

# `ssg serve`: held over the swap of a finished build; yields False to abandon the swap, when a
# hot update wrote newer pages into the output while the build ran (ssg/hot.py).
SwapGuard = Callable[[], AbstractContextManager[bool]]
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class BuildOptions:
    source: Path
    out: Path
    build_date: dt.date
    strict: bool = False
    write: bool = True  # False for `ssg check`: validate and link, write nothing
    cache: bool = True  # the caches in <site>/.ssg-cache/ (ARCHITECTURE §3: cache.py)
    jobs: int = 0  # processes rendering item pages; 0 = one per core
    maintenance: bool = False  # every page is the temporary offline page (NOTICE-03)
    # Only for bench/ (issue 9 compares pure rendering with Hugo and Pelican): the CLI has no
    # switch for them, so that no site is ever published unchecked.
    checks: bool = True
    search_index: bool = True
    # Replay the last build when no input changed (ssg/unchanged.py). `ssg serve` turns it off:
    # it needs the linked site in memory for its hot updates.
    replay: bool = True
    swap_guard: SwapGuard | None = None
    # Output paths that something other than the last build rewrote (ssg serve's hot updates):
    # the render cache must not take them for the pages its record describes.
    stale: frozenset[str] = frozenset()
    # Told each stage as it starts and the rendering as it goes: progress(stage, done, total)
    # (ssg/progress.py draws it on a terminal).
    progress: Progress | None = None
    # The parse cache, kept in memory between builds (ssg serve, which saves it when it stops);
    # None: read from and written to <site>/.ssg-cache/ by each build.
    parse_cache: ParseCache | None = None
    # The process ends with this build (the `ssg build` and `ssg check` commands; not the
    # preview, nor a test): what the build holds lives to its end, so the cyclic garbage
    # collector is turned off (ssg/build.py).
    ends_process: bool = False
    # 集约化 (ssg/sites.py): the opening and migration notices that other sites of the
    # repository announce for this site, their parent portal, to publish (NOTICE-01, NOTICE-02).
    portal_notices: tuple[PortalNotice, ...] = ()
    # 集约化: the repository this site belongs to, as the caller read it for this build (the
    # portal notices above come from it): the build's links to the other sites read it
    # rather than sites.yaml and every site.yaml again. None: the build reads it itself.
    repository: Membership | None = None
    # The search index's process runs alone: the build waits for the slugs' process to end
    # before it starts, and for it to end before it renders, so that its peak memory stacks
    # on no other process's (`ssg serve`, whose first build otherwise held more memory at once
    # than Hugo's whole build: bench/RESULTS.md).
    search_alone: bool = False


@dataclass(slots=True)
class BuildResult:
    diagnostics: Diagnostics
    site: Site | None = None
    pages: int = 0
    files: int = 0
    written: bool = False
    checked: bool = False  # compliance rules ran (they do not when the input has errors)
    render_cache: RenderCache | None = None  # what was rendered and what reused
    # What the search stage tokenised and the page rules read afresh (counts, not the caches:
    # `ssg serve` keeps its last result, and the caches would stay beside the next build's)
    tokenised: int | None = None
    scanned: int | None = None
    renderer: Renderer | None = None  # the theme, bound to `site` (ssg serve renders with it)
    replayed: bool = False  # nothing changed: the last build's output and findings stand
    recorded: int = 0  # library URLs first published now, added to data/library-urls.yaml
    stages: list[tuple[str, float]] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return not self.written
