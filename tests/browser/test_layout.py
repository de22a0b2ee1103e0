"""The layout of the default theme as a browser draws it: what axe and the validator cannot
judge, measured on the built sample portal in Debian's Chromium."""

from __future__ import annotations

from typing import Any

from tests.browser.site_pages import SitePages

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
