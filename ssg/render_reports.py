"""Pages of issue 7: the annual reports (/ndbb/<Y>/, with JSON and CSV beside each) and
the knowledge base (/zsk/). The figures are derived in `ssg.derive.annual_report` and
`ssg.derive.knowledge`; this module only puts them into templates and files.
"""

from __future__ import annotations

from pathlib import Path

from ssg.check.interact import EXCLUDED_CHANNEL_NAMES, consultation_replies
from ssg.derive.annual_report import (
    CONFIG,
    CONTENT,
    DATA,
    MESSAGES,
    SOURCE_LABELS,
    Report,
    download_names,
    newest_link,
    report_csv,
    report_json,
    reports_of,
)
from ssg.derive.knowledge import URL as KNOWLEDGE_URL
from ssg.derive.knowledge import knowledge_base
from ssg.link import Site
from ssg.render import Crumb, Renderer
from ssg.write import Staging

INDEX_URL = "/ndbb/"

# The words of the national template's labels (RULES REPORT-03), where a label may break when
# it is wider than the line: a browser breaks Chinese between any two characters, so on a phone
# or in 超大 text 可全程在线办理政务服务事项数量 came out as 可全程在线办理政务服 / 务事项数量.
# The theme draws each label with `word-break: keep-all` and a <wbr> between these words.
# A part of a label not listed here (five characters or fewer, as the term 搜索即服务, or a field
# added later) is one word; tests/test_render_reports.py keeps every longer part of `FIELDS` listed.
_WORDS = """
政府网站 标识码|ICP 备案号|公安机关 备案号|独立用户 访问总量|网站 总访问量|概况类 信息 更新量|
政务动态 信息 更新量|信息公开目录 信息 更新量|新开设 数量|解读信息 发布|解读材料 数量|解读产品 数量|
媒体评论 文章 数量|回应 公众关注 热点 或 重大舆情 数量|是否 发布 服务事项 目录|注册 用户数|
政务服务 事项 数量|可全程 在线办理 政务服务 事项 数量|自然人 办件量|法人 办件量|是否 使用 统一平台|
收到 留言 数量|办结 留言 数量|平均 办理 时间|公开 答复 数量|征集调查 期数|收到 意见 数量|
公布 调查结果 期数|网民 留言 数量|答复 网民提问 数量|是否 提供 智能问答|安全检测 评估 次数|
发现 问题 数量|问题 整改 数量|是否 建立 安全监测 预警机制|是否 开展 应急演练|
是否 明确 网站 安全负责人|是否有 移动 新媒体|信息 发布量|多语言 版本|无障碍 浏览|单位 负责人
"""
LABEL_WORDS: dict[str, tuple[str, ...]] = {
    "".join(words): tuple(words)
    for words in (entry.split() for entry in _WORDS.replace("\n", "").split("|"))
}


def label_words(label: str) -> list[str]:
    """The words of a report label (留言办理：收到留言数量 → 留言办理：, 收到, 留言, 数量), in
    order; joined they are the label. The colon stays with the word before it."""
    words: list[str] = []
    parts = label.split("：")
    for index, part in enumerate(parts):
        found = list(LABEL_WORDS.get(part, (part,)))
        if index < len(parts) - 1:
            found[-1] += "："
        words.extend(found)
    return words


def install_globals(site: Site, renderer: Renderer) -> list[Report]:
    """The reports of this build; templates get `newest_report` (the home page links it,
    REPORT-01) and `knowledge_base_url` ("" when the site has no published replies)."""
    reports = reports_of(site, renderer.root)
    renderer.env.globals["newest_report"] = newest_link(reports)
    # (the 知识库 holds the consultation answers only: without one there is no page to link)
    has_replies = bool(consultation_replies(site))
    renderer.env.globals["knowledge_base_url"] = KNOWLEDGE_URL if has_replies else ""
    return reports


def render_reports(site: Site, renderer: Renderer, staging: Staging, reports: list[Report]) -> int:
    """/ndbb/ (the list of years) and, for each year, its page, JSON and CSV."""
    if not reports:
        return 0
    name = site.config.name
    years = sorted((r.year for r in reports), reverse=True)
    sources = {key: SOURCE_LABELS[key] for key in (CONFIG, CONTENT, MESSAGES, DATA)}
    for report in reports:
        json_name, csv_name = download_names(report.year)
        folder = f"ndbb/{report.year}/"
        staging.write_text(folder + json_name, report_json(site, report))
        staging.write_text(folder + csv_name, report_csv(report))
        staging.write_text(
            folder + "index.html",
            renderer.render(
                "annual_report.html",
                title=f"{name}网站工作年度报表（{report.year}年度）",
                crumbs=[
                    Crumb("首页", "/"),
                    Crumb("年度报表", INDEX_URL),
                    Crumb(f"{report.year}年度", ""),
                ],
                meta=renderer.site_meta(),
                report=report,
                years=years,
                sources=sources,
                downloads={"JSON": f"/{folder}{json_name}", "CSV": f"/{folder}{csv_name}"},
                label_words=label_words,
                excluded_channels="、".join(EXCLUDED_CHANNEL_NAMES),
            ),
        )
    staging.write_text(
        "ndbb/index.html",
        renderer.render(
            "annual_report.html",
            title="政府网站工作年度报表",
            crumbs=[Crumb("首页", "/"), Crumb("年度报表", "")],
            meta=renderer.site_meta(),
            report=None,
            years=years,
            sources=sources,
            downloads={},
            label_words=label_words,
            excluded_channels="、".join(EXCLUDED_CHANNEL_NAMES),
        ),
    )
    return len(reports) + 1


def render_knowledge_base(site: Site, renderer: Renderer, staging: Staging, root: Path) -> int:
    """/zsk/: published replies by topic, with the message statistics (INTERACT-06)."""
    kb = knowledge_base(site, root)
    if not kb.topics:
        return 0
    staging.write_text(
        KNOWLEDGE_URL.lstrip("/") + "index.html",
        renderer.render(
            "knowledge_base.html",
            title="知识库",
            crumbs=[Crumb("首页", "/"), Crumb("知识库", "")],
            meta=renderer.site_meta(),
            kb=kb,
        ),
    )
    return 1
