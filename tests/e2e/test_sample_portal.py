"""End-to-end: build the sample portal (content/ + data/) and inspect the HTML it produced."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from tests.e2e.conftest import REPO, build_sample

SITE_TAGS = ("SiteName", "SiteDomain", "SiteIDCode")
COLUMN_TAGS = ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
ITEM_TAGS = ("ArticleTitle", "PubDate", "ContentSource")
GENERATED = {"sitemap.html", "404.html", "search/index.html"}


class Page(HTMLParser):
    """The few facts of a page the tests look at: meta tags, links, images, landmarks."""

    VOID: ClassVar[set[str]] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}  # fmt: skip

    def __init__(self, text: str) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[str] = []
        self.sources: list[tuple[str, str]] = []  # (tag, url) of loaded assets
        self.tags: list[str] = []
        self.stack: list[str] = []
        self.unbalanced: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if tag == "meta" and "name" in values:
            self.meta[values["name"]] = values.get("content", "")
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if tag in ("img", "script", "iframe") and values.get("src"):
            self.sources.append((tag, values["src"]))
        if tag == "link" and values.get("href"):
            self.sources.append((tag, values["href"]))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.unbalanced.append(tag)


def pages(public: Path) -> list[Path]:
    return sorted(public.rglob("*.html"))


def parse(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def sample_items() -> dict[str, dict[str, object]]:
    """Front matter of every sample item, by path id (read with PyYAML, independent of ssg)."""
    items: dict[str, dict[str, object]] = {}
    for path in sorted((REPO / "content").rglob("*.md")):
        if path.name == "_index.md":
            continue
        text = path.read_text(encoding="utf-8-sig")
        front = yaml.load(text.split("---\n")[1], Loader=yaml.BaseLoader)
        rel = path.relative_to(REPO / "content").as_posix()
        item_id = rel[: -len("/index.md")] if path.name == "index.md" else rel[: -len(".md")]
        items[item_id] = front
    return items


def test_sample_builds_clean(sample_build: tuple[Path, str]) -> None:
    _public, stderr = sample_build
    assert " error [" not in stderr and " veto [" not in stderr
    assert "Traceback" not in stderr


def test_sample_columns_write_their_own_description_and_keywords(
    sample_build: tuple[Path, str],
) -> None:
    """The sample is what editors copy: none of its columns shows a generated description or
    keywords (COLUMN-05, ARCHITECTURE §1.1)."""
    _public, stderr = sample_build
    assert "[COLUMN-05]" not in stderr


def test_sample_is_big_enough_and_has_every_type() -> None:
    items = sample_items()
    assert len(items) >= 100
    counts: dict[str, int] = {}
    for front in items.values():
        counts[str(front.get("type", ""))] = counts.get(str(front.get("type", "")), 0) + 1
    typed = {path: _type_of(path, front) for path, front in items.items()}
    for kind in (
        "policy",
        "interpretation",
        "service",
        "notice",
        "news",
        "reply",
        "leader",
        "page",
    ):
        assert sum(1 for t in typed.values() if t == kind) >= 5, kind
    depth = max(p.count("/") for p in typed)
    assert depth >= 3, "columns three levels deep (plus the item)"


def _type_of(item_id: str, front: dict[str, object]) -> str:
    if "type" in front:
        return str(front["type"])
    folder = REPO / "content" / item_id
    for parent in [folder, *folder.parents]:
        index = parent / "_index.md"
        if index.is_file():
            column = yaml.load(index.read_text().split("---\n")[1], Loader=yaml.BaseLoader)
            if "type" in column:
                return str(column["type"])
        if parent == REPO / "content":
            break
    return "page"


def test_every_page_carries_the_national_site_tags(public: Path) -> None:
    for path in pages(public):
        page = parse(path)
        if "refresh" in path.read_text(encoding="utf-8")[:400]:
            continue  # alias redirect pages
        for tag in SITE_TAGS:
            assert page.meta.get(tag), f"{path}: {tag}"
        assert page.meta["SiteIDCode"] == "2299000001"


def test_column_and_item_pages_carry_their_tags(public: Path) -> None:
    items = sample_items()
    for item_id in items:
        front = items[item_id]
        if front.get("draft") == "true" or str(front.get("date", "")) > "2026-11-20":
            continue
        html = _item_html(public, item_id, front)
        page = parse(html)
        for tag in ITEM_TAGS + COLUMN_TAGS:
            assert page.meta.get(tag), f"{html}: {tag}"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", page.meta["PubDate"])
        assert page.meta["ArticleTitle"] == front["title"]
    for index in (REPO / "content").rglob("_index.md"):
        rel = index.parent.relative_to(REPO / "content").as_posix()
        if rel == ".":
            continue
        page = parse(public / rel / "index.html")
        for tag in COLUMN_TAGS:
            assert page.meta.get(tag), f"{rel}: {tag}"


def _item_html(public: Path, item_id: str, front: dict[str, object]) -> Path:
    slug = str(front.get("slug") or item_id.rsplit("/", 1)[-1])
    folder = item_id.rsplit("/", 1)[0]
    return public / folder / f"{slug}.html"


def test_interpretations_and_policies_link_both_ways(public: Path) -> None:
    items = sample_items()
    interpretations = {i: f for i, f in items.items() if _type_of(i, f) == "interpretation"}
    assert interpretations
    checked = 0
    for item_id, front in interpretations.items():
        if str(front.get("date", "")) > "2026-11-20":
            continue
        page = parse(_item_html(public, item_id, front))
        policy_links = [unquote(urlsplit(h).path) for h in page.links if h.endswith(".html")]
        references = front["policy"] if isinstance(front["policy"], list) else [front["policy"]]
        for reference in references:
            policy_id = _resolve(items, str(reference))
            policy_url = "/" + policy_id + ".html"
            assert policy_url in policy_links, (item_id, reference)
            policy_page = parse(_item_html(public, policy_id, items[policy_id]))
            back = [unquote(urlsplit(h).path) for h in policy_page.links]
            assert "/" + item_id + ".html" in back, (policy_id, item_id)
            checked += 1
    assert checked >= 5


def _resolve(items: dict[str, dict[str, object]], reference: str) -> str:
    def norm(text: str) -> str:
        return re.sub(r"[\[(（【]", "〔", re.sub(r"[\])）】]", "〕", text)).replace(" ", "")

    for item_id, front in items.items():
        if norm(str(front.get("doc_number", ""))) == norm(reference) or item_id == reference:
            return item_id
    raise AssertionError(f"{reference} not in sample")


def test_no_asset_is_loaded_from_outside_but_the_conac_embed(public: Path) -> None:
    for path in pages(public):
        for tag, url in parse(path).sources:
            host = urlsplit(url).netloc
            assert not host or (tag == "script" and host == "dcs.conac.cn"), (path, tag, url)


def test_internal_links_resolve(public: Path) -> None:
    missing = []
    for path in pages(public):
        page = parse(path)
        for url in page.links + [u for _t, u in page.sources]:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = unquote(parts.path)
            base = path.parent if not target.startswith("/") else public
            resolved = (base / target.lstrip("/")).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.exists():
                missing.append((path.relative_to(public).as_posix(), url))
    assert not missing, missing[:20]


def test_html_is_balanced_and_has_landmarks(public: Path) -> None:
    for path in pages(public):
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue
        page = parse(path)
        assert not page.unbalanced and not page.stack, (path, page.unbalanced, page.stack)
        assert text.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
        assert page.tags.count("header") >= 1 and page.tags.count("main") == 1
        assert page.tags.count("footer") == 1, path


def test_generated_pages_exist(public: Path) -> None:
    for rel in GENERATED | {"index.html", "sitemap.xml", "assets/css/site.css"}:
        assert (public / rel).is_file(), rel
    assert list((public / "feeds").glob("**/*.xml"))


def test_the_site_map_reaches_every_generated_section(public: Path) -> None:
    # The knowledge base and the annual reports are no column, so the column tree alone
    # would leave them reachable only from the home page.
    links = set(Page((public / "sitemap.html").read_text(encoding="utf-8")).links)
    assert {"/zsk/", "/ndbb/", "/search/"} <= links
    assert (public / "zsk/index.html").is_file() and (public / "ndbb/index.html").is_file()


def test_scheduled_item_is_held_back(sample_build: tuple[Path, str]) -> None:
    public, stderr = sample_build
    scheduled = [line for line in stderr.splitlines() if "[SCHEDULED]" in line]
    assert len(scheduled) == 1
    source = scheduled[0].split(":", 1)[0]
    item_id = source.removeprefix("content/").removesuffix(".md")
    assert not (public / f"{item_id}.html").exists()


def test_footer_identity(public: Path) -> None:
    text = (public / "index.html").read_text(encoding="utf-8")
    assert "政府网站标识码：2299000001" in text
    assert 'href="https://beian.miit.gov.cn/"' in text
    assert "recordcode=22990002000123" in text
    assert "青岚市人民政府办公室" in text
    assert 'class="emblem"' in text  # a city portal shows the 国徽 (ID-14)
    # The filing icon before the 公安备案 number (ID-10): the theme's stand-in here.
    assert re.search(r'recordcode=22990002000123"><img class="police-icon" src="/assets/img/'
                     r'police-record\.svg\?v=[0-9a-f]{10}" alt="" aria-hidden="true"', text)  # fmt: skip


@pytest.mark.slow
def test_rebuild_is_byte_identical(public: Path, tmp_path: Path) -> None:
    again = tmp_path / "public"
    result = build_sample(again)
    assert result.returncode == 0

    def digest(root: Path) -> dict[str, str]:
        return {
            p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }

    assert digest(public) == digest(again)


def test_policy_library_lists_every_policy(public: Path) -> None:
    import json

    items = sample_items()
    policies = [i for i, f in items.items() if _type_of(i, f) == "policy"]
    data = json.loads((public / "zwgk/zcwj/policies.json").read_text(encoding="utf-8"))
    assert len(data["rows"]) == len(policies)
    years = {row[2][:4] for row in data["rows"]}
    for year in years:
        assert (public / f"zwgk/zcwj/by-year/{year}/index.html").is_file()
    for kind in ("by-year", "by-topic", "by-issuer"):
        overview = parse(public / f"zwgk/zcwj/{kind}/index.html")
        assert overview.meta["ColumnType"] == "政策文件"
    with_readings = [row for row in data["rows"] if row[-1]]
    assert len(with_readings) >= 5
