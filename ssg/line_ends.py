"""Lines ssg adds at the end of a file the editor keeps (sites.yaml, data/library-urls.yaml).

A file saved on Windows keeps its CRLF line ends: one LF line among them is a mixed file that
editors and git diff show as changed throughout.
"""

from __future__ import annotations

__all__ = ["append_lines"]


def append_lines(before: bytes, lines: str) -> bytes:
    """`before` with `lines` (each ended by "\\n") after it, written with the line end
    `before` uses (CRLF when it has one, else LF); a last line of `before` with no end gets
    one first."""
    newline = b"\r\n" if b"\r\n" in before else b"\n"
    glue = b"" if not before or before.endswith(b"\n") else newline
    return before + glue + lines.encode().replace(b"\n", newline)
