"""A listing's entries made in Python (ssg/render_entries.py): the same text as the default
theme's `item_entry` macro for every kind of entry; a site's own `_item_list.html` still
decides its listings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from markupsafe import Markup

from ssg.build import build
from ssg.build_types import BuildOptions, BuildResult
from ssg.render import DEFAULT_THEME
from tests.sitekit import front, interpretation, make_site, policy

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
        '{% from "_item_list.html" import pagination %}',
        '{% from "_item_list.html" import item_entry, pagination %}',
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
    for the whole list."""
    result = built(tmp_path)
    assert result.renderer is not None and result.site is not None
    items = [result.site.items[i] for i in sorted(result.site.items)]
    entries = result.renderer.env.globals["item_entries"]
    expected = entries(items, show_column=True)
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
