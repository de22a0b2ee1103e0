"""The policy library (ssg/derive/policy_library.py): which columns have one, and what their
listings show."""

from __future__ import annotations

from pathlib import Path

from tests.sitekit import make_site, run

POLICY = (
    "---\ntitle: 关于印发测试市公开办法的通知\ndate: 2026-09-02\nissuer: 测试市人民政府\n"
    "written: 2026-08-29\nindex_number: 11229800MB0000000X/2026-00101\n"
    "topic: '综合政务\\政务公开'\ndoc_number: 测政发〔2026〕101号\nreviewed_by: 审核人\n---\n正文。\n"
)
READING = (
    "---\ntitle: 解读测试市公开办法\ndate: 2026-09-03\npolicy: 测政发〔2026〕101号\n"
    "source: 测试市司法局\nreviewed_by: 审核人\n---\n解读正文。\n"
)


def test_a_section_that_borrows_its_column_type_has_no_library(tmp_path: Path) -> None:
    """政务公开 without a type of its own takes 政策文件 from its first sub-column for its
    page's ColumnType, as `ssg init` lays it out; its items are not all policies."""
    root = make_site(
        tmp_path,
        {
            "content/gk/_index.md": "---\ntitle: 政务公开\n---\n",
            "content/gk/wj/_index.md": "---\ntitle: 公开文件\ntype: policy\norder: 1\n---\n",
            "content/gk/wj/a.md": POLICY,
            "content/gk/jd/_index.md": "---\ntitle: 公开解读\ntype: interpretation\norder: 2\n---\n",
            "content/gk/jd/b.md": READING,
        },
    )
    result = run(root, command="build")
    assert result.code == 0, result.lines
    public = root / "public"
    assert (public / "gk/index.html").is_file()
    assert not (public / "gk/by-year").exists()
    assert (public / "gk/wj/by-year").is_dir()


def test_a_policy_column_lists_other_items_below_it_too(tmp_path: Path) -> None:
    root = make_site(
        tmp_path,
        {
            "content/zcwj/a.md": POLICY,
            "content/zcwj/jd/_index.md": "---\ntitle: 文件解读\ntype: interpretation\n---\n",
            "content/zcwj/jd/b.md": READING,
        },
    )
    result = run(root, command="build")
    assert result.code == 0, result.lines
    listing = (root / "public/zcwj/index.html").read_text(encoding="utf-8")
    assert "解读测试市公开办法" in listing and "测政发〔2026〕101号" in listing


def test_an_empty_library_says_so_and_offers_no_filter(tmp_path: Path) -> None:
    """A policy column whose only policy is a draft: its pages say there is nothing yet
    rather than show an empty list, and the filter (nothing to filter) is left out."""
    root = make_site(
        tmp_path,
        {
            "content/bmwj/_index.md": "---\ntitle: 部门文件\ntype: policy\nupdate: none\n---\n",
            "content/bmwj/a.md": POLICY.replace("---\ntitle:", "---\ndraft: true\ntitle:", 1),
        },
    )
    result = run(root, command="build")
    assert result.code == 0, result.lines
    public = root / "public/bmwj"
    listing = (public / "index.html").read_text(encoding="utf-8")
    assert '<p class="empty">本栏目暂无信息。</p>' in listing
    assert 'class="item-list policy-list"' not in listing
    assert 'class="policy-filter"' not in listing and "policy-filter.js" not in listing
    for kind in ("by-year", "by-topic", "by-issuer"):
        overview = (public / kind / "index.html").read_text(encoding="utf-8")
        assert '<p class="empty">暂无政策文件。</p>' in overview
        assert 'class="policy-groups"' not in overview


def test_each_library_names_its_browse_pages_after_its_column(tmp_path: Path) -> None:
    root = make_site(
        tmp_path,
        {
            "content/zcwj/a.md": POLICY,
            "content/bmwj/_index.md": "---\ntitle: 部门文件\ntype: policy\n---\n",
            "content/bmwj/b.md": POLICY.replace("101号", "102号"),
        },
    )
    result = run(root, command="build")
    assert result.code == 0, result.lines
    public = root / "public"
    for column, title in (("zcwj", "政策文件"), ("bmwj", "部门文件")):
        page = (public / column / "by-topic/index.html").read_text(encoding="utf-8")
        assert f"<h1>{title}按主题浏览</h1>" in page
        assert f"<title>{title}按主题浏览 - 测试市人民政府</title>" in page
