"""The theme's own files: small, hand-written, nothing fetched from outside the site, and the
sizes docs/theme.md states are the real ones (within 10 %)."""

from __future__ import annotations

import re
from pathlib import Path

from ssg.render import DEFAULT_THEME
from tests.e2e.conftest import REPO

STATIC = DEFAULT_THEME / "static"
BUDGET = {"css/site.css": 32 * 1024, "js/site.js": 12 * 1024}
# The only outside address the theme's own code may name: the official jiucuo script (ID-12).
JIUCUO = "https://zfwzgl.www.gov.cn/exposure/jiucuo.js"


def test_css_and_js_are_small_and_fetch_nothing_from_outside() -> None:
    for name, limit in BUDGET.items():
        text = (STATIC / name).read_text(encoding="utf-8")
        assert len(text.encode()) <= limit, (name, len(text.encode()))
        assert "@import" not in text and "@font-face" not in text, name
        outside = [u for u in re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s\"')]*", text)]
        assert outside == ([JIUCUO] if name.endswith(".js") else []), (name, outside)
    css = (STATIC / "css/site.css").read_text(encoding="utf-8")
    for url in re.findall(r"url\(\"?([^\")]+)", css):
        assert (STATIC / "css" / url).resolve().is_file(), url


def test_docs_state_the_real_sizes() -> None:
    docs = (REPO / "docs" / "theme.md").read_text(encoding="utf-8")
    for name in BUDGET:
        size = len((STATIC / name).read_bytes())
        match = re.search(rf"`static/{re.escape(name)}`[^\n]*?\| ([\d,]+)（", docs)
        assert match, f"docs/theme.md states no size for {name}"
        stated = int(match.group(1).replace(",", ""))
        assert abs(stated - size) <= size * 0.1, (name, stated, size)


def test_every_page_links_theme_files_by_their_content_hash(public: Path) -> None:
    """A theme file linked without its ?v= hash stays in the browser's cache after ssg updates
    it (policy-filter.js once did, next to a policies.json that had changed)."""
    unhashed = {
        f"{path.relative_to(public)}: {url}"
        for path in public.rglob("*.html")
        for url in re.findall(r'(?:src|href)="(/assets/[^"]*)"', path.read_text(encoding="utf-8"))
        if not re.search(r"\?v=[0-9a-f]{6,}$", url)
    }
    assert not unhashed, sorted(unhashed)[:10]
