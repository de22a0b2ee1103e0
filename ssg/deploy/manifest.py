"""The published output, file by file: SHA-256 of each (manifest.sha256, RULES SEC-07 “ssg
输出带 SHA-256 的发布清单供防篡改比对”), the inline scripts of its pages (for the CSP), and
its page URLs (urls.txt, RULES NOTICE-05).

manifest.sha256 is `sha256sum`'s own format, so that `cd public && sha256sum -c
../public-deploy/manifest.sha256` verifies a copy: `<64 hex>  <path>`, the path relative to
the output root with `/`, lines sorted by path. `ssg verify` reads exactly this: keep it.
Dotfiles (the `.ssg-output` marker) are not published (nginx refuses them) and not listed.

Hashing every file of a 10k-item site reads some 17,000 files. A file is known by its
identity (device, inode, size, mtime in ns) as the scan cache knows pages
(ssg/check/scan_cache.py says why that is safe): an incremental build hard-links unchanged
files from the last output, so their hashes are taken from the last build's record.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ssg.check.scan_cache import Stamp, stamp
from ssg.deploy.nginx import script_hash

_FORMAT = 1
# An inline script: <script …> without src, up to its end tag (the theme's base.html sets
# the reading preferences before the first paint; the 知识库 filters its list).
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\ssrc\s*=)[^>]*>(.*?)</script\s*>", re.S | re.I)


@dataclass(frozen=True, slots=True)
class OutputFile:
    rel: str  # relative to the output root, with /
    sha256: str  # hex
    scripts: tuple[str, ...] = ()  # CSP hashes of its inline scripts (HTML only)


def inline_script_hashes(html: bytes) -> tuple[str, ...]:
    found = {script_hash(m.group(1)) for m in _INLINE_SCRIPT.finditer(html)}
    return tuple(sorted(found))


def _walk(root: Path) -> Iterator[tuple[str, os.stat_result]]:
    """Every regular file under `root` but dotfiles and dot-folders, with its stat."""
    folders = [""]
    while folders:
        prefix = folders.pop()
        with os.scandir(root / prefix if prefix else root) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append(f"{prefix}{entry.name}/")
                elif entry.is_file(follow_symlinks=False):
                    yield prefix + entry.name, entry.stat(follow_symlinks=False)


class HashCache:
    """Last build's hashes by output path and file identity, in <site>/.ssg-cache/."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.old: dict[str, tuple[Stamp, str, tuple[str, ...]]] = {}
        self.new: dict[str, tuple[Stamp, str, tuple[str, ...]]] = {}
        self.reused = 0
        if path is not None:
            with contextlib.suppress(Exception):  # (a corrupt or old cache: start empty)
                with path.open("rb") as handle:
                    kept = pickle.load(handle)
                if isinstance(kept, tuple) and kept[0] == _FORMAT:
                    self.old = kept[1]

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".deploy-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((_FORMAT, self.new), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, self.path)


def _hash_file(path: str, rel: str) -> tuple[str, tuple[str, ...]]:
    with open(path, "rb") as handle:
        data = handle.read()
    scripts = inline_script_hashes(data) if rel.endswith(".html") else ()
    return hashlib.sha256(data).hexdigest(), scripts


def scan_output(root: Path, cache: HashCache | None = None) -> list[OutputFile]:
    """Every published file of the output at `root`, sorted by path. (Read on one thread:
    on two busy cores, threads were no faster for 17,000 files of 8 KB on average.)"""
    known: dict[str, tuple[str, tuple[str, ...]]] = {}
    todo: list[str] = []
    identities: dict[str, Stamp] = {}
    for rel, stat in _walk(root):
        identity = identities[rel] = stamp(stat)
        kept = cache.old.get(rel) if cache is not None else None
        if kept is not None and kept[0] == identity:
            known[rel] = (kept[1], kept[2])
        else:
            todo.append(rel)
    if cache is not None:
        cache.reused = len(known)
    base = str(root)
    for rel in todo:
        known[rel] = _hash_file(f"{base}/{rel}", rel)
    files = [OutputFile(rel, *known[rel]) for rel in sorted(known)]
    if cache is not None:
        cache.new = {f.rel: (identities[f.rel], f.sha256, f.scripts) for f in files}
    return files


def _escaped(rel: str) -> tuple[str, str]:
    """sha256sum's escaping: a name holding a backslash or a line break is written with
    them escaped and the line starts with a backslash."""
    if "\\" not in rel and "\n" not in rel and "\r" not in rel:
        return "", rel
    return "\\", rel.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")


def manifest_text(files: Iterable[OutputFile]) -> str:
    """`sha256sum` lines, sorted by path (code point order)."""
    lines = []
    for file in sorted(files, key=lambda f: f.rel):
        flag, name = _escaped(file.rel)
        lines.append(f"{flag}{file.sha256}  {name}\n")
    return "".join(lines)
