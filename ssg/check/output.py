"""Rules on the rendered output: landmarks, national meta tags, header and footer identity,
links, outside assets, advertising, alternative text and the search entry.

Every rule reads the pages of `ctx.pages` through one shared scan per run (`_scan`), so that
a 10,000-item site is walked once, not once per rule. The scan reads each page's text with a
few regular expressions and parses (with the registry's `parse_tags`) only the start tags it has
not met before: it never walks `page.tags`, which would cost a Python step for each of the
millions of tags of a large site. What the scan takes from a page's text alone (`PageFacts`)
is kept across builds by the scan cache (ssg/check/scan_cache.py, issue 9), so that a page
reused unchanged from the last build is not read again; what depends on anything else (the
page's source, the site's settings, which files the output has) is applied every run.
Findings point to the source file of the page (`ctx.page_file`) and name the output path in
the message; a fault that a site theme's template causes is said once, at that template's line
(ssg/check/theme_blame.py, `_theme_or_page`). Sources (RULES.md §1, §2, §7, §10, §11):

- DESIGN-01 指引 附件《政府网站网页设计规范》◐, 吉林办法 第十一条、第十三条 ✅ (three regions)
- DESIGN-02..04 指引 附件“网页标签” ◐ (SiteName… / ColumnName… / ArticleTitle…)
- DESIGN-05 普查评分表 注 ✅ (an item without a visible date counts as not updated)
- DESIGN-09 ⚠, DESIGN-10 ⚠ (as checked here) → advice
- DESIGN-12 指引 ◐ (no commercial advertising)
- ID-01 吉林办法 第十一条 ✅; ID-08..10 页脚惯例 ◐; ID-13 吉林办法 附件1、第七条 ✅ (网站地图 ⚠)
- SEC-01 吉林办法 第三十条（二）✅ (no outside CDN, font or script); SEC-06 检查指标 ✅ (links)
- A11Y-02 GB/T 37668—2019 ✅ (text alternatives); SEARCH-01 吉林办法 第三十二条 ✅
"""

from __future__ import annotations

import dataclasses
import functools
import html
import ipaddress
import operator
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from ssg.check.registry import (
    CheckContext,
    Finding,
    RenderedPage,
    parse_tags,
    replaced_output,
    rule,
)
from ssg.check.theme_blame import page_template, theme_templates
from ssg.config import read_host_key
from ssg.content.model import COLUMN_TYPES, Item
from ssg.content.validate import UNDATED_TYPES
from ssg.deploy.nginx import idna
from ssg.diagnostics import Diagnostics, Severity
from ssg.lifecycle import DOMAIN_CHANGE, load_lifecycle, mapping_places

# --- what counts as what ----------------------------------------------------------------

# <link rel> values that load something (SEC-01); other rels (canonical, alternate) only link.
_ASSET_RELS = frozenset(
    [
        "stylesheet",
        "icon",
        "shortcut",
        "apple-touch-icon",
        "apple-touch-icon-precomposed",
        "mask-icon",
        "preload",
        "modulepreload",
        "prefetch",
        "manifest",
    ]
)
# Tags that load an asset from one attribute (img/source srcset is handled beside src).
_ASSET_ATTRS = {
    "script": ("src",),
    "img": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "source": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
}

# The only outside hosts the default theme may load, and only when configured (ID-11, ID-12).
CONAC_HOST = "dcs.conac.cn"
JIUCUO_HOST = "zfwzgl.www.gov.cn"

# DESIGN-12: well-known advertising networks (a host matches itself and its sub-domains). Their
# embed code always loads a script, image or frame from one of these hosts.
AD_HOSTS = (
    "googlesyndication.com",
    "doubleclick.net",
    "googleadservices.com",
    "adservice.google.com",
    "amazon-adsystem.com",
    "adnxs.com",
    "criteo.com",
    "taboola.com",
    "outbrain.com",
    "pos.baidu.com",
    "cpro.baidu.com",
    "cpro.baidustatic.com",
    "dup.baidustatic.com",
    "cbjs.baidu.com",
    "gdt.qq.com",
    "tanx.com",
    "alimama.com",
    "mediav.com",
)

_PUBDATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_IGNORED_SCHEMES = frozenset({"mailto", "tel", "sms", "data", "blob", "about", "callto"})
_SCRIPT_SCHEMES = frozenset({"javascript", "vbscript"})
_CSS_URL = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')"""
)
_STRIP_TAGS = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_ID_ATTR = re.compile(r"""(?<![\w-])id\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_A_NAME = re.compile(r"""<a\b[^>]*?\sname\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)


# --- URL classes ------------------------------------------------------------------------

SKIP, FRAGMENT, INTERNAL, ABSOLUTE, SCRIPT = range(5)


@dataclass(frozen=True, slots=True)
class Url:
    kind: int
    value: str  # INTERNAL: the path (no query, no fragment); ABSOLUTE: the host; FRAGMENT: id


def classify(url: str) -> Url:
    """What a URL in the output is: skipped, a same-page fragment, a path of the site, an
    absolute URL (with its host) or a script URL."""
    u = url.strip()
    if not u:
        return Url(SKIP, "")
    if u[0] == "#":
        return Url(FRAGMENT, unquote(u[1:]))
    if u.startswith("//"):
        return Url(ABSOLUTE, _host(u))
    scheme = _SCHEME.match(u)
    if scheme:
        name = scheme.group(1).lower()
        if name in _SCRIPT_SCHEMES:
            return Url(SCRIPT, name)
        if name in _IGNORED_SCHEMES or "/" not in u:
            return Url(SKIP, "")
        return Url(ABSOLUTE, _host(u))
    path = u.split("#", 1)[0].split("?", 1)[0]
    return Url(INTERNAL, path) if path else Url(SKIP, "")


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ""


@functools.lru_cache(maxsize=4096)
def host_key(host: str) -> str:
    """A link's host (`_host`) as hosts are compared: lower case, and an IP address in its one
    written form (FD00:0::1 is fd00::1)."""
    host = host.lower()
    try:
        return ipaddress.ip_address(host).compressed
    except ValueError:
        return host


def allowed_host(key: str) -> str:
    """The host a key of site.yaml's `allowed_hosts` names, as links carry it, by the one
    reading of those keys (config.read_host_key; config loading refuses a key that names no
    host): an editor copies a host off its address bar, `10.1.2.3:8080` or `[fd00::1]`, while
    a link's host (urlsplit's hostname) has no port and no brackets. The port is not
    compared: like every host rule here, allowed_hosts names hosts."""
    found = read_host_key(key)
    return host_key(found.host) if found is not None else ""


def _own_path(url: str) -> str | None:
    """The path of a web URL (http, https or scheme-relative) as a site-relative one ("/" for
    the bare host); None for another scheme (ftp://): not a page of the output."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("", "http", "https"):
        return None
    return parts.path or "/"


def _srcset(value: str) -> list[str]:
    return [c.split()[0] for c in value.split(",") if c.strip()]


# --- the shared scan ----------------------------------------------------------------------
#
# Pages are read through their text with a few regular expressions (C speed) rather than by
# walking every parsed tag in Python: the chrome of a page (header, navigation, footer) is the
# same on thousands of pages, so each distinct element is parsed once (`Scan.element`) and
# judged against the output once (`Scan.here`), and each distinct header or footer region is
# parsed once (`Scan.region`).

_NAMES = "a|area|link|img|script|iframe|frame|video|audio|source|track|embed|object|input|form"
# (The lookahead holds the names' first letters: most of a page's 350 `<` open a <div>, <li>,
# <span> or a closing tag, and fail there instead of at each of the 16 names in turn: 0.22 ->
# 0.16 s over the 10k benchmark's pages. Under re.I the set ignores case too.)
_ELEMENT = re.compile(rf"<(?=[aefilostv])({_NAMES}|search)\b([^>]*)>")
_ELEMENT_ANY_CASE = re.compile(rf"<(?=[aefilostv])({_NAMES}|search)\b([^>]*)>", re.I)
_UPPER_TAG = re.compile(r"<[A-Z]")
# The same tags and, in the same pass, what took a pass of its own over the whole page each:
# an upper-case tag (_UPPER_TAG), a comment ("<!--") and a style block ("<style"). It tries
# every `<` that _ELEMENT and those three searches would, as long as no tag it takes holds a
# `<` in its attributes (where those searches would see one and this pass does not):
# `_tags` checks that, and reads such a page as before.
_ELEMENT_OR_MARK = re.compile(
    rf"<(?=[!A-Zaefilostv])(?:({_NAMES}|search)\b([^>]*)>|(!--|style|[A-Z]))"
)
TagMatch = tuple[str, str, str]  # a match of _ELEMENT_OR_MARK: (name, raw attributes, mark)
# The same and, as marks, the landmarks that _LANDMARK finds (in the same pass: a pass of its
# own over the parts of a page `_read_around` reads cost 0.07 s at 10k, this one 0.01 more).
_ELEMENT_MARK_OR_LANDMARK = re.compile(
    rf"<(?=[!A-Zaefhilmostv])(?:({_NAMES}|search)\b([^>]*)>"
    r"|(!--|style|[A-Z]|(?:header|main|footer)(?=[\s>])))"
)
_LANDMARK_TAGS = frozenset({("", "", "header"), ("", "", "main"), ("", "", "footer")})
_RAW = operator.itemgetter(1)
_MARK = operator.itemgetter(2)
_NOT_UPPER = frozenset({"", "!--", "style"})
_COMMENT_MARK: TagMatch = ("", "", "!--")
_STYLE_MARK: TagMatch = ("", "", "style")
# <meta name="…" content="…"> as the theme writes it, read in one pass; any other <meta>.
_META_PLAIN = re.compile(r'<meta name="([^"&]*)" content="([^"&]*)">', re.I)
_META_OTHER = re.compile(r'<meta\b(?! name="[^"&]*" content="[^"&]*">)[^>]*>', re.I)
# Both in one pass, the plain form (naming something) tried first: (name, content, "") of a
# plain tag, ("", "", what follows `<meta`) of another.
_META = re.compile(r'<meta\b(?: name="([^"&]+)" content="([^"&]*)">|([^>]*>))', re.I)
_PLAIN_START = re.compile(r' name="[^"&]*" content="', re.I)
_PAIR = operator.itemgetter(0, 1)
_REST = operator.itemgetter(2)
MAX_META_TAGS = 4096
_ROLES = re.compile(r'role="(banner|main|contentinfo)"')
_LANDMARK = re.compile(r"<(header|main|footer)[\s>]")
_LANDMARK_ANY_CASE = re.compile(r"<(header|main|footer)[\s>]", re.I)
_STYLE_ATTR = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


def _reduce(self: Element | Region | PageFacts) -> tuple[type, tuple[object, ...]]:
    """Pickle a slots dataclass as a call of its constructor: the default (`__setstate__`, in
    Python, per field) made loading the scan cache of a large site several times slower.
    (Its fields by one `attrgetter` per class, in C: the render workers pickle every page's
    facts to send them.)"""
    cls = type(self)
    return cls, _FIELDS[cls](self)


_FIELDS: dict[type, Callable[[object], tuple[object, ...]]] = {}  # filled below each class


@dataclass(frozen=True, slots=True)
class Element:
    """What the rules need from one distinct start tag that carries a URL (or is a form).

    Immutable, as one is shared by every page that has the tag, and by the scan cache; tuples
    rather than lists also spare the cache of a large site 10^5 objects to load and collect."""

    name: str
    src: str = ""  # img/iframe src, for messages
    alt: str | None = ""  # img: None no alt attribute, "empty" empty alt; "" when fine
    untitled: bool = False  # iframe without a title
    search: bool = False  # a search form
    dead: tuple[tuple[str, str], ...] = ()  # site-relative, missing
    relative: tuple[tuple[str, str], ...] = ()  # (url, path)
    absolute: tuple[tuple[str, str, bool], ...] = ()  # (url, host, asset)
    fragments: tuple[tuple[str, str], ...] = ()  # (url, id)
    scripts: tuple[str, ...] = ()  # javascript: URLs
    # (url, path) of every site-relative URL: as parsed, an element is the same in every
    # build; which of them are `dead` depends on the whole output, so is judged every run.
    rooted: tuple[tuple[str, str], ...] = ()
    # (url, path, id) of site-relative links to a place on another page (/a.html#b): which
    # ids that page has depends on the whole output, so is judged every run too.
    anchored: tuple[tuple[str, str, str], ...] = ()

    __reduce__ = _reduce

    def notable(self) -> bool:
        """Whether any rule has something to look at (most elements: links that work)."""
        return bool(
            self.dead
            or self.relative
            or self.absolute
            or self.fragments
            or self.anchored
            or self.scripts
            or self.alt
            or self.alt is None
            or self.untitled
            or self.search
        )


_FIELDS[Element] = operator.attrgetter(*Element.__slots__)


# Attributes as the theme and the Markdown renderer write them: name="value", no entities.
_PLAIN_ATTRS = re.compile(r'(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"&]*")?)*\s*/?')
_PLAIN_ATTR = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"&]*)")?')


def _attributes(name: str, raw: str) -> dict[str, str]:
    """The attributes of `<name raw>`: a fast path for the plain form, else `parse_tags`."""
    if _PLAIN_ATTRS.fullmatch(raw):
        return {key.lower(): value for key, value in _PLAIN_ATTR.findall(raw)}
    tags = parse_tags(f"<{name}{raw}>")
    return dict(tags[0].attrs) if tags else {}


def _urls(name: str, attrs: dict[str, str]) -> tuple[list[str], list[str]]:
    """(navigation URLs, loaded URLs) of one element."""
    if name in ("a", "area"):
        return ([attrs["href"]] if "href" in attrs else []), []
    if name == "link":
        if "href" not in attrs:
            return [], []
        if set(attrs.get("rel", "").lower().split()) & _ASSET_RELS:
            return [], [attrs["href"]]
        return [attrs["href"]], []
    assets = [attrs[a] for a in _ASSET_ATTRS.get(name, ()) if a in attrs]
    if "srcset" in attrs:
        assets.extend(_srcset(attrs["srcset"]))
    if name == "input" and attrs.get("type", "").lower() == "image" and "src" in attrs:
        assets.append(attrs["src"])
    return [], assets


def _alt(attrs: dict[str, str]) -> str | None:
    alt = attrs.get("alt")
    if alt is None:
        return None
    decorative = attrs.get("role") in ("presentation", "none") or (
        attrs.get("aria-hidden") == "true"
    )
    return "" if alt.strip() or decorative else "empty"


@dataclass(slots=True)
class Region:
    """A header or footer region: its visible text and its links (href, text)."""

    text: str
    links: list[tuple[str, str]]
    ids: set[str]
    chunk: str = field(default="", repr=False)  # its markup: what it is known by

    __reduce__ = _reduce


_FIELDS[Region] = operator.attrgetter(*Region.__slots__)


Key = tuple[str, str]  # (tag name, raw attributes) of a distinct start tag
_NO_ROLES: frozenset[str] = frozenset()  # one object, pickled once
_NO_KEYS: frozenset[Key] = frozenset()


@dataclass(slots=True)
class PageFacts:
    """What the output rules take from one page's text, and from nothing else: kept across
    builds by the scan cache. What depends on the page's source, the site's settings or the
    other files of the output is applied to it every run (`Scan._page`, the rules)."""

    meta: dict[str, str]
    redirect: bool
    body: int  # offset of <body>
    elements: dict[Key, Element]  # distinct start tags carrying URLs (or forms), as parsed
    style: Element | None  # url() and @import of style attributes and <style> blocks
    headers: tuple[int, ...]  # offsets of <header>
    mains: tuple[int, ...]
    footers: tuple[int, ...]
    main_end: int  # offset of </main>
    header: Region | None
    footer: Region | None
    roles: frozenset[str]  # banner, main, contentinfo: read only when a landmark is missing
    breadcrumb: bool  # "当前位置" is on the page
    date_shown: bool  # the day of a well-formed PubDate is visible after <body>
    anchors: dict[str, bool]  # the page's own #fragment links: whether the page has the id
    # Tags of `elements` written only inside HTML comments: markup a browser never runs or
    # shows (a commented-out 找错 script is no entry, ID-12).
    hidden: frozenset[Key] = _NO_KEYS

    __reduce__ = _reduce

    def landmark(self, offsets: tuple[int, ...]) -> int:
        """The first header/footer start outside <main> (a landmark), or -1."""
        start = self.mains[0] if self.mains else -1
        for offset in offsets:
            if not start <= offset <= self.main_end:
                return offset
        return -1

    def complete(self) -> bool:
        """A header and a footer landmark, and exactly one <main>."""
        return (
            self.landmark(self.headers) >= 0
            and self.landmark(self.footers) >= 0
            and len(self.mains) == 1
        )


_FIELDS[PageFacts] = operator.attrgetter(*PageFacts.__slots__)


def _has_id(text: str, facts: PageFacts, anchor: str) -> bool:
    """Whether an element of the page has this id (or is an <a name> of it)."""
    for region in (facts.header, facts.footer):
        if region is not None and anchor in region.ids:
            return True
    mains = facts.mains
    if mains and f' id="{anchor}"' in text[mains[0] : text.find(">", mains[0])]:
        return True
    return f' id="{anchor}"' in text or anchor in _ids(text)


@dataclass(slots=True)
class PageScan:
    """One page as the rules of this run see it: its facts, judged against this output."""

    page: RenderedPage
    file: str  # the file findings point to
    kind: str  # redirect | home | column | item | other | copied
    facts: PageFacts
    notable: list[Element] = field(default_factory=list)  # distinct, in page order
    # Those of `notable` the page shares with every page of the same set (`Scan.pages_with`):
    # all of them but its own inline style's.
    shared: tuple[Element, ...] = ()
    search: bool = False

    @property
    def meta(self) -> dict[str, str]:
        return self.facts.meta

    @property
    def headers(self) -> tuple[int, ...]:
        return self.facts.headers

    @property
    def mains(self) -> tuple[int, ...]:
        return self.facts.mains

    @property
    def footers(self) -> tuple[int, ...]:
        return self.facts.footers

    @property
    def header(self) -> Region | None:
        return self.facts.header

    @property
    def footer(self) -> Region | None:
        return self.facts.footer

    def landmark(self, offsets: tuple[int, ...]) -> int:
        return self.facts.landmark(offsets)

    def has_id(self, anchor: str) -> bool:
        found = self.facts.anchors.get(anchor)
        if found is None:  # not one of the page's own links: read the page
            found = _has_id(self.page.text, self.facts, anchor)
        return found


def _meta_of(raw: str) -> tuple[str, str, bool]:
    attrs = _attributes("meta", raw[len("<meta") : -1])
    refresh = attrs.get("http-equiv", "").lower() == "refresh"
    return attrs.get("name", ""), attrs.get("content", ""), refresh


# The distinct parts (`PageReader._stretch`) a reader keeps: a site's chrome has a few dozen; the
# bound holds the memory of `ssg serve` and of a site whose parts are not shared.
MAX_PARTS = 1024


class PageReader:
    """What the output rules take from the text of pages, and from nothing else (`facts`),
    with what it learnt from the pages it read before, so that each distinct tag, <meta> and
    region is parsed once. It needs no output folder: `Scan` is one, and so is the reader of
    the pages that a second process reads beside it (ssg/check/page_facts.py)."""

    def __init__(self) -> None:
        # Start tags as parsed (the same for every output), with the key object that the
        # facts of every page share, so that a cache pickles each distinct tag once.
        self.parsed: dict[Key, tuple[Key, Element]] = {}
        self.fragment_keys: set[Key] = set()  # parsed tags with #fragment URLs
        self.metas: dict[str, tuple[str, str, bool]] = {}
        self.urls: dict[str, Url] = {}
        self.regions: dict[str, Region] = {}
        self.last_regions: dict[str, Region] = {}  # by the tag that closes it
        self.pairs: dict[tuple[str, str], tuple[str, str]] = {}  # <meta> names and contents
        # Whether each distinct <meta> tag that is not plain names nothing (`_meta_rests`), at
        # most MAX_META_TAGS of them (as `pairs`); the set of those that name nothing, with ""
        # (the plain tags' rest).
        self.meta_rests: dict[str, bool] = {"": True}
        self.unnamed: set[str] = {""}
        # What `parsed` holds, by the match `_tags` finds each tag as: looking up the tuple the
        # regular expression made is cheaper than making a key of each match of each page.
        self.found: dict[TagMatch, tuple[Key, Element]] = {}
        # What the one pass finds in each distinct part (`_read_around`: header, footer,
        # section navigation, pre-header; at most MAX_PARTS), None for one it cannot be read
        # apart from its page; the last of each, by the tag that ends it.
        self.stretches: dict[str, Stretch | None] = {}
        self.last_stretches: dict[str, Stretch] = {}

    def _parsed(self, key: Key, element: Element) -> None:
        self.parsed[key] = (key, element)
        if element.fragments:
            self.fragment_keys.add(key)

    def facts(self, text: str) -> PageFacts:
        """What the rules take from the text of one page (see `PageFacts`)."""
        head_end = text.find("</head>")
        head_end = head_end if head_end >= 0 else len(text)
        tags = _META.findall(text, 0, head_end)
        rests = set(map(_REST, tags))
        if not rests <= self.meta_rests.keys():
            self._meta_rests(rests)
        # (a tag holding a `<` may hide another that one of the two passes would take)
        if rests <= self.unnamed and "<" not in "".join(chain.from_iterable(tags)):
            # One object per distinct (name, content), so that a cache pickles (and loads)
            # each once: most are the same on every page.
            pairs = list(map(_PAIR, tags))
            meta = dict(map(self.pairs.setdefault, pairs, pairs))
            meta.pop("", None)  # (the tags that name nothing: no plain tag names "")
            redirect = False
            if len(self.pairs) > MAX_META_TAGS:  # (each page's own title and date: distinct)
                self.pairs.clear()
        else:
            meta, redirect = self._metas_apart(text, head_end)
        body = text.find("<body")
        body = body if body >= 0 else 0
        read = self._read_around(text, head_end) or _read_whole(text)
        found, upper, comment, style_tag, css_url, breadcrumb, headers, mains, footers = read
        pattern = _ELEMENT_ANY_CASE if upper else _ELEMENT
        # Set operations in C: only tags never seen before are parsed. (`set.difference(dict)`
        # walks the small set; `set - dict.keys()` would walk the whole dict.)
        known = self.found
        for tag in found.difference(known):
            key = tag[:2]
            if key not in self.parsed:
                self._parsed(key, self.element(*key))
            known[tag] = self.parsed[key]
        elements = dict(map(known.__getitem__, found))
        keys = elements.keys()
        hidden = _NO_KEYS
        shown_text = text
        if comment:  # (rare: the tags again, without the comments)
            shown_text = _COMMENT.sub(" ", text)
            shown = pattern.findall(shown_text)
            hidden = frozenset(keys - set(shown)) or _NO_KEYS
        style = None
        if style_tag or css_url:
            # (a <style> or style attribute commented out loads nothing, as a tag does not)
            style = self.judge("style", [], _inline_css_urls(shown_text))
        main_end = -1
        if mains:
            end = _close_at(text, "</main>", mains[0], upper)
            main_end = end if end >= 0 else len(text)
        facts = PageFacts(
            meta, redirect, body, elements, style, headers, mains, footers,
            main_end, None, None, _NO_ROLES, breadcrumb, False, {}, hidden,
        )  # fmt: skip
        facts.header = self.region(text, facts.landmark(facts.headers), "</header>", upper)
        facts.footer = self.region(text, facts.landmark(facts.footers), "</footer>", upper)
        if not facts.complete():  # rare: landmarks given by role attributes count too
            facts.roles = frozenset(_ROLES.findall(text))
        stamp = meta.get("PubDate", "").strip()
        if _PUBDATE.match(stamp):
            forms = _date_forms(stamp[:10])
            facts.date_shown = any(_visible_at(text, body, form) for form in forms)
        for key in keys & self.fragment_keys:
            for _url, anchor in elements[key].fragments:
                if anchor and anchor.lower() != "top" and anchor not in facts.anchors:
                    facts.anchors[anchor] = _has_id(text, facts, anchor)
        return facts

    def _meta_rests(self, rests: set[str]) -> None:
        """Learn which tags that are not plain (each by what follows its `<meta`) name
        nothing and are no refresh: the page's `meta` ignores them."""
        known = self.meta_rests
        if len(known) + len(rests) > MAX_META_TAGS:
            known.clear()
            known[""] = True
            self.unnamed = {""}
        for rest in rests.difference(known):
            name, _content, refresh = _meta_of("<meta" + rest)
            # (a plain tag that names "" is not taken as plain by `_META`: it does count)
            known[rest] = not name and not refresh and _PLAIN_START.match(rest) is None
            if known[rest]:
                self.unnamed.add(rest)

    def _metas_apart(self, text: str, head_end: int) -> tuple[dict[str, str], bool]:
        """The page's `meta` and whether it redirects, in two passes: the tags that are not
        plain first, then the plain ones over them."""
        meta: dict[str, str] = {}
        redirect = False
        for raw in _META_OTHER.findall(text, 0, head_end):
            name, content, refresh = self.meta(raw)
            redirect = redirect or refresh
            if name:
                meta[name] = content
        # One object per distinct (name, content), so that a cache pickles (and loads) each
        # once: most are the same on every page.
        plain = _META_PLAIN.findall(text, 0, head_end)
        meta.update(map(self.pairs.setdefault, plain, plain))
        return meta, redirect

    def meta(self, raw: str) -> tuple[str, str, bool]:
        """(name, content, is a refresh) of one <meta> tag."""
        found = self.metas.get(raw)
        if found is None:
            if len(self.metas) >= MAX_META_TAGS:  # (a page's own og:title, say: distinct)
                self.metas.clear()
            found = self.metas[raw] = _meta_of(raw)
        return found

    def element(self, name: str, raw: str) -> Element:
        """One distinct start tag, judged once for every page that has it."""
        name = name.lower()
        attrs = _attributes(name, raw)
        if name in ("form", "search"):
            search = name == "search" or attrs.get("role") == "search"
            return Element(name, search=search or "/search" in attrs.get("action", ""))
        href = attrs.get("href") if name in ("a", "area") else None
        if href is not None and "#" not in href:
            # (most distinct tags: a link to a page of the site, as `judge` sorts it)
            kind = self.url(href)
            if kind.kind == INTERNAL and kind.value.startswith("/"):
                return Element(name, src=attrs.get("src", ""), rooted=((href, kind.value),))
        return self.judge(
            name,
            *_urls(name, attrs),
            src=attrs.get("src", ""),
            alt=_alt(attrs) if name == "img" else "",
            untitled=name == "iframe" and not attrs.get("title", "").strip(),
        )

    def judge(
        self,
        name: str,
        links: list[str],
        assets: list[str],
        src: str = "",
        alt: str | None = "",
        untitled: bool = False,
    ) -> Element:
        """An element with its URLs sorted by what the rules do with them (see `here`)."""
        rooted: list[tuple[str, str]] = []
        relative: list[tuple[str, str]] = []
        absolute: list[tuple[str, str, bool]] = []
        fragments: list[tuple[str, str]] = []
        anchored: list[tuple[str, str, str]] = []
        scripts: list[str] = []
        for url, asset in [*((u, False) for u in links), *((u, True) for u in assets)]:
            kind = self.url(url)
            if kind.kind == INTERNAL:
                if kind.value.startswith("/"):
                    rooted.append((url, kind.value))
                else:
                    relative.append((url, kind.value))
                anchor = unquote(url.partition("#")[2]) if not asset else ""
                if anchor and anchor.lower() != "top" and not anchor.startswith(":~:"):
                    anchored.append((url, kind.value, anchor))
            elif kind.kind == ABSOLUTE:
                absolute.append((url, kind.value, asset))
            elif kind.kind == FRAGMENT and not asset:
                fragments.append((url, kind.value))
            elif kind.kind == SCRIPT:
                scripts.append(url)
        return Element(
            name,
            src=src,
            alt=alt,
            untitled=untitled,
            relative=tuple(relative),
            absolute=tuple(absolute),
            fragments=tuple(fragments),
            scripts=tuple(scripts),
            rooted=tuple(rooted),
            anchored=tuple(anchored),
        )

    def url(self, url: str) -> Url:
        found = self.urls.get(url)
        if found is None:
            found = self.urls[url] = classify(url)
        return found

    def region(self, text: str, start: int, close: str, upper: bool = False) -> Region | None:
        """The header or footer landmark at `start` (none when -1), parsed once per run; on a
        page with an upper-case tag (`upper`), its end tag in any case."""
        if start < 0:
            return None
        # The last page's region, when this page has it too: its chunk here, then `close` (a
        # comparison, where finding `close`, copying the chunk and hashing it to look it up took
        # 3-4 times as long). `close` is the first one after `start` then too: "</header>" and
        # "</footer>" cannot begin inside the chunk and end after it, as no end of either is
        # also its beginning.
        last = self.last_regions.get(close)
        if (
            last is not None
            and text.startswith(last.chunk, start)
            and text.startswith(close, start + len(last.chunk))
        ):
            return last
        end = _close_at(text, close, start, upper)
        chunk = text[start : end if end >= 0 else len(text)]
        found = self.regions.get(chunk)
        if found is None:
            found = self.regions[chunk] = _region(chunk)
        self.last_regions[close] = found
        return found

    def _read_around(self, text: str, start: int) -> Read | None:
        """What `_read_whole` finds in `text`, with the parts that many pages share read once
        for every page that has the same (issue 9): its header and its footer (43 % of a page
        of the default theme, the same on every page of a column), the section navigation
        after <main> and the text between the head's last <meta> and the header (its style
        sheet, scripts and skip link). The one pass, the landmarks and the two searches run
        over the rest of the page only. None where that could find otherwise (`_stretch`), or
        where a part of the rest has what `_tags` reads a page whole for (an upper-case tag, a
        comment, a <style>, a `<` inside a tag): such a page is read whole. ("url(" and
        "当前位置" hold no `<`, so neither can straddle a part's first or last character, both
        a `<`.)"""
        begin = text.find("<header", start)
        header = self._stretch(text, begin, "</header>")
        footer_at = text.rfind("<footer")
        footer = self._stretch(text, footer_at, "</footer>")
        if header is None and footer is None:
            return None
        # (the pre-header begins at the first tag after the head's last <meta>: before it, the
        # page's own title and meta tags)
        last_meta = text.rfind("<meta", 0, start)
        pre = None
        if last_meta >= 0 and begin >= 0:
            pre = self._stretch(text, text.find("<", last_meta + 1, begin), "<header")
        # (the last <nav> before the footer, when it follows </main>: before it, a page's
        # breadcrumbs hold its own title)
        nav = None
        if footer_at >= 0:
            nav_at = text.rfind("<nav", 0, footer_at)
            if nav_at >= 0 and text.rfind("</main>", 0, footer_at) < nav_at:
                nav = self._stretch(text, nav_at, "</nav>")
        spans: list[tuple[int, int, Stretch]] = []
        end = 0
        for span in (pre, header, nav, footer):
            if span is not None and span[0] >= end:  # (one inside another: read with the rest)
                spans.append(span)
                end = span[1]
        spans.append((len(text), len(text), _NO_STRETCH))
        # The one pass over each stretch of the rest, then its checks once over them all.
        parts = []
        at = 0
        for begin, end, _part in spans:
            parts.append(_ELEMENT_MARK_OR_LANDMARK.findall(text, at, begin))
            at = end
        every = list(chain.from_iterable(parts))
        marks = set(map(_MARK, every))
        if not marks <= _LANDMARK_MARKS or "<" in "".join(map(_RAW, every)):
            return None
        found: set[TagMatch] = set(every)
        css_url = breadcrumb = False
        landmarks: list[tuple[str, int]] = []
        plain = marks <= _PLAIN_MARKS
        at = 0
        for (begin, end, stretch), part in zip(spans, parts, strict=True):
            if not plain and not set(map(_MARK, part)) <= _PLAIN_MARKS:
                names = [mark for mark in map(_MARK, part) if mark]
                if not _landmarks_at(text, at, begin, names, landmarks):
                    return None
            found |= stretch.tags
            if at < begin:
                css_url = css_url or _css_url_in(text, at, begin)
                breadcrumb = breadcrumb or text.find("当前位置", at, begin) >= 0
            css_url = css_url or stretch.css_url
            breadcrumb = breadcrumb or stretch.breadcrumb
            if stretch.landmarks:
                landmarks.extend((name, begin + offset) for name, offset in stretch.landmarks)
            at = end
        found.difference_update(_LANDMARK_TAGS)
        headers = tuple(offset for name, offset in landmarks if name == "header")
        mains = tuple(offset for name, offset in landmarks if name == "main")
        footers = tuple(offset for name, offset in landmarks if name == "footer")
        return found, False, False, False, css_url, breadcrumb, headers, mains, footers

    def _stretch(self, text: str, start: int, close: str) -> tuple[int, int, Stretch] | None:
        """(start, end, what it holds) of the part of `text` from `start` to the first `close`
        after it, when a pass over the page finds in it what a pass over it alone does: no tag
        the pass would take begins before `start` and ends after it (the last `<` before
        `start` is closed before it; `start` and `close` are a `<` that no match takes but as
        its first character), nor begins inside and ends after (`_stretch_of`)."""
        if start < 0:
            return None
        stretch = self.last_stretches.get(close)
        if stretch is None or not (
            text.startswith(stretch.text, start)
            and text.startswith(close, start + len(stretch.text))
        ):
            end = text.find(close, start)
            if end < 0:
                return None
            chunk = text[start:end]
            stretches = self.stretches
            if chunk not in stretches:
                if len(stretches) >= MAX_PARTS:  # (`ssg serve`, a 20k site: memory bounded)
                    stretches.clear()
                stretches[chunk] = _stretch_of(chunk)
            stretch = stretches[chunk]
            if stretch is None:
                return None
            self.last_stretches[close] = stretch
        if text.rfind("<", 0, start) > text.rfind(">", 0, start):
            return None
        return start, start + len(stretch.text), stretch


# What the facts read off a page's text in passes over all of it (`_read_whole`): the distinct
# tags that carry URLs (as `_tags` finds them), whether it has an upper-case tag, a comment, a
# <style>, "url(" and "当前位置", and the offsets of its <header>, <main> and <footer>.
Read = tuple[
    set[TagMatch], bool, bool, bool, bool, bool, tuple[int, ...], tuple[int, ...], tuple[int, ...]
]
_PLAIN_MARKS = frozenset({""})
_LANDMARK_MARKS = frozenset({"", "header", "main", "footer"})


def _landmarks_at(
    text: str, start: int, end: int, names: list[str], landmarks: list[tuple[str, int]]
) -> bool:
    """The offsets of the landmarks `names` that one pass found between `start` and `end`, in
    their order, added to `landmarks`: each the first `<name` after the last that _LANDMARK
    takes (as `<mainly` is no landmark). False if one is not found (no pass finds one that
    the other does not: no match holds another's `<`)."""
    at = start
    for name in names:
        needle = "<" + name
        at = text.find(needle, at, end)
        while at >= 0 and _LANDMARK.match(text, at, end) is None:
            at = text.find(needle, at + 1, end)
        if at < 0:
            return False
        landmarks.append((name, at))
        at += 1
    return True


def _read_whole(text: str) -> Read:
    found, upper, comment, style_tag = _tags(text)
    headers: list[int] = []
    mains: list[int] = []
    footers: list[int] = []
    for match in (_LANDMARK_ANY_CASE if upper else _LANDMARK).finditer(text):
        name = match.group(1).lower()
        if name == "header":
            headers.append(match.start())
        elif name == "main":
            mains.append(match.start())
        else:
            footers.append(match.start())
    return (
        found, upper, comment, style_tag, _css_url_in(text), "当前位置" in text,
        tuple(headers), tuple(mains), tuple(footers),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Stretch:
    """A header or footer as `_read_whole` reads it: a part of many pages, read once for all."""

    text: str
    tags: frozenset[TagMatch]
    css_url: bool
    breadcrumb: bool
    landmarks: tuple[tuple[str, int], ...]  # (name, offset in `text`)


_NO_STRETCH = Stretch("", frozenset(), False, False, ())


def _stretch_of(chunk: str) -> Stretch | None:
    """What the one pass finds in `chunk`, if it is plain (no upper-case tag, comment or style
    block, no `<` inside a tag it takes) and its last `<` is closed inside it; else None."""
    if chunk.rfind("<") > chunk.rfind(">"):
        return None
    part = _ELEMENT_OR_MARK.findall(chunk)
    if not set(map(_MARK, part)) <= _PLAIN_MARKS or "<" in "".join(map(_RAW, part)):
        return None
    landmarks = tuple((m.group(1), m.start()) for m in _LANDMARK.finditer(chunk))
    return Stretch(chunk, frozenset(part), _css_url_in(chunk), "当前位置" in chunk, landmarks)


def _css_url_in(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether `text[start:end]` holds "url(": looked for from its first "(", which is found
    faster (the ASCII of a page's head defeats `str.find`'s skip for "url(") and in most
    texts not at all."""
    paren = text.find("(", start, end)
    return paren >= 0 and text.find("url(", max(start, paren - 3), end) >= 0


def _close_at(text: str, close: str, start: int, upper: bool) -> int:
    """Where the first end tag `close` after `start` is, -1 if none. Tag names are
    case-insensitive: `</Header>` closes a `<header>`. The lower-case search is the one a
    page of the default theme needs; the other runs only on a page with an upper-case tag or
    with no lower-case end tag at all."""
    end = text.find(close, start)
    if upper or end < 0:
        other = re.compile(re.escape(close), re.IGNORECASE).search(text, start)
        if other is not None and (end < 0 or other.start() < end):
            return other.start()
    return end


def _tags(text: str) -> tuple[set[TagMatch], bool, bool, bool]:
    """The distinct start tags of `text` that _ELEMENT (or, on a page with an upper-case tag,
    _ELEMENT_ANY_CASE) finds, each as (name, raw attributes, ""), and whether the page has an
    upper-case tag, a "<!--" and a "<style": in one pass over its `<` where it can (issue 9),
    else in the four passes it took before."""
    found = _ELEMENT_OR_MARK.findall(text)
    marks = set(map(_MARK, found))
    if marks <= _NOT_UPPER and "<" not in "".join(map(_RAW, found)):
        tags = set(found)
        tags.discard(_COMMENT_MARK)
        tags.discard(_STYLE_MARK)
        return tags, False, "!--" in marks, "style" in marks
    upper = _UPPER_TAG.search(text) is not None
    pattern = _ELEMENT_ANY_CASE if upper else _ELEMENT
    tags = {(name, raw, "") for name, raw in pattern.findall(text)}
    return tags, upper, "<!--" in text, "<style" in text


class Scan(PageReader):
    """Everything the output rules share for one run: the output's files and the pages."""

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__()
        self.ctx = ctx
        config = ctx.site.config
        tree = ctx.tree  # (the walk that listed the pages)
        self.files, self.dirs = tree.files, tree.dirs
        self.css = sorted(rel for rel in tree.files if rel.endswith(".css"))
        # Start tags as judged against this output (dead links).
        self.elements: dict[Key, Element] = {}
        self.notable_keys: set[Key] = set()
        self._shown_footers: list[Region] | None = None
        # The pages by their shared notable elements, and those with an inline style (`pages_with`).
        self._groups: list[tuple[tuple[Element, ...], list[int]]] | None = None
        self._styled: list[int] = []
        # A page's notable tags by the set of their keys (`_page`).
        self.notable_sets: dict[frozenset[Key], tuple[tuple[Element, ...], bool]] = {}
        self.resolved: dict[tuple[str, str], str] = {}
        self.page_ids: dict[str, set[str]] = {}  # output page -> its ids (ids_of)
        self.sources: dict[str, list[str]] = {}
        # The site's own hosts: its domain and its 中文域名, as written and as IDNA (the form a
        # rendered link carries): links to them are links of this very output.
        own = {config.domain.lower().rstrip(".")}
        if config.chinese_domain:
            own.add(config.chinese_domain.lower().rstrip("."))
            own.add(idna(config.chinese_domain.rstrip(".")))
        # And the old domain of each of its domain changes: the site's address until the
        # change's date, then redirected path for path to this output (RULES NOTICE-04), as
        # SEC-06 across sites takes a sibling's old domain (ssg/cross_site.py other_hosts).
        # Not one handed on to another site of the repository: links there are that site's.
        siblings = ctx.site.cross.pages if ctx.site.cross is not None else {}
        changes = load_lifecycle(ctx.root, Diagnostics()).of(DOMAIN_CHANGE)
        own.update(
            old
            for old in (e.old_domain.lower().rstrip(".") for e in changes)
            if old not in siblings
        )
        own.discard("")
        self.own_hosts = frozenset(own)
        allowed = {allowed_host(h) for h in config.allowed_hosts} - {""}
        # A 中文域名 key in both forms: a raw HTML link keeps it as written, a Markdown one
        # carries its IDNA form (xn--…), as cmark and the sanitiser write it.
        allowed |= {name for name in map(idna, allowed) if name} | own
        if config.conac.get("script"):
            allowed.add(CONAC_HOST)
        if config.jiucuo:
            allowed.add(JIUCUO_HOST)
        self.allowed_hosts = frozenset(allowed)
        pages = ctx.pages
        # Cached pages first, so that the pages scanned afresh share their tags and regions:
        # the cache then keeps one object for each, however many pages have it.
        cached = [ctx.cached_fact(page, FACTS, PageFacts) for page in pages]
        known = [facts for facts in cached if facts is not None]
        # Only when it pays: learning costs ~3 µs a known page and saves a page to read only
        # the tags it shares with them that no page read before it had (≤ 5 µs each, most of
        # them the chrome of the first page read). A cold build at 10k items reads 24 pages
        # (those the build process renders) beside 11,334 known: 0.03 s to learn for ~1 ms.
        # (The facts are the same either way: a tag is parsed to the same `Element`, only
        # not the same object.)
        if len(known) < 100 * (len(cached) - len(known)):
            for facts in known:
                self._learn(facts)
        self.pages = [
            self._page(page, facts if facts is not None else self._fresh(page))
            for page, facts in zip(pages, cached, strict=True)
        ]

    def _fresh(self, page: RenderedPage) -> PageFacts:
        """The facts of a page whose file the cache does not know: by its text, else scanned."""
        facts = self.ctx.page_fact(page, FACTS, PageFacts, self.facts)
        if self.ctx.scan_cache is not None:  # it may have come from the cache, by its text
            self._learn(facts)
        return facts

    def _learn(self, facts: PageFacts) -> None:
        for key in set(facts.elements).difference(self.parsed):
            self._parsed(key, facts.elements[key])
        for region in (facts.header, facts.footer):
            if region is not None:
                self.regions.setdefault(region.chunk, region)

    def _page(self, page: RenderedPage, facts: PageFacts) -> PageScan:
        source = page.source
        scan = PageScan(page, self.ctx.page_file(page), "other", facts)
        if not source and (page.path.startswith(_COPIED) or page.path in self.ctx.copied):
            # A file of static/, of the theme or of content/, copied as it is: not a page of
            # the theme, so the rules on the theme's pages (_SHOWN) do not apply to it.
            scan.kind = "copied"
            scan.file = _output_source(self.ctx, page.path)
        elif facts.redirect:
            scan.kind = "redirect"
        elif source == "content/_index.md":
            scan.kind = "home"
        elif source.endswith("/_index.md"):
            scan.kind = "column"
        elif source:
            scan.kind = "item"
        # Set operations in C: each distinct tag is judged once per run, and only the few that
        # some rule must look at (not links that work) are visited per page.
        keys = set(facts.elements)
        for key in keys.difference(self.elements):
            found = self.elements[key] = self.here(facts.elements[key])
            if found.notable():
                self.notable_keys.add(key)
        hits = keys & self.notable_keys
        if hits:
            # (pages share their few notable tags, those of their header and footer: at 10k
            # items 66 distinct sets among 11,341 pages, each sorted and looked at once)
            hit_set = frozenset(hits)
            shared = self.notable_sets.get(hit_set)
            if shared is None:
                elements = tuple(self.elements[key] for key in sorted(hits))
                shared = (elements, any(found.search for found in elements))
                self.notable_sets[hit_set] = shared
            scan.notable = list(shared[0])
            scan.shared = shared[0]
            scan.search = shared[1]
        if facts.style is not None:
            scan.notable.append(self.here(facts.style))
        return scan

    def shown_footers(self) -> list[Region]:
        """The distinct footers (by object) of the theme's pages (`_SHOWN`), in the order of
        the pages that first have each."""
        if self._shown_footers is None:
            seen: dict[int, Region] = {}
            for scan in self.pages:
                footer = scan.facts.footer
                if footer is not None and scan.kind in _SHOWN and id(footer) not in seen:
                    seen[id(footer)] = footer
            self._shown_footers = list(seen.values())
        return self._shown_footers

    def pages_with(
        self, test: Callable[[Element], object], kinds: tuple[str, ...] | None = None
    ) -> list[PageScan]:
        """The pages (of `kinds`, else all) with a notable element that passes `test`, in page
        order: all a rule that reads only such elements can find something on. `test` is asked
        once per distinct set of shared elements (66 sets among 11,341 pages at 10k items) and
        of each inline style: a rule no longer goes through every page for the few, or none,
        that have an image without alt, an iframe, an outside asset…"""
        if self._groups is None:
            groups: dict[int, tuple[tuple[Element, ...], list[int]]] = {}
            for index, scan in enumerate(self.pages):
                if scan.shared:
                    groups.setdefault(id(scan.shared), (scan.shared, []))[1].append(index)
                if scan.facts.style is not None:
                    self._styled.append(index)
            self._groups = list(groups.values())
        found = [i for elements, pages in self._groups if any(map(test, elements)) for i in pages]
        # (a page's inline style is the last of its notable elements: `_page`)
        found += [i for i in self._styled if test(self.pages[i].notable[-1])]
        pages = [self.pages[i] for i in sorted(set(found))]
        return pages if kinds is None else [scan for scan in pages if scan.kind in kinds]

    def here(self, parsed: Element) -> Element:
        """A parsed element as it is in this output: with its dead site-relative links, and
        its dead links to the site's own domain (written in full, they are links of this very
        output all the same, unlike those to other hosts, which a build cannot check)."""
        rooted = list(parsed.rooted)
        for url, host, _asset in parsed.absolute:
            if host.lower() in self.own_hosts:
                path = _own_path(url)
                if path is not None:
                    rooted.append((url, path))
        dead = tuple((url, target) for url, path in rooted if (target := self.missing("", path)))
        return dataclasses.replace(parsed, dead=dead) if dead else parsed

    # --- URLs ---

    def outside(self, host: str) -> bool:
        """Whether a link's host is none the site allows: read as ID-04 reads it (host_key),
        since allowed_hosts holds keys read by allowed_host (fd00::1 for [FD00:0::1])."""
        return bool(host) and host_key(host) not in self.allowed_hosts

    def missing(self, base_dir: str, path: str) -> str:
        """The output path `path` (from a page in `base_dir`) names, when it does not exist;
        "" when it does. A folder resolves to its index.html."""
        key = ("" if path[:1] == "/" else base_dir, path)
        found = self.resolved.get(key)
        if found is None:
            found = self.resolved[key] = self._missing(*key)
        return found

    def _missing(self, base_dir: str, path: str) -> str:
        target, exists = self._locate(base_dir, path)
        return "" if exists else target

    def existing(self, base_dir: str, path: str) -> str | None:
        """The output file `path` (from a page in `base_dir`) names, when it exists."""
        key = ("" if path[:1] == "/" else base_dir, path)
        target, exists = self._locate(*key)
        return target if exists else None

    def _locate(self, base_dir: str, path: str) -> tuple[str, bool]:
        """The output path `path` names (a folder: its index.html), and whether it exists."""
        decoded = unquote(path)
        if decoded[:1] == "/" and "/." not in decoded and "//" not in decoded:
            target = decoded[1:].rstrip("/")  # the common case, without normpath
            if decoded.endswith("/") or not target:
                index = f"{target}/index.html".lstrip("/")
                return index, index in self.files
            if target in self.files:
                return target, True
            if target in self.dirs:
                index = f"{target}/index.html"
                return index, index in self.files
            return target, False
        joined = decoded.lstrip("/") if decoded.startswith("/") else f"{base_dir}/{decoded}"
        target = posixpath.normpath(joined.lstrip("/")) if joined.strip("/") else "."
        if target == ".." or target.startswith("../"):
            return target, False  # above the output root
        if target == ".":
            target = ""
        if decoded.endswith("/") or not target:
            index = f"{target}/index.html".lstrip("/")
            return index, index in self.files
        if target in self.files:
            return target, True
        if target in self.dirs:
            index = f"{target}/index.html"
            return index, index in self.files
        return target, False

    def ids_of(self, rel: str) -> set[str]:
        """The ids (and <a name>s) of the output page `rel`, read once per run."""
        found = self.page_ids.get(rel)
        if found is None:
            try:
                text = (Path(self.ctx.output or ".") / rel).read_text("utf-8", errors="replace")
            except OSError:
                text = ""
            found = self.page_ids[rel] = _ids(text)
        return found

    # --- lines in source files ---

    def line(self, scan: PageScan, *needles: str) -> int:
        """The line of the file a finding on `scan` points to where one of `needles` is first
        written; 0 if none."""
        if scan.kind == "copied":
            # Copied byte for byte: the page's own lines are those of the file it came from.
            lines = self.sources.get(scan.file)
            if lines is None:
                lines = self.sources[scan.file] = scan.page.text.splitlines()
            return _first_line(lines, needles)
        return self.line_of(scan.page.source, *needles)

    def line_of(self, file: str, *needles: str) -> int:
        """The line of a content file where one of `needles` is first written; 0 if none."""
        if not file.startswith("content/"):
            return 0
        body = self.body_lines.get(file, 1)
        lines = self.sources.get(file)
        if lines is None:
            try:
                text = (self.ctx.root / file).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            lines = self.sources[file] = _linkable(text.splitlines(), body)
        # The body first: the links of a page's text are written there, and the same URL may
        # also be in the front matter (source, summary, aliases) above them. Links the theme
        # makes of front-matter fields (online_url, materials) are found there next. In the
        # body, only where Markdown writes a link (`_links`): a URL that is only mentioned
        # there is no link of the page, which has it from a template.
        return _first_line(lines, needles, body, _links) or _first_line(lines[: body - 1], needles)

    def lines(self, scan: PageScan, *needles: str) -> list[int]:
        """Every line where the link `line` finds is written: its first line, and each other
        line of the same part of the file (body or front matter) where the same URL is
        written whole. One finding per fault at its line (ARCHITECTURE §3.1): two links to
        one missing file are two links to correct. [0] if none."""
        first = self.line(scan, *needles)
        if not first:
            return [0]
        links: Callable[[str, str], bool] | None = None
        if scan.kind == "copied":
            text, start, end = self.sources[scan.file], 1, None
        else:
            text = self.sources[scan.page.source]
            body = self.body_lines.get(scan.page.source, 1)
            start, end = (body, None) if first >= body else (1, body - 1)
            links = _links if first >= body else None
        # (the needle `line` chose: no earlier one is written anywhere it looked)
        needle = next(
            n for n in needles if n and n in text[first - 1] and _linked(text[first - 1], n, links)
        )
        level = _written_level(text[first - 1], needle)
        if level == _ANYWHERE:
            return [first]  # (only as the start of a longer URL: that line alone)
        # (the other lines where it is written as exactly: `x` of <img src=x> is not also
        # at a line that ends with …/x)
        return [
            number
            for number, line in enumerate(text[start - 1 : end], start=start)
            if needle in line and _written(line, needle, level) and _linked(line, needle, links)
        ]

    @functools.cached_property
    def body_lines(self) -> dict[str, int]:
        """The line on which the body of each content file starts."""
        site = self.ctx.site
        found = {c.location.file: c.location.body_line for c in site.columns.values()}
        found.update((i.location.file, i.location.body_line) for i in site.items.values())
        return found


def _first_line(
    lines: list[str],
    needles: tuple[str, ...],
    start: int = 1,
    links: Callable[[str, str], bool] | None = None,
) -> int:
    """The first line (1-based, from line `start`) holding the first of `needles` found
    there: written as a whole URL (the very attribute value or link target: `x` of
    `<img src=x>`, not the end of …/x above it) before written with only its end whole (…/b1/
    is not the line of …/b1/图.png above it) before written anywhere; 0 if none. `links`:
    only a line where it says the needle is written as a link (`_links`, a Markdown body's)."""
    for needle in needles:
        if not needle:
            continue
        for level in (_WHOLE, _ENDS_WHOLE, _ANYWHERE):
            for number in range(start, len(lines) + 1):
                line = lines[number - 1]
                if (
                    needle in line
                    and _written(line, needle, level)
                    and _linked(line, needle, links)
                ):
                    return number
    return 0


def _linked(line: str, needle: str, links: Callable[[str, str], bool] | None) -> bool:
    return links is None or links(line, needle)


# --- what a Markdown body writes as a link (the content's line of a link of its page) ---
#
# A page's link is at a line of its content file only if that line writes it as a link: the
# same URL only mentioned there (in a sentence, in code, in a raw tag the sanitiser removes)
# is not on the page as a link, which then has it from a template (`_template_copy` says it
# there), and a finding at the content's line would send the editor to a line with no link.
# Looked at only for a link at fault: a page without one never reads its source.

# An opening code fence (CommonMark: up to three spaces, then ``` or ~~~ or longer).
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
# An inline code span: a run of backticks, closed by a run of the same length.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
_MARKDOWN_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
# What Markdown writes right before a link's URL: an inline link or image `](`, an autolink
# `<`, a reference definition `[x]: `, or a raw tag's attribute `href="` (its tag and name).
_INLINE_LINK = re.compile(r"\]\(\s*<?$")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?$")
_ATTRIBUTE = re.compile(r"([A-Za-z][A-Za-z0-9-]*)\s*=\s*[\"']?$")
_TAG_OPEN = re.compile(r"<([A-Za-z][A-Za-z0-9]*)\b[^<>]*$")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def _linkable(lines: list[str], body: int) -> list[str]:
    """`lines` of a content file with what of its Markdown body (from line `body`) no reader
    sees as a link blanked out, line numbers kept: fenced code blocks, code spans and HTML
    comments (the renderer writes the first two as text, the sanitiser drops the third)."""
    shown = lines[: body - 1]
    fence = ""
    for line in lines[body - 1 :]:
        opened = _FENCE.match(line)
        mark = opened.group(1) if opened is not None else ""
        rest = line[opened.end() :] if opened is not None else ""
        if fence:  # (inside a block until a fence of its kind, at least as long, alone)
            if mark[:1] == fence[:1] and len(mark) >= len(fence) and not rest.strip():
                fence = ""
            shown.append("")
        elif mark and not (mark[0] == "`" and "`" in rest):  # (``` `x` is a code span)
            fence = mark
            shown.append("")
        else:
            shown.append(_CODE_SPAN.sub(_spaces, line) if "`" in line else line)
    text = "\n".join(shown[body - 1 :])
    if "<!--" in text:
        shown[body - 1 :] = _MARKDOWN_COMMENT.sub(_spaces, text).split("\n")
    return shown


def _spaces(match: re.Match[str]) -> str:
    """A blanked match: spaces, its line breaks kept."""
    return re.sub(r"[^\n]", " ", match.group())


def _links(line: str, needle: str) -> bool:
    """Whether `needle` is written on a Markdown body's `line` as (part of) a link the page
    has: the target of an inline link or image, an autolink, a reference definition, or the
    URL attribute of a raw tag the sanitiser keeps (ssg/content/markdown.py) with a scheme it
    keeps. A bare URL in a sentence is text (the renderer has no GFM autolink extension), and
    so is a tag (`needle` `<img …>`) only mentioned in code, blanked by `_linkable`."""
    if needle[:1] == "<":
        return True  # (a whole tag: written on the line outside code, `_linkable`)
    from ssg.content.markdown import _SCHEMES, _URL_ATTRIBUTES

    at = line.find(needle)
    while at >= 0:
        begin = at  # (the start of the URL `needle` is part of)
        while begin and line[begin - 1] not in _URL_STARTS:
            begin -= 1
        before = line[:begin]
        scheme = _SCHEME.match(line, begin)
        kept = scheme is None or scheme.group(1).lower() in _SCHEMES
        if kept and (_INLINE_LINK.search(before) or _REFERENCE.match(before)):
            return True
        if kept and scheme is not None and before.endswith("<"):
            return True  # (an autolink, <https://…>)
        attribute = _ATTRIBUTE.search(before)
        if kept and attribute is not None:
            tag = _TAG_OPEN.search(before)
            if tag is None:
                return True  # (a tag opened on an earlier line: not known to be dropped)
            name = tag.group(1).lower()
            pair = (name, attribute.group(1).lower())
            # (an <iframe> of another site loses its src: `_keep_attribute`)
            if pair in _URL_ATTRIBUTES and not (name == "iframe" and scheme is not None):
                return True
        at = line.find(needle, at + 1)
    return False


# How a needle is written on a line, from the most exact: both its ends end a URL; only its
# end does (a needle made of a URL's tail, written after the rest of it); anywhere.
_WHOLE, _ENDS_WHOLE, _ANYWHERE = 2, 1, 0
_URL_ENDS = frozenset(")\"'<> ]#?\t")
_URL_STARTS = frozenset("(\"'=< \t")


def _written(line: str, needle: str, level: int) -> bool:
    """`needle` is in `line` as exactly as `level` asks: what follows it, if anything, ends a
    URL; for _WHOLE what comes before it, if anything, starts one too."""
    if level == _ANYWHERE:
        return needle in line
    at = line.find(needle)
    while at >= 0:
        end = at + len(needle)
        if (end == len(line) or line[end] in _URL_ENDS) and (
            level == _ENDS_WHOLE or at == 0 or line[at - 1] in _URL_STARTS
        ):
            return True
        at = line.find(needle, at + 1)
    return False


def _written_level(line: str, needle: str) -> int:
    return next(
        level for level in (_WHOLE, _ENDS_WHOLE, _ANYWHERE) if _written(line, needle, level)
    )


def _region(chunk: str) -> Region:
    links = []
    for tag in parse_tags(chunk):
        if tag.name == "a" and "href" in tag.attrs:
            end = chunk.find("</a>", tag.offset)
            inner = chunk[tag.offset : end if end >= 0 else len(chunk)]
            links.append((tag.attrs["href"], _visible(inner)))
    return Region(_visible(chunk), links, _ids(chunk), chunk)


def _visible(fragment: str) -> str:
    """Text outside tags, unescaped, spaces collapsed; alt text of images counts as text."""
    alts = " ".join(tag.attrs.get("alt", "") for tag in parse_tags(fragment) if tag.name == "img")
    text = html.unescape(_STRIP_TAGS.sub(" ", fragment)) + " " + alts
    return _SPACE.sub(" ", text).strip()


def _css_urls(css: str) -> Iterator[tuple[str, int]]:
    for match in _CSS_URL.finditer(css):
        url = next((g for g in match.groups() if g is not None), "")
        yield url, match.start()


def _inline_css_urls(text: str) -> list[str]:
    """url() and @import in style attributes and <style> blocks."""
    urls: list[str] = []
    for chunk in (*_STYLE_ATTR.findall(text), *_STYLE_BLOCK.findall(text)):
        for part in chunk if isinstance(chunk, tuple) else (chunk,):
            urls.extend(u for u, _ in _css_urls(html.unescape(part)))
    return urls


def _scan(ctx: CheckContext) -> Scan:
    """The shared scan of this run, made by the first rule that needs it. It is kept on the
    context itself, so that it goes when the run's context goes (a module-level map keyed by
    the context kept every run of `ssg serve` alive)."""
    scan = ctx.shared.get("output-scan")
    if scan is None:
        scan = ctx.shared["output-scan"] = Scan(ctx)
    assert isinstance(scan, Scan)
    return scan


FACTS = "output"  # the name of `PageFacts` in the scan cache


def _pages(ctx: CheckContext, *kinds: str) -> Iterator[PageScan]:
    for page in _scan(ctx).pages:
        if page.kind in kinds:
            yield page


_SHOWN = ("home", "column", "item", "other")  # the pages of the theme, but redirects
_LINKED = (*_SHOWN, "copied")  # and HTML files copied from static/ or the theme
_COPIED = ("static/", "assets/")


# What some rules look for in an element (`Scan.pages_with`): pages without any are not visited.
def _site_links(element: Element) -> bool:
    return bool(element.dead or element.relative)


_SCRIPTS = operator.attrgetter("scripts")
_ANCHORED = operator.attrgetter("anchored")
_UNTITLED = operator.attrgetter("untitled")


def _alt_fault(element: Element) -> bool:
    return element.alt != ""


# --- DESIGN: regions, meta tags, visible date, breadcrumbs, viewport, advertising ----------


@rule(
    "DESIGN-01",
    Severity.DEDUCT,
    "每页须有头部标识区、唯一的中部内容区和底部功能区",
    "指引 附件《政府网站网页设计规范》；吉林办法 第十一条、第十三条",
    "在主题的 base.html 中放一个 <header>、一个 <main> 和一个 <footer>",
)
def landmarks(ctx: CheckContext) -> Iterator[Finding]:
    faults = []
    for scan in _pages(ctx, *_SHOWN):
        header = scan.landmark(scan.headers) >= 0
        footer = scan.landmark(scan.footers) >= 0
        if header and footer and len(scan.mains) == 1:
            continue
        # Rare: landmarks given by role attributes count too.
        roles = scan.facts.roles
        mains = len(scan.mains) or int("main" in roles)
        # (中文, English, where a site template writes, or should write, the region)
        problems: list[tuple[str, str, tuple[str, ...]]] = []
        if not header and "banner" not in roles:
            problems.append(("缺少头部标识区 <header>", "no <header>", ("<body",)))
        if mains == 0:
            problems.append(("缺少中部内容区 <main>", "no <main>", ("block main", "<body")))
        elif mains > 1:
            problems.append(
                (f"有 {mains} 个 <main>（应恰有一个）", f"{mains} <main> elements", ("<main",))
            )
        if not footer and "contentinfo" not in roles:
            problems.append(("缺少底部功能区 <footer>", "no <footer>", ("footer_html", "</body>")))
        if problems:
            # The sanitiser keeps no <header>, <main> or <footer> of a body: a page's regions
            # are its templates' alone, so a site template is at fault even where the default
            # one writes the marker (then the first of the site's templates the page is made of).
            # (a second <main> is looked for in the page's own template first: the layout's
            # one <main> holds it)
            markers = problems[0][2]
            place = _blame(
                ctx, scan, markers, page_first=markers == ("<main",), first_line=False
            ) or _blame(ctx, scan, ())
            chinese = "、".join(p[0] for p in problems)
            english = ", ".join(p[1] for p in problems)
            faults.append(PageFault(scan, place, "", _no_landmarks(chinese, english)))
    return _theme_or_page(faults)


def _no_landmarks(chinese: str, english: str) -> Say:
    return lambda pages, en: f"{pages} {chinese}；请修改主题模板 ({english} on {en})"


def _meta_problem(page: PageScan, name: str, expected: str | None = None) -> Finding | None:
    say = _meta_say(page, name, expected)
    if say is None:
        return None
    return Finding(page.file, 0, name, say(f"页面 {page.page.path}", page.page.path))


def _meta_say(page: PageScan, name: str, expected: str | None = None) -> Say | None:
    """What is wrong with the page's <meta name>, said of the pages it is found on."""
    value = page.meta.get(name)
    if value is None or not value.strip():
        state, english = ("缺少", "missing") if value is None else ("为空", "empty")
        return lambda pages, en: (
            f'{pages} 的 <meta name="{name}"> {state}；请在主题模板中输出该标签'
            f" (meta {name} {english} in {en})"
        )
    if expected is not None and value.strip() != expected:
        return lambda pages, en: (
            f"{pages} 的 {name} 为 “{value}”，应为 “{expected}”（data/site.yaml）；"
            f"请让模板从网站配置输出 (meta {name} differs from data/site.yaml in {en})"
        )
    return None


# Where a site theme's template writes (or should write) the <meta> tags of <head>: the tag's
# own name first (a hard-coded <meta name="SiteName" content="旧名">), then the loop.
def _meta_markers(name: str) -> tuple[str, ...]:
    return (name, "meta_tags", "meta.items()", *_HEAD)


_HEAD = ("<head>", "<head ")  # (not "<head": <header is no head)


@rule(
    "DESIGN-02",
    Severity.DEDUCT,
    "每页须有网站标签 SiteName、SiteDomain、SiteIDCode，且与网站配置一致",
    "指引 附件“网页标签”",
    "在主题 base.html 的 <head> 中按 data/site.yaml 输出三个网站标签",
)
def site_meta(ctx: CheckContext) -> Iterator[Finding]:
    config = ctx.site.config
    expected = {
        "SiteName": config.name,
        # (the old domain until a domain change takes effect: RULES NOTICE-04)
        "SiteDomain": ctx.site.domain,
        "SiteIDCode": config.site_code,
    }
    # (the tags as the theme writes them, tested first: 34,000 of them at 10k items)
    written = {name: value for name, value in expected.items() if value and value.strip() == value}
    faults = []
    for scan in _pages(ctx, *_SHOWN):
        meta = scan.facts.meta
        for name, value in expected.items():
            if name in written and meta.get(name) == value:
                continue
            say = _meta_say(scan, name, value)
            if say:
                faults.append(PageFault(scan, _blame(ctx, scan, _meta_markers(name)), name, say))
    return _theme_or_page(faults)


@rule(
    "DESIGN-03",
    Severity.DEDUCT,
    "栏目页须有栏目标签 ColumnName、ColumnDescription、ColumnKeywords、ColumnType",
    "指引 附件“网页标签”",
    "在栏目模板中输出四个栏目标签；ColumnType 取国家词表或 data/site.yaml 的 column_types",
)
def column_meta(ctx: CheckContext) -> Iterator[Finding]:
    # Said at each page's own file, not through `_theme_or_page`: these tags are written from
    # the column's _index.md (column_type, description, keywords), so a wrong or empty one
    # can be the content's fault, not a site template's.
    vocabulary = set(COLUMN_TYPES) | set(ctx.site.config.column_types)
    # A column_type outside the vocabulary is already reported on its _index.md (validate).
    declared = {c.location.file: c.column_type for c in ctx.site.columns.values()}
    for scan in _pages(ctx, "home", "column"):
        for name in ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType"):
            problem = _meta_problem(scan, name)
            if problem:
                yield problem
        kind = scan.meta.get("ColumnType", "").strip()
        if kind and kind not in vocabulary and kind != declared.get(scan.page.source):
            yield Finding(
                scan.file,
                0,
                "ColumnType",
                f"页面 {scan.page.path} 的 ColumnType “{kind}” 不在栏目类别词表中；请改用词表中的"
                f"类别，或在 data/site.yaml 的 column_types 中登记 (ColumnType not in the "
                f"vocabulary in {scan.page.path})",
            )


@rule(
    "DESIGN-04",
    Severity.DEDUCT,
    "内容页须有 ArticleTitle、PubDate（YYYY-MM-DD HH:MM）、ContentSource 标签",
    "指引 附件“网页标签”",
    "在内容页模板中输出三个内容标签，PubDate 精确到分钟",
)
def item_meta(ctx: CheckContext) -> Iterator[Finding]:
    undated = _undated_items(ctx)
    faults = []
    for scan in _pages(ctx, "item"):
        meta = scan.facts.meta
        for name in ("ArticleTitle", "PubDate", "ContentSource"):
            found = meta.get(name)
            if found and not found.isspace():  # (as _meta_say has it: set, and not blank)
                continue
            say = _meta_say(scan, name)
            if say and name == "PubDate" and scan.file in undated:
                yield _no_date(undated[scan.file], scan.page.path)
            elif say:
                faults.append(PageFault(scan, _blame(ctx, scan, _meta_markers(name)), name, say))
        stamp = scan.meta.get("PubDate", "").strip()
        if stamp and not _PUBDATE.match(stamp):
            faults.append(
                PageFault(
                    scan,
                    _blame(ctx, scan, _meta_markers("PubDate")),
                    "PubDate",
                    _stamp_format(stamp),
                )
            )
    yield from _theme_or_page(faults)


def _stamp_format(stamp: str) -> Say:
    return lambda pages, en: (
        f"{pages} 的 PubDate “{stamp}” 应为 YYYY-MM-DD HH:MM 格式；"
        f"请在模板中用 minute 过滤器输出 (PubDate is not YYYY-MM-DD HH:MM in {en})"
    )


def _undated_items(ctx: CheckContext) -> dict[str, Item]:
    """Source file -> a `page` or `leader` item with neither `date` nor `updated`."""
    return {
        item.location.file: item
        for item in ctx.site.items.values()
        if item.type in UNDATED_TYPES and item.shown_date is None
    }


def _no_date(item: Item, path: str) -> Finding:
    """ARCHITECTURE §1.2: a `page` or `leader` item may go without `date`; its PubDate then
    shows `updated`, advice when neither is given. Its empty PubDate is no theme's fault (the
    finding told the editor to fix the template): the front matter lacks the date."""
    return Finding(
        item.location.file,
        1,
        "updated",
        f"{item.type_label}没有发布日期 date，也没有更新日期 updated，页面 {path} 的 PubDate 为空；"
        f"请在 front matter 写 updated: YYYY-MM-DD (neither date nor updated: PubDate of {path} "
        "is empty)",
        Severity.ADVICE,
    )


def _date_forms(day: str) -> tuple[str, ...]:
    year, month, date = day.split("-")
    return (day, f"{year}年{int(month)}月{int(date)}日", f"{year}年{month}月{date}日")


def _visible_at(text: str, start: int, needle: str) -> bool:
    """`needle` occurs in `text` after `start`, outside any tag."""
    at = text.find(needle, start)
    while at >= 0:
        if text.rfind("<", 0, at) <= text.rfind(">", 0, at):
            return True
        at = text.find(needle, at + 1)
    return False


@rule(
    "DESIGN-05",
    Severity.DEDUCT,
    "内容页须显示发布时间，且与 PubDate 一致",
    "普查评分表 注（未注明发布时间的信息视为未更新）；指引 附件",
    "在内容页模板的标题下方显示发布时间（与 PubDate 同一日期）",
)
def visible_date(ctx: CheckContext) -> Iterator[Finding]:
    faults = []
    for scan in _pages(ctx, "item"):
        stamp = scan.meta.get("PubDate", "").strip()
        if not _PUBDATE.match(stamp):
            continue  # DESIGN-04 reports it
        if not scan.facts.date_shown:
            # (below the title: the page's own template, or what it includes, writes it)
            place = _blame(ctx, scan, ("<h1",), page_first=True)
            faults.append(
                PageFault(
                    scan,
                    place,
                    "PubDate",
                    _date_not_shown(stamp[:10]),
                )
            )
    return _theme_or_page(faults)


def _date_not_shown(day: str) -> Say:
    return lambda pages, en: (
        f"{pages} 的可见文字中没有发布日期 {day}；请在标题下方显示发布时间"
        f" (publication date {day} not shown on {en})"
    )


@rule(
    "DESIGN-09",
    Severity.ADVICE,
    "栏目页、内容页宜显示“当前位置”面包屑",
    "指引 附件（惯例，条文未读到 ⚠）",
    '在模板中加入 <nav aria-label="当前位置"> 面包屑导航',
)
def breadcrumbs(ctx: CheckContext) -> Iterator[Finding]:
    faults = [
        PageFault(
            scan,
            _blame(ctx, scan, ("当前位置", "<main")),
            "",
            lambda pages, en: (
                f"{pages} 没有“当前位置”面包屑导航；请在模板中加入 (no breadcrumb on {en})"
            ),
        )
        for scan in _pages(ctx, "column", "item")
        if not scan.facts.breadcrumb
    ]
    return _theme_or_page(faults)


@rule(
    "DESIGN-10",
    Severity.ADVICE,
    "页面宜适配移动终端（viewport 标签）",
    "吉林办法 第三十一条；检查指标 功能设计 ⚠",
    '在 base.html 的 <head> 中加入 <meta name="viewport" content="width=device-width, '
    'initial-scale=1">',
)
def viewport(ctx: CheckContext) -> Iterator[Finding]:
    faults = [
        PageFault(
            scan,
            _blame(ctx, scan, _HEAD),
            "",
            lambda pages, en: (
                f'{pages} 缺少 <meta name="viewport">，手机上无法正常显示；请在'
                f"模板 <head> 中加入 (no viewport meta on {en})"
            ),
        )
        for scan in _pages(ctx, *_SHOWN)
        if "viewport" not in scan.meta
    ]
    return _theme_or_page(faults)


@functools.lru_cache(maxsize=4096)
def _ad_host(host: str) -> str:
    host = host.lower()
    for ad in AD_HOSTS:
        if host == ad or host.endswith("." + ad):
            return ad
    return ""


@rule(
    "DESIGN-12",
    Severity.DEDUCT,
    "政府网站不得刊登商业广告",
    "指引（禁止政府网站刊登商业广告）；适老化规范",
    "删除广告脚本、广告位及指向广告网络的链接和图片",
)
def advertising(ctx: CheckContext) -> Iterator[Finding]:
    scan_all = _scan(ctx)
    faults = []
    for scan in scan_all.pages_with(_has_ad, _LINKED):
        found: dict[str, str] = {}  # ad network → the first URL of it
        for element in _loaded(scan_all, scan):
            for url, host, _asset in element.absolute:
                ad = _ad_host(host)
                if ad:
                    found.setdefault(ad, url)
        for ad, evidence in found.items():
            faults.append(_written_fault(ctx, scan, _advert(ad, evidence), evidence))
    return _theme_or_page(faults)


def _has_ad(element: Element) -> bool:
    return any(_ad_host(host) for _url, host, _asset in element.absolute)


def _advert(ad: str, evidence: str) -> Say:
    return lambda pages, en: (
        f"{pages} 含广告网络 {ad} 的内容（{evidence}）；请删除 (advertising from {ad} on {en})"
    )


# --- ID: header and footer identity ------------------------------------------------------


@rule(
    "ID-01",
    Severity.DEDUCT,
    "头部标识区须显著展示网站全称",
    "吉林办法 第十一条；指引 三",
    "在 <header> 中显示 data/site.yaml 的 name（网站全称）",
)
def header_name(ctx: CheckContext) -> Iterator[Finding]:
    name = _SPACE.sub(" ", ctx.site.config.name).strip()
    faults = [
        PageFault(
            scan,
            _blame(ctx, scan, ("<header",)),
            "",
            lambda pages, en: (
                f"{pages} 的头部标识区没有网站全称 “{name}”；请在 <header> 中显示"
                f" (site name missing from the header of {en})"
            ),
        )
        for scan in _pages(ctx, *_SHOWN)
        if scan.header is not None and name not in scan.header.text
    ]
    return _theme_or_page(faults)


Problem = tuple[str, str]  # (中文, English) of one fault of a footer


def _footer_findings(
    ctx: CheckContext, judge: Callable[[Region], list[Problem]]
) -> Iterator[Finding]:
    """`judge` each distinct footer once, as a browser shows it (`_shown`: without its HTML
    comments); each fault once at the site theme's template that writes the page's footer
    (`_region_at`) for all the pages that have it, as the header's (`_theme_or_page`), else
    one per page at the page's source file. The default theme renders every footer item from
    data/site.yaml, so a footer that lacks one was written by a site theme: a finding at each
    content file sent the editor to files that are not at fault. Pages without a footer
    landmark are DESIGN-01's."""
    # Each distinct footer judged first, in the order of the pages that first have it: the
    # pages are visited only when one has a fault (issue 9: seven rules, each over 11,341
    # pages at 10k items, for the 11 footers of a site without a fault).
    memo = {id(footer): judge(_shown(footer)) for footer in _scan(ctx).shown_footers()}
    faults: list[PageFault] = []
    if not any(memo.values()):
        return _theme_or_page(faults)
    for scan in _pages(ctx, *_SHOWN):
        footer = scan.footer
        if footer is None:
            continue
        problems = memo[id(footer)]
        if problems:
            place = _region_at(ctx, scan, "<footer")
            faults.extend(PageFault(scan, place, "", _region_say(*p)) for p in problems)
    return _theme_or_page(faults)


def _region_say(chinese: str, english: str) -> Say:
    """A fault of a page's footer or header, said of the pages it is found on."""
    return lambda pages, en: f"{pages} {chinese} ({english} on {en})"


def _region_at(ctx: CheckContext, scan: PageScan, marker: str) -> tuple[str, int] | None:
    """(file, line) of the site theme's template that writes `marker` (`<footer`,
    `<header`) on this page: of the templates the page is made of (ssg/check/theme_blame.py),
    the one that holds it, footer.html only where the page's base.html places it. A part
    that the default theme always renders from data/site.yaml (the conac badge, the emblem)
    can only go missing where a site theme replaced the template, which is then the file to
    open and correct (audit 12: a finding at each content file sent the editor to files that
    are not at fault). None when the default theme's template writes it, or no template
    does: the finding stays at the page's source (ARCHITECTURE §3.1)."""
    return _blame(ctx, scan, (marker,), first_line=False)


def _collapse(text: str) -> str:
    return _SPACE.sub("", text)


def _shown(region: Region) -> Region:
    """The region as a browser shows it: without its HTML comments, whose markup a reader
    never sees (a commented-out conac script, a phone number in a comment: review 12, s3).
    Reparsed only for the rare region that has comments; callers judge each region once."""
    if "<!--" not in region.chunk:
        return region
    return _region(_COMMENT.sub(" ", region.chunk))


@rule(
    "ID-08",
    Severity.DEDUCT,
    "底部功能区须显示“政府网站标识码：…”",
    "指引 附件 网页标签；页脚惯例",
    "在页脚显示 “政府网站标识码：<site_code>”",
)
def footer_site_code(ctx: CheckContext) -> Iterator[Finding]:
    code = ctx.site.config.site_code
    wanted = re.compile(rf"政府网站标识码\s*[：:]\s*{re.escape(code)}(?![0-9A-Za-z])")

    def judge(footer: Region) -> list[Problem]:
        if wanted.search(footer.text):
            return []
        return [
            (f"的页脚没有 “政府网站标识码：{code}”；请在页脚显示", "no site ID code in the footer")
        ]

    return _footer_findings(ctx, judge)


@rule(
    "ID-09",
    Severity.DEDUCT,
    "页脚须显示 ICP 备案编号并链接工信部备案系统",
    "吉林办法 第十条（二）；工信部备案管理规定",
    "在页脚显示 ICP 备案编号，并链接到 https://beian.miit.gov.cn/",
)
def footer_icp(ctx: CheckContext) -> Iterator[Finding]:
    icp = ctx.site.config.icp
    if not icp:
        return iter(())

    def judge(footer: Region) -> list[Problem]:
        problems = []
        if _collapse(icp) not in _collapse(footer.text):
            problems.append(
                (f"的页脚没有 ICP 备案编号 “{icp}”；请在页脚显示", "no ICP number in the footer")
            )
        if not any(_host_of(h) == "beian.miit.gov.cn" for h, _ in footer.links):
            problems.append(
                (
                    "的页脚没有链接到工信部备案系统 https://beian.miit.gov.cn/；请给 ICP 备案编号"
                    "加上该链接",
                    "ICP number not linked to beian.miit.gov.cn",
                )
            )
        return problems

    return _footer_findings(ctx, judge)


def _host_of(url: str) -> str:
    kind = classify(url)
    return kind.value.lower() if kind.kind == ABSOLUTE else ""


@rule(
    "ID-10",
    Severity.DEDUCT,
    "页脚须显示公安机关备案号并链接全国互联网安全管理服务平台",
    "吉林办法 第十条（二）",
    "在页脚显示公安机关备案号，前置备案图标，链接 https://www.beian.gov.cn/portal/registerSystemInfo"
    "?recordcode=<14 位数字>",
)
def footer_police_record(ctx: CheckContext) -> Iterator[Finding]:
    config = ctx.site.config
    record = config.police_record
    if not record:
        return iter(())
    digits = config.police_record_code
    wanted = f"https://www.beian.gov.cn/portal/registerSystemInfo?recordcode={digits}"

    def judge(footer: Region) -> list[Problem]:
        problems = []
        if _collapse(record) not in _collapse(footer.text):
            problems.append(
                (
                    f"的页脚没有公安机关备案号 “{record}”；请在页脚显示",
                    "no police record in the footer",
                )
            )
        codes = [c for c in (_recordcode(h) for h, _ in footer.links) if c is not None]
        if not codes:
            problems.append(
                (
                    f"的页脚没有链接到公安备案系统；请链接 {wanted}",
                    "police record not linked to www.beian.gov.cn",
                )
            )
        elif digits and digits not in codes:
            problems.append(
                (
                    f"页脚公安备案链接的 recordcode 为 {codes[0] or '（空）'}，应为备案号中的 "
                    f"{digits}；请改为 {wanted}",
                    "recordcode does not match the police record",
                )
            )
        if codes and not _has_filing_icon(footer.chunk):
            problems.append(
                (
                    "的页脚公安备案号前没有备案图标；请在备案号链接里或紧挨其前放置图标"
                    "（data/site.yaml 的 police_icon）",
                    "no filing icon before the police record",
                )
            )
        return problems

    return _footer_findings(ctx, judge)


# The 公安备案 link: what precedes it (up to its enclosing tag) and its content.
_FILING_LINK = re.compile(
    r"(<img\b[^>]*>\s*)?<a\b[^>]*registersysteminfo[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL
)


def _has_filing_icon(markup: str) -> bool:
    """An image inside a filing-system link, or just before it, as real footers place it."""
    return any(m.group(1) or "<img" in m.group(2).lower() for m in _FILING_LINK.finditer(markup))


def _recordcode(url: str) -> str | None:
    """The recordcode of a www.beian.gov.cn registerSystemInfo link; None for other links."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if (parts.hostname or "") not in ("www.beian.gov.cn", "beian.gov.cn"):
        return None
    if "registersysteminfo" not in parts.path.lower():
        return None
    return (parse_qs(parts.query).get("recordcode") or [""])[0]


@rule(
    "ID-13",
    Severity.DEDUCT,
    "底部功能区须列明主办单位，设承办单位的同时列承办单位",
    "吉林办法 附件1、第七条；指引 附件",
    "在页脚列出 “主办单位：<host>” 和 “承办单位：<operator>”",
)
def footer_items(ctx: CheckContext) -> Iterator[Finding]:
    config = ctx.site.config

    def judge(footer: Region) -> list[Problem]:
        text = _collapse(footer.text)
        missing = []
        if "主办单位" not in text or _collapse(config.host) not in text:
            missing.append((f"主办单位（{config.host}）", "host"))
        if config.operator and ("承办单位" not in text or _collapse(config.operator) not in text):
            missing.append((f"承办单位（{config.operator}）", "operator"))
        if not missing:
            return []
        return [
            (
                f"的页脚缺少：{'、'.join(m[0] for m in missing)}；请在页脚列出",
                f"footer lacks: {', '.join(m[1] for m in missing)}",
            )
        ]

    return _footer_findings(ctx, judge)


@rule(
    "ID-13",
    Severity.DEDUCT,
    "底部功能区须列明联系方式（data/site.yaml 的联系电话或电子邮箱）",
    "吉林办法 附件1、第七条；指引 附件",
    "在页脚列出 data/site.yaml 中 contact 的电话（phone）或邮箱（email）；默认主题的页脚已列出",
)
def footer_contact(ctx: CheckContext) -> Iterator[Finding]:
    """The phone or the email itself, not the word 联系: the default theme's 联系我们 label
    and link are on every footer, with a number or without (audit 12, probe id13-contact).
    One of them suffices; without either in site.yaml, identity.contact_given says so."""
    contact = ctx.site.config.contact
    shown = [
        (f"{label} {value}", _collapse(value))
        for label, value in (("电话", contact.get("phone", "")), ("邮箱", contact.get("email", "")))
        if value
    ]
    if not shown:
        return iter(())

    def judge(footer: Region) -> list[Problem]:
        text = _collapse(footer.text)
        linked = {
            _collapse(unquote(h.strip().partition(":")[2]))
            for h, _ in footer.links
            if h.strip().lower().startswith(("tel:", "mailto:"))
        }
        if any(value in text or value in linked for _, value in shown):
            return []
        return [
            (
                f"的页脚没有联系方式（{'、'.join(label for label, _ in shown)}）；请在页脚列出",
                "no contact phone or email in the footer",
            )
        ]

    return _footer_findings(ctx, judge)


def _no_scheme(url: str) -> str:
    """A URL without its scheme: //dcs.conac.cn/… and https://dcs.conac.cn/… load the same."""
    url = url.strip()
    return url.split(":", 1)[1] if url.lower().startswith(("http:", "https:")) else url


@rule(
    "ID-11",
    Severity.DEDUCT,
    "页脚须显示党政机关网站标识（加载 data/site.yaml 中 conac 的脚本）",
    "吉林办法 第十条（二）、附件1；指引 附件（底部功能区）",
    "在页脚放置 conac.script 的嵌入代码；默认主题的页脚已放置，覆盖 footer.html 的站点主题须保留",
)
def footer_conac(ctx: CheckContext) -> Iterator[Finding]:
    """RULES ID-11, ID-13 (每页 footer landmark 含全部必列项): the badge is drawn by the
    official script, so the footer must load the configured one. Without `conac` in
    site.yaml there is nothing to look for (ID-15 reports the setting)."""
    script = ctx.site.config.conac.get("script", "")
    if not script:
        return iter(())
    wanted = _no_scheme(script)

    def judge(footer: Region) -> list[Problem]:
        tags = parse_tags(footer.chunk)
        if any(t.name == "script" and _no_scheme(t.attrs.get("src", "")) == wanted for t in tags):
            return []
        return [
            (
                f"的页脚没有党政机关网站标识（加载 {script} 的脚本）；请在页脚放置该标识",
                "no conac badge in the footer",
            )
        ]

    return _footer_findings(ctx, judge)


@rule(
    "ID-12",
    Severity.DEDUCT,
    "页脚须有“我为政府网站找错”入口，sitecode 与标识码一致",
    "吉林办法 第三十四条；检查指标 功能设计 ◐",
    '在页脚放置找错入口：默认主题的 <span data-jiucuo-sitecode="<site_code>">，或官方的 '
    '<script id="_jiucuo_" sitecode="<site_code>" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js">',
)
def footer_jiucuo(ctx: CheckContext) -> Iterator[Finding]:
    """RULES ID-12: with `jiucuo: true` the entry must be on the pages, its sitecode the
    site's 标识码. The default theme writes a placeholder in the footer that its script turns
    into the official <script id="_jiucuo_" sitecode=…>; a theme may write that script itself,
    anywhere in the page (RULES asks for the entry, not its place; review 12, j1): such a
    script is one of the start tags the scan already keeps for every page (`PageFacts.elements`),
    so no page is read again to find it."""
    config = ctx.site.config
    if not config.jiucuo:
        return iter(())
    return _jiucuo_findings(ctx, config.site_code)


def _jiucuo_code(name: str, attrs: Mapping[str, str]) -> str | None:
    """The sitecode of a 找错 entry: the default theme's placeholder or the official script;
    None for any other tag."""
    if "data-jiucuo-sitecode" in attrs:
        return attrs["data-jiucuo-sitecode"].strip()
    if name == "script" and attrs.get("id") == "_jiucuo_":
        return attrs.get("sitecode", "").strip()
    return None


def _jiucuo_scripts(scan: Scan) -> dict[Key, str]:
    """The distinct official 找错 scripts of the output (start tag -> sitecode): few keys of
    the scan's distinct tags are scripts, and each is read once per run. (`Scan.elements`
    holds the tags of every page, however its facts were had: cache, text or scan.)"""
    found = {}
    for name, raw in scan.elements:
        if "_jiucuo_" in raw and name.lower() == "script":  # (the cheap test first)
            code = _jiucuo_code("script", _attributes("script", raw))
            if code is not None:
                found[name, raw] = code
    return found


def _jiucuo_findings(ctx: CheckContext, code: str) -> Iterator[Finding]:
    scripts = _jiucuo_scripts(_scan(ctx))
    in_footer: dict[int, list[str]] = {}
    memo: dict[tuple[int, tuple[str, ...]], list[Problem]] = {}
    faults: list[PageFault] = []
    for scan in _pages(ctx, *_SHOWN):
        footer = scan.footer
        if footer is None:
            continue  # (DESIGN-01's)
        codes = in_footer.get(id(footer))
        if codes is None:
            shown = _shown(footer)  # (a commented-out entry is none)
            codes = in_footer[id(footer)] = [
                found
                for tag in parse_tags(shown.chunk)
                if (found := _jiucuo_code(tag.name, tag.attrs)) is not None
            ]
        # (a script of the footer is the footer's, judged without its comments above; one
        # commented out elsewhere is none either)
        facts = scan.facts
        elsewhere = tuple(
            c
            for key, c in scripts.items()
            if key in facts.elements
            and key not in facts.hidden
            and f"<{key[0]}{key[1]}>" not in footer.chunk
        )
        problems = memo.get((id(footer), elsewhere))
        if problems is None:
            problems = memo[(id(footer), elsewhere)] = _jiucuo_problems(code, [*codes, *elsewhere])
        if not problems:
            continue
        # A wrong sitecode of a script outside the footer is corrected where the script is
        # written.
        at_script = _region_at(ctx, scan, 'id="_jiucuo_"') if elsewhere and not codes else None
        place = at_script or _region_at(ctx, scan, "<footer")
        faults.extend(PageFault(scan, place, "", _region_say(*p)) for p in problems)
    return _theme_or_page(faults)


def _jiucuo_problems(code: str, codes: list[str]) -> list[Problem]:
    if code in codes:
        return []
    if codes:
        return [
            (
                f"的“我为政府网站找错”入口的 sitecode 为 {codes[0] or '（空）'}，应为标识码 "
                f"{code}；请改正",
                "the 找错 entry's sitecode is not the site code",
            )
        ]
    return [
        (
            "的页脚没有“我为政府网站找错”入口；请在页脚放置（data/site.yaml 已设 jiucuo: true）",
            "no 找错 entry in the footer",
        )
    ]


@rule(
    "ID-14",
    Severity.DEDUCT,
    "县级以上政府门户首页头部须显示国徽图片",
    "中华人民共和国国徽法（2020 年修正）",
    "在首页 <header> 中显示 data/site.yaml 的 emblem 图片；默认主题已显示，覆盖 base.html 的站点主题须保留",
)
def home_emblem(ctx: CheckContext) -> Iterator[Finding]:
    """RULES ID-14: 网站首页显著位置使用国徽图案, checked as 首页头部须显示 emblem 配置的图片:
    an <img> of the home page's header landmark whose address is the configured file.
    Department sites do not show it by default (identity.emblem advises on theirs)."""
    config = ctx.site.config
    if not (config.is_portal and config.emblem):
        return
    wanted = posixpath.normpath("/" + config.emblem.lstrip("/"))
    faults = [
        PageFault(
            scan,
            _region_at(ctx, scan, "<header"),
            "",
            lambda pages, en: (
                f"{pages} 的头部标识区没有国徽图片 {wanted}（data/site.yaml 的 emblem）；"
                f"请在首页 <header> 中显示 (no national emblem in the header of {en})"
            ),
        )
        for scan in _pages(ctx, "home")
        # (no header at all is DESIGN-01's)
        if scan.header is not None
        and not _shows_image(_scan(ctx), scan.header.chunk, scan.page.path, wanted)
    ]
    yield from _theme_or_page(faults)


def _shows_image(scan: Scan, markup: str, page_path: str, wanted: str) -> bool:
    """An <img> in `markup` (of the page at `page_path`) shows the site file `wanted`:
    by a path, or by a URL on one of the site's own hosts (https://<domain>/static/emblem.png
    is this very output's file, as `Scan.here` reads it; review 12, e1)."""
    base = "/" + posixpath.dirname(page_path)
    for tag in parse_tags(markup):
        if tag.name != "img":
            continue
        src = tag.attrs.get("src", "")
        kind = scan.url(src)
        if kind.kind == INTERNAL:
            path = unquote(kind.value)
        elif kind.kind == ABSOLUTE and kind.value.lower() in scan.own_hosts:
            own = _own_path(src)
            if own is None:
                continue
            path = unquote(own)
        else:
            continue
        if posixpath.normpath(posixpath.join(base, path)) == wanted:
            return True
    return False


@rule(
    "ID-13",
    Severity.ADVICE,
    "底部功能区宜有“网站地图”链接",
    "指引 附件（惯例 ⚠）",
    "在页脚加入指向 /sitemap.html 的“网站地图”链接",
)
def footer_sitemap_link(ctx: CheckContext) -> Iterator[Finding]:
    # A maintenance or migration build publishes no site map (RULES NOTICE-02, NOTICE-03):
    # every URL is the notice, and a link to /sitemap.html would lead back to it.
    if replaced_output(ctx):
        return iter(())

    def judge(footer: Region) -> list[Problem]:
        if any("网站地图" in text or "sitemap" in h.lower() for h, text in footer.links):
            return []
        return [
            ("的页脚没有“网站地图”链接；请链接 /sitemap.html", "no site map link in the footer")
        ]

    return _footer_findings(ctx, judge)


# --- SEC: outside assets, script URLs, dead links and anchors -----------------------------


def _needles(url: str) -> tuple[str, ...]:
    """How a URL of the output may be written in its Markdown source: a link to a 中文域名
    is rendered with its IDNA form (xn--…), written with the Chinese name."""
    decoded = unquote(url)
    tail = decoded.split("/", 1)[1] if "/" in decoded.strip("/") else ""
    return tuple(dict.fromkeys((url, decoded, _unicode_host(decoded), tail)))


def _unicode_host(url: str) -> str:
    """`url` with an IDNA host (https://xn--…xn--zfr164b/…) in its Unicode form."""
    scheme, sep, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    if not sep or "xn--" not in host.lower():
        return url
    try:
        shown = ".".join(label.encode("ascii").decode("idna") for label in host.split("."))
    except (UnicodeError, ValueError):
        return url
    return f"{scheme}{sep}{shown}{slash}{path}"


@rule(
    "SEC-01",
    Severity.DEDUCT,
    "不得引用站外资源（脚本、样式、字体、图片、框架）",
    "吉林办法 第三十条（二）；ARCHITECTURE §3.2",
    "把资源放进站内（static/ 或主题 static/），或在 data/site.yaml 的 allowed_hosts 中写明主机和理由",
)
def outside_assets(ctx: CheckContext) -> Iterator[Finding]:
    scan_all = _scan(ctx)
    faults = []

    def outside_asset(element: Element) -> bool:
        return any(asset and scan_all.outside(host) for _url, host, asset in element.absolute)

    for scan in scan_all.pages_with(outside_asset, _LINKED):
        seen: set[str] = set()
        for element in _loaded(scan_all, scan):
            for url, host, asset in element.absolute:
                if not asset or not scan_all.outside(host) or url in seen:
                    continue
                seen.add(url)
                faults += _written_url_faults(ctx, scan, _outside_asset(url, host), url)
    yield from _theme_or_page(faults)
    for rel in scan_all.css:
        text = _read(ctx, rel)
        for url, offset in _css_urls(text):
            kind = scan_all.url(url)
            if kind.kind == ABSOLUTE and scan_all.outside(kind.value):
                yield Finding(
                    _output_source(ctx, rel),
                    text.count("\n", 0, offset) + 1,
                    "",
                    f"样式表 {rel} 加载站外资源 {url}（主机 {kind.value}）；请改为站内文件"
                    f" (stylesheet {rel} loads an outside asset from {kind.value})",
                )


@rule(
    "SEC-01",
    Severity.DEDUCT,
    "链接和资源不得使用 javascript: 伪协议",
    "吉林办法 第三十条（二）",
    "把 javascript: 链接改为指向真实页面的链接，脚本行为放进站内脚本文件",
)
def script_urls(ctx: CheckContext) -> Iterator[Finding]:
    scan_all = _scan(ctx)
    faults = []
    for scan in scan_all.pages_with(_SCRIPTS, _LINKED):
        seen: set[str] = set()
        for element in _loaded(scan_all, scan):
            for url in element.scripts:
                if url in seen:
                    continue
                seen.add(url)
                faults += _written_url_faults(ctx, scan, _script_url(url), url)
    return _theme_or_page(faults)


def _outside_asset(url: str, host: str) -> Say:
    return lambda pages, en: (
        f"{pages} 加载站外资源 {url}（主机 {host}）；请改为站内文件，"
        f"或在 allowed_hosts 中登记 (outside asset from {host} on {en})"
    )


def _script_url(url: str) -> Say:
    return lambda pages, en: (
        f"{pages} 的链接 {url} 使用脚本伪协议，无法正常访问；请改为真实地址 (script URL on {en})"
    )


def _read(ctx: CheckContext, rel: str) -> str:
    assert ctx.output is not None
    return (ctx.output / rel).read_text(encoding="utf-8", errors="replace")


def _output_source(ctx: CheckContext, rel: str) -> str:
    """The file an output file (not a page) was copied from, as the editor sees it."""
    theme = ctx.site.config.theme or "default"
    if rel.startswith("assets/"):
        return f"themes/{theme}/static/{rel[len('assets/') :]}"
    if rel.startswith("static/"):
        return rel
    return ctx.copied.get(rel, rel)


@rule(
    "SEC-06",
    Severity.DEDUCT,
    "站内链接、图片、附件须全部可用",
    "检查指标（链接可用性考察点）",
    "改正链接地址，或补上所链接的页面、图片、附件",
)
def dead_links(ctx: CheckContext) -> Iterator[Finding]:
    scan_all = _scan(ctx)
    faults: list[PageFault] = []  # (those of a site template's links: once for their pages)
    for scan in scan_all.pages_with(_site_links):
        path = scan.page.path
        base = None  # (worked out for the pages that need it: 11,000 calls, 0.015 s at 10k)
        # One finding per line that writes a dead link (ARCHITECTURE §3.1: at its line), and
        # one for a target linked where no line says (the theme's link), unless a line does;
        # a site template's copy of it once at the template's line (`_template_copy`).
        found: dict[tuple[str, str, int], str] = {}  # (target, file, line) -> the URL
        for element in _loaded(scan_all, scan):
            if not element.dead and not element.relative:
                continue
            if base is None:
                base = posixpath.dirname(path)
            dead = [*element.dead, *((u, scan_all.missing(base, p)) for u, p in element.relative)]
            for url, target in dead:
                if not target:
                    continue
                lines = scan_all.lines(scan, *_needles(url))
                if lines != [0]:
                    faults += _template_copy(ctx, scan, url, _dead_link(url, target))
                for line in lines:
                    file = scan.file
                    if not line:  # (a migrated page's new URL: its row of the mapping CSV)
                        file, line = _mapped_places(ctx).get(url, (file, line))
                    if not line and (place := link_place(ctx, scan, url)):
                        faults.append(PageFault(scan, place, "", _dead_link(url, target)))
                        continue
                    found.setdefault((target, file, line), url)
        located = {target for target, _file, line in found if line}
        for (target, file, line), url in found.items():
            if line or target not in located:
                yield Finding(file, line, "", _dead_link(url, target)(f"页面 {path}", path))
    yield from _theme_or_page(faults)
    for rel in scan_all.css:
        text = _read(ctx, rel)
        base = posixpath.dirname(rel)
        for url, offset in _css_urls(text):
            kind = scan_all.url(url)
            if kind.kind != INTERNAL:
                continue
            target = scan_all.missing(base, kind.value)
            if target:
                yield Finding(
                    _output_source(ctx, rel),
                    text.count("\n", 0, offset) + 1,
                    "",
                    f"样式表 {rel} 引用的 {url} 不存在（{target}）；请改正路径或补上该文件"
                    f" (stylesheet {rel}: {target} does not exist)",
                )


def _dead_link(url: str, target: str) -> Say:
    return lambda pages, en: (
        f"{pages} 的链接 {_unicode_host(url)} 指向不存在的 {target}；"
        f"请改正链接或补上该文件 (dead link on {en}: {target} does not exist)"
    )


@rule(
    "SEC-06",
    Severity.DEDUCT,
    "指向本仓库其他站点的链接须可用",
    "检查指标（链接可用性考察点）；国办函〔2018〕71号（集约化）",
    "改正链接地址，或在那个站点补上所链接的页面或文件",
)
def dead_links_to_other_sites(ctx: CheckContext) -> Iterator[Finding]:
    """集约化: a link written in full to another site of the repository (its domain) is
    judged by what that site's content publishes (ssg/cross_site.py), as a link within the
    site is: the platform's sites link each other most of all."""
    cross = ctx.site.cross
    if cross is None or not cross.pages:
        return
    scan_all = _scan(ctx)
    settings = _settings_lines(ctx)
    said: set[tuple[str, int, str]] = set()
    faults: list[PageFault] = []

    def to_other_site(element: Element) -> bool:
        return any(host.lower() in cross.pages for _url, host, _asset in element.absolute)

    for scan in scan_all.pages_with(to_other_site):
        seen: set[str] = set()
        # (not a link written only inside an HTML comment: no reader can follow it)
        for element in _loaded(scan_all, scan):
            for url, host, _asset in element.absolute:
                other = cross.pages.get(host.lower())
                if other is None or url in seen:
                    continue
                seen.add(url)
                try:
                    path = unquote(urlsplit(url.strip()).path)
                except ValueError:
                    continue
                if other.publishes(path):
                    continue
                # (one finding per line that writes it, as within the site: `dead_links`)
                # (as the editor wrote it: a 中文域名 is rendered in its IDNA form, xn--…)
                shown = _unicode_host(f"https://{host}").removeprefix("https://")
                say = _dead_link_to(url, other.folder, shown, path)
                lines = scan_all.lines(scan, *_needles(url))
                if lines != [0]:
                    faults += _template_copy(ctx, scan, url, say)
                for line in lines:
                    file = scan.file
                    if not line:
                        file, line = _mapped_places(ctx).get(url, (file, line))
                    if not line and (place := link_place(ctx, scan, url)):
                        faults.append(PageFault(scan, place, "", say))
                        continue
                    if not line:
                        # A link the theme makes of a setting (a migration's destination on
                        # every page, the parent portal in the footer) is the setting's line,
                        # said once.
                        file, line = next(
                            ((f, n) for f, lines in settings for n, t in lines if url in t),
                            (file, line),
                        )
                    if (file, line, url) in said:
                        continue
                    said.add((file, line, url))
                    page = f"页面 {scan.page.path}" if file == scan.file else ""
                    yield Finding(file, line, "", say(page, scan.page.path))
    yield from _theme_or_page(faults)


def _dead_link_to(url: str, folder: str, shown: str, path: str) -> Say:
    """(`pages` empty: the finding is at a setting's line, for every page that links it)"""
    return lambda pages, _en: (
        f"{pages}{' 的' * bool(pages)}链接 {_unicode_host(url)} 指向本仓库站点 {folder}（{shown}）"
        f"中不存在的 {path}；请改正链接或在该站点补上 (dead link to {shown}{path}, "
        "another site of the repository)"
    )


def _mapped_places(ctx: CheckContext) -> dict[str, tuple[str, int]]:
    """New URL -> (mapping CSV, line) of the migrations' mappings, read once per run (the
    build reports the file's own problems)."""
    found = ctx.shared.get("mapped-places")
    if not isinstance(found, dict):
        found = ctx.shared["mapped-places"] = mapping_places(
            load_lifecycle(ctx.root, Diagnostics())
        )
    return found


def _settings_lines(ctx: CheckContext) -> list[tuple[str, list[tuple[int, str]]]]:
    """The numbered lines of the data files whose values the theme links (site.yaml,
    lifecycle.yaml)."""
    found = []
    for name in ("data/lifecycle.yaml", "data/site.yaml"):
        try:
            text = (ctx.root / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found.append((name, list(enumerate(text.splitlines(), start=1))))
    return found


@rule(
    "SEC-06",
    Severity.DEDUCT,
    "页内锚点须指向页面上存在的位置",
    "检查指标（链接可用性考察点）",
    "把 #锚点 改为页面上已有元素的 id，或给目标元素加上该 id",
)
def dead_anchors(ctx: CheckContext) -> Iterator[Finding]:
    scan_all = _scan(ctx)
    faults = []
    for scan in _pages(ctx, *_LINKED):
        seen: set[str] = set()
        for element in _loaded(scan_all, scan):
            for url, anchor in element.fragments:
                if not anchor or anchor.lower() == "top" or anchor in seen:
                    continue
                if scan.has_id(anchor):
                    continue
                seen.add(anchor)
                # (the source writes #一、线路 as it reads; the page encodes it)
                shown = unquote(url)
                faults += _anchor_faults(ctx, scan, url, _no_anchor(shown, anchor))
    return _theme_or_page(faults)


def _no_anchor(shown: str, anchor: str) -> Say:
    return lambda pages, en: (
        f"{pages} 的锚点链接 {shown} 在本页找不到 id 为 “{anchor}” 的元素；"
        f"请改正锚点 (anchor #{anchor} not found on {en})"
    )


def _anchor_faults(ctx: CheckContext, scan: PageScan, url: str, say: Say) -> list[PageFault]:
    """An anchor link's faults where it is written: the line of the page's own file (the
    source writes #一、线路 as it reads; the page encodes it) and, beside it, the line of the
    site theme's template that writes it too (once for its pages, `_template_copy`); the
    template's alone when no line of the page's file writes it, else the page's file."""
    line = _scan(ctx).line(scan, *dict.fromkeys((url, unquote(url))))
    if not line:
        return [PageFault(scan, link_place(ctx, scan, url), "", say)]
    return [PageFault(scan, None, "", say, line), *_template_copy(ctx, scan, url, say)]


@rule(
    "SEC-06",
    Severity.DEDUCT,
    "指向其他页面某一位置的链接须能定位",
    "检查指标（链接可用性考察点）",
    "把 #锚点 改为目标页面上已有元素的 id，或给目标页面的元素加上该 id",
)
def dead_anchors_on_other_pages(ctx: CheckContext) -> Iterator[Finding]:
    """/a.html#b where a.html exists but has no element b: the link opens the page at its
    top, not at the place it names. (A missing page is dead_links'; a file that is no page,
    a PDF's #page=2, is not judged.)"""
    scan_all = _scan(ctx)
    faults = []
    for scan in scan_all.pages_with(_ANCHORED):
        base = None  # (worked out for the pages that need it, as in dead_links)
        seen: set[str] = set()
        for element in _loaded(scan_all, scan):
            for url, path, anchor in element.anchored:
                if url in seen:
                    continue
                seen.add(url)
                if base is None:
                    base = posixpath.dirname(scan.page.path)
                target = scan_all.existing(base, path)
                if target is None or not target.endswith(".html"):
                    continue
                if anchor in scan_all.ids_of(target):
                    continue
                faults += _anchor_faults(
                    ctx, scan, url, _no_anchor_on(unquote(url), target, anchor)
                )
    return _theme_or_page(faults)


def _no_anchor_on(shown: str, target: str, anchor: str) -> Say:
    return lambda pages, _en: (
        f"{pages} 的链接 {shown} 指向的 {target} 中找不到 id 为 “{anchor}” "
        f"的元素；请改正锚点 (anchor #{anchor} not found on {target})"
    )


def _ids(text: str) -> set[str]:
    """Every id of a page, and the names of <a name> anchors."""
    found = _ID_ATTR.findall(text) + _A_NAME.findall(text)
    return {html.unescape(a or b or c) for a, b, c in found}


# --- A11Y and SEARCH --------------------------------------------------------------------


@rule(
    "A11Y-02",
    Severity.DEDUCT,
    "图片须有替代文本（alt）",
    "GB/T 37668—2019（图片替代文本）",
    # (aria-hidden, not role="presentation": the HTML checker refuses a role beside alt="")
    '给图片写上说明其内容的 alt；纯装饰图片写 alt="" 并加 aria-hidden="true"',
)
def image_alt(ctx: CheckContext) -> Iterator[Finding]:
    scan_all = _scan(ctx)
    faults = []
    for scan in scan_all.pages_with(_alt_fault, _LINKED):
        for found in _loaded(scan_all, scan):
            if found.alt == "":
                continue
            state, english = (
                ("没有 alt 属性", "no alt") if found.alt is None else ("alt 为空", "empty alt")
            )
            faults += _tag_faults(ctx, scan, found, _image_alt(found.src, state, english))
    return _theme_or_page(faults)


def _image_alt(src: str, state: str, english: str) -> Say:
    return lambda pages, en: (
        f"{pages} 的图片 {src} {state}；请写上说明图片内容的替代文本 (image with {english} on {en})"
    )


@rule(
    "A11Y-02",
    Severity.DEDUCT,
    "内嵌框架须有标题（title）",
    "GB/T 37668—2019（可感知、可理解）",
    "给 <iframe> 加上说明其内容的 title",
)
def iframe_title(ctx: CheckContext) -> Iterator[Finding]:
    scan_all = _scan(ctx)
    faults = [
        fault
        for scan in scan_all.pages_with(_UNTITLED, _LINKED)
        for found in _loaded(scan_all, scan)
        if found.untitled
        for fault in _tag_faults(ctx, scan, found, _untitled(found.src))
    ]
    return _theme_or_page(faults)


def _untitled(src: str) -> Say:
    return lambda pages, en: (
        f"{pages} 的内嵌框架 {src} 没有 title；请写上说明其内容的标题 (iframe without a title on {en})"
    )


@rule(
    "SEARCH-01",
    Severity.DEDUCT,
    "每页须有全站搜索入口",
    "吉林办法 第三十二条；指引 四（一）4",
    '每页放一个 role="search" 的搜索表单（一般在页头；首页、搜索页可用页面自己的），提交到 /search/',
)
def search_entry(ctx: CheckContext) -> Iterator[Finding]:
    # A maintenance or migration build has no search page (RULES NOTICE-02, NOTICE-03): every
    # URL is the notice, and a search box there would only lead back to it.
    if replaced_output(ctx):
        return
    scan_all = _scan(ctx)
    # No body has a search form (the sanitiser keeps none): a page without one is made so by
    # a site template, the page's own when it says it has its own box (`{% set
    # own_search_box = true %}`, as the default home.html and search.html), else the
    # layout's <header>.
    faults = [
        PageFault(
            scan,
            _blame(ctx, scan, ("set own_search_box",), page_first=True, first_line=False)
            or _blame(ctx, scan, ("<header", "<body"), first_line=False)
            or _blame(ctx, scan, ()),
            "",
            lambda pages, en: (
                f'{pages} 没有搜索入口；请在页头或页面中放 role="search" 的搜索表单'
                f" (no search entry on {en})"
            ),
        )
        for scan in _pages(ctx, *_SHOWN)
        # (a form commented out is no entry: read without the tags only in comments; with
        # none, `_loaded` is `notable`, whose search form `scan.search` says is there)
        if not scan.search
        or (scan.facts.hidden and not any(e.search for e in _loaded(scan_all, scan)))
    ]
    yield from _theme_or_page(faults)


# --- findings that a site theme's template causes ------------------------------------------

Say = Callable[[str, str], str]  # (the pages in Chinese, in English) -> the message


@dataclass(frozen=True, slots=True)
class PageFault:
    """One fault a rule found on one page, and the site theme's template that causes it."""

    scan: PageScan
    place: tuple[str, int] | None  # (template, line); None: the page's own file is at fault
    field: str
    say: Say
    line: int = 0  # (of the page's own file)


def _blame(
    ctx: CheckContext,
    scan: PageScan,
    markers: tuple[str, ...],
    page_first: bool = False,
    first_line: bool = True,
) -> tuple[str, int] | None:
    """(file, line) of the site theme's template that causes a fault of this page (see
    ssg/check/theme_blame.py), or None when the page's own file is the one to correct."""
    if scan.kind not in _SHOWN:
        return None  # (a file copied as it is: its own lines are the place)
    name = page_template(ctx, scan.kind, scan.page.source, scan.page.path)
    return theme_templates(ctx).place(name, markers, page_first, first_line)


def _theme_or_page(faults: list[PageFault]) -> Iterator[Finding]:
    """A fault of the page's own file on that page; one that a site theme's template causes,
    once at that template's line for all the pages that have it (they are fixed there by one
    edit: a finding on each of 10,000 pages sent the editor to 10,000 files not at fault, and
    counted one fault 10,000 times), naming the first page and how many more."""
    groups: dict[tuple[str, int, str, str], list[PageFault]] = {}
    for fault in faults:
        path = fault.scan.page.path
        if fault.place is None:
            message = fault.say(f"页面 {path}", path)
            yield Finding(fault.scan.file, fault.line, fault.field, message)
            continue
        # (the same fault: the same message but for its pages; two tags of one page are one)
        key = (*fault.place, fault.field, fault.say("\0", "\0"))
        group = groups.setdefault(key, [])
        if not group or group[-1].scan is not fault.scan:
            group.append(fault)
    for (file, line, name, _), found in groups.items():
        path = found[0].scan.page.path
        more = len(found) - 1
        pages, english = (
            (f"页面 {path} 等 {more + 1} 个页面", f"{path} and {more} more page{'s' * (more > 1)}")
            if more
            else (f"页面 {path}", path)
        )
        yield Finding(file, line, name, found[0].say(pages, english))


def _loaded(scan_all: Scan, scan: PageScan) -> list[Element]:
    """The page's notable elements but those written only inside HTML comments
    (`PageFacts.hidden`): a tag commented out is not on the page, and a browser neither loads,
    runs nor follows it (SEC-01, SEC-06, ID-04, DESIGN-12, A11Y-02; the footer rules read the
    footer without its comments)."""
    hidden = scan.facts.hidden
    if not hidden:
        return scan.notable
    judged = scan_all.elements
    gone = {id(judged[key]) for key in hidden if key in judged}
    # (an element object is the tag's own; this only guards one shared by two tags, one shown)
    shown = {id(judged[key]) for key in scan.facts.elements.keys() - hidden if key in judged}
    return [e for e in scan.notable if id(e) not in gone or id(e) in shown]


def _written_fault(ctx: CheckContext, scan: PageScan, say: Say, *urls: str) -> PageFault:
    """A URL's fault on a page (`urls`: the ways it may be written), where it is written: the
    line of the page's own file, else the line of the site theme's template that writes it
    (once for all its pages), else the page's file (a URL the theme makes of a setting,
    which no template writes out)."""
    line = _scan(ctx).line(scan, *urls)
    # (the quoted forms first; the bare URL, also found inside a longer one on an earlier
    # line, only for a template that writes none of them: an unquoted attribute)
    written = tuple(u for u in urls if u)
    place = None if line else _blame(ctx, scan, (*_quoted(written), *written), first_line=False)
    return PageFault(scan, place, "", say, line)


def _written_url_faults(ctx: CheckContext, scan: PageScan, say: Say, url: str) -> list[PageFault]:
    """A URL's fault on a page where it is written (`_written_fault`) and, when a line of the
    page's own file writes it, the copy a site theme's template writes too (`_template_copy`):
    the same URL is the same fault wherever it is written (SEC-01). Not for a fault of one
    tag (A11Y-02): the template's tag with the same URL may well have its alt or title."""
    fault = _written_fault(ctx, scan, say, url)
    return [fault, *_template_copy(ctx, scan, url, say)] if fault.line else [fault]


def _tag_faults(ctx: CheckContext, scan: PageScan, element: Element, say: Say) -> list[PageFault]:
    """A fault of one tag of a page (A11Y-02: an <img> without alt, an <iframe> without
    title) where that very tag is written: at the line of the site theme's template that
    writes it as the page has it (once for its pages), and at the line of the page's own file
    that writes it too; else where its URL is written (`_written_fault`). By its URL alone, a
    template's <img src="x"> without alt was said at the content's line of ![图](x), an image
    of the same file that has one, and not at the template."""
    tag = _tag_text(_scan(ctx), scan, element)
    place = _blame(ctx, scan, (tag,), first_line=False) if tag else None
    if place is None:
        return [_written_fault(ctx, scan, say, *_needles(element.src))]
    line = _scan(ctx).line(scan, tag)
    return [PageFault(scan, place, "", say), *([PageFault(scan, None, "", say, line)] * bool(line))]


def _tag_text(scan_all: Scan, scan: PageScan, element: Element) -> str:
    """The start tag of the page that `element` was judged from, as the page writes it; "" if
    none is found (the page's <style> URLs). (Looked for only for a tag at fault.)"""
    judged = scan_all.elements
    key = next((k for k in scan.facts.elements if judged.get(k) is element), None)
    return f"<{key[0]}{key[1]}>" if key is not None else ""


def link_place(ctx: CheckContext, scan: PageScan, url: str) -> tuple[str, int] | None:
    """(file, line) of the site theme's template that writes the link `url` of this page, for
    a link no line of the page's own file writes (SEC-06, ID-04): where it is written as an
    attribute's value, quoted as templates write them (a bare URL would also be found inside
    a longer one). None when no site template writes it: the theme makes it of a setting or a
    field, or the default theme writes it; it stays at the page's file."""
    return _blame(ctx, scan, _quoted((url,)), first_line=False)


def _template_copy(ctx: CheckContext, scan: PageScan, url: str, say: Say) -> list[PageFault]:
    """The fault of the copy of a link that a site theme's template writes on a page whose own
    file writes the same link too (SEC-06, ID-04, SEC-01): both are on the page, and each is corrected
    where it is written, so the template's is said at its line (once for all its pages) beside
    the content's. Found only at the content's line, the template's copy went unsaid on that
    page, and on every page when the template is the page's own (an item's article.html)."""
    place = link_place(ctx, scan, url)
    return [PageFault(scan, place, "", say)] if place is not None else []


def _quoted(urls: tuple[str, ...]) -> tuple[str, ...]:
    """The URLs as a template writes them as an attribute's value: in double or single quotes,
    an & as it is or escaped (a bare URL would also be found inside a longer one: …/x.js in
    …/x.js?v=2 on an earlier line)."""
    forms = dict.fromkeys(form for url in urls for form in (url, url.replace("&", "&amp;")))
    return (*(f'"{u}"' for u in forms), *(f"'{u}'" for u in forms))
