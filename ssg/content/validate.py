"""The schema of every content type, and typing text-valued front matter by it.

Each field has a kind (text, date, list …); a value of the wrong shape is an `error` naming
the field and the expected form. Unknown keys are `advice` with a did-you-mean. All problems
of a file are reported, not only the first.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ssg.config import channel_problem
from ssg.content import invisible, rule_code
from ssg.content.frontmatter import YamlValue
from ssg.content.model import (
    COLUMN_TYPES,
    ITEM_CLASSES,
    Attachment,
    Column,
    Gap,
    Item,
    Location,
    Material,
)
from ssg.diagnostics import Diagnostics, Severity
from ssg.written_path import posix_path


@dataclass(frozen=True, slots=True)
class FieldSpec:
    kind: str  # text | multitext | date | bool | int | list | refs | enum | materials | ...
    label: str  # 中文名, used in messages
    required: bool = False
    choices: tuple[str, ...] = ()
    # A file the item names (an attachment, a photo, a form): its `\` reads as `/`, as in
    # every path an editor writes (ssg.written_path), so `附件\通知.pdf` written on Windows
    # names the file in the bundle's 附件 folder for the check, the page and its link.
    file: bool = False


# The kinds whose value is the text written (a null word in them is published as it is).
_TEXT_KINDS = frozenset({"text", "multitext"})


def _f(
    kind: str,
    label: str,
    required: bool = False,
    choices: tuple[str, ...] = (),
    *,
    file: bool = False,
) -> FieldSpec:
    return FieldSpec(kind, label, required, choices, file)


COMMON_FIELDS: dict[str, FieldSpec] = {
    "title": _f("text", "标题", required=True),
    "date": _f("date", "发布日期", required=True),
    "updated": _f("date", "更新日期"),
    "source": _f("text", "信息来源"),
    "summary": _f("text", "摘要"),
    "keywords": _f("list", "关键词"),
    "slug": _f("text", "网址名"),
    "aliases": _f("list", "旧网址"),
    "draft": _f("bool", "草稿"),
    "weight": _f("int", "排序权重"),
    "type": _f("enum", "内容类型", choices=tuple(ITEM_CLASSES)),
    "reviewed_by": _f("text", "审核人"),
    "allow": _f("allow", "已接受的检查结果"),
}

# An accepted finding whose code is no rule code (ARCHITECTURE §2.6), in front matter as in
# data/allow.yaml (ssg/check/allow.py).
ALLOW_CODE = "ALLOW-01"

VALIDITY = ("有效", "已修改", "已废止", "失效")
FORMS = ("文字解读", "图解", "视频", "音频", "动漫", "专家解读", "答记者问", "媒体评论")
ONLINE = ("全程网办", "部分网办", "线下办理")
CATEGORIES = ("咨询", "投诉", "建议", "找错")

TYPE_FIELDS: dict[str, dict[str, FieldSpec]] = {
    "policy": {
        "issuer": _f("text", "发文机关", required=True),
        "written": _f("date", "成文日期", required=True),
        "index_number": _f("text", "索引号", required=True),
        "topic": _f("text", "主题分类", required=True),
        "doc_number": _f("text", "发文字号"),
        "validity": _f("enum", "有效性", choices=VALIDITY),
        "superseded_by": _f("text", "替代文件"),
        "needs_interpretation": _f("bool", "重要政策（须解读）"),
        "attachments": _f("attachments", "附件"),
    },
    "interpretation": {
        "policy": _f("refs", "所解读的政策文件", required=True),
        "source": _f("text", "解读机关", required=True),
        "form": _f("enum", "解读形式", choices=FORMS),
    },
    "service": {
        "basis": _f("multitext", "设定依据", required=True),
        "conditions": _f("multitext", "申请条件", required=True),
        "materials": _f("materials", "办理材料", required=True),
        "address": _f("text", "办理地点", required=True),
        "agency": _f("text", "办理机构", required=True),
        "fees": _f("text", "收费标准", required=True),
        "hours": _f("text", "办理时间", required=True),
        "phone": _f("text", "联系电话", required=True),
        "process": _f("multitext", "办理流程", required=True),
        "time_limit": _f("text", "办理时限", required=True),
        "notes": _f("multitext", "注意事项", required=True),
        "online": _f("enum", "网上可办理程度", required=True, choices=ONLINE),
        "item_code": _f("text", "事项编码"),
        "online_url": _f("text", "网上办理地址"),
    },
    "notice": {
        "source": _f("text", "信息来源", required=True),
        "expires": _f("date", "有效期至"),
    },
    "news": {
        "source": _f("text", "信息来源", required=True),
        "author": _f("text", "作者"),
        "image": _f("text", "题图", file=True),
    },
    "reply": {
        "asked": _f("date", "留言日期", required=True),
        "received": _f("date", "受理日期", required=True),
        "replied": _f("date", "答复日期", required=True),
        "department": _f("text", "答复部门", required=True),
        "question": _f("text", "留言内容", required=True),
        "category": _f("enum", "留言类别", choices=CATEGORIES),
        "topic": _f("text", "主题"),
    },
    "leader": {
        "name": _f("text", "姓名", required=True),
        "position": _f("text", "职务", required=True),
        "duties": _f("text", "分管工作", required=True),
        "photo": _f("text", "照片", file=True),
        "order": _f("int", "排序"),
    },
    "page": {},
}

# `page` and `leader` may go without a date (ARCHITECTURE §1.2).
UNDATED_TYPES = frozenset({"page", "leader"})

# RULES codes carried by schema requirements that are also rules (ARCHITECTURE §3.1):
# only the type's own fields (发布日期 is none of SERVICE-02's elements, for instance).
REQUIRED_CODES = {"service": "SERVICE-02", "policy": "POLICY-01", "reply": "INTERACT-03"}


# Common fields that are also a rule's fields: 标题 and 发布日期 are in POLICY-01's metadata
# table, 事项名称 (the title) is one of SERVICE-02's elements, 标题 one of INTERACT-03's fields.
_RULE_COMMON_FIELDS = {"policy": ("title", "date"), "service": ("title",), "reply": ("title",)}


def _required_codes(type_name: str) -> dict[str, str]:
    code = REQUIRED_CODES.get(type_name)
    if not code:
        return {}
    keys = [*TYPE_FIELDS[type_name], *_RULE_COMMON_FIELDS.get(type_name, ())]
    return dict.fromkeys(keys, code)


def _type_table(type_name: str) -> dict[str, FieldSpec]:
    table = {**COMMON_FIELDS, **TYPE_FIELDS[type_name]}
    if type_name in UNDATED_TYPES:
        table["date"] = _f("date", "发布日期")
    return table


TABLES = {type_name: _type_table(type_name) for type_name in TYPE_FIELDS}

COLUMN_FIELDS: dict[str, FieldSpec] = {
    "title": _f("text", "栏目名称", required=True),
    "type": _f("enum", "默认内容类型", choices=tuple(ITEM_CLASSES)),
    "column_type": _f("text", "栏目类别"),
    "description": _f("text", "栏目描述"),
    "keywords": _f("list", "栏目关键词"),
    "update": _f("gap", "更新周期"),
    "order": _f("int", "排序"),
    "draft": _f("bool", "草稿"),
    "aliases": _f("list", "旧网址"),
}

MATERIAL_FIELDS: dict[str, FieldSpec] = {
    "name": _f("text", "材料名称", required=True),
    "form": _f("enum", "材料形式", choices=("原件", "复印件", "电子件", "原件和复印件")),
    "copies": _f("int", "份数"),
    "template": _f("text", "空白表格", file=True),
    "example": _f("text", "示范文本", file=True),
    "note": _f("text", "说明"),
}

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$")
_GAP = re.compile(r"^([1-9]\d{0,3})([dwmy])$")
# Ten years is already longer than any column may go unupdated; beyond it a period is a typo
# (and 9999y reaches past the calendar's last year when a deadline is worked out from it).
_GAP_MAX = {"d": 3650, "w": 520, "m": 120, "y": 10}
_INT = re.compile(r"^[+-]?\d{1,9}$")


def _quoted(text: str) -> str:
    """“text” in a message, and the invisible character in it, if any: a value that looks
    right to the editor (a date with a zero-width space pasted in) is wrong for that reason."""
    at = invisible.first(text)
    if at < 0:
        return f"“{text}”"
    return f"“{text}”（其中有看不见的{invisible.describe(text[at])}，请删除后重新输入）"


class _Typer:
    """Types one file's text values by a field table, collecting diagnostics."""

    def __init__(
        self,
        rel: str,
        lines: Mapping[str, int],
        diags: Diagnostics,
        code: str,
        plain_nulls: frozenset[str] = frozenset(),
    ) -> None:
        self.rel = rel
        self.lines = lines
        # (fields written `key: null` or `key: ~`, or list entries `- ~`, at any depth)
        self.plain_nulls = plain_nulls
        self.diags = diags
        self.code = code  # SCHEMA-xx or a RULES code for required fields
        self.ok = True

    def line(self, path: str) -> int:
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return 1

    def fail(self, path: str, message: str, code: str = "SCHEMA-02") -> None:
        self.ok = False
        self.diags.error(code, self.rel, self.line(path), path, message)

    def fields(
        self,
        raw: Mapping[str, YamlValue],
        table: Mapping[str, FieldSpec],
        prefix: str = "",
        required_codes: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """Type every key of `raw` by `table`; required keys missing are reported with the
        code `required_codes` gives them (a rule's code for its own fields), else SCHEMA-01."""
        out: dict[str, Any] = {}
        for key, value in raw.items():
            path = f"{prefix}.{key}" if prefix else key
            spec = table.get(key)
            if spec is None:
                self.unknown(path, key, table)
                continue
            typed = self.value(value, spec, path)
            if typed is not None:
                out[key] = typed
        for key, spec in table.items():
            if spec.required and key not in raw:
                path = f"{prefix}.{key}" if prefix else key
                self.ok = False
                self.diags.error(
                    (required_codes or {}).get(key, "SCHEMA-01"),
                    self.rel,
                    self.line(prefix) if prefix else 1,
                    path,
                    f"缺少必填字段 {key}（{spec.label}） (required field missing)",
                )
        return out

    def unknown(self, path: str, key: str, table: Mapping[str, FieldSpec]) -> None:
        close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.6)
        hint = f"，是不是 {close[0]}？" if close else "；本类型可用的字段见 README"
        english = f" (unknown key; did you mean {close[0]}?)" if close else " (unknown key)"
        self.diags.advice("SCHEMA-05", self.rel, self.line(path), path, f"未知字段{hint}{english}")

    def value(self, value: YamlValue, spec: FieldSpec, path: str) -> Any:
        handler = _HANDLERS[spec.kind]
        return handler(self, value, spec, path)

    # --- one function per kind ---------------------------------------------------------

    def k_text(self, value: YamlValue, spec: FieldSpec, path: str) -> str | None:
        if not isinstance(value, str):
            shape = "列表" if isinstance(value, list) else "映射"
            self.fail(
                path, f"{spec.label}应为一段文本，不是{shape} (expected text, got a {_en(value)})"
            )
            return None
        text = value.strip()
        if not text:
            self.k_empty(path, spec)
            return None
        if path in self.plain_nulls and spec.kind in _TEXT_KINDS:
            # (YAML's null, kept as the text typed: a page titled "null" or "~", or with the
            # summary "~", was published without a word. Advice, not an error: the contract
            # reads it as text. A date, bool or choice written so is an error of its own: to
            # quote it, as the advice says, would not make it one.)
            self.null_word(path, spec.label, text)
        return posix_path(text) if spec.file else text

    def null_word(self, path: str, label: str, text: str) -> None:
        """The advice on a field or a list entry written as a plain null word, at its own
        line, with the quoted form to write if the word was meant."""
        if path.endswith("]"):
            quoted = f"- '{text}'"
            english = "YAML null written as a list entry"
        else:
            quoted = f"{path.rsplit('.', 1)[-1]}: '{text}'"
            english = "YAML null written as the value of a field"
        self.diags.advice(
            "SCHEMA-03",
            self.rel,
            self.line(path),
            path,
            f"{label}写的是 {text}，是否漏填？如确实如此请加引号，如 “{quoted}” ({english})",
        )

    def k_empty(self, path: str, spec: FieldSpec) -> None:
        if spec.required:
            self.fail(path, f"{spec.label}不能为空 (must not be empty)", code="SCHEMA-03")
        else:
            self.diags.advice(
                "SCHEMA-03",
                self.rel,
                self.line(path),
                path,
                f"{spec.label}为空，已忽略；不需要时请删除该行 (empty value ignored)",
            )

    def k_multitext(
        self, value: YamlValue, spec: FieldSpec, path: str
    ) -> str | tuple[str, ...] | None:
        if isinstance(value, list):
            if not value:
                self.k_empty(path, spec)
                return None
            return self.k_strings(value, spec, path)
        return self.k_text(value, spec, path)

    def k_list(self, value: YamlValue, spec: FieldSpec, path: str) -> tuple[str, ...] | None:
        if isinstance(value, str):
            if not value.strip():
                return ()
            self.fail(
                path,
                f"{spec.label}应为列表，例如 [甲, 乙] 或每行一项 “- 甲” (expected a list, got text)",
            )
            return None
        return self.k_strings(value, spec, path)

    def k_strings(self, value: YamlValue, spec: FieldSpec, path: str) -> tuple[str, ...] | None:
        if not isinstance(value, list):
            self.fail(path, f"{spec.label}应为列表 (expected a list, got a {_en(value)})")
            return None
        out: list[str] = []
        for index, entry in enumerate(value, start=1):
            entry_path = f"{path}[{index}]"
            if not isinstance(entry, str):
                self.fail(entry_path, f"{spec.label}的每一项应为文本 (each entry must be text)")
                continue
            if entry.strip():
                if entry_path in self.plain_nulls:
                    self.null_word(entry_path, f"{spec.label}的第 {index} 项", entry.strip())
                out.append(entry.strip())
            else:
                self.fail(entry_path, f"{spec.label}中有空项 (empty entry)", code="SCHEMA-03")
        return tuple(out)

    def k_refs(self, value: YamlValue, spec: FieldSpec, path: str) -> tuple[str, ...] | None:
        if isinstance(value, list):
            refs = self.k_strings(value, spec, path)
            if refs is not None and not refs:
                self.fail(path, f"{spec.label}不能为空 (must not be empty)", code="SCHEMA-03")
                return None
            return refs
        text = self.k_text(value, spec, path)
        return (text,) if text is not None else None

    def k_date(
        self, value: YamlValue, spec: FieldSpec, path: str
    ) -> tuple[dt.datetime, bool] | None:
        text = self.k_text(value, spec, path)
        if text is None:
            return None
        parsed = parse_date(text)
        if parsed is None:
            self.fail(
                path,
                f"{spec.label} {_quoted(text)} 不是有效日期；应写作 YYYY-MM-DD 或 YYYY-MM-DD HH:MM，"
                "例如 2024-03-05 或 2024-03-05 09:30 "
                "(invalid date; expected YYYY-MM-DD or YYYY-MM-DD HH:MM)",
                code="SCHEMA-04",
            )
        return parsed

    def k_bool(self, value: YamlValue, spec: FieldSpec, path: str) -> bool | None:
        text = self.k_text(value, spec, path)
        if text is None:
            return None
        if text in ("true", "True", "TRUE"):
            return True
        if text in ("false", "False", "FALSE"):
            return False
        self.fail(
            path, f"{spec.label}应为 true 或 false，不是 {_quoted(text)} (expected true or false)"
        )
        return None

    def k_int(self, value: YamlValue, spec: FieldSpec, path: str) -> int | None:
        text = self.k_text(value, spec, path)
        if text is None:
            return None
        if not _INT.match(text):
            self.fail(path, f"{spec.label}应为整数，不是 {_quoted(text)} (expected a whole number)")
            return None
        return int(text)

    def k_enum(self, value: YamlValue, spec: FieldSpec, path: str) -> str | None:
        text = self.k_text(value, spec, path)
        if text is None:
            return None
        if text not in spec.choices:
            options = "、".join(spec.choices)
            close = difflib.get_close_matches(text, list(spec.choices), n=1, cutoff=0.5)
            hint = f"，是不是 “{close[0]}”？" if close else ""
            self.fail(
                path,
                f"{spec.label} {_quoted(text)} 不在可选值中（{options}）{hint} "
                f"(expected one of: {', '.join(spec.choices)})",
            )
            return None
        return text

    def k_gap(self, value: YamlValue, spec: FieldSpec, path: str) -> Gap | str | None:
        text = self.k_text(value, spec, path)
        if text is None:
            return None
        if text == "none":
            return "none"
        match = _GAP.match(text)
        if not match:
            self.fail(
                path,
                f"{spec.label} {_quoted(text)} 格式不对；应为 <数字><单位>（d 天、w 周、m 月、y 年），"
                "如 2w、6m、1y，或 none 表示不要求更新 (expected <N>d|w|m|y or none)",
            )
            return None
        count, unit = int(match.group(1)), match.group(2)
        if count > _GAP_MAX[unit]:
            self.fail(
                path,
                f"{spec.label} “{text}” 超过 10 年（最多 {_GAP_MAX[unit]}{unit}）；"
                "不要求更新请写 none (update period longer than 10 years)",
            )
            return None
        return Gap(count, unit)

    def k_allow(self, value: YamlValue, spec: FieldSpec, path: str) -> dict[str, str] | None:
        if not isinstance(value, dict):
            self.fail(
                path,
                "allow 应为“规则编号: 理由”的映射，例如 allow: {SEC-06: 外链已停用，已报备} "
                "(expected a mapping of rule code to reason)",
            )
            return None
        out: dict[str, str] = {}
        for code, reason in value.items():
            entry = f"{path}.{code}"
            if not isinstance(reason, str) or not reason.strip():
                self.fail(
                    entry, "每条接受的检查结果都要写明理由 (each accepted finding needs a reason)"
                )
                continue
            if entry in self.plain_nulls:
                # (`SEC-06: ~` accepts the finding with no reason, which §2.6 never does: the
                # reason is what every report lists beside the accepted finding.)
                self.fail(
                    entry,
                    f"接受的检查结果写的理由是 {reason.strip()}，是否漏填？每条都要写明理由；"
                    f"如确实如此请加引号，如 “{code}: '{reason.strip()}'” "
                    "(YAML null written as the reason of an accepted finding)",
                )
                continue
            problem = rule_code.shape_problem(code)
            if problem:
                # As an entry of data/allow.yaml whose code is no rule code: an error, and the
                # entry is left out (the item is not: its other fields are fine).
                self.diags.error(ALLOW_CODE, self.rel, self.line(entry), entry, problem)
                continue
            out[code] = reason.strip()
        return out

    def k_materials(
        self, value: YamlValue, spec: FieldSpec, path: str
    ) -> tuple[Material, ...] | None:
        if not isinstance(value, list):
            self.fail(path, "办理材料应为列表，每项至少有 name (expected a list of materials)")
            return None
        if not value:
            self.fail(path, "办理材料不能为空 (must list at least one material)", code="SERVICE-02")
            return None
        out: list[Material] = []
        for index, entry in enumerate(value, start=1):
            entry_path = f"{path}[{index}]"
            if isinstance(entry, str):
                name = entry.strip()
                if name:
                    if entry_path in self.plain_nulls:
                        self.null_word(entry_path, f"办理材料的第 {index} 项", name)
                    out.append(Material(name=name))
                else:
                    self.fail(entry_path, "材料名称为空 (empty material)", code="SCHEMA-03")
                continue
            if not isinstance(entry, dict):
                self.fail(entry_path, "每项材料应为 {name, form, copies, …} (expected a mapping)")
                continue
            fields = self.fields(entry, MATERIAL_FIELDS, prefix=entry_path)
            copies = fields.get("copies")
            if isinstance(copies, int) and copies < 1:
                self.fail(
                    f"{entry_path}.copies",
                    f"份数应为正整数，不是 {copies} (copies must be a positive whole number)",
                )
                fields.pop("copies")
            if "name" in fields:
                out.append(Material(**fields))
        return tuple(out)

    def k_attachments(
        self, value: YamlValue, spec: FieldSpec, path: str
    ) -> tuple[Attachment, ...] | None:
        if not isinstance(value, list):
            self.fail(path, "附件应为列表：文件名，或 {file, title} (expected a list)")
            return None
        out: list[Attachment] = []
        for index, entry in enumerate(value, start=1):
            entry_path = f"{path}[{index}]"
            if isinstance(entry, str) and entry.strip():
                if entry_path in self.plain_nulls:
                    self.null_word(entry_path, f"附件的第 {index} 项", entry.strip())
                out.append(Attachment(file=posix_path(entry.strip())))
            elif isinstance(entry, dict):
                fields = self.fields(
                    entry,
                    {
                        "file": _f("text", "附件文件", required=True, file=True),
                        "title": _f("text", "附件标题"),
                    },
                    prefix=entry_path,
                )
                if "file" in fields:
                    out.append(Attachment(**fields))
            else:
                self.fail(entry_path, "附件项应为文件名或 {file, title} (expected a file name)")
        return tuple(out)


_HANDLERS: dict[str, Callable[[_Typer, YamlValue, FieldSpec, str], Any]] = {
    "text": _Typer.k_text,
    "multitext": _Typer.k_multitext,
    "list": _Typer.k_list,
    "refs": _Typer.k_refs,
    "date": _Typer.k_date,
    "bool": _Typer.k_bool,
    "int": _Typer.k_int,
    "enum": _Typer.k_enum,
    "gap": _Typer.k_gap,
    "allow": _Typer.k_allow,
    "materials": _Typer.k_materials,
    "attachments": _Typer.k_attachments,
}


def _en(value: YamlValue) -> str:
    return "list" if isinstance(value, list) else "mapping" if isinstance(value, dict) else "text"


def ascii_digits(text: str) -> str:
    """`text` with its decimal digits in ASCII. parse_date reads a date typed with a Chinese
    input method's full-width digits (２０２６-１１-２０: its `\\d` and int() take them) without a
    word; the other dates an editor types (data/holidays.yaml, data/messages.csv,
    data/lifecycle.yaml, the annual report's data file) are read through this, the same way:
    one rule for a date wherever it is written. (dt.date.fromisoformat takes ASCII only.)"""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def parse_date(text: str) -> tuple[dt.datetime, bool] | None:
    """`YYYY-MM-DD` or `YYYY-MM-DD HH:MM` (Asia/Shanghai, kept naive) → (datetime, has_time)."""
    match = _DATE.match(text)
    if not match:
        return None
    year, month, day, hour, minute = match.groups()
    if int(year) < 1000:
        # (0001-01-01, a typing slip: strftime writes its year without the zeros, and every
        # page showed PubDate 1-01-01; --date refuses such years alike)
        return None
    try:
        value = dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
    except ValueError:
        return None
    return value, hour is not None


def parse_day(text: str) -> dt.date | None:
    """A day an editor writes outside front matter (data/lifecycle.yaml, data/messages.csv,
    data/holidays.yaml, the annual report's data files), read as front matter reads a date
    (parse_date): YYYY-MM-DD, full-width digits too, no year below 1000 (0999-01-01 was a day
    to dt.date.fromisoformat, and a lifecycle notice, a message's days or a report's 填报日期
    went out dated so), no 20261201 or week date; and no time of day. None when it is none."""
    parsed = parse_date(ascii_digits(text.strip()))
    if parsed is None or parsed[1]:
        return None
    return parsed[0].date()


def day_problem(label: str, text: str, hint: str = "") -> str:
    """What is said of a day parse_day cannot read, in front matter's words for a date that
    is none (k_date), whichever file it is written in; `hint`: what else to do (“；…”)."""
    return (
        f"{label} {_quoted(text)} 不是有效日期；应写作 YYYY-MM-DD，例如 2024-03-05{hint} "
        "(invalid date; expected YYYY-MM-DD)"
    )


# RULES INTERACT-03 (吉林办法 第二十二条): 留言日期 ≤ 受理日期 ≤ 答复日期. A reply item (here)
# and a row of data/messages.csv (ssg/check/interact.py) are judged by this one function.
REPLY_ORDER_CODE = "INTERACT-03"

Stamp = tuple[dt.datetime, bool]  # a date as read: (its value, whether it gave a time)


def _before(first: Stamp, second: Stamp) -> bool:
    """Whether `first` is earlier than `second`: to the minute when both give a time; else
    by the day, as a date alone names the whole day (2026-11-02 is not before 2026-11-02 09:30)."""
    if first[1] and second[1]:
        return first[0] < second[0]
    return first[0].date() < second[0].date()


def _shown(stamp: Stamp) -> str:
    return stamp[0].strftime("%Y-%m-%d %H:%M" if stamp[1] else "%Y-%m-%d")


def reply_order_breaks(
    asked: Stamp | None, received: Stamp | None, replied: Stamp | None, label: str = ""
) -> list[tuple[str, str]]:
    """(field, message) for each break of 留言日期 ≤ 受理日期 ≤ 答复日期, at the later field
    of the pair; a date not given is not compared. `label` names the message (“留言 M2 的”)."""
    found = []
    if asked is not None and received is not None and _before(received, asked):
        found.append(
            (
                "received",
                f"{label}受理日期 {_shown(received)} 早于留言日期 {_shown(asked)}；请核对并改正 "
                "(received before it was asked)",
            )
        )
    if received is not None and replied is not None and _before(replied, received):
        found.append(
            (
                "replied",
                f"{label}答复日期 {_shown(replied)} 早于受理日期 {_shown(received)}；请核对并改正 "
                "(replied before it was received)",
            )
        )
    return found


def published_before_replied(replied: Stamp, published: Stamp) -> str:
    """The message when a reply item's 发布日期 is before its 答复日期; "" when not.

    The page shows the answer as given on `replied`: published earlier (or dated after the
    build date while the item is not), it showed an answer not yet made. A deduct, not an
    error: the answer is not counted as given before its date (INTERACT-02, the annual
    report), so no figure is wrong, only the page's dates contradict each other."""
    if not _before(published, replied):
        return ""
    return (
        f"发布日期 {_shown(published)} 早于答复日期 {_shown(replied)}：答复还没有作出就已公开；"
        "请核对发布日期或答复日期 (published before the reply was given)"
    )


def before_published(values: Mapping[str, Any], key: str) -> bool:
    """Whether the date `key` gives is a day before the item's 发布日期 (both given)."""
    if key not in values or "date" not in values:
        return False
    return bool(values[key][0].date() < values["date"][0].date())


# RULES POLICY-01 (its table: 成文日期 `YYYY-MM-DD`，且 ≤ 发布日期).
WRITTEN_ORDER_CODE = "POLICY-01"


def written_after_published(written: Stamp, published: Stamp) -> str:
    """The message when a policy's 成文日期 is a later day than its 发布日期; "" when not.
    By the day: a 成文日期 names the day the document was signed, never an hour."""
    if written[0].date() <= published[0].date():
        return ""
    return (
        f"成文日期 {written[0]:%Y-%m-%d} 晚于发布日期 {published[0]:%Y-%m-%d}；文件不能在成文之前"
        "发布，请核对并改正 (written after it was published)"
    )


def item_from_front_matter(
    *,
    item_id: str,
    column_id: str,
    default_type: str,
    bundle: bool,
    data: Mapping[str, YamlValue],
    location: Location,
    body: str,
    diags: Diagnostics,
    plain_nulls: frozenset[str] = frozenset(),
) -> Item | None:
    """Validated front matter → the frozen object of its type, or None after reporting."""
    rel = location.file
    raw_type = data.get("type", default_type or "page")
    type_name = raw_type.strip() if isinstance(raw_type, str) else ""
    if type_name not in ITEM_CLASSES:
        diags.error(
            "SCHEMA-06",
            rel,
            location.line("type"),
            "type",
            f"未知的内容类型 “{type_name}”；可选 {', '.join(ITEM_CLASSES)} (unknown content type)",
        )
        return None
    typer = _Typer(rel, location.lines, diags, "SCHEMA-01", plain_nulls)
    values = typer.fields(data, TABLES[type_name], required_codes=_required_codes(type_name))
    if not typer.ok:
        return None
    values.pop("type", None)
    if type_name == "reply":
        # Dates that contradict each other are invalid input (ARCHITECTURE §3.1), as a row of
        # data/messages.csv dated so is: the same error at the line of the field.
        breaks = reply_order_breaks(values["asked"], values["received"], values["replied"])
        for field, message in breaks:
            diags.error(REPLY_ORDER_CODE, rel, location.line(field), field, message)
        if breaks:
            return None
        late = published_before_replied(values["replied"], values["date"])
        if late:
            diags.add(Severity.DEDUCT, REPLY_ORDER_CODE, rel, location.line("date"), "date", late)
    if type_name == "service" and values.get("online_url"):
        # The page links it as it is (在线办理): javascript:…, 待填写 or a URL without its
        # scheme was a broken or script link on a government page, as a deduct at most.
        problem = channel_problem(values["online_url"], "网上办理地址")
        if problem:
            diags.error("SCHEMA-02", rel, location.line("online_url"), "online_url", problem)
            return None
    if type_name == "policy":
        # RULES POLICY-01 (成文日期 ≤ 发布日期): a file cannot be published before it was
        # written. That is the editor's own input contradicting itself, as a reply's dates out
        # of order are, not a compliance finding: invalid input (ARCHITECTURE §3.1), an error
        # at `written` carrying the rule's code, as a schema requirement that is a rule does.
        late = written_after_published(values["written"], values["date"])
        if late:
            diags.error(WRITTEN_ORDER_CODE, rel, location.line("written"), "written", late)
            return None
    early = [key for key in ("updated", "expires") if before_published(values, key)]
    for key in early:
        # (更新日期 or 有效期至 a day before 发布日期: the page showed a notice expired, or
        # updated, before it was published; the editor's dates contradict each other, an
        # error at the field as a policy's 成文日期 after its 发布日期 is)
        label = TABLES[type_name][key].label
        diags.error(
            "SCHEMA-02",
            rel,
            location.line(key),
            key,
            f"{label} {values[key][0]:%Y-%m-%d} 早于发布日期 {values['date'][0]:%Y-%m-%d}；"
            f"请核对并改正 ({key} before the date published)",
        )
    if early:
        return None
    for key in ("date", "updated", "written", "expires", "asked", "received", "replied"):
        if key in values:
            stamp, has_time = values[key]
            values[key] = stamp
            if key == "date":
                values["date_has_time"] = has_time
    cls = ITEM_CLASSES[type_name]
    return cls(
        id=item_id,
        column=column_id,
        location=location,
        bundle=bundle,
        body_md=body,
        **values,
    )


def column_from_front_matter(
    *,
    column_id: str,
    data: Mapping[str, YamlValue],
    location: Location,
    body: str,
    extra_column_types: tuple[str, ...],
    diags: Diagnostics,
    plain_nulls: frozenset[str] = frozenset(),
) -> tuple[Column, bool]:
    """The column and whether its front matter was valid.

    An invalid `_index.md` still gives a column of the fields that were valid, so that its
    items keep their type and are checked as what they are; the build is blocked anyway.
    """
    typer = _Typer(location.file, location.lines, diags, "SCHEMA-01", plain_nulls)
    values = typer.fields(data, COLUMN_FIELDS)
    values.setdefault("title", column_id.rsplit("/", 1)[-1] or "首页")
    update = values.pop("update", None)
    column_type = values.get("column_type", "")
    vocabulary = COLUMN_TYPES + extra_column_types
    if column_type and column_type not in vocabulary:
        close = difflib.get_close_matches(column_type, list(vocabulary), n=1, cutoff=0.5)
        hint = (
            f"，是不是 “{close[0]}”？" if close else "；可在 data/site.yaml 的 column_types 中登记"
        )
        diags.add(
            # DESIGN-03 is ◐: a ColumnType outside the vocabulary is a deduct finding.
            Severity.DEDUCT,
            "DESIGN-03",
            location.file,
            location.line("column_type"),
            "column_type",
            f"栏目类别 “{column_type}” 不在国家 ColumnType 词表中{hint} "
            "(ColumnType not in the national vocabulary)",
        )
    column = Column(
        id=column_id,
        location=location,
        body_md=body,
        update=update if isinstance(update, Gap) else None,
        update_none=update == "none",
        explicit=frozenset(data),
        **values,
    )
    return column, typer.ok
