"""`ssg serve` between its start and the site loaded for hot updates: a restart after an edit
serves the last run's pages at once; a save while the site loads goes hot once it is loaded;
a blocked first build says which pages stay served; a file written slowly is read whole.
Real sites on disk, real HTTP to the preview (as tests/test_serve.py)."""

from __future__ import annotations

import http.client
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ssg.build import BuildOptions, BuildResult
from ssg.serve import RELOAD_JS, Preview
from tests.sitekit import make_site
from tests.test_preview_seed import DATE, NEWS, ssg_build, tree
from tests.test_serve import get, preview, wait_for
from tests.test_unchanged import age

__all__ = ["preview"]


def status(running: Preview) -> dict[str, object]:
    return dict(json.loads(get(running, "/__ssg/status")[1]))


def kinds(running: Preview) -> list[str]:
    return [kind for kind, _ in list(running.log)]


def listen(running: Preview, events: list[str]) -> None:
    """Collect the event names of the preview's event stream, in a thread, as a tab does."""

    def read() -> None:
        host, port = running.server.server_address[:2]
        connection = http.client.HTTPConnection(str(host), int(port), timeout=60)
        connection.request("GET", "/__ssg/events")
        for raw in connection.getresponse():
            line = raw.decode().strip()
            if line.startswith("event: "):
                events.append(line.removeprefix("event: "))

    before = len(running.state.listeners)
    threading.Thread(target=read, daemon=True).start()
    wait_for(lambda: len(running.state.listeners) > before)


def cold_tree(root: Path) -> dict[str, bytes]:
    """The preview folder of a cold start on the site as it is now."""
    shutil.rmtree(root / ".ssg-cache", ignore_errors=True)
    running = Preview(root, root / ".ssg-cache/preview", DATE, port=0, quiet=True)
    try:
        assert running.rebuild().written
    finally:
        running.server.server_close()
    return tree(running.out)


def run_once(root: Path) -> None:
    """A preview started and stopped, as an editor does: its output and records stay."""
    running = Preview(root, root / ".ssg-cache/preview", DATE, port=0, quiet=True)
    assert running.rebuild().written
    loop = running.serve_forever()
    next(loop)
    wait_for(lambda: not running.state.building)
    loop.close()


@pytest.fixture()
def restarted(tmp_path: Path) -> Iterator[Callable[[], tuple[Preview, BuildResult]]]:
    """Start the preview again on `tmp_path` (its first build done, the server running)."""
    loops: list[Iterator[None]] = []

    def start() -> tuple[Preview, BuildResult]:
        running = Preview(tmp_path, tmp_path / ".ssg-cache/preview", DATE, port=0, quiet=True)
        first = running.rebuild()
        loop = running.serve_forever()
        next(loop)
        loops.append(loop)
        return running, first

    yield start
    for loop in loops:
        loop.close()  # type: ignore[attr-defined]


def test_a_restart_after_one_edit_serves_the_last_pages_at_once_then_the_edit(
    tmp_path: Path, restarted: Callable[[], tuple[Preview, BuildResult]]
) -> None:
    make_site(tmp_path, {})
    source = tmp_path / NEWS
    original = source.read_text(encoding="utf-8")
    edited = original.replace("常务会议", "全体会议")
    source.write_text(edited, encoding="utf-8")
    cold = cold_tree(tmp_path)  # (what a cold start on the edited site serves)
    source.write_text(original, encoding="utf-8")
    age(tmp_path)
    shutil.rmtree(tmp_path / ".ssg-cache")
    run_once(tmp_path)
    source.write_text(edited, encoding="utf-8")  # saved while the preview was stopped

    running, first = restarted()

    # Served at once: the last run's pages, untouched, while the edit is built behind them.
    assert first.written and not first.replayed and running.kept_first
    assert first.render_cache is None  # (nothing was built before serving)
    state = status(running)
    assert state["generation"] == 1 and not state["blocked"]
    assert "常务会议" in get(running, "/dt/huiyi.html")[1]
    # Then the build in the background: the edit is served, the tabs told to reload, and the
    # output is a cold start's, byte for byte.
    wait_for(lambda: not status(running)["building"])
    assert status(running)["generation"] == 2
    assert "全体会议" in get(running, "/dt/huiyi.html")[1]
    assert tree(running.out) == cold
    assert running.live is not None and running.live.site is not None  # (hot updates can go)


def test_a_restart_whose_edit_is_broken_keeps_the_last_runs_pages_and_says_so(
    tmp_path: Path, restarted: Callable[[], tuple[Preview, BuildResult]]
) -> None:
    make_site(tmp_path, {})
    age(tmp_path)
    run_once(tmp_path)
    source = tmp_path / NEWS
    source.write_text(
        source.read_text(encoding="utf-8").replace("date: 2026-11-18", "date: 11月18日"),
        encoding="utf-8",
    )
    running, first = restarted()
    assert first.written and running.kept_first
    wait_for(lambda: bool(status(running)["blocked"]))
    state = status(running)
    assert any("[SCHEMA-04]" in line for line in state["lines"])  # type: ignore[attr-defined]
    assert state["showing"] == "preview"  # the pages of this preview's last run: true
    assert "常务会议" in get(running, "/dt/huiyi.html")[1]


def test_a_save_while_the_site_loads_after_a_restart_goes_hot_once_it_is_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a replayed restart the build loop loads the site (a full build); a save in that
    time waited for it and then took a second full build. It now goes hot as soon as the site
    is loaded."""
    import ssg.serve

    make_site(tmp_path, {})
    age(tmp_path)
    run_once(tmp_path)
    source = tmp_path / NEWS
    running = Preview(tmp_path, tmp_path / ".ssg-cache/preview", DATE, port=0, quiet=True)
    assert running.rebuild().replayed
    real = ssg.serve.build
    saved = threading.Event()

    def build(options: BuildOptions) -> BuildResult:
        result = real(options)
        if not saved.is_set():
            # The save lands once the loading build has read every file, before it is done.
            source.write_text(
                source.read_text(encoding="utf-8").replace("常务会议", "全体会议"),
                encoding="utf-8",
            )
            running.on_change({str(source)})  # (the watcher's call; its own follows)
            saved.set()
        return result

    monkeypatch.setattr(ssg.serve, "build", build)
    loop = running.serve_forever()
    next(loop)
    try:
        events: list[str] = []
        listen(running, events)
        wait_for(saved.is_set)
        wait_for(lambda: "全体会议" in get(running, "/dt/huiyi.html")[1])
        wait_for(lambda: not status(running)["building"])
        assert "hot" in kinds(running)  # the save went hot, not into a build of its own
        assert "reload" in events
        assert "全体会议" in get(running, "/dt/huiyi.html")[1]
        assert not running.deferred and not running.loading
    finally:
        loop.close()


def test_a_blocked_first_build_after_ssg_build_says_the_pages_are_public_s(
    tmp_path: Path,
) -> None:
    make_site(tmp_path, {})
    ssg_build(tmp_path)
    source = tmp_path / NEWS
    original = source.read_text(encoding="utf-8")
    source.write_text(original.replace("date: 2026-11-18", "date: 11月18日"), encoding="utf-8")
    running = Preview(tmp_path, tmp_path / ".ssg-cache/preview", DATE, port=0, quiet=True)
    assert not running.rebuild().written and running.seeded is not None
    loop = running.serve_forever()
    next(loop)
    try:
        state = status(running)
        assert state["blocked"] and state["showing"] == "build"
        # The overlay's words for it name public/ and `ssg build`, not "the last good pages".
        assert '"ssg 预览：构建被阻止，显示的是 public/ 中上一次 ssg build 生成的页面' in RELOAD_JS
        assert get(running, "/dt/huiyi.html")[0] == 200  # (public/'s page, served)
        source.write_text(original, encoding="utf-8")
        wait_for(lambda: not status(running)["blocked"])
        assert status(running)["showing"] == "preview"  # a build of its own went through
    finally:
        loop.close()


def test_a_blocked_first_build_with_no_output_says_there_is_none(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    source = tmp_path / NEWS
    source.write_text(
        source.read_text(encoding="utf-8").replace("date: 2026-11-18", "date: 11月18日"),
        encoding="utf-8",
    )
    running = Preview(tmp_path, tmp_path / ".ssg-cache/preview", DATE, port=0, quiet=True)
    try:
        assert not running.rebuild().written
        state = json.loads(running.state.status())
        assert state["blocked"] and state["showing"] == "none"
    finally:
        running.server.server_close()


def test_a_file_written_slowly_is_read_once_whole(preview: Preview) -> None:
    """An editor (or Path.write_text) truncates a file, then writes it: held up between the
    two on a busy machine, the preview read the file half written, showed errors that were
    never in it and built them (tests/test_serve.py's break-and-fix test, now and then)."""
    wait_for(lambda: not preview.state.building)
    events: list[str] = []
    listen(preview, events)
    source = preview.source / NEWS
    text = source.read_text(encoding="utf-8").replace("常务会议", "全体会议")
    with source.open("w", encoding="utf-8") as handle:
        handle.write(text[:12])  # "---\ntitle: 市…": the front matter unclosed
        handle.flush()
        time.sleep(0.5)  # ten times the debounce
        handle.write(text[12:])
    wait_for(lambda: "全体会议" in get(preview, "/dt/huiyi.html")[1])
    wait_for(lambda: not preview.state.building)
    assert "errors" not in kinds(preview), "no overlay for a file half written"
    assert events == ["status", "reload"]  # (the state when subscribed, then the one reload)
    assert not status(preview)["blocked"]


def test_a_restart_after_a_build_that_followed_a_save_serves_its_output_at_once(
    tmp_path: Path, restarted: Callable[[], tuple[Preview, BuildResult]]
) -> None:
    """The preview's builds follow saves by milliseconds: their inputs are "racy" and their
    record is never replayed, but the output it vouches for is served at once all the same."""
    make_site(tmp_path, {})  # (every file saved just now)
    run_once(tmp_path)
    running, first = restarted()
    assert first.written and not first.replayed and running.kept_first
    wait_for(lambda: not status(running)["building"])
    assert not status(running)["blocked"]
    assert running.live is not None and running.live.site is not None


def test_a_build_that_read_a_file_half_written_does_not_show_its_errors(
    preview: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build in flight can read a file an editor is writing (truncated, not yet written):
    blocked by errors the file never had, it reports nothing while a newer save waits, and
    the build for that save has the last word (tests/test_serve.py's break-and-fix test
    failed so, under load: "missing front matter" for a file that had it)."""
    import ssg.serve

    wait_for(lambda: not preview.state.building)
    events: list[str] = []
    listen(preview, events)
    source = preview.source / NEWS
    text = source.read_text(encoding="utf-8").replace("常务会议", "全体会议")
    real = ssg.serve.build
    finished = threading.Event()

    def build(options: BuildOptions) -> BuildResult:
        monkeypatch.setattr(ssg.serve, "build", real)  # (this build only)
        handle = source.open("w", encoding="utf-8")  # the editor truncates the file …
        result = real(options)  # … the build reads it empty …
        # (the watcher has seen the truncation by then, milliseconds after it; on a loaded
        # machine its thread can be later than a whole build: wait as the editor's time would)
        wait_for(lambda: any(w.busy() for w in preview.watchers))

        def finish() -> None:
            time.sleep(0.3)
            handle.write(text)  # … and the editor writes it
            handle.close()
            finished.set()

        threading.Thread(target=finish, daemon=True).start()
        assert not result.written  # (blocked by the empty file: YAML-03)
        return result

    monkeypatch.setattr(ssg.serve, "build", build)
    preview.on_other_site({str(preview.source)})  # a build is asked for
    wait_for(finished.is_set)
    wait_for(lambda: "全体会议" in get(preview, "/dt/huiyi.html")[1])
    wait_for(lambda: not preview.state.building)
    assert events == ["status", "reload"], "no overlay of the half-written file's errors"
    assert not status(preview)["blocked"]


def test_a_half_written_file_is_not_reported_when_the_watcher_is_later_than_the_build(
    preview: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As above, on a machine so loaded that the watcher's thread has not even seen the
    truncation when the whole build is done: the file, saved after the build began, tells
    that the build may have read it half written, and its errors are not shown."""
    import ssg.serve

    wait_for(lambda: not preview.state.building)
    events: list[str] = []
    listen(preview, events)
    source = preview.source / NEWS
    text = source.read_text(encoding="utf-8").replace("常务会议", "全体会议")
    real = ssg.serve.build
    finished = threading.Event()

    def build(options: BuildOptions) -> BuildResult:
        monkeypatch.setattr(ssg.serve, "build", real)  # (this build only)
        handle = source.open("w", encoding="utf-8")  # the editor truncates the file …
        result = real(options)  # … the build reads it empty …
        assert not result.written  # (blocked by the empty file)
        # … and the watcher has seen nothing yet: its thread is late (held here until the
        # build has decided what to show, as a loaded machine holds it).
        for watcher in preview.watchers:
            monkeypatch.setattr(watcher, "busy", lambda: False)

        def finish() -> None:
            wait_for(lambda: preview.held_block)  # (the build's decision made)
            for watcher in preview.watchers:
                monkeypatch.delattr(watcher, "busy")
            handle.write(text)  # … then the editor writes it
            handle.close()
            finished.set()

        threading.Thread(target=finish, daemon=True).start()
        return result

    monkeypatch.setattr(ssg.serve, "build", build)
    preview.on_other_site({str(preview.source)})  # a build is asked for
    wait_for(finished.is_set)
    wait_for(lambda: "全体会议" in get(preview, "/dt/huiyi.html")[1])
    wait_for(lambda: not preview.state.building)
    assert events == ["status", "reload"], "no overlay of the half-written file's errors"
    assert not status(preview)["blocked"]
