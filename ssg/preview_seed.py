"""The preview's first start after `ssg build`: begin from that build's output (issue 9).

The preview (`ssg serve`) builds into a folder of its own, and its render, check and search
caches are kept per output folder. Started for the first time after `ssg build`, it had none of
its own and redid the whole build (10k items: 20 s, tokenising every document alone), although
`public/` held the same pages, built from the same files.

Every record of those caches is checked against the files it describes (a page by its inode,
size and mtime, an index file by its device, inode, size and mtime) and every page by a key of
all its inputs, so a folder of hard links to public/'s files, with public/'s records, is to the
preview's build what its own last output would be: it keeps what is still right and renders
the rest, byte for byte what a cold build gives. The build makes its output in a new folder, as
always; the seeded folder is never served.

public/ is only read. Its files gain a link; nothing ssg writes goes through one: pages, index
files and records are written to new files and renamed into place (ssg/write.py, ssg/hot.py,
the caches' save()). The one record written in place, the token store (SQLite), is copied.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ssg.cache import CACHE_DIR
from ssg.check.scan_cache import ScanCache
from ssg.incremental import RenderCache
from ssg.search.cache import SearchIndexCache
from ssg.write import MARKER

BUILD_OUT = "public"  # `ssg build`'s output when --out is not given (ssg/cli.py)


@dataclass(frozen=True, slots=True)
class Seeded:
    """What the preview was given: files linked from the build's output, records taken."""

    files: int
    records: int


def _record_paths(root: Path, out: Path) -> list[Path]:
    """The per-output-folder records of `out`, as the caches name them (none is read here)."""
    search = SearchIndexCache(root, out, enabled=False)
    return [
        RenderCache(root, out, enabled=False).path,
        ScanCache(root, out, enabled=False).path,
        search.path,
        search.postings_path,
        search.tokens_path,
    ]


def _link_tree(source: Path, target: Path) -> int:
    """Hard-link every file under `source` into `target` (made here); returns how many."""
    count = 0
    target.mkdir()
    with os.scandir(source) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                count += _link_tree(Path(entry.path), target / entry.name)
            elif entry.is_file(follow_symlinks=False):
                os.link(entry.path, target / entry.name)
                count += 1
    return count


def _take(source: Path, target: Path) -> None:
    """`target` becomes a copy of the record `source`: by a hard link where every writer of it
    renames a new file into place (pickles), by a copy where it is written in place (SQLite)."""
    temp = target.with_name(f".{target.name}.seed-{os.getpid()}")
    temp.unlink(missing_ok=True)
    try:
        if target.suffix == ".sqlite":
            shutil.copyfile(source, temp)
        else:
            os.link(source, temp)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def seed_from_build(root: Path, preview: Path, built: Path | None = None) -> Seeded | None:
    """Give the preview folder `preview`, when it does not exist, the output of the last
    `ssg build` into `built` (default: <root>/public) and the caches' records of it. None when
    there is nothing to take (no such output, or a file system without hard links): the
    preview's build is then a cold one, as before."""
    built = built if built is not None else root / BUILD_OUT
    if os.path.lexists(preview) or not (built / MARKER).is_file():
        return None
    if not preview.resolve().is_relative_to((root / CACHE_DIR).resolve()):
        # (`--out` elsewhere: the build first checks that the folder may be written there,
        # and nothing is made before it does)
        return None
    if built.resolve() == preview.resolve():
        return None
    theirs = _record_paths(root, built)
    ours = _record_paths(root, preview)
    if not theirs[0].is_file():  # no render record: the build kept no cache (--no-cache)
        return None
    folder = preview.parent / f".{preview.name}.seed-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    try:
        preview.parent.mkdir(parents=True, exist_ok=True)
        files = _link_tree(built, folder)
        records = 0
        for source, target in zip(theirs, ours, strict=True):
            if source.is_file():
                _take(source, target)
                records += 1
            else:
                target.unlink(missing_ok=True)  # (a record of an older output of the preview)
        os.replace(folder, preview)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        for target in ours:  # a record without its folder is only unused; still, none is left
            with contextlib.suppress(OSError):
                target.unlink(missing_ok=True)
        return None
    return Seeded(files, records)
