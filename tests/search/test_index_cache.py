"""The search index stage, incremental (issue 9): whatever the last build left in .ssg-cache/
and the last output, the index under /search/ is byte-identical to a cold build's; and what
did not change is not computed again."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import re
import shutil
import sqlite3
import tempfile
from array import array
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssg import sealed
from ssg.cache import CACHE_DIR
from ssg.config import load_site_config
from ssg.content.loader import load_content
from ssg.derive.notices import with_notices
from ssg.diagnostics import Diagnostics
from ssg.lifecycle import load_lifecycle
from ssg.link import Site, link
from ssg.search import cache as search_cache
from ssg.search import client_index, token_store, write_search_index
from ssg.search.cache import SearchIndexCache
from ssg.search.documents import (
    DocTokens,
    PackedTokens,
    doc_fields,
    doc_tokens,
    documents,
    pack_fields,
    pack_tokens,
    unpack_tokens,
)
from ssg.search.token_store import KEY_SIZE, TokenRows, cut_rows
from ssg.write import Staging
from tests.e2e.conftest import REPO, sample_date
from tests.sitekit import make_site

DATE = dt.date(2026, 11, 20)
WORDS = ["营商环境", "优化", "供暖", "医疗保障", "义务教育", "乡村振兴", "垃圾分类", "公积金"]


def news(title: str, day: int, body: str) -> str:
    return (
        f"---\ntitle: {title}\ndate: 2026-11-{day:02d}\nsource: 测试市人民政府办公室\n"
        f"keywords: [{WORDS[day % len(WORDS)]}]\nreviewed_by: 审核人\n---\n{body}\n"
    )


def seeded(root: Path) -> Path:
    files = {
        f"content/dt/n{i}.md": news(
            f"关于{WORDS[i % 8]}的第{i}条消息",
            10 + i % 8,
            f"## 第{i}条\n\n市政府研究了**{WORDS[i % 8]}**和{WORDS[(i * 3) % 8]}工作，"
            f"见[通知](https://www.ceshi.gov.cn/{i}.html)。\n\n- 要点{i}\n- {WORDS[(i + 5) % 8]}",
        )
        for i in range(14)
    }
    return make_site(root, files)


def load_site(root: Path, date: dt.date = DATE) -> Site:
    """The site as ssg/build.py has it when the search stage runs."""
    diags = Diagnostics()
    config = load_site_config(root, diags)
    assert config is not None
    tree = load_content(root, config.column_types, diags)
    site = with_notices(link(tree, config, date, diags), load_lifecycle(root, diags), diags)
    assert not diags.blocks(), [str(d) for d in diags.sorted()]
    return site


def index(
    root: Path, date: dt.date = DATE, enabled: bool = True, jobs: int = 1
) -> SearchIndexCache:
    """The stage as the build runs it: into a staging folder swapped into place, then save()."""
    out = root / "public"
    site = load_site(root, date)
    staging = Staging(out)
    cache = SearchIndexCache(root, out, enabled)
    written = write_search_index(site, staging, jobs, cache)
    assert written == staging.written > 0
    staging.commit()
    cache.save()
    return cache


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def cold(root: Path, date: dt.date = DATE) -> dict[str, str]:
    """The index of a cold build of the site as it is now: no cache at all."""
    with tempfile.TemporaryDirectory() as scratch:
        staging = Staging(Path(scratch) / "public")
        write_search_index(load_site(root, date), staging, 1)
        staging.commit()
        return tree(Path(scratch) / "public" / "search")


def built(root: Path) -> dict[str, str]:
    return tree(root / "public" / "search")


def documents_of(root: Path) -> int:
    return len(load_site(root).items)


def cache_files(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).glob("search-*.*"))


def stored_token_keys(root: Path) -> set[bytes]:
    [path] = (root / CACHE_DIR).glob("search-tokens-*.sqlite")
    with contextlib.closing(sqlite3.connect(path)) as db:
        rows = [keys for (keys,) in db.execute("SELECT keys FROM tokens")]
    return {keys[i : i + KEY_SIZE] for keys in rows for i in range(0, len(keys), KEY_SIZE)}


def stored_tokens(root: Path) -> list[PackedTokens]:
    """Every document's packed tokens in the store, row after row."""
    [path] = (root / CACHE_DIR).glob("search-tokens-*.sqlite")
    with contextlib.closing(sqlite3.connect(path)) as db:
        rows = list(db.execute(f"SELECT {token_store._FIELDS} FROM tokens"))
    return [packed for row in rows for packed in cut_rows(TokenRows(*row))]


def test_packed_tokens_are_the_tokens(tmp_path: Path) -> None:
    for doc in documents(load_site(seeded(tmp_path))):
        tokens = doc_tokens(doc)
        assert unpack_tokens(pack_tokens(tokens)) == tokens
        assert unpack_tokens(pack_fields(*doc_fields(doc))) == tokens  # the index's own way
    odd = DocTokens({"": 3}, {}, {"a": 1, "": 2})  # the empty token, no token at all
    assert unpack_tokens(pack_tokens(odd)) == odd


def test_a_cold_build_tokenises_everything_and_keeps_it(tmp_path: Path) -> None:
    root = seeded(tmp_path)
    cache = index(root)
    assert cache.tokenised == documents_of(root) > 14
    assert cache.reused_files == 0 and not cache.patched
    names = [re.sub(r"[0-9a-f]{16}", "*", p.name) for p in cache_files(root)]
    assert names == ["search-*.pickle", "search-postings-*.pickle", "search-tokens-*.sqlite"]
    assert len(stored_token_keys(root)) == cache.tokenised
    assert built(root) == cold(root)


def test_tokens_learned_in_batches_are_every_documents_and_change_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store is handed the new tokens a few documents a row (ROW_DOCS, for the stage's
    peak memory and SQLite's cost a row): every document's are kept all the same, and a build
    that then finds them all in the store writes the same index as a cold one."""
    monkeypatch.setattr(client_index, "ROW_DOCS", 3)
    learned: list[int] = []
    original = SearchIndexCache.learn_rows

    def spy(self: SearchIndexCache, docs: object, numbers: list[int], rows: object) -> None:
        learned.append(len(numbers))
        original(self, docs, numbers, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(SearchIndexCache, "learn_rows", spy)
    root = seeded(tmp_path)
    cache = index(root)
    assert cache.tokenised == documents_of(root) == sum(learned)
    assert max(learned) == 3 and len(learned) >= documents_of(root) // 3
    assert len(stored_token_keys(root)) == cache.tokenised
    assert built(root) == cold(root)
    shutil.rmtree(root / "public")  # (the index again, every token from the store)
    again = index(root)
    assert again.tokenised == 0
    assert built(root) == cold(root)


def test_no_change_links_the_whole_index_from_the_last_output(tmp_path: Path) -> None:
    root = seeded(tmp_path)
    index(root)
    first = built(root)
    out = root / "public"
    staging = Staging(out)
    cache = SearchIndexCache(root, out, True)
    written = write_search_index(load_site(root), staging, 1, cache)
    assert written == cache.reused_files == len(first) == staging.written
    assert cache.tokenised == 0
    assert cache.text_hits == documents_of(root)  # no body turned into text again
    for rel in first:  # hard links to the last build's files, not copies
        assert (staging.path / "search" / rel).stat().st_ino == (out / "search" / rel).stat().st_ino
    staging.commit()
    cache.save()
    assert built(root) == first == cold(root)


def test_one_edit_tokenises_that_document_only(tmp_path: Path) -> None:
    root = seeded(tmp_path)
    index(root)
    before = built(root)
    path = root / "content/dt/n3.md"
    text = path.read_text(encoding="utf-8").replace("title: ", "title: 更新：", 1)
    path.write_text(text + "\n补充：公积金提取新规定。\n", encoding="utf-8")
    cache = index(root)
    assert cache.tokenised == 1
    assert cache.patched  # the last build's postings, patched
    assert cache.text_hits == documents_of(root) - 1
    after = built(root)
    assert after != before
    assert after == cold(root)


def test_a_document_whose_stored_tokens_repeat_one_is_patched(tmp_path: Path) -> None:
    """The index packs a title's and keywords' tokens as it numbers them, a token twice where
    two of their pieces give it (政策 twice, pinyin shared, a word in two keywords); taking
    such a document's tokens out of the last postings, and putting others in, is the
    edit's patch all the same."""
    root = seeded(tmp_path)
    path = root / "content/dt/n3.md"
    text = re.sub("title: .*", "title: 政策政策解读：银行行长", path.read_text(encoding="utf-8"))
    path.write_text(re.sub("keywords: .*", "keywords: [政策, 政策解读]", text), "utf-8")
    index(root)
    rows = stored_tokens(root)
    for field in (0, 2):  # (the rows hold repeats)
        assert any(len(set(r[field].split("\n"))) < len(r[field].split("\n")) for r in rows)
    text = re.sub("title: .*", "title: 长长的政策解读", path.read_text(encoding="utf-8"))
    path.write_text(re.sub("keywords: .*", "keywords: [解读, 政策解读, 解读]", text), "utf-8")
    cache = index(root)
    assert cache.tokenised == 1
    assert cache.patched
    assert built(root) == cold(root)


def test_after_one_edit_unchanged_files_are_links_to_the_last_ones(tmp_path: Path) -> None:
    root = seeded(tmp_path)
    index(root)
    before = {rel: (root / "public/search" / rel).stat().st_ino for rel in built(root)}
    path = root / "content/dt/n3.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n补充：供暖。\n", encoding="utf-8")
    cache = index(root)
    after = built(root)
    assert after == cold(root)
    linked = [
        rel for rel in after if (root / "public/search" / rel).stat().st_ino in before.values()
    ]
    assert cache.linked_files == len(linked) > 0
    assert len(linked) < len(after), "the shards and fragments that changed were written"


def test_a_file_changed_in_the_last_output_is_not_linked(tmp_path: Path) -> None:
    root = seeded(tmp_path)
    index(root)
    for rel in built(root):  # someone wrote into the published index
        if rel != client_index.ENTRY:
            (root / "public/search" / rel).write_bytes(b"not what ssg wrote")
    path = root / "content/dt/n3.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n补充：供暖。\n", encoding="utf-8")
    cache = index(root)
    assert cache.linked_files == 0
    assert built(root) == cold(root)


def test_a_changed_url_only_needs_no_tokenising(tmp_path: Path) -> None:
    root = seeded(tmp_path)
    index(root)
    (root / "content/dt/n5.md").rename(root / "content/dt/renamed.md")
    cache = index(root)
    assert cache.tokenised == 0 and cache.reused_files == 0
    assert built(root) == cold(root)


@pytest.mark.parametrize("patch_limit", [search_cache.PATCH_LIMIT, 0])
def test_deleting_an_item_and_adding_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, patch_limit: int
) -> None:
    """Patched, or (limit 0) every document inverted again from the tokens kept."""
    monkeypatch.setattr(search_cache, "PATCH_LIMIT", patch_limit)
    root = seeded(tmp_path)
    index(root)
    count = documents_of(root)
    (root / "content/dt/n7.md").unlink()
    (root / "content/dt/new.md").write_text(
        news("新发布的垃圾分类办法", 19, "全市推行**垃圾分类**，详见附件。"), encoding="utf-8"
    )
    cache = index(root)
    assert documents_of(root) == count
    assert cache.tokenised == 1
    assert cache.patched == (patch_limit > 0)
    assert built(root) == cold(root)
    # The deleted item's tokens stay only while the rest of their row is current (a row
    # mostly of gone documents is written again: test_token_store.py).
    docs = documents(load_site(root))
    current = {search_cache.token_key(d) for d in docs}
    assert current <= stored_token_keys(root)
    assert len(stored_token_keys(root) - current) <= 1
    assert len(docs) == count


def damage_truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def damage_garbage(path: Path) -> None:
    path.write_bytes(b"\x80\x05not a pickle at all" * 100)


def damage_shape(path: Path) -> None:
    """A pickle that loads, of this code, holding the wrong things (for the token store: an
    SQLite file of this code whose rows are not tokens)."""
    if path.suffix == ".sqlite":
        with contextlib.closing(sqlite3.connect(path)) as db, db:
            db.execute("UPDATE tokens SET title_values = ?, body = NULL", (b"\x01\x02\x03",))
        return
    with path.open("rb") as handle:
        code = sealed.read(handle)["code"]
    path.write_bytes(
        sealed.to_bytes(
            {"code": code, "texts": ["x"], "index": "x", "tokens": 3, "keys": 1},
            ("not", "postings"),
        )
    )


@pytest.mark.parametrize("damage", [damage_truncate, damage_garbage, damage_shape])
def test_a_damaged_cache_is_only_a_slower_build(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    root = seeded(tmp_path)
    index(root)
    files = cache_files(root)
    assert len(files) == 3
    for path in files:
        damage(path)
    (root / "content/dt/n2.md").write_text(news("改过的标题", 12, "新的正文。"), encoding="utf-8")
    cache = index(root)
    assert cache.tokenised == documents_of(root)  # nothing from the damaged files
    assert cache.reused_files == 0 and not cache.patched
    assert built(root) == cold(root)
    again = index(root)  # and the cache written again is whole
    assert again.reused_files == len(built(root)) and again.tokenised == 0


def test_postings_that_do_not_hold_the_old_tokens_are_not_patched(tmp_path: Path) -> None:
    root = seeded(tmp_path)
    index(root)
    postings = next((root / CACHE_DIR).glob("search-postings-*.pickle"))
    with postings.open("rb") as handle:
        header = sealed.read(handle)
        title, keywords, body, blocks, packed = sealed.read(handle)
    title = search_cache._flat({})  # a well-formed file that is not what the tokens say
    postings.write_bytes(sealed.to_bytes(header, (title, keywords, body, blocks, packed)))
    path = root / "content/dt/n4.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    cache = index(root)
    assert not cache.patched and cache.tokenised == 1
    assert built(root) == cold(root)


def test_a_file_missing_from_the_last_output_is_written_again(tmp_path: Path) -> None:
    root = seeded(tmp_path)
    index(root)
    shard = next((root / "public/search/s").iterdir())
    shard.unlink()
    cache = index(root)
    assert cache.reused_files == 0 and cache.tokenised == 0
    assert cache.patched  # no document changed: the postings as they were
    assert built(root) == cold(root)
    assert shard.is_file()


def test_other_search_code_uses_nothing_of_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = seeded(tmp_path)
    first = index(root)
    real = search_cache.code_fingerprint()
    monkeypatch.setattr(search_cache, "code_fingerprint", lambda: real + "-changed")
    cache = index(root)
    assert cache.reused_files == 0 and cache.tokenised == documents_of(root)
    assert cache.text_hits == first.text_hits  # (items of one build with the same body)
    assert built(root) == cold(root)


def test_the_code_fingerprint_covers_every_search_module() -> None:
    folder = Path(search_cache.__file__).parent
    names = {p.name for p in folder.glob("*.py")}
    assert {"tokenize.py", "documents.py", "client_index.py", "cache.py"} <= names
    digest = search_cache.code_fingerprint()
    assert digest == search_cache.code_fingerprint() and len(digest) == 32


def test_a_disabled_cache_reads_and_writes_nothing(tmp_path: Path) -> None:
    root = seeded(tmp_path)
    index(root)
    stamps = {p: p.stat().st_mtime_ns for p in cache_files(root)}
    (root / "content/dt/n1.md").write_text(news("另一个标题", 11, "正文。"), encoding="utf-8")
    cache = index(root, enabled=False)
    assert cache.tokenised == cache.reused_files == cache.text_hits == 0  # (it took no part)
    assert {p: p.stat().st_mtime_ns for p in cache_files(root)} == stamps
    assert built(root) == cold(root)


def test_each_output_folder_has_its_own_record(tmp_path: Path) -> None:
    """public/ and the preview folder hold different builds: one must not reuse the other's."""
    root = seeded(tmp_path)
    index(root)
    preview = root / "preview"
    staging = Staging(preview)
    cache = SearchIndexCache(root, preview, True)
    write_search_index(load_site(root), staging, 1, cache)
    assert cache.reused_files == 0
    staging.commit()
    cache.save()
    assert len(cache_files(root)) == 6
    assert tree(preview / "search") == built(root)


@pytest.mark.skipif(not client_index._can_fork(), reason="needs fork")
def test_tokens_learned_in_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large site tokenises in forked workers: they send back what the cache keeps."""
    monkeypatch.setattr(client_index, "MIN_PARALLEL_DOCS", 1)
    monkeypatch.setattr(search_cache, "PATCH_LIMIT", 0)
    root = seeded(tmp_path)
    first = index(root, jobs=2)
    assert first.tokenised == documents_of(root)
    (root / "content/dt/n6.md").write_text(news("新标题", 16, "医疗保障。"), encoding="utf-8")
    cache = index(root, jobs=2)
    assert cache.tokenised == 1 and not cache.patched
    assert built(root) == cold(root)


def test_the_sample_portal_after_an_edit(tmp_path: Path) -> None:
    root = tmp_path / "sample"
    for name in ("content", "data", "static"):
        shutil.copytree(REPO / name, root / name)
    date = dt.date.fromisoformat(sample_date())
    index(root, date)
    item = sorted(p for p in (root / "content").rglob("*.md") if p.name != "_index.md")[10]
    item.write_text(item.read_text(encoding="utf-8") + "\n新增一段：政务公开。\n", "utf-8")
    cache = index(root, date)
    assert cache.tokenised == 1 and cache.patched
    assert built(root) == cold(root, date)


EDITS = st.lists(
    st.tuples(
        st.sampled_from(["title", "body", "rename", "delete", "add", "date"]),
        st.integers(min_value=0, max_value=13),
    ),
    min_size=1,
    max_size=4,
)


def apply(root: Path, edit: str, n: int, step: int) -> None:
    column = root / "content/dt"
    items = sorted(p for p in column.glob("*.md") if p.name != "_index.md")
    target = items[n % len(items)]
    text = target.read_text(encoding="utf-8")
    if edit == "title":
        target.write_text(text.replace("title: ", f"title: 第{step}次改", 1), encoding="utf-8")
    elif edit == "body":
        target.write_text(text + f"\n补充{WORDS[step % 8]}{step}。\n", encoding="utf-8")
    elif edit == "rename":
        target.rename(column / f"renamed-{step}-{target.name}")
    elif edit == "delete" and len(items) > 2:
        target.unlink()
    elif edit == "add":
        body = f"新的{WORDS[n % 8]}消息{step}。"
        (column / f"new-{step}.md").write_text(news(f"新消息{step}", 10 + n % 9, body), "utf-8")
    elif edit == "date":
        target.write_text(text.replace("date: 2026-11-", "date: 2026-10-", 1), encoding="utf-8")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=EDITS)
def test_any_sequence_of_edits_gives_a_cold_builds_index(
    tmp_path: Path, edits: list[tuple[str, int]]
) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path) as scratch:
        root = seeded(Path(scratch))
        index(root)
        for step, (edit, n) in enumerate(edits):
            apply(root, edit, n, step)
            index(root)
            assert built(root) == cold(root), (step, edit)


def test_a_blocked_build_leaves_the_stored_index_and_no_temporary_files(tmp_path: Path) -> None:
    """The stage writes what it keeps early (its memory goes before the checks); a build that
    does not swap removes those files and the last build's cache stands."""
    import datetime as dt

    from ssg.build import BuildOptions, build
    from tests.sitekit import make_site

    make_site(tmp_path, {})
    options = BuildOptions(tmp_path, tmp_path / "public", dt.date(2026, 11, 20), jobs=1)
    assert build(options).written
    cache = tmp_path / ".ssg-cache"
    before = {p.name: p.stat().st_mtime_ns for p in cache.glob("search*.pickle")}
    assert before
    page = tmp_path / "content/dt/huiyi.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n![](/static/emblem.png)\n", encoding="utf-8"
    )  # fmt: skip  (an image without alt text: deduct)
    blocked = build(dataclasses.replace(options, strict=True))
    assert not blocked.written and blocked.checked
    assert not list(cache.glob(".search-*")), "temporary files removed"
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("search*.pickle")} == before


def test_kept_postings_read_back_as_they_were() -> None:
    """The postings file keeps each field flat (cache._flat): read back, the same arrays;
    cut short, none."""
    postings = {"营商": array("I", [3 << 1, 8 << 1 | 1]), "zheng'ce": array("I", [2**32 - 1])}
    kept = search_cache._flat(postings)
    assert search_cache._unflat(kept) == postings
    assert list(search_cache._unflat(kept)) == list(postings)
    tokens, counts, data = kept
    with pytest.raises(ValueError):
        search_cache._unflat((tokens, counts, data[:-4]))
