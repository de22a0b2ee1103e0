"""The RSS feeds' escaping: html.escape(quote=False) writes what xml.sax.saxutils.escape wrote
(every code point: tests/derive/test_sitemap.py)."""

from __future__ import annotations

from xml.sax import saxutils

import pytest

from ssg.derive import feeds
from ssg.link import Site
from tests.derive.kit import ESCAPED_NAME, ESCAPED_TITLE, escaped_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return escaped_site(tmp_path_factory.mktemp("escaped"))


def test_feed_is_the_bytes_saxutils_escaped(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    ours = feeds.rss(site, "dt")
    monkeypatch.setattr(feeds, "escape", saxutils.escape)
    assert ours == feeds.rss(site, "dt")


def test_feed_text_escapes_amp_lt_gt_and_keeps_quotes(site: Site) -> None:
    feed = feeds.rss(site, "dt")
    assert ESCAPED_TITLE.count('"') == 2 and ESCAPED_TITLE.count("'") == 2
    assert "<title>会议 &amp; “通报” &lt;第1号&gt; \"甲\" '乙'</title>" in feed
    assert "<description>x &lt; y &amp; z &gt; w</description>" in feed
    assert f"<title>工作动态 - {saxutils.escape(ESCAPED_NAME)}</title>" in feed
    assert "<link>https://www.ceshi.gov.cn/dt/a%26b.html</link>" in feed
