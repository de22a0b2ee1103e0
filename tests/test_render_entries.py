"""A listing's parts made in Python (ssg/render_entries.py): the same text as the default
theme's macros `item_entry`, `policy_entry` and `pagination` for every kind of entry and page;
a site's own `_item_list.html` or `_policy_list.html` still decides its listings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from markupsafe import Markup

from ssg import render_entries
from ssg.build import build
from ssg.build_types import BuildOptions, BuildResult
from ssg.derive.listings import paginate
from ssg.render import DEFAULT_THEME
from tests.sitekit import SITE_YAML, front, interpretation, make_site, policy

DATE = dt.date(2026, 11, 20)

FILES = {
    # A policy with one interpretation, one with two, one abolished without any; one without
    # a doc number; titles with a number range and with characters to escape.
    "content/zcwj/one.md": policy("测政发〔2026〕1号", title="关于2026—2027年采暖期的通知"),
    "content/zcwj/two.md": policy("测政发〔2026〕2号", title="关于<中&小>企业的通知"),
    "content/zcwj/old.md": policy("测政发〔2026〕3号", validity="失效", title="旧的'通知'"),
    "content/zcwj/bare.md": policy("", title="没有字号的通知"),
    "content/zcjd/one.md": interpretation("测政发〔2026〕1号", title="解读“采暖”&1—10月"),
    "content/zcjd/two-a.md": interpretation("测政发〔2026〕2号", title="解读甲"),
    "content/zcjd/two-b.md": interpretation("测政发〔2026〕2号", title="解读乙"),
    "content/bsfw/_index.md": "---\ntitle: 办事服务\ntype: service\n---\n",
    "content/dt/bm/_index.md": "---\ntitle: 部门<动态>\ntype: news\n---\n",
    "content/dt/bm/a.md": front(
        {
            "title": "部门召开1~3月工作会议",
            "date": "2026-11-17 09:30",
            "source": "测试市发改委",
            "reviewed_by": "审核人",
        }
    ),
}


def built(root: Path) -> BuildResult:
    make_site(root, FILES)
    result = build(BuildOptions(source=root, out=root / "public", build_date=DATE, jobs=1))
    assert result.written, [str(d) for d in result.diagnostics.sorted()]
    assert result.renderer is not None and result.site is not None
    return result


def test_every_kind_of_entry_is_the_macros_text(tmp_path: Path) -> None:
    result = built(tmp_path)
    assert result.renderer is not None and result.site is not None
    env = result.renderer.env
    macro = env.get_template("_item_list.html").module.item_entry  # type: ignore[attr-defined]
    items = [result.site.items[i] for i in sorted(result.site.items)]
    kinds = {item.type for item in items}
    assert {"policy", "interpretation", "news", "reply", "leader", "page"} <= kinds
    for show_column in (False, True):
        expected = "".join(macro(item, show_column=show_column) for item in items)
        assert env.globals["item_entries"](items, show_column=show_column) == expected
    # (what the cases above are there for, as the macro writes them)
    listing = env.globals["item_entries"](items, show_column=True)
    assert "解读 2<span" in listing and '<strong class="validity">失效</strong>' in listing
    assert "关于&lt;中&amp;小&gt;企业的通知" in listing and "答复于 <time" in listing
    assert '<span class="num-range">2026—2027</span>' in listing
    assert "<span>部门&lt;动态&gt;</span>" in listing


def test_listing_pages_are_those_the_macro_loop_made(tmp_path: Path) -> None:
    """Every listing page of a site whose column.html still calls the macro in a loop (as the
    default theme's did before) is the same text as the default theme's now."""
    column = (DEFAULT_THEME / "templates" / "column.html").read_text(encoding="utf-8")
    looped = column.replace(
        '{% extends "base.html" %}\n',
        '{% extends "base.html" %}\n{% from "_item_list.html" import item_entry %}\n',
    ).replace(
        '<ul class="item-list">\n{{ item_entries(items, show_column=subcolumns | length > 0) }}'
        "</ul>",
        '<ul class="item-list">\n  {% for entry in items %}{{ item_entry(entry, show_column='
        "subcolumns | length > 0) }}{% endfor %}\n</ul>",
    )
    assert looped.count("item_entry(") == 1 and "item_entries" not in looped.split("#}")[-1]
    now = built(tmp_path / "now")
    make_site(tmp_path / "then", {**FILES, "themes/default/templates/column.html": looped})
    then = build(BuildOptions(source=tmp_path / "then", out=tmp_path / "then" / "public",
                              build_date=DATE, jobs=1))  # fmt: skip
    assert now.written and then.written
    pages = sorted(p.relative_to(tmp_path / "now" / "public") for p in
                   (tmp_path / "now" / "public").rglob("index*.html"))  # fmt: skip
    listings = [p for p in pages if 'class="item-list"' in _read(tmp_path / "now" / "public" / p)]
    assert len(listings) >= 6
    for page in pages:
        assert _read(tmp_path / "then" / "public" / page) == _read(
            tmp_path / "now" / "public" / page
        ), page


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_a_sites_own_item_list_decides_its_listings(tmp_path: Path) -> None:
    own = (
        '{% macro item_entry(entry, show_column=false) %}<li class="mine">{{ entry.title }}'
        "{% if show_column %}（{{ site.columns[entry.column].title }}）{% endif %}</li>\n"
        "{% endmacro %}\n"
        "{% macro pagination(listing) %}{% endmacro %}\n"
    )
    make_site(tmp_path, {**FILES, "themes/default/templates/_item_list.html": own})
    result = build(BuildOptions(source=tmp_path, out=tmp_path / "public", build_date=DATE, jobs=1))
    assert result.written, [str(d) for d in result.diagnostics.sorted()]
    page = (tmp_path / "public" / "dt" / "index.html").read_text(encoding="utf-8")
    assert '<li class="mine">部门召开1~3月工作会议（部门&lt;动态&gt;）</li>' in page
    assert "entry-date" not in page


def test_entries_are_written_without_a_markup_for_each_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each value of an entry was escaped into a Markup of its own (and the title's Markup,
    from `ranges`, copied into another): entries now write values as the templates do
    (ssg/render_entries.py write_value): one Markup a title, one a number (解读 2) and one
    for the whole list; none but the list's for entries made before."""
    result = built(tmp_path)
    assert result.renderer is not None and result.site is not None
    items = [result.site.items[i] for i in sorted(result.site.items)]
    expected = result.renderer.env.globals["item_entries"](items, show_column=True)
    # (entries not made yet: the build's own have made them all)
    entries = render_entries.ListingParts(result.renderer.env, DEFAULT_THEME).item_entries
    made: list[object] = []
    new = Markup.__new__

    def counting(cls: type[Markup], *args: object, **kwargs: object) -> Markup:
        made.append(args[:1])
        return new(cls, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Markup, "__new__", counting)
    assert entries(items, show_column=True) == expected
    site = result.site
    numbers = [i for i in site.items if len(site.interpretations_of.get(i, ())) > 1]
    assert numbers == ["zcwj/two"]
    assert len(made) == len(items) + len(numbers) + 1
    made.clear()
    assert entries(items, show_column=True) == expected
    assert len(made) == 1


def _news(number: int) -> str:
    fields = {"title": f"第{number}次会议", "date": f"2026-10-{number:02} 09:00"}
    return front({**fields, "source": "测试市发改委", "reviewed_by": "审核人"})


# Enough news and policies for listings and library groups of several pages.
PAGED = {
    **FILES,
    **{f"content/dt/bm/n{n:02}.md": _news(n) for n in range(1, 27)},
    **{f"content/zcwj/p{n}.md": policy(f"测政发〔2026〕{10 + n}号") for n in range(1, 8)},
}
PAGED_YAML = SITE_YAML + "page_size: 5\n"


def built_paged(root: Path, files: dict[str, str] | None = None) -> BuildResult:
    make_site(root, {**PAGED, **(files or {})}, site_yaml=PAGED_YAML)
    result = build(BuildOptions(source=root, out=root / "public", build_date=DATE, jobs=1))
    assert result.written, [str(d) for d in result.diagnostics.sorted()]
    return result


def test_policy_entries_are_the_macros_text(tmp_path: Path) -> None:
    result = built(tmp_path)
    assert result.renderer is not None and result.site is not None
    env = result.renderer.env
    macro = env.get_template("_policy_list.html").module.policy_entry  # type: ignore[attr-defined]
    site = result.site
    entries = [site.items[i] for i in sorted(site.items) if site.items[i].type == "policy"]
    entries += [site.items[i] for i in sorted(site.items) if site.items[i].type == "interpretation"]
    expected = "".join(macro(entry) for entry in entries)
    made = env.globals["policy_entries"](entries)
    assert type(made) is Markup and made == expected
    # A reading of another site of the platform is named with its site (ssg/cross_site.py).
    # (the template's globals are its own dict once compiled: render.compile_page_templates)
    template = env.get_template("_policy_list.html")
    for names in (env.globals, template.globals):
        names["site_name_of"] = lambda item_id: "外<站>" if item_id == "zcjd/two-b" else ""
    macro = template.make_module().policy_entry  # type: ignore[attr-defined]
    expected = "".join(macro(entry) for entry in entries)
    assert env.globals["policy_entries"](entries) == expected
    assert "：解读乙（外&lt;站&gt;）</span></a>、<a href=" in expected
    assert '<span class="doc-number">测政发〔2026〕1号</span>    <time' in expected
    assert '<strong class="validity">失效</strong>' in expected


def test_the_pager_is_the_macros_text(tmp_path: Path) -> None:
    result = built(tmp_path)
    assert result.renderer is not None
    env = result.renderer.env
    macro = env.get_template("_item_list.html").module.pagination  # type: ignore[attr-defined]
    shown = 0
    for count in (0, 3, 6, 20, 41, 200):
        for page in paginate([f"i{n}" for n in range(count)], 5, "/新闻/<动态>/"):
            made = env.globals["pagination"](page)
            assert type(made) is Markup and made == macro(page), (count, page.number)
            shown += bool(made)
    assert env.globals["pagination"](paginate([], 5, "/dt/")[0]) == ""
    assert shown == 2 + 4 + 9 + 40  # (the pages of 6, 20, 41 and 200 entries)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_pages_are_those_the_macros_made(tmp_path: Path) -> None:
    """Every page of a site whose column.html and policy_listing.html still call the macros
    (as the default theme's did before) is the same text as the default theme's now."""
    templates = DEFAULT_THEME / "templates"
    column = _read(templates / "column.html").replace(
        '{% extends "base.html" %}\n',
        '{% extends "base.html" %}\n{% from "_item_list.html" import pagination %}\n',
    )
    library = _read(templates / "policy_listing.html").replace(
        '<ul class="item-list policy-list">\n{{ policy_entries(items) }}</ul>',
        '{% from "_policy_list.html" import policy_entry %}\n'
        '<ul class="item-list policy-list">\n'
        "  {% for entry in items %}{{ policy_entry(entry) }}{% endfor %}\n</ul>",
    )
    assert "import pagination" in column and "policy_entries" not in library.split("#}")[-1]
    built_paged(tmp_path / "now")
    built_paged(
        tmp_path / "then",
        {"themes/default/templates/column.html": column,
         "themes/default/templates/policy_listing.html": library},
    )  # fmt: skip
    now, then = tmp_path / "now" / "public", tmp_path / "then" / "public"
    pages = sorted(p.relative_to(now) for p in now.rglob("*.html"))
    texts = [_read(now / page) for page in pages]
    assert sum('class="pagination"' in text for text in texts) >= 8
    assert sum('<li class="policy-entry">' in text for text in texts) >= 3
    assert any('class="policy-readings"' in text for text in texts)
    for page, text in zip(pages, texts, strict=True):
        assert _read(then / page) == text, page


def test_a_sites_own_pager_and_policy_list_decide(tmp_path: Path) -> None:
    own_list = (
        "{% macro item_entry(entry, show_column=false) %}<li>{{ entry.title }}</li>{% endmacro %}\n"
        '{% macro pagination(listing) %}<p class="mine">{{ listing.number }}/{{ listing.total }}'
        "</p>{% endmacro %}\n"
    )
    own_policies = (
        '{% macro policy_entry(entry) %}<li class="my-policy">{{ entry.title }}'
        "（{{ interpretations(entry.id) | length }}）</li>{% endmacro %}\n"
    )
    built_paged(
        tmp_path,
        {"themes/default/templates/_item_list.html": own_list,
         "themes/default/templates/_policy_list.html": own_policies},
    )  # fmt: skip
    public = tmp_path / "public"
    second = _read(public / "dt" / "bm" / "index_2.html")
    assert '<p class="mine">2/6</p>' in second and 'class="pagination"' not in second
    pages = [_read(p) for p in public.rglob("*.html") if "policy-list" in _read(p)]
    assert pages and all('class="policy-entry"' not in page for page in pages)
    assert any(
        '<li class="my-policy">关于&lt;中&amp;小&gt;企业的通知（2）</li>' in p for p in pages
    )


def test_a_site_list_without_the_pager_fails_as_the_import_did(tmp_path: Path) -> None:
    own_list = "{% macro item_entry(entry, show_column=false) %}<li></li>{% endmacro %}\n"
    make_site(tmp_path, {**PAGED, "themes/default/templates/_item_list.html": own_list},
              site_yaml=PAGED_YAML)  # fmt: skip
    result = build(BuildOptions(source=tmp_path, out=tmp_path / "public", build_date=DATE, jobs=1))
    assert not result.written
    found = [d for d in result.diagnostics.sorted() if d.code == "THEME-01"]
    assert found and "pagination" in found[0].message


def test_each_entry_is_made_once_a_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An item listed on its column's page and its parent's, a policy on its column's page
    and the library's pages by year, topic and issuer: its entry is made once, and every
    page shows the same text (test_pages_are_those_the_macros_made: as the macros wrote)."""
    made: list[str] = []
    policies: list[str] = []
    entry_parts, policy_entry_html = render_entries.entry_parts, render_entries.policy_entry_html

    def counted(entry: Any, theme: render_entries.Theme) -> tuple[str, str | None, str]:
        made.append(entry.id)
        return entry_parts(entry, theme)

    def counted_policy(entry: Any, theme: render_entries.Theme) -> str:
        policies.append(entry.id)
        return policy_entry_html(entry, theme)

    monkeypatch.setattr(render_entries, "entry_parts", counted)
    monkeypatch.setattr(render_entries, "policy_entry_html", counted_policy)
    result = built_paged(tmp_path)
    assert result.site is not None
    public = tmp_path / "public"
    assert len(made) == len(set(made)) and len(policies) == len(set(policies))
    # (each of these pages lists the item, each page its own: made for the first only)
    listed = {"dt/bm/a": ["dt/bm/index.html", "dt/index.html"]}
    listed["zcwj/one"] = [
        str(p.relative_to(public)) for p in public.rglob("*.html")
        if "zcwj/one.html" in _read(p) and 'class="policy-entry"' in _read(p)
    ]  # fmt: skip
    assert all("dt/bm/a.html" in _read(public / page) for page in listed["dt/bm/a"])
    assert len(listed["zcwj/one"]) >= 3, listed
    # (its column's page lists it without the column's name, the parent's with it)
    assert made.count("dt/bm/a") == 1
    assert "<span>部门&lt;动态&gt;</span>" in _read(public / "dt" / "index.html")
    assert "<span>部门&lt;动态&gt;</span>" not in _read(public / "dt" / "bm" / "index.html")
    assert policies.count("zcwj/one") == 1


def test_entries_are_made_again_with_other_globals(tmp_path: Path) -> None:
    """The entries made are kept only while the globals they were made with are the
    environment's (`ssg serve` rebinds `site` after an edit)."""
    result = built(tmp_path)
    assert result.renderer is not None and result.site is not None
    env = result.renderer.env
    items = [result.site.items[i] for i in sorted(result.site.items)]
    policies = [item for item in items if item.type == "policy"]
    before = env.globals["item_entries"](items), env.globals["policy_entries"](policies)
    env.globals["url_of"] = lambda item_id: f"/moved/{item_id}.html"
    after = env.globals["item_entries"](items), env.globals["policy_entries"](policies)
    assert 'href="/moved/zcwj/one.html"' in after[0] and 'href="/moved/zcwj/one.html"' in after[1]
    assert after[0] == str(before[0]).replace('href="/', 'href="/moved/')
    assert after[1] == str(before[1]).replace('href="/', 'href="/moved/')
