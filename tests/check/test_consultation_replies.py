"""consultation_replies is computed once per Site: never stale on the Site a hot rebuild makes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from ssg.check.interact import consultation_replies
from ssg.config import load_site_config
from ssg.content.loader import load_content
from ssg.diagnostics import Diagnostics
from ssg.link import Site, link
from tests.sitekit import BUILD_DATE, make_site


def _site(root: Path) -> Site:
    make_site(root, {})
    diags = Diagnostics()
    config = load_site_config(root, diags)
    assert config is not None
    site = link(load_content(root, config.column_types, diags), config, _day(BUILD_DATE), diags)
    assert not diags.sorted()
    return site


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_a_caller_changing_the_list_does_not_change_the_next_answer(tmp_path: Path) -> None:
    site = _site(tmp_path)
    first = consultation_replies(site)
    assert [r.id for r in first] == ["hd/gongnuan"]
    first.clear()
    assert [r.id for r in consultation_replies(site)] == ["hd/gongnuan"]


def test_the_site_of_a_hot_rebuild_has_the_new_version_of_a_reply(tmp_path: Path) -> None:
    """ssg/hot.py makes the edited site with `with_items`: the listings carry over, the
    replies must not (the 知识库 and the report would show the reply as it was)."""
    site = _site(tmp_path)
    (reply,) = consultation_replies(site)
    edited = dataclasses.replace(reply, title="关于供暖时间的答复")
    hot = site.with_items({reply.id: edited})
    assert [r.title for r in consultation_replies(hot)] == ["关于供暖时间的答复"]
    assert [r.title for r in consultation_replies(site)] == ["关于供暖的答复"]
