"""SEC-01, ID-17 and NOTICE-05 on data/deploy.yaml: each triggers, with its near miss.

Real files on disk, the real CLI (tests/sitekit.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ssg.check.deploy_rules import region_place
from tests.check.test_report_rules import found
from tests.sitekit import make_site, run

COVERS = {
    "SEC-01:hosting_declared": ("test_hosting_declared", "test_hosting_declared"),
    "ID-17:ipv6_enabled": ("test_ipv6_enabled", "test_ipv6_enabled"),
    "NOTICE-05:urls_kept": ("test_urls_kept", "test_urls_kept"),
}

HOSTED = "hosting:\n  provider: 吉林省政务云\n  region: {region}\n"


@pytest.mark.parametrize(("deploy", "expected"), [
    (None, []),  # no deploy.yaml: nothing is deployed by ssg, nothing to declare
    (HOSTED.format(region="吉林省长春市"), []),
    (HOSTED.format(region="cn-beijing"), []),
    (HOSTED.format(region="中国香港"), ["data/deploy.yaml:3: deduct [SEC-01] hosting.region"]),
    (HOSTED.format(region="澳门特别行政区"), ["data/deploy.yaml:3: deduct [SEC-01] hosting.region"]),
    (HOSTED.format(region="台湾"), ["data/deploy.yaml:3: deduct [SEC-01] hosting.region"]),
    (HOSTED.format(region="cn-hongkong"), ["data/deploy.yaml:3: deduct [SEC-01] hosting.region"]),
    (HOSTED.format(region="新加坡"), ["data/deploy.yaml:3: deduct [SEC-01] hosting.region"]),
    (HOSTED.format(region="us-east-1"), ["data/deploy.yaml:3: deduct [SEC-01] hosting.region"]),
    (HOSTED.format(region="机房二楼"), ["data/deploy.yaml:3: advice [SEC-01] hosting.region"]),
    ("ipv6: true\n", [
        "data/deploy.yaml:1: deduct [SEC-01] hosting.provider",
        "data/deploy.yaml:1: deduct [SEC-01] hosting.region",
    ]),
    ("hosting:\n  provider: 吉林省政务云\n", ["data/deploy.yaml:1: deduct [SEC-01] hosting.region"]),
])  # fmt: skip
def test_hosting_declared(tmp_path: Path, deploy: str | None, expected: list[str]) -> None:
    make_site(tmp_path, {"data/deploy.yaml": deploy} if deploy is not None else {})
    assert found(run(tmp_path).lines, "SEC-01") == expected


def test_region_places_mainland_names_before_unknown_text() -> None:
    assert region_place("广东省深圳市") == "mainland"
    assert region_place("Hong Kong") == "abroad"
    assert region_place("红河州") is None  # (a mainland prefecture ssg does not list: advice)


@pytest.mark.parametrize(("ipv6", "expected"), [
    ("true", []),
    ("false", ["data/deploy.yaml:4: deduct [ID-17] ipv6"]),
])  # fmt: skip
def test_ipv6_enabled(tmp_path: Path, ipv6: str, expected: list[str]) -> None:
    make_site(tmp_path, {"data/deploy.yaml": HOSTED.format(region="吉林省") + f"ipv6: {ipv6}\n"})
    assert found(run(tmp_path).lines, "ID-17") == expected


MOVED = (
    "---\ntitle: 市政府召开常务会议\ndate: 2026-11-18\nsource: 测试市人民政府办公室\n"
    "reviewed_by: 审核人\n{aliases}---\n会议内容。\n"
)
PREVIOUS = (
    "# 上一次发布的网址\n"
    "https://www.ceshi.gov.cn/\n"
    "https://www.ceshi.gov.cn/dt/huiyi.html\n"
    "https://www.ceshi.gov.cn/dt/index_3.html\n"
    "/gk/gaikuang.html\n"
)


@pytest.mark.parametrize(("aliases", "expected"), [
    # the news item moved from dt/huiyi.md to dt/changwu.md: its old URL vanished …
    ("", ["deploy/urls-2025.txt:3: deduct [NOTICE-05]"]),
    # … unless the new place keeps it as an alias (a column's further page may go: fewer items)
    ("aliases: [/dt/huiyi.html]\n", []),
])  # fmt: skip
def test_urls_kept(tmp_path: Path, aliases: str, expected: list[str]) -> None:
    make_site(
        tmp_path,
        {
            "content/dt/huiyi.md": "",
            "content/dt/changwu.md": MOVED.format(aliases=aliases),
            "deploy/urls-2025.txt": PREVIOUS,
            "data/deploy.yaml": HOSTED.format(region="吉林省")
            + "previous_urls: deploy/urls-2025.txt\n",
        },
    )
    (tmp_path / "content/dt/huiyi.md").unlink()
    assert found(run(tmp_path).lines, "NOTICE-05") == expected


def test_urls_kept_by_a_migration_mapping(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "data/lifecycle.yaml": "- event: migration\n  date: 2027-01-01\n"
            "  destination: https://www.jl.gov.cn/ceshi/\n  mapping: data/map.csv\n",
            "data/map.csv": "/dt/gone.html,https://www.jl.gov.cn/ceshi/dt/1.html\n",
            "deploy/urls.txt": "/dt/gone.html\n/dt/lost.html\n",
            "data/deploy.yaml": HOSTED.format(region="吉林省") + "previous_urls: deploy/urls.txt\n",
        },
    )
    assert found(run(tmp_path).lines, "NOTICE-05") == ["deploy/urls.txt:2: deduct [NOTICE-05]"]


@pytest.mark.parametrize(("urls", "expected"), [
    ("", ["data/deploy.yaml:4: advice [DEPLOY-04] previous_urls"]),
    ("\n  \n", ["data/deploy.yaml:4: advice [DEPLOY-04] previous_urls"]),
    ("# 上一次发布的网址\n", ["data/deploy.yaml:4: advice [DEPLOY-04] previous_urls"]),
    ("# 上一次发布的网址\n/gk/gaikuang.html\n", []),  # (one URL: a list, and it is kept)
])  # fmt: skip
def test_an_empty_previous_urls_file_is_advice_at_the_field_that_names_it(
    tmp_path: Path, urls: str, expected: list[str]
) -> None:
    """A file named and left empty compared nothing and said nothing: NOTICE-05 looked
    satisfied. Said where the file is named; advice, so the build still goes on."""
    make_site(
        tmp_path,
        {
            "deploy/urls-2025.txt": urls,
            "data/deploy.yaml": HOSTED.format(region="吉林省")
            + "previous_urls: deploy/urls-2025.txt\n",
        },
    )
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    assert found(result.lines, "DEPLOY-04") == expected
    assert not result.with_code("NOTICE-05")
