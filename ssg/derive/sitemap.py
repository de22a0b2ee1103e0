"""The site map page's tree and sitemap.xml (ARCHITECTURE §1.3)."""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from html import escape as html_escape

from ssg.link import Site, href

# XML text content: `&`, `<`, `>` as entities and every other character as it is, the bytes of
# xml.sax.saxutils.escape, whose import loaded urllib.request, http.client and ssl (17 ms of
# every build's start; tests/derive/test_sitemap.py compares the two over every code point).
escape = partial(html_escape, quote=False)

# A path that href() and escape() return as it is (quote's always-safe characters and "/"):
# tested here, the 10,000 item URLs of a cold build skip href's quote, which was 0.05 s of
# sitemap.xml's 0.1 s in the build process (its memo is empty there: the workers render).
_PLAIN = re.compile(r"[A-Za-z0-9_.~/-]*").fullmatch


def _day(stamp: dt.datetime | None) -> str:
    """%Y-%m-%d as strftime writes it (a quarter of its cost), the year unpadded below 1000."""
    if stamp is None:
        return ""
    return stamp.isoformat()[:10] if stamp.year >= 1000 else f"{stamp:%Y-%m-%d}"


def sitemap_xml(site: Site) -> str:
    """Every column and item URL, sorted; lastmod from the content, never from the clock."""
    base = escape(site.base_url)  # (the old domain until a domain change takes effect: NOTICE-04)
    entries: list[tuple[str, str]] = []
    for cid in sorted(site.columns):
        if site.columns[cid].draft:
            continue
        newest = site.items_under(cid)[:1]
        entries.append(
            (site.column_url(cid), _day(site.items[newest[0]].shown_date if newest else None))
        )
    urls = site.urls
    # (in any order: the entries are sorted whole below)
    for iid, item in site.items.items():
        entries.append((urls[iid], _day(item.updated or item.shown_date)))
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url, lastmod in sorted(entries):
        loc = url if _PLAIN(url) else escape(href(url))
        mod = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"  <url><loc>{base}{loc}</loc>{mod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
