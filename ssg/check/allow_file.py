"""data/allow.yaml, the site-wide list of accepted findings (ARCHITECTURE §2.6): its entries
and what each names. Read by accept() (ssg/check/allow.py) and by CONTENT-08's git pre-check
(ssg/check/date_history.py), which holds an entry to the commit that wrote it: apart from
both, so that neither imports the other to read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ssg.config import UNREADABLE, read_input
from ssg.content import rule_code
from ssg.content.frontmatter import parse_data_file
from ssg.content.validate import ALLOW_CODE
from ssg.diagnostics import Diagnostics

ALLOW_FILE = "data/allow.yaml"


@dataclass(frozen=True, slots=True)
class Allowance:
    code: str
    path: str  # content path (zwgk/zcwj/a), a file (content/…, data/…), or a folder
    reason: str
    line: int


def load_allow(root: Path, diags: Diagnostics) -> tuple[Allowance, ...]:
    # A folder or a link to nothing in its place is said, as for every data file: an allow
    # file that silently vanished would turn every accepted finding back on without a word.
    raw, unreadable = read_input(root / ALLOW_FILE)
    if unreadable:
        diags.error(UNREADABLE, ALLOW_FILE, 0, "", unreadable)
        return ()
    if raw is None:
        return ()
    data, lines = parse_data_file(raw, ALLOW_FILE, diags)
    if data == {}:
        return ()
    if not isinstance(data, list):
        diags.error(
            "ALLOW-01",
            ALLOW_FILE,
            1,
            "",
            "allow.yaml 应为列表，每项 {code, path, reason} (expected a list of {code, path, reason})",
        )
        return ()
    out = []
    for index, entry in enumerate(data, start=1):
        line = lines.get(f"[{index}]", 1)
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) and str(entry.get(k)).strip()
            for k in ("code", "path", "reason")
        ):
            diags.error(
                "ALLOW-01",
                ALLOW_FILE,
                line,
                f"[{index}]",
                "每项须写明 code（规则编号）、path（路径）和 reason（理由） "
                "(each entry needs code, path and reason)",
            )
            continue
        code, where, reason = (str(entry[k]).strip() for k in ("code", "path", "reason"))
        problem = rule_code.shape_problem(code)
        if problem:
            # (the same check, and words, as an item's own `allow`: ssg/content/validate.py)
            field = f"[{index}].code"
            diags.error(ALLOW_CODE, ALLOW_FILE, lines.get(field, line), field, problem)
            continue
        out.append(Allowance(code, where.strip("/"), reason, line))
    return tuple(out)


def covers(allowance: Allowance, file: str) -> bool:
    """Whether the entry names `file`: its content path, the file itself, or a folder of it."""
    where = allowance.path
    candidates = {where, f"content/{where}", f"content/{where}.md", f"content/{where}/index.md"}
    return file in candidates or file.startswith((f"content/{where}/", f"{where}/"))
