"""Aliases with a query string (`/detail.jsp?id=101`), which no static file can tell apart:
the nginx.conf the build writes redirects each, matched by a real nginx as a browser sends
the URL (ssg/link.py `QueryAlias`, ssg/deploy/nginx.py `QueryRedirects`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.deploy.conftest import (
    DOMAIN,
    Built,
    Certificate,
    Server,
    build_site,
    nginx_binary,
    nginx_test,
    serving,
    wrapper_conf,
)

MEETING = (
    "---\ntitle: 市政府召开常务会议\ndate: 2026-11-18\nsource: 测试市人民政府办公室\n"
    "reviewed_by: 审核人\naliases:\n"
    "  - /old-news/\n"  # a plain alias whose path has queries too (below)
    "  - /detail.jsp?id=101\n"
    "  - /搜索/list.jsp?kw=会议&p=2\n"  # written as the address bar shows it
    "  - /gbk.jsp?kw=%D5%FE\n"  # an old site's GBK-encoded query, copied as sent
    "---\n会议内容。\n"
)
REPORT = (
    "---\ntitle: 政府工作报告\ndate: 2026-11-17\nsource: 测试市人民政府办公室\n"
    "reviewed_by: 审核人\naliases:\n"
    "  - /detail.jsp?id=102\n"
    "  - /old-news/?page=2\n"
    "  - /dt/huiyi.html?from=old\n"  # the path of a page of this build
    # paths whose files the build does not write, and nginx must never send (README 部署)
    "  - /index.php?m=content&id=101\n"
    "  - /backup.sql?v=1\n"
    "  - /.git/config?x=1\n"
    "---\n报告内容。\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, certificate: Certificate) -> Built:
    return build_site(
        tmp_path_factory.mktemp("query-site"),
        certificate,
        {"content/dt/huiyi.md": MEETING, "content/dt/baogao.md": REPORT},
    )


@pytest.fixture(scope="module")
def server(
    built: Built, certificate: Certificate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    with serving(built, certificate, tmp_path_factory) as running:
        yield running


def test_nginx_accepts_the_query_redirects(built: Built, tmp_path: Path) -> None:
    conf = tmp_path / "nginx.conf"
    conf.write_text(wrapper_conf(tmp_path, built.deploy / "nginx.conf"), encoding="utf-8")
    checked = nginx_test(nginx_binary(), tmp_path, conf)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/detail.jsp?id=101", "/dt/huiyi.html"),
        ("/detail.jsp?id=102", "/dt/baogao.html"),
        (quote("/搜索/list.jsp") + "?kw=" + quote("会议") + "&p=2", "/dt/huiyi.html"),
        ("/gbk.jsp?kw=%D5%FE", "/dt/huiyi.html"),
        ("/old-news/?page=2", "/dt/baogao.html"),
        ("/dt/huiyi.html?from=old", "/dt/baogao.html"),
    ],
)
def test_each_old_url_with_its_query_is_a_permanent_redirect(
    server: Server, path: str, target: str
) -> None:
    status, headers, _ = server.request("GET", path)
    assert (status, headers.get("location")) == (301, target)
    assert headers["x-content-type-options"] == "nosniff"


def test_other_queries_of_those_paths_are_what_the_path_is(server: Server) -> None:
    # no file: the 404 page, as for any missing path
    status, _, body = server.request("GET", "/detail.jsp?id=103")
    assert status == 404 and "页面未找到" in body.decode("utf-8")
    assert server.request("GET", "/detail.jsp")[0] == 404
    assert server.request("GET", "/detail.jsp?ID=101")[0] == 404  # (matched as written)
    # the path's own alias
    for path in ("/old-news/", "/old-news/?page=3"):
        status, headers, _ = server.request("GET", path)
        assert (status, headers.get("location")) == (301, "/dt/huiyi.html"), path
    # a page of the build, served as always, with its headers
    status, headers, body = server.request("GET", "/dt/huiyi.html?utm=x")
    assert status == 200 and "市政府召开常务会议" in body.decode("utf-8")
    assert headers["cache-control"] == "no-cache"
    assert "frame-ancestors 'self'" in headers["content-security-policy"]


def test_files_the_build_did_not_write_stay_unserved_at_those_paths(server: Server) -> None:
    """The exact location a query alias needs must not serve what the rules that refuse
    dotfiles and unbuilt file types (regex locations, which it overrides) keep back. The
    served copy holds such files (tests/deploy/conftest.py `serving`), and an old index.php."""
    (server.root / "index.php").write_text("<?php echo 'old CMS'; ?>", encoding="utf-8")
    for path, target in (
        ("/index.php?m=content&id=101", "/dt/baogao.html"),
        ("/backup.sql?v=1", "/dt/baogao.html"),
        ("/.git/config?x=1", "/dt/baogao.html"),
    ):
        status, headers, _ = server.request("GET", path)
        assert (status, headers.get("location")) == (301, target), path
    for path in ("/index.php", "/index.php?m=content&id=102", "/backup.sql", "/.git/config"):
        status, _, body = server.request("GET", path)
        assert status == 404, path
        assert b"DROP TABLE" not in body and b"[core]" not in body and b"<?php" not in body


def test_redirects_tsv_keeps_the_paths_own_redirect(built: Built) -> None:
    """`ssg verify` reads it to know which paths answer with a 301 (an alias page's path
    whose location now answers the queries first)."""
    lines = (built.deploy / "redirects.tsv").read_text(encoding="utf-8").splitlines()
    assert "/old-news/\t/dt/huiyi.html" in lines
    text = (built.deploy / "nginx.conf").read_text(encoding="utf-8")
    assert text.count('location = "/old-news/"') == 1  # (nginx refuses two)
    assert f"server_name {DOMAIN}" in text
