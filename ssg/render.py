"""The Jinja2 theme: template lookup (the site's theme over the default) and page contexts.

Templates get frozen model objects plus the linked `Site`; everything a template needs beyond
that (URLs, meta tags, breadcrumbs) is computed here so templates stay declarative.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
from markupsafe import Markup

from ssg.content.markdown import Rendered, relative_rewriter, render_markdown
from ssg.content.model import Item, Policy
from ssg.derive.listings import ListingPage
from ssg.link import Site, href

DEFAULT_THEME = Path(__file__).parent / "themes" / "default"

HOME_BLOCK_SIZE = 8

# Every item type has its own template; news and notices share the article layout.
TEMPLATES = {
    "policy": "policy.html",
    "interpretation": "interpretation.html",
    "service": "service.html",
    "notice": "article.html",
    "news": "article.html",
    "reply": "reply.html",
    "leader": "leader.html",
    "page": "page.html",
}


def theme_dirs(root: Path, theme: str) -> list[Path]:
    """Theme folders in lookup order: the site's `themes/<name>/` first, then the default."""
    site_theme = root / "themes" / (theme or "default")
    return [d for d in (site_theme, DEFAULT_THEME) if d.is_dir()]


def environment(root: Path, theme: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d / "templates") for d in theme_dirs(root, theme)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["href"] = href
    env.filters["day"] = lambda d: f"{d:%Y-%m-%d}" if d else ""
    env.filters["minute"] = lambda d: f"{d:%Y-%m-%d %H:%M}" if d else ""
    env.filters["cn_date"] = lambda d: f"{d.year}年{d.month}月{d.day}日" if d else ""
    env.filters["bytes"] = human_size
    return env


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


@dataclass(frozen=True, slots=True)
class Crumb:
    title: str
    url: str


class Renderer:
    """Renders every page of one site; one instance per build."""

    def __init__(self, site: Site, root: Path) -> None:
        self.site = site
        self.root = root
        self.env = environment(root, site.config.theme)
        self.env.globals.update(
            site=site,
            config=site.config,
            nav=self.navigation(),
            url_of=lambda iid: site.urls[iid],
            column_url=site.column_url,
            item=self.item_by_id,
            build_date=site.build_date,
        )
        # The footer is the same on every page: render it once, not ten thousand times.
        self.env.globals["footer_html"] = Markup(self.env.get_template("footer.html").render())
        self.bodies: dict[str, Rendered] = {}
        self._md_urls = {f"{i}.md": u for i, u in site.urls.items()}
        self._md_urls.update({f"{i}/index.md": u for i, u in site.urls.items()})

    def item_by_id(self, item_id: str) -> Item:
        return self.site.items[item_id]

    def navigation(self) -> list[tuple[str, str]]:
        return [
            (self.site.columns[cid].title, self.site.column_url(cid))
            for cid in self.site.children.get("", ())
        ]

    # --- meta tags (RULES DESIGN-02..04) --------------------------------------------------

    def site_meta(self) -> dict[str, str]:
        config = self.site.config
        return {
            "SiteName": config.name,
            "SiteDomain": config.domain,
            "SiteIDCode": config.site_code,
        }

    def column_meta(self, column_id: str) -> dict[str, str]:
        column = self.site.columns[column_id]
        return {
            "ColumnName": column.title,
            "ColumnDescription": column_description(self.site, column_id),
            "ColumnKeywords": ",".join(column_keywords(self.site, column_id)),
            "ColumnType": self.site.column_types.get(column_id, ""),
        }

    def item_meta(self, item: Item) -> dict[str, str]:
        stamp = item.shown_date
        meta = {
            "ArticleTitle": item.title,
            "PubDate": f"{stamp:%Y-%m-%d %H:%M}" if stamp else "",
            "ContentSource": content_source(self.site, item),
        }
        if item.keywords:
            meta["Keywords"] = ",".join(item.keywords)
        if item.summary:
            meta["Description"] = item.summary
        meta["Url"] = self.site.config.base_url + href(self.site.urls[item.id])
        return meta

    def breadcrumbs(self, column_id: str) -> list[Crumb]:
        return [
            Crumb(self.site.columns[cid].title if cid else "首页", self.site.column_url(cid))
            for cid in self.site.ancestors(column_id)
        ]

    # --- bodies ---------------------------------------------------------------------------

    def body(self, item: Item) -> Rendered:
        cached = self.bodies.get(item.id)
        if cached is None:
            url = self.site.urls[item.id]
            page_dir = item.id if item.bundle else str(PurePosixPath(item.id).parent)
            bundle_dir = f"{PurePosixPath(url).stem}/" if item.bundle else None
            rewrite = relative_rewriter(
                "" if page_dir == "." else page_dir, bundle_dir, self._md_url
            )
            cached = render_markdown(item.body_md, rewrite, item.location.body_line)
            self.bodies[item.id] = cached
        return cached

    def _md_url(self, content_path: str) -> str | None:
        url = self._md_urls.get(content_path)
        if url is None:
            return None
        return href(url)

    def file_url(self, item: Item, name: str) -> str:
        """URL of a file an item names (bundle file, or a path under static/)."""
        if name.startswith("static/") or name.startswith("/static/"):
            return href("/" + name.lstrip("/"))
        url = self.site.urls[item.id]
        if item.bundle:
            return href(f"{url[: -len('.html')]}/{name}")
        return href(str(PurePosixPath(url).parent / name))

    # --- pages ----------------------------------------------------------------------------

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)

    def item_page(self, item: Item, extra: Mapping[str, Any]) -> str:
        return self.render(
            TEMPLATES[item.type],
            page=item,
            body=self.body(item).html,
            column=self.site.columns[item.column],
            crumbs=[*self.breadcrumbs(item.column), Crumb(item.title, "")],
            meta={**self.site_meta(), **self.column_meta(item.column), **self.item_meta(item)},
            title=item.title,
            file_url=lambda name: self.file_url(item, name),
            **extra,
        )

    def column_page(self, column_id: str, listing: ListingPage) -> str:
        column = self.site.columns[column_id]
        return self.render(
            "column.html",
            column=column,
            listing=listing,
            items=[self.site.items[i] for i in listing.item_ids],
            subcolumns=self.site.children.get(column_id, ()),
            crumbs=self.breadcrumbs(column_id),
            meta={**self.site_meta(), **self.column_meta(column_id)},
            title=column.title
            if listing.number == 1
            else f"{column.title}（第{listing.number}页）",
            intro=render_markdown(column.body_md, lambda t: t).html if listing.number == 1 else "",
        )

    def home_blocks(self) -> list[tuple[str, list[Item]]]:
        """One block per top-level column that has items: its newest items."""
        blocks = []
        for column_id in self.site.children.get("", ()):
            ids = self.site.items_under(column_id)[:HOME_BLOCK_SIZE]
            if ids:
                blocks.append((column_id, [self.site.items[i] for i in ids]))
        return blocks

    def home_page(self) -> str:
        home = self.site.columns[""]
        return self.render(
            "home.html",
            blocks=self.home_blocks(),
            crumbs=[],
            meta={**self.site_meta(), **self.column_meta("")},
            title=self.site.config.name,
            intro=render_markdown(home.body_md, lambda t: t).html,
        )

    def plain_page(self, template: str, title: str, **context: Any) -> str:
        return self.render(
            template,
            crumbs=[Crumb("首页", "/"), Crumb(title, "")],
            meta=self.site_meta(),
            title=title,
            **context,
        )


def content_source(site: Site, item: Item) -> str:
    if isinstance(item, Policy):
        return item.source or item.issuer
    return item.source or site.config.host


def column_description(site: Site, column_id: str) -> str:
    column = site.columns[column_id]
    if column.description:
        return column.description
    if not column_id:
        return f"{site.config.name}门户网站首页"
    parent = site.columns[site.ancestors(column_id)[-2]]
    parent_title = parent.title if parent.id else site.config.name
    return f"{site.config.name}{parent_title}下的“{column.title}”栏目"


def column_keywords(site: Site, column_id: str) -> tuple[str, ...]:
    column = site.columns[column_id]
    if column.keywords:
        return column.keywords
    words = [column.title if column_id else site.config.name]
    kind = site.column_types.get(column_id, "")
    if kind and kind not in words:
        words.append(kind)
    return tuple(words)
