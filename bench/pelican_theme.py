"""Convert a generated ssg corpus into a Pelican site whose pages are those of ssg's default theme.

把生成的 ssg 语料转换成 Pelican 站点，主题（bench/pelican_theme/）移植自 ssg 默认主题，页面与 ssg 的同样丰富。

    python bench/convert.py pelican-theme CORPUS OUT      # run with the project's Python (PyYAML)
    cd OUT && PELICAN content -o HTML_OUT -s pelicanconf.py -q
    python bench/hugo_ab.py --corpus CORPUS --hugo-site HUGO_SITE --pelican-site OUT   # timed

PELICAN is bench/work/pelican-venv/bin/pelican (compare.py's `ensure_pelican` makes that venv with
the pinned PELICAN_PINS, pelican 4.12.0 and markdown 3.11.3); the site needs nothing else.

The minimal `convert.py pelican` site keeps only title, date and body and uses Pelican's `simple`
theme; this one keeps every front matter field and renders what ssg's default theme renders: the
same <head> meta tags (SiteName … Url), accessibility bar, masthead, main nav with aria-current,
breadcrumbs, section nav, the type-specific article fields (policy metadata list, interpretation
↔ policy links, service guide sections and materials, reply Q/A, leader card, attachments), the
footer with data/site.yaml's identifiers, column listings 20 a page, and the home page.

What OUT holds:

- `content/<column path>/<name>.md`: Pelican's Markdown metadata (`Key: value` lines). Scalars
  pass through; lists and mappings (keywords, service materials and steps, attachments, …) and
  multi-line text are one-line JSON, read back in the templates by the `fromjson` filter that
  pelicanconf.py defines (JINJA_FILTERS). Keys Pelican reads itself (category, author, summary,
  status, slug, tags, template, …) are kept as `ssg_<key>`; `Template:` is the item's type (so
  Pelican renders policy.html for a policy, …), `Ssgtype:` the same, `Column:` its folder.
  Undated items (单页, 负责人) get their `updated` as Pelican's `Date` and `Dated: 0`. Bundles
  become `<name>.md` with their files copied beside it, under `<name>/` (STATIC_PATHS).
- `site.json`: data/site.yaml as JSON (Pelican's venv has no YAML library).
- `columns.json`: the columns of the corpus's `_index.md` files (title, description, keywords,
  national ColumnType, order, item type, Markdown intro), which Pelican has no notion of.
- `plugins/ssg_site.py`: a small plugin run once after the articles are read: it makes every
  column a Pelican category holding its items and those of its sub-columns (Pelican's own
  category pages then paginate it, 20 a page, at `<column>/index.html`, `index_2.html`, …, ssg's
  paths), and builds once, for the templates, the column tree, breadcrumbs, section navs, the
  policy ↔ interpretation maps (by 发文字号) and the home page blocks.
- `pelicanconf.py` (bench/pelican_theme/pelicanconf.py) and `theme/` (bench/pelican_theme's
  templates, ssg's default theme assets as its static/, written to /assets/ as ssg's are).

Not ported (ssg's extra work in a comparison), as for the Hugo port: the compliance checks, the
search index and page, the annual report, the policy library's generated pages, the knowledge
base, the HTML site map, 404 and lifecycle pages, a replaced policy's chain, the news picture
found in the body, feeds (Pelican's are off: ssg's are per column, Pelican's per category would
be a different set), sitemap.xml. Asset URLs have no `?v=` hash.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import yaml
from convert import DEFAULT_COLUMN_TYPE  # (bench/ is on sys.path: convert.py imports this module)

HERE = Path(__file__).resolve().parent
THEME_DIR = HERE / "pelican_theme"
SSG_STATIC = HERE.parent / "ssg" / "themes" / "default" / "static"

# Metadata keys Pelican processes itself; the corpus's own are kept as ssg_<key>.
PELICAN_RESERVED = {
    "category", "author", "authors", "summary", "status", "slug", "tags", "template", "lang",
    "translation", "save_as", "url", "modified", "type", "column", "dated", "timed", "ssgtype",
}  # fmt: skip

# Each type has its template (bench/pelican_theme/templates/<type>.html) but these, as in ssg.
TEMPLATES = {"news": "article", "notice": "article"}


def read_item(path: Path) -> tuple[dict[str, object], str]:
    """The front matter (YAML, as ssg reads it) and the Markdown body of one file."""
    text = path.read_text("utf-8")
    if not text.startswith("---\n"):
        raise ValueError(f"{path}: no front matter")
    end = text.index("\n---\n", 3)
    fields = yaml.load(text[4:end], Loader=yaml.CSafeLoader) or {}
    return fields, text[end + len("\n---\n") :]


def scalar(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def metadata_line(key: str, value: object) -> str:
    """One `Key: value` line: a one-line scalar as is, anything else as one-line JSON."""
    if isinstance(value, (list, dict)) or (isinstance(value, str) and "\n" in value):
        text = json.dumps(value, ensure_ascii=False, default=scalar)
    else:
        text = scalar(value)
    return f"{key}: {text}"


def columns_of(corpus: Path) -> dict[str, dict[str, object]]:
    """Every column (`_index.md`) by id ("" for the home page), with its inherited item type
    and national ColumnType worked out as ssg/link.py does."""
    content = corpus / "content"
    columns: dict[str, dict[str, object]] = {}
    for index in sorted(content.rglob("_index.md"), key=lambda p: (len(p.parts), p)):
        cid = index.parent.relative_to(content).as_posix()
        cid = "" if cid == "." else cid
        fields, body = read_item(index)
        parent = cid.rpartition("/")[0] if "/" in cid else ("" if cid else None)
        kind = fields.get("type") or (
            columns[parent]["type"] if cid and parent in columns else "page"
        )
        columns[cid] = {
            "title": str(fields.get("title", "")),
            "description": str(fields.get("description", "") or ""),
            "keywords": [str(k) for k in fields.get("keywords", []) or []],
            "order": int(fields.get("order", 0) or 0),
            "type": kind,
            "column_type": str(fields.get("column_type", "") or "")
            or (DEFAULT_COLUMN_TYPE.get(str(kind), "") if cid else "首页"),
            "parent": parent,
            "intro": body.strip(),
        }
    for cid in sorted(columns, key=lambda c: -c.count("/")):  # deepest first: from a sub-column
        if cid and not columns[cid]["column_type"]:
            kids = sorted((c["order"], k) for k, c in columns.items() if c["parent"] == cid)
            columns[cid]["column_type"] = columns[kids[0][1]]["column_type"] if kids else ""
    return columns


def to_pelican_theme(corpus: Path, out: Path) -> int:
    """Write the Pelican site into `out` (must not exist); returns the Markdown files written."""
    columns = columns_of(corpus)
    (out / "content").mkdir(parents=True)
    shutil.copyfile(THEME_DIR / "pelicanconf.py", out / "pelicanconf.py")
    shutil.copytree(THEME_DIR / "plugins", out / "plugins")
    shutil.copytree(THEME_DIR / "templates", out / "theme" / "templates")
    shutil.copytree(SSG_STATIC, out / "theme" / "static")
    site = yaml.load((corpus / "data" / "site.yaml").read_text("utf-8"), Loader=yaml.CSafeLoader)
    (out / "site.json").write_text(json.dumps(site, ensure_ascii=False, default=scalar), "utf-8")
    (out / "columns.json").write_text(json.dumps(columns, ensure_ascii=False, indent=1), "utf-8")
    if (corpus / "static").is_dir():
        shutil.copytree(corpus / "static", out / "content" / "static")
    bundles: list[str] = []
    count = 0
    content = corpus / "content"
    for path in sorted(content.rglob("*.md")):
        if path.name == "_index.md":
            continue
        rel = path.relative_to(content)
        if path.name == "index.md":  # a bundle: its folder name is the item's name
            name, folder = rel.parent.name, rel.parent.parent
            for extra in sorted(path.parent.iterdir()):
                if extra.name != "index.md":
                    target = out / "content" / rel.parent / extra.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(extra, target)
            bundles.append(rel.parent.as_posix())
        else:
            name, folder = path.stem, rel.parent
        cid = folder.as_posix()
        kind = str(columns[cid]["type"])
        fields, body = read_item(path)
        lines = [f"Title: {' '.join(str(fields.pop('title', '')).split())}"]
        dated = "date" in fields
        lines.append(f"Date: {scalar(fields['date'] if dated else fields.get('updated'))}")
        timed = isinstance(fields.get("date"), str) and " " in str(fields.get("date"))
        lines += [
            f"Dated: {int(dated)}",
            f"Timed: {int(timed)}",
            f"Template: {TEMPLATES.get(kind, kind)}",
            f"Ssgtype: {kind}",
        ]
        lines += [f"Column: {cid}", f"Slug: {name}"]
        for key, value in fields.items():
            if key == "date":
                continue
            lines.append(metadata_line(f"ssg_{key}" if key in PELICAN_RESERVED else key, value))
        target = out / "content" / folder / f"{name}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines) + "\n\n" + body.lstrip("\n"), "utf-8")
        count += 1
    (out / "bundles.json").write_text(json.dumps(bundles, ensure_ascii=False), "utf-8")
    return count
