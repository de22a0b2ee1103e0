"""Rules are data + small functions (ARCHITECTURE §3.2).

Each rule cites its RULES.md code and source article, carries its severity (§3.1: veto for a
✅ single-veto item, deduct for other ✅/◐ rules, advice for ⚠ ones), a Chinese title and a
fix hint, and yields findings. The checker, its reports and `ssg rules` are generated from
this registry. Rules read the linked site model and, where they must, the rendered output.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ssg.diagnostics import Diagnostic, Severity
from ssg.link import Site


@dataclass(frozen=True, slots=True)
class Finding:
    """One place where a rule is broken; the rule adds code and severity."""

    file: str
    line: int
    field: str
    message: str  # 中文说明 (English)
    severity: Severity | None = None  # only when a rule reports below its level (e.g. advice)


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>", re.S)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")


@dataclass(frozen=True, slots=True)
class Tag:
    name: str  # lower case
    attrs: Mapping[str, str]
    offset: int  # position in the page text


@dataclass(slots=True)
class RenderedPage:
    """One HTML file of the output, read once and shared by every rule that needs it."""

    path: str  # relative to the output root: zwgk/zcwj/index.html
    source: str  # the content file it came from ("" for generated pages)
    text: str
    _tags: list[Tag] | None = field(default=None, repr=False)

    @property
    def tags(self) -> list[Tag]:
        """Every start tag with its attributes, parsed on first use (most rules need none)."""
        if self._tags is None:
            self._tags = parse_tags(self.text)
        return self._tags

    @property
    def url(self) -> str:
        return "/" + (
            self.path[: -len("index.html")] if self.path.endswith("index.html") else self.path
        )

    def meta(self) -> dict[str, str]:
        return {
            t.attrs["name"]: t.attrs.get("content", "")
            for t in self.tags
            if t.name == "meta" and "name" in t.attrs
        }

    def count(self, name: str) -> int:
        return sum(1 for t in self.tags if t.name == name)

    def is_redirect(self) -> bool:
        return any(t.name == "meta" and t.attrs.get("http-equiv") == "refresh" for t in self.tags)


def parse_tags(text: str) -> list[Tag]:
    """Start tags with their attributes: enough for links, assets and meta, and fast."""
    tags = []
    for match in _TAG.finditer(text):
        if match.group(1):
            continue
        attrs = {}
        for attr in _ATTR.finditer(match.group(3)):
            value = attr.group(2) or ""
            if value[:1] in ("'", '"'):
                value = value[1:-1]
            attrs[attr.group(1).lower()] = _unescape(value)
        tags.append(Tag(match.group(2).lower(), attrs, match.start()))
    return tags


def _unescape(value: str) -> str:
    if "&" not in value:
        return value
    import html

    return html.unescape(value)


class CheckContext:
    """What rules read: the linked site, its source folder and the rendered output."""

    def __init__(
        self, site: Site, root: Path, output: Path | None, sources: Mapping[str, str]
    ) -> None:
        self.site = site
        self.root = root
        self.output = output
        self.sources = sources
        self.shared: dict[str, object] = {}  # what several rules of one run compute once

    @functools.cached_property
    def pages(self) -> list[RenderedPage]:
        if self.output is None:
            return []
        pages = []
        for path in sorted(self.output.rglob("*.html")):
            rel = path.relative_to(self.output).as_posix()
            text = path.read_text(encoding="utf-8", errors="replace")
            pages.append(RenderedPage(rel, self.sources.get(rel, ""), text))
        return pages

    def page_file(self, page: RenderedPage) -> str:
        """The file a finding on a rendered page points to: its source, else the theme."""
        return page.source or "themes/default"


RuleCheck = Callable[[CheckContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str  # RULES.md code, e.g. POLICY-03
    severity: Severity
    title: str  # 中文标题
    source: str  # the article it comes from, e.g. 吉林办法 第二十条
    fix: str  # how to fix it, for reports
    check: RuleCheck
    name: str = ""  # the function's name: one code may have several aspects


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str, severity: Severity, title: str, source: str, fix: str
) -> Callable[[RuleCheck], RuleCheck]:
    """Register a rule function under its code (one function per code and aspect)."""

    def register(check: RuleCheck) -> RuleCheck:
        name = getattr(check, "__name__", "rule")
        REGISTRY[f"{code}:{name}"] = Rule(code, severity, title, source, fix, check, name)
        return check

    return register


def all_rules() -> list[Rule]:
    load_rule_modules()
    return [REGISTRY[key] for key in sorted(REGISTRY, key=_rule_order)]


def _rule_order(key: str) -> tuple[str, int, str]:
    code, _, name = key.partition(":")
    area, _, number = code.rpartition("-")
    return (area, int(number) if number.isdigit() else 0, name)


def run_rules(context: CheckContext) -> Iterator[Diagnostic]:
    """Every registered rule over the site, as diagnostics."""
    for registered in all_rules():
        for finding in registered.check(context):
            yield Diagnostic(
                finding.severity or registered.severity,
                registered.code,
                finding.file,
                finding.line,
                finding.field,
                finding.message,
            )


def load_rule_modules() -> None:
    # Importing a rule module registers its rules.
    from ssg.check import (  # noqa: F401
        freshness,
        identity,
        interact,
        output,
        policy,
        report_rules,
        service,
        wording,
    )
