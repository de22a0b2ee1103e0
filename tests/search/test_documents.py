"""A body's words for the index, from its Markdown source (ssg/search/documents.py)."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ssg.cjk import joined_lines
from ssg.search import tokenize
from ssg.search.documents import (
    _INLINE,
    _MD_DROP,
    _MD_LINK,
    SearchDoc,
    doc_tokens,
    markdown_text,
)

# The patterns as they were first written, one alternative each; documents.py begins each
# with the set of characters a match starts with, for speed, and must match the same text.
DROP_AS_WRITTEN = re.compile(
    r"<(script|style)\b[\s\S]*?</\1\s*>"
    r"|^[ \t]*\[[^\]\n]+\]:[^\n]*$"
    r"|<[^>\n]*>"
    r"|(?:https?|ftp)://\S+"
    r"|^[ \t]*(?:#{1,6}|>+|[-*+]|\d+[.)])(?=[ \t])"
    r"|^[ \t]*\|?[ \t]*:?-{3,}.*$"
    r"|\|",
    re.I | re.M,
)
LINK_AS_WRITTEN = re.compile(r"(?<=\])\([^)\n]*\)")


def test_markup_is_left_out_and_words_are_kept() -> None:
    source = (
        "## 第一条 **重点**\n\n- 见[《办法》](../zcwj/a.md)和![图](x.png)\n"
        "| 事项 | 时限 |\n|---|---|\n| 许可 | 5 日 |\n\n<span>联系</span> `代码` ~~旧~~ &amp;\n"
        "[ref]: http://www.gov.cn/\n"
    )
    assert markdown_text(source) == "第一条 重点 见《办法》和图 事项 时限 许可 5 日 联系 代码 旧 &"


# markdown_text as it was written first, with regular expressions throughout: the
# str.replace and str.split of the faster one must give the same text.
_JOIN = re.compile(r"[*_`~\[\]]+|!(?=\[)")
_SPACE = re.compile(r"\s+")


def by_regex(source: str) -> str:
    # (the line breaks inside a paragraph between Chinese characters are joined first, as
    # markdown_text does: that is ssg/cjk.py's, tested there; this compares what follows)
    text = _INLINE.sub("", LINK_AS_WRITTEN.sub("", joined_lines(source)))
    text = _JOIN.sub("", DROP_AS_WRITTEN.sub(" ", text))
    return _SPACE.sub(" ", html.unescape(text)).strip()


PIECES = st.sampled_from(
    ["!", "[", "]", "![", "!![", "*", "**", "_", "`", "~~", " ", "\n", "\t", "\u3000", "\xa0",
     "\x1c", "\x85", "\u2028", "&amp;", "&nbsp;", "&#42;", "&#91;", "a", "中文", "<b>", "</span>",
     "(x)", "](y)", "# ", "> ", "- ", "1. ", "| ", "---", "http://x.cn/a ", "[r]: /u\n"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(source=st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=30).map("".join))
def test_the_same_text_as_the_regular_expressions_gave(source: str) -> None:
    assert markdown_text(source) == by_regex(source)


def test_the_reference_joins_chinese_lines_as_markdown_text_does() -> None:
    """Hypothesis found 㐀\\n㐀 once in many runs: the reference must join them too."""
    for source in ("㐀\n㐀", "中文\n中文", "## 标题\n正文", "a\nb"):
        assert markdown_text(source) == by_regex(source)


# Every way a match of DROP_AS_WRITTEN can begin and go on, in both cases and in the
# characters that fold to ASCII letters (ſ is s, İ and ı are i, K is k, under re.I).
MARKUP = st.sampled_from(
    ["<", ">", "script", "SCRIPT", "ſcript", "scrİpt", "style", "</script>", "</STYLE >",
     "<style>", "</ſtyle\n>", "http", "HTTPS", "httpſ", "hTtp", "ftp", "FTP", "Ftp", "://", "/",
     "x", "中", "文", "\n", "\r", " ", "\t", "\u3000", "#", "##", "#######", ">", "-", "---",
     "--", "*", "+", "1", "23", "٣", "０", ".", ")", "|", ":", "[", "]", "[r]:", "(", "](", "!"]
)  # fmt: skip


# The drop pattern as it was before its line-start alternatives began with the line break
# (each begun with its own first character, which stopped the scan at every digit and space).
DROP_BEGUN_BY_CHARACTER = re.compile(
    r"[<hHfF|\[ \t#>*+:\d-]"
    r"(?i:"
    r"(?<=<)(script|style)\b[\s\S]*?</\1\s*>"
    r"|(?<=^[ \t])[ \t]*\[[^\]\n]+\]:[^\n]*$|(?<=^\[)[^\]\n]+\]:[^\n]*$"
    r"|(?<=<)[^>\n]*>"
    r"|(?<=h)ttps?://\S+|(?<=f)tp://\S+"
    r"|(?<=^[ \t])[ \t]*(?:#{1,6}|>+|[-*+]|\d+[.)])(?=[ \t])"
    r"|(?<=^#)#{0,5}(?=[ \t])|(?<=^>)>*(?=[ \t])|(?<=^[-*+])(?=[ \t])|(?<=^\d)\d*[.)](?=[ \t])"
    r"|(?<=^[ \t])[ \t]*\|?[ \t]*:?-{3,}.*$|(?<=^\|)[ \t]*:?-{3,}.*$"
    r"|(?<=^:)-{3,}.*$|(?<=^-)-{2,}.*$"
    r"|(?<=\|)"
    r")",
    re.M,
)


def drop_spans(source: str) -> list[tuple[int, int]]:
    """_MD_DROP's matches as markdown_text finds them (in "\n" + source), in `source`: a
    match begun with the line break is the written pattern's match at the line's start."""
    return [
        (m.start() + (m.group().startswith("\n")) - 1, m.end() - 1)
        for m in _MD_DROP.finditer("\n" + source)
    ]


@settings(max_examples=2000, deadline=None)
@given(source=st.lists(MARKUP, max_size=30).map("".join))
def test_the_patterns_begun_with_a_set_match_as_written(source: str) -> None:
    written = [m.span() for m in DROP_AS_WRITTEN.finditer(source)]
    assert drop_spans(source) == written
    assert [m.span() for m in DROP_BEGUN_BY_CHARACTER.finditer(source)] == written
    # (the line break a match begins with is a space too: markdown_text collapses spaces)
    assert _MD_DROP.sub(" ", "\n" + source).split() == DROP_AS_WRITTEN.sub(" ", source).split()
    assert _MD_LINK.sub("", source) == LINK_AS_WRITTEN.sub("", source)


@settings(max_examples=500, deadline=None)
@given(source=st.lists(st.one_of(MARKUP, PIECES, st.text(max_size=5)), max_size=40).map("".join))
def test_the_drop_pattern_begun_with_the_line_break_matches_as_before(source: str) -> None:
    """The line-start alternatives begun with the line break find what those begun with the
    line's first character found (the commit before it), on any text."""
    assert drop_spans(source) == [m.span() for m in DROP_BEGUN_BY_CHARACTER.finditer(source)]


def test_the_patterns_begin_with_what_the_engine_scans_for() -> None:
    """A pattern whose first item is a set of characters (or one character) is scanned for
    at C speed; one that begins with a lookbehind, an anchor or an alternation of these is
    tried in full at every character of a body, four times slower on 7 million characters.
    (re's parser is private: this guards the speed, not the meaning, and may need updating
    with Python.)"""
    from re import _constants, _parser

    for pattern in (_MD_DROP, _MD_LINK):
        first = _parser.parse(pattern.pattern, pattern.flags)[0][0]
        assert first in (_constants.IN, _constants.LITERAL), pattern.pattern


def test_the_drop_pattern_does_not_stop_at_digits_and_spaces() -> None:
    """A body's digits and spaces (300,000 of the 10k corpus's 7 million characters) begin
    no match but at a line's start: the scan stops at line breaks instead (one of a line's
    markers is found from the break before it)."""
    from re import _constants, _parser

    kind, members = _parser.parse(_MD_DROP.pattern, _MD_DROP.flags)[0]
    assert kind == _constants.IN
    assert (_constants.LITERAL, ord("\n")) in members
    for member in members:
        assert member not in ((_constants.LITERAL, ord(" ")), (_constants.LITERAL, ord("\t")))
        assert member[0] != _constants.CATEGORY, member  # (\d)
        assert member[0] != _constants.RANGE or not member[1][0] <= ord("5") <= member[1][1]


def test_a_snippet_reads_the_page_not_its_labels(sample_docs: list[SearchDoc]) -> None:
    """A reply's snippet ran question, department, category and topic into the answer
    (…什么条件？ 青岚市教育局 咨询 教育 您好！…); those are still found, not shown."""
    reply = next(d for d in sample_docs if d.url.endswith("/QL2026082801.html"))
    snippet = reply.snippet_text
    assert snippet.startswith("孩子今年 9 月满 3 岁，想上公办幼儿园。请问报名时间")
    assert "什么条件？ 您好！我市城区" in snippet
    assert "青岚市教育局" not in snippet
    assert {"育局", "咨询"} <= set(doc_tokens(reply).body)  # (bigrams)
    policy = next(d for d in sample_docs if d.type == "policy")
    issuer = policy.body[policy.shown :].split()[0]  # a policy's issuer: found, not shown
    assert issuer.endswith(("政府", "办公室", "局", "委员会")), issuer
    assert not policy.snippet_text.endswith(issuer)


def test_a_line_break_inside_a_paragraph_is_no_space_between_chinese_words() -> None:
    """Snippets said 上小学。 请问 and 家里 有, and 里有 was no bigram; but a heading's line,
    a new paragraph, list items and table cells stay apart."""
    source = (
        "## 一、明确管理模式\n改造完成的老旧小区\n家里\n  有孩子上小学。\n请问\n\n新段落\n"
        "- 居民户口簿\n- 居民身份证\n\n| 序号 | 名称 |\n|---|---|\n| 1 | 办法 |\n"
    )
    assert markdown_text(source) == (
        "一、明确管理模式 改造完成的老旧小区家里有孩子上小学。请问 新段落 "
        "居民户口簿 居民身份证 序号 名称 1 办法"
    )
    assert "里有" in tokenize.body_tokens(markdown_text(source))


def test_a_services_materials_and_steps_stay_apart_in_its_snippet(
    sample_docs: list[SearchDoc],
) -> None:
    service = next(d for d in sample_docs if d.type == "service" and "户口簿" in d.body)
    assert "户口簿 " in service.snippet_text or "户口簿（" in service.snippet_text
    assert "户口簿原" not in service.snippet_text
