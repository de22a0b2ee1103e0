"""bench/compare.py: the memory sampler (a child that runs in its parent's memory, vfork before
exec, is that memory, not more of it), and the conversion cache key. Neither Hugo nor Pelican
runs."""

from __future__ import annotations

import os
import platform
import shutil
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import compare


@pytest.mark.skipif(
    platform.machine() not in ("x86_64", "aarch64"), reason="kcmp's number is known there only"
)
def test_a_thread_shares_the_memory_a_forked_child_does_not() -> None:
    seen: list[int] = []
    ready, done = threading.Event(), threading.Event()

    def hold() -> None:
        seen.append(threading.get_native_id())
        ready.set()
        done.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait(10)
    child = os.fork()
    if child == 0:  # (the child waits to be looked at, then leaves without cleanup)
        import time

        time.sleep(5)
        os._exit(0)
    try:
        assert compare.same_memory(os.getpid(), seen[0])
        assert not compare.same_memory(os.getpid(), child)
        assert compare.parent_pid(child) == os.getpid()
        assert not compare.shares_parent_memory(child)
    finally:
        done.set()
        thread.join()
        os.kill(child, 9)
        os.waitpid(child, 0)


# ---- the conversion cache key ----------------------------------------------------------------


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def bench(tmp_path: Path) -> Path:
    """A bench/ folder with what the converters read, and ssg's theme assets beside it."""
    root = tmp_path / "bench"
    write(root / "convert.py", "CONVERTERS = {}\n")
    write(root / "hugo_theme" / "layouts" / "_default" / "baseof.html", "<html>{{ block }}\n")
    write(root / "pelican_theme.py", "def to_pelican_theme(): ...\n")
    write(root / "pelican_theme" / "templates" / "base.html", "<html>{% block %}\n")
    write(tmp_path / "ssg" / "themes" / "default" / "static" / "site.css", "body {}\n")
    return root


def keys(root: Path) -> dict[str, str]:
    return {kind: compare.conversion_key(kind, root) for kind in compare.CONVERTER_SOURCES}


def test_minimal_sites_keep_the_key_of_convert_py_alone(bench: Path) -> None:
    before = compare.source_hash("convert.py", root=bench)
    assert (
        compare.conversion_key("hugo", bench) == compare.conversion_key("pelican", bench) == before
    )
    write(bench / "hugo_theme" / "layouts" / "index.html", "home\n")
    write(bench / "pelican_theme" / "templates" / "index.html", "home\n")
    assert compare.conversion_key("hugo", bench) == before


def test_a_changed_hugo_layout_changes_the_hugo_theme_key_only(bench: Path) -> None:
    before = keys(bench)
    write(bench / "hugo_theme" / "layouts" / "_default" / "baseof.html", "<html lang=zh>\n")
    after = keys(bench)
    assert after["hugo-theme"] != before["hugo-theme"]
    assert {k: v for k, v in after.items() if k != "hugo-theme"} == {
        k: v for k, v in before.items() if k != "hugo-theme"
    }


def test_a_new_pelican_template_or_plugin_changes_the_pelican_theme_key(bench: Path) -> None:
    before = keys(bench)
    write(bench / "pelican_theme" / "plugins" / "ssg_site.py", "def register(): ...\n")
    middle = keys(bench)
    assert middle["pelican-theme"] != before["pelican-theme"]
    assert middle["hugo-theme"] == before["hugo-theme"]
    write(bench / "pelican_theme.py", "def to_pelican_theme(corpus, out): ...\n")
    assert keys(bench)["pelican-theme"] != middle["pelican-theme"]


def test_a_renamed_file_and_the_theme_assets_count_too(bench: Path) -> None:
    before = keys(bench)
    layouts = bench / "hugo_theme" / "layouts" / "_default"
    (layouts / "baseof.html").rename(layouts / "single.html")  # same bytes, another template
    assert keys(bench)["hugo-theme"] != before["hugo-theme"]
    before = keys(bench)
    write(bench.parent / "ssg" / "themes" / "default" / "static" / "site.css", "body {margin:0}\n")
    after = keys(bench)
    assert after["hugo-theme"] != before["hugo-theme"]
    assert after["pelican-theme"] != before["pelican-theme"]
    assert after["hugo"] == before["hugo"]


def test_a_missing_theme_folder_is_a_key_not_an_error(bench: Path) -> None:
    with_theme = compare.conversion_key("pelican-theme", bench)
    shutil.rmtree(bench / "pelican_theme")
    assert compare.conversion_key("pelican-theme", bench) != with_theme


def test_every_converter_of_convert_py_has_its_sources_listed_and_present() -> None:
    from convert import CONVERTERS

    assert set(CONVERTERS) <= set(compare.CONVERTER_SOURCES)
    for kind in CONVERTERS:
        for name in compare.CONVERTER_SOURCES[kind]:
            assert (compare.BENCH / name).exists(), (kind, name)
