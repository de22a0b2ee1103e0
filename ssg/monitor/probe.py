"""SEC-05 站点无法访问: visit the site, log each visit, and judge a week of visits by the rule.

RULES SEC-05 (检查指标 单项否决 ✅): “监测 1 周，每天间隔访问 ≥20 次，超过（含）15 秒仍打不开的次数
累计占比 ≥5% 即否决”. So a visit fails when no complete 2xx answer arrived within 15 seconds,
15 included (a redirect followed to a 2xx counts as open); the share is over all the visits of
the week; a day with fewer than 20 visits is not measured by the rule's method.

The log is JSON lines, one visit each, appended with one write (so that two probes, cron and
`--every`, never interleave their lines). Everything but `visit` and `append` is pure.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import math
import os
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ssg.diagnostics import Diagnostic, Severity
from ssg.monitor.fetch import Fetched, fetch
from ssg.timezone import SHANGHAI

__all__ = [
    "DAYS",
    "LIMIT",
    "MIN_EVERY",
    "MIN_VISITS",
    "UrlReport",
    "Visit",
    "append",
    "every_problem",
    "judge",
    "log_problem",
    "parse_log",
    "table",
    "visit",
]

LIMIT = 15.0  # seconds: “超过（含）15 秒仍打不开”
MIN_VISITS = 20  # a day: “每天间隔访问 ≥20 次”
VETO_PERCENT = 5  # “累计占比 ≥5% 即否决”
DAYS = 7  # “监测 1 周”
CODE = "SEC-05"
LOG_CODE = "PROBE-01"  # a line of the log that is not a visit
# The shortest time between the rounds of `ssg probe --every`, in minutes. SEC-05 asks for 20
# visits a day (one every 72 minutes does); cron's finest step is a minute. A round every few
# milliseconds (--every 0.001 was taken) is a flood of requests at a government site, not a
# measurement of it.
MIN_EVERY = 1.0


def every_problem(every: float, urls: Iterable[str]) -> str:
    """Why `--every` minutes between rounds over `urls` is refused, "" when it is not.

    Below MIN_EVERY only when every URL is of this machine (127.0.0.0/8, ::1, localhost):
    that loads no one's site but the operator's own, and it is how the tests see the loop
    run several rounds in a second (tests/monitor/test_probe.py) with no switch of their own
    that could also lift the limit for a real site."""
    if every >= MIN_EVERY or all(_this_machine(url) for url in urls):
        return ""
    return (
        f"--every：每 {every:g} 分钟一轮太频繁，间隔不能少于 {MIN_EVERY:g} 分钟：这样密集地访问政府网站，"
        f"对网站就是一次攻击。SEC-05 的口径是每天访问不少于 {MIN_VISITS} 次（约 72 分钟一次即可），"
        "通常写 --every 30；只探测本机（127.0.0.1、localhost）时不受此限 "
        f"(--every must be at least {MIN_EVERY:g} minute for a site other than this machine)"
    )


def _this_machine(url: str) -> bool:
    host = (urlsplit(url).hostname or "").rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class Visit:
    """One visit of one URL, as one line of the log."""

    time: dt.datetime  # when it started, aware (written in Asia/Shanghai)
    url: str
    status: int  # the final HTTP status; 0 when no answer came
    seconds: float  # to the whole response (or to the failure), floored to the millisecond
    error: str = ""  # what went wrong, "" when an answer came
    line: int = 0  # its line in the log, when read from one

    @property
    def failed(self) -> bool:
        """Not open by SEC-05: no complete 2xx answer in less than 15 seconds."""
        return bool(self.error) or not 200 <= self.status < 300 or self.seconds >= LIMIT

    @property
    def day(self) -> dt.date:
        """The day it counts for: in Asia/Shanghai, as the national monitoring counts."""
        return self.time.astimezone(SHANGHAI).date()

    def to_json(self) -> str:
        return json.dumps(
            {
                "time": self.time.astimezone(SHANGHAI).isoformat(timespec="seconds"),
                "url": self.url,
                "status": self.status,
                "seconds": self.seconds,
                "error": self.error,
            },
            ensure_ascii=False,
        )


def visit(
    url: str,
    timeout: float = LIMIT,
    *,
    get: Callable[..., Fetched] = fetch,
    clock: Callable[[], float] = time.monotonic,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(SHANGHAI),
) -> Visit:
    """Visit `url` once (GET, redirects followed, the whole body read), for at most `timeout`
    seconds. `clock` measures the seconds (tests inject one to stand at the 15 s boundary)."""
    started = now()
    answer = get(url, "GET", timeout, clock=clock)
    # Floored, not rounded: 14.9996 s is open, and must not be logged as 15.0 (a failure).
    seconds = math.floor(answer.seconds * 1000) / 1000
    return Visit(started, url, answer.status, seconds, answer.error)


def log_problem(log: Path) -> str:
    """What keeps visits from being appended to `log`, "" when nothing. Its folder must
    already exist: a typo in `--log` (/var/log/ssg-prob/…) would otherwise grow a new tree
    of logs that nobody reads, while the week that SEC-05 judges goes unrecorded."""
    if log.is_dir():
        return (
            f"探测日志 {log} 是文件夹，不是日志文件；请写其中的日志文件，如 {log / 'probe.jsonl'} "
            "(the log is a folder)"
        )
    folder = log.parent
    if folder.exists() and not folder.is_dir():
        return (
            f"探测日志 {log} 的上级 {folder} 是文件，不是文件夹；请检查路径是否写错 "
            "(the log's parent is a file)"
        )
    if not folder.exists():
        return (
            f"探测日志 {log} 所在的文件夹 {folder} 不存在；请检查路径是否写错，若确要放在那里，"
            f"先创建这个文件夹（mkdir -p {folder}） (the log's folder does not exist: "
            "check the path, or create the folder first)"
        )
    head = _head(log)
    if head and not parse_log(head, str(log))[0]:
        # (another file named by mistake, --log data/site.yaml: visits appended to it would
        # spoil it, and the week's visits would be recorded where no report looks; a log
        # whose first write was torn still has a record among its first lines)
        return (
            f"{log} 已经存在，但不是探测日志（开头几行都不是探测记录）；ssg probe 不会往其中追加。"
            "请检查 --log 的路径，或换一个新文件名 (an existing file that is not a probe log)"
        )
    return ""


def _head(log: Path) -> str:
    """The first five non-blank lines of an existing file (within its first 64 KiB), ""
    for none."""
    try:
        with log.open("rb") as handle:
            start = handle.read(1 << 16)
    except OSError:
        return ""  # (missing, or unreadable: the append says why)
    pieces = start.split(b"\n")
    if len(start) == 1 << 16:
        pieces.pop()  # (cut at the limit: not a whole line)
    lines = [raw for raw in pieces if raw.strip()][:5]
    return b"\n".join(lines).decode("utf-8", errors="replace")


def append(log: Path, visits: Iterable[Visit]) -> None:
    """Add visits to the log, one line each, in a single append (never interleaved). The
    log's folder must exist (`log_problem`): none is created here."""
    data = "".join(v.to_json() + "\n" for v in visits).encode("utf-8")
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def parse_log(text: str, file: str) -> tuple[list[Visit], list[Diagnostic]]:
    """The visits of a log's text; a line that is not one is advice (a probe killed while
    writing leaves half a line), named by its line number."""
    visits: list[Visit] = []
    problems: list[Diagnostic] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
            when = dt.datetime.fromisoformat(record["time"])
            if when.tzinfo is None:
                when = when.replace(tzinfo=SHANGHAI)
            status, seconds = record["status"], record["seconds"]
            if not isinstance(status, int) or not isinstance(seconds, int | float):
                raise TypeError(record)
            found = Visit(
                when, str(record["url"]), status, float(seconds), str(record.get("error", "")),
                number,
            )  # fmt: skip
        except (ValueError, KeyError, TypeError):
            problems.append(
                Diagnostic(
                    Severity.ADVICE,
                    LOG_CODE,
                    file,
                    number,
                    "",
                    "这一行不是有效的探测记录，已跳过 (not a probe record; skipped)",
                )
            )
            continue
        visits.append(found)
    if not visits and len(problems) > 1:
        # Not one line is a visit: another file was named (--log data/site.yaml), and a
        # line each would only say so hundreds of times.
        problems = [
            Diagnostic(
                Severity.ADVICE,
                LOG_CODE,
                file,
                1,
                "",
                f"{file} 中没有一行是探测记录（共 {len(problems)} 行），不是 ssg probe 写的日志；"
                "请用 --log 指定探测日志 (not a probe log: no line is a probe record)",
            )
        ]
    return visits, problems


@dataclass(frozen=True, slots=True)
class UrlReport:
    """One URL over the window: visits and failures per day, and the verdict."""

    url: str
    days: tuple[tuple[dt.date, int, int], ...]  # (day, visits, failures), every day of it
    visits: int
    failures: int

    @property
    def vetoed(self) -> bool:
        # (integers: 7 of 140 is exactly 5 %, and must not fall below by a rounding)
        return self.visits > 0 and self.failures * 100 >= self.visits * VETO_PERCENT

    @property
    def percent(self) -> str:
        """The share of failures, floored to 0.01 % (4.999 % never shows as 5.00 %)."""
        if not self.visits:
            return "—"
        return f"{math.floor(self.failures * 10000 / self.visits) / 100:.2f}%"


def judge(
    visits: Sequence[Visit],
    last_day: dt.date,
    days: int,
    file: str,
    urls: Sequence[str] = (),
) -> tuple[list[UrlReport], list[Diagnostic]]:
    """The SEC-05 report over the `days` days that end with `last_day` (both included), for
    `urls` (default: every URL of the log that has a visit in the window)."""
    first_day = last_day - dt.timedelta(days=days - 1)
    window = [first_day + dt.timedelta(days=n) for n in range(days)]
    inside = [v for v in visits if first_day <= v.day <= last_day]
    wanted = list(dict.fromkeys(urls)) or sorted({v.url for v in inside})
    reports: list[UrlReport] = []
    findings: list[Diagnostic] = []
    span = f"{first_day} 至 {last_day}"
    if not wanted:
        findings.append(
            _no_visits(
                file,
                f"{span} 没有任何访问记录，无法按 SEC-05 判断；请先用 ssg probe 每天至少探测 "
                f"{MIN_VISITS} 次 (no visits in the window)",
            )
        )
    for url in wanted:
        mine = [v for v in inside if v.url == url]
        counts = []
        for day in window:
            of_day = [v for v in mine if v.day == day]
            failed = sum(1 for v in of_day if v.failed)
            counts.append((day, len(of_day), failed))
            if len(of_day) < MIN_VISITS and mine:
                findings.append(
                    Diagnostic(
                        Severity.ADVICE,
                        CODE,
                        file,
                        of_day[0].line if of_day else 0,
                        "",
                        f"{url} 在 {day} 只有 {len(of_day)} 次访问记录，少于 SEC-05 口径的每天 "
                        f"{MIN_VISITS} 次：这一天不是按规则的方法测量的；探测间隔请不超过 72 分钟"
                        f"（如每 30 分钟一次） ({len(of_day)} visits on {day}; the rule measures "
                        f"at least {MIN_VISITS} a day)",
                    )
                )
        report = UrlReport(url, tuple(counts), len(mine), sum(1 for v in mine if v.failed))
        reports.append(report)
        if not mine:
            findings.append(
                _no_visits(
                    file,
                    f"{url} 在 {span} 没有任何访问记录，无法按 SEC-05 判断 "
                    f"(no visits of {url} in the window)",
                )
            )
        elif report.vetoed:
            first_failure = next(v.line for v in mine if v.failed)
            findings.append(
                Diagnostic(
                    Severity.VETO,
                    CODE,
                    file,
                    first_failure,
                    "",
                    f"{url} 在 {span} 共访问 {report.visits} 次，{report.failures} 次超过（含）"
                    f"{LIMIT:g} 秒仍打不开，占 {report.percent}，达到 {VETO_PERCENT}% 的单项否决线"
                    f"（检查指标“站点无法访问”） (unreachable in {report.percent} of visits: "
                    f"a single-veto item)",
                )
            )
    return reports, findings


def _no_visits(file: str, message: str) -> Diagnostic:
    """Nothing to judge (the whole window, or one URL of it): an error of the log as a whole,
    since a report over no visits would read as a site that never failed."""
    return Diagnostic(Severity.ERROR, CODE, file, 0, "", message)


def _width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _row(*cells: str) -> str:
    widths = (14, 14, 16)
    out = "  "
    for n, cell in enumerate(cells):
        pad = " " * max(0, widths[n] - _width(cell)) if n < len(widths) else ""
        out += cell + pad if n == 0 else (pad + cell if n < len(widths) else "  " + cell)
    return out


def table(reports: Sequence[UrlReport]) -> str:
    """The report for people: per URL, each day's visits and failures, then the verdict."""
    out: list[str] = []
    for report in reports:
        out.append(report.url)
        out.append(_row("日期 (day)", "访问 (visits)", "失败 (failed)"))
        for day, count, failed in report.days:
            short = ["* 少于 20 次 (under 20)"] if count < MIN_VISITS else []
            out.append(_row(day.isoformat(), str(count), str(failed), *short))
        verdict = (
            "达到 5% 否决线 (veto)"
            if report.vetoed
            else "未达 5% 否决线 (below the veto line)"
            if report.visits
            else "无记录 (no visits)"
        )
        out.append(
            _row("合计 (total)", str(report.visits), str(report.failures), report.percent, verdict)
        )
        out.append("")
    return "\n".join(out)
