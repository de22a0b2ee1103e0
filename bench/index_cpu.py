"""The search index stage's CPU, part by part, for two checkouts of ssg taking turns.

搜索索引阶段的 CPU 时间（按部分列出），两份 ssg 源码在同一语料上轮流测量（issue 9）。

    python bench/index_cpu.py A B --corpus DIR [--rounds 3] [--cache]

A and B are folders that hold an `ssg/` package (`git archive <commit> | tar -x -C DIR`).
Each round runs A, then B, each in a process of its own (`python -P`, PYTHONPATH set to the
checkout): the corpus is loaded and linked as `ssg build` does (parse cache off), then
`write_search_index` runs in that process, the cyclic collector off as the stage has it, into
a staging folder on tmpfs, timed with `time.process_time` (CPU, not wall: the machine is
shared). Its parts are timed by wrapping the functions named in PARTS (nested: doc_fields,
or FieldNumbering's where a checkout has it, holds field_tokens; documents holds
markdown_text; the cache's index_key, known and learn are timed with it on); a part a
checkout lacks is left blank. `--cache`: with the search cache on, emptied first, as a cold
`ssg build` has it (the tokens are then also packed and stored), and the cache's `prepare`
after the stage timed on its own (the forked process's next step); else without it. The
imports (numpy, the writer) are timed before the stage, not in it. The output
is the median of each part over the rounds, and of B ÷ A per round for the whole stage.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

# (module, attribute, label): what is timed inside the stage, where the checkout has it
PARTS = (
    ("ssg.search.documents", "documents", "documents"),
    ("ssg.search.documents", "markdown_text", "markdown_text"),
    ("ssg.search.client_index", "doc_fields", "doc_fields"),
    ("ssg.search.tokenize", "field_tokens", "field_tokens"),
    ("ssg.search.tokenize.FieldNumbering", "titles", "FieldNumbering.titles"),
    ("ssg.search.tokenize.FieldNumbering", "keywords", "FieldNumbering.keywords"),
    ("ssg.search.tokenize", "body_counts", "body_counts"),
    ("ssg.search.tokenize", "body_counts_many", "body_counts_many"),
    ("ssg.search.client_index", "pack", "pack (gzip)"),
    ("ssg.search.client_index._Field", "add", "Field.add"),
    ("ssg.search.client_index._Field", "finish", "Field.finish"),
    ("ssg.search.client_index", "_invert_pairs", "_invert_pairs"),
    ("ssg.search.client_index.Inverted", "encode_many", "encode_many"),
    ("ssg.search.client_index", "term_entries", "term_entries"),
    ("ssg.search.client_index", "readings_table", "readings_table"),
    ("ssg.search.client_index", "pack_fields", "pack_fields"),
    ("ssg.search.client_index", "pack_numbered", "pack_numbered"),
    ("ssg.search.client_index._Batch", "packed", "_Batch.packed"),
    ("ssg.search._StagingWriter", "write_bytes", "write_bytes"),
    ("ssg.search.cache.SearchIndexCache", "index_key", "index_key (cache only)"),
    ("ssg.search.cache.SearchIndexCache", "known", "store.known (cache only)"),
    ("ssg.search.cache.SearchIndexCache", "learn", "store.learn (cache only)"),
    ("ssg.search.client_index", "_json", "_json"),
)

PREPARE = "cache.prepare (after the stage)"


def one(corpus: Path, cache: bool, out: Path) -> dict[str, float]:
    """The stage's CPU and its parts' in this process (the checkout on sys.path)."""
    import datetime as dt
    import gc
    import importlib
    import time

    import ssg.search as search
    from ssg.cache import ParseCache
    from ssg.config import load_site_config
    from ssg.content.loader import load_content
    from ssg.diagnostics import Diagnostics
    from ssg.link import link
    from ssg.search.cache import SearchIndexCache
    from ssg.write import Staging

    shutil.rmtree(corpus / ".ssg-cache", ignore_errors=True)
    diagnostics = Diagnostics()
    config = load_site_config(corpus, diagnostics)
    tree = load_content(corpus, config.column_types, diagnostics, ParseCache(corpus, enabled=False))
    site = link(tree, config, dt.date(2026, 11, 20), diagnostics, None)
    spent: dict[str, float] = {}

    def timed(function, label):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - start

        return wrapper

    # The stage's imports, as the forked index process has them: numpy (and, where a checkout
    # does not keep it to one thread, OpenBLAS's thread, whose spin then falls in the stage's
    # time, as in a build) and the writer.
    start = time.process_time()
    if hasattr(search, "import_numpy"):
        search.import_numpy()
    importlib.import_module("ssg.search.client_index")
    spent["imports (before the stage)"] = time.process_time() - start
    for module_name, attribute, label in PARTS:
        path, _, last = module_name.rpartition(".")
        try:
            owner = importlib.import_module(module_name)
        except ImportError:  # a class inside a module (or a class the checkout lacks)
            owner = getattr(importlib.import_module(path), last, None)
        if owner is not None and hasattr(owner, attribute):
            setattr(owner, attribute, timed(getattr(owner, attribute), label))
    shutil.rmtree(out, ignore_errors=True)
    staging = Staging(out)
    store = SearchIndexCache(corpus, None, enabled=True) if cache else None
    gc.disable()
    start = time.process_time()
    search.write_search_index(site, staging, 1, store)
    spent["total"] = time.process_time() - start
    if store is not None:  # (what the forked process does next: ssg/search/__init__.py)
        start = time.process_time()
        store.prepare()
        spent[PREPARE] = time.process_time() - start
        store.discard()
    staging.discard()
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(corpus / ".ssg-cache", ignore_errors=True)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cache", action="store_true")
    parser.add_argument("--out", type=Path, default=Path("/dev/shm/ssg-index-cpu"))
    parser.add_argument("--python", type=Path, default=Path(sys.executable))
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # (a child's checkout)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.corpus.resolve(), args.cache, args.out)))
        return
    runs: dict[str, list[dict[str, float]]] = {"A": [], "B": []}
    for n in range(args.rounds):
        for name, checkout in (("A", args.a), ("B", args.b)):
            command = [str(args.python), "-P", __file__, str(args.a), str(args.b), "--corpus",
                       str(args.corpus), "--out", str(args.out), "--one", str(checkout)]  # fmt: skip
            if args.cache:
                command.append("--cache")
            env = {**os.environ, "PYTHONPATH": str(checkout.resolve())}
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            runs[name].append(json.loads(done.stdout))
            print(f"round {n + 1} {name}: {runs[name][-1]['total']:.2f} CPU-s", file=sys.stderr)
    labels = ["total", *(label for _, _, label in PARTS), "imports (before the stage)", PREPARE]
    print(f"| part, CPU s (median of {args.rounds}) | A {args.a.name} | B {args.b.name} |")
    print("|---|---:|---:|")
    for label in labels:
        cells = []
        for name in ("A", "B"):
            values = [run[label] for run in runs[name] if label in run]
            cells.append(f"{statistics.median(values):.3f}" if values else "")
        if any(cells):
            print(f"| {label} | {cells[0]} | {cells[1]} |")
    ratios = [b["total"] / a["total"] for a, b in zip(runs["A"], runs["B"], strict=True)]
    listed = ", ".join(f"{r:.3f}" for r in ratios)
    print(f"\nB ÷ A per round: {listed} (median {statistics.median(ratios):.3f})")
    if all(PREPARE in run for run in runs["A"] + runs["B"]):  # (--cache: the stage and prepare)
        both = [(b["total"] + b[PREPARE]) / (a["total"] + a[PREPARE])
                for a, b in zip(runs["A"], runs["B"], strict=True)]  # fmt: skip
        listed = ", ".join(f"{r:.3f}" for r in both)
        print(
            f"B ÷ A per round, stage and prepare: {listed} (median {statistics.median(both):.3f})"
        )


if __name__ == "__main__":
    main()
