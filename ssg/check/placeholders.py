"""What `ssg init` and `ssg new` wrote in place of the site's own values, still there.

A site made by `ssg init` builds and previews at once, with stand-ins for its names, domain,
标识码, filings and contact (data/site.yaml) and a placeholder 国徽 image; every item `ssg new`
writes has “请填写…” stand-ins (its reviewer, a service guide's address, a reply's
department …), a stand-in body, and a new column's name may be one. Each one left in place is
a finding at its file, line and field, under the rule that governs the field: a site that
still shows 标识码 0000000000 has not got its code and cannot pass a spot check (吉林办法
第十条（三）).

Severity (ARCHITECTURE §3.1): the values are valid input, and none of these rules is a
single-veto item, so the findings are `deduct`: `ssg build` and `ssg serve` still work for a
preview, `--strict` blocks. The stand-ins are one list, ssg.scaffold's SITE_PLACEHOLDERS,
ITEM_PLACEHOLDERS, YEAR_PLACEHOLDERS, BODY_PLACEHOLDERS and COLUMN_TITLE_PLACEHOLDER: only
those exact values are reported, never a real-looking one. A stand-in `ssg new` builds from the
year it runs in (a policy's 索引号 000000000/2026-00001, 发文字号 示政发〔2026〕1号) is the
stand-in in any year: only its year may differ.

`ssg new` also writes optional fields commented out, with example values (`# summary:
一句话摘要`). Uncommented as they stand, those examples would be published: each is reported as
a stand-in is. They are read off the files the scaffold writes (ssg.scaffold's
example_placeholders), so that an example added there is reported without a change here.
So are the values `ssg new` writes uncommented as examples of a field's shape (a service
guide's 设定依据, 办理流程 …; ssg.scaffold's written_examples, which keeps the real defaults such
as 收费标准 “不收费”, decided per value there) and the examples `ssg init` writes in
data/site.yaml, commented out or not (a platform's `https://…`; ssg.scaffold's site_examples).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from ssg.check.registry import REGISTRY, CheckContext, Finding, item_ids, rule
from ssg.config import SITE_FILE, SiteConfig
from ssg.content.model import ITEM_CLASSES, Location, Material
from ssg.content.validate import (
    COLUMN_FIELDS,
    MATERIAL_FIELDS,
    REQUIRED_CODES,
    TABLES,
    FieldSpec,
)
from ssg.diagnostics import Severity
from ssg.scaffold import (
    BODY_PLACEHOLDERS,
    COLUMN_TITLE_PLACEHOLDER,
    ITEM_PLACEHOLDERS,
    SITE_PLACEHOLDERS,
    YEAR_PLACEHOLDER_PATTERNS,
    example_placeholders,
    placeholder_emblem_png,
    site_examples,
    written_examples,
)

# site.yaml key -> (its label, what to write instead)
_SITE_LABELS = {
    "name": ("网站全称", "以本机构名称命名的网站全称"),
    "domain": ("英文域名", "主管部门分配的 .gov.cn 域名"),
    "parent": ("上级门户域名", "本级（部门网站）或上级政府门户的域名"),
    "chinese_domain": ("中文域名", "注册的“名称.政务”中文域名"),
    "site_code": ("政府网站标识码", "全国政府网站信息报送系统赋予的标识码"),
    "icp": ("ICP 备案编号", "工信部备案系统上的编号"),
    "police_record": ("公安机关备案号", "公安机关备案系统上的编号"),
    "host": ("主办单位", "主办单位的全称"),
    "operator": ("承办单位", "承办单位的全称，没有承办单位时删除这一行"),
    "contact.phone": ("联系电话", "网站的联系电话"),
    "contact.email": ("联系邮箱", "网站的联系邮箱"),
    "contact.address": ("联系地址", "主办单位的办公地址"),
    "contact.postcode": ("邮政编码", "办公地址的邮政编码"),
}


def _config_value(config: SiteConfig, key: str) -> str:
    """The text at a site.yaml path (`contact.phone`), "" when not set."""
    head, _, sub = key.partition(".")
    value = getattr(config, head, "")
    if sub:
        return value.get(sub, "") if hasattr(value, "get") else ""
    return value if isinstance(value, str) else ""


def _site_placeholders(config: SiteConfig, keys: tuple[str, ...]) -> Iterator[Finding]:
    for key in keys:
        value = _config_value(config, key)
        if value not in SITE_PLACEHOLDERS[key]:
            continue
        label, instead = _SITE_LABELS[key]
        yield Finding(
            SITE_FILE,
            config.lines.get(key, 1),
            key,
            f"{label}仍是 ssg init 写入的占位值 “{value}”；上线前请改为{instead} "
            "(still the placeholder ssg init wrote)",
        )


def _site_rule(code: str, title: str, source: str, fix: str, keys: tuple[str, ...]) -> None:
    """Register `code:placeholder` over the site.yaml keys that code governs."""

    def placeholder(ctx: CheckContext) -> Iterator[Finding]:
        return _site_placeholders(ctx.site.config, keys)

    rule(code, Severity.DEDUCT, title, source, fix)(placeholder)


_site_rule(
    "ID-01",
    "网站全称不能是 ssg init 的占位名称",
    "吉林办法 第十一条",
    "在 data/site.yaml 的 name 写以本机构名称命名的网站全称",
    ("name",),
)
_site_rule(
    "ID-02",
    "英文域名不能是 ssg init 的占位域名",
    "吉林办法 第十二条；指引 三",
    "在 data/site.yaml 的 domain 写主管部门分配的 .gov.cn 域名",
    ("domain",),
)
_site_rule(
    "ID-03",
    "上级门户域名不能是 ssg init 的占位域名",
    "吉林办法 第十二条；指引 三",
    "在 data/site.yaml 的 parent 写上级（部门网站：本级）政府门户的域名",
    ("parent",),
)
_site_rule(
    "ID-05",
    "中文域名不能是 ssg init 的示例",
    "吉林办法 第十二条",
    "在 data/site.yaml 的 chinese_domain 写注册的中文域名，没有时删除这一行",
    ("chinese_domain",),
)
_site_rule(
    "ID-13",
    "底部功能区的主办单位、承办单位、联系方式不能是 ssg init 的占位值",
    "吉林办法 附件1、第七条",
    "在 data/site.yaml 的 host、operator、contact 写本网站的真实信息",
    ("host", "operator", "contact.phone", "contact.email", "contact.address", "contact.postcode"),
)
_site_rule(
    "ID-15",
    "上线前须取得标识码、ICP 备案和公安机关备案，不能沿用 ssg init 的占位值",
    "吉林办法 第十条（二）（三）",
    "在 data/site.yaml 填写取得的 site_code、icp、police_record",
    ("site_code", "icp", "police_record"),
)


@rule(
    "ID-14",
    Severity.DEDUCT,
    "国徽图片不能是 ssg init 的示意图",
    "中华人民共和国国徽法（2020 年修正）；吉林办法 第十九条",
    "把 emblem 指向的图片换成中国人大网、中国政府网发布的国徽标准图案",
)
def placeholder_emblem(ctx: CheckContext) -> Iterator[Finding]:
    config = ctx.site.config
    if not config.emblem:
        return
    path = ctx.root / config.emblem.lstrip("/")
    stand_in = placeholder_emblem_png()
    try:
        # (the size first: a real emblem is not read whole to be told apart)
        if path.stat().st_size != len(stand_in):
            return
        same = path.read_bytes() == stand_in
    except OSError:
        return  # (a missing image is reported where files are checked)
    if same:
        yield Finding(
            SITE_FILE,
            config.lines.get("emblem", 1),
            "emblem",
            f"国徽图片 {config.emblem} 仍是 ssg init 生成的示意图（金底红圆）；请换成中国人大网、"
            "中国政府网发布的标准图案 (still the stand-in emblem image ssg init wrote)",
        )


# front-matter key -> its label
_ITEM_LABELS = {
    "title": "标题 title ",
    "reviewed_by": "审核人 reviewed_by ",
    "source": "信息来源 source ",
    "issuer": "发文机关 issuer ",
    "index_number": "索引号 index_number ",
    "doc_number": "发文字号 doc_number ",
    "policy": "所解读的政策文件 policy ",
    "conditions": "申请条件 conditions ",
    "address": "办理地点 address ",
    "agency": "办理机构 agency ",
    "phone": "联系电话 phone ",
    "department": "答复部门 department ",
    "question": "留言内容 question ",
    "name": "姓名 name ",
    "position": "职务 position ",
    "duties": "分管工作 duties ",
}


def _held(value: object, stand_in: str | re.Pattern[str]) -> str | None:
    """The stand-in a field's value is, or (a list field) has as an entry; None if none.
    `stand_in` is the exact text, or the pattern of one built from a year."""
    entries = (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ()
    for entry in entries:
        if not isinstance(entry, str):
            continue
        text = entry.strip()
        if isinstance(stand_in, str) and text == stand_in:
            return text
        if isinstance(stand_in, re.Pattern) and stand_in.fullmatch(text):
            return text
    return None


def _item_placeholders(
    ctx: CheckContext, keys: tuple[str, ...], body: bool = False
) -> Iterator[Finding]:
    stand_ins = [
        (
            key,
            ITEM_PLACEHOLDERS[key] if key in ITEM_PLACEHOLDERS else YEAR_PLACEHOLDER_PATTERNS[key],
        )
        for key in keys
    ]
    for item_id in item_ids(ctx):
        item = ctx.site.items[item_id]
        for key, wanted in stand_ins:
            value = getattr(item, key, "")
            # (the cheap tests first: most items lack the field, or hold no stand-in in it;
            # 0.05 s at 10k items for the eight rules)
            if not value or (
                isinstance(value, str) and isinstance(wanted, str) and wanted not in value
            ):
                continue
            stand_in = _held(value, wanted)
            if stand_in is not None:
                yield Finding(
                    item.location.file,
                    item.location.line(key),
                    key,
                    f"{_ITEM_LABELS[key]}仍是 ssg init / ssg new 写入的占位文字 “{stand_in}”；"
                    "发布前请改正 (still the placeholder ssg init / ssg new wrote)",
                )
        if body and item.body_md.strip() in BODY_PLACEHOLDERS:
            blank = item.body_md[: len(item.body_md) - len(item.body_md.lstrip())].count("\n")
            yield Finding(
                item.location.file,
                item.location.body_line + blank,
                "",
                f"正文仍是 ssg new 写入的占位文字 “{item.body_md.strip()}”；发布前请写上正文 "
                "(the body is still the placeholder ssg new wrote)",
            )


def _item_rule(
    code: str, title: str, source: str, fix: str, keys: tuple[str, ...], body: bool = False
) -> None:
    """Register `code:placeholder` over the front-matter keys that code governs."""

    def placeholder(ctx: CheckContext) -> Iterator[Finding]:
        return _item_placeholders(ctx, keys, body)

    rule(code, Severity.DEDUCT, title, source, fix)(placeholder)


_item_rule(
    "DESIGN-05",
    "信息的标题和正文不能是 ssg new 的占位文字",
    "普查评分表 注；指引 附件 ◐",
    "写上信息的标题和正文",
    ("title",),
    body=True,
)
_item_rule(
    "SEC-03",
    "审核人不能是 ssg init / ssg new 的占位文字",
    "吉林办法 第七条、第三十条（保密审查机制）",
    "在 front matter 的 reviewed_by 写审核人姓名",
    ("reviewed_by",),
)
_item_rule(
    "CONTENT-07",
    "信息来源不能是 ssg init / ssg new 的占位单位",
    "指引 ◐（ContentSource 标签）",
    "在 front matter 的 source 写发布单位或转载来源",
    ("source",),
)
_item_rule(
    "POLICY-01",
    "发文机关、索引号、发文字号不能是 ssg new 的占位值",
    "指引 四（一）4；政府信息公开目录通行做法",
    "在 front matter 的 issuer、index_number、doc_number 写发文机关、索引号和发文字号"
    "（没有发文字号时删除这一行）",
    ("issuer", "index_number", "doc_number"),
)
_item_rule(
    "POLICY-03",
    "政策解读所解读的文件不能是 ssg new 的占位发文字号",
    "吉林办法 第二十条",
    "在政策解读的 front matter 的 policy 写所解读文件的发文字号或路径",
    ("policy",),
)
_item_rule(
    "SERVICE-02",
    "办事指南的申请条件、办理地点、办理机构、联系电话不能是 ssg new 的占位文字",
    "吉林办法 第二十一条；检查指标 办事指南重点要素",
    "在办事指南的 front matter 写实际的申请条件、办理地点、办理机构和联系电话",
    ("conditions", "address", "agency", "phone"),
)
_item_rule(
    "INTERACT-03",
    "留言答复的答复部门、留言内容不能是 ssg new 的占位文字",
    "吉林办法 第二十二条",
    "在留言答复的 front matter 写答复部门和网民的留言内容",
    ("department", "question"),
)
_item_rule(
    "CONTENT-05",
    "负责人信息的姓名、职务、分管工作不能是 ssg new 的占位文字",
    "指引 四（一）3",
    "在负责人信息的 front matter 写姓名、职务和分管工作",
    ("name", "position", "duties"),
)


@rule(
    "DESIGN-03",
    Severity.DEDUCT,
    "栏目名称不能是 ssg new 的占位文字",
    "指引 附件 网页标签（ColumnName）◐",
    "在栏目 _index.md 的 title 写栏目名称",
)
def placeholder_column(ctx: CheckContext) -> Iterator[Finding]:
    for column_id in sorted(ctx.site.columns):
        column = ctx.site.columns[column_id]
        if column.title.strip() == COLUMN_TITLE_PLACEHOLDER and not column.draft:
            yield Finding(
                column.location.file,
                column.location.line("title"),
                "title",
                f"栏目名称仍是 ssg new 写入的占位文字 “{COLUMN_TITLE_PLACEHOLDER}”；请写上栏目名称 "
                "(the column title is still the placeholder ssg new wrote)",
            )


# --- the examples `ssg new` writes commented out ---------------------------------------------

# Only text is a stand-in: any value of the other kinds is a real one (a number: a leader's
# `order`; a period: a column's `update`), and a date the scaffold writes is the day it ran.
_TEXT_KINDS = frozenset({"text", "multitext", "list", "refs"})
# Text whose example the build judges otherwise: a file name is an error (REF-03) until the
# editor puts that file in place, which is then the file published; a ColumnType is one of
# the national vocabulary (DESIGN-03), and the example a real one.
_JUDGED_ELSEWHERE = frozenset(
    {"image", "photo", "materials.template", "materials.example", "column_type"}
)
# An item's example under the rule of its field; any other (keywords, summary, author, and
# an example yet to be added) under DESIGN-04, as the content page shows it (its meta tags).
_EXAMPLE_CODE = {"superseded_by": "POLICY-02", "item_code": "SERVICE-01"}
_EXAMPLE_RULES = {
    "DESIGN-04": (
        "信息的关键词、摘要、作者等不能是 ssg new 注释中的示例",
        "指引 附件 网页标签（Keywords、Description、Author）◐",
        "取消注释的字段写本条信息的实际内容，不需要的删除这一行",
    ),
    "POLICY-02": (
        "替代文件不能是 ssg new 注释中的示例发文字号",
        "指引 四（一）4",
        "在 superseded_by 写替代本文件的新文件的发文字号或路径，没有时删除这一行",
    ),
    "SERVICE-01": (
        "事项编码不能是 ssg new 注释中的示例",
        "吉林办法 第二十一条（政务服务事项目录）",
        "在 item_code 写政务服务事项目录中的事项编码，没有时删除这一行",
    ),
}


def _spec(path: str, tables: tuple[Mapping[str, FieldSpec], ...]) -> FieldSpec | None:
    if path.startswith("materials."):
        return MATERIAL_FIELDS.get(path.removeprefix("materials."))
    return next((table[path] for table in tables if path in table), None)


def _stand_in_examples(kind: str) -> dict[str, frozenset[str]]:
    """The examples of items ("item") or columns ("column") that are stand-ins, by field."""
    tables = (COLUMN_FIELDS,) if kind == "column" else tuple(TABLES.values())
    found = {}
    for path, values in example_placeholders()[kind].items():
        spec = _spec(path, tables)
        if spec is not None and spec.kind in _TEXT_KINDS and path not in _JUDGED_ELSEWHERE:
            found[path] = values
    return found


def _values_at(owner: object, path: str, shown: str = "") -> Iterator[tuple[str, object]]:
    """(field path as diagnostics name it, value) of `path` in an item: `materials.note` is
    each material's, `materials[2].note`."""
    head, _, rest = path.partition(".")
    value = getattr(owner, head, None)
    where = f"{shown}.{head}" if shown else head
    if not rest:
        yield where, value
    elif isinstance(value, tuple):
        for index, entry in enumerate(value, start=1):
            yield from _values_at(entry, rest, f"{where}[{index}]")


def _example_findings(
    location: Location,
    owner: object,
    examples: Mapping[str, frozenset[str]],
    paths: tuple[str, ...] | None = None,
) -> Iterator[Finding]:
    """`paths`: `examples`' keys sorted, when the caller has them (it calls this per item)."""
    for path in sorted(examples) if paths is None else paths:
        if "." not in path:
            # (the cheap test first: a field that is not set, or whose text is no example)
            top = getattr(owner, path, None)
            wanted = examples[path]
            if isinstance(top, str):
                if top.strip() not in wanted:
                    continue
            elif isinstance(top, tuple):
                if not any(isinstance(e, str) and e.strip() in wanted for e in top):
                    continue
            elif top is None:
                continue
        for field, value in _values_at(owner, path):
            # Every example the field still holds, in the order written (keywords [关键词一,
            # 关键词二] left as they are name both): one finding for the field, at its line.
            held = [text for text in _entries(value) if text in examples[path]]
            if not held:
                continue
            label = _label(path)
            shown = "、".join(f"“{text}”" for text in dict.fromkeys(held))
            yield Finding(
                location.file,
                location.line(field),
                field,
                f"{label}仍是 ssg new 在注释中写的示例 {shown}；请改为实际内容，不需要时删除这一行 "
                "(still the example ssg new wrote in a comment)",
            )


def _entries(value: object) -> list[str]:
    """A field's text, or a list field's entries, stripped (as _held compares them)."""
    entries = (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ()
    return [entry.strip() for entry in entries if isinstance(entry, str)]


def _label(path: str) -> str:
    spec = _spec(path, (*TABLES.values(), COLUMN_FIELDS))
    return f"{spec.label} {path} " if spec else f"{path} "


def _example_rule(code: str, keys: frozenset[str]) -> None:
    """Register `code:example` over the items' examples of the fields that code governs."""
    examples = {key: values for key, values in _stand_in_examples("item").items() if key in keys}

    paths = tuple(sorted(examples))

    def example(ctx: CheckContext) -> Iterator[Finding]:
        for item_id in item_ids(ctx):
            item = ctx.site.items[item_id]
            yield from _example_findings(item.location, item, examples, paths)

    title, source, fix = _EXAMPLE_RULES[code]
    rule(code, Severity.DEDUCT, title, source, fix)(example)


for _code in _EXAMPLE_RULES:
    _example_rule(
        _code,
        frozenset(
            key
            for key in _stand_in_examples("item")
            if _EXAMPLE_CODE.get(key, "DESIGN-04") == _code
        ),
    )


@rule(
    "DESIGN-03",
    Severity.DEDUCT,
    "栏目描述、栏目关键词不能是 ssg new 注释中的示例",
    "指引 附件 网页标签（ColumnDescription、ColumnKeywords）◐",
    "取消注释的栏目字段写本栏目的实际描述和关键词，不需要的删除这一行（不写时自动生成）",
)
def column_example(ctx: CheckContext) -> Iterator[Finding]:
    examples = _stand_in_examples("column")
    for column_id in sorted(ctx.site.columns):
        column = ctx.site.columns[column_id]
        if not column.draft:
            yield from _example_findings(column.location, column, examples)


# --- the examples `ssg new` writes uncommented --------------------------------------------


def _written_code(type_name: str, key: str) -> str:
    """The rule of a field's example: that of the type's required fields when they are a
    rule's (SERVICE-02's elements, ARCHITECTURE §3.1), else as a commented-out example's."""
    if TABLES[type_name][key].required and type_name in REQUIRED_CODES:
        return REQUIRED_CODES[type_name]
    return _EXAMPLE_CODE.get(key, "DESIGN-04")


def _source_of(code: str) -> str:
    """The source of the code's other stand-in check (its placeholder or example rule)."""
    for name in ("placeholder", "example"):
        if f"{code}:{name}" in REGISTRY:
            return REGISTRY[f"{code}:{name}"].source
    return "ARCHITECTURE §3.1（ssg new 的示例）"


def _shown(value: object) -> str:
    """An example value as the message quotes it: a list's entries, a material's name."""
    if isinstance(value, tuple):
        return "、".join(
            entry.name if isinstance(entry, Material) else str(entry) for entry in value
        )
    return str(value)


def _written_rule(code: str, fields: dict[str, dict[str, object]]) -> None:
    """Register `code:written_example` over type -> field -> the example `ssg new` writes."""
    labels = "；".join(
        f"{ITEM_CLASSES[type_name].LABEL}的"
        + "、".join(TABLES[type_name][key].label for key in examples)
        for type_name, examples in sorted(fields.items())
    )

    def written_example(ctx: CheckContext) -> Iterator[Finding]:
        for item_id in item_ids(ctx):
            item = ctx.site.items[item_id]
            for key, example in sorted(fields.get(item.type, {}).items()):
                # (whole values: a real process with a 受理 step, or materials with a 申请表
                # among others, is the editor's own)
                if getattr(item, key, None) != example:
                    continue
                yield Finding(
                    item.location.file,
                    item.location.line(key),
                    key,
                    f"{TABLES[item.type][key].label} {key} 仍是 ssg new 写入的示例 “{_shown(example)}”；"
                    "请改为本条信息的实际内容（确是实际内容时，在 front matter 的 allow 中写明理由） "
                    "(still the example ssg new wrote)",
                )

    rule(
        code,
        Severity.DEDUCT,
        f"{labels}不能原样保留 ssg new 写入的示例",
        _source_of(code),
        "把 ssg new 写入的示例改为本事项、本信息的实际内容；确与示例相同时在 allow 中写明理由",
    )(written_example)


def _register_written() -> None:
    by_code: dict[str, dict[str, dict[str, object]]] = {}
    for type_name, examples in written_examples().items():
        for key, value in examples.items():
            fields = by_code.setdefault(_written_code(type_name, key), {})
            fields.setdefault(type_name, {})[key] = value
    for code, fields in sorted(by_code.items()):
        _written_rule(code, fields)


_register_written()


# --- the examples `ssg init` writes in data/site.yaml ---------------------------------------

# A setting's example under the rule that reads the setting: an example platform URL would
# pass for the platform (SERVICE-03's and INTERACT-01's “has one”), an example search server
# would take the search page to nowhere, an example host would be allowed to serve assets.
_SITE_EXAMPLE_RULES = {
    "services": ("SERVICE-01", "吉林办法 第二十一条、第二十七条"),
    "interact": ("INTERACT-01", "吉林办法 第二十二条"),
    "search": ("SEARCH-01", "吉林办法 第三十二条"),
    "allowed_hosts": ("SEC-01", "吉林办法 第三十条（二）；ARCHITECTURE §3.2"),
}
# (an example added to site.yaml under another setting: not fit to go live, 上线前提)
_SITE_EXAMPLE_DEFAULT = ("ID-15", "吉林办法 第十条（二）（三）")


def _site_example_rule(code: str, source: str, examples: dict[str, str]) -> None:
    """Register `code:site_example` over the site.yaml paths of its examples."""

    def site_example(ctx: CheckContext) -> Iterator[Finding]:
        config = ctx.site.config
        for path, example in sorted(examples.items()):
            if _config_value(config, path) != example:
                continue
            head, _, key = path.partition(".")
            # (quoted as the line reads: of allowed_hosts, the example is the host, its key)
            yield Finding(
                SITE_FILE,
                config.lines.get(path, config.lines.get(head, 1)),
                path,
                f"仍是 ssg init 在注释中写的示例 “{key or head}: {example}”；请填写本站的实际设置，"
                "不需要时删除这一行 (still the example ssg init wrote in a comment)",
            )

    rule(
        code,
        Severity.DEDUCT,
        f"data/site.yaml 的 {'、'.join(sorted(examples))} 不能是 ssg init 注释中的示例",
        source,
        "取消注释的设置写本站的实际地址或主机，不需要的删除这一行",
    )(site_example)


def _register_site_examples() -> None:
    by_code: dict[tuple[str, str], dict[str, str]] = {}
    for path, value in site_examples().items():
        head = path.partition(".")[0]
        by_code.setdefault(_SITE_EXAMPLE_RULES.get(head, _SITE_EXAMPLE_DEFAULT), {})[path] = value
    for (code, source), examples in sorted(by_code.items()):
        _site_example_rule(code, source, examples)


_register_site_examples()
