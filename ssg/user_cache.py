"""ssg's folder per user for what it works out the same way for every build on the machine:
compiled theme templates (render.py) and pypinyin's reading table (search/tokenize.py), kept
between runs as Python keeps compiled modules in __pycache__. Deleting it costs only the next
build's time.

Where: SSG_TEMPLATE_CACHE when set (its name is older than the table: "off" keeps nothing),
else $XDG_CACHE_HOME/ssg, else ~/.cache/ssg. A folder that cannot be made, or that someone
else could write to (what is kept there is run as code, or unpickled), is not used."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "SSG_TEMPLATE_CACHE"  # a folder, or "off"


def user_cache_folder(name: str) -> Path | None:
    """The folder `name` inside the user's cache folder, made if need be; None when nothing is
    to be kept, or cannot be safely."""
    configured = os.environ.get(CACHE_ENV, "")
    if configured == "off":
        return None
    try:
        if configured:
            base = Path(configured)
        else:
            home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
            base = Path(home) / "ssg"
        folder = base / name
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _private(folder):
            return None
    except (OSError, RuntimeError):  # (RuntimeError: no home folder to be found)
        return None
    return folder


def _private(folder: Path) -> bool:
    """The folder is this user's and nobody else may write to it (as Jinja's own default)."""
    if not hasattr(os, "getuid"):
        return True  # (not POSIX: the user's own profile folder)
    stat = folder.stat()
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022
