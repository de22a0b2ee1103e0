"""How close are ssg's pages and those of the Hugo site made with bench/hugo_theme? Same paths, bytes, text.

比较 ssg 输出与 Hugo（bench/hugo_theme 主题）输出：同路径页面、HTML 总字节数、可见文本与标签序列相似度。

    python bench/hugo_equiv.py SSG_OUT HUGO_OUT [--sample 400] [--seed 1]

SSG_OUT is `ssg build --source C --out SSG_OUT`, HUGO_OUT is `hugo -d HUGO_OUT` run in the site
`python bench/convert.py hugo-theme C SITE` made. Standard library only. What it prints:

- HTML pages in both outputs, only in ssg's, only in Hugo's, by path, and by ssg's page kind
  (`<body data-page=…>`: news, policy, …, column, home). Hugo's paginator writes page N of a
  listing at `<column>/page/N/index.html` where ssg writes `<column>/index_N.html`: the one
  path is read as the other (paginatePath cannot make `index_N.html`). Redirect pages (Hugo's
  `page/1/` and aliases, ssg's old-URL pages) are counted apart: `<meta http-equiv="refresh">`.
- Total bytes of the HTML pages on each side (redirects apart), ssg's /search/ excluded (its
  index shards and search page: Hugo makes none).
- For a seeded sample of the pages in both: the similarity of their visible text (tags, scripts
  and styles stripped, whitespace collapsed) and of their start-tag sequences, as
  difflib.SequenceMatcher ratios; median and 10th percentile, overall and per page kind.
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import statistics
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path

HUGO_PAGER = re.compile(r"^(?P<column>.*?)/?page/(?P<number>\d+)/index\.html$")
DATA_PAGE = re.compile(rb'<body data-page="([^"]*)"')


class Visible(HTMLParser):
    """The visible text and the start-tag names of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("script", "style"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def visible(path: Path) -> tuple[str, list[str]]:
    parser = Visible()
    parser.feed(path.read_text("utf-8", errors="replace"))
    return " ".join(" ".join(parser.text).split()), parser.tags


def is_redirect(path: Path) -> bool:
    with path.open("rb") as handle:
        return b'http-equiv="refresh"' in handle.read(1024)


def html_pages(root: Path, hugo: bool) -> tuple[dict[str, Path], dict[str, Path]]:
    """(pages, redirects), each keyed by ssg's path for them; ssg's /search/ left out."""
    pages: dict[str, Path] = {}
    redirects: dict[str, Path] = {}
    for path in root.rglob("*.html"):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("search/"):
            continue
        if hugo and (match := HUGO_PAGER.match(rel)):
            prefix = f"{match['column']}/" if match["column"] else ""
            rel = f"{prefix}index_{match['number']}.html"
        (redirects if is_redirect(path) else pages)[rel] = path
    return pages, redirects


def kind_of(path: Path) -> str:
    with path.open("rb") as handle:
        found = DATA_PAGE.search(handle.read(8192))
    return found[1].decode() if found else "other"


def quantiles(values: list[float]) -> str:
    if not values:
        return "—"
    ordered = sorted(values)
    p10 = ordered[int(0.1 * (len(ordered) - 1))]
    return f"median {statistics.median(ordered):.3f}, p10 {p10:.3f} (n={len(ordered)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ssg_out", type=Path)
    parser.add_argument("hugo_out", type=Path)
    parser.add_argument("--sample", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    ssg, ssg_redirects = html_pages(args.ssg_out, hugo=False)
    hugo, hugo_redirects = html_pages(args.hugo_out, hugo=True)
    both = sorted(ssg.keys() & hugo.keys())
    kinds = {rel: kind_of(path) for rel, path in ssg.items()}
    have = Counter(kinds[rel] for rel in both)
    total = Counter(kinds.values())
    print(f"HTML pages: ssg {len(ssg)}, Hugo {len(hugo)}; in both {len(both)}, "
          f"only ssg {len(ssg) - len(both)}, only Hugo {len(hugo) - len(both)}")  # fmt: skip
    print(f"redirect pages: ssg {len(ssg_redirects)}, Hugo {len(hugo_redirects)}")
    for kind in sorted(total, key=lambda k: -total[k]):
        print(f"  {kind:<15} ssg {total[kind]:>6}  at the same path in Hugo's {have[kind]:>6}"
              f"  ({have[kind] / total[kind]:.1%})")  # fmt: skip
    only_ssg = sorted(ssg.keys() - hugo.keys())
    only_hugo = sorted(hugo.keys() - ssg.keys())
    print("only in ssg's, e.g.:", ", ".join(only_ssg[:8]) or "—")
    print("only in Hugo's, e.g.:", ", ".join(only_hugo[:8]) or "—")
    ssg_bytes = sum(path.stat().st_size for path in ssg.values())
    hugo_bytes = sum(path.stat().st_size for path in hugo.values())
    print(f"HTML bytes (redirects and ssg's /search/ apart): ssg {ssg_bytes / 1e6:.2f} MB, "
          f"Hugo {hugo_bytes / 1e6:.2f} MB, Hugo ÷ ssg {hugo_bytes / ssg_bytes:.3f}")  # fmt: skip
    sample = random.Random(args.seed).sample(both, min(args.sample, len(both)))
    text_ratios: dict[str, list[float]] = defaultdict(list)
    tag_ratios: dict[str, list[float]] = defaultdict(list)
    for rel in sample:
        ssg_text, ssg_tags = visible(ssg[rel])
        hugo_text, hugo_tags = visible(hugo[rel])
        for key in ("all", kinds[rel]):
            text_ratios[key].append(difflib.SequenceMatcher(None, ssg_text, hugo_text).ratio())
            tag_ratios[key].append(difflib.SequenceMatcher(None, ssg_tags, hugo_tags).ratio())
    print(f"sample of {len(sample)} pages in both (seed {args.seed}):")
    for key in sorted(text_ratios, key=lambda k: (k != "all", k)):
        print(f"  {key:<15} text {quantiles(text_ratios[key])}; tags {quantiles(tag_ratios[key])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
