"""Property tests: whatever an editor saves, ssg answers with a result or ordinary diagnostics.

Random text, random bytes, YAML-ish front matter built from the real schema's keys, and random
Markdown go through the parser, the validator, the loader and the real CLI. Nothing may raise,
every diagnostic is one line of the one format, and the CLI never exits 3 (a bug in ssg).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ssg.cli import main
from ssg.content.frontmatter import parse_document
from ssg.content.loader import load_content
from ssg.content.markdown import relative_rewriter, render_markdown
from ssg.content.model import ITEM_CLASSES, Location
from ssg.content.validate import (
    COLUMN_FIELDS,
    COMMON_FIELDS,
    MATERIAL_FIELDS,
    TYPE_FIELDS,
    column_from_front_matter,
    item_from_front_matter,
)
from ssg.diagnostics import Diagnostic, Diagnostics, Severity

REL = "content/news/x.md"
TYPES = list(ITEM_CLASSES)
SITE_YAML = (
    "name: 示例市人民政府\n"
    "domain: www.shili.gov.cn\n"
    "level: city\n"
    'site_code: "2201000001"\n'
    "host: 示例市人民政府办公室\n"
)
ONE_LINE = re.compile(
    r"^[^\n]+:\d+: (?:error|veto|deduct|advice) \[[A-Z][A-Z0-9]*(?:-[0-9A-Z]+)*\] [^\n]+$"
)
CHEAP = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DISK = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_ordinary(diags: Diagnostics, files: set[str] | None = None, lines: int = 0) -> None:
    for d in diags:
        assert isinstance(d, Diagnostic)
        assert isinstance(d.severity, Severity)
        assert isinstance(d.line, int) and d.line >= 0
        if lines:
            assert d.line <= lines + 1, str(d)
        assert isinstance(d.field, str) and isinstance(d.message, str) and d.message.strip()
        if files is not None:
            assert d.file in files, str(d)
        text = str(d)  # always one line: values with line breaks are shown escaped
        assert "\n" not in text and "\r" not in text, repr(text)
        assert ONE_LINE.match(text), text


def has_error(diags: Diagnostics) -> bool:
    return any(d.severity is Severity.ERROR for d in diags)


# --- strategies --------------------------------------------------------------------------

SCHEMA_KEYS = sorted(
    set(COMMON_FIELDS)
    | {key for table in TYPE_FIELDS.values() for key in table}
    | set(COLUMN_FIELDS)
    | set(MATERIAL_FIELDS)
)
YAML_CHARS = ":#-[]{},&*!|>'\"%@`?\\\t /.~"
SAMPLE_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(YAML_CHARS),
        st.sampled_from("甲乙丙政府〔〕（）【】［］号发文２０１９年月日：，。、"),
        st.characters(min_codepoint=32, max_codepoint=0x2FFF, blacklist_categories=("Cs",)),
        st.sampled_from("abcxyz0123456789"),
    ),
    max_size=20,
)


@st.composite
def keys(draw: st.DrawFn) -> str:
    key = draw(st.sampled_from(SCHEMA_KEYS))
    mutation = draw(st.sampled_from(["none", "none", "none", "drop", "swap", "upper", "random"]))
    if mutation == "drop" and len(key) > 1:
        index = draw(st.integers(0, len(key) - 1))
        key = key[:index] + key[index + 1 :]
    elif mutation == "swap" and len(key) > 2:
        index = draw(st.integers(0, len(key) - 2))
        key = key[:index] + key[index + 1] + key[index] + key[index + 2 :]
    elif mutation == "upper":
        key = key.upper()
    elif mutation == "random":
        key = draw(SAMPLE_TEXT) or "k"
    return key


DATES = st.one_of(
    st.builds(
        lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}",
        st.integers(1900, 2100),
        st.integers(0, 13),
        st.integers(0, 32),
    ),
    st.builds(
        lambda y, m, d, h, mi: f"{y:04d}-{m:02d}-{d:02d} {h:02d}:{mi:02d}",
        st.integers(1900, 2100),
        st.integers(1, 12),
        st.integers(1, 28),
        st.integers(0, 25),
        st.integers(0, 61),
    ),
    st.sampled_from(["2024年3月5日", "2024/03/05", "2024-3-5", "昨天", "2026-11-20"]),
)
SPECIAL_VALUES = [
    "yes", "no", "on", "true", "false", "~", "null", "0012345", "9:00", "1e3", "-1", "2w",
    "6m", "none", "0d", "全程网办", "有效", "已废止", "咨询", "原件", "policy", "news",
    "page", "service", "吉政办发〔2019〕27号", "吉政办发[2019]27号", "zwgk/zcwj/a", "",
    "/old/a.html", "../x", "//evil.com/x", "index", "by-year", "''", '""', "|", ">",
]  # fmt: skip
SCALARS = st.one_of(
    SAMPLE_TEXT, DATES, st.sampled_from(SPECIAL_VALUES), st.integers(-10, 10**6).map(str)
)


def quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@st.composite
def scalar_text(draw: st.DrawFn) -> str:
    value = draw(SCALARS)
    style = draw(st.sampled_from(["plain", "plain", "single", "double"]))
    if style == "single":
        return quoted(value)
    if style == "double":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


@st.composite
def value_lines(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    """The lines that follow `key:` — inline scalar, flow collection or a nested block."""
    pad = " " * indent
    kind = draw(st.sampled_from(["scalar"] * 4 + ["flow", "block_list", "block_map", "literal"]))
    if kind == "scalar" or depth > 2:
        return [" " + draw(scalar_text())]
    if kind == "flow":
        items = draw(st.lists(scalar_text(), max_size=4))
        if draw(st.booleans()):
            return [" [" + ", ".join(items) + "]"]
        pairs = [f"{draw(keys())}: {item}" for item in items]
        return [" {" + ", ".join(pairs) + "}"]
    if kind == "literal":
        body = draw(st.lists(SAMPLE_TEXT, min_size=1, max_size=3))
        return [" |", *(f"{pad}  {line}" for line in body)]
    lines = [""]
    for _ in range(draw(st.integers(1, 3))):
        if kind == "block_list":
            if draw(st.booleans()):
                lines.append(f"{pad}  - {draw(scalar_text())}")
            else:  # a mapping inside a list, as in `materials`
                first, *rest = draw(
                    st.lists(st.tuples(keys(), scalar_text()), min_size=1, max_size=3)
                )
                lines.append(f"{pad}  - {first[0]}: {first[1]}")
                lines.extend(f"{pad}    {k}: {v}" for k, v in rest)
        else:
            key = draw(keys())
            nested = draw(value_lines(indent + 2, depth + 1))
            lines.append(f"{pad}  {key}:{nested[0]}")
            lines.extend(nested[1:])
    return lines


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 10))):
        key = draw(keys())
        value = draw(value_lines(0, 0))
        lines.append(f"{key}:{value[0]}")
        lines.extend(value[1:])
    # Sprinkle the editor's classic mistakes over a few lines.
    for _ in range(draw(st.integers(0, 2))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        mistake = draw(st.sampled_from(["tab", "space", "unindent", "colon", "quote", "bracket"]))
        line = lines[index]
        lines[index] = {
            "tab": "\t" + line,
            "space": " " + line,
            "unindent": line.lstrip(),
            "colon": line + ": x",
            "quote": line + '"',
            "bracket": line + "[",
        }[mistake]
    return "\n".join(lines)


MARKDOWN_PIECES = st.sampled_from(
    [
        "# 标题\n", "## 二级\n", "正文段落。\n", "\n", "- 项\n- 项\n", "1. 一\n2. 二\n",
        "| a | b |\n|---|:-:|\n| 1 | 2 |\n", "```\ncode <script>\n```\n", "> 引用\n",
        "[链接](other.md)\n", "[链接](../zwgk/a.md#x)\n", "![图](photo.jpg)\n",
        "[外链](https://www.gov.cn/)\n", "[坏](javascript:alert(1))\n", "[空]()\n",
        "<script>alert(1)</script>\n", '<p onclick="x()">点</p>\n',
        '<iframe src="https://evil.com/"></iframe>\n', '<iframe src="/v.html"></iframe>\n',
        '<a href="JaVaScript:alert(1)">x</a>\n', '<img src=x onerror="alert(1)">\n',
        "<div>\n", "</div>\n", "<!-- 注释 -->\n", "---\n", "***\n", "~~删~~\n", "\t缩进\n",
        "[ref]: http://a\n", "<", "&amp; &#0; &#x110000;\n", "](", "![", "|", "`",
    ]
)  # fmt: skip
MARKDOWN = st.lists(st.one_of(MARKDOWN_PIECES, SAMPLE_TEXT), max_size=25).map("".join)


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """A whole content file: mostly well-framed, sometimes broken at the frame too."""
    fm = draw(front_matter())
    body = draw(MARKDOWN)
    frame = draw(st.sampled_from(["ok"] * 6 + ["bom", "crlf", "unclosed", "none", "dots"]))
    if frame == "unclosed":
        text = f"---\n{fm}\n{body}"
    elif frame == "none":
        text = f"{fm}\n{body}"
    elif frame == "dots":
        text = f"---\n{fm}\n...\n{body}"
    else:
        text = f"---\n{fm}\n---\n{body}"
    if frame == "crlf":
        text = text.replace("\n", "\r\n")
    raw = text.encode("utf-8")
    return b"\xef\xbb\xbf" + raw if frame == "bom" else raw


CLEAN_TEXT = st.text(
    alphabet=st.characters(
        min_codepoint=32, max_codepoint=0x9FFF, blacklist_categories=("Cc", "Cs", "Zl", "Zp")
    ),
    min_size=1,
    max_size=20,
)
GOOD_DATES = st.one_of(
    st.dates(dt.date(1990, 1, 1), dt.date(2026, 11, 20)).map(dt.date.isoformat),
    st.dates(dt.date(1990, 1, 1), dt.date(2027, 12, 31)).map(lambda d: f"{d:%Y-%m-%d} 09:30"),
)
NEWS_EXTRAS = {
    "slug": st.one_of(st.from_regex(r"[a-z0-9-]{1,12}", fullmatch=True), CLEAN_TEXT),
    "aliases": st.lists(
        st.one_of(st.from_regex(r"/[a-z0-9/._-]{0,20}", fullmatch=True), CLEAN_TEXT), max_size=3
    ),
    "summary": CLEAN_TEXT,
    "keywords": st.lists(CLEAN_TEXT, max_size=3),
    "author": CLEAN_TEXT,
    "image": st.sampled_from(["photo.jpg", "static/a.png", "../x.png", "", "不存在.jpg"]),
    "weight": st.integers(-5, 5).map(str),
    "draft": st.sampled_from(["true", "false"]),
    "updated": GOOD_DATES,
    "reviewed_by": CLEAN_TEXT,
    "allow": st.dictionaries(st.sampled_from(["SEC-06", "CONTENT-02", "ID-01"]), CLEAN_TEXT),
    "type": st.sampled_from(["news", "notice", "page"]),
}


def dump(value: object) -> str:
    """A value as single-quoted YAML flow text, so that every example is well-formed."""
    if isinstance(value, list):
        return "[" + ", ".join(dump(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {dump(v)}" for k, v in value.items()) + "}"
    return quoted(str(value))


@st.composite
def mostly_valid_news(draw: st.DrawFn) -> bytes:
    """A news item that parses and usually validates: the build goes on to render and check."""
    lines = [
        f"title: {quoted(draw(CLEAN_TEXT))}",
        f"date: {draw(GOOD_DATES)}",
        f"source: {quoted(draw(CLEAN_TEXT))}",
    ]
    extras = draw(st.lists(st.sampled_from(sorted(NEWS_EXTRAS)), unique=True, max_size=5))
    lines += [f"{key}: {dump(draw(NEWS_EXTRAS[key]))}" for key in extras]
    return ("---\n" + "\n".join(lines) + "\n---\n" + draw(MARKDOWN)).encode("utf-8")


ANY_FILE = st.one_of(
    documents(),
    documents(),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
)


# --- parse and validate one document ------------------------------------------------------


def parse_and_validate(raw: bytes, type_name: str) -> None:
    diags = Diagnostics()
    parsed = parse_document(raw, REL, diags)
    lines = raw.count(b"\n") + raw.count(b"\r") + 1
    assert_ordinary(diags, {REL}, lines)
    if parsed is None:
        assert has_error(diags), "a document refused without an error"
        return
    assert not has_error(diags), "a parsed document with an error"
    assert isinstance(parsed.data, dict)
    assert all(isinstance(k, str) for k in parsed.data)
    assert all(1 <= line <= lines for line in parsed.lines.values())

    item_diags = Diagnostics()
    item = item_from_front_matter(
        item_id="news/x",
        column_id="news",
        default_type=type_name,
        bundle=False,
        data=parsed.data,
        location=Location(REL, parsed.lines, parsed.body_line),
        body=parsed.body,
        diags=item_diags,
    )
    assert_ordinary(item_diags, {REL}, lines)
    assert (item is None) == has_error(item_diags), [str(d) for d in item_diags]

    column_diags = Diagnostics()
    column, valid = column_from_front_matter(
        column_id="news",
        data=parsed.data,
        location=Location(REL, parsed.lines, parsed.body_line),
        body=parsed.body,
        extra_column_types=(),
        diags=column_diags,
    )
    assert_ordinary(column_diags, {REL}, lines)
    assert valid == (not has_error(column_diags))
    assert column.id == "news" and column.title


@CHEAP
@given(text=st.text(max_size=400), type_name=st.sampled_from(TYPES))
def test_random_text_never_raises(text: str, type_name: str) -> None:
    parse_and_validate(text.encode("utf-8", "surrogatepass"), type_name)


@CHEAP
@given(raw=st.binary(max_size=400), type_name=st.sampled_from(TYPES))
def test_random_bytes_never_raise(raw: bytes, type_name: str) -> None:
    parse_and_validate(raw, type_name)


@CHEAP
@given(text=st.text(max_size=200), type_name=st.sampled_from(TYPES))
def test_random_text_as_front_matter_never_raises(text: str, type_name: str) -> None:
    parse_and_validate(f"---\n{text}\n---\n正文\n".encode("utf-8", "surrogatepass"), type_name)


@CHEAP
@given(raw=documents(), type_name=st.sampled_from(TYPES))
def test_yamlish_documents_never_raise(raw: bytes, type_name: str) -> None:
    parse_and_validate(raw, type_name)


@CHEAP
@given(fm=front_matter())
def test_scalars_stay_text(fm: str) -> None:
    diags = Diagnostics()
    parsed = parse_document(f"---\n{fm}\n---\n".encode(), REL, diags)
    if parsed is None:
        return

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                assert isinstance(key, str)
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)
        else:
            assert isinstance(value, str), repr(value)

    walk(parsed.data)


# --- Markdown ----------------------------------------------------------------------------


class _Unsafe(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "form", "input", "object", "embed", "base", "meta", "link"):
            self.problems.append(tag)
        for name, value in attrs:
            lowered = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}")
            if name in ("href", "src") and lowered.startswith(
                ("javascript:", "vbscript:", "data:")
            ):
                self.problems.append(f"{tag} {name}={value}")
            if tag == "iframe" and name == "src" and ("//" in lowered or ":" in lowered):
                self.problems.append(f"outside iframe {value}")


@CHEAP
@given(body=MARKDOWN, bundle=st.booleans())
def test_random_markdown_renders_safe_html(body: str, bundle: bool) -> None:
    rewrite = relative_rewriter(
        "news/x" if bundle else "news",
        "x/" if bundle else None,
        {"news/other.md": "/news/o.html"}.get,
    )
    html = render_markdown(body, rewrite)
    checker = _Unsafe()
    checker.feed(html)
    assert checker.problems == [], html


@CHEAP
@given(body=st.text(max_size=300))
def test_random_text_as_markdown_never_raises(body: str) -> None:
    html = render_markdown(body, lambda target: target)
    checker = _Unsafe()
    checker.feed(html)
    assert checker.problems == []


# --- the loader, on disk -----------------------------------------------------------------


def write_site(root: Path, item: bytes, name: str = "x.md") -> None:
    (root / "data").mkdir(parents=True)
    (root / "data" / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    news = root / "content" / "news"
    news.mkdir(parents=True)
    (root / "content" / "_index.md").write_text("---\ntitle: 首页\n---\n", encoding="utf-8")
    (news / "_index.md").write_text("---\ntitle: 工作动态\ntype: news\n---\n", encoding="utf-8")
    (news / "ok.md").write_text(
        "---\ntitle: 正常\ndate: 2026-11-01\nsource: 办公室\n---\n正文\n", encoding="utf-8"
    )
    (news / name).write_bytes(item)


@DISK
@given(item=ANY_FILE, as_column=st.booleans())
def test_loader_on_disk_never_raises(item: bytes, as_column: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_site(root, item, "_index.md" if as_column else "x.md")
        diags = Diagnostics()
        tree = load_content(root, (), diags)
        rel = "content/news/_index.md" if as_column else REL
        assert_ordinary(diags, {rel})
        ids = {i.id for i in tree.items}
        if not as_column:
            assert "news/ok" in ids
            assert ("news/x" in ids) == (not has_error(diags))


# --- the real CLI ------------------------------------------------------------------------


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    item=st.one_of(mostly_valid_news(), mostly_valid_news(), ANY_FILE),
    command=st.sampled_from(["build", "build", "check"]),
)
def test_cli_never_exits_3_on_a_fuzzed_item(item: bytes, command: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        write_site(root, item)
        argv = [command, "--source", str(root), "--date", "2026-11-20"]
        if command == "build":
            argv += ["--out", str(Path(tmp) / "public")]
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(argv)
        assert code != 3, err.getvalue()
        assert code in (0, 1), err.getvalue()
        for line in err.getvalue().splitlines():
            if line.startswith(("content/", "data/", "<site>")):
                assert ONE_LINE.match(line), line
        event(f"exit {code}")
        if code == 0 and command == "build":
            assert (Path(tmp) / "public" / "news" / "ok.html").is_file()
