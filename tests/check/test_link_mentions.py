"""A link of a page is at its content file's line only where that line writes it as a link
(`_links` and `_linkable` of ssg/check/output.py): a URL a Markdown body only mentions (in a
sentence, in code, in a raw tag the sanitiser removes) is no link of the page, which has it
from a site template, said there (`_template_copy`). Said at the content's line as well, the
finding sent the editor to a line that writes no link, as a false second finding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ssg.content.markdown import render_markdown
from tests.check.test_output import (
    ALL_PAGES,
    BASE,
    BODY_LINE,
    THEME_BASE,
    base,
    build,
    found,
    said_once,
)
from tests.check.test_theme_blame import LINKS, SAID

SCRIPT = '<a href="javascript:void(0)">脚本</a>'
OUTSIDE = "https://cdn.example.com/x.js"
# The site base.html writes each link (and an outside script) on a line of its own.
WRITTEN = f'{LINKS}{SCRIPT}\n<script src="{OUTSIDE}"></script>\n'
THEME = base(("</footer>", f"{WRITTEN}</footer>"))
FIRST = THEME[: THEME.index(WRITTEN)].count("\n") + 1

MENTIONS = (
    ("在一句话里", "请访问 http://10.1.2.3/ 办理，旧址 /gone.html 已停用，见 #nowhere。"),
    (
        "在行内代码里",
        "写作 `http://10.1.2.3/`、`/gone.html`、`#nowhere`、`/xw/index.html#nowhere`。",
    ),
    (
        "在代码块里",
        '```html\n<a href="http://10.1.2.3/">内网</a> <a href="/gone.html">旧</a>\n'
        '<a href="#nowhere">见</a> <a href="/xw/index.html#nowhere">新</a>\n```',
    ),
    (
        "在被删除的原始标签里",
        f'{SCRIPT}\n<script src="{OUTSIDE}"></script>\n<!-- <a href="/gone.html">旧</a> -->',
    ),
)


def _said(lines: list[str]) -> list[str]:
    return found(lines, "SEC-06") + found(lines, "ID-04") + found(lines, "SEC-01")


def test_the_renderer_links_none_of_the_mentions() -> None:
    """What the body of each mention renders to (ssg's Markdown: cmark-gfm without the GFM
    autolink extension, then the sanitiser) has no link or script at all: a bare URL in a
    sentence stays text. An autolink <http://…> is a link."""
    for how, mention in MENTIONS:
        rendered = render_markdown(mention, lambda url: url)
        assert not re.search(r"<[a-z]+\b[^>]*\s(?:href|src)=", rendered), (how, rendered)
    autolink = render_markdown("请访问 <http://10.1.2.3/> 办理。", lambda url: url)
    assert 'href="http://10.1.2.3/"' in autolink


@pytest.mark.parametrize(
    ("how", "mention"), MENTIONS, ids=["sentence", "inline-code", "fenced-code", "removed-tag"]
)
def test_urls_a_body_only_mentions_are_said_at_the_template_alone(
    tmp_path: Path, how: str, mention: str
) -> None:
    """The item's body mentions each URL the site base.html links (in a sentence, in code, in
    a raw tag the sanitiser drops): the page has each link once, the template's, and each is
    said once at the template's line for every page, none at the content file."""
    said = _said(build(tmp_path, f"正文。\n\n{mention}\n", theme=THEME))
    assert not [x for x in said if x.startswith("content/")], (how, said)
    # (none of them is a link of the body: `test_the_renderer_links_none_of_the_mentions`)
    for m, (code, message) in enumerate(SAID):
        at = f"{THEME_BASE}:{FIRST + m}"
        [actual] = [x for x in said if x.startswith(f"{at}: ")]
        severity = "advice" if code == "ID-04" else "deduct"
        said_once(actual, code, at, message, ALL_PAGES, severity)
    for line, words in ((FIRST + len(SAID), "使用脚本伪协议"), (FIRST + 5, "加载站外资源")):
        [actual] = [x for x in said if x.startswith(f"{THEME_BASE}:{line}: ")]
        assert words in actual and f"等 {len(ALL_PAGES)} 个页面" in actual, (how, actual)


def test_an_autolink_is_written_by_the_content(tmp_path: Path) -> None:
    """Near miss: `<http://10.1.2.3/>` is a link the renderer writes on the page, beside the
    template's: said at the body line, and at the template's line."""
    said = _said(build(tmp_path, "正文。\n\n请访问 <http://10.1.2.3/> 办理。\n", theme=THEME))
    ip = [x for x in said if "[ID-04]" in x]
    assert [x for x in ip if x.startswith("content/")] == [
        f"content/xw/a.md:{BODY_LINE + 2}: advice [ID-04] 页面 xw/a.html 链接到 IP 地址 "
        "10.1.2.3，应使用域名 (link to an IP address: http://10.1.2.3/)"
    ]
    assert [x.split(": ")[0] for x in ip if not x.startswith("content/")] == [
        f"{THEME_BASE}:{FIRST + 3}"
    ]


def test_a_link_written_and_mentioned_is_at_the_line_that_writes_it(tmp_path: Path) -> None:
    """Near miss: the body mentions /gone.html in a sentence first and links it two lines
    below: the link's line alone, not the mention's, and no template is named (BASE writes
    none)."""
    body = "正文。\n\n旧址 /gone.html 已停用。\n\n见[旧文](/gone.html)。\n"
    said = found(build(tmp_path, body, theme=BASE), "SEC-06")
    assert [x.split(": ")[0] for x in said] == [f"content/xw/a.md:{BODY_LINE + 4}"]
