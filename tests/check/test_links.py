"""ID-04: links to IP addresses, and to hosts under the site's own domain that no setting
names (吉林办法 第十二条: columns, channels, topics and business systems use the site's host)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.sitekit import SITE_YAML, make_site, run

COVERS = {
    "ID-04:stray_hosts": ("test_ip_links", "test_ip_links"),
}

ITEM = "---\ntitle: 消息\ndate: 2026-11-18\nsource: 办公室\nreviewed_by: 审核人\n---\n"
BODY_LINE = 7  # the first line after ITEM's front matter


def findings(root: Path) -> list[str]:
    """`file:line: message` of each ID-04 finding."""
    return [
        line.replace("advice [ID-04] ", "")
        for line in run(root).lines
        if "[ID-04]" in line and " advice " in line
    ]


@pytest.mark.parametrize(
    ("href", "host"),
    [
        ("https://www.ceshi.gov.cn/a.html", ""),
        ("https://10.example.gov.cn/a.html", ""),  # (a name that starts with a digit)
        ("http://10.1.2.3/a", "10.1.2.3"),
        ("http://10.1.2.3:8080/a", "10.1.2.3"),
    ],
)
def test_ip_links(tmp_path: Path, href: str, host: str) -> None:
    make_site(tmp_path, {"content/dt/x.md": f"{ITEM}见[链接]({href})。\n"})
    assert findings(tmp_path) == (
        [
            f"content/dt/x.md:{BODY_LINE}: 页面 dt/x.html 链接到 IP 地址 {host}，应使用域名 "
            f"(link to an IP address: {href})"
        ]
        if host
        else []
    )


def test_an_ip_link_is_reported_at_each_line_that_writes_it(tmp_path: Path) -> None:
    body = (
        "内网[系统](http://10.1.2.3/a)。\n\n"  # line 7
        "其他内容。\n\n"
        "再次[链接](http://10.1.2.3/a)，同一行[又一次](http://10.1.2.3/a)。\n"  # line 11
    )
    make_site(tmp_path, {"content/dt/x.md": ITEM + body})
    assert [x.split(": ")[0] for x in findings(tmp_path)] == [
        "content/dt/x.md:7",
        "content/dt/x.md:11",
    ]


@pytest.mark.parametrize(
    ("allowed", "href", "found"),
    [
        ('"10.1.2.3"', "http://10.1.2.3/query", False),
        ('"10.1.2.3:8080"', "http://10.1.2.3:8080/query", False),  # (as copied off the address)
        ('"10.1.2.3"', "http://10.1.2.3:8080/query", False),  # (hosts are compared, not ports)
        ('"[fd00::1]"', "http://[fd00::1]/query", False),
        ('"fd00::1"', "http://[FD00:0::1]:8443/query", False),  # (one address, two spellings)
        ('"10.9.9.9"', "http://10.1.2.3/query", True),  # (another address is still said)
        ('"[fd00::2]"', "http://[fd00::1]/query", True),
    ],
)
def test_an_ip_address_listed_in_allowed_hosts_is_not_reported(
    tmp_path: Path, allowed: str, href: str, found: bool
) -> None:
    """allowed_hosts lists an address with its reason (an intranet filing system): the fix
    ID-04 gives. Built for real, the link as the page carries it. (Written as HTML here;
    Markdown's [x](http://[fd00::1]/) is tests/content/test_ipv6_links.py's.)"""
    site_yaml = SITE_YAML + f"allowed_hosts: {{{allowed}: 内网备案系统}}\n"
    body = f'内网<a href="{href}">备案查询</a>。\n'
    make_site(tmp_path, {"content/dt/x.md": ITEM + body}, site_yaml=site_yaml)
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    page = (tmp_path / "public/dt/x.html").read_text(encoding="utf-8")
    assert f'href="{href}"' in page
    lines = [x.split(" 页面")[0] for x in result.with_code("ID-04")]
    assert lines == ([f"content/dt/x.md:{BODY_LINE}: advice [ID-04]"] if found else [])


DEPARTMENT = (
    SITE_YAML.replace("domain: www.ceshi.gov.cn", "domain: jyj.ceshi.gov.cn")
    .replace("level: city", "level: department")
    .replace("parent: www.jl.gov.cn", "parent: www.ceshi.gov.cn")
)
COUNTY = SITE_YAML.replace("level: city", "level: county")


@pytest.mark.parametrize(
    ("site_yaml", "host", "found"),
    [
        # a department site: nothing below its own domain is another site
        (DEPARTMENT, "zt.jyj.ceshi.gov.cn", True),
        (DEPARTMENT, "zjj.ceshi.gov.cn", False),  # another department of the city
        (DEPARTMENT, "www.ceshi.gov.cn", False),  # its portal
        (DEPARTMENT, "www.jl.gov.cn", False),  # another government's site
        # a county portal: its departments open no sites (ID-06), so a sub-domain is its own
        (COUNTY, "zt.ceshi.gov.cn", True),
        (COUNTY, "ZT.Ceshi.gov.cn", True),  # (host names have no case)
        (COUNTY, "www.jl.gov.cn", False),
        (COUNTY, "www.ceshi.gov.cn.example.com", False),
        # a city portal: ○○○.ceshi.gov.cn are its departments' sites (吉林办法 第十二条)
        (SITE_YAML, "zt.ceshi.gov.cn", False),
        (SITE_YAML, "v.www.ceshi.gov.cn", True),
    ],
)
def test_a_host_under_the_sites_own_domain_is_reported(
    tmp_path: Path, site_yaml: str, host: str, found: bool
) -> None:
    body = f"详见[专题](https://{host}/2026/index.html)。\n"
    make_site(tmp_path, {"content/dt/x.md": ITEM + body}, site_yaml=site_yaml)
    lines = findings(tmp_path)
    assert [x.split(": ")[0] for x in lines] == ([f"content/dt/x.md:{BODY_LINE}"] if found else [])
    for line in lines:  # (the fix: a path of the site, or allowed_hosts with a reason)
        assert f"链接到 {host.lower()}，是本站域名" in line and "allowed_hosts" in line


@pytest.mark.parametrize(
    "setting",
    [
        "allowed_hosts: {zt.ceshi.gov.cn: 专题平台（经审批）}\n",
        "services: {external: 'true', platform_url: 'https://zt.ceshi.gov.cn/'}\n",
        "interact: {platform_url: 'https://zt.ceshi.gov.cn/hd/'}\n",
        "search: {server: 'https://zt.ceshi.gov.cn/api/search'}\n",
    ],
)
def test_a_host_the_settings_name_is_not_reported(tmp_path: Path, setting: str) -> None:
    site_yaml = COUNTY.replace('services: {external: "false"}\n', "") + setting
    if "services:" not in setting:
        site_yaml += 'services: {external: "false"}\n'
    body = "详见[专题](https://zt.ceshi.gov.cn/2026/index.html)。\n"
    make_site(tmp_path, {"content/dt/x.md": ITEM + body}, site_yaml=site_yaml)
    assert findings(tmp_path) == []


MAIN = Path(__file__).parents[2]


def test_the_sample_portal_has_no_stray_host(tmp_path: Path) -> None:
    """The sample city portal links its 政务服务平台 zwfw.qinglan.gov.cn from every service
    guide (online_url): a platform of the city, not a column to move under www."""
    for folder in ("content", "data", "static"):
        shutil.copytree(MAIN / folder, tmp_path / folder)
    assert findings(tmp_path) == []
