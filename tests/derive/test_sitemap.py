"""sitemap.xml's escaping: html.escape(quote=False) writes what xml.sax.saxutils.escape wrote."""

from __future__ import annotations

import sys
from xml.sax import saxutils

import pytest

from ssg.derive import feeds, sitemap
from ssg.link import Site
from tests.derive.kit import escaped_site

# Every code point a Python str can hold and UTF-8 can write (not the surrogates), by plane.
_PLANES = [
    "".join(chr(c) for c in range(start, start + 0x10000) if not 0xD800 <= c <= 0xDFFF)
    for start in range(0, sys.maxunicode + 1, 0x10000)
]


@pytest.mark.parametrize("module", [sitemap, feeds], ids=["sitemap", "feeds"])
def test_escape_writes_what_saxutils_wrote_for_every_code_point(module: object) -> None:
    escape = module.escape  # type: ignore[attr-defined]
    for plane in _PLANES:
        assert escape(plane) == saxutils.escape(plane)
    # (each character alone too, over the first part of the Basic Multilingual Plane)
    assert all(escape(c) == saxutils.escape(c) for c in _PLANES[0][:0x3000])


@pytest.mark.parametrize(
    "text",
    [
        "a & b < c > d",
        "&amp; already an entity",  # escaped again, as saxutils did: text, not markup
        "&lt;&#60;&#x3c;",
        "\"double\" and 'single' quotes",  # left as they are: text content, not an attribute
        "<![CDATA[x]]>",
        "",
        "&&<<>>",
    ],
)
def test_escape_of_entities_and_quotes_is_saxutils(text: str) -> None:
    assert sitemap.escape(text) == saxutils.escape(text)
    assert feeds.escape(text) == saxutils.escape(text)
    assert sitemap.escape(text).count('"') == text.count('"')
    assert sitemap.escape(text).count("'") == text.count("'")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return escaped_site(tmp_path_factory.mktemp("escaped"))


def test_sitemap_xml_is_the_bytes_saxutils_escaped(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = sitemap.sitemap_xml(site)
    monkeypatch.setattr(sitemap, "escape", saxutils.escape)
    assert ours == sitemap.sitemap_xml(site)
    assert "<loc>https://www.ceshi.gov.cn/dt/a%26b.html</loc>" in ours  # (href quoted it first)
