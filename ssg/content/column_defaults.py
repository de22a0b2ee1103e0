"""The ColumnDescription and ColumnKeywords of a column whose `_index.md` writes none
(ARCHITECTURE §1.1: "default: generated from title and parent, reported as advice").

One place for the text, so that what the pages show (ssg/render.py) and what the advice tells
the editor they show (COLUMN-05, ssg/link.py) cannot differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath

from ssg.content.model import Column


def default_description(site_name: str, columns: Mapping[str, Column], column_id: str) -> str:
    """The description a column shows without its own: its name and where it sits. `columns`
    holds the column's parent ("" for the home page, whose description is the site's)."""
    if not column_id:
        return f"{site_name}门户网站首页"
    title = columns[column_id].title
    parent = str(PurePosixPath(column_id).parent)
    if parent == ".":  # (a top-level column: the site's name once, not twice)
        return f"{site_name}的“{title}”栏目"
    return f"{site_name}{columns[parent].title}下的“{title}”栏目"


def default_keywords(
    site_name: str, columns: Mapping[str, Column], column_types: Mapping[str, str], column_id: str
) -> tuple[str, ...]:
    """The keywords a column shows without its own: its name and its national ColumnType."""
    words = [columns[column_id].title if column_id else site_name]
    kind = column_types.get(column_id, "")
    if kind and kind not in words:
        words.append(kind)
    return tuple(words)
