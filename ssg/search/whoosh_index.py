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
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from whoosh import fields, formats
from whoosh.analysis import Token, Tokenizer
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile, StructFile

from ssg.search.documents import TYPE_ORDER, SearchDoc, doc_tokens, documents, merged
from ssg.search.engine import Fragment, Postings, Term

SIDECAR = "ssg-search.json"
_WHOOSH_FILES = (".toc", ".seg", ".pst", ".trm", ".lck", ".fvz", ".pos", ".vps")
INDEX_NAME = "ssg"


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
    from ssg.config import load_site_config
    from ssg.content.loader import load_content
    from ssg.derive.notices import with_notices
    from ssg.diagnostics import Diagnostics
    from ssg.lifecycle import load_lifecycle
    from ssg.link import link

    diags = Diagnostics()
    config = load_site_config(root, diags)
    if config is None:
        return [], [str(d) for d in diags.sorted()]
    tree = load_content(root, config.column_types, diags)
    site = link(tree, config, build_date, diags)
    site = with_notices(site, load_lifecycle(root, diags), diags)
    if diags.blocks():
        return [], [str(d) for d in diags.sorted() if d.severity.rank <= 1]
    return documents(site), []


def build_index(docs: Sequence[SearchDoc], folder: Path, limitmb: int = 256) -> int:
    """A fresh whoosh index of `docs` (already in engine order) in `folder`."""
    from whoosh import index

    from ssg.search.client_index import term_entries

    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_file() and (old.suffix in _WHOOSH_FILES or old.name == SIDECAR):
            old.unlink()
    ix = index.create_in(str(folder), schema(), indexname=INDEX_NAME)
    writer = ix.writer(limitmb=limitmb)
    for doc in docs:
        tokens = doc_tokens(doc)
        writer.add_document(
            t=_weighted((tok, pos + 1) for tok, pos in tokens.title.items()),
            k=_weighted((tok, 1) for tok in tokens.keywords),
            b=_weighted(tokens.body.items()),
            title=doc.title,
            url=doc.url,
            date=doc.date,
            text=doc.snippet_text,
            site=doc.site,
        )
    writer.commit(optimize=True)
    columns = sorted({(d.column, d.column_label) for d in docs})
    column_index = {c: i for i, c in enumerate(columns)}
    sites = sorted({d.site for d in docs})
    site_index = {s: i for i, s in enumerate(sites)}
    terms = term_entries(docs)
    sidecar = {
        "types": [TYPE_ORDER.index(d.type) for d in docs],
        "columns": [column_index[(d.column, d.column_label)] for d in docs],
        "years": [d.year for d in docs],
        "sites": [site_index[d.site] for d in docs],
        "column_keys": [c[0] for c in columns],
        "column_labels": [c[1] for c in columns],
        "site_keys": sites,
        "terms": [[t.text, t.pinyin, t.initials, t.count] for t in terms],
    }
    (folder / SIDECAR).write_text(
        json.dumps(sidecar, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return len(docs)


def _weighted(pairs: Iterable[tuple[str, int]]) -> str:
    return "\n".join(f"{token}\t{weight}" for token, weight in pairs)


def index_sites(roots: Iterable[Path], build_date: dt.date, folder: Path) -> tuple[int, list[str]]:
    all_docs: list[list[SearchDoc]] = []
    problems: list[str] = []
    for root in roots:
        docs, errors = load_site_documents(root, build_date)
        problems += [f"{root}: {e}" for e in errors]
        all_docs.append(docs)
    if problems:
        return 0, problems
    return build_index(merged(all_docs), folder), []


class Sidecar:
    """`ssg-search.json`, read once: per document its type, facet column, year and site, and the
    suggestion terms. Only ever read after loading, so every searcher of a server shares one."""

    def __init__(self, folder: Path) -> None:
        side = json.loads((folder / SIDECAR).read_text(encoding="utf-8"))
        self.types: list[int] = side["types"]
        self.columns: list[int] = side["columns"]
        self.years: list[str] = side["years"]
        self.sites: list[int] = side["sites"]
        self.column_keys: list[str] = side["column_keys"]
        self.column_labels: list[str] = side["column_labels"]
        self.site_keys: list[str] = side["site_keys"]
        self.terms = [Term(t, p, i, n) for t, p, i, n in side["terms"]]


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
                self.file.seek(offset)
                part = self.storage.parts[key] = self.file.read(length)
        # BytesIO shares a bytes object instead of copying it: the reader gets its own
        # position over the same bytes.
        return BufferFile(part, name=name or self._name)


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
        self.ix = index if index is not None else open_index(folder)
        self.sidecar = sidecar if sidecar is not None else Sidecar(folder)
        self.searcher = self.ix.searcher()
        self.reader = self.searcher.reader()
        side = self.sidecar
        self.types = side.types
        self.columns = side.columns
        self.years = side.years
        self.sites = side.sites
        self.column_keys = side.column_keys
        self.column_labels = side.column_labels
        self.site_keys = side.site_keys

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
            title = {d: int(w) - 1 for d, w in self._weights("t", token).items()}
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
