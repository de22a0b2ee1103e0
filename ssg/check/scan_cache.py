"""What the checker derived from each output page, kept across builds (issue 9), in
<site>/.ssg-cache/ (safe to delete).

A page is known first by the identity of its file, (device, inode, size, mtime in ns), taken
before its text is read: reading and hashing the 11,358 pages of the 10,000-item benchmark costs
~0.27 s, stat() ~0.04 s. The identity is safe because of how the output is made (ssg/write.py,
ssg/incremental.py, ssg/hot.py): every page of a build is either written afresh (its mtime the
time of writing: ssg never copies a timestamp) or a hard link to the last output's file, which
keeps content, inode and mtime. A file written afresh cannot have the inode of the recorded
file while that file still lives in the last output; when it has been deleted meanwhile and
its inode reused, the new file would still need the same size and the same mtime to the
nanosecond, which only a clock set back to that instant can give. (ctime would be a stronger
witness but every hard link updates it, so reused pages would never match.)

A page written afresh is read, and known second by a digest of its text: when the render cache
renders every page again (a change to ssg or the theme, a file system without hard links) most
pages come out the same, and are then read and hashed but not scanned.

A fact must depend on nothing but the page's text and the checker's code: the code is part of
the cache's key (`fingerprint`), anything else (site settings, the other files of the output,
the page's source file) must be applied to the facts on every run.
"""

from __future__ import annotations

import contextlib
import copyreg
import functools
import gc
import hashlib
import operator
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ssg import __version__, sealed
from ssg.cache import CACHE_DIR
from ssg.parallel import frozen_heap

_CHECK = Path(__file__).parent
_FORMAT = 3  # (3: pages' digests SHA-1, were BLAKE2b)

Stamp = tuple[int, int, int, int]  # (st_dev, st_ino, st_size, st_mtime_ns)
Facts = dict[str, object]  # fact name -> value, for one page
Entry = tuple[Stamp, bytes, Facts]  # a page's file identity, digest of its text, facts


def stamp(stat: os.stat_result) -> Stamp:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def text_digest(text: str) -> bytes:
    """What a page written afresh is known by (`ScanCache.match`)."""
    return data_digest(text.encode("utf-8"))


def data_digest(data: bytes) -> bytes:
    """`text_digest` of the text whose UTF-8 is `data` (a page already encoded to be written).
    SHA-1: every page of a build is hashed as the render workers write it, 122 MB at 10k items,
    0.059 CPU-s here against 0.090 for BLAKE2b (SHA-256 0.062, but without the SHA extensions
    of this CPU far slower than either). A digest finds a page's text seen before, no attack."""
    return hashlib.sha1(data, usedforsecurity=False).digest()


@functools.cache
def fingerprint() -> str:
    """ssg's version, Python's and every module of the checker: facts are made by that code,
    and pickled instances of its classes only load into the same classes."""
    digest = hashlib.blake2b(f"{__version__} {sys.version}".encode(), digest_size=16)
    for path in sorted(_CHECK.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.cache
def quick_pickling() -> None:
    """Pickle the facts' classes (ssg/check/output.py: each pickled as a call of its
    constructor with its slots' values) by a reducer that reads the values with one
    `operator.attrgetter`, registered for the whole process (`copyreg.pickle`): the same
    bytes, and the same call on loading. Its `__reduce__` walks the slots in a generator,
    Python code for each of the ~40,000 distinct objects of a 10k site's facts, which the
    render workers pickle to hand them back and this cache's pickler writes at the serial end
    of a build (12 MB: 0.18 -> 0.14 s). Registered before the workers fork, they inherit it."""
    from ssg.check.output import Element, PageFacts, Region  # (output imports our importers)

    for cls in (Element, Region, PageFacts):
        copyreg.pickle(cls, functools.partial(_as_call, cls, operator.attrgetter(*cls.__slots__)))


def _as_call(cls: type, values: Callable[[Any], tuple[object, ...]], obj: object) -> Any:
    return cls, values(obj)


class ScanCache:
    """Facts of the output pages of the last saved build, by output path; those of this run."""

    def __init__(self, root: Path, output: Path, enabled: bool = True) -> None:
        """`output` is the folder the build finally writes (not its staging folder, whose name
        changes every build): one record per output folder, as public/ and a preview folder
        hold different builds."""
        quick_pickling()
        where = hashlib.blake2b(str(output.resolve()).encode(), digest_size=8).hexdigest()
        self.path = root / CACHE_DIR / f"scan-{where}.pickle"
        self.enabled = enabled
        self.old: dict[str, Entry] = self._load() if enabled else {}
        self.new: dict[str, Entry] = {}
        self.reused = 0  # pages whose file is unchanged: not read
        self.matched = 0  # pages written afresh with a text seen before: read, not scanned
        self._scanned: set[str] = set()
        self._texts: dict[bytes, Facts] | None = None
        self._dirty = False

    @property
    def scanned(self) -> int:
        """Pages whose text was read to derive a fact this run."""
        return len(self._scanned)

    def _load(self) -> dict[str, Entry]:
        collecting = gc.isenabled()
        # Loading makes some 10^5 objects and no garbage: the collections it would trigger
        # walk the whole site model as well and tripled the load time of a large site.
        gc.disable()
        try:
            with self.path.open("rb") as handle:
                # The header first: facts pickled by other code are not even unpickled.
                if sealed.read(handle) != (_FORMAT, fingerprint()):
                    return {}
                # (facts altered on disk would be findings no page has: ssg/sealed.py)
                entries = sealed.read(handle)
        except Exception:  # missing, damaged or foreign: only a slower run
            return {}
        finally:
            if collecting:
                gc.enable()
        if not isinstance(entries, dict):
            return {}
        return {path: entry for path, entry in entries.items() if _is_entry(entry)}

    def _entry(self, path: str, page_stamp: Stamp) -> Entry:
        entry = self.new.get(path)
        if entry is not None and entry[0] == page_stamp:
            return entry
        old = self.old.get(path)
        if old is not None and old[0] == page_stamp:
            entry = old
            self.reused += 1
        else:
            entry = (page_stamp, b"", {})
            self._dirty = True
        self.new[path] = entry
        return entry

    def get(self, path: str, page_stamp: Stamp, name: str) -> object | None:
        """The fact `name` of the page at `path` (relative to the output), when its file is the
        one it was derived from; None otherwise. The page is not read."""
        return self._entry(path, page_stamp)[2].get(name)

    def match(self, path: str, page_stamp: Stamp, text: str, name: str) -> object | None:
        """The fact `name` of a page whose file is new, when a page of the last build had the
        same text: every page is written afresh when the render cache cannot reuse (a change to
        ssg or the theme; a file system without hard links), mostly with the same text."""
        entry = self._entry(path, page_stamp)
        if not entry[1]:
            digest = text_digest(text)
            facts = entry[2]
            found = self.known_text(digest)
            if found is not None and not facts:
                facts = dict(found)  # its own: a fact added to it is this page's only
                self.matched += 1
            entry = self.new[path] = (page_stamp, digest, facts)
        return entry[2].get(name)

    def known_text(self, digest: bytes) -> Facts | None:
        """The facts of a page of the last build whose text had this digest (`match`)."""
        if self._texts is None:
            self._texts = {e[1]: e[2] for e in self.old.values() if e[1]}
        return self._texts.get(digest)

    def seed(self, path: str, entry: Entry, matched: bool = False) -> None:
        """Record the facts of a page that another process read (ssg/check/page_facts.py):
        derived from its text, or (`matched`) those of a page of the last build with the same
        text, as `match` and `put` would have."""
        self.new[path] = entry
        if matched:
            self.matched += 1
        else:
            self._scanned.add(path)
        self._dirty = True

    def put(self, path: str, page_stamp: Stamp, name: str, value: object) -> None:
        """Record a fact derived from the text of the file with this stamp; the stamp must have
        been taken before the text was read, so that a file changed in between is not matched.
        (`match` first, so that the page can be known by its text too.)"""
        self._entry(path, page_stamp)[2][name] = value
        self._scanned.add(path)
        self._dirty = True

    def save(self) -> None:
        """Write this run's facts (pages no longer in the output drop out), atomically. Call it
        only once the checked output is in place: the stamps are those of its files."""
        if self._needs_saving():
            os.replace(self._write(), self.path)

    def _needs_saving(self) -> bool:
        return self.enabled and (self._dirty or self.new.keys() != self.old.keys())

    def save_beside(self) -> Callable[[bool], None]:
        """save() in two halves: this run's facts are written to a new file by a forked process
        while the build swaps its output into place (pickling them took 0.40 s of the 10k cold
        build's one-process end); the function returned waits for it and puts the file in
        place, or, given False (the output was not swapped), throws it away. In this process,
        once told to keep, where forking is not safe (other threads: `ssg serve`)."""
        if not self._needs_saving():
            return lambda keep: None
        pid = 0
        if hasattr(os, "fork") and threading.active_count() == 1:
            # (no process to spare: saved at the end.) The heap frozen, as for every fork of the
            # build (parallel.frozen_heap): _write keeps the collector off while it pickles, but
            # turns it back on where the build left it on, and a collection the child ran then
            # would walk, and so copy, every object of the parent's. (None was seen to run: at
            # 10k items the child makes ~72 MiB its own either way, the reference counts and
            # buffers of the pickling.)
            with contextlib.suppress(OSError), frozen_heap():
                pid = os.fork()
                if pid == 0:  # the child: write, and leave without running the parent's exits
                    code = 1
                    try:
                        os.replace(self._write(), self._beside(os.getpid()))
                        code = 0
                    finally:
                        os._exit(code)
        if pid == 0:
            return lambda keep: self.save() if keep else None
        written = self._beside(pid)

        def finish(keep: bool) -> None:
            _, status = os.waitpid(pid, 0)
            if keep and status == 0 and written.is_file():
                os.replace(written, self.path)
            else:
                written.unlink(missing_ok=True)

        return finish

    def _beside(self, pid: int) -> Path:
        return self.path.with_name(f".scan-{pid}.written")

    def _write(self) -> Path:
        """This run's facts in a new file beside the cache's; returns its path."""
        collecting = gc.isenabled()
        # The facts' constructors' arguments, a tuple for each of some 10^5 objects, are made
        # as they are pickled and make no garbage: the collections they would trigger walked
        # everything the build still holds (0.39-0.42 s to save at 10k items, 0.24 s without).
        gc.disable()
        try:
            header = (_FORMAT, fingerprint())
            return sealed.dump(self.path, header, self.new, prefix=".scan-", final=False)
        finally:
            if collecting:
                gc.enable()


def _is_entry(entry: object) -> bool:
    return (
        isinstance(entry, tuple)
        and len(entry) == 3
        and isinstance(entry[0], tuple)
        and isinstance(entry[1], bytes)
        and isinstance(entry[2], dict)
    )
