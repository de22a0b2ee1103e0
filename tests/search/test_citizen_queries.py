"""Citizens' queries that a review found answered badly, on both backends: a whole 发文字号
in any bracket form, everyday phrasings (通俗语言), correctly typed words that were
"corrected", traditional characters and a typo inside a run of words, facet counts that
lead to empty pages, and suggestions for doc numbers typed with other brackets."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from ssg.search import engine, hant, tokenize
from ssg.search.client_index import ClientSource, write_client_index
from ssg.search.documents import SearchDoc
from ssg.search.whoosh_index import WhooshSource, build_index, load_site_documents
from tests.search.conftest import FolderWriter
from tests.sitekit import make_site

DOC_NUMBER = re.compile(r"^\S+〔\d{4}〕\d+号$")
BRACKETS = (("〔", "〕"), ("[", "]"), ("(", ")"), ("（", "）"), ("【", "】"))


def _same(a: dict, b: dict) -> bool:
    return json.dumps(a, ensure_ascii=False, sort_keys=True) == json.dumps(
        b, ensure_ascii=False, sort_keys=True
    )


def _titles(answer: dict) -> list[str]:
    return ["".join(piece for piece, _ in r["title"]) for r in answer["results"]]


def _doc_numbers(docs: list[SearchDoc]) -> list[tuple[str, str]]:
    """(doc number, URL of the document that carries it) of every policy."""
    found = []
    for doc in docs:
        for line in doc.keywords.split("\n"):
            if doc.type == "policy" and DOC_NUMBER.match(line):
                found.append((line, doc.url))
    return found


def test_a_whole_doc_number_in_any_bracket_form_brings_its_document_first(
    client: ClientSource, whoosh: WhooshSource, sample_docs: list[SearchDoc]
) -> None:
    """青政办发〔2026〕11号's parts scored apart ranked 〔2026〕17号 (whose body names 11号)
    first; every doc number of the sample portal, in every bracket form, finds its own."""
    numbers = _doc_numbers(sample_docs)
    assert len(numbers) >= 15
    wrong = []
    for number, url in numbers:
        for left, right in BRACKETS:
            query = number.replace("〔", left).replace("〕", right)
            answer = engine.search(query, client)
            if answer["results"][0]["url"] != url:
                wrong.append((query, url, answer["results"][0]["url"]))
            assert _same(answer, engine.search(query, whoosh)), query
    assert not wrong


def test_a_doc_number_with_other_words_or_another_number_is_no_exact_match() -> None:
    own = (tokenize.own_doc_number("青政发〔2026〕9号"),)  # the document's own number field
    assert tokenize.plan("青政发〔2026〕9号").docno == own
    assert tokenize.plan("青政发[2026]9").docno == own
    assert tokenize.plan("青政发（2026）9号").docno == own
    for query in ("青政发〔2026〕9号 方案", "青政发2026 9号", "关于 青政发〔2026〕9号", "2026 9号"):
        assert tokenize.plan(query).docno == (), query


@pytest.mark.parametrize(
    "query", ["社保卡怎么办", "怎么办社保卡", "去哪办社保卡", "社保卡在哪办", "社保卡去哪里办",
              "社会保障卡申领需要什么材料", "如何申领社保卡"],
)  # fmt: skip
def test_everyday_phrasings_find_the_guide_first(
    client: ClientSource, whoosh: WhooshSource, query: str
) -> None:
    """RULES SEARCH-02 通俗语言搜索: a question word (and the 办 it asks with) splits the
    query, and a word of intent (材料) the guide does not hold does not make it fail."""
    answer = engine.search(query, client)
    assert _titles(answer)[:1] == ["社会保障卡申领"], (query, _titles(answer)[:3])
    assert _same(answer, engine.search(query, whoosh))


def test_a_word_of_intent_alone_is_still_required() -> None:
    loose = tokenize.plan("需要什么材料", loose=True)
    assert [c.required for c in loose.clauses] == [True]
    assert [c.required for c in tokenize.plan("社保卡 材料", loose=True).clauses] == [True, False]
    assert all(c.required for c in tokenize.plan("社保卡 材料").clauses)  # as typed: both


def test_words_the_guide_holds_apart_are_not_corrected(
    client: ClientSource, whoosh: WhooshSource
) -> None:
    """身份证补领: 《居民身份证换领、补领》 holds 身份证 and 补领; 身份证换领 is another word."""
    answer = engine.search("身份证补领", client)
    assert answer["correction"] is None
    assert _titles(answer)[:1] == ["居民身份证换领、补领"]
    assert answer["searched"] == "身份证补领"
    assert _same(answer, engine.search("身份证补领", whoosh))


def test_a_correction_one_character_off_is_only_to_a_whole_term() -> None:
    terms = [
        engine.Term("食品经营许可办理", "", "", 3),
        engine.Term("清洁取暖", "", "", 2),
        engine.Term("居民身份证换领、补领", "", "", 1),
    ]
    assert engine.vocabulary_fix("食品经营许可证", terms) is None  # 许可办 is no word
    assert engine.vocabulary_fix("身份证补领", terms) is None
    assert engine.vocabulary_fix("清洁取缓", terms) == "清洁取暖"  # a whole term
    # Sounding alike, a window of a term is still a correction (营商环竟 → 营商环境).
    assert engine.vocabulary_fix("许可半理", terms) == "许可办理"


def _news(title: str, day: int, body: str = "正文。", keywords: str = "") -> str:
    extra = f"keywords: [{keywords}]\n" if keywords else ""
    return (
        f"---\ntitle: {title}\ndate: 2026-11-{day:02d}\nsource: 测试市人民政府办公室\n{extra}"
        f"reviewed_by: 审核人\n---\n{body}\n"
    )


PORTAL = {
    "content/dt/tingshui.md": _news("关于临时停水的通知", 2),
    "content/dt/tingdian.md": _news("关于春华街道停电的通知", 3, keywords="停电通知"),
    "content/dt/spjy.md": _news("办理食品经营许可指南", 4),
    "content/dt/dafu.md": _news("惠民小区问题的答复", 5, keywords="食品经营许可办理问题"),
    "content/dt/dafu2.md": _news("翠湖小区问题的回复", 6, keywords="食品经营许可办理问题"),
    "content/dt/hk.md": _news("香港特別行政區居民來往內地通行證", 7),
    "content/dt/zzq.md": _news("著作权登记指南", 8),
    "content/dt/xsr.md": _news("新生儿参加医保须知", 9),
}


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> tuple[ClientSource, WhooshSource]:
    root = make_site(tmp_path_factory.mktemp("citizen"), PORTAL)
    docs, problems = load_site_documents(root, dt.date(2026, 11, 20))
    assert not problems
    write_client_index(docs, FolderWriter(root / "public"))
    build_index(docs, root / "whoosh")
    return ClientSource(root / "public" / "search"), WhooshSource(root / "whoosh")


def test_a_word_the_titles_hold_is_not_corrected_into_a_non_word(
    portal: tuple[ClientSource, WhooshSource],
) -> None:
    """食品经营许可证 was shown as 食品经营许可办 (a window of the term 食品经营许可办理)."""
    client, whoosh = portal
    answer = engine.search("食品经营许可证", client)
    assert answer["correction"] is None
    assert _titles(answer)[0] == "办理食品经营许可指南"
    assert _same(answer, engine.search("食品经营许可证", whoosh))


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("新生兒醫保", "新生儿参加医保须知"),  # folded one character for one, then split
        ("臨時停水通知", "关于临时停水的通知"),
        ("特別行政區", "香港特別行政區居民來往內地通行證"),  # a page in traditional characters
        ("著作权", "著作权登记指南"),  # 著 is a simplified text's character too: not folded
    ],
)
def test_traditional_characters_are_folded_before_anything_else(
    portal: tuple[ClientSource, WhooshSource], query: str, first: str
) -> None:
    client, whoosh = portal
    answer = engine.search(query, client)
    assert answer["correction"] is None
    assert _titles(answer)[:1] == [first]
    assert answer["searched"] == hant.fold(query)
    assert _same(answer, engine.search(query, whoosh))


def test_a_typo_in_one_word_of_a_run_is_corrected_word_by_word(
    portal: tuple[ClientSource, WhooshSource],
) -> None:
    client, whoosh = portal
    answer = engine.search("停水同知", client)
    assert answer["correction"] == {"text": "停水通知", "applied": True}
    assert _titles(answer)[0] == "关于临时停水的通知"
    assert _same(answer, engine.search("停水同知", whoosh))


@pytest.mark.parametrize("query", ["营商环境", "2026", "医保", "供热"])
def test_facet_counts_are_what_choosing_them_gives(
    client: ClientSource, whoosh: WhooshSource, query: str
) -> None:
    """After 2023年 the type facet offered 政策解读（2）, which led to an empty page: every
    count, under every single filter, is the total that adding it gives."""
    whole = engine.search(query, client)
    for name in ("type", "column", "year"):
        for chosen in whole["facets"][name]:
            filters = engine.Filters(**{name: chosen["value"]})
            first = engine.search(query, client, filters)
            assert first["total"] == chosen["count"]
            assert _same(first, engine.search(query, whoosh, filters))
            for other in ("type", "column", "year"):
                for value in first["facets"][other]:
                    both = engine.Filters(**{name: chosen["value"], other: value["value"]})
                    assert engine.search(query, client, both)["total"] == value["count"], (
                        query,
                        both,
                    )


def test_the_facets_of_a_filtered_empty_page_lead_back(client: ClientSource) -> None:
    answer = engine.search("营商环境", client, engine.Filters(year="2023", type="interpretation"))
    assert answer["total"] == 0 and answer["all"] == 6
    assert {f["value"] for f in answer["facets"]["type"]} == {"policy"}  # what 2023 holds
    assert answer["facets"]["year"]  # the years that hold interpretations


@pytest.mark.parametrize(
    "typed",
    ["青政办发[2026]1", "青政办发(2026)1", "青政办发（2026）1", "青政办发【2026】1", "青政办发[2026", "青政办發〔2026〕1"],
)  # fmt: skip
def test_doc_numbers_are_suggested_whatever_brackets_are_typed(
    client: ClientSource, typed: str
) -> None:
    terms = client.terms()
    expected = engine.suggest("青政办发〔2026〕1", terms)
    assert "青政办发〔2026〕11号" in expected
    got = engine.suggest(typed, terms)
    assert set(expected) <= set(got), (typed, got)


def test_a_bare_year_after_the_issuer_code_suggests_its_doc_numbers(client: ClientSource) -> None:
    assert "青政办发〔2026〕11号" in engine.suggest("青政办发2026", client.terms())


def test_search_js_folds_with_the_engines_pairs() -> None:
    """search.js carries hant.folding_pairs as a string literal (FOLD_PAIRS): the same."""
    script = (Path(engine.__file__).parent.parent / "themes/default/static/js/search.js").read_text(
        encoding="utf-8"
    )
    block = script[script.index("var FOLD_PAIRS =") : script.index("var FOLD = ")]
    assert "".join(re.findall(r'"([^"]*)"', block)) == hant.folding_pairs()


def _marked(answer: dict) -> list[str]:
    return [piece for r in answer["results"] for piece, on in r["snippet"] if on]


@pytest.mark.parametrize("phone", ["0439-8110110", "0439-8123812"])
def test_a_phone_number_typed_without_its_hyphen_finds_what_it_finds_with_it(
    client: ClientSource, whoosh: WhooshSource, phone: str
) -> None:
    """04398110110 is how a number is typed on a phone's keypad; the pages write 0439-8110110,
    two runs of digits, and the run typed whole found nothing. The snippets mark the number
    as the page writes it."""
    typed = phone.replace("-", "")
    with_hyphen = engine.search(phone, client)
    assert with_hyphen["total"] >= 1
    for source in (client, whoosh):
        answer = engine.search(typed, source)
        assert [r["url"] for r in answer["results"]] == [
            r["url"] for r in with_hyphen["results"]
        ], source
        assert set(_marked(answer)) == {phone}
    assert _same(engine.search(typed, client), engine.search(typed, whoosh))


@pytest.mark.parametrize("word", ["8110110", "4398110110", "043981101", "0439811011000", "0439ab"])
def test_other_runs_of_digits_are_not_read_as_phone_numbers(word: str) -> None:
    assert tokenize.phone_parts(word) == []
    assert tokenize.phone_parts("04398110110") == [("043", "98110110"), ("0439", "8110110")]


@pytest.mark.parametrize(
    ("spaced", "joined"),
    [
        ("ying shang huan jing", "yingshanghuanjing"),
        ("shen fen zheng", "shenfenzheng"),
        ("shebao ka", "shebaoka"),
        ("y s h j", "yshj"),
        ("zheng　ce jie du", "zhengcejiedu"),  # (an ideographic space too)
    ],
)
def test_pinyin_typed_a_piece_at_a_time_finds_what_it_finds_run_together(
    client: ClientSource, whoosh: WhooshSource, spaced: str, joined: str
) -> None:
    """ying shang huan jing: each syllable was a word of its own, found in any character that
    reads so (青, jing by its second reading, was marked) and three of the four sufficed;
    y s h j found nothing. Read run together, they find what the run finds, marked alike."""
    together = engine.search(joined, client)
    assert together["total"] >= 1
    for source in (client, whoosh):
        answer = engine.search(spaced, source)
        assert answer["results"] == together["results"], source
        assert answer["total"] == together["total"]


@pytest.mark.parametrize(
    "query", ["wifi etc", "a 社保", "ying 社保", "shebao 2026", "ying,shang", "ying"]
)
def test_other_queries_of_letters_are_not_run_together(query: str) -> None:
    norm = tokenize.normalise(query)
    assert not tokenize.spaced_pinyin(norm, tokenize.runs(norm))
