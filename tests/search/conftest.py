"""Fixtures of the search tests: the sample portal built once (its client index under
/search/), a whoosh index of the same site, and a generated 1,500-item corpus indexed both ways."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from ssg.diagnostics import Diagnostics
from ssg.search.client_index import ClientSource, write_client_index
from ssg.search.documents import SearchDoc
from ssg.search.synonyms import load_synonyms
from ssg.search.whoosh_index import WhooshSource, build_index, load_site_documents
from tests.e2e.conftest import REPO, build_sample, sample_date

GENERATED_ITEMS = 1500


class FolderWriter:
    def __init__(self, root: Path) -> None:
        self.root = root

    def write_bytes(self, rel: str, data: bytes) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@pytest.fixture(scope="session")
def search_public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("search") / "public"
    result = build_sample(out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def sample_docs() -> list[SearchDoc]:
    docs, problems = load_site_documents(REPO, dt.date.fromisoformat(sample_date()))
    assert not problems
    return docs


@pytest.fixture(scope="session")
def sample_keys(sample_docs: list[SearchDoc]) -> list[str]:
    return [d.key for d in sample_docs]


@pytest.fixture(scope="session")
def client(search_public: Path, sample_docs: list[SearchDoc]) -> ClientSource:
    source = ClientSource(search_public / "search")
    # The build numbers documents as load_site_documents does: check by URL.
    assert len(source.types) == len(sample_docs)
    return source


@pytest.fixture(scope="session")
def whoosh_folder(tmp_path_factory: pytest.TempPathFactory, sample_docs: list[SearchDoc]) -> Path:
    folder = tmp_path_factory.mktemp("whoosh")
    # (the groups `ssg build` writes into the client index: both read queries alike)
    build_index(sample_docs, folder, synonyms=load_synonyms(REPO, Diagnostics()))
    return folder


@pytest.fixture(scope="session")
def whoosh(whoosh_folder: Path) -> WhooshSource:
    return WhooshSource(whoosh_folder)


@pytest.fixture(scope="session")
def generated(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[SearchDoc], ClientSource, WhooshSource]:
    """A generated portal (bench/gen_corpus.py) indexed by both backends."""
    bench = str(REPO / "bench")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    from gen_corpus import generate

    root = tmp_path_factory.mktemp("generated")
    generate(GENERATED_ITEMS, root / "site")
    docs, problems = load_site_documents(root / "site", dt.date(2026, 11, 20))
    assert not problems, problems[:5]
    write_client_index(docs, FolderWriter(root / "public"))
    build_index(docs, root / "whoosh")
    return docs, ClientSource(root / "public" / "search"), WhooshSource(root / "whoosh")
