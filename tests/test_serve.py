"""`ssg serve`: a real server on loopback over a real site on disk, edited while it runs."""

from __future__ import annotations

import http.client
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from ssg.build import BuildOptions, BuildResult
from ssg.serve import Preview, resolve_path
from tests.sitekit import make_site

NEWS = "content/dt/huiyi.md"


@pytest.fixture()
def preview(tmp_path: Path) -> Iterator[Preview]:
    import datetime as dt

    make_site(tmp_path, {})
    running = Preview(tmp_path, tmp_path / ".ssg-cache/preview", dt.date(2026, 11, 20), port=0,
                      quiet=True)  # fmt: skip
    running.rebuild()
    loop = running.serve_forever()
    next(loop)
    yield running
    loop.close()


def request(
    preview: Preview, method: str, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    host, port = preview.server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), int(port), timeout=10)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def get(preview: Preview, path: str) -> tuple[int, str]:
    host, port = preview.server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), int(port), timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8", errors="replace")


def file_digests(folder: Path) -> dict[str, str]:
    """Every file under `folder` by its path, as the SHA-256 of its bytes (a preview's output
    against a cold build's)."""
    import hashlib

    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def cold_output(preview: Preview) -> Path:
    """What a cold build of the preview's site writes, built from a copy of the site (as a CI
    checkout would be: no caches, no output): a build in place would add to the library's
    record (data/library-urls.yaml), a change the running preview would then build."""
    import datetime as dt
    import shutil
    import tempfile

    from ssg.build import build

    copy = Path(tempfile.mkdtemp(prefix="cold-", dir=preview.source.parent)) / "site"
    shutil.copytree(
        preview.source,
        copy,
        ignore=shutil.ignore_patterns(".ssg-cache", "cold", "public*", ".public*"),
    )
    assert build(BuildOptions(copy, copy / "public", dt.date(2026, 11, 20), jobs=1)).written
    return copy / "public"


def wait_for(condition: object, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_pages_carry_the_reload_snippet_only_when_served(preview: Preview) -> None:
    status, body = get(preview, "/dt/huiyi.html")
    assert status == 200
    assert '<script src="/__ssg/reload.js"></script></body>' in body
    on_disk = (preview.out / "dt/huiyi.html").read_text(encoding="utf-8")
    assert "__ssg" not in on_disk


@pytest.mark.parametrize(
    "path",
    ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd", "/dt/../../x",
     "/%00", "//etc/passwd"],
)  # fmt: skip
def test_never_serves_outside_the_output_folder(preview: Preview, path: str) -> None:
    status, body = get(preview, path)
    assert status == 404
    assert "root:" not in body


def test_resolve_path_refuses_symlinks_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (out / "link.txt").symlink_to(tmp_path / "secret.txt")
    assert resolve_path(out, "/link.txt") is None


def test_edit_break_and_fix_while_serving(preview: Preview) -> None:
    source = preview.source / NEWS
    original = source.read_text(encoding="utf-8")
    events: list[str] = []

    def listen() -> None:
        host, port = preview.server.server_address[:2]
        connection = http.client.HTTPConnection(str(host), int(port), timeout=30)
        connection.request("GET", "/__ssg/events")
        response = connection.getresponse()
        for raw in response:
            line = raw.decode().strip()
            if line.startswith("event: "):
                events.append(line.removeprefix("event: "))
            if events.count("reload") >= 2:  # (the fixed save's)
                return

    threading.Thread(target=listen, daemon=True).start()
    wait_for(lambda: bool(preview.state.listeners))  # subscribed before the first save
    source.write_text(
        original.replace("市政府召开常务会议", "市政府召开第十次常务会议"), encoding="utf-8"
    )
    wait_for(lambda: "第十次" in get(preview, "/dt/huiyi.html")[1])
    wait_for(lambda: len(events) >= 2)
    assert events[:2] == ["status", "reload"]  # (the state when the tab subscribed, then)

    source.write_text(
        original.replace("date: 2026-11-18", "date: 2026年11月18日"), encoding="utf-8"
    )
    expected = [
        "content/dt/huiyi.md:3: error [SCHEMA-04] date: 发布日期 “2026年11月18日” 不是有效日期；"
        "应写作 YYYY-MM-DD 或 YYYY-MM-DD HH:MM，例如 2024-03-05 或 2024-03-05 09:30 "
        "(invalid date; expected YYYY-MM-DD or YYYY-MM-DD HH:MM)"
    ]
    # (write_text truncates, then writes: on a loaded machine a build may read the file empty
    # in between and be blocked by that first — YAML-03 — before the save's own build)
    wait_for(lambda: json.loads(get(preview, "/__ssg/status")[1])["lines"] == expected)
    state = json.loads(get(preview, "/__ssg/status")[1])
    assert state["blocked"] and state["lines"] == expected
    assert "第十次" in get(preview, "/dt/huiyi.html")[1], "the last good page is still served"

    source.write_text(original, encoding="utf-8")
    wait_for(lambda: not json.loads(get(preview, "/__ssg/status")[1])["blocked"])
    assert "第十次" not in get(preview, "/dt/huiyi.html")[1]
    wait_for(lambda: events.count("reload") >= 2)
    # status, reload (the first save); the broken save's state (one more before it when a
    # build read the file half written); the fixed save's reload
    assert events[:2] == ["status", "reload"] and events[-1] == "reload"
    assert set(events[2:-1]) == {"status"}, events


def test_deleting_and_renaming_files(preview: Preview) -> None:
    source = preview.source / NEWS
    renamed = source.with_name("changwu.md")
    source.rename(renamed)
    wait_for(lambda: get(preview, "/dt/changwu.html")[0] == 200)
    assert get(preview, "/dt/huiyi.html")[0] == 404
    renamed.unlink()
    wait_for(lambda: get(preview, "/dt/changwu.html")[0] == 404)


def test_a_hot_save_reloads_once_and_the_build_catches_up(preview: Preview) -> None:
    events: list[str] = []

    def listen() -> None:
        host, port = preview.server.server_address[:2]
        connection = http.client.HTTPConnection(str(host), int(port), timeout=30)
        connection.request("GET", "/__ssg/events")
        for raw in connection.getresponse():
            line = raw.decode().strip()
            if line.startswith("event: "):
                events.append(line.removeprefix("event: "))

    threading.Thread(target=listen, daemon=True).start()
    wait_for(lambda: bool(preview.state.listeners))
    builds = sum(1 for kind, _ in preview.log if kind == "build")
    source = preview.source / NEWS
    source.write_text(
        source.read_text(encoding="utf-8").replace("市政府召开常务会议", "市政府召开全体会议"),
        encoding="utf-8",
    )
    wait_for(lambda: "全体会议" in get(preview, "/dt/huiyi.html")[1])
    wait_for(lambda: sum(1 for kind, _ in preview.log if kind == "build") > builds)
    assert [kind for kind, _ in preview.log][-2:] == ["hot", "build"]
    time.sleep(0.3)
    # (The state when the tab subscribed, then one reload.)
    assert events == ["status", "reload"], "the build after a hot update does not reload again"

    # What the preview folder holds now is what a cold build of the edited site writes.
    assert file_digests(preview.out) == file_digests(cold_output(preview))


def test_without_hot_updates_every_save_is_a_build(tmp_path: Path) -> None:
    import datetime as dt

    make_site(tmp_path, {})
    running = Preview(tmp_path, tmp_path / ".ssg-cache/preview", dt.date(2026, 11, 20), port=0,
                      quiet=True, hot=False)  # fmt: skip
    running.rebuild()
    loop = running.serve_forever()
    next(loop)
    try:
        source = tmp_path / NEWS
        source.write_text(
            source.read_text(encoding="utf-8").replace("常务会议", "全体会议"), encoding="utf-8"
        )
        wait_for(lambda: "全体会议" in get(running, "/dt/huiyi.html")[1])
        assert "hot" not in [kind for kind, _ in running.log]
    finally:
        loop.close()


def test_a_request_during_a_swap_waits_for_the_new_folder(preview: Preview) -> None:
    """A build swaps the output folder by two renames; a page asked for in between is not a
    404 nor a dropped connection."""
    aside = preview.out.with_name(preview.out.name + ".aside")
    os.replace(preview.out, aside)
    back = threading.Timer(0.03, os.replace, (aside, preview.out))
    back.start()
    try:
        status, body = get(preview, "/dt/huiyi.html")
    finally:
        back.join()
    assert status == 200 and "市政府召开常务会议" in body


def test_a_swap_while_the_page_is_looked_up_is_no_404(
    preview: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder was there when the request began and went away while its file was looked
    for: the page exists before and after the swap, so it is not a 404."""
    from ssg import serve

    aside = preview.out.with_name(preview.out.name + ".aside")
    real = serve.resolve_path
    swaps: list[threading.Timer] = []

    def swapping(out: Path, url_path: str) -> Path | None:
        if not swaps:  # (the first lookup only)
            os.replace(preview.out, aside)
            swaps.append(threading.Timer(0.03, os.replace, (aside, preview.out)))
            swaps[0].start()
        return real(out, url_path)

    monkeypatch.setattr(serve, "resolve_path", swapping)
    try:
        status, body = get(preview, "/dt/huiyi.html")
    finally:
        swaps[0].join()
    assert status == 200 and "市政府召开常务会议" in body


def test_renaming_a_column_folder(preview: Preview) -> None:
    folder = preview.source / "content/dt"
    folder.rename(preview.source / "content/dongtai")
    wait_for(lambda: get(preview, "/dongtai/huiyi.html")[0] == 200)
    assert get(preview, "/dt/huiyi.html")[0] == 404
    assert "/dongtai/" in get(preview, "/")[1]


def test_a_build_overtaken_by_a_hot_update_does_not_swap_its_older_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full build read the first save; a second save was applied hot while it ran: the build
    must not put the first save's page back. It gives way and asks for another build."""
    import dataclasses
    import datetime as dt

    from ssg import serve

    make_site(tmp_path, {})
    running = Preview(tmp_path, tmp_path / ".ssg-cache/preview", dt.date(2026, 11, 20), port=0,
                      quiet=True)  # fmt: skip
    running.rebuild()
    at_swap, go_on = threading.Event(), threading.Event()
    real_build = serve.build

    def slow_build(options: serve.BuildOptions) -> serve.BuildResult:
        guard = options.swap_guard
        assert guard is not None

        def waiting_guard() -> AbstractContextManager[bool]:
            at_swap.set()
            assert go_on.wait(30)
            return guard()

        return real_build(dataclasses.replace(options, swap_guard=waiting_guard))

    monkeypatch.setattr(serve, "build", slow_build)
    source = tmp_path / NEWS
    original = source.read_text(encoding="utf-8")
    source.write_text(original.replace("常务会议", "第一次会议"), encoding="utf-8")
    results: list[serve.BuildResult] = []
    worker = threading.Thread(target=lambda: results.append(running.rebuild({str(source)})))
    worker.start()
    assert at_swap.wait(30), "the build read the first save and reached its swap"

    source.write_text(original.replace("常务会议", "第二次会议"), encoding="utf-8")
    assert running.try_hot({str(source)}) is not None
    go_on.set()
    worker.join(30)

    assert results and not results[0].written, "the overtaken build gave way"
    assert not running.state.blocked, "giving way is not a blocked build"
    page = (running.out / "dt/huiyi.html").read_text(encoding="utf-8")
    assert "第二次会议" in page and "第一次会议" not in page
    assert running.requested.is_set() and str(source) in running.pending


def test_no_hot_update_while_a_change_that_was_not_hot_waits_for_the_build(
    tmp_path: Path,
) -> None:
    """A policy is deleted (not hot: the build must link the site without it), and before the
    build has read it its interpretation's title is saved. Rendered into the site kept in
    memory, the hot page would be shown as published, though the build is blocked (the
    reference no longer resolves): the save waits for the build, which says why."""
    import datetime as dt

    from ssg.diagnostics import Severity

    make_site(tmp_path, {})
    running = Preview(tmp_path, tmp_path / ".ssg-cache/preview", dt.date(2026, 11, 20), port=0,
                      quiet=True)  # fmt: skip
    running.rebuild()
    policy, reading = tmp_path / "content/zcwj/base.md", tmp_path / "content/zcjd/base.md"
    policy.unlink()
    running.on_change({str(policy)})  # (no build loop runs: the build waits)
    reading.write_text(
        reading.read_text(encoding="utf-8").replace("title: 解读", "title: 图解"), encoding="utf-8"
    )
    running.on_change({str(reading)})

    assert "hot" not in [kind for kind, _ in running.log]
    assert "图解" not in (running.out / "zcjd/base.html").read_text(encoding="utf-8")
    assert running.pending == {str(policy), str(reading)}
    result = running.rebuild(running.pending)
    assert not result.written and running.state.blocked
    blocking = [
        d for d in result.diagnostics.sorted() if d.severity in (Severity.ERROR, Severity.VETO)
    ]
    assert [(d.code, d.file, d.line, d.field) for d in blocking] == [
        ("REF-01", "content/zcjd/base.md", 4, "policy")
    ]
    assert "图解" not in (running.out / "zcjd/base.html").read_text(encoding="utf-8")


def test_a_broken_save_shows_the_overlay_before_the_build_confirms_it(preview: Preview) -> None:
    source = preview.source / NEWS
    original = source.read_text(encoding="utf-8")
    builds = sum(1 for kind, _ in preview.log if kind == "build")
    source.write_text(original.replace("date: 2026-11-18", "date: 2026年11月18日"),
                      encoding="utf-8")  # fmt: skip
    wait_for(lambda: json.loads(get(preview, "/__ssg/status")[1])["blocked"])
    assert "errors" in [kind for kind, _ in preview.log], "put up by the save itself"
    shown = json.loads(get(preview, "/__ssg/status")[1])["lines"]
    assert shown == [
        "content/dt/huiyi.md:3: error [SCHEMA-04] date: 发布日期 “2026年11月18日” 不是有效日期；"
        "应写作 YYYY-MM-DD 或 YYYY-MM-DD HH:MM，例如 2024-03-05 或 2024-03-05 09:30 "
        "(invalid date; expected YYYY-MM-DD or YYYY-MM-DD HH:MM)"
    ]
    wait_for(lambda: sum(1 for kind, _ in preview.log if kind == "build") > builds)
    wait_for(lambda: not json.loads(get(preview, "/__ssg/status")[1])["building"])
    after = json.loads(get(preview, "/__ssg/status")[1])
    assert after["blocked"] and after["lines"] == shown, "the build says the same"


def test_parsed_content_is_kept_in_memory_and_saved_when_the_preview_stops(
    tmp_path: Path,
) -> None:
    import datetime as dt

    from ssg.cache import ParseCache, content_digest

    make_site(tmp_path, {})
    running = Preview(tmp_path, tmp_path / ".ssg-cache/preview", dt.date(2026, 11, 20), port=0,
                      quiet=True, hot=False)  # fmt: skip
    running.rebuild()
    saved = running.parse_cache.path
    first = saved.stat().st_mtime_ns  # the first build's parse is saved at once
    loop = running.serve_forever()
    next(loop)
    source = tmp_path / NEWS
    edited = source.read_text(encoding="utf-8").replace("常务会议", "全体会议")
    try:
        source.write_text(edited, encoding="utf-8")
        wait_for(lambda: "全体会议" in get(running, "/dt/huiyi.html")[1])
        # The build after the save parsed the one file and read no cache file to do it.
        assert running.parse_cache.hits == len(running.live.site.items) - 1  # type: ignore[union-attr]
        assert saved.stat().st_mtime_ns == first
    finally:
        loop.close()
    stored = ParseCache(tmp_path).entries[NEWS.removeprefix("content/")]
    assert stored[0] == content_digest(edited.encode("utf-8"))


def test_the_first_build_makes_the_search_index_alone_before_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview's first build forks its workers (no server thread yet), but its search
    index runs alone, before the render workers start (BuildOptions.search_alone, tested in
    tests/search/test_background_index.py): side by side they held more memory than Hugo's
    whole build (bench/RESULTS.md)."""
    import datetime as dt

    import ssg.serve as serve_module

    monkeypatch.setattr(threading, "active_count", lambda: 1)  # (as when `ssg serve` starts)
    asked = []
    real = serve_module.build

    def spy(options: BuildOptions) -> BuildResult:
        asked.append(options)
        return real(options)

    monkeypatch.setattr(serve_module, "build", spy)
    make_site(tmp_path, {})
    running = Preview(tmp_path, tmp_path / ".ssg-cache/preview", dt.date(2026, 11, 20), port=0,
                      quiet=True)  # fmt: skip
    try:
        assert running.rebuild().written
    finally:
        running.server.server_close()
    [first] = asked
    assert first.jobs == 0 and first.search_alone
    assert (running.out / "search/index.bin").is_file()


def _serve_and_terminate(site: Path) -> tuple[int, str]:
    """`ssg serve` run on a free port and sent SIGTERM once it serves: (exit code, stderr)."""
    import signal
    import socket
    import subprocess
    import sys

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    child = subprocess.Popen(
        [sys.executable, "-m", "ssg", "serve", "--source", str(site), "--port", str(port),
         "--date", "2026-11-20"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        assert "预览地址" in child.stdout.readline()
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    return child.returncode, err


def test_sigterm_stops_the_preview_as_ctrl_c_does(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    code, err = _serve_and_terminate(tmp_path)
    assert code == 0, err
    assert "已停止 (stopped)" in err
    assert list((tmp_path / ".ssg-cache").glob("parse-*.pickle"))


def test_sigint_stops_a_preview_started_as_a_scripts_background_job(tmp_path: Path) -> None:
    """`ssg serve … &` in a script (no job control) starts with SIGINT ignored, and Python then
    installs no handler of its own: `kill -INT` (or Ctrl+C in the script's terminal) has to stop
    it all the same, saving the parse of a file edited while it ran."""
    import contextlib
    import signal
    import socket
    import subprocess
    import sys

    import ssg
    from ssg.cache import ParseCache, content_digest

    make_site(tmp_path, {})
    # (what such a job is given: the signals it ignores, as a program run the same way sees them)
    shown = subprocess.run(["bash", "-c", '"$@" & wait $!', "bash", "grep", "SigIgn", "/proc/self/status"],
                           capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert int(shown.split()[1], 16) & 1 << (signal.SIGINT - 1), "no SIGINT ignored: no test"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # bash runs the preview as a background job, prints its pid and exits with its exit code.
    child = subprocess.Popen(
        ["bash", "-c", '"$@" & echo $!; wait $!', "bash", sys.executable, "-m", "ssg", "serve",
         "--source", str(tmp_path), "--port", str(port), "--date", "2026-11-20"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(Path(ssg.__file__).parent.parent)},
    )  # fmt: skip
    pid = 0
    try:
        assert child.stdout is not None
        pid = int(child.stdout.readline())
        assert "预览地址" in child.stdout.readline()
        edited = tmp_path / NEWS
        edited.write_text(edited.read_text(encoding="utf-8").replace("title: ", "title: 改后", 1),
                          encoding="utf-8")  # fmt: skip
        base = f"http://127.0.0.1:{port}"

        def built() -> bool:
            import urllib.request

            with urllib.request.urlopen(f"{base}/__ssg/status", timeout=10) as answer:
                state = json.load(answer)
            return bool(state["builds"] >= 1 and not state["building"])

        wait_for(built, 60)
        started = time.monotonic()
        os.kill(pid, signal.SIGINT)
        _, err = child.communicate(timeout=15)
        seconds = time.monotonic() - started
    finally:
        if child.poll() is None:
            if pid:  # (it holds bash's pipes open: communicate() would wait for it)
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            child.kill()
            child.communicate()
    assert child.returncode == 0, err
    assert "已停止 (stopped)" in err
    assert seconds < 10
    # The edit's parse is saved when the preview stops (its first build's, at once, before).
    kept = ParseCache(tmp_path).entries[NEWS.removeprefix("content/")]
    assert kept[0] == content_digest(edited.read_bytes())


def test_a_blocked_first_build_prints_its_diagnostics_once(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    source = tmp_path / NEWS
    source.write_text(source.read_text(encoding="utf-8").replace("date: 2026-11-18",
                      "date: 2026年11月18日"), encoding="utf-8")  # fmt: skip
    _, err = _serve_and_terminate(tmp_path)
    assert [line for line in err.splitlines() if "[SCHEMA-04]" in line] == [
        "content/dt/huiyi.md:3: error [SCHEMA-04] date: 发布日期 “2026年11月18日” 不是有效日期；"
        "应写作 YYYY-MM-DD 或 YYYY-MM-DD HH:MM，例如 2024-03-05 或 2024-03-05 09:30 "
        "(invalid date; expected YYYY-MM-DD or YYYY-MM-DD HH:MM)"
    ]


def test_a_client_that_goes_away_is_no_error(
    preview: Preview, capsys: pytest.CaptureFixture[str]
) -> None:
    # A tab closed mid-answer: the standard library would print a traceback.
    for gone in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset")):
        try:
            raise gone
        except ConnectionError:
            preview.server.handle_error(None, ("127.0.0.1", 1))
    assert capsys.readouterr().err == ""
    try:
        raise ValueError("a real fault")
    except ValueError:
        preview.server.handle_error(None, ("127.0.0.1", 1))
    assert "ValueError: a real fault" in capsys.readouterr().err


def test_a_tab_that_subscribes_after_a_broken_save_sees_the_overlay(preview: Preview) -> None:
    # The page read the state when it loaded; the save broke before its event stream opened.
    preview.state.show_errors(["content/dt/huiyi.md:3: error [SCHEMA-04] date: 坏日期"])
    listener = preview.state.subscribe()
    try:
        name, data = listener.get(timeout=1)
        assert name == "status" and json.loads(data)["blocked"]
        assert json.loads(data)["lines"] == [
            "content/dt/huiyi.md:3: error [SCHEMA-04] date: 坏日期"
        ]
    finally:
        preview.state.unsubscribe(listener)


def test_a_failing_theme_template_shows_the_builds_words_in_the_overlay(tmp_path: Path) -> None:
    import datetime as dt

    article = Path(__file__).parent.parent / "ssg/themes/default/templates/article.html"
    lines = article.read_text(encoding="utf-8").split("\n")
    override = "themes/default/templates/article.html"
    make_site(tmp_path, {override: "\n".join(lines)})  # (watched from the start: it is there)
    running = Preview(tmp_path, tmp_path / ".ssg-cache/preview", dt.date(2026, 11, 20), port=0,
                      quiet=True)  # fmt: skip
    running.rebuild()
    loop = running.serve_forever()
    next(loop)
    try:
        lines[3] = "{{ 1/0 }}"
        (tmp_path / override).write_text("\n".join(lines), encoding="utf-8")
        wait_for(lambda: json.loads(get(running, "/__ssg/status")[1])["blocked"])
        assert json.loads(get(running, "/__ssg/status")[1])["lines"] == [
            f"{override}:4: error [THEME-01] "
            "模板出错：ZeroDivisionError: division by zero (template error)"
        ]
        assert get(running, "/dt/huiyi.html")[0] == 200, "the last good page is still served"
    finally:
        loop.close()


def test_a_broken_template_that_no_page_uses_does_not_stop_the_preview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first build renders on every core and then compiles every template for the hot
    updates to come; `ssg build` passes with such a template, so must `ssg serve`."""
    import datetime as dt

    from ssg import serve

    make_site(tmp_path, {"themes/default/templates/unused.html": "{% if %}\n"})
    monkeypatch.setattr(serve.threading, "active_count", lambda: 1)  # (the first build's path)
    running = Preview(tmp_path, tmp_path / ".ssg-cache/preview", dt.date(2026, 11, 20), port=0,
                      quiet=True)  # fmt: skip
    try:
        assert running.rebuild().written
    finally:
        running.server.server_close()


def builds(preview: Preview) -> int:
    return sum(1 for kind, _ in preview.log if kind == "build")


@pytest.mark.parametrize("folder", ["content", "static"])
def test_a_source_folder_deleted_and_restored_is_watched_again(
    preview: Preview, folder: str
) -> None:
    """watchdog drops the watch of a deleted folder: the restored one must be watched anew."""
    import shutil

    kept = preview.source / ".ssg-cache" / f"{folder}-copy"
    shutil.copytree(preview.source / folder, kept)
    before = builds(preview)
    shutil.rmtree(preview.source / folder)
    wait_for(
        lambda: builds(preview) > before and json.loads(get(preview, "/__ssg/status")[1])["blocked"]
    )
    before = builds(preview)
    shutil.copytree(kept, preview.source / folder)
    wait_for(lambda: builds(preview) > before)
    wait_for(lambda: not json.loads(get(preview, "/__ssg/status")[1])["blocked"])
    assert get(preview, "/dt/huiyi.html")[0] == 200

    # Later saves inside the restored folder are seen.
    if folder == "content":
        source = preview.source / NEWS
        source.write_text(source.read_text(encoding="utf-8").replace("常务会议", "全体会议"),
                          encoding="utf-8")  # fmt: skip
        wait_for(lambda: "全体会议" in get(preview, "/dt/huiyi.html")[1])
    else:
        (preview.source / "static/notice.txt").write_text("通知", encoding="utf-8")
        wait_for(lambda: get(preview, "/static/notice.txt") == (200, "通知"))


def test_a_source_folder_created_after_the_start_is_watched(preview: Preview) -> None:
    themes = preview.source / "themes"
    assert not themes.exists()
    footer = Path(__file__).parent.parent / "ssg/themes/default/templates/footer.html"
    templates = themes / "default/templates"
    templates.mkdir(parents=True)
    time.sleep(0.5)  # (the folder's own build may run before the file is saved)
    (templates / "footer.html").write_text(
        footer.read_text(encoding="utf-8") + "\n<p>新页脚</p>", encoding="utf-8"
    )
    wait_for(lambda: "新页脚" in get(preview, "/dt/huiyi.html")[1])


def test_a_restarted_preview_has_a_new_run_and_ends_the_old_event_streams(tmp_path: Path) -> None:
    """Generations count from 1 again after a restart: tabs compare the run to reload."""
    import datetime as dt

    make_site(tmp_path, {})
    runs = []
    for _ in range(2):
        running = Preview(tmp_path, tmp_path / ".ssg-cache/preview", dt.date(2026, 11, 20),
                          port=0, quiet=True)  # fmt: skip
        running.rebuild()
        loop = running.serve_forever()
        next(loop)
        try:
            runs.append(json.loads(get(running, "/__ssg/status")[1])["run"])
            host, port = running.server.server_address[:2]
            stream = http.client.HTTPConnection(str(host), int(port), timeout=10)
            stream.request("GET", "/__ssg/events")
            response = stream.getresponse()
            assert response.readline() == b": connected\n"
        finally:
            loop.close()
        # The stream ends when the preview stops (a tab reconnects, to the next run).
        assert response.read().startswith(b"\nevent: status")
    assert runs[0] != runs[1]


def test_head_answers_with_the_headers_of_a_get_and_no_body(preview: Preview) -> None:
    status, headers, body = request(preview, "GET", "/dt/huiyi.html")
    head_status, head_headers, head_body = request(preview, "HEAD", "/dt/huiyi.html")
    assert (status, head_status, head_body) == (200, 200, b"")
    assert head_headers["Content-Length"] == headers["Content-Length"] == str(len(body))
    assert head_headers["Content-Type"] == headers["Content-Type"] == "text/html; charset=utf-8"
    assert request(preview, "HEAD", "/nowhere.html")[::2] == (404, b"")


def test_a_byte_range_of_a_file_is_a_206(preview: Preview) -> None:
    """Audio and video players ask for parts of a file: single byte ranges are answered."""
    whole = (preview.out / "static/emblem.png").read_bytes()
    size = len(whole)
    status, headers, body = request(preview, "GET", "/static/emblem.png")
    assert (status, body, headers["Accept-Ranges"]) == (200, whole, "bytes")
    cases = {
        "bytes=0-9": (0, 9),
        "bytes=10-": (10, size - 1),
        "bytes=-5": (size - 5, size - 1),
        f"bytes=5-{size + 100}": (5, size - 1),
    }
    for wanted, (first, last) in cases.items():
        status, headers, body = request(preview, "GET", "/static/emblem.png", {"Range": wanted})
        assert status == 206, wanted
        assert headers["Content-Range"] == f"bytes {first}-{last}/{size}"
        assert body == whole[first : last + 1]
        assert headers["Content-Length"] == str(last - first + 1)
    for unsatisfiable in (f"bytes={size}-", "bytes=-0"):
        status, headers, body = request(
            preview, "GET", "/static/emblem.png", {"Range": unsatisfiable}
        )
        assert (status, headers["Content-Range"], body) == (416, f"bytes */{size}", b"")
    # Several ranges, or one that is not bytes: the whole file, as a 200 may be.
    for ignored in ("bytes=0-1,4-5", "items=0-1", "bytes=9-3"):
        status, _, body = request(preview, "GET", "/static/emblem.png", {"Range": ignored})
        assert (status, body) == (200, whole), ignored


def test_a_folder_url_without_its_slash_is_redirected(preview: Preview) -> None:
    """As static hosts do: served as it is, the page's relative links would miss."""
    status, headers, body = request(preview, "GET", "/dt?page=2")
    assert (status, headers["Location"], body) == (301, "/dt/?page=2", b"")
    assert request(preview, "GET", "/dt")[1]["Location"] == "/dt/"
    assert request(preview, "GET", "//dt")[1]["Location"] == "/dt/", "never to another host"
    assert request(preview, "GET", "/dt/")[0] == 200
    assert request(preview, "GET", "/dt/index.html")[0] == 200
    assert request(preview, "GET", "/")[0] == 200


@pytest.mark.parametrize("host", ["::1", "::"])
def test_an_ipv6_bind_address_is_served(tmp_path: Path, host: str) -> None:
    import datetime as dt
    import socket

    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback here")
    make_site(tmp_path, {})
    running = Preview(tmp_path, tmp_path / ".ssg-cache/preview", dt.date(2026, 11, 20),
                      host=host, port=0, quiet=True)  # fmt: skip
    running.rebuild()
    loop = running.serve_forever()
    next(loop)
    try:
        assert running.url.startswith(f"http://[{host}]:")
        connection = http.client.HTTPConnection("::1", running.server.server_address[1], timeout=10)
        connection.request("GET", "/dt/huiyi.html")
        assert connection.getresponse().status == 200
    finally:
        loop.close()


def test_a_site_of_a_repository_previews_its_shared_theme_and_portal_notices(
    tmp_path: Path,
) -> None:
    """集约化 (ssg/sites.py): the preview of the portal of a sites.yaml repository shows the
    department's opening notice, as its build does, and a save in the repository's shared
    themes/ is rebuilt like a save in the site's own."""
    import datetime as dt

    from ssg.render import DEFAULT_THEME
    from tests.sitekit import interpretation
    from tests.test_sites import OPENING, platform

    repo = platform(tmp_path)
    shared = repo / "themes/default/templates"
    shared.mkdir(parents=True)
    footer = (DEFAULT_THEME / "templates/footer.html").read_text(encoding="utf-8")
    marked = footer.replace('<footer class="site-footer">', '<footer class="site-footer">平台页脚')
    (shared / "footer.html").write_text(marked, encoding="utf-8")
    site = repo / "www"
    running = Preview(site, site / ".ssg-cache/preview", dt.date(2026, 11, 20), port=0,
                      quiet=True)  # fmt: skip
    running.rebuild()
    loop = running.serve_forever()
    next(loop)
    try:
        status, body = get(running, "/tz/fgw-ceshi-wangzhan-kaitong-20261102.html")
        assert status == 200 and "关于测试市发展和改革委员会网站正式开通的公告" in body
        assert "平台页脚" in get(running, "/")[1]
        (shared / "footer.html").write_text(marked.replace("平台页脚", "新页脚"), encoding="utf-8")
        wait_for(lambda: "新页脚" in get(running, "/")[1])
        # A save in the department's site shows here without a save of the portal's own: a
        # migration it announces, and its interpretation of the portal's policy.
        department = repo / "bumen/fgw"
        (department / "data/lifecycle.yaml").write_text(
            OPENING + "- event: migration\n  date: 2026-11-15\n  destination: "
            "https://www.ceshi.gov.cn/\n  reviewed_by: 王某\n",
            encoding="utf-8",
        )
        (department / "content/zcjd/fgw.md").write_text(
            interpretation("测政发〔2026〕100号", date="2026-09-01", title="发改委解读基础办法"),
            encoding="utf-8",
        )
        (department / "content/zcwj/base.md").unlink()  # (the number is the portal's alone now)
        wait_for(lambda: get(running, "/tz/fgw-ceshi-wangzhan-qianyi-20261115.html")[0] == 200)
        wait_for(lambda: "发改委解读基础办法" in get(running, "/zcwj/base.html")[1])
    finally:
        loop.close()


def test_serve_stopped_by_sigterm_puts_the_handler_back(tmp_path: Path) -> None:
    """`kill` stops the preview as Ctrl+C does; afterwards the process's SIGTERM handler is
    the one it had (a program running the preview in-process forks workers that inherit it)."""
    import contextlib
    import io
    import os
    import signal
    import threading

    from ssg.cli import main

    make_site(tmp_path, {})
    before = signal.getsignal(signal.SIGTERM)
    out = io.StringIO()

    def stop_when_serving() -> None:
        wait_for(lambda: "预览地址" in out.getvalue(), 60)
        os.kill(os.getpid(), signal.SIGTERM)

    stopper = threading.Thread(target=stop_when_serving, daemon=True)
    stopper.start()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["serve", "--source", str(tmp_path), "--port", "0", "--date", "2026-11-20"])
    stopper.join(timeout=10)
    assert code == 0
    assert signal.getsignal(signal.SIGTERM) is before


def test_serve_stopped_by_sigint_where_it_was_ignored_ignores_it_again(tmp_path: Path) -> None:
    """A program that ignores SIGINT and runs the preview in-process stops it with SIGINT all
    the same, and ignores SIGINT again afterwards (as its forked workers will)."""
    import contextlib
    import io
    import signal
    import threading

    from ssg.cli import main

    make_site(tmp_path, {})
    out = io.StringIO()
    stopped = threading.Event()
    rescued: list[bool] = []

    def stop_when_serving() -> None:
        wait_for(lambda: "预览地址" in out.getvalue(), 60)
        os.kill(os.getpid(), signal.SIGINT)
        if not stopped.wait(10):  # (SIGINT was lost: SIGTERM ends it, and the test fails)
            rescued.append(True)
            os.kill(os.getpid(), signal.SIGTERM)

    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        stopper = threading.Thread(target=stop_when_serving, daemon=True)
        stopper.start()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()) as err:
            code = main(["serve", "--source", str(tmp_path), "--port", "0", "--date", "2026-11-20"])
        stopped.set()
        stopper.join(timeout=10)
        after = signal.getsignal(signal.SIGINT)
    finally:
        signal.signal(signal.SIGINT, before)
    assert not rescued, "SIGINT did not stop the preview"
    assert code == 0
    assert "已停止 (stopped)" in err.getvalue()
    assert after is signal.SIG_IGN


def test_the_preview_is_busy_when_a_hot_reload_goes_out_and_counts_its_builds(
    preview: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A client that reads the status when the reload of a hot update arrives finds the full
    build after it asked for (bench/compare.py times that build by the status), and `builds`
    tells it when that build is done."""
    seen: list[tuple[bool, int]] = []
    real = preview.state.reload

    def reload() -> None:
        status = json.loads(preview.state.status())
        seen.append((status["building"], status["builds"]))
        real()

    monkeypatch.setattr(preview.state, "reload", reload)
    wait_for(lambda: not preview.state.building)
    before = json.loads(get(preview, "/__ssg/status")[1])["builds"]
    source = preview.source / NEWS
    source.write_text(
        source.read_text(encoding="utf-8").replace("常务会议", "全体会议"), encoding="utf-8"
    )
    wait_for(lambda: bool(seen))
    assert seen[0] == (True, before)
    wait_for(lambda: not json.loads(get(preview, "/__ssg/status")[1])["building"])
    assert json.loads(get(preview, "/__ssg/status")[1])["builds"] > before
    assert "全体会议" in get(preview, "/dt/huiyi.html")[1]


def test_an_alias_with_a_query_string_redirects_in_the_preview_too(tmp_path: Path) -> None:
    """No page is written for /detail.jsp?id=101 (ssg/link.py QueryAlias): nginx.conf redirects
    it, and so does the preview, so that an editor can try an old address before deploying."""
    import datetime as dt

    from tests.test_unchanged import DEPLOY_YAML

    make_site(tmp_path, {"data/deploy.yaml": DEPLOY_YAML})
    source = tmp_path / NEWS
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace("---\n", "---\naliases: [/detail.jsp?id=101, /旧/列表.jsp?关键词=会议]\n", 1),
        encoding="utf-8",
    )
    running = Preview(tmp_path, tmp_path / ".ssg-cache/preview", dt.date(2026, 11, 20), port=0,
                      quiet=True)  # fmt: skip
    assert running.rebuild().written
    loop = running.serve_forever()
    next(loop)
    try:
        for path in ("/detail.jsp?id=101", "/%E6%97%A7/%E5%88%97%E8%A1%A8.jsp?"
                     "%E5%85%B3%E9%94%AE%E8%AF%8D=%E4%BC%9A%E8%AE%AE"):  # fmt: skip
            status, headers, _ = request(running, "GET", path)
            assert (status, headers.get("Location")) == (301, "/dt/huiyi.html"), path
        assert request(running, "GET", "/detail.jsp?id=102")[0] == 404
        assert request(running, "GET", "/dt/huiyi.html?id=101")[0] == 200
    finally:
        loop.close()


def test_a_save_through_a_renamed_temporary_file_is_one_change(tmp_path: Path) -> None:
    """`sed -i` and many editors write a temporary file and rename it onto the one saved;
    the preview said "3 个文件变化" for one save (the temporary file and the folder counted)."""
    from ssg.serve import Watcher

    news = tmp_path / "content/dt/huiyi.md"
    news.parent.mkdir(parents=True)
    news.write_text("---\ntitle: 会议\n---\n", encoding="utf-8")
    bursts: list[set[str]] = []
    watcher = Watcher(tmp_path, bursts.append)
    watcher.start()
    try:
        temporary = news.with_name("sedAb12Cd")
        temporary.write_text("---\ntitle: 全体会议\n---\n", encoding="utf-8")
        os.replace(temporary, news)
        wait_for(lambda: bursts)
        time.sleep(0.3)  # (a second burst, had the rename come late, is seen too)
        assert bursts == [{str(news)}]
        # A file saved anew, and a new file that stays, still count.
        (news.parent / "new.md").write_text("---\ntitle: 新\n---\n", encoding="utf-8")
        wait_for(lambda: len(bursts) == 2)
        assert bursts[1] == {str(news.parent / "new.md")}
    finally:
        watcher.stop()


def test_an_issuer_read_as_a_place_moves_its_pages_as_a_cold_build_does(preview: Preview) -> None:
    """A saved issuer the policy library reads as a place (长岭县人民政府): the preview serves
    its pages at chang-ling-…/, the URL earlier versions published (zhang-ling-…/) as the
    redirect page, and its folder holds what a cold build writes. Once `ssg build` has
    published it (and recorded its URL), a homophone saved in the preview (鲳岭县人民政府)
    takes chang-ling-…-2/, as the cold build does: 长岭's URL does not move."""
    import datetime as dt

    from ssg.build import build

    source = preview.source / "content/zcwj/base.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "issuer: 测试市人民政府", "issuer: 长岭县人民政府"
        ),
        encoding="utf-8",
    )
    new = "/zcwj/by-issuer/chang-ling-xian-ren-min-zheng-fu/"
    wait_for(lambda: get(preview, new)[0] == 200 and not preview.state.building)
    status, body = get(preview, "/zcwj/by-issuer/zhang-ling-xian-ren-min-zheng-fu/")
    assert status == 200 and f'http-equiv="refresh" content="0; url={new}"' in body
    assert file_digests(preview.out) == file_digests(cold_output(preview))

    # `ssg build` publishes, and records the URLs (the preview builds that change too).
    built = build(BuildOptions(preview.source, preview.source / "public", dt.date(2026, 11, 20)))
    assert built.written and (preview.source / "data/library-urls.yaml").is_file()
    homophone = preview.source / "content/zcwj/chang.md"
    homophone.write_text(
        source.read_text(encoding="utf-8")
        .replace("issuer: 长岭县人民政府", "issuer: 鲳岭县人民政府")
        .replace("〔2026〕100号", "〔2026〕101号")
        .replace("2026-00100", "2026-00101"),
        encoding="utf-8",
    )
    wait_for(
        lambda: (
            get(preview, new + "index.html")[0] == 200
            and "鲳岭" in get(preview, "/zcwj/by-issuer/")[1]
        )
    )
    wait_for(lambda: not preview.state.building)
    status, body = get(preview, new)
    assert status == 200 and "长岭县人民政府" in body and "鲳岭县人民政府" not in body
    assert "鲳岭县人民政府" in get(preview, new.rstrip("/") + "-2/")[1]
    assert file_digests(preview.out) == file_digests(cold_output(preview))


def test_a_save_while_the_first_build_runs_is_built(tmp_path: Path) -> None:
    """The watches start after the first build: a file saved after that build read it, before
    they did, had no event, and the preview kept serving the page as it was before the save
    (until some other save) — not what `ssg build` would publish."""
    import datetime as dt

    make_site(tmp_path, {})
    running = Preview(tmp_path, tmp_path / ".ssg-cache/preview", dt.date(2026, 11, 20), port=0,
                      quiet=True)  # fmt: skip
    assert running.rebuild().written
    source = tmp_path / NEWS  # (saved before the watches exist)
    source.write_text(source.read_text(encoding="utf-8").replace("常务会议", "全体会议"),
                      encoding="utf-8")  # fmt: skip
    loop = running.serve_forever()
    next(loop)
    try:
        wait_for(lambda: builds(running) > 1 and not running.state.building)
        assert "全体会议" in get(running, "/dt/huiyi.html")[1]
        assert file_digests(running.out) == file_digests(cold_output(running))
    finally:
        loop.close()


def test_a_port_in_use_is_said_in_the_usage_errors_form(tmp_path: Path) -> None:
    """A preview left running in another window holds the port: said as a usage error in
    Chinese, with another --port to give, not “[Errno 98] Address already in use”."""
    import socket
    import subprocess
    import sys

    make_site(tmp_path, {})
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "ssg", "serve", "--source", str(tmp_path), "--port", str(port),
             "--date", "2026-11-20"],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert done.returncode == 2, done.stderr  # (EXIT_USAGE, as for any usage error)
    [line] = done.stderr.strip().splitlines()
    assert line == (
        f"ssg serve: 参数错误 (usage error): --port：端口 {port} 已被占用（127.0.0.1:{port}），"
        "可能是另一个预览（ssg serve）或别的程序正在使用；请换一个端口，如 "
        f"--port {port + 1}，或用 --port 0 由系统选择空闲端口 (port {port} is already in use, "
        "perhaps by another preview: choose another with --port)"
    )
