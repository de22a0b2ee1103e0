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
    when: dt.date  # the commit's date (committer time, in China)
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
    log = _git(
        root,
        "log",
        f"--format={_COMMIT}%H %ct",
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
    found: dict[str, Redating] = {}
    for chunk in (log or "").split(_COMMIT)[1:]:
        head, _, diff = chunk.partition("\n")
        commit, _, seconds = head.partition(" ")
        when = dt.datetime.fromtimestamp(int(seconds or 0), SHANGHAI).date()
        for path, old, new, undrafted in _changes(diff):
            if path in found or old == new or undrafted or old > f"{when:%Y-%m-%d}":
                continue  # (newest first: the latest change is the one said)
            before = _git(root, "show", f"{commit}^:{path}")
            if before is None or _DRAFT.search(before.partition("\n---")[0]):
                continue
            found[path] = Redating(commit, when, old, new)
    return found


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
