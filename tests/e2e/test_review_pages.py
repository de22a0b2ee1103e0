"""Defects a design reviewer found in the default theme's pages, checked on the HTML of a real
build of the sample portal."""

from __future__ import annotations

import re
from pathlib import Path

from tests import sitekit

POLICY_COLUMN = "zwgk/zcwj"


def _section_link(html: str, href: str) -> str:
    """The section navigation's <li> opening and link to `href`, as written."""
    nav = html[html.index('<nav class="section-nav"') :]
    nav = nav[: nav.index("</nav>")]
    found = re.search(rf'<li[^>]*><a href="{re.escape(href)}"[^>]*>', nav)
    assert found, f"no section link to {href}"
    return found.group(0)


def test_a_policy_library_page_shows_its_column_as_an_ancestor_not_as_itself(
    public: Path,
) -> None:
    column = public / POLICY_COLUMN
    library = sorted(
        path
        for kind in ("by-year", "by-topic", "by-issuer")
        for path in (column / kind).rglob("*.html")
    )
    assert len(library) > 3 and any(path.parent.parent != column for path in library)
    href = f"/{POLICY_COLUMN}/"
    for path in library:
        link = _section_link(path.read_text("utf-8"), href)
        assert 'class="current"' in link and "aria-current" not in link, (path, link)
    for path in column.glob("index*.html"):  # the column's own listing, every page of it
        assert 'aria-current="page"' in _section_link(path.read_text("utf-8"), href), path


QUESTION = """\
question: |
    市长您好：室内温度一直只有 15℃左右，
    家里有老人和孩子。孩子 9 月
    上小学。Please see
    the photos.

    请问何时解决？
"""


def test_a_question_typed_with_returns_reads_without_stray_spaces(tmp_path: Path) -> None:
    reply = sitekit.COLUMNS["content/hd/gongnuan.md"].replace("question: 何时供暖？\n", QUESTION)
    root = sitekit.make_site(tmp_path / "site", {"content/hd/gongnuan.md": reply})
    assert sitekit.run(root, command="build").code == 0
    html = (root / "public/hd/gongnuan.html").read_text("utf-8")
    question = html[
        html.index('<h2 id="question">') : html.index('<section class="reply-part answer"')
    ]
    assert re.findall(r"<p>(.*?)</p>", question, re.S) == [
        "市长您好：室内温度一直只有 15℃左右，家里有老人和孩子。孩子 9 月上小学。Please see the photos.",
        "请问何时解决？",
    ]


# Two Chinese characters or marks with whitespace between them.
CJK_SPACE = re.compile(
    r"[\u3000-\u303f\u4e00-\u9fff\uff01-\uff60]\s+[\u3000-\u303f\u4e00-\u9fff\uff01-\uff60]"
)


def test_questions_in_the_knowledge_base_have_no_space_where_a_line_broke(public: Path) -> None:
    html = (public / "zsk/index.html").read_text("utf-8")
    questions = re.findall(r'<span class="zsk-question">(.*?)</span>', html, re.S)
    assert len(questions) > 5
    assert not [q for q in questions if CJK_SPACE.search(q)]


def test_a_service_pages_contents_name_its_last_section_as_the_section_does(
    public: Path,
) -> None:
    named = {}
    for path in sorted((public / "bsfw").rglob("*.html")):
        html = path.read_text("utf-8")
        if 'href="#s-more"' not in html:
            continue
        listed = re.search(r'<a href="#s-more">(.*?)</a>', html).group(1)  # type: ignore[union-attr]
        section = html[html.rindex("<section", 0, html.index('id="s-more"')) :]
        heading = re.search(r"<h2[^>]*>(.*?)</h2>", section, re.S).group(1)  # type: ignore[union-attr]
        named[path.name] = (listed, re.sub(r"<[^>]+>", "", heading).strip())
    assert "bdcdj.html" in named and named["bdcdj.html"][1] == "办理流程图", named
    assert all(listed == heading for listed, heading in named.values()), named


def test_a_file_size_keeps_its_number_and_unit_together(public: Path) -> None:
    sizes = [
        size
        for path in (public / "bsfw").rglob("*.html")
        for size in re.findall(r"\d+(?:\.\d)?\s?[KM]?B\b", path.read_text("utf-8"))
    ]
    assert sizes and all("\u00a0" in size for size in sizes), sizes


def test_the_home_picture_news_is_dated_as_the_list_beside_it(public: Path) -> None:
    html = (public / "index.html").read_text("utf-8")
    block = html[html.index('class="picture-item"') : html.index('<ul class="item-list">')]
    href = re.search(r'<a class="picture-news" href="([^"]+)"', block).group(1)  # type: ignore[union-attr]
    shown = re.search(r'<time class="entry-date" datetime="([\d-]+)">\1</time>', block)
    page = (public / href.lstrip("/")).read_text("utf-8")
    published = re.search(r'<p class="article-meta">.*?<time datetime="([\d-]+)', page, re.S)
    assert shown and published and shown.group(1) == published.group(1)[:10]


def _h1(path: Path) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", path.read_text("utf-8"), re.S)
    assert found
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def test_the_home_links_name_the_pages_as_the_pages_name_themselves(public: Path) -> None:
    home = (public / "index.html").read_text("utf-8")
    nav = home[home.index('<nav class="home-links"') :]
    links = dict(
        (href, text)
        for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav[: nav.index("</nav>")])
    )
    assert links["/zsk/"] == _h1(public / "zsk/index.html")
    report = next(href for href in links if href.startswith("/ndbb/"))
    title = _h1(
        public / report.lstrip("/") / "index.html"
    )  # 青岚市人民政府网站工作年度报表（2025年度）
    assert title.endswith(links[report].removeprefix("政府")) and links[report].count("年度") == 2


def test_an_expired_notice_is_a_warning_as_an_abolished_policy_is(public: Path) -> None:
    def box(text: str) -> str:
        found = re.search(r'<p class="([^"]+)">(?:<strong>)?(?:本文件|有效期至)', text)
        assert found
        return found.group(1)

    pages = [p.read_text("utf-8") for p in (public / "zwgk").rglob("*.html")]
    abolished = {box(t) for t in pages if "<strong>本文件已废止" in t}
    expired = {box(t) for t in pages if "（已过期）" in t and "有效期至：<time" in t}
    current = {box(t) for t in pages if "有效期至：<time" in t and "（已过期）" not in t}
    assert len(abolished) == 1 and expired == abolished and current.isdisjoint(abolished)
