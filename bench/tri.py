"""Cold builds taking turns: two checkouts of ssg, Hugo and Pelican, output on the work folder's disk.

两份 ssg 源码（base、new）、Hugo、Pelican 轮流冷构建同一语料（bench/work/ 中 compare.py 生成的三份）。

    git worktree add --detach /dev/shm/base <commit>; git worktree add --detach /dev/shm/new HEAD
    python -m compileall -q /dev/shm/base/ssg /dev/shm/new/ssg
    python bench/tri.py SIZE ROUNDS PELICAN_ROUNDS

Outputs are moved aside and deleted after the last round (this disk creates files slowly right
after a mass deletion), and the two ssg trees take turns at building first in a round: without
both, two trees of equal CPU measured 0.83 (RESULTS.md, 2026-11-27 session 14). Compact by
design: a measuring script, kept so that the command in RESULTS.md can be run again.
"""

# ruff: noqa
import os, shutil, statistics, subprocess, sys, time
from pathlib import Path

W = Path(__file__).resolve().parent / "work"
PY = sys.executable
size, rounds, pel_rounds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
corpus = next(p for p in W.glob(f"corpus-{size}-*") if p.is_dir())
hugo_site = next(W.glob(f"hugo-corpus-{size}-*"))
pel_site = next(W.glob(f"pelican-corpus-{size}-*"))
out = W / "tri-out"
trash = W / "tri-trash"
trash.mkdir(exist_ok=True)
import itertools

_n = itertools.count()


def run(cmd, cwd=None, env=None):
    # (moved aside, deleted at the end: ext4 creates files slowly right after a mass deletion)
    if out.exists():
        out.rename(trash / str(next(_n)))
    t = time.perf_counter()
    c = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, st, ru = os.wait4(c.pid, 0)
    w = time.perf_counter() - t
    assert os.waitstatus_to_exitcode(st) == 0, (cmd, c.stderr.read()[-2000:])
    return w, ru.ru_utime + ru.ru_stime


res = {k: [] for k in ("base", "new", "hugo", "pelican")}
for r in range(rounds):
    for k in ("base", "new") if r % 2 == 0 else ("new", "base"):
        if (corpus / ".ssg-cache").exists():
            (corpus / ".ssg-cache").rename(trash / str(next(_n)))
        env = {
            **os.environ,
            "PYTHONPATH": f"/dev/shm/{k}",
            "SSG_TEMPLATE_CACHE": str(W / "tri-template-cache"),
        }
        res[k].append(
            run(
                [
                    PY,
                    "-P",
                    "-m",
                    "ssg",
                    "build",
                    "--source",
                    str(corpus),
                    "--out",
                    str(out),
                    "--date",
                    "2026-11-20",
                    "--quiet",
                ],
                env=env,
            )
        )
    shutil.rmtree(hugo_site / "resources", ignore_errors=True)
    res["hugo"].append(run(["hugo", "--quiet", "-d", str(out)], cwd=hugo_site))
    if r < pel_rounds:
        res["pelican"].append(
            run(
                [
                    str(W / "pelican-venv/bin/pelican"),
                    "content",
                    "-o",
                    str(out),
                    "-s",
                    "pelicanconf.py",
                    "-q",
                ],
                cwd=pel_site,
            )
        )
    print(
        f"round {r + 1}: "
        + "  ".join(f"{k} {v[-1][0]:.2f}s/{v[-1][1]:.1f}cpu" for k, v in res.items() if len(v) > r),
        flush=True,
    )
shutil.rmtree(out, ignore_errors=True)
shutil.rmtree(trash, ignore_errors=True)
med = {k: statistics.median(w for w, _ in v) for k, v in res.items() if v}
cpu = {k: statistics.median(c for _, c in v) for k, v in res.items() if v}
print(
    f"size {size} medians wall: "
    + ", ".join(f"{k} {v:.2f}" for k, v in med.items())
    + " | cpu: "
    + ", ".join(f"{k} {v:.1f}" for k, v in cpu.items())
)
pairs = [n[0] / b[0] for b, n in zip(res["base"], res["new"])]
print(
    f"new ÷ base per round: {', '.join(f'{x:.3f}' for x in pairs)}; median {statistics.median(pairs):.3f}"
)
for k in ("base", "new"):
    rh = [s[0] / h[0] for s, h in zip(res[k], res["hugo"])]
    print(
        f"{k} ÷ hugo per round: {', '.join(f'{x:.2f}' for x in rh)}; median {statistics.median(rh):.2f}"
    )
if res["pelican"]:
    for k in ("base", "new"):
        print(f"pelican ÷ {k}: {med['pelican'] / med[k]:.2f}")
