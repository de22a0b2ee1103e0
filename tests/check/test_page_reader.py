"""What the page facts' reader (ssg/check/output.py `PageReader`) takes faster since issue 9
is what it took before: its one pass over a page's `<` (`_tags`) finds what the four passes it
replaced found (the distinct tags that carry URLs, an upper-case tag, a comment, a style
block) on any text, tags with a `<` in their attributes included; a header or footer region
known from the page before is the one the page holds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ssg.check.output import PageReader, _region, _tags

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
