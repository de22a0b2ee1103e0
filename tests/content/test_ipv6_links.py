"""A Markdown link or image to an IPv6 address reaches the output with its host, so the
output rules see it: ID-04 (a link to an IP address) and SEC-01 (an outside asset). cmark
percent-encodes the brackets, and the sanitiser dropped the URL (ssg/content/markdown.py).
Real builds, the rules' own lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import make_site, run

ITEM = "---\ntitle: 消息\ndate: 2026-11-18\nsource: 办公室\nreviewed_by: 审核人\n---\n"
BODY_LINE = 7  # the first line after ITEM's front matter


@pytest.mark.parametrize("body", [
    "内网[备案查询](http://[fd00::1]/query)。\n",
    '内网<a href="http://[fd00::1]/query">备案查询</a>。\n',
])  # fmt: skip
def test_a_link_to_an_ipv6_address_is_kept_and_reported(tmp_path: Path, body: str) -> None:
    make_site(tmp_path, {"content/dt/x.md": ITEM + body})
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    page = (tmp_path / "public/dt/x.html").read_text(encoding="utf-8")
    assert 'href="http://[fd00::1]/query"' in page
    assert result.with_code("ID-04") == [
        f"content/dt/x.md:{BODY_LINE}: advice [ID-04] 页面 dt/x.html 链接到 IP 地址 fd00::1，"
        "应使用域名 (link to an IP address: http://[fd00::1]/query)"
    ]


@pytest.mark.parametrize("body", [
    "![示意图](http://[fd00::1]/a.png)\n",
    '<img src="http://[fd00::1]/a.png" alt="示意图">\n',
])  # fmt: skip
def test_an_image_from_an_ipv6_address_is_an_outside_asset(tmp_path: Path, body: str) -> None:
    make_site(tmp_path, {"content/dt/x.md": ITEM + body})
    result = run(tmp_path, command="build")
    page = (tmp_path / "public/dt/x.html").read_text(encoding="utf-8")
    assert 'src="http://[fd00::1]/a.png"' in page
    assert [line for line in result.with_code("SEC-01") if "fd00::1" in line] == [
        f"content/dt/x.md:{BODY_LINE}: deduct [SEC-01] 页面 dt/x.html 加载站外资源 "
        "http://[fd00::1]/a.png（主机 fd00::1）；请改为站内文件，或在 allowed_hosts 中登记 "
        "(outside asset from fd00::1 on dt/x.html)"
    ]
