"""Defects a design reviewer found in the default theme's pages, checked on the HTML of a real
build of the sample portal."""

from __future__ import annotations

import re
from pathlib import Path

POLICY_COLUMN = "zwgk/zcwj"


def _section_link(html: str, href: str) -> str:
    """The section navigation's <li> opening and link to `href`, as written."""
    nav = html[html.index('<nav class="section-nav"') :]
    nav = nav[: nav.index("</nav>")]
    found = re.search(rf'<li[^>]*><a href="{re.escape(href)}"[^>]*>', nav)
    assert found, f"no section link to {href}"
    return found.group(0)


def test_a_policy_library_page_shows_its_column_as_an_ancestor_not_as_itself(
    public: Path,
) -> None:
    column = public / POLICY_COLUMN
    library = sorted(
        path
        for kind in ("by-year", "by-topic", "by-issuer")
        for path in (column / kind).rglob("*.html")
    )
    assert len(library) > 3 and any(path.parent.parent != column for path in library)
    href = f"/{POLICY_COLUMN}/"
    for path in library:
        link = _section_link(path.read_text("utf-8"), href)
        assert 'class="current"' in link and "aria-current" not in link, (path, link)
    for path in column.glob("index*.html"):  # the column's own listing, every page of it
        assert 'aria-current="page"' in _section_link(path.read_text("utf-8"), href), path
