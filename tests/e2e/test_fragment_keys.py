"""The theme's fragments (ssg/fragments.py) are keyed by everything they read: the sample
portal rendered with every fragment made afresh for each page is the same, page for page,
as the one rendered with them made once per key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from pathlib import Path

import pytest

from ssg.build import build
from ssg.build_types import BuildOptions
from ssg.fragments import FragmentCache
from tests.e2e.conftest import REPO, sample_date


def _afresh(self: FragmentCache, key: tuple[Hashable, ...], caller: Callable[[], str]) -> str:
    return caller()


def test_every_page_is_the_same_with_fragments_made_afresh(
    public: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FragmentCache, "_cached", _afresh)
    out = tmp_path / "public"
    day = dt.date.fromisoformat(sample_date())
    result = build(BuildOptions(REPO, out, day, cache=False, jobs=1))
    assert result.written
    pages = sorted(p.relative_to(public) for p in public.rglob("*.html"))
    assert len(pages) > 100
    differ = [p for p in pages if (out / p).read_bytes() != (public / p).read_bytes()]
    assert differ == []
