"""Rules on the rendered output (ssg/check/output.py): for every rule function a fixture that
triggers it and a near miss that does not, from a real `ssg build`.

Faults are planted through Markdown bodies (links and images survive the sanitiser) or through a
small site theme (`themes/default/templates/base.html`, a complete compliant page of its own, so
that the tests do not depend on the default theme's markup); the default content templates still
fill its `main` block.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
from pathlib import Path

import pytest

from ssg.check.registry import all_rules
from ssg.cli import main
from ssg.render import DEFAULT_THEME
from tests.sitekit import BUILD_DATE, front, make_site, policy, run
from tests.test_cross_site import repository
from tests.test_sites import cli

# rule key → (a test that triggers it, a near miss that does not); see tests/check/test_catalogue.py
COVERS = {
    "A11Y-02:iframe_title": ("test_iframe_title_missing", "test_iframe_title_near_miss"),
    "A11Y-02:image_alt": ("test_image_alt_missing_or_empty", "test_image_alt_near_miss"),
    "DESIGN-01:landmarks": ("test_landmarks_missing_footer", "test_landmarks_near_miss"),
    "DESIGN-02:site_meta": ("test_site_meta_differs_from_site_yaml", "test_site_meta_near_miss"),
    "DESIGN-03:column_meta": (
        "test_column_meta_missing_and_outside_vocabulary",
        "test_column_meta_near_miss",
    ),
    "DESIGN-04:item_meta": ("test_item_meta_format_and_empty", "test_item_meta_near_miss"),
    "DESIGN-05:visible_date": ("test_visible_date_missing", "test_visible_date_near_miss"),
    "DESIGN-09:breadcrumbs": ("test_breadcrumbs_missing", "test_breadcrumbs_near_miss"),
    "DESIGN-10:viewport": ("test_viewport_missing", "test_viewport_near_miss"),
    "DESIGN-12:advertising": ("test_advertising_ad_network", "test_advertising_near_miss"),
    "ID-01:header_name": ("test_header_name_missing", "test_header_name_near_miss_logo_alt"),
    "ID-08:footer_site_code": ("test_footer_site_code_wrong", "test_footer_site_code_near_miss"),
    "ID-09:footer_icp": ("test_footer_icp_old_address", "test_footer_icp_near_miss_not_configured"),
    "ID-10:footer_police_record": (
        "test_footer_police_record_wrong_recordcode",
        "test_footer_police_record_near_miss",
    ),
    "ID-13:footer_items": (
        "test_footer_items_operator_missing",
        "test_footer_items_near_miss_without_operator",
    ),
    "ID-11:footer_conac": ("test_footer_conac_missing", "test_footer_conac_near_miss"),
    "ID-12:footer_jiucuo": ("test_footer_jiucuo_missing_or_wrong", "test_footer_jiucuo_near_miss"),
    "ID-13:footer_contact": ("test_footer_contact_missing", "test_footer_contact_near_miss"),
    "ID-14:home_emblem": ("test_home_emblem_missing", "test_home_emblem_near_miss"),
    "ID-13:footer_sitemap_link": (
        "test_footer_sitemap_link_missing",
        "test_footer_sitemap_link_near_miss",
    ),
    "SEARCH-01:search_entry": (
        "test_search_entry_missing",
        "test_search_entry_near_miss_action_only",
    ),
    "SEC-01:outside_assets": (
        "test_outside_assets_image_and_font",
        "test_outside_assets_near_miss",
    ),
    "SEC-01:script_urls": ("test_script_urls_javascript", "test_script_urls_near_miss"),
    "SEC-06:dead_anchors_on_other_pages": (
        "test_dead_anchors_on_another_page",
        "test_dead_anchors_on_another_page_near_miss",
    ),
    "SEC-06:dead_anchors": ("test_dead_anchors_missing_id", "test_dead_anchors_near_miss"),
    "SEC-06:dead_links": ("test_dead_links_missing_targets", "test_dead_links_near_miss"),
    "SEC-06:dead_links_to_other_sites": (
        "test_a_link_to_a_page_the_other_site_lacks",
        "test_links_to_what_the_other_site_publishes_or_to_outside_hosts",
    ),
}

SITE = """\
name: 测试市人民政府
domain: www.ceshi.gov.cn
level: city
site_code: "2298000001"
host: 测试市人民政府办公室
operator: 测试市大数据局
icp: 吉ICP备05000001号-1
police_record: 吉公网安备 22980002000001号
contact: {phone: 0430-88880000}
"""

BASE = """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
{% for name, value in meta.items() %}
<meta name="{{ name }}" content="{{ value }}">
{% endfor %}
{% block head %}{% endblock %}
</head>
<body>
<a href="#main">跳到主要内容</a>
<header>
<a href="/">{{ config.name }}</a>
<form role="search" action="/search/"><input name="q" aria-label="搜索"></form>
</header>
{% if crumbs %}<nav aria-label="当前位置">{% for c in crumbs %}<a href="{{ c.url | href }}">{{ c.title }}</a>{% endfor %}</nav>{% endif %}
<main id="main">
{% block main %}{% endblock %}
</main>
<footer>
<a href="/sitemap.html">网站地图</a>
<p>主办单位：{{ config.host }} 承办单位：{{ config.operator }}</p>
<p id="contact">联系电话：0430-88880000</p>
<p>政府网站标识码：{{ config.site_code }}</p>
<a href="https://beian.miit.gov.cn/">{{ config.icp }}</a>
<a href="https://www.beian.gov.cn/portal/registerSystemInfo?recordcode={{ config.police_record_code }}"><img src="{{ asset('img/police-record.svg') }}" alt="" aria-hidden="true">{{ config.police_record }}</a>
</footer>
</body>
</html>
"""

# Every page of the fixture site: (the file findings point to, the output path).
PAGES = [
    ("content/_index.md", "index.html"),
    ("content/xw/_index.md", "xw/index.html"),
    ("content/xw/a.md", "xw/a.html"),
    ("themes/default", "404.html"),
    ("themes/default", "search/index.html"),
    ("themes/default", "sitemap.html"),
]
ITEM = ("content/xw/a.md", "xw/a.html")
BODY_LINE = 6  # the first body line of news()


def news(body: str = "正文。", **extra: str) -> str:
    fields = {"title": "测试新闻", "date": "2026-11-18", "source": "测试市人民政府办公室"}
    return front({**fields, **extra}, body)


def base(*edits: tuple[str, str]) -> str:
    """BASE with (old, new) replacements, each of which must apply."""
    text = BASE
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return text


def build(
    root: Path,
    body: str = "正文。",
    *,
    theme: str = BASE,
    site: str = SITE,
    files: dict[str, str] | None = None,
) -> list[str]:
    make_site(
        root,
        {
            "content/_index.md": "---\ntitle: 首页\n---\n",
            "content/xw/_index.md": "---\ntitle: 新闻\ntype: news\n---\n",
            "content/xw/a.md": news(body),
            "themes/default/templates/base.html": theme,
            **(files or {}),
        },
        site_yaml=site,
        columns=False,
    )
    lines = run(root, "--all", command="build").lines
    # Compliance rules run only on valid input: an input error would hide every finding.
    assert not [line for line in lines if ": error [" in line], lines
    return lines


def found(lines: list[str], code: str) -> list[str]:
    """The findings of the output rules with this code (they all name a page or stylesheet)."""
    return [
        line
        for line in lines
        if f"[{code}] " in line and ("] 页面 " in line or ": 页面 " in line or "样式表" in line)
    ]


def on_every_page(
    lines: list[str], code: str, message: str, severity: str = "deduct", field: str = ""
) -> None:
    """The finding `message` (formatted with the output path) once on every page: exactly on
    the content pages, and on each generated page (ssg generates more as features land, e.g.
    the annual report: those must carry it too)."""
    where = f"{field}: " if field else ""

    def line(file: str, path: str) -> str:
        return f"{file}:0: {severity} [{code}] {where}{message.format(path=path)}"

    actual = found(lines, code)
    content = sorted(line(file, path) for file, path in PAGES if file.startswith("content/"))
    assert [x for x in actual if x.startswith("content/")] == content
    generated = [x for x in actual if not x.startswith("content/")]
    paths = {x.split("页面 ", 1)[1].split(" ", 1)[0] for x in generated}
    assert sorted(generated) == sorted(line("themes/default", path) for path in paths)
    assert {path for file, path in PAGES if file == "themes/default"} <= paths


def once_at(
    lines: list[str],
    code: str,
    at: str,
    message: str,
    pages: list[str],
    severity: str = "deduct",
    field: str = "",
) -> None:
    """A fault that a site theme's template causes on `pages` (and on the pages ssg generates
    as features land): one finding at that template's `at` (file:line), corrected there once
    for all of them, naming the first page and how many have it; none at a content file. The
    `message` is formatted with `pages` (页面 x 等 N 个页面) and `english` (x and N-1 more
    pages)."""
    [actual] = found(lines, code)
    said_once(actual, code, at, message, pages, severity, field)


def said_once(
    actual: str,
    code: str,
    at: str,
    message: str,
    pages: list[str],
    severity: str = "deduct",
    field: str = "",
) -> None:
    """`actual` is the one finding `once_at` asks for."""
    where = f"{field}: " if field else ""
    first, count = re.findall(r"\] (?:\S+: )?页面 (\S+) (?:等 (\d+) 个页面)?", actual)[0]
    count = count or "1"
    assert first in pages and int(count) >= len(pages), actual
    more = int(count) - 1
    words = (
        (f"页面 {first} 等 {count} 个页面", f"{first} and {more} more page{'s' * (more > 1)}")
        if more
        else (f"页面 {first}", first)
    )
    expected = message.format(pages=words[0], english=words[1])
    assert actual == f"{at}: {severity} [{code}] {where}{expected}"


ALL_PAGES = [path for _file, path in PAGES]
LISTED = ["xw/index.html", "xw/a.html"]  # the column and item pages (breadcrumbs)


def theme_line(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


# --- DESIGN-01 ------------------------------------------------------------------------------


def test_landmarks_missing_footer(tmp_path: Path) -> None:
    # Once, where the site base.html closes its body (the footer is to go above): not at
    # each page's content file, line 0, which has no footer to add.
    start = BASE.index("<footer>")
    end = BASE.index("</footer>") + len("</footer>")
    theme = base((BASE[start:end], "<div>页脚</div>"))
    lines = build(tmp_path, theme=theme)
    once_at(
        lines,
        "DESIGN-01",
        f"{THEME_BASE}:{theme_line(theme, '</body>')}",
        "{pages} 缺少底部功能区 <footer>；请修改主题模板 (no <footer> on {english})",
        ALL_PAGES,
    )


def test_landmarks_two_mains_on_one_template(tmp_path: Path) -> None:
    # At the site's article.html that writes the second <main>, not at the item.
    article = '{% extends "base.html" %}{% block main %}<main>又一个</main>{{ body }}{% endblock %}'
    lines = build(tmp_path, files={"themes/default/templates/article.html": article})
    assert found(lines, "DESIGN-01") == [
        "themes/default/templates/article.html:1: deduct [DESIGN-01] 页面 xw/a.html 有 2 个 "
        "<main>（应恰有一个）；请修改主题模板 (2 <main> elements on xw/a.html)"
    ]


def test_landmarks_of_a_site_footer_under_the_default_base_are_at_that_footer(
    tmp_path: Path,
) -> None:
    """Only the site's footer.html is its own, without <footer>: the default base.html that
    places it is not at fault, nor any content file; the site's footer.html is, once."""
    footer = (DEFAULT_THEME / "templates" / "footer.html").read_text(encoding="utf-8")
    assert footer.count("<footer") == footer.count("</footer>") == 1
    bare = footer.replace("<footer", "<div").replace("</footer>", "</div>")
    make_site(tmp_path, {"themes/default/templates/footer.html": bare})
    [line] = run(tmp_path, "--all", command="build").with_code("DESIGN-01")
    assert re.fullmatch(
        r"themes/default/templates/footer\.html:1: deduct \[DESIGN-01\] 页面 \S+ 等 \d+ 个页面 "
        r"缺少底部功能区 <footer>；请修改主题模板 \(no <footer> on \S+ and \d+ more pages\)",
        line,
    ), line


def test_landmarks_near_miss_roles_and_redirects(tmp_path: Path) -> None:
    # Landmarks given by role attributes count; redirect pages (aliases) are not pages.
    start = BASE.index("<footer>")
    end = BASE.index("</footer>") + len("</footer>")
    footer = BASE[start:end].replace("<footer>", '<div role="contentinfo">')
    footer = footer.replace("</footer>", "</div>")
    lines = build(
        tmp_path,
        theme=base((BASE[start:end], footer)),
        files={"content/xw/b.md": news(aliases="[/old/b.html]")},
    )
    assert found(lines, "DESIGN-01") == []


def test_landmarks_near_miss(tmp_path: Path) -> None:
    # A <header> inside <main> is an article header, not a second banner: still fine.
    article = (
        '{% extends "base.html" %}{% block main %}<header>标题</header>{{ body }}{% endblock %}'
    )
    lines = build(tmp_path, files={"themes/default/templates/article.html": article})
    assert found(lines, "DESIGN-01") == []


# --- DESIGN-02..04 --------------------------------------------------------------------------


def test_site_meta_differs_from_site_yaml(tmp_path: Path) -> None:
    # The site theme's article.html writes the wrong code: found at the line that writes it,
    # not at the item's content file, which has no code to correct.
    article = (
        '{% extends "base.html" %}\n{% block head %}\n<meta name="SiteIDCode" content="2298000002">'
        "\n{% endblock %}{% block main %}{{ body }}{% endblock %}"
    )
    lines = build(tmp_path, files={"themes/default/templates/article.html": article})
    assert found(lines, "DESIGN-02") == [
        "themes/default/templates/article.html:3: deduct [DESIGN-02] SiteIDCode: 页面 xw/a.html "
        "的 SiteIDCode 为 “2298000002”，应为 “2298000001”（data/site.yaml）；请让模板从网站配置输出 "
        "(meta SiteIDCode differs from data/site.yaml in xw/a.html)"
    ]


def test_site_meta_missing_everywhere(tmp_path: Path) -> None:
    loop = "{% for name, value in meta.items() %}"
    lines = build(
        tmp_path,
        theme=base((loop, "{% for name, value in meta.items() if name != 'SiteName' %}")),
    )
    # Once, at the line of the site base.html that leaves it out (it names the tag).
    once_at(
        lines,
        "DESIGN-02",
        f"{THEME_BASE}:{theme_line(BASE, loop)}",
        '{pages} 的 <meta name="SiteName"> 缺少；请在主题模板中输出该标签 '
        "(meta SiteName missing in {english})",
        ALL_PAGES,
        field="SiteName",
    )


def test_site_meta_near_miss(tmp_path: Path) -> None:
    assert found(build(tmp_path), "DESIGN-02") == []


def test_column_meta_missing_and_outside_vocabulary(tmp_path: Path) -> None:
    loop = "{% for name, value in meta.items() %}"
    column = (
        '{% extends "base.html" %}{% block head %}<meta name="ColumnType" content="新闻类">'
        "{% endblock %}{% block main %}列表{% endblock %}"
    )
    lines = build(
        tmp_path,
        theme=base((loop, "{% for name, value in meta.items() if name != 'ColumnKeywords' %}")),
        files={"themes/default/templates/column.html": column},
    )
    assert found(lines, "DESIGN-03") == [
        "content/_index.md:0: deduct [DESIGN-03] ColumnKeywords: 页面 index.html 的 <meta "
        'name="ColumnKeywords"> 缺少；请在主题模板中输出该标签 (meta ColumnKeywords missing in '
        "index.html)",
        "content/xw/_index.md:0: deduct [DESIGN-03] ColumnKeywords: 页面 xw/index.html 的 <meta "
        'name="ColumnKeywords"> 缺少；请在主题模板中输出该标签 (meta ColumnKeywords missing in '
        "xw/index.html)",
        "content/xw/_index.md:0: deduct [DESIGN-03] ColumnType: 页面 xw/index.html 的 ColumnType "
        "“新闻类” 不在栏目类别词表中；请改用词表中的类别，或在 data/site.yaml 的 column_types 中"
        "登记 (ColumnType not in the vocabulary in xw/index.html)",
    ]


def test_column_meta_near_miss(tmp_path: Path) -> None:
    # A ColumnType the site registers is in the vocabulary; one the editor declared outside it
    # is reported once, on its _index.md (validation), never again on the rendered page.
    lines = build(
        tmp_path,
        site=SITE + "column_types: [人事信息]\n",
        files={
            "content/xw/_index.md": "---\ntitle: 新闻\ntype: news\ncolumn_type: 人事信息\n---\n",
            "content/rs/_index.md": "---\ntitle: 人事\ntype: news\ncolumn_type: 人事类\n---\n",
            "content/rs/b.md": news(),
        },
    )
    assert found(lines, "DESIGN-03") == []
    assert [line.split(" [")[0] for line in lines if "[DESIGN-03]" in line] == [
        "content/rs/_index.md:4: deduct"
    ]


def test_item_meta_format_and_empty(tmp_path: Path) -> None:
    article = (
        '{% extends "base.html" %}{% block head %}\n<meta name="PubDate" content="2026-11-18">\n'
        '<meta name="ContentSource" content="">{% endblock %}{% block main %}2026-11-18'
        "{% endblock %}"
    )
    lines = build(tmp_path, files={"themes/default/templates/article.html": article})
    assert found(lines, "DESIGN-04") == [
        "themes/default/templates/article.html:2: deduct [DESIGN-04] PubDate: 页面 xw/a.html 的 "
        "PubDate “2026-11-18” 应为 YYYY-MM-DD HH:MM 格式；请在模板中用 minute 过滤器输出 "
        "(PubDate is not YYYY-MM-DD HH:MM in xw/a.html)",
        "themes/default/templates/article.html:3: deduct [DESIGN-04] ContentSource: 页面 "
        'xw/a.html 的 <meta name="ContentSource"> 为空；请在主题模板中输出该标签 (meta '
        "ContentSource empty in xw/a.html)",
    ]


def test_item_meta_near_miss(tmp_path: Path) -> None:
    assert found(build(tmp_path), "DESIGN-04") == []


@pytest.mark.parametrize("updated", ["updated: 2026-01-05\n", ""])
def test_an_undated_page_is_advice_at_its_front_matter_not_a_template_fault(
    tmp_path: Path, updated: str
) -> None:
    """A `page` (or `leader`) item may go without `date` (ARCHITECTURE §1.2): PubDate shows
    `updated`, advice when neither is given. One of `ssg new page` had neither: a deduct at
    line 0 told the editor to fix the theme template. It is advice at the front matter, naming
    the field to write; with `updated`, nothing."""
    page = f"---\ntitle: 测试市概况\n{updated}reviewed_by: 审核人\n---\n测试市概况的内容。\n"
    make_site(tmp_path, {"content/gk/gaikuang.md": page})
    expected = (
        []
        if updated
        else [
            "content/gk/gaikuang.md:1: advice [DESIGN-04] updated: 单页没有发布日期 date，也没有"
            "更新日期 updated，页面 gk/gaikuang.html 的 PubDate 为空；请在 front matter 写 updated: "
            "YYYY-MM-DD (neither date nor updated: PubDate of gk/gaikuang.html is empty)"
        ]
    )
    assert run(tmp_path).with_code("DESIGN-04") == expected


# --- DESIGN-05, 09, 10, 12 --------------------------------------------------------------------


def test_visible_date_missing(tmp_path: Path) -> None:
    # The date only inside attributes (meta, <time datetime>) is not visible.
    # At the title of the site theme's article.html, where the date is to go below.
    article = (
        '{% extends "base.html" %}{% block main %}\n<h1>{{ page.title }}</h1>'
        '<time datetime="{{ page.date | day }}"></time>{{ body }}{% endblock %}'
    )
    lines = build(tmp_path, files={"themes/default/templates/article.html": article})
    assert found(lines, "DESIGN-05") == [
        "themes/default/templates/article.html:2: deduct [DESIGN-05] PubDate: 页面 xw/a.html 的"
        "可见文字中没有发布日期 2026-11-18；请在标题下方显示发布时间 (publication date 2026-11-18 "
        "not shown on xw/a.html)"
    ]


@pytest.mark.parametrize("shown", ["{{ page.date | day }}", "{{ page.date | cn_date }}"])
def test_visible_date_near_miss(tmp_path: Path, shown: str) -> None:
    article = (
        '{% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>'
        f"<p>发布时间：{shown}</p>{{{{ body }}}}{{% endblock %}}"
    )
    lines = build(tmp_path, files={"themes/default/templates/article.html": article})
    assert found(lines, "DESIGN-05") == []


def test_breadcrumbs_missing(tmp_path: Path) -> None:
    end = "</nav>{% endif %}"
    crumbs = BASE[BASE.index("{% if crumbs %}") : BASE.index(end) + len(end)]
    theme = base((crumbs, ""))
    # Once, where the site base.html should have them: before its <main>.
    assert found(build(tmp_path, theme=theme), "DESIGN-09") == [
        f"{THEME_BASE}:{theme_line(theme, '<main')}: advice [DESIGN-09] 页面 xw/a.html 等 2 个页面 "
        "没有“当前位置”面包屑导航；请在模板中加入 (no breadcrumb on xw/a.html and 1 more page)",
    ]


def test_breadcrumbs_near_miss(tmp_path: Path) -> None:
    assert found(build(tmp_path), "DESIGN-09") == []


def test_viewport_missing(tmp_path: Path) -> None:
    viewport = '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    lines = build(tmp_path, theme=base((viewport, "")))
    once_at(
        lines,
        "DESIGN-10",
        f"{THEME_BASE}:{theme_line(BASE, '<head>')}",
        '{pages} 缺少 <meta name="viewport">，手机上无法正常显示；请在模板 <head> 中加入 '
        "(no viewport meta on {english})",
        ALL_PAGES,
        severity="advice",
    )


def test_viewport_near_miss(tmp_path: Path) -> None:
    assert found(build(tmp_path), "DESIGN-10") == []


def test_advertising_ad_network(tmp_path: Path) -> None:
    body = "正文。\n\n![推广](https://pagead2.googlesyndication.com/pagead/ad.png)\n"
    lines = build(tmp_path, body)
    assert found(lines, "DESIGN-12") == [
        f"content/xw/a.md:{BODY_LINE + 2}: deduct [DESIGN-12] 页面 xw/a.html 含广告网络 "
        "googlesyndication.com 的内容（https://pagead2.googlesyndication.com/pagead/ad.png）；"
        "请删除 (advertising from googlesyndication.com on xw/a.html)"
    ]


def test_tags_in_html_comments_load_nothing(tmp_path: Path) -> None:
    """A tag commented out is not on the page: a browser neither loads nor runs it. SEC-01
    (outside assets, javascript: links) and DESIGN-12 counted the tags inside <!-- -->, as
    the footer rules no longer do; the same tags outside a comment are still found."""
    hidden = (
        '<!-- <script src="https://cdn.example.com/x.js"></script>\n'
        '<img src="https://pagead2.googlesyndication.com/pagead/ad.png" alt="广告">\n'
        '<a href="javascript:void(0)">更多</a> -->'
    )
    commented = base(("</footer>", f"{hidden}</footer>"))
    lines = build(tmp_path / "commented", theme=commented)
    assert found(lines, "SEC-01") == found(lines, "DESIGN-12") == []
    # (and again from the facts the scan cache kept of the unchanged pages)
    again = run(tmp_path / "commented", "--all", command="build").lines
    assert found(again, "SEC-01") == found(again, "DESIGN-12") == []
    live = base(("</footer>", f"{hidden}\n{hidden[4:-3]}</footer>"))
    lines = build(tmp_path / "live", theme=live)
    # (found once each, at the line of the site base.html that writes the tag uncommented)
    below = live.count("\n", 0, live.index(hidden)) + 4
    assert [x.split(" [")[0] for x in found(lines, "DESIGN-12")] == [
        f"{THEME_BASE}:{below + 1}: deduct"
    ]
    assert sorted(x.split(" [")[0] for x in found(lines, "SEC-01")) == [
        f"{THEME_BASE}:{line}: deduct" for line in (below, below + 1, below + 2)
    ]


def test_styles_in_html_comments_load_nothing(tmp_path: Path) -> None:
    """A <style> block or a style attribute commented out loads none of its url()s (SEC-01
    counted them, as it no longer counts a commented-out tag); the same outside a comment is
    found, at the line of the site base.html that writes it."""
    style = "<style>.banner { background: url(https://cdn.example.com/banner.png); }</style>"
    attribute = '<div style="background: url(https://cdn.example.com/tile.png)"></div>'
    hidden = f"<!-- {style}\n{attribute} -->"
    commented = base(("</head>", f"{hidden}\n</head>"))
    lines = build(tmp_path / "commented", theme=commented)
    assert found(lines, "SEC-01") == []
    # (and again from the facts the scan cache kept of the unchanged pages)
    again = run(tmp_path / "commented", "--all", command="build").lines
    assert found(again, "SEC-01") == []
    live = base(("</head>", f"{hidden}\n{style}\n</head>"))
    lines = build(tmp_path / "live", theme=live)
    once_at(
        lines,
        "SEC-01",
        f"{THEME_BASE}:{theme_line(live, chr(10) + style) + 1}",
        "{pages} 加载站外资源 https://cdn.example.com/banner.png（主机 cdn.example.com）；请改为站内"
        "文件，或在 allowed_hosts 中登记 (outside asset from cdn.example.com on {english})",
        ALL_PAGES,
    )


def test_links_in_html_comments_are_not_on_the_page(tmp_path: Path) -> None:
    """A link commented out is not on the page: no reader can follow it. SEC-06 (a missing
    page, a missing #id here or on another page) and ID-04 (an IP address) counted the links
    inside <!-- -->, as SEC-01 no longer does; the same links outside a comment are found."""
    hidden = (
        '<!-- <a href="/gone.html">旧栏目</a>\n<a href="#nowhere">见下文</a>\n'
        '<a href="/xw/index.html#nowhere">新闻</a>\n<a href="http://10.1.2.3/">内网</a> -->'
    )
    said = (
        "指向不存在的 gone.html",
        "的锚点链接 #nowhere 在本页找不到",
        "指向的 xw/index.html 中找不到 id",
        "链接到 IP 地址 10.1.2.3",
    )

    def kinds(lines: list[str]) -> set[str]:
        return {
            x for x in said for line in found(lines, "SEC-06") + found(lines, "ID-04") if x in line
        }

    commented = base(("</footer>", f"{hidden}</footer>"))
    lines = build(tmp_path / "commented", theme=commented)
    assert found(lines, "SEC-06") == found(lines, "ID-04") == []
    # (and again from the facts the scan cache kept of the unchanged pages)
    again = run(tmp_path / "commented", "--all", command="build").lines
    assert found(again, "SEC-06") == found(again, "ID-04") == []
    live = base(("</footer>", f"{hidden}\n{hidden[4:-3]}</footer>"))
    assert kinds(build(tmp_path / "live", theme=live)) == set(said)


def test_links_a_site_template_writes_are_found_there_once(tmp_path: Path) -> None:
    """A dead link, a missing #id here or on another page (SEC-06) and an IP address (ID-04)
    that the site base.html writes: each once, at the line that writes it, naming the first
    page and how many (they were one finding per page, at each page's source line 0). A
    relative link whose target differs from folder to folder is one finding per target, all
    at that line. The same kinds of link in content stay at the content line that writes them."""
    links = (
        '<a href="/gone.html">旧栏目</a>\n<a href="#nowhere">见下文</a>\n'
        '<a href="/xw/index.html#nowhere">新闻</a>\n<a href="http://10.1.2.3/">内网</a>\n'
        '<a href="old.html">旧页</a>\n'
    )
    theme = base(("</footer>", f"{links}</footer>"))
    body = "正文。\n\n[旧文](/gone2.html) [内网](http://10.1.2.4/)\n"
    lines = build(tmp_path, body, theme=theme)
    first = theme_line(theme, links)
    at = [f"{THEME_BASE}:{first + n}" for n in range(5)]
    said = found(lines, "SEC-06") + found(lines, "ID-04")

    def one(line: str, code: str, message: str) -> None:
        [actual] = [x for x in said if x.startswith(f"{line}: ")]
        said_once(actual, code, line, message, ALL_PAGES, "advice" if code == "ID-04" else "deduct")

    one(
        at[0],
        "SEC-06",
        "{pages} 的链接 /gone.html 指向不存在的 gone.html；请改正链接或补上该文件 (dead link on "
        "{english}: gone.html does not exist)",
    )
    one(
        at[1],
        "SEC-06",
        "{pages} 的锚点链接 #nowhere 在本页找不到 id 为 “nowhere” 的元素；请改正锚点 (anchor "
        "#nowhere not found on {english})",
    )
    one(
        at[2],
        "SEC-06",
        "{pages} 的链接 /xw/index.html#nowhere 指向的 xw/index.html 中找不到 id 为 “nowhere” 的"
        "元素；请改正锚点 (anchor #nowhere not found on xw/index.html)",
    )
    one(
        at[3],
        "ID-04",
        "{pages} 链接到 IP 地址 10.1.2.3，应使用域名 (link to an IP address: http://10.1.2.3/)",
    )
    # old.html: one finding per folder's target, all at its line, its pages counted once
    relative = [x for x in said if "的链接 old.html " in x]
    assert {x.split(": ", 1)[0] for x in relative} == {at[4]}, relative
    targets = {re.findall(r"指向不存在的 (\S+)；", x)[0]: x for x in relative}
    assert len(targets) == len(relative)
    assert {"old.html", "xw/old.html", "search/old.html"} <= set(targets)
    pages = [re.findall(r"页面 (\S+) (?:等 (\d+) 个页面)?", x)[0] for x in relative]
    assert sum(int(count or 1) for _first, count in pages) >= len(ALL_PAGES)
    assert targets["xw/old.html"].startswith(f"{at[4]}: deduct [SEC-06] 页面 xw/")
    # (nothing of these at any page's own file)
    assert [x for x in said if x.split(":", 1)[0] != THEME_BASE] == [
        f"content/xw/a.md:{BODY_LINE + 2}: deduct [SEC-06] 页面 xw/a.html 的链接 /gone2.html "
        "指向不存在的 gone2.html；请改正链接或补上该文件 (dead link on xw/a.html: gone2.html does "
        "not exist)",
        f"content/xw/a.md:{BODY_LINE + 2}: advice [ID-04] 页面 xw/a.html 链接到 IP 地址 10.1.2.4，"
        "应使用域名 (link to an IP address: http://10.1.2.4/)",
    ]


def test_advertising_near_miss(tmp_path: Path) -> None:
    # Only the ad network and its sub-domains: a host that merely ends in the same letters,
    # and an ordinary outside link, are not advertising.
    body = "正文。\n\n[链接](https://notdoubleclick.net/a) [政府网](https://www.gov.cn/)\n"
    assert found(build(tmp_path, body), "DESIGN-12") == []


# --- ID: header and footer ------------------------------------------------------------------


def test_header_name_missing(tmp_path: Path) -> None:
    lines = build(
        tmp_path, theme=base(('<a href="/">{{ config.name }}</a>', "<a href='/'>首页</a>"))
    )
    once_at(
        lines,
        "ID-01",
        f"{THEME_BASE}:{HEADER_LINE}",
        "{pages} 的头部标识区没有网站全称 “测试市人民政府”；请在 <header> 中显示 "
        "(site name missing from the header of {english})",
        ALL_PAGES,
    )


def test_header_name_near_miss_logo_alt(tmp_path: Path) -> None:
    # The full name as the alternative text of a logo image counts as shown.
    logo = '<a href="/"><img src="/static/logo.png" alt="{{ config.name }}"></a>'
    lines = build(
        tmp_path,
        theme=base(('<a href="/">{{ config.name }}</a>', logo)),
        files={"static/logo.png": "png"},
    )
    assert found(lines, "ID-01") == []


def test_a_fault_of_an_included_or_standalone_template_is_found_there(tmp_path: Path) -> None:
    """The template at fault is the one the page is made of: the site's header.html that its
    base.html includes (ID-01 on every page), and its own home.html, a whole page that extends
    nothing, without a viewport (DESIGN-10 on the home page alone)."""
    header = "<header>\n<a href='/'>首页</a>\n</header>\n"
    start, end = BASE.index("<header>"), BASE.index("</header>") + len("</header>\n")
    theme = BASE[:start] + '{% include "header.html" %}\n' + BASE[end:]
    home = (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<title>{{ title }}</title>\n'
        "{{ meta | meta_tags }}</head>\n<body>\n"
        '<header><a href="/">{{ config.name }}</a></header>\n<main>首页</main>\n'
        "<footer>页脚</footer>\n</body>\n</html>\n"
    )
    templates = "themes/default/templates"
    files = {f"{templates}/header.html": header, f"{templates}/home.html": home}
    lines = build(tmp_path, theme=theme, files=files)
    header_pages = [path for path in ALL_PAGES if path != "index.html"]
    once_at(
        lines,
        "ID-01",
        f"{templates}/header.html:1",
        "{pages} 的头部标识区没有网站全称 “测试市人民政府”；请在 <header> 中显示 "
        "(site name missing from the header of {english})",
        header_pages,
    )
    assert found(lines, "DESIGN-10") == [
        f"{templates}/home.html:3: advice [DESIGN-10] 页面 index.html 缺少 <meta "
        'name="viewport">，手机上无法正常显示；请在模板 <head> 中加入 (no viewport meta on '
        "index.html)"
    ]


def test_a_region_an_included_template_fills_is_that_templates_fault(tmp_path: Path) -> None:
    """The site base.html only opens its <header> and <footer> and includes what is inside
    them: a header without the site name and a footer without the ICP number are faults of
    the included header.html and footer_items.html (first line: no line of theirs is the
    place), not of base.html's include line. Near miss: a base.html that writes part of its
    header itself, beside what it includes, is the place (its <header> line)."""
    header_start, header_end = BASE.index("<header>\n") + 9, BASE.index("</header>")
    footer_start, footer_end = BASE.index("<footer>\n") + 9, BASE.index("</footer>")
    header = BASE[header_start:header_end].replace("{{ config.name }}", "首页")
    footer = BASE[footer_start:footer_end].replace("{{ config.icp }}", "备案查询")
    theme = (
        BASE[: header_start - 1]
        + '{% include "header.html" %}'
        + BASE[header_end:footer_start]
        + '{% include "footer_items.html" %}\n'
        + BASE[footer_end:]
    )
    assert '<header>{% include "header.html" %}</header>' in theme
    templates = "themes/default/templates"
    files = {f"{templates}/header.html": header, f"{templates}/footer_items.html": footer}
    lines = build(tmp_path, theme=theme, files=files)
    once_at(
        lines,
        "ID-01",
        f"{templates}/header.html:1",
        "{pages} 的头部标识区没有网站全称 “测试市人民政府”；请在 <header> 中显示 "
        "(site name missing from the header of {english})",
        ALL_PAGES,
    )
    once_at(
        lines,
        "ID-09",
        f"{templates}/footer_items.html:1",
        "{pages} 的页脚没有 ICP 备案编号 “吉ICP备05000001号-1”；请在页脚显示 (no ICP number in "
        "the footer on {english})",
        ALL_PAGES,
    )
    own = theme.replace("<header>{% include", "<header><span>网站</span>{% include")
    lines = build(tmp_path / "own", theme=own, files=files)
    [said] = found(lines, "ID-01")
    assert said.startswith(f"{THEME_BASE}:{theme_line(own, '<header>')}: deduct [ID-01] "), said


def test_a_region_a_site_template_writes_in_capitals_is_found_there(tmp_path: Path) -> None:
    """HTML tag names are read in any case: a site base.html that writes <FOOTER> without
    the ICP number and a <Header> that only includes header.html (without the site name)
    is found there once, as in lower case; they stayed on every page at its content file.
    The header ends at `</Header>`: read to the page's end, it ran through the footer's
    主办单位, which holds the site's name, and ID-01 missed every page."""
    header_start, header_end = BASE.index("<header>\n") + 9, BASE.index("</header>")
    header = BASE[header_start:header_end].replace("{{ config.name }}", "首页")
    theme = (
        BASE[: header_start - 9]
        + '<Header>{% include "header.html" %}</Header>'
        + BASE[header_end + len("</header>") :]
    )
    theme = theme.replace("<footer>", "<FOOTER>").replace("</footer>", "</FOOTER>")
    theme = theme.replace("{{ config.icp }}", "备案查询")
    templates = "themes/default/templates"
    lines = build(tmp_path, theme=theme, files={f"{templates}/header.html": header})
    once_at(
        lines,
        "ID-01",
        f"{templates}/header.html:1",
        "{pages} 的头部标识区没有网站全称 “测试市人民政府”；请在 <header> 中显示 "
        "(site name missing from the header of {english})",
        ALL_PAGES,
    )
    once_at(
        lines,
        "ID-09",
        f"{THEME_BASE}:{theme_line(theme, '<FOOTER>')}",
        "{pages} 的页脚没有 ICP 备案编号 “吉ICP备05000001号-1”；请在页脚显示 (no ICP number in "
        "the footer on {english})",
        ALL_PAGES,
    )


def test_a_capital_head_is_no_header_and_a_header_no_head(tmp_path: Path) -> None:
    """Near miss: a tag name is matched in any case, whole: the <meta> tags a site base.html
    leaves out belong at its <HEAD> (where they go), not at the <HEADER> below it."""
    loop = "{% for name, value in meta.items() %}"
    meta = BASE[BASE.index(loop) : BASE.index("{% endfor %}\n") + len("{% endfor %}\n")]
    theme = base((meta, ""), ("<head>", "<HEAD>"), ("<header>", "<HEADER>"))
    theme = theme.replace("</header>", "</HEADER>")
    lines = build(tmp_path, theme=theme)
    said = found(lines, "DESIGN-02")
    assert len(said) == 3, said  # (SiteName, SiteDomain, SiteIDCode)
    head = theme_line(theme, "<HEAD>")
    assert head != theme_line(theme, "<HEADER>")
    assert all(x.startswith(f"{THEME_BASE}:{head}: deduct [DESIGN-02] ") for x in said), said


# A theme that drops what site.yaml configures: the findings point at the site theme's
# template that writes the region (the page's own file is not at fault), once for its pages.
FOOTER_LINE = BASE[: BASE.index("<footer>")].count("\n") + 1
HEADER_LINE = BASE[: BASE.index("<header>")].count("\n") + 1
THEME_BASE = "themes/default/templates/base.html"
FOOTER_LINE_END = BASE[: BASE.index("</footer>")].count("\n") + 1
CONAC = "https://dcs.conac.cn/js/22/980/0000/60000001/CA229800000600000010001.js"


def once_for_every_page_at(
    lines: list[str],
    code: str,
    message: str,
    file: str = THEME_BASE,
    line: int = FOOTER_LINE,
    severity: str = "deduct",
) -> None:
    """The finding `message` once at `file:line` for every page, naming the first page and how
    many have it (`once_at`)."""
    once_at(lines, code, f"{file}:{line}", message, ALL_PAGES, severity)


def test_footer_site_code_wrong(tmp_path: Path) -> None:
    lines = build(tmp_path, theme=base(("{{ config.site_code }}</p>", "22980000010</p>")))
    once_for_every_page_at(
        lines,
        "ID-08",
        "{pages} 的页脚没有 “政府网站标识码：2298000001”；请在页脚显示 "
        "(no site ID code in the footer on {english})",
    )


def test_a_footer_template_that_drops_the_icp_number_is_the_file_at_fault(
    tmp_path: Path,
) -> None:
    """A site theme's own footer.html (the default base.html includes it) without the ICP
    number: found at that template's <footer>, for each page, and at no content file, which
    the editor would open in vain."""
    footer = (DEFAULT_THEME / "templates/footer.html").read_text(encoding="utf-8")
    icp = (
        '{% if config.icp %}<a class="id-item" href="https://beian.miit.gov.cn/">'
        "{{ config.icp }}</a>{% endif %}"
    )
    assert icp in footer
    lines = build(
        tmp_path,
        theme=(DEFAULT_THEME / "templates/base.html").read_text(encoding="utf-8"),
        files={"themes/default/templates/footer.html": footer.replace(icp, "")},
    )
    at = f"themes/default/templates/footer.html:{footer.count(chr(10), 0, footer.index('<footer')) + 1}"
    actual = found(lines, "ID-09")
    messages = (
        "{pages} 的页脚没有 ICP 备案编号 “吉ICP备05000001号-1”；请在页脚显示 (no ICP number in the "
        "footer on {english})",
        "{pages} 的页脚没有链接到工信部备案系统 https://beian.miit.gov.cn/；请给 ICP 备案编号加上该"
        "链接 (ICP number not linked to beian.miit.gov.cn on {english})",
    )
    assert len(actual) == len(messages), actual
    for message in messages:
        [said] = [x for x in actual if message[len("{pages} ") :][:12] in x]
        said_once(said, "ID-09", at, message, ALL_PAGES)


def test_a_footer_is_blamed_on_the_template_that_writes_it(tmp_path: Path) -> None:
    """The site's base.html writes its own <footer> (without the ICP number) and never places
    footer.html, which the site also overrides; its home.html, a whole page of its own, writes
    another. Each page's finding is at the template that holds its <footer>: the unused
    footer.html was blamed for all of them."""
    footer = (DEFAULT_THEME / "templates/footer.html").read_text(encoding="utf-8")
    icp = '<a href="https://beian.miit.gov.cn/">{{ config.icp }}</a>\n'
    home = base(("{% block main %}{% endblock %}", "首页"), (icp, ""), ("<footer>", "<footer >"))
    home_line = theme_line(home, "<footer >")
    templates = "themes/default/templates"
    lines = build(
        tmp_path,
        theme=base((icp, "")),
        files={f"{templates}/footer.html": footer, f"{templates}/home.html": home},
    )
    said = [x for x in found(lines, "ID-09") if "没有 ICP 备案编号" in x]
    places = {x.split(": ", 1)[0]: x for x in said}
    assert len(places) == len(said)
    message = (
        "{pages} 的页脚没有 ICP 备案编号 “吉ICP备05000001号-1”；请在页脚显示 (no ICP number in the "
        "footer on {english})"
    )
    home_at = f"{templates}/home.html:{home_line}"
    base_at = f"{THEME_BASE}:{FOOTER_LINE}"
    assert set(places) == {home_at, base_at}
    said_once(places[home_at], "ID-09", home_at, message, ["index.html"])
    assert "个页面" not in places[home_at]  # (the home page alone)
    others = [path for path in ALL_PAGES if path != "index.html"]
    said_once(places[base_at], "ID-09", base_at, message, others)


@pytest.mark.parametrize(
    ("written", "kept", "code", "message", "severity"),
    [
        (
            "<p>政府网站标识码：{{ config.site_code }}</p>",
            "",
            "ID-08",
            "{pages} 的页脚没有 “政府网站标识码：2298000001”；请在页脚显示 "
            "(no site ID code in the footer on {english})",
            "deduct",
        ),
        (
            '<a href="https://beian.miit.gov.cn/">{{ config.icp }}</a>',
            '<a href="https://beian.miit.gov.cn/">备案查询</a>',  # (the link alone stays)
            "ID-09",
            "{pages} 的页脚没有 ICP 备案编号 “吉ICP备05000001号-1”；请在页脚显示 "
            "(no ICP number in the footer on {english})",
            "deduct",
        ),
        (
            '<a href="/sitemap.html">网站地图</a>',
            "",
            "ID-13",
            "{pages} 的页脚没有“网站地图”链接；请链接 /sitemap.html "
            "(no site map link in the footer on {english})",
            "advice",
        ),
    ],
    ids=["ID-08", "ID-09", "ID-13"],
)
def test_a_footer_item_in_an_html_comment_is_none(
    tmp_path: Path, written: str, kept: str, code: str, message: str, severity: str
) -> None:
    """What a reader never sees is not on the page, for every footer rule, as ID-11..13 read
    comments (the text of a commented-out <p> passed)."""
    lines = build(tmp_path, theme=base((written, f"{kept}<!-- {written} -->")))
    once_for_every_page_at(lines, code, message, severity=severity)


def test_footer_site_code_near_miss(tmp_path: Path) -> None:
    # A half-width colon and spaces are still the code.
    lines = build(tmp_path, theme=base(("政府网站标识码：{{", "政府网站标识码: {{")))
    assert found(lines, "ID-08") == []


def test_footer_icp_old_address(tmp_path: Path) -> None:
    lines = build(
        tmp_path, theme=base(("https://beian.miit.gov.cn/", "http://www.miitbeian.gov.cn/"))
    )
    once_for_every_page_at(
        lines,
        "ID-09",
        "{pages} 的页脚没有链接到工信部备案系统 https://beian.miit.gov.cn/；请给 ICP 备案编号"
        "加上该链接 (ICP number not linked to beian.miit.gov.cn on {english})",
    )


def test_footer_icp_near_miss_not_configured(tmp_path: Path) -> None:
    # Without `icp` in site.yaml the footer need not show one (ID-15 reports the setting).
    icp_link = '<a href="https://beian.miit.gov.cn/">{{ config.icp }}</a>'
    site = SITE.replace("icp: 吉ICP备05000001号-1\n", "")
    assert found(build(tmp_path, theme=base((icp_link, "")), site=site), "ID-09") == []


def test_footer_police_record_wrong_recordcode(tmp_path: Path) -> None:
    lines = build(
        tmp_path,
        theme=base(("recordcode={{ config.police_record_code }}", "recordcode=22980002000002")),
    )
    once_for_every_page_at(
        lines,
        "ID-10",
        "{pages} 页脚公安备案链接的 recordcode 为 22980002000002，应为备案号中的 "
        "22980002000001；请改为 https://www.beian.gov.cn/portal/registerSystemInfo?recordcode="
        "22980002000001 (recordcode does not match the police record on {english})",
    )


def test_footer_police_record_near_miss(tmp_path: Path) -> None:
    # http and the bare beian.gov.cn host are the same filing system.
    lines = build(tmp_path, theme=base(("https://www.beian.gov.cn/", "http://beian.gov.cn/")))
    assert found(lines, "ID-10") == []


POLICE_ICON = """<img src="{{ asset('img/police-record.svg') }}" alt="" aria-hidden="true">"""


def test_footer_police_record_without_icon(tmp_path: Path) -> None:
    lines = build(tmp_path, theme=base((POLICE_ICON, "")))
    once_for_every_page_at(
        lines,
        "ID-10",
        "{pages} 的页脚公安备案号前没有备案图标；请在备案号链接里或紧挨其前放置图标"
        "（data/site.yaml 的 police_icon） (no filing icon before the police record on {english})",
    )


def test_footer_police_record_icon_before_link_near_miss(tmp_path: Path) -> None:
    # Many footers put the icon just before the link rather than inside it.
    link = '<a href="https://www.beian.gov.cn/'
    lines = build(tmp_path, theme=base((POLICE_ICON, ""), (link, POLICE_ICON + "\n" + link)))
    assert found(lines, "ID-10") == []


def footer_by_name(footer: str) -> tuple[str, dict[str, str]]:
    """BASE whose footer, `footer`, is a template it includes by a name computed at render
    time: the template that writes the footer is not found (theme_blame follows literal
    names only), so its faults stay on each page's own file."""
    start, end = BASE.index("<footer>"), BASE.index("</footer>") + len("</footer>\n")
    include = '{% set footer_template = "site_footer.html" %}{% include footer_template %}\n'
    files = {"themes/default/templates/site_footer.html": footer[start:end]}
    return BASE[:start] + include + BASE[end:], files


def test_a_footer_fault_of_no_template_found_stays_on_each_page(tmp_path: Path) -> None:
    """Near miss: a footer fault that no site template is found to write stays one finding
    per page at the page's source (ARCHITECTURE §3.1), as before."""
    theme, files = footer_by_name(base((POLICE_ICON, "")))
    on_every_page(
        build(tmp_path, theme=theme, files=files),
        "ID-10",
        "页面 {path} 的页脚公安备案号前没有备案图标；请在备案号链接里或紧挨其前放置图标"
        "（data/site.yaml 的 police_icon） (no filing icon before the police record on {path})",
    )


def test_a_theme_wide_fault_is_folded_unless_all_is_asked(tmp_path: Path) -> None:
    # (a fault on each page's own file: one a site template is found to cause is said once)
    theme, files = footer_by_name(base((POLICE_ICON, "")))
    every = found(build(tmp_path, theme=theme, files=files), "ID-10")
    assert len(every) >= 6  # build() asks for --all: one line per page
    for command in (["check"], ["build", "--out", str(tmp_path / "public")]):
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            main([*command, "--source", str(tmp_path), "--date", BUILD_DATE])
        printed = err.getvalue().splitlines()
        assert [line for line in printed if "[ID-10] 页面" in line or "同样的 [ID-10]" in line] == [
            *sorted(every)[:3],
            f"  …… 同样的 [ID-10] 问题另有 {len(every) - 3} 个页面，多半出自主题模板，改一处即可；"
            f"加 --all 逐页列出 (… and {len(every) - 3} more pages with the same [ID-10] finding)",
        ], command
        # The counts still count every page: the lines shown and the folded ones add up.
        [total] = [
            int(m) for x in printed for m in re.findall(r"^错误 \d+，否决 \d+，扣分 (\d+)", x)
        ]
        shown = sum(": deduct [" in line for line in printed)
        more = sum(int(m) for x in printed for m in re.findall(r"另有 (\d+) 个页面", x))
        assert shown + more == total


def test_a_footer_fault_of_a_site_template_counts_once(tmp_path: Path) -> None:
    """One fault of the site's footer, on every page, is one finding in every report and in
    the counts (as the header's): the same site without it counts one deduct fewer."""
    summaries = []
    for name, theme in (("clean", base()), ("faulty", base((POLICE_ICON, "")))):
        build(tmp_path / name, theme=theme)
        _code, out, _err = cli(
            "check", "--source", str(tmp_path / name), "--date", BUILD_DATE, "--format", "json"
        )
        report = json.loads(out)
        summaries.append(report["summary"])
        said = [d for d in report["diagnostics"] if d["code"] == "ID-10" and "页面" in d["message"]]
        assert len(said) == (name == "faulty"), said
    clean, faulty = summaries
    assert faulty == {**clean, "deduct": clean["deduct"] + 1}


def test_footer_items_operator_missing(tmp_path: Path) -> None:
    lines = build(tmp_path, theme=base((" 承办单位：{{ config.operator }}", "")))
    once_for_every_page_at(
        lines,
        "ID-13",
        "{pages} 的页脚缺少：承办单位（测试市大数据局）；请在页脚列出 (footer lacks: operator "
        "on {english})",
    )


def test_footer_items_near_miss_without_operator(tmp_path: Path) -> None:
    # No 承办单位 configured: the footer need not list one.
    site = SITE.replace("operator: 测试市大数据局\n", "")
    lines = build(tmp_path, theme=base((" 承办单位：{{ config.operator }}", "")), site=site)
    assert found(lines, "ID-13") == []


def test_footer_sitemap_link_missing(tmp_path: Path) -> None:
    lines = build(tmp_path, theme=base(('<a href="/sitemap.html">网站地图</a>', "")))
    once_for_every_page_at(
        lines,
        "ID-13",
        "{pages} 的页脚没有“网站地图”链接；请链接 /sitemap.html "
        "(no site map link in the footer on {english})",
        severity="advice",
    )


def test_footer_sitemap_link_near_miss(tmp_path: Path) -> None:
    assert found(build(tmp_path), "ID-13") == []


def test_footer_contact_missing(tmp_path: Path) -> None:
    # (audit 12 probe t-footer: 联系我们 without a number passed, for the word 联系)
    lines = build(
        tmp_path,
        theme=base(('<p id="contact">联系电话：0430-88880000</p>', '<a href="#c">联系我们</a>')),
    )
    once_for_every_page_at(
        lines,
        "ID-13",
        "{pages} 的页脚没有联系方式（电话 0430-88880000）；请在页脚列出 "
        "(no contact phone or email in the footer on {english})",
    )


@pytest.mark.parametrize(
    "comment",
    [
        '<!-- <p id="contact">联系电话：0430-88880000</p> -->',
        '<!-- <a href="tel:0430-88880000">拨打电话</a> -->',
    ],
)
def test_footer_contact_in_a_comment_is_none(tmp_path: Path, comment: str) -> None:
    # (review 12, s3: a number a reader never sees passed)
    lines = build(tmp_path, theme=base(('<p id="contact">联系电话：0430-88880000</p>', comment)))
    once_for_every_page_at(
        lines,
        "ID-13",
        "{pages} 的页脚没有联系方式（电话 0430-88880000）；请在页脚列出 "
        "(no contact phone or email in the footer on {english})",
    )


@pytest.mark.parametrize(
    "contact",
    [
        '<p id="contact">联系电话：0430 - 88880000</p>',  # (spaces do not count)
        '<a href="tel:0430-88880000">拨打电话</a>',  # a tel: link is the number
        '<p id="contact">邮箱：zfb@ceshi.gov.cn</p>',  # one of the two suffices
    ],
)
def test_footer_contact_near_miss(tmp_path: Path, contact: str) -> None:
    site = SITE.replace("{phone: 0430-88880000}", "{phone: 0430-88880000, email: zfb@ceshi.gov.cn}")
    lines = build(
        tmp_path, theme=base(('<p id="contact">联系电话：0430-88880000</p>', contact)), site=site
    )
    assert found(lines, "ID-13") == []


NO_CONAC = (
    f"{{pages}} 的页脚没有党政机关网站标识（加载 {CONAC} 的脚本）；请在页脚放置该标识 "
    "(no conac badge in the footer on {english})"
)


def test_footer_conac_missing(tmp_path: Path) -> None:
    lines = build(tmp_path, site=SITE + f'conac: {{script: "{CONAC}"}}\n')
    once_for_every_page_at(lines, "ID-11", NO_CONAC)


def test_footer_conac_in_a_comment_is_none(tmp_path: Path) -> None:
    # (review 12, s3: a commented-out badge script passed)
    badge = f'<!-- <script src="{CONAC}"></script> --></footer>'
    lines = build(
        tmp_path,
        theme=base(("</footer>", badge)),
        site=SITE + f'conac: {{script: "{CONAC}"}}\n',
    )
    once_for_every_page_at(lines, "ID-11", NO_CONAC)


def test_footer_conac_near_miss(tmp_path: Path) -> None:
    # Scheme-relative, as the official embed code is often copied.
    badge = f'<span id="_ideConac"></span><script src="{CONAC.removeprefix("https:")}"></script>'
    lines = build(
        tmp_path,
        theme=base(("</footer>", badge + "</footer>")),
        site=SITE + f'conac: {{script: "{CONAC}"}}\n',
    )
    assert found(lines, "ID-11") == []


def test_footer_jiucuo_missing_or_wrong(tmp_path: Path) -> None:
    lines = build(tmp_path, site=SITE + "jiucuo: true\n")
    once_for_every_page_at(
        lines,
        "ID-12",
        "{pages} 的页脚没有“我为政府网站找错”入口；请在页脚放置（data/site.yaml 已设 jiucuo: true）"
        " (no 找错 entry in the footer on {english})",
    )
    wrong = '<span data-jiucuo-sitecode="2298000002"></span></footer>'
    lines = build(tmp_path / "b", theme=base(("</footer>", wrong)), site=SITE + "jiucuo: true\n")
    once_for_every_page_at(
        lines,
        "ID-12",
        "{pages} 的“我为政府网站找错”入口的 sitecode 为 2298000002，应为标识码 2298000001；"
        "请改正 (the 找错 entry's sitecode is not the site code on {english})",
    )
    # The official script outside the footer is judged by its sitecode all the same.
    wrong = '<script id="_jiucuo_" sitecode="2298000002" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script></body>'
    # (found where it is written, not in a template comment that names it)
    note = '{# the official <script id="_jiucuo_"> is written before the end of body #}</footer>'
    theme = base(("</body>", wrong), ("</footer>", note))
    lines = build(tmp_path / "c", theme=theme, site=SITE + "jiucuo: true\n")
    once_for_every_page_at(
        lines,
        "ID-12",
        "{pages} 的“我为政府网站找错”入口的 sitecode 为 2298000002，应为标识码 2298000001；"
        "请改正 (the 找错 entry's sitecode is not the site code on {english})",
        line=BASE.count("\n", 0, BASE.index("</body>")) + 1,  # (where the script is written)
    )
    # A placeholder or the official script commented out of the footer is no entry.
    for name, hidden in [
        ("d", '<!-- <span data-jiucuo-sitecode="{{ config.site_code }}"></span> --></footer>'),
        (
            "e",
            '<!-- <script id="_jiucuo_" sitecode="{{ config.site_code }}" '
            'src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script> --></footer>',
        ),
    ]:
        lines = build(
            tmp_path / name, theme=base(("</footer>", hidden)), site=SITE + "jiucuo: true\n"
        )
        once_for_every_page_at(
            lines,
            "ID-12",
            "{pages} 的页脚没有“我为政府网站找错”入口；请在页脚放置（data/site.yaml 已设 "
            "jiucuo: true） (no 找错 entry in the footer on {english})",
        )


def test_footer_jiucuo_commented_out_outside_the_footer_is_none(tmp_path: Path) -> None:
    # The official script commented out before </body>, where the official embed code puts it:
    # a browser never runs it, so the page has no 找错 entry (as one commented out of the
    # footer, and as ID-11 and ID-13 read comments).
    hidden = (
        '<!-- <script id="_jiucuo_" sitecode="{{ config.site_code }}" '
        'src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script> --></body>'
    )
    lines = build(tmp_path, theme=base(("</body>", hidden)), site=SITE + "jiucuo: true\n")
    once_for_every_page_at(
        lines,
        "ID-12",
        "{pages} 的页脚没有“我为政府网站找错”入口；请在页脚放置（data/site.yaml 已设 "
        "jiucuo: true） (no 找错 entry in the footer on {english})",
    )
    # A wrong sitecode is found where the live script is written, not at the commented one.
    wrong = (
        '<script id="_jiucuo_" sitecode="2298000002" '
        'src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script></body>'
    )
    theme = base(("</header>", hidden.replace("</body>", "</header>")), ("</body>", wrong))
    lines = build(tmp_path / "b", theme=theme, site=SITE + "jiucuo: true\n")
    once_for_every_page_at(
        lines,
        "ID-12",
        "{pages} 的“我为政府网站找错”入口的 sitecode 为 2298000002，应为标识码 2298000001；"
        "请改正 (the 找错 entry's sitecode is not the site code on {english})",
        line=theme.count("\n", 0, theme.index("</body>")) + 1,
    )


@pytest.mark.parametrize("place", ["</footer>", "</body>"])
def test_footer_jiucuo_near_miss(tmp_path: Path, place: str) -> None:
    # The official script written by the theme itself, rather than the default theme's slot:
    # in the footer, or before </body> as the official embed code says (review 12, j1).
    official = (
        '<script id="_jiucuo_" sitecode="{{ config.site_code }}" '
        f'src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>{place}'
    )
    lines = build(tmp_path, theme=base((place, official)), site=SITE + "jiucuo: true\n")
    assert found(lines, "ID-12") == []


EMBLEM_SITE = SITE + "emblem: static/emblem.png\n"


def test_home_emblem_missing(tmp_path: Path) -> None:
    lines = build(tmp_path, site=EMBLEM_SITE, files={"static/emblem.png": "png"})
    assert found(lines, "ID-14") == [
        f"{THEME_BASE}:{HEADER_LINE}: deduct [ID-14] 页面 index.html 的头部标识区没有国徽图片 "
        "/static/emblem.png（data/site.yaml 的 emblem）；请在首页 <header> 中显示 "
        "(no national emblem in the header of index.html)"
    ]


def test_home_emblem_on_another_host(tmp_path: Path) -> None:
    emblem = '<img class="emblem" src="https://www.other.gov.cn/static/emblem.png" alt="国徽"><a href="/">'
    lines = build(
        tmp_path,
        theme=base(('<a href="/">', emblem)),
        site=EMBLEM_SITE + "allowed_hosts: {www.other.gov.cn: 省政府}\n",
        files={"static/emblem.png": "png"},
    )
    assert len(found(lines, "ID-14")) == 1


@pytest.mark.parametrize(
    "src",
    [
        "/static/emblem.png",
        "{{ '/static/emblem.png' | href }}",
        # On the site's own domain, written in full (review 12, e1).
        "https://{{ config.domain }}/{{ config.emblem }}",
        "//{{ config.domain }}/static/emblem.png",
    ],
)
def test_home_emblem_near_miss(tmp_path: Path, src: str) -> None:
    emblem = f'<img class="emblem" src="{src}" alt="国徽"><a href="/">'
    lines = build(
        tmp_path,
        theme=base(('<a href="/">', emblem)),
        site=EMBLEM_SITE,
        files={"static/emblem.png": "png"},
    )
    assert found(lines, "ID-14") == []


def test_a_department_site_needs_no_emblem_in_its_header(tmp_path: Path) -> None:
    department = EMBLEM_SITE.replace("level: city", "level: department\nparent: www.ceshi.gov.cn")
    department = department.replace("www.ceshi.gov.cn\nlevel", "jyj.ceshi.gov.cn\nlevel")
    lines = build(tmp_path, site=department, files={"static/emblem.png": "png"})
    assert found(lines, "ID-14") == []


# --- SEC-01 ---------------------------------------------------------------------------------


def test_outside_assets_image_and_font(tmp_path: Path) -> None:
    body = "正文。\n\n![图](https://cdn.example.com/a.png) ![图二](//img.example.org/b.png)\n"
    css = "body { color: #333; }\n@font-face { src: url(https://fonts.example.com/f.woff2); }\n"
    lines = build(tmp_path, body, files={"static/css/extra.css": css})
    assert found(lines, "SEC-01") == [
        f"content/xw/a.md:{BODY_LINE + 2}: deduct [SEC-01] 页面 xw/a.html 加载站外资源 "
        "//img.example.org/b.png（主机 img.example.org）；请改为站内文件，或在 allowed_hosts 中"
        "登记 (outside asset from img.example.org on xw/a.html)",
        f"content/xw/a.md:{BODY_LINE + 2}: deduct [SEC-01] 页面 xw/a.html 加载站外资源 "
        "https://cdn.example.com/a.png（主机 cdn.example.com）；请改为站内文件，或在 "
        "allowed_hosts 中登记 (outside asset from cdn.example.com on xw/a.html)",
        "static/css/extra.css:2: deduct [SEC-01] 样式表 static/css/extra.css 加载站外资源 "
        "https://fonts.example.com/f.woff2（主机 fonts.example.com）；请改为站内文件 "
        "(stylesheet static/css/extra.css loads an outside asset from fonts.example.com)",
    ]


def test_outside_assets_near_miss(tmp_path: Path) -> None:
    # An allowed host, the site's own domain, a plain link to an outside page, and a font
    # inside the site.
    body = (
        "正文。\n\n![图](https://cdn.example.com/a.png) ![图](https://www.ceshi.gov.cn/s.png) "
        "[国务院](https://www.gov.cn/)\n"
    )
    css = "@font-face { src: url(../fonts/f.woff2); }\n"
    lines = build(
        tmp_path,
        body,
        site=SITE + "allowed_hosts: {cdn.example.com: 市融媒体中心图片库（经审批）}\n",
        files={"static/css/extra.css": css, "static/fonts/f.woff2": "font"},
    )
    assert found(lines, "SEC-01") == []


@pytest.mark.parametrize(
    ("allowed", "found_on_pages"),
    [
        ('"[fd00::1]"', False),
        ('"fd00::1"', False),
        ('"[FD00::1]:8443"', False),  # (as copied off the address bar: the port is not compared)
        ('"[fd00::2]"', True),  # (another address is still reported)
    ],
)
def test_outside_assets_from_an_allowed_ipv6_address_in_another_spelling(
    tmp_path: Path, allowed: str, found_on_pages: bool
) -> None:
    """SEC-01 compares hosts as ID-04 does (host_key): an asset of [FD00:0::1] is one of the
    address allowed_hosts lists as [fd00::1]. It compared the lower-cased text, and reported
    it on every page and in the stylesheet."""
    script = "http://[FD00:0::1]/x.js"
    theme = base(("</footer>", f'<script src="{script}"></script></footer>'))
    css = "@font-face { src: url(http://[FD00:0::1]/f.woff2); }\n"
    lines = build(
        tmp_path,
        theme=theme,
        site=SITE + f"allowed_hosts: {{{allowed}: 内网字体与脚本服务（经审批）}}\n",
        files={"static/css/extra.css": css},
    )
    sec01 = found(lines, "SEC-01")
    if not found_on_pages:
        assert sec01 == []
        return
    once_at(
        [x for x in lines if "样式表" not in x],
        "SEC-01",
        f"{THEME_BASE}:{FOOTER_LINE_END}",
        f"{{pages}} 加载站外资源 {script}（主机 fd00:0::1）；请改为站内文件，或在 "
        "allowed_hosts 中登记 (outside asset from fd00:0::1 on {english})",
        ALL_PAGES,
    )
    assert [x for x in sec01 if "样式表" in x] == [
        "static/css/extra.css:1: deduct [SEC-01] 样式表 static/css/extra.css 加载站外资源 "
        "http://[FD00:0::1]/f.woff2（主机 fd00:0::1）；请改为站内文件 "
        "(stylesheet static/css/extra.css loads an outside asset from fd00:0::1)"
    ]


def test_outside_assets_from_an_allowed_chinese_domain_in_either_form(tmp_path: Path) -> None:
    """A 中文域名 key matched only the links that keep it as written (raw HTML): a Markdown
    image carries its IDNA form (xn--…), and SEC-01 reported it although allowed."""
    body = '![图](https://视频.政务/a.png)\n\n<img src="https://视频.政务/b.png" alt="图二">\n'
    allowed = 'allowed_hosts: {"视频.政务": 省级视频平台（经审批）}\n'
    assert found(build(tmp_path / "allowed", body, site=SITE + allowed), "SEC-01") == []
    reported = found(build(tmp_path / "not", body), "SEC-01")
    assert len(reported) == 2 and "xn--" in reported[0] + reported[1], reported


def test_outside_assets_conac_only_when_configured(tmp_path: Path) -> None:
    script = "https://dcs.conac.cn/js/22/980/0000/60000001/CA229800000600000010001.js"
    theme = base(("</footer>", f'<script src="{script}"></script></footer>'))
    # (once, at the line of the site base.html that loads it)
    once_at(
        build(tmp_path / "without", theme=theme),
        "SEC-01",
        f"{THEME_BASE}:{FOOTER_LINE_END}",
        f"{{pages}} 加载站外资源 {script}（主机 dcs.conac.cn）；请改为站内文件，或在 "
        "allowed_hosts 中登记 (outside asset from dcs.conac.cn on {english})",
        ALL_PAGES,
    )
    site = SITE + f"conac: {{script: '{script}'}}\n"
    assert found(build(tmp_path / "with", theme=theme, site=site), "SEC-01") == []


def test_script_urls_javascript(tmp_path: Path) -> None:
    # Written by the site theme's article.html: found at its line there.
    article = (
        '{% extends "base.html" %}{% block main %}{{ page.date | day }}\n'
        '<a href="javascript:void(0)">更多</a>{{ body }}{% endblock %}'
    )
    lines = build(tmp_path, files={"themes/default/templates/article.html": article})
    assert found(lines, "SEC-01") == [
        "themes/default/templates/article.html:2: deduct [SEC-01] 页面 xw/a.html 的链接 "
        "javascript:void(0) 使用脚本伪协议，无法正常访问；请改为真实地址 (script URL on xw/a.html)"
    ]


def test_script_urls_near_miss(tmp_path: Path) -> None:
    article = (
        '{% extends "base.html" %}{% block main %}{{ page.date | day }}'
        '<a href="mailto:zfb@ceshi.gov.cn">来信</a><a href="tel:0430-88880000">电话</a>'
        "{{ body }}{% endblock %}"
    )
    lines = build(tmp_path, files={"themes/default/templates/article.html": article})
    assert found(lines, "SEC-01") == []


# --- SEC-06 ---------------------------------------------------------------------------------


def test_dead_links_missing_targets(tmp_path: Path) -> None:
    body = (
        "正文。\n\n[附件](missing.pdf)\n\n![图](/static/none.png)\n\n"
        "[旧栏目](/jg/) [上级](../../outside.html)\n"
    )
    css = "body {}\n.logo { background: url(../img/none.png); }\n"
    lines = build(tmp_path, body, files={"static/css/extra.css": css})
    assert found(lines, "SEC-06") == [
        f"content/xw/a.md:{BODY_LINE + 2}: deduct [SEC-06] 页面 xw/a.html 的链接 missing.pdf "
        "指向不存在的 xw/missing.pdf；请改正链接或补上该文件 (dead link on xw/a.html: "
        "xw/missing.pdf does not exist)",
        f"content/xw/a.md:{BODY_LINE + 4}: deduct [SEC-06] 页面 xw/a.html 的链接 /static/none.png "
        "指向不存在的 static/none.png；请改正链接或补上该文件 (dead link on xw/a.html: "
        "static/none.png does not exist)",
        f"content/xw/a.md:{BODY_LINE + 6}: deduct [SEC-06] 页面 xw/a.html 的链接 "
        "../../outside.html 指向不存在的 ../outside.html；请改正链接或补上该文件 (dead link on "
        "xw/a.html: ../outside.html does not exist)",
        f"content/xw/a.md:{BODY_LINE + 6}: deduct [SEC-06] 页面 xw/a.html 的链接 /jg/ 指向不存在的 "
        "jg/index.html；请改正链接或补上该文件 (dead link on xw/a.html: jg/index.html does not "
        "exist)",
        "static/css/extra.css:2: deduct [SEC-06] 样式表 static/css/extra.css 引用的 "
        "../img/none.png 不存在（static/img/none.png）；请改正路径或补上该文件 (stylesheet "
        "static/css/extra.css: static/img/none.png does not exist)",
    ]


def test_dead_links_near_miss(tmp_path: Path) -> None:
    # Existing file (Chinese name, percent-encoded in the output), a folder (its index.html),
    # a query and a fragment on another page, a relative page link, a stylesheet image.
    body = (
        "正文。\n\n[表格](/static/申请表.pdf) [栏目](/xw) [首页](/?from=a#top) "
        "[同栏目](index.html#main) [图](pic.png) [搜索](/search/?q=1)\n"
    )
    css = ".logo { background: url('../img/logo.png'); }\n"
    lines = build(
        tmp_path,
        body,
        files={
            "static/申请表.pdf": "pdf",
            "content/xw/pic.png": "png",
            "static/css/extra.css": css,
            "static/img/logo.png": "png",
        },
    )
    assert found(lines, "SEC-06") == []


def test_dead_links_to_the_sites_own_domain(tmp_path: Path) -> None:
    """A link to the site's own domain written in full is a link of this output: checked like
    a site-relative one, over http or https, with any case. Other hosts cannot be checked."""
    body = (
        "正文。\n\n[通知](https://www.ceshi.gov.cn/zwgk/xxx.html)\n\n"
        "[本页](http://WWW.ceshi.gov.cn/xw/a.html) [首页](https://www.ceshi.gov.cn) "
        "[栏目](//www.ceshi.gov.cn/xw/) [外站](https://www.example.com/none.html) "
        "[上级](https://www.jl.gov.cn/none.html)\n"
    )
    assert found(build(tmp_path, body), "SEC-06") == [
        f"content/xw/a.md:{BODY_LINE + 2}: deduct [SEC-06] 页面 xw/a.html 的链接 "
        "https://www.ceshi.gov.cn/zwgk/xxx.html 指向不存在的 zwgk/xxx.html；请改正链接或补上该文件"
        " (dead link on xw/a.html: zwgk/xxx.html does not exist)"
    ]


def test_the_sites_own_chinese_domain_is_its_own(tmp_path: Path) -> None:
    """The site answers on its 中文域名 too (data/site.yaml chinese_domain): an image from it is
    not an outside asset, and a dead link to it is found, at the line that wrote it and as it
    was written (the rendered link carries the IDNA form, xn--…)."""
    body = (
        "正文。\n\n![国徽](https://测试市政府.政务/static/none.png)\n\n"
        "[不存在](https://测试市政府.政务/zwgk/xxx.html)\n"
    )
    lines = build(tmp_path, body, site=SITE + "chinese_domain: 测试市政府.政务\n")
    assert found(lines, "SEC-01") == []
    assert found(lines, "SEC-06") == [
        f"content/xw/a.md:{BODY_LINE + 2}: deduct [SEC-06] 页面 xw/a.html 的链接 "
        "https://测试市政府.政务/static/none.png 指向不存在的 static/none.png；请改正链接或补上该文件"
        " (dead link on xw/a.html: static/none.png does not exist)",
        f"content/xw/a.md:{BODY_LINE + 4}: deduct [SEC-06] 页面 xw/a.html 的链接 "
        "https://测试市政府.政务/zwgk/xxx.html 指向不存在的 zwgk/xxx.html；请改正链接或补上该文件"
        " (dead link on xw/a.html: zwgk/xxx.html does not exist)",
    ]


def test_a_dead_link_is_found_at_the_line_that_writes_it_whole(tmp_path: Path) -> None:
    """/zwgk/b1/ is also the start of /zwgk/b1/附件.pdf on the line above: each finding points
    to the line where its own URL is written, not the first line that starts with it."""
    body = "正文。\n\n[附件](/zwgk/b1/附件.pdf)\n\n[文件夹](/zwgk/b1/)\n"
    lines = found(build(tmp_path, body), "SEC-06")
    assert [line.split(": deduct")[0] for line in lines] == [
        f"content/xw/a.md:{BODY_LINE + 2}",
        f"content/xw/a.md:{BODY_LINE + 4}",
    ], lines


def test_dead_anchors_missing_id(tmp_path: Path) -> None:
    body = '正文。\n\n<span id="here">这里</span>\n\n[见下文](#nowhere)\n'
    lines = build(tmp_path, body)
    assert found(lines, "SEC-06") == [
        f"content/xw/a.md:{BODY_LINE + 4}: deduct [SEC-06] 页面 xw/a.html 的锚点链接 #nowhere "
        "在本页找不到 id 为 “nowhere” 的元素；请改正锚点 (anchor #nowhere not found on xw/a.html)"
    ]


def test_dead_anchors_near_miss(tmp_path: Path) -> None:
    # Ids in the body, in the theme (#main, #contact) and the special #top.
    body = (
        "正文。\n\n<span id='here'>这里</span>\n\n[见上文](#here) [顶部](#top) [联系](#contact)\n"
    )
    assert found(build(tmp_path, body), "SEC-06") == []


def test_dead_anchors_word_table_of_contents(tmp_path: Path) -> None:
    """HTML pasted from Word links its table of contents to <a name> anchors."""
    body = (
        '正文。\n\n<p><a href="#_Toc1">一、供热保障</a></p>\n\n'
        '<p><a name="_Toc1"></a>一、供热保障</p>\n\n[见下文](#_Toc2)\n'
    )
    assert found(build(tmp_path, body), "SEC-06") == [
        f"content/xw/a.md:{BODY_LINE + 6}: deduct [SEC-06] 页面 xw/a.html 的锚点链接 #_Toc2 "
        "在本页找不到 id 为 “_Toc2” 的元素；请改正锚点 (anchor #_Toc2 not found on xw/a.html)"
    ]


OTHER_PAGE = {
    "content/xw/b.md": news('<span id="here">这里</span>', title="另一篇新闻"),
    "content/xw/c.pdf": "%PDF",
}


def test_dead_anchors_written_in_chinese_are_found_at_their_line(tmp_path: Path) -> None:
    """The page percent-encodes #一、线路说明; the source writes it as it reads."""
    body = "正文。\n\n<span id='一、总则'>一</span>\n\n[见下文](#一、线路说明)\n"
    assert found(build(tmp_path, body), "SEC-06") == [
        f"content/xw/a.md:{BODY_LINE + 4}: deduct [SEC-06] 页面 xw/a.html 的锚点链接 #一、线路说明 "
        "在本页找不到 id 为 “一、线路说明” 的元素；请改正锚点 (anchor #一、线路说明 not found on xw/a.html)"
    ]


def test_dead_anchors_on_another_page(tmp_path: Path) -> None:
    """b.html#nowhere opens b.html at its top, not where it says: a finding at its line."""
    body = "正文。\n\n[甲](/xw/b.html#here)\n\n[丙](b.html#nowhere)\n"
    assert found(build(tmp_path, body, files=OTHER_PAGE), "SEC-06") == [
        f"content/xw/a.md:{BODY_LINE + 4}: deduct [SEC-06] 页面 xw/a.html 的链接 b.html#nowhere "
        "指向的 xw/b.html 中找不到 id 为 “nowhere” 的元素；请改正锚点 "
        "(anchor #nowhere not found on xw/b.html)"
    ]


def test_dead_anchors_on_another_page_near_miss(tmp_path: Path) -> None:
    """An id the other page has (written as a path or relative), a text fragment, a PDF's
    #page and #top are fine."""
    body = (
        "正文。\n\n[甲](/xw/b.html#here) [乙](/xw/b.html#:~:text=这里) [丙](b.html#here)\n\n"
        "[丁](/xw/c.pdf#page=2) [戊](/xw/b.html#top)\n"
    )
    assert found(build(tmp_path, body, files=OTHER_PAGE), "SEC-06") == []


# --- A11Y-02, SEARCH-01 ---------------------------------------------------------------------


def test_image_alt_missing_or_empty(tmp_path: Path) -> None:
    body = '正文。\n\n![](pic.png)\n\n<img src="other.png">\n'
    lines = build(
        tmp_path, body, files={"content/xw/pic.png": "png", "content/xw/other.png": "png"}
    )
    assert found(lines, "A11Y-02") == [
        f"content/xw/a.md:{BODY_LINE + 2}: deduct [A11Y-02] 页面 xw/a.html 的图片 pic.png alt 为空；"
        "请写上说明图片内容的替代文本 (image with empty alt on xw/a.html)",
        f"content/xw/a.md:{BODY_LINE + 4}: deduct [A11Y-02] 页面 xw/a.html 的图片 other.png "
        "没有 alt 属性；请写上说明图片内容的替代文本 (image with no alt on xw/a.html)",
    ]


def test_image_and_frame_of_a_site_template_are_found_there_once(tmp_path: Path) -> None:
    """An image without alt and a frame without title that the site base.html writes: once
    each, at its line there, not at every page's content file; commented out, neither."""
    tags = '<img src="/static/logo.png">\n<iframe src="/static/map.html"></iframe>\n'
    theme = base(("<main", f"<!-- {tags} -->\n{tags}<main"))
    files = {"static/logo.png": "png", "static/map.html": "<p>地图</p>"}
    lines = build(tmp_path, theme=theme, files=files)
    image = theme_line(theme, f"-->\n{tags}") + 1
    once_at(
        [x for x in lines if "内嵌框架" not in x],
        "A11Y-02",
        f"{THEME_BASE}:{image}",
        "{pages} 的图片 /static/logo.png 没有 alt 属性；请写上说明图片内容的替代文本 "
        "(image with no alt on {english})",
        ALL_PAGES,
    )
    once_at(
        [x for x in lines if "内嵌框架" in x],
        "A11Y-02",
        f"{THEME_BASE}:{image + 1}",
        "{pages} 的内嵌框架 /static/map.html 没有 title；请写上说明其内容的标题 "
        "(iframe without a title on {english})",
        ALL_PAGES,
    )


def test_a_template_url_is_found_where_it_is_written_not_inside_a_longer_one(
    tmp_path: Path,
) -> None:
    """An outside script and an image without alt that the site base.html writes below a
    link to a longer URL that begins with theirs (…/x.js?v=2, …/logo.png?full=1): each at
    its own line, as an attribute's quoted value, not at the link's line above; one written
    with &amp; is found there too (it stayed at each page's content file)."""
    tags = (
        '<a href="https://cdn.example.com/x.js?v=2">脚本下载</a>\n'
        '<a href="/static/logo.png?full=1">原图</a>\n'
        '<script src="https://cdn.example.com/x.js"></script>\n'
        '<img src="/static/logo.png">\n'
        '<script src="https://cdn.example.com/y.js?a=1&amp;b=2"></script>\n'
    )
    theme = base(("<main", f"{tags}<main"))
    lines = build(tmp_path, theme=theme, files={"static/logo.png": "png"})
    script = theme_line(theme, '<script src="https://cdn.example.com/x.js"')
    outside = sorted(found(lines, "SEC-01"))
    assert len(outside) == 2, outside
    for url, at in (
        ("https://cdn.example.com/x.js", script),
        ("https://cdn.example.com/y.js?a=1&b=2", script + 2),
    ):
        [said] = [x for x in outside if f"站外资源 {url}（" in x]
        said_once(
            said,
            "SEC-01",
            f"{THEME_BASE}:{at}",
            f"{{pages}} 加载站外资源 {url}（主机 cdn.example.com）；请改为站内文件，或在 "
            "allowed_hosts 中登记 (outside asset from cdn.example.com on {english})",
            ALL_PAGES,
        )
    once_at(
        lines,
        "A11Y-02",
        f"{THEME_BASE}:{script + 1}",
        "{pages} 的图片 /static/logo.png 没有 alt 属性；请写上说明图片内容的替代文本 "
        "(image with no alt on {english})",
        ALL_PAGES,
    )


def test_a_template_url_written_unquoted_is_still_found_at_its_line(tmp_path: Path) -> None:
    """Near miss: a template that writes the URL as an unquoted attribute value has no quoted
    form of it; the URL itself is looked for, and found at its line."""
    theme = base(("<main", "<script src=https://cdn.example.com/x.js></script>\n<main"))
    lines = build(tmp_path, theme=theme)
    once_at(
        lines,
        "SEC-01",
        f"{THEME_BASE}:{theme_line(theme, '<script src=https:')}",
        "{pages} 加载站外资源 https://cdn.example.com/x.js（主机 cdn.example.com）；请改为站内文件，"
        "或在 allowed_hosts 中登记 (outside asset from cdn.example.com on {english})",
        ALL_PAGES,
    )


def test_image_alt_near_miss(tmp_path: Path) -> None:
    # Described images, and an empty alt on an image marked decorative.
    article = (
        '{% extends "base.html" %}{% block main %}{{ page.date | day }}'
        '<img src="/static/line.png" alt="" role="presentation">'
        '<img src="/static/dot.png" alt="" aria-hidden="true">{{ body }}{% endblock %}'
    )
    lines = build(
        tmp_path,
        "正文。\n\n![会场照片](pic.png)\n",
        files={
            "content/xw/pic.png": "png",
            "static/line.png": "png",
            "static/dot.png": "png",
            "themes/default/templates/article.html": article,
        },
    )
    assert found(lines, "A11Y-02") == []


def test_image_alt_decorative_in_the_body(tmp_path: Path) -> None:
    """alt="" with role="presentation" (the rule's own hint) marks a decorative image written
    in the body; Markdown's ![](x.png) has no such mark and is still an empty alt."""
    body = '正文。\n\n<p><img src="photo.png" alt="" role="presentation"></p>\n\n![](pic.png)\n'
    lines = build(
        tmp_path, body, files={"content/xw/photo.png": "png", "content/xw/pic.png": "png"}
    )
    assert found(lines, "A11Y-02") == [
        f"content/xw/a.md:{BODY_LINE + 4}: deduct [A11Y-02] 页面 xw/a.html 的图片 pic.png alt 为空；"
        "请写上说明图片内容的替代文本 (image with empty alt on xw/a.html)",
    ]


def test_iframe_title_missing(tmp_path: Path) -> None:
    body = '正文。\n\n<iframe src="/static/map.html"></iframe>\n'
    lines = build(tmp_path, body, files={"static/map.html": "<p>地图</p>"})
    assert found(lines, "A11Y-02") == [
        f"content/xw/a.md:{BODY_LINE + 2}: deduct [A11Y-02] 页面 xw/a.html 的内嵌框架 "
        "/static/map.html 没有 title；请写上说明其内容的标题 (iframe without a title on xw/a.html)"
    ]


def test_iframe_title_near_miss(tmp_path: Path) -> None:
    body = '正文。\n\n<iframe src="/static/map.html" title="办事大厅位置图"></iframe>\n'
    lines = build(tmp_path, body, files={"static/map.html": "<p>地图</p>"})
    assert found(lines, "A11Y-02") == []


def test_search_entry_missing(tmp_path: Path) -> None:
    form = '<form role="search" action="/search/"><input name="q" aria-label="搜索"></form>'
    # The home and search pages, whose own boxes are their entries, without them: once, at
    # the <header> of the site base.html that left out the box, not at every page's file.
    home = '{% extends "base.html" %}{% block main %}首页{% endblock %}'
    search = '{% extends "base.html" %}{% block main %}全站搜索{% endblock %}'
    templates = "themes/default/templates"
    files = {f"{templates}/home.html": home, f"{templates}/search.html": search}
    lines = build(tmp_path, theme=base((form, "")), files=files)
    once_at(
        lines,
        "SEARCH-01",
        f"{THEME_BASE}:{HEADER_LINE}",
        '{pages} 没有搜索入口；请在页头或页面中放 role="search" 的搜索表单 (no search entry on '
        "{english})",
        ALL_PAGES,
    )


def test_a_search_form_in_an_html_comment_is_no_entry(tmp_path: Path) -> None:
    """A search form commented out is not on the page: no reader can search with it."""
    form = '<form role="search" action="/search/"><input name="q" aria-label="搜索"></form>'
    lines = build(tmp_path, theme=base((form, f"<!-- {form} -->")))
    once_at(
        lines,
        "SEARCH-01",
        f"{THEME_BASE}:{HEADER_LINE}",
        '{pages} 没有搜索入口；请在页头或页面中放 role="search" 的搜索表单 (no search entry on '
        "{english})",
        [path for path in ALL_PAGES if path not in ("index.html", "search/index.html")],
    )


def test_search_entry_near_miss_action_only(tmp_path: Path) -> None:
    lines = build(tmp_path, theme=base(('<form role="search" action', "<form action")))
    assert found(lines, "SEARCH-01") == []


def test_search_entry_on_the_default_search_page_is_its_own_form(tmp_path: Path) -> None:
    """The default theme leaves the header's search box off the search page (one box a page),
    so there the page's own form is the search entry SEARCH-01 finds: without its role and
    action the search page, and only it, has none."""
    default = DEFAULT_THEME / "templates"
    theme = (default / "base.html").read_text(encoding="utf-8")
    assert found(build(tmp_path / "kept", theme=theme), "SEARCH-01") == []
    own = '<form class="search-form" action="/search/" method="get" role="search"'
    search = (default / "search.html").read_text(encoding="utf-8")
    assert own in search
    bare = search.replace(own, '<form class="search-form" method="get"')
    files = {"themes/default/templates/search.html": bare}
    # (at the site search.html, which says it has its own box: the header leaves its out)
    line = theme_line(bare, "own_search_box")
    assert found(build(tmp_path / "bare", theme=theme, files=files), "SEARCH-01") == [
        f"themes/default/templates/search.html:{line}: deduct [SEARCH-01] 页面 search/index.html "
        "没有搜索入口；"
        '请在页头或页面中放 role="search" 的搜索表单 (no search entry on search/index.html)'
    ]


def test_a_sites_search_page_from_before_its_own_box_keeps_the_headers(tmp_path: Path) -> None:
    """A site's own search.html copied from the default theme before that page had its own
    search entry (no `own_search_box`, a form without role): the header keeps its box there,
    and the upgrade brings no SEARCH-01 (reviewer: it did, at themes/default:0)."""
    default = DEFAULT_THEME / "templates"
    theme = (default / "base.html").read_text(encoding="utf-8")
    search = (default / "search.html").read_text(encoding="utf-8")
    marker = "{% set own_search_box = true %}"
    assert marker in search
    old = search.replace(marker, "").replace(
        '<form class="search-form" action="/search/" method="get" role="search"',
        '<form class="search-form" method="get"',
    )
    files = {"themes/default/templates/search.html": old}
    site = build(tmp_path / "old", theme=theme, files=files)
    assert found(site, "SEARCH-01") == []


# --- lines in the source -----------------------------------------------------------------


def test_a_finding_in_the_body_is_at_its_body_line_not_the_front_matter(tmp_path: Path) -> None:
    """The URL of a faulty link or image may be written in the front matter too (a summary,
    a source): the finding is where the body writes it."""
    body = "正文。\n\n[原文](/zwgk/old.html)\n\n![](pic.png)\n"
    summary = "原文见 /zwgk/old.html，图见 pic.png"
    make_site(
        tmp_path,
        {
            "content/dt/a.md": news(body, summary=summary, reviewed_by="审核人"),
            "content/dt/pic.png": "png",
        },
    )
    done = run(tmp_path, "--all", command="build")
    first = BODY_LINE + 2  # two more front-matter lines than news() has
    assert done.lines == [
        f"content/dt/a.md:{first + 2}: deduct [SEC-06] 页面 dt/a.html 的链接 /zwgk/old.html 指向"
        "不存在的 zwgk/old.html；请改正链接或补上该文件 (dead link on dt/a.html: zwgk/old.html "
        "does not exist)",
        f"content/dt/a.md:{first + 4}: deduct [A11Y-02] 页面 dt/a.html 的图片 pic.png alt 为空；"
        "请写上说明图片内容的替代文本 (image with empty alt on dt/a.html)",
    ]
    assert done.code == 0  # deduct findings do not block


# --- HTML files of content/, copied as they are ------------------------------------------


def test_an_html_file_of_content_is_the_editors_not_the_themes(tmp_path: Path) -> None:
    """A loose HTML file of a column folder, or one of a bundle, is copied as it is: findings
    on it name that file with its own lines, and the rules on the theme's pages (landmarks,
    meta tags, footer, search entry) leave it alone."""
    page = (
        "<!DOCTYPE html>\n<html><head><title>旧页面</title></head>\n<body>\n<p>旧内容</p>\n"
        '<img src="/static/old.png">\n<a href="/gone.html">旧链接</a>\n</body></html>\n'
    )
    # sitekit's site, clean under every rule: only these files' findings are reported.
    make_site(
        tmp_path,
        {
            "content/dt/old.html": page,
            "content/dt/b/index.md": news(reviewed_by="审核人"),
            "content/dt/b/map.html": '<p>地图</p>\n<a href="#nowhere">见下文</a>\n',
        },
    )
    done = run(tmp_path, "--all", command="build")
    assert done.lines == [
        "content/dt/b/map.html:2: deduct [SEC-06] 页面 dt/b/map.html 的锚点链接 #nowhere 在本页"
        "找不到 id 为 “nowhere” 的元素；请改正锚点 (anchor #nowhere not found on dt/b/map.html)",
        "content/dt/old.html:5: deduct [A11Y-02] 页面 dt/old.html 的图片 /static/old.png 没有 alt"
        " 属性；请写上说明图片内容的替代文本 (image with no alt on dt/old.html)",
        "content/dt/old.html:5: deduct [SEC-06] 页面 dt/old.html 的链接 /static/old.png 指向不存在"
        "的 static/old.png；请改正链接或补上该文件 (dead link on dt/old.html: static/old.png does "
        "not exist)",
        "content/dt/old.html:6: deduct [SEC-06] 页面 dt/old.html 的链接 /gone.html 指向不存在的 "
        "gone.html；请改正链接或补上该文件 (dead link on dt/old.html: gone.html does not exist)",
    ]
    # Deduct findings do not block: the build went out, the files as they were written.
    assert done.code == 0
    assert (tmp_path / "public/dt/old.html").read_text(encoding="utf-8") == page


def test_every_output_rule_has_a_trigger_and_a_near_miss() -> None:
    keys = {f"{r.code}:{r.name}" for r in all_rules() if r.check.__module__ == "ssg.check.output"}
    assert keys == set(COVERS)
    module = sys.modules[__name__]
    for trigger, near_miss in COVERS.values():
        assert callable(getattr(module, trigger)) and callable(getattr(module, near_miss))


# --- SEC-06 across the sites of a repository (集约化; ssg/cross_site.py) ------------------

CROSS_HEAD = "---\ntitle: 链接\ndate: 2026-11-18\nsource: 发改委\nreviewed_by: 审核人\n---\n"


def check_with_body(
    root: Path, body: str, policies: int = 0, files: dict[str, str] | None = None
) -> list[str]:
    """The department's page with `body`: its SEC-06 findings about the portal, which has
    `policies` more policies in zcwj/ (page_size 5: six or more make a second listing page)
    and a file static/docs/a.pdf; `files`: more files of the repository."""
    repo = repository(root)
    for rel, text in (files or {}).items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
    site_yaml = repo / "www/data/site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "page_size: 5\n", "utf-8")
    for n in range(policies):
        (repo / f"www/content/zcwj/q{n}.md").write_text(
            policy(
                f"测政发〔2026〕{300 + n}号", index_number=f"11229800MB0000000X/2026-{300 + n:05d}"
            ),
            encoding="utf-8",
        )
    (repo / "www/static/docs").mkdir(parents=True)
    (repo / "www/static/docs/a.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (repo / "bumen/fgw/content/dt/lianjie.md").write_text(CROSS_HEAD + body, encoding="utf-8")
    code, _, err = cli("check", "--all", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err  # (deduct: reported, the build goes on)
    return [x for x in err.splitlines() if "本仓库站点" in x]


def test_a_link_to_a_page_the_other_site_lacks(tmp_path: Path) -> None:
    found = check_with_body(
        tmp_path,
        "见[市政府文件](https://www.ceshi.gov.cn/zcwj/p200.html)。\n\n"
        "旧链接：[已删除的文件](https://www.ceshi.gov.cn/zcwj/p199.html)。\n",
    )
    assert len(found) == 1
    assert found[0].startswith("bumen/fgw/content/dt/lianjie.md:9: deduct [SEC-06]")
    assert "本仓库站点 www（www.ceshi.gov.cn）中不存在的 /zcwj/p199.html" in found[0]


def test_a_link_to_the_other_site_a_site_template_writes_is_found_there_once(
    tmp_path: Path,
) -> None:
    """The department's own footer.html links a page the portal lacks: once, at the line of
    that template, for all its pages (it was one finding per page, at each page's source)."""
    footer = (DEFAULT_THEME / "templates/footer.html").read_text(encoding="utf-8")
    link = '<a href="https://www.ceshi.gov.cn/zcwj/p199.html">旧文件</a>'
    written = footer.replace("</footer>", f"{link}\n</footer>")
    footer_file = "themes/default/templates/footer.html"
    found = check_with_body(tmp_path, "正文。\n", files={f"bumen/fgw/{footer_file}": written})
    line = theme_line(written, link)
    [said] = found
    assert re.fullmatch(
        rf"bumen/fgw/{footer_file}:{line}: deduct \[SEC-06\] 页面 \S+ 等 \d+ 个页面 的链接 "
        r"https://www\.ceshi\.gov\.cn/zcwj/p199\.html 指向本仓库站点 www（www\.ceshi\.gov\.cn）"
        r"中不存在的 /zcwj/p199\.html；请改正链接或在该站点补上 \(dead link to "
        r"www\.ceshi\.gov\.cn/zcwj/p199\.html, another site of the repository\)",
        said,
    ), said


def test_a_link_to_the_other_site_inside_an_html_comment_is_none(tmp_path: Path) -> None:
    """A link commented out of the department's footer.html is on no page a reader sees: no
    dead link to the portal (it was one per page), as within the site (SEC-06); the same
    link outside the comment is found."""
    footer = (DEFAULT_THEME / "templates/footer.html").read_text(encoding="utf-8")
    link = '<a href="https://www.ceshi.gov.cn/zcwj/p199.html">旧文件</a>'
    footer_file = "bumen/fgw/themes/default/templates/footer.html"
    hidden = footer.replace("</footer>", f"<!-- {link} -->\n</footer>")
    assert check_with_body(tmp_path, "正文。\n", files={footer_file: hidden}) == []
    live = footer.replace("</footer>", f"<!-- {link} -->\n{link}\n</footer>")
    [said] = check_with_body(tmp_path / "live", "正文。\n", files={footer_file: live})
    assert said.startswith(f"{footer_file}:{theme_line(live, chr(10) + link) + 1}: deduct"), said


def test_links_to_what_the_other_site_publishes_or_to_outside_hosts(tmp_path: Path) -> None:
    """Its pages, a column and its further listing pages, the policy library's views, the
    search page, its home page; and hosts outside the repository (not this rule's)."""
    found = check_with_body(
        tmp_path,
        "见[市政府文件](https://www.ceshi.gov.cn/zcwj/p200.html)、"
        "[列表第二页](https://www.ceshi.gov.cn/zcwj/index_2.html)、"
        "[按年份](https://www.ceshi.gov.cn/zcwj/by-year/2026/)、"
        "[站内搜索](https://www.ceshi.gov.cn/search/?q=%E6%96%87%E4%BB%B6)、"
        "[栏目](https://www.ceshi.gov.cn/zcwj)、首页 https://www.ceshi.gov.cn/ 、"
        "[附件](https://www.ceshi.gov.cn/static/docs/a.pdf)和"
        "[省政府](https://www.jl.gov.cn/zcwj/nope.html)。\n",
        policies=6,
    )
    assert found == []


def test_a_listing_page_or_a_static_file_the_other_site_lacks(tmp_path: Path) -> None:
    """A column has as many further pages as its items fill, not any index_N.html; the
    site's static/ is its content, judged file by file (the review's defect 1)."""
    found = check_with_body(
        tmp_path,
        "[第二页](https://www.ceshi.gov.cn/zcwj/index_2.html)、"
        "[第九页](https://www.ceshi.gov.cn/dt/index_9.html)、"
        "[附件](https://www.ceshi.gov.cn/static/docs/a.pdf)、"
        "[旧附件](https://www.ceshi.gov.cn/static/docs/b.pdf)。\n",
    )
    assert sorted(x.split("中不存在的 ")[1].split("；")[0] for x in found) == [
        "/dt/index_9.html",
        "/static/docs/b.pdf",
        "/zcwj/index_2.html",
    ], found


def test_a_setting_linked_on_every_page_is_reported_once_at_its_line(tmp_path: Path) -> None:
    """A migration's destination on the portal, shown on every page of the department: one
    finding, at the destination's line of data/lifecycle.yaml, not one per page."""
    repo = repository(tmp_path)
    (repo / "bumen/fgw/data/lifecycle.yaml").write_text(
        "- event: migration\n  date: 2026-11-15\n  destination: https://www.ceshi.gov.cn/fgw/\n"
        "  reviewed_by: 王某\n",
        encoding="utf-8",
    )
    code, _, err = cli("check", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err  # (deduct)
    found = [x for x in err.splitlines() if "本仓库站点" in x]
    assert found == [
        "bumen/fgw/data/lifecycle.yaml:3: deduct [SEC-06] 链接 https://www.ceshi.gov.cn/fgw/ "
        "指向本仓库站点 www（www.ceshi.gov.cn）中不存在的 /fgw/；请改正链接或在该站点补上 "
        "(dead link to www.ceshi.gov.cn/fgw/, another site of the repository)"
    ], err


def test_a_link_to_the_other_sites_chinese_domain_is_judged_too(tmp_path: Path) -> None:
    """A sibling answers on its 中文域名 as well (data/site.yaml chinese_domain): a link
    written with it, as written or as a browser sends it (IDNA), is the same link."""
    repo = repository(tmp_path)
    site_yaml = repo / "www/data/site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8") + "chinese_domain: 测试市人民政府.政务\n", "utf-8"
    )
    idna = "测试市人民政府.政务".encode("idna").decode("ascii")
    (repo / "bumen/fgw/content/dt/lianjie.md").write_text(
        CROSS_HEAD + f"[有](https://测试市人民政府.政务/zcwj/p200.html)、"
        f"[没有](https://测试市人民政府.政务/zcwj/p199.html)、"
        f"[也没有](https://{idna}/zcwj/p198.html)。\n",
        encoding="utf-8",
    )
    code, _, err = cli("check", "--all", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    found = sorted(
        x.split("中不存在的 ")[1].split("；")[0] for x in err.splitlines() if "本仓库站点" in x
    )
    assert found == ["/zcwj/p198.html", "/zcwj/p199.html"], err
