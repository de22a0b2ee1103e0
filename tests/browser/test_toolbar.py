"""The 适老化 toolbar and the article tools, driven by keyboard alone: the computed font size,
colours and cursor change, and the choice persists across pages until it is reset. Also the
skip link, visible focus, the phone disclosure and the page without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.site_pages import SitePages

# Record what read-aloud would say instead of saying it.
SPEECH_STUB = """
window.__spoken = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = (utterance) => { window.__spoken.push(utterance.text); };
}
"""

STYLE = """(selector) => {
  const e = document.querySelector(selector);
  if (!e) return null;
  const s = getComputedStyle(e);
  return {fontSize: s.fontSize, color: s.color, background: s.backgroundColor,
          cursor: s.cursor, display: s.display, outline: s.outlineStyle,
          outlineColor: s.outlineColor};
}"""


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(SPEECH_STUB)
    yield context.new_page()
    context.close()


def tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def style(page: Any, selector: str) -> dict[str, str]:
    found = page.evaluate(STYLE, selector)
    assert found is not None, selector
    return dict(found)


def pressed(page: Any, selector: str) -> str:
    return str(page.get_attribute(selector, "aria-pressed"))


def test_toolbar_by_keyboard_changes_the_page_and_persists(
    desktop: Any, base_url: str, site_pages: SitePages
) -> None:
    page = desktop
    article = site_pages.richest("news")
    page.goto(base_url + article)
    before = style(page, "html")
    body = style(page, "body")
    text_before = style(page, ".article-body")
    assert before["fontSize"] == "16px"
    assert body["background"] == "rgb(255, 255, 255)"

    tab_to(page, '[data-a11y-text="2"]')
    page.keyboard.press("Enter")
    assert style(page, "html")["fontSize"] == "24px"  # 特大: 150 %
    assert float(style(page, ".article-body")["fontSize"][:-2]) > float(
        text_before["fontSize"][:-2]
    )
    assert pressed(page, '[data-a11y-text="2"]') == "true"
    assert pressed(page, '[data-a11y-text="0"]') == "false"
    assert "特大" in page.text_content("#a11y-status")

    tab_to(page, '[data-a11y-toggle="contrast"]')
    page.keyboard.press("Space")
    contrast = style(page, "body")
    assert contrast["background"] == "rgb(0, 0, 0)"
    assert contrast["color"] == "rgb(255, 255, 255)"
    assert style(page, ".breadcrumbs a")["color"] == "rgb(255, 255, 0)"

    tab_to(page, '[data-a11y-toggle="cursor"]')
    page.keyboard.press("Enter")
    assert "cursor-arrow.svg" in style(page, "body")["cursor"]
    assert "cursor-hand.svg" in style(page, ".breadcrumbs a")["cursor"]

    if page.evaluate("'speechSynthesis' in window"):
        tab_to(page, '[data-a11y-toggle="speech"]')
        page.keyboard.press("Enter")
        spoken = page.evaluate("window.__spoken")
        title = page.text_content("h1") or ""
        assert spoken and title[:6] in "".join(spoken), spoken[:3]
    else:  # no speech synthesis in this browser: no button that cannot work
        assert not page.is_visible('[data-a11y-toggle="speech"]')

    assert style(page, ".section-nav")["display"] != "none"
    tab_to(page, '[data-a11y-toggle="simple"]')
    page.keyboard.press("Enter")
    assert style(page, ".section-nav")["display"] == "none"

    tab_to(page, '[data-article-size="large"]')
    size_before = float(style(page, ".article-body")["fontSize"][:-2])
    page.keyboard.press("Enter")
    assert float(style(page, ".article-body")["fontSize"][:-2]) > size_before
    article_size = style(page, ".article-body")["fontSize"]

    # Follow a navigation link by keyboard: every choice holds on the next page.
    tab_to(page, '.main-nav a[href="/"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert style(page, "html")["fontSize"] == "24px"
    assert style(page, "body")["background"] == "rgb(0, 0, 0)"
    assert "cursor-arrow.svg" in style(page, "body")["cursor"]
    assert style(page, ".chips")["display"] == "none"  # simple reading
    for selector in ('[data-a11y-text="2"]', '[data-a11y-toggle="contrast"]',
                     '[data-a11y-toggle="cursor"]', '[data-a11y-toggle="simple"]'):  # fmt: skip
        assert pressed(page, selector) == "true", selector
    page.goto(base_url + article)
    assert style(page, ".article-body")["fontSize"] == article_size

    tab_to(page, "[data-a11y-reset]")
    page.keyboard.press("Enter")
    assert style(page, "html")["fontSize"] == "16px"
    assert style(page, "body")["background"] == "rgb(255, 255, 255)"
    page.goto(base_url + "/")
    assert style(page, "html")["fontSize"] == "16px"
    assert style(page, "body")["background"] == "rgb(255, 255, 255)"
    assert pressed(page, '[data-a11y-toggle="contrast"]') == "false"


def test_skip_link_and_visible_focus(desktop: Any, base_url: str) -> None:
    page = desktop
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert style(page, ".skip-link")["outline"] != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Every kind of control shows its focus: links, buttons, inputs.
    for selector in ("#home-q", '.home-search button[type="submit"]', "main .block a"):
        tab_to(page, selector)
        focused = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
        )
        assert focused[0] != "none" and focused[1] != "0px", (selector, focused)


def test_phone_toolbar_folds_and_opens_by_keyboard(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(base_url + "/")
    assert style(page, ".a11y-tools")["display"] == "none"
    tab_to(page, ".a11y-open")
    page.keyboard.press("Enter")
    assert page.get_attribute(".a11y-open", "aria-expanded") == "true"
    assert style(page, ".a11y-tools")["display"] != "none"
    tab_to(page, '[data-a11y-toggle="contrast"]')
    page.keyboard.press("Enter")
    assert style(page, "body")["background"] == "rgb(0, 0, 0)"
    # Escape folds the tools from inside them and gives the focus back to their button.
    page.keyboard.press("Escape")
    assert page.get_attribute(".a11y-open", "aria-expanded") == "false"
    assert style(page, ".a11y-tools")["display"] == "none"
    assert page.evaluate("document.activeElement.classList.contains('a11y-open')")
    page.keyboard.press("Enter")
    assert page.get_attribute(".a11y-open", "aria-expanded") == "true"
    page.keyboard.press("Space")  # and the button itself folds them too
    assert page.get_attribute(".a11y-open", "aria-expanded") == "false"
    assert style(page, ".a11y-tools")["display"] == "none"
    page.evaluate("window.ssgA11y.reset()")
    context.close()


def test_everything_but_the_tools_works_without_javascript(
    browser: Any, base_url: str, site_pages: SitePages
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + site_pages.richest("service"))
    assert not page.is_visible("#a11y-bar")
    assert not page.is_visible(".article-tools")
    assert page.is_visible(".main-nav a")
    assert page.is_visible(".breadcrumbs")
    page.fill("#q", "身份证")
    with page.expect_navigation():
        page.press("#q", "Enter")
    assert "/search/" in page.url and "q=" in page.url
    assert "网站地图" in (page.text_content("main") or "")
    context.close()


def test_jiucuo_entry_is_created_by_the_theme_and_badges_get_alt(
    desktop: Any, base_url: str
) -> None:
    page = desktop
    page.goto(base_url + "/")
    script = page.evaluate(
        "() => { const s = document.getElementById('_jiucuo_');"
        " return s && [s.tagName, s.getAttribute('sitecode'), s.src, s.parentElement.className]; }"
    )
    assert script == [
        "SCRIPT",
        "2299000001",
        "https://zfwzgl.www.gov.cn/exposure/jiucuo.js",
        "badge-slot jiucuo",
    ]
    # What the official conac script writes has no alt text; the theme gives it one.
    page.evaluate(
        "document.getElementById('_ideConac').innerHTML ="
        ' \'<a href="#"><img id="imgConac" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></a>\''
    )
    page.wait_for_function("document.getElementById('imgConac').alt === '党政机关网站标识'")


def test_pressed_tools_and_the_current_section_stand_out_in_forced_colours(
    browser: Any, base_url: str, site_pages: SitePages
) -> None:
    """Windows 高对比度 replaces the theme's colours and drops backgrounds and shadows: a pressed
    tool and the current navigation item must still look different from their neighbours."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, forced_colors="active")
    page = context.new_page()
    page.goto(base_url + site_pages.richest("news"))
    pressed_tool, plain_tool = (
        style(page, '[data-a11y-text="0"]'),
        style(page, '[data-a11y-text="1"]'),
    )
    assert pressed(page, '[data-a11y-text="0"]') == "true"
    assert pressed_tool["background"] != plain_tool["background"], pressed_tool
    assert pressed_tool["color"] != plain_tool["color"], pressed_tool
    current, other = style(page, ".nav a[aria-current]"), style(page, '.nav a[href="/"]')
    assert current["background"] != other["background"], current
    context.close()


# Every picture in main: where it sits, its alt text and whether the reader sees it.
PICTURES = """() => [...document.querySelectorAll("main img")].map((img) => {
  const r = img.getBoundingClientRect();
  const where = img.closest(".article-image") ? "题图" : img.closest(".picture-news") ? "图片新闻"
    : img.closest(".article-body") ? "正文" : "其他";
  return {where, alt: img.getAttribute("alt"), hidden: img.getAttribute("aria-hidden"),
          shown: r.width > 0 && r.height > 0 && img.checkVisibility()};
})"""


def test_simple_reading_hides_decorative_pictures_and_keeps_those_that_inform(
    desktop: Any, base_url: str, site_pages: SitePages
) -> None:
    """简洁阅读 is the 简约界面 of A11Y-03: less to look at, nothing less to read. The 题图 (marked
    decorative) and the home page's 图片新闻 photo go; a body picture with alt text stays."""
    page = desktop
    news = [
        url
        for url in site_pages.kinds["news"]
        if 'class="article-image"' in (site_pages.root / url.lstrip("/")).read_text("utf-8")
    ]
    assert news, "the sample portal has news items with a 题图"
    page.goto(base_url + news[0])
    before = page.evaluate(PICTURES)
    assert {p["where"] for p in before if p["shown"]} >= {"题图", "正文"}, before

    tab_to(page, '[data-a11y-toggle="simple"]')
    page.keyboard.press("Enter")
    simple = page.evaluate(PICTURES)
    # What stays is exactly what carries information: alt text, no decorative mark.
    informs = [p for p in before if p["shown"] and p["alt"] and not p["hidden"]]
    assert [p for p in simple if p["shown"]] == informs, simple
    assert "正文" in {p["where"] for p in informs} and not any(
        p["shown"] for p in simple if p["where"] == "题图"
    ), simple
    assert page.is_visible("h1") and page.is_visible(".article-body p")

    page.keyboard.press("Enter")  # the same button, off again: the 题图 is back
    assert page.evaluate(PICTURES) == before

    page.keyboard.press("Enter")
    page.goto(base_url + "/")  # the choice holds on the home page
    headline = page.locator(".picture-news")
    photo = [p for p in page.evaluate(PICTURES) if p["where"] == "图片新闻"]
    assert photo and not any(p["shown"] for p in photo), photo
    # The photo goes, its news does not: the headline link is still there to read and follow.
    assert headline.is_visible() and headline.inner_text().strip(), headline.inner_html()
