"""The server's index: whoosh (the maintained `whoosh-reloaded` fork) with the client's tokens.

`ssg search index` loads one or more sites (a provincial or city portal and its lower-level
sites), numbers their documents newest first across all of them, and adds them to one whoosh
index in that order, so that whoosh's document numbers are the engine's. Fields:

    t  title tokens     the posting's weight is 1 + the offset of the token's first occurrence
    k  keyword tokens   (existence)
    b  body tokens      the posting's weight is the token's count
    stored: title, url, date, snippet text, site

Beside the whoosh files, `ssg-search.json` holds what every query needs in memory: each
document's type, facet column, year and site, and the suggestion terms. The tokens are
computed by tokenize.py before whoosh sees them (a pass-through analyzer), so both backends
index exactly the same tokens.

Memory: whoosh sorts postings in runs of LIMIT_MB (spilled under the index folder) and merges
them at commit; each document is let go once whoosh has it. At 50,000 items the peak (371
MiB) is little above that of loading the site and making its documents (about 360 MiB).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import json
import marshal
import os
import re
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from whoosh import fields, formats
from whoosh.analysis import Token, Tokenizer
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile, StructFile
from whoosh.writing import PostingPool

from ssg.diagnostics import Diagnostic, Severity
from ssg.search.documents import TYPE_ORDER, SearchDoc, doc_tokens, documents, merged
from ssg.search.engine import LAST_OFFSET, Fragment, Postings, Term

SIDECAR = "ssg-search.json"
# The groups of synonyms queries are read with (ssg/search/synonyms.py): a file of its own,
# which `ssg search index --synonyms` rewrites without indexing anew, and which a running
# server reads again at the next query once it has changed.
SYNONYMS = "ssg-synonyms.json"
_WHOOSH_FILES = (".toc", ".seg", ".pst", ".trm", ".lck", ".fvz", ".pos", ".vps")
INDEX_NAME = "ssg"
# Postings kept in memory before a sorted run goes to disk, as whoosh estimates them (about
# 1.4 times that in fact): 256 made `ssg search index` peak at 680 MiB at 50,000 items.
LIMIT_MB = 64


class PassThrough(Tokenizer):  # type: ignore[misc]
    """Tokens made by tokenize.py, each yielded once with its weight: the value is
    "token<TAB>weight" lines (whoosh wants text; tokens hold no tab or newline)."""

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Any]:
        token = Token(**kwargs)
        for pos, line in enumerate(value.split("\n") if value else ()):
            text, weight = line.split("\t")
            token.text = text
            token.boost = float(weight)
            token.pos = pos
            token.stopped = False
            yield token


def schema() -> Any:
    analyzer = PassThrough()
    return fields.Schema(
        t=fields.FieldType(formats.Frequency(), analyzer, scorable=True),
        k=fields.FieldType(formats.Existence(), analyzer, scorable=True),
        b=fields.FieldType(formats.Frequency(), analyzer, scorable=True),
        title=fields.STORED,
        url=fields.STORED,
        date=fields.STORED,
        text=fields.STORED,
        site=fields.STORED,
    )


def load_site_documents(root: Path, build_date: dt.date) -> tuple[list[SearchDoc], list[str]]:
    """A site's documents, as `ssg build` would publish them; and the problems that stop it."""
    site = _load_site(root, build_date)
    return site.docs, site.problems


@dataclass
class _LoadedSite:
    name: str  # data/site.yaml `name`
    docs: list[SearchDoc]
    problems: list[str]
    migrated: dt.date | None = None  # the migration in force: the site is not indexed
    # 集约化 (ssg/cross_site.py): the site's other host names, and where its pages are on the
    # index's date (its old domain until a domain change takes effect), for `ssg search serve`
    hosts: tuple[str, ...] = ()
    base: str = ""
    # data/site.yaml `domain` and its line: the index knows a site by its domain
    domain: str = ""
    domain_line: int = 0


def _load_site(root: Path, build_date: dt.date) -> _LoadedSite:
    """load_site_documents, with the site's name. A site whose migration (data/lifecycle.yaml)
    has begun has no documents: `ssg build` then writes only the migration notice and no
    search index, and the server must not find the pages it no longer has either."""
    from ssg.config import load_site_config
    from ssg.content.loader import load_content
    from ssg.cross_site import other_hosts, other_sites, whereabouts
    from ssg.derive.notices import with_notices, with_portal_notices
    from ssg.diagnostics import Diagnostics
    from ssg.lifecycle import load_lifecycle
    from ssg.link import link
    from ssg.sites import notices_for

    diags = Diagnostics()
    config = load_site_config(root, diags)
    if config is None:
        return _LoadedSite("", [], [str(d) for d in diags.sorted()])
    tree = load_content(root, config.column_types, diags)
    # 集约化: an interpretation of another site's policy resolves there, as `ssg build` links it
    site = link(tree, config, build_date, diags, other_sites(root, build_date))
    lifecycle = load_lifecycle(root, diags)
    site = with_notices(site, lifecycle, diags)
    # 集约化: what the other sites of its repository announce here, as `ssg build` publishes
    site = with_portal_notices(site, notices_for(root), diags)
    domain = config.domain
    line = config.lines.get("domain", 1)
    if diags.blocks():
        errors = [str(d) for d in diags.sorted() if d.severity.rank <= 1]
        return _LoadedSite(config.name, [], errors, domain=domain, domain_line=line)
    migration = lifecycle.migration(build_date)
    if migration is not None:
        return _LoadedSite(config.name, [], [], migration.start, domain=domain, domain_line=line)
    hosts = tuple(sorted(other_hosts(config, lifecycle)))
    base = whereabouts(config, lifecycle, build_date).base
    return _LoadedSite(config.name, documents(site), [], None, hosts, base, domain, line)


class _Pool(PostingPool):  # type: ignore[misc]
    """Whoosh's pool of postings, sorted in runs of `limitmb` on disk and merged at commit,
    with runs written in marshalled chunks rather than pickled one posting at a time
    (pickling was a fifth of the indexing time) and a cheaper size estimate. Runs hold the
    same postings in the same order, so the index is the same."""

    CHUNK = 1024  # postings per marshalled block; at commit every run holds one block in memory

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        # Whoosh's estimate of a posting's size, without its per-posting type checks.
        self.currentsize += 170 + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)

    def _write_run(self, f: Any, items: Iterable[Any]) -> None:
        # Length-prefixed: marshal.load on a file reads it a few bytes at a time.
        chunk = []
        for item in itertools.chain(items, (None,)):
            if item is not None:
                chunk.append(item)
            if len(chunk) == self.CHUNK or (item is None and chunk):
                data = marshal.dumps(chunk)
                f.write(len(data).to_bytes(8, "little"))
                f.write(data)
                chunk = []
        f.close()

    def _read_run(self, path: str) -> Iterator[Any]:
        f = self._open_run(path)
        try:
            while head := f.read(8):
                yield from marshal.loads(f.read(int.from_bytes(head, "little")))
        finally:
            f.close()
            self._remove_run(path)


class _Lengths:
    """The writer's per-document field lengths, read for every posting when the postings
    are written: each field's read once (they were 15 % of the indexing time)."""

    def __init__(self, reader: Any, count: int) -> None:
        self.reader = reader
        self.count = count
        self.fields: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self.fields.get(fieldname)
        if lengths is None:
            read = self.reader.doc_field_length
            lengths = self.fields[fieldname] = [
                read(n, fieldname, default) for n in range(self.count)
            ]
        return lengths[docnum]

    def close(self) -> None:
        self.reader.close()


def build_index(
    docs: Sequence[SearchDoc],
    folder: Path,
    limitmb: int = LIMIT_MB,
    site_names: Mapping[str, str] | None = None,
    site_hosts: Mapping[str, SiteHosts] | None = None,
    synonyms: Sequence[tuple[str, ...]] = (),
) -> int:
    """A fresh whoosh index of `docs` (already in engine order) in `folder`. `site_names`:
    each site's name by its domain, which cross-site results show; `site_hosts`: its other
    host names and its address (SiteHosts), by its domain; `synonyms`: the groups queries
    are read with (write_synonyms)."""
    count = _build(list(docs), folder, limitmb, site_names or {}, site_hosts or {})
    write_synonyms(folder, synonyms)
    return count


def write_synonyms(folder: Path, synonyms: Sequence[tuple[str, ...]]) -> None:
    """The groups of synonyms the server reads queries with, in `folder` (SYNONYMS)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"synonyms": [list(g) for g in synonyms]}, ensure_ascii=False)
    _replace_text(folder / SYNONYMS, text)


def read_synonyms(folder: Path) -> tuple[tuple[str, ...], ...]:
    """The groups in `folder`, read again only when the file has changed (a stat a query);
    none when there is no such file (an index made before synonyms) or it cannot be read."""
    try:
        info = (folder / SYNONYMS).stat()
    except OSError:
        return ()
    return _read_synonyms(folder / SYNONYMS, (info.st_ino, info.st_size, info.st_mtime_ns))


@functools.lru_cache(maxsize=8)
def _read_synonyms(path: Path, _stamp: tuple[int, ...]) -> tuple[tuple[str, ...], ...]:
    try:
        groups = json.loads(path.read_text(encoding="utf-8"))["synonyms"]
        return tuple(tuple(str(w) for w in group) for group in groups)
    except (OSError, ValueError, KeyError, TypeError):
        return ()


@dataclass(frozen=True, slots=True)
class SiteHosts:
    """What the server needs to know a site of a several-site index by (ssg/cross_site.py):
    the host names besides its domain its pages are asked from (中文域名, old domains), and
    the address its pages are at on the index's date ("" = https://<domain>)."""

    hosts: tuple[str, ...] = ()
    base: str = ""


def _build(
    docs: list[SearchDoc],
    folder: Path,
    limitmb: int,
    site_names: Mapping[str, str],
    site_hosts: Mapping[str, SiteHosts] | None = None,
) -> int:
    """build_index, emptying `docs`: each document is let go as soon as whoosh has it, so
    that its text makes room for the postings.

    A running `ssg search serve` may be reading `folder`: the new documents are committed as
    the index's next generation (whoosh writes its table of contents last, under a new
    name), and their sidecar is written before it under that generation's name, so a
    reader that sees the new segment always finds the sidecar that numbers it."""
    from whoosh import index, writing

    count = len(docs)
    sidecar = _sidecar(docs, site_names, site_hosts or {})
    folder.mkdir(parents=True, exist_ok=True)
    if index.exists_in(str(folder), indexname=INDEX_NAME):
        ix = index.open_dir(str(folder), indexname=INDEX_NAME, schema=schema())
    else:  # nothing a reader could be using: clear what a broken run left
        for old in folder.iterdir():
            if old.is_file() and (old.suffix in _WHOOSH_FILES or _is_sidecar(old.name)):
                old.unlink()
        ix = index.create_in(str(folder), schema(), indexname=INDEX_NAME)
    writer = ix.writer(limitmb=limitmb)
    writer.pool = _Pool(writer._tempstorage, writer.newsegment, limitmb=limitmb)
    writer.pool.fieldnames = {"t", "k", "b"}
    per_document_reader = writer.per_document_reader
    writer.per_document_reader = lambda: _Lengths(per_document_reader(), writer.docnum)
    generation = writer.generation
    text = json.dumps(sidecar, ensure_ascii=False, separators=(",", ":"))
    _replace_text(folder / sidecar_name(generation), text)
    docs.reverse()
    while docs:
        writer.add_document(**whoosh_fields(docs.pop()))
    # CLEAR: the new segment replaces every earlier one (whoosh deletes their files once the
    # new table of contents is written), so the index holds these documents, in this order.
    writer.commit(mergetype=writing.CLEAR)
    # The plain name too: what `ssg search serve` looks for, and indexes made before
    # generations had sidecars of their own.
    _replace_text(folder / SIDECAR, text)
    for old in folder.iterdir():
        if _is_sidecar(old.name) and old.name not in (SIDECAR, sidecar_name(generation)):
            old.unlink(missing_ok=True)
    return count


# What decides what the index holds of a document: the search code that makes its tokens and
# text from the site (whoosh_fields, here, their weights and stored fields), pypinyin's
# readings and Python's Unicode tables. Not the engine's or the server's code: a change there
# leaves an index as good as it was.
_TOKEN_CODE = ("tokenize.py", "hant.py", "documents.py", "whoosh_index.py", "../cjk.py")


@functools.cache
def tokens_fingerprint() -> str:
    """The tokens of this ssg, as a sidecar records them (`tokens`): an index whose sidecar
    records others was made by another version, and may lack tokens that queries now ask
    for (the whole 发文字号 of 2026-11-27, say). The client index is made at every build;
    this one only by `ssg search index`, which a new ssg does not run by itself."""
    digest = hashlib.blake2b(digest_size=8)
    try:
        readings = metadata.version("pypinyin")
    except metadata.PackageNotFoundError:
        readings = "-"
    digest.update(f"{readings} {unicodedata.unidata_version}\0".encode())
    for name in _TOKEN_CODE:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


def stale_tokens(folder: Path) -> bool:
    """Whether the index in `folder` was tokenised by another version of ssg (or by one that
    recorded nothing: before 2026-11-28)."""
    try:
        return Sidecar(folder).tokens != tokens_fingerprint()
    except (OSError, ValueError, KeyError):
        return False  # no index to be read: opening it says so, in its own words


def sidecar_name(generation: int) -> str:
    """The sidecar of one generation of the whoosh index (its table of contents' number)."""
    return f"ssg-search-{generation}.json"


def _is_sidecar(name: str) -> bool:
    return name == SIDECAR or re.fullmatch(r"ssg-search-\d+\.json", name) is not None


def _replace_text(path: Path, text: str) -> None:
    """Written whole under a temporary name, then renamed: a reader sees the old file or the
    new one, never part of one."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _sidecar(
    docs: Sequence[SearchDoc],
    site_names: Mapping[str, str],
    site_hosts: Mapping[str, SiteHosts] | None = None,
) -> dict[str, Any]:
    from ssg.search.client_index import term_entries

    columns = sorted({(d.column, d.column_label) for d in docs})
    column_index = {c: i for i, c in enumerate(columns)}
    sites = sorted({d.site for d in docs})
    site_index = {s: i for i, s in enumerate(sites)}
    terms = term_entries(docs)
    return {
        "types": [TYPE_ORDER.index(d.type) for d in docs],
        "columns": [column_index[(d.column, d.column_label)] for d in docs],
        "years": [d.year for d in docs],
        "sites": [site_index[d.site] for d in docs],
        "column_keys": [c[0] for c in columns],
        "column_labels": [c[1] for c in columns],
        "site_keys": sites,
        "site_names": [site_names.get(s, "") for s in sites],
        "site_hosts": [list((site_hosts or {}).get(s, SiteHosts()).hosts) for s in sites],
        "site_bases": [(site_hosts or {}).get(s, SiteHosts()).base for s in sites],
        "terms": [[t.text, t.pinyin, t.initials, t.count] for t in terms],
        "tokens": tokens_fingerprint(),
    }


def whoosh_fields(doc: SearchDoc) -> dict[str, str]:
    """A document as whoosh is given it."""
    tokens = doc_tokens(doc)
    return {
        "t": _weighted((tok, pos + 1) for tok, pos in tokens.title.items()),
        "k": _weighted((tok, 1) for tok in tokens.keywords),
        "b": _weighted(tokens.body.items()),
        "title": doc.title,
        "url": doc.url,
        "date": doc.date,
        "text": doc.snippet_text,
        "site": doc.site,
    }


def _weighted(pairs: Iterable[tuple[str, int]]) -> str:
    return "\n".join(f"{token}\t{weight}" for token, weight in pairs)


def index_sites(
    roots: Iterable[Path],
    build_date: dt.date,
    folder: Path,
    notes: list[str] | None = None,
    synonyms_only: bool = False,
) -> tuple[int, list[str]]:
    """The index of every site's documents, and the problems that stop it. A site being
    migrated is left out (as `ssg build` leaves out its static index), said in `notes`.
    The synonyms are every site's groups (data/search-synonyms.yaml), each once: a query of
    an index of several sites is read with all of them. `synonyms_only`: only those are
    written, the documents left as they were indexed (0 of them indexed)."""
    all_docs: list[list[SearchDoc]] = []
    problems: list[str] = []
    names: dict[str, str] = {}
    hosts: dict[str, SiteHosts] = {}
    sites = list(roots)
    owners: dict[str, Path] = {}  # the site folder of each domain
    groups: dict[tuple[str, ...], None] = {}
    for root in sites:
        found, errors = _site_synonyms(root)
        groups.update(dict.fromkeys(found))
        problems += errors if len(sites) == 1 else [f"{root.as_posix()}/{e}" for e in errors]
    if synonyms_only:
        if not problems:
            write_synonyms(folder, tuple(groups))
        return 0, problems
    for root in sites:
        loaded = _load_site(root, build_date)
        names.update((d.site, loaded.name) for d in loaded.docs[:1])
        hosts.update((d.site, SiteHosts(loaded.hosts, loaded.base)) for d in loaded.docs[:1])
        # The standard diagnostic line: its path is relative to the site, or, when several
        # sites are indexed, to where the command was run (the site folder before it).
        errors = loaded.problems + _domain_clash(root, loaded, owners)
        problems += errors if len(sites) == 1 else [f"{root.as_posix()}/{e}" for e in errors]
        if loaded.migrated is not None and notes is not None:
            notes.append(
                f"{root.as_posix()}：data/lifecycle.yaml 的网站迁移自 {loaded.migrated} 起生效，"
                f"该站点不编入搜索索引 (site migrated since {loaded.migrated}: not indexed)"
            )
        all_docs.append(loaded.docs)
    if problems:
        return 0, problems
    docs = merged(all_docs)
    all_docs.clear()  # the merged list is the only one left holding the documents
    count = _build(docs, folder, LIMIT_MB, names, hosts)
    write_synonyms(folder, tuple(groups))
    return count, []


def _site_synonyms(root: Path) -> tuple[tuple[tuple[str, ...], ...], list[str]]:
    """A site's groups of synonyms, and the problems of its data/search-synonyms.yaml."""
    from ssg.diagnostics import Diagnostics
    from ssg.search.synonyms import load_synonyms

    diags = Diagnostics()
    found = load_synonyms(root, diags)
    return found, [str(d) for d in diags.sorted() if d.severity.rank <= 1]


def _domain_clash(root: Path, loaded: _LoadedSite, owners: dict[str, Path]) -> list[str]:
    """RULES SITES-03, as sites.yaml has it, for the sites given to one index: two folders
    with one domain are one site to the index, each of its results found twice. `owners`:
    the folder of each domain seen so far; this site's is added to it."""
    from ssg.config import SITE_FILE  # (as _load_site: the server need not load the config)

    domain = loaded.domain.strip().lower()
    if not domain:
        return []
    if domain not in owners:
        owners[domain] = root
        return []
    from ssg.scaffold import SITE_PLACEHOLDERS

    # (sites.yaml lets new sites share `ssg init`'s stand-in; an index cannot tell them apart)
    stand_in = (
        "：这是 ssg init 写的占位域名，先在 data/site.yaml 填写各站点的真实域名"
        if domain in SITE_PLACEHOLDERS["domain"]
        else ""
    )
    clash = Diagnostic(
        Severity.ERROR,
        "SITES-03",
        SITE_FILE,
        loaded.domain_line,
        "domain",
        f"站点 {root.as_posix()} 与站点 {owners[domain].as_posix()} 的域名相同（{domain}）{stand_in}；"
        "搜索索引按域名区分站点，每个网站的域名应唯一，同一个站点只编入一次 "
        "(two sites with one domain)",
    )
    return [str(clash)]


class DamagedIndex(ValueError):
    """A sidecar that is not one ssg wrote (cut short, emptied, edited by hand)."""


class Sidecar:
    """The sidecar of one generation of the index, read once: per document its type, facet
    column, year and site, and the suggestion terms. Only ever read after loading, so every
    searcher of a server shares one. `generation` is the whoosh generation it numbers (the
    latest when not given); searchers opened with it read that generation only."""

    def __init__(self, folder: Path, generation: int | None = None) -> None:
        if generation is None:
            generation = latest_generation(folder)
        self.generation = generation
        path = folder / sidecar_name(generation)
        if not path.is_file() and not any(
            _is_sidecar(p.name) and p.name != SIDECAR for p in folder.iterdir()
        ):
            path = folder / SIDECAR  # an index made before sidecars were per generation
        try:
            side = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(side, dict) or not isinstance(side["types"], list):
                raise TypeError(type(side).__name__)
        except (ValueError, KeyError, TypeError) as exc:
            raise DamagedIndex(f"{path.name} 已损坏 (damaged: {exc!r})") from None
        self.types: list[int] = side["types"]
        self.columns: list[int] = side["columns"]
        self.years: list[str] = side["years"]
        self.sites: list[int] = side["sites"]
        self.column_keys: list[str] = side["column_keys"]
        self.column_labels: list[str] = side["column_labels"]
        self.site_keys: list[str] = side["site_keys"]
        # Indexes made before sites' names were kept: none (results show the domain).
        self.site_names: list[str] = side.get("site_names") or [""] * len(self.site_keys)
        # Indexes made before these were kept: a site known by its domain, at https://<domain>.
        self.site_hosts: list[list[str]] = side.get("site_hosts") or [[] for _ in self.site_keys]
        self.site_bases: list[str] = side.get("site_bases") or [""] * len(self.site_keys)
        self.terms = [Term(t, p, i, n) for t, p, i, n in side["terms"]]
        self.tokens: str = side.get("tokens", "")  # (tokens_fingerprint; "" before it was kept)


def latest_generation(folder: Path) -> int:
    """The number of the index's newest table of contents (-1 when there is none)."""
    from whoosh.index import TOC

    return int(TOC._latest_generation(FileStorage(str(folder), readonly=True), INDEX_NAME))


def open_generation(folder: Path, attempts: int = 20) -> tuple[Any, Sidecar]:
    """The index in `folder` and the sidecar of its newest generation. `ssg search index`
    may replace that generation meanwhile (deleting its files): then the next one is read."""
    for attempt in range(attempts):
        try:
            index = open_index(folder)
            return index, Sidecar(folder, index.latest_generation())
        except FileNotFoundError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05)
    raise AssertionError("unreachable")


class _SegmentFile(StructFile):  # type: ignore[misc]
    """One reader's handle on the compound segment file; the parts it opens are the
    storage's, read once."""

    def __init__(self, path: str, name: str, storage: _SharedStorage) -> None:
        super().__init__(open(path, "rb"), name=name)  # noqa: SIM115 - closed with the reader
        self.storage = storage

    def subset(self, offset: int, length: int, name: str | None = None) -> Any:
        key = (self._name, offset, length)
        with self.storage.lock:
            part = self.storage.parts.get(key)
            if part is None:
                part = self.storage.parts[key] = _pread(self.file.fileno(), offset, length)
        # BytesIO shares a bytes object instead of copying it: the reader gets its own
        # position over the same bytes.
        return BufferFile(part, name=name or self._name)


def _pread(fd: int, offset: int, length: int) -> bytes:
    """Bytes at an offset, without moving the file's position: a server's worker processes
    inherit the first searcher's file."""
    data = b""
    while len(data) < length:
        more = os.pread(fd, length - len(data), offset + len(data))
        if not more:
            raise EOFError(f"short segment file: {length} bytes wanted at {offset}")
        data += more
    return data


class _SharedStorage(FileStorage):  # type: ignore[misc]
    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder), supports_mmap=False, readonly=True)
        self.lock = threading.Lock()
        self.parts: dict[tuple[str, int, int], bytes] = {}

    def open_file(self, name: str, **kwargs: Any) -> Any:
        if name.endswith(".seg"):
            return _SegmentFile(self._fpath(name), name, self)
        return super().open_file(name, **kwargs)


def open_index(folder: Path) -> Any:
    """The whoosh index in `folder`, for any number of readers: each part of its segment
    (postings, terms, stored fields) is read into memory once, and every reader gets its own
    position over the same bytes. Whoosh's own memory-mapped path copies every part into a
    BytesIO for each reader (40 MB per reader at 10,000 documents); plain file handles cost
    nothing but give up the GIL on every read, which made concurrent queries slower."""
    return _SharedStorage(folder).open_index(INDEX_NAME)


class WhooshSource:
    """The engine's view of a whoosh index: one searcher, kept open, for one thread at a time
    (whoosh's readers seek, then read, on their own files). A server gives each of its
    searchers the same opened index and the same sidecar."""

    def __init__(self, folder: Path, index: Any = None, sidecar: Sidecar | None = None) -> None:
        self.folder = folder
        if index is None and sidecar is None:
            index, sidecar = open_generation(folder)
        self.ix = index if index is not None else open_index(folder)
        self.sidecar = sidecar if sidecar is not None else Sidecar(folder)
        self.searcher = self._pinned_searcher()
        self.reader = self.searcher.reader()
        side = self.sidecar
        self.types = side.types
        self.columns = side.columns
        self.years = side.years
        self.sites = side.sites
        self.column_keys = side.column_keys
        self.column_labels = side.column_labels
        self.site_keys = side.site_keys

    @property
    def synonyms(self) -> tuple[tuple[str, ...], ...]:
        """Read at each query: `ssg search index --synonyms` changes them while it runs."""
        return read_synonyms(self.folder)

    def _pinned_searcher(self) -> Any:
        """A searcher of the sidecar's generation, not of the newest: the sidecar numbers
        the documents of that generation only. Raises FileNotFoundError when `ssg search
        index` has replaced it since."""
        from whoosh.index import TOC
        from whoosh.searching import Searcher

        storage, name = self.ix.storage, self.ix.indexname
        toc = TOC.read(storage, name, gen=self.sidecar.generation)
        reader = self.ix._reader(storage, toc.schema, toc.segments, toc.generation)
        return Searcher(reader, fromindex=self.ix)

    def close(self) -> None:
        self.searcher.close()

    def _weights(self, field: str, token: str) -> dict[int, float]:
        """Every posting of a token in a field: document → weight, read a block at a time."""
        from whoosh.reading import TermNotFound

        try:
            matcher = self.reader.postings(field, token)
        except TermNotFound:
            return {}
        out: dict[int, float] = {}
        if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):
            while matcher.is_active():
                matcher._read_ids()
                matcher._read_weights()
                out.update(zip(matcher._ids, matcher._weights, strict=False))
                matcher._next_block()
            return out
        while matcher.is_active():  # pragma: no cover - another codec
            out[matcher.id()] = matcher.weight()
            matcher.next()
        return out

    def postings(self, tokens: Iterable[str]) -> dict[str, Postings]:
        out: dict[str, Postings] = {}
        for token in tokens:
            # (offsets past engine.LAST_OFFSET are that, as in the client index's byte)
            title = {d: min(int(w) - 1, LAST_OFFSET) for d, w in self._weights("t", token).items()}
            keys = frozenset(self._weights("k", token))
            body = {d: 1 if w >= 3 else 0 for d, w in self._weights("b", token).items()}
            if title or keys or body:
                out[token] = Postings(title, keys, body)
        return out

    def fragments(self, ids: Iterable[int]) -> dict[int, Fragment]:
        out = {}
        for n in ids:
            stored = self.reader.stored_fields(n)
            out[n] = Fragment(
                stored["title"],
                stored["url"],
                stored["date"],
                stored["text"],
                stored["site"],
            )
        return out

    def terms(self) -> Sequence[Term]:
        return self.sidecar.terms
