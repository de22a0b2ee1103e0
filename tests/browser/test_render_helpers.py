"""What the theme renders, checked without a browser: page numbers, table boxes, and the
emblem and outside embeds appearing only where the rules and data/site.yaml want them."""

from __future__ import annotations

import dataclasses
import datetime as dt

from ssg.config import load_site_config
from ssg.content.loader import load_content
from ssg.derive.listings import paginate
from ssg.diagnostics import Diagnostics
from ssg.link import link
from ssg.render import Renderer, page_links, wrap_tables
from tests.e2e.conftest import REPO


def test_page_links_show_first_last_and_a_window_with_gaps() -> None:
    pages = paginate([str(i) for i in range(200)], 10, "/zwdt/")
    shown = [(link.number, link.url, link.current) for link in page_links(pages[9])]
    numbers = [n for n, _u, _c in shown]
    assert numbers == [1, 0, 8, 9, 10, 11, 12, 0, 20]
    assert shown[0][1] == "/zwdt/" and shown[-1][1] == "/zwdt/index_20.html"
    assert [n for n, _u, current in shown if current] == [10]
    assert [link.number for link in page_links(pages[0])] == [1, 2, 3, 0, 20]
    assert [link.number for link in page_links(paginate(["a"], 10, "/x/")[0])] == [1]


def test_wrap_tables_puts_each_table_in_a_focusable_scroll_box() -> None:
    html = '<p>x</p><table><tr><td>1</td></tr></table><table class="t"></table>'
    wrapped = wrap_tables(html)
    assert wrapped.count('<div class="table-wrap" role="region" tabindex="0"') == 2
    # (named by the page's title, else by their number: tests/content/test_table_names.py)
    assert 'aria-label="表格1"' in wrapped and 'aria-label="表格2"' in wrapped
    titled = wrap_tables(html, "统计数据")
    assert 'aria-label="统计数据（表1）"' in titled and 'aria-label="统计数据（表2）"' in titled
    assert wrapped.endswith("</table></div>")
    assert wrap_tables("<p>no table</p>") == "<p>no table</p>"


def _sample_renderer(**changes: object) -> Renderer:
    diags = Diagnostics()
    config = load_site_config(REPO, diags)
    assert config is not None
    config = dataclasses.replace(config, **changes)
    tree = load_content(REPO, config.column_types, diags)
    site = link(tree, config, dt.date(2026, 11, 20), diags)
    return Renderer(site, REPO)


def test_emblem_conac_and_jiucuo_only_where_the_rules_and_the_settings_want_them() -> None:
    portal = _sample_renderer().home_page()
    assert 'class="emblem"' in portal and 'alt="国徽"' in portal
    assert 'src="https://dcs.conac.cn/js/' in portal and 'id="_ideConac"' in portal
    assert 'data-jiucuo-sitecode="2299000001"' in portal
    assert "sitecode=" not in portal.replace("data-jiucuo-sitecode=", "")
    department = _sample_renderer(
        level="department", conac={}, jiucuo=False, domain="fgw.qinglan.gov.cn"
    ).home_page()
    assert 'class="emblem"' not in department  # RULES ID-14: never on department sites
    assert "conac" not in department and "jiucuo" not in department
    assert "zfwzgl" not in department
