"""Which file a finding on the rendered pages names when a site theme's template is involved
(ssg/check/theme_blame.py, `_theme_or_page` of ssg/check/output.py): a fault the template
causes is one finding at its line for all its pages; a fault of an editor's content is at the
content file's line; a fault written in both places is said in both, each once."""

from __future__ import annotations

import re
from pathlib import Path

from ssg.render import DEFAULT_THEME
from tests.check.test_output import (
    ALL_PAGES,
    BASE,
    BODY_LINE,
    CROSS_HEAD,
    THEME_BASE,
    base,
    build,
    check_with_body,
    found,
    said_once,
    theme_line,
)

TEMPLATES = "themes/default/templates"

# Links SEC-06 and ID-04 find fault with, each on a line of its own in a site template, and
# all on one line of the item's Markdown body.
LINKS = (
    '<a href="/gone.html">旧栏目</a>\n<a href="#nowhere">见下文</a>\n'
    '<a href="/xw/index.html#nowhere">新闻</a>\n<a href="http://10.1.2.3/">内网</a>\n'
)
BODY = "正文。\n\n[旧文](/gone.html) [见](#nowhere) [新](/xw/index.html#nowhere) [内网](http://10.1.2.3/)\n"
SAID = (
    (
        "SEC-06",
        "{pages} 的链接 /gone.html 指向不存在的 gone.html；请改正链接或补上该文件 (dead link on "
        "{english}: gone.html does not exist)",
    ),
    (
        "SEC-06",
        "{pages} 的锚点链接 #nowhere 在本页找不到 id 为 “nowhere” 的元素；请改正锚点 (anchor "
        "#nowhere not found on {english})",
    ),
    (
        "SEC-06",
        "{pages} 的链接 /xw/index.html#nowhere 指向的 xw/index.html 中找不到 id 为 “nowhere” 的"
        "元素；请改正锚点 (anchor #nowhere not found on xw/index.html)",
    ),
    (
        "ID-04",
        "{pages} 链接到 IP 地址 10.1.2.3，应使用域名 (link to an IP address: http://10.1.2.3/)",
    ),
)


def _links_said(lines: list[str]) -> list[str]:
    return found(lines, "SEC-06") + found(lines, "ID-04")


def _at_content(said: list[str]) -> list[str]:
    """The findings at the item's content file, as `said` has them."""
    return [x for x in said if x.startswith("content/")]


def _expected_at_content() -> list[str]:
    """Each of the links once at the body line that writes them, for the item page alone."""
    return [
        f"content/xw/a.md:{BODY_LINE + 2}: {'advice' if code == 'ID-04' else 'deduct'} [{code}] "
        + message.format(pages="页面 xw/a.html", english="xw/a.html")
        for code, message in SAID
    ]


def test_links_written_in_content_and_in_the_pages_own_template_are_said_at_both(
    tmp_path: Path,
) -> None:
    """The item's Markdown and the site's article.html (the item's own template) write the same
    dead link, #anchor, anchor on another page and IP link: the content's copy at its line,
    the template's at its line. Only the content's was said: the template's copy, on no other
    page, went unreported, and correcting the content left the fault on the page."""
    article = (
        '{% extends "base.html" %}{% block main %}{{ page.date | day }}\n'
        + LINKS
        + "{{ body }}{% endblock %}"
    )
    lines = build(tmp_path, BODY, files={f"{TEMPLATES}/article.html": article})
    said = _links_said(lines)
    assert sorted(_at_content(said)) == sorted(_expected_at_content()), said
    at_template = [x for x in said if not x.startswith("content/")]
    assert len(at_template) == len(SAID), said
    for n, (code, message) in enumerate(SAID):
        at = f"{TEMPLATES}/article.html:{2 + n}"
        [actual] = [x for x in at_template if x.startswith(f"{at}: ")]
        severity = "advice" if code == "ID-04" else "deduct"
        said_once(actual, code, at, message, ["xw/a.html"], severity)
        assert "个页面" not in actual  # (the item alone is made from article.html)


def test_links_written_in_content_and_in_the_layout_count_every_page_at_the_layout(
    tmp_path: Path,
) -> None:
    """The same links in the site's base.html: once there for every page, the item's
    included (it was left out of the count: 等 5 个页面 of 6), and at the item's body line."""
    theme = base(("</footer>", f"{LINKS}</footer>"))
    lines = build(tmp_path, BODY, theme=theme)
    said = _links_said(lines)
    assert sorted(_at_content(said)) == sorted(_expected_at_content()), said
    first = theme_line(theme, LINKS)
    for n, (code, message) in enumerate(SAID):
        at = f"{THEME_BASE}:{first + n}"
        [actual] = [x for x in said if x.startswith(f"{at}: ")]
        severity = "advice" if code == "ID-04" else "deduct"
        said_once(actual, code, at, message, ALL_PAGES, severity)
        count = re.findall(r"等 (\d+) 个页面", actual)
        assert count == [str(len(ALL_PAGES))], actual


def test_links_written_only_in_content_stay_at_content(tmp_path: Path) -> None:
    """Near miss: a site base.html that writes none of the links is not named; nor is the
    default theme's article.html, which the item is made from."""
    lines = build(tmp_path, BODY, theme=BASE)
    assert sorted(_links_said(lines)) == sorted(_expected_at_content())


def test_a_link_to_the_other_site_in_content_and_in_a_site_template_is_said_at_both(
    tmp_path: Path,
) -> None:
    """集约化: the department's page and its own footer.html both link a page the portal
    lacks: at the page's body line and once at the footer's line. Only the content's was
    said for that page."""
    footer = (DEFAULT_THEME / "templates/footer.html").read_text(encoding="utf-8")
    url = "https://www.ceshi.gov.cn/zcwj/p199.html"
    link = f'<a href="{url}">旧文件</a>'
    written = footer.replace("</footer>", f"{link}\n</footer>")
    footer_file = f"{TEMPLATES}/footer.html"
    said = check_with_body(
        tmp_path, f"正文。\n\n[旧文件]({url})\n", files={f"bumen/fgw/{footer_file}": written}
    )
    message = (
        f"的链接 {url} 指向本仓库站点 www（www.ceshi.gov.cn）中不存在的 /zcwj/p199.html；"
        "请改正链接或在该站点补上 (dead link to www.ceshi.gov.cn/zcwj/p199.html, another site "
        "of the repository)"
    )
    at_content = [x for x in said if x.startswith("bumen/fgw/content/")]
    assert at_content == [
        f"bumen/fgw/content/dt/lianjie.md:{CROSS_HEAD.count(chr(10)) + 3}: deduct [SEC-06] 页面 dt/lianjie.html {message}"
    ], said
    [at_footer] = [x for x in said if not x.startswith("bumen/fgw/content/")]
    line = theme_line(written, link)
    pages = re.fullmatch(
        rf"bumen/fgw/{footer_file}:{line}: deduct \[SEC-06\] 页面 \S+ 等 (\d+) 个页面 "
        + re.escape(message),
        at_footer,
    )
    assert pages is not None, at_footer
    # (every page of the department that places footer.html, the linking page among them)
    alone = check_with_body(
        tmp_path / "alone", "正文。\n", files={f"bumen/fgw/{footer_file}": written}
    )
    [footer_only] = alone
    assert re.findall(r"等 (\d+) 个页面", footer_only) == [pages.group(1)], (alone, said)


# --- a header or footer opened in one template and filled or closed in another ----------------

ICP_MESSAGE = (
    "{pages} 的页脚没有 ICP 备案编号 “吉ICP备05000001号-1”；请在页脚显示 (no ICP number in "
    "the footer on {english})"
)
FOOTER_START = BASE.index("<footer>\n") + len("<footer>\n")
FOOTER_END = BASE.index("</footer>")
# The footer's items as BASE writes them, without the ICP number (ID-09 finds it missing).
ITEMS = BASE[FOOTER_START:FOOTER_END].replace("{{ config.icp }}", "备案查询")


def _icp_findings(lines: list[str]) -> list[str]:
    return [x for x in found(lines, "ID-09") if "没有 ICP 备案编号" in x]


def test_a_footer_closed_in_the_template_base_html_includes_is_that_templates(
    tmp_path: Path,
) -> None:
    """base.html opens <footer> and includes footer_items.html, which writes every item and
    closes it: the missing ICP number is footer_items.html's to add. base.html, which only
    opens the footer, was named (its <footer> line): with no </footer> of its own, what it
    writes inside was taken for unknown."""
    theme = BASE[:FOOTER_START] + '{% include "footer_items.html" %}\n' + BASE[FOOTER_END + 10 :]
    assert "</footer>" not in theme
    files = {f"{TEMPLATES}/footer_items.html": ITEMS + "</footer>\n"}
    [said] = _icp_findings(build(tmp_path, theme=theme, files=files))
    said_once(said, "ID-09", f"{TEMPLATES}/footer_items.html:1", ICP_MESSAGE, ALL_PAGES)


def test_a_footer_closed_by_a_second_include_is_the_first_includes(tmp_path: Path) -> None:
    """base.html opens <footer>, includes the items and then footer_end.html, which closes it:
    as with a footer base.html closes itself (`<footer>{% include %}</footer>`), the
    template that writes what is inside is at fault, not base.html's include line."""
    theme = (
        BASE[:FOOTER_START]
        + '{% include "footer_items.html" %}\n{% include "footer_end.html" %}\n'
        + BASE[FOOTER_END + 10 :]
    )
    files = {
        f"{TEMPLATES}/footer_items.html": ITEMS,
        f"{TEMPLATES}/footer_end.html": "<p>版权所有</p>\n</footer>\n",
    }
    [said] = _icp_findings(build(tmp_path, theme=theme, files=files))
    said_once(said, "ID-09", f"{TEMPLATES}/footer_items.html:1", ICP_MESSAGE, ALL_PAGES)


def test_a_footer_base_html_writes_part_of_stays_at_its_footer_line(tmp_path: Path) -> None:
    """Near miss: base.html writes part of the footer itself (the site map link) before the
    include that closes it: base.html's <footer> line is the place, as before."""
    link = '<a href="/sitemap.html">网站地图</a>\n'
    assert ITEMS.startswith(link)
    theme = (
        BASE[:FOOTER_START] + link + '{% include "footer_end.html" %}\n' + BASE[FOOTER_END + 10 :]
    )
    files = {f"{TEMPLATES}/footer_end.html": ITEMS[len(link) :] + "</footer>\n"}
    [said] = _icp_findings(build(tmp_path, theme=theme, files=files))
    said_once(
        said, "ID-09", f"{THEME_BASE}:{theme_line(theme, '<footer>')}", ICP_MESSAGE, ALL_PAGES
    )


def test_a_footer_block_a_page_template_fills_is_that_templates(tmp_path: Path) -> None:
    """base.html's <footer> holds a block whose default includes footer_items.html (with every
    item); the site's home.html fills the block with its own items, without the ICP number:
    the home page's fault is at home.html's block, the only footer of that page.
    footer_items.html, not on the home page at all, was named."""
    theme = (
        BASE[:FOOTER_START]
        + '{% block footer %}{% include "footer_items.html" %}{% endblock %}\n'
        + BASE[FOOTER_END:]
    )
    home = (
        '{% extends "base.html" %}\n{% block main %}首页{% endblock %}\n'
        "{% block footer %}\n" + ITEMS + "{% endblock %}\n"
    )
    files = {
        f"{TEMPLATES}/footer_items.html": BASE[FOOTER_START:FOOTER_END],
        f"{TEMPLATES}/home.html": home,
    }
    [said] = _icp_findings(build(tmp_path, theme=theme, files=files))
    at = f"{TEMPLATES}/home.html:{theme_line(home, '{% block footer')}"
    said_once(said, "ID-09", at, ICP_MESSAGE, ["index.html"])
    assert "个页面" not in said


def test_an_outside_asset_in_content_and_in_the_pages_own_template_is_said_at_both(
    tmp_path: Path,
) -> None:
    """SEC-01 as SEC-06: the item's Markdown and its article.html load the same outside image,
    said at the body line and at the template's line; the template's went unsaid."""
    url = "https://cdn.example.com/banner.png"
    article = (
        '{% extends "base.html" %}{% block main %}{{ page.date | day }}\n'
        f'<img src="{url}" alt="横幅">\n{{{{ body }}}}{{% endblock %}}'
    )
    lines = build(
        tmp_path, f"正文。\n\n![横幅]({url})\n", files={f"{TEMPLATES}/article.html": article}
    )
    message = (
        f"页面 xw/a.html 加载站外资源 {url}（主机 cdn.example.com）；请改为站内文件，或在 "
        "allowed_hosts 中登记 (outside asset from cdn.example.com on xw/a.html)"
    )
    assert sorted(found(lines, "SEC-01")) == [
        f"content/xw/a.md:{BODY_LINE + 2}: deduct [SEC-01] {message}",
        f"{TEMPLATES}/article.html:2: deduct [SEC-01] {message}",
    ]


# A site article.html with an image without alt and a frame without title (A11Y-02).
UNTITLED = (
    '{% extends "base.html" %}{% block main %}{{ page.date | day }}\n'
    '<img src="/static/pic.png">\n<iframe src="/static/map.html"></iframe>\n'
    "{{ body }}{% endblock %}"
)
UNTITLED_FILES = {
    f"{TEMPLATES}/article.html": UNTITLED,
    "static/pic.png": "png",
    "static/map.html": "<p>地图</p>",
}
NO_ALT = (
    "页面 xw/a.html 的图片 /static/pic.png 没有 alt 属性；请写上说明图片内容的替代文本 (image "
    "with no alt on xw/a.html)"
)
NO_TITLE = (
    "页面 xw/a.html 的内嵌框架 /static/map.html 没有 title；请写上说明其内容的标题 (iframe "
    "without a title on xw/a.html)"
)


def test_a_template_image_without_alt_is_the_templates_not_the_contents_image(
    tmp_path: Path,
) -> None:
    """The item's Markdown shows the same picture with its alt: the image without one is the
    article.html's, at its line. Found by its URL, it was said at the content's line, whose
    image has an alt, and the template was never named."""
    lines = build(tmp_path, "正文。\n\n![示意图](/static/pic.png)\n", files=UNTITLED_FILES)
    assert sorted(found(lines, "A11Y-02")) == [
        f"{TEMPLATES}/article.html:2: deduct [A11Y-02] {NO_ALT}",
        f"{TEMPLATES}/article.html:3: deduct [A11Y-02] {NO_TITLE}",
    ]


def test_the_same_tag_in_content_and_in_a_template_is_said_at_both(tmp_path: Path) -> None:
    """The content writes the very tags the template does: each copy is corrected where it
    is written, so both lines are said (only the content's was)."""
    body = '正文。\n\n<img src="/static/pic.png">\n\n<iframe src="/static/map.html"></iframe>\n'
    lines = build(tmp_path, body, files=UNTITLED_FILES)
    assert sorted(found(lines, "A11Y-02")) == sorted(
        [
            f"content/xw/a.md:{BODY_LINE + 2}: deduct [A11Y-02] {NO_ALT}",
            f"content/xw/a.md:{BODY_LINE + 4}: deduct [A11Y-02] {NO_TITLE}",
            f"{TEMPLATES}/article.html:2: deduct [A11Y-02] {NO_ALT}",
            f"{TEMPLATES}/article.html:3: deduct [A11Y-02] {NO_TITLE}",
        ]
    )


def test_a_footer_a_page_template_opens_in_its_block_is_that_templates(tmp_path: Path) -> None:
    """base.html opens <footer> inside a block (filled by footer_items.html, with every item)
    and closes it after the block; the site's home.html fills that block with a <footer> of
    its own, without the ICP number: the home page's fault is at home.html's <footer> line.
    base.html's <footer>, which is not on the home page, was taken for it, and the finding
    named footer_items.html."""
    theme = (
        BASE[: FOOTER_START - len("<footer>\n")]
        + '{% block footer %}<footer>\n{% include "footer_items.html" %}{% endblock %}\n'
        + BASE[FOOTER_END:]
    )
    home = (
        '{% extends "base.html" %}\n{% block main %}首页{% endblock %}\n'
        '{% block footer %}<footer class="home">\n' + ITEMS + "{% endblock %}\n"
    )
    files = {
        f"{TEMPLATES}/footer_items.html": BASE[FOOTER_START:FOOTER_END],
        f"{TEMPLATES}/home.html": home,
    }
    [said] = _icp_findings(build(tmp_path, theme=theme, files=files))
    at = f"{TEMPLATES}/home.html:{theme_line(home, '<footer')}"
    said_once(said, "ID-09", at, ICP_MESSAGE, ["index.html"])


def test_a_block_a_page_template_fills_with_super_keeps_the_layouts_footer(
    tmp_path: Path,
) -> None:
    """Near miss: home.html fills the block with `{{ super() }}`, which renders base.html's
    <footer> and footer_items.html (without the ICP number) there: footer_items.html is at
    fault for every page, the home page among them."""
    theme = (
        BASE[: FOOTER_START - len("<footer>\n")]
        + '{% block footer %}<footer>\n{% include "footer_items.html" %}{% endblock %}\n'
        + BASE[FOOTER_END:]
    )
    home = (
        '{% extends "base.html" %}\n{% block main %}首页{% endblock %}\n'
        "{% block footer %}{{ super() }}{% endblock %}\n"
    )
    files = {f"{TEMPLATES}/footer_items.html": ITEMS, f"{TEMPLATES}/home.html": home}
    [said] = _icp_findings(build(tmp_path, theme=theme, files=files))
    said_once(said, "ID-09", f"{TEMPLATES}/footer_items.html:1", ICP_MESSAGE, ALL_PAGES)
