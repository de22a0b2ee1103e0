"""CONTENT rules: the home page and columns kept up to date, no empty columns.

Sources: 检查指标（国办秘函〔2019〕19号）单项否决“首页不更新”“栏目不更新” ✅; 吉林办法 第十九条 ✅;
指引 四（一） ✅. Measured against the build date (ARCHITECTURE §1.1): staleness is the time
from a column's newest item to the build date, months as calendar months.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ssg.check.dates import add_months
from ssg.check.registry import CheckContext, Finding, item_ids, replaced_output, rule
from ssg.config import SiteConfig
from ssg.content.model import NATIONAL_GAPS, Column, Gap, Item, Policy
from ssg.diagnostics import Severity
from ssg.link import Site

HOME_DAYS = 14  # CONTENT-01: 监测 2 周
STALE_VETO = 5  # CONTENT-02 (1): ≥5 stale news / notice / policy columns
LONG_STALE_VETO = 10  # CONTENT-02 (2): ≥10 long-stale columns
EMPTY_VETO = 5  # CONTENT-02 (3): ≥5 empty columns
# National thresholds by ColumnType (RULES CONTENT-02): the veto is counted on these.
NATIONAL = NATIONAL_GAPS
STATIC_TYPES = frozenset({"page", "leader"})  # undated, exempt from staleness
YEAR = Gap(1, "y")  # the allowed gap without `update` or a national one (ARCHITECTURE §1.1)
_SOME_DAY = dt.date(2001, 1, 1)  # (gaps are compared from one day: 1y is 365 days from it)


def due(newest: dt.date, gap: Gap, factor: int = 1) -> dt.date:
    """The last day on which a column whose newest item is `newest` is still up to date."""
    count = gap.count * factor
    if gap.unit == "d":
        return newest + dt.timedelta(days=count)
    if gap.unit == "w":
        return newest + dt.timedelta(weeks=count)
    return add_months(newest, count * (12 if gap.unit == "y" else 1))


@dataclass(frozen=True, slots=True)
class Freshness:
    column: Column
    column_type: str
    newest: Item | None  # the newest dated item in the column (and its sub-columns)
    gap: Gap | None  # the allowed gap that applies; None = exempt (`update: none`)
    national: Gap | None  # the national threshold it counts on toward the veto (_national)
    default_gap: bool  # no `update` and no national default: the 1y fallback (CONTENT-03)
    # Its own items are all undated kinds (page, leader), exempt from staleness: it is
    # measured over its sub-columns, as a section is, and with no dated item under it a
    # column of a national ColumnType is reported as such (CONTENT-02, deduct).
    undated_only: bool = False
    # No dated item of its own (a section, or a column of pages): its staleness is that of
    # its sub-columns' items, which the veto counts may already count (once_each).
    section: bool = False


def _dated(site: Site, column_id: str, deep: bool) -> Item | None:
    ids = site.items_under(column_id) if deep else site.items_in.get(column_id, ())
    for item_id in ids:  # newest first
        item = site.items[item_id]
        if item.date is not None and item.type not in STATIC_TYPES:
            return item
    return None


def _is_first_level(site: Site, column_id: str) -> bool:
    """一级 for CONTENT-02: no ancestor has the same ColumnType (ARCHITECTURE §1.1)."""
    kind = site.column_types.get(column_id, "")
    return not any(site.column_types.get(a) == kind for a in site.ancestors(column_id)[:-1])


def _national(site: Site, column_id: str, kind: str, section: bool) -> Gap | None:
    """The national threshold a column is counted on for the CONTENT-02 (1) veto.

    RULES CONTENT-02 (1) counts 动态、要闻类栏目 and 通知公告、政策文件类**一级**栏目: 一级
    qualifies only the latter. Every news column that publishes items is one the spot check
    finds stale (部门动态 under the section 政务动态 is not folded into it); a news section
    has no items of its own to be stale, its sub-columns are counted instead. A notice or
    policy column counts when 一级 (no ancestor of its ColumnType, ARCHITECTURE §1.1), a
    section included, measured over its sub-columns."""
    gap = NATIONAL.get(kind)
    if gap is None:
        return None
    if kind == "工作动态":
        return None if section else gap
    return gap if _is_first_level(site, column_id) else None


def assessed_columns(site: Site) -> Iterator[Freshness]:
    """Columns that should be updated: those with dated items of their own, and sections
    that set `update` themselves or are 一级 notice / policy columns (measured over their
    sub-columns)."""
    for column_id in sorted(site.columns):
        column = site.columns[column_id]
        if not column_id or column.draft:
            continue
        kind = site.column_types.get(column_id, "")
        # `update: none` exempts a static column only: it is not stricter than a national
        # threshold, so it cannot lift one (ARCHITECTURE §1.1; link reports it, COLUMN-04).
        if column.update_none and kind not in NATIONAL:
            continue
        own_types = {site.items[i].type for i in site.items_in.get(column_id, ())}
        undated_only = bool(own_types) and own_types <= STATIC_TYPES
        if undated_only and kind not in NATIONAL:
            continue  # (a static column of pages: 概况信息, 机构职能 …)
        # Page and leader items are exempt from staleness (ARCHITECTURE §1.2): a column holding
        # only those is measured as a section is, over its sub-columns. A 工作动态 column of
        # pages lost its national threshold with them, and was never stale (audit 12).
        section = not site.items_in.get(column_id) or undated_only
        national = _national(site, column_id, kind, section)
        by_sub_columns = section and column.update is None and national is None
        if by_sub_columns and not undated_only:
            continue  # (a section measured by its sub-columns only)
        newest = _dated(site, column_id, deep=True)
        if by_sub_columns and newest is not None:
            continue  # (likewise a column of pages; with none dated under it, reported)
        gap = column.update or NATIONAL.get(kind)
        yield Freshness(
            column=column,
            column_type=kind,
            newest=newest,
            gap=gap or YEAR,
            national=national,
            default_gap=gap is None,
            undated_only=undated_only,
            section=section,
        )


def once_each(site: Site, stale_columns: list[Freshness]) -> list[Freshness]:
    """The stale columns a CONTENT-02 veto counts, each 栏目 once.

    A section (no dated item of its own) is measured over its sub-columns' items: when it is
    stale, so is every column under it. Counted beside them, one stale subtree counted twice
    or more toward the 5 or the 10: a section with `update: 1y` over nine long-stale columns
    made ten, a false veto. The national checkers count the columns that publish (RULES
    CONTENT-02 counts 栏目 that are not updated; a section publishes nothing of its own), so a
    section counts only for columns under it that no other entry counts: a 通知公告 section
    stands for its sub-columns, which are not 一级 (ARCHITECTURE §1.1); a section over
    columns counted on their own is no extra column. A column with dated items of its own
    counts as itself, sub-columns or not."""
    covered = {e.column.id for e in stale_columns if not e.section}
    kept: set[str] = set()
    # Deepest first: a section in a section is settled before the one above it.
    for entry in sorted(stale_columns, key=lambda e: -e.column.id.count("/")):
        if not entry.section:
            continue
        publishing = _publishing_under(site, entry.column.id)
        if not publishing <= covered:
            kept.add(entry.column.id)
            covered |= publishing
    return [e for e in stale_columns if not e.section or e.column.id in kept]


def _publishing_under(site: Site, column_id: str) -> set[str]:
    """The columns under `column_id` (itself included) that hold dated items of their own."""
    return {
        site.items[i].column
        for i in site.items_under(column_id)
        if site.items[i].date is not None and site.items[i].type not in STATIC_TYPES
    }


def veto_gap(entry: Freshness) -> Gap:
    """The allowed gap whose double makes a column "长期未更新" for the ≥10 veto of CONTENT-02
    (ARCHITECTURE §1.1): "The national thresholds by ColumnType decide the veto counts; a
    column's own `update` may be stricter, and breaking only that stricter rule is a `deduct`
    finding. Without `update` the ColumnType default applies, else 1y."

    So the national threshold where the ColumnType has one; else the column's own `update`
    only where it is looser than 1y (a stricter one is the editor's promise: ten 数据发布
    columns with `update: 1m`, five months old, were a false veto); else 1y, written or not
    (columns without `update`, 2.5 years old, were left out of the count: a missed veto)."""
    national = NATIONAL.get(entry.column_type)
    if national is not None:
        return national
    own = entry.column.update
    return own if own is not None and looser(own, YEAR) else YEAR


def looser(gap: Gap, than: Gap) -> bool:
    """Whether `gap` allows more time than `than` (12m and 365d are not looser than 1y)."""
    return due(_SOME_DAY, gap) > due(_SOME_DAY, than)


def stale(entry: Freshness, today: dt.date, gap: Gap | None, factor: int = 1) -> bool:
    if gap is None or entry.newest is None or entry.newest.date is None:
        return False
    return today > due(entry.newest.date.date(), gap, factor)


def empty_columns(site: Site) -> list[Column]:
    """空白栏目: a column with no item, no sub-column (a section is not empty) and no text of
    its own (the body of its `_index.md`, shown on its page: a static column such as 机构概况
    may be all text)."""
    return [
        site.columns[c]
        for c in sorted(site.columns)
        if c
        and not site.columns[c].draft
        and not site.items_in.get(c)
        and not site.children.get(c)
        and not has_text(site.columns[c])
    ]


def has_text(column: Column) -> bool:
    return bool(column.body_md.strip())


def frequency_line(column: Column) -> int:
    """The line of a column's `_index.md` that a finding on how often it is updated points at
    (CONTENT-02, CONTENT-03, INTERACT-04): its `update` line when it writes one, the rule of
    that column the editor reads and may have to correct; else its `title` line, which names
    the column to publish in (and below which an `update` is written).

    0 (the whole file) for a column whose front matter gave no line: a folder without
    `_index.md`, or with one that could not be read. Such a column is a stand-in, and its
    error (COLUMN-01, YAML-01 …) stops the check before any rule runs, so no finding of
    these reaches the editor today; were one to, a line of a file that is not there would
    send the editor nowhere, while line 0 names the file to write."""
    lines = column.location.lines
    if not lines:
        return 0
    return lines.get("update") or column.location.line("title")


def _newest_line(entry: Freshness) -> str:
    newest = entry.newest
    assert newest is not None and newest.date is not None
    return f"最新信息 {newest.date:%Y-%m-%d}（{newest.location.file}）"


@rule(
    "CONTENT-01",
    Severity.VETO,
    "首页不更新：监测前 2 周内首页无信息更新",
    "检查指标（国办秘函〔2019〕19号）单项否决",
    "在首页展示的栏目中发布新信息；首页条目的最新发布日期距构建日不超过 14 天",
)
def home_updated(ctx: CheckContext) -> Iterator[Finding]:
    if replaced_output(ctx):  # (the notice is the home page for 30 days: NOTICE-02)
        return
    site = ctx.site
    newest = _dated(site, "", deep=True)
    today = site.build_date
    if newest is None or newest.date is None:
        yield Finding("content/_index.md", 0, "", "首页没有任何带发布日期的信息 (no dated item)")
        return
    days = (today - newest.date.date()).days
    if days > HOME_DAYS:
        yield Finding(
            "content/_index.md",
            0,
            "",
            f"首页最新信息是 {days} 天前（{newest.date:%Y-%m-%d}，{newest.location.file}），"
            f"超过 {HOME_DAYS} 天 (home page not updated for {days} days)",
        )


@rule(
    "CONTENT-02",
    Severity.DEDUCT,
    "栏目逾期未更新（按国家阈值或栏目自己的更新周期）",
    "检查指标（国办秘函〔2019〕19号）单项否决“栏目不更新”；吉林办法 第十九条",
    "在该栏目发布新信息；确实不再更新的栏目应归并或撤销，静态栏目设 update: none",
)
def column_updated(ctx: CheckContext) -> Iterator[Finding]:
    if replaced_output(ctx):
        return
    today = ctx.site.build_date
    for entry in assessed_columns(ctx.site):
        if entry.default_gap:
            continue  # the 1y fallback is CONTENT-03's advice
        column = entry.column
        if entry.newest is None:
            if entry.undated_only:
                yield _undated_only(entry)
            continue  # (else empty: CONTENT-04)
        gap = entry.gap
        assert gap is not None
        if stale(entry, today, entry.national):
            assert entry.national is not None
            yield Finding(
                column.location.file,
                frequency_line(column),
                "",  # (the national limit holds whatever `update` says: no field is wrong)
                f"栏目“{column.title}”（{entry.column_type}）超过国家要求的 {entry.national.label()}"
                f"未更新，{_newest_line(entry)} (column stale by the national threshold)",
            )
        elif stale(entry, today, gap):
            yield Finding(
                column.location.file,
                column.location.line("update"),
                "update",
                f"栏目“{column.title}”超过本栏目设定的更新周期 {gap.label()} 未更新，"
                f"{_newest_line(entry)} (column stale by its own update rule)",
            )


def _undated_only(entry: Freshness) -> Finding:
    """A column of a national ColumnType (工作动态 2w, 通知公告 and 政策文件 6m) that holds
    only pages or leaders, and no dated item under it. Its items are exempt from staleness
    (ARCHITECTURE §1.2), so it is not counted stale toward the veto, nor is it empty; yet the
    spot check reads no 发布时间 in it, and "未注明发布时间的信息视为未更新" (普查评分表 注,
    RULES DESIGN-05): a deduct, at the line that says how often it is updated."""
    column, kind = entry.column, entry.column_type
    limit = NATIONAL[kind].label()
    return Finding(
        column.location.file,
        frequency_line(column),
        "",
        f"栏目“{column.title}”（{kind}）按国家要求须 {limit}内有更新，但其中只有不计更新的单页或"
        "负责人信息（type: page、leader），没有一条带发布日期的信息；未注明发布时间的信息视为未更新。"
        f"请以带 date 的信息（如 type: {_DATED_TYPE.get(kind, 'news')}）发布，或确属静态内容时改用相应的 "
        f"column_type (a {kind} column holds only undated pages: never seen updated)",
    )


# (the content type an editor publishes dated items of, in a column of that ColumnType)
_DATED_TYPE = {"工作动态": "news", "通知公告": "notice", "政策文件": "policy"}


@rule(
    "CONTENT-02",
    Severity.VETO,
    "栏目不更新达到单项否决阈值",
    "检查指标（国办秘函〔2019〕19号）单项否决“栏目不更新”",
    "逐个更新逾期栏目，或归并、撤销无力维护的栏目；空白栏目须补充内容或撤销",
)
def column_veto(ctx: CheckContext) -> Iterator[Finding]:
    site = ctx.site
    today = site.build_date
    entries = list(assessed_columns(site))
    national = once_each(site, [e for e in entries if e.national and stale(e, today, e.national)])
    long_stale = once_each(site, [e for e in entries if stale(e, today, veto_gap(e), factor=2)])
    empty = empty_columns(site)
    for found, limit, label, english in (
        (national, STALE_VETO, "动态类栏目 2 周、通知公告和政策文件类一级栏目 6 个月未更新",
         "stale news / notice / policy columns"),
        (long_stale, LONG_STALE_VETO, "栏目长期未更新（超过更新周期的两倍）", "long-stale columns"),
    ):  # fmt: skip
        if len(found) >= limit:
            names = "、".join(e.column.title for e in found)
            # (at the first of them, where its own finding is: `content:0` was no file to open;
            # the message names every one, each with its finding at its own line)
            first = found[0].column
            yield Finding(
                first.location.file,
                frequency_line(first),
                "",
                f"{label}的栏目共 {len(found)} 个，达到单项否决阈值 {limit}：{names} "
                f"({len(found)} {english}; the veto threshold is {limit})",
            )
    if len(empty) >= EMPTY_VETO:
        names = "、".join(c.title for c in empty)
        first = empty[0]
        yield Finding(
            first.location.file,
            first.location.line("title"),
            "",
            f"空白栏目共 {len(empty)} 个，达到单项否决阈值 {EMPTY_VETO}：{names}；"
            "每个空白栏目另有一条 CONTENT-04，在它的 _index.md "
            f"({len(empty)} empty columns; the veto threshold is {EMPTY_VETO})",
        )


@rule(
    "CONTENT-03",
    Severity.ADVICE,
    "其他栏目 1 年内应有更新",
    "2015 年普查监测考察点 ◐；2019 年指标是否保留 ⚠",
    "发布新信息，或为静态栏目设 update: none，或写明适合的 update",
)
def column_default_year(ctx: CheckContext) -> Iterator[Finding]:
    today = ctx.site.build_date
    for entry in assessed_columns(ctx.site):
        if entry.default_gap and stale(entry, today, entry.gap):
            # (a column without `update`, so at its title: the fix writes one, or new items)
            yield Finding(
                entry.column.location.file,
                frequency_line(entry.column),
                "",
                f"栏目“{entry.column.title}”超过 1 年未更新，{_newest_line(entry)} "
                "(column not updated for a year)",
            )


@rule(
    "CONTENT-04",
    Severity.DEDUCT,
    "空白栏目：有栏目无内容",
    "吉林办法 第十九条；指引 四（一）",
    "在栏目中发布内容，或删除该栏目文件夹、并入其他栏目",
)
def empty_column(ctx: CheckContext) -> Iterator[Finding]:
    """Each empty column, but one CONTENT-05 reports as the required category the site lacks:
    one fault, one finding. CONTENT-05's is the one that holds there, as its fix is: such a
    column must get content, while CONTENT-04's "or delete it" would leave the category
    missing. (The veto of CONTENT-02 (3) still counts every empty column.)"""
    reported = {column_id for _finding, column_id in category_findings(ctx.site)}
    for column in empty_columns(ctx.site):
        if column.id in reported:
            continue
        # (at its title: the line that names the column the editor is to fill or remove)
        yield Finding(
            column.location.file,
            column.location.line("title"),
            "title",
            f"栏目“{column.title}”没有任何已发布的内容 (empty column)",
        )


REQUIRED_CATEGORIES = {
    "portal": ("概况信息", "机构职能", "负责人信息", "政策文件"),
    "department": ("机构职能", "负责人信息", "政策文件"),
}


@rule(
    "CONTENT-05",
    Severity.DEDUCT,
    "必备信息类别：概况、机构职能、负责人、文件资料、政务动态",
    "指引 四（一）1–5；吉林办法 第十九条",
    "按 ColumnType 开设对应栏目并发布内容",
)
def required_categories(ctx: CheckContext) -> Iterator[Finding]:
    for finding, _column_id in category_findings(ctx.site):
        yield finding


NEWS_CATEGORIES = ("工作动态", "通知公告")  # 政务动态: either one (指引 四（一）5)


def category_findings(site: Site) -> list[tuple[Finding, str]]:
    """CONTENT-05's findings, each with the column it is reported at ("" for the content
    folder): CONTENT-04 leaves those columns to it."""
    present = {
        site.column_types.get(c, "")
        for c in site.columns
        if c and not site.columns[c].draft and (site.items_under(c) or has_text(site.columns[c]))
    }
    needed = list(REQUIRED_CATEGORIES["portal" if site.config.is_portal else "department"])
    found = [_missing_category(site, (kind,), kind) for kind in needed if kind not in present]
    if not present & set(NEWS_CATEGORIES):
        found.append(_missing_category(site, NEWS_CATEGORIES, ""))
    return found


def _missing_category(site: Site, kinds: tuple[str, ...], kind: str) -> tuple[Finding, str]:
    """The finding of a required ColumnType with no column of content, at the column of that
    type the site has (a draft one: `ssg init` makes its columns drafts until they have
    content, at its `draft` line; an empty one, at its file), else at the content folder.
    `kind` "" is 政务动态 (any of `kinds`), in its own words."""
    found = [c for c in sorted(site.columns) if c and site.column_types.get(c) in kinds]
    # The column the editor is to fill, first of (then by path):
    # - not a 转载 column: 省政府重要政策转载 (CONTENT-06) is a 政策文件 column, yet reprints
    #   the province's policies; the site's own go into its 政策文件 column, so a 转载 column
    #   is named only when it is the only one;
    # - published before draft: one the editor has already published needs only content,
    #   while a draft sorting first (zwgk/szfzczz before zwgk/zcwj) named the wrong one;
    # - a column of its own before a section: a section borrows its first sub-column's
    #   ColumnType (link._column_types), but content goes into a column (走进本县 is no
    #   机构职能 to fill).
    found.sort(
        key=lambda c: (
            is_reprint(site.columns[c]),
            site.columns[c].draft,
            bool(site.children.get(c)),
        )
    )
    file, line, field, why, english = "content", 0, "", "", ""
    column_id = ""
    if found:
        column_id = found[0]
        column = site.columns[column_id]
        file, why = column.location.file, f"：栏目“{column.title}”没有内容"
        line, field = column.location.line("title"), "title"
        if column.draft:
            (file, line), field = draft_line(site, column_id), "draft"
            why, english = (
                f"：栏目“{column.title}”是草稿，不发布；有内容后删除 draft: true",
                f": {column_id} is a draft",
            )
    if not kind:
        message = (
            f"没有内容非空的政务动态类栏目（工作动态或通知公告）{why} (no news column{english})"
        )
    else:
        message = (
            f"没有内容非空的“{kind}”类栏目{why} (no non-empty column of ColumnType {kind}{english})"
        )
    return Finding(file, line, field, message), column_id


def draft_line(site: Site, column_id: str) -> tuple[str, int]:
    """The file and line of the `draft: true` that keeps a draft column unpublished: its own,
    else that of the nearest column above it (a column in a draft column is a draft too)."""
    cid = column_id
    while cid:
        location = site.columns[cid].location
        if "draft" in location.lines:
            return location.file, location.lines["draft"]
        cid = cid.rpartition("/")[0]
    location = site.columns[column_id].location
    return location.file, location.line("title")


_PROVINCE_REGION = re.compile(r"(?!00)\d{2}0000")  # 行政区划代码 of a province: 220000 吉林省
_LOCAL_SITE_CODE = re.compile(r"\d{10}")  # RULES ID-07: 6 位行政区划代码 + 4 位顺序号


def provincial_department(config: SiteConfig) -> bool:
    """Whether a department site is a 省直部门's: its 行政区划代码 is a province's (□□0000),
    as `region_code` gives it, else the first 6 digits of a local `site_code` (RULES ID-07).
    False when neither tells: a stand-in 标识码 (0000000000, which ID-15 reports) or a
    national department's bm code."""
    region = config.region_code
    if not region and _LOCAL_SITE_CODE.fullmatch(config.site_code):
        region = config.site_code[:6]
    return bool(_PROVINCE_REGION.fullmatch(region))


def is_reprint(column: Column) -> bool:
    """A column of reprints (省政府重要政策转载, CONTENT-06): its title has 转载."""
    return "转载" in column.title


def _reprint_columns(site: Site, draft: bool = False) -> list[str]:
    """The columns whose title has 转载: the published ones, or with `draft` the drafts."""
    return [
        c
        for c in sorted(site.columns)
        if c and is_reprint(site.columns[c]) and site.columns[c].draft == draft
    ]


@rule(
    "CONTENT-06",
    Severity.DEDUCT,
    "吉林省的市、县级政府门户和省直部门网站须设“省政府重要政策转载”专栏",
    "吉林办法 第三十七条",
    "开设标题含“转载”的政策转载栏目，并及时转载省政府重要政策",
)
def jilin_reprints(ctx: CheckContext) -> Iterator[Finding]:
    """第三十七条 asks the 省直部门 and the city and county portals to reprint the province's
    policies: the provincial portal publishes them and is not asked to reprint itself."""
    site = ctx.site
    if site.config.level == "province":
        return
    # 吉林办法 第三十七条: “确保重要政策在省直部门和市、县级政府门户网站实时转载发布”. Of the
    # department sites it names only those of the 省直部门; a city's or county's department
    # (市级部门网站, as `ssg init --level department` writes one) is not asked.
    if site.config.level == "department" and not provincial_department(site.config):
        return
    if not site.config.province.startswith("吉林") or _reprint_columns(site):
        return
    drafts = _reprint_columns(site, draft=True)
    if drafts:
        # `ssg init` writes the column as a draft until it has content: the editor has it
        # and acts on its `draft` line, not on the province in site.yaml.
        column = site.columns[drafts[0]]
        yield Finding(
            *draft_line(site, drafts[0]),
            "draft",
            f"{_asked(site.config.level)}须设“省政府重要政策转载”专栏：栏目“{column.title}”是草稿，不发布；"
            "转载第一条省政府重要政策后删除 draft: true，栏目即发布 "
            f"(Jilin sites need a column reprinting provincial policies: {drafts[0]} is a draft)",
        )
    else:
        yield Finding(
            "data/site.yaml",
            site.config.lines.get("province", 1),
            "province",
            f"{_asked(site.config.level)}须设“省政府重要政策转载”专栏，未找到标题含“转载”的栏目 "
            "(Jilin sites need a column reprinting provincial policies)",
        )


def _asked(level: str) -> str:
    """Who 第三十七条 asks, in the words a finding for this site uses."""
    return "吉林省的省直部门网站" if level == "department" else "吉林省的市、县级政府门户"


@rule(
    "CONTENT-07",
    Severity.DEDUCT,
    "转载的信息须注明来源",
    "指引 ◐（ContentSource 标签）",
    "在转载信息的 front matter 写明 source（原发布机关）",
)
def reprint_source(ctx: CheckContext) -> Iterator[Finding]:
    site = ctx.site
    for column_id in _reprint_columns(site):
        for item_id in site.items_under(column_id):
            item = site.items[item_id]
            if not item.source and not isinstance(item, Policy):
                yield Finding(
                    item.location.file,
                    1,
                    "source",
                    "转载的信息没有写明来源 source (reprint without its source)",
                )


@rule(
    "CONTENT-08",
    Severity.DEDUCT,
    "PubDate 不得晚于构建时间",
    "检查指标（国办秘函〔2019〕19号）单项否决“弄虚作假”（伪造发稿日期）；RULES CONTENT-08 的构建预检",
    "把 updated 改为实际更新的日期（不晚于今天）",
)
def updated_in_future(ctx: CheckContext) -> Iterator[Finding]:
    """A future `date` makes an item scheduled (not published yet); a future `updated` was
    published all the same, as the page's date: a date the page cannot truly have."""
    today = ctx.site.build_date
    for item_id in item_ids(ctx):
        item = ctx.site.items[item_id]
        if item.updated is not None and item.updated.date() > today:
            yield Finding(
                item.location.file,
                item.location.line("updated"),
                "updated",
                f"更新日期 {item.updated:%Y-%m-%d} 晚于构建日期 {today:%Y-%m-%d}，页面会显示一个尚未到来的"
                "日期；请写实际更新的日期 (updated is later than the build date)",
            )
