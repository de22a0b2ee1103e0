"""Incremental builds: after any sequence of edits the output equals a cold build's, byte for
byte; and one edit re-renders only the pages that show what changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssg.build import BuildOptions, BuildResult, build
from tests.sitekit import SITE_YAML, make_site, policy

DATE = dt.date(2026, 11, 20)


def news(title: str, day: int, body: str = "正文。") -> str:
    return (
        f"---\ntitle: {title}\ndate: 2026-11-{day:02d}\nsource: 测试市人民政府办公室\n"
        f"reviewed_by: 审核人\n---\n{body}\n"
    )


# Issuers the policy library reads as places (长岭 chang-ling), whose earlier URLs
# (zhang-ling-…) redirect to theirs, one it reads as pypinyin does, and a homophone of 长岭
# (鲳岭 chang-ling), which takes a free suffix of chang-ling-… when the record has it.
ISSUERS = ("长岭县人民政府", "珲春市人民政府", "测试市人民政府", "鲳岭县人民政府")


def seeded(root: Path) -> Path:
    files = {f"content/dt/n{i}.md": news(f"消息{i}", 10 + i % 8) for i in range(12)}
    files["content/zcwj/cl.md"] = policy("长政发〔2026〕1号", issuer=ISSUERS[0])
    return make_site(root, files)


def run(root: Path, out: Path | None = None, cache: bool = True) -> BuildResult:
    # replay=False: these tests are about the render cache, not the no-change replay
    options = BuildOptions(
        source=root, out=out or root / "public", build_date=DATE, jobs=1, replay=False,
        cache=cache,
    )  # fmt: skip
    result = build(options)
    assert result.written, [str(d) for d in result.diagnostics.sorted()]
    return result


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def cold(root: Path) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "site"
        shutil.copytree(
            root, copy, ignore=shutil.ignore_patterns(".ssg-cache", "public", ".public.*")
        )
        run(copy)
        return digest(copy / "public")


def test_an_issuer_read_as_a_place_and_back_equals_a_cold_build(tmp_path: Path) -> None:
    """The library's pages under 长岭县人民政府's slug, and the redirects from its earlier
    one, come and go with the issuer as a cold build's do."""
    root = seeded(tmp_path)
    run(root)
    old = root / "public/zcwj/by-issuer/zhang-ling-xian-ren-min-zheng-fu/index.html"
    assert "url=/zcwj/by-issuer/chang-ling-xian-ren-min-zheng-fu/" in old.read_text("utf-8")
    for n in (2, 1, 0):
        apply(root, "issuer", n, 0)
        run(root)
        assert digest(root / "public") == cold(root)
    assert old.is_file()


def test_no_change_renders_nothing(tmp_path: Path) -> None:
    seeded(tmp_path)
    run(tmp_path)
    again = run(tmp_path)
    assert again.render_cache is not None
    assert again.render_cache.rendered == 0
    assert again.render_cache.reused > 12


def test_one_edit_renders_the_page_and_its_listing_only(tmp_path: Path) -> None:
    seeded(tmp_path)
    first = run(tmp_path)
    assert first.render_cache is not None and first.render_cache.reused == 0
    (tmp_path / "content/dt/n3.md").write_text(news("消息三（更新）", 13), encoding="utf-8")
    second = run(tmp_path)
    assert second.render_cache is not None
    # The item page and the one listing page of its column; the home page is always rendered.
    assert second.render_cache.rendered == 2
    assert "消息三（更新）" in (tmp_path / "public/index.html").read_text(encoding="utf-8")
    assert digest(tmp_path / "public") == cold(tmp_path)


def retitle(root: Path, old: str, new: str) -> None:
    path = root / "content/dt/n3.md"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_pages_a_build_without_the_cache_wrote_are_not_taken_for_the_recorded_ones(
    tmp_path: Path,
) -> None:
    """The record names the pages of the build that kept it; a --no-cache build writes the
    same paths afresh without touching the record."""
    seeded(tmp_path)
    run(tmp_path)
    retitle(tmp_path, "消息3", "改过的消息3")
    run(tmp_path, cache=False)
    retitle(tmp_path, "改过的消息3", "消息3")
    again = run(tmp_path)
    assert "改过的" not in (tmp_path / "public/dt/n3.html").read_text(encoding="utf-8")
    assert digest(tmp_path / "public") == cold(tmp_path)
    assert again.render_cache is not None and again.render_cache.rendered > 2


def test_another_site_built_into_the_same_folder_is_not_trusted(tmp_path: Path) -> None:
    site = seeded(tmp_path / "a")
    other = tmp_path / "b"
    shutil.copytree(site, other)
    retitle(other, "消息3", "别处的消息3")
    out = tmp_path / "public"
    run(site, out)
    run(other, out)
    run(site, out)
    assert "别处的" not in (out / "dt/n3.html").read_text(encoding="utf-8")
    assert digest(out) == cold(site)


def test_a_page_edited_by_hand_is_rendered_again(tmp_path: Path) -> None:
    seeded(tmp_path)
    run(tmp_path)
    page = tmp_path / "public/dt/n5.html"
    page.write_text(page.read_text(encoding="utf-8").replace("消息5", "手改"), encoding="utf-8")
    run(tmp_path)
    assert digest(tmp_path / "public") == cold(tmp_path)


def test_a_page_follows_the_items_its_body_links_to(tmp_path: Path) -> None:
    """`详见[…](other.md)` is rendered as the other item's URL: a new slug, a rename, a
    deletion or the arrival of the target changes the linking page, which nothing else of
    it shows."""
    seeded(tmp_path)
    linking = tmp_path / "content/dt/n1.md"
    linking.write_text(news("消息1", 11, "详见[会议](n2.md)和[新闻](later.md)。"), "utf-8")
    run(tmp_path)
    target = tmp_path / "content/dt/n2.md"
    target.write_text(target.read_text(encoding="utf-8").replace("title:", "slug: n-two\ntitle:"))
    run(tmp_path)
    assert 'href="/dt/n-two.html"' in (tmp_path / "public/dt/n1.html").read_text("utf-8")
    assert digest(tmp_path / "public") == cold(tmp_path)
    (tmp_path / "content/dt/later.md").write_text(news("后来的消息", 19), encoding="utf-8")
    run(tmp_path)
    assert digest(tmp_path / "public") == cold(tmp_path)
    target.unlink()
    run(tmp_path)
    assert digest(tmp_path / "public") == cold(tmp_path)


def test_a_policy_page_follows_every_file_of_its_replacement_chain(tmp_path: Path) -> None:
    """A replaced by B, B by C: A's validity notice names C as 现行文件, so an edit of C
    alone (its title, its validity) changes A's page."""
    gone = {"validity": "已废止"}
    seeded(tmp_path)
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测政发〔2024〕1号", superseded_by="zcwj/b", **gone),
            "content/zcwj/b.md": policy("测政发〔2025〕1号", superseded_by="zcwj/c", **gone),
            "content/zcwj/c.md": policy("测政发〔2026〕1号"),
        },
    )
    run(tmp_path)
    newest = tmp_path / "content/zcwj/c.md"
    newest.write_text(policy("测政发〔2026〕1号", title="新的现行办法"), encoding="utf-8")
    run(tmp_path)
    assert "新的现行办法" in (tmp_path / "public/zcwj/a.html").read_text(encoding="utf-8")
    assert digest(tmp_path / "public") == cold(tmp_path)
    newest.write_text(policy("测政发〔2026〕1号", validity="失效"), encoding="utf-8")
    run(tmp_path)
    assert digest(tmp_path / "public") == cold(tmp_path)


def test_a_library_listing_follows_whether_the_library_has_any_policy(tmp_path: Path) -> None:
    """The first page of a policy column offers the filter only while the library has a
    policy, which may sit on a later page: deleting it changes the first page too."""
    reading = (
        "---\ntitle: 解读{n}\ndate: 2026-11-1{n}\npolicy: 测政发〔2026〕100号\n"
        "source: 测试市司法局\nreviewed_by: 审核人\n---\n正文。\n"
    )
    files = {
        "content/bmwj/_index.md": "---\ntitle: 部门文件\ntype: policy\nupdate: none\n---\n",
        "content/bmwj/jd/_index.md": "---\ntitle: 部门解读\ntype: interpretation\n---\n",
        "content/bmwj/old.md": policy("测政发〔2025〕1号", date="2025-10-08"),
        **{f"content/bmwj/jd/r{n}.md": reading.format(n=n) for n in range(6)},
    }
    make_site(tmp_path, files, site_yaml=SITE_YAML + "page_size: 5\n")
    run(tmp_path)
    assert 'class="policy-filter"' in (tmp_path / "public/bmwj/index.html").read_text("utf-8")
    (tmp_path / "content/bmwj/old.md").unlink()  # the first page keeps its five readings
    run(tmp_path)
    assert digest(tmp_path / "public") == cold(tmp_path)


def test_a_bundle_links_another_bundles_file_from_its_own_folder(tmp_path: Path) -> None:
    """`../other/file` in a bundle is read from the bundle's folder and lands in the other
    bundle's URL folder, which moves with its slug: the linking page follows."""
    seeded(tmp_path)
    for name, body in (("zhanlan", "见[展板](../banhui/ban.pdf)和[表](../forms/biao.pdf)。"),
                       ("banhui", "会议。")):  # fmt: skip
        (tmp_path / f"content/dt/{name}").mkdir()
        (tmp_path / f"content/dt/{name}/index.md").write_text(news(name, 12, body), "utf-8")
    (tmp_path / "content/dt/banhui/ban.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "content/dt/forms").mkdir()
    (tmp_path / "content/dt/forms/biao.pdf").write_bytes(b"%PDF-1.4\n")
    result = run(tmp_path)
    page = (tmp_path / "public/dt/zhanlan.html").read_text("utf-8")
    assert 'href="/dt/banhui/ban.pdf"' in page and 'href="/dt/forms/biao.pdf"' in page
    assert not [d for d in result.diagnostics if d.code == "SEC-06"]
    target = tmp_path / "content/dt/banhui/index.md"
    target.write_text(target.read_text(encoding="utf-8").replace("title:", "slug: hy\ntitle:"))
    run(tmp_path)
    assert 'href="/dt/hy/ban.pdf"' in (tmp_path / "public/dt/zhanlan.html").read_text("utf-8")
    assert digest(tmp_path / "public") == cold(tmp_path)


def test_a_page_shows_the_size_of_its_files_as_they_are_now(tmp_path: Path) -> None:
    seeded(tmp_path)
    bundle = tmp_path / "content/dt/zhanlan"
    bundle.mkdir()
    (bundle / "index.md").write_text(
        news("展览", 12).replace("reviewed_by:", "image: tu.png\nreviewed_by:"), "utf-8"
    )
    (bundle / "tu.png").write_bytes(b"\x89PNG" + bytes(100))
    form = tmp_path / "static/biao.pdf"
    form.write_bytes(b"%PDF-1.4\n" + bytes(200))
    policy = tmp_path / "content/zcwj/base.md"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("---\n", "---\nattachments: [/static/biao.pdf]\n", 1)
                      if text.startswith("---\n") else text, encoding="utf-8")  # fmt: skip
    run(tmp_path)
    (bundle / "tu.png").write_bytes(b"\x89PNG" + bytes(300_000))
    form.write_bytes(b"%PDF-1.4\n" + bytes(50_000))
    run(tmp_path)
    assert digest(tmp_path / "public") == cold(tmp_path)


KINDS = [
    "title",
    "body",
    "rename",
    "delete",
    "add",
    "column",
    "policy",
    "link",
    "issuer",
    "homophone",
    "unrecord",
]
EDITS = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(min_value=0, max_value=11)),
    min_size=1,
    max_size=4,
)


def apply(root: Path, edit: str, n: int, step: int) -> None:
    column = root / "content/dt"
    items = sorted(p for p in column.glob("*.md") if p.name != "_index.md")
    target = items[n % len(items)] if items else None
    if edit == "title" and target:
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace("title: ", f"title: 第{step}次改", 1), encoding="utf-8")
    elif edit == "body" and target:
        target.write_text(
            target.read_text(encoding="utf-8") + f"\n补充{step}。\n", encoding="utf-8"
        )
    elif edit == "rename" and target:
        target.rename(column / f"renamed-{step}-{target.name}")
    elif edit == "delete" and target and len(items) > 2:
        target.unlink()
    elif edit == "add":
        (column / f"new-{step}.md").write_text(news(f"新消息{step}", 12 + n % 7), encoding="utf-8")
    elif edit == "column":
        (column / "_index.md").write_text(
            f"---\ntitle: 工作动态{step}\ntype: news\n---\n", encoding="utf-8"
        )
    elif edit == "link" and target and len(items) > 1:
        other = items[(n + 1) % len(items)]
        target.write_text(
            target.read_text(encoding="utf-8") + f"\n详见[另一条]({other.name})。\n",
            encoding="utf-8",
        )
    elif edit == "issuer":  # (its library pages move, and their redirects with them)
        path = root / "content/zcwj/cl.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            re.sub(r"(?m)^issuer: .*$", f"issuer: {ISSUERS[n % len(ISSUERS)]}", text), "utf-8"
        )
    elif edit == "homophone":  # (a second policy: two issuers read alike at once)
        issuer = ISSUERS[3] if n % 2 else ISSUERS[0]
        path = root / f"content/zcwj/h-{step}.md"
        path.write_text(policy(f"鲳政发〔2026〕{step + 1}号", issuer=issuer), "utf-8")
    elif edit == "unrecord":  # the library's record lost (the next build writes it anew)
        (root / "data/library-urls.yaml").unlink(missing_ok=True)
    elif edit == "policy":
        path = root / "content/zcjd/base.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("title: ", f"title: 第{step}次", 1), encoding="utf-8")


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=EDITS)
def test_any_sequence_of_edits_equals_a_cold_build(tmp_path: Path, edits: list) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path) as scratch:
        root = seeded(Path(scratch))
        run(root)
        for step, (edit, n) in enumerate(edits):
            apply(root, edit, n, step)
            run(root)
        assert digest(root / "public") == cold(root)
