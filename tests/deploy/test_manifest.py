"""manifest.sha256 and urls.txt: the format `sha256sum -c` and `ssg verify` read, the
hashes an incremental build reuses, and when the deploy folder is (not) written."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ssg.deploy.artefacts import urls_text
from ssg.deploy.manifest import (
    HashCache,
    OutputFile,
    inline_script_hashes,
    manifest_text,
    scan_output,
)
from tests.deploy.conftest import DOMAIN, Built
from tests.sitekit import make_site, run

DEPLOY_YAML = "hosting: {provider: 吉林省政务云, region: 吉林省长春市}\n"


def sha256sum_check(folder: Path, manifest: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sha256sum", "--check", "--strict", str(manifest)],
        cwd=folder, capture_output=True, text=True,
    )  # fmt: skip


def test_sha256sum_verifies_the_published_output(built: Built) -> None:
    manifest = built.deploy / "manifest.sha256"
    checked = sha256sum_check(built.out, manifest)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    lines = manifest.read_text(encoding="utf-8").splitlines()
    paths = [line.split("  ", 1)[1] for line in lines]
    assert paths == sorted(paths)
    published = sorted(
        p.relative_to(built.out).as_posix()
        for p in built.out.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(built.out).parts)
    )
    assert paths == published  # every file, dotfiles (the .ssg-output marker) aside
    assert all(len(line.split("  ", 1)[0]) == 64 for line in lines)


def test_a_changed_file_fails_the_check(built: Built, tmp_path: Path) -> None:
    copy = tmp_path / "public"
    subprocess.run(["cp", "-a", str(built.out), str(copy)], check=True)
    (copy / "dt/huiyi.html").write_text("篡改", encoding="utf-8")
    checked = sha256sum_check(copy, built.deploy / "manifest.sha256")
    assert checked.returncode != 0 and "dt/huiyi.html: FAILED" in checked.stdout


def test_odd_file_names_are_written_as_sha256sum_escapes_them(tmp_path: Path) -> None:
    for name in ("附件 一.pdf", "a\\b.txt", "dir/c.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(name.encode())
    manifest = tmp_path.parent / f"{tmp_path.name}.sha256"
    manifest.write_text(manifest_text(scan_output(tmp_path)), encoding="utf-8")
    first = manifest.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("\\") and first.endswith("  a\\\\b.txt")  # \<hash>  a\\b.txt
    checked = sha256sum_check(tmp_path, manifest)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_urls_txt_lists_every_page_as_a_full_url_sorted(built: Built) -> None:
    lines = (built.deploy / "urls.txt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    assert all(line.startswith(f"https://{DOMAIN}/") for line in lines)
    pages = set()
    for line in lines:
        path = unquote(urlsplit(line).path)
        pages.add(path + "index.html" if path.endswith("/") else path)
    html = {
        "/" + p.relative_to(built.out).as_posix() for p in built.out.rglob("*.html") if p.is_file()
    }
    assert pages == html
    assert (
        f"https://{DOMAIN}/%E6%97%A7%E7%BD%91%E7%AB%99/%E4%BC%9A%E8%AE%AE%20%E9%80%9A%E7%9F%A5.html"
        in lines
    )


def test_inline_scripts_are_hashed_but_not_those_with_src() -> None:
    page = b'<script>a()</script><script src="/x.js"></script><SCRIPT type="module">b()</SCRIPT>'
    assert len(inline_script_hashes(page)) == 2


def test_unchanged_files_take_their_hash_from_the_last_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for n in range(5):
        (out / f"{n}.html").write_text(f"<p>{n}</p>", encoding="utf-8")
    cache_file = tmp_path / "cache.pickle"
    first = HashCache(cache_file)
    fresh = scan_output(out, first)
    first.save()
    # an incremental build hard-links what did not change and writes the rest afresh
    (out / "3.html").unlink()
    (out / "3.html").write_text("<p>changed</p>", encoding="utf-8")
    second = HashCache(cache_file)
    again = scan_output(out, second)
    assert second.reused == 4
    assert again == scan_output(out) != fresh


def test_an_incremental_build_writes_the_same_manifest_as_a_cold_one(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"data/deploy.yaml": DEPLOY_YAML})
    assert run(root, command="build").code == 0
    news = root / "content/dt/huiyi.md"
    news.write_text(news.read_text(encoding="utf-8").replace("会议内容", "会议内容有更正"), "utf-8")
    os.utime(news, (1, 1))  # (older than the build-start window: the parse cache's stat check)
    assert run(root, command="build").code == 0
    manifest = root / "public-deploy/manifest.sha256"
    assert manifest.read_text(encoding="utf-8") == manifest_text(scan_output(root / "public"))
    assert sha256sum_check(root / "public", manifest).returncode == 0


def test_no_deploy_yaml_no_deploy_folder_and_an_old_one_goes(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"data/deploy.yaml": DEPLOY_YAML})
    assert run(root, command="build").code == 0
    assert sorted(p.name for p in (root / "public-deploy").iterdir()) == [
        ".ssg-output", "default-server.conf", "manifest.sha256", "nginx.conf", "redirects.tsv",
        "urls.txt",
    ]  # fmt: skip
    (root / "data/deploy.yaml").unlink()
    assert run(root, command="build").code == 0
    assert not (root / "public-deploy").exists()


def test_check_writes_no_deploy_folder(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"data/deploy.yaml": DEPLOY_YAML})
    assert run(root).code == 0
    assert not (root / "public-deploy").exists() and not (root / "public").exists()


def test_a_folder_ssg_did_not_write_is_never_replaced(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"data/deploy.yaml": DEPLOY_YAML})
    (root / "public-deploy").mkdir()
    (root / "public-deploy/editor.txt").write_text("mine", encoding="utf-8")
    assert run(root, command="build").code != 0
    assert (root / "public-deploy/editor.txt").read_text(encoding="utf-8") == "mine"
    assert not (root / "public").exists()


def test_an_alias_with_an_old_sites_extension_is_listed_too() -> None:
    files = [OutputFile("dt/a.html", "0" * 64), OutputFile("old/list.jsp", "1" * 64)]
    text = urls_text("https://www.ceshi.gov.cn", files, ["old/list.jsp"])
    assert text == "https://www.ceshi.gov.cn/dt/a.html\nhttps://www.ceshi.gov.cn/old/list.jsp\n"
    assert "list.jsp" not in urls_text("https://www.ceshi.gov.cn", files)


def test_redirects_tsv_lists_the_301s_of_nginx_conf(built: Built) -> None:
    # ssg verify reads it back: the paths nginx.conf answers with a 301, and where to
    lines = (built.deploy / "redirects.tsv").read_text(encoding="utf-8").splitlines()
    conf = (built.deploy / "nginx.conf").read_text(encoding="utf-8")
    assert lines == sorted(lines) and "/2019/huiyi.html\t/dt/huiyi.html" in lines
    for line in lines:
        path, target = line.split("\t")
        assert path in conf and target in conf, line
