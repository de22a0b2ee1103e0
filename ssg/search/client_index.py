"""The static client index under /search/, written by `ssg build`, and its reader.

Files (every one but the entry is named by its content's hash, so browsers may cache them for
good; every one is gzip-compressed bytes that search.js inflates with the browser's
DecompressionStream, named .bin so that no server adds a Content-Encoding of its own):

    search/index.bin         entry: shard boundaries, facet labels, file names (JSON, a few KB)
    search/s/<hash>.bin      shards: tokens in sorted order with their postings
    search/d.<hash>.bin      per document: type, facet column, year (one byte each)
    search/t.<hash>.bin      suggestion terms with pinyin and initials (JSON)
    search/p.<hash>.bin      character readings for corrections (JSON, loaded only then)
    search/f<hash>/<n>.bin   fragments of documents 4n..4n+3: title, URL, date, snippet text

A shard holds, for each of its tokens: the title postings (document, offset of the first
occurrence), the keyword postings and the body postings (document, occurs three times or more),
document numbers delta-encoded as varints. A query reads the entry, the shards of its tokens,
the document table, and the fragments of the results it shows.

Fragments come two to a file: measured on a generated 10k-item portal, one a file costs
10.5 MB in 10,000 files, two 8.4 MB in 5,000, four 6.8 MB in 2,500; a result shown costs
about 1.0, 1.7 and 3.0 KB. Two keeps both the index and a query's bytes under half of
Pagefind's (bench/RESULTS.md).
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gzip
import hashlib
import itertools
import json
import multiprocessing
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from ssg.search import INDEX_ENTRY, hant, tokenize
from ssg.search.documents import (
    TYPE_ORDER,
    PackedTokens,
    SearchDoc,
    doc_fields,
    doc_tokens,
    pack_fields,
    packed_body,
    packed_field,
    vocabulary_terms,
)
from ssg.search.engine import Fragment, Postings, Term
from ssg.search.packing import BULK_LEVEL, LEVEL, pack
from ssg.search.phrase_readings import usual_readings
from ssg.search.token_store import TokenRows

FORMAT = 1
SHARD_BYTES = 12 * 1024  # raw bytes of postings per shard (about 6 KB compressed)
BODY_OFTEN = 3
BUNDLE = 2  # fragments per file (see the module's docstring)
ENTRY = INDEX_ENTRY


class Writer(Protocol):
    def write_bytes(self, rel: str, data: bytes) -> None: ...


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def js_order(token: str) -> bytes:
    """Tokens sort by UTF-16 code units, as JavaScript compares strings."""
    return token.encode("utf-16-be")


def _varint(out: bytearray, value: int) -> None:
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    value = 0
    shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


Postings3 = tuple[dict[str, "array[int]"], dict[str, "array[int]"], dict[str, "array[int]"]]


@dataclass(slots=True)
class LastIndex:
    """The postings of the last build and its tokens encoded, with what changed since: the
    old tokens of every document number whose document's tokens are not the same (None for a
    number the last build did not have)."""

    inverted: Inverted
    blocks: dict[str, bytes]
    changed: dict[int, PackedTokens | None]
    packed: dict[bytes, bytes]  # digest of a file's bytes -> the file compressed


class IndexStore(Protocol):
    """What remembers, from build to build, documents' tokens and the last index (cache.py)."""

    def known(
        self, docs: Sequence[SearchDoc], only: Iterable[int] | None = None
    ) -> list[PackedTokens | None]: ...

    def learn(self, docs: Sequence[SearchDoc], tokens: Mapping[int, PackedTokens]) -> None:
        """Keep these tokens (by document number); called from worker processes too."""

    def learn_rows(
        self, docs: Sequence[SearchDoc], numbers: Sequence[int], rows: TokenRows
    ) -> None:
        """Keep the tokens of the documents `numbers`, one row (token_store.TokenRows)."""

    def note_tokenised(self, count: int) -> None:
        """Count documents tokenised by this build (in this process or in workers)."""

    def last_index(self, docs: Sequence[SearchDoc]) -> LastIndex | None: ...

    def keep_index(
        self,
        docs: Sequence[SearchDoc],
        inverted: Inverted,
        blocks: dict[str, bytes],
        packed: dict[bytes, bytes],
    ) -> None: ...


# Set in the parent just before forking; read by the workers.
_DOCS: Sequence[SearchDoc] = ()
_KNOWN: Sequence[PackedTokens | None] = ()  # remembered tokens by document number, or none
_STORE: IndexStore | None = None  # what learns the tokens _invert computes (it writes them)
MIN_PARALLEL_DOCS = 2000  # below this, starting a process costs more than it saves
# Bodies counted at a time (tokenize.body_counts_many): enough for numpy's calls to cost little
# beside their work, few enough that the batch's arrays stay small (0.4 MB of text). A batch's
# new tokens go to the store as it is made, kept until the end, the tokens of a 10k-item site
# were over 100 MB of the stage's peak (bench/RESULTS.md, 2026-11-26); ROW_DOCS documents a
# row (_Batch.rows): SQLite's cost is per row, and a row is made and written whole (a row of
# the whole batch raised the stage's peak by 6 MiB at 1k items: bench/RESULTS.md, 2026-11-28).
BODY_BATCH = 500
ROW_DOCS = 100

Inversion = tuple[Postings3, int]


class _Vocabulary(dict[str, int]):
    """Token -> number, numbered as first met."""

    def __missing__(self, token: str) -> int:
        number = self[token] = len(self)
        return number


class _Field:
    """One field's postings while documents are inverted: token numbers and values in flat
    arrays, a document's at a time (a C loop each), grouped by token once at the end by numpy.
    A Python append a posting was most of the inversion's own time (1.44 M title postings at
    10k items, pinyin included)."""

    def __init__(self, vocabulary: _Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.tokens = array("I")
        self.values = array("I")  # what `finish` makes the posting of, with the document
        self.docs = array("I")  # document number of each run of postings
        self.counts = array("I")  # postings in each run

    def add(self, doc: int, tokens: Iterable[str], values: Iterable[int]) -> None:
        """One document's tokens, each with its value (offset or count), in the same order."""
        before = len(self.tokens)
        self.tokens.extend(map(self.vocabulary.__getitem__, tokens))
        self.values.extend(values)
        added = len(self.tokens) - before
        if added:
            self.docs.append(doc)
            self.counts.append(added)

    def add_packed(self, doc: int, text: str, values: array[int]) -> None:
        """One field of packed tokens (`packed_field`; a token twice, the first stands)."""
        if values:
            self.add(doc, text.split("\n"), values)

    def add_rows(self, doc: int, numbered: tokenize.NumberedTokens, first: int, last: int) -> None:
        """Fields first..last-1 of `numbered`, those of documents doc, doc + 1, … (a token
        twice in a field: the first stands)."""
        edges = numbered.edges[first : last + 1]
        if edges[0] < edges[-1]:
            self.tokens.frombytes(numbered.numbers[edges[0] : edges[-1]].tobytes())
            self.values.frombytes(numbered.offsets[edges[0] : edges[-1]].tobytes())
            self.docs.extend(range(doc, doc + last - first))
            # (a document without tokens is a run of none: np.repeat in finish skips it)
            self.counts.extend(map(int.__sub__, edges[1:], edges[:-1]))

    def finish(
        self, posting: Callable[[npt.NDArray[np.uint32], npt.NDArray[np.uint32]], Any]
    ) -> dict[str, array[int]]:
        """Token -> its postings in document order; `posting(docs, values)` makes them. A
        token added twice for a document is one posting, of the value added first."""
        if not self.tokens:
            return {}
        tokens = np.frombuffer(self.tokens, dtype=np.uint32)
        order = stable_order(tokens)  # (documents stay in order within a token)
        tokens = tokens[order]
        docs = np.repeat(
            np.frombuffer(self.docs, dtype=np.uint32), np.frombuffer(self.counts, dtype=np.uint32)
        )[order]
        values = np.frombuffer(self.values, dtype=np.uint32)[order]
        del order
        new_token = np.concatenate(([True], tokens[1:] != tokens[:-1]))
        kept = new_token.copy()  # the first of each token's postings of a document
        kept[1:] |= docs[1:] != docs[:-1]
        if not kept.all():
            tokens, docs, values, new_token = (a[kept] for a in (tokens, docs, values, new_token))
        data = np.asarray(posting(docs, values), np.uint32).tobytes()
        starts = np.flatnonzero(new_token)
        names = list(self.vocabulary)
        bounds = (starts * 4).tolist()
        bounds.append(len(data))
        out: dict[str, array[int]] = {}
        for number, first, last in zip(tokens[starts].tolist(), bounds, bounds[1:], strict=False):
            postings = out[names[number]] = array("I")
            postings.frombytes(data[first:last])
        return out


def stable_order(keys: npt.NDArray[np.uint32]) -> npt.NDArray[np.intp]:
    """np.argsort(keys, kind="stable"), by 16 bits at a time: numpy sorts 16-bit keys by radix
    sort, and wider ones by timsort (the 1.5 M title tokens of 10k items: 0.071 -> 0.009 s,
    bench/RESULTS.md). Sorted stably by the low half, then by the high half, equal keys stay
    in the order they came in."""
    if not keys.size or int(keys.max()) <= 0xFFFF:
        return np.argsort(keys.astype(np.uint16), kind="stable")
    order = np.argsort((keys & np.uint32(0xFFFF)).astype(np.uint16), kind="stable")
    return order[np.argsort((keys[order] >> np.uint32(16)).astype(np.uint16), kind="stable")]


def _invert(start: int, end: int) -> Inversion:
    """Postings of documents start..end-1, grouped by token in flat arrays (`_Field`), as
    arrays of four bytes a posting (quick to pickle); and how many documents it had to
    tokenise, whose tokens it gives _STORE to keep (a worker writes them to the store itself:
    sent back, they were 50 MB to pickle at 10k items, and the store's writes the longest part
    of the stage after the workers). The bodies' bigrams, most of the postings, are inverted
    by numpy (`_invert_pairs`). Documents tokenised one after the other (a cold build's all)
    are added a run at a time, the batch's arrays in one piece: a dozen small array calls a
    document were 0.17 s at 10k items (bench/RESULTS.md)."""
    vocabulary = _Vocabulary()
    title, keywords, body = _Field(vocabulary), _Field(vocabulary), _Field(vocabulary)
    tokenised = 0
    pairs: list[npt.NDArray[np.uint64]] = []
    # (doc << 1 | often fits in four bytes, as the postings are written: half of int64's size)
    pair_values: list[npt.NDArray[np.uint32]] = []
    numbering = tokenize.FieldNumbering(vocabulary.__getitem__)
    batch: _Batch | None = None
    n = start
    while n < end:
        packed = _KNOWN[n] if _KNOWN else None
        if packed is not None:
            title.add_packed(n, packed[0], packed[1])
            keywords.add_packed(n, packed[2], packed[3])
            body.add_packed(n, packed[4], packed[5])
            if packed[6]:
                pairs.append(np.frombuffer(packed[6], dtype=np.uint64))
                often = (np.frombuffer(packed[7], dtype=np.uint32) >= BODY_OFTEN).astype(np.uint32)
                pair_values.append(often | np.uint32(n << 1))
            n += 1
            continue
        if batch is None or n not in batch.place:
            batch = None  # (its arrays go before the next batch's are made)
            batch = _next_batch(n, end, numbering)
        first = batch.place[n]
        last = first + 1  # the batch's documents first..last-1 are n, n + 1, …
        while last < len(batch.todo) and batch.todo[last] == n + last - first:
            last += 1
        title.add_rows(n, batch.titles, first, last)
        keywords.add_rows(n, batch.keywords, first, last)
        bodies = batch.bodies
        for i in range(first, last):
            others = bodies.others[i]
            body.add(n + i - first, others.keys(), others.values())
        lo, hi = bodies.edges[first], bodies.edges[last]
        if lo < hi:
            pairs.append(bodies.pairs[lo:hi])
            docs = np.arange(n, n + last - first, dtype=np.uint32) << np.uint32(1)
            sizes = np.diff(bodies.edges[first : last + 1])
            often = (bodies.counts[lo:hi] >= BODY_OFTEN).astype(np.uint32)
            pair_values.append(np.repeat(docs, sizes) | often)
        tokenised += last - first
        n += last - first
    # (the last batch and the pieces' tokens, not held through the grouping below: the
    # stage's peak)
    del batch, numbering
    postings = (
        title.finish(lambda docs, offsets: docs << 8 | np.minimum(offsets, 255)),
        keywords.finish(lambda docs, _: docs),
        body.finish(lambda docs, counts: docs << 1 | (counts >= BODY_OFTEN)),
    )
    del title, keywords, body
    if pairs:
        _invert_pairs(postings[2], pairs, pair_values)
    return postings, tokenised


@dataclass(frozen=True, slots=True)
class _Batch:
    """Documents tokenised together: their bodies counted, their titles and keywords
    numbered."""

    todo: list[int]  # their document numbers, ascending
    place: dict[int, int]  # document number -> its place in the batch
    bodies: tokenize.CountedBodies
    titles: tokenize.NumberedTokens
    keywords: tokenize.NumberedTokens

    def rows(self, lo: int, hi: int) -> TokenRows:
        """The packed tokens of the batch's documents lo..hi-1 (documents.PackedTokens) as one
        row of the store: each field's tokens as the index numbers them (tokenize.
        NumberedTokens: `text` and offsets, repeats and all), the arrays' bytes cut from the
        batch's in one piece (a dozen array and SQLite calls a document less: bench/
        RESULTS.md, 2026-11-28)."""
        titles, keywords, bodies = self.titles, self.keywords, self.bodies
        title_texts = [titles.text(i) for i in range(lo, hi)]
        keyword_texts = [keywords.text(i) for i in range(lo, hi)]
        others = bodies.others[lo:hi]
        body_texts = ["\n".join(tokens) for tokens in others]
        body_values = array("I", itertools.chain.from_iterable(o.values() for o in others))
        edges = array("I")
        for texts, values in (
            (title_texts, _from_zero(titles.edges[lo : hi + 1])),
            (keyword_texts, _from_zero(keywords.edges[lo : hi + 1])),
            (body_texts, itertools.accumulate(map(len, others), initial=0)),
        ):
            edges.extend(itertools.accumulate(map(len, texts), initial=0))
            edges.extend(values)
        a, b = bodies.edges[lo], bodies.edges[hi]
        edges.extend(_from_zero(bodies.edges[lo : hi + 1]))
        return TokenRows(
            "".join(title_texts),
            titles.offsets[titles.edges[lo] : titles.edges[hi]].tobytes(),
            "".join(keyword_texts),
            keywords.offsets[keywords.edges[lo] : keywords.edges[hi]].tobytes(),
            "".join(body_texts),
            body_values.tobytes(),
            bodies.pairs[a:b].tobytes(),
            bodies.counts[a:b].astype(np.uint32).tobytes(),
            edges.tobytes(),
        )


def _from_zero(edges: Sequence[int]) -> list[int]:
    return [edge - edges[0] for edge in edges]


def _next_batch(start: int, end: int, numbering: tokenize.FieldNumbering) -> _Batch:
    """The next BODY_BATCH documents from `start` (before `end`) whose tokens are not known,
    their bodies counted together (tokenize.body_counts_many), their titles and keywords
    numbered; with a store, their tokens written to it, ROW_DOCS documents a row."""
    todo = list(
        itertools.islice(
            (n for n in range(start, end) if not _KNOWN or _KNOWN[n] is None), BODY_BATCH
        )
    )
    bodies = tokenize.body_counts_many([_DOCS[n].body for n in todo])
    titles = numbering.titles([_DOCS[n].title for n in todo])
    keywords = numbering.keywords([(_DOCS[n].keywords, _DOCS[n].doc_number) for n in todo])
    batch = _Batch(todo, {n: i for i, n in enumerate(todo)}, bodies, titles, keywords)
    if _STORE is not None:
        for lo in range(0, len(todo), ROW_DOCS):
            hi = min(len(todo), lo + ROW_DOCS)
            _STORE.learn_rows(_DOCS, todo[lo:hi], batch.rows(lo, hi))
    return batch


def _invert_pairs(
    body: dict[str, array[int]],
    pairs: list[npt.NDArray[np.uint64]],
    values: list[npt.NDArray[np.uint32]],
) -> None:
    """Add to `body` the postings of documents' bigrams: `pairs[i]`, the sorted bigram codes
    of one document, with `values[i]`, their postings (doc << 1 | often); documents in
    ascending order. Grouped by code, each bigram's postings in document order
    (`grouped_pairs`). Both lists are emptied: each array goes once it is joined (the stage's
    peak memory)."""
    codes = np.concatenate(pairs)
    pairs.clear()
    joined = np.concatenate(values)
    values.clear()
    codes, joined = grouped_pairs(codes, joined)
    postings = joined.tobytes()
    del joined
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    tokens = tokenize.BodyTokens(codes[starts], np.zeros(0, np.int64), {}).pair_tokens()
    bounds = (starts * 4).tolist()
    bounds.append(len(postings))
    for token, first, last in zip(tokens, bounds, bounds[1:], strict=False):
        found = body.get(token)
        if found is None:
            found = body[token] = array("I")
            found.frombytes(postings[first:last])
        else:  # (a token of packed tokens that keep bigrams as text: pack_tokens)
            more = array("I")
            more.frombytes(postings[first:last])
            found.extend(more)
            body[token] = array("I", sorted(found))


PAIR_BITS = 36  # a bigram code's two characters, each under 0x30000 (tokenize.HAN_CLASS)


def grouped_pairs(
    codes: npt.NDArray[np.uint64], values: npt.NDArray[np.uint32]
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint32]]:
    """`codes` and their `values` in the order of a stable sort by code: documents' bigram
    codes, each document's distinct, one document after the other, with their postings
    (doc << 1 | often, larger from document to document). Each code's values then come in
    ascending order, so that sorting the pairs (code, value) is that stable sort: one
    np.sort of both in a uint64 (the code's characters in 36 bits, second first as in the
    code's order; the value below them) instead of a stable argsort of the codes and two
    gathers (10k items, 3 M bigrams: 0.15 -> 0.03 s, bench/RESULTS.md). Values of 28 bits or
    more (documents from 2^27 on) are sorted the old way."""
    if not values.size or int(values.max()) >> (64 - PAIR_BITS):
        order = np.argsort(codes, kind="stable")
        return codes[order], values[order]
    shift = np.uint64(64 - PAIR_BITS)
    both = ((codes >> np.uint64(32)) << np.uint64(18)) | (codes & np.uint64(0x3FFFF))
    both <<= shift
    both |= values
    both.sort()
    values = (both & np.uint64((1 << (64 - PAIR_BITS)) - 1)).astype(np.uint32)
    both >>= shift
    codes = (both & np.uint64(0x3FFFF)) | ((both >> np.uint64(18)) << np.uint64(32))
    return codes, values


def _invert_range(bounds: tuple[int, int]) -> Inversion:
    return _invert(*bounds)


@dataclass(slots=True)
class Inverted:
    """Postings of every token while the index is built: arrays of four bytes a posting
    (a 10k-item site holds about five million)."""

    title: dict[str, array[int]]  # doc << 8 | min(offset, 255)
    keywords: dict[str, array[int]]
    body: dict[str, array[int]]  # doc << 1 | often

    @classmethod
    def build(cls, docs: Sequence[SearchDoc], jobs: int = 1) -> Inverted:
        return cls.start(docs, jobs)()

    @classmethod
    def start(
        cls, docs: Sequence[SearchDoc], jobs: int = 1, store: IndexStore | None = None
    ) -> Callable[[], Inverted]:
        """Tokenise every document (but those whose tokens `store` remembers; it learns the
        others); returns what waits for the result. On `jobs` processes for a large site:
        forked, as the renderer's workers are, they share the documents copy-on-write, work
        while the caller goes on, and send back their postings as arrays. The result does not
        depend on `jobs`."""
        global _DOCS, _KNOWN, _STORE
        # (known() also makes the store's file ready before any worker writes to it)
        known = store.known(docs) if store is not None else []
        if jobs <= 1 or len(docs) < MIN_PARALLEL_DOCS or not _can_fork():
            _DOCS, _KNOWN, _STORE = docs, known, store
            try:
                postings, learned = _invert(0, len(docs))
            finally:
                _DOCS, _KNOWN, _STORE = (), (), None
            if store is not None:
                store.note_tokenised(learned)
            done = cls(*postings)
            return lambda: done
        step = -(-len(docs) // jobs)
        ranges = [(i, min(len(docs), i + step)) for i in range(0, len(docs), step)]
        for doc in docs[:50]:  # warm the dictionaries and caches the workers inherit
            doc_tokens(doc)
        _DOCS, _KNOWN, _STORE = docs, known, store
        pool = multiprocessing.get_context("fork").Pool(len(ranges))
        pending = pool.map_async(_invert_range, ranges, chunksize=1)

        def finish() -> Inverted:
            global _DOCS, _KNOWN, _STORE
            try:
                parts = pending.get()
            finally:
                pool.close()
                pool.join()
                _DOCS, _KNOWN, _STORE = (), (), None
            merged = parts[0][0]
            for part, _ in parts[1:]:  # in document order: each token's postings stay sorted
                for mine, theirs in zip(merged, part, strict=True):
                    for token, values in theirs.items():
                        found = mine.get(token)
                        if found is None:
                            mine[token] = values
                        else:
                            found.extend(values)
            if store is not None:
                store.note_tokenised(sum(learned for _, learned in parts))
            return cls(*merged)

        return finish

    def patch(
        self, docs: Sequence[SearchDoc], last: LastIndex, store: IndexStore
    ) -> set[str] | None:
        """Turn the last build's postings into those of `docs` by taking out the old tokens of
        each changed document number and putting in the new: the postings are what inverting
        every document gives, for a fraction of the time when few changed. Returns the tokens
        whose postings changed, or None if the old postings do not hold the old tokens (the
        postings are then spoilt: invert instead)."""
        fields = (self.title, self.keywords, self.body)
        touched: set[str] = set()
        for n, old in last.changed.items():
            if old is None:
                continue
            for field, first, shift, pairs in zip(
                fields,
                (n << 8, n, n << 1),
                (8, 0, 1),
                (packed_field(*old[0:2]), packed_field(*old[2:4]), packed_body(old)),
                strict=True,
            ):
                for token, _ in pairs:
                    found = field.get(token)
                    i = bisect.bisect_left(found, first) if found is not None else 0
                    if found is None or i == len(found) or found[i] >> shift != n:
                        return None
                    del found[i]
                    if not found:
                        del field[token]
                    touched.add(token)
        known = store.known(docs, last.changed)
        learned: dict[int, PackedTokens] = {}
        for n in last.changed:
            if n >= len(docs):
                continue
            new = known[n]
            if new is None:
                new = learned[n] = pack_fields(*doc_fields(docs[n]))
            base = n << 8
            even = n << 1
            for field, pairs in zip(
                fields,
                (
                    ((t, base | (p if p < 255 else 255)) for t, p in packed_field(*new[0:2])),
                    ((t, n) for t, _ in packed_field(*new[2:4])),
                    ((t, even | (c >= BODY_OFTEN)) for t, c in packed_body(new)),
                ),
                strict=True,
            ):
                for token, value in pairs:
                    found = field.get(token)
                    if found is None:
                        field[token] = array("I", (value,))
                    else:
                        bisect.insort(found, value)
                    touched.add(token)
        store.learn(docs, learned)
        store.note_tokenised(len(learned))
        return touched

    def tokens(self) -> list[str]:
        return sorted({*self.title, *self.keywords, *self.body}, key=js_order)

    def encode_many(self, tokens: Sequence[str]) -> dict[str, bytes]:
        """`encode` of each of `tokens`: by numpy, field by field over all their postings
        at once, when there are many (a cold build's 30,000 tokens and five million postings
        at 10k items: 0.60 -> 0.14-0.33 s); one by one when few (a patched index's)."""
        if len(tokens) < ENCODE_AT_ONCE:
            return {token: self.encode(token) for token in tokens}
        out: dict[str, bytes] = {}
        for group in self._groups(tokens):
            title = _field_bytes(self.title, group, _TITLE)
            keys = _field_bytes(self.keywords, group, _KEYWORDS)
            body = _field_bytes(self.body, group, _BODY)
            for i, token in enumerate(group):
                raw = token.encode("utf-8")
                out[token] = b"".join((
                    _varint_bytes(len(raw)), raw,
                    _varint_bytes(title.counts[i]), title.data[title.at[i] : title.at[i + 1]],
                    _varint_bytes(keys.counts[i]), keys.data[keys.at[i] : keys.at[i + 1]],
                    _varint_bytes(body.counts[i]), body.data[body.at[i] : body.at[i + 1]],
                ))  # fmt: skip
        return out

    def _groups(self, tokens: Sequence[str]) -> Iterator[Sequence[str]]:
        """Runs of `tokens` with ENCODE_GROUP postings or so between them: all at once, numpy's
        temporaries were 180 MB at 20k items."""
        start = total = 0
        for i, token in enumerate(tokens):
            for field in (self.title, self.keywords, self.body):
                found = field.get(token)
                total += len(found) if found is not None else 0
            if total >= ENCODE_GROUP:
                yield tokens[start : i + 1]
                start, total = i + 1, 0
        if start < len(tokens):
            yield tokens[start:]

    def encode(self, token: str) -> bytes:
        out = bytearray()
        raw = token.encode("utf-8")
        _varint(out, len(raw))
        out += raw
        title = self.title.get(token, ())
        _varint(out, len(title))
        last = 0
        for value in title:
            doc = value >> 8
            _varint(out, doc - last)
            out.append(value & 0xFF)
            last = doc
        keys = self.keywords.get(token, ())
        _varint(out, len(keys))
        last = 0
        for doc in keys:
            _varint(out, doc - last)
            last = doc
        body = self.body.get(token, ())
        _varint(out, len(body))
        last = 0
        append = out.append
        for value in body:
            doc = value >> 1
            delta = ((doc - last) << 1) | (value & 1)
            if delta < 0x80:
                append(delta)
            else:
                _varint(out, delta)
            last = doc
        return bytes(out)


ENCODE_AT_ONCE = 256  # tokens from which encode_many uses numpy
ENCODE_GROUP = 200_000  # postings encoded at once (numpy's temporaries: about 20 bytes each)

# How each field's postings are encoded after the document number's delta (`_field_bytes`).
_TITLE, _KEYWORDS, _BODY = "title", "keywords", "body"


@dataclass(frozen=True, slots=True)
class _FieldBytes:
    data: bytes  # every token's encoded postings of one field, one after the other
    at: list[int]  # where each token's start in `data` (and the end, last)
    counts: list[int]  # each token's number of postings


def _field_bytes(postings: dict[str, array[int]], tokens: Sequence[str], field: str) -> _FieldBytes:
    """One field's postings of `tokens`, encoded as `Inverted.encode` does, all at once. Each
    posting is the delta of its document number from the token's posting before, a varint:
    for the title followed by the offset byte; for the body with the often bit below it."""
    arrays = [postings.get(t) for t in tokens]
    counts = [len(a) if a is not None else 0 for a in arrays]
    flat = np.frombuffer(b"".join([a.tobytes() for a in arrays if a is not None]), np.uint32)
    starts = np.zeros(len(tokens) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    doc = flat >> np.uint32({_TITLE: 8, _KEYWORDS: 0, _BODY: 1}[field])
    value = np.empty_like(doc)  # (uint32 throughout: millions of values, made once)
    if doc.size:
        value[0] = doc[0]
        np.subtract(doc[1:], doc[:-1], out=value[1:])
        firsts = starts[:-1][np.asarray(counts) > 0]
        value[firsts] = doc[firsts]  # a token's first posting: from document 0
    if field == _BODY:
        value = (value << np.uint32(1)) | (flat & np.uint32(1))
    length = np.ones(value.size, dtype=np.uint8)
    for bits in (7, 14, 21, 28):
        length += value >= (1 << bits)
    size = length + np.uint8(1) if field == _TITLE else length
    ends = np.cumsum(size, dtype=np.int64)
    first = ends - size
    out = np.empty(int(ends[-1]) if value.size else 0, dtype=np.uint8)
    for k in range(int(length.max()) if value.size else 0):
        which = np.flatnonzero(length > k)
        part = ((value[which] >> np.uint32(7 * k)) & np.uint32(0x7F)).astype(np.uint8)
        part[length[which] > k + 1] |= 0x80  # more bytes follow
        out[first[which] + k] = part
    if field == _TITLE:
        out[ends - 1] = (flat & np.uint32(0xFF)).astype(np.uint8)
    at = np.concatenate(([0], ends))[starts].tolist()
    return _FieldBytes(out.tobytes(), at, counts)


@functools.lru_cache(maxsize=4096)
def _varint_bytes(value: int) -> bytes:
    out = bytearray()
    _varint(out, value)
    return bytes(out)


def _ready(inverted: Inverted) -> Callable[[], Inverted]:
    return lambda: inverted


def decode_shard(data: bytes) -> dict[str, Postings]:
    out: dict[str, Postings] = {}
    pos = 0
    while pos < len(data):
        size, pos = _read_varint(data, pos)
        token = data[pos : pos + size].decode("utf-8")
        pos += size
        count, pos = _read_varint(data, pos)
        title: dict[int, int] = {}
        doc = 0
        for _ in range(count):
            delta, pos = _read_varint(data, pos)
            doc += delta
            title[doc] = data[pos]
            pos += 1
        count, pos = _read_varint(data, pos)
        keys: list[int] = []
        doc = 0
        for _ in range(count):
            delta, pos = _read_varint(data, pos)
            doc += delta
            keys.append(doc)
        count, pos = _read_varint(data, pos)
        body: dict[int, int] = {}
        doc = 0
        for _ in range(count):
            value, pos = _read_varint(data, pos)
            doc += value >> 1
            body[doc] = value & 1
        out[token] = Postings(title, frozenset(keys), body)
    return out


def term_entries(docs: Sequence[SearchDoc]) -> list[Term]:
    """Suggestion terms with their pinyin and initials: every way to read them (at most four,
    from each character's two readings), "|"-joined, so that 重庆 is both zhongqing and
    chongqing. The word's usual reading comes first (phrase_readings: 高校 is gaoxiao before
    gaojiao), and suggestions rank it above the others (engine.suggest)."""
    vocabulary = vocabulary_terms(list(docs))
    usual = usual_readings(text for text, _ in vocabulary)
    out = []
    for text, count in vocabulary:
        readings = [tokenize.readings(c) for c in tokenize.normalise(text)]
        syllables = usual[text]
        ways: list[str] = ["".join(syllables)]
        heads: list[str] = ["".join(tokenize.initial(s) for s in syllables)]
        every: list[str] = [""]
        for options in readings:
            if options:
                every = [w + r for w in every for r in options][:4]
        firsts: list[str] = [""]
        for options in readings:
            if options:
                firsts = tokenize.unique(h + r[0] for h in firsts for r in options)[:4]
        ways = tokenize.unique([*ways, *every])[:4]
        heads = tokenize.unique([*heads, *firsts])[:4]
        out.append(Term(text, "|".join(ways), "|".join(heads), count))
    return out


def readings_table(
    docs: Sequence[SearchDoc], terms: Sequence[Term], tokens: Iterable[str] = ()
) -> dict[str, str]:
    """reading → characters: the 6,763 characters of GB 2312 and every character of the
    site's titles and keywords, for reading a query aloud in the browser; and the traditional
    forms of every character of the site's titles, keywords and body (`tokens`: the index's),
    so that 營商環境 sounds like 营商环境 in the browser as it does on the server (which reads
    every character) and is corrected to it. Only those the site's vocabulary can use: every
    traditional form would add about 13 KB compressed, the site's add a few."""
    chars: set[str] = set()
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((hi, lo)).decode("gb2312"))
    for text in {text for doc in docs for text in (doc.title, doc.keywords)}:
        chars.update(tokenize.normalise(text))  # (keywords recur: each distinct text once)
    for term in terms:
        chars.update(tokenize.normalise(term.text))
    # (each distinct character tested once: 30,000 tokens at 10k items hold 230,000)
    used = {char for char in set("".join(tokens)) if tokenize.is_han_char(char)}
    chars.update(hant.traditional_forms(used))
    table: dict[str, list[str]] = {}
    for char in sorted(chars):
        if not unicodedata.category(char).startswith("L"):
            continue
        for reading in tokenize.readings(char):
            table.setdefault(reading, []).append(char)
    return {r: "".join(cs) for r, cs in sorted(table.items())}


def fragment_json(doc: SearchDoc) -> dict[str, Any]:
    return {"t": doc.title, "u": doc.url, "d": doc.date, "b": doc.snippet_text}


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def write_client_index(
    docs: Sequence[SearchDoc],
    out: Writer,
    prefix: str = "search",
    jobs: int = 1,
    store: IndexStore | None = None,
    synonyms: Sequence[tuple[str, ...]] = (),
) -> int:
    """Write the index of `docs` (newest first) under `prefix`; returns the files written.
    `jobs`: processes that tokenise (the output is the same for any number); `store`: what the
    last builds computed, not computed again (the output is the same); `synonyms`: the groups
    queries are read with (synonyms.load_synonyms), kept in the entry file only."""
    written = 0

    def put(rel: str, data: bytes) -> None:
        nonlocal written
        out.write_bytes(f"{prefix}/{rel}", data)
        written += 1

    # The postings: the last build's, patched where few documents changed; or every
    # document's tokens inverted (before the writer threads: workers fork first).
    last = store.last_index(docs) if store is not None else None
    touched = None
    if last is not None and store is not None:
        touched = last.inverted.patch(docs, last, store)
    encoded: dict[str, bytes] = {}  # tokens whose postings are unchanged: their blocks
    if last is not None and touched is not None:
        inverting = _ready(last.inverted)
        encoded = last.blocks
        for token in touched:
            encoded.pop(token, None)
    else:
        inverting = Inverted.start(docs, jobs, store)
    # Compressing is a third of the time left once the postings are patched, and most files
    # hold what they held: fragments of unchanged documents, shards of unchanged tokens.
    was_packed = last.packed if last is not None else {}
    packed: dict[bytes, bytes] = {}

    def compress(data: bytes, level: int = LEVEL) -> bytes:
        if store is None:
            return pack(data, level)
        key = hashlib.blake2b(data, digest_size=16, salt=bytes((level,))).digest()
        found = was_packed.get(key)
        if found is None:
            found = pack(data, level)
        packed[key] = found
        return found

    fragments = [
        compress(_json([fragment_json(doc) for doc in docs[i : i + BUNDLE]]), BULK_LEVEL)
        for i in range(0, len(docs), BUNDLE)
    ]
    digest = hashlib.sha256()
    for data in fragments:
        digest.update(hashlib.sha256(data).digest())
    folder = f"f{digest.hexdigest()[:10]}"
    # Thousands of small files, written by this thread: creating a file is kernel time, not
    # waiting on the disk, and threads creating files side by side contend for the
    # directory's locks (bench/RESULTS.md: four writer threads took 1.5-2 x the CPU).
    for n, data in enumerate(fragments):
        put(f"{folder}/{n}.bin", data)
    del fragments

    columns = sorted({(d.column, d.column_label) for d in docs})
    column_index = {c: i for i, c in enumerate(columns)}
    years = sorted({d.year for d in docs if d.year}, reverse=True)
    year_index = {y: i + 1 for i, y in enumerate(years)}
    table = bytearray()
    for doc in docs:
        table.append(TYPE_ORDER.index(doc.type))
        table += column_index[(doc.column, doc.column_label)].to_bytes(2, "little")
        table.append(year_index.get(doc.year, 0))
    doc_data = compress(bytes(table))
    doc_name = f"d.{_hash(doc_data)}.bin"
    put(doc_name, doc_data)

    terms = term_entries(docs)
    term_data = compress(_json([[t.text, t.pinyin, t.initials, t.count] for t in terms]))
    term_name = f"t.{_hash(term_data)}.bin"
    put(term_name, term_data)

    inverted = inverting()
    tokens = inverted.tokens()
    py_data = compress(_json(readings_table(docs, terms, tokens)))
    py_name = f"p.{_hash(py_data)}.bin"
    put(py_name, py_data)
    shards: list[list[str]] = []
    chunk = bytearray()
    first = ""
    blocks: dict[str, bytes] = {}
    fresh = inverted.encode_many([t for t in tokens if t not in encoded])
    for token in tokens:
        block = encoded.get(token)
        if block is None:
            block = fresh[token]
        blocks[token] = block
        if chunk and len(chunk) + len(block) > SHARD_BYTES:
            data = compress(bytes(chunk), BULK_LEVEL)
            name = _hash(data)
            put(f"s/{name}.bin", data)
            shards.append([first, name])
            chunk = bytearray()
        if not chunk:
            first = token
        chunk += block
    if chunk:
        data = compress(bytes(chunk), BULK_LEVEL)
        name = _hash(data)
        put(f"s/{name}.bin", data)
        shards.append([first, name])
    if store is not None:
        store.keep_index(docs, inverted, blocks, packed)
    del inverted, encoded, blocks, fresh

    entry = {
        "format": FORMAT,
        "site": docs[0].site if docs else "",
        "count": len(docs),
        "shards": shards,
        "docs": doc_name,
        "terms": term_name,
        "readings": py_name,
        "fragments": folder,
        "bundle": BUNDLE,
        "types": list(TYPE_ORDER),
        "columns": [list(c) for c in columns],
        "years": years,
        "syllables": list(tokenize.syllables()),
        "stop": list(tokenize.STOP_WORDS),
        "synonyms": [list(group) for group in synonyms],
    }
    put(ENTRY, pack(_json(entry)))
    return written


# --- reading it back (tests, the benchmark, and the reference for search.js) ----------------


class ClientSource:
    """The client index read from a built site: the same answers search.js gives."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entry = json.loads(gzip.decompress((folder / ENTRY).read_bytes()))
        self._bounds = [js_order(s[0]) for s in self.entry["shards"]]
        self._shards: dict[int, dict[str, Postings]] = {}
        table = gzip.decompress((folder / self.entry["docs"]).read_bytes())
        years = self.entry["years"]
        self.types = [table[i] for i in range(0, len(table), 4)]
        self.columns = [
            int.from_bytes(table[i + 1 : i + 3], "little") for i in range(0, len(table), 4)
        ]
        self.years = [
            years[table[i + 3] - 1] if table[i + 3] else "" for i in range(0, len(table), 4)
        ]
        self.sites = [0] * len(self.types)
        self.column_keys = [c[0] for c in self.entry["columns"]]
        self.column_labels = [c[1] for c in self.entry["columns"]]
        self.site_keys = [self.entry["site"]]
        self.synonyms = tuple(tuple(group) for group in self.entry.get("synonyms", ()))
        self._terms: list[Term] | None = None
        self._bundles: dict[int, list[dict[str, str]]] = {}
        self.bytes_read = 0
        self.files_read: list[str] = []

    def _load(self, rel: str) -> bytes:
        data = (self.folder / rel).read_bytes()
        self.bytes_read += len(data)
        self.files_read.append(rel)
        return gzip.decompress(data)

    def shard_of(self, token: str) -> int:
        return max(0, bisect.bisect_right(self._bounds, js_order(token)) - 1)

    def postings(self, tokens: Iterable[str]) -> dict[str, Postings]:
        out: dict[str, Postings] = {}
        for token in tokens:
            index = self.shard_of(token)
            if index not in self._shards:
                name = self.entry["shards"][index][1]
                self._shards[index] = decode_shard(self._load(f"s/{name}.bin"))
            found = self._shards[index].get(token)
            if found is not None:
                out[token] = found
        return out

    def fragments(self, ids: Iterable[int]) -> dict[int, Fragment]:
        out = {}
        size = self.entry["bundle"]
        for n in ids:
            bundle = self._bundles.get(n // size)
            if bundle is None:
                bundle = json.loads(self._load(f"{self.entry['fragments']}/{n // size}.bin"))
                self._bundles[n // size] = bundle
            raw = bundle[n % size]
            out[n] = Fragment(raw["t"], raw["u"], raw["d"], raw["b"])
        return out

    def terms(self) -> Sequence[Term]:
        if self._terms is None:
            raw = json.loads(self._load(self.entry["terms"]))
            self._terms = [Term(t, p, i, n) for t, p, i, n in raw]
        return self._terms
