"""Pages of issue 7: the annual reports (/ndbb/<Y>/, with JSON and CSV beside each) and
the knowledge base (/zsk/). The figures are derived in `ssg.derive.annual_report` and
`ssg.derive.knowledge`; this module only puts them into templates and files.
"""

from __future__ import annotations

from pathlib import Path

from ssg.derive.annual_report import (
    CONFIG,
    CONTENT,
    DATA,
    MESSAGES,
    SOURCE_LABELS,
    Report,
    build_reports,
    download_names,
    newest_link,
    report_csv,
    report_json,
)
from ssg.derive.knowledge import URL as KNOWLEDGE_URL
from ssg.derive.knowledge import knowledge_base
from ssg.link import Site
from ssg.render import Crumb, Renderer
from ssg.write import Staging

INDEX_URL = "/ndbb/"


def install_globals(site: Site, renderer: Renderer) -> list[Report]:
    """The reports of this build; templates get `newest_report` (the home page links it,
    REPORT-01) and `knowledge_base_url` ("" when the site has no published replies)."""
    reports = build_reports(site, renderer.root)
    renderer.env.globals["newest_report"] = newest_link(reports)
    has_replies = any(i.type == "reply" for i in site.items.values())
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
