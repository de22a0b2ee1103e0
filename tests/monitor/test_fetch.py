"""One request against a real local server: deadlines, redirects, refusals, dropped lines."""

from __future__ import annotations

import socket
import time

from ssg.monitor.fetch import MAX_REDIRECTS, fetch
from tests.monitor.conftest import Server


def test_a_complete_2xx_answer_is_ok(server: Server) -> None:
    answer = fetch(server.url("/ok"), timeout=5)
    assert answer.ok and answer.status == 200 and answer.error == ""


def test_a_redirect_is_followed_to_its_answer(server: Server) -> None:
    answer = fetch(server.url("/redirect"), timeout=5)
    assert answer.ok and answer.final == server.url("/ok")


def test_head_follows_redirects_as_head(server: Server) -> None:
    fetch(server.url("/redirect"), "HEAD", timeout=5, read_body=False)
    assert [(s.method, s.path) for s in server.state.seen] == [
        ("HEAD", "/redirect"),
        ("HEAD", "/ok"),
    ]


def test_a_server_error_is_an_answer_but_not_ok(server: Server) -> None:
    answer = fetch(server.url("/fail"), timeout=5)
    assert answer.status == 500 and not answer.ok and answer.error == ""


def test_a_slow_server_is_cut_at_the_deadline(server: Server) -> None:
    started = time.monotonic()
    answer = fetch(server.url("/slow?s=3"), timeout=0.4)
    waited = time.monotonic() - started
    assert not answer.ok and "timed out" in answer.error
    assert 0.4 <= waited < 1.0


def test_a_body_that_trickles_is_cut_at_the_deadline_too(server: Server) -> None:
    # Each byte comes well within any per-read timeout: only a deadline on the whole
    # response stops the wait (1000 bytes at 50 ms would take 50 s).
    started = time.monotonic()
    answer = fetch(server.url("/trickle"), timeout=0.5)
    assert "timed out" in answer.error
    assert time.monotonic() - started < 1.5


def test_a_dropped_connection_is_a_failure(server: Server) -> None:
    answer = fetch(server.url("/drop"), timeout=5)
    assert answer.status == 0 and "connection dropped" in answer.error


def test_a_refused_connection_is_a_failure() -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    answer = fetch(f"http://127.0.0.1:{port}/", timeout=5)
    assert answer.status == 0 and "connection refused" in answer.error


def test_a_redirect_loop_ends(server: Server) -> None:
    answer = fetch(server.url("/loop"), timeout=5)
    assert "too many redirects" in answer.error
    assert len(server.state.seen) == MAX_REDIRECTS + 1


def test_a_chinese_path_is_percent_encoded_when_sent(server: Server) -> None:
    fetch(server.url("/附件/表格 一.pdf"), timeout=5)
    assert server.state.seen[0].path == "/%E9%99%84%E4%BB%B6/%E8%A1%A8%E6%A0%BC%20%E4%B8%80.pdf"


def test_the_seconds_are_measured_by_the_clock_given() -> None:
    ticks = iter([100.0, 103.5])
    answer = fetch("ftp://example.invalid/", timeout=5, clock=lambda: next(ticks))
    assert answer.seconds == 3.5 and "not an http(s) URL" in answer.error


def test_a_chinese_domain_is_looked_up_in_its_ascii_form(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[object] = []

    def lookup(host: object, *args: object, **kwargs: object) -> object:
        asked.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "not here")

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    answer = fetch("http://示例市政府.政务/", timeout=5)
    assert "name not resolved" in answer.error
    [host] = asked
    assert isinstance(host, str) and host.isascii() and host.startswith("xn--")
    assert host.encode("ascii").decode("idna") == "示例市政府.政务"
