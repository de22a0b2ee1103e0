"""A suggestion term's usual reading (ssg/search/phrase_readings.py): pypinyin's reading of
the word, found without importing pypinyin (whose phrase dictionary stays out of the index's
processes), and ranked above the other readings of its characters."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssg.search import engine, phrase_readings, tokenize
from ssg.search.client_index import term_entries
from ssg.search.documents import SearchDoc
from ssg.search.phrase_readings import usual_readings
from tests.e2e.conftest import REPO

# Words whose characters read otherwise alone (校 jiao, 行 hang/xing, 长 zhang, 重 zhong …).
POLYPHONES = [
    "高校毕业生",
    "银行",
    "长春",
    "重庆",
    "行政复议",
    "校园安全",
    "省政府",
    "会计",
    "人才公寓",
    "长岭县人民政府",
    "供暖（采暖期）",
    "ＡＢＣ银行",
]


def _pypinyin(word: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    spoken = (tokenize.toneless(p) for p in lazy_pinyin(tokenize.normalise(word), errors="ignore"))
    return tuple(p for p in spoken if p.isascii() and p.isalpha())


@pytest.mark.parametrize("word", POLYPHONES)
def test_the_usual_reading_is_pypinyins(word: str) -> None:
    assert usual_readings([word])[word] == _pypinyin(word)


def test_readings_of_phrases_do_not_import_pypinyin() -> None:
    code = (
        "import sys; from ssg.search.phrase_readings import usual_readings;"
        "r = usual_readings(['高校毕业生', '银行']);"
        "assert r['高校毕业生'][1] == 'xiao' and r['银行'][1] == 'hang', r;"
        "assert 'pypinyin' not in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _doc(key: str, keywords: str) -> SearchDoc:
    return SearchDoc(
        key=key,
        site="www.example.gov.cn",
        url=f"/{key}.html",
        title=key,
        type="news",
        column="news",
        column_label="新闻",
        date="2026-01-01",
        year="2026",
        keywords=keywords,
        body="",
    )


def test_a_term_is_suggested_by_its_usual_reading_before_its_others() -> None:
    """gj: 公积金 (gong ji jin) before 高校毕业生 (gao xiao; gao jiao only by 校 alone), though
    高校毕业生 comes from more documents; gaojiao still finds it, last."""
    docs = [_doc(f"d{i}", "高校毕业生") for i in range(3)] + [_doc("d9", "公积金")]
    terms = term_entries(docs)
    graduates = next(t for t in terms if t.text == "高校毕业生")
    assert graduates.pinyin.split("|")[0] == "gaoxiaobiyesheng"
    assert graduates.initials.split("|")[0] == "gxbys"
    assert "gaojiaobiyesheng" in graduates.pinyin.split("|")  # (still found that way)
    assert engine.suggest("gj", terms)[:2] == ["公积金", "高校毕业生"]
    assert engine.suggest("gx", terms)[0] == "高校毕业生"
    assert engine.suggest("gaojiao", terms) == ["高校毕业生"]


def _read_every_length(text: str, phrases: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """phrase_readings._read as it was: every length from LONGEST down looked up."""
    out: list[str] = []
    i = 0
    while i < len(text):
        for end in range(min(len(text), i + phrase_readings.LONGEST), i + 1, -1):
            found = phrases.get(text[i:end])
            if found is not None:
                out.extend(found)
                i = end
                break
        else:
            options = tokenize.readings(text[i])
            if options:
                out.append(options[0])
            i += 1
    return tuple(out)


_CHARS = st.sampled_from([*"高校毕业生银行长春重庆省政府会计a1，"])


@settings(max_examples=300, deadline=None)
@given(
    st.text(_CHARS, max_size=30),
    st.dictionaries(
        st.text(_CHARS, min_size=1, max_size=14), st.tuples(st.just("x"), st.just("y")), max_size=8
    ),
)
def test_reading_by_the_phrases_lengths_is_reading_by_every_length(
    text: str, phrases: dict[str, tuple[str, ...]]
) -> None:
    """_read looks up only the lengths the phrases have (longest first, two to LONGEST
    characters): the same cuts as every length from LONGEST down."""
    lengths = phrase_readings._lengths(phrases)
    assert phrase_readings._read(text, phrases, lengths) == _read_every_length(text, phrases)
