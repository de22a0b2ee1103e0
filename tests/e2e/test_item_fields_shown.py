"""End-to-end: fields an editor writes show on the item's own page — a news item's 题图
(`image`) and the `keywords` that README lists as common to every content type."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.sitekit import _PNG, make_site, run

KEYWORDS = "[县情, 概况]"


class Parts(HTMLParser):
    """What the tests read of an item page: every <img> inside <main>, and the text of each
    element with one of the classes asked for."""

    def __init__(self, text: str, classes: tuple[str, ...]) -> None:
        super().__init__()
        self.images: list[dict[str, str]] = []
        self.texts: dict[str, list[str]] = {name: [] for name in classes}
        self._in_main = False
        self._open: list[tuple[str, str]] = []  # (tag, class asked for) being read
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "main":
            self._in_main = True
        if tag == "img" and self._in_main:
            self.images.append(values)
        for name in values.get("class", "").split():
            if name in self.texts:
                self.texts[name].append("")
                self._open.append((tag, name))

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._in_main = False
        if self._open and self._open[-1][0] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for _tag, name in self._open:
            self.texts[name][-1] += data


def build(root: Path) -> None:
    result = run(root, command="build")
    assert result.code == 0, result.lines


@pytest.mark.parametrize(
    ("image", "where", "src"),
    [
        ("photo.png", "content/dt/tuxinwen/photo.png", "/dt/tuxinwen/photo.png"),
        ("static/img/huiyi.png", "static/img/huiyi.png", "/static/img/huiyi.png"),
    ],
)
def test_a_news_image_shows_on_its_own_page_as_decoration_in_a_fixed_box(
    tmp_path: Path, image: str, where: str, src: str
) -> None:
    root = make_site(
        tmp_path,
        {
            "content/dt/tuxinwen/index.md": "---\ntitle: 市政府召开全体会议\ndate: 2026-11-19\n"
            f"source: 测试市人民政府办公室\nimage: {image}\nreviewed_by: 审核人\n---\n会议内容。\n",
        },
    )
    (root / where).parent.mkdir(parents=True, exist_ok=True)
    (root / where).write_bytes(_PNG)
    build(root)
    page = Parts((root / "public/dt/tuxinwen.html").read_text(encoding="utf-8"), ())
    pictures = [img for img in page.images if img.get("src") == src]
    # Marked decorative in the way both A11Y-02 and the Nu checker accept: the title is the h1
    # just above, and an alt repeating it would be read twice; width/height keep the box.
    assert pictures == [
        {"src": src, "alt": "", "aria-hidden": "true", "width": "640", "height": "400"}
    ]
    assert (root / "public" / src.lstrip("/")).read_bytes() == _PNG
    # The home page's 图片新闻 shows the same file, decorative too: its link is named by the
    # headline beside it.
    home = Parts((root / "public/index.html").read_text(encoding="utf-8"), ())
    assert [
        (img["alt"], img.get("aria-hidden")) for img in home.images if img.get("src") == src
    ] == [("", "true")]
    assert "<span>市政府召开全体会议</span>" in (root / "public/index.html").read_text(
        encoding="utf-8"
    )
    assert not run(root).with_code("A11Y-02")


def test_a_news_page_without_an_image_has_no_picture(tmp_path: Path) -> None:
    root = make_site(tmp_path, {})
    build(root)
    page = Parts((root / "public/dt/huiyi.html").read_text(encoding="utf-8"), ("article-image",))
    assert page.images == [] and page.texts["article-image"] == []


# (content file, its page, what the front matter adds to make `updated` differ from `date`)
ITEMS = {
    "reply": ("content/hd/gongnuan.md", "public/hd/gongnuan.html", "updated: 2026-11-12\n"),
    "leader": ("content/ld/shizhang.md", "public/ld/shizhang.html", ""),
    "page": ("content/gk/gaikuang.md", "public/gk/gaikuang.html", ""),
}


@pytest.mark.parametrize("kind", sorted(ITEMS))
def test_keywords_show_on_reply_leader_and_page_as_on_news(tmp_path: Path, kind: str) -> None:
    source, output, extra = ITEMS[kind]
    root = make_site(tmp_path, {})
    # (`updated` on the item only: the news item is dated 2026-11-18, after it)
    for path, more in ((root / source, extra), (root / "content/dt/huiyi.md", "")):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\n---\n", f"\nkeywords: {KEYWORDS}\n{more}---\n", 1))
    build(root)
    page = Parts(
        (root / output).read_text(encoding="utf-8"), ("article-keywords", "article-updated")
    )
    news = Parts((root / "public/dt/huiyi.html").read_text(encoding="utf-8"), ("article-keywords",))
    assert (
        page.texts["article-keywords"] == news.texts["article-keywords"] == ["关键词：县情、概况"]
    )
    # The rest of the article foot: 最后更新 for a dated item updated later (a reply); a
    # leader or a page without `date` already shows `updated` as 更新时间 in its head.
    assert page.texts["article-updated"] == (["最后更新：2026-11-12"] if extra else [])


@pytest.mark.parametrize("kind", sorted(ITEMS))
def test_no_keywords_line_without_keywords(tmp_path: Path, kind: str) -> None:
    _source, output, _extra = ITEMS[kind]
    root = make_site(tmp_path, {})
    build(root)
    page = Parts((root / output).read_text(encoding="utf-8"), ("article-keywords",))
    assert page.texts["article-keywords"] == []


@pytest.mark.parametrize(
    ("markdown", "repeated"),
    [
        ("![全景](photo.png)\n\n会议内容。\n", True),  # (relative to the page: tuxinwen/photo.png)
        ("会议内容。\n\n![全景](/dt/tuxinwen/photo.png)\n", True),
        ('<p><img src="photo.png" alt="全景"></p>\n\n会议内容。\n', True),
        ("![另一张](other.png)\n\n会议内容。\n", False),
    ],
)
def test_a_news_image_the_body_shows_already_is_not_shown_twice(
    tmp_path: Path, markdown: str, repeated: bool
) -> None:
    root = make_site(
        tmp_path,
        {
            "content/dt/tuxinwen/index.md": "---\ntitle: 市政府召开全体会议\ndate: 2026-11-19\n"
            "source: 测试市人民政府办公室\nimage: photo.png\nreviewed_by: 审核人\n---\n" + markdown,
        },
    )
    for name in ("photo.png", "other.png"):
        (root / "content/dt/tuxinwen" / name).write_bytes(_PNG)
    build(root)
    page = Parts((root / "public/dt/tuxinwen.html").read_text(encoding="utf-8"), ("article-image",))
    decorative = [img for img in page.images if img.get("aria-hidden") == "true"]
    assert bool(decorative) is not repeated
    shown = [img for img in page.images if img["src"].endswith("photo.png")]
    assert len(shown) == 1  # the picture is on the page once, either way
    home = (root / "public/index.html").read_text(encoding="utf-8")
    assert "/dt/tuxinwen/photo.png" in home  # (the home page's 图片新闻 still shows it)
