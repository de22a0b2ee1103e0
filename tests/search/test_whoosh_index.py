"""`ssg search index` writes the index whoosh's own writer would: the same postings, term
statistics, stored fields and field lengths, however its postings are spilled to disk."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from whoosh import index

from ssg.search.client_index import ClientSource
from ssg.search.documents import SearchDoc, doc_tokens
from ssg.search.whoosh_index import (
    INDEX_NAME,
    Sidecar,
    WhooshSource,
    build_index,
    index_sites,
    schema,
    whoosh_fields,
)
from tests.sitekit import SITE_YAML, make_site


def stock_index(docs: Sequence[SearchDoc], folder: Path) -> None:
    """The index as whoosh's writer makes it, with its own pool and nothing else."""
    folder.mkdir(parents=True)
    ix = index.create_in(str(folder), schema(), indexname=INDEX_NAME)
    writer = ix.writer(limitmb=256)
    for doc in docs:
        writer.add_document(**whoosh_fields(doc))
    writer.commit(optimize=True)


def contents(folder: Path) -> tuple[int, str]:
    """(terms, digest) of everything a reader can see in the index."""
    reader = index.open_dir(str(folder), indexname=INDEX_NAME).reader()
    digest = hashlib.sha256()
    terms = 0
    for fieldname, text in reader.all_terms():
        matcher = reader.postings(fieldname, text)
        postings: list[tuple[int, float, Any]] = []
        while matcher.is_active():
            postings.append((matcher.id(), matcher.weight(), matcher.value()))
            matcher.next()
        info = reader.term_info(fieldname, text)
        stats = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length())
        digest.update(repr((fieldname, text, postings, stats, info.max_weight())).encode())
        terms += 1
    for doc in range(reader.doc_count_all()):
        digest.update(repr(sorted(reader.stored_fields(doc).items())).encode())
        digest.update(repr([reader.doc_field_length(doc, f) for f in "tkb"]).encode())
    for field in "tkb":
        lengths = (
            reader.field_length(field),
            reader.min_field_length(field),
            reader.max_field_length(field),
        )
        digest.update(repr((field, lengths)).encode())
    reader.close()
    return terms, digest.hexdigest()


def test_postings_spilled_in_many_runs_make_whooshs_own_index(
    tmp_path: Path, sample_docs: list[SearchDoc]
) -> None:
    postings = sum(
        len(t.title) + len(t.keywords) + len(t.body) for t in map(doc_tokens, sample_docs)
    )
    assert postings * 170 > 4 * 2**20  # a 1 MB pool spills at least four sorted runs
    build_index(sample_docs, tmp_path / "ours", limitmb=1)
    stock_index(sample_docs, tmp_path / "stock")
    ours = contents(tmp_path / "ours")
    assert ours[0] > 1000
    assert ours == contents(tmp_path / "stock")


def test_a_generated_portal_indexes_as_whoosh_would(
    tmp_path: Path, generated: tuple[list[SearchDoc], ClientSource, WhooshSource]
) -> None:
    docs, _, source = generated
    stock_index(docs, tmp_path / "stock")
    assert contents(source.folder) == contents(tmp_path / "stock")


@pytest.mark.parametrize("limitmb", [1, 64])
def test_no_runs_are_left_behind(
    tmp_path: Path, sample_docs: list[SearchDoc], limitmb: int
) -> None:
    build_index(sample_docs, tmp_path, limitmb=limitmb)
    left = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert [n for n in left if n.endswith((".run", ".ctmp"))] == []
    assert "ssg-search.json" in left


def test_index_problems_are_standard_diagnostic_lines(tmp_path: Path) -> None:
    """One site: the line `ssg build` prints. Several: the same line with the site folder
    before the path, so that each names the file it is about."""
    bad = {"content/dt/bad.md": "---\ntitle: [未闭合\n---\n正文\n"}
    first = make_site(tmp_path / "a", bad)
    second = make_site(tmp_path / "b", bad)
    day = dt.date(2026, 11, 20)
    count, problems = index_sites([first], day, tmp_path / "index")
    assert count == 0
    assert [p.split(" YAML 语法")[0] for p in problems] == ["content/dt/bad.md:2: error [YAML-01]"]
    count, problems = index_sites([first, second], day, tmp_path / "index")
    assert [p.split(" YAML 语法")[0] for p in problems] == [
        f"{first.as_posix()}/content/dt/bad.md:2: error [YAML-01]",
        f"{second.as_posix()}/content/dt/bad.md:2: error [YAML-01]",
    ]


def test_the_index_keeps_each_sites_name(tmp_path: Path) -> None:
    """Cross-site results name their site: `ssg search index` keeps data/site.yaml's name."""
    first = make_site(tmp_path / "a", {})
    county_yaml = SITE_YAML.replace("测试市人民政府", "测试县人民政府", 1).replace(
        "www.ceshi.gov.cn", "www.xian.ceshi.gov.cn"
    )
    second = make_site(tmp_path / "b", {}, county_yaml)
    count, problems = index_sites([first, second], dt.date(2026, 11, 20), tmp_path / "index")
    assert problems == [] and count > 2
    side = Sidecar(tmp_path / "index")
    assert dict(zip(side.site_keys, side.site_names, strict=True)) == {
        "www.ceshi.gov.cn": "测试市人民政府",
        "www.xian.ceshi.gov.cn": "测试县人民政府",
    }
