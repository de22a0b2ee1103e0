"""Raw HTML in a body that the sanitiser will take out (ssg/content/markdown.py), found in the
Markdown as the editor wrote it, so that it can be said at its line (HTML-01, advice).

The sanitiser keeps the page safe by dropping what it does not allow — a script, an event
handler, a `javascript:` link, an iframe from outside the site, a form — and says nothing:
an editor who pasted a video embed from Word saw it vanish, leaving an empty box, with only
a misleading "iframe without a title" finding. This module names what will go, and why.

A heuristic over the Markdown text, not a parse: code (fenced blocks, `inline` spans) is
left out, as it is shown as text, not run. Advice only: a rare miss or a false alarm costs
nothing but a line in the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["removed_html"]

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# (what the page loses, in Chinese, in English), by pattern; the first that matches a line.
_FOUND: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"<script\b", re.I), "<script> 脚本", "a <script>"),
    (re.compile(r"<style\b", re.I), "<style> 样式", "a <style>"),
    (
        re.compile(r"<iframe\b[^>]*\ssrc\s*=\s*[\"']?\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I),
        '带域名的内嵌框架 <iframe>（只保留本站路径的框架，如 src="/zt/"；站外的内容请改为链接）',
        "an iframe with a host",
    ),
    (
        re.compile(r"<(object|embed|applet|form|input|button|select|textarea|frame)\b", re.I),
        "<{0}> 元素",
        "an <{0}> element",
    ),
    (
        re.compile(r"<[a-z][^>]*\s(on[a-z]+)\s*=", re.I),
        "事件属性 {0}",
        "an event handler {0}",
    ),
    (
        re.compile(r"(?:\b(?:href|src)\s*=\s*[\"']?|\]\()\s*(javascript|vbscript|data):", re.I),
        "{0}: 链接",
        "a {0}: link",
    ),
)


def removed_html(body: str) -> Iterator[tuple[int, str, str]]:
    """(line within `body`, 0-based; what goes, in Chinese; in English) for each line of the
    Markdown holding raw HTML the sanitiser removes; one finding a line."""
    fence = ""
    for number, line in enumerate(body.split("\n")):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            continue
        if "<" not in line and ":" not in line:
            continue
        text = _CODE_SPAN.sub("", line)
        for pattern, chinese, english in _FOUND:
            match = pattern.search(text)
            if match:
                name = match.group(1).lower() if match.groups() else ""
                yield number, chinese.format(name), english.format(name)
                break
