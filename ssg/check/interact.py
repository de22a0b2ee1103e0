"""INTERACT rules: a working channel, messages answered in time, replies made public.

Sources: 检查指标（国办秘函〔2019〕19号）单项否决“互动回应差”“无有效咨询建言渠道” ✅;
吉林办法 第二十二条、第三十四条 ✅. Messages come from data/messages.csv (ARCHITECTURE §2.4).
INTERACT-03's order of dates (留言日期 ≤ 受理日期 ≤ 答复日期) has no rule function: dates that
contradict each other are invalid input, an error where they are read — a reply item's when its
front matter is validated (ssg/content/validate.py), a row's when this file is read (below).

data/messages.csv is input, validated in the build's load stage as every data file is
(load_messages): a row it cannot read, or dated wrong, blocks before any rule runs, for the
rules judge a valid site. The rules and the report then read its validated rows. Its problems
are input errors with codes of their own, MESSAGES-01..04, as data/lifecycle.yaml's are
LIFECYCLE-0x (ARCHITECTURE §3.1): not a rule's code, whose title, source and fix the reports
would give to what is an editor's typing error (INTERACT-02, a veto, said a wrong date was
"互动回应差").
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ssg.check.dates import add_months, site_days, working_days_between
from ssg.check.freshness import frequency_line
from ssg.check.registry import CheckContext, Finding, rule
from ssg.config import UNREADABLE, read_input
from ssg.content.frontmatter import decode
from ssg.content.model import Reply
from ssg.content.validate import (
    CATEGORIES,
    Stamp,
    ascii_digits,
    day_problem,
    parse_day,
    reply_order_breaks,
)
from ssg.diagnostics import Diagnostic, Diagnostics, Severity
from ssg.link import Site

MESSAGES_FILE = "data/messages.csv"
COLUMNS = ("id", "asked", "received", "replied", "department", "category", "public")
ANSWER_MONTHS = 3  # INTERACT-02: 超过 3 个月未回应
WARN_DAYS = 60  # INTERACT-02: >60 天提示
REPLY_FRESH_MONTHS = 2  # INTERACT-04 ◐
JIUCUO_WORKING_DAYS = 3  # 吉林办法 第三十四条
# The input errors of the export, numbered as data/lifecycle.yaml's (LIFECYCLE-01 the file's
# shape, -02 a required field missing, -03 a value that cannot be read); their titles and fixes
# are in ssg/check/input_codes.py with every other input code.
READING_CODE = "MESSAGES-01"
MISSING_CODE = "MESSAGES-02"
DATE_CODE = "MESSAGES-03"
# 答复日期 ≥ 受理日期 ≥ 留言日期: the order a reply item's dates break as error [INTERACT-03]
# (the schema of a published reply, whose fields that rule names); in the export, a row so
# dated is a typing error in a data file, as lifecycle.yaml's "ends before it starts".
ORDER_CODE = "MESSAGES-04"
# The same message twice (an export pasted after the last one): every figure it feeds — the
# annual report's 收到/办结留言数量, INTERACT-02 — would count it twice.
DUPLICATE_CODE = "MESSAGES-05"
# A 类别 that is neither a consultation category nor an excluded channel (below): INTERACT-02
# cannot tell whether the row is in its scope, so it is advice, once per value (README).
CATEGORY_CODE = "MESSAGES-06"
# A 是否公开 that is neither 是 nor 否 (nor 公开 / 不公开): an unreadable value, as a date that
# is no date is (MESSAGES-03), an error.
PUBLIC_CODE = "MESSAGES-07"
PUBLIC_VALUES = ("是", "否", "公开", "不公开")

# RULES INTERACT-02 ✅ counts 政务咨询类栏目 only: "在线访谈、调查征集、网上信访、纪检举报除外".
# The export holds every message of the platform (ARCHITECTURE §2.4), whose unified platform
# also carries 在线访谈 and 征集调查 (吉林办法 第二十二条): rows of those channels are not
# judged. Each spelling is matched whole (spaces aside), to the channel it names: a near miss
# (信访件, 纪检) is not guessed at, it is MESSAGES-06.
EXCLUDED_CHANNELS = {
    "信访": "网上信访",
    "网上信访": "网上信访",
    "举报": "纪检举报",
    "纪检举报": "纪检举报",
    "访谈": "在线访谈",
    "在线访谈": "在线访谈",
    "征集": "调查征集",
    "调查征集": "调查征集",
    "征集调查": "调查征集",
    "意见征集": "调查征集",  # (吉林办法 第二十二条's own word, 专项意见征集)
}
# The categories of a published reply (ARCHITECTURE §1.2): 政务咨询类, judged. An empty 类别
# is too, as a reply item without `category` is: the platform did not classify the message.
CONSULTATION = frozenset(CATEGORIES) | {""}


@dataclass(frozen=True, slots=True)
class Message:
    line: int  # line in data/messages.csv
    id: str
    asked: dt.date | None
    received: dt.date
    replied: dt.date | None
    department: str
    category: str
    public: str
    # A 答复日期 was written but cannot be read (an error at the row, which stops a build in its
    # load stage): the platform recorded an answer, so the message is answered, on a day not
    # known. Whatever reads the rows regardless judges it so: neither INTERACT-02 nor ID-12 as
    # unanswered, the figures as received and 办结, without days to average.
    answered_undated: bool = False

    def answered_by(self, day: dt.date) -> bool:
        """Whether the message counts as answered (办结) by `day`."""
        return self.answered_undated or (self.replied is not None and self.replied <= day)


def _folded(category: str) -> str:
    return "".join(category.split())


def excluded_channel(category: str) -> str:
    """The channel INTERACT-02 leaves out that `category` names (网上信访 …), else ""."""
    return EXCLUDED_CHANNELS.get(_folded(category), "")


# The channels by name, in RULES's order: what the 留言办理 figures say they leave out.
EXCLUDED_CHANNEL_NAMES = tuple(dict.fromkeys(EXCLUDED_CHANNELS.values()))


def consultation_messages(messages: Iterable[Message]) -> list[Message]:
    """The rows of 政务咨询类 messages: all but those of a channel INTERACT-02 leaves out.

    The annual report's 留言办理 and the 知识库 count these, the rows INTERACT-02 judges:
    the template gives 在线访谈 and 征集调查 sections of their own, and 网上信访、纪检举报
    are no 咨询建言渠道 at all (RULES INTERACT-01) — counted, a 信访 case took its months
    into the 平均办理时间 of the citizens' questions. A row of an unknown 类别 is counted, as
    INTERACT-02 judges it: MESSAGES-06 asks for its category, and a typing error does not
    drop a message from the figures unseen."""
    return [m for m in messages if not excluded_channel(m.category)]


def consultation_replies(site: Site) -> list[Reply]:
    """The published replies of the 政务咨询类 channel, by id: all but those in a column whose
    ColumnType names a channel INTERACT-02 leaves out (在线访谈, 征集调查, or a site's own
    网上信访 …: `column_types` in data/site.yaml). A reply item's `category` is a consultation
    one by its schema; its column says whether it answers an interview or a survey instead.

    The annual report's 公开答复数量 and the 知识库 (RULES INTERACT-06, 吉林办法 第二十二条
    “定期整理咨询答复形成知识库”: the answers to citizens' questions) hold these: an
    interview's answers are counted under 在线访谈 (访谈期数) and were counted twice.

    Computed once per Site (its `replies_memo` slot): a new Site starts afresh."""
    if not site.replies_memo:
        site.replies_memo.append(
            tuple(
                item
                for _, item in sorted(site.items.items())
                if isinstance(item, Reply)
                and not excluded_channel(site.column_types.get(item.column, ""))
            )
        )
    return list(site.replies_memo[0])


def known_category(category: str) -> bool:
    """Whether INTERACT-02 can tell the scope of a row of this 类别: a consultation category
    (or none), or an excluded channel."""
    folded = _folded(category)
    return folded in CONSULTATION or folded in EXCLUDED_CHANNELS


def monitoring_start(today: dt.date) -> dt.date:
    """The last day before the monitoring year of INTERACT-02 and ID-12: "监测时间点前 1 年内"
    is the days after it, up to the build date."""
    return add_months(today, -12)


def waited_in_year(received: dt.date, replied: dt.date | None, today: dt.date) -> dt.date | None:
    """The last day a message waited for its answer within the monitoring year, or None when
    it waited none of it (answered on or before the year's start).

    The wait runs from `received` to `replied` (that day included: an answer given on it is
    given after the wait), or to the build date while there is no answer yet (an answer dated
    after the build date has not been given). A rule on how long a message waited judges it
    when that wait reaches into the year: a message received long before and still
    unanswered is waiting now."""
    end = today if replied is None or replied > today else replied
    return end if end > monitoring_start(today) else None


_DATE_LABELS = {"asked": "留言日期", "received": "受理日期", "replied": "答复日期"}
# A platform export may add the time: 2026-01-08, 2026-01-08 10:23 or 2026-01-08T10:23:05.
_STAMP = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::\d{2})?)?")


def _read_stamp(value: str) -> Stamp | None:
    """A date of the export as read, with its time when it gives one (the order of the dates
    is judged to the minute when both give a time, as in reply items); None if unreadable."""
    match = _STAMP.fullmatch(ascii_digits(value))  # (full-width digits, as front matter)
    if not match:
        return None
    day = parse_day(match.group(1))  # (as every date an editor writes: no year below 1000)
    if day is None:
        return None
    if match.group(2) is None:
        return dt.datetime.combine(day, dt.time()), False
    try:
        return dt.datetime.combine(day, dt.time(int(match.group(2)), int(match.group(3)))), True
    except ValueError:
        return dt.datetime.combine(day, dt.time()), False  # (the day is what counts elsewhere)


def _unclosed_quote(line: str) -> bool:
    """Whether a line read as one whole row opens a quote it never closes: the lenient reader
    runs such a quote to the end of the file without a word (a quote inside a cell, a"b, or
    doubled, "a""b", is no such quote)."""
    if '"' not in line:
        return False
    try:
        next(csv.reader([line], strict=True), None)
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _problem(line: int, field: str, message: str, code: str = READING_CODE) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, MESSAGES_FILE, line, field, message)


def load_messages(root: Path, diags: Diagnostics, today: dt.date) -> None:
    """data/messages.csv checked in the load stage, as every data file is: its problems are
    input errors, and with them the build stops before the rules (which read the rows)."""
    messages, problems = read_messages(root)
    diags.extend(problems)
    diags.extend(_received_after(messages, today))


def _received_after(messages: Iterable[Message], today: dt.date) -> list[Diagnostic]:
    """A row received after the build date (2062 typed for 2026): no export holds a message
    not yet received. Such a row silently left INTERACT-02 (a veto) and the report's figures,
    which read the rows up to the build date: an error, as the order 受理日期 ≤ 答复日期 is
    (MESSAGES-04). The limit is the build date (`--date`), never the clock: a build of the
    same input on the same date says the same thing whenever it runs, and a build dated in
    the past reads an export as it was on that date, when a later row had not come in."""
    return [
        _problem(
            message.line,
            "received",
            f"受理日期 {message.received:%Y-%m-%d} 晚于今天（构建日期）{today:%Y-%m-%d}，"
            "到这一天还不可能已受理；请核对年份，或使用这一天的导出 (received after the build date)",
            ORDER_CODE,
        )
        for message in messages
        if message.received > today
    ]


def read_messages(root: Path) -> tuple[tuple[Message, ...], tuple[Diagnostic, ...]]:
    """data/messages.csv → the rows that could be read, and the problems found reading it.
    Read once per version of the file: the load stage, several rules and the annual report
    ask for it, and `ssg serve` rebuilds in one process as the file changes."""
    path = root / MESSAGES_FILE
    try:
        info = path.stat()
        stamp: tuple[int, ...] = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    except OSError:
        stamp = ()
    return _read_messages(root, stamp)


@functools.lru_cache(maxsize=4)
def _read_messages(
    root: Path, _stamp: tuple[int, ...]
) -> tuple[tuple[Message, ...], tuple[Diagnostic, ...]]:
    raw, unreadable = read_input(root / MESSAGES_FILE)
    if unreadable:
        return (), (_problem(0, "", unreadable, UNREADABLE),)
    if raw is None:
        return (), ()
    problems: list[Diagnostic] = []
    # As every text file is read (FILE-01, FILE-02): the platform's export is often GBK or
    # UTF-16, and the message says how to convert it.
    reading = Diagnostics()
    text = decode(raw, MESSAGES_FILE, reading)
    if text is None:
        return (), tuple(_problem(d.line, d.field, d.message, d.code) for d in reading)
    if not text.strip():
        # (the header check said every column was missing, as if the file had a wrong one)
        return (), (
            _problem(
                1,
                "",
                f"文件是空的，连表头也没有；应以表头 {','.join(COLUMNS)} 开始；没有留言时也请保留表头这一行 "
                "(the file is empty)",
            ),
        )
    reader = csv.reader(io.StringIO(text))
    physical = text.split("\n")  # (the lines as the reader counts them: io.StringIO's)
    try:
        header = [cell.strip() for cell in next(reader, [])]
    except csv.Error as exc:
        return (), (_problem(1, "", f"表头无法按 CSV 读取（{exc}） (malformed CSV header)"),)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return (), (
            _problem(
                1,
                "",
                f"表头缺少列：{', '.join(missing)}；应为 {','.join(COLUMNS)} (missing columns)",
            ),
        )
    messages = []
    first_line: dict[str, int] = {}  # message id -> the line that gave it first
    unknown: dict[str, list[int]] = {}  # a 类别 INTERACT-02 cannot place -> its lines
    while True:
        line = reader.line_num + 1  # a row is reported at the line it starts on
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # (a cell over the csv module's 128 KiB limit, say): the rest cannot be trusted.
            problems.append(
                _problem(
                    line, "", f"这一行无法按 CSV 读取（{exc}），其后的行未读取 (malformed CSV)"
                )
            )
            break
        if reader.line_num > line:
            # No column of the export holds a line break: a quote that is not closed has
            # swallowed the lines up to the next quote into this one row.
            problems.append(
                _problem(
                    line,
                    "",
                    f"引号没有成对：从第 {line} 行到第 {reader.line_num} 行被读成了一行；"
                    "请删除多余的引号 (unbalanced quote joins lines "
                    f"{line}-{reader.line_num} into one row)",
                )
            )
            continue
        if _unclosed_quote(physical[line - 1] if line <= len(physical) else ""):
            # (on the last row the quote swallows no line, only the rest of its own: it is
            # still a quote not closed, not a row without 受理日期 — README)
            problems.append(
                _problem(
                    line,
                    "",
                    f"引号没有成对：第 {line} 行的引号到文件末尾也没有闭合；"
                    f"请删除多余的引号 (unbalanced quote on line {line})",
                )
            )
            continue
        if not any(cell.strip() for cell in cells):
            continue
        row = dict(zip(header, cells, strict=False))
        stamps: dict[str, Stamp | None] = {}
        failed = False
        for key in ("asked", "received", "replied"):
            value = (row.get(key) or "").strip()
            stamps[key] = _read_stamp(value) if value else None
            if value and stamps[key] is None:
                failed = True
                # (a platform may write 未答复 where no answer was given yet: that cell is empty)
                empty = "；未答复的留言请留空" if key == "replied" else ""
                problems.append(
                    _problem(
                        line,
                        key,
                        day_problem(_DATE_LABELS[key], value, empty),
                        DATE_CODE,
                    )
                )
        received = stamps["received"]
        if received is None:
            if not failed:
                # (a reply item without one is error [INTERACT-03], the schema of what is
                # published: the row of the export is the input's own error)
                problems.append(_problem(line, "received", "缺少受理日期 (missing)", MISSING_CODE))
            continue
        message_id = (row.get("id") or "").strip()
        if message_id and message_id in first_line:
            problems.append(
                _problem(
                    line,
                    "id",
                    f"留言编号 {message_id} 与第 {first_line[message_id]} 行重复：同一条留言导出了两次，"
                    "会被统计两次；请删除重复的一行 "
                    f"(duplicate message id, first on line {first_line[message_id]})",
                    DUPLICATE_CODE,
                )
            )
            continue
        first_line.setdefault(message_id, line)
        problems.extend(_out_of_order(line, message_id, stamps))
        public = (row.get("public") or "").strip()
        if public and public not in PUBLIC_VALUES:
            problems.append(
                _problem(
                    line,
                    "public",
                    f"“{public}” 不是是否公开的取值；应为 是 或 否（也可写 公开、不公开），"
                    "不知道时留空 (public must be 是 or 否)",
                    PUBLIC_CODE,
                )
            )
        category = (row.get("category") or "").strip()
        if not known_category(category):
            unknown.setdefault(category, []).append(line)
        asked, replied = stamps["asked"], stamps["replied"]
        messages.append(
            Message(
                line=line,
                id=message_id,
                asked=asked[0].date() if asked else None,
                received=received[0].date(),
                replied=replied[0].date() if replied else None,
                department=(row.get("department") or "").strip(),
                category=category,
                public=public,
                answered_undated=replied is None and bool((row.get("replied") or "").strip()),
            )
        )
    problems.extend(_unknown_categories(unknown))
    return tuple(messages), tuple(problems)


def _unknown_categories(unknown: dict[str, list[int]]) -> list[Diagnostic]:
    """One advice per unknown 类别, at its first row (an export of thousands of rows classed
    其他 is one thing to settle, not thousands). Advice, not an error: the export is the
    platform's, and a row so classed is still judged — INTERACT-02 reports it overdue as a
    deduct, for a veto must not rest on a guess of the row's channel."""
    found = []
    for category, lines in unknown.items():
        more = f"（共 {len(lines)} 行，此为第一行）" if len(lines) > 1 else ""
        more_en = f"; {len(lines)} rows" if len(lines) > 1 else ""
        found.append(
            Diagnostic(
                Severity.ADVICE,
                CATEGORY_CODE,
                MESSAGES_FILE,
                lines[0],
                "category",
                f"留言类别“{category}”{more}不是已知的类别，无法判断是否属于政务咨询类留言："
                "这样的留言超过 3 个月未答复只报扣分、不作单项否决（INTERACT-02）；"
                f"咨询建言类请写 {'、'.join(CATEGORIES)}，专门渠道请写 网上信访、纪检举报、"
                f"在线访谈 或 调查征集（这些不计入 INTERACT-02） (unknown category{more_en})",
            )
        )
    return found


def _out_of_order(line: int, message_id: str, stamps: dict[str, Stamp | None]) -> list[Diagnostic]:
    """A row whose dates break 留言日期 ≤ 受理日期 ≤ 答复日期 (RULES INTERACT-03's order). It
    is invalid input, as a date that is no date is: `error`, as every date error of a data file
    (lifecycle.yaml's LIFECYCLE-03, holidays.yaml) — the row's handling days cannot be known,
    and the annual report and 知识库 figures it feeds would be wrong. A reply item so dated
    is the same error (as INTERACT-03), found by the same function where its front matter is
    validated."""
    label = f"留言 {message_id} 的" if message_id else ""
    return [
        _problem(line, field, message, ORDER_CODE)
        for field, message in reply_order_breaks(
            stamps["asked"], stamps["received"], stamps["replied"], label
        )
    ]


def published_twins(messages: Iterable[Message], replies: Iterable[Reply]) -> dict[str, Message]:
    """Reply item id -> its row of messages.csv, when the export holds the message it answers.

    The contract gives the two no shared id (ARCHITECTURE §2.4: the row's `id` is the
    platform's; a reply item has none) and the export has no title, so a reply and a row are
    the same message when all they share agrees: the same 受理日期 and 答复部门 (spaces
    aside), the row's 留言日期 (when it gives one) and 答复日期 equal to the reply's, and the
    same 类别 when both give one. A row without 答复日期 is an unanswered message, never a
    published answer; nor is a row of a channel INTERACT-02 leaves out (网上信访 …) the twin of
    a consultation reply, with or without its `category`. One row answers one reply: of rows
    alike, the first not yet taken."""
    rows: dict[tuple[dt.date, str], list[Message]] = {}
    for message in messages:
        if message.replied is not None and not excluded_channel(message.category):
            rows.setdefault((message.received, _dept(message.department)), []).append(message)
    twins: dict[str, Message] = {}
    for reply in sorted(replies, key=lambda r: r.id):
        candidates = rows.get((reply.received.date(), _dept(reply.department)), [])
        for message in candidates:
            if (
                message.replied == reply.replied.date()
                and message.asked in (None, reply.asked.date())
                and not (message.category and reply.category and message.category != reply.category)
            ):
                twins[reply.id] = message
                candidates.remove(message)
                break
    return twins


def _replies(ctx: CheckContext) -> list[Reply]:
    """The reply items INTERACT-02 and ID-12 judge, by id: an answer in an 在线访谈 or 征集调查
    column is none of the 政务咨询类 messages RULES INTERACT-02 counts (a late interview answer
    was a veto)."""
    return consultation_replies(ctx.site)


def _dept(name: str) -> str:
    return "".join(name.split())


def _same_as(text: str, message: Message) -> str:
    """A reply's finding, naming the row of messages.csv that is the same message (whose
    own finding it replaces): before the English part, and in it."""
    chinese, sep, english = text.rpartition(" (")
    if not sep:
        chinese, english = text, ""
    label = f"留言 {message.id}" if message.id else "留言"
    row = f"；即 {MESSAGES_FILE} 第 {message.line} 行的{label}，只报告一次"
    also = f"; the same message as line {message.line} of {MESSAGES_FILE})"
    return f"{chinese}{row} ({english.removesuffix(')')}{also}" if sep else chinese + row


@rule(
    "INTERACT-01",
    Severity.VETO,
    "无有效咨询建言渠道",
    "检查指标（国办秘函〔2019〕19号）单项否决；吉林办法 第二十二条",
    "开设咨询投诉类（留言答复）栏目，或在 data/site.yaml 的 interact.platform_url 写统一互动平台地址",
)
def channel(ctx: CheckContext) -> Iterator[Finding]:
    """A 咨询投诉 column, or the platform's address. That address is an http(s) URL or a path
    of the site by the time a rule runs: any other text (待填写, http://) is an input error of
    data/site.yaml (ssg.config.channel_problem), not a channel."""
    site = ctx.site
    if site.config.interact.get("platform_url"):
        return
    if any(
        site.column_types.get(c) == "咨询投诉" and not site.columns[c].draft
        for c in site.columns
        if c
    ):
        return
    yield Finding(
        "data/site.yaml",
        site.config.lines.get("interact", 1),
        "interact",
        "没有咨询建言渠道：既无咨询投诉类栏目，也未配置统一互动平台 interact.platform_url "
        "(no channel for citizens' questions)",
    )


def _late_answer(
    received: dt.date, replied: dt.date, today: dt.date, message_id: str = ""
) -> tuple[str, Severity | None]:
    """The finding's text (and its severity when below the rule's) when `replied` is more
    than 3 calendar months after `received`; "" when on time. An answer dated after the build
    date has not been given yet: the message is judged as one without an answer is (a row of
    messages.csv with 答复日期 empty), late once the build date is more than 3 months after
    `received`, and advice after 60 days."""
    label = f"留言 {message_id} " if message_id else "该留言"
    if replied > today:
        waited = (today - received).days
        deadline = add_months(received, ANSWER_MONTHS)
        if today > deadline:
            return (
                f"{label}{received:%Y-%m-%d} 受理，答复日期 {replied:%Y-%m-%d} 晚于构建日期，至今已 "
                f"{waited} 天未答复，超过 3 个月 (not answered for more than 3 months)",
                None,
            )
        if waited > WARN_DAYS:
            return (
                f"{label}{received:%Y-%m-%d} 受理，答复日期 {replied:%Y-%m-%d} 晚于构建日期，至今已 "
                f"{waited} 天未答复，将在 {deadline:%Y-%m-%d} 后构成单项否决 "
                f"(not answered for {waited} days)",
                Severity.ADVICE,
            )
        return "", None
    if replied <= add_months(received, ANSWER_MONTHS):
        return "", None
    return (
        f"{label}{received:%Y-%m-%d} 受理，{replied:%Y-%m-%d} 才答复，用了 "
        f"{(replied - received).days} 天，超过 3 个月未回应 (answered after more than 3 months)",
        None,
    )


@rule(
    "INTERACT-02",
    Severity.VETO,
    "互动回应差：监测前 1 年内有超过 3 个月未回应的留言",
    "检查指标（国办秘函〔2019〕19号）单项否决",
    "3 个月内答复每条留言；超期的尽快答复并在平台导出中填写答复日期（超期后才答复的，"
    "答复满 1 年前仍会被抽查发现）",
)
def unanswered(ctx: CheckContext) -> Iterator[Finding]:
    """A 政务咨询类 message that, at some moment of the year before the build date, had been
    waiting more than 3 calendar months since `received` for its answer: unanswered now
    (whenever it was received), or answered inside that year after such a wait.

    An answer that came later than that does not undo the veto: the message was "超过 3 个月
    未回应" inside the monitoring year, and the spot check reads it off the published 受理日期
    and 答复日期. So a late answer is a veto too (not a deduct), in the export and in the
    published reply items alike, at their `replied`. Rows of the channels the rule excludes
    (网上信访、纪检举报、在线访谈、调查征集) are not judged; a row of an unknown 类别 is, but
    below the veto (MESSAGES-06 asks for its category)."""
    today = ctx.site.build_date
    messages = read_messages(ctx.root)[0]  # (its problems block in the load stage)
    # A message both in the export and published is judged once, at its reply item (whose
    # dates are those of its row): the finding names the row.
    replies = _replies(ctx)
    twins = published_twins(messages, replies)
    published = {message.line for message in twins.values()}
    for reply in replies:
        item_id = reply.id
        received, replied = reply.received.date(), reply.replied.date()
        if waited_in_year(received, replied, today) is None:
            continue
        late, level = _late_answer(received, replied, today)
        if late and item_id in twins:
            late = _same_as(late, twins[item_id])
        if late:
            yield Finding(
                reply.location.file, reply.location.line("replied"), "replied", late, level
            )
    for message in messages:
        if message.line in published or excluded_channel(message.category):
            continue
        if message.answered_undated:
            continue  # (answered, on a day its row's error asks for: not judged unanswered)
        if waited_in_year(message.received, message.replied, today) is None:
            continue  # (answered before the monitoring year)
        if message.replied is not None:
            late, level = _late_answer(message.received, message.replied, today, message.id)
        else:
            late, level = _unanswered_row(message, today)
        if late:
            if level is None and not known_category(message.category):
                late, level = _out_of_scope(late, message.category), Severity.DEDUCT
            yield Finding(MESSAGES_FILE, message.line, "replied", late, level)


def _unanswered_row(message: Message, today: dt.date) -> tuple[str, Severity | None]:
    """The finding of a row with 答复日期 empty, as `_late_answer`'s (the text, and its
    severity when below the rule's); "" while under 60 days."""
    waited = (today - message.received).days
    deadline = add_months(message.received, ANSWER_MONTHS)
    if today > deadline:
        return (
            f"留言 {message.id}（{message.department}）{message.received:%Y-%m-%d} 受理，"
            f"已 {waited} 天未答复，超过 3 个月 (unanswered for more than 3 months)",
            None,
        )
    if waited > WARN_DAYS:
        return (
            f"留言 {message.id}（{message.department}）已 {waited} 天未答复，将在 "
            f"{deadline:%Y-%m-%d} 后构成单项否决 (unanswered for {waited} days)",
            Severity.ADVICE,
        )
    return "", None


def _out_of_scope(text: str, category: str) -> str:
    """A veto's text for a row whose 类别 does not say whether it is 政务咨询类: reported as a
    deduct, saying why, before the English part and in it."""
    chinese, sep, english = text.rpartition(" (")
    note = (
        f"；类别“{category}”不是已知的留言类别，无法判断是否属于政务咨询类，故不作单项否决；"
        "若是咨询建言类留言，即构成单项否决"
    )
    also = f"; unknown category {category}, so not judged a veto)"
    return f"{chinese}{note} ({english.removesuffix(')')}{also}" if sep else text + note


@rule(
    "INTERACT-04",
    Severity.DEDUCT,
    "留言答复 2 个月内应有更新",
    "国管局 2019 年自查报告 ◐",
    "及时公开新的留言答复",
)
def replies_fresh(ctx: CheckContext) -> Iterator[Finding]:
    site = ctx.site
    replies = [i for i in site.items.values() if isinstance(i, Reply)]
    # A draft reply column publishes nothing to be fresh: a site whose replies are on the
    # unified platform (interact.platform_url) drafts it, and ssg cannot see that platform.
    reply_columns = [
        c
        for c in site.columns
        if c and site.column_types.get(c) == "咨询投诉" and not site.columns[c].draft
    ]
    if not reply_columns:
        return
    newest = max((r.replied.date() for r in replies), default=None)
    if newest is None or site.build_date > add_months(newest, REPLY_FRESH_MONTHS):
        column = site.columns[sorted(reply_columns)[0]]
        when = f"最近一次答复是 {newest:%Y-%m-%d}" if newest else "没有已公开的答复"
        # (at the column's `update` line, else its title: how often it is updated, as the
        # staleness of any column is reported, CONTENT-02). What `update` says does not
        # change the 2 months: said at its line, so that it is not taken for the fix.
        own, own_en = "", ""
        if "update" in column.location.lines:
            own, own_en = (
                "；本栏目 update 写的更新周期不改变这一要求",
                "; update does not change that",
            )
        yield Finding(
            column.location.file,
            frequency_line(column),
            "",
            f"2 个月内没有公开新的留言答复，{when}{own} (no reply published in two months{own_en})",
        )


@rule(
    "ID-12",
    Severity.DEDUCT,
    "“我为政府网站找错”留言须在 3 个工作日内答复",
    "吉林办法 第三十四条",
    "3 个工作日内处理并答复找错留言",
)
def jiucuo_in_time(ctx: CheckContext) -> Iterator[Finding]:
    """找错 messages come from the platform export and from the published reply items (a
    site may publish its answers without keeping an export): both are read.

    Judged over the monitoring year, as INTERACT-02 is: a message answered before the year
    before the build date is history the site can no longer change (the export keeps all of
    it), while one still unanswered is late now, whenever it was received."""
    messages = read_messages(ctx.root)[0]
    extra = site_days(ctx.root)
    today = ctx.site.build_date
    guessed = False
    # As INTERACT-02: a message in the export and published is judged once, at its reply
    # item, a 找错 message when either says so.
    replies = _replies(ctx)
    twins = published_twins(messages, replies)
    published = {message.line for message in twins.values()}
    for reply in replies:
        item_id = reply.id
        twin = twins.get(item_id)
        if "找错" not in (reply.category, twin.category if twin else ""):
            continue
        received, replied = reply.received.date(), reply.replied.date()
        if waited_in_year(received, replied, today) is None:
            continue
        # (an answer dated after the build date has not been given yet: counted to today)
        days, known = working_days_between(received, min(replied, today), extra)
        guessed = guessed or not known
        if days > JIUCUO_WORKING_DAYS:
            state = f"{replied:%Y-%m-%d} 答复" if replied <= today else "尚未答复"
            text = (
                f"找错留言 {received:%Y-%m-%d} 受理，{state}，用了 {days} 个工作日，"
                f"超过 3 个 (took {days} working days; 3 allowed)"
            )
            yield Finding(
                reply.location.file,
                reply.location.line("replied"),
                "replied",
                _same_as(text, twin) if twin else text,
            )
    for message in messages:
        if message.category != "找错" or message.line in published:
            continue
        if message.answered_undated:
            continue  # (answered, on a day its row's error asks for: no days to count)
        end = waited_in_year(message.received, message.replied, today)
        if end is None:
            continue
        days, known = working_days_between(message.received, end, extra)
        guessed = guessed or not known
        if days > JIUCUO_WORKING_DAYS:
            state = (
                f"{message.replied:%Y-%m-%d} 答复"
                if message.replied and message.replied <= today
                else "尚未答复"
            )
            yield Finding(
                MESSAGES_FILE,
                message.line,
                "replied",
                f"找错留言 {message.id} {message.received:%Y-%m-%d} 受理，{state}，用了 {days} 个"
                f"工作日，超过 3 个 (took {days} working days; 3 allowed)",
            )
    if guessed:
        yield Finding(
            MESSAGES_FILE,
            0,
            "",
            "部分日期超出节假日数据覆盖的年份，只按周末计算工作日；可在 data/holidays.yaml 补充 "
            "(holiday calendar does not cover these years; weekends only)",
            Severity.ADVICE,
        )
