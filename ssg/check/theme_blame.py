"""Which template of a site's own theme a finding on the rendered pages belongs to.

The default theme renders every part the output rules ask for (the header's site name, the
national meta tags, the viewport, the breadcrumbs, the visible date, the footer's items) from
data/site.yaml and the content model. When a page lacks one, a template that the site's theme
(its themes/<name>/, or the repository's) put in place of the default one wrote it so: that
template, at the line that writes the region, is the file to open and correct, not each
page's content file, which the editor would open in vain (ARCHITECTURE §3.1 says findings on
rendered pages point to the page's source; this is the supplement README states for the
theme's faults). Which templates a page is made of is read from the templates themselves:
the page's own template (by the kind of page, as ssg/render.py chooses it), what it extends,
and what each includes or imports.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ssg.check.registry import CheckContext

# The names a template pulls others in by: extends, include, import and from … import, written
# with a literal name (a name computed at render time cannot be followed, and is not needed:
# neither the default theme nor the sites' themes seen so far compute one).
_PULLS = re.compile(
    r"""\{%-?\s*(extends|include|import|from)\s+["']([^"']+)["']""",
)
# The default base.html places the footer, rendered once per build from footer.html, with
# this global (ssg/render.py `footer_html`): a base.html that writes it uses footer.html.
_FOOTER_GLOBAL = re.compile(r"\{\{-?\s*footer_html\b")
_FOOTER_TEMPLATE = "footer.html"
_BASE_TEMPLATE = "base.html"
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
# A region a template may open and leave to another to fill: its start and its end.
_REGIONS = {"<header": "</header>", "<footer": "</footer>"}
_INCLUDE = re.compile(r"""\{%-?\s*include\s+["']([^"']+)["'][^%]*%\}""")
# What fills a region a template opens but does not write itself: an included template, or a
# block that a template extending it may fill in its place.
_FILLS = re.compile(r"""\{%-?\s*(?:include\s+["'](?P<include>[^"']+)["']|block\s+(?P<block>\w+))""")
_STATEMENT = re.compile(r"\{%.*?%\}", re.S)
_BLOCK_TAGS = re.compile(r"\{%-?\s*(?:block\s+(\w+)|endblock\b)")

# Generated pages (no content file) by their output path, as ssg/build.py renders them.
_PLAIN_PAGES = {
    "sitemap.html": "sitemap.html",
    "404.html": "404.html",
    "search/index.html": "search.html",
}


@dataclass(frozen=True, slots=True)
class Template:
    """One template as a page's render finds it: its name, the file (the site theme's or the
    default's), and its text with comments blanked out (line breaks kept)."""

    name: str
    file: Path
    own: bool  # the site theme's, in place of (or beside) the default theme's
    shown: str  # the text with its Jinja and HTML comments blanked: no page carries them

    def line_of(self, marker: str) -> int:
        """The line where `marker` is written outside comments; 0 if nowhere."""
        at = _find(self.shown, marker)
        return self.shown.count("\n", 0, at) + 1 if at >= 0 else 0


# A marker that opens or closes a tag (`<footer`, `</body>`, `<head `): its tag name.
_TAG_MARKER = re.compile(r"(</?)([A-Za-z][A-Za-z0-9-]*)(.*)", re.S)


@lru_cache(maxsize=256)
def _pattern(marker: str) -> re.Pattern[str]:
    """`marker` as a pattern: a tag's name in any case of its ASCII letters, as HTML reads it
    (a site template's <FOOTER> is its footer); the rest, and a marker of text or Jinja, as
    it is written."""
    tag = _TAG_MARKER.fullmatch(marker)
    if tag is None:
        return re.compile(re.escape(marker))
    start, name, rest = tag.groups()
    return re.compile(f"{re.escape(start)}(?ai:{re.escape(name)}){re.escape(rest)}")


def _find(text: str, marker: str, start: int = 0) -> int:
    """Where `marker` is first written in `text` from `start` (`_pattern`); -1 if nowhere."""
    found = _pattern(marker).search(text, start)
    return found.start() if found is not None else -1


def _blank(match: re.Match[str]) -> str:
    """A comment as spaces, its line breaks kept: the lines after it keep their numbers."""
    return re.sub(r"[^\n]", " ", match.group())


class ThemeTemplates:
    """The templates of one run's theme, each read once (`ssg serve` makes a new one for each
    run, so that an edited template is read again)."""

    def __init__(self, root: Path, theme: str) -> None:
        from ssg.render import theme_dirs  # (Jinja, only for the rules that ask)

        self.root = root
        self.folders = theme_dirs(root, theme)
        self.found: dict[str, Template | None] = {}
        self.chains: dict[str, tuple[Template, ...]] = {}
        # (a theme's fault is met on every page made from a template: judged once for them)
        self.places: dict[tuple[str, tuple[str, ...], bool, bool], tuple[str, int] | None] = {}

    def template(self, name: str) -> Template | None:
        """The template a render of `name` loads: the first theme folder that has it."""
        if name in self.found:
            return self.found[name]
        from ssg.render import DEFAULT_THEME

        found = None
        for folder in self.folders:
            path = folder / "templates" / name
            if path.is_file():
                try:
                    text = path.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    break
                shown = _HTML_COMMENT.sub(_blank, _JINJA_COMMENT.sub(_blank, text))
                found = Template(name, path, folder != DEFAULT_THEME, shown)
                break
        self.found[name] = found
        return found

    def chain(self, name: str) -> tuple[Template, ...]:
        """The templates a page rendered from `name` is made of, the layout first: what it
        extends before it, and what a template includes before the template itself (so that
        footer.html comes before the base.html that places it, as a region's writer should
        be found before the template that only places it)."""
        if name not in self.chains:
            self.chains[name] = tuple(self._chain(name, set()))
        return self.chains[name]

    def _chain(self, name: str, seen: set[str]) -> list[Template]:
        """(`seen`: each template once, and no endless loop of one that includes itself)"""
        template = self.template(name)
        if template is None or name in seen:
            return []
        seen.add(name)
        found: list[Template] = []
        pulled: list[str] = []
        for how, other in _PULLS.findall(template.shown):
            if how == "extends":
                found = self._chain(other, seen) + found
            else:
                pulled.append(other)
        if _FOOTER_GLOBAL.search(template.shown):
            pulled.append(_FOOTER_TEMPLATE)
        for other in pulled:
            found += self._chain(other, seen)
        return [*found, template]

    def place(
        self,
        name: str,
        markers: tuple[str, ...],
        page_first: bool = False,
        first_line: bool = True,
    ) -> tuple[str, int] | None:
        """(file, line) of the site theme's template of `name`'s chain where a finding on a
        page made from it belongs: the first template that writes one of `markers` (tried in
        their order), if it is the site theme's; else (`first_line`) the first of the site
        theme's templates of the chain, at its first line. None when the site theme has none
        in the chain, or when the default theme writes the marker: then it is no fault of the
        site theme's. `page_first`: look at the page's own template and its includes before
        the layout (a part of <main>, as the visible date)."""
        key = (name, markers, page_first, first_line)
        if key not in self.places:
            self.places[key] = self._place(name, markers, page_first, first_line)
        return self.places[key]

    def _place(
        self, name: str, markers: tuple[str, ...], page_first: bool, first_line: bool
    ) -> tuple[str, int] | None:
        layout_first = self.chain(name)
        chain = tuple(reversed(layout_first)) if page_first else layout_first
        for marker in markers:
            for template in chain:
                line = template.line_of(marker)
                if line and not _overridden(template, marker, layout_first):
                    if not template.own:
                        return None
                    filler = self._filler(template, marker, layout_first)
                    if filler is not None and filler[0].own:
                        return self._rel(filler[0]), filler[1]
                    return self._rel(template), line
        own = next((t for t in chain if t.own), None) if first_line else None
        return (self._rel(own), 1) if own is not None else None

    def _filler(
        self, template: Template, marker: str, chain: tuple[Template, ...]
    ) -> tuple[Template, int] | None:
        """(template, line) that writes a region's content when `template` only opens the
        region at `marker` and has it filled (`<header>{% include "header.html" %}</header>`):
        the fault of a header or footer that lacks an item is in what is written inside, and
        the include line of base.html is not where to add it. The region ends at its end tag,
        or at the include that writes the end tag (`<footer>{% include "footer_items.html" %}`,
        which closes it). What fills it, the first that does: an included template (at its
        first line), or a block of `template` that a template of the page's `chain` (layout
        first) fills in its place (at that template's block line). None when `template`
        writes anything of the region itself (or `marker` opens no region)."""
        close = _REGIONS.get(marker)
        if close is None:
            return None
        shown = template.shown
        start = shown.find(">", _find(shown, marker)) + 1
        end = self._region_end(shown, start, close)
        if not start or end < 0:
            return None  # (closed nowhere that is found: what `template` writes is unknown)
        inside = shown[start:end]
        if _STATEMENT.sub("", inside).strip():
            return None
        for fill in _FILLS.finditer(inside):
            if fill["include"]:
                included = self.template(fill["include"])
                return (included, 1) if included is not None else None
            # (the last template of the chain that has the block is the one rendered)
            for other in reversed(chain):
                if other is template:
                    break
                line = _block_line(other, fill["block"])
                if line:
                    return other, line
        return None

    def _region_end(self, shown: str, start: int, close: str) -> int:
        """Where a region that opens at `start` of `shown` ends: its end tag, or the end of
        an include before it whose template (or one it pulls in) writes the end tag; -1 when
        neither is found."""
        end = _find(shown, close, start)
        for include in _INCLUDE.finditer(shown, start, end if end >= 0 else len(shown)):
            if any(_find(t.shown, close) >= 0 for t in self.chain(include[1])):
                return include.end()
        return end

    def _rel(self, template: Template) -> str:
        return os.path.relpath(template.file, self.root).replace(os.sep, "/")


def _overridden(template: Template, marker: str, chain: tuple[Template, ...]) -> bool:
    """Whether `marker`, where `template` writes it, is inside a block that a template after
    it in the page's `chain` (layout first: one that extends it) fills in its place without
    `super()`: then what `template` writes there is on none of those pages
    (`{% block footer %}<footer>…{% endblock %}` of base.html, filled by home.html's own)."""
    at = _find(template.shown, marker)
    names: list[str] = []  # (the blocks open at `at`, outermost first)
    for tag in _BLOCK_TAGS.finditer(template.shown, 0, at):
        if tag[1]:
            names.append(tag[1])
        elif names:
            names.pop()
    if not names:
        return False
    later = chain[chain.index(template) + 1 :]
    return any(
        "super()" not in other.shown and any(_block_line(other, name) for name in names)
        for other in later
    )


def _block_line(template: Template, block: str) -> int:
    """The line where `template` opens the block `block`; 0 if it has none."""
    found = re.search(rf"\{{%-?\s*block\s+{re.escape(block)}\b", template.shown)
    return template.shown.count("\n", 0, found.start()) + 1 if found is not None else 0


def theme_templates(ctx: CheckContext) -> ThemeTemplates:
    """The theme's templates for this run, read once by whichever rule asks first."""
    found = ctx.shared.get("theme-templates")
    if not isinstance(found, ThemeTemplates):
        found = ctx.shared["theme-templates"] = ThemeTemplates(ctx.root, ctx.site.config.theme)
    return found


def page_template(ctx: CheckContext, kind: str, source: str, path: str) -> str:
    """The template ssg/render.py renders a page from: by its kind (home, column, item) and
    source, or for a generated page by its output path; base.html, which every page template
    of the default theme extends, for a page this does not know."""
    if kind == "home":
        return "home.html"
    if kind in ("item", "column"):
        return _source_templates(ctx).get(source, _BASE_TEMPLATE)
    return _PLAIN_PAGES.get(path, _BASE_TEMPLATE)


def _source_templates(ctx: CheckContext) -> dict[str, str]:
    """Content file -> the template of its pages: an item's by its type, a column's
    column.html, or policy_listing.html for the policy library's (ssg/render_library.py).
    Made once per run."""
    found = ctx.shared.get("source-templates")
    if not isinstance(found, dict):
        from ssg.derive.policy_library import library_columns
        from ssg.render import TEMPLATES

        site = ctx.site
        found = {c.location.file: "column.html" for c in site.columns.values()}
        found.update(
            (site.columns[c].location.file, "policy_listing.html") for c in library_columns(site)
        )
        found.update(
            (i.location.file, TEMPLATES.get(i.type, _BASE_TEMPLATE)) for i in site.items.values()
        )
        ctx.shared["source-templates"] = found
    return found
