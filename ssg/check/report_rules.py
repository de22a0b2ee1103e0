"""REPORT, NOTICE and INTERACT-06 rules: the annual report, lifecycle notices, the 知识库.

Sources: 年报通知（国办函〔2018〕12号）二、三 ✅; 吉林办法 第十条（四）、第十五条、第十六条、
第二十二条、第三十三条 ✅. The report's figures are derived in `ssg.derive.annual_report`, the
lifecycle events read in `ssg.lifecycle` (whose input errors the build reports itself).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from ssg.check.interact import consultation_replies
from ssg.check.registry import (
    CheckContext,
    Finding,
    RenderedPage,
    parse_tags,
    replaced_output,
    rule,
)
from ssg.config import UNREADABLE
from ssg.derive.annual_report import (
    DEADLINE_DAY,
    FIELDS_BY_PATH,
    REPORT_DIR,
    SOURCE_LABELS,
    Field,
    Problem,
    Report,
    Row,
    YearData,
    data_file,
    existed_in,
    frozen_file,
    frozen_year,
    mistyped_data_key,
    mistyped_frozen_key,
    report_files,
    report_url,
    report_year,
    reports_of,
    years_of,
)
from ssg.derive.knowledge import URL as KNOWLEDGE_URL
from ssg.derive.listings import output_path
from ssg.derive.notices import cn_date, notice_column
from ssg.derive.report_freeze import yaml_value
from ssg.diagnostics import Diagnostics, Severity
from ssg.lifecycle import (
    DOMAIN_CHANGE,
    LIFECYCLE_FILE,
    MIGRATION,
    NOTICE_KEEP_DAYS,
    OFFLINE,
    OFFLINE_MAX_DAYS,
    OPENING,
    REONLINE_DAYS,
    Event,
    Lifecycle,
    last_day,
    load_lifecycle,
)
from ssg.link import Site


def _lifecycle(ctx: CheckContext) -> Lifecycle:
    # Problems in the file are the build's to report (LIFECYCLE-0x), once.
    return load_lifecycle(ctx.root, Diagnostics())


def _page(ctx: CheckContext, path: str) -> RenderedPage | None:
    return next((p for p in ctx.pages if p.path == path), None)


def _no_notice_column(site: Site, event: Event) -> Finding | None:
    if notice_column(site) is not None:
        return None
    # (ssg init makes zwgk/tzgg a draft until it has content: say so, as CONTENT-05 does)
    drafts = sorted(
        c
        for c in site.columns
        if c and site.column_types.get(c) == "通知公告" and site.columns[c].draft
    )
    if drafts:
        fix = (
            f"通知公告栏目 {drafts[0]} 是草稿；请删除其 _index.md（及仍是草稿的上级栏目的）中的 "
            f"draft: true (the 通知公告 column {drafts[0]} is a draft)"
        )
    else:
        fix = "请开设通知公告栏目 (no 通知公告 column to publish the notice in)"
    return Finding(
        LIFECYCLE_FILE,
        event.line(),
        f"[{event.index}]",
        f"{event.label}事件须在本站通知公告中发布公告，但站点没有已发布的 ColumnType 为 通知公告 的栏目；{fix}",
    )


# --- REPORT ---------------------------------------------------------------------------------


@rule(
    "REPORT-01",
    Severity.DEDUCT,
    "每年 1 月 31 日前发布上一年度政府网站工作年度报表",
    "年报通知（国办函〔2018〕12号）二；吉林办法 第三十三条",
    "用 ssg new annual-report <上一年> 生成 data/annual-report/<上一年>.yaml，填写后重新构建",
)
def report_published(ctx: CheckContext) -> Iterator[Finding]:
    today = ctx.site.build_date
    year = today.year - 1
    if (ctx.root / data_file(year)).is_file() or not existed_in(ctx.site, ctx.root, year):
        return
    deadline = dt.date(today.year, 1, DEADLINE_DAY)
    late = today > deadline
    yield Finding(
        data_file(year),
        0,
        "",
        f"还没有 {year} 年度的年度报表数据文件 {data_file(year)}，报表中的数据项均为“未填报”；"
        + (
            f"已超过 {cn_date(deadline)} 的发布期限"
            if late
            else f"须于 {cn_date(deadline)} 前在首页发布"
        )
        + f"。可用 ssg new annual-report {year} 生成 (no annual report for {year}"
        + (", past the 31 January deadline)" if late else "; due by 31 January)"),
        None if late else Severity.ADVICE,
    )


_MIGRATION_PAGE = 'data-page="migration"'  # (the marker ssg.check.registry knows it by)
_ANCHORS = frozenset({"a"})


def _links_to(page: RenderedPage, base_url: str, url: str) -> bool:
    for tag in page.tags:
        if tag.name != "a" or "href" not in tag.attrs:
            continue
        href = tag.attrs["href"]
        if href.startswith(base_url):
            href = href[len(base_url) :]
        path = unquote(urlsplit(href).path)
        if path in (url, url + "index.html"):
            return True
    return False


@rule(
    "REPORT-01",
    Severity.DEDUCT,
    "首页显著位置须链接最新的年度报表",
    "年报通知（国办函〔2018〕12号）二；吉林办法 第三十三条",
    "在首页模板 home.html 中用 newest_report 变量链接最新年度报表（默认主题已提供）",
)
def home_links_report(ctx: CheckContext) -> Iterator[Finding]:
    home = _page(ctx, "index.html")
    # A maintenance page stands for at most 30 days (NOTICE-03) and says nothing else; the
    # migration page is the home page until the site is gone, and must link the report due.
    if home is None or (replaced_output(ctx) and _MIGRATION_PAGE not in home.text):
        return
    years = years_of(ctx.site, ctx.root)
    if not years:
        return
    newest = report_url(max(years))
    if _links_to(home, ctx.site.config.base_url, newest):
        return
    migration = _lifecycle(ctx).migration(ctx.site.build_date)
    if migration is not None and _MIGRATION_PAGE in home.text:
        # The migration page, rendered from the theme for every page, has no source of its
        # own (`ctx.page_file` says themes/default:0): the editor acts on the event that
        # made it the home page, and on the theme's migration.html.
        yield Finding(
            LIFECYCLE_FILE,
            migration.line("date"),
            migration.path("date"),
            f"自 {cn_date(migration.start)}起首页是迁移页，但迁移页没有链接最新的年度报表 {newest}："
            "网站下线前，应公开的年度报表仍须能从首页找到；请在主题的 migration.html 中用 "
            f"newest_report 链接它（默认主题已提供） (the migration page, the home page from "
            f"{migration.start}, does not link the newest annual report {newest})",
        )
        return
    yield Finding(
        ctx.page_file(home),
        0,
        "",
        f"首页没有链接最新的年度报表 {newest}；请在首页显著位置放置年度报表入口 "
        f"(the home page does not link the newest annual report {newest})",
    )


@rule(
    "REPORT-02",
    Severity.DEDUCT,
    "年度报表数据须真实准确：数据文件所填与内容推导的数字一致",
    "年报通知（国办函〔2018〕12号）一、三",
    "核对该项：以内容推导的数字为准时删除数据文件中的该项，或改正网站内容",
)
def figures_match(ctx: CheckContext) -> Iterator[Finding]:
    for report in reports_of(ctx.site, ctx.root):
        for row in report.rows:
            if not row.differs:
                continue
            fld = row.field
            unit = _unit(fld.unit)
            if row.frozen:
                shown = (
                    f"冻结的数字（{report.frozen.file}）为 {row.display}{unit}；报表采用冻结的数字"
                )
            else:
                shown = f"{SOURCE_LABELS[row.source]}为 {row.display}{unit}（{fld.how}）；报表采用推导值"
            yield Finding(
                report.data.file,
                row.line,
                fld.path,
                f"“{fld.path}”填写 {row.given}{unit}，但{shown} "
                f"(given {row.given}, {'frozen' if row.frozen else 'derived'} {row.display})",
            )


def _covers(part: str, path: str) -> bool:
    """Is the figure `path` the template path `part` or inside it?"""
    return path == part or path.startswith(part + ".")


def _mistyped(problems: tuple[Problem, ...], path: str) -> bool:
    """Was `path` (or the part holding it) written under a mistyped key of the frozen file?"""
    return any(p.meant and _covers(p.meant, path) for p in problems)


def _left_unfilled(data: YearData, unfilled: list[Row]) -> dict[int, tuple[Field, ...]]:
    """The data file's mistyped keys (by their index in `data.problems`) → the fields each
    leaves unfilled: the unfilled fields of the field, part or group it was taken for, when
    that one is not written in the file itself (then its own lines say what is missing).
    A field is left to the first such key only; a key that leaves none is not here."""
    left: dict[int, tuple[Field, ...]] = {}
    taken: set[str] = set()
    for index, problem in enumerate(data.problems):
        if not problem.meant or problem.meant in data.lines:
            continue
        fields = tuple(
            r.field
            for r in unfilled
            if _covers(problem.meant, r.field.path) and r.field.path not in taken
        )
        if fields:
            left[index] = fields
            taken.update(f.path for f in fields)
    return left


def _unit(unit: str) -> str:
    return unit if unit not in ("是/否", "勾选") else ""


def _published(ctx: CheckContext, report: Report) -> bool:
    """Is the report out, as submitted? From the day its data file says it was filled in
    (签署.填报日期), else once the deadline of 31 January has passed (REPORT-01)."""
    today = ctx.site.build_date
    signed = next(r for r in report.rows if r.field.path == "签署.填报日期").value
    if isinstance(signed, dt.date) and signed <= today:
        return True
    return today > dt.date(report.year + 1, 1, DEADLINE_DAY)


@rule(
    "REPORT-02",
    Severity.DEDUCT,
    "已冻结（已报送）的年度报表数字与按现在的内容推导的数字不一致",
    "年报通知（国办函〔2018〕12号）一、三",
    "核对该年度信息的移动、撤回或删除：改动有误时恢复；确需更正已报送的报表时，按规定更正后修改"
    "冻结文件中的数字；改动无误而报表不变时，在 data/allow.yaml 中登记理由",
)
def frozen_figures_drift(ctx: CheckContext) -> Iterator[Finding]:
    for report in reports_of(ctx.site, ctx.root):
        year = report.year
        frozen = report.frozen
        for row in report.rows:
            if not row.drifted:
                continue
            fld = row.field
            unit = _unit(fld.unit)
            if row.live is None:
                now = "按现在的网站已无法推导（推导所需的栏目或 data/messages.csv 已不在）"
                english = "no longer derivable"
            else:
                now = f"按现在的{SOURCE_LABELS[row.source]}为 {row.live_display}{unit}"
                english = f"now {row.live_display}"
            when = f"于 {frozen.frozen_on.isoformat()} " if frozen.frozen_on else ""
            yield Finding(
                frozen.file,
                frozen.lines.get(fld.path, 0),
                fld.path,
                f"{year} 年度报表的“{fld.path}”{when}冻结为 {row.display}{unit}，{now}；"
                f"报表仍显示冻结的 {row.display}{unit} (frozen {row.display}, {english})",
            )


@rule(
    "REPORT-02",
    Severity.ADVICE,
    "冻结文件缺少的推导数字仍随网站内容变化",
    "年报通知（国办函〔2018〕12号）一、三",
    "在冻结文件中补上该项（报送时的数字），或删除冻结文件后重新运行 ssg report freeze <年份>",
)
def frozen_figures_missing(ctx: CheckContext) -> Iterator[Finding]:
    """A frozen file (hand-written, cut, or frozen before the figure could be derived) that
    lacks a figure ssg now derives: the report shows that figure as the content gives it
    today, silently, while its neighbours stay as submitted."""
    for report in reports_of(ctx.site, ctx.root):
        year = report.year
        frozen = report.frozen
        if not frozen.exists or any(not p.field or p.code for p in frozen.problems):
            # (a file that cannot be read — a reading problem has its own code, YAML-05 for a
            # duplicate key — holds no figure: REPORT-03 says so first, and advice to delete
            # it and freeze again would replace the submitted figures with today's)
            continue
        told = {p.field for p in frozen.problems}
        for row in report.unfrozen():
            fld = row.field
            if row.value is None:  # (unfrozen() gives none; for the type checker)
                continue
            if fld.path in told or _mistyped(frozen.problems, fld.path):
                continue  # (REPORT-03 names it, at the line of the key that meant it)
            parent, _, leaf = fld.path.rpartition(".")
            # (the line of its nearest part the file has: the line to write it under)
            line = next((frozen.lines[p] for p in (parent, fld.section) if p in frozen.lines), 0)
            unit = _unit(fld.unit)
            yield Finding(
                frozen.file,
                line,
                fld.path,
                f"{year} 年度报表已冻结，但 {frozen.file} 中没有“{fld.path}”：报表中这一项仍由现在的"
                f"{SOURCE_LABELS[row.source]}得出（现为 {row.display}{unit}），会随网站改动而变化。"
                f"请在“{parent}”下加一行 {leaf}: <报送时的数字>（报送的正是现在的数字时写 "
                f"{leaf}: {yaml_value(row.value)}），或删除该文件后重新运行 ssg report freeze {year} "
                f"(the frozen file lacks {fld.path}: it still follows the site)",
            )


@rule(
    "REPORT-02",
    Severity.ADVICE,
    "已发布的年度报表应冻结其推导数字，以免随此后的内容改动而变化",
    "年报通知（国办函〔2018〕12号）一、三",
    "报表报送后运行 ssg report freeze <年份>，并把写出的 data/annual-report/<年份>.frozen.yaml 提交到 git",
)
def freeze_published_report(ctx: CheckContext) -> Iterator[Finding]:
    for report in reports_of(ctx.site, ctx.root):
        year = report.year
        data = report.data
        if report.frozen.exists or not data.exists or not data.whole or not _published(ctx, report):
            continue  # (no data file: REPORT-01 asks for it first; an unreadable one: REPORT-03)
        yield Finding(
            report.data.file,
            _signing_line(data),
            "",
            f"{year} 年度报表已发布，其中由网站配置、内容和留言数据推导的数字仍随网站变化："
            f"{year} 年的信息此后被移动、撤回或删除时，已发布的数字会悄悄改变。请运行 "
            f"ssg report freeze {year}，把这些数字写入 {frozen_file(year)} 并提交 "
            f"(the published report still follows the content; freeze it)",
        )


def _signing_line(data: YearData) -> int:
    """Where the data file says the report was signed (its 填报日期, what makes it published):
    that line, else its 签署 part's, else the key mistyped for either, else the file's first."""
    for path in ("签署.填报日期", "签署"):
        if path in data.lines:
            return data.lines[path]
    meant = (p.line for p in data.problems if p.meant in ("签署", "签署.填报日期") and p.line)
    return next(meant, 1)


@rule(
    "REPORT-03",
    Severity.DEDUCT,
    "年度报表须填齐表样的每一项（不适用的写“不适用”，不得以 0 代填）",
    "年报通知（国办函〔2018〕12号）附件表样 ◐",
    "在 data/annual-report/<年份>.yaml 中填写该项；不涉及的写 不适用",
)
def fields_filled(ctx: CheckContext) -> Iterator[Finding]:
    today = ctx.site.build_date
    files, unreadable = report_files(ctx.root)
    if unreadable:
        yield Finding(REPORT_DIR, 0, "", unreadable, Severity.ERROR, UNREADABLE)
    for path in files:
        rel = f"{REPORT_DIR}/{path.name}"
        year = report_year(path.name) or frozen_year(path.name)
        if year is None:
            yield Finding(
                rel,
                0,
                "",
                "年度报表数据文件应命名为 <年份>.yaml，如 2025.yaml（冻结的数字为 <年份>.frozen.yaml）；"
                "此文件未使用 (not named <year>.yaml; ignored)",
                Severity.ADVICE,
            )
        elif year >= today.year:
            yield Finding(
                rel,
                0,
                "",
                f"{year} 年度尚未结束，暂不生成该年度报表 (the year has not ended)",
                Severity.ADVICE,
            )
    for report in reports_of(ctx.site, ctx.root):
        year = report.year
        frozen = report.frozen
        for problem in frozen.problems:
            message = problem.message
            if problem.meant and problem.meant not in FIELDS_BY_PATH:
                # A mistyped part (or group): the figures it leaves unfrozen are named here,
                # in its one finding, not reported one by one as missing.
                unfrozen = tuple(
                    r.field.path for r in report.unfrozen() if _covers(problem.meant, r.field.path)
                )
                message = mistyped_frozen_key(problem.field, problem.meant, unfrozen)
            yield Finding(
                frozen.file, problem.line, problem.field, message, problem.severity, problem.code
            )
        data = report.data
        if not data.exists:
            continue  # REPORT-01
        unfilled = report.unfilled()
        left = _left_unfilled(data, unfilled)
        told = {f.path for fields in left.values() for f in fields}
        for index, problem in enumerate(data.problems):
            if index in left:
                # A mistyped key: one finding at its line, with the severity of the fields
                # it leaves unfilled (deduct), naming them; they get none of their own.
                message = mistyped_data_key(problem.field, problem.meant, left[index])
                yield Finding(data.file, problem.line, problem.field, message)
                continue
            yield Finding(
                data.file, problem.line, problem.field, problem.message, problem.severity,
                problem.code,
            )  # fmt: skip
        for row in report.rows:
            fld = row.field
            if row.error:
                yield Finding(
                    data.file,
                    row.line,
                    fld.path,
                    f"“{fld.path}”的值 “{row.given}” 不可用：{row.error} (invalid value)",
                    Severity.ERROR,
                )
            elif row in unfilled and fld.path not in told:
                unit = f"，单位：{fld.unit}" if fld.unit and fld.unit not in ("勾选",) else ""
                how = f"——{fld.how}" if fld.how else ""
                yield Finding(
                    data.file,
                    data.line(fld.path),
                    fld.path,
                    f"{year} 年度报表未填报“{fld.path}”{unit}{how}；报表中显示为“未填报” "
                    f"(field not filled in)",
                )


# --- NOTICE ---------------------------------------------------------------------------------


@rule(
    "NOTICE-01",
    Severity.DEDUCT,
    "网站开通须发布开通公告",
    "吉林办法 第十条（四）",
    "开设 ColumnType 为 通知公告 的栏目；上级门户的公告文本见构建输出旁的 <输出目录>-lifecycle/",
)
def opening_notice(ctx: CheckContext) -> Iterator[Finding]:
    for event in _lifecycle(ctx).of(OPENING):
        problem = _no_notice_column(ctx.site, event)
        if problem:
            yield problem


@rule(
    "NOTICE-02",
    Severity.DEDUCT,
    "永久下线须在首页悬挂迁移公告、说明迁移去向，公告至少保留 30 天",
    "吉林办法 第十五条（一）",
    "until（公告保留至）不得早于公告日起第 30 天；迁移去向应为政府网站（.gov.cn）",
)
def migration_notice(ctx: CheckContext) -> Iterator[Finding]:
    for event in _lifecycle(ctx).of(MIGRATION):
        problem = _no_notice_column(ctx.site, event)
        if problem:
            yield problem
        required = last_day(event.notice_from, NOTICE_KEEP_DAYS)
        if event.end is not None and event.end < required:
            kept = max(0, (event.end - event.notice_from).days + 1)
            yield Finding(
                LIFECYCLE_FILE,
                event.line("until"),
                event.path("until"),
                f"迁移公告只保留到 {cn_date(event.end)}（共 {kept} 天），须至少保留 "
                f"{NOTICE_KEEP_DAYS} 天，即到 {cn_date(required)} (the migration notice must "
                f"stay {NOTICE_KEEP_DAYS} days; it stays {kept})",
            )
        host = (urlsplit(event.destination).hostname or "").lower()
        if not host.endswith(".gov.cn"):
            yield Finding(
                LIFECYCLE_FILE,
                event.line("destination"),
                event.path("destination"),
                f"迁移去向 {event.destination} 不是政府网站（.gov.cn）域名；请核对 "
                "(destination is not a .gov.cn site)",
            )


@rule(
    "NOTICE-02",
    Severity.ADVICE,
    "迁移公告保留期内提醒：公告未满 30 天不得关闭网站",
    "吉林办法 第十五条（一）",
    "保留迁移公告至提示的日期后，再注销备案、关闭网站",
)
def migration_reminder(ctx: CheckContext) -> Iterator[Finding]:
    today = ctx.site.build_date
    for event in _lifecycle(ctx).of(MIGRATION):
        until = max(event.kept_until, last_day(event.notice_from, NOTICE_KEEP_DAYS))
        if event.start <= today <= until:
            day = (today - event.start).days + 1
            yield Finding(
                LIFECYCLE_FILE,
                event.line("date"),
                event.path("date"),
                f"迁移公告今天是第 {day} 天，须保留到 {cn_date(until)}，此前不得关闭网站 "
                f"(day {day} of the migration notice; keep it until {until})",
            )


@rule(
    "NOTICE-02",
    Severity.ADVICE,
    "迁移对照表中的旧路径应是本站的页面",
    "吉林办法 第十五条（一）“杜绝只关停不迁移”",
    "改正对照表中的旧路径（以 / 开头的本站网址，如 /zwgk/zcwj/a.html）",
)
def migration_mapping(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.output is None:
        return
    for event in _lifecycle(ctx).of(MIGRATION):
        if not event.mapping_file:
            yield Finding(
                LIFECYCLE_FILE,
                event.line(),
                event.path("mapping"),
                "迁移事件没有网址对照表 mapping，所有页面都只指向新网站首页；建议提供旧路径到新网址的"
                " CSV (no mapping: every page points to the destination's home page)",
            )
            continue
        for row in event.mapping:
            if not (ctx.output / output_path(row.old)).is_file():
                yield Finding(
                    event.mapping_file,
                    row.line,
                    "",
                    f"旧路径 {row.old} 不是本站的页面，这一行不起作用 (old path is not a page)",
                )


@rule(
    "NOTICE-03",
    Severity.DEDUCT,
    "临时下线须发布公告",
    "吉林办法 第十五条（二）",
    "开设 ColumnType 为 通知公告 的栏目，下线公告会自动发布在其中",
)
def offline_notice(ctx: CheckContext) -> Iterator[Finding]:
    for event in _lifecycle(ctx).of(OFFLINE):
        problem = _no_notice_column(ctx.site, event)
        if problem:
            yield problem


@rule(
    "NOTICE-03",
    Severity.DEDUCT,
    "临时下线每年不超过 1 次（不可抗力、责令紧急关停的不计）",
    "吉林办法 第十五条（二）",
    "合并下线计划；不可抗力或被责令紧急关停的写 emergency: true（须报备）",
)
def offline_once_a_year(ctx: CheckContext) -> Iterator[Finding]:
    seen: dict[int, Event] = {}
    # In date order, whatever the file's: the period that came second is the one too many.
    for event in sorted(_lifecycle(ctx).of(OFFLINE), key=lambda e: (e.start, e.index)):
        if event.emergency:
            continue
        first = seen.setdefault(event.start.year, event)
        if first is not event:
            yield Finding(
                LIFECYCLE_FILE,
                event.line("from"),
                event.path("from"),
                f"{event.start.year} 年已有一次临时下线（第 {first.index} 项，"
                f"{cn_date(first.start)}起），每年不得超过 1 次 (more than one temporary "
                f"offline period in {event.start.year})",
            )


@rule(
    "NOTICE-03",
    Severity.DEDUCT,
    "临时下线每次不超过 30 天（首尾两天都计入）",
    "吉林办法 第十五条（二）",
    "缩短下线时间，to 不晚于 from 起第 30 天",
)
def offline_days(ctx: CheckContext) -> Iterator[Finding]:
    for event in _lifecycle(ctx).of(OFFLINE):
        if event.days > OFFLINE_MAX_DAYS:
            yield Finding(
                LIFECYCLE_FILE,
                event.line("to"),
                event.path("to"),
                f"临时下线 {cn_date(event.start)}至{cn_date(event.end or event.start)}共 "
                f"{event.days} 天，超过 {OFFLINE_MAX_DAYS} 天；最晚到 "
                f"{cn_date(last_day(event.start, OFFLINE_MAX_DAYS))} (offline {event.days} "
                f"days; at most {OFFLINE_MAX_DAYS})",
            )


@rule(
    "NOTICE-03",
    Severity.ADVICE,
    "恢复上线前 7 日内逐级提交上线申请",
    "吉林办法 第十五条（二）",
    "向主管单位提交上线申请，经自查、核查、最终检查合格后上线",
)
def reonline_application(ctx: CheckContext) -> Iterator[Finding]:
    today = ctx.site.build_date
    for event in _lifecycle(ctx).of(OFFLINE):
        back = event.returns
        opens = back - dt.timedelta(days=REONLINE_DAYS)
        if opens <= today < back:
            yield Finding(
                LIFECYCLE_FILE,
                event.line("to"),
                event.path("to"),
                f"网站计划于 {cn_date(back)} 恢复上线：请在此前 7 日内（{cn_date(opens)}起）"
                f"逐级提交上线申请，经检查合格后上线 (apply to go back online by {back})",
            )


@rule(
    "NOTICE-04",
    Severity.DEDUCT,
    "域名变更须在原网站发布公告，并将旧域名跳转到新域名",
    "吉林办法 第十六条",
    "开设通知公告栏目；old_domain 写变更前的域名，data/site.yaml 的 domain 写新域名",
)
def domain_notice(ctx: CheckContext) -> Iterator[Finding]:
    # (an old_domain that is the site's own is input error LIFECYCLE-03, reported at load:
    # lifecycle.report_same_domain; the rules never see it)
    for event in _lifecycle(ctx).of(DOMAIN_CHANGE):
        problem = _no_notice_column(ctx.site, event)
        if problem:
            yield problem
        if event.announced >= event.start:
            # From `date` on the old domain redirects every path to the new one (nginx.conf,
            # Event.in_effect): a notice published that day or later is never read there.
            key = "announced" if event.path("announced") in event.lines else "date"
            yield Finding(
                LIFECYCLE_FILE,
                event.line(key),
                event.path(key),
                f"域名变更公告的发布日期 {event.announced:%Y-%m-%d} 不早于变更日期 "
                f"{event.start:%Y-%m-%d}：自变更日起原域名 {event.old_domain} 跳转到新域名，"
                "公告在原网站上无法看到；请提前发布，如 "
                f"announced: {event.start - dt.timedelta(days=7):%Y-%m-%d} "
                "(the notice must be published on the old domain before the change)",
            )


# --- INTERACT-06 ----------------------------------------------------------------------------


@rule(
    "INTERACT-06",
    Severity.DEDUCT,
    "知识库：整理咨询答复形成可检索的知识库",
    "吉林办法 第二十二条",
    "保留默认主题的 knowledge_base.html，或在自己的模板中链接每条留言答复",
)
def knowledge_base(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.output is None or replaced_output(ctx):
        return
    # (the replies the 知识库 holds: not an interview's or a survey's, consultation_replies)
    replies = [reply.id for reply in consultation_replies(ctx.site)]
    if not replies:
        return
    page = _page(ctx, output_path(KNOWLEDGE_URL))
    if page is None:
        yield Finding(
            "themes/default", 0, "", f"没有生成知识库页面 {KNOWLEDGE_URL} (no knowledge base page)"
        )
        return
    # (its <a> tags alone: the page lists every reply, 10,000 tags of which 1,300 are links
    # at 10k items)
    linked = {
        unquote(urlsplit(t.attrs["href"]).path)
        for t in parse_tags(page.text, _ANCHORS)
        if "href" in t.attrs
    }
    missing = [i for i in replies if ctx.site.urls[i] not in linked]
    if missing:
        names = "、".join(ctx.site.items[i].location.file for i in missing[:5])
        yield Finding(
            ctx.page_file(page),
            0,
            "",
            f"知识库 {KNOWLEDGE_URL} 缺少 {len(missing)} 条留言答复：{names} "
            f"({len(missing)} replies missing from the knowledge base)",
        )
