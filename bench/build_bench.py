"""Time cold `ssg build` runs over generated corpora of several sizes.

冷构建基准：为每个规模生成（并缓存）语料，删除输出目录和缓存后运行 `ssg build`，记录耗时、峰值内存、
退出码、写出的 HTML 页数与输出大小。

    python bench/build_bench.py [--sizes 1000,10000] [--ssg PATH] [--workdir DIR] [--runs R]
                                [--seed S] [--date YYYY-MM-DD] [--record]

Corpora are cached in the work folder under a name that holds the size, seed, date and a hash of
the generator's source, so a changed generator never reuses a stale corpus. Peak memory is the
child's own `ru_maxrss` from `os.wait4` (on Linux it also covers grandchildren the child waited
for, as the largest single process, not their sum). A failed build is printed with the tail of
its stderr and marked in the table; the script then exits 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from gen_corpus import generate  # bench/ is on sys.path: this file runs as a script

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
GENERATOR_FILES = (
    "gen_corpus.py",
    "plan.py",
    "render_items.py",
    "textgen.py",
    "vocabulary.py",
    "yamltext.py",
    "binfiles.py",
)
CACHE_DIR = ".ssg-cache"  # where ssg keeps its build cache inside the source folder
TAIL_LINES = 20


@dataclass(frozen=True, slots=True)
class Corpus:
    size: int
    path: Path
    items: int
    generated_in: float | None  # seconds, None when reused from the cache


@dataclass(frozen=True, slots=True)
class Run:
    corpus: Corpus
    run: int
    exit_code: int
    wall: float
    peak_kib: int
    pages: int
    output_bytes: int

    @property
    def failed(self) -> bool:
        return self.exit_code != 0


# ---- corpora -------------------------------------------------------------------------------


def generator_hash() -> str:
    """A short hash of the generator's source: part of the cache key."""
    digest = hashlib.sha256()
    for name in GENERATOR_FILES:
        digest.update((BENCH / name).read_bytes())
    return digest.hexdigest()[:10]


def count_items(content: Path) -> int:
    return sum(1 for p in content.rglob("*.md") if p.name != "_index.md")


def ensure_corpus(workdir: Path, size: int, seed: int, date: dt.date) -> Corpus:
    """The cached corpus for these parameters, generating it first when missing."""
    name = f"corpus-{size}-s{seed}-{date.isoformat()}-{generator_hash()}"
    path = workdir / name
    stamp = workdir / f"{name}.json"
    if path.is_dir() and stamp.is_file():
        items = int(json.loads(stamp.read_text("utf-8"))["items"])
        return Corpus(size, path, items, None)
    if path.exists():
        shutil.rmtree(path)  # a half-written corpus from an interrupted run
    partial = workdir / f"{name}.partial"
    if partial.exists():
        shutil.rmtree(partial)
    started = time.perf_counter()
    generate(size, partial, seed, date)
    elapsed = time.perf_counter() - started
    partial.rename(path)  # only a complete corpus gets the final name
    items = count_items(path / "content")
    stamp.write_text(json.dumps({"items": items, "seconds": round(elapsed, 2)}), "utf-8")
    return Corpus(size, path, items, elapsed)


# ---- one cold build ------------------------------------------------------------------------


def output_stats(out: Path) -> tuple[int, int]:
    """(HTML files, total bytes) under *out*; (0, 0) when the build wrote nothing."""
    pages = total = 0
    stack = [out] if out.is_dir() else []
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    total += entry.stat(follow_symlinks=False).st_size
                    pages += entry.name.endswith(".html")
    return pages, total


def max_rss_kib(ru_maxrss: int) -> int:
    """ru_maxrss is KiB on Linux and bytes on macOS."""
    return ru_maxrss // 1024 if sys.platform == "darwin" else ru_maxrss


def cold_build(ssg: Path, corpus: Corpus, number: int, out: Path, date: dt.date, log: Path) -> Run:
    """Delete output and cache, run `ssg build`, measure the child alone."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(corpus.path / CACHE_DIR, ignore_errors=True)
    command = [str(ssg), "build", "--source", str(corpus.path), "--out", str(out),
               "--date", date.isoformat(), "--quiet"]  # fmt: skip
    # Output goes to files, not pipes: a pipe nobody reads while we block in wait4 would fill up
    # and stall the build.
    with open(log.with_suffix(".out"), "wb") as stdout, open(log.with_suffix(".err"), "wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=stdout, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4, tell Popen so
    pages, size = output_stats(out)
    return Run(corpus, number, child.returncode, wall, max_rss_kib(usage.ru_maxrss), pages, size)


def stderr_tail(log: Path, lines: int = TAIL_LINES) -> str:
    text = log.with_suffix(".err").read_text("utf-8", errors="replace")
    return "\n".join(text.rstrip("\n").split("\n")[-lines:])


# ---- reporting -----------------------------------------------------------------------------


def exit_label(code: int) -> str:
    if code == 0:
        return "0"
    if code < 0:
        return f"**FAILED** (signal {-code})"
    return f"**FAILED** ({code})"


def table(runs: Sequence[Run]) -> str:
    lines = [
        "| size | items | run | pages written | wall s | pages/s | peak MiB | output MiB | exit |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in runs:
        rate = f"{r.pages / r.wall:,.0f}" if r.pages and not r.failed else "—"
        lines.append(
            f"| {r.corpus.size:,} | {r.corpus.items:,} | {r.run} | {r.pages:,} | {r.wall:.2f} "
            f"| {rate} | {r.peak_kib / 1024:.0f} | {r.output_bytes / 2**20:.1f} "
            f"| {exit_label(r.exit_code)} |"
        )
    return "\n".join(lines)


def interpreter_of(executable: Path) -> str:
    """The Python version the ssg entry point runs under (its shebang), else our own."""
    try:
        first = executable.read_bytes()[:200].split(b"\n", 1)[0]
    except OSError:
        first = b""
    if first.startswith(b"#!"):
        interpreter = first[2:].decode().strip().split()
        probe = [*interpreter, "-c", "import platform; print(platform.python_version())"]
        result = subprocess.run(probe, capture_output=True, text=True, check=False)
        if result.returncode == 0:
            return result.stdout.strip()
    return platform.python_version()


def ssg_version(ssg: Path) -> str:
    result = subprocess.run([str(ssg), "--version"], capture_output=True, text=True, check=False)
    return (result.stdout or result.stderr).strip() or f"unknown (exit {result.returncode})"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def record(results: Path, ssg: Path, body: str, argv: Sequence[str]) -> None:
    """Append one dated section to RESULTS.md: machine, exact command, the table."""
    today = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    command = shlex.join(["python", "bench/build_bench.py", *argv])
    section = (
        f"\n### {today} · nproc {os.cpu_count()} · Python {interpreter_of(ssg)} · "
        f"{ssg_version(ssg)}\n\n"
        f"- 命令 Command: `{command}`\n"
        f"- 机器 Machine: {platform.system()} {platform.release()}, {cpu_model()}\n\n"
        f"{body}\n"
    )
    with results.open("a", encoding="utf-8") as handle:
        handle.write(section)


# ---- command line --------------------------------------------------------------------------


def find_ssg(given: Path | None) -> Path:
    if given is not None:
        return given
    found = shutil.which("ssg")
    return Path(found) if found else REPO / ".venv" / "bin" / "ssg"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="ssg 冷构建基准 (cold-build benchmark)")
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated item counts")
    parser.add_argument("--ssg", type=Path, default=None, help="ssg executable")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=BENCH / "work",
        help="corpus cache and outputs (git-ignored)",
    )
    parser.add_argument("--runs", type=int, default=1, help="cold builds per size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date(2026, 11, 20))
    parser.add_argument("--record", action="store_true", help="append the table to RESULTS.md")
    args = parser.parse_args(argv)
    try:
        args.size_list = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes 应为逗号分隔的整数 (comma-separated integers): {args.sizes}")
    if args.runs < 1:
        parser.error("--runs must be ≥ 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    ssg = find_ssg(args.ssg)
    if not os.access(ssg, os.X_OK):
        print(f"找不到可执行的 ssg：{ssg} (ssg executable not found; use --ssg)", file=sys.stderr)
        return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    runs: list[Run] = []
    for size in args.size_list:
        corpus = ensure_corpus(args.workdir, size, args.seed, args.date)
        made = (
            "cached" if corpus.generated_in is None else f"generated in {corpus.generated_in:.1f} s"
        )
        print(f"corpus {size:,}: {corpus.items:,} items, {made} ({corpus.path})", file=sys.stderr)
        for number in range(1, args.runs + 1):
            log = args.workdir / f"build-{size}-{number}.log"
            run = cold_build(ssg, corpus, number, args.workdir / f"out-{size}", args.date, log)
            runs.append(run)
            print(f"  run {number}: exit {run.exit_code}, {run.wall:.2f} s", file=sys.stderr)
            if run.failed:
                print(
                    f"  ssg stderr, last {TAIL_LINES} lines ({log.with_suffix('.err')}):",
                    file=sys.stderr,
                )
                print(stderr_tail(log), file=sys.stderr)
    body = table(runs)
    print(body)
    if args.record:
        record(BENCH / "RESULTS.md", ssg, body, argv)
    return 1 if any(r.failed for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
