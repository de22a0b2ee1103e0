"""A domain change has one moment, its `date` (RULES NOTICE-04; ssg/lifecycle.py
Lifecycle.domain_on): before it the old domain is the site's address, the 原网站 where the change
is announced (吉林办法 第十六条); from it on the new one. nginx.conf and the other sites' links
follow it already; so do what the site's own pages write in full — the SiteDomain meta tag,
item pages' Url, sitemap.xml, RSS feeds — and the redirect map beside the output. A real
repository of two sites on disk, built by the real CLI the day before and the day of."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from tests.test_cross_site import read, repository
from tests.test_sites import NOTICES, cli

OLD = "www.ceshi-old.gov.cn"
NEW = "www.ceshi.gov.cn"  # (the portal's site.yaml)
DAY_BEFORE, CHANGE = "2026-11-24", "2026-11-25"
_SITE_DOMAIN = re.compile(r'<meta name="SiteDomain" content="([^"]*)">')


def portal_changing_domain(root: Path, date: str = CHANGE) -> Path:
    """The repository of tests/test_cross_site.py; its portal (www) changes its domain on
    `date`, announced a week ahead in its 通知公告 column."""
    repo = repository(root)
    for rel, text in NOTICES.items():
        (repo / "www" / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / "www" / rel).write_text(text, encoding="utf-8")
    (repo / "www/data/lifecycle.yaml").write_text(
        f"- event: domain_change\n  date: {date}\n  old_domain: {OLD}\n"
        "  announced: 2026-11-18\n  reviewed_by: 审核人\n",
        encoding="utf-8",
    )
    return repo


def build(repo: Path, date: str) -> str:
    code, _, err = cli("build", "--all", "--source", str(repo), "--date", date)
    assert code == 0, err
    return err


def plain_bytes(path: Path) -> bytes:
    """A file's bytes; the search index's gzip files (search/**/*.bin) uncompressed."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".bin" else data


def site_domains(public: Path) -> set[str]:
    """The SiteDomain meta of every page that has one (redirect pages have none)."""
    found: set[str] = set()
    for page in public.rglob("*.html"):
        found.update(_SITE_DOMAIN.findall(read(page)))
    return found


@pytest.mark.parametrize(("date", "host"), [(DAY_BEFORE, OLD), (CHANGE, NEW)])
def test_the_sites_own_pages_name_the_domain_it_answers_on_that_day(
    tmp_path: Path, date: str, host: str
) -> None:
    repo = portal_changing_domain(tmp_path)
    err = build(repo, date)
    public = repo / "public/www"
    other = ({OLD, NEW} - {host}).pop()
    assert site_domains(public) == {host}
    item = read(public / "dt/huiyi.html")
    assert f'<meta name="Url" content="https://{host}/dt/huiyi.html">' in item
    sitemap = read(public / "sitemap.xml")
    locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert locs and all(loc.startswith(f"https://{host}/") for loc in locs), locs
    feed = read(public / "feeds/dt.xml")
    links = re.findall(r"<link>([^<]*)</link>|<guid[^>]*>([^<]*)</guid>", feed)
    assert links and all(u.startswith(f"https://{host}/") for pair in links for u in pair if u)
    # Nowhere else does the portal write the other domain in full: only the change's notice
    # names both (it announces the new one, and is read on the old one first).
    notice = "tz/yuming-biangeng-20261125.html"
    said = sorted(
        p.relative_to(public).as_posix()
        for p in public.rglob("*")
        if p.is_file() and f"https://{other}/".encode() in plain_bytes(p)
    )
    assert said == ([notice] if host == OLD else []), said
    # The theme's tag is what DESIGN-02 expects on that day, not a finding.
    assert "[DESIGN-02]" not in err, err


def test_the_redirect_map_is_written_from_the_changes_date_on(tmp_path: Path) -> None:
    """`<out>-lifecycle/redirects.txt` and the old domain's redirect pages are the redirect
    configuration of the change (RULES NOTICE-04): applied before its date they would send
    readers away from the 原网站 and its notice, so they come with nginx.conf's redirects."""
    repo = portal_changing_domain(tmp_path)
    side = repo / "public/www-lifecycle"
    build(repo, DAY_BEFORE)
    assert not (side / "redirects.txt").exists()
    assert not (side / "redirects").exists()
    build(repo, CHANGE)
    lines = read(side / "redirects.txt").splitlines()
    assert f"https://{OLD}/ https://{NEW}/" in lines
    assert f"https://{OLD}/dt/huiyi.html https://{NEW}/dt/huiyi.html" in lines
    assert (side / f"redirects/{OLD}/dt/huiyi.html").is_file()


def test_a_change_brought_forward_reaches_pages_the_last_build_kept(tmp_path: Path) -> None:
    """Same build date, the change's date moved to it: every page names the new domain,
    none is reused from the last output with the old one (the render cache's key)."""
    repo = portal_changing_domain(tmp_path)
    build(repo, DAY_BEFORE)
    assert site_domains(repo / "public/www") == {OLD}
    lifecycle = repo / "www/data/lifecycle.yaml"
    lifecycle.write_text(read(lifecycle).replace(CHANGE, DAY_BEFORE), encoding="utf-8")
    build(repo, DAY_BEFORE)
    assert site_domains(repo / "public/www") == {NEW}
    assert f"https://{OLD}/" not in read(repo / "public/www/sitemap.xml")
