"""Synonyms (同义词) for search: data/search-synonyms.yaml, read and checked as the other data
files are, and the few built-in groups a site may turn off.

A group is a list of words that mean the same to a citizen (噪音, 噪声): a query that holds one
of them is also searched with each of the others in its place (tokenize.synonym_variants), at
query time, by both backends. The index does not change with them: a new synonym needs only
its list sent again — `ssg build` rewrites the static index's entry file (its postings are the
last build's), `ssg search index --synonyms` rewrites the server's list, which a running
`ssg search serve` reads at its next query.

The file is either a list of groups, or a mapping:

    builtin: false        # leave out ssg's own groups (BUILTIN); default true
    synonyms:
      - [噪声, 噪音]
      - [一网通办, 一网通]
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from ssg.config import UNREADABLE, read_input
from ssg.content.frontmatter import YamlValue, parse_data_file
from ssg.diagnostics import Diagnostics
from ssg.search import hant, tokenize

SYNONYMS_FILE = "data/search-synonyms.yaml"

Groups = tuple[tuple[str, ...], ...]

# Built in, each pair the same thing under its everyday and its formal name, as citizens type
# the one and pages write the other (the brief's examples and their kind). Kept small and
# obviously right: a wrong synonym would bring pages no one asked for into every site's
# results. Two groups, not one, for 医保: 医疗保险 and 医疗保障 are not each other.
BUILTIN: Groups = (
    ("噪音", "噪声"),
    ("医保", "医疗保险"),
    ("医保", "医疗保障"),
    ("公积金", "住房公积金"),
    ("身份证", "居民身份证"),
    ("低保", "最低生活保障"),
    ("驾照", "驾驶证"),
)

_WORD = re.compile(f"[{tokenize.HAN_CLASS}]{{2,{tokenize.MAX_LATIN}}}")
# A word of letters or digits (12345, ETC): one token of the index, as the query's run is one
# (tokenize.latin_synonyms), so both backends can put a synonym in its place.
_LATIN_WORD = re.compile(f"[0-9a-z]{{2,{tokenize.MAX_LATIN}}}")
_YES = ("true", "yes", "是")
_NO = ("false", "no", "否")
_KEYS = ("builtin", "synonyms")


def word_form(text: str) -> str:
    """A word of a group as queries are compared with it: normalised and folded (繁 → 简)."""
    return hant.fold(tokenize.normalise(text.strip()))


def load_synonyms(root: Path, diags: Diagnostics) -> Groups:
    """The groups a site's search uses: the built-in ones (unless `builtin: false`), then the
    site's own, in the file's order. A problem in the file is an error naming its line and
    field, as in data/typos.yaml: a broken list silently ignored would look like synonyms
    that do not work."""
    raw, unreadable = read_input(root / SYNONYMS_FILE)
    if unreadable:
        diags.error(UNREADABLE, SYNONYMS_FILE, 0, "", unreadable)
        return BUILTIN
    if raw is None:
        return BUILTIN
    data, lines = parse_data_file(raw, SYNONYMS_FILE, diags)
    if data == {}:  # (empty, or a problem reported already)
        return BUILTIN
    builtin = True
    listed: YamlValue = data
    prefix = ""
    if isinstance(data, dict):
        for key in data:
            if key not in _KEYS:
                near = difflib.get_close_matches(key, _KEYS, n=1)
                hint = f"，是不是 {near[0]}？" if near else ""
                diags.error(
                    "SCHEMA-05", SYNONYMS_FILE, lines.get(key, 1), key,
                    f"未知的键 “{key}”{hint}；只有 builtin（是否使用 ssg 自带的同义词）和 "
                    "synonyms（同义词组的列表） (unknown key)",
                )  # fmt: skip
        builtin = _flag(data.get("builtin", "true"), lines.get("builtin", 1), diags)
        listed = data.get("synonyms") or []  # (`synonyms:` with nothing yet: no groups)
        prefix = "synonyms"
    elif not isinstance(data, list):
        diags.error(
            "YAML-06", SYNONYMS_FILE, 1, "",
            "search-synonyms.yaml 应为同义词组的列表，每组一行，如 - [噪声, 噪音] "
            "(expected a list of groups of synonyms)",
        )  # fmt: skip
        return BUILTIN
    if not isinstance(listed, list):
        diags.error(
            "SCHEMA-02", SYNONYMS_FILE, lines.get(prefix, 1), prefix,
            "synonyms 应为同义词组的列表，每组一行，如 - [噪声, 噪音] "
            "(expected a list of groups)",
        )  # fmt: skip
        listed = []
    groups = (_group(value, f"{prefix}[{i}]", lines, diags) for i, value in enumerate(listed, 1))
    own = [group for group in groups if group]
    return (BUILTIN if builtin else ()) + tuple(own)


def _flag(value: YamlValue, line: int, diags: Diagnostics) -> bool:
    text = value.strip().lower() if isinstance(value, str) else ""
    if text in _YES:
        return True
    if text in _NO:
        return False
    diags.error(
        "SCHEMA-02", SYNONYMS_FILE, line, "builtin",
        f"builtin 只能是 true 或 false（也可写 yes/no、是/否），不是 “{value}” "
        "(expected true or false)",
    )  # fmt: skip
    return True


def _why(form: str) -> str:
    """Why a word cannot be a synonym, for the editor who wrote it."""
    if len(tokenize.runs(form)) > 1:
        # 12345热线, PM2.5: the query is cut there, and a synonym stands for one run only.
        return (
            "搜索在标点、空格以及汉字与字母数字相接处把它拆成几个词（如 PM2.5、12345热线），"
            "而同义词只能整体替换一个词，替换不了它；请只写一个词"
        )
    return "一个字、标点或空格不是可以替换的词语"


def _group(
    value: YamlValue, where: str, lines: dict[str, int], diags: Diagnostics
) -> tuple[str, ...]:
    """One group, its words in their compared form; () after reporting a problem."""
    line = lines.get(where, 1)
    if not isinstance(value, list) or len(value) < 2:
        diags.error(
            "SCHEMA-02", SYNONYMS_FILE, line, where,
            "每组同义词应为两个或更多词语的列表，如 [噪声, 噪音] "
            "(expected a list of two words or more)",
        )  # fmt: skip
        return ()
    words: list[str] = []
    for k, word in enumerate(value, start=1):
        form = word_form(word) if isinstance(word, str) else ""
        if not (_WORD.fullmatch(form) or _LATIN_WORD.fullmatch(form)):
            diags.error(
                "SCHEMA-02", SYNONYMS_FILE, lines.get(f"{where}[{k}]", line), f"{where}[{k}]",
                f"同义词 “{word}” 应为一个词语：两个或更多汉字（如 噪声），或两个或更多字母、数字"
                f"（如 12345、ETC）；{_why(form)} (expected one word: two Chinese characters or"
                " more, or two letters or digits or more)",
            )  # fmt: skip
            return ()
        if form not in words:
            words.append(form)
    if len(words) < 2:
        diags.error(
            "SCHEMA-02", SYNONYMS_FILE, line, where,
            f"这一组只有一个词语（“{words[0]}”），没有可替换的同义词 (a group of one word)",
        )  # fmt: skip
        return ()
    return tuple(words)
