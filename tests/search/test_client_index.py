"""The static client index that `ssg build` writes under /search/."""

from __future__ import annotations

import gzip
import hashlib
import json
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssg.search import client_index, tokenize
from ssg.search.client_index import ClientSource, decode_shard
from ssg.search.documents import (
    PackedTokens,
    SearchDoc,
    doc_fields,
    pack_fields,
    unpack_tokens,
)
from ssg.search.token_store import TokenRows, cut_rows
from tests.e2e.conftest import build_sample
from tests.search.conftest import FolderWriter


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_every_published_item_is_indexed_once(
    search_public: Path, client: ClientSource, sample_docs: list[SearchDoc]
) -> None:
    entry = json.loads(gzip.decompress((search_public / "search" / "index.bin").read_bytes()))
    assert entry["count"] == len(sample_docs)
    fragments = sorted((search_public / "search" / entry["fragments"]).iterdir())
    assert len(fragments) == -(-len(sample_docs) // entry["bundle"])
    urls = {d.url for d in sample_docs}
    found = client.fragments(range(len(sample_docs)))
    assert {f.url for f in found.values()} == urls
    kinds = {client.types[n] for n in range(len(sample_docs))}
    assert len(kinds) == 8  # every content type is searchable (SEARCH-01)


def test_the_entry_is_small_and_every_other_file_is_compressed_and_named_by_content(
    search_public: Path,
) -> None:
    folder = search_public / "search"
    entry = json.loads(gzip.decompress((folder / "index.bin").read_bytes()))
    assert (folder / "index.bin").stat().st_size < 8 * 1024
    for first, name in entry["shards"]:
        data = (folder / "s" / f"{name}.bin").read_bytes()
        assert data[:2] == b"\x1f\x8b"
        assert hashlib.sha256(data).hexdigest()[:12] == name
        tokens = decode_shard(gzip.decompress(data))
        assert min(tokens, key=lambda t: t.encode("utf-16-be")) == first
    for key in ("docs", "terms", "readings"):
        assert (folder / entry[key]).read_bytes()[:2] == b"\x1f\x8b"


def test_fragments_and_shards_are_packed_at_their_own_level(search_public: Path) -> None:
    """Fragments and shards are nearly all the bytes compressed, at BULK_LEVEL; the small files
    at LEVEL (the same level with libdeflate, 4 and 6 with zlib: ssg/search/packing.py): every
    file is exactly that."""
    folder = search_public / "search"
    entry = json.loads(gzip.decompress((folder / "index.bin").read_bytes()))
    bulk = 0
    for path in sorted(folder.rglob("*.bin")):
        rel = path.relative_to(folder).as_posix()
        level = client_index.LEVEL
        if rel.startswith((entry["fragments"] + "/", "s/")):
            level = client_index.BULK_LEVEL
            bulk += 1
        data = path.read_bytes()
        assert client_index.pack(gzip.decompress(data), level) == data, rel
    assert bulk > 50


@pytest.mark.slow
def test_rebuilds_are_byte_identical(tmp_path: Path, search_public: Path) -> None:
    again = tmp_path / "public"
    result = build_sample(again)
    assert result.returncode == 0, result.stderr
    assert _tree(again / "search") == _tree(search_public / "search")


def test_a_query_reads_only_the_shards_it_needs(search_public: Path) -> None:
    source = ClientSource(search_public / "search")
    from ssg.search import engine

    engine.search("营商环境", source)
    shards = [f for f in source.files_read if f.startswith("s/")]
    entry = json.loads(gzip.decompress((search_public / "search" / "index.bin").read_bytes()))
    assert 1 <= len(shards) <= 3 < len(entry["shards"]) + 3


def test_the_index_does_not_depend_on_the_number_of_processes(
    tmp_path: Path,
    generated: tuple[list[SearchDoc], ClientSource, object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ssg.search import client_index

    docs = generated[0]
    monkeypatch.setattr(client_index, "MIN_PARALLEL_DOCS", 100)
    client_index.write_client_index(docs, FolderWriter(tmp_path / "one"), jobs=1)
    client_index.write_client_index(docs, FolderWriter(tmp_path / "three"), jobs=3)
    assert _tree(tmp_path / "one") == _tree(tmp_path / "three")


class _KnownStore:
    """An IndexStore that knows the tokens of the documents `knows` picks, as body_counts
    counts them one body at a time (pack_fields of doc_fields)."""

    def __init__(self, knows: Callable[[int], bool]) -> None:
        self.knows = knows

    def known(
        self, docs: Sequence[SearchDoc], only: Iterable[int] | None = None
    ) -> list[PackedTokens | None]:
        return [pack_fields(*doc_fields(d)) if self.knows(n) else None for n, d in enumerate(docs)]

    def learn(self, docs: Sequence[SearchDoc], tokens: Mapping[int, PackedTokens]) -> None:
        pass

    def learn_rows(
        self, docs: Sequence[SearchDoc], numbers: Sequence[int], rows: TokenRows
    ) -> None:
        self.learn(docs, dict(zip(numbers, cut_rows(rows), strict=True)))

    def note_tokenised(self, count: int) -> None:
        pass


def test_bodies_counted_in_batches_give_the_postings_of_bodies_counted_one_by_one(
    sample_docs: list[SearchDoc], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The inversion counts the bodies it tokenises in batches (BODY_BATCH), skipping those
    whose tokens the store knows: the postings are those of every body counted alone."""
    monkeypatch.setattr(client_index, "BODY_BATCH", 7)
    monkeypatch.setattr(client_index, "ROW_DOCS", 3)
    every = client_index.Inverted.start(sample_docs, 1, _KnownStore(lambda n: True))()
    for knows in (lambda n: False, lambda n: n % 3 == 1, lambda n: n % 10 < 8):
        inverted = client_index.Inverted.start(sample_docs, 1, _KnownStore(knows))()
        for mine, theirs in zip(
            (inverted.title, inverted.keywords, inverted.body),
            (every.title, every.keywords, every.body),
            strict=True,
        ):
            assert mine == theirs


class _LearningStore(_KnownStore):
    """A _KnownStore that keeps what the inversion gives it to learn."""

    def __init__(self, knows: Callable[[int], bool]) -> None:
        super().__init__(knows)
        self.learned: dict[int, PackedTokens] = {}

    def learn(self, docs: Sequence[SearchDoc], tokens: Mapping[int, PackedTokens]) -> None:
        assert not set(tokens) & set(self.learned)  # (each document once)
        self.learned.update(tokens)


def _packed_alone(doc: SearchDoc) -> PackedTokens:
    """A document's packed tokens as the inversion made them one document at a time (the
    old documents.pack_numbered of its title and keywords numbered by themselves and its body
    counted by itself): what the store must be given, whatever documents came with it."""
    numbering = tokenize.FieldNumbering(client_index._Vocabulary().__getitem__)
    title = numbering.titles([doc.title])
    keywords = numbering.keywords([(doc.keywords, doc.doc_number)])
    body = tokenize.body_counts(doc.body)
    title_offsets, keyword_offsets, pair_counts = array("I"), array("I"), array("I")
    title_offsets.frombytes(title.of(0)[1].tobytes())
    keyword_offsets.frombytes(keywords.of(0)[1].tobytes())
    pair_counts.frombytes(body.counts.astype(np.uint32).tobytes())
    return (
        title.text(0),
        title_offsets,
        keywords.text(0),
        keyword_offsets,
        "\n".join(body.others),
        array("I", body.others.values()),
        body.pairs.tobytes(),
        pair_counts,
    )


_KNOWS: list[Callable[[int], bool]] = [
    lambda n: False,
    lambda n: True,
    lambda n: n % 3 == 1,
    lambda n: n % 10 < 8,
    lambda n: n % 9 in (4, 5),
]


def test_documents_tokenised_in_runs_are_learned_as_each_alone(
    sample_docs: list[SearchDoc], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The inversion adds the documents it tokenises a run at a time (one batch's documents
    that follow each other): the store learns each one's tokens as it did one at a time,
    every document it does not know once, runs cut by known documents and by batches."""
    monkeypatch.setattr(client_index, "BODY_BATCH", 7)
    alone = [_packed_alone(doc) for doc in sample_docs]
    for knows in _KNOWS:
        store = _LearningStore(knows)
        client_index.Inverted.start(sample_docs, 1, store)()
        assert sorted(store.learned) == [n for n in range(len(sample_docs)) if not knows(n)]
        for n, packed in store.learned.items():
            assert packed == alone[n], sample_docs[n].key


def test_a_batch_row_holds_each_documents_packed_tokens(
    sample_docs: list[SearchDoc], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch's tokens go to the store ROW_DOCS documents a row, made from its arrays in one
    piece: cut from them, each document's packed tokens are its own as doc_fields gives
    them."""
    monkeypatch.setattr(client_index, "ROW_DOCS", 4)
    monkeypatch.setattr(client_index, "_DOCS", sample_docs)
    store = _LearningStore(lambda n: False)
    monkeypatch.setattr(client_index, "_STORE", store)
    numbering = tokenize.FieldNumbering(client_index._Vocabulary().__getitem__)
    batch = client_index._next_batch(0, len(sample_docs), numbering)
    assert sorted(store.learned) == batch.todo == list(range(len(sample_docs)))
    for n, packed in store.learned.items():
        assert unpack_tokens(packed) == unpack_tokens(pack_fields(*doc_fields(sample_docs[n])))


_FIELD = st.one_of(
    st.just(""),
    st.text(
        alphabet=st.sampled_from([*"政策解读营商环境长乐行号aA19 -\n", "〔", "〕"]), max_size=24
    ),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(_FIELD, _FIELD, _FIELD, st.sampled_from(["", "吉政发〔2026〕3号"])), max_size=12
    ),
    st.integers(1, 4),
    st.integers(0, len(_KNOWS) - 1),
)
def test_runs_of_documents_give_the_postings_and_tokens_of_documents_one_by_one(
    fields: list[tuple[str, str, str, str]], batch: int, which: int
) -> None:
    """Whatever the fields (none, a title without a token, a body without a bigram) and
    however runs and batches fall, the postings are those of every document read from a
    store, and each document learned is packed as alone."""
    docs = [
        SearchDoc(
            key=f"k{n}",
            site="s",
            url=f"/k{n}.html",
            title=title,
            keywords=keywords,
            body=body,
            type="policy",
            column="c",
            column_label="c",
            date="",
            year="",
            doc_number=number,
        )
        for n, (title, keywords, body, number) in enumerate(fields)
    ]
    every = client_index.Inverted.start(docs, 1, _KnownStore(lambda n: True))()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(client_index, "BODY_BATCH", batch)
        store = _LearningStore(_KNOWS[which])
        inverted = client_index.Inverted.start(docs, 1, store)()
    assert (inverted.title, inverted.keywords, inverted.body) == (
        every.title,
        every.keywords,
        every.body,
    )
    for n, packed in store.learned.items():
        assert packed == _packed_alone(docs[n])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.integers(0, 5), st.integers(0, 0xFFFF), st.integers(0, 0xFFFF_FFFF)),
        max_size=200,
    )
)
def test_the_radix_order_of_token_numbers_is_a_stable_sorts(keys: list[int]) -> None:
    """_Field.finish groups postings by token number 16 bits at a time (stable_order): the
    order is numpy's stable sort's, each token's postings in the order they came in."""
    array_of = np.array(keys, dtype=np.uint32)
    got = client_index.stable_order(array_of)
    assert got.tolist() == np.argsort(array_of, kind="stable").tolist()


_HAN = st.one_of(
    st.sampled_from([0x3400, 0x4DBF, 0x4E00, 0x4E01, 0x9FFF, 0xF900, 0xFAFF, 0x20000, 0x2FFFF]),
    st.integers(0x4E00, 0x4E08),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 3),  # the gap to the document before
            st.lists(st.tuples(_HAN, _HAN), max_size=12, unique=True),
            st.integers(0, 2**12 - 1),  # the often bits
        ),
        max_size=30,
    ),
    st.sampled_from([0, 2**27 - 100, 2**30]),
)
def test_bigrams_grouped_by_one_sort_are_in_a_stable_sorts_order(
    docs: list[tuple[int, list[tuple[int, int]], int]], first: int
) -> None:
    """_invert_pairs groups the documents' bigrams by sorting (code, posting) together
    (grouped_pairs): the order of numpy's stable sort by code, each code's postings in
    document order; documents from 2^27 on, too many for the bits left, the old way."""
    codes: list[int] = []
    values: list[int] = []
    doc = first
    for gap, bigrams, often in docs:
        doc += gap
        for i, (a, b) in enumerate(sorted(bigrams, key=lambda ab: (ab[1], ab[0]))):
            codes.append(a | b << 32)
            values.append(doc << 1 | (often >> i) & 1)
    code_array = np.array(codes, dtype=np.uint64)
    value_array = np.array(values, dtype=np.uint32)
    order = np.argsort(code_array, kind="stable")
    got_codes, got_values = client_index.grouped_pairs(code_array, value_array)
    assert got_codes.dtype == np.uint64 and got_values.dtype == np.uint32
    assert got_codes.tolist() == code_array[order].tolist()
    assert got_values.tolist() == value_array[order].tolist()


_POSTINGS = st.lists(st.integers(0, 3_000_000), max_size=40, unique=True).map(sorted)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.text(min_size=1, max_size=4),
        st.tuples(
            _POSTINGS,
            _POSTINGS,
            _POSTINGS,
            st.lists(st.integers(0, 255), min_size=40, max_size=40),
            st.lists(st.booleans(), min_size=40, max_size=40),
        ),
        max_size=30,
    )
)
def test_tokens_encoded_all_at_once_are_those_encoded_one_by_one(
    fields: dict[str, tuple[list[int], list[int], list[int], list[int], list[bool]]],
) -> None:
    """encode_many (numpy, for a cold build's tokens) is byte for byte encode (the patched
    index's few tokens), whatever the document numbers, offsets and gaps."""
    title: dict[str, array[int]] = {}
    keywords: dict[str, array[int]] = {}
    body: dict[str, array[int]] = {}
    for token, (titled, keyed, bodied, offsets, often) in fields.items():
        if titled:
            title[token] = array("I", [d << 8 | o for d, o in zip(titled, offsets, strict=False)])
        if keyed:
            keywords[token] = array("I", keyed)
        if bodied:
            body[token] = array("I", [d << 1 | f for d, f in zip(bodied, often, strict=False)])
    inverted = client_index.Inverted(title, keywords, body)
    tokens = [*inverted.tokens(), "absent"]
    one_by_one = {token: inverted.encode(token) for token in tokens}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(client_index, "ENCODE_AT_ONCE", 0)
        assert inverted.encode_many(tokens) == one_by_one
        patch.setattr(client_index, "ENCODE_GROUP", 7)  # in many groups
        assert inverted.encode_many(tokens) == one_by_one
        assert inverted.encode_many([]) == {}


def test_the_readings_table_reads_traditional_forms_of_the_sites_characters(
    search_public: Path,
) -> None:
    """The browser corrects 營商環境 to 营商环境 as the server does only if it can read 營 and 環
    aloud: the table holds the traditional forms of the characters the site uses, no others."""
    folder = search_public / "search"
    entry = json.loads(gzip.decompress((folder / "index.bin").read_bytes()))
    table = json.loads(gzip.decompress((folder / entry["readings"]).read_bytes()))
    readable = {char for chars in table.values() for char in chars}
    assert {"營", "環", "經", "濟", "發", "義", "務"} <= readable
    assert "營" in table["ying"] and "環" in table["huan"]
    # 龜 (龟): no page of the sample portal writes 龟, so its traditional form costs nothing.
    assert "龟" not in json.dumps([t.text for t in ClientSource(folder).terms()])
    assert "龜" not in readable
