"""The lifecycle notices of the sample portal, built for real (RULES NOTICE-01..04): every web
address a notice names is a link a citizen on a phone can tap, its visible text unchanged,
and only to an http(s) address ssg knows (the site's own domain, its parent portal from
data/site.yaml, the new domain, the migration's destination). And in a maintenance build
(every URL the maintenance page) and a migration build (every URL the migration page but the
notice and the reports), every link of every page, header and footer included, leads to a
file that build publishes."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser.variants import append, build_variant

NOTICES = "zwgk/tzgg"
OFFLINE = (
    "- event: temporary_offline\n  from: 2026-11-18\n  to: 2026-12-10\n  reason: 网站安全加固整改\n"
    "  announced: 2026-11-11\n  reviewed_by: 审核人\n"
)
DOMAIN_CHANGE = "- event: domain_change\n  date: 2026-11-01\n  old_domain: old.qinglan.gov.cn\n"
DESTINATION = "https://www.jl.gov.cn/qinglan/"
MIGRATION = (
    f"- event: migration\n  date: 2026-11-15\n  destination: {DESTINATION}\n"
    "  mapping: data/map.csv\n"
)
# (a column and the report moved page by page; the rest of the site points to the destination)
MAPPING = f"/zwgk/,{DESTINATION}zwgk/\n/ndbb/2025/,{DESTINATION}ndbb/2025/\n"


class _Body(HTMLParser):
    """The links of a page's notice text (`.article-body`) and its text outside them."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside .article-body: how many elements deep
        self.href: str | None = None
        self.links: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += tag not in ("br", "wbr", "img", "hr")
            if tag == "a":
                self.href = dict(attrs).get("href") or ""
                self.links.append((self.href, ""))
        elif tag == "div" and "article-body" in (dict(attrs).get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            if tag == "a":
                self.href = None

    def handle_data(self, data: str) -> None:
        if not self.depth:
            return
        if self.href is None:
            self.text.append(data)
        else:
            href, text = self.links[-1]
            self.links[-1] = (href, text + data)


def body(path: Path) -> _Body:
    parser = _Body()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample (opened 2019-05-20) with a temporary offline period announced and a domain
    change made before the build date."""
    return build_variant(
        tmp_path_factory.mktemp("changed"),
        lambda root: append(root / "data/lifecycle.yaml", OFFLINE + DOMAIN_CHANGE),
    )


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def migrate(root: Path) -> None:
        append(root / "data/lifecycle.yaml", MIGRATION)
        (root / "data/map.csv").write_text(MAPPING, encoding="utf-8")

    return build_variant(tmp_path_factory.mktemp("migrated"), migrate)


@pytest.fixture(scope="module")
def maintenance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_variant(
        tmp_path_factory.mktemp("maintenance"),
        lambda root: append(root / "data/lifecycle.yaml", OFFLINE),
        "--maintenance",
    )


def _no_bare_address(page: _Body) -> None:
    outside = "".join(page.text)
    assert "http://" not in outside and "https://" not in outside, outside
    assert all(href.startswith(("https://", "http://", "/")) for href, _ in page.links), page.links


def test_the_opening_notice_links_the_domain_the_site_opened_on(changed: Path) -> None:
    page = body(changed / NOTICES / "wangzhan-kaitong-20190520.html")
    # (it opened on the old domain: a notice states the facts of its day)
    assert ("https://old.qinglan.gov.cn/", "old.qinglan.gov.cn") in page.links, page.links
    assert "网站域名：" in "".join(page.text)
    _no_bare_address(page)


def test_the_offline_notice_links_the_parent_portal(changed: Path) -> None:
    page = body(changed / NOTICES / "linshi-xiaxian-20261118.html")
    assert page.links == [("https://www.jl.gov.cn/", "https://www.jl.gov.cn/")], page.links
    _no_bare_address(page)


def test_the_domain_change_notice_links_the_new_address(changed: Path) -> None:
    page = body(changed / NOTICES / "yuming-biangeng-20261101.html")
    assert ("https://www.qinglan.gov.cn/", "https://www.qinglan.gov.cn/") in page.links
    _no_bare_address(page)


def test_the_migration_notice_and_every_migrated_page_link_the_destination(
    migrated: Path,
) -> None:
    notice = body(migrated / NOTICES / "wangzhan-qianyi-20261115.html")
    home = body(migrated / "index.html")  # (the migration page, with the notice's text)
    for page in (notice, home):
        assert (DESTINATION, DESTINATION) in page.links, page.links
        _no_bare_address(page)


class _References(HTMLParser):
    """Every URL a page asks the browser to follow or fetch: href, src, a form's action."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [v for k, v in attrs if k in ("href", "src", "action") and v]


def unpublished_targets(out: Path) -> tuple[int, dict[str, list[str]]]:
    """(pages read, internal URL → the pages whose links lead to no file of `out`)."""
    missing: dict[str, list[str]] = {}
    pages = sorted(out.rglob("*.html"))
    for page in pages:
        here = "/" + page.relative_to(out).as_posix()
        parser = _References()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:  # (another site, #anchor)
                continue
            path = unquote(parts.path)
            if not path.startswith("/"):
                path = str(PurePosixPath(here).parent / path)
            target = out / path.lstrip("/")
            if path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.resolve().is_relative_to(out.resolve()) or not target.is_file():
                missing.setdefault(url, []).append(here)
    return len(pages), missing


@pytest.mark.parametrize("build", ["maintenance", "migrated"])
def test_every_link_of_a_maintenance_or_migration_build_leads_to_a_published_file(
    build: str, request: pytest.FixtureRequest
) -> None:
    """The header's site name, the footer's 联系我们 (no page of these builds has a search box
    or a 网站地图 link, the pages a migration keeps included), the reports' downloads, the
    notice's breadcrumbs: each leads to a page or file of that build."""
    out: Path = request.getfixturevalue(build)
    pages, missing = unpublished_targets(out)
    assert pages > 150  # (every URL of the sample is there, replaced)
    assert not missing, {url: found[:3] for url, found in sorted(missing.items())[:10]}
    home = (out / "index.html").read_text(encoding="utf-8")
    assert ('data-page="maintenance"' if build == "maintenance" else "本网站已迁移") in home


# The pages a migration keeps as they are (its notice, the annual reports the mapping does not
# move), and one it replaces.
KEPT = (f"{NOTICES}/wangzhan-qianyi-20261115.html", "ndbb/index.html")


def test_the_pages_a_migration_keeps_have_no_search_box_nor_site_map_link(
    migrated: Path, changed: Path
) -> None:
    """From the migration date the search page and the site map are migration pages: the
    kept pages' header search box and footer 网站地图 would lead a citizen there, as they
    would from the notice that replaces the rest (RULES NOTICE-02). Their 联系我们 stays."""
    for rel in (*KEPT, "zwgk/index.html"):
        page = (migrated / rel).read_text(encoding="utf-8")
        kept = rel in KEPT
        assert ('data-page="migration"' not in page) == kept, rel
        assert 'role="search"' not in page and 'href="/sitemap.html"' not in page, rel
        assert '<a href="#contact">联系我们</a>' in page and 'id="contact"' in page, rel
    assert "本网站已迁移" in (migrated / "search/index.html").read_text(encoding="utf-8")
    # Near miss: the same pages of a build with no migration have both.
    page = (changed / "ndbb/index.html").read_text(encoding="utf-8")
    assert 'role="search"' in page and '<a href="/sitemap.html">网站地图</a>' in page
