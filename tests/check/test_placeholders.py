"""The stand-ins `ssg init` / `ssg new` write, reported while they stay in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssg.scaffold import ITEM_PLACEHOLDERS, SITE_PLACEHOLDERS, placeholder_emblem_png
from tests.sitekit import COLUMNS, SITE_YAML, make_site, run

COVERS = {
    "ID-01:placeholder": ("test_each_site_placeholder_is_reported", "test_near_misses_are_not"),
    "ID-02:placeholder": ("test_each_site_placeholder_is_reported", "test_near_misses_are_not"),
    "ID-03:placeholder": ("test_each_site_placeholder_is_reported", "test_near_misses_are_not"),
    "ID-05:placeholder": ("test_each_site_placeholder_is_reported", "test_near_misses_are_not"),
    "ID-13:placeholder": ("test_each_site_placeholder_is_reported", "test_near_misses_are_not"),
    "ID-15:placeholder": ("test_each_site_placeholder_is_reported", "test_near_misses_are_not"),
    "ID-14:placeholder_emblem": ("test_stand_in_emblem", "test_stand_in_emblem"),
    "SEC-03:placeholder_reviewer": ("test_item_placeholders", "test_item_placeholders"),
    "CONTENT-07:placeholder_source": ("test_item_placeholders", "test_item_placeholders"),
}

PLACEHOLDER = "ssg init 写入的占位值"


def site_yaml(key: str, value: str) -> str:
    """sitekit's clean site.yaml with one key (a `contact.` one too) set to `value`."""
    head, _, sub = key.partition(".")
    lines = SITE_YAML.splitlines()
    if sub:
        contact = {
            "phone": "0439-0000000",
            "email": "zfb@ceshi.gov.cn",
            "address": "测试市政府路1号",
        }
        contact[sub] = value
        text = ", ".join(f'{k}: "{v}"' for k, v in contact.items())
        lines = [f"contact: {{{text}}}" if x.startswith("contact:") else x for x in lines]
    else:
        kept = [x for x in lines if not x.startswith(f"{head}:")]
        lines = [*kept, f'{head}: "{value}"']
    return "\n".join(lines) + "\n"


def line_of(text: str, key: str) -> int:
    head = key.partition(".")[0]
    return next(n for n, x in enumerate(text.splitlines(), 1) if x.startswith(f"{head}:"))


EXPECTED_CODE = {
    "name": "ID-01",
    "domain": "ID-02",
    "parent": "ID-03",
    "chinese_domain": "ID-05",
    "site_code": "ID-15",
    "icp": "ID-15",
    "police_record": "ID-15",
    "host": "ID-13",
    "operator": "ID-13",
    "contact.phone": "ID-13",
    "contact.email": "ID-13",
    "contact.address": "ID-13",
    "contact.postcode": "ID-13",
}


def test_every_stand_in_of_site_yaml_has_its_rule() -> None:
    # The scaffold's list is the check's: a stand-in added there must be given a rule here.
    assert set(SITE_PLACEHOLDERS) == set(EXPECTED_CODE)


@pytest.mark.parametrize(
    ("key", "value"),
    sorted((key, value) for key, values in SITE_PLACEHOLDERS.items() for value in values),
)
def test_each_site_placeholder_is_reported(tmp_path: Path, key: str, value: str) -> None:
    text = site_yaml(key, value)
    make_site(tmp_path, {}, site_yaml=text)
    [found] = [x for x in run(tmp_path).lines if PLACEHOLDER in x]
    where = f"data/site.yaml:{line_of(text, key)}: deduct [{EXPECTED_CODE[key]}] {key}: "
    assert found.startswith(where)
    assert f"仍是 ssg init 写入的占位值 “{value}”；上线前请改为" in found


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("site_code", "2298000001"),
        ("domain", "www.example2.gov.cn"),
        ("name", "示例市人民政府网"),  # (a real name may hold the placeholder's words)
        ("icp", "吉ICP备00000001号-1"),
        ("police_record", "吉公网安备 22000000000001号"),
        ("contact.phone", "0000-0000001"),
        ("contact.postcode", "130000"),
        ("contact.address", "请填写办公地址的长春市人民大街1号"),
    ],
)
def test_near_misses_are_not(tmp_path: Path, key: str, value: str) -> None:
    make_site(tmp_path, {}, site_yaml=site_yaml(key, value))
    assert [x for x in run(tmp_path).lines if "占位" in x] == []


def test_stand_in_emblem(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    (tmp_path / "static/emblem.png").write_bytes(placeholder_emblem_png())
    [line] = [x for x in run(tmp_path).lines if "[ID-14]" in x]
    assert line.startswith(
        f"data/site.yaml:{line_of(SITE_YAML, 'emblem')}: deduct [ID-14] emblem: 国徽图片 "
        "static/emblem.png 仍是 ssg init 生成的示意图"
    )
    # Near miss: an image of the same size that differs (the standard one, say).
    other = bytearray(placeholder_emblem_png())
    other[-20] ^= 0xFF
    (tmp_path / "static/emblem.png").write_bytes(bytes(other))
    assert [x for x in run(tmp_path).lines if "[ID-14]" in x] == []


def test_item_placeholders(tmp_path: Path) -> None:
    news = COLUMNS["content/dt/huiyi.md"]
    reviewer, source = ITEM_PLACEHOLDERS["reviewed_by"], ITEM_PLACEHOLDERS["source"]
    make_site(
        tmp_path,
        {
            "content/dt/reviewer.md": news.replace("审核人", reviewer),
            "content/dt/source.md": news.replace("测试市人民政府办公室", source),
            # near miss: a reviewer and a source of the site's own
            "content/dt/real.md": news.replace("审核人", "张三").replace("测试市", "示例县"),
        },
    )
    found = [x.split(" (")[0] for x in run(tmp_path).lines if "占位" in x]
    assert found == [
        f"content/dt/reviewer.md:5: deduct [SEC-03] reviewed_by: 审核人 reviewed_by 仍是 "
        f"ssg init / ssg new 写入的占位文字 “{reviewer}”；发布前请改正",
        f"content/dt/source.md:4: deduct [CONTENT-07] source: 信息来源 source 仍是 "
        f"ssg init / ssg new 写入的占位文字 “{source}”；发布前请改正",
    ]
