"""The search index stage, incremental (issue 9): what the last build computed, kept in
<site>/.ssg-cache/ (safe to delete) and used again only where its inputs are unchanged, so
that the output is byte-identical to a cold build's.

From the cheapest to the most work:

- the whole index: when every document (in order) and the index code are those of the last
  build and its files are still in the last output, they are hard-linked into the new one;
- the postings: when the tokens of few document numbers changed, the last build's postings
  are patched (the old tokens of those numbers out, the new in) and only the tokens whose
  postings changed are encoded again;
- each document's tokens (what the stage spent most of its time on), by a digest of the
  fields they come from: when many numbers changed (an item added above most others shifts
  them all), every document is inverted again but only new or edited ones are tokenised;
- each body's text (most of the time `documents()` took), by a digest of its Markdown.

Three files per output folder (public/ and the preview folder hold different builds):
search-<where>.pickle (texts and the record of the last index: read by every build),
search-tokens-<where>.sqlite (token_store.py) and search-postings-<where>.pickle (tens of
megabytes each on a 10k-item site: read only when the index is written again). All carry a fingerprint of the
code that made them; a file of other code, or a damaged one, is only a slower build.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import unicodedata
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ssg import __version__, sealed
from ssg.cache import CACHE_DIR
from ssg.search.packing import PACKER
from ssg.search.token_store import TokenRows, TokenStore
from ssg.write import MARKER, Staging, write_file

if TYPE_CHECKING:  # (the build makes this cache; only its search process indexes, with numpy)
    from ssg.search.client_index import Inverted, LastIndex
    from ssg.search.documents import PackedTokens, SearchDoc

_SEARCH_CODE = Path(__file__).parent
# ssg's code outside search/ that the index's text goes through (documents.py imports it).
_OTHER_CODE = (_SEARCH_CODE.parent / "cjk.py",)
# The index is ssg's search code applied to the documents, but also pypinyin's dictionary
# (readings), Python's Unicode tables (NFKC, categories) and its codecs (the GB 2312 table);
# and the files' bytes are the compressor's (packing.PACKER).
_LIBRARIES = ("pypinyin",)

IndexRecord = tuple[str, str, tuple[str, ...]]  # (key, digest of the entry file, files written)
FileStamp = tuple[int, int, int, int]  # (st_dev, st_ino, st_size, st_mtime_ns) of a file written
# The index's files by the digest of their bytes: where the last build put each, and the stamp
# of the file it wrote (or linked) there.
FileRecord = dict[bytes, tuple[str, FileStamp]]
# Document numbers whose tokens changed beyond which the last build's postings are not patched
# but every document inverted again. Patching costs about 1.5 ms a document on a 10k-item
# site, inverting about 1.5 s; and once numbers shift (an item added or removed above others)
# most of them change.
PATCH_LIMIT = 300


def code_fingerprint() -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in (__version__, sys.version, unicodedata.unidata_version, PACKER):
        digest.update(part.encode() + b"\0")
    for name in _LIBRARIES:
        try:
            digest.update(metadata.version(name).encode() + b"\0")
        except metadata.PackageNotFoundError:
            digest.update(b"-\0")
    for path in [*sorted(_SEARCH_CODE.glob("*.py")), *_OTHER_CODE]:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _update(digest: Any, fields: Iterable[str]) -> None:
    """Each field with its length first: no two lists of fields feed the same bytes."""
    for field in fields:
        raw = field.encode("utf-8")
        digest.update(len(raw).to_bytes(8, "little"))
        digest.update(raw)


def token_key(doc: SearchDoc) -> bytes:
    """What doc_tokens reads of a document."""
    digest = hashlib.blake2b(digest_size=16)
    _update(digest, (doc.title, doc.keywords, doc.body, doc.doc_number))
    return digest.digest()


def _file_digest(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class Handoff:
    ran: bool
    prepared: tuple[tuple[Path, Path], ...]  # (temporary file, final path)
    patched: bool
    text_hits: int
    tokenised: int
    reused_files: int
    linked_files: int


class SearchIndexCache:
    """The search stage's memory of the last build into one output folder. The build makes
    one per build, hands it to write_search_index, and calls save() after a successful swap."""

    def __init__(self, root: Path, previous: Path | None, enabled: bool) -> None:
        where = hashlib.blake2b(str(previous.resolve() if previous else "").encode(), digest_size=8)
        folder = root / CACHE_DIR
        self.path = folder / f"search-{where.hexdigest()}.pickle"
        self.tokens_path = folder / f"search-tokens-{where.hexdigest()}.sqlite"
        self.postings_path = folder / f"search-postings-{where.hexdigest()}.pickle"
        # Only the whole index needs the last output; texts and tokens hold without it.
        self.previous = previous if previous and (previous / MARKER).is_file() else None
        self.enabled = enabled
        self.code = code_fingerprint()
        self.texts: dict[bytes, str] = {}  # digest of a body's Markdown -> its text
        self.old_index: IndexRecord | None = None
        self.new_index: IndexRecord | None = None
        self.tokens = TokenStore(self.tokens_path, self.code, enabled)
        self._texts_used: set[bytes] = set()
        self._texts_dirty = False
        self._token_keys: tuple[Sequence[SearchDoc], list[bytes]] | None = None
        self._ran = False
        self._prepared: list[tuple[Path, Path]] | None = None  # (temporary file, final path)
        self._postings: (
            tuple[list[bytes], Inverted, dict[str, bytes], dict[bytes, bytes]] | None
        ) = None
        self._last: LastIndex | None = None
        self.patched = False  # the postings were the last build's, patched
        self.text_hits = 0
        self.tokenised = 0  # documents tokenised by this build: the others' tokens were kept
        self.reused_files = 0  # files of the last build's index linked into this one
        self.linked_files = 0  # files written with the bytes of one of those: linked instead
        self.old_files: FileRecord = {}
        self.new_files: FileRecord = {}
        if enabled:
            stored = self._load(self.path)
            texts = stored.get("texts")
            index = stored.get("index")
            files = stored.get("files")
            if isinstance(texts, dict):
                self.texts = texts
            if isinstance(files, dict):
                self.old_files = files
            if (
                isinstance(index, tuple)
                and len(index) == 3
                and isinstance(index[2], tuple)
                and all(isinstance(rel, str) for rel in index[2])
            ):
                self.old_index = index

    def _load(self, path: Path) -> dict[str, Any]:
        """A cache file's content, or nothing if it is missing, damaged or of other code."""
        if not path.is_file():
            return {}
        try:
            with path.open("rb") as handle:
                stored = sealed.read(handle)  # (bytes altered on disk: ssg/sealed.py)
        # Whatever the bytes (truncated, overwritten, written by another version of ssg or
        # Python), unpickling them fails in more ways than a list would name; any failure
        # only means the cache is not used.
        except Exception:
            return {}
        if not isinstance(stored, dict) or stored.get("code") != self.code:
            return {}
        return stored

    # --- texts: documents() -------------------------------------------------------------

    def body_text(self, source: str) -> str:
        """markdown_text(source), remembered."""
        key = hashlib.blake2b(source.encode("utf-8"), digest_size=16).digest()
        self._texts_used.add(key)
        found = self.texts.get(key)
        if found is not None:
            self.text_hits += 1
            return found
        from ssg.search.documents import markdown_text

        text = self.texts[key] = markdown_text(source)
        self._texts_dirty = True
        return text

    # --- the whole index ----------------------------------------------------------------

    def index_key(self, docs: Sequence[SearchDoc], synonyms: Sequence[tuple[str, ...]] = ()) -> str:
        """A digest of the code, the synonyms (the entry file holds them) and of every field
        of every document, in order: all the client index is made from."""
        digest = hashlib.blake2b(self.code.encode(), digest_size=16)
        digest.update(repr(tuple(tuple(g) for g in synonyms)).encode())
        keys = []
        for doc in docs:
            tokens = token_key(doc)
            keys.append(tokens)
            digest.update(tokens)
            _update(digest, (doc.key, doc.site, doc.url, doc.type, doc.column, doc.column_label))
            _update(digest, (doc.date, doc.year, repr(doc.order), str(doc.shown)))
        self._token_keys = (docs, keys)
        self._ran = True
        return digest.hexdigest()

    def reuse_index(self, key: str, staging: Staging, prefix: str = "search") -> int | None:
        """Link the last build's index into staging if it was made from the same documents
        by the same code and its files are still there; returns the files linked, or None
        when the index must be written."""
        old = self.old_index
        if not self.enabled or self.previous is None or old is None or old[0] != key:
            return None
        from ssg.search import INDEX_ENTRY

        previous = self.previous
        entry = previous / prefix / INDEX_ENTRY
        # The entry names every other file by its content's hash (shards, tables, the folder
        # of fragments): if it is the one recorded, present files are the ones written.
        try:
            if _file_digest(entry) != old[1]:
                return None
        except OSError:
            return None
        if not all((previous / rel).is_file() for rel in old[2]):
            return None
        for rel in old[2]:
            target = staging.target(rel)
            try:
                os.link(previous / rel, target)
            except OSError:
                shutil.copyfile(previous / rel, target)
        staging.written += len(old[2])
        self.reused_files = len(old[2])
        self.new_index = old
        self.new_files = dict(self.old_files)  # the same files, linked: the same stamps
        return len(old[2])

    def place(self, rel: str, data: bytes, target: Path) -> None:
        """Put the index file `rel` with `data` at `target` in staging: a hard link to the
        last output's file with the same bytes while that is still the file the last build
        made, else written. After one edit most shards and fragments are what they were, and
        creating thousands of files costs more than linking them (issue 9: the preview's
        build after each save). Called from several threads."""
        key = hashlib.blake2b(data, digest_size=16).digest()
        old = self.old_files.get(key) if self.previous is not None else None
        if old is not None and self.previous is not None:
            source = self.previous / old[0]
            try:
                if _stamp(source.stat()) == old[1]:
                    os.link(source, target)
                    self.new_files[key] = (rel, old[1])
                    self.linked_files += 1
                    return
            except OSError:
                pass  # gone, or no hard links here: written below
        written = write_file(target, data)
        if self.enabled:
            self.new_files[key] = (rel, _stamp(written))

    def record_index(self, key: str, files: Iterable[str], entry: Path) -> None:
        """What this build wrote: `files` (relative to the output), `entry` its entry file."""
        if self.enabled:
            self.new_index = (key, _file_digest(entry), tuple(sorted(files)))

    # --- tokens and postings: client_index.IndexStore -------------------------------

    def _keys(self, docs: Sequence[SearchDoc]) -> list[bytes]:
        if self._token_keys is None or self._token_keys[0] is not docs:
            self._token_keys = (docs, [token_key(doc) for doc in docs])
        return self._token_keys[1]

    def known(
        self, docs: Sequence[SearchDoc], only: Iterable[int] | None = None
    ) -> list[PackedTokens | None]:
        """The remembered tokens of each document (of the numbers `only`, if given), None for
        those that must be tokenised."""
        keys = self._keys(docs)
        if only is None:
            store = self.tokens.get_all(keys)
            return [store.get(key) for key in keys]
        numbers = [n for n in only if n < len(keys)]
        store = self.tokens.get(keys[n] for n in numbers)
        out: list[PackedTokens | None] = [None] * len(keys)
        for n in numbers:
            out[n] = store.get(keys[n])
        return out

    def learn(self, docs: Sequence[SearchDoc], tokens: Mapping[int, PackedTokens]) -> None:
        """Keep the tokens of documents tokenised by this build (by document number): written
        to the store now, by whichever process tokenised them."""
        if not tokens or not self.enabled:
            return
        keys = self._keys(docs)
        self.tokens.put({keys[n]: packed for n, packed in tokens.items()})

    def learn_rows(
        self, docs: Sequence[SearchDoc], numbers: Sequence[int], rows: TokenRows
    ) -> None:
        """Keep the tokens of the documents `numbers` tokenised together by this build, one
        row of the store (a cold build's batches: token_store.TokenRows)."""
        if numbers and self.enabled:
            keys = self._keys(docs)
            self.tokens.put_rows([keys[n] for n in numbers], rows)

    def note_tokenised(self, count: int) -> None:
        self.tokenised += count

    def last_index(self, docs: Sequence[SearchDoc]) -> LastIndex | None:
        """The last build's postings with what changed since, if few documents did."""
        from ssg.search.client_index import Inverted, LastIndex

        if not self.enabled or not self.postings_path.is_file():
            return None
        keys = self._keys(docs)
        try:
            with self.postings_path.open("rb") as handle:
                # The numbers come first in the file: when too many changed, the postings
                # (tens of megabytes) are not read.
                header = sealed.read(handle)
                if not isinstance(header, dict) or header.get("code") != self.code:
                    return None
                old_keys = header["keys"]
                size = max(len(old_keys), len(keys))
                changed = [
                    n
                    for n in range(size)
                    if n >= len(old_keys) or n >= len(keys) or old_keys[n] != keys[n]
                ]
                if len(changed) > PATCH_LIMIT:
                    return None
                store = self.tokens.get(old_keys[n] for n in changed if n < len(old_keys))
                old: dict[int, PackedTokens | None] = {}
                for n in changed:
                    old[n] = store.get(old_keys[n]) if n < len(old_keys) else None
                    if n < len(old_keys) and old[n] is None:
                        return None
                *fields, blocks, packed = sealed.read(handle)
                title, keywords, body = map(_unflat, fields)
        except Exception:  # (as in _load; and kept fields not as _flat makes them)
            return None
        if not all(isinstance(v, dict) for v in (blocks, packed)):
            return None
        self._last = LastIndex(Inverted(title, keywords, body), blocks, old, packed)
        return self._last

    def keep_index(
        self,
        docs: Sequence[SearchDoc],
        inverted: Inverted,
        blocks: dict[str, bytes],
        packed: dict[bytes, bytes],
    ) -> None:
        """This build's postings, tokens encoded and files compressed, for the next one."""
        self.patched = self._last is not None and inverted is self._last.inverted
        if self.enabled:
            self._postings = (self._keys(docs), inverted, blocks, packed)

    # --- saving -------------------------------------------------------------------------

    def prepare(self) -> None:
        """Write what save() will keep into temporary files now, and let go of it: the tokens
        and postings of a large site are hundreds of megabytes that the rest of the build
        (checks, swap) should not carry. save() then only renames the files into place."""
        if not self.enabled or not self._ran or self._prepared is not None:
            return
        self._prepared = []
        for path, values in self._what_to_keep():
            self._prepared.append((_dump(path, *values, final=False), path))
        self._flush_tokens()
        self.texts = {}
        self._postings = None
        self._last = None
        self._token_keys = None

    def save(self) -> None:
        """Keep what this build used (entries of deleted or edited documents drop out),
        atomically. Called after the new output is in place: the record of the index names
        files that must be in it."""
        if not self.enabled or not self._ran:
            return  # the stage did not run: what is stored still holds
        if self._prepared is None:
            for path, values in self._what_to_keep():
                _dump(path, *values)
            self._flush_tokens()
            return
        prepared, self._prepared = self._prepared, []
        for done, (temp, path) in enumerate(prepared):
            try:
                os.replace(temp, path)
            except OSError:
                # The folder was deleted while the build ran (it is safe to delete), or can
                # no longer be written: nothing of this build is kept, nor what it renamed
                # already, whose companions would be the last build's. Only a slower build.
                for left, _ in prepared[done:]:
                    left.unlink(missing_ok=True)
                for _, kept in prepared[:done]:
                    kept.unlink(missing_ok=True)
                return

    def _flush_tokens(self) -> None:
        """The rows of documents gone or edited dropped (those learned are written already:
        rows are content-addressed, right whether or not this build's output is kept)."""
        if self._token_keys is not None:
            self.tokens.keep_only(self._token_keys[1])
        self.tokens.close()

    def handoff(self) -> Handoff:
        """What the parent needs of a cache that a forked process prepared (ssg/search/
        __init__.py runs the stage beside the checks): the files to rename and the counts."""
        return Handoff(self._ran, tuple(self._prepared or ()), self.patched, self.text_hits,
                       self.tokenised, self.reused_files, self.linked_files)  # fmt: skip

    def adopt(self, state: Handoff) -> None:
        self._ran = state.ran
        self._prepared = list(state.prepared)
        self.patched = state.patched
        self.text_hits = state.text_hits
        self.tokenised = state.tokenised
        self.reused_files = state.reused_files
        self.linked_files = state.linked_files

    def discard(self) -> None:
        """The build did not swap: what it prepared goes (what is stored still holds)."""
        for temp, _path in self._prepared or []:
            temp.unlink(missing_ok=True)
        self._prepared = []

    def _what_to_keep(self) -> list[tuple[Path, tuple[object, ...]]]:
        keep: list[tuple[Path, tuple[object, ...]]] = []
        stale_texts = len(self.texts) != len(self._texts_used)
        changed = self.new_index != self.old_index or self.new_files != self.old_files
        if self._texts_dirty or stale_texts or changed:
            texts = {k: v for k, v in self.texts.items() if k in self._texts_used}
            stored: dict[str, object] = {"code": self.code, "texts": texts}
            stored.update(index=self.new_index, files=self.new_files)
            keep.append((self.path, (stored,)))
        if self._postings is not None:
            keys, inverted, blocks, packed = self._postings
            header = {"code": self.code, "keys": keys}
            fields = (inverted.title, inverted.keywords, inverted.body)
            postings = (*map(_flat, fields), blocks, packed)
            keep.append((self.postings_path, (header, postings)))
        return keep


Flat = tuple[list[str], "array[int]", bytes]


def _flat(postings: Mapping[str, array[int]]) -> Flat:
    """One field's postings as the cache keeps them: its tokens, each one's number of
    postings, and the postings' four bytes each, one token's after the other. Pickled as a
    dict, each of the 10k-item site's 39,000 arrays was reduced to a bytes of its own and
    rebuilt by a call: the three fields 0.048 s to pickle, 0.019 so (bench/RESULTS.md,
    2026-11-28)."""
    values = list(postings.values())
    return list(postings), array("I", map(len, values)), b"".join([v.tobytes() for v in values])


def _unflat(kept: Flat) -> dict[str, array[int]]:
    """The postings `_flat` kept; ValueError when they are not whole."""
    tokens, counts, data = kept
    if not (
        isinstance(tokens, list)
        and isinstance(counts, array)
        and counts.typecode == "I"
        and isinstance(data, bytes)
        and len(tokens) == len(counts)
        and sum(counts) * counts.itemsize == len(data)
    ):
        raise ValueError("not the postings of a field")
    view = memoryview(data)
    width = counts.itemsize  # (the postings' arrays are of the same type)
    out: dict[str, array[int]] = {}
    start = 0
    for token, count in zip(tokens, counts, strict=True):
        end = start + count * width
        postings = out[token] = array("I")
        postings.frombytes(view[start:end])
        start = end
    return out


def _stamp(stat: os.stat_result) -> FileStamp:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _dump(path: Path, *values: object, final: bool = True) -> Path:
    """`values` sealed one after the other into `path`, atomically (ssg/sealed.py); with
    `final` False into a temporary file beside it, whose path is returned (the caller renames
    it)."""
    return sealed.dump(path, *values, prefix=".search-", final=final)
