"""Documents' tokens from build to build (issue 9), by a digest of what they come from, in an
SQLite file of <site>/.ssg-cache/ (safe to delete).

A pickle of every document's tokens is 50 MB on a 10k-item site: after one edit a build read
all of it to use two entries and wrote all of it again, and the preview carried it in memory
for the length of each build. Here a build reads the rows that hold the documents it needs
(all of them only when it inverts every document), cutting each document's tokens from its
row, and writes what it learned, from the processes that learned them: a row holds documents
tokenised together (a hundred of a cold build's; one an edit's).

Rows are a pure function of their keys and of the code (whose fingerprint the file holds: a
file of other code is emptied), so a build may add rows before it knows whether its output
will be kept. A file that SQLite cannot read is deleted and started again: only a slower build.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ssg.search.documents import PackedTokens

_FORMAT = 7  # part of the code a file must be of: another format's file is made again
# Pages of 32 KB. With a row a document (6 KB at 10k items), 32 KB pages took writing 10,000
# rows from 0.10-0.12 s to 0.085, reading them all from 0.34 to 0.28 (bench/RESULTS.md,
# 2026-11-28); rows are now a hundred documents (client_index.ROW_DOCS), 600 KB.
_PAGE = 32768
KEY_SIZE = 16  # (cache.token_key)
# A row is the tokens of documents a build tokenised together (TokenRows): SQLite's cost is
# per row, and a cold build wrote 10,000 rows of one document each at 10k items. The keys
# come first, so that finding a document's row reads a page of each row, not its tokens.
_FIELDS = (
    "title, title_values, keywords, keyword_values, body, body_values, pairs, pair_counts, edges"
)
_TABLE = (
    "CREATE TABLE tokens (id INTEGER PRIMARY KEY, keys BLOB, title TEXT, title_values BLOB, "
    "keywords TEXT, keyword_values BLOB, body TEXT, body_values BLOB, pairs BLOB, "
    "pair_counts BLOB, edges BLOB)"
)
_EDGES = 7  # arrays of edges a row has: a field's text and values (three fields), the bigrams


@dataclass(frozen=True, slots=True)
class TokenRows:
    """The packed tokens (documents.PackedTokens) of documents stored together, one after the
    other: each field's texts joined as they are, its values' bytes (four-byte integers)
    joined, and the bodies' bigram codes and counts; `edges` (four-byte integers) says where
    each document's part of each starts: per field its text (characters) and its values,
    then its bigrams, n + 1 numbers each. Made in one piece from a batch's arrays
    (client_index._next_batch) instead of a PackedTokens a document."""

    title: str
    title_values: bytes
    keywords: str
    keyword_values: bytes
    body: str
    body_values: bytes
    pairs: bytes
    pair_counts: bytes
    edges: bytes


def rows_of(entries: Sequence[PackedTokens]) -> TokenRows:
    """These documents' packed tokens as one row."""
    edges = array("I")
    for part in range(6):
        sizes = (len(packed[part]) for packed in entries)
        edges.extend(itertools.accumulate(sizes, initial=0))
    edges.extend(itertools.accumulate((len(p[7]) for p in entries), initial=0))
    return TokenRows(
        "".join(p[0] for p in entries),
        b"".join(p[1].tobytes() for p in entries),
        "".join(p[2] for p in entries),
        b"".join(p[3].tobytes() for p in entries),
        "".join(p[4] for p in entries),
        b"".join(p[5].tobytes() for p in entries),
        b"".join(p[6] for p in entries),
        b"".join(p[7].tobytes() for p in entries),
        edges.tobytes(),
    )


class TokenStore:
    def __init__(self, path: Path, code: str, enabled: bool) -> None:
        self.path = path
        self.code = code
        self.enabled = enabled
        self._db: sqlite3.Connection | None = None
        self._pid = 0  # the process that opened _db: a forked child opens its own

    # --- reading ------------------------------------------------------------------------

    def get(self, keys: Iterable[bytes]) -> dict[bytes, PackedTokens]:
        """The stored tokens of those of `keys` that have them: each cut from its row."""
        wanted = list(dict.fromkeys(keys))
        db = self._open() if wanted else None
        found: dict[bytes, PackedTokens] = {}
        if db is None:
            return found
        try:
            where = _places(db)
            by_row: dict[int, list[tuple[bytes, int]]] = {}
            for key in wanted:
                place = where.get(key)
                if place is not None:
                    by_row.setdefault(place[0], []).append((key, place[1]))
            for rowid, places in by_row.items():
                row = db.execute(f"SELECT {_FIELDS} FROM tokens WHERE id = ?", (rowid,)).fetchone()
                cut = _Cutter(row)
                for key, i in places:
                    found[key] = cut(i)
        except (sqlite3.Error, ValueError, TypeError, IndexError):
            self._reset()
            return {}
        return found

    def get_all(self, keys: Iterable[bytes]) -> dict[bytes, PackedTokens]:
        """As get(), in one pass over the file: for when most rows are wanted."""
        wanted = set(keys)
        found: dict[bytes, PackedTokens] = {}
        db = self._open()
        if db is None:
            return found
        try:
            for stored, *row in db.execute(f"SELECT keys, {_FIELDS} FROM tokens"):
                cut = _Cutter(row)
                for i, key in enumerate(_keys(stored)):
                    if key in wanted and key not in found:
                        found[key] = cut(i)
        except (sqlite3.Error, ValueError, TypeError, IndexError):
            self._reset()
            return {}
        return found

    # --- writing ------------------------------------------------------------------------

    def put(self, entries: Mapping[bytes, PackedTokens]) -> None:
        """Write these documents' tokens now, as one row (rows_of)."""
        if entries:
            self.put_rows(list(entries), rows_of(list(entries.values())))

    def put_rows(self, keys: Sequence[bytes], rows: TokenRows) -> None:
        """Write the tokens of the documents `keys` (in the order of `rows`) now, in one
        transaction. The workers that tokenise a large site each write their own (SQLite has
        them take turns); rows are a pure function of their keys, so they may be written
        before the build knows whether its output is kept."""
        db = self._open() if keys else None
        if db is None:
            return
        if any(len(key) != KEY_SIZE for key in keys):
            raise ValueError("token keys are of KEY_SIZE bytes")
        try:
            with db:
                db.execute("BEGIN IMMEDIATE")
                _insert(db, keys, rows)
        except sqlite3.OperationalError:  # busy past the timeout, or no room: rows not kept
            pass
        except sqlite3.Error:
            self._reset()

    def keep_only(self, current: Iterable[bytes]) -> None:
        """Drop the tokens of keys not in `current` (documents edited or deleted since): a
        row none of whose documents is current goes; a row of which more than half are no
        longer current (each edit leaves its document's old tokens in their batch's row) is
        written again with only its current ones. The file holds about the tokens of the
        documents of this build."""
        db = self._open()
        if db is None:
            return
        keep = set(current)
        try:
            with db:
                db.execute("BEGIN IMMEDIATE")
                seen: set[bytes] = set()
                for rowid, stored in db.execute("SELECT id, keys FROM tokens").fetchall():
                    keys = _keys(stored)
                    live = [i for i, key in enumerate(keys) if key in keep and key not in seen]
                    seen.update(keys[i] for i in live)
                    if 2 * len(live) >= len(keys):
                        continue
                    if live:
                        row = db.execute(
                            f"SELECT {_FIELDS} FROM tokens WHERE id = ?", (rowid,)
                        ).fetchone()
                        cut = _Cutter(row)
                        _insert(db, [keys[i] for i in live], rows_of([cut(i) for i in live]))
                    db.execute("DELETE FROM tokens WHERE id = ?", (rowid,))
        except sqlite3.OperationalError:  # (stale rows stay: only a larger file)
            pass
        except (sqlite3.Error, ValueError, TypeError, IndexError):
            self._reset()

    def close(self) -> None:
        if self._db is not None and self._pid == os.getpid():
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    # --- the file -----------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection | None:
        if not self.enabled:
            return None
        if self._db is not None and self._pid == os.getpid():
            return self._db
        self._db = None  # (a connection inherited across fork is never used)
        for _attempt in range(2):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(
                    self.path, isolation_level=None, check_same_thread=False, timeout=60
                )
                # A cache: losing the last writes to a crash only costs time (a file left
                # unreadable is deleted above). With the rollback journal on disk, writing
                # 10,000 rows took 0.9 s; in memory 0.3 s, as long as pickling them.
                db.execute("PRAGMA synchronous = OFF")
                db.execute("PRAGMA journal_mode = MEMORY")
                db.execute(f"PRAGMA page_size = {_PAGE}")  # (a new file's: set before a table)
                # Rows are written and read in rowid order: a page is not wanted twice. SQLite's
                # default cache (2,000 KiB) filled with 32 KB pages held 4-5 MiB more at the
                # search index's peak (1k items), the preview's largest moment; 500 KiB costs
                # no CPU (bench/RESULTS.md, session 20).
                db.execute("PRAGMA cache_size = -500")
                code = f"{self.code}/{_FORMAT}"
                # In one transaction: another process (a tokenising worker) may be opening
                # the same file, and must find either no table or the whole of it.
                db.execute("BEGIN IMMEDIATE")
                try:
                    db.execute("CREATE TABLE IF NOT EXISTS meta (code TEXT NOT NULL)")
                    row = db.execute("SELECT code FROM meta").fetchone()
                    made = row is None or row[0] != code
                    if made:
                        db.execute("DROP TABLE IF EXISTS tokens")
                        db.execute(_TABLE)
                        db.execute("DELETE FROM meta")
                        db.execute("INSERT INTO meta (code) VALUES (?)", (code,))
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
                if made and db.execute("PRAGMA page_size").fetchone()[0] != _PAGE:
                    db.execute("VACUUM")  # (a file of other code, emptied: in _PAGE pages now)
                self._db, self._pid = db, os.getpid()
                return db
            except sqlite3.OperationalError:  # busy past the timeout, or no room: not damage
                break
            except sqlite3.Error:
                with contextlib.suppress(OSError):
                    self.path.unlink()
        self.enabled = False  # (no usable file here: the build goes on without one)
        return None

    def _reset(self) -> None:
        """The file could not be read: start it again."""
        self.close()
        with contextlib.suppress(OSError):
            self.path.unlink()


def cut_rows(rows: TokenRows) -> list[PackedTokens]:
    """Each document's packed tokens of a row, in order."""
    cut = _Cutter(_columns(rows))
    return [cut(i) for i in range(len(cut.edges[0]) - 1)]


def _columns(rows: TokenRows) -> tuple[object, ...]:
    return (rows.title, rows.title_values, rows.keywords, rows.keyword_values, rows.body,
            rows.body_values, rows.pairs, rows.pair_counts, rows.edges)  # fmt: skip


def _insert(db: sqlite3.Connection, keys: Sequence[bytes], rows: TokenRows) -> None:
    db.execute(
        f"INSERT INTO tokens (keys, {_FIELDS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (b"".join(keys), *_columns(rows)),
    )


def _keys(stored: object) -> list[bytes]:
    if not isinstance(stored, bytes) or len(stored) % KEY_SIZE:
        raise TypeError("not keys")
    return [stored[i : i + KEY_SIZE] for i in range(0, len(stored), KEY_SIZE)]


def _places(db: sqlite3.Connection) -> dict[bytes, tuple[int, int]]:
    """Each stored key's row and place in it (the first, should a key be in two rows)."""
    where: dict[bytes, tuple[int, int]] = {}
    for rowid, stored in db.execute("SELECT id, keys FROM tokens ORDER BY id DESC"):
        for i, key in enumerate(_keys(stored)):
            where[key] = (rowid, i)
    return where


class _Cutter:
    """One document's PackedTokens cut from a row read back; ValueError, TypeError or
    IndexError (edges too few for its keys) if the row is not one."""

    def __init__(self, row: Sequence[object]) -> None:
        title, title_values, keywords, keyword_values, body, body_values, pairs, counts, edges = row
        if not (isinstance(title, str) and isinstance(keywords, str) and isinstance(body, str)):
            raise TypeError("not packed tokens")
        blobs = (title_values, keyword_values, body_values, pairs, counts)
        if not all(isinstance(blob, bytes) for blob in blobs):
            raise TypeError("not packed values")
        self.texts = (title, keywords, body)
        self.values = (_values(title_values), _values(keyword_values), _values(body_values))
        self.pairs: bytes = pairs  # type: ignore[assignment]
        self.counts = _values(counts)
        every = _values(edges)
        if len(every) % _EDGES:
            raise ValueError("not edges")
        size = len(every) // _EDGES
        self.edges = [every[k * size : (k + 1) * size] for k in range(_EDGES)]

    def __call__(self, i: int) -> PackedTokens:
        (title, keywords, body), (title_values, keyword_values, body_values) = (
            self.texts,
            self.values,
        )
        edges = self.edges
        a, b = edges[6][i], edges[6][i + 1]
        pairs, counts = self.pairs[8 * a : 8 * b], self.counts[a:b]
        if len(pairs) != 8 * len(counts):
            raise ValueError("bigrams and counts differ")
        if pairs:
            import numpy as np

            from ssg.search.tokenize import are_bigrams

            if not are_bigrams(np.frombuffer(pairs, dtype=np.uint64)):
                raise ValueError("not bigrams")
        return (
            title[edges[0][i] : edges[0][i + 1]],
            title_values[edges[1][i] : edges[1][i + 1]],
            keywords[edges[2][i] : edges[2][i + 1]],
            keyword_values[edges[3][i] : edges[3][i + 1]],
            body[edges[4][i] : edges[4][i + 1]],
            body_values[edges[5][i] : edges[5][i + 1]],
            pairs,
            counts,
        )


def _values(blob: object) -> array[int]:
    if not isinstance(blob, bytes):
        raise TypeError("not packed values")
    values = array("I")
    values.frombytes(blob)  # (ValueError when not a whole number of them)
    return values
