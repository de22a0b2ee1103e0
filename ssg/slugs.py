"""Pinyin slugs for Chinese names: 综合政务 → zong-he-zheng-wu (ARCHITECTURE §1.3).

Slugs come from pypinyin, whose phrase dictionary (which gives 银行 its hang) is 40 MB in
memory once imported. A build needs a few dozen slugs (policy topics and issuers, reply
topics): `Prefetch` works them out in a forked process beside the build's other work, so
that the build and the processes it forks later never carry that dictionary.

Two readings: `pinyin_slug` (pypinyin's) and `new_slug` (with 吉林's place names read as places:
ssg/place_readings.py), which `ssg new` proposes for a new file's name, the policy library gives
its pages, and the 知识库 orders its topics by; `Prefetch` works both out beside the build. The
library keeps pinyin_slug's reading to know the URLs earlier versions of ssg published, which
redirect to the new ones (derive/policy_library.py).
"""

from __future__ import annotations

import os
import pickle
import re
import sys
import threading
from collections.abc import Callable, Iterable
from typing import NoReturn

from ssg.place_readings import PLACE_READINGS

_SAFE = re.compile(r"[a-z0-9]+")
# Texts new_slug reads with the place names table; every other text's slug is pinyin_slug's.
_PLACES = re.compile("|".join(sorted(map(re.escape, PLACE_READINGS), key=len, reverse=True)))
SLUG_LIMIT = 48  # characters of a slug in a URL
# A slug asked for: (name, limit, whether 吉林's place names are read as places: new_slug's).
Key = tuple[str, int, bool]
# Slugs worked out so far: a slug depends on nothing else.
_KNOWN: dict[Key, str] = {}


def pinyin_slug(text: str, limit: int = SLUG_LIMIT) -> str:
    """市政府召开常务会议 → shi-zheng-fu-zhao-kai-chang-wu-hui-yi, cut at a syllable."""
    return _known((text, limit, False))


def _known(key: Key) -> str:
    found = _KNOWN.get(key)
    if found is None:
        found = _KNOWN[key] = _work_out(key)
    return found


def _work_out(key: Key) -> str:
    text, limit, places = key
    return _placed(text, limit) if places else _slug(text, limit)


def new_slug(text: str, limit: int = SLUG_LIMIT) -> str:
    """The slug `ssg new` proposes for a new file: pinyin_slug's, but with 吉林's place names
    read as places (长岭县 → chang-ling-xian, not zhang-ling-xian: ssg/place_readings.py).

    pinyin_slug keeps its readings: the policy library made its URLs from it before it read
    place names (`by-issuer/zhang-ling-…/` of 长岭县人民政府), and redirects those to the new
    ones (derive/policy_library.py). The table is applied here, not loaded into pypinyin
    (load_phrases_dict): that would change pinyin_slug too, in whatever process happened to
    call this first."""
    return _known((text, limit, True))


def has_place(text: str) -> bool:
    """Whether new_slug may read `text` otherwise than pinyin_slug (it holds a place name)."""
    return _PLACES.search(text) is not None


def _placed(text: str, limit: int) -> str:
    places = [m.span() for m in _PLACES.finditer(text)]
    if not places:
        return pinyin_slug(text, limit)
    from pypinyin import lazy_pinyin  # (imported when first needed: see the module's doc)

    syllables: list[str] = []
    done = 0
    for start, end in places:
        if _runs_on(text, start, end):
            continue
        if _taken_from_before(text, start, end) and not _settled(text, start, end):
            continue
        syllables += lazy_pinyin(text[done:start], errors="default") if done < start else []
        syllables += PLACE_READINGS[text[start:end]].split()
        done = end
    syllables += lazy_pinyin(text[done:], errors="default") if done < len(text) else []
    return _join(syllables, limit)


def _runs_on(text: str, start: int, end: int) -> bool:
    """Whether a phrase of pypinyin's begins inside the place name at text[start:end] and runs
    on past it (市长春节: 春节), so that the name is no name there. A phrase that ends inside it
    is overruled (2026年长春市: 年长 is pypinyin's phrase, 长春 the place)."""
    from pypinyin.constants import PHRASES_DICT
    from pypinyin.seg.mmseg import p_set  # (every prefix of its phrases)

    for inner in range(start + 1, end):
        stop = end + 1
        while stop <= len(text) and text[inner:stop] in p_set:
            if text[inner:stop] in PHRASES_DICT:
                return True
            stop += 1
    return False


# What follows a place name where it is one (长春市, 长岭县, 朝阳区, 长白朝鲜族自治县, 长春站…).
_NAME_ENDS = frozenset("市县区州镇乡村街路站朝")


def _taken_from_before(text: str, start: int, end: int) -> bool:
    """Whether a phrase of pypinyin's takes the place name's first characters from the word
    before it (省长, 市长, 年长: 吉林省长春市), which is then a title or a word, or the name."""
    from pypinyin.constants import PHRASES_DICT

    return any(
        text[begin:stop] in PHRASES_DICT
        for begin in range(max(0, start - 6), start)
        for stop in range(start + 1, end + 1)
    )


def _settled(text: str, start: int, end: int) -> bool:
    """Whether the place name at text[start:end] is one there although the word before takes
    its first character: it ends the text, an administrative word follows it (吉林省长春市,
    松原市长岭县), or it is a long name no title runs into (抚松县长白山). 副市长春耕调研,
    县长春季检查 and 副县长白城对接 are a 市长's, a 县长's: read as pypinyin reads them."""
    return end == len(text) or text[end] in _NAME_ENDS or end - start >= 3


def _slug(text: str, limit: int) -> str:
    from pypinyin import lazy_pinyin  # (imported when first needed: see the module's doc)

    return _join(lazy_pinyin(text, errors="default"), limit)


def _join(pieces: list[str], limit: int) -> str:
    words: list[str] = []
    for piece in pieces:
        words.extend(_SAFE.findall(piece.lower()))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "item"


def known_slugs() -> dict[Key, str]:
    """The slugs worked out in this process so far, by (name, limit, places)."""
    return dict(_KNOWN)


def learn_slugs(slugs: dict[Key, str]) -> None:
    """Slugs worked out before, by this code and this pypinyin (ssg/slug_cache.py): not
    worked out again, so pypinyin is not loaded for them."""
    _KNOWN.update(slugs)


class Prefetch:
    """A forked process that loads pypinyin as soon as it starts, and works out the slugs of
    the (name, limit) pairs asked of it later: started before the build parses its content
    (which names it needs), it has the dictionary ready by the time they are known, and the
    build no longer waits 0.2 s for it. Where the last build's slugs are known (ssg/
    slug_cache.py), it is forked only if a name is new (`eager` False). Where pypinyin is
    loaded already, or forking is not safe (other threads: `ssg serve` after its first
    build), there is no process and each slug is worked out when first asked for (the same
    slugs). A context manager: leaving it ends the process, asked or not."""

    def __init__(self, eager: bool = True) -> None:
        """`eager` False: the process is forked only when asked for a slug not known yet
        (ssg/slug_cache.py: the last build's are), and not at all when none is."""
        self._pid = 0
        self._requests = self._results = -1
        self._lazy = not eager
        if eager:
            self._fork()

    def _fork(self) -> None:
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

    def ask(
        self, requests: Iterable[tuple[str, int]], readings: Iterable[tuple[str, int]] = ()
    ) -> Callable[[], None]:
        """Send the process what to work out (once): pinyin_slug's slugs of `requests` and
        new_slug's of `readings`, each (name, limit). Returns what waits for them and keeps
        them (later calls do nothing)."""
        asked = {(n, k, False) for n, k in requests} | {(n, k, True) for n, k in readings}
        wanted = sorted(key for key in asked if key not in _KNOWN)
        if self._lazy and wanted:
            self._fork()  # (it loads pypinyin now: the build waits for it, for a new name)
        self._lazy = False
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

    def _join(self, wanted: list[Key]) -> None:
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
        out = pickle.dumps([_work_out(key) for key in wanted])
    except BaseException:
        code, out = 1, b""
    try:
        with os.fdopen(result_w, "wb") as pipe:
            pipe.write(out)
    finally:
        os._exit(code)


def unique_slugs(
    names: Iterable[str],
    reading: Callable[[str], str] = pinyin_slug,
    taken: Iterable[str] = (),
) -> dict[str, str]:
    """A slug per name; homophones (same `reading`) get -2, -3 … in sorted order of the
    names. None is one of `taken` (slugs that are someone else's already)."""
    used = set(taken)
    out: dict[str, str] = {}
    for name in sorted(set(names)):
        base = reading(name)
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        out[name] = slug
    return out
