"""The preview's start-up (issue 9): a restart, and a first start after `ssg build`, serve the
bytes a cold start serves and redo less (ssg/preview_seed.py, ssg/serve.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from ssg.build import BuildOptions, BuildResult, build
from ssg.preview_seed import seed_from_build
from ssg.serve import Preview
from ssg.slugs import known_slugs
from tests.sitekit import make_site
from tests.test_serve import wait_for
from tests.test_unchanged import age

DATE = dt.date(2026, 11, 20)
NEWS = "content/dt/huiyi.md"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its relative path: what a preview serves."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def identities(folder: Path) -> dict[str, tuple[int, int, int, str]]:
    """Each file's inode, mtime, size and content digest: written in place or replaced, it
    shows here."""
    found = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            st = p.stat()
            digest = hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest()
            found[p.relative_to(folder).as_posix()] = (
                st.st_ino,
                st.st_mtime_ns,
                st.st_size,
                digest,
            )
    return found


def start(root: Path) -> tuple[Preview, BuildResult]:
    """The preview's first build, as `ssg serve` runs it (the server is not started)."""
    preview = Preview(root, root / ".ssg-cache/preview", DATE, port=0, quiet=True)
    try:
        result = preview.rebuild()
        preview.parse_cache.save()  # (as when the preview stops)
    finally:
        preview.server.server_close()
    assert result.written
    return preview, result


def cold_preview(root: Path) -> dict[str, bytes]:
    shutil.rmtree(root / ".ssg-cache", ignore_errors=True)
    shutil.rmtree(root / "public", ignore_errors=True)
    preview, result = start(root)
    assert preview.seeded is None
    assert result.render_cache is not None and result.render_cache.reused == 0
    return tree(preview.out)


def ssg_build(root: Path) -> None:
    assert build(BuildOptions(source=root, out=root / "public", build_date=DATE)).written


def redone(result: BuildResult) -> tuple[int, int]:
    """(pages rendered, documents tokenised) by a build."""
    assert result.render_cache is not None and result.tokenised is not None
    return result.render_cache.rendered, result.tokenised


def test_a_first_start_after_ssg_build_serves_the_cold_bytes_and_redoes_nothing(
    tmp_path: Path,
) -> None:
    make_site(tmp_path, {})
    cold = cold_preview(tmp_path)
    shutil.rmtree(tmp_path / ".ssg-cache")
    ssg_build(tmp_path)
    preview, result = start(tmp_path)
    assert preview.seeded is not None and preview.seeded.files > 0
    assert tree(preview.out) == cold
    assert redone(result) == (0, 0)
    assert result.render_cache is not None and result.render_cache.reused > 0
    assert result.scanned == 0


def test_a_cold_start_tokenises_and_renders_every_page(tmp_path: Path) -> None:
    """The counts above mean something: without `ssg build` first, all is redone."""
    make_site(tmp_path, {})
    shutil.rmtree(tmp_path / ".ssg-cache", ignore_errors=True)
    _preview, result = start(tmp_path)
    rendered, tokenised = redone(result)
    assert rendered > 0 and tokenised > 0


def test_a_restart_serves_the_cold_bytes_and_redoes_nothing(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    age(tmp_path)  # (a file saved within two seconds of a build keeps it from being replayed)
    cold = cold_preview(tmp_path)
    preview = Preview(tmp_path, tmp_path / ".ssg-cache/preview", DATE, port=0, quiet=True)
    try:
        first = preview.rebuild()
        # Nothing changed: the last build, replayed; its output served as it is.
        assert first.written and first.replayed and preview.replayed_first
        assert preview.seeded is None  # (its own output was there)
        assert tree(preview.out) == cold
        assert preview.state.building  # the full build that loads the site is asked for
        assert not preview.parse_saved  # (unread: saving it would empty it)
        # The build loop's next build, which gives hot updates their site: nothing redone.
        loaded = preview.rebuild(set(), shown_already=True)
    finally:
        preview.server.server_close()
    assert loaded.site is not None and not loaded.replayed
    assert tree(preview.out) == cold
    assert redone(loaded) == (0, 0)
    assert preview.state.generation == 1  # the tabs were not told to reload


def test_a_restart_that_is_stopped_before_its_site_is_loaded_keeps_the_parse_cache(
    tmp_path: Path,
) -> None:
    from ssg.cache import ParseCache

    make_site(tmp_path, {})
    age(tmp_path)
    cold_preview(tmp_path)
    kept = len(ParseCache(tmp_path).entries)
    assert kept > 0
    preview = Preview(tmp_path, tmp_path / ".ssg-cache/preview", DATE, port=0, quiet=True)
    assert preview.rebuild().replayed
    preview.stopping = True  # (the build loop ends before the build it was asked for)
    loop = preview.serve_forever()
    next(loop)
    loop.close()
    assert len(ParseCache(tmp_path).entries) == kept


def test_a_restart_or_start_after_one_edit_redoes_that_edit_only(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    source = tmp_path / NEWS
    original = source.read_text(encoding="utf-8")
    edited = original.replace("常务会议", "全体会议")
    assert edited != original
    source.write_text(edited, encoding="utf-8")
    cold = cold_preview(tmp_path)
    shutil.rmtree(tmp_path / ".ssg-cache")
    # (b') the preview ran on the old text; (c) `ssg build` ran on it: the file is saved since.
    for before in ("preview", "build"):
        source.write_text(original, encoding="utf-8")
        shutil.rmtree(tmp_path / ".ssg-cache", ignore_errors=True)
        shutil.rmtree(tmp_path / "public", ignore_errors=True)
        if before == "preview":
            start(tmp_path)
        else:
            ssg_build(tmp_path)
        source.write_text(edited, encoding="utf-8")
        preview, result = start(tmp_path)
        if before == "preview":
            # A restart serves the last run's output at once and builds the edit after it, in
            # the build loop (tests/test_serve_startup.py): that build, here.
            assert preview.kept_first and result.render_cache is None
            try:
                result = preview.rebuild(set(), False)
            finally:
                preview.server.server_close()
        assert tree(preview.out) == cold, before
        rendered, tokenised = redone(result)
        assert result.render_cache is not None
        assert 0 < rendered < result.render_cache.reused, before
        assert tokenised == 1, before


def test_the_preview_never_writes_into_public(tmp_path: Path) -> None:
    """public/'s files are linked into the preview: a save in the preview (a hot update, then
    the full build) replaces the preview's files and leaves public/'s as they were."""
    make_site(tmp_path, {})
    ssg_build(tmp_path)
    public = identities(tmp_path / "public")
    preview = Preview(tmp_path, tmp_path / ".ssg-cache/preview", DATE, port=0, quiet=True)
    assert preview.rebuild().written and preview.seeded is not None
    loop = preview.serve_forever()
    next(loop)
    try:
        source = tmp_path / NEWS
        source.write_text(source.read_text(encoding="utf-8").replace("常务会议", "全体会议"),
                          encoding="utf-8")  # fmt: skip
        # The watcher's hot update rewrites the page, then the full build swaps its output in.
        wait_for(lambda: any(kind == "build" for kind, _ in list(preview.log)[1:]))
        wait_for(lambda: not preview.state.building)
        assert "全体会议" in (preview.out / "dt/huiyi.html").read_text(encoding="utf-8")
        assert any(kind == "hot" for kind, _ in preview.log)
    finally:
        loop.close()
    assert identities(tmp_path / "public") == public


def test_nothing_is_seeded_without_a_build_or_over_the_previews_own_output(
    tmp_path: Path,
) -> None:
    make_site(tmp_path, {})
    preview = tmp_path / ".ssg-cache/preview"
    assert seed_from_build(tmp_path, preview) is None  # no public/
    ssg_build(tmp_path)
    build(BuildOptions(source=tmp_path, out=preview, build_date=DATE))
    before = identities(preview)
    assert seed_from_build(tmp_path, preview) is None  # its own output stays
    assert identities(preview) == before


def test_a_build_without_its_cache_gives_nothing_to_seed(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    assert build(
        BuildOptions(source=tmp_path, out=tmp_path / "public", build_date=DATE, cache=False)
    ).written
    assert seed_from_build(tmp_path, tmp_path / ".ssg-cache/preview") is None
    assert not os.path.lexists(tmp_path / ".ssg-cache/preview")


def restart_learns_the_slugs(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, bytes], dict[tuple[str, int, bool], str]]:
    """A cold preview of `root` in a process that knows no slug, then a replayed restart in
    another: (the cold output's files, the slugs worked out), once it is checked that the
    restart learnt them all from the slug cache."""
    import ssg.slugs

    age(root)
    monkeypatch.setattr(ssg.slugs, "_KNOWN", {})
    cold = cold_preview(root)
    worked_out = known_slugs()
    monkeypatch.setattr(ssg.slugs, "_KNOWN", {})  # a new process
    preview = Preview(root, root / ".ssg-cache/preview", DATE, port=0, quiet=True)
    try:
        assert preview.rebuild().replayed
    finally:
        preview.server.server_close()
    assert known_slugs() == worked_out
    return cold, worked_out


def test_a_replayed_restart_learns_the_slugs_of_the_last_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its full build runs beside the server's threads, with no slugs' process: the slugs kept
    by the last run spare it pypinyin's dictionaries (ssg/slug_cache.py)."""
    make_site(tmp_path, {})
    _, worked_out = restart_learns_the_slugs(tmp_path, monkeypatch)
    assert worked_out  # (the policy library's topics and issuers)


def changling_site(root: Path) -> Path:
    """A site whose issuer the policy library reads as a place: 长岭县人民政府's pages are at
    chang-ling-…/, the URL earlier versions published (zhang-ling-…/) a redirect."""
    make_site(root, {})
    policy = root / "content/zcwj/base.md"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("issuer: 测试市人民政府", "issuer: 长岭县人民政府"), "utf-8")
    return root


def test_a_replayed_restart_learns_the_place_slugs_of_the_last_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library's place-read slugs are kept beside pinyin_slug's (ssg/slug_cache.py)."""
    changling_site(tmp_path)
    cold, worked_out = restart_learns_the_slugs(tmp_path, monkeypatch)
    assert "zcwj/by-issuer/zhang-ling-xian-ren-min-zheng-fu/index.html" in cold
    assert worked_out[("长岭县人民政府", 48, True)] == "chang-ling-xian-ren-min-zheng-fu"


def test_the_preview_of_a_place_read_issuer_is_the_cold_build(tmp_path: Path) -> None:
    """The preview writes the library's new pages and the old URLs' redirects as `ssg build`
    does, byte for byte."""
    changling_site(tmp_path)
    preview = cold_preview(tmp_path)
    assert build(BuildOptions(source=tmp_path, out=tmp_path / "cold", build_date=DATE)).written
    assert preview == tree(tmp_path / "cold")
    redirect = preview["zcwj/by-issuer/zhang-ling-xian-ren-min-zheng-fu/index.html"].decode()
    assert "url=/zcwj/by-issuer/chang-ling-xian-ren-min-zheng-fu/" in redirect


def test_a_preview_folder_outside_the_cache_is_not_seeded(tmp_path: Path) -> None:
    """`ssg serve --out` may name a folder the build refuses (inside content/): nothing is
    made there before the build has checked it."""
    make_site(tmp_path, {})
    ssg_build(tmp_path)
    inside = tmp_path / "content/preview"
    assert seed_from_build(tmp_path, inside) is None
    assert not os.path.lexists(inside)
