"""The collector and a build (ssg/build.py): it is turned off only where the process ends with
the build."""

from __future__ import annotations

import builtins
import dataclasses
import datetime as dt
import gc
import os
from pathlib import Path

import pytest

from ssg import parallel
from ssg.build import build
from ssg.build_types import BuildOptions
from tests.sitekit import COLUMNS, make_site, run


def test_a_build_run_in_process_leaves_the_collector_alone(tmp_path: Path) -> None:
    """Tests and `ssg serve` build many times in one process: their garbage must be collected."""
    site = make_site(tmp_path / "site", {})
    before = gc.get_freeze_count()
    assert gc.isenabled()
    assert run(site, command="build").code == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == before


def test_a_build_that_ends_its_process_turns_the_collector_off(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {})
    options = BuildOptions(site, tmp_path / "public", dt.date(2026, 11, 20))
    try:
        result = build(dataclasses.replace(options, ends_process=True, replay=False))
        assert result.written
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_file_that_cannot_be_copied_is_file_03_and_blocks_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Discovery cannot tell an unreadable file without opening it: the copy finds it.
    make_site(tmp_path, {"content/dt/huiyi/index.md": COLUMNS["content/dt/huiyi.md"]})
    (tmp_path / "content/dt/huiyi.md").unlink()
    (tmp_path / "content/dt/huiyi/photo.png").write_bytes(b"png")
    denied = {str(tmp_path / "static/emblem.png"), str(tmp_path / "content/dt/huiyi/photo.png")}
    real_open = builtins.open

    def guarded_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not isinstance(path, int) and os.fspath(path) in denied:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    result = run(tmp_path, command="build")
    assert result.code == 1
    # (the compliance rules are not run on an output that lacks the files)
    assert result.lines == [
        "content/dt/huiyi/photo.png:0: error [FILE-03] 无法读取 content/dt/huiyi/photo.png："
        "没有读取权限，请检查文件权限 (cannot read: permission denied)",
        "static/emblem.png:0: error [FILE-03] 无法读取 static/emblem.png："
        "没有读取权限，请检查文件权限 (cannot read: permission denied)",
    ]
    assert not (tmp_path / "public").exists()


# --- a theme template that fails (THEME-01, ssg/build.py template_diagnostic) -------------

ARTICLE = Path(__file__).parent.parent / "ssg/themes/default/templates/article.html"
OVERRIDE = "themes/default/templates/article.html"


def _site_with_article_line4(root: Path, line: str | bytes) -> Path:
    """A site whose theme overrides the default article.html (news items) with line 4 changed."""
    site = make_site(root, {})
    lines = ARTICLE.read_bytes().split(b"\n")
    lines[3] = line if isinstance(line, bytes) else line.encode("utf-8")
    (site / OVERRIDE).parent.mkdir(parents=True)
    (site / OVERRIDE).write_bytes(b"\n".join(lines))
    return site


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "{{ no_such_var }}",
            "模板出错：变量 no_such_var 未定义：是拼写错误，或这个模板没有这个变量（各模板可用的变量见 docs/theme.md）"
            " (template error: 'no_such_var' is undefined)",
        ),
        ('{% include "nope.html" %}', "找不到模板 nope.html (template not found)"),
        (
            "{{ site.nope }}",
            "模板出错：Site 没有字段 nope：是拼写错误，或这一类页面没有这个字段（各模板可用的变量与字段见"
            " docs/theme.md） (template error: 'ssg.link.Site object' has no attribute 'nope')",
        ),
        ("{{ 1/0 }}", "模板出错：ZeroDivisionError: division by zero (template error)"),
        (
            "{{ page.title + 1 }}",
            '模板出错：TypeError: can only concatenate str (not "int") to str (template error)',
        ),
        (
            "<p>{{ 旧模板 }}</p>".encode("gbk"),
            "模板文件不是 UTF-8 编码（第 {byte} 字节无法解码），请另存为 UTF-8 (template is not UTF-8)",
        ),
        # (Jinja's syntax errors said in Chinese, its English beside: ssg/render.py)
        (
            "{{ page.title + }}",
            "模板出错：这里不应出现 }}}}：它前面的表达式不完整，或多写了它 "
            "(template error: unexpected 'end of print statement')",
        ),
        (
            "{{ 1 | nofilter }}",
            "模板出错：没有名为 nofilter 的过滤器（filter）：是拼写错误，或主题未提供（可用的见 "
            "docs/theme.md） (template error: No filter named 'nofilter'.)",
        ),
        (
            "{% if page.title %}{% endfor %}",
            "模板出错：这里不能用 {{% endfor %}}：需要先关闭 if 块（{{% elif %}}、{{% else %}}、"
            "{{% endif %}} 之一），多半是标签嵌套或拼写有误 (template error: Encountered unknown "
            "tag 'endfor'. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. "
            "The innermost block that needs to be closed is 'if'.)",
        ),
    ],
)
@pytest.mark.parametrize("command", ["build", "check"])
def test_a_failing_theme_template_is_one_error_at_its_file_and_line(
    tmp_path: Path, line: str | bytes, message: str, command: str
) -> None:
    site = _site_with_article_line4(tmp_path / "site", line)
    # (the first byte of 旧 in GBK, counted from 1: after three lines and "<p>{{ ")
    byte = len(b"".join(ARTICLE.read_bytes().split(b"\n", 3)[:3])) + 3 + len(b"<p>{{ ") + 1
    result = run(site, command=command)
    assert result.code == 1, "blocked, not an internal error (exit 3)"
    expected = f"{OVERRIDE}:4: error [THEME-01] {message.format(byte=byte)}"
    assert result.with_code("THEME-01") == [expected]
    assert not (site / "public").exists()


def test_a_failure_inside_an_included_template_names_that_template(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {})
    head = site / "themes/default/templates/_article_head.html"
    head.parent.mkdir(parents=True)
    head.write_text("<h1>{{ page.title }}</h1>\n\n{{ page.nope }}\n", encoding="utf-8")
    result = run(site, command="build")
    assert result.code == 1
    assert result.with_code("THEME-01") == [
        "themes/default/templates/_article_head.html:3: error [THEME-01] "
        "模板出错：News 没有字段 nope：是拼写错误，或这一类页面没有这个字段（各模板可用的变量与字段见"
        " docs/theme.md） (template error: 'ssg.content.model.News object' has no attribute"
        " 'nope')"
    ]


def test_a_failure_in_a_template_of_ssgs_own_theme_names_it_as_ssgs(tmp_path: Path) -> None:
    """The site's article.html breaks what the default theme's _article_head.html reads."""
    site = _site_with_article_line4(tmp_path / "site", "{% set page = none %}")
    result = run(site, command="build")
    assert result.code == 1
    assert result.with_code("THEME-01") == [
        "(ssg)/templates/_article_head.html:2: error [THEME-01] "
        "模板出错：空值 None 没有字段 title：是拼写错误，或这一类页面没有这个字段（各模板可用的变量与字段见"
        " docs/theme.md） (template error: 'None' has no attribute 'title')"
    ]


@pytest.mark.parametrize(("line", "number"), [("{{ no_such_var }}", 4), ("{{ 1/0 }}", 4)])
def test_a_template_failure_in_a_render_worker_keeps_its_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str, number: int
) -> None:
    """Pages rendered in forked workers (ssg/parallel.py) come back as pickled exceptions,
    without their traceback: the location must travel with the error itself."""
    monkeypatch.setattr(parallel, "MIN_PARALLEL_PAGES", 0)
    site = _site_with_article_line4(tmp_path / "site", line)
    options = BuildOptions(site, tmp_path / "public", dt.date(2026, 11, 20), jobs=2, cache=False)
    result = build(dataclasses.replace(options, replay=False))
    assert result.diagnostics.blocks() and not result.written
    [failure] = [d for d in result.diagnostics if d.code == "THEME-01"]
    assert (failure.file, failure.line, failure.field) == (OVERRIDE, number, "")
