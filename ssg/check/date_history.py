"""CONTENT-08's git pre-check: a published item's date must not be changed afterwards.

RULES CONTENT-08 (伪造发稿日期 is a single-veto item of 检查指标): "已发布条目的 `PubDate` 不得在
git 历史中被改动（改动须记录原因）". Moving a published item's `date` later makes a column look
updated (it cleared CONTENT-01 and CONTENT-02 in the audit's probe); moving it earlier
backdates it. The reason is recorded as any accepted finding is: `allow: {CONTENT-08: 原因}`
in the item's front matter (ARCHITECTURE §2.6).

Read from the site's own git history, in one `git log` over content/ and one `git cat-file`
for the earlier versions it needs. An item counts as published at a commit when its old
version was no draft and its old date had come by the commit's time: a draft or a scheduled
item may be re-dated freely. Renames are followed: an item moved to another column in the
commit that changed its date, or re-dated and moved later, is found under the path it has
now. Without git, outside a work tree, or in a shallow clone without the commit, there is
nothing to compare: no finding (the editor's own builds, with the history, are where it is
said).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ssg.check.registry import CheckContext, Finding, rule
from ssg.diagnostics import Severity
from ssg.timezone import SHANGHAI

_DATE_LINE = re.compile(r"^([-+])date:\s*['\"]?(\d{4}-\d{2}-\d{2})")
_DRAFT = re.compile(r"^draft:\s*(?:true|yes|on)\s*(?:#.*)?$", re.I | re.M)
_COMMIT = "\x01"


@dataclass(frozen=True, slots=True)
class Redating:
    """One commit that changed a published item's date."""

    commit: str
    when: dt.date  # the commit's date (its author's time, in China)
    old: str  # YYYY-MM-DD
    new: str


@dataclass(frozen=True, slots=True)
class _FileChange:
    """One file of a commit's diff: its path before and after, and what its diff says."""

    before: str  # the path in the commit's first parent (another one when it was moved)
    after: str
    old: str  # the date it had and was given, YYYY-MM-DD; "" when no `date:` line changed
    new: str
    undrafted: bool  # a `draft: true` line removed


@rule(
    "CONTENT-08",
    Severity.DEDUCT,
    "已发布信息的发布日期不得在 git 历史中被改动",
    "RULES CONTENT-08 的构建预检（单项否决“弄虚作假”：伪造发稿日期）",
    "发布日期保持首次发布时的日期，更新写在 updated；原日期确实写错时，在该信息的 front matter 写 "
    "allow: {CONTENT-08: 改动原因}",
)
def redated(ctx: CheckContext) -> Iterator[Finding]:
    found = redatings(ctx.root)
    if not found:
        return
    for item_id in sorted(ctx.site.items):
        item = ctx.site.items[item_id]
        change = found.get(item.location.file)
        if change is None or item.date is None:
            continue
        yield Finding(
            item.location.file,
            item.location.line("date"),
            "date",
            f"已发布信息的发布日期在 git 历史中被改动：提交 {change.commit[:10]}（{change.when:%Y-%m-%d}）"
            f"把 {change.old} 改为 {change.new}；发布日期应保持首次发布时的日期，更新请写 updated，"
            "确需改动时请在 front matter 写 allow: {CONTENT-08: 原因} "
            f"(the date of a published item was changed from {change.old} to {change.new})",
        )


_CACHE: dict[tuple[str, str], dict[str, Redating]] = {}


def redatings(root: Path) -> dict[str, Redating]:
    """Site-relative file -> the latest commit that changed its date while it was published;
    {} without a git history. Kept per HEAD for the preview's rebuilds."""
    head = _git(root, "rev-parse", "HEAD")
    if head is None:
        return {}
    key = (str(root.resolve()), head.strip())
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = _read(root)
    return _CACHE[key]


def _read(root: Path) -> dict[str, Redating]:
    # The author's time, not the committer's: a rebase or cherry-pick keeps it, and resets
    # the other to now (a rescheduled item, still in the future then, looked published).
    # The first parent only: what the published branch received; a review branch's own
    # edits before its merge arrive as the file's addition, not as a re-dating.
    # Every change and move of a file (M, R), not only those git's -G finds changing a
    # `date:` line: a file re-dated and moved later was looked up under its old path, and a
    # move alone changes no line. (Unquoted paths: 通知.md was "\351\200\232…" to read.)
    log = _git(
        root,
        "-c",
        "core.quotePath=false",
        "log",
        f"--format={_COMMIT}%H %at",
        "--first-parent",
        "-m",
        "-p",
        "--unified=0",
        "-M",
        "--no-color",
        "--no-ext-diff",
        "--relative",
        "--diff-filter=MR",
        "--",
        "content/",
    )
    # (path now, path before the commit, the re-dating), newest first
    candidates: list[tuple[str, str, Redating]] = []
    now_of: dict[str, str] = {}  # a path, as of the commits read so far -> the path it has now
    for chunk in (log or "").split(_COMMIT)[1:]:
        head, _, diff = chunk.partition("\n")
        commit, _, seconds = head.partition(" ")
        when = dt.datetime.fromtimestamp(int(seconds or 0), SHANGHAI).date()
        changes = list(_changes(diff))
        for change in changes:
            old, new = change.old, change.new
            if old and new and old != new and not change.undrafted and old <= f"{when:%Y-%m-%d}":
                now = now_of.get(change.after, change.after)
                candidates.append((now, change.before, Redating(commit, when, old, new)))
        # Before this commit a moved file had its old path (all of one commit's moves at once:
        # two files may swap paths).
        now_of.update(
            {c.before: now_of.get(c.after, c.after) for c in changes if c.before != c.after}
        )
    # Whether each file was a draft just before: every version read by one git process
    # (a commit that restored 3,000 items' dates took a process each, 10 s). `./`: the path
    # from the site's folder, which need not be the repository's top (sites.yaml).
    befores = _blobs(root, [f"{r.commit}^:./{before}" for _now, before, r in candidates])
    found: dict[str, Redating] = {}
    for (path, _before, redating), text in zip(candidates, befores, strict=True):
        if path in found or text is None or _DRAFT.search(text.partition("\n---")[0]):
            continue  # (newest first: the latest change is the one said)
        found[path] = redating
    return found


def _blobs(root: Path, specs: list[str]) -> list[str | None]:
    """The text of each `commit^:path` (None when git has none), read by one `git cat-file`."""
    if not specs:
        return []
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "cat-file", "--batch"],
            input="".join(f"{spec}\n" for spec in specs).encode("utf-8"),
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return [None] * len(specs)
    out, at = done.stdout, 0
    texts: list[str | None] = []
    for _spec in specs:
        end = out.find(b"\n", at)
        if end < 0:
            texts.append(None)
            continue
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            texts.append(out[at : at + size].decode("utf-8", errors="replace"))
            at += size + 1  # (the blob, then a line end)
        else:  # (`<spec> missing`, or not a blob)
            texts.append(None)
    return texts


# The lines _changes reads, picked by one scan of a commit's diff: the edited text between
# them is most of it (1 s to read line by line, in a history of 4,000 changed files).
_READ_LINES = re.compile(
    r"^(?:diff --git |--- |\+\+\+ |rename from |rename to |[-+](?:date|draft):).*", re.M
)


def _changes(diff: str) -> Iterator[_FileChange]:
    """Each file of a commit's diff (--unified=0, paths unquoted but for control characters,
    quotes and backslashes)."""
    fields: dict[str, str] = {}
    undrafted = False
    for found in _READ_LINES.finditer(diff):
        line = found.group()
        if line.startswith("diff --git "):
            if fields:
                yield _file_change(fields, undrafted)
            fields, undrafted = {"diff": line}, False  # (a file's diff begins)
        elif line.startswith(("--- a/", '--- "a/')):
            fields.setdefault("before", _unquoted(line[4:])[2:])
        elif line.startswith(("+++ b/", '+++ "b/')):
            fields.setdefault("after", _unquoted(line[4:])[2:])
        elif line.startswith("rename from "):
            fields["before"] = _unquoted(line[12:])
        elif line.startswith("rename to "):
            fields["after"] = _unquoted(line[10:])
        elif line.startswith("-draft:"):
            undrafted = bool(_DRAFT.match(line[1:]))
        else:
            match = _DATE_LINE.match(line)
            if match:
                fields.setdefault("old" if match.group(1) == "-" else "new", match.group(2))
    if fields:
        yield _file_change(fields, undrafted)


def _file_change(fields: dict[str, str], undrafted: bool) -> _FileChange:
    after = fields.get("after", "")
    return _FileChange(
        fields.get("before", after),
        after,
        fields.get("old", ""),
        fields.get("new", ""),
        undrafted,
    )


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


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None
