"""Synonyms (同义词): a query with one word of a group finds the pages that write another
(噪声扰民 → 噪音, 医保 → 医疗保障), in the client index and the server search alike; the list
is data/search-synonyms.yaml, checked as the other data files are, and read at query time:
a new synonym rewrites the static index's entry file only, and the server's list alone."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ssg.diagnostics import Diagnostics
from ssg.search import engine
from ssg.search.client_index import ClientSource
from ssg.search.synonyms import BUILTIN, SYNONYMS_FILE, load_synonyms
from ssg.search.whoosh_index import WhooshSource, index_sites
from tests.sitekit import make_site, run


def _news(title: str, body: str, day: int) -> str:
    return (
        f"---\ntitle: {title}\ndate: 2026-11-{day:02d}\nsource: 测试市生态环境局\n"
        f"reviewed_by: 审核人\n---\n{body}\n"
    )


# Each page writes one word of a group; the query names it by another.
PAGES = {
    "content/dt/zaoyin.md": _news(
        "关于夜间施工噪音扰民的处理情况", "夜间施工噪音扰民的投诉已处理。", 2
    ),
    "content/dt/yibao.md": _news("城乡居民医疗保障待遇调整", "医疗保障待遇自明年起调整。", 3),
    "content/dt/laonian.md": _news("老年人优待证办理须知", "年满六十周岁可申领老年人优待证。", 4),
    "content/dt/other.md": _news("城市绿化工作进展", "绿化工作进展顺利。", 5),
}
OWN = "synonyms:\n  - [老年证, 老年人优待证]\n"


def _sources(root: Path) -> tuple[ClientSource, WhooshSource]:
    assert run(root, command="build").code == 0
    count, problems = index_sites([root], dt.date(2026, 11, 20), root / "whoosh")
    assert not problems and count
    return ClientSource(root / "public" / "search"), WhooshSource(root / "whoosh")


def _urls(answer: dict) -> list[str]:
    return [r["url"] for r in answer["results"]]


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> tuple[ClientSource, WhooshSource]:
    root = make_site(tmp_path_factory.mktemp("synonyms"), {**PAGES, SYNONYMS_FILE: OWN})
    return _sources(root)


# The query, the page it finds, what is marked in that page's title.
QUERIES = [
    ("噪声扰民", "/dt/zaoyin.html", "噪音扰民"),  # built in, within a longer run
    ("医保", "/dt/yibao.html", "医疗保障"),  # built in, the whole run
    ("老年证", "/dt/laonian.html", "老年人优待证"),  # the site's own
]


@pytest.mark.parametrize(("query", "url", "marked"), QUERIES)
def test_a_query_finds_the_page_that_writes_its_synonym_in_both_backends(
    sources: tuple[ClientSource, WhooshSource], query: str, url: str, marked: str
) -> None:
    client, whoosh = sources
    answer = engine.search(query, client)
    assert _urls(answer) == [url], query
    assert json.dumps(answer, ensure_ascii=False) == json.dumps(
        engine.search(query, whoosh), ensure_ascii=False
    )
    assert ["".join(p for p, m in answer["results"][0]["title"] if m)] == [marked]


def test_the_word_as_typed_ranks_above_its_synonym(tmp_path: Path) -> None:
    pages = {
        **PAGES,
        "content/dt/zaosheng.md": _news("关于夜间施工噪声扰民的处理情况", "噪声扰民已处理。", 1),
    }
    client, whoosh = _sources(make_site(tmp_path / "site", pages))
    for source in (client, whoosh):
        assert _urls(engine.search("噪声扰民", source)) == ["/dt/zaosheng.html", "/dt/zaoyin.html"]
        assert _urls(engine.search("噪音扰民", source)) == ["/dt/zaoyin.html", "/dt/zaosheng.html"]


def test_a_site_can_turn_the_built_in_synonyms_off(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", {**PAGES, SYNONYMS_FILE: "builtin: false\n" + OWN})
    client, whoosh = _sources(root)
    for source in (client, whoosh):
        assert _urls(engine.search("噪声扰民", source)) == []
        assert _urls(engine.search("医保", source)) == []
        assert _urls(engine.search("老年证", source)) == ["/dt/laonian.html"]


def test_a_new_synonym_rewrites_the_entry_and_the_servers_list_only(tmp_path: Path) -> None:
    """Synonyms are read at query time: `ssg build` writes the same postings, fragments and
    tables again (their names are their contents' hashes) and a new entry file; `ssg search
    index --synonyms` rewrites the server's list, which an open searcher reads at its next
    query, without indexing anew."""
    root = make_site(tmp_path / "site", {**PAGES, SYNONYMS_FILE: OWN})
    _, whoosh = _sources(root)
    search = root / "public" / "search"
    before = {p.relative_to(search): p.read_bytes() for p in search.rglob("*.bin")}
    whoosh_files = {p.name: p.stat().st_mtime_ns for p in (root / "whoosh").glob("*.seg")}
    assert _urls(engine.search("绿化进度", whoosh)) == []
    (root / SYNONYMS_FILE).write_text(OWN + "  - [进度, 进展]\n", encoding="utf-8")
    assert run(root, command="build").code == 0
    after = {p.relative_to(search): p.read_bytes() for p in search.rglob("*.bin")}
    changed = sorted(
        str(rel) for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel)
    )
    assert changed == ["index.bin"]
    assert _urls(engine.search("绿化进度", ClientSource(search))) == ["/dt/other.html"]
    count, problems = index_sites(
        [root], dt.date(2026, 11, 20), root / "whoosh", synonyms_only=True
    )
    assert (count, problems) == (0, [])
    assert {p.name: p.stat().st_mtime_ns for p in (root / "whoosh").glob("*.seg")} == whoosh_files
    assert _urls(engine.search("绿化进度", whoosh)) == ["/dt/other.html"]


def test_ssg_search_index_synonyms_updates_only_the_list(tmp_path: Path) -> None:
    from ssg.cli import main

    root = make_site(tmp_path / "site", {**PAGES, SYNONYMS_FILE: "- [进度, 进展]\n"})
    folder = tmp_path / "index"
    assert (
        main(["search", "index", "--source", str(root), "--index", str(folder), "--synonyms"]) == 0
    )
    assert not (folder / "ssg-search.json").exists()  # (nothing indexed)
    groups = json.loads((folder / "ssg-synonyms.json").read_text(encoding="utf-8"))["synonyms"]
    assert groups == [*map(list, BUILTIN), ["进度", "进展"]]


def _problems(tmp_path: Path, text: str) -> tuple[tuple[tuple[str, ...], ...], list[str]]:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / SYNONYMS_FILE).write_text(text, encoding="utf-8")
    diags = Diagnostics()
    found = load_synonyms(tmp_path, diags)
    return found, [str(d) for d in diags.sorted()]


def test_a_list_of_groups_adds_to_the_built_in_ones_in_their_compared_form(tmp_path: Path) -> None:
    found, problems = _problems(tmp_path, "- [噪聲, 噪响]\n- [ 一网通办 , 一网通 , 一网通办 ]\n")
    assert problems == []
    assert found == (*BUILTIN, ("噪声", "噪响"), ("一网通办", "一网通"))  # (繁 → 简, once each)
    assert load_synonyms(tmp_path / "nowhere", Diagnostics()) == BUILTIN
    assert _problems(tmp_path, "builtin: 否\nsynonyms:\n") == ((), [])


# Words of letters or digits that citizens search (review 12): the national hotline 12345 and
# ETC, each a token of the index, put in place of a whole run or put a whole run in place.
LATIN_PAGES = {
    "content/dt/rexian.md": _news("拨打12345反映问题", "市民可拨打12345反映诉求。", 6),
    "content/dt/tongban.md": _news("一网通办平台上线", "一网通办让群众少跑腿。", 7),
    "content/dt/etc.md": _news("电子不停车收费设备安装指南", "电子不停车收费设备可免费安装。", 8),
}
LATIN_OWN = "- [12345, 一网通办]\n- [ETC, 电子不停车收费]\n"
# The query, the pages it finds (the word as typed first), the words marked in the first
# two titles.
LATIN_QUERIES = [
    ("12345", ["/dt/rexian.html", "/dt/tongban.html"], ["12345", "一网通办"]),
    ("一网通办", ["/dt/tongban.html", "/dt/rexian.html"], ["一网通办", "12345"]),
    ("ETC", ["/dt/etc.html"], ["电子不停车收费"]),
]


def test_a_list_of_groups_may_hold_words_of_letters_or_digits(tmp_path: Path) -> None:
    found, problems = _problems(tmp_path, LATIN_OWN)
    assert problems == []
    assert found == (*BUILTIN, ("12345", "一网通办"), ("etc", "电子不停车收费"))


@pytest.mark.parametrize(("query", "urls", "marked"), LATIN_QUERIES)
def test_a_word_of_letters_or_digits_finds_its_synonym_in_both_backends(
    tmp_path: Path, query: str, urls: list[str], marked: list[str]
) -> None:
    root = make_site(tmp_path / "site", {**PAGES, **LATIN_PAGES, SYNONYMS_FILE: LATIN_OWN})
    client, whoosh = _sources(root)
    answer = engine.search(query, client)
    assert _urls(answer) == urls, query
    assert json.dumps(answer, ensure_ascii=False) == json.dumps(
        engine.search(query, whoosh), ensure_ascii=False
    )
    titles = ["".join(p for p, m in r["title"] if m) for r in answer["results"]]
    assert titles == marked


def test_a_word_of_letters_or_digits_stands_for_a_whole_run_only(tmp_path: Path) -> None:
    # 一网通办入口 read as 12345入口 would be no phrase of the index's tokens: not searched.
    root = make_site(tmp_path / "site", {**PAGES, **LATIN_PAGES, SYNONYMS_FILE: LATIN_OWN})
    client, whoosh = _sources(root)
    for source in (client, whoosh):
        assert "/dt/rexian.html" not in _urls(engine.search("一网通办平台", source))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "builtin: false\nsynonym:\n  - [噪声, 噪音]\n",
            "data/search-synonyms.yaml:2: error [SCHEMA-05] synonym: 未知的键 “synonym”，是不是 synonyms？",
        ),
        ("builtin: 不\n", "data/search-synonyms.yaml:1: error [SCHEMA-02] builtin: builtin 只能是"),
        (
            "synonyms:\n  - [噪声, 噪音]\n  - 噪声\n",
            "data/search-synonyms.yaml:3: error [SCHEMA-02] synonyms[2]: 每组同义词应为两个或更多词语的列表",
        ),
        (
            "- [噪声, 噪音]\n- [PM2.5, 细颗粒物]\n",
            "data/search-synonyms.yaml:2: error [SCHEMA-02] [2][1]: 同义词 “PM2.5” 应为一个词语：两个或"
            "更多汉字（如 噪声），或两个或更多字母、数字（如 12345、ETC）；搜索在标点、空格以及汉字与"
            "字母数字相接处把它拆成几个词",
        ),
        (
            "- [12345热线, 市长热线]\n",
            "data/search-synonyms.yaml:1: error [SCHEMA-02] [1][1]: 同义词 “12345热线” 应为一个词语",
        ),
        (
            "- [a, 噪音]\n",
            "data/search-synonyms.yaml:1: error [SCHEMA-02] [1][1]: 同义词 “a” 应为一个词语：两个或"
            "更多汉字（如 噪声），或两个或更多字母、数字（如 12345、ETC）；一个字、标点或空格不是",
        ),
        (
            "- - 医保\n  - 医疗\n    保障\n- [医保, 医保]\n",
            "data/search-synonyms.yaml:4: error [SCHEMA-02] [2]: 这一组只有一个词语（“医保”）",
        ),
        ("噪声: 噪音\n", "data/search-synonyms.yaml:1: error [SCHEMA-05] 噪声: 未知的键 “噪声”"),
        ("- [噪声, 噪音\n", "data/search-synonyms.yaml:1: error [YAML-"),
        (
            "噪声\n",
            "data/search-synonyms.yaml:1: error [YAML-06] search-synonyms.yaml 应为同义词组的列表",
        ),
    ],
)
def test_bad_input_is_reported_at_its_file_line_and_field(
    tmp_path: Path, text: str, expected: str
) -> None:
    found, problems = _problems(tmp_path, text)
    assert any(p.startswith(expected) for p in problems), problems
    assert found[: len(BUILTIN)] == BUILTIN or found == ()


def test_a_broken_synonym_list_blocks_the_build_and_the_index(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", {**PAGES, SYNONYMS_FILE: "- [噪声]\n"})
    result = run(root, command="build")
    assert result.code == 1
    assert any("[SCHEMA-02] [1]:" in line for line in result.lines), result.lines
    count, problems = index_sites([root], dt.date(2026, 11, 20), tmp_path / "index")
    assert count == 0 and any("data/search-synonyms.yaml:1:" in p for p in problems)


def test_a_running_search_service_answers_with_the_new_synonyms_at_its_next_query(
    tmp_path: Path,
) -> None:
    from ssg.search.server import SearchService

    root = make_site(tmp_path / "site", {**PAGES, SYNONYMS_FILE: OWN})
    folder = root / "whoosh"
    count, problems = index_sites([root], dt.date(2026, 11, 20), folder)
    assert count and not problems
    service = SearchService(folder, 2)
    try:
        assert service.search({"q": "绿化进度"})["results"] == []
        (root / SYNONYMS_FILE).write_text(OWN + "  - [进度, 进展]\n", encoding="utf-8")
        assert index_sites([root], dt.date(2026, 11, 20), folder, synonyms_only=True) == (0, [])
        urls = [r["url"] for r in service.search({"q": "绿化进度"})["results"]]
        assert urls == ["/dt/other.html"]
    finally:
        service.close()
