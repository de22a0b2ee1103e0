"""The output tree: written into a temporary folder, swapped into place only when nothing blocks.

A blocked or failed build leaves the previous output whole (ARCHITECTURE §3.2), and a folder
that ssg did not write is never replaced: the output carries a marker file.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from ssg.cache import CACHE_DIR

MARKER = ".ssg-output"


class OutputError(Exception):
    """The output folder cannot be used; the message is for the editor."""


# The folders a build reads. The output may be none of them nor hold one (the swap would take
# it away), nor lie inside one: it would be written among the editors' files, and inside
# static/ or a theme's static/ each build copied the last output into the next one.
SOURCE_DIRS = ("content", "data", "static", "themes")


def check_output_dir(out: Path, source: Path) -> None:
    out = out.resolve()
    source = source.resolve()
    sources = [(source / name).resolve() for name in SOURCE_DIRS]
    for guarded in (source, *sources):
        if out == guarded or guarded.is_relative_to(out):
            raise OutputError(
                f"输出目录 {out} 会覆盖站点源文件，请换一个目录 (output folder would overwrite sources)"
            )
    # Nor replace the caches (inside them is the preview's own folder, `ssg serve`'s default).
    cache = (source / CACHE_DIR).resolve()
    if cache.exists() and not cache.is_dir():  # (someone's file: not ours to replace)
        raise OutputError(
            f"{source / CACHE_DIR} 应是 ssg 的缓存文件夹，现在是一个文件；请把它改名或移走 "
            f"(the cache folder's place is taken by a file)"
        )
    if out == cache or cache.is_relative_to(out):
        raise OutputError(
            f"输出目录 {out} 会覆盖 {CACHE_DIR}/ 中的缓存，请换一个目录 (output folder would overwrite the cache)"
        )
    if any(out.is_relative_to(folder) for folder in sources):
        raise OutputError(
            f"输出目录 {out} 不能放在 content/、data/、static/ 或 themes/ 中 (output inside sources)"
        )
    if out.exists() and not out.is_dir():
        raise OutputError(
            f"输出目录 {out} 是一个文件，不是文件夹；为免误删不会覆盖，请换一个目录 "
            "(the output folder's place is taken by a file)"
        )
    # (--out notes.txt/public: the folder could never be made, and once was an internal error)
    for above in out.parents:
        if os.path.lexists(above):
            if not above.is_dir():
                raise OutputError(
                    f"输出目录 {out} 无法建立：{above} 是一个文件，不是文件夹；请换一个目录 "
                    f"(cannot make the output folder: {above} is a file)"
                )
            break
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise OutputError(
            f"输出目录 {out} 已存在且不是 ssg 生成的，为免误删不会覆盖；请清空它或换一个目录 "
            "(output folder exists and was not written by ssg)"
        )


class Staging:
    """A temporary sibling of the output folder that receives every file of one build."""

    def __init__(self, out: Path) -> None:
        """Stage beside `out`, so that the final swap is a rename on one file system."""
        self.out = out.resolve()
        # (named by host and process: two containers building into one shared folder can
        # have the same process id, and each removed the other's staging folder as its own)
        self.path = self.out.parent / f".{self.out.name}.tmp-{host_name()}-{os.getpid()}"
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists():
                shutil.rmtree(self.path)
            self.path.mkdir()
        except OSError as exc:  # (no write permission there, a read-only disk …)
            raise OutputError(
                f"无法在 {self.out.parent} 中建立输出目录：{exc.strerror or exc}；请检查权限或换一个目录 "
                f"(cannot make the output folder there)"
            ) from None
        self.written = 0
        self.sources: dict[str, str] = {}  # output path -> the source file it was made from
        self._root = str(self.path)
        self._dirs: set[str] = set()
        self.unreadable: list[tuple[Path, OSError]] = []  # sources that could not be copied

    def target(self, rel: str) -> Path:
        """The staged path for `rel`, its folder created."""
        return Path(self._target(rel))

    def _target(self, rel: str) -> str:
        # (strings, not Path: 11,000 pages at 10k items)
        target = f"{self._root}/{rel}"
        parent = target.rpartition("/")[0]
        if parent not in self._dirs:
            os.makedirs(parent, exist_ok=True)
            self._dirs.add(parent)
        return target

    def write_text(self, rel: str, text: str, source: str = "") -> None:
        self.write_bytes(rel, text.encode("utf-8"), source)

    def write_bytes(self, rel: str, data: bytes, source: str = "") -> os.stat_result:
        """Write one file; returns its status as written (what os.stat gives after).

        Unbuffered, by file descriptor: Python's buffered file objects and paths took a third
        of the CPU time of writing the pages of a cold build (issue 9)."""
        target = self._target(rel)
        try:
            written = _write_new(target, data, os.O_EXCL)
        except FileExistsError:
            # Staged already, maybe as a hard link to the last output's file (ssg/incremental.py)
            # or to public/'s (the preview's first start, ssg/preview_seed.py): a new file, never
            # a write through the link (migration pages are written over every page).
            os.unlink(target)
            written = _write_new(target, data, os.O_TRUNC)
        self.written += 1
        if source:
            self.sources[rel] = source
        return written

    def copy(self, source: Path, rel: str) -> None:
        """Copy one file; a source that cannot be read (discovery cannot tell an unreadable
        file without opening it) is kept in `unreadable` for the build to report."""
        target = self._target(rel)
        if os.path.lexists(target):  # (as in write_text: never through a hard link)
            os.unlink(target)
        try:
            shutil.copyfile(source, target)
        except OSError as exc:
            if exc.filename is None or os.fspath(exc.filename) != os.fspath(source):
                raise  # the output's side (a full disk…): not the editor's to fix
            self.unreadable.append((source, exc))
            return
        self.written += 1

    def copy_tree(self, source: Path, rel: str) -> None:
        def unreadable(exc: OSError) -> None:
            self.unreadable.append((Path(exc.filename), exc))

        for dirpath, dirnames, filenames in os.walk(source, onerror=unreadable):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            base = Path(dirpath).relative_to(source)
            for name in sorted(filenames):
                if not name.startswith("."):
                    self.copy(Path(dirpath) / name, (Path(rel) / base / name).as_posix())

    def commit(self, remove_old: bool = True) -> list[Path]:
        """Swap the staged tree into place: old output renamed away first, then removed (by
        the caller, with `remove_later`, when `remove_old` is False). Returns the old trees."""
        (self.path / MARKER).write_text("ssg\n", encoding="utf-8")
        old = self.out.parent / f".{self.out.name}.old-{os.getpid()}-{time.time_ns()}"
        if self.out.exists():
            os.replace(self.out, old)
        os.replace(self.path, self.out)
        # The old tree (and any a killed build left) goes in the background: unlinking 20,000
        # files took 1.7 s of a one-edit rebuild, and nothing waits for it.
        leftovers = sorted(self.out.parent.glob(f".{self.out.name}.old-*"))
        # So do the staging folders of builds killed before their swap (kill -9, a machine
        # that went down): each a whole output, never removed by anyone else.
        leftovers += abandoned_stagings(self.out)
        if leftovers and remove_old:
            remove_later(leftovers)
        return leftovers

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def write_file(path: str | os.PathLike[str], data: bytes) -> os.stat_result:
    """Write `data` to `path` (created, or emptied first); returns its status as written.
    By file descriptor: a Path's buffered file and a stat by name took twice the CPU for the
    search index's 5,664 files at 10k items (bench/RESULTS.md)."""
    return _write_new(os.fspath(path), data, os.O_TRUNC)


def _write_new(path: str, data: bytes, flag: int) -> os.stat_result:
    """Create `path` (`flag`: O_EXCL, or O_TRUNC over a file just unlinked) holding `data`."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | flag, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
        return os.fstat(handle)
    finally:
        os.close(handle)


_WORKING = re.compile(r"\.(.+)\.(?:tmp-(?:[A-Za-z0-9_.-]+-)?\d+|old-\d+-\d+)")


@functools.cache
def host_name() -> str:
    """This machine's (container's) host name as a file name part: letters, digits, `.` and
    `-` kept, anything else `_` ("localhost" when there is none)."""
    return re.sub(r"[^A-Za-z0-9.-]", "_", socket.gethostname()) or "localhost"


# A staging folder untouched this long is no running build's. (A process id only tells of
# this machine's processes: a build of another container or machine into a shared folder has
# an id that means nothing here.)
ABANDONED_AFTER = 3600  # seconds


def abandoned_stagings(out: Path, now: float | None = None) -> list[Path]:
    """The staging folders beside `out` that no build is at work in any more, left an hour or
    more ago: this host's whose process is gone; another host's (a container sharing the
    folder) by that idleness alone, its process id meaning nothing here; one named by process
    id only (an earlier version's, host unknown) as this host's. A running build's (this
    one's, or another's into the same folder) is left alone."""
    found = []
    now = time.time() if now is None else now
    for folder in sorted(out.parent.glob(f".{out.name}.tmp-*")):
        host, _, pid = folder.name.removeprefix(f".{out.name}.tmp-").rpartition("-")
        if not pid.isdigit():
            continue
        if host in ("", host_name()) and (int(pid) == os.getpid() or _running(int(pid))):
            continue
        try:
            idle = now - folder.stat().st_mtime
        except OSError:
            continue
        if idle >= ABANDONED_AFTER:
            found.append(folder)
    return found


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # (another user's process: running)
        return True
    return True


def is_working_folder(name: str) -> bool:
    """Whether a folder of this name is one a build works in beside its output: its staging
    folder, or an old output it swapped out and deletes in the background."""
    return _WORKING.fullmatch(name) is not None


def remove_later(folders: list[Path]) -> None:
    """Delete folders in the background: in a detached child process, or (where forking is
    not safe, beside other threads that may hold locks the child would need: `ssg serve`; or
    not possible) in a thread of this one. The build that swapped goes on at once."""
    if not folders:
        # (a build into a new folder: the two forks of a process holding a whole site cost
        # 0.06-0.08 s of the build's serial end at 10,000 items, to delete nothing)
        return
    if threading.active_count() > 1 or not hasattr(os, "fork"):
        # (unlinking 17,000 files took a second of each of the preview's builds at 10k). Not a
        # daemon: a process that ends meanwhile finishes the deletion first.
        threading.Thread(target=_remove, args=(folders,), name="ssg-remove").start()
        return
    pid = os.fork()
    if pid:
        os.waitpid(pid, 0)  # the first child exits at once; its own child does the work
        return
    try:
        if os.fork() == 0:
            os.setsid()
            _remove(folders)
    finally:
        os._exit(0)


def _remove(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def write_side_folder(folder: Path, files: Mapping[str, str]) -> int:
    """A folder beside the output (`<out>-lifecycle/`, `<out>-deploy/`) written whole and
    swapped into place like the output itself; with no files, the one an earlier build wrote
    is taken away (ours only: its marker; never a folder ssg did not write). Returns the
    files written."""
    if not files:
        if (folder / MARKER).is_file():
            shutil.rmtree(folder, ignore_errors=True)
        return 0
    staging = Staging(folder)
    try:
        for rel in sorted(files):
            staging.write_text(rel, files[rel])
        staging.commit()
    except BaseException:
        staging.discard()
        raise
    return len(files)
