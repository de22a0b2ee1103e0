"""Pinyin typed as the citizen types it: the last syllable unfinished (yingshanghuanj, yingsh)
finds what the whole word finds, on both backends; the reading is bounded (only the last
syllable, only after a finished one, at most UNFINISHED_READINGS readings)."""

from __future__ import annotations

import json

import pytest

from ssg.search import engine, tokenize
from ssg.search.client_index import ClientSource
from ssg.search.whoosh_index import WhooshSource


def _urls(answer: dict) -> list[str]:
    return [r["url"] for r in answer["results"]]


@pytest.mark.parametrize(
    ("typed", "marked"),
    [
        ("yingsh", "营商"),
        ("yingshanghuanj", "营商环境"),
        ("yingshanghuanji", "营商环境"),  # ji and jin are syllables too, and unfinished
        ("yingshanghuanjin", "营商环境"),
    ],
)
def test_an_unfinished_last_syllable_finds_what_the_whole_word_finds(
    client: ClientSource, whoosh: WhooshSource, typed: str, marked: str
) -> None:
    whole = engine.search("yingshanghuanjing", client)
    assert whole["total"] >= 3
    answer = engine.search(typed, client)
    # 营商环境's documents, in the same order (nothing else of the sample reads so).
    assert _urls(answer) == _urls(whole), typed
    assert answer["correction"] is None
    assert [marked, 1] in answer["results"][0]["title"]  # the characters it was read as
    assert json.dumps(answer, ensure_ascii=False) == json.dumps(
        engine.search(typed, whoosh), ensure_ascii=False
    )


@pytest.mark.parametrize("typed", ["yshji", "yshjin", "yshjing"])
def test_initials_then_an_unfinished_syllable(
    client: ClientSource, whoosh: WhooshSource, typed: str
) -> None:
    """营商环 by initials, 境 begun: what the initials alone find, the last character read."""
    answer = engine.search(typed, client)
    assert _urls(answer) == _urls(engine.search("yingshanghuanjing", client)), typed
    assert json.dumps(answer, ensure_ascii=False) == json.dumps(
        engine.search(typed, whoosh), ensure_ascii=False
    )
    mixed = [a for a in tokenize.unfinished_alternatives(typed) if a.kind == "mixed"]
    assert ("=ysh", "=shj", "'jing") in {a.tokens for a in mixed}


def test_an_unfinished_syllable_after_chinese_words(client: ClientSource) -> None:
    answer = engine.search("营商 huanj", client)
    assert _urls(answer) == _urls(engine.search("营商环境", client))[: len(_urls(answer))]
    assert answer["total"] >= 3


def test_only_the_last_syllable_of_the_last_word_is_read_as_unfinished() -> None:
    plan = tokenize.plan("yingshanghuanj", loose=True)
    tokens = {a.tokens for a in plan.clauses[0].alternatives}
    assert ("ying'shang", "shang'huan", "huan'jing") in tokens
    # As typed (the first pass), no unfinished reading: only when that finds too little.
    strict = tokenize.plan("yingshanghuanj").clauses[0].alternatives
    assert [a.kind for a in strict] == ["text"]
    # A word before another is finished: yingsh of “yingsh guihua” is not read as 营商.
    first = tokenize.plan("yingsh guihua", loose=True).clauses[0]
    assert [a.kind for a in first.alternatives] == ["text"]
    # A finished reading of the same tokens keeps its weight (shebao: she·bao).
    kept = tokenize.plan("shebao", loose=True).clauses[0].alternatives
    assert [a.weight for a in kept if a.tokens == ("she'bao",)] == [tokenize.WEIGHT_PINYIN]


def test_a_tail_alone_or_a_one_letter_tail_stays_bounded() -> None:
    # A tail never stands alone: zh, x are not every title with a character read so.
    assert tokenize.unfinished_alternatives("zh") == []
    assert tokenize.unfinished_alternatives("x") == []
    # One letter after a finished syllable: each reading a bigram of that syllable, at most
    # UNFINISHED_READINGS of them (37 syllables start with z).
    found = tokenize.unfinished_alternatives("yingz")
    assert 0 < len(found) <= tokenize.UNFINISHED_READINGS
    assert all(a.tokens[0].startswith("ying'z") and len(a.tokens) == 1 for a in found)
    assert tokenize.unfinished_alternatives("ying" * 20) == []  # past MAX_LATIN: not a word
    # Initials alone (yshj, ysh: a tail without a vowel) are read as initials, not mixed.
    assert tokenize.unfinished_alternatives("yshj") == []
    assert all(a.kind != "mixed" for a in tokenize.unfinished_alternatives("ysh"))
