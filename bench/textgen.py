"""Assemble Chinese titles and bodies from the phrase lists in vocabulary.py.

All randomness comes from the `random.Random` handed in, so the same seed gives the same text.
Templates are compiled once into (literal, slot) parts: filling is the hot loop of the generator
(tens of sentences per item, 50 000 items), and a regex substitution per sentence would be its
largest cost. Sentence templates are dealt from a shuffled deck per list rather than drawn with
replacement, so a body does not say the same sentence twice in a row.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import vocabulary as v

T = TypeVar("T")

Ctx = Mapping[str, str]
Templates = tuple[str, ...]

_SLOT = re.compile(r"\{(\w+)\}")
MAX_BODY = 1500

# Slots filled from a word list when the item does not supply its own value.
SLOTS: dict[str, tuple[str, ...]] = {
    "city": (v.CITY,),
    "act": v.ACTIONS,
    "time": v.TIMES,
    "meeting": v.MEETINGS,
    "meeting_verb": v.MEETING_VERBS,
    "activity": v.ACTIVITIES,
    "goal": v.GOALS,
    "measure": v.MEASURES,
    "unit": v.UNITS,
    "place": v.PLACES,
    "street": v.STREETS,
    "road": v.ROADS,
    "community": v.COMMUNITIES,
    "road2": v.ROADS,
    "road3": v.ROADS,
    "half": v.HALVES,
    "batch": v.BATCHES,
    "unit_name": v.PERSONNEL_UNITS,
    "cause": v.REPLY_CAUSES,
    "subject": ("全市各级各部门", "我市", "各县（市、区）", "市直有关部门"),
    "obj": tuple(obj for topic in v.TOPICS for obj in topic.objects),
    "dept": tuple(d.name for d in v.DEPARTMENTS),
    "dept_short": tuple(d.short for d in v.DEPARTMENTS),
}


def cn_date(day: dt.date) -> str:
    """2024-05-12 → 2024年5月12日, the way dates are written in Chinese official text."""
    return f"{day.year}年{day.month}月{day.day}日"


class Writer:
    """Fills templates and builds bodies; one per corpus, sharing the corpus' random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._compiled: dict[str, tuple[str, ...]] = {}
        self._decks: dict[Templates, list[int]] = {}
        self._numbers: dict[str, Callable[[], str]] = {
            # n2 is smaller than n so "排查 n 处，整改 n2 处" stays plausible.
            "n": lambda: str(rng.randint(100, 980)),
            "n2": lambda: str(rng.randint(10, 99)),
            "n3": lambda: str(rng.randint(3, 5)),
            "pct": lambda: f"{rng.uniform(1.0, 15.0):.1f}",
            "pct2": lambda: f"{rng.uniform(0.1, 3.0):.1f}",
            "phone": self.phone,
        }

    # ---- template filling ---------------------------------------------------------------

    def _parts(self, template: str) -> tuple[str, ...]:
        parts = self._compiled.get(template)
        if parts is None:
            # re.split with one group alternates literal, slot, literal, … (even = literal).
            parts = tuple(_SLOT.split(template))
            self._compiled[template] = parts
        return parts

    def fill(self, template: str, ctx: Ctx) -> str:
        parts = self._parts(template)
        out = [parts[0]]
        for index in range(1, len(parts), 2):
            out.append(self._slot(parts[index], ctx))
            out.append(parts[index + 1])
        return "".join(out)

    def _slot(self, name: str, ctx: Ctx) -> str:
        value = ctx.get(name)
        if value is not None:
            return value
        words = SLOTS.get(name)
        if words is not None:
            return words[self.rng.randrange(len(words))]
        return self._numbers[name]()  # KeyError here means a template names an unknown slot

    def pick(self, words: Sequence[T]) -> T:
        return words[self.rng.randrange(len(words))]

    def draw(self, templates: Templates) -> str:
        """The next template from this list's shuffled deck (reshuffled when used up)."""
        deck = self._decks.get(templates)
        if not deck:
            deck = list(range(len(templates)))
            self.rng.shuffle(deck)
            self._decks[templates] = deck
        return templates[deck.pop()]

    def sentence(self, templates: Templates, ctx: Ctx) -> str:
        return self.fill(self.draw(templates), ctx)

    def phone(self) -> str:
        return f"0430-8{self.rng.randint(0, 999999):06d}"

    def person_name(self) -> str:
        given = self.pick(v.GIVEN_CHARS)
        if self.rng.random() < 0.7:
            given += self.pick(v.GIVEN_CHARS)
        return self.pick(v.SURNAMES) + given

    # ---- building blocks ----------------------------------------------------------------

    def target_length(self) -> int:
        """Body length in characters: most bodies are 500–900, a few reach the 1500 cap."""
        return int(self.rng.triangular(300, 1300, 650))

    def paragraphs(self, templates: Templates, ctx: Ctx, budget: int) -> list[str]:
        """Paragraphs of 2–4 sentences until about *budget* characters are written."""
        paras: list[str] = []
        used = 0
        while used < budget:
            count = self.rng.randint(2, 4)
            para = "".join(self.sentence(templates, ctx) for _ in range(count))
            paras.append(para)
            used += len(para)
        return paras

    def numbered_list(self, templates: Templates, ctx: Ctx, count: int) -> str:
        return "\n".join(f"{i}. {self.sentence(templates, ctx)}" for i in range(1, count + 1))

    def task_table(self, ctx: Ctx, rows: int) -> str:
        """A 重点任务分工表, the commonest table in policy texts."""
        lines = ["| 序号 | 重点任务 | 责任单位 | 完成时限 |", "| --- | --- | --- | --- |"]
        for i in range(1, rows + 1):
            task = self.fill("{act}{obj}", ctx)
            dept = self.pick(SLOTS["dept_short"])
            due = f"{ctx['y2']}年{self.rng.randint(3, 12)}月底前"
            lines.append(f"| {i} | {task} | {dept} | {due} |")
        return "\n".join(lines)

    def name_table(self, count: int) -> str:
        """A 公示名单: the table personnel and award notices carry."""
        rows = ["| 序号 | 姓名 | 性别 | 拟聘岗位 |", "| --- | --- | --- | --- |"]
        for i in range(1, count + 1):
            gender = self.pick(("男", "女"))
            post = self.pick(SLOTS["dept_short"]) + "所属事业单位专业技术岗位"
            rows.append(f"| {i} | {self.person_name()} | {gender} | {post} |")
        return "\n".join(rows)

    def project_table(self, ctx: Ctx, count: int) -> str:
        rows = ["| 序号 | 项目名称 | 申报单位 |", "| --- | --- | --- |"]
        for i in range(1, count + 1):
            place = self.pick(v.PLACES)
            rows.append(f"| {i} | {place}{ctx['obj'].strip('“”')}项目 | {place}人民政府 |")
        return "\n".join(rows)

    # ---- bodies per content type --------------------------------------------------------

    def policy_body(self, ctx: Ctx, sign: str) -> str:
        budget = self.target_length()
        blocks = [self.pick(v.POLICY_OPENINGS), self.sentence(v.POLICY_INTRO, ctx)]
        headings = self.pick(v.HEADINGS)
        per_section = max(60, budget // len(headings) - 40)
        for heading in headings:
            blocks.append(f"## {heading}")
            if self.rng.random() < 0.25:
                blocks.append(self.numbered_list(v.POLICY_SENTENCES, ctx, self.rng.randint(2, 3)))
            else:
                blocks.extend(self.paragraphs(v.POLICY_SENTENCES, ctx, per_section))
        tail = [self.sentence(v.POLICY_CLOSINGS, ctx)]
        if self.rng.random() < 0.08:
            tail.append("附表：重点任务分工表\n\n" + self.task_table(ctx, self.rng.randint(3, 5)))
        tail.append(sign)
        return fit(blocks, tail)

    def interpretation_body(self, ctx: Ctx) -> str:
        budget = self.target_length()
        headings = self.pick(v.INTERPRETATION_HEADINGS)
        blocks: list[str] = []
        for heading in headings:
            blocks.append(f"## {heading}")
            blocks.extend(
                self.paragraphs(v.INTERPRETATION_SENTENCES, ctx, budget // len(headings) - 30)
            )
        return fit(blocks)

    def news_body(self, ctx: Ctx) -> str:
        budget = self.target_length()
        blocks = [self.sentence(v.NEWS_OPENINGS, ctx)]
        blocks.extend(self.paragraphs(v.NEWS_SENTENCES, ctx, budget - len(blocks[0])))
        if self.rng.random() < 0.05:
            items = [f"- {self.fill('{act}{obj}', ctx)}" for _ in range(self.rng.randint(3, 5))]
            blocks.insert(2, "下一步重点工作：\n\n" + "\n".join(items))
        return fit(blocks)

    def notice_body(self, family: str, ctx: Ctx, sign: str, table: str = "") -> str:
        """A notice says its family's sentences in order, in two paragraphs."""
        opening = v.NOTICE_OPENINGS[family]
        blocks = [opening] if opening else []
        own = [self.fill(t, ctx) for t in v.NOTICE_SENTENCES[family]]
        split = self.rng.randint(1, len(own) - 1)
        blocks += ["".join(own[:split]), "".join(own[split:])]
        if table:
            blocks.append(table)
        return fit(blocks, [v.NOTICE_CLOSINGS[family], sign])

    def stats_body(self, ctx: Ctx) -> str:
        blocks = self.paragraphs(v.STATS_SENTENCES, ctx, self.target_length() - 200)
        rows = ["| 指标 | 单位 | 数值 | 同比增长（%） |", "| --- | --- | --- | --- |"]
        for name, unit in (
            ("社会消费品零售总额", "亿元"),
            ("一般公共预算收入", "亿元"),
            ("城镇新增就业", "人"),
            ("居民人均可支配收入", "元"),
        ):
            rows.append(f"| {name} | {unit} | {self._numbers['n']()} | {self._numbers['pct']()} |")
        return fit(blocks, ["\n".join(rows)])

    def reply_body(self, ctx: Ctx) -> str:
        blocks = [self.pick(v.REPLY_GREETINGS), self.fill(v.REPLY_RECEIVED, ctx)]
        # Real answers are short: one pass through the deck at most, so nothing repeats.
        blocks.extend(self.paragraphs(v.REPLY_SENTENCES, ctx, self.rng.randint(250, 420)))
        return fit(blocks, [self.pick(v.REPLY_CLOSINGS), ctx["department"]])

    def service_body(self, ctx: Ctx) -> str:
        intro = "".join(self.fill(t, ctx) for t in v.SERVICE_INTROS)
        tips = "\n".join(f"- {note}。" for note in self.rng.sample(v.SERVICE_NOTES, 3))
        ways = self.fill(v.SERVICE_WAYS, ctx)
        return fit(
            [intro, "## 办理方式", ways, "## 温馨提示", tips, self.fill(v.SERVICE_OUTRO, ctx)]
        )

    def page_body(self, sections: Sequence[tuple[str, str]], ctx: Ctx) -> str:
        """A 单页: its fixed section heads and texts, then general background."""
        blocks: list[str] = []
        for heading, text in sections:
            blocks.append(f"## {heading}")
            blocks.append(self.fill(text, ctx))
        blocks.append("## 发展成就")
        blocks.extend(self.paragraphs(v.PAGE_SENTENCES, ctx, 260))
        return fit(blocks)


def fit(blocks: list[str], tail: Sequence[str] = ()) -> str:
    """Join blocks and tail, dropping paragraphs at the end of *blocks* until under the cap.

    The tail (closing formula, sign-off, a table) is what makes the text look official, so it
    always stays; a heading left with nothing under it goes too.
    """
    total = sum(len(b) + 2 for b in blocks) + sum(len(t) + 2 for t in tail)
    while total > MAX_BODY and len(blocks) > 2:
        total -= len(blocks.pop()) + 2
        if blocks[-1].startswith("## "):
            total -= len(blocks.pop()) + 2
    return "\n\n".join([*blocks, *tail])
