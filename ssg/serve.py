"""`ssg serve`: build into a folder of its own, serve it on loopback, rebuild on save, reload tabs.

The reload snippet and the diagnostics overlay exist only in what this server sends; the built
files on disk are exactly what `ssg build` writes. A save that breaks a file keeps the last
good pages served and shows the same lines the CLI prints, over the page.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import datetime as dt
import json
import mimetypes
import os
import queue
import re
import signal
import socket
import sys
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2

from ssg import slug_cache
from ssg.build import BuildOptions, BuildResult, build, release_memory
from ssg.cache import ParseCache
from ssg.diagnostics import Severity
from ssg.hot import HotUpdate, hot_update, input_errors
from ssg.link import href, request_path
from ssg.preview_seed import Seeded, seed_from_build
from ssg.sites import build_outputs, notices_for, other_site_roots, shared_roots
from ssg.unchanged import folders_stamp, kept_output, replay
from ssg.write import MARKER, OutputError, check_output_dir

PREFIX = "/__ssg/"
# The terminal's line for a blocked build, by what stays served (PreviewState.showing).
BLOCKED_LINE = {
    "preview": "构建被阻止，继续显示上一次成功的页面 (blocked; serving the last good pages)",
    "build": "构建被阻止，显示的是 public/ 中上一次 ssg build 生成的页面 "
    "(blocked; serving the pages of the last `ssg build`, in public/)",
    "none": "构建被阻止，还没有成功生成过页面 (blocked; no page has been built yet)",
}
WATCHED = ("content", "data", "static", "themes")
DEBOUNCE_SECONDS = 0.05
# A file written in place (opened with truncation, then written) changes twice: an editor, or
# `Path.write_text`, held up by a busy machine between the two for more than the debounce
# had the preview read it empty or half written (an overlay of errors that were never in the
# file, and a build of them). Where the watcher sees files closed (inotify), a burst waits for
# every file written in it to be closed; this long at most (a program that keeps one open).
WRITE_WAIT_SECONDS = 2.0
# A file's modification time comes from the kernel's coarse clock, up to a tick (4 ms at
# 250 Hz, 10 at 100 Hz) behind the time a build reads when it starts: a save just after the
# start may carry a time just before it. (Builds start 50 ms after a save: DEBOUNCE_SECONDS.)
CLOCK_TICK_NS = 20_000_000
CLOSE = ("", "")  # an event stream's last event: the preview stops

RELOAD_JS = """(function () {
  "use strict";
  var overlay = null;
  function show(lines) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "ssg-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,20,.94);color:#fff;font:15px/1.6 monospace;padding:24px;" +
        "white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = SHOWING[showing] + "\\n\\n" + lines.join("\\n");
  }
  // What the preview serves while the build is blocked (PreviewState.showing).
  var SHOWING = {
    preview: "ssg 预览：构建被阻止，显示的是上一次成功的页面 (build blocked; showing the last good pages)",
    build: "ssg 预览：构建被阻止，显示的是 public/ 中上一次 ssg build 生成的页面，预览还没有成功生成过 " +
      "(build blocked; showing the pages of the last `ssg build`, in public/: the preview has built none yet)",
    none: "ssg 预览：构建被阻止，还没有成功生成过任何页面 (build blocked; no page has been built yet)"
  };
  var showing = "preview";
  function clear() { if (overlay) { overlay.remove(); overlay = null; } }
  var generation = null, run = null;  // of the pages this tab shows
  function apply(state) {
    // A reload sent before the event stream opened was missed, or the preview was restarted
    // (its generations count from the start again): the state says so.
    var newer = state.run !== run || state.generation > generation;
    if (generation !== null && newer && !state.blocked) {
      location.reload();
      return;
    }
    if (generation === null) { generation = state.generation; run = state.run; }
    showing = SHOWING[state.showing] ? state.showing : "preview";
    if (state.blocked) { show(state.lines); } else { clear(); }
  }
  // The event stream's first event is the state when it opened, and every change follows:
  // once it has spoken, the fetched state may be older (an overlay put up in between) and
  // must not take that overlay down, whichever of the two answers first.
  var streamed = false;
  fetch("/__ssg/status").then(function (r) { return r.json(); }).then(function (state) {
    if (!streamed) { apply(state); }
  }, function () {});
  var source = new EventSource("/__ssg/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("status", function (event) {
    streamed = true;
    apply(JSON.parse(event.data));
  });
}());
"""


@dataclass
class PreviewState:
    """What the server knows about the last build, shared by the HTTP threads."""

    out: Path
    # This run of the preview: a tab open since an earlier run reloads when it reconnects.
    run: str = field(default_factory=lambda: f"{time.time_ns():x}")
    generation: int = 0
    blocked: bool = False
    building: bool = False  # a full build runs or is asked for: not every page is current yet
    builds: int = 0  # full builds finished (a client waits for the one after its save)
    lines: list[str] = field(default_factory=list)
    # What the output folder holds until a build of this preview goes through, for the
    # overlay to say which pages a blocked build leaves served: "preview" (pages this preview
    # built, in this run or an earlier one), "build" (the last `ssg build`'s, seeded from
    # public/), "none" (no output yet).
    showing: str = "preview"
    # Aliases with a query string ("path?args" → target href), as the generated nginx.conf
    # answers them: no page is written for them (ssg/link.py QueryAlias).
    query_redirects: Mapping[str, str] = field(default_factory=dict)
    listeners: list[queue.Queue[tuple[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def status(self) -> str:
        return json.dumps(
            {
                "run": self.run,
                "generation": self.generation,
                "blocked": self.blocked,
                "building": self.building,
                "builds": self.builds,
                "lines": self.lines,
                "showing": self.showing,
            },
            ensure_ascii=False,
        )

    def publish(self, result: BuildResult, shown_already: bool = False) -> None:
        """Record a build and tell every open tab: reload when it was written, else show why.
        `shown_already`: every change it built was applied hot and the tabs have reloaded; they
        hear of it only if the overlay changes. A build blocked for the same reasons as the
        last one tells them nothing new."""
        shown = [
            str(d)
            for d in result.diagnostics.sorted()
            if d.severity in (Severity.ERROR, Severity.VETO)
        ]
        with self.lock:
            unchanged = self.blocked == (not result.written) and self.lines == shown
            self.blocked = not result.written
            self.lines = shown
            if result.written:
                self.showing = "preview"
            if result.written and not shown_already:
                self.generation += 1
                event = ("reload", str(self.generation))
            elif unchanged:
                return  # the tabs show what is true already (the same overlay, or none)
            else:
                event = ("status", "")
            listeners = list(self.listeners)
        payload = self.status() if event[0] == "status" else event[1]
        for listener in listeners:
            listener.put((event[0], payload))

    def show_errors(self, lines: list[str]) -> None:
        """Saved files have errors (found before the full build): the overlay, at once."""
        with self.lock:
            self.blocked = True
            self.lines = lines
            listeners = list(self.listeners)
        payload = self.status()
        for listener in listeners:
            listener.put(("status", payload))

    def reload(self) -> None:
        """Pages were rewritten in place (a hot update): every open tab reloads."""
        with self.lock:
            self.generation += 1
            listeners = list(self.listeners)
        for listener in listeners:
            listener.put(("reload", str(self.generation)))

    def subscribe(self) -> queue.Queue[tuple[str, str]]:
        """A tab's events, the first of them the state as it is now: a tab reads the state when
        its page loads and subscribes a moment later, and an overlay put up in between (a
        save found broken) would otherwise never reach it, since the build that confirms it
        tells the tabs nothing new."""
        listener: queue.Queue[tuple[str, str]] = queue.Queue()
        with self.lock:
            self.listeners.append(listener)
            listener.put(("status", self.status()))
        return listener

    def close(self) -> None:
        """The preview stops: end every event stream (the tabs reconnect to the next run)."""
        with self.lock:
            listeners = list(self.listeners)
        for listener in listeners:
            listener.put(CLOSE)

    def unsubscribe(self, listener: queue.Queue[tuple[str, str]]) -> None:
        with self.lock:
            if listener in self.listeners:
                self.listeners.remove(listener)


@contextlib.contextmanager
def stopped_by(*signals: signal.Signals) -> Iterator[None]:
    """Within it, each of `signals` stops the preview as Ctrl+C does (KeyboardInterrupt in the
    main thread, where the preview saves what it keeps); their handlers are put back after.

    SIGINT too: a shell's background job without job control (`ssg serve &` in a script or a
    Makefile) starts with SIGINT ignored, and Python then installs no handler of its own, so
    `kill -INT` or Ctrl+C in that script's terminal never stopped the preview."""
    previous = {number: signal.signal(number, signal.default_int_handler) for number in signals}
    try:
        yield
    finally:
        for number, handler in previous.items():
            # (None: a handler not installed from Python, which cannot be put back as such)
            signal.signal(number, signal.SIG_DFL if handler is None else handler)


# glibc's mallopt() parameters (malloc.h)
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD, _M_ARENA_MAX = -1, -3, -8
_LARGE = 128 * 1024  # glibc's default threshold, before it adapts


def lean_allocator() -> None:
    """The preview builds again and again in one long-lived process, beside threads of its
    own: with glibc's defaults each build's peak stood a little higher than the last (1k
    items, three saves: 86 → 92 → 97 MiB after each). Large blocks (the search stage's
    arrays, bytes and pickles) are mapped and unmapped at a fixed size, not kept in the heap
    once the threshold has grown past them; the heap's top is given back from 128 KiB; and
    one arena serves every thread (the HTTP threads' own arenas each kept what they had
    held). Called before any thread starts. Elsewhere than glibc: nothing."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_ARENA_MAX, 1)
        libc.mallopt(_M_MMAP_THRESHOLD, _LARGE)
        libc.mallopt(_M_TRIM_THRESHOLD, _LARGE)


def resolve_path(out: Path, url_path: str) -> Path | None:
    """The file for a URL path, or None: never anything outside the output folder."""
    path = unquote(urlsplit(url_path).path)
    if "\x00" in path:
        return None
    root = out.resolve()
    candidate = (root / path.lstrip("/")).resolve()
    if candidate != root and not candidate.is_relative_to(root):
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def is_folder_url(url_path: str, target: Path) -> bool:
    """`url_path` names a folder (its index.html is `target`) without the trailing slash."""
    path = unquote(urlsplit(url_path).path)
    return (
        target.name == "index.html"
        and not path.endswith("/")
        and PurePosixPath(path).name != "index.html"
    )


UNSATISFIABLE = (-1, -1)


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The first and last byte a `Range` header asks for, UNSATISFIABLE, or None for the whole
    file (no header, one the preview does not read, or several ranges: a 200 is allowed)."""
    match = _RANGE.fullmatch(header or "")
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first, last = match.groups()
    if not first:  # the last N bytes
        count = int(last)
        return (max(size - count, 0), size - 1) if count and size else UNSATISFIABLE
    start = int(first)
    if last and int(last) < start:
        return None  # (invalid: ignored)
    end = min(int(last), size - 1) if last else size - 1
    return (start, end) if start < size else UNSATISFIABLE


_RANGE = re.compile(r"bytes=\s*([0-9]*)\s*-\s*([0-9]*)\s*")


def same_folder(before: os.stat_result, out: Path) -> bool:
    """The output folder is still the one `before` describes: no build swapped it since."""
    try:
        now = os.stat(out)
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == (before.st_dev, before.st_ino)


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A tab closed or reloaded mid-answer is no error of the preview's: say nothing (the
        standard library prints a traceback in the editor's terminal)."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class PreviewServer6(PreviewServer):
    """For an IPv6 address (`--bind ::1`, `--bind ::`)."""

    address_family = socket.AF_INET6

    def server_bind(self) -> None:
        # `::` takes IPv4 too, as `python -m http.server --bind ::` does.
        with contextlib.suppress(OSError, AttributeError):
            self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()


def make_handler(state: PreviewState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "ssg-preview"
        head = False  # a HEAD request: the headers a GET would have, no body

        def log_message(self, format: str, *args: object) -> None:
            return  # quiet: the editor watches the terminal for diagnostics, not requests

        def do_HEAD(self) -> None:
            self.head = True
            self.do_GET()

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            path = parts.path
            moved = state.query_redirects.get(f"{request_path(path)}?{parts.query}")
            if parts.query and moved:
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", moved)
                self.send_header("Content-Length", "0")
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
            elif path == f"{PREFIX}reload.js":
                self._send(HTTPStatus.OK, RELOAD_JS.encode(), "application/javascript")
            elif path == f"{PREFIX}status":
                self._send(HTTPStatus.OK, state.status().encode(), "application/json")
            elif path == f"{PREFIX}events":
                self._events()
            else:
                self._file(path)

        def _file(self, path: str) -> None:
            # A build swaps the output folder between finding a file and reading it, now and
            # then: the new folder is in place a moment later.
            for _attempt in range(20):
                with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                    self._read_and_send(path)
                    return
                time.sleep(0.005)
            self._send(HTTPStatus.NOT_FOUND, _inject(b"404"), "text/html; charset=utf-8")

        def _read_and_send(self, path: str) -> None:
            folder = os.stat(state.out)  # (missing mid-swap: FileNotFoundError, tried again)
            target = resolve_path(state.out, path)
            if target is None and not same_folder(folder, state.out):
                # Swapped while it looked: the page may well be in the new folder.
                raise FileNotFoundError(state.out)
            if target is None:
                missing = resolve_path(state.out, "/404.html")
                body = missing.read_bytes() if missing else b"404"
                self._send(HTTPStatus.NOT_FOUND, _inject(body), "text/html; charset=utf-8")
                return
            if is_folder_url(path, target):
                # As static hosts do: else the page's relative links resolve from its parent.
                parts = urlsplit(self.path)
                location = "/" + parts.path.lstrip("/") + "/"  # (never "//host/")
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", location + (f"?{parts.query}" if parts.query else ""))
                self.send_header("Content-Length", "0")
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                return
            body = target.read_bytes()
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if kind == "text/html":
                body = _inject(body)
                kind = "text/html; charset=utf-8"
            elif kind.startswith("text/") or kind in ("application/javascript", "application/json"):
                kind += "; charset=utf-8"
            # Audio and video players ask for parts of a file (and seek with them).
            wanted = None if self.headers.get("If-Range") else self.headers.get("Range")
            part = byte_range(wanted, len(body))
            if part == UNSATISFIABLE:
                self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                self.send_header("Content-Range", f"bytes */{len(body)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif part is not None:
                start, end = part
                self._send(HTTPStatus.PARTIAL_CONTENT, body[start : end + 1], kind,
                           {"Content-Range": f"bytes {start}-{end}/{len(body)}"})  # fmt: skip
            else:
                self._send(HTTPStatus.OK, body, kind, {"Accept-Ranges": "bytes"})

        def _send(
            self, status: HTTPStatus, body: bytes, kind: str, extra: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if not self.head:
                self.wfile.write(body)

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.head:
                return
            listener = state.subscribe()
            try:
                self.wfile.write(b": connected\n\n")
                self.wfile.flush()
                while True:
                    try:
                        name, data = listener.get(timeout=15)
                    except queue.Empty:
                        self.wfile.write(b": keep-alive\n\n")
                    else:
                        if (name, data) == CLOSE:
                            return
                        self.wfile.write(f"event: {name}\ndata: {data}\n\n".encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                state.unsubscribe(listener)

    return Handler


def _inject(body: bytes) -> bytes:
    """Add the reload script to a page, only in what the preview server sends."""
    snippet = f'<script src="{PREFIX}reload.js"></script>'.encode()
    index = body.rfind(b"</body>")
    return body[:index] + snippet + body[index:] if index != -1 else body + snippet


def _ignored(path: str) -> bool:
    """Editors' swap and backup files: no change of the site's."""
    return Path(path).name.startswith(".") or path.endswith("~")


class Watcher:
    """Watches the site's sources and calls `on_change` once per burst of saves.

    Each source folder has a recursive watch; the site folder has one of its own, not
    recursive, to see a source folder appear or vanish: watchdog drops a watch whose folder
    is deleted (and one scheduled again for the same path stays dropped), and a folder that
    did not exist at start has no watch at all. A folder that appears (created, restored,
    renamed back) is watched from then on, and its arrival is a change: the build reads it.
    """

    def __init__(
        self,
        root: Path,
        on_change: Callable[[set[str]], None],
        names: tuple[str, ...] = WATCHED,
    ) -> None:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.api import ObservedWatch

        self.root = root
        self.changed: set[str] = set()
        # Paths that appeared in this burst: one that is gone again before it ends (the file an
        # editor or `sed -i` writes and renames onto the one saved) changed nothing.
        self.appeared: set[str] = set()
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None
        self.on_change = on_change
        self.watches: dict[str, ObservedWatch] = {}  # source folder name → its watch
        self.names = names  # the source folders of `root` it watches
        # Files being written: modified or created, not closed yet (path → when first seen).
        self.writing: dict[str, float] = {}
        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.event_type in ("opened", "closed_no_write"):
                    return
                if event.is_directory and event.event_type == "modified":
                    return  # (a folder's entries changed: each has an event of its own)
                if not event.is_directory:
                    watcher.track(event.event_type, os.fsdecode(event.src_path))
                for path in (event.src_path, getattr(event, "dest_path", "")):
                    if path:
                        watcher.note(os.fsdecode(path))
                if event.event_type in ("deleted", "moved"):
                    watcher.gone(os.fsdecode(event.src_path))

        class RootHandler(FileSystemEventHandler):
            """The site folder's own entries (called in the observer's one thread)."""

            def on_any_event(self, event: FileSystemEvent) -> None:
                gone = event.src_path if event.event_type in ("deleted", "moved") else ""
                came = {"created": event.src_path, "moved": getattr(event, "dest_path", "")}
                for path in (gone, came.get(event.event_type, "")):
                    name = os.path.basename(os.fsdecode(path)) if path else ""
                    if name not in watcher.names:
                        continue  # (not a source folder: the preview's own output, say)
                    watcher.rewatch(name)
                    # Noted once the new watch exists: the build this asks for reads every
                    # file saved before it, and the watch sees every file saved after.
                    watcher.note(os.fsdecode(path))

        # A folder created while its new watch walks it is watched twice over; watchdog keeps
        # one and says so in a RuntimeWarning, which would land in the editor's terminal.
        warnings.filterwarnings(
            "ignore", r"Callback with id .* already exists", RuntimeWarning, r"watchdog\."
        )
        self.handler = Handler()
        self.observer = Observer()
        # (only inotify reports a file closed after writing: elsewhere nothing is waited for)
        self.sees_closes = type(self.observer).__name__ == "InotifyObserver"
        self.observer.schedule(RootHandler(), str(root), recursive=False)
        for name in names:
            self.rewatch(name)

    def rewatch(self, name: str) -> None:
        """Drop the watch of source folder `name`, and watch it anew if it is there now."""
        old = self.watches.pop(name, None)
        if old is not None:
            with contextlib.suppress(KeyError):  # (already unscheduled)
                self.observer.unschedule(old)
        folder = self.root / name
        if folder.is_dir():
            self.watches[name] = self.observer.schedule(self.handler, str(folder), recursive=True)

    def note(self, path: str) -> None:
        if _ignored(path):
            return
        with self.lock:
            self.changed.add(path)
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.fire)
            self.timer.daemon = True
            self.timer.start()

    def gone(self, path: str) -> None:
        """`path` was deleted or renamed away: if it appeared in this burst, it was never a
        change of the site's, and the burst does not count it."""
        with self.lock:
            if path in self.appeared:
                self.appeared.discard(path)
                self.changed.discard(path)

    def busy(self) -> bool:
        """Changes seen and not passed on yet (the burst's timer runs, or a file is written)."""
        with self.lock:
            return bool(self.changed or self.writing)

    def track(self, kind: str, path: str) -> None:
        """Keep count of the files being written: from their first change to their close."""
        if _ignored(path):
            return  # (an editor's swap file is open for as long as the file is edited)
        with self.lock:
            if kind in ("modified", "created"):
                self.writing.setdefault(path, time.monotonic())
                if kind == "created":
                    self.appeared.add(path)
            elif kind in ("closed", "deleted", "moved"):
                self.writing.pop(path, None)

    def fire(self) -> None:
        with self.lock:
            now = time.monotonic()
            if self.sees_closes and any(
                now - since < WRITE_WAIT_SECONDS for since in self.writing.values()
            ):
                # A file is still being written: its close comes as an event and sets the
                # timer again; this one is only in case it never does.
                self.timer = threading.Timer(DEBOUNCE_SECONDS, self.fire)
                self.timer.daemon = True
                self.timer.start()
                return
            self.writing.clear()  # (the ones past waiting for: read as they are)
            changed, self.changed = self.changed, set()
            self.appeared.clear()
        if changed:
            self.on_change(changed)

    def start(self) -> None:
        self.observer.start()

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=5)


@dataclass
class Preview:
    """A running preview: the build loop, the watcher and the HTTP server.

    A save is first tried as a hot update (ssg/hot.py: the pages that show the edited item,
    rewritten in milliseconds, and the tabs reload); then the full incremental build runs in a
    thread of its own and brings the rest up to date. A build that finishes after a hot update
    wrote newer pages does not swap its (older) output in: the hot update asked for another.
    """

    source: Path
    out: Path
    build_date: dt.date
    host: str = "127.0.0.1"
    port: int = 8000
    quiet: bool = False
    hot: bool = True  # False: every save is a full build (tests compare both)
    state: PreviewState = field(init=False)
    server: PreviewServer = field(init=False)
    build_lock: threading.Lock = field(default_factory=threading.Lock)
    # Held while pages are written into the output: by hot updates and by a build's swap.
    out_lock: threading.Lock = field(default_factory=threading.Lock)
    live: BuildResult | None = field(init=False, default=None)  # site + renderer of the output
    hot_generation: int = field(init=False, default=0)  # hot updates so far
    swapping: bool = field(init=False, default=False)
    pending: set[str] = field(init=False, default_factory=set)
    pending_hot: bool = field(init=False, default=True)  # every pending change was applied hot
    # Bursts of changes not applied hot, asked of the full build; and how many of them the
    # builds that finished had read. While they differ the site in memory is not the one on
    # disk, and a hot page made in it may show what the build will not publish.
    cold_asked: int = field(init=False, default=0)
    cold_built: int = field(init=False, default=0)
    requested: threading.Event = field(init=False, default_factory=threading.Event)
    stopping: bool = field(init=False, default=False)
    # (kind, seconds) of the latest builds and hot updates, for tests and the benchmark
    log: deque[tuple[str, float]] = field(init=False, default_factory=lambda: deque(maxlen=1000))
    hot_paths: set[str] = field(init=False, default_factory=set)  # rewritten since the last swap
    errors_shown: int = field(init=False, default=0)  # overlays put up before a build
    # Parsed content kept from build to build (saved to .ssg-cache/ when the preview stops).
    parse_cache: ParseCache = field(init=False)
    parse_saved: bool = field(init=False, default=False)
    # The first start after `ssg build`: its output and records, taken (ssg/preview_seed.py).
    seeded: Seeded | None = field(init=False, default=None)
    # A restart with nothing changed: the first build was the last one's record, replayed.
    replayed_first: bool = field(init=False, default=False)
    # A restart after changes: the last run's output, untouched, served while the first build
    # (in the background) makes the changes; the tabs reload when it is done.
    kept_first: bool = field(init=False, default=False)
    # After such a start the site for hot updates is still being loaded (the build after it):
    # saves meanwhile wait in `deferred`, then go hot if they can, instead of asking for a
    # second full build behind it (10k items: 7 s more before the edit shows).
    loading: bool = field(init=False, default=False)
    deferred: set[str] = field(init=False, default_factory=set)
    # The last build was blocked but not reported, newer saves waiting (see `rebuild`).
    held_block: bool = field(init=False, default=False)
    asked: int = field(init=False, default=0)  # builds asked for (by saves, or a restart)
    # The watched folders' fingerprint as the first build began, before any watcher ran: a
    # save while it built has no event to tell of it (`serve_forever`).
    first_inputs: str = field(init=False, default="")
    watchers: list[Watcher] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        lean_allocator()
        self.parse_cache = ParseCache(self.source)
        self.state = PreviewState(self.out)
        server = PreviewServer6 if ":" in self.host else PreviewServer
        self.server = server((self.host, self.port), make_handler(self.state))

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://[{host!s}]:{port}/" if ":" in str(host) else f"http://{host!s}:{port}/"

    def rebuild(self, changed: set[str] | None = None, shown_already: bool = False) -> BuildResult:
        """A full (incremental) build into the preview folder; False in `written` when it was
        blocked or abandoned for a newer hot update."""
        with self.build_lock:
            start = time.perf_counter()
            started_ns = time.time_ns()
            # The first build's diagnostics are printed by its caller (`ssg serve`, even with
            # --quiet), before the preview's address.
            first = not self.log
            if first:
                self.first_inputs = folders_stamp(self.source, WATCHED)[0]
                # No output of its own yet: begin from the last `ssg build`'s, if any.
                # (a site of a repository: where the repository's `ssg build` put it)
                for built in build_outputs(self.source):
                    self.seeded = seed_from_build(self.source, self.out, built)
                    if self.seeded is not None:
                        break
                self.state.showing = (
                    "build"
                    if self.seeded is not None
                    else "preview"
                    if (self.out / MARKER).is_file()
                    else "none"
                )
            with self.out_lock:
                seen = self.hot_generation
                stale = frozenset(self.hot_paths)
                errors_seen = self.errors_shown
                asked = self.asked
            abandoned = False

            @contextlib.contextmanager
            def swap_guard() -> Iterator[bool]:
                nonlocal abandoned
                with self.out_lock:
                    abandoned = self.hot_generation != seen
                    self.swapping = not abandoned
                    yield not abandoned

            # Every core for the first build, before the server's threads start; then one
            # process: forking beside the HTTP threads is not safe. The first build's search
            # index runs alone, before the pages are rendered: beside the render workers, the
            # processes of a 10k-item site held 750 MiB at once, more than Hugo's whole build
            # (bench/RESULTS.md). Later builds run in this process, one stage after another.
            options = BuildOptions(
                source=self.source,
                out=self.out,
                build_date=self.build_date,
                jobs=0 if threading.active_count() == 1 else 1,
                search_alone=True,
                # Hot updates need the linked site in memory, which a replay does not give. A
                # restart with nothing changed since the preview's last build replays it all
                # the same (its output is that build's, untouched) and serves at once; the full
                # build that loads the site follows in the background (`_after_replay`). The
                # first build tries that itself (`_start_from_kept`), before this.
                replay=False,
                swap_guard=swap_guard,
                stale=stale,
                parse_cache=self.parse_cache,
                # 集约化: what the other sites of its repository announce for it, read anew
                # by each build (their lifecycle files are not watched: the next save shows them)
                portal_notices=notices_for(self.source),
            )
            try:
                kept = self._start_from_kept(options) if first else None
                result = kept if kept is not None else build(options)
            finally:
                with self.out_lock:
                    self.swapping = False
            if abandoned:
                self._request(changed or set(), shown_already)
                return result
            if kept is not None and not kept.replayed:
                self._after_kept()
            elif result.replayed:
                self._after_replay()
            elif not self.parse_saved:  # the first build's parse, at once; later ones' at the end
                self.parse_cache.save()
                self.parse_saved = True
            if result.written and result.renderer is not None and options.jobs != 1:
                # Worker processes rendered the item pages: compile their templates here too,
                # or the first hot update pays for it.
                # One that does not compile is used by no page (the build went through):
                # it fails where a page comes to use it, as in the build.
                env = result.renderer.env
                for name in env.list_templates(extensions=["html"]):
                    with contextlib.suppress(jinja2.TemplateError):
                        env.get_template(name)
            with self.out_lock:
                if result.written:
                    self.live = result
                    self.hot_paths.clear()  # (a later hot update would have abandoned it)
                if result.written and result.site is not None:  # (not a replay: kept as is)
                    aliases = result.site.query_aliases
                    self.state.query_redirects = {k: href(q.target) for k, q in aliases.items()}
            # A save found broken while this build ran (its overlay is up) is newer than what
            # this build read: the build queued for it has the last word.
            # So has the build for a save made while this one ran, when this one was blocked:
            # it may have read a file half written (truncated, not yet written: "missing front
            # matter"), and its overlay would show errors the file never had. Until that build
            # reports, no hot update goes out over a site that may not build.
            held = not result.written and (
                self._newer_saves(asked) or self._saved_while_read(result, started_ns)
            )
            with self.out_lock:
                self.held_block = held
            if not held and not (result.written and self.errors_shown != errors_seen):
                self.state.publish(result, shown_already)
            seconds = time.perf_counter() - start
            self.log.append(("build", seconds))
            if not self.quiet and not (first and not result.written):
                self._report(result, seconds, changed, first and self.kept_first)
            # What the build freed, back to the system before the next one: else each build's
            # peak stacks on the last's (10k items: 520 → 580 → 730 MB over three saves).
            release_memory()
            return result

    def _newer_saves(self, asked: int) -> bool:
        """Files were saved since a build began (when `asked` builds had been asked for): a
        build is asked for since, or a watcher has seen changes it has not passed on yet (a
        file being written, say)."""
        with self.out_lock:
            if self.asked != asked:
                return True
        return any(w.busy() for w in self.watchers)

    def _saved_while_read(self, result: BuildResult, started_ns: int) -> bool:
        """A file the blocked build reports on was saved after the build began: it may have
        read the file half written (truncated, not yet written), while the watcher's thread,
        on a loaded machine later than the whole build, had not seen the save yet. The save
        is in the watcher's queue all the same (its watch was there before the build began),
        and the build it asks for has the last word. Not for the first build: no watcher runs
        yet to see the save."""
        if not self.watchers:
            return False
        since = started_ns - CLOCK_TICK_NS
        for file in {diagnostic.file for diagnostic in result.diagnostics}:
            with contextlib.suppress(OSError, ValueError):
                if file and (self.source / file).stat().st_mtime_ns >= since:
                    return True
        return False

    def _start_from_kept(self, options: BuildOptions) -> BuildResult | None:
        """The first build of a restart, when the last run's output can be served as it is:
        replayed when nothing changed (ssg/unchanged.py); when something did but that output
        is whole and untouched, a stand-in for the build, which the build loop then runs in
        the background (`_after_kept`). None: the first build runs now, as ever."""
        if self.seeded is not None:
            return None  # (public/'s output: the build has only what changed to redo)
        check_output_dir(options.out, options.source)  # (as build() does before it replays)
        replayed = replay(dataclasses.replace(options, replay=True))
        if replayed is not None:
            return replayed
        start = time.perf_counter()
        record = kept_output(options)
        if record is None:
            return None
        return record.result("kept", time.perf_counter() - start)

    def _after_kept(self) -> None:
        """The last run's output is served; the changes since are built in the background
        with the site for hot updates, and the tabs reload when that build goes through (or
        show why it was blocked, over the last run's pages)."""
        self.kept_first = True
        self.loading = True
        slug_cache.load(self.source)  # (as after a replay: no pypinyin in this process)
        self._request(set(), False)

    def _after_replay(self) -> None:
        """The first build was replayed: its output is current, but hot updates need the
        linked site. The build loop makes it, with a full build that finds nothing to redo and
        tells the tabs nothing (they show its bytes already); saves meanwhile wait for it. The
        parse cache, unread, is not saved until a build has read it (it would be emptied)."""
        self.replayed_first = True
        self.loading = True
        # That build runs beside the server's threads, where no slugs' process is forked:
        # the slugs the last build worked out keep pypinyin out of this process (the build
        # learns them too, as every build does: here they are known as soon as it is asked).
        slug_cache.load(self.source)
        self._request(set(), True)

    def _report(
        self, result: BuildResult, seconds: float, changed: set[str] | None, kept: bool = False
    ) -> None:
        what = f"{len(changed)} 个文件变化，" if changed else ""
        if kept:
            print("先提供上次预览的页面，正在后台生成此后的改动，完成后页面自动刷新 "
                  "(serving the last preview's pages while the changes since are built)",
                  file=sys.stderr)  # fmt: skip
        elif result.written:
            print(f"{what}已重新生成（{seconds * 1000:.0f} ms） (rebuilt)", file=sys.stderr)
        else:
            for line in self.state.lines:
                print(line, file=sys.stderr)
            print(what + BLOCKED_LINE[self.state.showing], file=sys.stderr)

    def try_hot(self, changed: set[str]) -> HotUpdate | None:
        """Rewrite the pages that show the saved items, when the saves are hot (ssg/hot.py)."""
        if not self.hot:
            return None
        start = time.perf_counter()
        with self.out_lock:
            live = self.live
            if (
                live is None
                or live.site is None
                or live.renderer is None
                or self.swapping
                or self.state.blocked
                or self.held_block
            ):
                return None
            try:
                # A change that was not hot waits for the build (a deleted policy, a new
                # date, a broken data file…): this save waits with it.
                settled = self.cold_built == self.cold_asked
                update = (
                    hot_update(live.site, live.renderer, self.out, changed) if settled else None
                )
            except (jinja2.TemplateError, OSError):
                return None  # the full build reports it, in the CLI's words
            if update is None:
                errors = input_errors(live.site, self.source, changed)
                if errors:
                    self.errors_shown += 1
                    self.state.show_errors([str(d) for d in errors])
                    self.log.append(("errors", time.perf_counter() - start))
                return None
            live.site = update.site
            self.hot_generation += 1
            self.hot_paths.update(update.written)
        self.state.reload()
        seconds = time.perf_counter() - start
        self.log.append(("hot", seconds))
        if not self.quiet:
            print(f"{'、'.join(update.items)} 已更新 {len(update.written)} 个页面"
                  f"（{seconds * 1000:.0f} ms） (hot update)", file=sys.stderr)  # fmt: skip
        return update

    def on_change(self, changed: set[str]) -> None:
        """The watcher's call, once per burst of saves."""
        # Busy before a hot update's reload goes out: a tab (or bench/compare.py) that reads
        # the status on that reload must not find the preview idle before its build is asked.
        with self.out_lock:
            self.state.building = True
            if self.loading:
                # The site is being loaded (the build after a restart): once it is, this
                # save goes hot if it can (`_build_loop`), far sooner than a build behind it.
                self.deferred |= changed
                return
        update = self.try_hot(changed)
        self._request(changed, update is not None)

    def on_other_site(self, changed: set[str]) -> None:
        """A save in another site of the repository: this site's next build reads it."""
        self._request(changed, False)

    def _request(self, changed: set[str], shown: bool) -> None:
        with self.out_lock:
            self.asked += 1
            self.pending |= changed
            self.pending_hot = self.pending_hot and shown
            if not shown:
                self.cold_asked += 1
            self.state.building = True
        self.requested.set()

    def _build_loop(self) -> None:
        while True:
            self.requested.wait()
            if self.stopping:
                return
            self.requested.clear()
            with self.out_lock:
                changed, self.pending = self.pending, set()
                shown, self.pending_hot = self.pending_hot, True
                cold = self.cold_asked
            try:
                self.rebuild(changed, shown)
            except Exception as exc:  # (the thread died with it: no later save was built)
                self._build_failed(exc)
            with self.out_lock:
                # Read by this build, written or blocked (a blocked build stops hot updates
                # by itself); one that gave way asked again, and counted again.
                self.cold_built = cold
                self.state.builds += 1
                # The site is loaded (or the build that would have loaded it was blocked):
                # the saves that waited for it are tried hot now, else asked of a build.
                self.loading = False
                deferred, self.deferred = self.deferred, set()
            if deferred:
                self.on_change(deferred)
            with self.out_lock:
                if not self.requested.is_set():
                    self.state.building = False

    def _build_failed(self, exc: Exception) -> None:
        """A build that raised: said in the overlay and the terminal, the pages of the last
        good build still served, and the next save builds again."""
        if isinstance(exc, OutputError):  # (the output folder cannot be written: its words)
            line = f"{exc} (the preview could not be rebuilt)"
        else:
            line = (
                "ssg 内部错误，这是 ssg 的缺陷而不是您的输入问题，请报告；仍提供上次生成的页面，"
                "保存文件后会再次生成 (internal error, a bug in ssg: the last good pages are "
                f"still served): {type(exc).__name__}: {exc}"
            )
        print(line, file=sys.stderr)
        self.state.show_errors([line])

    def serve_forever(self) -> Generator[None, None, None]:
        """Run until interrupted; yields once when serving (for tests and the CLI)."""
        builder = threading.Thread(target=self._build_loop, daemon=True)
        builder.start()
        watchers = [Watcher(self.source, self.on_change)]
        # 集约化: the themes the site's repository shares are the site's theme too.
        watchers += [
            Watcher(repo, self.on_change, ("themes",)) for repo in shared_roots(self.source)
        ]
        # and what the other sites announce here (notices) or publish for this site's pages
        # (policies and interpretations, pages linked in full): a full build, never a hot one
        watchers += [
            Watcher(other, self.on_other_site, ("content", "data", "static"))
            for other in other_site_roots(self.source)
        ]
        self.watchers = watchers
        for watcher in watchers:
            watcher.start()  # (its watches are in place when this returns)
        # A file saved while the first build ran, before the watches were: that build may have
        # read it before the save, and no event will come. The preview served the old page
        # until the next save. A build now reads it (and finds nothing to redo otherwise).
        if self.first_inputs and folders_stamp(self.source, WATCHED)[0] != self.first_inputs:
            self._request(set(), False)
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        try:
            yield
        finally:
            for watcher in watchers:
                watcher.stop()
            self.stopping = True
            self.requested.set()
            self.state.close()
            self.server.shutdown()
            self.server.server_close()
            builder.join(timeout=60)
            # (not while a build still uses it, nor before one has read it: see _after_replay)
            if not builder.is_alive() and self.parse_saved:
                self.parse_cache.save()
