"""The theme (ssg/render.py): its templates, compiled once before the render workers fork;
a template that fails, as one located TemplateFailure; the site's choice of theme."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path, PurePosixPath
from types import SimpleNamespace

import jinja2
import pytest
from markupsafe import Markup

import ssg.render as render_module
from ssg.build import relations
from ssg.config import load_site_config
from ssg.content.loader import load_content
from ssg.diagnostics import Diagnostics
from ssg.link import href, link
from ssg.render import (
    DEFAULT_THEME,
    TEMPLATE_CACHE_ENV,
    Crumb,
    Renderer,
    TemplateFailure,
    compile_page_templates,
    environment,
    render_template,
    template_cache,
    template_failure,
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


# --- compiled templates kept between runs (template_cache) ----------------------------------


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the templates Jinja compiles from here on."""
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def spy(self: jinja2.Environment, source: str, name: str | None = None, *a, **k):  # type: ignore[no-untyped-def]
        compiled.append(name or "")
        return real(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    return compiled


def test_the_next_run_loads_compiled_templates_instead_of_compiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TEMPLATE_CACHE_ENV, str(tmp_path / "cache"))
    first = environment(tmp_path, "default")
    compiled = _compiles(monkeypatch)
    compile_page_templates(first)
    assert "article.html" in compiled
    kept = list((tmp_path / "cache").glob("templates-*/*"))
    assert len(kept) == len(compiled)
    compiled.clear()
    again = environment(tmp_path, "default")
    compile_page_templates(again)
    assert compiled == []
    assert again.get_template("page.html").filename == first.get_template("page.html").filename


def test_a_built_site_is_the_same_with_compiled_templates_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TEMPLATE_CACHE_ENV, str(tmp_path / "cache"))
    root = make_site(tmp_path / "site", {})
    compiled = _compiles(monkeypatch)
    pages = {}
    for number in (1, 2):
        assert run(root, "--no-cache", command="build").code == 0
        out = root / "public"
        pages[number] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.html")}
        if number == 1:
            assert "article.html" in compiled
            compiled.clear()
    assert compiled == [], "the second build compiled nothing"
    assert pages[1] == pages[2] and len(pages[1]) > 10


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "jinja-header-only"])
def test_a_damaged_compiled_template_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    """A crash or a bad disk can leave a compiled template damaged: one flipped byte in its
    code made every build fail (THEME-01 on ssg's own template) until the folder was deleted."""
    monkeypatch.setenv(TEMPLATE_CACHE_ENV, str(tmp_path / "cache"))
    root = make_site(tmp_path / "site", {})
    assert run(root, "--no-cache", command="build").code == 0
    out = root / "public"
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.html")}
    kept = sorted((tmp_path / "cache").glob("templates-*/*.cache"))
    assert kept
    for path in kept:
        data = path.read_bytes()
        middle = len(data) // 2
        path.write_bytes(
            {
                "flip": data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :],
                "truncate": data[:middle],
                "empty": b"",
                "jinja-header-only": jinja2.bccache.bc_magic + b"\x80\x04\x95garbage",
            }[damage]
        )
    compiled = _compiles(monkeypatch)
    result = run(root, "--no-cache", command="build")
    assert result.code == 0, result.lines
    assert "article.html" in compiled  # (compiled again, and kept again)
    after = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.html")}
    assert after == before
    compiled.clear()
    assert run(root, "--no-cache", command="build").code == 0
    assert compiled == []


def test_an_edited_template_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TEMPLATE_CACHE_ENV, str(tmp_path / "cache"))
    templates = tmp_path / "themes" / "default" / "templates"
    templates.mkdir(parents=True)
    (templates / "note.html").write_text("第一版", encoding="utf-8")
    assert environment(tmp_path, "default").get_template("note.html").render() == "第一版"
    (templates / "note.html").write_text("第二版", encoding="utf-8")
    assert environment(tmp_path, "default").get_template("note.html").render() == "第二版"


def test_no_compiled_templates_where_others_could_write_or_nothing_can_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    monkeypatch.setenv(TEMPLATE_CACHE_ENV, str(shared))
    assert template_cache() is not None
    for folder in shared.glob("templates-*"):
        folder.chmod(0o777)  # (its files are run as code: anyone could plant one)
    assert template_cache() is None
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv(TEMPLATE_CACHE_ENV, str(blocked))  # (a file where the folder goes)
    assert template_cache() is None
    env = environment(tmp_path, "default")
    assert env.bytecode_cache is None
    assert env.get_template("page.html") is not None
    monkeypatch.setenv(TEMPLATE_CACHE_ENV, "off")
    assert template_cache() is None


def test_a_cache_folder_that_cannot_be_written_costs_only_the_compiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import types

    from ssg import render

    monkeypatch.setenv(TEMPLATE_CACHE_ENV, str(tmp_path / "cache"))
    root = make_site(tmp_path / "site", {})

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    # (where a compiled template is written; the build's own files are not made so)
    monkeypatch.setattr(render, "tempfile", types.SimpleNamespace(mkstemp=full))
    built = run(root, command="build")
    assert built.code == 0, built.lines
    assert (root / "public" / "index.html").is_file()
    assert list((tmp_path / "cache").glob("templates-*/*")) == []


def test_meta_tags_are_what_the_template_loop_wrote_escaped_once(tmp_path: Path) -> None:
    """base.html's <meta> tags come from the meta_tags filter, not a loop in the template:
    the same text, a tag a line, each value escaped (a title may hold " < & and 《》)."""
    env = environment(tmp_path, "default")
    loop = env.from_string(
        "{% for name, value in meta.items() %}\n"
        '<meta name="{{ name }}" content="{{ value }}">\n'
        "{% endfor %}\n"
        "<link>"
    )
    filtered = env.from_string("{{ meta | meta_tags }}{# a tag a line #}\n<link>")
    metas = [
        {
            "SiteName": "测试市人民政府",
            "ArticleTitle": '关于"放管服"<改革>&《通知》',
            "Url": "/a?b=1&c=2",
        },
        {"SiteName": "测试市人民政府", "ArticleTitle": "第二篇"},
        {},
        # (not strings: a Markup as it is, a number as its text, as the loop wrote them)
        {"Description": Markup("<b>已转义</b>"), "Count": 3, "Keywords": 'a"b'},
    ]
    for meta in metas * 2:  # (the second time from what the first one kept)
        assert filtered.render(meta=meta) == loop.render(meta=meta)
    assert "&#34;放管服&#34;&lt;改革&gt;&amp;《通知》" in filtered.render(meta=metas[0])


def test_meta_tags_keep_only_the_site_and_column_tags_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tags of the site and of a column are kept made, one each; a page's own (title,
    time, URL…) are made for the page and not kept: keeping them held one entry per item
    (26,068 at 10k items, for 279 shared). The pages are the same either way."""
    kept: dict[tuple[str, str], str] = {}
    monkeypatch.setattr(render_module, "_META_TAGS", kept)
    make_site(tmp_path, {})
    diags = Diagnostics()
    config = load_site_config(tmp_path, diags)
    assert config is not None
    site = link(load_content(tmp_path, config.column_types, diags), config, BUILD, diags)
    renderer = Renderer(site, tmp_path)
    pages = [
        renderer.item_page(item, relations(site, tmp_path, item)) for item in site.items.values()
    ]
    columns = {item.column for item in site.items.values()}
    shared = {**renderer.site_meta(), **renderer.column_meta("dt")}
    own = renderer.item_meta(site.items["dt/huiyi"])
    assert set(shared) == render_module.SHARED_META and not set(own) & set(shared)
    assert len(kept) == 3 + 4 * len(columns)
    assert {name for name, _value in kept} == render_module.SHARED_META
    assert '<meta name="ArticleTitle" content="市政府召开常务会议">\n' in "".join(pages)
    again = [
        renderer.item_page(item, relations(site, tmp_path, item)) for item in site.items.values()
    ]
    assert again == pages and len(kept) == 3 + 4 * len(columns)


BUILD = dt.date(2026, 11, 20)


class NoStrftime(dt.datetime):
    """A datetime that fails if a filter formats it with strftime (2 µs a date)."""

    def __format__(self, spec: str) -> str:
        raise AssertionError(f"strftime {spec!r}")


def test_day_and_minute_are_written_from_the_fields_as_strftime_wrote_them(
    tmp_path: Path,
) -> None:
    env = environment(tmp_path, "default")
    day, minute = env.filters["day"], env.filters["minute"]
    eight = dt.timezone(dt.timedelta(hours=8))
    moments = [
        dt.date(2026, 11, 20),
        dt.date(2026, 1, 2),
        dt.datetime(2026, 3, 4, 9, 5),
        dt.datetime(2026, 3, 4, 9, 5, 59, 999_999),  # (minutes only, not rounded)
        dt.datetime(999, 9, 9, 9, 9),
        dt.datetime(2026, 12, 31, 23, 59, 59, tzinfo=eight),
        dt.datetime(1, 1, 1),
        dt.date(999, 9, 9),  # (glibc's %Y: not padded)
        dt.date(9999, 12, 31),
    ]
    for moment in moments:
        assert day(moment) == f"{moment:%Y-%m-%d}"
        assert minute(moment) == f"{moment:%Y-%m-%d %H:%M}"  # (a date: 00:00)
    assert day(None) == minute(None) == day("") == ""
    with pytest.raises(ValueError):  # (not a date: the error it always was)
        day("2026-11-20")
    stamp = NoStrftime(2026, 11, 20, 9, 30)
    assert (day(stamp), minute(stamp)) == ("2026-11-20", "2026-11-20 09:30")


def test_templates_are_kept_in_a_plain_dict(tmp_path: Path) -> None:
    """Jinja's default LRU cache locks and reorders a queue on every look-up, five a page."""
    env = environment(tmp_path, "default")
    env.get_template("base.html")
    assert type(env.cache) is dict
    assert env.get_template("base.html") is env.get_template("base.html")


def test_an_item_page_makes_no_path_object_unless_its_item_is_a_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PurePosixPath was 2 µs of every page (its template's name, for a page_kind the
    page had already) and of every body (its folder): strings now. Relative links from a
    body are still read from its folder (tests/content/test_markdown.py)."""
    made: list[str] = []

    class Counting(PurePosixPath):
        def __init__(self, *parts: str) -> None:
            made.append(str(parts))
            super().__init__(*parts)

    make_site(
        tmp_path,
        {
            "content/dt/a.md": "---\ntitle: 甲\ndate: 2026-11-01\nsource: 办公室\n"
            "reviewed_by: 审核人\n---\n见[会议](huiyi.md)。\n",
            "content/top.md": "---\ntitle: 顶层\ntype: page\nupdated: 2026-11-02\n"
            "reviewed_by: 审核人\n---\n见[甲](dt/a.md)。\n",
        },
    )
    diags = Diagnostics()
    config = load_site_config(tmp_path, diags)
    assert config is not None
    site = link(load_content(tmp_path, config.column_types, diags), config, BUILD, diags)
    assert {"top", "dt/a", "dt/huiyi"} <= set(site.items)
    renderer = Renderer(site, tmp_path)
    monkeypatch.setattr(render_module, "PurePosixPath", Counting)
    pages = {
        i: renderer.item_page(site.items[i], relations(site, tmp_path, site.items[i]))
        for i in site.items
    }
    assert made == []
    assert f'href="{href(site.urls["dt/huiyi"])}"' in pages["dt/a"]
    assert f'href="{href(site.urls["dt/a"])}"' in pages["top"]


def test_a_generated_column_description_names_the_site_once(tmp_path: Path) -> None:
    """A column without `description` gets one from its place (contract §1.1): a top-level
    column's parent is the site itself, whose name was written twice."""
    site = make_site(
        tmp_path,
        {
            # (the kit's column has its own: these two show the generated ones)
            "content/dt/_index.md": "---\ntitle: 工作动态\ntype: news\n---\n",
            "content/dt/bm/_index.md": "---\ntitle: 部门动态\ntype: news\n---\n",
        },
    )
    assert run(site, command="build").code == 0
    top = (site / "public/dt/index.html").read_text(encoding="utf-8")
    sub = (site / "public/dt/bm/index.html").read_text(encoding="utf-8")
    assert '<meta name="ColumnDescription" content="测试市人民政府的“工作动态”栏目">' in top
    assert (
        '<meta name="ColumnDescription" content="测试市人民政府工作动态下的“部门动态”栏目">' in sub
    )


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("{% for x in y %}", "模板在 for 块关闭之前就结束了：缺少 {% endfor %}、{% else %} 之一"),
        ("{% foo %}", "未知的标签 {% foo %}：是拼写错误，或少了对应的开始标签"),
        ("{{ }}", "这里缺少表达式（变量名或值），却遇到了 }}"),
        ("{% set %}", "这里缺少表达式（变量名或值），却遇到了 %}"),
        ("{{ a b }}", "这里应是 }}，却遇到了 b"),
        ("{{ a }", "这里不应出现 }：它前面的表达式不完整，或多写了它"),
        ("{% set x = [1, 2 %}", "这里应是 ]，却遇到了 }：括号或引号是否成对？"),
        ("{{ 'abc }}", "无法识别的字符 '：引号没有成对"),
        ("{{ a ! }}", "无法识别的字符 !：模板的表达式中不能写它"),
        (
            "{% if x is nope %}{% endif %}",
            "没有名为 nope 的判断（test）：是拼写错误，或 Jinja 未提供",
        ),
        (
            "{% block a %}{% endblock %}{% block a %}{% endblock %}",
            "块 a 定义了两次，请删除或改名其一",
        ),
        ("{# x", "注释没有结束：缺少 #}"),
    ],
)
def test_jinja_syntax_errors_are_said_in_chinese_with_the_english_beside(
    source: str, said: str
) -> None:
    """A theme's editor reads the diagnostic in Chinese; Jinja's own words stay beside it
    (for a search engine, and for what ssg does not translate)."""
    with pytest.raises(jinja2.TemplateError) as raised:
        jinja2.Environment().from_string(source).render()
    failure = template_failure(raised.value)
    assert failure.message == f"模板出错：{said} (template error: {raised.value.message})"


def test_a_syntax_error_ssg_does_not_know_keeps_jinjas_words() -> None:
    error = jinja2.TemplateSyntaxError("something new in Jinja 4", 1)
    assert template_failure(error).message == "模板出错：something new in Jinja 4 (template error)"


class Html:
    """An object with `__html__`, as a framework's safe value: written as it says."""

    def __html__(self) -> str:
        return "<b>自带</b>"


def test_every_value_is_written_as_jinjas_escape_writes_it(tmp_path: Path) -> None:
    """`{{ value }}` is written by ssg's write_value, not Jinja's escape: the same text for
    every kind of value, in text and in an attribute, in a macro, a call block, a `set` block
    and a filter block (whose text Jinja makes Markup again as a whole)."""
    source = (
        '{% macro m(v) %}<i title="{{ v }}">{{ v }}</i>{% endmacro %}'
        "{% macro c() %}[{{ caller() }}]{% endmacro %}"
        "{% set kept %}{{ v }}{% endset %}"
        "{{ v }}|{{ m(v) }}|{% call c() %}{{ v }}{% endcall %}|{{ kept }}|{{ kept | length }}"
        "|{% filter upper %}{{ v }}{% endfilter %}|{{ v ~ v }}|{{ [v] | join(',') }}"
    )
    ours = environment(tmp_path, "default").from_string(source)
    jinjas = jinja2.Environment(autoescape=True).from_string(source)
    values: list[object] = [
        "",
        "关于\"放管服\"<改革>&《通知》'单引号'",
        Markup("<p>已是 HTML &amp; 安全</p>"),
        Markup("<em>a</em>") + "<b>",
        type("Sub", (Markup,), {})("<s>子类</s>"),
        Html(),
        0,
        3.5,
        None,
        True,
        dt.date(2026, 11, 20),
        ["<a>", Markup("<b>")],
    ]
    for value in values:
        assert ours.render(v=value) == jinjas.render(v=value), value
    undefined = environment(tmp_path, "default").from_string("{{ nothing }}")
    with pytest.raises(jinja2.UndefinedError):
        undefined.render()


def test_a_value_is_written_without_a_new_markup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jinja's escape made a Markup of every string it wrote, and of every Markup value a new
    one, copied twice over (the body, the header and footer: several kB of every page)."""
    template = environment(tmp_path, "default").from_string("{{ text }}{{ html }}")
    made: list[str] = []
    new = Markup.__new__

    def counting(cls: type[Markup], *args: object, **kwargs: object) -> Markup:
        made.append(str(args[:1]))
        return new(cls, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Markup, "__new__", counting)
    body = new(Markup, "<p>正文" + "。" * 4000 + "</p>")
    assert template.render(text="<甲>&", html=body) == "&lt;甲&gt;&amp;" + str(body)
    assert made == []


class Greeter:
    def hello(self, name: str) -> str:
        return f"你好，{name}"

    @jinja2.pass_context
    def where(self, context: jinja2.runtime.Context, name: str) -> str:
        return f"{name}@{context.get('place')}"


@jinja2.pass_context
def in_context(context: jinja2.runtime.Context, name: str) -> str:
    return f"{name}:{context.get('place')}:{context.get('inner', '-')}"


@jinja2.pass_environment
def with_environment(environment: jinja2.Environment, name: str) -> str:
    return f"{name}:{type(environment).__name__}"


@jinja2.pass_eval_context
def with_eval_context(eval_ctx: jinja2.nodes.EvalContext, name: str) -> str:
    return f"{name}:{eval_ctx.autoescape}"


class CallsWithContext:
    @jinja2.pass_context
    def __call__(self, context: jinja2.runtime.Context, name: str) -> str:
        return f"{name}#{context.get('place')}"


def _stops() -> str:
    raise StopIteration


def test_functions_a_template_calls_get_what_jinja_gives_them(tmp_path: Path) -> None:
    """ssg's context calls plain functions itself (PageContext.call); those that ask for the
    context, the environment or the evaluation context still get it, in a loop and a block
    too, and a StopIteration is still an undefined value, as Jinja's own context has them."""
    greeter = Greeter()
    source = (
        "{{ hello('甲') }}|{{ where('乙') }}|{{ ctx('丙') }}|{{ env_f('丁') }}|{{ eval_f('戊') }}"
        "|{{ obj('己') }}|{{ lower('ABC') }}|{{ items() | list | length }}"
        "|{% for inner in ['内'] %}{{ ctx('庚') }}{% endfor %}"
        "|{% if stops() is undefined %}undefined{% endif %}"
        "|{% macro m() %}{{ ctx('辛') }}{% endmacro %}{{ m() }}"
    )
    names = {
        "hello": greeter.hello,
        "where": greeter.where,
        "ctx": in_context,
        "env_f": with_environment,
        "eval_f": with_eval_context,
        "obj": CallsWithContext(),
        "lower": str.lower,
        "items": {"a": 1}.items,
        "stops": _stops,
        "place": "测试市",
    }
    ours = environment(tmp_path, "default").from_string(source)
    jinjas = jinja2.Environment(autoescape=True).from_string(source)
    assert ours.render(**names) == jinjas.render(**names)
    assert ours.render(**names).startswith("你好，甲|乙@测试市|丙:测试市:-|丁:Environment|戊:True")


def test_plain_functions_are_called_without_asking_for_the_context(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jinja asked every callable, and its `__call__`, for `jinja_pass_arg` on each call: a
    failing attribute look-up that raised and caught an AttributeError for a bound method."""
    asked: list[object] = []
    from_obj = jinja2.utils._PassArg.from_obj

    def counting(obj: object) -> object:
        asked.append(obj)
        return from_obj(obj)

    monkeypatch.setattr(jinja2.utils._PassArg, "from_obj", counting)
    template = environment(tmp_path, "default").from_string(
        "{{ f('a') }}{{ m('b') }}{{ b(-1) }}{% for i in [1] %}{{ f('c') }}{% endfor %}"
    )
    assert template.render(f=lambda s: s.upper(), m=Greeter().hello, b=abs) == "A你好，b1C"
    assert asked == []


def test_an_include_sees_the_names_it_would_see_in_jinja(tmp_path: Path) -> None:
    """An include with none of its includer's local names set shares the includer's names
    (PageTemplate.new_context) instead of copying them: it sees the same names as in Jinja,
    and, once one is set, that one too."""
    templates = {
        "page.html": "{% set top = 'T' %}{% block main %}"
        "{% if flag %}{% set expired = true %}{% endif %}"
        "{% include 'inner.html' %}|{% include 'inner.html' %}{% endblock %}",
        "inner.html": "{{ expired is defined }}:{{ expired | default('-') }}:{{ top }}:{{ name }}",
    }
    ours = environment(tmp_path, "default")
    ours.loader = jinja2.DictLoader(templates)
    jinjas = jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=True)
    for flag in (False, True):
        names = {"flag": flag, "name": "<甲>"}
        assert ours.get_template("page.html").render(**names) == (
            jinjas.get_template("page.html").render(**names)
        )
    assert ours.get_template("page.html").render(flag=False, name="乙") == (
        "False:-:T:乙|False:-:T:乙"
    )
    assert ours.get_template("page.html").render(flag=True, name="乙") == (
        "True:True:T:乙|True:True:T:乙"
    )


def test_breadcrumbs_link_every_crumb_with_a_url_but_the_last(tmp_path: Path) -> None:
    """base.html writes the last crumb after its loop (no `loop.last`): the same text as the
    loop that asked each crumb whether it was the last."""
    env = environment(tmp_path, "default")
    source = env.loader.get_source(env, "base.html")[0]  # type: ignore[union-attr]
    start = source.index("<ol>")
    ours = env.from_string(source[start : source.index("</ol>", start) + len("</ol>")])
    loop = env.from_string(
        "<ol>\n"
        "      {% for crumb in crumbs %}\n"
        '      <li>{% if crumb.url and not loop.last %}<a href="{{ crumb.url | href }}">'
        '{{ crumb.title }}</a>{% else %}<span aria-current="page">{{ crumb.title }}</span>'
        "{% endif %}</li>\n"
        "      {% endfor %}\n"
        "    </ol>"
    )
    for crumbs in (
        [Crumb("首页", "/")],
        [Crumb("首页", "/"), Crumb("<政务>", "/zw/")],
        [Crumb("首页", "/"), Crumb("无网址", ""), Crumb("政务 公开", "/zw gk/"), Crumb("标题", "")],
    ):
        assert ours.render(crumbs=crumbs) == loop.render(crumbs=crumbs)
    assert '<span aria-current="page">标题</span>' in ours.render(crumbs=crumbs)


def test_a_listing_is_of_leaders_when_no_entry_is_another_kind(tmp_path: Path) -> None:
    """column.html asks for the first entry that is not a leader, not for the list of all of
    them: the same answer."""
    env = environment(tmp_path, "default")
    source = env.loader.get_source(env, "column.html")[0]  # type: ignore[union-attr]
    test = source.split("{% if not subcolumns and ", 1)[1].split(" %}", 1)[0]
    ours = env.from_string("{{ 'leaders' if " + test + " else 'entries' }}")
    whole = env.from_string(
        "{{ 'leaders' if items | rejectattr('type', 'equalto', 'leader') | list | length == 0"
        " else 'entries' }}"
    )
    for kinds in (["leader"], ["leader", "leader"], ["leader", "news"], ["news", "leader"]):
        entries = [SimpleNamespace(type=kind) for kind in kinds]
        assert ours.render(items=entries) == whole.render(items=entries)
    assert ours.render(items=[SimpleNamespace(type="leader")]) == "leaders"
    assert ours.render(items=[SimpleNamespace(type="news")]) == "entries"
