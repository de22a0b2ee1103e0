"""The slugs builds worked out, kept in <site>/.ssg-cache/ (safe to delete).

Slugs come from pypinyin, whose dictionaries (40–80 MB) a build loads in a process of its own
(ssg/slugs.py: `Prefetch`). With the last build's slugs known, a build whose names are all
among them forks no such process at all: at 1,000 items the preview's first build held 108 MiB
with it (its 80 MiB beside the build's 28), more than Hugo's whole build (bench/RESULTS.md,
2026-11-28 · 预览在 1k 的内存). And a full build that runs beside the preview's threads, where no
process is forked, would otherwise load pypinyin into the preview itself. A slug depends only
on its name, its limit, ssg/slugs.py, the place names' table (ssg/place_readings.py, for
new_slug's) and pypinyin: the file is named by those, and a file of other code is ignored.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

from ssg import sealed
from ssg.cache import CACHE_DIR
from ssg.slugs import known_slugs, learn_slugs

_SLUGS_CODE = (Path(__file__).parent / "slugs.py", Path(__file__).parent / "place_readings.py")
PREFIX = "slugs-"
_OLD_PREFIX = "preview-slugs-"  # (the preview's alone kept them, under this name)


def _path(root: Path) -> Path:
    digest = hashlib.blake2b(digest_size=8)
    for code in _SLUGS_CODE:
        digest.update(code.read_bytes())
    # pypinyin's own __init__.py, which holds its version: found, not imported (importing it
    # loads the dictionaries; importlib.metadata took 20-40 ms to import before the fork)
    spec = importlib.util.find_spec("pypinyin")
    try:
        digest.update(Path(spec.origin).read_bytes() if spec and spec.origin else b"-")
    except OSError:
        digest.update(b"-")
    return root / CACHE_DIR / f"{PREFIX}{digest.hexdigest()}.pickle"


def load(root: Path) -> int | None:
    """Learn the kept slugs; returns how many (0: a build kept them, and there were none: a
    site without a policy library), None when none are kept (or the file is damaged)."""
    # (None: missing, damaged or foreign: pypinyin works them out again; ssg/sealed.py)
    slugs = sealed.load(_path(root))
    if not isinstance(slugs, dict):
        return None
    learn_slugs(slugs)
    return len(slugs)


def save(root: Path) -> None:
    """Keep the slugs worked out in this process, when they are not all kept already."""
    slugs = known_slugs()
    path = _path(root)
    if sealed.load(path) == slugs:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    for prefix in (PREFIX, _OLD_PREFIX):
        for old in path.parent.glob(f"{prefix}*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)  # (of other code)
    sealed.dump(path, slugs, prefix=".slugs-")
