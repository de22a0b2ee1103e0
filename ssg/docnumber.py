"""发文字号 (document numbers): parsing, the standard form, and the key references match on.

The standard form is 发文机关代字 + 〔YYYY〕 + 序号 + 号 with 六角括号, the 序号 without
leading zeros or 第 (GB/T 9704—2012, RULES POLICY-01). Editors write `[2019]`, `(2019)`,
`【2019】`, full-width digits, spaces, `第3号`, `03号`: all of these still match, and the
checker reports the standard form to write instead.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_OPEN = "〔[(（【［﹝〖{"
_CLOSE = "〕])）】］﹞〗}"
_PATTERN = re.compile(
    rf"^(?P<agency>[\u4e00-\u9fffA-Za-z]+?)\s*[{re.escape(_OPEN)}]\s*(?P<year>\d{{4}})\s*"
    rf"[{re.escape(_CLOSE)}]\s*第?\s*(?P<number>\d+)\s*号?$"
)
STANDARD = re.compile(r"^[\u4e00-\u9fff]+〔\d{4}〕[1-9]\d*号$")
_YEAR_IN_BRACKETS = re.compile(rf"[{re.escape(_OPEN)}]\s*[0-9０-９]{{4}}\s*[{re.escape(_CLOSE)}]")


@dataclass(frozen=True, slots=True)
class DocNumber:
    agency: str  # 发文机关代字, e.g. 吉政办发
    year: int
    number: int  # 序号

    @property
    def standard(self) -> str:
        return f"{self.agency}〔{self.year}〕{self.number}号"


def looks_like_doc_number(text: str) -> bool:
    """A reference with a year in brackets is read as a doc number (ARCHITECTURE §1.2)."""
    return bool(_YEAR_IN_BRACKETS.search(unicodedata.normalize("NFKC", text)))


def parse(text: str) -> DocNumber | None:
    """Any common way of writing a doc number → its parts; None when it is not one."""
    # NFKC folds full-width digits and brackets; 〔〕 and 【】 survive it and are matched above.
    folded = unicodedata.normalize("NFKC", text).strip()
    match = _PATTERN.match(folded)
    if not match or int(match.group("number")) == 0:
        return None
    return DocNumber(match.group("agency"), int(match.group("year")), int(match.group("number")))


def is_standard(text: str) -> bool:
    return bool(STANDARD.match(text))


def match_key(text: str) -> str:
    """What references are compared on: the standard form, or the text without spaces."""
    parsed = parse(text)
    if parsed is not None:
        return parsed.standard
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
