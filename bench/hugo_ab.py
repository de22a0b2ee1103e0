"""ssg's full cold build against Hugo's on the same content, taking turns: how far apart?

ssg 完整冷构建与 Hugo 冷构建在同一内容上轮流运行，按轮给出 ssg ÷ Hugo 的墙钟比。

    python bench/hugo_ab.py --corpus DIR --hugo-site DIR [--rounds 6] [--work DIR] [--tree DIR]

A quicker cousin of compare.py's cold-build rows: no Pelican, no rebuilds, no serve, and the
outputs on tmpfs (--work, default /dev/shm/hugo-ab) so that neither tool waits on the disk. The
Hugo site is `python bench/convert.py hugo CORPUS OUT`. Hugo goes first in odd rounds and second
in even ones. Per round: wall time, CPU (user + system of the process and of everything it
waited for, `os.wait4`) and Hugo's peak RSS; the figure to read is the median of the ratios.
The tree's ssg/ is byte-compiled first (`python -m compileall`), as an installed package is.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def timed(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
          ) -> tuple[float, float, float]:  # fmt: skip
    """(wall s, CPU s, peak RSS MiB) of one command, which must succeed."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)  # fmt: skip
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)}: exited {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--hugo-site", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--work", type=Path, default=Path("/dev/shm/hugo-ab"))
    parser.add_argument("--tree", type=Path, default=REPO, help="the checkout whose ssg/ runs")
    parser.add_argument("--python", type=Path, default=REPO / ".venv/bin/python")
    parser.add_argument("--hugo", default="hugo")
    parser.add_argument("--date", default="2026-11-20")
    args = parser.parse_args()
    hugo_out, ssg_out = args.work / "hugo-out", args.work / "ssg-out"
    env = {**os.environ, "PYTHONPATH": str(args.tree)}
    ssg = [str(args.python), "-P", "-m", "ssg", "build", "--source", str(args.corpus),
           "--out", str(ssg_out), "--date", args.date, "--quiet"]  # fmt: skip
    # Byte-compiled once, as `pip install` does for an installed package (and compare.py for its
    # snapshot): this machine's environment sets PYTHONDONTWRITEBYTECODE=1, under which a tree
    # without __pycache__ compiles ssg's modules again on every run (0.2 s of a 1k cold build),
    # work that Hugo, a compiled binary, never does.
    compile_all = [str(args.python), "-m", "compileall", "-q", str(args.tree / "ssg")]
    subprocess.run(compile_all, check=True, stdout=subprocess.DEVNULL)
    ratios = []
    for number in range(1, args.rounds + 1):
        for folder in (hugo_out, ssg_out, args.work / "ssg-out-lifecycle",
                       args.work / "ssg-out-deploy", args.corpus / ".ssg-cache"):  # fmt: skip
            shutil.rmtree(folder, ignore_errors=True)
        runs = {
            "hugo": lambda: timed([args.hugo, "--quiet", "-d", str(hugo_out)], cwd=args.hugo_site),
            "ssg": lambda: timed(ssg, env=env),
        }
        order = ("hugo", "ssg") if number % 2 else ("ssg", "hugo")
        got = {name: runs[name]() for name in order}
        (hw, hc, hm), (sw, sc, _) = got["hugo"], got["ssg"]
        ratios.append(sw / hw)
        print(f"round {number}: Hugo {hw:.2f} s, CPU {hc:.2f} s, {hm:.0f} MiB | "
              f"ssg {sw:.2f} s, CPU {sc:.2f} s | ssg ÷ Hugo {sw / hw:.3f}", flush=True)  # fmt: skip
    print(f"ssg ÷ Hugo wall, median of {len(ratios)} rounds: {statistics.median(ratios):.3f}")
    shutil.rmtree(args.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
