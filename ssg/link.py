"""Linking: the column tree, the URL scheme, references and aliases (ARCHITECTURE §1.1–1.3).

Input: the validated SourceTree. Output: a frozen `Site` of forward and reverse maps keyed by
id — objects never point at each other. Everything that does not resolve is an `error`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from ssg import docnumber
from ssg.config import PLACEHOLDER, SiteConfig
from ssg.content.column_defaults import default_description, default_keywords
from ssg.content.loader import CONTENT_DIR, SourceTree
from ssg.content.model import (
    DEFAULT_COLUMN_TYPE,
    NATIONAL_GAPS,
    Column,
    Interpretation,
    Item,
    Location,
    Policy,
    Reply,
)
from ssg.diagnostics import Diagnostics, Severity
from ssg.write import MARKER
from ssg.written_path import posix_path

if TYPE_CHECKING:
    from ssg.cross_site import CrossSiteLinks, SiteView
    from ssg.library_record import LibraryRecord

# What ssg writes into the output (ARCHITECTURE §1.3), with how to name it to an editor: the
# folders it fills at the top and, under every policy column, the policy library's; the files
# it writes at the root and in a policy column; and every column's listing pages. Nothing an
# editor writes (folder, item, alias, file in content/) may take their place.
_TOP_FOLDERS = {
    "search": "/search/（站内搜索）",
    "feeds": "/feeds/（RSS）",
    "ndbb": "/ndbb/（年度报表）",
    "zsk": "/zsk/（知识库）",
    "assets": "/assets/（主题文件）",
    "static": "/static/（static/ 文件夹）",
}
_ROOT_FILES = {
    "index.html": "/index.html（首页）",
    "sitemap.html": "/sitemap.html（网站地图）",
    "sitemap.xml": "/sitemap.xml（网站地图）",
    "404.html": "/404.html（404 页面）",
    MARKER: f"/{MARKER}（输出目录标记）",
}
_LIBRARY_FOLDERS = {"by-year": "按年份", "by-topic": "按主题", "by-issuer": "按发文机关"}
LIBRARY_DATA = "policies.json"  # the policy library's filter data (derive/policy_library.py)
RESERVED_TOP = frozenset(_TOP_FOLDERS)
ROOT_FILES = frozenset(_ROOT_FILES)
RESERVED_ROOT_PAGES = frozenset({"sitemap", "404", "index"})
RESERVED_POLICY = frozenset(_LIBRARY_FOLDERS)
_PAGED_INDEX = re.compile(r"^index(?:_\d+)?$")
LISTING_PAGE = re.compile(r"^index_\d+\.html$")  # a column's further pages (derive/listings.py)
_SLUG_BAD = re.compile(r"[/\\\s?#%\"'<>|*:]")
_STEM_BAD = re.compile(r"[?#%\x00-\x1f]")  # a file name may have spaces, not these
# A file or folder name on disk holds at most 255 bytes (ext4, XFS, APFS, NTFS in UTF-16
# units): a longer URL segment cannot be written, and the build died on it (Errno 36).
SEGMENT_LIMIT = 255
# The whole path is bounded too: many short segments still overran PATH_MAX (4096 bytes on
# Linux) once joined to the output folder (Errno 36 again). 2048 bytes leaves room for any
# reasonable output folder, and browsers and nginx take URLs that long.
PATH_LIMIT = 2048


def too_long_segment(path: str) -> str | None:
    """The first segment of `path` whose name on disk would be over SEGMENT_LIMIT bytes."""
    if len(path) * 4 <= SEGMENT_LIMIT:  # (no character is more than 4 bytes: most paths)
        return None
    return next((p for p in path.split("/") if len(os.fsencode(p)) > SEGMENT_LIMIT), None)


def too_long_path(path: str) -> bool:
    """Whether the URL path `path` is over PATH_LIMIT bytes on disk."""
    return len(path) * 4 > PATH_LIMIT and len(os.fsencode(path)) > PATH_LIMIT


def path_limit_text(path: str) -> str:
    return (
        f"整个网址路径写到磁盘是 {len(os.fsencode(path))} 字节，超过上限 {PATH_LIMIT} 字节"
        "（一个汉字按 3 字节计）"
    )


def segment_limit_text(segment: str) -> str:
    return (
        f"“{segment[:20]}…” 写到磁盘是 {len(os.fsencode(segment))} 字节，超过文件名上限 "
        f"{SEGMENT_LIMIT} 字节（每一级路径；一个汉字按 3 字节计）"
    )


def normalise_doc_number(text: str) -> str:
    """吉政办发[2019] 27号 → 吉政办发〔2019〕27号: the key references match on (§1.2)."""
    return docnumber.match_key(text)


def is_doc_number(reference: str) -> bool:
    return docnumber.looks_like_doc_number(reference)


def normalise_path_id(reference: str) -> str:
    ref = reference.strip().strip("/")
    if ref.startswith(f"{CONTENT_DIR}/"):
        ref = ref[len(CONTENT_DIR) + 1 :]
    for suffix in ("/index.md", ".md", ".html"):
        if ref.endswith(suffix):
            ref = ref[: -len(suffix)]
    return ref


@dataclass(frozen=True, slots=True)
class QueryAlias:
    """An old URL with a query string (`/detail.jsp?id=101`): no static file can tell one
    query from another, so only the server redirects it (nginx.conf, ssg/deploy/nginx.py)."""

    path: str  # the decoded path, as nginx matches a location: /detail.jsp
    args: str  # the query as a browser sends it (nginx's $args): id=101, 关键词 percent-encoded
    target: str  # the item's or column's URL path, unencoded
    file: str  # where it is written: the item's file or the column's _index.md
    line: int
    field: str  # aliases[N], for diagnostics
    written: str  # the alias as the editor wrote it


@dataclass(frozen=True, slots=True)
class GeneratedRedirect:
    """An old URL of a page ssg generates, redirected as an item's alias is (the policy
    library's pages under their earlier slugs: derive/policy_library.py moves)."""

    path: str  # output path of the redirect page: zcwj/by-issuer/zhang-ling-xian/index.html
    target: str  # the URL path it redirects to, unencoded
    file: str  # where it is reported: the column's _index.md


@dataclass(frozen=True, slots=True)
class ColumnMove:
    """A published column's alias that is a folder (`/dongtai/` for content/dt): the old
    address of the column's whole subtree, whose every page keeps its place under it
    (with_column_subtrees)."""

    old: str  # the old folder as an output path: dongtai/
    column: str  # the column's id: dt
    file: str  # where the alias is written: the column's _index.md
    line: int
    field: str  # aliases[N]


@dataclass(frozen=True, slots=True)
class Site:
    """The linked site model: what the renderer and the checker read."""

    config: SiteConfig
    build_date: dt.date
    columns: Mapping[str, Column]  # every column, "" = home
    children: Mapping[str, tuple[str, ...]]  # column id -> sub-column ids in navigation order
    items: Mapping[str, Item]  # published items only (no drafts, nothing scheduled)
    items_in: Mapping[str, tuple[str, ...]]  # column id -> its own items, newest first
    column_types: Mapping[str, str]  # column id -> effective national ColumnType
    column_item_type: Mapping[str, str]  # column id -> default item type (inherited)
    urls: Mapping[str, str]  # item id -> URL path, unencoded: /zwgk/zcwj/2019-27.html
    interpretations_of: Mapping[str, tuple[str, ...]]  # policy id -> interpretation ids
    policies_of: Mapping[str, tuple[str, ...]]  # interpretation id -> policy ids
    superseded_by: Mapping[str, str]  # policy id -> policy id
    aliases: Mapping[str, str]  # alias output path -> target URL
    alias_sources: Mapping[str, str]  # alias output path -> item id (an item's aliases)
    bundle_files: Mapping[str, tuple[str, ...]]
    loose_files: tuple[str, ...]
    scheduled: tuple[Item, ...]
    # Every output path content claims (pages, folders ending in "/", bundle and loose files,
    # aliases): pages added after linking (lifecycle notices) must not land on one.
    claimed: frozenset[str] = frozenset()
    # Aliases with a query string, by "path?args" (no page is written for them).
    query_aliases: Mapping[str, QueryAlias] = field(default_factory=dict)
    # The aliases of columns (`aliases` in an _index.md) and those ssg made itself
    # (with_redirects), by output path: the file they are reported at, as alias_sources
    # names an item's.
    alias_files: Mapping[str, str] = field(default_factory=dict)
    # The columns' folder aliases, whose subtree with_column_subtrees redirects too.
    column_moves: tuple[ColumnMove, ...] = ()
    # Who claimed each of `claimed`: (file, line, field), for with_redirects' URL-01.
    claim_owners: Mapping[str, tuple[str, int, str]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # 集约化: the policies of other sites of the repository that this site's interpretations
    # interpret, and their interpretations of this site's policies (ssg/cross_site.py)
    cross: CrossSiteLinks | None = None
    # The domain the site answers on at the build date when a domain change is still to come:
    # its old domain (ssg/lifecycle.py Lifecycle.domain_on; set with the lifecycle, in
    # ssg/build.py). "" = site.yaml's `domain`. What the pages say (SiteDomain, sitemap.xml,
    # feeds, Url) follows it, as nginx.conf and the other sites' links do.
    served_domain: str = ""
    # data/library-urls.yaml: which name each published URL of the policy library belongs to
    # (ssg/library_record.py; set in ssg/build.py). None: the site has no record.
    library_record: LibraryRecord | None = None
    # The policy library of each library column (derive/policy_library.py build_library),
    # memoised: the redirects' stage, the render and the record ask for the same one. A site
    # with other items starts afresh; one with more aliases (with_redirects) keeps them.
    libraries: dict[str, object] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # items_under, memoised: every listing page, home block and library asks for it, and a
    # large column's sort cost tens of milliseconds (a hot update's budget).
    _under: dict[str, tuple[str, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # interact.consultation_replies, memoised in its one slot: the render and the checks ask
    # for it a dozen times, and it sorts every item. Unlike `_under` it never carries over
    # (with_items, dataclasses.replace): a hot rebuild's new version of a reply is a new item.
    replies_memo: list[tuple[Reply, ...]] = field(
        default_factory=list, init=False, repr=False, compare=False
    )
    # annual_report.reports_of, memoised by source folder: the render and six REPORT rules ask
    # for the same reports, and each is a pass over every item. Like `replies_memo` it never
    # carries over: the reports read the items and data/, and a Site with other items, or of
    # a build that read data/ again, is a new one.
    reports_memo: dict[str, object] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def domain(self) -> str:
        """The site's domain on the build date (see `served_domain`)."""
        return self.served_domain or self.config.domain

    @property
    def base_url(self) -> str:
        """https://<the site's domain on the build date>, for the URLs its pages write in full."""
        return f"https://{self.domain}"

    def column_url(self, column_id: str, page: int = 1) -> str:
        base = f"/{column_id}/" if column_id else "/"
        return base if page == 1 else f"{base}index_{page}.html"

    def ancestors(self, column_id: str) -> list[str]:
        """Column ids from the home page down to column_id, inclusive."""
        chain = [column_id]
        while chain[-1]:
            parent = str(PurePosixPath(chain[-1]).parent)
            chain.append("" if parent == "." else parent)
        return list(reversed(chain))

    def content_file_url(self, path: str) -> str:
        """The URL of a file under content/, named by its path there (`zwdt/hy/p.jpg`): a
        bundle's file lives in its item's URL folder (the slug's), any other file at its own
        path (loose files are copied as they are)."""
        cut = path.rfind("/")
        while cut > 0:
            bundle, name = path[:cut], path[cut + 1 :]
            if name in self.bundle_files.get(bundle, ()):
                return f"{self.urls[bundle][: -len('.html')]}/{name}"
            cut = path.rfind("/", 0, cut)
        return f"/{path}"

    def items_under(self, column_id: str) -> list[str]:
        """Items of a column and all its sub-columns, newest first."""
        found = self._under.get(column_id)
        if found is None:
            ids: list[str] = []
            stack = [column_id]
            while stack:
                current = stack.pop()
                ids.extend(self.items_in.get(current, ()))
                stack.extend(self.children.get(current, ()))
            found = self._under[column_id] = tuple(
                sorted(ids, key=lambda i: item_sort_key(self.items[i]))
            )
        return list(found)

    def replacements(self, policy_id: str) -> list[str]:
        """The policies that replaced this one, in order: its superseded_by, that one's, …
        (linking drops loops; the walk stops at a repeat all the same)."""
        chain: list[str] = []
        seen = {policy_id}
        node = self.superseded_by.get(policy_id)
        while node is not None and node not in seen:
            chain.append(node)
            seen.add(node)
            node = self.superseded_by.get(node)
        return chain

    def foreign_policies(self, interpretation_id: str) -> list[Item]:
        """The policies of other sites an interpretation interprets (their id: the key
        `url_of` knows them by)."""
        return self.cross.policies(interpretation_id) if self.cross else []

    def foreign_interpretations(self, policy_id: str) -> list[Item]:
        """Other sites' interpretations of a policy, newest first."""
        return self.cross.interpretations(policy_id) if self.cross else []

    def url_of(self, item_id: str) -> str:
        """An item's URL: this site's path, or another site's absolute URL for a key of
        `cross`."""
        found = self.urls.get(item_id)
        if found is None and self.cross is not None and item_id in self.cross.items:
            return self.cross.items[item_id].url
        return self.urls[item_id] if found is None else found

    def with_items(self, items: Mapping[str, Item]) -> Site:
        """This site with some items replaced by new versions of themselves that keep their
        place in every listing (ssg/hot.py checks that): the listings carry over."""
        new = dataclasses.replace(self, items={**self.items, **items})
        new._under.update(self._under)
        return new


@functools.lru_cache(maxsize=1 << 17)
def href(path: str) -> str:
    """A URL path as it goes into an href: Chinese names percent-encoded. (Memoised: a page
    names some forty URLs, most of them on every page of its column.) Another site's absolute
    URL (ssg/cross_site.py) keeps its scheme and host, and what is already a URL in it: its
    %-escapes, query and fragment (a migrated site's new address is written by hand). Its
    scheme and host are written in lower case, as they mean the same in any case (RFC 3986):
    HTTPS:// written by hand was taken for a path and became a dead relative link."""
    if path[:8].lower() == "https://" or path[:7].lower() == "http://":
        scheme, _sep, rest = path.partition("://")
        host, slash, rest = rest.partition("/")
        user, at, host = host.rpartition("@")
        return f"{scheme.lower()}://{user}{at}{host.lower()}{slash}{quote(rest, safe=_URL_SAFE)}"
    return quote(path, safe="/")


# What an absolute URL may hold as it is (RFC 3986's reserved and unreserved characters, and
# "%" of an escape): only spaces, Chinese and other characters outside them are encoded. (A
# site's own paths never hold "%", "?" or "#": _STEM_BAD.)
_URL_SAFE = "/%:@!$&'()*+,;=?#~[]"


def item_sort_key(item: Item) -> tuple[int, int, int, str, str]:
    """Newest first; undated pages by weight, then title."""
    stamp = item.shown_date
    if stamp is None:
        # Undated pages and leaders: 负责人 by their `order`, then by weight and title.
        return (1, getattr(item, "order", 0), item.weight, item.title, item.id)
    minutes = (stamp.toordinal() * 24 + stamp.hour) * 60 + stamp.minute
    return (0, -minutes, item.weight, item.title, item.id)


def link(
    tree: SourceTree,
    config: SiteConfig,
    build_date: dt.date,
    diags: Diagnostics,
    repository: tuple[str, Sequence[SiteView]] | None = None,
) -> Site:
    """`repository`: this site's folder in its repository of sites and the other sites, as
    ssg/cross_site.py reads them; references that name none of this site's policies are
    looked for there."""
    columns = dict(tree.columns)
    if "" not in columns:
        columns[""] = Column(id="", location=_home_location(), title="首页")
    drafts = _draft_subtrees(columns)
    # A column inside a draft column is a draft too: every stage that leaves draft columns
    # out (listings, navigation, site map, library, checks) leaves the whole subtree out.
    for cid in drafts:
        if not columns[cid].draft:
            columns[cid] = dataclasses.replace(columns[cid], draft=True)
    published, scheduled = _publishable(tree.items, drafts, build_date, diags)
    _report_draft_columns(columns, drafts, tree.items, diags)
    _report_draft_home(columns[""], diags)
    children = _column_children(columns)
    item_types = _inherited_types(columns)
    column_types = _column_types(columns, item_types, children)
    _report_update_none(columns, column_types, diags)
    if config is not PLACEHOLDER:  # (a site.yaml that could not be read names no site)
        _report_generated_meta(columns, column_types, tree.failed_columns, config.name, diags)
    claims = _Claims(_Reserved(columns, column_types), diags)
    rejected = _claim_columns(columns, claims, diags)
    urls = _item_urls(published, columns, rejected, column_types, tree.bundle_files, claims, diags)
    loose_files = tuple(f for f in tree.loose_files if _column_of(f, columns) not in drafts)
    _claim_loose_files(loose_files, claims)
    items = {item.id: item for item in published if item.id in urls}
    items_in: dict[str, list[str]] = defaultdict(list)
    for item in items.values():
        items_in[item.column].append(item.id)
    cross = None
    if repository is not None:
        from ssg.cross_site import links  # (it links the other sites with this module)

        cross = links(repository[0], tree, items, repository[1], scheduled)
    resolver = _Resolver(
        items,
        tree.items,
        tree.failed_items,
        drafts,
        {i.id for i in scheduled},
        diags,
        cross,
        own=repository[0] if repository is not None else "",
    )
    resolver.report_duplicates()
    interpretations_of, policies_of = resolver.interpretations()
    superseded = resolver.superseded()
    resolver.check_scheduled(scheduled)
    owners = _alias_owners(items, urls, columns, set(drafts) | rejected)
    aliases, alias_sources, alias_files, query_aliases = _aliases(owners, claims, diags)
    moves = _column_moves(owners, aliases)
    return Site(
        config=config,
        build_date=build_date,
        columns=columns,
        children=children,
        items=items,
        items_in={
            cid: tuple(sorted(ids, key=lambda i: item_sort_key(items[i])))
            for cid, ids in items_in.items()
        },
        column_types=column_types,
        column_item_type=item_types,
        urls=urls,
        interpretations_of=interpretations_of,
        policies_of=policies_of,
        superseded_by=superseded,
        aliases=aliases,
        alias_sources=alias_sources,
        query_aliases=query_aliases,
        alias_files=alias_files,
        column_moves=moves,
        bundle_files={i: f for i, f in tree.bundle_files.items() if i in items},
        loose_files=loose_files,
        scheduled=tuple(scheduled),
        claimed=frozenset(claims.owner),
        cross=cross or None,
        claim_owners=dict(claims.owner),
    )


def with_redirects(
    site: Site,
    generated: Iterable[tuple[str, str]],
    redirects: Iterable[GeneratedRedirect],
    diags: Diagnostics,
) -> Site:
    """The site with ssg's own redirects (`redirects`) among its aliases: the same redirect
    page and nginx rule as an item's `aliases`. They are claimed as those are, after the
    pages ssg generates beside them (`generated`: output path, source file; not kept in
    `claimed`, which holds content's and aliases'), so that a redirect onto any page, file,
    alias or folder of the site is URL-01 at its file. They lie in paths reserved to ssg (the
    policy library's), which no claim of content can take: a collision there is between
    ssg's own pages, which derive/policy_library.py group_slugs keeps apart."""
    claims = _Claims.resume(site, diags)
    for path, file in generated:
        claims.claim(path, file, 0, "", generated=True)
    claimed = dict(site.claim_owners)
    aliases, files = dict(site.aliases), dict(site.alias_files)
    for redirect in redirects:
        if claims.claim(redirect.path, redirect.file, 0, "", generated=True):
            aliases[redirect.path] = redirect.target
            files[redirect.path] = redirect.file
            claimed[redirect.path] = (redirect.file, 0, "")
    if len(aliases) == len(site.aliases):
        return site
    new = dataclasses.replace(
        site, aliases=aliases, alias_files=files, claimed=frozenset(claimed), claim_owners=claimed
    )
    new.libraries.update(site.libraries)  # (groups and slugs do not depend on aliases)
    return new


def with_column_subtrees(site: Site, diags: Diagnostics) -> Site:
    """The site with every page under a renamed column's new path redirected from the same
    path under its old one (`aliases: [/dongtai/]` in content/dt/_index.md: /dongtai/a.html,
    /dongtai/index_2.html, /dongtai/hy/ and the attachments beside them), as a mature CMS
    does: an editor need not add an alias to each item. Called once the site has all its
    items (the lifecycle notices too, published after linking). The redirects are aliases
    like any other: the same redirect page, nginx 301 and redirects.tsv line. A sub-column's
    own alias wins over the one its parent's implies; an old path that is a page, file or
    folder of the site, or another page's alias, is URL-01 at the column's alias line (one
    error for each alias, naming the first)."""
    if not site.column_moves:
        return site
    pages = _published_paths(site)
    probe = _Claims.resume(site, Diagnostics())
    aliases, files = dict(site.aliases), dict(site.alias_files)
    claimed = dict(site.claim_owners)
    column_of_file = {c.location.file: cid for cid, c in site.columns.items()}
    derived: set[str] = set()
    done: list[ColumnMove] = []
    # Deepest columns first: a sub-column's own alias wins over its parent's, the whole old
    # folder it names (what was there then was the sub-column's).
    for move in sorted(site.column_moves, key=lambda m: (-m.column.count("/"), m.column, m.old)):
        prefix = f"{move.column}/"
        inner = tuple(m.old for m in done if f"{m.column}/".startswith(prefix))
        done.append(move)
        clashes: list[tuple[str, str]] = []
        too_long: list[str] = []
        for path in pages:
            if not path.startswith(prefix):
                continue
            old = move.old + path[len(prefix) :]
            target = "/" + (path[: -len("index.html")] if path.endswith("/index.html") else path)
            if old in derived or old.startswith(inner):
                continue
            if old in aliases:
                owner = column_of_file.get(files.get(old, ""))
                inside = owner is not None and f"{owner}/".startswith(prefix)
                if aliases[old] != target and not inside:
                    other, line, field = claimed.get(old, (files.get(old, ""), 0, ""))
                    where = f"{other}:{line} {field}".rstrip(" :")
                    clashes.append((old, f"它已是 {where} 写的旧网址，跳转到 {aliases[old]}"))
                continue
            if too_long_segment(old) is not None or too_long_path(old):
                too_long.append(old)
                continue
            if not probe.claim(old, move.file, move.line, move.field, generated=True):
                # (what the claim says, without its advice to rename a slug: it is the old path)
                clashes.append((old, probe.diags.items[-1].message.split("；")[0]))
                continue
            aliases[old] = target
            files[old] = move.file
            claimed[old] = (move.file, move.line, move.field)
            derived.add(old)
        _report_subtree(move, clashes, "URL-01", diags)
        _report_subtree(
            move, [(p, "路径太长，跳转页写不到磁盘上") for p in too_long], "URL-04", diags
        )
    if not derived:
        return site
    new = dataclasses.replace(
        site, aliases=aliases, alias_files=files, claimed=frozenset(claimed), claim_owners=claimed
    )
    new.libraries.update(site.libraries)
    new._under.update(site._under)
    return new


def _report_subtree(
    move: ColumnMove, failed: Sequence[tuple[str, str]], code: str, diags: Diagnostics
) -> None:
    if not failed:
        return
    path, why = failed[0]
    more = f"（另有 {len(failed) - 1} 个网址也是如此）" if len(failed) > 1 else ""
    diags.error(
        code,
        move.file,
        move.line,
        move.field,
        f"栏目改名后，旧网址 “/{move.old}” 下的页面都跳转到 /{move.column}/ 下的新网址，"
        f"但 /{path} 不能跳转：{why}{more}；请核对这一旧网址 "
        f"(a page under the column's old address cannot be redirected: /{path})",
    )


def _published_paths(site: Site) -> list[str]:
    """The output paths of the pages and files content makes (items, the listing pages of
    published columns, bundle and loose files), sorted: what a column's rename moves."""
    paths = {url.lstrip("/") for url in site.urls.values()}
    size = max(1, site.config.page_size)
    for cid, column in site.columns.items():
        if not cid or column.draft:
            continue
        pages = max(1, -(-len(site.items_under(cid)) // size))
        paths.add(f"{cid}/index.html")
        paths.update(f"{cid}/index_{number}.html" for number in range(2, pages + 1))
    for item_id, names in site.bundle_files.items():
        folder = site.urls[item_id][1 : -len(".html")]
        paths.update(f"{folder}/{name}" for name in names)
    paths.update(site.loose_files)
    return sorted(paths)


def _column_moves(
    owners: Iterable[_AliasOwner], aliases: Mapping[str, str]
) -> tuple[ColumnMove, ...]:
    """The columns' accepted aliases that are folders (`/dongtai/`, not `/dongtai/list.jsp`
    nor one with a query): the old address of the column's subtree. The home page's is its
    page alone (its subtree is the whole site)."""
    moves = []
    for owner in owners:
        if owner.item_id or owner.url == "/":
            continue
        for index, alias in enumerate(owner.aliases, start=1):
            if "?" in alias.split("#", 1)[0]:
                continue
            path = _alias_path(alias)
            if path is None or not path.endswith("index.html") or aliases.get(path) != owner.url:
                continue
            field = f"aliases[{index}]"
            old = path[: -len("index.html")]
            moves.append(
                ColumnMove(
                    old,
                    owner.url.strip("/"),
                    owner.location.file,
                    owner.location.line(field),
                    field,
                )
            )
    return tuple(moves)


def _home_location() -> Location:
    return Location(f"{CONTENT_DIR}/_index.md")


def _draft_subtrees(columns: Mapping[str, Column]) -> dict[str, str]:
    """Column id -> the outermost draft column it is in (itself included), for every column
    in a draft column's subtree. A draft column publishes nothing below it (README 栏目): what
    it holds is not ready either. (The home page is always published: its `draft` is moot.)"""
    out: dict[str, str] = {}
    for cid in sorted(columns, key=lambda c: c.count("/")):  # parents first
        if not cid:
            continue
        above = out.get(_parent(cid))
        if above is not None:
            out[cid] = above
        elif columns[cid].draft:
            out[cid] = cid
    return out


def _column_of(rel: str, columns: Mapping[str, Column]) -> str:
    """The nearest column folder holding a content-relative file."""
    folder = _parent(rel)
    while folder and folder not in columns:
        folder = _parent(folder)
    return folder


def _publishable(
    items: tuple[Item, ...], drafts: Mapping[str, str], build_date: dt.date, diags: Diagnostics
) -> tuple[list[Item], list[Item]]:
    """Drafts, and the items of draft columns, are left out; items dated after the build date
    are held back (scheduled)."""
    published: list[Item] = []
    scheduled: list[Item] = []
    for item in items:
        if item.draft or item.column in drafts:
            continue
        if item.date is not None and item.date.date() > build_date:
            scheduled.append(item)
            diags.advice(
                "SCHEDULED",
                item.location.file,
                item.location.line("date"),
                "date",
                f"定时发布：发布日期 {item.date:%Y-%m-%d} 晚于构建日期 {build_date:%Y-%m-%d}，"
                "本次不发布 (scheduled: held back until its date)",
            )
            continue
        if isinstance(item, Reply) and not item.body_md.strip():
            # RULES INTERACT-03 (吉林办法 第二十二条): 公开…答复内容. The answer is the body
            # (ARCHITECTURE §1.2): without it the page published the question and no answer.
            # (Here, not where the file is read: a draft, or a reply in a draft column, is
            # where a reply waits for its answer, and publishes nothing.)
            diags.error(
                "INTERACT-03",
                item.location.file,
                item.location.body_line,
                "",
                "留言答复的正文（答复内容）为空；请在 front matter 之后写答复内容 "
                "(the reply has no answer: write it as the body)",
            )
        published.append(item)
    return published, scheduled


def _report_draft_columns(
    columns: Mapping[str, Column],
    drafts: Mapping[str, str],
    items: tuple[Item, ...],
    diags: Diagnostics,
) -> None:
    """A draft column that holds items says so: `ssg init` makes its columns drafts until
    their first item, and an editor who forgets the line would otherwise see the items
    vanish without a word."""
    held: dict[str, int] = defaultdict(int)
    for item in items:
        if not item.draft and item.column in drafts:
            held[drafts[item.column]] += 1
    for cid, count in sorted(held.items()):
        location = columns[cid].location
        diags.advice(
            "COLUMN-02",
            location.file,
            location.line("draft"),
            "draft",
            f"栏目是草稿，其中（含下级栏目）的 {count} 条信息都不发布，也不能被引用；"
            f"栏目可以发布时删除 draft: true (draft column: its {count} items are not published)",
        )


def _report_draft_home(home: Column, diags: Diagnostics) -> None:
    """The home page is always published: a `draft: true` in content/_index.md could only be
    ignored, and an editor who wrote it meant something the build cannot do (keep the site
    unpublished, or a column that is not ready). Refusing says so where ignoring would not."""
    if home.draft:
        diags.error(
            "COLUMN-03",
            home.location.file,
            home.location.line("draft"),
            "draft",
            "首页总是发布，不能设为草稿：删除 draft: true；暂不发布的栏目请在该栏目的 _index.md "
            "中设置 (the home page cannot be a draft)",
        )


def _report_update_none(
    columns: Mapping[str, Column], column_types: Mapping[str, str], diags: Diagnostics
) -> None:
    """`update: none` exempts a static column (概况信息, 机构职能) from staleness; on a column
    whose ColumnType has a national threshold it is not stricter than that threshold and
    cannot lift it (ARCHITECTURE §1.1, RULES CONTENT-02): the check applies the national gap
    anyway, and the editor is told that the line does not do what it says."""
    for cid in sorted(columns):
        column = columns[cid]
        national = NATIONAL_GAPS.get(column_types.get(cid, ""))
        if not cid or column.draft or not column.update_none or national is None:
            continue
        diags.advice(
            "COLUMN-04",
            column.location.file,
            column.location.line("update"),
            "update",
            f"update: none 不能免除国家对“{column_types[cid]}”类栏目的更新要求，仍按 "
            f"{national.label()}检查；可以删除该行，或写更严格的周期 "
            f"(update: none cannot lift the national limit of {national})",
        )


def _report_generated_meta(
    columns: Mapping[str, Column],
    column_types: Mapping[str, str],
    failed: frozenset[str],
    site_name: str,
    diags: Diagnostics,
) -> None:
    """A published column without `description` or `keywords` shows text ssg made up from its
    title and place (ColumnDescription, ColumnKeywords: RULES DESIGN-03, 必选); the contract
    has it "reported as advice" (ARCHITECTURE §1.1), with the text, so that the editor sees
    what citizens get and can write the column's purpose instead. One advice a column, at its
    `title` line: the text is made from the title, and the missing keys have no line.

    The home page is not a column here: its description is the site's own (its name, from
    data/site.yaml), and content/_index.md is optional. Draft columns publish nothing, and
    an `_index.md` that could not be read has its own error."""
    for cid in sorted(columns):
        column = columns[cid]
        if not cid or column.draft or cid in failed:
            continue
        if column.description and column.keywords:
            continue
        # (as the pages write them: ColumnKeywords is the list joined by commas)
        keywords = ",".join(default_keywords(site_name, columns, column_types, cid))
        description = default_description(site_name, columns, cid)
        # (the text after a colon, not in quotes: a generated description quotes the title)
        if column.description:
            field, made = (
                "keywords",
                f"栏目未写 keywords，已按栏目名称与类别生成栏目关键词：{keywords}",
            )
            english = f'no keywords: generated "{keywords}"'
            ask = "栏目关键词"
        elif column.keywords:
            field, made = (
                "description",
                f"栏目未写 description，已按栏目名称与位置生成栏目描述：{description}",
            )
            english = f'no description: generated "{description}"'
            ask = "栏目说明（设置目的、主要内容）"
        else:
            field = "description"
            made = (
                "栏目未写 description 和 keywords，已按栏目名称与位置生成栏目描述："
                f"{description}；栏目关键词：{keywords}"
            )
            english = f'no description or keywords: generated "{description}" and "{keywords}"'
            ask = "栏目说明（设置目的、主要内容）和关键词"
        diags.advice(
            "COLUMN-05",
            column.location.file,
            column.location.line("title"),
            field,
            f"{made}。请在 _index.md 写明{ask} ({english})",
        )


def _parent(column_id: str) -> str:
    parent = str(PurePosixPath(column_id).parent)
    return "" if parent == "." else parent


def _column_children(columns: Mapping[str, Column]) -> dict[str, tuple[str, ...]]:
    kids: dict[str, list[str]] = defaultdict(list)
    for cid, column in columns.items():
        if cid and not column.draft:
            kids[_parent(cid)].append(cid)
    return {
        parent: tuple(sorted(ids, key=lambda c: (columns[c].order, c)))
        for parent, ids in kids.items()
    }


def _inherited_types(columns: Mapping[str, Column]) -> dict[str, str]:
    out: dict[str, str] = {}
    for cid in sorted(columns, key=lambda c: c.count("/") + (1 if c else 0)):
        own = columns[cid].type
        out[cid] = own or (out.get(_parent(cid), "") if cid else "")
    return out


def _column_types(
    columns: Mapping[str, Column],
    item_types: Mapping[str, str],
    children: Mapping[str, tuple[str, ...]],
) -> dict[str, str]:
    """Each column's national ColumnType; a section without one takes its first sub-column's,
    since every column page must carry a ColumnType (DESIGN-03)."""
    out = {cid: own_column_type(col, item_types[cid]) for cid, col in columns.items()}
    for cid in sorted(columns, key=lambda c: -c.count("/")):  # deepest first
        if cid and not out[cid]:
            kids = [out[k] for k in children.get(cid, ()) if out.get(k)]
            out[cid] = kids[0] if kids else ""
    return out


def own_column_type(column: Column, item_type: str) -> str:
    """A column's ColumnType from its own settings and its items' type (inherited from the
    folders above), before a section borrows its first sub-column's (_column_types)."""
    if column.column_type:
        return column.column_type
    if not column.id:
        return "首页"
    return DEFAULT_COLUMN_TYPE.get(column.type or item_type, "")


class _Reserved:
    """The output paths ssg writes itself, each with how to name it to an editor. What lies
    at or above a folder is worked out once per folder: a claim costs two dict lookups."""

    __slots__ = ("_above", "columns", "taken")

    def __init__(self, columns: Mapping[str, Column], column_types: Mapping[str, str]) -> None:
        taken = {**_TOP_FOLDERS, **_ROOT_FILES}
        # Every policy column, not only the top one that has the library today: the same
        # rule as for folder and item names (README 保留路径), and a sub-column that becomes
        # the top one does not turn an accepted alias into an error.
        for cid in columns:
            if cid and column_types.get(cid) == "政策文件":
                for name, label in _LIBRARY_FOLDERS.items():
                    taken[f"{cid}/{name}"] = f"/{cid}/{name}/（政策文件库{label}浏览）"
                taken[f"{cid}/{LIBRARY_DATA}"] = f"/{cid}/{LIBRARY_DATA}（政策文件库筛选数据）"
        self.taken: Mapping[str, str] = taken  # file, or folder with all in it -> label
        self.columns = frozenset(c for c in columns if c)  # their index_N.html are listings
        self._above: dict[str, str | None] = {"": None}  # folder -> label at or above it

    def find(self, path: str) -> str | None:
        """The generated path that `path` (a folder path ends in "/") would take or sit
        inside, or None. A generated file on the way is taken as much as the file itself."""
        name = path.rstrip("/")
        parent, _, leaf = name.rpartition("/")
        label = self._folder(parent) or self.taken.get(name)
        if (
            label is None
            and leaf.startswith("index_")
            and name == path
            and parent in self.columns
            and LISTING_PAGE.match(leaf)
        ):
            label = f"/{path}（栏目列表的分页）"
        return label

    def _folder(self, folder: str) -> str | None:
        if folder not in self._above:
            above = self._folder(folder.rpartition("/")[0])
            self._above[folder] = above or self.taken.get(folder)
        return self._above[folder]


class _Claims:
    """Every output path is claimed by exactly one source; a second claim is an error, and
    so is a claim on a path that ssg writes itself (`_Reserved`). Paths are a tree: a file
    where another claim needs a folder, or the reverse, is an error too (writing the second
    would fail). A folder claim ends in "/"."""

    def __init__(self, reserved: _Reserved, diags: Diagnostics) -> None:
        self.owner: dict[str, tuple[str, int, str]] = {}
        # folder -> the first path claimed in it. No folder in here is a claimed file: a file
        # claim checks this first, a new folder checks `owner` on its way in.
        self.inside: dict[str, str] = {}
        self.reserved = reserved
        self.diags = diags

    @classmethod
    def resume(cls, site: Site, diags: Diagnostics) -> _Claims:
        """The claims of a linked site, to claim more (with_redirects)."""
        claims = cls(_Reserved(site.columns, site.column_types), diags)
        claims.owner = dict(site.claim_owners)
        for path in claims.owner:
            folder = path[:-1] if path.endswith("/") else path.rpartition("/")[0]
            while folder and folder not in claims.inside:
                claims.inside[folder] = path
                folder = folder.rpartition("/")[0]
        return claims

    def claim(self, path: str, file: str, line: int, field: str, generated: bool = False) -> bool:
        """`generated`: a path ssg writes itself, where the reserved ones lie."""
        taken = None if generated else self.reserved.find(path)
        if taken is not None:
            self.diags.error(
                "URL-03",
                file,
                line,
                field,
                f"输出网址 /{path} 落在系统保留路径 {taken} 上，会与 ssg 生成的文件互相覆盖；"
                f"请改名或换一个位置 (output path collides with a reserved path: /{path})",
            )
            return False
        if path in self.owner:
            return self._clash(path, path, file, line, field)
        if path in self.inside:  # a file named like a folder of claimed paths
            return self._clash(path, self.inside[path], file, line, field)
        # The folders on its way that no claim has yet, from the deepest (usually none).
        new: list[str] = []
        folder = path[:-1] if path.endswith("/") else path.rpartition("/")[0]
        while folder and folder not in self.inside:
            if folder in self.owner:  # a claimed file where this needs a folder
                return self._clash(path, folder, file, line, field)
            new.append(folder)
            folder = folder.rpartition("/")[0]
        self.owner[path] = (file, line, field)
        for folder in new:
            self.inside[folder] = path
        return True

    def _clash(self, path: str, other_path: str, file: str, line: int, field: str) -> bool:
        other, other_line, _field = self.owner[other_path]
        if other_path == path:
            message = (
                f"输出网址 {path} 与 {other}:{other_line} 重复；请修改其中一个的 slug "
                f"或文件名 (duplicate output URL, also produced by {other})"
            )
        else:
            message = (
                f"输出网址 {path} 与 {other}:{other_line} 的 {other_path} 冲突：同一个名字一个要作"
                "文件、一个要作文件夹；请修改其中一个的 slug 或文件名 "
                f"(output path clashes with {other_path} from {other}: a file and a folder)"
            )
        self.diags.error("URL-01", file, line, field, message)
        return False


def _claim_columns(columns: Mapping[str, Column], claims: _Claims, diags: Diagnostics) -> set[str]:
    """Each column's folder and first page. Returns the columns whose folder cannot be had
    (a reserved path, e.g. search/ or a policy column's by-year/): their items are left
    without a URL, one error for the folder rather than another for each of its items."""
    rejected: set[str] = set()
    for cid, column in sorted(columns.items()):
        if not cid:
            continue
        if too_long_path(f"{cid}/index.html"):
            # (its pages and its items' could not be written: Errno 36, as an alias's did)
            diags.error(
                "URL-02",
                column.location.file,
                0,
                "",
                f"栏目路径太长：{path_limit_text(cid)}；请改短栏目文件夹名或减少层级 "
                f"(the column's path is over {PATH_LIMIT} bytes)",
            )
            rejected.add(cid)
            continue
        if not claims.claim(f"{cid}/", column.location.file, 0, ""):
            rejected.add(cid)
            continue
        claims.claim(f"{cid}/index.html", column.location.file, 0, "")
    return rejected


def _claim_loose_files(loose_files: tuple[str, ...], claims: _Claims) -> None:
    """Files copied as they are from column folders must not land on a page."""
    for rel in loose_files:
        claims.claim(rel, f"{CONTENT_DIR}/{rel}", 0, "")


def _item_urls(
    items: list[Item],
    columns: Mapping[str, Column],
    rejected: set[str],
    column_types: Mapping[str, str],
    bundle_files: Mapping[str, tuple[str, ...]],
    claims: _Claims,
    diags: Diagnostics,
) -> dict[str, str]:
    urls: dict[str, str] = {}
    for item in sorted(items, key=lambda i: i.id):
        file = item.location.file
        field = "slug" if item.slug else ""
        line = item.location.line("slug") if item.slug else 1
        slug = item.slug or _last_segment(item.id)
        if item.slug and (_SLUG_BAD.search(slug) or slug.startswith(".") or ".." in slug):
            diags.error(
                "URL-02",
                file,
                line,
                "slug",
                f"网址名 “{slug}” 不可用：不能含 / \\ 空格 ? # % 引号等字符，不能以 . 开头或含 ..；"
                "请改写 slug (slug must be a single safe path segment)",
            )
            continue
        if not item.slug and _STEM_BAD.search(slug):
            # The name comes from the file (or the bundle's folder): there is no `slug` line
            # to point at, and spaces, which a slug may not hold, are fine in a file name.
            diags.error("URL-02", file, 1, "", _bad_file_name_text(item.bundle, slug))
            continue
        long = too_long_segment(f"{slug}.html")
        if long is not None:
            diags.error(
                "URL-02",
                file,
                line,
                field,
                f"网址名太长：{segment_limit_text(long)}；请写一个短一些的 slug 或改短文件名 "
                f"(the page's file name is over {SEGMENT_LIMIT} bytes)",
            )
            continue
        if item.column not in columns or item.column in rejected:
            continue
        reserved = (
            _PAGED_INDEX.match(slug)
            or (not item.column and (slug in RESERVED_ROOT_PAGES or slug in RESERVED_TOP))
            or (column_types.get(item.column) == "政策文件" and slug in RESERVED_POLICY)
        )
        if reserved:
            diags.error(
                "URL-03",
                file,
                line,
                field,
                f"网址名 “{slug}” 是系统保留名（栏目页 index、index_N，首页下的 sitemap、404 等），"
                "请设置其他 slug (slug collides with a reserved page name)",
            )
            continue
        prefix = f"{item.column}/" if item.column else ""
        path = f"{prefix}{slug}.html"
        if too_long_path(path):
            diags.error(
                "URL-02",
                file,
                line,
                field,
                f"网址太长：{path_limit_text(path)}；请写一个短一些的 slug 或改短栏目路径 "
                f"(the page's URL path is over {PATH_LIMIT} bytes)",
            )
            continue
        if not claims.claim(path, file, line, field):
            continue
        if item.bundle and bundle_files.get(item.id):
            claims.claim(f"{prefix}{slug}/", file, line, field)
            # Each file too: they are copied after the aliases are written, so an alias onto
            # one was silently replaced by it.
            for name in bundle_files[item.id]:
                claims.claim(f"{prefix}{slug}/{name}", f"{CONTENT_DIR}/{item.id}/{name}", 0, "")
        urls[item.id] = f"/{path}"
    return urls


def _bad_file_name_text(bundle: bool, stem: str) -> str:
    """URL-02 for a file or bundle folder whose name cannot be a URL segment (_STEM_BAD)."""
    kind, name = ("文件夹名", stem) if bundle else ("文件名", f"{stem}.md")
    found = "、".join(dict.fromkeys(_shown(c) for c in _STEM_BAD.findall(stem)))
    return (
        f"{kind} “{''.join(map(_shown, name))}” 不能用作网址：其中的 {found} 在网址中有特殊含义"
        f"（{kind}不能含 ? # % 或控制字符，可以含空格和中文）；请改{kind}，或写一个 slug "
        "(the file name holds ?, #, % or a control character, which a URL cannot carry as is)"
    )


def _shown(char: str) -> str:
    """A character as a message can show it: a control character by its code point."""
    return char if char.isprintable() else f"U+{ord(char):04X}"


def _last_segment(item_id: str) -> str:
    """`PurePosixPath(item_id).name`, without making a path object for each of 10,000 items
    in the serial stretch before the search index's process can start (0.01 s at 10k)."""
    name = item_id.rpartition("/")[2]
    return name if name not in ("", ".") else PurePosixPath(item_id).name


def _why_unpublished(item: Item, drafts: Mapping[str, str], scheduled: set[str]) -> str:
    if item.draft:
        return "是草稿"
    if item.column in drafts:
        return f"所在的栏目 {drafts[item.column]}/ 是草稿"
    if item.id in scheduled:
        return "是定时发布的，尚未发布"
    return "没有生成网址（见该文件的报错）"


def _not_a_policy_text(item: Item) -> str:
    """Why a path reference to an item of another type does not resolve, and where its type
    comes from: its own `type`, or its column's (ARCHITECTURE §1.1, §1.2)."""
    if "type" in item.location.lines:
        where = f"它自己的 type 是 {item.type}"
        fix = "请把它的 type 改为 policy"
    else:
        column = (
            f"{CONTENT_DIR}/{item.column}/_index.md" if item.column else f"{CONTENT_DIR}/_index.md"
        )
        where = f"按所在栏目 {column} 的 type，未写则沿用上级栏目的"
        fix = "请在该栏目的 _index.md 写 type: policy，或在文件中写 type: policy"
    return f"{item.location.file} 读作{item.type_label}（{where}），不是政策文件；若它是政策文件，{fix}"


# How many policies without a doc number REF-01 names (then "等 N 份").
_UNNUMBERED_SHOWN = 3


class _Resolver:
    """Front-matter references to policies: by doc number or by path id (§1.2)."""

    def __init__(
        self,
        items: Mapping[str, Item],
        every_item: tuple[Item, ...],
        failed: Mapping[str, str],
        drafts: Mapping[str, str],
        scheduled: set[str],
        diags: Diagnostics,
        cross: CrossSiteLinks | None = None,
        own: str = "",
    ):
        self.items = items
        self.diags = diags
        self.cross = cross
        # (`<this site's folder>:<path id>`, the form used across sites, names one of its own)
        self.own_prefix = f"{own}:" if own else ""
        self.by_number: dict[str, list[str]] = defaultdict(list)
        self.policies = sorted(i for i, item in items.items() if isinstance(item, Policy))
        for pid in self.policies:
            policy = items[pid]
            assert isinstance(policy, Policy)
            if policy.doc_number:
                self.by_number[normalise_doc_number(policy.doc_number)].append(pid)
        # Items of another type, by path id: a path reference to one names a file that is
        # there, and the message says what it was read as (a column's `type` changed, a
        # `type:` written in the file), not that the site has no such policy.
        self.not_policies = {i.id: i for i in every_item if not isinstance(i, Policy)}
        self.unpublished: dict[str, str] = {}
        for item in every_item:
            if isinstance(item, Policy) and item.id not in items:
                why = _why_unpublished(item, drafts, scheduled)
                self.unpublished[item.id] = why
                if item.doc_number:
                    self.unpublished[normalise_doc_number(item.doc_number)] = why
        # Invalid files are reported where they are; a reference to one says so, not "missing".
        for fid, number in failed.items():
            self.unpublished[fid] = "本身有错误（见该文件的报错），修正后即可解析"
            if number:
                self.unpublished[normalise_doc_number(number)] = self.unpublished[fid]

    def resolve(self, reference: str, item: Item, field: str) -> str | None:
        file, line = item.location.file, item.location.line(field)
        if is_doc_number(reference):
            key = normalise_doc_number(reference)
            matches = self.by_number.get(key, [])
        else:
            key = self.path_key(reference)
            matches = [key] if key in self.policies else []
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            # (only a doc number matches several: two policies that share one, reported on
            # the later ones, report_duplicates; the fix is most likely there, not here)
            names = "、".join(self.items[m].location.file for m in matches)
            self.diags.error(
                "REF-02",
                file,
                line,
                field,
                f"“{reference}” 同时对应多份政策文件：{names}，它们的发文字号相同；若其中一份是"
                "复制后没有改发文字号的文件，改正那份文件即可（见它的 POLICY-01），否则请改用路径"
                "引用 (ambiguous reference: the policies share a doc number)",
            )
            return None
        self.not_found(reference, key, file, line, field)
        return None

    def report_duplicates(self) -> None:
        """Two policies with one 发文字号 or one 索引号: the later (by path) is reported at
        that field, naming the first file.

        Each identifies one document: a doc number is what references resolve by (ARCHITECTURE
        §1.2: two matches are an error, REF-02, at every reference), and the 索引号 is a
        document's key in the 政府信息公开目录 (RULES POLICY-01, ◐: common practice, its format
        set locally). So a shared one is a metadata finding of POLICY-01 at its ◐ level,
        `deduct` — not an `error`: each file is valid input, and two legacy copies of one
        document must not stop a site from publishing. Most often a file was copied and its
        numbers not changed; the finding is on the copy, where the fix is.

        The stand-in numbers `ssg new` writes are not counted: two fresh policies share them,
        and each is reported already as a stand-in still in place (POLICY-01, at the same
        field): one finding per problem, and the fix is the same."""
        # (ssg.scaffold imports this module: imported here, when both are loaded)
        from ssg.scaffold import is_year_placeholder

        by_index: dict[str, list[str]] = defaultdict(list)
        for pid in self.policies:
            policy = self.items[pid]
            assert isinstance(policy, Policy)
            by_index[_index_key(policy.index_number)].append(pid)
        for name, label, groups in (
            ("doc_number", "发文字号", self.by_number),
            ("index_number", "索引号", by_index),
        ):
            for key, every in groups.items():
                pids = [
                    pid
                    for pid in every
                    if not is_year_placeholder(name, getattr(self.items[pid], name))
                ]
                if not key or len(pids) < 2:
                    continue
                first = self.items[pids[0]]
                for pid in pids[1:]:
                    policy = self.items[pid]
                    written = getattr(policy, name)
                    self.diags.add(
                        Severity.DEDUCT,
                        "POLICY-01",
                        policy.location.file,
                        policy.location.line(name),
                        name,
                        f"{label} “{written}” 与 {first.location.file} 的相同；{label}标识一份"
                        f"文件，复制来的文件请改为它自己的{label}，同一份文件发布了两次则删去其中"
                        f"一份 (same {name.replace('_', ' ')} as {first.location.file})",
                    )

    def _named_folder(self, reference: str) -> str:
        """The site folder a `<site folder>:<path id>` reference names, other than this
        site's own ("" for none, a doc number, and outside a repository)."""
        if self.cross is None or is_doc_number(reference):
            return ""
        folder, sep, _path = posix_path(reference.strip()).rpartition(":")
        folder = folder.strip().strip("/")
        if not sep or not folder or f"{folder}:" == self.own_prefix:
            return ""
        return folder

    def unknown_site(self, reference: str) -> str:
        """The folder a `<site folder>:<path id>` reference names, when it is none of the
        repository's sites ("" otherwise, and outside a repository)."""
        folder = self._named_folder(reference)
        return folder if folder and self.cross and folder not in self.cross.searched else ""

    def other_site(self, reference: str) -> str:
        """The folder of another site of the repository a `<site folder>:<path id>` reference
        names ("" for this site's own, an unknown folder, or a doc number)."""
        folder = self._named_folder(reference)
        return folder if folder and self.cross and folder in self.cross.searched else ""

    def path_key(self, reference: str) -> str:
        """A path id reference, normalised; written with this site's own folder, its path."""
        written = reference.strip()
        if self.own_prefix and written.startswith(self.own_prefix):
            written = written[len(self.own_prefix) :]
        return normalise_path_id(written)

    def not_found(self, reference: str, key: str, file: str, line: int, field: str) -> None:
        if key in self.unpublished:
            why = f"该文件{self.unpublished[key]}"
        elif not is_doc_number(reference) and key in self.not_policies:
            why = _not_a_policy_text(self.not_policies[key])
        else:
            if is_doc_number(reference):
                numbers = [*self.by_number, *(k for k in self.unpublished if is_doc_number(k))]
                # (a number is offered only as a plausible slip of the one written: another
                # issuer's number of another year is no answer, docnumber.slips)
                close = docnumber.nearest(reference, numbers, limit=3)
            else:
                close = difflib.get_close_matches(
                    key, [*self.policies, *self.unpublished], n=3, cutoff=0.5
                )
            nearest = f"最接近的是：{'、'.join(close)}" if close else ""
            if is_doc_number(reference):
                # (said first: a nearest number alone read as "you mistyped it", when the
                # policy meant may be there and have lost its doc_number: unnumbered_hint)
                why = "站内没有发文字号是它的已发布政策文件" + (f"；{nearest}" if close else "")
            else:
                why = nearest or "站内没有这份政策文件"
            held = self.cross.unpublished_note(reference) if self.cross else ""
            folder = self.unknown_site(reference)
            elsewhere = self.other_site(reference)
            if elsewhere and not held:
                # (this site's paths are no answer to a path of another site's)
                why = f"站点 {elsewhere} 中没有这份政策文件"
            elif held:
                why = held  # (another site has it, unpublished: that, not "missing", is news)
            elif folder:
                sites = "、".join(self.cross.searched) if self.cross else ""
                why = (
                    f"“{folder}” 不是 sites.yaml 列出的站点文件夹（其他站点：{sites}）；"
                    "要引用的站点须先列入 sites.yaml"
                )
            elif self.cross:
                others = "、".join(self.cross.searched)
                why += f"，本仓库的其他站点（{others}）中也没有"
            if is_doc_number(reference) and not held and not elsewhere and not folder:
                why += self.unnumbered_hint()
        self.diags.error(
            "REF-01",
            file,
            line,
            field,
            f"引用的政策文件 “{reference}” 找不到；{why} (reference does not resolve)",
        )

    def unnumbered_hint(self) -> str:
        """The published policies without a 发文字号, which no doc number can reach: the one
        cited may be among them (its `doc_number` deleted or never written)."""
        unnumbered = [
            pid
            for pid in self.policies
            if isinstance(policy := self.items[pid], Policy) and not policy.doc_number
        ]
        if not unnumbered:
            return ""
        shown = "、".join(unnumbered[:_UNNUMBERED_SHOWN])
        more = f" 等 {len(unnumbered)} 份" if len(unnumbered) > _UNNUMBERED_SHOWN else ""
        return (
            f"。没有写发文字号的已发布政策文件：{shown}{more}；"
            "若引用的是其中一份，请为它补上 doc_number，或改用它的路径引用"
        )

    def interpretations(self) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        of: dict[str, list[str]] = defaultdict(list)
        policies_of: dict[str, tuple[str, ...]] = {}
        for iid in sorted(self.items):
            item = self.items[iid]
            if not isinstance(item, Interpretation):
                continue
            resolved: list[str] = []
            for index, reference in enumerate(item.policy, start=1):
                field = "policy" if len(item.policy) == 1 else f"policy[{index}]"
                if self.cross is not None and self._across(reference, item, field):
                    continue
                pid = self.resolve(reference, item, field)
                if pid is not None and pid not in resolved:
                    resolved.append(pid)
                    of[pid].append(iid)
            policies_of[iid] = tuple(resolved)
        return (
            {
                pid: tuple(sorted(ids, key=lambda i: item_sort_key(self.items[i])))
                for pid, ids in of.items()
            },
            policies_of,
        )

    def _across(self, reference: str, item: Item, field: str) -> bool:
        """A reference settled by the repository's other sites: it names one of their
        policies, or several (REF-02 here, as for two of this site's)."""
        assert self.cross is not None
        if self.cross.resolve(item.id, reference) is not None:
            return True
        from ssg.cross_site import reference_key

        names = self.cross.ambiguous.get(reference_key(reference))
        if not names:
            return False
        self.diags.error(
            "REF-02",
            item.location.file,
            item.location.line(field),
            field,
            f"“{reference}” 在本仓库的其他站点中对应多份政策文件：{'、'.join(names)}；"
            "请改用 “站点文件夹:路径” 引用 (ambiguous reference across the repository)",
        )
        return True

    def check_scheduled(self, scheduled: list[Item]) -> None:
        """Scheduled items link on their date: a reference that will not resolve then is said
        now (advice), not first on the day it stops the build and holds back everything else
        due that day. It may name a policy scheduled for the same day or earlier."""
        due: dict[str, dt.datetime] = {}  # path id or doc number key -> date it is published
        for item in scheduled:
            if isinstance(item, Policy) and item.date is not None:
                keys = [item.id, normalise_doc_number(item.doc_number) if item.doc_number else ""]
                for key in filter(None, keys):
                    due[key] = min(item.date, due.get(key, item.date))
        for item in sorted(scheduled, key=lambda i: i.id):
            if isinstance(item, Interpretation):
                many = len(item.policy) > 1
                refs = [
                    (f"policy[{n}]" if many else "policy", r) for n, r in enumerate(item.policy, 1)
                ]
            elif isinstance(item, Policy) and item.superseded_by:
                refs = [("superseded_by", item.superseded_by)]
            else:
                continue
            for name, reference in refs:
                if self.cross is not None and self.cross.resolve(item.id, reference):
                    continue  # (another site of the repository publishes it)
                doc = is_doc_number(reference)
                key = normalise_doc_number(reference) if doc else self.path_key(reference)
                published = key in self.by_number if doc else key in self.policies
                when = due.get(key)
                if published or (when is not None and item.date is not None and when <= item.date):
                    continue
                self.diags.advice(
                    "REF-01",
                    item.location.file,
                    item.location.line(name),
                    name,
                    f"定时发布的信息引用的政策文件 “{reference}” 到发布日期 {item.date:%Y-%m-%d} "
                    "时仍找不到，届时构建会停止；请核对引用 (a scheduled item's reference will "
                    "not resolve on its date)",
                )

    def superseded(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for pid in self.policies:
            policy = self.items[pid]
            assert isinstance(policy, Policy)
            if policy.superseded_by:
                target = self.resolve(policy.superseded_by, policy, "superseded_by")
                if target is not None:
                    out[pid] = target
        for cycle in _cycles(out):
            self._report_cycle(cycle)
            # A page on a loop would name an abolished file (or itself) as 现行文件: the
            # loop's links are dropped, and the error blocks the build anyway.
            for pid in cycle:
                del out[pid]
        return out

    def _report_cycle(self, cycle: list[str]) -> None:
        first = self.items[cycle[0]]
        file, line = first.location.file, first.location.line("superseded_by")
        if len(cycle) == 1:
            message = (
                "替代文件就是本文件自己；请写替代本文件的新文件，或删除 superseded_by "
                "(superseded_by names the policy itself)"
            )
        else:
            loop = " → ".join(self.items[p].location.file for p in [*cycle, cycle[0]])
            message = (
                f"替代关系绕回了本文件：{loop}，无法确定现行文件；请改正其中一份文件的 "
                "superseded_by (superseded_by chain loops back)"
            )
        self.diags.error("REF-04", file, line, "superseded_by", message)


def _index_key(index_number: str) -> str:
    """An 索引号 as it identifies a document: full-width forms, spaces and invisible
    characters folded away, letters in one case (11229800MB… and １１２２… are one)."""
    if index_number.isascii():  # (NFKC keeps ASCII, which has no format character: most)
        return "".join(index_number.split()).upper()
    folded = unicodedata.normalize("NFKC", index_number)
    return "".join(c for c in folded if not c.isspace() and unicodedata.category(c) != "Cf").upper()


def _cycles(successor: Mapping[str, str]) -> list[list[str]]:
    """The loops of a one-successor graph (superseded_by), each from its smallest id. Every
    walk stops at the first node it has seen, so it ends whatever the input."""
    cycles: list[list[str]] = []
    done: set[str] = set()
    for start in sorted(successor):
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = successor.get(node)
        if node is not None and node in on_path:
            loop = path[path.index(node) :]
            at = loop.index(min(loop))
            cycles.append(loop[at:] + loop[:at])
        done.update(path)
    return cycles


@dataclass(frozen=True, slots=True)
class _AliasOwner:
    """An item or a column with its old URLs (`aliases`), redirected to its URL."""

    item_id: str  # "" for a column
    location: Location
    aliases: tuple[str, ...]
    url: str  # unencoded: /zwgk/zcwj/2019-27.html, /zwgk/tongzhi/
    itself: str  # what the page is, for "就是…自己的网址": 本条信息, 本栏目


def _alias_owners(
    items: Mapping[str, Item],
    urls: Mapping[str, str],
    columns: Mapping[str, Column],
    unpublished: set[str],
) -> list[_AliasOwner]:
    """Items, then columns, each with aliases. A column's (an extension of ARCHITECTURE
    §1.3, which names `aliases` among an item's fields only) keep a renamed column's old
    address: its first page, as an item's do. A draft column, or one without a URL, has
    nowhere to redirect to; its aliases are left for NOTICE-05 to report."""
    owners = [
        _AliasOwner(iid, items[iid].location, items[iid].aliases, urls[iid], "本条信息")
        for iid in sorted(items)
        if items[iid].aliases
    ]
    owners += [
        _AliasOwner("", column.location, column.aliases, f"/{cid}/" if cid else "/", "本栏目")
        for cid, column in sorted(columns.items())
        if column.aliases and cid not in unpublished
    ]
    return owners


def _aliases(
    owners: Iterable[_AliasOwner], claims: _Claims, diags: Diagnostics
) -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, QueryAlias]]:
    """Alias pages (output path -> target URL; -> item id for an item's, -> its _index.md
    for a column's), and the aliases with a query string, which only the server can
    redirect (by "path?args")."""
    out: dict[str, str] = {}
    sources: dict[str, str] = {}
    files: dict[str, str] = {}
    queries: dict[str, QueryAlias] = {}
    for owner in owners:
        file = owner.location.file
        for index, alias in enumerate(owner.aliases, start=1):
            field = f"aliases[{index}]"
            line = owner.location.line(field)
            written, _, query = alias.split("#", 1)[0].partition("?")
            path = "index.html" if query and written == "/" else _alias_path(written)
            if path is None:
                diags.error(
                    "URL-04",
                    file,
                    line,
                    field,
                    f"旧网址 “{alias}” 不可用：应为以 / 开头的站内路径，不能含 ..、协议或域名 "
                    "(alias must be a site path starting with /)",
                )
                continue
            long = too_long_segment(path)
            if long is not None:
                diags.error(
                    "URL-04",
                    file,
                    line,
                    field,
                    f"旧网址 “{alias}” 不可用：{segment_limit_text(long)}，跳转页写不到磁盘上 "
                    f"(an alias's path segment is over {SEGMENT_LIMIT} bytes)",
                )
                continue
            if too_long_path(path):
                diags.error(
                    "URL-04",
                    file,
                    line,
                    field,
                    f"旧网址 “{alias[:40]}…” 不可用：{path_limit_text(path)}，跳转页写不到磁盘上 "
                    f"(an alias's path is over {PATH_LIMIT} bytes)",
                )
                continue
            if query:
                found = _query_alias(alias, written, query, path, claims, owner, line, field)
                if isinstance(found, str):
                    diags.error("URL-04", file, line, field, found)
                    continue
                key = f"{found.path}?{found.args}"
                first = queries.get(key)
                if first is not None:
                    diags.error(
                        "URL-01",
                        file,
                        line,
                        field,
                        f"旧网址 “{alias}” 与 {first.file}:{first.line} 的 "
                        f"{first.field} 重复；一个旧网址只能跳到一处 (duplicate alias)",
                    )
                    continue
                queries[key] = found
                continue
            if path == _alias_path(owner.url):
                # (claimed, it was "与 <this file>:1 重复": a duplicate of itself)
                diags.error(
                    "URL-01",
                    file,
                    line,
                    field,
                    f"旧网址 “{alias}” 就是{owner.itself}自己的网址，不需要也不能跳转到自己；"
                    "请删除这一项，或改写为改版前的旧网址 (the alias is the page's own address)",
                )
                continue
            if claims.claim(path, file, line, field):
                out[path] = owner.url
                if owner.item_id:
                    sources[path] = owner.item_id
                else:
                    files[path] = file
    return out, sources, files, queries


def request_path(written: str) -> str:
    """A URL path as a server matches it: decoded, `//` as `/` (nginx normalises a request's
    path before it matches a location; so does the preview, for the same aliases)."""
    decoded = unquote(written)
    parts = [p for p in decoded.split("/") if p]
    return "/" + "/".join(parts) + ("/" if parts and decoded.endswith("/") else "")


def unserved_query_aliases(site: Site, served: bool, diags: Diagnostics) -> None:
    """Aliases with a query string work only through the nginx.conf the build writes when
    data/deploy.yaml is there (`served`): without it each is an error (URL-04), as before
    the server could redirect them."""
    if served:
        return
    for alias in site.query_aliases.values():
        diags.error(
            "URL-04",
            alias.file,
            alias.line,
            alias.field,
            f"旧网址 “{alias.written}” 带查询参数：静态文件不能按参数区分，只有服务器能跳转；"
            "请在 data/deploy.yaml 中配置部署，ssg 会在 nginx.conf 中生成它的跳转，"
            "或在服务器上自行配置后去掉这一条 (an alias with a query string needs the generated "
            "nginx.conf: configure data/deploy.yaml)",
        )


# What a browser percent-encodes in a query (WHATWG URL: the special-query set), and `$`,
# which nginx would read as a variable in the string it compares the query with.
_QUERY_UNSAFE = frozenset(" \"#<>'$")


def _query_alias(
    alias: str,
    written: str,
    query: str,
    path: str,
    claims: _Claims,
    owner: _AliasOwner,
    line: int,
    field: str,
) -> QueryAlias | str:
    """An alias with a query string as nginx will match it, or what is wrong with it. The
    query is compared as the browser sends it: characters outside ASCII percent-encoded as
    UTF-8, escapes written in the alias kept (an old GBK-encoded query, `?kw=%D5%FE`)."""
    taken = claims.reserved.find(path) if path != "index.html" else None
    if taken is not None:
        return (
            f"旧网址 “{alias}” 的路径落在 ssg 生成的保留路径 {taken} 上，服务器的跳转规则会遮住它；"
            "请确认旧网址 (alias path is a reserved path)"
        )
    if any(c in _QUERY_UNSAFE or ord(c) < 32 or ord(c) == 127 for c in query if c.isascii()):
        return (
            f"旧网址 “{alias}” 的查询参数含空格、引号、<、> 或 $ 等字符，服务器无法按原样匹配；"
            "请从浏览器地址栏复制旧网址（这些字符会被编码为 %XX） "
            "(the query string holds a character a browser would percent-encode, or $)"
        )
    return QueryAlias(
        path=request_path(written),
        args=quote(query, safe="".join(chr(c) for c in range(33, 127))),
        target=owner.url,
        file=owner.location.file,
        line=line,
        field=field,
        written=alias,
    )


def _alias_path(alias: str) -> str | None:
    """The output path of an alias page. An address copied from the browser's address bar is
    percent-encoded (/old/%E5%B7%A5%E8%B5%84.html): the file is the decoded name, which is
    what the server looks up (nginx and Python's servers decode the request's path)."""
    alias = unquote(alias.split("#")[0])
    if not alias.startswith("/") or alias.startswith("//") or "\\" in alias or "\x00" in alias:
        return None
    parts = [p for p in alias.split("/") if p]
    if not parts or any(p in (".", "..") for p in parts):
        return None
    path = "/".join(parts)
    if alias.endswith("/") or "." not in parts[-1]:
        path += "/index.html"
    return path
