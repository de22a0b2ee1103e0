"""The scan cache (ssg/check/scan_cache.py): what the checker takes from each output page is
kept across builds, keyed by the page file's identity, and a run with it finds exactly what a
run without it finds. Every test checks a real output folder from a real build."""

from __future__ import annotations

import copyreg
import datetime as dt
import io
import os
import pickle
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import ssg.build
from ssg import sealed
from ssg.build import BuildOptions, build
from ssg.check import page_facts
from ssg.check.registry import CheckContext, all_rules, run_rules
from ssg.check.scan_cache import ScanCache
from ssg.diagnostics import Diagnostic
from ssg.link import Site
from tests.sitekit import make_site

DATE = dt.date(2026, 11, 20)


def news(title: str, body: str) -> str:
    return (
        f"---\ntitle: {title}\ndate: 2026-11-18\nsource: 测试市人民政府办公室\n"
        f"reviewed_by: 审核人\n---\n{body}\n"
    )


# Pages with findings of their own (dead link and anchor, empty alt, IP link) and links between
# them, so that a cached page has something to be found on it.
FILES = {
    "content/dt/a.md": news(
        "消息甲",
        "正文。\n\n[坏链](/files/nope.pdf) [锚点](#nowhere) [内网](http://10.1.2.3/a)\n\n"
        "![](/static/emblem.png)\n",
    ),
    "content/dt/b.md": news("消息乙", "正文。\n\n[见消息丙](/dt/c.html)\n"),
    "content/dt/c.md": news("消息丙", "正文。\n"),
}


@dataclass
class Output:
    root: Path  # the site
    out: Path  # its built output, this test's own copy
    site: Site
    sources: dict[str, str]
    home: Path  # where this test's scan cache lives

    def check(self, cache: ScanCache | None = None, output: Path | None = None) -> list[Diagnostic]:
        return list(run_rules(self.context(cache, output)))

    def context(self, cache: ScanCache | None = None, output: Path | None = None) -> CheckContext:
        return CheckContext(self.site, self.root, output or self.out, self.sources, cache)

    def cache(self, enabled: bool = True) -> ScanCache:
        # Not in <site>/.ssg-cache/: the build may keep its own scan cache for public/ there.
        return ScanCache(self.home, self.out, enabled)

    def pages(self) -> int:
        return sum(1 for _ in self.out.rglob("*.html"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Site, dict[str, str]]:
    """One build; the site and the output's source map the checker was given."""
    root = make_site(tmp_path_factory.mktemp("site"), FILES)
    seen: dict[str, object] = {}
    real = CheckContext

    def spy(
        site: Site, root: Path, output: Path, sources: dict[str, str], *args: Any, **kwargs: Any
    ) -> CheckContext:
        seen.update(site=site, sources=dict(sources))
        return real(site, root, output, sources, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ssg.build, "CheckContext", spy)
        result = build(BuildOptions(root, root / "public", DATE, jobs=1))
    assert result.written, [str(d) for d in result.diagnostics.sorted()]
    site, sources = seen["site"], seen["sources"]
    assert isinstance(site, Site) and isinstance(sources, dict)
    return root, site, sources


@pytest.fixture
def output(built: tuple[Path, Site, dict[str, str]], tmp_path: Path) -> Output:
    root, site, sources = built
    out = tmp_path / "public"
    shutil.copytree(root / "public", out)
    return Output(root, out, site, sources, tmp_path / "home")


def codes(diags: list[Diagnostic]) -> set[str]:
    return {d.code for d in diags}


def on(diags: list[Diagnostic], path: str, code: str) -> list[str]:
    return [d.message for d in diags if d.code == code and f"页面 {path} " in d.message]


def test_a_warm_run_scans_no_page_and_finds_the_same(output: Output) -> None:
    plain = output.check()
    assert {"SEC-06", "A11Y-02", "ID-04"} <= codes(plain)
    pages = output.pages()

    cold = output.cache()
    assert output.check(cold) == plain
    assert (cold.scanned, cold.reused) == (pages, 0)
    cold.save()
    assert cold.path.is_file()

    warm = output.cache()
    assert output.check(warm) == plain
    assert (warm.scanned, warm.reused) == (0, pages)


def test_the_output_rules_read_no_unchanged_page(output: Output) -> None:
    first = output.cache()
    output.check(first)
    first.save()
    context = output.context(output.cache())
    rules = [r for r in all_rules() if r.check.__module__ == "ssg.check.output"]
    findings = [f for r in rules for f in r.check(context)]
    assert any("nowhere" in f.message for f in findings)  # found from the cached facts
    assert len(context.pages) == output.pages()
    assert [p.path for p in context.pages if p.loaded] == []


def test_a_changed_page_is_scanned_again(output: Output) -> None:
    first = output.cache()
    output.check(first)
    first.save()
    page = output.out / "dt/b.html"
    text = page.read_text(encoding="utf-8")
    assert "</main>" in text
    page.write_text(
        text.replace(
            "</main>",
            '<img src="https://cdn.example.com/logo.png" alt="标志"><a href="/gone.html">旧</a>'
            "</main>",
            1,
        ),
        encoding="utf-8",
    )

    plain = output.check()
    warm = output.cache()
    assert output.check(warm) == plain
    assert (warm.scanned, warm.reused) == (1, output.pages() - 1)
    assert on(plain, "dt/b.html", "SEC-01") == [
        "页面 dt/b.html 加载站外资源 https://cdn.example.com/logo.png（主机 cdn.example.com）；"
        "请改为站内文件，或在 allowed_hosts 中登记 (outside asset from cdn.example.com on "
        "dt/b.html)"
    ]
    assert on(plain, "dt/b.html", "SEC-06") == [
        "页面 dt/b.html 的链接 /gone.html 指向不存在的 gone.html；请改正链接或补上该文件"
        " (dead link on dt/b.html: gone.html does not exist)"
    ]


def test_links_of_unchanged_pages_are_judged_against_this_output(output: Output) -> None:
    """Which links are dead depends on the whole output, not on the cached page."""
    first = output.cache()
    before = output.check(first)
    first.save()
    assert on(before, "dt/b.html", "SEC-06") == []
    assert any("/files/nope.pdf" in message for message in on(before, "dt/a.html", "SEC-06"))
    (output.out / "dt/c.html").unlink()  # b.html links to it
    (output.out / "files").mkdir()
    (output.out / "files/nope.pdf").write_bytes(b"%PDF")  # a.html links to it

    plain = output.check()
    warm = output.cache()
    assert output.check(warm) == plain
    assert warm.scanned == 0
    assert on(plain, "dt/b.html", "SEC-06") == [
        "页面 dt/b.html 的链接 /dt/c.html 指向不存在的 dt/c.html；请改正链接或补上该文件"
        " (dead link on dt/b.html: dt/c.html does not exist)"
    ]
    assert not any("/files/nope.pdf" in message for message in on(plain, "dt/a.html", "SEC-06"))


def test_hard_linked_pages_keep_their_facts(output: Output, tmp_path: Path) -> None:
    """As the render cache stages a build: unchanged pages are hard links to the last output,
    in a staging folder whose name is not the output's; one page is written afresh."""
    first = output.cache()
    output.check(first)
    first.save()
    staging = tmp_path / ".public.tmp-1"
    shutil.copytree(output.out, staging, copy_function=os.link)
    fresh = staging / "dt/a.html"
    text = fresh.read_text(encoding="utf-8")
    fresh.unlink()
    fresh.write_text(text.replace("</main>", '<a href="#elsewhere">跳</a></main>', 1), "utf-8")

    plain = output.check(output=staging)
    warm = output.cache()
    assert output.check(warm, output=staging) == plain
    assert warm.scanned == 1
    assert any("#elsewhere" in message for message in on(plain, "dt/a.html", "SEC-06"))


def test_a_page_written_again_with_the_same_text_is_not_scanned(output: Output) -> None:
    """As when the render cache renders every page again (ssg's code changed) or copies them
    (no hard links): new files, mostly the same text."""
    first = output.cache()
    plain = output.check(first)
    first.save()
    pages = output.pages()
    copy = output.out.with_name("copy")
    shutil.copytree(output.out, copy)
    shutil.rmtree(output.out)
    copy.rename(output.out)
    changed = output.out / "dt/c.html"
    changed.write_text(changed.read_text(encoding="utf-8").replace("消息丙", "消息丁"), "utf-8")

    warm = output.cache()
    findings = output.check(warm)
    assert (warm.reused, warm.matched, warm.scanned) == (0, pages - 1, 1)
    assert findings == output.check()
    assert [d for d in findings if "dt/c.html" not in d.message] == [
        d for d in plain if "dt/c.html" not in d.message
    ]
    warm.save()
    again = output.cache()
    assert output.check(again) == findings
    assert (again.reused, again.matched, again.scanned) == (pages, 0, 0)


def header(raw: bytes) -> object:
    """The first record of a scan cache's file: whose code wrote it."""
    return sealed.read(io.BytesIO(raw))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: b"not a pickle", id="garbage"),
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: b"", id="empty"),
        pytest.param(lambda raw: sealed.to_bytes((1, "another version")) + raw, id="foreign"),
        # The right header (the first record of the file, ssg/sealed.py), then no entries.
        pytest.param(
            lambda raw: sealed.to_bytes(header(raw), ["not", "entries"]),
            id="not a mapping",
        ),
        pytest.param(
            lambda raw: sealed.to_bytes(
                header(raw),
                {
                    "dt/a.html": "junk",
                    "dt/b.html": (0, b"", {"output": "junk"}),
                    "dt/c.html": ((0, 0, 0, 0), "", {}),
                },
            ),
            id="wrong entries",
        ),
    ],
)
def test_a_damaged_cache_is_only_a_slower_run(
    output: Output, damage: Callable[[bytes], bytes]
) -> None:
    first = output.cache()
    plain = output.check(first)
    first.save()
    first.path.write_bytes(damage(first.path.read_bytes()))

    damaged = output.cache()
    assert output.check(damaged) == plain
    assert damaged.scanned == output.pages()
    damaged.save()  # and the next run is warm again
    again = output.cache()
    assert output.check(again) == plain
    assert again.scanned == 0


def test_a_disabled_cache_reads_and_writes_nothing(output: Output) -> None:
    first = output.cache()
    output.check(first)
    first.save()
    disabled = output.cache(enabled=False)
    assert output.check(disabled) == output.check()
    assert disabled.scanned == output.pages()
    first.path.unlink()
    disabled.save()
    assert not first.path.exists()


def test_pages_come_in_path_order(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for rel in ("a.html", "a/b.html", "a-b/c.html", "a/z/y.html", "B.html", "ab.html", "x.htm"):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text("<p>x</p>", encoding="utf-8")
    (out / "folder.html").mkdir()
    context = CheckContext(None, tmp_path, out, {})  # type: ignore[arg-type]
    expected = [p.relative_to(out).as_posix() for p in sorted(out.rglob("*.html")) if p.is_file()]
    assert [p.path for p in context.pages] == expected
    # Part by part, as pathlib sorts: "a" < "a-b" < "a.html" (a plain string sort differs).
    assert expected == ["B.html", "a/b.html", "a/z/y.html", "a-b/c.html", "a.html", "ab.html"]
    assert context.pages[0].text == "<p>x</p>"


# --- pages read on two processes before the rules run (ssg/check/page_facts.py) -------------


def test_pages_read_beside_the_checker_give_the_same_findings(
    output: Output, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = output.check()
    monkeypatch.setattr(page_facts, "MIN_PAGES", 0)
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # (earlier tests' idle threads)
    cache = output.cache()
    context = output.context(cache)
    assert page_facts.prescan(context, jobs=2) == output.pages()
    assert cache.scanned == output.pages()
    assert not [p.path for p in context.pages if p.loaded], "the texts are not kept"
    assert list(run_rules(context)) == plain
    cache.save()
    again = output.cache()
    assert page_facts.prescan(output.context(again), jobs=2) == 0, "all known: nothing read"
    assert output.check(again) == plain


def test_without_the_cache_pages_are_still_read_on_two_processes(
    output: Output, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`ssg check` and `ssg build --no-cache` keep nothing, but a cold check of their pages
    is the same work: the other core reads half of them all the same."""
    plain = output.check()
    monkeypatch.setattr(page_facts, "MIN_PAGES", 0)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    disabled = output.cache(enabled=False)
    context = output.context(disabled)
    assert page_facts.prescan(context, jobs=2) == output.pages()
    assert list(run_rules(context)) == plain
    disabled.save()
    assert not disabled.path.exists()


def test_pages_with_a_text_seen_before_keep_its_facts(
    output: Output, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_facts, "MIN_PAGES", 0)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    plain = output.check()
    first = output.cache()
    output.check(first)
    first.save()
    for page in output.out.rglob("*.html"):  # written afresh, the same text: a new identity
        text = page.read_bytes()
        page.unlink()
        page.write_bytes(text)
    cache = output.cache()
    context = output.context(cache)
    assert page_facts.prescan(context, jobs=2) == output.pages()
    assert (cache.matched, cache.scanned) == (output.pages(), 0)
    assert list(run_rules(context)) == plain


def test_no_second_process_with_one_job_or_beside_threads(
    output: Output, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_facts, "MIN_PAGES", 0)
    assert page_facts.prescan(output.context(output.cache()), jobs=1) == 0
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert page_facts.prescan(output.context(output.cache()), jobs=2) == 0
    assert page_facts.prescan(output.context(None), jobs=2) == 0


# --- facts derived where the pages are rendered (page_facts.RenderedFacts) -------------------


def test_the_renderers_derive_what_reading_the_page_would(output: Output) -> None:
    """A page's facts derived from the text just written, under the file's stamp, are those
    that reading the page gives."""
    read = output.cache()
    context = output.context(read)
    page = next(p for p in context.pages if p.path == "dt/a.html")
    from ssg.check.output import FACTS, PageFacts

    expected = context.page_fact(page, FACTS, PageFacts, page_facts.PageReader().facts)
    seen = output.cache()
    observer = page_facts.RenderedFacts(seen, str(output.out))
    found = observer.see("dt/a.html", (output.out / "dt/a.html").read_text(encoding="utf-8"))
    assert observer.see("search/index.bin", "…") is None, "pages only"
    assert found is not None
    observer.keep([found])
    assert output.context(seen).cached_fact(page, FACTS, PageFacts) == expected
    assert seen.scanned == 1


def test_the_renderers_facts_are_the_same_from_the_bytes_they_wrote(output: Output) -> None:
    """The render workers hand the observer the bytes and the status of the file they wrote
    (ssg/parallel.py): the entry is the one looking at the file gives."""
    path = output.out / "dt/a.html"
    text = path.read_text(encoding="utf-8")
    observer = page_facts.RenderedFacts(output.cache(), str(output.out))
    looked = observer.see("dt/a.html", text)
    handed = observer.see("dt/a.html", text, text.encode("utf-8"), os.stat(path))
    assert looked is not None and handed == looked


def test_a_parallel_build_leaves_no_rendered_page_to_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item and listing pages' facts come back from the processes that rendered them: the
    checks read only the few pages the build process made itself (home page, site map ...),
    and find what a serial build's checks find."""
    from ssg import parallel

    monkeypatch.setattr(parallel, "MIN_PARALLEL_PAGES", 0)
    files = {**FILES, **{f"content/dt/n{i}.md": news(f"消息{i}", "正文。\n") for i in range(12)}}
    root = make_site(tmp_path / "site", files)
    unread = _pages_read_from_disk(monkeypatch)
    parallel_run = build(BuildOptions(root, tmp_path / "a", DATE, jobs=2, cache=False))
    assert parallel_run.written
    assert unread and not [p for p in unread if p.startswith("dt/")], unread
    unread.clear()
    serial = build(BuildOptions(root, tmp_path / "b", DATE, jobs=1, cache=False))
    assert [str(d) for d in parallel_run.diagnostics.sorted()] == [
        str(d) for d in serial.diagnostics.sorted()
    ]


def test_the_policy_librarys_pages_are_rendered_on_every_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library's pages by year, topic and issuer are render tasks like the item pages:
    their facts come back from the workers (the checks read none of them from disk), and the
    output is byte for byte a serial build's."""
    from ssg import parallel

    monkeypatch.setattr(parallel, "MIN_PARALLEL_PAGES", 0)
    root = make_site(tmp_path / "site", FILES)
    unread = _pages_read_from_disk(monkeypatch)
    parallel_run = build(BuildOptions(root, tmp_path / "a", DATE, jobs=2, cache=False))
    assert parallel_run.written
    library = [
        p.relative_to(tmp_path / "a").as_posix()
        for p in (tmp_path / "a").rglob("*.html")
        if "/by-" in p.as_posix()
    ]
    assert len(library) >= 3, library  # (the three overviews, and the groups' listings)
    assert not [p for p in unread if "/by-" in p], unread
    serial = build(BuildOptions(root, tmp_path / "b", DATE, jobs=1, cache=False))
    assert parallel_run.pages == serial.pages
    assert [str(d) for d in parallel_run.diagnostics.sorted()] == [
        str(d) for d in serial.diagnostics.sorted()
    ]
    for page in (tmp_path / "b").rglob("*"):
        if page.is_file():
            twin = tmp_path / "a" / page.relative_to(tmp_path / "b")
            assert twin.read_bytes() == page.read_bytes(), page


# --- saved by another process while the build swaps its output (ScanCache.save_beside) ------


def _leftovers(cache: ScanCache) -> list[str]:
    return sorted(p.name for p in cache.path.parent.iterdir() if p != cache.path)


def test_saved_beside_and_kept_is_what_save_writes(
    output: Output, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # (earlier tests' idle threads)
    plain = output.check()
    cache = output.cache()
    output.check(cache)
    finish = cache.save_beside()
    assert not cache.path.exists(), "in place only once kept"
    finish(True)
    assert cache.path.is_file() and _leftovers(cache) == []
    warm = output.cache()
    assert output.check(warm) == plain
    assert (warm.scanned, warm.reused) == (0, output.pages())


def test_the_build_waits_for_the_scan_caches_pickler_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pickler, forked when the checks end, runs on while the build makes its other
    records: the build waits for it only once the build's own record is kept, and the facts
    are in place when the build returns."""
    from ssg import unchanged

    monkeypatch.setattr(threading, "active_count", lambda: 1)  # (earlier tests' idle threads)
    root = make_site(tmp_path / "site", FILES)
    order: list[str] = []
    real_beside = ScanCache.save_beside
    real_remember = unchanged.remember

    def save_beside(self: ScanCache) -> Callable[[bool], None]:
        finish = real_beside(self)

        def waited(keep: bool) -> None:
            order.append(f"scan cache {keep}")
            finish(keep)

        return waited

    def remember(*args: Any, **kwargs: Any) -> None:
        order.append("build record")
        real_remember(*args, **kwargs)

    monkeypatch.setattr(ScanCache, "save_beside", save_beside)
    monkeypatch.setattr(unchanged, "remember", remember)
    result = build(BuildOptions(root, tmp_path / "public", DATE))
    assert result.written
    assert order == ["build record", "scan cache True"]
    assert list((root / ".ssg-cache").glob("scan-*.pickle"))
    assert not list((root / ".ssg-cache").glob(".scan-*"))  # (no pickler's file left beside)


def test_saved_beside_and_not_kept_leaves_nothing(
    output: Output, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    cache = output.cache()
    output.check(cache)
    finish = cache.save_beside()
    finish(False)
    assert not cache.path.exists()
    assert not cache.path.parent.exists() or _leftovers(cache) == []


def test_beside_threads_it_is_saved_in_this_process_when_kept(
    output: Output, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 2)  # (`ssg serve`)
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked beside threads"))
    cache = output.cache()
    output.check(cache)
    finish = cache.save_beside()
    assert not cache.path.exists()
    finish(True)
    assert cache.path.is_file() and _leftovers(cache) == []


def test_a_blocked_build_keeps_no_scan_cache(tmp_path: Path) -> None:
    """The facts of an output that was not swapped into place are not kept."""
    root = make_site(tmp_path / "site", FILES)
    built = build(BuildOptions(root, root / "public", DATE, jobs=1))
    assert built.written
    records = sorted((root / ".ssg-cache").glob("scan-*.pickle"))
    assert len(records) == 1
    before = records[0].read_bytes()
    (root / "content/dt/c.md").write_text(news("消息丙", "正文，改过。\n"), encoding="utf-8")
    blocked = build(BuildOptions(root, root / "public", DATE, jobs=1, strict=True))
    assert not blocked.written
    assert records[0].read_bytes() == before
    assert sorted(p.name for p in (root / ".ssg-cache").iterdir() if ".scan-" in p.name) == []


def _pages_read_from_disk(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages whose facts the checks will read from disk (no worker handed them over),
    filled in as each build runs its prescan."""
    from ssg.check.output import FACTS, PageFacts

    unread: list[str] = []
    real = page_facts.prescan

    def spy(context: CheckContext, jobs: int) -> int:
        unread.extend(
            p.path for p in context.pages if context.cached_fact(p, FACTS, PageFacts) is None
        )
        return real(context, jobs)

    monkeypatch.setattr(ssg.build, "prescan", spy)
    return unread


def test_facts_pickle_to_the_same_bytes_without_their_generator_reduce(
    output: Output, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The facts' classes are pickled by reducers registered with copyreg (quick_pickling:
    0.18 -> 0.14 s for a 10k site's facts), which give the bytes their own `__reduce__` gives,
    and are used instead of it (by the render workers too, forked after a ScanCache is made)."""
    from ssg.check.output import Element, PageFacts, Region

    cache = output.cache()
    output.check(cache)
    classes = (Element, Region, PageFacts)
    assert {type(f) for e in cache.new.values() for f in e[2].values()} & set(classes)
    registered = pickle.dumps(cache.new, pickle.HIGHEST_PROTOCOL)
    for cls in classes:
        assert cls in copyreg.dispatch_table
        monkeypatch.delitem(copyreg.dispatch_table, cls)
    assert pickle.dumps(cache.new, pickle.HIGHEST_PROTOCOL) == registered
    assert pickle.loads(registered) == cache.new
    monkeypatch.undo()

    def slow(self: object) -> object:
        raise AssertionError(f"{type(self).__name__}.__reduce__ called")

    for cls in classes:
        monkeypatch.setattr(cls, "__reduce__", slow)
    assert pickle.dumps(cache.new, pickle.HIGHEST_PROTOCOL) == registered


def test_a_cache_of_the_last_format_is_not_read(output: Output) -> None:
    """Format 3 knows pages by the SHA-1 of their text (format 2: BLAKE2b): a cache of the
    last format, with the same code's fingerprint, is not read as this one."""
    import hashlib

    from ssg.check import scan_cache

    text = "<p>页面</p>"
    assert scan_cache.text_digest(text) == hashlib.sha1(text.encode()).digest()
    first = output.cache()
    output.check(first)
    first.save()
    assert output.cache().old  # (this format: read)
    with first.path.open("rb") as handle:
        sealed.read(handle)
        entries = sealed.read(handle)
    sealed.dump(first.path, (2, scan_cache.fingerprint()), entries)
    assert output.cache().old == {}
