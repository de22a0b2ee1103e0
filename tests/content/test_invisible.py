"""Invisible characters in front matter (a full-width IME space, a pasted no-break or zero-width
space, a BOM mid-file, U+2028) are named at the line and field of the slip.

YAML reported them on the next line (the closing --- for the last key) as a missing colon,
with no field, or a zero-width space before --- as "第一行应为 ---".
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from ssg.content import invisible
from tests.sitekit import make_site, run

NEWS = "---\ntitle: 测试\ndate: 2026-11-18\nsource: 青岚日报\nreviewed_by: 于某某\n---\n\n正文。\n"
CHARS = {
    "U+3000": "\u3000",
    "U+00A0": "\u00a0",
    "U+200B": "\u200b",
    "U+FEFF": "\ufeff",
    "U+2028": "\u2028",
}
NAMES = {
    "U+3000": "全角空格 U+3000",
    "U+00A0": "不换行空格 U+00A0",
    "U+200B": "零宽空格 U+200B",
    "U+FEFF": "零宽不换行空格（BOM） U+FEFF",
    "U+2028": "行分隔符 U+2028",
}


def _slips(c: str) -> dict[str, tuple[str, int, str, str]]:
    """name → (file text, line, field, what the message says of where)."""
    return {
        "after-source-colon": (NEWS.replace("source: ", f"source:{c}"), 4, "source", "冒号后面"),
        "after-title-colon": (NEWS.replace("title: ", f"title:{c}"), 2, "title", "冒号后面"),
        "after-last-colon": (
            NEWS.replace("reviewed_by: ", f"reviewed_by:{c}"),
            5,
            "reviewed_by",
            "冒号后面",
        ),
        "in-key": (NEWS.replace("source:", f"sour{c}ce:"), 4, "source", "source"),
        "list-dash": (
            NEWS.replace("reviewed_by: 于某某", f"keywords:\n  -{c}甲\n  - 乙"),
            6,
            "keywords",
            "短横线",
        ),
        "indentation": (
            NEWS.replace("reviewed_by: 于某某", f"allow:\n  SEC-06: 理由\n {c}POLICY-01: 理由"),
            7,
            "allow.POLICY-01",  # (nested fields by their path, as README writes them)
            "缩进中",
        ),
        "opening-fence": (c + NEWS, 1, "", "第一行是开始 front matter 的 ---"),
        "closing-fence": (NEWS.replace("\n---\n", f"\n---{c}\n"), 6, "", "结束 front matter"),
    }


CASES = [
    pytest.param(code, name, id=f"{code}-{name}")
    for code in CHARS
    for name in _slips(" ")
    if not (code == "U+FEFF" and name == "opening-fence")  # (a BOM there is the file's BOM)
]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Every slip in a file of its own, in one site, checked once: file → its diagnostics."""
    root = make_site(tmp_path_factory.mktemp("invisible"), {})
    for case in CASES:
        code, name = case.values
        text = _slips(CHARS[str(code)])[str(name)][0]
        (root / f"content/dt/{str(code)[2:]}-{name}.md").write_text(text, encoding="utf-8")
    result = run(root)
    assert result.code == 1
    found: dict[str, list[str]] = {}
    for line in result.lines:
        found.setdefault(line.split(":", 1)[0], []).append(line)
    return found


@pytest.mark.parametrize(("code", "name"), CASES)
def test_an_invisible_character_is_named_at_its_line_and_field(
    checked: dict[str, list[str]], code: str, name: str
) -> None:
    _text, line, field, where = _slips(CHARS[code])[name]
    rel = f"content/dt/{code[2:]}-{name}.md"
    [diagnostic] = checked[rel]
    fence = name.endswith("fence")
    expected_code = {"opening-fence": "YAML-03", "closing-fence": "YAML-02"}.get(name, "YAML-01")
    prefix = f"{rel}:{line}: error [{expected_code}] " + ("" if fence else f"{field}: ")
    assert diagnostic.startswith(prefix), diagnostic
    assert NAMES[code] in diagnostic
    assert where in diagnostic
    assert f"{code}" in diagnostic.rsplit("(", 1)[-1]  # (the English names it too)


def test_the_reviewers_reproduction_reads_as_the_editor_sees_it(tmp_path: Path) -> None:
    """r11: the exact lines for the IME space after `source:` and the ZWSP before ---."""
    root = make_site(tmp_path, {})
    (root / "content/dt/w1.md").write_text(NEWS.replace("source: ", "source:\u3000"), "utf-8")
    (root / "content/dt/w5.md").write_text("\u200b" + NEWS, "utf-8")
    result = run(root)
    assert result.lines == [
        "content/dt/w1.md:4: error [YAML-01] source: source 的冒号后面是全角空格 U+3000"
        "（中文输入法在全角模式下输入的空格），YAML 只认冒号后的半角空格；请删除它，改为一个"
        "半角空格 (invisible U+3000 after the colon; use a plain space)",
        "content/dt/w5.md:1: error [YAML-03] 第一行是开始 front matter 的 ---，但 --- 前面有"
        "看不见的零宽空格 U+200B（常见于从网页、聊天软件或 Word 复制的文字）；请删除这一行，"
        "重新输入 --- (invisible character U+200B on the --- line; retype the line)",
    ]


def test_only_a_bom_that_starts_the_file_is_its_signature(tmp_path: Path) -> None:
    """README: the one BOM at the very start of a file is the UTF-8 signature editors save,
    read as such; a BOM anywhere else on the `---` line (a second one, one after the dashes)
    is the invisible character YAML-03 names."""
    root = make_site(tmp_path, {})
    for name, text in {"signed": "\ufeff" + NEWS, "twice": "\ufeff\ufeff" + NEWS,
                       "after": NEWS.replace("---\n", "---\ufeff\n", 1)}.items():  # fmt: skip
        (root / f"content/dt/{name}.md").write_text(text, encoding="utf-8")
    assert [line.split(" 第一行")[0] for line in run(root).lines] == [
        "content/dt/after.md:1: error [YAML-03]",
        "content/dt/twice.md:1: error [YAML-03]",
    ]


def test_invisible_characters_inside_values_are_text(tmp_path: Path) -> None:
    """A full-width space inside a title, a paragraph indent in a block, a no-break space
    after the colon's own space: values as written, no finding of this kind."""
    text = (
        "---\ntitle: 测试\u3000标题\ndate: 2026-11-18\nsource: \u00a0青岚日报\n"
        "summary: |\n  \u3000\u3000第一段。\n  \u3000\u3000时间:\u3000上午\nreviewed_by: 于某某\n---\n正文。\n"
    )
    root = make_site(tmp_path, {})
    (root / "content/dt/values.md").write_text(text, "utf-8")
    result = run(root)
    assert [line for line in result.lines if "values.md" in line and "YAML" in line] == []


def test_a_nested_key_read_as_text_is_named_with_its_path(tmp_path: Path) -> None:
    """`SEC-06:` + U+3000 under `allow:` parses, as the text "SEC-06:　理由"; a Chinese word and
    a colon on a line of its own under a text field stays text."""
    root = make_site(tmp_path, {})
    nested = NEWS.replace("reviewed_by: 于某某", "allow:\n  SEC-06:\u3000理由")
    (root / "content/dt/nested.md").write_text(nested, "utf-8")
    text = NEWS.replace("reviewed_by: 于某某", "summary:\n  说明:\u3000甲\nreviewed_by: 于某某")
    (root / "content/dt/text.md").write_text(text, "utf-8")
    lines = run(root).lines
    assert [line.split(" 的冒号")[0] for line in lines if "/nested.md" in line] == [
        "content/dt/nested.md:6: error [YAML-01] allow.SEC-06: SEC-06"
    ]
    assert [line for line in lines if "/text.md" in line] == []


def test_a_block_scalar_full_of_ideographic_spaces_is_not_blamed_for_a_later_error(
    tmp_path: Path,
) -> None:
    text = (
        "---\ntitle: 测试\ndate: 2026-11-18\nsummary: |\n  \u3000\u3000第一段。\n"
        'source: "青岚日报\nreviewed_by: 于某某\n---\n正文。\n'
    )
    root = make_site(tmp_path, {})
    (root / "content/dt/block.md").write_text(text, "utf-8")
    [line] = [line for line in run(root).lines if "block.md" in line]
    assert line.startswith("content/dt/block.md:6: error [YAML-01] YAML 语法错误：引号没有成对闭合")


def test_lines_after_a_line_separator_in_a_value_are_the_editors(tmp_path: Path) -> None:
    """YAML counts U+2028 as a line break; an editor does not. A finding after one pointed a
    line too far down."""
    text = "---\ntitle: 测试\u2028\nsource: 青岚日报\ndate: 2026-13-45\nreviewed_by: 于某某\n---\n"
    root = make_site(tmp_path, {})
    (root / "content/dt/ls.md").write_text(text, "utf-8")
    [line] = [line for line in run(root).lines if "ls.md" in line]
    assert line.startswith("content/dt/ls.md:4: error [SCHEMA-04] date: "), line


def test_the_invisible_set_is_unicodes_spaces_separators_and_pasted_format_characters() -> None:
    for point in range(0x10000):
        char = chr(point)
        category = unicodedata.category(char)
        if category in ("Zs", "Zl", "Zp") and char != " ":
            assert invisible.is_invisible(char), hex(point)
        if invisible.is_invisible(char):
            assert category in ("Zs", "Zl", "Zp", "Cf") or char == "\x85", hex(point)
    for char in "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u2066":
        assert invisible.is_invisible(char)
    for char in " \t\n-:：，、":
        assert not invisible.is_invisible(char)


def test_a_value_that_looks_right_names_the_invisible_character_that_makes_it_wrong(
    tmp_path: Path,
) -> None:
    """`date: ` + a zero-width space + 2026-11-18 looked like a valid date in the message."""
    root = make_site(tmp_path, {})
    (root / "content/dt/zw.md").write_text(NEWS.replace("date: ", "date: \u200b"), "utf-8")
    [line] = [line for line in run(root).lines if "/zw.md" in line]
    assert line.startswith(
        "content/dt/zw.md:3: error [SCHEMA-04] date: 发布日期 “\u200b2026-11-18”（其中有看不见的"
        "零宽空格 U+200B，请删除后重新输入） 不是有效日期"
    ), line
