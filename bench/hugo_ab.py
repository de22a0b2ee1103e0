"""ssg's full cold build against Hugo's on the same content, taking turns: how far apart?

ssg 完整冷构建与 Hugo 冷构建在同一内容上轮流运行，按轮给出 ssg ÷ Hugo 的墙钟比；可选地加上 Hugo 之后的
Pagefind 搜索索引（--pagefind）与不做检查、不建搜索索引的 ssg（--bare）；可选地加上 Pelican 冷构建
（--pelican-site），给出 Pelican ÷ ssg。

    python bench/hugo_ab.py --corpus DIR --hugo-site DIR [--rounds 6] [--work DIR] [--tree DIR]
                            [--pagefind [--pagefind-bin PATH]] [--bare]
                            [--pelican-site DIR [--pelican PATH]]

A quicker cousin of compare.py's cold-build rows: Pelican only on request, no rebuilds, no serve, and the
outputs on tmpfs (--work, default /dev/shm/hugo-ab) so that neither tool waits on the disk. The
Hugo site is `python bench/convert.py hugo CORPUS OUT`. Hugo goes first in odd rounds and last
in even ones (the order of the tools is reversed each round). Per round: wall time, CPU (user +
system of the process and of everything it waited for, `os.wait4`) and Hugo's peak RSS; the
figure to read is the median of the ratios. Each tool's output (and for ssg the corpus's
.ssg-cache/) is removed just before its build, so every build is cold. The tree's ssg/ is
byte-compiled first (`python -m compileall`), as an installed package is.

--pagefind: ssg's full build makes a static Chinese search index; a Hugo site gets one from
Pagefind, run on Hugo's output after the build. Right after Hugo, each round runs
`pagefind_extended --site HUGO_OUT --quiet --logfile WORK/pagefind.log`, timed on its own
(wall, CPU, peak RSS), and prints ssg ÷ Hugo and ssg ÷ (Hugo + Pagefind), the sum of the two
walls. The binary is timed, not the npm wrapper (a node script that execs it): by default the
one from the npm package pinned in PAGEFIND_PIN, which the first use installs with
`npm install --prefix bench/work/pagefind` (benchmark-only, never a project dependency; its
platform package @pagefind/linux-x64 holds only the extended binary, which segments Chinese).
After the last round: the pages and words Pagefind indexed (from its log), and the bytes and
files of its index (pagefind/ in Hugo's output) beside those of ssg's /search/.

--bare: also times ssg without the compliance checks and without the search index,
`python -P bench/ssg_render_only.py CORPUS OUT DATE` (the launcher compare.py uses for its
pure-rendering row; the CLI has no such switch), and prints bare ssg ÷ Hugo.

--pelican-site DIR: also a Pelican cold build each round, taking its turn in the alternating order:
`pelican content -o WORK/pelican-out -s pelicanconf.py -q` run in DIR (the site of `python
bench/convert.py pelican-theme CORPUS DIR`, or of the minimal `convert.py pelican`), its output
removed first. --pelican is the executable, by default bench/work/pelican-venv/bin/pelican (made
by compare.py's `ensure_pelican`, pinned PELICAN_PINS). Prints Pelican's wall, CPU and peak RSS
and Pelican ÷ ssg (issue 9 asks for at least 5) per round and as the median; with --pagefind,
Pagefind also runs on Pelican's output right after it (WORK/pagefind-pelican.log) and
(Pelican + Pagefind) ÷ ssg is printed too.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGEFIND_PIN = "pagefind@1.6.0"  # the newest 1.x on npm on 2026-11-29

Timing = tuple[float, float, float]  # wall s, CPU s, peak RSS MiB


def timed(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
          ) -> Timing:  # fmt: skip
    """(wall s, CPU s, peak RSS MiB) of one command, which must succeed."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)  # fmt: skip
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)}: exited {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def ensure_pagefind(prefix: Path) -> Path:
    """Pagefind's extended binary from the pinned npm package, installed under *prefix* once."""
    found = sorted(prefix.glob("node_modules/@pagefind/*/bin/pagefind_extended"))
    if not found:
        print(f"installing {PAGEFIND_PIN} into {prefix} (once)", file=sys.stderr)
        npm = ["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", PAGEFIND_PIN]
        subprocess.run(npm, check=True, stdout=subprocess.DEVNULL)
        found = sorted(prefix.glob("node_modules/@pagefind/*/bin/pagefind_extended"))
    if len(found) != 1:  # npm installs only this platform's package
        raise SystemExit(f"expected one @pagefind/<platform> binary under {prefix}, found {found}")
    return found[0]


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) under *folder*."""
    sizes = [path.stat().st_size for path in folder.rglob("*") if path.is_file()]
    return sum(sizes), len(sizes)


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
    parser.add_argument("--pagefind", action="store_true",
                        help="run Pagefind on Hugo's output after each Hugo build")  # fmt: skip
    parser.add_argument("--pagefind-bin", type=Path, default=None,
                        help=f"default: {PAGEFIND_PIN}'s binary under bench/work/pagefind/")  # fmt: skip
    parser.add_argument("--bare", action="store_true",
                        help="also time ssg without checks and search index")  # fmt: skip
    parser.add_argument("--pelican-site", type=Path, default=None,
                        help="also time a Pelican cold build of this site")  # fmt: skip
    parser.add_argument("--pelican", type=Path,
                        default=REPO / "bench" / "work" / "pelican-venv" / "bin" / "pelican")  # fmt: skip
    args = parser.parse_args()
    hugo_out, ssg_out = args.work / "hugo-out", args.work / "ssg-out"
    bare_out, pagefind_log = args.work / "ssg-bare-out", args.work / "pagefind.log"
    pelican_out, pelican_log = args.work / "pelican-out", args.work / "pagefind-pelican.log"
    env = {**os.environ, "PYTHONPATH": str(args.tree)}
    ssg = [str(args.python), "-P", "-m", "ssg", "build", "--source", str(args.corpus),
           "--out", str(ssg_out), "--date", args.date, "--quiet"]  # fmt: skip
    launcher = args.tree / "bench" / "ssg_render_only.py"  # the tree's own, for its BuildOptions
    if not launcher.is_file():
        launcher = REPO / "bench" / "ssg_render_only.py"
    bare = [str(args.python), "-P", str(launcher), str(args.corpus), str(bare_out), args.date]
    # Byte-compiled once, as `pip install` does for an installed package (and compare.py for its
    # snapshot): this machine's environment sets PYTHONDONTWRITEBYTECODE=1, under which a tree
    # without __pycache__ compiles ssg's modules again on every run (0.2 s of a 1k cold build),
    # work that Hugo, a compiled binary, never does.
    compile_all = [str(args.python), "-m", "compileall", "-q", str(args.tree / "ssg")]
    subprocess.run(compile_all, check=True, stdout=subprocess.DEVNULL)
    pagefind: list[str] = []
    if args.pagefind:
        binary = args.pagefind_bin or ensure_pagefind(REPO / "bench" / "work" / "pagefind")
        version = subprocess.run([str(binary), "--version"], capture_output=True, text=True,
                                 check=True).stdout.strip()  # fmt: skip
        print(f"Pagefind: {version} ({binary})", flush=True)
        pagefind = [str(binary), "--site", str(hugo_out), "--quiet", "--logfile", str(pagefind_log)]
    pelican = [str(args.pelican), "content", "-o", str(pelican_out), "-s", "pelicanconf.py", "-q"]
    if args.pelican_site:
        version = subprocess.run([str(args.pelican), "--version"], capture_output=True, text=True,
                                 check=True).stdout.strip()  # fmt: skip
        print(f"Pelican: {version} ({args.pelican})", flush=True)

    def cold(*folders: Path) -> None:  # not timed: tmpfs, so no deletion slows the next build
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)

    def run_hugo(got: dict[str, Timing]) -> None:
        cold(hugo_out)
        got["hugo"] = timed([args.hugo, "--quiet", "-d", str(hugo_out)], cwd=args.hugo_site)
        if pagefind:  # on Hugo's output, right after it
            got["pagefind"] = timed(pagefind)

    def run_ssg(name: str, command: list[str], out: Path, got: dict[str, Timing]) -> None:
        cold(out, out.with_name(out.name + "-lifecycle"), out.with_name(out.name + "-deploy"),
             args.corpus / ".ssg-cache")  # fmt: skip
        got[name] = timed(command, env=env)

    runs: dict[str, Callable[[dict[str, Timing]], None]] = {
        "hugo": run_hugo,
        "ssg": lambda into: run_ssg("ssg", ssg, ssg_out, into),
    }
    if args.bare:
        runs["bare"] = lambda into: run_ssg("bare", bare, bare_out, into)

    def run_pelican(got: dict[str, Timing]) -> None:
        cold(pelican_out)
        got["pelican"] = timed(pelican, cwd=args.pelican_site)
        if pagefind:  # on Pelican's output, right after it
            got["pelican-pagefind"] = timed(
                [pagefind[0], "--site", str(pelican_out), "--quiet", "--logfile", str(pelican_log)]
            )

    if args.pelican_site:
        runs["pelican"] = run_pelican
    ratios: dict[str, list[float]] = {}
    walls: dict[str, list[float]] = {}
    for number in range(1, args.rounds + 1):
        got: dict[str, Timing] = {}
        for name in list(runs) if number % 2 else list(reversed(runs)):
            runs[name](got)
        (hw, hc, hm), (sw, sc, _) = got["hugo"], got["ssg"]
        line = f"round {number}: Hugo {hw:.2f} s, CPU {hc:.2f} s, {hm:.0f} MiB | "
        round_ratios = {"ssg ÷ Hugo": sw / hw}
        round_walls = {"Hugo": hw, "ssg": sw}
        if pagefind:
            pw, pc, pm = got["pagefind"]
            line += f"Pagefind {pw:.2f} s, CPU {pc:.2f} s, {pm:.0f} MiB | "
            round_ratios["ssg ÷ (Hugo + Pagefind)"] = sw / (hw + pw)
            round_walls |= {"Pagefind": pw, "Hugo + Pagefind": hw + pw}
        line += f"ssg {sw:.2f} s, CPU {sc:.2f} s"
        if args.bare:
            bw, bc, _ = got["bare"]
            line += f" | bare ssg {bw:.2f} s, CPU {bc:.2f} s"
            round_ratios["bare ssg ÷ Hugo"] = bw / hw
            round_walls["bare ssg"] = bw
        if args.pelican_site:
            lw, lc, lm = got["pelican"]
            line += f" | Pelican {lw:.2f} s, CPU {lc:.2f} s, {lm:.0f} MiB"
            round_ratios["Pelican ÷ ssg"] = lw / sw
            round_walls["Pelican"] = lw
            if pagefind:
                qw, qc, qm = got["pelican-pagefind"]
                line += f" | Pagefind on Pelican's {qw:.2f} s, CPU {qc:.2f} s, {qm:.0f} MiB"
                round_ratios["(Pelican + Pagefind) ÷ ssg"] = (lw + qw) / sw
                round_walls["Pelican + Pagefind"] = lw + qw
        for name, value in round_ratios.items():
            ratios.setdefault(name, []).append(value)
            line += f" | {name} {value:.3f}"
        for name, value in round_walls.items():
            walls.setdefault(name, []).append(value)
        print(line, flush=True)
    if pagefind or args.bare or args.pelican_site:
        medians = ", ".join(
            f"{name} {statistics.median(values):.2f} s" for name, values in walls.items()
        )
        print(f"medians of {args.rounds} rounds, wall: {medians}")
    for name, values in ratios.items():
        print(f"{name} wall, median of {len(values)} rounds: {statistics.median(values):.3f}")
    if args.pagefind:
        log = pagefind_log.read_text(encoding="utf-8")
        counts = re.search(r"Total: \s*Indexed (\d+) languages?\s+Indexed (\d+) pages\s+"
                           r"Indexed (\d+) words", log)  # fmt: skip
        html = sum(1 for _ in hugo_out.rglob("*.html"))
        index_bytes, index_files = folder_size(hugo_out / "pagefind")
        search_bytes, search_files = folder_size(ssg_out / "search")
        print(f"Pagefind indexed {counts[2] if counts else '?'} pages of {html} HTML files, "
              f"{counts[3] if counts else '?'} words; index {index_bytes / 2**20:.1f} MiB in "
              f"{index_files} files (pagefind/) | ssg's search/ {search_bytes / 2**20:.1f} MiB "
              f"in {search_files} files")  # fmt: skip
    shutil.rmtree(args.work, ignore_errors=True)
    # (the last round's search and render caches: the corpus is left as it was found)
    shutil.rmtree(args.corpus / ".ssg-cache", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
