"""The schema per content type: required fields, dates, enums, shapes, nested paths, advice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ssg.content.frontmatter import parse_document
from ssg.content.model import (
    Column,
    Gap,
    Interpretation,
    Item,
    Leader,
    Location,
    Material,
    News,
    Notice,
    Page,
    Policy,
    Reply,
    Service,
)
from ssg.content.validate import (
    REQUIRED_CODES,
    TYPE_FIELDS,
    column_from_front_matter,
    item_from_front_matter,
    parse_date,
)
from ssg.diagnostics import Diagnostic, Diagnostics, Severity
from tests.sitekit import interpretation, make_site, policy, run

REL = "content/col/x.md"

# One valid document per type: (key, YAML lines of that key). Order = line order.
VALID: dict[str, list[tuple[str, str]]] = {
    "policy": [
        ("title", "title: 关于印发某某办法的通知"),
        ("date", "date: 2024-03-05"),
        ("issuer", "issuer: 示例市人民政府"),
        ("written", "written: 2024-03-01"),
        ("index_number", "index_number: 000014349/2024-00001"),
        ("topic", "topic: 综合政务"),
        ("doc_number", "doc_number: 示政发〔2024〕1号"),
    ],
    "interpretation": [
        ("title", "title: 一图读懂"),
        ("date", "date: 2024-03-05"),
        ("policy", "policy: 示政发〔2024〕1号"),
        ("source", "source: 示例市发展改革委"),
    ],
    "service": [
        ("title", "title: 居住证办理"),
        ("date", "date: 2024-03-05"),
        ("basis", "basis: 《居住证暂行条例》"),
        ("conditions", "conditions:\n  - 在本市居住半年以上"),
        (
            "materials",
            "materials:\n  - name: 身份证\n    form: 原件\n  - name: 照片\n    copies: 2",
        ),
        ("address", "address: 政务服务中心"),
        ("agency", "agency: 公安局"),
        ("fees", "fees: 不收费"),
        ("hours", "hours: 9:00"),
        ("phone", "phone: 0431-88888888"),
        ("process", "process:\n  - 申请\n  - 受理"),
        ("time_limit", "time_limit: 5 个工作日"),
        ("notes", "notes: 无"),
        ("online", "online: 全程网办"),
        ("item_code", "item_code: 0012345"),
    ],
    "notice": [
        ("title", "title: 停电通知"),
        ("date", "date: 2024-03-05"),
        ("source", "source: 办公室"),
    ],
    "news": [
        ("title", "title: 市政府召开常务会议"),
        ("date", "date: 2024-03-05"),
        ("source", "source: 办公室"),
    ],
    "reply": [
        ("title", "title: 关于路灯的留言"),
        ("date", "date: 2024-03-05"),
        ("asked", "asked: 2024-03-01"),
        ("received", "received: 2024-03-02"),
        ("replied", "replied: 2024-03-04"),
        ("department", "department: 城管局"),
        ("question", "question: 路灯不亮"),
    ],
    "leader": [
        ("title", "title: 张三"),
        ("name", "name: 张三"),
        ("position", "position: 市长"),
        ("duties", "duties: 主持全面工作"),
    ],
    "page": [("title", "title: 概况")],
}
CLASSES = {
    "policy": Policy,
    "interpretation": Interpretation,
    "service": Service,
    "notice": Notice,
    "news": News,
    "reply": Reply,
    "leader": Leader,
    "page": Page,
}


def document(
    type_name: str, drop: str = "", extra: str = "", replace: dict[str, str] | None = None
) -> str:
    parts = []
    for key, text in VALID[type_name]:
        if key == drop:
            continue
        parts.append((replace or {}).get(key, text))
    if extra:
        parts.append(extra)
    return "---\n" + "\n".join(parts) + "\n---\n正文\n"


def validate(text: str, type_name: str) -> tuple[Item | None, list[Diagnostic]]:
    diags = Diagnostics()
    parsed = parse_document(text.encode("utf-8"), REL, diags)
    assert parsed is not None, [str(d) for d in diags]
    item = item_from_front_matter(
        item_id="col/x",
        column_id="col",
        default_type=type_name,
        bundle=False,
        data=parsed.data,
        location=Location(REL, parsed.lines, parsed.body_line),
        body=parsed.body,
        diags=diags,
    )
    found = diags.sorted()
    for d in found:
        assert "\n" not in str(d)
        assert d.file == REL
    return item, found


def errors(found: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in found if d.severity is Severity.ERROR]


def one_error(text: str, type_name: str = "news") -> Diagnostic:
    item, found = validate(text, type_name)
    assert item is None
    bad = errors(found)
    assert len(bad) == 1, [str(d) for d in found]
    return bad[0]


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.lstrip().startswith(start))


# --- valid documents ---------------------------------------------------------------------


@pytest.mark.parametrize("type_name", list(VALID))
def test_valid_document_gives_its_class_and_no_diagnostic(type_name: str) -> None:
    item, found = validate(document(type_name), type_name)
    assert found == [], [str(d) for d in found]
    assert type(item) is CLASSES[type_name]
    assert item is not None
    assert (item.id, item.column, item.type, item.body_md) == ("col/x", "col", type_name, "正文\n")


def test_service_fields_are_typed_by_the_schema() -> None:
    item, _ = validate(document("service"), "service")
    assert isinstance(item, Service)
    assert item.hours == "9:00"
    assert item.item_code == "0012345"
    assert item.basis == "《居住证暂行条例》"
    assert item.conditions == ("在本市居住半年以上",)
    assert item.process == ("申请", "受理")
    assert item.materials == (Material(name="身份证", form="原件"), Material(name="照片", copies=2))


def test_type_in_front_matter_overrides_the_column_default() -> None:
    item, found = validate(document("notice", extra="type: notice"), "news")
    assert found == []
    assert isinstance(item, Notice)


# --- required fields ---------------------------------------------------------------------


def required_cases() -> list[tuple[str, str, str]]:
    cases = []
    for type_name, fields in VALID.items():
        keys = {key for key, _ in fields}
        for key in ["title", "date", *(k for k, s in TYPE_FIELDS[type_name].items() if s.required)]:
            if key in keys and not (key == "date" and type_name in ("page", "leader")):
                code = REQUIRED_CODES.get(type_name, "SCHEMA-01")
                cases.append((type_name, key, code))
    return cases


# `date` (发布日期) is not one of SERVICE-02's elements nor INTERACT-03's fields (RULES.md §5, §6).
@pytest.mark.parametrize(
    ("type_name", "key", "code"),
    [
        pytest.param(
            t,
            k,
            "SCHEMA-01" if k == "date" and t in ("service", "reply") else c,
            id=f"{t}-{k}",
        )
        for t, k, c in required_cases()
    ],
)
def test_missing_required_field(type_name: str, key: str, code: str) -> None:
    d = one_error(document(type_name, drop=key), type_name)
    assert (d.severity, d.code, d.line, d.field) == (Severity.ERROR, code, 1, key)
    assert f"缺少必填字段 {key}" in d.message
    assert "(required field missing)" in d.message


def test_required_codes_are_the_rules_codes() -> None:
    assert REQUIRED_CODES == {
        "service": "SERVICE-02",
        "policy": "POLICY-01",
        "reply": "INTERACT-03",
    }
    d = one_error(document("service", drop="fees"), "service")
    assert (d.code, d.field) == ("SERVICE-02", "fees")
    d = one_error(document("policy", drop="index_number"), "policy")
    assert (d.code, d.field) == ("POLICY-01", "index_number")
    d = one_error(document("reply", drop="question"), "reply")
    assert (d.code, d.field) == ("INTERACT-03", "question")
    d = one_error(document("interpretation", drop="policy"), "interpretation")
    assert (d.code, d.field) == ("SCHEMA-01", "policy")
    d = one_error(document("leader", drop="duties"), "leader")
    assert (d.code, d.field) == ("SCHEMA-01", "duties")


def test_every_missing_field_is_reported_not_only_the_first() -> None:
    item, found = validate("---\ntitle: x\ndate: 2024-01-01\n---\n", "service")
    assert item is None
    missing = {d.field for d in found if d.code == "SERVICE-02"}
    assert missing == {
        "basis",
        "conditions",
        "materials",
        "address",
        "agency",
        "fees",
        "hours",
        "phone",
        "process",
        "time_limit",
        "notes",
        "online",
    }


def test_page_and_leader_need_no_date() -> None:
    item, found = validate("---\ntitle: 概况\n---\n", "page")
    assert found == []
    assert isinstance(item, Page)
    assert item.date is None
    item, found = validate(document("leader"), "leader")
    assert found == []
    assert isinstance(item, Leader) and item.date is None


def test_page_shows_updated_when_it_has_no_date() -> None:
    item, _ = validate("---\ntitle: 概况\nupdated: 2024-05-06\n---\n", "page")
    assert item is not None
    assert item.shown_date == dt.datetime(2024, 5, 6)


@pytest.mark.parametrize("type_name", ["page", "leader"])
def test_empty_date_on_an_undated_type_is_not_an_error(type_name: str) -> None:
    item, found = validate(document(type_name, extra="date:"), type_name)
    assert errors(found) == []
    assert item is not None and item.date is None


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "2024年3月5日",
        "2024-02-30",
        "2024-13-01",
        "2024-3-5",
        "2024/03/05",
        "2024-03-05 25:00",
        "昨天",
    ],
)
def test_invalid_date_is_schema_04_showing_the_expected_form(written: str) -> None:
    text = document("news", replace={"date": f"date: {written}"})
    d = one_error(text)
    assert (d.severity, d.code, d.line, d.field) == (Severity.ERROR, "SCHEMA-04", 3, "date")
    assert written in d.message
    assert "YYYY-MM-DD" in d.message
    assert "2024-03-05 09:30" in d.message


def test_date_with_time_keeps_the_time() -> None:
    item, found = validate(document("news", replace={"date": "date: 2024-03-05 09:30"}), "news")
    assert found == []
    assert item is not None
    assert item.date == dt.datetime(2024, 3, 5, 9, 30)
    assert item.date_has_time is True


def test_date_without_time_is_midnight_and_says_so() -> None:
    item, _ = validate(document("news"), "news")
    assert item is not None
    assert item.date == dt.datetime(2024, 3, 5)
    assert item.date_has_time is False


def test_every_date_field_is_checked() -> None:
    text = document("reply", replace={"received": "received: 2024年3月2日"})
    d = one_error(text, "reply")
    assert (d.code, d.field, d.line) == ("SCHEMA-04", "received", line_of(text, "received:"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05", (dt.datetime(2024, 3, 5), False)),
        ("2024-03-05 09:30", (dt.datetime(2024, 3, 5, 9, 30), True)),
        ("2024-03-05T09:30", (dt.datetime(2024, 3, 5, 9, 30), True)),
        ("2024-02-29", (dt.datetime(2024, 2, 29), False)),
        ("2023-02-29", None),
        ("2024-03-05 9:30", None),
        ("2024-03-05 09:30:00", None),
        (" 2024-03-05", None),
    ],
)
def test_parse_date(text: str, expected: tuple[dt.datetime, bool] | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("type_name", "extra", "field"),
    [
        ("news", "draft: |\n  yes\n  no", "draft"),
        ("news", "weight: |\n  1\n  2", "weight"),
        ("news", 'updated: "2024-03-05\\n09:30"', "updated"),
        ("policy", "validity: |\n  有效\n  失效", "validity"),
    ],
)
def test_multi_line_value_is_echoed_on_one_line(type_name: str, extra: str, field: str) -> None:
    text = document(type_name, extra=extra)
    diags = Diagnostics()
    parsed = parse_document(text.encode("utf-8"), REL, diags)
    assert parsed is not None
    item_from_front_matter(
        item_id="col/x",
        column_id="col",
        default_type=type_name,
        bundle=False,
        data=parsed.data,
        location=Location(REL, parsed.lines, parsed.body_line),
        body=parsed.body,
        diags=diags,
    )
    [d] = [d for d in diags if d.field == field]
    assert "\n" not in str(d)


# --- enums -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type_name", "key", "written", "meant"),
    [
        ("policy", "validity", "已废", "已废止"),
        ("service", "online", "全程网上办理", "全程网办"),
        ("reply", "category", "咨", "咨询"),
        ("interpretation", "form", "图", "图解"),
    ],
)
def test_enum_value_outside_the_choices_suggests_the_nearest(
    type_name: str, key: str, written: str, meant: str
) -> None:
    if key in dict(VALID[type_name]):
        text = document(type_name, replace={key: f"{key}: {written}"})
    else:
        text = document(type_name, extra=f"{key}: {written}")
    d = one_error(text, type_name)
    assert (d.severity, d.code, d.field) == (Severity.ERROR, "SCHEMA-02", key)
    assert d.line == line_of(text, f"{key}:")
    assert f"“{written}”" in d.message
    assert f"是不是 “{meant}”" in d.message


@pytest.mark.parametrize("copies", ["0", "-3"])
def test_material_copies_must_be_positive(copies: str) -> None:
    text = document(
        "service",
        replace={
            "materials": f"materials:\n  - name: 身份证\n  - name: 照片\n    copies: {copies}"
        },
    )
    d = one_error(text, "service")
    assert (d.code, d.field, d.line) == (
        "SCHEMA-02",
        "materials[2].copies",
        line_of(text, "copies:"),
    )
    assert f"不是 {int(copies)}" in d.message


def test_material_form_is_an_enum_too() -> None:
    text = document(
        "service",
        replace={"materials": "materials:\n  - name: 身份证\n  - name: 照片\n    form: 复印"},
    )
    d = one_error(text, "service")
    assert (d.code, d.field, d.line) == ("SCHEMA-02", "materials[2].form", line_of(text, "form:"))
    assert "复印件" in d.message


def test_unknown_type_is_schema_06_listing_the_types() -> None:
    text = document("news", extra="type: nwes")
    d = one_error(text)
    assert (d.code, d.field, d.line) == ("SCHEMA-06", "type", line_of(text, "type:"))
    assert "nwes" in d.message and "news" in d.message


# --- empty values ------------------------------------------------------------------------


def test_empty_required_text_is_an_error() -> None:
    text = document("news", replace={"title": "title: ''"})
    d = one_error(text)
    assert (d.severity, d.code, d.field, d.line) == (Severity.ERROR, "SCHEMA-03", "title", 2)


def test_empty_optional_value_is_advice_and_ignored() -> None:
    text = document("news", extra="summary:")
    item, found = validate(text, "news")
    assert item is not None and item.summary == ""
    assert [(d.severity, d.code, d.field, d.line) for d in found] == [
        (Severity.ADVICE, "SCHEMA-03", "summary", line_of(text, "summary:"))
    ]


def test_empty_list_entry_is_an_error_with_its_index() -> None:
    text = document("news", extra="keywords: [甲, '', 丙]")
    d = one_error(text)
    assert (d.code, d.field, d.line) == ("SCHEMA-03", "keywords[2]", line_of(text, "keywords:"))


def test_empty_materials_is_service_02() -> None:
    text = document("service", replace={"materials": "materials: []"})
    d = one_error(text, "service")
    assert (d.code, d.field, d.line) == ("SERVICE-02", "materials", line_of(text, "materials:"))


def test_empty_policy_reference_list_is_an_error() -> None:
    text = document("interpretation", replace={"policy": "policy: []"})
    d = one_error(text, "interpretation")
    assert (d.code, d.field) == ("SCHEMA-03", "policy")


@pytest.mark.parametrize("key", ["basis", "conditions", "process", "notes"])
def test_required_multitext_as_empty_list_is_an_error(key: str) -> None:
    text = document("service", replace={key: f"{key}: []"})
    d = one_error(text, "service")
    assert d.field == key


# --- list vs text ------------------------------------------------------------------------


def test_text_where_a_list_is_expected() -> None:
    text = document("news", extra="keywords: 甲, 乙")
    d = one_error(text)
    assert (d.code, d.field, d.line) == ("SCHEMA-02", "keywords", line_of(text, "keywords:"))
    assert "expected a list" in d.message


def test_list_where_text_is_expected() -> None:
    text = document("news", extra="summary: [甲, 乙]")
    d = one_error(text)
    assert (d.code, d.field) == ("SCHEMA-02", "summary")
    assert "expected text, got a list" in d.message


def test_mapping_where_text_is_expected() -> None:
    d = one_error(document("news", replace={"source": "source: {a: b}"}))
    assert (d.code, d.field, d.line) == ("SCHEMA-02", "source", 4)
    assert "mapping" in d.message


def test_multitext_takes_text_or_list() -> None:
    text = document("service", replace={"notes": "notes:\n  - 甲\n  - 乙"})
    item, found = validate(text, "service")
    assert found == []
    assert isinstance(item, Service) and item.notes == ("甲", "乙")


def test_nested_list_entry_must_be_text() -> None:
    text = document("news", extra="keywords:\n  - 甲\n  - [乙, 丙]")
    d = one_error(text)
    assert (d.code, d.field, d.line) == ("SCHEMA-02", "keywords[2]", line_of(text, "- [乙"))


@pytest.mark.parametrize(
    ("extra", "field", "needle"),
    [
        ("draft: yes", "draft", "true or false"),
        ("weight: 1.5", "weight", "whole number"),
        ("allow: SEC-06", "allow", "mapping"),
        ("allow: {SEC-06: ''}", "allow.SEC-06", "reason"),
    ],
)
def test_bool_int_and_allow_shapes(extra: str, field: str, needle: str) -> None:
    d = one_error(document("news", extra=extra))
    assert (d.code, d.field, d.line) == ("SCHEMA-02", field, 5)
    assert needle in d.message


def test_bool_int_and_allow_values() -> None:
    text = document("news", extra="draft: true\nweight: -3\nallow: {SEC-06: 外链已停用}")
    item, found = validate(text, "news")
    assert found == []
    assert item is not None
    assert (item.draft, item.weight, dict(item.allow)) == (True, -3, {"SEC-06": "外链已停用"})


# --- nested field paths ------------------------------------------------------------------


def test_material_without_name_names_the_nested_path() -> None:
    text = document(
        "service",
        replace={"materials": "materials:\n  - name: 身份证\n  - form: 原件\n    copies: 1"},
    )
    d = one_error(text, "service")
    assert (d.severity, d.code, d.field) == (Severity.ERROR, "SCHEMA-01", "materials[2].name")
    assert d.line == line_of(text, "- form: 原件")


def test_material_copies_must_be_a_number_on_its_own_line() -> None:
    text = document(
        "service",
        replace={"materials": "materials:\n  - name: 身份证\n  - name: 照片\n    copies: 两份"},
    )
    d = one_error(text, "service")
    assert (d.code, d.field, d.line) == (
        "SCHEMA-02",
        "materials[2].copies",
        line_of(text, "copies:"),
    )


def test_material_as_plain_text_is_a_name() -> None:
    text = document("service", replace={"materials": "materials:\n  - 身份证\n  - 照片"})
    item, found = validate(text, "service")
    assert found == []
    assert isinstance(item, Service)
    assert [m.name for m in item.materials] == ["身份证", "照片"]


def test_attachments_nested_paths() -> None:
    text = document("policy", extra="attachments:\n  - 附件1.pdf\n  - title: 附件二")
    d = one_error(text, "policy")
    assert (d.code, d.field, d.line) == (
        "SCHEMA-01",
        "attachments[2].file",
        line_of(text, "- title"),
    )


# --- unknown keys ------------------------------------------------------------------------


def test_unknown_key_is_advice_with_did_you_mean() -> None:
    text = document("news", extra="titel: 拼错的键")
    item, found = validate(text, "news")
    assert item is not None  # advice never blocks
    assert [(d.severity, d.code, d.field, d.line) for d in found] == [
        (Severity.ADVICE, "SCHEMA-05", "titel", line_of(text, "titel:"))
    ]
    assert "是不是 title" in found[0].message
    assert "did you mean title?" in found[0].message


def test_unknown_key_without_a_near_name() -> None:
    item, found = validate(document("news", extra="zzzzzz: 1"), "news")
    assert item is not None
    [d] = found
    assert (d.severity, d.code, d.field) == (Severity.ADVICE, "SCHEMA-05", "zzzzzz")
    assert "did you mean" not in d.message


def test_unknown_nested_key_names_its_path() -> None:
    text = document(
        "service",
        replace={"materials": "materials:\n  - name: 身份证\n  - name: 照片\n    nmae: x"},
    )
    item, found = validate(text, "service")
    assert item is not None
    [d] = found
    assert (d.severity, d.code, d.field) == (Severity.ADVICE, "SCHEMA-05", "materials[2].nmae")
    assert d.line == line_of(text, "nmae:")
    assert "name" in d.message


def test_field_of_another_type_is_unknown() -> None:
    item, found = validate(document("news", extra="issuer: 市政府"), "news")
    assert item is not None
    assert [(d.code, d.field) for d in found] == [("SCHEMA-05", "issuer")]


# --- columns and update gaps -------------------------------------------------------------


def column(text: str, extra_types: tuple[str, ...] = ()) -> tuple[Column, bool, list[Diagnostic]]:
    rel = "content/col/_index.md"
    diags = Diagnostics()
    parsed = parse_document(text.encode("utf-8"), rel, diags)
    assert parsed is not None
    result, valid = column_from_front_matter(
        column_id="col",
        data=parsed.data,
        location=Location(rel, parsed.lines, parsed.body_line),
        body=parsed.body,
        extra_column_types=extra_types,
        diags=diags,
    )
    return result, valid, diags.sorted()


@pytest.mark.parametrize(
    ("written", "gap"),
    [("2w", Gap(2, "w")), ("6m", Gap(6, "m")), ("1y", Gap(1, "y")), ("10d", Gap(10, "d"))],
)
def test_update_gap(written: str, gap: Gap) -> None:
    col, valid, found = column(f"---\ntitle: 动态\ntype: news\nupdate: {written}\n---\n")
    assert valid and found == []
    assert col.update == gap
    assert col.update_none is False
    assert str(col.update) == written


def test_update_none_exempts_the_column() -> None:
    col, valid, found = column("---\ntitle: 概况\nupdate: none\n---\n")
    assert valid and found == []
    assert col.update is None
    assert col.update_none is True


@pytest.mark.parametrize("written", ["2 weeks", "0d", "6M", "two", "1.5m", "-1d", "m6"])
def test_bad_update_gap_is_an_error_on_its_line(written: str) -> None:
    _col, valid, found = column(f"---\ntitle: 动态\nupdate: {written}\n---\n")
    assert not valid
    [d] = found
    assert (d.severity, d.code, d.field, d.line) == (Severity.ERROR, "SCHEMA-02", "update", 3)
    assert "2w" in d.message and "none" in d.message


@pytest.mark.parametrize("written", ["11y", "9999y", "121m", "521w", "3651d"])
def test_update_gap_over_ten_years_is_an_error_on_its_line(written: str) -> None:
    """9999y took a deadline past the calendar's last year: an internal error at build."""
    _col, valid, found = column(f"---\ntitle: 动态\nupdate: {written}\n---\n")
    assert not valid
    [d] = found
    assert (d.severity, d.code, d.field, d.line) == (Severity.ERROR, "SCHEMA-02", "update", 3)
    assert "超过 10 年" in d.message and "none" in d.message


def test_update_gap_of_ten_years_is_accepted() -> None:
    for written, gap in (("10y", Gap(10, "y")), ("120m", Gap(120, "m")), ("3650d", Gap(3650, "d"))):
        col, valid, found = column(f"---\ntitle: 动态\nupdate: {written}\n---\n")
        assert valid and found == [] and col.update == gap


def test_a_column_updated_every_9999_years_blocks_the_build(tmp_path: Path) -> None:
    make_site(
        tmp_path, {"content/dt/_index.md": "---\ntitle: 工作动态\ntype: news\nupdate: 9999y\n---\n"}
    )
    result = run(tmp_path, command="build")
    assert result.code == 1
    assert [line.split(" “")[0] for line in result.lines if " error " in line] == [
        "content/dt/_index.md:4: error [SCHEMA-02] update: 更新周期"
    ]


def test_column_type_outside_the_vocabulary_is_deduct_with_did_you_mean() -> None:
    col, valid, found = column("---\ntitle: 文件\ncolumn_type: 政策文\n---\n")
    assert valid
    [d] = found
    assert (d.severity, d.code, d.field, d.line) == (
        Severity.DEDUCT,
        "DESIGN-03",
        "column_type",
        3,
    )
    assert "政策文件" in d.message
    assert col.column_type == "政策文"


def test_column_type_added_by_the_site_is_accepted() -> None:
    _col, valid, found = column("---\ntitle: 人事\ncolumn_type: 人事信息\n---\n", ("人事信息",))
    assert valid and found == []


def test_column_without_title_is_an_error_but_still_a_column() -> None:
    col, valid, found = column("---\ntype: policy\n---\n")
    assert not valid
    assert [(d.code, d.field) for d in found] == [("SCHEMA-01", "title")]
    assert col.title == "col"
    assert col.type == "policy"


def test_column_explicit_keys_are_recorded() -> None:
    col, _valid, _found = column("---\ntitle: 动态\ntype: news\norder: 5\n---\n")
    assert col.explicit == frozenset({"title", "type", "order"})
    assert col.order == 5


@pytest.mark.parametrize(
    ("date", "written", "expected"),
    [
        ("2026-10-08", "2026-10-09", [
            "content/zcwj/a.md:5: error [POLICY-01] written: 成文日期 2026-10-09 晚于发布日期 "
            "2026-10-08；文件不能在成文之前发布，请核对并改正 (written after it was published)"
        ]),
        ("2026-10-08", "2026-10-08", []),  # near miss: written the day it was published
        ("2026-10-08 09:30", "2026-10-08", []),  # a 成文日期 names the day, not an hour
    ],
)  # fmt: skip
def test_a_policy_written_after_it_was_published_is_an_input_error(
    tmp_path: Path, date: str, written: str, expected: list[str]
) -> None:
    """成文日期 after 发布日期 was a POLICY-01 deduct: the build published it. A file cannot be
    published before it was written, so the editor's input contradicts itself, as a reply's
    dates out of order do (error INTERACT-03): an error at `written` that blocks the build, and
    no compliance rule runs on the site. An interpretation of it is told the file is broken."""
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测政发〔2026〕1号", date=date, written=written),
            "content/zcjd/a.md": interpretation("测政发〔2026〕1号", date=date[:10]),
        },
    )
    result = run(tmp_path, command="build")
    assert [x for x in result.lines if "[POLICY-01]" in x] == expected
    assert result.code == (1 if expected else 0)
    assert (tmp_path / "public").exists() is not bool(expected)
    if expected:
        [ref] = [x for x in result.lines if x.startswith("content/zcjd/a.md")]
        assert "[REF-01]" in ref and "本身有错误" in ref


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # The page links it as it is: a script link, or one to nowhere, on a government page.
        ("javascript:alert(1)", "“javascript:alert(1)” 不是网址"),
        ("javascript://x.cn/%0Aalert(1)", "以 javascript: 开头，只支持 http:// 和 https://"),
        ("待填写", "“待填写” 不是网址"),
        ("zwfw.ceshi.gov.cn/item/1", "没有写 https:// 或 http://"),
    ],
)
def test_a_service_online_url_that_is_no_url_is_an_error_at_its_line(
    tmp_path: Path, url: str, expected: str
) -> None:
    text = document("service", extra=f"type: service\nonline_url: {url}")
    make_site(tmp_path, {"content/dt/zhinan.md": text})
    result = run(tmp_path, command="build")
    assert result.code == 1
    [error] = result.with_code("SCHEMA-02")
    assert error.startswith(
        f"content/dt/zhinan.md:{line_of(text, 'online_url:')}: error [SCHEMA-02] online_url: "
        f"网上办理地址 “{url}” "
    )
    assert expected in error
    assert not (tmp_path / "public").exists()


@pytest.mark.parametrize("url", ["https://zwfw.ceshi.gov.cn/item/1", "/bsfw/"])
def test_a_service_online_url_may_be_a_url_or_a_path_of_the_site(tmp_path: Path, url: str) -> None:
    text = document("service", extra=f"type: service\nonline_url: {url}")
    make_site(tmp_path, {"content/dt/zhinan.md": text})
    result = run(tmp_path)
    assert [line for line in result.lines if " error " in line] == []


@pytest.mark.parametrize("date", ["0001-01-01", "0999-12-31"])
def test_a_date_before_the_year_1000_is_schema_04(tmp_path: Path, date: str) -> None:
    """Once accepted: every page showed PubDate “1-01-01 00:00” (strftime drops the zeros) and
    DESIGN-04 blamed the theme's template for it."""
    text = document("news", replace={"date": f"date: {date}"})
    make_site(tmp_path, {"content/dt/jiu.md": text})
    result = run(tmp_path, command="build")
    assert result.code == 1
    assert [line.split(" (")[0] for line in result.lines if " error " in line] == [
        f"content/dt/jiu.md:3: error [SCHEMA-04] date: 发布日期 “{date}” 不是有效日期；"
        "应写作 YYYY-MM-DD 或 YYYY-MM-DD HH:MM，例如 2024-03-05 或 2024-03-05 09:30"
    ]
    assert not (tmp_path / "public").exists()
