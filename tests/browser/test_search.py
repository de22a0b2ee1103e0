"""The search page in real Chromium (issue 8): typed queries — Chinese, pinyin, initials, a
typo — find what they should; suggestions follow the ARIA combobox pattern by keyboard; a
correction is offered; results are announced; axe-core finds nothing on the page with results
shown; the client's engine (search.js) answers every judged query as ssg/search/engine.py
does over the same files; without JavaScript the page still leads somewhere useful."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from ssg.search import engine
from ssg.search.client_index import ClientSource
from tests.browser.test_accessibility import AXE_RUN, AXE_TAGS, OVERFLOW, SET_STATE
from tests.search.quality import load_judged

READY = "#search-app[data-ready='true']"


@pytest.fixture
def page(browser: Any, base_url: str) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base_url + "/search/")
    page.wait_for_selector(READY, state="attached")
    yield page
    context.close()
    assert not errors, errors


def _search(page: Any, query: str) -> list[str]:
    page.fill("#search-q", query)
    page.press("#search-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_selector(READY, state="attached")
    return [t.strip() for t in page.locator(".search-result-title").all_inner_texts()]


@pytest.mark.parametrize(
    ("query", "expected", "marked"),
    [
        ("营商环境", "营商环境", "营商环境"),
        ("zhengcejiedu", "政策解读", "政策解读"),
        ("zcjd", "政策解读", "政策解读"),
        # The last syllable unfinished, as the citizen types it: read as each it begins.
        ("yingshanghuanj", "营商环境", "营商环境"),
        ("yingsh", "营商环境", "营商"),
        ("yshjin", "营商环境", ""),  # initials, then a syllable begun
        ("shebaoka", "社会保障卡申领", ""),  # found by its keyword 社保卡
        ("青政办发〔2025〕27号", "突发事件总体应急预案", ""),  # found by its doc number
        # A whole doc number, in other brackets: its document first, not 〔2026〕17号.
        ("青政办发[2026]11号", "促进房地产市场平稳健康发展若干措施", ""),
        ("青政发（2026）9号", "城市更新行动实施方案", ""),
        ("怎么办社保卡", "社会保障卡申领", ""),  # everyday phrasings (通俗语言)
        ("社会保障卡申领需要什么材料", "社会保障卡申领", "社会保障卡申领"),
    ],
)
def test_typed_queries_find_what_they_should(
    page: Any, query: str, expected: str, marked: str
) -> None:
    titles = _search(page, query)
    assert titles and expected in titles[0], titles[:3]
    assert "共找到" in page.inner_text("#search-status")
    if marked:  # the title's words that matched are marked, pinyin and initials too
        assert marked in page.locator(".search-result-title mark").all_inner_texts()


def test_a_typo_is_corrected(page: Any) -> None:
    titles = _search(page, "营商环竟")
    note = page.inner_text("#search-correction")
    assert "营商环境" in note and page.is_visible("#search-correction")
    assert any("营商环境" in t for t in titles)
    assert "营商环境" in page.inner_text("#search-status")


def _fetched(browser: Any, base_url: str, query: str) -> tuple[Any, list[str]]:
    """A fresh page (nothing cached) that opened the search page for `query`, as a link to
    it does (no typing: no suggestions asked for), and the paths it fetched."""
    context = browser.new_context()
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(urllib.parse.urlsplit(request.url).path))
    page.goto(base_url + "/search/?q=" + urllib.parse.quote(query))
    page.wait_for_selector(READY, state="attached")
    return page, asked


@pytest.mark.parametrize("query", ["wifi", "ETC", "abc123"])
def test_a_query_of_letters_and_digits_that_finds_little_fetches_no_correction_files(
    browser: Any, base_url: str, public: Path, query: str
) -> None:
    """engine.correction corrects Chinese words only: a query of letters and digits that finds
    fewer than FEW documents has nothing to correct, so the suggestion terms and the
    characters' readings (about 30 KB) are not downloaded for it."""
    source = ClientSource(public / "search")
    expected = engine.search(query, source)
    assert expected["all"] < engine.FEW and expected["correction"] is None  # (it tries)
    page, asked = _fetched(browser, base_url, query)
    try:
        assert "/search/index.bin" in asked and any("/search/s/" in p for p in asked)
        for name in (source.entry["terms"], source.entry["readings"]):
            assert f"/search/{name}" not in asked, asked
        assert page.is_hidden("#search-correction")
        answer = page.evaluate("(q) => window.ssgSearch.search(q, {}, 1, false)", query)
        assert _ids(answer) == _ids(expected)
    finally:
        page.context.close()


def test_a_chinese_typo_still_fetches_what_corrects_it(
    browser: Any, base_url: str, public: Path
) -> None:
    source = ClientSource(public / "search")
    page, asked = _fetched(browser, base_url, "营商环竟")
    try:
        for name in (source.entry["terms"], source.entry["readings"]):
            assert f"/search/{name}" in asked, asked
        assert "营商环境" in page.inner_text("#search-correction")
        assert page.is_visible("#search-correction")
    finally:
        page.context.close()


@pytest.mark.parametrize(
    ("query", "simplified"),
    [("營商環境", "营商环境"), ("義務教育", "义务教育"), ("新生兒醫保", "新生儿")],
)
def test_traditional_characters_are_folded_in_the_browser_as_on_the_server(
    page: Any, public: Path, query: str, simplified: str
) -> None:
    """Folded one character for one before anything else: found without a correction."""
    titles = _search(page, query)
    assert page.is_hidden("#search-correction")
    assert titles and simplified in titles[0]
    answer = page.evaluate("(q) => window.ssgSearch.search(q, {}, 1, false)", query)
    expected = engine.search(query, ClientSource(public / "search"))
    assert answer["correction"] is expected["correction"] is None
    assert answer["searched"] == expected["searched"]
    assert _ids(answer) == _ids(expected)


def test_suggestions_follow_the_combobox_pattern(page: Any) -> None:
    box = page.locator("#search-q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    box.type("yingshang", delay=15)
    page.wait_for_selector("#search-suggestions [role=option]")
    assert box.get_attribute("aria-expanded") == "true"
    options = page.locator("#search-suggestions [role=option]").all_inner_texts()
    assert "营商环境" in options
    index = options.index("营商环境")
    for _ in range(index + 1):
        page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active and page.get_attribute(f"#{active}", "aria-selected") == "true"
    assert page.evaluate("document.activeElement.id") == "search-q"  # focus stays in the box
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_selector(READY, state="attached")
    assert urllib.parse.unquote(page.url).endswith("q=营商环境")
    box = page.locator("#search-q")
    box.fill("")
    box.type("sbk", delay=15)
    page.wait_for_selector("#search-suggestions [role=option]")
    assert "社保卡" in page.locator("#search-suggestions [role=option]").all_inner_texts()
    page.keyboard.press("Escape")
    assert page.locator("#search-suggestions").is_hidden()
    assert box.get_attribute("aria-expanded") == "false"


def test_the_status_stops_announcing_suggestions_when_the_list_closes(page: Any) -> None:
    """WCAG 4.1.3: typing on until nothing matches closed the list, but #search-status still
    said “7 条搜索建议，按上下方向键选择”."""
    box = page.locator("#search-q")
    box.type("青政办发", delay=15)
    page.wait_for_selector("#search-suggestions [role=option]")
    assert "条搜索建议" in page.inner_text("#search-status")
    box.type("〔2099", delay=15)
    page.wait_for_selector("#search-suggestions", state="hidden")
    assert box.get_attribute("aria-expanded") == "false"
    assert page.inner_text("#search-status") == ""


@pytest.mark.parametrize("typed", ["青政办发[2026]1", "青政办发（2026）1", "青政办发2026"])
def test_doc_numbers_are_suggested_whatever_brackets_are_typed(page: Any, typed: str) -> None:
    page.locator("#search-q").type(typed, delay=15)
    page.wait_for_selector("#search-suggestions [role=option]")
    assert (
        "青政办发〔2026〕11号"
        in page.locator("#search-suggestions [role=option]").all_inner_texts()
    )


def test_facets_filter_and_groups_show_types(page: Any) -> None:
    _search(page, "2026")
    total = page.inner_text(".search-count")
    page.click(".search-facet a:has-text('政策文件')")
    page.wait_for_selector(READY, state="attached")
    types = set(page.locator(".search-type").all_inner_texts())
    assert types == {"政策文件"} and page.inner_text(".search-count") != total
    page.click(".search-views a:has-text('按类型分组')")
    page.wait_for_selector(READY, state="attached")
    assert page.locator(".search-group-title").count() >= 1


def test_facet_counts_follow_the_chosen_filters_and_an_empty_filter_leads_back(
    page: Any, base_url: str
) -> None:
    """After 2023年 the type facet offered 政策解读（2）, whose page said the query found
    nothing, with no way back. Each count is now what choosing it gives; a filtered page
    with nothing says the filters found nothing and offers to clear them."""
    _search(page, "营商环境")
    page.click("#search-facets a:text('2023年')")
    page.wait_for_selector(READY, state="attached")
    shown = page.locator(".search-result").count()
    offered = page.locator(".search-facet:has(h3:text('信息类型')) li a").all_inner_texts()
    assert offered[1:] == [f"政策文件（{shown}）"], offered  # (the first is 全部)
    page.goto(
        f"{base_url}/search/?q={urllib.parse.quote('营商环境')}&year=2023&type=interpretation"
    )
    page.wait_for_selector(READY, state="attached")
    status = page.inner_text("#search-status")
    assert "共有 6 条结果" in status and "筛选条件" in status and "没有找到与" not in status
    assert page.locator("#search-facets a").count() > 0
    page.click("#search-results a:has-text('清除筛选条件')")
    page.wait_for_selector(READY, state="attached")
    assert page.locator(".search-result").count() == 6
    assert "year=" not in page.url and "type=" not in page.url


def test_axe_finds_nothing_on_the_search_page_with_results(
    browser: Any, base_url: str, axe_source: str
) -> None:
    found: list[str] = []
    for width in (320, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.add_init_script(axe_source)
        page = context.new_page()
        for query, prefs in (
            ("营商环境", {}),
            ("2026", {"contrast": True}),
            ("营商环竟", {"text": 3}),
        ):
            page.goto(f"{base_url}/search/?q={urllib.parse.quote(query)}&view=list")
            page.wait_for_selector(READY, state="attached")
            page.evaluate(SET_STATE, prefs)
            assert page.locator(".search-result").count() > 0
            violations = page.evaluate(AXE_RUN, AXE_TAGS)
            found += [f"{query} {width}px {v['id']}: {v['nodes']}" for v in violations]
            if width == 320:
                wide = page.evaluate(OVERFLOW)
                assert not wide, (query, wide)
        page.fill("#search-q", "")
        page.type("#search-q", "yingshang", delay=15)
        page.wait_for_selector("#search-suggestions [role=option]")
        violations = page.evaluate(AXE_RUN, AXE_TAGS)
        found += [f"suggestions {width}px {v['id']}: {v['nodes']}" for v in violations]
        page.evaluate(SET_STATE, {})
        context.close()
    assert not found, "\n".join(found)


def _ids(answer: dict[str, Any]) -> dict[str, Any]:
    return {
        "ids": [r["id"] for r in answer["results"]],
        "total": answer["total"],
        "facets": {k: v for k, v in answer["facets"].items() if k != "site"},
        "correction": answer["correction"],
        "titles": [r["title"] for r in answer["results"]],
        "snippets": [r["snippet"] for r in answer["results"]],
    }


def test_search_js_answers_every_judged_query_as_the_engine_does(page: Any, public: Path) -> None:
    source = ClientSource(public / "search")
    queries = [q.q for q in load_judged()] + ["", "<script>alert(1)</script>", "营" * 10_000]
    # Words typed run together, repeated words and lone letters (MOST_OF), traditional forms.
    queries += ["停水通知", "城区停水通知", "社保 社保 查询", "a 社保 查询", "a 社保", "營商環境"]
    queries += ["林市长", "李局长", "教育句"]  # corrections: none for a surname, a homophone
    queries += ["长政办发〔2026〕11号", "青政办发[2026]", "青政办发2026"]  # issuer codes
    queries += ["11229900MB1A3003", "4000111001", "11229"]  # the start of an item code
    # Phone numbers without the hyphen after the area code, and runs of digits that are not.
    queries += ["04398110110", "0439-8110110", "０４３９８１１０１１０", "4398110110", "043981101"]
    # Pinyin typed a piece at a time, and letters that are not pinyin.
    queries += ["ying shang huan jing", "y s h j", "shebao ka", "wifi etc", "ying,shang"]
    # Doc numbers without their issuer code.
    queries += ["（2026）9号", "〔2026〕11", "[2026]11号 通知"]
    # Doc numbers typed without brackets around the year, and digits that are no number.
    queries += ["青政办发202611号", "青政发2026年9号", "青政办发2026 11", "营商环境20261"]
    # Built-in synonyms (ssg/search/synonyms.py), in place of a whole run and of part of one.
    queries += ["医保", "新生儿医保", "噪声扰民", "公积金贷款", "住房公积金", "居民身份证补办"]
    # An unfinished last syllable, after Chinese words, one letter long, or not the last.
    queries += ["yingshanghuanj", "yingsh", "yingshanghuanjin", "营商 huanj", "yingz"]
    queries += ["yingsh guihua", "zhengcejied", "zh", "fangan", "yshjin", "yshuan", "sbka"]
    # Whole doc numbers in every bracket form, everyday phrasings, words held apart, folding,
    # a typo in one word of a run.
    queries += [
        "青政办发[2026]11号",
        "青政办发(2026)11号",
        "青政办发（2026）11号",
        "青政发【2026】9",
    ]
    queries += ["怎么办社保卡", "去哪办社保卡", "社保卡在哪办", "社会保障卡申领需要什么材料"]
    queries += ["身份证补领", "新生兒醫保", "新生兒 醫保", "著作权", "停水同知", "营商环竟 2026"]
    queries += ["，。！？……", "卡", "g", "社保" * 60, "ＡＢＣ abc", "ＳＨＥＢＡＯ shebao", "𠀀"]
    queries += ["a" * 150, "shebao" * 30, "ＡＢＣ" * 50, "①②③", "㈠", "…", "𠀀" * 150]
    queries += [
        "abc社保123" * 20,
        "   ",
        "zcjdyshj",
        "Ｓｈｅｂａｏ",
        "社保卡 ｓｈｅｂａｏ",
        "İstanbul",
        "㎡",
    ]
    answers = page.evaluate(
        "async (qs) => { const out = []; for (const q of qs) {"
        " out.push(await window.ssgSearch.search(q, {}, 1, false)); } return out; }",
        queries,
    )
    for query, answer in zip(queries, answers, strict=True):
        expected = engine.search(query, source)
        assert json.dumps(_ids(answer), ensure_ascii=False) == json.dumps(
            _ids(expected), ensure_ascii=False
        ), query[:40]
    # Facet counts under filters: what choosing each value gives (engine.facets).
    filtered = [("营商环境", {"year": "2023"}), ("2026", {"type": "policy"}),
                ("营商环境", {"year": "2023", "type": "interpretation"})]  # fmt: skip
    answers = page.evaluate(
        "async (qs) => { const out = []; for (const [q, f] of qs) {"
        " out.push(await window.ssgSearch.search(q, f, 1, false)); } return out; }",
        filtered,
    )
    for (query, chosen), answer in zip(filtered, answers, strict=True):
        expected = engine.search(query, source, engine.Filters(**chosen))
        assert json.dumps(_ids(answer), ensure_ascii=False) == json.dumps(
            _ids(expected), ensure_ascii=False
        ), (query, chosen)
        assert answer["all"] == expected["all"]
    typed = ["营商", "yingshang", "yshj", "sbk", "青政", "2026"]
    # Punctuation only, one character, a long query, full- and half-width letters, spaces.
    typed += [
        "，。！？……",
        "卡",
        "s",
        "营商" * 110,
        "ＳＨＥ bao",
        "营　商",
        "营\ufeff商",
        "营\x1c商",
        "青政办发[2026]1",
        "青政办发（2026）1",
        "青政办发【2026",
        "青政办发2026",
        "營商",
    ]
    # Polyphones: a term's usual reading ranks above its characters' others (高校 gx, not gj).
    typed += ["gj", "gx", "jiaoyu", "xingzheng", "hangzheng", "zhangchun", "changchun"]
    words = page.evaluate(
        "async (qs) => Promise.all(qs.map(q => window.ssgSearch.suggest(q)))", typed
    )
    for query, got in zip(typed, words, strict=True):
        assert got == engine.suggest(query, source.terms()), query


def _served(folder: Path) -> tuple[Any, str]:
    """A server of `folder` on 127.0.0.1 (shut it down when done) and its URL."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    pages = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder))
    )
    threading.Thread(target=pages.serve_forever, daemon=True).start()
    return pages, f"http://127.0.0.1:{pages.server_address[1]}"


def _parity(browser: Any, public: Path, queries: list[str]) -> list[dict[str, Any]]:
    """search.js's answers to `queries` over the site built in `public`, checked against the
    engine's over the same files; the answers."""
    pages, url = _served(public)
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "/search/")
        page.wait_for_selector(READY, state="attached")
        answers = page.evaluate(
            "async (qs) => { const out = []; for (const q of qs) {"
            " out.push(await window.ssgSearch.search(q, {}, 1, false)); } return out; }",
            queries,
        )
        context.close()
    finally:
        pages.shutdown()
    source = ClientSource(public / "search")
    for query, answer in zip(queries, answers, strict=True):
        expected = engine.search(query, source)
        assert json.dumps(_ids(answer), ensure_ascii=False) == json.dumps(
            _ids(expected), ensure_ascii=False
        ), query
    return list(answers)


def test_words_typed_run_together_are_found_in_the_browser(browser: Any, tmp_path: Path) -> None:
    """停水通知 finds 关于临时停水的通知 and 补办身份证 finds 居民身份证补办指南 in search.js
    as in the engine, ranked and marked alike."""
    from tests.search.test_engine import RUN_TOGETHER
    from tests.sitekit import make_site, run

    root = make_site(tmp_path / "site", RUN_TOGETHER)
    assert run(root, command="build").code == 0
    queries = ["停水通知", "补办身份证", "停水期", "民身份", "营商环竟", "补办 身份证 有效期"]
    answers = _parity(browser, root / "public", queries)
    titles = [["".join(p for p, _ in r["title"]) for r in a["results"]] for a in answers]
    assert titles[0][0] == "关于临时停水的通知"
    assert titles[1][0] == "补办身份证须知"
    assert {"居民身份证补办指南", "补办居民身份证"} <= set(titles[1])


def test_a_whole_doc_number_brings_its_own_document_first_in_the_browser(
    browser: Any, tmp_path: Path
) -> None:
    """吉政发〔2025〕3号 before 〔2025〕13号 that cites it in its keywords, and before the
    interpretation that cites it: search.js compares the documents' own number field, as
    the engine does."""
    from tests.search.test_doc_number_exact import PAIRS
    from tests.sitekit import make_site, run

    root = make_site(tmp_path / "site", {**PAIRS["13号"], **PAIRS["interpretation"]})
    assert run(root, command="build").code == 0
    queries = ["吉政发〔2025〕3号", "吉政发[2025]3", "吉政发（2025）13号", "吉政发【2025】3号"]
    answers = _parity(browser, root / "public", queries)
    firsts = [a["results"][0]["url"] for a in answers]
    assert firsts == ["/zcwj/n3.html", "/zcwj/n3.html", "/zcwj/n13.html", "/zcwj/n3.html"]


def test_a_doc_number_without_its_issuer_brings_its_documents_first_in_the_browser(
    browser: Any, tmp_path: Path
) -> None:
    """（2025）3号: every issuer's 3号 of 2025 before the documents that hold a 2025 and a 3号,
    in search.js as in the engine (tokenize._year_and_number)."""
    from tests.search.test_doc_number_exact import WITHOUT_ISSUER
    from tests.sitekit import make_site, run

    root = make_site(tmp_path / "site", WITHOUT_ISSUER)
    assert run(root, command="build").code == 0
    queries = ["（2025）3号", "〔2025〕3", "[2025]3号", "【2025】3号", "2025 3号"]
    answers = _parity(browser, root / "public", queries)
    for answer in answers[:4]:
        firsts = sorted(r["url"] for r in answer["results"][:2])
        assert firsts == ["/zcwj/b3.html", "/zcwj/n3.html"], answer["query"]


def test_a_doc_number_typed_without_brackets_brings_its_document_first_in_the_browser(
    browser: Any, tmp_path: Path
) -> None:
    """吉政发20264号, 吉政发2026年4号 …: 吉政发〔2026〕4号 first, not 14号 or 41号, in search.js as
    in the engine (tokenize.doc_number_form); 项目编号20231234 is searched as typed."""
    from tests.search.test_doc_number_exact import LOOSE, LOOSE_FORMS
    from tests.sitekit import make_site, run

    root = make_site(tmp_path / "site", LOOSE)
    assert run(root, command="build").code == 0
    answers = _parity(
        browser, root / "public", [*LOOSE_FORMS, "吉政发202614号", "项目编号20231234"]
    )
    firsts = [a["results"][0]["url"] for a in answers]
    assert firsts == ["/zcwj/n4.html"] * len(LOOSE_FORMS) + ["/zcwj/n14.html", "/dt/code.html"]


def test_a_synonym_finds_the_page_in_the_browser(browser: Any, tmp_path: Path) -> None:
    """噪声扰民 finds the page about 噪音, 医保 the one about 医疗保障 (built in), 老年证 the one
    about 老年人优待证 (the site's data/search-synonyms.yaml): search.js reads the groups from
    the index's entry file, as the engine does, and marks the page's own word."""
    from tests.search.test_synonyms import OWN, PAGES, QUERIES
    from tests.sitekit import make_site, run

    root = make_site(tmp_path / "site", {**PAGES, "data/search-synonyms.yaml": OWN})
    assert run(root, command="build").code == 0
    answers = _parity(browser, root / "public", [q for q, _, _ in QUERIES])
    for (query, url, marked), answer in zip(QUERIES, answers, strict=True):
        assert [r["url"] for r in answer["results"]] == [url], query
        assert "".join(p for p, m in answer["results"][0]["title"] if m) == marked


def test_a_synonym_of_letters_or_digits_finds_the_page_in_the_browser(
    browser: Any, tmp_path: Path
) -> None:
    """12345 finds the page about 一网通办 and back, ETC the one about 电子不停车收费 (review
    12): search.js puts a word of letters or digits in place of a whole run, and a run of
    letters or digits in place of its synonym, as the engine does."""
    from tests.search.test_synonyms import LATIN_OWN, LATIN_PAGES, LATIN_QUERIES, PAGES
    from tests.sitekit import make_site, run

    files = {**PAGES, **LATIN_PAGES, "data/search-synonyms.yaml": LATIN_OWN}
    root = make_site(tmp_path / "site", files)
    assert run(root, command="build").code == 0
    queries = [q for q, _, _ in LATIN_QUERIES] + ["一网通办平台", "etc 设备", "12345 反映"]
    answers = _parity(browser, root / "public", queries)
    for (query, urls, marked), answer in zip(LATIN_QUERIES, answers[:3], strict=True):
        assert [r["url"] for r in answer["results"]] == urls, query
        assert ["".join(p for p, m in r["title"] if m) for r in answer["results"]] == marked


def test_snippets_beyond_the_bmp_and_around_nfkc_are_the_engines(
    browser: Any, tmp_path: Path
) -> None:
    """Titles and bodies with …, full-width letters, ㈠, ①, 𠀀 and emoji: search.js cuts and
    marks the same characters as the engine (code points, not UTF-16 units)."""
    from tests.search.test_engine import WIDE
    from tests.sitekit import make_site, run

    root = make_site(tmp_path / "site", WIDE)
    assert run(root, command="build").code == 0
    queries = ["社保卡 abc", "社保卡", "ＡＢＣ", "abc 办理", "shebaoka"]
    answers = _parity(browser, root / "public", queries)
    assert answers[0]["results"][0]["snippet"][2] == ["社保卡", 1]
    # The pinyin reading marks the title's characters where the index placed them.
    assert ["社保卡", 1] in answers[4]["results"][0]["title"]


def test_terms_beyond_the_bmp_are_ordered_in_the_browser_as_in_the_engine(
    browser: Any, tmp_path: Path
) -> None:
    """The snippet starts at the first term found, longest first then in code point order:
    search.js counted 𠀀 as two characters and ordered it before 﨎 (U+FA0E) by UTF-16 unit."""
    from tests.search.test_engine import _news
    from tests.sitekit import make_site, run

    root = make_site(
        tmp_path / "site",
        {
            "content/dt/a.md": _news("读书𠀀𠀀活动", 2, "𠀀𠀀" + "说明" * 50 + "读书会。"),
            "content/dt/b.md": _news("𠀀﨎﨎𠀀", 3, "𠀀﨎" + "说明" * 50 + "﨎𠀀。"),
        },
    )
    assert run(root, command="build").code == 0
    answers = _parity(browser, root / "public", ["读书 𠀀𠀀", "𠀀﨎 﨎𠀀"])
    assert [a["results"][0]["snippet"][2] for a in answers] == [["读书", 1], ["﨎𠀀", 1]]


def test_titles_over_255_characters_rank_in_the_browser_as_in_the_engine(
    browser: Any, tmp_path: Path
) -> None:
    from tests.search.test_engine import LONG
    from tests.sitekit import make_site, run

    root = make_site(tmp_path / "site", LONG)
    assert run(root, command="build").code == 0
    _parity(browser, root / "public", ["营商环境", "yingshanghuanjing", "优化", "tongzhi"])


@pytest.mark.parametrize("query", ["", "%20%20%20", "%E3%80%80"])
def test_a_query_of_spaces_alone_leaves_the_page_ready_as_no_query_does(
    browser: Any, base_url: str, query: str
) -> None:
    """The form sent with only spaces typed (?q=+++): the page is ready, as for no query, and
    says nothing of results it did not look for."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/search/?q=" + query)
    page.wait_for_selector(READY, state="attached", timeout=10_000)
    assert page.inner_text("#search-results").strip() == ""
    assert page.inner_text("#search-status").strip() == ""
    context.close()


def test_without_javascript_the_page_explains_and_links(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/search/?q=营商环境")
    notice = page.inner_text(".search-needs-js")
    assert "JavaScript" in notice and "网站地图" in notice
    links = page.locator(".search-nojs a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert "/sitemap.html" in links and "/zwgk/zcwj/" in links
    assert page.get_attribute("form.search-form", "action") == "/search/"  # this page
    page.fill("#search-q", "社保卡")
    page.press("#search-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    context.close()


def test_a_configured_search_server_is_used(browser: Any, tmp_path: Path) -> None:
    """data/site.yaml `search: {server: …}`: the search page asks the server, not the files."""
    import dataclasses
    import datetime as dt
    import functools
    import http.server
    import shutil
    import subprocess
    import sys
    import threading

    from ssg.search import server
    from ssg.search.documents import merged
    from ssg.search.whoosh_index import build_index, load_site_documents
    from tests.e2e.conftest import REPO, sample_date

    docs, _ = load_site_documents(REPO, dt.date.fromisoformat(sample_date()))
    # A city portal and a county site in one index: the county's results open its own pages.
    county = [
        dataclasses.replace(d, site="www.county.qinglan.gov.cn", key=f"county/{d.key}")
        for d in docs
        if d.type == "policy"
    ]
    names = {docs[0].site: "青岚市人民政府", "www.county.qinglan.gov.cn": "青岚县人民政府"}
    build_index(merged([docs, county]), tmp_path / "index", site_names=names)
    api = server.make_server(tmp_path / "index", "127.0.0.1", 0)
    threading.Thread(target=api.serve_forever, daemon=True).start()
    site = tmp_path / "site"
    for name in ("content", "data", "static", "themes"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, site / name)
    endpoint = f"http://127.0.0.1:{api.server_address[1]}/api/search"
    with (site / "data" / "site.yaml").open("a", encoding="utf-8") as config:
        config.write(f"\nsearch:\n  server: {endpoint}\n")
    result = subprocess.run(
        [sys.executable, "-m", "ssg", "build", "--source", str(site), "--out",
         str(tmp_path / "public"), "--date", sample_date(), "--quiet"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    pages = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path / "public"))
    )
    threading.Thread(target=pages.serve_forever, daemon=True).start()
    try:
        context = browser.new_context()
        page = context.new_page()
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(f"http://127.0.0.1:{pages.server_address[1]}/search/?q=zcjd")
        page.wait_for_selector(READY, state="attached")
        titles = page.locator(".search-result-title").all_inner_texts()
        assert titles and "政策解读" in titles[0]
        assert any(url.startswith(endpoint) for url in asked)
        assert not any("/search/index.bin" in url for url in asked)
        # Asked from 127.0.0.1, no site of the index: every result links to its own site.
        page.goto(f"http://127.0.0.1:{pages.server_address[1]}/search/?q=营商环境")
        page.wait_for_selector(READY, state="attached")
        items = page.locator(".search-result").all()
        shown = [(i.locator("a").first.get_attribute("href") or "", i.inner_text()) for i in items]
        assert any("青岚县人民政府" in text for _, text in shown)
        for href, text in shown:
            site = "www.county.qinglan.gov.cn" if "青岚县人民政府" in text else docs[0].site
            assert href.startswith(f"https://{site}/"), (href, text)
        page.fill("#search-q", "")
        page.type("#search-q", "yingshang", delay=15)
        page.wait_for_selector("#search-suggestions [role=option]")
        assert "营商环境" in page.locator("#search-suggestions [role=option]").all_inner_texts()
        context.close()
    finally:
        pages.shutdown()
        api.shutdown()


@pytest.mark.parametrize("query", ["营商环境", "2026", "2026—2028"])
def test_titles_keep_ranges_of_numbers_whole_as_the_theme_does(
    page: Any, base_url: str, query: str
) -> None:
    """A result's title holds each range of numbers (2026—2028年) in the span.num-range that
    the theme's `ranges` filter gives the titles it renders, so that no line breaks before
    the dash; a mark that crosses a range's edge is cut there, and the text is unchanged."""
    _search(page, query)
    titles = page.locator(".search-result-title a")
    shown = titles.evaluate_all(
        "els => els.map(a => [a.textContent, a.getAttribute('href'),"
        " [...a.querySelectorAll('.num-range')].map(s => s.textContent),"
        " [...a.querySelectorAll('mark')].map(m => m.textContent)])"
    )
    ranged = [s for s in shown if s[2]]
    assert ranged, shown
    for text, href, ranges, marks in ranged:
        # The item's own page, rendered by the theme: the same ranges in its h1.
        item = page.context.new_page()
        item.goto(base_url + href)
        h1 = item.locator("h1.article-title")
        assert h1.inner_text().strip() == text
        assert h1.locator(".num-range").all_inner_texts() == ranges, text
        item.close()
        assert all(m for m in marks)  # (no empty mark where a cut fell on its edge)
    if query == "2026—2028":  # marked inside its span, whole
        assert page.locator(".search-result-title .num-range mark").first.inner_text() in (
            "2026—2028",
            "2026",
        )
    # Kept on one line: the span is an inline-block in the theme's CSS.
    display = page.locator(".search-result-title .num-range").first.evaluate(
        "s => getComputedStyle(s).display"
    )
    assert display == "inline-block"
