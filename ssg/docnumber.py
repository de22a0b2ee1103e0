"""发文字号 (document numbers): parsing, the standard form, and the key references match on.

The standard form is 发文机关代字 + 〔YYYY〕 + 序号 + 号 with 六角括号, the 序号 without
leading zeros or 第 (GB/T 9704—2012, RULES POLICY-01). Editors write `[2019]`, `(2019)`,
`【2019】`, full-width digits, spaces, `第3号`, `03号`: all of these still match, and the
checker reports the standard form to write instead.

命令（令）are numbered differently (GB/T 9704—2012 10.1): 发文机关 + 令 + 第N号, without a
year, e.g. 中华人民共和国国务院令第708号, 吉林省人民政府令第285号. They keep the 第 and are
compared on the same terms (full-width digits, spaces, leading zeros, a missing 第).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_OPEN = "〔[(（【［﹝〖{"
_CLOSE = "〕])）】］﹞〗}"
_PATTERN = re.compile(
    rf"^(?P<agency>[\u4e00-\u9fffA-Za-z]+?)\s*[{re.escape(_OPEN)}]\s*(?P<year>[0-9]{{4}})\s*"
    rf"[{re.escape(_CLOSE)}]\s*第?\s*(?P<number>[0-9]+)\s*号?$"
)
# Matched on NFKC-folded text, so full-width digits are ASCII here; `[0-9]`, not `\d`, keeps
# other scripts' digits out. The agency is everything up to the last 令 before the number.
_DECREE = re.compile(r"^(?P<agency>[\u4e00-\u9fff]+令)\s*第?\s*(?P<number>[0-9]+)\s*号$")
DECREE_STANDARD = re.compile(r"^[\u4e00-\u9fff]+令第[1-9][0-9]*号$")
# The standard form is checked on the text as written: full-width digits are not standard.
STANDARD = re.compile(r"^[\u4e00-\u9fff]+〔[0-9]{4}〕[1-9][0-9]*号$")
_YEAR_IN_BRACKETS = re.compile(rf"[{re.escape(_OPEN)}]\s*[0-9０-９]{{4}}\s*[{re.escape(_CLOSE)}]")


@dataclass(frozen=True, slots=True)
class DocNumber:
    agency: str  # 发文机关代字, e.g. 吉政办发
    year: int | None  # None for a 令, which is numbered without a year
    number: int  # 序号

    @property
    def standard(self) -> str:
        if self.year is None:
            return f"{self.agency}第{self.number}号"
        return f"{self.agency}〔{self.year}〕{self.number}号"


def _fold(text: str) -> str:
    """NFKC folds full-width digits and brackets (〔〕 and 【】 survive it and are matched
    above); spaces carry nothing in a doc number and go, inside the 机关代字 too: text copied
    from a PDF or a justified Word line comes as 吉 政 发〔2019〕3 号. So do invisible
    characters (zero-width space, BOM, direction marks) that text copied from a web page
    carries: a reference must not fail on what the editor cannot see."""
    folded = unicodedata.normalize("NFKC", text)
    if has_invisible(folded):
        folded = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return re.sub(r"\s+", "", folded)


def has_invisible(text: str) -> bool:
    """Format characters (Unicode Cf): zero-width spaces and joiners, BOM, direction marks."""
    return any(unicodedata.category(c) == "Cf" for c in text)


def looks_like_doc_number(text: str) -> bool:
    """A reference with a year in brackets is read as a doc number (ARCHITECTURE §1.2), and so
    is a 令 number (…令第N号), which has no year."""
    folded = _fold(text)
    return bool(_YEAR_IN_BRACKETS.search(folded) or _DECREE.match(folded))


def parse(text: str) -> DocNumber | None:
    """Any common way of writing a doc number → its parts; None when it is not one."""
    folded = _fold(text)
    match = _PATTERN.match(folded)
    if match and int(match.group("number")):
        return DocNumber(
            match.group("agency"), int(match.group("year")), int(match.group("number"))
        )
    decree = _DECREE.match(folded)
    if decree and int(decree.group("number")):
        return DocNumber(decree.group("agency"), None, int(decree.group("number")))
    return None


def is_standard(text: str) -> bool:
    return bool(STANDARD.match(text) or DECREE_STANDARD.match(text))


def match_key(text: str) -> str:
    """What references are compared on: the standard form, or the text without spaces."""
    parsed = parse(text)
    if parsed is not None:
        return parsed.standard
    return _fold(text)


# How far a doc number may be from the one written and still be offered as "did you mean"
# (ssg.link's REF-01). A 文号 is three parts, and a slip is in one of them: keep the 机关代字
# and mistype the year or the 序号 (2025 for 2026, 72 for 27, 1 for 11) by one or two keys in
# all, or keep both numbers and slip one character of the 机关代字 (吉政发 for 吉政办发). A
# number takes no more slips than the shorter of the two has digits: two slips make any
# two-digit 序号 of a one-digit one (9 → 47), which is another document, not a typo. Another
# issuer's number of another year is no slip, however alike the text: 青政发〔2026〕9号 was
# offered 青岚办函〔2025〕301号 when text likeness alone (difflib) chose.
_NUMBER_SLIPS = 2
_AGENCY_SLIPS = 1


def slips(written: DocNumber, other: DocNumber) -> int | None:
    """The typing slips (a key missed, added, replaced, or two swapped) that turn `other`
    into `written`, when `other` is plausibly the number meant; None when it is not."""
    if (written.year is None) != (other.year is None):
        return None  # (a 令 is numbered without a year: no slip makes one of a 文号)
    numbers = 0
    for mine, theirs in ((written.year, other.year), (written.number, other.number)):
        a, b = str(mine or ""), str(theirs or "")
        edits = _edits(a, b)
        if edits > min(len(a), len(b), _NUMBER_SLIPS):
            return None
        numbers += edits
    if written.agency == other.agency:
        return numbers if numbers <= _NUMBER_SLIPS else None
    agency = _edits(written.agency, other.agency)
    return agency if numbers == 0 and agency <= _AGENCY_SLIPS else None


def nearest(written: str, keys: Iterable[str], limit: int) -> list[str]:
    """The match keys among `keys` that `written` plausibly mistypes (see `slips`), fewest
    slips first, then the likest text. A reference with no parts to compare (…〔2019〕号,
    with no 序号) is compared on its text alone, as every reference once was."""
    mine = parse(written)
    if mine is None:
        return difflib.get_close_matches(match_key(written), list(keys), n=limit, cutoff=0.5)
    counted: dict[str, int] = {}
    for key in keys:
        other = parse(key)
        count = slips(mine, other) if other is not None else None
        if count is not None and key != mine.standard:
            counted[key] = count
    if not counted:
        return []
    # (difflib's order, which the stable sort keeps among equal slips: 坏政发〔2026〕2号 is
    # one slip from 3号, 5号 and 7号 alike)
    alike = difflib.get_close_matches(mine.standard, list(counted), n=len(counted), cutoff=0.0)
    return sorted(alike, key=counted.__getitem__)[:limit]


def _edits(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    two neighbours (27 typed 72 is one slip, not two)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[len(b)]
