"""The 政府网站工作年度报表 on a phone, in Debian's Chromium: at 360 × 740 its labels came out four
characters a line (独立用户访 / 问总量, 可全程在线办理政务服 / 务事项数量) beside a squeezed 数值
column. Below 40em each 指标 now stands above its 数值 (as GOV.UK's summary list stacks key and
value), and a label breaks only between its words (render_reports.label_words), in the toolbar's
超大 text, in a browser whose own text size is 200 %, and at 200 % zoom."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_accessibility import OVERFLOW, SET_STATE

REPORT = "/ndbb/2025/"

# (label, viewport width, height, device scale): phones, and a 1280 × 900 window at 200 %.
VIEWS = (
    ("360px", 360, 740, 1),
    ("320px", 320, 740, 1),
    ("1280px at 200%", 640, 450, 2),
)
# (label, the toolbar's text level, the browser's own default font size in px)
TEXT = (("standard", 0, 16), ("超大 text", 3, 16), ("browser text 200%", 0, 32))

# Each label: its words (the text between its <wbr>s) drawn on more than one line, how many
# words it has, and whether its value sits under it across the row's width.
LABELS = """() => [...document.querySelectorAll(".report-table th[scope=row]")].map((th) => {
  const split = [];
  let words = 0;
  for (const node of th.childNodes) {
    if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
    words += 1;
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0)
      .map((r) => Math.round(r.top)));
    if (tops.size > 1) split.push(node.textContent);
  }
  const value = th.parentElement.querySelector("td.report-value").getBoundingClientRect();
  const label = th.getBoundingClientRect();
  const row = th.parentElement.getBoundingClientRect();
  return {label: th.firstChild.textContent, split, words,
          under: value.top >= label.bottom - 1 && value.width >= row.width - 2};
})"""


def _open(
    browser: Any, base_url: str, view: tuple[str, int, int, int], text: tuple[str, int, int]
) -> tuple[Any, Any]:
    _, width, height, scale = view
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Page.enable")
    # The browser's own text size (a reader's settings, not the toolbar): the theme's sizes are
    # in rem, so all of it follows.
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": text[2], "fixed": 13}})
    page.goto(base_url + REPORT)
    page.evaluate(SET_STATE, {"text": text[1]} if text[1] else {})
    return context, page


@pytest.mark.parametrize("view", VIEWS, ids=[v[0] for v in VIEWS])
def test_the_annual_reports_labels_break_only_between_words_and_stand_above_their_values(
    browser: Any, base_url: str, view: tuple[str, int, int, int]
) -> None:
    problems: list[str] = []
    multiword = 0
    for text in TEXT:
        context, page = _open(browser, base_url, view, text)
        labels = page.evaluate(LABELS)
        wide = page.evaluate(OVERFLOW)
        context.close()
        assert len(labels) > 50, (view, text)  # (the whole national template is there)
        multiword += sum(1 for label in labels if label["words"] > 1)
        where = f"{view[0]}, {text[0]}"
        problems += [f"{where}: {label}" for label in labels if label["split"]]
        problems += [
            f"{where}: value beside {label['label']}" for label in labels if not label["under"]
        ]
        if wide:
            problems.append(f"{where}: the page scrolls sideways {wide}")
    assert not problems, "\n".join(problems[:20])
    assert multiword > 30  # (the labels have their words: the check above had breaks to test)


# The 来源 cells of the four-column table, each one word (网站配置, 数据文件 …), drawn on
# more than one line.
SPLIT_SOURCES = """() => [...document.querySelectorAll(".report-table td.report-source")]
  .filter((td) => td.checkVisibility()).filter((td) => {
    const range = document.createRange();
    range.selectNodeContents(td);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0)
      .map((r) => Math.round(r.top))).size > 1;
  }).map((td) => td.textContent)"""

WIDE = (("641px", 641, 900, 1), ("700px", 700, 900, 1), ("1280px", 1280, 900, 1))


@pytest.mark.parametrize("view", WIDE, ids=[v[0] for v in WIDE])
def test_the_four_column_reports_labels_and_sources_keep_their_words(
    browser: Any, base_url: str, view: tuple[str, int, int, int]
) -> None:
    """Just above the phone layout the 来源 column broke 网站配 / 置 and 数据文 / 件."""
    problems: list[str] = []
    for text in TEXT[:2]:  # (a 200 % browser text size is the phone layout at these widths)
        context, page = _open(browser, base_url, view, text)
        labels = page.evaluate(LABELS)
        sources = page.evaluate(SPLIT_SOURCES)
        columns = page.locator(".report-table td.report-source").first.is_visible()
        wide = page.evaluate(OVERFLOW)
        context.close()
        where = f"{view[0]}, {text[0]}"
        assert columns, where  # (the four columns, not the stacked rows)
        problems += [f"{where}: {label}" for label in labels if label["split"]]
        problems += [f"{where}: source {source}" for source in sources]
        if wide:
            problems.append(f"{where}: the page scrolls sideways {wide}")
    assert not problems, "\n".join(problems[:20])


def test_the_stacked_report_is_still_a_table_to_a_screen_reader(
    browser: Any, base_url: str
) -> None:
    """Rows and cells drawn as blocks on a phone: Chromium's accessibility tree (what a screen
    reader reads) keeps the table, each label a row header of its figure's row."""
    context, page = _open(browser, base_url, VIEWS[0], TEXT[0])
    stacked = page.evaluate(
        "getComputedStyle(document.querySelector('.report-table tbody tr')).display"
    )
    cdp = context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    context.close()
    roles = [n.get("role", {}).get("value") for n in nodes if not n.get("ignored")]
    assert stacked == "block"
    assert roles.count("table") == 1 and roles.count("rowheader") > 50, roles
    assert roles.count("cell") >= roles.count("rowheader") - 10  # (a part's name has no cell)
