"""`aliases` in a column's `_index.md` (an extension of ARCHITECTURE §1.3, where they are an
item's field): a renamed column keeps its old address, redirected exactly as an item's aliases
are — a redirect page, nginx.conf's 301, and NOTICE-05 content. Real files, the real CLI."""

from __future__ import annotations

from pathlib import Path

from tests.sitekit import SITE_YAML, make_site, run

DEPLOY = (
    "hosting: {provider: 吉林省政务云, region: 吉林省}\n"
    "tls: {certificate: /etc/a.crt, key: /etc/a.key}\n"
    "previous_urls: releases/urls-2025.txt\n"
)
# content/dt was content/dongtai before the revamp
RENAMED = (
    "---\ntitle: 工作动态\ntype: news\ndescription: 市政府的会议、活动和工作进展\n"
    "keywords: [动态, 会议]\naliases: [/dongtai/, '/dongtai/list.jsp?page=1']\n---\n"
)


def renamed_site(tmp_path: Path, column: str = RENAMED) -> Path:
    make_site(tmp_path, {"data/deploy.yaml": DEPLOY, "content/dt/_index.md": column})
    (tmp_path / "releases").mkdir()
    (tmp_path / "releases/urls-2025.txt").write_text("/dongtai/\n/dt/huiyi.html\n", "utf-8")
    return tmp_path


def test_a_renamed_columns_old_address_redirects_as_an_items_does(tmp_path: Path) -> None:
    root = renamed_site(tmp_path)
    result = run(root, command="build")
    assert result.code == 0, result.lines
    assert not [line for line in result.lines if "SCHEMA-05" in line or "NOTICE-05" in line]
    page = (root / "public/dongtai/index.html").read_text("utf-8")
    assert '<meta http-equiv="refresh" content="0; url=/dt/">' in page
    nginx = (root / "public-deploy/nginx.conf").read_text("utf-8")
    assert 'location = "/dongtai/" { return 301 "/dt/"; }' in nginx
    redirects = (root / "public-deploy/redirects.tsv").read_text("utf-8").splitlines()
    assert "/dongtai/\t/dt/" in redirects
    assert "page=1" in nginx  # (the query alias: only the server can tell it apart)


def test_a_column_alias_is_checked_as_an_items_is(tmp_path: Path) -> None:
    """Its own address, a page of the site, a path outside the site: URL-01 / URL-04 at the
    _index.md's line and field, as for an item."""
    column = RENAMED.replace(
        "aliases: [/dongtai/, '/dongtai/list.jsp?page=1']",
        "aliases: [/dt/, /gk/gaikuang.html, 'https://old.example.cn/dongtai/']",
    )
    result = run(renamed_site(tmp_path, column))
    said = [line for line in result.lines if line.startswith("content/dt/_index.md:")]
    assert [line.split(" ", 3)[:3] for line in said] == [
        ["content/dt/_index.md:6:", "error", "[URL-01]"],
        ["content/dt/_index.md:6:", "error", "[URL-01]"],
        ["content/dt/_index.md:6:", "error", "[URL-04]"],
    ]
    assert "aliases[1]: 旧网址 “/dt/” 就是本栏目自己的网址" in said[0]
    assert "aliases[2]: 输出网址 gk/gaikuang.html 与 content/gk/gaikuang.md:1 重复" in said[1]
    assert result.code == 1


def test_a_draft_columns_alias_writes_no_redirect(tmp_path: Path) -> None:
    """A draft column publishes no page: its old address has nowhere to go, and stays a
    vanished URL for NOTICE-05 rather than a redirect to a missing page."""
    root = renamed_site(tmp_path, RENAMED.replace("type: news\n", "type: news\ndraft: true\n"))
    result = run(root, command="build")
    assert not (root / "public/dongtai/index.html").exists()
    assert any("NOTICE-05" in line and "/dongtai/" in line for line in result.lines)


# A renamed column's whole subtree: content/dt, once /dongtai/, with two listing pages (six
# items, five a page), a
# sub-column, a draft sub-column and a bundle with its attachment.
SUBTREE = {
    "data/deploy.yaml": DEPLOY,
    "content/dt/_index.md": RENAMED,
    "content/dt/kaihui.md": "---\ntitle: 市政府召开专题会议\ndate: 2026-11-17\n"
    "source: 测试市人民政府办公室\nreviewed_by: 审核人\n---\n会议内容。\n",
    **{
        f"content/dt/{name}.md": f"---\ntitle: {title}\ndate: 2026-11-{day}\n"
        "source: 测试市人民政府办公室\nreviewed_by: 审核人\n---\n内容。\n"
        for name, title, day in (("tongbao", "工作通报", 12), ("diaoyan", "调研活动", 11))
    },
    "content/dt/hy/_index.md": "---\ntitle: 会议\ntype: news\n"
    "description: 市政府的会议\nkeywords: [会议]\n---\n",
    "content/dt/hy/changwu.md": "---\ntitle: 常务会议\ndate: 2026-11-16\n"
    "source: 测试市人民政府办公室\nreviewed_by: 审核人\n---\n会议内容。\n",
    "content/dt/cg/_index.md": "---\ntitle: 草稿栏目\ntype: news\ndraft: true\n"
    "description: 尚未发布\nkeywords: [草稿]\n---\n",
    "content/dt/cg/weifa.md": "---\ntitle: 未发布的信息\ndate: 2026-11-15\n"
    "source: 测试市人民政府办公室\nreviewed_by: 审核人\n---\n内容。\n",
    "content/dt/fujian/index.md": "---\ntitle: 会议材料\ndate: 2026-11-14\n"
    "source: 测试市人民政府办公室\nreviewed_by: 审核人\n---\n见[材料](cailiao.pdf)。\n",
}
# What the column published at its old path, every page an old link may point at.
OLD_URLS = (
    "/dongtai/\n/dongtai/index_2.html\n/dongtai/huiyi.html\n/dongtai/kaihui.html\n"
    "/dongtai/hy/\n/dongtai/hy/changwu.html\n/dongtai/fujian.html\n/dongtai/fujian/cailiao.pdf\n"
)


def subtree_site(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    site_yaml = SITE_YAML + "page_size: 5\n"
    make_site(tmp_path, {**SUBTREE, **(extra or {})}, site_yaml=site_yaml)
    (tmp_path / "content/dt/fujian/cailiao.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (tmp_path / "releases").mkdir()
    (tmp_path / "releases/urls-2025.txt").write_text(OLD_URLS, "utf-8")
    return tmp_path


MOVED = [
    ("/dongtai/index_2.html", "/dt/index_2.html"),
    ("/dongtai/huiyi.html", "/dt/huiyi.html"),
    ("/dongtai/kaihui.html", "/dt/kaihui.html"),
    ("/dongtai/hy/", "/dt/hy/"),
    ("/dongtai/hy/changwu.html", "/dt/hy/changwu.html"),
    ("/dongtai/fujian.html", "/dt/fujian.html"),
    ("/dongtai/fujian/cailiao.pdf", "/dt/fujian/cailiao.pdf"),
]


def test_every_page_under_a_renamed_column_redirects_from_its_old_path(tmp_path: Path) -> None:
    """Items, later listing pages, sub-columns and a bundle's attachment: each old address
    under /dongtai/ answers with its new one under /dt/, in the three forms an item's alias
    has, and NOTICE-05 finds nothing vanished. The draft sub-column publishes nothing, at
    either address."""
    root = subtree_site(tmp_path)
    result = run(root, command="build")
    assert result.code == 0, result.lines
    assert not [line for line in result.lines if "NOTICE-05" in line], result.lines
    redirects = (root / "public-deploy/redirects.tsv").read_text("utf-8").splitlines()
    nginx = (root / "public-deploy/nginx.conf").read_text("utf-8")
    for old, new in MOVED:
        page = old + "index.html" if old.endswith("/") else old
        text = (root / "public" / page.lstrip("/")).read_text("utf-8")
        assert f'<meta http-equiv="refresh" content="0; url={new}">' in text, old
        assert f'location = "{old}" {{ return 301 "{new}"; }}' in nginx, old
        assert f"{old}\t{new}" in redirects, old
    assert not (root / "public/dongtai/cg").exists()
    assert not [line for line in redirects if "/cg" in line]


def test_a_sub_columns_own_alias_wins_over_its_parents(tmp_path: Path) -> None:
    """/dongtai/hy/ was the 会议 column, now 新闻 at /dt/xw/; /dt/hy/ is a new column. The
    sub-column's own alias (and its subtree) wins over what the parent's implies."""
    sub = "---\ntitle: 新闻\ntype: news\naliases: [/dongtai/hy/]\ndescription: 新闻\nkeywords: [新闻]\n---\n"
    item = "---\ntitle: 新闻一则\ndate: 2026-11-13\nsource: 测试市人民政府办公室\nreviewed_by: 审核人\n---\n内容。\n"
    root = subtree_site(tmp_path, {"content/dt/xw/_index.md": sub, "content/dt/xw/xinwen.md": item})
    result = run(root, command="build")
    assert result.code == 0, result.lines
    redirects = (root / "public-deploy/redirects.tsv").read_text("utf-8").splitlines()
    assert "/dongtai/hy/\t/dt/xw/" in redirects
    assert "/dongtai/hy/xinwen.html\t/dt/xw/xinwen.html" in redirects
    assert "/dongtai/xw/xinwen.html\t/dt/xw/xinwen.html" in redirects  # (the parent's, elsewhere)
    # /dt/hy/changwu.html has no old address under /dongtai/hy/: that was 新闻's
    assert not [line for line in redirects if line.startswith("/dongtai/hy/changwu")]


def test_an_old_path_that_is_another_pages_alias_is_an_error_at_the_columns_alias(
    tmp_path: Path,
) -> None:
    """An item elsewhere that took /dongtai/kaihui.html as its own old address: the rename
    cannot redirect it too. URL-01 at the _index.md's aliases line, naming the path; an
    item's alias that says what the rename implies (the advice README gave before) is fine."""
    page = "---\ntitle: 测试市概况\nupdated: 2026-01-05\nreviewed_by: 审核人\naliases: [/dongtai/kaihui.html]\n---\n内容。\n"
    same = SUBTREE["content/dt/kaihui.md"].replace(
        "reviewed_by", "aliases: [/dongtai/kaihui.html]\nreviewed_by"
    )
    root = subtree_site(tmp_path, {"content/dt/kaihui.md": same})
    assert run(root, command="build").code == 0
    root = subtree_site(tmp_path / "clash", {"content/gk/gaikuang.md": page})
    result = run(root)
    said = [line for line in result.lines if line.startswith("content/dt/_index.md:")]
    assert [line.split(" ", 3)[:3] for line in said] == [
        ["content/dt/_index.md:6:", "error", "[URL-01]"]
    ]
    assert "/dongtai/kaihui.html 不能跳转" in said[0]
    assert "content/gk/gaikuang.md:5 aliases[1]" in said[0] and "/gk/gaikuang.html" in said[0]
    assert result.code == 1


def test_the_lifecycle_notice_in_a_renamed_notice_column_redirects_too(tmp_path: Path) -> None:
    """ssg publishes the notices of data/lifecycle.yaml in the 通知公告 column after linking:
    renamed from /tzgg/ to /tz/, the opening notice's old address redirects as an editor's
    item's does (the sample portal's zwgk/tzgg rename left it a NOTICE-05 otherwise)."""
    column = "---\ntitle: 通知公告\ntype: notice\naliases: [/tzgg/]\n---\n"
    opening = "- event: opening\n  date: 2019-05-20\n  reviewed_by: 王某某\n"
    make_site(
        tmp_path,
        {
            "data/deploy.yaml": DEPLOY,
            "content/tz/_index.md": column,
            "data/lifecycle.yaml": opening,
        },
    )
    (tmp_path / "releases").mkdir()
    old = "/tzgg/wangzhan-kaitong-20190520.html"
    (tmp_path / "releases/urls-2025.txt").write_text(f"/tzgg/\n{old}\n", "utf-8")
    result = run(tmp_path, command="build")
    assert not [line for line in result.lines if "NOTICE-05" in line], result.lines
    redirects = (tmp_path / "public-deploy/redirects.tsv").read_text("utf-8").splitlines()
    assert f"{old}\t/tz/wangzhan-kaitong-20190520.html" in redirects
    assert (tmp_path / "public/tz/wangzhan-kaitong-20190520.html").is_file()


def test_an_old_path_that_is_a_file_of_the_site_is_an_error_at_the_columns_alias(
    tmp_path: Path,
) -> None:
    """A file content/ still publishes at the old path (content/dongtai/biao.pdf, copied as it
    is) while the renamed column has one of the same name: the old address cannot be both."""
    root = subtree_site(tmp_path, {"content/dongtai/biao.pdf": "旧", "content/dt/biao.pdf": "新"})
    result = run(root)
    said = [line for line in result.lines if line.startswith("content/dt/_index.md:")]
    assert [line.split(" ", 3)[:3] for line in said] == [
        ["content/dt/_index.md:6:", "error", "[URL-01]"]
    ]
    assert "/dongtai/biao.pdf 不能跳转" in said[0] and "content/dongtai/biao.pdf" in said[0]
    assert result.code == 1
