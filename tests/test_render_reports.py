"""The words of the annual report's labels (ssg/render_reports.py `label_words`), between which
the theme lets a label break on a phone (tests/browser/test_report_phone.py draws them)."""

from __future__ import annotations

from ssg.derive.annual_report import FIELDS
from ssg.render_reports import LABEL_WORDS, label_words

# The longest word that stays on one line of a 320 px phone in the toolbar's 超大 text
# (16 px × 175 % a character, about 270 px of line).
LONGEST_WORD = 6


def test_every_label_is_its_words_in_order() -> None:
    for field in FIELDS:
        words = label_words(field.label)
        assert "".join(words) == field.label, (field.path, words)
        assert all(words), (field.path, words)


def test_every_long_part_of_the_template_has_its_words_listed() -> None:
    """A part left out is one unbreakable word: a field added to the template with a long name
    would stick out of a phone's line or break anywhere."""
    parts = {part for field in FIELDS for part in field.path.split(".")[1:]}
    assert not sorted(p for p in parts if len(p) > 5 and p not in LABEL_WORDS)
    assert not sorted(set(LABEL_WORDS) - parts)  # (no entry for a label the template lacks)


def test_no_word_is_longer_than_a_phones_line_in_the_largest_text() -> None:
    words = {word.rstrip("：") for field in FIELDS for word in label_words(field.label)}
    assert max(len(word) for word in words) <= LONGEST_WORD, sorted(words, key=len)[-3:]


def test_the_colon_stays_with_the_word_before_it() -> None:
    assert label_words("留言办理：收到留言数量") == ["留言办理：", "收到", "留言", "数量"]
    assert label_words("网站名称") == ["网站名称"]
