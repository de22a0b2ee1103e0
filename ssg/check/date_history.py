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
item followed from the commit that wrote it) and one `git cat-file` for the committed reasons
it needs. An item counts as published once, at a commit, it was no draft and its date had
come by the commit's time: a draft or a scheduled item may be re-dated freely; one published
stays published, made a draft again, its `date:` line removed, or deleted. Renames are
followed: an item moved to another column in the commit that changed its date, or re-dated
and moved later, is found under the path it has now. A file written after a published item
was deleted (in a later commit or the same one, at its path or another, or kept by a merge
from a side branch) is that item again when it is the same document: the same 文号
(doc_number) when it has one, else the same title (_document); its new date is a re-dating
by the commit that wrote it. A new item of another title at a deleted one's path is another
item: only the changes after it was written count. Without git, outside a work tree, or in a
shallow clone without the commit, there is nothing to compare: no finding (the editor's own
builds, with the history, are where it is said).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ssg.check.allow_file import ALLOW_FILE, Allowance, covers, load_allow
from ssg.check.registry import CheckContext, Finding, rule
from ssg.content.frontmatter import parse_document
from ssg.content.model import Item
from ssg.diagnostics import Diagnostics, Severity
from ssg.timezone import SHANGHAI

_DATE_LINE = re.compile(r"^([-+])date:\s*['\"]?(\d{4}-\d{2}-\d{2})")
_DRAFT = re.compile(r"^draft:\s*(?:true|yes|on)\s*(?:#.*)?$", re.I | re.M)
_COMMIT = "\x01"
CODE = "CONTENT-08"


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

    def covered_by(self, allowed: Allowed) -> bool:
        """Whether a reason committed as `allowed` was written for this change: in its
        commit or a later one (a reason that came with the file was written before it)."""
        return allowed.order is not None and allowed.order <= self.order


@dataclass(frozen=True, slots=True)
class _FileChange:
    """One file of a commit's diff: its path before and after, and what its diff says."""

    before: str  # the path in the commit's first parent (another one when it was moved)
    after: str
    old: str  # the date it had and was given, YYYY-MM-DD; "" when no `date:` line changed
    new: str
    draft: bool | None  # whether it is a draft now, None when no `draft:` line changed
    allow_written: bool  # a line of `allow: {CONTENT-08: …}` added
    deleted: bool = False  # the file was deleted
    added: bool = False  # the file was written (its first date, draft and title read)
    # (title, doc_number) as a `title:` and a `doc_number:` line of the diff write them
    document: tuple[str, str] = ("", "")

    @property
    def moved(self) -> bool:
        return self.before != self.after and not self.deleted


@dataclass(frozen=True, slots=True)
class _Life:
    """An item as the commits read so far (oldest first) left it."""

    ident: int
    date: str = ""  # YYYY-MM-DD; the last one it had while its `date:` line is gone
    draft: bool = False
    published: bool = False  # at some commit read so far it was no draft, its date come
    # (title, doc_number): what makes a file written after a published item was deleted that
    # item again (see _document)
    document: tuple[str, str] = ("", "")
    deleted_from: str = ""  # while it is written again in the commit read: its deleted path

    def seen(self, day: str) -> _Life:
        """As it was by a commit of `day`: published once it was no draft on its date."""
        if self.published or self.draft or not self.date or self.date > day:
            return self
        return dataclasses.replace(self, published=True)

    def written(self, change: _FileChange) -> _Life:
        """After `change` (a re-dating too: what the walk compares with next is its date)."""
        if not (change.new or change.added or change.document != ("", "")) and (
            change.draft is None or change.draft == self.draft
        ):
            return self  # (most changes are of the text alone: no copy made)
        draft = change.draft if change.draft is not None else self.draft and not change.added
        title, number = change.document
        return dataclasses.replace(
            self,
            date=change.new or self.date,
            draft=draft,
            document=(title or self.document[0], number or self.document[1]),
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
    if change.deleted_from:
        # (a new item that only shares the title: the editor is told what made it the same)
        commit += f"重新写入了此前从 {change.deleted_from} 删除的同一信息（标题相同，政策文件为文号相同），并"
    return f"{commit}把 {change.old} 改为 {change.new}"


def _judged(ctx: CheckContext) -> Iterator[tuple[Item, Redating, Allowed | None]]:
    """Each published item whose date was changed, with the committed reason that does not
    cover its latest change (None when there is none, or it does, or the reason in the
    working tree is not the committed one: not committed yet, it covers all). The item's own
    `allow` first, then data/allow.yaml's entry, as accept() (ssg/check/allow.py) reads them."""
    found = redatings(ctx.root)
    if not found:
        return
    for item_id in sorted(ctx.site.items):
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
    out = _git(root, "blame", "--first-parent", "-w", "-M", "--line-porcelain", "--", path)
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
    out = _git(root, "rev-list", "--first-parent", "HEAD")
    return {commit: place for place, commit in enumerate((out or "").split())}


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
    # edits before its merge arrive as the file's addition, not as a re-dating (a merge is
    # read as its diff from the first parent, -m: whatever a side branch did to a published
    # item arrives there as a change, or a deletion and an addition).
    # Every change and move of a file (M, R), not only those git's -G finds changing a
    # `date:` line: a file re-dated and moved later was looked up under its old path, and a
    # move alone changes no line. (Unquoted paths: 通知.md was "\351\200\232…" to read.)
    # Additions (A, with their text: an item's first date, draft and title) and deletions
    # (D, without it: -D, the walk knows what was deleted), where a path's history ends or
    # begins: a file deleted and written again, at its path or another, with another date
    # was a re-dating no change showed.
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
        "--irreversible-delete",
        "--diff-filter=AMRD",
        "--",
        "content/",
    )
    commits = (log or "").split(_COMMIT)[1:]
    # Oldest first: whether an item was ever published, and the date it had, is its past.
    live: dict[str, _Life] = {}  # a path, as of the commits read so far -> the item there
    # a deleted published item's document -> the item (the latest deleted): written again,
    # at any path, it is that item again
    gone: dict[tuple[str, str], _Life] = {}
    changed: dict[int, Redating] = {}  # an item -> the latest change of its date
    # an item -> the latest commit that wrote a line of its `allow: {CONTENT-08: …}`
    allow_commits: dict[int, tuple[str, dt.date, int]] = {}
    idents = itertools.count()
    for order in range(len(commits) - 1, -1, -1):
        head, _, diff = commits[order].partition("\n")
        commit, _, seconds = head.partition(" ")
        when = dt.datetime.fromtimestamp(int(seconds or 0), SHANGHAI).date()
        day = f"{when:%Y-%m-%d}"
        changes = list(_changes(diff))
        # A commit's deletions and moves at once, before what it writes: two files may swap
        # paths, and a file written under a new path may be one deleted in the same commit.
        left = {c.before: live.pop(c.before, None) for c in changes if c.deleted or c.moved}
        for change in changes:
            life = left.get(change.before)
            if change.deleted and life is not None:
                life, document = life.seen(day), _document(*life.document)
                if life.published and document:
                    gone[document] = dataclasses.replace(life, deleted_from=change.before)
        for change in changes:
            if change.deleted:
                continue
            if change.added:
                document = _document(*change.document)
                life = gone.pop(document, None) if document else None
                if life is None:  # (a new item: what came with it was written before any change)
                    live[change.after] = _Life(next(idents)).written(change)
                    continue
            elif change.moved:
                life = left.get(change.before)
            else:
                life = live.get(change.after)
            if life is None:  # (a history that begins without it: as its diff says)
                life = _Life(next(idents), change.old, document=change.document)
            life = life.seen(day)
            if life.published and change.new and life.date and change.new != life.date:
                changed[life.ident] = Redating(
                    commit, when, life.date, change.new, order, deleted_from=life.deleted_from
                )
            if change.allow_written:
                allow_commits[life.ident] = (commit, when, order)
            live[change.after] = life.written(change)
    # Each re-dated item where it is now, with its reason as committed (HEAD): every text
    # read by one git process (a process a file took 10 s for 3,000). `./`: the path from
    # the site's folder, which need not be the repository's top (sites.yaml).
    now = {path: changed[life.ident] for path, life in live.items() if life.ident in changed}
    paths = sorted(now)
    texts = _blobs(root, [f"HEAD:./{path}" for path in paths])
    found: dict[str, Redating] = {}
    for path, text in zip(paths, texts, strict=True):
        allowed = _allowed(path, text, allow_commits.get(live[path].ident))
        found[path] = dataclasses.replace(now[path], allowed=allowed)
    return found


def _document(title: str, number: str) -> tuple[str, str] | None:
    """What a file is, to say whether one written after a published item was deleted is that
    item again: its 文号 (doc_number), which names one document whatever its title is typed
    as; else its title, as citizens find it in the column. A new item at a deleted one's path,
    with another title, is another item; one published again under the same title is the
    same. None: nothing to tell it by."""
    if number:
        return ("文号", number)
    return ("标题", title) if title else None


def _allowed(
    path: str, text: str | None, written: tuple[str, dt.date, int] | None
) -> Allowed | None:
    """A file's `allow: {CONTENT-08: …}` in its committed text, with the commit that wrote
    it (none read: it came with the file, before any change of its date)."""
    if text is None or CODE not in text:
        return None
    parsed = parse_document(text.encode("utf-8"), path, Diagnostics())
    allow = parsed.data.get("allow") if parsed is not None else None
    reason = allow.get(CODE) if isinstance(allow, dict) else None
    if not isinstance(reason, str) or not reason.strip():
        return None
    if written is None:
        return Allowed(reason.strip(), "", None, None)
    return Allowed(reason.strip(), *written)


def _blobs(root: Path, specs: list[str]) -> list[str | None]:
    """The text of each `rev:path` (None when git has none), read by one `git cat-file`."""
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
    r"^(?:diff --git |--- |\+\+\+ |rename from |rename to |deleted file mode |new file mode "
    r"|[-+](?:date|draft):|\+(?:title|doc_number):|[-+].*CONTENT-08).*",
    re.M,
)
# …in a diff that names no CONTENT-08 (most): a line of an added file's text was scanned to
# its end for it, a third of the walk.
_READ_LINES_NO_ALLOW = re.compile(_READ_LINES.pattern.replace(r"|[-+].*CONTENT-08", ""), re.M)
# A line of `allow` naming CONTENT-08 (`  CONTENT-08: 原因`, `allow: {CONTENT-08: 原因}`),
# added or removed. What follows the code is compared: a line git shows removed and added
# again, moved or re-indented, writes no new reason.
_ALLOW_LINE = re.compile(r"""^([-+]).*\bCONTENT-08['"]?\s*:(.*)""")


def _changes(diff: str) -> Iterator[_FileChange]:
    """Each file of a commit's diff (--unified=0, paths unquoted but for control characters,
    quotes and backslashes). Of each field the first line counts: the front matter's (an
    added file's diff is all of its text)."""
    fields: dict[str, str] = {}
    reasons: dict[str, set[str]] = {"-": set(), "+": set()}  # (of allow lines removed, added)
    lines = _READ_LINES if CODE in diff else _READ_LINES_NO_ALLOW
    for found in lines.finditer(diff):
        line = found.group()
        if line.startswith("diff --git "):
            if fields:
                yield _file_change(fields, reasons)
            fields = {"diff": line}  # (a file's diff begins)
            reasons = {"-": set(), "+": set()}
        elif line.startswith(("--- a/", '--- "a/')):
            fields.setdefault("before", _unquoted(line[4:])[2:])
        elif line.startswith(("+++ b/", '+++ "b/')):
            fields.setdefault("after", _unquoted(line[4:])[2:])
        elif line.startswith("rename from "):
            fields["before"] = _unquoted(line[12:])
        elif line.startswith("rename to "):
            fields["after"] = _unquoted(line[10:])
        elif line.startswith("deleted file mode "):
            # (-D: no `---` line follows; the header names the path twice, a/ and b/)
            header = fields["diff"][len("diff --git ") :]
            fields["before"] = fields["after"] = _unquoted(header[: len(header) // 2])[2:]
            fields["deleted"] = "yes"
        elif line.startswith("new file mode "):
            fields["added"] = "yes"
        elif allow := _ALLOW_LINE.match(line):
            reasons[allow.group(1)].add(allow.group(2).strip())
        elif match := _DATE_LINE.match(line):
            fields.setdefault("old" if match.group(1) == "-" else "new", match.group(2))
        else:  # (`-draft:`, `+draft:`, `+title:`, `+doc_number:`)
            key, _, value = line.partition(":")
            fields.setdefault(key, value)
    if fields:
        yield _file_change(fields, reasons)


def _file_change(fields: dict[str, str], reasons: dict[str, set[str]]) -> _FileChange:
    after = fields.get("after", "")
    if "+draft" in fields:
        draft: bool | None = bool(_DRAFT.match(f"draft:{fields['+draft']}"))
    else:
        draft = False if "-draft" in fields else None
    return _FileChange(
        fields.get("before", after),
        after,
        fields.get("old", ""),
        fields.get("new", ""),
        draft,
        bool(reasons["+"] - reasons["-"]),
        "deleted" in fields,
        "added" in fields,
        (_plain(fields.get("+title", "")), _plain(fields.get("+doc_number", ""))),
    )


def _plain(value: str) -> str:
    """A title or 文号 as a line of front matter writes it: unquoted, spaces left out (an
    editor's re-typed space is no other document)."""
    return "".join(value.split()).strip("'\"")


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
