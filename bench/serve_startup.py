"""`ssg serve` start-up in the situations an editor meets (issue 9), for one or more ssg trees
taking turns.

预览启动时间：从命令开始到首页可访问（第一次构建完成），分四种情形：
(a) 没有 .ssg-cache；(b) 预览运行过并已停止，什么都没改；(b') 同 (b)，但改了一个内容文件；
(c) 刚执行过 `ssg build`（public/ 与其缓存存在，预览目录不存在）；
(b+) 同 (b)，预览一可访问就保存一个文件（标题），计时到页面显示新标题（网站载入内存之前的保存）。

    python bench/serve_startup.py --corpus DIR [--tree before=DIR --tree after=DIR] [--rounds 2]

Each tree is a folder holding an `ssg/` package (a checkout or a copy of ssg/), run as
`PYTHONPATH=<tree> python -P -m ssg serve --port P --date D` in the corpus, which is edited in
place (copy one of bench/work/corpus-* first: the corpus's `.ssg-cache/` and `public/` are
deleted). A round runs every tree, one after the other, through (a), (b), (b') and (c); the
figure to read is the per-round ratio of one tree to another, since this machine is shared.

Start-up is the time from starting the command to the preview's status saying its first build
was published (`/__ssg/status`: generation ≥ 1, not blocked), and then the home page fetched;
"idle" is the time until its status says no build runs or waits (a restart that replays the
last build serves at once and loads the site for hot updates in a build after it).
Memory: the preview's VmHWM and the largest sum of PSS over it and its child processes. The
preview's output after (b) and (c) is hashed and compared with (a)'s: a fast start must serve
the same bytes.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from compare import (  # bench/ is on sys.path: this file runs as a script
    REBUILT_LINE,
    SERVE_TIMEOUT,
    EditTarget,
    TreeSampler,
    fetch,
    free_port,
    loadavg,
    tree_hash,
    vm_hwm_kib,
    wait_idle,
    wait_until_serving,
)

SITUATIONS = ("a", "b", "b+", "b'", "c")
LABELS = {
    "a": "(a) 无缓存 no .ssg-cache",
    "b": "(b) 重启 restart, nothing changed",
    "b+": "(b+) 重启后立即保存 restart, a save as soon as served",
    "b'": "(b') 重启，改了一个文件 restart, one file changed",
    "c": "(c) `ssg build` 之后 after `ssg build`",
}


@dataclass(frozen=True, slots=True)
class Start:
    tree: str
    situation: str
    seconds: float
    idle: float  # seconds until the preview's status says no build runs or waits
    build_ms: int  # the first build, as the preview reports it
    vm_hwm_mib: float
    tree_pss_mib: float
    digest: str  # of the preview's output once it stopped
    ok: bool
    number: int = 0  # the round
    save_s: float = -1.0  # (b+) seconds from the save to the page showing it


def saved_to_page(base: str, target: EditTarget, suffix: str) -> float:
    """Save the edit target with a new title; seconds until its page shows the title."""
    started = time.perf_counter()
    target.save(suffix)
    deadline = started + SERVE_TIMEOUT
    while time.perf_counter() < deadline:
        if suffix in fetch(base + target.url.lstrip("/")):
            return time.perf_counter() - started
        time.sleep(0.02)
    return -1.0


def serve_once(python: Path, tree: Path, corpus: Path, date: str, log: Path,
               save: tuple[EditTarget, str] | None = None) -> Start:  # fmt: skip
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [str(python), "-P", "-m", "ssg", "serve", "--port", str(port), "--date", date]
    with open(log, "wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=corpus, stdout=subprocess.DEVNULL, stderr=err,
                                 env=env)  # fmt: skip
        sampler = TreeSampler(child.pid, interval=0.02)
        try:
            ok = wait_until_serving(base, child)
            if ok:
                fetch(base)  # the home page, served
            seconds = time.perf_counter() - started
            # (b+) the editor saves as soon as the preview serves: before its site is loaded
            save_s = saved_to_page(base, *save) if ok and save else -1.0
            # A replayed start serves at once, then loads the site for hot updates in a build
            # of its own: timed too, as the time until the preview is idle.
            if ok:
                wait_idle(base, time.perf_counter() + SERVE_TIMEOUT)
            idle = time.perf_counter() - started
            hwm = vm_hwm_kib(child.pid) if ok else 0
        finally:
            peak = sampler.stop()
            if child.poll() is None:
                child.send_signal(signal.SIGINT)  # as Ctrl+C: the preview saves its caches
                try:
                    child.wait(60)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
    found = REBUILT_LINE.search(log.read_text("utf-8", errors="replace"))
    preview = corpus / ".ssg-cache" / "preview"
    digest = tree_hash(preview) if ok and preview.is_dir() else "-"
    return Start(tree.name, "", seconds, idle, int(found.group(1)) if found else -1,
                 hwm / 1024, peak / 1024, digest, ok, save_s=save_s)  # fmt: skip


def fresh(corpus: Path) -> None:
    for name in (".ssg-cache", "public"):
        shutil.rmtree(corpus / name, ignore_errors=True)


def run_round(python: Path, name: str, tree: Path, corpus: Path, date: str, logs: Path,
              number: int) -> list[Start]:  # fmt: skip
    starts: list[Start] = []
    target = EditTarget.find(corpus, logs)

    def one(situation: str, save: tuple[EditTarget, str] | None = None) -> None:
        log = logs / f"{number}-{name}-{situation.replace(chr(39), 'p')}.err"
        start = serve_once(python, tree, corpus, date, log, save)
        start = dataclasses.replace(start, tree=name, situation=situation, number=number)
        starts.append(start)
        print(f"  round {number} {name:>8} {situation:<3} {start.seconds:7.2f} s  idle {start.idle:6.2f} s  first build "
              f"{start.build_ms} ms  VmHWM {start.vm_hwm_mib:.0f} MiB  sum PSS "
              f"{start.tree_pss_mib:.0f} MiB  output {start.digest}"
              f"{f'  save→page {start.save_s:.2f} s' if save else ''}"
              f"{'' if start.ok else '  FAILED'}", flush=True)  # fmt: skip

    fresh(corpus)
    one("a")
    one("b")
    try:
        one("b+", (target, f"（保存测量{number}）"))
    finally:
        target.restore()
    try:
        target.save(f"（启动测量{number}）")
        one("b'")
    finally:
        target.restore()
    fresh(corpus)
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run([str(python), "-P", "-m", "ssg", "build", "--out", "public", "--date", date,
                    "--quiet"], cwd=corpus, env=env, check=True)  # fmt: skip
    one("c")
    return starts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument(
        "--tree",
        action="append",
        default=[],
        metavar="NAME=DIR",
        help="an ssg tree (a folder holding ssg/); default: this checkout",
    )
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--date", default="2026-11-20")
    parser.add_argument("--python", type=Path, default=Path(sys.executable))
    parser.add_argument("--logs", type=Path, help="stderr of each run (default: beside the corpus)")
    args = parser.parse_args(argv)
    # Run as a shell's background job, this process and every preview it starts would ignore
    # SIGINT (inherited), and a tree older than bcc17d7 would then never stop on serve_once's
    # SIGINT: killed after 60 s, its caches unsaved. A handled signal is reset by exec.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    trees = [(t.split("=", 1)[0], Path(t.split("=", 1)[1]).resolve()) for t in args.tree] or [
        ("this", Path(__file__).resolve().parent.parent)
    ]
    corpus = args.corpus.resolve()
    logs = (args.logs or corpus.parent / f"{corpus.name}-startup-logs").resolve()
    logs.mkdir(parents=True, exist_ok=True)
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC · load {loadavg()} · {corpus.name}")
    starts: list[Start] = []
    rounds = args.rounds
    for number in range(1, rounds + 1):
        for name, tree in trees if number % 2 else reversed(trees):  # alternate who goes first
            starts += run_round(args.python, name, tree, corpus, args.date, logs, number)
    print(f"load at the end {loadavg()}")
    for what, label in (("seconds", "served"), ("idle", "idle")):
        print(f"\n| situation ({label}) | " + " | ".join(f"{n}: s (runs) · median" for n, _ in trees)
              + " |")  # fmt: skip
        print("| --- |" + " ---: |" * len(trees))
        for situation in SITUATIONS:
            cells = []
            for name, _ in trees:
                runs = [getattr(s, what) for s in starts
                        if s.tree == name and s.situation == situation]  # fmt: skip
                cells.append(", ".join(f"{r:.2f}" for r in runs)
                             + f" · **{statistics.median(runs):.2f}**")  # fmt: skip
            print(f"| {LABELS[situation]} | " + " | ".join(cells) + " |")
    print("\n| (b+) save → page, s | " + " | ".join(f"{n}: s (runs) · median" for n, _ in trees)
          + " |")  # fmt: skip
    print("| --- |" + " ---: |" * len(trees))
    cells = []
    for name, _ in trees:
        runs = [s.save_s for s in starts if s.tree == name and s.situation == "b+"]
        cells.append(", ".join(f"{r:.2f}" for r in runs) + f" · **{statistics.median(runs):.2f}**")
    print("| save while the site loads | " + " | ".join(cells) + " |")
    if len(trees) == 2:  # per round, same load: the second tree's time ÷ the first's
        (a, _), (b, _) = trees
        for situation in SITUATIONS:
            mine = {(s.tree, s.number): s.seconds for s in starts if s.situation == situation}
            ratios = [mine[b, n] / mine[a, n] for n in range(1, rounds + 1)]
            print(f"{LABELS[situation]}: {b} ÷ {a} per round "
                  f"{', '.join(f'{r:.2f}' for r in ratios)} · median {statistics.median(ratios):.2f}")  # fmt: skip
        mine = {(s.tree, s.number): s.save_s for s in starts if s.situation == "b+"}
        ratios = [mine[b, n] / mine[a, n] for n in range(1, rounds + 1)]
        print(f"(b+) save → page: {b} ÷ {a} per round "
              f"{', '.join(f'{r:.2f}' for r in ratios)} · median {statistics.median(ratios):.2f}")  # fmt: skip
    for name, _ in trees:
        mine = [s for s in starts if s.tree == name]
        print(f"{name}: VmHWM max {max(s.vm_hwm_mib for s in mine):.0f} MiB, sum of PSS max "
              f"{max(s.tree_pss_mib for s in mine):.0f} MiB")  # fmt: skip
    digests = {(s.tree, s.situation, s.digest) for s in starts if s.situation in ("a", "b", "c")}
    same = len({d for _, _, d in digests}) == 1
    print(f"preview output after (a), (b) and (c), every tree: {'identical' if same else 'DIFFERENT'}"
          f" ({', '.join(sorted({d for _, _, d in digests}))})")  # fmt: skip
    # (b') and (b+) end on an edited site: the same edit, the same bytes in every tree (the
    # first tree's, where the edit was built before serving, as a cold start builds it)
    for situation in ("b'", "b+"):
        found = {s.digest for s in starts if s.situation == situation}
        alike = {s.number: {t.digest for t in starts if t.situation == situation
                            and t.number == s.number} for s in starts}  # fmt: skip
        each = all(len(d) == 1 for d in alike.values())
        same = same and each
        print(
            f"preview output after {situation}, per round, every tree: "
            f"{'identical' if each else 'DIFFERENT'} ({', '.join(sorted(found))})"
        )
    return 0 if same and all(s.ok for s in starts) else 1


if __name__ == "__main__":
    sys.exit(main())
