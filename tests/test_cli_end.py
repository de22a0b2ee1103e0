"""How `ssg build` ends its process (ssg/cli.py: _end_if_alone): at once, without Python's
finalization, once everything is said and written, and only when nothing is left running."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ssg.cli import main
from tests.sitekit import make_site

# One deduct finding (a picture without alt text): something for stderr to say, and a warning
# that --strict turns into a blocked build.
NEWS = {
    "content/dt/jiu.md": "---\ntitle: 旧闻\ndate: 2026-11-02\nsource: 测试市人民政府办公室\n"
    "reviewed_by: 审核人\n---\n![](/static/emblem.png)\n"
}

# `python -m ssg`, with os._exit marked: the process that ends by it writes its code to a
# file first (the build's forked processes end by it too: not marked).
_COMMAND = """\
import os, runpy, sys
{prelude}
_parent, _exit = os.getpid(), os._exit
def _marked(code):
    if os.getpid() == _parent:
        with open({marker!r}, "w") as file:
            file.write(str(code))
    _exit(code)
os._exit = _marked
sys.argv = ["ssg", *sys.argv[1:]]
runpy.run_module("ssg", run_name="__main__")
"""


def ssg(root: Path, *args: str, prelude: str = "") -> tuple[subprocess.CompletedProcess[str], str]:
    """`ssg build` of `root` in a process of its own, its output through pipes (which hold
    what it says in their buffers until flushed): (the process, the code it gave os._exit,
    "" when it ended the usual way)."""
    marker = root.parent / f"{root.name}-ended"
    marker.unlink(missing_ok=True)
    code = _COMMAND.format(prelude=prelude, marker=str(marker))
    argv = ["build", "--source", str(root), "--date", "2026-11-20", *args]
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    done = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        env=buffered,
        timeout=300,
    )
    return done, marker.read_text() if marker.exists() else ""


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def cache_files(root: Path) -> list[str]:
    """The cache's files, each named without its key (the site's path is part of it)."""
    return sorted(re.sub("[0-9a-f]{16,}", "KEY", p.name) for p in (root / ".ssg-cache").iterdir())


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = make_site(tmp_path / "site", NEWS)
    # (saved a minute ago: a file written just now is "racy", and never replayed: ssg/unchanged.py)
    past = time.time() - 60
    for path in root.rglob("*"):
        os.utime(path, (past, past))
    return root


def test_a_cold_build_ends_at_once_with_all_said_and_written(site: Path, tmp_path: Path) -> None:
    same = shutil.copytree(site, tmp_path / "same")
    done, ended = ssg(site)
    assert done.returncode == 0, done.stderr
    assert ended == "0"  # (no finalization)
    said = done.stdout.splitlines(keepends=True)
    assert said[0].startswith("已生成 ") and said[0].endswith("s)\n")
    # (the last thing said: the policy library's URLs it recorded)
    assert said[-1].endswith("(2 library URLs published first now recorded; commit the file)\n")
    assert "[A11Y-02]" in done.stderr
    assert done.stderr.endswith(
        "错误 0，否决 0，扣分 1，建议 0 (errors 0, veto 0, deduct 1, advice 0)\n"
    )
    # The output is the one a build in a process that ends the usual way writes.
    assert main(["build", "--source", str(same), "--date", "2026-11-20", "--quiet"]) == 0
    assert files(site / "public") == files(same / "public")
    # Every cache written whole, none of them half-way (a temporary name begins with ".").
    cache = cache_files(site)
    assert cache == cache_files(same)
    assert not [name for name in cache if name.startswith(".")]
    # ... and complete: the next build has nothing to do, and ends at once too.
    again, ended = ssg(site)
    assert again.returncode == 0 and ended == "0"
    assert again.stdout.startswith("输入没有变化")


def test_a_build_after_an_edit_ends_at_once(site: Path) -> None:
    assert ssg(site)[1] == "0"
    news = site / "content/dt/jiu.md"
    news.write_text(news.read_text("utf-8").replace("旧闻", "新闻"), encoding="utf-8")
    done, ended = ssg(site)
    assert done.returncode == 0 and ended == "0"
    assert done.stdout.startswith("已生成 ")
    assert "新闻" in (site / "public/dt/jiu.html").read_text("utf-8")


def test_a_blocked_build_ends_at_once_and_says_why(site: Path) -> None:
    done, ended = ssg(site, "--strict")
    assert done.returncode == 1 and ended == "1"
    assert "[A11Y-02]" in done.stderr
    assert done.stderr.rstrip().endswith(
        "(build blocked; " + str(site / "public") + " left as it was)"
    )
    assert not (site / "public").exists()


@pytest.mark.parametrize(
    "prelude",
    [
        # a thread still running (ssg/write.py deletes an old output in one where it cannot fork)
        "import threading; threading.Thread(target=threading.Event().wait, daemon=True).start()",
        # a child process not waited for, still running ...
        "if os.fork() == 0:\n    import time; os.dup2(os.open(os.devnull, os.O_RDWR), 1);"
        " os.dup2(1, 2); time.sleep(1); os._exit(0)",
        # ... or ended
        "if os.fork() == 0:\n    os._exit(0)",
        # something registered to run at exit
        "import atexit; atexit.register(lambda: print('said at exit'))",
        # a logging handler, which logging's exit function flushes
        "import logging, sys; logging.getLogger().addHandler(logging.StreamHandler(sys.stdout))",
    ],
    ids=["thread", "running-child", "ended-child", "atexit", "logging-handler"],
)
def test_a_build_that_leaves_something_running_ends_the_usual_way(site: Path, prelude: str) -> None:
    done, ended = ssg(site, prelude=prelude)
    assert done.returncode == 0, done.stderr
    assert ended == ""
    assert done.stdout.startswith("已生成 ")
    if "atexit" in prelude:
        assert done.stdout.endswith("said at exit\n")


def test_logging_imported_without_handlers_is_no_reason_to_wait(site: Path) -> None:
    """A site with data/deploy.yaml imports the verifier, and with it logging, whose exit
    function has nothing to flush but stderr."""
    done, ended = ssg(site, prelude="import logging")
    assert done.returncode == 0 and ended == "0"


def test_the_command_called_from_python_never_ends_the_process(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A test, a script or `ssg serve` calls main() with its arguments: it returns."""
    here, real_exit, ended = os.getpid(), os._exit, []

    def marked(code: int) -> None:
        if os.getpid() == here:
            ended.append(code)
        real_exit(code)  # (a forked process of the build)

    monkeypatch.setattr(os, "_exit", marked)
    argv = ["build", "--source", str(site), "--date", "2026-11-20", "--quiet"]
    assert main(argv) == 0
    assert main(argv) == 0  # (a replay)
    assert main([*argv, "--strict"]) == 1
    assert ended == []
