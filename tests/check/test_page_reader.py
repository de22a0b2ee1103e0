"""What the page facts' reader (ssg/check/output.py `PageReader`) takes faster since issue 9
is what it took before: its one pass over a page's `<` (`_tags`) finds what the four passes it
replaced found (the distinct tags that carry URLs, an upper-case tag, a comment, a style
block) on any text, tags with a `<` in their attributes included; a header or footer region
known from the page before is the one the page holds."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssg.check.output import (
    MAX_META_TAGS,
    MAX_PARTS,
    PageReader,
    _css_url_in,
    _read_whole,
    _region,
    _tags,
)
from ssg.check.registry import parse_tags

# The passes as they were before the one pass (and before _ELEMENT's lookahead).
_NAMES = "a|area|link|img|script|iframe|frame|video|audio|source|track|embed|object|input|form"
_OLD_ELEMENT = re.compile(rf"<({_NAMES}|search)\b([^>]*)>")
_OLD_ELEMENT_ANY_CASE = re.compile(rf"<({_NAMES}|search)\b([^>]*)>", re.I)
_OLD_UPPER_TAG = re.compile(r"<[A-Z]")


def _four_passes(text: str) -> tuple[set[tuple[str, str, str]], bool, bool, bool]:
    upper = _OLD_UPPER_TAG.search(text) is not None
    pattern = _OLD_ELEMENT_ANY_CASE if upper else _OLD_ELEMENT
    tags = {(name, raw, "") for name, raw in pattern.findall(text)}
    return tags, upper, "<!--" in text, "<style" in text


# Pieces a page's markup is made of, and those that could trip a single pass: a `<` inside
# attributes, marks and names that begin alike (s: script, source, search, style, span),
# names only ignoring case matches (ſ is s, K is k under re.I), comments cut short.
_PIECES = [
    "<", ">", "</", "/>", " ", "\n", '"', "'", "=", "a", "A", "s", "S", "ſ", "K", "x",
    "<a", "<A", "<a ", "<area", "<audio", "<abbr", "<link", "<img", "<IMG", "<iframe",
    "<frame", "<form", "<footer", "<header", "<main", "<input", "<script", "<Script",
    "<ſcript", "<source", "<search", "<span", "<style", "<STYLE", "<styles", "<video",
    "<track", "<embed", "<object", "<div", "<p", "<!--", "-->", "<!", "--", "<!DOCTYPE",
    ' href="/a/"', " href=#x", ' src="x.png"', ' title="<b>"', " title='<a href=y>'",
    ' alt="2 < 3"', "当前位置", "url(", "<<", "<a<a>",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_one_pass_finds_what_the_four_passes_found(text: str) -> None:
    assert _tags(text) == _four_passes(text)


def test_a_tag_with_a_lt_in_its_attributes_is_read_as_before() -> None:
    # A `<style` inside an attribute: the one pass does not try it, the page is read again.
    text = '<a title="<style>" href="/x.html">x</a><img src="y.png" alt="">'
    assert _tags(text) == _four_passes(text)
    assert _tags(text)[3]  # (the "<style" is the page's all the same)


def test_the_facts_of_pages_read_either_way_are_the_same_tags() -> None:
    fast = '<html><head></head><body><header><a href="/">首页</a></header><main>x</main></body>'
    slow = fast.replace("x</main>", '<span title="<b>">x</span></main>')
    reader = PageReader()
    assert (
        set(reader.facts(fast).elements) == set(reader.facts(slow).elements) == {("a", ' href="/"')}
    )


_REGION_PIECES = [
    "<header>",
    "</header>",
    "</footer>",
    "<footer>",
    "</head",
    "er>",
    "a",
    "<a href=x>",
]


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(_REGION_PIECES), max_size=8).map("".join),
            st.integers(min_value=-1, max_value=30),
            st.sampled_from(["</header>", "</footer>"]),
        ),
        max_size=8,
    )
)
def test_a_region_is_what_its_own_page_holds(pages: list[tuple[str, int, str]]) -> None:
    # (the reader compares a page with the region of the page before it)
    reader = PageReader()
    for text, start, close in pages:
        start = min(start, len(text))
        expected = None
        if start >= 0:
            end = text.find(close, start)
            expected = _region(text[start : end if end >= 0 else len(text)])
        assert reader.region(text, start, close) == expected


# --- a page's header and footer read once for the pages that repeat them (issue 9) ---------


class _WholeReader(PageReader):
    """The reader as before: every page read whole."""

    def _read_around(self, text: str, start: int) -> None:
        return None


_HEADERS = [
    '<header class="h"><a href="/">首页</a><img src="e.png" alt="国徽"></header>',
    '<header class="h"><a href="/x/" aria-current="true">栏目</a></header>',
    "<header><a href=#q>url(x.png)</a><nav aria-label=当前位置></nav><main></header>",
    '<header><a title="',
    "<header><a href=/a.html>",
    "<header><!-- x --></header>",
    "<header><DIV>x</DIV></header>",
    "<header><main>x</main><footer>y</footer></header>",
]
_FOOTERS = [
    '<footer><a href="#contact">联系我们</a><address id="contact">x</address></footer>',
    '<footer><a href="/sitemap.html">网站地图</a></footer>',
    '<footer><style>a{background:url("/b.png")}</style></footer>',
    "<footer><header>x</header><a href=",
    '<footer><span style="background:url(/c.png)">x</span></footer>',
]
_BODY_PIECES = [
    *_HEADERS, *_FOOTERS,
    "<html><head><title>t</title></head><body>", "</head>", "<body>", "<main>", "<main id=m>",
    "</main>", "<main", "</header>", "</footer>", "<header", "<footer", "<header>", "<footer>",
    '<a href="/p.html">', "<a href=#main>", "</a>", '<a title="', '">', "<", ">", " ", "x",
    "url(", "url(/d.png)", "当前位置", "<!--", "-->", "<A href=/u.html>", "<style>", "<p>",
    '<img src="f.png">', '<div id="main">', "<span style='x:url(/s.png)'>",
    "<header>url", "(x)", "<header><main", "<footer>当前", "位置", "<mainly>", "<main\t",
    "<footers>", "<HEADER>",
]  # fmt: skip


def _pages_of(pieces: list[list[str]]) -> list[str]:
    # (a header is looked for after the head: every page has one, most pages its end too)
    return ["<head></head>" + "".join(page) for page in pieces]


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(_BODY_PIECES), max_size=14),
        min_size=1,
        max_size=6,
    ).map(_pages_of)
)
def test_pages_read_around_their_header_and_footer_have_the_facts_read_whole(
    pages: list[str],
) -> None:
    # (one reader for all, as in a render worker: each page meets the last one's header and
    # footer, and every header and footer it has read before)
    reader, whole = PageReader(), _WholeReader()
    for text in pages:
        assert reader.facts(text) == whole.facts(text)


# The pre-header (from the tag after the head's last <meta> to <header>) and the section
# navigation (the last <nav> before <footer>, after </main>) are parts too.
_HEAD_PIECES = [
    '<meta name="SiteName" content="x">', "<meta charset=utf-8>", "<meta", "<title>t</title>",
    '<link rel="stylesheet" href="/s.css">', "<script>a(b)</script>", "<script>url(</script>",
    '<script src="/s.js" defer></script>', "</head>", "<body>", '<a class="k" href="#main">',
    "</a>", "<header>", "<header", "<", ">", "x", "<!--", "<STYLE>", '<a title="', '">',
]  # fmt: skip
_NAVS = [
    '<nav class="section-nav"><a href="/s/">s</a><a href="/s/a/">a</a></nav>',
    '<nav><a href="#top">t</a><img src="n.png"></nav>',
    "<nav>当前位置</nav>",
    '<nav><span style="x:url(/n.png)">n</span></nav>',
    "<nav><footer>x</footer></nav>",
    "<nav><a href=",
    "<nav><main>",
]
_TAIL_PIECES = [
    *_NAVS, *_FOOTERS, "</main>", "<nav>", "</nav>", "<nav", "<footer>", "</footer>", "<main>",
    '<a href="/p.html">', "</a>", "x", "<", ">", "url(", "当前位置", "<!--", "<P>",
]  # fmt: skip


def _whole_pages(pieces: list[tuple[list[str], list[str], list[str]]]) -> list[str]:
    return [
        "<html><head>" + "".join(head) + "".join(body) + "</main>" + "".join(tail)
        for head, body, tail in pieces
    ]


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(_HEAD_PIECES), max_size=8),
            st.lists(st.sampled_from(_BODY_PIECES), max_size=8),
            st.lists(st.sampled_from(_TAIL_PIECES), max_size=6),
        ),
        min_size=1,
        max_size=6,
    ).map(_whole_pages)
)
def test_pages_read_around_their_pre_header_and_navigation_have_the_facts_read_whole(
    pages: list[str],
) -> None:
    reader, whole = PageReader(), _WholeReader()
    for text in pages:
        assert reader.facts(text) == whole.facts(text)


_THEME_PAGE = (
    '<html><head><meta charset="utf-8"><title>t</title><meta name="SiteName" content="x">'
    '<link rel="stylesheet" href="/s.css"><script>c.add("js")</script></head><body>'
    '<a class="skip-link" href="#main">跳到主要内容</a>'
    + _HEADERS[0]
    + '<main id="main"><h1>t</h1><a href="/a.html">a</a></main>'
    + _NAVS[0]
    + _FOOTERS[0]
    + "</body></html>"
)


def test_a_page_s_pre_header_and_section_navigation_are_read_once() -> None:
    reader = PageReader()
    for text in (_THEME_PAGE, _THEME_PAGE.replace("/a.html", "/b.html")):
        assert reader._read_around(text, text.find("</head>")) == _read_whole(text)
        assert reader.facts(text) == _WholeReader().facts(text)
    assert sorted(reader.last_stretches) == ["</footer>", "</header>", "</nav>", "<header"]
    assert len(reader.stretches) == 4  # (the second page's parts: the first's)


def test_the_parts_a_reader_keeps_are_bounded() -> None:
    reader, whole = PageReader(), _WholeReader()
    for n in range(MAX_PARTS + 300):
        text = _THEME_PAGE.replace("/s/a/", f"/s/a{n}/")
        assert reader.facts(text) == whole.facts(text)
        assert len(reader.stretches) <= MAX_PARTS
    assert len(reader.stretches) < MAX_PARTS  # (emptied once, then filled again)


def test_a_page_of_the_default_theme_is_read_around_its_header_and_footer() -> None:
    page = (
        '<html><head><meta name="SiteName" content="x"></head><body>'
        + _HEADERS[0]
        + '<main id="main"><h1>t</h1><a href="/a.html">a</a><p>当前位置</p></main>'
        + _FOOTERS[0]
        + "</body></html>"
    )
    reader = PageReader()
    for text in (page, page.replace("/a.html", "/b.html")):
        read = reader._read_around(text, text.find("</head>"))
        assert read is not None
        assert read[1:] == _read_whole(text)[1:]
        assert read[0] == _read_whole(text)[0]
    assert len(reader.stretches) == 3  # (the second page's pre-header, header and footer)
    assert reader.facts(page) == _WholeReader().facts(page)


def test_a_header_read_before_is_one_only_where_its_end_tag_follows() -> None:
    # The second page begins with the first one's header, but "url(" goes on past its end: a
    # pass over the rest alone would not see it.
    reader, whole = PageReader(), _WholeReader()
    for text in ("</head><header>url</header><main>", "</head><header>url(/a.png)</header>"):
        assert reader.facts(text) == whole.facts(text)
    assert reader.facts(text).style is not None


def test_a_tag_open_across_the_header_is_read_whole() -> None:
    text = '</head><a title="<header><a href=/a.html>x</header>">y</a><main>z</main>'
    assert PageReader()._read_around(text, 0) is None
    assert PageReader().facts(text) == _WholeReader().facts(text)


# --- a distinct tag's element, and the facts as the render workers send them ---------------

_HREFS = [
    "/a.html", " /a.html ", "/a.html?x=1", "/a.html#b", "/a.html#top", "/a%20b.html", "/",
    "a.html", "../a.html", "#b", "", " ", "//example.org/a", "https://example.org/a",
    "https://www.ceshi.gov.cn/a.html", "javascript:void(0)", "mailto:a@b.cn", "/a#:~:text=x",
    "?x=1", "/a.html?x#y",
]  # fmt: skip


def test_a_link_is_the_element_that_judge_makes_of_it() -> None:
    reader = PageReader()
    for name in ("a", "area"):
        for href in _HREFS:
            for raw in (f' href="{href}"', f' class="x" href="{href}" rel="next"'):
                attrs = {"href": href}
                assert reader.element(name, raw) == reader.judge(name, [attrs["href"]], []), raw


def test_a_link_to_a_page_of_the_site_is_not_sorted_by_judge(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # (16,000 of the 16,500 distinct tags of the 10k benchmark: `judge`'s lists, for one URL)
    reader = PageReader()
    calls = []
    monkeypatch.setattr(reader, "judge", lambda *args, **kw: calls.append(args))
    element = reader.element("a", ' href="/zwdt/t20250118_003921.html"')
    path = "/zwdt/t20250118_003921.html"
    assert (calls, element.rooted, element.notable()) == ([], ((path, path),), False)


def test_the_facts_pickle_as_their_constructor_with_every_field() -> None:
    text = (
        '<html><head><meta name="PubDate" content="2025-01-18 14:13"></head><body>'
        + _HEADERS[0]
        + '<main id="main"><a href="#main">x</a><a href="/b.html#c">y</a></main>'
        + _FOOTERS[0]
    )
    facts = PageReader().facts(text)
    for found in (facts, facts.header, next(iter(facts.elements.values()))):
        assert found is not None
        cls, fields = found.__reduce__()
        assert (cls, fields) == (type(found), tuple(getattr(found, n) for n in found.__slots__))
    assert pickle.loads(pickle.dumps(facts)) == facts


# --- a page's <meta> tags in one pass (issue 9) --------------------------------------------


def _two_passes(text: str) -> tuple[dict[str, str], bool]:
    """The page's `meta` and whether it redirects, as the reader took them before: the tags
    that are not plain first (parsed whole), then the plain ones over them."""
    head_end = text.find("</head>")
    head_end = head_end if head_end >= 0 else len(text)
    meta: dict[str, str] = {}
    redirect = False
    other = re.compile(r'<meta\b(?! name="[^"&]*" content="[^"&]*">)[^>]*>', re.I)
    for raw in other.findall(text, 0, head_end):
        tags = parse_tags(raw)
        attrs = dict(tags[0].attrs) if tags else {}
        redirect = redirect or attrs.get("http-equiv", "").lower() == "refresh"
        if attrs.get("name"):
            meta[attrs["name"]] = attrs.get("content", "")
    plain = re.compile(r'<meta name="([^"&]*)" content="([^"&]*)">', re.I)
    meta.update(plain.findall(text, 0, head_end))
    return meta, redirect


_META_NAMES = ["SiteName", "sitename", "PubDate", "viewport", "", "a b", "x&amp;y", "<m>"]
_META_VALUES = ["测试市", "", "2025-01-18 14:13", "a>b", "a&amp;b", "0;url=/x.html", "'", '"']


@st.composite
def _meta_tags(draw: st.DrawFn) -> str:
    attrs = []
    for key in draw(st.lists(st.sampled_from(["name", "content", "http-equiv", "charset"]))):
        value = draw(st.sampled_from(_META_NAMES + _META_VALUES + ["refresh", "Refresh"]))
        quote = draw(st.sampled_from(['"', "'", ""]))
        key = draw(st.sampled_from([key, key.upper()]))
        attrs.append(f"{key}={quote}{value}{quote}")
    tag = draw(st.sampled_from(["meta", "META", "Meta", "metadata"]))
    end = draw(st.sampled_from([">", " />", "/>", ""]))
    return f"<{tag}" + "".join(" " + attr for attr in attrs) + end


@st.composite
def _plain_meta_tags(draw: st.DrawFn) -> str:
    name, content = draw(st.sampled_from(_META_NAMES)), draw(st.sampled_from(_META_VALUES))
    return f'<{draw(st.sampled_from(["meta", "META"]))} name="{name}" content="{content}">'


_HEAD_TAGS = st.one_of(
    _meta_tags(),
    _plain_meta_tags(),
    st.sampled_from(['<meta charset="utf-8">', "<title>t</title>", "<", ">", "</head>", "x"]),
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.lists(_HEAD_TAGS, max_size=10).map("".join), min_size=1, max_size=5))
def test_the_meta_tags_read_in_one_pass_are_those_the_two_passes_read(pages: list[str]) -> None:
    reader = PageReader()  # (one for all: the tags it met on the pages before)
    for head in pages:
        text = f"<html><head>{head}</head><body><main>x</main></body>"
        facts = reader.facts(text)
        meta, redirect = _two_passes(text)
        assert (facts.meta, list(facts.meta), facts.redirect) == (meta, list(meta), redirect)


def test_the_meta_tags_a_reader_keeps_are_bounded() -> None:
    reader = PageReader()
    for n in range(MAX_META_TAGS + 500):
        text = (
            f'<head><meta charset="utf-8"><meta name="ArticleTitle" content="{n}">'
            f'<meta property="og:title" content="{n}"></head>'
        )
        assert reader.facts(text).meta == _two_passes(text)[0] == {"ArticleTitle": str(n)}
        assert len(reader.pairs) <= MAX_META_TAGS + 1
        assert len(reader.meta_rests) <= MAX_META_TAGS
        assert len(reader.metas) <= MAX_META_TAGS


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(st.sampled_from(["url(", "(", "u", "r", "l", "ur", "url", "x", "((", "<"])).map(
        "".join
    ),
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=0, max_value=40),
)
def test_url_looked_for_from_the_first_paren_is_found_where_it_is(
    text: str, start: int, end: int
) -> None:
    assert _css_url_in(text, start, end) == ("url(" in text[start:end])
    assert _css_url_in(text) == ("url(" in text)
