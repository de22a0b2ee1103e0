"""Bytes → text → front matter + body: text-typed YAML with the line of every field."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssg.content.frontmatter import (
    Parsed,
    parse_data_file,
    parse_document,
    parse_yaml_value,
    simple_mapping,
    split,
)
from ssg.diagnostics import Diagnostic, Diagnostics, Severity

REL = "content/zwdt/a.md"


def parse(source: str | bytes) -> tuple[Parsed | None, list[Diagnostic]]:
    raw = source.encode("utf-8") if isinstance(source, str) else source
    diags = Diagnostics()
    parsed = parse_document(raw, REL, diags)
    return parsed, diags.sorted()


def ok(source: str | bytes) -> Parsed:
    parsed, found = parse(source)
    assert found == [], [str(d) for d in found]
    assert parsed is not None
    return parsed


def only(source: str | bytes) -> Diagnostic:
    """The one diagnostic a broken document gives (and no Parsed)."""
    parsed, found = parse(source)
    assert parsed is None
    assert len(found) == 1, [str(d) for d in found]
    assert "\n" not in str(found[0])
    return found[0]


# --- scalars are text --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("0012345", "0012345"),  # no octal, no int
        ("9:00", "9:00"),  # no sexagesimal 540
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("true", "true"),
        ("False", "False"),
        ("1e3", "1e3"),
        ("1.50", "1.50"),
        ("0x1F", "0x1F"),
        ("~", "~"),
        ("null", "null"),
        (".inf", ".inf"),
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05 09:30", "2024-03-05 09:30"),
        ("'0012345'", "0012345"),
        ('"9:00"', "9:00"),
        ("吉政办发〔2019〕27号", "吉政办发〔2019〕27号"),
    ],
)
def test_plain_scalars_stay_the_text_that_was_typed(written: str, value: str) -> None:
    parsed = ok(f"---\nvalue: {written}\n---\n")
    assert parsed.data == {"value": value}
    assert type(parsed.data["value"]) is str


def test_text_typing_reaches_into_lists_and_mappings() -> None:
    parsed = ok(
        "---\n"
        "item_code: 0012345\n"
        "hours: 9:00\n"
        "flags: [yes, no, on, 1e3]\n"
        "contact: {phone: 0431-88888888, postcode: 130000}\n"
        "---\n"
    )
    assert parsed.data == {
        "item_code": "0012345",
        "hours": "9:00",
        "flags": ["yes", "no", "on", "1e3"],
        "contact": {"phone": "0431-88888888", "postcode": "130000"},
    }


def test_empty_value_is_empty_text_and_empty_front_matter_is_empty_mapping() -> None:
    assert ok("---\nsummary:\n---\n").data == {"summary": ""}
    assert ok("---\n---\nbody\n").data == {}


def test_tags_do_not_construct_anything() -> None:
    parsed = ok("---\na: !!int 12\nb: !!python/object:os.system echo\n---\n")
    assert parsed.data == {"a": "12", "b": "echo"}


# --- line numbers ------------------------------------------------------------------------

SERVICE = """\
---
title: 办理居住证
materials:
  - name: 身份证
    form: 原件
  - name: 照片
    copies: 2
    form: 电子件
process:
  - 申请
  - 受理
---
正文第一行
"""


def test_lines_of_fields_and_nested_fields() -> None:
    parsed = ok(SERVICE)
    assert parsed.lines["title"] == 2
    assert parsed.lines["materials"] == 3
    assert parsed.lines["materials[1]"] == 4
    assert parsed.lines["materials[1].name"] == 4
    assert parsed.lines["materials[1].form"] == 5
    assert parsed.lines["materials[2]"] == 6
    assert parsed.lines["materials[2].name"] == 6
    assert parsed.lines["materials[2].copies"] == 7
    assert parsed.lines["materials[2].form"] == 8
    assert parsed.lines["process[1]"] == 10
    assert parsed.lines["process[2]"] == 11


def test_sequence_indexes_are_one_based() -> None:
    parsed = ok(SERVICE)
    assert "materials[0]" not in parsed.lines
    assert "materials[3]" not in parsed.lines
    assert parsed.data["materials"][1] == {"name": "照片", "copies": "2", "form": "电子件"}


def test_body_and_its_first_line() -> None:
    parsed = ok(SERVICE)
    assert parsed.body == "正文第一行\n"
    assert parsed.body_line == 13


def test_flow_list_items_have_the_line_of_the_list() -> None:
    parsed = ok("---\ntitle: x\nkeywords: [甲, 乙]\n---\n")
    assert parsed.lines["keywords"] == 3
    assert parsed.lines["keywords[2]"] == 3


def test_lines_after_a_block_scalar() -> None:
    parsed = ok("---\nquestion: |\n  第一行\n  第二行\n\n  第四行\nasked: 2024-01-01\n---\n")
    assert parsed.data["question"] == "第一行\n第二行\n\n第四行\n"
    assert parsed.lines["asked"] == 7


# --- YAML syntax errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        # an unclosed quote points where the quote was opened
        ('---\ntitle: "未闭合的引号\ndate: 2026-11-01\nsource: 办公室\n---\n', 2, "引号"),
        ("---\ntitle: x\nsource: '办公室\n---\n", 3, "引号"),
        ("---\ntitle: 通知: 关于放假\n---\n", 2, "冒号"),
        ("---\ntitle: x\nsummary: @某某\n---\n", 3, "引号"),
        ("---\ntitle: x\npolicy: *nope\n---\n", 3, "别名"),
        ("---\ntitle: x\ndate: 2024\n  bad: indent\n---\n", 4, "冒号"),
    ],
)
def test_yaml_syntax_error_has_the_right_line(text: str, line: int, hint: str) -> None:
    d = only(text)
    assert (d.severity, d.code, d.file, d.line, d.field) == (
        Severity.ERROR,
        "YAML-01",
        REL,
        line,
        "",
    )
    assert hint in d.message
    assert "(YAML syntax error:" in d.message


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("---\ntitle：关于停水的通知\ndate: 2026-11-01\n---\n", 2, "title"),
        ("---\ntitle：关于停水的通知\n---\n", 2, "title"),
        ("---\ntitle: 通知\nsource：办公室\n---\n", 3, "source"),
        ("---\ntitle: 通知\nsource ： 办公室\ndate: 2026-11-01\n---\n", 3, "source"),
    ],
)
def test_a_full_width_colon_after_a_key_is_named(text: str, line: int, field: str) -> None:
    """It was reported on the line after (or on the closing ---) as a missing colon."""
    d = only(text)
    assert (d.severity, d.code, d.file, d.line, d.field) == (
        Severity.ERROR,
        "YAML-01",
        REL,
        line,
        field,
    )
    assert d.message == (
        f"{field} 后面是全角冒号“：”，YAML 只认半角冒号；请改为“{field}: ”（半角冒号加空格） "
        "(full-width colon after a key)"
    )


def test_a_full_width_colon_in_a_data_file_is_named() -> None:
    diags = Diagnostics()
    parse_data_file(
        "name: 市政府\ndomain：www.x.gov.cn\nlevel: city\n".encode(), "data/site.yaml", diags
    )
    [d] = diags.sorted()
    assert (d.code, d.file, d.line, d.field) == ("YAML-01", "data/site.yaml", 2, "domain")


def test_a_full_width_colon_in_a_value_or_block_is_text() -> None:
    parsed = ok("---\ntitle: 时间：9:00\nquestion: |\n  Note：x\n---\n")
    assert parsed.data == {"title": "时间：9:00", "question": "Note：x"}


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: x\nkeywords: [甲, 乙\n---\n",
        "---\ntitle: x\nkeywords: [甲, 乙\ndate: 2026-01-01\n---\n",
        "---\ntitle: x\nkeywords: {甲: 乙\ndate: 2026-01-01\n---\n",
    ],
)
def test_unclosed_bracket_points_at_the_line_that_opened_it(text: str) -> None:
    d = only(text)
    assert (d.code, d.line) == ("YAML-01", 3)
    assert "括号" in d.message


def test_tab_in_indentation_is_yaml_04_with_its_line() -> None:
    d = only("---\ntitle: 制表符缩进\ndate: 2026-11-01\nkeywords:\n\t- 甲\nsource: 办公室\n---\n")
    assert (d.severity, d.code, d.line, d.field) == (Severity.ERROR, "YAML-04", 5, "")
    assert "Tab" in d.message


def test_tab_after_a_list_dash_is_yaml_04_too() -> None:
    """("-<Tab>甲" was YAML-01, a value starting with a reserved character)"""
    d = only("---\ntitle: 制表符\ndate: 2026-11-01\nkeywords:\n  -\t甲\nsource: 办公室\n---\n")
    assert (d.code, d.line) == ("YAML-04", 5)


def test_a_list_entry_with_a_tab_inside_its_value_is_fine() -> None:
    assert ok("---\ntitle: 甲\nkeywords:\n  - -5\t度\n---\n").data["keywords"] == ["-5\t度"]


def test_tab_inside_a_value_is_not_indentation() -> None:
    assert ok("---\ntitle: 甲\t乙\n---\n").data == {"title": "甲\t乙"}


def test_missing_closing_fence_is_yaml_02() -> None:
    d = only("---\ntitle: 没有结束线\ndate: 2026-11-01\n\n正文\n")
    assert (d.severity, d.code, d.line) == (Severity.ERROR, "YAML-02", 1)
    assert "---" in d.message


def test_closing_fence_may_be_dots_or_carry_trailing_spaces() -> None:
    assert ok("---\ntitle: x\n...\nbody").body == "body"
    assert ok("--- \ntitle: x\n---\t\nbody").data == {"title": "x"}


@pytest.mark.parametrize("text", ["# 没有 front matter\n\n正文\n", "", "\n---\ntitle: x\n---\n"])
def test_no_front_matter_is_yaml_03(text: str) -> None:
    d = only(text)
    assert (d.severity, d.code, d.line) == (Severity.ERROR, "YAML-03", 1)


def test_duplicate_key_is_yaml_05_naming_the_first_line() -> None:
    d = only("---\ntitle: 重复的键\ndate: 2026-11-01\nsource: 办公室\ntitle: 又一个标题\n---\n")
    assert (d.severity, d.code, d.line, d.field) == (Severity.ERROR, "YAML-05", 5, "title")
    assert "第 2 行" in d.message
    assert "line 2" in d.message


def test_duplicate_nested_key_names_its_path() -> None:
    d = only("---\nmaterials:\n  - name: 甲\n  - name: 乙\n    form: 原件\n    name: 丙\n---\n")
    assert (d.code, d.line, d.field) == ("YAML-05", 6, "materials[2].name")
    assert "第 4 行" in d.message


def test_non_text_key_is_yaml_06() -> None:
    d = only("---\ntitle: x\n[a, b]: c\n---\n")
    assert (d.code, d.line) == ("YAML-06", 3)


@pytest.mark.parametrize(("text", "line"), [("---\n- a\n- b\n---\n", 2), ("---\n'文本'\n---\n", 2)])
def test_front_matter_that_is_not_a_mapping_is_yaml_06(text: str, line: int) -> None:
    d = only(text)
    assert (d.severity, d.code, d.line) == (Severity.ERROR, "YAML-06", line)


# --- encodings ---------------------------------------------------------------------------


def test_utf8_bom_and_crlf_are_accepted() -> None:
    raw = "\ufeff---\r\ntitle: 带 BOM\r\ndate: 2026-11-10\r\nsource: 办公室\r\n---\r\n正文\r\n"
    parsed = ok(raw.encode("utf-8"))
    assert parsed.data == {"title": "带 BOM", "date": "2026-11-10", "source": "办公室"}
    assert parsed.lines == {"title": 2, "date": 3, "source": 4}
    assert parsed.body == "正文\n"
    assert parsed.body_line == 6


def test_old_mac_line_ends_are_accepted() -> None:
    assert ok(b"---\rtitle: x\rdate: y\r---\rbody").lines == {"title": 2, "date": 3}


def test_gbk_is_file_01_with_iconv_hint_and_line_of_first_bad_byte() -> None:
    raw = "---\ntitle: 公告\nsource: 市政府办公室\n---\n正文\n".encode("gbk")
    d = only(raw)
    assert (d.severity, d.code, d.file, d.line, d.field) == (Severity.ERROR, "FILE-01", REL, 2, "")
    assert "GBK" in d.message
    assert "iconv" in d.message
    assert f"第 {raw.index(b'title: ') + len('title: ') + 1} 字节" in d.message


def test_gbk_after_ascii_lines_counts_lines() -> None:
    raw = b"---\ntitle: abc\ndate: 2026-11-01\nsource: " + "办公室".encode("gbk") + b"\n---\n"
    d = only(raw)
    assert (d.code, d.line) == ("FILE-01", 4)


def test_gbk_after_a_bom_points_at_the_right_line_and_byte() -> None:
    raw = b"\xef\xbb\xbf---\n" + "标题".encode("gbk") + b"\n"
    d = only(raw)
    assert (d.code, d.line) == ("FILE-01", 2)
    assert "第 8 字节" in d.message


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_text_is_an_encoding_error_not_binary(codec: str) -> None:
    d = only("---\ntitle: 通知\n---\n正文\n".encode(codec))
    assert d.code == "FILE-01"
    assert "UTF-8" in d.message


def test_binary_file_is_file_02() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
    d = only(png)
    assert (d.severity, d.code, d.file, d.line, d.field) == (Severity.ERROR, "FILE-02", REL, 0, "")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_still_recognised(codec: str) -> None:
    d = only("---\ntitle: Notice\n---\nText\n".encode(codec))
    assert (d.code, d.line) == ("FILE-01", 1)
    assert "iconv -f UTF-16" in d.message


def test_a_nul_byte_in_utf8_text_is_not_called_utf16() -> None:
    # Read as UTF-16 these bytes looked like text, and `iconv -f UTF-16` would garble it.
    d = only(b"---\ntitle: a\x00b\ndate: 2026-11-10\nsource: x\n---\n")
    assert (d.severity, d.code, d.file, d.line, d.field) == (Severity.ERROR, "FILE-02", REL, 2, "")
    assert "UTF-16" not in d.message
    assert d.message == (
        "第 2 行含有空字符（NUL，\\0），文本中不应出现；请在编辑器中删除它后重新保存 "
        "(NUL character in a text file)"
    )


def test_binary_data_file_is_file_02_with_a_hint_for_a_data_file() -> None:
    diags = Diagnostics()
    parse_data_file(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "data/site.yaml", diags)
    [d] = diags.sorted()
    assert (d.code, d.file, d.line, d.field) == ("FILE-02", "data/site.yaml", 0, "")
    assert "Markdown" not in d.message and "bundle" not in d.message
    assert d.message == (
        "这是二进制文件，不是文本；data/site.yaml 应为 UTF-8 编码的 YAML 文本 "
        "(binary file where a text data file was expected)"
    )


@pytest.mark.parametrize(
    ("escape", "hint"),
    [
        ("\\ud800", "不是一个字符"),  # a lone surrogate: a code point that is no character
        ("C:\\pdf", "单引号"),  # a Windows path in double quotes
    ],
)
def test_a_bad_escape_in_double_quotes_is_not_called_an_unclosed_quote(
    escape: str, hint: str
) -> None:
    d = only(f'---\ntitle: x\nsummary: "{escape}"\n---\n')
    assert (d.code, d.line) == ("YAML-01", 3)
    assert hint in d.message
    assert "没有成对闭合" not in d.message


# --- hostile and large input -------------------------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ["---", "a0: &a0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]"]
    for index in range(1, levels):
        refs = ", ".join([f"*a{index - 1}"] * 9)
        lines.append(f"a{index}: &a{index} [{refs}]")
    lines.append("---")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly() -> None:
    start = time.perf_counter()
    text = billion_laughs()
    d = only(text)
    assert time.perf_counter() - start < 5
    assert (d.severity, d.code) == (Severity.ERROR, "YAML-07")
    # At the key whose value expands past the limit (a5: 9**6 values), not at line 2.
    assert (d.line, d.field) == (7, "a5")
    assert text.split("\n")[d.line - 1].startswith("a5: &a5 [*a4")


def test_recursive_alias_is_refused() -> None:
    d = only("---\na: &a [*a]\n---\n")
    assert d.code == "YAML-07"


def test_a_few_aliases_are_fine() -> None:
    parsed = ok("---\nbase: &b {phone: '1'}\ncopy: *b\n---\n")
    assert parsed.data["copy"] == {"phone": "1"}


def test_very_deep_nesting_is_refused_without_exception() -> None:
    d = only("---\na: " + "[" * 3000 + "]" * 3000 + "\n---\n")
    assert d.severity is Severity.ERROR
    assert d.code in ("YAML-01", "YAML-07")


def test_very_deep_nesting_is_yaml_07() -> None:
    assert only("---\na: " + "[" * 3000 + "]" * 3000 + "\n---\n").code == "YAML-07"


def test_five_megabyte_document_parses() -> None:
    paragraph = "市政府召开常务会议，研究部署近期重点工作。" * 10 + "\n\n"
    body = paragraph * (5_000_000 // len(paragraph.encode("utf-8")) + 1)
    keys = "".join(f"k{index}: 值{index}\n" for index in range(2000))
    text = f"---\ntitle: 大文件\n{keys}---\n{body}"
    assert len(text.encode("utf-8")) > 5_000_000
    start = time.perf_counter()
    parsed = ok(text)
    assert time.perf_counter() - start < 10
    assert parsed.body == body
    assert parsed.lines["k1999"] == 2002
    assert parsed.body_line == 2004


def test_control_character_is_one_line_diagnostic_on_its_line() -> None:
    d = only("---\ntitle: x\nsource: 市政府\x0b办公室\n---\n")
    assert d.code == "YAML-01"
    assert "\n" not in d.message
    assert d.line == 3


# --- data files --------------------------------------------------------------------------


def test_data_file_is_text_typed_with_lines() -> None:
    diags = Diagnostics()
    data, lines = parse_data_file(
        b'name: x\nsite_code: "2201000001"\ncontact:\n  postcode: 130000\n', "data/site.yaml", diags
    )
    assert list(diags) == []
    assert data == {"name": "x", "site_code": "2201000001", "contact": {"postcode": "130000"}}
    assert lines == {"name": 1, "site_code": 2, "contact": 3, "contact.postcode": 4}


def test_data_file_syntax_error_uses_file_lines() -> None:
    diags = Diagnostics()
    data, _lines = parse_data_file(b"name: x\nhost: 'open\n", "data/site.yaml", diags)
    assert data == {}
    [d] = list(diags)
    assert (d.code, d.file, d.line) == ("YAML-01", "data/site.yaml", 2)


# --- simple front matter, read without libyaml (frontmatter.simple_mapping) --------------


def composed(yaml_text: str) -> tuple[object, dict[str, int]] | None:
    """What libyaml and the walker make of a document: parse_yaml's other way."""
    return parse_yaml_value(yaml_text, 2, REL, Diagnostics(), mapping=True)


@pytest.mark.parametrize(
    "text",
    [
        "title: 关于印发《测试办法》的通知\ndate: 2026-11-18\n\nkeywords: [占道经营, 市容]",
        "title: a, b [c] {d} e:f g#h 9:00~17:00 http://x.cn/a?b=c&d#top",
        "topic: '科技、教育\\科技'\nsource: 'It''s: a # b'\nempty: ''\nq: \"a: b # c\"",
        "keywords: []\nother: [ ]\nname:\nlast:   \n",
        "null: ~\nyes: no\nn: 0012345\nf: 1.50\nd: 2026-02-30",
    ],
)
def test_simple_front_matter_is_read_as_libyaml_reads_it(text: str) -> None:
    simple = simple_mapping(text, 2)
    assert simple is not None, "read without libyaml"
    assert simple == composed(text)
    assert list(simple[1].items()) == list(composed(text)[1].items())  # type: ignore[index]


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2",  # a duplicate key: libyaml's reading reports it
        "title: a: b",  # a mapping where a value was expected
        "title: a # comment",
        "# a comment line\ntitle: a",
        "title: >\n  folded",
        "list:\n- a\n- b",
        'title: "a\\tb"',  # an escape
        "title: a\u2028b",  # a line break to YAML 1.1
        "title: a\ufeffb",
        "tags: [a, b,]",
        "tags: [a, 'b']",
        "tags: [-1, b]",
        "title: 'unclosed",
        "title: a\tb",
        "   title: a",
        "title:a",
        "title: a:",
        "标题: 中文键",
        "a" * 1025 + ": b",  # libyaml refuses a key this long
        "k: [a?b]",  # PyYAML's own scanner (without libyaml) ends a flow scalar at ?
        "k: a" + " " * 20_000 + "\t",  # (and at once: no backtracking over the spaces)
        "k: a" + " " * 20_000 + "\nk2: [",
    ],
)
def test_anything_else_is_left_to_libyaml(text: str) -> None:
    assert simple_mapping(text, 2) is None


_PIECES = st.sampled_from(
    [
        *["a", "测试", "b c", "2026-11-18", "第3号"] * 8,
        "a", "b", "测试", "文件", " ", "  ", ":", ": ", "#", " #", "-", "- ", "?", ",", ", ", "[",
        "]", "{", "}", "'", "''", '"', "\\", "&", "*", "!", "|", ">", "%", "@", "`", "~", "0",
        "12", ":00", "\t", "\u2028", "\x85", "\ufeff", "\u3000", "\x7f", "\ue000",
    ]
)  # fmt: skip
_VALUES = st.one_of(
    st.lists(_PIECES, max_size=6).map("".join),
    st.lists(st.lists(_PIECES, max_size=3).map("".join), max_size=4).map(
        lambda items: "[" + ",".join(items) + "]"
    ),
    st.lists(_PIECES, max_size=5).map(lambda p: "'" + "".join(p) + "'"),
    st.lists(_PIECES, max_size=5).map(lambda p: '"' + "".join(p) + '"'),
)
_FIELDS = st.tuples(
    st.sampled_from(["title", "date", "keywords", "k_2", "B", "title_en", "x"]),
    st.sampled_from([":", ": ", ": ", ":  ", ":\t"]),
    _VALUES,
    st.sampled_from(["", "", " ", "  "]),
)
_OTHER_LINES = st.sampled_from(["", "", "", "  ", "# note", "  - x", "- y", "  key: v"])


def _document(fields: list[tuple[str, str, str, str]], others: list[tuple[int, str]]) -> str:
    lines = ["".join(field) for field in fields]
    for where, line in others:
        lines.insert(where % (len(lines) + 1), line)
    return "\n".join(lines)


@given(
    st.lists(_FIELDS, max_size=7, unique_by=lambda f: f[0]),
    st.lists(st.tuples(st.integers(0, 8), _OTHER_LINES), max_size=2),
)
@settings(max_examples=800, deadline=None)
def test_simple_reading_agrees_with_libyaml_on_generated_front_matter(
    fields: list[tuple[str, str, str, str]], others: list[tuple[int, str]]
) -> None:
    text = _document(fields, others)
    simple = simple_mapping(text, 2)
    if simple is not None:
        assert simple == composed(text)
        assert list(simple[1].items()) == list(composed(text)[1].items())  # type: ignore[index]


def test_the_sample_portal_reads_the_same_either_way() -> None:
    """Most of the sample portal's front matter is simple; what is reads as libyaml reads it."""
    root = Path(__file__).resolve().parents[2] / "content"
    simple = 0
    for path in sorted(root.rglob("*.md")):
        diags = Diagnostics()
        parsed = parse_document(path.read_bytes(), path.as_posix(), diags)
        assert parsed is not None, [str(d) for d in diags.sorted()]
        cut = split(path.read_text("utf-8"), path.as_posix(), Diagnostics())
        assert cut is not None
        yaml_text = cut[0]
        found = simple_mapping(yaml_text, 2)
        if found is not None:
            simple += 1
            assert found == composed(yaml_text), path
    assert simple > 100


def split_by_lines(text: str) -> tuple[str, int, str, int] | None:
    """The front matter cut as the contract says, line by line: what `split` must give."""
    lines = text.split("\n")
    if not re.fullmatch(r"---[ \t]*", lines[0]):
        return None
    for index in range(1, len(lines)):
        if re.fullmatch(r"(?:---|\.\.\.)[ \t]*", lines[index]):
            return "\n".join(lines[1:index]), 2, "\n".join(lines[index + 1 :]), index + 2
    return None


@given(
    st.lists(
        st.sampled_from(["---", "--- ", "...", "-- -", " ---", "----", "a: b", "", "正文", "x\t"]),
        max_size=8,
    ).map("\n".join)
)
@settings(max_examples=400, deadline=None)
def test_front_matter_is_cut_at_the_first_closing_line(text: str) -> None:
    diags = Diagnostics()
    assert split(text, REL, diags) == split_by_lines(text)
    assert bool(diags.items) == (split_by_lines(text) is None)
