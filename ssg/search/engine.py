"""The search itself: matching, ranking, facets, groups, snippets, suggestions and corrections.

Both backends run this code over their own store (`Source`): the client index's files
(client_index.ClientSource, and search.js, which mirrors this module line by line) and the
whoosh index (whoosh_index.WhooshSource). Scores are integers, so that Python and JavaScript
rank identically.

Ranking, in order of weight:
- field: a query token found in the title scores 60, in the keywords (or doc number, item code,
  name) 30, in the body 10 (15 when it occurs three times or more); a clause whose tokens all
  lie in the title scores 40 more, when they stand in order one character apart (a phrase);
- reading: the text as typed counts in full, read as full pinyin 90 %, as initials 80 %;
- type: services and policies first (110 %), interpretations 105 %, news 95 %; words of intent
  (办理, 申请 → services; 解读 → interpretations; 答复, 投诉 → replies; 公告 → notices) lift their
  type to 130 %;
- ties: newer first (documents are numbered newest first).

Matching: traditional characters are folded to simplified first (hant.fold). Every word
(clause) of the query must be found, by one of its readings; of three words or more, all but
one (a word typed twice counts once; a lone letter beside longer words only adds to the
score). A Chinese run is found by its bigrams, all of them for a run of two or three
characters, else all but those that may straddle two words typed run together
(tokenize.least_bigrams: 停水通知 finds 关于临时停水的通知, 补办身份证 finds
居民身份证补办指南), the way Lucene's minimum_should_match does. Documents that hold every
clause in full rank before all others, whatever their scores, and of those, when the query
is one whole 发文字号, the document with that number first; what a partial match holds of a
run is marked. A query that finds fewer than three documents holding every character of its
Chinese runs (engine.complete: words held apart count, a character in none of the bigrams a
document holds does not) is tried again split at everyday words (如何, 怎么办, 在哪 …, its
words of intent such as 材料 then optional, the last syllable of pinyin read as unfinished:
tokenize.unfinished_alternatives), then corrected (您是不是要找): a Chinese word that
sounds like a word of the site's titles and keywords, or (of four characters or more) is one
character off a whole term, is replaced; failing that, the characters of a run that are in
no title or keywords bigram, as a word of their own (停水同知 → 停水通知). A correction is
offered when it finds more such documents than the query as typed; its results are shown
instead when the query as typed found none.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ssg.search import hant, tokenize
from ssg.search.documents import TYPE_LABELS, TYPE_ORDER
from ssg.search.tokenize import Alternative, Plan

PAGE_SIZE = 10
GROUP_SIZE = 3
FEW = 3  # fewer results than this: try without everyday words, then look for a correction
MOST_OF = 3  # a query of this many words or more matches documents that hold all but one
FIX_ANY_CHAR = 4  # a word of this many characters or more is corrected one character off
SNIPPET = 120
# Title offsets from here on are stored as this one (the client index keeps a byte per
# offset; WhooshSource clamps its own to match): where a token stands that far into a
# title is unknown, so it scores as in the title but in no order.
LAST_OFFSET = 255
SUGGESTIONS = 8

POINTS_TITLE = 60
POINTS_KEYWORDS = 30
POINTS_BODY = 10
POINTS_BODY_OFTEN = 15
BONUS_TITLE = 40

TYPE_WEIGHT = {
    "service": 110,
    "policy": 110,
    "interpretation": 105,
    "notice": 100,
    "reply": 100,
    "leader": 100,
    "page": 100,
    "news": 95,
}
INTENT_WEIGHT = 130
INTENTS = tokenize.INTENTS


@dataclass(frozen=True, slots=True)
class Postings:
    """Where one token occurs: title (document → offset of its first occurrence),
    keywords (document set) and body (document → 1 when it occurs three times or more)."""

    title: Mapping[int, int] = field(default_factory=dict)
    keywords: frozenset[int] = frozenset()
    body: Mapping[int, int] = field(default_factory=dict)

    def docs(self) -> set[int]:
        found = set(self.title)
        found.update(self.keywords)
        found.update(self.body)
        return found


EMPTY = Postings()


@dataclass(frozen=True, slots=True)
class Fragment:
    """What a result shows: title, URL, date and the start of the body text."""

    title: str
    url: str
    date: str
    body: str
    site: str = ""


@dataclass(frozen=True, slots=True)
class Term:
    """A suggestion: text from titles and keywords, its pinyin and its initials (each way to
    read it, "|"-joined), how many documents it comes from."""

    text: str
    pinyin: str
    initials: str
    count: int


class Source(Protocol):
    """A backend's store, as the engine reads it: per document (numbered newest first) its
    type (index in TYPE_ORDER), facet column, year ("" when undated) and site."""

    @property
    def types(self) -> Sequence[int]: ...

    @property
    def columns(self) -> Sequence[int]: ...

    @property
    def years(self) -> Sequence[str]: ...

    @property
    def sites(self) -> Sequence[int]: ...

    @property
    def column_keys(self) -> Sequence[str]: ...

    @property
    def column_labels(self) -> Sequence[str]: ...

    @property
    def site_keys(self) -> Sequence[str]: ...

    def postings(self, tokens: Iterable[str]) -> dict[str, Postings]: ...

    def fragments(self, ids: Iterable[int]) -> dict[int, Fragment]: ...

    def terms(self) -> Sequence[Term]: ...

    @property
    def synonyms(self) -> Sequence[tuple[str, ...]]:
        """The groups of synonyms queries are read with (synonyms.load_synonyms)."""
        ...


@dataclass(frozen=True, slots=True)
class Filters:
    type: str = ""
    column: str = ""
    year: str = ""
    site: str = ""


# --- matching and ranking -------------------------------------------------------------------


def alternative_docs(alt: Alternative, postings: Mapping[str, Postings]) -> dict[int, int]:
    """Documents that hold enough of the alternative's tokens (every one, or `least`), with
    how many they hold (a token repeated in the alternative counts each time)."""
    if not alt.least:
        found: set[int] | None = None
        for token in alt.tokens:
            docs = postings.get(token, EMPTY).docs()
            found = docs if found is None else found & docs
            if not found:
                return {}
        return dict.fromkeys(found or (), len(alt.tokens))
    counts: dict[int, int] = {}
    for token in alt.tokens:
        for doc in postings.get(token, EMPTY).docs():
            counts[doc] = counts.get(doc, 0) + 1
    return {doc: n for doc, n in counts.items() if n >= alt.least}


def alternative_score(
    alt: Alternative, doc: int, postings: Mapping[str, Postings]
) -> tuple[int, int]:
    """(score, offset in the title where the alternative stands in order, or -1). A token
    the document lacks (an alternative matched by `least`) scores nothing."""
    score = 0
    in_title = True
    first = -1
    in_order = True
    for i, token in enumerate(alt.tokens):
        entry = postings.get(token, EMPTY)
        pos = entry.title.get(doc)
        if pos is not None:
            score += POINTS_TITLE
            if pos >= LAST_OFFSET:
                in_order = False
            elif i == 0:
                first = pos
            elif pos != first + i:
                in_order = False
        else:
            in_title = False
            if doc in entry.keywords:
                score += POINTS_KEYWORDS
            elif doc in entry.body:
                score += POINTS_BODY_OFTEN if entry.body[doc] else POINTS_BODY
    if in_title and (in_order or not alt.phrase):
        score += BONUS_TITLE
    return score * alt.weight // 100, first if in_title and in_order else -1


def uncovered(alt: Alternative, doc: int, postings: Mapping[str, Postings]) -> bool:
    """Whether a character of a Chinese run lies in no bigram the document holds: a typo
    (营商环竟: 竟), not words held apart (身份证补领 in 居民身份证换领、补领: every
    character is in 身份, 份证 or 补领)."""
    held = [doc in postings.get(token, EMPTY).docs() for token in alt.tokens]
    return not all(
        (k > 0 and held[k - 1]) or (k < len(held) and held[k]) for k in range(len(held) + 1)
    )


def found_pieces(alt: Alternative, doc: int, postings: Mapping[str, Postings]) -> list[str]:
    """The parts of a Chinese run that a document holding only some of its bigrams holds:
    consecutive bigrams found, joined (补办 and 身份证 of 补办身份证), for marking."""
    pieces: list[str] = []
    run = ""
    for token in alt.tokens:
        if doc in postings.get(token, EMPTY).docs():
            run = run + token[1:] if run else token
        else:
            if run:
                pieces.append(run)
            run = ""
    if run:
        pieces.append(run)
    return pieces


def span(alt: Alternative) -> int:
    """How many characters of a title an alternative covers when it stands there in order."""
    if alt.kind == "initials":
        return len(alt.tokens[0]) - 1 + len(alt.tokens) - 1
    if alt.tokens[0].startswith("'"):
        return 1
    return len(alt.tokens) + 1


def intent(plan: Plan) -> str:
    for kind, words in INTENTS:
        if any(w in plan.text for w in words):
            return kind
    return ""


@dataclass(frozen=True, slots=True)
class Hit:
    doc: int
    score: int
    alternatives: tuple[tuple[Alternative, int], ...]  # the ones that scored, title offset or -1
    missing: int = 0  # required clauses the document does not hold in full (it ranks lower)
    pieces: tuple[str, ...] = ()  # what it holds of a Chinese run it holds in part
    gap: bool = False  # a character of a run it holds in part is in none of its bigrams
    exact: bool = False  # its own 发文字号 is the whole query (Plan.docno)


def complete(hits: Sequence[Hit]) -> int:
    """How many hits hold every character of the query's Chinese runs (what decides whether
    to retry and correct): words held apart count (身份证补领 in 居民身份证换领、补领), a
    character found in no bigram does not (营商环竟). One that misses a whole word of three
    (MOST_OF) counts, as it always did: a doc number's many 2026 … 20号 neighbours are
    found, not a reason to look for a typo."""
    return sum(1 for h in hits if not h.gap)


def match(plan: Plan, postings: Mapping[str, Postings], types: Sequence[int]) -> list[Hit]:
    """Documents that satisfy every required clause, best first: those that hold every
    clause in full before those that hold a clause in part or miss one (MOST_OF)."""
    required = [ci for ci, c in enumerate(plan.clauses) if c.required]
    if not required:
        return []
    alt_docs = [[alternative_docs(a, postings) for a in c.alternatives] for c in plan.clauses]
    # Every required clause; of three or more, all but one (the rest rank below).
    need = len(required) - 1 if len(required) >= MOST_OF else len(required)
    counts: dict[int, int] = {}
    for ci in required:
        docs: set[int] = set()
        for found in alt_docs[ci]:
            docs.update(found)
        for doc in docs:
            counts[doc] = counts.get(doc, 0) + 1
    candidates = [doc for doc, n in counts.items() if n >= need]
    wanted = intent(plan)
    numbered: set[int] = set()
    if plan.docno:  # the document's own number (tokenize.own_doc_number), in its keywords
        numbered = set.intersection(*(set(postings.get(t, EMPTY).keywords) for t in plan.docno))
    hits: list[Hit] = []
    for doc in candidates:
        score = 0
        missing = 0
        gap = False
        pieces: list[str] = []
        used: list[tuple[Alternative, int]] = []
        for ci, clause in enumerate(plan.clauses):
            best = -1
            chosen: tuple[Alternative, int] | None = None
            whole = False
            for ai, alt in enumerate(clause.alternatives):
                held = alt_docs[ci][ai].get(doc)
                if held is not None:
                    value, start = alternative_score(alt, doc, postings)
                    whole = whole or held == len(alt.tokens)
                    if value > best:
                        best, chosen = value, (alt, start)
            if chosen is not None:
                score += best
                used.append(chosen)
                if not whole:
                    pieces += found_pieces(chosen[0], doc, postings)
                    gap = gap or uncovered(chosen[0], doc, postings)
            if clause.required and not whole:
                missing += 1
        kind = TYPE_ORDER[types[doc]]
        weight = INTENT_WEIGHT if kind == wanted else TYPE_WEIGHT.get(kind, 100)
        hits.append(
            Hit(
                doc,
                score * weight // 100,
                tuple(used),
                missing,
                tuple(pieces),
                gap,
                doc in numbered,
            )
        )
    # The document whose 发文字号 the query is comes first (its number's parts alone would
    # score no more than a neighbour's: 青政办发〔2026〕11号 in 〔2026〕17号's body).
    hits.sort(key=lambda h: (h.missing, not h.exact, -h.score, h.doc))
    return hits


# --- facets, filters, groups ----------------------------------------------------------------


def facets(
    hits: Sequence[Hit], source: Source, filters: Filters = Filters()
) -> dict[str, list[dict[str, Any]]]:
    """Counts per type, column, year and site of the hits that the other chosen filters
    keep: what choosing that value gives (after 2023年, the types of 2023's results), so
    that no facet leads to an empty page."""
    types: dict[int, int] = {}
    columns: dict[int, int] = {}
    years: dict[str, int] = {}
    sites: dict[int, int] = {}
    but = {
        name: dataclasses.replace(filters, **{name: ""})
        for name in ("type", "column", "year", "site")
    }
    for hit in hits:
        t, c, y, s = (
            source.types[hit.doc],
            source.columns[hit.doc],
            source.years[hit.doc],
            source.sites[hit.doc],
        )
        if keep(hit, but["type"], source):
            types[t] = types.get(t, 0) + 1
        if keep(hit, but["column"], source):
            columns[c] = columns.get(c, 0) + 1
        if y and keep(hit, but["year"], source):
            years[y] = years.get(y, 0) + 1
        if keep(hit, but["site"], source):
            sites[s] = sites.get(s, 0) + 1
    return {
        "type": [
            {"value": TYPE_ORDER[t], "label": TYPE_LABELS[TYPE_ORDER[t]], "count": n}
            for t, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "column": [
            {"value": source.column_keys[c], "label": source.column_labels[c], "count": n}
            for c, n in sorted(columns.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "year": [
            {"value": y, "label": f"{y}年", "count": n}
            for y, n in sorted(years.items(), key=lambda kv: kv[0], reverse=True)
        ],
        "site": [
            {"value": source.site_keys[s], "label": source.site_keys[s], "count": n}
            for s, n in sorted(sites.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
    }


def keep(hit: Hit, filters: Filters, source: Source) -> bool:
    doc = hit.doc
    if filters.type and TYPE_ORDER[source.types[doc]] != filters.type:
        return False
    if filters.column and source.column_keys[source.columns[doc]] != filters.column:
        return False
    if filters.year and source.years[doc] != filters.year:
        return False
    return not (filters.site and source.site_keys[source.sites[doc]] != filters.site)


def groups(hits: Sequence[Hit], source: Source) -> list[dict[str, Any]]:
    """Results by type, types in the order of their best result: count and the top few."""
    out: dict[int, dict[str, Any]] = {}
    for hit in hits:
        t = source.types[hit.doc]
        group = out.setdefault(
            t, {"type": TYPE_ORDER[t], "label": TYPE_LABELS[TYPE_ORDER[t]], "count": 0, "ids": []}
        )
        group["count"] += 1
        if len(group["ids"]) < GROUP_SIZE:
            group["ids"].append(hit.doc)
    return list(out.values())


# --- snippets -------------------------------------------------------------------------------


def highlight_terms(plan: Plan, hit: Hit | None, fragment: Fragment) -> list[str]:
    """What to mark in a result: the query's words, and the title's characters that a
    pinyin or initials reading matched (where the title postings place it)."""
    terms = [t for t in plan.terms if len(t) > 1 or not (t.isascii() and t.isalpha())]
    if hit is not None:
        terms += hit.pieces
        title = tokenize.normalise(fragment.title)
        for alt, start in hit.alternatives:
            if alt.kind in ("pinyin", "initials") and start >= 0:
                terms.append(title[start : start + span(alt)])
    return sorted(tokenize.unique(t for t in terms if t), key=lambda t: (-len(t), t))


Segments = list[list[Any]]  # [[text, 1 if marked else 0], …]


def folded(text: str) -> tuple[str, list[int]]:
    """The text as terms are written (tokenize.normalise), and for each of its characters the
    offset of the character of `text` it comes from. NFKC changes lengths (… is ..., ㈠ is
    (一)): a term must mark the characters it was found in, wherever they stand, and the
    offsets are code points on both sides (search.js counts them, not UTF-16 units)."""
    norm = tokenize.normalise(text)
    if len(norm) == len(text) and norm == text.lower():  # (lower-casing never shortens)
        return norm, list(range(len(text)))
    pieces: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        # One character at a time: a term holds only letters, digits and Chinese, which
        # NFKC gives alike for a character alone and within the text.
        piece = _fold_char(char)
        pieces.append(piece)
        origin += [i] * len(piece)
    return "".join(pieces), origin


@functools.lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    """One character as folded (bodies repeat a few thousand characters)."""
    return tokenize.normalise(char)


def segments(
    text: str,
    terms: Sequence[str],
    start: int = 0,
    end: int | None = None,
    folding: tuple[str, list[int]] | None = None,
) -> Segments:
    """text[start:end] as [piece, 1 if marked else 0] runs, the terms marked. `folding`:
    folded(text), when the caller has it."""
    end = len(text) if end is None else end
    lower, origin = folding or folded(text)
    marks = [False] * len(text)
    first = bisect.bisect_left(origin, start)  # where `start` stands in the folded text
    for term in terms:
        at = lower.find(term, first)
        while at >= 0 and origin[at] < end:
            for k in range(at, at + len(term)):
                if origin[k] < end:
                    marks[origin[k]] = True
            at = lower.find(term, at + len(term))
    out: Segments = []
    for k in range(start, end):
        flag = 1 if marks[k] else 0
        if out and out[-1][1] == flag:
            out[-1][0] += text[k]
        else:
            out.append([text[k], flag])
    return out


def snippet(body: str, terms: Sequence[str]) -> Segments:
    folding = lower, origin = folded(body)
    first = -1
    for term in terms:  # longest first
        at = lower.find(term)
        if at >= 0:
            first = origin[at]
            break
    start = max(0, first - 30) if first >= 0 else 0
    end = min(len(body), start + SNIPPET)
    out = segments(body, terms, start, end, folding)
    if start > 0:
        out.insert(0, ["…", 0])
    if end < len(body):
        out.append(["…", 0])
    return out


# --- the search -----------------------------------------------------------------------------


def run(plan: Plan, source: Source) -> list[Hit]:
    return match(plan, source.postings(plan.tokens), source.types)


def search(
    query: str,
    source: Source,
    filters: Filters = Filters(),
    page: int = 1,
    grouped: bool = False,
) -> dict[str, Any]:
    """The answer to one query, as the server sends it and the client page shows it."""
    # A 发文字号 typed without its brackets (吉政发20264号): searched as the number it reads
    # as when a document has that number as its own, else as typed (tokenize.doc_number_form).
    synonyms = source.synonyms
    number = tokenize.doc_number_form(query)
    plan = tokenize.plan(number or query, synonyms=synonyms)
    hits = run(plan, source) if not plan.empty else []
    if number and not any(h.exact for h in hits):
        number = ""
        plan = tokenize.plan(query, synonyms=synonyms)
        hits = run(plan, source) if not plan.empty else []
    query_read = number or query
    # What a query finds in full decides whether to try harder: documents holding only part
    # of a Chinese run (a typo's other bigrams among them) do not stop a correction.
    if complete(hits) < FEW and not plan.empty:
        loose = tokenize.plan(query_read, loose=True, synonyms=synonyms)
        if loose.clauses != plan.clauses and not loose.empty:
            loose_hits = run(loose, source)
            if (complete(loose_hits), len(loose_hits)) > (complete(hits), len(hits)):
                plan, hits = loose, loose_hits
    corrected = None
    applied = False
    if complete(hits) < FEW and not plan.empty:
        fix = correction(plan, source)
        if fix is not None:
            fixed_plan = tokenize.plan(fix, synonyms=synonyms)
            fixed_hits = run(fixed_plan, source)
            # Offered when it finds more documents holding the whole of it than the query
            # as typed does; shown instead only when the query as typed finds none.
            if complete(fixed_hits) > complete(hits):
                corrected = fix
                if not complete(hits):
                    plan, hits, applied = fixed_plan, fixed_hits, True
    shown = [h for h in hits if keep(h, filters, source)]
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    page = min(max(1, page), pages)
    page_hits = shown[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    group_list = groups(shown, source) if grouped else []
    wanted = {h.doc for h in page_hits}
    for group in group_list:
        wanted.update(group["ids"])
    frags = source.fragments(sorted(wanted))
    by_doc = {h.doc: h for h in shown}

    def result(doc: int) -> dict[str, Any]:
        frag = frags[doc]
        terms = highlight_terms(plan, by_doc.get(doc), frag)
        kind = TYPE_ORDER[source.types[doc]]
        return {
            "id": doc,
            "url": frag.url,
            "title": segments(frag.title, terms),
            "snippet": snippet(frag.body, terms),
            "type": kind,
            "type_label": TYPE_LABELS[kind],
            "column": source.column_keys[source.columns[doc]],
            "column_label": source.column_labels[source.columns[doc]],
            "date": frag.date,
            "site": frag.site or source.site_keys[source.sites[doc]],
            "score": by_doc[doc].score,
        }

    return {
        "query": query[: tokenize.MAX_QUERY],
        "searched": plan.text,
        "total": len(shown),
        "all": len(hits),
        "page": page,
        "pages": pages,
        "page_size": PAGE_SIZE,
        "results": [result(h.doc) for h in page_hits],
        "facets": facets(hits, source, filters),
        "groups": [
            {**{k: v for k, v in g.items() if k != "ids"}, "results": [result(d) for d in g["ids"]]}
            for g in group_list
        ],
        "correction": {"text": corrected, "applied": applied} if corrected else None,
    }


# --- suggestions ----------------------------------------------------------------------------


# What a typed prefix drops: white space as Python's str.split and JavaScript's \s both see it
# (they differ: \x1c-\x1f and \x85 are space to Python only, \ufeff to JavaScript only).
SPACES = re.compile(
    "[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
)


# The brackets of a 发文字号 (〔〕 [] () （） 【】): a typed prefix
# and the terms are compared without them, so that 青政办发[2026]1, 青政办发(2026)1 and
# 青政办发2026 suggest 青政办发〔2026〕11号 as 青政办发〔2026〕1 does.
BRACKETS = re.compile(r"[〔〕\[\]()（）【】]")


def suggest_form(text: str) -> str:
    """A term or typed prefix as suggestions compare them: normalised, folded, no brackets."""
    return BRACKETS.sub("", hant.fold(tokenize.normalise(text)))


def suggest(query: str, terms: Sequence[Term], limit: int = SUGGESTIONS) -> list[str]:
    """Terms from titles and keywords for what has been typed so far: the text itself,
    then its pinyin and initials, each by the word's usual reading (a term's first:
    client_index.term_entries) before its others (gj suggests 公积金 before 高校, whose 校
    reads jiao only outside that word)."""
    typed = BRACKETS.sub(
        "", SPACES.sub("", hant.fold(tokenize.normalise(query)[: tokenize.MAX_QUERY]))
    )
    if not typed:
        return []
    latin = typed.isascii() and typed.isalpha()
    ranked: list[tuple[int, int, int, str]] = []
    for term in terms:
        text = _suggest_forms(term.text)
        if text.startswith(typed):
            rank = 0
        elif typed in text:
            rank = 1
        elif latin:
            rank = _read_as(typed, term)
            if rank < 0:
                continue
        else:
            continue
        if text == typed:
            continue
        ranked.append((rank, -term.count, len(term.text), term.text))
    ranked.sort()
    return [r[3] for r in ranked[:limit]]


def _read_as(typed: str, term: Term) -> int:
    """How a term is found by the letters typed: 2 its usual pinyin, 3 its usual initials,
    4 another pinyin, 5 other initials (initials from two letters on); -1 not at all."""
    pinyin = term.pinyin.split("|")
    initials = term.initials.split("|") if len(typed) >= 2 else []
    if pinyin[0].startswith(typed):
        return 2
    if initials and initials[0].startswith(typed):
        return 3
    if any(p.startswith(typed) for p in pinyin[1:]):
        return 4
    if any(i.startswith(typed) for i in initials[1:]):
        return 5
    return -1


@functools.lru_cache(maxsize=8192)
def _suggest_forms(text: str) -> str:
    return suggest_form(text)


# --- corrections ----------------------------------------------------------------------------


def homophone(a: str, b: str) -> bool:
    return a == b or bool(set(tokenize.readings(a)) & set(tokenize.readings(b)))


def correction(plan: Plan, source: Source) -> str | None:
    """您是不是要找: the query with each Chinese word that finds (almost) nothing replaced by a
    word of the site that sounds the same or differs in one character; a run no word of
    the site is like, word by word (part_fix)."""
    text = plan.text
    changed = False
    for clause in plan.clauses:
        word = clause.text
        if not clause.required or len(word) < 2 or not is_han(word):
            continue
        fix = vocabulary_fix(word, source.terms())
        if fix is None:
            fix = title_fix(word, source)
        if fix is None:
            fix = part_fix(word, source)
        if fix is not None and fix != word:
            text = text.replace(word, fix, 1)
            changed = True
    return text if changed else None


_PLACES: dict[int, tuple[Sequence[Term], dict[str, list[tuple[int, int]]]]] = {}


def char_places(terms: Sequence[Term]) -> dict[str, list[tuple[int, int]]]:
    """character → (term, offset) of every character of the suggestion terms (once per
    list of terms: a correction looks only at windows that share a character with the word)."""
    cached = _PLACES.get(id(terms))
    if cached is None or cached[0] is not terms:
        places: dict[str, list[tuple[int, int]]] = {}
        for order, term in enumerate(terms):
            for offset, char in enumerate(tokenize.normalise(term.text)):
                places.setdefault(char, []).append((order, offset))
        if len(_PLACES) > 8:
            _PLACES.clear()
        cached = _PLACES[id(terms)] = (terms, places)
    return cached[1]


def vocabulary_fix(word: str, terms: Sequence[Term]) -> str | None:
    """The best window of a suggestion term that shares a character with the word: the other
    characters homophones (at most two), else one character off (words of four or more).

    A word of three characters one character off a term is as often another word: 林市长 is
    one character off 副市长, 李局长 off 局局长 (a surname made a title); it is corrected only
    to a term that sounds like it (教育句 → 教育局)."""
    n = len(word)
    best: tuple[int, int, int] | None = None
    found = None
    places = char_places(terms)
    seen: set[tuple[int, int]] = set()
    for j, char in enumerate(word):
        for order, offset in places.get(char, ()):
            start = offset - j
            if start < 0 or (order, start) in seen:
                continue
            seen.add((order, start))
            text = tokenize.normalise(terms[order].text)
            window = text[start : start + n]
            if len(window) < n:
                continue
            diffs = [k for k in range(n) if window[k] != word[k]]
            if not diffs:
                return None  # the word is a word of the site: nothing to correct
            if not is_han(window):
                continue
            if len(diffs) <= 2 and all(homophone(window[k], word[k]) for k in diffs):
                rank = (2, -len(diffs), -order)
            elif len(diffs) == 1 and n >= FIX_ANY_CHAR and len(text) == n:
                # Any character, only to a whole term: a window of a longer one is as often
                # no word (食品经营许可证 is not 食品经营许可办 of 食品经营许可办理), or
                # another word the query means (身份证补领 is not 身份证换领).
                rank = (1, -1, -order)
            else:
                continue
            if best is None or rank > best:
                best, found = rank, window
    return found


def part_fix(word: str, source: Source) -> str | None:
    """A run typed as several words, one of them mistyped (停水同知): two or more characters
    in a row that are in no bigram of a title or keywords, corrected as a word of their own
    (同知 → 通知). A lone one is left: it is as often a word the site lacks (the surname of
    李局长) as a typo."""
    n = len(word)
    bigrams = [word[i : i + 2] for i in range(n - 1)]
    postings = source.postings(bigrams)
    held = [bool(postings.get(b, EMPTY).title or postings.get(b, EMPTY).keywords) for b in bigrams]
    covered = [(k > 0 and held[k - 1]) or (k < n - 1 and held[k]) for k in range(n)]
    if all(covered) or not any(covered):
        return None
    out = word
    changed = False
    k = 0
    while k < n:
        if covered[k]:
            k += 1
            continue
        end = k
        while end < n and not covered[end]:
            end += 1
        part = word[k:end]
        fix = vocabulary_fix(part, source.terms()) if len(part) > 1 else None
        if fix is not None and fix != part:
            out = out[:k] + fix + out[end:]
            changed = True
        k = end
    return out if changed else None


def title_fix(word: str, source: Source) -> str | None:
    """A title that reads like the word: its characters there."""
    readings = tokenize.query_readings(word)
    best_doc = -1
    best_pos = -1
    for reading in readings:
        tokens = [f"{a}'{b}" for a, b in itertools.pairwise(reading)]
        postings = source.postings(tokens)
        docs: set[int] | None = None
        for token in tokens:
            here = set(postings.get(token, EMPTY).title)
            docs = here if docs is None else docs & here
        for doc in sorted(docs or ()):
            first = postings[tokens[0]].title[doc]
            if all(postings[t].title[doc] == first + i for i, t in enumerate(tokens)):
                if best_doc < 0 or doc < best_doc:
                    best_doc, best_pos = doc, first
                break
    if best_doc < 0:
        return None
    title = tokenize.normalise(source.fragments([best_doc])[best_doc].title)
    window = title[best_pos : best_pos + len(word)]
    return window if len(window) == len(word) and is_han(window) else None


def is_han(text: str) -> bool:
    parts = tokenize.runs(text)
    return len(parts) == 1 and parts[0].han and parts[0].text == text
