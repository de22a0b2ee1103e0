"""The policy library (政策文件库): a policy column's documents by year, topic and issuer.

Reserved paths under the top policy column (ARCHITECTURE §1.3): `by-year/<Y>/`,
`by-topic/<slug>/`, `by-issuer/<slug>/`, each paginated and browsable without JavaScript,
plus `policies.json` (an extension of §1.3) for the listing's client-side filter.

A topic's or issuer's slug reads 吉林's place names as places (长岭县人民政府 →
chang-ling-xian-ren-min-zheng-fu: slugs.new_slug). Versions of ssg before that read them as
pypinyin does (zhang-ling-…) and published those URLs: each one whose reading changed is
redirected to the new one, page by page, as an item's `aliases` are (`moves`, claimed with
them by link.with_redirects). A slug whose reading did not change stays as it was.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ssg.content.model import Interpretation, Policy
from ssg.derive.listings import output_path, paginate
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
    # The URL versions of ssg before new_slug gave it (pypinyin's reading), when not `url`:
    # /zwgk/zcwj/by-issuer/zhang-ling-xian-ren-min-zheng-fu/ redirects here.
    old_url: str = ""


@dataclass(frozen=True, slots=True)
class Library:
    column: str  # id of the top policy column
    groups: dict[str, tuple[Group, ...]]  # kind -> groups
    item_ids: tuple[str, ...]  # every policy under the column, newest first

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


def group_slugs(names: Iterable[str]) -> dict[str, tuple[str, str]]:
    """name -> (slug, the slug earlier versions of ssg gave it). The earlier ones are
    unique_slugs' of pypinyin's readings, as those versions worked them out. A name whose
    reading is the same keeps its slug (homophone suffix included); one whose reading
    changed gets new_slug's, with -2, -3 … past every earlier slug, so that no new URL is
    one that was published for another name (whose page, or redirect, is there)."""
    earlier = unique_slugs(names)
    changed = [n for n in earlier if new_slug(n) != pinyin_slug(n)]
    new = unique_slugs(changed, new_slug, taken=earlier.values())
    return {n: (new.get(n, slug), slug) for n, slug in earlier.items()}


def build_library(site: Site, column_id: str) -> Library:
    policies = [i for i in site.items_under(column_id) if isinstance(site.items[i], Policy)]
    keys: dict[str, Callable[[Policy], str]] = {
        "year": lambda p: f"{(p.date or p.written):%Y}",
        "topic": lambda p: p.topic,
        "issuer": lambda p: p.issuer,
    }
    groups: dict[str, tuple[Group, ...]] = {}
    for kind, folder, _label in KINDS:
        members: dict[str, list[str]] = defaultdict(list)
        for item_id in policies:
            policy = site.items[item_id]
            assert isinstance(policy, Policy)
            members[keys[kind](policy)].append(item_id)
        slugs = {n: (n, n) for n in members} if kind == "year" else group_slugs(members)
        order = (
            sorted(members, reverse=True)
            if kind == "year"
            else sorted(members, key=lambda n: (-len(members[n]), n))
        )
        groups[kind] = tuple(
            _group(kind, name, f"/{column_id}/{folder}/", slugs[name], members[name])
            for name in order
        )
    return Library(column_id, groups, tuple(policies))


def _group(kind: str, name: str, base: str, slugs: tuple[str, str], members: list[str]) -> Group:
    slug, earlier = slugs
    return Group(
        kind, name, f"{base}{slug}/", tuple(members), f"{base}{earlier}/" if earlier != slug else ""
    )


def moves(site: Site) -> tuple[list[tuple[str, str]], list[GeneratedRedirect]]:
    """The libraries' pages (output path, source file), and the redirects from the earlier
    URLs of every page of a group whose slug changed: its further pages (index_2.html …) to
    the same page of the new URL, reported at the column's _index.md (link.with_redirects)."""
    pages: list[tuple[str, str]] = []
    redirects: list[GeneratedRedirect] = []
    for column_id in library_columns(site):
        library = build_library(site, column_id)
        source = site.columns[column_id].location.file
        for kind, _folder, _label in KINDS:
            pages.append((output_path(library.index_url(kind)), source))
            for group in library.groups[kind]:
                new = paginate(group.item_ids, site.config.page_size, group.url)
                pages += [(output_path(page.url), source) for page in new]
                if not group.old_url:
                    continue
                old = paginate(group.item_ids, site.config.page_size, group.old_url)
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
