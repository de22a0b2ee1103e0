"""The plan of a benchmark corpus: its column tree, how many items each column gets, when each
item was published, and the numbers policies carry (发文字号, 索引号).

Planning is separate from writing text (render_items.py) because every guarantee the corpus
makes about rules — fresh columns, same-day interpretations, unique doc numbers, resolvable
references — is decided here, on dates and references alone, before any sentence exists.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import vocabulary as v
from textgen import Writer
from yamltext import Value

DEFAULT_DATE = dt.date(2026, 11, 20)
SPAN_DAYS = 3 * 365  # items are spread over about three years before the build date


# Share of the flexible items per type, after every column got one and the fixed items (pages,
# leaders, annual reports) are counted. Modelled on real city portals: news and notices
# dominate, replies and service guides follow, policies are fewer and interpretations fewer still.
TYPE_WEIGHTS: dict[str, float] = {
    "news": 0.44,
    "notice": 0.16,
    "reply": 0.13,
    "policy": 0.12,
    "service": 0.10,
    "interpretation": 0.05,
}


@dataclass(frozen=True, slots=True)
class Column:
    """One 栏目 folder. `share` splits its type's items between columns; 0 = section or fixed."""

    path: str
    title: str
    type: str
    update: str
    order: int
    key: str = ""  # which title/body family its items use
    share: float = 0.0
    column_type: str = ""  # only where it differs from the type's default ColumnType

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


COLUMNS: tuple[Column, ...] = (
    Column("zjcs", "走进测试", "page", "none", 10, "section"),
    Column("zjcs/csgk", "测试概况", "page", "none", 10, "page"),
    Column("zjcs/lsyg", "历史文化", "page", "none", 20, "page"),
    Column("zjcs/xzqh", "行政区划", "page", "none", 30, "page"),
    Column("zwgk", "政务公开", "page", "none", 20, "section", column_type="信息公开目录"),
    Column("zwgk/ldxx", "领导信息", "leader", "none", 10, "leader"),
    Column("zwgk/jgzn", "机构职能", "page", "none", 20, "page", column_type="机构职能"),
    Column("zwgk/zcwj", "政策文件", "policy", "6m", 30, "section"),
    Column("zwgk/zcwj/szfwj", "市政府文件", "policy", "6m", 10, "city_gov", 0.35),
    Column("zwgk/zcwj/szfbwj", "市政府办公室文件", "policy", "6m", 20, "city_office", 0.35),
    Column("zwgk/zcwj/bmwj", "部门文件", "policy", "6m", 30, "dept", 0.20),
    Column("zwgk/zcwj/szfzyzczz", "省政府重要政策转载", "policy", "6m", 40, "province", 0.10),
    Column("zwgk/zcjd", "政策解读", "interpretation", "6m", 40, "interp", 1.0),
    Column("zwgk/tjxx", "统计信息", "notice", "3m", 50, "stats", 0.08, "数据发布"),
    Column("zwgk/rsxx", "人事信息", "notice", "1y", 60, "personnel", 0.12, "人事信息"),
    Column(
        "zwgk/xxgkzn", "政府信息公开指南", "page", "none", 70, "page", column_type="信息公开指南"
    ),
    Column(
        "zwgk/xxgknb", "政府信息公开年报", "notice", "1y", 80, "annual", column_type="信息公开年报"
    ),
    Column("zwdt", "政务动态", "news", "2w", 30, "section"),
    Column("zwdt/csyw", "测试要闻", "news", "2w", 10, "city", 0.35),
    Column("zwdt/bmdt", "部门动态", "news", "2w", 20, "dept", 0.30),
    Column("zwdt/xqdt", "县区动态", "news", "2w", 30, "place", 0.27),
    Column("zwdt/tzgg", "通知公告", "notice", "6m", 40, "notice", 0.80),
    Column("zwdt/hygz", "回应关切", "news", "3m", 50, "response", 0.08, "回应关切"),
    Column("bsfw", "办事服务", "service", "1y", 40, "section"),
    Column("bsfw/grbs", "个人办事", "service", "1y", 10, "section"),
    Column("bsfw/grbs/hjjz", "户籍居住", "service", "1y", 10, "hjjz", 0.22),
    Column("bsfw/grbs/shbz", "社会保障", "service", "1y", 20, "shbz", 0.22),
    Column("bsfw/grbs/jyyl", "教育医疗", "service", "1y", 30, "jyyl", 0.20),
    Column("bsfw/frbs", "法人办事", "service", "1y", 20, "section"),
    Column("bsfw/frbs/qykb", "企业开办", "service", "1y", 10, "qykb", 0.20),
    Column("bsfw/frbs/gcjs", "工程建设", "service", "1y", 20, "gcjs", 0.16),
    Column("hdjl", "互动交流", "reply", "2m", 50, "section"),
    Column("hdjl/szxx", "市长信箱", "reply", "2m", 10, "reply", 0.55),
    Column("hdjl/zxts", "咨询投诉", "reply", "2m", 20, "reply", 0.45),
)


COLUMN_BY_NAME = {c.name: c for c in COLUMNS}
CITY_POLICY_KEYS = ("city_gov", "city_office", "dept")


@dataclass(slots=True)
class Item:
    """One content item while it is being generated (mutable: stages fill it in turn)."""

    column: Column
    kind: str
    day: dt.date | None = None
    clock: str = ""  # "HH:MM", or "" for a date-only value
    stem: str = ""
    bundle: bool = False
    topic: v.Topic = v.TOPICS[0]
    # policy bookkeeping
    issuer: str = ""
    doc_prefix: str = ""
    index_code: str = ""
    written: dt.date | None = None
    doc_number: str = ""
    doc_name: str = ""
    index_number: str = ""
    validity: str = ""
    superseded_by: str = ""
    needs_interpretation: bool = False
    interpreted: bool = False
    target: Item | None = None  # interpretation → its policy
    # output
    fields: list[tuple[str, Value]] = field(default_factory=list)
    body: str = ""
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def date_text(self) -> str:
        assert self.day is not None
        return f"{self.day.isoformat()} {self.clock}" if self.clock else self.day.isoformat()

    @property
    def path_id(self) -> str:
        return f"{self.column.path}/{self.stem}"

    def later(self, other: Item) -> bool:
        assert self.day is not None and other.day is not None
        return self.day > other.day


@dataclass(frozen=True, slots=True)
class Leader:
    name: str
    gender: str
    position: str
    duties: str


@dataclass(slots=True)
class Corpus:
    """Everything generated, before it is written."""

    items: list[Item]
    leaders: list[Leader]
    build_date: dt.date


# ---- allocation ----------------------------------------------------------------------------


def apportion(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """Split *total* by *weights* with the largest-remainder method (ties: first key wins)."""
    scale = sum(weights.values())
    exact = {k: total * w / scale for k, w in weights.items()}
    counts = {k: math.floor(x) for k, x in exact.items()}
    order = sorted(weights, key=lambda k: (-(exact[k] - counts[k]), list(weights).index(k)))
    for k in order[: total - sum(counts.values())]:
        counts[k] += 1
    return counts


def report_years(end: dt.date) -> list[int]:
    """Years whose 信息公开年报 (published by 20 January) falls inside the corpus span."""
    first = (end - dt.timedelta(days=SPAN_DAYS)).year + 1
    return [y for y in range(first, end.year + 1) if dt.date(y, 1, 20) <= end]


def fixed_count(end: dt.date) -> int:
    return len(v.PAGES) + len(v.LEADER_POSITIONS) + len(report_years(end))


def minimum_items(end: dt.date) -> int:
    return fixed_count(end) + sum(1 for c in COLUMNS if c.share > 0)


def allocate(n: int, end: dt.date) -> dict[str, int]:
    """Items per flexible column: one each so none is empty, the rest by type and share."""
    flexible = [c for c in COLUMNS if c.share > 0]
    rest = n - minimum_items(end)
    if rest < 0:
        raise SystemExit(
            f"--items 至少为 {minimum_items(end)} (--items must be ≥ {minimum_items(end)})"
        )
    counts = {c.path: 1 for c in flexible}
    for kind, total in apportion(rest, TYPE_WEIGHTS).items():
        shares = {c.path: c.share for c in flexible if c.type == kind}
        for path, extra in apportion(total, shares).items():
            counts[path] += extra
    return counts


# ---- dates ---------------------------------------------------------------------------------


def gap_days(update: str) -> int:
    """A conservative day count for an `update` gap (months as 28 days, years as 360)."""
    count, unit = int(update[:-1]), update[-1]
    return count * {"d": 1, "w": 7, "m": 28, "y": 360}[unit]


def weekday(day: dt.date) -> dt.date:
    """Move a Saturday or Sunday back to Friday: offices publish documents on working days."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def column_days(rng: random.Random, column: Column, count: int, end: dt.date) -> list[dt.date]:
    """*count* publication days; the first is recent enough to keep the column fresh."""
    fresh = max(1, min(gap_days(column.update) // 2, 30))
    days = [end - dt.timedelta(days=rng.randrange(fresh))]
    days += [end - dt.timedelta(days=rng.randrange(SPAN_DAYS)) for _ in range(count - 1)]
    if column.type != "news":
        days = [weekday(d) for d in days]
    return days


def clock(rng: random.Random, kind: str) -> str:
    """News mostly carries a time of day; notices sometimes; documents never."""
    share = {"news": 0.7, "notice": 0.3}.get(kind, 0.0)
    if rng.random() >= share:
        return ""
    minutes = rng.randrange(7 * 60 + 30, 22 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# ---- the item list -------------------------------------------------------------------------


def dated_items(rng: random.Random, counts: Mapping[str, int], end: dt.date) -> list[Item]:
    items: list[Item] = []
    for column in COLUMNS:
        if column.share == 0 or column.type == "interpretation":
            continue
        for day in column_days(rng, column, counts[column.path], end):
            topic = v.TOPICS[rng.randrange(len(v.TOPICS))]
            items.append(Item(column, column.type, day, clock(rng, column.type), topic=topic))
    return items


def set_issuers(rng: random.Random, policies: Iterable[Item]) -> None:
    """Issuer, 机关代字 and 索引号 prefix of each policy, by its column."""
    for item in policies:
        key = item.column.key
        if key == "city_gov":
            item.issuer = v.CITY_GOV
            item.doc_prefix = "测政发" if rng.random() < 0.7 else "测政函"
            item.index_code = index_code(0)
        elif key == "city_office":
            item.issuer = v.CITY_OFFICE
            item.doc_prefix = "测政办发" if rng.random() < 0.75 else "测政办函"
            item.index_code = index_code(1)
        elif key == "dept":
            dept = v.DEPARTMENTS[item.topic.dept]
            item.issuer = dept.name
            item.doc_prefix = dept.doc_prefix + "发"
            item.index_code = index_code(10 + item.topic.dept)
        else:  # province: reposted by the city office, so the city's own catalogue number
            provincial = rng.random() < 0.6
            item.issuer = v.PROVINCE_GOV if provincial else v.PROVINCE_OFFICE
            item.doc_prefix = "吉政发" if provincial else "吉政办发"
            item.index_code = index_code(1)
        assert item.day is not None
        item.written = weekday(item.day - dt.timedelta(days=rng.randrange(15)))


def index_code(organ: int) -> str:
    """A fictional 18-character 统一社会信用代码 per publishing organ (the 索引号 prefix)."""
    return f"11229800MB{organ:07d}X"


def interpretations(rng: random.Random, policies: Sequence[Item], count: int) -> list[Item]:
    """Interpretations of city policies, dated the same day; the newest policy always has one.

    About one interpreted policy in ten gets a second product (a 图解 or 答记者问 beside the
    text), as portals do for major documents. Only interpreted policies are marked
    `needs_interpretation`, so none of those lacks its interpretation.
    """
    candidates = sorted(
        (p for p in policies if p.column.key in CITY_POLICY_KEYS),
        key=lambda p: (p.day, p.column.path),
        reverse=True,
    )
    count = min(count, 2 * len(candidates))
    distinct = min(len(candidates), max(1, math.ceil(count * 0.9)))
    targets = [candidates[0], *rng.sample(candidates[1:], distinct - 1)]
    targets += targets[: count - distinct]
    column = COLUMN_BY_NAME["zcjd"]
    made = []
    for target in targets:
        if not target.interpreted:
            target.interpreted = True
            target.needs_interpretation = target is candidates[0] or rng.random() < 0.75
        made.append(
            Item(
                column,
                "interpretation",
                target.day,
                target.clock,
                target=target,
                topic=target.topic,
            )
        )
    return made


def assign_stems(items: list[Item]) -> None:
    """File stems like real CMS exports (t20241112_000123), numbered in publication order."""
    items.sort(key=lambda i: (i.date_text, i.column.path, i.topic.path))
    width = max(6, len(str(len(items))))
    for seq, item in enumerate(items, start=1):
        assert item.day is not None
        item.stem = f"t{item.day:%Y%m%d}_{seq:0{width}d}"


def number_documents(rng: random.Random, policies: Sequence[Item]) -> None:
    """发文字号 counted per 机关代字 and year, 索引号 per organ and year, both in date order.

    Doc numbers skip a few values now and then (not every document is published online), which
    is what real lists look like; they never repeat.
    """
    doc_next: Counter[tuple[str, int]] = Counter()
    index_next: Counter[tuple[str, int]] = Counter()
    for item in sorted(policies, key=lambda i: (i.written, i.stem)):
        assert item.written is not None and item.day is not None
        key = (item.doc_prefix, item.written.year)
        doc_next[key] += rng.randint(1, 3) if rng.random() < 0.2 else 1
        item.doc_number = f"{item.doc_prefix}〔{item.written.year}〕{doc_next[key]}号"
    for item in sorted(policies, key=lambda i: i.stem):
        assert item.day is not None
        key2 = (item.index_code, item.day.year)
        index_next[key2] += 1
        item.index_number = f"{item.index_code}/{item.day.year}-{index_next[key2]:05d}"


def set_validity(rng: random.Random, policies: Sequence[Item], end: dt.date) -> None:
    """Mark some old, uninterpreted city policies 已废止/已修改 (with a successor) or 失效."""
    old_limit = end - dt.timedelta(days=540)
    city = [p for p in policies if p.column.key in CITY_POLICY_KEYS]
    for item in city:
        assert item.day is not None
        if item.interpreted or item.day > old_limit:
            continue
        roll = rng.random()
        item.validity = (
            "已废止" if roll < 0.05 else "已修改" if roll < 0.07 else "失效" if roll < 0.10 else ""
        )
    for item in city:
        if item.validity not in ("已废止", "已修改"):
            continue
        newer = [p for p in city if p.column is item.column and not p.validity and p.later(item)]
        if not newer:
            item.validity = "失效"
            continue
        successor = newer[rng.randrange(len(newer))]
        # Both reference forms of the contract: doc number, and path id for 已修改.
        item.superseded_by = (
            successor.doc_number if item.validity == "已废止" else successor.path_id
        )


def make_leaders(writer: Writer) -> list[Leader]:
    leaders: list[Leader] = []
    seen: set[str] = set()
    for position, duties in v.LEADER_POSITIONS:
        name = writer.person_name()
        while name in seen:
            name = writer.person_name()
        seen.add(name)
        gender = "女" if writer.rng.random() < 0.2 else "男"
        leaders.append(Leader(name, gender, position, duties))
    return leaders


def fixed_items(end: dt.date) -> list[Item]:
    """The 信息公开年报 of each year in the span: published in mid-January."""
    column = COLUMN_BY_NAME["xxgknb"]
    return [Item(column, "notice", weekday(dt.date(y, 1, 19))) for y in report_years(end)]


def build_corpus(n: int, seed: int, build_date: dt.date) -> tuple[Corpus, Writer]:
    rng = random.Random(seed)
    writer = Writer(rng)
    end = build_date - dt.timedelta(days=1)  # nothing on the build day itself: no time-zone doubt
    counts = allocate(n, end)
    leaders = make_leaders(writer)
    items = dated_items(rng, counts, end)
    policies = [i for i in items if i.kind == "policy"]
    set_issuers(rng, policies)
    items += interpretations(rng, policies, counts[COLUMN_BY_NAME["zcjd"].path])
    items += fixed_items(end)
    assign_stems(items)
    number_documents(rng, policies)
    set_validity(rng, policies, end)
    return Corpus(items, leaders, build_date), writer
