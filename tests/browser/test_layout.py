"""The layout of the default theme as a browser draws it: what axe and the validator cannot
judge, measured on the built sample portal in Debian's Chromium."""

from __future__ import annotations

import urllib.parse
from typing import Any

import pytest

from tests.browser.site_pages import SitePages
from tests.browser.test_accessibility import AXE_RUN, AXE_TAGS, OVERFLOW, SET_STATE

# The 文件信息 list of a policy page, two facts to a row on wide screens: for each row of two,
# whether a rule separates them, and whether the right-hand fact carries a border of its own
# (which would show as a step in the list's outer frame).
DOC_FACT_ROWS = """() => {
  const list = document.querySelector(".doc-facts");
  const facts = [...list.children];
  const rows = [];
  for (let i = 0; i + 1 < facts.length; i++) {
    const [a, b] = [facts[i], facts[i + 1]].map((e) => e.getBoundingClientRect());
    if (Math.abs(a.top - b.top) > 1 || a.left >= b.left) continue;
    const gap = b.left - a.right;
    const rule = parseFloat(getComputedStyle(facts[i]).borderRightWidth) > 0
      || (gap >= 1 && getComputedStyle(list).backgroundColor !== "rgba(0, 0, 0, 0)");
    rows.push({left: facts[i].querySelector("dt").textContent, rule,
               rightBorder: parseFloat(getComputedStyle(facts[i + 1]).borderRightWidth)});
    i++;
  }
  return rows;
}"""


def test_policy_facts_side_by_side_are_always_divided_by_one_rule(
    browser: Any, base_url: str, site_pages: SitePages
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + site_pages.richest("policy"))
    rows = page.evaluate(DOC_FACT_ROWS)
    context.close()
    assert [row["left"] for row in rows] == ["索引号", "发文机关", "发文字号"]
    assert all(row["rule"] and row["rightBorder"] == 0 for row in rows), rows


# The 题图 of a news page at 320 px: its box, its document's width, and whether the file has
# arrived (a route held back below stands for a slow network).
PICTURE = """() => {
  const img = document.querySelector(".article-image img");
  const r = img.getBoundingClientRect();
  return {width: r.width, height: r.height, loaded: img.complete && img.naturalWidth > 0,
          main: document.querySelector("main").getBoundingClientRect().width,
          scroll: document.documentElement.scrollWidth,
          viewport: document.documentElement.clientWidth};
}"""


def test_a_news_picture_fits_a_phone_and_keeps_its_box_while_and_after_it_loads(
    browser: Any, base_url: str, site_pages: SitePages, axe_source: str
) -> None:
    with_picture = [
        url
        for url in site_pages.kinds["news"]
        if 'class="article-image"' in (site_pages.root / url.lstrip("/")).read_text("utf-8")
    ]
    assert with_picture, "the sample portal has news items with an image"
    context = browser.new_context(viewport={"width": 320, "height": 640})
    context.add_init_script(axe_source)
    page = context.new_page()
    held: list[Any] = []
    page.route("**/*.png", lambda route: held.append(route))
    page.goto(base_url + with_picture[0], wait_until="domcontentloaded")
    page.wait_for_function("document.querySelector('.article-image img') !== null")
    before = page.evaluate(PICTURE)
    # A square file where the box is 16:10: the CSS, not the file, decides the box.
    square = (site_pages.root / "static/emblem.png").read_bytes()
    for route in held:
        route.fulfill(status=200, content_type="image/png", body=square)
    page.unroute("**/*.png")
    page.wait_for_function("document.querySelector('.article-image img').complete")
    after = page.evaluate(PICTURE)
    found = page.evaluate(AXE_RUN, AXE_TAGS)
    wide = page.evaluate(OVERFLOW)
    context.close()
    assert not before["loaded"] and after["loaded"], (before, after)
    assert 0 < before["width"] <= before["main"] and before["scroll"] <= before["viewport"]
    assert abs(before["height"] - before["width"] * 400 / 640) <= 1, before
    assert (after["width"], after["height"]) == (before["width"], before["height"])
    assert not wide and not found, (wide, found)


# The home page's 图片新闻: its picture's box, the file's own shape, the news block's height and
# how far right anything reaches, so that a file of another shape shows as a change.
HOME_PICTURE = """() => {
  const img = document.querySelector(".picture-news img");
  const r = img.getBoundingClientRect();
  return {width: r.width, height: r.height, right: r.right,
          loaded: img.complete && img.naturalWidth > 0,
          natural: img.naturalWidth && img.naturalHeight / img.naturalWidth,
          attrs: [img.getAttribute("width"), img.getAttribute("height")],
          block: document.querySelector(".news-block").getBoundingClientRect().height,
          viewport: document.documentElement.clientWidth};
}"""


@pytest.mark.parametrize("width", [320, 1280])
def test_the_home_picture_news_keeps_a_16_10_box_whatever_the_file_and_fits_the_screen(
    browser: Any, base_url: str, site_pages: SitePages, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    held: list[Any] = []
    page.route("**/*.png", lambda route: held.append(route))
    page.goto(base_url + "/", wait_until="domcontentloaded")
    page.wait_for_function("document.querySelector('.picture-news img') !== null")
    before = page.evaluate(HOME_PICTURE)
    # A square file where the box is 16:10: the CSS, not the file, decides the box.
    square = (site_pages.root / "static/emblem.png").read_bytes()
    for route in held:
        route.fulfill(status=200, content_type="image/png", body=square)
    page.unroute("**/*.png")
    page.wait_for_function("document.querySelector('.picture-news img').complete")
    after = page.evaluate(HOME_PICTURE)
    wide = page.evaluate(OVERFLOW)
    context.close()
    assert not before["loaded"] and after["loaded"] and after["natural"] == 1, (before, after)
    assert before["attrs"] == ["640", "400"], before
    assert before["width"] > 0 and before["right"] <= before["viewport"], before
    assert abs(before["height"] - before["width"] * 10 / 16) <= 1, before
    # The square file arrived: neither the picture's box nor its block moved.
    assert (after["width"], after["height"], after["block"]) == (
        before["width"],
        before["height"],
        before["block"],
    ), (before, after)
    assert not wide, wide


# What a reader at 320 px with the largest text could miss, beyond sideways scroll (OVERFLOW):
# - cut: text outside the screen, or outside a box that clips it (one that scrolls is fine);
# - fields: a search field with room for fewer than six characters (the query is cut off);
# - broken: a short text in a box of its own laid out a character a line (a squeezed label).
CUT_OFF = """() => {
  const width = document.documentElement.clientWidth;
  const shown = (e) => !e.closest(".visually-hidden, script, style") && e.checkVisibility();
  const found = {cut: [], fields: [], broken: []};
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, text = node.textContent.trim(), e = node.parentElement;
    if (!text || !shown(e)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    const name = `${e.tagName}.${e.className} "${text.slice(0, 12)}"`;
    for (const r of rects) {
      let clip = r.left < -1 || r.right > width + 1 ? "screen" : null;
      for (let a = e; !clip && a !== document.documentElement; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === "visible" && s.overflowY === "visible") continue;
        if (["auto", "scroll"].includes(s.overflowX) && a.scrollWidth > a.clientWidth) continue;
        const b = a.getBoundingClientRect();
        if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1
            || r.bottom > b.bottom + 1) clip = `${a.tagName}.${a.className}`;
      }
      if (clip) { found.cut.push(`${name} by ${clip}`); break; }
    }
    const lines = new Set(rects.map((r) => Math.round(r.top))).size;
    if (getComputedStyle(e).display !== "inline" && lines > 1 && lines >= [...text].length - 1)
      found.broken.push(`${name}: ${lines} lines`);
  }
  for (const field of document.querySelectorAll("input[type=search], input[type=text]")) {
    if (!shown(field)) continue;
    const s = getComputedStyle(field);
    const room = (field.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight))
      / parseFloat(s.fontSize);
    if (room < 6) found.fields.push(`#${field.id}: ${room.toFixed(1)} characters`);
  }
  return found;
}"""

# The toolbar's 超大 text (a11y-text-3, 175 %) with 高对比度, and the browser's own text size at
# 200 % (WCAG 1.4.4; the theme's sizes are all relative to it) with 高对比度.
READER_STATES: dict[str, tuple[dict[str, object], str]] = {
    "超大+高对比度": ({"text": 3, "contrast": True}, ""),
    "200%+高对比度": ({"contrast": True}, "200%"),
}


def test_at_320_px_with_the_largest_text_and_high_contrast_nothing_is_cut_off(
    browser: Any, base_url: str, site_pages: SitePages
) -> None:
    pages = {
        "home": "/",
        "news": site_pages.richest("news"),
        "policy": site_pages.richest("policy"),
        "search": "/search/?q=" + urllib.parse.quote("供热"),
    }
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    problems: list[str] = []
    for kind, url in pages.items():
        page.goto(base_url + url)
        if kind == "search":
            page.wait_for_selector("#search-app[data-ready='true']", state="attached")
            assert page.locator(".search-result").count() > 0, "the query finds results"
        page.click(".a11y-open")  # the folded toolbar, opened: its buttons are read too
        for state, (prefs, root_size) in READER_STATES.items():
            page.evaluate(SET_STATE, prefs)
            page.evaluate(
                "(size) => { document.documentElement.style.fontSize = size; }", root_size
            )
            found = page.evaluate(CUT_OFF)
            found["overflow"] = page.evaluate(OVERFLOW)
            problems += [f"{kind} [{state}] {key}: {v}" for key, v in found.items() if v]
        page.evaluate(SET_STATE, {})
    context.close()
    assert not problems, "\n".join(problems)
