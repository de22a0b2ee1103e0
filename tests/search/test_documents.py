"""A body's words for the index, from its Markdown source (ssg/search/documents.py)."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ssg.search.documents import _INLINE, _MD_DROP, _MD_LINK, markdown_text


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
    text = _INLINE.sub("", _MD_LINK.sub("", source))
    text = _JOIN.sub("", _MD_DROP.sub(" ", text))
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
