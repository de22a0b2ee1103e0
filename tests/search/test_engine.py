"""The engine over both backends: the same answers, ranking, facets, groups, suggestions,
corrections, and hostile queries answered without error or injection."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ssg.search import engine
from ssg.search.client_index import ClientSource, write_client_index
from ssg.search.whoosh_index import WhooshSource, build_index, load_site_documents
from tests.search.conftest import FolderWriter
from tests.sitekit import make_site

QUERIES = (
    "营商环境",
    "zhengcejiedu",
    "zcjd",
    "27号",
    "营商环竟",
    "身份证",
    "办理",
    "2026",
    "xian",
    "如何办理身份证",
    "冬季 供热 保障",
    "社保",
    "shebao",
    "g",
    "卡",
)


def _comparable(answer: dict) -> str:
    return json.dumps(answer, ensure_ascii=False, sort_keys=True)


@pytest.mark.parametrize("query", QUERIES)
def test_both_backends_answer_alike(client: ClientSource, whoosh: WhooshSource, query: str) -> None:
    a = engine.search(query, client, grouped=True)
    b = engine.search(query, whoosh, grouped=True)
    assert _comparable(a) == _comparable(b)


def _title(result: dict) -> str:
    return "".join(piece for piece, _ in result["title"])


def test_titles_rank_above_keywords_above_bodies_and_newer_first(client: ClientSource) -> None:
    answer = engine.search("清洁取暖", client)
    titles = [_title(r) for r in answer["results"]]
    in_title = [("清洁取暖" in t) for t in titles]
    assert in_title == sorted(in_title, reverse=True)  # every title match before the others
    scores = [r["score"] for r in answer["results"]]
    assert scores == sorted(scores, reverse=True)
    ties = [r for r in answer["results"] if r["score"] == scores[0]]
    dates = [r["date"] for r in ties]
    assert dates == sorted(dates, reverse=True)


def test_intent_words_lift_their_type(client: ClientSource) -> None:
    answer = engine.search("身份证办理", client)
    assert answer["results"][0]["type"] == "service"
    answer = engine.search("医保 解读", client)
    assert answer["results"][0]["type"] == "interpretation"


def test_snippets_and_titles_mark_what_was_found(client: ClientSource) -> None:
    answer = engine.search("营商环境", client)
    first = answer["results"][0]
    assert ["营商环境", 1] in first["title"]
    assert any(mark and "营商环境" in piece for piece, mark in first["snippet"])
    pinyin = engine.search("yingshanghuanjing", client)["results"][0]
    assert ["营商环境", 1] in pinyin["title"]
    initials = engine.search("yshj", client)["results"][0]
    assert ["营商环境", 1] in initials["title"]


def test_facets_filters_groups_and_pages(client: ClientSource) -> None:
    answer = engine.search("2026", client, grouped=True)
    kinds = {f["value"]: f["count"] for f in answer["facets"]["type"]}
    assert sum(kinds.values()) == answer["total"] > 10
    assert answer["facets"]["year"][0]["value"] == "2026"
    assert {g["type"] for g in answer["groups"]} == set(kinds)
    assert all(len(g["results"]) <= engine.GROUP_SIZE for g in answer["groups"])
    policy = engine.search("2026", client, engine.Filters(type="policy"))
    assert policy["total"] == kinds["policy"]
    assert {r["type"] for r in policy["results"]} == {"policy"}
    column = answer["facets"]["column"][0]
    only = engine.search("2026", client, engine.Filters(column=column["value"]))
    assert only["total"] == column["count"]
    second = engine.search("2026", client, page=2)
    assert second["page"] == 2 and second["results"][0]["id"] not in {
        r["id"] for r in answer["results"]
    }
    assert engine.search("2026", client, page=999)["page"] == answer["pages"]


def test_suggestions_from_titles_and_keywords_with_pinyin(client: ClientSource) -> None:
    terms = client.terms()
    assert "营商环境" in engine.suggest("营商", terms)
    assert "营商环境" in engine.suggest("yingshang", terms)
    assert "营商环境" in engine.suggest("yshj", terms)
    assert "社保卡" in engine.suggest("shebao", terms)
    assert engine.suggest("", terms) == []
    assert len(engine.suggest("青", terms)) <= engine.SUGGESTIONS


def test_corrections_offer_did_you_mean(client: ClientSource) -> None:
    applied = engine.search("营商环竟", client)
    assert applied["correction"] == {"text": "营商环境", "applied": True}
    assert applied["total"] >= 3
    near = engine.search("清洁取缓", client)
    assert near["correction"] and near["correction"]["text"] == "清洁取暖"
    assert engine.search("营商环境", client)["correction"] is None


HOSTILE = (
    "",
    "   ",
    "营" * 10_000,
    "a" * 10_000,
    "政策" * 5000,
    ".*",
    "(a+)+$",
    "[营商",
    "\\d{3}",
    "title:营商 AND NOT body:* OR ~x^2",
    '"营商环境"',
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "营商环境' OR '1'='1",
    "\x00\x01\u202e\ufeff",
    "\ud800",
    "🙂🙂",
    "%00%2e%2e/",
)


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_are_answered_without_error(
    client: ClientSource, whoosh: WhooshSource, query: str
) -> None:
    for source in (client, whoosh):
        answer = engine.search(query, source, grouped=True)
        assert answer["total"] >= 0
        assert len(answer["query"]) <= 200
        text = json.dumps(answer, ensure_ascii=False)
        assert "<script" not in text.replace("\\u003c", "<") or "script" in query
        engine.suggest(query, source.terms())
    html = engine.search("<script>alert(1)</script>", client)
    for result in html["results"]:  # results are text segments, never markup from the query
        assert all("<" not in piece for piece, _ in result["title"])


# --- Chinese words typed run together -------------------------------------------------------


def _news(title: str, day: int, body: str = "正文。") -> str:
    return (
        f"---\ntitle: {title}\ndate: 2026-11-{day:02d}\nsource: 测试市人民政府办公室\n"
        f"reviewed_by: 审核人\n---\n{body}\n"
    )


# Titles a citizen's run-together query must find, a title that holds the query as typed, and
# near misses that hold only one of its words.
RUN_TOGETHER = {
    "content/dt/tingshui.md": _news("关于临时停水的通知", 2),
    "content/dt/bzzn.md": _news("居民身份证补办指南", 3),
    "content/dt/bbjm.md": _news("补办居民身份证", 4),
    "content/dt/exact.md": _news("补办身份证须知", 5),
    "content/dt/body.md": _news("户籍业务提示", 6, "可以补办身份证，也可以补办户口簿。"),
    "content/dt/sfz.md": _news("身份证有效期", 7),
    "content/dt/tsjc.md": _news("停水期间注意事项", 8),
    "content/dt/nb.md": _news("年报说明", 9, "居民可补办。"),
}


@pytest.fixture(scope="module")
def run_together(tmp_path_factory: pytest.TempPathFactory) -> tuple[ClientSource, WhooshSource]:
    """A small site built on disk, indexed by both backends."""
    root = make_site(tmp_path_factory.mktemp("run-together"), RUN_TOGETHER)
    docs, problems = load_site_documents(root, dt.date(2026, 11, 20))
    assert not problems
    write_client_index(docs, FolderWriter(root / "public"))
    build_index(docs, root / "whoosh")
    return ClientSource(root / "public" / "search"), WhooshSource(root / "whoosh")


@pytest.mark.parametrize(
    ("query", "first", "found", "not_found"),
    [
        ("停水通知", "关于临时停水的通知", set(), {"停水期间注意事项"}),
        (
            "补办身份证",
            "补办身份证须知",  # the query as typed, in a title: first
            {"居民身份证补办指南", "补办居民身份证", "户籍业务提示"},
            {"身份证有效期", "年报说明"},  # one word of the two: not a match
        ),
    ],
)
def test_words_typed_run_together_find_titles_that_hold_them_apart(
    run_together: tuple[ClientSource, WhooshSource],
    query: str,
    first: str,
    found: set[str],
    not_found: set[str],
) -> None:
    client, whoosh = run_together
    answer = engine.search(query, client, grouped=True)
    assert _comparable(answer) == _comparable(engine.search(query, whoosh, grouped=True))
    shown = [_title(r) for r in answer["results"]]
    assert shown[0] == first
    assert {first, *found} <= set(shown)
    assert not set(shown) & not_found
    assert answer["correction"] is None


def test_documents_holding_every_bigram_rank_above_those_holding_some(
    run_together: tuple[ClientSource, WhooshSource],
) -> None:
    client, _ = run_together
    answer = engine.search("补办身份证", client)
    shown = [_title(r) for r in answer["results"]]
    # Every bigram (the phrase in a title, then in a body) before the titles that hold both
    # words apart, whatever those score for holding them in the title.
    assert shown[:2] == ["补办身份证须知", "户籍业务提示"]
    assert answer["results"][1]["score"] < answer["results"][2]["score"]
    # What a partial match holds is marked.
    marked = {p for r in answer["results"][2:] for p, m in r["title"] if m}
    assert {"补办", "身份证"} <= marked


def test_short_chinese_queries_still_need_every_bigram(
    run_together: tuple[ClientSource, WhooshSource],
) -> None:
    client, _ = run_together
    # 停水期 (two bigrams) is not found by 停水 alone, nor 身份证 by 身份 and 份证 apart.
    assert [_title(r) for r in engine.search("停水期", client)["results"]] == ["停水期间注意事项"]
    assert engine.search("民身份", client)["total"] == 2


@pytest.mark.parametrize("query", ["營商環境", "義務教育", "養犬管理"])
def test_traditional_characters_are_searched_as_simplified_on_both_backends(
    client: ClientSource, whoosh: WhooshSource, query: str
) -> None:
    """Folded one character for one before anything else (no correction needed): the
    results of the simplified query."""
    simplified = {"營商環境": "营商环境", "義務教育": "义务教育", "養犬管理": "养犬管理"}[query]
    answer = engine.search(query, client)
    assert answer["correction"] is None and answer["searched"] == simplified
    plain = engine.search(simplified, client)
    assert answer["total"] == plain["total"] >= 1
    assert [r["id"] for r in answer["results"]] == [r["id"] for r in plain["results"]]
    assert _comparable(answer) == _comparable(engine.search(query, whoosh))


@pytest.mark.parametrize("query", ["社保 社保 查询", "a 社保 查询", "查询 社保 社保 a"])
def test_repeated_words_and_lone_letters_do_not_loosen_a_query_of_two_words(
    client: ClientSource, whoosh: WhooshSource, query: str
) -> None:
    """Two words typed as three (a word twice, a stray letter) still need both words: not
    all but one of three (MOST_OF), which a document holding 社保 alone would satisfy."""
    both = {r["id"] for r in engine.search("社保 查询", client)["results"]}
    assert both and len(both) < engine.search("社保", client)["total"]
    answer = engine.search(query, client)
    assert {r["id"] for r in answer["results"]} == both
    assert _comparable(answer) == _comparable(engine.search(query, whoosh))


@pytest.mark.parametrize("query", ["林市长", "王市长", "李局长"])
def test_a_three_character_word_is_not_corrected_to_a_word_that_only_looks_like_it(
    client: ClientSource, whoosh: WhooshSource, query: str
) -> None:
    """林市长 is one character off 副市长, 李局长 off 局局长: a surname is no typo of a title."""
    answer = engine.search(query, client)
    assert answer["correction"] is None
    assert _comparable(answer) == _comparable(engine.search(query, whoosh))
    # A word of three characters that sounds like a term is still corrected.
    assert engine.search("教育句", client)["correction"] == {"text": "教育局", "applied": True}


# --- snippets around characters NFKC changes and beyond the BMP -----------------------------

# An ellipsis (NFKC: three dots), full-width letters, ㈠ and ① (NFKC: (一), 1), a character
# beyond the BMP and an emoji (two UTF-16 units each in search.js): where the snippet starts
# and what it marks are counted in the body's characters on both backends.
WIDE_BODY = "😀" * 40 + "㈠社保卡①……ＡＢＣ办理" + "𠀀" * 100 + "社保卡。"
WIDE = {
    "content/dt/wide.md": _news("𠀀😀社保卡…ＡＢＣ说明", 2, WIDE_BODY),
    # An ellipsis alone is no NFKC (tokenize.normalise): the title offsets count it as one.
    "content/dt/dots.md": _news("通知…社保卡申领", 3),
}


@pytest.fixture(scope="module")
def wide(tmp_path_factory: pytest.TempPathFactory) -> tuple[ClientSource, WhooshSource]:
    root = make_site(tmp_path_factory.mktemp("wide"), WIDE)
    docs, problems = load_site_documents(root, dt.date(2026, 11, 20))
    assert not problems
    write_client_index(docs, FolderWriter(root / "public"))
    build_index(docs, root / "whoosh")
    return ClientSource(root / "public" / "search"), WhooshSource(root / "whoosh")


def test_snippets_count_characters_that_nfkc_changes_or_lie_beyond_the_bmp(
    wide: tuple[ClientSource, WhooshSource],
) -> None:
    client, whoosh = wide
    answer = engine.search("社保卡 abc", client)
    assert _comparable(answer) == _comparable(engine.search("社保卡 abc", whoosh))
    (result,) = answer["results"]
    assert result["title"] == [["𠀀😀", 0], ["社保卡", 1], ["…", 0], ["ＡＢＣ", 1], ["说明", 0]]
    # 30 characters before the first term found (abc, the longest first, then in order), 120
    # in all, counted in characters (not UTF-16 units).
    shown = "😀" * 23 + "㈠社保卡①……ＡＢＣ办理" + "𠀀" * 85
    assert "".join(p for p, _ in result["snippet"]) == "…" + shown + "…"
    assert result["snippet"] == [
        ["…", 0],
        ["😀" * 23 + "㈠", 0],
        ["社保卡", 1],
        ["①……", 0],
        ["ＡＢＣ", 1],
        ["办理" + "𠀀" * 85, 0],
        ["…", 0],
    ]


# --- titles longer than the client index's offsets ------------------------------------------

LONG = {
    "content/dt/short.md": _news("优化营商环境新举措", 2),
    # The phrase stands past offset 255 of the title (the client index keeps a byte).
    "content/dt/long.md": _news("关于" + "测试" * 130 + "优化营商环境的通知", 3),
}


def test_titles_over_255_characters_rank_alike_on_both_backends(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", LONG)
    docs, problems = load_site_documents(root, dt.date(2026, 11, 20))
    assert not problems
    write_client_index(docs, FolderWriter(root / "public"))
    build_index(docs, root / "whoosh")
    client, whoosh = ClientSource(root / "public" / "search"), WhooshSource(root / "whoosh")
    for query in ("营商环境", "yingshanghuanjing", "优化"):
        answer = engine.search(query, client)
        assert _comparable(answer) == _comparable(engine.search(query, whoosh)), query
    # Past the offsets kept, the phrase is in the title but in no known order: no bonus.
    scores = {_title(r)[:4]: r["score"] for r in engine.search("营商环境", whoosh)["results"]}
    assert scores["关于测试"] < scores["优化营商"]


# --- the start of a code ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("11229900MB1A3003", {"居民身份证换领、补领", "户口迁移（市内迁移）"}),  # cut mid-part
        ("11229900MB1A30031Q4000", {"居民身份证换领、补领", "户口迁移（市内迁移）"}),
        ("4000111001", {"居民身份证换领、补领"}),  # the start of its last digit part
        ("１１２２９９００ＭＢ１Ａ３００３", {"居民身份证换领、补领", "户口迁移（市内迁移）"}),
    ],
)
def test_the_start_of_an_item_code_finds_it_on_both_backends(
    client: ClientSource, whoosh: WhooshSource, query: str, found: set[str]
) -> None:
    answer = engine.search(query, client)
    assert _comparable(answer) == _comparable(engine.search(query, whoosh))
    assert {_title(r) for r in answer["results"]} == found


def test_fewer_than_six_characters_of_a_code_find_nothing(client: ClientSource) -> None:
    assert engine.search("11229", client)["total"] == 0


@pytest.mark.parametrize("query", ["营\ufeff商", "营\x1c商", "营\u3000商", "营 商"])
def test_suggestions_drop_the_spaces_search_js_drops(client: ClientSource, query: str) -> None:
    # A zero-width no-break space copied from a document is space to JavaScript's \s, not
    # to str.split; both drop the same characters (engine.SPACES).
    assert engine.suggest(query, client.terms()) == engine.suggest("营商", client.terms()) != []


def test_a_doc_number_found_with_its_neighbours_is_not_taken_for_a_typo(
    search_public: Path,
) -> None:
    """Of 青政发〔2026〕18号's three words, most results hold two (other 2026 documents): they
    are found as they were before partial matching, not a reason to look for a correction,
    which reads the site's whole vocabulary (the terms file) in the browser."""
    source = ClientSource(search_public / "search")
    answer = engine.search("青政发〔2026〕18号", source, grouped=True)
    assert answer["total"] >= engine.FEW and answer["correction"] is None
    assert "/zwgk/zcwj/szfwj/2026-18.html" in [r["url"] for r in answer["results"]]
    assert not [name for name in source.files_read if name.startswith("t.")], source.files_read
