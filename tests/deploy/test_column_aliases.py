"""`aliases` in a column's `_index.md` (an extension of ARCHITECTURE §1.3, where they are an
item's field): a renamed column keeps its old address, redirected exactly as an item's aliases
are — a redirect page, nginx.conf's 301, and NOTICE-05 content. Real files, the real CLI."""

from __future__ import annotations

from pathlib import Path

from tests.sitekit import make_site, run

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
