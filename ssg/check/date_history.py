"""CONTENT-08's git pre-check: a published item's date must not be changed afterwards.

RULES CONTENT-08 (伪造发稿日期 is a single-veto item of 检查指标): "已发布条目的 `PubDate` 不得在
git 历史中被改动（改动须记录原因）". Moving a published item's `date` later makes a column look
updated (it cleared CONTENT-01 and CONTENT-02 in the audit's probe); moving it earlier
backdates it. The reason is recorded as any accepted finding is: `allow: {CONTENT-08: 原因}`
in the item's front matter (ARCHITECTURE §2.6). A reason is written for the change it was
committed with, or earlier ones: it covers the re-datings made in or before the commit that
wrote it (the latest commit adding its line), so a re-dating made later is reported again,
saying the earlier reason does not cover it. One not committed yet, in the editor's working
tree (or rewritten there), covers every re-dating, as the preview needs. An entry for
CONTENT-08 in data/allow.yaml (the site-wide accept list) is held to the same: it covers the
re-datings made in or before the latest commit that wrote one of its lines (git blame), and
all of them while one of its lines is not committed yet.

Read from the site's own git history, in one `git log` over content/ (oldest first, each
item followed from the commit that wrote it) and one `git cat-file` for the versions whose
diff changes their front matter; a date, draft, title, 文号 or reason is read from the front
matter alone, as the build reads it (ssg/check/history_diff.py). An item counts as published
once, at a commit, it was no draft and its date had come by the commit's time: a draft or a
scheduled item may be re-dated freely; one published stays published, made a draft again,
its `date:` line removed, or deleted. Renames are
followed: an item moved to another column in the commit that changed its date, or re-dated
and moved later, is found under the path it has now. A file written after a published item
was deleted (in a later commit or the same one, at its path or another, or kept by a merge
from a side branch) is that item again when it is the same document: the same 文号
(doc_number) when it has one, else the same title in the same column (_document); its new
date is a re-dating by the commit that wrote it. So is one written the other way round,
beside the published item, which is deleted later (or the two through a side branch): the
newest file of the same document written after it and kept is that item again, its date a
re-dating by the commit that deleted the original (a file of the document older than it
was there all along), also when the commit moves it. Kept so, or written again after a
deletion, a file is as old as the item it is: a copy written between the item and it is a
copy of the item when it is deleted in turn. A new item of another title at a deleted
one's path is another item: only the changes after it was written count.

A site outside any git repository, or in one with no commit yet, has no history to compare:
no finding, and nothing said (ssg does not ask for git; a first commit has re-dated nothing).
A site in a repository whose history cannot be read — git not found, a `git` that fails (a
corrupt repository, a missing object, a repository git refuses as not its owner's) or takes
longer than GIT_TIMEOUT, a shallow clone (CI's depth 1: no earlier version) — gets no finding
of CONTENT-08 either, but an advice (SSG-06) saying why and that the pre-check did not run:
an empty result that looked like a clean one. Such a result is never kept: the next check
tries again (a successful read is kept per HEAD for the preview's rebuilds; a no-change
`ssg build` replays its whole record, ssg/unchanged.py, which does not look at .git).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
import re
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ssg.check import history_diff
from ssg.check.allow_file import ALLOW_FILE, Allowance, covers, load_allow
from ssg.check.history_diff import Blobs, Front
from ssg.check.registry import CheckContext, Finding, item_ids, rule
from ssg.content.model import Item
from ssg.diagnostics import Diagnostics, Severity
from ssg.timezone import SHANGHAI

_COMMIT = "\x01"
CODE = history_diff.CODE
# What a file is, to tell the same document written again (_document): ("文号", 文号), or
# ("标题", title, its column's folder)
Document = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Allowed:
    """The `allow: {CONTENT-08: …}` of a file as committed (in HEAD), or an entry of
    data/allow.yaml as committed."""

    reason: str
    commit: str  # the latest commit that wrote its line; "" when it came with the file
    when: dt.date | None
    # that commit's place in the history read, 0 the newest (an entry of data/allow.yaml: in
    # the whole first-parent history)
    order: int | None
    line: int = 0  # the entry's line in data/allow.yaml; 0 for the item's own `allow`


@dataclass(frozen=True, slots=True)
class Redating:
    """One commit that changed a published item's date."""

    commit: str
    when: dt.date  # the commit's date (its author's time, in China)
    old: str  # YYYY-MM-DD
    new: str
    order: int = 0  # its place in the first-parent history, 0 the newest commit
    allowed: Allowed | None = None  # the file's committed reason, if it has one
    # written again after it was deleted (the same document, see _document): the path it
    # was deleted from
    deleted_from: str = ""
    # the other way round: written first, beside the published item, which was deleted
    # later (by `commit`); this item, the same document, was kept with its own date
    kept: bool = False

    def covered_by(self, allowed: Allowed) -> bool:
        """Whether a reason committed as `allowed` was written for this change: in its
        commit or a later one (a reason that came with the file was written before it)."""
        return allowed.order is not None and allowed.order <= self.order


@dataclass(frozen=True, slots=True)
class _Life:
    """An item as the commits read so far (oldest first) left it."""

    ident: int  # (its file's: what its re-datings and reasons are kept by)
    # The number of the item it is, as first written (-1: its own ident): to tell a copy,
    # written after the item, from a namesake there before it (_Live.copy_of). A copy kept
    # as the item again is as old as the item; a file written again after a deletion is
    # that item, with its number.
    first: int = -1
    date: str = ""  # YYYY-MM-DD; the last one it had while it has none
    draft: bool = False
    published: bool = False  # at some commit read so far it was no draft, its date come
    # (title, doc_number): what makes a file written after a published item was deleted that
    # item again (see _document)
    document: tuple[str, str] = ("", "")
    reason: str = ""  # its `allow: {CONTENT-08: …}` as last written
    end: int = -1  # the line of its front matter's closing `---` (0: none; -1: not read)
    deleted_from: str = ""  # while it is written again in the commit read: its deleted path

    @property
    def written_as(self) -> int:
        return self.ident if self.first < 0 else self.first

    def seen(self, day: str) -> _Life:
        """As it was by a commit of `day`: published once it was no draft on its date."""
        if self.published or self.draft or not self.date or self.date > day:
            return self
        return dataclasses.replace(self, published=True)

    def written(self, front: Front) -> _Life:
        """With the front matter a commit wrote (a re-dating too: what the walk compares
        with next is its date)."""
        title, number = front.document
        return dataclasses.replace(
            self,
            date=front.date or self.date,
            draft=front.draft,
            document=(title or self.document[0], number or self.document[1]),
            reason=front.reason,
            end=front.end,
            deleted_from="",
        )


@rule(
    "CONTENT-08",
    Severity.DEDUCT,
    "已发布信息的发布日期不得在 git 历史中被改动",
    "RULES CONTENT-08 的构建预检（单项否决“弄虚作假”：伪造发稿日期）",
    "发布日期保持首次发布时的日期，更新写在 updated；原日期确实写错时，在该信息的 front matter 写 "
    "allow: {CONTENT-08: 改动原因}",
)
def redated(ctx: CheckContext) -> Iterator[Finding]:
    for item, change, beyond in _judged(ctx):
        if beyond is None:
            yield Finding(
                item.location.file,
                item.location.line("date"),
                "date",
                f"已发布信息的发布日期在 git 历史中被改动：{_what(change)}；发布日期应保持首次发布时的日期，"
                "更新请写 updated，确需改动时请在 front matter 写 allow: {CONTENT-08: 原因} "
                f"(the date of a published item was changed from {change.old} to {change.new})",
            )


# What accept() leaves unaccepted (ssg/check/allow.py): the item's own `allow` is there, but
# was written before this change.
NOT_COVERED_BY_ITS_ALLOW = "CONTENT-08:redated_after_allow"


@rule(
    "CONTENT-08",
    Severity.DEDUCT,
    "已写明原因的发布日期在该原因提交之后又被改动",
    "RULES CONTENT-08 的构建预检（单项否决“弄虚作假”：伪造发稿日期；“改动须记录原因”）",
    "恢复原来的发布日期；这次改动确有原因时，在 allow: {CONTENT-08: …}（或 data/allow.yaml 中的接受项）"
    "写明这次的原因并提交",
)
def redated_after_allow(ctx: CheckContext) -> Iterator[Finding]:
    """An item's `allow: {CONTENT-08: 原因}` records why its date was changed, as of the
    commit that wrote it: a re-dating after that commit is a new change with no recorded
    reason (RULES CONTENT-08 "改动须记录原因"). Reported, not accepted by that `allow`."""
    for item, change, beyond in _judged(ctx):
        if beyond is None:
            continue
        if beyond.commit and beyond.when is not None:
            written = f"写于提交 {beyond.commit[:10]}（{beyond.when:%Y-%m-%d}）"
        else:
            written = "随该信息一起提交"
        if beyond.line:
            where = f"{ALLOW_FILE} 第 {beyond.line} 行登记的 CONTENT-08 接受项"
            its, english = "该接受项", f"its entry in {ALLOW_FILE} (line {beyond.line})"
        else:
            where, its, english = "front matter 中的 allow: {CONTENT-08: …} ", "allow", "its allow"
        yield Finding(
            item.location.file,
            item.location.line("date"),
            "date",
            f"已发布信息的发布日期在 git 历史中被改动：{_what(change)}；{where}"
            f"{written}，早于这次改动，只说明那次及以前的改动，不涵盖这次。"
            f"请恢复原来的发布日期；确需改动时，在{its}中写明这次改动的原因并提交 "
            f"(the date was changed from {change.old} to {change.new} after the commit of "
            f"{english}, which does not cover this change)",
        )


def _what(change: Redating) -> str:
    commit = f"提交 {change.commit[:10]}（{change.when:%Y-%m-%d}）"
    same = "同一信息（同一栏目中标题相同，政策文件为文号相同）"
    if change.kept:
        # (written beside the published item, which was deleted later: the date it has is
        # what citizens see since)
        commit += f"删除了已发布的 {change.deleted_from}，留下此前另行写入的{same}，即"
    elif change.deleted_from:
        # (a new item that only shares the title: the editor is told what made it the same)
        commit += f"重新写入了此前从 {change.deleted_from} 删除的{same}，并"
    return f"{commit}把 {change.old} 改为 {change.new}"


def _judged(ctx: CheckContext) -> Iterator[tuple[Item, Redating, Allowed | None]]:
    """Each published item whose date was changed, with the committed reason that does not
    cover its latest change (None when there is none, or it does, or the reason in the
    working tree is not the committed one: not committed yet, it covers all). The item's own
    `allow` first, then data/allow.yaml's entry, as accept() (ssg/check/allow.py) reads them."""
    found = _history_once(ctx).found
    if not found:
        return
    for item_id in item_ids(ctx):
        item = ctx.site.items[item_id]
        change = found.get(item.location.file)
        if change is None or item.date is None:
            continue
        allowed = change.allowed
        reason = item.allow.get(CODE, "")
        if reason:
            beyond = (
                allowed
                if allowed is not None
                and reason == allowed.reason
                and not change.covered_by(allowed)
                else None
            )
        else:
            beyond = _listed_once(ctx).beyond(item.location.file, change)
        yield item, change, beyond


@dataclass(frozen=True, slots=True)
class _Listed:
    """data/allow.yaml's entries for CONTENT-08, each as committed (None: a line of it is not
    committed yet, or git has no history of the file: it covers every re-dating)."""

    entries: tuple[tuple[Allowance, Allowed | None], ...]
    chain: Mapping[str, int]  # a commit -> its place in the first-parent history, 0 the newest

    def beyond(self, file: str, change: Redating) -> Allowed | None:
        """The entry accepting `file` (the first, as accept() takes it) when it was written
        before `change` was made."""
        for allowance, allowed in self.entries:
            if not covers(allowance, file):
                continue
            made = self.chain.get(change.commit)
            if allowed is None or allowed.order is None or made is None:
                return None
            return allowed if allowed.order > made else None
        return None


def _listed_once(ctx: CheckContext) -> _Listed:
    """data/allow.yaml's entries as read (git blame) by the first of CONTENT-08's two rules
    to need them in this run: only when an item without its own reason was re-dated."""
    listed = ctx.shared.get("CONTENT-08:listed")
    if not isinstance(listed, _Listed):
        listed = ctx.shared["CONTENT-08:listed"] = _listed(ctx.root)
    return listed


def _listed(root: Path) -> _Listed:
    allowances = load_allow(root, Diagnostics())
    mine = [a for a in allowances if a.code == CODE]
    written = _blame(root, ALLOW_FILE) if mine else {}
    chain = _chain(root) if written else {}
    starts = sorted({a.line for a in allowances})
    entries: list[tuple[Allowance, Allowed | None]] = []
    for allowance in mine:
        # An entry's lines: from its own to the next entry's (blank and comment lines are
        # left out by _blame).
        later = [line for line in starts if line > allowance.line]
        end = later[0] if later else max(written, default=allowance.line) + 1
        commits = [written[n] for n in range(allowance.line, end) if n in written]
        if not commits or any(commit not in chain for commit, _when in commits):
            entries.append((allowance, None))  # (not committed, or no history to read)
            continue
        place, latest, when = min((chain[commit], commit, when) for commit, when in commits)
        entries.append((allowance, Allowed(allowance.reason, latest, when, place, allowance.line)))
    return _Listed(tuple(entries), chain)


_BLAME_HEADER = re.compile(r"([0-9a-f]{40}) \d+ (\d+)")


def _blame(root: Path, path: str) -> dict[int, tuple[str, dt.date]]:
    """Each written line of a file in the working tree (not blank, no comment) -> the commit
    that last wrote it and that commit's day (the author's, in China); a line not committed
    yet has the commit "0000…". {} without git's history of the file. The first parent only,
    as the history read: a line merged in was written, for the published branch, by the
    merge. Whitespace and lines moved within the file (-w -M) write nothing new."""
    out = _git(root, "blame", "--first-parent", "-w", "-M", "--line-porcelain", "--", path).out
    lines: dict[int, tuple[str, dt.date]] = {}
    commit, number, when = "", 0, dt.date.min
    for line in (out or "").split("\n"):  # (not splitlines: a reason may hold U+2028)
        header = _BLAME_HEADER.match(line)
        if header:
            commit, number = header.group(1), int(header.group(2))
        elif line.startswith("author-time "):
            seconds = int(line.split()[1])
            when = dt.datetime.fromtimestamp(seconds, SHANGHAI).date()
        elif line.startswith("\t"):
            text = line[1:].strip()
            if text and not text.startswith("#"):
                lines[number] = (commit, when)
    return lines


def _chain(root: Path) -> dict[str, int]:
    """Each commit of the first-parent history -> its place, 0 the newest."""
    out = _git(root, "rev-list", "--first-parent", "HEAD").out
    return {commit: place for place, commit in enumerate((out or "").split())}


@dataclass(frozen=True, slots=True)
class History:
    """What the pre-check read of the site's git history."""

    # site-relative file -> the latest commit that changed its date while it was published
    found: Mapping[str, Redating]
    # why the history of a site in a git repository could not be read ("": it was, or the
    # site has none: no repository, no commit)
    unread: str = ""


NO_HISTORY = History({})


@rule(
    "SSG-06",
    Severity.ADVICE,
    "读不到 git 历史，CONTENT-08 的发布日期预检没有运行",
    "ssg 构建环境提示（RULES CONTENT-08 的构建预检“已发布条目的 PubDate 不得在 git 历史中被改动”"
    "需要完整的 git 历史）",
    "确认 git 已安装且能在站点目录运行、仓库完整（git fsck）；CI 中请完整克隆（如 actions/checkout "
    "的 fetch-depth: 0，或 git fetch --unshallow）；git 超时时检查仓库锁与磁盘后重新构建",
)
def history_unread(ctx: CheckContext) -> Iterator[Finding]:
    """The site is in a git repository whose history could not be read: CONTENT-08's
    pre-check found nothing because it did not run, which its silence did not say. Advice:
    it judges the build's environment, not the site (ARCHITECTURE §3.1: never blocks)."""
    unread = _history_once(ctx).unread
    if unread:
        yield Finding(
            "content",
            0,
            "",
            f"未能读取 content/ 的 git 历史（{unread}），本次没有运行 CONTENT-08 的发布日期预检："
            "已发布信息的发布日期是否被改动未经检查；这一结果不保留，ssg check 或下一次有改动的构建会重新读取 "
            "(the git history could not be read, so CONTENT-08's date check did not run)",
        )


def _history_once(ctx: CheckContext) -> History:
    """The site's history as read by the first of the rules to need it in this run (a git
    that fails or hangs is met once a run, not once a rule)."""
    history = ctx.shared.get("CONTENT-08:history")
    if not isinstance(history, History):
        history = ctx.shared["CONTENT-08:history"] = read_history(ctx.root)
    return history


# The last history read in full, by (site, HEAD): the preview rebuilds without a new commit.
# One that could not be read is not kept: the next build tries again.
_CACHE: dict[tuple[str, str], History] = {}


def read_history(root: Path) -> History:
    """The re-datings of the site's published items, or why they could not be read."""
    if not _in_repository(root):
        return NO_HISTORY
    # (one git: is the clone shallow, and its HEAD; `-q --verify`: no commit yet exits 1 and
    # says nothing, where git's own failures exit 128 with a line on stderr)
    head = _git(root, "rev-parse", "--is-shallow-repository", "--verify", "-q", "HEAD")
    if head.out is None:
        return NO_HISTORY if head.code == 1 and not head.said else History({}, head.why)
    shallow, _, commit = head.out.strip().partition("\n")
    if shallow == "true":
        return History({}, "这是浅克隆（shallow clone），没有更早的提交可比较")
    key = (str(root.resolve()), commit)
    if key not in _CACHE:
        history = _read(root)
        if history.unread:
            return history
        _CACHE.clear()
        _CACHE[key] = history
    return _CACHE[key]


def redatings(root: Path) -> Mapping[str, Redating]:
    """Site-relative file -> the latest commit that changed its date while it was published;
    {} without a history read."""
    return read_history(root).found


def _in_repository(root: Path) -> bool:
    """Whether the site is in a git repository, as git finds one (a `.git` in its folder or
    one above it, or GIT_DIR): found without git, so that git missing is told apart from no
    repository."""
    if os.environ.get("GIT_DIR"):
        return True
    folder = root.resolve()
    return any((above / ".git").exists() for above in (folder, *folder.parents))


def _read(root: Path) -> History:
    # The author's time, not the committer's: a rebase or cherry-pick keeps it, and resets
    # the other to now (a rescheduled item, still in the future then, looked published).
    # The first parent only: what the published branch received; a review branch's own
    # edits before its merge arrive as the file's addition, not as a re-dating (a merge is
    # read as its diff from the first parent, -m: whatever a side branch did to a published
    # item arrives there as a change, or a deletion and an addition).
    # Every change and move of a file (M, R): a file re-dated and moved later was looked up
    # under its old path, and a move alone changes no line. (Unquoted paths: 通知.md was
    # "\351\200\232…" to read.) Additions (A, with their text: an item's first front matter)
    # and deletions (D, without it: -D, the walk knows what was deleted), where a path's
    # history ends or begins: a file deleted and written again, at its path or another, with
    # another date was a re-dating no change showed. --full-index: a changed file's blobs,
    # to read its front matter when its diff changes it.
    ran = _git(
        root,
        "-c",
        "core.quotePath=false",
        "log",
        f"--format={_COMMIT}%H %at",
        "--first-parent",
        "-m",
        "-p",
        "--unified=0",
        "--full-index",
        "-M",
        "--no-color",
        "--no-ext-diff",
        "--relative",
        "--irreversible-delete",
        "--diff-filter=AMRD",
        "--",
        "content/",
    )
    if ran.out is None:
        return History({}, ran.why)
    blobs = Blobs(root)
    try:
        found = _walk(ran.out.split(_COMMIT)[1:], blobs)
    finally:
        blobs.close()
    # (a `git cat-file` that failed or hung is as a `git log` that did: no history read)
    return History({}, blobs.failed) if blobs.failed else History(found)


def _walk(commits: list[str], blobs: Blobs) -> dict[str, Redating]:
    """Each re-dated item where it is now (HEAD), from the log's commits, newest first."""
    # Oldest first: whether an item was ever published, and the date it had, is its past.
    live = _Live()  # the items as of the commits read so far
    # a deleted published item's document -> the item (the latest deleted): written again,
    # at any path, it is that item again
    gone: dict[Document, _Life] = {}
    changed: dict[int, Redating] = {}  # an item -> the latest change of its date
    # an item -> the latest commit that wrote its `allow: {CONTENT-08: …}` anew
    allow_commits: dict[int, tuple[str, dt.date, int]] = {}
    idents = itertools.count()
    for order in range(len(commits) - 1, -1, -1):
        head, _, diff = commits[order].partition("\n")
        commit, _, seconds = head.partition(" ")
        when = dt.datetime.fromtimestamp(int(seconds or 0), SHANGHAI).date()
        day = f"{when:%Y-%m-%d}"
        changes = list(history_diff.changes(diff))
        # A commit's deletions and moves at once, before what it writes: two files may swap
        # paths, and a file written under a new path may be one deleted in the same commit.
        left = {c.before: live.pop(c.before) for c in changes if c.deleted or c.moved}
        # The files this commit moves, where they go: a copy written beside a published item
        # is still kept when it moves in the commit that deletes the item.
        moving = {
            c.after: (c.before, life)
            for c in changes
            if c.moved and (life := left.get(c.before)) is not None
        }
        for change in changes:
            life = left.get(change.before)
            if not change.deleted or life is None:
                continue
            life, document = life.seen(day), _document(life.document, change.before)
            if not (life.published and document):
                continue
            copy = live.copy_of(document, life, moving)
            if copy is None:
                gone[document] = dataclasses.replace(life, deleted_from=change.before)
                continue
            # Written first, beside it, and kept: that item again, with the date it has.
            path, kept = copy
            if kept.date and kept.date != life.date:
                changed[kept.ident] = Redating(
                    commit, when, life.date, kept.date, order, deleted_from=change.before, kept=True
                )
            kept = dataclasses.replace(kept, published=True, first=life.written_as)
            if path in moving:  # (put where it goes when its move is read, below)
                moved_from = moving[path][0]
                left[moved_from] = kept
                moving[path] = (moved_from, kept)
            else:
                live.put(path, kept)
        for change in changes:
            if change.deleted:
                continue
            if change.written is not None:  # (added: its front matter is in the diff)
                front = change.written
                document = _document(front.document, change.after)
                life = gone.pop(document, None) if document else None
                if life is None:  # (a new item: what came with it was written before any change)
                    live.put(change.after, _Life(next(idents)).written(front))
                    continue
            else:
                life = left.get(change.before) if change.moved else live.get(change.after)
                if life is None:  # (a history that begins without it: its version before)
                    before = _front_of(blobs, change.old_blob, change.before)
                    life = _Life(next(idents)).written(before or history_diff.NO_FRONT)
                now = (
                    _front_of(blobs, change.new_blob, change.after)
                    if change.touches_front(life.end)
                    else None
                )
                if now is None:  # (the text alone changed, or it moved)
                    live.put(change.after, life)
                    continue
                front = now
            life = life.seen(day)
            if life.published and front.date and life.date and front.date != life.date:
                changed[life.ident] = Redating(
                    commit, when, life.date, front.date, order, deleted_from=life.deleted_from
                )
            if front.reason and front.reason != life.reason:
                allow_commits[life.ident] = (commit, when, order)
            live.put(change.after, life.written(front))
    # Each re-dated item where it is now, with its reason as committed (HEAD): the walk
    # read it, as its front matter was last written.
    found: dict[str, Redating] = {}
    for path, life in live.items():
        if life.ident in changed:
            allowed = _allowed(life.reason, allow_commits.get(life.ident))
            found[path] = dataclasses.replace(changed[life.ident], allowed=allowed)
    return found


class _Live:
    """The items as the commits read so far left them: by path, and by document (_document),
    to find the copy of a published item written beside it when it is deleted."""

    def __init__(self) -> None:
        self._at: dict[str, _Life] = {}
        self._holders: dict[Document, set[str]] = {}  # a document -> its paths

    def get(self, path: str) -> _Life | None:
        return self._at.get(path)

    def items(self) -> Iterator[tuple[str, _Life]]:
        return iter(self._at.items())

    def put(self, path: str, life: _Life) -> None:
        was = self._at.get(path)
        self._at[path] = life
        if was is not None and was.document == life.document:
            return  # (most changes: the same item, the same document)
        if was is not None:
            self._unlist(path, was)
        document = _document(life.document, path)
        if document is not None:
            self._holders.setdefault(document, set()).add(path)

    def pop(self, path: str) -> _Life | None:
        life = self._at.pop(path, None)
        if life is not None:
            self._unlist(path, life)
        return life

    def _unlist(self, path: str, life: _Life) -> None:
        document = _document(life.document, path)
        paths = self._holders.get(document) if document is not None else None
        if paths is not None:
            paths.discard(path)

    def copy_of(
        self,
        document: Document,
        item: _Life,
        moving: Mapping[str, tuple[str, _Life]],
    ) -> tuple[str, _Life] | None:
        """The newest item of `document` written after `item` (None: none is): the copy
        made of it, if it was copied. One written before it was there all along. `moving`:
        the files the commit moves (the path each goes to -> its path before and the item),
        out of the live ones while it is read; one is the copy where it goes."""
        newer = [
            (life.written_as, life.ident, path, life)
            for path in self._holders.get(document, ())
            if (life := self._at[path]).written_as > item.written_as
        ]
        newer += [
            (life.written_as, life.ident, path, life)
            for path, (_before, life) in moving.items()
            if life.written_as > item.written_as and _document(life.document, path) == document
        ]
        if not newer:
            return None
        *_order, path, life = max(newer)
        return path, life


def _front_of(blobs: Blobs, blob: str, path: str) -> Front | None:
    raw = blobs.read(blob)
    return history_diff.front(raw, path) if raw is not None else None


def _document(document: tuple[str, str], path: str) -> Document | None:
    """What a file at `path` is, to say whether one written after a published item was
    deleted (or beside it, kept when it was deleted) is that item again: its 文号
    (doc_number), which names one document whatever its title is typed as or wherever it is
    filed; else its title in its column, as citizens find it there. Not the title alone: a
    department's 机构职能 or a notice forwarded to several columns has its namesakes in
    other columns, which are other items (an item moved to another column is followed by
    git's rename, as any move). A new item of another title is another item; one published
    again under the same title in the same column is the same. None: nothing to tell it by."""
    title, number = document
    if number:
        return ("文号", number)
    return ("标题", title, _column(path)) if title else None


def _column(path: str) -> str:
    """The folder of the column an item's file is in (a bundle's index.md: its folder's)."""
    folder = path.rpartition("/")[0]
    return folder.rpartition("/")[0] if path.endswith("/index.md") else folder


def _allowed(reason: str, written: tuple[str, dt.date, int] | None) -> Allowed | None:
    """A file's `allow: {CONTENT-08: …}` as committed, with the commit that wrote it (none
    read: it came with the file, before any change of its date)."""
    if not reason:
        return None
    if written is None:
        return Allowed(reason, "", None, None)
    return Allowed(reason, *written)


@dataclass(frozen=True, slots=True)
class _Ran:
    """One git run: its output, or why there is none."""

    out: str | None  # None: it failed
    why: str = ""  # (failed) git's own last line on stderr, or why it did not finish
    code: int = 0  # its exit status
    said: bool = False  # (failed) git wrote why on stderr


def _git(root: Path, *args: str) -> _Ran:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=history_diff.GIT_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        limit = history_diff.GIT_TIMEOUT
        return _Ran(None, f"git {_verb(args)} 超过 {limit:g} 秒没有完成 (timed out)", -1)
    except (OSError, subprocess.SubprocessError) as error:
        return _Ran(None, f"无法运行 git：{error}", -1)
    if done.returncode == 0:
        return _Ran(done.stdout)
    said = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    why = said[-1] if said else f"git {_verb(args)} 退出码 {done.returncode}"
    return _Ran(None, why, done.returncode, bool(said))


def _verb(args: tuple[str, ...]) -> str:
    """The git command of a run's arguments (`log` of `-c core.quotePath=false log …`)."""
    words = iter(args)
    for word in words:
        if word == "-c":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return ""
