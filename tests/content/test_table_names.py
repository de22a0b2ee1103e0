"""Body tables are named for what they are about (WCAG 1.3.1, 4.1.2; GB/T 37668), not all
“表格”: their own caption, else the heading before them, else the page's title
(ssg/content/markdown.py table_names; ssg/render.py wrap_tables). Real build on disk."""

from __future__ import annotations

import re
from pathlib import Path

from tests.sitekit import make_site, run

ITEM = "content/dt/biaoge.md"
TITLE = "2026年前三季度测试市经济运行情况"
TABLE = "| 指标 | 数值 |\n| --- | --- |\n| 地区生产总值 | 598.7 亿元 |\n"
BODY = (
    f"开头的说明。\n\n{TABLE}\n## 一、工业 & 建筑业\n\n段落。\n\n{TABLE}\n"
    f"## 二、消费\n\n{TABLE}\n{TABLE}\n"
    "<table><caption>表5　<b>社会消费品零售总额</b></caption><tr><td>258.1</td></tr></table>\n"
)


def site_with_tables(root: Path) -> Path:
    """A site whose news item has five tables: before any heading, under a heading with an
    ampersand, two under one heading, and one with its own caption (raw HTML)."""
    make_site(
        root,
        {
            ITEM: f"---\ntitle: {TITLE}\ndate: 2026-11-18\nsource: 测试市统计局\n"
            f"reviewed_by: 审核人\n---\n{BODY}"
        },
    )
    return root


BOX = re.compile(
    r'<div class="table-wrap" role="region" tabindex="0" aria-label="([^"]*)">'
    r'<table(?: aria-label="([^"]*)")?>'
)


def test_each_body_table_and_its_scroll_box_are_named_for_their_subject(tmp_path: Path) -> None:
    root = site_with_tables(tmp_path)
    assert run(root, command="build").code == 0
    page = (root / "public/dt/biaoge.html").read_text(encoding="utf-8")
    assert BOX.findall(page) == [
        (TITLE, TITLE),  # (before any heading: the page's title)
        ("一、工业 &amp; 建筑业", "一、工业 &amp; 建筑业"),
        ("二、消费（表3）", "二、消费（表3）"),  # (one heading, two tables: told apart)
        ("二、消费（表4）", "二、消费（表4）"),
        ("表5　社会消费品零售总额", ""),  # (its caption names the table itself)
    ]
    assert page.count('class="table-wrap"') == 5
    assert 'aria-label="表格' not in page
