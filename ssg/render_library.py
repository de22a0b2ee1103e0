"""Rendering the policy library pages (derive/policy_library.py) with the theme."""

from __future__ import annotations

from ssg.content.model import Item
from ssg.derive.listings import ListingPage, output_path, paginate
from ssg.derive.policy_library import KINDS, Group, Library, filter_data
from ssg.link import Site
from ssg.render import Crumb, Renderer
from ssg.write import Staging

TEMPLATE = "policy_listing.html"
KIND_LABELS = {kind: label for kind, _folder, label in KINDS}


def render_library(site: Site, renderer: Renderer, library: Library, staging: Staging) -> int:
    """The filter data, the three overview pages and every group's paginated listing."""
    staging.write_text(library.data_url.lstrip("/"), filter_data(site, library) + "\n")
    pages = 0
    column_title = site.columns[library.column].title
    for kind, _folder, label in KINDS:
        # Named after its column, as its group pages are: a site with a library for the
        # city's and one for its departments' documents has two 按年份浏览 pages.
        html = _page(renderer, site, library, title=f"{column_title}{label}浏览", kind=kind)
        source = site.columns[library.column].location.file
        staging.write_text(output_path(library.index_url(kind)), html, source)
        pages += 1
        for group in library.groups[kind]:
            for listing in paginate(group.item_ids, site.config.page_size, group.url):
                html = _page(renderer, site, library, kind=kind, group=group, listing=listing)
                staging.write_text(output_path(listing.url), html, source)
                pages += 1
    return pages


def policy_column_page(
    renderer: Renderer, site: Site, library: Library, listing: ListingPage
) -> str:
    """The main listing of a policy column: newest policies, the filter, the library links."""
    column = site.columns[library.column]
    title = column.title if listing.number == 1 else f"{column.title}（第{listing.number}页）"
    return _page(renderer, site, library, title=title, listing=listing, main=True)


def _page(
    renderer: Renderer,
    site: Site,
    library: Library,
    *,
    title: str = "",
    kind: str = "",
    group: Group | None = None,
    listing: ListingPage | None = None,
    main: bool = False,
) -> str:
    column_id = library.column
    crumbs = renderer.breadcrumbs(column_id)
    if kind:
        crumbs = [*crumbs, Crumb(f"{KIND_LABELS[kind]}浏览", library.index_url(kind))]
    if group is not None:
        title = f"{site.columns[column_id].title}：{group.name}"
        if listing is not None and listing.number > 1:
            title += f"（第{listing.number}页）"
        crumbs = [*crumbs, Crumb(group.name, group.url)]
    entries: list[Item] = [site.items[i] for i in listing.item_ids] if listing else []
    return renderer.render(
        TEMPLATE,
        column=site.columns[column_id],
        title=title,
        crumbs=[*crumbs[:-1], Crumb(crumbs[-1].title, "")],
        meta={**renderer.site_meta(), **renderer.column_meta(column_id)},
        library=library,
        kinds=KINDS,
        kind=kind,
        group=group,
        listing=listing,
        items=entries,
        main=main,
        # base.html: only the column's own listing is its section-nav entry's page.
        column_listing=main,
        subcolumns=site.children.get(column_id, ()) if main else (),
    )
