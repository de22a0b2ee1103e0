"""Search benchmarks (issue 8): ssg's client index and whoosh server beside Pagefind.

全站搜索基准：在生成的 1 万条信息门户上测量客户端索引（构建耗时、索引大小、Chromium 中一次典型查询
下载的字节数与出结果时间）、查询质量（两种后端与 Pagefind），以及 5 万条时服务端搜索的延迟。

    python bench/search_bench.py [--items 10000] [--server-items 50000] [--queries 100]
                                 [--workdir DIR] [--ssg PATH] [--pagefind PATH] [--record]

Pagefind's extended build is measured in the same run over the same built site, when it is
installed (`.venv/bin/pip install pagefind-bin-extended`: for the benchmark only, not a
dependency of ssg); without it its columns say so. Browsers: Debian's Chromium through
Playwright, as tests/browser does, offline (only 127.0.0.1 resolves). The server is started
as `ssg search serve` on 127.0.0.1 and sent a bounded number of requests, one at a time.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import http.server
import json
import os
import platform
import random
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
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from build_bench import ensure_corpus, interpreter_of, max_rss_kib, ssg_version

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))  # ssg and tests.search.quality, run as a script from anywhere

from ssg.search.client_index import ClientSource  # noqa: E402
from ssg.search.documents import SearchDoc  # noqa: E402
from ssg.search.whoosh_index import WhooshSource, build_index, load_site_documents  # noqa: E402
from tests.search.quality import (  # noqa: E402
    GENERATED_KINDS,
    KINDS,
    Judged,
    Score,
    evaluate,
    generated_queries,
    load_judged,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
SAMPLE_DATE = dt.date(2026, 11, 20)
PAGEFIND_PAGE = "pagefind-bench.html"  # written into the built site for the measurement only
PAGEFIND_HTML = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>pagefind</title>
<script type="module">
window.pfSearch = async (q) => {
  const t0 = performance.now();
  const pf = await import("/pagefind/pagefind.js");
  await pf.init();
  const found = await pf.search(q);
  const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  return {ms: performance.now() - t0, at: performance.now(), count: found.results.length,
          urls: data.map((d) => d.url)};
};
window.pfReady = true;
</script></head><body></body></html>
"""


@dataclass
class Figures:
    rows: dict[str, dict[str, str]] = field(default_factory=dict)  # section -> label -> value
    tables: list[str] = field(default_factory=list)

    def put(self, section: str, label: str, value: str) -> None:
        self.rows.setdefault(section, {})[label] = value
        print(f"  {section} / {label}: {value}", flush=True)


# ---- processes ---------------------------------------------------------------------------


def run_child(command: Sequence[str], log: Path) -> tuple[int, float, int]:
    """(exit code, wall seconds, peak RSS KiB) of a child; its output goes to `log`."""
    with open(log, "wb") as out:
        started = time.perf_counter()
        child = subprocess.Popen(list(command), stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, wall, max_rss_kib(usage.ru_maxrss)


def tree_size(root: Path, skip: Sequence[str] = ()) -> tuple[int, int, int]:
    """(bytes, files, bytes allocated on disk) of every file under root."""
    total = files = blocks = 0
    for path in root.rglob("*"):
        if path.is_file() and path.name not in skip:
            stat = path.stat()
            total += stat.st_size
            blocks += stat.st_blocks * 512
            files += 1
    return total, files, blocks


def mib(size: float) -> str:
    return f"{size / 2**20:.1f} MiB"


def kib(size: float) -> str:
    return f"{size / 1024:.0f} KiB"


@contextlib.contextmanager
def static_server(root: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ---- the client index and Pagefind -------------------------------------------------------


def build_site(ssg: Path, corpus: Path, out: Path, log: Path, figures: Figures, n: int) -> None:
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(corpus / ".ssg-cache", ignore_errors=True)
    command = [
        str(ssg),
        "build",
        "--source",
        str(corpus),
        "--out",
        str(out),
        "--date",
        SAMPLE_DATE.isoformat(),
        "--quiet",
        "--timings",
    ]
    code, wall, peak = run_child(command, log)
    if code != 0:
        raise SystemExit(f"ssg build failed ({code}); see {log}")
    stages = dict(re.findall(r"^\s+(\S[^\n]*?)\s+([\d.]+) ms$", log.read_text("utf-8"), re.M))
    index_s = float(stages.get("search index", "0")) / 1000
    section = f"client index, {n:,} items"
    figures.put(section, "whole `ssg build` (cold)", f"{wall:.1f} s, peak {peak / 1024:.0f} MiB")
    if index_s >= 0.05:
        figures.put(
            section,
            "its search index stage",
            f"{index_s:.1f} s ({index_s / wall:.0%} of the build)",
        )
    else:  # (the build writes the index in a process of its own, beside the rendering)
        figures.put(
            section,
            "its search index stage",
            "in a process of its own beside the rendering: no stage of its own; the index "
            "alone is timed below",
        )
    size, files, blocks = tree_size(out / "search", skip=("index.html",))
    figures.put(section, "index size", f"{mib(size)} in {files:,} files ({mib(blocks)} on disk)")


def measure_index_memory(corpus: Path, log: Path, figures: Figures, n: int) -> None:
    """The index stage alone in a child: its documents loaded, then the index written."""
    code, _wall, _peak = run_child([sys.executable, __file__, "--measure-index", str(corpus)], log)
    if code != 0:
        figures.put(f"client index, {n:,} items", "index memory", f"failed; see {log}")
        return
    data = json.loads(log.read_text("utf-8").strip().splitlines()[-1])
    figures.put(
        f"client index, {n:,} items",
        "index memory (beyond the loaded site)",
        f"{(data['after'] - data['before']) / 1024:.0f} MiB in the build process, "
        f"workers peak {data['workers'] / 1024:.0f} MiB each",
    )
    figures.put(
        f"client index, {n:,} items",
        "the index alone (its documents loaded; every core)",
        f"{data['seconds']:.1f} s",
    )


def _measure_index(corpus: Path) -> None:
    import resource
    import tempfile

    from ssg.parallel import default_jobs
    from ssg.search.client_index import write_client_index

    docs, problems = load_site_documents(corpus, SAMPLE_DATE)
    assert not problems, problems[:3]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    class Writer:
        def __init__(self, root: Path) -> None:
            self.root = root

        def write_bytes(self, rel: str, data: bytes) -> None:
            path = self.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        write_client_index(docs, Writer(Path(folder)), jobs=default_jobs())
        seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"before": before, "after": after, "workers": workers, "seconds": seconds}))


def pagefind_binary(given: str | None) -> Path | None:
    if given:
        return Path(given)
    try:
        import pagefind_bin_extended  # type: ignore[import-not-found]
    except ImportError:
        return None
    found = Path(pagefind_bin_extended.__file__).parent / "pagefind_extended"
    return found if found.is_file() else None


def run_pagefind(binary: Path, site: Path, log: Path, figures: Figures, section: str) -> bool:
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    command = [str(binary), "--site", str(site), "--output-subdir", "pagefind"]
    code, wall, peak = run_child(command, log)
    if code != 0:
        figures.put(section, "Pagefind extended", f"failed ({code}); see {log}")
        return False
    pages = re.search(r"Indexed (\d+) pages", log.read_text("utf-8", errors="replace"))
    size, files, blocks = tree_size(site / "pagefind")
    figures.put(
        section,
        "Pagefind extended: build",
        f"{wall:.1f} s, peak {peak / 1024:.0f} MiB"
        + (f", {int(pages.group(1)):,} pages" if pages else ""),
    )
    figures.put(
        section,
        "Pagefind extended: index size",
        f"{mib(size)} in {files:,} files ({mib(blocks)} on disk)",
    )
    (site / PAGEFIND_PAGE).write_text(PAGEFIND_HTML, encoding="utf-8")
    return True


def typical_queries(docs: Sequence[SearchDoc]) -> list[tuple[str, str]]:
    """What a citizen types, taken from the corpus: a frequent keyword, a piece of it, its
    pinyin and initials, a doc number."""
    from pypinyin import Style, lazy_pinyin

    counts: dict[str, int] = {}
    for doc in docs:
        for word in doc.keywords.split("\n"):
            if len(word) == 4 and all("\u4e00" <= c <= "\u9fff" for c in word):
                counts[word] = counts.get(word, 0) + 1
    word = sorted(counts, key=lambda w: (-counts[w], w))[len(counts) // 10]
    syllables = lazy_pinyin(word, style=Style.NORMAL)
    number = next(
        line for d in docs if d.type == "policy" for line in d.keywords.split("\n") if "〔" in line
    )
    return [
        ("Chinese word", word),
        ("part of a word", word[1:]),
        ("full pinyin", "".join(syllables)),
        ("initials", "".join(s[0] for s in syllables)),
        ("doc number", number),
    ]


def _bytes_of(request: Any) -> int:
    sizes = request.sizes()
    return int(sizes["responseBodySize"]) + int(sizes["responseHeadersSize"])


def _gzip_saving(site: Path, url: str, size: int) -> int:
    """Bytes a server that gzips JavaScript would save on this response."""
    import gzip

    path = urllib.parse.urlsplit(url).path
    if not path.endswith(".js"):
        return 0
    raw = (site / path.lstrip("/")).read_bytes()
    return max(0, len(raw) - len(gzip.compress(raw, compresslevel=6)))


@contextlib.contextmanager
def watched(browser: Any) -> Iterator[tuple[Any, list[tuple[str, int]]]]:
    """A fresh browser context (cold cache) and the (URL, bytes) of every response it gets,
    its workers' included; read once the network has gone quiet."""
    context = browser.new_context()
    seen: list[tuple[str, int]] = []
    context.on("requestfinished", lambda request: seen.append((request.url, _bytes_of(request))))
    try:
        yield context, seen
    finally:
        context.close()


def _settle(page: Any) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)


def browser_figures(
    base: str,
    site: Path,
    queries: list[tuple[str, str]],
    with_pagefind: bool,
    figures: Figures,
    n: int,
) -> None:
    from playwright.sync_api import sync_playwright

    lines = [
        "| query | kind | ssg: results | ssg: bytes (data + search.js) | ssg: first result "
        "| Pagefind: results | Pagefind: bytes | Pagefind: first result |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    totals: dict[str, list[int]] = {"ssg": [], "ssg gz": [], "pf": [], "pf gz": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for kind, query in queries:
            with watched(browser) as (context, seen):
                page = context.new_page()
                page.goto(f"{base}/search/?q={urllib.parse.quote(query)}")
                page.wait_for_selector(
                    "#search-app[data-ready='true']", state="attached", timeout=60_000
                )
                _settle(page)
                total = int(
                    page.evaluate(
                        "document.querySelector('.search-count') ? "
                        "(document.querySelector('.search-count').textContent"
                        ".match(/共找到 (\\d+)/) || [0, 0])[1] : 0"
                    )
                )
                at = int(page.get_attribute("#search-app", "data-at") or 0)
                used = {"data": 0, "code": 0, "saved": 0}
                for url, size in seen:
                    path = urllib.parse.urlsplit(url).path
                    if path.startswith("/search/") and not path.endswith("/search/"):
                        used["data"] += size
                    elif path.startswith("/assets/js/search.js"):
                        used["code"] += size
                        used["saved"] += _gzip_saving(site, url, size)
            ours = used["data"] + used["code"]
            totals["ssg"].append(ours)
            totals["ssg gz"].append(ours - used["saved"])
            pf_cells = ["—", "—", "—"]
            if with_pagefind:
                with watched(browser) as (context, seen):
                    page = context.new_page()
                    page.goto(f"{base}/{PAGEFIND_PAGE}")
                    page.wait_for_function("window.pfReady === true")
                    answer = page.evaluate("q => window.pfSearch(q)", query)
                    _settle(page)
                    mine = [(url, size) for url, size in seen if "/pagefind/" in url]
                spent = sum(size for _url, size in mine)
                saved = sum(_gzip_saving(site, url, size) for url, size in mine)
                totals["pf"].append(spent)
                totals["pf gz"].append(spent - saved)
                pf_cells = [
                    f"{answer['count']:,}",
                    f"{kib(spent)} ({kib(spent - saved)})",
                    f"{answer['at']:.0f} ms",
                ]
            lines.append(
                f"| {query} | {kind} | {total:,} | {kib(ours)} = {kib(used['data'])} + "
                f"{kib(used['code'])} ({kib(ours - used['saved'])}) | {at} ms | "
                + " | ".join(pf_cells)
                + " |"
            )
        browser.close()
    figures.tables.append(
        f"Bytes a first query downloads (responses' headers and bodies as Chromium reports "
        f"them) and time from opening the page to the first results, in Chromium, cold cache, {n:,}-item site served by Python's http.server on 127.0.0.1 "
        "(no compression by the server; both indexes ship gzip-compressed files; in brackets: "
        "the same when the server also gzips JavaScript). ssg: the search page's index files "
        "and search.js (the page's HTML, CSS and site.js are not counted); Pagefind: every "
        "response under /pagefind/ to its page and its worker for its JavaScript API's query "
        "and the data of its first 10 results (its default UI adds pagefind-ui.js and .css, "
        "about 130 KiB).\n\n" + "\n".join(lines)
    )
    section = f"client index, {n:,} items"
    ours, ours_gz = statistics.median(totals["ssg"]), statistics.median(totals["ssg gz"])
    figures.put(
        section,
        "bytes for a first query (median)",
        f"{kib(ours)}; {kib(ours_gz)} when the server gzips JavaScript",
    )
    if totals["pf"]:
        theirs, theirs_gz = statistics.median(totals["pf"]), statistics.median(totals["pf gz"])
        figures.put(
            section,
            "Pagefind: bytes for a first query (median)",
            f"{kib(theirs)}; {kib(theirs_gz)} when the server gzips JavaScript "
            f"(ssg: {ours / theirs:.0%} and {ours_gz / theirs_gz:.0%} of it)",
        )


def pagefind_quality(
    base: str, queries: Sequence[Judged], docs: Sequence[SearchDoc]
) -> dict[str, Score]:
    """recall@10 and precision@5 of Pagefind's answers to the same queries."""
    from playwright.sync_api import sync_playwright

    by_url = {urllib.parse.unquote(d.url): d.key for d in docs}
    scores: dict[str, Score] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{base}/{PAGEFIND_PAGE}")
        page.wait_for_function("window.pfReady === true")
        for query in queries:
            answer = page.evaluate("q => window.pfSearch(q)", query.q)
            found = [by_url.get(urllib.parse.unquote(u), u) for u in answer["urls"]]
            score = scores.setdefault(query.kind, Score())
            score.queries += 1
            score.recall += len(set(found[:10]) & query.relevant) / min(10, len(query.relevant))
            score.precision += len(set(found[:5]) & query.relevant) / min(5, len(query.relevant))
        browser.close()
    return scores


def quality_table(title: str, kinds: Sequence[str], columns: dict[str, dict[str, Score]]) -> str:
    names = list(columns)
    head = "| kind | queries | " + " | ".join(f"{n}: R@10 | {n}: P@5" for n in names) + " |"
    rule = "| --- | ---: | " + " | ".join("---: | ---:" for _ in names) + " |"
    lines = [head, rule]
    for kind in kinds:
        count = next((c[kind].queries for c in columns.values() if kind in c), 0)
        cells = []
        for name in names:
            score = columns[name].get(kind)
            cells.append(
                f"{score.recall_at_10:.3f} | {score.precision_at_5:.3f}" if score else "— | —"
            )
        lines.append(f"| {kind} | {count} | " + " | ".join(cells) + " |")
    return f"{title}\n\n" + "\n".join(lines)


# ---- the server --------------------------------------------------------------------------


def server_figures(
    ssg: Path,
    corpus: Path,
    folder: Path,
    queries: Sequence[Judged],
    requests: int,
    seconds: float,
    logs: Path,
    figures: Figures,
    n: int,
    clients: int = 4,
    baseline: Path | None = None,
    variants: Sequence[str] = (),
) -> None:
    """`ssg search index`, then `ssg search serve` on that index: requests one at a time, then
    from `clients` threads at once. With a baseline (an `ssg` of the code before a change),
    its index step and its server are measured in the same run, on the same queries and the
    same index (the one `ssg` wrote); each of `variants` (options of `ssg search serve`) is
    measured too; the answers of all the servers are compared."""
    section = f"server search, {n:,} items"
    runs = [("before: ", baseline), ("", ssg)] if baseline else [("", ssg)]
    for label, program in runs:
        command = [
            str(program),
            "search",
            "index",
            "--source",
            str(corpus),
            "--index",
            str(folder if program == ssg else folder.with_name(folder.name + "-before")),
            "--date",
            SAMPLE_DATE.isoformat(),
        ]
        shutil.rmtree(corpus / ".ssg-cache", ignore_errors=True)
        log = logs / f"search-index-{n}{'-before' if label else ''}.log"
        code, wall, peak = run_child(command, log)
        if code != 0:
            figures.put(section, f"{label}ssg search index", f"failed ({code}); see {log}")
            return
        figures.put(
            section,
            f"{label}`ssg search index` (whoosh)",
            f"{wall:.0f} s, peak {peak / 1024:.0f} MiB",
        )
    size, files, _ = tree_size(folder)
    figures.put(section, "whoosh index size", f"{mib(size)} in {files} files")
    mix = list(queries)
    random.Random(50).shuffle(mix)
    servers = [(label, program, []) for label, program in runs]
    for extra in variants:
        servers.append((f"`{extra}`: ", ssg, shlex.split(extra)))
    answers: dict[str, list[bytes]] = {}
    for label, program, extra in servers:
        answers[label] = serve_figures(
            program, folder, mix, requests, seconds, clients, figures, section, label, extra
        )
    if len(answers) > 1:
        same = all(a == answers[""] for a in answers.values())
        figures.put(
            section,
            f"answers of the {len(answers)} servers",
            f"{'byte-identical' if same else 'DIFFERENT'} ({len(answers[''])} requests)",
        )


def _pct(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, round(p * (len(values) - 1)))]


def _memory_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a running process, and the PSS of it and its children (what the
    processes of `--workers` use together, their shared pages counted once)."""
    out = {"Pss": 0}
    for line in Path(f"/proc/{pid}/status").read_text("utf-8").splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    family = [pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                family.append(int(stat.parent.name))
    for member in family:
        with contextlib.suppress(OSError):
            rollup = Path(f"/proc/{member}/smaps_rollup").read_text("utf-8")
            found = re.search(r"^Pss:\s+(\d+)", rollup, re.M)
            out["Pss"] += int(found.group(1)) if found else 0
    return out


def serve_figures(
    ssg: Path,
    folder: Path,
    mix: Sequence[Judged],
    requests: int,
    seconds: float,
    clients: int,
    figures: Figures,
    section: str,
    label: str,
    extra: Sequence[str] = (),
) -> list[bytes]:
    """One `ssg search serve`: latency one request at a time, then throughput and latency with
    `clients` threads sending requests at once; the answers to the one-at-a-time requests."""
    port = free_port()
    server = subprocess.Popen(
        [str(ssg), "search", "serve", "--index", str(folder), "--port", str(port), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"

    def fetch(query: Judged) -> tuple[bytes, float]:
        url = f"{base}/api/search?{urllib.parse.urlencode({'q': query.q})}"
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=120) as response:
            body = response.read()
        return body, (time.perf_counter() - started) * 1000

    bodies: list[bytes] = []
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/health", timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("ssg search serve did not start") from None
                time.sleep(0.3)
        started_kib = _memory_kib(server.pid)
        latencies: dict[str, list[float]] = {}
        stop = time.monotonic() + seconds
        for sent, query in enumerate(mix):
            if sent >= requests or time.monotonic() > stop:
                break
            body, ms = fetch(query)
            bodies.append(body)
            latencies.setdefault(query.kind, []).append(ms)
        one_kib = _memory_kib(server.pid)
        # The same number of requests again, from `clients` threads at once; each thread takes
        # the next query of the shuffled mix (cycling), so the mix is the one measured above.
        wanted = len(bodies)
        taken = iter(range(wanted))
        lock = threading.Lock()
        together: list[float] = []

        def client() -> None:
            while True:
                with lock:
                    k = next(taken, None)
                if k is None:
                    return
                _, ms = fetch(mix[k % len(mix)])
                with lock:
                    together.append(ms)

        threads = [threading.Thread(target=client) for _ in range(clients)]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
        many_kib = _memory_kib(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    every = sorted(v for values in latencies.values() for v in values)
    figures.put(section, f"{label}requests (one at a time, loopback)", f"{len(every)}")
    figures.put(
        section,
        f"{label}latency p50 / p95 / max",
        f"{_pct(every, 0.5):.0f} / {_pct(every, 0.95):.0f} / {every[-1]:.0f} ms "
        f"({len(every) / (sum(every) / 1000):.0f} requests/s)",
    )
    for kind in sorted(latencies):
        values = sorted(latencies[kind])
        figures.put(
            section,
            f"{label}  {kind}: p50 / p95",
            f"{_pct(values, 0.5):.0f} / {_pct(values, 0.95):.0f} ms ({len(values)})",
        )
    together.sort()
    figures.put(
        section,
        f"{label}{clients} clients at once: {len(together)} requests",
        f"{len(together) / wall:.0f} requests/s; latency p50 / p95 / max "
        f"{_pct(together, 0.5):.0f} / {_pct(together, 0.95):.0f} / {together[-1]:.0f} ms",
    )
    figures.put(
        section,
        f"{label}server memory: started / after one at a time / after {clients} at once",
        f"{started_kib['VmRSS'] / 1024:.0f} / {one_kib['VmRSS'] / 1024:.0f} / "
        f"{many_kib['VmRSS'] / 1024:.0f} MiB RSS (peak {many_kib['VmHWM'] / 1024:.0f} MiB); "
        f"all its processes: {many_kib['Pss'] / 1024:.0f} MiB PSS",
    )
    return bodies


def searcher_memory(folder: Path, queries: int, searchers: int = 5) -> None:
    """RSS as `ssg search serve` opens its searchers: the index and the sidecar, then each
    searcher after answering the same `queries` queries (grouped: fragments read too)."""
    from ssg.search import engine
    from ssg.search.whoosh_index import Sidecar, open_index

    def rss() -> str:
        return f"{_memory_kib(os.getpid())['VmRSS'] / 1024:.1f} MiB"

    print(f"started: {rss()}")
    sidecar = Sidecar(folder)
    index = open_index(folder)
    mix = sorted({t.text for t in sidecar.terms if len(t.text) >= 2})[:queries]
    print(f"index opened, sidecar loaded: {rss()}")
    opened = []
    for n in range(searchers):
        source = WhooshSource(folder, index, sidecar)
        opened.append(source)
        for query in mix:
            engine.search(query, source, grouped=True)
        print(f"searcher {n + 1}, after {len(mix)} queries: {rss()}")


# ---- the report --------------------------------------------------------------------------


def report(figures: Figures, command: str, ssg: Path) -> str:
    now = dt.datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    try:
        load = "load average " + ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = ""
    lines = [
        f"### 搜索基准 Search (issue 8) — {now} (Asia/Shanghai)",
        "",
        f"Machine: nproc {os.cpu_count()}, Python {interpreter_of(ssg)}, {ssg_version(ssg)}, "
        f"{platform.machine()}; at the start: {load}. The machine is shared: wall times vary "
        "by ±30 % from run to run.",
        "",
        f"Command: `{command}`",
        "",
    ]
    for section, rows in figures.rows.items():
        lines += [f"**{section}**", "", "| | |", "| --- | --- |"]
        lines += [f"| {label} | {value} |" for label, value in rows.items()]
        lines.append("")
    for table in figures.tables:
        lines += [table, ""]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--server-items", type=int, default=50_000, help="0: skip")
    parser.add_argument("--queries", type=int, default=100, help="generated queries per kind")
    parser.add_argument("--pagefind-queries", type=int, default=40, help="per kind, in Chromium")
    parser.add_argument("--server-requests", type=int, default=400)
    parser.add_argument("--server-seconds", type=float, default=180.0)
    parser.add_argument("--clients", type=int, default=4, help="server: threads sending at once")
    parser.add_argument(
        "--serve-args",
        action="append",
        default=[],
        help="server: also measure `ssg search serve` with these options (repeatable)",
    )
    parser.add_argument(
        "--server-only",
        action="store_true",
        help="only the server: its queries generated from the --items corpus",
    )
    parser.add_argument(
        "--baseline-ssg",
        type=Path,
        default=None,
        help="server: an `ssg` of the code before a change, measured in the same run",
    )
    parser.add_argument("--workdir", type=Path, default=BENCH / "work")
    parser.add_argument("--ssg", type=Path, default=None)
    parser.add_argument("--pagefind", default=None, help="the pagefind_extended binary")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--record", action="store_true", help="append to bench/RESULTS.md")
    parser.add_argument("--measure-index", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--searcher-memory",
        type=Path,
        default=None,
        metavar="INDEX",
        help="only: this process's RSS as searchers of a whoosh index are opened and used",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.measure_index is not None:
        _measure_index(args.measure_index)
        return 0
    if args.searcher_memory is not None:
        searcher_memory(args.searcher_memory, args.queries)
        return 0
    ssg = args.ssg or Path(shutil.which("ssg") or REPO / ".venv" / "bin" / "ssg")
    workdir: Path = args.workdir.resolve()
    logs = workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    figures = Figures()
    n = args.items
    print(f"corpus of {n:,} items …", flush=True)
    corpus = ensure_corpus(workdir, n, args.seed, SAMPLE_DATE)
    if args.server_only:
        docs, problems = load_site_documents(corpus.path, SAMPLE_DATE)
        assert not problems, problems[:3]
        queries = generated_queries(docs, args.queries)
        del docs
        server_sizes = [n] + ([args.server_items] if args.server_items else [])
    else:
        queries = client_and_quality_figures(args, ssg, workdir, corpus.path, logs, figures)
        server_sizes = [n, args.server_items] if args.server_items else []
    for size in server_sizes:
        print(f"server at {size:,} …", flush=True)
        big = ensure_corpus(workdir, size, args.seed, SAMPLE_DATE)
        server_figures(
            ssg,
            big.path,
            workdir / f"whoosh-serve-{size}",
            queries,
            args.server_requests,
            args.server_seconds,
            logs,
            figures,
            size,
            args.clients,
            args.baseline_ssg,
            args.serve_args,
        )
    command = "python bench/search_bench.py " + shlex.join(
        a for a in (argv if argv is not None else sys.argv[1:]) if a != "--record"
    )
    text = report(figures, command.strip(), ssg)
    print()
    print(text)
    if args.record:
        results = BENCH / "RESULTS.md"
        with results.open("a", encoding="utf-8") as handle:
            handle.write("\n" + text + "\n")
        print(f"appended to {results}")
    return 0


def client_and_quality_figures(
    args: argparse.Namespace, ssg: Path, workdir: Path, corpus: Path, logs: Path, figures: Figures
) -> list[Judged]:
    """The client index, Pagefind and the quality tables; the generated queries."""
    n = args.items
    out = workdir / f"search-public-{n}"
    build_site(ssg, corpus, out, logs / f"build-{n}.log", figures, n)
    measure_index_memory(corpus, logs / f"index-memory-{n}.log", figures, n)
    binary = pagefind_binary(args.pagefind)
    section = f"client index, {n:,} items"
    with_pagefind = binary is not None and run_pagefind(
        binary, out, logs / f"pagefind-{n}.log", figures, section
    )
    if binary is None:
        figures.put(
            section, "Pagefind extended", "not installed: pip install pagefind-bin-extended"
        )
    print("documents …", flush=True)
    docs, problems = load_site_documents(corpus, SAMPLE_DATE)
    assert not problems, problems[:3]
    with static_server(out) as base:
        print("Chromium …", flush=True)
        browser_figures(base, out, typical_queries(docs), with_pagefind, figures, n)
        print("quality …", flush=True)
        queries = generated_queries(docs, args.queries)
        keys = [d.key for d in docs]
        whoosh_dir = workdir / f"whoosh-{n}"
        started = time.perf_counter()
        build_index(docs, whoosh_dir)
        size, files, _ = tree_size(whoosh_dir)
        figures.put(
            f"server search, {n:,} items",
            "whoosh index (in process)",
            f"{time.perf_counter() - started:.0f} s, {mib(size)} in {files} files",
        )
        columns = {
            "client": evaluate(ClientSource(out / "search"), queries, keys),
            "server": evaluate(WhooshSource(whoosh_dir), queries, keys),
        }
        if with_pagefind:
            few: list[Judged] = []
            for kind in GENERATED_KINDS:
                few += [q for q in queries if q.kind == kind][: args.pagefind_queries]
            columns["Pagefind"] = pagefind_quality(base, few, docs)
        figures.tables.append(
            quality_table(
                f"Queries generated from {n:,}-item corpus items picked at random ({args.queries} "
                f"per kind; Pagefind: the first {args.pagefind_queries} of each kind): a piece of "
                "a title; the full pinyin, the initials and a one-homophone typo of a title word. "
                "Relevant: the items whose title holds the piece, or whose title or keywords hold "
                "the word. R@10 = relevant in the first 10 / min(10, relevant); P@5 = relevant in "
                "the first 5 / min(5, relevant).",
                GENERATED_KINDS,
                columns,
            )
        )
    print("judged set on the sample portal …", flush=True)
    sample_out = workdir / "search-public-sample"
    shutil.rmtree(sample_out, ignore_errors=True)
    code, _, _ = run_child(
        [
            str(ssg),
            "build",
            "--source",
            str(REPO),
            "--out",
            str(sample_out),
            "--date",
            SAMPLE_DATE.isoformat(),
            "--quiet",
        ],
        logs / "sample.log",
    )
    if code != 0:
        raise SystemExit("the sample portal did not build")
    sample_docs, _ = load_site_documents(REPO, SAMPLE_DATE)
    sample_whoosh = workdir / "whoosh-sample"
    build_index(sample_docs, sample_whoosh)
    judged = load_judged()
    keys = [d.key for d in sample_docs]
    columns = {
        "client": evaluate(ClientSource(sample_out / "search"), judged, keys),
        "server": evaluate(WhooshSource(sample_whoosh), judged, keys),
    }
    if binary is not None and run_pagefind(
        binary, sample_out, logs / "pagefind-sample.log", figures, "sample portal"
    ):
        with static_server(sample_out) as base:
            columns["Pagefind"] = pagefind_quality(base, judged, sample_docs)
    figures.tables.append(
        quality_table(
            f"The judged set (tests/search/judged.yaml: {len(judged)} hand-written queries with "
            "hand-judged relevant items) on the sample portal.",
            KINDS,
            columns,
        )
    )
    return queries


if __name__ == "__main__":
    raise SystemExit(main())
