"""The theme (ssg/render.py): its templates, compiled once before the render workers fork;
a template that fails, as one located TemplateFailure; the site's choice of theme."""

from __future__ import annotations

import pickle
from pathlib import Path

import jinja2
import pytest

from ssg.render import (
    DEFAULT_THEME,
    TemplateFailure,
    compile_page_templates,
    environment,
    render_template,
)
from tests.sitekit import SITE_YAML, make_site, run


class CountingLoader(jinja2.FileSystemLoader):
    def __init__(self, searchpath: list[str]) -> None:
        super().__init__(searchpath)
        self.loaded: list[str] = []

    def get_source(self, environment: jinja2.Environment, template: str):  # type: ignore[no-untyped-def]
        self.loaded.append(template)
        return super().get_source(environment, template)


def test_every_page_template_is_compiled_once_and_then_reused(tmp_path: Path) -> None:
    env = environment(tmp_path, "default")
    loader = CountingLoader([str(DEFAULT_THEME / "templates")])
    env.loader = loader
    compile_page_templates(env)
    names = sorted(n for n in env.list_templates() if n.endswith(".html"))
    assert {"base.html", "article.html", "column.html", "policy.html"} <= set(names)
    assert sorted(loader.loaded) == names
    for name in names:  # what a forked worker does: nothing is read or compiled again
        env.get_template(name)
    assert sorted(loader.loaded) == names


def test_a_template_that_does_not_compile_fails_only_where_it_is_used(tmp_path: Path) -> None:
    templates = tmp_path / "themes" / "default" / "templates"
    templates.mkdir(parents=True)
    (templates / "unused.html").write_text("{% if %}", encoding="utf-8")
    (templates / "backup.html").write_bytes("{{ 旧模板 }}".encode("gbk"))  # (not UTF-8)
    env = environment(tmp_path, "default")
    compile_page_templates(env)  # (no error here)
    assert env.get_template("article.html") is not None
    with pytest.raises(jinja2.TemplateSyntaxError):
        env.get_template("unused.html")
    with pytest.raises(TemplateFailure) as failed:
        env.get_template("backup.html")
    assert failed.value.filename == str(templates / "backup.html")
    assert failed.value.lineno == 1


def test_compiled_templates_see_every_global_set_before_as_one_dict(tmp_path: Path) -> None:
    """A template loaded before a global was set (footer.html, at the Renderer's start) still
    sees it once compile_page_templates has made its globals one dict; a page renders the same
    either way."""
    templates = tmp_path / "themes" / "default" / "templates"
    templates.mkdir(parents=True)
    (templates / "probe.html").write_text("{{ early }}/{{ late }}", encoding="utf-8")
    env = environment(tmp_path, "default")
    env.globals["early"] = "甲"
    before = env.get_template("probe.html")
    env.globals["late"] = "乙"  # (set after the template was loaded, as install_globals does)
    chained = before.render()
    compile_page_templates(env)
    after = env.get_template("probe.html")
    assert after is before and type(after.globals) is dict
    assert after.render() == chained == "甲/乙"
    assert {"early", "late", "range"} <= set(after.globals)


def test_whatever_a_template_raises_is_a_failure_at_its_innermost_template_line(
    tmp_path: Path,
) -> None:
    templates = tmp_path / "themes" / "default" / "templates"
    templates.mkdir(parents=True)
    (templates / "outer.html").write_text("一\n{% include 'inner.html' %}\n", encoding="utf-8")
    (templates / "inner.html").write_text("二\n三\n{{ 1 / n }}\n", encoding="utf-8")
    env = environment(tmp_path, "default")
    with pytest.raises(TemplateFailure) as failed:
        render_template(env, "outer.html", {"n": 0})
    failure = failed.value
    assert (failure.filename, failure.lineno) == (str(templates / "inner.html"), 3)
    assert failure.message == "模板出错：ZeroDivisionError: division by zero (template error)"
    # A render worker sends it back pickled, without its traceback: the place goes along.
    back = pickle.loads(pickle.dumps(failure))
    assert (back.message, back.filename, back.lineno) == (
        failure.message,
        failure.filename,
        failure.lineno,
    )


@pytest.mark.parametrize(("theme", "folder"), [("mine", None), ("mine", "mine"), ("default", None)])
def test_a_theme_named_in_site_yaml_must_be_a_folder_under_themes(
    tmp_path: Path, theme: str, folder: str | None
) -> None:
    """`theme: mine` without themes/mine/ used the default theme without a word."""
    site = make_site(tmp_path / "site", {}, site_yaml=SITE_YAML + f"theme: {theme}\n")
    if folder:
        (site / "themes" / folder).mkdir(parents=True)
    result = run(site, command="build")
    line = SITE_YAML.count("\n") + 1
    if theme == "mine" and not folder:
        assert result.code == 1
        assert result.with_code("CONFIG-02") == [
            f"data/site.yaml:{line}: error [CONFIG-02] theme: 找不到主题文件夹 themes/mine/；"
            "主题名应为站点 themes/ 下的文件夹名，不写 theme 时使用默认主题 (theme folder not found)"
        ]
    else:  # (the default theme needs no folder of the site's)
        assert result.code == 0 and result.with_code("CONFIG-02") == []


def test_search_page_links_no_draft_column(tmp_path: Path) -> None:
    """The search page's help without JavaScript names the services column: not while it is
    a draft (a new `ssg init` site), whose page is not published."""
    draft = "---\ntitle: 办事服务\ntype: service\ndraft: true\n---\n"
    make_site(tmp_path, {"content/bsfw/_index.md": draft})
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    page = (tmp_path / "public/search/index.html").read_text(encoding="utf-8")
    assert 'href="/bsfw/"' not in page and "办事指南见" not in page
    assert not result.with_code("SEC-06"), result.lines
