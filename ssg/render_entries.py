"""A listing's parts, as the default theme's macros write them, made in Python: the template
globals `item_entries` (`_item_list.html`'s `item_entry`, once per entry), `policy_entries`
(`_policy_list.html`'s `policy_entry`) and `pagination` (`_item_list.html`'s `pagination`).

A column's listing page called the macro once per entry, twenty times a page: at 10k items,
1,063 listing pages took 0.55 ms each, most of it in Jinja's macro calls (issue 9); the pager's
and the policy library's entries were the next largest part of a listing page. The text is the
macros', byte for byte (tests/test_render_entries.py compares the two on every kind of entry
and page). A site whose theme overrides `_item_list.html` or `_policy_list.html` gets its own
macros' text, called one by one as before: the Python copies stand only for the default
theme's files.

`write_value` is how ssg's templates write a value (ssg/render.py, PageTemplate), and how the
parts here write theirs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from markupsafe import Markup, escape

ENTRY_TEMPLATE = "_item_list.html"
POLICY_TEMPLATE = "_policy_list.html"


class ListingParts:
    """The globals `item_entries`, `policy_entries` and `pagination` of one environment (one
    Renderer, one build). Each reads the environment's globals when called (a hot update of
    `ssg serve` rebinds `site`) and asks which file its template is, so that a site's own
    decides.

    Each entry is made once: an item is listed on its column's pages and on each of its
    ancestors', a policy on the library's pages by year, by topic and by issuer as well, and
    its text is the same each time (the entry, the globals and the filters decide it). The
    texts are kept by the entry itself (the object, held with its text) for as long as the
    globals and filters they were made with are those of the environment: at most one per
    listed item in one build (an entry's text with its column's name and without are made
    of the same parts), none kept past a rebound `site`."""

    def __init__(self, env: jinja2.Environment, default_theme: Path) -> None:
        self.env = env
        self._defaults = {
            name: os.path.normpath(default_theme / "templates" / name)
            for name in (ENTRY_TEMPLATE, POLICY_TEMPLATE)
        }
        self._theme: Theme | None = None
        self._entries: dict[int, tuple[Any, str, str | None, str]] = {}
        self._policies: dict[int, tuple[Any, str]] = {}

    def install(self) -> None:
        self.env.globals.update(
            item_entries=self.item_entries,
            policy_entries=self.policy_entries,
            pagination=self.pagination,
        )

    def _own(self, name: str, macro: str) -> Any:
        """The site theme's macro `macro` of its template `name` when the site has its own
        template (it decides), else None."""
        template = self.env.get_template(name)
        if template.filename is not None and (
            os.path.normpath(template.filename) == self._defaults[name]
        ):
            return None
        found = getattr(template.module, macro, None)
        if found is None:  # (the error `{% from name import macro %}` gave)
            raise jinja2.UndefinedError(
                f"the template {name!r} does not export the requested name {macro!r}"
            )
        return found

    def _made_with(self) -> Theme:
        """The environment's globals and filters, the entries made so far forgotten when
        they are not those the entries were made with."""
        theme = Theme.of(self.env)
        if self._theme is None or not theme.same(self._theme):
            self._theme = theme
            self._entries.clear()
            self._policies.clear()
        return self._theme

    def item_entries(self, entries: Iterable[Any], show_column: bool = False) -> Markup:
        """`item_entries(entries, show_column=false)`: every entry of `entries` as `item_entry`
        writes it, one after another."""
        macro = self._own(ENTRY_TEMPLATE, "item_entry")
        if macro is not None:
            return Markup("".join(macro(entry, show_column=show_column) for entry in entries))
        theme = self._made_with()
        made = self._entries
        out: list[str] = []
        for entry in entries:
            found = made.get(id(entry))
            if found is None:
                found = made[id(entry)] = (entry, *entry_parts(entry, theme))
            _entry, head, facts, tail = found
            if facts is None:
                facts = column_facts(entry, theme) if show_column else ""
            out += (head, facts, tail)
        return Markup("".join(out))

    def policy_entries(self, entries: Iterable[Any]) -> Markup:
        """`policy_entries(entries)`: every entry as `_policy_list.html`'s `policy_entry`
        writes it (the policy library's pages), one after another."""
        macro = self._own(POLICY_TEMPLATE, "policy_entry")
        if macro is not None:
            return Markup("".join(macro(entry) for entry in entries))
        theme = self._made_with()
        made = self._policies
        out = []
        for entry in entries:
            found = made.get(id(entry))
            if found is None:
                found = made[id(entry)] = (entry, policy_entry_html(entry, theme))
            out.append(found[1])
        return Markup("".join(out))

    def pagination(self, listing: Any) -> Markup:
        """`pagination(listing)`: the pager of a listing page, as `_item_list.html`'s macro
        `pagination` writes it (nothing for a listing of one page)."""
        macro = self._own(ENTRY_TEMPLATE, "pagination")
        if macro is not None:
            return Markup(macro(listing))
        return Markup(pagination_html(listing, Theme.of(self.env)))


# markupsafe's own escaping of a string, as its `escape` calls it (markupsafe 3); with an older
# one, `escape` itself: the same text.
escape_text: Callable[[str], str] = getattr(markupsafe, "_escape_inner", escape)


def write_value(value: object) -> str:
    """What `{{ value }}` writes, the same text as Jinja's `escape(value)` (markupsafe's), in
    a fraction of its time: a Markup value as it is, a string escaped without the Markup that
    `escape` wraps it in. `escape` copies a Markup value twice to make a new Markup of it (the
    body, the header, the footer: several kB of every page) and runs two Python functions for
    every string, twenty-odd a page; all Jinja does with what it gets is join it into the page
    (a macro's, a call block's or a `set` block's text is made Markup again as a whole)."""
    if type(value) is str:
        return escape_text(value)
    if type(value) is Markup:
        return value
    return escape(value)  # (anything else: an `__html__`, a number, an Undefined that fails)


@dataclass(frozen=True, slots=True)
class Theme:
    """What the macros use of the environment: globals and filters."""

    url_of: Callable[[str], str]
    interpretations: Callable[[str], list[Any]]
    site: Any
    site_name_of: Callable[[str], str]
    page_links: Callable[[Any], list[Any]]
    href: Callable[[str], str]
    day: Callable[[Any], str]
    ranges: Callable[[str], str]

    @classmethod
    def of(cls, env: jinja2.Environment) -> Theme:
        g: dict[str, Any] = env.globals
        f = env.filters
        return cls(
            g["url_of"], g["interpretations"], g["site"], g["site_name_of"], g["page_links"],
            f["href"], f["day"], f["ranges"],
        )  # fmt: skip

    def same(self, other: Theme) -> bool:
        """The same functions and site (not equal ones: a Site is compared field by field)."""
        return all(getattr(self, name) is getattr(other, name) for name in self.__slots__)


def entry_html(entry: Any, show_column: bool, theme: Theme) -> str:
    """One `<li>` of `_item_list.html`'s `item_entry`, with its whitespace as Jinja leaves it
    (trim_blocks, lstrip_blocks: a line holding only a tag is gone)."""
    head, facts, tail = entry_parts(entry, theme)
    if facts is None:
        facts = column_facts(entry, theme) if show_column else ""
    return head + facts + tail


def entry_parts(entry: Any, theme: Theme) -> tuple[str, str | None, str]:
    """An entry's text in three parts: its link, its facts and its date. The facts are None
    for the kinds whose only fact is their column's name, shown in a listing that spans
    several columns (`column_facts`)."""
    href, url_of = theme.href, theme.url_of
    kind = entry.type
    head = "".join(
        (
            '<li>\n  <a href="',
            write_value(href(url_of(entry.id))),
            '">',
            write_value(theme.ranges(entry.title)),
            "</a>\n",
        )
    )
    facts: str | None = None
    if kind == "policy":
        readings = theme.interpretations(entry.id)
        out = ['  <span class="entry-facts">']
        if entry.doc_number:
            out += ("<span>", write_value(entry.doc_number), "</span>")
        if entry.validity != "有效":
            out += ('<strong class="validity">', write_value(entry.validity), "</strong>")
        if len(readings) == 1:
            out += (
                '<a class="tag tag-reading" href="',
                write_value(href(url_of(readings[0].id))),
                '">解读<span class="visually-hidden">：',
                write_value(readings[0].title),
                "</span></a>",
            )
        elif readings:
            out += (
                '<a class="tag tag-reading" href="',
                write_value(href(url_of(entry.id))),
                '#interpretations">解读 ',
                write_value(len(readings)),
                '<span class="visually-hidden">篇：',
                write_value(entry.title),
                "的解读</span></a>",
            )
        out.append("</span>\n")
        facts = "".join(out)
    elif kind == "reply":
        replied = write_value(theme.day(entry.replied))
        facts = "".join(
            (
                '  <span class="entry-facts"><span>',
                write_value(entry.department),
                '</span><span>答复于 <time datetime="',
                replied,
                '">',
                replied,
                "</time></span></span>\n",
            )
        )
    elif kind == "service":
        online = write_value(entry.online)
        facts = '  <span class="entry-facts"><span class="tag">' + online + "</span></span>\n"
    shown = entry.shown_date
    tail = "</li>\n"
    if shown and kind not in ("reply", "leader"):
        day = write_value(theme.day(shown))
        tail = '<time class="entry-date" datetime="' + day + '">' + day + "</time></li>\n"
    return head, facts, tail


def column_facts(entry: Any, theme: Theme) -> str:
    """An entry's column, in a listing that spans several (`show_column`)."""
    title = write_value(theme.site.columns[entry.column].title)
    return '  <span class="entry-facts"><span>' + title + "</span></span>\n"


_UNSET = object()


def policy_entry_html(entry: Any, theme: Theme) -> str:
    """One `<li>` of `_policy_list.html`'s `policy_entry`, with its whitespace as Jinja leaves
    it (trim_blocks, lstrip_blocks)."""
    href, url_of = theme.href, theme.url_of
    out = [
        '<li class="policy-entry">\n  <a href="',
        write_value(href(url_of(entry.id))),
        '">',
        write_value(theme.ranges(entry.title)),
        '</a>\n  <span class="policy-facts">\n',
    ]
    # (`is defined`: a policy column may list items of other kinds, which have neither)
    doc_number = getattr(entry, "doc_number", _UNSET)
    if doc_number is not _UNSET and doc_number:
        out += ('<span class="doc-number">', write_value(doc_number), "</span>")
    day = write_value(theme.day(entry.date))
    out += ('    <time datetime="', day, '">', day, "</time>\n")
    validity = getattr(entry, "validity", _UNSET)
    if validity is not _UNSET and validity != "有效":
        out += ('<strong class="validity">', write_value(validity), "</strong>")
    out.append("  </span>\n")
    readings = theme.interpretations(entry.id)
    if readings:
        out.append(
            '  <span class="policy-readings"><span class="policy-readings-label">解读：</span>'
        )
        last = len(readings) - 1
        for number, reading in enumerate(readings):
            out += (
                '<a href="',
                write_value(href(url_of(reading.id))),
                '">',
                write_value(reading.form),
                '<span class="visually-hidden">：',
                write_value(reading.title),
            )
            site_name = theme.site_name_of(reading.id)
            if site_name:
                out += ("（", write_value(site_name), "）")
            out.append("</span></a>")
            if number != last:
                out.append("、")
        out.append("</span>\n")
    out.append("</li>\n")
    return "".join(out)


def pagination_html(listing: Any, theme: Theme) -> str:
    """`_item_list.html`'s `pagination`: the pager of a listing of more than one page."""
    if not listing.total > 1:
        return ""
    href = theme.href
    out = ['<nav class="pagination" aria-label="分页">\n  <ul>\n']
    if listing.prev_url:
        out += (
            '<li><a href="',
            write_value(href(listing.prev_url)),
            '" rel="prev">上一页</a></li>',
        )
    for link in theme.page_links(listing):
        if link.number == 0:
            out.append('<li class="gap" aria-hidden="true">…</li>\n')
        else:
            out += (
                '<li><a href="',
                write_value(href(link.url)),
                '" aria-current="page"><span class="visually-hidden">第</span>'
                if link.current
                else '"><span class="visually-hidden">第</span>',
                write_value(link.number),
                '<span class="visually-hidden">页（当前页）</span></a></li>\n'
                if link.current
                else '<span class="visually-hidden">页</span></a></li>\n',
            )
    if listing.next_url:
        out += (
            '<li><a href="',
            write_value(href(listing.next_url)),
            '" rel="next">下一页</a></li>',
        )
    out += (
        '  </ul>\n  <p class="page-count">第 ',
        write_value(listing.number),
        " 页，共 ",
        write_value(listing.total),
        " 页</p>\n</nav>\n",
    )
    return "".join(out)
