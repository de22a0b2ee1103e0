"""A listing's entries, as the default theme's `item_entry` macro (`_item_list.html`) writes
them, made in Python: `item_entries`, a template global.

A column's listing page called the macro once per entry, twenty times a page: at 10k items,
1,063 listing pages took 0.55 ms each, most of it in Jinja's macro calls (issue 9). The text is
the macro's, byte for byte (tests/test_render_entries.py compares the two on every kind of
entry). A site whose theme overrides `_item_list.html` gets its own macro's entries, called
one by one as before: the Python copy stands only for the default theme's file.

`write_value` is how ssg's templates write a value (ssg/render.py, PageTemplate), and how the
entries here write theirs.
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


def item_entries_global(env: jinja2.Environment, default_theme: Path) -> Callable[..., Markup]:
    """`item_entries(entries, show_column=false)`: every entry of `entries` as `item_entry`
    writes it, one after another. Reads the environment's globals when called (a hot update
    of `ssg serve` rebinds `site`)."""
    default_file = os.path.normpath(default_theme / "templates" / ENTRY_TEMPLATE)

    def item_entries(entries: Iterable[Any], show_column: bool = False) -> Markup:
        template = env.get_template(ENTRY_TEMPLATE)
        if template.filename is None or os.path.normpath(template.filename) != default_file:
            macro = template.module.item_entry  # type: ignore[attr-defined]
            return Markup("".join(macro(entry, show_column=show_column) for entry in entries))
        # The template's own globals and filters, looked up as it would (a hot update of
        # `ssg serve` rebinds `site`).
        theme = Theme.of(env)
        return Markup("".join(entry_html(entry, show_column, theme) for entry in entries))

    return item_entries


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
    """What `item_entry` uses of the environment: globals and filters."""

    url_of: Callable[[str], str]
    interpretations: Callable[[str], list[Any]]
    site: Any
    href: Callable[[str], str]
    day: Callable[[Any], str]
    ranges: Callable[[str], str]

    @classmethod
    def of(cls, env: jinja2.Environment) -> Theme:
        g: dict[str, Any] = env.globals
        f = env.filters
        return cls(g["url_of"], g["interpretations"], g["site"], f["href"], f["day"], f["ranges"])


def entry_html(entry: Any, show_column: bool, theme: Theme) -> str:
    """One `<li>` of `_item_list.html`'s `item_entry`, with its whitespace as Jinja leaves it
    (trim_blocks, lstrip_blocks: a line holding only a tag is gone)."""
    href, url_of = theme.href, theme.url_of
    kind = entry.type
    out = [
        '<li>\n  <a href="',
        write_value(href(url_of(entry.id))),
        '">',
        write_value(theme.ranges(entry.title)),
        "</a>\n",
    ]
    if kind == "policy":
        readings = theme.interpretations(entry.id)
        out.append('  <span class="entry-facts">')
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
    elif kind == "reply":
        replied = write_value(theme.day(entry.replied))
        out += (
            '  <span class="entry-facts"><span>',
            write_value(entry.department),
            '</span><span>答复于 <time datetime="',
            replied,
            '">',
            replied,
            "</time></span></span>\n",
        )
    elif kind == "service":
        out += ('  <span class="entry-facts"><span class="tag">', write_value(entry.online))
        out.append("</span></span>\n")
    elif show_column:
        title = theme.site.columns[entry.column].title
        out += ('  <span class="entry-facts"><span>', write_value(title), "</span></span>\n")
    shown = entry.shown_date
    if shown and kind not in ("reply", "leader"):
        day = write_value(theme.day(shown))
        out += ('<time class="entry-date" datetime="', day, '">', day, "</time>")
    out.append("</li>\n")
    return "".join(out)
