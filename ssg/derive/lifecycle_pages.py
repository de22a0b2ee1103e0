"""What lifecycle events do to the output (RULES NOTICE-01..04; 吉林办法 第十五条、第十六条).

- `ssg build --maintenance` (临时下线): every HTML page of the site is the maintenance page —
  reason, offline dates, the day it is back, where to turn meanwhile.
- migration (永久下线), from its date on: every HTML page says where its content went, by the
  mapping CSV (old path → new URL), or points to the destination's home page; the migration
  notice itself stays readable at its own URL, and so do the annual reports the mapping does
  not move (REPORT-01: the report due is public until the site is gone; the migration page
  links it, as the home page did). The pages kept show no search box nor 网站地图 link: the
  search page and the site map are migration pages (`render_as_replaced`).
- Beside the published folder, never in it (`<out>-lifecycle/`): the texts for the parent
  portal (opening, migration) and, for a domain change from its date on (as nginx.conf),
  redirect pages for the old domain and `redirects.txt`, plain `old new` lines for the
  deploy configuration, one for every file.

Pages are first rendered as usual, then replaced, so that "every URL" is exactly the set of
pages a normal build writes.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ssg.content.markdown import render_markdown
from ssg.derive.annual_report import is_report_page
from ssg.derive.notices import (
    body_of,
    contact_line,
    event_domain,
    notices_by_event,
    parent_portal_text,
    slug_of,
    title_of,
)
from ssg.incremental import RenderCache
from ssg.lifecycle import DOMAIN_CHANGE, MIGRATION, OPENING, Event, Lifecycle, normalise_path
from ssg.link import Site, href
from ssg.render import Renderer, render_template
from ssg.write import Staging, write_side_folder

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def side_dir(out: Path) -> Path:
    """Where the files for the parent portal and the deploy go: beside the output folder."""
    return out.parent / f"{out.name}-lifecycle"


def has_side_files(lifecycle: Lifecycle) -> bool:
    return any(e.kind in (OPENING, MIGRATION, DOMAIN_CHANGE) for e in lifecycle.events)


def html_pages(staging: Staging) -> list[str]:
    """Every HTML file written so far, relative to the output root, sorted."""
    return sorted(p.relative_to(staging.path).as_posix() for p in staging.path.rglob("*.html"))


def page_url(rel: str) -> str:
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def _replace(staging: Staging, rel: str, text: str) -> None:
    """Overwrite a page already written; it is then a generated page, not a content page.
    The staged file may be a hard link to the last output (an incremental build reused it):
    unlink it first, so that the last output stays as it was."""
    path = staging.path / rel
    path.unlink(missing_ok=True)
    path.write_bytes(text.encode("utf-8"))
    staging.sources.pop(rel, None)


def _context(renderer: Renderer, event: Event, title: str) -> dict[str, Any]:
    site = renderer.site
    # The notice stands for every URL: the search page and the site map are not there, so the
    # theme leaves out the header's search box and the footer's 网站地图 link, which would
    # lead back to the notice (a citizen needs the contact and where to turn, already given).
    replaced = {"replaced_output": True}
    return {
        **replaced,
        "footer_html": Markup(render_template(renderer.env, "footer.html", replaced)),
        "title": title,
        "crumbs": [],
        "meta": renderer.site_meta(),
        "event": event,
        "contact": contact_line(site.config, event),
        "notice_title": title_of(site.config, event),
        "notice_html": Markup(render_markdown(body_of(site.config, event), lambda t: t)),
    }


def maintenance_pages(renderer: Renderer, staging: Staging, event: Event) -> int:
    """Every page becomes the maintenance page (NOTICE-03: 临时维护页)."""
    text = renderer.render("maintenance.html", **_context(renderer, event, "网站临时维护"))
    pages = html_pages(staging)
    for rel in pages:
        _replace(staging, rel, text)
    return len(pages)


def migration_pages(
    renderer: Renderer, staging: Staging, lifecycle: Lifecycle, event: Event
) -> int:
    """Every page says where its content went (NOTICE-02), but the migration notice itself
    and the annual reports that the mapping does not send elsewhere (REPORT-01)."""
    site = renderer.site
    notice_id = notices_by_event(site, lifecycle).get(event.index)
    notice_url = site.urls[notice_id] if notice_id else ""
    keep = notice_url.lstrip("/")
    mapped = {row.old: row.new for row in event.mapping}
    base = _context(renderer, event, "本网站已迁移")
    count = 0
    for rel in html_pages(staging):
        url = page_url(rel)
        if rel == keep or (is_report_page(rel) and not new_url(mapped, url)):
            continue
        old_title = _old_title(staging, rel, site.config.name)
        target = new_url(mapped, url)
        text = renderer.render(
            "migration.html",
            **base,
            old_url=url,
            old_title=old_title,
            target=target or event.destination,
            mapped=bool(target),
            notice_url=notice_url,
        )
        _replace(staging, rel, text)
        count += 1
    return count


_FURTHER_PAGE = re.compile(r"^(.*/)index_\d+\.html$")


def new_url(mapped: Mapping[str, str], url: str) -> str:
    """Where the page at `url` went, by the mapping ("" when unmapped). A column's further
    pages (/zcwj/index_2.html) list the same column's older items: they went where the
    column (/zcwj/) went, unless mapped themselves."""
    path = normalise_path(url)
    if path in mapped:
        return mapped[path]
    further = _FURTHER_PAGE.match(path)
    return mapped.get(further.group(1), "") if further else ""


def _old_title(staging: Staging, rel: str, site_name: str) -> str:
    head = (staging.path / rel).read_text(encoding="utf-8", errors="replace")[:4000]
    match = _TITLE.search(head)
    if not match:
        return ""
    title = html.unescape(match.group(1)).strip()
    return title.removesuffix(f" - {site_name}").strip()


def redirected_files(staging: Staging) -> list[str]:
    """Every file of the output the old domain may be asked for — pages, feeds, the site
    map, attachments, downloads — relative to the output root, sorted. Not the search index:
    it is written beside the rest by a process of its own, and the search page on the new
    domain reads the new one."""
    found = []
    for folder, dirs, names in os.walk(staging.path):
        rel_folder = Path(folder).relative_to(staging.path).as_posix()
        prefix = "" if rel_folder == "." else rel_folder + "/"
        if prefix == "search/":
            dirs.clear()  # (not walked: the index process may still be writing there)
            names = [n for n in names if n.endswith(".html")]
        found += [prefix + n for n in names if not (prefix + n).startswith(".")]
    return sorted(found)


def side_files(
    site: Site, renderer: Renderer, lifecycle: Lifecycle, staging: Staging
) -> dict[str, str]:
    """Files for people outside the published site: parent-portal texts and redirects.
    Call it once the output is whole (files copied): a domain change redirects every file,
    and a redirect page stands in for every HTML page (a PDF cannot be a redirect page)."""
    files: dict[str, str] = {}
    for event in lifecycle.events:
        if event.kind in (OPENING, MIGRATION):
            domain = event_domain(site.config, lifecycle, event)
            files[f"parent-portal/{slug_of(event)}.md"] = parent_portal_text(site, event, domain)
    # An old domain that is the current one (NOTICE-04 reports it) would send every URL to
    # itself: a redirect loop on every page once the deploy applied the map. A change still
    # to come has no map yet: until its date the old domain is the site's address, where
    # the change is announced (吉林办法 第十六条), and a map applied early would hide that
    # notice; nginx.conf starts redirecting on the same day (Event.in_effect).
    domain = site.config.domain.lower()
    changes = [
        e
        for e in lifecycle.of(DOMAIN_CHANGE)
        if e.old_domain != domain and e.in_effect(site.build_date)
    ]
    if changes:
        everything = redirected_files(staging)
        new = site.config.base_url
        lines: list[str] = []
        for event in changes:
            old = f"https://{event.old_domain}"
            for rel in everything:
                url = href(page_url(rel))
                lines.append(f"{old}{url} {new}{url}")
                if rel.endswith(".html"):
                    files[f"redirects/{event.old_domain}/{rel}"] = renderer.render(
                        "redirect.html", target=f"{new}{url}"
                    )
        files["redirects.txt"] = "\n".join(lines) + "\n"
    return files


def write_side_files(out: Path, files: Mapping[str, str]) -> int:
    """Write the side folder whole, swapped into place like the output itself. With nothing
    to write (the last opening, migration or domain change taken out of data/lifecycle.yaml),
    the folder an earlier build wrote goes, as a cold build would not make it."""
    return write_side_folder(side_dir(out), files)


def render_as_replaced(
    renderer: Renderer,
    lifecycle: Lifecycle,
    maintenance: bool,
    today: dt.date,
) -> bool:
    """Before any page is rendered: whether this is a maintenance or migration build, and if
    so every page is rendered with `replaced_output`, the pages a migration keeps as they are
    (its notice, the annual reports) too. Such a build has neither a search page nor a site
    map (both are the notice), so the theme leaves out the header's search box and the
    footer's 网站地图 link, which would lead there, and SEARCH-01 and ID-13 do not ask for them
    (RULES NOTICE-02, NOTICE-03).

    No kept page can come from the render cache as an ordinary build rendered it: the notice
    states the migration date, so its page's key changes with the event, and the reports are
    rendered every time. (Globals, set before the render workers fork and the templates copy
    them: see ssg/render.py compile_page_templates.)"""
    offline = maintenance and lifecycle.maintenance(today) is not None
    if not offline and lifecycle.migration(today) is None:
        return False
    replaced = {"replaced_output": True}
    renderer.env.globals.update(
        replaced,
        footer_html=Markup(render_template(renderer.env, "footer.html", replaced)),
    )
    return True


def replace_pages(
    renderer: Renderer,
    staging: Staging,
    lifecycle: Lifecycle,
    maintenance: bool,
    today: dt.date,
    cache: RenderCache | None = None,
) -> int:
    """Maintenance (when asked) or migration (from its date on) pages over the whole site.

    The incremental render cache must not offer a replaced page as the normal page of a
    later build: its record of the last build is dropped (the next build renders afresh)."""
    replaced = 0
    event = lifecycle.maintenance(today) if maintenance else None
    if event is not None:
        replaced = maintenance_pages(renderer, staging, event)
    else:
        migration = lifecycle.migration(today)
        if migration is not None:
            replaced = migration_pages(renderer, staging, lifecycle, migration)
    if replaced and cache is not None:
        cache.new.clear()
        cache.path.unlink(missing_ok=True)
    return replaced
