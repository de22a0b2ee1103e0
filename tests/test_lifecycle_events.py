"""data/lifecycle.yaml events that contradict each other, and a required reason written as
YAML's null: each an error at its line, the build blocked. Real files, the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import make_site, run

OFFLINE = "- {{event: temporary_offline, from: {start}, to: {end}, reason: 整改}}\n"


def errors(root: Path, text: str) -> list[str]:
    make_site(root, {"data/lifecycle.yaml": text})
    result = run(root)
    assert result.code == 1
    return [line.split(" (")[0] for line in result.lines if " error " in line]


def test_a_second_opening_is_an_error_at_its_date(tmp_path: Path) -> None:
    text = "- event: opening\n  date: 2019-05-01\n- event: opening\n  date: 2020-05-01\n"
    assert errors(tmp_path, text) == [
        "data/lifecycle.yaml:4: error [LIFECYCLE-07] [2].date: 网站只开通一次，第 1 项已是开通事件"
        "（2019-05-01）；请保留真实的开通日期，删除另一项"
    ]


def test_the_same_event_twice_is_an_error_at_the_second(tmp_path: Path) -> None:
    text = (
        "- {event: domain_change, date: 2026-03-01, old_domain: www.a.gov.cn}\n"
        "- {event: domain_change, date: 2026-03-01, old_domain: www.a.gov.cn}\n"
    )
    assert errors(tmp_path, text) == [
        "data/lifecycle.yaml:2: error [LIFECYCLE-07] [2].date: 与第 1 项是同一个域名变更事件"
        "（2026-03-01），会发布两条公告；请删除重复的一项"
    ]


def test_two_old_domains_retired_on_one_day_are_two_events(tmp_path: Path) -> None:
    """A domain_change names one old domain: a site retiring two on one day writes two, and
    each needs its 301 (the same old domain twice, in any spelling, is still one event)."""
    text = (
        "- {event: domain_change, date: 2026-03-01, old_domain: www.a.gov.cn}\n"
        "- {event: domain_change, date: 2026-03-01, old_domain: a.jl.gov.cn}\n"
    )
    make_site(tmp_path, {"data/lifecycle.yaml": text})
    assert not run(tmp_path).with_code("LIFECYCLE-07")
    again = text + "- {event: domain_change, date: 2026-03-01, old_domain: WWW.A.GOV.CN}\n"
    assert [line.split(" [3]")[0] for line in errors(tmp_path, again)] == [
        "data/lifecycle.yaml:3: error [LIFECYCLE-07]"
    ]


@pytest.mark.parametrize(
    ("second", "other"),
    [(("2026-03-05", "2026-03-12"), 1), (("2026-02-20", "2026-03-01"), 1)],
)
def test_offline_periods_that_overlap_are_an_error(
    tmp_path: Path, second: tuple[str, str], other: int
) -> None:
    text = OFFLINE.format(start="2026-03-01", end="2026-03-10")
    text += OFFLINE.format(start=second[0], end=second[1])
    assert errors(tmp_path, text) == [
        f"data/lifecycle.yaml:2: error [LIFECYCLE-07] [2].from: 临时下线 {second[0]} 至 "
        f"{second[1]} 与第 {other} 项（2026-03-01 至 2026-03-10）重叠；同一时间只能有一次下线，"
        "请合并为一项或改正日期"
    ]


def test_offline_periods_one_after_the_other_do_not_overlap(tmp_path: Path) -> None:
    text = OFFLINE.format(start="2026-03-01", end="2026-03-10")
    text += OFFLINE.format(start="2026-03-11", end="2026-03-12")
    make_site(tmp_path, {"data/lifecycle.yaml": text})
    assert run(tmp_path).with_code("LIFECYCLE-07") == []


@pytest.mark.parametrize("word", ["~", "null"])
def test_a_null_word_as_the_offline_reason_is_no_reason(tmp_path: Path, word: str) -> None:
    text = f"- event: temporary_offline\n  from: 2026-03-01\n  to: 2026-03-05\n  reason: {word}\n"
    assert errors(tmp_path, text) == [
        f"data/lifecycle.yaml:4: error [LIFECYCLE-02] [1].reason: 临时下线事件的 reason（下线原因）"
        f"写的是 {word}，是否漏填？请写明下线原因；如确实如此请加引号，如 “reason: '{word}'”"
    ]


def test_a_quoted_null_word_as_the_reason_is_the_editors_own(tmp_path: Path) -> None:
    text = "- event: temporary_offline\n  from: 2026-03-01\n  to: 2026-03-05\n  reason: '~'\n"
    make_site(tmp_path, {"data/lifecycle.yaml": text})
    assert [line for line in run(tmp_path).lines if " error " in line] == []
