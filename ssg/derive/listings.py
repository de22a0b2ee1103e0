"""Column listings, paginated: /col/, /col/index_2.html … (ARCHITECTURE §1.3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ListingPage:
    number: int  # 1-based
    total: int  # number of pages
    item_ids: tuple[str, ...]
    url: str
    prev_url: str
    next_url: str


def paginate(item_ids: Sequence[str], page_size: int, base_url: str) -> list[ListingPage]:
    """Split a listing into pages; an empty listing still has its first page."""

    def url(number: int) -> str:
        return base_url if number == 1 else f"{base_url}index_{number}.html"

    total = max(1, -(-len(item_ids) // page_size))
    pages = []
    for number in range(1, total + 1):
        chunk = tuple(item_ids[(number - 1) * page_size : number * page_size])
        pages.append(
            ListingPage(
                number=number,
                total=total,
                item_ids=chunk,
                url=url(number),
                prev_url=url(number - 1) if number > 1 else "",
                next_url=url(number + 1) if number < total else "",
            )
        )
    return pages


def output_path(url: str) -> str:
    """URL path → file path in the output folder: /a/ → a/index.html."""
    path = url.lstrip("/")
    return f"{path}index.html" if not path or path.endswith("/") else path
