"""The theme's own files: small, hand-written, nothing fetched from outside the site, and the
sizes docs/theme.md states are the real ones (within 10 %).

The budget a citizen pays is the bytes on the wire: the deploy's nginx sends CSS and JS
gzip-compressed (ssg/deploy/nginx.conf.j2). Those are capped, checked against what a real
nginx sends; a raw cap beside it stops comments and dead rules from piling up unseen, since
gzip hides repetition (docs/theme.md §1 gives the decision and the figures)."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from ssg.render import DEFAULT_THEME
from tests.deploy.conftest import Built, Certificate, Server, serving

# (the build and certificate fixtures of tests/deploy/, shared by importing them)
from tests.deploy.conftest import built as built
from tests.deploy.conftest import certificate as certificate
from tests.e2e.conftest import REPO

STATIC = DEFAULT_THEME / "static"
# Over the wire: within the first round trip of a new connection (TCP's initial window of 10
# segments, about 14 KB) with room for the page's HTML headers; raw: about a quarter above today.
WIRE_BUDGET = {"css/site.css": 12 * 1024, "js/site.js": 5 * 1024}
RAW_BUDGET = {"css/site.css": 40 * 1024, "js/site.js": 12 * 1024}
NGINX_CONF = REPO / "ssg" / "deploy" / "nginx.conf.j2"
# The only outside address the theme's own code may name: the official jiucuo script (ID-12).
JIUCUO = "https://zfwzgl.www.gov.cn/exposure/jiucuo.js"


def gzip_level() -> int:
    """The level the deploy's nginx compresses at: its gzip_comp_level, else nginx's default 1."""
    conf = NGINX_CONF.read_text(encoding="utf-8")
    assert re.search(r"^\s*gzip on;", conf, re.M), "the deploy's nginx no longer compresses"
    assert re.search(r"gzip_types[^;]*text/css[^;]*application/javascript", conf)
    level = re.search(r"gzip_comp_level\s+(\d)", conf)
    return int(level.group(1)) if level else 1


def on_the_wire(data: bytes) -> int:
    """Bytes of `data` gzip-compressed as nginx does it (zlib, gzip wrapper, no file name)."""
    packer = zlib.compressobj(gzip_level(), zlib.DEFLATED, 31)
    return len(packer.compress(data) + packer.flush())


def test_css_and_js_are_small_and_fetch_nothing_from_outside() -> None:
    for name, limit in RAW_BUDGET.items():
        data = (STATIC / name).read_bytes()
        assert len(data) <= limit, (name, len(data))
        assert on_the_wire(data) <= WIRE_BUDGET[name], (name, on_the_wire(data))
        text = data.decode("utf-8")
        assert "@import" not in text and "@font-face" not in text, name
        outside = [u for u in re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s\"')]*", text)]
        assert outside == ([JIUCUO] if name.endswith(".js") else []), (name, outside)
    css = (STATIC / "css/site.css").read_text(encoding="utf-8")
    for url in re.findall(r"url\(\"?([^\")]+)", css):
        assert (STATIC / "css" / url).resolve().is_file(), url


def test_docs_state_the_real_sizes() -> None:
    docs = (REPO / "docs" / "theme.md").read_text(encoding="utf-8")
    # (the page scripts loaded on one kind of page only have no budget, but their size is stated)
    for name in [*RAW_BUDGET, "js/search.js", "js/policy-filter.js"]:
        data = (STATIC / name).read_bytes()
        match = re.search(rf"`static/{re.escape(name)}`[^\n]*?\| ([\d,]+)（传输 ([\d,]+)）", docs)
        assert match, f"docs/theme.md states no size for {name}"
        for stated, size in zip(match.groups(), (len(data), on_the_wire(data)), strict=True):
            assert abs(int(stated.replace(",", "")) - size) <= size * 0.1, (name, stated, size)


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


@pytest.fixture(scope="module")
def nginx(
    built: Built, certificate: Certificate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    with serving(built, certificate, tmp_path_factory) as running:
        yield running


@pytest.mark.parametrize("name", sorted(WIRE_BUDGET))
def test_a_real_nginx_sends_the_theme_within_the_wire_budget(
    nginx: Server, built: Built, name: str
) -> None:
    """The wire budget is measured where a citizen meets it: the bytes nginx sends to a browser
    that accepts gzip. The sizes computed above must be those bytes, or the budget is fiction."""
    home = (built.out / "index.html").read_text(encoding="utf-8")
    url = re.search(rf'"(/assets/{re.escape(name)}\?v=[0-9a-f]+)"', home)
    assert url, f"the home page links no {name}"
    status, headers, body = nginx.request("GET", url.group(1), headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip", (status, headers)
    assert zlib.decompress(body, 31) == (STATIC / name).read_bytes()
    assert len(body) <= WIRE_BUDGET[name], len(body)
    assert abs(len(body) - on_the_wire((STATIC / name).read_bytes())) <= len(body) * 0.02
