"""A required text field written as YAML's null (`title: null`, `title: ~`): kept as the text
typed (scalars are text, ARCHITECTURE §1.2), but almost certainly left unfilled, so an advice
at its line says so. Real sites on disk, the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import make_site, run

PAGE = "content/dt/tongzhi.md"


def page(title: str) -> str:
    return (
        f"---\ntitle: {title}\ndate: 2026-11-18\nsource: 办公室\nreviewed_by: 审核人\n---\n正文。\n"
    )


@pytest.mark.parametrize("word", ["null", "Null", "NULL", "~", "null  # 待定"])
def test_a_null_word_as_a_title_is_advised_at_its_line(tmp_path: Path, word: str) -> None:
    make_site(tmp_path, {PAGE: page(word)})
    found = [line for line in run(tmp_path).with_code("SCHEMA-03") if PAGE in line]
    shown = word.split()[0]
    assert [line.split(" (")[0] for line in found] == [
        f"{PAGE}:2: advice [SCHEMA-03] title: 标题写的是 {shown}，是否漏填？如确实如此请加引号，"
        f"如 “title: '{shown}'”"
    ]


@pytest.mark.parametrize("written", ["'null'", '"~"', "null 与 undefined 的区别"])
def test_a_null_word_quoted_or_within_text_is_the_editors_own(tmp_path: Path, written: str) -> None:
    make_site(tmp_path, {PAGE: page(written)})
    assert [line for line in run(tmp_path).with_code("SCHEMA-03") if PAGE in line] == []


def test_an_empty_title_is_still_missing(tmp_path: Path) -> None:
    make_site(tmp_path, {PAGE: page("")})
    found = run(tmp_path).with_code("SCHEMA-03")
    assert [line.split(" (")[0] for line in found] == [
        f"{PAGE}:2: error [SCHEMA-03] title: 标题不能为空"
    ]
