"""Which repository of sites this is, wherever it is checked out (ssg/sites.py's record of
the outputs each repository built in a shared `--out` folder).

A CI job clones the repository at a new path every run, so the absolute path (the record's
key before) never names it twice. What every clone of one repository shares and another
repository never has is where it is cloned from: git's `origin`, read as host and path
(`gitlab.example.gov.cn/zwb/jiyue`), without scheme, user, password or token (a CI clone's
URL can carry one: it must not be written into the output folder), port or `.git`, so that
an SSH and an HTTPS clone agree; plus the folder of sites.yaml inside the work tree (two
platforms of one git repository are two repositories of sites). Not the first commit: CI
clones are shallow (GitHub's checkout fetches one commit, GitLab 20 or 50), and a fork or a
copy has the same one. Without git, or a remote, there is none: the caller keeps the path.

The origin names the repository it came from, not the clone: teams that clone one template
and never change the remote, or two checkouts of one repository listing different sites,
share it. Whose a folder recorded under it is, sites.yaml's history says (file_versions).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

PREFIX = "git:"

# `user@host:path`: git's scp-like syntax (no scheme; a colon before the first slash).
_SCP = re.compile(r"(?:[^@/]*@)?(?P<host>[^:/]+):(?P<path>.*)")


def remote_identity(url: str, top: str = "") -> str:
    """A remote URL as host/path (`ssh://git@h:22/a/b.git`, `git@h:a/b`, `https://tok@h/a/b`
    → `h/a/b`); a local path (a clone of a folder) as its absolute path, `top` the work tree
    a relative one is written from. "" for nothing usable."""
    url = url.strip()
    if not url:
        return ""
    if "://" in url:
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
        except ValueError:
            return ""
        path = parts.path
        if parts.scheme == "file":
            host = ""
    elif (found := _SCP.fullmatch(url)) and not re.match(r"[A-Za-z]:[\\/]", url):
        host, path = found["host"].lower(), found["path"]
    else:
        host, path = "", os.path.normpath(os.path.join(top, url)) if top else url
    path = path.rstrip("/").removesuffix(".git").rstrip("/")
    if host:
        return f"{host}/{path.lstrip('/')}" if path.strip("/") else ""
    return path


def repository_id(repo: Path) -> str:
    """`git:<origin as host/path>` and, when sites.yaml is not at the work tree's top, `#`
    and its folder there; "" when `repo` is in no git work tree with an `origin`, or git is
    missing or refuses (the caller falls back to the path)."""
    found = _git(repo, "rev-parse", "--show-toplevel", "--show-prefix")
    url = _git(repo, "config", "--get", "remote.origin.url")
    if found is None or url is None:
        return ""
    top, _, prefix = found.partition("\n")
    identity = remote_identity(url, top.strip())
    if not identity:
        return ""
    prefix = prefix.strip().strip("/")
    return PREFIX + identity + (f"#{prefix}" if prefix else "")


def file_versions(repo: Path, name: str) -> tuple[bytes, ...]:
    """Every version of the file `name` (relative to `repo`) that the history of the
    checked-out commit held, as far as this clone has that history: a shallow clone lacks
    the versions before its oldest commit, and the caller must treat what it does not find
    as unknown, not as never written. () without git or history.

    Two git commands whatever the length of the history: `git log --raw` names the blobs
    (the version before and after each change, every parent of a merge), `git cat-file
    --batch` reads them; a blob the clone lacks is reported missing and skipped."""
    options = ["--format=", "--raw", "--no-abbrev", "--no-renames", "--no-color", "--full-history"]
    options.append("-m")  # (a merge's own version of the file, against each parent)
    log = _git_bytes(repo, ["log", *options, "--", name])
    if not log:
        return ()
    blobs: dict[str, None] = {}
    for line in log.decode("ascii", "replace").splitlines():
        if line.startswith(":"):
            for oid in line.split("\t", 1)[0].split()[2:4]:
                if oid.strip("0"):  # (all zeros: no file on that side)
                    blobs[oid] = None
    if not blobs:
        return ()
    batch = _git_bytes(repo, ["cat-file", "--batch"], "".join(f"{b}\n" for b in blobs).encode())
    versions: list[bytes] = []
    at = 0
    while batch and at < len(batch):
        end = batch.find(b"\n", at)
        if end < 0:
            break
        header = batch[at:end].split()
        at = end + 1
        if len(header) != 3 or not header[2].isdigit():
            continue  # (`<oid> missing`: not in this clone)
        size = int(header[2])
        versions.append(batch[at : at + size])
        at += size + 1
    return tuple(versions)


def _git(repo: Path, *args: str) -> str | None:
    """git's output as text, None when it fails (_git_bytes)."""
    out = _git_bytes(repo, list(args), timeout=10)
    return None if out is None else out.decode("utf-8", "replace")


def _git_bytes(
    repo: Path, args: list[str], stdin: bytes | None = None, timeout: float = 60
) -> bytes | None:
    """git's output, None when it fails. Run with no GIT_* of the caller's (a hook's GIT_DIR
    would name another repository) and with the work tree trusted whoever owns it: only
    read, and a CI container's user often owns no checkout ("dubious ownership")."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    try:
        done = subprocess.run(
            ["git", "-c", "safe.directory=*", "-C", str(repo), *args],
            capture_output=True,
            timeout=timeout,
            env=env,
            input=b"" if stdin is None else stdin,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None
