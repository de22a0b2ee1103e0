"""Columns as categories, and what the templates look up, built once after Pelican reads the items.

读完条目后运行一次：把每个栏目做成 Pelican 分类（含下级栏目的条目），并为模板建好栏目树、面包屑、栏目导航、
政策与解读的对应（按发文字号）和首页各区块。

Pelican's categories are flat and take an item's one folder; ssg's column listing holds the items of
its sub-columns too. So each column of columns.json becomes a category named by its path, holding
its items and its sub-columns', newest first; Pelican's own category pages then paginate it
(pelicanconf.py: CATEGORY_SAVE_AS, PAGINATION_PATTERNS). Everything else goes into the context
as `SSG`, a dict the templates read: `columns` (id → title, url, description, crumbs, children,
section nav, intro HTML, …), `policy_by_number` and `readings` (发文字号 → the policy, → its
interpretations), `home` (the home page's blocks).
"""

import json
from pathlib import Path

from markdown import Markdown
from pelican import signals
from pelican.urlwrappers import Category

# The home page's featured blocks: national ColumnType, CSS class, items shown (as the Hugo port).
FEATURED = (
    ("工作动态", "block block-wide news-block", 8),
    ("通知公告", "block notices-block", 6),
    ("政策文件", "block block-wide policies-block", 8),
    ("政策解读", "block readings-block", 6),
    ("办事服务", "block block-wide entry-block services-block", 8),
    ("咨询投诉", "block entry-block interaction-block", 6),
)


def section_nav(columns, cid):
    """ssg/render.py section_nav beside a column (or its items): the top column with two levels
    of sub-columns, those on the way to `cid` marked current. None for the home page and for a
    top column without sub-columns."""
    chain = columns[cid]["chain"]
    if not chain or not columns[chain[0]]["children"]:
        return None

    def entry(column_id, depth):
        column = columns[column_id]
        kids = column["children"] if depth < 2 else []
        return {"id": column_id, "title": column["title"], "url": column["url"],
                "current": column_id in chain,
                "children": [entry(kid, depth + 1) for kid in kids]}  # fmt: skip

    return entry(chain[0], 0)


def listing_order(article):
    """ssg/link.py item_sort_key: newest first, to the minute; then by title and path."""
    stamp = article.date
    minutes = (stamp.toordinal() * 24 + stamp.hour) * 60 + stamp.minute
    return (-minutes, article.title, article.source_path)


def build(generator):
    settings = generator.settings
    site_dir = Path(settings["PATH"]).parent
    columns = json.loads((site_dir / "columns.json").read_text("utf-8"))
    markdown = Markdown(**settings["MARKDOWN"])
    for cid, column in columns.items():
        column["id"] = cid
        column["url"] = f"/{cid}/" if cid else "/"
        column["children"] = []
        column["intro_html"] = markdown.reset().convert(column["intro"]) if column["intro"] else ""
    for cid, column in columns.items():
        if cid:
            columns[column["parent"]]["children"].append(cid)
    for column in columns.values():
        column["children"].sort(key=lambda c: (columns[c]["order"], c))
    for cid, column in columns.items():  # ancestors below the home page, top first
        chain, up = [], cid
        while up:
            chain.insert(0, up)
            up = columns[up]["parent"]
        column["chain"] = chain
        column["crumbs"] = [{"title": "首页", "url": "/"}] + [
            {"title": columns[c]["title"], "url": columns[c]["url"]} for c in chain
        ]
    for cid, column in columns.items():
        column["section"] = section_nav(columns, cid)

    listed = {cid: [] for cid in columns}  # each column's items and its sub-columns'
    policy_by_number, readings = {}, {}
    for article in sorted(generator.articles, key=listing_order):
        up = article.column
        while up is not None:
            listed[up].append(article)
            up = columns[up]["parent"]
        number = getattr(article, "doc_number", "")
        if article.ssgtype == "policy" and number:
            policy_by_number[number] = article
        elif article.ssgtype == "interpretation" and getattr(article, "policy", ""):
            readings.setdefault(article.policy, []).append(article)
    generator.categories = [(Category(cid, settings), listed[cid]) for cid in columns if cid]
    generator.context["categories"] = generator.categories

    used, featured = set(), []
    by_depth = sorted(columns, key=lambda c: (c.count("/"), columns[c]["order"], c))
    for column_type, css, count in FEATURED:
        found = [c for c in by_depth if c and columns[c]["column_type"] == column_type]
        if found:
            used.add(found[0])
            featured.append({"column": columns[found[0]], "css": css,
                             "entries": listed[found[0]][:count]})  # fmt: skip
    others = [
        {"column": columns[c], "css": "block other-block", "entries": listed[c][:8]}
        for c in columns[""]["children"]
        if c not in used
    ]
    generator.context["SSG"] = {
        "columns": columns,
        "policy_by_number": policy_by_number,
        "readings": readings,
        "home": {"featured": featured, "others": others},
    }


def register():
    signals.article_generator_finalized.connect(build)
