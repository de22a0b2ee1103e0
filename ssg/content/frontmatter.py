"""Reading what editors wrote: bytes → text → front matter + body, with line numbers.

YAML is read *without* implicit typing: every scalar stays the text the editor typed
(`item_code: 0012345` stays "0012345", `hours: 9:00` stays "9:00"); the schema of each
field decides its type later (ARCHITECTURE §1.2). Every key keeps its line so that a
diagnostic can point at it.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass
from typing import TypeAlias

import yaml

from ssg.content import invisible, lookalike
from ssg.diagnostics import Diagnostics

YamlValue: TypeAlias = str | list["YamlValue"] | dict[str, "YamlValue"]

# A document that nests or aliases beyond this is hostile or broken, not content.
_MAX_NODES = 200_000
_BINARY_SNIFF = 8192


# libyaml's parser when PyYAML was built with it: composing is most of a build's parse time.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_DEFAULT_TAGS = {
    yaml.ScalarNode: yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
    yaml.SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
    yaml.MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
}


class _TextLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader with no implicit resolvers: plain scalars are all `str`.

    With neither implicit nor path resolvers, PyYAML's resolve() always ends in the default
    tag of the node's kind; libyaml calls it for every node (220,000 at 10k items), so the
    answer is looked up instead of worked out."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


_TextLoader.yaml_implicit_resolvers = {}


@dataclass(frozen=True, slots=True)
class Parsed:
    """Front matter as plain text-typed values, the line of every field, and the body."""

    data: dict[str, YamlValue]
    lines: dict[str, int]  # "materials[2].name" -> 1-based line in the file
    body: str
    body_line: int  # the file line on which the body starts
    # Fields whose value YAML would read as null (`title: null`, `title: ~`), written plain,
    # not quoted, at any depth ("materials[1].name", "basis[2]"): kept as the text typed
    # (scalars are text), but a required field or a list entry written so was almost
    # certainly left unfilled, and the schema says so.
    plain_nulls: frozenset[str] = frozenset()


def _is_utf8(head: bytes) -> bool:
    """Whether `head` is UTF-8, but for a character its end may cut."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _looks_like_utf16(raw: bytes) -> bool:
    """UTF-16 without a BOM: text once decoded, where a binary file is not."""
    head = raw[: _BINARY_SNIFF & ~1]
    if b"\x00" not in head:
        return False
    # UTF-8 with a stray NUL decodes as "text" too (ASCII pairs are CJK code points), and
    # `iconv -f UTF-16` would garble it. UTF-16 that is also UTF-8 is Latin text, with a zero
    # in every other byte; UTF-16 Chinese is not UTF-8 at all.
    if _is_utf8(head) and max(head[0::2].count(0), head[1::2].count(0)) < len(head) // 6:
        return False
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(codec)
        except UnicodeDecodeError:
            continue
        if text.startswith("---") or sum(c.isprintable() or c in "\r\n\t" for c in text) > (
            0.95 * len(text)
        ):
            return True
    return False


def _binary_message(rel: str) -> str:
    """What a binary file where text was expected should be, by the kind of file it is."""
    if rel.endswith(".md"):
        return (
            "这是二进制文件，不是 Markdown 文本；图片和附件请放在条目文件夹（bundle）或 static/ 中 "
            "(binary file where a Markdown text was expected)"
        )
    kind = "CSV" if rel.endswith(".csv") else "YAML"
    return (
        f"这是二进制文件，不是文本；{rel} 应为 UTF-8 编码的 {kind} 文本 "
        "(binary file where a text data file was expected)"
    )


def decode(raw: bytes, rel: str, diags: Diagnostics) -> str | None:
    """UTF-8 (with or without BOM) → text with \\n line ends; anything else is a diagnostic."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(raw):
        diags.error(
            "FILE-01",
            rel,
            1,
            "",
            "文件是 UTF-16 编码（记事本的“Unicode”），请另存为 UTF-8 "
            f"(file is UTF-16; convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8 {rel})",
        )
        return None
    nul = raw.find(b"\x00", 0, _BINARY_SNIFF)
    if nul >= 0:
        if _is_utf8(raw[:_BINARY_SNIFF]):
            line = raw.count(b"\n", 0, nul) + 1
            diags.error(
                "FILE-02",
                rel,
                line,
                "",
                f"第 {line} 行含有空字符（NUL，\\0），文本中不应出现；请在编辑器中删除它后重新保存 "
                "(NUL character in a text file)",
            )
        else:
            diags.error("FILE-02", rel, 0, "", _binary_message(rel))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # utf-8-sig decodes after the BOM: its positions are 3 bytes short of the file's.
        position = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        line = raw.count(b"\n", 0, position) + 1
        hint = ""
        try:
            raw.decode("gb18030")
            hint = (
                "看起来是 GBK/GB18030 编码，请转换为 UTF-8 后再提交，例如 "
                f"`iconv -f GBK -t UTF-8 {rel} -o {rel}.utf8`，或在编辑器中“另存为 UTF-8” "
            )
        except UnicodeDecodeError:
            pass
        diags.error(
            "FILE-01",
            rel,
            line,
            "",
            f"文件不是 UTF-8 编码（第 {position + 1} 字节无法解码）；{hint}"
            "(file is not UTF-8; convert it to UTF-8)",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_FENCE = re.compile(r"---[ \t]*")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def split(text: str, rel: str, diags: Diagnostics) -> tuple[str, int, str, int] | None:
    """Cut `---` front matter from the body.

    Returns (yaml_text, first_yaml_line, body, body_line) or None when there is no valid
    front matter (a diagnostic says why).
    """
    first_end = text.find("\n")
    opening = text if first_end < 0 else text[:first_end]
    if not _FENCE.fullmatch(opening):
        if _report_hidden_fence(opening, 1, "YAML-03", rel, diags):
            return None
        diags.error(
            "YAML-03",
            rel,
            1,
            "",
            "文件开头缺少 front matter：第一行应为 ---，随后是 title 等字段，再以 --- 结束 "
            "(missing front matter: the file must start with a --- line)",
        )
        return None
    # (searched for, not split into lines: the body is most of the text)
    close = _CLOSE.search(text, first_end + 1) if first_end >= 0 else None
    # A closing line the editor sees as --- but that holds an invisible character is no fence:
    # the front matter would run on to the body's first rule, or to the end of the file.
    if first_end >= 0 and _hidden_close(text, first_end + 1, close, rel, diags):
        return None
    if close is None:
        diags.error(
            "YAML-02",
            rel,
            1,
            "",
            "front matter 没有结束的 --- 行（第 1 行开始） (front matter is not closed by a --- line)",
        )
        return None
    yaml_text = text[first_end + 1 : max(first_end + 1, close.start() - 1)]
    body = text[close.end() + 1 :]
    return yaml_text, 2, body, text.count("\n", 0, close.start()) + 2


def _report_hidden_fence(
    line_text: str, line: int, code: str, rel: str, diags: Diagnostics
) -> bool:
    """Report a line that is a `---` fence but for invisible characters; whether it was one."""
    at = invisible.first(line_text)
    if at < 0 or not _FENCE.fullmatch(invisible.remove(line_text)):
        return False
    char = line_text[at]
    dashes = line_text.find("---")
    where = "中间" if dashes < 0 else "前面" if at < dashes else "后面"
    which, role = ("第一行", "开始") if line == 1 else ("这一行", "结束")
    diags.error(
        code,
        rel,
        line,
        "",
        f"{which}是{role} front matter 的 ---，但 --- {where}有看不见的{invisible.describe(char)}"
        f"{invisible.origin(char)}；请删除这一行，重新输入 --- "
        f"(invisible character U+{ord(char):04X} on the --- line; retype the line)",
    )
    return True


def _hidden_close(
    text: str, start: int, close: re.Match[str] | None, rel: str, diags: Diagnostics
) -> bool:
    """Report a closing `---` with an invisible character before the fence YAML found."""
    end = close.start() if close is not None else len(text)
    if invisible.PATTERN.search(text, start, end) is None:
        return False  # (nearly every file: no line need be looked at)
    line = text.count("\n", 0, start) + 1
    for line_text in text[start:end].split("\n"):
        # (a fence is short; most lines are passed over by their length)
        short = len(line_text) < 16 and "-" in line_text
        if short and _report_hidden_fence(line_text, line, "YAML-02", rel, diags):
            return True
        line += 1
    return False


def parse_yaml(
    yaml_text: str, first_line: int, rel: str, diags: Diagnostics
) -> tuple[dict[str, YamlValue], dict[str, int], frozenset[str]] | None:
    """Text-typed YAML mapping with the line of every key, and the paths of its plain null
    words (Parsed.plain_nulls); None after reporting a problem."""
    simple = simple_mapping(yaml_text, first_line)
    if simple is not None:
        data, lines = simple
        return data, lines, plain_nulls(yaml_text, first_line, data, lines)
    nulls: set[str] = set()
    parsed = parse_yaml_value(yaml_text, first_line, rel, diags, mapping=True, nulls=nulls)
    if parsed is None:
        return None
    value, lines = parsed
    assert isinstance(value, dict)
    return value, lines, frozenset(nulls)


# The front matter most content files have: lines of `key: value` (and blank lines), each
# value one plain or quoted scalar (a double-quoted one without escapes) or a one-line list
# of plain scalars (`keywords: [甲, 乙]`). Read here, it is
# exactly what libyaml and _Walker make of it (tests/content/test_frontmatter.py holds the
# two to each other, on generated documents too), in a third of the time: composing builds
# a Python node per scalar, and was a third of the parse stage of a cold build at 10k items,
# on one core while the other waits. Anything else (nesting, comments, escapes, a character
# YAML treats specially, a repeated key) is left to libyaml, which also says what is wrong.
_SIMPLE_DOCUMENT = re.compile(
    # (possessive: a line that does not fit fails at once, without backtracking over it; a
    # key is short, as libyaml refuses one of over 1,024 characters)
    r"(?:[A-Za-z_][A-Za-z0-9_]{0,127}+:"
    r"(?:[ ]++[^\n\t \-?:,\[\]{}#&*!|>'\"%@`][^\n\t]*+|[ ]++\[[^\n\t\[\]{}#:?'\"]*+\]"
    r"|[ ]++'(?:[^'\n]|'')*+'|[ ]++\"[^\"\\\n]*+\")?"
    r"[ ]*+(?:\n|\Z)|\n)*+"
)
# Outside YAML's printable set, or a line break to YAML 1.1 (NEL, U+2028, U+2029), or a BOM.
_NOT_SIMPLE_CHAR = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_HIDDEN_HASH = re.compile(invisible.PATTERN.pattern + "#")


def simple_mapping(
    yaml_text: str, first_line: int
) -> tuple[dict[str, YamlValue], dict[str, int]] | None:
    """The mapping and lines that parse_yaml gives, when `yaml_text` is simple front matter
    (see _SIMPLE_DOCUMENT); None when it is not, or when in doubt."""
    if _NOT_SIMPLE_CHAR.search(yaml_text) or _SIMPLE_DOCUMENT.fullmatch(yaml_text) is None:
        return None
    if "#" in yaml_text and _HIDDEN_HASH.search(yaml_text):
        return None  # (a comment after a full-width space, read as text: the walker says so)
    data: dict[str, YamlValue] = {}
    lines: dict[str, int] = {}
    for offset, text_line in enumerate(yaml_text.split("\n")):
        if not text_line:
            continue
        key, _, value = text_line.partition(":")
        value = value.strip(" ")
        if key in data:
            return None  # (libyaml's reading reports it)
        line = first_line + offset
        if value[:1] == "'":  # (only '' is special inside single quotes)
            data[key] = value[1:-1].replace("''", "'")
            lines[key] = line
            continue
        if value[:1] == '"':  # (with no backslash: no escapes)
            data[key] = value[1:-1]
            lines[key] = line
            continue
        if value[:1] == "[":
            inner = value[1:-1]
            items = [item.strip(" ") for item in inner.split(",")] if inner.strip(" ") else []
            if not all(item and item[0] not in _INDICATORS for item in items):
                return None
            values: list[YamlValue] = list(items)
            data[key] = values
            lines[key] = line
            for index in range(1, len(items) + 1):
                lines[f"{key}[{index}]"] = line
            continue
        # A colon before a space or at the end is a mapping, a hash after a space a comment.
        if ": " in value or " #" in value or value[-1:] == ":":
            return None
        data[key] = value
        lines[key] = line
    return data, lines


def parse_yaml_value(
    yaml_text: str,
    first_line: int,
    rel: str,
    diags: Diagnostics,
    mapping: bool = False,
    nulls: set[str] | None = None,
) -> tuple[YamlValue, dict[str, int]] | None:
    """Text-typed YAML of any shape (a data file may be a list) with the line of every key;
    `nulls`, when given, receives the path of every plain (unquoted) null word."""
    for offset, text_line in enumerate(yaml_text.split("\n")):
        # (a list entry's dash is indentation too: "-<Tab>path: www" was read as a value
        # starting with a reserved character)
        indent = text_line[: len(text_line) - len(text_line.lstrip(" \t-"))]
        if "\t" in indent:
            diags.error(
                "YAML-04",
                rel,
                first_line + offset,
                "",
                "YAML 缩进中有制表符（Tab），请改用空格缩进 (tab in YAML indentation; use spaces)",
            )
            return None
    try:
        node = yaml.compose(yaml_text, Loader=_TextLoader)
    except yaml.reader.ReaderError as exc:
        # A control character (Word's \x0b line break, say): say where, on one line.
        line = first_line + yaml_text.count("\n", 0, max(exc.position, 0))
        diags.error(
            "YAML-01",
            rel,
            line,
            "",
            f"含有不可见的控制字符 U+{exc.character:04X}，常见于从 Word 复制的文字；请删除后重新输入 "
            "(control character in YAML)",
        )
        return None
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem):
            diags.error("YAML-07", rel, first_line, "", "YAML 嵌套过深 (YAML nested too deeply)")
            return None
        line, explanation, problem = _explain(exc, yaml_text)
        # (not where an unclosed quote or bracket was opened: libyaml points there, not at
        # the line after a slip)
        stumbled = exc.problem_mark is not None and line == _line(yaml_text, exc.problem_mark)
        if _report_slip(yaml_text, line, first_line, rel, diags, stumbled):
            return None
        diags.error(
            "YAML-01",
            rel,
            first_line + line,
            "",
            f"YAML 语法错误：{explanation} (YAML syntax error: {problem})",
        )
        return None
    except (yaml.YAMLError, RecursionError) as exc:
        diags.error("YAML-01", rel, first_line, "", f"YAML 无法解析 (YAML error: {exc})")
        return None
    if node is None:
        return {}, {}
    if mapping and not isinstance(node, yaml.MappingNode):
        # (`title：通知` alone is one line of text, not a mapping)
        if _report_slip(yaml_text, _line(yaml_text, node.end_mark), first_line, rel, diags):
            return None
        diags.error(
            "YAML-06",
            rel,
            first_line + _line(yaml_text, node.start_mark),
            "",
            "front matter 应为“键: 值”形式的映射 (front matter must be a mapping of key: value)",
        )
        return None
    if invisible.has_line_break(yaml_text) and _report_hidden_breaks(
        yaml_text, first_line, rel, diags
    ):
        return None
    walker = _Walker(rel, first_line, diags, yaml_text, front_matter=mapping)
    try:
        value = walker.value(node, "")
    except _TooLarge:
        field, line = walker.top
        diags.error(
            "YAML-07",
            rel,
            line,
            field,
            f"YAML 嵌套或别名过多，展开后超过 {_MAX_NODES} 个值，无法作为内容读取；"
            "请不要用 &锚点 和 *别名 层层引用 (YAML too deeply nested or aliased)",
        )
        return None
    except RecursionError:
        diags.error("YAML-07", rel, first_line, "", "YAML 嵌套过深 (YAML nested too deeply)")
        return None
    if walker.failed:
        return None
    if nulls is not None:
        nulls.update(walker.nulls)
    return value, walker.lines


def _report_slip(
    yaml_text: str,
    error_line: int,
    first_line: int,
    rel: str,
    diags: Diagnostics,
    stumbled: bool = True,
) -> bool:
    """Report the first slip of the keyboard or the clipboard up to the (0-based) line libyaml
    stumbled on, if any: a full-width colon after a key, a full-width list dash or comment
    mark (lookalike), an invisible character where YAML reads structure. libyaml stumbles
    later (the next key, the closing ---), about something else; the slip is what the editor
    must change. `stumbled`: libyaml's error is at the line after a slip it read, not at a
    quote or bracket it found unclosed."""
    rows = yaml_text.split("\n")[: error_line + 1]
    # A value's own text may hold anything: the lines of a scalar begun above (a plain value
    # wrapped onto them, a quoted one) are not looked at for full-width indicators.
    wrapped = _wrapped_lines(yaml_text)
    # The line libyaml stumbled after: an indented line's full-width colon or indentation is
    # named only there, for the same text is a value's own further up (`- 说明：见附件`).
    stumbled_from = next(
        (i for i in range(len(rows) - 2, -1, -1) if rows[i].strip(" ")[:1] not in ("", "#")),
        len(rows) - 1,
    )
    block_indent = -1  # the indentation of the key whose block scalar (| or >) is being read
    nesting = _Nesting()  # the keys and list entries of the lines above
    for offset, text_line in enumerate(rows):
        indent = len(text_line) - len(text_line.lstrip(" "))
        if block_indent >= 0 and (not text_line.strip(" ") or indent > block_indent):
            continue  # (text inside a block scalar: anything goes, full-width spaces too)
        block_indent = indent if _BLOCK_SCALAR.match(text_line) else -1
        own_line = offset not in wrapped
        near = stumbled and own_line and offset >= stumbled_from
        found = _invisible_slip(text_line, near=near)
        if found is None and own_line:
            found = _lookalike_slip(text_line, near)
        if found:
            key, message = found
            # (a slip with a key is that key's, where the line nests it: contact.phone; a list
            # item's or a comment's is the field of the key above it)
            field = nesting.path_of(text_line, key) if key else nesting.parent(indent)
            diags.error("YAML-01", rel, first_line + offset, field, message)
            return True
        if own_line and text_line.strip(" ")[:1] not in ("", "#"):
            nesting.read(text_line)
    return False


# A list item's dash at a line's start, as YAML reads one (`- `, or `-` alone at the end).
_ITEM_DASH = re.compile(r"-(?:[ ]+|$)")


class _Nesting:
    """The field path (contact.phone, materials[2].name, [1].path) of a line's key, from the
    indentation of the lines above it, as README writes nested fields: the line-by-line
    reading of a document libyaml could not read, where its slip is named."""

    def __init__(self) -> None:
        # (column, key, or the number of a list entry), innermost last
        self.open: list[tuple[int, str | int]] = []

    def _enter(self, line: str) -> tuple[int, str]:
        """Open the list entries a line's dashes begin; (the column after them, the rest)."""
        column = len(line) - len(line.lstrip(" "))
        rest = line[column:]
        while (dash := _ITEM_DASH.match(rest)) is not None:
            # (a dash may stand at its list's key's column: `materials:` then `- name: …`)
            while self.open and self.open[-1][0] > column:
                self.open.pop()
            number = 1
            if self.open and self.open[-1][0] == column and isinstance(self.open[-1][1], int):
                number = int(self.open.pop()[1]) + 1
            self.open.append((column, number))
            column += dash.end()
            rest = rest[dash.end() :]
        return column, rest

    def _close(self, column: int) -> None:
        while self.open and self.open[-1][0] >= column:
            self.open.pop()

    def _path(self) -> str:
        path = ""
        for _column, part in self.open:
            if isinstance(part, int):
                path += f"[{part}]"
            else:
                path += f".{part}" if path else part
        return path

    def parent(self, indent: int) -> str:
        """The path of the field a line indented so is in."""
        self._close(indent)
        return self._path()

    def path_of(self, line: str, key: str) -> str:
        """The path of `key`, the key of `line`."""
        column, _rest = self._enter(line)
        self._close(column)
        path = self._path()
        return f"{path}.{key}" if path else key

    def read(self, line: str) -> None:
        """Take in a line of structure: its list entries, and its key if it has one."""
        column, rest = self._enter(line)
        own = _KEY_AFTER.match(rest)
        if own and own.group(1):
            self._close(column)
            self.open.append((column, own.group(1)))


def _lookalike_slip(text_line: str, near: bool) -> tuple[str, str] | None:
    """A full-width list dash or comment mark at the line's start; a key and a full-width colon
    unindented (`title：通知`: an unindented line outside a scalar can only be a key), or
    indented on the line libyaml stumbled after (`  联系电话：…`, `- 名称：…`)."""
    found = lookalike.slip(text_line)
    if found:
        return found
    colon = lookalike.colon_key(text_line)
    if colon is None or (colon[1] and not near):
        return None
    return colon[0], colon[2]


def _wrapped_lines(yaml_text: str) -> frozenset[int]:
    """The 0-based lines inside a scalar begun on a line above, as libyaml's scanner reads
    them up to its error."""
    lines: set[int] = set()
    try:
        for token in yaml.scan(yaml_text, Loader=_TextLoader):
            if isinstance(token, yaml.ScalarToken):
                start, end = _line(yaml_text, token.start_mark), _line(yaml_text, token.end_mark)
                # (a block scalar ends at the start of the line after it)
                lines.update(range(start + 1, end + (token.end_mark.column > 0)))
    except yaml.YAMLError:
        pass
    return frozenset(lines)


_BLOCK_SCALAR = re.compile(r"[ \t]*(?:-[ \t]+)?[^\s#][^#]*?:[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$")


# A key as an editor writes one (ASCII, or a Chinese label in the annual report's data file),
# a list item's dash before it or not.
_KEY_BEFORE = re.compile(r"[ \t]*(?:-[ \t]+)?([^\s#'\"\[\]{},:][^#:]*?)[ \t]*:$")
_KEY_AFTER = re.compile(r"([^#:]*?)[ \t]*:(?:[ \t]|$)")


def _invisible_slip(text_line: str, at: int = -1, near: bool = False) -> tuple[str, str] | None:
    """(field, message) for the invisible character at `at` (the line's first one by default)
    where YAML reads the structure of a line: in its indentation, after its key's colon or a
    list item's dash, inside its key; a line break YAML sees and the editor does not, there or
    (by default) anywhere. None for one inside a value: that is the value's business. `near`:
    libyaml stumbled after this line, so a text line indented with one is the slip too (at the
    left edge `　　第二行` is no continuation of the value above, but a key with no colon)."""
    anywhere = at < 0
    at = invisible.first(text_line) if anywhere else at
    if at < 0:
        return None
    char, before, after = text_line[at], text_line[:at], text_line[at + 1 :]
    named, code = invisible.describe(char), f"U+{ord(char):04X}"
    own_key = _KEY_BEFORE.match(before)
    key_match = _KEY_AFTER.match(invisible.remove(text_line).lstrip(" \t-"))
    key = key_match.group(1) if key_match else ""
    rest = invisible.remove(after).strip(" \t")
    if own_key:
        key = invisible.remove(own_key.group(1))
        where = f"{key} 的冒号后面是{named}"
        fix = "YAML 只认冒号后的半角空格；请删除它，改为一个半角空格"
        english = f"invisible {code} after the colon; use a plain space"
    elif not before.strip(" \t") and (key or near or not rest or rest[0] in "-#"):
        where = f"{'行首' if not before else '缩进中'}有{named}"
        fix = "YAML 的缩进只认半角空格；请删除它，用半角空格缩进"
        english = f"invisible {code} in the indentation; indent with plain spaces"
        if rest[:1] == "#":
            # (YAML reads `　# 网站名称:` as a key, not a comment: the figures below it are lost)
            fix = "YAML 只认半角空格，这一行因此不是注释，而是内容；请删除它，用半角空格缩进"
            english = f"invisible {code} before a comment; the line is read as content"
    elif before.strip(" \t") == "-":
        where = f"列表项的短横线“-”后面是{named}"
        fix = "YAML 只认“- ”（短横线加半角空格）；请删除它，改为一个半角空格"
        english = f"invisible {code} after a list dash; use a plain space"
    elif key and ":" not in before and ":" in after:
        where = f"字段名 {key} 中有{named}"
        fix = "请删除整个字段名后重新输入"
        english = f"invisible {code} in a key"
    elif anywhere and char in invisible.LINE_BREAKS:
        where = f"这一行有{named}"
        fix = "请删除它"
        english = f"invisible {code}"
    else:
        return None
    if char in invisible.LINE_BREAKS:
        fix = f"编辑器里看不出换行，YAML 却在这里换行；{fix.split('；')[-1]}"
        english += ": YAML breaks the line there"
    return key, f"{where}{invisible.origin(char)}，{fix} ({english})"


def _report_hidden_breaks(yaml_text: str, first_line: int, rel: str, diags: Diagnostics) -> bool:
    """Report a line break only YAML sees (U+2028 …) where it changes what YAML reads of the
    structure: before a key, in the indentation. (Inside a value it is folded like a line
    break; the lines YAML counts past it are mapped back to the editor's.)"""
    nesting = _Nesting()
    for offset, text_line in enumerate(yaml_text.split("\n")):
        for at, char in enumerate(text_line):
            if char in invisible.LINE_BREAKS:
                found = _invisible_slip(text_line, at)
                if found:
                    key, message = found
                    field = nesting.path_of(text_line, key) if key else ""
                    diags.error("YAML-01", rel, first_line + offset, field, message)
                    return True
        if text_line.strip(" ")[:1] not in ("", "#"):
            nesting.read(text_line)
    return False


# PyYAML's commonest messages, said the way an editor can act on them.
_EXPLANATIONS = (
    # (before "quoted scalar": libyaml reports a bad escape "while parsing a quoted scalar")
    (
        "invalid Unicode character escape",
        "双引号中的转义 \\u… 表示的不是一个字符（如 \\ud800 这样的代理码点）；请直接写出该字符，或删除这个转义",
    ),
    (
        "unknown escape character",
        "双引号中的反斜杠 \\ 开始了一个不存在的转义；含反斜杠的值（如文件路径）请改用单引号",
    ),
    ("quoted scalar", "引号没有成对闭合"),
    ("mapping values are not allowed", "此处不能出现“键: 值”；值里含有冒号时请给整个值加引号"),
    ("could not find expected ':'", "缺少冒号，或上一行的引号、括号没有闭合"),
    ("expected <block end>", "缩进没有对齐"),
    ("flow sequence", "方括号 [ ] 没有成对闭合"),
    ("flow mapping", "花括号 { } 没有成对闭合"),
    ("cannot start any token", "值以 YAML 保留字符（@ ` | > % 等）开头，请给整个值加引号"),
    ("found undefined alias", "使用了未定义的别名（*名称）"),
)


def _line(yaml_text: str, mark: yaml.Mark) -> int:
    """The 0-based line of `mark` as an editor counts it. YAML also breaks lines at NEL,
    U+2028 and U+2029, which editors show as nothing; only \\n counts."""
    if not invisible.has_line_break(yaml_text):
        return int(mark.line)
    return yaml_text.count("\n", 0, mark.index)


def _explain(exc: yaml.MarkedYAMLError, yaml_text: str) -> tuple[int, str, str]:
    """(0-based line, 中文说明, PyYAML's own words) of a syntax error."""
    problem = " ".join(p for p in (exc.context, exc.problem) if p) or "syntax error"
    mark = exc.problem_mark or exc.context_mark
    # An unclosed quote or bracket is found at the end: point where it was opened.
    opened = exc.context or ""
    if exc.context_mark is not None and (
        "end of stream" in (exc.problem or "") or "flow" in opened or "quoted" in opened
    ):
        mark = exc.context_mark
    explanation = next(
        (text for needle, text in _EXPLANATIONS if needle in problem),
        "请检查冒号后的空格、引号与括号是否成对、缩进是否对齐",
    )
    return (_line(yaml_text, mark) if mark else 0), explanation, problem


def parse_document(raw: bytes, rel: str, diags: Diagnostics) -> Parsed | None:
    """A content file's bytes → Parsed, or None after reporting why not."""
    text = decode(raw, rel, diags)
    if text is None:
        return None
    cut = split(text, rel, diags)
    if cut is None:
        return None
    yaml_text, first_line, body, body_line = cut
    parsed = parse_yaml(yaml_text, first_line, rel, diags)
    if parsed is None:
        return None
    data, lines, nulls = parsed
    return Parsed(data=data, lines=lines, body=body, body_line=body_line, plain_nulls=nulls)


# What YAML 1.1 reads as null when written plain (the empty value is told apart as empty).
YAML_NULLS = frozenset({"null", "Null", "NULL", "~"})


def plain_nulls(
    yaml_text: str, first_line: int, data: dict[str, YamlValue], lines: dict[str, int]
) -> frozenset[str]:
    """The fields of simple front matter (see simple_mapping) whose value is a null word
    written plain (`title: ~`, `title: null  # …`), not quoted ('null' is the editor's own
    text): top-level keys, and the entries of one-line lists, which are never quoted there."""
    found: list[str] = []
    rows = yaml_text.split("\n")
    for key, value in data.items():
        if isinstance(value, list):
            found.extend(
                f"{key}[{index}]"
                for index, entry in enumerate(value, start=1)
                if isinstance(entry, str) and entry in YAML_NULLS
            )
            continue
        if not isinstance(value, str) or value not in YAML_NULLS:
            continue
        at = lines.get(key, 0) - first_line
        if 0 <= at < len(rows):
            written = rows[at].partition(":")[2].split(" #", 1)[0].strip()
            if written == value:
                found.append(key)
    return frozenset(found)


def parse_data_file(
    raw: bytes, rel: str, diags: Diagnostics, nulls: set[str] | None = None
) -> tuple[YamlValue, dict[str, int]]:
    """A whole YAML data file (data/site.yaml …); an empty mapping after a reported problem.
    `nulls`, when given, receives the path of every plain (unquoted) null word."""
    text = decode(raw, rel, diags)
    if text is None:
        return {}, {}
    parsed = parse_yaml_value(text, 1, rel, diags, nulls=nulls)
    if parsed is None:
        return {}, {}
    return parsed


# The start of a plain value YAML read where the editor wrote `key:` + a full-width space, or
# `-` + one: only the first few characters are looked at, as this is asked of every value.
_LOST_SCAN = 48
_HIDDEN = invisible.PATTERN.search  # (asked of every key and value of a nested document)
# (keys as front matter has them, ASCII: a Chinese word and a colon in a value is the editor's
# text, whatever space follows it)
_LOST_STRUCTURE = re.compile(r"(?:[A-Za-z_][A-Za-z0-9_-]{0,40}:|-)" + invisible.PATTERN.pattern)


# What a full-width list dash or comment mark begins with (lookalike): asked of every key.
_LOOKALIKE_STARTS = frozenset("－·＃")
_LOOKALIKE_OR_HIDDEN = re.compile("[－·＃]|" + invisible.PATTERN.pattern)
_ASCII_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# An invisible space and a `#` that is neither a number sign nor a topic's (#话题#), to the end.
_COMMENT_AFTER_HIDDEN = re.compile("(" + invisible.PATTERN.pattern + ")#(?![0-9０-９])[^#\n]*$")


class _TooLarge(Exception):
    pass


class _Walker:
    """Turns composed YAML nodes into str / list / dict, recording lines, refusing duplicates."""

    def __init__(
        self,
        rel: str,
        first_line: int,
        diags: Diagnostics,
        text: str = "",
        front_matter: bool = False,
    ) -> None:
        self.rel = rel
        # Front matter's keys are the contract's field names: one with an invisible character
        # is a slip. (A data file's may be text: data/typos.yaml's are the wrong wordings.)
        self.front_matter = front_matter
        self.first_line = first_line
        self.diags = diags
        self.lines: dict[str, int] = {}
        self.nulls: set[str] = set()  # paths of plain null words (Parsed.plain_nulls)
        self.visited = 0
        self.failed = False
        # The top-level key being read (its path, its line): where a value that expands past
        # _MAX_NODES (an alias bomb) is reported, not at the top of the file.
        self.top: tuple[str, int] = ("", first_line)
        # Where YAML counts lines the editor does not see (U+2028 …): the \n before each index.
        self.text = text
        self.breaks: list[int] | None = None
        if invisible.has_line_break(text):
            self.breaks = [i for i, c in enumerate(text) if c == "\n"]
        # Whether a full-width indicator or an invisible character is anywhere in the text:
        # in nearly every document neither is, and no value or key need be looked at for one.
        self.lookalikes = _LOOKALIKE_OR_HIDDEN.search(text) is not None

    def line_of(self, node: yaml.Node) -> int:
        # (row_of, written out: asked of every node)
        if self.breaks is None:
            return self.first_line + node.start_mark.line
        return self.first_line + bisect.bisect_left(self.breaks, node.start_mark.index)

    def row_of(self, mark: yaml.Mark) -> int:
        """The 0-based line of the text at `mark`, as the editor counts lines."""
        if self.breaks is None:
            return int(mark.line)
        return bisect.bisect_left(self.breaks, mark.index)

    def slip_at(self, row: int, path: str, message: str) -> None:
        self.diags.error("YAML-01", self.rel, self.first_line + row, path, message)
        self.failed = True

    def structure_in_text(self, node: yaml.ScalarNode, path: str) -> bool:
        """A plain value wrapped onto lines the editor began as structure, all read as its
        text: a comment after a full-width space (`　# 注释`) or a full-width `＃`, a list item
        after a full-width space. Reported at that line; whether one was. (A wrapped line
        begun `－ ` or `· ` may be the text's own points, as a list item cannot hold a list.)"""
        first, last = self.row_of(node.start_mark), self.row_of(node.end_mark)
        rows = self.text.split("\n")[first + 1 : last + 1]
        for row, text_line in enumerate(rows, start=first + 1):
            start = text_line.lstrip(" ")
            found = None
            if _HIDDEN(start, 0, 1) and invisible.remove(start).lstrip(" \t")[:1] in ("#", "-"):
                found = _invisible_slip(text_line)
            elif start[:1] == "＃":
                found = lookalike.slip(start)
            if found:
                self.slip_at(row, path, found[1])
                return True
        return False

    def comment_in_text(self, node: yaml.ScalarNode, path: str) -> bool:
        """A comment after a full-width space on a value's line (`phone: 0439-8110110　# 值班`):
        YAML takes `#` for a comment only after a plain space or a tab, so the editor's comment
        is published as the value's text. (A `#` before a number is a number sign, and a
        `#话题#` pair a topic: text.) Reported at that line; whether one was."""
        if _COMMENT_AFTER_HIDDEN.search(node.value) is None:
            return False
        first, last = self.row_of(node.start_mark), self.row_of(node.end_mark)
        for row, text_line in enumerate(self.text.split("\n")[first : last + 1], start=first):
            found = _COMMENT_AFTER_HIDDEN.search(text_line)
            if found:
                char = found.group(1)
                self.slip_at(
                    row,
                    path,
                    f"# 前面是{invisible.describe(char)}{invisible.origin(char)}，YAML 只认半角空格"
                    f"后的 # 为注释，“{found.group()[1:].strip()}”因此成了值的一部分；请把它改为"
                    f"半角空格 (invisible U+{ord(char):04X} before #: the comment is read as text)",
                )
                return True
        return False

    def lookalike_start(self, node: yaml.ScalarNode, path: str) -> bool:
        """A key, or a plain value begun on the line below its key, that starts with a
        full-width list dash or comment mark (`＃ 注释: x`; `keywords:` then `  － 甲`): the
        editor wrote a comment or a list, YAML read a key or text. Reported at that line;
        whether one was."""
        found = lookalike.slip(node.value)
        if found is None:
            return False
        self.slip_at(self.row_of(node.start_mark), path, found[1])
        return True

    def colon_in_list(self, node: yaml.ScalarNode, path: str, entries: yaml.SequenceNode) -> bool:
        """A text entry `- name：值` in a list whose other entries are mappings: a key typed
        with a full-width colon, read as text. The key is one of theirs, or an ASCII one as
        every key of the contract is: in a list of text it is the text (`- 第十条：…`), and so
        is a file named `附件1：申请表.docx` among `{file, title}` attachments."""
        found = lookalike.colon_key(node.value)
        if found is None or node.start_mark.line != node.end_mark.line:
            return False
        mappings = [entry for entry in entries.value if isinstance(entry, yaml.MappingNode)]
        keys = {str(key.value) for entry in mappings for key, _ in entry.value}
        if found[0] not in keys and not _ASCII_KEY.fullmatch(found[0]):
            return False
        self.slip_at(self.row_of(node.start_mark), path, found[2])
        return True

    def colon_value(self, node: yaml.ScalarNode, path: str) -> bool:
        """A plain value begun on the line below its key that is a key typed with a
        full-width colon (`contact:` then `  phone：0431-1234`): YAML read the nested key and
        its value as the text of `contact`, silently. Reported at that line, under the path
        the key was meant for (contact.phone); whether one was."""
        found = lookalike.colon_value(node.value)
        if found is None:
            return False
        key, message = found
        self.slip_at(self.row_of(node.start_mark), f"{path}.{key}" if path else key, message)
        return True

    def hidden(self, node: yaml.Node, path: str, message: str) -> None:
        self.diags.error("YAML-01", self.rel, self.line_of(node), path, message)
        self.failed = True

    def hidden_in_key(self, key_node: yaml.Node, key: str, path: str) -> None:
        """A key with an invisible character in it is no key the editor wrote: say which
        character, and where, at the key's line (field: the key as it looks)."""
        at = invisible.first(key)
        char, shown = key[at], invisible.remove(key)
        before, after = invisible.remove(key[:at]), invisible.remove(key[at:])
        where = "前面" if not before else "后面" if not after else "中间"
        self.hidden(
            key_node,
            f"{path}.{shown}" if path else shown,
            f"字段名 {shown or '（空）'} {where}有看不见的{invisible.describe(char)}"
            f"{invisible.origin(char)}，"
            f"YAML 把它当作字段名的一部分；请删除整个字段名后重新输入 "
            f"(invisible U+{ord(char):04X} in the key {shown})",
        )

    def comment_read_as_key(self, key_node: yaml.Node, key: str, path: str) -> bool:
        """A key that is a comment after an invisible character (`　# 网站名称:`): the editor
        wrote a comment, YAML read a key, and the figures under it belong to that key, lost.
        (Any file: a data file's keys may be text, but not text that starts like this.)"""
        if invisible.remove(key).lstrip(" \t")[:1] != "#":
            return False
        line = self.line_of(key_node)
        slip = _invisible_slip(self.text.split("\n")[line - self.first_line])
        if slip is None:
            return False
        self.hidden(key_node, path, slip[1])
        return True

    def hidden_in_text(self, node: yaml.ScalarNode, path: str) -> bool:
        """A key's plain value on a line after the key's that begins `key:` or `-` and an
        invisible character: the editor wrote a nested key or a list item, YAML read text."""
        found = _LOST_STRUCTURE.match(node.value)
        if found is None or node.style:  # (plain: None, or "" from libyaml)
            return False
        slip = _invisible_slip(found.group())
        if slip is None:
            return False
        key, message = slip
        self.hidden(node, f"{path}.{key}" if key and path else key or path, message)
        return True

    def value(self, node: yaml.Node, path: str) -> YamlValue:
        self.visited += 1
        if self.visited > _MAX_NODES:
            raise _TooLarge
        if isinstance(node, yaml.ScalarNode):
            if node.value in YAML_NULLS and not node.style and path:  # (plain: None or "")
                self.nulls.add(path)
            return str(node.value)
        if isinstance(node, yaml.SequenceNode):
            items: list[YamlValue] = []
            # (a text entry among mappings may be a key typed with a full-width colon)
            of_mappings = any(isinstance(child, yaml.MappingNode) for child in node.value)
            for index, child in enumerate(node.value, start=1):
                child_path = f"{path}[{index}]"
                self.lines.setdefault(child_path, self.line_of(child))
                if (
                    isinstance(child, yaml.ScalarNode)
                    and not child.style  # (plain: None, or "" from libyaml)
                    and (
                        (
                            of_mappings
                            and "：" in child.value
                            and self.colon_in_list(child, child_path, node)
                        )
                        or (
                            self.lookalikes
                            and child.start_mark.line != child.end_mark.line
                            and self.structure_in_text(child, child_path)
                        )
                        or (self.lookalikes and self.comment_in_text(child, child_path))
                    )
                ):
                    continue
                items.append(self.value(child, child_path))
            return items
        assert isinstance(node, yaml.MappingNode)
        mapping: dict[str, YamlValue] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.diags.error(
                    "YAML-06",
                    self.rel,
                    self.line_of(key_node),
                    path,
                    "键必须是简单文本 (a key must be plain text)",
                )
                self.failed = True
                continue
            key = str(key_node.value)
            if _HIDDEN(key, 0, 1) and self.comment_read_as_key(key_node, key, path):
                continue
            if (
                self.lookalikes
                and key[:1] in _LOOKALIKE_STARTS
                and self.lookalike_start(key_node, path)
            ):
                continue  # (`＃ 注释: …`, `－ name: …`: a comment, a list item, read as a key)
            if self.front_matter and _HIDDEN(key):
                self.hidden_in_key(key_node, key, path)
                continue
            child_path = f"{path}.{key}" if path else key
            if key in mapping:
                self.diags.error(
                    "YAML-05",
                    self.rel,
                    self.line_of(key_node),
                    child_path,
                    f"重复的键，第 {self.lines[child_path]} 行已经写过；请删除其中一个 "
                    f"(duplicate key, first given on line {self.lines[child_path]})",
                )
                self.failed = True
                continue
            self.lines[child_path] = self.line_of(key_node)
            if not path:
                self.top = (child_path, self.lines[child_path])
            if (
                self.front_matter
                and isinstance(value_node, yaml.ScalarNode)
                and value_node.start_mark.line != key_node.start_mark.line
                and _HIDDEN(value_node.value, 0, _LOST_SCAN)
                and self.hidden_in_text(value_node, child_path)
            ):
                continue
            if (
                self.lookalikes
                and isinstance(value_node, yaml.ScalarNode)
                and not value_node.style
                and (
                    (
                        value_node.value[:1] in _LOOKALIKE_STARTS
                        and value_node.start_mark.line != key_node.start_mark.line
                        and self.lookalike_start(value_node, child_path)
                    )
                    or (
                        value_node.start_mark.line != value_node.end_mark.line
                        and self.structure_in_text(value_node, child_path)
                    )
                    or self.comment_in_text(value_node, child_path)
                )
            ):
                continue
            if (
                isinstance(value_node, yaml.ScalarNode)
                and not value_node.style  # (plain: a quoted "phone：…" is the editor's text)
                and value_node.start_mark.line != key_node.start_mark.line
                and "：" in value_node.value
                and self.colon_value(value_node, child_path)
            ):
                continue
            mapping[key] = self.value(value_node, child_path)
        return mapping
