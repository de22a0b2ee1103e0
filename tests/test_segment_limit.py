"""A URL segment longer than a file name may be (255 bytes on disk) is the editor's error at
its field, never a crash of the build (it died with Errno 36 writing the page)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from tests import sitekit

# An old CMS address: 86 Chinese characters, percent-encoded; 263 bytes on disk with .html.
_LONG_ALIAS = "/old/" + quote("关" * 86) + ".html"
_ITEM = (
    "---\ntitle: 市政府召开全体会议\ndate: 2026-11-18\nsource: 测试市人民政府办公室\n"
    "reviewed_by: 审核人\n{extra}---\n会议内容。\n"
)


def _build(root: Path, files: dict[str, str]) -> sitekit.Run:
    sitekit.make_site(root, files)
    return sitekit.run(root, command="build")


def test_a_long_alias_is_an_error_at_its_line(tmp_path: Path) -> None:
    extra = f"aliases:\n  - /old/short.html\n  - {_LONG_ALIAS}\n"
    result = _build(tmp_path, {"content/dt/quanti.md": _ITEM.format(extra=extra)})
    assert result.code == 1
    [line] = result.with_code("URL-04")
    assert line.startswith("content/dt/quanti.md:8:") and "aliases[2]" in line
    assert "263 字节" in line and "255" in line


def test_a_long_slug_is_an_error_at_its_line(tmp_path: Path) -> None:
    extra = f"slug: {'a' * 300}\n"
    result = _build(tmp_path, {"content/dt/quanti.md": _ITEM.format(extra=extra)})
    assert result.code == 1
    [line] = result.with_code("URL-02")
    assert line.startswith("content/dt/quanti.md:6:") and "slug" in line
    assert "305 字节" in line


def test_a_long_file_name_is_an_error_at_the_file(tmp_path: Path) -> None:
    stem = "a" * 251  # stem.md is 254 bytes, a name the file system takes; stem.html is not
    result = _build(tmp_path, {f"content/dt/{stem}.md": _ITEM.format(extra="")})
    assert result.code == 1
    [line] = result.with_code("URL-02")
    assert line.startswith(f"content/dt/{stem}.md:1:") and "256 字节" in line


def test_names_at_the_limit_build(tmp_path: Path) -> None:
    """The near miss: 250 bytes + .html is 255, which a file system takes."""
    extra = f"aliases:\n  - /old/{quote('关' * 83)}.html\n"  # 249 + 5 bytes
    files = {
        f"content/dt/{'a' * 250}.md": _ITEM.format(extra=extra),
        "content/dt/b.md": _ITEM.format(extra=f"slug: {'b' * 250}\n"),
    }
    result = _build(tmp_path, files)
    assert result.code == 0, result.lines
    assert (tmp_path / "public/dt" / f"{'a' * 250}.html").is_file()
    assert (tmp_path / "public/dt" / f"{'b' * 250}.html").is_file()
    assert (tmp_path / "public/old" / f"{'关' * 83}.html").is_file()


def test_new_refuses_a_name_too_long_before_writing(tmp_path: Path) -> None:
    sitekit.make_site(tmp_path, {})
    path = "dt/" + "a" * 251
    code, out, err = sitekit.cli("new", "news", path, "--source", str(tmp_path))
    assert code != 0 and "255" in err, (out, err)
    assert not (tmp_path / "content" / f"{path}.md").exists()
    code, _out, err = sitekit.cli("new", "news", "dt/" + "a" * 250, "--source", str(tmp_path))
    assert code == 0, err
    assert (tmp_path / "content/dt" / f"{'a' * 250}.md").is_file()


def test_an_alias_path_over_the_whole_path_limit_is_an_error_at_its_line(tmp_path: Path) -> None:
    """Every segment under 255 bytes, but 20 of them overran PATH_MAX: the build died with
    Errno 36 (exit 3) writing the alias page."""
    deep = "/" + "/".join(["a" * 250] * 20) + "/x.html"
    result = _build(
        tmp_path, {"content/dt/quanti.md": _ITEM.format(extra=f"aliases:\n  - {deep}\n")}
    )
    assert result.code == 1, result.lines
    [line] = result.with_code("URL-04")
    assert line.startswith("content/dt/quanti.md:7:") and "aliases[1]" in line
    assert "5026 字节" in line and "2048" in line


def test_an_alias_path_at_the_whole_path_limit_builds(tmp_path: Path) -> None:
    """The near miss: 8 segments of 250 bytes, 8 slashes and a 40-byte name: 2048 bytes."""
    segments = ["a" * 250] * 8
    name = "x" * 35 + ".html"
    deep = "/" + "/".join([*segments, name])
    assert len(deep) - 1 == 2048
    result = _build(
        tmp_path, {"content/dt/quanti.md": _ITEM.format(extra=f"aliases:\n  - {deep}\n")}
    )
    assert result.code == 0, result.lines
    assert (tmp_path / "public" / deep.lstrip("/")).is_file()


def test_a_column_path_over_the_whole_path_limit_is_an_error_at_its_folder(tmp_path: Path) -> None:
    """Nine nested column folders of 250 bytes: the sources fit on disk, but under a deeper
    output folder its pages need not (Errno 36). It built; now it is held to the same 2048."""
    folders = ["/".join(["a" * 250] * depth) for depth in range(1, 10)]
    files = {f"content/{f}/_index.md": sitekit.COLUMNS["content/dt/_index.md"] for f in folders}
    result = _build(tmp_path, files)
    assert result.code == 1, result.lines
    [line] = result.with_code("URL-02")
    assert line.startswith(f"content/{folders[-1]}/_index.md:0: error [URL-02] ")
    assert "2258 字节" in line and "2048" in line
