"""Documents' tokens from build to build (issue 9), by a digest of what they come from, in an
SQLite file of <site>/.ssg-cache/ (safe to delete).

A pickle of every document's tokens is 50 MB on a 10k-item site: after one edit a build read
all of it to use two entries and wrote all of it again, and the preview carried it in memory
for the length of each build. Here a build reads the rows it needs (all of them only when it
inverts every document) and writes the rows it learned.

Rows are a pure function of their key and of the code (whose fingerprint the file holds: a
file of other code is emptied), so a build may add rows before it knows whether its output
will be kept. A file that SQLite cannot read is deleted and started again: only a slower build.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

from ssg.search.documents import PackedTokens

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (code TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
"""


class TokenStore:
    def __init__(self, path: Path, code: str, enabled: bool) -> None:
        self.path = path
        self.code = code
        self.enabled = enabled
        self._db: sqlite3.Connection | None = None
        self._pid = 0  # the process that opened _db: a forked child opens its own
        self._new: dict[bytes, PackedTokens] = {}  # learned, not yet written

    # --- reading ------------------------------------------------------------------------

    def get(self, keys: Iterable[bytes]) -> dict[bytes, PackedTokens]:
        """The stored tokens of those of `keys` that have them (and the ones learned)."""
        wanted = list(dict.fromkeys(keys))
        found = {k: self._new[k] for k in wanted if k in self._new}
        missing = [k for k in wanted if k not in found]
        db = self._open() if missing else None
        if db is None:
            return found
        try:
            for key in missing:
                row = db.execute("SELECT value FROM tokens WHERE key = ?", (key,)).fetchone()
                if row is not None:
                    found[key] = self._value(row[0])
        except (sqlite3.Error, pickle.UnpicklingError, ValueError, TypeError, EOFError):
            self._reset()
            return {k: v for k, v in found.items() if k in self._new}
        return found

    def get_all(self, keys: Iterable[bytes]) -> dict[bytes, PackedTokens]:
        """As get(), in one pass over the file: for when most rows are wanted."""
        wanted = set(keys)
        found = {k: v for k, v in self._new.items() if k in wanted}
        db = self._open()
        if db is None:
            return found
        try:
            for key, value in db.execute("SELECT key, value FROM tokens"):
                if key in wanted and key not in found:
                    found[key] = self._value(value)
        except (sqlite3.Error, pickle.UnpicklingError, ValueError, TypeError, EOFError):
            self._reset()
            return {k: v for k, v in found.items() if k in self._new}
        return found

    @staticmethod
    def _value(blob: bytes) -> PackedTokens:
        value = pickle.loads(blob)
        if not (isinstance(value, tuple) and len(value) == 6):
            raise ValueError("not packed tokens")
        return value

    # --- writing ------------------------------------------------------------------------

    def put(self, entries: Mapping[bytes, PackedTokens]) -> None:
        if self.enabled:
            self._new.update(entries)

    def flush(self, current: Iterable[bytes]) -> None:
        """Write the rows learned and drop those of keys not in `current` (documents edited
        or deleted since): the file holds the tokens of the documents of this build."""
        db = self._open()
        if db is None:
            self._new.clear()
            return
        keep = list(dict.fromkeys(current))
        try:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO tokens (key, value) VALUES (?, ?)",
                    (
                        (k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL))
                        for k, v in self._new.items()
                    ),
                )
                (rows,) = db.execute("SELECT COUNT(*) FROM tokens").fetchone()
                if rows > len(keep):  # every current key has its row: the others are stale
                    db.execute("CREATE TEMP TABLE IF NOT EXISTS current (key BLOB PRIMARY KEY)")
                    db.execute("DELETE FROM current")
                    db.executemany("INSERT OR IGNORE INTO current VALUES (?)", ((k,) for k in keep))
                    db.execute("DELETE FROM tokens WHERE key NOT IN (SELECT key FROM current)")
                    db.execute("DELETE FROM current")
        except sqlite3.Error:
            self._reset()
        self._new.clear()

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
                db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
                # A cache: losing the last writes to a crash only costs time.
                db.execute("PRAGMA synchronous = OFF")
                db.executescript(_SCHEMA)
                row = db.execute("SELECT code FROM meta").fetchone()
                if row is None or row[0] != self.code:
                    with db:
                        db.execute("DELETE FROM tokens")
                        db.execute("DELETE FROM meta")
                        db.execute("INSERT INTO meta (code) VALUES (?)", (self.code,))
                self._db, self._pid = db, os.getpid()
                return db
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
