"""`ssg search serve`: the JSON search API over a whoosh index.

    GET /api/search?q=&site=&type=&column=&year=&page=&group=1
    GET /api/suggest?q=
    GET /api/health

Answers are the engine's (engine.search / engine.suggest): the same ranking, facets, groups,
suggestions and corrections as the static client index. Listens on 127.0.0.1 unless told
otherwise; answers any origin (the search page of each indexed site calls it), reads nothing
but its index, and treats every parameter as plain text: no query syntax, no HTML.

Requests are answered at the same time, each on a thread of its own with a searcher of its
own from a small pool (`--searchers`, default 2); the index parts, the sidecar's
per-document data and the suggestion terms are loaded once and shared. The engine is Python
and holds the GIL: to answer on more than one core, `--workers N` (default: one per core, at
most 4) forks N processes that take connections from one listening socket and share the
loaded index copy-on-write.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import parse_qs, urlsplit

from ssg.search import engine
from ssg.search.whoosh_index import Sidecar, WhooshSource, latest_generation, open_generation

MAX_REQUEST_LINE = 256 * 1024  # a 10,000-character Chinese query is 90 KB once encoded
MAX_PAGE = 10_000
# Per process. The engine holds the GIL: a second searcher keeps a fast query from waiting
# behind a slow one, more only contend for it (4 answered 20 % fewer requests than 1 or 2).
SEARCHERS = 2

OpenSource = Callable[[Path, Any, Sidecar], WhooshSource]


class _Generation:
    """One generation of the index and its sidecar, always used together: the sidecar numbers
    that generation's documents only. Its idle searchers are lent again while it is current."""

    def __init__(self, index: Any, sidecar: Sidecar) -> None:
        self.index = index
        self.sidecar = sidecar
        self.idle: list[WhooshSource] = []


class SearcherPool:
    """Searchers of one index, each lent to one request at a time and opened when first
    needed, at most `size`: a whoosh reader seeks, then reads, so two threads on one reader
    would read each other's postings. All share the opened index and the sidecar.

    `ssg search index` may write a new generation while the server runs: before lending a
    searcher the pool looks for one, loads it (index and sidecar) beside the current one, and
    only then swaps the pair; requests under way finish on the old pair."""

    def __init__(self, folder: Path, size: int = SEARCHERS, open_source: OpenSource = WhooshSource):
        self.folder = folder
        self.size = max(1, size)
        self._open_source = open_source
        self._slots = threading.BoundedSemaphore(self.size)
        self._lock = threading.Lock()
        self._loading = threading.Lock()  # one thread loads a new generation; others go on
        self._current = self._load()  # a broken index fails now
        self._closed = False
        self.opened = 1
        self.busy = 0
        self.most_busy = 0  # how many requests have searched at the same time, at most

    @property
    def index(self) -> Any:
        return self._current.index

    @property
    def sidecar(self) -> Sidecar:
        return self._current.sidecar

    def _load(self) -> _Generation:
        index, sidecar = open_generation(self.folder)
        current = _Generation(index, sidecar)
        current.idle.append(self._open_source(self.folder, index, sidecar))
        return current

    def refresh(self) -> None:
        """Swaps in the index's newest generation, if it is not the one in use. A listing
        of the index folder; loading happens once, while other requests use the old pair."""
        try:
            newest = latest_generation(self.folder)
        except OSError:
            return
        if newest == self._current.sidecar.generation or not self._loading.acquire(False):
            return
        try:
            if newest == self._current.sidecar.generation:
                return
            try:
                loaded = self._load()
            except (OSError, ValueError, KeyError):
                return  # written meanwhile or half-written: the old pair still answers
            with self._lock:
                old, self._current = self._current, loaded
                self.opened += 1
                closing, old.idle = old.idle, []
        finally:
            self._loading.release()
        for source in closing:
            source.close()

    def _take(self) -> tuple[_Generation, WhooshSource | None]:
        with self._lock:
            if self._closed:
                raise RuntimeError("搜索服务已停止 (the searchers are closed)")
            current = self._current
            return current, current.idle.pop() if current.idle else None

    @contextlib.contextmanager
    def searcher(self) -> Iterator[WhooshSource]:
        with self._slots:
            self.refresh()
            current, source = self._take()
            with self._lock:
                self.busy += 1
                self.most_busy = max(self.most_busy, self.busy)
            try:
                if source is None:
                    try:
                        source = self._open_source(self.folder, current.index, current.sidecar)
                    except FileNotFoundError:
                        # Its generation was replaced (and its files deleted) just now.
                        self.refresh()
                        current, source = self._take()
                        if source is None:
                            source = self._open_source(self.folder, current.index, current.sidecar)
                    with self._lock:
                        self.opened += 1
                yield source
            finally:
                with self._lock:
                    self.busy -= 1
                    if source is not None:
                        if self._closed or current is not self._current:
                            source.close()
                        else:
                            current.idle.append(source)

    def warm(self) -> None:
        """What every query needs, made once before worker processes fork so that they share
        it: the index parts (postings, terms, stored fields), the pinyin tables and the
        corrections' character index."""
        with self.searcher() as source:
            for query in ("zwgk", "zhengwu", "囗囗"):  # initials, pinyin, nothing: a correction
                engine.search(query, source, grouped=True)
            if source.types:
                source.fragments([0])

    def close(self) -> None:
        """Closes the idle searchers now and the lent ones when they come back."""
        with self._lock:
            self._closed = True
            idle, self._current.idle = self._current.idle, []
        for source in idle:
            source.close()


class SearchService:
    """The engine over one whoosh index; as many queries at once as the pool has searchers."""

    def __init__(
        self, folder: Path, searchers: int = SEARCHERS, open_source: OpenSource = WhooshSource
    ) -> None:
        self.pool = SearcherPool(folder, searchers, open_source)

    def search(self, params: dict[str, str], asker: str = "") -> dict[str, Any]:
        """`asker`: the host of the page asking (its `from` parameter, or its Origin)."""
        try:
            page = max(1, min(MAX_PAGE, int(params.get("page", "1") or "1")))
        except ValueError:
            page = 1
        filters = engine.Filters(
            type=params.get("type", "")[:40],
            column=params.get("column", "")[:200],
            year=params.get("year", "")[:4],
            site=params.get("site", "")[:200],
        )
        with self.pool.searcher() as source:
            answer = engine.search(
                params.get("q", ""), source, filters, page, params.get("group", "") == "1"
            )
            return cross_site(answer, source.sidecar, params.get("from", "") or asker)

    def suggest(self, params: dict[str, str]) -> dict[str, Any]:
        # Suggestions read only the shared sidecar: no searcher needed.
        self.pool.refresh()
        query = params.get("q", "")
        terms = self.pool.sidecar.terms
        return {"query": query[:200], "suggestions": engine.suggest(query, terms)}

    def documents(self) -> int:
        self.pool.refresh()
        return len(self.pool.sidecar.types)

    def close(self) -> None:
        self.pool.close()


def cross_site(answer: dict[str, Any], sidecar: Sidecar, asker: str) -> dict[str, Any]:
    """An answer of an index of several sites, for the site whose host is `asker`: its own
    results keep their site-relative URLs, every other site's get that site's address
    (`https://<domain><url>`: relative, they would open the asking site's own page), and each
    result and site facet names its site. Without a known asker, every URL is absolute.
    Answers of a one-site index are left as they are.

    A site is known by its domain and by its other host names (its 中文域名, the old domain
    of a domain change: ssg/cross_site.py other_hosts), and its address is where its pages
    are on the index's date: its old domain until a domain change takes effect, as the
    other sites' own links say (RULES NOTICE-04)."""
    if len(sidecar.site_keys) < 2:
        return answer
    keys = sidecar.site_keys
    names = {k: n or k for k, n in zip(keys, sidecar.site_names, strict=True)}
    bases = {k: b or f"https://{k}" for k, b in zip(keys, sidecar.site_bases, strict=True)}
    asking = asker.strip().lower().rstrip(".")
    # (a site's own domain first: another's old domain may have been handed on to it)
    own = next((k for k in keys if asking and asking == k.lower()), "") or next(
        (k for k, hosts in zip(keys, sidecar.site_hosts, strict=True) if asking in hosts), ""
    )
    results = answer["results"] + [r for g in answer["groups"] for r in g["results"]]
    for result in results:
        site = result["site"]
        result["site_name"] = names.get(site, site)
        if site != own and result["url"].startswith("/"):
            result["url"] = bases.get(site, f"https://{site}") + result["url"]
    for facet in answer["facets"].get("site", []):
        facet["label"] = names.get(facet["value"], facet["label"])
    return answer


_RAW_BYTE = re.compile(r"[\x80-\xff]")


def request_target(target: str) -> tuple[str, dict[str, str]]:
    """The path (as sent) and the parameters (the first of each name) of a request target as
    http.server gives it: its bytes read as Latin-1. Raw bytes beyond ASCII are read as UTF-8,
    as browsers, curl and nginx's $args mean them (`?q=营商环境` unencoded), exactly as their
    percent-encoded form: bytes that are not UTF-8 become U+FFFD either way.
    Raises ValueError for a target urlsplit cannot take (an unclosed IPv6 bracket)."""
    ascii_target = _RAW_BYTE.sub(lambda m: f"%{ord(m[0]):02X}", target)
    parts = urlsplit(ascii_target)
    raw = parse_qs(parts.query, keep_blank_values=True, errors="replace")
    return parts.path, {k: v[0] for k, v in raw.items() if v}


def _asking_host(headers: Any) -> str:
    """The host of the page that sent a request, as the browser says (Origin, else Referer)."""
    for header in ("Origin", "Referer"):
        with contextlib.suppress(ValueError):
            host = urlsplit(headers.get(header) or "").hostname
            if host:
                return host
    return ""


class Handler(BaseHTTPRequestHandler):
    service: SearchService
    quiet = True
    server_version = "ssg-search"
    sys_version = ""

    def handle_one_request(self) -> None:
        """As the standard library's, with room for long query strings."""
        try:
            self.raw_requestline = self.rfile.readline(MAX_REQUEST_LINE + 1)
            if len(self.raw_requestline) > MAX_REQUEST_LINE:
                self.requestline = self.request_version = self.command = ""
                self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
                return
            if not self.raw_requestline:
                self.close_connection = True
                return
            if not self.parse_request():
                return
            method = getattr(self, "do_" + self.command, None)
            if method is None:
                self.send_error(
                    HTTPStatus.NOT_IMPLEMENTED, f"Unsupported method ({self.command!r})"
                )
                return
            method()
            self.wfile.flush()
        except TimeoutError as exc:
            self.log_error("Request timed out: %r", exc)
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_GET(self) -> None:
        try:
            path, params = request_target(self.path)
        except ValueError:  # e.g. `GET http://[::1/api/search`: urlsplit refuses the target
            self._send(HTTPStatus.BAD_REQUEST, {"error": "bad request target"})
            return
        if path == "/api/search":
            self._send(HTTPStatus.OK, self.service.search(params, _asking_host(self.headers)))
        elif path == "/api/suggest":
            self._send(HTTPStatus.OK, self.service.suggest(params))
        elif path == "/api/health":
            self._send(HTTPStatus.OK, {"ok": True, "documents": self.service.documents()})
        else:
            self._send(HTTPStatus.NOT_FOUND, {"error": "not found"})

    do_HEAD = do_GET


class SearchServer(ThreadingHTTPServer):
    """A thread per connection; closing the server closes its searchers."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: Any, service: SearchService) -> None:
        # Set before binding: a failed bind calls server_close(), which closes the service.
        self.service = service
        if ":" in address[0]:  # `--bind ::1`: the standard library's server is IPv4 only
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)

    def server_close(self) -> None:
        super().server_close()
        self.service.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A search page closed mid-answer is no fault of the server's: no traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def make_server(
    folder: Path,
    bind: str = "127.0.0.1",
    port: int = 8790,
    quiet: bool = True,
    searchers: int = SEARCHERS,
    service: SearchService | None = None,
) -> SearchServer:
    service = service if service is not None else SearchService(folder, searchers)
    handler = type("BoundHandler", (Handler,), {"service": service, "quiet": quiet})
    try:
        return SearchServer((bind, port), handler, service)
    except (OSError, OverflowError):  # (OverflowError: a port beyond 65535)
        service.close()  # (again, if the failed bind closed it: closing twice is harmless)
        raise


def default_workers() -> int:
    """A process per core, at most four (each adds about 40 MB at 50,000 items)."""
    return max(1, min(4, os.cpu_count() or 1))


def serve(server: SearchServer, workers: int = 1, ready: Callable[[], None] | None = None) -> None:
    """Answers requests until interrupted, in `workers` processes that all take connections
    from the one listening socket: the engine holds the GIL, so a process answers on one core
    at most. The index parts and the sidecar, read before forking, are shared copy-on-write.
    The other processes stop when this one does. `ready` is called once they all run."""
    children: list[int] = []
    if workers > 1 and hasattr(os, "fork"):
        server.service.pool.warm()
        # A process woken for a connection that another one took goes back to waiting.
        server.socket.setblocking(False)
        gc.freeze()  # the collector would otherwise write to every shared object's page
        parent = os.getpid()
        for _ in range(workers - 1):
            pid = os.fork()
            if pid == 0:
                _worker(server, parent)
            children.append(pid)
        # `kill` or a service manager stops the workers too, as Ctrl+C does.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        if ready is not None:
            ready()
        server.serve_forever()
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def _worker(server: SearchServer, parent: int) -> NoReturn:
    def orphaned() -> None:
        # Killed without a chance to stop its workers, the first process leaves them to init.
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=orphaned, daemon=True).start()
    code = 0
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    except BaseException:
        code = 1
    finally:
        os._exit(code)
