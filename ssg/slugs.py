"""Pinyin slugs for Chinese names: 综合政务 → zong-he-zheng-wu (ARCHITECTURE §1.3)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pypinyin import lazy_pinyin

_SAFE = re.compile(r"[a-z0-9]+")


def pinyin_slug(text: str, limit: int = 48) -> str:
    """市政府召开常务会议 → shi-zheng-fu-zhao-kai-chang-wu-hui-yi, cut at a syllable."""
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
