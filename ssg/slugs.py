"""Pinyin slugs for Chinese names: 综合政务 → zong-he-zheng-wu (ARCHITECTURE §1.3).

Slugs come from pypinyin, whose phrase dictionary (which gives 银行 its hang) is 40 MB in
memory once imported. A build needs a few dozen slugs (policy topics and issuers, reply
topics): `Prefetch` works them out in a forked process beside the build's other work, so
that the build and the processes it forks later never carry that dictionary.
"""

from __future__ import annotations

import os
import pickle
import re
import sys
import threading
from collections.abc import Callable, Iterable
from typing import NoReturn

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


def known_slugs() -> dict[tuple[str, int], str]:
    """The slugs worked out in this process so far, by (name, limit)."""
    return dict(_KNOWN)


def learn_slugs(slugs: dict[tuple[str, int], str]) -> None:
    """Slugs worked out before, by this code and this pypinyin (ssg/slug_cache.py): not
    worked out again, so pypinyin is not loaded for them."""
    _KNOWN.update(slugs)


class Prefetch:
    """A forked process that loads pypinyin as soon as it starts, and works out the slugs of
    the (name, limit) pairs asked of it later: started before the build parses its content
    (which names it needs), it has the dictionary ready by the time they are known, and the
    build no longer waits 0.2 s for it. Where pypinyin is loaded already, or forking is not
    safe (other threads: `ssg serve` after its first build), there is no process and each
    slug is worked out when first asked for (the same slugs). A context manager: leaving it
    ends the process, asked or not."""

    def __init__(self) -> None:
        self._pid = 0
        self._requests = self._results = -1
        if "pypinyin" in sys.modules or not hasattr(os, "fork") or threading.active_count() > 1:
            return
        request_r, request_w = os.pipe()
        result_r, result_w = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # (no process to spare: the slugs are worked out here)
            for fd in (request_r, request_w, result_r, result_w):
                os.close(fd)
            return
        if pid == 0:
            os.close(request_w)
            os.close(result_r)
            _serve(request_r, result_w)  # (never returns)
        os.close(request_r)
        os.close(result_w)
        self._pid, self._requests, self._results = pid, request_w, result_r

    def ask(self, requests: Iterable[tuple[str, int]]) -> Callable[[], None]:
        """Send the process what to work out (once); returns what waits for the slugs and
        keeps them (later calls do nothing)."""
        wanted = sorted({r for r in requests if r not in _KNOWN})
        if self._requests >= 0:
            try:
                with os.fdopen(self._requests, "wb") as pipe:
                    pipe.write(pickle.dumps(wanted))
            except OSError:  # it is gone: each slug is then worked out here when asked for
                pass
            self._requests = -1
        return lambda: self._join(wanted)

    def close(self) -> None:
        """End the process: told to work out nothing if it was never asked, waited for."""
        if self._requests >= 0:
            self.ask(())  # (nothing to work out: it answers and leaves)
        self._join([])

    def _join(self, wanted: list[tuple[str, int]]) -> None:
        if not self._pid:
            return
        with os.fdopen(self._results, "rb") as pipe:
            data = pipe.read()
        os.waitpid(self._pid, 0)
        self._pid = 0
        try:
            slugs = pickle.loads(data)
        except Exception:
            return  # (then each is worked out here when asked for: the same slugs)
        if isinstance(slugs, list) and len(slugs) == len(wanted):
            _KNOWN.update(zip(wanted, slugs, strict=True))

    def __enter__(self) -> Prefetch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _serve(request_r: int, result_w: int) -> NoReturn:
    """The prefetch process: load, read what is asked, answer, and leave without running the
    parent's exits."""
    code, out = 0, b""
    try:
        import pypinyin  # noqa: F401  (its dictionaries load now, while the build parses)

        # One pickle, read to its end rather than to the pipe's: a process the build forks
        # before it asks (ssg/cache.py's writer) holds a copy of the pipe's other end.
        with os.fdopen(request_r, "rb") as pipe:
            wanted = pickle.load(pipe)
        out = pickle.dumps([_slug(name, limit) for name, limit in wanted])
    except BaseException:
        code, out = 1, b""
    try:
        with os.fdopen(result_w, "wb") as pipe:
            pipe.write(out)
    finally:
        os._exit(code)


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
