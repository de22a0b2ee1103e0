"""Characters an editor cannot see but YAML reads: what they are, and what to call them.

Text pasted from a web page, a chat window or Word, or typed with a Chinese input method in
full-width mode, brings spaces that look like spaces but are not YAML's (U+3000, U+00A0),
characters that look like nothing at all (U+200B, U+FEFF) and line breaks that do not
look like one (U+2028). In front matter they make a key unknown, a colon not a colon, a
`---` not a fence; a diagnostic that does not name them sends the editor looking for a
mistake they cannot see.
"""

from __future__ import annotations

import re
import unicodedata

# The ones editors meet, by the name an editor may know them by.
_NAMES = {
    "\u00a0": "不换行空格",  # (NBSP: web pages, Word)
    "\u3000": "全角空格",  # (a Chinese input method in full-width mode)
    "\u200b": "零宽空格",
    "\u200c": "零宽不连字",
    "\u200d": "零宽连字",
    "\u2060": "零宽不换行符",
    "\ufeff": "零宽不换行空格（BOM）",
    "\u00ad": "软连字符",
    "\u200e": "从左至右标记",
    "\u200f": "从右至左标记",
    "\u202f": "窄不换行空格",
    "\u2028": "行分隔符",
    "\u2029": "段分隔符",
    "\x85": "下一行符（NEL）",
}

# YAML 1.1 (PyYAML, libyaml) breaks a line at these as at \n; an editor shows none of them.
LINE_BREAKS = frozenset("\x85\u2028\u2029")
_LINE_BREAK = re.compile("[\x85\u2028\u2029]")

# Every space but ASCII's (Unicode Zs), line and paragraph separators (Zl, Zp), NEL, and the
# format characters (Cf) that text is pasted with: zero-width, direction marks, BOM, soft
# hyphen (tests/content/test_invisible.py holds it to unicodedata's categories). A regular
# expression, as it is searched for in every front matter line.
PATTERN = re.compile(
    "[\x85\xa0\xad\u061c\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064"
    "\u2066-\u206f\u3000\ufeff]"
)


def is_invisible(char: str) -> bool:
    return PATTERN.match(char) is not None


def first(text: str) -> int:
    """The index of the first invisible character of `text`, or -1."""
    match = PATTERN.search(text)
    return match.start() if match else -1


def remove(text: str) -> str:
    return PATTERN.sub("", text)


def origin(char: str) -> str:
    """Where such a character comes from, said in parentheses after its name."""
    if char == "\u3000":
        return "（中文输入法在全角模式下输入的空格）"
    return "（常见于从网页、聊天软件或 Word 复制的文字）"


def has_line_break(text: str) -> bool:
    """Whether YAML counts a line in `text` that an editor does not see."""
    return _LINE_BREAK.search(text) is not None


def describe(char: str) -> str:
    """全角空格 U+3000: the name an editor can search for, and the code point to be sure."""
    name = _NAMES.get(char)
    if name is None:
        name = "特殊空格" if unicodedata.category(char) == "Zs" else "看不见的字符"
    return f"{name} U+{ord(char):04X}"
