"""Wording and authorship: serious wording errors, reviewers, duplicate titles.

Sources: 检查指标 单项否决“严重表述错误” ✅ (RULES CONTENT-08, SEC-04) — only a person can judge
the veto, so an automated match is `deduct` (ARCHITECTURE §3.1); SEC-03 内容审核 ◐.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable, Iterator, Mapping
from pathlib import Path

from ssg.check.registry import CheckContext, Finding, item_ids, rule
from ssg.config import SITE_FILE, SiteConfig
from ssg.content.frontmatter import parse_data_file
from ssg.content.loader import CONTENT_DIR
from ssg.content.model import Attachment, Column, Item, Leader, Material
from ssg.diagnostics import Diagnostics, Severity
from ssg.lifecycle import LIFECYCLE_FILE, Lifecycle, load_lifecycle
from ssg.link import Site

TYPOS_FILE = "data/typos.yaml"
# A data file that is there but cannot be read (as ssg/config.py reports data/site.yaml).
UNREADABLE = "FILE-03"

# Well-known serious mistakes in names of the state, the Party and its theory (错 → 对).
BUILT_IN_TYPOS: Mapping[str, str] = {
    "中华人名共和国": "中华人民共和国",
    "中华人民共合国": "中华人民共和国",
    "中华人民共和囯": "中华人民共和国",
    "中国共产觉": "中国共产党",
    "中国共产常": "中国共产党",
    "中国特色社会注意": "中国特色社会主义",
    "中国特色社会主意": "中国特色社会主义",
    "马克思列宁注意": "马克思列宁主义",
    "马克思列宁主意": "马克思列宁主义",
    "毛泽东思相": "毛泽东思想",
    "邓小平理伦": "邓小平理论",
    "三个代表重要思相": "“三个代表”重要思想",
    "科学发展规": "科学发展观",
    "社会主义核心价格观": "社会主义核心价值观",
    "全国人民代表打会": "全国人民代表大会",
    "全国人大长委会": "全国人大常委会",
    "中央人民政付": "中央人民政府",
    "国务院办工厅": "国务院办公厅",
    "全面从严制党": "全面从严治党",
    "中国人民解放车": "中国人民解放军",
    "人民政付": "人民政府",
    "两学一作": "两学一做",
    "不忘出心": "不忘初心",
}

# Characters that, after a built-in wrong form, make a legitimate word of it: 科学发展规 is a
# typo for 科学发展观, but 科学发展规律 and 科学发展规划 are right. A wrong form found before one
# of them is not reported (only the built-in pairs: data/typos.yaml's are the site's own).
BUILT_IN_NOT_BEFORE: Mapping[str, str] = {
    "科学发展规": "律划范模则定矩章程格",
    "中国共产觉": "悟醒",
}


def _wrong_pattern(wrong: str, built_in: bool) -> str:
    guard = BUILT_IN_NOT_BEFORE.get(wrong, "") if built_in else ""
    return re.escape(wrong) + (f"(?![{re.escape(guard)}])" if guard else "")


def site_typos(root: Path) -> tuple[tuple[str, str], ...]:
    """data/typos.yaml `{wrong: right}` pairs (ARCHITECTURE §2.5), read once per run. Its
    problems are reported by load_typos, in the build's load stage: rules run only without.
    Read again when the file changes: `ssg serve` builds the same root many times."""
    try:
        found = (root / TYPOS_FILE).stat()
        stamp: tuple[int, ...] = (found.st_mtime_ns, found.st_ctime_ns, found.st_size)
    except OSError:
        stamp = ()
    return _site_typos(root, stamp)


@functools.lru_cache(maxsize=4)
def _site_typos(root: Path, _stamp: tuple[int, ...]) -> tuple[tuple[str, str], ...]:
    return load_typos(root, Diagnostics())


def load_typos(root: Path, diags: Diagnostics) -> tuple[tuple[str, str], ...]:
    """data/typos.yaml read and checked like any other data file (FILE-0x, YAML-0x, then its
    shape); a problem is an error, as in data/allow.yaml: an optional file that is there but
    broken would otherwise be silently ignored, and its wording errors never found."""
    path = root / TYPOS_FILE
    if not path.exists() and not path.is_symlink():
        return ()
    raw, problem = b"", ""
    if not path.is_file():  # (a folder, or a link to nothing)
        problem = "typos.yaml 应为文件，不是文件夹或失效的链接 (expected a file)"
    else:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            problem = (
                f"无法读取 typos.yaml：{exc.strerror or exc}；请检查文件权限 (cannot read the file)"
            )
    if problem:
        diags.error(UNREADABLE, TYPOS_FILE, 0, "", problem)
        return ()
    data, lines = parse_data_file(raw, TYPOS_FILE, diags)
    if data == {}:  # (empty, or a problem reported already)
        return ()
    if not isinstance(data, dict):
        diags.error(
            "YAML-06",
            TYPOS_FILE,
            1,
            "",
            "typos.yaml 应为“错误写法: 规范写法”形式的映射，每行一对 "
            "(expected a mapping of wrong: right)",
        )
        return ()
    pairs = []
    for wrong, right in data.items():
        if not wrong.strip() or not isinstance(right, str) or not right.strip():
            diags.error(
                "SCHEMA-02",
                TYPOS_FILE,
                lines.get(wrong, 1),
                wrong,
                "错误写法和规范写法都应为非空文本，如 “人民政付: 人民政府” "
                "(expected non-empty text on both sides)",
            )
            continue
        if wrong.strip() == right.strip():
            # (every correct use would be reported as its own wording error)
            diags.error(
                "SCHEMA-02",
                TYPOS_FILE,
                lines.get(wrong, 1),
                wrong,
                f"错误写法与规范写法相同（“{wrong}”），这一对没有意义，会把每一处正确的写法都报为错误；"
                "请写出错误写法，如 “人民政付: 人民政府” (the wrong and right forms are the same)",
            )
            continue
        pairs.append((wrong, right))
    return tuple(pairs)


# Front-matter fields the default theme shows on an item's page beside its body (信息来源,
# 关键词, 发文机关 and 发文字号, 分管工作, the service guide's elements …): a wrong form in them is
# as public as one in the body. Codes, file names, URLs and fixed vocabularies are left out.
SHOWN_FIELDS = (
    "source",
    "keywords",
    "issuer",
    "doc_number",
    "topic",
    "author",
    "department",
    "name",
    "position",
    "duties",
    "basis",
    "conditions",
    "materials",
    "address",
    "agency",
    "fees",
    "hours",
    "process",
    "time_limit",
    "notes",
    "attachments",
)


def _shown_fields(item: Item) -> Iterator[tuple[str, str]]:
    """(field path, text) of each shown front-matter text, lists entry by entry."""
    for name in SHOWN_FIELDS:
        value = getattr(item, name, None)
        if isinstance(value, str):
            yield name, value
        elif isinstance(value, tuple):
            for index, entry in enumerate(value, start=1):
                path = f"{name}[{index}]"
                if isinstance(entry, str):
                    yield path, entry
                elif isinstance(entry, Material):
                    yield f"{path}.name", entry.name
                    yield f"{path}.note", entry.note
                elif isinstance(entry, Attachment):
                    yield f"{path}.title", entry.title


_SHOWN_NAMES: dict[type, tuple[str, ...]] = {}


def _shown_names(item: Item) -> tuple[str, ...]:
    """The names of SHOWN_FIELDS that items of this one's class have (as it has them: every
    item of a class has the same attributes)."""
    found = _SHOWN_NAMES.get(type(item))
    if found is None:
        found = tuple(name for name in SHOWN_FIELDS if hasattr(item, name))
        _SHOWN_NAMES[type(item)] = found
    return found


# Between an item's texts in `_all_text`: no wrong form holds it (`serious_wording` checks),
# so no match runs from one text into the next.
_APART = "\0"


def _all_text(item: Item) -> str:
    """Every text `_texts` may yield of the item, and more (fields without a line of their
    own), `_APART` between them: one search of it tells whether any of them holds a wrong
    form (issue 9: the 74,000 texts of the 10k benchmark, their lines and the generators
    that made them, took most of the rule's 0.09 s, for no finding)."""
    parts = [item.title, item.summary, getattr(item, "question", ""), item.body_md]
    for name in _shown_names(item):
        value = getattr(item, name, None)
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, tuple):
            for entry in value:
                if isinstance(entry, str):
                    parts.append(entry)
                elif isinstance(entry, Material):
                    parts += (entry.name, entry.note)
                elif isinstance(entry, Attachment):
                    parts.append(entry.title)
    return _APART.join([part for part in parts if isinstance(part, str)])


def _texts(item: Item) -> Iterator[tuple[str, str, int]]:
    """(field, text, first line) of the text an item shows to citizens."""
    yield "title", item.title, item.location.line("title")
    if item.summary:
        yield "summary", item.summary, item.location.line("summary")
    question = getattr(item, "question", "")
    if question:
        yield "question", question, item.location.line("question")
    for path, text in _shown_fields(item):
        # Only what the editor wrote: a generated notice (data/lifecycle.yaml) takes its
        # `source` from site.yaml, which has no line of its own there.
        if text and path in item.location.lines:
            yield path, text, item.location.line(path)
    yield "", item.body_md, item.location.body_line


def _column_texts(column: Column) -> Iterator[tuple[str, str, int]]:
    """(field, text, first line) of what a column's `_index.md` shows: its name (in every
    page's navigation), description, keywords and introduction, as the editor wrote them."""
    written = column.location.lines
    fields = [("title", column.title), ("description", column.description)]
    fields += [(f"keywords[{i}]", k) for i, k in enumerate(column.keywords, start=1)]
    for path, text in fields:
        if text and path in written:
            yield path, text, column.location.line(path)
    yield "", column.body_md, column.location.body_line


# The settings of data/site.yaml that citizens read: the name in every header and SiteName,
# the organisers, the 中文域名 and the contact details in every footer (and in the lifecycle
# notices, which repeat them). Codes, domains and URLs are left out.
SITE_TEXT_FIELDS = ("name", "host", "operator", "chinese_domain")
# What an editor writes in data/lifecycle.yaml that its generated notice shows as written.
EVENT_TEXT_FIELDS = ("reason", "contact")


def _site_texts(config: SiteConfig) -> Iterator[tuple[str, str, int]]:
    """(field, text, line) of each citizen-visible text setting of data/site.yaml."""
    for key in SITE_TEXT_FIELDS:
        value = getattr(config, key)
        if value and key in config.lines:
            yield key, value, config.lines[key]
    for sub, value in config.contact.items():
        path = f"contact.{sub}"
        if value:
            yield path, value, config.lines.get(path, config.lines.get("contact", 1))


def _event_texts(lifecycle: Lifecycle, site: Site) -> Iterator[tuple[str, str, int]]:
    """(field, text, line) of what the editor wrote in each event of data/lifecycle.yaml that
    its notice shows (its reason, its contact), for the events announced by the build date
    (a later one is scheduled, as an item dated after it)."""
    for event in lifecycle.events:
        if event.announced > site.build_date:
            continue
        for key in EVENT_TEXT_FIELDS:
            value = getattr(event, key)
            if value:
                yield event.path(key), value, event.line(key)


def _is_generated(item: Item) -> bool:
    """A lifecycle notice (ssg/derive/notices.py): made of site.yaml's settings and of its
    event's text, both scanned at their own lines. Scanned as an item, a wrong site name was
    reported three times at data/lifecycle.yaml lines that do not hold it (one past the end
    of the file), and not at all without a lifecycle file (audit 12, finding 5)."""
    return not item.location.file.startswith(f"{CONTENT_DIR}/")


@rule(
    "CONTENT-08",
    Severity.DEDUCT,
    "严重表述错误（疑似）",
    "检查指标（国办秘函〔2019〕19号）单项否决“严重表述错误”；是否否决须人工判断",
    "改为规范表述；站点常见错误可加入 data/typos.yaml",
)
def serious_wording(ctx: CheckContext) -> Iterator[Finding]:
    own = dict(site_typos(ctx.root))
    pairs = {**BUILT_IN_TYPOS, **own}
    # Longest first, so that 人民政付 inside 中央人民政付 is reported once.
    ordered = [
        (wrong, right, re.compile(_wrong_pattern(wrong, wrong not in own)))
        for wrong, right in sorted(pairs.items(), key=lambda pair: -len(pair[0]))
    ]
    # One scan of each text for any of them: most texts have none, and looking for each
    # in turn was 460,000 searches at 10k items.
    anywhere = re.compile("|".join(pattern.pattern for _, _, pattern in ordered))
    site = ctx.site
    apart = not any(_APART in wrong for wrong in pairs)
    sources = [(SITE_FILE, _site_texts(site.config))]
    sources += [
        (site.items[i].location.file, _texts(site.items[i]))
        for i in item_ids(ctx)
        if not _is_generated(site.items[i])
        and (not apart or anywhere.search(_all_text(site.items[i])))
    ]
    sources += [
        (site.columns[c].location.file, _column_texts(site.columns[c]))
        for c in sorted(site.columns)
        if not site.columns[c].draft
    ]
    sources.append((LIFECYCLE_FILE, _event_texts(load_lifecycle(ctx.root, Diagnostics()), site)))
    for file, texts in sources:
        for field, text, first_line in texts:
            if not anywhere.search(text):
                continue
            reported: list[tuple[int, int]] = []
            for wrong, right, pattern in ordered:
                # A site's pair whose right form holds the wrong one (长春: 长春市): the wrong
                # form inside the right one is the right form, not an error.
                right_spans = (
                    [(m.start(), m.end()) for m in re.finditer(re.escape(right), text)]
                    if wrong in right
                    else []
                )
                for match in pattern.finditer(text):
                    start, end = match.span()
                    if any(s <= start and end <= e for s, e in right_spans):
                        continue
                    if not any(s <= start and end <= e for s, e in reported):
                        reported.append((start, end))
                        line = first_line + text.count("\n", 0, start) if not field else first_line
                        yield Finding(
                            file,
                            line,
                            field,
                            f"疑似严重表述错误：“{wrong}” 应为 “{right}”；请人工核对 "
                            f"(suspected serious wording error: {wrong} → {right})",
                        )


@rule(
    "SEC-03",
    Severity.DEDUCT,
    "发布的信息须经审核，记录审核人",
    "吉林办法 第七条、第三十条（保密审查机制）",
    "在 front matter 写 reviewed_by: 审核人姓名",
)
def reviewed(ctx: CheckContext) -> Iterator[Finding]:
    for item_id in item_ids(ctx):
        item = ctx.site.items[item_id]
        if item.date is not None and not item.reviewed_by:
            yield Finding(
                item.location.file,
                # (an item's front matter: 1, the key is not there; a lifecycle notice: the
                # line of its event in data/lifecycle.yaml)
                item.location.line("reviewed_by"),
                "reviewed_by",
                "没有记录审核人 reviewed_by (no reviewer recorded)",
            )


@rule(
    "SSG-01",
    Severity.ADVICE,
    "同一栏目中标题重复",
    "ssg 质量检查（便于群众区分信息）",
    "修改标题以便区分，或删除重复发布的信息",
)
def duplicate_titles(ctx: CheckContext) -> Iterator[Finding]:
    # (not the notices made from data/lifecycle.yaml: two temporary offline periods in two
    # years have the same generated title, and no `title` there for the editor to change)
    def title(item: Item) -> str | None:
        return None if item.location.file == LIFECYCLE_FILE else item.title

    for item, first in _repeats(ctx.site, title):
        yield Finding(
            item.location.file,
            item.location.line("title"),
            "title",
            f"与 {first.location.file} 的标题相同：“{item.title}” (duplicate title in column)",
        )


def _repeats(site: Site, key: Callable[[Item], Hashable | None]) -> Iterator[tuple[Item, Item]]:
    """(item, the first of its column with the same key), for every later item of a column
    whose key (None: not compared) an earlier one has; in file order."""
    for column_id in sorted(site.items_in):
        seen: dict[Hashable, Item] = {}
        for item_id in sorted(site.items_in[column_id]):
            item = site.items[item_id]
            found = key(item)
            if found is None:
                continue
            first = seen.setdefault(found, item)
            if first is not item:
                yield item, first


@rule(
    "SSG-02",
    Severity.ADVICE,
    "同一栏目中负责人的排序号重复",
    "ssg 质量检查（负责人按 order 排列，RULES CONTENT-05 负责人信息）",
    "给每位负责人不同的 order，按职务先后排列",
)
def duplicate_leader_order(ctx: CheckContext) -> Iterator[Finding]:
    """Two leaders of one column with the same `order`: the page then ranks them by file
    name, not by office, as the editor meant with the numbers (a copied file kept its
    order). Advice: the order of leaders is the site's own, no rule's."""

    def order(item: Item) -> int | None:  # (only where written: a default order is no repeat)
        return item.order if isinstance(item, Leader) and "order" in item.location.lines else None

    for item, first in _repeats(ctx.site, order):
        assert isinstance(item, Leader) and isinstance(first, Leader)
        yield Finding(
            item.location.file,
            item.location.line("order"),
            "order",
            f"排序号 {item.order} 与 {first.location.file}（{first.name}）相同，两人的先后"
            f"只能按文件名排列；请改为不同的排序号 (order {item.order} used twice)",
        )
