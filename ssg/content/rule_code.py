"""A rule code as an editor writes one in an accepted finding (ARCHITECTURE §2.6): `SEC-06`.

Both forms of acceptance, data/allow.yaml's `code:` and an item's `allow: {SEC-06: …}`, are
checked by these functions, so that a typo reads the same wherever it is written. The codes
it knows are RULES.md's, from ssg/rule_catalogue.py: the content layer does not import the
checker (ssg/check/), which imports it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from ssg.content import invisible
from ssg.rule_catalogue import CATALOGUE

SHAPE = re.compile(r"^[A-Z][A-Z0-9]*-\d{2}$")


def _repaired(code: str) -> str:
    """What a slip of the keyboard would have been: sec-06, SEC_06, ＳＥＣ－０６, SEC-6 → SEC-06."""
    text = invisible.remove(unicodedata.normalize("NFKC", code)).upper().replace("_", "-")
    text = re.sub(r"\s+", "", text)
    return re.sub(r"-(\d)$", r"-0\1", text)


def closest(code: str, known: Iterable[str] = CATALOGUE) -> str:
    """The known code `code` was most likely meant to be, or ""."""
    codes = list(known)
    repaired = _repaired(code)
    if repaired in codes:
        return repaired
    close = difflib.get_close_matches(repaired, codes, n=1, cutoff=0.75)
    return close[0] if close else ""


def shape_problem(code: str) -> str:
    """The message (中文 + English) when `code` is not written as a rule code; "" when it is."""
    if SHAPE.match(code):
        return ""
    meant = closest(code)
    if meant and meant.upper() == code.upper():
        hint = f"规则编号用大写字母，应写作 {meant}"
    elif meant:
        hint = f"是不是 {meant}？"
    else:
        hint = "应如 SEC-06（字母、短横线、两位数字）"
    english = f"; did you mean {meant}?" if meant else ""
    return f"“{code}” 不是规则编号，{hint} (not a rule code{english})"


def unknown_note(code: str, known: Iterable[str]) -> str:
    """Said of a code written well that no rule has (POLICY-10): what it was likely meant to
    be. "" when a rule has it."""
    codes = set(known) | set(CATALOGUE)
    if code in codes:
        return ""
    meant = closest(code, sorted(codes))
    hint = f"，是不是 {meant}？" if meant else ""
    return f"（没有编号为 {code} 的规则{hint}）"


def unknown_note_en(code: str, known: Iterable[str]) -> str:
    return "" if code in set(known) | set(CATALOGUE) else f"; no rule has the code {code}"
