"""Defects a design reviewer found in the default theme, each measured in Debian's Chromium on
the built sample portal (the page kinds at 1280 and 320 px, with the toolbar's settings)."""

from __future__ import annotations

import urllib.parse
from typing import Any

import pytest

from tests.browser.site_pages import SitePages
from tests.browser.test_accessibility import OVERFLOW, SET_STATE

# The text blocks of an article's content after .article-info, each with its computed size.
CONTENT_SIZES = """() => {
  const sel = [".article-body p:not(.table-scroll-hint)", ".article-body li",
               ".guide-part > p:not(.table-scroll-hint)", ".guide-part li",
               ".facts dd", ".question p", ".leader-card dd", ".steps li"];
  const out = {};
  for (const s of sel)
    for (const e of document.querySelectorAll(s))
      (out[s] ||= new Set()).add(getComputedStyle(e).fontSize);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
}"""


@pytest.mark.parametrize(
    "url",
    ["/bsfw/grbs/bdcdj.html", "/hdjl/szxx/QL2026110202.html", "/zjqs/fzrxx/zhaomoumou.html"],
)
def test_the_article_size_tool_sizes_all_of_an_articles_content_alike(
    browser: Any, base_url: str, url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + url)
    sizes = {}
    for choice in ("", "large", "small"):
        page.click(f".article-tools [data-article-size='{choice}']")
        sizes[choice] = page.evaluate(CONTENT_SIZES)
    context.close()
    blocks = set(sizes[""])
    assert {".facts dd", ".article-body p:not(.table-scroll-hint)"} <= blocks, sizes
    assert len(blocks) >= 3, sizes  # the blocks outside the body are measured too
    for choice, found in sizes.items():
        # One size for every block of the content, whichever the choice.
        assert len({size for each in found.values() for size in each}) == 1, (choice, found)
    assert len({found[".facts dd"][0] for found in sizes.values()}) == 3, sizes


# Each select of the policy filter: the room inside it for text (its width less its padding and
# the arrow, about 1.5em) against the width of the text it shows.
SELECT_ROOM = """() => [...document.querySelectorAll(".policy-filter select")].map((select) => {
  const s = getComputedStyle(select);
  const context = document.createElement("canvas").getContext("2d");
  context.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
  const text = select.options[select.selectedIndex].text;
  const room = select.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)
    - 1.5 * parseFloat(s.fontSize);
  return {id: select.id, text, room: Math.round(room),
          needs: Math.ceil(context.measureText(text).width)};
})"""


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_each_policy_filter_select_shows_its_text_with_the_largest_text(
    browser: Any, base_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/zwgk/zcwj/")
    page.wait_for_selector(".policy-filter:not([hidden])")
    page.evaluate(SET_STATE, {"text": 3, "contrast": True})
    selects = page.evaluate(SELECT_ROOM)
    context.close()
    assert len(selects) == 5, selects
    assert all(select["room"] >= select["needs"] for select in selects), selects


# Dates drawn on more than one line, and a page's elements reaching past the screen's edge.
SPLIT_DATES = """() => [...document.querySelectorAll("time")].filter((e) => e.checkVisibility())
  .map((e) => {
    const range = document.createRange();
    range.selectNodeContents(e);
    const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0)
      .map((r) => Math.round(r.top)));
    return [e.textContent, lines.size];
  }).filter(([, lines]) => lines > 1)"""


def test_dates_never_break_inside_at_320_px_with_the_largest_text(
    browser: Any, base_url: str, site_pages: SitePages
) -> None:
    urls = ["/", "/zsk/", site_pages.richest("news"), site_pages.richest("reply")]
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    found = {}
    for url in urls:
        page.goto(base_url + url)
        page.evaluate(SET_STATE, {"text": 3, "contrast": True})
        dates = page.evaluate("document.querySelectorAll('time').length")
        found[url] = (dates, page.evaluate(SPLIT_DATES), page.evaluate(OVERFLOW))
    context.close()
    assert all(dates > 0 for dates, _, _ in found.values()), found
    assert not [(url, split, wide) for url, (_, split, wide) in found.items() if split or wide]


# Short labels drawn on more than one line: the crumbs that are links, the 解读： label.
SPLIT_LABELS = """() => [
  ...document.querySelectorAll(".breadcrumbs li:not(:last-child) a, .policy-readings-label")
].filter((e) => e.checkVisibility()).map((e) => {
  const lines = new Set([...e.getClientRects()].filter((r) => r.width > 0)
    .map((r) => Math.round(r.top)));
  return [e.textContent, lines.size];
}).filter(([, lines]) => lines > 1)"""


def test_crumb_links_and_the_reading_label_never_break_inside_at_320_px(
    browser: Any, base_url: str, site_pages: SitePages
) -> None:
    urls = [*site_pages.kinds["leader"], *site_pages.kinds["service"], "/zwgk/zcwj/"]
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    problems, labels = [], 0
    for url in urls:
        page.goto(base_url + url)
        for prefs in ({}, {"text": 1}, {"text": 2}, {"text": 3}):
            page.evaluate(SET_STATE, prefs)
            labels += page.evaluate("document.querySelectorAll('.policy-readings-label').length")
            split, wide = page.evaluate(SPLIT_LABELS), page.evaluate(OVERFLOW)
            if split or wide:
                problems.append((url, prefs, split, wide))
    context.close()
    assert labels > 0 and not problems, problems


def test_the_policy_filter_writes_the_reading_label_as_the_listing_does(
    browser: Any, base_url: str
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(base_url + "/zwgk/zcwj/")
    page.wait_for_selector(".policy-filter:not([hidden])")
    page.evaluate(SET_STATE, {"text": 3})
    page.select_option("#pf-reading", "yes")
    readings = page.locator(".policy-filter-results .policy-readings")
    texts = readings.all_inner_texts()
    split = page.evaluate(SPLIT_LABELS)
    context.close()
    assert texts and all(text.startswith("解读：") for text in texts), texts
    assert not split, split


# The 年度报表's figures and identifiers (runs of letters, digits and their marks) drawn across
# two lines; whether its box scrolls and whether the line saying so is shown.
REPORT_TABLE = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("td.report-value")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (const m of node.textContent.matchAll(/[A-Za-z0-9:\\/._\\-]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0)
          .map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  const wrap = document.querySelector(".table-wrap");
  const hint = wrap.previousElementSibling;
  return {broken, scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
          hint: !!hint && hint.classList.contains("table-scroll-hint") && hint.checkVisibility(),
          columns: [...document.querySelectorAll(".report-table thead th")]
            .filter((e) => e.checkVisibility()).length};
}"""


@pytest.mark.parametrize(
    ("width", "prefs", "fits"),
    [(1280, {}, True), (320, {}, True), (375, {}, True), (320, {"text": 3}, False)],
)
def test_the_annual_report_keeps_figures_whole_and_says_when_it_scrolls(
    browser: Any, base_url: str, width: int, prefs: dict[str, object], fits: bool
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/ndbb/2025/")
    page.evaluate(SET_STATE, prefs)
    page.wait_for_timeout(100)  # the hint follows the table's size on the next frame
    table = page.evaluate(REPORT_TABLE)
    wide = page.evaluate(OVERFLOW)
    context.close()
    assert not table["broken"] and not wide, (table, wide)
    assert table["scrolls"] is not fits and table["hint"] is not fits, table
    assert table["columns"] == (4 if width > 640 else 2), table


# Every dated entry of the home page's lists: whether its date sits on its title's first line.
DATE_BESIDE_TITLE = """() => [...document.querySelectorAll(".item-list > li")]
  .filter((li) => li.querySelector(":scope > .entry-date")).map((li) => {
    const title = li.querySelector(":scope > a").getClientRects()[0];
    const date = li.querySelector(":scope > .entry-date").getBoundingClientRect();
    return [li.querySelector(":scope > a").textContent.slice(0, 16),
            Math.abs(date.top - title.top) < title.height / 2 && date.left > title.right - 1];
  })"""


@pytest.mark.parametrize("width", [320, 1280])
def test_each_home_entry_keeps_its_date_on_its_title_line(
    browser: Any, base_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/")
    rows = page.evaluate(DATE_BESIDE_TITLE)
    context.close()
    assert len(rows) > 20 and all(beside for _, beside in rows), rows


# The labels of a facts list drawn on more than one line.
WRAPPED_LABELS = """() => [...document.querySelectorAll(".facts dt")].filter((dt) => {
  const range = document.createRange();
  range.selectNodeContents(dt);
  return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
}).map((dt) => dt.textContent)"""


@pytest.mark.parametrize("size", ["", "large"])
def test_facts_labels_stay_on_one_line_at_1280(
    browser: Any, base_url: str, site_pages: SitePages, size: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    wrapped = {}
    for kind in ("service", "reply", "leader", "policy"):
        page.goto(base_url + site_pages.richest(kind))
        page.click(f".article-tools [data-article-size='{size}']")
        wrapped[kind] = page.evaluate(WRAPPED_LABELS)
    context.close()
    assert not any(wrapped.values()), wrapped


# Ranges of numbers (2026—2027) in titles, drawn across two lines where one would hold them
# (wider than a line, a range may wrap rather than stick out of the screen).
SPLIT_RANGES = """() => {
  const found = {ranges: 0, split: []};
  for (const e of document.querySelectorAll("main a, main h1")) {
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.parentElement.checkVisibility()) continue;
      for (const m of node.textContent.matchAll(/\\d+[—–]\\d+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        found.ranges++;
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const tops = new Set(rects.map((r) => Math.round(r.top)));
        // Split although the whole range would have fitted on a line of its own.
        const width = rects.reduce((sum, r) => sum + r.width, 0);
        if (tops.size > 1 && width <= e.getBoundingClientRect().width)
          found.split.push(e.textContent.slice(0, 30));
      }
    }
  }
  return found;
}"""


def test_year_ranges_in_titles_stay_on_one_line(
    browser: Any, base_url: str, site_pages: SitePages
) -> None:
    titled = [
        url
        for url in site_pages.kinds["notice"] + site_pages.kinds["policy"]
        if "2026—2027" in (site_pages.root / url.lstrip("/")).read_text("utf-8").split("<h1")[1]
    ]
    urls = ["/", "/zwgk/zcwj/", *titled[:2]]
    problems, ranges = [], 0
    for width in (320, 375, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for url in urls:
            page.goto(base_url + url)
            for prefs in ({}, {"text": 1}, {"text": 2}, {"text": 3}):
                page.evaluate(SET_STATE, prefs)
                found = page.evaluate(SPLIT_RANGES)
                ranges += found["ranges"]
                problems += [(url, width, prefs, title) for title in found["split"]]
        context.close()
    assert len(titled) >= 1 and ranges > 0 and not problems, problems


def test_a_search_result_names_its_column_only_when_it_differs_from_its_type(
    browser: Any, base_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/search/?q=" + urllib.parse.quote("供热"))
    page.wait_for_selector("#search-app[data-ready='true']", state="attached")
    metas = page.evaluate(
        """() => [...document.querySelectorAll(".search-result-meta")].map((p) => {
          const badge = p.querySelector(".search-type").textContent;
          return [badge, p.textContent.slice(badge.length).trim()];
        })"""
    )
    context.close()
    types = {badge for badge, _ in metas}
    assert "通知公告" in types and len(types) > 1, metas
    assert not [(badge, rest) for badge, rest in metas if badge in rest.split(" · ")], metas
    # Where the column says more than the type, it is still shown.
    assert any(len(rest.split(" · ")) == 2 for _, rest in metas), metas


# The footer's foot against the window's, and the main column's width against the page's.
FOOTER = """() => ({footer: document.querySelector(".site-footer").getBoundingClientRect().bottom,
  window: window.innerHeight, scroll: document.documentElement.scrollHeight,
  layout: document.querySelector(".layout").getBoundingClientRect().width,
  header: document.querySelector(".masthead-inner").getBoundingClientRect().width})"""


@pytest.mark.parametrize("url", ["/ndbb/", "/404.html"])
def test_a_short_page_ends_with_its_footer_at_the_window_foot(
    browser: Any, base_url: str, url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base_url + url)
    screen = page.evaluate(FOOTER)
    page.emulate_media(media="print")
    printed = page.evaluate("getComputedStyle(document.body).display")
    context.close()
    assert abs(screen["footer"] - screen["window"]) <= 1 and screen["scroll"] == screen["window"]
    assert screen["layout"] == screen["header"], screen  # the content keeps the page's width
    assert printed == "block"  # paper flows as before
