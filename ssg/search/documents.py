"""What search knows of an item: its fields as text, its facets and its place in date order.

Both backends index the same `SearchDoc`s with the same tokens (tokenize.py) and number them
the same way: newest first, so that "newer first on ties" is "smaller number first".
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import itertools
import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from ssg.cjk import joined_lines  # (a wrapped line is no space between Chinese words)
from ssg.content.model import (
    Interpretation,
    Item,
    Leader,
    Policy,
    Reply,
    Service,
    TextOrList,
)
from ssg.link import Site, href, item_sort_key
from ssg.search import tokenize

SNIPPET_CHARS = 2000  # of the body kept for snippets in the client's fragments and the server

_INLINE = re.compile(r"</?(?:a|strong|em|b|i|span|code|sup|sub|mark|abbr)\b[^>]*>", re.I)
# Markdown source → its text, without rendering it (the build renders bodies in worker
# processes; search needs their words, not their markup): link and image targets, reference
# definitions, bare URLs, raw HTML, heading / quote / list markers, emphasis and table pipes.
# Each alternative is one of
# `<(script|style)\b[\s\S]*?</\1\s*>|^[ \t]*\[[^\]\n]+\]:[^\n]*$|<[^>\n]*>|(?:https?|ftp)://\S+
# |^[ \t]*(?:#{1,6}|>+|[-*+]|\d+[.)])(?=[ \t])|^[ \t]*\|?[ \t]*:?-{3,}.*$|\|` (re.I | re.M),
# written as what a match begins with, a set of characters, then what it is: the regex engine
# skips the characters outside the set (Chinese text, most of a body) without trying every
# alternative at each (10k items: 0.32 -> 0.13 s). Those of a line's start begin with the line
# break before it (markdown_text puts one before the text): begun with the line's first
# character, they stopped at every digit and space of a body (300,000 of the 360,000 places at
# 10k items), and a lookahead turns down the break of an empty line at once (0.087 -> 0.040 s,
# bench/RESULTS.md 2026-11-28). No match of the others ends on a line break, so each line's is
# where it was, one character sooner. A lookbehind checks what the set's character was; the
# set is case-sensitive (the engine skips by a set only then): no character but H folds to h,
# nor but F to f. tests/search/test_documents.py compares it with the pattern as written.
_MD_DROP = re.compile(
    r"[<hHfF|\n]"  # the first character of every alternative below
    r"(?:"
    r"(?<=\n)(?=[ \t\[#>*+|:\d-])[ \t]*(?:"  # at a line's start:
    r"\[[^\]\n]+\]:[^\n]*$"  # [ref]: target
    r"|(?:#{1,6}|>+|[-*+]|\d+[.)])(?=[ \t])"  # block markers
    r"|\|?[ \t]*:?-{3,}.*$)"  # table rules
    r"|(?<=\|)"  # table cells
    r"|(?i:(?<=<)(script|style)\b[\s\S]*?</\1\s*>"  # raw HTML scripts and styles, with their content
    r"|(?<=<)[^>\n]*>"  # tags and <autolinks>
    r"|(?<=h)ttps?://\S+|(?<=f)tp://\S+)"  # bare URLs
    r")",
    re.M,
)
# The (target) of [text](target), ![alt](src): `(?<=\])\([^)\n]*\)`, begun with its "(".
_MD_LINK = re.compile(r"\((?<=\]\()[^)\n]*\)")
_MD_JOIN = "*_`~[]"  # emphasis, code, link brackets (and the ! of ![): inside words


@dataclass(frozen=True, slots=True)
class SearchDoc:
    key: str  # item id (path id), unique within its site
    site: str  # the site's domain
    url: str  # as it goes into an href
    title: str
    keywords: str  # keywords, doc number, item code, leader's name and post, one per line
    body: str  # plain text: summary, the type's text fields, the rendered body
    type: str
    column: str  # facet column: the item's column at most two levels deep
    column_label: str
    date: str  # YYYY-MM-DD, "" for undated pages
    year: str
    order: tuple[int, int, int, str, str] = (1, 0, 0, "", "")  # link.item_sort_key: newest first
    doc_number: str = ""  # its own 发文字号 (a policy's doc_number; also among `keywords`)
    # Characters of `body` a snippet shows; after them come fields that are found but not
    # read as text (a reply's department, a policy's issuer: type_fields). -1: all of it.
    shown: int = -1

    @property
    def snippet_text(self) -> str:
        return (self.body if self.shown < 0 else self.body[: self.shown])[:SNIPPET_CHARS]


TYPE_LABELS = {
    "policy": "政策文件",
    "interpretation": "政策解读",
    "service": "办事指南",
    "notice": "通知公告",
    "news": "政务动态",
    "reply": "留言答复",
    "leader": "负责人信息",
    "page": "单页",
}
TYPE_ORDER = tuple(TYPE_LABELS)


def markdown_text(source: str) -> str:
    """The words of a Markdown body, markup left out, spaces collapsed."""
    text = _INLINE.sub("", _MD_LINK.sub("", joined_lines(source)))
    text = _MD_DROP.sub(" ", "\n" + text).replace("![", "[")  # ("\n": a line's start)
    for mark in _MD_JOIN:  # (str.replace, one mark at a time: a quarter of a regex's time)
        text = text.replace(mark, "")
    return " ".join(html.unescape(text).split())  # (split: the whitespace of \s)


def _text(value: TextOrList) -> str:
    return value if isinstance(value, str) else "\n".join(value)


def type_fields(item: Item) -> tuple[list[str], list[str], list[str]]:
    """(keywords, text, labels) a type adds beyond title, keywords, summary and body: `text`
    is read as the page's words (a service's conditions, a reply's question), `labels` only
    found (a reply's department and category, a policy's issuer and topic): a snippet that
    began 问题 青岚市交通运输局 建议 交通运输 您好 read them as if they were the answer."""
    keys: list[str] = []
    text: list[str] = []
    labels: list[str] = []
    if isinstance(item, Policy):
        keys += [item.doc_number, item.index_number]
        labels += [item.issuer, item.topic.replace("\\", " ")]
    elif isinstance(item, Service):
        keys.append(item.item_code)
        text += [
            _text(item.conditions),
            " ".join(m.name for m in item.materials),
            item.address,
            item.agency,
            item.fees,
            item.hours,
            item.phone,
            _text(item.process),
            item.time_limit,
            _text(item.notes),
            item.online,
            _text(item.basis),
        ]
    elif isinstance(item, Reply):
        text.append(joined_lines(item.question))
        labels += [item.department, item.category, item.topic]
    elif isinstance(item, Leader):
        keys += [item.name, item.position]
        text.append(item.duties)
    elif isinstance(item, Interpretation):
        labels.append(item.form)
    return [k for k in keys if k], [t for t in text if t], [b for b in labels if b]


def facet_column(site: Site, column_id: str) -> str:
    chain = site.ancestors(column_id)
    return chain[min(2, len(chain) - 1)]


def documents(site: Site, body_text: Callable[[str], str] = markdown_text) -> list[SearchDoc]:
    """Every published item of a site as a SearchDoc, newest first. `body_text`: markdown_text,
    or what remembers its results from the last build (cache.py: most of this function's time
    is spent there)."""
    out: list[SearchDoc] = []
    facets: dict[str, str] = {}  # thousands of items share a few hundred columns
    days: dict[dt.date, tuple[str, str]] = {}  # (and a few hundred days)
    order = {item_id: item_sort_key(item) for item_id, item in site.items.items()}
    for item_id in sorted(order, key=order.__getitem__):
        item = site.items[item_id]
        keys, extra, labels = type_fields(item)
        shown = " ".join(t for t in (item.summary, *extra, body_text(item.body_md)) if t)
        stamp = item.shown_date
        date, year = "", ""
        if stamp:
            day = stamp.date()
            found = days.get(day)
            if found is None:
                found = days[day] = (f"{stamp:%Y-%m-%d}", f"{stamp:%Y}")
            date, year = found
        column = facets.get(item.column)
        if column is None:
            column = facets[item.column] = facet_column(site, item.column)
        out.append(
            SearchDoc(
                key=item.id,
                site=site.config.domain,
                url=href(site.urls[item.id]),
                title=item.title,
                keywords="\n".join([*item.keywords, *keys]),
                body=" ".join([shown, *labels]) if labels else shown,
                type=item.type,
                column=column,
                column_label=site.columns[column].title if column else "首页",
                date=date,
                year=year,
                order=order[item_id],
                doc_number=item.doc_number if isinstance(item, Policy) else "",
                shown=len(shown) if labels else -1,
            )
        )
    return out


def merged(sites: Iterable[list[SearchDoc]]) -> list[SearchDoc]:
    """Documents of several sites in one order: newest first (as each site orders its own)."""
    docs = [d for docs in sites for d in docs]
    return sorted(docs, key=lambda d: (d.order, d.site))


@dataclass(frozen=True, slots=True)
class DocTokens:
    """The tokens of one document by field: title and keywords with the offset of their
    first occurrence, body with its count."""

    title: dict[str, int]
    keywords: dict[str, int]
    body: dict[str, int]


def doc_tokens(doc: SearchDoc) -> DocTokens:
    title, keywords, body = doc_fields(doc)
    return DocTokens(title, keywords, body.as_dict())


def doc_fields(
    doc: SearchDoc, body: tokenize.BodyTokens | None = None
) -> tuple[dict[str, int], dict[str, int], tokenize.BodyTokens]:
    """DocTokens' fields, the body's bigrams still numbers (what the client index inverts).
    `body`: the body's tokens, when counted already (tokenize.body_counts_many)."""
    if body is None:
        body = tokenize.body_counts(doc.body)
    return tokenize.field_tokens(doc.title), keyword_tokens(doc), body


def keyword_tokens(doc: SearchDoc) -> dict[str, int]:
    """DocTokens.keywords."""
    keywords: dict[str, int] = {}
    for line in doc.keywords.split("\n"):
        for token, pos in _line_tokens(line).items():
            keywords.setdefault(token, pos)
    # (engine.match: a whole 发文字号 query, with or without the issuer code, brings this
    # document first)
    for own in tokenize.own_doc_tokens(doc.doc_number) if doc.doc_number else ():
        keywords.setdefault(own, 0)
    return keywords


# DocTokens as the token store keeps them (token_store.py; the tokenising workers write them):
# each field's tokens "\n"-joined (no token holds a newline) and their values (a title's or
# keywords' may hold a token twice, the first value standing: packed_field); the body's
# Chinese bigrams, most of its tokens, apart: the bytes of their 64-bit codes
# (tokenize.BodyTokens) and their counts. Five million tokens at 10k items pickle ten times
# faster so than as dicts of small strings and ints, and the bigrams go from the store to the
# inversion without becoming strings at all.
PackedTokens = tuple[str, "array[int]", str, "array[int]", str, "array[int]", bytes, "array[int]"]


def pack_tokens(tokens: DocTokens) -> PackedTokens:
    """Any DocTokens, every body token in the text part (pack_fields keeps bigrams apart)."""
    return (
        "\n".join(tokens.title),
        array("I", tokens.title.values()),
        "\n".join(tokens.keywords),
        array("I", tokens.keywords.values()),
        "\n".join(tokens.body),
        array("I", tokens.body.values()),
        b"",
        array("I"),
    )


def pack_fields(
    title: dict[str, int], keywords: dict[str, int], body: tokenize.BodyTokens
) -> PackedTokens:
    """The packed tokens of doc_fields' result."""
    return _packed(
        "\n".join(title),
        array("I", title.values()),
        "\n".join(keywords),
        array("I", keywords.values()),
        body,
    )


def _packed(
    title: str,
    title_offsets: array[int],
    keywords: str,
    keyword_offsets: array[int],
    body: tokenize.BodyTokens,
) -> PackedTokens:
    import numpy as np

    pair_counts = array("I")
    pair_counts.frombytes(body.counts.astype(np.uint32).tobytes())
    return (
        title,
        title_offsets,
        keywords,
        keyword_offsets,
        "\n".join(body.others),
        array("I", body.others.values()),
        body.pairs.tobytes(),
        pair_counts,
    )


def packed_pairs(packed: PackedTokens) -> tokenize.BodyTokens:
    """The bigrams of packed tokens (their `others` left empty)."""
    import numpy as np

    counts = np.frombuffer(packed[7], dtype=np.uint32).astype(np.int64)
    return tokenize.BodyTokens(np.frombuffer(packed[6], dtype=np.uint64), counts, {})


def packed_body(packed: PackedTokens) -> Iterable[tuple[str, int]]:
    """(token, count) of every body token of packed tokens."""
    bigrams = zip(packed_pairs(packed).pair_tokens(), packed[7], strict=True)
    return itertools.chain(bigrams, packed_field(packed[4], packed[5]))


def packed_field(text: str, values: array[int]) -> Iterable[tuple[str, int]]:
    """(token, value) pairs of one packed field, each token once. The count comes from the
    values: "" is no token when there are none, and the empty token when there is one. A
    token may be there twice (a title or keywords as the index packs them:
    client_index._Batch.packed); the first stands, as field_tokens keeps a token's first
    offset."""
    if not values:
        return ()
    found: dict[str, int] = {}
    for token, value in zip(text.split("\n"), values, strict=True):
        found.setdefault(token, value)
    return found.items()


def unpack_tokens(packed: PackedTokens) -> DocTokens:
    return DocTokens(
        dict(packed_field(packed[0], packed[1])),
        dict(packed_field(packed[2], packed[3])),
        dict(packed_body(packed)),
    )


@functools.lru_cache(maxsize=4096)
def _line_tokens(line: str) -> dict[str, int]:
    """Keywords repeat from item to item: each line is tokenised once. Codes (item codes,
    index numbers) are kept in keywords: their prefixes find them."""
    return tokenize.field_tokens(line, prefixes=True)


def vocabulary_terms(docs: list[SearchDoc], limit: int = 3000) -> list[tuple[str, int]]:
    """Suggestion terms from titles and keywords with the number of documents they come
    from: keywords, the names in 《》 of titles, short titles, facet columns."""
    counts: dict[str, int] = {}
    for doc in docs:
        seen: set[str] = set()
        for word in doc.keywords.split("\n"):
            if 2 <= len(word) <= 24:
                seen.add(word)
        for name in re.findall(r"《([^《》]{2,30})》", doc.title):
            seen.add(name)
        if len(doc.title) <= 16 and doc.type in ("service", "leader", "page"):
            seen.add(doc.title)
        seen.add(doc.column_label)
        for term in seen:
            counts[term] = counts.get(term, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))
    return ranked[:limit]


def iter_chars(docs: Iterable[SearchDoc]) -> Iterator[str]:
    for doc in docs:
        yield from doc.title
        yield from doc.keywords


def url_folder(url: str) -> str:
    return str(PurePosixPath(url).parent)
