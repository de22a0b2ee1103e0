"""The pages of a build, grouped by page type (the theme's `<body data-page="…">`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_KIND = re.compile(r'<body data-page="([a-z0-9_-]+)"')
ITEM_KINDS = ("news", "notice", "policy", "interpretation", "service", "reply", "leader", "page")
SINGLE_KINDS = ("home", "sitemap", "404", "search")


@dataclass(frozen=True)
class SitePages:
    root: Path
    kinds: dict[str, list[str]]  # page type -> URL paths, sorted
    sizes: dict[str, int]  # URL path -> bytes

    @classmethod
    def scan(cls, root: Path) -> SitePages:
        kinds: dict[str, list[str]] = {}
        sizes: dict[str, int] = {}
        for path in sorted(root.rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            match = _KIND.search(text)
            if match is None:
                continue  # alias redirect pages: no theme layout
            rel = path.relative_to(root).as_posix()
            url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
            kinds.setdefault(match.group(1), []).append(url)
            sizes[url] = len(text)
        return cls(root, kinds, sizes)

    def richest(self, kind: str) -> str:
        """The largest page of a type: the one with the most of the type's parts to test."""
        return max(self.kinds[kind], key=lambda url: (self.sizes[url], url))

    def representatives(self) -> dict[str, str]:
        """One page per page type (for screenshots and the validator)."""
        return {kind: self.richest(kind) for kind in sorted(self.kinds)}

    def column_listings(self) -> list[str]:
        """Every column listing page, every page of its pagination included."""
        return list(self.kinds.get("column", []))

    def policy_listings(self) -> list[str]:
        """The policy column's own listing pages, each library overview (by year, topic,
        issuer) and the largest group page of each."""
        urls = self.kinds.get("policy_listing", [])
        chosen = [u for u in urls if "/by-" not in u]
        for folder in ("by-year", "by-topic", "by-issuer"):
            overview = [u for u in urls if u.endswith(f"/{folder}/")]
            groups = [u for u in urls if f"/{folder}/" in u and not u.endswith(f"/{folder}/")]
            chosen += overview
            if groups:
                chosen.append(max(groups, key=lambda u: (self.sizes[u], u)))
        return chosen

    def audit_set(self) -> dict[str, str]:
        """URL -> page type: every page type, every column listing, the home page."""
        out: dict[str, str] = {}
        for kind, url in self.representatives().items():
            out[url] = kind
        for url in self.column_listings():
            out[url] = "column"
        for url in self.policy_listings():
            out[url] = "policy_listing"
        return dict(sorted(out.items()))
