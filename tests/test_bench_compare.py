"""bench/compare.py: the memory sampler (a child that runs in its parent's memory, vfork before
exec, is that memory, not more of it), and the pure parts of its like-for-like comparison: the
--layouts option, the conversion cache key, and the ratio rows. Neither Hugo nor Pelican runs."""

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


# ---- --layouts -----------------------------------------------------------------------------


def test_layouts_default_to_both_minimal_first() -> None:
    assert [layout.name for layout in compare.parse_args([]).layout_list] == ["minimal", "theme"]


def test_layouts_keep_the_order_given_and_drop_repeats() -> None:
    layouts = compare.parse_layouts(" theme, minimal ,theme,")
    assert [layout.name for layout in layouts] == ["theme", "minimal"]
    assert layouts[0].hugo == "hugo-theme" and layouts[0].pelican == "pelican-theme"
    assert compare.parse_args(["--layouts", "minimal"]).layout_list == (compare.LAYOUTS["minimal"],)


@pytest.mark.parametrize("text", ["minimal,fancy", "", " , "])
def test_layouts_refuse_an_unknown_or_empty_list(text: str) -> None:
    with pytest.raises(SystemExit, match=r"--layouts: .*one or more of minimal, theme"):
        compare.parse_layouts(text)


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


def test_a_converter_missing_from_convert_py_is_reported_not_available() -> None:
    assert compare.unavailable("hugo") == ""
    assert "not available" in compare.unavailable("no-such-kind")


# ---- ratio rows ----------------------------------------------------------------------------


def runs(*walls: float, peak_mib: int = 100, failed: int = 0) -> list[compare.Measure]:
    """Measures of the given walls; the round numbered `failed` (1-based) exited 1."""
    return [
        compare.Measure(wall, peak_mib * 1024, 1 if number == failed else 0, pages=10)
        for number, wall in enumerate(walls, 1)
    ]


def table(lines: list[str]) -> dict[str, tuple[str, str, str, str]]:
    """label -> (rounds, median, goal, met) of a markdown table's rows."""
    cells = [[c.strip() for c in line.strip("|").split(" | ")] for line in lines[2:]]
    return {c[0]: (c[1], c[2].strip("*"), c[3], c[4]) for c in cells}


MINIMAL = "Hugo（最小布局 minimal layout）"
SAME = "Hugo（同 ssg 页面 same pages as ssg）"
PELICAN_SAME = "Pelican（同 ssg 页面 same pages as ssg）"


def sized(**layouts: compare.LayoutRuns) -> compare.SizeResult:
    result = compare.SizeResult(compare.Corpus(1000, Path("c1k"), 1000, None), "", "0 0 0")
    result.ssg_cold = runs(3.0, 2.0, 4.0, peak_mib=300)
    result.ssg_render = runs(1.5, 1.0, 2.0)
    result.ssg_nochange = runs(0.2, 0.2, 0.2)
    result.ssg_edit = runs(0.4, 0.4, 0.4)
    result.layouts = layouts
    return result


def test_the_same_pages_rows_divide_round_by_round_against_their_goals() -> None:
    theme = compare.LayoutRuns(compare.LAYOUTS["theme"])
    theme.hugo_cold = runs(2.0, 2.0, 2.0, peak_mib=600)
    theme.hugo_nochange = runs(1.0, 1.0, 1.0)
    theme.hugo_pagefind = runs(1.0, 1.0, 1.0, peak_mib=900)
    theme.pelican_cold = runs(12.0, 12.0, 12.0)
    theme.pelican_pagefind = runs(1.0, 1.0, 1.0)
    rows = table(compare.ratio_rows(sized(theme=theme), final=False))
    assert rows[f"ssg cold ÷ {SAME} cold"] == ("1.50, 1.00, 2.00", "1.50", "≤ 1.5", "yes")
    assert rows[f"ssg cold ÷ ({SAME} cold + Pagefind)"] == (
        "1.00, 0.67, 1.33",
        "1.00",
        "≤ 1.5",
        "yes",
    )
    assert rows[f"{PELICAN_SAME} cold ÷ ssg cold"] == ("4.00, 6.00, 3.00", "4.00", "≥ 5", "**no**")
    assert rows[f"({PELICAN_SAME} cold + Pagefind) ÷ ssg cold"][1:] == ("4.33", "≥ 5", "**no**")
    assert rows[f"ssg render-only cold ÷ {SAME} cold (no checks, no search index)"][1:] == (
        "0.75", "—", "—",
    )  # fmt: skip
    assert rows[f"ssg cold peak RSS ÷ {SAME} cold peak RSS"][1:] == ("0.50", "< 1", "yes")
    # the rebuild goal stays with the minimal layout, as before
    assert not any(label.startswith("ssg no-change rebuild") for label in rows)


def test_a_failed_round_and_an_unmeasured_tool_leave_the_median_honest() -> None:
    minimal = compare.LayoutRuns(compare.LAYOUTS["minimal"])
    minimal.hugo_cold = runs(1.0, 100.0, 1.0, failed=2)
    minimal.hugo_nochange = runs(0.5, 0.5, 0.5)
    theme = compare.LayoutRuns(compare.LAYOUTS["theme"], pelican_note="not available: …")
    theme.hugo_cold = runs(2.0, 2.0, 2.0)
    theme.hugo_nochange = runs(1.0, 1.0, 1.0)
    rows = table(compare.ratio_rows(sized(minimal=minimal, theme=theme), final=False))
    assert rows[f"ssg cold ÷ {MINIMAL} cold"] == ("3.00, 4.00", "3.50", "≤ 1.5", "**no**")
    assert rows[f"ssg no-change rebuild ÷ {MINIMAL} cold"][2:] == ("< 0.25", "yes")
    assert rows[f"{PELICAN_SAME} cold ÷ ssg cold"] == ("—", "nan", "≥ 5", "not measured")
    assert f"{PELICAN_SAME} cold ÷ ssg render-only cold" not in rows  # (no goal: left out)
    assert not any("Pagefind" in label for label in rows)  # not asked for, no rows
    labels = list(rows)  # the minimal layout's rows first, as in the runs before
    assert labels.index(f"ssg cold ÷ {MINIMAL} cold") < labels.index(f"ssg cold ÷ {SAME} cold")


def test_a_tool_that_is_not_available_says_so_in_its_row() -> None:
    theme = compare.LayoutRuns(compare.LAYOUTS["theme"])
    theme.pelican_note = compare.unavailable("no-such-kind")
    (line,) = compare.layout_rows(theme, "pelican")
    assert line.startswith(f"| {PELICAN_SAME} cold build | — |") and "not available" in line


# ---- the interpreter Pelican runs on -------------------------------------------------------


def test_a_venvs_python_runs_on_the_interpreter_it_was_made_from(tmp_path: Path) -> None:
    import venv

    venv.create(tmp_path / "v", with_pip=False, symlinks=True)
    made = compare.base_interpreter(tmp_path / "v" / "bin" / "python")
    assert made == os.path.realpath(getattr(sys, "_base_executable", sys.executable))
    assert compare.base_interpreter(tmp_path / "missing" / "python") == ""


def test_a_console_scripts_python_is_its_shebangs(tmp_path: Path) -> None:
    script = tmp_path / "ssg"
    script.write_text("#!/opt/venv/bin/python\nimport ssg\n")
    assert compare.shebang_python(script) == Path("/opt/venv/bin/python")
    # (no #! line, or one with arguments: the interpreter running this)
    script.write_text("#!/usr/bin/env python3\n")
    assert compare.shebang_python(script) == Path(sys.executable)
    assert compare.shebang_python(tmp_path / "none") == Path(sys.executable)
