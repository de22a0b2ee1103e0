"""HTML-01: raw HTML the sanitiser takes out of a body is said at its line (ssg/content/stripped.py)."""

from __future__ import annotations

from pathlib import Path

from tests.sitekit import make_site, run

_BODY = """\
会议内容。

<script>alert(1)</script>

<iframe src="https://v.example.com/embed/1"></iframe>

<p onclick="alert(1)">点我</p>

[办理](javascript:alert(1))

```html
<script>这是代码示例，照原样显示</script>
```

行内代码 `<iframe src="https://x.cn/">` 也照原样显示。

<iframe src="/zt/" title="专题"></iframe>
"""


def test_raw_html_the_page_will_not_carry_is_advice_at_its_line(tmp_path: Path) -> None:
    """An editor's pasted video embed vanished without a word, leaving an empty box and an
    A11Y-02 "iframe without a title" finding at line 0 with no name."""
    text = "---\ntitle: 会议\ndate: 2026-11-18\nsource: 办公室\nreviewed_by: 审核人\n---\n" + _BODY
    make_site(tmp_path, {"content/dt/huiyi.md": text})
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    assert [line.split(" (")[0] for line in result.with_code("HTML-01")] == [
        "content/dt/huiyi.md:9: advice [HTML-01] 正文中的<script> 脚本不会发布：为了网站安全，"
        "ssg 只保留 HTML 中安全的部分，发布时会把它去掉",
        "content/dt/huiyi.md:11: advice [HTML-01] 正文中的带域名的内嵌框架 <iframe>"
        '（只保留本站路径的框架，如 src="/zt/"；站外的内容请改为链接）不会发布：为了网站安全，'
        "ssg 只保留 HTML 中安全的部分，发布时会把它去掉",
        "content/dt/huiyi.md:13: advice [HTML-01] 正文中的事件属性 onclick 不会发布：为了网站安全，"
        "ssg 只保留 HTML 中安全的部分，发布时会把它去掉",
        "content/dt/huiyi.md:15: advice [HTML-01] 正文中的javascript: 链接不会发布：为了网站安全，"
        "ssg 只保留 HTML 中安全的部分，发布时会把它去掉",
    ]
    # The outside iframe leaves no empty box behind, and so no untitled-iframe finding.
    page = (tmp_path / "public/dt/huiyi.html").read_text(encoding="utf-8")
    assert page.count("<iframe") == 1 and '<iframe src="/zt/" title="专题">' in page
    assert result.with_code("A11Y-02") == []
    assert "&lt;script&gt;这是代码示例" in page


def test_a_column_body_is_read_alike(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "content/dt/_index.md": "---\ntitle: 工作动态\ntype: news\n---\n栏目介绍<script>x</script>\n"
        },
    )
    assert [line.split(" advice ")[0] for line in run(tmp_path).with_code("HTML-01")] == [
        "content/dt/_index.md:5:"
    ]
