"""A real HTTP server on 127.0.0.1, started per test, with the endpoints a monitor meets.

/ok 200; /slow?s=N answers after N seconds; /trickle sends its body a byte at a time;
/fail 500; /busy 429; /gone 404; /redirect 302 → /ok; /see-other 303 → /ok; /loop redirects to itself;
/nohead refuses HEAD (405) but answers GET; /drop closes the connection without a word;
/drop-head drops HEAD but answers GET; any other path is a file of `server.root` (when set).
Every request is recorded with its method, path, Host and the time, and the most requests
that were ever in progress at once for each Host.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest


@dataclass
class Seen:
    method: str
    path: str
    host: str
    at: float


@dataclass
class State:
    root: Path | None = None
    seen: list[Seen] = field(default_factory=list)
    active: dict[str, int] = field(default_factory=dict)
    most: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: object) -> None:  # (quiet tests)
        pass

    def do_HEAD(self) -> None:
        self.answer("HEAD")

    def do_GET(self) -> None:
        self.answer("GET")

    def answer(self, method: str) -> None:
        state = self.server.state
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        with state.lock:
            state.seen.append(Seen(method, self.path, host, time.monotonic()))
            state.active[host] = state.active.get(host, 0) + 1
            state.most[host] = max(state.most.get(host, 0), state.active[host])
        try:
            self.route(method)
        finally:
            with state.lock:
                state.active[host] -= 1

    def send(self, status: int, body: bytes = b"ok", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def route(self, method: str) -> None:
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        if path == "/ok":
            self.send(200)
        elif path == "/slow":
            time.sleep(float(query["s"][0]))
            self.send(200)
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(1000):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        elif path == "/fail":
            self.send(500, b"error")
        elif path == "/busy":
            self.send(429, b"slow down", {"Retry-After": "3600"})
        elif path == "/gone":
            self.send(404, b"not found")
        elif path == "/redirect":
            self.send(302, b"", {"Location": "/ok"})
        elif path == "/see-other":
            self.send(303, b"", {"Location": "/ok"})
        elif path == "/loop":
            self.send(302, b"", {"Location": "/loop"})
        elif path == "/nohead":
            self.send(405 if method == "HEAD" else 200, b"", {"Allow": "GET"})
        elif path == "/drop" or (path == "/drop-head" and method == "HEAD"):
            self.close_connection = True
            self.connection.close()
        elif path == "/drop-head":
            self.send(200)
        else:
            self.file(unquote(path))

    def file(self, path: str) -> None:
        root = self.server.state.root
        target = root / path.lstrip("/") if root else None
        if target is None or not target.is_file():
            self.send(404, b"not found")
            return
        self.send(200, target.read_bytes())


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # (/drop closes the connection under the handler: that is the point)

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.state = State()

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches beyond this machine: a name other than the loopback's does not
    resolve (a built page links to the real filing systems in its footer)."""
    real = socket.getaddrinfo

    def loopback_only(host: object, *args: object, **kwargs: object) -> object:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in _LOOPBACK:
            raise socket.gaierror(socket.EAI_NONAME, f"tests do not leave this machine: {name}")
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    try:
        yield running
    finally:
        running.shutdown()
        running.server_close()
