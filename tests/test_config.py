"""data/site.yaml: read, parsed and validated with the file's lines (ssg/config.py)."""

from __future__ import annotations

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
