"""Chinese text written with line breaks: where a break is a space and where it is nothing.

A 留言 typed with returns, or Markdown wrapped by its editor, breaks lines between two Chinese
characters or marks; a browser (and a search snippet) shows such a break as a space, which
Chinese does not have between words (上小学。 请问…). Only breaks: a space the editor typed
between two words (材料：户口簿 身份证) is theirs and stays. One definition for the search
index and the theme.
"""

from __future__ import annotations

import re

# Chinese characters and marks: CJK punctuation, the ideograph blocks, full-width forms.
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\U00020000-\U0002ffff"
# One line break (and the spaces around it) between two of them: what
# `(?<=[CJK])[ \t]*\r?\n[ \t]*(?=[CJK])` matches, begun with the character it starts with (a
# set: the regex engine skips the others, most of a Chinese text, without trying the rest at
# each; the search index reads 7 million characters at 10k items: 0.20 -> 0.04 s).
_CJK_LINE_BREAK = re.compile(
    f"[ \\t\\r\\n](?<=[{CJK}][ \\t\\r\\n])"
    f"(?:(?<=[ \\t])[ \\t]*\\r?\\n|(?<=\\r)\\n|(?<=\\n))[ \\t]*(?=[{CJK}])"
)
# Line breaks, blank lines among them, between two of them.
_CJK_BREAKS = re.compile(f"(?<=[{CJK}])[ \\t]*(?:\\r?\\n[ \\t]*)+(?=[{CJK}])")
_BLANK_LINES = re.compile(r"\n[ \t]*\r?\n\s*")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of plain text: a blank line starts a new one; a single line break
    between two Chinese characters or marks is no break at all, elsewhere a space."""
    return [
        " ".join(_CJK_LINE_BREAK.sub("", part).split())
        for part in _BLANK_LINES.split(text.replace("\r\n", "\n"))
        if part.strip()
    ]


def one_line(text: str) -> str:
    """Plain text as one line (a summary): no space between Chinese characters or marks where
    the source broke a line or left a blank one, one space elsewhere."""
    return " ".join(_CJK_BREAKS.sub("", text).split())


def joined_lines(text: str) -> str:
    """Markdown (or plain) `text` with the line breaks inside its paragraphs between Chinese
    characters taken out (search's text of a body). Not a blank line (a new paragraph), nor the
    end of a Markdown heading's line (its block ends there), nor a break beside a list marker or
    a table's pipe (not Chinese)."""
    if "\n" not in text:
        return text

    def join(match: re.Match[str]) -> str:
        line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        return match.group(0) if line.lstrip().startswith("#") else ""

    return _CJK_LINE_BREAK.sub(join, text)
