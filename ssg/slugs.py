"""Pinyin slugs for Chinese names: 综合政务 → zong-he-zheng-wu (ARCHITECTURE §1.3).

Slugs come from pypinyin, whose phrase dictionary (which gives 银行 its hang) is 40 MB in
memory once imported. A build needs a few dozen slugs (policy topics and issuers, reply
topics): `start_prefetch` works them out in a forked process beside the build's other work,
so that the build and the processes it forks later never carry that dictionary.
"""

from __future__ import annotations

import os
import pickle
import re
import sys
import threading
from collections.abc import Callable, Iterable

_SAFE = re.compile(r"[a-z0-9]+")
SLUG_LIMIT = 48  # characters of a slug in a URL
# Slugs worked out so far, by (name, limit): a slug depends on nothing else.
_KNOWN: dict[tuple[str, int], str] = {}


def pinyin_slug(text: str, limit: int = SLUG_LIMIT) -> str:
    """市政府召开常务会议 → shi-zheng-fu-zhao-kai-chang-wu-hui-yi, cut at a syllable."""
    found = _KNOWN.get((text, limit))
    if found is None:
        found = _KNOWN[(text, limit)] = _slug(text, limit)
    return found


def _slug(text: str, limit: int) -> str:
    from pypinyin import lazy_pinyin  # (imported when first needed: see the module's doc)

    words: list[str] = []
    for piece in lazy_pinyin(text, errors="default"):
        words.extend(_SAFE.findall(piece.lower()))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "item"


def start_prefetch(requests: Iterable[tuple[str, int]]) -> Callable[[], None]:
    """Work out the slugs of these (name, limit) in a forked process; returns what waits for
    them and keeps them (once: later calls do nothing). Where pypinyin is loaded already, or forking is not safe (other
    threads: `ssg serve` after its first build), they are worked out when asked for."""
    wanted = sorted({r for r in requests if r not in _KNOWN})
    if (
        not wanted
        or "pypinyin" in sys.modules
        or not hasattr(os, "fork")
        or threading.active_count() > 1
    ):
        return lambda: None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, report, and leave without running the parent's exits
        os.close(read_end)
        code = 0
        try:
            data = pickle.dumps([_slug(name, limit) for name, limit in wanted])
        except BaseException:
            code, data = 1, b""
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        os._exit(code)
    os.close(write_end)
    joined = False

    def join() -> None:
        nonlocal joined
        if joined:
            return
        joined = True
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        try:
            slugs = pickle.loads(data)
        except Exception:
            return  # (then each is worked out here when asked for: the same slugs)
        if isinstance(slugs, list) and len(slugs) == len(wanted):
            _KNOWN.update(zip(wanted, slugs, strict=True))

    return join


def unique_slugs(names: Iterable[str]) -> dict[str, str]:
    """A slug per name; homophones (same pinyin) get -2, -3 … in sorted order of the names."""
    taken: set[str] = set()
    out: dict[str, str] = {}
    for name in sorted(set(names)):
        base = pinyin_slug(name)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        out[name] = slug
    return out
