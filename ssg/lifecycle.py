"""data/lifecycle.yaml: a site's opening, temporary offline, migration and domain change
(ARCHITECTURE §2.3; RULES NOTICE-01..04; 吉林办法 第十条、第十五条、第十六条).

Read with line numbers and validated per event type. Days are counted with both ends
included: offline 2026-03-01 to 2026-03-30 is 30 days. What the events produce — notices,
maintenance and migration pages, redirects — is derived in `ssg.derive.notices` and
`ssg.derive.lifecycle_pages`; the time rules are in `ssg.check.report_rules`.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ssg.config import UNREADABLE, read_input
from ssg.content.frontmatter import YamlValue, decode, parse_yaml_value
from ssg.content.validate import day_problem, parse_day
from ssg.diagnostics import Diagnostics
from ssg.monitor.urls import url_problem
from ssg.written_path import posix_path

LIFECYCLE_FILE = "data/lifecycle.yaml"

OPENING = "opening"
OFFLINE = "temporary_offline"
MIGRATION = "migration"
DOMAIN_CHANGE = "domain_change"

EVENT_LABELS = {
    OPENING: "网站开通",
    OFFLINE: "临时下线",
    MIGRATION: "永久下线（迁移）",
    DOMAIN_CHANGE: "域名变更",
}

OFFLINE_MAX_DAYS = 30  # NOTICE-03: 每次不超过 30 天
NOTICE_KEEP_DAYS = 30  # NOTICE-02: 公告至少保留 30 天
REONLINE_DAYS = 7  # NOTICE-03: 正式上线前 7 日内提交上线申请

# key -> (kind, required, 中文名). kind: date | text | bool | url | domain | file
_COMMON: dict[str, tuple[str, bool, str]] = {
    "event": ("text", True, "事件类型"),
    "announced": ("date", False, "公告发布日期"),
    "contact": ("text", False, "联系方式"),
    "reviewed_by": ("text", False, "审核人"),
}
FIELDS: dict[str, dict[str, tuple[str, bool, str]]] = {
    OPENING: {"date": ("date", True, "开通日期"), "reason": ("text", False, "开通说明")},
    OFFLINE: {
        "from": ("date", True, "下线日期"),
        "to": ("date", True, "恢复前最后一天"),
        "reason": ("text", True, "下线原因"),
        "emergency": ("bool", False, "不可抗力或责令紧急关停（不计次数）"),
    },
    MIGRATION: {
        "date": ("date", True, "迁移公告日期"),
        "destination": ("url", True, "迁移去向网址"),
        "mapping": ("file", False, "旧网址与新网址对照表（CSV）"),
        "until": ("date", False, "公告保留至"),
        "reason": ("text", False, "下线原因"),
    },
    DOMAIN_CHANGE: {
        "date": ("date", True, "启用新域名日期"),
        "old_domain": ("domain", True, "原域名"),
        "reason": ("text", False, "变更原因"),
    },
}

# The days an event implies (the 30th day of a notice, the day after an offline period, a
# week before it) are all within a month of its own dates: a year's margin from the end of
# the calendar keeps that arithmetic from overflowing on a typo such as 9999-12-31. (Its
# start needs none: no date reader takes a year below 1000, validate.parse_day.)
LATEST = dt.date(9998, 12, 31)
_DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$")


@dataclass(frozen=True, slots=True)
class MapRow:
    """One row of a migration's mapping CSV: an old path and the URL its content went to."""

    line: int
    old: str  # normalised: /zwgk/ or /zwgk/zcwj/a.html
    new: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    kind: str
    index: int  # 1-based position in the list
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)
    start: dt.date  # opening, migration, domain_change: `date`; temporary_offline: `from`
    end: dt.date | None = None  # temporary_offline: `to`; migration: `until` when given
    announced: dt.date  # the day the notice is published (`announced`, default: start)
    reason: str = ""
    contact: str = ""
    reviewed_by: str = ""
    emergency: bool = False
    destination: str = ""
    mapping_file: str = ""
    mapping: tuple[MapRow, ...] = ()
    old_domain: str = ""

    @property
    def label(self) -> str:
        return EVENT_LABELS[self.kind]

    def line(self, key: str = "") -> int:
        if key and f"[{self.index}].{key}" in self.lines:
            return self.lines[f"[{self.index}].{key}"]
        return self.lines.get(f"[{self.index}]", 1)

    def path(self, key: str) -> str:
        """The diagnostic field of one of its keys: [2].to"""
        return f"[{self.index}].{key}"

    @property
    def days(self) -> int:
        """Offline days, both ends counted."""
        return days_between(self.start, self.end or self.start)

    @property
    def returns(self) -> dt.date:
        """temporary_offline: the day the site is back (the day after `to`)."""
        return (self.end or self.start) + dt.timedelta(days=1)

    @property
    def notice_from(self) -> dt.date:
        """migration: the day its 30 days (NOTICE-02) count from. Every page is the notice
        from `date`; a notice announced later counts from its publication (RULES: expires
        不得早于发布后 30 天)."""
        return max(self.start, self.announced)

    @property
    def kept_until(self) -> dt.date:
        """migration: the last day the notice stays up (`until`, else the 30th day)."""
        return self.end or last_day(self.notice_from, NOTICE_KEEP_DAYS)

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= (self.end or self.start)

    def in_effect(self, day: dt.date) -> bool:
        """domain_change: the one moment the new domain replaces the old one is its `date`
        (启用新域名日期), not the build that first reads the event. Until then the old domain is
        still the site's address: the 原网站 where the change is announced (RULES NOTICE-04,
        吉林办法 第十六条 “网站域名发生变更的，要在原网站发布公告”), which a redirect would hide,
        and the address the other sites link. From that day (Asia/Shanghai, as every build
        date) the old domain redirects and every link is to the new one."""
        return self.start <= day


def days_between(first: dt.date, last: dt.date) -> int:
    """Days from `first` to `last`, both counted: a day to itself is 1."""
    return (last - first).days + 1


def last_day(first: dt.date, days: int) -> dt.date:
    """The `days`-th day counting `first` as day 1."""
    return first + dt.timedelta(days=days - 1)


@dataclass(frozen=True, slots=True)
class Lifecycle:
    events: tuple[Event, ...] = ()

    def of(self, kind: str) -> list[Event]:
        return [e for e in self.events if e.kind == kind]

    def migration(self, today: dt.date) -> Event | None:
        """The migration in force on `today`: the site then builds as a migration notice."""
        started = [e for e in self.of(MIGRATION) if e.start <= today]
        return max(started, key=lambda e: (e.start, e.index)) if started else None

    def domain_on(self, domain: str, day: dt.date) -> str:
        """The domain a site whose site.yaml names `domain` answers on `day`: the old domain
        of the first domain change still to come (Event.in_effect: its `date` is the one
        moment, for nginx.conf, the other sites' links and the site's own pages alike), else
        `domain`. Before that moment the old domain is the 原网站 (吉林办法 第十六条)."""
        coming = sorted(
            (e for e in self.of(DOMAIN_CHANGE) if e.old_domain and not e.in_effect(day)),
            key=lambda e: (e.start, e.index),
        )
        return coming[0].old_domain if coming else domain

    def maintenance(self, today: dt.date) -> Event | None:
        """The temporary offline period for `ssg build --maintenance`: the one covering
        `today`, else the next one to come."""
        offline = self.of(OFFLINE)
        for event in offline:
            if event.covers(today):
                return event
        coming = [e for e in offline if e.start > today]
        return min(coming, key=lambda e: (e.start, e.index)) if coming else None


def load_lifecycle(root: Path, diags: Diagnostics) -> Lifecycle:
    """data/lifecycle.yaml → valid events; every problem is reported with its line."""
    raw, unreadable = read_input(root / LIFECYCLE_FILE)
    if unreadable:
        diags.error(UNREADABLE, LIFECYCLE_FILE, 0, "", unreadable)
        return Lifecycle()
    if raw is None:
        return Lifecycle()
    nulls: set[str] = set()
    data, lines = parse_list_file(raw, LIFECYCLE_FILE, diags, nulls)
    if data is None or data == "":
        return Lifecycle()
    if not isinstance(data, list):
        diags.error(
            "LIFECYCLE-01",
            LIFECYCLE_FILE,
            1,
            "",
            "lifecycle.yaml 应为事件列表，每项以 “- event: …” 开始 (expected a list of events)",
        )
        return Lifecycle()
    events: list[Event] = []
    for index, entry in enumerate(data, start=1):
        event = _event(root, index, entry, lines, diags, frozenset(nulls))
        if event is None:
            continue
        problem = _contradiction(events, event)
        if problem:
            # (left out, as an invalid event is: the build is blocked anyway, and a second
            # notice of the same opening is not what the editor meant to publish)
            key, message = problem
            diags.error(CONFLICT_CODE, LIFECYCLE_FILE, event.line(key), event.path(key), message)
            continue
        events.append(event)
    return Lifecycle(tuple(events))


def report_same_domain(lifecycle: Lifecycle, domain: str, diags: Diagnostics) -> None:
    """A domain change whose old domain is the site's domain changes nothing: its redirect
    would send every URL to itself (RULES NOTICE-04: the old domain redirects to the new)."""
    for event in lifecycle.of(DOMAIN_CHANGE):
        if _host(event.old_domain) == _host(domain):
            diags.error(
                "LIFECYCLE-03",
                LIFECYCLE_FILE,
                event.line("old_domain"),
                event.path("old_domain"),
                f"原域名 {event.old_domain} 与 data/site.yaml 的现域名 {domain} 相同：old_domain "
                "写变更前的域名，data/site.yaml 的 domain 写新域名 "
                "(old_domain equals the site's domain: write the new domain in data/site.yaml)",
            )


def _host(domain: str) -> str:
    from ssg.deploy.names import server_name  # (the one spelling of a host: names.py)

    return server_name(domain) or domain.strip().lower()


# Events that contradict an earlier one: each would publish its own notice (and offline
# periods that overlap count their days twice), so the file cannot be what happened.
CONFLICT_CODE = "LIFECYCLE-07"


def _contradiction(earlier: list[Event], event: Event) -> tuple[str, str] | None:
    """(key, message) when `event` repeats or contradicts one of the `earlier` events."""
    key = "from" if event.kind == OFFLINE else "date"
    for other in earlier:
        if (
            other.kind == event.kind
            and other.start == event.start
            # (one domain_change retires one old domain: two on one day are two events)
            and (event.kind != DOMAIN_CHANGE or _host(other.old_domain) == _host(event.old_domain))
        ):
            return (
                key,
                f"与第 {other.index} 项是同一个{event.label}事件（{event.start}），会发布两条公告；"
                f"请删除重复的一项 (the same event as entry {other.index})",
            )
        if event.kind == OPENING and other.kind == OPENING:
            return (
                key,
                f"网站只开通一次，第 {other.index} 项已是开通事件（{other.start}）；请保留真实的"
                f"开通日期，删除另一项 (a site opens once: entry {other.index} is its opening)",
            )
        if (
            event.kind == OFFLINE
            and other.kind == OFFLINE
            and event.start <= (other.end or other.start)
            and other.start <= (event.end or event.start)
        ):
            return (
                key,
                f"临时下线 {event.start} 至 {event.end} 与第 {other.index} 项（{other.start} 至 "
                f"{other.end}）重叠；同一时间只能有一次下线，请合并为一项或改正日期 "
                f"(overlaps the offline period of entry {other.index})",
            )
    return None


def parse_list_file(
    raw: bytes, rel: str, diags: Diagnostics, nulls: set[str] | None = None
) -> tuple[YamlValue | None, dict[str, int]]:
    """A YAML file whose top level is a list, text-typed, with the line of every entry and
    key ("[2].to"); "" for an empty file (or one of comments only), None after an error.
    Read as the document it is (a `---` start, a `...` end and a `%YAML` directive are all
    YAML), so that lines and field names are the file's own. `nulls`, when given, receives
    the paths of plain null words (`reason: ~`)."""
    text = decode(raw, rel, diags)
    if text is None:
        return None, {}
    parsed = parse_yaml_value(text, 1, rel, diags, nulls=nulls)
    if parsed is None:
        return None, {}
    data, lines = parsed
    if data == {} and not lines:  # (no document at all)
        return "", {}
    return data, lines


def _event(
    root: Path,
    index: int,
    entry: YamlValue,
    lines: dict[str, int],
    diags: Diagnostics,
    nulls: frozenset[str] = frozenset(),
) -> Event | None:
    where = f"[{index}]"
    line = lines.get(where, 1)
    kinds = " / ".join(FIELDS)
    if not isinstance(entry, dict):
        diags.error(
            "LIFECYCLE-01",
            LIFECYCLE_FILE,
            line,
            where,
            f"第 {index} 项应为映射，如 {{event: opening, date: 2026-01-01}} (expected a mapping)",
        )
        return None
    kind = entry.get("event")
    if not isinstance(kind, str) or kind.strip() not in FIELDS:
        shown = kind if isinstance(kind, str) else ""
        close = difflib.get_close_matches(shown, list(FIELDS), n=1, cutoff=0.5)
        hint = f"，是不是 {close[0]}？" if close else ""
        diags.error(
            "LIFECYCLE-01",
            LIFECYCLE_FILE,
            lines.get(f"{where}.event", line),
            f"{where}.event",
            f"事件类型 “{shown}” 不可用{hint}；可选 {kinds} (unknown or missing event type)",
        )
        return None
    kind = kind.strip()
    table = {**_COMMON, **FIELDS[kind]}
    bad: set[str] = set()
    values: dict[str, object] = {}

    def fail(key: str, code: str, message: str) -> None:
        bad.add(key)
        path = f"{where}.{key}"
        diags.error(code, LIFECYCLE_FILE, lines.get(path, line), path, message)

    for key, value in entry.items():
        spec = table.get(key)
        if spec is None:
            close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.6)
            hint = f"，是不是 {close[0]}？" if close else ""
            diags.advice(
                "LIFECYCLE-04",
                LIFECYCLE_FILE,
                lines.get(f"{where}.{key}", line),
                f"{where}.{key}",
                f"{EVENT_LABELS[kind]}事件没有 {key} 这一项{hint}，已忽略 (unknown key)",
            )
            continue
        shape, required, label = spec
        text = value.strip() if isinstance(value, str) else None
        if text is None:
            fail(
                key, "LIFECYCLE-03", f"{label}应为一个值，不是列表或映射 (expected a single value)"
            )
            continue
        if not text:
            continue
        if required and shape == "text" and f"{where}.{key}" in nulls:
            # (`reason: ~`: YAML's null, read as the text "~", was published as the reason)
            fail(
                key,
                "LIFECYCLE-02",
                f"{EVENT_LABELS[kind]}事件的 {key}（{label}）写的是 {text}，是否漏填？请写明{label}；"
                f"如确实如此请加引号，如 “{key}: '{text}'” (YAML null written as a required field)",
            )
            continue
        if shape == "date":
            day = _date(text)
            if day is None:
                fail(
                    key,
                    "LIFECYCLE-03",
                    day_problem(label, text),
                )
                continue
            if day > LATEST:
                fail(
                    key,
                    "LIFECYCLE-03",
                    f"{label} “{text}” 超出可处理的日期范围（最晚 {LATEST}） (date out of range)",
                )
                continue
            values[key] = day
        elif shape == "bool":
            if text not in ("true", "false"):
                fail(key, "LIFECYCLE-03", f"{label}应为 true 或 false (expected true or false)")
                continue
            values[key] = text == "true"
        elif shape == "url":
            problem = url_problem(text, label)  # (the mapping's new URLs: the same words)
            if problem:
                fail(key, "LIFECYCLE-03", problem)
                continue
            values[key] = text
        elif shape == "domain":
            domain = text.lower().removeprefix("https://").removeprefix("http://").rstrip("/")
            if not _DOMAIN.match(domain):
                fail(
                    key,
                    "LIFECYCLE-03",
                    f"{label} “{text}” 不是域名，应写作 www.example.gov.cn (invalid domain)",
                )
                continue
            values[key] = domain
        else:
            values[key] = text
    for key, (_shape, required, label) in table.items():
        if required and key not in values and key not in bad and key != "event":
            present = key in entry
            fail(
                key,
                "LIFECYCLE-02",
                f"{EVENT_LABELS[kind]}事件须填写 {key}（{label}）"
                + ("，不能为空 (must not be empty)" if present else " (required field missing)"),
            )
    if bad:
        return None
    start = values.get("from" if kind == OFFLINE else "date")
    assert isinstance(start, dt.date)
    end = values.get("to" if kind == OFFLINE else "until")
    assert end is None or isinstance(end, dt.date)
    if end is not None and end < start:
        key = "to" if kind == OFFLINE else "until"
        first = "下线日期 from" if kind == OFFLINE else "公告日期 date"
        fail(key, "LIFECYCLE-03", f"{key} {end} 早于{first} {start} (ends before it starts)")
        return None
    announced = values.get("announced", start)
    assert isinstance(announced, dt.date)
    mapping: tuple[MapRow, ...] = ()
    # (data\migration.csv, as a Windows editor writes a path: that file, not “not found”;
    # one spelling for the no-change replay's fingerprint and findings at its rows too)
    mapping_file = posix_path(str(values.get("mapping", "")))
    if mapping_file:
        read = read_mapping(root, mapping_file, lines.get(f"{where}.mapping", line), where, diags)
        if read is None:
            return None
        mapping = read
    return Event(
        kind=kind,
        index=index,
        lines=lines,
        start=start,
        end=end,
        announced=announced,
        reason=str(values.get("reason", "")),
        contact=str(values.get("contact", "")),
        reviewed_by=str(values.get("reviewed_by", "")),
        emergency=bool(values.get("emergency", False)),
        destination=str(values.get("destination", "")),
        mapping_file=mapping_file,
        mapping=mapping,
        old_domain=str(values.get("old_domain", "")),
    )


def mapping_files(root: Path) -> tuple[str, ...]:
    """The migration mapping files data/lifecycle.yaml names (relative to the site), wherever
    in the site they are: the no-change replay watches them too (ssg/unchanged.py)."""
    if not (root / LIFECYCLE_FILE).is_file():
        return ()
    lifecycle = load_lifecycle(root, Diagnostics())
    return tuple(
        dict.fromkeys(e.mapping_file.lstrip("/") for e in lifecycle.events if e.mapping_file)
    )


def mapping_places(lifecycle: Lifecycle) -> dict[str, tuple[str, int]]:
    """Where each new URL of the migrations' mappings is written: URL -> (CSV file relative
    to the site, line). The theme links a migrated page to it ("已迁移至"): a finding on
    that link belongs at the row, not at the page's content file. The first row wins."""
    places: dict[str, tuple[str, int]] = {}
    for event in lifecycle.events:
        for row in event.mapping:
            places.setdefault(row.new, (event.mapping_file.lstrip("/"), row.line))
    return places


def _date(text: str) -> dt.date | None:
    # (one reading of a day for every file: full-width digits, no year below 1000)
    return parse_day(text)


def normalise_path(path: str) -> str:
    """/zwgk, /zwgk/ and /zwgk/index.html are one page: /zwgk/. A path copied from the
    browser's address bar is percent-encoded (/dt/%E4%BC%9A%E8%AE%AE.html): it names the page
    /dt/会议.html, the unencoded form output paths and page URLs are compared in."""
    path = "/" + unquote(path.strip().split("?")[0].split("#")[0]).lstrip("/")
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    elif "." not in path.rsplit("/", 1)[-1] and not path.endswith("/"):
        path += "/"
    return path


_ROW_SHAPE = "每行应为“旧路径,新网址”，如 /zwgk/index.html,https://www.example.gov.cn/zwgk/"


def _old_path_problem(text: str) -> str:
    """What is wrong with a mapping row's old path, "" when nothing: a path of this site
    starting with /, as nginx.conf matches it."""
    if not text:
        return f"缺少旧路径；{_ROW_SHAPE} (missing old path)"
    if text.startswith("/"):
        return ""
    if "://" in text:
        try:
            path = urlsplit(text).path or "/"
        except ValueError:
            path = "/…"
        return (
            f"旧路径 “{text}” 只写本站的路径，不写协议和域名，如 {path} "
            "(old path: write the path only, without scheme and host)"
        )
    return f"旧路径 “{text}” 应以 / 开头，如 /{text} (old path must start with /)"


def _new_url_problem(text: str) -> str:
    """What is wrong with a mapping row's new URL, "" when nothing: a whole http(s) URL that
    nginx.conf can write as it is into a 301."""
    if not text:
        return f"缺少新网址；{_ROW_SHAPE} (missing new URL)"
    return url_problem(text, "新网址")


def read_mapping(
    root: Path, rel: str, line: int, where: str, diags: Diagnostics
) -> tuple[MapRow, ...] | None:
    """A migration's CSV: `old,new` rows (a header row is allowed). None after an error."""
    rel = rel.lstrip("/")
    path = root / rel
    outside = ".." in Path(rel).parts
    if not outside and path.is_dir():  # (it was "data:0: data 应为文件", not at this field)
        diags.error(
            "LIFECYCLE-05",
            LIFECYCLE_FILE,
            line,
            f"{where}.mapping",
            f"网址对照表 {rel or '.'} 是一个文件夹，应为 CSV 文件（相对站点目录，如 "
            "data/migration.csv） (mapping is a folder, not a file)",
        )
        return None
    raw, unreadable = (None, "") if outside else read_input(path)
    if unreadable:
        diags.error(UNREADABLE, rel, 0, "", unreadable)
        return None
    if raw is None:
        diags.error(
            "LIFECYCLE-05",
            LIFECYCLE_FILE,
            line,
            f"{where}.mapping",
            f"找不到网址对照表 {rel}（相对站点目录，如 data/migration.csv） (mapping file not found)",
        )
        return None
    # Excel on a Chinese Windows saves a CSV as GBK (or, as “Unicode 文本”, UTF-16): said as
    # data/messages.csv and every other file says it, at the line and byte, with the command
    # that converts it (FILE-01); an .xlsx named by mistake is FILE-02, not “not UTF-8”.
    text = decode(raw, rel, diags)
    if text is None:
        return None
    rows: list[MapRow] = []
    ok = True
    seen: dict[str, int] = {}
    reader = csv.reader(io.StringIO(text))
    while True:
        # A quoted cell may span lines: a row is reported at the line it starts on.
        number = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            diags.error(
                "LIFECYCLE-05",
                rel,
                number,
                "",
                f"这一行无法按 CSV 读取（{exc}），请检查引号是否成对、单元格是否过长 "
                "(malformed CSV row)",
            )
            return None
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if number == 1 and not any("/" in c for c in cells):
            continue  # a header row: old,new or 旧路径,新网址 (any row has a / in it)
        if len(cells) == 1 and "，" in cells[0]:  # (typed with a Chinese input method)
            ok = False
            diags.error(
                "LIFECYCLE-05",
                rel,
                number,
                "",
                "这一行用全角逗号“，”分隔旧路径与新网址，应为半角逗号“,”（请把输入法切换到英文标点后"
                "重写） (cells separated by a full-width comma)",
            )
            continue
        problems = [
            (key, why)
            for key, why in (
                ("old", _old_path_problem(cells[0])),
                ("new", _new_url_problem(cells[1] if len(cells) > 1 else "")),
            )
            if why
        ]
        for key, why in problems:
            ok = False
            diags.error("LIFECYCLE-05", rel, number, key, why)
        if problems:
            continue
        old = normalise_path(cells[0])
        if old in seen:
            ok = False
            diags.error(
                "LIFECYCLE-05",
                rel,
                number,
                "old",
                f"旧路径 {old} 在第 {seen[old]} 行已经写过 (duplicate old path)",
            )
            continue
        seen[old] = number
        rows.append(MapRow(number, old, cells[1]))
    if ok and not rows:
        # A file named and left empty (or only its header) is most likely one not filled in
        # yet, or the wrong file: said at the field that names it. Advice, not an error: it
        # is valid input, and the migration is what it was without `mapping` (every old URL
        # shows the migration page, which points to the destination).
        diags.advice(
            "LIFECYCLE-05",
            LIFECYCLE_FILE,
            line,
            f"{where}.mapping",
            f"网址对照表 {rel} 是空的，没有一行“旧路径,新网址”：迁移后旧网址都只指向迁移去向，不会逐页"
            "跳转到新网址；请写入对照的行，或删除 mapping 这一项 (mapping file is empty: no old "
            "URL is mapped to a new one)",
        )
    return tuple(rows) if ok else None
