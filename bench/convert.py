"""Convert a generated ssg corpus into a minimal Hugo site and a minimal Pelican site.

把生成的 ssg 语料转换成最小的 Hugo 站点和 Pelican 站点，供 compare.py 做同内容对比。

    python bench/convert.py hugo CORPUS OUT
    python bench/convert.py pelican CORPUS OUT
    python bench/convert.py pelican-theme CORPUS OUT   # bench/pelican_theme.py: ssg's theme

Both get the same Markdown bodies and the same folder tree; only `title` and `date` are kept
from the front matter (ssg also renders every other field of its eight types — service materials,
policy metadata tables, …; Hugo and Pelican see the body alone). Standard library only.

- **Hugo**: `content/` mirrors the corpus (`_index.md` for columns, bundles stay leaf bundles
  with their files), YAML front matter `title` / `date` (RFC 3339, +08:00), `hugo.toml`, and a
  minimal layout: `baseof.html` (nav of the top-level sections), `list.html` (title, body,
  paginated item list, 20 a page like ssg) and `single.html` (title, date, body). `uglyURLs`
  gives `/<column>/<name>.html` like ssg; taxonomies are off (ssg has none); RSS
  feeds hold 30 items, like ssg's.
- **Pelican**: `content/<column path>/<name>.md` in Pelican's Markdown metadata format (`Title:`,
  `Date:`), bundles flattened to `<name>.md` (their PDF/PNG files are left out: Pelican has no
  bundles), column `_index.md` files left out (Pelican makes one listing per category, the item's
  folder); `pelicanconf.py` with the built-in `simple` theme, 20 items a page, `PATH_METADATA`
  so that pages are written to `/<column path>/<name>.html` as in ssg, feeds of 30 items.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

SITE_NAME = "测试市人民政府"
PAGE_SIZE = 20  # ssg's default page_size
FEED_LENGTH = 30  # ssg's RSS feeds hold the newest 30 items (ssg/derive/feeds.py)

# ---- reading the corpus --------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The top-level `title` and `date` of a generated file, and its Markdown body.

    The generator writes plain scalars, JSON-style double-quoted or single-quoted strings
    (bench/yamltext.py); only top-level `key: value` lines are read, which is all we need.
    """
    if not text.startswith("---\n"):
        raise ValueError("no front matter")
    end = text.index("\n---\n", 3)
    fields: dict[str, str] = {}
    for line in text[4:end].split("\n"):
        key, sep, value = line.partition(": ")
        if sep and key in ("title", "date") and not line.startswith(" "):
            fields[key] = unquote(value.strip())
    return fields, text[end + len("\n---\n") :]


def unquote(value: str) -> str:
    if value.startswith('"'):
        return str(json.loads(value))
    if value.startswith("'") and value.endswith("'"):
        return value[1:-1].replace("''", "'")
    return value


def rfc3339(date: str) -> str:
    """`2024-12-24` or `2024-12-24 08:03` (Asia/Shanghai) as RFC 3339."""
    day, _, clock = date.partition(" ")
    return f"{day}T{clock or '00:00'}:00+08:00"


def corpus_files(corpus: Path) -> Iterator[tuple[Path, str]]:
    """(file, its path relative to content/) for every file of the corpus, sorted."""
    content = corpus / "content"
    for dirpath, dirnames, filenames in os.walk(content):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            yield path, path.relative_to(content).as_posix()


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


# ---- Hugo ----------------------------------------------------------------------------------

HUGO_CONFIG = f"""baseURL = "http://www.ceshi.gov.cn/"
languageCode = "zh-cn"
defaultContentLanguage = "zh"
title = "{SITE_NAME}"
hasCJKLanguage = true
timeZone = "Asia/Shanghai"
buildFuture = true
uglyURLs = true
paginate = {PAGE_SIZE}
disableKinds = ["taxonomy", "term"]
enableRobotsTXT = false
rssLimit = {FEED_LENGTH}
"""

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{ .Title }} - {{ site.Title }}</title>
</head>
<body>
<header>{{ site.Title }}</header>
<nav><a href="{{ "/" | relURL }}">首页</a>
{{- range site.Home.Sections }} <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{- range (.Paginate .RegularPagesRecursive).Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{- end }}
</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"""

HUGO_SINGLE = """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<time>{{ .Date.Format "2006-01-02 15:04" }}</time>
{{ .Content }}
</article>
{{ end }}
"""


def hugo_front_matter(fields: dict[str, str]) -> str:
    lines = ["---", f"title: {json.dumps(fields.get('title', ''), ensure_ascii=False)}"]
    if "date" in fields:
        lines.append(f"date: {rfc3339(fields['date'])}")
    return "\n".join([*lines, "---", ""])


def to_hugo(corpus: Path, out: Path) -> int:
    """Write the Hugo site into `out` (must not exist); returns the Markdown files written."""
    count = 0
    _write(out / "hugo.toml", HUGO_CONFIG)
    _write(out / "layouts" / "_default" / "baseof.html", HUGO_BASEOF)
    _write(out / "layouts" / "_default" / "list.html", HUGO_LIST)
    _write(out / "layouts" / "_default" / "single.html", HUGO_SINGLE)
    for path, rel in corpus_files(corpus):
        target = out / "content" / rel
        if path.suffix != ".md":
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)  # bundle files: Hugo page resources
            continue
        fields, body = split_front_matter(path.read_text("utf-8"))
        _write(target, hugo_front_matter(fields) + body)
        count += 1
    if (corpus / "static").is_dir():
        shutil.copytree(corpus / "static", out / "static" / "static")
    return count


# ---- Pelican -------------------------------------------------------------------------------

PELICAN_CONFIG = f"""SITENAME = "{SITE_NAME}"
SITEURL = ""
RELATIVE_URLS = True
PATH = "content"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
THEME = "simple"
DEFAULT_DATE = (2026, 11, 19)
DEFAULT_PAGINATION = {PAGE_SIZE}
PATH_METADATA = r"(?P<column>.*)/(?P<slug>[^/]+)\\.md"
ARTICLE_URL = "{{column}}/{{slug}}.html"
ARTICLE_SAVE_AS = "{{column}}/{{slug}}.html"
FEED_MAX_ITEMS = {FEED_LENGTH}
STATIC_PATHS = []
LOAD_CONTENT_CACHE = False
"""


def pelican_text(fields: dict[str, str], body: str) -> str:
    title = " ".join(fields.get("title", "").split())
    head = [f"Title: {title}"]
    if "date" in fields:
        head.append(f"Date: {fields['date']}")
    return "\n".join(head) + "\n\n" + body.lstrip("\n")


def to_pelican(corpus: Path, out: Path) -> int:
    """Write the Pelican site into `out` (must not exist); returns the Markdown files written."""
    count = 0
    _write(out / "pelicanconf.py", PELICAN_CONFIG)
    (out / "content").mkdir(parents=True, exist_ok=True)
    for path, rel in corpus_files(corpus):
        if path.suffix != ".md" or path.name == "_index.md":
            continue
        if path.name == "index.md":  # a bundle: its folder name is the item's name
            rel = str(Path(rel).parent) + ".md"
        fields, body = split_front_matter(path.read_text("utf-8"))
        _write(out / "content" / rel, pelican_text(fields, body))
        count += 1
    return count


CONVERTERS = {"hugo": to_hugo, "pelican": to_pelican}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 3 or args[0] not in (*CONVERTERS, "pelican-theme"):
        print("usage: convert.py hugo|pelican|pelican-theme CORPUS OUT", file=sys.stderr)
        return 2
    kind, corpus, out = args[0], Path(args[1]), Path(args[2])
    if out.exists():
        print(f"{out} exists; remove it first", file=sys.stderr)
        return 2
    if kind == "pelican-theme":  # bench/pelican_theme.py reads YAML: the project's Python only
        from pelican_theme import to_pelican_theme

        count = to_pelican_theme(corpus, out)
    else:
        count = CONVERTERS[kind](corpus, out)
    print(f"{count} Markdown files → {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
