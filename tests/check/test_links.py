"""ID-04: links to IP addresses instead of the domain."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import make_site, run

COVERS = {
    "ID-04:ip_links": ("test_ip_links", "test_ip_links"),
}


@pytest.mark.parametrize(
    ("href", "found"), [("https://www.ceshi.gov.cn/a.html", False), ("http://10.1.2.3/a", True)]
)
def test_ip_links(tmp_path: Path, href: str, found: bool) -> None:
    make_site(
        tmp_path,
        {
            "content/dt/x.md": "---\ntitle: 消息\ndate: 2026-11-18\nsource: 办公室\n"
            f"reviewed_by: 审核人\n---\n见[链接]({href})。\n"
        },
    )
    lines = [line for line in run(tmp_path).lines if "[ID-04]" in line]
    assert [line.split(": ")[0:2] for line in lines] == (
        [
            [
                "content/dt/x.md:0",
                "advice [ID-04] 页面 dt/x.html 链接到 IP 地址 10.1.2.3，应使用域名 (link to an IP address)",
            ]
        ]
        if found
        else []
    )
