"""The build pipeline, top-down (ARCHITECTURE §3):

(ssg/build_start.py: nothing changed since the last build: replay it, ssg/unchanged.py) →
load config → discover + parse + validate → link → derive → render into a temporary folder, and beside it the search
index (a process of its own: it reads the linked site, not the pages) → check → swap into
place, only if nothing blocks. Every stage reuses what the last build computed for
inputs that did not change (parse, render, search and scan caches in <site>/.ssg-cache/).

This is the only module that imports all the others; each stage is one call.
"""

from __future__ import annotations

import ctypes
import dataclasses
import gc
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, nullcontext, suppress
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from ssg import unchanged
from ssg.build_start import build
from ssg.build_types import BuildOptions, BuildResult, Progress
from ssg.cache import CACHE_DIR, ParseCache
from ssg.check.allow import accept, load_allow
from ssg.check.dates import load_holidays
from ssg.check.interact import load_messages
from ssg.check.page_facts import RenderedFacts, prescan
from ssg.check.registry import CheckContext, all_rules, run_rules
from ssg.check.scan_cache import ScanCache, Stamp
from ssg.check.wording import load_typos
from ssg.config import PLACEHOLDER, load_site_config
from ssg.content.loader import CONTENT_DIR, cannot_read, load_content
from ssg.content.model import Interpretation, Item, Policy
from ssg.cross_site import other_sites
from ssg.deploy.artefacts import deploy_dir, write_deploy_files
from ssg.deploy.config import DEPLOY_FILE, load_deploy
from ssg.deploy.names import check_server_names, report_handed_on
from ssg.derive import feeds, lifecycle_pages, sitemap
from ssg.derive.knowledge import reading_requests as knowledge_readings
from ssg.derive.listings import ListingPage, output_path, paginate
from ssg.derive.notices import with_notices, with_portal_notices
from ssg.derive.policy_library import (
    Library,
    build_library,
    library_columns,
    likely_renames,
    unrecorded,
)
from ssg.derive.policy_library import moves as library_moves
from ssg.derive.policy_library import place_requests as library_places
from ssg.derive.policy_library import slug_requests as library_slugs
from ssg.diagnostics import Diagnostic, Diagnostics, Severity
from ssg.files import check_item_files, file_info, named_files
from ssg.forked import Ahead
from ssg.incremental import RenderCache, item_page_key, listing_key, site_key
from ssg.library_record import RECORD_FILE, append_record, load_record, rename_advice
from ssg.lifecycle import LIFECYCLE_FILE, load_lifecycle, report_same_domain
from ssg.link import (
    Site,
    href,
    link,
    unserved_query_aliases,
    with_column_subtrees,
    with_redirects,
)
from ssg.parallel import PageObserver, Task, default_jobs, render_jobs, render_pages
from ssg.render import Renderer, compile_page_templates, template_failure, theme_dirs
from ssg.render_library import library_page, library_pages, policy_column_page, write_filter_data
from ssg.render_reports import install_globals, render_knowledge_base, render_reports
from ssg.search import IndexJob, start_search_index
from ssg.search.cache import SearchIndexCache
from ssg.search.synonyms import load_synonyms
from ssg.slugs import Prefetch
from ssg.write import Staging, check_output_dir, remove_later

__all__ = ["BuildOptions", "BuildResult", "build"]


@contextmanager
def _stage(result: BuildResult, name: str, progress: Progress | None = None) -> Iterator[None]:
    if progress is not None:
        progress(name, 0, 0)
    start = time.perf_counter()
    yield
    result.stages.append((name, time.perf_counter() - start))


def pipeline(
    options: BuildOptions,
    inputs: unchanged.Inputs,
    started_ns: int,
    slugs: Prefetch,
    finally_wait: ExitStack,
    ahead: Ahead[Any, Any] | None = None,
) -> BuildResult:
    """The build after its first steps (ssg/build_start.py: `build`, which calls this)."""
    root = options.source
    diags = Diagnostics()
    result = BuildResult(diags)

    with _stage(result, "load config", options.progress):
        config = load_site_config(root, diags)
        allowed = load_allow(root, diags)
        load_typos(root, diags)  # (only its problems: the wording rule reads it when it runs)
        load_holidays(root, diags)  # (likewise: the deadline rules read it)
        load_messages(
            root, diags, options.build_date
        )  # (likewise: the INTERACT rules and the reports read it)
        synonyms = load_synonyms(root, diags)  # (read at query time: the index's entry holds them)
        # (with the output folder: a previous_urls file in what this build writes is wrong)
        deploy = load_deploy(root, (config or PLACEHOLDER).domain, diags, options.out)
        if deploy is not None and config is not None:
            check_server_names(config, diags)  # (nginx.conf is written from them: DEPLOY-05)
        if options.write and deploy is not None:
            check_output_dir(deploy_dir(options.out), root)
    with _stage(result, "parse + validate", options.progress):
        kept = options.parse_cache
        cache = kept.renew() if kept is not None else ParseCache(root, enabled=options.cache)
        tree = load_content(root, config.column_types if config else (), diags, cache, ahead)
        if kept is None:
            finally_wait.callback(cache.save_beside())  # (written while the build goes on)
        else:
            cache.prune()
    with _stage(result, "link", options.progress):
        # 集约化: references to the policies of the repository's other sites, both ways
        # (the repository as the caller read it, once, for the portal notices too)
        others = (
            other_sites(root, options.build_date, options.repository)
            if config is not None
            else None
        )
        site = link(tree, config or PLACEHOLDER, options.build_date, diags, others)
        # which name each published URL of the policy library belongs to (data/library-urls.yaml)
        site = dataclasses.replace(site, library_record=load_record(root, diags))
        # (nginx.conf redirects them; a data/deploy.yaml with errors has its own: the
        # editor is not asked to write a file that is there)
        served = deploy is not None or (root / DEPLOY_FILE).exists()
        unserved_query_aliases(site, served, diags)
        check_item_files(site, root, diags)
    # data/lifecycle.yaml: notices become 通知公告 items
    with _stage(result, "lifecycle", options.progress):
        lifecycle = load_lifecycle(root, diags)
        report_same_domain(lifecycle, site.config.domain, diags)
        # (before its date a domain change leaves the site on its old domain: NOTICE-04)
        site = dataclasses.replace(
            site, served_domain=lifecycle.domain_on(site.config.domain, options.build_date)
        )
        if deploy is not None and site.cross is not None:
            report_handed_on(lifecycle, site.cross.served, diags)  # (DEPLOY-06)
        site = with_notices(site, lifecycle, diags)
        site = with_portal_notices(site, options.portal_notices, diags)  # (ssg/sites.py)
        # (once every item is there, the notices too: a renamed column's whole subtree)
        site = with_column_subtrees(site, diags)
        if options.maintenance and lifecycle.maintenance(options.build_date) is None:
            diags.error(
                "LIFECYCLE-06",
                LIFECYCLE_FILE,
                0,
                "",
                "--maintenance 需要 data/lifecycle.yaml 中包含构建日期当天或之后的 temporary_offline "
                "事件（下线日期、恢复日期、原因） (no temporary_offline event for --maintenance)",
            )
        if options.write and lifecycle_pages.has_side_files(lifecycle):
            check_output_dir(lifecycle_pages.side_dir(options.out), root)
    result.site = site
    # Compliance rules judge a valid site: with input errors their findings would mislead.
    if config is None or diags.blocks():
        return result

    # `ssg check` renders too (rules read the output) but into a folder it throws away.
    scratch = None if options.write else Path(tempfile.mkdtemp(prefix="ssg-check-"))
    staging = Staging(options.out if scratch is None else scratch / "public")
    previous = options.out if options.write else None
    render_cache = RenderCache(
        root,
        previous,
        enabled=options.cache and not options.maintenance,
        digests=tree.digests,
        stale=options.stale,
    )
    result.render_cache = render_cache
    # What the output rules found in each page, kept while the page's file is the one the last
    # build wrote (hard-linked) or has the same text. Without the cache (`ssg check`,
    # --no-cache) it is only this run's memory, where the facts of the pages derived as they
    # were rendered (on every core) are handed over.
    # (checks are off only in bench/: see BuildOptions)
    scan_cache = (
        ScanCache(root, options.out, enabled=options.cache and options.write)
        if options.checks
        else None
    )
    facts = RenderedFacts(scan_cache, str(staging.path)) if scan_cache is not None else None
    finish_scan_cache: Callable[[bool], None] = _once(lambda keep: None)
    search_cache = SearchIndexCache(
        root, previous, enabled=options.cache and options.write and not options.maintenance
    )
    indexing: IndexJob | None = None
    stamps: dict[str, Stamp] = {}  # output page -> its file's stamp, as the checks took it
    places = library_places(site)
    slugging = slugs.ask(library_slugs(site), readings=[*knowledge_readings(site), *places])
    try:
        try:
            # issue 8: the static client search index under /search/ (not for `ssg check`,
            # nor while every page is the maintenance or the migration page: it would find
            # pages that are no longer there). It reads the linked site, not the rendered
            # pages, so it is made in a process of its own (ssg/search/__init__.py) beside
            # the rendering and the checks, which do not read it.
            with _stage(result, "search index", options.progress):
                if (
                    options.write
                    and options.search_index
                    and not options.maintenance
                    and lifecycle.migration(options.build_date) is None
                ):
                    if options.search_alone:
                        slugging()  # (the slugs' process is gone before the index's starts)
                    indexing = start_search_index(
                        site,
                        staging,
                        options.jobs,
                        search_cache,
                        alone=options.search_alone,
                        synonyms=synonyms,
                    )
                    if not indexing.forked:
                        release_memory()  # what the index let go, before the pages are made
            # The policy library's groups keep their recorded URLs; a group's other recorded
            # URLs, and those earlier versions read without 吉林's place names, redirect to its
            # own, claimed as aliases are (derive/policy_library.py). Only a site with a record
            # or a place name in a topic or issuer has any. (After the search index has
            # started, which reads no alias, as the slugs were waited for before.)
            if places or (site.library_record is not None and site.library_record.entries):
                with _stage(result, "library redirects", options.progress):
                    slugging()
                    generated, redirects = library_moves(site)
                    if redirects:  # (else this very site: its libraries memoised for the render)
                        site = result.site = with_redirects(site, generated, redirects, diags)
                    if site.library_record is not None:
                        record = site.library_record
                        diags.extend(
                            rename_advice(record, r.old_url, r.old_name, list(r.new))
                            for r in likely_renames(site)
                        )
                if diags.blocks():
                    return result
            with _stage(result, "render", options.progress):
                slugging()
                try:
                    renderer = result.renderer = Renderer(site, root)
                    lifecycle_pages.render_as_replaced(
                        renderer, lifecycle, options.maintenance, options.build_date
                    )
                    # (--jobs as asked; by default a small site leaves the search index
                    # process a core: ssg/parallel.py, SMALL_SITE_ITEMS)
                    index_beside = indexing is not None and indexing.forked
                    jobs = options.jobs or render_jobs(
                        default_jobs(), len(site.items), index_beside
                    )
                    result.pages = render_site(
                        site, renderer, staging, jobs, render_cache, options.progress, facts
                    )
                    # issue 7: maintenance, migration (the files for the parent portal and
                    # the deploy are made once the output is whole, below)
                    lifecycle_pages.replace_pages(
                        renderer,
                        staging,
                        lifecycle,
                        options.maintenance,
                        options.build_date,
                        render_cache,
                    )
                except jinja2.TemplateError as exc:
                    diags.extend([template_diagnostic(exc, root)])
                    return result
            with _stage(result, "copy files", options.progress):
                copy_files(site, root, staging, diags)
                # (after the copy: a domain change redirects every file, attachments too)
                side = lifecycle_pages.side_files(site, renderer, lifecycle, staging)
            with _stage(result, "check", options.progress):
                # (off only in bench/: see BuildOptions; nor when a file could not be copied:
                # the rules would judge an output that lacks it)
                if scan_cache is not None and not staging.unreadable:
                    context = CheckContext(
                        site, root, staging.path, staging.sources, scan_cache=scan_cache
                    )
                    # Pages whose facts the renderers did not derive, read on every core
                    # (ssg/check/page_facts.py).
                    prescan(context, options.jobs or default_jobs())
                    # (with the rules' findings the stages before them made: DESIGN-03,
                    # NOTICE-01/02, a duplicate 发文字号's POLICY-01 — accepted like any other)
                    earlier = _rule_findings(diags)
                    taken = {id(d) for d in earlier}
                    diags.items = [d for d in diags.items if id(d) not in taken]
                    diags.extend(accept([*earlier, *run_rules(context)], allowed, site))
                    result.checked = True
                    result.scanned = scan_cache.scanned
                    # (the pages' stamps, taken once they were written: the output's
                    # fingerprint at the end takes them rather than stat each page again)
                    stamps = {p.path: p.stamp for p in context.pages if p.stamp is not None}
                    # (pickled by another process while the output is swapped into place)
                    finish_scan_cache = _once(scan_cache.save_beside())
        finally:
            with _stage(result, "search index (rest)", options.progress):
                if indexing is not None:
                    indexing()
                    result.tokenised = search_cache.tokenised
        if not options.write or diags.blocks(options.strict):
            return result
        with _stage(result, "swap", options.progress):
            guard = options.swap_guard() if options.swap_guard else nullcontext(True)
            with guard as proceed:
                if not proceed:
                    return result
                result.files = staging.written
                old_trees = staging.commit(remove_old=False)
                lifecycle_pages.write_side_files(options.out, side)
                result.written = True
            # nginx.conf, manifest.sha256, urls.txt: from the output as published (ssg/deploy/)
            with _stage(result, "deploy files", options.progress):
                write_deploy_files(options.out, root, site, lifecycle, deploy)
            # The library's URLs published first now, added to data/library-urls.yaml for the
            # editor to commit (ssg/library_record.py): only by a build that publishes.
            if _publishes(options):
                with _stage(result, "library record", options.progress):
                    added = unrecorded(site)
                    recorded = append_record(root, site.library_record, added, diags)
                    if recorded is not None:  # (its own lines are no reason not to replay)
                        inputs = unchanged.with_record(inputs, recorded)
                        # (said by the CLI: the editor is to commit them; not when the file
                        # could not take them, which its advice says)
                        if _file_bytes(root / RECORD_FILE) == recorded:
                            result.recorded = len(added)
            remove_later(old_trees)  # (in the background; outside the guard all the same)
            render_cache.save()
            search_cache.save()
            unchanged.remember(options, inputs, result, started_ns, stamps)
            # Last: the scan cache's pickler, forked when the checks ended, runs on while the
            # other records are made. When the search index ends before the checks do, it is
            # what the build waits for at its end (0.2-0.3 s at 10k items, issue 9).
            finish_scan_cache(True)
    finally:
        slugging()  # (waited for already, unless the build stopped before rendering)
        finish_scan_cache(result.written)  # (done already, unless the swap failed)
        if not result.written:
            staging.discard()
            search_cache.discard()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return result


def _rule_findings(diags: Diagnostics) -> list[Diagnostic]:
    """The findings of compliance rules among `diags` (not input errors): made while the
    site was loaded and linked, before the rules ran, and accepted as the rules' are."""
    codes = {rule.code for rule in all_rules()}
    return [d for d in diags.items if d.code in codes and d.severity is not Severity.ERROR]


def _file_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _publishes(options: BuildOptions) -> bool:
    """Whether the output is the site's to publish, whose new library URLs are recorded: not
    the maintenance pages, nor the preview's (`ssg serve` keeps its parse cache in memory, and
    builds into .ssg-cache/preview/ unless told --out), which publishes nothing."""
    preview = options.parse_cache is not None or options.out.resolve().is_relative_to(
        (options.source / CACHE_DIR).resolve()
    )
    return not options.maintenance and not preview


def _once(finish: Callable[[bool], None]) -> Callable[[bool], None]:
    """`finish`, called the first time only (it waits for a process)."""
    done = False

    def call(keep: bool) -> None:
        nonlocal done
        if not done:
            done = True
            finish(keep)

    return call


def template_diagnostic(exc: jinja2.TemplateError, root: Path) -> Diagnostic:
    """A theme template that fails is an editor-facing error, not a crash (exit 3): THEME-01
    at the template file (relative to the site, or ssg's own as (ssg)/…) and its line."""
    failure = template_failure(exc)
    filename = failure.filename
    if filename:
        path = Path(filename).resolve()
        filename = (
            path.relative_to(root.resolve()).as_posix()
            if path.is_relative_to(root.resolve())
            else f"(ssg)/{path.parent.name}/{path.name}"
        )
    return Diagnostic(
        Severity.ERROR, "THEME-01", filename or "themes", failure.lineno, "", failure.message or ""
    )


def render_site(
    site: Site,
    renderer: Renderer,
    staging: Staging,
    jobs: int,
    cache: RenderCache,
    progress: Progress | None = None,
    observer: PageObserver | None = None,
) -> int:
    """Every page of the site; returns the number of HTML pages written. `observer` sees the
    item and listing pages as they are written (the checker's page facts)."""
    pages = 0
    reports = install_globals(site, renderer)  # before the home page: it links the newest
    base = site_key(site, theme_dirs(renderer.root, site.config.theme))
    # Item and listing pages whose key changed are rendered on every core (ssg/parallel.py).
    tasks: list[Task] = []
    for item_id in sorted(site.items):
        item = site.items[item_id]
        key = item_page_key(site, cache, base, item)
        if not cache.reuse(output_path(site.urls[item_id]), key, item.location.file, staging):
            tasks.append(("item", item_id, 0))
    pages += len(site.items)
    page_size = site.config.page_size
    libraries = {c: build_library(site, c) for c in library_columns(site)}
    listings: dict[str, list[ListingPage]] = {}
    entries: dict[str, str] = {}  # (each item's part of the keys of the listings that list it)
    for column_id in sorted(site.columns):
        if not column_id or site.columns[column_id].draft:
            continue
        listed = listings[column_id] = paginate(
            site.items_under(column_id), page_size, site.column_url(column_id)
        )
        source = site.columns[column_id].location.file
        kind = "library" if column_id in libraries else "column"
        if column_id in libraries and not libraries[column_id].item_ids:
            # Its first page offers the filter only while the library holds a policy, which
            # may be listed on a later page: the page's own items do not tell.
            kind = "library-empty"
        for number, page in enumerate(listed):
            key = listing_key(site, cache, base, f"{kind}:{column_id}", page.number,
                              page.total, page.item_ids, entries)  # fmt: skip
            pages += 1
            if not cache.reuse(output_path(page.url), key, source, staging):
                tasks.append(("listing", column_id, number))
    # The policy library's own pages (by year, topic, issuer) are rendered on every core too:
    # after the item and listing pages, this process rendered them alone (0.1-0.3 s at 10k
    # items while the other core had nothing to do in a build without the search index),
    # and the checks read them back from disk (their facts not derived where rendered).
    # First in the list: the dearest pages (~1 ms each), a whole chunk of them, which handed
    # out last would leave one worker rendering alone at the end.
    shelves = {c: library_pages(site, library) for c, library in libraries.items()}
    shelved: list[Task] = []
    for column_id, shelf in shelves.items():
        write_filter_data(site, libraries[column_id], staging)
        shelved.extend(("library-page", column_id, number) for number in range(len(shelf)))
        pages += len(shelf)
    tasks = [*shelved, *tasks]

    def render_task(task: Task) -> tuple[str, str, str]:
        kind, name, number = task
        if kind == "item":
            item = site.items[name]
            html = renderer.item_page(item, relations(site, renderer.root, item))
            return output_path(site.urls[item.id]), html, item.location.file
        column_id = name
        if kind == "library-page":
            library = libraries[column_id]
            path, html = library_page(renderer, site, library, shelves[column_id][number])
            return path, html, site.columns[library.column].location.file
        page = listings[column_id][number]
        html = listing_page(site, renderer, column_id, page, libraries.get(column_id))
        return output_path(page.url), html, site.columns[column_id].location.file

    def report(done: int) -> None:
        if progress is not None:
            progress("render", done, len(tasks))

    compile_templates = partial(compile_page_templates, renderer.env)
    render_pages(
        staging, render_task, jobs, tasks, report, before_fork=compile_templates, observer=observer
    )
    pages += render_reports(site, renderer, staging, reports)
    pages += render_knowledge_base(site, renderer, staging, renderer.root)
    staging.write_text("index.html", renderer.home_page(), site.columns[""].location.file)
    staging.write_text("sitemap.html", renderer.plain_page("sitemap.html", "网站地图"))
    staging.write_text("404.html", renderer.plain_page("404.html", "页面未找到"))
    staging.write_text("search/index.html", renderer.plain_page("search.html", "全站搜索"))
    pages += 4
    for alias, target in sorted(site.aliases.items()):
        source = site.alias_files.get(alias) or site.items[site.alias_sources[alias]].location.file
        staging.write_text(alias, renderer.render("redirect.html", target=href(target)), source)
        pages += 1
    staging.write_text("sitemap.xml", sitemap.sitemap_xml(site))
    for column_id in feeds.feed_columns(site):
        staging.write_text(feeds.feed_url(column_id).lstrip("/"), feeds.rss(site, column_id))
    return pages


def listing_page(
    site: Site, renderer: Renderer, column_id: str, page: ListingPage, library: Library | None
) -> str:
    """One page of a column's listing; a policy column's is its library's main page."""
    if library is not None:
        return policy_column_page(renderer, site, library, page)
    return renderer.column_page(column_id, page)


def relations(site: Site, root: Path, item: Item) -> dict[str, object]:
    """What an item page shows beyond its own fields: linked items and its files."""
    extra: dict[str, object] = {
        "files": {name: file_info(root, item, name) for _field, name in named_files(item)}
    }
    if isinstance(item, Policy):
        extra["interpretations"] = [
            *(site.items[i] for i in site.interpretations_of.get(item.id, ())),
            *site.foreign_interpretations(item.id),  # (other sites': ssg/cross_site.py)
        ]
        # The file that replaced this one, and the one in force now: a chain (A replaced by
        # B, itself abolished for C) must not name B as 现行文件.
        chain = [site.items[p] for p in site.replacements(item.id)]
        extra["replacement"] = chain[0] if chain else None
        extra["current"] = next(
            (p for p in chain if isinstance(p, Policy) and p.validity == "有效"), None
        )
    if isinstance(item, Interpretation):
        extra["policies"] = [
            *(site.items[p] for p in site.policies_of.get(item.id, ())),
            *site.foreign_policies(item.id),
        ]
    return extra


def copy_files(site: Site, root: Path, staging: Staging, diags: Diagnostics) -> None:
    """Bundle files beside their page, loose column files, static/, then theme assets; a file
    that cannot be read is an error (FILE-03) that blocks the build."""
    content = root / CONTENT_DIR
    for item_id in sorted(site.bundle_files):
        folder = site.urls[item_id][1 : -len(".html")]
        for name in site.bundle_files[item_id]:
            staging.copy(content / item_id / name, f"{folder}/{name}")
    for rel in site.loose_files:
        staging.copy(content / rel, rel)
    if (root / "static").is_dir():
        staging.copy_tree(root / "static", "static")
    # Lower precedence first, so that the site's theme overrides the default's files.
    for theme in reversed(theme_dirs(root, site.config.theme)):
        if (theme / "static").is_dir():
            staging.copy_tree(theme / "static", "assets")
    for source, exc in staging.unreadable:
        shown = source.relative_to(root) if source.is_relative_to(root) else source
        cannot_read(diags, shown.as_posix(), str(source), exc)


def release_memory() -> None:
    """Hand memory freed by a stage back to the system (glibc keeps it otherwise), so that the
    next stage's peak does not stack on the last one's."""
    gc.collect()
    with suppress(OSError, AttributeError):  # not glibc: only a higher peak
        ctypes.CDLL("libc.so.6").malloc_trim(0)
