"""Command-line arguments: bad values are usage errors (exit 2) that say what is expected."""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import io
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ssg.cli import UsageError, _parser, main
from tests.sitekit import make_site, run


def usage(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    return code, err.getvalue()


@pytest.mark.parametrize(
    "date", ["0001-01-01", "0999-12-31", "garbage", "20261120", "2026-W47-5", "2026-11-2"]
)
def test_build_date_out_of_range_is_a_usage_error(tmp_path: Path, date: str) -> None:
    """0001-01-01 reached year 0 working out last year's annual report: an internal error."""
    make_site(tmp_path, {})
    code, err = usage(["check", "--source", str(tmp_path), "--date", date])
    assert code == 2
    assert "ssg check: 参数错误 (usage error): --date：日期" in err and "Traceback" not in err


@pytest.mark.parametrize("port", ["99999", "65536", "-1", "八千"])
def test_serve_port_out_of_range_is_a_usage_error(tmp_path: Path, port: str) -> None:
    """99999 reached bind(): an internal error (OverflowError), exit 3."""
    make_site(tmp_path, {})
    code, err = usage(["serve", "--source", str(tmp_path), "--port", port])
    assert code == 2
    assert f"端口应为 0 到 65535 的整数（0 表示由系统选择空闲端口），不是 “{port}”" in err
    assert "内部错误" not in err and not (tmp_path / ".ssg-cache").exists()


@pytest.mark.parametrize("jobs", ["-1", "100000", "①", "two"])
def test_jobs_out_of_range_is_a_usage_error(tmp_path: Path, jobs: str) -> None:
    make_site(tmp_path, {})
    code, err = usage(["build", "--source", str(tmp_path), "--jobs", jobs])
    assert code == 2
    assert f"--jobs：进程数应为 0 到 256 的整数（0 表示每个 CPU 核一个），不是 “{jobs}”" in err
    assert not (tmp_path / "public").exists()


def test_jobs_zero_is_one_per_core(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    assert run(tmp_path, "--jobs", "0", command="build").code == 0


@pytest.mark.parametrize("year", ["0000", "0999", "²⁰²⁵"])
def test_new_annual_report_needs_a_four_digit_year(tmp_path: Path, year: str) -> None:
    """0000 wrote data/annual-report/0.yaml, a file no build reads."""
    make_site(tmp_path, {})
    code, err = usage(["new", "annual-report", year, "--source", str(tmp_path)])
    assert code == 2
    assert f"年度报表的年份应为 4 位数字，如 2025，不是 “{year}”" in err
    assert not (tmp_path / "data/annual-report").exists()


def test_init_where_no_folder_can_be_made_is_a_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, err = usage(["init", str(blocker / "site")])
    assert code == 2
    assert (
        f"无法在 {blocker / 'site'} 新建站点：Not a directory (cannot create the site there)" in err
    )
    assert blocker.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("name", ["missing", "file"])
@pytest.mark.parametrize(
    "command", [["serve", "--port=0"], ["build"], ["check"], ["search", "index"]]
)
def test_a_missing_site_folder_is_a_usage_error(
    tmp_path: Path, name: str, command: list[str]
) -> None:
    """Watching a folder that is not there failed in watchdog: an internal error, exit 3. And
    build, check, search index took a mistyped --source for a site without content/ and
    data/site.yaml (exit 1), where probe, links and verify said it was a usage error."""
    (tmp_path / "file").write_text("x", encoding="utf-8")
    source = tmp_path / name
    code, err = usage([*command, "--source", str(source), "--date", "2026-11-20"])
    assert code == 2
    what = f"{source} 是文件，不是站点目录" if name == "file" else f"找不到站点目录 {source}"
    assert (
        f"参数错误 (usage error): --source：{what}；请写站点（或含 sites.yaml 的仓库）的文件夹"
        in err
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


@pytest.mark.parametrize("command", [["build"], ["check"], ["search", "index"]])
def test_an_empty_source_is_a_usage_error_not_the_current_folder(
    tmp_path: Path, command: list[str]
) -> None:
    """`--source "$SITE"` with the variable unset checked (or built) the current folder."""
    code, err = usage([*command, "--source", "", "--date", "2026-11-20"])
    assert code == 2 and "路径是空的" in err


@pytest.mark.parametrize(
    "command", [["build"], ["serve", "--port", "0"], ["links", "--external"], ["verify"]]
)
def test_an_empty_out_is_the_same_usage_error_on_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """`--out "$OUT"` with the variable unset: `ssg links` and `ssg verify` said the path is
    empty, `ssg build` (run in the site) that the output would overwrite the sources, and
    elsewhere it would have written into the current folder. One message on every command."""
    make_site(tmp_path, {})
    monkeypatch.chdir(tmp_path)
    code, err = usage([*command, "--source", ".", "--out", ""])
    assert code == 2
    assert (
        f"ssg {command[0]}: 参数错误 (usage error): --out：路径是空的；请写文件或文件夹的路径"
        "（多半是脚本中的变量没有值） (empty path)"
    ) in err, err
    assert not (tmp_path / "public").exists() and not (tmp_path / ".ssg-cache").exists()


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["new", "news", "dt/kongbai", "--source", ""], "--source"),
        (["search", "serve", "--port", "0", "--source", ""], "--source"),
        (["search", "index", "--date", "2026-11-20", "--index", ""], "--index"),
        (["search", "serve", "--port", "0", "--index", ""], "--index"),
        (["init", ""], "DIR"),
    ],
    ids=["new-source", "search-serve-source", "search-index-index", "search-serve-index", "init"],
)
def test_an_empty_path_is_the_same_usage_error_as_an_empty_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], option: str
) -> None:
    """`ssg new --source ""`, `ssg search serve --source ""`, `--index ""` and `ssg init ""`
    took the empty path for the current folder: `ssg new` wrote its file into the site there,
    `ssg search index` its index, `ssg init` a new site into whatever empty folder it was run
    in. The same usage error as an empty --out, and nothing written."""
    site, empty = tmp_path / "site", tmp_path / "empty"
    make_site(site, {})
    empty.mkdir()
    before = sorted(str(p.relative_to(site)) for p in site.rglob("*"))
    monkeypatch.chdir(empty if command[0] == "init" else site)
    code, err = usage(command)
    prog = " ".join(command[:2]) if command[0] == "search" else command[0]
    assert code == 2
    assert (
        f"ssg {prog}: 参数错误 (usage error): {option}：路径是空的；请写文件或文件夹的路径"
        "（多半是脚本中的变量没有值） (empty path)"
    ) in err, err
    assert sorted(str(p.relative_to(site)) for p in site.rglob("*")) == before
    assert list(empty.iterdir()) == []


def test_a_second_build_of_a_site_waits_for_the_first(tmp_path: Path) -> None:
    """Two builds at once swapped into the same public/: the one that came second to the swap
    failed with an internal error (exit 3), and one could link pages the other removed."""
    make_site(tmp_path, {})
    (tmp_path / ".ssg-cache").mkdir()
    err = io.StringIO()
    codes: list[int] = []
    argv = ["build", "--source", str(tmp_path), "--date", "2026-11-20", "--quiet"]
    with (tmp_path / ".ssg-cache/build.lock").open("ab") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # (the first build)
        with contextlib.redirect_stderr(err):
            second = threading.Thread(target=lambda: codes.append(main(argv)))
            second.start()
            deadline = time.monotonic() + 30
            while "另一个 ssg build" not in err.getvalue() and time.monotonic() < deadline:
                time.sleep(0.05)
            assert err.getvalue() == (
                "另一个 ssg build 正在构建本站点，等它完成后再开始 "
                "(another build of this site is running; waiting for it)\n"
            )
            assert second.is_alive() and not (tmp_path / "public").exists()
            fcntl.flock(held, fcntl.LOCK_UN)
            second.join(60)
    assert codes == [0]
    assert (tmp_path / "public/index.html").is_file()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["frob"],
            "ssg: 参数错误 (usage error): 没有 “frob” 这个命令；可用的命令：build、check、rules、"
            "serve、search、probe、links、verify、init、new、report (unknown command)",
        ),
        (
            ["build", "--frob"],
            "ssg: 参数错误 (usage error): 不认识的参数：--frob；可用的参数见 --help "
            "(unrecognized arguments)",
        ),
        (
            ["new"],
            "ssg new: 参数错误 (usage error): 缺少参数：TYPE, PATH (required arguments missing)",
        ),
        (
            ["init", "x", "--level", "town"],
            "ssg init: 参数错误 (usage error): --level 不能是 “town”，可选：province、city、county、"
            "department (invalid choice)",
        ),
        (
            ["serve", "--port", "abc"],
            "ssg serve: 参数错误 (usage error): --port：端口应为 0 到 65535 的整数（0 表示由系统选择空闲端口），"
            "不是 “abc” (expected 0..65535; 0 picks a free port)",
        ),
        (
            ["search", "serve", "--searchers", "abc"],
            "ssg search serve: 参数错误 (usage error): --searchers 应为整数，不是 “abc” (invalid value)",
        ),
        (
            ["build", "--date"],
            "ssg build: 参数错误 (usage error): --date 后面需要一个值 (expected a value)",
        ),
        (
            ["search", "frob"],
            "ssg search: 参数错误 (usage error): 没有 “frob” 这个子命令；可用的子命令：index、serve "
            "(unknown command)",
        ),
    ],
)
def test_usage_errors_are_said_in_chinese(argv: list[str], message: str) -> None:
    """argparse's own messages were English only (invalid choice, unrecognized arguments …)."""
    code, err = usage(argv)
    assert code == 2
    assert err == message + "\n"


@pytest.mark.parametrize(
    "argv",
    [[], ["build"], ["check"], ["rules"], ["serve"], ["search"], ["search", "index"],
     ["search", "serve"], ["init"], ["new"], ["report"], ["report", "freeze"]],
)  # fmt: skip
def test_help_is_chinese_first_and_says_what_the_command_does(argv: list[str]) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*argv, "--help"]) == 0
    text = out.getvalue()
    assert text.startswith(f"用法 (usage): {' '.join(['ssg', *argv])} [-h]")
    assert "-h, --help" in text and "显示本帮助后退出 (show this help and exit)" in text
    for english in ("usage:", "show this help message", "positional arguments", "\noptions:"):
        assert english not in text
    if argv:  # (the command's own description, as the list of commands gives it)
        assert text.split("\n\n")[1].strip().endswith(")")


def _parsed(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[object, str, str]:
    """What a parser makes of `argv`: the arguments, or how it stopped; what it printed."""
    out, err = io.StringIO(), io.StringIO()
    outcome: object
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            outcome = sorted(vars(parser.parse_args(argv)).items())
        except UsageError as exc:
            outcome = ("usage error", str(exc))
        except SystemExit as exc:
            outcome = ("exit", exc.code)
    return outcome, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "argv",
    [["build", "--source", "site", "--out", "o", "--date", "2026-11-20", "--quiet", "--timings"],
     ["build", "--help"], ["build", "--bogus"], ["build", "--ti"], ["build", "--no"],
     ["build", "--jobs", "x"], ["build", "extra"], ["build", "--version"], ["check", "--help"],
     ["check", "--format", "xml"], ["check", "--strict", "--all", "--site", "a", "--site", "b"],
     ["rules", "--format", "markdown"], ["serve", "--port", "x"], ["search"], ["search", "frob"],
     ["search", "index", "--help"], ["search", "serve", "--workers", "3"], ["probe", "--every", "0"],
     ["links", "--delay", "-1"], ["verify", "https://example.gov.cn/"], ["init"],
     ["init", "--level", "x", "d"], ["new", "news", "dt/x"], ["report", "freeze", "2025"],
     ["report", "freeze", "--help"]],
)  # fmt: skip
def test_a_command_parsed_alone_is_parsed_as_among_all(argv: list[str]) -> None:
    """`ssg build` sets up the options of `build` only, not those of every command (1.8 ms of
    CPU at each start, of a build with nothing changed's ~50: issue 9). What it parses, its
    help and its errors are the same as with every command set up."""
    assert _parsed(_parser(argv[0]), argv) == _parsed(_parser(), argv)


def test_only_the_command_named_first_is_set_up() -> None:
    def commands(parser: argparse.ArgumentParser) -> list[str]:
        [found] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        return list(found.choices)

    assert commands(_parser("build")) == ["build"]
    assert commands(_parser("search")) == ["search"]
    everything = ["build", "check", "rules", "serve", "search", "probe", "links", "verify",
                  "init", "new", "report"]  # fmt: skip
    assert commands(_parser()) == commands(_parser("--debug")) == everything
    assert commands(_parser("biuld")) == everything  # (a typo: the list of commands says so)


@pytest.mark.parametrize("argv", [["--debug", "rules"], ["rules", "--debug"]])
def test_debug_after_the_command_shows_the_traceback(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The internal-error line asks for --debug; added after the command, it was a usage error."""

    def broken(args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr("ssg.cli._rules", broken)
    code, err = usage(argv)
    assert code == 3
    assert err.startswith(
        "ssg 内部错误，这是 ssg 的缺陷而不是您的输入问题；请带上 --debug 的输出报告"
    )
    assert "Traceback (most recent call last)" in err and "RuntimeError: boom" in err


def test_a_build_started_with_sigchld_ignored_waits_for_its_own_processes(
    tmp_path: Path,
) -> None:
    """Some supervisors start programs with SIGCHLD ignored, which exec keeps: the kernel then
    reaps ssg's forked processes before ssg waits for them (every build ended in exit 3)."""
    make_site(tmp_path, {})
    done = subprocess.run(
        [sys.executable, "-m", "ssg", "build", "--source", str(tmp_path), "--quiet"],
        preexec_fn=lambda: signal.signal(signal.SIGCHLD, signal.SIG_IGN),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "public/index.html").is_file()
