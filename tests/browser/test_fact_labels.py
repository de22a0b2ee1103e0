"""The labels of a facts list (`<dl class="facts">`) in Debian's Chromium: the maintenance page
of a temporary offline period (RULES NOTICE-03) and every other page kind with one, at 320,
375 and 1280 px, in standard and 超大 text. A label is a word: 上级政府门户网站 drawn as
上级政府门 / 户网站 reads as nonsense; and the values of one list start at one edge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_accessibility import SET_STATE
from tests.browser.test_review_layout import SPLIT_DATES
from tests.browser.variants import append, build_variant, serving

OFFLINE = (
    "- event: temporary_offline\n  from: 2026-11-18\n  to: 2026-12-10\n  reason: 网站安全加固整改\n"
    "  announced: 2026-11-11\n  contact: 电话 0439-8123456\n  reviewed_by: 审核人\n"
)

# Per list: its labels drawn on more than one line, the widths of the labels whose value sits
# beside them (to the pixel: a grid's columns differ by a fraction), and whether some rows stack
# their value under the label while others do not. (The policy page's 文件信息 grid puts two
# facts a row on a wide screen and spans the title and validity across both: with large text
# the half-width facts stack and the spanning ones need not, by design.)
LABELS = """() => [...document.querySelectorAll("dl.facts")].filter((dl) => dl.checkVisibility())
  .map((dl) => {
    const rows = [...dl.children].map((row) => {
      const [dt, dd] = [row.querySelector("dt"), row.querySelector("dd")];
      const range = document.createRange();
      range.selectNodeContents(dt);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0)
        .map((r) => Math.round(r.top))).size;
      const beside = Math.abs(dt.getBoundingClientRect().top - dd.getBoundingClientRect().top) < 2;
      return {label: dt.textContent, lines, beside, width: Math.round(dt.getBoundingClientRect().width)};
    });
    return {
      split: rows.filter((r) => r.lines > 1).map((r) => r.label),
      widths: [...new Set(rows.filter((r) => r.beside).map((r) => r.width))],
      mixed: !dl.matches(".doc-facts") && rows.some((r) => r.beside) && rows.some((r) => !r.beside),
    };
  })"""

WIDTHS = (320, 375, 1280)
STATES: tuple[dict[str, int], ...] = ({}, {"text": 3})


@pytest.fixture(scope="module")
def maintenance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample portal during a temporary offline period, with a 政务服务平台 (the
    maintenance page's third row), built with --maintenance: every URL is that page."""

    def offline(root: Path) -> None:
        append(root / "data/lifecycle.yaml", OFFLINE)
        site = root / "data/site.yaml"
        text = site.read_text(encoding="utf-8")
        site.write_text(
            text.replace("  # platform_url: https://", "  platform_url: https://"), "utf-8"
        )

    out = build_variant(tmp_path_factory.mktemp("maintenance"), offline, "--maintenance")
    with serving(out) as url:
        yield url


def label_problems(browser: Any, urls: list[str]) -> tuple[int, list[str]]:
    """(lists seen, problems) over `urls` at every width and text size."""
    problems, seen = [], 0
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for url in urls:
            page.goto(url)
            for prefs in STATES:
                page.evaluate(SET_STATE, prefs)
                for found in page.evaluate(LABELS):
                    seen += 1
                    uneven = max(found["widths"], default=0) - min(found["widths"], default=0)
                    if found["split"] or uneven > 1 or found["mixed"]:
                        problems.append(f"{url} {width}px {prefs}: {found}")
        context.close()
    return seen, problems


def test_the_maintenance_pages_labels_stay_whole_and_line_up(
    browser: Any, maintenance: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(maintenance + "/")
    page_text = page.inner_text("main")
    context.close()
    assert "网站临时维护中" in page_text and "上级政府门户网站" in page_text, page_text
    assert "政务服务平台" in page_text
    seen, problems = label_problems(browser, [maintenance + "/"])
    assert seen == len(WIDTHS) * len(STATES) and not problems, problems


# The web addresses among the maintenance page's values, each drawn on more than one line.
SPLIT_ADDRESSES = """() => [...document.querySelectorAll("dl.facts dd a")].map((a) => {
  const lines = new Set([...a.getClientRects()].filter((r) => r.width > 0)
    .map((r) => Math.round(r.top))).size;
  return [a.textContent, lines];
}).filter(([, lines]) => lines > 1)"""


# The date the site returns (in bold), and the lines it is drawn on.
SPLIT_RETURN_DATE = """() => {
  const e = document.querySelector(".notice-box strong");
  return [e.textContent, new Set([...e.getClientRects()].filter((r) => r.width > 0)
    .map((r) => Math.round(r.top))).size];
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_maintenance_pages_dates_and_addresses_stay_whole(
    browser: Any, maintenance: str, width: int
) -> None:
    """At 320 px the notice's 2026年11月18日 broke after 11 and the addresses in the value
    column broke every dozen characters (https://www.jl.g / ov.cn/)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(maintenance + "/")
    dates = page.evaluate("document.querySelectorAll('.notice-box time').length")
    addresses = page.evaluate("document.querySelectorAll('dl.facts dd a').length")
    found = {}
    for prefs in STATES:
        page.evaluate(SET_STATE, prefs)
        found[str(prefs)] = (page.evaluate(SPLIT_DATES), page.evaluate(SPLIT_RETURN_DATE))
    page.evaluate(SET_STATE, {})  # (an address may break in 超大 text: it is wider than a phone)
    split_addresses = page.evaluate(SPLIT_ADDRESSES)
    context.close()
    assert dates == 2 and addresses == 2, (dates, addresses)
    assert all(
        not split and returns == ["2026年12月11日", 1] for split, returns in found.values()
    ), found
    assert not split_addresses, split_addresses


def test_every_facts_list_keeps_its_labels_whole_and_lined_up(browser: Any, base_url: str) -> None:
    """The service guide's 网上可办理程度 and the 知识库's 平均办理时间 broke on a phone too."""
    urls = [
        "/bsfw/grbs/hkqy.html",
        "/zsk/",
        "/zwgk/zcwj/szfwj/2026-09.html",
        "/hdjl/szxx/QL2026110202.html",
        "/zjqs/fzrxx/zhaomoumou.html",
    ]
    seen, problems = label_problems(browser, [base_url + url for url in urls])
    assert seen >= len(urls) * len(WIDTHS) * len(STATES) and not problems, "\n".join(problems)


def test_the_maintenance_page_has_no_navigation_bar_leading_back_to_itself(
    browser: Any, maintenance: str, base_url: str
) -> None:
    """Every URL of a maintenance build is this page: its navigation bar offered six links
    that all came back here, and so did the header's search box and the footer's 网站地图 (no
    search page, no site map in that build). The footer keeps 联系我们 and the contact."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(maintenance + "/zwgk/")
    header_links = page.locator("header a[href]").evaluate_all("(a) => a.map((e) => e.textContent)")
    boxes = page.locator("form[role=search]").count()
    footer_links = page.locator("footer .footer-links a").evaluate_all(
        "(a) => a.map((e) => e.textContent)"
    )
    contact = page.locator("footer address#contact").is_visible()
    page.goto(base_url + "/zwgk/")
    navigations = page.locator("header nav.main-nav a").count()
    ordinary_boxes = page.locator("header form[role=search]").count()
    ordinary_footer = page.locator("footer .footer-links a").evaluate_all(
        "(a) => a.map((e) => e.textContent)"
    )
    context.close()
    assert header_links == ["青岚市人民政府"] and boxes == 0, (header_links, boxes)
    assert footer_links == ["联系我们"] and contact, footer_links
    # (an ordinary page keeps them)
    assert navigations > 5 and ordinary_boxes == 1, (navigations, ordinary_boxes)
    assert ordinary_footer[:2] == ["网站地图", "联系我们"], ordinary_footer
