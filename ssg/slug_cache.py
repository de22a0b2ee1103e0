"""The slugs the preview worked out, kept in <site>/.ssg-cache/ (safe to delete).

The preview's first build works its slugs out in a forked process, so that pypinyin's
dictionaries (40–80 MB) never enter the preview's own. A restart that replays the last build
(ssg/serve.py) forks nothing: the full build that follows, beside the server's threads, would
load pypinyin into the preview itself, above Hugo's whole build at 1,000 items
(bench/RESULTS.md). A slug depends only on its name, its limit, ssg/slugs.py, the place names'
table (ssg/place_readings.py, for new_slug's) and pypinyin: the file is named by those, and a
file of other code is ignored.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from ssg import sealed
from ssg.cache import CACHE_DIR
from ssg.slugs import known_slugs, learn_slugs

_SLUGS_CODE = (Path(__file__).parent / "slugs.py", Path(__file__).parent / "place_readings.py")


def _path(root: Path) -> Path:
    digest = hashlib.blake2b(digest_size=8)
    for code in _SLUGS_CODE:
        digest.update(code.read_bytes())
    try:
        digest.update(metadata.version("pypinyin").encode())
    except metadata.PackageNotFoundError:
        digest.update(b"-")
    return root / CACHE_DIR / f"preview-slugs-{digest.hexdigest()}.pickle"


def load(root: Path) -> int:
    """Learn the kept slugs; returns how many (0: none kept, or a damaged file)."""
    # (None: missing, damaged or foreign: pypinyin works them out again; ssg/sealed.py)
    slugs = sealed.load(_path(root))
    if not isinstance(slugs, dict):
        return 0
    learn_slugs(slugs)
    return len(slugs)


def save(root: Path) -> None:
    """Keep the slugs worked out in this process, when they are not all kept already."""
    slugs = known_slugs()
    path = _path(root)
    if sealed.load(path) == slugs:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob("preview-slugs-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)  # (of other code)
    sealed.dump(path, slugs, prefix=".slugs-")
