"""A build's first steps, before the build engine (ssg/build.py) is imported.

`ssg build` and `ssg check` call `build` here: importing the engine takes 0.2–0.3 s on one
core while the other waits, so the slugs' process (ssg/slugs.py), which loads pypinyin for
0.1 CPU-s, is forked first and loads it on that core meanwhile. Forked after them, at 1,000
items it was asked for the slugs 0.1–0.3 s later and the build waited 15–490 ms for it (median
113, five runs under load: bench/RESULTS.md, 2026-11-28 · 构建开始). Forked before the
engine's imports, the process also carries none of them.

A cold build's parse starts here too: a child forked after the parser's own modules are
imported works out the content files to read and parses them while this process imports the
rest of the engine; the parse stage takes what it did (ssg/forked.py: Ahead).
"""

from __future__ import annotations

import gc
import time
from contextlib import ExitStack, suppress
from functools import partial
from typing import Any

from ssg import slug_cache, unchanged
from ssg.build_types import BuildOptions, BuildResult
from ssg.forked import Ahead
from ssg.slugs import Prefetch
from ssg.write import check_output_dir


def build(options: BuildOptions) -> BuildResult:
    """Build the site as `options` say (ssg/build.py: the pipeline)."""
    if options.ends_process:
        # A build makes almost no cyclic garbage: at 10k items, every collection of a cold
        # build together freed 6,625 objects in this process and under 900 in each renderer.
        # But each full collection walked everything the build holds: 0.45 s of this
        # process's time, 0.13 s of the parse cache's writer's. Where the process ends with
        # the build, the collector is off for all of it, in the processes it forks too.
        gc.disable()
    if options.write:
        check_output_dir(options.out, options.source)
    started_ns = time.time_ns()
    replayed = unchanged.replay(options)  # nothing changed since the last build: done
    if replayed is not None:
        return replayed
    inputs = unchanged.input_fingerprint(options)
    # The few slugs the policy library and the knowledge base need are worked out in a
    # process of its own, which loads pypinyin while this one imports the engine and parses
    # (ssg/slugs.py): its phrase dictionary stays out of this process and of those it forks.
    # Those of the last build are kept (ssg/slug_cache.py): then it is forked only for a new
    # name, once the names are known, and mostly not at all.
    kept = slug_cache.load(options.source) if options.cache else None
    with (
        Prefetch(eager=kept is None) as slugs,
        _parse_ahead(options) as ahead,
        ExitStack() as finally_wait,
    ):
        from ssg.build import pipeline  # (after the forks: see the module's doc)

        result = pipeline(options, inputs, started_ns, slugs, finally_wait, ahead)
    if result.written and options.cache:
        with suppress(OSError):  # (not kept: only a pypinyin process more next time)
            slug_cache.save(options.source)
    return result


def _parse_ahead(options: BuildOptions) -> Ahead[Any, Any]:
    """The cold parse's child, forked now to read and parse while this process imports the
    engine (ssg/forked.py: Ahead); the parse takes what it did. Only for the commands (not the
    preview, which keeps its parse cache in memory, nor the tests)."""
    if not options.ends_process or options.parse_cache is not None:
        return Ahead(None)
    # The parser's modules, imported before the fork (0.07 s of the engine's imports, paid
    # here rather than later): imported after it, both processes paid them.
    from ssg.content.loader import cold_parse_plan

    return Ahead(partial(cold_parse_plan, options.source, options.cache))
