"""One search box a page, in real Chromium: the header's on every page but the two that have
their own (the home page and the search page), and never two search landmarks with one name.

GOV.UK does the same on its search results page: alphagov/frontend's SearchController runs
`remove_search_box` (`set_slimmer_headers(remove_search: true)`), so the page's own search is
the only one there. The fields are counted as a reader meets them — visible on the screen at
320 px (default text, the toolbar's 超大, the browser's text at 200 %) and at 1280 px — and the
landmarks as a screen reader does, from Chromium's accessibility tree."""

from __future__ import annotations

import urllib.parse
from typing import Any

import pytest

from tests.browser.site_pages import SitePages
from tests.browser.test_accessibility import SET_STATE

# The text fields a reader can see and type into: on the screen (not scrolled into view is
# fine), not hidden, not zero-sized; with the landmark each sits in.
VISIBLE_FIELDS = """() => [...document.querySelectorAll("input, textarea")]
  .filter((f) => ["search", "text"].includes(f.type) || f.tagName === "TEXTAREA")
  .filter((f) => f.checkVisibility({visibilityProperty: true, opacityProperty: true}))
  .filter((f) => { const r = f.getBoundingClientRect(); return r.width > 0 && r.height > 0; })
  .map((f) => ({id: f.id, header: !!f.closest("header"),
                search: !!f.closest("search, [role=search]")}))"""

# (width, toolbar state, the browser's root font size)
STATES: dict[str, tuple[int, dict[str, object], str]] = {
    "320 标准": (320, {}, ""),
    "320 超大": (320, {"text": 3}, ""),
    "320 浏览器 200%": (320, {}, "200%"),
    "1280 标准": (1280, {}, ""),
}


def _search_landmarks(page: Any) -> list[str]:
    """The accessible names of the page's search landmarks, from Chromium's own tree."""
    session = page.context.new_cdp_session(page)
    try:
        tree = session.send("Accessibility.getFullAXTree")
    finally:
        session.detach()
    return [
        node.get("name", {}).get("value", "")
        for node in tree["nodes"]
        if not node.get("ignored") and node.get("role", {}).get("value") == "search"
    ]


def _pages(site_pages: SitePages) -> dict[str, str]:
    return {
        "search": "/search/",
        "search with results": "/search/?q=" + urllib.parse.quote("供热"),
        "news": site_pages.richest("news"),
        "column": site_pages.column_listings()[0],
        "home": "/",
    }


@pytest.mark.parametrize("state", list(STATES))
def test_every_page_shows_one_search_box_and_the_search_page_its_own(
    browser: Any, base_url: str, site_pages: SitePages, state: str
) -> None:
    width, prefs, root_size = STATES[state]
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    problems: list[str] = []
    for kind, url in _pages(site_pages).items():
        page.goto(base_url + url)
        if kind.startswith("search"):
            page.wait_for_selector("#search-app[data-ready='true']", state="attached")
        page.evaluate(SET_STATE, prefs)
        page.evaluate("(size) => { document.documentElement.style.fontSize = size; }", root_size)
        fields = page.evaluate(VISIBLE_FIELDS)
        landmarks = _search_landmarks(page)
        where = f"{kind} {url} [{state}]"
        if len(fields) != 1:
            problems.append(f"{where}: {len(fields)} visible search boxes {fields}")
        elif not fields[0]["search"]:
            problems.append(f"{where}: the search box is outside a search landmark {fields}")
        if len(landmarks) != len(set(landmarks)):
            problems.append(f"{where}: search landmarks share a name {landmarks}")
        if kind.startswith("search") and fields and (fields[0]["header"] or len(landmarks) != 1):
            problems.append(f"{where}: not the page's own box alone {fields} {landmarks}")
        if kind in ("news", "column") and fields and not fields[0]["header"]:
            problems.append(f"{where}: the header's search box is missing {fields}")
    page.evaluate(SET_STATE, {})
    context.close()
    assert not problems, "\n".join(problems)


def test_without_javascript_the_search_page_has_one_box_that_searches(
    browser: Any, base_url: str
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/search/")
    fields = page.evaluate(VISIBLE_FIELDS)
    assert [(f["id"], f["header"], f["search"]) for f in fields] == [("search-q", False, True)]
    assert _search_landmarks(page) == ["全站搜索"]
    page.fill("#search-q", "社保卡")
    with page.expect_navigation():
        page.press("#search-q", "Enter")
    assert urllib.parse.urlsplit(page.url).path == "/search/"
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query) == {"q": ["社保卡"]}
    context.close()
