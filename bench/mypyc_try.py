"""A study, not a build step: ssg's hot modules compiled by mypyc, against the same tree in Python.

mypyc 试验（issue 9）：把冷构建里纯 Python 的热点模块用 mypyc 编译，与同一份源码的纯 Python 版本轮流冷构建比较。

    python bench/mypyc_try.py prepare DEST [--commit HEAD]
    python bench/mypyc_try.py ab DEST --corpus DIR [--rounds 4]

`prepare` writes `git archive <commit>` twice, to DEST/A (pure Python) and DEST/B, makes in B
the few source edits mypyc needs (EDITS: each says why; the script stops if one no longer
applies), compiles B's MODULES with mypyc (`mypycify`, then setuptools' `build_ext
--inplace`: one shared library at B's top and a small .so beside each module's .py, which
Python then imports instead of the .py) and reports the compile's wall and CPU time, the
.so files' sizes and, module by module, whether the compiled module is what `import` loads.
Nothing is built in this checkout. `ab` runs cold builds of A and B taking turns
(bench/ab.py's `cold_build`: output and the corpus's .ssg-cache deleted first) and prints
B ÷ A per round for wall and for CPU (user + system of all the build's processes), and the
medians. The output of a B build is not checked here: `diff -r` it against an A build.

It needs mypy (with mypyc), setuptools, gcc and the Python headers: the test venv has the
first two (`python -c "import mypyc"`). Recorded in RESULTS.md, 2026-11-28 · mypyc 试验.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Modules whose own Python code is a measurable share of a cold build at 10k (cProfile of the
# build process, a render worker, the search index process and the cold parse's child).
MODULES = (
    "ssg/check/output.py",
    "ssg/check/page_facts.py",
    "ssg/check/placeholders.py",
    "ssg/check/wording.py",
    "ssg/check/theme_blame.py",
    "ssg/check/registry.py",
    "ssg/check/scan_cache.py",
    "ssg/content/frontmatter.py",
    "ssg/content/validate.py",
    "ssg/content/loader.py",
    "ssg/content/stripped.py",
    "ssg/incremental.py",
    "ssg/link.py",
    "ssg/render.py",
    "ssg/render_entries.py",
    "ssg/write.py",
    "ssg/search/tokenize.py",
    "ssg/search/client_index.py",
    "ssg/search/documents.py",
    "ssg/search/phrase_readings.py",
)

# Left in Python, with why (mypy 2.4.1's mypyc):
LEFT_OUT = {
    "ssg/content/markdown.py": "its ctypes.Structure subclass: the C mypyc writes names an "
    "undeclared CPyModule__ctypes, and gcc stops",
    "ssg/content/model.py": "frozen, slotted, kw_only dataclasses whose subclasses set a "
    "ClassVar (TYPE, LABEL): compiled, every item's __init__ fails with \"'Policy' object "
    "attribute 'TYPE' is read-only\"",
}

_LOADER_START = "# libyaml's parser when PyYAML was built with it"
_LOADER_END = "_TextLoader.yaml_implicit_resolvers = {}\n"


def _move_loader(text: str) -> tuple[str, dict[str, str]]:
    """frontmatter.py's PyYAML loader, moved to a module of its own that stays Python. mypyc
    fails on the class attribute set after the class (an internal error in
    `disallow_class_assignments`); set in the class body instead, the module compiles, but the
    compiled class derives from PyYAML's C CSafeLoader and the first front matter it loads
    crashes the process (SIGSEGV)."""
    start = text.index(_LOADER_START)
    end = text.index(_LOADER_END) + len(_LOADER_END)
    block = text[start:end].replace("_TextLoader", "TextLoader")
    module = (
        '"""PyYAML\'s loader for front matter: a subclass of a C class, which mypyc cannot '
        'compile."""\n\nfrom __future__ import annotations\n\nimport yaml\n\n' + block
    )
    moved = "from ssg.content.yaml_loader import TextLoader as _TextLoader  # noqa: E402\n"
    return text[:start] + moved + text[end:], {"ssg/content/yaml_loader.py": module}


def _numpy_at_import(text: str) -> tuple[str, dict[str, str]]:
    """tokenize.py imports numpy only for the type checker (the query side never loads it);
    compiled, a dataclass's annotations are looked up when the module loads: KeyError 'npt'."""
    old = (
        "if TYPE_CHECKING:  # (numpy is imported where bodies are counted: the query side "
        "never loads it)\n    import numpy as np\n    import numpy.typing as npt\n"
    )
    if old not in text:
        raise ValueError("tokenize.py's TYPE_CHECKING import of numpy is not where it was")
    return text.replace(old, "import numpy as np\nimport numpy.typing as npt\n", 1), {}


def _reduce_methods(text: str) -> tuple[str, dict[str, str]]:
    """output.py's page facts pickle as constructor calls through `__reduce__ = _reduce`, a
    class attribute that reads `self.__slots__`. Compiled, that attribute becomes a dataclass
    field (so a render worker's facts fail to pickle: "_reduce() missing required argument
    'self'") and the class has no `__slots__`: a method instead, and the fields' names."""
    old = "    __reduce__ = _reduce\n"
    if text.count(old) != 3:
        raise ValueError("output.py no longer has its three `__reduce__ = _reduce`")
    text = text.replace(
        old,
        "    def __reduce__(self) -> tuple[type, tuple[object, ...]]:\n        return _reduce(self)\n",
    )
    slots = "tuple(getattr(self, name) for name in self.__slots__)"
    if slots not in text:
        raise ValueError("output.py's _reduce no longer reads __slots__")
    text = text.replace(slots, "tuple(getattr(self, f.name) for f in dataclasses.fields(self))")
    return text, {}


def _write_once(text: str) -> tuple[str, dict[str, str]]:
    """write.py writes a page in `view = view[os.write(handle, view) :]`; compiled, the slice's
    start is evaluated twice (a generic object's slice: once, then again), so every page was
    written twice over, one after the other. The call taken out of the slice."""
    old = "            view = view[os.write(handle, view) :]\n"
    if old not in text:
        raise ValueError("write.py's os.write loop is not where it was")
    new = "            written = os.write(handle, view)\n            view = view[written:]\n"
    return text.replace(old, new, 1), {}


EDITS = {
    "ssg/check/output.py": _reduce_methods,
    "ssg/write.py": _write_once,
    "ssg/content/frontmatter.py": _move_loader,
    "ssg/search/tokenize.py": _numpy_at_import,
}

_SETUP = """\
import sys
from setuptools import Distribution
from mypyc.build import mypycify

# Not setup(): setuptools 65 rejects pyproject.toml's PEP 639 `license = "MIT"`.
dist = Distribution({"name": "ssg_mypyc_try", "script_args": ["build_ext", "--inplace"],
                     "ext_modules": mypycify(sys.argv[2:], opt_level=sys.argv[1], debug_level="0")})
dist.parse_command_line()
dist.run_commands()
"""


def _archive(commit: str, dest: Path) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    tar = subprocess.run(
        ["git", "-C", str(REPO), "archive", commit], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=tar, check=True)


def _edit(tree: Path) -> None:
    for name, edit in EDITS.items():
        path = tree / name
        text, new_files = edit(path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
        for new_name, new_text in new_files.items():
            (tree / new_name).write_text(new_text, encoding="utf-8")


def _compiled(python: str, tree: Path, module: str) -> str:
    """What `import` loads for `module` from `tree`: the .so's name, or the error."""
    name = module.removesuffix(".py").replace("/", ".")
    run = subprocess.run(
        [python, "-P", "-c", f"import {name} as m; print(m.__file__.rsplit('/', 1)[1])"],
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        cwd="/",
    )
    if run.returncode != 0:
        return f"FAILS ({(run.stderr.strip().splitlines() or ['exit ' + str(run.returncode)])[-1]})"
    return run.stdout.strip()


def prepare(dest: Path, commit: str, python: str, opt_level: str) -> int:
    a, b = dest / "A", dest / "B"
    _archive(commit, a)
    _archive(commit, b)
    _edit(b)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    (b / "build").mkdir()
    (b / "build" / "mypyc_setup.py").write_text(_SETUP, encoding="utf-8")
    subprocess.run(
        [python, "build/mypyc_setup.py", opt_level, *MODULES],
        cwd=b,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(f"compiled {len(MODULES)} modules: wall {wall:.1f} s, CPU {cpu:.1f} s")
    shared = sorted(b.glob("*__mypyc*.so"))
    stubs = sorted((b / "ssg").rglob("*.so"))
    print(
        f".so files: {sum(p.stat().st_size for p in shared) / 2**20:.2f} MiB shared "
        f"({', '.join(p.name for p in shared)}), {len(stubs)} module stubs "
        f"{sum(p.stat().st_size for p in stubs) / 2**10:.0f} KiB"
    )
    for tree in (a, b):  # byte-compiled, as bench/ab.py and `pip install` do
        subprocess.run([python, "-m", "compileall", "-q", str(tree / "ssg")], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    failed = 0
    for module in MODULES:
        loaded = _compiled(python, b, module)
        failed += not loaded.endswith(".so")
        print(f"  {module}: {loaded}")
    for module, why in LEFT_OUT.items():
        print(f"  {module}: left in Python: {why}")
    return 1 if failed else 0


def ab(dest: Path, corpus: Path, rounds: int, out: Path, python: str) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from ab import cold_build  # bench/ab.py

    trees = {"A": dest / "A", "B": dest / "B"}
    runs: dict[str, list[tuple[float, float]]] = {"A": [], "B": []}
    for number in range(1, rounds + 1):
        # turns alternate (A B, B A, ...): neither tree always builds second
        for label in "AB" if number % 2 else "BA":
            wall, cpu = cold_build(Path(python), trees[label], corpus.resolve(), out)
            runs[label].append((wall, cpu))
            print(f"round {number} {label}: wall {wall:.2f} s, CPU {cpu:.2f} s", flush=True)
    shutil.rmtree(out, ignore_errors=True)
    for index, what in ((0, "wall"), (1, "CPU")):
        a = [run[index] for run in runs["A"]]
        b = [run[index] for run in runs["B"]]
        ratios = [y / x for x, y in zip(a, b, strict=True)]
        print(
            f"{what}: A median {statistics.median(a):.2f} s, B median {statistics.median(b):.2f} s; "
            f"B ÷ A per round {', '.join(f'{r:.3f}' for r in ratios)}; "
            f"median {statistics.median(ratios):.3f}"
        )
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=str(REPO / ".venv" / "bin" / "python"))
    commands = parser.add_subparsers(dest="command", required=True)
    prep = commands.add_parser("prepare", help="A and B from git archive; compile B")
    prep.add_argument("dest", type=Path)
    prep.add_argument("--commit", default="HEAD")
    prep.add_argument("--opt-level", default="3", help="mypyc's (and gcc's) -O level")
    turns = commands.add_parser("ab", help="cold builds of A and B taking turns")
    turns.add_argument("dest", type=Path)
    turns.add_argument("--corpus", type=Path, required=True)
    turns.add_argument("--rounds", type=int, default=4)
    turns.add_argument("--out", type=Path, default=Path("/dev/shm/ssg-mypyc-out"))
    args = parser.parse_args(argv)
    if args.command == "prepare":
        return prepare(args.dest.resolve(), args.commit, args.python, args.opt_level)
    return ab(args.dest.resolve(), args.corpus, args.rounds, args.out, args.python)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
