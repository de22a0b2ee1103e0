"""Scan.pages_with: the rules that read only some elements visit only the pages that have one,
and find what they found visiting every page, in the same order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from ssg.check.output import Element, PageScan, Scan
from tests.check.test_output import BASE, build, found

# One of each: an image without alt, an iframe without title, an outside asset, a dead link,
# a missing place on another page, an IP address, an ad network's image; and, in the theme,
# a javascript: link and an inline style loading an outside image, on the news page only.
BODY = (
    "正文。\n\n"
    '<img src="/static/a.png"> <iframe src="/static/map.html"></iframe>\n\n'
    '<img src="https://cdn.example.com/b.png" alt="图">\n\n'
    "[旧文](/gone.html) [栏目](/xw/index.html#nowhere) [内网](http://10.1.2.4/)\n\n"
    "![推广](https://pagead2.googlesyndication.com/pagead/ad.png)\n"
)
FILES = {"static/map.html": "<p>地图</p>", "static/a.png": "png"}
THEME = BASE.replace(
    '<main id="main">',
    '<main id="main">{% if page is defined and page.title == "测试新闻" %}'
    '<div style="background:url(https://cdn.example.com/bg.png)">背景</div>'
    '<a href="javascript:void(0)">更多</a>{% endif %}',
)
CODES = ("A11Y-02", "SEC-01", "SEC-06", "DESIGN-12", "ID-04")


def _every_page(
    self: Scan, test: Callable[[Element], object], kinds: tuple[str, ...] | None = None
) -> list[PageScan]:
    """What each of these rules visited before: every page (of its kinds)."""
    return [scan for scan in self.pages if kinds is None or scan.kind in kinds]


def test_the_findings_are_those_of_visiting_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    visited: list[list[str]] = []
    real = Scan.pages_with

    def spy(
        self: Scan, test: Callable[[Element], object], kinds: tuple[str, ...] | None = None
    ) -> list[PageScan]:
        pages = real(self, test, kinds)
        visited.append([scan.page.path for scan in pages])
        return pages

    monkeypatch.setattr(Scan, "pages_with", spy)
    lines = build(tmp_path / "a", BODY, theme=THEME, files=FILES)
    monkeypatch.setattr(Scan, "pages_with", _every_page)
    every = build(tmp_path / "b", BODY, theme=THEME, files=FILES)
    assert lines == every
    for code in CODES:
        assert found(lines, code), code
    assert any("bg.png" in line for line in found(lines, "SEC-01"))  # (the inline style's)
    # (only the news page has any of these; the rules for links to other sites do not run)
    assert visited == [["xw/a.html"]] * 8, visited


def test_an_inline_style_counts_on_its_own_page_only() -> None:
    """Pages sharing their notable elements are one group; a page's own style is its own."""
    plain = Element("a", absolute=(("https://www.gov.cn/", "www.gov.cn", False),))
    styled = Element("style", absolute=(("https://cdn.example.com/x.png", "x.cn", True),))
    scan = Scan.__new__(Scan)
    scan.pages = []
    for index in range(3):
        style = styled if index == 1 else None
        facts: Any = SimpleNamespace(style=style)
        notable = [plain, styled] if style else [plain]
        scan.pages.append(PageScan(None, f"p{index}", "item", facts, notable, (plain,)))  # type: ignore[arg-type]
    scan._groups = None
    scan._styled = []
    assert [p.file for p in scan.pages_with(lambda e: e.absolute)] == ["p0", "p1", "p2"]
    assert [p.file for p in scan.pages_with(lambda e: e.name == "style")] == ["p1"]
    assert [p.file for p in scan.pages_with(lambda e: e.name == "style", ("other",))] == []
    assert scan.pages_with(lambda e: e.name == "img") == []
