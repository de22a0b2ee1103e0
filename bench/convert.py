"""Convert a generated ssg corpus into a Hugo site (minimal, or with ssg's theme) and a Pelican site.

把生成的 ssg 语料转换成 Hugo 站点（最小布局，或与 ssg 默认主题同样页面的布局）和 Pelican 站点，供同内容对比。

    python bench/convert.py hugo CORPUS OUT
    python bench/convert.py hugo-theme CORPUS OUT
    python bench/convert.py pelican CORPUS OUT
    python bench/convert.py pelican-theme CORPUS OUT   # bench/pelican_theme.py: ssg's theme

`hugo` and `pelican` get the same Markdown bodies and the same folder tree; only `title` and
`date` are kept from the front matter (ssg also renders every other field of its eight types —
service materials, policy metadata tables, …; they see the body alone). `hugo-theme` keeps all
of it and renders the pages ssg's default theme renders. Standard library only.

- **Hugo**: `content/` mirrors the corpus (`_index.md` for columns, bundles stay leaf bundles
  with their files), YAML front matter `title` / `date` (RFC 3339, +08:00), `hugo.toml`, and a
  minimal layout: `baseof.html` (nav of the top-level sections), `list.html` (title, body,
  paginated item list, 20 a page like ssg) and `single.html` (title, date, body). `uglyURLs`
  gives `/<column>/<name>.html` like ssg; taxonomies are off (ssg has none); RSS
  feeds hold 30 items, like ssg's.
- **Hugo with ssg's theme** (`hugo-theme`): the layouts of bench/hugo_theme/ (a Hugo theme
  port of ssg/themes/default, read it there) copied into OUT, ssg's theme assets into
  `static/assets/`, the corpus's data/site.yaml into `data/site.yaml` (Hugo reads it as
  `site.Data.site`). Every front matter field is passed through (nested ones verbatim; `date`
  as RFC 3339 plus `date_has_time`; the keys Hugo reserves — type, layout, url, slug, weight,
  draft, lastmod, kind — as `ssg_<key>`), and convert.py adds what ssg works out from the folder
  tree: `ssgtype` (the item type inherited from the columns above; also the item's `layout`,
  so each type has its template), a column's national `column_type`, `url: /<column>/` for a
  column (its listing at `<column>/index.html` as in ssg; items keep ssg's
  `<column>/<name>.html` by `uglyURLs`), `weight` from `order`, `lastmod` from an undated
  page's `updated`. Pages after the first of a listing are at `<column>/page/N/index.html`
  where ssg writes `index_N.html` (paginatePath cannot say that; bench/hugo_equiv.py reads one
  as the other). Sitemap and RSS are Hugo's own (one feed per section, 30 items).
  Not ported, and so ssg's extra work in a comparison: the compliance checks, the search index
  and search page, the annual report (ndbb/), the policy library's generated pages (by year,
  topic, issuer) and its filter, the knowledge base, the HTML site map, 404 and lifecycle
  pages (maintenance, migration, the site-opening notice), a replaced policy's chain
  (`superseded_by`), the news picture found in the body.
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


# ---- Hugo with ssg's default theme ---------------------------------------------------------

THEME_DIR = Path(__file__).resolve().parent / "hugo_theme"
SSG_STATIC = Path(__file__).resolve().parents[1] / "ssg" / "themes" / "default" / "static"

# ssg/content/model.py DEFAULT_COLUMN_TYPE: a column's national ColumnType from its item type.
DEFAULT_COLUMN_TYPE = {
    "policy": "政策文件",
    "interpretation": "政策解读",
    "service": "办事服务",
    "notice": "通知公告",
    "news": "工作动态",
    "reply": "咨询投诉",
    "leader": "负责人信息",
    "page": "概况信息",
}

# Front matter keys Hugo reads itself, kept under another name; `title`, `date`, `keywords`,
# `description`, `summary` and `aliases` mean the same in both and stay.
HUGO_RESERVED = {"type", "layout", "url", "slug", "weight", "draft", "lastmod", "kind"}

THEME_CONFIG = f"""baseURL = "https://www.ceshi.gov.cn/"
languageCode = "zh-cn"
defaultContentLanguage = "zh"
title = "{SITE_NAME}"
hasCJKLanguage = true
timeZone = "Asia/Shanghai"
buildFuture = true
uglyURLs = true
paginate = {PAGE_SIZE}
paginatePath = "page"
disableKinds = ["taxonomy", "term"]
enableRobotsTXT = false
rssLimit = {FEED_LENGTH}

[markup.goldmark.renderer]
unsafe = true  # ssg's Markdown keeps raw HTML too
[markup.goldmark.parser]
autoHeadingID = false  # ssg's headings have no id
[markup.goldmark.extensions]
typographer = false  # ssg keeps straight quotes
"""


def front_matter_block(text: str) -> tuple[list[str], str]:
    """The front matter's lines and the Markdown body."""
    if not text.startswith("---\n"):
        raise ValueError("no front matter")
    end = text.index("\n---\n", 3)
    return text[4:end].split("\n"), text[end + len("\n---\n") :]


def top_fields(lines: list[str]) -> dict[str, str]:
    """The top-level scalar values (`key: value` at column 0), unquoted."""
    fields = {}
    for line in lines:
        key, sep, value = line.partition(":")
        if sep and key.isidentifier() and not line.startswith((" ", "-")):
            fields[key] = unquote(value.strip())
    return fields


def hugo_theme_front_matter(lines: list[str], extra: dict[str, object]) -> str:
    """The corpus front matter for Hugo: every field passed through (nested ones verbatim),
    `date` as RFC 3339, the keys Hugo reserves as `ssg_<key>`, then `extra` (JSON values)."""
    out = ["---"]
    for line in lines:
        key, sep, value = line.partition(":")
        if sep and key.isidentifier() and not line.startswith((" ", "-")):
            if key == "date":
                stamp = unquote(value.strip())
                out.append(f"date: {rfc3339(stamp)}")
                out.append(f"date_has_time: {'true' if ' ' in stamp else 'false'}")
                continue
            if key in HUGO_RESERVED:
                line = f"ssg_{key}:{value}"
        out.append(line)
    out.extend(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in extra.items())
    return "\n".join([*out, "---", ""])


def column_types(corpus: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Each column's item type (inherited from the folders above) and national ColumnType
    (its own, else from its type, else its first sub-column's), as ssg/link.py works them out."""
    content = corpus / "content"
    fields: dict[str, dict[str, str]] = {}
    for index in sorted(content.rglob("_index.md")):
        cid = index.parent.relative_to(content).as_posix()
        fields["" if cid == "." else cid] = top_fields(
            front_matter_block(index.read_text("utf-8"))[0]
        )
    kinds: dict[str, str] = {}
    for cid in sorted(fields, key=lambda c: (c.count("/"), c)):
        parent = cid.rpartition("/")[0] if "/" in cid else ""
        kinds[cid] = fields[cid].get("type") or (kinds.get(parent, "page") if cid else "page")
    ctypes = {
        cid: f.get("column_type") or DEFAULT_COLUMN_TYPE.get(kinds[cid], "")
        for cid, f in fields.items()
    }
    ctypes[""] = fields.get("", {}).get("column_type") or "首页"
    for cid in sorted(fields, key=lambda c: -c.count("/")):  # deepest first
        if cid and not ctypes[cid]:
            kids = sorted(
                (int(fields[k].get("order", 0) or 0), k)
                for k in fields
                if k.rpartition("/")[0] == cid and "/" in k and ctypes.get(k)
            )
            ctypes[cid] = ctypes[kids[0][1]] if kids else ""
    return kinds, ctypes


def to_hugo_theme(corpus: Path, out: Path) -> int:
    """Write the Hugo site with bench/hugo_theme's layouts into `out` (must not exist)."""
    count = 0
    kinds, ctypes = column_types(corpus)
    _write(out / "hugo.toml", THEME_CONFIG)
    shutil.copytree(THEME_DIR / "layouts", out / "layouts")
    shutil.copytree(SSG_STATIC, out / "static" / "assets")
    (out / "data").mkdir(parents=True)
    shutil.copyfile(corpus / "data" / "site.yaml", out / "data" / "site.yaml")
    if (corpus / "static").is_dir():
        shutil.copytree(corpus / "static", out / "static" / "static")
    for path, rel in corpus_files(corpus):
        target = out / "content" / rel
        if path.suffix != ".md":
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)  # bundle files: Hugo page resources
            continue
        lines, body = front_matter_block(path.read_text("utf-8"))
        folder = Path(rel).parent
        if path.name == "index.md":  # a bundle: the item's column is the folder above
            folder = folder.parent
        cid = "" if folder.as_posix() == "." else folder.as_posix()
        extra: dict[str, object]
        if path.name == "_index.md":
            cid = "" if Path(rel).parent.as_posix() == "." else Path(rel).parent.as_posix()
            extra = {"ssgtype": kinds[cid], "column_type": ctypes[cid]}
            if cid:
                extra["url"] = f"/{cid}/"
        else:
            extra = {"ssgtype": kinds[cid], "layout": kinds[cid]}
        fields = top_fields(lines)
        if "column_type" in fields:
            extra.pop("column_type", None)  # the column's own
        if "order" in fields:
            extra["weight"] = int(fields["order"])
        if "updated" in fields and "date" not in fields:
            extra["lastmod"] = rfc3339(fields["updated"])
        _write(target, hugo_theme_front_matter(lines, extra) + body)
        count += 1
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


def to_pelican_theme(corpus: Path, out: Path) -> int:
    """`pelican-theme`: bench/pelican_theme.py, imported here because it reads YAML (the
    project's Python only), so that the other flavours need the standard library alone."""
    from pelican_theme import to_pelican_theme as convert

    return int(convert(corpus, out))


CONVERTERS = {
    "hugo": to_hugo,
    "hugo-theme": to_hugo_theme,
    "pelican": to_pelican,
    "pelican-theme": to_pelican_theme,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 3 or args[0] not in CONVERTERS:
        print(f"usage: convert.py {'|'.join(CONVERTERS)} CORPUS OUT", file=sys.stderr)
        return 2
    kind, corpus, out = args[0], Path(args[1]), Path(args[2])
    if out.exists():
        print(f"{out} exists; remove it first", file=sys.stderr)
        return 2
    count = CONVERTERS[kind](corpus, out)
    print(f"{count} Markdown files → {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
