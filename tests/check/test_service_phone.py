"""SERVICE-02's 联系电话 must hold a number a citizen can dial: real sites, the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import make_site, run

# rule → (the test that triggers it, the near miss that must not)
COVERS = {
    "SERVICE-02:phone_dialable": (
        "test_a_phone_without_a_number_is_reported_at_its_line",
        "test_a_dialable_phone_is_fine",
    ),
}

GUIDE = "content/bs/shixiang.md"
COLUMN = {"content/bs/_index.md": "---\ntitle: 办事服务\ntype: service\n---\n"}


def guide(phone: str) -> str:
    return (
        "---\ntitle: 测试事项\ndate: 2026-11-02\nbasis: 《测试条例》第三条\nconditions: 本市户籍居民\n"
        "materials: [身份证]\naddress: 政府路1号\nagency: 测试市公安局\nfees: 不收费\n"
        f"hours: 工作日 9:00-17:00\nphone: {phone}\nprocess: 受理\ntime_limit: 5 个工作日\n"
        "notes: 无\nonline: 线下办理\nreviewed_by: 审核人\n---\n正文。\n"
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
