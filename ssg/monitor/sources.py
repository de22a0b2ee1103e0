"""Which content file made which output page, for findings on a built output (SEC-06).

The build knows each page's source while it renders; a command that reads `public/` later
works it out again from the site: the first stages of the pipeline (config, content, link)
give every item's and column's URL, and its file. Rendering is not needed, nor done.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from ssg.cache import ParseCache
from ssg.check.allow import Allowance, load_allow
from ssg.config import load_site_config
from ssg.content.loader import load_content
from ssg.derive.listings import output_path
from ssg.diagnostics import Diagnostics
from ssg.link import Site, link

__all__ = ["SiteView", "find_line", "load_view"]

_LISTING_PAGE = re.compile(r"(.*?)index(?:_[0-9]+)?\.html")


@dataclass(frozen=True)
class SiteView:
    """What a post-deploy check needs of the site's sources."""

    domain: str
    site: Site
    allowances: tuple[Allowance, ...]
    sources: dict[str, str] = field(default_factory=dict)  # output path -> content file
    body_lines: dict[str, int] = field(default_factory=dict)  # content file -> body's line

    def source_of(self, page: str) -> str:
        """The content file of an output page ("" when the theme made it alone)."""
        found = self.sources.get(page)
        if found is None:
            listing = _LISTING_PAGE.fullmatch(page)  # further pages of a column's listing
            if listing is not None:
                found = self.sources.get(listing.group(1) + "index.html")
        return found or ""


def load_view(root: Path, build_date: dt.date, diags: Diagnostics) -> SiteView | None:
    """The site at `root` as far as the link stage; None when data/site.yaml is unusable
    (its problems are in `diags`). Problems of the content itself are left to `ssg check`:
    they are not what a post-deploy check reports."""
    config = load_site_config(root, diags)
    if config is None:
        return None
    quiet = Diagnostics()
    tree = load_content(root, config.column_types, quiet, ParseCache(root))
    site = link(tree, config, build_date, quiet)
    sources: dict[str, str] = {}
    for column_id, column in site.columns.items():
        sources[output_path(site.column_url(column_id))] = column.location.file
    for item_id, url in site.urls.items():
        sources[output_path(url)] = site.items[item_id].location.file
    body_lines = {c.location.file: c.location.body_line for c in site.columns.values()}
    body_lines.update((i.location.file, i.location.body_line) for i in site.items.values())
    return SiteView(config.domain, site, load_allow(root, quiet), sources, body_lines)


def find_line(root: Path, file: str, url: str, body_line: int = 1) -> int:
    """The line of `file` where `url` is written (as it is, or percent-decoded), the body
    first — the links of a page's text are there, and the same URL may be in the front
    matter too; 0 if not found."""
    try:
        lines = (root / file).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 0
    needles = [n for n in dict.fromkeys((url, unquote(url), url.rstrip("/"))) if n]
    order: list[int] = [
        *range(body_line - 1, len(lines)),
        *range(0, min(body_line - 1, len(lines))),
    ]
    for needle in needles:
        for index in order:
            if needle in lines[index]:
                return index + 1
    return 0
