"""集约化: policies and their interpretations across the sites of one repository.

On a platform of several sites (ssg/sites.py) a department often interprets a file the
government issued on its portal, and the portal's page of that file must name the
interpretation (RULES POLICY-03: 解读与文件相互关联; the brief's core item 2, linked both
ways). A site's references still resolve in the site first (ARCHITECTURE §1.2); what matches
no policy of the site at all (published or not) is looked for in the other sites of its
repository:

- by doc number, as in the site: 吉政发〔2026〕1号 names the one policy of the platform with
  that number;
- by `<site folder>:<path id>` (`www:zwgk/zcwj/2019-27`), an extension of the contract for a
  policy without a number.

A match in no site, or in two, is the error it is within a site (REF-01, REF-02); a match
that another site holds back (a draft, a file in a draft column, a scheduled or an invalid
file) is REF-01 too, but says where the file is and why it is not published, as a reference
to such a file of the site itself does.

The interpretation's page links the policy on its site's domain, and the policy's page, on the
other site, lists the interpretation. "Its site's domain" is where that site's pages are on the
build date, by its data/lifecycle.yaml: the old domain until a domain change takes effect, the
new one from its date on; once the site has migrated, the new URL its mapping gives the page,
else the migration's destination, as the migrated site's own page at the old URL says.

Each site's build reads the other sites (quietly, through their own parse caches, never
writing them), so a site gives the same pages whether the whole repository is built or only
this site.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ssg.cache import ParseCache
from ssg.config import SiteConfig, load_site_config
from ssg.content.loader import CONTENT_DIR, SourceTree, load_content
from ssg.content.model import Interpretation, Item, Policy
from ssg.deploy.names import server_name
from ssg.derive.notices import with_notices, with_portal_notices
from ssg.diagnostics import Diagnostics
from ssg.lifecycle import DOMAIN_CHANGE, Event, Lifecycle, load_lifecycle
from ssg.link import (
    LIBRARY_DATA,
    LISTING_PAGE,
    RESERVED_POLICY,
    RESERVED_TOP,
    ROOT_FILES,
    Site,
    _draft_subtrees,
    _why_unpublished,
    is_doc_number,
    link,
    normalise_doc_number,
    normalise_path_id,
)
from ssg.unchanged import RACY_NS, folders_stamp
from ssg.written_path import posix_path

if TYPE_CHECKING:
    from ssg.sites import Membership, PortalNotice

STATIC_DIR = "static"
SITE_SEPARATOR = ":"  # `www:zwgk/zcwj/2019-27`: a path id in the site whose folder is `www`


@dataclass(frozen=True, slots=True)
class ForeignItem:
    """A policy or an interpretation of another site of the repository, as that site
    publishes it: `key` is `<folder>:<path id>`, the item's `id` too (so that templates ask
    `url_of` for it as for any item), `url` is absolute, on that site's domain."""

    key: str
    site: str  # its site's folder, as sites.yaml lists it
    site_name: str
    url: str
    item: Item
    digest: str  # of the item's source file and its URL: what a page that names it shows


@dataclass(frozen=True, slots=True)
class CrossSiteLinks:
    """What the other sites of its repository give one site: for each of its
    interpretations, the references that resolve in another site; for each of its
    policies, the other sites' interpretations of it."""

    policies_of: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    interpretations_of: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    items: Mapping[str, ForeignItem] = field(default_factory=dict)
    # (reference key → the files of the policies it matches in two or more other sites)
    ambiguous: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    searched: tuple[str, ...] = ()  # the other sites' folders, for REF-01's message
    # (reference key → "<folder>:<path id>（<site name>）<why it is not published>", for each
    # other site that holds the policy a reference names but does not publish it)
    unpublished: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    pages: Mapping[str, SitePages] = field(default_factory=dict)  # by domain, lower case
    # The names the other sites are served under now (domain, Chinese domain; as nginx's
    # server_name has them) → the site's folder: a name that is another site's is never
    # this site's to serve or redirect in its nginx.conf (ssg/deploy/names.py handed_on).
    served: Mapping[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.searched)

    def resolve(self, iid: str, reference: str) -> str | None:
        """The key of the foreign policy this interpretation's reference names, if it is one."""
        return next((k for r, k in self.policies_of.get(iid, ()) if r == reference), None)

    def policies(self, iid: str) -> list[Item]:
        """The foreign policies an interpretation interprets, as items whose id is their key."""
        keys = dict.fromkeys(k for _r, k in self.policies_of.get(iid, ()))
        return [self.items[k].item for k in keys]

    def interpretations(self, pid: str) -> list[Item]:
        return [self.items[k].item for k in self.interpretations_of.get(pid, ())]

    def unpublished_note(self, reference: str) -> str:
        """REF-01's reason when the reference names a policy other sites hold but do not
        publish ("" when none does): which site, which file, why."""
        found = self.unpublished.get(reference_key(reference), ())
        if not found:
            return ""
        return f"本站没有这份政策文件；本仓库的其他站点中，{'；'.join(found)}，还不能引用"


NONE = CrossSiteLinks()


@dataclass(frozen=True, slots=True)
class SitePages:
    """What another site of the repository publishes, as far as its content decides it: for
    the links written in full to its domain (SEC-06). Pages ssg derives (search, feeds, the
    annual report, the knowledge base, the policy library's views) are not judged."""

    folder: str
    # the files its build writes of its content: item pages (its lifecycle notices and those
    # it publishes for the other sites among them), alias pages, bundle and loose files
    paths: frozenset[str]
    columns: frozenset[str]  # its published column ids ("" the home page)
    # its published columns' listing pages (index.html, index_2.html …), by column id
    listing_pages: Mapping[str, int] = field(default_factory=dict)
    statics: frozenset[str] = frozenset()  # the files of its static/ ("static/…"), no dotfile

    def publishes(self, path: str) -> bool:
        """Whether a request for `path` (decoded, from the root) gets a file of the site, as
        the site's own SEC-06 judges a path of its output (Scan.missing): `..` and `.`
        segments resolved as a browser does, a folder only by its index.html (nginx has
        autoindex off: a folder without one answers 403)."""
        joined = path.lstrip("/")
        target = posixpath.normpath(joined) if joined.strip("/") else "."
        if target == ".." or target.startswith("../"):
            return False  # above the site's root (the site's own rule says so too)
        if target == ".":
            target = ""
        if path.endswith("/") or not target:
            return self._has(f"{target}/index.html".lstrip("/"))
        return self._has(target) or self._has(f"{target}/index.html")

    def _has(self, rel: str) -> bool:
        """Whether the site's output has the file `rel` (normalised, no leading "/")."""
        if any(part.startswith(".") for part in rel.split("/")):
            return False  # (never copied, and nginx refuses dotfiles: ssg/deploy/nginx.py)
        if rel in self.paths:
            return True
        top = rel.split("/", 1)[0]
        folder, _sep, name = rel.rpartition("/")
        if top == STATIC_DIR:  # (the site's own files, not pages ssg derives)
            return rel in self.statics
        if top in RESERVED_TOP or (not folder and name in ROOT_FILES):
            return True
        if folder in self.columns and (name == "index.html" or name == LIBRARY_DATA):
            return True
        if folder in self.columns and LISTING_PAGE.match(name):
            number = int(name[len("index_") : -len(".html")])
            return 2 <= number <= self.listing_pages.get(folder, 1)
        parts = folder.split("/")
        return any(
            part in RESERVED_POLICY and "/".join(parts[:n]) in self.columns
            for n, part in enumerate(parts)
        )


def published_paths(site: Site) -> frozenset[str]:
    """The files a site's build writes of its content, no leading "/": its published items'
    pages and bundle files, its loose files and its alias pages (ssg/build.py render_site,
    copy_files). Not what its content merely claims: a draft column's folder, or a bundle's
    folder, which has no index.html, is no page."""
    paths = {url.lstrip("/") for url in site.urls.values()}
    paths.update(site.aliases)
    paths.update(site.loose_files)
    for item_id, names in site.bundle_files.items():
        folder = site.urls[item_id][1 : -len(".html")]
        paths.update(f"{folder}/{name}" for name in names)
    return frozenset(paths)


def reference_key(reference: str) -> str:
    """A reference as the sites are searched for it: `#` and its normalised doc number, or
    its path id (`<folder>:<path id>` for one in another site), normalised as link does."""
    if is_doc_number(reference):
        return "#" + normalise_doc_number(reference)
    folder, sep, path = posix_path(reference.strip()).rpartition(SITE_SEPARATOR)
    folder = folder.strip().strip("/")
    return f"{folder}{sep}{normalise_path_id(path)}" if sep else normalise_path_id(path)


@dataclass(frozen=True, slots=True)
class SiteView:
    """One site of the repository, as the others see it."""

    folder: str
    name: str
    domain: str
    pages: SitePages
    policies: Mapping[str, list[ForeignItem]]  # reference key → published policies it names
    local: frozenset[str]  # every key any of its own policies answers (published or not)
    # reference key → its policies that are not published, each said as unpublished_note does
    unpublished: Mapping[str, tuple[str, ...]]
    # its interpretations: (the interpretation, its references that name none of its policies)
    readings: tuple[tuple[ForeignItem, tuple[str, ...]], ...]
    # the other names a link may give its host (other_hosts): its Chinese domain, as written
    # and as IDNA, and the old domains of its domain changes
    hosts: frozenset[str] = frozenset()
    # the names its own nginx.conf serves it under: site.yaml's domain and Chinese domain
    served: frozenset[str] = frozenset()


def _local_keys(tree: SourceTree, folder: str) -> frozenset[str]:
    """Every reference key a site's own policies answer, published or not (a draft, a
    scheduled or an invalid file), by path id also written with the site's own folder
    (`www:zcwj/2019-27` in www): such a reference is the site's own to resolve or report."""
    keys: set[str] = set()
    for pid, number in (
        *((i.id, i.doc_number) for i in tree.items if isinstance(i, Policy)),
        *tree.failed_items.items(),
    ):
        keys.update((pid, f"{folder}{SITE_SEPARATOR}{pid}"))
        if number:
            keys.add(reference_key(number))
    return frozenset(keys)


def is_local(reference: str, local: frozenset[str]) -> bool:
    return reference_key(reference) in local


# The views read by this process, kept while their sites' files are unchanged, and the notices
# the other sites announce for them too: a build of a whole repository reads each site once,
# not once for each of the others, and a preview reads again only a site that changed.
_VIEWS: dict[tuple[Path, str, dt.date], tuple[str, tuple[PortalNotice, ...], SiteView]] = {}


def _view_of_site(
    folder: str,
    root: Path,
    build_date: dt.date,
    config: SiteConfig | None = None,
    notices: Sequence[PortalNotice] = (),
) -> SiteView | None:
    """Another site as this one sees it; None when its site.yaml does not read (its own
    build reports why). `config`: its site.yaml, when read already; `notices`: what the
    other sites of the repository announce on it (ssg/sites.py portal_notices)."""
    key = (root.resolve(), folder, build_date)
    notices = tuple(notices)
    stamp, newest = folders_stamp(root, (CONTENT_DIR, "data", STATIC_DIR))
    kept = _VIEWS.get(key)
    if kept is not None and kept[0] == stamp and kept[1] == notices:
        return kept[2]
    config = config if config is not None else load_site_config(root, Diagnostics())
    if config is None:
        return None
    view = _view(folder, root, config, build_date, notices)
    if time.time_ns() - newest > RACY_NS:  # (a file saved within the clock's tick: read again)
        _VIEWS[key] = (stamp, notices, view)
    return view


def _view(
    folder: str,
    root: Path,
    config: SiteConfig,
    build_date: dt.date,
    notices: Sequence[PortalNotice] = (),
) -> SiteView:
    """A site of the repository as its build makes it: linked, with its lifecycle notices
    and those the other sites announce on it (`notices`), as ssg/build.py adds them, so that
    links to them, and to the listing pages they fill, are links to pages it publishes."""
    quiet = Diagnostics()
    tree = load_content(root, config.column_types, quiet, ParseCache(root))
    site = link(tree, config, build_date, quiet)
    lifecycle = load_lifecycle(root, quiet)
    site = with_notices(site, lifecycle, quiet)
    site = with_portal_notices(site, notices, quiet)
    return _view_of(folder, config, tree, site, lifecycle, _static_files(root))


def _static_files(root: Path) -> frozenset[str]:
    """The files of a site's static/ its build copies ("static/…"), as Staging.copy_tree does:
    no dotfile and nothing in a dot-folder."""
    found = set()
    for path in (root / STATIC_DIR).rglob("*"):
        rel = path.relative_to(root / STATIC_DIR)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            found.add(f"{STATIC_DIR}/{rel.as_posix()}")
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class Whereabouts:
    """Where a site's pages are on a given day, by its lifecycle (README 网站生命周期)."""

    base: str  # https://<the domain it answers on that day>
    migration: Event | None = None  # the migration in force that day

    def url(self, path: str) -> str:
        """The absolute URL of the page at `path` (unencoded, as link gives it)."""
        if self.migration is None:
            return self.base + path
        # (the migrated site's own rule, so that the two never disagree on a page)
        from ssg.derive.lifecycle_pages import new_url

        mapped = {row.old: row.new for row in self.migration.mapping}
        return new_url(mapped, path) or self.migration.destination


def whereabouts(config: SiteConfig, lifecycle: Lifecycle, day: dt.date) -> Whereabouts:
    """A domain change takes effect on its `date` (RULES NOTICE-04; Event.in_effect, the
    same day the site's nginx.conf starts redirecting the old domain): until then the site
    still answers on the change's `old_domain` (site.yaml's `domain` is the new one); a
    migration moves its pages from its `date` on (NOTICE-02)."""
    base = f"https://{lifecycle.domain_on(config.domain, day)}".rstrip("/")
    return Whereabouts(base, lifecycle.migration(day))


def _view_of(
    folder: str,
    config: SiteConfig,
    tree: SourceTree,
    site: Site,
    lifecycle: Lifecycle | None = None,
    statics: frozenset[str] = frozenset(),
) -> SiteView:
    where = whereabouts(config, lifecycle or Lifecycle(), site.build_date)
    items, urls = site.items, site.urls
    columns = frozenset(c for c, column in site.columns.items() if not column.draft)
    size = config.page_size
    # (as ssg/build.py paginates: the home page has no further pages)
    listing_pages = {c: -(-len(site.items_under(c)) // size) for c in columns if c}
    pages = SitePages(folder, published_paths(site), columns, listing_pages, statics)

    def foreign(item: Item) -> ForeignItem:
        key = f"{folder}{SITE_SEPARATOR}{item.id}"
        url = where.url(urls[item.id])
        digest = f"{tree.digests.get(item.id, '')}\x1e{url}\x1e{config.name}"
        # (its body is not shown on the other site: not kept in memory either)
        shown = dataclasses.replace(item, id=key, body_md="")
        return ForeignItem(key, folder, config.name, url, shown, digest)

    policies: dict[str, list[ForeignItem]] = defaultdict(list)
    readings: list[tuple[ForeignItem, tuple[str, ...]]] = []
    local = _local_keys(tree, folder)
    for iid in sorted(items):
        item = items[iid]
        if isinstance(item, Policy):
            entry = foreign(item)
            policies[entry.key].append(entry)
            if item.doc_number:
                policies[reference_key(item.doc_number)].append(entry)
        elif isinstance(item, Interpretation):
            outside = tuple(r for r in item.policy if not is_local(r, local))
            if outside:
                readings.append((foreign(item), outside))
    domain = config.domain.strip().lower()
    held = _held_back(folder, config.name, tree, site)
    hosts = other_hosts(config, lifecycle or Lifecycle())
    served = frozenset(n for n in map(server_name, (config.domain, config.chinese_domain)) if n)
    return SiteView(
        folder,
        config.name,
        domain,
        pages,
        dict(policies),
        local,
        held,
        tuple(readings),
        hosts,
        served,
    )


def other_hosts(config: SiteConfig, lifecycle: Lifecycle) -> frozenset[str]:
    """The host names besides site.yaml's `domain` under which a site's pages are reached:
    its Chinese domain, as written and as IDNA (what a browser sends), and the old domain of
    each of its domain changes, lower case. An old domain is the site's address until the
    change's date and then redirects every path to the same path on the new domain
    (nginx.conf, RULES NOTICE-04): either way a link to it is a link into the site, and a
    page asking from it is the site asking."""
    domain = config.domain.strip().lower()
    chinese = config.chinese_domain.strip().lower()
    old = (e.old_domain.strip().lower() for e in lifecycle.of(DOMAIN_CHANGE))
    return frozenset(h for h in (chinese, _idna(chinese), *old) if h and h != domain)


def _idna(name: str) -> str:
    """A host name as a browser sends it (青岚市人民政府.政务 → xn--….xn--zfr164b); "" if none."""
    try:
        return name.encode("idna").decode("ascii").lower() if name else ""
    except UnicodeError:
        return ""


def _held_back(folder: str, name: str, tree: SourceTree, site: Site) -> dict[str, tuple[str, ...]]:
    """The site's policies that it does not publish, by reference key, each with the reason
    link gives for one of a site's own (a draft, in a draft column, scheduled, invalid)."""
    drafts = _draft_subtrees(site.columns)
    scheduled = {i.id for i in site.scheduled}
    held: dict[str, list[str]] = defaultdict(list)

    def note(pid: str, number: str, why: str) -> None:
        said = f"{folder}{SITE_SEPARATOR}{pid}（{name}）{why}"
        keys = [f"{folder}{SITE_SEPARATOR}{pid}"] + ([reference_key(number)] if number else [])
        for key in keys:
            held[key].append(said)

    for item in tree.items:
        if isinstance(item, Policy) and item.id not in site.items:
            note(item.id, item.doc_number, _why_unpublished(item, drafts, scheduled))
    for fid, number in tree.failed_items.items():
        note(fid, number, "本身有错误（见该文件的报错）")
    return {key: tuple(found) for key, found in held.items()}


def _matches(views: Iterable[SiteView], reference: str) -> list[ForeignItem]:
    """The published policies of these sites that a reference names."""
    key = reference_key(reference)
    return [entry for view in views for entry in view.policies.get(key, ())]


def links(
    folder: str,
    tree: SourceTree,
    items: Mapping[str, Item],
    others: Sequence[SiteView],
    scheduled: Sequence[Item] = (),
) -> CrossSiteLinks:
    """This site's cross-site links, from the views of the other sites. `items`: this site's
    published items (its policies are what the others' interpretations may name);
    `scheduled`: its items held back for a later date, whose references are resolved too
    (link's advice on a scheduled item's reference that will not resolve)."""
    if not others:
        return NONE
    local = _local_keys(tree, folder)
    policies_of: dict[str, list[tuple[str, str]]] = {}
    found: dict[str, ForeignItem] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    unpublished: dict[str, tuple[str, ...]] = {}
    readers = [items[i] for i in sorted(items)] + sorted(scheduled, key=lambda i: i.id)
    for item in readers:
        if not isinstance(item, Interpretation):
            continue
        iid = item.id
        for reference in item.policy:
            if is_local(reference, local):
                continue
            matches = _matches(others, reference)
            if len(matches) == 1:
                policies_of.setdefault(iid, []).append((reference, matches[0].key))
                if iid in items:
                    found[matches[0].key] = matches[0]
            elif matches:
                ambiguous[reference_key(reference)] = tuple(
                    f"{m.site}/{m.item.location.file}" for m in matches
                )
            else:
                key = reference_key(reference)
                held = tuple(n for view in others for n in view.unpublished.get(key, ()))
                if held:
                    unpublished[key] = held
    # The other sites' interpretations of this site's policies: a reference that names none
    # of its own site's policies, and exactly one policy of the platform, this site's.
    mine = {pid: item for pid, item in items.items() if isinstance(item, Policy)}
    by_key = {f"{folder}{SITE_SEPARATOR}{pid}": pid for pid in mine}
    numbers: dict[str, list[str]] = defaultdict(list)
    for pid, policy in mine.items():
        if policy.doc_number:
            numbers[reference_key(policy.doc_number)].append(pid)
    interpretations_of: dict[str, list[str]] = defaultdict(list)
    for view in others:
        rest = [v for v in others if v is not view]
        for reading, references in view.readings:
            for reference in references:
                key = reference_key(reference)
                if key.startswith("#"):
                    here = numbers.get(key, [])
                else:
                    named = by_key.get(key)
                    here = [named] if named is not None else []
                if len(here) != 1 or _matches(rest, reference):
                    continue  # (not ours alone: the interpreting site reports it)
                if reading.key not in interpretations_of[here[0]]:
                    interpretations_of[here[0]].append(reading.key)
                    found[reading.key] = reading
    return CrossSiteLinks(
        policies_of={iid: tuple(refs) for iid, refs in policies_of.items()},
        interpretations_of={
            pid: tuple(sorted(keys, key=lambda k: _newest_first(found[k].item)))
            for pid, keys in interpretations_of.items()
        },
        items=found,
        ambiguous=ambiguous,
        searched=tuple(v.folder for v in others),
        unpublished=unpublished,
        pages=_pages_by_host(others),
        served={name: v.folder for v in others for name in v.served},
    )


def _pages_by_host(others: Sequence[SiteView]) -> dict[str, SitePages]:
    """Each other site's pages by every host name it answers on; a name that is one site's
    domain and another's old domain (handed on) is the site whose domain it is now."""
    pages = {host: v.pages for v in others for host in v.hosts}
    pages.update((v.domain, v.pages) for v in others if v.domain)
    return pages


def _newest_first(item: Item) -> tuple[float, str]:
    stamp = item.shown_date
    return (-stamp.timestamp() if stamp else 0.0, item.id)


def other_sites(
    root: Path, build_date: dt.date, repository: Membership | None = None
) -> tuple[str, list[SiteView]] | None:
    """This site's folder in its repository and the views of the repository's other sites
    whose site.yaml reads; None for a site on its own. `repository`: the repository as the
    caller read it for this build (the portal notices come from the same reading); None:
    read here."""
    if repository is None:
        from ssg.sites import membership

        repository = membership(root)
        if repository is None:
            return None
    platform, folder = repository.platform, repository.entry.path
    views: list[SiteView] = []
    for entry in platform.sites:
        config = platform.configs.get(entry.path)
        if entry.path != folder and config is not None:
            notices = platform.notices.get(entry.path, ())
            view = _view_of_site(entry.path, entry.root, build_date, config, notices)
            if view is not None:
                views.append(view)
    return folder, views
