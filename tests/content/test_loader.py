"""Reading content/ from disk: columns, items, bundles, loose files, inherited types."""

from __future__ import annotations

import builtins
import contextlib
import io
import os
import time
from pathlib import Path

import pytest

from ssg.cli import main
from ssg.content.loader import SourceTree, default_type, load_content
from ssg.content.model import News, Page, Policy
from ssg.diagnostics import Diagnostic, Diagnostics, Severity
from tests import sitekit

SITE_YAML = (
    "name: 示例市人民政府\n"
    "domain: www.shili.gov.cn\n"
    "level: city\n"
    'site_code: "2201000001"\n'
    "host: 示例市人民政府办公室\n"
)
NEWS = "---\ntitle: {title}\ndate: 2026-11-01\nsource: 办公室\n---\n正文\n"
POLICY = (
    "---\ntitle: {title}\ndate: 2026-11-01\nissuer: 市政府\nwritten: 2026-10-30\n"
    "index_number: 000014349/2026-00001\ntopic: 综合政务\n---\n正文\n"
)


def column(title: str, type_name: str = "") -> str:
    return f"---\ntitle: {title}\n" + (f"type: {type_name}\n" if type_name else "") + "---\n"


def make_site(root: Path, files: dict[str, str | bytes]) -> Path:
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    for rel, text in files.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def load(root: Path, extra_types: tuple[str, ...] = ()) -> tuple[SourceTree, list[Diagnostic]]:
    diags = Diagnostics()
    tree = load_content(root, extra_types, diags)
    return tree, diags.sorted()


def build(root: Path) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["build", "--source", str(root), "--date", "2026-11-20"])
    return code, err.getvalue()


# --- columns -----------------------------------------------------------------------------


def test_folder_with_items_and_no_index_is_column_01(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "news/_index.md": column("新闻", "news"),
            "news/a.md": NEWS.format(title="甲"),
            "nocolumn/orphan.md": NEWS.format(title="孤儿"),
        },
    )
    tree, found = load(tmp_path)
    assert [(d.severity, d.code, d.file, d.line, d.field) for d in found] == [
        (Severity.ERROR, "COLUMN-01", "content/nocolumn", 0, "")
    ]
    assert "_index.md" in found[0].message
    assert [item.id for item in tree.items] == ["news/a"]
    assert "nocolumn" not in tree.columns


def test_columns_are_the_folders_with_index(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "_index.md": "---\ntitle: 首页\n---\n欢迎\n",
            "zwgk/_index.md": column("政务公开"),
            "zwgk/zcwj/_index.md": column("政策文件", "policy"),
            "zwgk/zcwj/a.md": POLICY.format(title="甲"),
        },
    )
    tree, found = load(tmp_path)
    assert found == []
    assert sorted(tree.columns) == ["", "zwgk", "zwgk/zcwj"]
    assert tree.columns[""].title == "首页"
    assert tree.columns[""].body_md == "欢迎\n"
    assert tree.columns["zwgk/zcwj"].location.file == "content/zwgk/zcwj/_index.md"
    [item] = tree.items
    assert (item.id, item.column, item.location.file) == (
        "zwgk/zcwj/a",
        "zwgk/zcwj",
        "content/zwgk/zcwj/a.md",
    )


def test_home_page_needs_no_index(tmp_path: Path) -> None:
    make_site(tmp_path, {"about.md": "---\ntitle: 关于\n---\n"})
    tree, found = load(tmp_path)
    assert found == []
    assert tree.columns[""].title == "首页"
    [item] = tree.items
    assert (item.id, item.column, type(item)) == ("about", "", Page)


def test_missing_content_folder(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    tree, found = load(tmp_path)
    assert [(d.code, d.file, d.line) for d in found] == [("CONTENT-00", "content", 0)]
    assert tree.items == () and dict(tree.columns) == {}


def test_invalid_column_index_is_reported_and_its_items_still_load(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "news/_index.md": "---\ntitle: 新闻\ntype: news\nupdate: 2 weeks\n---\n",
            "news/a.md": NEWS.format(title="甲"),
        },
    )
    tree, found = load(tmp_path)
    assert [(d.code, d.file, d.line, d.field) for d in found] == [
        ("SCHEMA-02", "content/news/_index.md", 4, "update")
    ]
    assert tree.failed_columns == frozenset({"news"})
    [item] = tree.items
    assert isinstance(item, News)  # the valid `type` of the broken _index.md still applies


def test_hidden_folders_and_files_are_ignored(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "news/_index.md": column("新闻", "news"),
            "news/a.md": NEWS.format(title="甲"),
            "news/.draft.md": "not even front matter",
            ".git/config.md": "junk",
            "news/.DS_Store": b"\x00\x01",
        },
    )
    tree, found = load(tmp_path)
    assert found == []
    assert [item.id for item in tree.items] == ["news/a"]
    assert tree.loose_files == ()


def test_broken_item_files_are_each_reported(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "news/_index.md": column("新闻", "news"),
            "news/good.md": NEWS.format(title="甲"),
            "news/nofm.md": "# 没有 front matter\n",
            "news/binary.md": b"\x89PNG\r\n\x1a\n\x00\x00",
            "news/gbk.md": NEWS.format(title="公告").encode("gbk"),
        },
    )
    tree, found = load(tmp_path)
    assert [(d.code, d.file, d.line) for d in found] == [
        ("FILE-02", "content/news/binary.md", 0),
        ("FILE-01", "content/news/gbk.md", 2),
        ("YAML-03", "content/news/nofm.md", 1),
    ]
    assert [item.id for item in tree.items] == ["news/good"]


# --- bundles -----------------------------------------------------------------------------


def test_bundle_collects_its_files(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "news/_index.md": column("新闻", "news"),
            "news/huiyi/index.md": NEWS.format(title="会议"),
            "news/huiyi/photo.jpg": b"\xff\xd8\xff",
            "news/huiyi/files/通知.pdf": b"%PDF-1.4",
            "news/huiyi/files/more/b.docx": b"PK",
            "news/huiyi/.DS_Store": b"\x00",
        },
    )
    tree, found = load(tmp_path)
    assert found == []
    [item] = tree.items
    assert (item.id, item.column, item.bundle) == ("news/huiyi", "news", True)
    assert item.location.file == "content/news/huiyi/index.md"
    assert tree.bundle_files == {"news/huiyi": ("files/more/b.docx", "files/通知.pdf", "photo.jpg")}
    assert tree.loose_files == ()


def test_markdown_inside_a_bundle_is_file_06_and_not_published(tmp_path: Path) -> None:
    # Copied as it was, it published its front matter (drafts, reviewers' names) raw.
    make_site(
        tmp_path,
        {
            "news/_index.md": column("新闻", "news"),
            "news/huiyi/index.md": NEWS.format(title="会议"),
            "news/huiyi/notes.md": "---\ntitle: 草稿\ndraft: true\nreviewed_by: 审核人\n---\n",
            "news/huiyi/Notes2.MD": "不是条目",
            "news/huiyi/sub/index.md": "也不是",
            "news/huiyi/lanmu/_index.md": column("栏目"),
            "news/huiyi/lanmu/a.md": NEWS.format(title="甲"),
            "news/huiyi/photo.jpg": b"\xff\xd8\xff",
        },
    )
    tree, found = load(tmp_path)
    assert [(d.code, d.file, d.line, d.field) for d in found] == [
        ("FILE-06", "content/news/huiyi/Notes2.MD", 0, ""),
        ("FILE-06", "content/news/huiyi/lanmu/_index.md", 0, ""),
        ("FILE-06", "content/news/huiyi/lanmu/a.md", 0, ""),
        ("FILE-06", "content/news/huiyi/notes.md", 0, ""),
        ("FILE-06", "content/news/huiyi/sub/index.md", 0, ""),
    ]
    assert all(d.severity is Severity.ERROR for d in found)
    assert "Markdown inside a bundle is not an item" in found[0].message
    assert "a column folder inside a bundle" in found[1].message
    assert [item.id for item in tree.items] == ["news/huiyi"]
    assert tree.bundle_files["news/huiyi"] == ("photo.jpg",)


def test_an_uppercase_md_extension_is_file_06(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "news/_index.md": column("新闻", "news"),
            "news/a.MD": NEWS.format(title="甲"),
            "news/forms/b.Md": NEWS.format(title="乙"),
        },
    )
    tree, found = load(tmp_path)
    assert [(d.code, d.file, d.line, d.field, d.severity) for d in found] == [
        ("FILE-06", "content/news/a.MD", 0, "", Severity.ERROR),
        ("FILE-06", "content/news/forms/b.Md", 0, "", Severity.ERROR),
    ]
    assert "did you mean a.md" in found[0].message
    assert tree.items == () and tree.loose_files == ()


def test_other_markdown_extensions_and_backups_are_file_06(tmp_path: Path) -> None:
    """Copied as they were, x.markdown, Notepad's x.md.txt and an editor's x.md~ published
    their front matter (drafts, reviewers' names) raw, and the item itself never appeared."""
    make_site(
        tmp_path,
        {
            "news/_index.md": column("新闻", "news"),
            "news/a.markdown": NEWS.format(title="甲"),
            "news/b.Mdown": NEWS.format(title="乙"),
            "news/c.md.txt": NEWS.format(title="丙"),
            "news/d.md~": "---\ntitle: 草稿\ndraft: true\nreviewed_by: 审核人\n---\n",
            "news/#e.md#": NEWS.format(title="戊"),
            "news/f.md.bak": NEWS.format(title="己"),
            "news/g.md.orig": NEWS.format(title="庚"),
            "news/huiyi/index.md": NEWS.format(title="会议"),
            "news/huiyi/index.md~": NEWS.format(title="会议"),
            "news/huiyi/more.markdown": NEWS.format(title="辛"),
            # not Markdown: attachments as before
            "news/notes.txt": "说明",
            "news/forms/申请表.docx": b"PK\x03\x04",
        },
    )
    tree, found = load(tmp_path)
    assert [(d.code, d.file, d.severity) for d in found] == [
        ("FILE-06", "content/news/#e.md#", Severity.ERROR),
        ("FILE-06", "content/news/a.markdown", Severity.ERROR),
        ("FILE-06", "content/news/b.Mdown", Severity.ERROR),
        ("FILE-06", "content/news/c.md.txt", Severity.ERROR),
        ("FILE-06", "content/news/d.md~", Severity.ERROR),
        ("FILE-06", "content/news/f.md.bak", Severity.ERROR),
        ("FILE-06", "content/news/g.md.orig", Severity.ERROR),
        ("FILE-06", "content/news/huiyi/index.md~", Severity.ERROR),
        ("FILE-06", "content/news/huiyi/more.markdown", Severity.ERROR),
    ]
    messages = [d.message for d in found]
    assert "did you mean a.md" in messages[1] and "did you mean c.md" in messages[3]
    assert "a backup copy of d.md" in messages[4] and "a backup copy of e.md" in messages[0]
    assert "Markdown inside a bundle is not an item" in messages[8]
    assert [item.id for item in tree.items] == ["news/huiyi"]
    assert sorted(tree.loose_files) == ["news/forms/申请表.docx", "news/notes.txt"]
    assert tree.bundle_files["news/huiyi"] == ()


def test_markdown_that_would_be_published_raw_blocks_the_build(tmp_path: Path) -> None:
    sitekit.make_site(
        tmp_path,
        {
            "content/dt/huiyi/index.md": sitekit.COLUMNS["content/dt/huiyi.md"],
            "content/dt/huiyi/draft.md": "---\ntitle: 草稿\ndraft: true\n---\n",
            "content/dt/other.MD": sitekit.COLUMNS["content/dt/huiyi.md"],
        },
    )
    (tmp_path / "content/dt/huiyi.md").unlink()
    result = sitekit.run(tmp_path, command="build")
    assert result.code == 1
    assert [line.split(" error ")[0] for line in result.with_code("FILE-06")] == [
        "content/dt/huiyi/draft.md:0:",
        "content/dt/other.MD:0:",
    ]
    assert not (tmp_path / "public").exists()


# --- loose files -------------------------------------------------------------------------


def test_loose_files_in_a_column_folder_are_listed(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "_index.md": "---\ntitle: 首页\n---\n",
            "banner.png": b"\x89PNG",
            "news/_index.md": column("新闻", "news"),
            "news/a.md": NEWS.format(title="甲"),
            "news/申请表.docx": b"PK",
            "news/forms/b.pdf": b"%PDF",
        },
    )
    tree, found = load(tmp_path)
    assert found == []
    assert sorted(tree.loose_files) == ["banner.png", "news/forms/b.pdf", "news/申请表.docx"]
    assert [item.id for item in tree.items] == ["news/a"]


# --- default types -----------------------------------------------------------------------


def test_default_type_is_inherited_from_the_parent_column(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "zwgk/_index.md": column("政务公开", "policy"),
            "zwgk/zcwj/_index.md": column("政策文件"),
            "zwgk/zcwj/2026/_index.md": column("2026 年"),
            "zwgk/zcwj/2026/a.md": POLICY.format(title="甲"),
            "zwgk/zcwj/b.md": POLICY.format(title="乙"),
            "zwgk/zcwj/c.md": NEWS.format(title="丙").replace(
                "---\ntitle", "---\ntype: news\ntitle"
            ),
            "about/_index.md": column("关于"),
            "about/x.md": "---\ntitle: 概况\n---\n",
        },
    )
    tree, found = load(tmp_path)
    assert found == []
    types = {item.id: type(item) for item in tree.items}
    assert types == {
        "zwgk/zcwj/2026/a": Policy,
        "zwgk/zcwj/b": Policy,
        "zwgk/zcwj/c": News,  # the item's own `type` wins
        "about/x": Page,  # no column on the way up has a type
    }
    assert default_type("zwgk/zcwj/2026", tree.columns) == "policy"
    assert default_type("about", tree.columns) == "page"


def test_nearest_column_type_wins(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "zwgk/_index.md": column("政务公开", "policy"),
            "zwgk/tzgg/_index.md": column("通知公告", "news"),
            "zwgk/tzgg/a.md": NEWS.format(title="甲"),
        },
    )
    tree, found = load(tmp_path)
    assert found == []
    assert isinstance(tree.items[0], News)


def test_item_typed_by_the_inherited_type_reports_that_types_fields(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "zwgk/_index.md": column("政务公开", "policy"),
            "zwgk/zcwj/_index.md": column("政策文件"),
            "zwgk/zcwj/a.md": NEWS.format(title="甲"),
        },
    )
    tree, found = load(tmp_path)
    assert tree.items == ()
    missing = {d.field for d in found if d.severity is Severity.ERROR}
    assert missing == {"issuer", "written", "index_number", "topic"}
    assert {d.code for d in found if d.severity is Severity.ERROR} == {"POLICY-01"}


# --- sections ----------------------------------------------------------------------------


def test_section_folder_without_index_does_not_crash_the_build(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "_index.md": "---\ntitle: 首页\n---\n",
            "zwgk/zcwj/_index.md": column("政策文件", "news"),
            "zwgk/zcwj/a.md": NEWS.format(title="甲"),
        },
    )
    code, err = build(tmp_path)
    assert code in (0, 1), err


# --- files that cannot be read or published ------------------------------------------------

GBK_NAME = os.fsdecode("附件".encode("gbk"))  # a name from a Windows zip, as Linux reads it


def test_names_that_are_not_utf8_are_file_04_with_the_bytes_escaped(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "news/_index.md": column("新闻", "news"),
            "news/a.md": NEWS.format(title="甲"),
            f"news/{GBK_NAME}.docx": b"PK",
            f"news/{GBK_NAME}.md": NEWS.format(title="乙"),
            "news/huiyi/index.md": NEWS.format(title="会议"),
            f"news/huiyi/{GBK_NAME}.pdf": b"%PDF",
            f"{GBK_NAME}/_index.md": column("栏目"),
        },
    )
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / f"{GBK_NAME}.docx").write_bytes(b"PK")
    tree, found = load(tmp_path)
    escaped = "\\xb8\\xbd\\xbc\\xfe"
    assert [(d.code, d.file, d.line, d.field, d.severity) for d in found] == [
        ("FILE-04", escaped, 0, "", Severity.ERROR)
        for escaped in (
            f"content/{escaped}",
            f"content/news/{escaped}.docx",
            f"content/news/{escaped}.md",
            f"content/news/huiyi/{escaped}.pdf",
            f"static/{escaped}.docx",
        )
    ]
    assert f"名称 {escaped}.docx 不是 UTF-8 编码" in found[1].message
    # Nothing with such a name goes on: no URL could be written for it.
    assert [item.id for item in tree.items] == ["news/a", "news/huiyi"]
    assert sorted(tree.columns) == ["", "news"]
    assert tree.bundle_files == {"news/huiyi": ()} and tree.loose_files == ()


def test_broken_links_are_file_03_and_block_the_build(tmp_path: Path) -> None:
    sitekit.make_site(
        tmp_path, {"content/dt/huiyi/index.md": sitekit.COLUMNS["content/dt/huiyi.md"]}
    )
    (tmp_path / "content/dt/huiyi.md").unlink()
    (tmp_path / "content/gk/_index.md").unlink()
    for rel in ("content/gk/_index.md", "content/dt/gone.md", "content/dt/huiyi/gone.png",
                "content/dt/gone.pdf", "static/gone.png"):  # fmt: skip
        (tmp_path / rel).symlink_to(tmp_path / "nowhere")
    result = sitekit.run(tmp_path, command="build")
    assert result.code == 1
    assert result.codes() == ["FILE-03"] * 5  # (the column is not also said to lack _index.md)
    assert [line.split(" error ")[0] for line in result.lines] == [
        "content/dt/gone.md:0:",
        "content/dt/gone.pdf:0:",
        "content/dt/huiyi/gone.png:0:",
        "content/gk/_index.md:0:",
        "static/gone.png:0:",
    ]
    assert f"无法读取 static/gone.png：它是指向 {tmp_path}/nowhere 的链接" in result.lines[-1]
    assert not (tmp_path / "public").exists()


def test_links_that_loop_are_file_03_not_a_crash(tmp_path: Path) -> None:
    """A link to itself, or two that point at each other, is a careless editor's mistake
    (ELOOP): once a bug in ssg (exit 3, "Too many levels of symbolic links"), now FILE-03
    at each link, saying it loops, and the build blocked."""
    sitekit.make_site(
        tmp_path, {"content/dt/huiyi/index.md": sitekit.COLUMNS["content/dt/huiyi.md"]}
    )
    (tmp_path / "content/dt/huiyi.md").unlink()
    for rel in ("content/dt/loop.md", "content/dt/huiyi/loop.png", "content/dt/loop",
                "static/loop"):  # fmt: skip
        (tmp_path / rel).symlink_to(tmp_path / rel)
    (tmp_path / "content/dt/a.md").symlink_to(tmp_path / "content/dt/b.md")
    (tmp_path / "content/dt/b.md").symlink_to(tmp_path / "content/dt/a.md")
    for command in ("check", "build"):
        result = sitekit.run(tmp_path, command=command)
        assert result.code == 1, result.lines
        assert [line.split(" error ")[0] for line in result.with_code("FILE-03")] == [
            "content/dt/a.md:0:",
            "content/dt/b.md:0:",
            "content/dt/huiyi/loop.png:0:",
            "content/dt/loop:0:",
            "content/dt/loop.md:0:",
            "static/loop:0:",
        ]
        assert all("它是循环的链接" in line for line in result.with_code("FILE-03"))
    assert not (tmp_path / "public").exists()


def test_a_file_named_static_is_file_03(tmp_path: Path) -> None:
    """Once said only as each file it should hold not existing (the emblem's REF-03 …)."""
    sitekit.make_site(tmp_path, {})
    for name in ("emblem.png", "police-record.png"):
        (tmp_path / "static" / name).unlink()
    (tmp_path / "static").rmdir()
    (tmp_path / "static").write_text("不是文件夹", encoding="utf-8")
    result = sitekit.run(tmp_path, command="build")
    assert result.code == 1
    assert [line.split(" (")[0] for line in result.with_code("FILE-03")] == [
        "static:0: error [FILE-03] static 应为文件夹，现在是一个文件（或失效的链接）；"
        "其中原样发布的文件（国徽、表格等）都找不到"
    ]
    assert (tmp_path / "static").read_text(encoding="utf-8") == "不是文件夹"


def test_links_to_files_outside_the_site_are_file_05(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0\n", encoding="utf-8")
    site = sitekit.make_site(tmp_path / "site", {})
    (site / "static/passwd").symlink_to(outside / "passwd")
    (site / "content/dt/passwd.txt").symlink_to(outside / "passwd")
    (site / "content/dt/host.md").symlink_to(outside / "passwd")
    # A link within the site is the editor's own file: published as before.
    (site / "content/dt/emblem.png").symlink_to(site / "static/emblem.png")
    diags = Diagnostics()
    tree = load_content(site, (), diags)
    assert [(d.code, d.file, d.line, d.field, d.severity) for d in diags.sorted()] == [
        ("FILE-05", "content/dt/host.md", 0, "", Severity.ERROR),
        ("FILE-05", "content/dt/passwd.txt", 0, "", Severity.ERROR),
        ("FILE-05", "static/passwd", 0, "", Severity.ERROR),
    ]
    assert f"static/passwd 是指向站点以外的 {outside}/passwd 的链接" in diags.sorted()[2].message
    assert tree.loose_files == ("dt/emblem.png",)
    assert "dt/host" not in {item.id for item in tree.items}
    result = sitekit.run(site, command="build")
    assert result.code == 1 and not (site / "public").exists()


def test_a_link_to_a_folder_is_said_not_to_be_read(tmp_path: Path) -> None:
    """What is in a linked folder would otherwise vanish from the site without a word."""
    shared = tmp_path / "shared/jianbao"
    shared.mkdir(parents=True)
    (shared / "_index.md").write_text("---\ntitle: 简报\n---\n", encoding="utf-8")
    site = sitekit.make_site(tmp_path / "site", {})
    (site / "content/dt/jianbao").symlink_to(shared, target_is_directory=True)
    diags = Diagnostics()
    load_content(site, (), diags)
    assert [(d.code, d.file, d.line, d.field) for d in diags.sorted()] == [
        ("FILE-05", "content/dt/jianbao", 0, ""),
    ]
    assert "不读取链接的文件夹" in diags.sorted()[0].message


def test_unreadable_files_and_folders_are_file_03(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_site(
        tmp_path,
        {
            "news/_index.md": column("新闻", "news"),
            "news/a.md": NEWS.format(title="甲"),
            "news/b.md": NEWS.format(title="乙"),
            "notice/_index.md": column("通知", "news"),
            "locked/_index.md": column("锁定"),
            "locked/c.md": NEWS.format(title="丙"),
            "news/huiyi/index.md": NEWS.format(title="会议"),
            "news/huiyi/files/a.pdf": b"%PDF",
        },
    )
    (tmp_path / "static/forms").mkdir(parents=True)
    unreadable = ["content/locked", "content/news/b.md", "content/news/huiyi/files"]
    unreadable += ["content/notice/_index.md", "static/forms"]
    denied = {str(tmp_path / rel) for rel in unreadable}
    deny(monkeypatch, denied)
    tree, found = load(tmp_path)
    assert [(d.code, d.file, d.line, d.field, d.severity) for d in found] == [
        ("FILE-03", rel, 0, "", Severity.ERROR) for rel in unreadable
    ]
    assert found[0].message == (
        "无法读取 content/locked：没有读取权限，请检查文件权限 (cannot read: permission denied)"
    )
    assert [item.id for item in tree.items] == ["news/a", "news/huiyi"]
    assert tree.failed_columns == {"notice"}


def deny(monkeypatch: pytest.MonkeyPatch, denied: set[str]) -> None:
    """Files and folders that cannot be opened (chmod 000 does not stop root, who runs CI)."""

    def guard(real):  # type: ignore[no-untyped-def]
        def opener(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if not isinstance(path, int) and os.fspath(path) in denied:
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real(path, *args, **kwargs)

        return opener

    monkeypatch.setattr(os, "scandir", guard(os.scandir))
    monkeypatch.setattr(builtins, "open", guard(builtins.open))
    monkeypatch.setattr(io, "open", guard(io.open))  # (Path.read_bytes)


# --- a cold load on two processes ----------------------------------------------------------


def _mixed_site(root: Path) -> Path:
    """A column of 30 good items, one without front matter, one in GBK, one with a bad date
    and a dangling link: 34 files, 33 of them parsed."""
    files: dict[str, str | bytes] = {"news/_index.md": column("新闻", "news")}
    for n in range(30):
        files[f"news/n{n:02}.md"] = NEWS.format(title=f"新闻{n}")
    files["news/nofm.md"] = "# 没有 front matter\n"
    files["news/gbk.md"] = NEWS.format(title="公告").encode("gbk")
    files["news/bad-date.md"] = NEWS.format(title="甲").replace("2026-11-01", "2026-13-01")
    make_site(root, files)
    (root / "content" / "news" / "gone.md").symlink_to(root / "nowhere.md")
    return root


def _parses_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the items this process parses from now on (a forked child's appends stay in
    its own memory)."""
    import ssg.content.loader as loader

    parsed: list[str] = []
    real = loader.parse_item

    def spy(raw: bytes, item_id: str, *args: object) -> object:
        parsed.append(item_id)
        return real(raw, item_id, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "parse_item", spy)
    return parsed


def _wait_until_done(pid: int) -> None:
    """Until the child has parsed every chunk and exited (a zombie until it is reaped): a
    fixed sleep would be too short on a loaded machine."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with open(f"/proc/{pid}/stat") as handle:
            if handle.read().rsplit(")", 1)[1].split()[0] == "Z":
                return
        time.sleep(0.01)
    raise AssertionError("the parse-ahead child did not finish in 60 s")


def test_a_cold_load_on_two_processes_is_the_serial_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With nothing in the parse cache, files are read and parsed on two processes
    (ssg/forked.py): the items, findings, digests and what the cache keeps are the same."""
    import ssg.content.loader as loader
    from ssg.cache import ParseCache

    _mixed_site(tmp_path)

    def cold(minimum: int) -> tuple[SourceTree, list[tuple[str, str, int, str]], ParseCache]:
        monkeypatch.setattr(loader, "MIN_FORKED_PARSE", minimum)
        diags = Diagnostics()
        cache = ParseCache(tmp_path)
        tree = load_content(tmp_path, (), diags, cache)
        return tree, [(d.code, d.file, d.line, d.message) for d in diags.items], cache

    parsed_here = _parses_here(monkeypatch)

    def compare() -> None:  # (in a process with one thread, as `ssg build` is: see sitekit)
        serial_tree, serial_found, serial_cache = cold(10_000)
        assert len(parsed_here) == 33  # (the unreadable file is not parsed)
        parsed_here.clear()
        forked_tree, forked_found, forked_cache = cold(1)
        assert 0 < len(parsed_here) < 33  # the child parsed the rest
        assert forked_tree.items == serial_tree.items
        assert forked_tree.failed_items == serial_tree.failed_items
        assert forked_tree.digests == serial_tree.digests
        assert forked_found == serial_found  # (in the same order)
        assert {"FILE-01", "YAML-03"} <= {code for code, *_ in forked_found}
        assert forked_cache.entries == serial_cache.entries
        assert forked_cache.stamps == serial_cache.stamps
        assert forked_cache.seen == serial_cache.seen
        assert len(serial_tree.items) == 30

    sitekit.in_a_forked_process(compare)


def test_a_cold_load_ahead_is_the_serial_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cold parse's child forked at the start of `ssg build` (ssg/build_start.py) works
    out the same files to read and parses them before the build gets there: the items,
    findings, digests and what the cache keeps are those of the serial load; a child that
    planned another site's files gives nothing, and all are parsed here."""
    from functools import partial

    import ssg.content.loader as loader
    import ssg.forked
    from ssg.cache import ParseCache

    site = _mixed_site(tmp_path / "site")
    other = make_site(tmp_path / "other", {"news/_index.md": column("新闻", "news")})
    monkeypatch.setattr(ssg.forked, "_MIN_CHUNK", 4)  # (9 chunks of these 34 files)

    def cold(
        ahead: ssg.forked.Ahead[object, object] | None,
    ) -> tuple[SourceTree, list[tuple[str, str, int, str]], ParseCache]:
        diags = Diagnostics()
        cache = ParseCache(site)
        tree = load_content(site, (), diags, cache, ahead)  # type: ignore[arg-type]
        return tree, [(d.code, d.file, d.line, d.message) for d in diags.items], cache

    parsed_here = _parses_here(monkeypatch)

    def compare() -> None:  # (in a process with one thread, as `ssg build` is: see sitekit)
        serial = cold(None)
        assert len(parsed_here) == 33  # (the unreadable file is not parsed)
        parsed_here.clear()
        ahead = ssg.forked.Ahead(partial(loader.cold_parse_plan, site, True))
        assert ahead.running
        _wait_until_done(ahead.pid)  # (the engine's imports: the child gets through all of it)
        early = cold(ahead)
        assert parsed_here == []
        assert not ahead.running
        parsed_here.clear()
        mismatched = cold(ssg.forked.Ahead(partial(loader.cold_parse_plan, other, True)))
        assert len(parsed_here) == 33
        for tree, found, cache in (early, mismatched):
            assert tree.items == serial[0].items
            assert tree.failed_items == serial[0].failed_items
            assert tree.digests == serial[0].digests
            assert found == serial[1]  # (in the same order)
            assert cache.entries == serial[2].entries
            assert cache.stamps == serial[2].stamps
            assert cache.seen == serial[2].seen
        assert {"FILE-01", "YAML-03"} <= {code for code, *_ in serial[1]}
        assert len(serial[0].items) == 30

    sitekit.in_a_forked_process(compare)


def test_no_cold_parse_ahead_beside_a_parse_cache(tmp_path: Path) -> None:
    """A parse cache on disk makes the parse warm: the child forked ahead plans nothing."""
    from ssg.cache import parse_cache_path
    from ssg.content.loader import cold_parse_plan

    site = make_site(tmp_path, {"news/_index.md": column("新闻", "news")})

    assert cold_parse_plan(site, True) is not None
    parse_cache_path(site).parent.mkdir()
    parse_cache_path(site).write_bytes(b"")
    assert cold_parse_plan(site, True) is None
    assert cold_parse_plan(site, False) is not None  # (--no-cache: it is not read)
