"""A one-line progress display for long builds on a terminal (issue 9).

It shows on stderr only when stderr is a terminal, `--quiet` is not given and the build does
not run in CI (the CI variable that GitHub, GitLab and most runners set); it appears only
after the build has run for a moment, so that short builds print nothing extra, rewrites its
line at most ten times a second, and wipes it before the build's own report is printed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from typing import TextIO

SHOW_AFTER = 0.5  # seconds
EVERY = 0.1  # seconds between two redraws

STAGE_LABELS = {
    "load config": "读取配置 (config)",
    "parse + validate": "解析与校验 (parsing)",
    "link": "建立关联 (linking)",
    "render": "生成页面 (rendering)",
    "lifecycle": "开办、迁移等事件 (lifecycle)",
    "library redirects": "政策文件库旧网址跳转 (policy library redirects)",
    "search index": "搜索索引 (search index)",
    "search index (rest)": "等待搜索索引 (search index)",
    "copy files": "复制文件 (copying)",
    "check": "合规检查 (checking)",
    "swap": "替换输出 (swapping)",
}


def wanted(quiet: bool, stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return not quiet and stream.isatty() and not env.get("CI") and env.get("TERM") != "dumb"


class TerminalProgress:
    """Called by the build as progress(stage, done, total); total 0 means "no count"."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.started = self.clock()
        self.last = 0.0
        self.width = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = self.clock()
        if now - self.started < SHOW_AFTER:
            return
        if now - self.last < EVERY and done != total:
            return
        self.last = now
        label = STAGE_LABELS.get(stage, stage)
        count = f" {done:,}/{total:,}（{done * 100 // total}%）" if total else " …"
        self._draw(label + count)

    def _draw(self, text: str) -> None:
        padding = " " * max(0, self.width - _columns(text))
        self.stream.write(f"\r{text}{padding}")
        self.stream.flush()
        self.width = _columns(text)

    def clear(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def _columns(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if ord(c) >= 0x1100 else 1 for c in text)
