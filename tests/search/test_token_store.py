"""The search stage's token store (ssg/search/token_store.py): an SQLite file of documents'
packed tokens by key, read a row at a time or all at once, never trusted across code."""

from __future__ import annotations

import contextlib
import multiprocessing
import sqlite3
from array import array
from pathlib import Path

from ssg.search.documents import (
    DocTokens,
    PackedTokens,
    SearchDoc,
    doc_fields,
    doc_tokens,
    pack_fields,
    pack_tokens,
    unpack_tokens,
)
from ssg.search.token_store import TokenStore


def packed(n: int) -> PackedTokens:
    return pack_tokens(DocTokens({f"标题{n}": 0, "政策": 3}, {"关键": n}, {"正文": n + 1, "": 2}))


ENTRIES = {bytes([n]) * 16: packed(n) for n in range(20)}


def stored(path: Path, code: str = "code") -> TokenStore:
    store = TokenStore(path, code, enabled=True)
    store.put(ENTRIES)
    store.close()
    return TokenStore(path, code, enabled=True)


def test_rows_read_back_as_they_were_put(tmp_path: Path) -> None:
    store = stored(tmp_path / "t.sqlite")
    assert store.get_all(ENTRIES) == ENTRIES
    some = [bytes([3]) * 16, bytes([7]) * 16, b"missing" * 2]
    assert store.get(some) == {k: ENTRIES[k] for k in some[:2]}
    assert unpack_tokens(store.get([bytes([5]) * 16])[bytes([5]) * 16]) == unpack_tokens(packed(5))
    assert isinstance(store.get_all(ENTRIES)[bytes([1]) * 16][1], array)


def test_a_flush_keeps_only_the_current_keys(tmp_path: Path) -> None:
    store = stored(tmp_path / "t.sqlite")
    current = list(ENTRIES)[:5]
    new = {b"n" * 16: packed(99)}
    store.put(new)
    store.keep_only([*current, *new])
    store.close()
    again = TokenStore(tmp_path / "t.sqlite", "code", enabled=True)
    assert again.get_all(ENTRIES) == {k: ENTRIES[k] for k in current}
    assert again.get(new) == new


def test_a_file_of_other_code_is_emptied(tmp_path: Path) -> None:
    stored(tmp_path / "t.sqlite")
    other = TokenStore(tmp_path / "t.sqlite", "other code", enabled=True)
    assert other.get_all(ENTRIES) == {}


def _stored_rows(path: Path) -> list[list[bytes]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        rows = [keys for (keys,) in db.execute("SELECT keys FROM tokens ORDER BY id")]
    return [[keys[i : i + 16] for i in range(0, len(keys), 16)] for keys in rows]


def test_documents_put_together_are_one_row_each_read_alone(tmp_path: Path) -> None:
    """SQLite's cost is per row: documents put together (a batch the index tokenised) are
    one row, and a document's tokens are cut from it when a build asks for them alone."""
    store = stored(tmp_path / "t.sqlite")
    assert _stored_rows(tmp_path / "t.sqlite") == [list(ENTRIES)]
    key = bytes([13]) * 16
    assert store.get([key]) == {key: ENTRIES[key]}
    empty = pack_tokens(DocTokens({}, {}, {}))
    store.put({b"e" * 16: empty, b"f" * 16: packed(5)})
    assert store.get([b"e" * 16, key]) == {b"e" * 16: empty, key: ENTRIES[key]}


def test_a_row_mostly_of_documents_gone_is_written_again(tmp_path: Path) -> None:
    """Each edit leaves its document's old tokens in their batch's row: a row half of whose
    documents are current stays as it is; one with fewer is written again with only them,
    and a row with none goes."""
    path = tmp_path / "t.sqlite"
    store = stored(path)
    keys = list(ENTRIES)
    store.put({b"n" * 16: packed(99)})
    store.keep_only(keys[:10])  # half of the first row: kept whole; none of the second
    assert _stored_rows(path) == [keys]
    store.keep_only(keys[:3] + keys[-2:])
    assert _stored_rows(path) == [keys[:3] + keys[-2:]]
    store.close()
    again = TokenStore(path, "code", enabled=True)
    assert again.get_all(ENTRIES) == {k: ENTRIES[k] for k in keys[:3] + keys[-2:]}


def _page_size(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return int(db.execute("PRAGMA page_size").fetchone()[0])


def test_rows_are_kept_in_pages_that_hold_one(tmp_path: Path) -> None:
    """A row is one document's tokens (6 KB at 10k items): pages of 32 KB hold it whole, in a
    new file and in a file of other code (made in 4 KB pages, SQLite's default) once emptied;
    its rows then read back."""
    stored(tmp_path / "t.sqlite")
    assert _page_size(tmp_path / "t.sqlite") == 32768
    with contextlib.closing(sqlite3.connect(tmp_path / "old.sqlite")) as db:
        db.execute("CREATE TABLE meta (code TEXT NOT NULL)")
        db.execute("INSERT INTO meta (code) VALUES ('older code/5')")
        db.commit()
    assert _page_size(tmp_path / "old.sqlite") == 4096
    store = stored(tmp_path / "old.sqlite")
    assert store.get_all(ENTRIES) == ENTRIES
    store.close()
    assert _page_size(tmp_path / "old.sqlite") == 32768


def test_an_unreadable_file_is_started_again(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite"
    path.write_bytes(b"this is not an SQLite database" * 100)
    store = TokenStore(path, "code", enabled=True)
    assert store.get_all(ENTRIES) == {}
    store.put(ENTRIES)
    store.close()
    assert TokenStore(path, "code", enabled=True).get_all(ENTRIES) == ENTRIES


def test_disabled_it_reads_and_writes_nothing(tmp_path: Path) -> None:
    store = TokenStore(tmp_path / "t.sqlite", "code", enabled=False)
    store.put(ENTRIES)
    store.keep_only(ENTRIES)
    assert store.get_all(ENTRIES) == {} and not (tmp_path / "t.sqlite").exists()


def test_two_processes_write_at_once(tmp_path: Path) -> None:
    """The workers that tokenise a large site each write their rows: SQLite has them take
    turns, and no row is lost."""
    path = tmp_path / "t.sqlite"
    TokenStore(path, "code", enabled=True).get_all([])  # the file made before the workers
    halves = [dict(list(ENTRIES.items())[i::2]) for i in range(2)]
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_put_many, args=(path, half)) for half in halves]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
        assert worker.exitcode == 0
    assert TokenStore(path, "code", enabled=True).get_all(ENTRIES) == ENTRIES


def _put_many(path: Path, entries: dict[bytes, PackedTokens]) -> None:
    store = TokenStore(path, "code", enabled=True)
    for key, value in entries.items():  # one transaction a row: many turns to take
        store.put({key: value})
    store.close()


def test_bigrams_are_kept_as_codes_and_a_damaged_row_is_not_trusted(tmp_path: Path) -> None:
    """Rows made by the index (pack_fields) keep the body's bigrams as 64-bit codes; a row
    whose codes are not two Chinese characters makes the file start again, as any damage."""
    doc = SearchDoc(
        key="a", site="s", url="/a.html", title="优化营商环境", keywords="营商",
        body="优化营商环境，2026年。", type="news", column="dt", column_label="动态",
        date="2026-11-20", year="2026",
    )  # fmt: skip
    row = pack_fields(*doc_fields(doc))
    assert row[6] and len(row[6]) == 8 * len(row[7])
    path = tmp_path / "t.sqlite"
    store = TokenStore(path, "code", enabled=True)
    store.put({b"k" * 16: row})
    assert store.get([b"k" * 16])[b"k" * 16] == row
    assert unpack_tokens(row) == doc_tokens(doc)
    damaged = (*row[:6], b"\x01\x00\x00\x00\x02\x00\x00\x00", array("I", [1]))
    store.put({b"d" * 16: damaged})
    store.close()
    again = TokenStore(path, "code", enabled=True)
    assert again.get_all([b"k" * 16, b"d" * 16]) == {}
    assert not path.exists() or again.get_all([b"k" * 16]) == {}


def test_a_row_whose_edges_do_not_fit_its_keys_is_not_trusted(tmp_path: Path) -> None:
    """A row's edges say where each document's tokens are: edges too few for its keys (a
    damaged row) make the file start again, as any damage, not an error out of the build."""
    path = tmp_path / "t.sqlite"
    stored(path).close()
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("UPDATE tokens SET edges = ?", (array("I", [0] * 7).tobytes(),))
        db.commit()
    store = TokenStore(path, "code", enabled=True)
    assert store.get([bytes([3]) * 16]) == {}
    assert TokenStore(path, "code", enabled=True).get_all(ENTRIES) == {}
    store = stored(path)
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("UPDATE tokens SET edges = ?", (b"",))
        db.commit()
    store.keep_only(list(ENTRIES)[:2])  # (the row written again: its documents cut from it)
    assert TokenStore(path, "code", enabled=True).get_all(ENTRIES) == {}
