"""One HTTP(S) request with a hard deadline, redirects followed: the network part of ssg/monitor.

The deadline covers all a visitor waits for: name lookup, connection, TLS, headers and (when
asked) the whole body. http.client's socket timeout is per operation — a server sending a
byte every few seconds would keep it waiting for ever — so the request runs in a daemon thread
that the caller waits for at most `timeout` seconds; at the deadline the thread's socket is
shut down, which ends any read it is blocked in.

Proxies are taken from the environment as curl takes them (government intranets often reach
the outside only through one): `http_proxy` for http:// URLs, `https_proxy` for https:// (a
CONNECT tunnel, TLS end to end with the site), `all_proxy` for either when those are unset,
each also in capitals (lower case first; `HTTP_PROXY` not when REQUEST_METHOD says this is a
CGI program, after Python's urllib: there the variable comes from a request header), and
`no_proxy` / `NO_PROXY` listing the hosts reached directly. The deadline covers the proxy too.

Failures are values, never exceptions: `Fetched.error` says what went wrong, 中文 (English).
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import ipaddress
import os
import socket
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import quote, unquote, urljoin, urlsplit

from ssg import __version__
from ssg.monitor.urls import url_problem  # (its home is the pure urls.py; kept importable here)

__all__ = ["MAX_REDIRECTS", "USER_AGENT", "Fetched", "Proxy", "fetch", "proxy_for", "url_problem"]

USER_AGENT = f"ssg/{__version__} (site monitor)"
MAX_REDIRECTS = 10
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 1 << 16
# Characters a URL path or query may hold as they are; anything else (Chinese file names,
# spaces written into an href) is percent-encoded as a browser does before sending it.
_SAFE = "/%:@!$&'()*+,;=~-._?"
# A query is sent as browsers send it (WHATWG URL, the special-query percent-encode set):
# only space, controls, `"`, `#`, `<`, `>` and `'` are encoded; `[`, `|`, `{` … go as they are.
# An old URL's query must reach the server byte for byte: nginx.conf compares `$args` with
# it (`ssg verify`, an alias with a query string).
_QUERY_SAFE = "".join(chr(c) for c in range(33, 127) if chr(c) not in "\"#<>'")

TIMED_OUT = "超时，未在时限内收到完整回应 (timed out)"
PROXY_PORT = 1080  # curl's, for a proxy written without a port


@dataclass(frozen=True, slots=True)
class Proxy:
    """An HTTP proxy to send a request through; `authorization` is the Proxy-Authorization
    header's value when the proxy's URL carries user:password, else ""."""

    host: str
    port: int
    authorization: str = ""


def proxy_for(url: str, environ: Mapping[str, str] | None = None) -> Proxy | None:
    """The proxy the environment gives for `url` (see the module's docstring); None when the
    URL is to be reached directly. Raises _Failed for a proxy setting that cannot be used."""
    env = os.environ if environ is None else environ
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".").lower()

    def setting(name: str) -> str:
        if name == "http_proxy" and "REQUEST_METHOD" in env:
            return env.get(name, "").strip()  # (CGI: HTTP_PROXY is the client's Proxy header)
        return (env.get(name) or env.get(name.upper()) or "").strip()

    written = setting(f"{scheme}_proxy") or setting("all_proxy")
    if not written or _bypassed(host, parts.port, setting("no_proxy")):
        return None
    target = urlsplit(written if "://" in written else f"http://{written}")
    if target.scheme.lower() != "http" or not target.hostname:
        raise _Failed(
            f"代理设置 {written} 无法使用：只支持 http:// 代理 (only http:// proxies are supported)"
        )
    try:
        port = target.port or PROXY_PORT
    except ValueError:
        raise _Failed(f"代理设置 {written} 的端口无效 (invalid proxy port)") from None
    authorization = ""
    if target.username is not None:
        user_password = f"{unquote(target.username)}:{unquote(target.password or '')}"
        authorization = "Basic " + base64.b64encode(user_password.encode()).decode("ascii")
    return Proxy(target.hostname, port, authorization)


def _bypassed(host: str, port: int | None, no_proxy: str) -> bool:
    """curl's no_proxy: `*` for every host; else names matched whole or as a domain suffix
    (a leading dot optional), IP addresses exactly or by CIDR range; `:port` narrows one."""
    for entry in (e.strip().lower() for e in no_proxy.replace(" ", ",").split(",")):
        if not entry:
            continue
        if entry == "*":
            return True
        name, _, wanted = entry.rpartition(":") if entry.count(":") == 1 else (entry, "", "")
        if wanted and (not wanted.isdigit() or port is None or int(wanted) != port):
            continue
        name = name.strip("[]").lstrip(".").rstrip(".")
        if not name:
            continue
        try:
            if ipaddress.ip_address(host) in ipaddress.ip_network(name, strict=False):
                return True
            continue
        except ValueError:
            pass  # (a name, not an address)
        if host == name or host.endswith("." + name):
            return True
    return False


@dataclass(frozen=True, slots=True)
class Fetched:
    """The answer to one request, after redirects."""

    url: str  # as asked
    final: str  # the URL that answered last (redirects followed)
    status: int  # its HTTP status; 0 when there was no complete answer
    seconds: float  # from the start to the whole response, or to the failure
    error: str = ""  # "" when an answer came; else what went wrong

    @property
    def ok(self) -> bool:
        """A complete 2xx answer (a redirect followed to a 2xx counts)."""
        return not self.error and 200 <= self.status < 300


class _Failed(Exception):
    """A request that got no usable answer; its message is the `Fetched.error`."""


class _Attempt:
    """The worker's state, shared with the waiting caller so that it can cut the socket."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.conn: http.client.HTTPConnection | None = None
        self.cancelled = False
        self.outcome: tuple[int, str] | None = None
        self.error = ""

    def use(self, conn: http.client.HTTPConnection) -> None:
        with self.lock:
            self.conn = conn
            if self.cancelled:
                raise _Failed(TIMED_OUT)

    def cancel(self) -> None:
        with self.lock:
            self.cancelled = True
            conn = self.conn
        sock = conn.sock if conn is not None else None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def fetch(
    url: str,
    method: str = "GET",
    timeout: float = 15.0,
    *,
    read_body: bool = True,
    sink: Callable[[bytes], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
    follow: bool = True,
) -> Fetched:
    """Request `url` and follow redirects (at most MAX_REDIRECTS), all within `timeout` seconds.

    `read_body`: read the final answer's body to its end (a page is open once it has all
    arrived); `sink` receives its bytes. HEAD follows redirects as HEAD. `clock` only measures
    `seconds` (tests inject one); the deadline is always real time. `follow=False`: a redirect
    is the answer, its status kept and `final` the URL its Location names (not requested)."""
    start = clock()
    attempt = _Attempt()
    request = _Request(url, method, time.monotonic() + timeout, read_body, sink, follow)
    worker = threading.Thread(target=_run, args=(attempt, request), daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        attempt.cancel()
        return Fetched(url, url, 0, clock() - start, TIMED_OUT)
    seconds = clock() - start
    if attempt.outcome is None:
        return Fetched(url, url, 0, seconds, attempt.error or TIMED_OUT)
    status, final = attempt.outcome
    return Fetched(url, final, status, seconds)


@dataclass(frozen=True, slots=True)
class _Request:
    """What `fetch` asked for, handed to its worker thread as one value."""

    url: str
    method: str
    deadline: float  # time.monotonic() at which the whole request must have ended
    read_body: bool
    sink: Callable[[bytes], None] | None
    follow: bool


def _run(attempt: _Attempt, request: _Request) -> None:
    """The worker: `_follow`, with whatever it raises turned into `attempt.error`."""
    try:
        attempt.outcome = _follow(attempt, request)
    except _Failed as exc:
        attempt.error = str(exc)
    except Exception as exc:  # (anything the network throws is a failed visit, not a crash)
        attempt.error = TIMED_OUT if attempt.cancelled else _said(exc)
    finally:
        conn = attempt.conn
        if conn is not None:
            conn.close()


def _follow(attempt: _Attempt, request: _Request) -> tuple[int, str]:
    current, method, deadline = request.url, request.method, request.deadline
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(current)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            raise _Failed(f"不是 http(s) 网址：{current} (not an http(s) URL)")
        remaining = _remaining(deadline)
        # (a Chinese domain, 示例市政府.政务, is sent as its ASCII form: http.client writes
        # the Host header in ASCII only)
        host = parts.hostname.encode("idna").decode("ascii")
        proxy = proxy_for(current)
        headers = {"User-Agent": USER_AGENT, "Accept": "*/*", "Connection": "close"}
        target = quote(parts.path or "/", safe=_SAFE)
        if parts.query:
            target += "?" + quote(parts.query, safe=_QUERY_SAFE)
        conn: http.client.HTTPConnection
        if proxy is None:
            conn = (
                http.client.HTTPSConnection(host, parts.port, timeout=remaining)
                if scheme == "https"
                else http.client.HTTPConnection(host, parts.port, timeout=remaining)
            )
        elif scheme == "https":  # a tunnel: the proxy sees the host, never the request
            conn = http.client.HTTPSConnection(proxy.host, proxy.port, timeout=remaining)
            tunnel = {"Proxy-Authorization": proxy.authorization} if proxy.authorization else {}
            conn.set_tunnel(host, parts.port, headers=tunnel)
        else:  # the whole URL, to the proxy
            conn = http.client.HTTPConnection(proxy.host, proxy.port, timeout=remaining)
            netloc = host if parts.port is None else f"{host}:{parts.port}"
            target = f"http://{netloc}{target}"
            if proxy.authorization:
                headers["Proxy-Authorization"] = proxy.authorization
        attempt.use(conn)
        conn.request(method, target, headers=headers)
        response = conn.getresponse()
        location = response.getheader("Location")
        if response.status in _REDIRECTS and location:
            conn.close()
            current = urljoin(current, location.strip())
            if not request.follow:
                return response.status, current
            if response.status == 303 and method != "HEAD":
                method = "GET"
            continue
        if request.read_body and method != "HEAD":
            while True:
                if conn.sock is not None:
                    conn.sock.settimeout(_remaining(deadline))
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                if request.sink is not None:
                    request.sink(chunk)
        conn.close()
        return response.status, current
    raise _Failed(f"重定向超过 {MAX_REDIRECTS} 次 (too many redirects)")


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _Failed(TIMED_OUT)
    return left


def _said(exc: Exception) -> str:
    """What went wrong, as the monitor reports it."""
    if isinstance(exc, TimeoutError | socket.timeout):
        return TIMED_OUT
    if isinstance(exc, ConnectionRefusedError):
        return "连接被拒绝 (connection refused)"
    if isinstance(
        exc,
        http.client.RemoteDisconnected
        | http.client.IncompleteRead
        | http.client.BadStatusLine
        | ConnectionResetError
        | BrokenPipeError,
    ):
        return "连接中断，未收到完整回应 (connection dropped)"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"HTTPS 证书无效：{exc.verify_message} (certificate not valid)"
    if isinstance(exc, ssl.SSLError):
        return f"TLS 握手失败：{exc.reason} (TLS error)"
    if isinstance(exc, socket.gaierror):
        return "域名无法解析 (name not resolved)"
    if isinstance(exc, http.client.HTTPException):
        return f"回应不是有效的 HTTP：{type(exc).__name__} (invalid HTTP answer)"
    if isinstance(exc, OSError) and str(exc).startswith("Tunnel connection failed"):
        # (http.client's words when the proxy answers CONNECT with other than 200)
        said = str(exc).removeprefix("Tunnel connection failed:").strip()
        return f"代理未能建立到网站的连接：{said} (proxy refused the tunnel)"
    if isinstance(exc, OSError):
        return f"网络错误：{exc.strerror or exc} (network error)"
    if isinstance(exc, UnicodeError | ValueError):
        return f"网址无效：{exc} (invalid URL)"
    return f"请求失败：{type(exc).__name__}: {exc} (request failed)"
