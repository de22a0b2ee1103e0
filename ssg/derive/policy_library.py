"""The policy library (政策文件库): a policy column's documents by year, topic and issuer.

Reserved paths under the top policy column (ARCHITECTURE §1.3): `by-year/<Y>/`,
`by-topic/<slug>/`, `by-issuer/<slug>/`, each paginated and browsable without JavaScript,
plus `policies.json` (an extension of §1.3) for the listing's client-side filter.

A topic's or issuer's slug reads 吉林's place names as places (长岭县人民政府 →
chang-ling-xian-ren-min-zheng-fu: slugs.new_slug); names read alike get -2, -3 ….

A URL once published stays its name's: data/library-urls.yaml records which name each
published URL belongs to (ssg/library_record.py), so a new homophone, or one that sorts
earlier, takes the next free suffix rather than an existing group's URL, and a recorded URL is
never given to another name. A name whose recorded URLs no longer fit its reading (renamed in
the record, or read as a place now where versions of ssg before read it as pypinyin does,
zhang-ling-…) gets a new URL, and each recorded one redirects there, page by page, as an
item's `aliases` do (`moves`, claimed with them by link.with_redirects).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ssg.content.model import Interpretation, Policy
from ssg.derive.listings import output_path, paginate
from ssg.library_record import LibraryRecord, recordable
from ssg.link import LIBRARY_DATA, GeneratedRedirect, Site, href, own_column_type
from ssg.slugs import SLUG_LIMIT, has_place, new_slug, pinyin_slug, unique_slugs

KINDS = (
    ("year", "by-year", "按年份"),
    ("topic", "by-topic", "按主题"),
    ("issuer", "by-issuer", "按发文机关"),
)


@dataclass(frozen=True, slots=True)
class Group:
    """The policies of one year, topic or issuer."""

    kind: str  # year | topic | issuer
    name: str  # 2026 / 综合政务\\政务公开 / 青岚市人民政府
    url: str  # /zwgk/zcwj/by-topic/zong-he-zheng-wu/
    item_ids: tuple[str, ...]  # newest first
    # Its other published URLs, each page of which redirects to the same page here: the
    # record's (a former name's; pypinyin's reading before 吉林's place names were read as
    # places: /zwgk/zcwj/by-issuer/zhang-ling-xian-ren-min-zheng-fu/).
    old_urls: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Library:
    column: str  # id of the top policy column
    groups: dict[str, tuple[Group, ...]]  # kind -> groups
    item_ids: tuple[str, ...]  # every policy under the column, newest first
    # (URL, name) of the groups published here first: the lines `ssg build` adds to the
    # record (all of them when the site has none yet)
    unrecorded: tuple[tuple[str, str], ...] = ()

    def index_url(self, kind: str) -> str:
        folder = dict((k, f) for k, f, _ in KINDS)[kind]
        return f"/{self.column}/{folder}/"

    @property
    def data_url(self) -> str:
        return f"/{self.column}/{LIBRARY_DATA}"


def library_columns(site: Site) -> list[str]:
    """Policy columns that are not inside another policy column (the 一级 ones). A section
    whose ColumnType is only borrowed from its first sub-column (政务公开 over 政策文件 and
    政策解读, as `ssg init` lays it out) is none: its items are not all policies."""

    def policy_column(column_id: str) -> bool:
        column = site.columns[column_id]
        own = own_column_type(column, site.column_item_type.get(column_id, ""))
        return own == "政策文件" and site.column_types.get(column_id) == "政策文件"

    out = []
    for column_id in sorted(site.columns):
        if not column_id or site.columns[column_id].draft or not policy_column(column_id):
            continue
        if not any(policy_column(a) for a in site.ancestors(column_id)[:-1] if a):
            out.append(column_id)
    return out


def slug_requests(site: Site) -> Iterator[tuple[str, int]]:
    """The names build_library makes slugs of (slugs.Prefetch): topics and issuers. Their
    pinyin_slug is asked for (the earlier URLs), their new_slug too (`place_requests`)."""
    for item in site.items.values():
        if isinstance(item, Policy):
            yield item.topic, SLUG_LIMIT
            yield item.issuer, SLUG_LIMIT


def place_requests(site: Site) -> list[tuple[str, int]]:
    """The names whose new_slug build_library needs beyond pinyin_slug's: those with one
    of 吉林's place names (the others read alike)."""
    return [r for r in slug_requests(site) if has_place(r[0])]


def earlier_slugs(names: Iterable[str]) -> list[tuple[str, str]]:
    """(slug, name) as versions of ssg before the record published them, for a site that has
    no record: unique_slugs' of pypinyin's readings, and where 吉林's place names changed a
    reading, new_slug's with -2, -3 … past every earlier slug. Each name's current slug
    first (the one that fits its reading: group_slugs keeps it), then the earlier ones."""
    earlier = unique_slugs(names)
    changed = [n for n in earlier if new_slug(n) != pinyin_slug(n)]
    new = unique_slugs(changed, new_slug, taken=earlier.values())
    return [(new.get(n, slug), n) for n, slug in earlier.items()] + [
        (slug, n) for n, slug in earlier.items() if n in new
    ]


def fits(slug: str, reading: str) -> bool:
    """Whether `slug` is a name's of this reading: the reading, or it with -2, -3 …."""
    suffix = slug[len(reading) + 1 :] if slug.startswith(f"{reading}-") else ""
    return slug == reading or (suffix.isdigit() and not suffix.startswith("0"))


def group_slugs(
    names: Iterable[str], recorded: list[tuple[str, str]] | None
) -> tuple[dict[str, tuple[str, tuple[str, ...]]], list[tuple[str, str]]]:
    """name -> (its slug, its other recorded slugs, which redirect there); and the (slug,
    name) pairs to add to the record. `recorded`: the record's (slug, name) in its order,
    None when the site has none (then earlier_slugs' are taken, and all added).

    A name keeps the first recorded slug that fits its reading. A name with none gets its
    reading with the first suffix that no recorded slug and no other name has: so a group
    keeps its URL whatever homophone comes, and a URL published for one name (even one with
    no policy now) is never another's, whose documents an old link would then show."""
    names = sorted(set(names))
    added = earlier_slugs(names) if recorded is None else []
    recorded = list(added) if recorded is None else recorded
    taken = {slug for slug, _name in recorded}
    theirs: dict[str, list[str]] = defaultdict(list)
    for slug, name in recorded:
        theirs[name].append(slug)
    chosen: dict[str, str] = {}
    for name in names:
        reading = new_slug(name)
        kept = next((s for s in theirs[name] if fits(s, reading)), None)
        if kept is None:
            kept, n = reading, 1
            while kept in taken:
                n += 1
                kept = f"{reading}-{n}"
            taken.add(kept)
            added.append((kept, name))
        chosen[name] = kept
    return {n: (chosen[n], tuple(s for s in theirs[n] if s != chosen[n])) for n in names}, added


def build_library(site: Site, column_id: str) -> Library:
    """The library of a column (one of library_columns'), worked out once per site."""
    found = site.libraries.get(column_id)
    if not isinstance(found, Library):
        found = site.libraries[column_id] = _build_library(site, column_id)
    return found


def _build_library(site: Site, column_id: str) -> Library:
    policies = [i for i in site.items_under(column_id) if isinstance(site.items[i], Policy)]
    keys: dict[str, Callable[[Policy], str]] = {
        "year": lambda p: f"{(p.date or p.written):%Y}",
        "topic": lambda p: p.topic,
        "issuer": lambda p: p.issuer,
    }
    groups: dict[str, tuple[Group, ...]] = {}
    unrecorded: list[tuple[str, str]] = []
    record: LibraryRecord | None = site.library_record
    for kind, folder, _label in KINDS:
        members: dict[str, list[str]] = defaultdict(list)
        for item_id in policies:
            policy = site.items[item_id]
            assert isinstance(policy, Policy)
            members[keys[kind](policy)].append(item_id)
        base = f"/{column_id}/{folder}/"
        slugs: dict[str, tuple[str, tuple[str, ...]]] = {n: (n, ()) for n in members}
        if kind != "year":
            slugs, added = group_slugs(members, None if record is None else record.under(base))
            unrecorded += [(f"{base}{slug}/", name) for slug, name in added]
        order = (
            sorted(members, reverse=True)
            if kind == "year"
            else sorted(members, key=lambda n: (-len(members[n]), n))
        )
        groups[kind] = tuple(
            Group(
                kind,
                name,
                f"{base}{slugs[name][0]}/",
                tuple(members[name]),
                tuple(f"{base}{old}/" for old in slugs[name][1]),
            )
            for name in order
        )
    return Library(column_id, groups, tuple(policies), tuple(unrecorded))


def unrecorded(site: Site) -> list[tuple[str, str]]:
    """(URL, name) of every library's groups published first by this build: the lines
    `ssg build` adds to data/library-urls.yaml (ssg/library_record.py). None named by
    `ssg new`'s stand-in issuer (library_record.recordable): not the site's name."""
    published = [e for c in library_columns(site) for e in build_library(site, c).unrecorded]
    return recordable(published)


@dataclass(frozen=True, slots=True)
class LikelyRename:
    """A recorded name no policy is filed under any more, beside names this build publishes
    first in the same library and kind: most often the editor renamed a topic or an issuer,
    and the old URL, no longer published, should redirect (ssg/library_record.py says how)."""

    old_url: str
    old_name: str
    new: tuple[tuple[str, str], ...]  # (URL, name) published first now, in the library's order


def likely_renames(site: Site) -> list[LikelyRename]:
    """The libraries' likely renames; none for a site without a record (all is new there).
    `ssg new`'s stand-in name (library_record.recordable), recorded by a version before
    recordable or published first now, is no name the site renamed, nor one to rename a
    recorded name to."""
    record = site.library_record
    if record is None:
        return []
    found: list[LikelyRename] = []
    for column_id in library_columns(site):
        library = build_library(site, column_id)
        for kind, folder, _label in KINDS[1:]:  # (a year is never renamed)
            base = f"/{column_id}/{folder}/"
            new = tuple(recordable(e for e in library.unrecorded if e[0].startswith(base)))
            if not new:
                continue
            present = {group.name for group in library.groups[kind]}
            gone: dict[str, str] = {}  # name -> its first recorded URL
            for slug, name in record.under(base):
                if name not in present and recordable([(f"{base}{slug}/", name)]):
                    gone.setdefault(name, f"{base}{slug}/")
            found += [LikelyRename(url, name, new) for name, url in gone.items()]
    return found


def moves(site: Site) -> tuple[list[tuple[str, str]], list[GeneratedRedirect]]:
    """The libraries' pages (output path, source file), and the redirects from the earlier
    URLs of every page of a group (its other recorded URLs): its further pages (index_2.html …)
    to the same page of the new URL, reported at the column's _index.md (link.with_redirects).
    Both empty when no group has an earlier URL (the pages are only claimed beside redirects)."""
    pages: list[tuple[str, str]] = []
    redirects: list[GeneratedRedirect] = []
    libraries = [build_library(site, column_id) for column_id in library_columns(site)]
    if not any(g.old_urls for library in libraries for k in KINDS for g in library.groups[k[0]]):
        return pages, redirects  # (no redirect: no claim to check them against)
    for library in libraries:
        column_id = library.column
        source = site.columns[column_id].location.file
        for kind, _folder, _label in KINDS:
            pages.append((output_path(library.index_url(kind)), source))
            for group in library.groups[kind]:
                new = paginate(group.item_ids, site.config.page_size, group.url)
                pages += [(output_path(page.url), source) for page in new]
                for old_url in group.old_urls:
                    old = paginate(group.item_ids, site.config.page_size, old_url)
                    redirects += [
                        GeneratedRedirect(output_path(was.url), now.url, source)
                        for was, now in zip(old, new, strict=True)
                    ]
    return pages, redirects


def filter_data(site: Site, library: Library) -> str:
    """Compact JSON for the client-side filter: one array per policy, newest first."""
    rows = []
    for item_id in library.item_ids:
        policy = site.items[item_id]
        assert isinstance(policy, Policy)
        forms = sorted(
            {
                interpretation.form
                for interpretation in (
                    *(site.items[i] for i in site.interpretations_of.get(item_id, ())),
                    *site.foreign_interpretations(item_id),  # (ssg/cross_site.py)
                )
                if isinstance(interpretation, Interpretation)
            }
        )
        rows.append([
            policy.title,
            href(site.urls[item_id]),
            f"{policy.date:%Y-%m-%d}" if policy.date else "",
            policy.doc_number,
            policy.topic,
            policy.issuer,
            policy.validity,
            forms,
        ])  # fmt: skip
    fields = ["title", "url", "date", "doc_number", "topic", "issuer", "validity", "forms"]
    return json.dumps({"fields": fields, "rows": rows}, ensure_ascii=False, separators=(",", ":"))
