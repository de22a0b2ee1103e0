"""data/site.yaml: read, parsed and validated with the file's lines (ssg/config.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.sitekit import SITE_YAML, make_site, run


def config_lines(root: Path) -> list[str]:
    """The blocking diagnostics without their English gloss."""
    result = run(root)
    assert result.code == 1
    return [line.split(" (")[0] for line in result.lines if " error [" in line]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "page_size: ①\n",
            "data/site.yaml:16: error [CONFIG-02] page_size: 列表每页条数应为非负整数",
        ),
        (
            'interpretation_sync_days: "²"\n',
            "data/site.yaml:16: error [CONFIG-02] interpretation_sync_days: 解读同步发布天数应为非负整数",
        ),
    ],
)
def test_whole_numbers_are_ascii_digits(tmp_path: Path, extra: str, expected: str) -> None:
    """str.isdigit() takes ① and ², which int() refuses: they are a schema error, no crash."""
    root = make_site(tmp_path, {}, site_yaml=SITE_YAML + extra)
    assert config_lines(root) == [expected]


@pytest.mark.parametrize(
    ("site_yaml", "expected"),
    [
        (
            SITE_YAML.replace("contact: {", "contact:\n\t{"),
            "data/site.yaml:11: error [YAML-04] YAML 缩进中有制表符（Tab），请改用空格缩进",
        ),
        (
            SITE_YAML + "name: 又一个名称\n",
            "data/site.yaml:16: error [YAML-05] name: 重复的键，第 1 行已经写过；请删除其中一个",
        ),
    ],
)
def test_a_site_yaml_that_cannot_be_parsed_reports_only_why(
    tmp_path: Path, site_yaml: str, expected: str
) -> None:
    """Its settings are unknown, not missing: no CONFIG-02 for every required one."""
    root = make_site(tmp_path, {}, site_yaml=site_yaml)
    assert config_lines(root) == [expected]


def test_a_gbk_site_yaml_reports_only_its_encoding(tmp_path: Path) -> None:
    root = make_site(tmp_path, {})
    (root / "data/site.yaml").write_bytes(SITE_YAML.encode("gb18030"))
    found = config_lines(root)
    assert [line.split(" 文件")[0] for line in found] == ["data/site.yaml:1: error [FILE-01]"]


def test_an_unreadable_site_yaml_is_a_file_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_site(tmp_path, {})
    site = root / "data/site.yaml"
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:  # (chmod 000 does not stop root)
        if self == site:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert config_lines(root) == [
        "data/site.yaml:0: error [FILE-03] 无法读取 site.yaml：Permission denied；请检查文件权限"
    ]
    monkeypatch.undo()
    site.unlink()
    site.symlink_to(root / "data/gone.yaml")
    assert config_lines(root) == [
        "data/site.yaml:0: error [FILE-03] site.yaml 是指向不存在文件的符号链接，请修复或删除该链接"
    ]


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("待填写", "“待填写” 不是网址"),
        ("http://", "没有域名"),
        ("zwfw.ceshi.gov.cn", "没有写 https://"),
    ],
)
def test_a_service_platform_url_that_is_no_url_is_an_input_error(
    tmp_path: Path, url: str, why: str
) -> None:
    """services.platform_url is the 政务服务平台 that SERVICE-01 and the annual report count
    as the site's service channel: as for interact.platform_url, text that is no address is
    an error at its line and field, not a channel."""
    site_yaml = SITE_YAML.replace(
        'services: {external: "false"}', f'services:\n  external: "true"\n  platform_url: "{url}"'
    )
    assert site_yaml != SITE_YAML
    make_site(tmp_path, {}, site_yaml=site_yaml)
    line = site_yaml.splitlines().index(f'  platform_url: "{url}"') + 1
    result = run(tmp_path)
    errors = [x for x in result.lines if " error " in x]
    assert [" ".join(x.split(" ")[:4]) for x in errors] == [
        f"data/site.yaml:{line}: error [CONFIG-02] services.platform_url:"
    ], result.lines
    assert why in errors[0]
    assert result.code == 1


def test_a_service_platform_url_is_a_channel(tmp_path: Path) -> None:
    site_yaml = SITE_YAML.replace(
        'services: {external: "false"}',
        'services:\n  external: "true"\n  platform_url: https://zwfw.ceshi.gov.cn/',
    )
    make_site(tmp_path, {}, site_yaml=site_yaml)
    result = run(tmp_path)
    assert [x for x in result.lines if " error " in x] == []
    assert not [x for x in result.lines if "[SERVICE-01]" in x]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (  # a URL copied whole: nginx wrote it into the CSP as https://https://cdn.example.cn
            "https://cdn.example.cn",
            "只写主机名（可带端口），不写协议、路径或查询参数：请写作 cdn.example.cn",
        ),
        ("cdn.example.cn/js/", "请写作 cdn.example.cn"),
        ("https://[fd00::1]:8443/app/", "请写作 [fd00::1]:8443"),
        ("*.example.cn", "不能用通配符 *：请逐个写出经批准的主机"),
        ("[fd00::1", "不是主机名"),
        ("10.1.2.3:99999", "不是主机名"),
        ("cdn_1.example.cn", "不是主机名"),  # (CSP3's host-char has no `_`)
    ],
)
def test_an_allowed_host_that_is_no_host_is_an_error_at_its_line(
    tmp_path: Path, key: str, expected: str
) -> None:
    """Each key of allowed_hosts names a host, as ID-04 and SEC-01 compare it and as the
    nginx Content-Security-Policy writes it: anything else is CONFIG-02 at the key's line."""
    site_yaml = (
        SITE_YAML + f'allowed_hosts:\n  v.ceshi.gov.cn: 视频点播平台\n  "{key}": 经审批的平台\n'
    )
    root = make_site(tmp_path, {}, site_yaml=site_yaml)
    line = site_yaml.count("\n")
    [error] = config_lines(root)
    assert error.startswith(
        f"data/site.yaml:{line}: error [CONFIG-02] allowed_hosts.{key}: 允许的站外主机 “{key}” "
    )
    assert expected in error


def test_the_allowed_host_keys_readme_names_are_hosts(tmp_path: Path) -> None:
    """The forms README documents for allowed_hosts (ID-04's): a name, an IPv4 address with or
    without its port, an IPv6 address in brackets or bare, and a 中文域名."""
    keys = [
        "v.ceshi.gov.cn",
        "10.1.2.3",
        "10.1.2.4:8080",
        "[fd00::1]",
        "[FD00:0::2]:8443",
        "fd00::3",
        "视频.政务",
    ]
    site_yaml = SITE_YAML + "allowed_hosts:\n" + "".join(f'  "{k}": 理由\n' for k in keys)
    root = make_site(tmp_path, {}, site_yaml=site_yaml)
    result = run(root)
    assert [line for line in result.lines if "CONFIG-" in line] == []
    assert result.code == 0, result.lines


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (  # `无` or a mistyped `flase` was read as true: the SERVICE rules ran without a word
            'services: {external: "false"}',
            "services: {external: 无}",
            "data/site.yaml:14: error [CONFIG-02] services.external: "
            "有无对外服务职能应为 true 或 false，不是 “无”",
        ),
        (
            'services: {external: "false"}',
            "services: {external: flase}",
            "data/site.yaml:14: error [CONFIG-02] services.external: "
            "有无对外服务职能应为 true 或 false，不是 “flase”",
        ),
        (  # once "联系方式应为映射" at contact: it is one, whose phone is a list
            "contact: {phone: 0439-0000000,",
            "contact: {phone: [0439-0000000, 0439-1111111],",
            "data/site.yaml:10: error [CONFIG-02] contact.phone: 联系方式的 phone 应为文本",
        ),
        (  # a path out of static/ passed when a file was there; every page linked nothing
            "emblem: static/emblem.png",
            "emblem: ../../../../../../../etc/passwd",
            "data/site.yaml:11: error [REF-03] emblem: "
            "国徽图片 “../../../../../../../etc/passwd” 应为 static/ 中的文件，"
            "写作 static/<文件名>（如 static/emblem.png）；只有 static/ 中的文件原样发布",
        ),
        (
            "emblem: static/emblem.png",
            "emblem: data/site.yaml",
            "data/site.yaml:11: error [REF-03] emblem: 国徽图片 “data/site.yaml” 应为 static/ 中的文件，"
            "写作 static/<文件名>（如 static/emblem.png）；只有 static/ 中的文件原样发布",
        ),
        (  # once unchecked: a dead image link on every page, 190 SEC-06 findings at line 0
            "police_icon: static/police-record.png",
            "police_icon: static/police.png",
            "data/site.yaml:15: error [REF-03] police_icon: 公安备案图标 “static/police.png” 不存在",
        ),
    ],
)
def test_a_careless_setting_is_an_error_at_its_line(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    site_yaml = SITE_YAML.replace(old, new)
    assert site_yaml != SITE_YAML
    root = make_site(tmp_path, {}, site_yaml=site_yaml)
    assert config_lines(root) == [expected]
    assert not (root / "public").exists()


@pytest.mark.parametrize("quote", ["", "'"], ids=["plain", "quoted"])
def test_an_image_path_written_with_backslashes_names_the_file(tmp_path: Path, quote: str) -> None:
    """`emblem: static\\emblem.png`, as a path is written on Windows, was REF-03 “应为 static/
    中的文件” with the file right there, and a blocked build (`mapping` and `previous_urls`
    read a backslash as a slash). Every site.yaml key naming a file of the site does."""
    site_yaml = SITE_YAML.replace(
        "emblem: static/emblem.png", f"emblem: {quote}static\\emblem.png{quote}"
    ).replace(
        "police_icon: static/police-record.png",
        f"police_icon: {quote}static\\police-record.png{quote}",
    )
    assert site_yaml.count("\\") == 2
    root = make_site(tmp_path, {}, site_yaml=site_yaml)
    result = run(root, command="build")
    assert result.code == 0, result.lines
    assert not [line for line in result.lines if "REF-03" in line or "CONFIG-0" in line]
    home = (root / "public/index.html").read_text("utf-8")
    assert 'src="/static/emblem.png"' in home and 'src="/static/police-record.png"' in home


def test_an_unknown_key_inside_a_setting_is_advice_with_a_hint(tmp_path: Path) -> None:
    """contact: {fax: …} or a mistyped emial showed nowhere and was said nowhere."""
    site_yaml = SITE_YAML.replace(
        "contact: {phone: 0439-0000000,",
        "contact: {fax: 0439-1111111, emial: a@b.cn, phone: 0439-0000000,",
    ).replace('services: {external: "false"}', 'services: {external: "否", platfrom_url: x}')
    root = make_site(tmp_path, {}, site_yaml=site_yaml)
    result = run(root)
    assert result.code == 0, result.lines
    assert [line.split(" (")[0] for line in result.with_code("CONFIG-03")] == [
        "data/site.yaml:10: advice [CONFIG-03] contact.emial: 未知的配置项，是不是 contact.email？",
        "data/site.yaml:10: advice [CONFIG-03] contact.fax: "
        "未知的配置项；可写的项：phone、email、address、postcode",
        "data/site.yaml:14: advice [CONFIG-03] services.platfrom_url: "
        "未知的配置项，是不是 services.platform_url？",
    ]


@pytest.mark.parametrize("reason", ["", '""', "'  '"])
def test_an_allowed_host_without_its_reason_is_an_error_at_its_line(
    tmp_path: Path, reason: str
) -> None:
    """Each allowed host carries a reason (ARCHITECTURE §2.1): `v.ceshi.gov.cn:` with nothing
    after it was accepted without a word."""
    site_yaml = (
        SITE_YAML + f"allowed_hosts:\n  zt.ceshi.gov.cn: 专题平台\n  v.ceshi.gov.cn: {reason}\n"
    )
    root = make_site(tmp_path, {}, site_yaml=site_yaml)
    [error] = config_lines(root)
    assert error.startswith(
        f"data/site.yaml:{site_yaml.count(chr(10))}: error [CONFIG-02] allowed_hosts.v.ceshi.gov.cn: "
        "允许的站外主机 “v.ceshi.gov.cn” 没有写理由"
    )


def test_a_plain_null_word_is_no_host_name(tmp_path: Path) -> None:
    """`host: ~` was published as 主办单位：~ in every footer, without a word."""
    site_yaml = re.sub(r"(?m)^host: .*$", "host: ~", SITE_YAML) + "operator: null\n"
    root = make_site(tmp_path, {}, site_yaml=site_yaml)
    result = run(root)
    [host] = result.with_code("CONFIG-02")[:1]
    assert host.startswith("data/site.yaml:")
    assert (
        " error [CONFIG-02] host: 主办单位写的是 ~，是否漏填？如确实如此请加引号，如 “host: '~'”"
        in host
    )
    [operator] = [line for line in result.with_code("CONFIG-02") if "operator" in line]
    assert " advice [CONFIG-02] operator: 承办单位写的是 null，是否漏填？" in operator
    assert result.code == 1


def test_a_quoted_null_word_is_the_editors_text(tmp_path: Path) -> None:
    site_yaml = SITE_YAML + "operator: '~'\n"
    result = run(make_site(tmp_path, {}, site_yaml=site_yaml))
    assert [line for line in result.lines if "operator" in line] == []
