"""A maintenance or migration build (RULES NOTICE-02, NOTICE-03): every URL is the notice, and
the output has neither the search page nor the site map. The notice then shows neither the
header's search box nor the footer's 网站地图 link, which led back to the notice, and SEARCH-01
and ID-13 do not ask for them; an ordinary build of the same site still does.

Real builds of the lifecycle fixtures (tests/fixtures/lifecycle/*) through the CLI.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ssg.render import DEFAULT_THEME
from tests.derive.kit import LIFECYCLE, fixture_site
from tests.sitekit import BUILD_DATE, run

# fixture → (the arguments of its notice build, a build date on which the build is ordinary)
BUILDS = {
    "temporary_offline": (("--maintenance",), BUILD_DATE),  # (offline from 2026-12-01)
    "migration": ((), "2026-11-18"),  # (moved on 2026-11-19; BUILD_DATE is after it)
}
SEARCH_BOX = 'role="search"'
SITE_MAP_LINK = '<a href="/sitemap.html">网站地图</a>'
# Pages that are the notice in both builds (a migration keeps its notice and the reports).
REPLACED = ("index.html", "dt/index.html", "search/index.html", "sitemap.html", "404.html")


def _codes(lines: list[str], *codes: str) -> list[str]:
    return [line for line in lines if any(f"[{code}]" in line for code in codes)]


def _without_both() -> dict[str, str]:
    """The default theme's base.html and footer.html, with neither a search box (but those of
    the home and search pages) nor a 网站地图 link."""
    templates = DEFAULT_THEME / "templates"
    base = (templates / "base.html").read_text(encoding="utf-8")
    footer = (templates / "footer.html").read_text(encoding="utf-8")
    box = "{% if not own_search_box | default(false) and not replaced %}"
    link = f"{{% if not replaced_output | default(false) %}}<li>{SITE_MAP_LINK}</li>{{% endif %}}"
    assert box in base and link in footer
    return {
        "themes/default/templates/base.html": base.replace(box, "{% if false %}"),
        "themes/default/templates/footer.html": footer.replace(link, ""),
    }


@pytest.mark.parametrize("fixture", sorted(BUILDS))
def test_a_notice_build_has_no_search_box_nor_site_map_link(tmp_path: Path, fixture: str) -> None:
    args, _ = BUILDS[fixture]
    root = fixture_site(tmp_path, LIFECYCLE / fixture)
    done = run(root, *args, "--all", command="build")
    public = root / "public"
    marker = f'data-page="{"maintenance" if fixture == "temporary_offline" else "migration"}"'
    for rel in REPLACED:
        page = (public / rel).read_text(encoding="utf-8")
        assert marker in page, rel
        assert SEARCH_BOX not in page and 'href="/sitemap.html"' not in page, rel
        assert '<a href="#contact">联系我们</a>' in page and 'id="contact"' in page, rel
    # Nothing asks for them, and no link of the notice leads nowhere.
    assert _codes(done.lines, "SEARCH-01", "ID-13", "SEC-06") == [], done.lines


@pytest.mark.parametrize("fixture", sorted(BUILDS))
def test_the_checks_do_not_ask_a_notice_build_for_them(tmp_path: Path, fixture: str) -> None:
    """A site theme's notice without them is no fault either."""
    args, _ = BUILDS[fixture]
    root = fixture_site(tmp_path, LIFECYCLE / fixture, _without_both())
    done = run(root, *args, "--all", command="build")
    assert (root / "public/index.html").is_file()
    assert _codes(done.lines, "SEARCH-01", "ID-13", "SEC-06") == [], done.lines


@pytest.mark.parametrize("fixture", sorted(BUILDS))
def test_an_ordinary_build_still_shows_and_asks_for_both(tmp_path: Path, fixture: str) -> None:
    """Near miss: the same site on a day it is neither offline nor moved."""
    _, date = BUILDS[fixture]
    root = fixture_site(tmp_path / "default", LIFECYCLE / fixture)
    done = run(root, "--all", date=date, command="build")
    assert _codes(done.lines, "SEARCH-01", "ID-13") == [], done.lines
    page = (root / "public/dt/index.html").read_text(encoding="utf-8")
    assert 'data-page="column"' in page
    assert SEARCH_BOX in page and SITE_MAP_LINK in page
    root = fixture_site(tmp_path / "without", LIFECYCLE / fixture, _without_both())
    lines = run(root, "--all", date=date, command="build").lines
    # (each once, at the line of the site template that left it out: its <footer>, and the
    # <header> of its base.html)
    [site_map] = [line for line in lines if "[ID-13]" in line]
    assert re.fullmatch(
        r"themes/default/templates/footer\.html:4: advice \[ID-13\] 页面 \S+ 等 \d+ 个页面 "
        r"的页脚没有“网站地图”链接；请链接 /sitemap\.html \(no site map link in the footer on "
        r"\S+ and \d+ more pages\)",
        site_map,
    ), site_map
    theme = _without_both()["themes/default/templates/base.html"]
    header = theme[: theme.index("<header")].count("\n") + 1
    [search] = [line for line in lines if "[SEARCH-01]" in line]
    assert re.fullmatch(
        rf"themes/default/templates/base\.html:{header}: deduct \[SEARCH-01\] 页面 \S+ 等 \d+ "
        r'个页面 没有搜索入口；请在页头或页面中放 role="search" 的搜索表单 \(no search entry on '
        r"\S+ and \d+ more pages\)",
        search,
    ), search
