"""Rendering the policy library pages (derive/policy_library.py) with the theme."""

from __future__ import annotations

from dataclasses import dataclass

from ssg.content.model import Item
from ssg.derive.listings import ListingPage, output_path, paginate
from ssg.derive.policy_library import KINDS, Group, Library, filter_data
from ssg.link import Site
from ssg.render import Crumb, Renderer
from ssg.write import Staging

TEMPLATE = "policy_listing.html"
KIND_LABELS = {kind: label for kind, _folder, label in KINDS}


@dataclass(frozen=True, slots=True)
class LibraryPage:
    """One page of a library: a kind's overview (no group), or one page of a group's listing."""

    kind: str
    group: Group | None = None
    listing: ListingPage | None = None


def write_filter_data(site: Site, library: Library, staging: Staging) -> None:
    staging.write_text(library.data_url.lstrip("/"), filter_data(site, library) + "\n")


def library_pages(site: Site, library: Library) -> list[LibraryPage]:
    """The three overview pages and every group's paginated listing, in the order of the
    library's URLs (a page is rendered by `library_page`, on whichever core: ssg/build.py)."""
    pages: list[LibraryPage] = []
    for kind, _folder, _label in KINDS:
        pages.append(LibraryPage(kind))
        for group in library.groups[kind]:
            for listing in paginate(group.item_ids, site.config.page_size, group.url):
                pages.append(LibraryPage(kind, group, listing))
    return pages


def library_page(
    renderer: Renderer, site: Site, library: Library, page: LibraryPage
) -> tuple[str, str]:
    """(output path, HTML) of one of `library_pages`."""
    if page.group is None or page.listing is None:
        # Named after its column, as its group pages are: a site with a library for the
        # city's and one for its departments' documents has two 按年份浏览 pages.
        title = f"{site.columns[library.column].title}{KIND_LABELS[page.kind]}浏览"
        html = _page(renderer, site, library, title=title, kind=page.kind)
        return output_path(library.index_url(page.kind)), html
    html = _page(renderer, site, library, kind=page.kind, group=page.group, listing=page.listing)
    return output_path(page.listing.url), html


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
