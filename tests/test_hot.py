"""Hot updates (ssg/hot.py): the pages a save rewrites are the bytes a full build writes, and
saves that change more than what a page shows are left to the full build."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssg.build import BuildOptions, BuildResult, build
from ssg.hot import HotUpdate, hot_update
from ssg.render import compile_page_templates
from tests.sitekit import make_site, policy

DATE = dt.date(2026, 11, 20)
NEWS = "content/dt/huiyi.md"
POLICY = "content/zcwj/base.md"
READING = "content/zcjd/base.md"


def news(title: str, day: int | dt.date, body: str = "正文。") -> str:
    when = day if isinstance(day, dt.date) else dt.date(2026, 11, day)
    return (
        f"---\ntitle: {title}\ndate: {when:%Y-%m-%d}\nsource: 测试市人民政府办公室\n"
        f"reviewed_by: 审核人\n---\n{body}\n"
    )


def site_with_news(root: Path, count: int = 30) -> Path:
    # More than one listing page (20 a page), so that edits land on later pages too; one a
    # day, so that no title breaks a tie.
    first = dt.date(2026, 10, 1)
    files = {
        f"content/dt/n{i:02d}.md": news(f"消息{i}", first + dt.timedelta(days=i))
        for i in range(count)
    }
    return make_site(root, files)


def full(root: Path, out: Path | None = None) -> BuildResult:
    result = build(
        BuildOptions(source=root, out=out or root / "public", build_date=DATE, jobs=1, replay=False)
    )
    assert result.written, [str(d) for d in result.diagnostics.sorted()]
    return result


def hot(root: Path, result: BuildResult, *rels: str) -> HotUpdate | None:
    assert result.site is not None and result.renderer is not None
    return hot_update(result.site, result.renderer, root / "public", [str(root / r) for r in rels])


def cold_files(root: Path) -> Path:
    """A cold build of the site as it is now, in a folder of its own."""
    scratch = Path(tempfile.mkdtemp())
    copy = scratch / "site"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".ssg-cache", "public", ".public.*"))
    full(copy)
    return copy / "public"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def assert_as_built(root: Path, update: HotUpdate) -> None:
    cold = cold_files(root)
    try:
        for rel in update.written:
            assert (root / "public" / rel).read_bytes() == (cold / rel).read_bytes(), rel
    finally:
        shutil.rmtree(cold.parent.parent, ignore_errors=True)


def test_a_title_edit_rewrites_its_page_listing_feed_and_home_as_a_build_would(
    tmp_path: Path,
) -> None:
    site_with_news(tmp_path)
    result = full(tmp_path)
    edit(tmp_path, NEWS, "市政府召开常务会议", "市政府召开第十次常务会议")

    update = hot(tmp_path, result, NEWS)

    assert update is not None and update.items == ("dt/huiyi",)
    assert update.written[0] == "dt/huiyi.html", "the edited page comes first"
    assert set(update.written) == {"dt/huiyi.html", "dt/index.html", "index.html"} | {
        w for w in update.written if w.endswith(".xml")
    }
    assert "第十次" in (tmp_path / "public/dt/huiyi.html").read_text(encoding="utf-8")
    assert_as_built(tmp_path, update)


def test_an_item_on_a_later_listing_page_rewrites_that_page(tmp_path: Path) -> None:
    site_with_news(tmp_path)
    result = full(tmp_path)
    assert result.site is not None
    assert result.site.items_under("dt").index("dt/n00") >= 20  # newest first, 20 a page
    edit(tmp_path, "content/dt/n00.md", "消息0", "消息零")
    update = hot(tmp_path, result, "content/dt/n00.md")
    assert update is not None
    assert "dt/index_2.html" in update.written and "dt/index.html" not in update.written
    assert_as_built(tmp_path, update)


def test_an_interpretation_edit_rewrites_the_policy_page_that_lists_it(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    result = full(tmp_path)
    edit(tmp_path, READING, "title: 解读测试市基础办法", "title: 图解测试市基础办法")
    update = hot(tmp_path, result, READING)
    assert update is not None
    # its page, the policy's page, and the policy's listing entry (it names its readings)
    assert {"zcjd/base.html", "zcwj/base.html", "zcjd/index.html", "zcwj/index.html"} <= set(
        update.written
    )
    assert "图解测试市基础办法" in (tmp_path / "public/zcwj/base.html").read_text(encoding="utf-8")
    assert_as_built(tmp_path, update)


def test_a_policy_edit_rewrites_its_library_listing(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    result = full(tmp_path)
    edit(
        tmp_path,
        POLICY,
        "title: 关于印发测试市基础办法的通知",
        "title: 关于印发测试市基础办法（修订）的通知",
    )
    update = hot(tmp_path, result, POLICY)
    assert update is not None
    assert {"zcwj/base.html", "zcwj/index.html", "zcjd/base.html"} <= set(update.written)
    assert_as_built(tmp_path, update)


def test_a_policy_edit_rewrites_every_page_whose_validity_notice_names_it(
    tmp_path: Path,
) -> None:
    """A replaced by B, B by C: A's notice names C as 现行文件 too, not only B's."""
    gone = {"validity": "已废止"}
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测政发〔2024〕1号", superseded_by="zcwj/b", **gone),
            "content/zcwj/b.md": policy("测政发〔2025〕1号", superseded_by="zcwj/c", **gone),
            "content/zcwj/c.md": policy("测政发〔2026〕1号", title="现行办法"),
        },
    )
    result = full(tmp_path)
    edit(tmp_path, "content/zcwj/c.md", "title: 现行办法", "title: 现行办法（修订）")
    update = hot(tmp_path, result, "content/zcwj/c.md")
    assert update is not None
    assert {"zcwj/a.html", "zcwj/b.html", "zcwj/c.html"} <= set(update.written)
    assert "现行办法（修订）" in (tmp_path / "public/zcwj/a.html").read_text(encoding="utf-8")
    assert_as_built(tmp_path, update)


def test_folder_events_and_vanished_temporary_files_are_noise(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    result = full(tmp_path)
    edit(tmp_path, NEWS, "常务会议", "全体会议")
    update = hot(
        tmp_path, result, NEWS, "content/dt", "content/dt/.huiyi.md.swp", "content/dt/4913"
    )
    assert update is not None and update.items == ("dt/huiyi",)


BUNDLE = "content/dt/tu/index.md"


def test_a_save_beside_the_deletion_of_a_file_the_build_reads_is_not_hot(tmp_path: Path) -> None:
    """One burst of events (a checkout, a sync) edits an item and deletes a file the build
    reads: only a vanished temporary file is noise, else the hot page would show what the
    build, blocked by the deletion, does not publish."""
    make_site(
        tmp_path,
        {BUNDLE: news("图片新闻", 19).replace("reviewed_by:", "image: photo.png\nreviewed_by:")},
    )
    (tmp_path / "content/dt/tu/photo.png").write_bytes(
        (tmp_path / "static/emblem.png").read_bytes()
    )
    result = full(tmp_path)
    cases = [
        # (the deleted file, the diagnostic the build blocks with)
        ("content/dt/tu/photo.png", ("REF-03", BUNDLE, 5, "image")),
        ("static/emblem.png", ("REF-03", "data/site.yaml", 11, "emblem")),
    ]
    for deleted, blocking in cases:
        kept = (tmp_path / deleted).read_bytes()
        edit(tmp_path, NEWS, "常务会议", "全体会议")
        (tmp_path / deleted).unlink()

        assert hot(tmp_path, result, NEWS, deleted) is None, deleted
        assert "全体会议" not in (tmp_path / "public/dt/huiyi.html").read_text(encoding="utf-8")
        blocked = build(BuildOptions(tmp_path, tmp_path / "public", DATE, jobs=1, replay=False))
        assert not blocked.written
        found = [(d.code, d.file, d.line, d.field) for d in blocked.diagnostics.sorted()]
        assert found == [blocking]

        (tmp_path / deleted).write_bytes(kept)
        edit(tmp_path, NEWS, "全体会议", "常务会议")
    # A vanished file inside a bundle that the build never read is an editor's, as elsewhere.
    edit(tmp_path, BUNDLE, "图片新闻", "图片新闻（更新）")
    assert hot(tmp_path, result, BUNDLE, "content/dt/tu/4913") is not None


def test_saves_that_change_more_than_the_page_are_not_hot(tmp_path: Path) -> None:
    make_site(tmp_path, {"content/dt/other.md": news("另一条消息", 18)})
    result = full(tmp_path)
    cases = [
        (NEWS, "date: 2026-11-18", "date: 2026-11-17"),  # moves in the listings
        (NEWS, "title: 市政府召开常务会议", "title: 市政府召开常务会议\nslug: changwu"),  # URL
        (NEWS, "title: 市政府召开常务会议", "title: 市政府召开常务会议\ndraft: true"),
        (NEWS, "date: 2026-11-18", "date: 2026年11月18日"),  # invalid: the build reports it
        (READING, "title: 解读测试市基础办法", "title: 解读测试市基础办法\nform: 图片解读"),
        ("data/site.yaml", "name: 测试市人民政府", "name: 测试市政府"),
        ("content/dt/_index.md", "title: 工作动态", "title: 政务动态"),
    ]
    for rel, old, new in cases:
        original = (tmp_path / rel).read_text(encoding="utf-8")
        edit(tmp_path, rel, old, new)
        assert hot(tmp_path, result, rel) is None, (rel, new)
        (tmp_path / rel).write_text(original, encoding="utf-8")
    (tmp_path / "content/dt/new.md").write_text(news("新消息", 19), encoding="utf-8")
    assert hot(tmp_path, result, "content/dt/new.md") is None
    (tmp_path / "content/dt/new.md").unlink()
    (tmp_path / NEWS).unlink()
    assert hot(tmp_path, result, NEWS) is None


SERVICE = "content/bs/dengji.md"


def test_a_save_that_changes_a_file_it_names_is_not_hot(tmp_path: Path) -> None:
    """The build checks the files an item names only when it links (REF-03): a hot page would
    link a missing file while the overlay says the last good pages are shown."""
    sample = Path(__file__).parent.parent  # (the sample portal's guide and its forms)
    make_site(
        tmp_path,
        {
            "content/bs/_index.md": "---\ntitle: 办事服务\ntype: service\n"
            "description: 办事指南\nkeywords: [办事]\n---\n",
            SERVICE: (sample / "content/bsfw/grbs/bdcdj.md").read_text(encoding="utf-8"),
        },
    )
    shutil.copytree(sample / "static/forms", tmp_path / "static/forms")
    result = full(tmp_path)
    edit(tmp_path, SERVICE, "name: 不动产登记申请书", "name: 登记申请书")  # what it says: hot
    assert hot(tmp_path, result, SERVICE) is not None
    result = full(tmp_path)
    edit(tmp_path, SERVICE, "static/forms/bdcdjsqs.docx", "static/forms/missing-form.docx")
    assert hot(tmp_path, result, SERVICE) is None
    blocked = build(BuildOptions(tmp_path, tmp_path / "public", DATE, jobs=1, replay=False))
    assert not blocked.written
    assert [(d.code, d.file, d.line, d.field) for d in blocked.diagnostics.sorted()] == [
        ("REF-03", SERVICE, 15, "materials[1].template")
    ]


def test_a_title_that_reorders_same_day_items_is_not_hot(tmp_path: Path) -> None:
    """Items of the same date and weight are ordered by title."""
    make_site(
        tmp_path, {"content/dt/a.md": news("B 会议", 5), "content/dt/b.md": news("C 会议", 5)}
    )
    result = full(tmp_path)
    edit(tmp_path, "content/dt/b.md", "C 会议", "D 会议")  # still after "B 会议"
    assert hot(tmp_path, result, "content/dt/b.md") is not None
    edit(tmp_path, "content/dt/b.md", "D 会议", "A 会议")  # now before it
    assert hot(tmp_path, result, "content/dt/b.md") is None


EDITS = st.lists(
    st.tuples(
        st.integers(0, 29), st.sampled_from(["title", "body", "summary"]), st.integers(0, 99)
    ),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=EDITS)
def test_any_sequence_of_hot_edits_matches_a_cold_build(
    tmp_path: Path, edits: list[tuple[int, str, int]]
) -> None:
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    site_with_news(root)
    result = full(root)
    assert result.site is not None
    written: set[str] = set()
    for number, field, value in edits:
        rel = f"content/dt/n{number:02d}.md"
        text = (root / rel).read_text(encoding="utf-8")
        if field == "title":
            text = re.sub(r"(?m)^title: .*$", f"title: 消息{number}（{value}）", text, count=1)
        elif field == "body":
            text = text.rstrip("\n") + f"\n\n第{value}段补充。\n"
        elif "summary:" in text:
            text = re.sub(r"(?m)^summary: .*$", f"summary: 摘要{value}", text, count=1)
        else:
            text = text.replace("reviewed_by:", f"summary: 摘要{value}\nreviewed_by:", 1)
        (root / rel).write_text(text, encoding="utf-8")
        update = hot(root, result, rel)
        if update is None:  # a title that reorders same-day items: the full build's job
            result = full(root)
            written.clear()
            continue
        result.site = update.site
        written.update(update.written)
    cold = cold_files(root)
    try:
        for rel in sorted(written):
            assert (root / "public" / rel).read_bytes() == (cold / rel).read_bytes(), rel
    finally:
        shutil.rmtree(cold.parent.parent, ignore_errors=True)


def test_no_save_is_hot_while_a_migration_replaces_the_pages(tmp_path: Path) -> None:
    """From a migration's date every page but its notice and the annual reports is the
    migration page (ssg/derive/lifecycle_pages.py): a hot update would put the item's own page
    back in the preview until the full build replaced it again."""
    root = site_with_news(tmp_path / "site", count=3)
    lifecycle = root / "data/lifecycle.yaml"
    before = lifecycle.read_text(encoding="utf-8") if lifecycle.exists() else ""
    migration = "- event: migration\n  date: 2026-11-15\n  destination: https://www.jl.gov.cn/\n"
    lifecycle.write_text(before + migration, encoding="utf-8")
    result = full(root)
    page = root / "public/dt/n01.html"
    assert "本网站已迁移" in page.read_text(encoding="utf-8")
    edit(root, "content/dt/n01.md", "title: 消息1", "title: 消息一")
    assert hot(root, result, "content/dt/n01.md") is None
    assert "本网站已迁移" in page.read_text(encoding="utf-8")
    # Near miss: the same save without the migration is hot.
    plain = site_with_news(tmp_path / "plain", count=3)
    plain_result = full(plain)
    edit(plain, "content/dt/n01.md", "title: 消息1", "title: 消息一")
    assert hot(plain, plain_result, "content/dt/n01.md") is not None


def test_a_theme_reading_the_site_sees_the_saved_item_after_the_templates_were_compiled(
    tmp_path: Path,
) -> None:
    # `ssg serve`'s first build renders on several cores, and compile_page_templates gives each
    # template a globals dict of its own before the workers fork: a hot update that set only
    # the environment's `site` left a site theme reading `site.items` on the old title.
    site_with_news(tmp_path)
    default = Path(__file__).resolve().parent.parent / "ssg/themes/default/templates/article.html"
    article = default.read_text(encoding="utf-8").replace(
        '<div class="article-body">',
        '<p class="echo">{{ site.items[page.id].title }}</p>\n<div class="article-body">',
    )
    (tmp_path / "themes/default/templates").mkdir(parents=True)
    (tmp_path / "themes/default/templates/article.html").write_text(article, encoding="utf-8")
    result = full(tmp_path)
    assert result.renderer is not None
    compile_page_templates(result.renderer.env)
    edit(tmp_path, NEWS, "市政府召开常务会议", "市政府召开第十次常务会议")

    update = hot(tmp_path, result, NEWS)

    assert update is not None
    page = (tmp_path / "public/dt/huiyi.html").read_text(encoding="utf-8")
    assert '<p class="echo">市政府召开第十次常务会议</p>' in page
    assert_as_built(tmp_path, update)
