"""Tokenisation shared by both search backends (the static client index and the whoosh server).

One scheme, measured on the sample portal and a generated 10k corpus (bench/RESULTS.md):

- Text is normalised with NFKC (full-width digits and letters become ASCII) and lower-cased.
- **Chinese** runs are indexed as overlapping character bigrams, so that any query of two or
  more characters found inside a word or phrase is found: 营商环境 → 营商 商环 环境, and the
  query 商环 finds it too. Titles and keywords also index single characters (one-character
  queries search titles and keywords); a run of one character is indexed as itself everywhere.
- **Pinyin** (titles and keywords only): each character's readings (its first two toneless
  readings in pypinyin's dictionary, so 银行 is both yin·xing and yin·hang) give syllable
  bigrams (`zheng'ce`, `ce'jie`, `jie'du`), single syllables (`'fang`) and initial bigrams and
  trigrams (`=zc`, `=zcj`, `=cjd`). The query `zhengcejiedu` is cut into syllables and looked
  up as syllable bigrams; `zcjd` as initial trigrams. When that finds too little, the last
  syllable is read as unfinished (`yingshanghuanj`: huan'ji, huan'jia … huan'jing), over the
  same tokens: the index is not changed for it.
  A title's second readings are not ranked below its usual ones (as suggestions rank them,
  phrase_readings.py): measured 2026-11-27 with every title and keyword word typed in full
  pinyin by its usual reading, the sample portal's 218 such queries found 377 results, none
  only by a second reading, and the 1,000-item corpus's 227 found 1,392, four by a second
  reading, all for one query (liwei: 管理有关, 有 read wei), one of them above the usual
  match (李伟, by type weight alone). Telling them apart would need the usual reading of
  every title at index time (pypinyin's phrase dictionary in the index's process) and a
  second set of pinyin tokens, for one query in 445.
- **Latin letters and digits** are indexed as whole runs and, when a run mixes letters and
  digits, as its parts of two or more characters (item code 11229900MB1A30031Q4000… is found by
  11229900 or 30031). Where a run touches a Chinese character in a title or keywords, the
  pair is one more token (`27号`, `2019年`), which ranks 吉政办发〔2019〕27号 first for `27号`.

Tokens live in one sorted namespace; pinyin tokens carry a `'` and initials a leading `=`,
which no text token contains. The client (search.js) implements the query side of this module
and must stay in step with it: the browser tests run the judged queries through both.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import importlib.util
import itertools
import json
import re
import sys
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ssg import sealed
from ssg.search import hant
from ssg.user_cache import user_cache_folder

if TYPE_CHECKING:  # (numpy is imported where bodies are counted: the query side never loads it)
    import numpy as np
    import numpy.typing as npt

HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_RUNS = re.compile(rf"([{HAN_CLASS}]+)|([0-9a-z]+)")
_ALNUM_PARTS = re.compile(r"[0-9]+|[a-z]+")
MAX_LATIN = 40  # longer runs (hashes, base64) are not words anyone types
MAX_QUERY = 200  # characters of a query that are searched; the rest is ignored
READINGS_PER_CHAR = 2


def normalise(text: str) -> str:
    """NFKC and lower case, as far as tokens can tell: text with no character whose NFKC form
    holds a letter, a digit or a Chinese character of its own (full-width ２０１９, ①, ㎡, the
    compatibility ideographs) is only lower-cased, which is ten times faster on bodies."""
    if _needs_nfkc().search(text):
        return unicodedata.normalize("NFKC", text).lower()
    return text.lower()


@functools.cache
def _needs_nfkc() -> re.Pattern[str]:
    relevant = re.compile(f"[0-9A-Za-z{HAN_CLASS}]")
    ranges: list[tuple[int, int]] = []
    for code in range(0x80, 0x10000):
        char = chr(code)
        if 0xD800 <= code < 0xE000:
            continue
        folded = unicodedata.normalize("NFKC", char)
        if folded != char and relevant.search(folded):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    body = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[{body}\U0002f800-\U0002fa1f]")


# --- pinyin ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Readings:
    """pypinyin's table of character readings, as tokenising uses it: for each character (in
    code point order) the index of its readings among the distinct ones, and every syllable.
    A dict of the table's 41,000 strings was 9 MB of every process that indexes; this is
    under 1 MB."""

    codes: array[int]  # code points, ascending
    which: array[int]  # for each, an index into `readings`
    readings: tuple[tuple[str, ...], ...]  # first two distinct toneless readings
    syllables: tuple[str, ...]


@functools.cache
def _table() -> _Readings:
    """Read from pypinyin's data file: importing pypinyin itself loads its phrase dictionary
    too, 40 MB that tokenising never uses. Made once a machine: kept in the user's cache
    folder (ssg/user_cache.py) under a digest of the data file, this module's code and what
    else decides it (0.09 s of the index process's CPU, a fifth of it at 1k items, against
    under 2 ms to check and load)."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pypinyin")
    data = (Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.json").read_bytes()
    folder = user_cache_folder("readings")
    if folder is None:
        return _made_table(data)
    key = hashlib.blake2b(digest_size=16)
    for part in (data, Path(__file__).read_bytes(), sys.version.encode(),
                 unicodedata.unidata_version.encode()):  # fmt: skip
        key.update(hashlib.blake2b(part, digest_size=16).digest())
    path = folder / f"{key.hexdigest()}.pickle"
    kept = sealed.load(path)
    if isinstance(kept, _Readings):
        return kept
    table = _made_table(data)
    with contextlib.suppress(OSError):
        sealed.dump(path, table)
        for other in folder.glob("*.pickle"):  # (those of other code or data: never read again)
            if other != path:
                other.unlink(missing_ok=True)
    return table


def _made_table(data: bytes) -> _Readings:
    raw: dict[str, str] = json.loads(data)
    codes = array("I", sorted(int(code) for code in raw))
    distinct: dict[tuple[str, ...], int] = {}
    every: set[str] = set()
    # A reading list is shared by many characters (41,923 characters, 8,598 lists): each is
    # read once.
    index_of: dict[str, int] = {}
    for spelled in dict.fromkeys(raw[str(code)] for code in codes):  # (in code order)
        plains = [toneless(reading) for reading in spelled.split(",")]
        every.update(plains)
        out: list[str] = []
        for plain in plains:
            if plain and plain.isascii() and plain.isalpha() and plain not in out:
                out.append(plain)
            if len(out) == READINGS_PER_CHAR:
                break
        index_of[spelled] = distinct.setdefault(tuple(out), len(distinct))
    which = array("I", [index_of[raw[str(code)]] for code in codes])
    # Every toneless syllable with a vowel (no bare m, n, ng, hm): the segmentation set.
    found = sorted(p for p in every if p.isascii() and p.isalpha() and re.search("[aeiouv]", p))
    return _Readings(codes, which, tuple(distinct), tuple(found))


@functools.lru_cache(maxsize=8192)
def toneless(reading: str) -> str:
    """zhōng -> zhong, lǜ -> lv. (Some 1,500 toned readings spell the 40,000 characters'.)"""
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@functools.cache
def readings(char: str) -> tuple[str, ...]:
    """The first two distinct toneless readings of a character; () when it has none."""
    table = _table()
    code = ord(char)
    i = bisect.bisect_left(table.codes, code)
    if i == len(table.codes) or table.codes[i] != code:
        return ()
    return table.readings[table.which[i]]


def initial(syllable: str) -> str:
    """The letter typed for a syllable in initials (zcjd = 政策解读): its first letter."""
    return syllable[:1]


@functools.cache
def syllables() -> tuple[str, ...]:
    """Every toneless syllable with a vowel (no bare m, n, ng, hm): the segmentation set."""
    return _table().syllables


def segmentations(text: str, limit: int = 4) -> list[list[str]]:
    """Ways to cut a run of letters into pinyin syllables: those with the fewest syllables
    and those with one more (yunshuanquan is yun·shuan·quan and yun·shu·an·quan), longer
    syllables first, at most `limit`."""
    known = frozenset(syllables())
    longest = 6
    n = len(text)
    never = n + 1  # more syllables than any cut can have: "cannot be cut"
    best = [never] * (n + 1)  # best[i]: the fewest syllables that cover text[i:]
    best[n] = 0
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, min(n, i + longest) + 1):
            if text[i:j] in known and best[j] + 1 < best[i]:
                best[i] = best[j] + 1
    if best[0] >= never:
        return []
    out: list[list[str]] = []
    for total in (best[0], best[0] + 1):

        def walk(i: int, path: list[str], total: int = total) -> None:
            if len(out) >= limit:
                return
            if i == n:
                if len(path) == total:
                    out.append(list(path))
                return
            for j in range(min(n, i + longest), i, -1):
                piece = text[i:j]
                if piece in known and len(path) + 1 + best[j] <= total:
                    path.append(piece)
                    walk(j, path)
                    path.pop()

        walk(0, [])
    return out


# --- index side -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    start: int  # offset in the normalised text
    han: bool


def runs(text: str) -> list[Run]:
    out: list[Run] = []
    for match in _RUNS.finditer(text):
        han = match.group(1) is not None
        out.append(Run(match.group(0), match.start(), han))
    return out


PREFIX_MIN = 6  # the fewest characters of a code (item code, index number) that find it


def code_prefixes(word: str) -> list[str]:
    """What finds a code a citizen copies only the start of (办事事项编码, 索引号): the run's
    prefixes (11229900mb1a30 of 11229900mb1a30031q4000…) and those of its digit parts
    (4000111 of …q400011100100101), of PREFIX_MIN characters or more, the whole left out
    (latin_tokens gives it). Only keywords index them, where codes are kept: a dozen tokens a
    code, few codes a site. A run without a digit is a word, not a code."""
    if len(word) > MAX_LATIN or word.isalpha():
        return []
    out = [word[:n] for n in range(PREFIX_MIN, len(word))]
    if not word.isdigit():
        for part in _ALNUM_PARTS.findall(word):
            if part.isdigit():
                out += [part[:n] for n in range(PREFIX_MIN, len(part))]
    return out


def latin_tokens(word: str) -> list[str]:
    if len(word) > MAX_LATIN:
        return []
    tokens = [word]
    if not (word.isdigit() or word.isalpha()):
        tokens += [p for p in _ALNUM_PARTS.findall(word) if len(p) >= 2]
    return tokens


_HAN_RUNS = re.compile(f"[{HAN_CLASS}]+")
_LATIN_RUNS = re.compile("[0-9a-z]+")


def body_tokens(text: str) -> list[str]:
    """Tokens of body text: bigrams of Chinese runs (a lone character as itself), Latin runs
    and their parts. Repeats are kept (the caller counts them)."""
    norm = normalise(text)
    out: list[str] = []
    extend = out.extend
    for word in _HAN_RUNS.findall(norm):
        if len(word) == 1:
            out.append(word)
        else:
            extend(map(str.__add__, word, word[1:]))
    for word in _LATIN_RUNS.findall(norm):
        extend(latin_tokens(word))
    return out


@dataclass(frozen=True, slots=True)
class BodyTokens:
    """The tokens of body text, counted: what counting `body_tokens(text)` gives, made for the
    index, which reads five million body tokens at 10k items. The Chinese bigrams are counted
    by numpy over the text's code points and stay numbers (`pairs`, sorted, with `counts`):
    the index inverts them as numbers, and no bigram becomes a Python string one occurrence
    at a time. `others`: single characters and Latin tokens with their counts."""

    pairs: npt.NDArray[np.uint64]  # first character | second << 32
    counts: npt.NDArray[np.int64]
    others: dict[str, int]

    def pair_tokens(self) -> list[str]:
        """The bigrams of `pairs` as strings: their bytes, read as UTF-32-LE, are the two
        characters of each in order."""
        return _PAIRS.findall(self.pairs.tobytes().decode("utf-32-le"))

    def as_dict(self) -> dict[str, int]:
        out = dict(zip(self.pair_tokens(), self.counts.tolist(), strict=True))
        out.update(self.others)
        return out


def body_counts(text: str) -> BodyTokens:
    import numpy as np

    norm = normalise(text)
    # (a lone surrogate, which YAML's escapes can make, is a code point like any other)
    points = np.frombuffer(norm.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = han_table()
    han = table[np.minimum(points, table.size - 1)]
    both = han[:-1] & han[1:]
    codes = points[:-1][both].astype(np.uint64) | (points[1:][both].astype(np.uint64) << 32)
    pairs, counts = np.unique(codes, return_counts=True)
    others: dict[str, int] = {}
    alone = han.copy()  # a run of one character is itself
    alone[1:] &= ~han[:-1]
    alone[:-1] &= ~han[1:]
    for char in points[alone].tobytes().decode("utf-32-le"):
        others[char] = others.get(char, 0) + 1
    for word in _LATIN_RUNS.findall(norm):
        for token in latin_tokens(word):
            others[token] = others.get(token, 0) + 1
    return BodyTokens(pairs, counts.astype(np.int64), others)


@dataclass(frozen=True, slots=True)
class CountedBodies:
    """body_counts of a batch of texts (body_counts_many): text i's bigrams are
    `pairs[edges[i]:edges[i + 1]]` with their `counts`, one text's after the other, so that
    the index takes a batch's bigrams in one piece; `bodies[i]` is text i's BodyTokens (views
    of these arrays)."""

    pairs: npt.NDArray[np.uint64]
    counts: npt.NDArray[np.int64]
    edges: list[int]
    others: list[dict[str, int]]

    def __len__(self) -> int:
        return len(self.others)

    def __getitem__(self, i: int) -> BodyTokens:
        a, b = self.edges[i], self.edges[i + 1]
        return BodyTokens(self.pairs[a:b], self.counts[a:b], self.others[i])

    def __iter__(self) -> Iterator[BodyTokens]:
        return map(self.__getitem__, range(len(self.others)))


def body_counts_many(texts: Sequence[str]) -> CountedBodies:
    """body_counts of each of `texts`, numpy's work done once over all of them: a dozen small
    array operations a text, each with its call's overhead, were half the time of counting
    the 10k corpus's bodies a text at a time (bench/RESULTS.md), and the index counts every
    body. (One text is quicker counted by body_counts, the same counts.)"""
    import numpy as np

    norms = [normalise(text) for text in texts]
    joined = "\n".join(norms)  # (no token holds a "\n": none spans two texts)
    # (a lone surrogate, which YAML's escapes can make, is a code point like any other)
    points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = han_table()
    han = table[np.minimum(points, table.size - 1)]
    bounds = np.zeros(len(norms) + 1, dtype=np.int64)  # where each text begins in `points`
    np.cumsum([len(norm) + 1 for norm in norms], out=bounds[1:])
    # Bigrams: each text's codes sorted in place, then counted by where a code (or a text)
    # begins a run of equal ones.
    at = np.flatnonzero(han[:-1] & han[1:])
    codes = points[at].astype(np.uint64) | (points[at + 1].astype(np.uint64) << np.uint64(32))
    cuts = np.searchsorted(at, bounds)
    edges = cuts.tolist()
    for first, last in itertools.pairwise(edges):
        codes[first:last].sort()
    new = np.ones(codes.size, dtype=np.bool_)
    np.not_equal(codes[1:], codes[:-1], out=new[1:])
    new[cuts[cuts < codes.size]] = True
    firsts = np.flatnonzero(new)
    pairs = codes[firsts]
    counts = np.diff(firsts, append=codes.size).astype(np.int64)
    pair_edges = np.searchsorted(firsts, cuts).tolist()
    alone = han.copy()  # a run of one character is itself
    alone[1:] &= ~han[:-1]
    alone[:-1] &= ~han[1:]
    alone_at = np.flatnonzero(alone)
    singles = points[alone_at].tobytes().decode("utf-32-le")
    single_edges = np.searchsorted(alone_at, bounds).tolist()
    # Latin runs ([0-9a-z]+, _LATIN_RUNS): where one begins and ends
    latin = np.zeros(points.size + 2, dtype=np.bool_)
    # (unsigned: a code point below "0" or "a" wraps round to a large number)
    latin[1:-1] = ((points - np.uint32(48)) < 10) | ((points - np.uint32(97)) < 26)
    change = np.flatnonzero(latin[1:] != latin[:-1])
    starts, ends = change[0::2], change[1::2]
    words = [joined[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
    word_edges = np.searchsorted(starts, bounds).tolist()
    out: list[dict[str, int]] = []
    for i in range(len(norms)):
        # (singles first, then Latin tokens, each in the order first met: the order counting
        # one at a time gave)
        others = Counter(singles[single_edges[i] : single_edges[i + 1]])
        if word_edges[i] < word_edges[i + 1]:
            others.update(
                itertools.chain.from_iterable(
                    map(_latin_tokens, words[word_edges[i] : word_edges[i + 1]])
                )
            )
        out.append(dict(others))
    return CountedBodies(pairs, counts, pair_edges, out)


@functools.lru_cache(maxsize=65536)
def _latin_tokens(word: str) -> tuple[str, ...]:
    """latin_tokens, remembered: a body's numbers and words recur from item to item."""
    return tuple(latin_tokens(word))


@functools.cache
def han_table() -> npt.NDArray[np.bool_]:
    """Code point -> is it one of HAN_CLASS; the last entry stands for every one above."""
    import numpy as np

    table = np.zeros(0x30001, dtype=np.bool_)
    for first, last in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFF)):
        table[first : last + 1] = True
    return table


def are_bigrams(pairs: npt.NDArray[np.uint64]) -> bool:
    """Whether every code is two Chinese characters (BodyTokens.pairs read from a file)."""
    import numpy as np

    table = han_table()
    halves = (pairs & np.uint64(0xFFFFFFFF), pairs >> np.uint64(32))
    return all(bool(table[np.minimum(h, table.size - 1)].all()) for h in halves)


_PAIRS = re.compile("..", re.S)


@functools.lru_cache(maxsize=65536)
def _char_pinyin(char: str) -> tuple[str, ...]:
    return tuple("'" + r for r in readings(char))


@functools.lru_cache(maxsize=262144)
def _pair_pinyin(pair: str) -> tuple[str, ...]:
    first, second = readings(pair[0]), readings(pair[1])
    out = [f"{a}'{b}" for a in first for b in second]
    out += unique(f"={a[0]}{b[0]}" for a in first for b in second)
    return tuple(out)


@functools.lru_cache(maxsize=262144)
def _triple_initials(triple: str) -> tuple[str, ...]:
    heads = [unique(r[0] for r in readings(c)) for c in triple]
    return tuple(f"={x}{y}{z}" for x in heads[0] for y in heads[1] for z in heads[2])


def field_tokens(text: str, pinyin: bool = True, prefixes: bool = False) -> dict[str, int]:
    """Tokens of a title or keywords, each with the offset of its first occurrence:
    bigrams, single characters, Latin runs and parts, glue tokens (27号), pinyin; with
    `prefixes` (keywords), the prefixes of codes (code_prefixes)."""
    found: dict[str, int] = {}
    found_setdefault = found.setdefault
    norm = normalise(text)
    parts = runs(norm)
    for index, run in enumerate(parts):
        word = run.text
        if run.han:
            for i in range(len(word)):
                for token in _window(word[i : i + 3]):
                    found_setdefault(token, run.start + i)
            if pinyin:
                for i in range(len(word)):
                    for token in _window_pinyin(word[i : i + 3]):
                        found_setdefault(token, run.start + i)
        else:
            for token in latin_tokens(word):
                found_setdefault(token, run.start)
            if prefixes:
                for token in code_prefixes(word):
                    found_setdefault(token, run.start)
            end = run.start + len(word)
            nxt = parts[index + 1] if index + 1 < len(parts) else None
            if nxt is not None and nxt.han and nxt.start == end and len(word) <= MAX_LATIN:
                found_setdefault(word + nxt.text[0], run.start)
            prev = parts[index - 1] if index > 0 else None
            if prev is not None and prev.han and prev.start + len(prev.text) == run.start:
                found_setdefault(prev.text[-1] + word, run.start - 1)
    return found


@functools.lru_cache(maxsize=262144)
def _window(chars: str) -> tuple[str, ...]:
    """The text tokens that start at the first of `chars` (up to three characters of a
    Chinese run, from one position on): the character and its bigram."""
    return (chars[0], chars[:2]) if len(chars) > 1 else (chars,)


@functools.lru_cache(maxsize=262144)
def _window_pinyin(chars: str) -> tuple[str, ...]:
    """The pinyin tokens that start at the first of `chars`: its readings, the syllable and
    initial bigrams of its pair, the initial trigrams of its triple. Titles share most of
    their windows: each is worked out once."""
    out = _char_pinyin(chars[0])
    if len(chars) > 1:
        out += _pair_pinyin(chars[:2])
        if len(chars) > 2:
            out += _triple_initials(chars)
    return out


@dataclass(frozen=True, slots=True)
class NumberedTokens:
    """The tokens of a batch of titles (or of keyword fields) as FieldNumbering numbers them:
    for field i, `numbers[edges[i]:edges[i + 1]]` with their `offsets`, in field_tokens'
    order but with its repeats (a token of two pieces is there twice): the first of each is
    field_tokens' (its first offset)."""

    numbers: npt.NDArray[np.uint32]
    offsets: npt.NDArray[np.uint32]
    edges: list[int]
    pieces: array[int]  # each field's pieces (FieldNumbering), one field after the other
    piece_edges: list[int]
    piece_texts: list[str]  # (the numbering's own list, which only grows)

    def of(self, i: int) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
        """Field i's token numbers and their offsets."""
        a, b = self.edges[i], self.edges[i + 1]
        return self.numbers[a:b], self.offsets[a:b]

    def text(self, i: int) -> str:
        """Field i's tokens, repeats and all, one a line (its pieces' texts: a piece of no
        token, a character without a reading, is none)."""
        pieces = self.pieces[self.piece_edges[i] : self.piece_edges[i + 1]]
        return "\n".join(filter(None, map(self.piece_texts.__getitem__, pieces)))


class _Pieces(dict[str, int]):
    """One kind of FieldNumbering's pieces: what a piece is made of -> its number. `tokens`
    gives a piece's tokens, or its tokens with the offset of each from the piece's."""

    def __init__(
        self, numbering: FieldNumbering, tokens: Callable[[str], Sequence[str] | dict[str, int]]
    ) -> None:
        super().__init__()
        self.numbering = numbering
        self.tokens = tokens

    def __missing__(self, key: str) -> int:
        number = self[key] = self.numbering.new_piece(self.tokens(key))
        return number


class FieldNumbering:
    """field_tokens of titles (pinyin, no code prefixes) and documents.keyword_tokens of
    keyword fields, a batch at a time, for the index: each token a number (`number`, the
    inversion's vocabulary), found through pieces. A piece is a run of tokens that
    field_tokens sets one after the other and that recur from field to field: a window's
    text tokens, its pinyin tokens (`_window`, `_window_pinyin`), a Latin run's tokens, a
    glue token; a keyword line's tokens, a 发文字号's. A field is read as its pieces, numbered
    by a dict look-up each; numpy then lays out their tokens. field_tokens set 1.44 M title
    tokens one at a time at 10k items, each a dict look-up, then numbered each again
    (bench/RESULTS.md). The repeats it dropped are left in (NumberedTokens): the index drops
    them (its postings are one a document), and a packed field may hold them
    (documents.packed_field)."""

    def __init__(self, number: Callable[[str], int]) -> None:
        self._number = number
        self._starts = array("I", [0])  # piece p's tokens: _numbers[_starts[p]:_starts[p + 1]]
        self._numbers = array("I")
        self._shifts = array("I")  # each token's offset from its piece's
        self._texts: list[str] = []  # each piece's tokens "\n"-joined
        self._text = _Pieces(self, _window)
        self._pinyin = _Pieces(self, _window_pinyin)
        self._latin = _Pieces(self, latin_tokens)
        self._glue = _Pieces(self, lambda token: (token,))
        self._line = _Pieces(self, lambda line: field_tokens(line, prefixes=True))
        self._own = _Pieces(self, own_doc_tokens)

    def new_piece(self, tokens: Sequence[str] | dict[str, int]) -> int:
        self._numbers.extend(map(self._number, tokens))
        if isinstance(tokens, dict):
            self._shifts.extend(tokens.values())
        else:
            self._shifts.frombytes(bytes(4 * len(tokens)))
        self._starts.append(len(self._numbers))
        self._texts.append("\n".join(tokens))
        return len(self._texts) - 1

    def titles(self, titles: Sequence[str]) -> NumberedTokens:
        """field_tokens of each of `titles`."""
        pieces = array("I")
        at = array("I")  # each piece's offset
        piece_edges = [0]
        for title in titles:
            self._title_pieces(title, pieces, at)
            piece_edges.append(len(pieces))
        return self._laid_out(pieces, at, piece_edges)

    def keywords(self, fields: Sequence[tuple[str, str]]) -> NumberedTokens:
        """documents.keyword_tokens of each of `fields`, a document's (keywords, doc_number):
        each line's tokens, then its own 发文字号's (offset 0)."""
        pieces = array("I")
        piece_edges = [0]
        line = self._line.__getitem__
        for keywords, number in fields:
            pieces.extend(map(line, keywords.split("\n")))
            if number:
                pieces.append(self._own[number])
            piece_edges.append(len(pieces))
        at = array("I", bytes(4 * len(pieces)))
        return self._laid_out(pieces, at, piece_edges)

    def _laid_out(
        self, pieces: array[int], at: array[int], piece_edges: list[int]
    ) -> NumberedTokens:
        import numpy as np

        ids = np.frombuffer(pieces, dtype=np.uint32)
        starts = np.frombuffer(self._starts, dtype=np.uint32).astype(np.int64)
        firsts = starts[ids]
        sizes = starts[ids + 1] - firsts
        ends = np.cumsum(sizes)
        total = int(ends[-1]) if ends.size else 0
        # Each piece's tokens in turn: where they are in _numbers, one after the other
        where = np.repeat(firsts - (ends - sizes), sizes) + np.arange(total)
        numbers = np.frombuffer(self._numbers, dtype=np.uint32)[where]
        offsets = np.repeat(np.frombuffer(at, dtype=np.uint32), sizes)
        offsets += np.frombuffer(self._shifts, dtype=np.uint32)[where]
        edges = np.concatenate(([0], ends))[piece_edges].tolist()
        return NumberedTokens(numbers, offsets, edges, pieces, piece_edges, self._texts)

    def _title_pieces(self, title: str, pieces: array[int], at: array[int]) -> None:
        """field_tokens(title), piece by piece."""
        parts = runs(normalise(title))
        for index, run in enumerate(parts):
            word = run.text
            if run.han:
                windows = [word[i : i + 3] for i in range(len(word))]
                places = range(run.start, run.start + len(word))
                pieces.extend(map(self._text.__getitem__, windows))
                at.extend(places)
                pieces.extend(map(self._pinyin.__getitem__, windows))
                at.extend(places)
                continue
            pieces.append(self._latin[word])
            at.append(run.start)
            end = run.start + len(word)
            nxt = parts[index + 1] if index + 1 < len(parts) else None
            if nxt is not None and nxt.han and nxt.start == end and len(word) <= MAX_LATIN:
                pieces.append(self._glue[word + nxt.text[0]])
                at.append(run.start)
            prev = parts[index - 1] if index > 0 else None
            if prev is not None and prev.han and prev.start + len(prev.text) == run.start:
                pieces.append(self._glue[prev.text[-1] + word])
                at.append(run.start - 1)


_HAN_CHAR = re.compile(f"[{HAN_CLASS}]")


def is_han_char(char: str) -> bool:
    return bool(_HAN_CHAR.fullmatch(char))


# --- query side -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Alternative:
    """One reading of a clause: every token required; `kind` names the reading
    (text, pinyin, initials), `weight` in percent, `phrase`: its tokens in order, one
    character apart (what a title must show for the phrase bonus)."""

    kind: str
    tokens: tuple[str, ...]
    weight: int
    phrase: bool = False
    least: int = 0  # how many of the tokens a document must hold; 0: every one


# (（） stays full-width: normalise applies NFKC only where a letter, digit or Chinese
# character comes of it.)
_YEAR_BRACKET = re.compile(r" *[〔\[(（【] *")


def issuer_code(text: str, parts: list[Run], index: int) -> bool:
    """Is Chinese run `index` the issuer code of a doc number (吉政办发 of 吉政办发〔2026〕20号:
    a bracket and a year follow it)? Its bigrams are one name, not words typed run together:
    长政办发 is another issuer, so every bigram is needed."""
    run = parts[index]
    nxt = parts[index + 1] if index + 1 < len(parts) else None
    if nxt is None or nxt.han or len(nxt.text) != 4 or not nxt.text.isdigit():
        return False
    return _YEAR_BRACKET.fullmatch(text[run.start + len(run.text) : nxt.start]) is not None


def least_bigrams(count: int) -> int:
    """How many of a Chinese run's `count` bigrams a document must hold (minimum_should_match).

    A citizen types words run together (停水通知, 补办身份证); a document holds the words,
    not necessarily side by side (关于临时停水的通知, 居民身份证补办指南). The bigrams that
    straddle two words may be missing; those inside a word may not. A run of c characters
    holds at most ⌊c/2⌋ words of two or more characters, so at most ⌊c/2⌋ − 1 straddling
    bigrams: with c = count + 1, all but ⌊(count − 1)/2⌋. Runs of two or three characters
    (one or two bigrams) still need every bigram, so short queries are as precise as
    before; documents that hold every bigram rank first (engine.match)."""
    return count - (count - 1) // 2


@dataclass(frozen=True, slots=True)
class Clause:
    """One run of the query; a document matches the query when every required clause
    matches one of its alternatives. Optional clauses only add to the score."""

    text: str
    alternatives: tuple[Alternative, ...]
    required: bool = True


@dataclass(frozen=True, slots=True)
class Plan:
    text: str  # the normalised, folded (繁体 → 简体), shortened query
    clauses: tuple[Clause, ...]
    terms: tuple[str, ...]  # what snippets highlight
    # A query that is one whole 发文字号: the token of the document whose own number it is
    # (own_doc_number); that document first.
    docno: tuple[str, ...] = ()

    @property
    def tokens(self) -> list[str]:
        seen: dict[str, None] = {}
        for clause in self.clauses:
            for alt in clause.alternatives:
                for token in alt.tokens:
                    seen.setdefault(token, None)
        for token in self.docno:
            seen.setdefault(token, None)
        return list(seen)

    @property
    def empty(self) -> bool:
        return not any(c.required for c in self.clauses)


WEIGHT_TEXT = 100
WEIGHT_PINYIN = 90
WEIGHT_INITIALS = 80


def alpha_alternatives(word: str) -> list[Alternative]:
    """A run of letters: the word itself, full pinyin (each way to cut it), initials."""
    out = [Alternative("text", (word,), WEIGHT_TEXT)]
    if len(word) < 2:
        return out
    for cut in segmentations(word):
        if len(cut) == 1:
            out.append(Alternative("pinyin", ("'" + cut[0],), WEIGHT_PINYIN))
        else:
            tokens = tuple(f"{a}'{b}" for a, b in itertools.pairwise(cut))
            out.append(Alternative("pinyin", tokens, WEIGHT_PINYIN, phrase=True))
    if 2 <= len(word) <= 12 and not any(a.kind == "pinyin" and len(a.tokens) > 1 for a in out):
        heads = _initial_groups(word)
        if heads is not None:
            tokens = _initial_tokens(heads)
            out.append(Alternative("initials", tokens, WEIGHT_INITIALS, phrase=len(heads) > 3))
    return out


def _initial_tokens(heads: list[str]) -> tuple[str, ...]:
    """The initials tokens of characters' initials: their bigram (two), else trigrams."""
    if len(heads) == 2:
        return ("=" + "".join(heads),)
    return tuple("=" + "".join(heads[i : i + 3]) for i in range(len(heads) - 2))


# A query's last syllable may be unfinished: the citizen is still typing it (yingshanghuanj,
# yingsh). Read so, it is any syllable it begins; only in the loose plan (the query as typed
# found fewer than engine.FEW), below a finished reading, and at most this many readings.
WEIGHT_UNFINISHED = 85
UNFINISHED_READINGS = 40


def unfinished_alternatives(word: str) -> list[Alternative]:
    """A run of letters whose last syllable is unfinished: finished syllables, then the start
    of one (yingshanghuanj: ying·shang·huan·j…), read as each syllable of the segmentation set
    that starts so (huan'ji, huan'jia … huan'jing …). The tail only ever extends a finished
    syllable, as the second of a syllable bigram: a tail alone (zh, x) would be every title
    with a character that reads so. Longer tails first, the head cut the fewest ways; at most
    UNFINISHED_READINGS alternatives, so that a one-letter tail (37 syllables start with z)
    stays a bounded number of tokens, all beside each other in the sorted index."""
    out: list[Alternative] = []
    if len(word) > MAX_LATIN:
        return out
    for size in range(min(6, len(word) - 1), 0, -1):
        tail = word[-size:]
        completions = [s for s in syllables() if s.startswith(tail)]
        if not completions:
            continue
        for head in segmentations(word[:-size], limit=1):
            for syllable in completions:
                cut = [*head, syllable]
                tokens = tuple(f"{a}'{b}" for a, b in itertools.pairwise(cut))
                out.append(Alternative("pinyin", tokens, WEIGHT_UNFINISHED, phrase=True))
    out += _mixed_alternatives(word)
    return unique_alternatives(out)[:UNFINISHED_READINGS]


_VOWEL = re.compile("[aeiouv]")


def _mixed_alternatives(word: str) -> list[Alternative]:
    """Initials, then the start of a syllable (yshjin: 营商环 by initials, 境 begun as jin…):
    the initial n-grams of every character (the tail's first letter its initial) and one
    character that reads as a syllable the tail begins. The tail holds a vowel (else it is
    initials, which alpha_alternatives reads); its character is somewhere in the title (the
    index keeps where a syllable first stands), so the reading earns no phrase bonus and
    marks nothing: kind "mixed", below initials read in full."""
    out: list[Alternative] = []
    for size in range(min(6, len(word) - 1), 1, -1):
        tail = word[-size:]
        heads = _initial_groups(word[:-size])
        if heads is None or len(heads) >= 12 or not _VOWEL.search(tail):
            continue
        grams = _initial_tokens([*heads, tail[0]])
        for syllable in syllables():
            if syllable.startswith(tail):
                tokens = (*grams, "'" + syllable)
                out.append(Alternative("mixed", tokens, WEIGHT_INITIALS, phrase=True))
    return out


def unique_alternatives(alternatives: Iterable[Alternative]) -> list[Alternative]:
    """The first alternative of each list of tokens (a finished reading before the same
    tokens read as unfinished)."""
    seen: set[tuple[str, ...]] = set()
    out: list[Alternative] = []
    for alt in alternatives:
        if alt.tokens not in seen:
            seen.add(alt.tokens)
            out.append(alt)
    return out


def _initial_groups(word: str) -> list[str] | None:
    """zcjd → [z, c, j, d]: a run of letters read as initials (i, u and v start no syllable)."""
    if any(c in "iuv" for c in word):
        return None
    return list(word)


# Words of everyday questions (通俗语言): a query that finds too little as it stands is
# split at them, so that 如何办理身份证 also searches 身份证 and 社保卡在哪办 searches 社保卡.
# 办 (办理) after a question word is the question's verb (怎么办社保卡, 去哪办社保卡): it goes
# with the question word, else it would stay glued to the next word (办社 is in no document);
# the longer phrase first, so that 如何办理身份证 leaves 身份证, not 理身份证.
_QUESTION_WORDS = ("怎么", "怎样", "如何", "哪里", "哪儿", "在哪", "去哪", "到哪", "哪")
STOP_WORDS = tuple(
    sorted(
        {
            *_QUESTION_WORDS,
            *(word + verb for word in _QUESTION_WORDS for verb in ("办", "办理")),
            *("在哪里", "去哪里", "到哪里"),
            *("怎么样", "哪些", "什么", "多少", "可以", "能否", "是否", "需要", "请问"),
            *("我想", "我要", "想要", "办理", "关于", "有关", "相关"),
            *("的", "了", "吗", "呢", "和", "及", "与"),
        },
        key=lambda w: (-len(w), w),
    )
)
_STOP = re.compile("|".join(STOP_WORDS))
# Words that say what a citizen wants rather than what about, and the type they lift
# (engine.intent): 办理, 申请 → services; 解读 → interpretations; 答复, 投诉 → replies …
INTENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("service", ("办理", "怎么办", "如何办", "申请", "办事", "指南", "材料", "申领")),
    ("interpretation", ("解读", "图解", "问答", "答记者问")),
    ("reply", ("答复", "留言", "投诉", "咨询", "信箱")),
    ("notice", ("公告", "通告", "公示", "通知")),
    ("policy", ("文件", "意见", "办法", "规定", "方案", "条例")),
)
# In a query split at everyday words, a word of intent (材料 of 社保卡申领需要什么材料) adds
# to the score, but a document need not hold it.
INTENT_WORDS = frozenset(word for _, words in INTENTS for word in words)

_CLOSE_BRACKET = re.compile(r" *[〕\])）】] *")
_BLANK = re.compile("[ \t\u3000]*")  # (Python's strip and JavaScript's trim differ)


# The token of a document's own 发文字号 (SearchDoc.doc_number): only that field gives it,
# so that a document that cites the number in its keywords (an interpretation, a later
# document that amends it) or holds its parts (〔2025〕13号 beside 3号 elsewhere) is no match.
# No text token holds a "#".
DOCNO_MARK = "#"


def doc_number(text: str, parts: list[Run]) -> tuple[str, ...]:
    """When the whole query is one 发文字号 (青政发〔2026〕9号, in any bracket form the index
    normalises, 号 optional): the token of the document whose own number it is
    (own_doc_number); else ()."""
    if parts and not parts[0].han:
        return _year_and_number(text, parts)
    han = [p for p in parts if p.han]
    if not (3 <= len(parts) <= 4) or not parts[0].han or not issuer_code(text, parts, 0):
        return ()
    issuer, year, number = parts[0], parts[1], parts[2]
    if not _BLANK.fullmatch(text[: issuer.start]) or len(number.text) > 6:
        return ()
    if not _CLOSE_BRACKET.fullmatch(text[year.start + len(year.text) : number.start]):
        return ()
    end = number.start + len(number.text)
    if len(parts) == 4:
        if parts[3].text != "号" or parts[3].start != end or len(han) != 2:
            return ()
        end += 1
    if not _BLANK.fullmatch(text[end:]) or not number.text.isdigit():
        return ()
    # (After the issuer code: it sorts beside the code's first bigram, whose shard the
    # query loads anyway, where a leading mark took one more shard to fetch.)
    return (f"{issuer.text}{DOCNO_MARK}{year.text}-{number.text}",)


# The year in brackets that opens a query of a 发文字号 without its issuer code: （2026）20号.
_OPENING_YEAR = re.compile("[ \t\u3000]*[〔\\[(（【] *")


def _year_and_number(text: str, parts: list[Run]) -> tuple[str, ...]:
    """A whole query that is a 发文字号 without its issuer code (〔2026〕20号, (2026)20, brackets
    as doc_number takes them): the token every document whose own number has that year and
    序号 holds, whatever its issuer (own_doc_tokens); else ()."""
    if not (2 <= len(parts) <= 3) or parts[1].han:
        return ()
    year, number = parts[0], parts[1]
    if len(year.text) != 4 or not year.text.isdigit() or not number.text.isdigit():
        return ()
    if len(number.text) > 6 or not _OPENING_YEAR.fullmatch(text[: year.start]):
        return ()
    if not _CLOSE_BRACKET.fullmatch(text[year.start + len(year.text) : number.start]):
        return ()
    end = number.start + len(number.text)
    if len(parts) == 3:
        if parts[2].text != "号" or parts[2].start != end:
            return ()
        end += 1
    if not _BLANK.fullmatch(text[end:]):
        return ()
    return (f"{DOCNO_MARK}{year.text}-{number.text}",)


def own_doc_tokens(number: str) -> tuple[str, ...]:
    """The tokens a document's own 发文字号 is indexed as: its own_doc_number, and the same
    without the issuer code, which a query of the number without it finds (〔2026〕20号: every
    issuer's 20th of 2026, before the documents that only hold a 2026 and a 20号); ()
    for a number of another shape."""
    own = own_doc_number(number)
    if not own:
        return ()
    return (own, DOCNO_MARK + own.split(DOCNO_MARK, 1)[1])


def own_doc_number(number: str) -> str:
    """The token a document's own 发文字号 is indexed as, read as a query that is one whole
    发文字号 is (doc_number: the bracket forms, full-width digits, spaces and 号 alike); ""
    for a number of another shape (吉政令第285号, which no such query finds either)."""
    norm = hant.fold(normalise(number))
    found = doc_number(norm, runs(norm))
    return found[0] if found else ""


# A 发文字号 typed without brackets around its year, as citizens type it: 吉政发20264号,
# 吉政发2026 4号, 吉政发2026年4号, 吉政发2026-4. A year is 19xx or 20xx, so the first four
# digits of a run (20264, 202614) are the year and the rest its 序号. An issuer code is two
# Chinese characters or more (a lone 第 before a number is no issuer).
_LOOSE_DOCNO = re.compile(
    rf"[ \t\u3000]*([{HAN_CLASS}]{{2,}}) *[〔\[(（【]? *((?:19|20)[0-9]{{2}}) *[〕\])）】年-]? *"
    r"([0-9]{1,6}) *号?[ \t\u3000]*"
)


def doc_number_form(query: str) -> str:
    """The 发文字号 a whole query is, written as doc_number reads one (吉政发〔2026〕4号), when
    the query is a number typed another way (_LOOSE_DOCNO); "" when it is not one, or is one
    already as typed. The engine searches this form first and keeps it only when a document
    has that number as its own (engine.search): 项目编号20231234 may as well be a code."""
    norm = hant.fold(normalise(query)[:MAX_QUERY])
    if doc_number(norm, runs(norm)):
        return ""
    found = _LOOSE_DOCNO.fullmatch(norm)
    if found is None:
        return ""
    return f"{found[1]}〔{found[2]}〕{found[3]}号"


# A Chinese run is searched with at most this many synonyms in place (synonym_variants).
SYNONYM_VARIANTS = 8
WEIGHT_SYNONYM = 95


def synonym_variants(word: str, groups: Sequence[tuple[str, ...]]) -> list[tuple[str, str]]:
    """A Chinese run with a synonym in place of a word of a group (噪声扰民 → 噪音扰民), and
    that synonym, for each group and each other word of it, at most SYNONYM_VARIANTS. Of a
    group, the longest word the run holds is replaced (住房公积金 → 公积金, not its 公积金
    by 住房公积金 again), at its first place. A word of letters or digits (12345) stands only
    for the whole run (一网通办 → 12345): in part of one (一网通办入口) it would make a run
    the index splits into other tokens (12345, 入口), no phrase of bigrams."""
    out: dict[str, str] = {}
    for group in groups:
        hit = max((w for w in group if w in word and _is_han(w)), key=len, default="")
        if not hit:
            continue
        for other in group:
            variant = word.replace(hit, other, 1)
            if other != hit and variant != word and (variant == other or _is_han(other)):
                out.setdefault(variant, other)
    return list(out.items())[:SYNONYM_VARIANTS]


def latin_synonyms(word: str, groups: Sequence[tuple[str, ...]]) -> list[str]:
    """The other words of the groups that hold a run of letters or digits as one of their
    words (12345 → 一网通办), at most SYNONYM_VARIANTS: such a word stands for the whole run,
    as the index keeps the run as one token."""
    out: dict[str, None] = {}
    for group in groups:
        if word in group:
            out.update((other, None) for other in group if other != word)
    return list(out)[:SYNONYM_VARIANTS]


def latin_synonym_alternatives(word: str, groups: Sequence[tuple[str, ...]]) -> list[Alternative]:
    """A run of letters or digits read as each of its synonyms (latin_synonyms): a word of
    letters or digits as its one token, a Chinese word as the phrase of all its bigrams,
    scored as if it had no more tokens than the run (one), as in `plan`."""
    found = []
    for other in latin_synonyms(word, groups):
        if not _is_han(other):
            found.append(Alternative("synonym", (other,), WEIGHT_SYNONYM))
            continue
        count = len(other) - 1
        bigrams = tuple(other[i : i + 2] for i in range(count))
        found.append(Alternative("synonym", bigrams, WEIGHT_SYNONYM // count, phrase=True))
    return found


def _is_han(word: str) -> bool:
    return _HAN_RUNS.fullmatch(word) is not None


def plan(query: str, loose: bool = False, synonyms: Sequence[tuple[str, ...]] = ()) -> Plan:
    """What to look up for a query: one clause per run, alternatives per clause. Traditional
    characters are folded first (hant.fold), one for one. `loose`: the query split at its
    everyday words (STOP_WORDS), and its words of intent (INTENT_WORDS) made optional.
    `synonyms`: groups of words (synonyms.load_synonyms); a Chinese run holding one is also
    read with each other word of its group in its place, as a reading of its own below the
    text as typed (WEIGHT_SYNONYM)."""
    typed = normalise(query)[:MAX_QUERY]
    norm = hant.fold(typed)
    searched = _STOP.sub(" ", norm) if loose else norm
    parts = runs(searched)
    if spaced_pinyin(searched, parts):
        searched = "".join(p.text for p in parts)
        parts = runs(searched)
    clauses: list[Clause] = []
    terms: list[str] = []
    multi = len(parts) > 1
    # A lone letter is no word of its own (the a of “a 社保 查询”): beside a word of two or
    # more characters it only adds to the score, and does not count towards MOST_OF.
    words = any(len(p.text) > 1 for p in parts)
    # Of a loose plan, words of intent are optional when a word of substance is left.
    substance = any(p.han and len(p.text) > 1 and p.text not in INTENT_WORDS for p in parts)
    for index, run in enumerate(parts):
        word = run.text
        if run.han:
            terms.append(word)
            # Where folding changed the run, the run as typed is a second alternative: a
            # page may be written in traditional characters.
            as_typed = typed[run.start : run.start + len(word)] if not loose else word
            if as_typed != word:
                terms.append(as_typed)
            if len(word) == 1:
                # A lone character beside other words (the 号 of 27号) only adds to the score.
                alternatives = [Alternative("text", (w,), WEIGHT_TEXT) for w in (word, as_typed)]
                clauses.append(Clause(word, tuple(dict.fromkeys(alternatives)), not multi))
            else:
                least = 0 if issuer_code(searched, parts, index) else least_bigrams(len(word) - 1)
                alternatives = [
                    Alternative(
                        "text",
                        tuple(w[i : i + 2] for i in range(len(w) - 1)),
                        WEIGHT_TEXT,
                        phrase=True,
                        least=least if least < len(w) - 1 else 0,
                    )
                    for w in dict.fromkeys((word, as_typed))
                ]
                # (an issuer code, least 0, is a name: no synonym stands in for part of it)
                for variant, other in synonym_variants(word, synonyms) if least else ():
                    if not _is_han(other):  # (the whole run: its one token, 12345)
                        alternatives.append(Alternative("synonym", (other,), WEIGHT_SYNONYM))
                        terms.append(other)
                        continue
                    # No more of its bigrams may be missing than of the run's (公积金贷款
                    # read as 住房公积金贷款 must not find 住房公积金缴存), nor more than of a
                    # run of its own length; a whole run replaced is one word (医保 →
                    # 医疗保险): every bigram.
                    count = len(variant) - 1
                    missing = len(word) - 1 - least
                    need = max(count - missing, least_bigrams(count)) if variant != other else count
                    # Scored as if it had no more bigrams than the run: a longer synonym
                    # (医疗保险 for 医保) must not outscore the word as typed by its length.
                    weight = WEIGHT_SYNONYM * min(len(word) - 1, count) // count
                    bigrams = tuple(variant[i : i + 2] for i in range(count))
                    alternatives.append(
                        Alternative(
                            "synonym",
                            bigrams,
                            weight,
                            phrase=True,
                            least=need if need < count else 0,
                        )
                    )
                    terms += [variant, other]  # (the longer marked where it stands whole)
                optional = loose and substance and word in INTENT_WORDS
                clauses.append(Clause(word, tuple(alternatives), not optional))
        elif word.isalpha():
            terms.append(word)
            alone = len(word) == 1 and words
            alternatives = alpha_alternatives(word)
            # The last word of a loose plan, nothing typed after it: its last syllable may
            # be unfinished (unfinished_alternatives).
            if loose and index == len(parts) - 1:
                end = run.start + len(word)
                if _BLANK.fullmatch(searched[end:]):
                    alternatives = unique_alternatives(
                        [*alternatives, *unfinished_alternatives(word)]
                    )
            alternatives = [*alternatives, *latin_synonym_alternatives(word, synonyms)]
            terms += latin_synonyms(word, synonyms)
            clauses.append(Clause(word, tuple(alternatives), not alone))
        else:
            terms.append(word)
            tokens = tuple(latin_tokens(word)) or (word[:MAX_LATIN],)
            required = tokens if len(tokens) == 1 else tokens[1:]
            alternatives = [Alternative("text", required, WEIGHT_TEXT)]
            if len(tokens) > 1 and len(word) >= PREFIX_MIN:
                # The start of a code (11229900MB1A30): its parts need not end where the
                # code's do, the run itself is one of the code's prefixes (code_prefixes).
                alternatives.append(Alternative("text", (word,), WEIGHT_TEXT))
            for area, local in phone_parts(word):
                alternatives.append(Alternative("text", (area, local), WEIGHT_TEXT))
                terms.append(f"{area}-{local}")
            alternatives += latin_synonym_alternatives(word, synonyms)
            terms += latin_synonyms(word, synonyms)
            clauses.append(Clause(word, tuple(alternatives)))
            if len(tokens) > 1:
                clauses.append(
                    Clause(word, (Alternative("text", (tokens[0],), WEIGHT_TEXT),), False)
                )
            nxt = parts[index + 1] if index + 1 < len(parts) else None
            if nxt is not None and nxt.han and nxt.start == run.start + len(word):
                glue = word + nxt.text[0]
                clauses.append(Clause(glue, (Alternative("text", (glue,), WEIGHT_TEXT),), False))
            prev = parts[index - 1] if index > 0 else None
            if prev is not None and prev.han and prev.start + len(prev.text) == run.start:
                glue = prev.text[-1] + word
                clauses.append(Clause(glue, (Alternative("text", (glue,), WEIGHT_TEXT),), False))
    # A word typed twice (社保 社保 查询) is one clause: twice, it would count twice towards
    # MOST_OF and let a document holding it alone stand for a three-word match.
    return Plan(
        norm,
        tuple(dict.fromkeys(clauses)),
        tuple(dict.fromkeys(terms)),
        doc_number(searched, parts),
    )


_LETTERS_AND_SPACES = re.compile("[a-z \t\u3000]+")


def spaced_pinyin(searched: str, parts: list[Run]) -> bool:
    """Is the query pinyin typed a piece at a time, to be read run together: syllables or
    words of pinyin, one a whole syllable at least (ying shang huan jing, shebao ka), or
    initials a letter at a time (y s h j)? Apart, a syllable was a word of its own, found in
    any character that reads so (jing: 青, whose second reading it is) and three of four
    words were enough (MOST_OF); lone letters beside each other found nothing."""
    if len(parts) < 2 or not _LETTERS_AND_SPACES.fullmatch(searched):
        return False
    if all(len(p.text) == 1 for p in parts):
        return True
    known = frozenset(syllables())
    return any(p.text in known for p in parts) and all(segmentations(p.text, 1) for p in parts)


def phone_parts(word: str) -> list[tuple[str, str]]:
    """A telephone number typed without the hyphen after its area code (04398110110 for
    0439-8110110, as a page writes it and indexes it: two runs of digits): each way to cut it
    into an area code of 3 or 4 digits from 0 and a number of 7 or 8."""
    if not (word.isdigit() and word.startswith("0")):
        return []
    return [(word[:k], word[k:]) for k in (3, 4) if 7 <= len(word) - k <= 8]


def query_readings(word: str, limit: int = 8) -> list[list[str]]:
    """The ways to read a Chinese query aloud (its characters' readings), at most `limit`."""
    out: list[list[str]] = [[]]
    for char in word:
        options = readings(char)
        if not options:
            return []
        out = [[*p, r] for p in out for r in options][:limit]
    return out


def unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
