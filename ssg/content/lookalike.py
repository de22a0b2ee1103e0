"""Full-width look-alikes of YAML's indicators, as a Chinese input method types them.

In full-width (or Chinese punctuation) mode the keys for `:`, `-`, `#` and the backquote give
`：`, `－`, `＃` and `·`. YAML reads none of them as structure: a key typed so is text (or a
syntax error lines later), a list item is text folded into its neighbours, a comment is text
or a key. These say, of one line, whether it starts with such a slip and what to tell the
editor; whether the line is structure at all (not a value's own text) is the caller's to know.
"""

from __future__ import annotations

import re

# `－` (U+FF0D) or `·` (U+00B7) and a space where a list item's `- ` would be: a middle dot
# inside a name (阿卜杜拉·买买提) or a value (甲 · 乙) is not at a line's start.
_DASH = re.compile(r"[ ]*([－·])[ \u3000]")
# `＃` where a comment's `#` would be; in a value (3＃楼) it is text, as it is not at the start,
# and so is a number sign before a number (＃3 楼).
_HASH = re.compile(r"[ ]*＃(?![0-9０-９])")
# A key and a full-width colon (`联系电话：`, `- 名称：`): no half-width colon before it, as in
# `title: 关于：通知` the full-width one is the value's text.
_KEY = re.compile(r"([ ]*(?:-[ ]+)*)([^\s#'\"\[\]{},:：\-][^:：#]*?)[ \t]*：")

_DASH_NAMES = {"－": "全角短横线“－”", "·": "间隔号“·”"}


def dash(text: str) -> str:
    """The message for a line that starts with a full-width list dash, else ""."""
    match = _DASH.match(text)
    if match is None:
        return ""
    char = match.group(1)
    return (
        f"行首是{_DASH_NAMES[char]}，YAML 只认半角短横线加空格“- ”为列表项，这一行因此不是列表项，"
        f"而是文字；请改为“- ” (full-width U+{ord(char):04X} used as a list dash)"
    )


def hash_mark(text: str) -> str:
    """The message for a line that starts with a full-width comment mark, else ""."""
    if _HASH.match(text) is None:
        return ""
    return (
        "行首是全角井号“＃”，YAML 只认半角“#”为注释，这一行因此不是注释，而是内容；请改为“#” "
        "(full-width U+FF03 used as a comment mark)"
    )


def colon_key(text: str) -> tuple[str, bool, str] | None:
    """(key, indented, message) for a line whose key is followed by a full-width colon;
    `indented`: the key is under another key or in a list item (its own line may then be a
    value's text, which the caller rules out)."""
    match = _KEY.match(text)
    if match is None:
        return None
    key = match.group(2)
    return (
        key,
        bool(match.group(1)),
        f"{key} 后面是全角冒号“：”，YAML 只认半角冒号；请改为“{key}: ”（半角冒号加空格） "
        "(full-width colon after a key)",
    )


# A key as the contract and the data files name their settings (`phone`, `platform_url`):
# lower-case ASCII. A value's own text may begin with a word and a full-width colon too
# (`说明：见附件`, `PDF：附件`, `2026年：`), and those stay text.
_SETTING_KEY = re.compile(r"[a-z_][a-z0-9_]*")


def colon_value(text: str) -> tuple[str, str] | None:
    """(key, message) for a plain value begun on the line below its key whose first line is
    a key and a full-width colon (`contact:` then `  phone：0431-1234`): the editor wrote a
    nested key, YAML read the text "phone：0431-1234" (or null, for `phone：` alone) as the
    value of `contact`. Only a key as settings are named (_SETTING_KEY): a Chinese sentence
    on the line below its key (`summary:` then `  说明：见附件`) is the value's own text."""
    found = colon_key(text)
    if found is None or found[1] or not _SETTING_KEY.fullmatch(found[0]):
        return None
    return found[0], found[2]


def slip(text: str) -> tuple[str, str] | None:
    """(key, message) for a line that starts with a full-width dash or comment mark."""
    message = dash(text) or hash_mark(text)
    return ("", message) if message else None
