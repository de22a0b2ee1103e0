"""Lifecycle events (data/lifecycle.yaml): each fixture builds with its notice and pages;
the file is validated per event type with line numbers. The time rules are tested in
tests/check/test_report_rules.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.derive.kit import LIFECYCLE, NOTICE_COLUMN, fixture_site
from tests.sitekit import SITE_YAML, make_site, policy, run


def html_pages(public: Path) -> list[Path]:
    return sorted(public.rglob("*.html"))


def blocking(lines: list[str]) -> list[str]:
    return [line for line in lines if " error [" in line or " veto [" in line]


def test_opening_notice_is_a_normal_notice(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, LIFECYCLE / "opening")
    result = run(root, command="build")
    assert result.code == 0 and not blocking(result.lines), result.lines
    public = root / "public"
    page = (public / "tz/wangzhan-kaitong-20261102.html").read_text(encoding="utf-8")
    assert "关于测试市人民政府网站正式开通的公告" in page
    assert "2026年11月2日正式开通" in page and "政府网站标识码：2298000001" in page
    assert '<meta name="PubDate" content="2026-11-02 00:00">' in page
    assert "wangzhan-kaitong-20261102.html" in (public / "tz/index.html").read_text("utf-8")
    assert "wangzhan-kaitong-20261102.html" in (public / "feeds/tz.xml").read_text("utf-8")
    assert "wangzhan-kaitong-20261102.html" in (public / "sitemap.xml").read_text("utf-8")
    parent = tmp_path / "public-lifecycle/parent-portal/wangzhan-kaitong-20261102.md"
    text = parent.read_text(encoding="utf-8")
    assert text.startswith("# 关于测试市人民政府网站正式开通的公告")
    assert "https://www.jl.gov.cn/" in text and "www.ceshi.gov.cn" in text
    assert not list(public.rglob("parent-portal*"))  # never in the published site


@pytest.mark.parametrize(
    "taken", ["content/tz/wangzhan-kaitong-20261102.html", "content/tz/旧/index.md"]
)
def test_notice_url_taken_by_content_is_url_01(tmp_path: Path, taken: str) -> None:
    """A file copied from content/ (or an alias) on the notice's URL would replace the
    notice page after it is written."""
    files = {taken: "<p>旧页面</p>"}
    if taken.endswith("index.md"):  # a bundle whose alias is the notice's URL
        files[taken] = (
            "---\ntitle: 旧通知\ndate: 2026-01-05\nsource: 办公室\n"
            'aliases: ["/tz/wangzhan-kaitong-20261102.html"]\n---\n正文。\n'
        )
    root = fixture_site(tmp_path, LIFECYCLE / "opening", files)
    result = run(root, command="build")
    assert result.code == 1
    assert [line.split(": ", 2)[:2] for line in blocking(result.lines)] == [
        ["data/lifecycle.yaml:2", "error [URL-01] [1]"]
    ]
    assert not (root / "public").exists()


def test_the_notice_goes_to_the_notice_column_not_the_channel_above_it(tmp_path: Path) -> None:
    """A channel without a type of its own shows its first sub-column's ColumnType: 公告公示
    holding 通知公告 looked like a 通知公告 column itself, and the notice went to the channel,
    missing from the 通知公告 listing and its feed."""
    root = fixture_site(tmp_path, LIFECYCLE / "opening")
    channel = root / "content/gg"
    channel.mkdir()
    (channel / "_index.md").write_text("---\ntitle: 公告公示\norder: 1\n---\n", encoding="utf-8")
    (root / "content/tz").rename(channel / "tz")
    result = run(root, command="build")
    assert result.code == 0 and not blocking(result.lines), result.lines
    public = root / "public"
    assert (public / "gg/tz/wangzhan-kaitong-20261102.html").is_file()
    assert not (public / "gg/wangzhan-kaitong-20261102.html").exists()
    listing = (public / "gg/tz/index.html").read_text(encoding="utf-8")
    assert "wangzhan-kaitong-20261102.html" in listing
    assert "wangzhan-kaitong-20261102.html" in (public / "feeds/gg/tz.xml").read_text("utf-8")
    assert not result.with_code("NOTICE-01")


def test_a_new_empty_notice_column_does_not_take_the_notices(tmp_path: Path) -> None:
    """A second 通知公告 column, new and still empty, placed before the one that holds the
    site's notices (a column without `order` is): the lifecycle notice stays where it was
    published, at its URL, and the new column is reported empty, not stale since the
    notice's date."""
    root = fixture_site(tmp_path, LIFECYCLE / "opening")
    (root / "content/tz/a.md").write_text(
        "---\ntitle: 关于停水的通知\ndate: 2026-11-10\nsource: 办公室\n---\n正文。\n",
        encoding="utf-8",
    )
    new = root / "content/aa"
    new.mkdir()
    (new / "_index.md").write_text("---\ntitle: 公示公告\ntype: notice\n---\n", encoding="utf-8")
    result = run(root, command="build")
    assert result.code == 0 and not blocking(result.lines), result.lines
    assert (root / "public/tz/wangzhan-kaitong-20261102.html").is_file()
    assert not (root / "public/aa/wangzhan-kaitong-20261102.html").exists()
    assert not [line for line in result.with_code("CONTENT-02") if "content/aa/" in line]


def test_opening_notice_waits_for_its_date(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, LIFECYCLE / "opening")
    run(root, command="build", date="2026-11-01")
    assert not (root / "public/tz/wangzhan-kaitong-20261102.html").exists()


def test_offline_notice_and_maintenance_build(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, LIFECYCLE / "temporary_offline")
    normal = run(root, command="build")
    assert normal.code == 0
    public = root / "public"
    notice = (public / "tz/linshi-xiaxian-20261201.html").read_text(encoding="utf-8")
    assert "网站安全加固整改" in notice and "共 30 天" in notice
    assert "2026年12月31日恢复访问" in notice and "电话 0439-0000000" in notice
    assert 'data-page="home"' in (public / "index.html").read_text(encoding="utf-8")

    down = run(root, "--maintenance", command="build", date="2026-12-01")
    assert down.code == 0 and not blocking(down.lines), down.lines
    pages = html_pages(public)
    assert len(pages) > 20
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert 'data-page="maintenance"' in text, path
        assert "预计 <strong>2026年12月31日</strong> 恢复访问" in text
    # The page files are all there, under their own URLs.
    assert (public / "dt/huiyi.html").is_file() and (public / "zsk/index.html").is_file()


def test_maintenance_needs_an_offline_event(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, LIFECYCLE / "opening")
    result = run(root, "--maintenance", command="build")
    assert result.code == 1
    assert [line.split(" --")[0] for line in blocking(result.lines)] == [
        "data/lifecycle.yaml:0: error [LIFECYCLE-06]"
    ]


def test_migration_turns_every_page_into_its_notice(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, LIFECYCLE / "migration")
    result = run(root, command="build")
    assert result.code == 0 and not blocking(result.lines), result.lines
    public = root / "public"
    notice = public / "tz/wangzhan-qianyi-20261119.html"
    assert 'data-page="notice"' in notice.read_text(encoding="utf-8")  # the notice itself stays
    assert "本公告保留至2026年12月18日" in notice.read_text(encoding="utf-8")
    for path in html_pages(public):
        if path != notice:
            assert 'data-page="migration"' in path.read_text(encoding="utf-8"), path
    mapped = (public / "dt/huiyi.html").read_text(encoding="utf-8")
    assert "“市政府召开常务会议”的内容已迁移至" in mapped
    assert 'href="https://www.jl.gov.cn/ceshi/dt/huiyi.html"' in mapped
    assert 'href="https://www.jl.gov.cn/ceshi/zcwj/"' in (public / "zcwj/index.html").read_text(
        encoding="utf-8"
    )
    unmapped = (public / "hd/gongnuan.html").read_text(encoding="utf-8")
    assert "已整合至新网站" in unmapped and 'href="https://www.jl.gov.cn/ceshi/"' in unmapped
    assert 'href="/tz/wangzhan-qianyi-20261119.html"' in unmapped
    home = (public / "index.html").read_text(encoding="utf-8")
    assert "本网站已迁移" in home and "https://www.jl.gov.cn/ceshi/" in home
    parent = tmp_path / "public-lifecycle/parent-portal/wangzhan-qianyi-20261119.md"
    assert "至少保留 30 天" in parent.read_text(encoding="utf-8")
    # No search index: it would lead to pages that now only say where their content went.
    assert not (public / "search/index.bin").exists()


def test_a_percent_encoded_old_path_is_the_page_it_names(tmp_path: Path) -> None:
    """A path copied from the browser's address bar is percent-encoded: /dt/%E4%BC%9A….html
    is the page /dt/会议.html. Unmatched, the page pointed to the destination's home page."""
    root = fixture_site(tmp_path, LIFECYCLE / "migration", {
        "content/dt/会议.md": "---\ntitle: 会议纪要\ndate: 2026-10-01\nsource: 办公室\n"
        "reviewed_by: 审核人\n---\n正文。\n",
    })  # fmt: skip
    (root / "data/migration.csv").write_text(
        "old,new\n/dt/%E4%BC%9A%E8%AE%AE.html,https://www.jl.gov.cn/ceshi/dt/huiyi-jiyao.html\n",
        encoding="utf-8",
    )
    result = run(root, command="build")
    assert result.code == 0 and not blocking(result.lines), result.lines
    assert not [line for line in result.lines if "migration.csv" in line], result.lines
    page = (root / "public/dt/会议.html").read_text(encoding="utf-8")
    assert "“会议纪要”的内容已迁移至" in page
    assert 'href="https://www.jl.gov.cn/ceshi/dt/huiyi-jiyao.html"' in page


def test_further_pages_of_a_mapped_column_go_where_the_column_went(tmp_path: Path) -> None:
    """/zcwj/ is mapped: its page 2 (/zcwj/index_2.html) lists the same column's older items,
    so it points to the column's new URL too, not to the destination's home page."""
    older = {
        f"content/zcwj/old{n}.md": policy(f"测政发〔2026〕{n}号", date=f"2026-01-0{n}")
        for n in range(1, 6)
    }
    root = fixture_site(tmp_path, LIFECYCLE / "migration", older,
                        site_yaml=SITE_YAML + "page_size: 5\n")  # fmt: skip
    result = run(root, command="build")
    assert result.code == 0 and not blocking(result.lines), result.lines
    second = (root / "public/zcwj/index_2.html").read_text(encoding="utf-8")
    assert 'data-page="migration"' in second
    assert 'href="https://www.jl.gov.cn/ceshi/zcwj/"' in second


def test_migration_waits_for_its_date(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, LIFECYCLE / "migration")
    assert run(root, command="build", date="2026-11-18").code == 0
    home = (root / "public/index.html").read_text(encoding="utf-8")
    assert 'data-page="home"' in home
    assert not (root / "public/tz/wangzhan-qianyi-20261119.html").exists()
    assert (root / "public/search/index.bin").is_file()


def test_domain_change_notice_and_redirects(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, LIFECYCLE / "domain_change")
    result = run(root, command="build")
    assert result.code == 0 and not blocking(result.lines), result.lines
    notice = (root / "public/tz/yuming-biangeng-20261110.html").read_text(encoding="utf-8")
    assert "由 ceshi.jl.gov.cn 变更为 www.ceshi.gov.cn" in notice
    side = tmp_path / "public-lifecycle"
    lines = (side / "redirects.txt").read_text(encoding="utf-8").splitlines()
    assert "https://ceshi.jl.gov.cn/ https://www.ceshi.gov.cn/" in lines
    assert "https://ceshi.jl.gov.cn/dt/huiyi.html https://www.ceshi.gov.cn/dt/huiyi.html" in lines
    assert all(len(line.split(" ")) == 2 for line in lines)
    pages = {p.relative_to(root / "public").as_posix() for p in html_pages(root / "public")}
    assert len(pages) == len(list((side / "redirects/ceshi.jl.gov.cn").rglob("*.html")))
    redirect = (side / "redirects/ceshi.jl.gov.cn/dt/huiyi.html").read_text(encoding="utf-8")
    assert 'content="0; url=https://www.ceshi.gov.cn/dt/huiyi.html"' in redirect


def test_domain_change_redirects_every_file_not_only_pages(tmp_path: Path) -> None:
    """Links to the old domain's attachments, feeds and downloads must keep working too: the
    map named the HTML pages only, so a form or a policy's PDF on the old domain was lost."""
    root = fixture_site(tmp_path, LIFECYCLE / "domain_change", {
        "content/dt/biaoge/index.md": "---\ntitle: 申请表下载\ndate: 2026-10-01\n"
        "source: 办公室\nreviewed_by: 审核人\n---\n[申请表](申请表.pdf)\n",
        "content/dt/biaoge/申请表.pdf": "%PDF-1.4\n",
    })  # fmt: skip
    result = run(root, command="build")
    assert result.code == 0 and not blocking(result.lines), result.lines
    public = root / "public"
    side = tmp_path / "public-lifecycle"
    lines = (side / "redirects.txt").read_text(encoding="utf-8").splitlines()
    old, new = "https://ceshi.jl.gov.cn", "https://www.ceshi.gov.cn"
    pdf = "/dt/biaoge/%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf"
    for url in (pdf, "/feeds/dt.xml", "/sitemap.xml", "/static/emblem.png", "/"):
        assert f"{old}{url} {new}{url}" in lines, url
    # Every file once, but the search index (the new domain's search page reads its own).
    files = sorted(
        p.relative_to(public).as_posix()
        for p in public.rglob("*")
        if p.is_file() and p.name != ".ssg-output"
        and not (p.parts[len(public.parts)] == "search" and p.suffix != ".html")
    )  # fmt: skip
    assert len(lines) == len(files) == len(set(lines))
    assert not [line for line in lines if "/search/" in line and "/search/ " not in line]
    # Redirect pages stand in for pages only: a PDF cannot be one.
    assert not (side / "redirects/ceshi.jl.gov.cn/dt/biaoge/申请表.pdf").exists()
    assert (side / "redirects/ceshi.jl.gov.cn/dt/biaoge.html").is_file()


def test_an_old_domain_that_is_the_current_one_is_an_error_at_its_line(tmp_path: Path) -> None:
    """An old domain that is the current one (the new domain not yet in data/site.yaml): every
    line of the redirect map sent a URL to itself. It was only a NOTICE-04 deduct and the build
    went on; now it is the editor's error at old_domain, and nothing is deployed."""
    root = fixture_site(tmp_path, LIFECYCLE / "domain_change")
    path = root / "data/lifecycle.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("old_domain: ceshi.jl.gov.cn", "old_domain: WWW.ceshi.gov.cn"),
                    encoding="utf-8")  # fmt: skip
    result = run(root, command="build")
    assert result.code == 1, result.lines
    [line] = result.with_code("LIFECYCLE-03")
    assert line.startswith("data/lifecycle.yaml:4: error [LIFECYCLE-03] [1].old_domain: ")
    assert "原域名 www.ceshi.gov.cn 与 data/site.yaml 的现域名" in line
    side = tmp_path / "public-lifecycle"
    assert not (side / "redirects.txt").exists()
    assert not (side / "redirects").exists()
    # The near miss: the old domain written as the fixture has it builds.
    path.write_text(text, encoding="utf-8")
    assert run(root, command="build").code == 0


@pytest.mark.parametrize(("fixture", "page", "opening"), [
    ("migration", "tz/wangzhan-qianyi-20261119.html",
     "经批准，测试市人民政府网站自2026年11月19日起停止更新并永久下线"),
    ("domain_change", "tz/yuming-biangeng-20261110.html",
     "自2026年11月10日起，测试市人民政府网站的域名由 ceshi.jl.gov.cn 变更为"),
])  # fmt: skip
def test_a_notice_without_a_reason_gives_none(
    tmp_path: Path, fixture: str, page: str, opening: str
) -> None:
    """`reason` is optional: without it the notice says no reason, rather than one the site
    never gave (根据政府网站集约化工作安排 for a site closed because its host was merged)."""
    root = fixture_site(tmp_path, LIFECYCLE / fixture)
    path = root / "data/lifecycle.yaml"
    kept = [x for x in path.read_text("utf-8").splitlines() if "reason:" not in x]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = run(root, command="build")
    assert result.code == 0 and not blocking(result.lines), result.lines
    body = (root / "public" / page).read_text(encoding="utf-8").split('class="article-body">')[1]
    assert body.startswith(f"<p>{opening}")
    assert "工作安排" not in body
    for text in (tmp_path / "public-lifecycle/parent-portal").glob("*.md"):
        assert "工作安排" not in text.read_text(encoding="utf-8")


@pytest.mark.parametrize(("fixture", "reason", "page", "expected"), [
    ("temporary_offline", "因网站改版升级。", "tz/linshi-xiaxian-20261201.html",
     "<p>因网站改版升级，经批准，测试市人民政府网站将于"),
    ("migration", "因机构改革，", "tz/wangzhan-qianyi-20261119.html",
     "<p>因机构改革，经批准，测试市人民政府网站自"),
    ("opening", "本网站由原测试市政府信息网改版而成。", "tz/wangzhan-kaitong-20261102.html",
     "正式开通上线。本网站由原测试市政府信息网改版而成。</p>"),
])  # fmt: skip
def test_a_reason_is_written_into_the_notice_as_a_clause(
    tmp_path: Path, fixture: str, reason: str, page: str, expected: str
) -> None:
    """A reason written as a sentence (因……, a final 。) reads right: not 因因…… or ……。，"""
    root = fixture_site(tmp_path, LIFECYCLE / fixture)
    path = root / "data/lifecycle.yaml"
    lines = [x for x in path.read_text("utf-8").splitlines() if "reason:" not in x]
    path.write_text("\n".join([*lines, f"  reason: {reason}"]) + "\n", encoding="utf-8")
    result = run(root, command="build", date="2026-12-01")
    assert result.code == 0 and not blocking(result.lines), result.lines
    assert expected in (root / "public" / page).read_text(encoding="utf-8")


def test_build_is_repeatable_with_lifecycle_files(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, LIFECYCLE / "domain_change")
    run(root, command="build")
    first = (tmp_path / "public-lifecycle/redirects.txt").read_bytes()
    assert run(root, command="build").code == 0
    assert (tmp_path / "public-lifecycle/redirects.txt").read_bytes() == first


def test_the_side_folder_goes_with_the_last_event_that_needs_it(tmp_path: Path) -> None:
    """A cold build of a site with no opening, migration or domain change makes no side
    folder: neither does a build after the last of them is taken out."""
    root = fixture_site(tmp_path, LIFECYCLE / "domain_change")
    run(root, command="build")
    assert (tmp_path / "public-lifecycle/redirects.txt").is_file()
    (root / "data/lifecycle.yaml").write_text("[]\n", encoding="utf-8")
    assert run(root, command="build").code == 0
    assert not (tmp_path / "public-lifecycle").exists()


def test_a_side_folder_ssg_did_not_write_is_left_alone(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, LIFECYCLE / "domain_change")
    (root / "data/lifecycle.yaml").write_text("[]\n", encoding="utf-8")
    mine = tmp_path / "public-lifecycle/notes.txt"
    mine.parent.mkdir()
    mine.write_text("编辑自己的文件", encoding="utf-8")
    run(root, command="build")
    assert mine.read_text(encoding="utf-8") == "编辑自己的文件"


def test_a_notice_without_a_reviewer_is_found_at_its_event(tmp_path: Path) -> None:
    """SEC-03 names the event's line in data/lifecycle.yaml, not the comment at its top."""
    root = fixture_site(tmp_path, LIFECYCLE / "opening")
    events = root / "data/lifecycle.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("  reviewed_by: 审核人\n", ""),
                      encoding="utf-8")  # fmt: skip
    found = [line for line in run(root, command="build").lines if "[SEC-03]" in line]
    assert [line.split(" 没有")[0] for line in found] == [
        "data/lifecycle.yaml:2: deduct [SEC-03] reviewed_by:"
    ]


# --- validation -----------------------------------------------------------------------------


def check(tmp_path: Path, lifecycle: str, files: dict[str, str] | None = None) -> list[str]:
    make_site(tmp_path, {"data/lifecycle.yaml": lifecycle, **(files or {})})
    return [
        line.split(" (")[0]
        for line in run(tmp_path).lines
        if "[LIFECYCLE-" in line or "[YAML-" in line
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- event: openning\n  date: 2026-01-01\n",
            ["data/lifecycle.yaml:1: error [LIFECYCLE-01] [1].event: 事件类型 “openning” "
             "不可用，是不是 opening？；可选 opening / temporary_offline / migration / domain_change"],
        ),
        (
            "# 注释\n- event: opening\n  date: 2026-01-01\n- event: temporary_offline\n"
            "  from: 2026-03-01\n  reason: 整改\n",
            ["data/lifecycle.yaml:4: error [LIFECYCLE-02] [2].to: 临时下线事件须填写 to（恢复前最后一天）"],
        ),
        (
            "- event: opening\n  date: 2026年1月1日\n",
            ["data/lifecycle.yaml:2: error [LIFECYCLE-03] [1].date: 开通日期 “2026年1月1日” "
             "不是有效日期；应写作 YYYY-MM-DD，例如 2024-03-05"],
        ),
        (
            "- {event: temporary_offline, from: 2026-03-10, to: 2026-03-01, reason: 整改}\n",
            ["data/lifecycle.yaml:1: error [LIFECYCLE-03] [1].to: to 2026-03-01 早于下线日期 from "
             "2026-03-10"],
        ),
        (
            "- event: migration\n  date: 2026-03-01\n  destination: www.jl.gov.cn\n",
            ["data/lifecycle.yaml:3: error [LIFECYCLE-03] [1].destination: 迁移去向网址 "
             "“www.jl.gov.cn” 没有写 https:// 或 http://，应为完整网址，如 https://www.jl.gov.cn/"],
        ),
        (
            "- event: domain_change\n  date: 2026-03-01\n  old_domain: 旧域名\n",
            ["data/lifecycle.yaml:3: error [LIFECYCLE-03] [1].old_domain: 原域名 “旧域名” "
             "不是域名，应写作 www.example.gov.cn"],
        ),
        (
            "- event: opening\n  date: 2026-01-01\n  reviewer: 某某\n",
            ["data/lifecycle.yaml:3: advice [LIFECYCLE-04] [1].reviewer: 网站开通事件没有 reviewer "
             "这一项，是不是 reviewed_by？，已忽略"],
        ),
        (  # (a year's margin from the ends of the calendar: 9999-12-31 + 1 day overflows)
            "- {event: temporary_offline, from: 9999-12-01, to: 9999-12-31, reason: x}\n",
            ["data/lifecycle.yaml:1: error [LIFECYCLE-03] [1].from: 下线日期 “9999-12-01” "
             "超出可处理的日期范围（最晚 9998-12-31）",
             "data/lifecycle.yaml:1: error [LIFECYCLE-03] [1].to: 恢复前最后一天 “9999-12-31” "
             "超出可处理的日期范围（最晚 9998-12-31）"],
        ),
        (
            "- event: migration\n  date: 9999-12-31\n  destination: https://www.jl.gov.cn/\n",
            ["data/lifecycle.yaml:2: error [LIFECYCLE-03] [1].date: 迁移公告日期 “9999-12-31” "
             "超出可处理的日期范围（最晚 9998-12-31）"],
        ),
        (
            "- event: migration\n  date: 2026-03-01\n  destination: https://[abc/\n",
            ["data/lifecycle.yaml:3: error [LIFECYCLE-03] [1].destination: 迁移去向网址 "
             "“https://[abc/” 写法不对（Invalid IPv6 URL）；请检查方括号 [ ] 是否成对、"
             "端口是否为 0 至 65535 的数字"],
        ),
        (
            "- event: opening\n  date: 2026-01-01\n  date: 2026-01-02\n",
            ["data/lifecycle.yaml:3: error [YAML-05] [1].date: 重复的键，第 2 行已经写过；请删除其中一个"],
        ),
        (
            "event: opening\ndate: 2026-01-01\n",
            ["data/lifecycle.yaml:1: error [LIFECYCLE-01] lifecycle.yaml 应为事件列表，每项以 "
             "“- event: …” 开始"],
        ),
    ],
)  # fmt: skip
def test_lifecycle_file_is_validated_with_lines(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    assert check(tmp_path, text) == expected


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("- {event: temporary_offline, from: 2026-11-01, to: 9999-12-31, reason: x}\n", "1: error [LIFECYCLE-03] [1].to"),
        ("- event: migration\n  date: 9999-12-31\n  destination: https://www.jl.gov.cn/\n", "2: error [LIFECYCLE-03] [1].date"),
        ("- event: opening\n  date: 9999-12-31\n", "2: error [LIFECYCLE-03] [1].date"),
    ],
)  # fmt: skip
def test_a_last_day_of_the_calendar_typed_is_an_error_in_a_build_not_a_crash(
    tmp_path: Path, text: str, where: str
) -> None:
    """9999-12-31 is a day parse_day reads, but the days an event implies (the day after an
    offline period, a notice's 30th day) are past the calendar's end: LATEST keeps the build
    from dying on it (exit 3, no line said) and says the date at its line instead."""
    make_site(tmp_path, {"data/lifecycle.yaml": text})
    result = run(tmp_path, command="build")
    said = [line for line in result.lines if "[LIFECYCLE-" in line]
    assert len(said) == 1, result.lines
    assert said[0].startswith(f"data/lifecycle.yaml:{where}: ")
    assert "“9999-12-31” 超出可处理的日期范围（最晚 9998-12-31）" in said[0]
    assert result.code == 1
    assert not (tmp_path / "public").exists()


def test_yaml_errors_keep_the_file_lines(tmp_path: Path) -> None:
    found = check(tmp_path, "# 事件\n- event: opening\n  date: [2026\n")
    assert [line.split(" YAML")[0] for line in found] == ["data/lifecycle.yaml:3: error [YAML-01]"]


def test_mapping_csv_errors_point_at_its_rows(tmp_path: Path) -> None:
    text = (
        "- event: migration\n  date: 2026-12-01\n  destination: https://www.jl.gov.cn/\n"
        "  mapping: data/map.csv\n"
    )
    csv = "old,new\n/dt/huiyi.html,https://www.jl.gov.cn/a.html\ndt/x.html,https://a.gov.cn/\n"
    csv += "/dt/huiyi.html,https://www.jl.gov.cn/b.html\n"
    found = check(tmp_path, text, {"data/map.csv": csv})
    assert found == [
        "data/map.csv:3: error [LIFECYCLE-05] old: 旧路径 “dt/x.html” 应以 / 开头，如 /dt/x.html",
        "data/map.csv:4: error [LIFECYCLE-05] old: 旧路径 /dt/huiyi.html 在第 2 行已经写过",
    ]
    missing = check(tmp_path, text.replace("map.csv", "nope.csv"))
    assert missing[0].startswith("data/lifecycle.yaml:4: error [LIFECYCLE-05] [1].mapping: ")


@pytest.mark.parametrize(("first", "field"), [
    ("dt/huiyi.html,https://www.jl.gov.cn/a.html", "old"),  # no leading /
    ("/dt/huiyi.html,www.jl.gov.cn/a.html", "new"),  # no scheme
    ("dt/huiyi.html,https://www.jl.gov.cn/a b.html", "old"),  # and a space
])  # fmt: skip
def test_a_faulty_first_row_is_not_taken_for_a_header(
    tmp_path: Path, first: str, field: str
) -> None:
    """Without a header the first row is a row like the others: a mistake in it was taken for
    the header `old,new` and dropped without a word, and its page pointed to the home page."""
    text = (
        "- event: migration\n  date: 2026-12-01\n  destination: https://www.jl.gov.cn/\n"
        "  mapping: data/map.csv\n"
    )
    found = check(tmp_path, text, {"data/map.csv": first + "\n/zcwj/,https://www.jl.gov.cn/z/\n"})
    assert found and all(line.startswith("data/map.csv:1: error [LIFECYCLE-05] ") for line in found)
    assert any(line.startswith(f"data/map.csv:1: error [LIFECYCLE-05] {field}: ") for line in found)


def test_empty_lifecycle_file_is_fine(tmp_path: Path) -> None:
    assert check(tmp_path, "# 暂无事件\n") == []


@pytest.mark.parametrize(
    "text",
    [
        "---\n- event: opening\n  date: 2026-01-01\n",
        "- event: opening\n  date: 2026-01-01\n...\n",
        "%YAML 1.1\n---\n- event: opening\n  date: 2026-01-01\n",
    ],
)
def test_lifecycle_file_is_read_as_the_yaml_document_it_is(tmp_path: Path, text: str) -> None:
    """A document start, end or directive is YAML, as in every other data file."""
    assert check(tmp_path, text) == []


def test_mapping_csv_cells_that_cannot_be_read(tmp_path: Path) -> None:
    text = (
        "- event: migration\n  date: 2026-12-01\n  destination: https://www.jl.gov.cn/\n"
        "  mapping: data/map.csv\n"
    )
    bad_url = "old,new\n/dt/huiyi.html,https://[x\n"
    found = check(tmp_path, text, {"data/map.csv": bad_url})
    assert [line.split(" 写法不对")[0] for line in found] == [
        "data/map.csv:2: error [LIFECYCLE-05] new: 新网址 “https://[x”"
    ]
    # Over the csv module's 128 KiB cell limit, on the line the row starts on.
    huge = 'old,new\n/dt/a.html,https://www.jl.gov.cn/\n/dt/b.html,"' + "x" * 140_000 + '"\n'
    found = check(tmp_path, text, {"data/map.csv": huge})
    assert [line.split(" 这一行")[0] for line in found] == ["data/map.csv:3: error [LIFECYCLE-05]"]
    assert "field larger than field limit" in found[0]


def deny_reading(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """chmod 000 as root still reads: refuse reading `denied` the way the OS would."""
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == denied:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def file_errors(root: Path) -> list[str]:
    result = run(root)
    assert result.code == 1
    return [line.split(" ")[0] + " " + line.split(" ")[2] for line in result.with_code("FILE-03")]


def test_unreadable_lifecycle_files_are_reported_not_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "- event: migration\n  date: 2026-12-01\n  destination: https://www.jl.gov.cn/\n"
        "  mapping: data/map.csv\n"
    )
    root = make_site(tmp_path, {"data/lifecycle.yaml": text, "data/map.csv": "old,new\n"})
    deny_reading(monkeypatch, root / "data/map.csv")
    assert file_errors(root) == ["data/map.csv:0: [FILE-03]"]
    deny_reading(monkeypatch, root / "data/lifecycle.yaml")
    assert file_errors(root) == ["data/lifecycle.yaml:0: [FILE-03]"]
    monkeypatch.undo()
    (root / "data/lifecycle.yaml").unlink()
    (root / "data/lifecycle.yaml").symlink_to(root / "data/gone.yaml")
    assert file_errors(root) == ["data/lifecycle.yaml:0: [FILE-03]"]


def test_replaced_pages_never_leak_through_the_render_cache(tmp_path: Path) -> None:
    """An incremental build links unchanged pages from the last output; a migration build
    must neither write through those links nor leave its pages to be reused afterwards."""
    root = fixture_site(tmp_path, LIFECYCLE / "migration")
    events = (root / "data/lifecycle.yaml").read_text(encoding="utf-8")
    (root / "data/lifecycle.yaml").write_text("", encoding="utf-8")
    page = root / "public/dt/huiyi.html"
    assert run(root, command="build").code == 0
    normal = page.read_bytes()
    assert b'data-page="news"' in normal

    # Kept 29 days only: a deduct finding, which --strict makes block: nothing is swapped in.
    short = events.replace("until: 2026-12-18", "until: 2026-12-17")
    (root / "data/lifecycle.yaml").write_text(short, encoding="utf-8")
    assert run(root, "--strict", command="build").code == 1
    assert page.read_bytes() == normal
    (root / "data/lifecycle.yaml").write_text(events, encoding="utf-8")
    assert run(root, command="build").code == 0
    assert b'data-page="migration"' in page.read_bytes()

    (root / "data/lifecycle.yaml").write_text("", encoding="utf-8")
    assert run(root, command="build").code == 0
    assert page.read_bytes() == normal


OPENED = "- event: opening\n  date: 2019-05-20\n  reviewed_by: 审核人\n"


def _changes(*changes: tuple[str, str]) -> str:
    return "".join(
        f"- event: domain_change\n  date: {day}\n  old_domain: {old}\n  announced: 2019-06-01\n"
        "  reviewed_by: 审核人\n"
        for day, old in changes
    )


@pytest.mark.parametrize(("lifecycle", "opened_on"), [
    # a change still to come: the site answers on its old domain, and opened on it
    (OPENED + _changes(("2026-11-25", "ceshi.jl.gov.cn")), "ceshi.jl.gov.cn"),
    # a change made: the opening notice still says what the site opened on, in 2019
    (OPENED + _changes(("2026-11-10", "ceshi.jl.gov.cn")), "ceshi.jl.gov.cn"),
    (OPENED + _changes(("2019-01-01", "ceshi.jl.gov.cn")), "www.ceshi.gov.cn"),  # before it
])  # fmt: skip
def test_the_opening_notice_names_the_domain_the_site_opened_on(
    tmp_path: Path, lifecycle: str, opened_on: str
) -> None:
    root = make_site(tmp_path, {**NOTICE_COLUMN, "data/lifecycle.yaml": lifecycle})
    assert run(root, command="build").code == 0
    page = (root / "public/tz/wangzhan-kaitong-20190520.html").read_text(encoding="utf-8")
    # (a link a reader on a phone can tap, its text the domain)
    assert f'网站域名：<a href="https://{opened_on}/">{opened_on}</a>' in page
    parent = tmp_path / "public-lifecycle/parent-portal/wangzhan-kaitong-20190520.md"
    assert f"- 网站域名：[{opened_on}](https://{opened_on}/)" in parent.read_text("utf-8")


def test_each_domain_change_notice_names_the_domain_it_changed_to(tmp_path: Path) -> None:
    """Two changes, a → b and then b → site.yaml's domain: the first notice announced b (the
    domain from its date on), not the domain the site has since."""
    changes = _changes(("2026-03-01", "a.ceshi.gov.cn"), ("2026-11-10", "b.ceshi.gov.cn"))
    root = make_site(tmp_path, {**NOTICE_COLUMN, "data/lifecycle.yaml": changes})
    assert run(root, command="build").code == 0
    first = (root / "public/tz/yuming-biangeng-20260301.html").read_text(encoding="utf-8")
    second = (root / "public/tz/yuming-biangeng-20261110.html").read_text(encoding="utf-8")
    assert "由 a.ceshi.gov.cn 变更为 b.ceshi.gov.cn" in first
    assert "由 b.ceshi.gov.cn 变更为 www.ceshi.gov.cn" in second
