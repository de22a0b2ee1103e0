"""The `ssg` command: parses arguments, calls the pipeline, prints, exits. No logic of its own.

Exit codes (ARCHITECTURE §3.1): 0 nothing blocks, 1 something blocks, 2 usage error,
3 a bug in ssg (one line; the traceback only with --debug).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import errno
import gc
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ssg import __version__
from ssg.diagnostics import Diagnostic, Diagnostics, Severity, folded_lines, summary_line
from ssg.timezone import today

if TYPE_CHECKING:
    from ssg.build_types import BuildOptions
    from ssg.config import SiteConfig
    from ssg.monitor.fetch import Fetched
    from ssg.sites import Membership, Platform, SiteEntry

EXIT_OK, EXIT_BLOCKED, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


class UsageError(Exception):
    pass


# argparse's own words, said in Chinese first (the editors' language), its English after.
# (Patterns, compiled by `re` at the first error: not at every start.)
_ARGPARSE_ERRORS = (
    (
        r"argument (命令|子命令): invalid choice: '(.*)' \(choose from (.*)\)",
        "没有 “{1}” 这个{0}；可用的{0}：{2} (unknown command)",
    ),
    (
        r"argument (.+?): invalid choice: '(.*)' \(choose from (.*)\)",
        "{0} 不能是 “{1}”，可选：{2} (invalid choice)",
    ),
    (r"argument (.+?): invalid (\w+) value: '(.*)'", "{0} 应为{1}，不是 “{2}” (invalid value)"),
    (r"argument (.+?): expected one argument", "{0} 后面需要一个值 (expected a value)"),
    (
        r"unrecognized arguments: (.*)",
        "不认识的参数：{0}；可用的参数见 --help (unrecognized arguments)",
    ),
    (r"the following arguments are required: (.*)", "缺少参数：{0} (required arguments missing)"),
    (
        r"ambiguous option: (.*) could match (.*)",
        "选项 {0} 不明确，可能是 {1} 中的任何一个 (ambiguous option)",
    ),
    (r"argument (.+?): (.*)", "{0}：{1}"),  # (our own type checks: already Chinese)
)
_TYPE_NAMES = {"int": "整数"}


def _said(part: str) -> str:
    """A part of argparse's message as said in Chinese: `'a', 'b'` as a、b; int as 整数."""
    if part.startswith("'"):
        return "、".join(choice.strip("'") for choice in part.split(", "))
    return _TYPE_NAMES.get(part, part)


def _translated(message: str) -> str:
    for pattern, text in _ARGPARSE_ERRORS:
        match = re.fullmatch(pattern, message)
        if match:
            return text.format(*(_said(group) for group in match.groups()))
    return message


def _terminal_columns() -> int:
    """shutil.get_terminal_size().columns: COLUMNS, else the terminal's width, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _HelpFormatter(argparse.HelpFormatter):
    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        # (argparse's own default width imports shutil, with zlib, bz2 and lzma, ~1.6 ms; it
        # makes a formatter for every add_argument, so a no-change build, which prints no
        # help, paid it too)
        width = _terminal_columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        # ('' is the subcommands' prog being worked out: no prefix there)
        super().add_usage(usage, actions, groups, "用法 (usage): " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.update(add_help=False, formatter_class=_HelpFormatter)  # (-h: ours, below)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数 (arguments)"
        self._optionals.title = "选项 (options)"
        self.add_argument(
            "-h", "--help", action="help", help="显示本帮助后退出 (show this help and exit)"
        )

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: 参数错误 (usage error): {_translated(message)}")


# A build date reaches back a year (INTERACT-02, the annual report of the year before):
# from year 1000 on, that never leaves the calendar, and every year has four digits.
EARLIEST_DATE = dt.date(1000, 1, 1)
LATEST_DATE = dt.date.max
MAX_JOBS = 256  # processes; more is a typo (each is a forked copy of the build)


def _date(text: str) -> dt.date:
    try:
        # (fromisoformat also takes 20261120 and the week date 2026-W47-5: not what the help
        # and front matter say a date is)
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError(text)
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期应为 YYYY-MM-DD，不是 “{text}” (expected YYYY-MM-DD)"
        ) from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise argparse.ArgumentTypeError(
            f"日期 {text} 超出可用范围（{EARLIEST_DATE} 至 {LATEST_DATE}） (date out of range)"
        )
    return day


def _jobs(text: str) -> int:
    """--jobs: 0 (the default) is one process per CPU core."""
    if not re.fullmatch(r"[0-9]+", text.strip()) or int(text) > MAX_JOBS:
        raise argparse.ArgumentTypeError(
            f"进程数应为 0 到 {MAX_JOBS} 的整数（0 表示每个 CPU 核一个），不是 “{text}” "
            f"(expected 0..{MAX_JOBS}; 0 means one per core)"
        )
    return int(text)


def _positive(text: str, unit: str, english: str, zero: bool = False) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (value >= 0 if zero else value > 0) or value == float("inf"):
        least = "不小于 0 " if zero else "大于 0 "
        raise argparse.ArgumentTypeError(
            f"应为{least}的{unit}数，不是 “{text}” (expected a positive number of {english})"
        )
    return value


def _minutes(text: str) -> float:
    return _positive(text, "分钟", "minutes")


def _seconds(text: str) -> float:
    return _positive(text, "秒", "seconds")


def _pause(text: str) -> float:
    return _positive(text, "秒", "seconds", zero=True)


def _count(text: str) -> int:
    if not re.fullmatch(r"[0-9]+", text.strip()) or not 1 <= int(text) <= MAX_JOBS:
        raise argparse.ArgumentTypeError(
            f"应为 1 到 {MAX_JOBS} 的整数，不是 “{text}” (expected 1..{MAX_JOBS})"
        )
    return int(text)


def _days(text: str) -> int:
    if not re.fullmatch(r"[0-9]+", text.strip()) or not 1 <= int(text) <= 366:
        raise argparse.ArgumentTypeError(
            f"天数应为 1 到 366 的整数，不是 “{text}” (expected 1..366)"
        )
    return int(text)


def _path(text: str) -> Path:
    """A path option: an empty one (a variable that was not set, `--out "$OUT"`) would be
    the current folder, checked or written as if it were meant. Every path option and
    argument takes it (--out, --source, --index, `ssg init DIR`), so an empty one is said the
    same way on every command (`ssg build` once took it for the current folder and, run in
    the site, said it would overwrite the sources; `ssg init ""` made the site there)."""
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "路径是空的；请写文件或文件夹的路径（多半是脚本中的变量没有值） (empty path)"
        )
    return Path(text)


PROBE_LOG = ".ssg-monitor/probe.jsonl"  # in the site folder: kept, unlike .ssg-cache/
LINKS_CACHE = ".ssg-cache/external-links.json"
DEFAULT_MANIFEST = "public-deploy/manifest.sha256"  # beside the default output, public/


DEBUG_HELP = "出错时显示完整的调用栈 (show tracebacks)"
SITE_HELP = (
    "含 sites.yaml 的集约化仓库中只处理此站点（sites.yaml 中的文件夹，可重复）；默认全部站点 "
    "(only this site of a sites.yaml repository; repeatable)"
)
ALL_HELP = (
    "逐页列出每一处问题；默认把出现在很多页面上的同一问题合并为几例加一行计数 "
    "(list every finding; by default a fault found on many pages is shown a few times)"
)


def _command(where: Any, name: str, help: str) -> argparse.ArgumentParser:
    """A subcommand whose own --help starts by saying what it does."""
    sub: argparse.ArgumentParser = where.add_parser(name, help=help, description=help)
    # (the internal-error line asks for --debug: written after the command too, as one
    # adds it to the command that failed; SUPPRESS leaves `ssg --debug build` as it is)
    sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=DEBUG_HELP)
    return sub


def _with_source(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--source",
        type=_path,  # (empty, from an unset variable, is no "current folder")
        default=Path("."),
        metavar="DIR",
        help="站点目录，默认当前目录 (site folder)",
    )
    sub.add_argument(
        "--date",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="构建日期 YYYY-MM-DD，默认今天（北京时间） (build date; default today, Asia/Shanghai)",
    )


def _build_arguments(build: argparse.ArgumentParser) -> None:
    _with_source(build)
    build.add_argument(
        "--out",
        type=_path,
        default=None,
        metavar="DIR",
        help="输出目录，默认 <站点>/public (output)",
    )
    build.add_argument("--strict", action="store_true", help="扣分项也阻止发布 (deduct blocks too)")
    build.add_argument("--quiet", action="store_true", help="只输出阻止发布的问题 (blocking only)")
    build.add_argument("--timings", action="store_true", help="显示各阶段耗时 (stage timings)")
    build.add_argument("--all", action="store_true", help=ALL_HELP)
    build.add_argument(
        "--jobs",
        type=_jobs,
        default=0,
        metavar="N",
        help="并行生成页面的进程数，默认每个 CPU 核一个 (processes)",
    )
    build.add_argument(
        "--no-cache", action="store_true", help="不使用 .ssg-cache/ 中的缓存，从头构建 (cold build)"
    )
    build.add_argument(
        "--maintenance",
        action="store_true",
        help="临时下线：每个页面都生成维护页，依据 data/lifecycle.yaml 的 temporary_offline "
        "(every page is the maintenance page)",
    )
    build.add_argument("--site", action="append", metavar="PATH", help=SITE_HELP)


def _check_arguments(check: argparse.ArgumentParser) -> None:
    _with_source(check)
    check.add_argument("--strict", action="store_true", help="扣分项也视为阻止 (deduct blocks)")
    check.add_argument("--all", action="store_true", help=ALL_HELP)
    check.add_argument(
        "--format",
        choices=("text", "json", "sarif", "html"),
        default="text",
        help="报告格式；html 输出到标准输出，不写入网站 (report format)",
    )
    check.add_argument("--site", action="append", metavar="PATH", help=SITE_HELP)


def _rules_arguments(rules: argparse.ArgumentParser) -> None:
    rules.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="输出格式；markdown 即 docs/rules.md (output format)",
    )


def _serve_arguments(serve: argparse.ArgumentParser) -> None:
    _with_source(serve)
    serve.add_argument(
        "--port", type=_port, default=8000, metavar="PORT", help="端口，默认 8000 (port)"
    )
    serve.add_argument(
        "--bind",
        default="127.0.0.1",
        metavar="ADDR",
        help="监听地址，默认只在本机 127.0.0.1 (address)",
    )
    serve.add_argument(
        "--out",
        type=_path,
        default=None,
        metavar="DIR",
        help="预览输出目录，默认 <站点>/.ssg-cache/preview (preview output)",
    )
    serve.add_argument("--quiet", action="store_true", help="只输出阻止发布的问题 (quiet)")


# --- issue 8: `ssg search index` / `ssg search serve` (the whoosh server search) ---
def _search_arguments(search: argparse.ArgumentParser) -> None:
    search_commands = search.add_subparsers(
        dest="search_command", metavar="子命令", parser_class=_Parser
    )
    search_index = _command(
        search_commands, "index", "为一个或多个站点建立 whoosh 搜索索引 (build the whoosh index)"
    )
    search_index.add_argument(
        "--source",
        type=_path,
        action="append",
        default=None,
        metavar="DIR",
        help="站点目录，可重复以便跨站检索，默认当前目录 (site folder; repeat for several sites)",
    )
    search_index.add_argument(
        "--index",
        type=_path,
        default=None,
        metavar="DIR",
        help="索引目录，默认 <第一个站点>/.ssg-cache/search (index folder)",
    )
    search_index.add_argument(
        "--synonyms",
        action="store_true",
        help="只更新 data/search-synonyms.yaml 的同义词，不重建索引；运行中的搜索服务在下一次查询时采用 "
        "(update the synonyms only)",
    )
    search_index.add_argument(
        "--date",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="构建日期，默认今天（北京时间） (build date; default today)",
    )
    search_serve = _command(
        search_commands, "serve", "提供 JSON 搜索接口 /api/search (serve the JSON search API)"
    )
    search_serve.add_argument(
        "--source",
        type=_path,
        default=Path("."),
        metavar="DIR",
        help="站点目录，默认当前目录 (site)",
    )
    search_serve.add_argument(
        "--index",
        type=_path,
        default=None,
        metavar="DIR",
        help="索引目录，默认 <站点>/.ssg-cache/search；与 ssg search index 的 --index 相同 (index folder)",
    )
    search_serve.add_argument(
        "--bind",
        default="127.0.0.1",
        metavar="ADDR",
        help="监听地址，默认只在本机 127.0.0.1 (address)",
    )
    search_serve.add_argument(
        "--port", type=_port, default=8790, metavar="PORT", help="端口，默认 8790 (port)"
    )
    search_serve.add_argument(
        "--searchers",
        type=int,
        default=2,
        metavar="N",
        help="每个进程同时处理的查询数，默认 2 (queries answered at once, per process)",
    )
    search_serve.add_argument(
        "--workers",
        type=int,
        default=0,
        metavar="N",
        help="处理查询的进程数，默认每个 CPU 核一个、最多 4 个 (processes; default: one per core, at most 4)",
    )
    search_serve.add_argument("--verbose", action="store_true", help="记录每个请求 (log requests)")


# --- end issue 8 ---


# --- deploy phase one: after deployment (RULES SEC-05, SEC-06, SEC-07) ---
def _probe_arguments(probe: argparse.ArgumentParser) -> None:
    probe.add_argument(
        "--source",
        type=_path,
        default=Path("."),
        metavar="DIR",
        help="站点目录，默认当前目录 (site)",
    )
    probe.add_argument(
        "--url",
        action="append",
        default=None,
        metavar="URL",
        help="要探测的网址，可重复；默认 https://<data/site.yaml 的 domain>/ (URL to visit; repeatable)",
    )
    probe.add_argument(
        "--log",
        type=_path,
        default=None,
        metavar="FILE",
        help=f"探测日志（每次访问一行 JSON），默认 <站点>/{PROBE_LOG} (the log, JSON lines)",
    )
    probe.add_argument(
        "--every",
        type=_minutes,
        default=None,
        metavar="MINUTES",
        help="持续运行，每隔 MINUTES 分钟探测一轮（至少 1 分钟；只探测本机 localhost 时不限）；不给时只探测一轮（供 cron 或 systemd "
        "定时器） (keep running, a round every MINUTES, at least 1; default: one round)",
    )
    probe.add_argument(
        "--report", action="store_true", help="读取日志，按 SEC-05 口径统计并给出结论 (report)"
    )
    probe.add_argument(
        "--days",
        type=_days,
        default=None,
        metavar="N",
        help="--report 统计的天数，默认 7（SEC-05：监测 1 周） (days in the report)",
    )
    probe.add_argument(
        "--date",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="--report 的“今天”，默认北京时间的今天；统计截至它的前一天，即最近一个完整的日子 "
        "(the report's today; it ends the day before)",
    )


def _links_arguments(links: argparse.ArgumentParser) -> None:
    links.add_argument(
        "--external",
        action="store_true",
        help="检查站外链接、图片和脚本（站内链接由 ssg build 检查） (external links)",
    )
    _with_source(links)
    links.add_argument(
        "--out",
        type=_path,
        default=None,
        metavar="DIR",
        help="构建输出目录，默认 <站点>/public (the built output)",
    )
    links.add_argument(
        "--jobs",
        type=_count,
        default=8,
        metavar="N",
        help="同时检查的主机数，默认 8；同一主机始终一次一个请求 (hosts at once)",
    )
    links.add_argument(
        "--delay",
        type=_pause,
        default=1.0,
        metavar="SECONDS",
        help="收到同一主机的回答后至少间隔多少秒再发下一个请求，默认 1 (pause after each answer of a host)",
    )
    links.add_argument(
        "--timeout",
        type=_seconds,
        default=15.0,
        metavar="SECONDS",
        help="每个网址的时限，默认 15 秒 (per URL)",
    )
    links.add_argument(
        "--no-cache",
        action="store_true",
        help=f"不用 <站点>/{LINKS_CACHE} 中一天内的结果，全部重新检查 (ignore the day's cache)",
    )
    links.add_argument("--strict", action="store_true", help="扣分项也视为阻止 (deduct blocks)")
    links.add_argument("--all", action="store_true", help=ALL_HELP)
    links.add_argument("--site", action="append", metavar="PATH", help=SITE_HELP)


def _verify_arguments(verify: argparse.ArgumentParser) -> None:
    verify.add_argument(
        "target",
        nargs="?",
        default=None,
        metavar="DIR|URL",
        help="服务器上的网站根目录，或网站地址 https://域名/；集约化仓库中可不写（逐站核对 "
        "https://<域名>/），或写一个按 public/ 布局存放各站点的目录 (the web root, or the "
        "site's URL; in a sites.yaml repository: none, or a folder laid out as public/)",
    )
    verify.add_argument(
        "--manifest",
        type=_path,
        default=None,
        metavar="FILE",
        help=f"发布清单，默认 <--source>/{DEFAULT_MANIFEST} (the manifest, sha256sum format)",
    )
    verify.add_argument(
        "--source",
        type=_path,
        default=Path("."),
        metavar="DIR",
        help="站点目录（默认当前目录），其中的 public-deploy/ 是默认的发布清单位置；含 sites.yaml "
        "的集约化仓库：逐站核对 (the site, or a repository of sites)",
    )
    verify.add_argument("--site", action="append", metavar="PATH", help=SITE_HELP)
    verify.add_argument(
        "--out",
        type=_path,
        default=None,
        metavar="DIR",
        help="集约化仓库的构建输出目录，默认 <仓库>/public；各站点的清单在 <DIR>/<文件夹>-deploy/ "
        "(a repository's output root)",
    )
    verify.add_argument(
        "--jobs",
        type=_count,
        default=4,
        metavar="N",
        help="按网址核对时的并发请求数，默认 4 (requests at once)",
    )
    verify.add_argument(
        "--timeout",
        type=_seconds,
        default=30.0,
        metavar="SECONDS",
        help="按网址核对时每个文件的时限，默认 30 秒 (per file)",
    )


# --- end deploy phase one ---


def _init_arguments(init: argparse.ArgumentParser) -> None:
    init.add_argument(
        "dir",
        type=_path,
        metavar="DIR",
        help="新站点目录：不存在、空，或只有 .git (target folder: new, empty, or only .git)",
    )
    init.add_argument(
        "--level",
        choices=("province", "city", "county", "department"),
        default="city",
        help="网站级别，决定标准栏目，默认 city（市级门户） (site level; default city)",
    )
    init.add_argument(
        "--date",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="首条信息的日期，默认今天 (date of the first item)",
    )


def _new_arguments(new: argparse.ArgumentParser) -> None:
    new.add_argument(
        "type",
        metavar="TYPE",
        help="内容类型：policy interpretation service notice news reply leader page；"
        "或 annual-report（年度报表数据文件） (content type, or annual-report)",
    )
    new.add_argument(
        "path",
        metavar="PATH",
        help="content/ 下的路径，如 zwdt/市政府召开常务会议；annual-report 时为年份，如 2025 "
        "(path under content/, or the report's year)",
    )
    new.add_argument(
        "--source",
        type=_path,
        default=Path("."),
        metavar="DIR",
        help="站点目录，默认当前目录 (site folder)",
    )
    new.add_argument(
        "--date",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="发布日期，默认今天 (date; default today)",
    )


def _report_arguments(report: argparse.ArgumentParser) -> None:
    report_commands = report.add_subparsers(
        dest="report_command", metavar="子命令", parser_class=_Parser
    )
    freeze = _command(
        report_commands,
        "freeze",
        "把某年度报表中由 ssg 推导的数字写入 data/annual-report/<年份>.frozen.yaml，报表从此不随内容"
        "变化；不覆盖已有文件 (write the year's derived figures to a file of their own)",
    )
    freeze.add_argument("year", metavar="YEAR", help="报表年度，如 2025 (the report's year)")
    _with_source(freeze)


# Each command: its name, what it does (its --help says it first), its options.
_COMMANDS: tuple[tuple[str, str, Callable[[argparse.ArgumentParser], None]], ...] = (
    ("build", "构建网站 (build the site)", _build_arguments),
    (
        "check",
        "合规检查，不发布 (check every machine-checkable rule; publish nothing)",
        _check_arguments,
    ),
    ("rules", "列出全部合规规则及覆盖情况 (list the rules)", _rules_arguments),
    ("serve", "本地预览，保存即刷新 (live preview with rebuilds on save)", _serve_arguments),
    (
        "search",
        "服务端搜索：建立索引、提供搜索接口 (server search: index, serve)",
        _search_arguments,
    ),
    (
        "probe",
        "SEC-05 可用性探测：访问首页并记入日志；--report 按 1 周口径统计 "
        "(availability probe; --report judges a week of visits)",
        _probe_arguments,
    ),
    (
        "links",
        "SEC-06 部署后巡检外部链接 (check the external links of the built output)",
        _links_arguments,
    ),
    (
        "verify",
        "SEC-07 防篡改比对：部署的副本与构建的 SHA-256 发布清单逐一核对 "
        "(tamper check against the build's manifest)",
        _verify_arguments,
    ),
    ("init", "在空目录中新建站点 (create a new portal)", _init_arguments),
    ("new", "新建内容文件 (create a content file)", _new_arguments),
    ("report", "年度报表：冻结已发布报表的数字 (the annual report: freeze it)", _report_arguments),
)


def _parser(wanted: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser. `wanted`: the command the command line names first; when it
    is one, the other commands' options are not set up (1.8 of the 5.4 ms of CPU the parser
    took at each start: bench/RESULTS.md); its help and its errors are the same."""
    parser = _Parser(
        prog="ssg",
        description="ssg：合规政府网站静态站点生成器 (a static site generator for compliant "
        "Chinese government portals)",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"ssg {__version__}",
        help="显示版本号后退出 (show the version and exit)",
    )
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    chosen = [command for command in _COMMANDS if command[0] == wanted] or _COMMANDS
    for name, help, arguments in chosen:
        arguments(_command(commands, name, help))
    return parser


def _default_child_signal() -> None:
    """A supervisor may start ssg with SIGCHLD ignored, which Linux keeps across exec: the
    kernel then reaps ssg's forked processes (slugs, search index, scan cache) itself, and
    waiting for one fails. ssg waits for every process it starts."""
    if hasattr(signal, "SIGCHLD") and signal.getsignal(signal.SIGCHLD) == signal.SIG_IGN:
        # (outside the main thread, as in a test's, signal.signal refuses: tried rather than
        # asked first of threading, which would be imported at every start for it)
        with contextlib.suppress(ValueError):
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    _default_child_signal()
    debug = "--debug" in args_list
    try:
        code = _run(args_list, ends_process=argv is None)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        code = EXIT_USAGE
    except KeyboardInterrupt:
        print("已中断 (interrupted)", file=sys.stderr)
        code = EXIT_BLOCKED
    except Exception as exc:
        print(
            f"ssg 内部错误，这是 ssg 的缺陷而不是您的输入问题；请带上 --debug 的输出报告 "
            f"(internal error, a bug in ssg): {type(exc).__name__}: {exc}",
            file=sys.stderr,
        )
        if debug:
            import traceback

            traceback.print_exc()
        code = EXIT_BUG
    if argv is None:
        # What is left is garbage to a process that ends: Python's last collection would walk
        # every object of a large build (0.4 s at 10k items) for nothing.
        gc.freeze()
        sys.exit(code)
    return code


def _run(argv: list[str], ends_process: bool = False) -> int:
    try:
        args = _parser(argv[0] if argv else None).parse_args(argv)
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0)
    args.ends_process = ends_process  # (the process is the command's: see BuildOptions)
    if args.command is None:
        _parser().print_help()
        return EXIT_USAGE
    handlers = {
        "build": _build,
        "check": _check,
        "init": _init,
        "new": _new,
        "rules": _rules,
        "serve": _serve,
        "search": _search,  # issue 8
        "report": _report,
        "probe": _probe,
        "links": _links,
        "verify": _verify,
    }
    return handlers[args.command](args)


def print_diagnostics(diags: Diagnostics, quiet: bool = False, every: bool = False) -> None:
    shown: list[Diagnostic] = [
        d for d in diags.sorted() if not quiet or d.severity in (Severity.ERROR, Severity.VETO)
    ]
    for line in map(str, shown) if every else folded_lines(shown):
        print(line, file=sys.stderr)


def _say_if_unchecked(checked: bool) -> None:
    if not checked:
        print(
            "输入有错误，合规检查未运行；修正上面的错误后再检查 "
            "(input errors: compliance rules were not run)",
            file=sys.stderr,
        )


def _in_repository(args: argparse.Namespace) -> bool:
    """--source is a repository of several sites (ssg/sites.py), not a site."""
    if not (args.source / "sites.yaml").exists():  # (the common case: nothing imported)
        return False
    from ssg.sites import is_repository

    return is_repository(args.source)


def _build(args: argparse.Namespace) -> int:
    # (a mistyped path is no site with input errors: CONTENT-00 and CONFIG-01, exit 1)
    _site_folder("build", args.source)
    if _in_repository(args):
        return _build_platform(args)
    _no_sites(args)
    repository = _membership(args.source)
    return _build_site(args, args.source, args.out or args.source / "public", repository)


def _membership(source: Path) -> Membership | None:
    """The repository a site built on its own belongs to, read once for its build: it
    publishes what the others announce for it and links what they publish."""
    if not any((folder / "sites.yaml").is_file() for folder in source.resolve().parents):
        return None  # (the common case: nothing imported)
    from ssg.sites import membership

    return membership(source)


def _no_sites(args: argparse.Namespace) -> None:
    if args.site:
        raise UsageError(
            f"ssg {args.command}: 参数错误 (usage error): --site 只用于根目录有 sites.yaml 的"
            f"集约化仓库，{args.source} 不是 (--site needs a sites.yaml repository)"
        )


def _platform(args: argparse.Namespace) -> tuple[Platform, tuple[SiteEntry, ...]] | None:
    """sites.yaml read and the sites asked for; None (after printing why) when sites.yaml has
    errors: no site is built from a list that may be wrong. A machine-readable `ssg check`
    still writes its one document, with those errors in it."""
    from ssg.sites import load_platform

    diags = Diagnostics()
    platform = load_platform(args.source, diags)
    print_diagnostics(diags, every=True)
    if diags.blocks() and getattr(args, "format", "text") in ("json", "sarif"):
        import json

        from ssg.check import report

        if args.format == "json":
            found = json.loads(report.json_report(diags, checked=False))
            sys.stdout.write(
                json.dumps({"sites": [], "repository": found}, ensure_ascii=False, indent=2) + "\n"
            )
        else:
            sys.stdout.write(report.sarif_report(diags))
    if diags.blocks():
        print(
            "sites.yaml 有错误，没有处理任何站点 (errors in sites.yaml: no site was built)",
            file=sys.stderr,
        )
        return None
    try:
        chosen = platform.select(getattr(args, "site", None) or ())
    except ValueError as exc:
        raise UsageError(f"ssg {args.command}: 参数错误 (usage error): {exc}") from None
    return platform, chosen


def _remove_stale_outputs(out_root: Path, platform: Platform) -> None:
    """The output of sites taken out of sites.yaml goes with them (ours only: ssg's marker),
    and the folders that held nothing else."""
    import shutil

    from ssg.sites import stale_outputs

    for folder in stale_outputs(out_root, platform.sites, platform.root):
        shutil.rmtree(folder, onerror=_gone_already)
        print(
            f"已删除不在 sites.yaml 中的站点的旧输出 {folder} "
            "(removed the output of a site no longer in sites.yaml)",
            file=sys.stderr,
        )
        parent = folder.parent
        while parent != out_root and parent.is_relative_to(out_root) and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def _gone_already(function: object, path: str, info: tuple[type, BaseException, object]) -> None:
    """shutil.rmtree's onerror: a file some other process removed meanwhile is not a failure."""
    if not isinstance(info[1], FileNotFoundError):
        raise info[1]


def _site_heading(platform: Platform, entry: SiteEntry, where: str = "") -> str:
    config = platform.configs.get(entry.path)
    name = f"{config.name}，{config.domain}" if config else "data/site.yaml 无法读取"
    return f"== {entry.path}（{name}）{where} =="


def _build_platform(args: argparse.Namespace) -> int:
    """集约化: every site of sites.yaml (or those --site names), each into <out>/<folder>/."""
    from ssg.sites import Membership

    found = _platform(args)
    if found is None:
        return EXIT_BLOCKED
    platform, chosen = found
    out_root: Path = args.out or args.source / "public"
    for entry in chosen:
        site, out = entry.root.resolve(), out_root.resolve()
        if site == out or site.is_relative_to(out) or out.is_relative_to(site):
            raise UsageError(
                f"ssg build: 参数错误 (usage error): 输出目录 {out_root} 与站点文件夹 {entry.path} "
                "重叠，请用 --out 指定别处 (the output folder overlaps a site)"
            )
    blocked = []
    for entry in chosen:
        out = out_root / entry.path
        print(_site_heading(platform, entry, f" → {out}"), file=sys.stderr)
        code = _build_site(args, entry.root, out, Membership(platform, entry), entry)
        if code != EXIT_OK:
            blocked.append(entry.path)
    if not args.site:
        _remove_stale_outputs(out_root, platform)
    from ssg.sites import remember_outputs

    remember_outputs(out_root, platform.root, chosen, whole=not args.site)
    done = len(chosen) - len(blocked)
    stopped = f"，{len(blocked)} 个被阻止：{'、'.join(blocked)}" if blocked else ""
    print(
        f"集约化仓库：{len(chosen)} 个站点，{done} 个已生成{stopped} "
        f"({len(chosen)} sites: {done} built, {len(blocked)} blocked)",
        file=sys.stderr,
    )
    return EXIT_BLOCKED if blocked else EXIT_OK


def _build_site(
    args: argparse.Namespace,
    source: Path,
    out: Path,
    repository: Membership | None = None,
    entry: SiteEntry | None = None,
) -> int:
    from ssg.build_types import BuildOptions
    from ssg.progress import TerminalProgress, wanted
    from ssg.unchanged import replay

    start = time.perf_counter()
    progress = TerminalProgress(sys.stderr) if wanted(args.quiet, sys.stderr) else None
    options = BuildOptions(
        source=source,
        out=out,
        build_date=args.date or today(),
        strict=args.strict,
        maintenance=args.maintenance,
        jobs=args.jobs,
        cache=not args.no_cache,
        progress=progress,
        # (one process for several sites: the collector stays on between them)
        ends_process=args.ends_process and entry is None,
        portal_notices=repository.notices if repository is not None else (),
        repository=repository,
    )
    with one_build_at_a_time(source):
        # Nothing changed: answer before importing the engine (a third of a second of imports).
        result = replay(options)
        if result is None:
            from ssg.build_start import build
            from ssg.write import OutputError  # (loaded by the build anyway: not before it)

            try:
                result = build(dataclasses.replace(options, replay=False))
            except OutputError as exc:
                raise UsageError(str(exc)) from None
            finally:
                if progress is not None:
                    progress.clear()
    print_diagnostics(_named(result.diagnostics, entry), quiet=args.quiet, every=args.all)
    _say_if_unchecked(result.checked)
    elapsed = time.perf_counter() - start
    if not args.quiet:
        print(summary_line(result.diagnostics), file=sys.stderr)
    if args.timings:
        for name, seconds in result.stages:
            print(f"  {name:<18} {seconds * 1000:8.1f} ms", file=sys.stderr)
    if not result.written:
        print(f"构建被阻止，{out} 保持不变 (build blocked; {out} left as it was)", file=sys.stderr)
        return _end_if_alone(options, EXIT_BLOCKED)
    if not args.quiet and result.replayed:
        print(
            f"输入没有变化，{out} 中上次生成的 {result.pages} 个页面保持不变，用时 {elapsed:.2f} 秒 "
            f"(nothing changed since the last build; {out} is up to date, {elapsed:.2f}s)"
        )
    elif not args.quiet:
        print(
            f"已生成 {result.pages} 个页面、共 {result.files} 个文件到 {out}，用时 {elapsed:.2f} 秒 "
            f"(built {result.pages} pages into {out} in {elapsed:.2f}s)"
        )
    if result.recorded and not args.quiet:
        from ssg.library_record import RECORD_FILE

        # (a CI checkout has the record only if it is committed: README 网址)
        print(
            f"已在 {RECORD_FILE} 记入 {result.recorded} 个首次发布的政策文件库网址，请提交到 git"
            f"（{_git_add(source, RECORD_FILE)}） "
            f"({result.recorded} library URL{'s' if result.recorded != 1 else ''} published "
            "first now recorded; commit the file)"
        )
    return _end_if_alone(options, EXIT_OK)


def _end_if_alone(options: BuildOptions, code: int) -> int:
    """End the process now if the build was its last work and left nothing running (see
    _end_now); else return `code` for main() to exit with."""
    if options.ends_process and _nothing_left_running():
        _end_now(code)
    return code


def _nothing_left_running() -> bool:
    """No thread but this one, no child process (running, or exited and not waited for), and
    nothing registered to run at exit but multiprocessing's and logging's, with nothing left
    for them to do.

    What a build starts it finishes before it returns: its forked processes (the slugs', the
    cold parse's, the parse and scan caches' writers, the search index's, the render and
    page-facts pools) are waited for, its files closed, its temporary files renamed into
    place or removed; ssg registers nothing with atexit. This looks all the same, so that
    what a change leaves running makes the process end the slow way rather than cut short:
    a thread deleting the old output (ssg/write.py: remove_later, where forking was not
    safe), which must finish; a child; an exit function (a `weakref.finalize`, a logging
    handler to flush). Where Python cannot tell (no waitid or atexit._ncallbacks), no."""
    import atexit

    threading = sys.modules.get("threading")  # (not imported by a replay: no other thread)
    if threading is not None and threading.active_count() > 1:
        return False
    known = 0  # exit functions that are known to have nothing left to do
    # multiprocessing's (registered by the render pool's import) joins children and runs the
    # finalizers of pools that are not terminated yet: neither is left here.
    pools = sys.modules.get("multiprocessing.util")
    if pools is not None:
        if pools._finalizer_registry:
            return False
        known += 1
    # logging's (imported with the deploy files' verifier) flushes and closes its handlers:
    # none but its last resort, which writes to sys.stderr, flushed by _end_now.
    logging = sys.modules.get("logging")
    if logging is not None:
        if any(ref() not in (None, logging.lastResort) for ref in logging._handlerList):
            return False
        known += 1
    count = getattr(atexit, "_ncallbacks", None)
    if count is None or count() > known or not hasattr(os, "waitid"):
        return False
    try:
        # (WNOWAIT: a child that has exited stays to be waited for, as it was)
        os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return True
    return False


def _end_now(code: int) -> NoReturn:
    """End the process once its output is written, without Python's finalization: freeing
    the loaded modules' objects one by one took 0.8–1.7 ms of a build with nothing changed,
    ~46 ms in all (bench/RESULTS.md), and a build that ran frees its site and every module's
    caches too. Only where nothing is left to finish (_nothing_left_running)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _named(diags: Diagnostics, entry: SiteEntry | None) -> Diagnostics:
    """A site's diagnostics, its files named from the repository root when it is one of a
    sites.yaml repository's (ssg/sites.py)."""
    if entry is None:
        return diags
    from ssg.sites import from_repository

    return Diagnostics([from_repository(d, entry) for d in diags])


BUILD_LOCK = "build.lock"  # in the site's .ssg-cache/


@contextlib.contextmanager
def one_build_at_a_time(source: Path) -> Iterator[None]:
    """Hold the site's build lock: a second `ssg build` of the site waits for the first.
    Two at once swapped their outputs into the same place (one failed, exit 3, when the
    other's output had taken it) and linked pages from an output the other was removing."""
    try:
        import fcntl
    except ImportError:  # (not POSIX: builds are not serialised)
        yield
        return
    # (ssg.cache's CACHE_DIR, as unchanged.py has it: ssg.cache loads hashlib and threading)
    from ssg.unchanged import CACHE_DIR

    if not (source / "content").is_dir():  # (not a site: nothing to guard, no folder to make)
        yield
        return
    try:
        (source / CACHE_DIR).mkdir(exist_ok=True)
        handle = (source / CACHE_DIR / BUILD_LOCK).open("ab")
    except OSError:  # (a read-only site, or a file in the cache's place: the build says so)
        yield
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                "另一个 ssg build 正在构建本站点，等它完成后再开始 "
                "(another build of this site is running; waiting for it)",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            # (unlocked, not only closed: processes the build forked share the lock)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _check(args: argparse.Namespace) -> int:
    _site_folder("check", args.source)
    if _in_repository(args):
        return _check_platform(args)
    _no_sites(args)
    return _check_site(args, args.source, _membership(args.source))


def _check_platform(args: argparse.Namespace) -> int:
    """集约化: every site of sites.yaml (or those --site names) checked, one report of each; in
    json one document with the sites' reports, in sarif one run a site."""
    import json

    from ssg.sites import Membership

    found = _platform(args)
    if found is None:
        return EXIT_BLOCKED
    platform, chosen = found
    if args.format == "html" and len(chosen) != 1:
        raise UsageError(
            "ssg check: 参数错误 (usage error): html 报告每次一个站点，请用 --site 指定 "
            "(an html report is of one site: name it with --site)"
        )
    blocked = []
    documents: list[tuple[SiteEntry, str]] = []
    for entry in chosen:
        if args.format == "text":
            print(_site_heading(platform, entry), file=sys.stderr)
        code = _check_site(args, entry.root, Membership(platform, entry), entry, documents.append)
        if code != EXIT_OK:
            blocked.append(entry.path)
    if args.format == "json":
        sites = [{"site": e.path, "report": json.loads(text)} for e, text in documents]
        sys.stdout.write(json.dumps({"sites": sites}, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "sarif":
        logs = [json.loads(text) for _, text in documents]
        merged = {**logs[0], "runs": [run for log in logs for run in log["runs"]]}
        sys.stdout.write(json.dumps(merged, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "html":
        sys.stdout.write(documents[0][1])
    else:
        stopped = f"，{len(blocked)} 个不通过：{'、'.join(blocked)}" if blocked else "，全部通过"
        print(
            f"集约化仓库：检查了 {len(chosen)} 个站点{stopped} "
            f"({len(chosen)} sites checked, {len(blocked)} blocked)",
            file=sys.stderr,
        )
    return EXIT_BLOCKED if blocked else EXIT_OK


def _check_site(
    args: argparse.Namespace,
    source: Path,
    repository: Membership | None = None,
    entry: SiteEntry | None = None,
    keep: Callable[[tuple[SiteEntry, str]], None] | None = None,
) -> int:
    """One site's check and report; a repository's machine-readable reports are handed to
    `keep` (with its entry) to be written as one document."""
    from ssg.build_start import build
    from ssg.build_types import BuildOptions
    from ssg.check import report

    build_date = args.date or today()
    result = build(
        BuildOptions(
            source=source,
            out=source / "public",
            build_date=build_date,
            strict=args.strict,
            write=False,
            ends_process=args.ends_process and entry is None,
            portal_notices=repository.notices if repository is not None else (),
            repository=repository,
        )
    )
    diags = _named(result.diagnostics, entry)
    if args.format == "text":
        sys.stderr.write(report.text_report(diags, every=args.all, checked=result.checked))
        _say_if_unchecked(result.checked)
    else:
        if args.format == "json":
            text = report.json_report(diags, checked=result.checked)
        elif args.format == "sarif":
            text = report.sarif_report(diags)
        else:
            name = result.site.config.name if result.site else ""
            text = report.html_report(diags, name, build_date.isoformat(), checked=result.checked)
        if keep is not None and entry is not None:
            keep((entry, text))
        else:
            sys.stdout.write(text)
    return EXIT_BLOCKED if diags.blocks(args.strict) else EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from ssg.check.report import rules_listing

    sys.stdout.write(rules_listing(markdown=args.format == "markdown"))
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from ssg.serve import Preview, stopped_by
    from ssg.write import OutputError

    source: Path = args.source
    out: Path = args.out or source / ".ssg-cache" / "preview"
    _site_folder("serve", source)  # (watching a folder that is not there failed in watchdog)
    if _in_repository(args):
        from ssg.sites import load_sites

        folders = "、".join(e.path for e in load_sites(source, Diagnostics())) or "（无）"
        raise UsageError(
            f"{source} 是含 sites.yaml 的集约化仓库，预览一次一个站点：请用 --source <站点文件夹>，"
            f"可选：{folders} (a repository of sites: preview one with --source)"
        )
    if args.bind not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"警告：预览服务监听 {args.bind}，同一网络中的其他人也能访问；预览只应在本机使用 "
            "(warning: the preview is reachable from other machines)",
            file=sys.stderr,
        )
    # Ctrl+C or `kill -INT` stops it however it was started (a script's background job
    # starts with SIGINT ignored); during the first build as any command's Ctrl+C does.
    with stopped_by(signal.SIGINT):
        try:
            preview = Preview(source, out, args.date or today(), args.bind, args.port, args.quiet)
        except OSError as exc:
            raise _cannot_listen(
                "serve", args, exc, ("另一个预览（ssg serve）", "another preview")
            ) from None
        try:
            result = preview.rebuild()
        except OutputError as exc:
            raise UsageError(str(exc)) from None
        for line in [] if result.written else preview.state.lines:
            print(line, file=sys.stderr)
        # `kill` or a service manager stops it as Ctrl+C does: the preview saves what it keeps.
        # (only once the first build's workers are gone, which would inherit it and outlive
        # their pool's SIGTERM; put back when it stops, for a program that runs it in-process)
        with stopped_by(signal.SIGTERM):
            running = preview.serve_forever()
            try:
                next(running)
                print(f"预览地址 (preview at) {preview.url}  按 Ctrl+C 停止 (Ctrl+C to stop)",
                      flush=True)  # fmt: skip
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                print("已停止 (stopped)", file=sys.stderr)
            finally:
                running.close()
    return EXIT_OK


# --- issue 8: server search ------------------------------------------------------------


def _cannot_listen(
    command: str,
    args: argparse.Namespace,
    exc: OSError | OverflowError,
    likely: tuple[str, str],
) -> UsageError:
    """The usage error of `ssg serve` / `ssg search serve` whose --bind/--port cannot be
    listened on. A port in use is said as such, with what most often holds it (`likely`, in
    Chinese and English: a preview left running in another window) and another port to give,
    not as errno 98."""
    head = f"ssg {command}: 参数错误 (usage error): "
    port: int = args.port
    if isinstance(exc, OSError) and exc.errno == errno.EADDRINUSE:
        other = port + 1 if port < 65535 else port - 1
        return UsageError(
            f"{head}--port：端口 {port} 已被占用（{args.bind}:{port}），可能是{likely[0]}或别的"
            f"程序正在使用；请换一个端口，如 --port {other}，或用 --port 0 由系统选择空闲端口 "
            f"(port {port} is already in use, perhaps by {likely[1]}: choose another with --port)"
        )
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return UsageError(f"{head}无法监听 {args.bind}:{port}：{reason} (cannot listen)")


def _port(text: str) -> int:
    """--port of `ssg serve` and `ssg search serve`: 0 lets the system choose a free one.
    (A port over 65535 reached bind() and ended `ssg serve` as an internal error.)"""
    if not re.fullmatch(r"[0-9]+", text.strip()) or int(text) > 65535:
        raise argparse.ArgumentTypeError(
            f"端口应为 0 到 65535 的整数（0 表示由系统选择空闲端口），不是 “{text}” "
            "(expected 0..65535; 0 picks a free port)"
        )
    return int(text)


def _search(args: argparse.Namespace) -> int:
    if args.search_command == "index":
        return _search_index(args)
    if args.search_command == "serve":
        return _search_serve(args)
    raise UsageError("ssg search: 需要子命令 index 或 serve (expected index or serve)")


def _search_index(args: argparse.Namespace) -> int:
    from ssg.search.whoosh_index import index_sites

    given: list[Path] = args.source or [Path(".")]
    folder: Path = args.index or given[0] / ".ssg-cache" / "search"
    named: list[tuple[str, Path]] = []  # each site, with how the command line names it
    for source in given:  # a repository of sites (sites.yaml) stands for each of its sites
        _site_folder("search index", source)
        if (source / "sites.yaml").exists():
            from ssg.sites import is_repository, load_sites

            if is_repository(source):
                diags = Diagnostics()
                for entry in load_sites(source, diags):
                    named.append((f"{source}（sites.yaml 中的 {entry.path}）", entry.root))
                if diags.blocks():
                    print_diagnostics(diags, every=True)
                    print("输入有错误，未建立索引 (input errors: no index built)", file=sys.stderr)
                    return EXIT_BLOCKED
                continue
        named.append((str(source), source))
    _refuse_a_site_given_twice(named)
    sources = [root for _, root in named]
    start = time.perf_counter()
    notes: list[str] = []
    count, problems = index_sites(sources, args.date or today(), folder, notes, args.synonyms)
    for line in notes:  # sites left out, as `ssg build` leaves out their static index
        print(line, file=sys.stderr)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print("输入有错误，未建立索引 (input errors: no index built)", file=sys.stderr)
        return EXIT_BLOCKED
    if args.synonyms:
        print(f"已更新 {folder} 的同义词，索引未重建 (synonyms updated; nothing re-indexed)")
        return EXIT_OK
    indexed = len(sources) - len(notes)  # (a note is a site left out)
    print(
        f"已为 {indexed} 个站点的 {count} 条信息建立搜索索引 {folder}，用时 "
        f"{time.perf_counter() - start:.1f} 秒 (indexed {count} items into {folder})"
    )
    return EXIT_OK


def _refuse_a_site_given_twice(named: Sequence[tuple[str, Path]]) -> None:
    """A site indexed twice would answer every query with each result twice. As sites.yaml
    refuses a folder listed twice (SITES-02), so does the --source list, naming both."""
    first: dict[Path, str] = {}
    for name, root in named:
        where = root.resolve()
        if where in first:
            raise UsageError(
                f"--source {first[where]} 与 --source {name} 是同一个站点（{where}）；"
                "每个站点只写一次 (the same site given twice)"
            )
        first[where] = name


def _search_serve(args: argparse.Namespace) -> int:
    from ssg.search.server import SearchService, default_workers, make_server, serve
    from ssg.search.whoosh_index import stale_tokens

    folder: Path = args.index or args.source / ".ssg-cache" / "search"
    if not (folder / "ssg-search.json").is_file():
        raise UsageError(
            f"找不到搜索索引 {folder}；请先运行 ssg search index (no index: run `ssg search index`)"
        )
    if stale_tokens(folder):
        print(
            f"警告：搜索索引 {folder} 由另一版本的 ssg 建立，分词方式不同，部分查询可能找不到结果；"
            "请重新运行 ssg search index "
            "(warning: the index was made by another version of ssg: run `ssg search index` again)",
            file=sys.stderr,
        )
    if args.bind not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"警告：搜索服务监听 {args.bind}，其他机器也能访问；公开服务请放在反向代理之后 "
            "(warning: the search API is reachable from other machines)",
            file=sys.stderr,
        )
    from whoosh.index import IndexError as WhooshIndexError

    try:
        service = SearchService(folder, args.searchers)
    except (OSError, ValueError, WhooshIndexError) as exc:  # (a sidecar's: DamagedIndex)
        raise UsageError(
            f"无法读取搜索索引 {folder}：{exc}；请重新运行 ssg search index "
            "(the index cannot be read: run `ssg search index` again)"
        ) from None
    try:
        server = make_server(
            folder,
            args.bind,
            args.port,
            quiet=not args.verbose,
            searchers=args.searchers,
            service=service,
        )
    except (OSError, OverflowError) as exc:
        raise _cannot_listen(
            "search serve", args, exc, ("另一个搜索服务", "another search service")
        ) from None
    port = server.server_address[1]
    host = f"[{args.bind}]" if ":" in args.bind else args.bind  # an IPv6 address
    url = f"http://{host}:{port}/api/search?q="
    try:
        serve(
            server,
            args.workers or default_workers(),
            lambda: print(f"搜索接口 (search API at) {url}  按 Ctrl+C 停止", flush=True),
        )
    except KeyboardInterrupt:
        print("已停止 (stopped)", file=sys.stderr)
    finally:
        server.server_close()
    return EXIT_OK


# --- end issue 8 --------------------------------------------------------------------------


def _init(args: argparse.Namespace) -> int:
    from ssg.scaffold import ScaffoldError, init_site

    # A site inside another site's folder would be that site's content, static files or
    # themes, and no repository may list it (SITES-02): said before anything is written.
    outer = next((f for f in args.dir.resolve().parents if (f / "data/site.yaml").is_file()), None)
    if outer is not None:
        raise UsageError(
            f"ssg init: 参数错误 (usage error): {args.dir} 在站点 {outer} 之内；新站点应放在"
            "另一个文件夹中（集约化仓库中与其他站点并列） (a site cannot be inside another site)"
        )
    try:
        written = init_site(args.dir, args.level, args.date or today())
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:  # a folder that cannot be created or written: /proc/x, read-only
        raise UsageError(
            f"无法在 {args.dir} 新建站点：{exc.strerror or exc} (cannot create the site there)"
        ) from None
    # (quoted as a shell needs it: the next step is meant to be copied, and a folder's name
    # may hold spaces)
    import shlex

    print(
        f"已在 {args.dir} 新建站点，共 {len(written)} 个文件；下一步：cd {shlex.quote(str(args.dir))} "
        f"&& ssg build (created a new site with {len(written)} files)"
    )
    if any((folder / "sites.yaml").is_file() for folder in args.dir.resolve().parents):
        from ssg.sites import join_repository

        try:
            joined = join_repository(args.dir)
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return EXIT_OK
        if joined is not None:  # 集约化: the platform builds it with the others
            listing, folder, added = joined
            if added:
                print(f"已把 {folder} 加入 {listing} (added to the repository's sites.yaml)")
            else:
                print(
                    f"{listing} 中已列出 {folder}，未改动 (already in the repository's sites.yaml)"
                )
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from ssg.scaffold import (
        ScaffoldError,
        check_type,
        create_item,
        draft_columns_above,
        require_site,
    )

    if args.type == "annual-report":
        return _new_annual_report(args)
    try:
        check_type(args.type)
        require_site(args.source)
        target, columns = create_item(args.source, args.type, args.path, args.date or today())
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    for column in columns:
        print(f"已新建栏目 {column}：请填写栏目名称等 (created a column; fill in its title)")
    print(f"已新建 {target} (created)")
    for index in draft_columns_above(args.source, target):
        print(
            f"注意：{index} 中有 draft: true，删除这一行后本栏目及其中的信息才会发布 "
            "(the column is a draft: its items are not published until that line goes)",
            file=sys.stderr,
        )
    return EXIT_OK


def _new_annual_report(args: argparse.Namespace) -> int:
    from ssg.derive.annual_report import (
        ReportFileExists,
        new_report_file,
        new_report_year_problem,
    )
    from ssg.scaffold import ScaffoldError, require_site

    # (ASCII digits and no leading zero: the file is named <year>.yaml, and 0000 is no year)
    if not re.fullmatch(r"[1-9][0-9]{3}", args.path):
        raise UsageError(
            f"年度报表的年份应为 4 位数字，如 2025，不是 “{args.path}” (expected a year)"
        )
    problem = new_report_year_problem(int(args.path), args.date or today())
    if problem:
        raise UsageError(problem)
    try:
        require_site(args.source)
        target = new_report_file(args.source, int(args.path))
    except (ReportFileExists, ScaffoldError) as exc:
        raise UsageError(str(exc)) from None
    print(f"已新建 {target}：填写各项后运行 ssg check 核对 (created)")
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    if args.report_command == "freeze":
        return _report_freeze(args)
    raise UsageError("ssg report: 需要子命令 freeze (expected freeze)")


def _report_freeze(args: argparse.Namespace) -> int:
    """`ssg report freeze YEAR`: the year's derived figures, as a build at --date gives them,
    into data/annual-report/<YEAR>.frozen.yaml (ssg/derive/report_freeze.py)."""
    from ssg.build import BuildOptions, build
    from ssg.derive.annual_report import (
        ReportFileExists,
        build_report,
        frozen_file,
        report_years,
    )
    from ssg.derive.report_freeze import frozen_rows, write_frozen
    from ssg.scaffold import ScaffoldError, require_site

    usage = "ssg report freeze: 参数错误 (usage error): "
    if not re.fullmatch(r"[1-9][0-9]{3}", args.year):
        raise UsageError(f"{usage}年份应为 4 位数字，如 2025，不是 “{args.year}” (expected a year)")
    year = int(args.year)
    if _in_repository(args):
        raise UsageError(
            f"{usage}{args.source} 是集约化仓库；请用 --source 指定一个站点文件夹，如 --source www "
            "(a repository of sites: name one site with --source)"
        )
    try:
        require_site(args.source)
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    on = args.date or today()
    if year >= on.year:
        raise UsageError(
            f"{usage}{year} 年度尚未结束（日期 {on.isoformat()}），没有可冻结的报表 "
            "(the year has not ended)"
        )
    target = args.source / frozen_file(year)
    if target.exists() or target.is_symlink():
        raise UsageError(
            f"{usage}{target} 已存在，不会覆盖：{year} 年度报表已冻结 (already frozen; not overwritten)"
        )
    repository = _membership(args.source)
    result = build(
        BuildOptions(
            source=args.source,
            out=args.source / "public",
            build_date=on,
            write=False,
            checks=False,  # (nothing is published: the figures need the linked site only)
            ends_process=args.ends_process,
            portal_notices=repository.notices if repository is not None else (),
            repository=repository,
        )
    )
    errors = Diagnostics([d for d in result.diagnostics if d.severity is Severity.ERROR])
    site = result.site
    if errors or site is None:
        print_diagnostics(errors, every=True)
        print(
            f"输入有错误，{year} 年度报表的数字未冻结；修正上面的错误后再运行 "
            "(input errors: nothing frozen)",
            file=sys.stderr,
        )
        return EXIT_BLOCKED
    if year not in report_years(site, args.source):
        raise UsageError(
            f"{usage}本站没有 {year} 年度的报表（网站当年尚未开通或已迁移，也没有该年度的数据文件） "
            f"(no report for {year})"
        )
    report = build_report(site, args.source, year)
    try:
        written = write_frozen(args.source, report, site.config.name, on)
    except ReportFileExists as exc:
        raise UsageError(str(exc)) from None
    print(
        f"已写出 {written}：冻结了 {len(frozen_rows(report))} 项推导数字；请提交到 git "
        f"（{_git_add(args.source, frozen_file(year))}） (frozen; commit the file)"
    )
    return EXIT_OK


def _git_add(source: Path, rel: str) -> str:
    """The command that adds `rel` (a path in the site `source`) as typed where ssg was run:
    `--source` elsewhere names the site's folder too, or the editor's paste adds nothing."""
    if source.resolve() == Path.cwd().resolve():
        return f"git add {rel}"
    import shlex

    return f"git -C {shlex.quote(str(source))} add {rel}"


# --- deploy phase one: after deployment (RULES SEC-05, SEC-06, SEC-07) ----------------------


def _site_config_or_none(source: Path) -> SiteConfig | None:
    """data/site.yaml as the build reads it; its problems printed, None when unusable."""
    from ssg.config import load_site_config

    if not (source / "data" / "site.yaml").is_file():
        raise UsageError(
            f"找不到 {source}/data/site.yaml；请用 --source 指定站点目录，或用 --url 给出网址 "
            "(no site here: give --source or --url)"
        )
    diags = Diagnostics()
    config = load_site_config(source, diags)
    print_diagnostics(diags, every=True)
    return config


def _site_folder(command: str, source: Path) -> None:
    """--source names a folder (the site, or a repository of sites): a file or a path that
    does not exist is the operator's mistake, said as such rather than as a missing
    data/site.yaml or build output inside it."""
    if source.is_dir():
        return
    what = f"{source} 是文件，不是站点目录" if source.exists() else f"找不到站点目录 {source}"
    raise UsageError(
        f"ssg {command}: 参数错误 (usage error): --source：{what}；请写站点（或含 sites.yaml 的仓库）"
        "的文件夹 (--source must be the site's folder)"
    )


def _probe(args: argparse.Namespace) -> int:
    from ssg.monitor import probe

    _site_folder("probe", args.source)
    log: Path = args.log or args.source / PROBE_LOG
    if args.report:
        if args.every is not None:
            raise UsageError(
                "ssg probe: --every 不能与 --report 同用 (--every probes; --report reads)"
            )
        for url in args.url or []:  # (a filter: written wrong it matches no visit)
            _probe_url(url)
        return _probe_report(args, log)
    if args.days is not None or args.date is not None:
        raise UsageError(
            "ssg probe: --days 和 --date 只用于 --report（统计日志） (only with --report)"
        )
    urls: list[str] = args.url or []
    for url in urls:
        _probe_url(url)
    if not urls and _in_repository(
        args
    ):  # 集约化: every site of the platform, in sites.yaml's order
        found = _platform(args)
        if found is None:
            return EXIT_BLOCKED
        platform, chosen = found
        urls = [
            f"https://{platform.configs[e.path].domain}/"
            for e in chosen
            if e.path in platform.configs
        ]
    if not urls:
        config = _site_config_or_none(args.source)
        if config is None:
            return EXIT_BLOCKED
        urls = [f"https://{config.domain}/"]
    if args.every is not None:  # (before the log is touched: no round runs)
        problem = probe.every_problem(args.every, urls)
        if problem:
            raise UsageError(f"ssg probe: 参数错误 (usage error): {problem}")
    _probe_log(log, given=args.log is not None)
    if args.every is not None and args.every * probe.MIN_VISITS > 24 * 60:
        print(
            f"警告：每 {args.every:g} 分钟一轮，每天不到 {probe.MIN_VISITS} 次，达不到 SEC-05 的测量口径 "
            f"(warning: fewer than {probe.MIN_VISITS} visits a day)",
            file=sys.stderr,
        )
    if args.every is None:
        _probe_round(urls, log)
        return EXIT_OK
    # `kill` or a service manager stops the loop as Ctrl+C does. Only for the loop, and put
    # back after it: one round run inside another program (the tests) must leave its
    # handler alone — forked workers would inherit it and outlive their pool's SIGTERM.
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        while True:
            started = time.monotonic()
            _probe_round(urls, log)
            time.sleep(max(0.0, started + args.every * 60 - time.monotonic()))
    except KeyboardInterrupt:
        print("已停止 (stopped)", file=sys.stderr)
        return EXIT_OK
    finally:
        signal.signal(signal.SIGTERM, previous)


def _probe_url(url: str) -> None:
    """A --url that is not http(s)://host… is the caller's mistake (exit 2), not a site that
    failed to open: logged as a failed visit it would count toward a false SEC-05 veto."""
    from ssg.monitor.fetch import url_problem

    problem = url_problem(url)
    if problem:
        raise UsageError(f"ssg probe: 参数错误 (usage error): --url：{problem}")


def _probe_log(log: Path, given: bool) -> None:
    """Before any visit: the log can be written. Only the default folder (.ssg-monitor/ in
    the site) is made; a --log in a folder that does not exist is the operator's mistake
    (exit 2), never a new tree of folders (README, 可用性探测)."""
    from ssg.monitor import probe

    if not given:
        with contextlib.suppress(OSError):  # (what stops it, log_problem says)
            log.parent.mkdir(exist_ok=True)
    problem = probe.log_problem(log)
    if problem:
        option = "--log：" if given else ""
        raise UsageError(f"ssg probe: 参数错误 (usage error): {option}{problem}")


def _probe_round(urls: list[str], log: Path) -> None:
    """Visit each URL once, append the visits to the log, print one line each."""
    from ssg.monitor import probe

    visits = [probe.visit(url) for url in urls]
    try:
        probe.append(log, visits)
    except OSError as exc:
        raise UsageError(
            f"无法写入探测日志 {log}：{exc.strerror or exc} (cannot write the log)"
        ) from None
    for v in visits:
        state = f"未打开：{v.error or f'HTTP {v.status}'}" if v.failed else "打开"
        print(
            f"{v.time.isoformat(timespec='seconds')} {v.url} {v.status or '-'} "
            f"{v.seconds:.3f} 秒 {state}",
            flush=True,
        )


def _probe_report(args: argparse.Namespace, log: Path) -> int:
    from ssg.monitor import probe

    if log.is_dir():
        raise UsageError(
            f"探测日志 {log} 是文件夹，不是日志文件；请用 --log 指定 probe.jsonl 文件 "
            "(the log is a folder)"
        )
    if not log.is_file():
        raise UsageError(
            f"找不到探测日志 {log}；请先运行 ssg probe 记录访问，或用 --log 指定 (no probe log)"
        )
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise UsageError(f"无法读取探测日志 {log}：{exc.strerror or exc} (cannot read)") from None
    visits, problems = probe.parse_log(text, str(log))
    # The window ends the day before --date (default: today): a day still going on is partial.
    last_day = (args.date or today()) - dt.timedelta(days=1)
    days = args.days or probe.DAYS
    reports, findings = probe.judge(visits, last_day, days, str(log), args.url or ())
    sys.stdout.write(probe.table(reports))
    diags = Diagnostics([*problems, *findings])
    print_diagnostics(diags, every=True)
    print(summary_line(diags), file=sys.stderr)
    return EXIT_BLOCKED if diags.blocks() else EXIT_OK


def _links(args: argparse.Namespace) -> int:
    if not args.external:
        raise UsageError(
            "ssg links: 请加 --external；站内链接、图片和附件由 ssg build / ssg check 检查 "
            "(only --external is checked here: the build checks links inside the site)"
        )
    _site_folder("links", args.source)
    if _in_repository(args):
        return _links_platform(args)
    _no_sites(args)
    source: Path = args.source
    out: Path = args.out or source / "public"
    if out.exists() and not out.is_dir():
        raise UsageError(
            f"构建输出 {out} 是文件，不是文件夹；--out 应为 ssg build 的输出目录 "
            "(--out is a file: give the output folder)"
        )
    if not out.is_dir():
        raise UsageError(
            f"找不到构建输出 {out}；请先运行 ssg build，或用 --out 指定 (no built output)"
        )
    if not (out / "index.html").is_file():
        # (public-deploy/ or content/ by mistake: no page in it, and "0 external URLs, 0
        # dead" would pass the check that was never made)
        raise UsageError(
            f"{out} 中没有首页 index.html，不是 ssg build 的输出目录或网站根目录；"
            "--out 应为构建输出（默认 <站点>/public） (--out holds no site: no index.html)"
        )
    return _links_site(args, source, out)


def _links_platform(args: argparse.Namespace) -> int:
    """集约化: every site of sites.yaml (or those --site names), its output in <out>/<folder>/.
    A URL several sites link to (the 党政机关标识, the parent portal) is asked once."""
    found = _platform(args)
    if found is None:
        return EXIT_BLOCKED
    platform, chosen = found
    out_root: Path = args.out or args.source / "public"
    answered: dict[str, Fetched] = {}
    blocked = []
    for entry in chosen:
        out = out_root / entry.path
        print(_site_heading(platform, entry, f" → {out}"), file=sys.stderr)
        if not out.is_dir():
            print(
                f"找不到构建输出 {out}，未检查；请先运行 ssg build (no built output: not checked)",
                file=sys.stderr,
            )
            blocked.append(entry.path)
            continue
        if _links_site(args, entry.root, out, entry, answered) != EXIT_OK:
            blocked.append(entry.path)
    return _platform_outcome(chosen, blocked, "外链巡检", "links checked")


def _platform_outcome(
    chosen: tuple[SiteEntry, ...], blocked: list[str], what: str, english: str
) -> int:
    """The last line of a command run over a repository's sites, and its exit code."""
    stopped = f"，{len(blocked)} 个有阻止项或未完成：{'、'.join(blocked)}" if blocked else ""
    print(
        f"集约化仓库：{len(chosen)} 个站点{what}完成{stopped} "
        f"({len(chosen)} sites, {english}; {len(blocked)} with findings that block or not done)",
        file=sys.stderr,
    )
    return EXIT_BLOCKED if blocked else EXIT_OK


def _links_site(
    args: argparse.Namespace,
    source: Path,
    out: Path,
    entry: SiteEntry | None = None,
    answered: dict[str, Fetched] | None = None,
) -> int:
    """One site's external links. `entry`: the site of a repository, whose files are named
    from the repository root; `answered`: the answers of this run so far (other sites')."""
    from ssg.check.allow import accept
    from ssg.monitor import links as external
    from ssg.monitor.sources import SiteView, find_line, load_view, setting_place

    diags = Diagnostics()
    view: SiteView | None = None
    if (source / "data" / "site.yaml").is_file():
        view = load_view(source, args.date or today(), diags)
        if view is None:
            print_diagnostics(_named(diags, entry), every=True)
            return EXIT_BLOCKED
    found = external.external_links(out, [view.domain] if view else [])
    cache = external.LinkCache(source / LINKS_CACHE, time.time())
    if args.no_cache:
        cache.entries.clear()
    for url in found:  # (asked for another site of the repository in this run)
        if answered is not None and url in answered:
            cache.put(answered[url])
    fresh = {url for url in found if cache.get(url) is None}
    answers = external.check_urls(
        list(found), jobs=args.jobs, delay=args.delay, timeout=args.timeout, cache=cache
    )
    if answered is not None:
        answered.update(answers)
    try:
        cache.save()
    except OSError as exc:
        print(f"警告：无法保存缓存 {cache.path}：{exc} (cache not saved)", file=sys.stderr)
    # An output page named for want of a content file: from the repository root (or the
    # site's), never through the site's folder as the site's own files are.
    base = args.source if entry is not None else source
    output_pages: set[str] = set()

    def page_name(page: str) -> str:
        try:
            name = (out / page).resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            name = (out / page).as_posix()
        output_pages.add(name)
        return name

    def locate(link: external.Link) -> tuple[str, int]:
        file = view.source_of(link.page) if view else ""
        if file:
            line = find_line(
                source, file, link.written, view.body_lines.get(file, 1) if view else 1
            )
            if line:
                return file, line
        if view is not None:  # (the theme's embeds and 备案 links come from the settings)
            place = setting_place(source, link.written, view.mapped)
            if place is not None:
                return place
        if file:
            return file, 0
        return page_name(link.page), 0

    findings = external.findings(found, answers, locate)
    if view is not None:
        mine = tuple(a for a in view.allowances if a.code == external.CODE)
        # (an allowance of a build-time SEC-06 finding is not unused because no dead
        # external link matched it here: ALLOW-03 is `ssg check`'s to say)
        findings = [d for d in accept(findings, mine, view.site) if d.code != "ALLOW-03"]
    diags = _named(diags, entry)
    diags.extend(
        f if f.file in output_pages else _named(Diagnostics([f]), entry).items[0] for f in findings
    )
    print_diagnostics(diags, every=args.all)
    dead = sum(1 for a in answers.values() if external.is_dead(a))
    limited = sum(1 for a in answers.values() if a.status == external.TOO_MANY)
    slowed = f"，{limited} 个所在网站要求降低访问频率、未能确认" if limited else ""
    print(
        f"检查了 {len(found)} 个外部网址（{len(found) - len(fresh)} 个取自一天内的缓存），"
        f"无法访问 {dead} 个{slowed} (checked {len(found)} external URLs, "
        f"{len(found) - len(fresh)} from the cache; {dead} dead, {limited} rate limited)"
    )
    print(summary_line(diags), file=sys.stderr)
    return EXIT_BLOCKED if diags.blocks(args.strict) else EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    _site_folder("verify", args.source)
    if _in_repository(args):
        return _verify_platform(args)
    _no_sites(args)
    if args.out is not None:
        raise UsageError(
            "ssg verify: 参数错误 (usage error): --out 只用于含 sites.yaml 的集约化仓库；"
            "单个站点请用 --manifest (--out needs a sites.yaml repository)"
        )
    if args.target is None:
        raise UsageError(
            "ssg verify: 参数错误 (usage error): 请给出服务器上的网站根目录或网站地址 DIR|URL "
            "(give the web root or the site's URL)"
        )
    from ssg.monitor.verify import target_problem

    problem = target_problem(args.target)
    if problem:
        raise UsageError(f"ssg verify: 参数错误 (usage error): {problem}")
    # (beside the site's default output, as `ssg links` finds <site>/public)
    manifest: Path = args.manifest or args.source / DEFAULT_MANIFEST
    if manifest.is_dir():
        raise UsageError(
            f"发布清单 {manifest} 是文件夹；请用 --manifest 指定其中的 manifest.sha256 文件 "
            "(the manifest is a folder: give the file)"
        )
    if not manifest.is_file():
        raise UsageError(
            f"找不到发布清单 {manifest}；它由 ssg build 写在输出目录旁的 <输出>-deploy/ 中，"
            "可用 --manifest 指定 (no manifest)"
        )
    return _verify_site(args, manifest, str(manifest), args.target)


def _verify_platform(args: argparse.Namespace) -> int:
    """集约化: each site's copy against its own manifest, <out>/<folder>-deploy/manifest.sha256;
    the copy is https://<domain>/, or <DIR>/<folder>/ when a folder laid out as public/ is
    given. Diagnostics name the manifests from the repository root."""
    if args.manifest is not None:
        raise UsageError(
            "ssg verify: 参数错误 (usage error): 集约化仓库中每个站点用自己的发布清单 "
            "<输出>/<文件夹>-deploy/manifest.sha256，不能用 --manifest；可用 --out 指定输出目录、"
            "--site 指定站点 (each site has its own manifest: use --out and --site)"
        )
    target: str | None = args.target
    if target is not None and re.match(r"https?://", target, re.I):
        raise UsageError(
            "ssg verify: 参数错误 (usage error): 集约化仓库中不写网址时逐站核对 https://<域名>/；"
            "只核对一个网址请在该站点文件夹中运行，或用 --site 与站点的 --source "
            "(in a repository each site is checked at its own domain; give no URL)"
        )
    if target is not None:
        from ssg.monitor.verify import target_problem

        problem = target_problem(target)
        if problem:
            raise UsageError(f"ssg verify: 参数错误 (usage error): {problem}")
    found = _platform(args)
    if found is None:
        return EXIT_BLOCKED
    platform, chosen = found
    out_root: Path = args.out or args.source / "public"
    blocked = []
    for entry in chosen:
        config = platform.configs.get(entry.path)
        copy = str(Path(target) / entry.path) if target is not None else ""
        if not copy and config is not None:
            copy = f"https://{config.domain}/"
        manifest = out_root / f"{entry.path}-deploy" / "manifest.sha256"
        print(_site_heading(platform, entry, f" → {copy or '?'}"), file=sys.stderr)
        if not copy or not manifest.is_file():
            print(
                f"找不到发布清单 {manifest}（站点没有 data/deploy.yaml，或尚未构建），未核对 "
                "(no manifest: not checked)"
                if copy
                else "data/site.yaml 无法读取，不知道网址，未核对 (no domain: not checked)",
                file=sys.stderr,
            )
            blocked.append(entry.path)
            continue
        try:
            label = manifest.resolve().relative_to(args.source.resolve()).as_posix()
        except ValueError:
            label = str(manifest)
        if _verify_site(args, manifest, label, copy) != EXIT_OK:
            blocked.append(entry.path)
    return _platform_outcome(chosen, blocked, "防篡改比对", "verified")


def _verify_site(args: argparse.Namespace, manifest: Path, label: str, target: str) -> int:
    """One copy against one manifest; `label` names the manifest in diagnostics."""
    from ssg.monitor import verify

    try:
        text = manifest.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise UsageError(f"无法读取发布清单 {manifest}：{exc.strerror or exc}") from None
    entries, problems = verify.parse_manifest(text, label)
    diags = Diagnostics(list(problems))
    if problems:  # (a check against a broken manifest would report good files as extra)
        print_diagnostics(diags, every=True)
        print("发布清单有错误，未核对 (manifest invalid: nothing checked)", file=sys.stderr)
        return EXIT_BLOCKED
    unasked = 0  # old URLs with a query string, which a folder cannot answer
    if re.match(r"https?://", target, re.I):
        # The 301s the build's nginx.conf makes, written beside the manifest by the build.
        beside = manifest.parent / verify.REDIRECTS_FILE
        try:
            redirects_text = beside.read_text(encoding="utf-8")
        except FileNotFoundError:
            redirects_text = ""  # (a deploy folder written before redirects.tsv existed)
        except OSError as exc:
            raise UsageError(f"无法读取 {beside}：{exc.strerror or exc} (cannot read)") from None
        except UnicodeDecodeError:
            raise UsageError(f"无法读取 {beside}：不是 UTF-8 文本 (not UTF-8)") from None
        redirects = verify.parse_redirects(redirects_text)
        outcome = verify.check_site(
            entries,
            target,
            label,
            jobs=args.jobs,
            timeout=args.timeout,
            redirects=redirects,
            queries=verify.query_redirects(redirects_text, {e.path for e in entries}),
        )
    else:
        root = Path(target)
        if not root.is_dir():
            raise UsageError(
                f"{target} 不是文件夹，也不是 http(s) 网址 (neither a folder nor a URL)"
            )
        outcome = verify.check_folder(entries, root, label)
        beside = manifest.parent / verify.REDIRECTS_FILE
        with contextlib.suppress(OSError, UnicodeDecodeError):
            listed = {e.path for e in entries}
            unasked = len(verify.query_redirects(beside.read_text(encoding="utf-8"), listed))
    diags.extend(outcome.findings)
    print_diagnostics(diags, every=True)
    print(outcome.summary())
    if unasked:  # (no file answers them: only a request to the server can)
        print(
            f"带查询参数的旧网址 {unasked} 个由 nginx.conf 跳转，核对文件夹时不能检查；"
            "请再用网址核对：ssg verify https://<域名>/ "
            f"({unasked} old URLs with a query string are checked over HTTP(S) only)"
        )
    # Any difference is an alarm, deduct as each finding is (SEC-07 is no single veto).
    return EXIT_BLOCKED if diags.items else EXIT_OK


# --- end deploy phase one ----------------------------------------------------------------------
