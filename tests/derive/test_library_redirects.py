"""The policy library's slugs read 吉林's place names as places (长岭县人民政府 →
by-issuer/chang-ling-xian-ren-min-zheng-fu/), and every URL that earlier versions published
with pypinyin's reading (zhang-ling-…) redirects to the new one as an item's `aliases` do:
the same redirect page, the same nginx rule (ssg/derive/policy_library.py, ssg/link.py
with_redirects). Real sites built on disk."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path

import pytest

from ssg.build import BuildOptions, build
from ssg.diagnostics import Diagnostics
from ssg.link import GeneratedRedirect, Site, with_redirects
from tests.sitekit import SITE_YAML, make_site, policy

DATE = dt.date(2026, 11, 20)
OLD = "zhang-ling-xian-ren-min-zheng-fu"  # pypinyin's reading of 长岭县人民政府
NEW = "chang-ling-xian-ren-min-zheng-fu"
DEPLOY = (
    "tls: {certificate: /etc/nginx/ssl/a.crt, key: /etc/nginx/ssl/a.key}\n"
    "hosting: {provider: 吉林省政务云, region: 吉林省长春市}\n"
    "previous_urls: data/urls-2025.txt\n"
)
# What the build before this change published (its urls.txt, copied as README says).
PREVIOUS = (
    f"https://www.ceshi.gov.cn/zcwj/by-issuer/{OLD}/\n"
    f"https://www.ceshi.gov.cn/zcwj/by-issuer/{OLD}/index_2.html\n"
    "https://www.ceshi.gov.cn/zcwj/by-topic/hui-chun-shi-dui-wai-kai-fang/\n"
    "https://www.ceshi.gov.cn/zcwj/by-issuer/ce-shi-shi-ren-min-zheng-fu/\n"
)


def changling(n: int, **extra: str) -> str:
    return policy(f"长政发〔2026〕{n}号", f"2026-10-{n:02d}", issuer="长岭县人民政府", **extra)


def built(root: Path, files: dict[str, str]) -> Site:
    make_site(root, files, site_yaml=SITE_YAML + "page_size: 5\n")
    result = build(BuildOptions(source=root, out=root / "public", build_date=DATE, jobs=1))
    assert result.written, [str(d) for d in result.diagnostics.sorted()]
    # The URLs the build before this change published (data/urls-2025.txt) are answered
    # still, by their redirects: NOTICE-05 finds none vanished; and no URL collides.
    assert not [str(d) for d in result.diagnostics if d.code in ("NOTICE-05", "URL-01")]
    assert result.site is not None
    return result.site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six policies of 长岭县人民政府 (two pages at page_size 5), one about 珲春."""
    root = tmp_path_factory.mktemp("changling")
    files = {f"content/zcwj/cl-{n}.md": changling(n) for n in range(1, 6)}
    files["content/zcwj/cl-6.md"] = changling(6, topic="珲春市对外开放")
    files["data/deploy.yaml"] = DEPLOY
    files["data/urls-2025.txt"] = PREVIOUS
    built(root, files)
    return root


def refresh_target(page: Path) -> str | None:
    found = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page.read_text("utf-8"))
    return found.group(1) if found else None


def test_the_issuer_page_reads_the_place_and_its_old_url_redirects_page_by_page(
    site: Path,
) -> None:
    issuer = site / "public/zcwj/by-issuer"
    for page in ("index.html", "index_2.html"):
        new = issuer / NEW / page
        assert refresh_target(new) is None  # the page itself
        assert "长岭县人民政府" in new.read_text("utf-8")
        # … and the URL published before is a redirect page to the same page of the new URL
        expected = f"/zcwj/by-issuer/{NEW}/" + ("" if page == "index.html" else page)
        assert refresh_target(issuer / OLD / page) == expected
    # The overview links the new URL only.
    overview = (issuer / "index.html").read_text("utf-8")
    assert f'href="/zcwj/by-issuer/{NEW}/"' in overview and OLD not in overview


def test_a_topic_with_a_place_name_moves_too(site: Path) -> None:
    topic = site / "public/zcwj/by-topic"
    assert refresh_target(topic / "hun-chun-shi-dui-wai-kai-fang/index.html") is None
    assert (
        refresh_target(topic / "hui-chun-shi-dui-wai-kai-fang/index.html")
        == "/zcwj/by-topic/hun-chun-shi-dui-wai-kai-fang/"
    )


def test_nginx_redirects_the_old_urls_and_only_those(site: Path) -> None:
    deploy = site / "public-deploy"
    conf = (deploy / "nginx.conf").read_text("utf-8")
    for old, new in (
        (f"/zcwj/by-issuer/{OLD}/", f"/zcwj/by-issuer/{NEW}/"),
        (f"/zcwj/by-issuer/{OLD}/index_2.html", f"/zcwj/by-issuer/{NEW}/index_2.html"),
        (
            "/zcwj/by-topic/hui-chun-shi-dui-wai-kai-fang/",
            "/zcwj/by-topic/hun-chun-shi-dui-wai-kai-fang/",
        ),
    ):
        assert f'location = "{old}" {{ return 301 "{new}"; }}' in conf
    # A slug whose reading is the same (测试市人民政府, 综合政务) gets no redirect.
    moved = [
        line.split("\t")[0] for line in (deploy / "redirects.tsv").read_text("utf-8").splitlines()
    ]
    assert moved and all(
        f"/by-issuer/{OLD}" in path or "/by-topic/hui-chun-shi" in path for path in moved
    ), moved
    assert (
        refresh_target(site / "public/zcwj/by-issuer/ce-shi-shi-ren-min-zheng-fu/index.html")
        is None
    )


def test_the_old_urls_appear_only_as_redirects(site: Path) -> None:
    """Pages, the site map, feeds, the filter data and the search index name the new URLs;
    urls.txt lists the old ones as it lists every alias, each one a redirect of
    redirects.tsv (what `ssg verify` over HTTP expects of them)."""
    public = site / "public"
    redirect_pages = set()
    for path in public.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".bin":
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace")
        if path.suffix == ".html" and refresh_target(path) is not None:
            redirect_pages.add(path.relative_to(public).as_posix())
            continue
        assert OLD not in text and "hui-chun-shi" not in text, path
    assert f"zcwj/by-issuer/{OLD}/index_2.html" in redirect_pages
    deploy = site / "public-deploy"
    redirected = {
        line.split("\t")[0] for line in (deploy / "redirects.tsv").read_text("utf-8").splitlines()
    }
    for url in (deploy / "urls.txt").read_text("utf-8").splitlines():
        if OLD in url or "hui-chun-shi" in url:
            assert url.removeprefix("https://www.ceshi.gov.cn") in redirected, url


def test_a_new_slug_never_takes_a_url_published_for_another_name(tmp_path: Path) -> None:
    """鲳岭县人民政府 read chang-ling-… before, and keeps it: 长岭县人民政府, read as the place
    now, takes chang-ling-…-2 rather than the page 鲳岭's readers have, and its old
    zhang-ling-… redirects there. (Slugs handed out afresh would give 长岭 chang-ling-… and
    move 鲳岭 to -2, its published URL a page of another issuer.)"""
    files = {
        "content/zcwj/cl-1.md": changling(1),
        "content/zcwj/ch-1.md": policy("鲳政发〔2026〕1号", issuer="鲳岭县人民政府"),
    }
    site = built(tmp_path, files)
    issuer = tmp_path / "public/zcwj/by-issuer"
    kept = issuer / NEW / "index.html"
    assert refresh_target(kept) is None and "鲳岭县人民政府" in kept.read_text("utf-8")
    moved = issuer / f"{NEW}-2/index.html"
    assert refresh_target(moved) is None and "长岭县人民政府" in moved.read_text("utf-8")
    assert refresh_target(issuer / OLD / "index.html") == f"/zcwj/by-issuer/{NEW}-2/"
    assert site.aliases == {f"zcwj/by-issuer/{OLD}/index.html": f"/zcwj/by-issuer/{NEW}-2/"}


# --- the link stage's claims cover the generated redirects ------------------------------


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("linked")
    make_site(root, {"content/zcwj/cl-1.md": changling(1)})
    result = build(BuildOptions(source=root, out=root / "public", build_date=DATE, write=False))
    assert result.site is not None
    return result.site


COLUMN = "content/zcwj/_index.md"


@pytest.mark.parametrize(
    ("path", "other"),
    [
        ("dt/huiyi.html", "content/dt/huiyi.md"),  # an item's page
        ("dt/huiyi.html/index.html", "content/dt/huiyi.md"),  # a folder where a page is
        ("zcwj/index.html", COLUMN),  # a column's page
    ],
)
def test_a_redirect_onto_a_page_of_the_site_is_url_01(linked: Site, path: str, other: str) -> None:
    diags = Diagnostics()
    site = with_redirects(linked, [], [GeneratedRedirect(path, "/zcwj/", COLUMN)], diags)
    found = [d for d in diags if d.code == "URL-01"]
    assert len(found) == 1 and found[0].file == COLUMN and other in found[0].message, found
    assert path not in site.aliases  # (no redirect page over the page)


def test_a_redirect_onto_a_page_the_library_generates_is_url_01(linked: Site) -> None:
    diags = Diagnostics()
    page = f"zcwj/by-issuer/{NEW}/index.html"
    redirect = GeneratedRedirect(page, "/zcwj/", COLUMN)
    site = with_redirects(linked, [(page, COLUMN)], [redirect], diags)
    assert [d.code for d in diags] == ["URL-01"] and page not in site.aliases


def test_a_redirect_clear_of_every_claim_is_an_alias(linked: Site) -> None:
    # (the build put zhang-ling-…/ among the aliases already: once is all it may be claimed)
    assert linked.alias_files == {f"zcwj/by-issuer/{OLD}/index.html": COLUMN}
    diags = Diagnostics()
    again = GeneratedRedirect(f"zcwj/by-issuer/{OLD}/index.html", "/zcwj/", COLUMN)
    with_redirects(linked, [], [again], diags)
    assert [d.code for d in diags] == ["URL-01"]
    diags = Diagnostics()
    old = "zcwj/by-topic/jiu-de/index.html"
    site = with_redirects(linked, [], [GeneratedRedirect(old, "/zcwj/by-topic/", COLUMN)], diags)
    assert not list(diags)
    assert site.aliases[old] == "/zcwj/by-topic/" and site.alias_files[old] == COLUMN
    assert old in site.claimed
