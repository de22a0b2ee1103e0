"""Defects a design reviewer found in the default theme, each measured in Debian's Chromium on
the built sample portal (the page kinds at 1280 and 320 px, with the toolbar's settings)."""

from __future__ import annotations

from typing import Any

import pytest

# The text blocks of an article's content after .article-info, each with its computed size.
CONTENT_SIZES = """() => {
  const sel = [".article-body p", ".article-body li", ".guide-part > p", ".guide-part li",
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
    assert {".facts dd", ".article-body p"} <= blocks, sizes
    assert len(blocks) >= 3, sizes  # the blocks outside the body are measured too
    for choice, found in sizes.items():
        # One size for every block of the content, whichever the choice.
        assert len({size for each in found.values() for size in each}) == 1, (choice, found)
    assert len({found[".facts dd"][0] for found in sizes.values()}) == 3, sizes
