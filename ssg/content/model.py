"""The content model (ARCHITECTURE §1): frozen value objects, one class per content type.

Objects hold what the editor wrote, already typed by the schema (validate.py). What the build
derives from the whole site — URLs, resolved references, reverse links — lives in
`ssg.link.Site`, as keys, never as references between objects.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class Location:
    """Where a thing came from: its file and the line of every front-matter field."""

    file: str  # relative to the site root: content/zwgk/zcwj/2019-27.md
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)
    body_line: int = 1

    def line(self, field_path: str = "") -> int:
        if not field_path:
            return 1
        while field_path:
            if field_path in self.lines:
                return self.lines[field_path]
            field_path = _parent_path(field_path)
        return 1


def _parent_path(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


@dataclass(frozen=True, slots=True)
class Gap:
    """A column's longest allowed update gap (`update: 2w`); months are calendar months."""

    count: int
    unit: str  # "d" | "w" | "m" | "y"

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"

    def label(self) -> str:
        names = {"d": "天", "w": "周", "m": "个月", "y": "年"}
        return f"{self.count}{names[self.unit]}"


@dataclass(frozen=True, slots=True)
class Material:
    """One entry of a service guide's 办理材料."""

    name: str
    form: str = ""  # 原件 / 复印件 / 电子件
    copies: int | None = None
    template: str = ""  # file of the blank form
    example: str = ""  # file of a filled-in sample
    note: str = ""


@dataclass(frozen=True, slots=True)
class Attachment:
    file: str
    title: str = ""


TextOrList = str | tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    """A 栏目: a folder under content/ with an `_index.md`."""

    id: str  # folder path relative to content/, "" for the root
    location: Location
    title: str
    type: str = ""  # default content type of its items
    column_type: str = ""  # national ColumnType
    description: str = ""
    keywords: tuple[str, ...] = ()
    update: Gap | None = None  # None: the ColumnType default applies
    update_none: bool = False  # `update: none`: exempt from staleness
    order: int = 0
    draft: bool = False
    # Old URLs of the column's first page (a renamed folder): redirected as an item's are.
    aliases: tuple[str, ...] = ()
    body_md: str = ""
    explicit: frozenset[str] = frozenset()  # keys the editor wrote (the rest are defaults)


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """Fields common to every content type (ARCHITECTURE §1.2)."""

    TYPE: ClassVar[str] = ""
    LABEL: ClassVar[str] = ""

    id: str  # path id: content path without .md; a bundle: its folder
    column: str  # id of the column folder it lives in
    location: Location
    bundle: bool = False
    title: str
    date: dt.datetime | None = None
    date_has_time: bool = False
    updated: dt.datetime | None = None
    source: str = ""
    summary: str = ""
    keywords: tuple[str, ...] = ()
    slug: str = ""
    aliases: tuple[str, ...] = ()
    draft: bool = False
    weight: int = 0
    reviewed_by: str = ""
    allow: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    body_md: str = ""

    @property
    def type(self) -> str:
        return self.TYPE

    @property
    def type_label(self) -> str:
        return self.LABEL

    @property
    def shown_date(self) -> dt.datetime | None:
        """The date citizens see (PubDate): `date`, or `updated` for undated pages."""
        return self.date or self.updated


@dataclass(frozen=True, slots=True, kw_only=True)
class Policy(Item):
    TYPE: ClassVar[str] = "policy"
    LABEL: ClassVar[str] = "政策文件"
    issuer: str
    written: dt.datetime
    index_number: str
    topic: str
    doc_number: str = ""
    validity: str = "有效"
    superseded_by: str = ""
    needs_interpretation: bool = False
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Interpretation(Item):
    TYPE: ClassVar[str] = "interpretation"
    LABEL: ClassVar[str] = "政策解读"
    policy: tuple[str, ...]
    form: str = "文字解读"


@dataclass(frozen=True, slots=True, kw_only=True)
class Service(Item):
    TYPE: ClassVar[str] = "service"
    LABEL: ClassVar[str] = "办事指南"
    basis: TextOrList
    conditions: TextOrList
    materials: tuple[Material, ...]
    address: str
    agency: str
    fees: str
    hours: str
    phone: str
    process: TextOrList
    time_limit: str
    notes: TextOrList
    online: str
    item_code: str = ""
    online_url: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Notice(Item):
    TYPE: ClassVar[str] = "notice"
    LABEL: ClassVar[str] = "通知公告"
    expires: dt.datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class News(Item):
    TYPE: ClassVar[str] = "news"
    LABEL: ClassVar[str] = "政务动态"
    author: str = ""
    image: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Reply(Item):
    TYPE: ClassVar[str] = "reply"
    LABEL: ClassVar[str] = "留言答复"
    asked: dt.datetime
    received: dt.datetime
    replied: dt.datetime
    department: str
    question: str
    category: str = ""
    topic: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Leader(Item):
    TYPE: ClassVar[str] = "leader"
    LABEL: ClassVar[str] = "负责人信息"
    name: str
    position: str
    duties: str
    photo: str = ""
    order: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Page(Item):
    TYPE: ClassVar[str] = "page"
    LABEL: ClassVar[str] = "单页"


ITEM_CLASSES: dict[str, type[Item]] = {
    cls.TYPE: cls for cls in (Policy, Interpretation, Service, Notice, News, Reply, Leader, Page)
}


def _quick_pickling(cls: type) -> None:
    """Pickle a frozen slots dataclass with its field names and its slots' setters worked out
    once per class: the state Python's dataclasses give such a class looks up
    `dataclasses.fields` for every object, both ways. A cold build's forked parse sends 4,400
    items back pickled (ssg/forked.py) on its serial path; all 10,000 items of the benchmark:
    dumps 0.19 -> 0.16 s, loads 0.15 -> 0.11 s. The state is the field values in order, as
    before, so parse caches written either way load."""
    names = tuple(f.name for f in fields(cls))
    setters = tuple(getattr(cls, name).__set__ for name in names)
    values = operator.attrgetter(*names)

    def getstate(self: object) -> tuple[object, ...]:
        return values(self)

    def setstate(self: object, state: Iterable[object]) -> None:
        for put, value in zip(setters, state):  # noqa: B905 (as dataclasses does)
            put(self, value)

    setattr(cls, "__getstate__", getstate)  # noqa: B010 (a method mypy takes as fixed)
    setattr(cls, "__setstate__", setstate)  # noqa: B010


for _cls in (Location, Gap, Material, Attachment, Column, Item, *ITEM_CLASSES.values()):
    _quick_pickling(_cls)

# type → default national ColumnType (ARCHITECTURE §1.1)
DEFAULT_COLUMN_TYPE = {
    "policy": "政策文件",
    "interpretation": "政策解读",
    "service": "办事服务",
    "notice": "通知公告",
    "news": "工作动态",
    "reply": "咨询投诉",
    "leader": "负责人信息",
    "page": "概况信息",
}

# National staleness thresholds by ColumnType (RULES CONTENT-02; ARCHITECTURE §1.1): they
# decide the veto counts, and no `update` of a column can lift them.
NATIONAL_GAPS = {"工作动态": Gap(2, "w"), "通知公告": Gap(6, "m"), "政策文件": Gap(6, "m")}

# RULES DESIGN-03 vocabulary, plus 通知公告 (ARCHITECTURE §1.1)
COLUMN_TYPES = (
    "首页",
    "概况信息",
    "机构职能",
    "负责人信息",
    "工作动态",
    "政策文件",
    "信息公开指南",
    "信息公开目录",
    "信息公开年报",
    "依法申请公开",
    "数据发布",
    "数据开放",
    "政策解读",
    "回应关切",
    "办事服务",
    "咨询投诉",
    "征集调查",
    "在线访谈",
    "通知公告",
)
