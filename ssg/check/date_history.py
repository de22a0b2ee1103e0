"""CONTENT-08's git pre-check: a published item's date must not be changed afterwards.

RULES CONTENT-08 (伪造发稿日期 is a single-veto item of 检查指标): "已发布条目的 `PubDate` 不得在
git 历史中被改动（改动须记录原因）". Moving a published item's `date` later makes a column look
updated (it cleared CONTENT-01 and CONTENT-02 in the audit's probe); moving it earlier
backdates it. The reason is recorded as any accepted finding is: `allow: {CONTENT-08: 原因}`
in the item's front matter (ARCHITECTURE §2.6).

Read from the site's own git history, in one `git log` over content/ (git's own diff search,
-G, finds the commits that changed a `date:` line; only those are looked at further). An
item counts as published at a commit when its old version was no draft and its old date had
come by the commit's time: a draft or a scheduled item may be re-dated freely. Without git,
outside a work tree, or in a shallow clone without the commit, there is nothing to compare:
no finding (the editor's own builds, with the history, are where it is said).
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
    log = _git(
        root,
        "log",
        f"--format={_COMMIT}%H %at",
        "--first-parent",
        "-m",
        "-p",
        "--unified=0",
        "--no-renames",
        "--no-color",
        "--no-ext-diff",
        "--relative",
        "--diff-filter=M",
        "-G^date:",
        "--",
        "content/",
    )
    candidates: list[tuple[str, Redating]] = []  # newest first
    for chunk in (log or "").split(_COMMIT)[1:]:
        head, _, diff = chunk.partition("\n")
        commit, _, seconds = head.partition(" ")
        when = dt.datetime.fromtimestamp(int(seconds or 0), SHANGHAI).date()
        for path, old, new, undrafted in _changes(diff):
            if old != new and not undrafted and old <= f"{when:%Y-%m-%d}":
                candidates.append((path, Redating(commit, when, old, new)))
    # Whether each file was a draft just before: every version read by one git process
    # (a commit that restored 3,000 items' dates took a process each, 10 s).
    befores = _blobs(root, [f"{change.commit}^:{path}" for path, change in candidates])
    found: dict[str, Redating] = {}
    for (path, change), before in zip(candidates, befores, strict=True):
        if path in found or before is None or _DRAFT.search(before.partition("\n---")[0]):
            continue  # (newest first: the latest change is the one said)
        found[path] = change
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


def _changes(diff: str) -> Iterator[tuple[str, str, str, bool]]:
    """(path, old date, new date, draft removed here) of each file of a commit's diff."""
    path, old, new, undrafted = "", "", "", False
    for line in diff.splitlines():
        if line.startswith("diff --git "):
            if path and old and new:
                yield path, old, new, undrafted
            path, old, new, undrafted = "", "", "", False
        elif line.startswith("+++ b/"):
            path = line[6:]
        elif line.startswith("-draft:"):
            undrafted = bool(_DRAFT.match(line[1:]))
        else:
            match = _DATE_LINE.match(line)
            if match and match.group(1) == "-" and not old:
                old = match.group(2)
            elif match and match.group(1) == "+" and not new:
                new = match.group(2)
    if path and old and new:
        yield path, old, new, undrafted


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
