"""A text field written as YAML's null (`title: null`, `title: ~`): kept as the text
typed (scalars are text, ARCHITECTURE §1.2), but almost certainly left unfilled, so an advice
at its line says so. Real sites on disk, the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import make_site, policy, run

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


@pytest.mark.parametrize(("field", "label"), [("summary", "摘要"), ("source", "信息来源")])
def test_a_null_word_in_an_optional_field_is_advised_too(
    tmp_path: Path, field: str, label: str
) -> None:
    """`summary: ~` published the summary "~" without a word (only required fields were
    advised)."""
    text = page("通知").replace("reviewed_by:", f"{field}: ~\nreviewed_by:")
    if field == "source":
        text = text.replace("source: 办公室\n", "", 1)
    make_site(tmp_path, {PAGE: text})
    found = [line for line in run(tmp_path).with_code("SCHEMA-03") if PAGE in line]
    assert len(found) == 1
    assert f"advice [SCHEMA-03] {field}: {label}写的是 ~，是否漏填？" in found[0]


@pytest.mark.parametrize(("field", "line"), [("draft", "draft: ~"), ("validity", "validity: null")])
def test_a_null_word_in_a_typed_field_is_its_error_alone(
    tmp_path: Path, field: str, line: str
) -> None:
    """A bool or a choice written as null is an error (SCHEMA-02): the advice to quote it
    ("draft: '~'") would only make another value that is not one."""
    text = policy("测政发〔2026〕9号").replace("reviewed_by:", f"{line}\nreviewed_by:")
    make_site(tmp_path, {"content/zcwj/p9.md": text})
    found = [x for x in run(tmp_path).lines if "content/zcwj/p9.md" in x and f"] {field}:" in x]
    assert [x.split(" [")[1].split("]")[0] for x in found] == ["SCHEMA-02"], found


def test_an_empty_title_is_still_missing(tmp_path: Path) -> None:
    make_site(tmp_path, {PAGE: page("")})
    found = run(tmp_path).with_code("SCHEMA-03")
    assert [line.split(" (")[0] for line in found] == [
        f"{PAGE}:2: error [SCHEMA-03] title: 标题不能为空"
    ]


# --- nested fields and list entries: the same advice at their own line -------------------

SERVICE = "content/bs/shixiang.md"
_SERVICE_COLUMN = {"content/bs/_index.md": "---\ntitle: 办事服务\ntype: service\n---\n"}


def service(materials: str, **fields: str) -> str:
    """A valid 办事指南 but for `materials` (written from its line 4 on) and `fields`."""
    values = {
        "basis": "《测试条例》第三条",
        "conditions": "本市户籍居民",
        "address": "政府路1号",
        "agency": "测试市公安局",
        "fees": "不收费",
        "hours": "工作日 9:00-17:00",
        "phone": '"0439-0000000"',
        "process": "申请、受理、审核、办结",
        "time_limit": "5 个工作日",
        "notes": "无",
        "online": "线下办理",
        "reviewed_by": "审核人",
        **fields,
    }
    rest = "".join(f"{key}: {value}\n" for key, value in values.items())
    return f"---\ntitle: 测试事项\ndate: 2026-11-02\n{materials}{rest}---\n正文。\n"


def advised(root: Path, rel: str) -> list[str]:
    return [line.split(" (")[0] for line in run(root).with_code("SCHEMA-03") if rel in line]


@pytest.mark.parametrize(
    ("materials", "line"),
    [
        ("materials:\n  - name: ~\n    form: 原件\n", 5),
        ("materials:\n  - name: null  # 待补\n", 5),
        ("materials: [{name: ~}]\n", 4),
    ],
)
def test_a_null_word_as_a_material_name_is_advised_at_its_line(
    tmp_path: Path, materials: str, line: int
) -> None:
    make_site(tmp_path, {**_SERVICE_COLUMN, SERVICE: service(materials)})
    word = materials.split("name: ")[1].split()[0].rstrip("}]")
    assert advised(tmp_path, SERVICE) == [
        f"{SERVICE}:{line}: advice [SCHEMA-03] materials[1].name: 材料名称写的是 {word}，是否漏填？"
        f"如确实如此请加引号，如 “name: '{word}'”"
    ]


def test_null_words_as_list_entries_are_advised_each_at_its_line(tmp_path: Path) -> None:
    materials = "materials:\n  - name: 身份证\n  - ~\n"
    basis = "\n  - 《测试条例》第三条\n  - Null"
    make_site(tmp_path, {**_SERVICE_COLUMN, SERVICE: service(materials, basis=basis)})
    assert advised(tmp_path, SERVICE) == [
        f"{SERVICE}:6: advice [SCHEMA-03] materials[2]: 办理材料的第 2 项写的是 ~，是否漏填？"
        "如确实如此请加引号，如 “- '~'”",
        f"{SERVICE}:9: advice [SCHEMA-03] basis[2]: 设定依据的第 2 项写的是 Null，是否漏填？"
        "如确实如此请加引号，如 “- '~'”".replace("'~'", "'Null'"),
    ]


def test_a_null_word_in_a_one_line_list_is_advised(tmp_path: Path) -> None:
    # (front matter this flat is read without libyaml: the same advice either way)
    text = page("通知").replace("source:", "keywords: [供暖, ~]\nsource:")
    make_site(tmp_path, {PAGE: text})
    assert advised(tmp_path, PAGE) == [
        f"{PAGE}:4: advice [SCHEMA-03] keywords[2]: 关键词的第 2 项写的是 ~，是否漏填？"
        "如确实如此请加引号，如 “- '~'”"
    ]


def test_a_null_word_as_an_attachment_file_is_advised(tmp_path: Path) -> None:
    text = policy("测政发〔2026〕7号").replace(
        "reviewed_by:", "attachments:\n  - file: ~\n    title: 附件一\nreviewed_by:"
    )
    make_site(tmp_path, {"content/zcwj/qi.md": text})
    found = advised(tmp_path, "content/zcwj/qi.md")
    assert [line.split(": ", 1)[1] for line in found] == [
        "advice [SCHEMA-03] attachments[1].file: 附件文件写的是 ~，是否漏填？如确实如此请加引号，"
        "如 “file: '~'”"
    ]


@pytest.mark.parametrize(
    "materials",
    ["materials:\n  - name: '~'\n", 'materials: [{name: "null"}]\n', "materials: ['~']\n"],
)
def test_a_quoted_null_word_in_a_nested_field_is_the_editors_own(
    tmp_path: Path, materials: str
) -> None:
    make_site(tmp_path, {**_SERVICE_COLUMN, SERVICE: service(materials)})
    assert advised(tmp_path, SERVICE) == []


def test_a_null_word_as_the_reason_of_an_accepted_finding_is_no_reason(tmp_path: Path) -> None:
    text = page("通知").replace("source:", "allow:\n  SEC-06: ~\nsource:")
    make_site(tmp_path, {PAGE: text})
    result = run(tmp_path)
    assert result.code == 1
    assert [line.split(" (")[0] for line in result.lines if PAGE in line] == [
        f"{PAGE}:5: error [SCHEMA-02] allow.SEC-06: 接受的检查结果写的理由是 ~，是否漏填？"
        "每条都要写明理由；如确实如此请加引号，如 “SEC-06: '~'”"
    ]
