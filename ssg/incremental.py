"""Incremental rendering: a page whose inputs did not change is taken from the last output.

Every cached page has a key: a digest of everything its template can show — the site-wide
part (ssg's code, the theme's files, data/site.yaml, the column tree, the build date) and the
page's own part (its item, the items it links or lists). When the key matches the one recorded
for the last build and that build's file is still there, unchanged since, the file is
hard-linked into the new output instead of rendered; the result is byte-identical to a cold
build (a property test applies random edits and compares). The keys live in
<site>/.ssg-cache/ (safe to delete).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from ssg import sealed
from ssg.cache import CACHE_DIR
from ssg.content.markdown import relative_rewriter, render_markdown
from ssg.content.model import Item
from ssg.files import file_info, named_files
from ssg.link import Site
from ssg.write import MARKER, Staging

_PACKAGE = Path(__file__).parent

# A page file as the build that recorded its key left it: inode, modification time, size. A
# file written since (by a build without the cache, by another site's build into the same
# folder, by hand) is another file, and is rendered again rather than trusted.
FileIdentity = tuple[int, int, int]


def file_identity(path: str | Path) -> FileIdentity | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def canonical(value: object) -> object:
    """A value whose repr is the same in every process: sets are sorted (string hashing is
    randomised per process), dataclasses become tuples of their fields."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple((f.name, canonical(getattr(value, f.name))) for f in dataclasses.fields(value))
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(repr(canonical(v)) for v in value))
    if isinstance(value, Mapping):
        return tuple((repr(k), canonical(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(canonical(v) for v in value)
    return value


def _digest(*parts: object) -> str:
    return hashlib.blake2b(repr(canonical(parts)).encode("utf-8"), digest_size=16).hexdigest()


def _files_digest(folders: Iterable[Path]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def site_key(site: Site, theme_dirs: list[Path]) -> str:
    """What every page depends on: code, theme, settings, column tree, build date."""
    columns = tuple(
        (cid, site.columns[cid], site.column_types.get(cid), site.children.get(cid))
        for cid in sorted(site.columns)
    )
    return _digest(
        _files_digest([_PACKAGE]),
        _files_digest(theme_dirs),
        site.config,
        site.domain,  # (site.yaml's, or the old one until a domain change: its pages say it)
        columns,
        site.build_date.isoformat(),
    )


class RenderCache:
    """Keys of the pages of the last build, and the output folder that holds them."""

    def __init__(
        self,
        root: Path,
        previous: Path | None,
        enabled: bool,
        digests: Mapping[str, str] | None = None,
        stale: frozenset[str] = frozenset(),
    ) -> None:
        # One record per output folder: public/ and the preview folder hold different builds.
        where = hashlib.blake2b(str(previous.resolve() if previous else "").encode(), digest_size=8)
        self.path = root / CACHE_DIR / f"render-{where.hexdigest()}.pickle"
        self.root = root
        self.out = previous
        self.previous = previous if previous and (previous / MARKER).is_file() else None
        self.enabled = enabled
        self.stale = stale
        self.old: dict[str, tuple[str, FileIdentity]] = {}  # path -> key, file identity
        self.new: dict[str, str] = {}
        self.kept: dict[str, FileIdentity] = {}  # pages linked from the last build
        # Items read from files are known by their source's digest; synthesised ones (lifecycle
        # notices) by their fields.
        self.item_digests: dict[str, str] = dict(digests or {})
        self.reused = 0
        self.rendered = 0
        if enabled and self.previous is not None:
            # (a damaged record, or one of an older format, is no record: every page is
            # rendered; ssg/sealed.py)
            old = sealed.load(self.path)
            self.old = old if isinstance(old, dict) and _well_formed(old) else {}

    def item_digest(self, item: Item) -> str:
        found = self.item_digests.get(item.id)
        if found is None:
            found = self.item_digests[item.id] = _digest(item)
        return found

    def reuse(self, path: str, key: str, source: str, staging: Staging) -> bool:
        """Link the last build's file for `path` into staging when its key is unchanged."""
        self.new[path] = key
        recorded = self.old.get(path)
        if (
            not self.enabled
            or self.previous is None
            or recorded is None
            or recorded[0] != key
            or path in self.stale
        ):
            self.rendered += 1
            return False
        old_file = self.previous / path
        if file_identity(old_file) != recorded[1]:  # gone, or not the file the key is of
            self.rendered += 1
            return False
        self.kept[path] = recorded[1]  # (a hard link: same inode, time and size)
        target = staging.target(path)
        try:
            os.link(old_file, target)
        except OSError:
            shutil.copyfile(old_file, target)
        staging.written += 1
        if source:
            staging.sources[path] = source
        self.reused += 1
        return True

    def save(self) -> None:
        """Record the keys of the pages now in the output folder (after the swap), each with
        its file's identity: a stat of each page rendered by this build (0.03 s for 11,000
        pages), the last one's for the pages linked from it."""
        if not self.enabled or self.out is None:
            return
        record: dict[str, tuple[str, FileIdentity]] = {}
        out = str(self.out)  # (a str path per page: a Path each cost 0.03 s more at 10k)
        for path, key in self.new.items():
            identity = self.kept.get(path) or file_identity(f"{out}/{path}")
            if identity is not None:
                record[path] = (key, identity)
        sealed.dump(self.path, record, prefix=".render-")


def _well_formed(record: dict[object, object]) -> bool:
    sample = next(iter(record.values()), None)
    return sample is None or (isinstance(sample, tuple) and len(sample) == 2)


def _key(*parts: str) -> str:
    """A page key from parts that are already strings (digests, URLs, reprs of tuples of
    strings): no `canonical` walk, which cost a second over the pages of a 10,000-item site."""
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).hexdigest()


def item_page_key(site: Site, cache: RenderCache, base: str, item: Item) -> str:
    """An item page shows its item, the items it links (policy ↔ interpretations, and those
    its body links as `other.md`) and the size of each file it names."""
    related = (
        *site.interpretations_of.get(item.id, ()),
        *site.policies_of.get(item.id, ()),
        *site.replacements(item.id),  # the validity notice names the chain's files
    )
    files = [file_info(cache.root, item, name) for _field, name in named_files(item)]
    return _key(
        base,
        "item",
        cache.item_digest(item),
        site.urls[item.id],
        repr(site.bundle_files.get(item.id, ())),
        repr(files) if files else "",
        *(f"{r}\x1e{site.urls.get(r)}\x1e{cache.item_digest(site.items[r])}" for r in related),
        *_foreign(site, item.id),
        *(f"{path}\x1e{linked_url(site, path)}" for path in md_links(item)),
    )


def _foreign(site: Site, item_id: str) -> tuple[str, ...]:
    """What another site of the repository gives an item's page or entry (ssg/cross_site.py):
    the policies it interprets there, or its interpretations there, by source and URL."""
    cross = site.cross
    if cross is None:
        return ()
    keys = [k for _r, k in cross.policies_of.get(item_id, ())]
    keys += cross.interpretations_of.get(item_id, ())
    return tuple(f"{k}\x1c{cross.items[k].digest}" for k in keys if k in cross.items)


def md_links(item: Item) -> tuple[str, ...]:
    """The content paths of the `other.md` links of an item's body, and of the `../` file
    links of a bundle's, as the renderer resolves them: found by rendering the body with a
    rewriter that only records (cmark, in C; only bodies that may hold such links, a few in a
    real site)."""
    if ".md" not in item.body_md and not (item.bundle and "../" in item.body_md):
        return ()
    found: set[str] = set()

    def record(path: str) -> str | None:
        found.add(path)
        return None

    page_dir = item.id if item.bundle else str(PurePosixPath(item.id).parent)
    bundle_dir = "b/" if item.bundle else None  # (where bundle files go: no .md link's URL)
    render_markdown(item.body_md, relative_rewriter("" if page_dir == "." else page_dir,
                                                    bundle_dir, record, record))  # fmt: skip
    return tuple(sorted(found))


def linked_url(site: Site, path: str) -> str | None:
    """The URL a content path found by md_links links to, as the renderer resolves it."""
    return md_url(site, path) if path.endswith(".md") else site.content_file_url(path)


def md_url(site: Site, path: str) -> str | None:
    """The URL an `other.md` content path links to: Renderer._md_url's lookup (an item's
    `<id>.md`, a bundle's `<id>/index.md`, the latter first)."""
    if path.endswith("/index.md") and path[: -len("/index.md")] in site.urls:
        return site.urls[path[: -len("/index.md")]]
    return site.urls.get(path[: -len(".md")])


def listing_key(
    site: Site, cache: RenderCache, base: str, column_id: str, number: int, total: int,
    item_ids: Iterable[str], entries: dict[str, str] | None = None,
) -> str:  # fmt: skip
    """A listing page shows its items, their interpretations and where it sits in the pages.
    `entries` keeps each item's part for the other listings of the same site that list it
    (its column's ancestors'): half the 22,000 parts of a 10,000-item site's keys."""
    memo: dict[str, str] = {} if entries is None else entries
    parts = []
    for i in item_ids:
        entry = memo.get(i)
        if entry is None:
            entry = memo[i] = _listing_entry(site, cache, i)
        parts.append(entry)
    return _key(base, "listing", column_id, str(number), str(total), *parts)


def _listing_entry(site: Site, cache: RenderCache, item_id: str) -> str:
    return "\x1e".join(
        (
            item_id,
            site.urls[item_id],
            cache.item_digest(site.items[item_id]),
            *(
                f"{r}\x1d{cache.item_digest(site.items[r])}"
                for r in site.interpretations_of.get(item_id, ())
            ),
            *_foreign(site, item_id),
        )
    )
