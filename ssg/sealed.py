"""Cache files that tell when they were damaged: pickles sealed with their length and CRC-32.

Everything in <site>/.ssg-cache/ may be deleted, and may also be found truncated by a full
disk, cut by a killed process or edited by hand. Unpickling such bytes fails in more ways than
a list of exceptions names (a class name altered raises ModuleNotFoundError: ssg stopped with
exit 3), and a byte altered inside a string unpickles without complaint into another title,
which the next build then published as if the editor had written it. A sealed record is
checked before it is unpickled; one that does not match is no record, only a slower build.

A file holds one or more records, one after another: `MAGIC`, the payload's CRC-32 and length,
the pickle. Each is checked on its own, so that a reader can stop after a small first record
(a header saying whose code wrote the rest) without reading a large second one. The CRC is
taken as the pickle is streamed to the file and, when read, in a first pass over the bytes
before the pickle is loaded from the file: no second copy of a large cache in memory. CRC-32
finds every accidental change of a few bytes and costs 12 ms for 50 MB here (blake2b: 65 ms);
it is not a defence against someone who means to forge a cache, who can write the site's
files anyway.
"""

from __future__ import annotations

import io
import os
import pickle
import struct
import zlib
from pathlib import Path
from typing import IO, Any

MAGIC = b"ssg-sealed-1\n"
_HEAD = struct.Struct(">IQ")  # CRC-32 and length of the pickle that follows
_CHUNK = 1 << 20


class Damaged(Exception):
    """The bytes are not a whole sealed record as written."""


class _Counting:
    """A file that passes writes on, keeping the CRC and size of what went through."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.crc = 0
        self.size = 0

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        self.crc = zlib.crc32(view, self.crc)
        self.size += view.nbytes
        return self.handle.write(view)


def write(handle: IO[bytes], value: object) -> None:
    """Append one sealed record of `value` to a file open for writing (seekable)."""
    start = handle.tell()
    handle.write(MAGIC + _HEAD.pack(0, 0))  # (filled in below, once the pickle is written)
    counting = _Counting(handle)
    pickle.dump(value, counting, protocol=pickle.HIGHEST_PROTOCOL)
    end = handle.tell()
    handle.seek(start + len(MAGIC))
    handle.write(_HEAD.pack(counting.crc, counting.size))
    handle.seek(end)


def to_bytes(*values: object) -> bytes:
    """`values` as the sealed records of a file (what `dump` writes)."""
    out = io.BytesIO()
    for value in values:
        write(out, value)
    return out.getvalue()


def read(handle: IO[bytes]) -> Any:
    """The next sealed record of a file open for reading; `Damaged` when it is not whole."""
    head = handle.read(len(MAGIC) + _HEAD.size)
    if len(head) != len(MAGIC) + _HEAD.size or not head.startswith(MAGIC):
        raise Damaged("no record here")
    crc, length = _HEAD.unpack(head[len(MAGIC) :])
    start = handle.tell()
    found, left = 0, length
    while left:
        chunk = handle.read(min(left, _CHUNK))
        if not chunk:
            raise Damaged("cut short")
        found = zlib.crc32(chunk, found)
        left -= len(chunk)
    if found != crc:
        raise Damaged("altered")
    handle.seek(start)
    try:
        value = pickle.load(handle)
    # (the bytes are as written: this is a pickle of code that is no longer there)
    except Exception as exc:
        raise Damaged(f"cannot be loaded: {exc!r}") from None
    handle.seek(start + length)
    return value


def load(path: Path) -> Any:
    """The one record of the file at `path`; None when it is missing, damaged or foreign."""
    try:
        with path.open("rb") as handle:
            return read(handle)
    except (OSError, Damaged):
        return None


def dump(path: Path, *values: object, prefix: str = ".cache-", final: bool = True) -> Path:
    """`values` sealed one after another into `path`, atomically (a temporary file beside it,
    renamed); with `final` False the temporary file is left for the caller to rename, and its
    path returned."""
    import tempfile  # (here: a replay loads records, never dumps one; 1 ms of its start)

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=prefix)
    try:
        with os.fdopen(handle, "wb") as out:
            for value in values:
                write(out, value)
        if final:
            os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path if final else Path(temp)
