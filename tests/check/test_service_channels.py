"""A service guide's contact, fees and online channel: SERVICE-02's 联系电话 must hold a number
a citizen can dial; ssg's own SSG-03 advises on a 在线办理 address off government hosts, SSG-04
on a guide said to be (partly) done online with no address to do it at, SSG-05 on a fee said
to be charged with no amount or standard. Real sites, the real CLI."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from ssg.check.service import _DIALABLE
from tests.sitekit import SITE_YAML, make_site, run

# rule → (the test that triggers it, the near miss that must not)
COVERS = {
    "SERVICE-02:phone_dialable": (
        "test_a_phone_without_a_number_is_reported_at_its_line",
        "test_a_dialable_phone_is_fine",
    ),
    "SSG-03:online_url_government": (
        "test_an_online_url_off_government_hosts_is_reported",
        "test_an_online_url_on_a_government_or_approved_host_is_fine",
    ),
    "SSG-04:online_level_has_a_link": (
        "test_a_guide_done_online_without_an_address_is_reported_at_its_online_line",
        "test_a_guide_done_online_with_an_address_or_a_platform_is_fine",
    ),
    "SSG-05:fees_have_an_amount": (
        "test_a_fee_without_an_amount_is_reported_at_its_line",
        "test_no_fee_or_a_fee_with_its_amount_or_standard_is_fine",
    ),
}

GUIDE = "content/bs/shixiang.md"
COLUMN = {"content/bs/_index.md": "---\ntitle: 办事服务\ntype: service\n---\n"}


def guide(phone: str, extra: str = "", online: str = "线下办理", fees: str = "不收费") -> str:
    return (
        "---\ntitle: 测试事项\ndate: 2026-11-02\nbasis: 《测试条例》第三条\nconditions: 本市户籍居民\n"
        f"materials: [身份证]\naddress: 政府路1号\nagency: 测试市公安局\nfees: {fees}\n"
        f"hours: 工作日 9:00-17:00\nphone: {phone}\nprocess: 受理\ntime_limit: 5 个工作日\n"
        f"notes: 无\nonline: {online}\n{extra}reviewed_by: 审核人\n---\n正文。\n"
    )


@pytest.mark.parametrize("phone", ["123", "0439-000", "电话待定", "见窗口公示"])
def test_a_phone_without_a_number_is_reported_at_its_line(tmp_path: Path, phone: str) -> None:
    make_site(tmp_path, {**COLUMN, GUIDE: guide(phone)})
    result = run(tmp_path)
    assert result.code == 0  # (a deduct: the build goes on, --strict stops it)
    assert [line.split(" (")[0] for line in result.with_code("SERVICE-02")] == [
        f"{GUIDE}:11: deduct [SERVICE-02] phone: 联系电话 “{phone}” 中没有可拨打的电话号码；"
        "应写区号和号码（如 0431-88888888）、手机号或 12345 这样的服务热线"
    ]


@pytest.mark.parametrize(
    "phone",
    [
        '"0439-8110110"',
        "0439 8110110转8012",
        "88888888",
        "139-0000-0000",
        "12345",
        "400-123-4567",
        "０４３１－８８８８８８８８",
        "咨询 0431-88888888，投诉 12345",
    ],
)
def test_a_dialable_phone_is_fine(tmp_path: Path, phone: str) -> None:
    make_site(tmp_path, {**COLUMN, GUIDE: guide(phone)})
    assert run(tmp_path).with_code("SERVICE-02") == []


@pytest.mark.parametrize(
    "phone",
    [
        "96110（反诈咨询专线）",  # national service numbers of 5 and 6 digits
        "95598",
        "962525",
        "010-6520 3663",  # a space inside the local number, as printed
        "0431-8888-8888",
        "(010)6520 3663",
        "+86 431 8888 8888",
        "+86 139 0000 0000",
        "4008-123-123",  # a 400 number grouped 4-3-3
        "6520 3663",
    ],
)
def test_real_world_shapes_of_a_phone_number_are_dialable(phone: str) -> None:
    """(a review found each of these, real numbers of real guides, reported as undialable)"""
    assert _DIALABLE.search(unicodedata.normalize("NFKC", phone)), phone


@pytest.mark.parametrize(
    "phone",
    [
        "0431-8888xxxx",
        "0439-0000",
        "0431-1234",
        "000-0000",
        "0000 0000",
        "1234-5678",
        "+86 000 0000",
    ],
)
def test_half_filled_or_stray_figures_are_not_dialable(phone: str) -> None:
    """(the shapes above, allowed carelessly, let a half-filled template pass as a number)"""
    assert not _DIALABLE.search(unicodedata.normalize("NFKC", phone)), phone


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.taobao.com/item/1", "www.taobao.com"),
        ("http://zwfw.jl.gov.cn.example.com/x", "zwfw.jl.gov.cn.example.com"),
        ("https://zwfw.jl.gov.com/x", "zwfw.jl.gov.com"),
    ],
)
def test_an_online_url_off_government_hosts_is_reported(
    tmp_path: Path, url: str, host: str
) -> None:
    make_site(tmp_path, {**COLUMN, GUIDE: guide('"0439-0000000"', f"online_url: {url}\n")})
    result = run(tmp_path)
    assert result.code == 0
    # (ssg's advice: RULES SERVICE-01 does not name the host of each guide's link)
    assert [line.split("；请核对")[0] for line in result.with_code("SSG-03")] == [
        f"{GUIDE}:16: advice [SSG-03] online_url: 在线办理地址的主机 {host} 不是政府网站"
        "（*.gov.cn、*.政务）或事业单位网站（*.公益），也不是 data/site.yaml 配置的政务服务平台或"
        " allowed_hosts 中经批准的主机"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://zwfw.jl.gov.cn/item/1",
        "/bsfw/zhinan/",
        "https://v.example.com/apply",  # (in allowed_hosts, with its reason)
        "https://示例市政府.政务/bs/",
        "https://zwfw.示例.公益/bs/",  # a 事业单位's platform
        "https://gov.cn/zhengce/",
    ],
)
def test_an_online_url_on_a_government_or_approved_host_is_fine(tmp_path: Path, url: str) -> None:
    site_yaml = SITE_YAML + "allowed_hosts: {v.example.com: 省政务服务平台（经审批）}\n"
    files = {**COLUMN, GUIDE: guide('"0439-0000000"', f"online_url: {url}\n")}
    make_site(tmp_path, files, site_yaml=site_yaml)
    assert run(tmp_path).with_code("SSG-03") == []


# --- SSG-04: 全程网办 / 部分网办 with an address to do it at -------------------------------------


@pytest.mark.parametrize("online", ["全程网办", "部分网办"])
def test_a_guide_done_online_without_an_address_is_reported_at_its_online_line(
    tmp_path: Path, online: str
) -> None:
    make_site(tmp_path, {**COLUMN, GUIDE: guide('"0439-8110110"', online=online)})
    result = run(tmp_path)
    assert result.code == 0  # (advice: never blocks)
    assert [line.split("：页面上")[0] for line in result.with_code("SSG-04")] == [
        f"{GUIDE}:15: advice [SSG-04] online: 网上可办理程度是“{online}”，却没有在线办理地址 "
        "online_url，data/site.yaml 也没有配置政务服务平台 services.platform_url"
    ]


@pytest.mark.parametrize(
    ("online", "extra", "platform"),
    [
        ("全程网办", "online_url: https://zwfw.jl.gov.cn/item/400011100100101\n", False),
        ("部分网办", "online_url: /bsfw/yuyue/\n", False),  # (a path of the site: its own page)
        ("全程网办", "", True),  # the site's 政务服务平台, linked from its home page
        ("线下办理", "", False),  # nothing online to link
    ],
)
def test_a_guide_done_online_with_an_address_or_a_platform_is_fine(
    tmp_path: Path, online: str, extra: str, platform: bool
) -> None:
    services = "services: {external: true, platform_url: https://zwfw.jl.gov.cn/}\n"
    site_yaml = SITE_YAML + services if platform else SITE_YAML
    files = {**COLUMN, GUIDE: guide('"0439-8110110"', extra, online=online)}
    make_site(tmp_path, files, site_yaml=site_yaml)
    result = run(tmp_path)
    assert result.with_code("SSG-04") == [] and result.with_code("CONFIG-02") == []


# --- SSG-05: a fee charged, with its amount or standard ---------------------------------------


@pytest.mark.parametrize(
    "fees",
    [
        "收费",
        "按规定收费",
        "首次申领免费；补换卡收费",
        "不动产登记收取工本费",
        "补办需交工本费",
        "是否收费：是",  # (the 否 of 是否 is no answer)
        "非住宅收费",  # (非 of 非住宅, not of 收费)
    ],
)
def test_a_fee_without_an_amount_is_reported_at_its_line(tmp_path: Path, fees: str) -> None:
    make_site(tmp_path, {**COLUMN, GUIDE: guide('"0439-8110110"', fees=fees)})
    result = run(tmp_path)
    assert result.code == 0
    assert [line.split("，办事群众")[0] for line in result.with_code("SSG-05")] == [
        f"{GUIDE}:9: advice [SSG-05] fees: 收费标准 “{fees}” 说要收费，却没有写金额或收费依据"
    ]


@pytest.mark.parametrize(
    "fees",
    [
        "不收费",
        "免费",
        "免收",
        "无",
        "不收取任何费用",
        "无需缴费",
        "本事项不另行收费",
        "首次申领免费；补换卡 20 元",
        "首次申领免费；补换卡 ２０ 元",  # (full-width digits)
        "住宅 80 元/件；非住宅 550 元/件",
        "按登记金额的千分之三收取",  # (a rate in words)
        "按照国家和省规定的标准收取",
        "按《吉林省行政事业性收费目录清单》执行",
        "收费项目和金额详见附件",
        # The wordings guides use for "no fee" (review 12).
        "不涉及收费",
        "本事项不涉及收费",
        "本事项不属于收费项目",
        "非收费事项",
        "办理本事项没有收费",
        "收费：否",
        "是否收费：否",
    ],
)
def test_no_fee_or_a_fee_with_its_amount_or_standard_is_fine(tmp_path: Path, fees: str) -> None:
    make_site(tmp_path, {**COLUMN, GUIDE: guide('"0439-8110110"', fees=fees)})
    assert run(tmp_path).with_code("SSG-05") == []


def test_the_sample_portals_guides_have_their_links_and_amounts() -> None:
    """The sample portal is what editors copy, and `make build` reports it: its guides done
    (partly) online each link the item on the 政务服务平台, and its fees give amounts."""
    result = run(Path(__file__).parents[2])  # (the repository's content/ and data/)
    assert result.code == 0
    assert result.with_code("SSG-04") == [] and result.with_code("SSG-05") == []
