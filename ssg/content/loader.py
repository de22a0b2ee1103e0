"""Discovering and reading content/: folders become columns, files become items.

A folder with `_index.md` is a column; a folder with `index.md` (and no `_index.md`) is an
item bundle whose other files travel with it; any other file in a column folder is copied
beside the column's pages. Files are only ever read.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ssg.cache import ParseCache, content_digest, file_stamp
from ssg.content.frontmatter import parse_document
from ssg.content.model import Column, Item, Location
from ssg.content.validate import column_from_front_matter, item_from_front_matter
from ssg.diagnostics import Diagnostics

CONTENT_DIR = "content"


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


@dataclass(slots=True)
class _Scan:
    column_dirs: list[str]
    item_files: list[tuple[str, str, bool]]  # (item id, content-relative file, is bundle)
    bundle_files: dict[str, tuple[str, ...]]
    loose_files: list[str]


def _scan(content: Path, diags: Diagnostics) -> _Scan:
    scan = _Scan([], [], {}, [])
    for dirpath, dirnames, filenames in os.walk(content):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel_dir = PurePosixPath(Path(dirpath).relative_to(content).as_posix())
        dir_id = "" if str(rel_dir) == "." else str(rel_dir)
        names = sorted(f for f in filenames if not f.startswith("."))
        if dir_id and "index.md" in names and "_index.md" not in names:
            files = [
                (
                    PurePosixPath(root).relative_to(content.joinpath(dir_id).as_posix()) / f
                ).as_posix()
                for root, _dirs, fs in sorted(os.walk(dirpath))
                for f in sorted(fs)
                if not f.startswith(".")
            ]
            scan.item_files.append((dir_id, f"{dir_id}/index.md", True))
            scan.bundle_files[dir_id] = tuple(sorted(f for f in files if f != "index.md"))
            dirnames[:] = []  # a bundle's sub-folders are its files, not columns
            continue
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
            else:
                scan.loose_files.append(rel)
    return scan


def load_content(
    root: Path,
    extra_column_types: tuple[str, ...],
    diags: Diagnostics,
    cache: ParseCache | None = None,
) -> SourceTree:
    content = root / CONTENT_DIR
    if not content.is_dir():
        diags.error(
            "CONTENT-00",
            CONTENT_DIR,
            0,
            "",
            "找不到 content/ 文件夹；可用 `ssg init` 新建站点 (content/ folder not found)",
        )
        return SourceTree({}, (), {}, (), frozenset())
    scan = _scan(content, diags)
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
    items: list[Item] = []
    failed_items: dict[str, str] = {}
    digests: dict[str, str] = {}
    for item_id, rel, bundle in scan.item_files:
        column_id = str(PurePosixPath(item_id).parent)
        column_id = "" if column_id == "." else column_id
        item = _read_item(content, item_id, rel, column_id, bundle, columns, diags, cache, digests)
        if isinstance(item, Item):
            items.append(item)
        else:
            failed_items[item_id] = item
    return SourceTree(
        columns=columns,
        items=tuple(items),
        bundle_files=scan.bundle_files,
        loose_files=tuple(scan.loose_files),
        failed_columns=frozenset(failed),
        failed_items=failed_items,
        digests=digests,
    )


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
    if not path.is_file():
        # The home page needs no _index.md.
        return placeholder, True
    parsed = parse_document(path.read_bytes(), rel, diags)
    if parsed is None:
        return placeholder, False
    return column_from_front_matter(
        column_id=dir_id,
        data=parsed.data,
        location=Location(rel, parsed.lines, parsed.body_line),
        body=parsed.body,
        extra_column_types=extra_column_types,
        diags=diags,
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


def _read_item(
    content: Path,
    item_id: str,
    rel: str,
    column_id: str,
    bundle: bool,
    columns: Mapping[str, Column],
    diags: Diagnostics,
    cache: ParseCache | None = None,
    digests: dict[str, str] | None = None,
) -> Item | str:
    """The item, or (when it is invalid) the doc number it gave, for reference suggestions."""
    path = f"{content}/{rel}"  # (a str: a Path for each of 10,000 files cost 0.05 s)
    kind = default_type(column_id, columns)
    context = f"{kind}:{item_id}:{column_id}:{bundle}"  # (what parse_item reads besides raw)
    digest = None
    if cache is not None:
        stamp = file_stamp(os.stat(path))  # (before reading: a later write changes it)
        digest = cache.known_digest(rel, stamp, context)
    raw = b""
    if digest is None:  # read and hashed (a file known by its identity is not read at all)
        with open(path, "rb") as handle:
            raw = handle.read()
        digest = content_digest(raw)
        if cache is not None:
            cache.hashed(rel, stamp, digest)
    if digests is not None:
        digests[item_id] = f"{digest}:{context}"
    if cache is not None:
        hit = cache.get(rel, digest, context)
        if hit is not None:
            diags.extend(hit[1])
            return hit[0]  # type: ignore[no-any-return]
    local = Diagnostics()
    result = parse_item(raw, item_id, rel, column_id, bundle, kind, local)
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
    item = item_from_front_matter(
        item_id=item_id,
        column_id=column_id,
        default_type=kind,
        bundle=bundle,
        data=parsed.data,
        location=Location(file, parsed.lines, parsed.body_line),
        body=parsed.body,
        diags=diags,
    )
    if item is not None:
        return item
    doc_number = parsed.data.get("doc_number", "")
    return doc_number if isinstance(doc_number, str) else ""
