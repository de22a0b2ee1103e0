"""Markdown → safe HTML: markdown-it-py (CommonMark + tables), then the nh3 sanitiser.

Raw HTML is allowed in Markdown but only a safe subset survives: no script, no event
handlers, no `javascript:` URLs, no iframes from outside the site. Relative links are
rewritten so that a bundle's images and `other.md` links work from the page's URL.
"""

from __future__ import annotations

import posixpath
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import nh3
from markdown_it import MarkdownIt

LinkRewriter = Callable[[str], str]

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "iframe", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"title", "lang", "id", "class"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "iframe": {"src", "title", "width", "height"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start"},
    "col": {"span"},
}
_SCHEMES = {"http", "https", "mailto", "tel"}


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    if element == "iframe" and attribute == "src":
        parts = urlsplit(value)
        # Only iframes of the site itself: an outside iframe is an outside asset.
        return value if not parts.scheme and not parts.netloc else None
    if attribute == "style":
        # Tables from Word keep their alignment; nothing else of inline CSS is needed.
        return (
            value
            if value.replace(" ", "")
            in ("text-align:center", "text-align:right", "text-align:left")
            else None
        )
    return value


_URL_ATTRIBUTES = frozenset({("a", "href"), ("img", "src"), ("iframe", "src")})


# The link rewriter of the body being sanitised in this thread (`sanitise`): the cleaner is
# made once, with one attribute filter, as making it per body was half of nh3's time.
_REWRITE = threading.local()


def _filter(element: str, attribute: str, value: str) -> str | None:
    rewrite: LinkRewriter | None = getattr(_REWRITE, "current", None)
    if rewrite is not None and (element, attribute) in _URL_ATTRIBUTES:
        value = rewrite(value)
    return _keep_attribute(element, attribute, value)


_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    attributes=_ATTRIBUTES,
    url_schemes=_SCHEMES,
    attribute_filter=_filter,
    link_rel=None,
    strip_comments=True,
)


def sanitise(html: str, rewrite: LinkRewriter | None = None) -> str:
    """The safe subset of HTML; relative URLs (Markdown's and raw HTML's alike) rewritten."""
    _REWRITE.current = rewrite
    try:
        return _CLEANER.clean(html)
    finally:
        _REWRITE.current = None


@dataclass(frozen=True, slots=True)
class Rendered:
    html: str
    links: tuple[tuple[str, int], ...]  # (href or src as written, file line) for link checks


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "typographer": False}).enable(
        ["table", "strikethrough"]
    )


_MD = _parser()


_RAW_URL = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']+)["']""", re.I)


def render_markdown(text: str, rewrite: LinkRewriter, first_line: int = 1) -> Rendered:
    """Render one body; `rewrite` maps each relative link target to its URL from the page."""
    env: dict[str, object] = {}
    tokens = _MD.parse(text, env)
    links: list[tuple[str, int]] = []
    for block in tokens:
        line = first_line + (block.map[0] if block.map else 0)
        if block.type == "html_block":
            links.extend((m.group(1), line + block.content.count("\n", 0, m.start()))
                         for m in _RAW_URL.finditer(block.content))  # fmt: skip
        for child in block.children or ():
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "html_inline":
                links.extend((m.group(1), line) for m in _RAW_URL.finditer(child.content))
            elif child.type in ("link_open", "image"):
                attr = "href" if child.type == "link_open" else "src"
                links.append((unquote(str(child.attrGet(attr) or "")), line))
    html = _MD.renderer.render(tokens, _MD.options, env)
    return Rendered(sanitise(html, rewrite), tuple(links))


def is_relative(target: str) -> bool:
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and not target.startswith(("/", "#"))


def relative_rewriter(
    page_dir: str, bundle_dir: str | None, md_to_url: Callable[[str], str | None]
) -> LinkRewriter:
    """Build the rewriter for one item.

    page_dir: the content folder of the page (where relative links are read from);
    bundle_dir: the URL folder of its bundle files (`slug/`), None for a plain file;
    md_to_url: content path of a .md target → its URL, None when it is not an item.
    """

    def rewrite(target: str) -> str:
        if not target or not is_relative(target):
            return target
        path, _, fragment = target.partition("#")
        # markdown-it percent-encodes targets: 市政府.md arrives as %E5%B8%82….md
        joined = posixpath.normpath(posixpath.join(page_dir, unquote(path))) if path else ""
        if path.endswith(".md"):
            url = md_to_url(joined)
            if url is not None:
                return url + (f"#{fragment}" if fragment else "")
            return target
        if bundle_dir is not None and path and not path.startswith("../"):
            return f"{bundle_dir}{target}"
        return target

    return rewrite
