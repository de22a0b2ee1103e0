"""The theme's tables on phones and at 200 % zoom (WCAG 1.4.10 reflow; 适老化), measured in
Debian's Chromium on the built sample portal.

A data table may scroll sideways inside its own box, but then the box is a focusable region
with a name, the keyboard scrolls it to its last column, and no text lies where scrolling
cannot reach. The theme's own tables must not need that at all. The annual report
(政府网站工作年度报表) is what the page is for, and at 375 px its 数值 column began past the
right edge of the box, every figure cut after a few digits ("12864" of 1286450, "22990" of
the site code), 单位 and 来源 wholly out of view, the only way to them a horizontal scrollbar
at the foot of a box 3,300 px tall. A service guide's 办理材料 table was cut from 材料形式 on.
"""

from __future__ import annotations

from typing import Any

from tests.browser.site_pages import SitePages

# (label, viewport width, height, device scale): phones, and a 1280 × 900 window at 200 %
VIEWS = (
    ("320px", 320, 800, 1),
    ("375px", 375, 800, 1),
    ("414px", 414, 800, 1),
    ("1280px at 200%", 640, 450, 2),
)
REPORT = "/ndbb/2025/"

# Every table: its scroll box, the box's role, tab stop and accessible name, how far it
# scrolls, and the texts that lie beyond what scrolling reaches (`out`) or that the box's
# edge cuts in the view a reader lands on (`cut`).
TABLES = """() => [...document.querySelectorAll("main table")].map((table) => {
  const box = table.closest(".table-wrap");
  const rect = box.getBoundingClientRect();
  const left = rect.left + box.clientLeft, right = left + box.clientWidth;
  const first = left - box.scrollLeft, last = first + box.scrollWidth;
  const ids = (box.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
  const name = (box.getAttribute("aria-label")
    || ids.map((id) => document.getElementById(id)?.textContent || "").join(" ")).trim();
  const out = [], cut = [];
  const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;  // (text for screen readers only is not drawn)
    if (!node.textContent.trim() || !parent.checkVisibility() || parent.closest(".visually-hidden")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      const text = node.textContent.trim().slice(0, 20);
      if (r.left < first - 1 || r.right > last + 1) out.push(text);
      else if (r.left < right - 1 && r.right > right + 1) cut.push(text);
    }
  }
  return {name, role: box.getAttribute("role"), tabindex: box.tabIndex,
          overflow: box.scrollWidth - box.clientWidth, out, cut};
})"""

SCROLL_BY_KEYBOARD = """(index) => {
  const box = document.querySelectorAll("main table")[index].closest(".table-wrap");
  box.focus();
  return box === document.activeElement;
}"""
SCROLLED = """(index) => {
  const box = document.querySelectorAll("main table")[index].closest(".table-wrap");
  return {left: box.scrollLeft, max: box.scrollWidth - box.clientWidth,
          indicator: getComputedStyle(box).outlineStyle !== "none" || getComputedStyle(box).boxShadow !== "none"};
}"""


def _pages_with_tables(site_pages: SitePages) -> dict[str, str]:
    """The annual report and, for every other page type with a table, its largest such page."""
    chosen: dict[str, str] = {}
    for kind, urls in sorted(site_pages.kinds.items()):
        with_table = [
            u for u in urls if 'class="table-wrap"' in _read(site_pages, u) and u != REPORT
        ]
        if with_table:
            chosen[max(with_table, key=lambda u: (site_pages.sizes[u], u))] = kind
    return {REPORT: "annual_report", **chosen}


def _read(site_pages: SitePages, url: str) -> str:
    rel = url.lstrip("/") + ("index.html" if url.endswith("/") else "")
    return (site_pages.root / rel).read_text(encoding="utf-8")


# Tables that must fit: the theme's own two, whose every cell is a figure or a fact a reader
# came for, and an editor's table of four short columns (信息公开年报's 文件统计), which the
# theme's floor on cell width (5em then) once made 51 px too wide for a 320 px phone.
MUST_FIT = {
    REPORT: "the annual report",
    "/bsfw/grbs/bdcdj.html": "a service guide's 办理材料 (with downloads)",
    "/zwgk/xxgknb/2025.html": "a four-column table in an article",
}


def test_the_themes_tables_fit_a_phone_and_200_percent_zoom_with_nothing_cut(
    browser: Any, base_url: str
) -> None:
    problems: list[str] = []
    for label, width, height, scale in VIEWS:
        context = browser.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=scale
        )
        page = context.new_page()
        for url, what in MUST_FIT.items():
            page.goto(base_url + url)
            tables = page.evaluate(TABLES)
            assert tables, (label, url)
            if url == REPORT:  # (the whole national template is there)
                assert page.locator("main td.report-value").count() > 50, label
            for table in tables:
                if table["overflow"] > 0 or table["cut"] or table["out"]:
                    problems.append(
                        f"{what} {url} [{label}]: {table['overflow']} px wider than its box; "
                        f"cut at the edge: {table['cut'][:6]}; out of reach: {table['out'][:6]}"
                    )
                # (still a named region: larger text may make it scroll)
                assert table["role"] == "region" and table["tabindex"] == 0, (url, table)
                assert table["name"], (url, table)
        context.close()
    assert not problems, "\n".join(problems)


def test_every_table_that_scrolls_is_a_named_region_the_keyboard_scrolls_to_its_end(
    browser: Any, base_url: str, site_pages: SitePages
) -> None:
    pages = _pages_with_tables(site_pages)
    assert {"annual_report", "service", "policy", "page"} <= set(pages.values()), pages
    problems: list[str] = []
    scrolled = 0
    for label, width, height, scale in VIEWS:
        context = browser.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=scale
        )
        page = context.new_page()
        for url, kind in pages.items():
            for text_size in (0, 3):  # the default and the toolbar's largest text
                page.goto(base_url + url)
                if text_size:
                    page.evaluate("(n) => window.ssgA11y.set('text', n)", text_size)
                where = f"{kind} {url} [{label}, text {text_size}]"
                for index, table in enumerate(page.evaluate(TABLES)):
                    if table["out"]:
                        problems.append(f"{where} table {index + 1}: out of reach {table['out']}")
                    if table["overflow"] <= 0:
                        continue
                    if table["role"] != "region" or table["tabindex"] != 0 or not table["name"]:
                        problems.append(f"{where} table {index + 1}: scrolls but {table}")
                        continue
                    assert page.evaluate(SCROLL_BY_KEYBOARD, index), where
                    for _ in range(200):
                        page.keyboard.press("ArrowRight")
                        state = page.evaluate(SCROLLED, index)
                        if state["left"] >= state["max"] - 1:
                            break
                    if state["left"] < state["max"] - 1 or not state["indicator"]:
                        problems.append(f"{where} table {index + 1}: keyboard {state}")
                    scrolled += 1
        page.evaluate("() => window.ssgA11y.reset()")
        context.close()
    assert scrolled > 0  # (the sample has wide tables: the check above ran)
    assert not problems, "\n".join(problems[:30])
