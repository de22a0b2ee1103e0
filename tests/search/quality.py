"""Search quality: recall@10 and precision@5 per kind of query, for any backend.

recall@10 = relevant items among the first 10 results / min(10, relevant items);
precision@5 = relevant items among the first 5 / min(5, relevant items) — so that a query
with one relevant item scores 1.0 when that item comes first. Means per kind of query.
Used by tests/search/test_quality.py and bench/search_bench.py.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ssg.search import engine, tokenize
from ssg.search.documents import SearchDoc

JUDGED = Path(__file__).parent / "judged.yaml"
KINDS = ("zh", "pinyin", "initials", "typo", "docno", "mixed", "joined")
GENERATED_KINDS = ("substring", "pinyin", "initials", "homophone")


@dataclass(frozen=True)
class Judged:
    q: str
    kind: str
    relevant: frozenset[str]


@dataclass
class Score:
    queries: int = 0
    recall: float = 0.0
    precision: float = 0.0
    misses: list[str] = field(default_factory=list)

    @property
    def recall_at_10(self) -> float:
        return self.recall / self.queries if self.queries else 0.0

    @property
    def precision_at_5(self) -> float:
        return self.precision / self.queries if self.queries else 0.0


def load_judged(path: Path = JUDGED) -> list[Judged]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Judged(str(q["q"]), q["kind"], frozenset(q["relevant"])) for q in data["queries"]]


def evaluate(
    source: engine.Source, queries: Sequence[Judged], keys: Sequence[str]
) -> dict[str, Score]:
    """Scores per kind; `keys[n]` is the item id of document n."""
    scores: dict[str, Score] = {}
    for query in queries:
        answer = engine.search(query.q, source)
        found = [keys[r["id"]] for r in answer["results"][:10]]
        score = scores.setdefault(query.kind, Score())
        score.queries += 1
        wanted = query.relevant
        recall = len(set(found[:10]) & wanted) / min(10, len(wanted))
        precision = len(set(found[:5]) & wanted) / min(5, len(wanted))
        score.recall += recall
        score.precision += precision
        if recall < 1:
            score.misses.append(f"{query.q}: {recall:.2f} {found[:5]}")
    return scores


# --- queries generated from items of a generated corpus -------------------------------------


def _common_chars() -> dict[str, list[str]]:
    """reading → the GB 2312 level-1 characters (the 3,755 most common) that read so."""
    out: dict[str, list[str]] = {}
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                char = bytes((hi, lo)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            readings = tokenize.readings(char)
            if readings:
                out.setdefault(readings[0], []).append(char)
    return out


def _title_word(doc: SearchDoc, rng: random.Random) -> str:
    """A word of the title: a keyword found in it, else four characters of it."""
    title = tokenize.normalise(doc.title)
    words = [
        k
        for k in doc.keywords.split("\n")
        if 3 <= len(k) <= 8 and k in title and all(tokenize.is_han_char(c) for c in k)
    ]
    if words:
        return rng.choice(sorted(words))
    runs = [r.text for r in tokenize.runs(title) if r.han and len(r.text) >= 4]
    if not runs:
        return ""
    run = rng.choice(runs)
    start = rng.randrange(len(run) - 3)
    return run[start : start + 4]


def generated_queries(docs: Sequence[SearchDoc], per_kind: int, seed: int = 8) -> list[Judged]:
    """Per picked item: a piece of its title, the pinyin and the initials of a title word,
    that word with one character swapped for a homophone. Relevant: the items whose title
    holds the piece, or whose title or keywords hold the word."""
    from pypinyin import Style, lazy_pinyin

    rng = random.Random(seed)
    common = _common_chars()
    titles = [tokenize.normalise(d.title) for d in docs]
    fields = [t + "\n" + tokenize.normalise(d.keywords) for t, d in zip(titles, docs, strict=True)]
    out: list[Judged] = []
    counts = dict.fromkeys(GENERATED_KINDS, 0)
    picks = list(range(len(docs)))
    rng.shuffle(picks)
    for n in picks:
        if all(c >= per_kind for c in counts.values()):
            break
        doc = docs[n]
        runs = [r.text for r in tokenize.runs(titles[n]) if r.han and len(r.text) >= 3]
        if runs and counts["substring"] < per_kind:
            run = rng.choice(runs)
            size = rng.randint(2, min(6, len(run)))
            start = rng.randrange(len(run) - size + 1)
            piece = run[start : start + size]
            relevant = frozenset(d.key for d, t in zip(docs, titles, strict=True) if piece in t)
            out.append(Judged(piece, "substring", relevant))
            counts["substring"] += 1
        word = _title_word(doc, rng)
        if not word:
            continue
        relevant = frozenset(d.key for d, f in zip(docs, fields, strict=True) if word in f)
        syllables = lazy_pinyin(word, style=Style.NORMAL)
        if counts["pinyin"] < per_kind:
            out.append(Judged("".join(syllables), "pinyin", relevant))
            counts["pinyin"] += 1
        if counts["initials"] < per_kind:
            out.append(Judged("".join(s[0] for s in syllables), "initials", relevant))
            counts["initials"] += 1
        if counts["homophone"] < per_kind:
            spots = list(range(len(word)))
            rng.shuffle(spots)
            for i in spots:
                reading = tokenize.readings(word[i])
                others = [c for c in common.get(reading[0], []) if c != word[i]] if reading else []
                if others:
                    typo = word[:i] + rng.choice(others) + word[i + 1 :]
                    out.append(Judged(typo, "homophone", relevant))
                    counts["homophone"] += 1
                    break
    return out
