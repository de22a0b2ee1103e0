"""ssg, Hugo and Pelican side by side on the same generated content, in one run.

同一次运行中、同样内容上对比 ssg、Hugo 与 Pelican：冷构建、无改动重建、改一处重建、`ssg serve`
保存到页面刷新的时间，以及各自的峰值内存。Hugo 与 Pelican 各测两种站点：最小布局，以及与 ssg 默认主题
页面相同的布局（--layouts）；可选地在它们的冷构建之后运行 Pagefind 建搜索索引（--pagefind）。

    python bench/compare.py [--sizes 1000,10000,20000] [--runs 3,2,2] [--saves 3,2,2]
                            [--python PATH | --ssg PATH] [--hugo PATH] [--workdir DIR] [--record]
                            [--layouts minimal,theme] [--pagefind [--pagefind-bin PATH]]

The ssg measured is a copy of ssg/ taken when the run starts (bench/work/ssg-snapshot-<hash>/,
run as `PYTHONPATH=<snapshot> .venv/bin/python -P -m ssg`): people editing ssg/ during a
20-minute run would otherwise change the code under test between rounds, and since ssg's render
cache keys hash its own source, turn a one-edit rebuild into a full one. The snapshot is
byte-compiled when it is made (`python -m compileall`), as `pip install` compiles an installed
package: with PYTHONDONTWRITEBYTECODE set, as on this machine, each run would otherwise compile
ssg's modules anew; and the default theme's templates are compiled into the snapshot's own
template cache (SSG_TEMPLATE_CACHE, ssg/render.py), as an installed ssg keeps them in
~/.cache/ssg after its first run. `--ssg PATH` runs an installed executable as it is instead.

For each size the corpus comes from bench/gen_corpus.py (cached in the work folder, as
build_bench.py does) and is converted for Hugo and Pelican by bench/convert.py (cached too,
keyed by what the converter reads: convert.py, and for a themed site its layouts and ssg's theme
assets; see CONVERTER_SOURCES). --layouts picks the sites, by default both:

- `minimal`: `convert.py hugo` and `convert.py pelican`, title + date + body in a one-line nav
  (Pelican's `simple` theme): the sites of every run before 2026-11-29;
- `theme`: `convert.py hugo-theme` (bench/hugo_theme/) and `convert.py pelican-theme`
  (bench/pelican_theme.py, bench/pelican_theme/), sites rendering the pages ssg's default theme
  renders (head meta, accessibility bar, masthead, nav, breadcrumbs, section nav, each type's
  fields, footer): the like-for-like comparison. A converter missing from convert.py's
  CONVERTERS is reported as not available (its row says so), not as a failure.

The tables name each site by its layout, Chinese first: Hugo（最小布局 minimal layout）, Hugo（同
ssg 页面 same pages as ssg）, and the same for Pelican. The ratio table has, for each layout, the
goals of issue 9 (ssg cold ≤ 1.5 × Hugo cold, Pelican cold ≥ 5 × ssg cold, peak memory below
Hugo's) and the render-only ratios; the minimal layout keeps every row of the runs before
layouts, the no-change and one-edit rebuilds against its Hugo included.

Then, round after round (the tools take turns, so that the load other people put on the machine
falls on all of them alike):

- ssg cold build: output and <corpus>/.ssg-cache deleted, then
  `ssg build --source C --out O --date D --quiet --timings` (--timings only prints the stage
  durations ssg measures anyway); ssg no-change rebuild: the same command again; ssg one-edit
  rebuild: the title of the newest 测试要闻 news item changed, the same command again (the file
  is restored afterwards);
- for each layout, Hugo cold build (`hugo --quiet -d OUT` in the converted site, OUT and
  resources/ deleted) and no-change rebuild (the same command again);
- for each layout, Pelican cold build (`pelican content -o OUT -s pelicanconf.py -q`, OUT
  deleted), skipped when the previous size's run of that layout predicts more than
  --pelican-limit seconds;
- with --pagefind, right after each Hugo and Pelican cold build, Pagefind on its output
  (`pagefind_extended --site OUT --quiet`), timed on its own: ssg's full build makes a Chinese
  search index, a Hugo or Pelican site gets one from Pagefind. The binary is hugo_ab.py's
  (PAGEFIND_PIN, installed by its `ensure_pagefind` under WORKDIR/pagefind on first use), or
  --pagefind-bin. The ratio rows then also compare ssg with the sum of the two walls, per
  round (a "+ Pagefind" row's peak memory is the larger of the two).

"Deleted" above means moved aside: the folders are deleted once the run has measured everything,
so that no measured build creates its files just after a mass deletion (`Trash`).

Then one `ssg serve --port P --date D` session in the corpus folder (its preview folder deleted
first): start-up is the time until the server answers; each save writes a new title into the
news item and is timed until the `reload` event arrives on /__ssg/events, and until the page,
fetched after it, carries the new title.

Peak memory is `ru_maxrss` from `os.wait4` on the child (the largest single process of its tree)
and, for `ssg serve`, VmHWM from /proc/<pid>/status. VmHWM is one process's: the processes
`ssg serve` forks (its first build's workers) are sampled too, every 50 ms, and the largest sum
of their PSS with its own (pages shared copy-on-write counted once) is the preview's memory
on the machine. Every figure is the median of the runs.
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as dt
import hashlib
import json
import os
import platform
import queue
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from build_bench import (  # bench/ is on sys.path: this file runs as a script
    CACHE_DIR,
    Corpus,
    cpu_model,
    ensure_corpus,
    interpreter_of,
    max_rss_kib,
    output_stats,
)
from convert import CONVERTERS, unquote
from hugo_ab import PAGEFIND_PIN, ensure_pagefind

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
# Pelican lives in its own venv under the work folder, never in the project's locks.
PELICAN_PINS = ("pelican==4.12.0", "markdown==3.11.3")
EDIT_COLUMN = "zwdt/csyw"  # 测试要闻: the one-edit and serve measurements edit its newest item
SERVE_GOAL_SIZE = 20_000  # issue 9: save to reload under 200 ms at 20,000 items
SERVE_TIMEOUT = 600.0  # seconds to wait for a start-up or a reload before giving up
STAGE_LINE = re.compile(r"^\s{2}(\S.*?)\s+([\d.]+) ms$")
REBUILT_LINE = re.compile(r"已重新生成（(\d+) ms）")
HOT_LINE = re.compile(r"（(\d+) ms） \(hot update\)")


# ---- measuring a child ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Measure:
    """One timed run of one command."""

    wall: float  # seconds
    peak_kib: int
    exit_code: int
    pages: int = 0  # .html files in the output afterwards
    output_bytes: int = 0
    stages: tuple[tuple[str, float], ...] = ()  # ssg --timings: (stage, seconds)
    note: str = ""

    @property
    def failed(self) -> bool:
        return self.exit_code != 0


def run_child(
    command: Sequence[str],
    cwd: Path,
    log: Path,
    timeout: float | None = None,
    env: dict[str, str] | None = None,
) -> tuple[float, int, int]:
    """Run `command`, return (wall seconds, peak RSS KiB, exit code); output goes to `log`.*"""
    with open(log.with_suffix(".out"), "wb") as out, open(log.with_suffix(".err"), "wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen(list(command), cwd=cwd, stdout=out, stderr=err, env=env)
        killer = None
        if timeout is not None:
            killer = threading.Timer(timeout, child.kill)
            killer.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        if killer is not None:
            killer.cancel()
    child.returncode = code = os.waitstatus_to_exitcode(status)
    return wall, max_rss_kib(usage.ru_maxrss), code


def measure(
    command: Sequence[str],
    cwd: Path,
    log: Path,
    out: Path,
    timeout: float | None = None,
    env: dict[str, str] | None = None,
) -> Measure:
    wall, peak, code = run_child(command, cwd, log, timeout, env)
    pages, size = output_stats(out)
    stages = parse_stages(log.with_suffix(".err").read_text("utf-8", errors="replace"))
    note = f"killed after {timeout:.0f} s" if code == -signal.SIGKILL and timeout else ""
    if code != 0 and not note:
        note = tail(log.with_suffix(".err"), 5).replace("\n", " / ")
    return Measure(wall, peak, code, pages, size, stages, note)


def parse_stages(stderr: str) -> tuple[tuple[str, float], ...]:
    found = (STAGE_LINE.match(line) for line in stderr.splitlines())
    return tuple((m.group(1), float(m.group(2)) / 1000) for m in found if m)


def tail(path: Path, lines: int = 20) -> str:
    text = path.read_text("utf-8", errors="replace") if path.is_file() else ""
    return "\n".join(text.rstrip("\n").split("\n")[-lines:])


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def nproc() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# ---- the ssg under test --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SsgCommand:
    """How ssg is started: a command prefix, its environment, and how the record shows it."""

    prefix: tuple[str, ...]
    env: dict[str, str] | None
    shown: str  # the prefix as written in RESULTS.md
    version: str
    python: str = sys.executable  # the interpreter ssg runs under (for ssg_render_only.py)

    def __call__(self, *args: str) -> list[str]:
        return [*self.prefix, *args]

    def render_only(self, source: Path, out: Path, date: str) -> list[str]:
        """ssg's build without checks and search index (bench/ssg_render_only.py)."""
        return [self.python, "-P", str(BENCH / "ssg_render_only.py"), str(source), str(out), date]


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def frozen_ssg(python: Path, workdir: Path) -> SsgCommand:
    """ssg run from a copy of ssg/ taken now, so that edits others make to ssg/ during the run
    change neither the code measured nor its render-cache keys (they hash ssg's own source)."""
    source = REPO / "ssg"
    digest = tree_hash(source)
    snapshot = workdir / f"ssg-snapshot-{digest}"
    if not (snapshot / "ssg").is_dir():
        partial = workdir / f"ssg-snapshot-{digest}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(source, partial / "ssg", ignore=shutil.ignore_patterns("__pycache__"))
        # Byte-compiled once, as `pip install` does for an installed package: this machine's
        # environment sets PYTHONDONTWRITEBYTECODE=1, under which every run would otherwise
        # compile ssg's modules again (17 ms of a 1k no-change rebuild). Hugo is a compiled
        # binary, and Pelican runs from its venv's compiled files.
        subprocess.run([str(python), "-m", "compileall", "-q", str(partial / "ssg")], check=True)
        partial.rename(snapshot)
    if tree_hash(snapshot / "ssg") != digest:  # ssg/ changed while it was being copied
        shutil.rmtree(snapshot)
        return frozen_ssg(python, workdir)
    # The default theme's templates compiled once too, into the snapshot's own template cache
    # (ssg/render.py: template_cache, the templates' __pycache__), not the user's ~/.cache.
    templates = snapshot / "template-cache"
    templates.mkdir(mode=0o700, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(snapshot), "SSG_TEMPLATE_CACHE": str(templates)}
    warm = (
        "import pathlib; from ssg import render; "
        "render.compile_page_templates(render.environment(pathlib.Path('.'), 'default'))"
    )
    subprocess.run([str(python), "-P", "-c", warm], env=env, check=True, cwd=snapshot)
    # -P: the current folder (the repo, when run from it) must not shadow the snapshot
    probe = [str(python), "-P", "-c", "import ssg, sys; sys.stdout.write(ssg.__file__)"]
    where = subprocess.run(probe, capture_output=True, text=True, env=env, check=True).stdout
    if not Path(where).is_relative_to(snapshot):
        raise SystemExit(f"the snapshot is not what {python} imports ({where})")
    version = version_of([str(python), "-P", "-m", "ssg", "--version"], env)
    return SsgCommand(
        (str(python), "-P", "-m", "ssg"),
        env,
        f"PYTHONPATH={shlex.quote(str(snapshot))} SSG_TEMPLATE_CACHE={shlex.quote(str(templates))} "
        f"{shlex.quote(str(python))} -P -m ssg",
        f"{version}, source snapshot of ssg/ {digest} "
        f"(Python {interpreter_of(python)}, {base_interpreter(python)})",
        str(python),
    )


def live_ssg(executable: Path) -> SsgCommand:
    version = version_of([str(executable), "--version"])
    shown = shlex.quote(str(executable))
    note = (
        f"{version}, live (ssg/ as it is on disk at each run; Python {interpreter_of(executable)}, "
        f"{base_interpreter(shebang_python(executable))})"
    )
    return SsgCommand((str(executable),), None, shown, note, str(executable.parent / "python"))


# ---- the sites -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Layout:
    """A pair of sites made from the corpus: convert.py's kinds for Hugo and for Pelican."""

    name: str  # as --layouts spells it
    hugo: str  # a key of convert.py's CONVERTERS
    pelican: str
    label: str  # how the tables name it, Chinese first


LAYOUTS = {
    "minimal": Layout("minimal", "hugo", "pelican", "最小布局 minimal layout"),
    "theme": Layout("theme", "hugo-theme", "pelican-theme", "同 ssg 页面 same pages as ssg"),
}

# What each conversion is made from, relative to bench/: files, or folders (every file in
# them). A changed layout or theme asset must not reuse a site converted before the change.
# A path that does not exist (a converter not merged yet) counts as missing, not an error.
SSG_THEME_STATIC = "../ssg/themes/default/static"  # copied into both themed sites
CONVERTER_SOURCES = {
    "hugo": ("convert.py",),
    "pelican": ("convert.py",),
    "hugo-theme": ("convert.py", "hugo_theme", SSG_THEME_STATIC),
    "pelican-theme": ("convert.py", "pelican_theme.py", "pelican_theme", SSG_THEME_STATIC),
}


def source_hash(*names: str, root: Path = BENCH) -> str:
    """A short digest of the files and folders `names` (relative to `root`).

    A file adds its bytes alone, so that `source_hash('convert.py')` is the key conversions
    were cached under before folders counted; a folder adds each file's path and bytes."""
    digest = hashlib.sha256()
    for name in names:
        path = root / name
        if path.is_file():
            digest.update(path.read_bytes())
        elif path.is_dir():
            digest.update(f"\0dir {name}\0".encode())
            for inner in sorted(path.rglob("*")):
                if inner.is_file() and "__pycache__" not in inner.parts:
                    digest.update(inner.relative_to(path).as_posix().encode() + b"\0")
                    digest.update(inner.read_bytes())
        else:
            digest.update(f"\0missing {name}\0".encode())
    return digest.hexdigest()[:10]


def conversion_key(kind: str, root: Path = BENCH) -> str:
    """The cache key of convert.py `kind`'s sites: a digest of what that converter reads."""
    return source_hash(*CONVERTER_SOURCES.get(kind, ("convert.py",)), root=root)


def ensure_converted(workdir: Path, kind: str, corpus: Corpus) -> Path:
    """The corpus converted by convert.py `kind`, cached beside it (keyed by conversion_key)."""
    path = workdir / f"{kind}-{corpus.path.name}-{conversion_key(kind)}"
    if path.is_dir() and (path / ".complete").is_file():
        return path
    partial = path.with_name(path.name + ".partial")
    for stale in (path, partial):
        shutil.rmtree(stale, ignore_errors=True)
    started = time.perf_counter()
    count = CONVERTERS[kind](corpus.path, partial)
    (partial / ".complete").write_text(f"{count}\n")
    partial.rename(path)
    say(f"  converted for {kind}: {count:,} files in {time.perf_counter() - started:.1f} s")
    return path


def base_interpreter(python: Path | str) -> str:
    """The interpreter a Python (a venv's too) runs on: its base executable, resolved."""
    probe = (
        "import os, sys; print(os.path.realpath(getattr(sys, '_base_executable', sys.executable)))"
    )
    try:
        result = subprocess.run(
            [str(python), "-c", probe], capture_output=True, text=True, check=False
        )
    except OSError:  # (no such Python)
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def shebang_python(executable: Path) -> Path:
    """The Python a console script (the `ssg` of a venv) runs under: its #! line's."""
    try:
        first = executable.read_bytes()[:200].split(b"\n", 1)[0]
    except OSError:
        first = b""
    words = first[2:].decode(errors="replace").split() if first.startswith(b"#!") else []
    return Path(words[0]) if len(words) == 1 else Path(sys.executable)


def ensure_pelican(venv: Path, python: Path | str = sys.executable) -> Path:
    """Pelican's executable in its own venv, created with pinned versions when missing, on
    the interpreter `python` runs on (ssg's): the two Python programs compared on the same
    interpreter (a PGO build and a plain one differ by 1.1-1.4 x). A venv made on another is
    made again."""
    pelican = venv / "bin" / "pelican"
    wanted = base_interpreter(python)
    if pelican.is_file() and base_interpreter(venv / "bin" / "python") == wanted:
        return pelican
    if venv.exists():
        say(f"{venv} runs on another interpreter than ssg's ({wanted}): made again")
        shutil.rmtree(venv)
    say(f"creating {venv} with {' '.join(PELICAN_PINS)} on {wanted} (once)")
    subprocess.run([str(python), "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *PELICAN_PINS]
    subprocess.run(pip, check=True)
    return pelican


def version_of(command: Sequence[str], env: dict[str, str] | None = None) -> str:
    try:
        result = subprocess.run(list(command), capture_output=True, text=True, check=False, env=env)
    except OSError as exc:
        return f"unavailable ({exc})"
    lines = (result.stdout or result.stderr).strip().splitlines()
    return lines[0] if lines else f"unknown (exit {result.returncode})"


# ---- the edited item -----------------------------------------------------------------------


@dataclass
class EditTarget:
    """The newest news item of 测试要闻; edits change its title, `restore` puts it back."""

    path: Path
    url: str
    original: bytes
    backup: Path

    @classmethod
    def find(cls, corpus: Path, workdir: Path) -> EditTarget:
        folder = corpus / "content" / EDIT_COLUMN
        newest = max(p for p in folder.glob("t*.md"))  # t<date>_<number>.md: newest last
        backup = workdir / f"{corpus.name}.edit-backup"
        if backup.is_file():  # an earlier run was interrupted before it restored the file
            newest.write_bytes(backup.read_bytes())
            backup.unlink()
        return cls(newest, f"/{EDIT_COLUMN}/{newest.stem}.html", newest.read_bytes(), backup)

    @property
    def title(self) -> str:
        match = re.search(r"^title: (.*)$", self.original.decode("utf-8"), re.MULTILINE)
        assert match is not None, self.path
        return unquote(match.group(1))

    def save(self, suffix: str) -> None:
        """Write the item with its title + suffix, in place, as an editor's save does."""
        if not self.backup.is_file():
            self.backup.write_bytes(self.original)
        text = re.sub(
            r"^title: .*$",
            lambda _: "title: " + json.dumps(self.title + suffix, ensure_ascii=False),
            self.original.decode("utf-8"),
            count=1,
            flags=re.MULTILINE,
        )
        with open(self.path, "wb") as handle:
            handle.write(text.encode("utf-8"))

    def restore(self) -> None:
        self.path.write_bytes(self.original)
        self.backup.unlink(missing_ok=True)


@contextmanager
def editing(target: EditTarget) -> Iterator[EditTarget]:
    try:
        yield target
    finally:
        target.restore()


# ---- ssg serve -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Save:
    to_event: float  # seconds from the save to the `reload` event
    to_page: float  # seconds from the save to the fetched page carrying the new title
    reloads: int  # reload events it took (more than 1: a rebuild saw a half-written burst)
    ok: bool
    note: str = ""
    to_idle: float = 0.0  # seconds from the save until the full build after it is done


@dataclass(slots=True)
class ServeRun:
    startup: float = 0.0
    startup_ok: bool = False
    saves: list[Save] = field(default_factory=list)
    peak_kib: int = 0
    tree_peak_kib: int = 0  # the largest sum of PSS over ssg serve and its child processes
    rebuild_ms: list[int] = field(default_factory=list)  # as ssg serve reports them
    hot_ms: list[int] = field(default_factory=list)  # its hot updates, as it reports them
    note: str = ""


class EventStream:
    """A server-sent-events subscription to /__ssg/events, read in a thread."""

    def __init__(self, port: int) -> None:
        self.events: queue.Queue[tuple[float, str, str]] = queue.Queue()
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=SERVE_TIMEOUT)
        request = f"GET /__ssg/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        self.sock.sendall(request.encode())
        self.reader = self.sock.makefile("rb")
        self.connected = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()
        if not self.connected.wait(30):
            raise RuntimeError("no ': connected' from /__ssg/events")

    def _read(self) -> None:
        name, data = "message", ""
        try:
            for raw in self.reader:
                line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
                if line == ": connected":
                    self.connected.set()
                elif line.startswith("event: "):
                    name = line[len("event: ") :]
                elif line.startswith("data: "):
                    data = line[len("data: ") :]
                elif line == "" and name != "message":
                    self.events.put((time.perf_counter(), name, data))
                    name, data = "message", ""
        except OSError:
            pass

    def drain(self) -> None:
        while not self.events.empty():
            self.events.get_nowait()

    def close(self) -> None:
        with suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, timeout: float = 30) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return bytes(response.read()).decode("utf-8", errors="replace")


def vm_hwm_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def process_tree(pid: int) -> list[int]:
    """`pid` and every process under it (Linux: /proc/<pid>/task/<tid>/children)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        with suppress(OSError):
            for task in os.listdir(f"/proc/{current}/task"):
                with suppress(OSError):
                    todo.extend(int(c) for c in Path(f"/proc/{current}/task/{task}/children")
                                .read_text().split())  # fmt: skip
    return found


def pss_kib(pid: int) -> int:
    with suppress(OSError, ValueError, IndexError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


# kcmp(2), to tell a child that still runs in its parent's memory: one that subprocess made
# with vfork and that has not yet called exec shows the parent's whole PSS (seen once in twelve
# preview runs: 144.6 MiB for a preview of 83). Numbers by machine; elsewhere none is skipped.
_SYS_KCMP = {"x86_64": 312, "aarch64": 272}.get(os.uname().machine)
_KCMP_VM = 1


def parent_pid(pid: int) -> int:
    with suppress(OSError, ValueError, IndexError):
        # (the name in brackets may hold spaces: the fields after its last ")")
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    return 0


def same_memory(first: int, second: int) -> bool:
    """Whether two tasks run in one address space (kcmp KCMP_VM); False where unknown."""
    if _SYS_KCMP is None or first <= 0 or second <= 0:
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return int(libc.syscall(_SYS_KCMP, first, second, _KCMP_VM, 0, 0)) == 0


def shares_parent_memory(pid: int) -> bool:
    """Whether `pid` runs in its parent's address space (vfork, before exec)."""
    return same_memory(parent_pid(pid), pid)


class TreeSampler:
    """The largest sum of PSS over a process and its descendants, sampled in a thread: what
    `ssg serve` and the processes it forks hold at once (VmHWM is one process's). A child that
    shares its parent's memory (vfork, before exec) is that memory, counted once."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_kib = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stopping.wait(self.interval):
            tree = process_tree(self.pid)
            total = sum(pss_kib(p) for p in tree if p == self.pid or not shares_parent_memory(p))
            self.peak_kib = max(self.peak_kib, total)

    def stop(self) -> int:
        self.stopping.set()
        self.thread.join()
        return self.peak_kib


def wait_until_serving(base: str, child: subprocess.Popen[bytes]) -> bool:
    """Poll the status URL until the first build is served (True) or the server died."""
    deadline = time.perf_counter() + SERVE_TIMEOUT
    while time.perf_counter() < deadline:
        if child.poll() is not None:
            return False
        try:  # once connected, the request waits in the backlog until serving starts
            status = json.loads(fetch(base + "__ssg/status", timeout=SERVE_TIMEOUT))
            return bool(status["generation"] >= 1 and not status["blocked"])
        except (OSError, urllib.error.URLError, ValueError):
            time.sleep(0.1)
    return False


def status(base: str) -> dict[str, object]:
    """The preview's own word (/__ssg/status)."""
    found = json.loads(fetch(base + "__ssg/status"))
    return found if isinstance(found, dict) else {}


def building(base: str) -> bool:
    """A full build runs or is queued."""
    return bool(status(base).get("building"))


def builds_done(base: str) -> int | None:
    """Full builds the preview finished; None from a preview that does not count them."""
    value = status(base).get("builds")
    return value if isinstance(value, int) else None


def wait_idle(base: str, deadline: float, after: int | None = None) -> bool:
    """Until no full build runs or is queued and, with `after` (builds_done before a save),
    until one more build than that has finished: the reload of a hot update could reach the
    client before the preview marked itself busy (fixed in serve.py, but a frozen snapshot
    of an older ssg may not have it), and `building` alone then read idle too early."""
    while time.perf_counter() < deadline:
        now = status(base)
        done = now.get("builds")
        counted = after is None or not isinstance(done, int) or done > after
        if counted and not now.get("building"):
            return True
        time.sleep(0.02)
    return False


def timed_save(stream: EventStream, base: str, target: EditTarget, number: int) -> Save:
    """Save a new title; time the reload event, the page that shows it, and the full build
    after it (until the preview says it is idle). Saves start from an idle preview, as an
    editor's next save comes after looking at the page."""
    time.sleep(0.5)  # let the previous burst of file events settle
    wait_idle(base, time.perf_counter() + SERVE_TIMEOUT)
    stream.drain()
    before = builds_done(base)  # the build after this save is the next one counted
    started = time.perf_counter()
    suffix = f"（预览修改{number}）"  # checked in the page: the rest of the title may be escaped
    target.save(suffix)
    reloads = 0
    deadline = started + SERVE_TIMEOUT
    while True:
        try:
            at, name, data = stream.events.get(timeout=max(0.1, deadline - time.perf_counter()))
        except queue.Empty:
            return Save(0, 0, reloads, False, f"no reload within {SERVE_TIMEOUT:.0f} s")
        if name != "reload":
            return Save(at - started, 0, reloads, False, f"'{name}' event: {data[:200]}")
        reloads += 1
        page = fetch(base + target.url.lstrip("/"))
        if suffix in page:
            to_page = time.perf_counter() - started
            idle = wait_idle(base, deadline, before)
            return Save(at - started, to_page, reloads, idle, "" if idle else "build never ended",
                        to_idle=time.perf_counter() - started)  # fmt: skip


def serve_session(
    ssg: SsgCommand,
    corpus: Corpus,
    date: dt.date,
    target: EditTarget,
    saves: int,
    log: Path,
    trash: Trash,
) -> ServeRun:
    result = ServeRun()
    cache = corpus.path / CACHE_DIR
    for stale in [cache / "preview", *cache.glob(".preview*")]:
        trash.discard(stale)  # (a whole site: the next size's first cold build follows)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = ssg("serve", "--port", str(port), "--date", date.isoformat())
    with open(log.with_suffix(".out"), "wb") as out, open(log.with_suffix(".err"), "wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=corpus.path, stdout=out, stderr=err, env=ssg.env)
        sampler = TreeSampler(child.pid)
        stream = None
        try:
            result.startup_ok = wait_until_serving(base, child)
            result.startup = time.perf_counter() - started
            if not result.startup_ok:
                result.note = (
                    f"did not start (exit {child.poll()}): {tail(log.with_suffix('.err'))}"
                )
                return result
            stream = EventStream(port)
            with editing(target):
                for number in range(1, saves + 1):
                    save = timed_save(stream, base, target, number)
                    result.saves.append(save)
                    say(
                        f"    save {number}: reload event {save.to_event:.3f} s, "
                        f"page {save.to_page:.3f} s{'' if save.ok else ' FAILED ' + save.note}"
                    )
                    if not save.ok:
                        break
            result.peak_kib = vm_hwm_kib(child.pid)
            result.tree_peak_kib = sampler.stop()
        finally:
            sampler.stop()
            if stream is not None:
                stream.close()
            if child.poll() is None:
                child.send_signal(signal.SIGINT)
                try:
                    child.wait(10)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
    err_text = log.with_suffix(".err").read_text("utf-8", errors="replace")
    result.rebuild_ms = [int(m.group(1)) for m in REBUILT_LINE.finditer(err_text)]
    result.hot_ms = [int(m.group(1)) for m in HOT_LINE.finditer(err_text)]
    for stale in [cache / "preview", *cache.glob(".preview*")]:
        trash.discard(stale)  # (a whole site: the next size's first cold build follows)
    return result


class Trash:
    """Folders a run would delete, moved aside (a rename) and deleted once nothing more is
    measured.

    The work folder's file system here is ext4 without a journal, whose inode allocator skips
    the inodes freed in the last minute or more (`recently_deleted`). A build that created
    its pages right after 20,000 files had been deleted spent seconds of system time in it:
    the first round at each size after the previous size's outputs went, and any tool's cold
    build after its own last output went (perf profile and figures in RESULTS.md). Deleting
    only at the end keeps every measured build, ssg's, Hugo's and Pelican's alike, off that
    path; runs recorded before this was done paid it, unevenly."""

    def __init__(self, workdir: Path) -> None:
        self.folder = workdir / "trash"
        self.count = 0

    def discard(self, path: Path) -> None:
        if not path.exists():
            return
        self.folder.mkdir(exist_ok=True)
        self.count += 1
        path.rename(self.folder / f"{os.getpid()}-{self.count}-{path.name}")

    def empty(self) -> None:
        """(also what a run that was stopped left)"""
        shutil.rmtree(self.folder, ignore_errors=True)


# ---- one size ------------------------------------------------------------------------------


@dataclass(slots=True)
class LayoutRuns:
    """Hugo's and Pelican's measurements on one layout's sites at one size. The lists are
    indexed by round, as SizeResult's ssg lists are; Pelican's may stop early (--pelican-limit)."""

    layout: Layout
    hugo_cold: list[Measure] = field(default_factory=list)
    hugo_nochange: list[Measure] = field(default_factory=list)
    hugo_pagefind: list[Measure] = field(default_factory=list)  # on Hugo's cold output
    pelican_cold: list[Measure] = field(default_factory=list)
    pelican_pagefind: list[Measure] = field(default_factory=list)  # on Pelican's output
    hugo_note: str = ""  # why Hugo was not run
    pelican_note: str = ""  # why Pelican was not run, or not every round
    pagefind_counts: dict[str, str] = field(default_factory=dict)  # by tool name: what it indexed


@dataclass(slots=True)
class SizeResult:
    corpus: Corpus
    started: str  # date and time the size began (Asia/Shanghai)
    load_before: str
    load_after: str = ""
    ssg_cold: list[Measure] = field(default_factory=list)
    ssg_nochange: list[Measure] = field(default_factory=list)
    ssg_edit: list[Measure] = field(default_factory=list)
    ssg_render: list[Measure] = field(default_factory=list)  # cold, no checks, no search index
    layouts: dict[str, LayoutRuns] = field(default_factory=dict)  # by Layout.name, in run order
    serve: ServeRun | None = None
    commands: dict[str, str] = field(default_factory=dict)
    wall: float = 0.0


@dataclass(frozen=True, slots=True)
class Tools:
    ssg: SsgCommand
    hugo: Path
    pelican: Path
    workdir: Path
    date: dt.date
    pelican_limit: float
    trash: Trash
    layouts: tuple[Layout, ...] = (LAYOUTS["minimal"],)
    pagefind: Path | None = None  # Pagefind's binary, with --pagefind


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def describe(label: str, m: Measure) -> str:
    extra = f" FAILED (exit {m.exit_code}) {m.note}" if m.failed else ""
    return f"    {label}: {m.wall:.2f} s, {m.peak_kib / 1024:.0f} MiB, {m.pages:,} pages{extra}"


def unavailable(kind: str) -> str:
    """Why convert.py `kind` cannot be measured here; '' when it can."""
    if kind in CONVERTERS:
        return ""
    return f"not available: bench/convert.py has no `{kind}` converter in this checkout"


@dataclass(frozen=True, slots=True)
class Site:
    """One converted site and how it is built: Hugo or Pelican, one layout, one size."""

    tool: str  # "hugo" or "pelican"
    layout: Layout
    path: Path  # the converted site (the build runs in it)
    out: Path
    build: tuple[str, ...]

    @property
    def key(self) -> str:  # logs and commands: hugo, hugo-theme, pelican, pelican-theme
        return self.layout.hugo if self.tool == "hugo" else self.layout.pelican


def run_size(tools: Tools, size: int, runs: int, saves: int, seed: int, previous: list[SizeResult]
             ) -> SizeResult:  # fmt: skip
    corpus = ensure_corpus(tools.workdir, size, seed, tools.date)
    say(f"corpus {size:,}: {corpus.items:,} items ({corpus.path.name})")
    now = dt.datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    result = SizeResult(corpus, now, loadavg())
    work = tools.workdir
    date = tools.date.isoformat()
    sites: list[Site] = []
    for layout in tools.layouts:
        runs_of = result.layouts[layout.name] = LayoutRuns(layout)
        runs_of.hugo_note = unavailable(layout.hugo)
        runs_of.pelican_note = unavailable(layout.pelican) or pelican_estimate(
            previous, size, tools.pelican_limit, layout.name
        )
        for tool, kind, note in (("hugo", layout.hugo, runs_of.hugo_note),
                                 ("pelican", layout.pelican, runs_of.pelican_note)):  # fmt: skip
            if note:
                say(f"  {kind}: {note}")
                continue
            out = work / f"{kind}-out-{size}"
            build = (
                (str(tools.hugo), "--quiet", "-d", str(out))
                if tool == "hugo"
                else (str(tools.pelican), "content", "-o", str(out), "-s", "pelicanconf.py", "-q")
            )
            sites.append(Site(tool, layout, ensure_converted(work, kind, corpus), out, build))
    started = time.perf_counter()
    ssg_out = work / f"ssg-out-{size}"
    ssg_args = ("build", "--source", str(corpus.path), "--out", str(ssg_out), "--date", date,
                "--quiet", "--timings")  # fmt: skip
    ssg_build = tools.ssg(*ssg_args)
    ssg_render = tools.ssg.render_only(corpus.path, ssg_out, date)
    result.commands = {
        "ssg": f"{tools.ssg.shown} {shlex.join(ssg_args)}",
        "ssg render only": (
            f"{tools.ssg.shown.rsplit(' -P -m ssg', 1)[0]} {shlex.join(ssg_render[1:])}"
            if tools.ssg.env
            else shlex.join(ssg_render)
        ),
    }
    for site in sites:
        result.commands[site.key] = f"cd {site.path} && {shlex.join(site.build)}"
    if tools.pagefind is not None:
        result.commands["pagefind"] = shlex.join(pagefind_command(tools.pagefind, Path("OUT")))
    target = EditTarget.find(corpus.path, work)

    def log(name: str, number: int) -> Path:
        return work / "logs" / f"{name}-{size}-{number}.log"

    def pagefind(site: Site, number: int) -> Measure:
        """Pagefind on the site's output, right after its cold build (timed on its own)."""
        assert tools.pagefind is not None
        pagefind_log = log(f"pagefind-{site.key}", number)
        command = pagefind_command(tools.pagefind, site.out, pagefind_log.with_suffix(".index"))
        found = measure(command, work, pagefind_log, site.out)
        say(describe(f"Pagefind on {site.key}", found))
        return found

    for number in range(1, runs + 1):
        say(f"  round {number}/{runs} (load {loadavg()})")
        # ssg: cold, no change, one edit
        for stale in (ssg_out, ssg_out.with_name(ssg_out.name + "-lifecycle"),
                      corpus.path / CACHE_DIR):  # fmt: skip
            tools.trash.discard(stale)
        # A file saved within two seconds of a build start is "racy" (ssg/unchanged.py): that
        # build keeps no record for the no-change replay. The edit target was just restored.
        time.sleep(max(0.0, 2.5 - (time.time() - target.path.stat().st_mtime)))
        cold = measure(ssg_build, BENCH.parent, log("ssg-cold", number), ssg_out, env=tools.ssg.env)
        result.ssg_cold.append(cold)
        say(describe("ssg cold", cold))
        again = measure(
            ssg_build, BENCH.parent, log("ssg-nochange", number), ssg_out, env=tools.ssg.env
        )
        result.ssg_nochange.append(again)
        say(describe("ssg no change", again))
        with editing(target):
            suffix = f"（修订{number}）"
            target.save(suffix)
            edit = measure(
                ssg_build, BENCH.parent, log("ssg-edit", number), ssg_out, env=tools.ssg.env
            )
            shown = (ssg_out / target.url.lstrip("/")).read_text("utf-8") if not edit.failed else ""
            if suffix not in shown:
                edit = Measure(edit.wall, edit.peak_kib, edit.exit_code or 99, edit.pages,
                               edit.output_bytes, edit.stages, "new title not in the page")  # fmt: skip
        result.ssg_edit.append(edit)
        say(describe("ssg one edit", edit))
        # ssg: cold again, rendering only (the comparison with tools that neither check nor index)
        for stale in (ssg_out, corpus.path / CACHE_DIR):
            tools.trash.discard(stale)
        render = measure(ssg_render, BENCH.parent, log("ssg-render", number), ssg_out,
                         env=tools.ssg.env)  # fmt: skip
        result.ssg_render.append(render)
        say(describe("ssg cold, render only", render))
        # Hugo, each layout: cold (then Pagefind), no change
        for site in (s for s in sites if s.tool == "hugo"):
            runs_of = result.layouts[site.layout.name]
            for stale in (site.out, site.path / "resources"):
                tools.trash.discard(stale)
            hugo = measure(site.build, site.path, log(f"{site.key}-cold", number), site.out)
            runs_of.hugo_cold.append(hugo)
            say(describe(f"{site.key} cold", hugo))
            if tools.pagefind is not None:
                runs_of.hugo_pagefind.append(pagefind(site, number))
            again = measure(site.build, site.path, log(f"{site.key}-nochange", number), site.out)
            runs_of.hugo_nochange.append(again)
            say(describe(f"{site.key} no change", again))
        # Pelican, each layout: cold (it keeps no cache by default), then Pagefind
        for site in (s for s in sites if s.tool == "pelican"):
            runs_of = result.layouts[site.layout.name]
            if runs_of.pelican_note:
                continue
            tools.trash.discard(site.out)
            pelican = measure(site.build, site.path, log(f"{site.key}-cold", number),
                              site.out, timeout=2 * tools.pelican_limit)  # fmt: skip
            runs_of.pelican_cold.append(pelican)
            say(describe(f"{site.key} cold", pelican))
            if tools.pagefind is not None:
                runs_of.pelican_pagefind.append(pagefind(site, number))
            if pelican.wall > tools.pelican_limit and number < runs:
                runs_of.pelican_note = (
                    f"only {number} run(s): the first took {pelican.wall:.0f} s "
                    f"(> {tools.pelican_limit:.0f} s)"
                )
    if tools.pagefind is not None:
        for site in sites:
            index_log = log(f"pagefind-{site.key}", runs).with_suffix(".index")
            name = (hugo_name if site.tool == "hugo" else pelican_name)(site.layout)
            counts = pagefind_counts(index_log)
            if counts:
                result.layouts[site.layout.name].pagefind_counts[name] = counts
    hugo_runs = [m for r in result.layouts.values() for m in (*r.hugo_cold, *r.hugo_nochange)]
    for failed in [m for m in (*result.ssg_cold, *result.ssg_nochange, *result.ssg_edit,
                               *result.ssg_render) if m.failed]:  # fmt: skip
        say(f"  ssg failed: {failed.note}")
    for failed in [m for m in hugo_runs if m.failed]:
        say(f"  Hugo failed: {failed.note}")
    say(f"  ssg serve: {saves} saves")
    result.serve = serve_session(tools.ssg, corpus, tools.date, target, saves,
                                 log("ssg-serve", 1), tools.trash)  # fmt: skip
    say(f"    start-up {result.serve.startup:.1f} s, peak {result.serve.peak_kib / 1024:.0f} MiB "
        f"(with its child processes {result.serve.tree_peak_kib / 1024:.0f} MiB) "
        f"{result.serve.note}")  # fmt: skip
    result.load_after = loadavg()
    result.wall = time.perf_counter() - started
    for out in (ssg_out, ssg_out.with_name(ssg_out.name + "-lifecycle"), *(s.out for s in sites)):
        tools.trash.discard(out)
    return result


def pagefind_command(binary: Path, site: Path, logfile: Path | None = None) -> list[str]:
    """Pagefind indexing the built site `site` in place (into site/pagefind/), as hugo_ab.py."""
    command = [str(binary), "--site", str(site), "--quiet"]
    return [*command, "--logfile", str(logfile)] if logfile is not None else command


def pagefind_counts(logfile: Path) -> str:
    """What Pagefind says it indexed, from its --logfile; '' when it did not say."""
    text = logfile.read_text("utf-8", errors="replace") if logfile.is_file() else ""
    found = re.search(r"Indexed (\d+) pages?\s+Indexed (\d+) words?", text)
    return f"{int(found[1]):,} pages, {int(found[2]):,} words" if found else ""


def pelican_estimate(previous: list[SizeResult], size: int, limit: float, layout: str = "minimal"
                     ) -> str:  # fmt: skip
    """Why Pelican on `layout` is skipped at `size`, from the largest smaller size it ran at
    with that layout; else ''."""
    ran = [r for r in previous
           if layout in r.layouts and r.layouts[layout].pelican_cold and r.corpus.size < size]  # fmt: skip
    if not ran:
        return ""
    last = max(ran, key=lambda r: r.corpus.size)
    took = median([m.wall for m in last.layouts[layout].pelican_cold])
    estimate = took * size / last.corpus.size
    if estimate <= limit:
        return ""
    return (
        f"skipped: {last.corpus.size:,} items took "
        f"{took:.0f} s, so {size:,} would take about "
        f"{estimate:.0f} s (> {limit:.0f} s)"
    )


# ---- reporting -----------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def fmt_runs(values: Sequence[float], digits: int = 2) -> str:
    return ", ".join(f"{v:.{digits}f}" for v in values) or "—"


def row(label: str, runs: Sequence[Measure]) -> str:
    if not runs:
        return f"| {label} | — | — | — | — | — |"
    ok = [m for m in runs if not m.failed]
    failures = [m for m in runs if m.failed]
    exits = (
        "0"
        if not failures
        else "**FAILED** "
        + ", ".join(f"(exit {m.exit_code}{'; ' + m.note if m.note else ''})" for m in failures)
    )
    wall = median([m.wall for m in ok]) if ok else float("nan")
    peak = median([m.peak_kib / 1024 for m in ok]) if ok else float("nan")
    pages = median([m.pages for m in ok]) if ok else 0
    return (
        f"| {label} | {fmt_runs([m.wall for m in runs])} | **{wall:.2f}** | {peak:.0f} "
        f"| {pages:,.0f} | {exits} |"
    )


def serve_rows(serve: ServeRun | None) -> list[str]:
    if serve is None:
        return []
    if not serve.startup_ok:
        return [f"| ssg serve | — | — | — | — | **FAILED**: {serve.note[:300]} |"]
    ok = [s for s in serve.saves if s.ok]
    bad = [s for s in serve.saves if not s.ok]
    state = "0" if not bad else "**FAILED** " + "; ".join(s.note for s in bad)
    peak = f"{serve.peak_kib / 1024:.0f}" if serve.peak_kib else "—"
    return [
        f"| ssg serve start-up (first build of the preview) | {serve.startup:.2f} "
        f"| **{serve.startup:.2f}** | — | — | 0 |",
        f"| ssg serve: save → `reload` event | {fmt_runs([s.to_event for s in serve.saves], 3)} "
        f"| **{median([s.to_event for s in ok]):.3f}** | {peak} | — | {state} |",
        f"| ssg serve: save → page with the new title | "
        f"{fmt_runs([s.to_page for s in serve.saves], 3)} "
        f"| **{median([s.to_page for s in ok]):.3f}** | {peak} | — | {state} |",
        f"| ssg serve: save → full build after it done (search, checks, library) | "
        f"{fmt_runs([s.to_idle for s in serve.saves], 3)} "
        f"| **{median([s.to_idle for s in ok]):.3f}** | {peak} | — | {state} |",
    ]


def paired(a: Sequence[Measure], b: Sequence[Measure]) -> list[float]:
    """a[i] / b[i] for the rounds where both ran and succeeded (same round, same load)."""
    return [x.wall / y.wall for x, y in zip(a, b, strict=False) if not x.failed and not y.failed]


def verdict(value: float, goal: Callable[[float], bool]) -> str:
    if value != value:  # NaN: not measured
        return "not measured"
    return "yes" if goal(value) else "**no**"


def then(first: Sequence[Measure], second: Sequence[Measure]) -> list[Measure]:
    """Per round, `first` then `second` as one step: walls added, the larger peak; failed if
    either did (Hugo's build followed by Pagefind on its output)."""
    return [
        Measure(
            a.wall + b.wall,
            max(a.peak_kib, b.peak_kib),
            a.exit_code or b.exit_code,
            a.pages,
            a.output_bytes + b.output_bytes,
            note=a.note or b.note,
        )
        for a, b in zip(first, second, strict=False)
    ]


def ratio_line(label: str, values: Sequence[float], goal: str = "—",
               met: Callable[[float], bool] | None = None) -> str:  # fmt: skip
    """One row of the ratio table: per-round values, their median, and the goal if any."""
    shown = verdict(median(values), met) if met is not None else "—"
    return f"| {label} | {fmt_runs(values)} | **{median(values):.2f}** | {goal} | {shown} |"


def hugo_name(layout: Layout) -> str:
    return f"Hugo（{layout.label}）"


def pelican_name(layout: Layout) -> str:
    return f"Pelican（{layout.label}）"


def time_ratio_rows(r: SizeResult, runs: LayoutRuns) -> list[str]:
    """The wall-time ratios against one layout's Hugo and Pelican (issue 9: ssg ≤ 1.5 × Hugo,
    Pelican ≥ 5 × ssg). The minimal layout keeps every row of the runs before it, the rebuild
    goals included; the other layouts get the goals issue 9 sets against Hugo and Pelican."""
    hugo, pelican = hugo_name(runs.layout), pelican_name(runs.layout)
    at_most = ("≤ 1.5", lambda v: v <= 1.5)
    at_least = ("≥ 5", lambda v: v >= 5)
    lines = [ratio_line(f"ssg cold ÷ {hugo} cold", paired(r.ssg_cold, runs.hugo_cold), *at_most)]
    if runs.hugo_pagefind:
        with_index = then(runs.hugo_cold, runs.hugo_pagefind)
        lines.append(ratio_line(f"ssg cold ÷ ({hugo} cold + Pagefind)",
                                paired(r.ssg_cold, with_index), *at_most))  # fmt: skip
    lines.append(
        ratio_line(f"{pelican} cold ÷ ssg cold", paired(runs.pelican_cold, r.ssg_cold), *at_least)
    )
    if runs.pelican_pagefind:
        with_index = then(runs.pelican_cold, runs.pelican_pagefind)
        lines.append(ratio_line(f"({pelican} cold + Pagefind) ÷ ssg cold",
                                paired(with_index, r.ssg_cold), *at_least))  # fmt: skip
    lines.append(ratio_line(f"ssg render-only cold ÷ {hugo} cold (no checks, no search index)",
                            paired(r.ssg_render, runs.hugo_cold)))  # fmt: skip
    minimal = runs.layout.name == "minimal"  # (its rows stay as in the runs before layouts)
    if runs.pelican_cold or minimal:
        lines.append(ratio_line(f"{pelican} cold ÷ ssg render-only cold",
                                paired(runs.pelican_cold, r.ssg_render)))  # fmt: skip
    if minimal:
        lines += [
            ratio_line(f"ssg no-change rebuild ÷ {hugo} cold",
                       paired(r.ssg_nochange, runs.hugo_cold), "< 0.25", lambda v: v < 0.25),
            ratio_line(f"ssg one-edit rebuild ÷ {hugo} cold", paired(r.ssg_edit, runs.hugo_cold)),
        ]  # fmt: skip
    lines.append(
        ratio_line(f"{hugo} no-change ÷ its cold", paired(runs.hugo_nochange, runs.hugo_cold))
    )
    return lines


def memory_ratio_rows(r: SizeResult, runs: LayoutRuns) -> list[str]:
    """Peak memory against one layout's Hugo cold build (issue 9: less than Hugo's)."""
    hugo = hugo_name(runs.layout)
    below = ("< 1", lambda v: v < 1)
    memory = [
        x.peak_kib / y.peak_kib
        for x, y in zip(r.ssg_cold, runs.hugo_cold, strict=False)
        if not x.failed and not y.failed
    ]
    lines = [ratio_line(f"ssg cold peak RSS ÷ {hugo} cold peak RSS", memory, *below)]
    hugo_ok = [m.peak_kib for m in runs.hugo_cold if not m.failed]
    if r.serve is not None and r.serve.peak_kib and hugo_ok:
        hugo_peak = median(hugo_ok)
        value = r.serve.peak_kib / hugo_peak
        lines.append(ratio_line(f"ssg serve VmHWM ÷ {hugo} cold peak RSS", [value], *below))
        if r.serve.tree_peak_kib:
            value = r.serve.tree_peak_kib / hugo_peak
            lines.append(ratio_line(
                f"ssg serve and its child processes at once (sum of PSS) ÷ {hugo} cold peak RSS",
                [value], *below))  # fmt: skip
    return lines


def ratio_rows(r: SizeResult, final: bool) -> list[str]:
    lines = [
        "| ratio (per round, same load) | rounds | median | goal (issue 9) | met |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    measured = [runs for runs in r.layouts.values() if runs.hugo_cold or runs.pelican_cold]
    for runs in measured:
        lines += time_ratio_rows(r, runs)
    if r.serve is not None and r.serve.saves:
        page = median([s.to_page for s in r.serve.saves if s.ok])
        goal = "< 0.2 s (goal at 20,000)" if final else "(goal at 20,000: < 0.2 s)"
        lines.append(
            f"| ssg serve save → page, seconds | {fmt_runs([s.to_page for s in r.serve.saves], 3)} "
            f"| **{page:.3f}** | {goal} | {verdict(page, lambda v: v < 0.2) if final else '—'} |"
        )
    for runs in measured:
        if runs.hugo_cold:
            lines += memory_ratio_rows(r, runs)
    return lines


def stage_line(runs: Sequence[Measure], label: str) -> str:
    names = [name for name, _ in runs[0].stages] if runs else []
    if not names:
        return ""
    parts = []
    for name in names:
        values = [dict(m.stages).get(name, float("nan")) for m in runs if m.stages]
        parts.append(f"{name} {median(values):.2f}")
    return f"- ssg {label}, stages as `--timings` reports them (median s): " + " · ".join(parts)


def layout_rows(runs: LayoutRuns, tool: str) -> list[str]:
    """The measurement rows of one layout's Hugo ("hugo") or Pelican ("pelican")."""
    if tool == "hugo":
        name, cold, index = hugo_name(runs.layout), runs.hugo_cold, runs.hugo_pagefind
    else:
        name, cold, index = pelican_name(runs.layout), runs.pelican_cold, runs.pelican_pagefind
    note = runs.hugo_note if tool == "hugo" else runs.pelican_note
    if not cold and note:
        return [f"| {name} cold build | — | — | — | — | {note} |"]
    lines = [row(f"{name} cold build", cold)]
    if index:
        lines += [
            row(f"Pagefind on {name}'s output, after its cold build", index),
            row(f"{name} cold build + Pagefind (sum per round; peak: the larger)",
                then(cold, index)),
        ]  # fmt: skip
    if tool == "hugo":
        lines.append(row(f"{name} no-change rebuild", runs.hugo_nochange))
    return lines


def size_section(r: SizeResult, final: bool) -> str:
    c = r.corpus
    commands = [f"- {hugo_name(runs.layout)}: `{r.commands[runs.layout.hugo]}`"
                for runs in r.layouts.values() if runs.layout.hugo in r.commands]  # fmt: skip
    commands += [f"- {pelican_name(runs.layout)}: `{r.commands[runs.layout.pelican]}`"
                 for runs in r.layouts.values() if runs.layout.pelican in r.commands]  # fmt: skip
    if "pagefind" in r.commands:
        commands.append(f"- Pagefind, on each output OUT: `{r.commands['pagefind']}`")
    lines = [
        f"#### {c.size:,} items · {r.started} (Asia/Shanghai) · nproc {nproc()} · "
        f"load {r.load_before} → {r.load_after}",
        "",
        f"- corpus: `{c.path.name}` ({c.items:,} items); this size took {r.wall:.0f} s",
        f"- ssg: `{r.commands['ssg']}`",
        f"- ssg render only: `{r.commands['ssg render only']}`",
        *commands,
        "",
        "| measurement | runs, s | median s | peak MiB | HTML files | exit |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
        row("ssg cold build (full: checks + search index)", r.ssg_cold),
        row("ssg no-change rebuild", r.ssg_nochange),
        row("ssg one-edit rebuild (title of one news item)", r.ssg_edit),
        row("ssg cold build, render only (no checks, no search index)", r.ssg_render),
        *serve_rows(r.serve),
        *(line for runs in r.layouts.values() for line in layout_rows(runs, "hugo")),
        *(line for runs in r.layouts.values() for line in layout_rows(runs, "pelican")),
        "",
    ]
    notes = [
        stage_line(r.ssg_cold, "cold build"),
        stage_line(r.ssg_nochange, "no-change rebuild"),
        stage_line(r.ssg_edit, "one-edit rebuild"),
        stage_line(r.ssg_render, "render-only cold build"),
    ]
    if r.serve is not None and r.serve.rebuild_ms:
        notes.append(
            "- ssg serve's own log, rebuild times (ms; the first is the start-up build): "
            + ", ".join(str(v) for v in r.serve.rebuild_ms)
        )
    if r.serve is not None and r.serve.hot_ms:
        notes.append(
            "- ssg serve's own log, hot updates (ms, from the file event to the pages written): "
            + ", ".join(str(v) for v in r.serve.hot_ms)
        )
    for runs in r.layouts.values():
        if runs.pelican_note and runs.pelican_cold:  # (the row says why it did not run at all)
            notes.append(f"- {pelican_name(runs.layout)}: {runs.pelican_note}")
        for name, counts in runs.pagefind_counts.items():
            notes.append(f"- Pagefind on {name}'s output (its log, last round): {counts}")
    lines += [n for n in notes if n]
    lines += ["", *ratio_rows(r, final), ""]
    return "\n".join(lines)


def report(results: Sequence[SizeResult], header: str) -> str:
    sections = [size_section(r, r.corpus.size >= SERVE_GOAL_SIZE) for r in results]
    return header + "\n" + "\n".join(sections)


def header(tools: Tools, argv: Sequence[str], total: float, load: tuple[str, str]) -> str:
    today = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    command = shlex.join(["python", "bench/compare.py", *argv])
    layouts = "; ".join(
        f"{layout.name} = {layout.label} (convert.py {layout.hugo}, {layout.pelican})"
        for layout in tools.layouts
    )
    pagefind = (
        f"; Pagefind: {version_of([str(tools.pagefind), '--version'])} "
        f"({PAGEFIND_PIN}'s binary, {tools.pagefind.name})"
        if tools.pagefind is not None
        else ""
    )
    return (
        f"\n### {today} · compare.py · nproc {nproc()} · load {load[0]} → {load[1]}\n\n"
        f"- 命令 Command: `{command}` (total {total / 60:.1f} min)\n"
        f"- 机器 Machine: {platform.system()} {platform.release()}, {cpu_model()}, "
        f"{nproc()} cores\n"
        f"- ssg: {tools.ssg.version}; "
        f"Hugo: {version_of([str(tools.hugo), 'version'])}; "
        f"Pelican: {version_of([str(tools.pelican), '--version'])} ({', '.join(PELICAN_PINS)}; "
        f"Python {base_interpreter(tools.pelican.parent / 'python')})"
        f"{pagefind}\n"
        f"- 布局 Layouts: {layouts}\n"
    )


# ---- command line --------------------------------------------------------------------------


def per_size(text: str, sizes: Sequence[int], name: str) -> list[int]:
    values = [int(v) for v in text.split(",") if v.strip()]
    if len(values) == 1:
        values *= len(sizes)
    if len(values) != len(sizes) or min(values) < 1:
        raise SystemExit(f"--{name}: one positive number, or one per size ({len(sizes)})")
    return values


def parse_layouts(text: str) -> tuple[Layout, ...]:
    """--layouts: names of LAYOUTS, comma-separated, in the order given (repeats dropped)."""
    names = list(dict.fromkeys(name.strip() for name in text.split(",") if name.strip()))
    unknown = [name for name in names if name not in LAYOUTS]
    if unknown or not names:
        raise SystemExit(
            f"--layouts: {', '.join(unknown) or 'nothing'} given; "
            f"one or more of {', '.join(LAYOUTS)}, comma-separated"
        )
    return tuple(LAYOUTS[name] for name in names)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="ssg vs Hugo vs Pelican (one run, same content)")
    parser.add_argument("--sizes", default="1000,10000,20000", help="comma-separated item counts")
    parser.add_argument("--runs", default="3,2,2", help="rounds per size (one, or one per size)")
    parser.add_argument("--saves", default="3,2,2", help="timed saves in ssg serve per size")
    parser.add_argument(
        "--python",
        type=Path,
        default=REPO / ".venv" / "bin" / "python",
        help="Python with ssg's dependencies; it runs a snapshot of ssg/ taken at start",
    )
    parser.add_argument(
        "--ssg",
        type=Path,
        default=None,
        help="run this ssg executable as it is instead (live: no snapshot of ssg/)",
    )
    parser.add_argument("--hugo", type=Path, default=None, help="hugo executable")
    parser.add_argument("--workdir", type=Path, default=BENCH / "work")
    parser.add_argument("--pelican-venv", type=Path, default=None,
                        help="Pelican's venv (default WORKDIR/pelican-venv, created if missing)")  # fmt: skip
    parser.add_argument("--pelican-limit", type=float, default=180.0,
                        help="skip Pelican at a size predicted to take longer (seconds)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date(2026, 11, 20))
    parser.add_argument("--record", action="store_true", help="append the tables to RESULTS.md")
    parser.add_argument("--layouts", default=",".join(LAYOUTS),
                        help="Hugo and Pelican sites: minimal, theme (same pages as ssg), or both")  # fmt: skip
    parser.add_argument("--pagefind", action="store_true",
                        help="run Pagefind on each Hugo and Pelican cold build's output")  # fmt: skip
    parser.add_argument("--pagefind-bin", type=Path, default=None,
                        help=f"default: {PAGEFIND_PIN}'s binary under WORKDIR/pagefind/")  # fmt: skip
    args = parser.parse_args(argv)
    args.layout_list = parse_layouts(args.layouts)
    args.size_list = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.run_list = per_size(args.runs, args.size_list, "runs")
    args.save_list = per_size(args.saves, args.size_list, "saves")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    hugo = args.hugo or shutil.which("hugo")
    if args.ssg is not None and not os.access(args.ssg, os.X_OK):
        say(f"ssg not found: {args.ssg}")
        return 2
    if args.ssg is None and not os.access(args.python, os.X_OK):
        say(f"Python with ssg's dependencies not found: {args.python} (run `make build`)")
        return 2
    if hugo is None:
        say("hugo not found: install Debian's package (apt-get install -y hugo) or use --hugo")
        return 2
    workdir = args.workdir.resolve()
    (workdir / "logs").mkdir(parents=True, exist_ok=True)
    ssg_python = args.python if args.ssg is None else shebang_python(args.ssg)
    pelican = ensure_pelican(args.pelican_venv or workdir / "pelican-venv", ssg_python)
    ssg = live_ssg(args.ssg.resolve()) if args.ssg else frozen_ssg(args.python, workdir)
    say(f"ssg: {ssg.version}")
    pagefind = None
    if args.pagefind:
        pagefind = (args.pagefind_bin or ensure_pagefind(workdir / "pagefind")).resolve()
    tools = Tools(ssg, Path(hugo), pelican, workdir, args.date, args.pelican_limit, Trash(workdir),
                  args.layout_list, pagefind)  # fmt: skip
    load_start = loadavg()
    started = time.perf_counter()
    results: list[SizeResult] = []
    try:
        for size, runs, saves in zip(args.size_list, args.run_list, args.save_list, strict=True):
            results.append(run_size(tools, size, runs, saves, args.seed, results))
    finally:
        tools.trash.empty()
    total = time.perf_counter() - started
    text = report(results, header(tools, argv, total, (load_start, loadavg())))
    print(text)
    if args.record:
        with (BENCH / "RESULTS.md").open("a", encoding="utf-8") as handle:
            handle.write(text)
    failed = any(
        m.failed
        for r in results
        for m in (*r.ssg_cold, *r.ssg_nochange, *r.ssg_edit,
                  *(h for runs in r.layouts.values() for h in (*runs.hugo_cold, *runs.hugo_nochange)))
    ) or any(r.serve is None or not r.serve.startup_ok or not all(s.ok for s in r.serve.saves)
             for r in results)  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
