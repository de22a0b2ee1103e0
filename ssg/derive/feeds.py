"""RSS 2.0 feeds for news and notice columns: /feeds/<column path>.xml."""

from __future__ import annotations

from email.utils import format_datetime
from functools import partial
from html import escape as html_escape

from ssg.link import Site, href
from ssg.timezone import SHANGHAI

# XML text content: `&`, `<`, `>` as entities and every other character as it is, the bytes of
# xml.sax.saxutils.escape, whose import loaded urllib.request, http.client and ssl (17 ms of
# every build's start; tests/derive/test_sitemap.py compares the two over every code point).
escape = partial(html_escape, quote=False)

FEED_TYPES = frozenset({"news", "notice"})
FEED_LENGTH = 30


def feed_columns(site: Site) -> list[str]:
    """Columns whose items are news or notices, and that hold items of their own."""
    return sorted(
        cid
        for cid in site.columns
        if cid and site.column_item_type.get(cid) in FEED_TYPES and site.items_in.get(cid)
    )


def feed_url(column_id: str) -> str:
    return f"/feeds/{column_id}.xml"


def rss(site: Site, column_id: str) -> str:
    base = site.base_url  # (the old domain until a domain change takes effect: NOTICE-04)
    column = site.columns[column_id]
    ids = site.items_under(column_id)[:FEED_LENGTH]
    newest = site.items[ids[0]].shown_date if ids else None
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0"><channel>',
        f"<title>{escape(column.title)} - {escape(site.config.name)}</title>",
        f"<link>{escape(base + href(site.column_url(column_id)))}</link>",
        f"<description>{escape(column.description or column.title)}</description>",
        "<language>zh-CN</language>",
    ]
    if newest is not None:
        parts.append(f"<lastBuildDate>{_rfc822(newest)}</lastBuildDate>")
    for iid in ids:
        item = site.items[iid]
        link = escape(base + href(site.urls[iid]))
        parts.append("<item>")
        parts.append(f"<title>{escape(item.title)}</title><link>{link}</link>")
        parts.append(f'<guid isPermaLink="true">{link}</guid>')
        if item.shown_date is not None:
            parts.append(f"<pubDate>{_rfc822(item.shown_date)}</pubDate>")
        if item.summary:
            parts.append(f"<description>{escape(item.summary)}</description>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts) + "\n"


def _rfc822(stamp: object) -> str:
    import datetime as dt

    assert isinstance(stamp, dt.datetime)
    return format_datetime(stamp.replace(tzinfo=SHANGHAI))
