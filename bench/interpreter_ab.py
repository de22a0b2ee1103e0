"""ssg and Pelican on two Python interpreters, cold builds taking turns: what the interpreter buys.

同一语料，ssg 与 Pelican 各在两个 Python 解释器上轮流冷构建：解释器本身带来多少差别（issue 9）。

    python bench/interpreter_ab.py --corpus DIR --pelican-site SITE \\
        --ssg A_PYTHON B_PYTHON --pelican A_PELICAN B_PELICAN [--rounds 4]

A_PYTHON and B_PYTHON are Pythons with ssg's dependencies and ssg importable (a venv's
bin/python: the project's .venv, or one made the same way on the other interpreter, `make
build PYTHON=...`); A_PELICAN and B_PELICAN are the `pelican` of a venv on each interpreter
(compare.py's PELICAN_PINS). SITE is `bench/convert.py pelican-theme CORPUS SITE`'s output. Each
round runs the four builds, in reverse order every other round; output and <corpus>/.ssg-cache
are deleted before each. ssg: `PYTHON -m ssg build --source DIR --out OUT --date DATE --quiet`;
Pelican: `PELICAN content -o OUT -s pelicanconf.py -q` in SITE. Wall time by `perf_counter`, CPU
as user + system of the process and of those it waited for (`os.wait4`). Printed: each run's
figures, the medians, and the medians of the per-round ratios B ÷ A for each program and of
Pelican ÷ ssg on each interpreter.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import time
from pathlib import Path

from ab import remove_output


def timed(command: list[str], cwd: Path | None) -> tuple[float, float]:
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed ({status})")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--pelican-site", type=Path, required=True)
    parser.add_argument("--ssg", nargs=2, type=Path, required=True, metavar=("A", "B"))
    parser.add_argument("--pelican", nargs=2, type=Path, required=True, metavar=("A", "B"))
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--date", default=dt.date(2026, 11, 20).isoformat())
    parser.add_argument("--out", type=Path, default=Path("/dev/shm/ssg-interpreter-ab"))
    args = parser.parse_args()
    ssg_out, pelican_out = args.out / "ssg", args.out / "pelican"
    runs: dict[str, tuple[list[str], Path | None]] = {}
    for label, python in zip("AB", args.ssg, strict=True):
        runs[f"ssg {label}"] = (
            [str(python), "-m", "ssg", "build", "--source", str(args.corpus), "--out",
             str(ssg_out), "--date", args.date, "--quiet"],
            None,
        )  # fmt: skip
    for label, pelican in zip("AB", args.pelican, strict=True):
        runs[f"pelican {label}"] = (
            [str(pelican), "content", "-o", str(pelican_out), "-s", "pelicanconf.py", "-q"],
            args.pelican_site,
        )
    for label, path in (*zip("AB", args.ssg, strict=True), *zip("AB", args.pelican, strict=True)):
        print(f"{label}: {path}")
    found: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for number in range(args.rounds):
        order = list(runs) if number % 2 == 0 else list(reversed(runs))
        for name in order:
            remove_output(ssg_out)
            shutil.rmtree(pelican_out, ignore_errors=True)
            shutil.rmtree(args.corpus / ".ssg-cache", ignore_errors=True)
            found[name].append(timed(*runs[name]))
        shown = "  ".join(
            f"{n} {found[n][-1][0]:.2f} s / {found[n][-1][1]:.2f} CPU-s" for n in runs
        )
        print(f"round {number + 1}: {shown}", flush=True)
    print("\n| run | median wall s | median CPU s |\n| --- | ---: | ---: |")
    for name, values in found.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        print(f"| {name} | {wall:.2f} | {cpu:.2f} |")

    def ratio(over: str, under: str, part: int) -> float:
        return statistics.median(
            o[part] / u[part] for o, u in zip(found[over], found[under], strict=True)
        )

    print()
    for program in ("ssg", "pelican"):
        print(
            f"{program} B ÷ A: wall {ratio(f'{program} B', f'{program} A', 0):.3f}, "
            f"CPU {ratio(f'{program} B', f'{program} A', 1):.3f}"
        )
    for label in "AB":
        print(f"Pelican ÷ ssg on {label}: wall {ratio(f'pelican {label}', f'ssg {label}', 0):.3f}")


if __name__ == "__main__":
    main()
