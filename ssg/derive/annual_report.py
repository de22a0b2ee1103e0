"""The 政府网站工作年度报表 of a year (RULES REPORT-01..03; 年报通知 国办函〔2018〕12号).

Every field of the national template (RULES REPORT-03) comes from one of four places:
- 网站配置 (data/site.yaml): name, address, host, site type, identity codes;
- 内容推导: counted from the published content dated in the year (`shown_date`: the
  publication date, or `updated` for undated pages), by the national ColumnType of the
  item's column — docs/annual-report.md says how, field by field;
- 留言数据 (data/messages.csv, when present): messages received, answered, days to answer;
- 数据文件 (data/annual-report/<Y>.yaml): the rest — visits, platform figures, security,
  new media, signatures. Keys are the template's Chinese labels nested by section.

A derivable figure the site cannot give (no 专题 column, no messages.csv …) falls back to the
data file. A figure given in the data file although it is derived is compared (REPORT-02).
`不适用` is the value for what does not apply; 0 is never a stand-in for unknown.

Once a year's report is published and submitted, `ssg report freeze <Y>` writes the figures
ssg derived (config, content, messages) into data/annual-report/<Y>.frozen.yaml, a file of its
own that the editor commits (ssg/derive/report_freeze.py). A build then shows the frozen
figures, whatever later happens to that year's items, and REPORT-02 names each figure the
content now gives differently. The build only reads the file; it never writes into data/.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ssg.check.interact import (
    EXCLUDED_CHANNEL_NAMES,
    MESSAGES_FILE,
    Message,
    consultation_messages,
    consultation_replies,
    read_messages,
)
from ssg.config import UNREADABLE, read_input
from ssg.content.frontmatter import YamlValue, parse_data_file
from ssg.content.model import Interpretation, Item, Service
from ssg.content.validate import parse_day
from ssg.diagnostics import Diagnostics, Severity
from ssg.lifecycle import MIGRATION, OPENING, load_lifecycle
from ssg.link import Site

REPORT_DIR = "data/annual-report"
SIGNED_ON = "签署.填报日期"  # the day the report was filled in and published
DEADLINE_DAY = 31  # 每年 1 月 31 日前发布上一年度报表 (RULES REPORT-01)
NOT_APPLICABLE = "不适用"
MISSING = "未填报"

CONFIG, CONTENT, MESSAGES, DATA = "config", "content", "messages", "data"
SOURCE_LABELS = {CONFIG: "网站配置", CONTENT: "内容推导", MESSAGES: "留言数据", DATA: "数据文件"}

SECTIONS = (
    "基本信息",
    "信息发布",
    "专栏专题",
    "解读回应",
    "办事服务",
    "互动交流",
    "安全防护",
    "移动新媒体",
    "创新发展",
    "签署",
)

# ColumnTypes counted in each 信息发布 figure.
OVERVIEW_TYPES = frozenset({"概况信息", "机构职能", "负责人信息"})
NEWS_TYPES = frozenset({"工作动态", "通知公告"})
DISCLOSURE_TYPES = frozenset(
    {
        "政策文件",
        "政策解读",
        "信息公开指南",
        "信息公开目录",
        "信息公开年报",
        "依法申请公开",
        "数据发布",
        "数据开放",
        "回应关切",
    }
)
TOPIC_TYPE = "专题专栏"
TOPIC_SUFFIXES = ("专题", "专栏")
MATERIAL_FORMS = frozenset({"文字解读", "专家解读", "答记者问"})
PRODUCT_FORMS = frozenset({"图解", "视频", "音频", "动漫"})
COMMENT_FORMS = frozenset({"媒体评论"})


@dataclass(frozen=True, slots=True)
class Field:
    """One field of the template: its place, unit, value kind and where it comes from."""

    path: str  # 互动交流.留言办理.收到留言数量
    unit: str  # 条 / 个 / 是/否 …; "" for text
    kind: str  # count | days | yesno | tick | text | date
    source: str  # CONFIG | CONTENT | MESSAGES | DATA (where it comes from by default)
    how: str = ""  # how it is derived, or what to fill in

    @property
    def section(self) -> str:
        return self.path.split(".", 1)[0]

    @property
    def label(self) -> str:
        """The label shown in the table: 留言办理：收到留言数量."""
        return "：".join(self.path.split(".")[1:])


def _f(path: str, unit: str, kind: str, source: str, how: str = "") -> Field:
    return Field(path, unit, kind, source, how)


_YESNO = "是/否"
# 留言办理 counts the 政务咨询类 messages (interact.consultation_messages): said where it is
# filled in and shown, for a platform's own figure of 收到留言 often counts every channel.
_OTHER_CHANNELS = f"不含类别为{'、'.join(EXCLUDED_CHANNEL_NAMES)}的留言"
FIELDS: tuple[Field, ...] = (
    _f("基本信息.网站名称", "", "text", CONFIG, "data/site.yaml 的 name"),
    _f(
        "基本信息.首页网址",
        "",
        "text",
        CONFIG,
        "https:// 加报表发布（签署.填报日期）当天本站的域名：data/site.yaml 的 domain，域名变更在此之后时为原域名",
    ),
    _f("基本信息.主办单位", "", "text", CONFIG, "data/site.yaml 的 host"),
    _f("基本信息.网站类型", "", "text", CONFIG,
       "level 为 province、city、county 时是“政府门户网站”，department 时是“部门网站”"),
    _f("基本信息.政府网站标识码", "", "text", CONFIG, "data/site.yaml 的 site_code"),
    _f("基本信息.ICP备案号", "", "text", CONFIG, "data/site.yaml 的 icp"),
    _f("基本信息.公安机关备案号", "", "text", CONFIG, "data/site.yaml 的 police_record"),
    _f("基本信息.独立用户访问总量", "个", "count", DATA, "全年独立访客数（UV），取自网站访问统计"),
    _f("基本信息.网站总访问量", "次", "count", DATA, "全年页面访问量（PV），取自网站访问统计"),
    _f("信息发布.总数", "条", "count", CONTENT, "下面三项之和"),
    _f("信息发布.概况类信息更新量", "条", "count", CONTENT,
       "概况信息、机构职能、负责人信息类栏目中，发布日期（单页与负责人取更新日期）在本年度的条目数"),
    _f("信息发布.政务动态信息更新量", "条", "count", CONTENT,
       "工作动态、通知公告类栏目中本年度发布的条目数（含网站生成的开通、下线等公告）"),
    _f("信息发布.信息公开目录信息更新量", "条", "count", CONTENT,
       "政策文件、政策解读、信息公开指南、信息公开目录、信息公开年报、依法申请公开、数据发布、"
       "数据开放、回应关切类栏目中本年度发布的条目数"),
    _f("专栏专题.维护数量", "个", "count", CONTENT,
       "专题栏目（ColumnType 为 专题专栏，或栏目名以“专题”“专栏”结尾）中本年度有信息发布的个数；"
       "站点没有专题栏目时在数据文件填写"),
    _f("专栏专题.新开设数量", "个", "count", CONTENT,
       "最早一条信息在本年度发布的专题栏目个数；站点没有专题栏目时在数据文件填写"),
    _f("解读回应.解读信息发布.总数", "条", "count", CONTENT, "本年度发布的政策解读条目数"),
    _f("解读回应.解读信息发布.解读材料数量", "条", "count", CONTENT,
       "其中解读形式 form 为 文字解读、专家解读、答记者问 的条目数"),
    _f("解读回应.解读信息发布.解读产品数量", "个", "count", CONTENT,
       "其中 form 为 图解、视频、音频、动漫 的条目数"),
    _f("解读回应.解读信息发布.媒体评论文章数量", "篇", "count", CONTENT,
       "其中 form 为 媒体评论 的条目数"),
    _f("解读回应.回应公众关注热点或重大舆情数量", "次", "count", CONTENT,
       "回应关切类栏目中本年度发布的条目数；站点没有回应关切栏目时在数据文件填写"),
    _f("办事服务.是否发布服务事项目录", _YESNO, "yesno", CONTENT,
       "年底前已发布办事指南，或 data/site.yaml 配置了政务服务平台 services.platform_url 时为“是”"),
    _f("办事服务.注册用户数", "个", "count", DATA, "政务服务平台的注册用户数"),
    _f("办事服务.政务服务事项数量", "项", "count", CONTENT,
       "年底前已发布的办事指南条目数；事项都在政务服务平台上（本站没有办事指南）时在数据文件填写"),
    _f("办事服务.可全程在线办理政务服务事项数量", "项", "count", CONTENT,
       "其中网上可办理程度 online 为 全程网办 的条目数；同上"),
    _f("办事服务.办件量.总数", "件", "count", DATA, "全年办件总量，取自政务服务平台"),
    _f("办事服务.办件量.自然人办件量", "件", "count", DATA, "其中自然人（个人）办件量"),
    _f("办事服务.办件量.法人办件量", "件", "count", DATA, "其中法人（企业）办件量"),
    _f("互动交流.是否使用统一平台", _YESNO, "yesno", CONFIG,
       "data/site.yaml 配置了统一互动平台 interact.platform_url 时为“是”"),
    _f("互动交流.留言办理.收到留言数量", "条", "count", MESSAGES,
       f"data/messages.csv 中受理日期在本年度的政务咨询类留言数（{_OTHER_CHANNELS}）；"
       "没有 messages.csv 时在数据文件填写"),
    _f("互动交流.留言办理.办结留言数量", "条", "count", MESSAGES,
       "其中在本年度内答复（答复日期不晚于 12 月 31 日）的留言数；没有 messages.csv 时在数据文件填写"),
    _f("互动交流.留言办理.平均办理时间", "天", "days", MESSAGES,
       "其中本年度内已答复（办结）留言从受理日期到答复日期的平均天数，公开与不公开的都计入，"
       "保留一位小数；没有 messages.csv 时按受理日期在本年度、本年度内答复的已公开留言答复计算"),
    _f("互动交流.留言办理.公开答复数量", "条", "count", CONTENT,
       "本年度发布的留言答复条目数（在线访谈、征集调查等类栏目中的不计）"),
    _f("互动交流.征集调查.征集调查期数", "期", "count", CONTENT,
       "征集调查类栏目中本年度发布的条目数；站点没有该类栏目时在数据文件填写"),
    _f("互动交流.征集调查.收到意见数量", "条", "count", DATA, "征集调查收到的意见总数"),
    _f("互动交流.征集调查.公布调查结果期数", "期", "count", DATA, "已公布调查结果或采纳情况的期数"),
    _f("互动交流.在线访谈.访谈期数", "期", "count", CONTENT,
       "在线访谈类栏目中本年度发布的条目数；站点没有该类栏目时在数据文件填写"),
    _f("互动交流.在线访谈.网民留言数量", "条", "count", DATA, "在线访谈收到的网民留言数"),
    _f("互动交流.在线访谈.答复网民提问数量", "条", "count", DATA, "在线访谈中答复的网民提问数"),
    _f("互动交流.是否提供智能问答", _YESNO, "yesno", DATA, "是否提供智能问答服务"),
    _f("安全防护.安全检测评估次数", "次", "count", DATA, "全年开展安全检测评估的次数"),
    _f("安全防护.发现问题数量", "个", "count", DATA, "检测评估发现的问题数"),
    _f("安全防护.问题整改数量", "个", "count", DATA, "已整改的问题数"),
    _f("安全防护.是否建立安全监测预警机制", _YESNO, "yesno", DATA, ""),
    _f("安全防护.是否开展应急演练", _YESNO, "yesno", DATA, ""),
    _f("安全防护.是否明确网站安全负责人", _YESNO, "yesno", DATA, ""),
    _f("移动新媒体.是否有移动新媒体", _YESNO, "yesno", DATA, ""),
    _f("移动新媒体.微博.名称", "", "text", DATA, "政务微博账号名称；没有微博写 不适用"),
    _f("移动新媒体.微博.信息发布量", "条", "count", DATA, "全年发布量；没有微博写 不适用"),
    _f("移动新媒体.微博.关注量", "个", "count", DATA, "年底的关注量；没有微博写 不适用"),
    _f("移动新媒体.微信.名称", "", "text", DATA, "政务微信公众号名称；没有写 不适用"),
    _f("移动新媒体.微信.信息发布量", "条", "count", DATA, "全年发布量；没有写 不适用"),
    _f("移动新媒体.微信.订阅数", "个", "count", DATA, "年底的订阅数；没有写 不适用"),
    _f("移动新媒体.其他", "", "text", DATA, "其他移动新媒体（政务客户端等）的名称与发布量；没有写 不适用"),
    _f("创新发展.搜索即服务", "勾选", "tick", DATA, "是 = 勾选（启用站内搜索时可勾选，须人工确认）"),
    _f("创新发展.多语言版本", "勾选", "tick", DATA, "是 = 勾选"),
    _f("创新发展.无障碍浏览", "勾选", "tick", DATA, "是 = 勾选（默认主题提供适老化与无障碍工具栏）"),
    _f("创新发展.千人千网", "勾选", "tick", DATA, "是 = 勾选"),
    _f("创新发展.其他", "", "text", DATA, "其他创新做法；没有写 不适用"),
    _f("签署.单位负责人", "", "text", DATA, "主办单位负责人姓名"),
    _f("签署.审核人", "", "text", DATA, "审核人姓名"),
    _f("签署.填报人", "", "text", DATA, "填报人姓名"),
    _f("签署.联系电话", "", "text", DATA, "填报人联系电话"),
    _f("签署.填报日期", "", "date", DATA, "YYYY-MM-DD"),
)  # fmt: skip

FIELDS_BY_PATH = {f.path: f for f in FIELDS}
# Derivable on most sites, but not on all (no 专题 column, no messages.csv …): the scaffold
# writes them as keys to fill in, left empty where the site derives them.
CONDITIONAL = frozenset(
    {
        "专栏专题.维护数量",
        "专栏专题.新开设数量",
        "解读回应.回应公众关注热点或重大舆情数量",
        "办事服务.政务服务事项数量",
        "办事服务.可全程在线办理政务服务事项数量",
        "互动交流.留言办理.收到留言数量",
        "互动交流.留言办理.办结留言数量",
        "互动交流.留言办理.平均办理时间",
        "互动交流.征集调查.征集调查期数",
        "互动交流.在线访谈.访谈期数",
    }
)
# Groups of fields (解读回应.解读信息发布 …): keys that hold keys.
GROUPS = frozenset(p.rsplit(".", 1)[0] for p in FIELDS_BY_PATH if p.count(".") == 2)

_COUNT = re.compile(r"^\d+$")
_DAYS = re.compile(r"^\d+(?:\.\d+)?$")
# A figure in another base, as YAML 1.1 (PyYAML) reads it: 0x12 is 18, 0o12 is 10, 0b11 is 3.
_OTHER_BASE = re.compile(r"^0([xob])[0-9a-f_]+$", re.IGNORECASE)
_BASE_NAMES = {"x": "十六进制", "o": "八进制", "b": "二进制"}

Value = int | float | str | dt.date


# --- derived figures ------------------------------------------------------------------------


def _in_year(item: Item, year: int) -> bool:
    stamp = item.shown_date
    return stamp is not None and stamp.year == year


def _year_end(year: int) -> dt.datetime:
    return dt.datetime(year, 12, 31, 23, 59)


def _is_topic(site: Site, column_id: str) -> bool:
    title = site.columns[column_id].title
    return site.column_types.get(column_id) == TOPIC_TYPE or title.endswith(TOPIC_SUFFIXES)


def _is_topic_channel(site: Site, column_id: str) -> bool:
    """A channel of topics (专题专栏 → 冰雪旅游专题, 营商环境专栏 …): no items of its own, and
    every sub-column that publishes is a topic. It groups topics; it is not one itself."""
    kids = [k for k in site.children.get(column_id, ()) if not site.columns[k].draft]
    return not site.items_in.get(column_id) and bool(kids) and all(_is_topic(site, k) for k in kids)


def topic_columns(site: Site) -> list[str]:
    """专题 columns, the outer one when topics nest; the topics of a channel of topics one by
    one (the usual portal keeps every topic in one 专题专栏 channel, itself named a topic)."""
    found = []
    for cid in sorted(site.columns):
        if not cid or site.columns[cid].draft or not _is_topic(site, cid):
            continue
        if _is_topic_channel(site, cid):
            continue
        if any(
            a and _is_topic(site, a) and not _is_topic_channel(site, a)
            for a in site.ancestors(cid)[:-1]
        ):
            continue
        found.append(cid)
    return found


def _round_days(total: float, count: int) -> float:
    return round(total / count + 1e-9, 1)


def derive(
    site: Site, year: int, messages: tuple[Message, ...] | None, home: str = ""
) -> dict[str, tuple[Value, str]]:
    """The figures this site can give for `year`: field path → (value, source).

    `messages` is None when the site has no data/messages.csv. A field missing from the
    result is not derivable on this site and comes from the data file. `home`: the 首页网址
    the report names (`home_address`), else site.yaml's domain.
    """
    config = site.config
    out: dict[str, tuple[Value, str]] = {
        "基本信息.网站名称": (config.name, CONFIG),
        "基本信息.首页网址": (home or config.base_url + "/", CONFIG),
        "基本信息.主办单位": (config.host, CONFIG),
        "基本信息.网站类型": ("政府门户网站" if config.is_portal else "部门网站", CONFIG),
        "基本信息.政府网站标识码": (config.site_code, CONFIG),
        "互动交流.是否使用统一平台": (
            "是" if config.interact.get("platform_url") else "否",
            CONFIG,
        ),
    }
    if config.icp:
        out["基本信息.ICP备案号"] = (config.icp, CONFIG)
    if config.police_record:
        out["基本信息.公安机关备案号"] = (config.police_record, CONFIG)

    items = [site.items[i] for i in sorted(site.items)]
    dated = [i for i in items if _in_year(i, year)]
    # A topic's items, its sub-columns' too (专题动态, 政策…), are part of the topic, counted
    # under 专栏专题, not in 信息发布's three figures (docs/annual-report.md §1.2), whatever
    # type their column has.
    in_topic = {
        cid for cid in site.columns if any(a and _is_topic(site, a) for a in site.ancestors(cid))
    }

    def kind(item: Item) -> str:
        return site.column_types.get(item.column, "")

    def published(item: Item) -> str:
        return "" if item.column in in_topic else kind(item)

    overview = sum(1 for i in dated if published(i) in OVERVIEW_TYPES)
    news = sum(1 for i in dated if published(i) in NEWS_TYPES)
    disclosure = sum(1 for i in dated if published(i) in DISCLOSURE_TYPES)
    out["信息发布.概况类信息更新量"] = (overview, CONTENT)
    out["信息发布.政务动态信息更新量"] = (news, CONTENT)
    out["信息发布.信息公开目录信息更新量"] = (disclosure, CONTENT)
    out["信息发布.总数"] = (overview + news + disclosure, CONTENT)

    topics = topic_columns(site)
    if topics:
        maintained = opened = 0
        for cid in topics:
            stamps = [
                s
                for s in (site.items[i].shown_date for i in site.items_under(cid))
                if s is not None
            ]
            if any(s.year == year for s in stamps):
                maintained += 1
            if stamps and min(stamps).year == year:
                opened += 1
        out["专栏专题.维护数量"] = (maintained, CONTENT)
        out["专栏专题.新开设数量"] = (opened, CONTENT)

    readings = [i for i in dated if isinstance(i, Interpretation)]
    out["解读回应.解读信息发布.总数"] = (len(readings), CONTENT)
    for path, forms in (
        ("解读回应.解读信息发布.解读材料数量", MATERIAL_FORMS),
        ("解读回应.解读信息发布.解读产品数量", PRODUCT_FORMS),
        ("解读回应.解读信息发布.媒体评论文章数量", COMMENT_FORMS),
    ):
        out[path] = (sum(1 for r in readings if r.form in forms), CONTENT)

    # A draft column publishes nothing (`ssg init` makes every column a draft until it has
    # content): it does not make the figure derivable, the data file gives it.
    column_kinds = {
        site.column_types.get(c, "") for c in site.columns if c and not site.columns[c].draft
    }
    for path, column_type in (
        ("解读回应.回应公众关注热点或重大舆情数量", "回应关切"),
        ("互动交流.征集调查.征集调查期数", "征集调查"),
        ("互动交流.在线访谈.访谈期数", "在线访谈"),
    ):
        if column_type in column_kinds:
            out[path] = (sum(1 for i in dated if kind(i) == column_type), CONTENT)

    services = [
        i
        for i in items
        if isinstance(i, Service) and i.date is not None and i.date <= _year_end(year)
    ]
    platform = bool(config.services.get("platform_url"))
    out["办事服务.是否发布服务事项目录"] = ("是" if services or platform else "否", CONTENT)
    if services or not platform:
        out["办事服务.政务服务事项数量"] = (len(services), CONTENT)
        online = sum(1 for s in services if s.online == "全程网办")
        out["办事服务.可全程在线办理政务服务事项数量"] = (online, CONTENT)

    # The public answers of 留言办理: a reply item in an 在线访谈 or 征集调查 column is counted
    # there (访谈期数, 征集调查期数), not here too.
    answers = consultation_replies(site)
    replies = [r for r in answers if _in_year(r, year)]
    out["互动交流.留言办理.公开答复数量"] = (len(replies), CONTENT)
    if messages is not None:
        received = [m for m in consultation_messages(messages) if m.received.year == year]
        # Answered in the year: a reply after 31 December is the next year's work, and
        # counting it made the published report change with every later build.
        end = _year_end(year).date()
        # A row whose 答复日期 cannot be read counts as answered (Message.answered_undated).
        answered = [m for m in received if m.answered_by(end)]
        out["互动交流.留言办理.收到留言数量"] = (len(received), MESSAGES)
        out["互动交流.留言办理.办结留言数量"] = (len(answered), MESSAGES)
        # A row answered before it was received, or on a day that cannot be read, has no days
        # to count: left out, not a negative number. Either is an error at its row (reading
        # messages.csv), as a reply item so dated is where its front matter is validated: the
        # build is blocked, and these figures are only what `ssg check` sees meanwhile.
        spans = [
            (m.replied - m.received).days
            for m in answered
            if m.replied is not None and m.replied >= m.received
        ]
        if spans:
            out["互动交流.留言办理.平均办理时间"] = (_round_days(sum(spans), len(spans)), MESSAGES)
    else:
        # The template's 平均办理时间 is of the messages 收到 in the year (其中: of 收到留言数量)
        # and answered in it, as counted from messages.csv: a reply's own 受理日期 and 答复日期
        # say which, not the day it was published (a December answer published in January,
        # or last December's message answered in January). A reply item answered before it
        # was received never gets here: it is invalid input.
        end = _year_end(year).date()
        spans = [
            (r.replied.date() - r.received.date()).days
            for r in answers
            if r.received.year == year and r.replied.date() <= end
        ]
        if spans:
            out["互动交流.留言办理.平均办理时间"] = (_round_days(sum(spans), len(spans)), CONTENT)
    return out


# --- the data file ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a data file: reported by the REPORT-03 rule."""

    severity: Severity
    line: int
    field: str
    message: str
    code: str | None = None  # a reading problem's own code (FILE-03, YAML-04), not REPORT-03
    # A mistyped key: the template path it was taken for (its did-you-mean). In a frozen file
    # its derived figures therefore follow the site (`Report.unfrozen`); in the data file its
    # fields are therefore not filled in (`Report.unfilled`).
    meant: str = ""


@dataclass(frozen=True, slots=True)
class YearData:
    """data/annual-report/<Y>.yaml as written: text values by field path, with lines."""

    file: str
    exists: bool
    values: Mapping[str, str] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    # False when the file could not be read as a whole (unreadable, a YAML error, not a
    # mapping): its fields are then unknown, not missing.
    whole: bool = True

    def line(self, path: str) -> int:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path.rpartition(".")[0]
        return 1 if self.exists else 0


def data_file(year: int) -> str:
    return f"{REPORT_DIR}/{year}.yaml"


def report_year(name: str) -> int | None:
    """The year a file in data/annual-report/ is for: 2025.yaml → 2025; None when the name
    is not <year>.yaml. Four digits without a leading zero, so that the name is the year's
    own (0000.yaml is no year; 0999.yaml would be read as 999.yaml)."""
    match = re.fullmatch(r"([1-9][0-9]{3})\.yaml", name)
    return int(match.group(1)) if match else None


def report_files(root: Path) -> tuple[list[Path], str]:
    """The entries of data/annual-report/ in name order, and why they could not be listed
    ("" when they could, or when there is no such folder)."""
    folder = root / REPORT_DIR
    if not folder.is_dir():
        if os.path.lexists(folder):
            # (a file, or a dead link, where the folder belongs: without this the editor saw
            # only REPORT-01 "no data file", and not why)
            return [], (
                f"{REPORT_DIR} 应为文件夹，现在是一个文件（或失效的链接）；其中的年度报表数据文件"
                "都找不到 (must be a folder)"
            )
        return [], ""
    try:
        return sorted(folder.iterdir()), ""
    except OSError as exc:
        return [], (
            f"无法读取文件夹 {REPORT_DIR}：{exc.strerror or exc}；请检查权限 "
            "(cannot read the folder)"
        )


def load_year_data(root: Path, year: int) -> YearData:
    rel = data_file(year)
    raw, unreadable = read_input(root / rel)
    if unreadable:
        problem = Problem(Severity.ERROR, 0, "", unreadable, UNREADABLE)
        return YearData(rel, True, problems=(problem,), whole=False)
    if raw is None:
        return YearData(rel, False)
    scratch = Diagnostics()
    data, lines = parse_data_file(raw, rel, scratch)
    problems = [Problem(Severity.ERROR, d.line, d.field, d.message, d.code) for d in scratch]
    values: dict[str, str] = {}
    if problems:
        return YearData(rel, True, values, lines, tuple(problems), whole=False)
    if not isinstance(data, dict):
        problems.append(
            Problem(
                Severity.ERROR,
                1,
                "",
                "年度报表数据文件应为按部分分组的映射，如“基本信息:”下写各项 (expected a mapping)",
            )
        )
        return YearData(rel, True, values, lines, tuple(problems), whole=False)
    _walk(data, "", lines, values, problems)
    if values.get(_HAS_NEW_MEDIA) == "否":  # (then none of its accounts applies)
        for leaf in _leaves_under(_HAS_NEW_MEDIA.rpartition(".")[0]):
            # (left empty too: `ssg new annual-report` writes every account's key)
            if leaf != _HAS_NEW_MEDIA and not values.get(leaf):
                values[leaf] = NOT_APPLICABLE
    return YearData(rel, True, values, lines, tuple(problems))


_HAS_NEW_MEDIA = "移动新媒体.是否有移动新媒体"


# --- the frozen figures (data/annual-report/<Y>.frozen.yaml) ---------------------------------

FROZEN_ON = "冻结日期"  # the top-level key that says when the figures were frozen
# What a frozen file may hold: every figure ssg can derive. The data file's own figures are
# already the editor's, in git; a frozen value of them would be a second, silent copy.
FREEZABLE = frozenset(f.path for f in FIELDS if f.source != DATA or f.path in CONDITIONAL)


@dataclass(frozen=True, slots=True)
class FrozenData:
    """data/annual-report/<Y>.frozen.yaml as written: the figures shown instead of the derived
    ones, with their lines. `exists` False: the year's figures are not frozen."""

    file: str
    exists: bool
    figures: Mapping[str, Value] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    frozen_on: dt.date | None = None  # 冻结日期, when given and valid


def frozen_file(year: int) -> str:
    return f"{REPORT_DIR}/{year}.frozen.yaml"


def frozen_year(name: str) -> int | None:
    """The year of a frozen file's name (2025.frozen.yaml → 2025), else None."""
    match = re.fullmatch(r"([1-9][0-9]{3})\.frozen\.yaml", name)
    return int(match.group(1)) if match else None


def load_frozen(root: Path, year: int) -> FrozenData:
    rel = frozen_file(year)
    raw, unreadable = read_input(root / rel)
    if unreadable:
        return FrozenData(
            rel, True, problems=(Problem(Severity.ERROR, 0, "", unreadable, UNREADABLE),)
        )
    if raw is None:
        return FrozenData(rel, False)
    scratch = Diagnostics()
    data, lines = parse_data_file(raw, rel, scratch)
    problems = [Problem(Severity.ERROR, d.line, d.field, d.message, d.code) for d in scratch]
    if problems:
        return FrozenData(rel, True, lines=lines, problems=tuple(problems))
    if not isinstance(data, dict):
        problems.append(
            Problem(Severity.ERROR, 1, "", "冻结文件应为按部分分组的映射 (expected a mapping)")
        )
        return FrozenData(rel, True, lines=lines, problems=tuple(problems))
    frozen_on = None
    stamp = data.pop(FROZEN_ON, None)
    if stamp is not None:
        parsed, error = parse_value(
            Field(FROZEN_ON, "", "date", DATA), stamp if isinstance(stamp, str) else "?"
        )
        if isinstance(parsed, dt.date):
            frozen_on = parsed
        else:
            problems.append(
                Problem(
                    Severity.ERROR,
                    lines.get(FROZEN_ON, 1),
                    FROZEN_ON,
                    f"“{FROZEN_ON}”{error or '应为日期 YYYY-MM-DD'} (invalid date)",
                )
            )
    texts: dict[str, str] = {}
    _walk(data, "", lines, texts, problems, frozen=True)
    figures: dict[str, Value] = {}
    for path, text in texts.items():
        line = lines.get(path, 1)
        if path not in FREEZABLE:
            problems.append(
                Problem(
                    Severity.ADVICE,
                    line,
                    path,
                    f"“{path}”由数据文件 {data_file(year)} 填写，不由 ssg 推导；冻结文件中的这一项"
                    "已忽略，请删除 (not a derived figure; ignored)",
                )
            )
            continue
        value, error = parse_value(FIELDS_BY_PATH[path], text)
        if value is None:
            problems.append(
                Problem(
                    Severity.ERROR,
                    line,
                    path,
                    f"冻结的“{path}”的值 “{text}” 不可用：{error or '不能为空'} (invalid value)",
                )
            )
            continue
        figures[path] = value
    return FrozenData(rel, True, figures, lines, tuple(problems), frozen_on)


def _leaves_under(prefix: str) -> list[str]:
    return [path for path in FIELDS_BY_PATH if path.startswith(prefix + ".")]


def _known_children(prefix: str) -> list[str]:
    depth = prefix.count(".") + 1 if prefix else 0
    names = set()
    for path in FIELDS_BY_PATH:
        parts = path.split(".")
        if len(parts) > depth and (not prefix or path.startswith(prefix + ".")):
            names.add(parts[depth])
    return sorted(names)


def _walk(
    node: Mapping[str, YamlValue],
    prefix: str,
    lines: Mapping[str, int],
    values: dict[str, str],
    problems: list[Problem],
    frozen: bool = False,
) -> None:
    """`frozen`: the node is of a frozen file (see `_unknown_key`)."""
    known = _known_children(prefix)
    for key, value in node.items():
        path = f"{prefix}.{key}" if prefix else key
        line = lines.get(path, 1)
        if key not in known:
            problems.append(_unknown_key(prefix, key, line, known, frozen))
            continue
        is_leaf = path in FIELDS_BY_PATH
        if is_leaf:
            if isinstance(value, str):
                values[path] = value.strip()
            else:
                problems.append(
                    Problem(
                        Severity.ERROR,
                        line,
                        path,
                        f"“{path}”应为一个值，不是列表或映射 (expected a single value)",
                    )
                )
        elif isinstance(value, dict):
            _walk(value, path, lines, values, problems, frozen)
        elif isinstance(value, str) and value.strip() == NOT_APPLICABLE:
            # (a whole part that does not apply, 微博: 不适用: each of its fields)
            for leaf in _leaves_under(path):
                values.setdefault(leaf, NOT_APPLICABLE)
        elif value != "":
            problems.append(
                Problem(
                    Severity.ERROR,
                    line,
                    path,
                    f"“{path}”下应分项填写：{'、'.join(_known_children(path))} "
                    "(expected a mapping of its fields)",
                )
            )


def _unknown_key(prefix: str, key: str, line: int, known: list[str], frozen: bool) -> Problem:
    """A key the template lacks, named with the nearest known one. In the data file it is
    advice, unless the fields it meant are then not filled in: REPORT-03 then reports it once
    as their deduct, naming them (`mistyped_data_key`). In a frozen file it
    is an error when it meant a figure a frozen file holds: that figure is not frozen and
    silently follows the content, while the page says the report is frozen — a published,
    submitted figure changing (年报通知 一、三; RULES REPORT-02). When it meant a data file's
    field or 冻结日期, which no content changes, it is the advice a correctly spelled one gets."""
    where = f"“{prefix}”中" if prefix else ""
    path = f"{prefix}.{key}" if prefix else key
    names = known + ([FROZEN_ON] if frozen and not prefix else [])
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.4)
    hint = f"，是不是“{close[0]}”？" if close else f"；可用的是：{'、'.join(names)}"
    meant = f"{prefix}.{close[0]}" if close and prefix else close[0] if close else ""
    if not frozen:
        return Problem(
            Severity.ADVICE,
            line,
            path,
            f"年度报表{where}没有“{key}”这一项{hint}已忽略 (unknown key)",
            meant=meant,
        )
    if meant == FROZEN_ON:
        return Problem(
            Severity.ADVICE, line, path,
            f"冻结文件中没有“{key}”这一项{hint}它只记录冻结的日期，写错不改变任何数字；已忽略 "
            f"(unknown key; did you mean {FROZEN_ON}?)",
        )  # fmt: skip
    if meant and not any(f == meant or f.startswith(meant + ".") for f in FREEZABLE):
        return Problem(
            Severity.ADVICE, line, path,
            f"年度报表{where}没有“{key}”这一项{hint}“{close[0]}”由数据文件填写，不由 ssg 推导，"
            "不必冻结；冻结文件中的这一项已忽略，请删除 (unknown key; not a derived figure)",
        )  # fmt: skip
    if close:
        return Problem(Severity.ERROR, line, path, mistyped_frozen_key(path, meant), meant=meant)
    return Problem(
        Severity.ERROR, line, path,
        f"年度报表{where}没有“{key}”这一项{hint}。名称写错的项不冻结任何数字，若它本应冻结一个"
        "推导的数字，那个数字会随网站内容悄悄变化，而报表注明已冻结；请改为 ssg report freeze "
        "写出的名称 (unknown key in a frozen file: it freezes nothing)",
    )  # fmt: skip


def mistyped_frozen_key(path: str, meant: str, unfrozen: tuple[str, ...] = ()) -> str:
    """The error for a frozen file's key `path` that was meant as `meant`, a figure or a part
    (or group) holding derived figures. `unfrozen`: the paths of the figures of that part the
    report therefore shows as the site gives them now, named in this one finding rather than
    one advice each (`frozen_figures_missing`): renaming the key is the one fix, and "add a
    line under 信息发布" would have pointed at a part the file does not have."""
    prefix, _, key = path.rpartition(".")
    near = meant.rpartition(".")[2]
    where = f"“{prefix}”中" if prefix else ""
    if unfrozen:
        names = "、".join("：".join(p[len(meant) + 1 :].split(".")) for p in unfrozen)
        consequence = (
            f"“{meant}”的 {len(unfrozen)} 项（{names}）因此没有冻结，会随网站内容悄悄变化，"
            "而报表注明已冻结"
        )
        english = f"; did you mean {near}? {len(unfrozen)} of its figures are not frozen"
    else:
        consequence = "它本应冻结的数字会随网站内容悄悄变化，而报表注明已冻结"
        english = f"; did you mean {near}?"
    return (
        f"年度报表{where}没有“{key}”这一项，是不是“{near}”？名称写错的项不冻结任何数字，"
        f"{consequence}；请改为 ssg report freeze 写出的名称 "
        f"(unknown key in a frozen file: it freezes nothing{english})"
    )


def mistyped_data_key(path: str, meant: str, unfilled: tuple[Field, ...]) -> str:
    """The finding for the data file's key `path`, taken for `meant` (a field, or a part or
    group holding fields), whose fields `unfilled` (not empty) the report therefore shows as
    未填报. Named in this one finding rather than one each at line 1 (or at the line of the
    part above): renaming the key is the one fix, and "not filled in" pointed at lines the
    file does have, under a name the editor had written, only misspelled."""
    prefix, _, key = path.rpartition(".")
    near = meant.rpartition(".")[2]
    where = f"“{prefix}”中" if prefix else ""
    if meant in FIELDS_BY_PATH:
        (fld,) = unfilled
        unit = f"单位：{fld.unit}" if fld.unit and fld.unit != "勾选" else ""
        about = "——".join(x for x in (unit, fld.how) if x)
        consequence = f"“{meant}”{f'（{about}）' if about else ''}因此未填报"
        english = "the field is not filled in"
    else:
        names = "、".join(f.path[len(meant) + 1 :].replace(".", "：") for f in unfilled)
        consequence = f"“{meant}”的 {len(unfilled)} 项（{names}）因此未填报"
        english = f"{len(unfilled)} of its fields are not filled in"
    return (
        f"年度报表{where}没有“{key}”这一项，是不是“{near}”？名称写错的项不被读取，"
        f"{consequence}，报表中显示为“未填报”；请把“{key}”改为“{near}” "
        f"(unknown key; did you mean {near}? {english})"
    )


def _not_as_written(text: str, number: re.Pattern[str]) -> str:
    """Why a figure is not plainly the number written ("" when it is): a leading zero (0012)
    or another base (0x12). ssg reads the data file as text and would show 0012 as 12, but
    YAML 1.1 — PyYAML, and any tool that reads the file so — takes 0012 for the octal 10 and
    0019, no octal, for the text "0019": the published report and a figure taken from the
    same file could differ (年报通知 三: 数据真实准确). Which one was meant only the editor
    knows, so neither is guessed."""
    match = _OTHER_BASE.match(text)
    if match:
        try:
            value = int(text.replace("_", ""), 0)
        except ValueError:  # (0x1g: no number in any base; the plain message says so)
            return ""
        name = _BASE_NAMES[match.group(1).lower()]
        return f"{text} 是{name}写法（即 {value}），报表只收十进制数字；请写作 {value}"
    # (a `number` but for its zeros: 0012abc is none at all, and 05.5 no count: the plain
    # message says so)
    if not (number.match(text) and len(text) > 1 and text[0] in "0０" and text[1].isdigit()):
        return ""
    whole, dot, fraction = text.partition(".")
    ours = (whole.lstrip("0０") or "0") + dot + fraction
    theirs = yaml.safe_load(text)  # (YAML 1.1's reading of the plain scalar)
    if isinstance(theirs, int | float) and not isinstance(theirs, bool):
        if float(theirs) == float(ours):
            other = ""
        else:
            other = f"，而 YAML 1.1 的读取程序（如 PyYAML）读作八进制数，即 {theirs}"
    else:
        other = f"，而 YAML 1.1 的读取程序（如 PyYAML）读作文字“{text}”，不是数字"
    return (
        f"{text} 以 0 开头：ssg 读作 {ours}{other}；报表只收不以 0 开头的十进制数字，请写作 {ours}"
    )


def parse_value(fld: Field, text: str) -> tuple[Value | None, str]:
    """Text from the data file → (value, error). ("", "") is not given; 不适用 stays text."""
    if text == NOT_APPLICABLE:
        return NOT_APPLICABLE, ""
    if not text:
        return None, ""
    if fld.kind in ("count", "days"):
        unwritten = _not_as_written(text, _COUNT if fld.kind == "count" else _DAYS)
        if unwritten:
            return None, unwritten
    if fld.kind == "count":
        if _COUNT.match(text):
            return int(text), ""
        return None, f"应为非负整数（{fld.unit}），只写数字，如 12345；不适用时写 不适用"
    if fld.kind == "days":
        if _DAYS.match(text):
            return float(text), ""
        return None, "应为天数，如 5 或 4.5；不适用时写 不适用"
    if fld.kind in ("yesno", "tick"):
        if text in ("是", "否"):
            return text, ""
        return None, "应为 是 或 否"
    if fld.kind == "date":
        # (as every date an editor writes: full-width digits, no year below 1000)
        day = parse_day(text)
        if day is not None:
            return day, ""
        return None, "应为日期 YYYY-MM-DD，如 2026-01-20"
    return text, ""


# --- the report -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the report: the figure shown, where it came from, what the file said."""

    field: Field
    value: Value | None  # None: 未填报 (missing, or invalid in the data file)
    source: str  # CONFIG | CONTENT | MESSAGES | DATA: where the shown value came from
    given: str = ""  # the text in the data file, "" when not given
    line: int = 0  # its line in the data file
    error: str = ""  # why the given text is not a valid value
    differs: bool = False  # given, valid, and not the value shown (REPORT-02)
    frozen: bool = False  # the value shown is the frozen file's (ssg report freeze)
    live: Value | None = None  # frozen: what ssg derives now (None: no longer derivable)

    @property
    def drifted(self) -> bool:
        """Frozen, and the content (config, messages) now gives another figure (REPORT-02)."""
        return self.frozen and (
            self.live is None or self.value is None or not _same(self.field, self.live, self.value)
        )

    @property
    def live_display(self) -> str:
        return display(self.field, self.live)

    @property
    def status(self) -> str:
        if self.value is None:
            return "invalid" if self.error else "missing"
        return "not_applicable" if self.value == NOT_APPLICABLE else "ok"

    @property
    def display(self) -> str:
        return display(self.field, self.value)

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS[self.source]


def display(fld: Field, value: Value | None) -> str:
    if value is None:
        return MISSING
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if fld.kind == "tick" and value in ("是", "否"):
        return "☑ 是" if value == "是" else "☐ 否"
    return str(value)


def _same(fld: Field, derived: Value, given: Value) -> bool:
    if fld.kind == "days" and isinstance(derived, float | int) and isinstance(given, float | int):
        return abs(round(float(derived), 1) - round(float(given), 1)) < 0.05
    if fld.path == "基本信息.首页网址" and isinstance(derived, str) and isinstance(given, str):
        # The same home page however it is written: with or without the scheme (a form
        # filled in by hand often says http:// or nothing) or the last slash, in any case.
        return _home_address(derived) == _home_address(given)
    return derived == given


HOME_FIELD = "基本信息.首页网址"


def _home_address(url: str) -> str:
    bare = url.strip().lower()
    for scheme in ("https://", "http://"):
        bare = bare.removeprefix(scheme)
    return bare.rstrip("/")


@dataclass(frozen=True, slots=True)
class Report:
    year: int
    rows: tuple[Row, ...]
    data: YearData
    frozen: FrozenData

    @property
    def url(self) -> str:
        return report_url(self.year)

    def sections(self) -> list[tuple[str, list[Row]]]:
        return [(s, [r for r in self.rows if r.field.section == s]) for s in SECTIONS]

    def row(self, path: str) -> Row:
        return next(r for r in self.rows if r.field.path == path)

    def unfrozen(self) -> list[Row]:
        """The year is frozen, yet these figures follow the site: ssg derives them and the
        frozen file does not give them (left out, or under a mistyped key)."""
        if not self.frozen.exists:
            return []
        return [r for r in self.rows if not r.frozen and r.source != DATA and r.value is not None]

    def unfilled(self) -> list[Row]:
        """The fields the data file should give and does not (left out, left empty, or under
        a mistyped key): the report shows them as 未填报. None when the file is missing
        (REPORT-01) or cannot be read as a whole (its fields are then unknown, not missing)."""
        if not self.data.exists or not self.data.whole:
            return []
        return [r for r in self.rows if r.source == DATA and r.value is None and not r.error]


def report_url(year: int) -> str:
    return f"/ndbb/{year}/"


def is_report_page(rel: str) -> bool:
    """An output path of the annual reports: /ndbb/, /ndbb/<Y>/ and their downloads."""
    return rel.startswith("ndbb/")


def site_messages(root: Path) -> tuple[Message, ...] | None:
    if not (root / MESSAGES_FILE).is_file():
        return None
    return read_messages(root)[0]


def published_on(data: YearData, year: int, today: dt.date) -> dt.date:
    """The day the report of `year` is published: its 签署.填报日期 when valid, else the build
    date, at the latest the deadline of 31 January (REPORT-01) by which it was due."""
    signed, _ = parse_value(FIELDS_BY_PATH[SIGNED_ON], data.values.get(SIGNED_ON, ""))
    if isinstance(signed, dt.date):
        return signed
    return min(today, dt.date(year + 1, 1, DEADLINE_DAY))


def home_address(site: Site, root: Path, data: YearData, year: int) -> str:
    """基本信息.首页网址: the site's address on the day the report is published, as filled in
    the 全国政府网站信息报送系统 then (年报通知 二) — the old domain when a domain change
    comes later (Lifecycle.domain_on; the report is published on the 原网站). So a later
    change does not rewrite a published report, nor set it apart from its frozen figures."""
    day = published_on(data, year, site.build_date)
    lifecycle = load_lifecycle(root, Diagnostics())
    return f"https://{lifecycle.domain_on(site.config.domain, day)}/"


def build_report(site: Site, root: Path, year: int) -> Report:
    """The year's report: the frozen figures where the year has them, else the derived ones,
    else the data file's."""
    data = load_year_data(root, year)
    derived = derive(site, year, site_messages(root), home_address(site, root, data, year))
    frozen = load_frozen(root, year)
    rows = []
    for fld in FIELDS:
        given = data.values.get(fld.path, "")
        line = data.lines.get(fld.path, 0) if fld.path in data.values else 0
        parsed, error = parse_value(fld, given)
        if fld.path in frozen.figures:
            # Published and submitted as frozen: later moves, withdrawals and deletions of the
            # year's items no longer change it (REPORT-02 reports the difference instead).
            value = frozen.figures[fld.path]
            live, source = derived.get(fld.path, (None, fld.source))
            differs = parsed is not None and not _same(fld, value, parsed)
            rows.append(Row(fld, value, source, given, line, error, differs, True, live))
        elif fld.path in derived:
            value, source = derived[fld.path]
            differs = parsed is not None and not _same(fld, value, parsed)
            rows.append(Row(fld, value, source, given, line, error, differs))
        else:
            rows.append(Row(fld, parsed, DATA, given, line, error))
    return Report(year, tuple(rows), data, frozen)


def existed_in(site: Site, root: Path, year: int) -> bool:
    """Did the site exist in `year`? Its opening event says so, else content dated then or
    before: a site opened this year owes no report for the last (REPORT-01). Nor does one
    that had moved away for good (migration) by 1 January: all that year it was only its
    migration notice."""
    lifecycle = load_lifecycle(root, Diagnostics())
    if any(e.start <= dt.date(year, 1, 1) for e in lifecycle.of(MIGRATION)):
        return False
    openings = lifecycle.of(OPENING)
    if openings:
        return min(e.start for e in openings).year <= year
    return any(i.shown_date is not None and i.shown_date.year <= year for i in site.items.values())


def report_years(site: Site, root: Path) -> list[int]:
    """The year before the build date (when the site existed then), and every earlier year
    with a data file or frozen figures."""
    build_date = site.build_date
    due = build_date.year - 1
    years = {due} if existed_in(site, root, due) else set()
    for path in report_files(root)[0]:  # (an unreadable folder: REPORT-03 says so)
        # (a frozen file without its data file: the report was published all the same)
        year = report_year(path.name) or frozen_year(path.name)
        if year is not None and year < build_date.year:
            years.add(year)
    return sorted(years)


def build_reports(site: Site, root: Path) -> list[Report]:
    return [build_report(site, root, y) for y in report_years(site, root)]


@dataclass(frozen=True, slots=True)
class _Reports:
    years: tuple[int, ...]
    reports: tuple[Report, ...]


def _reports(site: Site, root: Path) -> _Reports:
    key = str(root)
    found = site.reports_memo.get(key)
    if not isinstance(found, _Reports):
        years = tuple(report_years(site, root))
        reports = tuple(build_report(site, root, y) for y in years)
        found = site.reports_memo[key] = _Reports(years, reports)
    return found


def reports_of(site: Site, root: Path) -> list[Report]:
    """`build_reports`, made once per Site and source folder (`Site.reports_memo`): the render
    and the REPORT rules of one build ask for the same reports. A Site is of one build (or one
    hot update), whose data/ does not change while it runs."""
    return list(_reports(site, root).reports)


def years_of(site: Site, root: Path) -> list[int]:
    """`report_years`, once per Site and source folder, as `reports_of`."""
    return list(_reports(site, root).years)


# --- downloads --------------------------------------------------------------------------------


def _json_value(value: Value | None) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# A domain name: dot-separated labels of letters (Chinese ones too, 示例市政府.政务), digits and
# inner hyphens, the last one letters only or IDNA's (xn--…, 政务 as xn--zfr164b). Neither
# 不适用 nor an IP address is one.
_DOMAIN_NAME = re.compile(r"(?:[^\W_](?:(?:[^\W_]|-)*[^\W_])?\.)+(?:[^\W\d_]{2,}|xn--[a-z0-9-]+)")


def _domain_of(value: Value | None) -> str:
    """The domain of a 首页网址 written with or without the scheme, "" when it names none."""
    if not isinstance(value, str):
        return ""
    host = _home_address(value).split("/", 1)[0].split(":", 1)[0]  # (a port is no domain's)
    return host if _DOMAIN_NAME.fullmatch(host) else ""


def report_domain(report: Report, current: str) -> str:
    """The domain the report names: the host of its 基本信息.首页网址 as shown (the domain
    on the day it was published, or as frozen; `home_address`), written with or without
    the scheme. A frozen 首页网址 that names no domain (不适用, 见附件, an IP address: the
    frozen file is the editor's to correct) gives the domain in effect for the report, the
    one `home_address` derives (the row's `live`), not its text and not "": `site` says
    whose report this is — with its name and 标识码 — and the site had a domain that year
    whatever the row says, which the row itself still shows as it is (status
    not_applicable for 不适用). "" would leave a reader of many reports without the site,
    and the text would pass for a host. `current` (site.yaml's domain) only when neither
    names one."""
    row = report.row(HOME_FIELD)
    in_effect = _domain_of(row.live) if row.frozen else ""
    return _domain_of(row.value) or in_effect or current


def _report_text(report: Report, path: str, current: str) -> str:
    """A text field of the report as its row shows it (as frozen, when it is), else `current`."""
    value = report.row(path).value
    return value if isinstance(value, str) and value and value != NOT_APPLICABLE else current


def report_json(site: Site, report: Report) -> str:
    config = site.config
    # The site as the report names it, not as site.yaml does today: a later renaming, a new
    # 标识码 or domain must not make the download name another site than its own rows and
    # the page do (a frozen report keeps the ones it was submitted with).
    name = _report_text(report, "基本信息.网站名称", config.name)
    data = {
        "title": f"{name}网站工作年度报表（{report.year}年度）",
        "year": report.year,
        "site": {
            "name": name,
            "domain": report_domain(report, config.domain),
            "site_code": _report_text(report, "基本信息.政府网站标识码", config.site_code),
        },
        # (when the derived figures were frozen: None while they follow the content)
        "frozen_on": report.frozen.frozen_on.isoformat() if report.frozen.frozen_on else None,
        "sections": [
            {
                "section": section,
                "fields": [
                    {
                        "field": row.field.label,
                        "path": row.field.path,
                        "unit": row.field.unit,
                        "value": _json_value(row.value),
                        "display": row.display,
                        "source": row.source_label,
                        "status": row.status,
                        "frozen": row.frozen,
                    }
                    for row in rows
                ],
            }
            for section, rows in report.sections()
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def report_csv(report: Report) -> str:
    """UTF-8 with a BOM, so that spreadsheet programs read the Chinese right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["部分", "指标", "数值", "单位", "来源"])
    for row in report.rows:
        writer.writerow(
            [row.field.section, row.field.label, row.display, row.field.unit, row.source_label]
        )
    return "\ufeff" + buffer.getvalue()


def download_names(year: int) -> tuple[str, str]:
    return f"ndbb-{year}.json", f"ndbb-{year}.csv"


def newest_link(reports: Iterable[Report]) -> dict[str, Any] | None:
    """What the home page links (REPORT-01): the newest report."""
    newest = max(reports, key=lambda r: r.year, default=None)
    if newest is None:
        return None
    return {
        "year": newest.year,
        "url": newest.url,
        # As the report names itself (…年度报表（2025年度）), without the site's name: the
        # link is on the site's own home page. "2025年度…年度报表" said 年度 twice.
        "title": f"政府网站工作年度报表（{newest.year}年度）",
    }


# --- `ssg new annual-report <Y>` ------------------------------------------------------------


class ReportFileExists(Exception):
    pass


# The first year with a report: 年报通知 (国办函〔2018〕12号, 2018-01-15, RULES REPORT-01 ✅)
# set up the 政府网站工作年度报表, published by 31 January for the year before — the first, for
# 2017, by 31 January 2018. No template, and no report, exists for an earlier year.
FIRST_REPORT_YEAR = 2017


def new_report_year_problem(year: int, today: dt.date) -> str:
    """Why `ssg new annual-report <year>` on `today` writes no data file ("" when it may): a
    year that has not begun has no figures yet (the report for Y is published in Y+1, by 31
    January: RULES REPORT-01), and a year before FIRST_REPORT_YEAR had no report. The year
    under way may be prepared: its figures are filled in as they come."""
    if year > today.year:
        return (
            f"{year} 年度还没有开始（日期 {today.isoformat()}）：年度报表在下一年 1 月 31 日前发布"
            f"上一年度的数字（RULES REPORT-01），现在只能新建 {today.year} 年度或更早的 "
            f"(the year {year} has not begun)"
        )
    if year < FIRST_REPORT_YEAR:
        return (
            f"{year} 年度没有政府网站工作年度报表：报表由年报通知（国办函〔2018〕12号，2018-01-15）"
            f"设立，首期为 {FIRST_REPORT_YEAR} 年度；请写 {FIRST_REPORT_YEAR} 至 {today.year} 之间的"
            f"年份 (no annual report before {FIRST_REPORT_YEAR})"
        )
    return ""


def scaffold_text(year: int) -> str:
    """The data file with every key, its unit and a comment. Keys the site always derives
    are commented out; keys some sites derive are left empty, to fill in where it cannot."""
    out = [
        f"# {year} 年度政府网站工作年度报表的数据（RULES REPORT-03；说明见 docs/annual-report.md）",
        "# 填写内容无法推导的数字：只写数字，不写单位，不以 0 开头（写 12，不写 0012）；",
        "# 不适用的写 不适用；不要用 0 代替未知。",
        "# 留空的项在报表中显示为“未填报”，ssg check 逐项报告。",
        "# 以 # 开头的项由 ssg 从网站配置或内容推导，不必填写；去掉 # 填写时，ssg 会与推导值",
        "# 核对并报告差异（REPORT-02）。注明“本站能推导时留空”的项，推导不了时才须填写。",
        "",
    ]

    def commented(fld: Field) -> bool:
        return fld.source != DATA and fld.path not in CONDITIONAL

    groups: set[str] = set()
    for section in SECTIONS:
        out.append(f"{section}:")
        for fld in (f for f in FIELDS if f.section == section):
            parts = fld.path.split(".")
            indent = "  "
            if len(parts) == 3:
                group = ".".join(parts[:2])
                if group not in groups:
                    groups.add(group)
                    members = [f for f in FIELDS if f.path.startswith(group + ".")]
                    hidden = all(commented(f) for f in members)
                    out.append(f"  {'# ' if hidden else ''}{parts[1]}:")
                indent = "    "
            unit = f"单位：{fld.unit}" if fld.unit and fld.unit != "勾选" else ""
            if fld.source == CONFIG:
                origin = "取自网站配置"
            elif fld.path in CONDITIONAL:
                origin = "本站能推导时留空"
            elif fld.source != DATA:
                origin = "可推导"
            else:
                origin = ""
            comment = "；".join(p for p in (unit, origin, fld.how) if p)
            prefix = "# " if commented(fld) else ""
            out.append(f"{indent}{prefix}{parts[-1]}:    # {comment}")
        out.append("")
    return "\n".join(out)


def new_report_file(root: Path, year: int) -> Path:
    target = root / data_file(year)
    if target.exists():
        raise ReportFileExists(f"{target} 已存在，不会覆盖 (file exists; not overwritten)")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:
        handle.write(scaffold_text(year))
    return target
