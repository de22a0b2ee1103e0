"""Hot updates for `ssg serve`: a saved edit shows in the browser in milliseconds.

An editor's usual save changes what a page says — the title, the text, the summary — and not
where it lives or what it links. For such a save the preview re-reads that one file, puts the
new item into the linked site it keeps in memory, and renders at once the pages that show the
item: its own page, the pages of the items it is linked with (policy ↔ interpretation,
superseded policy), the listing pages it appears on, the RSS feeds of those columns and the home
page. They replace their files in the preview folder, and open tabs reload. The full incremental
build runs right after (ssg/serve.py) and brings everything else — the policy library's other
pages, the search index, the checks, the site map — up to date; it writes the same bytes for the
pages written here, since it renders the same site with the same theme.

Anything else — a new, deleted or renamed file, a file that no longer parses, a change to where
an item lives or what it links (its date, slug, column, references, document number, the files
it names…), a change under data/, static/ or a theme, any save while the site's pages are
notices (a migration, a maintenance build) — is not hot: the full build handles it (returns None).
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ssg.build import listing_page, relations
from ssg.content.loader import CONTENT_DIR, default_type, parse_item
from ssg.content.model import Item
from ssg.derive import feeds
from ssg.derive.listings import output_path, paginate
from ssg.derive.policy_library import build_library, library_columns
from ssg.diagnostics import Diagnostic, Diagnostics, Severity
from ssg.files import named_files
from ssg.link import Site, item_sort_key
from ssg.render import Renderer

# What a page shows but no link, URL, order, listing or grouping depends on. A change to any
# other field is not hot. (`title` orders items only between equal dates and weights: checked.)
PRESENTATION_FIELDS = frozenset(
    {
        "location",
        "title",
        "summary",
        "keywords",
        "source",
        "body_md",
        "reviewed_by",
        "allow",
        # 政务动态
        "author",
        # 办事指南: what the guide says
        "basis",
        "conditions",
        "materials",
        "address",
        "agency",
        "fees",
        "hours",
        "phone",
        "process",
        "time_limit",
        "notes",
        "online",
        # 负责人信息
        "duties",
        # 留言答复
        "question",
    }
)


@dataclass(frozen=True, slots=True)
class HotUpdate:
    site: Site  # the linked site with the new items
    written: tuple[str, ...]  # output paths rewritten, in the order they were written
    items: tuple[str, ...]  # ids of the items that changed


def noise(site: Site, root: Path, path: str) -> bool:
    """A folder's own change event, or a temporary file an editor saved through and removed:
    they say nothing of their own (the files inside have events of their own).

    A vanished path the build reads is not noise, though: a bundle's image or a column's
    loose file, a folder moved out of content/ in one event, or anything under data/,
    static/ or a theme. A hot page made beside such a deletion would show what the build,
    which reads the site without it (REF-03, REF-01 …), does not publish."""
    target = Path(path)
    if target.is_dir():
        return True
    if target.exists() or target.suffix == ".md":
        return False
    rel = _under_content(root, path)
    return rel is not None and not _known(site, rel)


def _under_content(root: Path, path: str) -> str | None:
    """`path` relative to content/ (posix), or None outside it (content/ itself included)."""
    try:
        rel = Path(path).resolve().relative_to((root / CONTENT_DIR).resolve()).as_posix()
    except ValueError:
        return None
    return None if rel == "." else rel


def _known(site: Site, rel: str) -> bool:
    """Whether content/`rel` is, or holds, a file or folder the linked site was built from.
    (Looked up from `rel` upwards: no walk over every item, whatever the site's size.)"""
    if rel in site.columns or rel in site.items or rel in site.loose_files:
        return True
    cut = rel.rfind("/")
    while cut > 0:  # a file, or a folder of files, inside a bundle
        names = site.bundle_files.get(rel[:cut], ())
        inside = rel[cut + 1 :]
        if any(name == inside or name.startswith(f"{inside}/") for name in names):
            return True
        cut = rel.rfind("/", 0, cut)
    return False


def content_rel(root: Path, path: str) -> str | None:
    """The content-relative path of a changed file, or None when it is not an item's file."""
    rel = _under_content(root, path)
    if rel is None:
        return None
    name = PurePosixPath(rel).name
    if not rel.endswith(".md") or name == "_index.md":
        return None
    return rel


def _item_id(rel: str) -> tuple[str, bool]:
    if PurePosixPath(rel).name == "index.md" and "/" in rel:
        return rel[: -len("/index.md")], True
    return rel[: -len(".md")], False


def reparse(site: Site, root: Path, rel: str) -> Item | None:
    """The item in `content/rel` as it is now, when it is valid and its change is hot."""
    item_id, bundle = _item_id(rel)
    old = site.items.get(item_id)
    path = root / CONTENT_DIR / rel
    if old is None or old.bundle != bundle or not path.is_file():
        return None
    diags = Diagnostics()
    new = parse_item(
        path.read_bytes(),
        item_id,
        rel,
        old.column,
        bundle,
        default_type(old.column, site.columns),
        diags,
    )
    if not isinstance(new, Item) or type(new) is not type(old):
        return None
    if any(d.severity in (Severity.ERROR, Severity.VETO) for d in diags):
        return None
    if list(named_files(new)) != list(named_files(old)):
        # (`materials` is what the guide says, but its template and example name files:) the
        # build checks those exist only when it links (REF-03) and copies them when it writes;
        # a hot page would link a file that is missing or not copied yet.
        return None
    kept = {f.name: getattr(old, f.name) for f in dataclasses.fields(old)
            if f.name in PRESENTATION_FIELDS}  # fmt: skip
    if dataclasses.replace(new, **kept) != old:
        return None  # something beyond what the page shows changed
    return new


def input_errors(site: Site, root: Path, changed: Iterable[str]) -> list[Diagnostic]:
    """The errors in saved item files of known columns, as the build would report them: the
    preview shows them at once, before the full build (which stops at them) confirms."""
    found: list[Diagnostic] = []
    for path in sorted(set(changed)):
        rel = None if noise(site, root, path) else content_rel(root, path)
        if rel is None or not (root / CONTENT_DIR / rel).is_file():
            continue
        item_id, bundle = _item_id(rel)
        parent = str(PurePosixPath(item_id).parent)
        column = "" if parent == "." else parent
        if column not in site.columns:
            continue
        diags = Diagnostics()
        kind = default_type(column, site.columns)
        raw = (root / CONTENT_DIR / rel).read_bytes()
        parse_item(raw, item_id, rel, column, bundle, kind, diags)
        found.extend(d for d in diags if d.severity in (Severity.ERROR, Severity.VETO))
    return sorted(set(found), key=Diagnostic.sort_key)


def _keeps_its_place(site: Site, new_site: Site, item: Item) -> bool:
    """The new version sorts between the same neighbours in every listing it is on (items of
    the same date and weight are ordered by title)."""
    key = item_sort_key(item)
    for column_id in site.ancestors(item.column):
        listing = site.items_under(column_id)
        at = listing.index(item.id)
        before = listing[at - 1] if at > 0 else None
        after = listing[at + 1] if at + 1 < len(listing) else None
        if before is not None and item_sort_key(new_site.items[before]) > key:
            return False
        if after is not None and key > item_sort_key(new_site.items[after]):
            return False
    return True


def hot_update(
    site: Site, renderer: Renderer, out: Path, changed: Iterable[str]
) -> HotUpdate | None:
    """Apply saved edits to `site` and rewrite the pages that show them into `out` (the
    preview folder); None when any of the changes is not hot (see the module's docstring).
    Nothing is hot in a build whose pages are notices (a migration from its date on, a
    maintenance build): the item's page there is the notice's page, which the full build
    writes (ssg/derive/lifecycle_pages.py), not the page the item's template renders."""
    if renderer.env.globals.get("replaced_output"):
        return None
    root = renderer.root
    items: dict[str, Item] = {}
    for path in sorted(set(changed)):
        if noise(site, root, path):
            continue
        rel = content_rel(root, path)
        if rel is None:
            return None
        item = reparse(site, root, rel)
        if item is None:
            return None
        items[item.id] = item
    if not items:
        return None
    new_site = site.with_items(items)
    if not all(_keeps_its_place(site, new_site, item) for item in items.values()):
        return None
    renderer.rebind(new_site, items)
    try:
        pages = _pages(new_site, renderer, items.values())
    except Exception:
        renderer.rebind(site, items)  # the full build reports what failed, in its own words
        raise
    written = []
    for rel_out, html in pages.items():
        _replace(out / rel_out, html)
        written.append(rel_out)
    return HotUpdate(new_site, tuple(written), tuple(sorted(items)))


def _pages(site: Site, renderer: Renderer, items: Iterable[Item]) -> dict[str, str]:
    """Output path → HTML of every page that shows one of `items`."""
    pages: dict[str, str] = {}
    shown: set[str] = set()  # items whose own page shows one of `items`
    listed: set[str] = set()  # items whose entry in a listing shows one of `items`
    for item in items:
        shown.add(item.id)
        shown.update(site.interpretations_of.get(item.id, ()))
        shown.update(site.policies_of.get(item.id, ()))
        shown.update(p for p in site.superseded_by if item.id in site.replacements(p))
        listed.add(item.id)
        listed.update(site.policies_of.get(item.id, ()))  # a policy's entry names its readings
    columns = {c for i in listed for c in site.ancestors(site.items[i].column)[1:]}
    # The changed item's own page first: it is the one the editor is looking at.
    for item_id in sorted(shown, key=lambda i: (i not in {it.id for it in items}, i)):
        related = site.items[item_id]
        pages[output_path(site.urls[item_id])] = renderer.item_page(
            related, relations(site, renderer.root, related)
        )
    libraries = set(library_columns(site))
    for column_id in sorted(columns):
        if site.columns[column_id].draft:
            continue
        listing = site.items_under(column_id)
        positions = [n for n, i in enumerate(listing) if i in listed]
        library = build_library(site, column_id) if column_id in libraries else None
        paged = paginate(listing, site.config.page_size, site.column_url(column_id))
        for number in sorted({p // site.config.page_size for p in positions}):
            page = paged[number]
            pages[output_path(page.url)] = listing_page(site, renderer, column_id, page, library)
        if column_id in feeds.feed_columns(site):
            pages[feeds.feed_url(column_id).lstrip("/")] = feeds.rss(site, column_id)
    pages["index.html"] = renderer.home_page()
    return pages


def _replace(target: Path, text: str) -> None:
    """Write a new file and rename it over the old one: a tab reading the page meanwhile gets
    the old or the new page, never half of one; and the last build's file, which the next
    build may hard-link, is left as it was."""
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".hot-")
    os.fchmod(handle, 0o644)  # as the build writes them (mkstemp makes 0600)
    with os.fdopen(handle, "wb") as stream:
        stream.write(text.encode("utf-8"))
    os.replace(temp, target)
