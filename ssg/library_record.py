"""The record of the policy library's published group URLs: data/library-urls.yaml.

The library names a topic's or an issuer's pages by the pinyin of the name (by-topic/<slug>/,
by-issuer/<slug>/); names read alike get -2, -3 … (derive/policy_library.py). Handed out
afresh at each build, a new homophone, or one that sorts earlier, moved a published group
from x/ to x-2/ and gave x/ to the newcomer: an old link then showed another name's
documents, with no redirect. The record says which name each published URL belongs to:

- a recorded URL stays its name's, and is never given to another name, even once its name
  has no policy left;
- a name none of whose recorded URLs fits its reading any more (the editor wrote its new name
  on the old line, or 吉林's place names are now read as places) gets a new URL, and each of
  its recorded ones redirects there, page by page.

Why a file of its own: the deploy's urls.txt (the `previous_urls` copy) lists the URLs but
not which name each one showed, and .ssg-cache/ is safe to delete: a cold build on a clean
clone must know the record too. So it lives in the editor's repository beside the other data
files. `ssg build` appends a line for each URL it publishes first and never rewrites a line
(the editor may have written it); the preview (whose output is in .ssg-cache/) and
`ssg check` publish nothing and write nothing. Without the file, the URLs the versions before
it gave (slugs.unique_slugs in sorted order, and their redirects from pypinyin's readings) are
the record, and are written.

One line a URL, a flat YAML mapping, in the order the URLs were first published:

    /zcwj/by-issuer/chang-ling-xian-ren-min-zheng-fu/: 长岭县人民政府

LIBRARY-01: a line that is no group URL or names nothing is an error (the build cannot tell
what was published); a record the build could not extend is advice (the URLs stand; the next
build tries again).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from ssg.content.frontmatter import parse_data_file
from ssg.diagnostics import Diagnostic, Diagnostics, Severity
from ssg.line_ends import append_lines
from ssg.scaffold import ITEM_PLACEHOLDERS

__all__ = [
    "CODE",
    "RECORD_FILE",
    "LibraryRecord",
    "append_record",
    "load_record",
    "recordable",
    "rename_advice",
]

RECORD_FILE = "data/library-urls.yaml"  # (ssg/unchanged.py names it too: not imported there)
CODE = "LIBRARY-01"
_KEY = re.compile(r"/(?P<base>.+/(?P<kind>by-topic|by-issuer)/)(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)/")
_FIELD = {"by-topic": "topic", "by-issuer": "issuer"}  # the policy field a group is named by
HEADER = (
    "# 政策文件库按主题、按发文机关浏览的网址，每行一个“网址: 名称”，按首次发布的先后排列。\n"
    "# ssg build 发布新的主题或发文机关时在末尾添加一行，已有的行从不改动；请把这个文件提交到仓库：\n"
    "# 有了它，已发布的网址不会因同音的新名称而改变，也不会给别的名称。名称改了时，把旧网址那一行的\n"
    "# 名称改为新名称，旧网址就跳转到新名称的网页。\n"
    "# (Published policy library URLs, one `URL: name` a line; `ssg build` appends, never rewrites.)\n"
)


@dataclass(frozen=True, slots=True)
class LibraryRecord:
    """What data/library-urls.yaml says, as the build read it."""

    entries: tuple[tuple[str, str], ...]  # (group URL path, name), in the file's order
    raw: bytes  # the file as read: appended to only while it is still these bytes
    lines: tuple[int, ...] = ()  # each entry's line in the file (for advice at it)

    def line_of(self, url: str) -> int:
        """The line `url` is recorded at (1 when it is not)."""
        pairs = zip(self.entries, self.lines, strict=False)  # (lines: () when made by hand)
        return next((n for (u, _), n in pairs if u == url), 1)

    def under(self, base: str) -> list[tuple[str, str]]:
        """(slug, name) of the URLs recorded under `base` (/zcwj/by-topic/), in order."""
        return [
            (url[len(base) : -1], name)
            for url, name in self.entries
            if url.startswith(base) and "/" not in url[len(base) : -1]
        ]


def load_record(root: Path, diags: Diagnostics) -> LibraryRecord | None:
    """The record, or None when the site has none (or it cannot be read: then an error)."""
    path = root / RECORD_FILE
    if not path.exists() and not path.is_symlink():
        return None
    try:
        raw = path.read_bytes()
    except OSError as exc:  # (a folder, a link to nothing, no permission)
        diags.error(
            "FILE-03",
            RECORD_FILE,
            0,
            "",
            f"无法读取 {RECORD_FILE}：{exc.strerror or exc}；它应是一个文件 (cannot read the file)",
        )
        return None
    return parse_record(raw, diags)


def parse_record(raw: bytes, diags: Diagnostics) -> LibraryRecord:
    """The record the bytes of data/library-urls.yaml hold; its problems reported."""
    data, lines = parse_data_file(raw, RECORD_FILE, diags)
    if data == {}:  # (empty, comments only, or a problem reported already)
        return LibraryRecord((), raw)
    if not isinstance(data, dict):
        diags.error(
            CODE,
            RECORD_FILE,
            1,
            "",
            "应为每行一个“网址: 名称”的映射，如 /zcwj/by-topic/zong-he-zheng-wu/: 综合政务 "
            "(expected a mapping of URL: name)",
        )
        return LibraryRecord((), raw)
    entries: list[tuple[str, str]] = []
    at: list[int] = []
    seen: dict[str, str] = {}
    for key, name in data.items():
        line = lines.get(key, 1)
        url = unquote(key.strip())  # (copied from urls.txt or the address bar: percent-encoded)
        if _KEY.fullmatch(url) is None:
            diags.error(
                CODE,
                RECORD_FILE,
                line,
                key,
                f"“{key}”不是政策文件库的分组网址，应为 /<栏目路径>/by-topic/<拼音>/ 或 "
                "/<栏目路径>/by-issuer/<拼音>/ (not a by-topic or by-issuer URL of the library)",
            )
            continue
        if not isinstance(name, str) or not name.strip():
            diags.error(
                CODE,
                RECORD_FILE,
                line,
                key,
                "应写出这个网址所属的主题或发文机关的名称 (expected the name the URL belongs to)",
            )
            continue
        if url in seen:
            diags.error(
                CODE,
                RECORD_FILE,
                line,
                key,
                f"网址 {url} 写了两次（另一处写作“{seen[url]}”）；一个网址只属于一个名称 "
                "(the URL is recorded twice)",
            )
            continue
        seen[url] = key
        entries.append((url, name))
        at.append(line)
    return LibraryRecord(tuple(entries), raw, tuple(at))


def recordable(added: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (URL, name) of `added` that are the site's own names: not one still the stand-in
    `ssg new` writes (ssg.scaffold's ITEM_PLACEHOLDERS, as ssg/check/placeholders.py reports
    it: issuer 示例市人民政府). A stand-in's URL is published only until the editor writes
    the real name; recorded, it would hold its URL for ever and be taken for a renamed name
    (LIBRARY-01's rename advice) once the real name comes."""

    def stand_in(url: str, name: str) -> bool:
        key = _KEY.fullmatch(url)
        field = _FIELD[key["kind"]] if key is not None else ""
        return field in ITEM_PLACEHOLDERS and name.strip() == ITEM_PLACEHOLDERS[field]

    return [(url, name) for url, name in added if not stand_in(url, name)]


def record_lines(entries: Iterable[tuple[str, str]]) -> str:
    """`URL: name` lines, each side as written plain where YAML reads it back as it is."""
    return "".join(f"{_written(url)}: {_written(name)}\n" for url, name in entries)


def _written(text: str) -> str:
    line = f"{text}: {text}".encode()  # (as a key and as a value)
    if text == text.strip() and parse_data_file(line, "", Diagnostics())[0] == {text: text}:
        return text  # (read back as itself: 测试市人民政府, 综合政务\政务公开, a URL)
    if any(ord(c) < 0x20 or c == "\x7f" for c in text):
        return json.dumps(text, ensure_ascii=False)  # (a valid YAML double-quoted scalar)
    return "'" + text.replace("'", "''") + "'"  # (a backslash stays a backslash)


def append_record(
    root: Path, record: LibraryRecord | None, added: list[tuple[str, str]], diags: Diagnostics
) -> bytes | None:
    """Add `added` (URL, name) to the record as it was read, at its end. Returns the bytes the
    file is to hold now, None when there is nothing to add. Never rewrites what is there: a
    file changed since the build read it, or one whose end a line cannot follow, is left as
    it is (advice; the bytes returned are then not the file's, so the build's fingerprint
    does not match it and the next build tries again rather than replaying this one).
    Written to a new file renamed over the old (never through a hard link)."""
    if not added:
        return None
    path = (root / RECORD_FILE).resolve()
    old = record.raw if record is not None else None
    # (in the file's own line ends: a CRLF file saved on Windows gets no LF line)
    text = append_lines(old or b"", (HEADER if old is None else "") + record_lines(added))
    try:
        now = path.read_bytes() if old is not None else None
    except OSError:
        now = None
    if now != old or (old is None and path.exists()):
        _not_written(diags, added, "文件在构建期间被改动 (the file changed during the build)")
        return text
    check = Diagnostics()
    before = record.entries if record is not None else ()
    if parse_record(text, check).entries != (*before, *added) or check.blocks():
        _not_written(diags, added, "文件末尾不能直接接续新行 (its end cannot take a new line)")
        return text
    try:
        mode = path.stat().st_mode & 0o777 if old is not None else 0o644
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".library-urls-")
        try:
            os.fchmod(handle, mode)
            with os.fdopen(handle, "wb") as out:
                out.write(text)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        _not_written(diags, added, f"无法写入：{exc.strerror or exc} (cannot write it)")
    return text


def rename_advice(
    record: LibraryRecord, old_url: str, old_name: str, new: list[tuple[str, str]]
) -> Diagnostic:
    """Advice at the record line of a name no policy is filed under any more, while `new`
    (URL, name) are published first: its URL is no longer published (a link to it finds
    nothing), and writing the new name on its line makes it redirect (group_slugs)."""
    url, name = new[0]
    others = f"等 {len(new)} 个名称" if len(new) > 1 else ""
    return Diagnostic(
        Severity.ADVICE,
        CODE,
        RECORD_FILE,
        record.line_of(old_url),
        old_url,
        f"已没有政策文件属于“{old_name}”，它的网址 {old_url} 不再发布；本次首次发布了“{name}”"
        f"（{url}）{others}。如果是“{old_name}”改了名，请把这一行的名称改为新名称，旧网址就会"
        f"跳转到新名称的网页；如果“{old_name}”已不再使用，可以不改 (no policy is filed under "
        "the recorded name any more, while a new name is published: if it was renamed, write "
        "the new name on this line and the old URL redirects)",
    )


def _not_written(diags: Diagnostics, added: list[tuple[str, str]], why: str) -> None:
    url, name = added[0]
    more = f"等 {len(added)} 个网址" if len(added) > 1 else ""
    diags.advice(
        CODE,
        RECORD_FILE,
        0,
        "",
        f"本次首次发布的 {url}（{name}）{more}没有记入 {RECORD_FILE}：{why}；下一次构建会再记，"
        f"也可以手工在末尾添加“{record_lines(added[:1]).strip()}”这样的行 "
        "(the URLs published first now are not recorded; the next build tries again)",
    )
