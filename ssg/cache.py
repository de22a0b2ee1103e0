"""The content-hash cache for warm and incremental builds, in <site>/.ssg-cache/ (safe to delete).

Parsing and validating a file depends only on its bytes, the default type its column gives it,
and ssg's own code: those form the key. A file is hashed once: its digest is kept with the
identity of the file it came from (inode, size, mtime, ctime), and while that is unchanged the
file is not read again. As in git, an identity whose mtime was within two seconds of the build
is not kept ("racy": a second write in the same clock tick would leave it unchanged); ctime,
which no tool can set, catches a copy that keeps size and mtime. A build with nothing changed
parses nothing and reads only the files saved just before the last build.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ssg import __version__, sealed
from ssg.diagnostics import Diagnostic

CACHE_DIR = ".ssg-cache"
_PACKAGE = Path(__file__).parent
# The modules whose code decides what a parsed file becomes.
# Every module whose code decides a file's parse result: the parser's own and what it imports
# from ssg (tests/test_cache.py follows the imports and holds this list to them).
_PARSE_CODE = (
    "content/__init__.py",
    "content/frontmatter.py",
    "content/validate.py",
    "content/model.py",
    "content/invisible.py",
    "content/lookalike.py",
    "content/rule_code.py",
    "config.py",
    "diagnostics.py",
    "monitor/urls.py",
    "rule_catalogue.py",
    "written_path.py",
)


def _code_fingerprint() -> str:
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    for name in _PARSE_CODE:
        digest.update((_PACKAGE / name).read_bytes())
    return digest.hexdigest()


def parse_cache_path(root: Path) -> Path:
    return root / CACHE_DIR / f"parse-{_code_fingerprint()}.pickle"


def content_digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


Entry = tuple[str, str, Any, tuple[Diagnostic, ...]]  # (digest, default type, result, diagnostics)
FileStamp = tuple[int, int, int, int]  # (st_ino, st_size, st_mtime_ns, st_ctime_ns)
RACY_NS = 2_000_000_000  # an mtime this close to the build's start is not trusted


def file_stamp(stat: os.stat_result) -> FileStamp:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


class ParseCache:
    """rel path → what parsing that file gave last time, valid while its key is unchanged."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.enabled = enabled
        self.path = parse_cache_path(root)
        self.entries: dict[str, Entry] = {}
        self.stamps: dict[str, tuple[FileStamp, str]] = {}  # rel → (file identity, digest)
        self.seen: set[str] = set()
        self.dirty = False
        self.hits = 0
        self.unread = 0  # files known by their identity: not read to be hashed
        self.started_ns = time.time_ns()
        if enabled:
            # A damaged, foreign or older cache (ssg/sealed.py) is only a slower build.
            stored = sealed.load(self.path)
            if isinstance(stored, tuple) and len(stored) == 2:
                entries, stamps = stored
                if isinstance(entries, dict) and isinstance(stamps, dict):
                    self.entries, self.stamps = entries, stamps

    def known_digest(self, rel: str, stamp: FileStamp, context: str) -> str | None:
        """The digest of the file `rel` when its identity is the one recorded with it and
        what it parsed to is kept for `context` (else the file must be read anyway)."""
        found = self.stamps.get(rel)
        if found is None or found[0] != stamp:
            return None
        entry = self.entries.get(rel)
        if entry is None or entry[0] != found[1] or entry[1] != context:
            return None
        self.unread += 1
        return found[1]

    def hashed(self, rel: str, stamp: FileStamp, digest: str) -> None:
        """The file `rel`, whose identity was `stamp` before it was read, hashes to `digest`."""
        if stamp[2] < self.started_ns - RACY_NS:
            if self.stamps.get(rel) != (stamp, digest):
                self.stamps[rel] = (stamp, digest)
                self.dirty = True
        elif self.stamps.pop(rel, None) is not None:
            self.dirty = True

    def get(self, rel: str, digest: str, context: str) -> tuple[Any, Sequence[Diagnostic]] | None:
        """What the file `rel` parsed to, if its bytes hash to `digest` and it was parsed in
        the same `context`: everything besides its bytes that an item depends on (its default
        type, id, column, whether it is a bundle's), which an `_index.md` added to or taken
        from a folder changes for the same file."""
        self.seen.add(rel)
        entry = self.entries.get(rel)
        if entry is None or entry[0] != digest or entry[1] != context:
            return None
        self.hits += 1
        return entry[2], entry[3]

    def put(
        self, rel: str, digest: str, context: str, result: Any, diags: Sequence[Diagnostic]
    ) -> None:
        self.seen.add(rel)
        self.entries[rel] = (digest, context, result, tuple(diags))
        self.dirty = True

    def renew(self) -> ParseCache:
        """Ready for another build, keeping what is known: `ssg serve` keeps one in memory
        from build to build (its items are the live site's, not a second copy read from the
        file) and saves it when it stops."""
        self.seen = set()
        self.hits = 0
        self.unread = 0
        self.started_ns = time.time_ns()
        return self

    def prune(self) -> None:
        """Forget the files this run did not see (deleted or moved)."""
        stale = set(self.entries) - self.seen
        if stale:
            self.dirty = True
        for rel in stale:
            del self.entries[rel]
        for rel in set(self.stamps) - self.seen:
            del self.stamps[rel]

    def save(self) -> None:
        """Write the entries of this run (deleted files drop out), atomically."""
        if not self.enabled:
            return
        self.prune()
        if not self.dirty:
            return
        self.dirty = False
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("parse-*.pickle"):
            if old != self.path:
                old.unlink(missing_ok=True)  # caches of other ssg versions
        sealed.dump(self.path, (self.entries, self.stamps), prefix=".parse-")

    def save_beside(self) -> Callable[[], None]:
        """save() in a forked process, while the build goes on; returns what waits for it.
        Pickling a 10k-item site's entries took 0.25 s of the cold build's one-process start
        (the other core has nothing to do yet). In this process where forking is not safe
        (other threads: `ssg serve`)."""
        self.prune()
        if not self.enabled or not self.dirty:
            return lambda: None  # (nothing new to write)
        if not hasattr(os, "fork") or threading.active_count() > 1:
            self.save()
            return lambda: None
        try:
            pid = os.fork()
        except OSError:  # (no process to spare)
            self.save()
            return lambda: None
        if pid == 0:  # the child: write, and leave without running the parent's exits
            code = 0
            try:
                self.save()
            except BaseException:
                code = 1  # (only a slower next build)
            finally:
                os._exit(code)
        self.dirty = False  # (the child writes what this process would have)
        waited = False

        def join() -> None:
            nonlocal waited
            if not waited:
                waited = True
                os.waitpid(pid, 0)

        return join
