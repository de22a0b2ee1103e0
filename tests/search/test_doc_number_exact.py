"""A whole 发文字号 query brings the document whose own number it is first, by its own number
field: not a document that only holds the number's parts in its keywords (吉政发〔2025〕13号
citing 〔2025〕3号) nor an interpretation whose keywords cite the number it explains."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ssg.search import engine, tokenize
from ssg.search.client_index import ClientSource, write_client_index
from ssg.search.whoosh_index import WhooshSource, build_index, load_site_documents
from tests.search.conftest import FolderWriter
from tests.sitekit import make_site

BRACKETS = (("〔", "〕"), ("[", "]"), ("(", ")"), ("（", "）"), ("【", "】"))


def _policy(title: str, number: str, day: int, index: int, keywords: str = "") -> str:
    extra = f"keywords: [{keywords}]\n" if keywords else ""
    return (
        f"---\ntitle: {title}\ndate: 2025-06-{day:02d}\nissuer: 测试市人民政府\n"
        f"written: 2025-06-{day:02d}\nindex_number: 11229800MB0000000X/2025-{index:05d}\n"
        f"topic: '综合政务\\政务公开'\ndoc_number: {number}\n{extra}reviewed_by: 审核人\n---\n"
        "正文。\n"
    )


# Each newer than 3号, with the whole number in its keywords and its title: on the number's
# keyword tokens (its issuer code's bigrams, year, number, number + 号) each held every part
# and came before 3号. 13号 amends 3号 and cites it; the interpretation explains it.
POLICY_3 = _policy("测试市优化营商环境若干措施", "吉政发〔2025〕3号", 2, 3)
PAIRS = {
    "13号": {
        "content/zcwj/n3.md": POLICY_3,
        "content/zcwj/n13.md": _policy(
            "关于修改吉政发〔2025〕3号文件的决定", "吉政发〔2025〕13号", 9, 13, "吉政发〔2025〕3号"
        ),
    },
    "interpretation": {
        "content/zcwj/n3.md": POLICY_3,
        "content/zcjd/n3.md": (
            "---\ntitle: 吉政发〔2025〕3号文件解读\ndate: 2025-06-12\npolicy: 吉政发〔2025〕3号\n"
            "source: 测试市发展改革委\nkeywords: [吉政发〔2025〕3号]\nreviewed_by: 审核人\n---\n"
            "吉政发〔2025〕3号 的解读。\n"
        ),
    },
}
OTHER = {"13号": "/zcwj/n13.html", "interpretation": "/zcjd/n3.html"}


@pytest.fixture(scope="module", params=sorted(PAIRS))
def numbered(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, ClientSource, WhooshSource]:
    root = make_site(tmp_path_factory.mktemp("docno"), PAIRS[request.param])
    docs, problems = load_site_documents(root, dt.date(2026, 11, 20))
    assert not problems, problems
    write_client_index(docs, FolderWriter(root / "public"))
    build_index(docs, root / "whoosh")
    return request.param, ClientSource(root / "public" / "search"), WhooshSource(root / "whoosh")


def _urls(answer: dict) -> list[str]:
    return [r["url"] for r in answer["results"]]


@pytest.mark.parametrize(("left", "right"), BRACKETS)
def test_a_whole_doc_number_brings_its_own_document_first(
    numbered: tuple[str, ClientSource, WhooshSource], left: str, right: str
) -> None:
    pair, client, whoosh = numbered
    wanted = [("吉政发〔2025〕3号", "/zcwj/n3.html")]
    if pair == "13号":
        wanted.append(("吉政发〔2025〕13号", "/zcwj/n13.html"))
    for number, own in wanted:
        for query in (number, number.removesuffix("号")):
            query = query.replace("〔", left).replace("〕", right)
            answer = engine.search(query, client)
            assert _urls(answer)[0] == own, (query, _urls(answer))
            assert json.dumps(answer, ensure_ascii=False) == json.dumps(
                engine.search(query, whoosh), ensure_ascii=False
            )


def test_the_document_that_cites_the_number_still_follows(
    numbered: tuple[str, ClientSource, WhooshSource],
) -> None:
    pair, client, _ = numbered
    assert _urls(engine.search("吉政发〔2025〕3号", client)) == ["/zcwj/n3.html", OTHER[pair]]


def test_only_the_documents_own_number_field_gives_the_exact_token() -> None:
    token = tokenize.own_doc_number("吉政发〔2025〕3号")
    assert token == tokenize.plan("吉政发[2025]3").docno[0]
    assert token == tokenize.own_doc_number(" 吉政发（２０２５）３号 ")  # NFKC, other brackets
    assert token != tokenize.own_doc_number("吉政发〔2025〕13号")
    assert tokenize.own_doc_number("吉政令第285号") == ""  # no year: no whole-number query
    assert tokenize.plan("吉政发〔2025〕3号 方案").docno == ()
    # No text token holds the mark: a keyword can never stand for a document's own number.
    assert not any(tokenize.DOCNO_MARK in t for t in tokenize.field_tokens("吉政发〔2025〕3号"))


def test_an_index_token_of_a_policy_number_is_in_the_keywords_of_that_policy_only(
    tmp_path: Path,
) -> None:
    root = make_site(tmp_path / "site", {**PAIRS["13号"], **PAIRS["interpretation"]})
    docs, _ = load_site_documents(root, dt.date(2026, 11, 20))
    from ssg.search.documents import doc_tokens

    token = tokenize.own_doc_number("吉政发〔2025〕3号")
    holders = [d.key for d in docs if token in doc_tokens(d).keywords]
    assert holders == ["zcwj/n3"]


# 〔2025〕3号 typed without an issuer code: two issuers' 3号 of 2025, and newer documents that
# hold a 2025 and a 3号 in their titles (a list of 2025's third batch …, the 13号 that cites
# 吉政发〔2025〕3号 in its keywords), which the parts alone ranked first.
WITHOUT_ISSUER = {
    "content/zcwj/n3.md": POLICY_3,
    "content/zcwj/b3.md": _policy("测试市城市更新实施办法", "测政办发〔2025〕3号", 3, 4),
    "content/zcwj/n13.md": PAIRS["13号"]["content/zcwj/n13.md"],
    "content/zcwj/x.md": _policy("2025年第3号批次项目清单（3号）", "测政函〔2025〕21号", 20, 21),
}


@pytest.fixture(scope="module")
def without_issuer(tmp_path_factory: pytest.TempPathFactory) -> tuple[ClientSource, WhooshSource]:
    root = make_site(tmp_path_factory.mktemp("docno-bare"), WITHOUT_ISSUER)
    docs, problems = load_site_documents(root, dt.date(2026, 11, 20))
    assert not problems, problems
    write_client_index(docs, FolderWriter(root / "public"))
    build_index(docs, root / "whoosh")
    return ClientSource(root / "public" / "search"), WhooshSource(root / "whoosh")


@pytest.mark.parametrize(("left", "right"), BRACKETS)
@pytest.mark.parametrize("suffix", ["号", ""])
def test_a_doc_number_without_its_issuer_brings_every_issuers_document_so_numbered_first(
    without_issuer: tuple[ClientSource, WhooshSource], left: str, right: str, suffix: str
) -> None:
    """(2025)3号 is how a citizen writes the number of a document whose issuer they do not
    remember: the documents numbered so, of every issuer, come before those that hold its
    parts (2025年第3号批次…（3号）, 吉政发〔2025〕13号)."""
    query = f"{left}2025{right}3{suffix}"
    assert tokenize.plan(query).docno == ("#2025-3",)
    for source in without_issuer:
        urls = _urls(engine.search(query, source))
        assert sorted(urls[:2]) == ["/zcwj/b3.html", "/zcwj/n3.html"], (query, urls)


@pytest.mark.parametrize("query", ["2025 3号", "(2025)第3号", "(2025)3号 办法", "吉政发(2025)"])
def test_other_shapes_are_no_doc_number_without_an_issuer(query: str) -> None:
    assert tokenize.plan(query).docno == ()


# 吉政发〔2026〕4号 typed as citizens type it, without the brackets around its year, beside
# its neighbours: the same issuer's 14号 and 41号 (whose digits hold a 4), another issuer's
# 4号, and a page that holds a code of year-like digits (项目编号20231234).
LOOSE = {
    "content/zcwj/n4.md": _policy("测试市促进消费若干措施", "吉政发〔2026〕4号", 4, 4),
    "content/zcwj/n14.md": _policy("测试市稳就业若干措施", "吉政发〔2026〕14号", 14, 14),
    "content/zcwj/n41.md": _policy("测试市养老服务办法", "吉政发〔2026〕41号", 21, 41),
    "content/zcwj/b4.md": _policy("测试市城市更新办法", "测政发〔2026〕4号", 5, 5),
    "content/dt/code.md": (
        "---\ntitle: 重点项目建设进展\ndate: 2026-11-12\nsource: 测试市发展改革委\n"
        "reviewed_by: 审核人\n---\n项目编号20231234的项目已开工。\n"
    ),
}
LOOSE_FORMS = [
    "吉政发20264号",
    "吉政发2026 4号",
    "吉政发2026年4号",
    "吉政发[2026]4号",
    "吉政发(2026)4",
    "吉政发20264",
    "吉政发2026-4号",
    " 吉政发 2026 4 号",
    "吉政發20264號",
    "吉政发２０２６４号",
]


@pytest.fixture(scope="module")
def loose_numbers(tmp_path_factory: pytest.TempPathFactory) -> tuple[ClientSource, WhooshSource]:
    root = make_site(tmp_path_factory.mktemp("docno-loose"), LOOSE)
    docs, problems = load_site_documents(root, dt.date(2026, 11, 20))
    assert not problems, problems
    write_client_index(docs, FolderWriter(root / "public"))
    build_index(docs, root / "whoosh")
    return ClientSource(root / "public" / "search"), WhooshSource(root / "whoosh")


@pytest.mark.parametrize("query", LOOSE_FORMS)
def test_issuer_year_and_number_typed_without_brackets_bring_the_document_first(
    loose_numbers: tuple[ClientSource, WhooshSource], query: str
) -> None:
    """The first four digits after the issuer code are the year (19xx, 20xx), the rest its
    序号: 20264 is 〔2026〕4号, not 〔2026〕4x号 (14号 and 41号 come after it, if at all)."""
    client, whoosh = loose_numbers
    answer = engine.search(query, client)
    assert _urls(answer)[0] == "/zcwj/n4.html", (query, _urls(answer))
    assert json.dumps(answer, ensure_ascii=False) == json.dumps(
        engine.search(query, whoosh), ensure_ascii=False
    )


def test_the_digits_after_the_year_are_the_number_whatever_their_length(
    loose_numbers: tuple[ClientSource, WhooshSource],
) -> None:
    client, whoosh = loose_numbers
    for query, own in (("吉政发202614号", "/zcwj/n14.html"), ("吉政发2026年41", "/zcwj/n41.html")):
        assert tokenize.doc_number_form(query) == f"吉政发〔2026〕{own[7:-5]}号"
        for source in (client, whoosh):
            assert _urls(engine.search(query, source))[0] == own, query


def test_year_like_digits_after_words_are_searched_as_typed_when_no_document_is_so_numbered(
    loose_numbers: tuple[ClientSource, WhooshSource],
) -> None:
    """项目编号20231234 reads as 项目编号〔2023〕1234号, which is no document's number: the
    query is searched as typed, and finds the page that holds the code."""
    query = "项目编号20231234"
    assert tokenize.doc_number_form(query) == "项目编号〔2023〕1234号"
    for source in loose_numbers:
        answer = engine.search(query, source)
        assert _urls(answer) == ["/dt/code.html"]
        assert answer["searched"] == query


@pytest.mark.parametrize(
    "query", ["吉政发2026", "吉政发4号", "第20264号", "吉政发1826 4号", "吉政发2026 4号 方案"]
)
def test_what_is_no_doc_number_typed_without_brackets_is_left_as_typed(query: str) -> None:
    assert tokenize.doc_number_form(query) == ""
