"""SEC-06 外链在部署后巡检: the external links, images and scripts of a built output, checked.

RULES SEC-06 (检查指标 链接可用性考察点 ✅): links that cannot be opened, external ones included,
count against the site; the build checks every link inside the site, and only a check after
deployment can reach the others. ✅ and no single veto: a dead link is `deduct` (§3.1).

Each distinct URL is asked once: HEAD, then GET when HEAD gets no 2xx (many servers refuse or
mishandle HEAD), redirects followed. Hosts are visited one request at a time with a pause
between requests (`delay`), and at most `jobs` hosts at once. Answers are kept for a day in a
cache file, so that a rerun asks no host again.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ssg.check.output import PageReader
from ssg.diagnostics import Diagnostic, Severity
from ssg.monitor.fetch import Fetched, fetch

__all__ = ["Link", "LinkCache", "check_urls", "external_links", "findings"]

CODE = "SEC-06"
CACHE_SECONDS = 24 * 3600  # “cached for a day”
_DROPPED = "连接中断"
TOO_MANY = 429  # Too Many Requests


@dataclass(frozen=True, slots=True)
class Link:
    """One place a URL is written: the output page, and the URL as written there."""

    page: str  # relative to the output root
    written: str


def _normalised(url: str) -> str | None:
    """The URL a browser would ask for (scheme-relative as https, no #fragment); None for
    anything that is not http(s)."""
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    scheme = url.split(":", 1)[0].lower()
    if scheme not in ("http", "https"):
        return None
    return url.split("#", 1)[0]


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


def external_links(out: Path, own_hosts: Iterable[str] = ()) -> dict[str, list[Link]]:
    """Every external http(s) URL of the output's pages (links, images, scripts, frames,
    inline CSS), with where it is written; the site's own hosts are left out (the build
    checks those links). Read with the output rules' own reader (ssg/check/output.py)."""
    own = {h.lower().rstrip(".") for h in own_hosts if h}
    reader = PageReader()
    found: dict[str, list[Link]] = {}
    pages = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*.html")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)
    )
    for page in pages:
        text = (out / page).read_text(encoding="utf-8", errors="replace")
        facts = reader.facts(text)
        elements = list(facts.elements.values())
        if facts.style is not None:
            elements.append(facts.style)
        seen: set[str] = set()
        for element in elements:
            for written, _host_name, _asset in element.absolute:
                url = _normalised(written)
                if url is None or url in seen:
                    continue
                host = _host(url)
                if not host or host in own:
                    continue
                seen.add(url)
                found.setdefault(url, []).append(Link(page, written))
    return dict(sorted(found.items()))


class LinkCache:
    """Answers of the last day, in a JSON file: {url: {time, status, final, error}}.

    A corrupt or unreadable file means an empty cache; it is written whole to a temporary
    file and moved into place, so that an interrupted run never leaves half a file."""

    def __init__(self, path: Path | None, now: float, max_age: float = CACHE_SECONDS) -> None:
        self.path = path
        self.now = now
        self.max_age = max_age
        self.entries: dict[str, dict[str, Any]] = {}
        if path is not None:
            with contextlib.suppress(OSError, ValueError):
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict):
                    self.entries = {k: v for k, v in data.items() if isinstance(v, dict)}

    def get(self, url: str) -> Fetched | None:
        entry = self.entries.get(url)
        if entry is None:
            return None
        try:
            when = float(entry["time"])
            if not 0 <= self.now - when < self.max_age:
                return None
            return Fetched(
                url,
                str(entry["final"]),
                int(entry["status"]),
                0.0,
                str(entry["error"]),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, answer: Fetched) -> None:
        self.entries[answer.url] = {
            "time": self.now,
            "status": answer.status,
            "final": answer.final,
            "error": answer.error,
        }

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = {
            url: entry
            for url, entry in sorted(self.entries.items())
            if isinstance(entry.get("time"), int | float)
            and self.now - float(entry["time"]) < self.max_age
        }
        handle, temp = tempfile.mkstemp(prefix=".links-", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(fresh, out, ensure_ascii=False, indent=0)
            os.replace(temp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise


def check_one(url: str, timeout: float, get: Callable[..., Fetched] = fetch) -> Fetched:
    """HEAD, then GET when HEAD got no 2xx answer (refused, 405/501, a server that drops
    HEAD or answers it wrongly). A GET after a HEAD that found no server at all (refused,
    not resolved, timed out) would only fail again, more slowly: it is not asked."""
    head = get(url, "HEAD", timeout, read_body=False)
    if head.ok:
        return head
    if head.error and _DROPPED not in head.error:
        return head
    return get(url, "GET", timeout, read_body=False)


def check_urls(
    urls: Sequence[str],
    *,
    jobs: int = 8,
    delay: float = 1.0,
    timeout: float = 15.0,
    cache: LinkCache | None = None,
    get: Callable[..., Fetched] = fetch,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> dict[str, Fetched]:
    """The answer for every URL: from the cache when it is fresh, else asked — one request
    at a time per host, `delay` seconds after a host's answer before the next request to it
    (a slow host gets its pause all the same), at most `jobs` hosts at once."""
    answers: dict[str, Fetched] = {}
    by_host: dict[str, list[str]] = {}
    for url in urls:
        cached = cache.get(url) if cache is not None else None
        if cached is not None:
            answers[url] = cached
        else:
            by_host.setdefault(_host(url), []).append(url)
    lock = threading.Lock()

    def visit_host(queue: list[str]) -> None:
        last: float | None = None

        def paced(url: str, method: str, timeout: float, read_body: bool = False) -> Fetched:
            """One request, `delay` after the host's last answer: the GET that follows a
            refused HEAD too (sent at once, it met firewalls' limits: 403, 429)."""
            nonlocal last
            if last is not None:
                wait = last + delay - clock()
                if wait > 0:
                    sleep(wait)
            try:
                return get(url, method, timeout, read_body=read_body)
            finally:
                last = clock()

        for url in queue:
            answer = check_one(url, timeout, paced)
            with lock:
                answers[url] = answer
                if cache is not None:
                    cache.put(answer)

    # (the busiest hosts first: they take longest, and would otherwise finish last alone)
    queues = sorted(by_host.values(), key=len, reverse=True)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        list(pool.map(visit_host, queues))
    return {url: answers[url] for url in urls}


def is_dead(answer: Fetched) -> bool:
    """Not reachable: a host that asked us to slow down (429) says nothing of the link."""
    return not answer.ok and answer.status != TOO_MANY


def findings(
    links: Mapping[str, list[Link]],
    answers: Mapping[str, Fetched],
    locate: Callable[[Link], tuple[str, int]],
) -> list[Diagnostic]:
    """A SEC-06 finding for every place a dead URL is written; `locate` says which file and
    line a page's link comes from (its content file, else the output page)."""
    out: list[Diagnostic] = []
    for url, places in links.items():
        answer = answers[url]
        if answer.ok:
            continue
        why = answer.error or f"HTTP {answer.status}"
        for place in places:
            file, line = locate(place)
            if answer.status == TOO_MANY:
                # The host asked us to slow down: the link's state is unknown, not dead.
                out.append(
                    Diagnostic(
                        Severity.ADVICE,
                        CODE,
                        file,
                        line,
                        "",
                        f"页面 {place.page} 的外部链接 {place.written} 所在网站要求降低访问频率（HTTP 429），"
                        f"未能确认是否可用；明天再查，或加大 --delay (rate limited on {place.page})",
                    )
                )
                continue
            out.append(
                Diagnostic(
                    Severity.DEDUCT,
                    CODE,
                    file,
                    line,
                    "",
                    f"页面 {place.page} 的外部链接 {place.written} 无法访问（{why}）；请改正或删除该链接 "
                    f"(dead external link on {place.page})",
                )
            )
    return out
