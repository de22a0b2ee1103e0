"""The client index's gzip files (ssg/search/packing.py): libdeflate's where the `deflate`
package is installed (a dependency), zlib's where it does not import; the same content either
way, and a build cache left by one compressor is not reused by the other."""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import deflate

from ssg.search import packing
from tests.e2e.conftest import REPO
from tests.sitekit import cli, make_site

DATE = "2026-11-20"
# `ssg` with the `deflate` package unimportable (None in sys.modules: `import` raises
# ImportError), as on a machine where it is not installed.
WITHOUT_LIBDEFLATE = (
    "import sys; sys.modules['deflate'] = None; from ssg.cli import main; "
    "raise SystemExit(main(sys.argv[1:]))"
)


def site(root: Path) -> Path:
    files = {
        f"content/dt/n{i}.md": (
            f"---\ntitle: 关于优化营商环境的第{i}条消息\ndate: 2026-11-{10 + i:02d}\n"
            f"source: 测试市人民政府办公室\nkeywords: [营商环境]\nreviewed_by: 审核人\n---\n"
            f"市政府研究了营商环境和义务教育工作，第{i}条。\n"
        )
        for i in range(6)
    }
    return make_site(root, files)


def build(root: Path, out: Path, *options: str, libdeflate: bool = True) -> None:
    argv = ["build", "--source", str(root), "--out", str(out), "--date", DATE, *options]
    if libdeflate:
        code, _, err = cli(*argv)
        assert code == 0, err
    else:
        done = subprocess.run(
            [sys.executable, "-c", WITHOUT_LIBDEFLATE, *argv],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def unpacked(out: Path) -> dict[str, bytes]:
    """Every file of the site, the index's unzipped: its files are named by the hash of their
    gzip bytes, which another compressor changes, so here by the hash of what they hold (the
    entry's names too), and the fragments' folder by the entry's name for it."""
    entry = json.loads(gzip.decompress((out / "search/index.bin").read_bytes()))
    names: dict[str, str] = {}  # a file's name in the entry -> its content's
    content: dict[str, bytes] = {}
    for rel, data in files(out).items():
        path = Path(rel)
        if path.suffix != ".bin" or rel == "search/index.bin":
            content[rel] = data
            continue
        raw = gzip.decompress(data)
        if path.parent.name == entry["fragments"]:
            content[f"search/fragments/{path.name}"] = raw
            continue
        name = hashlib.sha256(raw).hexdigest()[:12]
        names[path.name.removesuffix(".bin").split(".")[-1]] = name  # (s/<h>.bin, d.<h>.bin)
        content[f"search/{name}"] = raw
    entry["shards"] = [[first, names[name]] for first, name in entry["shards"]]
    for key in ("docs", "terms", "readings"):
        entry[key] = names[entry[key].split(".")[1]]
    entry["fragments"] = "fragments"
    content["search/index.bin"] = json.dumps(entry, sort_keys=True).encode()
    return content


def test_the_files_are_libdeflates_where_it_is_installed() -> None:
    data = "".join(f"关于优化营商环境的第{i}条消息，" for i in range(2000)).encode()
    for level in (packing.LEVEL, packing.BULK_LEVEL):
        packed = packing.pack(data, level)
        assert packed == bytes(deflate.gzip_compress(data, level))
        assert packing.pack(data, level) == packed  # (the same bytes for the same data)
        assert gzip.decompress(packed) == data
    assert f"libdeflate {deflate.__version__}" == packing.PACKER


def test_without_libdeflate_the_files_hold_the_same(tmp_path: Path) -> None:
    root = site(tmp_path / "site")
    build(root, tmp_path / "a", "--no-cache")
    build(root, tmp_path / "b", "--no-cache", libdeflate=False)
    a, b = files(tmp_path / "a"), files(tmp_path / "b")
    # zlib's bytes: files of the index by other names, none the same bytes
    assert {r for r in a if r.startswith("search/s/")}.isdisjoint(b)
    assert a["search/index.bin"] != b["search/index.bin"]
    assert unpacked(tmp_path / "a") == unpacked(tmp_path / "b")


def test_a_cache_left_by_zlib_is_not_reused_by_libdeflate(tmp_path: Path) -> None:
    root = site(tmp_path / "site")
    build(root, tmp_path / "cold", "--no-cache")
    out = tmp_path / "public"
    build(root, out, libdeflate=False)  # (the cache on: the index's files and postings kept)
    assert files(out / "search") != files(tmp_path / "cold" / "search")
    build(root, out)
    assert files(out) == files(tmp_path / "cold")
