"""`ssg search serve` over real sockets: where it cannot listen, and request targets that
http.server hands over as they came (malformed, or raw UTF-8 bytes)."""

from __future__ import annotations

import contextlib
import json
import random
import shutil
import socket
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from ssg.search import server
from tests.e2e.conftest import REPO
from tests.search.test_server import serving


def _free_port(host: str = "127.0.0.1", family: socket.AddressFamily = socket.AF_INET) -> int:
    """A port ≥ 20000 nothing listens on (below are the ports other services are set up on)."""
    for port in random.Random().sample(range(20000, 60000), 200):
        with socket.socket(family) as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port from 20000 up")


@contextlib.contextmanager
def _listening() -> Iterator[int]:
    """A port some other program already listens on."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", _free_port()))
        busy.listen()
        yield busy.getsockname()[1]


@pytest.fixture(scope="module")
def api(whoosh_folder: Path) -> Iterator[tuple[str, int]]:
    with serving(server.make_server(whoosh_folder, "127.0.0.1", _free_port())) as base:
        yield "127.0.0.1", int(base.rsplit(":", 1)[1])


def _exchange(address: tuple[str, int], request_line: bytes) -> tuple[str, bytes]:
    """Sends one request line as it is (no client library would send these) and returns the
    status line and the body."""
    with socket.create_connection(address, timeout=60) as connection:
        connection.sendall(request_line + b"\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return head.split(b"\r\n")[0].decode("latin-1"), body


def _run_serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ssg", "search", "serve", "--workers", "1", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# --- where it cannot listen ------------------------------------------------------------------


def test_a_port_in_use_is_a_usage_error_not_a_bug(whoosh_folder: Path) -> None:
    """The failed bind used to close the server before it had its searchers: AttributeError,
    exit 3 (a bug in ssg) instead of the usage error; then that error said errno 98 in
    English, not in the usage errors' form nor that the port is taken."""
    with _listening() as port:
        done = _run_serve("--index", str(whoosh_folder), "--port", str(port))
    assert done.returncode == 2, done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(
        f"ssg search serve: 参数错误 (usage error): --port：端口 {port} 已被占用（127.0.0.1:{port}），"
        "可能是另一个搜索服务或别的程序正在使用；请换一个端口，如 --port "
    )
    assert "Errno" not in line


def test_a_port_out_of_range_is_a_usage_error(whoosh_folder: Path) -> None:
    done = _run_serve("--index", str(whoosh_folder), "--port", "99999")
    assert done.returncode == 2, done.stderr
    assert "端口应为 0 到 65535 的整数" in done.stderr
    assert "Traceback" not in done.stderr and "内部错误" not in done.stderr


def test_a_failed_bind_closes_the_searchers(whoosh_folder: Path) -> None:
    service = server.SearchService(whoosh_folder)
    with _listening() as port, pytest.raises(OSError):
        server.make_server(whoosh_folder, "127.0.0.1", port, service=service)
    with pytest.raises(RuntimeError), service.pool.searcher():
        pass


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback on this machine")
def test_it_listens_on_the_ipv6_loopback(whoosh_folder: Path) -> None:
    """`--bind ::1` is offered as this machine only, like 127.0.0.1."""
    port = _free_port("::1", socket.AF_INET6)
    httpd = server.make_server(whoosh_folder, "::1", port)
    with serving(httpd):
        status, body = _exchange(("::1", port), b"GET /api/health HTTP/1.1")
    assert status.split()[1] == "200"
    assert json.loads(body)["documents"] > 0


# --- request targets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        b"http://[::1/api/search?q=a",  # the IPv6 bracket never closed
        b"http://::1]/api/search?q=a",  # closed, never opened
        b"http://[not-ipv6]/api/search?q=a",
        b"http://[::1/api/suggest?q=a",
    ],
)
@pytest.mark.parametrize("method", [b"GET", b"HEAD"])
def test_a_malformed_request_target_is_answered_400(
    api: tuple[str, int], target: bytes, method: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    status, body = _exchange(api, method + b" " + target + b" HTTP/1.1")
    assert status.split()[1] == "400"
    if method == b"GET":
        assert json.loads(body) == {"error": "bad request target"}
    assert capsys.readouterr().err == ""  # no traceback from the request's thread


def test_a_well_formed_absolute_target_is_still_answered(api: tuple[str, int]) -> None:
    status, body = _exchange(api, b"GET http://[::1]:8790/api/search?q=2026 HTTP/1.1")
    assert status.split()[1] == "200"
    assert json.loads(body)["total"] > 0


@pytest.mark.parametrize(
    "query",
    ["营商环境", "q=营商环境&type=policy", "政策jiedu", "營商環境"],
    ids=["han", "with-filter", "mixed", "traditional"],
)
def test_a_raw_utf8_query_is_read_as_its_percent_encoded_form(
    api: tuple[str, int], query: str
) -> None:
    """curl '…?q=营商环境' sends the bytes unencoded; they used to be read as Latin-1."""
    params = query if query.startswith("q=") else f"q={query}"
    raw = f"GET /api/search?{params} HTTP/1.1".encode()
    encoded = urllib.parse.quote(params, safe="=&").encode()
    raw_status, raw_body = _exchange(api, raw)
    status, body = _exchange(api, b"GET /api/search?" + encoded + b" HTTP/1.1")
    assert raw_status.split()[1] == status.split()[1] == "200"
    assert raw_body == body
    answer = json.loads(raw_body)
    assert answer["total"] > 0
    assert answer["query"] == urllib.parse.parse_qs(params)["q"][0]


@pytest.mark.parametrize("raw", [b"\xff\xfe", b"\xe8\x90", b"\xc0\xaf"], ids=str)
def test_raw_bytes_that_are_not_utf8_are_answered_as_their_percent_encoded_form(
    api: tuple[str, int], raw: bytes
) -> None:
    percent = "".join(f"%{b:02X}" for b in raw).encode()
    raw_status, raw_body = _exchange(api, b"GET /api/search?q=" + raw + b"a HTTP/1.1")
    status, body = _exchange(api, b"GET /api/search?q=" + percent + b"a HTTP/1.1")
    assert raw_status.split()[1] == status.split()[1] == "200"
    assert raw_body == body
    assert "\ufffd" in json.loads(body)["query"]


def test_a_raw_utf8_query_of_suggestions(api: tuple[str, int]) -> None:
    status, body = _exchange(api, "GET /api/suggest?q=营商 HTTP/1.1".encode())
    assert status.split()[1] == "200"
    assert "营商环境" in json.loads(body)["suggestions"]


# --- what the search page needs from an answer -----------------------------------------------


def test_a_filtered_search_that_finds_nothing_still_says_what_the_query_found(
    api: tuple[str, int],
) -> None:
    """After 2023年 then 政策解读 nothing is left: the search page (search.js) can then say the
    filters, not the query, found nothing and draw links that clear them only if the answer
    still carries what the query found unfiltered (`all`) and the facets to name the filters."""
    params = urllib.parse.urlencode({"q": "营商环境", "year": "2023", "type": "interpretation"})
    status, body = _exchange(api, f"GET /api/search?{params} HTTP/1.1".encode())
    assert status.split()[1] == "200"
    answer = json.loads(body)
    assert answer["total"] == 0 and answer["results"] == []
    everything = urllib.parse.quote("营商环境")
    _, body = _exchange(api, f"GET /api/search?q={everything} HTTP/1.1".encode())
    unfiltered = json.loads(body)
    assert answer["all"] == unfiltered["total"] > 0
    assert {"type", "column", "year"} <= set(answer["facets"])
    assert any(f["value"] == "2023" for f in unfiltered["facets"]["year"])


# --- an index made by another version of ssg ----------------------------------------------


def test_an_index_tokenised_by_another_version_is_named_at_start(
    whoosh_folder: Path, tmp_path: Path
) -> None:
    """An index made before the whole 发文字号 had a token of its own answered such queries
    worse until `ssg search index` was run again, and nothing said so."""
    old = tmp_path / "old-index"
    shutil.copytree(whoosh_folder, old)
    for sidecar in old.glob("ssg-search*.json"):
        side = json.loads(sidecar.read_text(encoding="utf-8"))
        del side["tokens"]  # as ssg wrote it before it recorded its tokens
        sidecar.write_text(json.dumps(side, ensure_ascii=False), encoding="utf-8")
    with _listening() as port:  # (a busy port: each server stops once it has started)
        fresh = _run_serve("--index", str(whoosh_folder), "--port", str(port))
        done = _run_serve("--index", str(old), "--port", str(port))
    assert "另一版本" not in fresh.stderr
    assert done.returncode == 2, done.stderr
    warning = done.stderr.splitlines()[0]
    assert warning.startswith(f"警告：搜索索引 {old} 由另一版本的 ssg 建立")
    assert "ssg search index" in warning


@pytest.mark.parametrize("damage", ["[]", "{", "segment"])
def test_a_damaged_index_is_named_not_an_internal_error(
    whoosh_folder: Path, tmp_path: Path, damage: str
) -> None:
    """A sidecar of another shape was `TypeError` (exit 3, "a bug in ssg"); a missing segment
    was "cannot listen"."""
    damaged = tmp_path / "damaged"
    shutil.copytree(whoosh_folder, damaged)
    if damage == "segment":
        for segment in damaged.glob("*.seg"):
            segment.unlink()
    else:
        for sidecar in damaged.glob("ssg-search*.json"):
            sidecar.write_text(damage, encoding="utf-8")
    done = _run_serve("--index", str(damaged), "--port", "0")
    assert done.returncode == 2, done.stderr
    assert f"无法读取搜索索引 {damaged}：" in done.stderr
    assert "请重新运行 ssg search index" in done.stderr
    assert "内部错误" not in done.stderr and "Traceback" not in done.stderr
