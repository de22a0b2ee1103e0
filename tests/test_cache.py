"""The parse cache (ssg/cache.py): a file whose identity is the one recorded with its digest
is not read again; any write, even one that keeps its size and mtime, makes it read."""

from __future__ import annotations

import os
import time
from pathlib import Path

from ssg.cache import ParseCache
from ssg.content.loader import SourceTree, load_content
from ssg.diagnostics import Diagnostics
from tests.sitekit import make_site


def news(title: str) -> str:
    return (
        f"---\ntitle: {title}\ndate: 2026-11-18\nsource: 测试市人民政府办公室\n"
        f"reviewed_by: 审核人\n---\n正文。\n"
    )


FILES = {f"content/dt/n{i}.md": news(f"消息{i}") for i in range(6)}


def aged(root: Path, seconds: float = 60) -> None:
    """Every content file as if saved a minute ago: out of the racy window."""
    then = time.time() - seconds
    for path in (root / "content").rglob("*.md"):
        os.utime(path, (then, then))


def load(root: Path) -> tuple[SourceTree, ParseCache]:
    cache = ParseCache(root)
    tree = load_content(root, (), Diagnostics(), cache)
    cache.save()
    return tree, cache


def titles(tree: SourceTree) -> dict[str, str]:
    return {item.id: item.title for item in tree.items}


def test_unchanged_files_are_not_read_again(tmp_path: Path) -> None:
    root = make_site(tmp_path, FILES)
    aged(root)
    first, cache = load(root)
    assert cache.unread == 0 and cache.hits == 0
    again, cache = load(root)
    assert cache.unread == cache.hits == len(first.items) >= len(FILES)
    assert titles(again) == titles(first) and again.digests == first.digests


def test_a_file_saved_just_before_the_build_is_read_every_time(tmp_path: Path) -> None:
    root = make_site(tmp_path, FILES)  # all saved now: within the racy window
    first, _ = load(root)
    _, cache = load(root)
    assert cache.unread == 0 and cache.hits == len(first.items)  # read and hashed, not parsed


def test_a_write_that_keeps_size_and_mtime_is_seen(tmp_path: Path) -> None:
    root = make_site(tmp_path, FILES)
    aged(root)
    first, _ = load(root)
    path = root / "content/dt/n3.md"
    before = path.stat()
    path.write_text(news("消息X"), encoding="utf-8")  # same length as 消息3
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `cp -p` would
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    tree, cache = load(root)
    assert titles(tree)["dt/n3"] == "消息X"
    assert cache.unread == len(first.items) - 1


def test_an_edited_file_is_read_and_parsed(tmp_path: Path) -> None:
    root = make_site(tmp_path, FILES)
    aged(root)
    first, _ = load(root)
    (root / "content/dt/n1.md").write_text(news("新标题"), encoding="utf-8")
    (root / "content/dt/n2.md").unlink()
    tree, cache = load(root)
    assert titles(tree)["dt/n1"] == "新标题" and "dt/n2" not in titles(tree)
    assert cache.unread == len(first.items) - 2
    assert "n2.md" not in " ".join(cache.stamps), "a deleted file's identity is dropped"


def test_a_cache_kept_in_memory_serves_the_next_build_without_its_file(tmp_path: Path) -> None:
    # ssg serve keeps one ParseCache from build to build: its entries are what the file would
    # give, even when the file is gone, and files deleted since drop out.
    root = make_site(tmp_path, FILES)
    aged(root)
    kept = ParseCache(root)
    first = load_content(root, (), Diagnostics(), kept.renew())
    kept.save()
    kept.path.unlink()
    (root / "content/dt/n0.md").unlink()
    (root / "content/dt/n1.md").write_text(news("改过的消息"), encoding="utf-8")
    again = load_content(root, (), Diagnostics(), kept.renew())
    kept.prune()
    assert kept.hits == len(first.items) - 2  # all but the deleted and the edited file
    assert titles(again)["dt/n1"] == "改过的消息" and "dt/n0" not in titles(again)
    assert "content/dt/n0.md" not in kept.entries and not kept.path.exists()
    kept.save()  # what the preview does when it stops
    _, fresh = load(root)
    assert fresh.hits == len(again.items)


def test_saved_beside_the_build_the_next_one_reads_it(tmp_path: Path) -> None:
    """A cold build writes the cache from a forked process while it goes on."""
    root = make_site(tmp_path, FILES)
    aged(root)
    cache = ParseCache(root)
    load_content(root, (), Diagnostics(), cache)
    join = cache.save_beside()
    join()  # (it has written the file when this returns)
    join()  # (waiting twice is waiting once)
    again = ParseCache(root)
    load_content(root, (), Diagnostics(), again)
    assert again.hits == len(cache.entries) >= len(FILES)  # every file from the cache
    assert not list(cache.path.parent.glob(".parse-*")), "no temporary file left"


def test_a_bundle_that_becomes_a_column_is_parsed_again(tmp_path: Path) -> None:
    """The same index.md is a bundle's item, then (with an _index.md beside it) an item of
    its own column, then a bundle's again: what it parses to depends on more than its bytes."""
    bundle = "content/dt/zhanlan/index.md"
    root = make_site(tmp_path, {bundle: news("展览")})
    aged(root)
    first, _ = load(root)
    assert "dt/zhanlan" in {item.id for item in first.items}

    (root / "content/dt/zhanlan/_index.md").write_text("---\ntitle: 展览专题\n---\n", "utf-8")
    aged(root)
    column, _ = load(root)
    assert "dt/zhanlan" not in {item.id for item in column.items}
    assert "dt/zhanlan/index" in {item.id for item in column.items}

    (root / "content/dt/zhanlan/_index.md").unlink()
    again, cache = load(root)
    assert {item.id for item in again.items} == {item.id for item in first.items}
    assert again.digests == first.digests
    assert cache.hits == len(again.items) - 1  # (index.md parsed again, as a bundle's)


def _ssg_imports(package: Path, module: str) -> set[str]:
    """The ssg modules `module` (a path under ssg/) imports at its top level, as paths."""
    import ast

    found: set[str] = set()
    for node in ast.parse((package / module).read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ssg"):
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("ssg")]
        else:
            continue
        for name in names:
            parts = name.split(".")[1:]
            for candidate in ("/".join(parts) + ".py", "/".join(parts) + "/__init__.py"):
                if parts and (package / candidate).is_file():
                    found.add(candidate)
    return found


def test_the_parse_caches_code_covers_every_module_the_parser_loads() -> None:
    """A parse cache is kept across ssg's code only while the code that made it is the same:
    a module the parser imports but the fingerprint leaves out (written_path.py, which now
    reads front matter's file fields) would let an old result stand after it changed."""
    import ssg
    from ssg.cache import _PARSE_CODE

    package = Path(ssg.__file__).parent
    seen: set[str] = set()
    todo = ["content/frontmatter.py", "content/validate.py", "content/model.py"]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(_ssg_imports(package, module))
    assert seen <= set(_PARSE_CODE), sorted(seen - set(_PARSE_CODE))
