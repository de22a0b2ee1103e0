"""发文字号: the parser and the standard form, on a table of real-world ways of writing them."""

from __future__ import annotations

import pytest

from ssg import docnumber

# (as written, standard form or None when it is not a doc number, already standard?)
FORMS = [
    ("吉政办发〔2019〕27号", "吉政办发〔2019〕27号", True),
    ("国办发〔2017〕47号", "国办发〔2017〕47号", True),
    ("国办秘函〔2019〕19号", "国办秘函〔2019〕19号", True),
    ("国发〔2016〕1号", "国发〔2016〕1号", True),
    ("吉政发[2019]3号", "吉政发〔2019〕3号", False),
    ("吉政发(2019)3号", "吉政发〔2019〕3号", False),
    ("吉政发（2019）3号", "吉政发〔2019〕3号", False),
    ("吉政发【2019】3号", "吉政发〔2019〕3号", False),
    ("吉政发［2019］3号", "吉政发〔2019〕3号", False),
    ("吉政发﹝2019﹞3号", "吉政发〔2019〕3号", False),
    ("吉政发〔２０１９〕３号", "吉政发〔2019〕3号", False),
    ("青政发〔２０２６〕3号", "青政发〔2026〕3号", False),
    ("青政发〔2026〕３号", "青政发〔2026〕3号", False),
    ("青岚市人民政府令第１２号", "青岚市人民政府令第12号", False),
    ("吉政发〔٢٠١٩〕3号", None, False),  # Arabic-Indic digits: not a doc number at all
    ("吉政发 〔2019〕 3 号", "吉政发〔2019〕3号", False),
    # Spaces inside the 机关代字, as a PDF or a justified Word line gives them.
    ("吉 政 发〔2019〕3 号", "吉政发〔2019〕3号", False),
    ("吉 政发[2019]3号", "吉政发〔2019〕3号", False),
    ("青岚市人民政府 令 第12号", "青岚市人民政府令第12号", False),
    # Invisible characters copied from a web page: zero-width space, BOM.
    ("吉政发〔2019〕3号\u200b", "吉政发〔2019〕3号", False),
    ("\ufeff吉政发\u200d〔2019〕3号", "吉政发〔2019〕3号", False),
    ("吉政发〔2019〕第3号", "吉政发〔2019〕3号", False),
    ("吉政发〔2019〕03号", "吉政发〔2019〕3号", False),
    ("吉政发〔2019〕3", "吉政发〔2019〕3号", False),
    ("青人社发〔2026〕6号", "青人社发〔2026〕6号", True),
    ("吉政发〔2019〕0号", None, False),
    ("第3号文件", None, False),
    ("zwgk/zcwj/2019-27", None, False),
    ("〔2019〕3号", None, False),
    # 命令（令）: 第N号 without a year is their standard form (GB/T 9704—2012).
    ("青岚市人民政府令第12号", "青岚市人民政府令第12号", True),
    ("中华人民共和国国务院令第708号", "中华人民共和国国务院令第708号", True),
    ("吉政令第285号", "吉政令第285号", True),
    ("青岚市人民政府令第０１２号", "青岚市人民政府令第12号", False),
    ("青岚市人民政府令 第 12 号", "青岚市人民政府令第12号", False),
    ("青岚市人民政府令12号", "青岚市人民政府令第12号", False),
    ("青岚市人民政府令第0号", None, False),
    ("令第12号", None, False),
]


@pytest.mark.parametrize(("written", "standard", "is_standard"), FORMS)
def test_real_world_forms(written: str, standard: str | None, is_standard: bool) -> None:
    parsed = docnumber.parse(written)
    assert (parsed.standard if parsed else None) == standard
    assert docnumber.is_standard(written) is is_standard


@pytest.mark.parametrize(
    "written",
    ["吉政发[2019]3号", "吉政发（２０１９）３号", "吉政发 【2019】 第03号", "吉 政 发(2019)3号"],
)
def test_every_form_matches_the_standard_key(written: str) -> None:
    assert docnumber.match_key(written) == docnumber.match_key("吉政发〔2019〕3号")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("吉政发[2019]3号", True),
        ("吉政发（２０１９）3号", True),
        ("zwgk/zcwj/2019-27", False),
        ("青岚市人民政府令第12号", True),
        ("青岚市人民政府令第１２号", True),
    ],
)
def test_a_year_in_brackets_marks_a_doc_number(text: str, expected: bool) -> None:
    assert docnumber.looks_like_doc_number(text) is expected


def test_parts() -> None:
    parsed = docnumber.parse("吉政办发〔2019〕27号")
    assert parsed == docnumber.DocNumber("吉政办发", 2019, 27)


def test_decree_parts_and_key() -> None:
    parsed = docnumber.parse("青岚市人民政府令第12号")
    assert parsed == docnumber.DocNumber("青岚市人民政府令", None, 12)
    assert docnumber.match_key("青岚市人民政府令 第０12号") == "青岚市人民政府令第12号"
