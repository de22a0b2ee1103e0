"""CheckContext.tree: one walk of the output lists the pages and the output rules' files."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from ssg.check import output
from ssg.check.registry import CheckContext
from ssg.check.scan_cache import ScanCache
from ssg.config import load_site_config
from ssg.content.loader import load_content
from ssg.diagnostics import Diagnostics
from ssg.link import link
from tests.sitekit import BUILD_DATE, make_site, run

BUILD_DAY = dt.date.fromisoformat(BUILD_DATE)


def _output(root: Path) -> Path:
    out = root / "public"
    for rel in ("index.html", "a/b.html", "a-b/c.html", "a/x.css", "assets/site.css", "a/d.pdf"):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text("<p>x</p>", encoding="utf-8")
    (out / "empty").mkdir()
    outside = root / "elsewhere"
    (outside / "in.html").parent.mkdir(parents=True)
    (outside / "in.html").write_text("<p>y</p>", encoding="utf-8")
    (out / "linked").symlink_to(outside, target_is_directory=True)
    (out / "folder.html").symlink_to(outside, target_is_directory=True)
    (out / "page.html").symlink_to(out / "index.html")
    (out / "gone.css").symlink_to(root / "nothing.css")
    return out


def _os_walk(out: Path) -> tuple[set[str], set[str]]:
    """The listing the output rules had from their own os.walk."""
    files: set[str] = set()
    dirs: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(out):
        rel = os.path.relpath(dirpath, out).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        dirs.update(prefix + name for name in dirnames)
        files.update(prefix + name for name in filenames)
    return files, dirs


@pytest.mark.parametrize("cached", [False, True])
def test_the_tree_lists_what_os_walk_lists_and_the_pages_in_path_order(
    tmp_path: Path, cached: bool
) -> None:
    out = _output(tmp_path)
    cache = ScanCache(tmp_path, out) if cached else None
    ctx = CheckContext(None, tmp_path, out, {}, cache)  # type: ignore[arg-type]
    files, dirs = _os_walk(out)
    assert ctx.tree.files == files
    assert ctx.tree.dirs == dirs
    assert {"linked", "folder.html"} <= ctx.tree.dirs  # (listed, not followed)
    assert "gone.css" in ctx.tree.files
    # (as sorted(rglob("*.html")) of the files: "a/b" before "a-b/c"; no folder, no link's inside)
    assert [p.path for p in ctx.pages] == ["a/b.html", "a-b/c.html", "index.html", "page.html"]
    assert all((p.stamp is not None) is cached for p in ctx.pages)


def test_the_output_rules_use_the_walk_that_listed_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_site(tmp_path, {})
    assert run(tmp_path, command="build").code == 0
    out = tmp_path / "public"
    (out / "extra").mkdir()
    (out / "extra" / "x.css").write_text("p{}", encoding="utf-8")
    (out / "linked").symlink_to(out / "extra", target_is_directory=True)
    diags = Diagnostics()
    config = load_site_config(tmp_path, diags)
    assert config is not None
    site = link(load_content(tmp_path, config.column_types, diags), config, BUILD_DAY, diags)
    ctx = CheckContext(site, tmp_path, out, {})
    files, dirs = _os_walk(out)
    listed: list[str] = []
    scandir = os.scandir

    def counted(path: Any) -> Any:
        listed.append(str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", counted)
    monkeypatch.setattr(os, "walk", None)  # (a second walk of its own fails here)
    assert ctx.pages
    scan = output.Scan(ctx)
    assert (scan.files, scan.dirs) == (files, dirs)
    assert scan.css == sorted(f for f in files if f.endswith(".css"))
    assert "extra/x.css" in scan.css and "linked" in scan.dirs
    folders = [str(out), *(str(out / d) for d in dirs if not (out / d).is_symlink())]
    assert sorted(listed) == sorted(folders)  # (each folder once)
