"""The usual reading of the suggestion terms: 高校 is gao·xiao, not gao·jiao; 银行 yin·hang.

Tokenising reads each character by itself (tokenize.readings: its first two readings, so that a
query finds a word whichever way it is read); a suggestion ranks the word's usual reading
above the others (engine.suggest). A word's usual reading needs pypinyin's phrase dictionary,
which is kept out of the build's processes but the slugs' (ssg/slugs.py): imported it is 55 MB
and a second's loading. Here it is not imported: its JSON file is scanned for the phrases
that stand inside the terms, and only those are decoded (2 MB read, 0.05 s, nothing kept).

A term's reading is then pypinyin's way with them: each run of Chinese characters cut from
the left into the longest phrases of the dictionary it holds, and a character outside any
phrase read by its first reading.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ssg.search import tokenize

_HAN_RUN = re.compile(f"[{tokenize.HAN_CLASS}]+")
# A key of the phrase file, one to a line: "高校": [ … (the file holds nothing else in quotes
# at a line's start followed by a colon).
_KEY = re.compile(rb'\n"([^"\n]*)":')
LONGEST = 12  # characters of the longest phrase looked for (the dictionary's are shorter)


def usual_readings(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """word → its usual reading, one toneless syllable per Chinese character (高校毕业生 →
    gao xiao bi ye sheng); a character with no reading is left out, as
    client_index.term_entries leaves it out of the other readings. Words with no character
    whose reading the phrase can change (no character of two readings) are not looked up."""
    words = list(dict.fromkeys(words))
    wanted: set[str] = set()
    for word in words:
        for run in _HAN_RUN.findall(tokenize.normalise(word)):
            if any(len(tokenize.readings(c)) > 1 for c in run):
                for start in range(len(run)):
                    for end in range(start + 2, min(len(run), start + LONGEST) + 1):
                        wanted.add(run[start:end])
    phrases = _phrases(frozenset(wanted)) if wanted else {}
    lengths = _lengths(phrases)
    return {word: _read(tokenize.normalise(word), phrases, lengths) for word in words}


def _lengths(phrases: Mapping[str, tuple[str, ...]]) -> list[int]:
    """The lengths of `phrases` of two to LONGEST characters, longest first."""
    return sorted({len(p) for p in phrases if 2 <= len(p) <= LONGEST}, reverse=True)


def _read(
    text: str, phrases: Mapping[str, tuple[str, ...]], lengths: Sequence[int]
) -> tuple[str, ...]:
    """`text` cut from the left into the longest of `phrases`, `lengths` those of the phrases
    (_lengths): only they are looked up (2,411 terms at 10k items looked up every length from
    LONGEST down, 208,000 look-ups)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        for size in lengths:
            end = i + size
            if end > len(text):
                continue
            found = phrases.get(text[i:end])
            if found is not None:
                out.extend(found)
                i = end
                break
        else:
            options = tokenize.readings(text[i])
            if options:
                out.append(options[0])
            i += 1
    return tuple(out)


def _phrases(wanted: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The toneless readings of those of `wanted` that are phrases of pypinyin's dictionary;
    {} without pypinyin (the terms then keep the order of their characters' readings)."""
    data = _phrase_file()
    if data is None:
        return {}
    out: dict[str, tuple[str, ...]] = {}
    # (the keys compared as bytes: decoded, 47,000 keys for the few hundred wanted)
    wanted_bytes = {word.encode("utf-8", "surrogatepass") for word in wanted}
    for match in _KEY.finditer(data):
        if match.group(1) not in wanted_bytes:
            continue
        key = match.group(1).decode("utf-8", "replace")
        if key not in wanted:
            continue
        start = data.index(b"[", match.end())
        end = data.find(b"\n]\n]", start)  # (the last reading's list closes, then the phrase's)
        try:
            value = json.loads(data[start : end + 4]) if end >= 0 else None
        except ValueError:
            value = None
        if isinstance(value, list) and len(value) == len(key) and all(value):
            out[key] = tuple(tokenize.toneless(str(options[0])) for options in value)
    return out


def _phrase_file() -> bytes | None:
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "phrases_dict.json"
    try:
        return path.read_bytes()
    except OSError:
        return None
