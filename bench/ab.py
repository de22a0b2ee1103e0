"""Two checkouts of ssg, cold builds of one corpus, taking turns: is B faster than A?

同一语料、两份 ssg 源码轮流冷构建，按轮配对比较（判断一项改动是否更快）。

    python bench/ab.py A B --corpus DIR [--rounds 6] [--date 2026-11-20] [--out DIR] [--python PATH]
                             [--a-args ARGS] [--b-args ARGS]

A and B are folders that hold an `ssg/` package (a checkout, or `git worktree add /dev/shm/a
<commit>`). Each round builds with both, A first in odd rounds and B first in even ones (the
second build of a round finds the corpus's files in the page cache, warmed by the first: always
second, B would gain from it); output and <corpus>/.ssg-cache deleted first, then `python -P -m
ssg build --source DIR --out OUT --date DATE --quiet` with PYTHONPATH set to the checkout (both
byte-compiled first), and A's or B's more arguments (--a-args, --b-args: one checkout twice
compares two ways of building, `--b-args='--jobs 2'`). The build date is fixed (default
2026-11-20, the date gen_corpus.py generates for): without it the output, and the time it
takes, would depend on the day of the run. An even number of rounds gives each order as often. Put the output on tmpfs (the default,
/dev/shm): on the work folder's ext4, files created soon after a mass deletion are slow to
create (see RESULTS.md), which would time the deletion, not ssg.

This machine's speed drifts by 15 % from one run to the next, so single runs compare nothing:
the figure to read is the median of the per-round ratios B ÷ A. CPU is user + system time of
the build and of every process it waited for (`os.wait4`, as /usr/bin/time reports it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def remove_output(out: Path) -> None:
    """The output and the folders a build writes beside it (ssg/sites.py SIDE_FOLDERS: a
    corpus with lifecycle events has `<out>-lifecycle`), so that no build finds another's."""
    for folder in (out, *(out.with_name(out.name + s) for s in ("-lifecycle", "-deploy"))):
        shutil.rmtree(folder, ignore_errors=True)


def cold_build(
    python: Path,
    checkout: Path,
    corpus: Path,
    out: Path,
    date: dt.date,
    extra: Sequence[str] = (),
) -> tuple[float, float]:
    """(wall s, CPU s) of one cold build by the ssg in `checkout` (with `extra` arguments)."""
    remove_output(out)
    shutil.rmtree(corpus / ".ssg-cache", ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    command = [str(python), "-P", "-m", "ssg", "build", "--source", str(corpus), "--out",
               str(out), "--date", date.isoformat(), "--quiet", *extra]  # fmt: skip
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{checkout}: ssg build exited {child.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", type=Path, help="checkout A (the baseline)")
    parser.add_argument("b", type=Path, help="checkout B (the change)")
    parser.add_argument("--corpus", type=Path, required=True, help="site folder to build")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date(2026, 11, 20),
                        help="build date (default 2026-11-20, as the corpora were generated)")  # fmt: skip
    parser.add_argument("--out", type=Path, default=Path("/dev/shm/ssg-ab-out"))
    parser.add_argument("--python", type=Path, default=REPO / ".venv" / "bin" / "python")
    parser.add_argument("--a-args", default="", metavar="ARGS",
                        help="more arguments for A's builds, e.g. --a-args='--jobs 2'")  # fmt: skip
    parser.add_argument("--b-args", default="", metavar="ARGS", help="likewise for B's")
    args = parser.parse_args(argv)
    extra = {"A": shlex.split(args.a_args), "B": shlex.split(args.b_args)}
    checkouts = [args.a.resolve(), args.b.resolve()]
    for checkout in checkouts:
        if not (checkout / "ssg" / "__init__.py").is_file():
            parser.error(f"{checkout} holds no ssg/ package")
        # Byte-compiled, as compare.py and `pip install` do: with PYTHONDONTWRITEBYTECODE set,
        # as on this machine, each build would otherwise compile ssg's modules (0.12 s).
        subprocess.run([str(args.python), "-m", "compileall", "-q", str(checkout / "ssg")],
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    # (by label: A and B may be one folder, to see the noise of a comparison of equals)
    runs: dict[str, list[tuple[float, float]]] = {"A": [], "B": []}
    for number in range(1, args.rounds + 1):
        turns = list(zip("AB", checkouts, strict=True))
        for label, checkout in turns if number % 2 else turns[::-1]:
            wall, cpu = cold_build(
                args.python, checkout, args.corpus.resolve(), args.out, args.date, extra[label]
            )
            runs[label].append((wall, cpu))
            print(f"round {number} {label}: wall {wall:.2f} s, CPU {cpu:.2f} s", flush=True)
    remove_output(args.out)
    for label, checkout in zip("AB", checkouts, strict=True):
        walls = [w for w, _ in runs[label]]
        cpus = [c for _, c in runs[label]]
        print(f"{label} {checkout}: wall median {statistics.median(walls):.2f} s "
              f"({min(walls):.2f}–{max(walls):.2f}), CPU median {statistics.median(cpus):.2f} s")  # fmt: skip
    ratios = [b[0] / a[0] for a, b in zip(runs["A"], runs["B"], strict=True)]
    print("B ÷ A wall, per round: " + ", ".join(f"{r:.3f}" for r in ratios)
          + f"; median {statistics.median(ratios):.3f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
