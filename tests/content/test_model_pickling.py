"""ssg/content/model.py: items pickle with their fields worked out once per class (issue 9).

A cold build's forked parse sends 4,400 items of a 10k site back pickled (ssg/forked.py) and
the parse cache keeps them all; Python's own state for a frozen slots dataclass looked up
`dataclasses.fields` for every object, both ways."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle

import pytest

from ssg.content.model import (
    Attachment,
    Column,
    Gap,
    Location,
    Material,
    Policy,
    Service,
)

POLICY = Policy(
    id="zwgk/zcwj/2026-1",
    column="zwgk/zcwj",
    location=Location("content/zwgk/zcwj/2026-1.md", {"title": 2, "issuer": 3}, 12),
    title="关于印发某办法的通知",
    date=dt.datetime(2026, 11, 1, 9, 30),
    keywords=("办法", "通知"),
    allow={"CONTENT-08": "引用原文"},
    body_md="正文",
    issuer="某市人民政府办公室",
    written=dt.datetime(2026, 10, 28),
    index_number="11220100MB0000000A/2026-00001",
    topic="综合政务",
    doc_number="某政办发〔2026〕1号",
    attachments=(Attachment("a.pdf", "附件一"),),
)
SERVICE = Service(
    id="bsfw/s1",
    column="bsfw",
    location=Location("content/bsfw/s1.md"),
    title="某证办理",
    basis=("某法",),
    conditions="无",
    materials=(Material("身份证", "原件", 1),),
    address="某路1号",
    agency="某局",
    fees="不收费",
    hours="工作日",
    phone="0431-00000000",
    process="受理、审核、办结",
    time_limit="5个工作日",
    notes=("须知",),
    online="是",
)
COLUMN = Column(
    id="news", location=Location("content/news/_index.md"), title="新闻", update=Gap(2, "w")
)


@pytest.mark.parametrize("value", [POLICY, SERVICE, COLUMN], ids=["policy", "service", "column"])
def test_a_pickled_value_loads_back_equal_without_dataclasses_fields(
    value: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow(_value: object) -> tuple[dataclasses.Field[object], ...]:
        raise AssertionError("dataclasses.fields looked up for one object")

    monkeypatch.setattr(dataclasses, "fields", slow)
    back = pickle.loads(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    monkeypatch.undo()
    assert back == value
    assert repr(back) == repr(value)  # (fields that do not compare too: lines, allow)
    assert type(back) is type(value)


def test_the_state_python_wrote_before_still_loads() -> None:
    """Parse caches pickled with the dataclasses' own state (a list of the field values in
    order) load into the same items: the cache's format did not change."""
    for value in (POLICY, SERVICE, COLUMN, POLICY.location, SERVICE.materials[0]):
        state = [getattr(value, f.name) for f in dataclasses.fields(value)]  # type: ignore[arg-type]
        fresh = object.__new__(type(value))
        fresh.__setstate__(state)  # type: ignore[attr-defined]
        assert repr(fresh) == repr(value)
