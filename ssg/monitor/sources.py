"""Which content file made which output page, for findings on a built output (SEC-06).

The build knows each page's source while it renders; a command that reads `public/` later
works it out again from the site: the first stages of the pipeline (config, content, link)
give every item's and column's URL, and its file. Rendering is not needed, nor done.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from ssg.cache import ParseCache
from ssg.check.allow import Allowance, load_allow
from ssg.config import load_site_config
from ssg.content.loader import load_content
from ssg.derive.listings import output_path
from ssg.diagnostics import Diagnostics
from ssg.lifecycle import load_lifecycle, mapping_places
from ssg.link import Site, link

__all__ = ["SETTINGS", "SiteView", "find_line", "load_view", "setting_place"]

# The settings files whose values the theme turns into links (the embeds, the migration's
# destination): a finding on such a link points at the value's line there.
SETTINGS = ("data/site.yaml", "data/lifecycle.yaml")
# Links the theme makes *of* a setting without copying it (the footer's 备案 links,
# footer.html): the start of the URL, and the data/site.yaml key whose value made it.
_MADE_OF = (
    ("https://beian.miit.gov.cn/", "icp"),
    ("https://www.beian.gov.cn/portal/registerSystemInfo?", "police_record"),
)

_LISTING_PAGE = re.compile(r"(.*?)index(?:_[0-9]+)?\.html")


@dataclass(frozen=True)
class SiteView:
    """What a post-deploy check needs of the site's sources."""

    domain: str
    site: Site
    allowances: tuple[Allowance, ...]
    sources: dict[str, str] = field(default_factory=dict)  # output path -> content file
    body_lines: dict[str, int] = field(default_factory=dict)  # content file -> body's line
    mapped: dict[str, tuple[str, int]] = field(default_factory=dict)  # new URL -> CSV row

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
    mapped = mapping_places(load_lifecycle(root, quiet))
    return SiteView(config.domain, site, load_allow(root, quiet), sources, body_lines, mapped)


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


def setting_place(
    root: Path, url: str, mapped: Mapping[str, tuple[str, int]] | None = None
) -> tuple[str, int] | None:
    """The settings file and line a link the theme made comes from: the row of a migration's
    mapping CSV that gives it (`mapped`, SiteView.mapped), where the URL is written in
    data/site.yaml or data/lifecycle.yaml, else the key whose value the theme turned into
    it; None when it is none of those."""
    if mapped and url in mapped:
        return mapped[url]
    for file in SETTINGS:
        line = find_line(root, file, url)
        if line:
            return file, line
    for start, key in _MADE_OF:
        if url.startswith(start):
            line = _key_line(root, SETTINGS[0], key)
            if line:
                return SETTINGS[0], line
    return None


def _key_line(root: Path, file: str, key: str) -> int:
    """The line of a top-level `key:` in a YAML file; 0 if it is not there."""
    try:
        lines = (root / file).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 0
    wanted = re.compile(rf"{re.escape(key)}\s*:")
    return next((n for n, line in enumerate(lines, 1) if wanted.match(line)), 0)
