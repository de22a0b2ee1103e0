"""Where a finding on a site.yaml setting that is not written points (ssg/check/site_keys.py)."""

from __future__ import annotations

from ssg.check.site_keys import is_unplaced, unwritten_key_line

TEXT = """\
# 网站配置
name: 测试市人民政府
services:
  # platform_url: https://…
# conac:                  # 上线前必填
#   script: https://dcs.conac.cn/js/…
jiucuo: true
"""


def test_a_commented_out_setting_is_its_line() -> None:
    assert unwritten_key_line(TEXT, "conac") == 5


def test_a_nested_comment_or_no_comment_is_the_end_of_the_file() -> None:
    # (`  # platform_url:` belongs to services; `script` is conac's)
    assert unwritten_key_line(TEXT, "platform_url") == 7
    assert unwritten_key_line(TEXT, "script") == 7
    assert unwritten_key_line(TEXT, "emblem") == 7
    assert unwritten_key_line("", "conac") == 0


def test_only_an_unwritten_setting_at_the_start_of_site_yaml_is_moved() -> None:
    written = {"name": 2, "services": 3, "jiucuo": 7}
    assert is_unplaced("data/site.yaml", 1, "conac", written)
    assert is_unplaced("data/site.yaml", 1, "conac.script", written)
    assert not is_unplaced("data/site.yaml", 2, "name", written)  # (written)
    assert not is_unplaced("data/site.yaml", 1, "name", written)
    assert not is_unplaced("data/site.yaml", 4, "conac", written)  # (a line of its own)
    assert not is_unplaced("content/_index.md", 1, "conac", written)
    assert not is_unplaced("data/site.yaml", 1, "ColumnKeywords", written)  # (no setting)
    assert not is_unplaced("data/site.yaml", 0, "", written)
