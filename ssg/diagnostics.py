"""One diagnostic type and its one formatter (ARCHITECTURE §3.1).

Every problem ssg reports — YAML syntax, schema, references, compliance rules —
is a :class:`Diagnostic` and prints as exactly one line::

    path:line: severity [CODE] field: 中文说明 (English)
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field


class Severity(enum.StrEnum):
    ERROR = "error"  # invalid input; blocks
    VETO = "veto"  # national single-veto item (单项否决); blocks
    DEDUCT = "deduct"  # other compliance finding (扣分); blocks only with --strict
    ADVICE = "advice"  # unverified rule, scheduled item, filled-in default; never blocks

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.VETO: 1, Severity.DEDUCT: 2, Severity.ADVICE: 3}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    severity: Severity
    code: str  # RULES.md code (POLICY-03) or an input code of ssg's own (YAML-01)
    file: str  # relative to the site root, with forward slashes, as the editor sees it
    line: int  # 1-based; 0 means the whole file
    field: str  # front-matter key, nested as materials[2].name; "" for the whole file or body
    message: str  # 中文说明 (English)
    accepted: str = ""  # the reason from data/allow.yaml or front-matter `allow` (§2.6)
    # The check that found it ("CONTENT-02:column_veto"; "" for input problems): one code may
    # have several checks, each with its own title and fix in the reports.
    rule: str = ""

    def __str__(self) -> str:
        return format_diagnostic(self)

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        return (self.file, self.line, self.severity.rank, self.code, self.field, self.message)


def format_diagnostic(d: Diagnostic) -> str:
    """The one format of ARCHITECTURE §3.1, always one line."""
    location = f"{d.file}:{d.line}" if d.file else "<site>:0"
    where = f"{d.field}: " if d.field else ""
    accepted = f" [已接受 accepted: {d.accepted}]" if d.accepted else ""
    return one_line(f"{location}: {d.severity.value} [{d.code}] {where}{d.message}{accepted}")


_CONTROL = {c: f"\\x{c:02x}" for c in range(32) if c not in (9,)}
_CONTROL.update({10: "\\n", 13: "\\r", 0x7F: "\\x7f", 0x2028: "\\u2028", 0x2029: "\\u2029"})


def one_line(text: str) -> str:
    """Values echoed into messages may hold line breaks: show them, never break the line."""
    return text.translate(_CONTROL)


@dataclass(slots=True)
class Diagnostics:
    """A collector: every stage adds to it, nothing stops at the first problem."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(
        self,
        severity: Severity,
        code: str,
        file: str,
        line: int,
        field: str,
        message: str,
    ) -> None:
        self.items.append(Diagnostic(severity, code, file, line, field, message))

    def error(self, code: str, file: str, line: int, field: str, message: str) -> None:
        self.add(Severity.ERROR, code, file, line, field, message)

    def advice(self, code: str, file: str, line: int, field: str, message: str) -> None:
        self.add(Severity.ADVICE, code, file, line, field, message)

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def count(self, severity: Severity) -> int:
        """Findings of a severity, not counting accepted ones. Identical diagnostics (one
        fault met twice on one line: two same images) are one finding, as every listing shows
        them (`sorted`): the counts of a report are those of the lines it lists."""
        return sum(1 for d in set(self.items) if d.severity is severity and not d.accepted)

    def accepted(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.accepted]

    def blocks(self, strict: bool = False) -> bool:
        blocking = {Severity.ERROR, Severity.VETO} | ({Severity.DEDUCT} if strict else set())
        return any(d.severity in blocking and not d.accepted for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items), key=Diagnostic.sort_key)


# Output rules name the page twice, as 页面 <path> and (… on <path>): with both masked, the
# same fault on every page (a theme template's, as a rule) reads as one message.
_PAGE_PATH = re.compile(r"(页面 |on )[^\s()]+")
SHOWN_PER_FAULT = 3  # examples printed of a fault found on many pages
FOLD_OVER = 5  # pages with the same fault before the rest are summed up in one line


def folded_lines(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """The diagnostics as lines, but a fault found on more than FOLD_OVER pages (a theme's:
    on a 10,000-item site, 11,000 lines that all say the same) shows SHOWN_PER_FAULT of them
    and then one line with how many more. `--all`, the counts and the JSON, SARIF and HTML
    reports keep every finding."""
    groups: dict[tuple[str, ...], int] = {}
    keys = []
    for d in diagnostics:
        key = (
            (d.severity.value, d.code, d.field, _PAGE_PATH.sub(r"\1*", d.message), d.accepted)
            if "页面 " in d.message
            else None
        )
        keys.append(key)
        if key is not None:
            groups[key] = groups.get(key, 0) + 1
    lines: list[str] = []
    seen: dict[tuple[str, ...], int] = {}
    for d, key in zip(diagnostics, keys, strict=True):
        total = groups.get(key, 0) if key is not None else 0
        if key is None or total <= FOLD_OVER:
            lines.append(str(d))
            continue
        shown = seen[key] = seen.get(key, 0) + 1
        if shown <= SHOWN_PER_FAULT:
            lines.append(str(d))
        if shown == SHOWN_PER_FAULT:
            more = total - SHOWN_PER_FAULT
            lines.append(
                f"  …… 同样的 [{d.code}] 问题另有 {more} 个页面，多半出自主题模板，改一处即可；"
                f"加 --all 逐页列出 "
                f"(… and {more} more pages with the same [{d.code}] finding)"
            )
    return lines


def summary_line(diags: Diagnostics) -> str:
    counts = {s: diags.count(s) for s in Severity}
    accepted = len(diags.accepted())
    tail = f"，已接受 {accepted} (accepted {accepted})" if accepted else ""
    return (
        f"错误 {counts[Severity.ERROR]}，否决 {counts[Severity.VETO]}，"
        f"扣分 {counts[Severity.DEDUCT]}，建议 {counts[Severity.ADVICE]} "
        f"(errors {counts[Severity.ERROR]}, veto {counts[Severity.VETO]}, "
        f"deduct {counts[Severity.DEDUCT]}, advice {counts[Severity.ADVICE]}){tail}"
    )
