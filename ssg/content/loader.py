"""Discovering and reading content/: folders become columns, files become items.

A folder with `_index.md` is a column; a folder with `index.md` (and no `_index.md`) is an
item bundle whose other files travel with it; any other file in a column folder is copied
beside the column's pages. Files are only ever read.

What would be published wrongly or not at all is reported here, before anything is made:
names that are not UTF-8, links to nothing or outside the site, unreadable files and folders
(in static/ too, which is published as it is), and Markdown that would be copied raw instead
of becoming a page (`.MD`, Markdown inside a bundle).
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath

from ssg.cache import FileStamp, ParseCache, content_digest, file_stamp, parse_cache_path
from ssg.config import load_site_config
from ssg.content.frontmatter import parse_document
from ssg.content.model import Column, Item, Location
from ssg.content.stripped import removed_html
from ssg.content.validate import column_from_front_matter, item_from_front_matter
from ssg.diagnostics import Diagnostic, Diagnostics
from ssg.forked import Ahead, map_in_two

CONTENT_DIR = "content"
STATIC_DIR = "static"


@dataclass(frozen=True, slots=True)
class SourceTree:
    """Everything read from content/, validated, not yet linked."""

    columns: Mapping[str, Column]  # column id ("" = home) -> column
    items: tuple[Item, ...]  # every valid item, drafts and scheduled included
    bundle_files: Mapping[str, tuple[str, ...]]  # bundle item id -> its files (posix, relative)
    loose_files: tuple[str, ...]  # content-relative files in column folders, copied as they are
    failed_columns: frozenset[str]  # columns whose _index.md was invalid (items still load)
    failed_items: Mapping[str, str] = field(default_factory=dict)  # invalid item id -> doc_number
    # item id -> digest of what made it (bytes, default type, place): an item's identity for
    # the render cache, far cheaper than hashing the parsed object
    digests: Mapping[str, str] = field(default_factory=dict)


def _is_hidden(name: str) -> bool:
    return name.startswith((".", "_")) and name != "_index.md"


def shown(path: str) -> str:
    """A path as a diagnostic can print it: the bytes of a name that is not UTF-8 (a GBK name
    from a Windows zip, read as surrogates) written as \\xNN, the rest as it is."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _not_utf8(name: str) -> bool:
    """A file name that cannot be written in a UTF-8 page, URL or sitemap."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def cannot_read(diags: Diagnostics, rel: str, path: str, exc: OSError) -> None:
    """FILE-03 for a file or folder of the site that cannot be read (`rel` from the site
    root, `path` the one that was opened)."""
    if exc.errno == errno.ELOOP:
        why = (
            "它是循环的链接：链接最终又指回自己，永远找不到文件；请删除它，或让它指向真实的文件 "
            "(cannot read: the link loops back on itself)"
        )
    elif isinstance(exc, FileNotFoundError) and os.path.islink(path):
        target = shown(os.readlink(path))
        why = f"它是指向 {target} 的链接，而链接的目标不存在 (cannot read: broken link to {target})"
    elif isinstance(exc, FileNotFoundError):
        why = "文件已不存在 (cannot read: file vanished)"
    elif isinstance(exc, PermissionError):
        why = "没有读取权限，请检查文件权限 (cannot read: permission denied)"
    else:
        why = f"读取出错 (cannot read: {exc.strerror or type(exc).__name__})"
    diags.error("FILE-03", shown(rel), 0, "", f"无法读取 {shown(rel)}：{why}")


class _Finder:
    """Lists the folders of content/ and static/ for discovery, leaving out (and reporting)
    what cannot be published: names that are not UTF-8, links to nothing or to files outside
    the site, folders that cannot be read. One os.scandir per folder, as os.walk did; a link
    (rare) costs a realpath."""

    def __init__(self, root: Path, diags: Diagnostics) -> None:
        self.diags = diags
        # A link may point anywhere in the site (content/ and static/ may themselves be links
        # to the folders a deployment keeps them in), never outside it.
        self.homes = tuple(
            {os.path.realpath(root / name) for name in ("", CONTENT_DIR, STATIC_DIR)}
        )

    def listdir(self, folder: str, rel: str) -> tuple[list[str], list[str]] | None:
        """(sub-folders, files) of `folder` (`rel` from the site root), sorted; None when it
        cannot be read. A link to a folder is not followed (as os.walk does not)."""
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            cannot_read(self.diags, rel, folder, exc)
            return None
        dirs: list[str] = []
        files: list[str] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if not name.isascii() and _not_utf8(name):
                self.diags.error(
                    "FILE-04",
                    shown(f"{rel}/{name}"),
                    0,
                    "",
                    f"名称 {shown(name)} 不是 UTF-8 编码（常见于 Windows 打包的 zip，GBK 编码），"
                    "无法写成网址；请用 UTF-8 的文件名重新命名或重新解压 "
                    "(file name is not UTF-8: it cannot be published)",
                )
            elif entry.is_symlink():
                if self._link_to_file(entry.path, f"{rel}/{name}", name):
                    files.append(name)
            elif entry.is_dir():
                dirs.append(name)
            elif entry.is_file():
                files.append(name)
            else:
                self.diags.error(
                    "FILE-03",
                    f"{rel}/{name}",
                    0,
                    "",
                    f"无法读取 {rel}/{name}：不是普通文件或文件夹 (cannot read: not a regular file)",
                )
        dirs.sort()
        files.sort()
        return dirs, files

    def _link_to_file(self, path: str, rel: str, name: str) -> bool:
        """Whether a link is a file to take (reporting it when it is not). Markdown that
        links to nothing is taken: reading it says so, where its folder's role is known."""
        target = os.path.realpath(path)
        if os.path.isdir(target):
            # Not followed (a folder would be read twice, or from outside the site): said, so
            # that what is in it does not vanish from the site without a word.
            self.diags.error(
                "FILE-05",
                shown(rel),
                0,
                "",
                f"{shown(rel)} 是指向文件夹 {shown(target)} 的链接；ssg 不读取链接的文件夹，其中的内容"
                "不会发布；请把文件夹本身放进来 (link to a folder: not followed)",
            )
            return False
        if not os.path.exists(target):
            if name.endswith(".md"):
                return True
            try:
                os.stat(path)
            except OSError as exc:  # a link to nothing, or one that loops (ELOOP)
                cannot_read(self.diags, rel, path, exc)
            return False
        if not any(target == home or target.startswith(home + os.sep) for home in self.homes):
            self.diags.error(
                "FILE-05",
                rel,
                0,
                "",
                f"{rel} 是指向站点以外的 {shown(target)} 的链接；站点以外的文件不会发布，"
                "需要发布时请把文件本身复制进来 (link to a file outside the site)",
            )
            return False
        return True


# Markdown's other extensions (Hugo's and the editors'): only `.md` makes a page.
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn")
# What editors and their tools leave beside a file they save: Emacs' x.md~ and #x.md#, the
# x.md.bak, .orig (a merge's), .old, .tmp, .swp of others and of hand copies.
_BACKUP = re.compile(r"^#(?P<a>.+)#$|^(?P<b>.+?)(?:~+|\.(?:bak|orig|old|tmp|swp|save))$", re.I)


def _markdown_stem(name: str) -> str | None:
    """`name` without its Markdown extension, any case; None when it is not Markdown."""
    lower = name.lower()
    for suffix in _MARKDOWN_SUFFIXES:
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return None


def say_removed_html(diags: Diagnostics, file: str, body: str, body_line: int) -> None:
    """HTML-01 (advice) at each line of a body whose raw HTML the sanitiser takes out."""
    for offset, chinese, english in removed_html(body):
        gap = " " if chinese[-1].isascii() else ""  # (事件属性 onclick 不会…)
        diags.advice(
            "HTML-01",
            file,
            body_line + offset,
            "",
            f"正文中的{chinese}{gap}不会发布：为了网站安全，ssg 只保留 HTML 中安全的部分，发布时会把它去掉 "
            f"(raw HTML removed from the page: {english})",
        )


def _misplaced_markdown(diags: Diagnostics, rel: str, name: str, bundle: str = "") -> bool:
    """FILE-06 for Markdown that would be copied as it is (front matter, drafts, reviewers'
    names and all) instead of becoming a page; True when `name` is such a file."""
    backup = _BACKUP.match(name)
    original = (backup.group("a") or backup.group("b")) if backup else None
    if original is not None and _markdown_stem(original) is not None:
        diags.error(
            "FILE-06",
            f"{CONTENT_DIR}/{rel}",
            0,
            "",
            f"{name} 是 Markdown 文件 {original} 的备份或副本，不会作为信息发布，而会连同 front matter"
            "（草稿、审核人等）原样复制到网站上；请删除它，或移到 content/ 以外 "
            f"(a backup copy of {original}: it would be published as it is)",
        )
        return True
    # Windows' Notepad saves x.md as x.md.txt, with the .txt hidden from the editor.
    stem = _markdown_stem(name[:-4] if name.lower().endswith(".txt") else name)
    if stem is None:
        return False
    file = f"{CONTENT_DIR}/{rel}"
    if not bundle:
        if name.endswith(".md"):
            return False
        fixed = f"{stem}.md"
        message = (
            f"扩展名应为小写的 .md，是不是 {fixed}？扩展名为 {name[len(stem) :]} 的文件不会被当作信息处理 "
            f"(did you mean {fixed}: the extension must be a lowercase .md)"
        )
    elif name == "_index.md":
        message = (
            f"{bundle}/ 有 index.md，是一条信息的条目文件夹（bundle），其中不能再放栏目；"
            f"{PurePosixPath(rel).parent}/ 及其中的信息不会发布，请把它移到栏目文件夹中 "
            "(a column folder inside a bundle is not a column)"
        )
    else:
        message = (
            f"{bundle}/ 有 index.md，是一条信息的条目文件夹（bundle）：其中只有 index.md 是信息正文，"
            "其他 Markdown 文件不会发布；另一条信息请放到栏目文件夹中 "
            "(Markdown inside a bundle is not an item)"
        )
    diags.error("FILE-06", file, 0, "", message)
    return True


@dataclass(slots=True)
class _Scan:
    column_dirs: list[str]
    item_files: list[tuple[str, str, bool]]  # (item id, content-relative file, is bundle)
    bundle_files: dict[str, tuple[str, ...]]
    loose_files: list[str]


def _scan(content: Path, finder: _Finder, diags: Diagnostics) -> _Scan:
    scan = _Scan([], [], {}, [])
    # (a stack, not recursion: folders in the order os.walk gave them, parents first)
    stack = [(str(content), "")]
    while stack:
        folder, dir_id = stack.pop()
        listed = finder.listdir(folder, f"{CONTENT_DIR}/{dir_id}" if dir_id else CONTENT_DIR)
        if listed is None:
            continue
        dirnames, names = listed
        if dir_id and "index.md" in names and "_index.md" not in names:
            scan.item_files.append((dir_id, f"{dir_id}/index.md", True))
            # a bundle's sub-folders are its files, not columns
            scan.bundle_files[dir_id] = _bundle_files(finder, folder, dir_id, dirnames, names)
            continue
        stack.extend(
            (f"{folder}/{d}", f"{dir_id}/{d}" if dir_id else d) for d in reversed(dirnames)
        )
        markdown = [n for n in names if n.endswith(".md") and n != "_index.md"]
        if "_index.md" in names or not dir_id:
            scan.column_dirs.append(dir_id)
        elif markdown:
            diags.error(
                "COLUMN-01",
                f"{CONTENT_DIR}/{dir_id}",
                0,
                "",
                f"文件夹 {dir_id}/ 中有内容，但没有 _index.md；每个栏目文件夹都需要 _index.md "
                "写明栏目名称等 (folder has content but no _index.md)",
            )
            continue
        for name in names:
            rel = f"{dir_id}/{name}" if dir_id else name
            if name.endswith(".md"):
                if name != "_index.md":
                    scan.item_files.append((rel[: -len(".md")], rel, False))
            elif not _misplaced_markdown(diags, rel, name):
                scan.loose_files.append(rel)
    return scan


def _bundle_files(
    finder: _Finder, folder: str, dir_id: str, dirnames: list[str], names: list[str]
) -> tuple[str, ...]:
    """A bundle's files (posix, relative to it), all its sub-folders' included; Markdown in
    it other than its index.md is reported, not published."""
    files: list[str] = []
    stack = [(folder, "", dirnames, names)]
    while stack:
        folder, prefix, dirnames, names = stack.pop()
        for name in names:
            rel = prefix + name
            if rel != "index.md" and not _misplaced_markdown(
                finder.diags, f"{dir_id}/{rel}", name, bundle=dir_id
            ):
                files.append(rel)
        for sub in dirnames:
            path = f"{folder}/{sub}"
            listed = finder.listdir(path, f"{CONTENT_DIR}/{dir_id}/{prefix}{sub}")
            if listed is not None:
                stack.append((path, f"{prefix}{sub}/", *listed))
    return tuple(sorted(files))


def _scan_static(root: Path, finder: _Finder) -> None:
    """static/ is published as it is: what cannot be is reported before anything is made."""
    stack = [(str(root / STATIC_DIR), STATIC_DIR)]
    while stack:
        folder, rel = stack.pop()
        listed = finder.listdir(folder, rel)
        if listed is not None:
            stack.extend((f"{folder}/{d}", f"{rel}/{d}") for d in listed[0])


def load_content(
    root: Path,
    extra_column_types: tuple[str, ...],
    diags: Diagnostics,
    cache: ParseCache | None = None,
    ahead: Ahead[_Job, _Outcome] | None = None,
) -> SourceTree:
    """content/ read and validated; `ahead`: the cold parse's child forked at the start of the
    build (ssg/build_start.py), which may have parsed much of it already."""
    found = _discover(root, extra_column_types, diags)
    if found is None:
        if ahead is not None:
            ahead.close()
        return SourceTree({}, (), {}, (), frozenset())
    scan, columns, failed, jobs = found
    items: list[Item] = []
    failed_items: dict[str, str] = {}
    digests: dict[str, str] = {}
    parsed = None
    if cache is None or not cache.entries:
        # Nothing can come from the cache (a cold build): every file is read and parsed, on
        # two processes (ssg/forked.py).
        work = partial(_parse_file, str(root / CONTENT_DIR), cache is not None)
        if ahead is not None and ahead.running:
            # (None: the child had not yet got to its list, under load; it is stopped)
            parsed = ahead.map(_plan_key(root, cache is not None, jobs), jobs, work)
        if parsed is None and len(jobs) >= MIN_FORKED_PARSE:
            parsed = map_in_two(work, jobs, 0.56)
    if ahead is not None:
        ahead.close()  # (not needed, or done with)
    if parsed is not None:
        for job, outcome in zip(jobs, parsed, strict=True):
            item = _adopt(job, outcome, diags, cache, digests)
            if isinstance(item, Item):
                items.append(item)
            else:
                failed_items[job.item_id] = item
    else:
        content = root / CONTENT_DIR
        for job in jobs:
            item = _read_item(content, job, diags, cache, digests)
            if isinstance(item, Item):
                items.append(item)
            else:
                failed_items[job.item_id] = item
    return SourceTree(
        columns=columns,
        items=tuple(items),
        bundle_files=scan.bundle_files,
        loose_files=tuple(scan.loose_files),
        failed_columns=frozenset(failed),
        failed_items=failed_items,
        digests=digests,
    )


def cold_parse_plan(
    root: Path, cache: bool
) -> tuple[Hashable, list[_Job], Callable[[_Job], _Outcome]] | None:
    """What a cold parse of `root` will read and how, worked out by the child that
    ssg/build_start.py forks before the build engine is imported (ssg/forked.py: Ahead);
    None when the parse will not be cold (a parse cache is there to read)."""
    if cache and parse_cache_path(root).exists():
        return None
    diags = Diagnostics()  # (the build reports them: it discovers the same)
    config = load_site_config(root, diags)
    found = _discover(root, config.column_types if config else (), diags)
    if found is None:
        return None
    jobs = found[3]
    work = partial(_parse_file, str(root / CONTENT_DIR), True)
    return _plan_key(root, True, jobs), jobs, work


def _plan_key(root: Path, stamped: bool, jobs: list[_Job]) -> Hashable:
    """What names a cold parse: the child's results are taken only for the same one. (The
    child is forked: str hashes are salted alike in both processes.)"""
    return (str(root), stamped, len(jobs), hash(tuple(jobs)))


def _discover(
    root: Path, extra_column_types: tuple[str, ...], diags: Diagnostics
) -> tuple[_Scan, dict[str, Column], set[str], list[_Job]] | None:
    """content/'s columns, read, and the item files to read (None: there is no content/)."""
    content = root / CONTENT_DIR
    finder = _Finder(root, diags)
    if (root / STATIC_DIR).is_dir():
        _scan_static(root, finder)
    elif os.path.lexists(root / STATIC_DIR):
        # (a file named static: every file the editor meant to publish there was missing,
        # and only the references to them said so, as files that do not exist)
        diags.error(
            "FILE-03",
            STATIC_DIR,
            0,
            "",
            "static 应为文件夹，现在是一个文件（或失效的链接）；其中原样发布的文件（国徽、表格等）"
            "都找不到 (static/ must be a folder)",
        )
    if not content.is_dir():
        diags.error(
            "CONTENT-00",
            CONTENT_DIR,
            0,
            "",
            "找不到 content/ 文件夹；可用 `ssg init` 新建站点 (content/ folder not found)",
        )
        return None
    scan = _scan(content, finder, diags)
    columns: dict[str, Column] = {}
    failed: set[str] = set()
    for dir_id in _missing_sections(scan.column_dirs):
        diags.error(
            "COLUMN-01",
            f"{CONTENT_DIR}/{dir_id}",
            0,
            "",
            f"文件夹 {dir_id}/ 中有下级栏目，但它自己没有 _index.md；请补上 _index.md 写明栏目名称 "
            "(folder holds sub-columns but has no _index.md)",
        )
        failed.add(dir_id)
        columns[dir_id] = Column(
            id=dir_id, location=Location(_column_file(dir_id)), title=dir_id.rsplit("/", 1)[-1]
        )
    for dir_id in scan.column_dirs:
        column, ok = _read_column(content, dir_id, extra_column_types, diags)
        if not ok:
            failed.add(dir_id)
        columns[dir_id] = column
    folders = [_column_of(item_id) for item_id, _rel, _bundle in scan.item_files]
    kinds = {column_id: default_type(column_id, columns) for column_id in set(folders)}
    jobs = [
        _Job(item_id, rel, column_id, bundle, kinds[column_id])
        for (item_id, rel, bundle), column_id in zip(scan.item_files, folders, strict=True)
    ]
    return scan, columns, failed, jobs


def _missing_sections(column_dirs: list[str]) -> list[str]:
    """Folders between the home page and a column that are not columns themselves."""
    known = set(column_dirs)
    missing: set[str] = set()
    for dir_id in column_dirs:
        parent = PurePosixPath(dir_id).parent
        while str(parent) != ".":
            if str(parent) not in known:
                missing.add(str(parent))
            parent = parent.parent
    return sorted(missing)


def _column_file(dir_id: str) -> str:
    return f"{CONTENT_DIR}/{dir_id}/_index.md" if dir_id else f"{CONTENT_DIR}/_index.md"


def _read_column(
    content: Path, dir_id: str, extra_column_types: tuple[str, ...], diags: Diagnostics
) -> tuple[Column, bool]:
    """The column and whether its `_index.md` was valid (an invalid one still gives a column)."""
    rel = _column_file(dir_id)
    path = content / dir_id / "_index.md"
    placeholder = Column(
        id=dir_id, location=Location(rel), title=dir_id.rsplit("/", 1)[-1] or "首页"
    )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        if not dir_id and not os.path.lexists(path):
            return placeholder, True  # the home page needs no _index.md
        cannot_read(diags, rel, str(path), exc)
        return placeholder, False
    parsed = parse_document(raw, rel, diags)
    if parsed is None:
        return placeholder, False
    say_removed_html(diags, rel, parsed.body, parsed.body_line)
    return column_from_front_matter(
        column_id=dir_id,
        data=parsed.data,
        location=Location(rel, parsed.lines, parsed.body_line),
        body=parsed.body,
        extra_column_types=extra_column_types,
        diags=diags,
        plain_nulls=parsed.plain_nulls,
    )


def default_type(column_id: str, columns: Mapping[str, Column]) -> str:
    """The nearest column's `type`, walking up the folders."""
    current: str | None = column_id
    while current is not None:
        column = columns.get(current)
        if column is not None and column.type:
            return column.type
        if not current:
            break
        parent = str(PurePosixPath(current).parent)
        current = "" if parent == "." else parent
    return "page"


@dataclass(frozen=True, slots=True)
class _Job:
    """One item file to read, and what its parse depends on besides its bytes."""

    item_id: str
    rel: str  # relative to content/
    column_id: str
    bundle: bool
    kind: str  # the default type its column gives

    @property
    def context(self) -> str:
        return f"{self.kind}:{self.item_id}:{self.column_id}:{self.bundle}"


def _column_of(item_id: str) -> str:
    """The folder an item id (as `_scan` makes them: no empty, `.` or `..` segment) is in.
    (A str method: a PurePosixPath for each of 10,000 files cost 0.02 s of the serial start
    of a cold parse, before its fork.)"""
    return item_id.rpartition("/")[0]


# Below this many files to parse, a forked process costs more than it saves (a file takes
# ~0.09 ms to read and parse, its item ~0.04 ms to pickle and load back).
MIN_FORKED_PARSE = 1000

# What reading and parsing one file gave: the file's identity before it was read (when a cache
# keeps it), its digest ("" when it could not be read), the item or the doc number it gave
# (parse_item), and what was found wrong.
_Outcome = tuple[FileStamp | None, str, Item | str, list[Diagnostic]]


def _parse_file(content: str, stamped: bool, job: _Job) -> _Outcome:
    """Read and parse one file, touching nothing shared (it may run in a forked process)."""
    path = f"{content}/{job.rel}"  # (a str: a Path for each of 10,000 files cost 0.05 s)
    local = Diagnostics()
    try:
        stamp = file_stamp(os.stat(path)) if stamped else None  # (before reading)
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        cannot_read(local, f"{CONTENT_DIR}/{job.rel}", path, exc)
        return None, "", "", local.items
    digest = content_digest(raw)
    result = parse_item(raw, job.item_id, job.rel, job.column_id, job.bundle, job.kind, local)
    return stamp, digest, result, local.items


def _adopt(
    job: _Job,
    outcome: _Outcome,
    diags: Diagnostics,
    cache: ParseCache | None,
    digests: dict[str, str],
) -> Item | str:
    """A file read by _parse_file, recorded as _read_item records what it reads."""
    stamp, digest, result, found = outcome
    diags.extend(found)
    if not digest:
        return result  # (it could not be read: reported)
    digests[job.item_id] = f"{digest}:{job.context}"
    if cache is not None:
        assert stamp is not None
        cache.hashed(job.rel, stamp, digest)
        cache.put(job.rel, digest, job.context, result, found)
    return result


def _read_item(
    content: Path,
    job: _Job,
    diags: Diagnostics,
    cache: ParseCache | None = None,
    digests: dict[str, str] | None = None,
) -> Item | str:
    """The item, or (when it is invalid) the doc number it gave, for reference suggestions."""
    rel = job.rel
    path = f"{content}/{rel}"  # (a str: a Path for each of 10,000 files cost 0.05 s)
    context = job.context  # (what parse_item reads besides raw)
    digest = None
    raw = b""
    try:
        if cache is not None:
            stamp = file_stamp(os.stat(path))  # (before reading: a later write changes it)
            digest = cache.known_digest(rel, stamp, context)
        if digest is None:  # read and hashed (a file known by its identity is not read at all)
            with open(path, "rb") as handle:
                raw = handle.read()
    except OSError as exc:
        cannot_read(diags, f"{CONTENT_DIR}/{rel}", path, exc)
        return ""
    if digest is None:
        digest = content_digest(raw)
        if cache is not None:
            cache.hashed(rel, stamp, digest)
    if digests is not None:
        digests[job.item_id] = f"{digest}:{context}"
    if cache is not None:
        hit = cache.get(rel, digest, context)
        if hit is not None:
            diags.extend(hit[1])
            return hit[0]  # type: ignore[no-any-return]
    local = Diagnostics()
    result = parse_item(raw, job.item_id, rel, job.column_id, job.bundle, job.kind, local)
    diags.extend(local)
    if cache is not None:
        cache.put(rel, digest, context, result, local.items)
    return result


def parse_item(
    raw: bytes,
    item_id: str,
    rel: str,
    column_id: str,
    bundle: bool,
    kind: str,
    diags: Diagnostics,
) -> Item | str:
    """One item file's bytes as an item (or, when invalid, the doc number it gave); `kind`
    is the default type its column gives. Also what `ssg serve`'s hot updates re-read."""
    file = f"{CONTENT_DIR}/{rel}"
    parsed = parse_document(raw, file, diags)
    if parsed is None:
        return ""
    say_removed_html(diags, file, parsed.body, parsed.body_line)
    item = item_from_front_matter(
        item_id=item_id,
        column_id=column_id,
        default_type=kind,
        bundle=bundle,
        data=parsed.data,
        location=Location(file, parsed.lines, parsed.body_line),
        body=parsed.body,
        diags=diags,
        plain_nulls=parsed.plain_nulls,
    )
    if item is not None:
        return item
    doc_number = parsed.data.get("doc_number", "")
    return doc_number if isinstance(doc_number, str) else ""
