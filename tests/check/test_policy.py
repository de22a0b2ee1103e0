"""POLICY rules and policy references, each with a fixture that triggers it and a near miss."""

from __future__ import annotations

from pathlib import Path

from tests.sitekit import SITE_YAML, interpretation, make_site, policy, run

COVERS = {
    "POLICY-01:doc_number_form": (
        "test_non_standard_reference_still_matches_and_is_reported",
        "test_doc_number_form_and_year",
    ),
    "POLICY-01:policy_dates": ("test_doc_number_form_and_year", "test_doc_number_form_and_year"),
    "POLICY-02:validity_marked": (
        "test_superseded_policy_marked_and_interpretation_advice",
        "test_superseded_policy_marked_and_interpretation_advice",
    ),
    "POLICY-02:interpretation_of_invalid": (
        "test_superseded_policy_marked_and_interpretation_advice",
        "test_superseded_policy_marked_and_interpretation_advice",
    ),
    "POLICY-03:interpretation_in_sync": (
        "test_sync_days_default_zero",
        "test_sync_days_from_site_yaml",
    ),
    "POLICY-03:interpretation_present": (
        "test_important_policy_needs_an_interpretation",
        "test_important_policy_needs_an_interpretation",
    ),
}


def test_resolves_by_doc_number_and_path_id(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测政发〔2026〕1号"),
            "content/zcjd/by-number.md": interpretation("测政发〔2026〕1号"),
            "content/zcjd/by-path.md": interpretation("zcwj/a"),
            "content/zcjd/by-list.md": interpretation("[测政发〔2026〕1号, zcwj/a]"),
        },
    )
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    page = (tmp_path / "public/zcwj/a.html").read_text(encoding="utf-8")
    for name in ("by-number", "by-path", "by-list"):
        assert f'href="/zcjd/{name}.html"' in page
        reading = (tmp_path / f"public/zcjd/{name}.html").read_text(encoding="utf-8")
        assert 'href="/zcwj/a.html"' in reading


def test_non_standard_reference_still_matches_and_is_reported(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测政发〔2026〕1号"),
            "content/zcjd/b.md": interpretation("测政发[2026]1号"),
        },
    )
    result = run(tmp_path)
    assert result.code == 0
    assert result.lines == [
        "content/zcjd/b.md:4: deduct [POLICY-01] policy: 引用的发文字号 “测政发[2026]1号” "
        "不是标准写法，应写作 “测政发〔2026〕1号” (non-standard doc number; write 测政发〔2026〕1号)"
    ]


def test_unresolved_reference_suggests_the_nearest(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测政发〔2026〕1号"),
            "content/zcjd/b.md": interpretation("测政发〔2026〕11号"),
        },
    )
    result = run(tmp_path)
    assert result.code == 1
    [line] = result.with_code("REF-01")
    assert line.startswith("content/zcjd/b.md:4: error [REF-01] policy: ")
    assert "最接近的是：测政发〔2026〕1号" in line


def test_two_policies_with_one_number_is_ambiguous(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测政发〔2026〕1号"),
            "content/zcwj/b.md": policy("测政发[2026]1号"),
            "content/zcjd/c.md": interpretation("测政发〔2026〕1号"),
        },
    )
    [line] = run(tmp_path).with_code("REF-02")
    assert line.startswith("content/zcjd/c.md:4: error [REF-02] policy: ")
    assert "content/zcwj/a.md" in line and "content/zcwj/b.md" in line


def test_drafts_never_satisfy_a_link(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测政发〔2026〕1号", draft="true"),
            "content/zcjd/b.md": interpretation("测政发〔2026〕1号"),
        },
    )
    [line] = run(tmp_path).with_code("REF-01")
    assert "草稿" in line


def test_superseded_by_must_resolve(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy(
                "测政发〔2026〕1号", superseded_by="测政发〔2026〕9号", validity="已废止"
            )
        },
    )
    [line] = run(tmp_path).with_code("REF-01")
    assert line.startswith("content/zcwj/a.md:10: error [REF-01] superseded_by: ")


def test_sync_days_default_zero(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测政发〔2026〕1号", date="2026-10-08"),
            "content/zcjd/same-day.md": interpretation("测政发〔2026〕1号", date="2026-10-08"),
            "content/zcjd/next-day.md": interpretation("测政发〔2026〕1号", date="2026-10-09"),
        },
    )
    result = run(tmp_path)
    assert result.with_code("POLICY-03") == [
        "content/zcjd/next-day.md:3: deduct [POLICY-03] date: 解读晚于文件 1 天发布（文件 "
        "2026-10-08，解读 2026-10-09，允许 0 天） (published 1 days after its policy; 0 allowed)"
    ]


def test_sync_days_from_site_yaml(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测政发〔2026〕1号", date="2026-10-08"),
            "content/zcjd/third.md": interpretation("测政发〔2026〕1号", date="2026-10-11"),
            "content/zcjd/fourth.md": interpretation("测政发〔2026〕1号", date="2026-10-12"),
        },
        site_yaml=SITE_YAML + "interpretation_sync_days: 3\n",
    )
    lines = run(tmp_path).with_code("POLICY-03")
    assert [line.split(":")[0] for line in lines] == ["content/zcjd/fourth.md"]


def test_important_policy_needs_an_interpretation(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测政发〔2026〕1号", needs_interpretation="true"),
            "content/zcwj/b.md": policy("测政发〔2026〕2号", needs_interpretation="true"),
            "content/zcjd/c.md": interpretation("测政发〔2026〕2号"),
        },
    )
    assert run(tmp_path).with_code("POLICY-03") == [
        "content/zcwj/a.md:10: deduct [POLICY-03] needs_interpretation: 标为重要政策"
        "（needs_interpretation: true），但没有已发布的解读 (important policy without an "
        "interpretation)"
    ]


def test_doc_number_form_and_year(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测政发【2026】01号"),
            "content/zcwj/b.md": policy("测政发〔2027〕2号"),
            "content/zcwj/c.md": policy("测政发〔2026〕3号"),
        },
    )
    lines = run(tmp_path).with_code("POLICY-01")
    assert lines == [
        "content/zcwj/a.md:8: deduct [POLICY-01] doc_number: 发文字号 “测政发【2026】01号” "
        "不是标准写法，应写作 “测政发〔2026〕1号” (non-standard doc number; write 测政发〔2026〕1号)",
        "content/zcwj/b.md:8: deduct [POLICY-01] doc_number: 发文字号的年份 2027 晚于成文日期 "
        "2026-10-08；请核对年份或成文日期 (doc number year is later than the date written)",
    ]


def test_decree_number_is_standard_and_resolves(tmp_path: Path) -> None:
    # GB/T 9704: 命令（令）are numbered 第N号 without a year; that is the standard form.
    make_site(
        tmp_path,
        {
            "content/zcwj/ling.md": policy("测试市人民政府令第12号"),
            "content/zcjd/ling.md": interpretation("测试市人民政府令第12号"),
        },
    )
    result = run(tmp_path)
    assert result.code == 0
    assert result.with_code("POLICY-01") == []
    assert result.with_code("REF-01") == []


def test_non_standard_decree_number_is_reported(tmp_path: Path) -> None:
    make_site(tmp_path, {"content/zcwj/ling.md": policy("测试市人民政府令第012号")})
    result = run(tmp_path)
    assert result.code == 0
    assert result.with_code("POLICY-01") == [
        "content/zcwj/ling.md:8: deduct [POLICY-01] doc_number: 发文字号 “测试市人民政府令第012号” "
        "不是标准写法，应写作 “测试市人民政府令第12号” "
        "(non-standard doc number; write 测试市人民政府令第12号)"
    ]


def test_full_width_digits_are_reported_but_still_match(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测政发〔２０２６〕3号"),
            "content/zcjd/a.md": interpretation("测政发〔2026〕3号"),
        },
    )
    result = run(tmp_path)
    assert result.code == 0
    assert result.with_code("REF-01") == []
    assert result.with_code("POLICY-01") == [
        "content/zcwj/a.md:8: deduct [POLICY-01] doc_number: 发文字号 “测政发〔２０２６〕3号” "
        "不是标准写法，应写作 “测政发〔2026〕3号” (non-standard doc number; write 测政发〔2026〕3号)"
    ]


def test_superseded_policy_marked_and_interpretation_advice(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "content/zcwj/old.md": policy(
                "测政发〔2025〕1号", date="2025-10-08", superseded_by="测政发〔2026〕1号"
            ),
            "content/zcwj/gone.md": policy(
                "测政发〔2025〕2号",
                date="2025-10-08",
                validity="已废止",
                superseded_by="测政发〔2026〕1号",
            ),
            "content/zcwj/new.md": policy("测政发〔2026〕1号"),
            "content/zcjd/r.md": interpretation("测政发〔2025〕2号", date="2025-10-08"),
        },
    )
    result = run(tmp_path, command="build")
    assert result.code == 0
    assert [line.split(":")[0] for line in result.with_code("POLICY-02")] == [
        "content/zcjd/r.md",
        "content/zcwj/old.md",
    ]
    assert " advice [POLICY-02] policy: " in result.with_code("POLICY-02")[0]
    page = (tmp_path / "public/zcwj/gone.html").read_text(encoding="utf-8")
    assert "已废止" in page and 'href="/zcwj/new.html"' in page


def test_policy_library_pages(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测政发〔2026〕1号"),
            "content/zcwj/b.md": policy("测政发〔2025〕1号", date="2025-03-01"),
            "content/zcjd/c.md": interpretation("测政发〔2026〕1号", form="图解"),
        },
    )
    assert run(tmp_path, command="build").code == 0
    public = tmp_path / "public/zcwj"
    assert (public / "by-year/2026/index.html").is_file()
    assert (public / "by-year/2025/index.html").is_file()
    assert (public / "by-topic/zong-he-zheng-wu-zheng-wu-gong-kai/index.html").is_file()
    assert (public / "by-issuer/ce-shi-shi-ren-min-zheng-fu/index.html").is_file()
    listing = (public / "index.html").read_text(encoding="utf-8")
    assert "policy-filter" in listing and '>图解<span class="visually-hidden">' in listing
    import json

    data = json.loads((public / "policies.json").read_text(encoding="utf-8"))
    assert [row[2] for row in data["rows"]] == ["2026-10-08", "2026-09-01", "2025-03-01"]
    assert data["rows"][0][-1] == ["图解"]


def test_validity_notice_names_the_file_in_force_at_the_end_of_a_chain(tmp_path: Path) -> None:
    """A replaced by B, B abolished for C: A's page must not call B 现行文件 (POLICY-02)."""
    gone = {"validity": "已废止"}
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy(
                "测政发〔2024〕1号", date="2024-10-08", superseded_by="测政发〔2025〕1号", **gone
            ),
            "content/zcwj/b.md": policy(
                "测政发〔2025〕1号", date="2025-10-08", superseded_by="zcwj/c", **gone
            ),
            "content/zcwj/c.md": policy("测政发〔2026〕1号"),
            "content/zcwj/d.md": policy(
                "测政发〔2024〕2号", date="2024-10-08", superseded_by="测政发〔2024〕3号", **gone
            ),
            "content/zcwj/e.md": policy("测政发〔2024〕3号", date="2024-10-08", validity="失效"),
        },
    )
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    assert result.with_code("POLICY-02") == []

    def notice(name: str) -> str:
        page = (tmp_path / f"public/zcwj/{name}.html").read_text(encoding="utf-8")
        return page.split('<p class="validity-notice">', 1)[1].split("</p>", 1)[0]

    assert notice("a") == (
        '<strong>本文件已废止</strong>，替代文件：<a href="/zcwj/b.html">关于测政发〔2025〕1号的通知'
        '</a>（已废止）；现行文件：<a href="/zcwj/c.html">关于测政发〔2026〕1号的通知</a>'
    )
    assert notice("b") == (
        '<strong>本文件已废止</strong>，现行文件：<a href="/zcwj/c.html">关于测政发〔2026〕1号的通知</a>'
    )
    # The end of the chain is not in force either: nothing is called 现行文件.
    assert notice("d") == (
        '<strong>本文件已废止</strong>，替代文件：<a href="/zcwj/e.html">关于测政发〔2024〕3号的通知'
        "</a>（失效）"
    )


def test_interpretation_of_an_invalid_policy_points_at_its_entry_in_the_list(
    tmp_path: Path,
) -> None:
    reading = (
        "---\ntitle: 解读两份文件\ndate: 2026-10-08\npolicy:\n  - 测政发〔2026〕1号\n"
        "  - zcwj/old\nsource: 测试市司法局\nreviewed_by: 审核人\n---\n正文。\n"
    )
    make_site(
        tmp_path,
        {
            "content/zcwj/new.md": policy("测政发〔2026〕1号"),
            "content/zcwj/old.md": policy("测政发〔2025〕1号", date="2025-10-08", validity="失效"),
            "content/zcjd/r.md": reading,
        },
    )
    result = run(tmp_path, command="build")
    assert result.code == 0
    assert result.with_code("POLICY-02") == [
        "content/zcjd/r.md:6: advice [POLICY-02] policy[2]: 所解读的文件 测政发〔2025〕1号 已失效 "
        "(the policy interpreted is 失效)"
    ]


def test_spaces_inside_the_issuer_code_still_match_and_get_the_standard_form(
    tmp_path: Path,
) -> None:
    """Brackets and spaces are both folded (ARCHITECTURE §1.2), also together and also inside
    the 机关代字: 测 政 发[2026]1号 is 测政发〔2026〕1号."""
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测 政 发[2026]1号"),
            "content/zcjd/a.md": interpretation("测政发〔2026〕1号"),
            "content/zcwj/b.md": policy("测政发〔2026〕2号"),
            "content/zcjd/b.md": interpretation("测 政发（2026）2号"),
        },
    )
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    assert result.with_code("POLICY-01") == [
        "content/zcjd/b.md:4: deduct [POLICY-01] policy: 引用的发文字号 “测 政发（2026）2号” "
        "不是标准写法，应写作 “测政发〔2026〕2号” (non-standard doc number; write 测政发〔2026〕2号)",
        "content/zcwj/a.md:8: deduct [POLICY-01] doc_number: 发文字号 “测 政 发[2026]1号” "
        "不是标准写法，应写作 “测政发〔2026〕1号” (non-standard doc number; write 测政发〔2026〕1号)",
    ]
    page = (tmp_path / "public/zcwj/a.html").read_text(encoding="utf-8")
    assert 'href="/zcjd/a.html"' in page


def test_an_invisible_character_in_a_reference_still_matches_and_is_named(
    tmp_path: Path,
) -> None:
    """A zero-width space copied from a web page: the reference resolves, and POLICY-01 says
    what the editor cannot see (the two forms look alike)."""
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测政发〔2026〕1号"),
            "content/zcjd/a.md": interpretation("测政发〔2026〕1号\u200b"),
        },
    )
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    assert result.with_code("POLICY-01") == [
        "content/zcjd/a.md:4: deduct [POLICY-01] policy: 引用的发文字号 “测政发〔2026〕1号\u200b” "
        "不是标准写法（其中有看不见的字符，如零宽空格，请删除后重新输入），应写作 “测政发〔2026〕1号” "
        "(non-standard doc number with invisible characters; write 测政发〔2026〕1号)"
    ]
    assert 'href="/zcjd/a.html"' in (tmp_path / "public/zcwj/a.html").read_text(encoding="utf-8")


def test_superseded_but_valid_is_reported_at_the_validity_written(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "content/zcwj/new.md": policy("测政发〔2026〕1号"),
            "content/zcwj/said.md": policy(
                "测政发〔2025〕1号",
                date="2025-10-08",
                superseded_by="测政发〔2026〕1号",
                validity="有效",
            ),
            "content/zcwj/unsaid.md": policy(
                "测政发〔2025〕2号", date="2025-10-08", superseded_by="测政发〔2026〕1号"
            ),
        },
    )
    result = run(tmp_path)
    assert result.code == 0
    message = (
        "已写明替代文件 superseded_by，但有效性仍为“有效”；请标注为 已修改、已废止 或 失效 "
        "(superseded but still marked valid)"
    )
    assert result.with_code("POLICY-02") == [
        f"content/zcwj/said.md:11: deduct [POLICY-02] validity: {message}",
        f"content/zcwj/unsaid.md:10: deduct [POLICY-02] validity: {message}",
    ]
