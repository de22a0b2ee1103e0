"""ID rules on data/site.yaml: each with a fixture that triggers it and a near miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import SITE_YAML, make_site, run

COVERS = {
    "ID-01:named_after_organisation": (
        "test_a_name_without_the_organisation_is_advised",
        "test_names_of_the_organisation_are_quiet",
    ),
    "ID-13:contact_given": (
        "test_contact_without_phone_or_email",
        "test_contact_with_an_email_only_is_enough",
    ),
    "ID-02:domain_suffix": ("test_domain_suffix", "test_clean_baseline"),
    "ID-03:domain_structure": ("test_portal_domain_structure", "test_department_domain_ok"),
    "ID-05:chinese_domain": ("test_chinese_domain", "test_chinese_domain"),
    "ID-06:department_parent": ("test_department_without_parent", "test_department_domain_ok"),
    "ID-07:site_code_format": ("test_site_code", "test_site_code"),
    "ID-09:icp_format": ("test_icp", "test_icp"),
    "ID-10:police_format": ("test_police", "test_police"),
    "ID-10:police_format:icon": ("test_police_icon_missing", "test_clean_baseline"),
    "ID-11:conac_format": ("test_conac", "test_clean_baseline"),
    "ID-12:jiucuo_entry": ("test_jiucuo_off", "test_clean_baseline"),
    "ID-14:emblem": ("test_portal_without_emblem", "test_department_domain_ok"),
    "ID-15:registrations": ("test_missing_registrations", "test_clean_baseline"),
}


def site(tmp_path: Path, **changes: str) -> list[str]:
    lines = []
    for line in SITE_YAML.splitlines():
        key = line.split(":", 1)[0]
        if key in changes:
            if changes[key] is not None and changes[key] != "":
                lines.append(f"{key}: {changes[key]}")
            continue
        lines.append(line)
    extra = [f"{k}: {v}" for k, v in changes.items() if v and k not in SITE_YAML]
    make_site(tmp_path, {}, site_yaml="\n".join(lines + extra) + "\n")
    return run(tmp_path).lines


def test_clean_baseline(tmp_path: Path) -> None:
    assert site(tmp_path) == []


def test_domain_suffix(tmp_path: Path) -> None:
    assert site(tmp_path, domain="www.ceshi.com.cn") == [
        "data/site.yaml:2: deduct [ID-02] domain: 域名 “www.ceshi.com.cn” 不是 .gov.cn 域名 "
        "(domain must end in .gov.cn)"
    ]


def test_a_domain_in_capitals_is_told_to_be_lower_case(tmp_path: Path) -> None:
    assert site(tmp_path, domain="www.CeShi.gov.cn") == [
        "data/site.yaml:2: deduct [ID-02] domain: 域名 “www.CeShi.gov.cn” 应全部写成小写："
        "www.ceshi.gov.cn (write the domain in lower case)"
    ]


def test_a_domain_with_a_trailing_dot_is_told_to_drop_it(tmp_path: Path) -> None:
    """(it said 不是 .gov.cn 域名, which it is)"""
    [line] = [x for x in site(tmp_path, domain="www.ceshi.gov.cn.") if "[ID-02]" in x]
    assert line == (
        "data/site.yaml:2: deduct [ID-02] domain: 域名 “www.ceshi.gov.cn.” 末尾多了一个点，应写作 "
        "www.ceshi.gov.cn（网页与网站地图中的网址也会带上这个点） (drop the trailing dot)"
    )


def test_portal_domain_structure(tmp_path: Path) -> None:
    [line] = site(tmp_path, domain="zwfw.ceshi.gov.cn")
    assert line.startswith(
        "data/site.yaml:2: deduct [ID-03] domain: 政府门户的域名应为 www.地区名.gov.cn"
    )


def test_department_domain_ok(tmp_path: Path) -> None:
    # A department one label under its portal: no ID-03, no ID-06, and no emblem expected.
    assert site(
        tmp_path, domain="jyj.ceshi.gov.cn", level="department", parent="www.ceshi.gov.cn",
        emblem="",
    ) == []  # fmt: skip


def test_state_council_department_domain_ok(tmp_path: Path) -> None:
    # RULES ID-03 gives www.mofcom.gov.cn: a 国务院部门 under www.gov.cn has its own www. host.
    assert site(
        tmp_path, domain="www.miit.gov.cn", level="department", parent="www.gov.cn",
        site_code='"bm07000001"', emblem="",
    ) == []  # fmt: skip


def test_state_council_department_needs_one_label(tmp_path: Path) -> None:
    lines = site(
        tmp_path, domain="a.www.miit.gov.cn", level="department", parent="www.gov.cn",
        site_code='"bm07000001"', emblem="",
    )  # fmt: skip
    assert [line.split(": ", 2)[:2] for line in lines] == [
        ["data/site.yaml:2", "deduct [ID-03] domain"]
    ]
    assert "如 www.部门简称.gov.cn" in lines[0]


def test_department_without_parent(tmp_path: Path) -> None:
    lines = site(tmp_path, domain="jyj.ceshi.gov.cn", level="department", parent="", emblem="")
    assert [line.split(" ", 3)[2] for line in lines] == ["[ID-03]", "[ID-06]"]


@pytest.mark.parametrize(
    ("value", "found"), [("青岚市政府.政务", False), ("青岚市政府.中国", True)]
)
def test_chinese_domain(tmp_path: Path, value: str, found: bool) -> None:
    lines = site(tmp_path, chinese_domain=value)
    assert [line.split(" ")[2] for line in lines] == (["[ID-05]"] if found else [])


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ('"2298000001"', []),
        ('"bm07000001"', []),
        ('"229800001"', ["deduct [ID-07]"]),
        ('"2297000001"', ["advice [ID-07]"]),  # region code 229800 differs: only advice
    ],
)
def test_site_code(tmp_path: Path, code: str, expected: list[str]) -> None:
    lines = site(tmp_path, site_code=code)
    assert [" ".join(line.split(" ")[1:3]) for line in lines] == expected


@pytest.mark.parametrize(
    ("icp", "expected"),
    [
        ("吉ICP备05000001号-1", []),
        ("粤ICP备2026033457号", []),
        ("吉ICP备0500001号", ["advice [ID-09]"]),
        ("吉ICP证05000001号", ["deduct [ID-09]"]),
    ],
)
def test_icp(tmp_path: Path, icp: str, expected: list[str]) -> None:
    assert [" ".join(line.split(" ")[1:3]) for line in site(tmp_path, icp=icp)] == expected


@pytest.mark.parametrize(
    ("record", "found"),
    [("吉公网安备 22980002000001号", False), ("吉公网安备22980002000001号", False),
     ("吉公网安备 2298000200001号", True)],
)  # fmt: skip
def test_police(tmp_path: Path, record: str, found: bool) -> None:
    lines = site(tmp_path, police_record=record)
    assert [line.split(" ")[2] for line in lines] == (["[ID-10]"] if found else [])


def test_full_width_digits_are_not_a_valid_identifier(tmp_path: Path) -> None:
    # Python's \d takes full-width digits; the filing systems issue ASCII ones (ID-07/09/10).
    lines = site(
        tmp_path,
        site_code='"２２９８０００００１"',
        icp="吉ICP备０５０００００１号-1",
        police_record="吉公网安备 ２２９８０００２０００００１号",
    )
    assert [line.split(": ", 2)[:2] for line in lines] == [
        ["data/site.yaml:5", "deduct [ID-07] site_code"],
        ["data/site.yaml:8", "deduct [ID-09] icp"],
        ["data/site.yaml:9", "deduct [ID-10] police_record"],
    ]
    assert all("请改用半角数字 0-9" in line for line in lines)
    assert run(tmp_path).code == 0  # ◐ formats: deduct, never a failed build


def test_police_icon_missing(tmp_path: Path) -> None:
    # The theme's stand-in icon keeps the footer complete; the official one is only advised.
    assert [line.split(" ")[1:4] for line in site(tmp_path, police_icon="")] == [
        ["advice", "[ID-10]", "police_record:"]
    ]


def test_conac(tmp_path: Path) -> None:
    lines = site(tmp_path, conac='{script: "https://dcs.conac.cn/js/22/980/0000/60000001/CA1.js"}')
    assert [line.split(": ", 2)[:2] for line in lines] == [
        ["data/site.yaml:12", "deduct [ID-11] conac"]
    ]


def test_jiucuo_off(tmp_path: Path) -> None:
    assert [line.split(" ")[2] for line in site(tmp_path, jiucuo="false")] == ["[ID-12]"]


def test_portal_without_emblem(tmp_path: Path) -> None:
    assert [line.split(" ")[1:4] for line in site(tmp_path, emblem="")] == [
        ["deduct", "[ID-14]", "emblem:"]
    ]


def test_missing_registrations(tmp_path: Path) -> None:
    lines = site(tmp_path, icp="", police_record="", conac="")
    assert [line.split(" ")[2:4] for line in lines] == [
        ["[ID-15]", "conac:"],
        ["[ID-15]", "icp:"],
        ["[ID-15]", "police_record:"],
    ]


def test_a_name_without_the_organisation_is_advised(tmp_path: Path) -> None:
    # (audit 12 probe id01-name: a portal named like a service, not after its government)
    assert site(tmp_path, name="测试便民服务网") == [
        "data/site.yaml:1: advice [ID-01] name: 网站全称 “测试便民服务网” 不含主办单位 "
        "“测试市人民政府办公室” 的名称，门户网站一般为 “…人民政府”；网站应以机构名称命名"
        "（吉林办法 第十一条），请核对，不符合的在原名称处加注规范名称 "
        "(the site name does not contain the organisation's name)"
    ]


def test_a_department_is_named_after_its_host_not_a_government(tmp_path: Path) -> None:
    lines = site(
        tmp_path, name="测试市人民政府教育频道", domain="jyj.ceshi.gov.cn", level="department",
        parent="www.ceshi.gov.cn", host="测试市教育局", emblem="",
    )  # fmt: skip
    assert [line.split(": ", 2)[:2] for line in lines] == [
        ["data/site.yaml:1", "advice [ID-01] name"]
    ]
    assert "门户网站一般为" not in lines[0]


@pytest.mark.parametrize(
    ("changes"),
    [
        {"name": "测试市人民政府门户网站"},  # the host without its 办公室
        {"name": "测 试 市 人 民 政 府"},  # (spaces do not count)
        {"name": "测试市人民政府", "host": "测试市政务服务和数字化建设管理局"},  # …人民政府
        {"name": "测试市人民政府", "host": "测试市人民政府办公厅"},
        {"name": "测试市教育局", "domain": "jyj.ceshi.gov.cn", "level": "department",
         "parent": "www.ceshi.gov.cn", "host": "测试市教育局办公室", "emblem": ""},
        {"name": "测试市教育局网站", "domain": "jyj.ceshi.gov.cn", "level": "department",
         "parent": "www.ceshi.gov.cn", "host": "测试市教育局", "emblem": ""},
    ],
)  # fmt: skip
def test_names_of_the_organisation_are_quiet(tmp_path: Path, changes: dict[str, str]) -> None:
    assert site(tmp_path, **changes) == []


def test_contact_without_phone_or_email(tmp_path: Path) -> None:
    # (audit 12 probe id13-contact: the footer read 联系我们： and nothing, and all passed)
    message = (
        "deduct [ID-13] contact: 联系方式是页脚必列项，但 contact 中没有联系电话（phone）或电子邮箱"
        "（email），页脚无法列出；请至少填写一项 (contact has neither a phone nor an email for "
        "the footer)"
    )
    # Not written: where a new setting goes, the end of the file (ssg/check/site_keys.py).
    assert site(tmp_path, contact="") == [f"data/site.yaml:14: {message}"]
    # An address alone reaches nobody; an empty mapping neither: at the contact line.
    assert site(tmp_path / "a", contact="{address: 测试市政府路1号}") == [
        f"data/site.yaml:10: {message}"
    ]
    assert site(tmp_path / "b", contact="{}") == [f"data/site.yaml:10: {message}"]


def test_contact_with_an_email_only_is_enough(tmp_path: Path) -> None:
    assert site(tmp_path, contact="{email: zfb@ceshi.gov.cn}") == []
