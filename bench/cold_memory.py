"""The memory a cold `ssg build` holds at once, over all its processes, beside Hugo's.

compare.py records the peak RSS of a build's largest process (`ru_maxrss`). A cold ssg build
is several processes at once (the slugs' process, the search index with its tokenisers, the
render workers, the checks' second reader), so its largest process says less than Hugo's
single one does. This samples, every 50 ms, the sum of PSS over the whole process tree of each
build (PSS counts a page shared by forked processes once, split between them), for ssg's cold
build and Hugo's on the same corpus, taking turns:

    python bench/cold_memory.py [--sizes 10000,20000] [--runs 2] [--workdir bench/work]

The corpora and Hugo sites are the ones compare.py made (bench/work/corpus-<n>-… and
hugo-corpus-<n>-…); run compare.py once first. ssg runs from this checkout's .venv.
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

from compare import TreeSampler, loadavg

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DATE = "2026-11-20"


def peak(command: list[str], cwd: Path) -> tuple[float, int]:
    """(seconds, the largest sum of PSS over the build's process tree, KiB)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        child = subprocess.Popen(command, cwd=cwd, stdout=null, stderr=subprocess.PIPE)
        sampler = TreeSampler(child.pid, interval=0.05)
        _out, err = child.communicate()
    tree = sampler.stop()
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        sys.exit(f"failed ({child.returncode}): {' '.join(command)}\n{err.decode()[-2000:]}")
    return seconds, tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,20000")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=BENCH / "work")
    parser.add_argument("--hugo", default=shutil.which("hugo") or "/usr/bin/hugo")
    args = parser.parse_args()
    python = REPO / ".venv/bin/python"
    print(f"load {loadavg()}; nproc {os.cpu_count()}")
    print("| size | tool | runs: seconds / sum of PSS MiB | median sum of PSS, MiB |")
    print("| ---: | --- | --- | ---: |")
    for size in (int(s) for s in args.sizes.split(",")):
        corpus = next((p for p in args.workdir.glob(f"corpus-{size}-*") if p.is_dir()), None)
        site = next(args.workdir.glob(f"hugo-corpus-{size}-*"), None)
        if corpus is None or site is None:
            sys.exit(f"no corpus or Hugo site for {size} in {args.workdir}: run compare.py first")
        out = args.workdir / f"cold-memory-out-{size}"
        results: dict[str, list[tuple[float, int]]] = {"ssg": [], "hugo": []}
        for _ in range(args.runs):
            for tool in ("ssg", "hugo"):
                shutil.rmtree(out, ignore_errors=True)
                if tool == "ssg":
                    shutil.rmtree(corpus / ".ssg-cache", ignore_errors=True)
                    command = [str(python), "-m", "ssg", "build", "--source", str(corpus),
                               "--out", str(out), "--date", DATE, "--quiet"]  # fmt: skip
                    seconds, tree = peak(command, REPO)
                else:
                    shutil.rmtree(site / "resources", ignore_errors=True)
                    seconds, tree = peak([args.hugo, "--quiet", "-d", str(out)], site)
                results[tool].append((seconds, tree))
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(args.workdir / f"cold-memory-out-{size}-deploy", ignore_errors=True)
        for tool, runs in results.items():
            shown = ", ".join(f"{s:.1f} s / {t / 1024:.0f}" for s, t in runs)
            middle = statistics.median(t for _s, t in runs) / 1024
            print(f"| {size:,} | {tool} | {shown} | {middle:.0f} |")
        ratio = statistics.median(t for _s, t in results["ssg"]) / statistics.median(
            t for _s, t in results["hugo"]
        )
        print(f"| {size:,} | ssg ÷ Hugo | | **{ratio:.2f}** |")
    print(f"load {loadavg()}")


if __name__ == "__main__":
    main()
