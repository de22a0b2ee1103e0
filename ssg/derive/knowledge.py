"""The 知识库 at /zsk/ (RULES INTERACT-06; 吉林办法 第二十二条 “定期整理咨询答复形成知识库”).

Every published 咨询答复 — a 留言答复 not in an 在线访谈 or 征集调查 column
(interact.consultation_replies) — grouped by its `topic` (a reply without one goes under its
答复部门, which names the subject well enough: 市教育局 answers about schools), newest answer first, with the statistics INTERACT-03 asks a reply column to show: messages received,
answered, and the average days from receiving to answering. The figures come from
data/messages.csv when the site has it (every 政务咨询类 message, public or not: not the rows
of 网上信访、纪检举报、在线访谈、调查征集, which INTERACT-02 leaves out too), else from the
published replies themselves.

Topics are ordered by their pinyin with 吉林's place names read as places (长岭县… under c,
not z: ssg/place_readings.py) where they are places (市长春节慰问 is a 市长's, under shi-zhang),
as slugs.new_slug reads them. Only the order and the anchors: no URL is made from this reading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ssg.check.interact import (
    EXCLUDED_CHANNEL_NAMES,
    MESSAGES_FILE,
    consultation_messages,
    consultation_replies,
    read_messages,
)
from ssg.content.model import Reply
from ssg.link import Site
from ssg.slugs import new_slug

SORT_LIMIT = 200  # characters of pinyin a topic is ordered by

URL = "/zsk/"


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    anchor: str  # id of its heading on the page
    replies: tuple[Reply, ...]  # newest answer first


@dataclass(frozen=True, slots=True)
class Stats:
    received: int
    answered: int
    average_days: float | None  # None: nothing answered yet
    published: int  # published replies
    source: str  # the 政务咨询类 rows of 留言数据 (data/messages.csv), or 已公开的留言答复
    first: dt.date | None  # the period the figures cover (受理日期)
    last: dt.date | None


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    topics: tuple[Topic, ...]
    stats: Stats

    @property
    def replies(self) -> int:
        return sum(len(t.replies) for t in self.topics)


def reading_requests(site: Site) -> Iterator[tuple[str, int]]:
    """The topics whose readings knowledge_base orders them by (slugs.Prefetch `readings`):
    worked out beside the build, which then never loads pypinyin's dictionary itself."""
    for item in consultation_replies(site):
        yield _topic_of(item), SORT_LIMIT


def sort_reading(name: str) -> str:
    """The pinyin a topic is ordered by: 长岭县农村公路 → chang-ling-xian-nong-cun-gong-lu.

    slugs.new_slug's reading itself, whose rules decide where a place name is one (副市长春耕,
    市长春节 are a 市长's: shi-zhang). It had been rebuilt here from the parts around every
    place name, which read those as 长春 (shi-chang-chun) and sorted them among shi-c…."""
    return new_slug(name, SORT_LIMIT)


def topic_anchors(names: list[str]) -> dict[str, str]:
    """Each topic's anchor on the page, from its reading (topic-cheng-xiang-jian-she): the
    same for as long as the topic exists. They were numbered by position, so a topic that
    gained a reply, or a new one, renumbered the others and a link to 知识库#topic-3 found
    another topic. Topics read alike (公示, 公式; or cut at the same length) are told apart by
    -2, -3 … in the order of their names."""
    anchors: dict[str, str] = {}
    taken: dict[str, int] = {}
    for name in sorted(names, key=lambda n: (sort_reading(n), n)):
        base = f"topic-{sort_reading(name)}"
        taken[base] = taken.get(base, 0) + 1
        anchors[name] = base if taken[base] == 1 else f"{base}-{taken[base]}"
    return anchors


def _topic_of(reply: Reply) -> str:
    return reply.topic.strip() or reply.department.strip()


def knowledge_base(site: Site, root: Path) -> KnowledgeBase:
    # The answers to citizens' questions (咨询答复, 吉林办法 第二十二条), not those of every
    # public channel: an interview's or a survey's answers are published in their own column
    # and counted in the annual report under it, and 信访、举报 are no 咨询建言渠道
    # (INTERACT-01). The same replies as the report's 公开答复数量 (consultation_replies).
    replies = sorted(consultation_replies(site), key=lambda r: (-r.replied.timestamp(), r.id))
    groups: dict[str, list[Reply]] = {}
    for reply in replies:
        groups.setdefault(_topic_of(reply), []).append(reply)
    # The biggest topics first, then in pinyin order (as a Chinese index is read).
    names = sorted(groups, key=lambda n: (-len(groups[n]), sort_reading(n), n))
    anchors = topic_anchors(names)
    topics = tuple(Topic(name, anchors[name], tuple(groups[name])) for name in names)
    return KnowledgeBase(topics, _stats(root, replies, site.build_date))


def _stats(root: Path, replies: list[Reply], today: dt.date) -> Stats:
    # 办结 by the build date, the input of every time-based figure: an answer dated later (an
    # export taken after it) has not been given yet. Every row is received by then: one
    # received later is MESSAGES-04 in the load stage (interact._received_after), an error no
    # allow.yaml accepts, and the build stops before the render (render_knowledge_base, the
    # only caller).
    # The average leaves out a row answered before it was received, or on a day that cannot
    # be read (counted as 办结, Message.answered_undated): no days to count. Both are errors at
    # the row, as a reply item's dates in the wrong order are (INTERACT-03); the annual
    # report counts the same way.
    if (root / MESSAGES_FILE).is_file():
        # The 政务咨询类 rows, as the annual report's 留言办理 counts them: the export holds
        # every channel of the platform, and a 信访 case is no answered question (INTERACT-06).
        messages = consultation_messages(read_messages(root)[0])
        answered = [m for m in messages if m.answered_by(today)]
        days = [
            (m.replied - m.received).days
            for m in answered
            if m.replied is not None and m.replied >= m.received
        ]
        received = [m.received for m in messages]
        return Stats(
            received=len(messages),
            answered=len(answered),
            average_days=round(sum(days) / len(days) + 1e-9, 1) if days else None,
            published=len(replies),
            source=f"留言数据中的政务咨询类留言（不含{'、'.join(EXCLUDED_CHANNEL_NAMES)}）",
            first=min(received, default=None),
            last=max(received, default=None),
        )
    # (a reply item answered before it was received is invalid input and never gets here)
    came = [r for r in replies if r.received.date() <= today]
    given = [r for r in came if r.replied.date() <= today]
    spans = [(r.replied.date() - r.received.date()).days for r in given]
    stamps = [r.received.date() for r in came]
    return Stats(
        received=len(came),
        answered=len(given),
        average_days=round(sum(spans) / len(spans) + 1e-9, 1) if spans else None,
        published=len(replies),
        source="已公开的留言答复",
        first=min(stamps, default=None),
        last=max(stamps, default=None),
    )
