"""Chinese text written with line breaks (ssg/cjk.py): a break is no space between Chinese
words, but a space an editor typed is theirs."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ssg.cjk import _CJK_LINE_BREAK, CJK, joined_lines, one_line, paragraphs


def test_one_line_joins_breaks_and_keeps_typed_spaces() -> None:
    assert one_line("上小学。\n请问\n\n家里  有吗？") == "上小学。请问家里 有吗？"
    assert one_line("材料：户口簿 身份证\nABC\n公司") == "材料：户口簿 身份证 ABC 公司"


def test_paragraphs_split_at_blank_lines_and_join_breaks_inside() -> None:
    assert paragraphs("孩子今年\n3 岁，想上\n幼儿园。\n\n  请问？\r\n") == [
        "孩子今年 3 岁，想上幼儿园。",
        "请问？",
    ]


def test_joined_lines_leaves_headings_lists_and_tables_alone() -> None:
    source = "## 标题\n正文第一行\n第二行\n- 甲\n- 乙\n| 丙 |\n| 丁 |\n"
    assert joined_lines(source) == "## 标题\n正文第一行第二行\n- 甲\n- 乙\n| 丙 |\n| 丁 |\n"


# _CJK_LINE_BREAK as it was first written: cjk.py begins it with the characters a match
# starts with (for speed), and it must find the same breaks.
_BREAK_AS_WRITTEN = re.compile(f"(?<=[{CJK}])[ \\t]*\\r?\\n[ \\t]*(?=[{CJK}])")


@settings(max_examples=2000, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            ["中", "。", "\u3000", "！", "𠀀", "a", " ", "\t", "\r", "\n", "\r\n", "#"]
        ),
        max_size=16,
    ).map("".join)
)
def test_a_line_break_is_found_where_the_pattern_as_written_finds_it(text: str) -> None:
    assert [m.span() for m in _CJK_LINE_BREAK.finditer(text)] == [
        m.span() for m in _BREAK_AS_WRITTEN.finditer(text)
    ]
