"""A real HTTP server on 127.0.0.1, started per test, with the endpoints a monitor meets.

/ok 200; /slow?s=N answers after N seconds; /trickle sends its body a byte at a time;
/fail 500; /busy 429; /gone 404; /redirect 302 → /ok; /see-other 303 → /ok; /loop redirects to itself;
/nohead refuses HEAD (405) but answers GET; /drop closes the connection without a word;
/drop-head drops HEAD but answers GET; any other path is a file of `server.root` (when set).
Every request is recorded with its method, path, Host and the time, and the most requests
that were ever in progress at once for each Host.

`proxy`: a real forward proxy on 127.0.0.1 (absolute-form requests for http://, CONNECT tunnels
for https://) that records what went through it and reaches "the outside" by its own table of
names (no resolver here: only the proxy can reach them, as on a government intranet).
`tls_origin`: an HTTPS server on 127.0.0.1 whose certificate names OUTSIDE, trusted through
SSL_CERT_FILE. Proxy variables of the environment the tests run in are removed for every test.
"""

from __future__ import annotations

import http.client
import select
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

OUTSIDE = "outside.example.gov.cn"  # a name only the test proxy can reach
STALLS = "stall.example.gov.cn"  # the proxy takes this one's request and never answers
PROXY_VARIABLES = (
    "http_proxy", "https_proxy", "all_proxy", "no_proxy",
    "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "REQUEST_METHOD",
)  # fmt: skip


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


@pytest.fixture(autouse=True)
def no_proxy_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's own proxy settings stay out of the tests (they set their own)."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


class ProxyHandler(BaseHTTPRequestHandler):
    server: ForwardProxy

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.forward("GET")

    def do_HEAD(self) -> None:
        self.forward("HEAD")

    def forward(self, method: str) -> None:
        parts = urlsplit(self.path)  # (absolute form: http://host:port/path)
        self.server.record(method, self.path, self.headers.get("Proxy-Authorization", ""))
        port = self.server.port_of(parts.hostname or "", parts.port)
        if port is None:
            self.send_error(502)
            return
        upstream = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        upstream.request(method, target, headers={"Host": parts.netloc})
        answer = upstream.getresponse()
        body = answer.read()
        self.send_response(answer.status)
        for key, value in answer.getheaders():
            if key.lower() not in ("connection", "transfer-encoding"):
                self.send_header(key, value)
        self.send_header("Connection", "close")
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(body)
        upstream.close()

    def do_CONNECT(self) -> None:
        host, _, port_text = self.path.rpartition(":")
        self.server.record("CONNECT", self.path, self.headers.get("Proxy-Authorization", ""))
        if host == STALLS:
            time.sleep(5)
            return
        port = self.server.port_of(host, int(port_text))
        if port is None:
            self.send_error(502)
            return
        upstream = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.send_response(200, "Connection established")
        self.end_headers()
        ends = [self.connection, upstream]
        try:
            while True:
                ready, _, _ = select.select(ends, [], [], 10)
                if not ready:
                    return
                for end in ready:
                    data = end.recv(65536)
                    if not data:
                        return
                    (upstream if end is self.connection else self.connection).sendall(data)
        finally:
            upstream.close()


class ForwardProxy(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.seen: list[tuple[str, str, str]] = []  # (method, target, Proxy-Authorization)
        self.names: dict[str, int] = {}  # the outside's names -> a port on 127.0.0.1
        self.lock = threading.Lock()

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # (a client cut at its deadline)

    def record(self, method: str, target: str, authorization: str) -> None:
        with self.lock:
            self.seen.append((method, target, authorization))

    def port_of(self, host: str, port: int | None) -> int | None:
        if host == "127.0.0.1":
            return port
        return self.names.get(host)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def proxy() -> Iterator[ForwardProxy]:
    running = ForwardProxy()
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    try:
        yield running
    finally:
        running.shutdown()
        running.server_close()


@pytest.fixture(scope="session")
def outside_certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("outside-tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={OUTSIDE}", "-addext", f"subjectAltName=DNS:{OUTSIDE}",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_origin(
    outside_certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Server]:
    """The test server's endpoints over HTTPS, as OUTSIDE (trusted through SSL_CERT_FILE)."""
    cert, key = outside_certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    running = Server()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    running.socket = context.wrap_socket(running.socket, server_side=True)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    try:
        yield running
    finally:
        running.shutdown()
        running.server_close()
