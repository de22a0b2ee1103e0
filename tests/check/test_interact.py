"""INTERACT, SERVICE and wording rules: triggers and near misses from real runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.sitekit import SITE_YAML, make_site, run

COVERS = {
    "INTERACT-01:channel": ("test_channel", "test_channel"),
    "INTERACT-02:unanswered": ("test_unanswered_three_months", "test_unanswered_three_months"),
    "INTERACT-04:replies_fresh": ("test_replies_fresh", "test_replies_fresh"),
    "ID-12:jiucuo_in_time": ("test_jiucuo_working_days", "test_jiucuo_working_days"),
    "SERVICE-01:services_configured": ("test_services_configured", "test_services_configured"),
    "SERVICE-03:services_offered": ("test_services_offered", "test_services_offered"),
    "SERVICE-04:forms_not_empty": ("test_forms_not_empty", "test_forms_not_empty"),
    "SERVICE-05:services_fresh": ("test_services_fresh", "test_services_fresh"),
    "CONTENT-08:serious_wording": ("test_serious_wording", "test_serious_wording"),
    "SEC-03:reviewed": ("test_reviewed", "test_reviewed"),
    "SSG-01:duplicate_titles": ("test_duplicate_titles", "test_duplicate_titles"),
}

HEADER = "id,asked,received,replied,department,category,public\n"


def found(lines: list[str], code: str) -> list[str]:
    return [" ".join(line.split(" ")[:3]) for line in lines if f"[{code}]" in line]


@pytest.mark.parametrize("has_channel", [True, False])
def test_channel(tmp_path: Path, has_channel: bool) -> None:
    make_site(tmp_path, {})
    if not has_channel:
        for name in ("gongnuan.md", "_index.md"):
            (tmp_path / "content/hd" / name).unlink()
    # (no `interact` written: at the end of site.yaml, where it is to be added, not at line 1)
    end = len(SITE_YAML.splitlines())
    expected = [] if has_channel else [f"data/site.yaml:{end}: veto [INTERACT-01]"]
    assert found(run(tmp_path).lines, "INTERACT-01") == expected


def _without_reply_column(root: Path) -> None:
    for name in ("gongnuan.md", "_index.md"):
        (root / "content/hd" / name).unlink()


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("待填写", "“待填写” 不是网址"),
        ("abc", "“abc” 不是网址"),
        ("http://", "没有域名"),
        ("ftp://hd.ceshi.gov.cn/", "只支持 http:// 和 https://"),
        ("hd.ceshi.gov.cn/liuyan", "没有写 https:// 或 http://"),
        ("/hd 留言/", "含有空格"),
    ],
)
def test_a_platform_url_that_is_no_url_is_an_input_error_not_a_channel(
    tmp_path: Path, url: str, why: str
) -> None:
    """INTERACT-01 counted any text in interact.platform_url as the site's channel (and the
    home page linked to it): `待填写`, `abc`, `http://` passed the single-veto rule. The address
    must be an http(s) URL or a path of this site; another is an error at its line and field,
    before any rule runs."""
    site_yaml = SITE_YAML + f'interact:\n  platform_url: "{url}"\n'
    make_site(tmp_path, {}, site_yaml=site_yaml)
    _without_reply_column(tmp_path)
    result = run(tmp_path)
    line = SITE_YAML.count("\n") + 2
    assert [" ".join(x.split(" ")[:4]) for x in result.lines] == [
        f"data/site.yaml:{line}: error [CONFIG-02] interact.platform_url:"
    ]
    assert why in result.lines[0]
    assert result.code == 1


@pytest.mark.parametrize("url", ["https://hd.ceshi.gov.cn/liuyan/", "/hd/"])
def test_a_platform_url_or_a_path_of_the_site_is_a_channel(tmp_path: Path, url: str) -> None:
    site_yaml = SITE_YAML + f"interact:\n  platform_url: {url}\n"
    make_site(tmp_path, {}, site_yaml=site_yaml)
    _without_reply_column(tmp_path)
    result = run(tmp_path)
    assert [x for x in result.lines if " error " in x] == []
    assert found(result.lines, "INTERACT-01") == []


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        ("2026-08-20", ["data/messages.csv:2: advice [INTERACT-02]"]),  # exactly 3 months: 92 days
        ("2026-08-19", ["data/messages.csv:2: veto [INTERACT-02]"]),  # 3 months and a day
        ("2026-09-21", []),  # 60 days: no warning yet
        ("2026-09-20", ["data/messages.csv:2: advice [INTERACT-02]"]),  # 61 days
        # Received before the year before the build date and still unanswered: it has waited
        # more than 3 months all through the monitoring year (it was not reported at all).
        ("2025-11-19", ["data/messages.csv:2: veto [INTERACT-02]"]),
        ("2024-06-01", ["data/messages.csv:2: veto [INTERACT-02]"]),
    ],
)
def test_unanswered_three_months(tmp_path: Path, received: str, expected: list[str]) -> None:
    make_site(
        tmp_path, {"data/messages.csv": HEADER + f"M1,{received},{received},,市住建局,咨询,是\n"}
    )
    assert found(run(tmp_path).lines, "INTERACT-02") == expected


@pytest.mark.parametrize("where", ["csv", "item"])
@pytest.mark.parametrize(
    ("received", "expected"),
    [
        ("2026-08-19", "veto"),  # 3 months and a day
        ("2026-09-20", "advice"),  # 61 days
        ("2026-09-21", None),  # 60 days: no warning yet
    ],
)
def test_an_answer_dated_after_the_build_date_is_judged_as_no_answer(
    tmp_path: Path, where: str, received: str, expected: str | None
) -> None:
    """An answer dated after the build date has not been given yet: the message waits as one
    whose 答复日期 is empty does, in messages.csv or in a reply item alike. It got the veto
    after 3 months but not the advice after 60 days that an empty 答复日期 gets."""
    if where == "csv":
        row = f"M1,{received},{received},2026-12-05,市教育局,咨询,是\n"
        make_site(tmp_path, {"data/messages.csv": HEADER + row})
        place = "data/messages.csv:2"
    else:
        text = REPLY.format(asked=received, received=received, replied="2026-12-05")
        make_site(tmp_path, {"content/hd/x.md": text})
        place = "content/hd/x.md:6"
    lines = [x for x in run(tmp_path).lines if "[INTERACT-02]" in x]
    assert [x.split(" replied: ")[0] for x in lines] == (
        [f"{place}: {expected} [INTERACT-02]"] if expected else []
    )
    # The same message with 答复日期 empty in messages.csv: the same finding.
    make_site(
        tmp_path, {"data/messages.csv": HEADER + f"M1,{received},{received},,市教育局,咨询,是\n"}
    )
    if where == "item":
        (tmp_path / "content/hd/x.md").unlink()
    empty = [x for x in run(tmp_path).lines if "[INTERACT-02]" in x]
    assert [x.split(" replied: ")[0] for x in empty] == (
        [f"data/messages.csv:2: {expected} [INTERACT-02]"] if expected else []
    )


def test_messages_csv_errors(tmp_path: Path) -> None:
    make_site(
        tmp_path, {"data/messages.csv": HEADER + "M1,2026-11-01,2026年11月2日,,市住建局,咨询,是\n"}
    )
    result = run(tmp_path)
    assert result.code == 1
    [line] = [x for x in result.lines if " error " in x]
    assert line.startswith("data/messages.csv:2: error [MESSAGES-03] received: ")


@pytest.mark.parametrize(
    ("asked", "replied", "expected"),
    [
        ("2026-11-01", "2026-11-02", []),  # near miss: answered the day it was received
        ("2026-11-01", "2026-11-01", [
            "data/messages.csv:3: error [MESSAGES-04] replied: 留言 M2 的答复日期 2026-11-01 "
            "早于受理日期 2026-11-02；请核对并改正 (replied before it was received)"
        ]),
        ("2026-11-03", "2026-11-05", [
            "data/messages.csv:3: error [MESSAGES-04] received: 留言 M2 的受理日期 2026-11-02 "
            "早于留言日期 2026-11-03；请核对并改正 (received before it was asked)"
        ]),
    ],
)  # fmt: skip
def test_messages_csv_dates_out_of_order(
    tmp_path: Path, asked: str, replied: str, expected: list[str]
) -> None:
    """A row answered before it was received was only left out of the report's average
    days (a REPORT-02 deduct, in report years alone): it is invalid input, an error at its
    line and field when the file is read, as every date error of a data file, and once."""
    rows = (
        "M1,2026-10-08,2026-10-08,2026-10-09,市教育局,咨询,是\n"
        f"M2,{asked},2026-11-02,{replied},市教育局,咨询,是\n"
    )
    make_site(tmp_path, {"data/messages.csv": HEADER + rows})
    result = run(tmp_path, command="build")
    assert [x for x in result.lines if "M2" in x] == expected
    assert result.code == (1 if expected else 0)
    assert (tmp_path / "public").exists() is not bool(expected)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        ("2026-11-20", False),  # near miss: received on the build date
        ("2026-11-21", True),  # the day after the build date: not yet received on it
        ("2062-01-01", True),
    ],
)
def test_a_row_received_in_the_future_is_an_input_error(
    tmp_path: Path, received: str, expected: bool
) -> None:
    """2062 typed for 2026 left an unanswered row out of INTERACT-02 (a veto) and of the
    report's figures, unseen: no export holds a message received after the build date."""
    row = f"X1,2026-01-01,{received},,部门,咨询,是\n"
    make_site(tmp_path, {"data/messages.csv": HEADER + row})
    result = run(tmp_path)
    assert result.with_code("MESSAGES-04") == (
        [
            f"data/messages.csv:2: error [MESSAGES-04] received: 受理日期 {received} "
            "晚于今天（构建日期）2026-11-20，到这一天还不可能已受理；请核对年份，或使用这一天的导出 "
            "(received after the build date)"
        ]
        if expected
        else []
    )
    assert result.code == (1 if expected else 0)


def test_the_future_limit_is_the_build_date_not_the_clock(tmp_path: Path) -> None:
    """A build dated in the past (`--date`) of an export with a row received after that date
    but before the real today: the limit was max(--date, the clock), so the same build said
    nothing today and failed on the build date itself. It is the build date: the same input
    and date give the same result whenever the build runs."""
    today = dt.date.today()
    build_date = today - dt.timedelta(days=30)
    received = today - dt.timedelta(days=10)
    row = f"X1,{received - dt.timedelta(days=1)},{received},,部门,咨询,是\n"
    make_site(tmp_path, {"data/messages.csv": HEADER + row})
    result = run(tmp_path, date=build_date.isoformat())
    assert result.with_code("MESSAGES-04") == [
        f"data/messages.csv:2: error [MESSAGES-04] received: 受理日期 {received} "
        f"晚于今天（构建日期）{build_date}，到这一天还不可能已受理；请核对年份，或使用这一天的导出 "
        "(received after the build date)"
    ]
    assert result.code == 1


@pytest.mark.parametrize("where", ["csv", "item"])
def test_a_row_without_a_received_date_is_an_input_error_a_reply_item_a_schema_one(
    tmp_path: Path, where: str
) -> None:
    """受理日期 is one of INTERACT-03's public fields: a published reply item without it is
    error [INTERACT-03] (a schema requirement that is a rule, ARCHITECTURE §3.1). A row of
    messages.csv without it is an error of the data file, MESSAGES-02, as lifecycle.yaml's
    missing fields are LIFECYCLE-02: the export is no published reply."""
    if where == "csv":
        make_site(tmp_path, {"data/messages.csv": HEADER + "M1,2026-11-01,,,市住建局,咨询,是\n"})
        expected = "data/messages.csv:2: error [MESSAGES-02] received:"
    else:
        text = REPLY.format(asked="2026-11-01", received="", replied="2026-11-03")
        make_site(tmp_path, {"content/hd/x.md": text.replace("received: \n", "")})
        expected = "content/hd/x.md:1: error [INTERACT-03] received:"
    assert [" ".join(x.split(" ")[:4]) for x in run(tmp_path, command="build").lines] == [expected]


@pytest.mark.parametrize("category", ["咨询", "找错"])
@pytest.mark.parametrize("received", ["2026-06-01", "2026-11-16"])
def test_an_unreadable_reply_date_is_one_error_not_also_unanswered(
    tmp_path: Path, category: str, received: str
) -> None:
    """A row whose 答复日期 cannot be read is an error at the row: it was also judged as never
    answered, a false veto after 3 months (INTERACT-02, or its advice after 60 days) and a
    late 找错 answer (ID-12). The platform recorded an answer; the error asks for its day."""
    row = f"M1,{received},{received},2026年6月5日,市住建局,{category},是\n"
    make_site(tmp_path, {"data/messages.csv": HEADER + row})
    result = run(tmp_path)
    assert [x for x in result.lines if x.startswith("data/messages.csv")] == [
        "data/messages.csv:2: error [MESSAGES-03] replied: 答复日期 “2026年6月5日” 不是有效日期；应写作 YYYY-MM-DD，例如 2024-03-05；"
        "未答复的留言请留空 (invalid date; expected YYYY-MM-DD)"
    ]
    # Near miss: the same row left unanswered is judged so.
    (tmp_path / "data/messages.csv").write_text(
        HEADER + row.replace("2026年6月5日", ""), encoding="utf-8"
    )
    expected = ["INTERACT-02"] if received == "2026-06-01" else []
    expected += ["ID-12"] if category == "找错" else []
    found = [x.split("] ")[0].split("[")[1] for x in run(tmp_path).lines if "messages.csv:2:" in x]
    assert found == expected


def test_messages_csv_in_gbk_is_file_01_with_how_to_convert(tmp_path: Path) -> None:
    """A platform export saved as GBK (Excel's default on Chinese Windows) is reported as
    every text file is, with the command that converts it."""
    root = make_site(tmp_path, {})
    rows = HEADER + "M1,2026-11-01,2026-11-02,,市住建局,咨询,是\n"
    (root / "data/messages.csv").write_bytes(rows.encode("gbk"))
    result = run(root)
    assert result.code == 1
    [line] = [x for x in result.lines if " error " in x]
    assert line.startswith("data/messages.csv:2: error [FILE-01] 文件不是 UTF-8 编码"), line
    assert "iconv -f GBK -t UTF-8 data/messages.csv" in line


REPLY = (
    "---\ntitle: 另一个答复\ndate: 2026-11-10\nasked: {asked}\nreceived: {received}\n"
    "replied: {replied}\ndepartment: 市教育局\nquestion: 问？\nreviewed_by: 审核人\n---\n答复。\n"
)

# (asked, received, replied) -> what is wrong, at the later field of the pair
OUT_OF_ORDER = [
    (("2026-11-01", "2026-11-02", "2026-11-01"), [
        ("replied", "答复日期 2026-11-01 早于受理日期 2026-11-02；请核对并改正 "
                    "(replied before it was received)"),
    ]),
    (("2026-11-03", "2026-11-02", "2026-11-05"), [
        ("received", "受理日期 2026-11-02 早于留言日期 2026-11-03；请核对并改正 "
                     "(received before it was asked)"),
    ]),
    (("2026-11-03", "2026-11-02", "2026-11-01"), [
        ("received", "受理日期 2026-11-02 早于留言日期 2026-11-03；请核对并改正 "
                     "(received before it was asked)"),
        ("replied", "答复日期 2026-11-01 早于受理日期 2026-11-02；请核对并改正 "
                    "(replied before it was received)"),
    ]),
    # To the minute when both give a time; a date alone is the whole day.
    (("2026-11-02 10:00", "2026-11-02 09:30", "2026-11-02 11:00"), [
        ("received", "受理日期 2026-11-02 09:30 早于留言日期 2026-11-02 10:00；请核对并改正 "
                     "(received before it was asked)"),
    ]),
    (("2026-11-02 10:00", "2026-11-02", "2026-11-02 08:00"), []),  # near miss: the same days
    (("2026-11-01", "2026-11-02", "2026-11-02"), []),  # near miss: answered the day received
]  # fmt: skip

REPLY_LINE = {"received": 5, "replied": 6}


@pytest.mark.parametrize(("dates", "expected"), OUT_OF_ORDER)
def test_reply_dates(
    tmp_path: Path, dates: tuple[str, str, str], expected: list[tuple[str, str]]
) -> None:
    """A reply item whose dates contradict each other is invalid input (ARCHITECTURE §3.1),
    as a row of messages.csv so dated is (MESSAGES-04): error [INTERACT-03] at the line of the
    field, and the build is blocked. It was a deduct finding while the row was an error."""
    asked, received, replied = dates
    make_site(
        tmp_path,
        {"content/hd/x.md": REPLY.format(asked=asked, received=received, replied=replied)},
    )
    result = run(tmp_path, command="build")
    assert result.with_code("INTERACT-03") == [
        f"content/hd/x.md:{REPLY_LINE[field]}: error [INTERACT-03] {field}: {message}"
        for field, message in expected
    ]
    assert result.code == (1 if expected else 0)
    assert (tmp_path / "public").exists() is not bool(expected)


@pytest.mark.parametrize(("dates", "expected"), OUT_OF_ORDER)
def test_reply_dates_judged_as_a_messages_csv_row_is(
    tmp_path: Path, dates: tuple[str, str, str], expected: list[tuple[str, str]]
) -> None:
    """The same dates in a row of messages.csv: the same severity, field and words (the row's
    message names its platform id), under the data file's own code, MESSAGES-04."""
    asked, received, replied = dates
    row = f"M2,{asked},{received},{replied},市教育局,咨询,是\n"
    make_site(tmp_path, {"data/messages.csv": HEADER + row})
    result = run(tmp_path, command="build")
    assert result.with_code("MESSAGES-04") == [
        f"data/messages.csv:2: error [MESSAGES-04] {field}: 留言 M2 的{message}"
        for field, message in expected
    ]
    assert result.code == (1 if expected else 0)


@pytest.mark.parametrize(("date", "stale"), [("2027-01-10", False), ("2027-01-11", True)])
def test_replies_fresh(tmp_path: Path, date: str, stale: bool) -> None:
    make_site(tmp_path, {})  # the baseline's newest reply was replied on 2026-11-10
    lines = run(tmp_path, date=date).lines
    # (at the column's title line: it writes no `update`)
    assert found(lines, "INTERACT-04") == (["content/hd/_index.md:2: deduct [INTERACT-04]"] if stale
                                           else [])  # fmt: skip


def test_replies_fresh_leaves_a_draft_reply_column_alone(tmp_path: Path) -> None:
    """A site answering on the unified platform drafts its reply column (README 草稿栏目):
    no deduct on a column nobody sees, for replies ssg cannot see."""
    index = "---\ntitle: 咨询投诉\ntype: reply\ndraft: true\n---\n"
    site_yaml = SITE_YAML + "interact: {platform_url: https://hd.ceshi.gov.cn/}\n"
    make_site(tmp_path, {"content/hd/_index.md": index}, site_yaml)
    result = run(tmp_path, date="2027-01-11")
    assert "INTERACT-01" not in result.codes()  # (the platform is the channel)
    assert "COLUMN-02" in result.codes()  # (the draft column holds a reply: said so)
    assert not result.with_code("INTERACT-04")


def test_replies_fresh_points_at_the_columns_update_line(tmp_path: Path) -> None:
    """A reply column that writes `update` is told at that line, and told that it does not
    change the 2 months (ssg init writes `update: 3m`)."""
    index = "---\ntitle: 咨询投诉\ntype: reply\nupdate: 3m\norder: 60\n---\n"
    make_site(tmp_path, {"content/hd/_index.md": index})
    [line] = run(tmp_path, date="2027-01-11").with_code("INTERACT-04")
    assert line.startswith("content/hd/_index.md:4: deduct [INTERACT-04] 2 个月内")
    assert "update 写的更新周期不改变这一要求" in line


@pytest.mark.parametrize(
    ("received", "replied", "late"),
    [
        ("2026-09-29", "2026-10-09", False),  # National Day holiday: 10-09 is the 3rd working day
        ("2026-09-29", "2026-10-12", True),
        ("2026-11-16", "2026-11-19", False),
        ("2026-11-16", "2026-11-20", True),
    ],
)
def test_jiucuo_working_days(tmp_path: Path, received: str, replied: str, late: bool) -> None:
    row = f"M1,{received},{received},{replied},市政府办公室,找错,是\n"
    make_site(tmp_path, {"data/messages.csv": HEADER + row})
    assert found(run(tmp_path).lines, "ID-12") == (["data/messages.csv:2: deduct [ID-12]"] if late
                                                   else [])  # fmt: skip


@pytest.mark.parametrize(
    ("received", "replied", "late"),
    [
        ("2021-11-11", "2021-11-19", False),  # 6 working days late, five years ago
        ("2025-11-14", "2025-11-20", False),  # 4 working days, answered before the year
        ("2025-11-17", "2025-11-21", True),  # 4 working days, answered on the year's first day
        ("2021-11-11", "", True),  # never answered: late now
    ],
)
def test_jiucuo_is_judged_over_the_year_before_the_build_date(
    tmp_path: Path, received: str, replied: str, late: bool
) -> None:
    """ID-12 read the whole export: a 找错 message answered late in 2021 was a deduct in 2026
    and every later year, though nothing could be changed any more. Judged over the
    monitoring year, as INTERACT-02 is; a message still unanswered is late now."""
    row = f"M1,{received},{received},{replied},市住建局,找错,是\n"
    reply = _late_reply(received, replied or "2026-11-20").replace(
        "question:", "category: 找错\nquestion:"
    )
    files = {"data/messages.csv": HEADER + row}
    if replied:  # (the same message published as a reply item: judged the same, once)
        files["content/hd/jc.md"] = reply
    make_site(tmp_path, files)
    where = "content/hd/jc.md:6" if replied else "data/messages.csv:2"
    assert found(run(tmp_path).lines, "ID-12") == ([f"{where}: deduct [ID-12]"] if late else [])


def test_jiucuo_beyond_the_calendar_uses_weekends(tmp_path: Path) -> None:
    row = "M1,2027-03-01,2027-03-01,2027-03-04,市政府办公室,找错,是\n"
    make_site(tmp_path, {"data/messages.csv": HEADER + row})
    lines = found(run(tmp_path, date="2027-03-05").lines, "ID-12")
    assert lines == ["data/messages.csv:0: advice [ID-12]"]


def _services_yaml(value: str) -> str:
    return SITE_YAML.replace('services: {external: "false"}\n', value)


@pytest.mark.parametrize("configured", [True, False])
def test_services_configured(tmp_path: Path, configured: bool) -> None:
    site_yaml = SITE_YAML if configured else _services_yaml("")
    make_site(tmp_path, {}, site_yaml=site_yaml)
    end = len(site_yaml.splitlines())  # (where the missing `services` is to be added)
    assert found(run(tmp_path).lines, "SERVICE-01") == (
        [] if configured else [f"data/site.yaml:{end}: deduct [SERVICE-01]"]
    )


SERVICE = """---
title: 居民身份证办理
date: {date}
basis: 《居民身份证法》
conditions: 本市户籍居民
materials:
  - name: 户口簿
    template: {template}
address: 市政务服务中心
agency: 市公安局
fees: 不收费
hours: 工作日 9:00-17:00
phone: 0439-0000000
process: [申请, 受理, 办结]
time_limit: 20 个工作日
notes: 无
online: 部分网办
reviewed_by: 审核人
---
"""


def _service_files(date: str = "2026-11-01", template: str = "form.docx", size: int = 10) -> dict:
    return {
        "content/bs/_index.md": "---\ntitle: 办事服务\ntype: service\n---\n",
        "content/bs/sfz/index.md": SERVICE.format(date=date, template=template),
        "content/bs/sfz/form.docx": "x" * size,
    }


@pytest.mark.parametrize("with_guide", [True, False])
def test_services_offered(tmp_path: Path, with_guide: bool) -> None:
    files = _service_files() if with_guide else {}
    make_site(tmp_path, files, site_yaml=_services_yaml('services: {external: "true"}\n'))
    assert found(run(tmp_path).lines, "SERVICE-03") == (
        [] if with_guide else ["data/site.yaml:14: veto [SERVICE-03]"]
    )


@pytest.mark.parametrize("size", [10, 0])
def test_forms_not_empty(tmp_path: Path, size: int) -> None:
    make_site(tmp_path, _service_files(size=size))
    assert found(run(tmp_path).lines, "SERVICE-04") == (
        [] if size else ["content/bs/sfz/index.md:8: deduct [SERVICE-04]"]
    )


@pytest.mark.parametrize(("date", "stale"), [("2026-08-20", False), ("2026-08-19", True)])
def test_services_fresh(tmp_path: Path, date: str, stale: bool) -> None:
    make_site(
        tmp_path,
        _service_files(date=date),
        site_yaml=_services_yaml('services: {external: "true"}\n'),
    )
    assert found(run(tmp_path).lines, "SERVICE-05") == (["content:0: advice [SERVICE-05]"] if stale
                                                       else [])  # fmt: skip


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("依据《中华人民共和国行政许可法》。", []),
        ("依据《中华人名共和国行政许可法》。", ["content/dt/x.md:7: deduct [CONTENT-08]"]),
        ("第一段。\n\n青岚市人民政付发布。", ["content/dt/x.md:9: deduct [CONTENT-08]"]),
    ],
)
def test_serious_wording(tmp_path: Path, body: str, expected: list[str]) -> None:
    make_site(
        tmp_path,
        {
            "data/typos.yaml": "青岚市人民政付: 青岚市人民政府\n",
            "content/dt/x.md": "---\ntitle: 消息\ndate: 2026-11-18\nsource: 办公室\n"
            f"reviewed_by: 审核人\n---\n{body}\n",
        },
    )
    assert found(run(tmp_path).lines, "CONTENT-08") == expected


@pytest.mark.parametrize("reviewer", ["审核人", ""])
def test_reviewed(tmp_path: Path, reviewer: str) -> None:
    line = f"reviewed_by: {reviewer}\n" if reviewer else ""
    make_site(tmp_path, {"content/dt/x.md": f"---\ntitle: 消息\ndate: 2026-11-18\nsource: 办公室\n"
                                            f"{line}---\n正文\n"})  # fmt: skip
    assert found(run(tmp_path).lines, "SEC-03") == (
        [] if reviewer else ["content/dt/x.md:1: deduct [SEC-03]"]
    )


@pytest.mark.parametrize(
    ("title", "duplicate"), [("另一条消息", False), ("市政府召开常务会议", True)]
)
def test_duplicate_titles(tmp_path: Path, title: str, duplicate: bool) -> None:
    make_site(tmp_path, {"content/dt/x.md": f"---\ntitle: {title}\ndate: 2026-11-18\n"
                                            "source: 办公室\nreviewed_by: 审核人\n---\n正文\n"})  # fmt: skip
    assert found(run(tmp_path).lines, "SSG-01") == (
        ["content/dt/x.md:2: advice [SSG-01]"] if duplicate else []
    )


def test_duplicate_titles_of_generated_notices_are_not_the_editors(tmp_path: Path) -> None:
    """Two temporary offline periods in two years give two notices with the same generated
    title: data/lifecycle.yaml has no title for the editor to change, so no SSG-01."""
    offline = "- {{event: temporary_offline, from: {0}-03-01, to: {0}-03-05, reason: 机房搬迁}}\n"
    make_site(
        tmp_path,
        {
            "content/tz/_index.md": "---\ntitle: 通知公告\ntype: notice\n---\n",
            "content/tz/a.md": "---\ntitle: 关于停水的通知\ndate: 2026-11-18\n"
            "source: 办公室\nreviewed_by: 审核人\n---\n正文\n",
            "data/lifecycle.yaml": offline.format(2025) + offline.format(2026),
        },
    )
    result = run(tmp_path)
    assert result.code == 0, result.lines
    assert found(result.lines, "SSG-01") == []


def csv_errors(root: Path) -> list[str]:
    result = run(root)
    assert result.code == 1
    return [line.split(" (")[0] for line in result.lines if " error " in line]


def test_messages_csv_unbalanced_quote_is_reported_where_it_starts(tmp_path: Path) -> None:
    """The quote swallows the lines after it into one row: say so at its own line, not at
    the line the merged row happens to end on, and do not count the swallowed messages."""
    rows = [
        "M1,2026-11-01,2026-11-02,2026-11-03,市住建局,咨询,是",
        'M2,"2026-11-01,2026-11-02,2026-11-03,市住建局,咨询,是',
        "M3,2026-11-01,2026-11-02,2026-11-03,市住建局,咨询,是",
        "M4,2026-11-01,2026-11-02,2026-11-03,市住建局,咨询,是",
    ]
    make_site(tmp_path, {"data/messages.csv": HEADER + "\n".join(rows) + "\n"})
    assert csv_errors(tmp_path) == [
        "data/messages.csv:3: error [MESSAGES-01] 引号没有成对：从第 3 行到第 5 行被读成了一行；"
        "请删除多余的引号"
    ]


@pytest.mark.parametrize("command", ["build", "check"])
def test_messages_csv_row_given_twice_is_messages_05(tmp_path: Path, command: str) -> None:
    """An export pasted after the last one: each message counted twice in the annual report's
    收到/办结留言数量 without a word. Rows without an id are not compared."""
    rows = [
        "M1,2026-11-01,2026-11-02,2026-11-03,市住建局,咨询,是",
        "M2,2026-11-01,2026-11-02,2026-11-03,市住建局,咨询,是",
        ",2026-11-01,2026-11-02,2026-11-03,市住建局,咨询,是",
        ",2026-11-01,2026-11-02,2026-11-03,市住建局,咨询,是",
        "M1,2026-11-01,2026-11-02,2026-11-03,市住建局,咨询,是",
    ]
    make_site(tmp_path, {"data/messages.csv": HEADER + "\n".join(rows) + "\n"})
    result = run(tmp_path, command=command)
    assert result.code == 1
    assert [x for x in result.lines if " error " in x] == [
        "data/messages.csv:6: error [MESSAGES-05] id: 留言编号 M1 与第 2 行重复：同一条留言导出了两次，"
        "会被统计两次；请删除重复的一行 (duplicate message id, first on line 2)"
    ]
    assert not (tmp_path / "public").exists()


@pytest.mark.parametrize("value", ["2026-11-02garbage", "2026-11-02 10:2x", "20261102"])
def test_messages_csv_dates_are_read_whole(tmp_path: Path, value: str) -> None:
    make_site(
        tmp_path, {"data/messages.csv": HEADER + f"M1,2026-11-01,{value},,市住建局,咨询,是\n"}
    )
    assert csv_errors(tmp_path) == [
        f"data/messages.csv:2: error [MESSAGES-03] received: 受理日期 “{value}” 不是有效日期；"
        "应写作 YYYY-MM-DD，例如 2024-03-05"
    ]


def test_messages_csv_dates_may_carry_the_time(tmp_path: Path) -> None:
    row = "M1,2026-11-01 08:00,2026-11-02 09:30:15,2026-11-03T10:00,市住建局,咨询,是\n"
    make_site(tmp_path, {"data/messages.csv": HEADER + row})
    assert run(tmp_path).code == 0


def test_messages_csv_dates_in_full_width_digits_are_read_as_front_matter_reads_them(
    tmp_path: Path,
) -> None:
    """A Chinese input method types ２０２６-０８-１９: front matter reads it, so the export's
    rows are read alike, not refused as no date (MESSAGES-03). Read, not just let through:
    the row unanswered 3 months and a day is the veto it is when typed in ASCII."""
    row = "M1,２０２６-０８-１９ ０９:３０,２０２６-０８-１９,,市住建局,咨询,是\n"
    make_site(tmp_path, {"data/messages.csv": HEADER + row})
    result = run(tmp_path)
    assert not [x for x in result.lines if " error " in x]
    assert found(result.lines, "INTERACT-02") == ["data/messages.csv:2: veto [INTERACT-02]"]


def test_messages_csv_cell_over_the_csv_limit(tmp_path: Path) -> None:
    rows = "M1,2026-11-01,2026-11-02,2026-11-03,市住建局,咨询,是\n"
    rows += 'M2,2026-11-01,2026-11-02,2026-11-03,"' + "部" * 140_000 + '",咨询,是\n'
    make_site(tmp_path, {"data/messages.csv": HEADER + rows})
    assert csv_errors(tmp_path) == [
        "data/messages.csv:3: error [MESSAGES-01] 这一行无法按 CSV 读取（field larger than field "
        "limit"
    ]  # (then: (131072)），其后的行未读取)


def test_unreadable_messages_csv_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_site(tmp_path, {"data/messages.csv": HEADER})
    messages = tmp_path / "data/messages.csv"
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:  # (chmod 000 does not stop root)
        if self == messages:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert csv_errors(tmp_path) == [
        "data/messages.csv:0: error [FILE-03] 无法读取 messages.csv：Permission denied；"
        "请检查文件权限"
    ]
    monkeypatch.undo()
    messages.unlink()
    messages.symlink_to(tmp_path / "data/gone.csv")
    assert csv_errors(tmp_path) == [
        "data/messages.csv:0: error [FILE-03] messages.csv 是指向不存在文件的符号链接，"
        "请修复或删除该链接"
    ]


def _late_reply(received: str, replied: str) -> str:
    # `replied` is on line 6
    return (
        f"---\ntitle: 迟到的答复\ndate: {replied}\nasked: {received}\nreceived: {received}\n"
        f"replied: {replied}\ndepartment: 市住建局\nquestion: 问？\nreviewed_by: 审核人\n---\n答复。\n"
    )


@pytest.mark.parametrize(
    ("received", "replied", "late"),
    [
        ("2026-05-01", "2026-08-01", False),  # exactly 3 months
        ("2026-05-01", "2026-08-02", True),  # 3 months and a day
        ("2026-05-01", "2026-08-09", True),  # 100 days
        # Received before the monitoring year, answered inside it after more than 3 months:
        # it waited that long inside the year (it was not reported).
        ("2025-11-19", "2026-03-01", True),
        ("2025-05-01", "2025-11-21", True),  # answered on the year's first day
        ("2025-05-01", "2025-11-20", False),  # answered before the monitoring year
    ],
)
def test_answered_after_three_months(
    tmp_path: Path, received: str, replied: str, late: bool
) -> None:
    """RULES INTERACT-02: a message answered after more than 3 months was "超过 3 个月未回应"
    in the monitoring year, although it has an answer now: a veto in the export and in the
    published reply alike (the row of a published message at its reply: reported once)."""
    make_site(
        tmp_path,
        {
            "data/messages.csv": HEADER + f"M1,{received},{received},{replied},市住建局,咨询,是\n",
            "content/hd/late.md": _late_reply(received, replied),
            # (not the same message: answered by another department)
            "content/hd/other.md": _late_reply(received, replied).replace("市住建局", "市教育局"),
        },
    )
    result = run(tmp_path)
    heads = [line.split(" ")[:4] for line in result.with_code("INTERACT-02")]
    assert heads == (
        [
            ["content/hd/late.md:6:", "veto", "[INTERACT-02]", "replied:"],
            ["content/hd/other.md:6:", "veto", "[INTERACT-02]", "replied:"],
        ]
        if late
        else []
    )
    assert (result.code == 1) is late


@pytest.mark.parametrize(
    ("row", "twin"),
    [
        ("M1,2026-05-01,2026-05-01,2026-08-09,市住建局,咨询,是", True),
        ("M1,,2026-05-01,2026-08-09, 市住建局 ,,否", True),  # what the row leaves out agrees
        ("M1,2026-05-01,2026-05-01,2026-08-09,市教育局,咨询,是", False),  # another department
        ("M1,2026-05-01,2026-05-01,2026-08-10,市住建局,咨询,是", False),  # another answer day
        ("M1,2026-04-30,2026-05-01,2026-08-09,市住建局,咨询,是", False),  # asked another day
        ("M1,2026-05-01,2026-05-01,2026-08-09,市住建局,投诉,是", False),  # another category
    ],
)
def test_a_published_message_of_the_export_is_reported_once(
    tmp_path: Path, row: str, twin: bool
) -> None:
    """A message in data/messages.csv and published as a reply item was reported twice, at
    the row and at the reply: they share no id (ARCHITECTURE §2.4), so they are the same
    message when every date, the department and the category they both give agree. Once, at
    the reply, naming the row."""
    reply = _late_reply("2026-05-01", "2026-08-09").replace(
        "question:", "category: 咨询\nquestion:"
    )
    make_site(tmp_path, {"data/messages.csv": HEADER + row + "\n", "content/hd/late.md": reply})
    lines = run(tmp_path).with_code("INTERACT-02")
    if twin:
        assert lines == [
            "content/hd/late.md:6: veto [INTERACT-02] replied: 该留言2026-05-01 受理，2026-08-09 才"
            "答复，用了 100 天，超过 3 个月未回应；即 data/messages.csv 第 2 行的留言 M1，只报告"
            "一次 (answered after more than 3 months; the same message as line 2 of "
            "data/messages.csv)"
        ]
    else:
        assert [line.split(":")[0] for line in lines] == ["content/hd/late.md", "data/messages.csv"]


def test_rows_alike_are_one_message_each(tmp_path: Path) -> None:
    """Two rows with the same dates and department are two messages: one published reply
    stands for one of them, the other is still reported."""
    row = "2026-05-01,2026-05-01,2026-08-09,市住建局,咨询,是\n"
    make_site(
        tmp_path,
        {
            "data/messages.csv": HEADER + "M1," + row + "M2," + row,
            "content/hd/late.md": _late_reply("2026-05-01", "2026-08-09"),
        },
    )
    heads = [line.split("用了")[0] for line in run(tmp_path).with_code("INTERACT-02")]
    assert heads == [
        "content/hd/late.md:6: veto [INTERACT-02] replied: 该留言2026-05-01 受理，2026-08-09 才答复，",
        "data/messages.csv:3: veto [INTERACT-02] replied: 留言 M2 2026-05-01 受理，2026-08-09 才答复，",
    ]


def test_a_reply_without_category_is_no_twin_of_a_row_of_an_excluded_channel(
    tmp_path: Path,
) -> None:
    """A reply item without `category` paired with a 信访 row of the same dates: its finding
    named a petition as the citizen's question, and the consultation row that is its message
    was judged again, at its own line. Rows INTERACT-02 leaves out are no consultation reply's
    twin."""
    rows = "M1,{}信访,是\nM2,{}咨询,是\n".format(
        *["2026-05-01,2026-05-01,2026-08-09,市住建局,"] * 2
    )
    make_site(
        tmp_path,
        {
            "data/messages.csv": HEADER + rows,
            "content/hd/late.md": _late_reply("2026-05-01", "2026-08-09"),
        },
    )
    [line] = run(tmp_path).with_code("INTERACT-02")
    assert line.startswith("content/hd/late.md:6: veto [INTERACT-02] replied: "), line
    assert "即 data/messages.csv 第 3 行的留言 M2，只报告一次" in line, line


@pytest.mark.parametrize(("replied", "late"), [("2026-11-19", False), ("2026-11-20", True)])
def test_jiucuo_reply_items_are_read_too(tmp_path: Path, replied: str, late: bool) -> None:
    """ID-12 (吉林办法 第三十四条): a published 找错 reply is a 找错 message like a row of the
    export; the site may have no data/messages.csv at all."""
    reply = _late_reply("2026-11-16", replied).replace("question:", "category: 找错\nquestion:")
    make_site(tmp_path, {"content/hd/jc.md": reply})
    result = run(tmp_path)
    heads = [line.split(" ")[:4] for line in result.with_code("ID-12")]
    assert heads == ([["content/hd/jc.md:6:", "deduct", "[ID-12]", "replied:"]] if late else [])
    assert result.code == 0


@pytest.mark.parametrize("category", ["找错", ""])
def test_a_published_jiucuo_message_of_the_export_is_reported_once(
    tmp_path: Path, category: str
) -> None:
    """ID-12 read the row and the reply of one 找错 message and reported both; the reply may
    leave its category out, the row says 找错."""
    reply = _late_reply("2026-11-16", "2026-11-20")
    if category:
        reply = reply.replace("question:", f"category: {category}\nquestion:")
    row = "J1,2026-11-16,2026-11-16,2026-11-20,市住建局,找错,是\n"
    make_site(tmp_path, {"data/messages.csv": HEADER + row, "content/hd/jc.md": reply})
    assert run(tmp_path).with_code("ID-12") == [
        "content/hd/jc.md:6: deduct [ID-12] replied: 找错留言 2026-11-16 受理，2026-11-20 答复，用了 "
        "4 个工作日，超过 3 个；即 data/messages.csv 第 2 行的留言 J1，只报告一次 (took 4 working "
        "days; 3 allowed; the same message as line 2 of data/messages.csv)"
    ]


# A message unanswered for months (INTERACT-02 veto once the rules run) beside a row whose
# 受理日期 cannot be read (error MESSAGES-03) and one answered before it was received (error
# MESSAGES-04). A 找错 row unanswered for a week would be ID-12's deduct.
_BROKEN_ROWS = (
    "M1,2026-06-01,2026-06-01,,市住建局,咨询,是\n"
    "M2,2026-11-01,2026年11月2日,,市住建局,咨询,是\n"
    "M3,2026-11-01,2026-11-02,2026-11-01,市教育局,咨询,是\n"
    "M4,2026-11-10,2026-11-10,,市政数局,找错,是\n"
)
_BROKEN_LINES = [
    "data/messages.csv:3: error [MESSAGES-03] received: 受理日期 “2026年11月2日” 不是有效日期；应写作 YYYY-MM-DD，例如 2024-03-05"
    " (invalid date; expected YYYY-MM-DD)",
    "data/messages.csv:4: error [MESSAGES-04] replied: 留言 M3 的答复日期 2026-11-01 早于受理日期 "
    "2026-11-02；请核对并改正 (replied before it was received)",
]


@pytest.mark.parametrize("command", ["check", "build"])
def test_messages_csv_errors_block_before_the_rules_run_and_are_reported_once(
    tmp_path: Path, command: str
) -> None:
    """Errors in messages.csv were found by a rule, in the check stage: every other rule still
    ran and reported on a site whose input was wrong (here the veto of M1, ID-12's deduct of
    M4), though compliance rules judge a valid site. They are found where the file is read,
    in the load stage, with the same words, code, file and line, once; and no rule runs."""
    make_site(tmp_path, {"data/messages.csv": HEADER + _BROKEN_ROWS})
    result = run(tmp_path, command=command)
    assert result.code == 1
    assert result.lines == _BROKEN_LINES
    assert not (tmp_path / "public").exists()
    # Near miss: the rows put right, the rules run and judge them.
    fixed = _BROKEN_ROWS.replace("2026年11月2日", "2026-11-02").replace(
        "2026-11-02,2026-11-01,市教育局", "2026-11-02,2026-11-03,市教育局"
    )
    (tmp_path / "data/messages.csv").write_text(HEADER + fixed, encoding="utf-8")
    lines = run(tmp_path, command=command).lines
    assert found(lines, "INTERACT-02") + found(lines, "ID-12") == [
        "data/messages.csv:2: veto [INTERACT-02]",
        "data/messages.csv:5: deduct [ID-12]",
    ]


def test_messages_csv_errors_show_once_in_the_preview_overlay(tmp_path: Path) -> None:
    """`ssg serve`: a messages.csv saved broken shows its errors in the overlay once each,
    with no finding of a rule beside them, as `ssg check` prints them."""
    import datetime as dt

    from ssg.serve import Preview

    make_site(tmp_path, {})
    preview = Preview(tmp_path, tmp_path / ".ssg-cache/preview", dt.date(2026, 11, 20), port=0,
                      quiet=True)  # fmt: skip
    try:
        assert preview.rebuild().written
        (tmp_path / "data/messages.csv").write_text(HEADER + _BROKEN_ROWS, encoding="utf-8")
        result = preview.rebuild({"data/messages.csv"})
        assert not result.written
        assert preview.state.blocked
        assert preview.state.lines == _BROKEN_LINES
        assert [str(d) for d in result.diagnostics] == _BROKEN_LINES
    finally:
        preview.server.server_close()


@pytest.mark.parametrize("text", ["", "\n\n", "  \n"])
def test_an_empty_messages_file_is_said_to_be_empty(tmp_path: Path, text: str) -> None:
    """An empty export said "表头缺少列：" and all seven columns, as if its header were wrong."""
    make_site(tmp_path, {"data/messages.csv": text})
    found = run(tmp_path).with_code("MESSAGES-01")
    assert [line.split("；")[0] for line in found] == [
        "data/messages.csv:1: error [MESSAGES-01] 文件是空的，连表头也没有"
    ]


EXCLUDED = ["信访", "网上信访", "举报", "纪检举报", "访谈", "在线访谈", "征集", "调查征集",
            "征集调查", "意见征集", " 网上 信访 "]  # fmt: skip


@pytest.mark.parametrize("category", EXCLUDED)
def test_the_channels_interact_02_excludes_are_not_judged(tmp_path: Path, category: str) -> None:
    """RULES INTERACT-02 counts 政务咨询类 messages, "在线访谈、调查征集、网上信访、纪检举报除外";
    the export holds every channel of the platform. A 信访 row 123 days unanswered was a veto
    and blocked the build."""
    row = f"X1,2026-07-19,2026-07-20,,市信访局,{category},否\n"
    make_site(tmp_path, {"data/messages.csv": HEADER + row})
    result = run(tmp_path)
    assert result.with_code("INTERACT-02") == []
    assert result.with_code("MESSAGES-06") == []
    assert result.code == 0


@pytest.mark.parametrize("category", ["咨询", "投诉", "建议", "找错", ""])
def test_consultation_categories_are_judged(tmp_path: Path, category: str) -> None:
    """(the near miss of the excluded channels: every category a reply may have, or none)"""
    row = f"X1,2026-07-19,2026-07-20,,市住建局,{category},否\n"
    make_site(tmp_path, {"data/messages.csv": HEADER + row})
    result = run(tmp_path)
    assert found(result.lines, "INTERACT-02") == ["data/messages.csv:2: veto [INTERACT-02]"]
    assert result.with_code("MESSAGES-06") == []
    assert result.code == 1


def test_an_unknown_category_is_advice_and_its_overdue_row_a_deduct_not_a_veto(
    tmp_path: Path,
) -> None:
    """A 类别 that is neither 政务咨询类 nor an excluded channel (a typo, a platform's own
    word) must not silently exclude the row, nor make a veto rest on a guess: the row is
    judged, overdue it is a deduct saying why, and the category is one advice (MESSAGES-06)
    at its first row, however many rows share it."""
    rows = (
        "X1,2026-07-19,2026-07-20,,市信访局,信访件,否\n"
        "X2,2026-11-01,2026-11-01,2026-11-05,市住建局,其他,是\n"
        "X3,2026-07-19,2026-07-20,,市住建局,其他,是\n"
    )
    make_site(tmp_path, {"data/messages.csv": HEADER + rows})
    result = run(tmp_path)
    assert [line.split(" 留言类别")[0] for line in result.with_code("MESSAGES-06")] == [
        "data/messages.csv:2: advice [MESSAGES-06] category:",
        "data/messages.csv:3: advice [MESSAGES-06] category:",
    ]
    assert "（共 2 行，此为第一行）" in result.with_code("MESSAGES-06")[1]
    lines = result.with_code("INTERACT-02")
    assert found(lines, "INTERACT-02") == [
        "data/messages.csv:2: deduct [INTERACT-02]",
        "data/messages.csv:4: deduct [INTERACT-02]",
    ]
    assert "类别“信访件”不是已知的留言类别，无法判断是否属于政务咨询类，故不作单项否决" in lines[0]
    assert lines[0].endswith("; unknown category 信访件, so not judged a veto)")
    assert result.code == 0


@pytest.mark.parametrize(("public", "error"), [("是", False), ("否", False), ("公开", False),
                                               ("不公开", False), ("", False), ("maybe", True),
                                               ("Y", True)])  # fmt: skip
def test_the_public_column_is_validated(tmp_path: Path, public: str, error: bool) -> None:
    """`public` accepted any text (`maybe`): a value that cannot be read is an input error at
    its row and field, as a date that is no date is."""
    row = f"X1,2026-11-01,2026-11-01,2026-11-05,市住建局,咨询,{public}\n"
    make_site(tmp_path, {"data/messages.csv": HEADER + row})
    result = run(tmp_path)
    expected = (
        [f"data/messages.csv:2: error [MESSAGES-07] public: “{public}” 不是是否公开的取值"]
        if error
        else []
    )
    assert [line.split("；")[0] for line in result.with_code("MESSAGES-07")] == expected
    assert result.code == int(error)


def _reply_in(category: str) -> str:
    return (
        "---\ntitle: 一个答复\ndate: 2026-11-10\nasked: 2026-07-01\nreceived: 2026-07-01\n"
        f"replied: 2026-11-10\ndepartment: 市教育局\ncategory: {category}\nquestion: 问？\n"
        "reviewed_by: 审核人\n---\n答复。\n"
    )


@pytest.mark.parametrize(("column", "judged"), [("ft", False), ("zj", False), ("hd", True)])
@pytest.mark.parametrize(("category", "code"), [("咨询", "INTERACT-02"), ("找错", "ID-12")])
def test_replies_of_an_interview_or_survey_column_are_not_judged_late(
    tmp_path: Path, column: str, judged: bool, category: str, code: str
) -> None:
    """RULES INTERACT-02 leaves out 在线访谈 and 调查征集: an answer of an interview column,
    published 4 months after the question, was a veto (and a 找错 one an ID-12 deduct). The
    same answer in the consultation column (hd, the near miss) still is."""
    files = {f"content/{column}/x.md": _reply_in(category)}
    if column != "hd":
        kind = {"ft": "在线访谈", "zj": "调查征集"}[column]
        files[f"content/{column}/_index.md"] = (
            f"---\ntitle: {kind}\ntype: reply\ncolumn_type: {kind}\n"
            f"description: 市政府{kind}\nkeywords: [互动]\n---\n"
        )
    make_site(tmp_path, files)
    result = run(tmp_path)
    assert [x for x in result.lines if " error " in x] == []
    level = "veto" if code == "INTERACT-02" else "deduct"
    assert found(result.lines, code) == (
        [f"content/{column}/x.md:6: {level} [{code}]"] if judged else []
    )


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        ('"X11,2026-01-01', [
            "data/messages.csv:3: error [MESSAGES-01] 引号没有成对：第 3 行的引号到文件末尾也没有闭合；"
            "请删除多余的引号"
        ]),
        # near miss: a quote inside a cell, and a quoted cell with a doubled quote
        ('X11,2026-11-01,2026-11-02,2026-11-03,市"住建"局,咨询,是', []),
        ('X11,2026-11-01,2026-11-02,2026-11-03,"市""住建""局",咨询,是', []),
    ],
)  # fmt: skip
@pytest.mark.parametrize("end", ["\n", ""])
def test_messages_csv_unclosed_quote_on_the_last_row_is_messages_01(
    tmp_path: Path, last: str, expected: list[str], end: str
) -> None:
    """Mid-file an unclosed quote joins lines (MESSAGES-01); on the last row it has none to
    join, and the row was read as one cell: MESSAGES-02 缺少受理日期, a wrong diagnosis."""
    rows = "M1,2026-11-01,2026-11-02,2026-11-03,市住建局,咨询,是\n" + last + end
    make_site(tmp_path, {"data/messages.csv": HEADER + rows})
    result = run(tmp_path)
    errors = [line.split(" (")[0] for line in result.lines if " error " in line]
    assert errors == expected
