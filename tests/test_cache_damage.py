"""A .ssg-cache/ damaged on disk (cut short, bytes altered by hand or by a failing disk) is
neither trusted nor a crash: the build after it equals a cold build (issue 9)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ssg.build import BuildOptions, build
from tests.test_incremental import DATE, cold, digest, run, seeded


def damage(root: Path, old: bytes, new: bytes) -> list[str]:
    """Replace `old` by `new` (of the same length) in every cache file that holds it."""
    hit = []
    for path in sorted((root / ".ssg-cache").iterdir()):
        data = path.read_bytes() if path.is_file() else b""
        if old in data:
            path.write_bytes(data.replace(old, new))
            hit.append(path.name.split("-")[0])
    return hit


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # A class's module renamed: unpickling raised ModuleNotFoundError (exit 3).
        (b"ssg.content.model", b"ssg.content.modex"),
        # A title altered: the parse cache gave items the editor never wrote, and the pages
        # rendered from them (home page, feeds, search index) published them.
        ("消息".encode(), "讯息".encode()),
    ],
)
def test_a_cache_altered_on_disk_is_not_trusted(tmp_path: Path, old: bytes, new: bytes) -> None:
    root = seeded(tmp_path)
    run(root)
    assert "parse" in damage(root, old, new)
    run(root)
    assert digest(root / "public") == cold(root)


def test_a_damaged_record_of_the_last_build_is_not_replayed(tmp_path: Path) -> None:
    """The record a build with nothing changed replays: damaged, the build runs instead."""
    root = seeded(tmp_path)
    options = BuildOptions(source=root, out=root / "public", build_date=DATE, jobs=1)
    assert build(options).written
    assert damage(root, b"ssg.unchanged", b"ssg.unchangex") == ["build"]
    again = build(options)
    assert again.written and not again.replayed
    assert digest(root / "public") == cold(root)


def test_a_cache_folder_deleted_while_the_build_runs_costs_only_the_next_builds_time(
    tmp_path: Path,
) -> None:
    # The search index's files for the next build are written beside the cache before the
    # swap and renamed into place after it: with the folder gone in between (two builds of
    # one site, or an editor emptying .ssg-cache/), the rename failed and the build, whose
    # output was already in place, ended on an internal error.
    root = seeded(tmp_path)

    @contextmanager
    def deleting_the_cache() -> Iterator[bool]:
        shutil.rmtree(root / ".ssg-cache")
        yield True

    options = BuildOptions(
        source=root, out=root / "public", build_date=DATE, jobs=1, replay=False,
        swap_guard=deleting_the_cache,
    )  # fmt: skip
    result = build(options)

    assert result.written, [str(d) for d in result.diagnostics.sorted()]
    left = [p.name for p in (root / ".ssg-cache").iterdir()]
    assert not [name for name in left if "search" in name], left
    run(root)
    assert digest(root / "public") == cold(root)
