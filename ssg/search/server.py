"""`ssg search serve`: the JSON search API over a whoosh index.

    GET /api/search?q=&site=&type=&column=&year=&page=&group=1
    GET /api/suggest?q=
    GET /api/health

Answers are the engine's (engine.search / engine.suggest): the same ranking, facets, groups,
suggestions and corrections as the static client index. Listens on 127.0.0.1 unless told
otherwise; answers any origin (the search page of each indexed site calls it), reads nothing
but its index, and treats every parameter as plain text: no query syntax, no HTML.
"""

from __future__ import annotations

import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ssg.search import engine
from ssg.search.whoosh_index import WhooshSource

MAX_REQUEST_LINE = 256 * 1024  # a 10,000-character Chinese query is 90 KB once encoded
MAX_PAGE = 10_000


class SearchService:
    """The engine over one whoosh index; queries one at a time (whoosh readers share files)."""

    def __init__(self, folder: Path) -> None:
        self.source = WhooshSource(folder)
        self.lock = threading.Lock()

    def search(self, params: dict[str, str]) -> dict[str, Any]:
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
        with self.lock:
            return engine.search(
                params.get("q", ""), self.source, filters, page, params.get("group", "") == "1"
            )

    def suggest(self, params: dict[str, str]) -> dict[str, Any]:
        query = params.get("q", "")
        with self.lock:
            return {"query": query[:200], "suggestions": engine.suggest(query, self.source.terms())}


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
        parts = urlsplit(self.path)
        raw = parse_qs(parts.query, keep_blank_values=True, errors="replace")
        params = {k: v[0] for k, v in raw.items() if v}
        if parts.path == "/api/search":
            self._send(HTTPStatus.OK, self.service.search(params))
        elif parts.path == "/api/suggest":
            self._send(HTTPStatus.OK, self.service.suggest(params))
        elif parts.path == "/api/health":
            self._send(HTTPStatus.OK, {"ok": True, "documents": len(self.service.source.types)})
        else:
            self._send(HTTPStatus.NOT_FOUND, {"error": "not found"})

    do_HEAD = do_GET


def make_server(
    folder: Path, bind: str = "127.0.0.1", port: int = 8790, quiet: bool = True
) -> ThreadingHTTPServer:
    service = SearchService(folder)
    handler = type("BoundHandler", (Handler,), {"service": service, "quiet": quiet})
    server = ThreadingHTTPServer((bind, port), handler)
    server.daemon_threads = True
    return server
