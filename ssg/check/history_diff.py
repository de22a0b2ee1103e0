"""What CONTENT-08's git pre-check (ssg/check/date_history.py) reads of one commit of content/:
each file's diff, and the front matter of a version of an item, read as the build reads it.

A date, draft, title, 文号 or reason is read from the front matter alone, by the parser the
build uses (ssg/content/frontmatter.py, ssg/content/validate.py's parse_date): a body line
`date: …` is text, and a date written as a block scalar, under a quoted key, with a comment
after it or in full-width digits is the date the build sees. The text of an added file is
in its diff; a changed file's is read (`git cat-file`) only when its diff changes a line of
its front matter, which the walk knows by where the front matter of its last version ended.
"""

from __future__ import annotations

import os
import re
import selectors
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ssg.content.frontmatter import parse_document
from ssg.content.validate import parse_date
from ssg.diagnostics import Diagnostics

CODE = "CONTENT-08"


@dataclass(frozen=True, slots=True)
class Front:
    """The front matter of one version of a file, as the build reads it."""

    date: str = ""  # YYYY-MM-DD; "" when it has none the build takes for a date
    draft: bool = False
    # (title, doc_number): what makes a file written after a published item was deleted that
    # item again (date_history._document)
    document: tuple[str, str] = ("", "")
    reason: str = ""  # its `allow: {CONTENT-08: …}`, stripped
    end: int = 0  # the line of its closing `---`; 0 when it has no front matter


NO_FRONT = Front()


def front(raw: bytes, path: str) -> Front:
    """The front matter of a file's text (only what is before its closing `---`: enough)."""
    parsed = parse_document(raw, path, Diagnostics())
    if parsed is None:
        return NO_FRONT
    data = parsed.data
    date = data.get("date")
    stamp = parse_date(date.strip()) if isinstance(date, str) else None
    draft = data.get("draft")
    allow = data.get("allow")
    reason = allow.get(CODE) if isinstance(allow, dict) else None
    return Front(
        f"{stamp[0]:%Y-%m-%d}" if stamp is not None else "",
        isinstance(draft, str) and draft.strip() in ("true", "True", "TRUE"),  # (k_bool)
        (_plain(data.get("title")), _plain(data.get("doc_number"))),
        reason.strip() if isinstance(reason, str) else "",
        parsed.body_line - 1,
    )


def _plain(value: object) -> str:
    """A title or 文号 with its spaces left out (an editor's re-typed space is no other
    document)."""
    return "".join(value.split()) if isinstance(value, str) else ""


@dataclass(frozen=True, slots=True)
class FileChange:
    """One item file of a commit's diff (--unified=0): its paths before and after, and what
    its diff says of its front matter."""

    before: str  # the path in the commit's first parent (another one when it was moved)
    after: str
    deleted: bool = False
    added: bool = False
    # An added file's front matter, as its diff writes it (None: the file was not added)
    written: Front | None = None
    # A changed file: its blobs before and after (git's full ids), and the first line its
    # diff changes in the version before (-1: no line, a move alone or a mode)
    old_blob: str = ""
    new_blob: str = ""
    first_line: int = -1
    first_count: int = 0

    @property
    def moved(self) -> bool:
        return self.before != self.after and not self.deleted

    def touches_front(self, end: int) -> bool:
        """Whether the diff changes a line of a front matter that ended at line `end` (its
        closing `---`); with none (0), any change may be writing one."""
        if self.first_line < 0:
            return False
        if end <= 0:
            return True
        # (`-a,0`: lines inserted after line a; `-a,b`: lines a.. removed or changed)
        return self.first_line < end if self.first_count == 0 else self.first_line <= end


def is_item(path: str) -> bool:
    """An item's file: Markdown, not a column's _index.md (ssg/content/loader.py)."""
    return path.endswith(".md") and not path.endswith("/_index.md") and path != "_index.md"


_FILE = re.compile(r"^diff --git ", re.M)
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? ", re.M)
# An added file's closing fence, as frontmatter.split finds it (_CLOSE), in the diff's lines
_ADDED_CLOSE = re.compile(r"^\+(?:---|\.\.\.)[ \t]*$", re.M)


def changes(diff: str) -> Iterator[FileChange]:
    """Each item file of a commit's diff (--unified=0 --full-index, paths unquoted but for
    control characters, quotes and backslashes)."""
    starts = [found.start() for found in _FILE.finditer(diff)]
    for at, start in enumerate(starts):
        end = starts[at + 1] if at + 1 < len(starts) else len(diff)
        change = _file_change(diff, start, end)
        if change is not None:
            yield change


def _file_change(diff: str, start: int, end: int) -> FileChange | None:
    hunk = _HUNK.search(diff, start, end)
    header_end = hunk.start() if hunk is not None else end
    fields: dict[str, str] = {}
    for line in diff[start:header_end].split("\n"):
        if line.startswith(("--- a/", '--- "a/')):
            fields.setdefault("before", _unquoted(line[4:])[2:])
        elif line.startswith(("+++ b/", '+++ "b/')):
            fields.setdefault("after", _unquoted(line[4:])[2:])
        elif line.startswith("rename from "):
            fields["before"] = _unquoted(line[12:])
        elif line.startswith("rename to "):
            fields["after"] = _unquoted(line[10:])
        elif line.startswith("index "):
            blobs = line[6:].split(" ")[0]
            fields["old_blob"], _, fields["new_blob"] = blobs.partition("..")
        elif line.startswith("deleted file mode "):
            # (-D: no `---` line follows; the header names the path twice, a/ and b/)
            header = diff[start + len("diff --git ") : diff.find("\n", start, end)]
            fields["before"] = fields["after"] = _unquoted(header[: len(header) // 2])[2:]
            fields["deleted"] = "yes"
        elif line.startswith("new file mode "):
            fields["added"] = "yes"
    after = fields.get("after", "")
    before = fields.get("before", after)
    if not (is_item(after) or is_item(before)):
        return None
    if "added" in fields:
        return FileChange(before, after, added=True, written=_added_front(diff, hunk, end, after))
    return FileChange(
        before,
        after,
        deleted="deleted" in fields,
        old_blob=fields.get("old_blob", ""),
        new_blob=fields.get("new_blob", ""),
        first_line=int(hunk.group(1)) if hunk is not None else -1,
        first_count=int(hunk.group(2) or 1) if hunk is not None else 0,
    )


def _added_front(diff: str, hunk: re.Match[str] | None, end: int, path: str) -> Front:
    """An added file's front matter, from its diff: every line of its text, `+` before each
    (only the lines up to its closing `---` are taken: the body is most of it)."""
    if hunk is None:
        return NO_FRONT  # (an empty file, or one git calls binary)
    first = diff.find("\n", hunk.start(), end) + 1
    opening = diff.find("\n", first, end)
    close = _ADDED_CLOSE.search(diff, opening + 1, end) if opening > 0 else None
    stop = close.end() if close is not None else end
    text = "\n".join(line[1:] for line in diff[first:stop].split("\n")) + "\n"
    return front(text.encode("utf-8"), path)


_QUOTED = re.compile(r"\\([0-7]{3}|.)")
_ESCAPED = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13}


def _unquoted(path: str) -> str:
    """A path as git writes it in a diff: as it is, or in C quotes with octal escapes (the
    bytes of its UTF-8)."""
    if not (len(path) > 1 and path.startswith('"') and path.endswith('"')):
        return path
    inner, at, out = path[1:-1], 0, bytearray()
    for match in _QUOTED.finditer(inner):
        out += inner[at : match.start()].encode("utf-8")
        code = match.group(1)
        out.append(int(code, 8) if len(code) == 3 else _ESCAPED.get(code, ord(code)))
        at = match.end()
    out += inner[at:].encode("utf-8")
    return out.decode("utf-8", errors="replace")


# How long git may take over one run (date_history._git) or one blob's answer (Blobs): a git
# that hangs (a held lock, a stalled network disk) must not hang the build. Past it, the
# history is taken as unread: no finding of CONTENT-08, and an advice saying so (SSG-06).
GIT_TIMEOUT = 60.0


class Blobs:
    """Blobs read one at a time, as the walk comes to need them, by one `git cat-file
    --batch` started at the first (most histories change no front matter after the file
    was written: none is started). Each answer is awaited `GIT_TIMEOUT` seconds at most."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._process: subprocess.Popen[bytes] | None = None
        self._ready: selectors.BaseSelector | None = None  # git's output, to wait on
        self._pending = bytearray()  # what git wrote that is not read yet
        # Why git could not be asked, or gave no answer in time ("": it answered): what the
        # walk read is not the history (date_history reads it as unread, as a `git log` that
        # failed)
        self.failed = ""

    def read(self, blob: str) -> bytes | None:
        """The blob's bytes; None when git has none (or could not be asked)."""
        if not blob.strip("0") or self.failed:
            return None
        try:
            pipe_in = self._started()
            pipe_in.write(f"{blob}\n".encode("ascii"))
            pipe_in.flush()
            deadline = time.monotonic() + GIT_TIMEOUT
            header = self._line(deadline).split()
            if len(header) != 3 or header[1] != b"blob":
                return None  # (`<blob> missing`)
            size = int(header[2])
            return self._bytes(size + 1, deadline)[:size]  # (the blob, then a line end)
        except TimeoutError:
            self.failed = f"git cat-file 超过 {GIT_TIMEOUT:g} 秒没有回答 (no answer in time)"
        except EOFError:
            self.failed = "git cat-file 意外退出 (ended unexpectedly)"
        except (OSError, ValueError) as error:  # (not found; a broken pipe; a garbled answer)
            self.failed = f"git cat-file 出错：{error}"
        self._stop()
        return None

    def _started(self) -> IO[bytes]:
        if self._process is None:
            self._process = subprocess.Popen(
                ["git", "-C", str(self._root), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            assert self._process.stdout is not None
            self._ready = selectors.DefaultSelector()
            self._ready.register(self._process.stdout, selectors.EVENT_READ)
        assert self._process.stdin is not None
        return self._process.stdin

    def _line(self, deadline: float) -> bytes:
        while (end := self._pending.find(b"\n")) < 0:
            self._more(deadline)
        return self._take(end + 1)

    def _bytes(self, size: int, deadline: float) -> bytes:
        while len(self._pending) < size:
            self._more(deadline)
        return self._take(size)

    def _take(self, size: int) -> bytes:
        taken = bytes(self._pending[:size])
        del self._pending[:size]
        return taken

    def _more(self, deadline: float) -> None:
        """What git writes next, waited for until `deadline` (read from the pipe itself, not
        a buffered reader's, which would block past it)."""
        assert self._process is not None and self._process.stdout is not None
        assert self._ready is not None
        left = deadline - time.monotonic()
        if left <= 0 or not self._ready.select(left):
            raise TimeoutError
        chunk = os.read(self._process.stdout.fileno(), 1 << 16)
        if not chunk:
            raise EOFError
        self._pending += chunk

    def _stop(self) -> None:
        """End a git that failed or hangs at once (close() would wait for it)."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()

    def close(self) -> None:
        if self._ready is not None:
            self._ready.close()
        if self._process is None:
            return
        try:
            if self._process.stdin is not None:
                self._process.stdin.close()
            self._process.wait(timeout=10)
        except (OSError, subprocess.SubprocessError):
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()
