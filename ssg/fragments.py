"""`{% fragment name, key… %}…{% endfragment %}`: a part of a template rendered once per key.

Most of each page's chrome (the toolbar, the masthead, the main navigation, the section
navigation) is the same on every page of a column: rendered for each of 11,000 pages at 10k
items, it was a third of the theme's time. A fragment is rendered the first time its key is
seen in a build and its HTML used again after that, so the page is the same text either way
as long as the key names everything the fragment reads that is not the same site-wide.

The cache belongs to the Jinja environment, which a build makes anew (ssg/render.py); forked
render workers each fill their own.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup


class FragmentCache(Extension):
    tags = frozenset({"fragment"})  # type: ignore[assignment]

    def __init__(self, environment: object) -> None:
        super().__init__(environment)  # type: ignore[arg-type]
        self.environment.extend(fragment_cache={})

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        key = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            key.append(parser.parse_expression())
        body = parser.parse_statements(("name:endfragment",), drop_needle=True)
        call = self.call_method("_cached", [nodes.Tuple(key, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _cached(self, key: tuple[Hashable, ...], caller: Callable[[], str]) -> str:
        cache: dict[tuple[Hashable, ...], str]
        cache = self.environment.fragment_cache  # type: ignore[attr-defined]
        found = cache.get(key)
        if found is None:
            found = cache[key] = Markup(caller())
        return found


def clear(environment: object) -> None:
    """Forget every fragment (the site they were rendered from has changed)."""
    cache = getattr(environment, "fragment_cache", None)
    if cache is not None:
        cache.clear()
