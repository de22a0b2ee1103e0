"""ssg/sealed.py: a cache file altered or cut on disk reads as no record, never as another one."""

from __future__ import annotations

import io
import pickle
import struct
import zlib
from pathlib import Path

import pytest

from ssg import sealed


def test_records_read_back_one_after_another(tmp_path: Path) -> None:
    path = sealed.dump(tmp_path / "c.pickle", ("header", 1), {"页": [1, 2, 3]})
    with path.open("rb") as handle:
        assert sealed.read(handle) == ("header", 1)
        assert sealed.read(handle) == {"页": [1, 2, 3]}
        with pytest.raises(sealed.Damaged):
            sealed.read(handle)  # (nothing more)
    assert not list(tmp_path.glob(".cache-*"))  # (the temporary file was renamed)


def test_every_byte_altered_is_found(tmp_path: Path) -> None:
    """Whichever byte changes (the mark, the CRC, the length, the pickle), the file is no
    record: altering a character of a title must not give a record with another title."""
    path = sealed.dump(tmp_path / "c.pickle", {"title": "推介会", "n": 12})
    data = path.read_bytes()
    for at in range(len(data)):
        altered = bytearray(data)
        altered[at] ^= 0x01
        path.write_bytes(bytes(altered))
        assert sealed.load(path) is None, at


def test_a_file_cut_short_is_no_record(tmp_path: Path) -> None:
    path = sealed.dump(tmp_path / "c.pickle", list(range(1000)))
    data = path.read_bytes()
    for size in range(len(data)):
        path.write_bytes(data[:size])
        assert sealed.load(path) is None, size


def test_a_plain_pickle_of_an_earlier_ssg_is_no_record(tmp_path: Path) -> None:
    path = tmp_path / "c.pickle"
    path.write_bytes(pickle.dumps({"a": 1}))
    assert sealed.load(path) is None
    assert sealed.load(tmp_path / "missing.pickle") is None


def test_a_record_of_code_no_longer_there_is_damaged_not_a_crash() -> None:
    """Sealed as written, but naming a class that cannot be imported now: Damaged, which the
    caches treat as no record (unpickling raised ModuleNotFoundError, exit 3)."""
    payload = pickle.dumps(Path("x"), protocol=pickle.HIGHEST_PROTOCOL)
    payload = payload.replace(b"pathlib", b"pathlix")
    forged = sealed.MAGIC + struct.pack(">IQ", zlib.crc32(payload), len(payload)) + payload
    with pytest.raises(sealed.Damaged):
        sealed.read(io.BytesIO(forged))
