"""Rules are data + small functions (ARCHITECTURE §3.2).

Each rule cites its RULES.md code and source article, carries its severity (§3.1: veto for a
✅ single-veto item, deduct for other ✅/◐ rules, advice for ⚠ ones), a Chinese title and a
fix hint, and yields findings. The checker and `ssg rules` are generated from this registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ssg.diagnostics import Diagnostic, Severity
from ssg.link import Site


@dataclass(frozen=True, slots=True)
class Finding:
    """One place where a rule is broken; the rule adds code and severity."""

    file: str
    line: int
    field: str
    message: str  # 中文说明 (English)
    severity: Severity | None = None  # only when a rule reports at two levels (e.g. advice)


RuleCheck = Callable[[Site], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str  # RULES.md code, e.g. POLICY-03
    severity: Severity
    title: str  # 中文标题
    source: str  # the article it comes from, e.g. 吉林办法 第二十条
    fix: str  # how to fix it, for reports
    check: RuleCheck


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str, severity: Severity, title: str, source: str, fix: str
) -> Callable[[RuleCheck], RuleCheck]:
    """Register a rule function under its code (one function per code and aspect)."""

    def register(check: RuleCheck) -> RuleCheck:
        key = f"{code}:{check.__name__}"
        REGISTRY[key] = Rule(code, severity, title, source, fix, check)
        return check

    return register


def run_rules(site: Site) -> Iterator[Diagnostic]:
    """Every registered rule over the site, as diagnostics."""
    _load_rule_modules()
    for key in sorted(REGISTRY):
        registered = REGISTRY[key]
        for finding in registered.check(site):
            yield Diagnostic(
                finding.severity or registered.severity,
                registered.code,
                finding.file,
                finding.line,
                finding.field,
                finding.message,
            )


def _load_rule_modules() -> None:
    # Importing a rule module registers its rules.
    from ssg.check import policy  # noqa: F401
