"""Where a cold build's wall time goes: each process's CPU, stage by stage, and the cores idle.

冷构建的时间线：按阶段列出每个进程用掉的 CPU 和空闲的核（issue 9）。

    python bench/timeline.py --corpus bench/work/corpus-10000-s1-2026-11-20-1e6aa785de [--runs 2]

It runs `ssg build --timings` (the ssg on PYTHONPATH, or --tree) on the corpus with the output
on tmpfs, samples /proc every --interval seconds for every process of the build, and maps the
samples onto the stages the build reports. A stage's idle figure is the cores times its wall
time minus the CPU every process used in it: what a better schedule could still win. The
processes are named by what they do, from when they start and end: the build itself, the
render workers (forked together when rendering starts), the search index process (forked just
before them, living past them), and the short ones (cold parse, the caches' saves).
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Proc:
    pid: int
    parent: int
    first: float  # when first seen, seconds from the build's start
    last: float = 0.0
    cpu: list[tuple[float, float]] = field(default_factory=list)  # (time, CPU seconds so far)


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                out += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return out


def _cpu(pid: int) -> float | None:
    """CPU seconds so far, or None once the process has ended: a child that has exited but not
    yet been waited for (state Z, e.g. the parse cache's save, collected at the build's end)
    would otherwise seem to live to the end and be taken for the search index process."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    if fields[0] in ("Z", "X"):
        return None
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def sample_build(
    command: list[str], env: dict[str, str], interval: float
) -> tuple[dict[int, Proc], float, str]:
    start = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    procs: dict[int, Proc] = {child.pid: Proc(child.pid, 0, 0.0)}
    while child.poll() is None:
        now = time.perf_counter() - start
        todo = [child.pid]
        while todo:
            pid = todo.pop()
            cpu = _cpu(pid)
            if cpu is None:
                continue
            proc = procs.setdefault(pid, Proc(pid, 0, now))
            proc.last = now
            proc.cpu.append((now, cpu))
            for kid in _children(pid):
                procs.setdefault(kid, Proc(kid, pid, now))
                todo.append(kid)
        time.sleep(interval)
    wall = time.perf_counter() - start
    _, err = child.communicate()
    if child.returncode not in (0, 1):
        sys.exit(f"ssg build failed ({child.returncode}):\n{err[-2000:]}")
    return procs, wall, err


def stages(err: str) -> list[tuple[str, float]]:
    """The stages `--timings` printed, in order, with their durations in seconds."""
    out = []
    for line in err.splitlines():
        parts = line.rsplit(None, 2)
        if len(parts) == 3 and parts[2] == "ms" and line.startswith("  "):
            try:
                out.append((parts[0].strip(), float(parts[1]) / 1000))
            except ValueError:
                continue
    return out


def cpu_between(proc: Proc, a: float, b: float) -> float:
    """CPU the process used between times a and b (linear between samples)."""

    def at(t: float) -> float:
        samples = proc.cpu
        if not samples or t <= samples[0][0]:
            return 0.0 if not samples else samples[0][1] * (t >= samples[0][0])
        for (t0, c0), (t1, c1) in itertools.pairwise(samples):
            if t0 <= t <= t1:
                return c0 + (c1 - c0) * ((t - t0) / (t1 - t0) if t1 > t0 else 1)
        return samples[-1][1]

    return max(0.0, at(b) - at(a))


def role(proc: Proc, main: Proc, render: tuple[float, float]) -> str:
    """(The stages' starts are known to within the sampling and the start-up estimate.)"""
    if proc is main:
        return "build"
    if proc.parent != main.pid:
        return "helper of a child"
    slack = max(0.5, 0.1 * (render[1] - render[0]))
    # The workers are joined before the render stage ends, so their end is known to within the
    # sampling and the start-up estimate; the search index process, forked just before them,
    # often ends well within the start's slack of it, so the end gets a tighter one.
    end_slack = 0.15
    if render[0] - slack <= proc.first and proc.last <= render[1] + end_slack:
        return "render worker"
    if proc.first <= render[0] + slack and proc.last > render[1] + end_slack:
        return "search index"
    return "other child"


def report(procs: dict[int, Proc], wall: float, err: str, cores: int) -> None:
    main = next(p for p in procs.values() if p.parent == 0)
    spans: list[tuple[str, float, float]] = []
    # The stages run after Python has started and imported ssg: what comes before them is
    # "start" (the stages' sum is the build's own time).
    named = stages(err)
    begin = max(0.0, wall - sum(d for _, d in named) - 0.05)
    spans.append(("start (imports)", 0.0, begin))
    t = begin
    for name, seconds in named:
        spans.append((name, t, t + seconds))
        t += seconds
    spans.append(("exit", t, wall))
    render = next(((a, b) for n, a, b in spans if n == "render"), (0.0, 0.0))
    roles = sorted({role(p, main, render) for p in procs.values()})
    print(f"wall {wall:.2f} s, {cores} cores, {len(procs)} processes")
    print("| stage | wall s | " + " | ".join(f"{r} CPU s" for r in roles) + " | idle core-s |")
    print("|---|---:|" + "---:|" * (len(roles) + 1))
    totals = dict.fromkeys(roles, 0.0)
    idle_total = 0.0
    for name, a, b in spans:
        if b - a < 0.005:
            continue
        used = dict.fromkeys(roles, 0.0)
        for p in procs.values():
            used[role(p, main, render)] += cpu_between(p, a, b)
        idle = max(0.0, cores * (b - a) - sum(used.values()))
        idle_total += idle
        for r in roles:
            totals[r] += used[r]
        print(
            f"| {name} | {b - a:.2f} | "
            + " | ".join(f"{used[r]:.2f}" for r in roles)
            + f" | {idle:.2f} |"
        )
    print(
        f"| **total** | **{wall:.2f}** | "
        + " | ".join(f"**{totals[r]:.2f}**" for r in roles)
        + f" | **{idle_total:.2f}** |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--tree", type=Path, help="an ssg checkout to run (default: this one)")
    parser.add_argument("--out", type=Path, default=Path("/dev/shm/ssg-timeline-out"))
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--interval", type=float, default=0.02)
    parser.add_argument("--date", default="2026-11-20")
    args = parser.parse_args()
    tree = (args.tree or Path(__file__).resolve().parent.parent).resolve()
    env = {**os.environ, "PYTHONPATH": str(tree)}
    cores = len(os.sched_getaffinity(0))
    for _ in range(args.runs):
        shutil.rmtree(args.out, ignore_errors=True)
        shutil.rmtree(args.corpus / ".ssg-cache", ignore_errors=True)
        command = [sys.executable, "-P", "-m", "ssg", "build", "--source", str(args.corpus),
                   "--out", str(args.out), "--date", args.date, "--quiet", "--timings"]  # fmt: skip
        procs, wall, err = sample_build(command, env, args.interval)
        report(procs, wall, err, cores)
        print()
    shutil.rmtree(args.out, ignore_errors=True)
    for side in args.out.parent.glob(args.out.name + "-*"):
        shutil.rmtree(side, ignore_errors=True)


if __name__ == "__main__":
    main()
