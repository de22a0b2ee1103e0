"""Rules are data + small functions (ARCHITECTURE §3.2).

Each rule cites its RULES.md code and source article, carries its severity (§3.1: veto for a
✅ single-veto item, deduct for other ✅/◐ rules, advice for ⚠ ones), a Chinese title and a
fix hint, and yields findings. The checker, its reports and `ssg rules` are generated from
this registry. Rules read the linked site model and, where they must, the rendered output.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ssg.check.input_codes import INPUT_CODES, InputCode
from ssg.check.scan_cache import ScanCache, Stamp, stamp
from ssg.check.site_keys import is_unplaced, unwritten_key_line
from ssg.config import SITE_FILE
from ssg.diagnostics import Diagnostic, Severity
from ssg.link import Site

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Finding:
    """One place where a rule is broken; the rule adds code and severity."""

    file: str
    line: int
    field: str
    message: str  # 中文说明 (English)
    severity: Severity | None = None  # only when a rule reports below its level (e.g. advice)
    # Only for what a rule met reading its input rather than judging it: a file it could not
    # read (FILE-03), YAML it could not parse (YAML-0x) keep the code they have everywhere.
    code: str | None = None


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>", re.S)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")


@dataclass(frozen=True, slots=True)
class Tag:
    name: str  # lower case
    attrs: Mapping[str, str]
    offset: int  # position in the page text


class RenderedPage:
    """One HTML file of the output, shared by every rule that needs it. Its text is read on
    first use: with a scan cache most pages are judged from facts kept from the last build."""

    __slots__ = ("_tags", "_text", "file", "path", "source", "stamp")

    def __init__(
        self,
        path: str,
        source: str,
        text: str | None = None,
        file: str | None = None,
        stamp: Stamp | None = None,
    ) -> None:
        self.path = path  # relative to the output root: zwgk/zcwj/index.html
        self.source = source  # the content file it came from ("" for generated pages)
        # Where the text is read from when it was not given: a str, as a Path for each of the
        # 11,358 pages of the 10,000-item benchmark cost 0.15 s.
        self.file = file
        self.stamp = stamp  # the file's identity, taken before its text is read
        self._text = text
        self._tags: list[Tag] | None = None

    def __repr__(self) -> str:
        return f"RenderedPage({self.path!r}, {self.source!r})"

    @property
    def loaded(self) -> bool:
        """Whether the text has been read (or was given)."""
        return self._text is not None

    @property
    def text(self) -> str:
        if self._text is None:
            assert self.file is not None, self.path
            with open(self.file, encoding="utf-8", errors="replace") as handle:
                self._text = handle.read()
        return self._text

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


def parse_tags(text: str, names: frozenset[str] | None = None) -> list[Tag]:
    """Start tags with their attributes: enough for links, assets and meta, and fast. With
    `names` (lower case), only tags of those names: the others' attributes are not parsed."""
    tags = []
    for match in _TAG.finditer(text):
        if match.group(1) or (names is not None and match.group(2).lower() not in names):
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
        self,
        site: Site,
        root: Path,
        output: Path | None,
        sources: Mapping[str, str],
        scan_cache: ScanCache | None = None,
    ) -> None:
        self.site = site
        self.root = root
        self.output = output
        self.sources = sources
        self.scan_cache = scan_cache  # facts of unchanged pages, kept from the last build
        self.shared: dict[str, object] = {}  # what several rules of one run compute once

    @functools.cached_property
    def tree(self) -> OutputTree:
        """The output folder, walked once for the pages and for the output rules' files."""
        if self.output is None:
            return OutputTree([], frozenset(), frozenset())
        return _output_tree(self.output, self.scan_cache is not None)

    @functools.cached_property
    def pages(self) -> list[RenderedPage]:
        if self.output is None:
            return []
        root = str(self.output)
        return [
            RenderedPage(rel, self.sources.get(rel, ""), file=f"{root}/{rel}", stamp=found)
            for rel, found in self.tree.pages
        ]

    def cached_fact(self, page: RenderedPage, name: str, kind: type[T]) -> T | None:
        """The fact `name` of the page kept by the scan cache, if its file is unchanged."""
        cache = self.scan_cache
        if cache is None or page.stamp is None:
            return None
        found = cache.get(page.path, page.stamp, name)
        return found if isinstance(found, kind) else None

    def page_fact(
        self, page: RenderedPage, name: str, kind: type[T], derive: Callable[[str], T]
    ) -> T:
        """What `derive` makes of the page's text (a `kind`), kept across builds by the scan
        cache while the page's file, or else its text, is unchanged. `derive` must depend on
        the text alone (and on the checker's code): anything else is to be applied to its
        result every run."""
        found = self.cached_fact(page, name, kind)
        if found is not None:
            return found
        cache = self.scan_cache
        if cache is None or page.stamp is None:
            return derive(page.text)
        known = cache.match(page.path, page.stamp, page.text, name)
        if isinstance(known, kind):
            return known
        value = derive(page.text)
        cache.put(page.path, page.stamp, name, value)
        return value

    @functools.cached_property
    def site_text(self) -> str:
        """data/site.yaml as written ("" when it cannot be read: the config stage said so)."""
        try:
            return (self.root / SITE_FILE).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return ""

    @functools.cached_property
    def copied(self) -> dict[str, str]:
        """Output path -> content file of each file copied as it is from content/ (a column
        folder's loose files, a bundle's files), as ssg/build.py's copy_files places them: an
        HTML file among them is the editor's own page, not one of the theme."""
        site = self.site
        found = {rel: f"content/{rel}" for rel in site.loose_files}
        for item_id, names in site.bundle_files.items():
            folder = site.urls[item_id][1 : -len(".html")]
            for name in names:
                found[f"{folder}/{name}"] = f"content/{item_id}/{name}"
        return found

    def page_file(self, page: RenderedPage) -> str:
        """The file a finding on a rendered page points to: its source, the content file it
        was copied from, else the theme."""
        return page.source or self.copied.get(page.path) or "themes/default"


def item_ids(ctx: CheckContext) -> tuple[str, ...]:
    """The ids of the site's items, sorted: the order the rules go through them in, sorted
    once a run (issue 9: a dozen rules each sorted the 10,000 ids of the benchmark again)."""
    found = ctx.shared.get("item-ids")
    if not isinstance(found, tuple):
        found = ctx.shared["item-ids"] = tuple(sorted(ctx.site.items))
    return found


@dataclass(frozen=True, slots=True)
class OutputTree:
    """The output folder as one walk lists it, every path relative with forward slashes."""

    pages: list[tuple[str, Stamp | None]]  # .html files in sorted path order, stamped if asked
    files: frozenset[str]  # every file, and every symbolic link but those to a folder
    dirs: frozenset[str]  # every folder, and every symbolic link to one (listed, not followed)


def _output_tree(output: Path, stat: bool) -> OutputTree:
    """Walk `output` once; the .html files get their identity when `stat`. (A symbolic link
    to a folder is listed as os.walk lists it, among the folders, and neither followed nor a
    page: what the rules read the files and folders for, and the pages, were two walks.)"""
    found: list[tuple[str, Stamp | None]] = []
    files: set[str] = set()
    dirs: set[str] = set()
    folders = [""] if output.is_dir() else []
    while folders:
        prefix = folders.pop()
        with os.scandir(output / prefix if prefix else output) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    dirs.add(rel)
                    folders.append(f"{rel}/")
                elif entry.is_symlink() and entry.is_dir():
                    dirs.add(rel)
                else:
                    files.add(rel)
                    if entry.name.endswith(".html") and entry.is_file():
                        found.append((rel, stamp(entry.stat()) if stat else None))
    # The order of sorted(rglob()), which compares paths part by part ("a/b" before "a-b/c"):
    # a string order in which "/" comes before every other character.
    found.sort(key=lambda rel_stamp: rel_stamp[0].replace("/", "\0"))
    return OutputTree(found, frozenset(files), frozenset(dirs))


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

    @property
    def key(self) -> str:
        """Its key in REGISTRY, and what the diagnostics it finds carry (Diagnostic.rule)."""
        return f"{self.code}:{self.name}"


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


def all_input_codes() -> list[InputCode]:
    """ssg's own input codes (ssg/check/input_codes.py), in the order of rule codes."""
    return [INPUT_CODES[code] for code in sorted(INPUT_CODES, key=_rule_order)]


def all_rules() -> list[Rule]:
    load_rule_modules()
    return [REGISTRY[key] for key in sorted(REGISTRY, key=_rule_order)]


def _rule_order(key: str) -> tuple[str, int, str]:
    code, _, name = key.partition(":")
    area, _, number = code.rpartition("-")
    return (area, int(number) if number.isdigit() else 0, name)


def run_rules(context: CheckContext) -> Iterator[Diagnostic]:
    """Every registered rule over the site, as diagnostics."""
    written = context.site.config.lines
    for registered in all_rules():
        for finding in registered.check(context):
            line = finding.line
            if is_unplaced(finding.file, line, finding.field, written):
                line = unwritten_key_line(context.site_text, finding.field.partition(".")[0])
            yield Diagnostic(
                finding.severity or registered.severity,
                finding.code or registered.code,
                finding.file,
                line,
                finding.field,
                finding.message,
                rule="" if finding.code else registered.key,
            )


def load_rule_modules() -> None:
    # Importing a rule module registers its rules.
    from ssg.check import (  # noqa: F401
        date_history,
        deploy_rules,
        freshness,
        identity,
        interact,
        output,
        placeholders,
        policy,
        report_rules,
        service,
        wording,
    )


_REPLACED = ('data-page="maintenance"', 'data-page="migration"')


def replaced_output(ctx: CheckContext) -> bool:
    """The output is a maintenance or migration build: every page is that notice and says
    nothing else (NOTICE-02, NOTICE-03), so what the pages would show is not judged. Known
    once a run, and from the scan cache while the home page is unchanged: the output rules,
    which ask it, read no unchanged page (issue 9)."""
    found = ctx.shared.get("replaced-output")
    if not isinstance(found, bool):
        home = next((p for p in ctx.pages if p.path == "index.html"), None)
        found = home is not None and ctx.page_fact(home, "replaced", bool, _is_notice)
        ctx.shared["replaced-output"] = found
    return found


def _is_notice(text: str) -> bool:
    return any(marker in text for marker in _REPLACED)
