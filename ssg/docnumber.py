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

import re
import unicodedata
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
