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

from ssg.cli import main
from ssg.search import engine
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
    second = make_site(tmp_path / "b", bad, SITE_YAML.replace("www.ceshi", "www.xian.ceshi"))
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


MIGRATION = """\
- event: migration
  date: 2026-11-19
  destination: https://www.jl.gov.cn/ceshi/
  reviewed_by: 审核人
"""


def test_a_migrated_site_is_not_indexed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """From its migration date on, `ssg build` writes no search index for a site (every page
    is the migration notice): `ssg search index` leaves it out too, and says so."""
    county_yaml = SITE_YAML.replace("www.ceshi.gov.cn", "www.xian.ceshi.gov.cn")
    migrated = make_site(tmp_path / "a", {"data/lifecycle.yaml": MIGRATION})
    other = make_site(tmp_path / "b", {}, county_yaml)
    folder = tmp_path / "index"
    argv = ["search", "index", "--source", str(migrated), "--source", str(other)]
    assert main([*argv, "--index", str(folder), "--date", "2026-11-18"]) == 0
    assert set(Sidecar(folder).site_keys) == {"www.ceshi.gov.cn", "www.xian.ceshi.gov.cn"}
    assert "迁移" not in capsys.readouterr().err
    assert main([*argv, "--index", str(folder), "--date", "2026-11-19"]) == 0
    side = Sidecar(folder)
    assert side.site_keys == ["www.xian.ceshi.gov.cn"]
    source = WhooshSource(folder)
    assert len(side.types) == source.reader.doc_count() > 0
    source.close()
    said = capsys.readouterr()
    assert "已为 1 个站点的" in said.out
    err = said.err.splitlines()
    assert err == [
        f"{migrated.as_posix()}：data/lifecycle.yaml 的网站迁移自 2026-11-19 起生效，"
        "该站点不编入搜索索引 (site migrated since 2026-11-19: not indexed)"
    ]
    # Alone, it leaves an empty index: the server no longer finds its pages.
    alone = ["search", "index", "--source", str(migrated), "--index", str(folder)]
    assert main([*alone, "--date", "2026-11-19"]) == 0
    assert Sidecar(folder).types == []
    source = WhooshSource(folder)
    assert engine.search("会议", source)["total"] == 0
    source.close()


# --- a site given twice ----------------------------------------------------------------------


def test_the_same_site_given_twice_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Indexed twice, every result of the site was found twice. As sites.yaml refuses a folder
    listed twice (SITES-02), the --source list does, naming both, and writes no index."""
    site = make_site(tmp_path / "www", {})
    folder = tmp_path / "index"
    argv = ["search", "index", "--index", str(folder), "--date", "2026-11-20"]
    assert main([*argv, "--source", str(site), "--source", f"{tmp_path}/./www/"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line == (
        f"--source {site} 与 --source {site} 是同一个站点（{site.resolve()}）；"
        "每个站点只写一次 (the same site given twice)"
    )
    assert not folder.exists()


def test_a_repository_and_one_of_its_sites_is_that_site_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    site = make_site(repo / "www", {})
    (repo / "sites.yaml").write_text("- path: www\n", encoding="utf-8")
    folder = tmp_path / "index"
    argv = ["search", "index", "--index", str(folder), "--date", "2026-11-20"]
    assert main([*argv, "--source", str(repo), "--source", str(site)]) == 2
    err = capsys.readouterr().err
    assert f"--source {repo}（sites.yaml 中的 www） 与 --source {site} 是同一个站点" in err
    assert not folder.exists()
    # Each alone is one site, indexed once.
    assert main([*argv, "--source", str(repo)]) == 0
    assert "已为 1 个站点的" in capsys.readouterr().out


def test_two_folders_with_one_domain_are_refused_as_sites_yaml_refuses_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy of a site (or a site.yaml copied unchanged) is the same site to the index, which
    knows sites by their domain: SITES-03 at the second one's domain, no index written."""
    first = make_site(tmp_path / "www", {})
    second = make_site(tmp_path / "www-copy", {}, SITE_YAML.replace("www.ceshi", "WWW.ceshi"))
    folder = tmp_path / "index"
    argv = ["search", "index", "--index", str(folder), "--date", "2026-11-20"]
    assert main([*argv, "--source", str(first), "--source", str(second)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{second.as_posix()}/data/site.yaml:2: error [SITES-03] domain: 站点 {second.as_posix()} "
        f"与站点 {first.as_posix()} 的域名相同（www.ceshi.gov.cn）；搜索索引按域名区分站点，"
        "每个网站的域名应唯一，同一个站点只编入一次 (two sites with one domain)",
        "输入有错误，未建立索引 (input errors: no index built)",
    ]
    assert not folder.exists()


def test_two_new_sites_sharing_init_s_stand_in_domain_are_told_to_fill_it_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """sites.yaml lets new sites share `ssg init`'s stand-in domain (each site's own check
    reports it); the index, which tells sites apart by domain, cannot: it says what to do."""
    stand_in = SITE_YAML.replace("www.ceshi.gov.cn", "www.example.gov.cn")
    first = make_site(tmp_path / "a", {}, stand_in)
    second = make_site(tmp_path / "b", {}, stand_in)
    argv = ["search", "index", "--index", str(tmp_path / "index"), "--date", "2026-11-20"]
    assert main([*argv, "--source", str(first), "--source", str(second)]) == 1
    [line] = [x for x in capsys.readouterr().err.splitlines() if "[SITES-03]" in x]
    assert "（www.example.gov.cn）：这是 ssg init 写的占位域名，先在 data/site.yaml 填写" in line
