"""What a design reviewer found on pages with more than the sample has, in Debian's Chromium:
an 80-character title on one item of every kind, a policy with 12 attachments and 5
interpretations, and the print of an article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_accessibility import OVERFLOW, SET_STATE
from tests.browser.variants import build_variant, retitle, serving

TITLE = (
    "青岚市人民政府办公室关于印发《青岚市进一步优化营商环境提升市场主体满意度和获得感若干措施》"
    "及配套实施细则和重点任务分工方案的通知暨二〇二六年度全市政务服务综合改革"
)[:80]
# One item of each kind, by its content file (its page: the same path, .html).
RETITLED = {
    "news": "zwdt/qlyw/2026-11-19-cwhy42.md",
    "notice": "zwgk/tzgg/2026-11-19-tingshui.md",
    "policy": "zwgk/zcwj/szfwj/2026-20.md",
    "interpretation": "zwgk/zcjd/fdc-wzjd.md",
    "service": "bsfw/grbs/hkqy.md",
    "reply": "hdjl/szxx/QL2026110202.md",
    "page": "zwgk/xxgkzn/xxgkzn.md",
    "leader": "zjqs/fzrxx/zhaomoumou/index.md",
}
MANY = "zwgk/zcwj/szfwj/2026-30"  # the policy with 12 attachments and 5 interpretations
FORMS = ("文字解读", "图解", "专家解读", "答记者问", "媒体评论")


def many_parts(root: Path) -> None:
    content = root / "content"
    for rel in RETITLED.values():
        retitle(content / rel, TITLE)
    bundle = content / MANY
    bundle.mkdir()
    attachments = []
    for n in range(1, 13):
        name = f"fujian{n}.{('pdf', 'docx', 'xlsx', 'wps')[n % 4]}"
        (bundle / name).write_bytes(b"x" * 1000 * n * n)
        title = "青岚市重点任务分工表和进度安排及责任单位联系人名单" * (1 + n % 2)
        attachments.append(f"  - {{file: {name}, title: 附件{n}：{title}}}\n")
    (bundle / "index.md").write_text(
        "---\ntitle: 青岚市人民政府关于印发《青岚市推进政务服务“一网通办”实施方案》的通知\n"
        "date: 2026-11-18\nissuer: 青岚市人民政府\nwritten: 2026-11-16\n"
        "index_number: 11229900MB1A23456X/2026-00030\ntopic: '综合政务\\政务公开'\n"
        "doc_number: 青政发〔2026〕30号\nattachments:\n"
        + "".join(attachments)
        + "source: 青岚市人民政府\n"
        "reviewed_by: 于某某\n---\n\n正文。\n",
        encoding="utf-8",
    )
    for n, form in enumerate(FORMS, 1):
        (content / f"zwgk/zcjd/ywtb-{n}.md").write_text(
            f"---\ntitle: 《青岚市推进政务服务“一网通办”实施方案》{form}之{n}\ndate: 2026-11-18\n"
            f"policy: 青政发〔2026〕30号\nsource: 青岚市政务服务和数字化建设管理局\nform: {form}\n"
            "reviewed_by: 于某某\n---\n\n解读正文。\n",
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = build_variant(tmp_path_factory.mktemp("long"), many_parts)
    with serving(out) as url:
        yield url


def page_of(content_file: str) -> str:
    return "/" + content_file.removesuffix("/index.md").removesuffix(".md") + ".html"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_several_interpretations_are_counted_under_the_title_and_listed_once(
    page: Any, long_site: str, base_url: str
) -> None:
    """Five long titles joined by 、 under the title made a centred paragraph of links four
    lines deep, the same five links listed again under 相关解读. Several are now counted there,
    as the listings do (解读 5), and one is still linked by its title."""
    page.goto(long_site + f"/{MANY}.html")
    top = page.locator(".reading-links a")
    assert top.count() == 1 and top.get_attribute("href") == "#interpretations"
    assert "5 篇解读" in top.inner_text()
    lines = page.evaluate(
        "new Set([...document.querySelector('.reading-links').getClientRects()]"
        ".map((r) => Math.round(r.top))).size"
    )
    assert lines == 1, lines
    assert page.locator("#interpretations ~ ul > li").count() == len(FORMS)
    page.goto(base_url + "/zwgk/zcwj/bgswj/2026-19.html")  # (one interpretation)
    top = page.locator(".reading-links a")
    assert top.count() == 1 and top.get_attribute("href", timeout=0).endswith(".html")
    assert top.inner_text() == page.locator("#interpretations ~ ul > li > a").inner_text()


# Each attachment's file facts, drawn on more than one line.
SPLIT_FILE_INFO = """() => [...document.querySelectorAll(".attachments .file-info")].map((e) => {
  const lines = new Set([...e.getClientRects()].filter((r) => r.width > 0)
    .map((r) => Math.round(r.top))).size;
  return [e.textContent, lines];
}).filter(([, lines]) => lines > 1)"""


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_an_attachments_file_facts_never_break_inside(
    browser: Any, long_site: str, width: int
) -> None:
    """（Word， / 47.9 KB） at 320 px: the kind and size of a file belong together."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(long_site + f"/{MANY}.html")
    found = {}
    for prefs in ({}, {"text": 3}):
        page.evaluate(SET_STATE, prefs)
        count = page.evaluate("document.querySelectorAll('.attachments .file-info').length")
        found[str(prefs)] = (count, page.evaluate(SPLIT_FILE_INFO), page.evaluate(OVERFLOW))
    context.close()
    assert all(count == 12 and not split and not wide for count, split, wide in found.values()), (
        found
    )


STYLE = """(selector) => {
  const e = document.querySelector(selector);
  const s = getComputedStyle(e);
  return [s.color, s.fontSize];
}"""


def test_a_related_interpretations_date_looks_like_every_listed_date(
    page: Any, long_site: str
) -> None:
    """相关解读 wrote its dates in the body's colour and size, every other list of items in the
    muted, smaller style of .entry-date."""
    page.goto(long_site + "/zwgk/zcjd/")
    listed = page.evaluate(STYLE, ".item-list .entry-date")
    page.goto(long_site + f"/{MANY}.html")
    related = page.evaluate(STYLE, "#interpretations ~ ul time")
    assert related == listed, (related, listed)


# In print: chrome that is visible, and how much of the page's width the content takes.
PRINTED = """() => {
  const chrome = [".a11y-bar", ".search-box", ".main-nav", ".breadcrumbs", ".section-nav",
                  ".article-tools", ".footer-links", ".skip-link"]
    .filter((s) => [...document.querySelectorAll(s)].some((e) => e.checkVisibility()));
  const main = document.querySelector("main").getBoundingClientRect().width;
  const layout = document.querySelector(".layout");
  const s = getComputedStyle(layout);
  const room = layout.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  return {chrome, share: Math.round(100 * main / room)};
}"""


@pytest.mark.parametrize("kind", ["news", "policy", "service"])
def test_a_printed_article_has_no_navigation_and_the_whole_width(
    page: Any, long_site: str, kind: str
) -> None:
    """The side navigation was hidden in print but its grid column stayed: a third of the
    paper left blank beside the article (1280 px wide, print media)."""
    page.goto(long_site + page_of(RETITLED[kind]))
    assert page.evaluate("document.querySelector('.section-nav') !== null")
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    assert printed == {"chrome": [], "share": 100}, printed


@pytest.mark.parametrize("width", [320, 1280])
def test_an_80_character_title_fits_every_page_kind(
    browser: Any, long_site: str, width: int
) -> None:
    """On its page, its column's listing and the home page, in 超大 text and high contrast:
    nothing wider than the screen, and the whole title shown as the item page's h1."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = {}
    items = [page_of(rel) for rel in RETITLED.values()]
    for url in [*items, *sorted({url.rsplit("/", 1)[0] + "/" for url in items}), "/"]:
        page.goto(long_site + url)
        page.evaluate(SET_STATE, {"text": 3, "contrast": True})
        h1 = page.evaluate("document.querySelector('main h1').innerText.replace(/\\s/g, '')")
        wide = page.evaluate(OVERFLOW)
        if wide or (url in items and h1 != TITLE):
            problems[url] = (h1, wide)
    context.close()
    assert not problems, problems
