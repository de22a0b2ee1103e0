"""The shared tokenisation (ssg/search/tokenize.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssg.search import tokenize
from ssg.search.documents import SearchDoc, keyword_tokens
from ssg.user_cache import CACHE_ENV


def test_chinese_is_indexed_as_bigrams_so_any_part_of_a_word_is_found() -> None:
    tokens = set(tokenize.body_tokens("优化营商环境。"))
    assert {"优化", "化营", "营商", "商环", "环境"} <= tokens
    for query in ("营商", "商环境", "化营商环"):
        plan = tokenize.plan(query)
        assert set(plan.tokens) <= tokens, query


def test_a_lone_character_is_its_own_token_and_titles_index_every_character() -> None:
    assert "号" in tokenize.body_tokens("第27号")
    title = tokenize.field_tokens("社会保障卡申领")
    assert {"社", "会", "卡", "社会", "保障"} <= set(title)
    assert title["卡"] == 4  # the offset of its first occurrence


def test_titles_carry_full_pinyin_and_initials() -> None:
    title = tokenize.field_tokens("政策解读")
    assert {"zheng'ce", "ce'jie", "jie'du", "'zheng", "=zc", "=zcj", "=cjd"} <= set(title)
    assert set(tokenize.plan("zhengcejiedu").tokens) & set(title) >= {"zheng'ce", "jie'du"}
    assert {"=zcj", "=cjd"} <= set(tokenize.plan("zcjd").tokens)


def test_heteronyms_are_indexed_with_both_readings() -> None:
    title = tokenize.field_tokens("银行")
    assert {"yin'xing", "yin'hang"} <= set(title)


def test_doc_numbers_and_codes_are_found_by_their_parts() -> None:
    tokens = tokenize.field_tokens("吉政办发〔2019〕27号")
    assert {"吉政", "政办", "办发", "2019", "27", "27号"} <= set(tokens)
    code = set(tokenize.body_tokens("11229900MB1A30031Q400011100100101"))
    assert {"11229900mb1a30031q400011100100101", "11229900", "30031", "400011100100101"} <= code
    assert "1" not in code and "a" not in code  # parts of one character are left out


def test_keywords_index_the_starts_of_codes_of_six_characters_or_more() -> None:
    code = "11229900MB1A30031Q400011100100101"
    keywords = tokenize.field_tokens(code, prefixes=True)
    assert {"112299", "11229900mb1a3003", "11229900mb1a30031q4000", "4000111001"} <= set(keywords)
    assert not {"11229", "4000", "30031q"} & set(keywords)
    assert "11229900mb1a3003" not in tokenize.field_tokens(code)  # titles do not
    assert tokenize.code_prefixes("guangdongsheng") == []  # a word is no code
    # A query of a code's start may be found by the run itself, not only its parts.
    (clause,) = [c for c in tokenize.plan("11229900MB1A3003").clauses if c.required]
    assert [a.tokens for a in clause.alternatives] == [
        ("11229900", "mb", "3003"),
        ("11229900mb1a3003",),
    ]


def test_full_width_and_case_are_folded() -> None:
    assert tokenize.normalise("ＡＢ２０１９") == "ab2019"
    assert tokenize.plan("吉政办发〔２０１９〕27號").tokens[:3] == ["吉政", "政办", "办发"]


@pytest.mark.parametrize(
    ("query", "least"),
    [
        ("吉政办发〔2026〕20号", 0),  # an issuer code: 长政办发 is another issuer
        ("吉政办发[2026]20号", 0),
        ("吉政办发（２０２６）20号", 0),
        ("吉政办发 〔2026〕", 0),
        ("吉政办发2026", 2),  # no bracket: words typed run together, as anywhere
        ("吉政办发〔20〕", 2),  # no year
        ("停水通知", 2),
    ],
)
def test_the_issuer_code_of_a_doc_number_needs_every_bigram(query: str, least: int) -> None:
    [text] = [a for a in tokenize.plan(query).clauses[0].alternatives if a.kind == "text"]
    assert text.tokens[:3] == (
        ("吉政", "政办", "办发") if "吉" in query else ("停水", "水通", "通知")
    )
    assert text.least == least


def test_pinyin_is_cut_into_syllables_with_alternatives() -> None:
    assert tokenize.segmentations("zhengcejiedu")[0] == ["zheng", "ce", "jie", "du"]
    assert ["yun", "shu", "an", "quan"] in tokenize.segmentations("yunshuanquan")
    assert tokenize.segmentations("zcjd") == []


def test_a_query_plan_keeps_clauses_per_word() -> None:
    plan = tokenize.plan("27号")
    required = [c for c in plan.clauses if c.required]
    assert [c.text for c in required] == ["27"]
    assert {"27号", "号"} <= {c.text for c in plan.clauses if not c.required}
    assert tokenize.plan("如何办理身份证", loose=True).terms == ("身份证",)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_tokenises_without_error(text: str) -> None:
    plan = tokenize.plan(text)
    assert len(plan.text) <= tokenize.MAX_QUERY
    tokenize.field_tokens(text)
    tokenize.body_tokens(text)


def _field_tokens_one_by_one(text: str, pinyin: bool = True) -> dict[str, int]:
    """field_tokens as its docstring states it, position by position, with no window cache:
    what the cached windows must give, tokens in the same order."""
    found: dict[str, int] = {}
    parts = tokenize.runs(tokenize.normalise(text))
    for index, run in enumerate(parts):
        word = run.text
        if run.han:
            for i, char in enumerate(word):
                found.setdefault(char, run.start + i)
                if i + 1 < len(word):
                    found.setdefault(word[i : i + 2], run.start + i)
            for i in range(len(word) if pinyin else 0):
                heads = [
                    tokenize.unique(r[0] for r in tokenize.readings(c)) for c in word[i : i + 3]
                ]
                tokens = ["'" + r for r in tokenize.readings(word[i])]
                if i + 1 < len(word):
                    first, second = tokenize.readings(word[i]), tokenize.readings(word[i + 1])
                    tokens += [f"{a}'{b}" for a in first for b in second]
                    tokens += tokenize.unique(f"={a[0]}{b[0]}" for a in first for b in second)
                if i + 2 < len(word):
                    tokens += [f"={x}{y}{z}" for x in heads[0] for y in heads[1] for z in heads[2]]
                for token in tokens:
                    found.setdefault(token, run.start + i)
        else:
            for token in tokenize.latin_tokens(word):
                found.setdefault(token, run.start)
            nxt = parts[index + 1] if index + 1 < len(parts) else None
            end = run.start + len(word)
            if nxt is not None and nxt.han and nxt.start == end and len(word) <= tokenize.MAX_LATIN:
                found.setdefault(word + nxt.text[0], run.start)
            prev = parts[index - 1] if index > 0 else None
            if prev is not None and prev.han and prev.start + len(prev.text) == run.start:
                found.setdefault(prev.text[-1] + word, run.start - 1)
    return found


_FIELD_TEXT = st.text(
    alphabet=st.sampled_from([*"银行政策解读重庆长乐号年〔〕 　aZ09-《》", "𠀀", "\u3400"]),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(_FIELD_TEXT, st.booleans())
def test_field_tokens_from_cached_windows_are_those_read_one_by_one(
    text: str, pinyin: bool
) -> None:
    got = tokenize.field_tokens(text, pinyin)
    assert list(got.items()) == list(_field_tokens_one_by_one(text, pinyin).items())


_BODY_TEXT = st.text(
    alphabet=st.sampled_from(
        list("营商环境优化第号年政办")
        + list("aZ09１２ＡＢ")
        + ["　", " ", "，", "\n", "-", "/"]
        + [
            "\u3400",
            "\u4dbf",
            "\u9fff",
            "\uf900",
            "\ufaff",
            "𠀀",
            "𪚥",
            "\U0002ffff",
            "\U00030000",
            # just outside each Han range, and a lone surrogate (YAML's "\ud800" makes one)
            "\u33ff",
            "\u4dc0",
            "\ua000",
            "\uf8ff",
            "\ufb00",
            "\U0001ffff",
            "\ud800",
            "é",
            "😀",
        ]
    ),
    max_size=80,
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_BODY_TEXT, st.text(max_size=80)))
def test_body_counts_are_the_counted_body_tokens(text: str) -> None:
    """The index counts bigrams with numpy (body_counts); body_tokens is the definition."""
    expected: dict[str, int] = {}
    for token in tokenize.body_tokens(text):
        expected[token] = expected.get(token, 0) + 1
    counted = tokenize.body_counts(text)
    assert counted.as_dict() == expected
    assert counted.pair_tokens() == sorted(
        (t for t in expected if len(t) == 2 and all(tokenize.is_han_char(c) for c in t)),
        key=lambda t: (ord(t[1]), ord(t[0])),
    )


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_BODY_TEXT, st.text(max_size=80)), max_size=8))
def test_bodies_counted_together_are_counted_as_one_at_a_time(texts: list[str]) -> None:
    """The index counts bodies a batch at a time (body_counts_many): each text's counts, in
    the same types and order, as body_counts gives them; a text's tokens never run into the
    next one's."""
    together = tokenize.body_counts_many(texts)
    assert len(together) == len(texts)
    for text, counted in zip(texts, together, strict=True):
        alone = tokenize.body_counts(text)
        assert counted.pairs.dtype == alone.pairs.dtype
        assert counted.counts.dtype == alone.counts.dtype
        assert counted.pairs.tolist() == alone.pairs.tolist()
        assert counted.counts.tolist() == alone.counts.tolist()
        assert list(counted.others.items()) == list(alone.others.items())


_TITLE_TEXT = st.one_of(
    _FIELD_TEXT,
    st.text(
        alphabet=st.sampled_from([*"政策政府长长乐行银行号aa19", "〔", "\U0002ffff"]), max_size=30
    ),
    st.text(max_size=40),
)


def _numbering() -> tuple[tokenize.FieldNumbering, list[str]]:
    """A FieldNumbering with a vocabulary of its own, and the tokens by number."""
    vocabulary: dict[str, int] = {}
    names: list[str] = []

    def number(token: str) -> int:
        if token not in vocabulary:
            vocabulary[token] = len(names)
            names.append(token)
        return vocabulary[token]

    return tokenize.FieldNumbering(number), names


def _first_of_each(
    numbered: tokenize.NumberedTokens, i: int, names: list[str]
) -> list[tuple[str, int]]:
    """Field i's numbered tokens, the first of each with its offset; its packed text checked."""
    numbers, offsets = numbered.of(i)
    assert numbers.dtype == offsets.dtype == np.uint32
    tokens = [names[k] for k in numbers.tolist()]
    assert numbered.text(i) == "\n".join(tokens)
    first: dict[str, int] = {}
    for token, offset in zip(tokens, offsets.tolist(), strict=True):
        first.setdefault(token, offset)
    return list(first.items())


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_TITLE_TEXT, max_size=6), max_size=3))
def test_titles_numbered_a_batch_at_a_time_are_their_field_tokens(
    batches: list[list[str]],
) -> None:
    """The index numbers titles' tokens through pieces that recur (FieldNumbering): the first
    of each token and its offset are field_tokens' tokens in field_tokens' order, the text
    packed for the store is the same tokens, whatever titles came in earlier batches."""
    numbering, names = _numbering()
    for titles in batches:
        numbered = numbering.titles(titles)
        assert len(numbered.edges) == len(titles) + 1
        for i, title in enumerate(titles):
            expected = list(tokenize.field_tokens(title).items())
            assert _first_of_each(numbered, i, names) == expected


_KEYWORDS = st.lists(
    st.one_of(
        _TITLE_TEXT, st.sampled_from(["11229900MB1A30031Q4000", "司法", "吉政发〔2026〕3号"])
    ),
    max_size=4,
).map("\n".join)
_DOC_NUMBER = st.one_of(
    st.just(""), st.sampled_from(["吉政发〔2026〕3号", "吉政令第285号", "司法"]), _TITLE_TEXT
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.tuples(_KEYWORDS, _DOC_NUMBER), max_size=5), max_size=3))
def test_keywords_numbered_a_batch_at_a_time_are_their_keyword_tokens(
    batches: list[list[tuple[str, str]]],
) -> None:
    """Keywords numbered through their lines and 发文字号 (FieldNumbering.keywords): the first
    of each token and its offset are documents.keyword_tokens', in its order; titles numbered
    by the same numbering in between change nothing."""
    numbering, names = _numbering()
    for fields in batches:
        numbered = numbering.keywords(fields)
        numbering.titles([keywords for keywords, _ in fields])
        assert len(numbered.edges) == len(fields) + 1
        for i, (keywords, number) in enumerate(fields):
            doc = SearchDoc(
                key="k", site="s", url="/k.html", title="", keywords=keywords, body="",
                type="policy", column="c", column_label="c", date="", year="",
                doc_number=number,
            )  # fmt: skip
            expected = list(keyword_tokens(doc).items())
            assert _first_of_each(numbered, i, names) == expected


def test_a_repeated_word_is_one_clause_and_a_lone_letter_beside_words_is_optional() -> None:
    twice = tokenize.plan("社保 社保 查询")
    assert [c.text for c in twice.clauses] == ["社保", "查询"]
    lettered = tokenize.plan("a 社保 查询")
    assert [(c.text, c.required) for c in lettered.clauses] == [
        ("a", False),
        ("社保", True),
        ("查询", True),
    ]
    # Alone, or beside other lone characters only, a letter is still what is searched.
    assert tokenize.plan("a").clauses[0].required
    assert tokenize.plan("b超").clauses[0].required


# --- pypinyin's reading table, kept in the user's cache folder (ssg/user_cache.py) -----------


@pytest.fixture
def kept_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bytes]]:
    """A cache folder of the test's own; the data files each new table was made from."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    made: list[bytes] = []
    real = tokenize._made_table

    def making(data: bytes) -> object:
        made.append(data)
        return real(data)

    monkeypatch.setattr(tokenize, "_made_table", making)
    tokenize._table.cache_clear()
    yield made
    tokenize._table.cache_clear()  # (the next test reads the table of the run's own folder)


def test_the_reading_table_is_made_once_and_read_by_every_later_process(
    kept_tables: list[bytes], tmp_path: Path
) -> None:
    first = tokenize._table()
    tokenize._table.cache_clear()  # (as a new process would find it)
    again = tokenize._table()
    assert len(kept_tables) == 1
    assert again == first and again is not first
    assert again.readings[again.which[again.codes.index(ord("行"))]] == ("xing", "hang")
    assert [p.name for p in (tmp_path / "cache/readings").iterdir()] != []


def test_a_damaged_or_foreign_kept_table_is_made_again_and_replaced(
    kept_tables: list[bytes], tmp_path: Path
) -> None:
    first = tokenize._table()
    (kept,) = (tmp_path / "cache/readings").glob("*.pickle")
    data = bytearray(kept.read_bytes())
    data[-20] ^= 0x55  # (a byte flipped inside the pickled syllables)
    kept.write_bytes(bytes(data))
    stale = kept.with_name("0" * 32 + ".pickle")  # another version's table
    stale.write_bytes(b"")
    tokenize._table.cache_clear()
    assert tokenize._table() == first
    assert len(kept_tables) == 2
    assert sorted((tmp_path / "cache/readings").glob("*.pickle")) == [kept]
    tokenize._table.cache_clear()
    assert tokenize._table() == first and len(kept_tables) == 2


def test_no_table_is_kept_where_others_could_write_or_when_told_not_to(
    kept_tables: list[bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache/readings"
    folder.mkdir(parents=True)
    folder.chmod(0o777)  # (what is kept there is unpickled: anyone could plant one)
    first = tokenize._table()
    tokenize._table.cache_clear()
    assert tokenize._table() == first
    assert len(kept_tables) == 2 and not list(folder.iterdir())
    monkeypatch.setenv(CACHE_ENV, "off")
    tokenize._table.cache_clear()
    assert tokenize._table() == first and len(kept_tables) == 3
