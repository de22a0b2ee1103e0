"""SEC-05: visits of a real local server, the 15 s boundary, and a week of log lines judged."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ssg.monitor.probe import (
    LIMIT,
    MIN_EVERY,
    MIN_VISITS,
    Visit,
    append,
    every_problem,
    judge,
    parse_log,
    visit,
)
from ssg.timezone import SHANGHAI
from tests.monitor.conftest import OUTSIDE, ForwardProxy, Server
from tests.sitekit import cli

REPO = Path(__file__).parents[2]
LAST_DAY = dt.date(2026, 11, 20)


def ticking(*values: float):  # type: ignore[no-untyped-def]
    ticks = iter(values)
    return lambda: next(ticks)


# --- one visit ---------------------------------------------------------------------------


def test_fifteen_seconds_to_the_whole_page_is_a_failure(server: Server) -> None:
    # “超过（含）15 秒仍打不开”: 15 s itself is included. The clock is injected: the page
    # comes at once, but the probe's clock says 15 s passed.
    at_limit = visit(server.url("/ok"), clock=ticking(100.0, 100.0 + LIMIT))
    assert at_limit.status == 200 and at_limit.seconds == LIMIT and at_limit.failed


def test_just_under_fifteen_seconds_is_open_and_is_not_rounded_up(server: Server) -> None:
    under = visit(server.url("/ok"), clock=ticking(100.0, 100.0 + LIMIT - 0.0004))
    assert under.seconds == 14.999 and not under.failed


def test_a_redirect_followed_to_a_2xx_is_open(server: Server) -> None:
    assert not visit(server.url("/redirect")).failed


@pytest.mark.parametrize("path", ["/fail", "/gone", "/drop"])
def test_no_2xx_answer_is_a_failure(server: Server, path: str) -> None:
    assert visit(server.url(path)).failed


def test_the_probe_does_not_wait_past_its_timeout(server: Server) -> None:
    # (a short, injected timeout stands for the rule's 15 s)
    started = time.monotonic()
    slow = visit(server.url("/slow?s=3"), timeout=0.3)
    assert slow.failed and "timed out" in slow.error
    assert time.monotonic() - started < 1.0


# --- the log -------------------------------------------------------------------------------


def test_visits_round_trip_through_the_log_and_a_torn_line_is_skipped(tmp_path: Path) -> None:
    log = tmp_path / "probe.jsonl"  # (its folder exists: append makes none, log_problem)
    first = Visit(dt.datetime(2026, 11, 20, 8, 0, tzinfo=SHANGHAI), "https://a.gov.cn/", 200, 0.25)
    second = Visit(first.time, "https://a.gov.cn/", 0, 15.0, "超时 (timed out)")
    append(log, [first])
    append(log, [second])
    with log.open("a", encoding="utf-8") as handle:
        handle.write('{"time": "2026-11-20T08:30:00+08:00", "url"')  # a probe killed mid-write
    visits, problems = parse_log(log.read_text(encoding="utf-8"), "probe.jsonl")
    assert [(v.url, v.status, v.seconds, v.error, v.line) for v in visits] == [
        (first.url, 200, 0.25, "", 1),
        (second.url, 0, 15.0, "超时 (timed out)", 2),
    ]
    assert [str(p) for p in problems] == [
        "probe.jsonl:3: advice [PROBE-01] 这一行不是有效的探测记录，已跳过 (not a probe record; skipped)"
    ]


# --- a week judged ---------------------------------------------------------------------------


def week(per_day: list[int], failures: int, url: str = "https://www.ceshi.gov.cn/") -> list[Visit]:
    """Visits spread over the day (Asia/Shanghai) for the 7 days ending LAST_DAY; the first
    `failures` of them failed (a timeout, or a 503)."""
    visits: list[Visit] = []
    for offset, count in enumerate(per_day):
        day = LAST_DAY - dt.timedelta(days=len(per_day) - 1 - offset)
        for n in range(count):
            when = dt.datetime.combine(day, dt.time(), SHANGHAI) + dt.timedelta(days=n / count)
            failed = len(visits) < failures
            status, seconds = (503, 0.4) if failed and len(visits) % 2 else (200, 0.4)
            if failed and status == 200:
                seconds = 15.0
            visits.append(Visit(when, url, status, seconds, "", len(visits) + 1))
    return visits


@pytest.mark.parametrize(
    ("per_day", "failures"),
    [
        ([20] * 7, 7),  # 7 / 140 = 5 % exactly: veto
        ([20] * 7, 6),  # 4.29 %
        ([48] * 7, 17),  # 17 / 336 = 5.06 %: veto
        ([48] * 7, 16),  # 4.76 %
        ([20, 20, 20, 19, 20, 20, 20], 7),  # 7 / 139: veto, and one day measured short
        ([20, 20, 20, 19, 20, 20, 20], 6),  # 6 / 139 = 4.32 %
    ],
)
def test_the_share_of_failures_over_the_week_decides_the_veto(
    per_day: list[int], failures: int
) -> None:
    reports, findings = judge(week(per_day, failures), LAST_DAY, 7, "probe.jsonl")
    total = sum(per_day)
    [report] = reports
    assert (report.visits, report.failures) == (total, failures)
    vetoes = [d for d in findings if d.severity.value == "veto"]
    assert len(vetoes) == (1 if failures * 100 >= total * 5 else 0)
    short = [d for d in findings if d.severity.value == "advice"]
    assert len(short) == sum(1 for n in per_day if n < MIN_VISITS)
    for d in short:
        assert d.code == "SEC-05" and "少于 SEC-05 口径的每天 20 次" in d.message


def test_the_veto_finding_names_the_share_and_points_at_the_first_failure() -> None:
    visits = week([20] * 7, 7)
    _reports, findings = judge(visits, LAST_DAY, 7, "probe.jsonl")
    [veto] = findings
    assert str(veto).startswith("probe.jsonl:1: veto [SEC-05] https://www.ceshi.gov.cn/ 在 ")
    assert "共访问 140 次，7 次超过（含）15 秒仍打不开，占 5.00%" in veto.message


def test_a_share_just_under_five_percent_never_shows_as_five() -> None:
    # 99 of 1981 is 4.9975 %: rounded it would read 5.00 % and contradict the verdict.
    visits = week([283] * 7, 99)
    [report], findings = judge(visits, LAST_DAY, 7, "probe.jsonl")
    assert not report.vetoed and report.percent == "4.99%" and not findings


def test_only_the_window_counts_and_days_are_days_in_beijing() -> None:
    visits = week([20] * 7, 0)
    url = visits[0].url
    # 16:30 UTC on the day before the window is 00:30 of its first day in Beijing: inside.
    first_day = LAST_DAY - dt.timedelta(days=6)
    early = dt.datetime.combine(first_day - dt.timedelta(days=1), dt.time(16, 30), dt.UTC)
    # A failure the day after the window does not count.
    late = dt.datetime.combine(LAST_DAY + dt.timedelta(days=1), dt.time(9), SHANGHAI)
    visits += [Visit(early, url, 503, 0.1, "", 999), Visit(late, url, 0, 15.0, "timeout", 1000)]
    [report], findings = judge(visits, LAST_DAY, 7, "probe.jsonl")
    assert report.days[0] == (first_day, 21, 1) and report.failures == 1 and not findings


def test_a_url_with_no_visits_in_the_window_cannot_be_judged() -> None:
    _reports, findings = judge(week([20] * 7, 0), LAST_DAY, 7, "p.jsonl", ["https://b.gov.cn/"])
    assert [(d.severity.value, d.code) for d in findings] == [("error", "SEC-05")]


# --- the command --------------------------------------------------------------------------


def test_one_round_logs_every_url_then_the_report_judges_it(server: Server, tmp_path: Path) -> None:
    log = tmp_path / "probe.jsonl"
    ok, bad = server.url("/redirect"), server.url("/fail")
    code, out, _err = cli("probe", "--url", ok, "--url", bad, "--log", str(log))
    assert code == 0
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(r["url"], r["status"]) for r in records] == [(ok, 200), (bad, 500)]
    assert f"{ok} 200" in out and f"{bad} 500" in out
    # --date is "today": the window of one day is the day before it
    day = dt.datetime.fromisoformat(records[0]["time"]).date()
    tomorrow = (day + dt.timedelta(days=1)).isoformat()
    code, out, err = cli("probe", "--report", "--log", str(log), "--date", tomorrow, "--days", "1")
    assert code == 1  # the failing URL: 1 of 1 visits
    assert f"veto [SEC-05] {bad} " in err and f"veto [SEC-05] {ok} " not in err
    assert err.count("advice [SEC-05]") == 2  # one visit a day, each
    assert "合计 (total)" in out


def test_one_round_leaves_the_callers_sigterm_handler_alone(server: Server, tmp_path: Path) -> None:
    # A handler left behind by one round run in-process was inherited by every worker the
    # test run forked later: a pool's SIGTERM became a KeyboardInterrupt, and a worker hung.
    before = signal.getsignal(signal.SIGTERM)
    cli("probe", "--url", server.url("/ok"), "--log", str(tmp_path / "probe.jsonl"))
    assert signal.getsignal(signal.SIGTERM) is before


@pytest.mark.parametrize(
    ("failures", "code", "verdict"), [(16, 0, "4.76%  未达"), (17, 1, "5.05%  达到")]
)
def test_the_report_of_a_week_exits_as_check_does(
    tmp_path: Path, failures: int, code: int, verdict: str
) -> None:
    log = tmp_path / "probe.jsonl"
    append(log, week([48] * 7, failures))
    # failures of the week before do not count
    earlier = [dataclasses.replace(v, time=v.time - dt.timedelta(days=7)) for v in week([48], 48)]
    append(log, earlier)
    exit_code, out, err = cli(
        "probe",
        "--report",
        "--log",
        str(log),
        "--date",
        (LAST_DAY + dt.timedelta(days=1)).isoformat(),
    )
    assert exit_code == code, err
    assert verdict in out
    assert f"否决 {code}" in err


def test_the_report_ends_the_day_before_date_as_without_it(tmp_path: Path) -> None:
    # README: the last 7 days up to yesterday; --date defaults to today. The day of --date
    # itself (partial when it is today) is outside the window, with or without --date.
    log = tmp_path / "probe.jsonl"
    append(log, week([48] * 7, 0))
    same_day = [dataclasses.replace(v, time=v.time + dt.timedelta(days=1)) for v in week([48], 48)]
    append(log, same_day)  # every visit on --date itself fails
    date = LAST_DAY + dt.timedelta(days=1)
    code, out, err = cli("probe", "--report", "--log", str(log), "--date", date.isoformat())
    assert code == 0, err
    first = LAST_DAY - dt.timedelta(days=6)
    days = [line.split()[0] for line in out.splitlines() if line.startswith("  20")]
    assert days == [(first + dt.timedelta(days=n)).isoformat() for n in range(7)]


@pytest.mark.parametrize(
    ("url", "why"),
    [
        (
            "www.shili.gov.cn",
            "网址 “www.shili.gov.cn” 没有写 https:// 或 http://，应为完整网址，如 https://www.shili.gov.cn/",
        ),
        ("ftp://www.shili.gov.cn/", "以 ftp: 开头，只支持 http:// 和 https://"),
        ("https://", "没有域名"),
        ("http://[::1", "写法不对（Invalid IPv6 URL）"),
        # A port out of range was logged as a failed visit, toward a false SEC-05 veto.
        ("http://127.0.0.1:99999/", "写法不对（Port out of range 0-65535）"),
        ("http://127.0.0.1:abc/", "写法不对（Port could not be cast"),
        # nginx answers a bad %-escape with 400: a failed visit that was the operator's typo
        ("http://127.0.0.1:9/100%.html", "中的 “%.h” 不是百分号编码"),
    ],
)
def test_a_url_that_is_not_http_is_a_usage_error_and_logs_nothing(
    tmp_path: Path, url: str, why: str
) -> None:
    log = tmp_path / "probe.jsonl"
    code, _out, err = cli("probe", "--url", url, "--log", str(log))
    assert code == 2
    assert err.startswith("ssg probe: 参数错误 (usage error): --url：") and why in err, err
    assert not log.exists()


def test_days_and_date_are_for_the_report_only_and_every_is_not(tmp_path: Path) -> None:
    code, _out, err = cli("probe", "--url", "http://127.0.0.1:9/", "--days", "3")
    assert code == 2 and "只用于 --report" in err
    code, _out, err = cli("probe", "--report", "--every", "30", "--log", str(tmp_path / "x"))
    assert code == 2 and "--every 不能与 --report 同用" in err


def test_the_report_without_a_log_is_a_usage_error(tmp_path: Path) -> None:
    code, _out, err = cli("probe", "--report", "--log", str(tmp_path / "none.jsonl"))
    assert code == 2 and "找不到探测日志" in err
    code, _out, err = cli("probe", "--report", "--log", str(tmp_path))
    assert code == 2 and f"探测日志 {tmp_path} 是文件夹，不是日志文件" in err


def test_without_a_url_or_a_site_the_probe_says_what_to_give(tmp_path: Path) -> None:
    code, _out, err = cli("probe", "--source", str(tmp_path))
    assert code == 2 and "--url" in err


def test_every_keeps_probing_until_stopped(server: Server, tmp_path: Path) -> None:
    log = tmp_path / "probe.jsonl"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "ssg", "probe", "--url", server.url("/ok"), "--log", str(log),
         "--every", "0.005"],  # (0.3 s)
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if log.is_file() and len(log.read_text(encoding="utf-8").splitlines()) >= 3:
                break
            time.sleep(0.1)
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert len(log.read_text(encoding="utf-8").splitlines()) >= 3
    assert "已停止" in err


@pytest.mark.parametrize("every", ["0.001", "0.5"])
def test_a_round_every_few_milliseconds_at_a_site_is_refused_before_any_visit(
    server: Server, proxy: ForwardProxy, tmp_path: Path, every: str
) -> None:
    """--every 0.001 was taken: a request at the site every 60 ms, for ever. A site other than
    this machine (OUTSIDE, reached through the test proxy as a real one would be) gets the
    usage error, and not one request. (A process of its own, with a deadline: without the
    limit it never ends.)"""
    proxy.names[OUTSIDE] = server.port
    log = tmp_path / "probe.jsonl"
    env = {**os.environ, "PYTHONPATH": str(REPO), "http_proxy": proxy.url}
    done = subprocess.run(
        [sys.executable, "-m", "ssg", "probe", "--url", f"http://{OUTSIDE}/ok", "--log", str(log),
         "--every", every],
        capture_output=True, text=True, env=env, timeout=30,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        f"ssg probe: 参数错误 (usage error): --every：每 {every} 分钟一轮太频繁，间隔不能少于 1 分钟："
        "这样密集地访问政府网站，对网站就是一次攻击。SEC-05 的口径是每天访问不少于 20 次（约 72 分钟"
        "一次即可），通常写 --every 30；只探测本机（127.0.0.1、localhost）时不受此限 "
        "(--every must be at least 1 minute for a site other than this machine)\n"
    )
    assert not log.exists() and proxy.seen == [] and server.state.seen == []


@pytest.mark.parametrize("every", ["0", "-1", "nan", "inf"])
def test_an_interval_that_is_no_time_at_all_is_a_usage_error(tmp_path: Path, every: str) -> None:
    code, _out, err = cli(
        "probe", "--url", "http://127.0.0.1:9/", "--log", str(tmp_path / "x"), "--every", every
    )
    assert code == 2 and every in err
    assert err.startswith("ssg probe: 参数错误 (usage error): --every：")
    assert not (tmp_path / "x").exists()


def test_the_shortest_interval_is_a_minute_except_on_this_machine() -> None:
    site = "https://www.ceshi.gov.cn/"
    assert MIN_EVERY == 1.0
    assert every_problem(1.0, [site]) == "" and every_problem(30, [site]) == ""
    assert every_problem(0.99, [site])
    assert every_problem(0.001, ["http://127.0.0.1:8000/", site])  # (one real site is enough)
    for mine in ("http://127.0.0.1:8000/", "http://127.8.0.1/", "http://[::1]:81/",
                 "http://localhost/", "http://LOCALHOST./", "http://app.localhost/"):  # fmt: skip
        assert every_problem(0.001, [mine]) == "", mine
    for other in ("http://127.0.0.1.example.gov.cn/", "http://localhost.gov.cn/",
                  "http://10.0.0.1/"):  # fmt: skip
        assert every_problem(0.001, [other]), other


def test_at_a_repository_root_every_site_is_probed(tmp_path: Path) -> None:
    """集约化: a platform monitors all its sites; their domains (no resolver here: each visit
    fails at once) are visited in sites.yaml's order and logged beside sites.yaml."""
    from tests.test_sites import platform

    repo = platform(tmp_path / "repo")
    code, _out, _err = cli("probe", "--source", str(repo))
    assert code == 0
    log = repo / ".ssg-monitor/probe.jsonl"
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [r["url"] for r in records] == ["https://www.ceshi.gov.cn/", "https://fgw.ceshi.gov.cn/"]
    assert all(r["error"] for r in records)


# --- where the log goes --------------------------------------------------------------------


def test_a_log_in_a_folder_that_does_not_exist_is_a_usage_error_before_any_visit(
    server: Server, tmp_path: Path
) -> None:
    # A typo in --log made the missing folders and logged there, where nobody reads.
    log = tmp_path / "ssg-prob" / "week" / "probe.jsonl"
    code, _out, err = cli("probe", "--url", server.url("/ok"), "--log", str(log))
    assert code == 2
    assert err.startswith(
        f"ssg probe: 参数错误 (usage error): --log：探测日志 {log} 所在的文件夹 {log.parent} "
        f"不存在；请检查路径是否写错，若确要放在那里，先创建这个文件夹（mkdir -p {log.parent}）"
    ), err
    assert not (tmp_path / "ssg-prob").exists()
    assert server.state.seen == []  # (checked before the round: no visit goes unlogged)


@pytest.mark.parametrize(
    ("where", "why"),
    [
        ("file/probe.jsonl", "的上级 {tmp}/file 是文件，不是文件夹"),
        ("folder", "探测日志 {tmp}/folder 是文件夹，不是日志文件；请写其中的日志文件，如 {tmp}/folder/probe.jsonl"),
    ],
)  # fmt: skip
def test_a_log_that_cannot_be_a_file_is_a_usage_error(
    server: Server, tmp_path: Path, where: str, why: str
) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    code, _out, err = cli("probe", "--url", server.url("/ok"), "--log", str(tmp_path / where))
    assert code == 2 and why.format(tmp=tmp_path) in err, err
    assert server.state.seen == []


def test_the_log_in_an_existing_folder_is_made_and_appended_to(
    server: Server, tmp_path: Path
) -> None:
    log = tmp_path / "probe.jsonl"
    for _round in range(2):
        code, _out, err = cli("probe", "--url", server.url("/ok"), "--log", str(log))
        assert code == 0, err
    assert [json.loads(line)["status"] for line in log.read_text("utf-8").splitlines()] == [200] * 2


def test_the_default_log_folder_is_made_in_the_site(server: Server, tmp_path: Path) -> None:
    # (documented: <站点>/.ssg-monitor/probe.jsonl, made on the first round)
    code, _out, err = cli("probe", "--source", str(tmp_path), "--url", server.url("/ok"))
    assert code == 0, err
    assert json.loads((tmp_path / ".ssg-monitor/probe.jsonl").read_text("utf-8"))["status"] == 200


def test_a_default_log_folder_that_is_a_file_is_a_usage_error(
    server: Server, tmp_path: Path
) -> None:
    (tmp_path / ".ssg-monitor").write_text("x", encoding="utf-8")
    code, _out, err = cli("probe", "--source", str(tmp_path), "--url", server.url("/ok"))
    assert code == 2
    assert err.startswith(
        f"ssg probe: 参数错误 (usage error): 探测日志 {tmp_path}/.ssg-monitor/probe.jsonl 的上级"
    ), err
