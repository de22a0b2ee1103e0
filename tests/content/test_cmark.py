"""cmark-gfm, which renders bodies, writes the HTML markdown-it-py wrote before it.

ssg switched parsers for speed (ssg/content/markdown.py); an editor's page must not change with
it. markdown-it-py stays a test dependency for these tests: the sample portal, the generated
bench corpus's kind of text and the edge cases below render to the same sanitised HTML as with
it. The differences that remain are listed with their reason in `KNOWN_DIFFERENCES`.
"""

from __future__ import annotations

import itertools
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from ssg.content import markdown
from ssg.content.markdown import (
    _CMARK,
    _Cmark,
    _CmarkWrapper,
    ascii_host,
    render_markdown,
    sanitise,
)

REPO = Path(__file__).resolve().parents[2]

BEFORE = MarkdownIt("commonmark", {"html": True, "typographer": False}).enable(
    ["table", "strikethrough"]
)


def same(target: str) -> str:
    return target


def before(text: str) -> str:
    """What a body rendered to with markdown-it-py; ~~ wrote <s>, cmark-gfm writes <del>."""
    html = sanitise(BEFORE.render(text), same)
    return html.replace("<s>", "<del>").replace("</s>", "</del>")


EDGE_CASES = [
    "",
    "\n\n\n",
    "# 标题 #\n\n正文，含“引号”与……省略号。\n",
    "标题\n===\n\n二级\n---\n",
    "第一行  \n第二行\\\n第三行\n",
    "*强调* **加粗** ***两者*** _下划_ __线__ *未闭合\n",
    "~~删除~~ 办公时间 9:00~17:00，1~3个工作日\n",
    "| 左 | 中 | 右 |\n|:---|:---:|---:|\n| 1 | 2 | 3 |\n| 转义\\|竖线 | `a|b` | |\n",
    "| a |\n|---|\n| 少 | 多 | 列 |\n",
    "- 一\n  - 二\n    - 三\n\n1) 一\n2) 二\n\n3. 从三起\n",
    "- [ ] 未做\n- [x] 已做\n",
    "> 引用\n> > 嵌套\n懒惰续行\n",
    "```python\nprint('<b>')\n```\n\n    缩进代码\n\n~~~\n波浪\n~~~\n",
    '<div class="note">\n\n*块内 Markdown*\n\n</div>\n',
    '<table><tr><td style="text-align:center">Word 表格</td></tr></table>\n',
    '行内 <span class="x">HTML</span> 与 <!-- 注释 --> 和 <?php ?> 和 <![CDATA[x]]>\n',
    "<script>alert(1)</script>\n<style>p{}</style>\n",
    "&amp; &copy; &#169; &#xA9; &#0; &#x110000; &nosuch; &\n",
    "[链接](<带 空格.md> \"标题\") [引用][ref] [折叠][] [ref]\n\n[ref]: /a%20b 'T'\n[折叠]: 政策.md\n",
    '![图](img/图片.png "说明") ![](空.png) [![图中链接](a.png)](b.md)\n',
    "<http://www.gov.cn/a?b=1&c=2> <mailto:a@b.cn> <a@b.cn> www.gov.cn\n",
    "<http://例子.中国/路径> [中文域名](https://政务.cn/x) ![图](//网站.cn/a.png)\n",
    "[邮件](mailto:办公室@例子.cn)\n",
    "[文](https://a.gov.cn/%E6%96%87) [带端口](http://例子.cn:8080/a) [用户](http://u@例子.cn/)\n",
    # An IPv6 host keeps its brackets (cmark encodes them); elsewhere in the URL they stay encoded.
    "[v6](http://[fd00::1]/) [端口](http://[fd00::1]:8080/a?b=[1]#c) ![图](//[fd00::2]/a.png)\n",
    "[用户](http://u@[::ffff:10.1.2.3]/[路径]) <http://[fd00::1]/> [无效](http://[fd00::1]x/)\n",
    "a\x00b\n",
    "\t制表符\n \t混合\n",
    "\\* 转义 \\_ \\# \\[ \\] \\` \\\\\n",
    "`` 代码 `反引号` `` `未闭合\n",
    "1. 一\n\n   续段\n\n   ```\n   代码\n   ```\n2. 二\n",
    "* * *\n___\n- - -\n",
    "<details><summary>展开</summary>\n\n内容\n\n</details>\n",
    "[a]: <>\n[a]\n",
    "**“中文引号”**紧跟文字 *（括号）*文字\n",
    # Word and WPS indent paragraphs with ideographic spaces; markdown-it trimmed block edges.
    "\u3000\u3000根据《条例》规定，现通知如下。\n\n\u3000\u3000一、总体要求\n",
    "# \u3000标题\u3000\n\n- \u3000项一\n- 项二\u3000\n\n> \u3000引用\n",
    "| \u3000名称 | 值\xa0|\n|---|---|\n| \u3000甲\u3000 | \xa0乙 |\n",
    "\xa0\xa0段落\xa0\n第二行\u3000\n\n\u3000\u3000第一行\n\u3000\u3000第二行\n",
    "1. \u3000一\n\n   \u3000续段\n\n    \u3000缩进代码\n",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_a_body_renders_as_it_did_with_markdown_it_py(text: str) -> None:
    assert render_markdown(text, same) == before(text)


KNOWN_DIFFERENCES = [
    # GFM: a header row without pipes still makes a one-column table.
    ("表头\n|---|\n", "<table>"),
    # A link to a javascript: URL becomes a link without href (markdown-it left the text).
    ("[坏](javascript:alert(1))\n", "<a>坏</a>"),
    # An empty block quote is written on two lines.
    (">\n", "<blockquote>\n</blockquote>"),
    # Emphasis closed after punctuation and followed by a symbol (￥ ★ ± …): cmark-gfm follows
    # CommonMark 0.29, where a symbol is not punctuation; markdown-it 0.31 made it one.
    ("**收费标准：**￥50元/次\n", "**收费标准：**￥50元/次"),
    # Raw HTML's paragraphs lose their edge spaces too (render_markdown trims every <p>).
    ("<p>\u3000\u3000原始 HTML</p>\n", "<p>原始 HTML</p>"),
]


@pytest.mark.parametrize(("text", "html"), KNOWN_DIFFERENCES)
def test_known_differences(text: str, html: str) -> None:
    assert html in render_markdown(text, same)


def test_a_single_tilde_is_a_range_not_a_strike_through() -> None:
    html = render_markdown("受理时间 9:00~17:00，1~3 个工作日办结；~~已废止~~\n", same)
    assert html == "<p>受理时间 9:00~17:00，1~3 个工作日办结；<del>已废止</del></p>\n"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://%E4%BE%8B%E5%AD%90.cn/%E8%B7%AF", "http://xn--fsqu00a.cn/%E8%B7%AF"),
        ("https://%E6%94%BF%E5%8A%A1.cn", "https://xn--zfr164b.cn"),
        ("//%E7%BD%91%E7%AB%99.cn/a.png", "//xn--5tzm5g.cn/a.png"),
        ("mailto:a@%E4%BE%8B%E5%AD%90.cn", "mailto:a@xn--fsqu00a.cn"),
        ("http://%E4%BE%8B%E5%AD%90.cn:8080/", "http://xn--fsqu00a.cn:8080/"),
        ("http://www.gov.cn/%E6%96%87", "http://www.gov.cn/%E6%96%87"),  # (path only)
        ("files/%E9%80%9A%E7%9F%A5.pdf", "files/%E9%80%9A%E7%9F%A5.pdf"),
        ("http://%FF.cn/", "http://%FF.cn/"),  # (not UTF-8: left as it is)
        # IDNA as a browser reads a host: full-width letters and dots, upper case
        (
            "https://%EF%BD%97%EF%BD%97%EF%BD%97%EF%BC%8E%EF%BD%87%EF%BD%8F%EF%BD%96%EF%BC%8E%EF%BD%83%EF%BD%8E/",
            "https://www.gov.cn/",
        ),
        ("http://%C3%84.cn/", "http://xn--4ca.cn/"),
        # half of an encoded IP literal (a zone index is no host a browser opens): as it is
        ("//%5Bfe80::1%25eth0%5D/", "//%5Bfe80::1%25eth0%5D/"),
    ],
)
def test_ascii_host(url: str, expected: str) -> None:
    assert ascii_host(url) == expected


def test_every_file_of_the_sample_portal_renders_as_before() -> None:
    files = sorted((REPO / "content").rglob("*.md"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert render_markdown(text, same) == before(text), path


def test_a_generated_corpus_renders_as_before(tmp_path: Path) -> None:
    """The kind of text the 1k–20k bench corpora are made of (bench/gen_corpus.py)."""
    bench = str(REPO / "bench")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    from gen_corpus import generate

    generate(300, tmp_path / "site")
    files = sorted((tmp_path / "site" / "content").rglob("*.md"))
    assert len(files) >= 300
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert render_markdown(text, same) == before(text), path


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=400))
def test_any_text_renders_without_error(text: str) -> None:
    assert isinstance(render_markdown(text, same), str)


def test_cmarkgfms_own_wrapper_writes_the_same_html() -> None:
    """(the fallback where the library exports no C API)"""
    wrapper = _CmarkWrapper()
    assert isinstance(_CMARK, _Cmark)  # (here, it does)
    for text in EDGE_CASES:
        assert wrapper.html(text) == _CMARK.html(text)


def test_renders_in_threads_at_once_keep_strike_through() -> None:
    """cmark-gfm switches its extensions' characters on in a process-wide table as a parse
    finishes, and off again after; ctypes lets other threads run meanwhile (`ssg serve`
    renders hot updates beside its builds). Unlocked, every long body lost its ~~ here."""
    table = "| 事项 | 时限 |\n|---|---|\n| 许可 | 5 日 |\n"
    struck = "".join(f"第{n}条 ~~{n}个~~ 3个工作日。\n" for n in range(300))
    done = threading.Event()
    bodies: list[str] = []

    def tables() -> None:
        while not done.is_set():
            render_markdown(table, same)

    other = threading.Thread(target=tables)
    other.start()
    try:
        bodies = [render_markdown(struck, same) for _ in range(50)]
    finally:
        done.set()
        other.join()
    assert all(html.count("<del>") == 300 for html in bodies)


def _resident_kib() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4


def test_rendering_frees_what_it_allocates() -> None:
    """cmarkgfm's own wrapper leaks the tree and the HTML (ssg/content/markdown.py)."""
    text = "| 序号 | 事项 |\n|---|---|\n| 1 | 行政许可 |\n\n" + "正文段落，**加粗**。\n\n" * 300
    for _ in range(50):  # (the allocator's pools warmed up)
        _CMARK.html(text)
    start = _resident_kib()
    for _ in range(500):
        _CMARK.html(text)
    # Leaking, 500 renders of this 9 KB text would keep well over 20 MB.
    assert _resident_kib() - start < 4096


def test_edge_spaces_are_trimmed_exactly_where_the_one_pattern_would() -> None:
    """_trim_edges skips a body in which neither quick pattern finds a tag beside a space;
    every string built from these pieces is trimmed as `_EDGE_SPACES` alone trims it."""
    pieces = ["<p>", "</p>", '<td style="a">', "</td>", "<h2 id=x>", "</h2>", "<pre>",
              '<p title=" </p>', "<li", ">", "\u3000", " ", "\n", "\xa0", "字", "</li>"]  # fmt: skip
    checked = 0
    for size in (1, 2, 3):
        for combo in itertools.product(pieces, repeat=size):
            html = "".join(combo)
            expected = markdown._EDGE_SPACES.sub(lambda m: m.group(1) or "", html)
            assert markdown._trim_edges(html) == expected, html
            checked += expected != html
    assert checked > 100  # (and many strings were trimmed)
