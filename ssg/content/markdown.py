"""Markdown → safe HTML: cmark-gfm (CommonMark + tables + strikethrough), then the nh3 sanitiser.

Raw HTML is allowed in Markdown but only a safe subset survives: no script, no event
handlers, no `javascript:` URLs, no iframes from outside the site. Relative links are
rewritten so that a bundle's images and `other.md` links work from the page's URL.

The parser is cmark-gfm, GitHub's reference implementation of GFM, in C (the library of the
`cmarkgfm` package, which PyPI renders READMEs with). It is seven times faster than
markdown-it-py, which was a quarter of a cold build's rendering, and writes the same HTML for
the sample portal and the generated corpora (tests/content/test_cmark.py).
"""

from __future__ import annotations

import ctypes
import dataclasses
import ipaddress
import posixpath
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from urllib.parse import unquote, urlsplit

import nh3
from cmarkgfm import _cmark
from cmarkgfm.cmark import Options

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
    # <a name> is how Word marks a heading its table of contents links to (#_Toc1): kept, as
    # the checker's SEC-06 reads it. Not turned into an id, which could clash with others.
    "a": {"href", "name"},
    # role and aria-hidden only as marks of a decorative image (see _keep_attribute).
    "img": {"src", "alt", "width", "height", "role", "aria-hidden"},
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
    if element == "img" and attribute in ("role", "aria-hidden"):
        # An image is marked decorative by alt="" with aria-hidden="true" (A11Y-02's own
        # hint) or role="presentation" (older pages'): that mark is kept, so that an empty alt meant as decoration can be told from
        # one left out (Markdown's ![](x.png)). No other role: it would change what the
        # image is to a screen reader.
        kept = ("presentation", "none") if attribute == "role" else ("true",)
        value = value.strip().lower()
        return value if value in kept else None
    if attribute == "style":
        # Tables from Word keep their alignment; nothing else of inline CSS is needed.
        value = value.replace(" ", "")
        return (
            value if value in ("text-align:center", "text-align:right", "text-align:left") else None
        )
    return value


_URL_ATTRIBUTES = frozenset({("a", "href"), ("img", "src"), ("iframe", "src")})


# The link rewriter of the body being sanitised in this thread (`sanitise`): the cleaner is
# made once, with one attribute filter, as making it per body was half of nh3's time.
_REWRITE = threading.local()


def _filter(element: str, attribute: str, value: str) -> str | None:
    if (element, attribute) in _URL_ATTRIBUTES:
        if "%" in value:
            value = ascii_host(value)
        rewrite: LinkRewriter | None = getattr(_REWRITE, "current", None)
        if rewrite is not None:
            value = rewrite(value)
    return _keep_attribute(element, attribute, value)


# A link's host with a non-ASCII label in punycode (例子.cn → xn--fsqu00a.cn), as markdown-it
# wrote it; cmark percent-encodes it. Browsers read both alike, but the output rules compare
# hosts (and a raw-HTML link with an encoded host is the same link).
_ENCODED_HOST = re.compile(
    r"((?:https?:)?//(?:[^/?#@]*@)?|mailto:[^/?#@]*@)([^/?#:@\[\]]*%[^/?#:@\[\]]*)", re.I
)


def ascii_host(url: str) -> str:
    """`url` with a percent-encoded host in IDNA, as a browser reads it; the rest as it is."""
    match = _ENCODED_HOST.match(url)
    if match is None:
        return url
    try:
        # IDNA, as a browser reads the host: ｇｏｖ．ｃｎ is gov.cn, Ä.cn is xn--4ca.cn.
        host = unquote(match.group(2), errors="strict").encode("idna").decode("ascii")
    except UnicodeError:
        return url
    if "[" in host or "]" in host:
        return url  # (half of an encoded IP literal, %5Bfd00::…: not a name to convert)
    return match.group(1) + host + url[match.end() :]


_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    attributes=_ATTRIBUTES,
    url_schemes=_SCHEMES,
    attribute_filter=_filter,
    link_rel=None,
    strip_comments=True,
)


# An IPv6 host whose brackets cmark percent-encoded ([x](http://[fd00::1]/) gives
# href="http://%5Bfd00::1%5D/"), as markdown-it did not: no browser reads a host there, and
# nh3 drops an absolute URL it cannot parse before `_filter` sees it — the link lost its
# address and the output rules (ID-04, SEC-01) never saw the host. Only the host's brackets
# are decoded, where they delimit the address (RFC 3986 §3.2.2); in a path or a query they
# stay as cmark wrote them. (In an href or src value only: cmark writes text's quotes as
# &quot;, so `href="` is always an attribute.)
_ENCODED_IPV6 = re.compile(
    r'(\s(?:href|src)=")((?:https?:)?//(?:[^/?#@"\[\]]*@)?)%5B([0-9a-f:.]+)%5D(?=[:/?#"])', re.I
)


def _ipv6_literal(match: re.Match[str]) -> str:
    try:
        ipaddress.IPv6Address(match.group(3))
    except ValueError:
        return match.group(0)  # (no address: nothing a browser would open either)
    return f"{match.group(1)}{match.group(2)}[{match.group(3)}]"


def ipv6_hosts(html: str) -> str:
    """`html` with each link's encoded IPv6 host in its brackets (`_ENCODED_IPV6`)."""
    if "%5B" not in html and "%5b" not in html:  # (nearly every body: no regex run)
        return html
    return _ENCODED_IPV6.sub(_ipv6_literal, html)


# An iframe whose src the filter took (one from outside the site): left, it is an empty box
# on the page (and an "iframe without a title" finding). The loader says why (HTML-01).
_EMPTY_IFRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>\s*</iframe>")


def sanitise(html: str, rewrite: LinkRewriter | None = None) -> str:
    """The safe subset of HTML; relative URLs (Markdown's and raw HTML's alike) rewritten,
    an IPv6 host's encoded brackets decoded (`ipv6_hosts`)."""
    _REWRITE.current = rewrite
    try:
        clean = _CLEANER.clean(ipv6_hosts(html))
    finally:
        _REWRITE.current = None
    return _EMPTY_IFRAME.sub("", clean) if "<iframe" in clean else clean


class _Allocator(ctypes.Structure):
    """cmark's `cmark_mem`: the functions it allocates with."""

    _fields_ = (
        ("calloc", ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t)),
        ("realloc", ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t)),
        ("free", ctypes.CFUNCTYPE(None, ctypes.c_void_p)),
    )


class _Cmark:
    """cmark-gfm's C API, called through ctypes on the library cmarkgfm ships.

    cmarkgfm's own wrapper never frees the document tree nor the HTML it renders: 11 MB per
    thousand bodies, for the life of the process. These calls free both.
    """

    # Raw HTML is kept for the sanitiser; table alignment as `style`, which it keeps; and only
    # ~~two~~ tildes strike through, as in markdown-it: a single one is a range in Chinese
    # text (9:00~17:00, 1~3个工作日), which GFM would otherwise strike out.
    OPTIONS = (
        Options.CMARK_OPT_UNSAFE
        | Options.CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        | Options.CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
    )

    def __init__(self) -> None:
        lib = ctypes.CDLL(_cmark.__file__)  # (the one already loaded: dlopen shares it)
        p, i, s = ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t
        for name, restype, argtypes in (
            ("cmark_gfm_core_extensions_ensure_registered", None, ()),
            ("cmark_find_syntax_extension", p, (ctypes.c_char_p,)),
            ("cmark_parser_new", p, (i,)),
            ("cmark_parser_attach_syntax_extension", i, (p, p)),
            ("cmark_parser_feed", None, (p, ctypes.c_char_p, s)),
            ("cmark_parser_finish", p, (p,)),
            ("cmark_parser_get_syntax_extensions", p, (p,)),
            ("cmark_render_html", p, (p, i, p)),
            ("cmark_node_free", None, (p,)),
            ("cmark_parser_free", None, (p,)),
        ):
            function = getattr(lib, name)
            function.restype, function.argtypes = restype, argtypes
        self.lib = lib
        # The HTML is freed by the allocator that cmark made it with (not necessarily this
        # process's C library's: on Windows each library may bring its own).
        lib.cmark_get_default_mem_allocator.restype = ctypes.POINTER(_Allocator)
        lib.cmark_get_default_mem_allocator.argtypes = ()
        self.free = lib.cmark_get_default_mem_allocator().contents.free
        lib.cmark_gfm_core_extensions_ensure_registered()
        self.extensions = [lib.cmark_find_syntax_extension(n) for n in (b"table", b"strikethrough")]

    def html(self, text: str) -> str:
        lib = self.lib
        source = text.encode("utf-8")
        parser = lib.cmark_parser_new(self.OPTIONS)
        try:
            for extension in self.extensions:
                lib.cmark_parser_attach_syntax_extension(parser, extension)
            lib.cmark_parser_feed(parser, source, len(source))
            document = lib.cmark_parser_finish(parser)
            try:
                extensions = lib.cmark_parser_get_syntax_extensions(parser)
                rendered = lib.cmark_render_html(document, self.OPTIONS, extensions)
                try:
                    return ctypes.string_at(rendered).decode("utf-8")
                finally:
                    self.free(rendered)
            finally:
                lib.cmark_node_free(document)
        finally:
            lib.cmark_parser_free(parser)


class _CmarkWrapper:
    """cmarkgfm's own wrapper, where its library does not export the C API (as a Windows
    build may not): the same HTML, with the leak described above."""

    def html(self, text: str) -> str:
        from cmarkgfm.cmark import markdown_to_html_with_extensions

        html: str = markdown_to_html_with_extensions(
            text, options=_Cmark.OPTIONS, extensions=["table", "strikethrough"]
        )
        return html


def _renderer() -> _Cmark | _CmarkWrapper:
    try:
        return _Cmark()
    except (OSError, AttributeError):  # (no such library, or no such function in it)
        return _CmarkWrapper()


_CMARK = _renderer()
# cmark-gfm turns a process-wide entry of its character table off and on again while it
# finishes a parse: another thread's parse meanwhile (ctypes lets go of the interpreter lock;
# `ssg serve` renders hot updates beside its builds) would miss ~~strike-through~~.
_CMARK_LOCK = threading.Lock()

# Unicode spaces at the edges of a paragraph, heading, list item or table cell: markdown-it
# trimmed them, cmark keeps them. Text pasted from Word or WPS starts paragraphs with two
# ideographic spaces (　　), which the theme's text-indent would then indent twice.
_EDGE_SPACES = re.compile(
    r"(<(?:p|h[1-6]|li|td|th)(?: [^>]*)?>)[^\S\n]+|[^\S\n]+(?=</(?:p|h[1-6]|li|td|th)>)"
)


# Where `_EDGE_SPACES` could match, found fast: an opening tag and a space after it, or a
# space and a closing tag. Nearly every body has neither; each of these regexes starts at a
# `<` or a space, where `_EDGE_SPACES` tried both of its branches at every character (a
# quarter of rendering a body at 10k items, issue 9). Any match of it is a match of one of
# them, so a body without one is left as it is.
_EDGE_OPEN = re.compile(r"<(?:p|h[1-6]|li|td|th)(?: [^>]*)?>[^\S\n]")
_EDGE_CLOSE = re.compile(r"[^\S\n]</(?:p|h[1-6]|li|td|th)>")


def _trim_edges(html: str) -> str:
    if _EDGE_OPEN.search(html) is None and _EDGE_CLOSE.search(html) is None:
        return html
    return _EDGE_SPACES.sub(lambda m: m.group(1) or "", html)


# HTML that the sanitiser would give back as it is, byte for byte, when cmark wrote all of it
# (its Markdown held no `<`, so no raw HTML: every tag is cmark's own, closed in order):
# tags the sanitiser allows, without attributes (no link, image, alignment, list start:
# nothing to rewrite or filter), none that html5ever writes otherwise (`<br />` is `<br>`
# there; `<pre>` drops a leading newline), and text without a character it writes otherwise
# (`&` of an entity: `&quot;` comes back `"`; U+00A0 comes back `&nbsp;`, a `>` `&gt;`;
# CR, NUL and the other control characters, which its parser may replace). Such a body
# cannot hold anything the sanitiser takes out. Most bodies are so (all but those with a
# link in the generated corpora); the sanitiser took 15 µs a body, this test 2.5 µs (issue 9).
_PLAIN_TEXT = r"[^<>&\x00-\x08\x0b-\x1f\x7f-\xa0]*+"
_PLAIN_HTML = re.compile(
    _PLAIN_TEXT
    + r"(?:</?(?:p|h[1-6]|ul|ol|li|blockquote|strong|em|del|code|table|thead|tbody|tr|th|td)>"
    + _PLAIN_TEXT
    + r")*+"
)


def render_markdown(text: str, rewrite: LinkRewriter) -> str:
    """One body as safe HTML; `rewrite` maps each relative link target to its URL from the page."""
    with _CMARK_LOCK:
        html = _CMARK.html(text)
    html = _trim_edges(html)
    if "<" not in text and _PLAIN_HTML.fullmatch(html) is not None:
        return html  # (what `sanitise` would return: see _PLAIN_HTML)
    return sanitise(html, rewrite)


def is_relative(target: str) -> bool:
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and not target.startswith(("/", "#"))


def relative_rewriter(
    page_dir: str,
    bundle_dir: str | None,
    md_to_url: Callable[[str], str | None],
    file_to_url: Callable[[str], str | None] | None = None,
) -> LinkRewriter:
    """Build the rewriter for one item.

    page_dir: the content folder of the page (where relative links are read from);
    bundle_dir: the URL folder of its bundle files (`slug/`), None for a plain file;
    md_to_url: content path of a .md target → its URL, None when it is not an item;
    file_to_url: content path of another file a bundle links with `../` → its URL.
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
        if bundle_dir is not None and path:
            if not path.startswith("../"):
                return f"{bundle_dir}{target}"
            # A bundle's page sits one folder above its files (/col/slug.html beside
            # /col/slug/), so `../other/form.pdf` read from the page's URL would miss the
            # file the editor meant, read from the bundle's folder as every Markdown preview
            # reads it. (Outside content/: left as written, and the dead-link check says so.)
            if file_to_url is not None and joined != ".." and not joined.startswith("../"):
                url = file_to_url(joined)
                if url is not None:
                    return url + (f"#{fragment}" if fragment else "")
        return target

    return rewrite


# --- accessible names of body tables (WCAG 1.3.1, 4.1.2; GB/T 37668) ------------------------

# In a sanitised body: a heading, a table's start, its caption. Sanitised HTML has no
# comments, scripts or attributes holding `>` unescaped, so a tag ends at its first `>`.
_TABLE_CONTEXT = re.compile(
    r"<(h[1-6])\b[^>]*>(.*?)</\1\s*>|<table\b[^>]*>\s*(?:<caption\b[^>]*>(.*?)</caption\s*>)?",
    re.S | re.I,
)
_TAG = re.compile(r"<[^>]*>")
# (ASCII white space only, as the browser computes a name: an ideographic space stays)
_SPACE = re.compile(r"[ \t\n\r\f]+")


def _text(fragment: str) -> str:
    return _SPACE.sub(" ", unescape(_TAG.sub("", fragment))).strip()


@dataclass(frozen=True, slots=True)
class TableName:
    """The accessible name of one body table, and whether the table names itself (its own
    <caption>) or must be given the name (aria-label)."""

    name: str
    captioned: bool


def table_names(body: str, title: str) -> list[TableName]:
    """A name for each table of a sanitised body, in order, for assistive technology: the
    table's own <caption> (an editor's raw HTML table); else the text of the nearest heading
    before it, which is what the table is about (a Markdown table has no caption syntax, and
    the contract adds none); else `title`, the page's (else “表格”). Names given twice on one page are told
    apart by the table's number (“二、主动公开政府信息情况（表2）”): each names a scroll
    region too, and a page's regions must have names of their own (axe landmark-unique)."""
    found: list[TableName] = []
    heading = ""
    for match in _TABLE_CONTEXT.finditer(body):
        if match.group(1):
            heading = _text(match.group(2))
            continue
        caption = _text(match.group(3) or "")
        found.append(TableName(caption or heading or title.strip() or "表格", bool(caption)))
    counts: dict[str, int] = {}
    for entry in found:
        counts[entry.name] = counts.get(entry.name, 0) + 1
    return [
        dataclasses.replace(entry, name=_numbered(entry.name, number))
        if counts[entry.name] > 1 and not entry.captioned
        else entry
        for number, entry in enumerate(found, start=1)
    ]


def _numbered(name: str, number: int) -> str:
    return f"表格{number}" if name == "表格" else f"{name}（表{number}）"
