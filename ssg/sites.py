"""集约化: many sites from one repository (the brief's core item 7; RULES NOTICE-01).

A repository whose root holds `sites.yaml` is a platform of several sites (政府网站集约化平台:
a government's portal and its departments' sites, 国办函〔2018〕71号). The file lists the
sites' folders; each folder is a whole site as the contract describes it (content/, data/,
static/, themes/), built as it would be on its own, into `<out>/<folder>/`:

    - path: www            # 示例市人民政府门户网站
    - path: bumen/fgw      # 示例市发展和改革委员会

What the repository adds to building each site alone:
- repository checks: a folder listed twice or inside another site, two sites with one domain
  or one 政府网站标识码 (SITES-01..03, input errors);
- NOTICE-01/02 across sites: the opening and migration notices a site's data/lifecycle.yaml
  announces are published in the 通知公告 column of its parent (`parent` in its site.yaml)
  when that portal is a site of the repository (RULES NOTICE-01: 多站点仓库内自动放入对应站点);
  outside a repository they stay texts beside the output for the parent to post
  (ssg/derive/lifecycle_pages.py);
- diagnostics name files from the repository root (`bumen/fgw/content/…`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ssg.config import SITE_FILE, UNREADABLE, SiteConfig, load_site_config, read_input
from ssg.deploy.names import server_name
from ssg.diagnostics import Diagnostic, Diagnostics, format_diagnostic
from ssg.lifecycle import LIFECYCLE_FILE, MIGRATION, OPENING, Event, load_lifecycle, parse_list_file
from ssg.line_ends import append_lines
from ssg.repository_id import PREFIX as ORIGIN_PREFIX
from ssg.repository_id import file_versions, repository_id
from ssg.scaffold import SITE_PLACEHOLDERS
from ssg.write import MARKER, host_name, is_working_folder
from ssg.written_path import posix_path

SITES_FILE = "sites.yaml"
_KEYS = ("path",)


@dataclass(frozen=True, slots=True)
class SiteEntry:
    """One site of the repository: its folder as sites.yaml names it (normalised, with
    forward slashes, relative to the repository) and the line that names it."""

    path: str
    line: int
    root: Path


@dataclass(frozen=True, slots=True)
class PortalNotice:
    """A lifecycle notice another site of the repository announces, for this site to publish:
    that site's configuration, its event, and its lifecycle file from this site's root."""

    config: SiteConfig
    event: Event
    file: str
    domain: str = ""  # the site's domain from the event's date (notices.event_domain)


def is_repository(root: Path) -> bool:
    """A folder of several sites: sites.yaml and no site of its own (data/site.yaml). A
    sites.yaml that is no file (a folder) still makes it one, for load_sites to say what is
    wrong: taken for a site, the repository was told it had no content/ and no site.yaml."""
    return (root / SITES_FILE).exists() and not (root / SITE_FILE).exists()


def load_sites(repo: Path, diags: Diagnostics) -> tuple[SiteEntry, ...]:
    """sites.yaml → the sites, in its order; every problem reported with its line."""
    raw, unreadable = read_input(repo / SITES_FILE)
    if unreadable:
        diags.error(UNREADABLE, SITES_FILE, 0, "", unreadable)
        return ()
    data, lines = parse_list_file(raw or b"", SITES_FILE, diags)
    if data is None:
        return ()
    if not isinstance(data, list) or not data:
        diags.error(
            "SITES-01",
            SITES_FILE,
            1,
            "",
            "sites.yaml 应为站点列表，每项形如 “- path: 站点文件夹” (expected a list of sites)",
        )
        return ()
    entries: list[SiteEntry] = []
    for index, value in enumerate(data, start=1):
        entry = _entry(repo, index, value, lines, diags)
        if entry is None:
            continue
        clash = next((e for e in entries if _overlap(e.path, entry.path)), None)
        if clash is not None:
            same = clash.path == entry.path
            diags.error(
                "SITES-02",
                SITES_FILE,
                entry.line,
                f"[{index}].path",
                (
                    f"站点文件夹 {entry.path} 已在第 {clash.line} 行列出 (listed twice)"
                    if same
                    else f"站点文件夹 {entry.path} 与第 {clash.line} 行的 {clash.path} 互相嵌套；"
                    "每个站点应是独立的文件夹 (sites nested in each other)"
                ),
            )
            continue
        entries.append(entry)
    return tuple(entries)


def _overlap(a: str, b: str) -> bool:
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def _entry(
    repo: Path, index: int, value: object, lines: Mapping[str, int], diags: Diagnostics
) -> SiteEntry | None:
    where = f"[{index}]"
    line = lines.get(where, 1)
    if isinstance(value, dict):
        unknown = sorted(set(value) - set(_KEYS))
        if unknown:
            key = unknown[0]
            diags.error(
                "SITES-01",
                SITES_FILE,
                lines.get(f"{where}.{key}", line),
                f"{where}.{key}",
                f"未知字段 “{key}”；站点项只有 path (unknown field)",
            )
            return None
        value = value.get("path")
        line = lines.get(f"{where}.path", line)
    if not isinstance(value, str) or not value.strip():
        diags.error(
            "SITES-01",
            SITES_FILE,
            line,
            f"{where}.path",
            "缺少站点文件夹：每项写成 “- path: 文件夹” (missing the site's folder)",
        )
        return None
    field = f"{where}.path"
    written = posix_path(value.strip())
    path = posixpath.normpath(written)
    if PurePosixPath(written).is_absolute() or path == ".." or path.startswith("../"):
        diags.error(
            "SITES-02",
            SITES_FILE,
            line,
            field,
            f"站点文件夹 {written} 应是仓库内的相对路径 (must be a folder inside the repository)",
        )
        return None
    if path == ".":
        diags.error(
            "SITES-02",
            SITES_FILE,
            line,
            field,
            "站点文件夹不能是仓库根目录本身；单个网站不需要 sites.yaml (the repository root itself)",
        )
        return None
    root = repo / path
    if root.exists() and not root.resolve().is_relative_to(repo.resolve()):
        diags.error(
            "SITES-02",
            SITES_FILE,
            line,
            field,
            f"站点文件夹 {path} 是指向仓库以外（{root.resolve()}）的链接；站点应在仓库之内 "
            "(the folder links outside the repository)",
        )
        return None
    if not (root / SITE_FILE).is_file():
        missing = "不存在" if not root.is_dir() else f"中没有 {SITE_FILE}"
        diags.error(
            "SITES-02",
            SITES_FILE,
            line,
            field,
            f"站点文件夹 {path} {missing}；每个站点文件夹应有 {SITE_FILE} 和 content/ "
            "(not a site folder)",
        )
        return None
    return SiteEntry(path, line, root)


def host_key(written: str) -> str:
    """A domain as one host is named, whatever its spelling: `WWW.x.gov.cn.` and
    `www.x.gov.cn` are one site's address (ssg/deploy/names.py), a Chinese domain in IDNA."""
    return server_name(written) or written.strip().lower()


def repository_checks(
    entries: Sequence[SiteEntry], configs: Mapping[str, SiteConfig], diags: Diagnostics
) -> None:
    """Two sites of one platform with one domain or one 标识码 would publish over each other
    (a deploy has one web root a domain) and be counted as one site by the national
    monitoring: SITES-03, on the second of them. `configs`: the sites whose site.yaml could
    be read, by path. The stand-ins `ssg init` writes are alike in every new site and are
    not a clash: each site's check reports them (ssg/check/placeholders.py), and a platform
    of new sites can still be built and previewed."""
    for key, label in (
        ("domain", "域名"),
        # (a department's site.yaml copied from the portal's keeps its 中文域名: two servers
        # of one nginx with one name, and nginx ignores the second with a mere warning)
        ("chinese_domain", "中文域名"),
        ("site_code", "政府网站标识码"),
    ):
        first: dict[str, SiteEntry] = {}
        for entry in entries:
            config = configs.get(entry.path)
            written = getattr(config, key, "").strip() if config else ""
            if not written or written.lower() in SITE_PLACEHOLDERS[key]:
                continue
            value = host_key(written) if key != "site_code" else written.lower()
            if value in first:
                other = first[value]
                diags.error(
                    "SITES-03",
                    SITES_FILE,
                    entry.line,
                    f"[{entries.index(entry) + 1}].path",
                    f"站点 {entry.path} 与第 {other.line} 行的站点 {other.path} 的{label}相同"
                    f"（{written}）；每个网站的{label}应唯一 (two sites with one {key})",
                )
            else:
                first[value] = entry


def portal_notices(
    entries: Sequence[SiteEntry], configs: Mapping[str, SiteConfig]
) -> dict[str, tuple[PortalNotice, ...]]:
    """For each site, the opening and migration notices that the sites whose `parent` it is
    announce (RULES NOTICE-01 开通公告, NOTICE-02 迁移公告 in the parent portal). A site
    whose lifecycle file has errors announces what is valid of it; its own build reports
    the rest."""
    by_domain = {host_key(configs[e.path].domain): e for e in entries if e.path in configs}
    found: dict[str, list[PortalNotice]] = {}
    for entry in entries:
        config = configs.get(entry.path)
        if config is None or not config.parent:
            continue
        parent = by_domain.get(host_key(config.parent))
        if parent is None or parent.path == entry.path:
            continue
        lifecycle = load_lifecycle(entry.root, Diagnostics())
        file = posixpath.relpath(f"{entry.path}/{LIFECYCLE_FILE}", parent.path)
        for event in lifecycle.events:
            if event.kind in (OPENING, MIGRATION):
                domain = lifecycle.domain_on(config.domain, event.start)  # (event_domain)
                notice = PortalNotice(config, event, file, domain)
                found.setdefault(parent.path, []).append(notice)
    return {path: tuple(notices) for path, notices in found.items()}


SIDE_FOLDERS = ("-lifecycle", "-deploy")  # beside a site's output (ssg/write.py)
# In the output root: the site folders each repository built there, by repository, each with
# the checkout (absolute path) that built it last. Only an output this repository wrote for a
# site it lists no more is its to remove: `--out /srv/www` may hold the output of a site built
# on its own, or of another repository, marked as ssg's just the same. A repository's key is
# where it is cloned from (ssg/repository_id.py: a CI clone has a new path every run), else
# its absolute path, as every key was before; a line under the path of this repository is
# still read as its own, and moved to the new key.
#
# One origin can be several repositories (clones of one template whose remote nobody changed;
# two checkouts of one repository listing different sites), so a folder another checkout built
# under this key is removed only when this repository's own sites.yaml history lists it: then
# this is that repository, later, and it dropped the site. Without that history (a shallow
# clone lacking the commit that listed it) it is kept: never delete on a guess.
OUTPUTS_RECORD = ".ssg-sites.json"
# A copy of the record as this version last wrote it, which no version before it reads or
# writes. Those before 2026-11-27 read only the lines written as lists of folders: rewriting
# the record (any build of theirs into the same --out) they dropped every other repository's
# line, and with it what that repository may remove. Such a line comes back from the copy.
RECORD_COPY = ".ssg-sites.copy.json"


def _recorded(out_root: Path) -> dict[str, dict[str, str]]:
    """The record: key → {site folder: the checkout that built it}, with the lines an earlier
    version dropped restored from the copy (`_restored`)."""
    record = _read_record(out_root / OUTPUTS_RECORD)
    if record is None:
        return {}
    return _restored(record, _read_record(out_root / RECORD_COPY) or {})


def _restored(
    record: Mapping[str, Mapping[str, str]], copy: Mapping[str, Mapping[str, str]]
) -> dict[str, dict[str, str]]:
    """`record` with the lines of `copy` it lacks: those an earlier version dropped. Not the
    folders a line of `record` names: the version that wrote it had them built since (a site
    handed to its repository), and what it says of them is the newer word. Every version
    that drops a line otherwise moves its folders to another line, so nothing comes back that
    was meant to go."""
    restored = {key: dict(line) for key, line in record.items()}
    named = {folder for line in record.values() for folder in line}
    for key, line in copy.items():
        rest = {f: b for f, b in line.items() if f not in named}
        if key not in restored and rest:
            restored[key] = rest
    return restored


def _read_record(path: Path) -> dict[str, dict[str, str]] | None:
    """A record file, None when there is none (or it cannot be read). An earlier version wrote
    a list of folders: under a path key, built from that path; under an origin key, from a
    checkout unknown ("")."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    record: dict[str, dict[str, str]] = {}
    for key, value in data.items():
        if isinstance(value, list):
            builder = "" if key.startswith(ORIGIN_PREFIX) else key
            record[key] = {p: builder for p in value if isinstance(p, str)}
        elif isinstance(value, dict):
            record[key] = {p: b for p, b in value.items() if isinstance(b, str)}
    return record


def _keys(repo: Path) -> tuple[str, str]:
    """(the repository's key in the record, its checkout's path: the key of earlier versions)."""
    path = str(repo.resolve())
    return repository_id(repo) or path, path


def _own(record: Mapping[str, Mapping[str, str]], key: str, here: str) -> dict[str, str] | None:
    """The folders under this repository's key (and its path's, an earlier version's line,
    built here), with the checkout that built each; None when it has no line."""
    if key not in record and here not in record:
        return None
    return {**{f: here for f in record.get(here, {})}, **record.get(key, {})}


def built_here(out_root: Path, repo: Path) -> frozenset[str] | None:
    """The site folders this repository built into `out_root` before, None when it never
    recorded any (a build of an earlier version)."""
    own = _own(_recorded(out_root), *_keys(repo))
    return None if own is None else frozenset(own)


def _removable(repo: Path, own: Mapping[str, str], listed: frozenset[str], here: str) -> set[str]:
    """The recorded folders sites.yaml no longer lists that are this repository's to remove:
    built by this very checkout, or listed by a version of sites.yaml in its history (git
    read only when another checkout built one of them)."""
    dropped = {f: builder for f, builder in own.items() if f not in listed}
    history = history_sites(repo) if any(b != here for b in dropped.values()) else frozenset()
    return {f for f, builder in dropped.items() if builder == here or f in history}


def history_sites(repo: Path) -> frozenset[str]:
    """The site folders any version of the repository's sites.yaml in the git history this
    clone holds listed. Read conservatively: an entry that is not a plain folder name, or a
    version that does not parse, adds nothing."""
    found: set[str] = set()
    for raw in file_versions(repo, SITES_FILE):
        data, _ = parse_list_file(raw, SITES_FILE, Diagnostics())
        for item in data if isinstance(data, list) else ():
            value = item.get("path") if isinstance(item, dict) else item
            if not isinstance(value, str) or not value.strip():
                continue
            written = posix_path(value.strip())
            path = posixpath.normpath(written)
            if path not in (".", "..") and not path.startswith(("/", "../")):
                found.add(path)
    return frozenset(found)


def remember_outputs(out_root: Path, repo: Path, built: Sequence[SiteEntry], whole: bool) -> None:
    """Record the sites this repository has output in `out_root`, as built by this checkout:
    after a build of the whole repository, those of sites.yaml, and those of its line another
    checkout built that are still there (not its to remove, stale_outputs); after a --site
    build, one more. A folder it built is no longer another repository's (a site handed from
    one repository to another: the first, once it lists the site no more, must not remove
    what the second now publishes); nothing else of the others' lines changes."""
    record = _recorded(out_root)
    key, here = _keys(repo)
    mine = {e.path for e in built}
    line = {
        folder: builder
        for folder, builder in (_own(record, key, here) or {}).items()
        if not whole or (out_root / folder / MARKER).is_file()
    }
    line.update({folder: here for folder in mine})
    record.pop(here, None)  # (now under `key`, when it is another)
    for other in [k for k in record if k != key]:
        rest = {f: b for f, b in record[other].items() if f not in mine}
        if rest:
            record[other] = rest
        else:
            del record[other]
    record[key] = dict(sorted(line.items()))
    if not out_root.is_dir():
        return
    text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    for name in (OUTPUTS_RECORD, RECORD_COPY):
        # (by host too: two containers sharing the folder can have one process id)
        temporary = out_root / f"{name}.{host_name()}-{os.getpid()}.tmp"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, out_root / name)


def stale_outputs(out_root: Path, entries: Sequence[SiteEntry], repo: Path) -> list[Path]:
    """Folders under a repository's output root that ssg wrote (its marker) for a site of the
    repository no longer in sites.yaml (or for its side folders): deployed as they are
    (`rsync --delete` keeps what is there), they would go on publishing a site the platform
    took away. Whose they are is the record's (OUTPUTS_RECORD) to say; without one (a build
    of an earlier version), the repository's own public/ is taken to hold its sites only,
    and any other root to hold nothing of its to remove."""
    listed = frozenset(e.path for e in entries)
    key, here = _keys(repo)
    own = _own(_recorded(out_root), key, here)
    if own is None and out_root.resolve() != (repo / "public").resolve():
        return []
    before = None if own is None else _removable(repo, own, listed, here)
    found: list[Path] = []

    def walk(folder: Path, rel: str, depth: int) -> None:
        if (folder / MARKER).is_file():
            name = rel
            for suffix in SIDE_FOLDERS:
                name = name.removesuffix(suffix)
            if name not in listed and (before is None or name in before):
                found.append(folder)
            return  # (a site's output holds no other site's)
        if depth == 0:
            return
        try:
            # (not ssg's own working folders: a build's staging folder, or an old output that a
            # build swapped out and a process of its own is deleting meanwhile)
            children = sorted(
                p
                for p in folder.iterdir()
                if p.is_dir() and not p.is_symlink() and not is_working_folder(p.name)
            )
        except OSError:
            return
        for child in children:
            walk(child, f"{rel}/{child.name}" if rel else child.name, depth - 1)

    if out_root.is_dir():
        depth = max((p.count("/") + 1 for p in listed | set(own or ())), default=1)
        walk(out_root, "", depth + 1)
    return [f for f in found if f != out_root]


def from_repository(diagnostic: Diagnostic, entry: SiteEntry) -> Diagnostic:
    """A site's diagnostic with its file named from the repository root, as the editor of
    a platform sees it (`bumen/fgw/content/…`); a finding about the whole site names its
    folder."""
    file = posixpath.normpath(f"{entry.path}/{diagnostic.file}") if diagnostic.file else entry.path
    return dataclasses.replace(diagnostic, file=file)


@dataclass(frozen=True, slots=True)
class Platform:
    """A repository of sites, read: its sites in sites.yaml's order, the configuration of each
    whose site.yaml could be read (the others' builds report why), and the notices each is to
    publish for the others."""

    root: Path
    sites: tuple[SiteEntry, ...]
    configs: Mapping[str, SiteConfig]
    notices: Mapping[str, tuple[PortalNotice, ...]]

    def select(self, wanted: Sequence[str]) -> tuple[SiteEntry, ...]:
        """The sites named (as sites.yaml writes their folders; all of them for none), in
        sites.yaml's order; ValueError naming the unknown ones."""
        if not wanted:
            return self.sites
        if any(not w.strip().strip("/.") for w in wanted):
            # (`--site "$SITE"` with the variable unset, or `--site .`: "no such site ." said
            # nothing of what was wrong)
            raise ValueError(
                "--site 的值是空的或是仓库根目录本身（脚本中的变量没有值？）；请写 sites.yaml 中的站点文件夹，"
                f"可选：{'、'.join(e.path for e in self.sites)} (--site names no site folder)"
            )
        names = {posixpath.normpath(posix_path(w.strip()).rstrip("/")) for w in wanted}
        unknown = sorted(names - {e.path for e in self.sites})
        if unknown:
            known = "、".join(e.path for e in self.sites) or "（无）"
            raise ValueError(
                f"sites.yaml 中没有站点 {'、'.join(unknown)}；可选：{known} (no such site)"
            )
        return tuple(e for e in self.sites if e.path in names)


@dataclass(frozen=True, slots=True)
class Membership:
    """A site of a repository and the repository, read once for the site's build: what the
    other sites announce on it (its portal notices) and what they publish (ssg/cross_site.py
    other_sites) both come from this one reading."""

    platform: Platform
    entry: SiteEntry

    @property
    def notices(self) -> tuple[PortalNotice, ...]:
        return self.platform.notices.get(self.entry.path, ())


def load_platform(
    repo: Path, diags: Diagnostics, entries: Sequence[SiteEntry] | None = None
) -> Platform:
    """Read sites.yaml (unless its `entries` are given, read already) and every site's
    data/site.yaml (quietly: each site's own build reports its problems), and run the
    repository checks into `diags`."""
    entries = tuple(load_sites(repo, diags) if entries is None else entries)
    configs: dict[str, SiteConfig] = {}
    for entry in entries:
        config = load_site_config(entry.root, Diagnostics())
        if config is not None:
            configs[entry.path] = config
    repository_checks(entries, configs, diags)
    return Platform(repo, entries, configs, portal_notices(entries, configs))


def repository_of(site: Path) -> Path | None:
    """The repository a site folder belongs to: the nearest folder above it whose sites.yaml
    lists it; None for a site on its own."""
    here = site.resolve()
    for folder in here.parents:
        if (folder / SITES_FILE).is_file():
            listed = load_sites(folder, Diagnostics())
            if any(entry.root.resolve() == here for entry in listed):
                return folder
    return None


def membership(site: Path) -> Membership | None:
    """The repository a site folder belongs to (the nearest folder above it whose sites.yaml
    lists it), read once, with the site's entry; None for a site on its own."""
    here = site.resolve()
    for folder in here.parents:
        if (folder / SITES_FILE).is_file():
            entries = load_sites(folder, Diagnostics())
            entry = next((e for e in entries if e.root.resolve() == here), None)
            if entry is not None:
                return Membership(load_platform(folder, Diagnostics(), entries), entry)
    return None


def notices_for(site: Path) -> tuple[PortalNotice, ...]:
    """What the other sites of its repository announce for a site built on its own (`ssg build
    --source www` in a repository): the same notices a build of the whole repository gives
    it, so that the site is the same however it is built, and its preview shows them."""
    found = membership(site)
    return found.notices if found is not None else ()


def other_site_roots(site: Path) -> list[Path]:
    """The folders of the other sites of the repository a site belongs to (none for a site on
    its own): what they announce (notices) and publish (policies, interpretations, pages) is
    part of this site's build."""
    repo = repository_of(site)
    if repo is None:
        return []
    here = site.resolve()
    return [e.root for e in load_sites(repo, Diagnostics()) if e.root.resolve() != here]


def build_outputs(site: Path) -> list[Path]:
    """Where `ssg build` writes a site by default: for a site of a repository, first where the
    repository's build puts it (<repository>/public/<its folder>); then <site>/public."""
    found = [site / "public"]
    if any((folder / SITES_FILE).is_file() for folder in site.resolve().parents):
        repo = repository_of(site)
        if repo is not None:
            found.insert(0, repo / "public" / site.resolve().relative_to(repo.resolve()))
    return found


def shared_roots(site: Path) -> list[Path]:
    """Where a site finds what its repository shares (themes/): the repository above it
    whose sites.yaml lists it, if any."""
    if not any((folder / SITES_FILE).is_file() for folder in site.resolve().parents):
        return []  # (the common case: a site on its own; nothing parsed)
    repo = repository_of(site)
    return [repo] if repo is not None else []


def join_repository(site: Path) -> tuple[Path, str, bool] | None:
    """A site just made (`ssg init`) inside a repository of sites: its folder is added to the
    nearest sites.yaml above it, as one more `- path:` line at the end (the rest of the file,
    comments included, stays as written). Returns (sites.yaml, the folder as listed, whether
    this call added it: False when it was listed already), or None when there is no repository
    above it. The line is only kept if sites.yaml still reads as a
    list that holds it: a file in another style (a flow list) is put back as it was, and
    ValueError says what to add by hand."""
    here = site.resolve()
    repo = next((f for f in here.parents if is_repository(f) and (f / SITES_FILE).is_file()), None)
    if repo is None:
        return None
    path = here.relative_to(repo).as_posix()
    file = repo / SITES_FILE
    found = Diagnostics()
    listed = load_sites(repo, found)
    if any(entry.root.resolve() == here for entry in listed):
        return file, path, False
    # (a sites.yaml that does not read, a GBK one saved on Windows, is left as it is: the
    # editor is told why, as the build would tell it, not only to add the line by hand)
    wrong = next((d for d in found.sorted() if d.code in (UNREADABLE, "FILE-01", "FILE-02")), None)
    if wrong is not None:
        raise ValueError(
            f"{format_diagnostic(wrong)}\n未能把 {path} 加入 {file}：它无法读取（见上一行）；"
            f"改正后请在其中加一项 “- path: {path}” (could not add the site to sites.yaml)"
        )
    before = file.read_bytes()
    file.write_bytes(append_lines(before, f"- path: {path}\n"))  # (CRLF kept: ssg/line_ends.py)
    diags = Diagnostics()
    if not any(e.root.resolve() == here for e in load_sites(repo, diags)) or diags.blocks():
        file.write_bytes(before)
        raise ValueError(
            f"未能把 {path} 加入 {file}：请手工在其中加一项 “- path: {path}” "
            "(could not add the site to sites.yaml)"
        )
    return file, path, True
