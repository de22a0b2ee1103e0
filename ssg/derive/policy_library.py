"""The policy library (政策文件库): a policy column's documents by year, topic and issuer.

Reserved paths under the top policy column (ARCHITECTURE §1.3): `by-year/<Y>/`,
`by-topic/<slug>/`, `by-issuer/<slug>/`, each paginated and browsable without JavaScript,
plus `policies.json` (an extension of §1.3) for the listing's client-side filter.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ssg.content.model import Interpretation, Policy
from ssg.link import LIBRARY_DATA, Site, href, own_column_type
from ssg.slugs import SLUG_LIMIT, unique_slugs

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
    """The names build_library makes slugs of (slugs.Prefetch): topics and issuers."""
    for item in site.items.values():
        if isinstance(item, Policy):
            yield item.topic, SLUG_LIMIT
            yield item.issuer, SLUG_LIMIT


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
        slugs = {n: n for n in members} if kind == "year" else unique_slugs(members)
        order = (
            sorted(members, reverse=True)
            if kind == "year"
            else sorted(members, key=lambda n: (-len(members[n]), n))
        )
        groups[kind] = tuple(
            Group(kind, name, f"/{column_id}/{folder}/{slugs[name]}/", tuple(members[name]))
            for name in order
        )
    return Library(column_id, groups, tuple(policies))


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
