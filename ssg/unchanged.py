"""A build with nothing changed does nothing (issue 9).

After a build is swapped into place, its record is kept in <site>/.ssg-cache/: a fingerprint
of every input (the files under content/, data/, static/ and themes/, the files at the top of
the site folder, ssg's own code and default theme and the libraries installed for it, the
commit the site's git repository has checked out, the build's options), a fingerprint of the
output folder it wrote, its findings and its counts. The next build with the same inputs and an
untouched output replays that record — the same findings, the same exit — without importing
the engine. Anything else, even a touched file, takes the normal (incremental) build.

Fingerprints are made of each file's path, size, modification and change times and inode, as
git's index does: reading 20,000 files to hash them costs 1.8 s here, stating them 0.12 s. (The
change time is what a copy that keeps the old modification time, `cp -p` or `touch -r`, cannot
set back.) A file changed after the build read it but within the same clock tick would keep its
fingerprint, so the record is not replayed when an input was modified in the two seconds before the
build began ("racy" files, after git); the next build is then a normal one and keeps a record that
is. (The record is kept all the same, for its output: see `kept_output`.)
Folders reached through symbolic links are followed, as the theme's loader follows them.
A file the build reads from elsewhere in the site because a data file names it (data/deploy.yaml's
`previous_urls`, NOTICE-05) is named in the record and its fingerprint kept with the others.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ssg import __version__, sealed
from ssg.build_types import BuildOptions, BuildResult
from ssg.diagnostics import Diagnostic, Diagnostics

try:  # hashlib's own blake2b: importing hashlib loads OpenSSL first (2 ms of each start)
    from _blake2 import blake2b
except ImportError:  # (a Python without the module: hashlib has it all the same)
    from hashlib import blake2b

CACHE_DIR = ".ssg-cache"  # ssg.cache.CACHE_DIR; not imported: that module is not needed here
INPUT_DIRS = ("content", "data", "static", "themes")
_PACKAGE = Path(__file__).parent
RACY_NS = 2_000_000_000
# A folder opened to walk it: its files are stat()ed by name relative to it (fstatat), not by
# their whole path, which the kernel would look up from the top again for each file.
_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC


# The policy library's record (ssg.library_record.RECORD_FILE; not imported: that module loads
# YAML), which `ssg build` extends itself after the swap: fingerprinted by its bytes rather than
# its file's times, so that the build's own lines are folded in (with_record) and the next
# build with nothing else changed replays, while any other change to it does not.
LIBRARY_RECORD = "data/library-urls.yaml"
HISTORY_UNREAD = "SSG-06"  # (ssg.check.date_history's; not imported: it loads the checks)


@dataclass(frozen=True, slots=True)
class Inputs:
    digest: str
    newest_ns: int  # the latest modification time among them
    rest: str = ""  # the digest of all but the library record's bytes (with_record)


@dataclass(frozen=True, slots=True)
class Record:
    inputs: str
    output: str
    diagnostics: tuple[Diagnostic, ...]
    pages: int
    files: int
    # Inputs outside the folders above that a data file named (relative to the site): their
    # fingerprint is part of `inputs`. Learnt from the build, which has read that data file.
    extra: tuple[str, ...] = ()

    def result(self, stage: str, seconds: float, replayed: bool = False) -> BuildResult:
        """The build this record keeps, as a build's result: its output is in place, checked."""
        result = BuildResult(
            Diagnostics(list(self.diagnostics)),
            pages=self.pages,
            files=self.files,
            written=True,
            checked=True,
            replayed=replayed,
        )
        result.stages.append((stage, seconds))
        return result


def _fold(digest: blake2b, top: Path, recursive: bool = True, skip: str = "") -> int:
    """Fold the identity of each regular file under `top` into `digest` (in a stable order;
    hidden names and caches left out, as the loader and the copy of static/ leave them out;
    not `skip`, a path); the latest modification time among them."""
    lines: list[str] = []
    newest = _file_lines(str(top), recursive, skip, lines, set())
    # (one update: a digest of the lines joined is the digest of the lines one by one)
    # (a name that is not UTF-8, from a zip made on Windows, is read with surrogates)
    digest.update("".join(lines).encode(errors="surrogateescape"))
    return newest


def _file_lines(
    top: str, recursive: bool, skip: str, lines: list[str], seen: set[tuple[int, int]]
) -> int:
    """`_fold`'s lines for the folder `top`, a line a file. `seen`: the folders walked, by
    device and inode, so that a link to a folder above does not loop."""
    listed = _listing(top)
    if listed is None:  # none, or not ours to read: the build proper reports what it needs
        return 0
    folder, entries = listed
    newest = 0
    try:
        st = os.fstat(folder)
        if (st.st_dev, st.st_ino) in seen:
            return 0
        seen.add((st.st_dev, st.st_ino))
        base = top if top.endswith("/") else f"{top}/"  # (as os.scandir(top) joins them)
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name == "__pycache__":
                continue
            try:
                is_folder = entry.is_dir()
                regular = not is_folder and entry.is_file()
            except OSError:  # a link that loops (ELOOP): the build proper reports it
                is_folder = regular = False
            if is_folder:
                if recursive:
                    newest = max(newest, _file_lines(base + name, True, skip, lines, seen))
                continue
            path = base + name
            if not regular or path == skip:
                continue
            try:
                st = entry.stat()
            except OSError:  # gone, or not ours to read: the build proper reports it
                lines.append(f"{path}\0?\n")
                continue
            lines.append(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\n")
            newest = max(newest, st.st_mtime_ns)  # (git's racy test: by modification time)
    finally:
        os.close(folder)
    return newest


def _listing(top: str) -> tuple[int, list[os.DirEntry[str]]] | None:
    """The folder `top` opened (its descriptor: closed by the caller), and its entries by
    name; None when it cannot be listed."""
    try:
        folder = os.open(top, _FOLDER)
    except OSError:
        return None
    try:
        return folder, sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        os.close(folder)
        return None


def input_fingerprint(options: BuildOptions) -> Inputs:
    digest = blake2b(digest_size=16)
    settings = (
        __version__,
        str(options.out.resolve()),
        options.build_date.isoformat(),
        options.strict,
        options.maintenance,
        options.checks,
        options.search_index,
        # (other sites' files: a notice they announce changes this site's output)
        repr(options.portal_notices),
    )
    digest.update(repr(settings).encode())
    newest = _fold(digest, options.source, recursive=False)
    record = str(options.source / LIBRARY_RECORD)
    for name in INPUT_DIRS:
        newest = max(newest, _fold(digest, options.source / name, skip=record))
    for repo in _repository(options.source):  # 集约化: the themes the repository shares
        newest = max(newest, _fold(digest, repo / "themes"))
        # and the other sites' policies and interpretations (ssg/cross_site.py), with what
        # their pages are named by (site.yaml) and which sites there are (sites.yaml)
        newest = max(newest, _fold(digest, repo, recursive=False))
        from ssg.sites import other_site_roots  # (loaded by _repository already)

        for other in other_site_roots(options.source):
            for name in ("content", "data", "static"):  # (static/: SEC-06 judges links to it)
                newest = max(newest, _fold(digest, other / name))
    digest.update(code_fingerprint().encode())  # not the editor's, never racy
    digest.update(history_fingerprint(options.source).encode())
    try:
        kept: bytes | None = Path(record).read_bytes()
    except OSError:  # (none; or unreadable, which the build reports)
        kept = None
    rest = digest.hexdigest()
    return Inputs(_and_record(rest, kept), newest, rest)


def _and_record(rest: str, record: bytes | None) -> str:
    content = "-" if record is None else blake2b(record, digest_size=16).hexdigest()
    return blake2b(f"{rest}\0{content}".encode(), digest_size=16).hexdigest()


def with_record(inputs: Inputs, record: bytes) -> Inputs:
    """`inputs` as they are once the build has written the library record's bytes itself."""
    return Inputs(_and_record(inputs.rest, record), inputs.newest_ns, inputs.rest)


_code: list[str] = []  # code_fingerprint(), once taken


def code_fingerprint() -> str:
    """The fingerprint of ssg's code and default theme as this process found them, taken once:
    the code that builds is the code loaded, whatever is saved over its files meanwhile. Taken
    at each build, a file of ssg saved between a build and the next (a checkout, a merge, an
    editor's save while the tests ran) made the next one build again with the code that had
    made the record (tests/test_unchanged.py failed so, now and then); a new process, which
    loads the new code, sees the new files. With the libraries it runs with (a new Jinja2 or
    `deflate` writes another output), taken once as well."""
    if not _code:
        digest = blake2b(digest_size=16)
        _fold(digest, _PACKAGE)
        digest.update(libraries_fingerprint().encode(errors="surrogateescape"))
        _code.append(digest.hexdigest())
    return _code[0]


def libraries_fingerprint() -> str:
    """The identity of the folders Python installs packages into (site-packages: ssg's
    runtime dependencies are there) and of Python itself. pip adds and removes a package's
    `*.dist-info` folder there on every install, upgrade, reinstall and uninstall, which gives
    the folder a new modification time; a no-op install (already satisfied) does not
    (bench/RESULTS.md, 2026-11-28). A stat a folder: reading the installed versions with
    importlib.metadata took 46 ms, as long as the whole replay. (A dependency installed in
    editable mode, whose code is elsewhere, is seen only when installed or removed.)"""
    lines = [sys.version]
    for folder in sys.path:
        if not folder.endswith(("site-packages", "dist-packages")):
            continue  # (the site's and ssg's own folders are fingerprinted by their files)
        try:
            st = os.stat(folder)
        except OSError:
            lines.append(f"{folder}\0?")
            continue
        lines.append(f"{folder}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}")
    return "\n".join(lines)


def history_fingerprint(source: Path) -> str:
    """The state of the git history the site's checks read (CONTENT-08's re-datings and
    SSG-06, ssg/check/date_history.py, which keeps a history read per HEAD commit and asks
    whether the clone is shallow): read from the repository's files, without running git,
    which would cost the replay its time. What names the HEAD commit: the bytes of HEAD (the
    branch checked out, or the commit itself when detached), of the ref file it names (a
    commit, an amend, a reset, a merge rewrite it), and the identity of packed-refs (where
    `git pack-refs` and `git gc` move the refs) and of `shallow`. "" outside a repository.
    The index is left out: `git add` and `git status` rewrite it, the history stays."""
    git_dir = _git_dir(source)
    if git_dir is None:
        return ""
    try:  # (a linked worktree: its HEAD here, the branches in the main repository's folder)
        common = git_dir / (git_dir / "commondir").read_text(encoding="utf-8").strip()
    except OSError:
        common = git_dir
    lines = [str(git_dir), str(common)]
    name = "HEAD"
    for _ in range(5):  # (a symbolic ref may name another: a short chain, never a loop)
        content = _bytes(git_dir / name)
        if content is None and common != git_dir:
            content = _bytes(common / name)
        lines.append(f"{name}\0{content!r}")
        if content is None or not content.startswith(b"ref: "):
            break
        name = content[5:].strip().decode(errors="surrogateescape")
    for kept in ("packed-refs", "shallow", "reftable/tables.list"):
        try:
            st = os.stat(common / kept)
        except OSError:
            lines.append(f"{kept}\0-")
            continue
        lines.append(f"{kept}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}")
    return "\n".join(lines)


def _git_dir(source: Path) -> Path | None:
    """The repository's folder as git finds it from the site's folder (date_history's
    `_in_repository`): GIT_DIR, or the first `.git` in the folder or one above it, a folder
    or a file saying `gitdir: <folder>` (a linked worktree, a submodule)."""
    named = os.environ.get("GIT_DIR")
    if named:
        return Path(named).absolute()
    folder = source.resolve()
    for above in (folder, *folder.parents):
        dot_git = above / ".git"
        if dot_git.is_dir():
            return dot_git
        content = _bytes(dot_git)
        if content is not None:
            text = content.decode(errors="surrogateescape").strip()
            if text.startswith("gitdir:"):
                return above / text[len("gitdir:") :].strip()  # (relative to its folder)
            return dot_git  # (not a repository git reads: it fails, SSG-06; nothing more)
    return None


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:  # (none, or a folder)
        return None


def folders_stamp(top: Path, names: tuple[str, ...]) -> tuple[str, int]:
    """The fingerprint of some folders of a site (by their files' identities, as a build's
    inputs) and the latest modification time among them."""
    digest = blake2b(digest_size=16)
    newest = max((_fold(digest, top / name) for name in names), default=0)
    return digest.hexdigest(), newest


def with_files(inputs: Inputs, source: Path, extra: tuple[str, ...]) -> Inputs:
    """`inputs` with the fingerprint of these files too (paths relative to `source`; a
    missing one counts as missing)."""
    if not extra:
        return inputs
    digest = blake2b(inputs.digest.encode(), digest_size=16)
    newest = inputs.newest_ns
    for rel in extra:
        try:
            st = os.stat(source / rel)  # (through a link, as the build reads it)
        except OSError:
            digest.update(f"{rel}\0?\n".encode(errors="surrogateescape"))
            continue
        line = f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\n"
        digest.update(line.encode(errors="surrogateescape"))
        newest = max(newest, st.st_mtime_ns)
    return Inputs(digest.hexdigest(), newest)


def _read_elsewhere(source: Path) -> tuple[str, ...]:
    """The files outside content/, data/, static/, themes/ the build of `source` read because
    a data file names them. Called after a build, whose engine is loaded already."""
    from ssg.deploy.config import named_files
    from ssg.lifecycle import mapping_files

    return (*named_files(source), *mapping_files(source))


def _repository(source: Path) -> list[Path]:
    if not any((folder / "sites.yaml").is_file() for folder in source.resolve().parents):
        return []  # (a site on its own: ssg.sites, and YAML, not imported)
    from ssg.sites import shared_roots

    return shared_roots(source)


def side_dir(out: Path) -> Path:
    """ssg.derive.lifecycle_pages.side_dir (not imported: that module loads the renderer)."""
    return out.parent / f"{out.name}-lifecycle"


def deploy_dir(out: Path) -> Path:
    """ssg.deploy.artefacts.deploy_dir (not imported: that module loads the link stage)."""
    return out.parent / f"{out.name}-deploy"


# A file's (st_dev, st_ino, st_size, st_mtime_ns), as ssg/check/scan_cache.py stamps pages.
Stamp = tuple[int, int, int, int]


def output_fingerprint(out: Path, known: Mapping[str, Stamp] | None = None) -> str:
    """What the build wrote: the output folder and the side folders beside it (or their
    absence); "" when there is no output folder. A deleted or hand-edited nginx.conf is a
    changed output: the next build writes the folder again, as a full build would.

    `known`: the stamps of output files (by path relative to `out`) that the build took after
    writing them (the checker's, of every page): not taken again. A file changed since has
    another stamp now, so the record made of its old one is not replayed."""
    tree = _tree_fingerprint(out, known=known)
    if not tree:
        return ""
    sides = (
        _tree_fingerprint(folder, with_ctime=True) if folder.is_dir() else "-"
        for folder in (side_dir(out), deploy_dir(out))
    )
    return "|".join((tree, *sides))


def _tree_fingerprint(
    out: Path, with_ctime: bool = False, known: Mapping[str, Stamp] | None = None
) -> str:
    """`with_ctime`: the change time too, which `cp -p` of an old copy cannot set back. Only
    for the side folders, whose files every build writes afresh: an output file shares its
    inode with the last output's (a hard link), and the background removal of that output,
    after the record, changes its change time. `known`: see `output_fingerprint` (not with
    `with_ctime`: a stamp has no change time)."""
    assert not (with_ctime and known)
    lines: list[str] = []
    stack = [(str(out), "")]
    while stack:
        top, prefix = stack.pop()
        listed = _listing(top)
        if listed is None:
            return ""
        folder, entries = listed
        try:
            base = top if top.endswith("/") else f"{top}/"  # (as os.scandir(top) joins them)
            for entry in entries:
                name = entry.name
                if entry.is_dir(follow_symlinks=False):
                    stack.append((base + name, f"{prefix}{name}/"))
                    continue
                # (a regular file's stamp: one taken through a symbolic link is its target's)
                found = (
                    known.get(prefix + name)
                    if known and entry.is_file(follow_symlinks=False)
                    else None
                )
                changed = ""
                if found is not None:
                    _dev, inode, size, mtime = found
                else:
                    st = entry.stat(follow_symlinks=False)
                    inode, size, mtime = st.st_ino, st.st_size, st.st_mtime_ns
                    if with_ctime:
                        changed = f"\0{st.st_ctime_ns}"
                lines.append(f"{base}{name}\0{size}\0{mtime}\0{inode}{changed}\n")
        finally:
            os.close(folder)
    if not lines:
        return ""
    digest = blake2b("".join(lines).encode(errors="surrogateescape"), digest_size=16)
    return f"{len(lines)}:{digest.hexdigest()}"


def _record_path(options: BuildOptions) -> Path:
    where = blake2b(str(options.out.resolve()).encode(), digest_size=8).hexdigest()
    return options.source / CACHE_DIR / f"build-{where}.pickle"


def _eligible(options: BuildOptions) -> bool:
    return options.write and options.cache


def replay(options: BuildOptions) -> BuildResult | None:
    """The last build again, when nothing it read or wrote has changed since; else None."""
    if not (_eligible(options) and options.replay):
        return None
    start = time.perf_counter()
    record = _load(options)
    if record is None:
        return None
    if not record.inputs:
        return None  # (racy when it was kept)
    if with_files(input_fingerprint(options), options.source, record.extra).digest != record.inputs:
        return None
    if not record.output or output_fingerprint(options.out) != record.output:
        return None
    return record.result("unchanged", time.perf_counter() - start, replayed=True)


def _load(options: BuildOptions) -> Record | None:
    record = sealed.load(_record_path(options))  # (None: no record, or a damaged one)
    if not isinstance(record, Record) or getattr(record, "extra", None) is None:
        return None  # (no `extra`: a record of an older ssg)
    return record


def kept_output(options: BuildOptions) -> Record | None:
    """The record of the last build into `options.out` when that folder is still, file for
    file, what it wrote, whatever changed in the inputs since: a whole output of a build that
    went through (the preview serves it while it builds the changes, ssg/serve.py)."""
    if not _eligible(options):
        return None
    record = _load(options)
    if record is None or not record.output:
        return None
    return record if output_fingerprint(options.out) == record.output else None


def _unread_history(result: BuildResult) -> bool:
    """A build whose git history could not be read (SSG-06: git failing, hanging or missing)
    is never replayed, as that failure is never cached (ssg/check/date_history.py): the next
    build reads the history again, and finds what the pre-check missed once git answers."""
    return any(d.code == HISTORY_UNREAD for d in result.diagnostics)


def remember(
    options: BuildOptions,
    inputs: Inputs,
    result: BuildResult,
    started_ns: int,
    known: Mapping[str, Stamp] | None = None,
) -> None:
    """Keep the record of a build just swapped into place (see the module's docstring).
    `known`: stamps of its output files taken after they were written (`output_fingerprint`:
    at 10k items, 11,358 of the 17,064 lstat calls at the build's serial end)."""
    if not _eligible(options) or not result.written:
        return
    path = _record_path(options)
    extra = _read_elsewhere(options.source)
    # (taken now, after the build read them: one changed since has a time after the start,
    # and is racy below)
    inputs = with_files(inputs, options.source, extra)
    # A racy input: the record is kept for its output (which `kept_output` vouches for: the
    # preview's builds follow saves by milliseconds, and a restart serves that output at once)
    # but never replayed ("" matches no fingerprint).
    racy = inputs.newest_ns >= started_ns - RACY_NS
    record = Record(
        extra=extra,
        inputs="" if racy or _unread_history(result) else inputs.digest,
        output=output_fingerprint(options.out, known),
        diagnostics=tuple(result.diagnostics.items),
        pages=result.pages,
        files=result.files,
    )
    sealed.dump(path, record, prefix=".build-")
