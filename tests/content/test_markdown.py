"""Markdown → safe HTML: tables, the sanitiser, and relative links rewritten from the page."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from ssg.content.markdown import (
    LinkRewriter,
    is_relative,
    relative_rewriter,
    render_markdown,
    sanitise,
)


def same(target: str) -> str:
    return target


class Tags(HTMLParser):
    """Every start tag with its attributes, to assert on the sanitised output."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def named(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.tags if tag == name]


def html_of(markdown: str) -> str:
    return render_markdown(markdown, same)


# --- tables ------------------------------------------------------------------------------


def test_table_renders_with_header_and_alignment() -> None:
    html = html_of("| 事项 | 时限 |\n|---|:-:|\n| 居住证 | 5 个工作日 |\n| 户籍 | 10 日 |\n")
    tags = Tags(html)
    assert [t for t, _ in tags.tags if t in ("table", "thead", "tbody")] == [
        "table",
        "thead",
        "tbody",
    ]
    assert len(tags.named("th")) == 2
    assert len(tags.named("td")) == 4
    assert "<td>居住证</td>" in html
    assert '<th style="text-align:center">时限</th>' in html
    assert '<td style="text-align:center">5 个工作日</td>' in html


def test_strikethrough_is_enabled() -> None:
    assert "<del>旧</del>" in html_of("~~旧~~ 新")


# --- sanitising raw HTML -----------------------------------------------------------------


def test_script_is_removed_with_its_content() -> None:
    html = html_of('前文\n\n<script>alert("x")</script>\n\n后文')
    assert "<script" not in html
    assert "alert" not in html
    assert "前文" in html and "后文" in html


def test_event_handlers_are_removed() -> None:
    html = html_of('<p onclick="steal()">点击</p>\n\n<img src="a.png" onerror="steal()">')
    assert "onclick" not in html and "onerror" not in html and "steal" not in html
    assert "点击" in html
    assert Tags(html).named("img") == [{"src": "a.png"}]


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "jav&#x61;script:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
    ],
)
def test_dangerous_href_is_removed(href: str) -> None:
    html = html_of(f'<a href="{href}">链接</a>')
    [attrs] = Tags(html).named("a")
    assert "href" not in attrs
    assert "链接" in html


def test_markdown_javascript_link_is_not_clickable() -> None:
    html = html_of("[点我](javascript:alert(1))")
    assert "javascript:" not in html.replace("[点我](javascript:alert(1))", "")
    assert all("href" not in attrs for attrs in Tags(html).named("a"))


@pytest.mark.parametrize(
    "href", ["https://www.gov.cn/", "/zwgk/", "mailto:a@b.gov.cn", "tel:12345"]
)
def test_safe_href_is_kept(href: str) -> None:
    assert Tags(html_of(f'<a href="{href}">x</a>')).named("a") == [{"href": href}]


@pytest.mark.parametrize(
    ("body", "tag", "attribute", "url"),
    [
        ("[x](http://[fd00::1]/)", "a", "href", "http://[fd00::1]/"),
        ('<a href="http://[fd00::1]/">x</a>', "a", "href", "http://[fd00::1]/"),
        ('<a href="http://%5Bfd00::1%5D/">x</a>', "a", "href", "http://[fd00::1]/"),
        ("[x](https://[FD00:0::1]:8443/a)", "a", "href", "https://[FD00:0::1]:8443/a"),
        ("[x](http://u@[fd00::1]/)", "a", "href", "http://u@[fd00::1]/"),
        ("[x](//[fd00::1]/)", "a", "href", "//[fd00::1]/"),
        ("[x](http://[::ffff:10.1.2.3])", "a", "href", "http://[::ffff:10.1.2.3]"),
        ("![图](http://[fd00::1]/a.png)", "img", "src", "http://[fd00::1]/a.png"),
        # only the host's brackets: in a path, query or fragment they stay encoded
        ("[x](http://[fd00::1]/[a]?b=[1]#[c])", "a", "href", "http://[fd00::1]/%5Ba%5D?b=%5B1%5D#%5Bc%5D"),
        ("[x](/a/[b]/)", "a", "href", "/a/%5Bb%5D/"),
        ("[x](http://a.gov.cn/%5Bfd00::1%5D/)", "a", "href", "http://a.gov.cn/%5Bfd00::1%5D/"),
    ],
)  # fmt: skip
def test_an_ipv6_host_keeps_its_address(body: str, tag: str, attribute: str, url: str) -> None:
    """cmark writes [x](http://[fd00::1]/) as href="http://%5Bfd00::1%5D/", a URL no browser
    opens and the sanitiser dropped: the link kept no address."""
    assert [attrs.get(attribute) for attrs in Tags(html_of(body)).named(tag)] == [url]


@pytest.mark.parametrize("href", [
    "http://[fd00::1]x/",  # (something after the brackets: no host)
    "http://[nothex]/",
    "http://[fe80::1%25eth0]/",  # (a zone index: no browser opens it)
])  # fmt: skip
def test_brackets_around_no_address_give_no_link(href: str) -> None:
    assert Tags(html_of(f"[x]({href})")).named("a") == [{}]


@pytest.mark.parametrize(
    "src", ["https://evil.com/x", "//evil.com/x", "http://www.youku.com/embed/1", "javascript:x"]
)
def test_outside_iframe_is_dropped(src: str) -> None:
    html = html_of(f'<iframe src="{src}" width="600"></iframe>')
    assert "evil.com" not in html and "youku" not in html and "javascript" not in html
    assert all("src" not in attrs for attrs in Tags(html).named("iframe"))


def test_same_site_iframe_is_kept() -> None:
    html = html_of('<iframe src="/video/player.html" width="600" height="400"></iframe>')
    assert Tags(html).named("iframe") == [
        {"src": "/video/player.html", "width": "600", "height": "400"}
    ]


def test_only_alignment_survives_of_inline_style() -> None:
    html = sanitise(
        '<table><tr><td style="text-align: right">1</td><td style="color:red">2</td></tr></table>'
        '<div style="position:fixed">x</div>'
    )
    assert 'style="text-align:right"' in html  # (written the one way Markdown tables write it)
    assert "color" not in html and "position" not in html


def test_comments_forms_and_styles_are_removed() -> None:
    html = html_of(
        "<!-- 内部备注 -->\n<form action='/x'><input name='a'></form>\n<style>p{}</style>"
    )
    assert "内部备注" not in html
    assert "<form" not in html and "<input" not in html and "<style" not in html


def test_links_get_no_added_rel_and_keep_text() -> None:
    html = html_of("[中国政府网](https://www.gov.cn/)")
    assert html.strip() == '<p><a href="https://www.gov.cn/">中国政府网</a></p>'


# --- relative links ----------------------------------------------------------------------

ITEM_URLS = {
    "zwdt/other.md": "/zwdt/other.html",
    "zwgk/zcwj/2019-27.md": "/zwgk/zcwj/2019-27.html",
    "zwgk/zcwj/bundle/index.md": "/zwgk/zcwj/bundle.html",
}


def bundle_rewriter() -> LinkRewriter:
    # An item content/zwdt/huiyi/index.md published as /zwdt/huiyi.html; its files at huiyi/…
    return relative_rewriter("zwdt/huiyi", "huiyi/", ITEM_URLS.get)


def plain_rewriter() -> LinkRewriter:
    return relative_rewriter("zwdt", None, ITEM_URLS.get)


def test_bundle_image_and_attachment_are_rewritten_into_the_bundle_folder() -> None:
    html = render_markdown("![会场](photo.jpg)\n\n[通知全文](files/通知.pdf)", bundle_rewriter())
    tags = Tags(html)
    assert tags.named("img") == [{"src": "huiyi/photo.jpg", "alt": "会场"}]
    [link] = tags.named("a")
    assert link["href"] is not None
    assert link["href"].startswith("huiyi/files/")
    assert link["href"].endswith(".pdf")


def test_md_link_is_rewritten_to_the_item_url() -> None:
    html = render_markdown("见[另一条](other.md)。", plain_rewriter())
    assert Tags(html).named("a") == [{"href": "/zwdt/other.html"}]


def test_md_link_with_parent_path_and_fragment() -> None:
    html = render_markdown("[文件](../zwgk/zcwj/2019-27.md#di-san-tiao)", plain_rewriter())
    assert Tags(html).named("a") == [{"href": "/zwgk/zcwj/2019-27.html#di-san-tiao"}]


def test_md_link_from_a_bundle_to_a_bundle() -> None:
    html = render_markdown("[捆绑](../../zwgk/zcwj/bundle/index.md)", bundle_rewriter())
    assert Tags(html).named("a") == [{"href": "/zwgk/zcwj/bundle.html"}]


def test_md_link_to_something_that_is_not_an_item_is_left_alone() -> None:
    html = render_markdown("[无](missing.md)", plain_rewriter())
    assert Tags(html).named("a") == [{"href": "missing.md"}]


@pytest.mark.parametrize(
    "target",
    [
        "https://www.gov.cn/a.md",
        "/zwgk/index.html",
        "#di-yi-tiao",
        "mailto:x@y.gov.cn",
        "../up.pdf",
    ],
)
def test_absolute_external_fragment_and_parent_links_are_not_rewritten(target: str) -> None:
    html = render_markdown(f"[x]({target})", bundle_rewriter())
    assert Tags(html).named("a") == [{"href": target}]


def test_parent_link_from_a_bundle_is_read_from_its_folder() -> None:
    """content/zwdt/huiyi/index.md is published one folder above its files: `../forms/表.pdf`
    means content/zwdt/forms/表.pdf, as the editor's Markdown preview reads it."""
    urls = {
        "zwdt/forms/表.pdf": "/zwdt/forms/%E8%A1%A8.pdf",
        "zwdt/zhanlan/tu.png": "/zwdt/zl/tu.png",
    }
    rewrite = relative_rewriter("zwdt/huiyi", "huiyi/", ITEM_URLS.get, urls.get)
    html = render_markdown(
        "[表](../forms/表.pdf) ![图](../zhanlan/tu.png) [上](../../../up.pdf)", rewrite
    )
    tags = Tags(html)
    assert tags.named("a") == [{"href": "/zwdt/forms/%E8%A1%A8.pdf"}, {"href": "../../../up.pdf"}]
    assert tags.named("img") == [{"src": "/zwdt/zl/tu.png", "alt": "图"}]


def test_raw_html_image_in_a_bundle_is_rewritten() -> None:
    html = render_markdown('<p><img src="photo.jpg" alt="会场"></p>\n', bundle_rewriter())
    assert Tags(html).named("img") == [{"src": "huiyi/photo.jpg", "alt": "会场"}]


def test_plain_file_page_keeps_relative_file_links() -> None:
    html = render_markdown("![图](pic.png)", plain_rewriter())
    assert Tags(html).named("img") == [{"src": "pic.png", "alt": "图"}]


def test_md_link_to_a_chinese_named_item_is_rewritten() -> None:
    rewrite = relative_rewriter("zwdt", None, {"zwdt/市政府常务会议.md": "/zwdt/cwhy.html"}.get)
    html = render_markdown("[会议](市政府常务会议.md)", rewrite)
    assert Tags(html).named("a") == [{"href": "/zwdt/cwhy.html"}]


def test_is_relative() -> None:
    assert is_relative("a.png") and is_relative("../a.md") and is_relative("files/x.pdf")
    for target in ("/a", "#x", "https://a", "//a", "mailto:a@b"):
        assert not is_relative(target)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<img src="a.png" alt="" role="presentation">',
            {"src": "a.png", "alt": "", "role": "presentation"},
        ),
        ('<img src="a.png" alt="" role="None">', {"src": "a.png", "alt": "", "role": "none"}),
        (
            '<img src="a.png" alt="" aria-hidden="true">',
            {"src": "a.png", "alt": "", "aria-hidden": "true"},
        ),
        # Only the decorative marks: any other role or value is dropped.
        ('<img src="a.png" alt="图" role="button">', {"src": "a.png", "alt": "图"}),
        ('<img src="a.png" alt="" aria-hidden="false">', {"src": "a.png", "alt": ""}),
        ('<p role="presentation">文字</p>', None),
    ],
)
def test_an_image_keeps_its_decorative_mark(html: str, expected: dict[str, str] | None) -> None:
    tags = Tags(sanitise(html))
    if expected is None:
        assert tags.named("p") == [{}]
    else:
        assert tags.named("img") == [expected]


def test_a_word_anchor_name_is_kept() -> None:
    html = sanitise(
        '<p><a href="#_Toc1">一、供热保障</a></p><p><a name="_Toc1"></a>一、供热保障</p>'
    )
    assert Tags(html).named("a") == [{"href": "#_Toc1"}, {"name": "_Toc1"}]
