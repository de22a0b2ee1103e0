"""Documents' tokens from build to build (issue 9), by a digest of what they come from, in an
SQLite file of <site>/.ssg-cache/ (safe to delete).

A pickle of every document's tokens is 50 MB on a 10k-item site: after one edit a build read
all of it to use two entries and wrote all of it again, and the preview carried it in memory
for the length of each build. Here a build reads the rows it needs (all of them only when it
inverts every document) and writes the rows it learned, from the processes that learned them.

Rows are a pure function of their key and of the code (whose fingerprint the file holds: a
file of other code is emptied), so a build may add rows before it knows whether its output
will be kept. A file that SQLite cannot read is deleted and started again: only a slower build.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from array import array
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ssg.search.documents import PackedTokens

_FORMAT = 6  # part of the code a file must be of: another format's file is made again
# Pages of 32 KB: a row (one document's tokens, 6 KB at 10k items) on one page, not on a chain
# of 4 KB overflow pages. Writing 10,000 rows took 0.085 s instead of 0.10-0.12, reading
# them all 0.28 instead of 0.34 (bench/RESULTS.md, 2026-11-28).
_PAGE = 32768
# A row is one document's PackedTokens: per field its tokens "\n"-joined (a title's or
# keywords' token may be there twice: documents.packed_field) and its values as four-byte
# integers; the body's bigrams as their codes' bytes, with their counts. Rows of 5 KB: a rowid
# table (WITHOUT ROWID suits small rows, and writes these 50% slower).
_FIELDS = "title, title_values, keywords, keyword_values, body, body_values, pairs, pair_counts"
_TABLE = (
    "CREATE TABLE tokens (key BLOB PRIMARY KEY, title TEXT, title_values BLOB, keywords TEXT, "
    "keyword_values BLOB, body TEXT, body_values BLOB, pairs BLOB, pair_counts BLOB)"
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
        """The stored tokens of those of `keys` that have them."""
        wanted = list(dict.fromkeys(keys))
        db = self._open() if wanted else None
        found: dict[bytes, PackedTokens] = {}
        if db is None:
            return found
        try:
            for key in wanted:
                row = db.execute(f"SELECT {_FIELDS} FROM tokens WHERE key = ?", (key,)).fetchone()
                if row is not None:
                    found[key] = _packed(row)
        except (sqlite3.Error, ValueError, TypeError):
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
            for key, *row in db.execute(f"SELECT key, {_FIELDS} FROM tokens"):
                if key in wanted:
                    found[key] = _packed(row)
        except (sqlite3.Error, ValueError, TypeError):
            self._reset()
            return {}
        return found

    # --- writing ------------------------------------------------------------------------

    def put(self, entries: Mapping[bytes, PackedTokens]) -> None:
        """Write these rows now, in one transaction. The workers that tokenise a large site
        each write their own (SQLite has them take turns); rows are a pure function of their
        key, so they may be written before the build knows whether its output is kept."""
        db = self._open() if entries else None
        if db is None:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany(
                    f"INSERT OR REPLACE INTO tokens (key, {_FIELDS}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (_row(k, v) for k, v in entries.items()),
                )
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.OperationalError:  # busy past the timeout, or no room: rows not kept
            pass
        except sqlite3.Error:
            self._reset()

    def keep_only(self, current: Iterable[bytes]) -> None:
        """Drop the rows of keys not in `current` (documents edited or deleted since): the
        file holds the tokens of the documents of this build."""
        db = self._open()
        if db is None:
            return
        keep = list(dict.fromkeys(current))
        try:
            with db:
                (rows,) = db.execute("SELECT COUNT(*) FROM tokens").fetchone()
                if rows > len(keep):  # (fewer: nothing but current rows can be there)
                    db.execute("CREATE TEMP TABLE IF NOT EXISTS current (key BLOB PRIMARY KEY)")
                    db.execute("DELETE FROM current")
                    db.executemany("INSERT OR IGNORE INTO current VALUES (?)", ((k,) for k in keep))
                    db.execute("DELETE FROM tokens WHERE key NOT IN (SELECT key FROM current)")
                    db.execute("DELETE FROM current")
        except sqlite3.OperationalError:  # (stale rows stay: only a larger file)
            pass
        except sqlite3.Error:
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


def _row(key: bytes, packed: PackedTokens) -> tuple[object, ...]:
    title, title_values, keywords, keyword_values, body, body_values, pairs, counts = packed
    return (key, title, title_values.tobytes(), keywords, keyword_values.tobytes(), body,
            body_values.tobytes(), pairs, counts.tobytes())  # fmt: skip


def _packed(row: Sequence[object]) -> PackedTokens:
    """A row back into PackedTokens; ValueError or TypeError if it is not one."""
    title, title_values, keywords, keyword_values, body, body_values, pairs, pair_counts = row
    if not (isinstance(title, str) and isinstance(keywords, str) and isinstance(body, str)):
        raise TypeError("not packed tokens")
    if not isinstance(pairs, bytes):
        raise TypeError("not packed bigrams")
    counts = _values(pair_counts)
    if len(pairs) != 8 * len(counts):
        raise ValueError("bigrams and counts differ")
    if pairs:
        import numpy as np

        from ssg.search.tokenize import are_bigrams

        if not are_bigrams(np.frombuffer(pairs, dtype=np.uint64)):
            raise ValueError("not bigrams")
    return (title, _values(title_values), keywords, _values(keyword_values), body,
            _values(body_values), pairs, counts)  # fmt: skip


def _values(blob: object) -> array[int]:
    if not isinstance(blob, bytes):
        raise TypeError("not packed values")
    values = array("I")
    values.frombytes(blob)  # (ValueError when not a whole number of them)
    return values
