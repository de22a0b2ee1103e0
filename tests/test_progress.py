"""The progress display (ssg/progress.py): only on a terminal, never in CI or with --quiet,
only for builds that last, one rewritten line, wiped before the build's report."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from ssg import parallel
from ssg.build import BuildOptions, build
from ssg.progress import TerminalProgress, wanted
from tests.sitekit import make_site


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_wanted_only_on_a_terminal_outside_ci_and_without_quiet() -> None:
    assert wanted(False, Terminal(), {"TERM": "xterm"})
    assert not wanted(True, Terminal(), {"TERM": "xterm"})
    assert not wanted(False, Terminal(), {"TERM": "xterm", "CI": "true"})
    assert not wanted(False, Terminal(), {"TERM": "dumb"})
    assert not wanted(False, io.StringIO(), {"TERM": "xterm"})


def test_short_builds_print_nothing_and_long_ones_one_line() -> None:
    stream, clock = Terminal(), Clock()
    progress = TerminalProgress(stream, clock)
    progress("render", 10, 100)
    assert stream.getvalue() == "", "nothing in the first half second"
    clock.now += 1
    progress("render", 50, 100)
    progress("render", 60, 100)  # within a tenth of a second: not drawn
    clock.now += 0.2
    progress("render", 100, 100)
    drawn = stream.getvalue()
    assert "\n" not in drawn
    assert drawn.count("\r") == 2
    assert "生成页面 (rendering) 50/100（50%）" in drawn
    assert drawn.endswith("生成页面 (rendering) 100/100（100%）")
    progress.clear()
    assert stream.getvalue().endswith("\r")
    assert stream.getvalue().rsplit("\r", 2)[-2].strip() == ""


def test_a_shorter_line_wipes_what_the_longer_one_left() -> None:
    stream, clock = Terminal(), Clock()
    progress = TerminalProgress(stream, clock)
    clock.now += 1
    progress("render", 9_999, 10_000)
    clock.now += 1
    progress("check", 0, 0)
    last = stream.getvalue().rsplit("\r", 1)[-1]
    assert last.startswith("合规检查 (checking) …") and last.endswith(" ")


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_build_reports_every_stage_and_the_pages_as_they_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_PAGES", 1)
    monkeypatch.setattr(parallel, "CHUNK", 3)
    news = {
        f"content/dt/n{i}.md": f"---\ntitle: 消息{i}\ndate: 2026-11-{1 + i:02d}\n"
        "source: 测试市人民政府办公室\nreviewed_by: 审核人\n---\n正文。\n"
        for i in range(12)
    }
    make_site(tmp_path, news)
    heard: list[tuple[str, int, int]] = []
    options = BuildOptions(
        tmp_path, tmp_path / "public", dt.date(2026, 11, 20), jobs=jobs,
        progress=lambda stage, done, total: heard.append((stage, done, total)),
    )  # fmt: skip
    assert build(options).written
    stages = [stage for stage, _done, total in heard if total == 0]
    assert stages[:2] == ["load config", "parse + validate"]
    assert {"render", "search index", "check", "swap"} <= set(stages)
    counts = [(done, total) for stage, done, total in heard if stage == "render" and total]
    assert len(counts) >= 4, "reported chunk by chunk"
    assert counts[-1][0] == counts[-1][1] > 12
    assert [d for d, _ in counts] == sorted(d for d, _ in counts)
