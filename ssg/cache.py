"""The content-hash cache for warm and incremental builds, in <site>/.ssg-cache/ (safe to delete).

Parsing and validating a file depends only on its bytes, the default type its column gives it,
and ssg's own code: those form the key. A build with nothing changed reads every file once to
hash it, and parses none.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ssg import __version__
from ssg.diagnostics import Diagnostic

CACHE_DIR = ".ssg-cache"
_PACKAGE = Path(__file__).parent
# The modules whose code decides what a parsed file becomes.
_PARSE_CODE = (
    "content/frontmatter.py",
    "content/validate.py",
    "content/model.py",
    "diagnostics.py",
)


def _code_fingerprint() -> str:
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    for name in _PARSE_CODE:
        digest.update((_PACKAGE / name).read_bytes())
    return digest.hexdigest()


def content_digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


Entry = tuple[str, str, Any, tuple[Diagnostic, ...]]  # (digest, default type, result, diagnostics)


class ParseCache:
    """rel path → what parsing that file gave last time, valid while its key is unchanged."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.enabled = enabled
        self.path = root / CACHE_DIR / f"parse-{_code_fingerprint()}.pickle"
        self.entries: dict[str, Entry] = {}
        self.seen: set[str] = set()
        self.dirty = False
        self.hits = 0
        if enabled and self.path.is_file():
            try:
                with self.path.open("rb") as handle:
                    self.entries = pickle.load(handle)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
                self.entries = {}  # a damaged or foreign cache is only a slower build

    def get(
        self, rel: str, digest: str, default_type: str
    ) -> tuple[Any, Sequence[Diagnostic]] | None:
        self.seen.add(rel)
        entry = self.entries.get(rel)
        if entry is None or entry[0] != digest or entry[1] != default_type:
            return None
        self.hits += 1
        return entry[2], entry[3]

    def put(
        self, rel: str, digest: str, default_type: str, result: Any, diags: Sequence[Diagnostic]
    ) -> None:
        self.seen.add(rel)
        self.entries[rel] = (digest, default_type, result, tuple(diags))
        self.dirty = True

    def save(self) -> None:
        """Write the entries of this run (deleted files drop out), atomically."""
        if not self.enabled:
            return
        stale = set(self.entries) - self.seen
        if not self.dirty and not stale:
            return
        for rel in stale:
            del self.entries[rel]
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("parse-*.pickle"):
            if old != self.path:
                old.unlink(missing_ok=True)  # caches of other ssg versions
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".parse-")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(self.entries, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, self.path)
