"""The Jinja2 theme: template lookup (the site's theme over the default) and page contexts.

Templates get frozen model objects plus the linked `Site`; everything a template needs beyond
that (URLs, meta tags, breadcrumbs) is computed here so templates stay declarative.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import posixpath
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from html import unescape
from pathlib import Path, PurePosixPath
from types import BuiltinFunctionType, CodeType, FunctionType, MethodType
from typing import Any

import jinja2
import jinja2.bccache
import jinja2.runtime
from jinja2.loaders import split_template_path
from jinja2.utils import internalcode, missing
from markupsafe import Markup, escape

from ssg import fragments
from ssg.cjk import one_line, paragraphs
from ssg.content.column_defaults import default_description, default_keywords
from ssg.content.markdown import relative_rewriter, render_markdown, table_names
from ssg.content.model import Item, Leader, Policy
from ssg.derive import feeds
from ssg.derive.listings import ListingPage
from ssg.fragments import FragmentCache
from ssg.link import Site, href
from ssg.render_entries import ListingParts, escape_text, write_value
from ssg.sites import shared_roots
from ssg.user_cache import CACHE_ENV, user_cache_folder

DEFAULT_THEME = Path(__file__).parent / "themes" / "default"

HOME_BLOCK_SIZE = 8
HOME_SHORT_BLOCK = 6  # 通知公告, 政策解读, 互动交流: the narrower blocks of the home page

# The home page's featured blocks, found by national ColumnType (the top-most column of each).
HOME_FEATURES = {
    "news": "工作动态",
    "notices": "通知公告",
    "policies": "政策文件",
    "interpretations": "政策解读",
    "services": "办事服务",
    "interaction": "咨询投诉",
}

# Every item type has its own template; news and notices share the article layout.
TEMPLATES = {
    "policy": "policy.html",
    "interpretation": "interpretation.html",
    "service": "service.html",
    "notice": "article.html",
    "news": "article.html",
    "reply": "reply.html",
    "leader": "leader.html",
    "page": "page.html",
}


def theme_dirs(root: Path, theme: str) -> list[Path]:
    """Theme folders in lookup order: the site's `themes/<name>/` first, then, for a site of
    a repository of several sites, the repository's `themes/<name>/` (集约化: one look for
    every site of the platform, ssg/sites.py), then the default."""
    name = theme or "default"
    found = [root / "themes" / name]
    found += [repo / "themes" / name for repo in shared_roots(root)]
    found.append(DEFAULT_THEME)
    return [d for d in found if d.is_dir()]


class TemplateFailure(jinja2.TemplateError):
    """A theme template that failed: the template file, its line and the message.

    Whatever a template raises while a page is made (UndefinedError, a missing include, but
    also ZeroDivisionError from `{{ 1/0 }}`) becomes one, so that the build reports it as an
    editor-facing THEME-01 and not as a crash. Where it failed is worked out where it was
    raised, from the traceback, and kept in plain attributes, which pickle with it: a page
    rendered in a worker process (ssg/parallel.py) comes back without its traceback, and
    Jinja's own errors other than syntax errors carry no file or line at all."""

    def __init__(self, message: str, filename: str = "", lineno: int = 0) -> None:
        super().__init__(message)
        self.filename = filename  # the template file as the loader found it; "" if unknown
        self.lineno = lineno  # its line; 0 when none applies


def template_location(exc: BaseException) -> tuple[str, int]:
    """(template file, line) where a template raised `exc`, or ("", 0).

    A syntax error names its place. Any other error is located by its traceback: Jinja
    rewrites the frames of compiled template code into frames whose co_filename is the
    template file and whose line is the template's line (jinja2/debug.py, fake_traceback,
    which marks their globals with `__jinja_exception__`). The innermost such frame is the
    template line that failed: for an error in an included template, the included one."""
    if isinstance(exc, TemplateFailure | jinja2.TemplateSyntaxError) and exc.filename:
        return exc.filename, exc.lineno or 0
    found = ("", 0)
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def template_failure(exc: BaseException) -> TemplateFailure:
    """`exc`, raised by a template, as a TemplateFailure with the diagnostic's message."""
    if isinstance(exc, TemplateFailure):
        return exc
    filename, line = template_location(exc)
    if isinstance(exc, jinja2.TemplateNotFound):
        message = f"找不到模板 {exc.name} (template not found)"
    elif isinstance(exc, jinja2.UndefinedError):
        message = (
            f"模板出错：{_undefined_in_chinese(exc.message or '')} (template error: {exc.message})"
        )
    elif isinstance(exc, jinja2.TemplateError):
        said = _syntax_in_chinese(exc.message or "")
        english = f"template error: {exc.message}" if said != exc.message else "template error"
        message = f"模板出错：{said} ({english})"
    else:  # (Python's own error, e.g. ZeroDivisionError: its name says more than its text)
        message = f"模板出错：{type(exc).__name__}: {exc} (template error)"
    return TemplateFailure(message, filename, line)


# Jinja's words for a name or field the template uses and the page does not have.
_NO_ATTRIBUTE = re.compile(r"'(?:[\w.]+\.)?(\w+)(?: object)?' has no attribute '([^']*)'")
_UNDEFINED = re.compile(r"'([^']*)' is undefined")
_TYPE_NAMES = {"dict": "字典", "str": "文本", "list": "列表", "None": "空值 None"}


def _undefined_in_chinese(message: str) -> str:
    """What an UndefinedError says, for a theme's editor: Jinja says it in English only."""
    found = _NO_ATTRIBUTE.fullmatch(message)
    if found:
        owner = _TYPE_NAMES.get(found.group(1), found.group(1))
        return (
            f"{owner} 没有字段 {found.group(2)}：是拼写错误，或这一类页面没有这个字段"
            "（各模板可用的变量与字段见 docs/theme.md）"
        )
    found = _UNDEFINED.fullmatch(message)
    if found:
        return (
            f"变量 {found.group(1)} 未定义：是拼写错误，或这个模板没有这个变量"
            "（各模板可用的变量见 docs/theme.md）"
        )
    return message


# Jinja's names of the tokens a template is written with, as a theme's editor types them.
_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of comment": "#}",
    "begin of print statement": "{{",
    "begin of statement block": "{%",
    "name": "名称",
    "string": "字符串",
    "integer": "数字",
}
_TAGS = re.compile(r"'(\w+)'")


def _token(name: str) -> str:
    return _TOKENS.get(name, name)


def _tags(text: str) -> str:
    return "、".join(f"{{% {tag} %}}" for tag in _TAGS.findall(text))


# Jinja's syntax errors (jinja2/parser.py, lexer.py), most common first: (pattern, Chinese).
_SYNTAX: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(
            r"Unexpected end of template\. Jinja was looking for the following tags: (.+)\. "
            r"The innermost block that needs to be closed is '(\w+)'\."
        ),
        lambda m: f"模板在 {m[2]} 块关闭之前就结束了：缺少 {_tags(m[1])} 之一",
    ),
    (
        re.compile(
            r"Encountered unknown tag '(\w+)'\. (?:.*)Jinja was looking for the following "
            r"tags: (.+)\. The innermost block that needs to be closed is '(\w+)'\."
        ),
        lambda m: (
            f"这里不能用 {{% {m[1]} %}}：需要先关闭 {m[3]} 块（{_tags(m[2])} 之一），"
            "多半是标签嵌套或拼写有误"
        ),
    ),
    (
        re.compile(r"Encountered unknown tag '(\w+)'\.?"),
        lambda m: f"未知的标签 {{% {m[1]} %}}：是拼写错误，或少了对应的开始标签",
    ),
    (
        re.compile(r"Expected an expression, got '(.+)'"),
        lambda m: f"这里缺少表达式（变量名或值），却遇到了 {_token(m[1])}",
    ),
    (
        re.compile(r"expected token '(.+)', got '(.+)'"),
        lambda m: f"这里应是 {_token(m[1])}，却遇到了 {_token(m[2])}",
    ),
    (
        re.compile(r"unexpected end of template, expected '(.+)'\.?"),
        lambda m: f"模板意外结束，缺少 {_token(m[1])}",
    ),
    (
        re.compile(r"unexpected char (['\"])(.)\1 at \d+"),
        lambda m: (
            f"无法识别的字符 {m[2]}"
            + ("：引号没有成对" if m[2] in "'\"" else "：模板的表达式中不能写它")
        ),
    ),
    (
        re.compile(r"unexpected '([^']+)', expected '([^']+)'"),
        lambda m: f"这里应是 {_token(m[2])}，却遇到了 {_token(m[1])}：括号或引号是否成对？",
    ),
    (
        re.compile(r"unexpected '([^']+)'"),
        lambda m: f"这里不应出现 {_token(m[1])}：它前面的表达式不完整，或多写了它",
    ),
    (
        re.compile(r"No filter named '(.+)'(?: found)?\.?"),
        lambda m: (
            f"没有名为 {m[1]} 的过滤器（filter）：是拼写错误，或主题未提供（可用的见 docs/theme.md）"
        ),
    ),
    (
        re.compile(r"No test named '(.+)'(?: found)?\.?"),
        lambda m: f"没有名为 {m[1]} 的判断（test）：是拼写错误，或 Jinja 未提供",
    ),
    (
        re.compile(r"block '(.+)' defined twice"),
        lambda m: f"块 {m[1]} 定义了两次，请删除或改名其一",
    ),
    (re.compile(r"Missing end of comment tag"), lambda m: "注释没有结束：缺少 #}"),
)


def _syntax_in_chinese(message: str) -> str:
    """A template's syntax error, for a theme's editor: Jinja says it in English only. Its
    English stays beside it (the caller's parentheses) when it is said here."""
    for pattern, said in _SYNTAX:
        found = pattern.fullmatch(message.strip())
        if found:
            return said(found)
    return message


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Template `name` rendered; whatever goes wrong in it is a TemplateFailure.

    Everything that runs here is the template's doing (ssg's globals and filters run only when
    a template calls them), so any exception is the template's failure, not ssg's."""
    try:
        return env.get_template(name).render(**context)
    except TemplateFailure:
        raise
    except Exception as exc:
        raise template_failure(exc) from exc


class ThemeLoader(jinja2.FileSystemLoader):
    """The theme folders, in lookup order. A template file that cannot be read as UTF-8 text
    (a GBK backup, no read permission) is a TemplateFailure at that file, not a crash."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        try:
            return super().get_source(environment, template)
        except jinja2.TemplateNotFound:
            raise
        except (UnicodeDecodeError, OSError) as exc:
            filename = self._filename(template)
            if not isinstance(exc, UnicodeDecodeError):
                reason = exc.strerror or str(exc)
                raise TemplateFailure(
                    f"无法读取模板文件：{reason} (cannot read the template)", filename
                ) from exc
            raise TemplateFailure(*_undecodable(filename, self.encoding, exc)) from exc

    def _filename(self, template: str) -> str:
        """The file get_source reads for `template` (the first search path that has it)."""
        pieces = split_template_path(template)
        for searchpath in self.searchpath:
            filename = posixpath.join(searchpath, *pieces)
            if os.path.isfile(filename):
                return os.path.normpath(filename)
        return ""


def _undecodable(filename: str, encoding: str, exc: UnicodeDecodeError) -> tuple[str, str, int]:
    """(message, file, line) for a template file that is not UTF-8. The decoder's position is
    within the chunk it was given, not the file: decode the whole file again to find it."""
    raw = b""
    with contextlib.suppress(OSError):
        raw = Path(filename).read_bytes() if filename else b""
    position = exc.start
    try:
        raw.decode(encoding)
    except UnicodeDecodeError as whole:
        position = whole.start
    line = raw.count(b"\n", 0, position) + 1 if raw else 0
    message = (
        f"模板文件不是 UTF-8 编码（第 {position + 1} 字节无法解码），请另存为 UTF-8 "
        "(template is not UTF-8)"
    )
    return message, filename, line


TEMPLATE_CACHE_ENV = CACHE_ENV  # a folder, or "off" (ssg/user_cache.py)


def template_cache() -> jinja2.BytecodeCache | None:
    """Where compiled theme templates are kept between runs, as Python keeps compiled modules
    in __pycache__: compiling the default theme's templates took 0.15 s of every build's
    one-process start (a tenth of a cold build at 1k items), loading them 0.01 s. The folder
    is the user's cache folder's (ssg/user_cache.py), one a version of the compiler
    (`_compiler_fingerprint`); Jinja keys each template by its name and the checksum of its
    text, so an edited template is compiled again. None when the folder cannot be made, or
    someone else could write to it (its files are run as code)."""
    folder = user_cache_folder(f"templates-{_compiler_fingerprint()}")
    if folder is None:
        return None
    return _TemplateCache(str(folder))


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """A folder that cannot be read or written (full, read-only, removed meanwhile) costs only
    the compiling, never the build; and so does a file damaged by a crash or a bad disk.
    Jinja checks the template's checksum but runs the code that follows it as it finds it:
    one flipped byte in it made every build fail on a template nobody had touched, until
    someone deleted the folder. Each file here starts with the digest of what follows."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            with open(self._get_cache_filename(bucket), "rb") as handle:
                data = handle.read()
        except OSError:
            return
        digest, payload = data[:_DIGEST], data[_DIGEST:]
        if payload and hashlib.blake2b(payload, digest_size=_DIGEST).digest() == digest:
            bucket.bytecode_from_string(payload)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        payload = bucket.bytecode_to_string()
        target = self._get_cache_filename(bucket)
        with contextlib.suppress(OSError):
            # (written beside and renamed: two builds at once never leave half a file)
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(hashlib.blake2b(payload, digest_size=_DIGEST).digest() + payload)
                os.replace(temporary, target)
            except OSError:
                os.unlink(temporary)
                raise


_DIGEST = 16  # bytes of blake2b at the head of each compiled template


@functools.cache
def _compiler_fingerprint() -> str:
    """What a compiled template depends on besides its text: Jinja and Python, and ssg's
    environment (its options, here) and its extension (ssg/fragments.py)."""
    digest = hashlib.blake2b(f"{jinja2.__version__} {sys.version}".encode(), digest_size=8)
    for module in (__file__, fragments.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


class PageTemplate(jinja2.Template):
    """A theme template whose `{{ … }}` are written by `write_value`. Jinja's compiled code
    writes each through the name `escape` of its module (jinja2/compiler.py, the output of an
    expression under autoescape), which is the module the template's functions run in: set
    there, it is what they call. Were Jinja to call it otherwise, the name would go unused
    and pages would be written by Jinja's own `escape`: the same bytes, only slower."""

    @classmethod
    def from_code(
        cls,
        environment: jinja2.Environment,
        code: CodeType,
        globals: MutableMapping[str, Any],
        uptodate: Callable[[], bool] | None = None,
    ) -> jinja2.Template:
        template = super().from_code(environment, code, globals, uptodate)
        module: dict[str, Any] = template.root_render_func.__globals__
        module["escape"] = write_value
        return template

    def new_context(
        self,
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: Mapping[str, Any] | None = None,
    ) -> jinja2.runtime.Context:
        # An include passes the includer's local names, those not set as `missing` (an
        # article page's `expired`, twice a page): Jinja copies the whole context, ~50 names,
        # to leave them out again. With none set, the context is the one it would share.
        if shared and locals:
            for value in locals.values():
                if value is not missing:
                    break
            else:
                locals = None
        return super().new_context(vars, shared, locals)


class PageContext(jinja2.runtime.Context):
    """The context a theme template runs in, which calls its functions (`asset(…)`,
    `section_nav(…)`, a fragment's cache) a little faster than Jinja's. Jinja's `call` asks
    each callable, and its `__call__`, whether it wants the context, the environment or the
    evaluation context passed first (`jinja_pass_arg`, set by `pass_context` and the like):
    four attribute look-ups, one of them a failing one that raises and catches an
    AttributeError for a bound method, 0.5-0.9 µs of each of the six or so calls of a page.
    A Python function (bound or not) or a built-in one can carry that mark only in the
    function's own `__dict__`: where it does not, it is called here as Jinja would call it;
    anything else is called by Jinja."""

    @internalcode
    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        kind = type(__obj)
        if kind is MethodType:
            function = __obj.__func__  # type: ignore[attr-defined]
            plain = type(function) is FunctionType and _PASS_ARG not in function.__dict__
        else:
            plain = (kind is FunctionType and _PASS_ARG not in __obj.__dict__) or (
                kind is BuiltinFunctionType
            )
        if not plain:
            return super().call(__obj, *args, **kwargs)
        if kwargs:  # (what Jinja adds in loops and blocks for context functions only)
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # (as Jinja's: an iterator's end is not the template's error)
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


_PASS_ARG = "jinja_pass_arg"  # (jinja2.utils._PassArg.from_obj)


def environment(root: Path, theme: str) -> jinja2.Environment:
    env = jinja2.Environment(
        extensions=[FragmentCache],
        loader=ThemeLoader([str(d / "templates") for d in theme_dirs(root, theme)]),
        bytecode_cache=template_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment per build: a template is read once, not stat()ed again for every
        # page that includes it (a changed theme makes a new build, hence a new environment).
        auto_reload=False,
        # Every template kept, in a plain dict: Jinja's default LRU cache takes a lock and
        # moves the name to the end of a queue on each look-up, five a page (the page and its
        # includes); a theme has a few dozen templates.
        cache_size=-1,
    )
    env.template_class = PageTemplate
    env.context_class = PageContext
    env.filters["href"] = href
    env.filters["day"] = day
    env.filters["minute"] = minute
    env.filters["cn_date"] = lambda d: f"{d.year}年{d.month}月{d.day}日" if d else ""
    env.filters["bytes"] = human_size
    env.filters["meta_tags"] = meta_tags
    env.filters["paragraphs"] = paragraphs  # a 留言 typed with returns (ssg/cjk.py)
    env.filters["one_line"] = one_line
    env.filters["ranges"] = unbroken_ranges
    return env


def day(moment: Any) -> str:
    """2026-11-20, as `f"{moment:%Y-%m-%d}"` writes it (the year not padded, as glibc's
    strftime leaves it), from the fields: strftime took 2 µs a date, and a listing page shows
    twenty (47,000 dates at 10k items)."""
    if not moment:
        return ""
    try:
        return f"{moment.year}-{moment.month:02}-{moment.day:02}"
    except AttributeError:  # (not a date: what strftime's format makes of it, or its error)
        return f"{moment:%Y-%m-%d}"


def minute(moment: Any) -> str:
    """2026-11-20 09:30, as `f"{moment:%Y-%m-%d %H:%M}"` writes it (see `day`)."""
    # A page's own time, two or three a page: isoformat writes it in half the time of the
    # five formatted fields below. (It pads a year before 1000, and adds a time zone.)
    if type(moment) is _DATETIME and moment.tzinfo is None and moment.year >= 1000:
        return moment.isoformat(" ", "minutes")
    if not moment:
        return ""
    try:
        return (
            f"{moment.year}-{moment.month:02}-{moment.day:02} {moment.hour:02}:{moment.minute:02}"
        )
    except AttributeError:  # (a date without a time: 00:00, as strftime writes it)
        return f"{moment:%Y-%m-%d %H:%M}"


_DATETIME = dt.datetime

# The tags every page of the site or of a column shows alike (Renderer.site_meta,
# column_meta): the only ones worth keeping made. A page's own (its title, time, URL…) are
# shown once, or on a page or two more: keeping them held one entry per item (26,068 at 10k
# items, against 279 shared), each hashed for a look-up that found it once.
SHARED_META = frozenset(
    ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnDescription",
     "ColumnKeywords", "ColumnType")
)  # fmt: skip

_META_TAGS: dict[tuple[str, str], str] = {}


def meta_tags(meta: Mapping[str, str]) -> Markup:
    """The page's <meta name content> tags (RULES DESIGN-02..04), a line each, as a Jinja loop
    over them wrote them in seven times the time: thirteen tags on every page, most of them
    the same on every page of the site or of a column, each of those made once."""
    tags = _META_TAGS
    if len(tags) > 100_000:  # (a long preview whose site's columns keep changing)
        tags.clear()
    shared = SHARED_META
    out = []
    for pair in meta.items():
        name = pair[0]
        tag = tags.get(pair) if name in shared else None
        if tag is None:
            # Escaped without the Markup that `escape` wraps each value in (7.5 -> 3.5 µs a
            # page).
            value = pair[1]
            tag = (
                '<meta name="'
                + (escape_text(name) if type(name) is str else str(escape(name)))
                + '" content="'
                + (escape_text(value) if type(value) is str else str(escape(value)))
                + '">\n'
            )
            if name in shared:
                tags[pair] = tag
        out.append(tag)
    return Markup("".join(out))


def compile_page_templates(env: jinja2.Environment) -> None:
    """Compile the theme's page templates now, before the render workers fork: each would
    compile its own copy (0.14 s of a worker's 0.3 s of CPU in a 1k build). A template that
    does not compile (or cannot be read: a GBK backup, a file without permission) is left to
    fail where a page uses it, as it would have.

    Their globals are made one dict too. Jinja keeps a template's globals as a ChainMap over
    the environment's, so that a global set later still shows; every page and every include
    then copies it key by key in Python (new_context, Context): 5% of rendering an item page.
    The environment's globals are all set by now (Renderer, install_globals), and none later."""
    for name in env.list_templates(extensions=["html"]):
        with contextlib.suppress(jinja2.TemplateError, UnicodeError, OSError):
            template = env.get_template(name)
            template.globals = dict(template.globals)


# A range of numbers (2026—2027年采暖期, 1—10月): a line broke before its dash.
_NUMBER_RANGE = re.compile(r"\d+(?:[—–~～-]\d+)+")


def unbroken_ranges(text: str) -> Markup:
    """`text`, escaped, with each range of numbers in a span the theme keeps on one line (an
    inline-block: it goes whole to the next line, and wraps only when wider than a line)."""
    escaped = escape_text(text) if type(text) is str else str(escape(text))
    return Markup(_NUMBER_RANGE.sub(_unbroken, escaped))


def _unbroken(match: re.Match[str]) -> str:
    return f'<span class="num-range">{match.group(0)}</span>'


def human_size(size: int) -> str:
    """A file's size, its number and unit joined by a no-break space: a narrow table cell had
    split 1.0 / KB."""
    if size < 1024:
        return f"{size}\u00a0B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f}\u00a0KB"
    return f"{size / 1024 / 1024:.1f}\u00a0MB"


@dataclass(frozen=True, slots=True)
class Crumb:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class NavEntry:
    """One column in the section navigation beside column and item pages."""

    title: str
    url: str
    current: bool  # this column, or one of its descendants, is being shown
    here: bool  # exactly this column's listing is being shown
    children: tuple[NavEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    """A home page block: one column, its newest items and its sub-columns."""

    column_id: str
    title: str
    url: str
    items: tuple[Item, ...]
    subcolumns: tuple[tuple[str, str], ...]  # (title, url)
    feed: str = ""  # RSS URL, when the column has one


@dataclass(frozen=True, slots=True)
class PageLink:
    """One entry of a listing's page numbers; number 0 is a gap (…)."""

    number: int
    url: str
    current: bool = False


class Renderer:
    """Renders every page of one site; one instance per build."""

    def __init__(self, site: Site, root: Path) -> None:
        self.site = site
        self.root = root
        self.env = environment(root, site.config.theme)
        # Globals read `self.site` when called, never a captured site: `rebind` swaps it.
        self.env.globals.update(
            site=site,
            config=site.config,
            nav=self.navigation(),
            url_of=lambda iid: self.site.url_of(iid),
            # (another site's name, for its policies and interpretations: ssg/cross_site.py)
            site_name_of=self.site_name_of,
            column_url=site.column_url,
            item=self.item_by_id,
            build_date=site.build_date,
            asset=self.asset_url,
            section_nav=self.section_nav,
            feed_of=self.feed_of,
            file_url_of=lambda iid, name: self.file_url(self.site.items[iid], name),
            interpretations=lambda pid: [
                *(self.site.items[i] for i in self.site.interpretations_of.get(pid, ())),
                *self.site.foreign_interpretations(pid),
            ],
            page_links=page_links,
            # Set by render_reports.install_globals when the site has reports and replies.
            newest_report=None,
            knowledge_base_url="",
        )
        # A listing's entries and pager, the default theme's macros made in Python
        # (render_entries): item_entries, policy_entries, pagination.
        self.listing_parts = ListingParts(self.env, DEFAULT_THEME)
        self.listing_parts.install()
        self._assets: dict[str, str] = {}
        # What every page of a column shows alike: made once per column, not once per page.
        self._column_meta: dict[str, dict[str, str]] = {}
        self._crumbs: dict[str, tuple[Crumb, ...]] = {}
        self._sections: dict[tuple[str, bool], NavEntry | None] = {}
        self._feeds = frozenset(feeds.feed_columns(site))
        # The footer is the same on every page: render it once, not ten thousand times.
        self.env.globals["footer_html"] = Markup(render_template(self.env, "footer.html", {}))
        self.bodies: dict[str, str] = {}  # item id → its body's HTML
        self._md_urls = {f"{i}.md": u for i, u in site.urls.items()}
        self._md_urls.update({f"{i}/index.md": u for i, u in site.urls.items()})

    def rebind(self, site: Site, changed: Iterable[str]) -> None:
        """Render from `site` from now on: the same site but for the items `changed` (a hot
        update of `ssg serve`, ssg/hot.py). Columns, URLs and links must be unchanged, which
        is what lets the compiled templates, the navigation and the footer stay."""
        self.site = site
        self.env.globals["site"] = site
        # Templates compiled before the workers forked hold a copy of the globals
        # (compile_page_templates), which the line above does not reach.
        for template in self._loaded_templates():
            if "site" in template.globals:
                template.globals["site"] = site
        self._column_meta.clear()
        self._crumbs.clear()
        self._sections.clear()
        fragments.clear(self.env)
        for item_id in changed:
            self.bodies.pop(item_id, None)

    def _loaded_templates(self) -> list[jinja2.Template]:
        """The templates the environment has compiled so far (its cache is unbounded)."""
        cache: Mapping[Any, jinja2.Template] | None = self.env.cache
        return list(cache.values()) if cache is not None else []

    def item_by_id(self, item_id: str) -> Item:
        return self.site.items[item_id]

    def site_name_of(self, item_id: str) -> str:
        """The name of the other site of the repository that publishes an item; "" for an
        item of this site."""
        cross = self.site.cross
        found = cross.items.get(item_id) if cross is not None else None
        return found.site_name if found is not None else ""

    def asset_url(self, name: str) -> str:
        """/assets/<name>?v=<hash>: the theme file (site theme first), busted by its content."""
        url = self._assets.get(name)
        if url is None:
            url = f"/assets/{name}"
            for theme in theme_dirs(self.root, self.site.config.theme):
                path = theme / "static" / name
                if path.is_file():
                    url += "?v=" + hashlib.sha256(path.read_bytes()).hexdigest()[:10]
                    break
            self._assets[name] = url
        return url

    def feed_of(self, column_id: str) -> str:
        return feeds.feed_url(column_id) if column_id in self._feeds else ""

    def section_nav(self, column_id: str, listing: bool = True) -> NavEntry | None:
        """The top-level column of `column_id` with two levels of sub-columns, or None.
        `listing`: the page is the column's own listing (else an item page inside it)."""
        key = (column_id, listing)
        if key not in self._sections:
            self._sections[key] = self._section_nav(column_id, listing)
        return self._sections[key]

    def _section_nav(self, column_id: str, listing: bool) -> NavEntry | None:
        chain = self.site.ancestors(column_id)
        if len(chain) < 2:
            return None
        top = chain[1]
        if not self.site.children.get(top):
            return None

        def entry(cid: str, depth: int) -> NavEntry:
            kids = self.site.children.get(cid, ()) if depth < 2 else ()
            return NavEntry(
                title=self.site.columns[cid].title,
                url=self.site.column_url(cid),
                current=cid in chain,
                here=listing and cid == column_id,
                children=tuple(entry(k, depth + 1) for k in kids),
            )

        return entry(top, 0)

    def navigation(self) -> list[tuple[str, str]]:
        return [
            (self.site.columns[cid].title, self.site.column_url(cid))
            for cid in self.site.children.get("", ())
        ]

    # --- meta tags (RULES DESIGN-02..04) --------------------------------------------------

    # (their names: SHARED_META, the tags meta_tags keeps made)
    def site_meta(self) -> dict[str, str]:
        config = self.site.config
        return {
            "SiteName": config.name,
            "SiteDomain": self.site.domain,  # (the old one until a domain change: NOTICE-04)
            "SiteIDCode": config.site_code,
        }

    def column_meta(self, column_id: str) -> dict[str, str]:
        found = self._column_meta.get(column_id)
        if found is None:
            found = self._column_meta[column_id] = self._make_column_meta(column_id)
        return dict(found)

    def _make_column_meta(self, column_id: str) -> dict[str, str]:
        column = self.site.columns[column_id]
        return {
            "ColumnName": column.title,
            "ColumnDescription": column_description(self.site, column_id),
            "ColumnKeywords": ",".join(column_keywords(self.site, column_id)),
            "ColumnType": self.site.column_types.get(column_id, ""),
        }

    def item_meta(self, item: Item) -> dict[str, str]:
        stamp = item.shown_date
        meta = {
            "ArticleTitle": item.title,
            "PubDate": minute(stamp),
            "ContentSource": content_source(self.site, item),
        }
        if item.keywords:
            meta["Keywords"] = ",".join(item.keywords)
        if item.summary:
            meta["Description"] = item.summary
        meta["Url"] = self.site.base_url + href(self.site.urls[item.id])
        return meta

    def breadcrumbs(self, column_id: str) -> list[Crumb]:
        found = self._crumbs.get(column_id)
        if found is None:
            found = self._crumbs[column_id] = tuple(
                Crumb(self.site.columns[cid].title if cid else "首页", self.site.column_url(cid))
                for cid in self.site.ancestors(column_id)
            )
        return list(found)

    # --- bodies ---------------------------------------------------------------------------

    def body(self, item: Item) -> str:
        cached = self.bodies.get(item.id)
        if cached is None:
            url = self.site.urls[item.id]
            # (an id is a normalised path: its folder is what comes before its last "/", or ""
            # at the top; a PurePosixPath for it was 2 µs of each body)
            page_dir = item.id if item.bundle else item.id.rpartition("/")[0]
            bundle_dir = f"{PurePosixPath(url).stem}/" if item.bundle else None
            rewrite = relative_rewriter(page_dir, bundle_dir, self._md_url, self._file_url)
            cached = render_markdown(item.body_md, rewrite)
            self.bodies[item.id] = cached
        return cached

    def _md_url(self, content_path: str) -> str | None:
        url = self._md_urls.get(content_path)
        if url is None:
            return None
        return href(url)

    def _file_url(self, content_path: str) -> str:
        return href(self.site.content_file_url(content_path))

    def file_url(self, item: Item, name: str) -> str:
        """URL of a file an item names (bundle file, or a path under static/)."""
        if name.startswith("static/") or name.startswith("/static/"):
            return href("/" + name.lstrip("/"))
        url = self.site.urls[item.id]
        if item.bundle:
            return href(f"{url[: -len('.html')]}/{name}")
        return href(str(PurePosixPath(url).parent / name))

    # --- pages ----------------------------------------------------------------------------

    def render(self, template: str, **context: Any) -> str:
        """Any template; `page_kind` (the <body data-page>) defaults to the template's name."""
        if "page_kind" not in context:  # (not setdefault: it made the Path for every page)
            context["page_kind"] = PurePosixPath(template).stem
        return render_template(self.env, template, context)

    def item_page(self, item: Item, extra: Mapping[str, Any]) -> str:
        body = self.body(item)
        image = getattr(item, "image", "")
        return self.render(
            TEMPLATES[item.type],
            page_kind=item.type,
            page=item,
            body=Markup(wrap_tables(body, item.title)),
            image_in_body=bool(image)
            and shows_image(body, self.site.urls[item.id], self.file_url(item, image)),
            column=self.site.columns[item.column],
            crumbs=[*self.breadcrumbs(item.column), Crumb(item.title, "")],
            meta={**self.site_meta(), **self.column_meta(item.column), **self.item_meta(item)},
            title=item.title,
            file_url=lambda name: self.file_url(item, name),
            **extra,
        )

    def column_page(self, column_id: str, listing: ListingPage) -> str:
        column = self.site.columns[column_id]
        return self.render(
            "column.html",
            column=column,
            listing=listing,
            items=leaders_first(self.site.items[i] for i in listing.item_ids),
            subcolumns=self.site.children.get(column_id, ()),
            item_type=self.site.column_item_type.get(column_id, ""),
            feed=self.feed_of(column_id),
            crumbs=self.breadcrumbs(column_id),
            meta={**self.site_meta(), **self.column_meta(column_id)},
            title=column.title
            if listing.number == 1
            else f"{column.title}（第{listing.number}页）",
            intro=Markup(wrap_tables(render_markdown(column.body_md, lambda t: t), column.title))
            if listing.number == 1
            else "",
        )

    def home_blocks(self) -> list[tuple[str, list[Item]]]:
        """One block per top-level column that has items: its newest items."""
        blocks = []
        for column_id in self.site.children.get("", ()):
            ids = self.site.items_under(column_id)[:HOME_BLOCK_SIZE]
            if ids:
                blocks.append((column_id, [self.site.items[i] for i in ids]))
        return blocks

    def first_column_of_type(self, column_type: str) -> str | None:
        """The top-most column of a national ColumnType, in navigation order (breadth first)."""
        queue = list(self.site.children.get("", ()))
        while queue:
            cid = queue.pop(0)
            if self.site.column_types.get(cid) == column_type:
                return cid
            queue.extend(self.site.children.get(cid, ()))
        return None

    def block(self, column_id: str, size: int = HOME_BLOCK_SIZE) -> Block:
        ids = self.site.items_under(column_id)[:size]
        return Block(
            column_id=column_id,
            title=self.site.columns[column_id].title,
            url=self.site.column_url(column_id),
            items=tuple(self.site.items[i] for i in ids),
            subcolumns=tuple(
                (self.site.columns[c].title, self.site.column_url(c))
                for c in self.site.children.get(column_id, ())
            ),
            feed=self.feed_of(column_id),
        )

    def home_sections(self) -> dict[str, Any]:
        """The featured blocks of the home page (None when the site has no such column) and
        `others`: a block per top-level column that is not itself featured."""
        short = {"notices", "interpretations", "interaction"}
        sections: dict[str, Any] = {}
        featured: set[str] = set()
        for key, column_type in HOME_FEATURES.items():
            cid = self.first_column_of_type(column_type)
            if cid is None:
                sections[key] = None
                continue
            featured.add(cid)
            sections[key] = self.block(cid, HOME_SHORT_BLOCK if key in short else HOME_BLOCK_SIZE)
        sections["others"] = [
            self.block(cid, HOME_SHORT_BLOCK)
            for cid in self.site.children.get("", ())
            if cid not in featured
        ]
        return sections

    def home_page(self) -> str:
        home = self.site.columns[""]
        return self.render(
            "home.html",
            blocks=self.home_blocks(),
            home=self.home_sections(),
            crumbs=[],
            meta={**self.site_meta(), **self.column_meta("")},
            title=self.site.config.name,
            intro=Markup(render_markdown(home.body_md, lambda t: t)),
        )

    def plain_page(self, template: str, title: str, **context: Any) -> str:
        return self.render(
            template,
            crumbs=[Crumb("首页", "/"), Crumb(title, "")],
            meta=self.site_meta(),
            title=title,
            **context,
        )


_TABLE_OPEN = re.compile(r"<table\b")


_IMG_SRC = re.compile(r'<img\b[^>]*?\ssrc="([^"]*)"')


def shows_image(body: str, page_url: str, image_url: str) -> bool:
    """Whether the body already shows the picture at `image_url` (an URL path; the body's
    links are relative to `page_url`): a 题图 above it would show the same picture twice."""
    for src in _IMG_SRC.findall(body):
        if posixpath.normpath(posixpath.join(posixpath.dirname(page_url), unescape(src))) == (
            posixpath.normpath(image_url)
        ):
            return True
    return False


def wrap_tables(html: str, title: str = "") -> str:
    """Every body table in its own keyboard-scrollable box, so a wide table scrolls inside
    the box and never the page at 320 px (WCAG 1.4.10 reflow; 2.1.1 keyboard). The box and
    the table are named for what the table is about (table_names: its caption, else the
    heading before it, else `title`, the page's), not “表格” (WCAG 1.3.1, 4.1.2)."""
    if "<table" not in html:
        return html
    names = iter(table_names(html, title))

    def open_box(_match: re.Match[str]) -> str:
        table = next(names, None)
        label = escape(table.name) if table else "表格"
        named = "<table" if table is None or table.captioned else f'<table aria-label="{label}"'
        return f'<div class="table-wrap" role="region" tabindex="0" aria-label="{label}">{named}'

    return _TABLE_OPEN.sub(open_box, html).replace("</table>", "</table></div>")


def leaders_first(items: Iterable[Item]) -> list[Item]:
    """A listing page as it comes, except 负责人信息 by their `order` (市长 first)."""
    entries = list(items)
    if entries and all(isinstance(e, Leader) for e in entries):
        return sorted(entries, key=lambda e: (e.order if isinstance(e, Leader) else 0, e.id))
    return entries


def page_links(listing: ListingPage, window: int = 2) -> list[PageLink]:
    """Page numbers of a listing: the first, the last, `window` around the current, gaps."""
    base = listing.url
    if listing.number > 1:
        base = listing.url.rsplit("/", 1)[0] + "/"

    def url(number: int) -> str:
        return base if number == 1 else f"{base}index_{number}.html"

    shown = sorted(
        {1, listing.total}
        | set(
            range(max(1, listing.number - window), min(listing.total, listing.number + window) + 1)
        )
    )
    out: list[PageLink] = []
    previous = 0
    for number in shown:
        if number - previous > 1:
            out.append(PageLink(0, ""))
        out.append(PageLink(number, url(number), number == listing.number))
        previous = number
    return out


def content_source(site: Site, item: Item) -> str:
    if isinstance(item, Policy):
        return item.source or item.issuer
    return item.source or site.config.host


def column_description(site: Site, column_id: str) -> str:
    column = site.columns[column_id]
    return column.description or default_description(site.config.name, site.columns, column_id)


def column_keywords(site: Site, column_id: str) -> tuple[str, ...]:
    column = site.columns[column_id]
    return column.keywords or default_keywords(
        site.config.name, site.columns, site.column_types, column_id
    )
