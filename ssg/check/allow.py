"""Accepted findings (ARCHITECTURE §2.6): data/allow.yaml and front-matter `allow`.

An accepted finding is still listed, with its reason, in every report; it just no longer
counts or blocks. A veto-level finding cannot be accepted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ssg.check.allow_file import ALLOW_FILE, Allowance, covers, load_allow
from ssg.check.date_history import NOT_COVERED_BY_ITS_ALLOW
from ssg.check.registry import all_rules
from ssg.content import rule_code
from ssg.diagnostics import Diagnostic, Severity
from ssg.link import Site

# (data/allow.yaml is read in ssg/check/allow_file.py; its names are used from here too)
__all__ = ["ALLOW_FILE", "Allowance", "accept", "covers", "load_allow"]

UNUSED_CODE = "ALLOW-03"


def accept(
    findings: Iterable[Diagnostic], allowances: tuple[Allowance, ...], site: Site
) -> list[Diagnostic]:
    """Mark findings that an allowance or an item's `allow` covers; say which ones cannot be."""
    by_file = {item.location.file: item for item in site.items.values() if item.allow}
    used: set[Allowance] = set()
    used_in_items: set[tuple[str, str]] = set()  # (file, code) of the items' own `allow`
    out: list[Diagnostic] = []
    for finding in findings:
        item = by_file.get(finding.file)
        reason = item.allow.get(finding.code, "") if item is not None else ""
        # (where the acceptance is written: the line the editor is to delete)
        written = (finding.file, 0, f"allow.{finding.code}")
        if reason and item is not None:
            used_in_items.add((finding.file, finding.code))
            written = (finding.file, item.location.line(written[2]), written[2])
            # (a re-dating after the commit of its `allow`, which it does not cover: CONTENT-08)
            reason = "" if finding.rule == NOT_COVERED_BY_ITS_ALLOW else reason
        else:
            for allowance in allowances:
                if allowance.code == finding.code and covers(allowance, finding.file):
                    # (not for a re-dating made after the commit of the entry: CONTENT-08, as
                    # for an item's own `allow` above)
                    reason = "" if finding.rule == NOT_COVERED_BY_ITS_ALLOW else allowance.reason
                    used.add(allowance)
                    written = (ALLOW_FILE, allowance.line, "")
                    break
        if reason and finding.severity is Severity.VETO:
            out.append(finding)
            out.append(
                Diagnostic(
                    Severity.ADVICE,
                    "ALLOW-02",
                    *written,
                    f"{finding.code} 是单项否决项，不能被接受，必须整改（{finding.file}:"
                    f"{finding.line}）；请删除这一接受项 (a veto cannot be accepted)",
                )
            )
            continue
        if reason and finding.severity in (Severity.DEDUCT, Severity.ADVICE):
            finding = dataclasses.replace(finding, accepted=reason)
        out.append(finding)
    known = {r.code for r in all_rules()}
    for allowance in allowances:
        if allowance not in used:
            note = rule_code.unknown_note(allowance.code, known)
            out.append(
                Diagnostic(
                    Severity.ADVICE,
                    UNUSED_CODE,
                    ALLOW_FILE,
                    allowance.line,
                    "",
                    f"接受项 {allowance.code} {allowance.path} 没有对应的检查结果{note}，可以删除 "
                    f"(accepted finding no longer occurs"
                    f"{rule_code.unknown_note_en(allowance.code, known)})",
                )
            )
    # An item's own acceptances, as data/allow.yaml's: at the line and field of each.
    for item_id in sorted(site.items):
        item = site.items[item_id]
        for code in item.allow:
            if (item.location.file, code) in used_in_items:
                continue
            field = f"allow.{code}"
            note = rule_code.unknown_note(code, known)
            out.append(
                Diagnostic(
                    Severity.ADVICE,
                    UNUSED_CODE,
                    item.location.file,
                    item.location.line(field),
                    field,
                    f"接受项 {code} 没有对应的检查结果{note}，可以删除 "
                    f"(accepted finding no longer occurs{rule_code.unknown_note_en(code, known)})",
                )
            )
    return out
