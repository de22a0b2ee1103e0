"""SEC-07: a deployed folder, and the same files over HTTP, against a manifest made by
`sha256sum` itself (the format the build writes: `<64 hex>  <path>`, sorted, `/`)."""

from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ssg.monitor.fetch import Fetched, fetch
from ssg.monitor.verify import check_site, parse_manifest, parse_redirects, query_redirects
from tests.monitor.conftest import Server
from tests.sitekit import cli

FILES = {
    "index.html": "<!doctype html><title>首页</title>",
    "zwgk/index.html": "<!doctype html><title>政务公开</title>",
    "zwgk/附件/办事表格 一.pdf": "%PDF-1.4 表格",
    "assets/site.css": "body{margin:0}",
    "search/ab.bin": "\x1f\x8b binary-ish",
}


@pytest.fixture
def deployed(tmp_path: Path) -> tuple[Path, Path]:
    """A web root and its manifest, written by sha256sum as `cd public && sha256sum …`."""
    root = tmp_path / "public"
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    if shutil.which("sha256sum") is None:
        pytest.fail("sha256sum (coreutils) is needed to make the manifest")
    names = sorted(FILES, key=lambda p: p.encode())
    made = subprocess.run(
        ["sha256sum", "--", *names], cwd=root, capture_output=True, check=True
    ).stdout
    manifest = tmp_path / "public-deploy" / "manifest.sha256"
    manifest.parent.mkdir()
    manifest.write_bytes(made)
    return root, manifest


def manifest_line(manifest: Path, rel: str) -> int:
    lines = manifest.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.endswith("  " + rel))


def test_an_untouched_copy_passes(deployed: tuple[Path, Path]) -> None:
    root, manifest = deployed
    # What the build does not publish, and the manifest does not list: its output marker
    # and dot-folders (nginx refuses to serve them).
    (root / ".ssg-output").write_text("ssg\n")
    (root / ".git").mkdir()
    (root / ".git/HEAD").write_text("ref: refs/heads/main\n")
    code, out, err = cli("verify", "--manifest", str(manifest), str(root))
    assert code == 0, err
    assert f"已核对 {len(FILES)} 个文件：一致 {len(FILES)}，被改动 0，缺少 0，多出 0" in out


def test_changed_missing_and_extra_files_are_each_a_finding(deployed: tuple[Path, Path]) -> None:
    root, manifest = deployed
    (root / "zwgk/index.html").write_text("<script src=//evil.example/x.js></script>")
    (root / "zwgk/附件/办事表格 一.pdf").unlink()
    (root / "zwgk/shell.php").write_text("<?php eval($_POST[x]); ?>")
    code, out, err = cli("verify", "--manifest", str(manifest), str(root))
    assert code == 1
    lines = err.splitlines()
    changed = manifest_line(manifest, "zwgk/index.html")
    missing = manifest_line(manifest, "zwgk/附件/办事表格 一.pdf")
    assert any(
        line.startswith(
            f"{manifest}:{changed}: deduct [SEC-07] {root}/zwgk/index.html 与发布清单不一致"
        )
        for line in lines
    )
    assert any(line.startswith(f"{manifest}:{missing}: deduct [SEC-07] ") for line in lines)
    assert any(
        line.startswith(f"{manifest}:0: deduct [SEC-07] {root}/zwgk/shell.php 不在发布清单中")
        for line in lines
    )
    assert "被改动 1，缺少 1，多出 1" in out
    # sha256sum agrees on what changed and what is missing
    checked = subprocess.run(
        ["sha256sum", "-c", "--quiet", str(manifest)], cwd=root, capture_output=True, text=True
    )
    assert checked.returncode == 1 and "zwgk/index.html: FAILED" in checked.stdout


def test_the_same_files_served_over_http_pass(deployed: tuple[Path, Path], server: Server) -> None:
    root, manifest = deployed
    server.state.root = root
    code, out, err = cli("verify", "--manifest", str(manifest), server.url("/"))
    assert code == 0, err
    assert f"一致 {len(FILES)}" in out
    assert {s.path for s in server.state.seen} >= {"/zwgk/index.html", "/search/ab.bin"}


def test_over_http_a_changed_and_a_missing_file_are_found(
    deployed: tuple[Path, Path], server: Server
) -> None:
    root, manifest = deployed
    server.state.root = root
    (root / "assets/site.css").write_text("body{background:url(//evil.example/x.png)}")
    (root / "index.html").unlink()
    code, out, err = cli("verify", "--manifest", str(manifest), server.url("/"))
    assert code == 1
    assert f"deduct [SEC-07] {server.url('/assets/site.css')} 与发布清单不一致" in err
    assert f"deduct [SEC-07] {server.url('/index.html')} 在发布清单中，但部署的副本里没有" in err
    assert "被改动 1，缺少 1，多出 0" in out


def test_an_unreachable_site_is_reported_not_passed(deployed: tuple[Path, Path]) -> None:
    _root, manifest = deployed
    with socket.socket() as free:  # (a port nothing listens on)
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    code, out, err = cli("verify", "--manifest", str(manifest), f"http://127.0.0.1:{port}/")
    assert code == 1 and f"无法取得 {len(FILES)}" in out and "connection refused" in err


def test_a_manifest_line_that_is_not_sha256sum_format_stops_the_check(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.sha256"
    manifest.write_text("0" * 64 + "  ok.html\nnot a line\n" + "1" * 64 + "  ../etc/passwd\n")
    code, _out, err = cli("verify", "--manifest", str(manifest), str(tmp_path))
    assert code == 1
    assert f"{manifest}:2: error [VERIFY-01]" in err
    assert f"{manifest}:3: error [VERIFY-01] 路径 ../etc/passwd 不在输出目录之内" in err


def test_sha256sum_escapes_and_binary_marks_are_read() -> None:
    text = f"\\{'a' * 64}  back\\\\slash\\nname\n{'B' * 64} *binary.bin\n"
    entries, problems = parse_manifest(text, "m")
    assert not problems
    assert [(e.digest, e.path) for e in entries] == [
        ("a" * 64, "back\\slash\nname"),
        ("b" * 64, "binary.bin"),
    ]


def test_a_missing_manifest_is_a_usage_error(tmp_path: Path) -> None:
    code, _out, err = cli("verify", "--manifest", str(tmp_path / "none"), str(tmp_path))
    assert code == 2 and "找不到发布清单" in err


def test_over_http_only_the_redirects_of_the_build_are_expected(
    deployed: tuple[Path, Path], server: Server
) -> None:
    # redirects.tsv beside the manifest: zwgk/index.html is an alias page nginx answers with
    # a 301 to /assets/site.css (any path will do). The file itself, served by a server
    # without our nginx.conf, is as built too. Any other redirect is still a change.
    root, manifest = deployed
    server.state.root = root
    (manifest.parent / "redirects.tsv").write_text(
        "/zwgk/index.html\t/assets/site.css\n/index.html\t/elsewhere.html\n", encoding="utf-8"
    )
    code, out, err = cli("verify", "--manifest", str(manifest), server.url("/"))
    assert code == 0, err  # served as files: the same bytes
    assert f"一致 {len(FILES)}" in out
    outcome = check_site(
        parse_manifest(manifest.read_text(encoding="utf-8"), "m")[0],
        server.url("/"),
        "m",
        redirects=parse_redirects((manifest.parent / "redirects.tsv").read_text("utf-8")),
        get=lambda url, *a, **k: redirected(url, server, **k),
    )
    said = [d.message for d in outcome.findings]
    assert outcome.same == len(FILES) - 2, said
    assert any("index.html 被重定向到" in m and "构建的 nginx.conf 重定向到" in m for m in said)
    assert any("search/ab.bin 被重定向到" in m for m in said)  # not expected at all


def redirected(url: str, server: Server, follow: bool = True, **k: Any) -> Fetched:
    """As nginx answers: the alias page and the home page with a 301 to /assets/site.css,
    the search file followed to it; everything else as the server holds it."""
    path = url.removeprefix(server.url("/").rstrip("/"))
    if path in ("/zwgk/index.html", "/index.html", "/search/ab.bin"):
        moved = server.url("/assets/site.css")
        if not follow:
            return Fetched(url, moved, 301, 0.0)
        return Fetched(url, moved, 200, 0.0)
    return fetch(url, "GET", 5.0, follow=follow, **k)


def test_a_planted_symlink_to_a_folder_is_reported_and_not_followed(
    deployed: tuple[Path, Path], tmp_path: Path
) -> None:
    # A folder outside the web root holding a copy of a published file: were the link
    # followed, that copy would pass as the file and its loop would never end.
    root, manifest = deployed
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "loop").symlink_to(outside)
    (root / "uploads").symlink_to(outside)
    (root / "zwgk/self").symlink_to(root / "zwgk")  # a loop inside the root
    code, out, err = cli("verify", "--manifest", str(manifest), str(root))
    assert code == 1
    assert (
        f"{manifest}:0: deduct [SEC-07] {root}/uploads 不在发布清单中，是指向 {outside} 的符号链接"
        in err
    )
    assert f"{manifest}:0: deduct [SEC-07] {root}/zwgk/self 不在发布清单中，是指向 " in err
    assert "loop" not in err  # never walked into
    assert "被改动 0，缺少 0，多出 2" in out


def test_a_listed_file_reached_through_a_symlink_is_a_change_never_read(
    deployed: tuple[Path, Path], tmp_path: Path
) -> None:
    # zwgk/ swapped for a link to a folder outside with the very same bytes, and index.html
    # for a link to a copy of itself: both read as the build's file, were they followed.
    root, manifest = deployed
    outside = tmp_path / "outside"
    shutil.copytree(root / "zwgk", outside / "zwgk")
    shutil.rmtree(root / "zwgk")
    (root / "zwgk").symlink_to(outside / "zwgk")
    shutil.copy(root / "index.html", outside / "index.html")
    (root / "index.html").unlink()
    (root / "index.html").symlink_to(outside / "index.html")
    code, out, err = cli("verify", "--manifest", str(manifest), str(root))
    assert code == 1
    for rel in ("zwgk/index.html", "zwgk/附件/办事表格 一.pdf"):
        assert (
            f"{manifest}:{manifest_line(manifest, rel)}: deduct [SEC-07] {root}/{rel} "
            f"所在的文件夹 {root}/zwgk 是指向 {outside / 'zwgk'} 的符号链接" in err
        )
    assert (
        f"{manifest}:{manifest_line(manifest, 'index.html')}: deduct [SEC-07] {root}/index.html "
        f"是指向 {outside / 'index.html'} 的符号链接" in err
    )
    assert f"{root}/zwgk 不在发布清单中，是指向 {outside / 'zwgk'} 的符号链接" in err
    assert "被改动 3，缺少 0，多出 1" in out


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("https://", "网址 “https://” 没有域名"),
        ("http://127.0.0.1:99999/", "写法不对（Port out of range 0-65535）"),
        ("http://[::1", "写法不对（Invalid IPv6 URL）"),
        ("ftp://www.shili.gov.cn/", "只支持 http:// 和 https://"),
        ("www.shili.gov.cn", "找不到文件夹 www.shili.gov.cn；若要通过网址核对，请写完整：https://www.shili.gov.cn/"),
    ],
)  # fmt: skip
def test_a_target_that_cannot_be_a_url_is_a_usage_error_not_every_file_unreachable(
    deployed: tuple[Path, Path], target: str, why: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # These were one "unreachable" finding per file of the manifest (exit 1), or "neither a
    # folder nor a URL" for a host written without https://.
    _root, manifest = deployed
    monkeypatch.chdir(manifest.parent)  # (no folder named as the target here)
    code, out, err = cli("verify", "--manifest", str(manifest), target)
    assert code == 2, err
    assert err.startswith("ssg verify: 参数错误 (usage error): ") and why in err, err
    assert out == ""


def test_a_file_or_a_missing_folder_is_named_as_what_it_is(deployed: tuple[Path, Path]) -> None:
    root, manifest = deployed
    code, _out, err = cli("verify", "--manifest", str(manifest), str(root / "index.html"))
    assert code == 2 and f"{root / 'index.html'} 是文件，不是网站根目录" in err
    code, _out, err = cli("verify", "--manifest", str(manifest), str(root / "gone"))
    assert code == 2 and f"找不到文件夹 {root / 'gone'}（网站根目录）" in err


def test_a_manifest_that_is_a_folder_or_empty_checks_nothing(deployed: tuple[Path, Path]) -> None:
    root, manifest = deployed
    code, _out, err = cli("verify", "--manifest", str(manifest.parent), str(root))
    assert code == 2 and f"发布清单 {manifest.parent} 是文件夹" in err
    # Empty (a copy cut short): every deployed file would have been reported as planted.
    manifest.write_text("\n")
    code, out, err = cli("verify", "--manifest", str(manifest), str(root))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{manifest}:0: error [VERIFY-01] 发布清单中没有任何文件；请用 ssg build 写出的 "
        "manifest.sha256 (empty manifest)"
    )
    assert "不在发布清单中" not in err and out == ""


def test_a_redirects_file_that_cannot_be_read_says_why(
    deployed: tuple[Path, Path], server: Server
) -> None:
    root, manifest = deployed
    server.state.root = root
    (manifest.parent / "redirects.tsv").write_bytes(b"/a.html\t/b\xff.html\n")
    code, _out, err = cli("verify", "--manifest", str(manifest), server.url("/"))
    assert code == 2 and "redirects.tsv：不是 UTF-8 文本 (not UTF-8)" in err


def test_a_web_root_that_is_itself_a_symlink_is_checked_through_it(
    deployed: tuple[Path, Path], tmp_path: Path
) -> None:
    # /var/www/site -> releases/42 is how many servers switch releases: the root is given.
    root, manifest = deployed
    current = tmp_path / "current"
    current.symlink_to(root)
    code, out, err = cli("verify", "--manifest", str(manifest), str(current))
    assert code == 0, err
    assert f"一致 {len(FILES)}，被改动 0，缺少 0，多出 0" in out


def test_a_query_line_is_told_from_an_alias_page_whose_name_holds_a_question_mark() -> None:
    """redirects.tsv: `<path>?<query>` lines are the aliases with a query string; an alias
    written with %3F (/old/%3Fx/) has a page whose decoded path holds a `?`, and nginx
    answers each of its forms: those lines are the manifest's files, not queries."""
    text = (
        "/art/detail.jsp?id=40517\t/dt/a.html\n"
        "/old/?x\t/dt/b.html\n/old/?x/\t/dt/b.html\n/old/?x/index.html\t/dt/b.html\n"
        "/p?.html\t/dt/c.html\n/plain.html\t/dt/d.html\n"
    )
    found = query_redirects(text, {"old/?x/index.html", "p?.html", "plain.html"})
    assert [(q.path, q.query, q.target, q.line) for q in found] == [
        ("/art/detail.jsp", "id=40517", "/dt/a.html", 1)
    ]
    # readers of the plain lines (ssg verify before query lines existed) are unaffected
    assert parse_redirects(text)["/old/?x/"] == "/dt/b.html"
