"""The site map page's tree and sitemap.xml (ARCHITECTURE §1.3)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ssg.link import Site, href


def sitemap_xml(site: Site) -> str:
    """Every column and item URL, sorted; lastmod from the content, never from the clock."""
    base = site.base_url  # (the old domain until a domain change takes effect: NOTICE-04)
    entries: list[tuple[str, str]] = []
    for cid in sorted(site.columns):
        if site.columns[cid].draft:
            continue
        newest = site.items_under(cid)[:1]
        stamp = site.items[newest[0]].shown_date if newest else None
        entries.append((site.column_url(cid), f"{stamp:%Y-%m-%d}" if stamp else ""))
    for iid in sorted(site.items):
        stamp = site.items[iid].updated or site.items[iid].shown_date
        entries.append((site.urls[iid], f"{stamp:%Y-%m-%d}" if stamp else ""))
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url, lastmod in sorted(entries):
        mod = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"  <url><loc>{escape(base + href(url))}</loc>{mod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
