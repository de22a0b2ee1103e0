"""SSG-02: two leaders of one column given the same `order`. Real sites, the real CLI."""

from __future__ import annotations

from pathlib import Path

from tests.sitekit import make_site, run

# rule → (the test that triggers it, the near miss that must not)
COVERS = {
    "SSG-02:duplicate_leader_order": (
        "test_an_order_given_twice_is_advised_at_the_second",
        "test_distinct_or_absent_orders_are_fine",
    ),
}


def leader(name: str, order: str = "") -> str:
    order_line = f"order: {order}\n" if order else ""
    return (
        f"---\ntitle: 副市长{name}\nname: {name}\nposition: 副市长\nduties: 分管教育\n{order_line}"
        "updated: 2026-01-05\nreviewed_by: 审核人\n---\n简历。\n"
    )


def test_an_order_given_twice_is_advised_at_the_second(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {"content/ld/a-zhang.md": leader("张三", "2"), "content/ld/b-li.md": leader("李四", "2")},
    )
    result = run(tmp_path)
    assert result.code == 0
    assert [line.split(" (")[0] for line in result.with_code("SSG-02")] == [
        "content/ld/b-li.md:6: advice [SSG-02] order: 排序号 2 与 content/ld/a-zhang.md（张三）相同，"
        "两人的先后只能按文件名排列；请改为不同的排序号"
    ]


def test_distinct_or_absent_orders_are_fine(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "content/ld/a-zhang.md": leader("张三", "2"),
            "content/ld/b-li.md": leader("李四", "3"),
            "content/ld/c-wang.md": leader("王五"),  # (no order, as the 市长 has none)
        },
    )
    assert run(tmp_path).with_code("SSG-02") == []
